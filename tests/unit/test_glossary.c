/*
 * test_glossary.c - the glossary model: reading TBX 2019, martif, TSV and
 * CSV; writing them back; untrusted XML; validation.
 */
#include "tt.h"

#include <stdio.h>
#include <stdlib.h>

static termin_glossary *load(const char *rel, termin_glossary_format fmt)
{
	termin_glossary *g;
	termin_glossary_load_opts o = TERMIN_GLOSSARY_LOAD_OPTS_INIT;
	o.format = fmt;
	T_OK(termin_glossary_new(&g));
	T_OK(termin_glossary_load(g, tt_src(rel), &o));
	return g;
}

static termin_glossary *load_string(const char *name, const char *data, int expect)
{
	termin_glossary *g;
	T_OK(termin_glossary_new(&g));
	T_FAILS(termin_glossary_load_buffer(g, name, data, strlen(data), NULL), expect);
	return g;
}

static const termin_term *term_of(const termin_concept *c, const char *text)
{
	for (size_t i = 0; i < termin_concept_term_count(c); i++)
		if (strcmp(termin_term_text(termin_concept_term(c, i)), text) == 0)
			return termin_concept_term(c, i);
	tt_fail(__FILE__, __LINE__, "entry %s has no term '%s'", termin_concept_id(c), text);
}

static const termin_glossary_issue *issue_with(const termin_glossary *g, const char *code)
{
	for (size_t i = 0; i < termin_glossary_issue_count(g); i++)
		if (strcmp(termin_glossary_issue_at(g, i)->code, code) == 0)
			return termin_glossary_issue_at(g, i);
	return NULL;
}

/* A canonical dump. `projection` 1: only what TSV carries (ids,
 * definitions, terms by primary language with status, sorted). */
static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *dump(const termin_glossary *g, int projection)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	for (size_t i = 0; i < termin_glossary_concept_count(g); i++) {
		const termin_concept *c = termin_glossary_concept(g, i);
		size_t n = termin_concept_term_count(c);
		char **lines = calloc(n + 1, sizeof *lines);
		fprintf(f, "[%s] def=%s\n", termin_concept_id(c),
		        termin_concept_definition(c) ? termin_concept_definition(c) : "");
		if (!projection) {
			fprintf(f, "  subject=%s\n", termin_concept_subject(c) ? termin_concept_subject(c) : "");
			for (size_t k = 0; k < termin_concept_note_count(c); k++)
				fprintf(f, "  note=%s\n", termin_concept_note(c, k));
			for (size_t k = 0; k < termin_concept_source_count(c); k++)
				fprintf(f, "  source=%s\n", termin_concept_source(c, k));
		}
		for (size_t k = 0; k < n; k++) {
			const termin_term *t = termin_concept_term(c, k);
			char *line = NULL;
			size_t ll = 0;
			FILE *lf = open_memstream(&line, &ll);
			char lang[3] = { termin_term_lang(t)[0], termin_term_lang(t)[1], 0 };
			fprintf(lf, "  %s|%s|%s", projection ? lang : termin_term_lang(t), termin_term_text(t),
			        termin_term_status_name(termin_term_status_of(t)));
			if (!projection) {
				const char *pos = termin_term_pos_name(termin_term_pos_of(t));
				const char *type = termin_term_type_name(termin_term_type_of(t));
				fprintf(lf, "|%s|%s|%d|%s", pos ? pos : "", type ? type : "",
				        termin_term_case_marked(t),
				        termin_term_source(t) ? termin_term_source(t) : "");
				for (size_t j = 0; j < termin_term_note_count(t); j++)
					fprintf(lf, "|note=%s", termin_term_note(t, j));
			}
			fclose(lf);
			lines[k] = line;
		}
		if (projection)
			qsort(lines, n, sizeof *lines, cmp_str);
		for (size_t k = 0; k < n; k++) {
			fprintf(f, "%s\n", lines[k]);
			free(lines[k]);
		}
		free(lines);
	}
	fclose(f);
	return buf;
}

/* ======================= reading ======================= */

