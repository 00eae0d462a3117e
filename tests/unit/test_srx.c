/*
 * test_srx.c - the SRX 2.0 engine, through termin_segmenter with an SRX file.
 *
 * Expected segmentations with OmegaT's rule file were produced by OmegaT 3.6
 * itself (tests/integration/SrxPeer.java). The randomised case checks the
 * engine, with all its shortcuts, against a brute-force reading of the SRX
 * rule semantics evaluated with ICU directly.
 */
#include "tt.h"

#include <stdio.h>
#include <stdlib.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

#include <unicode/uregex.h>
#include <unicode/ustring.h>

/* ---- helpers ---- */

static termin_segmenter *load(const char *path)
{
	termin_segmenter *s;
	termin_segmenter_opts o = TERMIN_SEGMENTER_OPTS_INIT;
	o.srx_path = path;
	T_OK(termin_segmenter_new(&s, &o));
	return s;
}

/* Writes an SRX document whose body is `body` (languagerules and maprules),
 * with header cascade `cascade`, and loads it. */
static termin_segmenter *load_body(const char *cascade, const char *body)
{
	static int n;
	char path[512], doc[16384];
	snprintf(path, sizeof path, "%s/rules%d.srx", tt_tmpdir(), n++);
	snprintf(doc, sizeof doc,
	         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	         "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n"
	         "<header segmentsubflows=\"yes\" cascade=\"%s\">"
	         "<formathandle type=\"start\" include=\"no\"/></header>\n"
	         "<body>\n%s\n</body>\n</srx>\n",
	         cascade, body);
	tt_write(path, doc, strlen(doc));
	return load(path);
}

/* Loads one rule set, the <rule> elements `rules`, mapped to every
 * language (header cascade "no"). */
static termin_segmenter *load_rules(const char *rules)
{
	char body[8192];
	int n = snprintf(body, sizeof body,
	                 "<languagerules><languagerule languagerulename=\"L\">%s"
	                 "</languagerule></languagerules>"
	                 "<maprules><languagemap languagepattern=\".*\" languagerulename=\"L\"/></maprules>",
	                 rules);
	T_ASSERT(n > 0 && (size_t)n < sizeof body);
	return load_body("no", body);
}

/* Segments `text` and joins the segments with '|'. */
static const char *split(termin_segmenter *s, const char *lang, const char *text)
{
	static char out[8192];
	const termin_span *sp;
	size_t n, k = 0;
	T_OK(termin_segmenter_split(s, lang, text, strlen(text), &sp, &n));
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t len = sp[i].end - sp[i].start;
		T_ASSERT(k + len + 2 < sizeof out);
		if (i)
			out[k++] = '|';
		memcpy(out + k, text + sp[i].start, len);
		k += len;
		out[k] = '\0';
	}
	return out;
}

static const char *omegat_rules(void)
{
	return tt_shared("srx/omegat_defaultRules.srx");
}

/* ---- OmegaT's own rule file ---- */

void test_srx__omegat_rules_english(void)
{
	termin_segmenter *s = load(omegat_rules());
	T_EQ_STR(split(s, "en",
	               "Dr. Ivanov met Mr. Petrov in St. Petersburg at 9 a.m. yesterday. They discussed "
	               "No. 5 and other items, e.g. the budget. The meeting ended at 11 a.m. It was short."),
	         "Dr. Ivanov met Mr. Petrov in St. Petersburg at 9 a.m. yesterday.|They discussed No. 5 "
	         "and other items, e.g. the budget.|The meeting ended at 11 a.m.|It was short.");
	T_EQ_STR(split(s, "en", "Wait... the talks resumed. Are they over? Yes! The U.K. observer left."),
	         "Wait... the talks resumed.|Are they over?|Yes!|The U.K. observer left.");
	/* the numbered-heading rule of the Default set */
	T_EQ_STR(split(s, "en", "1. Introduction"), "1.|Introduction");
	T_EQ_STR(split(s, "en", "The CSTO said: \"Peace is fragile.\" Then it adjourned."),
	         "The CSTO said: \"Peace is fragile.\" Then it adjourned.");
	/* language codes match case-insensitively, regions included */
	T_EQ_STR(split(s, "EN-gb", "Mr. Smith left. He returned."), "Mr. Smith left.|He returned.");
	termin_segmenter_free(s);
}

