/*
 * leverage.c - what `tm match`, `analyze` and `pretranslate` share: the
 * segments of a file with their neighbours, fuzzy matchers per source
 * language, and keeping the fuzzy index up to date after imports.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void on_progress(void *ctx, const char *what, uint64_t done, uint64_t total)
{
	(void)ctx;
	cli_progress(what, done, total);
}

const char *cli_tm_path(const char *db)
{
	const char *path = cli_db_path(db);
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "termin: %s: cannot open the TM: %s\n", path, strerror(errno));
		return NULL;
	}
	return path;
}

int cli_fuzzy_index(termin_tm *tm)
{
	int rc = termin_fuzzy_index_update(tm, NULL, on_progress, NULL);
	cli_progress_done();
	return rc < 0 ? cli_fail(rc) : 0;
}

/* ======================= segments with neighbours ======================= */

typedef struct {
	char *text;
	size_t len, cap;
	char lang[TERMIN_LANG_MAX];
	size_t line;
	uint64_t hash;
} held;

struct cli_segreader {
	termin_textfile *tf;
	termin_segmenter *seg;
	termin_segstream *ss;
	termin_speller *sp;
	held slot[2];          /* the segment handed out and the one after it */
	int cur, have_next, started;
	uint64_t prev_hash;
	uint64_t size;
};

static void hold(held *h, const termin_segment *s)
{
	if (s->len + 1 > h->cap) {
		h->cap = s->len + 64;
		h->text = realloc(h->text, h->cap);
		if (!h->text)
			abort();
	}
	memcpy(h->text, s->text, s->len);
	h->text[s->len] = '\0';
	h->len = s->len;
	snprintf(h->lang, sizeof h->lang, "%s", s->lang ? s->lang : "en");
	h->line = s->line;
	h->hash = termin_tm_text_hash(s->text, s->len);
}

int cli_segreader_open(cli_segreader **out, const char *path, const char *lang,
                       const char *encoding, int clean)
{
	cli_segreader *r = calloc(1, sizeof *r);
	termin_textfile_opts to = TERMIN_TEXTFILE_OPTS_INIT;
	struct stat st;
	int rc;
	if (!r)
		abort();
	*out = NULL;
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
		r->size = (uint64_t)st.st_size;
	r->sp = cli_speller_new();
	to.encoding = encoding;
	to.clean = clean;
	to.speller = r->sp;
	if ((rc = termin_segmenter_new(&r->seg, NULL)) < 0 ||
	    (rc = termin_textfile_open(&r->tf, path, &to)) < 0 ||
	    (rc = termin_segstream_new(&r->ss, r->tf, r->seg, lang)) < 0) {
		cli_segreader_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int cli_segreader_next(cli_segreader *r, cli_seg *out)
{
	termin_segment s;
	int rc;
	if (!r->started) {
		r->started = 1;
		if ((rc = termin_segstream_next(r->ss, &s)) < 0)
			return rc;
		if (rc == 0)
			return 0;
		hold(&r->slot[0], &s);
		r->cur = 0;
		r->have_next = 1;
	} else {
		if (!r->have_next)
			return 0;
		r->prev_hash = r->slot[r->cur].hash;
		r->cur ^= 1;
	}
	/* read one ahead: the next segment's hash is this one's context */
	held *h = &r->slot[r->cur], *nx = &r->slot[r->cur ^ 1];
	if ((rc = termin_segstream_next(r->ss, &s)) < 0)
		return rc;
	r->have_next = rc > 0;
	if (rc > 0)
		hold(nx, &s);
	out->text = h->text;
	out->len = h->len;
	out->lang = h->lang;
	out->line = h->line;
	out->ctx.prev_hash = r->prev_hash;
	out->ctx.next_hash = r->have_next ? nx->hash : 0;
	return 1;
}

void cli_segreader_progress(cli_segreader *r, uint64_t *done, uint64_t *total)
{
	termin_textfile_stats ts;
	termin_textfile_get_stats(r->tf, &ts);
	*done = ts.bytes;
	*total = r->size;
}

const char *cli_segreader_name(cli_segreader *r)
{
	return termin_textfile_name(r->tf);
}

void cli_segreader_free(cli_segreader *r)
{
	if (!r)
		return;
	termin_segstream_free(r->ss);
	termin_textfile_free(r->tf);
	termin_segmenter_free(r->seg);
	termin_speller_free(r->sp);
	free(r->slot[0].text);
	free(r->slot[1].text);
	free(r);
}

/* ======================= matchers per language ======================= */

struct cli_matchers {
	termin_tm *tm;
	termin_fuzzy_opts base;
	struct { char lang[16]; termin_fuzzy *f; } m[8];
	size_t n;
};

cli_matchers *cli_matchers_new(termin_tm *tm, const termin_fuzzy_opts *base)
{
	cli_matchers *m = calloc(1, sizeof *m);
	if (!m)
		abort();
	m->tm = tm;
	m->base = *base;
	return m;
}

termin_fuzzy *cli_matchers_get(cli_matchers *m, const char *lang, int *rc)
{
	char key[16];
	size_t i;
	snprintf(key, sizeof key, "%s", lang);
	for (i = 0; i < m->n; i++)
		if (strcmp(m->m[i].lang, key) == 0)
			return m->m[i].f;
	if (m->n == sizeof m->m / sizeof *m->m) {
		*rc = TERMIN_EUSAGE;
		fprintf(stderr, "termin: too many source languages\n");
		return NULL;
	}
	termin_fuzzy_opts o = m->base;
	o.src = lang;
	/* the index was brought up to date with the first matcher */
	o.no_update = o.no_update || m->n > 0;
	if ((*rc = termin_fuzzy_new(&m->m[m->n].f, m->tm, &o)) < 0)
		return NULL;
	snprintf(m->m[m->n].lang, sizeof m->m[m->n].lang, "%s", key);
	return m->m[m->n++].f;
}

void cli_matchers_free(cli_matchers *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		termin_fuzzy_free(m->m[i].f);
	free(m);
}
