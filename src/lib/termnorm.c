/*
 * termnorm.c - tokens and keys for term recognition (see termnorm.h).
 *
 * Russian morphology is pluggable: the Snowball stemmer (libstemmer) or
 * hunspell's stems from the ru_RU dictionary. The default was chosen by
 * measured accuracy on tests/data/inflection-ru.tsv (bench/glossary.sh
 * prints the figures for every option).
 */
#include "termnorm.h"
#include "glossary_internal.h"

#include <stdlib.h>
#include <string.h>

#include <hunspell.h>
#include <libstemmer.h>
#include <unicode/uchar.h>

/* The morphology that DEFAULT means: the most accurate one measured. */
#define DEFAULT_MORPHOLOGY TERMIN_MORPH_HYBRID

/* A cache of Russian keys is dropped when it grows past this many bytes. */
#define CACHE_LIMIT (8u << 20)

struct termin__norm {
	termin_morphology m;
	struct sb_stemmer *sb;
	Hunhandle *hun;
	termin_buf fold, word;
	termin_strmap *cache;    /* Russian word -> offset of its keys in `keys` + 1 */
	termin_buf keys;         /* "key\0key\0\0" runs */
};

static const char *const morph_names[] = { "default", "snowball", "hunspell", "hybrid", "none" };

const char *termin_morphology_name(termin_morphology m)
{
	return (unsigned)m < TERMIN_ARRAY_SIZE(morph_names) ? morph_names[m] : "?";
}

int termin_morphology_parse(const char *name, termin_morphology *out)
{
	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(morph_names); i++)
		if (strcmp(name, morph_names[i]) == 0) {
			*out = (termin_morphology)i;
			return 0;
		}
	return termin__error_set(TERMIN_EUSAGE, "unknown morphology '%s'", name);
}

/* ======================= characters ======================= */

enum { C_WORD, C_SOFT, C_INVIS, C_APOS, C_HYPHEN, C_PUNCT };

static int cls_other(int32_t cp);

/* The class of a character: ASCII and Russian letters inline. */
static inline int cls(int32_t cp)
{
	if (cp >= 0x410 && cp <= 0x44F)
		return C_WORD;
	if (cp < 0x80 && cp >= 0) {
		/* (cp | 0x20 folds exactly A-Z onto a-z) */
		if ((uint32_t)((cp | 0x20) - 'a') < 26 || (uint32_t)(cp - '0') < 10)
			return C_WORD;
		if (cp == '\'' || cp == '`')
			return C_APOS;
		if (cp == '-')
			return C_HYPHEN;
		if (cp <= ' ' || cp == '"' || cp == 0x7F)
			return C_SOFT;
		return C_PUNCT;
	}
	return cls_other(cp);
}

/* The class of any character but ASCII and U+0410-U+044F (cls). */
static int cls_other(int32_t cp)
{
	if (cp >= 0x400 && cp <= 0x52F)
		return cp >= 0x482 && cp <= 0x489 ? (cp == 0x482 ? C_PUNCT : C_INVIS) : C_WORD;
	switch (cp) {
	case 0x2010: case 0x2011:                       /* hyphen, non-breaking hyphen */
		return C_HYPHEN;
	case 0x2012: case 0x2013: case 0x2014: case 0x2015: /* dashes */
	case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D: case 0x2E3A: case 0x2E3B:
	case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
	case 0x2039: case 0x203A: case 0x300C: case 0x300D: case 0xFF02:
	case 0x200B: case 0x2028: case 0x2029: case 0x0085:
		return C_SOFT;
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC: case 0x00B4:
		return C_APOS;
	case 0x00AD: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x200E: case 0x200F:
	case 0x0300: case 0x0301:                       /* stress marks */
		return C_INVIS;
	default:
		break;
	}
	if (cp < 0 || termin__is_space(cp))
		return C_SOFT;
	if (u_isalnum(cp))
		return C_WORD;
	int8_t t = u_charType(cp);
	if (t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK)
		return C_WORD;
	if (u_iscntrl(cp) || t == U_FORMAT_CHAR)
		return C_INVIS;
	return C_PUNCT;
}

