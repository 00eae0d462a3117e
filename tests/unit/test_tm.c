/*
 * test_tm.c - the translation memory store: the project glossary in the
 * database, schema upgrades; the TMX every writer produces, validated
 * against the TMX 1.4b DTD.
 */
#include "tt.h"

#include <libxml/parser.h>
#include <libxml/valid.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>

static termin_tm *open_tm(const char *name)
{
	termin_tm *tm;
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", tt_tmpdir(), name);
	T_OK(termin_tm_open(&tm, path, NULL));
	return tm;
}

static termin_glossary *load_tbx(const char *path)
{
	termin_glossary *g;
	T_OK(termin_glossary_new(&g));
	T_OK(termin_glossary_load(g, path, NULL));
	return g;
}

static const char *nz(const char *s)
{
	return s ? s : "(null)";
}

/* Compares every field the model exposes, concept by concept and term by
 * term, failing at the first difference with its place. */
static void same_glossary(const termin_glossary *a, const termin_glossary *b)
{
	T_EQ_STR(nz(termin_glossary_title(a)), nz(termin_glossary_title(b)));
	T_EQ_STR(nz(termin_glossary_description(a)), nz(termin_glossary_description(b)));
	T_EQ_INT(termin_glossary_concept_count(a), termin_glossary_concept_count(b));
	T_EQ_INT(termin_glossary_term_count(a), termin_glossary_term_count(b));
	for (size_t i = 0; i < termin_glossary_concept_count(a); i++) {
		const termin_concept *x = termin_glossary_concept(a, i), *y = termin_glossary_concept(b, i);
		T_EQ_STR(termin_concept_id(x), termin_concept_id(y));
		T_EQ_STR(nz(termin_concept_subject(x)), nz(termin_concept_subject(y)));
		T_EQ_STR(nz(termin_concept_definition(x)), nz(termin_concept_definition(y)));
		T_EQ_STR(nz(termin_concept_file(x)), nz(termin_concept_file(y)));
		T_EQ_INT(termin_concept_line(x), termin_concept_line(y));
		T_EQ_INT(termin_concept_note_count(x), termin_concept_note_count(y));
		for (size_t k = 0; k < termin_concept_note_count(x); k++)
			T_EQ_STR(termin_concept_note(x, k), termin_concept_note(y, k));
		T_EQ_INT(termin_concept_source_count(x), termin_concept_source_count(y));
		for (size_t k = 0; k < termin_concept_source_count(x); k++)
			T_EQ_STR(termin_concept_source(x, k), termin_concept_source(y, k));
		T_EQ_INT(termin_concept_term_count(x), termin_concept_term_count(y));
		for (size_t j = 0; j < termin_concept_term_count(x); j++) {
			const termin_term *s = termin_concept_term(x, j), *t = termin_concept_term(y, j);
			T_EQ_STR(termin_term_text(s), termin_term_text(t));
			T_EQ_STR(termin_term_lang(s), termin_term_lang(t));
			T_EQ_INT(termin_term_pos_of(s), termin_term_pos_of(t));
			T_EQ_INT(termin_term_type_of(s), termin_term_type_of(t));
			T_EQ_INT(termin_term_status_of(s), termin_term_status_of(t));
			T_EQ_INT(termin_term_case_sensitive(s), termin_term_case_sensitive(t));
			T_EQ_INT(termin_term_case_marked(s), termin_term_case_marked(t));
			T_EQ_STR(nz(termin_term_source(s)), nz(termin_term_source(t)));
			T_EQ_INT(termin_term_line(s), termin_term_line(t));
			T_EQ_INT(termin_term_note_count(s), termin_term_note_count(t));
			for (size_t k = 0; k < termin_term_note_count(s); k++)
				T_EQ_STR(termin_term_note(s, k), termin_term_note(t, k));
			T_ASSERT(termin_term_concept(t) == y);
		}
	}
}

/* The written TBX of both must be the same bytes too: nothing the writer
 * reads is lost. */
static char *as_tbx(const termin_glossary *g)
{
	char path[4096];
	termin_outfile *f;
	size_t len;
	static int n;
	snprintf(path, sizeof path, "%s/g%d.tbx", tt_tmpdir(), n++);
	T_OK(termin_outfile_open(&f, path));
	T_OK(termin_glossary_write(g, f, NULL));
	T_OK(termin_outfile_commit(f));
	return tt_read(path, &len);
}

