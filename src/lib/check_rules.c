/*
 * check_rules.c - the per-unit checks that look at the surface of the
 * text: untranslated, same-as-source, end-punctuation, repeated-word,
 * double-space, url-mismatch, tag-mismatch, quote-style, length-ratio and
 * mixed-script; and the text helpers the other check modules share (words,
 * links, letters).
 */
#include "check_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>


/* ---- letters and words ---- */

int termin__is_letter(int32_t cp)
{
	if (cp < 0)
		return 0;
	if (cp < 128)
		return (cp | 32) >= 'a' && (cp | 32) <= 'z';
	if ((cp >= 0x410 && cp <= 0x44F) || cp == 0x401 || cp == 0x451)
		return 1;   /* the Russian alphabet, the common case */
	return u_isalpha(cp) != 0;
}

int termin__is_upper(int32_t cp)
{
	if (cp < 128)
		return cp >= 'A' && cp <= 'Z';
	if (cp >= 0x410 && cp <= 0x44F)
		return cp < 0x430;
	return u_isupper(cp) != 0;
}

int termin__is_cyrillic(int32_t cp)
{
	return (cp >= 0x400 && cp <= 0x52F) || (cp >= 0x1C80 && cp <= 0x1C8F) ||
	       (cp >= 0x2DE0 && cp <= 0x2DFF) || (cp >= 0xA640 && cp <= 0xA69F);
}

int termin__is_latin(int32_t cp)
{
	return (cp < 128 && termin__is_letter(cp)) || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x1E00 && cp <= 0x1EFF);
}

/* The lower case of a character, Russian letters without asking ICU. */
static inline int32_t lower_cp(int32_t cp)
{
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 0x20;
	if (cp == 0x401)
		return 0x451;
	if (cp >= 0x430 && cp <= 0x44F)
		return cp;
	return u_tolower(cp);
}

void termin__lower(termin_buf *b, const char *s, size_t len)
{
	size_t i = 0;
	char enc[4];
	/* ASCII and Russian letters keep their byte length when lower-cased:
	 * they are written straight into the buffer */
	termin_buf_reserve(b, len);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			b->ptr[b->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		if ((c == 0xD0 || c == 0xD1) && i + 1 < len && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
			unsigned char d = (unsigned char)s[i + 1];
			/* а-я as they are; А-П (D0 90-9F) and Р-Я (D0 A0-AF)
			 * shifted by 0x20 in their code points, bytes written here */
			if ((c == 0xD0 && d >= 0x90) || (c == 0xD1 && d <= 0x8F)) {
				if (c == 0xD0 && d < 0xA0) {
					d += 0x20;
				} else if (c == 0xD0 && d < 0xB0) {
					c = 0xD1;
					d -= 0x20;
				}
				b->ptr[b->len++] = (char)c;
				b->ptr[b->len++] = (char)d;
				i += 2;
				continue;
			}
			int32_t cp = lower_cp(((c & 0x1F) << 6) | (d & 0x3F));
			int n = termin__utf8_encode(cp, enc);
			if (n == 2) {
				b->ptr[b->len++] = enc[0];
				b->ptr[b->len++] = enc[1];
				i += 2;
				continue;
			}
		}
		int32_t cp = termin__utf8_next(s, len, &i);
		if (cp < 0)
			continue;
		cp = lower_cp(cp);
		int n = termin__utf8_encode(cp, enc);
		/* the rest may grow (a few lower-case letters are longer) */
		termin_buf_reserve(b, (size_t)n + (len - i));
		memcpy(b->ptr + b->len, enc, (size_t)n);
		b->len += (size_t)n;
	}
	b->ptr[b->len] = '\0';
}

