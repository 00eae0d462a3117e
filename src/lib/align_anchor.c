/*
 * align_anchor.c - what the aligner looks for in a segment: numbers,
 * dates and months, number words, URLs, names and cognates (through a
 * transliteration key), and final punctuation and quotes.
 *
 * Each thing found becomes a token: a 32-bit key that the same thing in the
 * other language shares ("June 6, 2024" and "6 июня 2024 года" both give
 * the number 6, the month 6 and the number 2024), and a class whose weight
 * the aligner estimates. Keys are hashes of short canonical strings.
 */
#include "align_internal.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

/* ---- tokens ---- */

static void add(al_toks *o, uint8_t cls, char kind, const char *s, size_t n)
{
	char buf[64];
	if (n > sizeof buf - 1)
		n = sizeof buf - 1;
	buf[0] = kind;
	memcpy(buf + 1, s, n);
	TERMIN_GROW(o->v, o->cap, o->n + 1);
	o->v[o->n].key = (uint32_t)termin__hash64(buf, n + 1, 0x616c69676eULL);
	o->v[o->n].cls = cls;
	o->n++;
}

static void add_str(al_toks *o, uint8_t cls, char kind, const char *s)
{
	add(o, cls, kind, s, strlen(s));
}

static void add_int(al_toks *o, uint8_t cls, char kind, long v)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%ld", v);
	add(o, cls, kind, buf, (size_t)n);
}

/* ---- characters ---- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int cp_is_quote_close(int32_t cp)
{
	return cp == '"' || cp == 0x201D || cp == 0x00BB || cp == 0x2019 || cp == '\'' ||
	       cp == ')' || cp == ']' || cp == 0x201C;
}

/* Lower-cases a UTF-8 word into `out` (NUL-terminated); returns the length
 * in bytes, or 0 if it does not fit. */
