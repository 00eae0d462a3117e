/*
 * test_check.c - termin check: each check on small units (positives and
 * negatives), the readers, ignore lists, reports, and the development set
 * of ../shared/dev scored against its gold list.
 */
#include "tt.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>

static termin_glossary *shipped(void)
{
	termin_glossary *g;
	T_OK(termin_glossary_new(&g));
	T_ASSERT(termin_glossary_shipped_path() != NULL);
	T_OK(termin_glossary_load(g, termin_glossary_shipped_path(), NULL));
	return g;
}

static termin_checker *checker(termin_glossary *g)
{
	termin_checker *ck;
	termin_checker_opts o = TERMIN_CHECKER_OPTS_INIT;
	o.glossary = g;
	T_OK(termin_checker_new(&ck, &o));
	return ck;
}

/* Adds an EN-RU unit read at `file`:`line`. */
static void add_at(termin_checker *ck, const char *file, size_t line, const char *tuid,
                   const char *src, const char *tgt)
{
	termin_check_unit u = { 0 };
	u.file = file;
	u.line = line;
	u.tuid = tuid;
	u.src_lang = "en";
	u.tgt_lang = "ru";
	u.source = src;
	u.source_len = strlen(src);
	u.target = tgt;
	u.target_len = tgt ? strlen(tgt) : 0;
	T_OK(termin_checker_add(ck, &u));
}

static void add(termin_checker *ck, const char *tuid, const char *src, const char *tgt)
{
	add_at(ck, "t.tmx", 1, tuid, src, tgt);
}

/* The findings of `check` at warning or above, as "tuid:match" joined by
 * "|". Static buffer. */
static const char *found(termin_checker *ck, const char *check)
{
	static char buf[4096];
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < termin_checker_count(ck); i++) {
		const termin_finding *f = termin_checker_finding(ck, i);
		if (strcmp(f->check, check) != 0 || f->severity < TERMIN_SEVERITY_WARNING)
			continue;
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s:%s", n ? "|" : "", f->tuid ? f->tuid : "-", f->match);
	}
	return buf;
}

/* Runs one pair through a fresh checker without glossary and returns the
 * findings of `check`. */
static const char *one(const char *check, const char *src, const char *tgt)
{
	static char keep[4096];
	termin_checker *ck = checker(NULL);
	add(ck, "u", src, tgt);
	T_OK(termin_checker_finish(ck));
	snprintf(keep, sizeof keep, "%s", found(ck, check));
	termin_checker_free(ck);
	return keep;
}

void test_check__numbers(void)
{
	/* notations that agree */
	T_EQ_STR(one("number-mismatch", "Growth was 3.5 percent.", "Рост составил 3,5 процента."), "");
	T_EQ_STR(one("number-mismatch", "It costs 1,000 dollars.", "Это стоит 1 000 долларов."), "");
	T_EQ_STR(one("number-mismatch", "It costs 1,000 dollars.", "Это стоит 1\xc2\xa0" "000 долларов."), "");
	T_EQ_STR(one("number-mismatch", "On 24 April 2024 they met.", "24 апреля 2024 года они встретились."), "");
	T_EQ_STR(one("number-mismatch", "On April 24, 2024 they met.", "24.04.2024 они встретились."), "");
	T_EQ_STR(one("number-mismatch", "The 39th session.", "39-я сессия."), "");
	T_EQ_STR(one("number-mismatch", "In the 21st century.", "В XXI веке."), "");
	T_EQ_STR(one("number-mismatch", "Up 25%.", "Рост на 25 %."), "");
	T_EQ_STR(one("number-mismatch", "The plan for 2019–2021.", "План на 2019-2021 годы."), "");
	T_EQ_STR(one("number-mismatch", "One of the tasks.", "Одна из задач."), "");
	T_EQ_STR(one("number-mismatch", "Two meetings were held.", "Состоялись 2 заседания."), "");
	T_EQ_STR(one("number-mismatch", "See www.odkb-csto.org/news/2024 now.", "См. www.odkb-csto.org/news/2024."), "");
	/* and that do not */
	T_EQ_STR(one("number-mismatch", "On May 26 they met.", "25 мая они встретились."), "u:25");
	T_EQ_STR(one("number-mismatch", "The plan for 2019–2021.", "План на 2019–2022 годы."), "u:2022");
	T_EQ_STR(one("number-mismatch", "Growth was 3.5 percent.", "Рост составил 3,6 процента."), "u:3,6");
	T_EQ_STR(one("number-mismatch", "It costs 1,000 dollars.", "Это стоит 100 долларов."), "u:100");
	T_EQ_STR(one("number-mismatch", "In 2024 and 2025.", "В 2024 году."), "u:2025");
	T_EQ_STR(one("number-mismatch", "In the 21st century.", "В XX веке."), "u:XX");
}

