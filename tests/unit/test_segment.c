/*
 * test_segment.c - sentence segmentation with the built-in rules: the
 * golden rules from ../shared, one case per rule family, and the
 * segmenter front end.
 */
#include "tt.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>

/* Splits `text` and joins the segments with " | ". */
static char *split(const char *lang, const char *text)
{
	static char out[1 << 16];
	termin_segmenter *s;
	const termin_span *sp;
	size_t n, o = 0;
	T_OK(termin_segmenter_new(&s, NULL));
	T_OK(termin_segmenter_split(s, lang, text, strlen(text), &sp, &n));
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			o += (size_t)snprintf(out + o, sizeof out - o, " | ");
		o += (size_t)snprintf(out + o, sizeof out - o, "%.*s", (int)(sp[i].end - sp[i].start),
		                      text + sp[i].start);
	}
	termin_segmenter_free(s);
	return out;
}

#define T_SPLIT(lang, text, expected) T_EQ_STR(split(lang, text), expected)

/* ======================= golden rules ======================= */

typedef struct {
	const char *lang;
	termin_segmenter *seg;
	size_t cases, passed;
	int verbose;
} golden;

static void golden_case(size_t lineno, const tj_value *v, void *arg)
{
	golden *g = arg;
	const char *text = tj_str(v, "text");
	const tj_value *exp = tj_get(v, "expected");
	const tj_value *id = tj_get(v, "id");
	const termin_span *sp;
	size_t n;
	int ok;

	if (!text || !exp || exp->type != TJ_ARRAY)
		tt_fail(__FILE__, __LINE__, "golden rule on line %zu lacks text or expected", lineno);
	T_OK(termin_segmenter_split(g->seg, g->lang, text, strlen(text), &sp, &n));
	ok = n == exp->n;
	for (size_t i = 0; ok && i < n; i++)
		ok = sp[i].end - sp[i].start == exp->items[i]->len &&
		     memcmp(text + sp[i].start, exp->items[i]->str, exp->items[i]->len) == 0;
	g->cases++;
	if (ok) {
		g->passed++;
		return;
	}
	printf("# %s golden rule %d (%s) fails:\n#   got:     ", g->lang,
	       id ? (int)id->number : (int)lineno, tj_str(v, "name") ? tj_str(v, "name") : "");
	for (size_t i = 0; i < n; i++)
		printf("%s[%.*s]", i ? " " : "", (int)(sp[i].end - sp[i].start), text + sp[i].start);
	printf("\n#   expected:");
	for (size_t i = 0; i < exp->n; i++)
		printf(" [%s]", exp->items[i]->str);
	printf("\n");
}

/* Runs every case of a golden-rule file; returns the number passed. */
static size_t run_golden(const char *rel, const char *lang, size_t *cases)
{
	golden g = { lang, NULL, 0, 0, 1 };
	size_t len;
	char *data = tt_read(tt_shared(rel), &len);
	T_OK(termin_segmenter_new(&g.seg, NULL));
	tj_each_line(data, len, golden_case, &g);
	termin_segmenter_free(g.seg);
	free(data);
	printf("# %s: %zu of %zu golden rules pass\n", rel, g.passed, g.cases);
	fflush(stdout);
	*cases = g.cases;
	return g.passed;
}

void test_segment__golden_rules_en(void)
{
	size_t cases, passed = run_golden("golden_rules/golden_rules_en.jsonl", "en", &cases);
	T_EQ_INT(cases, 48);
	/* pySBD passes 47, ICU's BreakIterator 28 */
	T_EQ_INT(passed, 48);
}

void test_segment__golden_rules_ru(void)
{
	size_t cases, passed = run_golden("golden_rules/golden_rules_ru.jsonl", "ru", &cases);
	T_EQ_INT(cases, 42);
	/* pySBD passes 42, ICU's BreakIterator 36 */
	T_EQ_INT(passed, 42);
}

void test_segment__golden_rules_en_ps52_reported(void)
{
	/* The full Pragmatic Segmenter set: reported, not asserted. Two of its
	 * cases want sentences joined across a line break, which termin never
	 * does (a line break always ends a segment). */
	size_t cases, passed = run_golden("golden_rules/golden_rules_en_ps52.jsonl", "en", &cases);
	T_EQ_INT(cases, 52);
	(void)passed;
}