void test_srx__omegat_rules_russian(void)
{
	termin_segmenter *s = load(omegat_rules());
	/* (?i)т\.е\. ignores case for Cyrillic too, as Java's UNICODE_CASE */
	T_EQ_STR(split(s, "ru",
	               "Стороны обсудили угрозы, т.е. терроризм и наркотрафик. Т.е. повестка была "
	               "широкой! Что дальше? Решат позже."),
	         "Стороны обсудили угрозы, т.е. терроризм и наркотрафик.|Т.е. повестка была широкой!|"
	         "Что дальше?|Решат позже.");
	/* OmegaT's rule "рт\.\sст\." protects only the second dot: OmegaT splits
	 * after "рт." as well, and so do we */
	T_EQ_STR(split(s, "ru", "Давление 760 мм рт. ст. утром. Вечером оно упало."),
	         "Давление 760 мм рт.|ст. утром.|Вечером оно упало.");
	T_EQ_STR(split(s, "ru-RU", "Поставки затруднены, т.к. границы закрыты. Решение примут завтра."),
	         "Поставки затруднены, т.к. границы закрыты.|Решение примут завтра.");
	termin_segmenter_free(s);
}

void test_srx__omegat_rules_other_languages(void)
{
	termin_segmenter *s = load(omegat_rules());
	/* German: "z.B." is an exception there, not in English */
	T_EQ_STR(split(s, "de", "Viele Staaten, z.B. Armenien, kamen. Andere nicht."),
	         "Viele Staaten, z.B. Armenien, kamen.|Andere nicht.");
	/* a language without its own rules gets the Default set */
	T_EQ_STR(split(s, "kk", "Mr. Smith left. He returned."), "Mr.|Smith left.|He returned.");
	termin_segmenter_free(s);
}

/* ---- semantics ---- */

static const char two_sets[] =
	"<languagerules>\n"
	"<languagerule languagerulename=\"English\">\n"
	"  <rule break=\"no\"><beforebreak>Dr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
	"</languagerule>\n"
	"<languagerule languagerulename=\"Default\">\n"
	"  <rule break=\"yes\"><beforebreak>[.?!]+</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
	"</languagerule>\n"
	"</languagerules>\n"
	"<maprules>\n"
	"  <languagemap languagepattern=\"en.*\" languagerulename=\"English\"/>\n"
	"  <languagemap languagepattern=\".*\" languagerulename=\"Default\"/>\n"
	"</maprules>\n";

void test_srx__cascade_yes_applies_every_matching_map(void)
{
	termin_segmenter *s = load_body("yes", two_sets);
	T_EQ_STR(split(s, "en", "Dr. Ivanov spoke. Then he left."), "Dr. Ivanov spoke.|Then he left.");
	/* Russian matches only the Default map */
	T_EQ_STR(split(s, "ru", "Dr. Ivanov spoke. Then he left."), "Dr.|Ivanov spoke.|Then he left.");
	termin_segmenter_free(s);
}

void test_srx__cascade_no_applies_the_first_map_only(void)
{
	termin_segmenter *s = load_body("no", two_sets);
	/* English matches "en.*" first: its set has no break rule at all */
	T_EQ_STR(split(s, "en", "Dr. Ivanov spoke. Then he left."), "Dr. Ivanov spoke. Then he left.");
	T_EQ_STR(split(s, "ru", "Dr. Ivanov spoke. Then he left."), "Dr.|Ivanov spoke.|Then he left.");
	termin_segmenter_free(s);
}