void test_glossary__tbx2019_fixture(void)
{
	termin_glossary *g = load("tests/data/glossary/csto-mini.tbx", TERMIN_GLOSSARY_AUTO);
	const termin_concept *c;
	const termin_term *t;
	T_EQ_INT(termin_glossary_concept_count(g), 16);
	T_EQ_INT(termin_glossary_issue_count(g), 0);
	T_EQ_STR(termin_glossary_title(g), "CSTO test glossary (English–Russian)");
	c = termin_glossary_find(g, "crrf");
	T_ASSERT(c);
	T_EQ_STR(termin_concept_subject(c), "force");
	T_EQ_STR(termin_concept_definition(c), "The joint rapid-deployment force of the CSTO member states.");
	T_EQ_STR(termin_concept_source(c, 0), "https://en.odkb-csto.org/structure/");
	T_EQ_INT(termin_concept_term_count(c), 5);
	T_EQ_INT(termin_concept_line(c), 70);
	t = term_of(c, "Collective Rapid Response Forces");
	T_EQ_INT(termin_term_status_of(t), TERMIN_STATUS_DEPRECATED);
	T_EQ_STR(termin_term_note(t, 0), "calque of Коллективные силы оперативного реагирования");
	T_EQ_STR(termin_term_lang(t), "en");
	T_EQ_INT(termin_term_line(t), 88);
	t = term_of(c, "КСОР");
	T_EQ_INT(termin_term_type_of(t), TERMIN_TERMTYPE_ACRONYM);
	T_ASSERT(termin_term_case_sensitive(t));
	T_ASSERT(!termin_term_case_marked(t));
	T_EQ_STR(termin_term_text(termin_concept_preferred(c, "ru-RU")),
	         "Коллективные силы оперативного реагирования");
	/* the case-sensitive note becomes a flag, not a note */
	t = term_of(termin_glossary_find(g, "exercise-search"), "Search");
	T_ASSERT(termin_term_case_marked(t));
	T_EQ_INT(termin_term_note_count(t), 0);
	T_EQ_INT(termin_term_pos_of(t), TERMIN_POS_PROPERNOUN);
	T_ASSERT(termin_glossary_find(g, "nosuch") == NULL);
	termin_glossary_free(g);
}

void test_glossary__martif_fixture(void)
{
	termin_glossary *g = load("tests/data/glossary/csto-mini.martif.tbx", TERMIN_GLOSSARY_AUTO);
	const termin_concept *c = termin_glossary_find(g, "crrf");
	const termin_term *t;
	T_EQ_INT(termin_glossary_concept_count(g), 4);
	T_ASSERT(c);
	/* white space inside elements collapses; the descripGrp source counts */
	T_EQ_STR(termin_concept_definition(c), "The joint rapid-deployment force of the CSTO member states.");
	T_EQ_STR(termin_concept_source(c, 0), "https://en.odkb-csto.org/structure/");
	T_EQ_INT(termin_concept_term_count(c), 5);
	t = term_of(c, "CRRF"); /* from an ntig/termGrp */
	T_EQ_INT(termin_term_type_of(t), TERMIN_TERMTYPE_ACRONYM);
	T_EQ_STR(termin_term_lang(t), "en-US");
	T_EQ_INT(termin_term_line(t), 31);
	T_EQ_INT(termin_term_status_of(term_of(c, "Collective Rapid Response Forces")),
	         TERMIN_STATUS_DEPRECATED);
	T_ASSERT(termin_term_case_marked(term_of(termin_glossary_find(g, "exercise-search"), "Поиск")));
	T_EQ_STR(termin_glossary_title(g), "CSTO terms exported from a CAT tool");
	termin_glossary_free(g);
}

void test_glossary__shared_tbx_samples(void)
{
	termin_glossary *g;
	T_OK(termin_glossary_new(&g));
	T_OK(termin_glossary_load(g, tt_shared("spec/TBX-basic-sample.tbx"), NULL));
	const termin_concept *c = termin_glossary_find(g, "c7");
	T_ASSERT(c);
	T_EQ_INT(termin_concept_term_count(c), 7);
	T_EQ_INT(termin_term_status_of(term_of(c, "PAL")), TERMIN_STATUS_DEPRECATED);
	T_EQ_INT(termin_term_status_of(term_of(c, "graduated lens")), TERMIN_STATUS_SUPERSEDED);
	T_EQ_STR(termin_term_lang(term_of(c, "Gleitsichtglas")), "de");
	T_ASSERT(strncmp(termin_concept_definition(c), "corrective lenses used in eyeglasses", 36) == 0);
	size_t before = termin_glossary_concept_count(g);
	T_OK(termin_glossary_load(g, tt_shared("spec/Example_Astronomy_DCA_VALID.tbx"), NULL));
	T_ASSERT(termin_glossary_concept_count(g) > before + 10);
	termin_glossary_free(g);
}

