/*
 * tm_glossary.c - the project glossary in the TM database (schema step 2
 * of db.c): a termin_glossary written into rows and rebuilt from them.
 *
 * The glossary is stored whole and replaced whole, inside one
 * transaction, so a reader sees either the old or the new one. Concepts,
 * terms and notes are written in model order and read back ordered by
 * rowid, which gives the same order again. Ids are stored as they are:
 * a file that repeats an id keeps both entries, as the model does.
 */
#include "tm_internal.h"
#include "glossary_internal.h"

#include <stdlib.h>
#include <string.h>

#define GLOSSARY_SCHEMA 2

static int step_done(sqlite3 *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return termin__db_fail(db, what);
	return 0;
}

/* Binds a string exactly: NULL stays NULL, "" stays "". */
static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Binds a vocabulary name; unspecified ("" or NULL) is NULL. */
static void bind_name(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static int need_schema(termin_tm *tm)
{
	if (termin_tm_schema_version(tm) < GLOSSARY_SCHEMA)
		return termin__error_set(TERMIN_ENOTFOUND,
		                         "%s: no glossary stored (the database predates glossaries; "
		                         "open it for writing once to upgrade it)",
		                         termin__tm_path(tm));
	return 0;
}

/* ======================= storing ======================= */

enum { S_CONCEPT, S_TERM, S_NOTE, S_HEAD, S_N };

static const char *const store_sql[S_N] = {
	[S_CONCEPT] = "INSERT INTO glossary_concept(cid, subject, definition, file, line) "
	              "VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_TERM] = "INSERT INTO glossary_term(concept_id, lang, text, pos, type, status, "
	           "case_marked, source, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_NOTE] = "INSERT INTO glossary_note(concept_id, term_id, kind, value) VALUES (?1, ?2, ?3, ?4)",
	[S_HEAD] = "INSERT INTO glossary(id, source, imported, user, title, description, concepts, "
	           "terms) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
};

static int add_note(sqlite3 *db, sqlite3_stmt *st, int64_t concept, int64_t term,
                    const char *kind, const char *value)
{
	sqlite3_bind_int64(st, 1, concept);
	if (term)
		sqlite3_bind_int64(st, 2, term);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, value ? value : "", -1, SQLITE_STATIC);
	return step_done(db, st, "cannot store a glossary note");
}

static int store_concept(sqlite3 *db, sqlite3_stmt **st, const termin_concept *c)
{
	int rc;
	int64_t cid;

	bind_str(st[S_CONCEPT], 1, c->id);
	bind_str(st[S_CONCEPT], 2, c->subject);
	bind_str(st[S_CONCEPT], 3, c->definition);
	bind_str(st[S_CONCEPT], 4, c->file);
	if (c->line)
		sqlite3_bind_int64(st[S_CONCEPT], 5, (sqlite3_int64)c->line);
	else
		sqlite3_bind_null(st[S_CONCEPT], 5);
	if ((rc = step_done(db, st[S_CONCEPT], "cannot store a glossary entry")) < 0)
		return rc;
	cid = sqlite3_last_insert_rowid(db);
	for (size_t i = 0; i < c->notes.n; i++)
		if ((rc = add_note(db, st[S_NOTE], cid, 0, "note", c->notes.v[i])) < 0)
			return rc;
	for (size_t i = 0; i < c->sources.n; i++)
		if ((rc = add_note(db, st[S_NOTE], cid, 0, "source", c->sources.v[i])) < 0)
			return rc;
	for (size_t k = 0; k < c->nterms; k++) {
		const termin_term *t = c->terms[k];
		sqlite3_stmt *s = st[S_TERM];
		sqlite3_bind_int64(s, 1, cid);
		sqlite3_bind_text(s, 2, t->lang, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, t->text, -1, SQLITE_STATIC);
		bind_name(s, 4, termin_term_pos_name(t->pos));
		bind_name(s, 5, termin_term_type_name(t->type));
		bind_name(s, 6, termin_term_status_name(t->status));
		sqlite3_bind_int(s, 7, t->case_marked != 0);
		bind_str(s, 8, t->source);
		if (t->line)
			sqlite3_bind_int64(s, 9, (sqlite3_int64)t->line);
		else
			sqlite3_bind_null(s, 9);
		if ((rc = step_done(db, s, "cannot store a glossary term")) < 0)
			return rc;
		int64_t tid = sqlite3_last_insert_rowid(db);
		for (size_t i = 0; i < t->notes.n; i++)
			if ((rc = add_note(db, st[S_NOTE], cid, tid, "note", t->notes.v[i])) < 0)
				return rc;
	}
	return 0;
}

int termin_tm_glossary_store(termin_tm *tm, const termin_glossary *g, const char *source)
{
	sqlite3 *db = termin__tm_db(tm);
	sqlite3_stmt *st[S_N] = { 0 };
	int rc;

	if (termin__tm_in_batch(tm))
		return termin__error_set(TERMIN_EUSAGE,
		                         "termin_tm_glossary_store: a batch of units is open");
	if ((rc = need_schema(tm)) < 0)
		return rc;
	if ((rc = termin__db_exec(db, "BEGIN IMMEDIATE")) < 0)
		return rc;
	/* notes and terms go with their concepts (ON DELETE CASCADE), but
	 * explicit deletes are faster than the cascade's per-row lookups */
	if ((rc = termin__db_exec(db, "DELETE FROM glossary_note; DELETE FROM glossary_term; "
	                              "DELETE FROM glossary_concept; DELETE FROM glossary;")) < 0)
		goto fail;
	for (int i = 0; i < S_N; i++)
		if (sqlite3_prepare_v2(db, store_sql[i], -1, &st[i], NULL) != SQLITE_OK) {
			rc = termin__db_fail(db, "cannot prepare a statement");
			goto fail;
		}
	for (size_t i = 0; i < g->n; i++)
		if ((rc = store_concept(db, st, g->concepts[i])) < 0)
			goto fail;
	bind_str(st[S_HEAD], 1, source);
	sqlite3_bind_int64(st[S_HEAD], 2, termin_tmx_now());
	bind_str(st[S_HEAD], 3, termin__tm_user());
	bind_str(st[S_HEAD], 4, g->title);
	bind_str(st[S_HEAD], 5, g->description);
	sqlite3_bind_int64(st[S_HEAD], 6, (sqlite3_int64)g->n);
	sqlite3_bind_int64(st[S_HEAD], 7, (sqlite3_int64)termin_glossary_term_count(g));
	if ((rc = step_done(db, st[S_HEAD], "cannot record the glossary")) < 0)
		goto fail;
	for (int i = 0; i < S_N; i++)
		sqlite3_finalize(st[i]);
	if ((rc = termin__db_exec(db, "COMMIT")) < 0) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return 0;
fail:
	for (int i = 0; i < S_N; i++)
		sqlite3_finalize(st[i]);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int termin_tm_glossary_remove(termin_tm *tm)
{
	sqlite3 *db = termin__tm_db(tm);
	int rc;
	if (termin__tm_in_batch(tm))
		return termin__error_set(TERMIN_EUSAGE,
		                         "termin_tm_glossary_remove: a batch of units is open");
	if (termin_tm_schema_version(tm) < GLOSSARY_SCHEMA)
		return 0;
	if ((rc = termin__db_exec(db, "BEGIN IMMEDIATE")) < 0)
		return rc;
	if ((rc = termin__db_exec(db, "DELETE FROM glossary_note; DELETE FROM glossary_term; "
	                              "DELETE FROM glossary_concept; DELETE FROM glossary; "
	                              "COMMIT")) < 0)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* ======================= loading ======================= */

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static char *dup(const char *s)
{
	return s ? termin__xstrdup(s) : NULL;
}

int termin_tm_glossary_info_get(termin_tm *tm, termin_tm_glossary_info *info)
{
	sqlite3 *db = termin__tm_db(tm);
	sqlite3_stmt *st = NULL;
	int rc;

	memset(info, 0, sizeof *info);
	if ((rc = need_schema(tm)) < 0)
		return rc;
	if (sqlite3_prepare_v2(db, "SELECT source, imported, user, concepts, terms FROM glossary "
	                           "WHERE id = 1", -1, &st, NULL) != SQLITE_OK)
		return termin__db_fail(db, "cannot read the glossary");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		info->source = termin__tm_hold(tm, 0, col_text(st, 0));
		info->imported = sqlite3_column_int64(st, 1);
		info->user = termin__tm_hold(tm, 1, col_text(st, 2));
		info->concepts = (size_t)sqlite3_column_int64(st, 3);
		info->terms = (size_t)sqlite3_column_int64(st, 4);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = termin__error_set(TERMIN_ENOTFOUND, "%s: no glossary stored",
		                       termin__tm_path(tm));
	} else {
		rc = termin__db_fail(db, "cannot read the glossary");
	}
	sqlite3_finalize(st);
	return rc;
}

/* Rowids and the objects made from them, ascending, for lookups by the
 * foreign keys of later rows. */
typedef struct {
	int64_t *id;
	void **obj;
	size_t n, cap;
} idmap;

static void idmap_add(idmap *m, int64_t id, void *obj)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 256;
		m->id = termin__xrealloc(m->id, m->cap * sizeof *m->id);
		m->obj = termin__xrealloc(m->obj, m->cap * sizeof *m->obj);
	}
	m->id[m->n] = id;
	m->obj[m->n++] = obj;
}

