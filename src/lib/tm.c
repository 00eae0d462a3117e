/*
 * tm.c - the translation memory store: batches of units written into the
 * SQLite schema of db.c, and units read back (iteration, lookup,
 * concordance, figures).
 *
 * Writing is tuned for bulk import without giving up crash safety: one
 * IMMEDIATE transaction per batch, statements prepared once per
 * connection, and the FTS5 index fed row by row inside the same
 * transaction (its pending-terms buffer keeps that cheap).
 *
 * Identical units are found by their hash (unit_hash) in tu_key, whose
 * rows a batch gathers in memory and writes sorted, a few hundred
 * thousand at a time: random keys inserted one by one would cost a page
 * read and write each once the table outgrows the page cache. Until they
 * are written, the batch finds its own keys in a hash table; and a Bloom
 * filter of every key in the TM answers "new" for most new units without
 * a look-up in tu_key. The filter is filled at the start of a batch into
 * an empty TM, otherwise once the batch has seen enough units to pay for
 * reading tu_key whole (until then each unit is looked up there).
 */
#include "tm_internal.h"
#include "fuzzy_internal.h"
#include "termin/lang.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <pwd.h>

enum {
	ST_INS_IMPORT, ST_UPD_IMPORT, ST_DIGEST, ST_FIND_DOC, ST_INS_DOC, ST_INS_TU, ST_FIND_TU,
	ST_MERGE_TU, ST_INS_TUV, ST_INS_FTS, ST_INS_META, ST_MERGE_META, ST_FIND_TUV, ST_INS_OCC,
	ST_INS_KEY, ST_INS_UKEY, ST_FIND_UKEY, ST_ALL_UKEYS, ST_MAX_TU, ST_N
};

static const char *const sql_text[ST_N] = {
	[ST_INS_IMPORT] = "INSERT INTO import(name, format, digest, size, imported, user, tool, "
	                  "tool_version, srclang, segtype, datatype, o_tmf, adminlang, created) "
	                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	[ST_UPD_IMPORT] = "UPDATE import SET units = ?1, added = ?2, skipped = ?3, digest = ?4, "
	                  "size = ?5 WHERE id = ?6",
	[ST_DIGEST] = "SELECT 1 FROM import WHERE digest = ?1 AND size IS ?2 AND id <> ?3 LIMIT 1",
	[ST_FIND_DOC] = "SELECT id FROM doc WHERE name = ?1",
	[ST_INS_DOC] = "INSERT INTO doc(name) VALUES (?1)",
	[ST_INS_TU] = "INSERT INTO tu(hash, tuid, srclang, created, created_by, changed, changed_by, "
	              "last_used, usage, stamp, attrs, flags, doc_id, import_id) VALUES (?1, ?2, ?3, "
	              "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	[ST_FIND_TU] = "SELECT doc_id FROM tu WHERE id = ?1",
	[ST_MERGE_TU] = "UPDATE tu SET usage = usage + ?1, last_used = CASE WHEN ?2 IS NULL THEN "
	                "last_used WHEN last_used IS NULL OR ?2 > last_used THEN ?2 ELSE last_used "
	                "END, flags = flags | ?3 WHERE id = ?4",
	[ST_INS_TUV] = "INSERT INTO tuv(tu_id, seq, lang, markup, plain, hash, created, created_by, "
	               "changed, changed_by, last_used, usage, attrs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	               "?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[ST_INS_FTS] = "INSERT INTO tuv_fts(rowid, text) VALUES (?1, ?2)",
	[ST_INS_META] = "INSERT INTO meta(tu_id, tuv_id, import_id, kind, type, lang, value) "
	                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_MERGE_META] = "INSERT INTO meta(tu_id, tuv_id, import_id, kind, type, lang, value) "
	                  "SELECT ?1, ?2, NULL, ?4, ?5, ?6, ?7 WHERE NOT EXISTS (SELECT 1 FROM meta "
	                  "WHERE tu_id = ?1 AND tuv_id IS ?2 AND kind = ?4 AND type IS ?5 AND "
	                  "lang IS ?6 AND value = ?7)",
	[ST_FIND_TUV] = "SELECT id FROM tuv WHERE tu_id = ?1 AND lang = ?2 AND hash = ?3 "
	                "ORDER BY seq LIMIT 1",
	[ST_INS_KEY] = "INSERT INTO tuv_key(hash, tuv_id) VALUES (?1, ?2)",
	[ST_INS_UKEY] = "INSERT INTO tu_key(hash, tu_id) VALUES (?1, ?2)",
	[ST_FIND_UKEY] = "SELECT tu_id FROM tu_key WHERE hash = ?1",
	[ST_ALL_UKEYS] = "SELECT hash FROM tu_key",
	[ST_MAX_TU] = "SELECT coalesce(max(id), 0) FROM tu",
	[ST_INS_OCC] = "INSERT INTO occurrence(tu_id, import_id, doc_id, pos, prev_hash, next_hash) "
	               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
};

/* The Bloom filter of unit keys: 2^25 bits (4 MiB), three bits a key, all
 * in one 64-bit word (one cache miss a key). A million keys give one false
 * "maybe" in 10^3 new units, ten million one in five; a false "maybe"
 * costs one look-up in tu_key, never a wrong answer. */
#define BLOOM_BITS 25
#define BLOOM_WORDS ((size_t)1 << (BLOOM_BITS - 6))

struct termin_tm {
	sqlite3 *db;
	char *path;
	int schema;
	sqlite3_stmt *st[ST_N];

	/* the open batch */
	int in_batch;
	int busy_ms;            /* the connection's busy timeout */
	int bulk;               /* the batch runs with a rollback journal (termin__tm_bulk) */
	int64_t import_id, doc_id, now;
	char *doc_name;         /* the batch's default document */
	char *last_doc;         /* cache of the last context document */
	int64_t last_doc_id;
	uint64_t digest, size;
	size_t added, merged, skipped;
	termin__fuzzy_batch *fz;  /* the fuzzy index fed as variants are stored */
	struct tkey { sqlite3_int64 hash, id; } *keys; /* tuv_key rows not yet written */
	size_t n_keys, cap_keys;
	struct tkey *ukeys;     /* tu_key rows not yet written */
	size_t n_ukeys, cap_ukeys;
	uint32_t *uslots;       /* ukeys by hash: open addressing, index + 1, 0 empty */
	size_t n_uslots, n_uslotted; /* slots; ukeys in them */
	uint64_t *bloom;        /* every unit key in the TM, once bloom_on */
	int bloom_on;
	int64_t units_before;   /* the TM's largest tu.id when the batch began */
	size_t units_seen;      /* units the batch has been given */

	termin__tm_prepper *pp; /* termin_tm_add's own preparing */
	termin__arena prep_mem;

	/* export header strings */
	char *hdr[3];
	termin_tmx_meta *hmeta;
	size_t n_hmeta;
	termin_buf hpool;

	/* strings handed out by termin_tm_glossary_load's info */
	char *held[2];
};

sqlite3 *termin__tm_db(termin_tm *tm)
{
	return tm->db;
}

const char *termin__tm_path(const termin_tm *tm)
{
	return tm->path;
}

const char *termin__tm_hold(termin_tm *tm, int slot, const char *s)
{
	free(tm->held[slot]);
	tm->held[slot] = s ? termin__xstrdup(s) : NULL;
	return tm->held[slot];
}

int termin__tm_in_batch(const termin_tm *tm)
{
	return tm->in_batch;
}

int termin_tm_schema_version(const termin_tm *tm)
{
	return tm->schema;
}

static int prep(termin_tm *tm, int which)
{
	if (tm->st[which]) {
		sqlite3_reset(tm->st[which]);
		sqlite3_clear_bindings(tm->st[which]);
		return 0;
	}
	return termin__db_prepare(tm->db, &tm->st[which], sql_text[which]);
}

int termin_tm_open(termin_tm **out, const char *path, const termin_tm_opts *opts)
{
	static const termin_tm_opts defaults = TERMIN_TM_OPTS_INIT;
	termin_tm *tm;
	int rc;
	*out = NULL;
	if (!opts)
		opts = &defaults;
	tm = termin__xcalloc(1, sizeof *tm);
	tm->path = termin__xstrdup(path);
	tm->busy_ms = opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 600000;
	rc = termin__db_open(&tm->db, path, opts->readonly, tm->busy_ms, &tm->schema);
	if (rc < 0) {
		free(tm->path);
		free(tm);
		return rc;
	}
	*out = tm;
	return 0;
}

void termin_tm_close(termin_tm *tm)
{
	if (!tm)
		return;
	if (tm->in_batch)
		termin_tm_rollback(tm);
	for (int i = 0; i < ST_N; i++)
		sqlite3_finalize(tm->st[i]);
	sqlite3_close(tm->db);
	free(tm->path);
	free(tm->doc_name);
	free(tm->last_doc);
	termin__tm_prepper_free(tm->pp);
	termin__arena_free(&tm->prep_mem);
	free(tm->keys);
	free(tm->ukeys);
	free(tm->uslots);
	free(tm->bloom);
	for (int i = 0; i < 3; i++)
		free(tm->hdr[i]);
	free(tm->hmeta);
	termin_buf_free(&tm->hpool);
	for (int i = 0; i < 2; i++)
		free(tm->held[i]);
	free(tm);
}

/* ======================= hashing ======================= */

