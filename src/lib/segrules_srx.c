/*
 * segrules_srx.c - termin's built-in rules written as an SRX 2.0 document,
 * so that a CAT tool (OmegaT, Okapi, memoQ, Trados) segments as termin does.
 *
 * The scanner in segrules.c decides each candidate sentence end from a
 * bounded neighbourhood; every decision becomes one or a few SRX rules, in
 * the scanner's order of precedence (SRX: the first rule that matches at a
 * position decides). The abbreviation, starter and domain lists come from
 * the same tables the scanner reads (segrules_data.c).
 *
 * Portability. The rules must mean the same in ICU (termin, Okapi) and in
 * java.util.regex (OmegaT), and under OmegaT's way of matching: it finds
 * beforebreak and afterbreak matches with Matcher.find(), which never
 * overlaps two matches. So a beforebreak matches only what ends at the
 * candidate and cannot overlap the next candidate's match (the run of stops,
 * possessively, or one space), followed by its context as a lookbehind;
 * every afterbreak is made of lookaheads (?=...), zero-width, so that they
 * are found at every position by any engine. Lookbehinds are bounded
 * ({0,n}, never * or +, no repeated group of varying length), as Java
 * requires. Character classes escape every ASCII punctuation character and
 * write non-ASCII ones as \uXXXX. The language maps avoid a catch-all
 * ".*" ahead of "RU.*": OmegaT 3.6 reorders maps and applies the first.
 *
 * What SRX cannot say, and the export therefore approximates (the figures
 * are in tests/integration/srx_export.sh and srx_export.known):
 *   - the scanner tracks state along a line: the last unclosed quotation or
 *     bracket, the running list marker ("1) one 2) two"), the caption that
 *     started after "Photo:"; the export looks back a bounded distance
 *     (300 characters) for the same evidence instead;
 *   - running lists are recognised up to the marker 30 (and a to z);
 *   - a word token longer than the bounds below (60 characters before a
 *     glued stop, 40 before the pronoun "I") is not recognised.
 */
#include "segrules.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

/* ======================= character classes ======================= */

/* White space as termin__is_space sees it. */
#define SPC "\\s\\u00A0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000"
/* is_opener, is_closer in segrules.c */
#define OPEN "\\(\\[\\{\\\"\\'\\u201C\\u2018\\u00AB\\u201E\\u2039\\u00BF\\u00A1\\u201A"
#define CLOSE "\\)\\]\\}\\\"\\'\\u201D\\u2019\\u00BB\\u203A\\u201C"
/* Unicode dashes; '-' is a dash only before white space */
#define UDASH "\\u2010-\\u2015\\u2212"
#define BUL "\\u2022\\u2023\\u2043\\u2219\\u25E6\\u25AA\\u25AB\\u25CF\\u25CB\\u25A0\\u25A1\\u25BA\\u25B6\\u27A2\\u2713\\u2714"
#define STOP "\\.\\?\\!\\u2026\\u203D\\u2047-\\u2049"
#define QE "\\?\\!\\u203D\\u2047-\\u2049"
#define UP "[\\p{Lu}\\p{Lt}]"
/* Characters that continue a sentence after a stop (NX_CONT). */
#define CONT_C "\\p{Ll}\\,\\;\\:\\)\\]\\}\\u00BB"

/* next_content(): white space, opening marks and dialogue dashes before
 * the next word; possessive, so that what follows sees the word itself. */
#define SKIP "(?:[" SPC OPEN UDASH "]|\\-(?=[" SPC "]|$))*+"

/* The end of a run of stops and the closing marks after it. */
#define ENDRUN "[" STOP "][" CLOSE "]{0,8}"
/* The start of a token: white space or the line start, then the opening
 * marks, bullets and dashes token_before() strips. */
#define BOUND "(?:^|[" SPC "])[" OPEN BUL UDASH "\\-]{0,4}"
/* A token's end: closing marks, the single period, closing marks. */
#define TOKEND "[" CLOSE "]{0,3}\\.[" CLOSE "]{0,8}"
/* What a list or caption may start after (list_context() != 0). */
#define LISTCTX "(?:^|[" BUL "]|(?:^|[" BUL "\\:]|" ENDRUN ")[" SPC "]{1,10})"