void test_srx__unmapped_language_breaks_only_lines(void)
{
	termin_segmenter *s = load_body("yes",
		"<languagerules><languagerule languagerulename=\"English\">"
		"<rule><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>"
		"</languagerule></languagerules>"
		"<maprules><languagemap languagepattern=\"en\" languagerulename=\"English\"/></maprules>");
	T_EQ_STR(split(s, "en", "One. Two."), "One.|Two.");
	/* the pattern must match the whole code */
	T_EQ_STR(split(s, "en-US", "One. Two."), "One. Two.");
	T_EQ_STR(split(s, "fr", "Un. Deux.\nTrois."), "Un. Deux.|Trois.");
	termin_segmenter_free(s);
}

void test_srx__first_matching_rule_decides(void)
{
	/* the exception after the break rule comes too late */
	termin_segmenter *s = load_rules(
		"<rule break=\"yes\"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>"
		"<rule break=\"no\"><beforebreak>Dr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>");
	T_EQ_STR(split(s, "en", "Dr. Ivanov spoke."), "Dr.|Ivanov spoke.");
	termin_segmenter_free(s);
}

void test_srx__empty_and_missing_patterns(void)
{
	termin_segmenter *s = load_rules(
		/* no afterbreak: break after every ';' */
		"<rule break=\"yes\"><beforebreak>;</beforebreak></rule>"
		/* empty beforebreak: break before every bullet */
		"<rule break=\"yes\"><beforebreak></beforebreak><afterbreak>\xe2\x80\xa2</afterbreak></rule>");
	T_EQ_STR(split(s, "en", "one;two; three \xe2\x80\xa2 four\xe2\x80\xa2""five"),
	         "one;|two;|three|\xe2\x80\xa2 four|\xe2\x80\xa2""five");
	termin_segmenter_free(s);

	/* empty afterbreak: a colon never ends a segment, even before a bullet */
	s = load_rules(
		"<rule break=\"no\"><beforebreak>:</beforebreak><afterbreak/></rule>"
		"<rule break=\"yes\"><afterbreak>\\s*\xe2\x80\xa2</afterbreak></rule>");
	T_EQ_STR(split(s, "en", "items:\xe2\x80\xa2 one \xe2\x80\xa2 two"),
	         "items:\xe2\x80\xa2 one|\xe2\x80\xa2 two");
	termin_segmenter_free(s);
}

void test_srx__lookaround_and_unicode_classes(void)
{
	termin_segmenter *s = load_rules(
		/* a lower-case letter, a stop, then a space and a capital (any script) */
		"<rule break=\"yes\"><beforebreak>(?&lt;=\\p{Ll})\\.</beforebreak>"
		"<afterbreak>\\s(?=\\p{Lu})</afterbreak></rule>");
	T_EQ_STR(split(s, "ru", "Мир хрупок. Война близко. 5. Не здесь. OK. Ёлка."),
	         "Мир хрупок.|Война близко. 5. Не здесь.|OK. Ёлка.");
	termin_segmenter_free(s);
}

void test_srx__rules_at_the_ends_of_the_line(void)
{
	termin_segmenter *s = load_rules(
		/* a list number at the start of the line */
		"<rule break=\"yes\"><beforebreak>^\\s*\\d+[.)]</beforebreak><afterbreak>\\s</afterbreak></rule>"
		/* a reference in brackets at the end of the line */
		"<rule break=\"yes\"><beforebreak>\\S</beforebreak><afterbreak>\\s+\\[\\d+\\]$</afterbreak></rule>"
		/* ^ and $ mean the line, not the break position */
		"<rule break=\"yes\"><beforebreak>^x</beforebreak><afterbreak>y$</afterbreak></rule>");
	T_EQ_STR(split(s, "en", "1. The agenda 2. was adopted [12]"), "1.|The agenda 2. was adopted|[12]");
	T_EQ_STR(split(s, "en", "  3) Close"), "3)|Close");
	T_EQ_STR(split(s, "en", "xy"), "x|y");
	T_EQ_STR(split(s, "en", "xyxy"), "xyxy");
	/* a break at the very end or start of the line is no break */
	T_EQ_STR(split(s, "en", "1."), "1.");
	termin_segmenter_free(s);
}