static int is_apostrophe(int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static int is_hyphen(int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static inline int is_word_char(int32_t cp)
{
	if (cp < 0)
		return 0;
	if (cp < 128)
		return (cp >= '0' && cp <= '9') || ((cp | 32) >= 'a' && (cp | 32) <= 'z');
	if ((cp >= 0x410 && cp <= 0x44F) || cp == 0x401 || cp == 0x451)
		return 1;
	/* letters, digits and combining marks (stress accents) */
	return u_isalnum(cp) || u_charType(cp) == U_NON_SPACING_MARK;
}

size_t termin__check_words(const char *s, size_t len, ck_word **out)
{
	size_t cap = 0;
	*out = NULL;
	return termin__check_words_into(s, len, out, &cap);
}

size_t termin__check_words_into(const char *s, size_t len, ck_word **out, size_t *capp)
{
	ck_word *w = *out;
	size_t n = 0, cap = *capp, i = 0;
	int sentence = 1;
	while (i < len) {
		size_t at = i;
		int32_t cp = termin__utf8_next_fast(s, len, &i);
		if (!is_word_char(cp)) {
			if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == '\n')
				sentence = 1;
			continue;
		}
		ck_word cur;
		memset(&cur, 0, sizeof cur);
		cur.start = at;
		cur.sentence_start = sentence;
		sentence = 0;
		size_t j = at;
		for (;;) {
			size_t before = j;
			if (j >= len)
				break;
			int32_t c = termin__utf8_next_fast(s, len, &j);
			if (is_word_char(c)) {
				if (c < 128) {
					/* ASCII: a digit or a Latin letter */
					if (c <= '9') {
						cur.digits++;
					} else {
						cur.letters++;
						cur.upper += c <= 'Z';
						cur.latin++;
					}
				} else if (c <= 0x44F && c >= 0x410) {
					/* the Russian alphabet */
					cur.letters++;
					cur.upper += c < 0x430;
					cur.cyrillic++;
				} else if (u_isdigit(c))
					cur.digits++;
				else if (termin__is_letter(c)) {
					cur.letters++;
					cur.upper += termin__is_upper(c);
					cur.latin += termin__is_latin(c);
					cur.cyrillic += termin__is_cyrillic(c);
				}
				cur.end = j;
				continue;
			}
			if ((is_apostrophe(c) || is_hyphen(c)) && j < len) {
				size_t k = j;
				int32_t next = termin__utf8_next_fast(s, len, &k);
				if (is_word_char(next))
					continue;
			}
			j = before;
			break;
		}
		if (cur.end <= cur.start)
			cur.end = i;
		i = cur.end;
		TERMIN_GROW(w, cap, n + 1);
		w[n++] = cur;
	}
	*out = w;
	*capp = cap;
	return n;
}

/* ---- links: URLs, e-mail addresses, domain names ---- */

static const char *const tlds[] = {
	"com", "org", "net", "ru", "info", "asia", "gov", "edu", "int", "mil", "kz", "by", "am", "kg",
	"tj", "uz", "az", "ge", "ua", "su", "io", "eu", "uk", "de", "fr", "cn", "us", "tv", "me",
	"biz", "pro", "news", "online", "site", "media", NULL
};

static int url_char(unsigned char c)
{
	return c > ' ' && c != '<' && c != '>' && c != '"' && c != '\'' && c < 0x80;
}

static int host_char(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_';
}

static int known_tld(const char *s, size_t n)
{
	for (size_t i = 0; tlds[i]; i++)
		if (strlen(tlds[i]) == n && strncasecmp(tlds[i], s, n) == 0)
			return 1;
	/* рф */
	return n == 4 && memcmp(s, "\xd1\x80\xd1\x84", 4) == 0;
}

/* Trims punctuation that ends a sentence rather than the link. */
static size_t trim_link(const char *s, size_t start, size_t end)
{
	while (end > start && strchr(".,;:!?)]}", s[end - 1]))
		end--;
	return end;
}

size_t termin__check_links(const char *s, size_t len, ck_span **out)
{
	size_t cap = 0;
	*out = NULL;
	return termin__check_links_into(s, len, out, &cap);
}

/* Whether s may hold a link: every one has "://", a "www." or a dot
 * before a letter or digit. Most sentences have none of them, and this
 * costs a memchr instead of the scan below. */
static int may_have_link(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	while ((p = memchr(p, '.', (size_t)(end - p)))) {
		if ((p + 1 < end && isalnum((unsigned char)p[1])) || (p > s && (p[-1] | 32) == 'w'))
			return 1;
		p++;
	}
	for (p = s; (p = memchr(p, ':', (size_t)(end - p))); p++)
		if (end - p >= 3 && p[1] == '/' && p[2] == '/')
			return 1;
	return 0;
}

size_t termin__check_links_into(const char *s, size_t len, ck_span **out, size_t *capp)
{
	ck_span *sp = *out;
	size_t n = 0, cap = *capp, i = 0;
	if (!may_have_link(s, len))
		return 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (!(isalnum(c) || c == '_') || (i > 0 && (host_char((unsigned char)s[i - 1]) || s[i - 1] == '/' ||
		                                            s[i - 1] == '@'))) {
			i++;
			continue;
		}
		size_t start = i, end;
		int lead = c | 32;
		if ((lead == 'h' || lead == 'f' || lead == 'w') &&
		    ((len - i > 7 && strncasecmp(s + i, "http://", 7) == 0) ||
		    (len - i > 8 && strncasecmp(s + i, "https://", 8) == 0) ||
		    (len - i > 6 && strncasecmp(s + i, "ftp://", 6) == 0) ||
		    (len - i > 4 && strncasecmp(s + i, "www.", 4) == 0))) {
			end = i;
			while (end < len && url_char((unsigned char)s[end]))
				end++;
			end = trim_link(s, start, end);
		} else {
			/* a host name (with an optional user@) and an optional path */
			size_t j = i, at = 0, last_dot = 0, dots = 0;
			while (j < len && (host_char((unsigned char)s[j]) || (s[j] == '@' && !at))) {
				if (s[j] == '@')
					at = j;
				if (s[j] == '.' && j + 1 < len && isalnum((unsigned char)s[j + 1])) {
					last_dot = j;
					dots++;
				}
				j++;
			}
			size_t hend = j;
			while (hend > i && (s[hend - 1] == '.' || s[hend - 1] == '-'))
				hend--;
			if (!dots || last_dot >= hend) {
				i = j > i ? j : i + 1;
				continue;
			}
			size_t tl = hend - last_dot - 1, k;
			for (k = last_dot + 1; k < hend && isalpha((unsigned char)s[k]); k++)
				;
			if (k != hend || !known_tld(s + last_dot + 1, tl) || (at && at > last_dot)) {
				i = j;
				continue;
			}
			end = hend;
			if (end < len && s[end] == '/') {
				while (end < len && url_char((unsigned char)s[end]))
					end++;
				end = trim_link(s, start, end);
			}
		}
		TERMIN_GROW(sp, cap, n + 1);
		sp[n++] = (ck_span){ start, end };
		i = end > i ? end : i + 1;
	}
	*out = sp;
	*capp = cap;
	return n;
}