/* Bytes copied as they are by normalise_space: all but ASCII white space
 * and the lead bytes of the Unicode spaces, C2 (U+00A0), E1 (U+1680,
 * U+180E), E2 (U+2000..U+205F) and E3 (U+3000). Any other byte of a
 * multi-byte character (Cyrillic: D0, D1 and continuation bytes) is
 * copied without decoding. */
static const unsigned char plain_byte[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* Appends `s` to `b` with runs of white space (ASCII, NBSP and the other
 * Unicode spaces) collapsed to one space and the ends trimmed; the start
 * is trimmed only when `b` is empty. */
static void normalise_space(termin_buf *b, const char *s, size_t len)
{
	size_t i = 0;
	int pending = 0;
	termin_buf_reserve(b, len + 1);
	char *o = b->ptr + b->len;
	const char *first = b->ptr;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (plain_byte[c]) { /* a run of them: a word, mostly */
			if (pending && o > first)
				*o++ = ' ';
			pending = 0;
			do {
				*o++ = (char)c;
				i++;
			} while (i < len && plain_byte[c = (unsigned char)s[i]]);
			continue;
		}
		size_t n = 1;
		int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
		if (c >= 0x80) {
			size_t j = i;
			int32_t cp = termin__utf8_next(s, len, &j);
			n = j - i;
			space = cp > 0 && termin__is_space(cp);
		}
		if (space) {
			pending = 1;
		} else {
			if (pending && o > first)
				*o++ = ' ';
			pending = 0;
			memcpy(o, s + i, n);
			o += n;
		}
		i += n;
	}
	b->len = (size_t)(o - b->ptr);
	b->ptr[b->len] = '\0';
}

uint64_t termin_tm_text_hash(const char *text, size_t len)
{
	termin_buf b = TERMIN_BUF_INIT;
	normalise_space(&b, text, len);
	uint64_t h = termin__hash64(b.ptr ? b.ptr : "", b.len, 0);
	termin_buf_free(&b);
	return h;
}

/* ======================= preparing a unit ======================= */

struct termin__tm_prepper {
	int fuzzy, fts;         /* what to work out besides the hashes */
	termin_buf norm;        /* scratch */
	uint64_t *vh;
	size_t cap_vh;
	termin_fuzzy_seg *seg;
	uint64_t *terms;
	size_t cap_terms;
};

termin__tm_prepper *termin__tm_prepper_new(int fuzzy, int fts)
{
	termin__tm_prepper *pp = termin__xcalloc(1, sizeof *pp);
	pp->fuzzy = fuzzy;
	pp->fts = fts;
	return pp;
}

void termin__tm_prepper_free(termin__tm_prepper *pp)
{
	if (!pp)
		return;
	termin_buf_free(&pp->norm);
	free(pp->vh);
	termin_fuzzy_seg_free(pp->seg);
	free(pp->terms);
	free(pp);
}

/* The identity of a unit: source language and its variants (language and
 * markup with white space collapsed), in any order. Also fills `th` with
 * the text hash of each variant, taken from the same normalised markup when
 * the text is the markup (as it mostly is). */
static uint64_t unit_hash(termin__tm_prepper *pp, const termin_tmx_unit *u,
                          char (*langs)[TERMIN_LANG_MAX], uint64_t *th)
{
	termin_buf *norm = &pp->norm;
	TERMIN_GROW(pp->vh, pp->cap_vh, u->n_variants + 1);
	for (size_t i = 0; i < u->n_variants; i++) {
		const termin_tmx_variant *v = &u->variants[i];
		size_t tlen = v->text ? v->text_len : 0, pre;
		termin_buf_clear(norm);
		termin_buf_puts(norm, langs[i]);
		termin_buf_putc(norm, '\0');
		pre = norm->len;
		/* the language's bytes count as the start: white space before
		 * the markup leaves one space (as it always has in the unit's
		 * identity, which names units without a tuid) */
		normalise_space(norm, v->markup, v->markup_len);
		pp->vh[i] = termin__hash64(norm->ptr, norm->len, 1);
		if (tlen == v->markup_len && (tlen == 0 || memcmp(v->text, v->markup, tlen) == 0)) {
			if (norm->len > pre && norm->ptr[pre] == ' ')
				pre++; /* the text hash trims it */
			th[i] = termin__hash64(norm->ptr + pre, norm->len - pre, 0);
		} else {
			termin_buf_clear(norm);
			normalise_space(norm, v->text ? v->text : "", tlen);
			th[i] = termin__hash64(norm->ptr, norm->len, 0);
		}
	}
	/* a handful of variants: insertion sort */
	uint64_t *vh = pp->vh;
	for (size_t i = 1; i < u->n_variants; i++)
		for (size_t k = i; k > 0 && vh[k - 1] > vh[k]; k--) {
			uint64_t t = vh[k];
			vh[k] = vh[k - 1];
			vh[k - 1] = t;
		}
	termin_buf_clear(norm);
	termin_buf_puts(norm, u->srclang ? u->srclang : "*all*");
	termin_buf_putc(norm, '\0');
	termin_buf_put(norm, (const char *)vh, u->n_variants * sizeof *vh);
	return termin__hash64(norm->ptr, norm->len, 2);
}

void *termin__tm_prepare(void *ctx, const termin_tmx_unit *u, termin__arena *a)
{
	termin__tm_prepper *pp = ctx;
	size_t n = u->n_variants;
	termin__tm_prep *p = termin__arena_alloc(a, sizeof *p);
	memset(p, 0, sizeof *p);
	p->langs = termin__arena_alloc(a, (n + 1) * sizeof *p->langs);
	for (size_t i = 0; i < n; i++)
		if (!u->variants[i].lang || termin_lang_normalize(u->variants[i].lang, p->langs[i]) < 0)
			return p; /* not ok: termin_tm_add says what is wrong */
	if (!u->srclang || strcmp(u->srclang, "*all*") == 0)
		strcpy(p->srclang, "*all*");
	else if (termin_lang_normalize(u->srclang, p->srclang) < 0)
		return p;
	p->th = termin__arena_alloc(a, (n + 1) * sizeof *p->th);
	p->hash = unit_hash(pp, u, p->langs, p->th);
	if (pp->fuzzy) {
		p->terms = termin__arena_alloc(a, (n + 1) * sizeof *p->terms);
		p->n_terms = termin__arena_alloc(a, (n + 1) * sizeof *p->n_terms);
		if (!pp->seg)
			pp->seg = termin__xcalloc(1, sizeof *pp->seg);
		for (size_t i = 0; i < n; i++) {
			const termin_tmx_variant *v = &u->variants[i];
			size_t k = termin__fuzzy_terms(pp->seg, p->langs[i], v->markup,
			                               v->markup ? v->markup_len : 0, &pp->terms, &pp->cap_terms);
			uint64_t *t = termin__arena_alloc(a, (k + 1) * sizeof *t);
			if (k)
				memcpy(t, pp->terms, k * sizeof *t);
			p->terms[i] = t;
			p->n_terms[i] = k;
		}
	}
	if (pp->fts) {
		p->toks = termin__arena_alloc(a, (n + 1) * sizeof *p->toks);
		for (size_t i = 0; i < n; i++) {
			const termin_tmx_variant *v = &u->variants[i];
			p->toks[i] = termin__fts_pretokenize(v->text ? v->text : "",
			                                     v->text ? (int)v->text_len : 0, &pp->norm, a);
		}
	}
	p->ok = 1;
	return p;
}

char *termin_tm_escape(const char *text, size_t len, size_t *out_len)
{
	termin_buf b = TERMIN_BUF_INIT;
	size_t run = 0;
	termin_buf_reserve(&b, len);
	for (size_t i = 0; i < len; i++) {
		const char *rep = text[i] == '&' ? "&amp;" : text[i] == '<' ? "&lt;"
		                : text[i] == '>' ? "&gt;" : NULL;
		if (!rep)
			continue;
		termin_buf_put(&b, text + run, i - run);
		termin_buf_puts(&b, rep);
		run = i + 1;
	}
	termin_buf_put(&b, text + run, len - run);
	if (out_len)
		*out_len = b.len;
	return termin_buf_detach(&b);
}

/* ======================= batches ======================= */

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_date(sqlite3_stmt *st, int i, int64_t t)
{
	if (t == TERMIN_NODATE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, t);
}

static int step_done(termin_tm *tm, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return termin__db_fail(tm->db, what);
	return 0;
}

const char *termin__tm_user(void)
{
	const char *u = getenv("USER");
	if (u && *u)
		return u;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : NULL;
}

/* The id of document `name`, created when new. */
static int doc_id(termin_tm *tm, const char *name, int64_t *out)
{
	int rc;
	if (tm->last_doc && strcmp(tm->last_doc, name) == 0) {
		*out = tm->last_doc_id;
		return 0;
	}
	if ((rc = prep(tm, ST_FIND_DOC)) < 0)
		return rc;
	sqlite3_bind_text(tm->st[ST_FIND_DOC], 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(tm->st[ST_FIND_DOC]);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(tm->st[ST_FIND_DOC], 0);
	} else if (rc == SQLITE_DONE) {
		if ((rc = prep(tm, ST_INS_DOC)) < 0)
			return rc;
		sqlite3_bind_text(tm->st[ST_INS_DOC], 1, name, -1, SQLITE_STATIC);
		if ((rc = step_done(tm, tm->st[ST_INS_DOC], "cannot add a document")) < 0)
			return rc;
		*out = sqlite3_last_insert_rowid(tm->db);
	} else {
		return termin__db_fail(tm->db, "cannot find a document");
	}
	sqlite3_reset(tm->st[ST_FIND_DOC]);
	free(tm->last_doc);
	tm->last_doc = termin__xstrdup(name);
	tm->last_doc_id = *out;
	return 0;
}

