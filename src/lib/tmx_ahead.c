/*
 * tmx_ahead.c - reading a TMX file on a thread of its own, ahead of the
 * caller.
 *
 * An import spends about a third of its time parsing XML and preparing
 * each unit (hashes, words), and the rest writing to SQLite, which can
 * only happen on one thread. Here a second thread runs the reader and the
 * caller's prepare function and hands the units over in blocks: each unit
 * is copied, with what was prepared for it, into its block's arena, and
 * the caller takes the blocks in order. A few blocks are in flight at a
 * time, so memory stays bounded whatever the file's size.
 *
 * Everything the reader says reaches the caller in document order and on
 * the caller's thread: warnings are queued as items among the units, and
 * an error travels as an item too and is recorded again (termin_error_last
 * is per thread) when the caller reaches it.
 *
 * When no thread can be started, the caller's own thread fills a block
 * each time it has taken the last one: the same results, one core.
 */
#include "tmx_ahead.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { IT_UNIT, IT_WARN, IT_ERROR, IT_END };

typedef struct {
	int kind;
	int code;                   /* IT_ERROR */
	int failed;                 /* IT_ERROR: the reader cannot go on */
	const termin_tmx_unit *unit;
	void *prep;
	const char *msg;            /* IT_WARN, IT_ERROR */
	uint64_t bytes;             /* termin_tmx_reader_bytes after the item */
} item;

typedef struct {
	item *items;
	size_t n, cap;
	termin__arena mem;          /* the units, their results, the messages */
} block;

/* Blocks in flight, and how full one gets before it is handed over. */
#define N_BLOCKS 6
#define BLOCK_UNITS 256
#define BLOCK_BYTES ((size_t)1 << 20)

struct termin__tmx_ahead {
	termin_tmx_reader *r;
	termin__tmx_prepare_fn prepare;
	void *prepare_ctx;
	void (*warn)(void *, const char *);
	void *warn_ctx;

	pthread_t th;
	int threaded;
	pthread_mutex_t mx;
	pthread_cond_t cv;
	block blk[N_BLOCKS];
	/* Blocks filled and blocks given back, counted from the start: the
	 * caller reads blk[given % N_BLOCKS] while given < filled, and the
	 * reading thread fills blk[filled % N_BLOCKS] while filled - given is
	 * below N_BLOCKS. */
	size_t filled, given;
	int stop;                   /* the caller is done: the thread ends */

	/* the reading side */
	block *fill;                /* the block being filled (warnings go there) */
	int finished;               /* the end or a fatal error was queued */

	/* the caller's side */
	block *cur;                 /* the block being read, or NULL */
	size_t pos;
	int done;                   /* reached the end */
	int failed;
	int last_code;              /* a fatal error, given again on every call */
	char *last_msg;
	uint64_t bytes;
};

/* ----------------------- the reading side ----------------------- */

