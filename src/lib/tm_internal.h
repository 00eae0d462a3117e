/*
 * tm_internal.h - what the TM's import and export files (tm_import.c,
 * tm_export.c) and the glossary share with the store (tm.c).
 */
#ifndef TERMIN_TM_INTERNAL_H
#define TERMIN_TM_INTERNAL_H

#include "db.h"
#include "termin/lang.h"
#include "termin/tm.h"

/* The connection (owned by the TM). */
sqlite3 *termin__tm_db(termin_tm *tm);

/* The file name of the database, for messages. */
const char *termin__tm_path(const termin_tm *tm);

/* The user to record as the author of changes ($USER, else the account
 * name; NULL when unknown). */
const char *termin__tm_user(void);

/* Keeps a copy of `s` (may be NULL) in slot 0 or 1 of the TM until the
 * slot's next use or the TM's close, and returns it. */
const char *termin__tm_hold(termin_tm *tm, int slot, const char *s);

/* Whether a batch (termin_tm_begin) is open. */
int termin__tm_in_batch(const termin_tm *tm);

/* Sets the digest and size of the open batch's file once they are known
 * (the TMX reader computes them while reading). */
void termin__tm_set_digest(termin_tm *tm, uint64_t digest, uint64_t size);

/* Whether a file with this digest and size was imported before (1), not
 * (0), or an error. */
int termin__tm_digest_seen(termin_tm *tm, uint64_t digest, uint64_t size);

/* Records that `n` units of the open batch were skipped as invalid. */
void termin__tm_count_skipped(termin_tm *tm, size_t n);

/* Units added and merged in the open batch so far. */
void termin__tm_batch_counts(const termin_tm *tm, size_t *added, size_t *merged);

/* What termin_tm_add works out from a unit before it touches the
 * database: languages, hashes, and each variant's fuzzy-index terms and
 * concordance tokens. termin__tm_prepare needs no database, so the import
 * runs it on its reading thread (tmx_ahead.c) while this one stores. */
typedef struct {
	int ok;                     /* 0: a language code is invalid */
	char srclang[TERMIN_LANG_MAX];
	char (*langs)[TERMIN_LANG_MAX];
	uint64_t hash;              /* the unit's identity */
	uint64_t *th;               /* termin_tm_text_hash of each variant's text */
	uint64_t **terms;           /* each variant's fuzzy-index terms, or NULL */
	size_t *n_terms;
	const termin__fts_toks **toks; /* each variant's concordance tokens, or NULL */
} termin__tm_prep;

/* Scratch for termin__tm_prepare on one thread; `fuzzy` and `fts` say
 * whether to work out the terms and the tokens. */
typedef struct termin__tm_prepper termin__tm_prepper;
termin__tm_prepper *termin__tm_prepper_new(int fuzzy, int fts);
void termin__tm_prepper_free(termin__tm_prepper *pp);

/* Prepares `u` with `ctx` (a termin__tm_prepper) into `a`: a
 * termin__tmx_prepare_fn: returns a termin__tm_prep, never NULL. */
void *termin__tm_prepare(void *ctx, const termin_tmx_unit *u, termin__arena *a);

/* termin_tm_add with `u` prepared by termin__tm_prepare. */
int termin__tm_add_prepared(termin_tm *tm, const termin_tmx_unit *u, const termin_tm_context *ctx,
                            const termin__tm_prep *p);

/* Before a batch that fills an empty TM (a first bulk import): lets the
 * next batch write through a rollback journal instead of the WAL, when no
 * other connection has the database open; the WAL is back when the batch
 * ends. The WAL writes every page twice (into the log, then at the
 * checkpoint into the file), while a rollback journal keeps only the
 * pages a transaction changes that existed before it, none in an empty
 * TM: same atomicity (a killed import is rolled back from the journal by
 * the next connection), half the writes. Readers that come meanwhile
 * wait for the batch (the busy timeout), where with the WAL they would
 * see the empty TM. Never fails the batch: returns 0 or a database
 * error from looking at the TM. */
int termin__tm_bulk(termin_tm *tm);

/* Whether the open batch feeds the fuzzy index as it stores variants. */
int termin__tm_feeds_fuzzy(const termin_tm *tm);

/* The header values to write for an export: the one segtype, datatype and
 * srclang of the imported files or units when they agree, else NULL. The
 * strings are owned by the TM until the next call. Also the distinct
 * header props and notes in first-seen order. */
int termin__tm_export_header(termin_tm *tm, const char **segtype, const char **datatype,
                             const char **srclang, const termin_tmx_meta **meta, size_t *n_meta);

#endif