static int add_meta(termin_tm *tm, int which, int64_t tu, int64_t tuv, int64_t import,
                    const termin_tmx_meta *m)
{
	int rc;
	if ((rc = prep(tm, which)) < 0)
		return rc;
	sqlite3_stmt *st = tm->st[which];
	if (tu)
		sqlite3_bind_int64(st, 1, tu);
	if (tuv)
		sqlite3_bind_int64(st, 2, tuv);
	if (import)
		sqlite3_bind_int64(st, 3, import);
	sqlite3_bind_text(st, 4, m->is_note ? "note" : "prop", -1, SQLITE_STATIC);
	bind_text(st, 5, m->is_note ? NULL : (m->type ? m->type : ""));
	bind_text(st, 6, m->lang);
	bind_text(st, 7, m->text ? m->text : "");
	return step_done(tm, st, "cannot store a prop or note");
}

int termin_tm_begin(termin_tm *tm, const termin_tm_source *src)
{
	static const termin_tm_source defaults = TERMIN_TM_SOURCE_INIT;
	const termin_tmx_info *h;
	int rc;
	if (tm->in_batch)
		return termin__error_set(TERMIN_ERROR, "termin_tm_begin: a batch is already open");
	if (!src)
		src = &defaults;
	h = src->header;
	/* IMMEDIATE: take the write lock now (waiting for the busy timeout), so
	 * that two writers never deadlock upgrading read locks */
	if ((rc = termin__db_exec(tm->db, "BEGIN IMMEDIATE")) < 0)
		return rc;
	tm->in_batch = 1;
	tm->now = termin_tmx_now();
	tm->added = tm->merged = tm->skipped = 0;
	tm->digest = src->digest;
	tm->size = src->size;
	if ((rc = prep(tm, ST_INS_IMPORT)) < 0)
		goto fail;
	sqlite3_stmt *st = tm->st[ST_INS_IMPORT];
	sqlite3_bind_text(st, 1, src->name ? src->name : "(api)", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, src->format ? src->format : "api", -1, SQLITE_STATIC);
	if (src->digest)
		sqlite3_bind_int64(st, 3, (sqlite3_int64)src->digest);
	if (src->digest || src->size)
		sqlite3_bind_int64(st, 4, (sqlite3_int64)src->size);
	sqlite3_bind_int64(st, 5, tm->now);
	bind_text(st, 6, termin__tm_user());
	if (h) {
		bind_text(st, 7, h->creationtool);
		bind_text(st, 8, h->creationtoolversion);
		bind_text(st, 9, h->srclang);
		bind_text(st, 10, h->segtype);
		bind_text(st, 11, h->datatype);
		bind_text(st, 12, h->o_tmf);
		bind_text(st, 13, h->adminlang);
		bind_date(st, 14, h->creationdate);
	}
	if ((rc = step_done(tm, st, "cannot record the import")) < 0)
		goto fail;
	tm->import_id = sqlite3_last_insert_rowid(tm->db);
	for (size_t i = 0; h && i < h->n_meta; i++)
		if ((rc = add_meta(tm, ST_INS_META, 0, 0, tm->import_id, &h->meta[i])) < 0)
			goto fail;
	free(tm->doc_name);
	tm->doc_name = termin__xstrdup(src->doc ? src->doc : src->name ? src->name : "(api)");
	if ((rc = doc_id(tm, tm->doc_name, &tm->doc_id)) < 0)
		goto fail;
	if ((rc = prep(tm, ST_MAX_TU)) < 0)
		goto fail;
	if (sqlite3_step(tm->st[ST_MAX_TU]) != SQLITE_ROW) {
		rc = termin__db_fail(tm->db, "cannot count the units");
		goto fail;
	}
	tm->units_before = sqlite3_column_int64(tm->st[ST_MAX_TU], 0);
	sqlite3_reset(tm->st[ST_MAX_TU]);
	tm->units_seen = 0;
	if (tm->units_before == 0) { /* an empty TM: the filter starts empty */
		tm->bloom = termin__xcalloc(BLOOM_WORDS, sizeof *tm->bloom);
		tm->bloom_on = 1;
	}
	/* An index that is up to date is kept so by the batch itself; one
	 * that lags (a crash, an older termin) is caught up by the next
	 * termin_fuzzy_index_update, this batch's variants included. */
	if ((rc = termin__fuzzy_index_current(tm->db)) < 0)
		goto fail;
	if (rc == 1 && (rc = termin__fuzzy_batch_new(tm->db, &tm->fz)) < 0)
		goto fail;
	return 0;
fail:
	termin_tm_rollback(tm);
	return rc;
}

/* tuv_key rows gathered before they are written, sorted: 8 MiB. */
#define KEY_BATCH (1u << 19)

/* ======================= unit keys ======================= */

/* The word and the bits of key h (a hash already: its bits are used as
 * they are). */
static uint64_t *bloom_word(const termin_tm *tm, uint64_t h, uint64_t *bits)
{
	*bits = ((uint64_t)1 << (h & 63)) | ((uint64_t)1 << ((h >> 6) & 63)) |
	        ((uint64_t)1 << ((h >> 12) & 63));
	return &tm->bloom[h >> (64 - (BLOOM_BITS - 6))];
}

static void bloom_add(termin_tm *tm, uint64_t h)
{
	uint64_t bits, *w = bloom_word(tm, h, &bits);
	*w |= bits;
}

static int bloom_maybe(const termin_tm *tm, uint64_t h)
{
	uint64_t bits, *w = bloom_word(tm, h, &bits);
	return (*w & bits) == bits;
}

/* Puts ukeys[i] into the hash table. */
static void ukey_slot(termin_tm *tm, size_t i)
{
	size_t h = (size_t)tm->ukeys[i].hash & (tm->n_uslots - 1);
	while (tm->uslots[h])
		h = (h + 1) & (tm->n_uslots - 1);
	tm->uslots[h] = (uint32_t)i + 1;
}

/* Remembers a new unit's key until flush_keys writes it. */
static void ukey_add(termin_tm *tm, uint64_t hash, int64_t id)
{
	TERMIN_GROW(tm->ukeys, tm->cap_ukeys, tm->n_ukeys + 1);
	tm->ukeys[tm->n_ukeys].hash = (sqlite3_int64)hash;
	tm->ukeys[tm->n_ukeys++].id = id;
	if (tm->bloom_on)
		bloom_add(tm, hash);
}

/* The id of the pending unit with key `hash`, 0 when none. The hash table
 * takes the keys added since the last look-up only now: with the filter
 * on, a batch of new units never needs it. */
static int64_t ukey_pending(termin_tm *tm, uint64_t hash)
{
	if (!tm->n_ukeys)
		return 0;
	if (tm->n_ukeys * 2 > tm->n_uslots) {
		size_t ns = tm->n_uslots ? tm->n_uslots : 4096;
		while (tm->n_ukeys * 2 > ns)
			ns *= 2;
		free(tm->uslots);
		tm->uslots = termin__xcalloc(ns, sizeof *tm->uslots);
		tm->n_uslots = ns;
		tm->n_uslotted = 0;
	}
	for (; tm->n_uslotted < tm->n_ukeys; tm->n_uslotted++)
		ukey_slot(tm, tm->n_uslotted);
	size_t h = (size_t)hash & (tm->n_uslots - 1);
	while (tm->uslots[h]) {
		const struct tkey *k = &tm->ukeys[tm->uslots[h] - 1];
		if ((uint64_t)k->hash == hash)
			return k->id;
		h = (h + 1) & (tm->n_uslots - 1);
	}
	return 0;
}

static void ukeys_clear(termin_tm *tm)
{
	tm->n_ukeys = 0;
	if (tm->n_uslotted)
		memset(tm->uslots, 0, tm->n_uslots * sizeof *tm->uslots);
	tm->n_uslotted = 0;
}

/* Fills the Bloom filter with every unit key of the TM: the written ones
 * (one pass over tu_key, in key order) and the batch's pending ones. */