static void *idmap_get(const idmap *m, int64_t id)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->id[lo] == id ? m->obj[lo] : NULL;
}

static void idmap_free(idmap *m)
{
	free(m->id);
	free(m->obj);
}

/* The interned copy of a file name in the glossary. */
static const char *intern(termin_glossary *g, const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = g->files.n; i-- > 0;)
		if (strcmp(g->files.v[i], name) == 0)
			return g->files.v[i];
	termin__strlist_add(&g->files, name);
	return g->files.v[g->files.n - 1];
}

static int damaged(termin_tm *tm, const char *what, int64_t row)
{
	return termin__error_set(TERMIN_EDB, "%s: the stored glossary is damaged: %s (row %lld)",
	                         termin__tm_path(tm), what, (long long)row);
}

static int load_rows(termin_tm *tm, termin_glossary *g)
{
	sqlite3 *db = termin__tm_db(tm);
	sqlite3_stmt *st = NULL;
	idmap concepts = { 0 }, terms = { 0 };
	termin__gload L;
	int rc = 0, s;

	memset(&L, 0, sizeof L);
	L.g = g;
	L.load = ++g->loads;

	if (sqlite3_prepare_v2(db, "SELECT id, cid, subject, definition, file, line "
	                           "FROM glossary_concept ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		goto dbfail;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t row = sqlite3_column_int64(st, 0);
		const char *id = col_text(st, 1);
		termin_concept *c = termin__gload_concept(&L, id, NULL,
		                                          (size_t)sqlite3_column_int64(st, 5));
		if (!id || strcmp(c->id, id) != 0) {
			rc = damaged(tm, "an entry id with white space", row);
			goto done;
		}
		c->subject = dup(col_text(st, 2));
		c->definition = dup(col_text(st, 3));
		c->file = intern(g, col_text(st, 4));
		idmap_add(&concepts, row, c);
	}
	if (s != SQLITE_DONE)
		goto dbfail;
	sqlite3_finalize(st);
	st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT id, concept_id, lang, text, pos, type, status, "
	                           "case_marked, source, line FROM glossary_term ORDER BY id",
	                       -1, &st, NULL) != SQLITE_OK)
		goto dbfail;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t row = sqlite3_column_int64(st, 0);
		termin_concept *c = idmap_get(&concepts, sqlite3_column_int64(st, 1));
		termin_term *t;
		const char *v;
		if (!c || termin_concept_add_term(c, col_text(st, 2), col_text(st, 3), &t) < 0) {
			rc = damaged(tm, c ? "a term without text or language" : "a term without entry",
			             row);
			goto done;
		}
		if ((v = col_text(st, 4)) && termin_term_pos_parse(v, &t->pos) < 0) {
			rc = damaged(tm, "an unknown part of speech", row);
			goto done;
		}
		if ((v = col_text(st, 5)) && termin_term_type_parse(v, &t->type) < 0) {
			rc = damaged(tm, "an unknown term type", row);
			goto done;
		}
		if ((v = col_text(st, 6)) && termin_term_status_parse(v, &t->status) < 0) {
			rc = damaged(tm, "an unknown term status", row);
			goto done;
		}
		t->case_marked = sqlite3_column_int(st, 7) != 0;
		t->source = dup(col_text(st, 8));
		t->line = (size_t)sqlite3_column_int64(st, 9);
		idmap_add(&terms, row, t);
	}
	if (s != SQLITE_DONE)
		goto dbfail;
	sqlite3_finalize(st);
	st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT id, concept_id, term_id, kind, value FROM glossary_note "
	                           "ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		goto dbfail;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t row = sqlite3_column_int64(st, 0);
		termin_concept *c = idmap_get(&concepts, sqlite3_column_int64(st, 1));
		const char *kind = col_text(st, 3), *value = col_text(st, 4);
		if (!c || !kind || !value) {
			rc = damaged(tm, "a note without entry", row);
			goto done;
		}
		if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
			termin_term *t = idmap_get(&terms, sqlite3_column_int64(st, 2));
			if (!t || t->concept != c) {
				rc = damaged(tm, "a note of a missing term", row);
				goto done;
			}
			/* appended as they are: the setters drop empty notes and
			 * read the case mark, the model may hold either */
			termin__strlist_add(&t->notes, value);
		} else if (strcmp(kind, "source") == 0) {
			termin__strlist_add(&c->sources, value);
		} else {
			termin__strlist_add(&c->notes, value);
		}
	}
	if (s != SQLITE_DONE)
		goto dbfail;
	goto done;