/* ======================= rule families ======================= */

void test_segment__titles_and_abbreviations_en(void)
{
	T_SPLIT("en", "Gen. Valery Gerasimov met Col. Smith and Lt. Jones. They talked.",
	        "Gen. Valery Gerasimov met Col. Smith and Lt. Jones. | They talked.");
	T_SPLIT("en", "Dr. Brown lives on St. James Street, No. 5. He is out.",
	        "Dr. Brown lives on St. James Street, No. 5. | He is out.");
	T_SPLIT("en", "Arms, ammunition etc. were seized. The rest, i.e. the fuel, was not.",
	        "Arms, ammunition etc. were seized. | The rest, i.e. the fuel, was not.");
	T_SPLIT("en", "It was delivered to Acme Co. Shipments resumed e.g. in May.",
	        "It was delivered to Acme Co. | Shipments resumed e.g. in May.");
	T_SPLIT("en", "The talks began on Sept. 11 in Minsk. Prof. Ivanov spoke.",
	        "The talks began on Sept. 11 in Minsk. | Prof. Ivanov spoke.");
	T_SPLIT("en", "Col.-Gen. Serdyukov arrived. The drills began.",
	        "Col.-Gen. Serdyukov arrived. | The drills began.");
}

void test_segment__multi_period_abbreviations_en(void)
{
	T_SPLIT("en", "The U.N. Security Council met. The U.S. Army did not.",
	        "The U.N. Security Council met. | The U.S. Army did not.");
	T_SPLIT("en", "He works in the U.S. The rest stay in the U.K. for now.",
	        "He works in the U.S. | The rest stay in the U.K. for now.");
	T_SPLIT("en", "The talks start at 10 a.m. Moscow time. At 9 p.m. Mr. Lavrov left.",
	        "The talks start at 10 a.m. Moscow time. | At 9 p.m. Mr. Lavrov left.");
	T_SPLIT("en", "They ended at 6 p.m. The delegations left.",
	        "They ended at 6 p.m. | The delegations left.");
}

void test_segment__initials(void)
{
	T_SPLIT("en", "Colonel-General A. N. Serdyukov gave a briefing. It was short.",
	        "Colonel-General A. N. Serdyukov gave a briefing. | It was short.");
	T_SPLIT("en", "J.R. Smith spoke. You and I. We agreed.",
	        "J.R. Smith spoke. | You and I. | We agreed.");
	T_SPLIT("ru", "Генерал-полковник А. Н. Сердюков провёл брифинг. Он был краток.",
	        "Генерал-полковник А. Н. Сердюков провёл брифинг. | Он был краток.");
	T_SPLIT("ru", "Выступил А.Н.Сердюков. Затем выступил В. Путин.",
	        "Выступил А.Н.Сердюков. | Затем выступил В. Путин.");
}

void test_segment__russian_abbreviations(void)
{
	T_SPLIT("ru", "ОДКБ создана в 1992 г. Договор подписан в Ташкенте.",
	        "ОДКБ создана в 1992 г. Договор подписан в Ташкенте.");
	T_SPLIT("ru", "В 2010-2012 гг. учения прошли в г. Бишкек, ул. Ленина, д. 5. Все вернулись.",
	        "В 2010-2012 гг. учения прошли в г. Бишкек, ул. Ленина, д. 5. | Все вернулись.");
	T_SPLIT("ru", "Прибыли танки, БТР и т. д. Затем прибыла пехота, т. е. основные силы.",
	        "Прибыли танки, БТР и т. д. | Затем прибыла пехота, т. е. основные силы.");
	T_SPLIT("ru", "Выступил проф. Иванов из Академии им. Фрунзе. Потом обед.",
	        "Выступил проф. Иванов из Академии им. Фрунзе. | Потом обед.");
	T_SPLIT("ru", "Урожай с.-х. культур вырос. Это рекорд.",
	        "Урожай с.-х. культур вырос. | Это рекорд.");
	T_SPLIT("ru", "Бюджет составил 5 млн. Рост продолжится, и пр. Планы есть.",
	        "Бюджет составил 5 млн. | Рост продолжится, и пр. | Планы есть.");
}

