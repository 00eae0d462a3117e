/*
 * db.c - opening the project database and migrating its schema.
 *
 * The schema version is PRAGMA user_version; PRAGMA application_id marks
 * the file as termin's. Migrations are the list `migrations` below: step
 * N takes a database from version N-1 to N. They run in order, all pending
 * ones in one IMMEDIATE transaction (concurrent openers wait, then find
 * nothing left to do), so a database is always at a version in the list.
 *
 * To change the schema (the glossary adds its tables this way):
 *   1. append a step { N, "what it adds", "SQL;" } to `migrations`, with N
 *      one more than the last; never edit or reorder a released step;
 *   2. write the SQL so it upgrades a database at version N-1 (CREATE
 *      TABLE, CREATE INDEX, ALTER TABLE ... ADD COLUMN, data fixes);
 *   3. describe the new tables in the schema summary of docs/termin.1.
 * A database newer than this termin (user_version above the last step) is
 * refused rather than misread.
 */
#include "db.h"
#include "fuzzy_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TERMIN_APP_ID 0x54524d4e /* "TRMN" */

typedef struct {
	int version;
	const char *what;
	const char *sql;
} migration;

static const migration migrations[] = {
	{ 1, "translation memory",
	  /* One row per file (or batch) imported, with its TMX header. */
	  "CREATE TABLE import ("
	  " id INTEGER PRIMARY KEY,"
	  " name TEXT NOT NULL,"              /* file name as given */
	  " format TEXT NOT NULL,"            /* tmx, tsv, text, ... */
	  " digest INTEGER,"                  /* 64-bit content digest: re-imports */
	  " size INTEGER,"
	  " imported INTEGER NOT NULL,"       /* unix time */
	  " user TEXT,"
	  " tool TEXT, tool_version TEXT, srclang TEXT, segtype TEXT, datatype TEXT,"
	  " o_tmf TEXT, adminlang TEXT, created INTEGER,"
	  " units INTEGER NOT NULL DEFAULT 0, added INTEGER NOT NULL DEFAULT 0,"
	  " skipped INTEGER NOT NULL DEFAULT 0);"
	  "CREATE INDEX import_digest ON import(digest);"
	  /* Documents the units come from. */
	  "CREATE TABLE doc (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	  /* Translation units; hash identifies identical units. */
	  "CREATE TABLE tu ("
	  " id INTEGER PRIMARY KEY,"
	  " hash INTEGER NOT NULL,"           /* source language + variants, normalised */
	  " tuid TEXT,"
	  " srclang TEXT NOT NULL,"           /* BCP 47, or *all* */
	  " created INTEGER, created_by TEXT, changed INTEGER, changed_by TEXT,"
	  " last_used INTEGER,"
	  " usage INTEGER NOT NULL DEFAULT 1,"/* times seen (TMX usagecount added) */
	  " stamp INTEGER NOT NULL,"          /* latest of created/changed, else import time */
	  " attrs TEXT,"                      /* other TMX attributes */
	  " flags INTEGER NOT NULL DEFAULT 0,"/* 1 props/notes, 2 translated */
	  " doc_id INTEGER REFERENCES doc(id),"
	  " import_id INTEGER REFERENCES import(id));"
	  /* Only the indexes an import needs or a lookup cannot do without:
	   * each one costs about a microsecond per row on bulk imports. Export
	   * filters (--since, --doc) and the figures of tm stats scan tu. */
	  /* Units by hash (identical units are stored once). Not a unique
	   * index on tu.hash, for the reason given at tuv_key below: tm.c
	   * writes the keys of a batch sorted, and knows which keys are new
	   * without asking this table for most units. */
	  "CREATE TABLE tu_key ("
	  " hash INTEGER PRIMARY KEY,"
	  " tu_id INTEGER NOT NULL) WITHOUT ROWID;"
	  /* Language variants; markup is the <seg> content, plain its text. */
	  "CREATE TABLE tuv ("
	  " id INTEGER PRIMARY KEY,"
	  " tu_id INTEGER NOT NULL REFERENCES tu(id) ON DELETE CASCADE,"
	  " seq INTEGER NOT NULL,"
	  " lang TEXT NOT NULL,"
	  " markup TEXT NOT NULL,"
	  " plain TEXT,"                      /* NULL when the same as markup (most are) */
	  " hash INTEGER NOT NULL,"           /* termin_tm_text_hash(text) */
	  " created INTEGER, created_by TEXT, changed INTEGER, changed_by TEXT,"
	  " last_used INTEGER, usage INTEGER NOT NULL DEFAULT 0, attrs TEXT,"
	  " text TEXT GENERATED ALWAYS AS (coalesce(plain, markup)) VIRTUAL);" /* the plain text */
	  "CREATE INDEX tuv_tu ON tuv(tu_id);"
	  /* Variants by text hash (exact matches). Not an index on tuv.hash:
	   * SQLite would insert each random key as the row comes, a page read
	   * and write each once the index outgrows the cache; tm.c inserts
	   * the keys of a batch sorted, a few hundred thousand at a time. */
	  "CREATE TABLE tuv_key ("
	  " hash INTEGER NOT NULL,"
	  " tuv_id INTEGER NOT NULL,"
	  " PRIMARY KEY (hash, tuv_id)) WITHOUT ROWID;"
	  /* Props and notes: of a unit (tuv_id NULL), a variant, or a file's
	   * header (tu_id NULL, import_id set). */
	  "CREATE TABLE meta ("
	  " id INTEGER PRIMARY KEY,"
	  " tu_id INTEGER REFERENCES tu(id) ON DELETE CASCADE,"
	  " tuv_id INTEGER REFERENCES tuv(id) ON DELETE CASCADE,"
	  " import_id INTEGER REFERENCES import(id) ON DELETE CASCADE,"
	  " kind TEXT NOT NULL CHECK (kind IN ('prop', 'note')),"
	  " type TEXT, lang TEXT, value TEXT NOT NULL);"
	  "CREATE INDEX meta_tu ON meta(tu_id);"
	  "CREATE INDEX meta_import ON meta(import_id) WHERE tu_id IS NULL;"
	  /* Where units occur: document, position and neighbours (hashes of
	   * the previous and next source segments) for in-context matches. */
	  "CREATE TABLE occurrence ("
	  " id INTEGER PRIMARY KEY,"
	  " tu_id INTEGER NOT NULL REFERENCES tu(id) ON DELETE CASCADE,"
	  " import_id INTEGER REFERENCES import(id) ON DELETE CASCADE,"
	  " doc_id INTEGER REFERENCES doc(id),"
	  " pos INTEGER, prev_hash INTEGER, next_hash INTEGER);"
	  "CREATE INDEX occurrence_tu ON occurrence(tu_id);"
	  "CREATE INDEX occurrence_doc ON occurrence(doc_id, tu_id);"
	  /* Concordance: the plain text of every variant, external content. */
	  "CREATE VIRTUAL TABLE tuv_fts USING fts5(text, content='tuv', content_rowid='id',"
	  " tokenize='unicode61 remove_diacritics 2');" },
	{ 2, "glossary; concordance with ё = е",
	  /* The project's glossary (tm_glossary.c): at most one, replaced as a
	   * whole; the row says where it came from and when. */
	  "CREATE TABLE glossary ("
	  " id INTEGER PRIMARY KEY CHECK (id = 1),"
	  " source TEXT,"                     /* file name as given */
	  " imported INTEGER NOT NULL,"       /* unix time */
	  " user TEXT,"
	  " title TEXT, description TEXT,"
	  " concepts INTEGER NOT NULL, terms INTEGER NOT NULL);"
	  /* Concepts in file order (id ascending); cid is the entry's id, not
	   * unique: a file may repeat one (validation reports it). */
	  "CREATE TABLE glossary_concept ("
	  " id INTEGER PRIMARY KEY,"
	  " cid TEXT NOT NULL,"
	  " subject TEXT, definition TEXT,"
	  " file TEXT, line INTEGER);"        /* where the entry was read */
	  "CREATE INDEX glossary_concept_cid ON glossary_concept(cid);"
	  /* Terms in concept order; pos/type/status as termin's names
	   * ("noun", "acronym", "preferred"), NULL when unspecified. */
	  "CREATE TABLE glossary_term ("
	  " id INTEGER PRIMARY KEY,"
	  " concept_id INTEGER NOT NULL REFERENCES glossary_concept(id) ON DELETE CASCADE,"
	  " lang TEXT NOT NULL, text TEXT NOT NULL,"
	  " pos TEXT, type TEXT, status TEXT,"
	  " case_marked INTEGER NOT NULL DEFAULT 0,"
	  " source TEXT, line INTEGER);"
	  "CREATE INDEX glossary_term_concept ON glossary_term(concept_id);"
	  "CREATE INDEX glossary_term_text ON glossary_term(text COLLATE NOCASE);"
	  /* Notes and sources of a concept (term_id NULL) or notes of a term. */
	  "CREATE TABLE glossary_note ("
	  " id INTEGER PRIMARY KEY,"
	  " concept_id INTEGER NOT NULL REFERENCES glossary_concept(id) ON DELETE CASCADE,"
	  " term_id INTEGER REFERENCES glossary_term(id) ON DELETE CASCADE,"
	  " kind TEXT NOT NULL CHECK (kind IN ('note', 'source')),"
	  " value TEXT NOT NULL);"
	  "CREATE INDEX glossary_note_concept ON glossary_note(concept_id);"
	  "CREATE INDEX glossary_note_term ON glossary_note(term_id);"
	  /* And the concordance index again with termin's tokenizer, which
	   * folds ё to е (db_fts.c): rebuilt from the variants. */
	  "DROP TABLE tuv_fts;"
	  "CREATE VIRTUAL TABLE tuv_fts USING fts5(text, content='tuv', content_rowid='id',"
	  " tokenize='termin_fold remove_diacritics 2');"
	  "INSERT INTO tuv_fts(tuv_fts) VALUES ('rebuild');"
	  /* an import's new terms are gathered 8 MiB at a time (FTS5's default
	   * is 1 MiB) before they are written: fewer segments to merge */
	  "INSERT INTO tuv_fts(tuv_fts, rank) VALUES ('hashsize', 8388608);" },
	/* Step 3: the fuzzy-match word index (fuzzy_index.c). */
	{ 3, "fuzzy-match index", termin__fuzzy_schema_sql },
	/* Step 4: databases made before step 1 held tu_key and tuv_key had
	 * the indexes tu_hash (unique), tuv_hash, tu_stamp, tu_doc and
	 * tuv_lang instead: the key tables are filled from tu and tuv and the
	 * indexes dropped. On a database made with the key tables, nothing
	 * changes. */
	{ 4, "exact-match key tables",
	  "CREATE TABLE IF NOT EXISTS tu_key ("
	  " hash INTEGER PRIMARY KEY,"
	  " tu_id INTEGER NOT NULL) WITHOUT ROWID;"
	  "CREATE TABLE IF NOT EXISTS tuv_key ("
	  " hash INTEGER NOT NULL,"
	  " tuv_id INTEGER NOT NULL,"
	  " PRIMARY KEY (hash, tuv_id)) WITHOUT ROWID;"
	  "INSERT OR IGNORE INTO tu_key(hash, tu_id) SELECT hash, id FROM tu"
	  " WHERE NOT EXISTS (SELECT 1 FROM tu_key LIMIT 1);"
	  "INSERT OR IGNORE INTO tuv_key(hash, tuv_id) SELECT hash, id FROM tuv"
	  " WHERE NOT EXISTS (SELECT 1 FROM tuv_key LIMIT 1);"
	  "DROP INDEX IF EXISTS tu_hash;"
	  "DROP INDEX IF EXISTS tuv_hash;"
	  "DROP INDEX IF EXISTS tu_stamp;"
	  "DROP INDEX IF EXISTS tu_doc;"
	  "DROP INDEX IF EXISTS tuv_lang;" },
};