dbfail:
	rc = termin__db_fail(db, "cannot read the glossary");
done:
	sqlite3_finalize(st);
	idmap_free(&concepts);
	idmap_free(&terms);
	return rc;
}

int termin_tm_glossary_load(termin_tm *tm, termin_glossary **out, termin_tm_glossary_info *info)
{
	sqlite3 *db = termin__tm_db(tm);
	sqlite3_stmt *st = NULL;
	termin_tm_glossary_info scratch;
	termin_glossary *g = NULL;
	int rc;

	*out = NULL;
	if (!info)
		info = &scratch;
	/* one read transaction: a concurrent store is seen whole or not at all */
	if ((rc = termin__db_exec(db, "BEGIN")) < 0)
		return rc;
	if ((rc = termin_tm_glossary_info_get(tm, info)) < 0)
		goto done;
	termin_glossary_new(&g);
	if (sqlite3_prepare_v2(db, "SELECT title, description FROM glossary WHERE id = 1", -1, &st,
	                       NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		rc = termin__db_fail(db, "cannot read the glossary");
		goto done;
	}
	termin_glossary_set_title(g, col_text(st, 0));
	termin_glossary_set_description(g, col_text(st, 1));
	if ((rc = load_rows(tm, g)) < 0)
		goto done;
	*out = g;
	g = NULL;
done:
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	termin_glossary_free(g);
	return rc;
}