void test_segment__numbers_and_dates(void)
{
	T_SPLIT("en", "On 24.04.2024 the share rose by 3.5 per cent in 2022-2024. It fell in 2019. 25 people left.",
	        "On 24.04.2024 the share rose by 3.5 per cent in 2022-2024. | It fell in 2019. | 25 people left.");
	T_SPLIT("en", "05.06.2020 00:01:00", "05.06.2020 00:01:00");
	T_SPLIT("en", "It costs $100.00. It is cheap.", "It costs $100.00. | It is cheap.");
}

void test_segment__ellipses(void)
{
	T_SPLIT("en", "We waited... Nobody came. Then … nothing. It ended…. Really.",
	        "We waited... | Nobody came. | Then … nothing. | It ended…. | Really.");
	T_SPLIT("en", "\"Bohr [...] used the analogy [...]\" (Smith 55).",
	        "\"Bohr [...] used the analogy [...]\" (Smith 55).");
	T_SPLIT("ru", "Мы ждали… Никто не пришёл.", "Мы ждали… | Никто не пришёл.");
}

void test_segment__quotes_and_brackets(void)
{
	T_SPLIT("en", "He said, \"It is over.\" Then he left.", "He said, \"It is over.\" | Then he left.");
	T_SPLIT("en", "“It is over,” he said. (See the statement.) The talks ended.",
	        "“It is over,” he said. | (See the statement.) | The talks ended.");
	T_SPLIT("ru", "Он сказал: «Мы готовы. Это важно», – и ушёл. Все согласились.",
	        "Он сказал: «Мы готовы. Это важно», – и ушёл. | Все согласились.");
	/* a quotation of whole sentences is split; one ending outside is not */
	T_SPLIT("ru", "«Мы готовы. Это важно.» Все согласились.",
	        "«Мы готовы. | Это важно.» | Все согласились.");
	T_SPLIT("ru", "«Мы готовы. Это важно». Все согласились.",
	        "«Мы готовы. Это важно». | Все согласились.");
	T_SPLIT("ru", "ИГИЛ (организация запрещена в России. – «НВО»). Далее.",
	        "ИГИЛ (организация запрещена в России. – «НВО»). | Далее.");
}

void test_segment__question_and_exclamation(void)
{
	T_SPLIT("en", "Really?! Yes!! Why?? She works at Yahoo! in London.",
	        "Really?! | Yes!! | Why?? | She works at Yahoo! in London.");
	T_SPLIT("ru", "Кто там?.. Никого! Ну что ж.", "Кто там?.. | Никого! | Ну что ж.");
}

void test_segment__dialogue_dashes(void)
{
	T_SPLIT("ru", "— Что вы думаете? — спросил он. — Это важно.",
	        "— Что вы думаете? — спросил он. | — Это важно.");
	T_SPLIT("en", "- All capitals condemned it. - We agree.", "- All capitals condemned it. | - We agree.");
}

void test_segment__urls_emails_domains(void)
{
	T_SPLIT("en", "In a commentary to Cronos.Asia, he spoke. Interview to NEWS.ru. 16.04.2024",
	        "In a commentary to Cronos.Asia, he spoke. | Interview to NEWS.ru. | 16.04.2024");
	T_SPLIT("en", "Photo from www.odkb-csto.org. See http://nvo.ng.ru/realty/1.html. Write to press@odkb.ru. Thanks.",
	        "Photo from www.odkb-csto.org. | See http://nvo.ng.ru/realty/1.html. | Write to press@odkb.ru. | Thanks.");
	T_SPLIT("en", "Hello world.Today is Tuesday.Mr. Smith paid 1,000.That is a lot.",
	        "Hello world. | Today is Tuesday. | Mr. Smith paid 1,000. | That is a lot.");
	T_SPLIT("en", "Write to Jane.Doe@example.com or see Lenta.Ru today.",
	        "Write to Jane.Doe@example.com or see Lenta.Ru today.");
}

void test_segment__lists(void)
{
	T_SPLIT("en", "1) Disarmament 2) Peacekeeping 3) Migration", "1) Disarmament | 2) Peacekeeping | 3) Migration");
	T_SPLIT("en", "The agenda: 1. Disarmament. 2. Peacekeeping.", "The agenda: 1. Disarmament. | 2. Peacekeeping.");
	T_SPLIT("en", "a. one b. two c. three", "a. one | b. two | c. three");
	T_SPLIT("en", "Under Article 5. The court agreed.", "Under Article 5. | The court agreed.");
	T_SPLIT("ru", "Купить: 1)рыбу 2)соль.", "Купить: 1)рыбу 2)соль.");
	T_SPLIT("en", "A. Smith and B. Jones met.", "A. Smith and B. Jones met.");
	T_SPLIT("en", "• Disarmament • Peacekeeping", "• Disarmament | • Peacekeeping");
}

