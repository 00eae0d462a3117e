/*
 * text_clean.c - termin_textfile: decoded lines made into clean paragraphs.
 *
 * Cleaning turns Unicode spaces into plain ones and collapses runs, drops
 * invisible characters, removes navigation boilerplate (also when it is
 * glued to the next text) and rejoins a word that a stray line break cut
 * in two. Every edit is recorded as an anchor so that positions in the
 * cleaned text map back to byte offsets in the original input.
 */
#include "text_internal.h"
#include "termin/text.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

/* ======================= boilerplate ======================= */

struct termin_boilerplate {
	char **phrases; /* lower-cased (ASCII and Cyrillic) */
	size_t n, cap;
	size_t maxlen;  /* bytes of the longest phrase */
	int32_t (*head)[2]; /* the first two code points of each phrase */
};

static const char *const builtin_boilerplate[] = {
	"Go back",
	"Back to the section",
	"Back to the all news",
	"Back to all news",
	"Back to the news",
	"Back to news",
	"Back to top",
	"Back",
	"Print",
	"Print version",
	"Share",
	"Read more",
	"Вернуться назад",
	"Назад",
	"Вернуться в раздел",
	"Вернуться к списку новостей",
	"Все новости",
	"Назад к разделу",
	"Версия для печати",
	"Поделиться",
	"Читать далее",
	"Подробнее",
};

/* Lower-cases `s` into `out` (code point by code point, with ICU). */
static void fold_into(termin_buf *out, const char *s, size_t len)
{
	size_t i = 0;
	termin_buf_clear(out);
	while (i < len) {
		int32_t cp = termin__utf8_next(s, len, &i);
		char enc[4];
		if (cp < 0)
			continue;
		cp = u_tolower(cp);
		termin_buf_put(out, enc, (size_t)termin__utf8_encode(cp, enc));
	}
}

int termin_boilerplate_add(termin_boilerplate *b, const char *phrase)
{
	termin_buf f = TERMIN_BUF_INIT;
	size_t len = strlen(phrase);
	while (len && (phrase[len - 1] == ' ' || phrase[len - 1] == '\t' || phrase[len - 1] == '\r'))
		len--;
	while (len && (*phrase == ' ' || *phrase == '\t')) {
		phrase++;
		len--;
	}
	if (!len)
		return 0;
	fold_into(&f, phrase, len);
	if (f.len > b->maxlen)
		b->maxlen = f.len;
	size_t cap = b->cap;
	TERMIN_GROW(b->phrases, b->cap, b->n + 1);
	if (b->cap != cap)
		b->head = termin__xrealloc(b->head, b->cap * sizeof *b->head);
	size_t k = 0;
	b->head[b->n][0] = termin__utf8_next(f.ptr, f.len, &k);
	b->head[b->n][1] = k < f.len ? termin__utf8_next(f.ptr, f.len, &k) : -1;
	b->phrases[b->n++] = termin_buf_detach(&f);
	return 0;
}

int termin_boilerplate_new(termin_boilerplate **out)
{
	termin_boilerplate *b = termin__xcalloc(1, sizeof *b);
	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(builtin_boilerplate); i++)
		termin_boilerplate_add(b, builtin_boilerplate[i]);
	*out = b;
	return 0;
}

int termin_boilerplate_load(termin_boilerplate *b, const char *path)
{
	char *data;
	size_t len;
	int rc = termin__read_file(path, &data, &len);
	if (rc < 0)
		return rc;
	if (termin__utf8_valid_prefix(data, len, NULL) != len) {
		free(data);
		return termin__error_set(TERMIN_EENCODING, "%s: not valid UTF-8", path);
	}
	char *p = data, *end = data + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = termin__xstrndup(p, n);
		if (line[0] != '#')
			termin_boilerplate_add(b, line);
		free(line);
		p += n + 1;
	}
	free(data);
	return 0;
}

void termin_boilerplate_free(termin_boilerplate *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++)
		free(b->phrases[i]);
	free(b->phrases);
	free(b->head);
	free(b);
}

