/*
 * db.h - the project database: SQLite opened with termin's settings and
 * its schema brought up to date. The translation memory (tm.c) and the
 * glossary share one file and this one list of migrations (db.c).
 */
#ifndef TERMIN_DB_H
#define TERMIN_DB_H

#include <sqlite3.h>
#include "util.h"

/* Opens `path` (created unless `readonly`) with WAL, foreign keys, a busy
 * timeout of `busy_ms` milliseconds and a bounded page cache, and applies
 * the pending migrations in one IMMEDIATE transaction. Sets *schema to
 * the resulting PRAGMA user_version. Errors are TERMIN_EDB (or TERMIN_EIO
 * when the file cannot be opened) naming the file. */
int termin__db_open(sqlite3 **out, const char *path, int readonly, int busy_ms, int *schema);

/* Registers the concordance tokenizer "termin_fold" (unicode61 with ё
 * folded to е: db_fts.c) on `db`; termin__db_open does it for every
 * connection. */
int termin__db_register_fts(sqlite3 *db);

/* A text's concordance tokens worked out ahead, on any thread, so that
 * storing it in the index does not cut it again (tm.c prepares units on
 * the import's reading thread). */
typedef struct termin__fts_toks termin__fts_toks;

/* The tokens "termin_fold" gives `text` as a document, kept in `a`
 * (`scratch` is any buffer, reused); NULL for a text outside the fast
 * path's characters, which the tokenizer then cuts itself. */
const termin__fts_toks *termin__fts_pretokenize(const char *text, int len, termin_buf *scratch,
                                                termin__arena *a);

/* The next document this thread's connection tokenizes with exactly the
 * bytes `t` was made from takes `t`'s tokens instead; NULL (or any other
 * text) forgets them. */
void termin__fts_expect(const termin__fts_toks *t);

/* The name of the VFS whose writes a thread of their own does (db_wq.c),
 * registered on first use; NULL when SQLite's default VFS cannot be
 * wrapped (the default is used then). */
const char *termin__db_wq_vfs(void);

/* The newest schema version this termin knows. */
int termin__db_latest(void);

/* Records the error of `db` as TERMIN_EDB: "FILE: what: sqlite message";
 * SQLITE_BUSY/LOCKED get a hint about the other process. */
int termin__db_fail(sqlite3 *db, const char *what);

/* Runs SQL without results; TERMIN_EDB on failure. */
int termin__db_exec(sqlite3 *db, const char *sql);

/* Prepares a statement that lives as long as the connection (persistent
 * prepare); TERMIN_EDB on failure. */
int termin__db_prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql);

#endif