static int bloom_fill(termin_tm *tm)
{
	int rc;
	if ((rc = prep(tm, ST_ALL_UKEYS)) < 0)
		return rc;
	free(tm->bloom);
	tm->bloom = termin__xcalloc(BLOOM_WORDS, sizeof *tm->bloom);
	sqlite3_stmt *st = tm->st[ST_ALL_UKEYS];
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		bloom_add(tm, (uint64_t)sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return termin__db_fail(tm->db, "cannot read the unit keys");
	for (size_t i = 0; i < tm->n_ukeys; i++)
		bloom_add(tm, (uint64_t)tm->ukeys[i].hash);
	tm->bloom_on = 1;
	return 0;
}

/* Finds the stored unit with key `hash`: 1 and its id in *id, 0 when
 * there is none, or a negative code. */
static int find_unit(termin_tm *tm, uint64_t hash, int64_t *id)
{
	int rc;
	/* reading tu_key whole pays once the batch has looked up about a
	 * sixty-fourth of it one key at a time */
	if (!tm->bloom_on && ++tm->units_seen >= 4096 &&
	    (int64_t)tm->units_seen * 64 >= tm->units_before && (rc = bloom_fill(tm)) < 0)
		return rc;
	if (tm->bloom_on && !bloom_maybe(tm, hash))
		return 0;
	if ((*id = ukey_pending(tm, hash)) != 0)
		return 1;
	if ((rc = prep(tm, ST_FIND_UKEY)) < 0)
		return rc;
	sqlite3_stmt *st = tm->st[ST_FIND_UKEY];
	sqlite3_bind_int64(st, 1, (sqlite3_int64)hash);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return termin__db_fail(tm->db, "cannot look up a unit");
}

static int cmp_tkey(const void *a, const void *b)
{
	const struct tkey *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static inline int tkey_less(const struct tkey *x, const struct tkey *y)
{
	return x->hash < y->hash || (x->hash == y->hash && x->id < y->id);
}

/* Sorts keys by (hash, id): a quicksort with the comparison inline, about
 * three times qsort's speed on random hashes; a part that will not shrink
 * (deeper than 2 log2 n) goes to qsort. */
static void sort_keys(struct tkey *k, size_t n, int depth)
{
	while (n > 16) {
		if (depth-- <= 0) {
			qsort(k, n, sizeof *k, cmp_tkey);
			return;
		}
		/* median of three to k[0] as the pivot */
		size_t m = n / 2;
		struct tkey t;
#define TKEY_SWAP(a, b) (t = k[a], k[a] = k[b], k[b] = t)
		if (tkey_less(&k[m], &k[0]))
			TKEY_SWAP(m, 0);
		if (tkey_less(&k[n - 1], &k[m]))
			TKEY_SWAP(n - 1, m);
		if (tkey_less(&k[m], &k[0]))
			TKEY_SWAP(m, 0);
		TKEY_SWAP(0, m);
		struct tkey p = k[0];
		size_t i = 0, j = n;
		for (;;) {
			do
				i++;
			while (i < n && tkey_less(&k[i], &p));
			do
				j--;
			while (tkey_less(&p, &k[j]));
			if (i >= j)
				break;
			TKEY_SWAP(i, j);
		}
		TKEY_SWAP(0, j);
#undef TKEY_SWAP
		/* the smaller side by recursion, the larger by the loop */
		if (j < n - j - 1) {
			sort_keys(k, j, depth);
			k += j + 1;
			n -= j + 1;
		} else {
			sort_keys(k + j + 1, n - j - 1, depth);
			n = j;
		}
	}
	for (size_t a = 1; a < n; a++) {
		struct tkey x = k[a];
		size_t b = a;
		for (; b > 0 && tkey_less(&x, &k[b - 1]); b--)
			k[b] = k[b - 1];
		k[b] = x;
	}
}

/* Writes `n` gathered key rows with statement `which`, in key order:
 * consecutive inserts land on the same or the next page of the table. */
static int write_keys(termin_tm *tm, int which, struct tkey *keys, size_t n, const char *what)
{
	int rc;
	if (!n)
		return 0;
	int depth = 0;
	for (size_t m = n; m; m >>= 1)
		depth += 2;
	sort_keys(keys, n, depth);
	if ((rc = prep(tm, which)) < 0)
		return rc;
	sqlite3_stmt *st = tm->st[which];
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, keys[i].hash);
		sqlite3_bind_int64(st, 2, keys[i].id);
		if ((rc = step_done(tm, st, what)) < 0)
			return rc;
		sqlite3_reset(st);
	}
	return 0;
}

/* Writes the gathered tuv_key and tu_key rows. */
static int flush_keys(termin_tm *tm)
{
	int rc;
	if ((rc = write_keys(tm, ST_INS_KEY, tm->keys, tm->n_keys, "cannot store a variant's key")) < 0 ||
	    (rc = write_keys(tm, ST_INS_UKEY, tm->ukeys, tm->n_ukeys, "cannot store a unit's key")) < 0)
		return rc;
	tm->n_keys = 0;
	ukeys_clear(tm);
	return 0;
}

static int translated(const termin_tmx_unit *u, char (*langs)[TERMIN_LANG_MAX], const char *src)
{
	size_t nonempty = 0;
	for (size_t i = 0; i < u->n_variants; i++) {
		if (u->variants[i].markup_len == 0)
			continue;
		nonempty++;
		if (strcmp(src, "*all*") != 0 && strcasecmp(langs[i], src) != 0)
			return 1;
	}
	return strcmp(src, "*all*") == 0 && nonempty >= 2;
}

/* Inserts the tu row of a new unit. */
static int insert_unit(termin_tm *tm, const termin_tmx_unit *u, uint64_t hash, const char *srclang,
                       long usage, int64_t stamp, int flags, int64_t unit_doc)
{
	int rc;
	if ((rc = prep(tm, ST_INS_TU)) < 0)
		return rc;
	sqlite3_stmt *st = tm->st[ST_INS_TU];
	sqlite3_bind_int64(st, 1, (sqlite3_int64)hash);
	bind_text(st, 2, u->tuid);
	sqlite3_bind_text(st, 3, srclang, -1, SQLITE_STATIC);
	bind_date(st, 4, u->stamp.created);
	bind_text(st, 5, u->stamp.created_by);
	bind_date(st, 6, u->stamp.changed);
	bind_text(st, 7, u->stamp.changed_by);
	bind_date(st, 8, u->stamp.last_used);
	sqlite3_bind_int64(st, 9, usage);
	sqlite3_bind_int64(st, 10, stamp);
	bind_text(st, 11, u->stamp.attrs);
	sqlite3_bind_int(st, 12, flags);
	sqlite3_bind_int64(st, 13, unit_doc);
	sqlite3_bind_int64(st, 14, tm->import_id);
	return step_done(tm, st, "cannot store a unit");
}

int termin_tm_add(termin_tm *tm, const termin_tmx_unit *u, const termin_tm_context *ctx)
{
	if (!tm->pp)
		tm->pp = termin__tm_prepper_new(0, 0);
	/* the fuzzy index's terms only when this batch feeds it */
	tm->pp->fuzzy = tm->fz != NULL;
	termin__arena_reset(&tm->prep_mem);
	return termin__tm_add_prepared(tm, u, ctx, termin__tm_prepare(tm->pp, u, &tm->prep_mem));
}

