/*
 * segrules.c - termin's built-in sentence segmentation for English, Russian
 * and (with language-neutral defaults) other languages.
 *
 * A hand-written scanner, one pass over a line: bytes that cannot matter
 * are skipped through a table, so the cost is close to that of reading the
 * text. At each candidate sentence end (. ? ! … and their runs, followed by
 * closing quotes and brackets and then a space) the scanner looks at the
 * token before and the first word after and decides, in this order:
 *
 *   1. a lower-case word, a comma, semicolon or colon after it: no break;
 *   2. ? ! and their combinations: break;
 *   3. ellipses: "[...]" is an omission mark; "..." "…" "...." break before
 *      a capital; a spaced ". . ." does not, a spaced ". . . ." does, and
 *      "word. . . . Next" breaks after the first period;
 *   4. a period after a list marker ("1.", "a.", "2.)") at the start of a
 *      line, after a bullet, a colon or a sentence end: no break;
 *   5. abbreviations from the tables (segrules_data.c): titles never break,
 *      the others break only before a capital;
 *   6. multi-period abbreviations ("U.S.", "a.m.", "Л.Н."): English breaks
 *      only before a sentence-starting word or a title, and not after a
 *      sentence-initial "At 5 a.m."; Russian initials never break;
 *   7. single letters: initials ("A. N. Serdyukov") do not break, nor do
 *      Russian one-letter abbreviations; English "I" after a lower-case
 *      word is the pronoun and breaks;
 *   8. anything else breaks before a capital, a digit or a symbol.
 *
 * A break found so is dropped when it falls inside a short quotation or
 * bracket («...», “...”, "...", (...), [...]) that is embedded in a larger
 * sentence: «К чему ты готовишься? – спросила мама. – Завтра выходной».
 * Independently of stops, a numbered or lettered list continued on the same
 * line ("1) one 2) two", "a. one b. two") breaks before each next marker,
 * a bullet (• ‣ ⁃ ...) after a space starts a new segment, and two sentences
 * glued without a space ("world.Today") are split unless the second part
 * is a domain ("Cronos.Asia", "NEWS.ru").
 *
 * Every decision looks at a bounded neighbourhood of the candidate, never
 * at earlier decisions, so that segrules_srx.c can write the same rules as
 * SRX 2.0 regular expressions.
 */
#include "segrules.h"

#include <pthread.h>
#include <string.h>

#include <unicode/uchar.h>

/* ======================= tables ======================= */

enum { F_TITLE = 1, F_PLAIN = 2, F_STARTER = 4, F_TLD = 8 };
enum { SET_EN = 0, SET_RU = 1, SET_MISC = 2 };

typedef struct {
	const char *key;
	unsigned short len;
	unsigned char set;
	unsigned char flags;
} slot;

#define TABLE_SIZE 2048 /* a power of two, well above the entries */
static slot table[TABLE_SIZE];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static size_t slot_of(int set, const char *s, size_t n)
{
	return (size_t)termin__hash64(s, n, (uint64_t)set + 1) & (TABLE_SIZE - 1);
}

static void table_add(int set, const char *s, unsigned char flags)
{
	size_t n = strlen(s), i = slot_of(set, s, n);
	while (table[i].key) {
		if (table[i].set == set && table[i].len == n && memcmp(table[i].key, s, n) == 0) {
			table[i].flags |= flags;
			return;
		}
		i = (i + 1) & (TABLE_SIZE - 1);
	}
	table[i] = (slot){ s, (unsigned short)n, (unsigned char)set, flags };
}

static void table_build(void)
{
	for (const termin__abbrev *a = termin__abbrev_en; a->word; a++)
		table_add(SET_EN, a->word, a->kind == TERMIN__AB_TITLE ? F_TITLE : F_PLAIN);
	for (const termin__abbrev *a = termin__abbrev_ru; a->word; a++)
		table_add(SET_RU, a->word, a->kind == TERMIN__AB_TITLE ? F_TITLE : F_PLAIN);
	for (const char *const *w = termin__starters_en; *w; w++)
		table_add(SET_EN, *w, F_STARTER);
	for (const char *const *w = termin__tlds; *w; w++)
		table_add(SET_MISC, *w, F_TLD);
}

static int table_get(int set, const char *s, size_t n)
{
	if (n == 0 || n > 32)
		return 0;
	size_t i = slot_of(set, s, n);
	while (table[i].key) {
		if (table[i].set == set && table[i].len == n && memcmp(table[i].key, s, n) == 0)
			return table[i].flags;
		i = (i + 1) & (TABLE_SIZE - 1);
	}
	return 0;
}