int termin__db_latest(void)
{
	return migrations[TERMIN_ARRAY_SIZE(migrations) - 1].version;
}

int termin__db_fail(sqlite3 *db, const char *what)
{
	const char *file = sqlite3_db_filename(db, "main");
	int ec = sqlite3_extended_errcode(db);
	const char *msg = sqlite3_errmsg(db);
	if (!file || !*file)
		file = "database";
	if ((ec & 0xff) == SQLITE_BUSY || (ec & 0xff) == SQLITE_LOCKED)
		return termin__error_set(TERMIN_EDB, "%s: %s: %s (another termin process kept it busy "
		                         "longer than the busy timeout)", file, what, msg);
	if ((ec & 0xff) == SQLITE_NOTADB)
		return termin__error_set(TERMIN_EDB, "%s: not an SQLite database", file);
	if ((ec & 0xff) == SQLITE_FULL)
		return termin__error_set(TERMIN_EDB, "%s: %s: disk full", file, what);
	if ((ec & 0xff) == SQLITE_CORRUPT)
		return termin__error_set(TERMIN_EDB, "%s: the database is damaged (%s); restore it "
		                         "from a copy or rebuild it from TMX", file, msg);
	if ((ec & 0xff) == SQLITE_READONLY)
		return termin__error_set(TERMIN_EDB, "%s: the database is read-only here (%s)",
		                         file, msg);
	return termin__error_set(TERMIN_EDB, "%s: %s: %s", file, what, msg);
}