static size_t lower_utf8(const char *w, size_t len, char *out, size_t cap)
{
	size_t i = 0, o = 0;
	while (i < len) {
		int32_t cp = termin__utf8_next(w, len, &i);
		if (cp < 0)
			continue;
		if (o + 5 > cap)
			return 0;
		o += (size_t)termin__utf8_encode(u_tolower(cp), out + o);
	}
	out[o] = '\0';
	return o;
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* ---- transliteration keys ---- */

/* A coarse Latin spelling of a Cyrillic letter (lower case). */
static const char *cyr_latin(int32_t cp)
{
	static const char *const tab[32] = {
		"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
		"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"
	};
	if (cp >= 0x430 && cp <= 0x44F)
		return tab[cp - 0x430];
	switch (cp) {
	case 0x451: return "e";   /* ё */
	case 0x456: return "i";   /* і */
	case 0x457: return "yi";  /* ї */
	case 0x454: return "ye";  /* є */
	case 0x491: return "g";   /* ґ */
	case 0x45E: return "u";   /* ў */
	case 0x4D9: return "a";   /* ә */
	case 0x493: return "g";   /* ғ */
	case 0x49B: return "k";   /* қ */
	case 0x4A3: return "n";   /* ң */
	case 0x4E9: return "o";   /* ө */
	case 0x4B1: return "u";   /* ұ */
	case 0x4AF: return "u";   /* ү */
	case 0x4BB: return "h";   /* һ */
	}
	return NULL;
}

/* The base ASCII letter of a Latin letter with diacritics, or 0. */
static char latin_base(int32_t cp)
{
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
	UChar buf[8];
	int32_t k;
	if (U_FAILURE(e))
		return 0;
	k = unorm2_getDecomposition(nfd, cp, buf, 8, &e);
	if (U_FAILURE(e) || k <= 0 || buf[0] >= 128)
		return 0;
	return (char)u_tolower(buf[0]);
}

/* Writes the word's coarse Latin spelling (lower case) into out. */
static size_t to_latin(const char *w, size_t len, char *out, size_t cap)
{
	size_t i = 0, o = 0;
	while (i < len && o + 5 < cap) {
		int32_t cp = termin__utf8_next(w, len, &i);
		if (cp < 0)
			continue;
		cp = u_tolower(cp);
		if (cp < 128) {
			if ((cp >= 'a' && cp <= 'z'))
				out[o++] = (char)cp;
			continue;
		}
		const char *s = cyr_latin(cp);
		if (s) {
			size_t k = strlen(s);
			memcpy(out + o, s, k);
			o += k;
			continue;
		}
		char b = latin_base(cp);
		if (b >= 'a' && b <= 'z')
			out[o++] = b;
	}
	out[o] = '\0';
	return o;
}

static int vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Consonant classes: P (p b), F (f v w), T (t d), K (k g c q h), S (s z c
 * before e/i/y, ts), J (zh sh ch j), L, M, N, R; a word-initial vowel is V.
 * Vowels are dropped; a repeated class with no vowel between counts once. */
int termin__align_word_key(const char *word, size_t len, char out[8])
{
	char lat[128];
	size_t n = to_latin(word, len, lat, sizeof lat), i = 0;
	int k = 0, vowel_since = 1;
	char last = 0;
	if (n == 0) {
		out[0] = '\0';
		return 0;
	}
	if (vowel(lat[0])) {
		out[k++] = 'V';
		i = 1;
		while (i < n && vowel(lat[i]))
			i++;
	}
	while (i < n && k < 4) {
		const char *s = lat + i;
		char sym = 0;
		size_t step = 1;
		if (vowel(*s)) {
			vowel_since = 1;
			i++;
			continue;
		}
		if (starts(s, "shch")) { sym = 'J'; step = 4; }
		else if (starts(s, "sch") || starts(s, "dzh")) { sym = 'J'; step = 3; }
		else if (starts(s, "zh") || starts(s, "sh") || starts(s, "ch") || starts(s, "dj")) { sym = 'J'; step = 2; }
		else if (starts(s, "kh") || starts(s, "gh") || starts(s, "ck")) { sym = 'K'; step = 2; }
		else if (starts(s, "ts") || starts(s, "tz")) { sym = 'S'; step = 2; }
		else if (starts(s, "ph")) { sym = 'F'; step = 2; }
		else if (starts(s, "th")) { sym = 'T'; step = 2; }
		else if (*s == 'x') {
			/* ks */
			if (last != 'K' || vowel_since)
				out[k++] = 'K';
			last = 'K';
			vowel_since = 0;
			sym = 'S';
		} else if (*s == 't' && i > 0 && s[1] == 'i' && i + 2 < n && vowel(s[2])) {
			sym = 'S'; /* -tion, -tia: операция */
		} else if (*s == 'c') {
			sym = (s[1] == 'e' || s[1] == 'i' || s[1] == 'y') ? 'S' : 'K';
		} else {
			switch (*s) {
			case 'b': case 'p': sym = 'P'; break;
			case 'f': case 'v': case 'w': sym = 'F'; break;
			case 'd': case 't': sym = 'T'; break;
			case 'g': case 'k': case 'q': case 'h': sym = 'K'; break;
			case 's': case 'z': sym = 'S'; break;
			case 'j': sym = 'J'; break;
			case 'l': sym = 'L'; break;
			case 'm': sym = 'M'; break;
			case 'n': sym = 'N'; break;
			case 'r': sym = 'R'; break;
			default: sym = 0; break;
			}
		}
		i += step;
		if (!sym || k >= 4)
			continue;
		if (sym == last && !vowel_since)
			continue;
		out[k++] = sym;
		last = sym;
		vowel_since = 0;
	}
	out[k] = '\0';
	return k;
}

size_t termin__align_length(const char *text, size_t len)
{
	size_t i = 0, n = 0;
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x80) {
			i++;
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
				n++;
			continue;
		}
		int32_t cp = termin__utf8_next(text, len, &i);
		if (!termin__is_space(cp))
			n++;
	}
	return n;
}

/* ---- months and number words ---- */