static inline int is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0x410 && cp <= 0x42F)
		return 1;
	if (cp >= 0x430 && cp <= 0x44F)
		return 0;
	return u_isupper(cp);
}

static inline int is_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	if (cp >= 0x410 && cp <= 0x44F)
		return 1;
	return u_isalpha(cp);
}

static inline int32_t peek(const char *s, size_t len, size_t i, size_t *next)
{
	size_t j = i;
	int32_t cp;
	if (i >= len) {
		*next = i;
		return -2;
	}
	cp = termin__utf8_next_fast(s, len, &j);
	*next = j;
	return cp;
}

/* ======================= tokens ======================= */

size_t termin__tokenize(const char *s, size_t len, termin__tok **toks, size_t *cap)
{
	size_t i = 0, n = 0;
	while (i < len) {
		size_t j;
		int32_t cp = peek(s, len, i, &j);
		int c = cls(cp);
		if (c == C_PUNCT) {
			TERMIN_GROW(*toks, *cap, n + 1);
			(*toks)[n++] = (termin__tok){ i, j, j, TERMIN__TK_PUNCT };
			i = j;
			continue;
		}
		if (c != C_WORD) {
			i = j;
			continue;
		}
		/* a word */
		size_t start = i, wend = j, end, k = j;
		unsigned int flags = TERMIN__TK_WORD;
		size_t letters = 0, uppers = 0;
		int32_t last = cp;
		if (is_letter(cp)) {
			letters++;
			if (is_upper(cp)) {
				uppers++;
				flags |= TERMIN__TK_UPPER;
			}
			if (cp >= 0x400 && cp <= 0x52F)
				flags |= TERMIN__TK_CYRILLIC;
		}
		int first_letter_seen = letters > 0;
		end = 0;
		while (k < len) {
			size_t k2;
			int32_t c2 = peek(s, len, k, &k2);
			int t = cls(c2);
			if (t == C_WORD) {
				if (is_letter(c2)) {
					letters++;
					if (is_upper(c2)) {
						uppers++;
						flags |= TERMIN__TK_UPPER;
					}
					if (!first_letter_seen && c2 >= 0x400 && c2 <= 0x52F)
						flags |= TERMIN__TK_CYRILLIC;
					first_letter_seen = 1;
				}
				last = c2;
				k = wend = k2;
				continue;
			}
			if (t == C_INVIS) {
				k = k2;
				continue;
			}
			if (t != C_APOS)
				break;
			/* an apostrophe: in-word, possessive or a closing quote */
			size_t k3, k4;
			int32_t c3 = peek(s, len, k2, &k3);
			int latin = !(flags & TERMIN__TK_CYRILLIC);
			if (cls(c3) == C_WORD) {
				int32_t c4 = peek(s, len, k3, &k4);
				if (latin && (c3 == 's' || c3 == 'S') && cls(c4) != C_WORD) {
					end = k3; /* CSTO's */
					break;
				}
				k = k2; /* O'Brien, d'Ivoire */
				continue;
			}
			if (latin && (last == 's' || last == 'S'))
				end = k2; /* Forces' */
			break;
		}
		if (!end)
			end = wend;
		if (letters >= 2 && uppers == letters)
			flags |= TERMIN__TK_ALLUPPER;
		/* joined to the next word by a bare hyphen? */
		if (end == wend) {
			size_t h;
			int32_t ch = peek(s, len, end, &h);
			if (cls(ch) == C_HYPHEN) {
				size_t h2;
				if (cls(peek(s, len, h, &h2)) == C_WORD)
					flags |= TERMIN__TK_HYPHEN;
			}
		}
		TERMIN_GROW(*toks, *cap, n + 1);
		(*toks)[n++] = (termin__tok){ start, end, wend, flags };
		i = end;
	}
	return n;
}

/* ======================= normaliser ======================= */