/* The link as compared: lower case, without scheme, "www." and a final
 * slash. */
static void link_key(termin_buf *b, const char *s, size_t len)
{
	const char *p = s, *e = s + len;
	const char *schemes[] = { "https://", "http://", "ftp://", "mailto:" };
	for (size_t k = 0; k < 4; k++)
		if ((size_t)(e - p) > strlen(schemes[k]) && strncasecmp(p, schemes[k], strlen(schemes[k])) == 0)
			p += strlen(schemes[k]);
	if (e - p > 4 && strncasecmp(p, "www.", 4) == 0)
		p += 4;
	while (e > p && e[-1] == '/')
		e--;
	termin_buf_clear(b);
	termin__lower(b, p, (size_t)(e - p));
}

static void check_links(termin_checker *ck, const ck_unit *cu)
{
	termin_buf a = TERMIN_BUF_INIT, b = TERMIN_BUF_INIT;
	size_t paired = (size_t)-1;   /* a source link reported with its replacement */
	for (int s = 1; s >= 0; s--) {
		int o = !s;
		for (size_t i = 0; i < cu->n_links[s]; i++) {
			if (s == 0 && i == paired)
				continue;
			const ck_span *x = &cu->links[s][i];
			int found = 0;
			link_key(&a, cu->text[s] + x->start, x->end - x->start);
			for (size_t k = 0; k < cu->n_links[o] && !found; k++) {
				const ck_span *y = &cu->links[o][k];
				link_key(&b, cu->text[o] + y->start, y->end - y->start);
				found = strcmp(a.ptr, b.ptr) == 0;
			}
			if (found)
				continue;
			const char *sugg = NULL;
			if (s == 1 && cu->n_links[0] == cu->n_links[1] && i < cu->n_links[0]) {
				const ck_span *y = &cu->links[0][i];
				termin_buf_clear(&b);
				termin_buf_put(&b, cu->text[0] + y->start, y->end - y->start);
				sugg = b.ptr;
				/* one finding for a link that was replaced */
				if (paired == (size_t)-1)
					paired = i;
			}
			termin__check_add(ck, cu, CK_URL_MISMATCH, s ? SIDE_PAIR_TGT : SIDE_PAIR_SRC, x->start, x->end,
			                  sugg, s ? "\"%.*s\" in the target is not in the source"
			                          : "\"%.*s\" in the source is missing from the target",
			                  (int)(x->end - x->start), cu->text[s] + x->start);
		}
	}
	termin_buf_free(&a);
	termin_buf_free(&b);
}