void test_segment__glued_captions(void)
{
	T_SPLIT("ru", "Фото: пресс-служба ОДКБ Фото с сайта www.odkb-csto.org",
	        "Фото: пресс-служба ОДКБ | Фото с сайта www.odkb-csto.org");
	/* a period inside a name does not end the caption */
	T_SPLIT("en", "Photo: CSTO press service Photo from www.odkb-csto.org Video: Zvezda TV",
	        "Photo: CSTO press service | Photo from www.odkb-csto.org | Video: Zvezda TV");
	T_SPLIT("en", "Photo: A. Smith. Video: B", "Photo: A. Smith. | Video: B");
	/* a label inside a sentence is a word */
	T_SPLIT("en", "He took a Photo from the roof.", "He took a Photo from the roof.");
}

void test_segment__line_breaks_always_end_segments(void)
{
	T_SPLIT("en", "Headline without a stop\nThe text. And more\r\nLast", "Headline without a stop | The text. | And more | Last");
	T_SPLIT("en", "  \n\n  ", "");
}

void test_segment__other_languages_get_defaults(void)
{
	T_SPLIT("de", "Das ist gut. Dr. Müller kommt z.B. morgen. Danke!",
	        "Das ist gut. | Dr. Müller kommt z.B. morgen. | Danke!");
	T_SPLIT(NULL, "One. Two.", "One. | Two.");
}

void test_segment__spans_exclude_white_space(void)
{
	termin_segmenter *s;
	const termin_span *sp;
	size_t n;
	const char text[] = "  One.   Two?\t";
	T_OK(termin_segmenter_new(&s, NULL));
	T_OK(termin_segmenter_split(s, "en", text, sizeof text - 1, &sp, &n));
	T_EQ_INT(n, 2);
	T_EQ_INT(sp[0].start, 2);
	T_EQ_INT(sp[0].end, 6);
	T_EQ_INT(sp[1].start, 9);
	T_EQ_INT(sp[1].end, 13);
	termin_segmenter_free(s);
}

void test_segment__invalid_utf8_does_not_crash(void)
{
	/* the library may be handed anything; rules must not read past the end */
	const char text[] = "Abc. \xD0\x2E \xE2\x80 \xC2. \xFF\xFE. D\xE2";
	termin_segmenter *s;
	const termin_span *sp;
	size_t n;
	T_OK(termin_segmenter_new(&s, NULL));
	T_OK(termin_segmenter_split(s, "ru", text, sizeof text - 1, &sp, &n));
	T_ASSERT(n >= 1);
	termin_segmenter_free(s);
}

/* ======================= the client's corpus ======================= */

static const char *const corpus_files[] = {
	"corpus/en/000_66a77208256b8fe0.txt", "corpus/en/001_9265d11487f5d659.txt",
	"corpus/en/002_ee163aba4bf054da.txt", "corpus/en/003_fb8e1b19bee3b077.txt",
	"corpus/en/004_cf474bd0c524397c.txt",
};

typedef struct {
	char *text;
	char lang[8];
	uint64_t start, end;
	size_t line;
} seg_rec;

typedef struct {
	seg_rec *v;
	size_t n;
	char *data;     /* the original input */
	size_t len;
} seg_list;

static void seg_list_free(seg_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	free(l->data);
}

/* Segments `data` as `termin segment` does: cleaning with the dictionaries,
 * --lang auto unless `lang` is given. Takes ownership of `data`. */