int termin__db_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		sqlite3_free(err);
		return termin__db_fail(db, "cannot run SQL");
	}
	return 0;
}

int termin__db_prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return termin__db_fail(db, "cannot prepare a statement");
	return 0;
}

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return termin__db_fail(db, "cannot read the schema version");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = 0;
	} else {
		rc = termin__db_fail(db, "cannot read the schema version");
	}
	sqlite3_finalize(st);
	return rc;
}

static int migrate(sqlite3 *db, const char *path, int *schema)
{
	int version, rc, app, tables;
	char sql[64];

	if ((rc = termin__db_exec(db, "BEGIN IMMEDIATE")) < 0)
		return rc;
	/* read again under the lock: another process may have migrated */
	if ((rc = pragma_int(db, "PRAGMA user_version", &version)) < 0 ||
	    (rc = pragma_int(db, "PRAGMA application_id", &app)) < 0 ||
	    (rc = pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables)) < 0)
		goto fail;
	if (version == 0 && app != TERMIN_APP_ID && tables > 0) {
		rc = termin__error_set(TERMIN_EDB, "%s: an SQLite database, but not termin's", path);
		goto fail;
	}
	if (version > termin__db_latest()) {
		rc = termin__error_set(TERMIN_EDB,
		                       "%s: made by a newer termin (schema %d; this one knows up to %d)",
		                       path, version, termin__db_latest());
		goto fail;
	}
	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(migrations); i++) {
		if (migrations[i].version <= version)
			continue;
		if ((rc = termin__db_exec(db, migrations[i].sql)) < 0) {
			termin__error_prefix("schema step %d (%s)", migrations[i].version,
			                     migrations[i].what);
			goto fail;
		}
		version = migrations[i].version;
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version);
	if ((rc = termin__db_exec(db, sql)) < 0)
		goto fail;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d", TERMIN_APP_ID);
	if ((rc = termin__db_exec(db, sql)) < 0 || (rc = termin__db_exec(db, "COMMIT")) < 0)
		goto fail;
	*schema = version;
	return 0;