/* Afterbreaks: what follows the candidate (next_content() classes). */
#define A_SP "(?=[" SPC "])"
#define A_CONTEND "(?=[" SPC "]" SKIP "(?:[" CONT_C "]|$))"
#define A_UPPER "(?=[" SPC "]" SKIP UP ")"
#define A_DIGIT "(?=[" SPC "]" SKIP "[0-9])"
#define A_NOTCONT "(?=[" SPC "]" SKIP "[^" CONT_C "])"

/* What every rule at a sentence end matches: the run of stops, the closing
 * marks and the stops after them (at_stop()), possessively, so that the
 * match ends where the scanner's candidate does; the rule's context is a
 * lookbehind after it. Searching for this first keeps the matching cheap
 * in engines that try each rule at every position (OmegaT). */
#define ANCHOR "[" STOP "]{1,20}+(?:[" CLOSE "]{1,8}+[\\.\\?\\!]{0,8}+)?+"

/* A multi-period abbreviation (multi_period()), and one of capitals. */
/* Java cannot bound a lookbehind holding (?:X){1,8} when X varies in
 * length, so the repetition is spelled out as nested optional groups. */
#define MP_PART "\\.\\-?\\p{L}{1,3}"
#define MP_CPART "\\.\\-?" UP
#define REP6(x) "(?:" x "(?:" x "(?:" x "(?:" x "(?:" x "(?:" x ")?)?)?)?)?)?"
#define MP "\\p{L}{1,3}" MP_PART REP6(MP_PART)
#define MP_CAPS UP MP_CPART REP6(MP_CPART)
#define MP_CYR "[\\u0400-\\u04FF]\\p{L}{0,2}" MP_PART REP6(MP_PART)
#define MP_CYR_CAPS "(?=[\\u0400-\\u04FF])" MP_CAPS

static const char *const caption_labels_re =
	"(?:Photos|Photo|Video|Source|\\u0424\\u043E\\u0442\\u043E|\\u0412\\u0438\\u0434\\u0435\\u043E|"
	"\\u0418\\u0441\\u0442\\u043E\\u0447\\u043D\\u0438\\u043A)";

/* ======================= writing ======================= */

typedef struct {
	FILE *f;
	termin_buf b;  /* scratch for before */
	termin_buf a;  /* scratch for after */
	size_t rules;
} writer;

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		default: putc(*s, f);
		}
	}
}

static void rule(writer *w, int brk, const char *before, const char *after)
{
	fprintf(w->f, "      <rule break=\"%s\">\n", brk ? "yes" : "no");
	if (before && *before) {
		fputs("        <beforebreak>", w->f);
		xml_text(w->f, before);
		fputs("</beforebreak>\n", w->f);
	}
	if (after && *after) {
		fputs("        <afterbreak>", w->f);
		xml_text(w->f, after);
		fputs("</afterbreak>\n", w->f);
	}
	fputs("      </rule>\n", w->f);
	w->rules++;
}

static void comment(writer *w, const char *text)
{
	fprintf(w->f, "      <!-- %s -->\n", text);
}

/* Appends one code point as a regex literal: ASCII letters and digits as
 * they are, other ASCII escaped, the rest as \uXXXX. */