void test_tm__glossary_round_trip_csto(void)
{
	termin_glossary *g = load_tbx(tt_src("glossary/csto.tbx")), *back;
	termin_tm_glossary_info info;
	termin_tm *tm = open_tm("g.db");
	size_t statuses[5] = { 0 }, marked = 0, notes = 0, sources = 0;

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	T_ASSERT(termin_glossary_concept_count(g) > 100);
	T_OK(termin_tm_glossary_store(tm, g, "glossary/csto.tbx"));
	T_OK(termin_tm_glossary_load(tm, &back, &info));
	same_glossary(g, back);
	char *x = as_tbx(g), *y = as_tbx(back);
	T_EQ_STR(x, y);
	free(x);
	free(y);
	T_EQ_STR(info.source, "glossary/csto.tbx");
	T_EQ_INT(info.imported, 1700000000);
	T_EQ_INT(info.concepts, termin_glossary_concept_count(g));
	T_EQ_INT(info.terms, termin_glossary_term_count(g));

	/* the comparison is not vacuous: the file uses what is compared */
	for (size_t i = 0; i < termin_glossary_concept_count(back); i++) {
		const termin_concept *c = termin_glossary_concept(back, i);
		notes += termin_concept_note_count(c);
		sources += termin_concept_source_count(c);
		for (size_t j = 0; j < termin_concept_term_count(c); j++) {
			const termin_term *t = termin_concept_term(c, j);
			statuses[termin_term_status_of(t)]++;
			marked += termin_term_case_marked(t);
			notes += termin_term_note_count(t);
		}
	}
	T_ASSERT(statuses[TERMIN_STATUS_PREFERRED] > 100);
	T_ASSERT(statuses[TERMIN_STATUS_DEPRECATED] > 0);
	T_ASSERT(notes > 0);
	T_ASSERT(sources > 0);
	T_ASSERT(marked > 0);

	/* a second connection (another process) sees the same */
	termin_tm_close(tm);
	termin_glossary_free(back);
	tm = open_tm("g.db");
	T_OK(termin_tm_glossary_load(tm, &back, NULL));
	same_glossary(g, back);
	termin_glossary_free(back);
	termin_glossary_free(g);
	termin_tm_close(tm);
}

/* Everything the model can hold, built through the API, including what no
 * shipped file has: empty strings, a repeated id, every vocabulary value. */
void test_tm__glossary_round_trip_built(void)
{
	termin_glossary *g, *back;
	termin_concept *c;
	termin_term *t;
	termin_tm *tm = open_tm("b.db");

	T_OK(termin_glossary_new(&g));
	termin_glossary_set_title(g, "Тест «глоссарий»");
	T_OK(termin_glossary_add_concept(g, "c1", &c));
	termin_concept_set_subject(c, "military");
	termin_concept_set_definition(c, "");
	termin_concept_add_note(c, "first note");
	termin_concept_add_note(c, "second note; with 'quotes' and \"more\"");
	termin_concept_add_source(c, "https://odkb-csto.org/");
	for (int i = 0; i <= TERMIN_STATUS_SUPERSEDED; i++) {
		char text[32];
		snprintf(text, sizeof text, "term %d", i);
		T_OK(termin_concept_add_term(c, i % 2 ? "ru-RU" : "en", text, &t));
		termin_term_set_status(t, (termin_term_status)i);
		termin_term_set_type(t, (termin_term_type)(i + 2 > TERMIN_TERMTYPE_PHRASE ? 0 : i + 2));
		termin_term_set_pos(t, (termin_term_pos)(i + 1));
		termin_term_set_case_sensitive(t, i == 3);
		if (i == 1) {
			termin_term_add_note(t, "a term note");
			termin_term_add_note(t, "another");
			termin_term_set_source(t, "decision 12");
		}
	}
	T_OK(termin_glossary_add_concept(g, "c2", &c));
	T_OK(termin_concept_add_term(c, "en", "CSTO", NULL));
	T_OK(termin_glossary_add_concept(g, "c3", NULL));      /* no terms at all */

	T_OK(termin_tm_glossary_store(tm, g, NULL));
	T_OK(termin_tm_glossary_load(tm, &back, NULL));
	same_glossary(g, back);
	T_ASSERT(termin_glossary_find(back, "c2") == termin_glossary_concept(back, 1));
	termin_glossary_free(back);
	termin_glossary_free(g);

	/* a repeated id inside one file survives too (validation reports it) */
	static const char tbx[] =
		"<tbx type='TBX-Basic' style='dca' xml:lang='en' xmlns='urn:iso:std:iso:30042:ed-2'>"
		"<text><body>"
		"<conceptEntry id='x'><langSec xml:lang='en'><termSec><term>one</term></termSec>"
		"</langSec></conceptEntry>"
		"<conceptEntry id='x'><langSec xml:lang='en'><termSec><term>two</term></termSec>"
		"</langSec></conceptEntry></body></text></tbx>";
	T_OK(termin_glossary_new(&g));
	T_OK(termin_glossary_load_buffer(g, "dup.tbx", tbx, sizeof tbx - 1, NULL));
	T_EQ_INT(termin_glossary_concept_count(g), 2);
	T_OK(termin_tm_glossary_store(tm, g, "dup.tbx"));
	T_OK(termin_tm_glossary_load(tm, &back, NULL));
	same_glossary(g, back);
	T_EQ_STR(termin_term_text(termin_concept_term(termin_glossary_find(back, "x"), 0)), "one");
	T_ASSERT(termin_glossary_validate(back) > 0);
	termin_glossary_free(back);
	termin_glossary_free(g);
	termin_tm_close(tm);
}