/* ---- untranslated, same-as-source ---- */

static int blank(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len)
		if (!termin__is_space(termin__utf8_next(s, len, &i)))
			return 0;
	return 1;
}

static int same_text(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < al && (a[i] == ' ' || a[i] == '\t'))
			i++;
		while (j < bl && (b[j] == ' ' || b[j] == '\t'))
			j++;
		if (i >= al || j >= bl)
			return i >= al && j >= bl;
		if (a[i] != b[j])
			return 0;
		i++;
		j++;
	}
}

/* Whether a copied text needed translating: it has a lower-case word of
 * three or more letters outside links (names, acronyms, numbers, codes
 * and links are legitimately copied). */
static int needs_translation(const ck_unit *cu)
{
	const ck_word *w = cu->words[0];
	size_t n = cu->n_words[0];
	int need = 0;
	for (size_t i = 0; i < n && !need; i++) {
		if (w[i].letters < 3 || w[i].digits || w[i].upper ||
		    termin__in_spans(cu->links[0], cu->n_links[0], w[i].start, w[i].end))
			continue;
		need = 1;
	}
	return need;
}

/* ---- end punctuation ---- */

static int closing(int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 || cp == 0xBB || cp == 0x201C ||
	       cp == ')' || cp == ']' || cp == '}' || cp == 0x203A;
}

/* The final punctuation class of a text: '.', '!', '?', ':', ';', ',', 'e'
 * (ellipsis), or 0 for none; *at gets its byte offset. */
static int end_class(const char *s, size_t len, size_t *at, size_t *pend)
{
	size_t i = len;
	int32_t cp = 0;
	while (i > 0) {
		size_t k = i;
		cp = termin__utf8_prev(s, &k);
		if (termin__is_space(cp) || closing(cp)) {
			i = k;
			continue;
		}
		break;
	}
	*pend = i;
	if (i == 0)
		return 0;
	size_t k = i;
	cp = termin__utf8_prev(s, &k);
	*at = k;
	switch (cp) {
	case '.':
		if (k >= 2 && s[k - 1] == '.' && s[k - 2] == '.') {
			*at = k - 2;
			return 'e';
		}
		return '.';
	case 0x2026: return 'e';
	case '!': case '?': case ':': case ';': case ',':
		return (int)cp;
	default:
		return 0;
	}
}

static const char *class_name(int c)
{
	switch (c) {
	case '.': return "a full stop";
	case '!': return "an exclamation mark";
	case '?': return "a question mark";
	case ':': return "a colon";
	case ';': return "a semicolon";
	case ',': return "a comma";
	case 'e': return "an ellipsis";
	default: return "no punctuation";
	}
}

/* Whether the text ends with an abbreviation whose full stop is part of
 * it ("U.S.", "etc.", "г."), so a target without one may be right. */
static int ends_with_abbreviation(const char *s, size_t len, size_t dot)
{
	size_t i = dot, letters = 0;
	while (i > 0) {
		size_t k = i;
		int32_t cp = termin__utf8_prev(s, &k);
		if (!termin__is_letter(cp) && cp != '.')
			break;
		letters += termin__is_letter(cp);
		i = k;
	}
	(void)len;
	if (letters <= 1)
		return 1;
	if (memchr(s + i, '.', dot - i))
		return 1;   /* "U.S." */
	return dot - i == 3 && strncmp(s + i, "etc", 3) == 0;
}

static void check_end(termin_checker *ck, const ck_unit *cu)
{
	size_t at[2] = { 0, 0 }, pend[2];
	int c0 = end_class(cu->text[0], cu->len[0], &at[0], &pend[0]);
	int c1 = end_class(cu->text[1], cu->len[1], &at[1], &pend[1]);
	if (c0 == c1)
		return;
	/* a colon may become a full stop or a dash construction and back;
	 * an abbreviation's full stop is not sentence punctuation */
	if (c0 == '.' && c1 == 0 && ends_with_abbreviation(cu->text[0], cu->len[0], at[0]))
		return;
	if (c1 == '.' && c0 == 0 && ends_with_abbreviation(cu->text[1], cu->len[1], at[1]))
		return;
	size_t s = c1 ? at[1] : pend[1], e = c1 ? pend[1] : pend[1];
	char sugg[8] = "";
	if (c0 && c0 != 'e')
		snprintf(sugg, sizeof sugg, "%c", c0);
	else if (c0 == 'e')
		snprintf(sugg, sizeof sugg, "\xe2\x80\xa6");
	termin__check_add(ck, cu, CK_END_PUNCTUATION, SIDE_PAIR_TGT, s, e, c0 ? sugg : NULL,
	                  "the source ends with %s, the target with %s", class_name(c0), class_name(c1));
}