int termin__tm_add_prepared(termin_tm *tm, const termin_tmx_unit *u, const termin_tm_context *ctx,
                            const termin__tm_prep *p)
{
	char lang[TERMIN_LANG_MAX];
	int rc, has_meta = u->n_meta > 0, is_new;
	int64_t tu_id, unit_doc = tm->doc_id;
	sqlite3_stmt *st;

	if (!tm->in_batch)
		return termin__error_set(TERMIN_ERROR, "termin_tm_add: no batch is open");
	if (u->n_variants == 0)
		return termin__error_set(TERMIN_EINVALID, "a unit without variants");
	if (!p->ok) { /* say which language is wrong */
		for (size_t i = 0; i < u->n_variants; i++)
			if (!u->variants[i].lang || (rc = termin_lang_normalize(u->variants[i].lang, lang)) < 0)
				return TERMIN_EINVALID;
		if (u->srclang && strcmp(u->srclang, "*all*") != 0 &&
		    (rc = termin_lang_normalize(u->srclang, lang)) < 0)
			return rc;
		return termin__error_set(TERMIN_ERROR, "a unit could not be prepared");
	}
	char (*langs)[TERMIN_LANG_MAX] = p->langs;
	const char *srclang = p->srclang;
	for (size_t i = 0; i < u->n_variants; i++)
		if (u->variants[i].n_meta)
			has_meta = 1;
	if (ctx && ctx->doc && (rc = doc_id(tm, ctx->doc, &unit_doc)) < 0)
		return rc;

	uint64_t hash = p->hash;
	int64_t stamp = u->stamp.changed != TERMIN_NODATE ? u->stamp.changed
	              : u->stamp.created != TERMIN_NODATE ? u->stamp.created : tm->now;
	if (u->stamp.changed != TERMIN_NODATE && u->stamp.created != TERMIN_NODATE &&
	    u->stamp.created > stamp)
		stamp = u->stamp.created;
	int flags = (has_meta ? 1 : 0) | (translated(u, langs, srclang) ? 2 : 0);
	long usage = u->stamp.usage > 0 ? u->stamp.usage : 1;

	if ((rc = find_unit(tm, hash, &tu_id)) < 0)
		goto done;
	is_new = rc == 0;
	if (is_new) {
		if ((rc = insert_unit(tm, u, hash, srclang, usage, stamp, flags, unit_doc)) < 0)
			goto done;
		tu_id = sqlite3_last_insert_rowid(tm->db);
		ukey_add(tm, hash, tu_id);
		tm->added++;
	} else {
		int64_t stored_doc = 0;
		if ((rc = prep(tm, ST_FIND_TU)) < 0)
			goto done;
		sqlite3_bind_int64(tm->st[ST_FIND_TU], 1, tu_id);
		if (sqlite3_step(tm->st[ST_FIND_TU]) != SQLITE_ROW) {
			rc = termin__db_fail(tm->db, "cannot find a unit");
			goto done;
		}
		stored_doc = sqlite3_column_int64(tm->st[ST_FIND_TU], 0);
		sqlite3_reset(tm->st[ST_FIND_TU]);
		if ((rc = prep(tm, ST_MERGE_TU)) < 0)
			goto done;
		st = tm->st[ST_MERGE_TU];
		sqlite3_bind_int64(st, 1, usage);
		bind_date(st, 2, u->stamp.last_used);
		sqlite3_bind_int(st, 3, has_meta ? 1 : 0);
		sqlite3_bind_int64(st, 4, tu_id);
		if ((rc = step_done(tm, st, "cannot update a unit")) < 0)
			goto done;
		tm->merged++;
		/* a unit seen again in another document: remember where */
		if (!ctx && stored_doc != unit_doc) {
			static const termin_tm_context here = { NULL, 0, 0, 0 };
			ctx = &here;
		}
	}

	/* unit-level props and notes */
	for (size_t i = 0; i < u->n_meta; i++)
		if ((rc = add_meta(tm, is_new ? ST_INS_META : ST_MERGE_META, tu_id, 0, 0, &u->meta[i])) < 0)
			goto done;

	for (size_t i = 0; i < u->n_variants; i++) {
		const termin_tmx_variant *v = &u->variants[i];
		uint64_t th = p->th[i];
		int64_t tuv_id = 0;
		if (is_new) {
			if ((rc = prep(tm, ST_INS_TUV)) < 0)
				goto done;
			st = tm->st[ST_INS_TUV];
			sqlite3_bind_int64(st, 1, tu_id);
			sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
			sqlite3_bind_text(st, 3, langs[i], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, v->markup ? v->markup : "", (int)v->markup_len, SQLITE_STATIC);
			/* the plain text is stored only when it differs from the markup:
			 * it rarely does, and the TM is then a third smaller */
			size_t tlen = v->text ? v->text_len : 0;
			if (tlen != v->markup_len || (tlen && memcmp(v->text, v->markup, tlen) != 0))
				sqlite3_bind_text(st, 5, v->text ? v->text : "", (int)tlen, SQLITE_STATIC);
			sqlite3_bind_int64(st, 6, (sqlite3_int64)th);
			bind_date(st, 7, v->stamp.created);
			bind_text(st, 8, v->stamp.created_by);
			bind_date(st, 9, v->stamp.changed);
			bind_text(st, 10, v->stamp.changed_by);
			bind_date(st, 11, v->stamp.last_used);
			sqlite3_bind_int64(st, 12, v->stamp.usage);
			bind_text(st, 13, v->stamp.attrs);
			if ((rc = step_done(tm, st, "cannot store a variant")) < 0)
				goto done;
			tuv_id = sqlite3_last_insert_rowid(tm->db);
			TERMIN_GROW(tm->keys, tm->cap_keys, tm->n_keys + 1);
			tm->keys[tm->n_keys].hash = (sqlite3_int64)th;
			tm->keys[tm->n_keys++].id = tuv_id;
			if (tm->n_keys >= KEY_BATCH && (rc = flush_keys(tm)) < 0)
				goto done;
			if (tm->fz && (rc = p->terms
			               ? termin__fuzzy_batch_add_terms(tm->fz, tuv_id, p->terms[i], p->n_terms[i])
			               : termin__fuzzy_batch_add(tm->fz, tuv_id, langs[i], v->markup,
			                                         v->markup ? v->markup_len : 0)) < 0)
				goto done;
			if ((rc = prep(tm, ST_INS_FTS)) < 0)
				goto done;
			st = tm->st[ST_INS_FTS];
			sqlite3_bind_int64(st, 1, tuv_id);
			sqlite3_bind_text(st, 2, v->text ? v->text : "", v->text ? (int)v->text_len : 0,
			                  SQLITE_STATIC);
			termin__fts_expect(p->toks ? p->toks[i] : NULL);
			rc = step_done(tm, st, "cannot index a variant");
			termin__fts_expect(NULL);
			if (rc < 0)
				goto done;
		} else if (v->n_meta) {
			if ((rc = prep(tm, ST_FIND_TUV)) < 0)
				goto done;
			st = tm->st[ST_FIND_TUV];
			sqlite3_bind_int64(st, 1, tu_id);
			sqlite3_bind_text(st, 2, langs[i], -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 3, (sqlite3_int64)th);
			if (sqlite3_step(st) == SQLITE_ROW)
				tuv_id = sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
		}
		for (size_t k = 0; tuv_id && k < v->n_meta; k++)
			if ((rc = add_meta(tm, is_new ? ST_INS_META : ST_MERGE_META, tu_id, tuv_id, 0,
			                   &v->meta[k])) < 0)
				goto done;
	}

	if (ctx) {
		if ((rc = prep(tm, ST_INS_OCC)) < 0)
			goto done;
		st = tm->st[ST_INS_OCC];
		sqlite3_bind_int64(st, 1, tu_id);
		sqlite3_bind_int64(st, 2, tm->import_id);
		sqlite3_bind_int64(st, 3, unit_doc);
		if (ctx->pos)
			sqlite3_bind_int64(st, 4, ctx->pos);
		if (ctx->prev_hash)
			sqlite3_bind_int64(st, 5, (sqlite3_int64)ctx->prev_hash);
		if (ctx->next_hash)
			sqlite3_bind_int64(st, 6, (sqlite3_int64)ctx->next_hash);
		if ((rc = step_done(tm, st, "cannot record where a unit occurs")) < 0)
			goto done;
	}
	rc = is_new;
done:
	return rc;
}

void termin__tm_set_digest(termin_tm *tm, uint64_t digest, uint64_t size)
{
	tm->digest = digest;
	tm->size = size;
}

int termin__tm_digest_seen(termin_tm *tm, uint64_t digest, uint64_t size)
{
	int rc;
	if ((rc = prep(tm, ST_DIGEST)) < 0)
		return rc;
	sqlite3_stmt *st = tm->st[ST_DIGEST];
	sqlite3_bind_int64(st, 1, (sqlite3_int64)digest);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)size);
	sqlite3_bind_int64(st, 3, tm->in_batch ? tm->import_id : 0);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return termin__db_fail(tm->db, "cannot look up earlier imports");
}

int termin__tm_bulk(termin_tm *tm)
{
	sqlite3_stmt *st = NULL;
	int64_t units;
	int rc;
	if (tm->in_batch || tm->bulk)
		return 0;
	if ((rc = prep(tm, ST_MAX_TU)) < 0)
		return rc;
	rc = sqlite3_step(tm->st[ST_MAX_TU]);
	units = rc == SQLITE_ROW ? sqlite3_column_int64(tm->st[ST_MAX_TU], 0) : -1;
	sqlite3_reset(tm->st[ST_MAX_TU]);
	if (units != 0)
		return 0;
	/* leaving the WAL needs the file to itself: when another connection
	 * has it open, the batch simply runs with the WAL */
	sqlite3_busy_timeout(tm->db, 0);
	if (sqlite3_prepare_v2(tm->db, "PRAGMA journal_mode = DELETE", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(st, 0);
		tm->bulk = mode && strcmp(mode, "delete") == 0;
	}
	sqlite3_finalize(st);
	sqlite3_busy_timeout(tm->db, tm->busy_ms);
	return 0;
}

int termin__tm_feeds_fuzzy(const termin_tm *tm)
{
	return tm->fz != NULL;
}

void termin__tm_count_skipped(termin_tm *tm, size_t n)
{
	tm->skipped += n;
}

void termin__tm_batch_counts(const termin_tm *tm, size_t *added, size_t *merged)
{
	*added = tm->added;
	*merged = tm->merged;
}

/* Lets go of what only a batch needs, and goes back to the WAL after a
 * batch with a rollback journal. */
static void end_batch(termin_tm *tm)
{
	if (tm->bulk) {
		/* if that fails (another process holds the file), the next
		 * connection termin opens sets the WAL again */
		sqlite3_exec(tm->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		tm->bulk = 0;
	}
	ukeys_clear(tm);
	free(tm->bloom);
	tm->bloom = NULL;
	tm->bloom_on = 0;
	tm->in_batch = 0;
}

int termin_tm_commit(termin_tm *tm)
{
	int rc;
	if (!tm->in_batch)
		return termin__error_set(TERMIN_ERROR, "termin_tm_commit: no batch is open");
	if ((rc = prep(tm, ST_UPD_IMPORT)) < 0)
		goto fail;
	sqlite3_stmt *st = tm->st[ST_UPD_IMPORT];
	sqlite3_bind_int64(st, 1, (sqlite3_int64)(tm->added + tm->merged));
	sqlite3_bind_int64(st, 2, (sqlite3_int64)tm->added);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)tm->skipped);
	if (tm->digest) {
		sqlite3_bind_int64(st, 4, (sqlite3_int64)tm->digest);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)tm->size);
	}
	sqlite3_bind_int64(st, 6, tm->import_id);
	if ((rc = step_done(tm, st, "cannot record the import")) < 0 || (rc = flush_keys(tm)) < 0)
		goto fail;
	if (tm->fz && (rc = termin__fuzzy_batch_finish(tm->fz)) < 0)
		goto fail;
	if ((rc = termin__db_exec(tm->db, "COMMIT")) < 0)
		goto fail;
	termin__fuzzy_batch_free(tm->fz);
	tm->fz = NULL;
	end_batch(tm);
	return 0;
fail:
	termin_tm_rollback(tm);
	return rc;
}

void termin_tm_rollback(termin_tm *tm)
{
	if (!tm->in_batch)
		return;
	for (int i = 0; i < ST_N; i++)
		if (tm->st[i])
			sqlite3_reset(tm->st[i]);
	sqlite3_exec(tm->db, "ROLLBACK", NULL, NULL, NULL);
	tm->n_keys = 0;
	termin__fuzzy_batch_free(tm->fz);
	tm->fz = NULL;
	end_batch(tm);
	/* the document cache may name rows that no longer exist */
	free(tm->last_doc);
	tm->last_doc = NULL;
}

/* ======================= reading units ======================= */