void test_glossary__omegat_tsv(void)
{
	termin_glossary *g = load("tests/data/glossary/csto-mini.tsv", TERMIN_GLOSSARY_AUTO);
	const termin_glossary_issue *is;
	/* one entry per distinct source term */
	T_EQ_INT(termin_glossary_concept_count(g), 6);
	const termin_concept *c = termin_glossary_concept(g, 2);
	T_EQ_STR(termin_concept_id(c), "member-state");
	T_EQ_INT(termin_concept_term_count(c), 3);
	T_EQ_STR(termin_term_lang(termin_concept_term(c, 1)), "ru");
	T_EQ_STR(termin_concept_note(c, 0), "short form");
	T_EQ_STR(termin_concept_note(termin_glossary_concept(g, 0), 0), "КСОР; not \"Response\"");
	T_EQ_INT(termin_term_status_of(termin_concept_term(c, 0)), TERMIN_STATUS_UNSPECIFIED);
	is = issue_with(g, "bad-line");
	T_ASSERT(is);
	T_EQ_INT(is->line, 9);
	T_EQ_INT(is->severity, TERMIN_ISSUE_WARNING);
	termin_glossary_free(g);
}

void test_glossary__tsv_languages(void)
{
	termin_glossary *g;
	termin_glossary_load_opts o = TERMIN_GLOSSARY_LOAD_OPTS_INIT;
	const char data[] = "\xEF\xBB\xBF" "Коллективные силы\tCollective Forces\r\n";
	o.source_lang = "ru";
	o.target_lang = "en-GB";
	T_OK(termin_glossary_new(&g));
	T_OK(termin_glossary_load_buffer(g, "x.txt", data, sizeof data - 1, &o));
	const termin_concept *c = termin_glossary_concept(g, 0);
	T_EQ_STR(termin_term_lang(termin_concept_term(c, 0)), "ru");
	T_EQ_STR(termin_term_text(termin_concept_preferred(c, "en")), "Collective Forces");
	T_EQ_STR(termin_concept_id(c), "коллективные-силы");
	termin_glossary_free(g);
}

/* A first line naming the columns is a header, not a term pair; when it
 * names two languages they are the columns' languages. */
void test_glossary__tsv_header(void)
{
	termin_glossary *g = load_string("h.tsv", "en\tru\nCollective Forces\tКоллективные силы\n", 0);
	T_EQ_INT(termin_glossary_concept_count(g), 1);
	const termin_concept *c = termin_glossary_concept(g, 0);
	T_EQ_STR(termin_term_text(termin_concept_preferred(c, "ru")), "Коллективные силы");
	termin_glossary_free(g);

	g = load_string("r.tsv", "Russian\tEnglish\tComment\nКоллективные силы\tCollective Forces\n", 0);
	T_EQ_INT(termin_glossary_concept_count(g), 1);
	c = termin_glossary_concept(g, 0);
	T_EQ_STR(termin_term_lang(termin_concept_term(c, 0)), "ru");
	T_EQ_STR(termin_term_text(termin_concept_preferred(c, "en")), "Collective Forces");
	termin_glossary_free(g);

	g = load_string("s.tsv", "Source term\tTarget term\nCSTO\tОДКБ\n", 0);
	T_EQ_INT(termin_glossary_concept_count(g), 1);
	T_EQ_STR(termin_concept_id(termin_glossary_concept(g, 0)), "csto");
	termin_glossary_free(g);

	/* a header against the options: the options win, with a warning */
	termin_glossary_load_opts o = TERMIN_GLOSSARY_LOAD_OPTS_INIT;
	const char data[] = "ru\ten\nCollective Forces\tКоллективные силы\n";
	o.source_lang = "en";
	o.target_lang = "ru";
	T_OK(termin_glossary_new(&g));
	T_OK(termin_glossary_load_buffer(g, "o.tsv", data, sizeof data - 1, &o));
	const termin_glossary_issue *is = issue_with(g, "header");
	T_ASSERT(is && is->line == 1);
	T_EQ_STR(is->message, "the header says the columns are ru and en; following the options (en, ru)");
	T_EQ_STR(termin_term_lang(termin_concept_term(termin_glossary_concept(g, 0), 0)), "en");
	termin_glossary_free(g);

	/* a first line that only looks like languages on one side is a term */
	g = load_string("t.tsv", "de\tдэ\n", 0);
	T_EQ_INT(termin_glossary_concept_count(g), 1);
	termin_glossary_free(g);
}