static int month_en(const char *lw)
{
	static const char *const full[12] = { "january", "february", "march", "april", "may", "june",
	                                      "july", "august", "september", "october", "november",
	                                      "december" };
	static const char *const abbr[12] = { "jan", "feb", "mar", "apr", NULL, "jun", "jul", "aug",
	                                      "sep", "oct", "nov", "dec" };
	for (int m = 0; m < 12; m++)
		if (strcmp(lw, full[m]) == 0 || (abbr[m] && strcmp(lw, abbr[m]) == 0))
			return m + 1;
	if (strcmp(lw, "sept") == 0)
		return 9;
	return 0;
}

static int month_ru(const char *lw)
{
	static const char *const stem[12] = { "январ", "феврал", "март", "апрел", NULL, "июн", "июл",
	                                      "август", "сентябр", "октябр", "ноябр", "декабр" };
	static const char *const may[] = { "май", "мая", "мае", "маю", "маем", NULL };
	for (int m = 0; m < 12; m++)
		if (stem[m] && starts(lw, stem[m]))
			return m + 1;
	if (in_list(lw, may) || starts(lw, "майск"))
		return 5;
	return 0;
}

/* English number words: 1..12, tens, ordinals first..tenth. */
static long number_en(const char *lw)
{
	static const struct { const char *w; long v; } tab[] = {
		{ "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 }, { "six", 6 },
		{ "seven", 7 }, { "eight", 8 }, { "nine", 9 }, { "ten", 10 }, { "eleven", 11 },
		{ "twelve", 12 }, { "twenty", 20 }, { "thirty", 30 }, { "forty", 40 }, { "fifty", 50 },
		{ "first", 1 }, { "second", 2 }, { "third", 3 }, { "fourth", 4 }, { "fifth", 5 },
		{ "sixth", 6 }, { "seventh", 7 }, { "eighth", 8 }, { "ninth", 9 }, { "tenth", 10 },
		{ "twice", 2 }, { NULL, 0 }
	};
	for (int k = 0; tab[k].w; k++)
		if (strcmp(lw, tab[k].w) == 0)
			return tab[k].v;
	return 0;
}

/* Russian number words: cardinals by their forms, ordinals by stem and
 * adjective ending (второй, третьего, пятым), and впервые. */
static long number_ru(const char *lw)
{
	static const struct { const char *w; long v; } card[] = {
		{ "один", 1 }, { "одна", 1 }, { "одно", 1 }, { "одного", 1 }, { "одной", 1 },
		{ "одному", 1 }, { "одним", 1 }, { "одну", 1 }, { "одном", 1 }, { "впервые", 1 },
		{ "два", 2 }, { "две", 2 }, { "двух", 2 }, { "двум", 2 }, { "двумя", 2 }, { "дважды", 2 },
		{ "три", 3 }, { "трех", 3 }, { "трёх", 3 }, { "трем", 3 }, { "трём", 3 }, { "тремя", 3 },
		{ "четыре", 4 }, { "четырех", 4 }, { "четырёх", 4 }, { "четырем", 4 }, { "четырьмя", 4 },
		{ "пять", 5 }, { "пяти", 5 }, { "пятью", 5 }, { "шесть", 6 }, { "шести", 6 },
		{ "семь", 7 }, { "семи", 7 }, { "восемь", 8 }, { "восьми", 8 }, { "девять", 9 },
		{ "девяти", 9 }, { "десять", 10 }, { "десяти", 10 }, { "одиннадцать", 11 },
		{ "двенадцать", 12 }, { "двадцать", 20 }, { "двадцати", 20 }, { "тридцать", 30 },
		{ "тридцати", 30 }, { "сорок", 40 }, { "сорока", 40 }, { "пятьдесят", 50 },
		{ NULL, 0 }
	};
	static const struct { const char *stem; long v; } ord[] = {
		{ "перв", 1 }, { "втор", 2 }, { "трет", 3 }, { "четверт", 4 }, { "пят", 5 },
		{ "шест", 6 }, { "седьм", 7 }, { "восьм", 8 }, { "девят", 9 }, { "десят", 10 },
		{ NULL, 0 }
	};
	static const char *const endings[] = {
		"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым",
		"им", "ом", "ем", "ых", "их", "ыми", "ими", "ую", "юю", "ья", "ье", "ьи", "ью", "ьего",
		"ьей", "ьему", "ьим", "ьих", "ьими", "ей", NULL
	};
	for (int k = 0; card[k].w; k++)
		if (strcmp(lw, card[k].w) == 0)
			return card[k].v;
	for (int k = 0; ord[k].stem; k++)
		if (starts(lw, ord[k].stem) && in_list(lw + strlen(ord[k].stem), endings))
			return ord[k].v;
	return 0;
}

/* 3 for thousand, 6 for million, 9 for billion; else 0. */
static int scale_word(const char *lw)
{
	if (strcmp(lw, "thousand") == 0 || strcmp(lw, "thousands") == 0 || starts(lw, "тысяч") ||
	    strcmp(lw, "тыс") == 0)
		return 3;
	if (strcmp(lw, "million") == 0 || strcmp(lw, "millions") == 0 || starts(lw, "миллион") ||
	    strcmp(lw, "млн") == 0)
		return 6;
	if (strcmp(lw, "billion") == 0 || strcmp(lw, "billions") == 0 || starts(lw, "миллиард") ||
	    strcmp(lw, "млрд") == 0)
		return 9;
	return 0;
}

/* ---- numbers ---- */

/* Reads up to `max` digits at s[*i]; returns the count (0: none). */
static int digits(const char *s, size_t len, size_t *i, int max, long *v)
{
	int k = 0;
	*v = 0;
	while (*i < len && is_digit(s[*i]) && k < max) {
		*v = *v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	return k;
}

static int no_digit_at(const char *s, size_t len, size_t i)
{
	return i >= len || !is_digit(s[i]);
}

static void add_date(al_toks *o, long d, long m, long y, int ydigits)
{
	if (ydigits == 2)
		y += y < 50 ? 2000 : 1900;
	add_int(o, AL_NUM, 'n', d);
	add_int(o, AL_NUM, 'm', m);
	add_int(o, AL_NUM, 'n', y);
}

/* Parses a number, date or time starting at s[*i] (a digit), adds its
 * tokens and advances *i past it. */
static void number_at(const char *s, size_t len, size_t *i, int ru, al_toks *o)
{
	size_t p = *i, q;
	long a, b, c;
	int na, nb, nc;

	/* dd.mm.yyyy, dd/mm/yyyy, dd.mm.yy */
	q = p;
	na = digits(s, len, &q, 2, &a);
	if (na && q < len && (s[q] == '.' || s[q] == '/') && no_digit_at(s, len, q) == 0) {
		char sep = s[q];
		size_t r = q + 1;
		nb = digits(s, len, &r, 2, &b);
		if (nb && r < len && s[r] == sep) {
			size_t t = r + 1;
			nc = digits(s, len, &t, 4, &c);
			if ((nc == 2 || nc == 4) && no_digit_at(s, len, t) && a >= 1 && a <= 31 && b >= 1 &&
			    b <= 12) {
				add_date(o, a, b, c, nc);
				*i = t;
				return;
			}
		}
	}
	/* yyyy-mm-dd */
	q = p;
	na = digits(s, len, &q, 4, &a);
	if (na == 4 && q < len && s[q] == '-') {
		size_t r = q + 1;
		nb = digits(s, len, &r, 2, &b);
		if (nb == 2 && r < len && s[r] == '-') {
			size_t t = r + 1;
			nc = digits(s, len, &t, 2, &c);
			if (nc == 2 && no_digit_at(s, len, t) && b >= 1 && b <= 12 && c >= 1 && c <= 31) {
				add_date(o, c, b, a, 4);
				*i = t;
				return;
			}
		}
	}
	/* hh:mm[:ss] */
	q = p;
	na = digits(s, len, &q, 2, &a);
	if (na && no_digit_at(s, len, q) && q < len && s[q] == ':') {
		size_t r = q + 1;
		nb = digits(s, len, &r, 2, &b);
		if (nb == 2 && no_digit_at(s, len, r) && a < 24 && b < 60) {
			char buf[16];
			if (r + 2 < len && s[r] == ':' && is_digit(s[r + 1]) && is_digit(s[r + 2]))
				r += 3; /* seconds */
			snprintf(buf, sizeof buf, "%ld:%02ld", a, b);
			add_str(o, AL_NUM, 't', buf);
			*i = r;
			return;
		}
	}

	/* a number with group or decimal separators */
	char intpart[64], frac[32];
	size_t ni = 0, nf = 0;
	int in_frac = 0, groups = 0;
	q = p;
	while (q < len) {
		if (is_digit(s[q])) {
			if (in_frac) {
				if (nf < sizeof frac - 1)
					frac[nf++] = s[q];
			} else if (ni < sizeof intpart - 1) {
				intpart[ni++] = s[q];
			}
			q++;
			continue;
		}
		if ((s[q] == ',' || s[q] == '.') && q + 1 < len && is_digit(s[q + 1]) && !in_frac) {
			size_t r = q + 1;
			while (r < len && is_digit(s[r]))
				r++;
			int three = (r - q - 1) == 3;
			int thousands = ru ? (s[q] == '.' && three && (groups > 0 || (r < len && s[r] == '.')))
			                   : (s[q] == ',' && three);
			if (thousands) {
				groups++;
				q++;
				continue;
			}
			in_frac = 1;
			q++;
			continue;
		}
		break;
	}
	intpart[ni] = '\0';
	while (nf > 0 && frac[nf - 1] == '0')
		nf--;
	frac[nf] = '\0';
	{
		const char *ip = intpart;
		char buf[100];
		while (ip[0] == '0' && ip[1])
			ip++;
		if (nf)
			snprintf(buf, sizeof buf, "%s.%s", ip, frac);
		else
			snprintf(buf, sizeof buf, "%s", ip);
		add_str(o, AL_NUM, 'n', buf);
	}
	/* ordinal suffix (21st, 3rd) and per cent */
	*i = q;
	if (q < len && s[q] == '%') {
		add_str(o, AL_NUMW, 'x', "pct");
		(*i)++;
	} else if (!ru && q + 1 < len) {
		static const char *const suf[] = { "st", "nd", "rd", "th", NULL };
		for (int k = 0; suf[k]; k++)
			if (strncmp(s + q, suf[k], 2) == 0 && (q + 2 >= len || !u_isalpha((unsigned char)s[q + 2]))) {
				*i = q + 2;
				break;
			}
	}
}

/* ---- URLs ---- */

static int url_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' ||
	       c == '.' || c == '_' || c == '/' || c == ':' || c == '@' || c == '?' || c == '=' ||
	       c == '&' || c == '%' || c == '~' || c == '+' || c == '#';
}

/* Whether s (ASCII) is a URL, an e-mail address or a domain name. */
static int is_url(const char *s, size_t n)
{
	size_t dots = 0, last_dot = 0;
	for (size_t k = 0; k < n; k++)
		if (!url_char(s[k]))
			return 0;
	if (n > 7 && memmem(s, n, "://", 3))
		return 1;
	if (n > 4 && (strncmp(s, "www.", 4) == 0 || strncmp(s, "WWW.", 4) == 0))
		return 1;
	for (size_t k = 0; k < n; k++) {
		if (s[k] == '/' || s[k] == ':' || s[k] == '?' || s[k] == '=' || s[k] == '&')
			return 0;
		if (s[k] == '.') {
			if (k == 0 || s[k - 1] == '.')
				return 0;
			dots++;
			last_dot = k;
		}
	}
	if (!dots)
		return 0;
	/* the last label is a top-level domain: 2..6 letters */
	size_t tld = n - last_dot - 1;
	if (tld < 2 || tld > 6)
		return 0;
	for (size_t k = last_dot + 1; k < n; k++)
		if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
			return 0;
	/* and something before it has a letter */
	for (size_t k = 0; k < last_dot; k++)
		if ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))
			return 1;
	return 0;
}

