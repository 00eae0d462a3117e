/*
 * fuzzy_score.c - fuzzy match scores: segments cut into tokens, a
 * word-level edit distance with penalties, and a token diff for showing
 * what differs.
 *
 * The score follows OmegaT and Trados: 100 * (1 - d / max(n, m)) where d
 * is the Levenshtein distance between the two word sequences (n and m
 * words), words compared case-insensitively; numbers are placeables that
 * match each other in that sequence, and what the distance does not see
 * is taken off as penalties: 2 points for each aligned number that
 * differs, 1 for each tag and each punctuation mark missing or extra, 1
 * for each aligned word that differs only in case. Anything short of
 * identical scores at most 99. docs/termin.1 has worked examples, and
 * tests/unit/test_fuzzy.c checks them.
 */
#include "fuzzy_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* ======================= display text ======================= */

typedef struct fuzzy_span {
	size_t start, end;
} span;

/* Decodes one entity at s[*i] ('&'); appends it and advances, or appends
 * the '&' as it is when it is not an entity. */
static void put_entity(termin_buf *b, const char *s, size_t len, size_t *i)
{
	static const struct { const char *name; char c; } named[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' }, { "apos;", '\'' },
	};
	size_t p = *i + 1;
	for (size_t k = 0; k < TERMIN_ARRAY_SIZE(named); k++) {
		size_t n = strlen(named[k].name);
		if (p + n <= len && memcmp(s + p, named[k].name, n) == 0) {
			termin_buf_putc(b, named[k].c);
			*i = p + n;
			return;
		}
	}
	if (p < len && s[p] == '#') {
		size_t q = p + 1;
		int hex = q < len && (s[q] == 'x' || s[q] == 'X');
		long cp = 0;
		if (hex)
			q++;
		size_t digits = q;
		while (q < len && q - digits < 8 &&
		       ((s[q] >= '0' && s[q] <= '9') ||
		        (hex && ((s[q] >= 'a' && s[q] <= 'f') || (s[q] >= 'A' && s[q] <= 'F'))))) {
			int d = s[q] <= '9' ? s[q] - '0' : (s[q] | 0x20) - 'a' + 10;
			cp = cp * (hex ? 16 : 10) + d;
			q++;
		}
		if (q > digits && q < len && s[q] == ';' && cp > 0 && cp <= 0x10FFFF) {
			char enc[4];
			int n = termin__utf8_encode((int32_t)cp, enc);
			termin_buf_put(b, enc, (size_t)n);
			*i = q + 1;
			return;
		}
	}
	termin_buf_putc(b, '&');
	*i = *i + 1;
}

static int is_code_element(const char *name, size_t n)
{
	static const char *const names[] = { "bpt", "ept", "it", "ph", "ut" };
	for (size_t k = 0; k < TERMIN_ARRAY_SIZE(names); k++)
		if (strlen(names[k]) == n && memcmp(names[k], name, n) == 0)
			return 1;
	return 0;
}

/* Turns TMX <seg> content into display text: entities decoded, the native
 * code of each inline code element shown in its place (and its span
 * recorded as a tag), other elements (hi, sub) dropped with their text
 * kept. Malformed markup is shown as it is. */