/* XML named as a table is refused instead of read as one odd term. */
void test_glossary__xml_named_tsv_refused(void)
{
	termin_glossary *g = load_string("x.tsv", "\n<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>\n",
	                                 TERMIN_EINVALID);
	T_EQ_STR(termin_error_last()->message,
	         "x.tsv:1: an XML file, not a tab-separated glossary (a TBX glossary has the root element tbx or martif)");
	T_EQ_INT(termin_glossary_concept_count(g), 0);
	termin_glossary_free(g);
}

/* Language codes are checked: a wrong one drops the term with an error, a
 * repairable one is read normalised with a warning. */
void test_glossary__language_codes_checked(void)
{
	const char *x =
		"<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body>\n"
		"<conceptEntry id=\"a\">\n"
		" <langSec xml:lang=\"english!\"><termSec><term>Alpha</term></termSec></langSec>\n"
		" <langSec xml:lang=\"RU_ru\"><termSec><term>Альфа</term></termSec></langSec>\n"
		"</conceptEntry>\n"
		"</body></text></tbx>\n";
	termin_glossary *g = load_string("l.tbx", x, 0);
	const termin_glossary_issue *is = issue_with(g, "bad-language");
	T_ASSERT(is && is->line == 3 && is->severity == TERMIN_ISSUE_ERROR);
	T_EQ_STR(is->message, "term 'Alpha': 'english!' is not a language code (BCP 47, such as en or ru-RU)");
	const termin_concept *c = termin_glossary_find(g, "a");
	T_ASSERT(c);
	T_EQ_INT(termin_concept_term_count(c), 1);
	T_EQ_STR(termin_term_lang(termin_concept_term(c, 0)), "ru-RU");
	termin_glossary_free(g);
}

void test_glossary__csv_fixture(void)
{
	termin_glossary *g = load("tests/data/glossary/csto-mini.csv", TERMIN_GLOSSARY_AUTO);
	const termin_concept *c = termin_glossary_find(g, "crrf");
	T_EQ_INT(termin_glossary_concept_count(g), 3);
	T_ASSERT(c);
	T_EQ_STR(termin_concept_definition(c), "The joint force; of the \"CSTO\" member states.");
	T_EQ_INT(termin_concept_note_count(c), 2);
	T_EQ_STR(termin_concept_note(c, 1), "second note");
	T_EQ_INT(termin_term_type_of(term_of(c, "КСОР")), TERMIN_TERMTYPE_ACRONYM);
	T_EQ_INT(termin_term_status_of(term_of(c, "CRRF")), TERMIN_STATUS_ADMITTED);
	/* an id made from the first term; the row starts on line 4 after a
	 * quoted line break */
	c = termin_glossary_find(g, "council-of-foreign-ministers");
	T_ASSERT(c);
	T_EQ_INT(termin_concept_line(c), 4);
	T_EQ_INT(termin_term_status_of(term_of(c, "CSTO Ministerial Council")), TERMIN_STATUS_DEPRECATED);
	termin_glossary_free(g);
}

void test_glossary__csv_errors(void)
{
	termin_glossary *g = load_string("bad.csv", "id,definition\nx,y\n", TERMIN_EINVALID);
	T_EQ_STR(termin_error_last()->message,
	         "bad.csv:1: the header row names no term column (such as en, ru, en_1, ru_2)");
	termin_glossary_free(g);
	g = load_string("bad.csv", "id,en,ru\nx,\"open,y\n", TERMIN_EINVALID);
	T_EQ_STR(termin_error_last()->message, "bad.csv:2: unterminated quoted field");
	T_EQ_INT(termin_glossary_concept_count(g), 0);
	termin_glossary_free(g);
	g = load_string("w.csv", "id,en,colour\nx,term,red\n", 0);
	T_ASSERT(issue_with(g, "unknown-column"));
	T_EQ_INT(termin_glossary_concept_count(g), 1);
	termin_glossary_free(g);
}