void test_srx__cyrillic_byte_offsets(void)
{
	termin_segmenter *s = load(omegat_rules());
	const char *t = "Мир. Дом \xf0\x9f\x98\x80 и т.е. сад! Ёж?";
	const termin_span *sp;
	size_t n;
	T_OK(termin_segmenter_split(s, "ru", t, strlen(t), &sp, &n));
	T_EQ_INT(n, 3);
	/* "Мир." is 7 bytes (3 two-byte letters and a dot) */
	T_EQ_INT(sp[0].start, 0);
	T_EQ_INT(sp[0].end, 7);
	/* the emoji is a surrogate pair in UTF-16 and 4 bytes in UTF-8 */
	T_EQ_INT(sp[1].start, 8);
	T_EQ_MEM(t + sp[1].start, sp[1].end - sp[1].start, "Дом \xf0\x9f\x98\x80 и т.е. сад!");
	T_EQ_MEM(t + sp[2].start, sp[2].end - sp[2].start, "Ёж?");
	T_EQ_INT(sp[2].end, strlen(t));
	termin_segmenter_free(s);
}

void test_srx__unbounded_exceptions(void)
{
	termin_segmenter *s = load_rules(
		/* unbounded: ICU cannot use it as a lookbehind */
		"<rule break=\"no\"><beforebreak>\\b[A-Z]+[a-z]*\\.</beforebreak><afterbreak>\\s\\d</afterbreak></rule>"
		/* unbounded and anchored at the line start */
		"<rule break=\"no\"><beforebreak>^[a-z]+\\.</beforebreak><afterbreak>\\s</afterbreak></rule>"
		"<rule break=\"yes\"><beforebreak>[.?!]+</beforebreak><afterbreak>\\s</afterbreak></rule>");
	T_EQ_STR(split(s, "en", "See ANNEX. 5 and Chapter. 6 here. Then. ok"),
	         "See ANNEX. 5 and Chapter. 6 here.|Then.|ok");
	T_EQ_STR(split(s, "en", "abbr. one. two"), "abbr. one.|two");
	termin_segmenter_free(s);
}

void test_srx__case_insensitive_exceptions(void)
{
	termin_segmenter *s = load_rules(
		"<rule break=\"no\"><beforebreak>(?i)\\bstr\\.</beforebreak><afterbreak>\\s</afterbreak></rule>"
		"<rule break=\"no\"><beforebreak>(?i)\\bт\\.е\\.</beforebreak><afterbreak>\\s</afterbreak></rule>"
		"<rule break=\"yes\"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>");
	T_EQ_STR(split(s, "de", "Haupt STR. 5 und Str. 6. Ende."), "Haupt STR. 5 und Str. 6.|Ende.");
	T_EQ_STR(split(s, "ru", "Т.Е. да. Т.е. нет. т.Е. так."), "Т.Е. да.|Т.е. нет.|т.Е. так.");
	termin_segmenter_free(s);
}

/* ---- the engine against a brute-force reading of the rules ---- */

typedef struct {
	int brk;
	const char *before, *after; /* NULL: absent */
} ref_rule;

static const ref_rule ref_rules[] = {
	{ 0, "Dr\\.", "\\s" },
	{ 0, "(?i)e\\.g\\.", "\\s" },
	{ 0, "(?i)stra\xc3\x9f" "e\\.", "\\s" },
	{ 0, "\\.\\.\\.", "\\s+\\P{Lu}" },
	{ 0, "\\b\\p{Lu}\\.", "\\s" },
	{ 0, "[a-z]+\\.", "\\s[a-z]" },
	{ 0, "(?i)\xd1\x82\\.\xd0\xb5\\.", "\\s" },
	{ 0, "(?<!\\d)\\d\\.", "\\d" },
	{ 1, "^\\s*\\d+[\\d.)]+", "\\s+\\p{Lu}" },
	{ 1, "[.?!]+", "\\s" },
	{ 1, NULL, "\xe2\x80\xa2" },
	{ 1, ";", NULL },
	{ 1, "--", "[-\\p{L}]" }, /* overlapping matches: "---x" breaks after 2 and 3 */
	{ 0, "x", "\\s" }, /* after every break rule: never decides */
};