void test_check__surface(void)
{
	T_EQ_STR(one("untranslated", "How exactly is it?", ""), "u:");
	T_EQ_STR(one("untranslated", "How exactly is it?", "  "), "u:");
	T_EQ_STR(one("untranslated", "How exactly is it?", "Как именно?"), "");
	T_EQ_STR(one("same-as-source", "This we have seen in Syria.", "This we have seen in Syria."),
	         "u:This we have seen in Syria.");
	T_EQ_STR(one("same-as-source", "05.06.2020 http://nvo.ng.ru/a.html", "05.06.2020 http://nvo.ng.ru/a.html"), "");
	T_EQ_STR(one("same-as-source", "PROXY", "PROXY"), "");
	T_EQ_STR(one("end-punctuation", "For the sake of attacks.", "Ради терактов"), "u:");
	T_EQ_STR(one("end-punctuation", "Is it so?", "Так ли это."), "u:.");
	T_EQ_STR(one("end-punctuation", "\"Terrorism can be countered\"", "«Терроризму можно противостоять»"), "");
	T_EQ_STR(one("end-punctuation", "It was “Mercenary”.", "Это был «Наемник»."), "");
	T_EQ_STR(one("end-punctuation", "Wait...", "Ждите…"), "");
	T_EQ_STR(one("repeated-word", "Taking into account all.", "С учетом учетом всех."), "u:учетом учетом");
	T_EQ_STR(one("repeated-word", "Taking into account all.", "С учетом всех."), "");
	T_EQ_STR(one("repeated-word", "He had had enough.", "С него хватит."), "");
	T_EQ_STR(one("double-space", "Already running.", "Уже  запущен."), "u:  ");
	T_EQ_STR(one("double-space", "Already running.", " Уже запущен. "), "");
	T_EQ_STR(one("url-mismatch", "From www.odkb-csto.org", "С сайта www.odkb.org"), "u:www.odkb.org");
	T_EQ_STR(one("url-mismatch", "From http://www.odkb-csto.org/.", "С сайта odkb-csto.org."), "");
	T_EQ_STR(one("url-mismatch", "Write to press@odkb-csto.org.", "Пишите на press@odkb.org."), "u:press@odkb.org");
	T_EQ_STR(one("url-mismatch", "Cronos.Asia reports.", "Cronos.Asia сообщает."), "");
	T_EQ_STR(one("quote-style", "The \"Channel\" operation.", "Операция \"Канал\"."), "u:\"");
	T_EQ_STR(one("quote-style", "The \"Channel\" operation.", "Операция «Канал»."), "");
	T_EQ_STR(one("quote-style", "He said \"the 'Channel'\".", "Он сказал: «операция „Канал“»."), "");
	T_EQ_STR(one("tag-mismatch", "Click <b>here</b>.", "Нажмите здесь."), "u:");
	T_EQ_STR(one("tag-mismatch", "Click <b>here</b>.", "Нажмите <b>здесь</b>."), "");
	T_EQ_STR(one("tag-mismatch", "%s units of {0}.", "{0}: %s единиц."), "");
	T_EQ_STR(one("tag-mismatch", "%s units of {0}.", "{1}: %s единиц."), "u:");
}

