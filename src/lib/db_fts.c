/*
 * db_fts.c - the tokenizer of the concordance index (tuv_fts): SQLite's
 * unicode61 with Russian ё folded to е.
 *
 * Russian writes ё or е for the same letter (most texts print е), so a
 * search for "объединенный" must find "объединённый" and the reverse.
 * unicode61's remove_diacritics covers Latin letters only. The wrapper
 * replaces ё/Ё by е/Е in a copy of the text and hands the copy to
 * unicode61: both letters are two bytes in UTF-8, so the offsets unicode61
 * reports are the offsets in the original text, and highlight() and the
 * index's integrity check see the same tokens as the index.
 *
 * Texts made only of ASCII, the Russian alphabet (U+0400..U+045F) and
 * common punctuation (most of every EN-RU TM) are cut by a fast path here
 * that gives the same tokens and offsets as unicode61 without its
 * per-character table look-ups; unicode61 tokenized a third of an import's
 * time. Anything else goes to unicode61 as a whole text, so the two can
 * never disagree inside one text (test_tm__fts_fast_path_same_tokens
 * compares them character by character).
 *
 * The tokenizer is registered as "termin_fold" on every connection
 * termin opens (termin__db_open), before the schema is used.
 */
#include "db.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	fts5_tokenizer base;     /* unicode61 */
	void *base_ud;
	Fts5Tokenizer *inner;
} fold_tok;