static UChar *u16(const char *s, int32_t *n)
{
	UErrorCode st = U_ZERO_ERROR;
	UChar *u = malloc((strlen(s) + 1) * sizeof *u);
	u_strFromUTF8(u, (int32_t)strlen(s) + 1, n, s, -1, &st);
	T_ASSERT(U_SUCCESS(st));
	return u;
}

static URegularExpression *ref_open(const char *pat)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n;
	UChar *u = u16(pat, &n);
	URegularExpression *re = uregex_open(u, n, UREGEX_DOTALL, NULL, &st);
	free(u);
	T_ASSERT(U_SUCCESS(st));
	uregex_useTransparentBounds(re, 1, &st);
	uregex_useAnchoringBounds(re, 0, &st);
	return re;
}

/* The definition, literally: rule r applies at p when its beforebreak
 * matches some text [s, p) and its afterbreak matches text starting at p,
 * both seeing the whole line. Breaks are appended as '|' positions. */
static void reference(const char *text, char *out)
{
	int32_t n, k = 0;
	UChar *u = u16(text, &n);
	URegularExpression *b[N_OF(ref_rules)], *a[N_OF(ref_rules)];
	UErrorCode st = U_ZERO_ERROR;
	for (size_t r = 0; r < N_OF(ref_rules); r++) {
		b[r] = ref_rules[r].before ? ref_open(ref_rules[r].before) : NULL;
		a[r] = ref_rules[r].after ? ref_open(ref_rules[r].after) : NULL;
		if (b[r])
			uregex_setText(b[r], u, n, &st);
		if (a[r])
			uregex_setText(a[r], u, n, &st);
	}
	size_t byte = 0;
	for (int32_t p = 0; p <= n;) {
		int brk = 0;
		if (p > 0 && p < n) {
			for (size_t r = 0; r < N_OF(ref_rules); r++) {
				int ok = 1;
				if (a[r]) {
					uregex_setRegion(a[r], p, n, &st);
					ok = uregex_lookingAt(a[r], -1, &st);
				}
				if (ok && b[r]) {
					ok = 0;
					for (int32_t s = p; s >= 0 && !ok; s--) {
						uregex_setRegion(b[r], s, p, &st);
						ok = uregex_matches(b[r], -1, &st);
					}
				}
				if (ok) {
					brk = ref_rules[r].brk;
					break;
				}
			}
		}
		T_ASSERT(U_SUCCESS(st));
		if (brk)
			out[k++] = '|';
		if (p == n)
			break;
		/* copy one character: one or two UTF-16 units */
		UChar32 c;
		U16_NEXT(u, p, n, c);
		size_t len = (size_t)U8_LENGTH(c);
		memcpy(out + k, text + byte, len);
		k += (int32_t)len;
		byte += len;
	}
	out[k] = '\0';
	for (size_t r = 0; r < N_OF(ref_rules); r++) {
		if (b[r])
			uregex_close(b[r]);
		if (a[r])
			uregex_close(a[r]);
	}
	free(u);
}

/* The engine's breaks, marked the same way (no trimming). */
static void engine(termin_segmenter *s, const char *text, char *out)
{
	const termin_span *sp;
	size_t n, k = 0, len = strlen(text);
	T_OK(termin_segmenter_split(s, "xx", text, len, &sp, &n));
	/* spans are trimmed: a break lies somewhere in the white space after
	 * each span but the last (normalise() makes that irrelevant) */
	size_t cut = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		size_t b = sp[i].end;
		memcpy(out + k, text + cut, b - cut);
		k += b - cut;
		out[k++] = '|';
		cut = b;
	}
	memcpy(out + k, text + cut, len - cut);
	k += len - cut;
	out[k] = '\0';
}