static void add_url(al_toks *o, const char *s, size_t n)
{
	char buf[64];
	size_t k = 0;
	const char *p = memmem(s, n, "://", 3);
	if (p) {
		n -= (size_t)(p + 3 - s);
		s = p + 3;
	}
	if (n > 4 && strncasecmp(s, "www.", 4) == 0)
		s += 4, n -= 4;
	while (n > 0 && s[n - 1] == '/')
		n--;
	for (size_t i = 0; i < n && k < sizeof buf - 1; i++)
		buf[k++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
	add(o, AL_URL, 'u', buf, k);
}

/* ---- words ---- */

typedef struct {
	const char *lang;
	int ru;
	unsigned int features;
	int first_word;     /* no word seen yet in the segment */
	int prev_number;    /* the previous token was a number */
	al_toks *out;
} scan;

static void word(scan *sc, const char *w, size_t n)
{
	char lw[128];
	size_t cps = 0, upper = 0, i = 0;
	int32_t first = -1;
	int initial = sc->first_word;
	sc->first_word = 0;
	while (i < n) {
		int32_t cp = termin__utf8_next(w, n, &i);
		if (first < 0)
			first = cp;
		cps++;
		if (u_isupper(cp))
			upper++;
	}
	if (cps < 2 || !lower_utf8(w, n, lw, sizeof lw))
		return;
	int cap = first >= 0 && u_isupper(first);
	int cyr = first >= 0x400 && first < 0x530;

	if (sc->features & TERMIN_ALIGN_NUMBERS) {
		int m = cyr ? month_ru(lw) : ((cap && (strcmp(lw, "may") != 0 || !initial)) ? month_en(lw) : 0);
		if (m) {
			add_int(sc->out, AL_NUM, 'm', m);
			return;
		}
		long v = cyr ? number_ru(lw) : number_en(lw);
		if (v) {
			add_int(sc->out, AL_NUMW, 'n', v);
			return;
		}
		int sw = scale_word(lw);
		if (sw) {
			add_int(sc->out, AL_NUMW, 'x', sw);
			return;
		}
		if (strcmp(lw, "percent") == 0 || starts(lw, "процент")) {
			add_str(sc->out, AL_NUMW, 'x', "pct");
			return;
		}
	}
	if (!(sc->features & TERMIN_ALIGN_NAMES))
		return;
	if (upper == cps && cps <= 8) {
		/* an acronym: NATO = НАТО, PROXY = PROXY */
		char lat[64];
		size_t k = to_latin(w, n, lat, sizeof lat);
		if (k)
			add(sc->out, AL_NAME, 'a', lat, k);
		return;
	}
	char key[8];
	int syms = termin__align_word_key(w, n, key);
	if (cap && !initial) {
		if (syms >= 2)
			add_str(sc->out, AL_NAME, 'w', key);
	} else if (cps >= 5 && syms >= 3) {
		add_str(sc->out, AL_WORD, 'w', key);
	}
}

/* One whitespace-delimited chunk. */
static void chunk(scan *sc, const char *s, size_t n)
{
	size_t a = 0, b = n;
	/* trim punctuation around it */
	while (a < b) {
		size_t k = a;
		int32_t cp = termin__utf8_next(s, b, &k);
		if (cp >= 0 && (u_isalnum(cp)))
			break;
		a = k;
	}
	while (b > a) {
		size_t k = b;
		int32_t cp = termin__utf8_prev(s, &k);
		if (cp >= 0 && (u_isalnum(cp) || cp == '%' || cp == '/'))
			break;
		b = k;
	}
	if (a >= b)
		return;
	s += a;
	n = b - a;
	if ((sc->features & TERMIN_ALIGN_NAMES) && is_url(s, n)) {
		add_url(sc->out, s, n);
		sc->first_word = 0;
		return;
	}
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (is_digit((char)c)) {
			size_t start = i;
			if (sc->features & TERMIN_ALIGN_NUMBERS)
				number_at(s, n, &i, sc->ru, sc->out);
			if (i == start)
				while (i < n && is_digit(s[i]))
					i++;
			sc->prev_number = 1;
			continue;
		}
		size_t k = i;
		int32_t cp = termin__utf8_next(s, n, &k);
		if (cp >= 0 && u_isalpha(cp)) {
			size_t e = k;
			while (e < n) {
				size_t e2 = e;
				int32_t c2 = termin__utf8_next(s, n, &e2);
				if (c2 < 0 || !u_isalpha(c2))
					break;
				e = e2;
			}
			word(sc, s + i, e - i);
			sc->prev_number = 0;
			i = e;
			continue;
		}
		i = k;
	}
}