struct termin_tm_iter {
	termin_tm *tm;
	sqlite3_stmt *units, *vars, *meta;
	char *src, *tgt;
	termin_buf pool;
	/* offsets while loading, pointers once complete */
	struct vrec { size_t lang, markup, markup_len, text, text_len, by1, by2, attrs;
	              int64_t created, changed, last_used, id; long usage; size_t meta_first, n_meta; } *v;
	size_t n_v, cap_v;
	struct mrec { int is_note; size_t type, lang, text; int64_t tuv_id; } *m;
	size_t n_m, cap_m;
	termin_tmx_variant *pv;
	size_t cap_pv;
	termin_tmx_meta *pm;
	size_t cap_pm;
	termin_tmx_unit unit;
	char tuid_buf[24];
};

#define NO ((size_t)-1)

static size_t pool_col(termin_buf *p, sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return NO;
	const char *s = (const char *)sqlite3_column_text(st, col);
	size_t n = (size_t)sqlite3_column_bytes(st, col), off = p->len;
	termin_buf_put(p, s ? s : "", s ? n : 0);
	termin_buf_putc(p, '\0');
	return off;
}

static int64_t date_col(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? TERMIN_NODATE
	                                                    : sqlite3_column_int64(st, col);
}

static const char *ptr(const termin_buf *p, size_t off)
{
	return off == NO ? NULL : p->ptr + off;
}

static const char unit_cols[] =
	"SELECT tu.id, tu.hash, tu.tuid, tu.srclang, tu.created, tu.created_by, tu.changed, "
	"tu.changed_by, tu.last_used, tu.usage, tu.attrs, tu.flags FROM tu";

static int iter_prepare_parts(termin_tm_iter *it)
{
	int rc;
	if ((rc = termin__db_prepare(it->tm->db, &it->vars,
	                             "SELECT id, lang, markup, text, created, created_by, changed, "
	                             "changed_by, last_used, usage, attrs FROM tuv WHERE tu_id = ?1 "
	                             "ORDER BY seq")) < 0)
		return rc;
	return termin__db_prepare(it->tm->db, &it->meta,
	                          "SELECT tuv_id, kind, type, lang, value FROM meta WHERE tu_id = ?1 "
	                          "ORDER BY id");
}

int termin_tm_iter_new(termin_tm_iter **out, termin_tm *tm, const termin_tm_filter *f)
{
	termin_tm_iter *it = termin__xcalloc(1, sizeof *it);
	termin_buf sql = TERMIN_BUF_INIT;
	int rc, n = 0;

	*out = NULL;
	it->tm = tm;
	termin_buf_puts(&sql, unit_cols);
	if (f && f->doc)
		termin_buf_puts(&sql, " LEFT JOIN doc d ON d.name = :doc");
	termin_buf_puts(&sql, " WHERE 1");
	if (f && f->since != TERMIN_NODATE)
		termin_buf_puts(&sql, " AND tu.stamp >= :since");
	if (!f || !f->include_untranslated) {
		if (f)
			termin_buf_puts(&sql, " AND (tu.flags & 2)");
	}
	if (f && f->doc)
		termin_buf_puts(&sql, " AND (tu.doc_id = d.id OR EXISTS (SELECT 1 FROM occurrence o "
		                      "WHERE o.tu_id = tu.id AND o.doc_id = d.id))");
	if (f && f->src)
		termin_buf_puts(&sql, " AND ((tu.srclang LIKE :src OR tu.srclang LIKE :src || '-%')"
		                      " OR (tu.srclang = '*all*' AND EXISTS (SELECT 1 FROM tuv s WHERE "
		                      "s.tu_id = tu.id AND (s.lang LIKE :src OR s.lang LIKE :src || '-%'))))");
	/* with a target range, a translated unit has a non-empty variant in
	 * it; untranslated ones (when asked for) need none */
	if (f && f->tgt && !f->include_untranslated)
		termin_buf_puts(&sql, " AND EXISTS (SELECT 1 FROM tuv t WHERE t.tu_id = tu.id AND "
		                      "(t.lang LIKE :tgt OR t.lang LIKE :tgt || '-%') AND t.markup <> '')");
	termin_buf_puts(&sql, " ORDER BY tu.id");
	if (f && f->doc) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(tm->db, "SELECT 1 FROM doc WHERE name = ?1", -1, &st, NULL) !=
		    SQLITE_OK) {
			rc = termin__db_fail(tm->db, "cannot read documents");
			goto fail;
		}
		sqlite3_bind_text(st, 1, f->doc, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW) {
			rc = termin__error_set(TERMIN_ENOTFOUND, "%s: no document named '%s' in the TM",
			                       tm->path, f->doc);
			goto fail;
		}
	}
	(void)n;
	if ((rc = termin__db_prepare(tm->db, &it->units, sql.ptr)) < 0)
		goto fail;
	if (f && f->since != TERMIN_NODATE)
		sqlite3_bind_int64(it->units, sqlite3_bind_parameter_index(it->units, ":since"), f->since);
	if (f && f->doc)
		sqlite3_bind_text(it->units, sqlite3_bind_parameter_index(it->units, ":doc"), f->doc, -1,
		                  SQLITE_TRANSIENT);
	if (f && f->src) {
		it->src = termin__xstrdup(f->src);
		sqlite3_bind_text(it->units, sqlite3_bind_parameter_index(it->units, ":src"), it->src, -1,
		                  SQLITE_STATIC);
	}
	if (f && f->tgt) {
		it->tgt = termin__xstrdup(f->tgt);
		sqlite3_bind_text(it->units, sqlite3_bind_parameter_index(it->units, ":tgt"), it->tgt, -1,
		                  SQLITE_STATIC);
	}
	if ((rc = iter_prepare_parts(it)) < 0)
		goto fail;
	termin_buf_free(&sql);
	*out = it;
	return 0;
fail:
	termin_buf_free(&sql);
	termin_tm_iter_free(it);
	return rc;
}

/* Loads the unit of the current row of `st` (columns as unit_cols). */
static int load_unit(termin_tm_iter *it, sqlite3_stmt *st, const termin_tmx_unit **out)
{
	termin_buf *p = &it->pool;
	int64_t id = sqlite3_column_int64(st, 0);
	uint64_t hash = (uint64_t)sqlite3_column_int64(st, 1);
	int flags = sqlite3_column_int(st, 11);
	size_t tuid, srclang, by1, by2, attrs;
	int rc;

	termin_buf_clear(p);
	it->n_v = it->n_m = 0;
	tuid = pool_col(p, st, 2);
	srclang = pool_col(p, st, 3);
	by1 = pool_col(p, st, 5);
	by2 = pool_col(p, st, 7);
	attrs = pool_col(p, st, 10);
	termin_tmx_unit *u = &it->unit;
	memset(u, 0, sizeof *u);
	u->stamp.created = date_col(st, 4);
	u->stamp.changed = date_col(st, 6);
	u->stamp.last_used = date_col(st, 8);
	u->stamp.usage = sqlite3_column_int(st, 9);

	sqlite3_reset(it->vars);
	sqlite3_bind_int64(it->vars, 1, id);
	while ((rc = sqlite3_step(it->vars)) == SQLITE_ROW) {
		sqlite3_stmt *vs = it->vars;
		const char *lang = (const char *)sqlite3_column_text(vs, 1);
		const char *src = ptr(p, srclang);
		int is_src = src && lang && strcasecmp(lang, src) == 0;
		/* with a target range, only the source and the targets */
		if (it->tgt && !is_src && !termin_lang_matches(lang, it->tgt) &&
		    !(it->src && src && strcmp(src, "*all*") == 0 && termin_lang_matches(lang, it->src)))
			continue;
		TERMIN_GROW(it->v, it->cap_v, it->n_v + 1);
		struct vrec *v = &it->v[it->n_v++];
		v->id = sqlite3_column_int64(vs, 0);
		v->lang = pool_col(p, vs, 1);
		v->markup = pool_col(p, vs, 2);
		v->markup_len = (size_t)sqlite3_column_bytes(vs, 2);
		v->text = pool_col(p, vs, 3);
		v->text_len = (size_t)sqlite3_column_bytes(vs, 3);
		v->created = date_col(vs, 4);
		v->by1 = pool_col(p, vs, 5);
		v->changed = date_col(vs, 6);
		v->by2 = pool_col(p, vs, 7);
		v->last_used = date_col(vs, 8);
		v->usage = sqlite3_column_int(vs, 9);
		v->attrs = pool_col(p, vs, 10);
		v->n_meta = 0;
	}
	sqlite3_reset(it->vars);
	if (rc != SQLITE_DONE)
		return termin__db_fail(it->tm->db, "cannot read variants");

	if (flags & 1) {
		sqlite3_bind_int64(it->meta, 1, id);
		while ((rc = sqlite3_step(it->meta)) == SQLITE_ROW) {
			TERMIN_GROW(it->m, it->cap_m, it->n_m + 1);
			struct mrec *m = &it->m[it->n_m++];
			m->tuv_id = sqlite3_column_type(it->meta, 0) == SQLITE_NULL
			            ? 0 : sqlite3_column_int64(it->meta, 0);
			m->is_note = strcmp((const char *)sqlite3_column_text(it->meta, 1), "note") == 0;
			m->type = pool_col(p, it->meta, 2);
			m->lang = pool_col(p, it->meta, 3);
			m->text = pool_col(p, it->meta, 4);
		}
		sqlite3_reset(it->meta);
		if (rc != SQLITE_DONE)
			return termin__db_fail(it->tm->db, "cannot read props and notes");
	}

	/* order the meta: unit's first, then each variant's, document order kept */
	TERMIN_GROW(it->pm, it->cap_pm, it->n_m + 1);
	size_t k = 0;
	for (size_t i = 0; i < it->n_m; i++)
		if (!it->m[i].tuv_id) {
			it->pm[k].is_note = it->m[i].is_note;
			it->pm[k].type = (const char *)(uintptr_t)it->m[i].type;
			it->pm[k].lang = (const char *)(uintptr_t)it->m[i].lang;
			it->pm[k].text = (const char *)(uintptr_t)it->m[i].text;
			k++;
		}
	size_t n_unit_meta = k;
	for (size_t vi = 0; vi < it->n_v; vi++) {
		it->v[vi].meta_first = k;
		for (size_t i = 0; i < it->n_m; i++)
			if (it->m[i].tuv_id == it->v[vi].id) {
				it->pm[k].is_note = it->m[i].is_note;
				it->pm[k].type = (const char *)(uintptr_t)it->m[i].type;
				it->pm[k].lang = (const char *)(uintptr_t)it->m[i].lang;
				it->pm[k].text = (const char *)(uintptr_t)it->m[i].text;
				k++;
			}
		it->v[vi].n_meta = k - it->v[vi].meta_first;
	}
	/* offsets to pointers, now that the pool no longer moves */
	for (size_t i = 0; i < k; i++) {
		it->pm[i].type = ptr(p, (size_t)(uintptr_t)it->pm[i].type);
		it->pm[i].lang = ptr(p, (size_t)(uintptr_t)it->pm[i].lang);
		it->pm[i].text = ptr(p, (size_t)(uintptr_t)it->pm[i].text);
	}
	TERMIN_GROW(it->pv, it->cap_pv, it->n_v + 1);
	for (size_t vi = 0; vi < it->n_v; vi++) {
		struct vrec *v = &it->v[vi];
		termin_tmx_variant *pv = &it->pv[vi];
		memset(pv, 0, sizeof *pv);
		pv->lang = ptr(p, v->lang);
		pv->markup = ptr(p, v->markup);
		pv->markup_len = v->markup_len;
		pv->text = ptr(p, v->text);
		pv->text_len = v->text_len;
		pv->stamp.created = v->created;
		pv->stamp.changed = v->changed;
		pv->stamp.last_used = v->last_used;
		pv->stamp.created_by = ptr(p, v->by1);
		pv->stamp.changed_by = ptr(p, v->by2);
		pv->stamp.usage = v->usage;
		pv->stamp.attrs = ptr(p, v->attrs);
		pv->meta = it->pm + v->meta_first;
		pv->n_meta = v->n_meta;
	}
	if (tuid != NO) {
		u->tuid = ptr(p, tuid);
	} else {
		snprintf(it->tuid_buf, sizeof it->tuid_buf, "%016" PRIx64, hash);
		u->tuid = it->tuid_buf;
	}
	u->srclang = ptr(p, srclang);
	u->stamp.created_by = ptr(p, by1);
	u->stamp.changed_by = ptr(p, by2);
	u->stamp.attrs = ptr(p, attrs);
	u->meta = it->pm;
	u->n_meta = n_unit_meta;
	u->variants = it->pv;
	u->n_variants = it->n_v;
	*out = u;
	return 1;
}