/* ---- repeated words, spaces ---- */

static int word_eq_ci(const char *s, const ck_word *a, const ck_word *b, termin_buf *x, termin_buf *y)
{
	termin_buf_clear(x);
	termin_buf_clear(y);
	termin__lower(x, s + a->start, a->end - a->start);
	termin__lower(y, s + b->start, b->end - b->start);
	return x->len == y->len && memcmp(x->ptr, y->ptr, x->len) == 0;
}

static void check_repeats(termin_checker *ck, const ck_unit *cu, int side)
{
	const char *s = cu->text[side];
	const ck_word *w = cu->words[side];
	size_t n = cu->n_words[side];
	termin_buf x = TERMIN_BUF_INIT, y = TERMIN_BUF_INIT;
	for (size_t i = 1; i < n; i++) {
		const ck_word *a = &w[i - 1], *b = &w[i];
		size_t k;
		/* equal words have equal letter counts (a cheap test first) */
		if (!a->letters || a->digits || a->letters != b->letters)
			continue;
		/* only white space between them */
		for (k = a->end; k < b->start; k++)
			if (s[k] != ' ' && s[k] != '\t' && (unsigned char)s[k] != 0xC2 && (unsigned char)s[k] != 0xA0)
				break;
		/* different first letters in ASCII: not the same word */
		unsigned char fa = (unsigned char)s[a->start], fb = (unsigned char)s[b->start];
		if (fa < 0x80 && fb < 0x80 && (fa | 32) != (fb | 32))
			continue;
		if (k != b->start || !word_eq_ci(s, a, b, &x, &y))
			continue;
		/* English doubles that are grammatical */
		if (!cu->ru[side] && (strcmp(x.ptr, "had") == 0 || strcmp(x.ptr, "that") == 0))
			continue;
		termin_buf_clear(&y);
		termin_buf_put(&y, s + a->start, a->end - a->start);
		termin__check_add(ck, cu, CK_REPEATED_WORD, side, a->start, b->end, y.ptr, "\"%s\" is repeated",
		                  y.ptr);
	}
	termin_buf_free(&x);
	termin_buf_free(&y);
}

static int space_char(int32_t cp)
{
	return cp == ' ' || cp == 0xA0 || cp == 0x202F || cp == 0x2009;
}

static void check_spaces(termin_checker *ck, const ck_unit *cu, int side)
{
	const char *s = cu->text[side];
	size_t len = cu->len[side], i = 0, first = 0, last = len;
	/* skip the edges: leading and trailing space is the file's layout */
	while (first < len) {
		size_t k = first;
		if (!termin__is_space(termin__utf8_next(s, len, &k)))
			break;
		first = k;
	}
	while (last > first) {
		size_t k = last;
		if (!termin__is_space(termin__utf8_prev(s, &k)))
			break;
		last = k;
	}
	i = first;
	while (i < last) {
		/* only ' ' and the lead bytes of NBSP (C2) and of the thin and
		 * narrow spaces (E2) can start a run */
		unsigned char c = (unsigned char)s[i];
		if (c != ' ' && c != 0xC2 && c != 0xE2) {
			i++;
			continue;
		}
		/* one space before a byte that cannot start another: the run is
		 * one (most spaces) */
		if (c == ' ' && (i + 1 >= last || (s[i + 1] != ' ' && (unsigned char)s[i + 1] != 0xC2 &&
		                                   (unsigned char)s[i + 1] != 0xE2))) {
			i++;
			continue;
		}
		size_t at = i, run = 0, end = i;
		for (;;) {
			size_t k = end;
			if (k >= last || !space_char(termin__utf8_next(s, last, &k)))
				break;
			end = k;
			run++;
		}
		if (run >= 2) {
			termin__check_add(ck, cu, CK_DOUBLE_SPACE, side, at, end, " ", "%zu spaces in a row", run);
			i = end;
			continue;
		}
		termin__utf8_next(s, last, &i);
	}
}