/* Punctuation: ? and ! wherever they are, a segment without a final stop
 * (headlines, captions, datelines), quotations and parentheses. */
static void punct(const char *t, size_t len, al_toks *o)
{
	size_t i = 0, guillemets = 0, curly = 0, straight = 0, parens = 0;
	int in_run = 0;
	while (i < len) {
		int32_t cp = termin__utf8_next(t, len, &i);
		if (cp == '?' || cp == '!') {
			if (!in_run)
				add_str(o, AL_PUNCT, 'p', cp == '?' ? "?" : "!");
			in_run = 1;
			continue;
		}
		in_run = 0;
		if (cp == 0x00AB)
			guillemets++;
		else if (cp == 0x201C || cp == 0x201E)
			curly++;
		else if (cp == '"')
			straight++;
		else if (cp == '(')
			parens++;
	}
	size_t quotes = guillemets + curly;
	if (!quotes)
		quotes = (straight + 1) / 2;
	for (size_t k = 0; k < quotes && k < 8; k++)
		add_str(o, AL_QUOTE, 'p', "q");
	for (size_t k = 0; k < parens && k < 8; k++)
		add_str(o, AL_QUOTE, 'p', "(");
	/* the final stop, behind closing quotes and brackets */
	size_t e = len;
	while (e > 0) {
		size_t k = e;
		int32_t cp = termin__utf8_prev(t, &k);
		if (cp < 0 || !(termin__is_space(cp) || cp_is_quote_close(cp)))
			break;
		e = k;
	}
	if (e > 0) {
		size_t k = e;
		int32_t cp = termin__utf8_prev(t, &k);
		if (cp >= 0 && (u_isalnum(cp) || cp == '%'))
			add_str(o, AL_PUNCT, 'p', "none");
		else if (cp == ':')
			add_str(o, AL_PUNCT, 'p', ":");
	}
}