/* ======================= textfile ======================= */

typedef struct {
	size_t clean;  /* position in the cleaned text */
	size_t raw;    /* position in the decoded text of source `src` */
	int src;
} anchor;

typedef struct {
	uint64_t orig;     /* original offset of the source's first byte */
	termin_buf raw;    /* decoded text, kept only when offsets need measuring */
} source;

typedef struct {
	termin_buf text;
	anchor *anchors;
	size_t n_anchors, cap_anchors;
	source src[2];
	int n_src;
	size_t lineno;
	int continued, partial;
	int valid;
	int adjacent;      /* directly follows the previous physical line */
	int space_pending; /* cleaned text of a partial piece ended in a space */
} cline;

typedef struct {
	uint64_t hash;
	size_t line;
} rep_slot;

#define REP_MAX (1u << 20)
#define REPEAT_LIST_MAX 1000

struct termin_textfile {
	termin__reader *reader;
	int clean;
	const termin_boilerplate *bp;
	termin_boilerplate *own_bp;
	termin_speller *speller;
	int identity_offsets;   /* UTF-8 input: offsets need no measuring */

	cline cur, next;        /* the line delivered and the lookahead */
	int blank_since_next;   /* a blank line came before `next` */
	size_t paragraphs;
	termin_buf fold;

	rep_slot *rep;
	size_t rep_n, rep_cap;
	size_t *repeats;        /* pairs (line, first_line) */
	size_t n_repeats_listed;

	termin_textfile_stats stats;
};

static void cline_reset(cline *c)
{
	termin_buf_clear(&c->text);
	c->n_anchors = 0;
	c->n_src = 0;
	c->valid = 0;
	c->continued = c->partial = 0;
	for (int i = 0; i < 2; i++)
		termin_buf_clear(&c->src[i].raw);
}

static void cline_free(cline *c)
{
	termin_buf_free(&c->text);
	free(c->anchors);
	for (int i = 0; i < 2; i++)
		termin_buf_free(&c->src[i].raw);
}

static void add_anchor(cline *c, size_t clean, size_t raw, int src)
{
	if (c->n_anchors) {
		anchor *a = &c->anchors[c->n_anchors - 1];
		/* skip anchors that the previous one already implies */
		if (a->src == src && clean - a->clean == raw - a->raw)
			return;
		if (a->clean == clean) {
			a->raw = raw;
			a->src = src;
			return;
		}
	}
	TERMIN_GROW(c->anchors, c->cap_anchors, c->n_anchors + 1);
	c->anchors[c->n_anchors++] = (anchor){ clean, raw, src };
}

/* Bytes that cleaning copies as they are: printable ASCII, and UTF-8
 * sequences whose lead byte cannot start a space, an invisible or a
 * control character (C2 and E2 are decided on their next bytes; E1, E3
 * and EF take the slow path). Input here is valid UTF-8. */
static const unsigned char plain_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Is the two- or three-byte sequence at s (lead C2 or E2, complete)
 * copied as it is? */
static inline int plain_seq(const unsigned char *s)
{
	if (s[0] == 0xC2)
		return s[1] >= 0xA0 && s[1] != 0xA0 && s[1] != 0xAD;
	/* E2 80 80-8F spaces and zero-width marks, E2 80 A8/A9 line and
	 * paragraph separators, E2 80 AF, E2 81 9F spaces, E2 81 A0 joiner */
	if (s[1] == 0x80)
		return !(s[2] <= 0x8F || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF);
	if (s[1] == 0x81)
		return s[2] != 0x9F && s[2] != 0xA0;
	return 1;
}

/* Copies a raw line into `c`, cleaning it when asked. Runs of text that
 * need no change are found and copied in bulk; only spaces, invisible and
 * control characters go through the character-by-character path. */