/* ---- tags ---- */

/* Collects inline tags as "name#id" keys. With markup, the XML elements;
 * without, anything that looks like an HTML/XML tag or a placeholder
 * ({0}, %s, %1$s) in the plain text. */
static size_t collect_tags(const char *s, size_t len, int markup, char ***out)
{
	char **keys = NULL;
	size_t n = 0, cap = 0;
	/* (most texts have none: three memchr instead of a loop) */
	if (!memchr(s, '<', len) && !memchr(s, '{', len) && !memchr(s, '%', len))
		len = 0;
	for (size_t i = 0; i < len; i++) {
		/* tags and placeholders start with '<', '{' or '%' */
		if (s[i] != '<' && s[i] != '{' && s[i] != '%')
			continue;
		termin_buf k = TERMIN_BUF_INIT;
		if (s[i] == '<' && i + 1 < len && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/')) {
			size_t j = i + 1, e;
			int close = s[j] == '/';
			j += close;
			e = j;
			while (e < len && (isalnum((unsigned char)s[e]) || s[e] == ':' || s[e] == '-'))
				e++;
			const char *gt = memchr(s + e, '>', len - e);
			if (!gt || e == j)
				continue;
			/* in markup an end tag only closes what its start opened */
			if (markup && close) {
				i = (size_t)(gt - s);
				continue;
			}
			termin_buf_printf(&k, "<%s%.*s", close ? "/" : "", (int)(e - j), s + j);
			/* the id: i=, x=, id= */
			const char *attrs[] = { " i=\"", " x=\"", " id=\"", " rid=\"" };
			for (size_t a = 0; a < 4; a++) {
				const char *p = memmem(s + e, (size_t)(gt - (s + e)), attrs[a], strlen(attrs[a]));
				if (p) {
					p += strlen(attrs[a]);
					const char *q = memchr(p, '"', (size_t)(gt - p));
					if (q)
						termin_buf_printf(&k, " %s%.*s\"", attrs[a] + 1, (int)(q - p), p);
				}
			}
			termin_buf_putc(&k, '>');
			i = (size_t)(gt - s);
		} else if (!markup && s[i] == '{' && i + 2 < len && isdigit((unsigned char)s[i + 1])) {
			size_t j = i + 1;
			while (j < len && isdigit((unsigned char)s[j]))
				j++;
			if (j < len && s[j] == '}') {
				termin_buf_put(&k, s + i, j + 1 - i);
				i = j;
			}
		} else if (!markup && s[i] == '%' && i + 1 < len) {
			size_t j = i + 1;
			while (j < len && (isdigit((unsigned char)s[j]) || s[j] == '$'))
				j++;
			if (j < len && strchr("sdifu@", s[j]) && (j + 1 >= len || !isalpha((unsigned char)s[j + 1])) &&
			    (j == i + 1 || s[j - 1] == '$')) {
				termin_buf_put(&k, s + i, j + 1 - i);
				i = j;
			}
		}
		if (k.len) {
			TERMIN_GROW(keys, cap, n + 1);
			keys[n++] = termin_buf_detach(&k);
		}
		termin_buf_free(&k);
	}
	*out = keys;
	return n;
}

static void check_tags(termin_checker *ck, const ck_unit *cu)
{
	const termin_check_unit *u = cu->u;
	int markup = u->source_markup && u->target_markup;
	const char *a = markup ? u->source_markup : cu->text[0], *b = markup ? u->target_markup : cu->text[1];
	size_t al = markup ? u->source_markup_len : cu->len[0], bl = markup ? u->target_markup_len : cu->len[1];
	char **x, **y;
	size_t nx = collect_tags(a, al, markup, &x), ny = collect_tags(b, bl, markup, &y);
	if (nx || ny) {
		char *used = termin__xcalloc(ny + 1, 1);
		termin_buf missing = TERMIN_BUF_INIT, extra = TERMIN_BUF_INIT;
		for (size_t i = 0; i < nx; i++) {
			size_t j;
			for (j = 0; j < ny; j++)
				if (!used[j] && strcmp(x[i], y[j]) == 0)
					break;
			if (j < ny)
				used[j] = 1;
			else
				termin_buf_printf(&missing, "%s%s", missing.len ? " " : "", x[i]);
		}
		for (size_t j = 0; j < ny; j++)
			if (!used[j])
				termin_buf_printf(&extra, "%s%s", extra.len ? " " : "", y[j]);
		if (missing.len || extra.len)
			termin__check_add(ck, cu, CK_TAG_MISMATCH, SIDE_PAIR_TGT, 0, 0, NULL, "%s%s%s%s%s",
			                  missing.len ? "missing from the target: " : "", missing.len ? missing.ptr : "",
			                  missing.len && extra.len ? "; " : "", extra.len ? "not in the source: " : "",
			                  extra.len ? extra.ptr : "");
		termin_buf_free(&missing);
		termin_buf_free(&extra);
		free(used);
	}
	for (size_t i = 0; i < nx; i++)
		free(x[i]);
	for (size_t i = 0; i < ny; i++)
		free(y[i]);
	free(x);
	free(y);
}