int termin__norm_new(termin__norm **out, termin_morphology m)
{
	termin__norm *n = termin__xcalloc(1, sizeof *n);
	*out = NULL;
	if (m == TERMIN_MORPH_DEFAULT)
		m = DEFAULT_MORPHOLOGY;
	if (m == TERMIN_MORPH_HUNSPELL || m == TERMIN_MORPH_HYBRID) {
		char *aff = NULL, *dic = NULL;
		if (termin__dict_locate("ru_RU", &aff, &dic))
			n->hun = termin__hunspell_open(aff, dic);
		free(aff);
		free(dic);
		if (!n->hun) {
			if (m == DEFAULT_MORPHOLOGY && m != TERMIN_MORPH_HUNSPELL) {
				/* the default falls back to Snowball */
				m = TERMIN_MORPH_SNOWBALL;
			} else {
				free(n);
				return termin__error_set(TERMIN_ENOTFOUND,
					"the %s morphology needs the hunspell dictionary ru_RU, which is not installed",
					termin_morphology_name(m));
			}
		}
	}
	if (m == TERMIN_MORPH_SNOWBALL || m == TERMIN_MORPH_HYBRID) {
		n->sb = sb_stemmer_new("russian", "UTF_8");
		if (!n->sb) {
			termin__hunspell_close(n->hun);
			free(n);
			return termin__error_set(TERMIN_ERROR, "libstemmer has no Russian stemmer");
		}
	}
	n->m = m;
	n->cache = termin_strmap_new();
	*out = n;
	return 0;
}

void termin__norm_free(termin__norm *n)
{
	if (!n)
		return;
	if (n->sb)
		sb_stemmer_delete(n->sb);
	termin__hunspell_close(n->hun);
	termin_buf_free(&n->fold);
	termin_buf_free(&n->word);
	termin_buf_free(&n->keys);
	termin_strmap_free(n->cache);
	free(n);
}

termin_morphology termin__norm_morphology(const termin__norm *n)
{
	return n->m;
}

/* Appends the word s[a..b) to `out`: invisible characters dropped, ё/Ё as
 * е/Е, apostrophes as ', and folded to lower case when `fold`. */
static void put_word(termin_buf *out, const char *s, size_t a, size_t b, int fold)
{
	size_t i = a;
	while (i < b) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c == '`')
				c = '\'';
			termin_buf_putc(out, (char)(fold && c >= 'A' && c <= 'Z' ? c + 32 : c));
			i++;
			continue;
		}
		int32_t cp = termin__utf8_next(s, b, &i);
		int k = cls(cp);
		if (k == C_INVIS)
			continue;
		if (k == C_APOS) {
			termin_buf_putc(out, '\'');
			continue;
		}
		if (cp == 0x451)
			cp = 0x435;
		else if (cp == 0x401)
			cp = fold ? 0x435 : 0x415;
		else if (fold)
			cp = (cp >= 0x410 && cp <= 0x42F) ? cp + 32 : u_foldCase(cp, U_FOLD_CASE_DEFAULT);
		char enc[4];
		termin_buf_put(out, enc, (size_t)termin__utf8_encode(cp, enc));
	}
}

/* English s-stemmer (after Harman 1991): plural -s, -es, -ies. */
static size_t s_stem(char *w, size_t n)
{
	static const char *const keep[] = { "news", "means", "series", "species", "always", "perhaps",
		                                "whereas", "besides", "sometimes", "headquarters" };
	if (n < 4 || w[n - 1] != 's')
		return n;
	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(keep); i++)
		if (strlen(keep[i]) == n && memcmp(w, keep[i], n) == 0)
			return n;
	if (w[n - 2] == 'e' && w[n - 3] == 'i' && w[n - 4] != 'e' && w[n - 4] != 'a') {
		w[n - 3] = 'y';
		return n - 2;
	}
	if (w[n - 2] == 'u' || w[n - 2] == 's' || w[n - 2] == 'i' || w[n - 2] == '\'')
		return n;
	return n - 1;
}

/* Russian surnames in -ов, -ев, -ин, -ын decline like no common noun
 * (Тасмагамбетов, Тасмагамбетова, Тасмагамбетовым) and Snowball cuts
 * their nominative short ("тасмагамбет"). For words the dictionary does
 * not know, this gives the length of the surname's base form, or 0. */
