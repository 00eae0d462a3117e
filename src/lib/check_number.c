/*
 * check_number.c - number-mismatch: the numbers of the source must be in
 * the target and the reverse, whatever the local notation.
 *
 * Each side is read into a list of values with their spans. Notation is
 * normalised per language: decimals (3.5 = 3,5), thousands (1,000 =
 * 1 000 = 1000), dates (24.04.2024 gives 24, 4 and 2024; "24 April" and
 * "24 апреля" give 24 and the month 4), ordinals (39th = 39-е = 39),
 * ranges (2019–2021 gives both years), percent, times. Values written in
 * words or as month names and Roman numerals are "weak": they may stand
 * for a number of the other side, but are not required to have a match
 * themselves (the English "one of" needs no digit in Russian).
 */
#include "check_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	double v;
	size_t start, end;
	int weak;
	int used;
} num;

typedef struct {
	num *n;
	size_t count, cap;
} numlist;

static void push(numlist *l, double v, size_t start, size_t end, int weak)
{
	TERMIN_GROW(l->n, l->cap, l->count + 1);
	l->n[l->count++] = (num){ v, start, end, weak, 0 };
}

static int isdig(const char *s, size_t len, size_t i)
{
	return i < len && s[i] >= '0' && s[i] <= '9';
}

static size_t digits(const char *s, size_t len, size_t i)
{
	size_t j = i;
	while (isdig(s, len, j))
		j++;
	return j - i;
}

/* A space that can separate groups of thousands: space, NBSP, narrow NBSP,
 * thin space. Returns its byte length or 0. */
static size_t group_space(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == ' ')
		return 1;
	if (i + 1 < len && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0x89))
		return 3;
	return 0;
}