static void clean_into(termin_textfile *t, cline *c, const termin__rawline *rl, int src,
                       int space_pending)
{
	const char *s = rl->text;
	const unsigned char *u = (const unsigned char *)s;
	size_t len = rl->len, i = 0;
	size_t base = c->text.len;
	int pending_space = space_pending;

	c->src[src].orig = rl->orig;
	if (!t->identity_offsets)
		termin_buf_put(&c->src[src].raw, s, len);
	if (src + 1 > c->n_src)
		c->n_src = src + 1;
	add_anchor(c, base, 0, src);

	if (!t->clean) {
		termin_buf_put(&c->text, s, len);
		return;
	}
	termin_buf_reserve(&c->text, len + 1);
	while (i < len) {
		size_t start = i, j = i;
		int32_t cp;
		for (;;) {
			/* eight bytes at a time while they are printable ASCII with
			 * single spaces between words */
			while (j + 9 <= len) {
				uint64_t w, v, sp;
				memcpy(&w, u + j, 8);
				if ((w & 0x8080808080808080ULL) ||
				    ((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL))
					break; /* non-ASCII or a control character */
				v = w ^ 0x7F7F7F7F7F7F7F7FULL;
				if ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL)
					break; /* DEL */
				v = w ^ 0x2020202020202020ULL;
				sp = ~(((v & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | v |
				       0x7F7F7F7F7F7F7F7FULL); /* 0x80 in each space byte */
				if ((sp & (sp >> 8)) || (sp >> 63) || ((sp & 0x80) && (j == i || u[j - 1] == ' ')))
					break; /* two spaces, or a space at either end */
				j += 8;
			}
			if (j >= len)
				break;
			unsigned char b = u[j];
			if (plain_byte[b]) {
				j++;
			} else if ((b == 0xC2 && j + 1 < len) || (b == 0xE2 && j + 2 < len)) {
				if (!plain_seq(u + j))
					break;
				j += b == 0xC2 ? 2 : 3;
			} else if (b == ' ' && j > i && j + 1 < len && plain_byte[u[j + 1]]) {
				j++; /* one space between words stays as it is */
			} else {
				break;
			}
		}
		if (j > i) {
			if (pending_space) {
				if (c->text.len > base || rl->continued || space_pending)
					c->text.ptr[c->text.len++] = ' ';
				pending_space = 0;
			}
			add_anchor(c, c->text.len, i, src);
			memcpy(c->text.ptr + c->text.len, s + i, j - i);
			c->text.len += j - i;
			i = j;
			continue;
		}
		cp = termin__utf8_next(s, len, &i);
		if (cp == ' ' || termin__is_space(cp)) {
			if (cp != ' ' || pending_space)
				t->stats.spaces++;
			pending_space = 1;
			continue;
		}
		if (cp < 0 || termin__is_invisible(cp)) {
			add_anchor(c, c->text.len, i, src);
			continue;
		}
		if (pending_space) {
			if (c->text.len > base || rl->continued || space_pending)
				c->text.ptr[c->text.len++] = ' ';
			pending_space = 0;
		}
		add_anchor(c, c->text.len, start, src);
		memcpy(c->text.ptr + c->text.len, s + start, i - start);
		c->text.len += i - start;
	}
	c->text.ptr[c->text.len] = '\0';
	/* a partial piece keeps one trailing space so words stay apart */
	c->space_pending = rl->partial && pending_space;
}

/* Position in the decoded source for cleaned position `pos`. */
static const anchor *anchor_for(const cline *c, size_t pos)
{
	size_t lo = 0, hi = c->n_anchors;
	if (!c->n_anchors)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (c->anchors[mid].clean <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return &c->anchors[lo];
}

static size_t map_raw(const cline *c, size_t pos, int *src)
{
	const anchor *a = anchor_for(c, pos);
	if (!a) {
		*src = 0;
		return pos;
	}
	*src = a->src;
	return a->raw + (pos - a->clean);
}

/* Removes the first `k` bytes of the cleaned text (and one following
 * space), keeping anchors right. */
static void strip_prefix(cline *c, size_t k)
{
	while (k < c->text.len && c->text.ptr[k] == ' ')
		k++;
	int src;
	size_t raw = map_raw(c, k, &src);
	size_t j = 0;
	anchor *a = c->anchors;
	anchor first = { 0, raw, src };
	for (size_t i = 0; i < c->n_anchors; i++)
		if (a[i].clean > k) {
			a[j] = a[i];
			a[j].clean -= k;
			j++;
		}
	c->n_anchors = j;
	TERMIN_GROW(c->anchors, c->cap_anchors, c->n_anchors + 1);
	memmove(c->anchors + 1, c->anchors, c->n_anchors * sizeof *c->anchors);
	c->anchors[0] = first;
	c->n_anchors++;
	memmove(c->text.ptr, c->text.ptr + k, c->text.len - k);
	c->text.len -= k;
	c->text.ptr[c->text.len] = '\0';
}

static void trim_end(cline *c)
{
	while (c->text.len && c->text.ptr[c->text.len - 1] == ' ')
		c->text.len--;
	if (c->text.ptr)
		c->text.ptr[c->text.len] = '\0';
}

/* Is the character starting at s[i] a plausible start of new text glued to
 * a navigation line? (upper-case letter, digit or opening quote) */
static int starts_new_text(const char *s, size_t len, size_t i)
{
	int32_t cp = termin__utf8_next(s, len, &i);
	if (cp < 0)
		return 0;
	return u_isupper(cp) || u_isdigit(cp) || cp == '"' || cp == 0x201C || cp == 0xAB ||
	       cp == '(' || cp == '\'';
}

/* Is the character ending just before s[n] a lower-case letter? Glued
 * navigation ("...all newsThe") changes case there; "BACKGROUND" does not. */
static int ends_lower(const char *s, size_t n)
{
	int32_t cp = termin__utf8_prev(s, &n);
	return cp >= 0 && u_islower(cp);
}

/* Drops a boilerplate line (returns 1), or strips boilerplate glued to the
 * start of the text. Only the first bytes of a line are folded and
 * compared, and only when its first letter can start a phrase, so that
 * ordinary lines cost next to nothing. */
static int remove_boilerplate(termin_textfile *t, cline *c)
{
	const termin_boilerplate *bp = t->bp;
	int stripped;
	do {
		stripped = 0;
		if (!c->text.len || !bp->n)
			break;
		/* a phrase can only match a line that starts as it does */
		int32_t h0, h1 = -1;
		size_t k = 0;
		h0 = u_tolower(termin__utf8_next(c->text.ptr, c->text.len, &k));
		if (k < c->text.len)
			h1 = u_tolower(termin__utf8_next(c->text.ptr, c->text.len, &k));
		int maybe = 0;
		for (size_t i = 0; i < bp->n && !maybe; i++)
			maybe = bp->head[i][0] == h0 && (bp->head[i][1] == h1 || bp->head[i][1] < 0);
		if (!maybe)
			break;
		/* fold a prefix a little longer than the longest phrase, ending
		 * at a character boundary */
		size_t probe = c->text.len;
		if (probe > bp->maxlen + 8) {
			probe = bp->maxlen + 8;
			while (probe > 0 && ((unsigned char)c->text.ptr[probe] & 0xC0) == 0x80)
				probe--;
		}
		fold_into(&t->fold, c->text.ptr, probe);
		/* case folding may change byte lengths; compare on folded text and
		 * only strip when the prefix keeps its length */
		for (size_t i = 0; i < bp->n; i++) {
			const char *p = bp->phrases[i];
			size_t n = strlen(p);
			if (probe == c->text.len && t->fold.len == n && memcmp(t->fold.ptr, p, n) == 0) {
				t->stats.boilerplate++;
				return 1;
			}
			if (t->fold.len > n && t->fold.len == probe && strchr(p, ' ') &&
			    memcmp(t->fold.ptr, p, n) == 0 && ends_lower(c->text.ptr, n) &&
			    starts_new_text(c->text.ptr, c->text.len, n)) {
				/* glued: "Back to the all newsThe 23rd meeting" */
				strip_prefix(c, n);
				t->stats.boilerplate++;
				stripped = 1;
				break;
			}
		}
	} while (stripped && c->text.len);
	return c->text.len == 0;
}

/* Reads the next raw line into `c`, cleaned. Returns 1 for a line, 0 at
 * EOF, <0 on error; sets *blank when blank lines were skipped first. */
static int read_line(termin_textfile *t, cline *c, int *blank)
{
	termin__rawline rl;
	int rc;
	*blank = 0;
	for (;;) {
		int carry_space = c->space_pending;
		cline_reset(c);
		c->space_pending = 0;
		rc = termin__reader_next(t->reader, &rl);
		if (rc <= 0)
			return rc;
		if (!rl.continued)
			t->stats.lines++;
		c->lineno = rl.lineno;
		c->continued = rl.continued;
		c->partial = rl.partial;
		clean_into(t, c, &rl, 0, rl.continued && carry_space);
		if (t->clean && !rl.partial)
			trim_end(c);
		if (t->clean && !rl.continued && !rl.partial && remove_boilerplate(t, c)) {
			*blank = 1;
			continue;
		}
		if (c->text.len == 0 && !rl.partial && !rl.continued) {
			*blank = 1;
			continue;
		}
		if (c->text.len == 0 && !rl.partial && rl.continued)
			continue;
		c->valid = 1;
		return 1;
	}
}

/* The trailing word fragment of `c` (letters only), or 0 when the text
 * does not end in a letter. */
static size_t last_word(const cline *c, size_t *start)
{
	size_t i = c->text.len, end = i;
	while (i > 0) {
		size_t j = i;
		int32_t cp = termin__utf8_prev(c->text.ptr, &j);
		if (cp < 0 || !u_isalpha(cp))
			break;
		i = j;
	}
	*start = i;
	return end - i;
}

static size_t first_word(const cline *c)
{
	size_t i = 0;
	while (i < c->text.len) {
		size_t j = i;
		int32_t cp = termin__utf8_next(c->text.ptr, c->text.len, &j);
		if (cp < 0 || !u_isalpha(cp))
			break;
		i = j;
	}
	return i;
}

/* Decides whether `a` ending in a fragment and `b` starting with one hold
 * one word broken by a line break: the joined form is a dictionary word and
 * the fragments are not both words. */
static int should_rejoin(termin_textfile *t, const cline *a, const cline *b)
{
	size_t s1, n1 = last_word(a, &s1);
	size_t n2 = first_word(b);
	size_t i = 0;
	if (n1 == 0 || n2 == 0 || n1 + n2 > 64)
		return 0;
	int32_t first = termin__utf8_next(b->text.ptr, b->text.len, &i);
	if (!u_islower(first))
		return 0;
	char word[160];
	memcpy(word, a->text.ptr + s1, n1);
	memcpy(word + n1, b->text.ptr, n2);
	if (termin_speller_check(t->speller, word, n1 + n2) != 1)
		return 0;
	int w1 = termin_speller_check(t->speller, a->text.ptr + s1, n1) == 1;
	int w2 = termin_speller_check(t->speller, b->text.ptr, n2) == 1;
	return !(w1 && w2);
}

/* Appends `b` to `a` without a separator. */
static void join(termin_textfile *t, cline *a, cline *b)
{
	size_t base = a->text.len;
	int bsrc = a->n_src < 2 ? a->n_src : 1;
	if (a->n_src >= 2)
		return; /* at most one join per line */
	termin_buf_put(&a->text, b->text.ptr, b->text.len);
	a->src[bsrc].orig = b->src[0].orig;
	termin_buf_put(&a->src[bsrc].raw, b->src[0].raw.ptr ? b->src[0].raw.ptr : "",
	               b->src[0].raw.len);
	a->n_src = bsrc + 1;
	for (size_t i = 0; i < b->n_anchors; i++) {
		TERMIN_GROW(a->anchors, a->cap_anchors, a->n_anchors + 1);
		a->anchors[a->n_anchors++] = (anchor){ b->anchors[i].clean + base, b->anchors[i].raw, bsrc };
	}
	a->partial = b->partial;
	t->stats.rejoined++;
}

/* A 64-bit hash of a paragraph: every paragraph is hashed, so this is on
 * the hot path (termin__hash64 goes byte by byte). Four independent lanes
 * of eight bytes keep the multiplier busy. */
static uint64_t para_hash(const char *p, size_t n)
{
	const uint64_t k = 0xFF51AFD7ED558CCDULL;
	uint64_t a = 0x9E3779B97F4A7C15ULL ^ n, b = 0xC2B2AE3D27D4EB4FULL, c = 0x165667B19E3779F9ULL,
	         d = 0x27D4EB2F165667C5ULL, w[4];
	while (n >= 32) {
		memcpy(w, p, 32);
		a = (a ^ w[0]) * k;
		b = (b ^ w[1]) * k;
		c = (c ^ w[2]) * k;
		d = (d ^ w[3]) * k;
		a ^= a >> 29;
		b ^= b >> 29;
		c ^= c >> 29;
		d ^= d >> 29;
		p += 32;
		n -= 32;
	}
	while (n >= 8) {
		memcpy(w, p, 8);
		a = (a ^ w[0]) * k;
		a ^= a >> 29;
		p += 8;
		n -= 8;
	}
	w[0] = 0;
	memcpy(w, p, n);
	a = (a ^ w[0]) * k;
	a ^= (b * 31 + c) * k + d;
	a ^= a >> 33;
	a *= 0xC4CEB9FE1A85EC53ULL;
	a ^= a >> 33;
	return a;
}

static void note_repeat(termin_textfile *t, const cline *c)
{
	uint64_t h;
	size_t mask, i;
	if (c->partial || c->continued)
		return;
	if (t->rep_n * 2 >= t->rep_cap) {
		if (t->rep_cap >= REP_MAX * 2)
			goto lookup_only;
		size_t ncap = t->rep_cap ? t->rep_cap * 2 : 1024;
		rep_slot *n = termin__xcalloc(ncap, sizeof *n);
		for (size_t k = 0; k < t->rep_cap; k++)
			if (t->rep[k].hash) {
				size_t j = t->rep[k].hash & (ncap - 1);
				while (n[j].hash)
					j = (j + 1) & (ncap - 1);
				n[j] = t->rep[k];
			}
		free(t->rep);
		t->rep = n;
		t->rep_cap = ncap;
	}
lookup_only:
	h = para_hash(c->text.ptr ? c->text.ptr : "", c->text.len) | 1;
	mask = t->rep_cap - 1;
	i = h & mask;
	while (t->rep[i].hash) {
		if (t->rep[i].hash == h) {
			t->stats.repeated++;
			if (t->n_repeats_listed < REPEAT_LIST_MAX) {
				t->repeats = termin__xrealloc(t->repeats, (t->n_repeats_listed + 1) * 2 * sizeof(size_t));
				t->repeats[t->n_repeats_listed * 2] = c->lineno;
				t->repeats[t->n_repeats_listed * 2 + 1] = t->rep[i].line;
				t->n_repeats_listed++;
			}
			return;
		}
		i = (i + 1) & mask;
	}
	if (t->rep_n * 2 < t->rep_cap) {
		t->rep[i].hash = h;
		t->rep[i].line = c->lineno;
		t->rep_n++;
	}
}

int termin_textfile_next(termin_textfile *t, termin_line *line)
{
	int rc, blank;
	cline tmp;

	if (!t->next.valid) {
		rc = read_line(t, &t->next, &blank);
		if (rc <= 0)
			return rc;
	}
	/* rotate: cur <- next */
	tmp = t->cur;
	t->cur = t->next;
	t->next = tmp;
	t->next.valid = 0;
	t->next.space_pending = t->cur.space_pending;

	/* look ahead for a word broken across the line break */
	if (!t->cur.partial) {
		rc = read_line(t, &t->next, &blank);
		if (rc < 0)
			return rc;
		if (rc > 0 && !blank && t->clean && t->speller && !t->next.continued &&
		    should_rejoin(t, &t->cur, &t->next)) {
			join(t, &t->cur, &t->next);
			t->next.valid = 0;
		}
	}

	if (!t->cur.continued)
		t->paragraphs++;
	t->stats.paragraphs = t->paragraphs;
	note_repeat(t, &t->cur);

	line->text = t->cur.text.ptr ? t->cur.text.ptr : "";
	line->len = t->cur.text.len;
	line->line = t->cur.lineno;
	line->paragraph = t->paragraphs;
	line->continued = t->cur.continued;
	line->partial = t->cur.partial;
	return 1;
}

uint64_t termin_textfile_offset(const termin_textfile *t, size_t pos)
{
	const cline *c = &t->cur;
	int src;
	size_t raw = map_raw(c, pos, &src);
	if (src >= c->n_src)
		src = 0;
	if (t->identity_offsets)
		return c->src[src].orig + raw;
	const termin_buf *r = &c->src[src].raw;
	if (raw > r->len)
		raw = r->len;
	return c->src[src].orig + termin__reader_measure(t->reader, r->ptr ? r->ptr : "", raw);
}

const char *termin_textfile_name(const termin_textfile *t)
{
	return termin__reader_name(t->reader);
}

void termin_textfile_get_stats(const termin_textfile *t, termin_textfile_stats *out)
{
	*out = t->stats;
	out->bytes = termin__reader_bytes(t->reader);
}

int termin_textfile_repeat(const termin_textfile *t, size_t i, size_t *line, size_t *first_line)
{
	if (i >= t->n_repeats_listed)
		return TERMIN_ENOTFOUND;
	*line = t->repeats[i * 2];
	*first_line = t->repeats[i * 2 + 1];
	return 0;
}

static int finish_open(termin_textfile **out, termin_textfile *t, const termin_textfile_opts *opts)
{
	static const termin_textfile_opts defaults = TERMIN_TEXTFILE_OPTS_INIT;
	if (!opts)
		opts = &defaults;
	t->clean = opts->clean;
	t->speller = opts->speller;
	if (opts->boilerplate) {
		t->bp = opts->boilerplate;
	} else {
		termin_boilerplate_new(&t->own_bp);
		t->bp = t->own_bp;
	}
	/* offsets need measuring only when the input was transcoded */
	t->identity_offsets = termin__reader_measure(t->reader, "a\xd0\x96", 3) == 3;
	*out = t;
	return 0;
}

int termin_textfile_open(termin_textfile **out, const char *path, const termin_textfile_opts *opts)
{
	termin_textfile *t = termin__xcalloc(1, sizeof *t);
	int rc = termin__reader_open(&t->reader, path, opts ? opts->encoding : NULL,
	                             opts ? opts->max_line : 0);
	*out = NULL;
	if (rc < 0) {
		free(t);
		return rc;
	}
	return finish_open(out, t, opts);
}

int termin_textfile_open_buffer(termin_textfile **out, const char *name, const char *data,
                                size_t len, const termin_textfile_opts *opts)
{
	termin_textfile *t = termin__xcalloc(1, sizeof *t);
	int rc = termin__reader_open_buffer(&t->reader, name, data, len,
	                                    opts ? opts->encoding : NULL, opts ? opts->max_line : 0);
	*out = NULL;
	if (rc < 0) {
		free(t);
		return rc;
	}
	return finish_open(out, t, opts);
}

void termin_textfile_free(termin_textfile *t)
{
	if (!t)
		return;
	termin__reader_free(t->reader);
	termin_boilerplate_free(t->own_bp);
	cline_free(&t->cur);
	cline_free(&t->next);
	termin_buf_free(&t->fold);
	free(t->rep);
	free(t->repeats);
	free(t);
}