static size_t surname_base(const char *w, size_t n)
{
	static const char *const suffixes[] = { "ов", "ев", "ин", "ын" };
	static const char *const endings[] = { "ыми", "ым", "ых", "ой", "а", "у", "е", "ы", "" };
	for (size_t e = 0; e < TERMIN_ARRAY_SIZE(endings); e++) {
		size_t el = strlen(endings[e]);
		if (n < el + 4 + 4 || memcmp(w + n - el, endings[e], el) != 0)
			continue;
		for (size_t k = 0; k < TERMIN_ARRAY_SIZE(suffixes); k++)
			if (memcmp(w + n - el - 4, suffixes[k], 4) == 0)
				return n - el;
	}
	return 0;
}

static void put_key(termin_buf *out, const char *k, size_t n)
{
	termin_buf_put(out, k, n);
	termin_buf_putc(out, '\0');
}

/* Russian keys of the folded word n->fold (and the word as written,
 * n->word, for hunspell), through the cache. */
static int russian_keys(termin__norm *N, termin_buf *out)
{
	intptr_t off;
	const termin_buf *ck = N->m == TERMIN_MORPH_SNOWBALL ? &N->fold : &N->word;
	int count = 0;
	if (termin_strmap_get(N->cache, ck->ptr, ck->len, &off)) {
		const char *p = N->keys.ptr + off - 1;
		while (*p) {
			size_t k = strlen(p);
			put_key(out, p, k);
			p += k + 1;
			count++;
		}
		return count;
	}
	if (N->keys.len > CACHE_LIMIT) {
		termin_strmap_free(N->cache);
		N->cache = termin_strmap_new();
		termin_buf_clear(&N->keys);
	}
	size_t mark = out->len;
	if (N->hun) {
		char **list = NULL;
		int ns = Hunspell_stem(N->hun, &list, N->word.ptr);
		for (int i = 0; i < ns; i++) {
			termin_buf one = TERMIN_BUF_INIT;
			put_word(&one, list[i], 0, strlen(list[i]), 1);
			/* no duplicates */
			int dup = 0;
			for (const char *p = out->ptr + mark; p < out->ptr + out->len; p += strlen(p) + 1)
				if (strcmp(p, one.ptr ? one.ptr : "") == 0)
					dup = 1;
			if (!dup && one.len) {
				put_key(out, one.ptr, one.len);
				count++;
			}
			termin_buf_free(&one);
		}
		if (list)
			Hunspell_free_list(N->hun, &list, ns);
	}
	if (!count && N->hun && N->sb) {
		size_t b = surname_base(N->fold.ptr, N->fold.len);
		if (b) {
			put_key(out, N->fold.ptr, b);
			count = 1;
		}
	}
	if (!count && N->sb) {
		const sb_symbol *st = sb_stemmer_stem(N->sb, (const sb_symbol *)N->fold.ptr, (int)N->fold.len);
		put_key(out, (const char *)st, (size_t)sb_stemmer_length(N->sb));
		count = 1;
	}
	if (!count) {
		put_key(out, N->fold.ptr, N->fold.len);
		count = 1;
	}
	/* remember: the keys just written, then the run's end */
	size_t at = N->keys.len;
	termin_buf_put(&N->keys, out->ptr + mark, out->len - mark);
	termin_buf_putc(&N->keys, '\0');
	termin_strmap_put(N->cache, ck->ptr, ck->len, (intptr_t)at + 1);
	return count;
}