int termin_tm_iter_next(termin_tm_iter *it, const termin_tmx_unit **out)
{
	int rc = sqlite3_step(it->units);
	*out = NULL;
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return termin__db_fail(it->tm->db, "cannot read units");
	return load_unit(it, it->units, out);
}

void termin_tm_iter_free(termin_tm_iter *it)
{
	if (!it)
		return;
	sqlite3_finalize(it->units);
	sqlite3_finalize(it->vars);
	sqlite3_finalize(it->meta);
	free(it->src);
	free(it->tgt);
	termin_buf_free(&it->pool);
	free(it->v);
	free(it->m);
	free(it->pv);
	free(it->pm);
	free(it);
}

/* An iterator over single units fetched by id (lookup and search). */
static int by_id_new(termin_tm *tm, termin_tm_iter **out)
{
	termin_tm_iter *it = termin__xcalloc(1, sizeof *it);
	termin_buf sql = TERMIN_BUF_INIT;
	int rc;
	it->tm = tm;
	termin_buf_puts(&sql, unit_cols);
	termin_buf_puts(&sql, " WHERE tu.id = ?1");
	rc = termin__db_prepare(tm->db, &it->units, sql.ptr);
	termin_buf_free(&sql);
	if (rc < 0 || (rc = iter_prepare_parts(it)) < 0) {
		termin_tm_iter_free(it);
		return rc;
	}
	*out = it;
	return 0;
}

static int by_id_load(termin_tm_iter *it, int64_t id, const termin_tmx_unit **out)
{
	int rc;
	sqlite3_reset(it->units);
	sqlite3_bind_int64(it->units, 1, id);
	rc = sqlite3_step(it->units);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return termin__db_fail(it->tm->db, "cannot read a unit");
	rc = load_unit(it, it->units, out);
	sqlite3_reset(it->units);
	return rc;
}

int termin_tm_lookup(termin_tm *tm, const char *lang, const char *text, size_t len,
                     int (*fn)(void *ctx, const termin_tmx_unit *u), void *ctx)
{
	termin_tm_iter *it = NULL;
	sqlite3_stmt *st = NULL;
	int rc;
	uint64_t h = termin_tm_text_hash(text, len);
	if ((rc = by_id_new(tm, &it)) < 0)
		return rc;
	if ((rc = termin__db_prepare(tm->db, &st,
	                             "SELECT DISTINCT tuv.tu_id, tuv.lang FROM tuv_key k JOIN tuv ON "
	                             "tuv.id = k.tuv_id WHERE k.hash = ?1 ORDER BY tuv.tu_id")) < 0)
		goto done;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)h);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *l = (const char *)sqlite3_column_text(st, 1);
		const termin_tmx_unit *u;
		if (lang && !termin_lang_matches(l, lang))
			continue;
		int r2 = by_id_load(it, sqlite3_column_int64(st, 0), &u);
		if (r2 < 0) {
			rc = r2;
			goto done;
		}
		if (r2 > 0 && fn(ctx, u)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : termin__db_fail(tm->db, "cannot look a text up");
done:
	sqlite3_finalize(st);
	termin_tm_iter_free(it);
	return rc;
}

/* ======================= concordance ======================= */