/* ---- quotes ---- */

static void check_quotes(termin_checker *ck, const ck_unit *cu, int side)
{
	const char *s = cu->text[side];
	size_t len = cu->len[side], i = 0;
	int depth = 0;
	int ru = cu->ru[side];
	/* from the first byte that may start one (memchr is quicker than the
	 * loop below; many texts have none) */
	const char *from[3] = { memchr(s, '"', len), memchr(s, 0xC2, len), memchr(s, 0xE2, len) };
	i = len;
	for (int k = 0; k < 3; k++)
		if (from[k] && (size_t)(from[k] - s) < i)
			i = (size_t)(from[k] - s);
	while (i < len) {
		/* quotation marks are '"' or start with C2 («») or E2 (“”„) */
		unsigned char c = (unsigned char)s[i];
		if (c != '"' && c != 0xC2 && c != 0xE2) {
			i++;
			continue;
		}
		size_t at = i;
		int32_t cp = termin__utf8_next(s, len, &i);
		if (termin__in_spans(cu->links[side], cu->n_links[side], at, i))
			continue;
		if (ru) {
			if (cp == 0xAB)
				depth++;
			else if (cp == 0xBB && depth > 0)
				depth--;
			else if (depth == 0 && (cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E)) {
				termin__check_add(ck, cu, CK_QUOTE_STYLE, side == 0 ? SIDE_SRC : SIDE_TGT, at, i,
				                  "\xc2\xab\xe2\x80\xa6\xc2\xbb",
				                  "Russian text quotes with \xc2\xab\xc2\xbb (\xe2\x80\x9e\xe2\x80\x9c inside them), not %.*s",
				                  (int)(i - at), s + at);
				return;
			}
		} else if (cu->en[side] && (cp == 0xAB || cp == 0xBB)) {
			termin__check_add(ck, cu, CK_QUOTE_STYLE, side == 0 ? SIDE_SRC : SIDE_TGT, at, i,
			                  "\xe2\x80\x9c\xe2\x80\xa6\xe2\x80\x9d",
			                  "English text quotes with \xe2\x80\x9c\xe2\x80\x9d or \"\", not %.*s", (int)(i - at),
			                  s + at);
			return;
		}
	}
}

/* ---- length ---- */

static size_t chars(const char *s, size_t len)
{
	return termin__utf8_count(s, len);
}

static void check_length(termin_checker *ck, const ck_unit *cu)
{
	size_t a = chars(cu->text[0], cu->len[0]), b = chars(cu->text[1], cu->len[1]);
	if (a < 20 || b == 0)
		return;
	double r = (double)b / (double)a;
	if (r < ck->min_ratio || r > ck->max_ratio)
		termin__check_add(ck, cu, CK_LENGTH_RATIO, SIDE_PAIR_TGT, 0, 0, NULL,
		                  "the target is %.2f times as long as the source (expected %.2f to %.2f)", r,
		                  ck->min_ratio, ck->max_ratio);
}

/* ---- mixed scripts ---- */

/* Latin and Cyrillic letters that look alike, in pairs. */
static const int32_t homoglyphs[][2] = {
	{ 'a', 0x430 }, { 'e', 0x435 }, { 'o', 0x43E }, { 'p', 0x440 }, { 'c', 0x441 }, { 'x', 0x445 },
	{ 'y', 0x443 }, { 'A', 0x410 }, { 'B', 0x412 }, { 'E', 0x415 }, { 'K', 0x41A }, { 'M', 0x41C },
	{ 'H', 0x41D }, { 'O', 0x41E }, { 'P', 0x420 }, { 'C', 0x421 }, { 'T', 0x422 }, { 'X', 0x425 },
	{ 'k', 0x43A }, { 'm', 0x43C }, { 'T', 0x442 }, { 'i', 0x456 }, { 'I', 0x406 },
};