static seg_list segment_data(char *data, size_t len, const char *lang)
{
	seg_list l = { NULL, 0, data, len };
	termin_textfile_opts o = TERMIN_TEXTFILE_OPTS_INIT;
	termin_textfile *tf;
	termin_segmenter *seg;
	termin_segstream *ss;
	termin_segment s;
	termin_speller *sp;
	size_t cap = 0;
	int rc;

	T_OK(termin_speller_new(&sp));
	if (termin_speller_add_dict(sp, "en_US") < 0 || termin_speller_add_dict(sp, "ru_RU") < 0)
		T_SKIP("hunspell en_US or ru_RU is not installed");
	o.speller = sp;
	T_OK(termin_textfile_open_buffer(&tf, "corpus", data, len, &o));
	T_OK(termin_segmenter_new(&seg, NULL));
	T_OK(termin_segstream_new(&ss, tf, seg, lang));
	while ((rc = termin_segstream_next(ss, &s)) > 0) {
		if (l.n == cap) {
			cap = cap ? cap * 2 : 256;
			l.v = realloc(l.v, cap * sizeof *l.v);
		}
		seg_rec *r = &l.v[l.n++];
		r->text = strndup(s.text, s.len);
		snprintf(r->lang, sizeof r->lang, "%s", s.lang);
		r->start = s.start;
		r->end = s.end;
		r->line = s.line;
	}
	T_OK(rc);
	termin_segstream_free(ss);
	termin_segmenter_free(seg);
	termin_textfile_free(tf);
	termin_speller_free(sp);
	return l;
}

static seg_list segment_shared(const char *rel, const char *lang)
{
	size_t len;
	char *data = tt_read(tt_shared(rel), &len);
	return segment_data(data, len, lang);
}

/* All five texts one after the other, as the benchmark builds them: each
 * file's last line ("Back to the all news", no final newline) is glued to
 * the next file's first line. */
static seg_list segment_concatenated(void)
{
	char *all = NULL;
	size_t n = 0;
	for (size_t i = 0; i < (sizeof corpus_files / sizeof *corpus_files); i++) {
		size_t len;
		char *d = tt_read(tt_shared(corpus_files[i]), &len);
		all = realloc(all, n + len + 1);
		memcpy(all + n, d, len);
		n += len;
		free(d);
	}
	return segment_data(all, n, NULL);
}

static void assert_no_boilerplate(const seg_list *l)
{
	static const char *const nav[] = { "Go back", "Back to the section", "Back to the all news" };
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < 3; k++)
			if (strstr(l->v[i].text, nav[k]))
				tt_fail(__FILE__, __LINE__, "boilerplate survives in segment %zu (line %zu): %s", i + 1,
				        l->v[i].line, l->v[i].text);
}

void test_segment__corpus_has_no_boilerplate(void)
{
	for (size_t f = 0; f < (sizeof corpus_files / sizeof *corpus_files); f++) {
		seg_list l = segment_shared(corpus_files[f], NULL);
		T_ASSERT(l.n > 30);
		assert_no_boilerplate(&l);
		seg_list_free(&l);
	}
}

void test_segment__corpus_concatenated_has_no_glued_boilerplate(void)
{
	seg_list l = segment_concatenated();
	int found = 0;
	assert_no_boilerplate(&l);
	/* "Back to the all newsThe 23rd meeting ..." lost only its prefix */
	for (size_t i = 0; i < l.n; i++)
		found += strncmp(l.v[i].text, "The 23rd meeting of the Military Committee", 42) == 0;
	T_EQ_INT(found, 1);
	seg_list_free(&l);
}

void test_segment__corpus_broken_word_rejoined(void)
{
	seg_list l = segment_shared("corpus/en/004_cf474bd0c524397c.txt", NULL);
	int joined = 0;
	for (size_t i = 0; i < l.n; i++) {
		const char *t = l.v[i].text;
		size_t n = strlen(t);
		T_ASSERT(!(n >= 7 && strcmp(t + n - 7, "Collect") == 0));
		T_ASSERT(strncmp(t, "ive ", 4) != 0);
		joined += strcmp(t, "You were one of the initiators of the Collective Security Treaty.") == 0;
	}
	/* the sentence occurs twice, once with the broken word */
	T_EQ_INT(joined, 2);
	seg_list_free(&l);
}

void test_segment__corpus_russian_keywords_tagged_ru(void)
{
	seg_list l = segment_shared("corpus/en/003_fb8e1b19bee3b077.txt", "auto");
	size_t ru = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (strcmp(l.v[i].lang, "ru") == 0) {
			ru++;
			T_EQ_STR(l.v[i].text, "генеральный секретарь одкб, станислав зась, терроризм, пандемия");
		} else {
			T_EQ_STR(l.v[i].lang, "en");
		}
	}
	T_EQ_INT(ru, 1);
	seg_list_free(&l);
}