void test_check__mixed_script_and_spelling(void)
{
	/* a Latin "a" inside a Russian word: spelling, with the fixed word */
	termin_checker *ck = checker(NULL);
	add(ck, "u1", "It has not disappeared.", "Угроза не исчезл\x61.");
	add(ck, "u2", "It is significant.", "Показательнно, что так.");
	add(ck, "u3", "The CSTO.", "\xd0\x9e\x44\xd0\x9a\xd0\x91 работает.");   /* ОDКБ: Latin D */
	add(ck, "u4", "The coronavirus problem.", "Проблема коронавируса и медиаструктуры.");
	T_OK(termin_checker_finish(ck));
	T_EQ_STR(found(ck, "spelling"), "u1:исчезлa|u2:Показательнно");
	T_EQ_STR(found(ck, "mixed-script"), "u3:\xd0\x9e\x44\xd0\x9a\xd0\x91");
	for (size_t i = 0; i < termin_checker_count(ck); i++) {
		const termin_finding *f = termin_checker_finding(ck, i);
		if (strcmp(f->check, "spelling") == 0 && strcmp(f->tuid, "u1") == 0)
			T_EQ_STR(f->suggestion, "исчезла");
		if (strcmp(f->check, "spelling") == 0 && strcmp(f->tuid, "u2") == 0)
			T_EQ_STR(f->suggestion, "Показательно");
	}
	termin_checker_free(ck);
}

void test_check__names_and_glossary_words(void)
{
	/* names: from the glossary (inflected) or transliterated from the
	 * source; not spelling errors */
	termin_glossary *g = shipped();
	termin_checker *ck = checker(g);
	add(ck, "u1", "He met Imangali Tasmagambetov.", "Он встретился с Имангали Тасмагамбетовым.");
	add(ck, "u2", "Ararat Mirzoyan said so.", "Арарат Мирзоян так сказал.");
	add(ck, "u3", "The so-called Vilayat Khorasan.", "Так называемый «Вилайят Хорасан».");
	add(ck, "u4", "He spoke.", "Он выступил с доклдом.");
	T_OK(termin_checker_finish(ck));
	T_EQ_STR(found(ck, "spelling"), "u4:доклдом");
	termin_checker_free(ck);
	termin_glossary_free(g);
}

void test_check__terms(void)
{
	termin_glossary *g = shipped();
	termin_checker *ck = checker(g);
	/* inflected target terms are found */
	add(ck, "ok1", "The CSTO Collective Rapid Reaction Forces held an exercise.",
	    "Коллективные силы оперативного реагирования ОДКБ провели учение.");
	add(ck, "ok2", "Units of the Collective Rapid Reaction Forces arrived.",
	    "Подразделения Коллективных сил оперативного реагирования прибыли.");
	add(ck, "ok3", "The CSTO member states agreed.", "Государства – члены ОДКБ согласились.");
	/* a case-sensitive short form, inflected */
	add(ck, "ok4", "Within the CSTO a meeting was held.", "В рамках Организации прошла встреча.");
	/* a longer target term holding the concept's term */
	add(ck, "ok5", "The session of the CSTO Collective Security Council opened.",
	    "Открылась сессия Совета коллективной безопасности ОДКБ.");
	/* a wrong name, a deprecated variant */
	add(ck, "bad1", "The Collective Security Council met.", "Собрался Совет по коллективной безопасности.");
	add(ck, "bad2", "The CSTO Committee of Secretaries of Security Councils met.",
	    "Собрался Комитет секретарей по безопасности ОДКБ.");
	/* deprecated in the source: info only (the translator cannot fix it) */
	add(ck, "src", "with the CIS Counter-terrorist Center.", "с Антитеррористическим центром государств – участников СНГ.");
	T_OK(termin_checker_finish(ck));
	T_EQ_STR(found(ck, "term-missing"), "bad1:Совет по коллективной безопасности|bad2:Committee of Secretaries of Security Councils");
	T_EQ_STR(found(ck, "term-deprecated"), "");
	int info = 0;
	for (size_t i = 0; i < termin_checker_count(ck); i++) {
		const termin_finding *f = termin_checker_finding(ck, i);
		if (strcmp(f->check, "term-deprecated") == 0 && strcmp(f->tuid, "src") == 0) {
			info = f->severity == TERMIN_SEVERITY_INFO;
			T_ASSERT(f->suggestion != NULL);
		}
	}
	T_ASSERT(info);
	termin_checker_free(ck);
	termin_glossary_free(g);
}