/* Writes the word with its minority-script look-alikes turned into the
 * majority script into b; returns the number of letters changed (0 when a
 * minority letter has no look-alike). */
int termin__check_fix_script(termin_buf *b, const char *s, size_t len, int to_cyrillic)
{
	size_t i = 0;
	int changed = 0;
	char enc[4];
	termin_buf_clear(b);
	while (i < len) {
		int32_t cp = termin__utf8_next(s, len, &i);
		int minority = to_cyrillic ? termin__is_latin(cp) : termin__is_cyrillic(cp);
		if (minority) {
			size_t k;
			for (k = 0; k < TERMIN_ARRAY_SIZE(homoglyphs); k++)
				if (homoglyphs[k][to_cyrillic ? 0 : 1] == cp)
					break;
			if (k == TERMIN_ARRAY_SIZE(homoglyphs))
				return 0;
			cp = homoglyphs[k][to_cyrillic ? 1 : 0];
			changed++;
		}
		termin_buf_put(b, enc, (size_t)termin__utf8_encode(cp, enc));
	}
	return changed;
}

static void check_scripts(termin_checker *ck, const ck_unit *cu, int side)
{
	const char *s = cu->text[side];
	const ck_word *w = cu->words[side];
	size_t n = cu->n_words[side];
	termin_buf b = TERMIN_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (!w[i].latin || !w[i].cyrillic)
			continue;
		if (termin__in_spans(cu->links[side], cu->n_links[side], w[i].start, w[i].end))
			continue;
		/* the spelling check reports the words it judges (with the
		 * corrected word); this check covers the rest */
		if (termin__check_on(ck, CK_SPELLING) && termin__check_spell_judges(s, &w[i]))
			continue;
		int to_cyr = w[i].cyrillic >= w[i].latin;
		int fixed = termin__check_fix_script(&b, s + w[i].start, w[i].end - w[i].start, to_cyr);
		termin__check_add(ck, cu, CK_MIXED_SCRIPT, side == 0 ? SIDE_SRC : SIDE_TGT, w[i].start, w[i].end,
		                  fixed ? b.ptr : NULL, "%s letters inside a %s word", to_cyr ? "Latin" : "Cyrillic",
		                  to_cyr ? "Cyrillic" : "Latin");
	}
	termin_buf_free(&b);
}

void termin__check_rules(termin_checker *ck, const ck_unit *cu)
{
	int sides = cu->bilingual ? 2 : 1;
	if (cu->bilingual && blank(cu->text[1], cu->len[1])) {
		if (!blank(cu->text[0], cu->len[0]))
			termin__check_add(ck, cu, CK_UNTRANSLATED, SIDE_PAIR_TGT, 0, 0, NULL,
			                  cu->u->target_len ? "the target is blank" : "the target is empty");
		sides = 1;
	}
	for (int s = 0; s < sides; s++) {
		if (termin__check_on(ck, CK_REPEATED_WORD))
			check_repeats(ck, cu, s);
		if (termin__check_on(ck, CK_DOUBLE_SPACE))
			check_spaces(ck, cu, s);
		if (termin__check_on(ck, CK_MIXED_SCRIPT))
			check_scripts(ck, cu, s);
		if (termin__check_on(ck, CK_QUOTE_STYLE) && (s == 1 || !cu->bilingual))
			check_quotes(ck, cu, s);
	}
	if (sides < 2)
		return;
	int same = same_text(cu->text[0], cu->len[0], cu->text[1], cu->len[1]);
	if (same && termin__check_on(ck, CK_SAME_AS_SOURCE) && needs_translation(cu) &&
	    !termin_lang_matches(cu->lang[1], cu->lang[0]))
		termin__check_add(ck, cu, CK_SAME_AS_SOURCE, SIDE_PAIR_TGT, 0, cu->len[1], NULL,
		                  "the target is a copy of the source");
	if (termin__check_on(ck, CK_END_PUNCTUATION))
		check_end(ck, cu);
	if (termin__check_on(ck, CK_URL_MISMATCH))
		check_links(ck, cu);
	if (termin__check_on(ck, CK_TAG_MISMATCH))
		check_tags(ck, cu);
	if (termin__check_on(ck, CK_LENGTH_RATIO) && !same)
		check_length(ck, cu);
}