fail:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Runs a set-up statement of a fresh file. Two processes opening a new
 * database at once can get SQLITE_BUSY here without the busy handler being
 * asked (SQLite's lock-upgrade deadlock avoidance), so it is retried for up
 * to about ten seconds before the error stands. */
static int setup_retry(sqlite3 *db, const char *sql)
{
	int rc = 0;
	for (int tries = 0; tries < 200; tries++) {
		if ((rc = termin__db_exec(db, sql)) >= 0 ||
		    (sqlite3_extended_errcode(db) & 0xff) != SQLITE_BUSY)
			return rc;
		sqlite3_sleep(50);
	}
	return rc;
}

/* Once per process, before SQLite starts: no memory statistics, which
 * cost a global mutex on every allocation (about 3% of a bulk import once
 * another thread runs). Too late when the program used SQLite already:
 * then nothing changes. */
static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int termin__db_open(sqlite3 **out, const char *path, int readonly, int busy_ms, int *schema)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	sqlite3 *db = NULL;
	int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc, version = 0;
	struct stat st;

	*out = NULL;
	pthread_once(&once, configure);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return termin__error_set(TERMIN_EIO, "%s: is a directory", path);
	if (readonly && stat(path, &st) != 0)
		return termin__error_errno(TERMIN_EIO, errno, "%s: cannot open", path);
	/* a writer's file writes are done on a thread of their own */
	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX,
	                    readonly ? NULL : termin__db_wq_vfs()) != SQLITE_OK) {
		rc = termin__error_set(TERMIN_EIO, "%s: cannot open: %s", path,
		                       db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return rc;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, busy_ms);
	if ((rc = termin__db_register_fts(db)) < 0)
		goto fail;
	/* 16 KiB pages (for a new file; an existing one keeps its own): fewer
	 * pages to write and to search on bulk imports. */
	if (!readonly && (rc = setup_retry(db, "PRAGMA page_size = 16384")) < 0)
		goto fail;
	/* The page cache is what bounds memory: 32 MiB whatever the TM's size. */
	if ((rc = termin__db_exec(db, "PRAGMA cache_size = -32768")) < 0 ||
	    (rc = termin__db_exec(db, "PRAGMA foreign_keys = ON")) < 0)
		goto fail;
	if (!readonly) {
		/* WAL: readers never block the writer nor the writer them; NORMAL
		 * sync is crash-safe in WAL mode (a killed process loses nothing
		 * committed, only a power cut can lose the last transactions). */
		if ((rc = setup_retry(db, "PRAGMA journal_mode = WAL")) < 0 ||
		    (rc = termin__db_exec(db, "PRAGMA synchronous = NORMAL")) < 0)
			goto fail;
		if ((rc = pragma_int(db, "PRAGMA user_version", &version)) < 0)
			goto fail;
		if (version < termin__db_latest() || version == 0) {
			if ((rc = migrate(db, path, &version)) < 0)
				goto fail;
		} else if (version > termin__db_latest()) {
			rc = termin__error_set(TERMIN_EDB,
			                       "%s: made by a newer termin (schema %d; this one knows up to %d)",
			                       path, version, termin__db_latest());
			goto fail;
		}
	} else {
		if ((rc = pragma_int(db, "PRAGMA user_version", &version)) < 0)
			goto fail;
		if (version == 0) {
			/* no tables at all: created by an import that did not
			 * finish (or by another program), not someone else's data */
			int tables = 0;
			if ((rc = pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables)) < 0)
				goto fail;
			rc = tables == 0 ? termin__error_set(TERMIN_EDB, "%s: an empty database, no TM yet",
			                                     path)
			                 : termin__error_set(TERMIN_EDB, "%s: not a termin database", path);
			goto fail;
		}
		if (version > termin__db_latest()) {
			rc = termin__error_set(TERMIN_EDB,
			                       "%s: made by a newer termin (schema %d; this one knows up to %d)",
			                       path, version, termin__db_latest());
			goto fail;
		}
	}
	*schema = version;
	*out = db;
	return 0;
fail:
	sqlite3_close(db);
	return rc;
}