/* Drops the white space next to each '|', merges "||" and removes '|' at
 * the ends: what is left is what trimmed, non-empty segments can show. */
static void normalise(char *str)
{
	char *w = str;
	for (char *r = str; *r; r++) {
		if (*r != '|') {
			*w++ = *r;
			continue;
		}
		while (w > str && (w[-1] == ' ' || w[-1] == '\t'))
			w--;
		while (r[1] == ' ' || r[1] == '\t' || r[1] == '|')
			r++;
		if (w > str && w[-1] != '|')
			*w++ = '|';
	}
	*w = '\0';
	while (w > str && (w[-1] == '|' || w[-1] == ' ' || w[-1] == '\t'))
		*--w = '\0';
}

void test_srx__engine_agrees_with_the_definition(void)
{
	static const char *tokens[] = {
		"Dr.", "e.g.", "E.G.", "Stra\xc3\x9f" "e.", "STRASSE.", "...", "....", "A.", "\xd0\x81.",
		"word.", "Word", "word", "\xd1\x82.\xd0\xb5.", "\xd0\xa2.\xd0\x95.", "1.", "2.1.", "3)",
		"\xe2\x80\xa2", ";", "?!", "x", "\xd0\x9c\xd0\xb8\xd1\x80", "\xd0\xbc\xd0\xb8\xd1\x80.",
		"5.5", "\xf0\x9f\x98\x80.", "ok", "Ok.", "---x", "--", "----",
	};
	static const char *seps[] = { " ", " ", " ", "", "  ", "\t" };
	char path[512], body[8192], text[1024], want[2048], got[2048];
	size_t k = 0;
	unsigned seed = 12345;

	/* the same rules as ref_rules, as an SRX file */
	k += (size_t)snprintf(body + k, sizeof body - k,
	                      "<languagerules><languagerule languagerulename=\"L\">");
	for (size_t r = 0; r < N_OF(ref_rules); r++) {
		k += (size_t)snprintf(body + k, sizeof body - k, "<rule break=\"%s\">",
		                      ref_rules[r].brk ? "yes" : "no");
		if (ref_rules[r].before) {
			k += (size_t)snprintf(body + k, sizeof body - k, "<beforebreak>");
			for (const char *c = ref_rules[r].before; *c; c++)
				k += (size_t)snprintf(body + k, sizeof body - k, *c == '<' ? "&lt;" : "%c", *c);
			k += (size_t)snprintf(body + k, sizeof body - k, "</beforebreak>");
		}
		if (ref_rules[r].after)
			k += (size_t)snprintf(body + k, sizeof body - k, "<afterbreak>%s</afterbreak>",
			                      ref_rules[r].after);
		k += (size_t)snprintf(body + k, sizeof body - k, "</rule>");
	}
	snprintf(body + k, sizeof body - k,
	         "</languagerule></languagerules>"
	         "<maprules><languagemap languagepattern=\".*\" languagerulename=\"L\"/></maprules>");
	snprintf(path, sizeof path, "%s/ref.srx", tt_tmpdir());
	{
		char doc[16384];
		snprintf(doc, sizeof doc,
		         "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">"
		         "<header cascade=\"no\"/><body>%s</body></srx>", body);
		tt_write(path, doc, strlen(doc));
	}
	termin_segmenter *s = load(path);

	for (int round = 0; round < 400; round++) {
		size_t t = 0, ntok;
		seed = seed * 1103515245u + 12345u;
		ntok = 1 + (seed >> 16) % 14;
		for (size_t i = 0; i < ntok; i++) {
			seed = seed * 1103515245u + 12345u;
			const char *tok = tokens[(seed >> 16) % N_OF(tokens)];
			seed = seed * 1103515245u + 12345u;
			const char *sep = i ? seps[(seed >> 16) % N_OF(seps)] : "";
			t += (size_t)snprintf(text + t, sizeof text - t, "%s%s", sep, tok);
		}
		reference(text, want);
		engine(s, text, got);
		normalise(want);
		normalise(got);
		if (strcmp(want, got) != 0)
			tt_fail(__FILE__, __LINE__, "text \"%s\":\n  definition: %s\n  engine:     %s", text,
			        want, got);
	}
	termin_segmenter_free(s);
}