void test_glossary__invalid_utf8_names_line(void)
{
	termin_glossary *g = load_string("old.tsv", "a\tb\nCaf\xE9\tc\n", TERMIN_EENCODING);
	T_EQ_STR(termin_error_last()->message, "old.tsv:2: invalid UTF-8 (byte 0xE9 at byte offset 7)");
	termin_glossary_free(g);
}

/* ======================= untrusted XML ======================= */

void test_glossary__doctype_with_entities_refused(void)
{
	const char *lol =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE tbx [\n"
		" <!ENTITY a \"aaaaaaaaaa\">\n"
		" <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		"]>\n"
		"<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body><conceptEntry id=\"x\">\n"
		"<langSec xml:lang=\"en\"><termSec><term>&b;</term></termSec></langSec></conceptEntry></body></text></tbx>\n";
	termin_glossary *g = load_string("lol.tbx", lol, TERMIN_EINVALID);
	T_EQ_STR(termin_error_last()->message,
	         "lol.tbx:3: the DOCTYPE declares entities; refused (untrusted XML)");
	T_EQ_INT(termin_glossary_concept_count(g), 0);
	termin_glossary_free(g);
}

void test_glossary__external_entity_refused(void)
{
	const char *xxe =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE martif [ <!ENTITY secret SYSTEM \"file:///etc/passwd\"> ]>\n"
		"<martif><text><body><termEntry id=\"x\"><langSet xml:lang=\"en\"><tig><term>&secret;</term></tig></langSet></termEntry></body></text></martif>\n";
	termin_glossary *g = load_string("xxe.tbx", xxe, TERMIN_EINVALID);
	T_EQ_STR(termin_error_last()->message,
	         "xxe.tbx:2: the DOCTYPE declares entities; refused (untrusted XML)");
	termin_glossary_free(g);
}

void test_glossary__undeclared_entity(void)
{
	const char *x =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE martif SYSTEM \"TBXcoreStructV02.dtd\">\n"
		"<martif><text><body><termEntry id=\"x\"><langSet xml:lang=\"en\"><tig>\n"
		"<term>a&nbsp;b</term></tig></langSet></termEntry></body></text></martif>\n";
	termin_glossary *g = load_string("ent.tbx", x, TERMIN_EINVALID);
	T_ASSERT(strncmp(termin_error_last()->message, "ent.tbx:4: ", 11) == 0);
	termin_glossary_free(g);
}

void test_glossary__malformed_xml_names_line(void)
{
	const char *x =
		"<?xml version=\"1.0\"?>\n<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\">\n<text><body>\n"
		"<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term>ok</term></termSec></langSec></conceptEntry>\n"
		"<conceptEntry id=\"b\"><langSec xml:lang=\"en\"><termSec><term>broken</termSec>\n"
		"</langSec></conceptEntry></body></text></tbx>\n";
	termin_glossary *g = load_string("bad.tbx", x, TERMIN_EINVALID);
	T_EQ_STR(termin_error_last()->message,
	         "bad.tbx:5: malformed XML: Opening and ending tag mismatch: term line 5 and termSec");
	/* nothing of the file is kept */
	T_EQ_INT(termin_glossary_concept_count(g), 0);
	termin_glossary_free(g);
}

void test_glossary__wrong_root_and_dct(void)
{
	termin_glossary *g = load_string("x.tbx", "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>\n",
	                                 TERMIN_EINVALID);
	T_EQ_STR(termin_error_last()->message,
	         "x.tbx:2: root element <tmx> is neither <tbx> (TBX 2019) nor <martif> (TBX 2)");
	termin_glossary_free(g);
	g = load_string("d.tbx", "<tbx style=\"dct\" xmlns=\"urn:iso:std:iso:30042:ed-2\"/>", TERMIN_EUNSUPPORTED);
	T_EQ_STR(termin_error_last()->message,
	         "d.tbx:1: TBX in DCT style is not supported; convert it to DCA style");
	termin_glossary_free(g);
}

void test_glossary__structural_problems_are_issues(void)
{
	const char *x =
		"<tbx xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body>\n"
		"<conceptEntry id=\"a\">\n"
		" <langSec xml:lang=\"en\"><termSec><term>  </term></termSec>\n"
		"  <termSec><term>Alpha</term><termNote type=\"administrativeStatus\">favouriteTerm</termNote></termSec></langSec>\n"
		" <langSec><termSec><term>Альфа</term></termSec></langSec>\n"
		"</conceptEntry>\n"
		"<conceptEntry><langSec xml:lang=\"en\"><termSec><term>Beta</term></termSec></langSec></conceptEntry>\n"
		"</body></text></tbx>\n";
	termin_glossary *g = load_string("p.tbx", x, 0);
	const termin_glossary_issue *is;
	T_EQ_INT(termin_glossary_concept_count(g), 2);
	is = issue_with(g, "empty-term");
	T_ASSERT(is && is->line == 3 && is->severity == TERMIN_ISSUE_ERROR);
	is = issue_with(g, "unknown-value");
	T_ASSERT(is && is->line == 4);
	T_EQ_STR(is->message, "unknown administrative status 'favouriteTerm' in entry 'a'");
	is = issue_with(g, "no-language");
	T_ASSERT(is && is->line == 5);
	is = issue_with(g, "missing-id");
	T_ASSERT(is && is->line == 7);
	T_EQ_STR(termin_concept_id(termin_glossary_concept(g, 1)), "beta");
	termin_glossary_free(g);
}

/* ======================= building and combining ======================= */

void test_glossary__builder_api(void)
{
	termin_glossary *g;
	termin_concept *c;
	termin_term *t;
	T_OK(termin_glossary_new(&g));
	T_OK(termin_glossary_add_concept(g, "csto", &c));
	T_FAILS(termin_glossary_add_concept(g, "csto", NULL), TERMIN_EINVALID);
	T_FAILS(termin_glossary_add_concept(g, "has space", NULL), TERMIN_EINVALID);
	T_FAILS(termin_concept_add_term(c, "en", " \t", NULL), TERMIN_EINVALID);
	T_FAILS(termin_concept_add_term(c, "", "CSTO", NULL), TERMIN_EINVALID);
	T_OK(termin_concept_add_term(c, "en", "  Collective   Security\nTreaty Organization ", &t));
	T_EQ_STR(termin_term_text(t), "Collective Security Treaty Organization");
	termin_term_add_note(t, "termin:case-sensitive");
	T_ASSERT(termin_term_case_marked(t));
	T_EQ_INT(termin_term_note_count(t), 0);
	T_EQ_INT(termin_glossary_term_count(g), 1);
	const char *langs[4];
	T_EQ_INT(termin_glossary_languages(g, langs, 4), 1);
	termin_glossary_free(g);
	termin_glossary_free(NULL);
}

void test_glossary__later_file_replaces_entry(void)
{
	termin_glossary *g;
	const char a[] = "id,en,ru\ncsto,CSTO,ОДКБ\ncrrf,CRRF,КСОР\n";
	const char b[] = "id,en,ru\ncsto,Collective Security Treaty Organization,ОДКБ\n";
	T_OK(termin_glossary_new(&g));
	T_OK(termin_glossary_load_buffer(g, "a.csv", a, sizeof a - 1, NULL));
	T_OK(termin_glossary_load_buffer(g, "b.csv", b, sizeof b - 1, NULL));
	T_EQ_INT(termin_glossary_concept_count(g), 2);
	const termin_concept *c = termin_glossary_find(g, "csto");
	T_EQ_STR(termin_term_text(termin_concept_term(c, 0)), "Collective Security Treaty Organization");
	T_EQ_STR(termin_concept_file(c), "b.csv");
	T_ASSERT(termin_glossary_find(g, "crrf"));
	termin_glossary_free(g);
}

/* ======================= writing ======================= */

static char *write_to(const termin_glossary *g, termin_glossary_format fmt, const char *path)
{
	termin_outfile *f;
	termin_glossary_write_opts o = TERMIN_GLOSSARY_WRITE_OPTS_INIT;
	o.format = fmt;
	T_OK(termin_outfile_open(&f, path));
	T_OK(termin_glossary_write(g, f, &o));
	T_OK(termin_outfile_commit(f));
	return tt_read(path, NULL);
}

static void round_trip(const char *fixture, termin_glossary_format fmt, const char *ext, int projection)
{
	termin_glossary *g = load(fixture, TERMIN_GLOSSARY_AUTO), *back;
	char path[512];
	snprintf(path, sizeof path, "%s/out.%s", tt_tmpdir(), ext);
	char *first = write_to(g, fmt, path);
	T_OK(termin_glossary_new(&back));
	T_OK(termin_glossary_load(back, path, NULL));
	T_EQ_INT(termin_glossary_issue_count(back), 0);
	char *want = dump(g, projection), *got = dump(back, projection);
	T_EQ_STR(got, want);
	/* deterministic: writing the re-read glossary gives the same bytes
	 * (TSV does not carry the title of its header comment) */
	char *second = write_to(back, fmt, path);
	if (projection)
		T_EQ_STR(strchr(second, '\n'), strchr(first, '\n'));
	else
		T_EQ_STR(second, first);
	free(want);
	free(got);
	free(first);
	free(second);
	termin_glossary_free(back);
	termin_glossary_free(g);
}

void test_glossary__round_trip_tbx(void)
{
	round_trip("tests/data/glossary/csto-mini.tbx", TERMIN_GLOSSARY_TBX, "tbx", 0);
	round_trip("tests/data/glossary/csto-mini.martif.tbx", TERMIN_GLOSSARY_TBX, "tbx", 0);
}

void test_glossary__round_trip_martif(void)
{
	round_trip("tests/data/glossary/csto-mini.tbx", TERMIN_GLOSSARY_TBX2, "tbx", 0);
	round_trip("tests/data/glossary/csto-mini.martif.tbx", TERMIN_GLOSSARY_TBX2, "tbx", 0);
}

void test_glossary__round_trip_csv(void)
{
	round_trip("tests/data/glossary/csto-mini.tbx", TERMIN_GLOSSARY_CSV, "csv", 0);
	round_trip("tests/data/glossary/csto-mini.csv", TERMIN_GLOSSARY_CSV, "csv", 0);
}

void test_glossary__round_trip_tsv(void)
{
	round_trip("tests/data/glossary/csto-mini.tbx", TERMIN_GLOSSARY_TSV, "tsv", 1);
}

void test_glossary__tsv_comment(void)
{
	termin_glossary *g = load("tests/data/glossary/csto-mini.tbx", TERMIN_GLOSSARY_AUTO);
	char path[512];
	snprintf(path, sizeof path, "%s/g.tsv", tt_tmpdir());
	char *tsv = write_to(g, TERMIN_GLOSSARY_TSV, path);
	T_ASSERT(strstr(tsv, "\nCollective Rapid Response Forces\tКоллективные силы оперативного реагирования\t"
	                     "crrf · deprecated English term; use Collective Rapid Reaction Forces · "
	                     "The joint rapid-deployment force of the CSTO member states.\n"));
	T_ASSERT(strstr(tsv, "\nSecretary General\tгенсек ОДКБ\tsecretary-general · deprecated Russian term; "
	                     "use Генеральный секретарь ОДКБ · "));
	free(tsv);
	termin_glossary_free(g);
}

void test_glossary__tmx_pairs(void)
{
	termin_glossary *g = load("tests/data/glossary/csto-mini.tbx", TERMIN_GLOSSARY_AUTO);
	char path[512];
	snprintf(path, sizeof path, "%s/g.tmx", tt_tmpdir());
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	char *tmx = write_to(g, TERMIN_GLOSSARY_TMX, path);
	/* every English term with the Russian preferred term, the English
	 * preferred term with admitted Russian terms, never a deprecated
	 * Russian term as a translation */
	T_ASSERT(strstr(tmx, "<tu tuid=\"crrf.3\" creationdate=\"20231114T221320Z\">"));
	T_ASSERT(strstr(tmx, "<seg>Collective Rapid Response Forces</seg>"));
	T_ASSERT(!strstr(tmx, "генсек ОДКБ"));
	T_ASSERT(strstr(tmx, "<prop type=\"x-status\">deprecated</prop>"));
	size_t units = 0;
	for (const char *p = tmx; (p = strstr(p, "<tu ")); p++)
		units++;
	/* 16 entries: 36 English terms + 12 admitted Russian variants */
	T_EQ_INT(units, 48);
	free(tmx);
	termin_glossary_free(g);
}

/* ======================= validation ======================= */

void test_glossary__validate_clean_fixture(void)
{
	termin_glossary *g = load("tests/data/glossary/csto-mini.tbx", TERMIN_GLOSSARY_AUTO);
	T_EQ_INT(termin_glossary_validate(g), 0);
	for (size_t i = 0; i < termin_glossary_issue_count(g); i++)
		tt_fail(__FILE__, __LINE__, "unexpected issue %s: %s", termin_glossary_issue_at(g, i)->code,
		        termin_glossary_issue_at(g, i)->message);
	termin_glossary_free(g);
}

void test_glossary__validate_problems(void)
{
	termin_glossary *g = load("tests/data/glossary/problems.tbx", TERMIN_GLOSSARY_AUTO);
	const termin_glossary_issue *is;
	T_EQ_INT(termin_glossary_validate(g), 5);
	is = issue_with(g, "duplicate-id");
	T_ASSERT(is);
	T_EQ_INT(is->line, 28);
	T_EQ_STR(is->message, "entry id 'crrf' is used twice (first at " TERMIN_SRCDIR
	                      "/tests/data/glossary/problems.tbx:3)");
	is = issue_with(g, "status-conflict");
	T_ASSERT(is && is->severity == TERMIN_ISSUE_ERROR);
	T_EQ_STR(is->message, "'Collective Rapid Reaction Force' is preferred in entry 'crrf' (line 6) "
	                      "but deprecated in entry 'crrf' (line 32)");
	is = issue_with(g, "missing-language");
	T_ASSERT(is);
	T_EQ_STR(is->message, "entry 'zone' has no Russian term");
	is = issue_with(g, "preferred-count");
	T_ASSERT(is && is->severity == TERMIN_ISSUE_ERROR && is->line == 22);
	is = issue_with(g, "duplicate-entry");
	T_ASSERT(is);
	T_EQ_INT(is->line, 44);
	is = issue_with(g, "duplicate-term");
	T_ASSERT(is && is->severity == TERMIN_ISSUE_WARNING);
	termin_glossary_free(g);
}

/* The shipped glossary itself: import csto.tbx, export it in each format,
 * re-import, and compare everything the format carries (TSV: ids,
 * definitions, terms with status by language; the others: everything). */
void test_glossary__round_trip_shipped(void)
{
	termin_glossary *g = load("glossary/csto.tbx", TERMIN_GLOSSARY_AUTO);
	T_ASSERT(termin_glossary_concept_count(g) >= 150);
	T_EQ_INT(termin_glossary_issue_count(g), 0);
	termin_glossary_free(g);
	round_trip("glossary/csto.tbx", TERMIN_GLOSSARY_TBX, "tbx", 0);
	round_trip("glossary/csto.tbx", TERMIN_GLOSSARY_TBX2, "tbx", 0);
	round_trip("glossary/csto.tbx", TERMIN_GLOSSARY_CSV, "csv", 0);
	round_trip("glossary/csto.tbx", TERMIN_GLOSSARY_TSV, "tsv", 1);
}

/* The checked-in exports read back as the source: what `make glossary`
 * wrote is a faithful copy (the staleness test checks the bytes). */
void test_glossary__shipped_exports_read_back(void)
{
	termin_glossary *g = load("glossary/csto.tbx", TERMIN_GLOSSARY_AUTO);
	const char *files[] = { "glossary/csto.martif.tbx", "glossary/csto.csv" };
	char *want = dump(g, 0);
	for (size_t i = 0; i < 2; i++) {
		termin_glossary *b = load(files[i], TERMIN_GLOSSARY_AUTO);
		char *got = dump(b, 0);
		T_EQ_STR(got, want);
		free(got);
		termin_glossary_free(b);
	}
	free(want);
	termin_glossary *t = load("glossary/csto.tsv", TERMIN_GLOSSARY_TSV);
	char *w1 = dump(g, 1), *g1 = dump(t, 1);
	T_EQ_STR(g1, w1);
	free(w1);
	free(g1);
	termin_glossary_free(t);
	termin_glossary_free(g);
}