static void markup_to_text(termin_buf *b, const char *s, size_t len, span **tags, size_t *n_tags,
                           size_t *cap_tags)
{
	size_t i = 0, lt = 0, amp = 0; /* the next '<' and '&' at or after i (len: none) */
	*n_tags = 0;
	while (i < len) {
		if (s[i] == '&') {
			put_entity(b, s, len, &i);
			continue;
		}
		if (s[i] != '<') {
			/* text up to the next '<' or '&', found by memchr: most
			 * segments have none, or a few */
			if (lt <= i) {
				const char *p = memchr(s + i, '<', len - i);
				lt = p ? (size_t)(p - s) : len;
			}
			if (amp <= i) {
				const char *p = memchr(s + i, '&', len - i);
				amp = p ? (size_t)(p - s) : len;
			}
			size_t run = lt < amp ? lt : amp;
			termin_buf_put(b, s + i, run - i);
			i = run;
			continue;
		}
		const char *gt = memchr(s + i, '>', len - i);
		if (!gt) {
			termin_buf_putc(b, s[i++]);
			continue;
		}
		size_t end = (size_t)(gt - s) + 1, ns = i + 1, ne;
		int closing = ns < len && s[ns] == '/';
		if (closing)
			ns++;
		for (ne = ns; ne < end - 1 && s[ne] != ' ' && s[ne] != '/' && s[ne] != '\t' &&
		              s[ne] != '\n' && s[ne] != '>'; ne++)
			;
		int empty = gt > s + i && gt[-1] == '/';
		if (closing || !is_code_element(s + ns, ne - ns)) {
			i = end; /* hi, sub and stray closing tags: the text around them stays */
			continue;
		}
		/* a code element: its content up to the matching close tag */
		size_t start = b->len, cstart = end, cend = end, after = end;
		if (!empty) {
			char close[8];
			int cl = snprintf(close, sizeof close, "</%.*s>", (int)(ne - ns), s + ns);
			const char *c = memmem(s + end, len - end, close, (size_t)cl);
			if (c) {
				cend = (size_t)(c - s);
				after = cend + (size_t)cl;
			}
		}
		for (size_t k = cstart; k < cend;) {
			if (s[k] == '&') {
				put_entity(b, s, cend, &k);
			} else if (s[k] == '<') {
				const char *g = memchr(s + k, '>', cend - k);
				k = g ? (size_t)(g - s) + 1 : cend; /* <sub> inside a code */
			} else {
				termin_buf_putc(b, s[k++]);
			}
		}
		if (b->len == start)
			termin_buf_printf(b, "<%.*s/>", (int)(ne - ns), s + ns);
		/* the tag must stand apart from the words around it */
		TERMIN_GROW(*tags, *cap_tags, *n_tags + 1);
		(*tags)[*n_tags].start = start;
		(*tags)[*n_tags].end = b->len;
		(*n_tags)++;
		i = after;
	}
}

/* ======================= tokens ======================= */

static int is_word_cp_icu(int32_t cp)
{
	return u_isalnum(cp) || u_hasBinaryProperty(cp, UCHAR_ALPHABETIC);
}

/* ASCII and the basic Cyrillic block answer without asking ICU: they are
 * most of every EN-RU text, and this runs for each character indexed. */