static double parse_int(const char *s, size_t n)
{
	double v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Reads the number at s[i] (a digit) and pushes its value(s); returns the
 * end. */
static size_t read_number(numlist *l, const char *s, size_t len, size_t i, int ru)
{
	size_t start = i, n = digits(s, len, i), j = i + n;
	double v = parse_int(s + i, n);

	/* dates: d.m.yyyy, d.m.yy, and times h:mm are separate values */
	if (n <= 2 && j < len && s[j] == '.' && isdig(s, len, j + 1)) {
		size_t n2 = digits(s, len, j + 1), k = j + 1 + n2;
		if (n2 <= 2 && k < len && s[k] == '.' && isdig(s, len, k + 1)) {
			size_t n3 = digits(s, len, k + 1);
			if (n3 == 2 || n3 == 4) {
				push(l, v, start, j, 0);
				push(l, parse_int(s + j + 1, n2), j + 1, k, 0);
				push(l, parse_int(s + k + 1, n3), k + 1, k + 1 + n3, 0);
				return k + 1 + n3;
			}
		}
	}
	/* thousands: "1,000" (English), "1 000" (both), "1.000" never */
	if (n <= 3) {
		for (;;) {
			size_t sep = 0;
			if (!ru && j < len && s[j] == ',')
				sep = 1;
			else
				sep = group_space(s, len, j);
			if (!sep || digits(s, len, j + sep) != 3 || isdig(s, len, j + sep + 3))
				break;
			/* "2019, 100 people": a comma group needs no space after */
			v = v * 1000 + parse_int(s + j + sep, 3);
			j += sep + 3;
		}
	}
	/* decimals: "3.5" (English), "3,5" (Russian); both accepted when the
	 * other mark cannot be a group separator here */
	if (j + 1 < len && (s[j] == '.' || s[j] == ',') && isdig(s, len, j + 1)) {
		int dec = s[j] == '.' ? 1 : ru || digits(s, len, j + 1) != 3;
		if (dec) {
			size_t nd = digits(s, len, j + 1);
			double f = parse_int(s + j + 1, nd);
			v += f / pow(10, (double)nd);
			j += 1 + nd;
		}
	}
	push(l, v, start, j, 0);
	return j;
}

/* ---- words that stand for numbers ---- */

typedef struct {
	const char *w;
	size_t n;              /* strlen(w) */
	int v;
} numword;

#define NW(s, v) { s, sizeof(s) - 1, v }

static const numword en_months[] = {
	NW("january", 1), NW("february", 2), NW("march", 3), NW("april", 4), NW("may", 5), NW("june", 6),
	NW("july", 7), NW("august", 8), NW("september", 9), NW("october", 10), NW("november", 11),
	NW("december", 12)
};
/* Russian month stems (every case form starts with one) */
static const numword ru_months[] = {
	NW("январ", 1), NW("феврал", 2), NW("март", 3), NW("апрел", 4), NW("ма", 5), NW("июн", 6),
	NW("июл", 7), NW("август", 8), NW("сентябр", 9), NW("октябр", 10), NW("ноябр", 11), NW("декабр", 12)
};

static int month_of(const char *w, size_t n, int ru)
{
	for (int m = 0; m < 12; m++) {
		if (ru) {
			size_t sl = ru_months[m].n;
			/* (the second byte tells the Russian letters apart) */
			if (n < sl || w[1] != ru_months[m].w[1] || memcmp(w, ru_months[m].w, sl) != 0)
				continue;
			/* май, мая, мае, маем; март, марта, ...; others any ending
			 * of at most 4 bytes (две буквы) */
			if (m == 4) {
				if (n == sl + 2 && (memcmp(w + sl, "\xd0\xb9", 2) == 0 || memcmp(w + sl, "\xd1\x8f", 2) == 0 ||
				                    memcmp(w + sl, "\xd0\xb5", 2) == 0))
					return 5;
				continue;
			}
			if (n - sl <= 6)
				return m + 1;
		} else {
			size_t ml = en_months[m].n;
			if (w[0] != en_months[m].w[0])
				continue;
			if (n == ml && memcmp(w, en_months[m].w, n) == 0)
				return m + 1;
			if (n == 3 && m != 4 && memcmp(w, en_months[m].w, 3) == 0)
				return m + 1;
			if (n == 4 && m == 8 && memcmp(w, "sept", 4) == 0)
				return 9;
		}
	}
	return 0;
}

static const numword en_words[] = {
	NW("zero", 0), NW("one", 1), NW("two", 2), NW("three", 3), NW("four", 4), NW("five", 5), NW("six", 6),
	NW("seven", 7), NW("eight", 8), NW("nine", 9), NW("ten", 10), NW("eleven", 11), NW("twelve", 12),
	NW("fifteen", 15), NW("twenty", 20), NW("thirty", 30), NW("forty", 40), NW("fifty", 50),
	NW("hundred", 100), NW("thousand", 1000), NW("first", 1), NW("second", 2), NW("third", 3),
	NW("fourth", 4), NW("fifth", 5), NW("sixth", 6), NW("seventh", 7), NW("eighth", 8), NW("ninth", 9),
	NW("tenth", 10), NW("once", 1), NW("twice", 2), NW("single", 1), NW("double", 2), NW("dozen", 12),
	{ NULL, 0, 0 }
};

/* Russian number words by stem: every case form of the numeral starts with
 * the stem; the stems are long enough not to begin other common words. */
static const numword ru_words[] = {
	NW("один", 1), NW("одна", 1), NW("одно", 1), NW("одни", 1), NW("одно", 1), NW("два", 2), NW("две", 2),
	NW("двух", 2), NW("двум", 2), NW("три", 3), NW("трех", 3), NW("трём", 3), NW("трем", 3), NW("трёх", 3),
	NW("четыр", 4), NW("пять", 5), NW("пяти", 5), NW("шесть", 6), NW("шести", 6), NW("семь", 7),
	NW("семи", 7), NW("восем", 8), NW("восьм", 8), NW("девят", 9), NW("десят", 10), NW("двенадцат", 12),
	NW("двадцат", 20), NW("тридцат", 30), NW("сорок", 40), NW("пятьдесят", 50), NW("сто", 100),
	NW("тысяч", 1000), NW("перв", 1), NW("втор", 2), NW("трет", 3), NW("четверт", 4), NW("пят", 5),
	NW("шест", 6), NW("седьм", 7), NW("дважды", 2), NW("трижды", 3), { NULL, 0, 0 }
};

/* The shortest and longest words of en_words, and of the Russian words
 * (exact forms, and stems with their endings) in bytes: most words of a
 * text are ruled out by their length alone. Keep them in step with the
 * tables. */
enum { EN_WORD_MIN = 3, EN_WORD_MAX = 8, RU_WORD_MIN = 6, RU_WORD_MAX = 18 + 6 };

static int en_word_value(const char *w, size_t n)
{
	if (n < EN_WORD_MIN || n > EN_WORD_MAX)
		return -1;
	for (size_t i = 0; en_words[i].w; i++)
		if (en_words[i].n == n && en_words[i].w[0] == w[0] && memcmp(en_words[i].w, w, n) == 0)
			return en_words[i].v;
	return -1;
}

static int ru_word_value(const char *w, size_t n)
{
	/* exact short forms first, then stems followed by at most 3 letters */
	static const numword exact[] = { NW("два", 2), NW("две", 2), NW("три", 3), NW("сто", 100),
		                         NW("пять", 5), NW("семь", 7), NW("шесть", 6), { NULL, 0, 0 } };
	if (n < RU_WORD_MIN || n > RU_WORD_MAX)
		return -1;
	for (size_t i = 0; exact[i].w; i++)
		if (exact[i].n == n && memcmp(exact[i].w, w, n) == 0)
			return exact[i].v;
	for (size_t i = 0; ru_words[i].w; i++) {
		size_t sl = ru_words[i].n;
		if (sl <= 6 || ru_words[i].v == 0)
			continue;   /* short stems only as exact words (above) */
		if (n >= sl && n <= sl + 6 && w[1] == ru_words[i].w[1] && memcmp(ru_words[i].w, w, sl) == 0)
			return ru_words[i].v;
	}
	return -1;
}

static int roman_value(const char *w, size_t n)
{
	int total = 0, prev = 0;
	if (n < 2 || n > 9)
		return 0;
	for (size_t i = n; i-- > 0;) {
		int v;
		switch (w[i]) {
		case 'I': v = 1; break;
		case 'V': v = 5; break;
		case 'X': v = 10; break;
		case 'L': v = 50; break;
		case 'C': v = 100; break;
		case 'D': v = 500; break;
		case 'M': v = 1000; break;
		default: return 0;
		}
		total += v < prev ? -v : v;
		if (v > prev)
			prev = v;
	}
	/* only canonical forms (so "DC", "CD" and "MIX" are taken as words
	 * unless they really read back) */
	static const char *r1[] = { "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX" };
	static const char *r10[] = { "", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC" };
	static const char *r100[] = { "", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM" };
	char buf[32];
	if (total <= 0 || total >= 4000)
		return 0;
	snprintf(buf, sizeof buf, "%.*s%s%s%s", total / 1000, "MMM", r100[(total / 100) % 10], r10[(total / 10) % 10],
	         r1[total % 10]);
	return strlen(buf) == n && memcmp(buf, w, n) == 0 ? total : 0;
}

/* Words next to a Roman numeral that make it a number for sure. */
static int roman_context(const char *w, size_t n)
{
	static const char *ctx[] = { "century", "centuries", "congress", "convocation", "session",
		                     "\xd0\xb2\xd0\xb5\xd0\xba", /* век */
		                     "\xd1\x81\xd1\x8a\xd0\xb5\xd0\xb7\xd0\xb4", /* съезд */
		                     "\xd1\x81\xd0\xbe\xd0\xb7\xd1\x8b\xd0\xb2", /* созыв */
		                     NULL };
	for (size_t i = 0; ctx[i]; i++) {
		size_t cl = strlen(ctx[i]);
		if (n >= cl && memcmp(w, ctx[i], cl) == 0 && n <= cl + 6)
			return 1;
	}
	return 0;
}

/* Whether a word may be a number word (by its first letter, in either
 * case): the only thing the words far from digits are read for. */
static int may_be_number_word(const char *w, size_t n, int ru)
{
	unsigned char c = (unsigned char)w[0];
	if (!ru) {
		/* zero ... thousand, first ... tenth, once, twice, single, double, dozen */
		c |= 32;
		return c == 'z' || c == 'o' || c == 't' || c == 'f' || c == 's' || c == 'e' || c == 'n' ||
		       c == 'h' || c == 'd';
	}
	if (n < 2 || (c != 0xD0 && c != 0xD1))
		return 0;
	int32_t cp = ((c & 0x1F) << 6) | ((unsigned char)w[1] & 0x3F);
	if (cp >= 0x410 && cp <= 0x42F)
		cp += 0x20;
	/* один, два, три, четыре, пять, шесть, семь, восемь, девять, десять,
	 * сорок, сто, тысяча, первый, второй, ... (о д т ч п ш с в) */
	return cp == 0x43E || cp == 0x434 || cp == 0x442 || cp == 0x447 || cp == 0x43F || cp == 0x448 ||
	       cp == 0x441 || cp == 0x432;
}

/* The value of number word w[0..n) (-1: none), through the thread's
 * table of the words it has seen: a text repeats its words, and each
 * costs a lower-casing and a look at every number word. */
static int word_value(ck_quick *seen, termin_buf *low, const char *w, size_t n, int ru)
{
	ck_quick *q = NULL;
	uint64_t qw[CK_QUICK_MAX / 8];
	uint32_t tag = (uint32_t)n + 1 + (ru ? 0x10000u : 0);
	if (seen && n <= CK_QUICK_MAX) {
		q = termin__ck_quick_slot(seen, CK_NUMBER_BITS, w, n, tag, qw);
		if (termin__ck_quick_is(q, qw, tag))
			return q->v;
	}
	termin_buf_clear(low);
	termin__lower(low, w, n);
	int v = ru ? ru_word_value(low->ptr, low->len) : en_word_value(low->ptr, low->len);
	if (q)
		termin__ck_quick_set(q, qw, tag, v);
	return v;
}

/* Reads every number of one side. */
static void read_side(numlist *l, const ck_unit *cu, int side, ck_quick *seen)
{
	const char *s = cu->text[side];
	size_t len = cu->len[side];
	int ru = cu->ru[side];
	const ck_word *w = cu->words[side];
	size_t nw = cu->n_words[side];
	termin_buf low = TERMIN_BUF_INIT, next = TERMIN_BUF_INIT;

	for (size_t k = 0; k < nw; k++) {
		size_t a = w[k].start, b = w[k].end;
		if (termin__in_spans(cu->links[side], cu->n_links[side], a, b))
			continue;
		if (w[k].digits) {
			/* digits inside a word: "COVID-19", "39th", "39-е", "G7" */
			size_t i = a;
			while (i < b) {
				if (isdig(s, len, i)) {
					size_t e = read_number(l, s, len, i, ru);
					/* a number read past the word (thousands groups,
					 * dates) moves on */
					i = e;
					while (k + 1 < nw && w[k + 1].start < e)
						k++;
					if (e > b)
						b = e;
				} else {
					i++;
				}
			}
			continue;
		}
		/* month names, Roman numerals and number words are short */
		if (w[k].letters > 14)
			continue;
		int near_number = (k > 0 && w[k - 1].digits) || (k + 1 < nw && w[k + 1].digits);
		int allupper = w[k].upper == w[k].letters;
		if (!near_number && !allupper) {
			if (!may_be_number_word(s + a, b - a, ru))
				continue;
			/* a number word or nothing: ASCII letters, or two-byte
			 * Cyrillic ones, keep their byte length in lower case */
			size_t bl = b - a;
			if (!ru && bl == (size_t)w[k].letters && (bl < EN_WORD_MIN || bl > EN_WORD_MAX))
				continue;
			if (ru && w[k].cyrillic == w[k].letters && bl == 2 * (size_t)w[k].letters &&
			    (bl < RU_WORD_MIN || bl > RU_WORD_MAX))
				continue;
			int v = word_value(seen, &low, s + a, bl, ru);
			if (v > 0)
				push(l, v, a, b, 1);
			continue;
		}
		termin_buf_clear(&low);
		termin__lower(&low, s + a, b - a);
		int m = near_number ? month_of(low.ptr, low.len, ru) : 0;
		if (m && near_number && (ru || termin__is_upper((unsigned char)s[a]))) {
			push(l, m, a, b, 1);
			continue;
		}
		int rv = allupper ? roman_value(s + a, b - a) : 0;
		if (rv) {
			int strong = 0;
			if (k + 1 < nw) {
				termin_buf_clear(&next);
				termin__lower(&next, s + w[k + 1].start, w[k + 1].end - w[k + 1].start);
				strong = roman_context(next.ptr, next.len);
			}
			push(l, rv, a, b, !strong);
			continue;
		}
		int v = ru ? ru_word_value(low.ptr, low.len) : en_word_value(low.ptr, low.len);
		if (v > 0)
			push(l, v, a, b, 1);
	}
	termin_buf_free(&low);
	termin_buf_free(&next);
}

static int same(double a, double b)
{
	return fabs(a - b) < 1e-9 * (fabs(a) + 1);
}

/* Matches strong numbers of `x` against unused numbers of `y`, strong
 * first; returns how many strong ones of x found none. */
static size_t match(numlist *x, numlist *y, int *miss_first)
{
	size_t missing = 0;
	*miss_first = -1;
	for (size_t i = 0; i < x->count; i++) {
		num *a = &x->n[i];
		if (a->weak || a->used)
			continue;
		size_t j, best = (size_t)-1;
		for (j = 0; j < y->count; j++) {
			if (y->n[j].used || !same(a->v, y->n[j].v))
				continue;
			if (!y->n[j].weak) {
				best = j;
				break;
			}
			if (best == (size_t)-1)
				best = j;
		}
		if (best != (size_t)-1) {
			a->used = 1;
			y->n[best].used = 1;
		} else {
			if (*miss_first < 0)
				*miss_first = (int)i;
			missing++;
		}
	}
	return missing;
}

static void fmt_num(termin_buf *b, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		termin_buf_printf(b, "%.0f", v);
	else
		termin_buf_printf(b, "%g", v);
}

void termin__check_numbers(termin_checker *ck, const ck_unit *cu, ck_quick *seen)
{
	numlist src = { 0 }, tgt = { 0 };
	termin_buf msg = TERMIN_BUF_INIT, sugg = TERMIN_BUF_INIT;
	int first_s, first_t;

	if (!termin__check_on(ck, CK_NUMBER_MISMATCH))
		return;
	read_side(&src, cu, 0, seen);
	read_side(&tgt, cu, 1, seen);
	/* strong against strong first, so a weak word does not take the
	 * place of a digit that has its twin */
	size_t ms = match(&src, &tgt, &first_s);
	size_t mt = match(&tgt, &src, &first_t);
	if (ms || mt) {
		if (ms) {
			termin_buf_puts(&msg, "missing from the target:");
			for (size_t i = 0; i < src.count; i++)
				if (!src.n[i].weak && !src.n[i].used) {
					termin_buf_putc(&msg, ' ');
					termin_buf_put(&msg, cu->text[0] + src.n[i].start, src.n[i].end - src.n[i].start);
				}
		}
		if (mt) {
			termin_buf_puts(&msg, ms ? "; not in the source:" : "not in the source:");
			for (size_t i = 0; i < tgt.count; i++)
				if (!tgt.n[i].weak && !tgt.n[i].used) {
					termin_buf_putc(&msg, ' ');
					termin_buf_put(&msg, cu->text[1] + tgt.n[i].start, tgt.n[i].end - tgt.n[i].start);
				}
		}
		if (ms == 1 && mt == 1)
			fmt_num(&sugg, src.n[first_s].v);
		if (mt)
			termin__check_add(ck, cu, CK_NUMBER_MISMATCH, SIDE_PAIR_TGT, tgt.n[first_t].start,
			                  tgt.n[first_t].end, sugg.len ? sugg.ptr : NULL, "%s", msg.ptr);
		else
			termin__check_add(ck, cu, CK_NUMBER_MISMATCH, SIDE_PAIR_SRC, src.n[first_s].start,
			                  src.n[first_s].end, NULL, "%s", msg.ptr);
	}
	free(src.n);
	free(tgt.n);
	termin_buf_free(&msg);
	termin_buf_free(&sugg);
}
