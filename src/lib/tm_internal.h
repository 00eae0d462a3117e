/*
 * tm_internal.h - what the TM's import and export files (tm_import.c,
 * tm_export.c) and the glossary share with the store (tm.c).
 */
#ifndef TERMIN_TM_INTERNAL_H
#define TERMIN_TM_INTERNAL_H

#include "db.h"
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

/* The header values to write for an export: the one segtype, datatype and
 * srclang of the imported files or units when they agree, else NULL. The
 * strings are owned by the TM until the next call. Also the distinct
 * header props and notes in first-seen order. */
int termin__tm_export_header(termin_tm *tm, const char **segtype, const char **datatype,
                             const char **srclang, const termin_tmx_meta **meta, size_t *n_meta);

#endif