int termin__token_keys(termin__norm *N, const char *text, const termin__tok *t, int exact,
                       termin_buf *out)
{
	if (t->flags & TERMIN__TK_PUNCT) {
		termin_buf_putc(out, '\x02');
		put_key(out, text + t->start, t->end - t->start);
		return 1;
	}
	if (exact) {
		int count = 1;
		size_t mark = out->len;
		termin_buf_putc(out, '\x01');
		put_word(out, text, t->start, t->wend, 0);
		termin_buf_putc(out, '\0');
		/* "МИДа", "ОДКБ-шн..." : upper-case Cyrillic stem, lower-case ending */
		if ((t->flags & (TERMIN__TK_CYRILLIC | TERMIN__TK_UPPER | TERMIN__TK_ALLUPPER)) ==
		    (TERMIN__TK_CYRILLIC | TERMIN__TK_UPPER)) {
			const char *w = out->ptr + mark + 1;
			size_t i = 0, n = strlen(w), ups = 0, upend = 0, lows = 0;
			while (i < n) {
				int32_t cp = termin__utf8_next(w, n, &i);
				if (is_upper(cp) && !lows) {
					ups++;
					upend = i;
				} else if (cp >= 0x430 && cp <= 0x44F) {
					lows++;
				} else {
					lows = 99;
				}
			}
			if (ups >= 2 && lows >= 1 && lows <= 3) {
				termin_buf_putc(out, '\x01');
				termin_buf_put(out, out->ptr + mark + 1, upend);
				termin_buf_putc(out, '\0');
				count++;
			}
		}
		return count;
	}
	termin_buf_clear(&N->fold);
	put_word(&N->fold, text, t->start, t->wend, 1);
	if ((t->flags & TERMIN__TK_CYRILLIC) && N->m != TERMIN_MORPH_NONE) {
		termin_buf_clear(&N->word);
		put_word(&N->word, text, t->start, t->wend, 0);
		return russian_keys(N, out);
	}
	size_t n = N->m == TERMIN_MORPH_NONE ? N->fold.len : s_stem(N->fold.ptr, N->fold.len);
	put_key(out, N->fold.ptr, n);
	return 1;
}

int termin__joined_key(termin__norm *N, const char *text, const termin__tok *a,
                       const termin__tok *b, termin_buf *out)
{
	termin__tok j = { a->start, b->end, b->wend, a->flags | (b->flags & TERMIN__TK_UPPER) };
	/* the hyphen itself is dropped by building the word from both parts */
	termin_buf tmp = TERMIN_BUF_INIT;
	termin_buf_put(&tmp, text + a->start, a->wend - a->start);
	termin_buf_put(&tmp, text + b->start, b->wend - b->start);
	j.start = 0;
	j.wend = tmp.len;
	j.end = tmp.len;
	int n = termin__token_keys(N, tmp.ptr, &j, 0, out);
	termin_buf_free(&tmp);
	return n;
}

int termin__is_capitalized(const char *w, size_t n)
{
	size_t i = 0;
	int first = 1;
	while (i < n) {
		int32_t cp = termin__utf8_next(w, n, &i);
		if (!is_letter(cp))
			continue;
		if (is_upper(cp) != first)
			return 0;
		first = 0;
	}
	return !first;
}

int termin__sentence_initial(const char *text, size_t pos)
{
	size_t i = pos;
	while (i > 0) {
		int32_t cp = termin__utf8_prev(text, &i);
		switch (cp) {
		case '"': case '\'': case 0xAB: case 0x201C: case 0x201E: case 0x2018: case 0x2039:
		case 0x201D: case 0x2019: case 0xBB: case 0x201A:
			return 0; /* a quoted name */
		case '.': case '!': case '?': case 0x2026:
			return 1;
		default:
			break;
		}
		int c = cls(cp);
		if (c == C_SOFT || c == C_HYPHEN || c == C_INVIS)
			continue; /* spaces, dashes of dialogue */
		return 0;
	}
	return 1;
}

int termin__same_case(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	while (i < alen && j < blen) {
		int32_t ca = termin__utf8_next(a, alen, &i);
		while (!is_letter(ca) && i < alen)
			ca = termin__utf8_next(a, alen, &i);
		int32_t cb = termin__utf8_next(b, blen, &j);
		while (!is_letter(cb) && j < blen)
			cb = termin__utf8_next(b, blen, &j);
		if (!is_letter(ca) || !is_letter(cb))
			break;
		if (is_upper(ca) != is_upper(cb))
			return 0;
	}
	return 1;
}

void termin__term_key(termin__norm *N, const termin_term *t, termin_buf *out)
{
	termin__tok *toks = NULL;
	size_t cap = 0, n = termin__tokenize(t->text, strlen(t->text), &toks, &cap);
	int exact = termin_term_case_sensitive(t);
	termin_buf keys = TERMIN_BUF_INIT;
	termin_buf_clear(out);
	for (size_t i = 0; i < n; i++) {
		termin_buf_clear(&keys);
		termin__token_keys(N, t->text, &toks[i], exact, &keys);
		if (i)
			termin_buf_putc(out, ' ');
		termin_buf_puts(out, keys.ptr);
	}
	termin_buf_free(&keys);
	free(toks);
}