void test_tm__glossary_replaced_whole(void)
{
	termin_glossary *a = load_tbx(tt_src("glossary/csto.tbx")), *b, *back;
	termin_concept *c;
	termin_tm_glossary_info info;
	termin_tm *tm = open_tm("r.db");

	T_OK(termin_glossary_new(&b));
	T_OK(termin_glossary_add_concept(b, "only", &c));
	T_OK(termin_concept_add_term(c, "en", "peacekeeping", NULL));
	T_OK(termin_concept_add_term(c, "ru", "миротворчество", NULL));

	T_OK(termin_tm_glossary_store(tm, a, "csto.tbx"));
	T_OK(termin_tm_glossary_store(tm, b, "small.tsv"));
	T_OK(termin_tm_glossary_load(tm, &back, &info));
	same_glossary(b, back);
	T_EQ_STR(info.source, "small.tsv");
	T_EQ_INT(info.concepts, 1);
	T_EQ_INT(info.terms, 2);
	termin_glossary_free(back);

	/* nothing of the old one is left in the tables */
	sqlite3 *db;
	sqlite3_stmt *st;
	char path[4096];
	snprintf(path, sizeof path, "%s/r.db", tt_tmpdir());
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	T_EQ_INT(sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM glossary_concept), "
	                                "(SELECT count(*) FROM glossary_term), "
	                                "(SELECT count(*) FROM glossary_note)", -1, &st, NULL),
	         SQLITE_OK);
	T_EQ_INT(sqlite3_step(st), SQLITE_ROW);
	T_EQ_INT(sqlite3_column_int(st, 0), 1);
	T_EQ_INT(sqlite3_column_int(st, 1), 2);
	T_EQ_INT(sqlite3_column_int(st, 2), 0);
	sqlite3_finalize(st);
	sqlite3_close(db);

	T_OK(termin_tm_glossary_remove(tm));
	T_FAILS(termin_tm_glossary_load(tm, &back, NULL), TERMIN_ENOTFOUND);
	T_ASSERT(back == NULL);
	termin_glossary_free(a);
	termin_glossary_free(b);
	termin_tm_close(tm);
}

void test_tm__glossary_none_stored(void)
{
	termin_glossary *g = (termin_glossary *)1;
	termin_tm_glossary_info info;
	termin_tm *tm = open_tm("n.db");
	T_FAILS(termin_tm_glossary_load(tm, &g, NULL), TERMIN_ENOTFOUND);
	T_ASSERT(g == NULL);
	T_FAILS(termin_tm_glossary_info_get(tm, &info), TERMIN_ENOTFOUND);
	T_ASSERT(strstr(termin_error_last()->message, "n.db: no glossary stored") != NULL);
	termin_tm_close(tm);
}

/* A failed store leaves the previous glossary: the transaction is undone
 * when a write fails halfway (here: another connection holds the write
 * lock, so the store cannot even begin, and a trigger makes a later
 * insert fail). */