int termin_tm_search(termin_tm *tm, const char *query, const termin_tm_search_opts *opts,
                     int (*fn)(void *ctx, const termin_tm_hit *hit), void *ctx)
{
	static const termin_tm_search_opts defaults = TERMIN_TM_SEARCH_OPTS_INIT;
	termin_tm_iter *it = NULL;
	sqlite3_stmt *st = NULL;
	termin_buf q = TERMIN_BUF_INIT, text = TERMIN_BUF_INIT;
	size_t *spans = NULL, cap_spans = 0;
	termin_strmap *seen = termin_strmap_new();
	int rc;

	if (!opts)
		opts = &defaults;
	if (opts->raw) {
		termin_buf_puts(&q, query);
	} else {
		/* one phrase: the words in this order */
		termin_buf_putc(&q, '"');
		for (const char *p = query; *p; p++) {
			if (*p == '"')
				termin_buf_putc(&q, '"');
			termin_buf_putc(&q, *p);
		}
		termin_buf_putc(&q, '"');
	}
	if ((rc = by_id_new(tm, &it)) < 0)
		goto done;
	if ((rc = termin__db_prepare(tm->db, &st,
	                             "SELECT tuv.id, tuv.tu_id, highlight(tuv_fts, 0, char(1), char(2)),"
	                             " bm25(tuv_fts), tuv.lang FROM tuv_fts JOIN tuv ON tuv.id = "
	                             "tuv_fts.rowid WHERE tuv_fts MATCH ?1 ORDER BY bm25(tuv_fts), "
	                             "tuv.id")) < 0)
		goto done;
	sqlite3_bind_text(st, 1, q.ptr, (int)q.len, SQLITE_STATIC);
	size_t limit = opts->limit ? opts->limit : 50, hits = 0;
	while (hits < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *lang = (const char *)sqlite3_column_text(st, 4);
		if (opts->lang && !termin_lang_matches(lang, opts->lang))
			continue;
		int64_t tuv_id = sqlite3_column_int64(st, 0);
		const char *hl = (const char *)sqlite3_column_text(st, 2);
		size_t n_spans = 0;
		termin_buf_clear(&text);
		for (const char *p = hl; p && *p; p++) {
			if (*p == '\1' || *p == '\2') {
				TERMIN_GROW(spans, cap_spans, n_spans + 1);
				spans[n_spans++] = text.len;
			} else {
				termin_buf_putc(&text, *p);
			}
		}
		/* a unit once, at its best-ranked variant */
		int64_t tu_id = sqlite3_column_int64(st, 1);
		if (termin_strmap_get(seen, (const char *)&tu_id, sizeof tu_id, NULL))
			continue;
		termin_strmap_put(seen, (const char *)&tu_id, sizeof tu_id, 1);
		const termin_tmx_unit *u;
		int r2 = by_id_load(it, tu_id, &u);
		if (r2 < 0) {
			rc = r2;
			goto done;
		}
		if (r2 == 0)
			continue;
		termin_tm_hit hit = { u, 0, spans, n_spans / 2, sqlite3_column_double(st, 3) };
		for (size_t i = 0; i < u->n_variants; i++)
			if (it->v[i].id == tuv_id)
				hit.variant = i;
		hits++;
		if (fn(ctx, &hit)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		rc = 0;
	} else if (rc < 0) {
		/* ours */
	} else {
		const char *msg = sqlite3_errmsg(tm->db);
		/* a query FTS5 cannot parse is the caller's error, not the database's */
		if ((opts->raw && (sqlite3_errcode(tm->db) & 0xff) == SQLITE_ERROR) ||
		    strstr(msg, "fts5") || strstr(msg, "syntax") || strstr(msg, "no such column"))
			rc = termin__error_set(TERMIN_EUSAGE, "cannot search for '%s': %s", query, msg);
		else
			rc = termin__db_fail(tm->db, "cannot search");
	}
done:
	termin_strmap_free(seen);
	sqlite3_finalize(st);
	termin_tm_iter_free(it);
	termin_buf_free(&q);
	termin_buf_free(&text);
	free(spans);
	return rc;
}

/* ======================= export header ======================= */

static int single_value(termin_tm *tm, const char *sql, char **out)
{
	sqlite3_stmt *st;
	int rc, n = 0;
	free(*out);
	*out = NULL;
	if (sqlite3_prepare_v2(tm->db, sql, -1, &st, NULL) != SQLITE_OK)
		return termin__db_fail(tm->db, "cannot read the header values");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		if (++n == 1 && v)
			*out = termin__xstrdup(v);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return termin__db_fail(tm->db, "cannot read the header values");
	if (n != 1) {
		free(*out);
		*out = NULL;
	}
	return 0;
}

int termin__tm_export_header(termin_tm *tm, const char **segtype, const char **datatype,
                             const char **srclang, const termin_tmx_meta **meta, size_t *n_meta)
{
	int rc;
	sqlite3_stmt *st;
	/* only a segtype the DTD allows: a file's bad one was warned about */
	if ((rc = single_value(tm, "SELECT DISTINCT segtype FROM import WHERE segtype IN "
	                           "('block', 'paragraph', 'sentence', 'phrase') AND units > 0 LIMIT 2",
	                       &tm->hdr[0])) < 0 ||
	    (rc = single_value(tm, "SELECT DISTINCT datatype FROM import WHERE datatype IS NOT NULL "
	                           "AND units > 0 LIMIT 2", &tm->hdr[1])) < 0 ||
	    (rc = single_value(tm, "SELECT DISTINCT srclang FROM tu LIMIT 2", &tm->hdr[2])) < 0)
		return rc;
	*segtype = tm->hdr[0];
	*datatype = tm->hdr[1];
	*srclang = tm->hdr[2];
	termin_buf_clear(&tm->hpool);
	free(tm->hmeta);
	tm->hmeta = NULL;
	tm->n_hmeta = 0;
	if (sqlite3_prepare_v2(tm->db,
	                       "SELECT kind, type, lang, value FROM meta WHERE tu_id IS NULL "
	                       "GROUP BY kind, type, lang, value ORDER BY min(id)", -1, &st, NULL) != SQLITE_OK)
		return termin__db_fail(tm->db, "cannot read header props");
	size_t cap = 0;
	struct mrec *offs = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		TERMIN_GROW(offs, cap, tm->n_hmeta + 1);
		offs[tm->n_hmeta].is_note = strcmp((const char *)sqlite3_column_text(st, 0), "note") == 0;
		offs[tm->n_hmeta].type = pool_col(&tm->hpool, st, 1);
		offs[tm->n_hmeta].lang = pool_col(&tm->hpool, st, 2);
		offs[tm->n_hmeta].text = pool_col(&tm->hpool, st, 3);
		tm->n_hmeta++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(offs);
		return termin__db_fail(tm->db, "cannot read header props");
	}
	tm->hmeta = termin__xcalloc(tm->n_hmeta + 1, sizeof *tm->hmeta);
	for (size_t i = 0; i < tm->n_hmeta; i++) {
		tm->hmeta[i].is_note = offs[i].is_note;
		tm->hmeta[i].type = ptr(&tm->hpool, offs[i].type);
		tm->hmeta[i].lang = ptr(&tm->hpool, offs[i].lang);
		tm->hmeta[i].text = ptr(&tm->hpool, offs[i].text);
	}
	free(offs);
	*meta = tm->hmeta;
	*n_meta = tm->n_hmeta;
	return 0;
}

/* ======================= figures ======================= */

static int count_of(termin_tm *tm, const char *sql, uint64_t *out)
{
	sqlite3_stmt *st;
	int rc;
	*out = 0;
	if (sqlite3_prepare_v2(tm->db, sql, -1, &st, NULL) != SQLITE_OK)
		return termin__db_fail(tm->db, "cannot count");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : termin__db_fail(tm->db, "cannot count");
}

static int counts(termin_tm *tm, const char *sql, termin_tm_count **out, size_t *n)
{
	sqlite3_stmt *st;
	int rc;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(tm->db, sql, -1, &st, NULL) != SQLITE_OK)
		return termin__db_fail(tm->db, "cannot count");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		TERMIN_GROW(*out, cap, *n + 1);
		(*out)[*n].name = termin__xstrdup((const char *)sqlite3_column_text(st, 0));
		(*out)[*n].count = (uint64_t)sqlite3_column_int64(st, 1);
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : termin__db_fail(tm->db, "cannot count");
}

int termin_tm_stats_get(termin_tm *tm, termin_tm_stats **out)
{
	termin_tm_stats *s = termin__xcalloc(1, sizeof *s);
	uint64_t v;
	int rc;
	struct stat st;

	*out = NULL;
	s->schema = tm->schema;
	s->first = s->last = TERMIN_NODATE;
	if ((rc = count_of(tm, "SELECT count(*) FROM tu", &s->units)) < 0 ||
	    (rc = count_of(tm, "SELECT count(*) FROM tuv", &s->variants)) < 0 ||
	    (rc = count_of(tm, "SELECT count(*) FROM tu WHERE (flags & 2) = 0", &s->untranslated)) < 0 ||
	    (rc = count_of(tm, "SELECT count(*) FROM import WHERE units > 0", &s->imports)) < 0 ||
	    (rc = count_of(tm, "SELECT count(*) FROM doc WHERE id IN (SELECT doc_id FROM tu) OR id IN "
	                       "(SELECT doc_id FROM occurrence)", &s->documents)) < 0 ||
	    (rc = count_of(tm, "SELECT coalesce(sum(usage), 0) FROM tu", &s->usage)) < 0 ||
	    (rc = count_of(tm, "SELECT count(*) FROM meta WHERE kind = 'prop' AND tu_id IS NOT NULL",
	                   &s->props)) < 0 ||
	    (rc = count_of(tm, "SELECT count(*) FROM meta WHERE kind = 'note' AND tu_id IS NOT NULL",
	                   &s->notes)) < 0)
		goto fail;
	if (s->units) {
		if ((rc = count_of(tm, "SELECT min(stamp) FROM tu", &v)) < 0)
			goto fail;
		s->first = (int64_t)v;
		if ((rc = count_of(tm, "SELECT max(stamp) FROM tu", &v)) < 0)
			goto fail;
		s->last = (int64_t)v;
	}
	if ((rc = counts(tm, "SELECT lang, count(*) AS n FROM tuv GROUP BY lang ORDER BY n DESC, lang",
	                 &s->languages, &s->n_languages)) < 0 ||
	    (rc = counts(tm, "SELECT tu.srclang || ' -> ' || t.lang AS pair, count(DISTINCT tu.id) AS n "
	                     "FROM tu JOIN tuv t ON t.tu_id = tu.id WHERE t.lang <> tu.srclang AND "
	                     "t.markup <> '' GROUP BY pair ORDER BY n DESC, pair",
	                 &s->pairs, &s->n_pairs)) < 0)
		goto fail;
	if (stat(tm->path, &st) == 0)
		s->file_bytes += (uint64_t)st.st_size;
	{
		size_t n = strlen(tm->path) + 8;
		char *wal = termin__xmalloc(n);
		snprintf(wal, n, "%s-wal", tm->path);
		if (stat(wal, &st) == 0)
			s->file_bytes += (uint64_t)st.st_size;
		free(wal);
	}
	*out = s;
	return 0;
fail:
	termin_tm_stats_free(s);
	return rc;
}

void termin_tm_stats_free(termin_tm_stats *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_languages; i++)
		free((char *)s->languages[i].name);
	for (size_t i = 0; i < s->n_pairs; i++)
		free((char *)s->pairs[i].name);
	free(s->languages);
	free(s->pairs);
	free(s);
}

int termin_tm_verify(termin_tm *tm)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(tm->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return termin__db_fail(tm->db, "cannot check the database");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (!r || strcmp(r, "ok") != 0) {
			rc = termin__error_set(TERMIN_EDB, "%s: damaged: %s", tm->path, r ? r : "?");
			sqlite3_finalize(st);
			return rc;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return termin__db_fail(tm->db, "cannot check the database");
	if (sqlite3_exec(tm->db, "INSERT INTO tuv_fts(tuv_fts, rank) VALUES ('integrity-check', 1)",
	                 NULL, NULL, NULL) != SQLITE_OK)
		return termin__error_set(TERMIN_EDB, "%s: the concordance index does not match the "
		                         "units: %s", tm->path, sqlite3_errmsg(tm->db));
	return 0;
}