static void lit_cp(termin_buf *b, int32_t c)
{
	if (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
		termin_buf_putc(b, (char)c);
	else if (c >= '0' && c <= '9')
		termin_buf_putc(b, (char)c);
	else if (c == ' ')
		termin_buf_puts(b, "\\u0020");
	else if (c < 0x80)
		termin_buf_printf(b, "\\%c", (char)c);
	else if (c <= 0xFFFF)
		termin_buf_printf(b, "\\u%04X", (unsigned)c);
	else
		termin_buf_printf(b, "\\x{%X}", (unsigned)c);
}

/* An abbreviation from the tables as a regex: inner periods may be
 * followed by one space ("т. е" is looked up as "т.е"), and a lower-case
 * first letter may be written in capitals (lookup_abbrev()). */
/* An abbreviation from the tables as a sequence of regex units, one per
 * character: inner periods may be followed by one space ("т. е" is looked
 * up as "т.е"), and a lower-case first letter may be written in capitals
 * (lookup_abbrev()). */
#define UNITS_MAX 24
#define UNIT_LEN 24
typedef struct {
	char u[UNITS_MAX][UNIT_LEN];
	int n;
} units;

static void unit_set(char *out, const termin_buf *b)
{
	size_t n = b->len < UNIT_LEN - 1 ? b->len : UNIT_LEN - 1;
	memcpy(out, b->ptr, n);
	out[n] = '\0';
}

static void abbrev_units(units *out, const char *w)
{
	size_t n = strlen(w), i = 0;
	out->n = 0;
	while (i < n && out->n < UNITS_MAX) {
		int32_t c = termin__utf8_next(w, n, &i);
		termin_buf b = TERMIN_BUF_INIT;
		if (out->n == 0 && u_islower(c) && u_toupper(c) != c) {
			termin_buf_putc(&b, '[');
			lit_cp(&b, c);
			lit_cp(&b, u_toupper(c));
			termin_buf_putc(&b, ']');
		} else if (c == '.') {
			termin_buf_puts(&b, "\\.\\u0020?");
		} else {
			lit_cp(&b, c);
		}
		unit_set(out->u[out->n++], &b);
		termin_buf_free(&b);
	}
}

static int units_cmp(const void *pa, const void *pb)
{
	const units *a = pa, *b = pb;
	for (int i = 0; i < a->n && i < b->n; i++) {
		int c = strcmp(a->u[i], b->u[i]);
		if (c)
			return c;
	}
	return a->n - b->n;
}

/* Writes the words [lo, hi), sorted and sharing their first `depth`
 * units, as a trie of groups: ICU and Java try alternatives one by one, so
 * a flat list of 300 words costs 300 tries at every position where a
 * lookbehind may start; a trie costs a few. */
static void trie(termin_buf *b, const units *w, size_t lo, size_t hi, int depth)
{
	int terminal = 0;
	while (lo < hi && w[lo].n == depth) {
		terminal = 1;
		lo++;
	}
	if (lo == hi)
		return;
	size_t groups = 0;
	for (size_t i = lo; i < hi; i++)
		if (i == lo || strcmp(w[i].u[depth], w[i - 1].u[depth]) != 0)
			groups++;
	int wrap = terminal || groups > 1;
	if (wrap)
		termin_buf_puts(b, "(?:");
	for (size_t i = lo; i < hi;) {
		size_t j = i + 1;
		while (j < hi && strcmp(w[j].u[depth], w[i].u[depth]) == 0)
			j++;
		if (i > lo)
			termin_buf_putc(b, '|');
		termin_buf_puts(b, w[i].u[depth]);
		trie(b, w, i, j, depth + 1);
		i = j;
	}
	if (wrap)
		termin_buf_puts(b, terminal ? ")?" : ")");
}

static void collect(units **w, size_t *n, size_t *cap, const termin__abbrev *tab, int kind)
{
	for (const termin__abbrev *a = tab; a->word; a++) {
		if (kind && a->kind != kind)
			continue;
		TERMIN_GROW(*w, *cap, *n + 1);
		abbrev_units(&(*w)[(*n)++], a->word);
	}
}

/* The abbreviations of `kind` (0: both) a language's lookup finds
 * (lookup_sets()), as one group. */
static void abbrevs(termin_buf *b, int ru, int kind)
{
	units *w = NULL;
	size_t n = 0, cap = 0;
	if (ru)
		collect(&w, &n, &cap, termin__abbrev_ru, kind);
	collect(&w, &n, &cap, termin__abbrev_en, kind);
	qsort(w, n, sizeof *w, units_cmp);
	termin_buf_puts(b, "(?:");
	trie(b, w, 0, n, 0);
	termin_buf_putc(b, ')');
	free(w);
}

/* English titles made of ASCII letters only (what starts_sentence_en()
 * and glued_break() can see before a period). */
static void titles_letters(termin_buf *b)
{
	int any = 0;
	termin_buf_puts(b, "(?:");
	for (const termin__abbrev *a = termin__abbrev_en; a->word; a++) {
		if (a->kind != TERMIN__AB_TITLE)
			continue;
		const char *p = a->word;
		while (((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			p++;
		if (*p)
			continue;
		if (any)
			termin_buf_putc(b, '|');
		termin_buf_puts(b, a->word);
		any = 1;
	}
	termin_buf_putc(b, ')');
}

static void words(termin_buf *b, const char *const *list)
{
	termin_buf_puts(b, "(?:");
	for (const char *const *w = list; *w; w++) {
		if (w != list)
			termin_buf_putc(b, '|');
		termin_buf_puts(b, *w);
	}
	termin_buf_putc(b, ')');
}

#define B(...) (termin_buf_clear(&w->b), termin_buf_printf(&w->b, __VA_ARGS__), w->b.ptr)

/* ======================= the rules ======================= */

/* Quotation and bracket protection (protected_at(), embedded()): no break
 * inside a short quotation that a larger sentence goes on after. */
static void protection(writer *w)
{
	static const struct { const char *o, *c, *close_but_c; } q[] = {
		{ "\\u00AB", "\\u00BB", "\\)\\]\\}\\\"\\'\\u201D\\u2019\\u203A\\u201C" },
		{ "\\u201C", "\\u201D", "\\)\\]\\}\\\"\\'\\u2019\\u00BB\\u203A" },
		{ "\\(", "\\)", "\\]\\}\\\"\\'\\u201D\\u2019\\u00BB\\u203A\\u201C" },
		{ "\\[", "\\]", "\\)\\}\\\"\\'\\u201D\\u2019\\u00BB\\u203A\\u201C" },
	};
	comment(w, "no break inside a short quotation or bracket embedded in a sentence");
	for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
		termin_buf_clear(&w->a);
		termin_buf_printf(&w->a,
		                  "(?=[" SPC "])(?=[^%s%s]{0,300}+%s(?:(?<!" ENDRUN "%s)|[" CLOSE "]*+"
		                  "(?:[^" SPC "]|[" SPC "]" SKIP "[" CONT_C "])))",
		                  q[i].o, q[i].c, q[i].c, q[i].c);
		rule(w, 0, B("[" STOP "]{1,20}+(?:[%s]{1,8}+[\\.\\?\\!]{0,8}+)?+(?<=%s[^%s%s]{0,300})", q[i].close_but_c, q[i].o,
		             q[i].o, q[i].c),
		     w->a.ptr);
	}
	/* a straight quote opens after white space, the line start, ( [ « or a
	 * dash, before a non-space (ascii_quote_opens()); any other closes */
#define QOPEN "(?<![^" SPC "\\(\\[\\u00AB" UDASH "\\-])\\\"(?=[^" SPC "])"
#define QCLOSE "(?:(?<=[^" SPC "\\(\\[\\u00AB" UDASH "\\-])\\\"|\\\"(?=[" SPC "]|$))"
	rule(w, 0, "[" STOP "]{1,20}+(?:[\\)\\]\\}\\'\\u201D\\u2019\\u00BB\\u203A\\u201C]{1,8}+[\\.\\?\\!]{0,8}+)?+(?<=" QOPEN
	           "[^\\\"]{0,300})",
	     "(?=[" SPC "])(?=[^\\\"]{0,300}+" QCLOSE "(?:(?<!" ENDRUN "\\\")|[" CLOSE "]*+"
	     "(?:[^" SPC "]|[" SPC "]" SKIP "[" CONT_C "])))");
#undef QOPEN
#undef QCLOSE
}

/* Spaced ellipses (the start of at_stop()). */
static void ellipses(writer *w)
{
	comment(w, "spaced ellipses: \". . .\" never ends a sentence; \"word. . . . Next\" breaks after "
	           "the period, \" . . . . Next\" after the ellipsis");
	rule(w, 1, ANCHOR "(?<=[^" SPC STOP "]\\.)", "(?=(?:\\u0020\\.){3,}+[" CLOSE "]*+" "[" SPC "]" SKIP
	     "[^" CONT_C "])");
	rule(w, 0, ANCHOR, "(?=\\u0020\\.\\u0020\\.)");
	rule(w, 0, ANCHOR "(?<=\\.\\u0020\\.)", "(?=\\u0020\\.)");
	rule(w, 0, ANCHOR "(?<=(?:^|[^\\u0020]|[^\\.]\\u0020)\\.\\u0020\\.\\u0020\\.[" CLOSE "]{0,8})", A_SP);
	rule(w, 0, ANCHOR "(?<=[^" SPC "\\.]\\.(?:\\u0020\\.){3,20}[" CLOSE "]{0,8})", A_SP);
}

/* Numbered and lettered lists (list_marker()). Running lists ("2." after
 * "1.") are recognised for the numbers 2 to 30 and the letters b to z. */
static void list_alt(termin_buf *b, int letters, const char *style, int for_break)
{
	int lo = letters ? 'b' : 2, hi = letters ? 'z' : 30;
	termin_buf_puts(b, "(?:");
	for (int v = lo; v <= hi; v++) {
		char cur[12], prev[12]; /* room for any int: GCC cannot see v <= 30 */
		if (letters) {
			snprintf(cur, sizeof cur, "%c", v);
			snprintf(prev, sizeof prev, "%c", v - 1);
		} else {
			snprintf(cur, sizeof cur, "%d", v);
			snprintf(prev, sizeof prev, "%d", v - 1);
		}
		if (v > lo)
			termin_buf_putc(b, '|');
		/* a cheap fixed-length test first: the long lookbehind then runs
		 * only at the marker it is about */
		if (for_break)
			termin_buf_printf(b, "%s(?<=(?:^|[" SPC BUL "])%s%s[" SPC "][^\\n]{0,300}[" SPC BUL "]%s)",
			                  cur, prev, style, cur);
		else
			termin_buf_printf(b, "(?<=[" SPC BUL "]%s%s)(?<=(?:^|[" SPC BUL "])%s%s[" SPC
			                  "][^\\n]{0,300}[" SPC BUL "]%s%s)",
			                  cur, style, prev, style, cur, style);
	}
	termin_buf_putc(b, ')');
}

static void lists(writer *w)
{
	static const char *const styles[] = { "\\.", "\\.\\)" };
	comment(w, "list markers: \"1.\" at the start of a line, after a bullet or a colon, or opening a "
	           "list after a sentence; the next marker of a running list");
	rule(w, 0, ANCHOR "(?<=(?:(?:^|[" BUL "\\:])[" SPC "]{1,10}|^|[" BUL "])(?:[0-9]{1,2}|a)\\.\\)?)", A_SP);
	rule(w, 0, ANCHOR "(?<=" ENDRUN "[" SPC "]{1,10}[1a]\\.\\)?)", A_SP);
	for (int letters = 0; letters <= 1; letters++)
		for (size_t s = 0; s < 2; s++) {
			termin_buf_clear(&w->b);
			termin_buf_printf(&w->b, ANCHOR "(?<=[" SPC BUL "]%s%s)",
			                  letters ? "[b-z]" : "[0-9]{1,2}", styles[s]);
			list_alt(&w->b, letters, styles[s], 0);
			rule(w, 0, w->b.ptr, A_SP);
		}
}

static void list_breaks(writer *w)
{
	static const char *const styles[] = { "\\.\\)", "\\.", "\\)" };
	comment(w, "a running list continued on the same line: \"1) one 2) two\" (not after a bullet "
	           "or a colon, where the marker starts a list item anyway)");
	/* one rule, so that the search over each line is one: a cheap look at
	 * the marker first, then the marker before it */
	termin_buf_clear(&w->a);
	termin_buf_puts(&w->a, "(?=(?:[0-9]{1,2}|[b-z])[\\.\\)]\\)?[" SPC "])(?<![" BUL "\\:][" SPC "]{1,10})(?=");
	for (int letters = 0; letters <= 1; letters++)
		for (size_t s = 0; s < 3; s++) {
			if (letters || s)
				termin_buf_putc(&w->a, '|');
			list_alt(&w->a, letters, styles[s], 1);
			termin_buf_printf(&w->a, "%s[" SPC "]", styles[s]);
		}
	termin_buf_putc(&w->a, ')');
	rule(w, 1, "[" SPC "]", w->a.ptr);
}

static void abbreviations(writer *w, int ru)
{
	termin_buf alt = { 0 };
	comment(w, "titles and words that need a complement never end a sentence");
	abbrevs(&alt, ru, TERMIN__AB_TITLE);
	rule(w, 0, B(ANCHOR "(?<=" BOUND "%s" TOKEND ")", alt.ptr), A_SP);
	comment(w, "other abbreviations end a sentence only before a capital or a symbol");
	termin_buf_clear(&alt);
	abbrevs(&alt, ru, TERMIN__AB_PLAIN);
	rule(w, 0, B(ANCHOR "(?<=" BOUND "%s" TOKEND ")", alt.ptr), A_DIGIT);
	rule(w, 1, B(ANCHOR "(?<=" BOUND "%s" TOKEND ")", alt.ptr), A_SP);
	termin_buf_free(&alt);
}

static void multi_period(writer *w, int ru)
{
	comment(w, "multi-period abbreviations (U.S., a.m., Л.Н.) and initials");
	rule(w, 0, ANCHOR "(?<=" BOUND MP TOKEND ")", A_DIGIT);
	const char *mp = ru ? MP : MP_CYR, *caps = ru ? MP_CAPS : MP_CYR_CAPS;
	rule(w, 0, B(ANCHOR "(?<=" BOUND "%s" TOKEND ")", caps), A_SP);
	rule(w, 1, B(ANCHOR "(?<=" BOUND "%s" TOKEND ")", mp), A_UPPER);
	rule(w, 0, B(ANCHOR "(?<=" BOUND "%s" TOKEND ")", mp), A_SP);
	if (ru)
		return;
	/* "At 5 a.m. Mr. Smith went": the time opens the sentence */
	rule(w, 0, ANCHOR "(?<=(?:^|" ENDRUN "[" SPC "]{1,10})[A-Z][A-Za-z]{0,30}\\u0020[0-9][0-9\\:\\.]{0,10}"
	           "\\u0020[aApP]\\.[mM]" TOKEND ")",
	     A_SP);
	termin_buf_clear(&w->a);
	termin_buf_puts(&w->a, "(?=[" SPC "]" SKIP "(?:");
	words(&w->a, termin__starters_en);
	termin_buf_puts(&w->a, "(?![A-Za-z])|");
	titles_letters(&w->a);
	termin_buf_puts(&w->a, "\\.))");
	rule(w, 1, ANCHOR "(?<=" BOUND MP TOKEND ")", w->a.ptr);
	rule(w, 0, ANCHOR "(?<=" BOUND MP TOKEND ")", A_SP);
}

static void single_letters(writer *w, int ru)
{
	if (!ru) {
		comment(w, "the pronoun I after a lower-case word ends a sentence before a capital");
		rule(w, 1, ANCHOR "(?<=" BOUND "\\p{Ll}[^" SPC "]{0,40}\\u0020I" TOKEND ")", A_UPPER);
	}
	comment(w, "initials (A. N. Serdyukov) and Russian one-letter abbreviations");
	rule(w, 0, ANCHOR "(?<=" BOUND UP TOKEND ")", A_SP);
	rule(w, 0, ANCHOR "(?<=" BOUND "[\\u0400-\\u04FF]" TOKEND ")", A_SP);
	rule(w, 0, ANCHOR "(?<=" BOUND "\\p{L}" TOKEND ")", A_DIGIT);
}

static void glued(writer *w, int ru)
{
	termin_buf alt = { 0 };
	comment(w, "two sentences glued without a space (world.Today), not domain names (Cronos.Asia, "
	           "NEWS.ru), URLs, e-mails or abbreviations (Mr.Smith)");
	abbrevs(&alt, ru, 0);
	rule(w, 0, B("\\.(?<=" BOUND "(?:%s|\\p{L})\\.)", alt.ptr), "(?=" UP ")");
	termin_buf_clear(&w->a);
	termin_buf_puts(&w->a, "(?=[^" SPC "\\/\\@\\:\\\\\\_\\=\\&\\%\\#]*+(?:[" SPC "]|$))(?:");
	titles_letters(&w->a);
	termin_buf_puts(&w->a, "\\.|(?!(?i:");
	for (const char *const *t = termin__tlds; *t; t++)
		termin_buf_printf(&w->a, "%s%s", t == termin__tlds ? "" : "|", *t);
	termin_buf_puts(&w->a, ")(?!\\p{L}))" UP "\\p{Ll}\\p{L})");
	rule(w, 1, "[\\p{Ll}0-9][\\.\\?\\!](?<=" BOUND "(?!www)[^" SPC "\\.\\/\\@\\:\\\\\\_\\=\\&\\%\\#]{0,60}[\\p{Ll}0-9][\\.\\?\\!])",
	     w->a.ptr);
	termin_buf_free(&alt);
}

static void language_rules(writer *w, const char *name, int ru)
{
	fprintf(w->f, "    <languagerule languagerulename=\"%s\">\n", name);
	protection(w);
	ellipses(w);
	comment(w, "a lower-case word, a comma, a semicolon or a colon continues the sentence");
	rule(w, 0, ANCHOR, A_CONTEND);
	comment(w, "an omission mark [...] is no stop");
	rule(w, 0, ANCHOR "(?<=[\\[\\(](?:\\.{0,20}\\u2026[\\.\\u2026]{0,20}|\\.{3,20})[" CLOSE "]{0,8}[\\.\\?\\!]{0,8})",
	     A_SP);
	comment(w, "? ! ... and their combinations end a sentence");
	rule(w, 1, ANCHOR "(?<=(?:[" QE "\\u2026]|\\.\\.)[" STOP "]{0,20}(?:[" CLOSE "]{1,8}[\\.\\?\\!]{0,8})?)", A_SP);
	lists(w);
	abbreviations(w, ru);
	multi_period(w, ru);
	single_letters(w, ru);
	comment(w, "any other stop ends a sentence before a capital, a digit or a symbol");
	rule(w, 1, ANCHOR, A_SP);
	glued(w, ru);
	comment(w, "a bullet after a space starts a segment");
	rule(w, 1, "[" SPC "]", "(?=[" BUL "])");
	comment(w, "a caption label inside a caption starts the next caption (Photo: ... Photo ...)");
	termin_buf_clear(&w->a);
	termin_buf_printf(&w->a, "(?=%s(?:[\\u0020\\:" STOP "]|$))(?<=" LISTCTX "%s\\:(?:(?![" STOP
	                  "][" STOP CLOSE "]{0,8}(?:[" SPC "]|$))[^\\n]){0,300}[\\p{L}0-9]\\u0020)", caption_labels_re, caption_labels_re);
	rule(w, 1, "\\u0020", w->a.ptr);
	list_breaks(w);
	fputs("    </languagerule>\n", w->f);
}

int termin__rules_export_srx(FILE *f)
{
	writer w = { .f = f };
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<!-- termin's built-in segmentation rules, written by termin segment with its\n"
	      "     export-srx option: SRX 2.0, with regular expressions that mean the same in\n"
	      "     ICU (termin, Okapi) and java.util.regex (OmegaT). -->\n"
	      "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n"
	      "  <header segmentsubflows=\"yes\" cascade=\"no\">\n"
	      "    <formathandle type=\"start\" include=\"no\"/>\n"
	      "    <formathandle type=\"end\" include=\"yes\"/>\n"
	      "    <formathandle type=\"isolated\" include=\"yes\"/>\n"
	      "  </header>\n"
	      "  <body>\n"
	      "    <languagerules>\n", f);
	language_rules(&w, "termin-en", 0);
	language_rules(&w, "termin-ru", 1);
	fputs("    </languagerules>\n"
	      "    <maprules>\n"
	      "      <languagemap languagepattern=\"RU.*\" languagerulename=\"termin-ru\"/>\n"
	      "      <languagemap languagepattern=\"(?![Rr][Uu]).*\" languagerulename=\"termin-en\"/>\n"
	      "    </maprules>\n"
	      "  </body>\n"
	      "</srx>\n", f);
	termin_buf_free(&w.a);
	termin_buf_free(&w.b);
	if (fflush(f) != 0 || ferror(f))
		return termin__error_errno(TERMIN_EIO, errno, "cannot write the SRX rules");
	return 0;
}
