/*
 * fuzzy_index.c - the word index the fuzzy matcher draws candidates from.
 *
 * An inverted index in two tables of the TM database (schema step 3):
 * fuzzy_post holds, for each term (a word, case-folded, of one language;
 * all numbers share one term), posting lists of the variants holding it,
 * and fuzzy_state the last variant indexed. A posting list is a blob of
 * varints: the first variant id, then the gaps to the next ones, each
 * followed by one byte with the variant's word count (capped at 255), so
 * that a lookup can bound a candidate's score without reading it.
 *
 * Variants get ids in insertion order and never change, so bringing the
 * index up to date means indexing the variants above fuzzy_state.last_tuv:
 * each update appends one posting row per term it saw, and terms that
 * gather many rows are merged back into one. The index therefore follows
 * every way units enter the TM, and a crash between an import and its
 * update is repaired by the next one.
 */
#include "fuzzy_internal.h"
#include "tm_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char termin__fuzzy_schema_sql[] =
	"CREATE TABLE fuzzy_state ("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" last_tuv INTEGER NOT NULL);"        /* variants up to this id are indexed */
	"INSERT INTO fuzzy_state VALUES (1, 0);"
	"CREATE TABLE fuzzy_post ("
	" id INTEGER PRIMARY KEY,"
	" term INTEGER NOT NULL,"             /* hash of language and folded word */
	" n INTEGER NOT NULL,"                /* postings in the blob */
	" ids BLOB NOT NULL);"                /* varint first id, gaps; a length byte after each */
	"CREATE INDEX fuzzy_post_term ON fuzzy_post(term, n);";

void termin__fuzzy_primary(const char *lang, char out[16])
{
	size_t i = 0;
	for (; lang && lang[i] && lang[i] != '-' && lang[i] != '_' && i < 15; i++)
		out[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ? lang[i] + 32 : lang[i]);
	out[i] = '\0';
}

/* The part of a term that depends on the language only. */
static uint64_t lang_mix(const char *lang)
{
	uint64_t a = 0, b = 0;
	size_t n = strlen(lang);
	if (n > 15)
		n = 15;
	memcpy(&a, lang, n < 8 ? n : 8);
	if (n > 8)
		memcpy(&b, lang + 8, n - 8);
	return (a * 0x9E3779B97F4A7C15ULL) ^ (b * 0xC2B2AE3D27D4EB4FULL) ^ 11;
}