void test_check__consistency_groups(void)
{
	termin_checker *ck = checker(NULL);
	add(ck, "a", "The fight against terrorism is a main task.", "Борьба с терроризмом – главная задача.");
	add(ck, "b", "The fight against terrorism is a main task.", "Борьба с терроризмом – важнейшая задача.");
	add(ck, "c", "The fight against terrorism is a main task.", "Борьба с терроризмом – главная задача.");
	add(ck, "d", "It is the main task.", "Это главная задача.");
	add(ck, "e", "This is the main task.", "Это главная задача.");
	add(ck, "f", "05.06.2020", "05.06.2020");
	add(ck, "g", "05.06.2020 ", "05.06.2020");
	T_OK(termin_checker_finish(ck));
	size_t groups = 0;
	for (size_t i = 0; i < termin_checker_count(ck); i++) {
		const termin_finding *f = termin_checker_finding(ck, i);
		if (strcmp(f->check, "inconsistent-target") == 0) {
			T_EQ_INT(f->n_tuids, 3);
			T_EQ_STR(f->tuids[0], "a");
			T_EQ_STR(f->tuids[2], "c");
			groups++;
		}
		if (strcmp(f->check, "inconsistent-source") == 0) {
			T_EQ_INT(f->n_tuids, 2);
			T_EQ_STR(f->tuids[0], "d");
			T_EQ_STR(f->tuids[1], "e");
			groups++;
		}
	}
	T_EQ_INT(groups, 2);
	termin_checker_free(ck);
}

/* Translations that differ only in their white space (runs, NBSP, thin
 * space, tab, the edges) are one translation; a word more is another. */
void test_check__consistency_ignores_white_space(void)
{
	termin_checker *ck = checker(NULL);
	const char *src = "The meeting of the heads of the units took place.";
	add(ck, "s1", src, "Совещание\xc2\xa0руководителей подразделений состоялось.");
	add(ck, "s2", src, "Совещание руководителей  подразделений состоялось. ");
	add(ck, "s3", src, " Совещание руководителей\xe2\x80\x89подразделений состоялось.");
	add(ck, "s4", src, "Совещание\tруководителей подразделений   состоялось.");
	add(ck, "s5", src, "Совещание руководителей всех подразделений состоялось.");
	T_OK(termin_checker_finish(ck));
	size_t groups = 0;
	for (size_t i = 0; i < termin_checker_count(ck); i++) {
		const termin_finding *f = termin_checker_finding(ck, i);
		if (strcmp(f->check, "inconsistent-target") != 0)
			continue;
		T_EQ_INT(f->n_tuids, 5);
		T_ASSERT(strstr(f->message, "2 different translations for the same source: ") == f->message);
		T_ASSERT(strstr(f->message, "(s1, s2, s3, s4); ") != NULL);
		groups++;
	}
	T_EQ_INT(groups, 1);
	termin_checker_free(ck);
}

void test_check__ignore_and_severity(void)
{
	const char *dir = tt_tmpdir();
	char path[512];
	snprintf(path, sizeof path, "%s/ignore", dir);
	const char *list = "# reviewed\n"
	                   "double-space u1\n"
	                   "spelling text:Показательнно\n"
	                   "* u3   # everything about u3\n";
	tt_write(path, list, strlen(list));
	termin_checker *ck = checker(NULL);
	T_OK(termin_checker_load_ignore(ck, path));
	T_OK(termin_checker_set_severity(ck, "repeated-word", TERMIN_SEVERITY_ERROR));
	T_FAILS(termin_checker_set_severity(ck, "no-such-check", TERMIN_SEVERITY_ERROR), TERMIN_EUSAGE);
	add(ck, "u1", "Already running.", "Уже  запущен.");
	add(ck, "u2", "It is significant.", "Показательнно, что так так.");
	add(ck, "u3", "It is 5.", "Это 6  6.");
	T_OK(termin_checker_finish(ck));
	T_EQ_STR(found(ck, "double-space"), "");
	T_EQ_STR(found(ck, "spelling"), "");
	T_EQ_STR(found(ck, "number-mismatch"), "");
	T_EQ_STR(found(ck, "repeated-word"), "u2:так так");
	T_EQ_INT(termin_checker_count_at(ck, TERMIN_SEVERITY_ERROR), 1);
	T_ASSERT(termin_checker_suppressed(ck) >= 4);
	termin_checker_free(ck);

	/* malformed lists name file and line */
	tt_write(path, "spelling\n", 9);
	ck = checker(NULL);
	T_FAILS(termin_checker_load_ignore(ck, path), TERMIN_EINVALID);
	T_ASSERT(strstr(termin_error_last()->message, ":1: ") != NULL);
	tt_write(path, "speling u1\n", 11);
	T_FAILS(termin_checker_load_ignore(ck, path), TERMIN_EINVALID);
	T_ASSERT(strstr(termin_error_last()->message, "unknown check 'speling'") != NULL);
	termin_checker_free(ck);
}