/* ======================= characters ======================= */

/* Bytes that can start something the scanner acts on. Everything else
 * (letters, digits, spaces, most punctuation) is skipped at table speed. */
static const unsigned char interesting[256] = {
	['.'] = 1, ['?'] = 1, ['!'] = 1, ['('] = 1, [')'] = 1, ['['] = 1, [']'] = 1,
	['"'] = 1, [':'] = 1, [0xC2] = 1, [0xE2] = 1,
};

static inline int32_t cp_at(const char *t, size_t len, size_t i, size_t *next)
{
	unsigned char c = (unsigned char)t[i];
	if (c < 0x80) {
		*next = i + 1;
		return c;
	}
	size_t j = i;
	int32_t cp = termin__utf8_next(t, len, &j);
	*next = j;
	return cp;
}

static inline int32_t cp_before(const char *t, size_t i, size_t *prev)
{
	if (i == 0) {
		*prev = 0;
		return -1;
	}
	unsigned char c = (unsigned char)t[i - 1];
	if (c < 0x80) {
		*prev = i - 1;
		return c;
	}
	size_t j = i;
	int32_t cp = termin__utf8_prev(t, &j);
	*prev = j;
	return cp;
}

static inline int is_lower(int32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	if (c >= 0x430 && c <= 0x45F)
		return 1;
	if (c >= 0x400 && c <= 0x42F)
		return 0;
	return u_islower(c);
}

static inline int is_upper(int32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (c >= 0x400 && c <= 0x42F)
		return 1;
	if (c >= 0x430 && c <= 0x45F)
		return 0;
	return u_isupper(c) || u_istitle(c);
}

static inline int is_letter(int32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	if (c >= 0x400 && c <= 0x45F)
		return 1;
	return c > 0 && u_isalpha(c);
}

static inline int is_digit(int32_t c)
{
	return c >= '0' && c <= '9';
}

static inline int is_space(int32_t c)
{
	return c == ' ' || c == '\t' || (c >= 0x80 && termin__is_space(c));
}

static inline int is_cyrillic(int32_t c)
{
	return c >= 0x400 && c <= 0x4FF;
}

/* Closing quotes and brackets that may follow a sentence end. */
static inline int is_closer(int32_t c)
{
	switch (c) {
	case ')': case ']': case '}': case '"': case '\'':
	case 0x201D: /* ” */ case 0x2019: /* ’ */ case 0xBB: /* » */ case 0x203A: /* › */
	case 0x201C: /* “ closes „ */
		return 1;
	}
	return 0;
}

/* Opening quotes and brackets that may precede a sentence start. */
static inline int is_opener(int32_t c)
{
	switch (c) {
	case '(': case '[': case '{': case '"': case '\'':
	case 0x201C: /* “ */ case 0x2018: /* ‘ */ case 0xAB: /* « */ case 0x201E: /* „ */
	case 0x2039: /* ‹ */ case 0xBF: /* ¿ */ case 0xA1: /* ¡ */ case 0x201A: /* ‚ */
		return 1;
	}
	return 0;
}