static int ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t skip_space(const char *t, size_t len, size_t i)
{
	while (i < len && ws(t[i]))
		i++;
	return i;
}

static size_t skip_word(const char *t, size_t len, size_t i)
{
	while (i < len && !ws(t[i]))
		i++;
	return i;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!is_digit(s[k]))
			return 0;
	return n > 0;
}

/* What may follow the last group of a number in its chunk: punctuation. */
static int ends_number(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!strchr(".,;:!?)]»\"'%", s[k]))
			return 0;
	return 1;
}

void termin__align_tokens(const char *text, size_t len, const char *lang,
                          unsigned int features, al_toks *out)
{
	scan sc = { lang, lang && strncmp(lang, "ru", 2) == 0, features, 1, 0, out };
	if (features & TERMIN_ALIGN_PUNCT)
		punct(text, len, out);
	if (!(features & (TERMIN_ALIGN_NUMBERS | TERMIN_ALIGN_NAMES)))
		return;
	size_t i = 0;
	while (i < len) {
		size_t s, e;
		i = skip_space(text, len, i);
		s = i;
		i = skip_word(text, len, i);
		if (i == s)
			break;
		e = i;
		/* "1 000 000" (Russian thousands): 1-3 digits, then groups of 3 */
		if (e - s <= 3 && all_digits(text + s, e - s)) {
			char buf[64];
			size_t k = e - s, j = i;
			memcpy(buf, text + s, k);
			for (;;) {
				size_t a = skip_space(text, len, j), b = skip_word(text, len, a);
				size_t d = 0;
				while (a + d < b && is_digit(text[a + d]))
					d++;
				if (a == j || d != 3 || (a + d < b && !ends_number(text + a + d, b - a - d)) ||
				    k + (b - a) >= sizeof buf)
					break;
				memcpy(buf + k, text + a, b - a);
				k += b - a;
				j = i = b;
			}
			chunk(&sc, buf, k);
			continue;
		}
		chunk(&sc, text + s, e - s);
	}
}