void test_tm__glossary_store_atomic(void)
{
	termin_glossary *a = load_tbx(tt_src("glossary/csto.tbx")), *back;
	termin_tm *tm = open_tm("a.db");
	sqlite3 *db;
	char path[4096];

	T_OK(termin_tm_glossary_store(tm, a, "first"));
	snprintf(path, sizeof path, "%s/a.db", tt_tmpdir());
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	T_EQ_INT(sqlite3_exec(db, "CREATE TRIGGER no_acronyms BEFORE INSERT ON glossary_term "
	                          "WHEN NEW.type = 'acronym' BEGIN SELECT RAISE(ABORT, 'refused'); END",
	                      NULL, NULL, NULL), SQLITE_OK);
	T_FAILS(termin_tm_glossary_store(tm, a, "second"), TERMIN_EDB);
	T_ASSERT(strstr(termin_error_last()->message, "refused") != NULL);
	T_EQ_INT(sqlite3_exec(db, "DROP TRIGGER no_acronyms", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	termin_tm_glossary_info info;
	T_OK(termin_tm_glossary_load(tm, &back, &info));
	T_EQ_STR(info.source, "first");
	same_glossary(a, back);
	termin_glossary_free(back);
	termin_glossary_free(a);
	termin_tm_close(tm);
}

/* A database made before the glossary step (schema 1) is upgraded when
 * opened for writing, its units kept; read-only it reports no glossary. */
void test_tm__schema_upgrade_from_1(void)
{
	termin_tm *tm = open_tm("u.db");
	sqlite3 *db;
	char path[4096];
	termin_glossary *g;

	termin_tm_close(tm);
	snprintf(path, sizeof path, "%s/u.db", tt_tmpdir());
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	T_EQ_INT(sqlite3_exec(db, "DROP TABLE glossary_note; DROP TABLE glossary_term; "
	                          "DROP TABLE glossary_concept; DROP TABLE glossary; "
	                          "DROP TABLE fuzzy_post; DROP TABLE fuzzy_state; "
	                          "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	termin_tm_opts ro = TERMIN_TM_OPTS_INIT;
	ro.readonly = 1;
	T_OK(termin_tm_open(&tm, path, &ro));
	T_EQ_INT(termin_tm_schema_version(tm), 1);
	T_FAILS(termin_tm_glossary_load(tm, &g, NULL), TERMIN_ENOTFOUND);
	termin_tm_close(tm);

	T_OK(termin_tm_open(&tm, path, NULL));
	T_ASSERT(termin_tm_schema_version(tm) >= 2);
	T_FAILS(termin_tm_glossary_load(tm, &g, NULL), TERMIN_ENOTFOUND);
	g = load_tbx(tt_src("glossary/csto.tbx"));
	T_OK(termin_tm_glossary_store(tm, g, NULL));
	termin_glossary_free(g);
	termin_tm_close(tm);
}

/* Validates `path` against ../shared/spec/tmx14.dtd with libxml2 (what
 * xmllint --dtdvalid does), without network or entity expansion; fails
 * with libxml2's first message. */
static void dtd_valid(const char *path)
{
	char dtd_path[4096];
	snprintf(dtd_path, sizeof dtd_path, "%s", tt_shared("spec/tmx14.dtd"));
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	T_ASSERT(doc != NULL);
	xmlDtdPtr dtd = xmlParseDTD(NULL, (const xmlChar *)dtd_path);
	T_ASSERT(dtd != NULL);
	xmlValidCtxtPtr v = xmlNewValidCtxt();
	int ok = xmlValidateDtd(v, doc, dtd);
	xmlFreeValidCtxt(v);
	xmlFreeDtd(dtd);
	xmlFreeDoc(doc);
	if (!ok) {
		const xmlError *e = xmlGetLastError();
		tt_fail(__FILE__, __LINE__, "%s is not valid TMX 1.4b: %s", path,
		        e && e->message ? e->message : "?");
	}
}

/* The glossary's TMX (one unit per term pair), in both directions, and a
 * TM export of the same pairs imported again. */
void test_tm__glossary_tmx_is_valid(void)
{
	termin_glossary *g = load_tbx(tt_src("glossary/csto.tbx"));
	const char *dirs[2][2] = { { "en", "ru" }, { "ru", "en" } };
	char path[4096], db[4096];

	for (int d = 0; d < 2; d++) {
		termin_glossary_write_opts o = TERMIN_GLOSSARY_WRITE_OPTS_INIT;
		termin_outfile *f;
		o.format = TERMIN_GLOSSARY_TMX;
		o.source_lang = dirs[d][0];
		o.target_lang = dirs[d][1];
		snprintf(path, sizeof path, "%s/gl-%s.tmx", tt_tmpdir(), dirs[d][0]);
		T_OK(termin_outfile_open(&f, path));
		T_OK(termin_glossary_write(g, f, &o));
		T_OK(termin_outfile_commit(f));
		dtd_valid(path);
	}

	termin_tm *tm;
	termin_tm_import_result res;
	termin_outfile *f;
	snprintf(db, sizeof db, "%s/gl.db", tt_tmpdir());
	T_OK(termin_tm_open(&tm, db, NULL));
	snprintf(path, sizeof path, "%s/gl-en.tmx", tt_tmpdir());
	T_OK(termin_tm_import(tm, path, NULL, &res));
	T_ASSERT(res.units > 100);
	snprintf(path, sizeof path, "%s/tm.tmx", tt_tmpdir());
	T_OK(termin_outfile_open(&f, path));
	T_OK(termin_tm_export_tmx(tm, f, NULL, NULL, NULL));
	T_OK(termin_outfile_commit(f));
	dtd_valid(path);
	termin_tm_close(tm);
	termin_glossary_free(g);
}

/* The hash that finds identical units: white space of every kind collapsed
 * and trimmed, everything else (case, ё, punctuation) kept. */
void test_tm__text_hash_spaces(void)
{
	static const char *const same[][2] = {
		{ "Объединённый штаб ОДКБ", "  Объединённый\t штаб\u00a0ОДКБ \n" },
		{ "a b c", "a\u2003b\u3000c" },
		{ "a b", "a\u202f\u205f\u1680b" },
		{ "Мир", "Мир\u2009" },
	};
	static const char *const differ[][2] = {
		{ "Объединённый", "Объединенный" },
		{ "ОДКБ", "одкб" },
		{ "a b", "ab" },
		{ "a\u200bb", "a b" },   /* a zero-width space is not white space */
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		T_EQ_INT(termin_tm_text_hash(same[i][0], strlen(same[i][0])),
		         termin_tm_text_hash(same[i][1], strlen(same[i][1])));
	for (size_t i = 0; i < sizeof differ / sizeof differ[0]; i++)
		T_ASSERT(termin_tm_text_hash(differ[i][0], strlen(differ[i][0])) !=
		         termin_tm_text_hash(differ[i][1], strlen(differ[i][1])));
}

/* The concordance tokenizer's fast path (ASCII, Russian, common
 * punctuation) gives exactly the tokens and offsets unicode61 gives once
 * ё is folded to е, so highlights and the index agree whichever path a
 * text takes; texts with other characters take unicode61's. */
int termin__db_register_fts(sqlite3 *db); /* db_fts.c: semi-private */

static size_t put_utf8(char *o, int32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	o[0] = (char)(0xE0 | cp >> 12);
	o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

static void fold_yo(char *p)
{
	for (; p[0] && p[1]; p++) {
		unsigned char a = (unsigned char)p[0], b = (unsigned char)p[1];
		if (a == 0xD1 && b == 0x91)
			p[0] = (char)0xD0, p[1] = (char)0xB5;
		else if (a == 0xD0 && b == 0x81)
			p[1] = (char)0x95;
	}
}

static char *vocab_and_highlights(sqlite3 *db, const char *table)
{
	char *out = NULL, sql[512];
	size_t n_out = 0;
	FILE *f = open_memstream(&out, &n_out);
	sqlite3_stmt *st;
	snprintf(sql, sizeof sql, "SELECT term, doc, offset FROM %s_v ORDER BY term, doc, offset", table);
	T_EQ_INT(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(f, "%s %d %d\n", sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
		                  sqlite3_column_int(st, 2));
	sqlite3_finalize(st);
	/* highlight every token: each term's spans, from the byte offsets */
	snprintf(sql, sizeof sql, "SELECT v.term, f.rowid, highlight(%s, 0, '[', ']') FROM %s_v v "
	         "JOIN %s f ON f.rowid = v.doc AND %s MATCH '\"' || v.term || '\"' "
	         "GROUP BY v.term, f.rowid ORDER BY v.term, f.rowid", table, table, table, table);
	T_EQ_INT(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		fprintf(f, "%s %d %s\n", sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
		                  sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	fclose(f);
	return out;
}

static void insert_both(sqlite3 *db, int rowid, const char *text)
{
	/* the reference gets ё folded by hand: same byte lengths */
	char *folded = strdup(text);
	sqlite3_stmt *st;
	fold_yo(folded);
	T_EQ_INT(sqlite3_prepare_v2(db, "INSERT INTO ours(rowid, t) VALUES (?1, ?2)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int(st, 1, rowid);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	T_EQ_INT(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	T_EQ_INT(sqlite3_prepare_v2(db, "INSERT INTO ref(rowid, t) VALUES (?1, ?2)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int(st, 1, rowid);
	sqlite3_bind_text(st, 2, folded, -1, SQLITE_STATIC);
	T_EQ_INT(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	free(folded);
}

void test_tm__fts_fast_path_same_tokens(void)
{
	sqlite3 *db;
	char text[64], enc[8];
	int id = 0;
	const char *texts[] = {
		"Объединённый штаб ОДКБ провёл учения «Взаимодействие-2024» — 12\u00a0000 военных.",
		"The CSTO’s Secretary-General met H.E. Mr. Smith (Moscow, 3/4 May).",
		"ЁЛКА ёлка Ёжик, ѐ Ѐ Ђ ђ Џ џ і ї",
		/* not fast: accents, Ukrainian, a micro sign, Greek, CJK, an emoji */
		"Café résumé Ґрунт ґанок 5µm ² αβγ 中文 😀 ёж",
		"", "   ", "x", "Ё", "-Ё-",
	};
	T_EQ_INT(sqlite3_open(":memory:", &db), SQLITE_OK);
	T_OK(termin__db_register_fts(db));
	T_EQ_INT(sqlite3_exec(db,
	                      "CREATE VIRTUAL TABLE ours USING fts5(t, tokenize='termin_fold remove_diacritics 2');"
	                      "CREATE VIRTUAL TABLE ref USING fts5(t, tokenize='unicode61 remove_diacritics 2');"
	                      "CREATE VIRTUAL TABLE ours_v USING fts5vocab(ours, instance);"
	                      "CREATE VIRTUAL TABLE ref_v USING fts5vocab(ref, instance);",
	                      NULL, NULL, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		insert_both(db, ++id, texts[i]);
	/* every character of the fast path's ranges (and their neighbours),
	 * between letters and alone, each in a text of its own */
	for (int32_t cp = 0x21; cp < 0x2070; cp++) {
		if (cp == 0x80)
			cp = 0xA0;
		else if (cp == 0xC0)
			cp = 0x3F0;
		else if (cp == 0x500)
			cp = 0x2000;
		size_t n = put_utf8(enc, cp);
		enc[n] = '\0';
		snprintf(text, sizeof text, "Ёa%s1 %s Жw%sыx%sQ9", enc, enc, enc, enc);
		insert_both(db, ++id, text);
	}
	char *a = vocab_and_highlights(db, "ours"), *b = vocab_and_highlights(db, "ref");
	T_ASSERT(strlen(a) > 10000);
	/* highlights differ only where the reference text had ё folded */
	fold_yo(a);
	T_EQ_STR(a, b);
	free(a);
	free(b);
	sqlite3_close(db);
}

/* ======================= identical units ======================= */

/* Adds the unit "unit N" / "единица N"; returns termin_tm_add's answer. */
static int add_numbered(termin_tm *tm, int n)
{
	char en[64], ru[64];
	termin_tmx_variant v[2];
	termin_tmx_unit u;
	snprintf(en, sizeof en, "unit %d", n);
	snprintf(ru, sizeof ru, "единица %d", n);
	memset(v, 0, sizeof v);
	memset(&u, 0, sizeof u);
	v[0].lang = "en";
	v[0].markup = v[0].text = en;
	v[0].markup_len = v[0].text_len = strlen(en);
	v[0].stamp.created = v[0].stamp.changed = v[0].stamp.last_used = TERMIN_NODATE;
	v[1] = v[0];
	v[1].lang = "ru";
	v[1].markup = v[1].text = ru;
	v[1].markup_len = v[1].text_len = strlen(ru);
	u.srclang = "en";
	u.variants = v;
	u.n_variants = 2;
	u.stamp.created = u.stamp.changed = u.stamp.last_used = TERMIN_NODATE;
	return termin_tm_add(tm, &u, NULL);
}

static long long query_int(const char *db_name, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char path[4096];
	long long v = -1;
	snprintf(path, sizeof path, "%s/%s", tt_tmpdir(), db_name);
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	T_EQ_INT(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* A unit is stored once whichever way the batch finds its twin: in the
 * batch's own pending keys, in tu_key one look-up at a time (a small
 * batch into a filled TM), or through the Bloom filter (a batch into an
 * empty TM, and a large batch into a filled one, which reads tu_key whole
 * after a few thousand units). */
void test_tm__identical_units_stored_once(void)
{
	termin_tm *tm = open_tm("dup.db");

	/* into an empty TM: 6000 units, each of the first 100 twice */
	T_OK(termin_tm_begin(tm, NULL));
	for (int i = 0; i < 6000; i++)
		T_EQ_INT(add_numbered(tm, i), 1);
	for (int i = 0; i < 100; i++)
		T_EQ_INT(add_numbered(tm, i), 0);
	T_OK(termin_tm_commit(tm));

	/* a small batch into it: looked up one at a time */
	T_OK(termin_tm_begin(tm, NULL));
	T_EQ_INT(add_numbered(tm, 5999), 0);
	T_EQ_INT(add_numbered(tm, 6000), 1);
	T_EQ_INT(add_numbered(tm, 6000), 0);
	T_EQ_INT(add_numbered(tm, 3), 0);
	T_OK(termin_tm_commit(tm));

	/* a large one: old and new units interleaved, on both sides of the
	 * point where the filter is filled */
	T_OK(termin_tm_begin(tm, NULL));
	for (int i = 0; i < 10000; i++)
		T_EQ_INT(add_numbered(tm, i % 2 ? 7000 + i : i / 2 * 3 % 6001), i % 2 ? 1 : 0);
	T_EQ_INT(add_numbered(tm, 7001), 0);
	T_EQ_INT(add_numbered(tm, 7000 + 9999), 0);
	T_OK(termin_tm_commit(tm));

	/* a batch rolled back leaves no keys behind */
	T_OK(termin_tm_begin(tm, NULL));
	T_EQ_INT(add_numbered(tm, 50000), 1);
	termin_tm_rollback(tm);
	T_OK(termin_tm_begin(tm, NULL));
	T_EQ_INT(add_numbered(tm, 50000), 1);
	T_OK(termin_tm_commit(tm));
	termin_tm_close(tm);

	T_EQ_INT((int)query_int("dup.db", "SELECT count(*) FROM tu"), 6001 + 5000 + 1);
	T_EQ_INT((int)query_int("dup.db", "SELECT count(*) FROM tu_key"), 6001 + 5000 + 1);
	T_EQ_INT((int)query_int("dup.db", "SELECT count(*) FROM tu_key k JOIN tu ON tu.id = k.tu_id "
	                                  "AND tu.hash = k.hash"), 6001 + 5000 + 1);
	T_EQ_INT((int)query_int("dup.db", "SELECT sum(usage) FROM tu"),
	         6000 + 100 + 4 + 10000 + 2 + 1);
	/* unit 5999 (id 6000): once, again in the small batch, and in the
	 * large one as 4000 * 3 % 6001 */
	T_EQ_INT((int)query_int("dup.db", "SELECT usage FROM tu WHERE id = 6000"), 3);
}

/* A database made before the key tables (the indexes tu_hash and
 * tuv_hash instead, schema version 3) is upgraded by step 4: the keys are
 * filled from its units, so identical units are still found. */
void test_tm__schema_upgrade_to_key_tables(void)
{
	termin_tm *tm = open_tm("k.db");
	sqlite3 *db;
	char path[4096];
	T_OK(termin_tm_begin(tm, NULL));
	for (int i = 0; i < 50; i++)
		T_EQ_INT(add_numbered(tm, i), 1);
	T_OK(termin_tm_commit(tm));
	termin_tm_close(tm);

	snprintf(path, sizeof path, "%s/k.db", tt_tmpdir());
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	T_EQ_INT(sqlite3_exec(db, "DROP TABLE tu_key; DROP TABLE tuv_key; "
	                          "CREATE UNIQUE INDEX tu_hash ON tu(hash); "
	                          "CREATE INDEX tuv_hash ON tuv(hash); "
	                          "CREATE INDEX tu_stamp ON tu(stamp); "
	                          "PRAGMA user_version = 3", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	tm = open_tm("k.db");
	T_EQ_INT(termin_tm_schema_version(tm), 4);
	T_OK(termin_tm_begin(tm, NULL));
	T_EQ_INT(add_numbered(tm, 7), 0);
	T_EQ_INT(add_numbered(tm, 50), 1);
	T_OK(termin_tm_commit(tm));
	termin_tm_close(tm);
	T_EQ_INT((int)query_int("k.db", "SELECT count(*) FROM tu"), 51);
	T_EQ_INT((int)query_int("k.db", "SELECT count(*) FROM tu_key"), 51);
	T_EQ_INT((int)query_int("k.db", "SELECT count(*) FROM tuv_key"), 102);
	T_EQ_INT((int)query_int("k.db", "SELECT count(*) FROM sqlite_schema WHERE name IN "
	                                "('tu_hash', 'tuv_hash', 'tu_stamp')"), 0);
}

/* A stored variant's hash (tuv.hash, the exact-match key) is the text
 * hash of its text, white space at the start included. */
void test_tm__variant_hash_is_text_hash(void)
{
	static const char *const texts[] = { "  Объединённый\t штаб ", "\u00a0a b", "a  b\n" };
	termin_tm *tm = open_tm("vh.db");
	T_OK(termin_tm_begin(tm, NULL));
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		termin_tmx_variant v;
		termin_tmx_unit u;
		memset(&v, 0, sizeof v);
		memset(&u, 0, sizeof u);
		v.lang = "ru";
		v.markup = v.text = texts[i];
		v.markup_len = v.text_len = strlen(texts[i]);
		v.stamp.created = v.stamp.changed = v.stamp.last_used = TERMIN_NODATE;
		u.srclang = "ru";
		u.variants = &v;
		u.n_variants = 1;
		u.stamp.created = u.stamp.changed = u.stamp.last_used = TERMIN_NODATE;
		T_EQ_INT(termin_tm_add(tm, &u, NULL), 1);
	}
	T_OK(termin_tm_commit(tm));
	termin_tm_close(tm);
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT hash FROM tuv WHERE id = %zu", i + 1);
		T_ASSERT(query_int("vh.db", sql) ==
		         (long long)termin_tm_text_hash(texts[i], strlen(texts[i])));
	}
}

/* ======================= the import's reading thread ======================= */

static void collect_warning(void *ctx, const char *msg)
{
	fprintf(ctx, "%s\n", msg);
}

/* Everything a store keeps of its units, in id order, as text. */
static char *dump_store(const char *db_name)
{
	static const char *const queries[] = {
		"SELECT id, hash, tuid, srclang, created, usage, attrs, flags FROM tu ORDER BY id",
		"SELECT id, tu_id, seq, lang, markup, plain, hash, created_by FROM tuv ORDER BY id",
		"SELECT hash, tu_id FROM tu_key ORDER BY hash",
		"SELECT hash, tuv_id FROM tuv_key ORDER BY hash, tuv_id",
		"SELECT tu_id, tuv_id, kind, type, lang, value FROM meta WHERE tu_id IS NOT NULL ORDER BY id",
		"SELECT term, n, hex(ids) FROM fuzzy_post ORDER BY term, id",
		"SELECT term, doc, col, offset FROM v ORDER BY term, doc, col, offset",
	};
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	sqlite3 *db;
	sqlite3_stmt *st;
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", tt_tmpdir(), db_name);
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	T_OK(termin__db_register_fts(db));
	T_EQ_INT(sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, tuv_fts, instance)",
	                      NULL, NULL, NULL), SQLITE_OK);
	for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
		T_EQ_INT(sqlite3_prepare_v2(db, queries[q], -1, &st, NULL), SQLITE_OK);
		size_t rows = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);
				fprintf(out, "%s|", v ? (const char *)v : "NULL");
			}
			fputc('\n', out);
			rows++;
		}
		T_ASSERT(rows > 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	fclose(out);
	return text;
}

/* termin_tm_import reads a TMX file on a second thread, which also works
 * out each unit's hashes, fuzzy-index terms and concordance tokens. The
 * store it leaves must be the one termin_tm_add leaves unit by unit on one
 * thread, its warnings the reader's in the same order, and the concordance
 * index what its tokenizer gives (FTS5's integrity check cuts every
 * stored text again and compares). The file spans many of the thread's
 * blocks, with texts inside and outside the tokenizer's fast path. */
void test_tm__threaded_import_same_as_unit_by_unit(void)
{
	char path[4096], *xml = NULL, *warn1 = NULL, *warn2 = NULL;
	size_t xml_len = 0, len1 = 0, len2 = 0;
	FILE *x = open_memstream(&xml, &xml_len);
	FILE *w1 = open_memstream(&warn1, &len1), *w2 = open_memstream(&warn2, &len2);
	static const char *const en[] = {
		"The Collective Security Treaty Organization met in Minsk",
		"Café résumé naïve — “quoted” 5µm",
		"<bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>Bold<ept i=\"1\">&lt;/b&gt;</ept> text and more",
		"  spaced\tout   text  ",
	};
	static const char *const ru[] = {
		"Организация Договора о коллективной безопасности провела учения",
		"Объединённый штаб ОДКБ: ёлка, Ёж",
		"Ґрунт і ї — 中文 😀",
		"",
	};
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n"
	      "<header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" "
	      "o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n<body>\n", x);
	for (int i = 0; i < 3000; i++) {
		int k = i % 4, dup = i % 97 == 5; /* some units are repeated */
		int n = dup ? 1 : i;
		fprintf(x, "<tu tuid=\"%d\" creationdate=\"20240101T0000%02dZ\">", i, i % 60);
		if (i % 7 == 0)
			fprintf(x, "<prop type=\"x-n\">%d</prop><note>note %d</note>", i, i);
		fprintf(x, "<tuv xml:lang=\"en\"><seg>%s %d</seg></tuv>", en[k], n);
		if (i % 11 == 3) /* an unknown element: a warning */
			fputs("<foo/>", x);
		fprintf(x, "<tuv xml:lang=\"%s\"><seg>%s%s%d</seg></tuv></tu>\n",
		        i % 5 ? "ru" : "RU-ru", ru[k], k == 3 && i % 2 ? "" : " ", k == 3 ? n : n + 1);
	}
	fputs("</body>\n</tmx>\n", x);
	snprintf(path, sizeof path, "%s/many.tmx", tt_tmpdir());
	fclose(x);
	tt_write(path, xml, xml_len);

	/* the import */
	termin_tm *tm = open_tm("threaded.db");
	termin_tm_import_opts io = TERMIN_TM_IMPORT_OPTS_INIT;
	termin_tm_import_result res;
	io.warn = collect_warning;
	io.ctx = w1;
	T_OK(termin_tm_import(tm, path, &io, &res));
	T_OK(termin_tm_verify(tm));
	termin_tm_close(tm);

	/* the same units added one by one */
	termin_tmx_reader_opts ro = TERMIN_TMX_READER_OPTS_INIT;
	termin_tmx_reader *r;
	const termin_tmx_unit *u;
	termin_tm_source src = TERMIN_TM_SOURCE_INIT;
	ro.warn = collect_warning;
	ro.ctx = w2;
	tm = open_tm("plain.db");
	T_OK(termin_tmx_reader_open(&r, path, &ro));
	src.name = path;
	src.format = "tmx";
	src.header = termin_tmx_reader_info(r);
	T_OK(termin_tm_begin(tm, &src));
	size_t n = 0;
	int rc;
	while ((rc = termin_tmx_reader_next(r, &u)) > 0) {
		T_ASSERT(termin_tm_add(tm, u, NULL) >= 0);
		n++;
	}
	T_EQ_INT(rc, 0);
	T_OK(termin_tm_commit(tm));
	termin_tmx_reader_free(r);
	termin_tm_close(tm);

	T_EQ_INT((int)res.units, (int)n);
	T_EQ_INT((int)res.units, 3000);
	T_ASSERT(res.added < res.units);
	fclose(w1);
	fclose(w2);
	T_ASSERT(len1 > 0);
	T_EQ_STR(warn1, warn2);
	char *a = dump_store("threaded.db"), *b = dump_store("plain.db");
	T_ASSERT(strlen(a) > 100000);
	T_EQ_STR(a, b);
	free(a);
	free(b);
	free(xml);
	free(warn1);
	free(warn2);
}

static char *journal_mode(const char *db_name)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char path[4096], *mode = NULL;
	snprintf(path, sizeof path, "%s/%s", tt_tmpdir(), db_name);
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	T_EQ_INT(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		mode = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return mode;
}

/* Writes are done by a thread of their own (db_wq.c); one that fails
 * there must still fail the import, and leave the TM as it was. The files
 * may not grow past a limit (RLIMIT_FSIZE: writes beyond it fail with
 * EFBIG) while a file of 3000 units is imported into a TM holding one
 * (the import writes through the WAL), and into an empty TM (through a
 * rollback journal: termin__tm_bulk). */
void test_tm__failed_write_fails_import(void)
{
	char path[4096], db_path[4096];
	struct stat st;
	termin_tm_import_result res;
	termin_tm_import_opts io = TERMIN_TM_IMPORT_OPTS_INIT;
	snprintf(db_path, sizeof db_path, "%s/full.db", tt_tmpdir());

	termin_tm *tm = open_tm("full.db");
	T_OK(termin_tm_begin(tm, NULL));
	T_EQ_INT(add_numbered(tm, 1), 1);
	T_OK(termin_tm_commit(tm));
	termin_tm_close(tm);
	termin_tm_close(open_tm("empty.db"));
	T_OK(stat(db_path, &st));

	FILE *x = fopen((snprintf(path, sizeof path, "%s/big.tmx", tt_tmpdir()), path), "w");
	T_ASSERT(x != NULL);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" "
	      "creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" "
	      "datatype=\"plaintext\"/><body>\n", x);
	for (int i = 0; i < 3000; i++)
		fprintf(x, "<tu><tuv xml:lang=\"en\"><seg>The member states of the Organization agreed on "
		           "item %d of the plan</seg></tuv><tuv xml:lang=\"ru\"><seg>Государства-члены "
		           "Организации согласовали пункт %d плана</seg></tuv></tu>\n", i, i);
	fputs("</body></tmx>\n", x);
	fclose(x);

	struct rlimit old, lim;
	T_OK(getrlimit(RLIMIT_FSIZE, &old));
	lim = old;
	lim.rlim_cur = (rlim_t)st.st_size + 65536;
	signal(SIGXFSZ, SIG_IGN);
	T_OK(setrlimit(RLIMIT_FSIZE, &lim));
	static const char *const dbs[] = { "full.db", "empty.db" };
	for (int i = 0; i < 2; i++) {
		tm = open_tm(dbs[i]);
		int rc = termin_tm_import(tm, path, &io, &res);
		T_ASSERT(rc == TERMIN_EDB || rc == TERMIN_EIO);
		termin_tm_close(tm);
	}
	T_OK(setrlimit(RLIMIT_FSIZE, &old));

	/* each TM is what it was, whole, in WAL mode, and takes the file once
	 * it may grow */
	for (int i = 0; i < 2; i++) {
		tm = open_tm(dbs[i]);
		T_OK(termin_tm_verify(tm));
		termin_tm_close(tm);
		T_EQ_INT((int)query_int(dbs[i], "SELECT count(*) FROM tu"), 1 - i);
		tm = open_tm(dbs[i]);
		T_OK(termin_tm_import(tm, path, &io, &res));
		T_EQ_INT((int)res.added, 3000);
		T_OK(termin_tm_verify(tm));
		termin_tm_close(tm);
		T_EQ_INT((int)query_int(dbs[i], "SELECT count(*) FROM tu"), 3001 - i);
		char *mode = journal_mode(dbs[i]);
		T_EQ_STR(mode, "wal");
		free(mode);
	}
}