void test_check__spelling_variant(void)
{
	termin_checker *ck = checker(NULL);
	termin_check_unit u = { 0 };
	const char *text[] = { "The organisation of the centre.", "The organisation met.", "The organization met." };
	for (int i = 0; i < 3; i++) {
		u.file = "en.txt";
		u.line = (size_t)i + 1;
		u.src_lang = "en";
		u.source = text[i];
		u.source_len = strlen(text[i]);
		T_OK(termin_checker_add(ck, &u));
	}
	T_OK(termin_checker_finish(ck));
	T_EQ_STR(found(ck, "spelling-variant"), "-:organization");
	T_EQ_STR(termin_checker_finding(ck, 0)->suggestion, "organisation");
	termin_checker_free(ck);
}

static void read_xliff(const char *name, const char *xml, const char *expect_spelling)
{
	const char *dir = tt_tmpdir();
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	tt_write(path, xml, strlen(xml));
	termin_checker *ck = checker(NULL);
	T_OK(termin_check_file(ck, path, NULL));
	T_OK(termin_checker_finish(ck));
	T_EQ_INT(termin_checker_units(ck), 2);
	T_EQ_STR(found(ck, "spelling"), expect_spelling);
	T_EQ_STR(found(ck, "tag-mismatch"), "t2:");
	termin_checker_free(ck);
}

void test_check__xliff(void)
{
	read_xliff("a.xlf",
	           "<?xml version=\"1.0\"?>\n"
	           "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
	           " <file source-language=\"en\" target-language=\"ru\" original=\"a.txt\" datatype=\"plaintext\"><body>\n"
	           "  <group><trans-unit id=\"t1\"><source>The <g id=\"1\">meeting</g> was held.</source>\n"
	           "   <target>Заседание <g id=\"1\">состаялось</g>.</target></trans-unit></group>\n"
	           "  <trans-unit id=\"t2\"><source>Press <x id=\"1\"/> here.</source><target>Нажмите здесь.</target></trans-unit>\n"
	           " </body></file></xliff>\n",
	           "t1:состаялось");
	read_xliff("b.xliff",
	           "<?xml version=\"1.0\"?>\n"
	           "<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"en\" trgLang=\"ru\">\n"
	           " <file id=\"f1\"><unit id=\"t1\"><segment><source>The <pc id=\"1\">meeting</pc> was held.</source>\n"
	           "   <target>Заседание <pc id=\"1\">состаялось</pc>.</target></segment></unit>\n"
	           "  <unit id=\"t2\"><segment><source>Press <ph id=\"1\"/> here.</source><target>Нажмите здесь.</target></segment></unit>\n"
	           " </file></xliff>\n",
	           "t1:состаялось");
}

void test_check__bad_input(void)
{
	const char *dir = tt_tmpdir();
	char path[512];
	termin_checker *ck = checker(NULL);
	snprintf(path, sizeof path, "%s/bad.xlf", dir);
	const char *lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n<xliff version=\"1.2\">&a;</xliff>\n";
	tt_write(path, lol, strlen(lol));
	T_FAILS(termin_check_file(ck, path, NULL), TERMIN_EINVALID);
	T_ASSERT(strstr(termin_error_last()->message, "entity") != NULL);
	snprintf(path, sizeof path, "%s/bad.tsv", dir);
	tt_write(path, "a\tб\nno tab here\n", 18);
	T_FAILS(termin_check_file(ck, path, NULL), TERMIN_EINVALID);
	T_ASSERT(strstr(termin_error_last()->message, "bad.tsv:2: ") != NULL);
	termin_checker_free(ck);
}