static int fold_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
	fts5_api *api = ud;
	fold_tok *t = termin__xcalloc(1, sizeof *t);
	int rc = api->xFindTokenizer(api, "unicode61", &t->base_ud, &t->base);
	if (rc == SQLITE_OK)
		rc = t->base.xCreate(t->base_ud, argv, argc, &t->inner);
	if (rc != SQLITE_OK) {
		free(t);
		*out = NULL;
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void fold_delete(Fts5Tokenizer *p)
{
	fold_tok *t = (fold_tok *)p;
	if (!t)
		return;
	t->base.xDelete(t->inner);
	free(t);
}

/* ----------------------- the fast path ----------------------- */

/* What a character is to unicode61 (with remove_diacritics 2), for the
 * characters of EN-RU text the fast path knows: 1 part of a token, 0 a
 * separator, -1 unknown here (the text goes to unicode61 itself). `*cp`
 * gets the code point, `*n` its length in bytes. */
static int fast_class(const unsigned char *s, int len, int i, int32_t *cp, int *n)
{
	unsigned char a = s[i];
	if (a < 0x80) {
		*cp = a;
		*n = 1;
		return (a >= '0' && a <= '9') || ((a | 0x20) >= 'a' && (a | 0x20) <= 'z');
	}
	if (a >= 0xC2 && a <= 0xDF) {
		if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80)
			return -1;
		*cp = (int32_t)(a & 0x1F) << 6 | (s[i + 1] & 0x3F);
		*n = 2;
		if (*cp >= 0x400 && *cp <= 0x45F)
			return 1;     /* Cyrillic: all letters */
		if (*cp >= 0xA0 && *cp <= 0xBF) {
			/* Latin-1 punctuation, but ª ² ³ µ ¹ º ¼ ½ ¾ are tokens */
			switch (*cp) {
			case 0xAA: case 0xB2: case 0xB3: case 0xB5: case 0xB9:
			case 0xBA: case 0xBC: case 0xBD: case 0xBE:
				return -1;
			}
			return 0;
		}
		return -1;
	}
	if (a == 0xE2) {
		if (i + 2 >= len || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
			return -1;
		*cp = (int32_t)(a & 0x0F) << 12 | (int32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
		*n = 3;
		/* general punctuation: spaces, dashes, quotes (the invisible
		 * operators from U+2065 on are left to unicode61) */
		return *cp >= 0x2000 && *cp <= 0x2064 ? 0 : -1;
	}
	return -1;
}

/* ASCII letters and digits: unicode61's token characters below 0x80. */
static const unsigned char ascii_token[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* Tokenizes text made only of ASCII, Cyrillic U+0400..U+045F and the
 * common punctuation exactly as unicode61 (remove_diacritics 2) would
 * after ё is folded to е: tokens are runs of letters and digits, lower
 * case. Returns 1 when the text holds anything else (nothing is emitted
 * then), or the first non-OK code of `token`. */
static int fast_tokenize(void *ctx, const char *text, int len,
                         int (*token)(void *, int, const char *, int, int, int))
{
	const unsigned char *s = (const unsigned char *)text;
	char small[256], *buf = small;
	int cap = (int)sizeof small, rc = SQLITE_OK, i, n;
	int32_t cp;

	/* everything known? (ASCII is, and most of the text is ASCII or a
	 * Cyrillic letter) */
	for (i = 0; i < len;) {
		if (s[i] < 0x80) {
			/* eight ASCII bytes at a time while there are */
			uint64_t w;
			i++;
			while (i + 8 <= len && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0))
				i += 8;
			continue;
		}
		/* U+0400..U+045F: D0 80..BF, D1 80..9F */
		if (i + 1 < len && ((s[i] == 0xD0 && (s[i + 1] & 0xC0) == 0x80) ||
		                    (s[i] == 0xD1 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F))) {
			i += 2;
			continue;
		}
		if (fast_class(s, len, i, &cp, &n) < 0)
			return 1;
		i += n;
	}
	for (i = 0; i < len && rc == SQLITE_OK;) {
		unsigned char a = s[i];
		if (a < 0x80 ? !ascii_token[a] : fast_class(s, len, i, &cp, &n) == 0) {
			i += a < 0x80 ? 1 : n;
			continue;
		}
		int start = i, o = 0;
		for (;;) {
			if (o + 2 > cap) {
				cap *= 2;
				buf = buf == small ? memcpy(termin__xmalloc((size_t)cap), small, (size_t)o)
				                   : termin__xrealloc(buf, (size_t)cap);
			}
			if (i >= len)
				break;
			a = s[i];
			if (a < 0x80) {
				if (!ascii_token[a])
					break;
				buf[o++] = (char)(a >= 'A' && a <= 'Z' ? a + 32 : a);
				i++;
				continue;
			}
			if (a == 0xD0 || a == 0xD1) {
				/* U+0400..U+045F, checked whole by the first pass */
				cp = (int32_t)(a & 0x1F) << 6 | (s[i + 1] & 0x3F);
				n = 2;
			} else if (fast_class(s, len, i, &cp, &n) != 1) {
				break;
			}
			/* a Cyrillic letter (the only other kind of token character) */
			if (cp == 0x401 || cp == 0x451)
				cp = 0x435;              /* ё, Ё -> е */
			else if (cp >= 0x400 && cp <= 0x40F)
				cp += 0x50;
			else if (cp >= 0x410 && cp <= 0x42F)
				cp += 0x20;
			buf[o++] = (char)(0xC0 | cp >> 6);
			buf[o++] = (char)(0x80 | (cp & 0x3F));
			i += n;
		}
		rc = token(ctx, 0, buf, o, start, i);
	}
	if (buf != small)
		free(buf);
	return rc;
}

/* ----------------------- tokens worked out ahead ----------------------- */

/* The tokens follow the header as records: start, end and length (ints),
 * then the token's bytes, padded to an int. */
struct termin__fts_toks {
	const char *text;
	int len;
	size_t size;
	int rec[];
};

static int collect(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	termin_buf *b = ctx;
	int head[3] = { start, end, n };
	size_t pad = ((size_t)n + sizeof(int) - 1) / sizeof(int) * sizeof(int);
	termin_buf_put(b, (const char *)head, sizeof head);
	termin_buf_reserve(b, pad);
	memcpy(b->ptr + b->len, tok, (size_t)n);
	memset(b->ptr + b->len + n, 0, pad - (size_t)n);
	b->len += pad;
	return SQLITE_OK;
}

const termin__fts_toks *termin__fts_pretokenize(const char *text, int len, termin_buf *scratch,
                                                termin__arena *a)
{
	termin_buf_clear(scratch);
	if (fast_tokenize(scratch, text, len, collect) != SQLITE_OK)
		return NULL;
	termin__fts_toks *t = termin__arena_alloc(a, sizeof *t + scratch->len);
	t->text = text;
	t->len = len;
	t->size = scratch->len;
	if (scratch->len)
		memcpy(t->rec, scratch->ptr, scratch->len);
	return t;
}

static _Thread_local const termin__fts_toks *expected;

void termin__fts_expect(const termin__fts_toks *t)
{
	expected = t;
}

/* Hands `t`'s tokens to FTS5. */
static int replay(const termin__fts_toks *t, void *ctx,
                  int (*token)(void *, int, const char *, int, int, int))
{
	const char *p = (const char *)t->rec, *end = p + t->size;
	int rc = SQLITE_OK;
	while (p < end && rc == SQLITE_OK) {
		int head[3];
		memcpy(head, p, sizeof head);
		p += sizeof head;
		rc = token(ctx, 0, p, head[2], head[0], head[1]);
		p += ((size_t)head[2] + sizeof(int) - 1) / sizeof(int) * sizeof(int);
	}
	return rc;
}

static int fold_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int len,
                         int (*token)(void *, int, const char *, int, int, int))
{
	fold_tok *t = (fold_tok *)p;
	const termin__fts_toks *pre = expected;
	if (pre) {
		expected = NULL;
		if ((flags & FTS5_TOKENIZE_DOCUMENT) && pre->len == len &&
		    (pre->text == text || memcmp(pre->text, text, (size_t)len) == 0))
			return replay(pre, ctx, token);
	}
	int fast = fast_tokenize(ctx, text, len, token);
	if (fast != 1)
		return fast;
	char small[512], *copy = NULL;
	const char *use = text;
	int rc;

	/* copy only when there is an ё: D1 91 (ё) or D0 81 (Ё) */
	for (int i = 0; i + 1 < len; i++) {
		unsigned char a = (unsigned char)text[i], b = (unsigned char)text[i + 1];
		if (!((a == 0xD1 && b == 0x91) || (a == 0xD0 && b == 0x81)))
			continue;
		copy = len <= (int)sizeof small ? small : termin__xmalloc((size_t)len);
		memcpy(copy, text, (size_t)len);
		for (int k = i; k + 1 < len; k++) {
			unsigned char c = (unsigned char)copy[k], d = (unsigned char)copy[k + 1];
			if (c == 0xD1 && d == 0x91) {          /* ё -> е (D0 B5) */
				copy[k] = (char)0xD0;
				copy[k + 1] = (char)0xB5;
				k++;
			} else if (c == 0xD0 && d == 0x81) {   /* Ё -> Е (D0 95) */
				copy[k + 1] = (char)0x95;
				k++;
			}
		}
		use = copy;
		break;
	}
	rc = t->base.xTokenize(t->inner, ctx, flags, use, len, token);
	if (copy && copy != small)
		free(copy);
	return rc;
}

int termin__db_register_fts(sqlite3 *db)
{
	static fts5_tokenizer fold = { fold_create, fold_delete, fold_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return termin__db_fail(db, "SQLite has no FTS5");
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api)
		return termin__error_set(TERMIN_EDB, "SQLite has no FTS5");
	rc = api->xCreateTokenizer(api, "termin_fold", api, &fold, NULL);
	if (rc != SQLITE_OK)
		return termin__db_fail(db, "cannot register the search tokenizer");
	return 0;
}