static inline int is_word_cp(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 0 && (((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
		                   (cp >= '0' && cp <= '9') || cp == '_');
	if (cp >= 0x410 && cp <= 0x44F)
		return 1;
	return is_word_cp_icu(cp);
}

static int is_digit_cp(int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* termin__utf8_next with ASCII and Cyrillic (U+0400..U+047F) answered
 * inline: most characters are. */
static inline int32_t next_cp(const char *s, size_t len, size_t *i)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char c = u[*i];
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if ((c == 0xD0 || c == 0xD1) && *i + 1 < len && (u[*i + 1] & 0xC0) == 0x80) {
		int32_t cp = ((c & 0x1F) << 6) | (u[*i + 1] & 0x3F);
		*i += 2;
		return cp;
	}
	return termin__utf8_next(s, len, i);
}

static int32_t peek(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return -2;
	return next_cp(s, len, &i);
}

/* A tag written in plain text: "<b>", "</i>", "<br/>", "<x1/>". */
static size_t plain_tag_end(const char *s, size_t len, size_t i)
{
	size_t k = i + 1;
	if (k >= len || !((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') || s[k] == '/'))
		return 0;
	for (; k < len && k - i < 200; k++) {
		if (s[k] == '>')
			return k + 1;
		if (s[k] == '<' || s[k] == '\n')
			return 0;
	}
	return 0;
}

static void add_tok(termin_fuzzy_seg *g, int kind, uint64_t key, uint64_t exact,
                    size_t start, size_t end)
{
	TERMIN_GROW(g->tok, g->cap_tok, g->n_tok + 1);
	fuzzy_tok *t = &g->tok[g->n_tok++];
	t->kind = (uint8_t)kind;
	t->key = key;
	t->exact = exact;
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
}

/* Folds a word for comparison: Unicode case folding, ё as е. ASCII and
 * the Russian alphabet are folded here, the rest by ICU. */
static uint64_t fold_hash(const char *s, size_t len, termin_buf *scratch)
{
	termin_buf_clear(scratch);
	termin_buf_reserve(scratch, 2 * len + 4);
	char *o = scratch->ptr;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		if (u[i] < 0x80) {
			*o++ = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] + 32 : u[i]);
			i++;
			continue;
		}
		int32_t cp;
		if ((u[i] == 0xD0 || u[i] == 0xD1) && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
			/* Cyrillic U+0400..U+047F, most of a Russian text */
			cp = ((u[i] & 0x1F) << 6) | (u[i + 1] & 0x3F);
			i += 2;
			if (cp >= 0x430 && cp <= 0x44F) {
				o[0] = (char)u[i - 2];
				o[1] = (char)u[i - 1];
				o += 2;
				continue;
			}
		} else {
			cp = termin__utf8_next(s, len, &i);
		}
		if (cp < 0) {
			*o++ = s[i - 1];
			continue;
		}
		if (cp >= 0x410 && cp <= 0x42F)
			cp += 0x20;
		else if (cp == 0x401 || cp == 0x451)
			cp = 0x435;
		else if (cp < 0x430 || cp > 0x44F)
			cp = (int32_t)u_foldCase(cp, U_FOLD_CASE_DEFAULT);
		if (cp == 0x451)
			cp = 0x435;
		o += termin__utf8_encode(cp, o);
	}
	scratch->len = (size_t)(o - scratch->ptr);
	return termin__hash64(scratch->ptr, scratch->len, 7);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static void tokenize(termin_fuzzy_seg *g, const span *tags, size_t n_tags, int keys_only)
{
	const char *s = g->text;
	size_t len = g->len, i = 0, t = 0;
	termin_buf *scratch = &g->scratch;
	while (i < len) {
		if (t < n_tags && i >= tags[t].start) {
			if (tags[t].end > tags[t].start) {
				uint64_t h = termin__hash64(s + tags[t].start, tags[t].end - tags[t].start, 3);
				add_tok(g, FTOK_TAG, h, h, tags[t].start, tags[t].end);
			}
			if (tags[t].end > i)
				i = tags[t].end;
			t++;
			continue;
		}
		size_t start = i;
		int32_t cp = next_cp(s, len, &i);
		int word = is_word_cp(cp);
		if (!word && cp >= 0 && (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		                         termin__is_space(cp) || termin__is_invisible(cp)))
			continue;
		if (cp == '<') {
			size_t e = plain_tag_end(s, len, start);
			if (e) {
				uint64_t h = termin__hash64(s + start, e - start, 3);
				add_tok(g, FTOK_TAG, h, h, start, e);
				i = e;
				continue;
			}
		}
		if (!word) {
			add_tok(g, FTOK_PUNCT, (uint64_t)(cp < 0 ? 0xFFFD : cp) + 1,
			        (uint64_t)(cp < 0 ? 0xFFFD : cp) + 1, start, i);
			continue;
		}
		/* a word: letters and digits, joined by an apostrophe or hyphen
		 * between word characters, and by . , : / between digits */
		int digits_only = is_digit_cp(cp), has_digit = digits_only;
		int32_t prev = cp;
		for (;;) {
			if (t < n_tags && i >= tags[t].start)
				break;
			size_t j = i;
			if (j >= len)
				break;
			int32_t c = next_cp(s, len, &j);
			if (is_word_cp(c)) {
				if (!is_digit_cp(c))
					digits_only = 0;
				else
					has_digit = 1;
				prev = c;
				i = j;
				continue;
			}
			int32_t n2 = peek(s, len, j);
			int joiner = (c == '\'' || c == 0x2019 || c == '-' || c == 0x2010) && is_word_cp(n2) &&
			             !(is_digit_cp(prev) && is_digit_cp(n2) && c == '-' && digits_only);
			int numsep = (c == '.' || c == ',' || c == ':' || c == '/') && is_digit_cp(prev) &&
			             is_digit_cp(n2) && digits_only;
			if (!joiner && !numsep)
				break;
			if (joiner && !is_digit_cp(n2))
				digits_only = 0;
			i = j;
			prev = c;
		}
		(void)has_digit;
		if (digits_only) {
			uint64_t h = termin__hash64(s + start, i - start, 5);
			add_tok(g, FTOK_NUM, h, h, start, i);
		} else {
			uint64_t key = fold_hash(s + start, i - start, scratch);
			add_tok(g, FTOK_WORD, key, keys_only ? key : termin__hash64(s + start, i - start, 9),
			        start, i);
		}
	}
	/* the word sequence */
	size_t nw = 0;
	for (size_t k = 0; k < g->n_tok; k++)
		nw += g->tok[k].kind == FTOK_WORD || g->tok[k].kind == FTOK_NUM;
	if (nw + 1 > g->cap_words) {
		g->cap_words = nw + 1 > 2 * g->cap_words ? nw + 1 : 2 * g->cap_words;
		g->words = termin__xrealloc(g->words, g->cap_words * sizeof *g->words);
		g->word_tok = termin__xrealloc(g->word_tok, g->cap_words * sizeof *g->word_tok);
		g->bag = termin__xrealloc(g->bag, g->cap_words * sizeof *g->bag);
	}
	for (size_t k = 0; k < g->n_tok; k++) {
		if (g->tok[k].kind == FTOK_WORD) {
			g->word_tok[g->n_words] = (uint32_t)k;
			g->words[g->n_words++] = g->tok[k].key;
		} else if (g->tok[k].kind == FTOK_NUM) {
			g->word_tok[g->n_words] = (uint32_t)k;
			g->words[g->n_words++] = FUZZY_NUM_CLASS;
		}
	}
	if (keys_only) /* the index takes the words as they come */
		return;
	memcpy(g->bag, g->words, g->n_words * sizeof *g->bag);
	if (g->n_words > 32) {
		qsort(g->bag, g->n_words, sizeof *g->bag, cmp_u64);
	} else { /* a sentence: insertion sort beats qsort's set-up */
		uint64_t *bag = g->bag;
		for (size_t a = 1; a < g->n_words; a++) {
			/* the key waits in a register while larger ones move up one
			 * (swapping pairs instead made the compiler store and reload
			 * overlapping 16 bytes, a stall at every step) */
			uint64_t x = bag[a];
			size_t k = a;
			for (; k > 0 && bag[k - 1] > x; k--)
				bag[k] = bag[k - 1];
			bag[k] = x;
		}
	}
}

void termin__fuzzy_seg_set(termin_fuzzy_seg *g, const char *text, size_t len, int markup,
                           int keys_only)
{
	termin_buf b = { g->text, 0, g->cap_text };
	size_t n_tags = 0;
	if (!text)
		len = 0;
	if (markup)
		markup_to_text(&b, text ? text : "", len, &g->tags, &n_tags, &g->cap_tags);
	else
		termin_buf_put(&b, text ? text : "", len);
	termin_buf_putc(&b, '\0');
	b.len--;
	g->len = b.len;
	g->text = b.ptr;
	g->cap_text = b.cap;
	g->n_tok = g->n_words = g->n_diff = 0;
	tokenize(g, g->tags, n_tags, keys_only);
}

termin_fuzzy_seg *termin_fuzzy_seg_new(const char *text, size_t len, int markup)
{
	termin_fuzzy_seg *g = termin__xcalloc(1, sizeof *g);
	termin__fuzzy_seg_set(g, text, len, markup, 0);
	return g;
}

void termin_fuzzy_seg_free(termin_fuzzy_seg *g)
{
	if (!g)
		return;
	free(g->text);
	free(g->tok);
	free(g->words);
	free(g->word_tok);
	free(g->bag);
	free(g->diff);
	free(g->tags);
	termin_buf_free(&g->scratch);
	free(g);
}

const char *termin_fuzzy_seg_text(const termin_fuzzy_seg *g, size_t *len)
{
	if (len)
		*len = g->len;
	return g->text;
}

size_t termin_fuzzy_seg_words(const termin_fuzzy_seg *g)
{
	return g->n_words;
}

/* ======================= scoring ======================= */

/* Size of the multiset intersection of two sorted key arrays. */
static size_t bag_common(const uint64_t *a, size_t n, const uint64_t *b, size_t m)
{
	size_t i = 0, j = 0, c = 0;
	while (i < n && j < m) {
		if (a[i] == b[j]) {
			c++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return c;
}

/* Missing or extra items between two multisets of token keys of `kind`:
 * the larger of the two one-sided differences. */
static int multiset_diff(const termin_fuzzy_seg *q, const termin_fuzzy_seg *c, int kind)
{
	uint64_t *a = NULL, *b = NULL;
	size_t n = 0, m = 0;
	for (size_t k = 0; k < q->n_tok; k++)
		n += q->tok[k].kind == kind;
	for (size_t k = 0; k < c->n_tok; k++)
		m += c->tok[k].kind == kind;
	if (n == 0 && m == 0)
		return 0;
	a = termin__xmalloc((n + 1) * sizeof *a);
	b = termin__xmalloc((m + 1) * sizeof *b);
	n = m = 0;
	for (size_t k = 0; k < q->n_tok; k++)
		if (q->tok[k].kind == kind)
			a[n++] = q->tok[k].key;
	for (size_t k = 0; k < c->n_tok; k++)
		if (c->tok[k].kind == kind)
			b[m++] = c->tok[k].key;
	qsort(a, n, sizeof *a, cmp_u64);
	qsort(b, m, sizeof *b, cmp_u64);
	size_t common = bag_common(a, n, b, m);
	free(a);
	free(b);
	return (int)((n > m ? n : m) - common);
}

/* Largest matrix (cells) kept for the traceback; longer pairs (thousands
 * of words) get the distance in linear space and number penalties from
 * the multisets. */
#define FULL_CELLS (1u << 22)

/* Levenshtein distance of the word sequences; with a full matrix, also
 * counts aligned numbers that differ and aligned words differing only in
 * case along one optimal alignment (diagonal moves preferred). */
static int word_distance(const termin_fuzzy_seg *q, const termin_fuzzy_seg *c, int *numbers,
                         int *letter_case)
{
	size_t n = q->n_words, m = c->n_words;
	*numbers = *letter_case = 0;
	if (n == 0 || m == 0)
		return (int)(n + m);
	if ((n + 1) * (m + 1) > FULL_CELLS) {
		uint32_t *row = termin__xmalloc((m + 1) * sizeof *row);
		for (size_t j = 0; j <= m; j++)
			row[j] = (uint32_t)j;
		for (size_t i = 1; i <= n; i++) {
			uint32_t diag = row[0];
			row[0] = (uint32_t)i;
			for (size_t j = 1; j <= m; j++) {
				uint32_t up = row[j];
				uint32_t best = diag + (q->words[i - 1] != c->words[j - 1]);
				if (up + 1 < best)
					best = up + 1;
				if (row[j - 1] + 1 < best)
					best = row[j - 1] + 1;
				row[j] = best;
				diag = up;
			}
		}
		int d = (int)row[m];
		free(row);
		/* numbers: those not found among the other's numbers */
		int nq = 0, nc = 0;
		for (size_t k = 0; k < q->n_tok; k++)
			nq += q->tok[k].kind == FTOK_NUM;
		for (size_t k = 0; k < c->n_tok; k++)
			nc += c->tok[k].kind == FTOK_NUM;
		int diff = multiset_diff(q, c, FTOK_NUM), common = (nq > nc ? nq : nc) - diff;
		int aligned = nq < nc ? nq : nc;
		*numbers = aligned - common > 0 ? aligned - common : 0;
		return d;
	}
	uint32_t *dp = termin__xmalloc((n + 1) * (m + 1) * sizeof *dp);
#define D(i, j) dp[(i) * (m + 1) + (j)]
	for (size_t j = 0; j <= m; j++)
		D(0, j) = (uint32_t)j;
	for (size_t i = 1; i <= n; i++) {
		D(i, 0) = (uint32_t)i;
		uint64_t qi = q->words[i - 1];
		for (size_t j = 1; j <= m; j++) {
			uint32_t best = D(i - 1, j - 1) + (qi != c->words[j - 1]);
			if (D(i - 1, j) + 1 < best)
				best = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < best)
				best = D(i, j - 1) + 1;
			D(i, j) = best;
		}
	}
	int d = (int)D(n, m);
	size_t i = n, j = m;
	while (i > 0 && j > 0) {
		int same = q->words[i - 1] == c->words[j - 1];
		if (D(i, j) == D(i - 1, j - 1) + !same) {
			if (same) {
				const fuzzy_tok *a = &q->tok[q->word_tok[i - 1]], *b = &c->tok[c->word_tok[j - 1]];
				if (a->kind == FTOK_NUM && a->key != b->key)
					(*numbers)++;
				else if (a->kind == FTOK_WORD && a->exact != b->exact)
					(*letter_case)++;
			}
			i--;
			j--;
		} else if (D(i, j) == D(i - 1, j) + 1) {
			i--;
		} else {
			j--;
		}
	}
#undef D
	free(dp);
	return d;
}

int termin_fuzzy_compare(const termin_fuzzy_seg *q, const termin_fuzzy_seg *c, int min_score,
                         termin_fuzzy_detail *detail)
{
	termin_fuzzy_detail dd;
	size_t n = q->n_words, m = c->n_words, mx = n > m ? n : m;
	if (!detail)
		detail = &dd;
	memset(detail, 0, sizeof *detail);
	if (min_score > 0 && mx > 0) {
		/* d >= max - shared words, so base <= 100 * shared / max */
		size_t common = bag_common(q->bag, n, c->bag, m);
		if ((int)(100 * common / mx) < min_score)
			return -1;
	}
	detail->word_edits = word_distance(q, c, &detail->numbers, &detail->letter_case);
	detail->base = mx == 0 ? 100 : (int)(100 * (mx - (size_t)detail->word_edits) / mx);
	if (detail->base < min_score)
		return -1;
	detail->tags = multiset_diff(q, c, FTOK_TAG);
	detail->punctuation = multiset_diff(q, c, FTOK_PUNCT);
	int score = detail->base - 2 * detail->numbers - detail->tags - detail->punctuation -
	            detail->letter_case;
	if (score > 99 && (detail->word_edits || detail->numbers || detail->tags ||
	                   detail->punctuation || detail->letter_case))
		score = 99;
	if (score < 0)
		score = 0;
	if (score < min_score)
		return -1;
	return score;
}

int termin_fuzzy_score(const char *query, size_t qlen, const char *cand, size_t clen)
{
	termin_fuzzy_seg *q = termin_fuzzy_seg_new(query, qlen, 0);
	termin_fuzzy_seg *c = termin_fuzzy_seg_new(cand, clen, 0);
	int s = termin_fuzzy_compare(q, c, 0, NULL);
	termin_fuzzy_seg_free(q);
	termin_fuzzy_seg_free(c);
	return s;
}

/* ======================= diff ======================= */

static void add_piece(termin_fuzzy_seg *c, termin_diff_kind kind, const termin_fuzzy_seg *from,
                      size_t k)
{
	size_t start = from->tok[k].start;
	size_t end = k + 1 < from->n_tok ? from->tok[k + 1].start : from->len;
	if (c->n_diff && c->diff[c->n_diff - 1].kind == kind &&
	    c->diff[c->n_diff - 1].text + c->diff[c->n_diff - 1].len == from->text + start) {
		c->diff[c->n_diff - 1].len += end - start;
		return;
	}
	TERMIN_GROW(c->diff, c->cap_diff, c->n_diff + 1);
	c->diff[c->n_diff].kind = kind;
	c->diff[c->n_diff].text = from->text + start;
	c->diff[c->n_diff].len = end - start;
	c->n_diff++;
}

int termin_fuzzy_diff(const termin_fuzzy_seg *q, termin_fuzzy_seg *c,
                      const termin_diff_piece **out, size_t *n_out)
{
	size_t n = q->n_tok, m = c->n_tok;
	c->n_diff = 0;
	if ((n + 1) * (m + 1) > FULL_CELLS) {
		/* too long to align: everything differs */
		for (size_t k = 0; k < n; k++)
			add_piece(c, TERMIN_DIFF_QUERY, q, k);
		for (size_t k = 0; k < m; k++)
			add_piece(c, TERMIN_DIFF_MATCH, c, k);
		*out = c->diff;
		*n_out = c->n_diff;
		return 0;
	}
	/* longest common subsequence of exact tokens, filled from the end so
	 * the pieces come out in order */
	uint32_t *L = termin__xcalloc((n + 1) * (m + 1), sizeof *L);
#define LL(i, j) L[(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;) {
			if (q->tok[i].kind == c->tok[j].kind && q->tok[i].exact == c->tok[j].exact)
				LL(i, j) = LL(i + 1, j + 1) + 1;
			else
				LL(i, j) = LL(i + 1, j) > LL(i, j + 1) ? LL(i + 1, j) : LL(i, j + 1);
		}
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && q->tok[i].kind == c->tok[j].kind && q->tok[i].exact == c->tok[j].exact) {
			add_piece(c, TERMIN_DIFF_SAME, c, j);
			i++;
			j++;
		} else if (j < m && (i == n || LL(i, j + 1) >= LL(i + 1, j))) {
			/* removals from the query come first, then the match's words */
			if (i < n && LL(i + 1, j) == LL(i, j)) {
				add_piece(c, TERMIN_DIFF_QUERY, q, i);
				i++;
			} else {
				add_piece(c, TERMIN_DIFF_MATCH, c, j);
				j++;
			}
		} else {
			add_piece(c, TERMIN_DIFF_QUERY, q, i);
			i++;
		}
	}
#undef LL
	free(L);
	*out = c->diff;
	*n_out = c->n_diff;
	return 0;
}