/* ---- the development set ---- */

typedef struct {
	char check[64];
	char tuid[64];
} pair;

static int has_pair(const pair *p, size_t n, const char *check, const char *tuid)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(p[i].check, check) == 0 && strcmp(p[i].tuid, tuid) == 0)
			return 1;
	return 0;
}

void test_check__dev_set_recall_precision(void)
{
	/* tt_shared's string lives until its next call */
	char *gold_path = strdup(tt_shared("dev/dev-en-ru.gold.json"));
	char *tmx = strdup(tt_shared("dev/dev-en-ru.tmx"));
	size_t len;
	char *data = tt_read(gold_path, &len);
	const char *err;
	tj_value *gold = tj_parse(data, len, &err);
	if (!gold)
		tt_fail(__FILE__, __LINE__, "%s: %s", gold_path, err);
	pair gp[256], fp[1024];
	size_t ng = 0, nf = 0;
	const tj_value *list = tj_get(gold, "findings");
	for (size_t i = 0; i < list->n; i++) {
		const tj_value *tu = tj_get(list->items[i], "tuids");
		for (size_t k = 0; k < tu->n && ng < 256; k++) {
			if (has_pair(gp, ng, tj_str(list->items[i], "check"), tu->items[k]->str))
				continue;
			snprintf(gp[ng].check, sizeof gp[ng].check, "%s", tj_str(list->items[i], "check"));
			snprintf(gp[ng].tuid, sizeof gp[ng].tuid, "%s", tu->items[k]->str);
			ng++;
		}
	}

	termin_glossary *g = shipped();
	termin_checker *ck = checker(g);
	T_OK(termin_check_file(ck, tmx, NULL));
	T_OK(termin_checker_finish(ck));
	for (size_t i = 0; i < termin_checker_count(ck); i++) {
		const termin_finding *f = termin_checker_finding(ck, i);
		if (f->severity < TERMIN_SEVERITY_WARNING)
			continue;
		for (size_t k = 0; k < f->n_tuids && nf < 1024; k++) {
			if (has_pair(fp, nf, f->check, f->tuids[k]))
				continue;
			snprintf(fp[nf].check, sizeof fp[nf].check, "%s", f->check);
			snprintf(fp[nf].tuid, sizeof fp[nf].tuid, "%s", f->tuids[k]);
			nf++;
		}
	}
	size_t tp = 0;
	for (size_t i = 0; i < nf; i++)
		tp += has_pair(gp, ng, fp[i].check, fp[i].tuid);
	double recall = ng ? (double)tp / (double)ng : 1, precision = nf ? (double)tp / (double)nf : 1;
	fprintf(stderr, "dev set %s: recall %.3f (%zu/%zu), precision %.3f (%zu/%zu)\n", tmx, recall, tp, ng, precision,
	        tp, nf);
	for (size_t c = 0; termin_check_id(c); c++) {
		const char *id = termin_check_id(c);
		size_t g_n = 0, f_n = 0, t_n = 0;
		for (size_t i = 0; i < ng; i++)
			if (strcmp(gp[i].check, id) == 0) {
				g_n++;
				t_n += has_pair(fp, nf, id, gp[i].tuid);
			}
		for (size_t i = 0; i < nf; i++)
			f_n += strcmp(fp[i].check, id) == 0;
		if (g_n || f_n)
			fprintf(stderr, "  %-20s gold %zu, found %zu, correct %zu\n", id, g_n, f_n, t_n);
	}
	for (size_t i = 0; i < nf; i++)
		if (!has_pair(gp, ng, fp[i].check, fp[i].tuid))
			fprintf(stderr, "  false positive: %s %s\n", fp[i].check, fp[i].tuid);
	for (size_t i = 0; i < ng; i++)
		if (!has_pair(fp, nf, gp[i].check, gp[i].tuid))
			fprintf(stderr, "  missed: %s %s\n", gp[i].check, gp[i].tuid);
	T_ASSERT(recall >= 0.95);
	T_ASSERT(precision >= 0.9);
	termin_checker_free(ck);
	termin_glossary_free(g);
	tj_free(gold);
	free(data);
	free(gold_path);
	free(tmx);
}