static inline int is_dash(int32_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

static inline int is_bullet(int32_t c)
{
	switch (c) {
	case 0x2022: /* • */ case 0x2023: /* ‣ */ case 0x2043: /* ⁃ */ case 0x2219: /* ∙ */
	case 0x25E6: /* ◦ */ case 0x25AA: /* ▪ */ case 0x25AB: /* ▫ */ case 0x25CF: /* ● */
	case 0x25CB: /* ○ */ case 0x25A0: /* ■ */ case 0x25A1: /* □ */ case 0x25BA: /* ► */
	case 0x25B6: /* ▶ */ case 0x27A2: /* ➢ */ case 0x2713: /* ✓ */ case 0x2714: /* ✔ */
		return 1;
	}
	return 0;
}

/* Sentence-ending marks other than the period. */
static inline int is_qe(int32_t c)
{
	return c == '?' || c == '!' || c == 0x203D /* ‽ */ || (c >= 0x2047 && c <= 0x2049) /* ⁇⁈⁉ */;
}

static inline int is_term(int32_t c)
{
	return c == '.' || c == 0x2026 || is_qe(c);
}

/* Caption labels: scraped pages glue photo captions together ("Фото:
 * пресс-служба ОДКБ Фото с сайта www.odkb-csto.org"). */
static const char *const caption_labels[] = {
	"Photo", "Photos", "Video", "Source", "Фото", "Видео", "Источник", NULL
};

/* ======================= the scanner ======================= */

/* Quotation and bracket kinds tracked for protection. */
enum { Q_GUIL, Q_CURLY, Q_ASCII, Q_PAREN, Q_BRACKET, Q_N };

typedef struct {
	termin__lang lang;
	const char *t;
	size_t len;
	termin__breaks *out;
	size_t first_break;  /* breaks before this index were there before */
	/* the last list marker on the line: kind 1 number, 2 letter */
	int mk_kind, mk_style;
	long mk_val;
	/* position of the last unclosed opening mark of each kind, or -1 */
	long open[Q_N];
	/* a caption ("Photo: ...") runs from here to the next sentence end */
	size_t caption_from;
	int in_caption;
} scan;

/* What follows a candidate sentence end. */
enum { NX_END, NX_CONT, NX_UPPER, NX_DIGIT, NX_OTHER };

typedef struct {
	int cls;
	size_t pos;    /* the first character of the next word */
	int32_t cp;
} next_info;

/* Looks past the white space at `k`, past opening quotes and brackets and
 * dialogue dashes, at the character that starts the next sentence (or
 * continues this one). */
static void next_content(const scan *s, size_t k, next_info *nx)
{
	const char *t = s->t;
	size_t len = s->len, m = k, nm;
	int32_t c = -1;
	nx->cls = NX_END;
	while (m < len) {
		c = cp_at(t, len, m, &nm);
		if (is_space(c) || is_opener(c)) {
			m = nm;
			continue;
		}
		if (is_dash(c)) {
			/* a dialogue dash ("— Yes"), not a minus ("-5") */
			size_t n2;
			int32_t d = nm < len ? cp_at(t, len, nm, &n2) : ' ';
			if (is_space(d) || c != '-') {
				m = nm;
				continue;
			}
		}
		break;
	}
	nx->pos = m;
	nx->cp = c;
	if (m >= len)
		return;
	if (is_lower(c) || c == ',' || c == ';' || c == ':' || c == ')' || c == ']' || c == '}' ||
	    c == 0xBB)
		nx->cls = NX_CONT;
	else if (is_upper(c))
		nx->cls = NX_UPPER;
	else if (is_digit(c))
		nx->cls = NX_DIGIT;
	else
		nx->cls = NX_OTHER;
}

/* The token ending at `end` (exclusive): back to the previous white space,
 * without leading opening marks and trailing closing ones. */
static void token_before(const scan *s, size_t end, size_t *ts, size_t *te)
{
	const char *t = s->t;
	size_t i = end, p;
	while (i > 0) {
		int32_t c = cp_before(t, i, &p);
		if (is_space(c))
			break;
		i = p;
	}
	/* a token does not reach back over a break ("Tuesday.Mr.") */
	if (s->out->n > s->first_break && s->out->pos[s->out->n - 1] > i &&
	    s->out->pos[s->out->n - 1] < end)
		i = s->out->pos[s->out->n - 1];
	*ts = i;
	*te = end;
	while (*ts < *te) {
		size_t n;
		int32_t c = cp_at(t, s->len, *ts, &n);
		if (!is_opener(c) && !is_bullet(c) && !(is_dash(c) && n < *te))
			break;
		*ts = n;
	}
	while (*te > *ts) {
		int32_t c = cp_before(t, *te, &p);
		if (!is_closer(c))
			break;
		*te = p;
	}
}

static int tok_has(const char *t, size_t a, size_t b, const char *bytes)
{
	for (size_t i = a; i < b; i++)
		if (strchr(bytes, t[i]))
			return 1;
	return 0;
}

/* A single letter: its code point, or -1. */
static int32_t single_letter(const char *t, size_t a, size_t b)
{
	size_t n;
	if (a >= b)
		return -1;
	int32_t c = cp_at(t, b, a, &n);
	return n == b && is_letter(c) ? c : -1;
}

/* Multi-period abbreviation shape: two or more parts of one to three
 * letters (a part may start with a hyphen: "с.-х"), separated by periods,
 * optionally by a period and a space ("т. е" is handled by the pair
 * lookup). Returns the number of parts, 0 when not this shape; *caps is set
 * when every part is one capital letter. */
static int multi_period(const char *t, size_t a, size_t b, int *caps)
{
	int parts = 0, letters = 0;
	*caps = 1;
	size_t i = a;
	if (a >= b)
		return 0;
	while (i <= b) {
		if (i == b || t[i] == '.') {
			if (letters < 1 || letters > 3)
				return 0;
			parts++;
			letters = 0;
			i++;
			if (i < b && t[i] == '-')
				i++;
			continue;
		}
		size_t n;
		int32_t c = cp_at(t, b, i, &n);
		if (!is_letter(c))
			return 0;
		if (letters || !is_upper(c))
			*caps = 0;
		letters++;
		i = n;
	}
	return parts >= 2 ? parts : 0;
}

static int lookup_sets(const scan *s, const char *w, size_t n)
{
	int f = 0;
	if (s->lang == TERMIN__LANG_RU)
		f = table_get(SET_RU, w, n);
	if (!f)
		f = table_get(SET_EN, w, n) & (F_TITLE | F_PLAIN);
	if (!f && s->lang != TERMIN__LANG_EN && s->lang != TERMIN__LANG_RU)
		f = table_get(SET_RU, w, n);
	return f;
}

/* Looks an abbreviation up as written, then with a lower-case first letter
 * (sentence-initial "Кв. 234", "Etc."). */
static int lookup_abbrev(const scan *s, size_t a, size_t b)
{
	const char *t = s->t;
	int f = lookup_sets(s, t + a, b - a);
	if (f || b - a > 32)
		return f;
	size_t n;
	int32_t c = cp_at(t, b, a, &n);
	if (!is_upper(c))
		return 0;
	char buf[40];
	int k = termin__utf8_encode(u_tolower(c), buf);
	memcpy(buf + k, t + n, b - n);
	return lookup_sets(s, buf, (size_t)k + (b - n));
}

/* The abbreviation class of the token [ts, te) before a period, taking the
 * word before it into account: "т. д" (a spaced multi-period abbreviation)
 * and "и пр" (two words). */
static int abbrev_class(const scan *s, size_t ts, size_t te)
{
	const char *t = s->t;
	if (ts >= 2 && t[ts - 1] == ' ') {
		size_t ps, pe;
		token_before(s, ts - 1, &ps, &pe);
		if (pe > ps && pe - ps <= 12 && te - ts <= 12) {
			char buf[32];
			size_t n = 0;
			int f;
			memcpy(buf, t + ps, pe - ps);
			n = pe - ps;
			if (t[pe - 1] == '.' && pe == ts - 1) {
				/* "т. д" looked up as "т.д" */
				memcpy(buf + n, t + ts, te - ts);
				if ((f = lookup_sets(s, buf, n + te - ts)))
					return f;
			} else if (pe == ts - 1) {
				buf[n++] = ' ';
				memcpy(buf + n, t + ts, te - ts);
				if ((f = lookup_sets(s, buf, n + te - ts)))
					return f;
			}
		}
	}
	return lookup_abbrev(s, ts, te);
}

/* The word at `pos` (letters only) is a sentence starter or a title
 * followed by a period ("Mr."). */
static int starts_sentence_en(const scan *s, size_t pos)
{
	const char *t = s->t;
	size_t e = pos;
	while (e < s->len && (((unsigned char)t[e] | 0x20) >= 'a' && ((unsigned char)t[e] | 0x20) <= 'z'))
		e++;
	if (e == pos)
		return 0;
	int f = table_get(SET_EN, t + pos, e - pos);
	if (f & F_STARTER)
		return 1;
	return (f & F_TITLE) && e < s->len && t[e] == '.';
}

/* ---- list markers ---- */

/* The token [ts, te) as a list marker: 1 for a number of one or two
 * digits, 2 for a single lower-case Latin letter; its value in *val. */
static int marker_kind(const char *t, size_t ts, size_t te, long *val)
{
	if (te - ts == 1 && t[ts] >= 'a' && t[ts] <= 'z') {
		*val = t[ts] - 'a' + 1;
		return 2;
	}
	if (te - ts >= 1 && te - ts <= 2 && is_digit(t[ts]) && is_digit(t[te - 1])) {
		*val = te - ts == 1 ? t[ts] - '0' : (t[ts] - '0') * 10 + t[ts + 1] - '0';
		return 1;
	}
	return 0;
}

/* Is a list marker starting at `ts` where a list may begin? 2 at the start
 * of the line, after a bullet or a colon; 1 after a sentence end; 0 not. */
static int list_context(const scan *s, size_t ts)
{
	const char *t = s->t;
	size_t i = ts, p;
	int32_t c = cp_before(t, i, &p);
	if (i == 0)
		return 2;
	if (is_bullet(c))
		return 2;
	if (!is_space(c))
		return 0;
	while (i > 0) {
		c = cp_before(t, i, &p);
		if (!is_space(c))
			break;
		i = p;
	}
	if (i == 0 || is_bullet(c) || c == ':')
		return 2;
	while (i > 0 && is_closer(c)) {
		i = p;
		c = cp_before(t, i, &p);
	}
	return is_term(c);
}

/* Handles a possible list marker [ts, te) closed by `style` ('.', ')' or
 * 'P' for ".)") and followed by white space. Returns 1 when it is one: it
 * then never ends a sentence, and a marker continuing the line's list
 * starts a new segment. */
static int list_marker(scan *s, size_t ts, size_t te, int style)
{
	long val;
	int kind = marker_kind(s->t, ts, te, &val);
	if (!kind)
		return 0;
	/* the marker must stand alone: "⁃9." and "(1)" are fine, "x1." is not */
	if (ts > 0) {
		size_t p;
		int32_t c = cp_before(s->t, ts, &p);
		if (!is_space(c) && !is_bullet(c))
			return 0;
	}
	int ctx = list_context(s, ts);
	int next = s->mk_kind == kind && val == s->mk_val + 1;
	/* a list starts anywhere with 1 or a; at the start of a line, after a
	 * bullet or a colon also with another number ("• 9. The first item");
	 * after a sentence end only the next marker of a running list
	 * ("1. One. 2. Two"), so that "No. 5. He left" still ends a sentence */
	if (ctx && (val == 1 || next || (ctx == 2 && kind == 1))) {
		s->mk_kind = kind;
		s->mk_val = val;
		s->mk_style = style;
		return 1;
	}
	if (s->mk_kind == kind && val == s->mk_val + 1 && s->mk_style == style) {
		termin__breaks_add(s->out, ts);
		s->mk_val = val;
		return 1;
	}
	return 0;
}

/* ---- quotations ---- */

static int quote_kind(int32_t c, int *opens)
{
	switch (c) {
	case 0xAB: *opens = 1; return Q_GUIL;
	case 0xBB: *opens = 0; return Q_GUIL;
	case 0x201C: *opens = 1; return Q_CURLY;
	case 0x201D: *opens = 0; return Q_CURLY;
	case '(': *opens = 1; return Q_PAREN;
	case ')': *opens = 0; return Q_PAREN;
	case '[': *opens = 1; return Q_BRACKET;
	case ']': *opens = 0; return Q_BRACKET;
	case '"': *opens = -1; return Q_ASCII;
	}
	return -1;
}

/* A straight double quote opens when it follows white space, the start of
 * the line or an opening bracket, and is followed by a non-space. */
static int ascii_quote_opens(const scan *s, size_t i)
{
	size_t p, n;
	int32_t b = cp_before(s->t, i, &p);
	if (i + 1 >= s->len || is_space(cp_at(s->t, s->len, i + 1, &n)))
		return 0;
	return i == 0 || is_space(b) || b == '(' || b == '[' || b == 0xAB || is_dash(b);
}

static void note_quote(scan *s, size_t i, int32_t c)
{
	int opens;
	int q = quote_kind(c, &opens);
	if (q < 0)
		return;
	if (opens < 0)
		opens = ascii_quote_opens(s, i);
	s->open[q] = opens ? (long)i : -1;
}

static size_t count_cps(const char *t, size_t a, size_t b)
{
	size_t n = 0;
	for (size_t i = a; i < b; i++)
		n += ((unsigned char)t[i] & 0xC0) != 0x80;
	return n;
}

/* Is the quotation or bracket closed at `c` (its closing mark `clen`
 * bytes long) embedded in a larger sentence? It is not when it ends with
 * a sentence end and is followed by the next sentence or the end of the
 * line. */
static int embedded(const scan *s, size_t c, size_t clen)
{
	const char *t = s->t;
	size_t p = c, n;
	int32_t b = cp_before(t, p, &p);
	while (is_closer(b) && p > 0)
		b = cp_before(t, p, &p);
	if (!is_term(b))
		return 1;
	n = c + clen;
	while (n < s->len) {
		size_t nn;
		int32_t d = cp_at(t, s->len, n, &nn);
		if (!is_closer(d))
			break;
		n = nn;
	}
	if (n >= s->len)
		return 0;
	size_t nn;
	int32_t d = cp_at(t, s->len, n, &nn);
	if (!is_space(d))
		return 1;
	next_info nx;
	next_content(s, n, &nx);
	return nx.cls == NX_CONT;
}

/* Would a break at `k` (after the sentence end starting at `i`) fall
 * inside an embedded quotation or bracket? */
static int protected_at(const scan *s, size_t i, size_t k)
{
	static const int32_t closer_of[Q_N] = { 0xBB, 0x201D, '"', ')', ']' };
	static const int32_t opener_of[Q_N] = { 0xAB, 0x201C, '"', '(', '[' };
	const char *t = s->t;
	for (int q = 0; q < Q_N; q++) {
		if (s->open[q] < 0 || (size_t)s->open[q] >= i)
			continue;
		size_t o = (size_t)s->open[q];
		size_t olen = q == Q_GUIL ? 2 : q == Q_CURLY ? 3 : 1;
		if (count_cps(t, o + olen, k) > TERMIN__QUOTE_BACK)
			continue;
		/* find the closing mark ahead */
		size_t m = k, cps = 0;
		while (m < s->len && cps <= TERMIN__QUOTE_AHEAD) {
			size_t n;
			int32_t c = cp_at(t, s->len, m, &n);
			if (c == closer_of[q] && (q != Q_ASCII || !ascii_quote_opens(s, m))) {
				if (embedded(s, m, n - m))
					return 1;
				break;
			}
			if (c == opener_of[q])
				break;
			cps++;
			m = n;
		}
	}
	return 0;
}

/* ---- decisions ---- */

static void add_break(scan *s, size_t i, size_t k)
{
	if (!protected_at(s, i, k))
		termin__breaks_add(s->out, k);
}

/* "At 5 a.m." opening a sentence: the time belongs to what follows. */
static int initial_time(const scan *s, size_t ts)
{
	const char *t = s->t;
	size_t i = ts, p, e;
	if (i == 0 || t[i - 1] != ' ')
		return 0;
	i--;
	/* the number: 5, 10, 5:30, 5.30 */
	e = i;
	while (i > 0 && (is_digit(t[i - 1]) || t[i - 1] == ':' || t[i - 1] == '.'))
		i--;
	if (i == e || !is_digit(t[i]) || i == 0 || t[i - 1] != ' ')
		return 0;
	i--;
	/* one capitalised word */
	e = i;
	while (i > 0 && ((t[i - 1] | 0x20) >= 'a' && (t[i - 1] | 0x20) <= 'z'))
		i--;
	if (i == e || !is_upper(t[i]))
		return 0;
	/* at the start of the line or of a sentence */
	if (i == 0)
		return 1;
	int32_t c = cp_before(t, i, &p);
	if (!is_space(c))
		return 0;
	while (p > 0 && is_space(c = cp_before(t, p, &p)))
		;
	while (p > 0 && is_closer(c))
		c = cp_before(t, p, &p);
	return is_term(c);
}

/* Decides a single period at `i`, its sentence end reaching to `k`. */
static int period_breaks(scan *s, size_t i, const next_info *nx)
{
	const char *t = s->t;
	size_t ts, te;
	int caps, f;
	int32_t l;

	token_before(s, i, &ts, &te);
	if (te <= ts)
		return 1; /* a lone period after a quote or a bracket */
	f = abbrev_class(s, ts, te);
	if (f & F_TITLE)
		return 0;
	if (f & F_PLAIN)
		return nx->cls == NX_UPPER || nx->cls == NX_OTHER;

	if (multi_period(t, ts, te, &caps)) {
		if (nx->cls == NX_DIGIT)
			return 0;
		size_t n;
		if (s->lang == TERMIN__LANG_RU || is_cyrillic(cp_at(t, te, ts, &n)))
			return !caps && nx->cls == NX_UPPER;
		if (s->lang != TERMIN__LANG_EN)
			return 0;
		/* "At 5 a.m. Mr. Smith went": the time opens the sentence */
		if (te - ts == 3 && ((t[ts] | 0x20) == 'a' || (t[ts] | 0x20) == 'p') &&
		    (t[ts + 2] | 0x20) == 'm' && initial_time(s, ts))
			return 0;
		return nx->cls == NX_UPPER && starts_sentence_en(s, nx->pos);
	}

	if ((l = single_letter(t, ts, te)) >= 0) {
		if (is_upper(l)) {
			/* "you and I. Did" - the pronoun after a lower-case word */
			if (l == 'I' && s->lang == TERMIN__LANG_EN && ts >= 2 && t[ts - 1] == ' ') {
				size_t ps, pe;
				token_before(s, ts - 1, &ps, &pe);
				size_t n;
				if (pe > ps && is_lower(cp_at(t, pe, ps, &n)))
					return nx->cls == NX_UPPER;
			}
			return 0; /* an initial */
		}
		if (is_cyrillic(l))
			return 0; /* Russian one-letter abbreviations: г. д. с. п. т. */
		return nx->cls == NX_UPPER || nx->cls == NX_OTHER;
	}
	return nx->cls != NX_CONT && nx->cls != NX_END;
}

/* Two sentences glued without a space ("world.Today", "you?What"): the
 * mark at `i` (one byte) is followed by a capitalised word. Not in URLs,
 * e-mail addresses, domain names or abbreviations. */
static int glued_break(const scan *s, size_t i)
{
	const char *t = s->t;
	size_t len = s->len, n, n2, ts, te;
	int32_t a, b, c;
	if (s->lang != TERMIN__LANG_EN && s->lang != TERMIN__LANG_RU)
		return 0;
	a = cp_before(t, i, &n);
	if (!(is_lower(a) || is_digit(a)) || i + 1 >= len)
		return 0;
	b = cp_at(t, len, i + 1, &n);
	if (!is_upper(b) || n >= len)
		return 0;
	c = cp_at(t, len, n, &n2);
	if (!is_lower(c))
		return 0;
	/* the word after: a domain ending? */
	size_t we = n;
	while (we < len) {
		size_t nn;
		if (!is_letter(cp_at(t, len, we, &nn)))
			break;
		we = nn;
	}
	size_t wcps = count_cps(t, i + 1, we);
	if (wcps <= 2 && !(we < len && t[we] == '.' && (table_get(SET_EN, t + i + 1, we - i - 1) & F_TITLE)))
		return 0; /* a country-code domain ("Lenta.Ru"), not "Mr." */
	if (we - (i + 1) <= 8) {
		char low[16];
		for (size_t k = i + 1; k < we; k++)
			low[k - i - 1] = (char)(t[k] | 0x20);
		if (table_get(SET_MISC, low, we - i - 1) & F_TLD)
			return 0;
	}
	/* the whole token: no URL, e-mail or path */
	token_before(s, i, &ts, &te);
	if (tok_has(t, ts, i, "./@:\\_=&%#") || (i - ts >= 3 && memcmp(t + ts, "www", 3) == 0))
		return 0;
	for (size_t k = i + 1; k < len && !is_space((unsigned char)t[k]); k++)
		if (strchr("/@:\\_=&%#", t[k]))
			return 0;
	/* nor an abbreviation ("Mr.Smith") or an initial */
	if (t[i] == '.' && (single_letter(t, ts, te) >= 0 || abbrev_class(s, ts, te)))
		return 0;
	return 1;
}

/* The caption label ending at `end`, or NULL. */
static const char *label_before(const scan *s, size_t end, size_t *start)
{
	for (const char *const *l = caption_labels; *l; l++) {
		size_t n = strlen(*l);
		if (n <= end && memcmp(s->t + end - n, *l, n) == 0) {
			*start = end - n;
			return *l;
		}
	}
	return NULL;
}

/* A colon after a caption label at a sentence start opens a caption. */
static void at_colon(scan *s, size_t i)
{
	size_t ls;
	if (label_before(s, i, &ls) && list_context(s, ls)) {
		s->in_caption = 1;
		s->caption_from = i + 1;
	}
}

/* A caption ended at `end`: a caption label inside it, after a word and a
 * space, starts the next caption. */
static void caption_end(scan *s, size_t end)
{
	const char *t = s->t;
	if (!s->in_caption)
		return;
	s->in_caption = 0;
	for (size_t i = s->caption_from + 1; i < end; i++) {
		if (t[i - 1] != ' ')
			continue;
		size_t p;
		int32_t b = cp_before(t, i - 1, &p);
		if (!is_letter(b) && !is_digit(b))
			continue;
		for (const char *const *l = caption_labels; *l; l++) {
			size_t n = strlen(*l);
			if (i + n <= end && memcmp(t + i, *l, n) == 0 &&
			    (i + n == end || t[i + n] == ' ' || t[i + n] == ':')) {
				termin__breaks_add(s->out, i);
				break;
			}
		}
	}
}

/* Handles the sentence-end candidate starting at `i`; returns where the
 * scan resumes. */
static size_t at_stop(scan *s, size_t i)
{
	const char *t = s->t;
	size_t len = s->len, j = i, k, n;
	int qe = 0, dots = 0, ell = 0;
	next_info nx;

	/* a caption runs to the next sentence end, not to a period inside a
	 * name ("Photo from www.odkb-csto.org Video: Zvezda TV") */
	for (k = i; k < len;) {
		int32_t c = cp_at(t, len, k, &n);
		if (!is_term(c) && !is_closer(c))
			break;
		k = n;
	}
	if (k >= len || is_space(cp_at(t, len, k, &n)))
		caption_end(s, i);
	/* the run of stops: . ? ! … ‽ in any combination */
	while (j < len) {
		int32_t c = cp_at(t, len, j, &n);
		if (c == '.')
			dots++;
		else if (is_qe(c))
			qe = 1;
		else if (c == 0x2026)
			ell = 1;
		else
			break;
		j = n;
	}

	/* a spaced ellipsis ". . ." or ". . . ." */
	if (!qe && !ell && dots == 1 && j + 1 < len && t[j] == ' ' && t[j + 1] == '.') {
		size_t e = i;
		int chain = 1;
		while (e + 2 < len && t[e + 1] == ' ' && t[e + 2] == '.') {
			e += 2;
			chain++;
		}
		if (chain >= 3) {
			int attached = i > 0 && !is_space(cp_before(t, i, &n));
			k = e + 1;
			while (k < len) {
				int32_t c = cp_at(t, len, k, &n);
				if (!is_closer(c))
					break;
				note_quote(s, k, c);
				k = n;
			}
			if (k < len && is_space(cp_at(t, len, k, &n))) {
				next_content(s, k, &nx);
				if (nx.cls == NX_UPPER || nx.cls == NX_DIGIT || nx.cls == NX_OTHER) {
					if (attached && chain >= 4)
						add_break(s, i, i + 1);  /* "word. . . . Next": period, then ellipsis */
					else if (!attached && chain >= 4)
						add_break(s, i, k);      /* " . . . . Next" */
				}
			}
			return k;
		}
	}

	/* closing quotes and brackets, and a stop after them ("?»." "”.") */
	k = j;
	while (k < len) {
		int32_t c = cp_at(t, len, k, &n);
		if (!is_closer(c))
			break;
		note_quote(s, k, c);
		k = n;
	}
	if (k > j)
		while (k < len && (t[k] == '.' || t[k] == '?' || t[k] == '!'))
			k++;

	if (k >= len)
		return k;
	int32_t after = cp_at(t, len, k, &n);
	if (!is_space(after)) {
		if (k == j && j == i + 1 && (dots || qe) && glued_break(s, i))
			termin__breaks_add(s->out, j);
		return k;
	}

	/* an omission mark "[...]" "(…)" is no stop */
	if (!qe && (ell || dots >= 3) && i > 0 && (t[i - 1] == '[' || t[i - 1] == '('))
		return k;

	/* a list marker: "1. The first item 2. The second item", "1.) One" */
	if (dots == 1 && !qe && !ell && (k == j || (k == j + 1 && t[j] == ')'))) {
		size_t ts, te;
		token_before(s, i, &ts, &te);
		if (te == i && list_marker(s, ts, te, k == j ? '.' : 'P'))
			return k;
	}

	next_content(s, k, &nx);
	if (nx.cls == NX_END || nx.cls == NX_CONT)
		return k;
	if (qe || ell || dots >= 2) {
		add_break(s, i, k);
		return k;
	}
	/* a single period */
	if (period_breaks(s, i, &nx))
		add_break(s, i, k);
	return k;
}

void termin__rules_breaks(termin__lang lang, const char *text, size_t len, termin__breaks *out)
{
	scan s = { .lang = lang, .t = text, .len = len, .out = out, .first_break = out->n };
	const unsigned char *u = (const unsigned char *)text;
	pthread_once(&table_once, table_build);
	for (int q = 0; q < Q_N; q++)
		s.open[q] = -1;

	size_t i = 0;
	while (i < len) {
		unsigned char c = u[i];
		if (!interesting[c]) {
			i++;
			continue;
		}
		size_t n;
		int32_t cp = c < 0x80 ? c : cp_at(text, len, i, &n);
		if (c < 0x80)
			n = i + 1;
		if (cp == '.' || is_qe(cp) || cp == 0x2026) {
			size_t k = at_stop(&s, i);
			i = k > i ? k : i + 1;
			continue;
		}
		if (cp == ')') {
			/* "1) one 2) two" */
			size_t ts, te;
			token_before(&s, i, &ts, &te);
			if (te == i && n < len && is_space(cp_at(text, len, n, &(size_t){ 0 })))
				list_marker(&s, ts, te, ')');
		}
		if (cp == ':')
			at_colon(&s, i);
		if (is_bullet(cp) && i > 0 && is_space(cp_before(text, i, &(size_t){ 0 })))
			termin__breaks_add(out, i);
		note_quote(&s, i, cp);
		i = n;
	}
	caption_end(&s, len);
}