static inline uint64_t term_mixed(uint64_t word_key, uint64_t mix)
{
	uint64_t h = word_key ^ mix;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

uint64_t termin__fuzzy_term(uint64_t word_key, const char *lang)
{
	/* word_key is a hash already: mixing the language's bytes into it is
	 * enough (this runs for every word indexed and every query word) */
	return term_mixed(word_key, lang_mix(lang));
}

/* ======================= postings in memory ======================= */

typedef struct {
	uint64_t term;
	unsigned char *buf;
	size_t len, cap;
	int64_t last;        /* last id added (0: none) */
	size_t n;
} plist;

typedef struct {
	plist *lists;
	size_t n_lists, cap_lists;
	uint32_t *slots;     /* open addressing: index + 1, 0 empty */
	size_t n_slots;
	size_t bytes;
} pmap;

static void pmap_rehash(pmap *m)
{
	size_t ns = m->n_slots ? m->n_slots * 2 : 1024;
	free(m->slots);
	m->slots = termin__xcalloc(ns, sizeof *m->slots);
	m->n_slots = ns;
	for (size_t i = 0; i < m->n_lists; i++) {
		size_t h = (size_t)m->lists[i].term & (ns - 1);
		while (m->slots[h])
			h = (h + 1) & (ns - 1);
		m->slots[h] = (uint32_t)i + 1;
	}
}

static plist *pmap_get(pmap *m, uint64_t term)
{
	if ((m->n_lists + 1) * 2 > m->n_slots)
		pmap_rehash(m);
	size_t h = (size_t)term & (m->n_slots - 1);
	while (m->slots[h]) {
		plist *p = &m->lists[m->slots[h] - 1];
		if (p->term == term)
			return p;
		h = (h + 1) & (m->n_slots - 1);
	}
	TERMIN_GROW(m->lists, m->cap_lists, m->n_lists + 1);
	plist *p = &m->lists[m->n_lists];
	memset(p, 0, sizeof *p);
	p->term = term;
	m->slots[h] = (uint32_t)++m->n_lists;
	m->bytes += sizeof *p + 2 * sizeof *m->slots; /* a large vocabulary counts too */
	return p;
}

static void pmap_clear(pmap *m)
{
	for (size_t i = 0; i < m->n_lists; i++)
		free(m->lists[i].buf);
	m->n_lists = 0;
	m->bytes = 0;
	if (m->slots)
		memset(m->slots, 0, m->n_slots * sizeof *m->slots);
}

static void pmap_free(pmap *m)
{
	pmap_clear(m);
	free(m->lists);
	free(m->slots);
}

static size_t put_varint(unsigned char *o, uint64_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		o[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	o[n++] = (unsigned char)v;
	return n;
}

static void plist_add(pmap *m, plist *p, int64_t id, unsigned words)
{
	if (p->last == id) /* a word the variant has said before */
		return;
	if (p->len + 11 > p->cap) {
		size_t before = p->cap;
		p->cap = p->cap ? p->cap * 2 : 16;
		p->buf = termin__xrealloc(p->buf, p->cap);
		m->bytes += p->cap - before;
	}
	p->len += put_varint(p->buf + p->len, (uint64_t)(id - p->last));
	p->buf[p->len++] = (unsigned char)(words > 255 ? 255 : words);
	p->last = id;
	p->n++;
}

static int flush(sqlite3 *db, sqlite3_stmt *ins, pmap *m)
{
	for (size_t i = 0; i < m->n_lists; i++) {
		plist *p = &m->lists[i];
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, (sqlite3_int64)p->term);
		sqlite3_bind_int64(ins, 2, (sqlite3_int64)p->n);
		sqlite3_bind_blob(ins, 3, p->buf, (int)p->len, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			return termin__db_fail(db, "cannot write the fuzzy index");
	}
	sqlite3_reset(ins);
	pmap_clear(m);
	return 0;
}

/* Merges the posting rows of terms that have more than `most` of them into
 * one row each (the rows hold increasing ids, so the blobs concatenate
 * once each first id is turned into a gap). */
static int compact(sqlite3 *db, int most)
{
	sqlite3_stmt *terms = NULL, *rows = NULL, *del = NULL, *ins = NULL;
	termin_buf out = TERMIN_BUF_INIT;
	int rc = 0;
	if (termin__db_prepare(db, &terms, "SELECT term FROM fuzzy_post GROUP BY term "
	                                   "HAVING count(*) > ?1") < 0 ||
	    termin__db_prepare(db, &rows, "SELECT id, n, ids FROM fuzzy_post WHERE term = ?1 "
	                                  "ORDER BY id") < 0 ||
	    termin__db_prepare(db, &del, "DELETE FROM fuzzy_post WHERE term = ?1") < 0 ||
	    termin__db_prepare(db, &ins, "INSERT INTO fuzzy_post(term, n, ids) VALUES (?1, ?2, ?3)") < 0) {
		rc = TERMIN_EDB;
		goto done;
	}
	/* collect the terms first: the table changes under the statement */
	uint64_t *list = NULL;
	size_t n_list = 0, cap_list = 0;
	sqlite3_bind_int(terms, 1, most);
	while (sqlite3_step(terms) == SQLITE_ROW) {
		TERMIN_GROW(list, cap_list, n_list + 1);
		list[n_list++] = (uint64_t)sqlite3_column_int64(terms, 0);
	}
	for (size_t t = 0; t < n_list && rc == 0; t++) {
		int64_t last = 0, total = 0;
		termin_buf_clear(&out);
		sqlite3_reset(rows);
		sqlite3_bind_int64(rows, 1, (sqlite3_int64)list[t]);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			const unsigned char *b = sqlite3_column_blob(rows, 2);
			size_t len = (size_t)sqlite3_column_bytes(rows, 2), i = 0;
			int64_t id = 0;
			total += sqlite3_column_int64(rows, 1);
			while (i < len) {
				uint64_t v = 0;
				int shift = 0;
				while (i < len && (b[i] & 0x80)) {
					v |= (uint64_t)(b[i++] & 0x7f) << shift;
					shift += 7;
				}
				if (i < len)
					v |= (uint64_t)b[i++] << shift;
				id += (int64_t)v;
				unsigned char enc[11];
				size_t k = put_varint(enc, (uint64_t)(id - last));
				termin_buf_put(&out, (const char *)enc, k);
				if (i < len)
					termin_buf_putc(&out, (char)b[i++]);
				last = id;
			}
		}
		sqlite3_reset(rows);
		sqlite3_reset(del);
		sqlite3_bind_int64(del, 1, (sqlite3_int64)list[t]);
		if (sqlite3_step(del) != SQLITE_DONE) {
			rc = termin__db_fail(db, "cannot merge the fuzzy index");
			break;
		}
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, (sqlite3_int64)list[t]);
		sqlite3_bind_int64(ins, 2, total);
		sqlite3_bind_blob(ins, 3, out.ptr ? out.ptr : "", (int)out.len, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = termin__db_fail(db, "cannot merge the fuzzy index");
	}
	free(list);
done:
	sqlite3_finalize(terms);
	sqlite3_finalize(rows);
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	termin_buf_free(&out);
	return rc;
}

/* Posting bytes gathered in memory before they are written out. */
#define FLUSH_BYTES (16u << 20)

/* ======================= batches ======================= */

struct termin__fuzzy_batch {
	sqlite3 *db;
	sqlite3_stmt *ins;
	pmap m;
	termin_fuzzy_seg *seg;  /* reused for every variant */
	uint64_t *terms;        /* a variant's terms */
	size_t cap_terms;
	int64_t last;           /* the last variant id seen */
	size_t added;
};

int termin__fuzzy_batch_new(sqlite3 *db, termin__fuzzy_batch **out)
{
	termin__fuzzy_batch *b = termin__xcalloc(1, sizeof *b);
	int rc;
	*out = NULL;
	b->db = db;
	if ((rc = termin__db_prepare(db, &b->ins, "INSERT INTO fuzzy_post(term, n, ids) "
	                                          "VALUES (?1, ?2, ?3)")) < 0) {
		free(b);
		return rc;
	}
	*out = b;
	return 0;
}

size_t termin__fuzzy_terms(termin_fuzzy_seg *g, const char *lang, const char *markup, size_t len,
                           uint64_t **terms, size_t *cap)
{
	char prim[16];
	if (!len)
		return 0;
	termin__fuzzy_primary(lang, prim);
	termin__fuzzy_seg_set(g, markup, len, 1, 1);
	uint64_t mix = lang_mix(prim);
	TERMIN_GROW(*terms, *cap, g->n_words);
	for (size_t i = 0; i < g->n_words; i++)
		(*terms)[i] = term_mixed(g->words[i], mix);
	return g->n_words;
}

int termin__fuzzy_batch_add_terms(termin__fuzzy_batch *b, int64_t id, const uint64_t *terms,
                                  size_t n)
{
	b->last = id;
	b->added++;
	/* in text order, repeated words included: plist_add lists a variant
	 * once per term */
	for (size_t i = 0; i < n; i++)
		plist_add(&b->m, pmap_get(&b->m, terms[i]), id, (unsigned)n);
	if (b->m.bytes > FLUSH_BYTES)
		return flush(b->db, b->ins, &b->m);
	return 0;
}

int termin__fuzzy_batch_add(termin__fuzzy_batch *b, int64_t id, const char *lang,
                            const char *markup, size_t len)
{
	if (!b->seg)
		b->seg = termin__xcalloc(1, sizeof *b->seg);
	size_t n = termin__fuzzy_terms(b->seg, lang, markup, len, &b->terms, &b->cap_terms);
	return termin__fuzzy_batch_add_terms(b, id, b->terms, n);
}

int termin__fuzzy_batch_finish(termin__fuzzy_batch *b)
{
	sqlite3_stmt *upd = NULL;
	int rc;
	if (!b->added)
		return 0;
	if ((rc = flush(b->db, b->ins, &b->m)) < 0 || (rc = compact(b->db, 8)) < 0)
		return rc;
	if ((rc = termin__db_prepare(b->db, &upd, "UPDATE fuzzy_state SET last_tuv = ?1 WHERE id = 1")) < 0)
		return rc;
	sqlite3_bind_int64(upd, 1, b->last);
	if (sqlite3_step(upd) != SQLITE_DONE)
		rc = termin__db_fail(b->db, "cannot update the fuzzy index");
	sqlite3_finalize(upd);
	return rc;
}

void termin__fuzzy_batch_free(termin__fuzzy_batch *b)
{
	if (!b)
		return;
	sqlite3_finalize(b->ins);
	pmap_free(&b->m);
	termin_fuzzy_seg_free(b->seg);
	free(b->terms);
	free(b);
}

int termin__fuzzy_index_current(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if ((rc = termin__db_prepare(db, &st, "SELECT (SELECT last_tuv FROM fuzzy_state WHERE id = 1) "
	                                      "IS (SELECT coalesce(max(id), 0) FROM tuv)")) < 0)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = sqlite3_column_int(st, 0);
	else
		rc = termin__db_fail(db, "cannot read the fuzzy index's state");
	sqlite3_finalize(st);
	return rc;
}

int termin_fuzzy_index_update(termin_tm *tm, size_t *added,
                              void (*progress)(void *ctx, const char *what, uint64_t done,
                                               uint64_t total),
                              void *ctx)
{
	sqlite3 *db = termin__tm_db(tm);
	sqlite3_stmt *st = NULL, *cnt = NULL;
	termin__fuzzy_batch *b = NULL;
	int64_t last = 0, total = 0;
	size_t done = 0;
	int rc;

	if (added)
		*added = 0;
	if ((rc = termin__db_exec(db, "BEGIN IMMEDIATE")) < 0)
		return rc;
	if ((rc = termin__db_prepare(db, &cnt, "SELECT last_tuv, (SELECT count(*) FROM tuv WHERE "
	                                       "id > last_tuv) FROM fuzzy_state WHERE id = 1")) < 0)
		goto fail;
	if (sqlite3_step(cnt) == SQLITE_ROW) {
		last = sqlite3_column_int64(cnt, 0);
		total = sqlite3_column_int64(cnt, 1);
	}
	if (total == 0)
		goto commit;
	if ((rc = termin__fuzzy_batch_new(db, &b)) < 0 ||
	    (rc = termin__db_prepare(db, &st, "SELECT id, lang, markup FROM tuv WHERE id > ?1 "
	                                      "ORDER BY id")) < 0)
		goto fail;
	sqlite3_bind_int64(st, 1, last);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = termin__fuzzy_batch_add(b, sqlite3_column_int64(st, 0),
		                                  (const char *)sqlite3_column_text(st, 1),
		                                  (const char *)sqlite3_column_text(st, 2),
		                                  (size_t)sqlite3_column_bytes(st, 2))) < 0)
			goto fail;
		if ((++done & 4095) == 0 && progress)
			progress(ctx, "fuzzy index", done, (uint64_t)total);
	}
	if (rc != SQLITE_DONE) {
		rc = termin__db_fail(db, "cannot read variants to index");
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = termin__fuzzy_batch_finish(b)) < 0)
		goto fail;
commit:
	sqlite3_finalize(cnt);
	cnt = NULL;
	if ((rc = termin__db_exec(db, "COMMIT")) < 0)
		goto fail;
	if (added)
		*added = done;
	termin__fuzzy_batch_free(b);
	return 0;
fail:
	sqlite3_finalize(st);
	sqlite3_finalize(cnt);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	termin__fuzzy_batch_free(b);
	return rc;
}