/* The clean translations of the same units give no error or warning of
 * the per-unit kinds that the dev set injects. */
static void clean_line(size_t lineno, const tj_value *v, void *arg)
{
	termin_checker *ck = arg;
	(void)lineno;
	add(ck, tj_str(v, "id"), tj_str(v, "en"), tj_str(v, "ru"));
}

void test_check__dev_clean_translations(void)
{
	size_t len;
	char *data = tt_read(tt_shared("dev/clean/ru_003.jsonl"), &len);
	termin_glossary *g = shipped();
	termin_checker *ck = checker(g);
	tj_each_line(data, len, clean_line, ck);
	T_OK(termin_checker_finish(ck));
	size_t n = 0;
	for (size_t i = 0; i < termin_checker_count(ck); i++) {
		const termin_finding *f = termin_checker_finding(ck, i);
		if (f->severity >= TERMIN_SEVERITY_WARNING) {
			fprintf(stderr, "  clean set: %s %s: %s\n", f->check, f->tuid ? f->tuid : "-", f->message);
			n++;
		}
	}
	fprintf(stderr, "clean translations: %zu findings at warning or above in %zu units\n", n,
	        termin_checker_units(ck));
	/* a few hunspell gaps are tolerated, nothing more */
	T_ASSERT(n <= 2);
	termin_checker_free(ck);
	termin_glossary_free(g);
	free(data);
}

/* The findings of a run as its JSON report (malloc'd). */
static char *run_report(int threads, const char *tmx, termin_glossary *g)
{
	termin_checker *ck;
	termin_checker_opts o = TERMIN_CHECKER_OPTS_INIT;
	o.glossary = g;
	o.threads = threads;
	T_OK(termin_checker_new(&ck, &o));
	/* three documents: the dev TMX twice (one document of 136 units),
	 * then a file of generated units (US and UK spellings mixed, typos,
	 * numbers, repeated sources translated differently) */
	T_OK(termin_check_file(ck, tmx, NULL));
	T_OK(termin_check_file(ck, tmx, NULL));
	static const char *const words[] = { "organization", "organisation", "centre", "center", "defence",
		                             "defense", "colour", "color", "labour", "labor" };
	for (int i = 0; i < 700; i++) {
		char id[32], src[256], tgt[256];
		snprintf(id, sizeof id, "g%d", i);
		snprintf(src, sizeof src, "The %s held %d meetings in %d with the CSTO Collective Security Council.",
		         words[i % 10], i % 17, 2000 + i % 25);
		snprintf(tgt, sizeof tgt, "%s провела %d встреч в %d году с Советом коллективной безопасности ОДКБ%s",
		         i % 7 ? "Организация" : "Организцаия", i % 13 == 0 ? i % 17 + 1 : i % 17, 2000 + i % 25,
		         i % 11 ? "." : "");
		add_at(ck, i < 350 ? "gen-a.tmx" : "gen-b.tmx", (size_t)i + 1, id, src, tgt);
	}
	T_OK(termin_checker_finish(ck));
	T_ASSERT(termin_checker_units(ck) == 836);
	T_ASSERT(termin_checker_count(ck) > 100);
	char path[512];
	snprintf(path, sizeof path, "%s/report-%d.json", tt_tmpdir(), threads);
	FILE *f = fopen(path, "w");
	T_ASSERT(f != NULL);
	termin_report_opts ro = TERMIN_REPORT_OPTS_INIT;
	ro.format = TERMIN_REPORT_JSON;
	T_OK(termin_check_report(ck, f, &ro));
	fclose(f);
	termin_checker_free(ck);
	size_t len;
	return tt_read(path, &len);
}