void test_segment__corpus_dateline_is_one_segment(void)
{
	seg_list l = segment_shared("corpus/en/003_fb8e1b19bee3b077.txt", NULL);
	int found = 0;
	for (size_t i = 0; i < l.n; i++)
		found += strcmp(l.v[i].text, "05.06.2020 00:01:00") == 0;
	T_EQ_INT(found, 1);
	seg_list_free(&l);
}

/* What cleaning does to a stretch of the original: Unicode spaces become
 * one plain space, a line break inside a rejoined word disappears. */
static char *clean_like(const char *s, size_t n)
{
	char *o = malloc(n + 1);
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r')
			continue;
		if (c == ' ' || c == '\t' || (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)) {
			if (c == 0xC2)
				i++;
			space = 1;
			continue;
		}
		if (space && k)
			o[k++] = ' ';
		space = 0;
		o[k++] = (char)c;
	}
	o[k] = '\0';
	return o;
}

static void assert_offsets(const seg_list *l, size_t *exact)
{
	for (size_t i = 0; i < l->n; i++) {
		const seg_rec *r = &l->v[i];
		T_ASSERT(r->start < r->end && r->end <= l->len);
		const char *orig = l->data + r->start;
		size_t n = (size_t)(r->end - r->start);
		if (n == strlen(r->text) && memcmp(orig, r->text, n) == 0) {
			(*exact)++;
			continue;
		}
		/* cleaning changed the text: the slice must clean to it */
		char *c = clean_like(orig, n);
		if (strcmp(c, r->text) != 0)
			tt_fail(__FILE__, __LINE__, "segment %zu (line %zu) at [%llu, %llu):\n  slice:   %s\n  segment: %s",
			        i + 1, r->line, (unsigned long long)r->start, (unsigned long long)r->end, c, r->text);
		free(c);
	}
}

void test_segment__corpus_offsets_slice_the_original(void)
{
	size_t exact = 0, total = 0;
	for (size_t f = 0; f < (sizeof corpus_files / sizeof *corpus_files); f++) {
		seg_list l = segment_shared(corpus_files[f], NULL);
		assert_offsets(&l, &exact);
		total += l.n;
		seg_list_free(&l);
	}
	seg_list l = segment_shared("dev/align/003_fb8e1b19bee3b077.ru.txt", NULL);
	assert_offsets(&l, &exact);
	total += l.n;
	seg_list_free(&l);
	/* most segments are untouched by cleaning and slice out verbatim */
	T_ASSERT(exact * 10 > total * 9);
}

/* The alignment gold of text 003 lists its English and Russian sentences
 * in order: our segments must be exactly those. */
void test_segment__corpus_matches_alignment_gold(void)
{
	size_t len;
	char *gold_text = tt_read(tt_shared("dev/align/003_fb8e1b19bee3b077.gold.json"), &len);
	const char *err;
	tj_value *gold = tj_parse(gold_text, len, &err);
	const tj_value *pairs = tj_get(gold, "pairs");
	T_ASSERT(pairs && pairs->type == TJ_ARRAY);
	static const char *const sides[2][2] = {
		{ "en", "corpus/en/003_fb8e1b19bee3b077.txt" },
		{ "ru", "dev/align/003_fb8e1b19bee3b077.ru.txt" },
	};
	for (int s = 0; s < 2; s++) {
		seg_list l = segment_shared(sides[s][1], NULL);
		size_t k = 0;
		for (size_t p = 0; p < pairs->n; p++) {
			const tj_value *side = tj_get(pairs->items[p], sides[s][0]);
			T_ASSERT(side && side->type == TJ_ARRAY);
			for (size_t j = 0; j < side->n; j++, k++) {
				if (k >= l.n)
					tt_fail(__FILE__, __LINE__, "%s: gold has more segments than ours (%zu)", sides[s][0], l.n);
				if (strcmp(l.v[k].text, side->items[j]->str) != 0)
					tt_fail(__FILE__, __LINE__, "%s segment %zu:\n  ours: %s\n  gold: %s", sides[s][0], k + 1,
					        l.v[k].text, side->items[j]->str);
			}
		}
		T_EQ_INT(k, l.n);
		seg_list_free(&l);
	}
	tj_free(gold);
	free(gold_text);
}