/* ---- bad files ---- */

static void expect_error(const char *name, const char *doc, int code, const char *message_part)
{
	char path[512];
	termin_segmenter *s = NULL;
	termin_segmenter_opts o = TERMIN_SEGMENTER_OPTS_INIT;
	snprintf(path, sizeof path, "%s/%s", tt_tmpdir(), name);
	tt_write(path, doc, strlen(doc));
	o.srx_path = path;
	T_FAILS(termin_segmenter_new(&s, &o), code);
	T_ASSERT(s == NULL);
	const termin_error *e = termin_error_last();
	T_ASSERT(e != NULL);
	if (!strstr(e->message, message_part) || !strstr(e->message, name))
		tt_fail(__FILE__, __LINE__, "message \"%s\" lacks \"%s\"", e->message, message_part);
}

void test_srx__bad_files(void)
{
	expect_error("a.srx", "", TERMIN_EINVALID, "a.srx: empty file");
	expect_error("b.srx", "<srx", TERMIN_EINVALID, "b.srx:1: not well-formed XML");
	expect_error("c.srx", "<tmx version=\"1.4\"/>", TERMIN_EINVALID, "root element is <tmx>");
	expect_error("d.srx",
	             "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><body>\n"
	             "<languagerules><languagerule languagerulename=\"L\">\n"
	             "<rule><beforebreak>(a</beforebreak></rule>\n"
	             "</languagerule></languagerules></body></srx>",
	             TERMIN_EINVALID, "d.srx:3: invalid regular expression in <beforebreak>: \"(a\"");
	expect_error("e.srx",
	             "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><body>\n"
	             "<maprules><languagemap languagepattern=\".*\" languagerulename=\"Nope\"/>"
	             "</maprules></body></srx>",
	             TERMIN_EINVALID, "e.srx:2: <languagemap> refers to languagerule \"Nope\"");
	expect_error("f.srx",
	             "<!DOCTYPE srx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
	             "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><body/></srx>",
	             TERMIN_EINVALID, "declares entity \"x\"");
	expect_error("g.srx",
	             "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><body>\n"
	             "<languagerules><languagerule languagerulename=\"L\">\n"
	             "<rule break=\"maybe\"/></languagerule></languagerules></body></srx>",
	             TERMIN_EINVALID, "g.srx:3: <rule> has break=\"maybe\"");
	expect_error("h.srx",
	             "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><body>\n"
	             "<languagerules><languagerule languagerulename=\"L\">\n"
	             "<rule><beforbreak>x</beforbreak></rule></languagerule></languagerules></body></srx>",
	             TERMIN_EINVALID, "h.srx:3: unexpected element <beforbreak> in <rule>");
	expect_error("i.srx",
	             "<srx xmlns=\"http://www.lisa.org/srx10\" version=\"1.0\"><body/></srx>",
	             TERMIN_EUNSUPPORTED, "SRX 1.0 is not supported");
	expect_error("j.srx",
	             "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><header cascade=\"true\"/>"
	             "<body/></srx>",
	             TERMIN_EINVALID, "cascade=\"true\"");
	expect_error("k.srx",
	             "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><body>\n"
	             "<languagerules><languagerule languagerulename=\"L\"/>\n"
	             "<languagerule languagerulename=\"L\"/></languagerules></body></srx>",
	             TERMIN_EINVALID, "k.srx:3: languagerule \"L\" is defined twice (first at line 2)");
}