static item *push(block *b, int kind)
{
	TERMIN_GROW(b->items, b->cap, b->n + 1);
	item *it = &b->items[b->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

static const char *dup(termin__arena *a, const char *s)
{
	return s ? termin__arena_strndup(a, s, strlen(s)) : NULL;
}

static void copy_stamp(termin__arena *a, termin_tmx_stamp *d, const termin_tmx_stamp *s)
{
	*d = *s;
	d->created_by = dup(a, s->created_by);
	d->changed_by = dup(a, s->changed_by);
	d->attrs = dup(a, s->attrs);
}

static const termin_tmx_meta *copy_meta(termin__arena *a, const termin_tmx_meta *m, size_t n)
{
	if (!n)
		return NULL;
	termin_tmx_meta *c = termin__arena_alloc(a, n * sizeof *c);
	for (size_t i = 0; i < n; i++) {
		c[i].is_note = m[i].is_note;
		c[i].type = dup(a, m[i].type);
		c[i].lang = dup(a, m[i].lang);
		c[i].text = dup(a, m[i].text);
	}
	return c;
}

/* A copy of `u` that lives in `a`. */
static const termin_tmx_unit *copy_unit(termin__arena *a, const termin_tmx_unit *u)
{
	termin_tmx_unit *c = termin__arena_alloc(a, sizeof *c);
	termin_tmx_variant *v = termin__arena_alloc(a, u->n_variants * sizeof *v + 1);
	*c = *u;
	c->tuid = dup(a, u->tuid);
	c->srclang = dup(a, u->srclang);
	copy_stamp(a, &c->stamp, &u->stamp);
	c->meta = copy_meta(a, u->meta, u->n_meta);
	for (size_t i = 0; i < u->n_variants; i++) {
		const termin_tmx_variant *s = &u->variants[i];
		v[i] = *s;
		v[i].lang = dup(a, s->lang);
		v[i].markup = termin__arena_strndup(a, s->markup, s->markup_len);
		/* most variants have no inline codes: their text is their markup */
		if (s->text && s->markup && s->text_len == s->markup_len &&
		    memcmp(s->text, s->markup, s->text_len) == 0)
			v[i].text = v[i].markup;
		else
			v[i].text = termin__arena_strndup(a, s->text, s->text_len);
		copy_stamp(a, &v[i].stamp, &s->stamp);
		v[i].meta = copy_meta(a, s->meta, s->n_meta);
	}
	c->variants = v;
	return c;
}

/* The reader's warnings, queued in the block being filled. */
static void on_warn(void *ctx, const char *msg)
{
	termin__tmx_ahead *a = ctx;
	item *it = push(a->fill, IT_WARN);
	it->msg = dup(&a->fill->mem, msg);
	it->bytes = termin_tmx_reader_bytes(a->r);
}

/* Reads into `b` until it is full, the file ends or the reader fails. */
static void fill_block(termin__tmx_ahead *a, block *b)
{
	b->n = 0;
	termin__arena_reset(&b->mem);
	a->fill = b;
	while (b->n < BLOCK_UNITS && b->mem.bytes < BLOCK_BYTES) {
		const termin_tmx_unit *u;
		int rc = termin_tmx_reader_next(a->r, &u);
		if (rc > 0) {
			item *it = push(b, IT_UNIT);
			it->unit = copy_unit(&b->mem, u);
			it->prep = a->prepare ? a->prepare(a->prepare_ctx, it->unit, &b->mem) : NULL;
			it->bytes = termin_tmx_reader_bytes(a->r);
			continue;
		}
		item *it = push(b, rc == 0 ? IT_END : IT_ERROR);
		it->bytes = termin_tmx_reader_bytes(a->r);
		if (rc < 0) {
			const termin_error *e = termin_error_last();
			it->code = rc;
			it->msg = dup(&b->mem, e && e->message ? e->message : "cannot read the file");
			it->failed = termin_tmx_reader_failed(a->r);
		}
		if (rc == 0 || it->failed) {
			a->finished = 1;
			break;
		}
	}
}

static void *run(void *arg)
{
	termin__tmx_ahead *a = arg;
	while (!a->finished) {
		pthread_mutex_lock(&a->mx);
		while (!a->stop && a->filled - a->given >= N_BLOCKS)
			pthread_cond_wait(&a->cv, &a->mx);
		int stop = a->stop;
		size_t slot = a->filled % N_BLOCKS;
		pthread_mutex_unlock(&a->mx);
		if (stop)
			break;
		fill_block(a, &a->blk[slot]);
		pthread_mutex_lock(&a->mx);
		a->filled++;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mx);
	}
	return NULL;
}

/* ----------------------- the caller's side ----------------------- */

int termin__tmx_ahead_start(termin__tmx_ahead **out, termin_tmx_reader *r,
                            termin__tmx_prepare_fn prepare, void *prepare_ctx,
                            void (*warn)(void *ctx, const char *msg), void *warn_ctx)
{
	termin__tmx_ahead *a = termin__xcalloc(1, sizeof *a);
	a->r = r;
	a->prepare = prepare;
	a->prepare_ctx = prepare_ctx;
	a->warn = warn;
	a->warn_ctx = warn_ctx;
	a->bytes = termin_tmx_reader_bytes(r);
	termin__tmx_reader_set_warn(r, on_warn, a);
	pthread_mutex_init(&a->mx, NULL);
	pthread_cond_init(&a->cv, NULL);
	a->threaded = pthread_create(&a->th, NULL, run, a) == 0;
	*out = a;
	return 0;
}

/* The next block to read, or NULL when the reading thread has stopped. */
static block *take(termin__tmx_ahead *a)
{
	block *b;
	if (!a->threaded) {
		if (a->finished)
			return NULL;
		fill_block(a, &a->blk[0]);
		return &a->blk[0];
	}
	pthread_mutex_lock(&a->mx);
	while (a->given == a->filled)
		pthread_cond_wait(&a->cv, &a->mx);
	b = &a->blk[a->given % N_BLOCKS];
	pthread_mutex_unlock(&a->mx);
	return b;
}

static void give_back(termin__tmx_ahead *a)
{
	a->cur = NULL;
	if (!a->threaded)
		return;
	pthread_mutex_lock(&a->mx);
	a->given++;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mx);
}

int termin__tmx_ahead_next(termin__tmx_ahead *a, const termin_tmx_unit **u, void **prep)
{
	*u = NULL;
	*prep = NULL;
	if (a->last_code)
		return termin__error_set(a->last_code, "%s", a->last_msg);
	if (a->done)
		return 0;
	for (;;) {
		if (!a->cur) {
			if (!(a->cur = take(a)))
				return 0; /* not reached: the last block ends the file */
			a->pos = 0;
		}
		if (a->pos == a->cur->n) {
			give_back(a);
			continue;
		}
		const item *it = &a->cur->items[a->pos++];
		a->bytes = it->bytes;
		switch (it->kind) {
		case IT_UNIT:
			*u = it->unit;
			*prep = it->prep;
			return 1;
		case IT_WARN:
			if (a->warn)
				a->warn(a->warn_ctx, it->msg);
			continue;
		case IT_END:
			a->done = 1;
			return 0;
		default:
			if (it->failed) {
				a->failed = 1;
				a->last_code = it->code;
				a->last_msg = termin__xstrdup(it->msg);
			}
			return termin__error_set(it->code, "%s", it->msg);
		}
	}
}

int termin__tmx_ahead_failed(const termin__tmx_ahead *a)
{
	return a->failed;
}

uint64_t termin__tmx_ahead_bytes(const termin__tmx_ahead *a)
{
	return a->bytes;
}

void termin__tmx_ahead_free(termin__tmx_ahead *a)
{
	if (!a)
		return;
	if (a->threaded) {
		pthread_mutex_lock(&a->mx);
		a->stop = 1;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mx);
		pthread_join(a->th, NULL);
	}
	termin__tmx_reader_set_warn(a->r, NULL, NULL);
	pthread_mutex_destroy(&a->mx);
	pthread_cond_destroy(&a->cv);
	for (size_t i = 0; i < N_BLOCKS; i++) {
		free(a->blk[i].items);
		termin__arena_free(&a->blk[i].mem);
	}
	free(a->last_msg);
	free(a);
}