void test_check__threads_same_findings(void)
{
	/* units are checked on worker threads and recorded in order: the
	 * findings are those of one thread, byte for byte, whatever the
	 * number of threads (and batches, documents and spelling caches) */
	char *tmx = strdup(tt_shared("dev/dev-en-ru.tmx"));
	termin_glossary *g = shipped();
	char *one = run_report(1, tmx, g);
	char *three = run_report(3, tmx, g);
	T_ASSERT(strstr(one, "\"spelling-variant\"") != NULL);
	T_ASSERT(strstr(one, "\"Организцаия\"") != NULL);
	T_ASSERT(strstr(one, "\"inconsistent-target\"") != NULL);
	T_EQ_STR(three, one);
	free(one);
	free(three);
	termin_glossary_free(g);
	free(tmx);
}

/* in src/lib/check.c: the bytes of waiting texts kept in memory */
extern size_t termin__check_spill_mem;

void test_check__texts_from_the_temporary_file(void)
{
	/* the texts of consistency groups and spelling variants wait in
	 * memory, then in a temporary file: read back from either, the
	 * findings are the same */
	char *tmx = strdup(tt_shared("dev/dev-en-ru.tmx"));
	termin_glossary *g = shipped();
	char *mem = run_report(1, tmx, g);
	size_t keep = termin__check_spill_mem;
	termin__check_spill_mem = 3000;   /* a few units, then the file */
	char *file = run_report(1, tmx, g);
	termin__check_spill_mem = keep;
	T_ASSERT(strstr(mem, "\"inconsistent-target\"") != NULL);
	T_EQ_STR(file, mem);
	free(mem);
	free(file);
	termin_glossary_free(g);
	free(tmx);
}

/* The JSON report of many findings is formatted in parts on several
 * threads (check_report.c). Every unit has a double space (a warning);
 * from unit `from` on, the target is empty (untranslated, an error), so
 * with only errors shown the first parts show nothing. */
static char *many_findings_report(int threads, int from, int min_sev)
{
	termin_checker *ck;
	termin_checker_opts o = TERMIN_CHECKER_OPTS_INIT;
	o.threads = threads;
	T_OK(termin_checker_new(&ck, &o));
	for (int i = 0; i < 12000; i++) {
		char id[32], src[128], tgt[128];
		snprintf(id, sizeof id, "u%d", i);
		snprintf(src, sizeof src, "Item  %d of the plan.", i);
		if (i >= from)
			tgt[0] = '\0';
		else
			snprintf(tgt, sizeof tgt, "Пункт %d плана.", i);
		add_at(ck, "many.tmx", (size_t)i + 1, id, src, tgt);
	}
	T_OK(termin_checker_finish(ck));
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	termin_report_opts ro = TERMIN_REPORT_OPTS_INIT;
	ro.format = TERMIN_REPORT_JSON;
	ro.min_severity = (termin_severity)min_sev;
	T_OK(termin_check_report(ck, f, &ro));
	fclose(f);
	termin_checker_free(ck);
	return text;
}

void test_check__json_report_in_parts(void)
{
	static const int from[] = { 0, 5000, 11990, 12000 };
	for (size_t k = 0; k < 2 * sizeof from / sizeof *from; k++) {
		int fr = from[k / 2], sev = k % 2 ? TERMIN_SEVERITY_ERROR : TERMIN_SEVERITY_INFO;
		char *one = many_findings_report(1, fr, sev);
		char *three = many_findings_report(3, fr, sev);
		T_EQ_STR(three, one);
		/* no comma before the first finding, none missing between */
		T_ASSERT(strncmp(three, "{\"findings\": [", 14) == 0);
		T_ASSERT(strstr(three, "[,") == NULL);
		T_ASSERT(strstr(three, "}\n  {") == NULL);
		char want[64];
		snprintf(want, sizeof want, "\"untranslated\": %d", 12000 - fr);
		T_ASSERT(strstr(three, want) != NULL);
		snprintf(want, sizeof want, "\"double-space\": %d", sev == TERMIN_SEVERITY_ERROR ? 0 : 12000);
		T_ASSERT(strstr(three, want) != NULL);
		free(one);
		free(three);
	}
}
