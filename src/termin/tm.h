/*
 * termin/tm.h - the translation memory: an SQLite file of translation
 * units, imported from TMX, TSV and plain text and exported as TMX.
 *
 * One database file per project (the CLI's default is ./termin.db). Units
 * keep their language variants, dates, users, props and notes at unit and
 * variant level, and their inline markup exactly; identical units (same
 * source language and same variants, compared with white space collapsed)
 * are stored once and their usage counted. Each file is imported in one
 * transaction, so the memory holds whole files only, and several processes
 * may import and read at the same time (WAL, busy timeout).
 *
 * Records handed out (termin_tmx_unit and friends, from termin/tmx.h) are
 * owned by the TM and valid until the next call on the same object.
 */
#ifndef TERMIN_TM_H
#define TERMIN_TM_H

#include "common.h"
#include "glossary.h"
#include "io.h"
#include "segment.h"
#include "text.h"
#include "tmx.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct termin_tm termin_tm;
typedef struct termin_tm_iter termin_tm_iter;

typedef struct {
	unsigned int version;
	int readonly;            /* open for reading only (the file must exist) */
	/* How long to wait for another process's write transaction before
	 * giving up with "database is locked", in milliseconds; 0 means the
	 * default of 10 minutes (an import of a large file holds the lock for
	 * its whole length). */
	int busy_timeout_ms;
} termin_tm_opts;

#define TERMIN_TM_OPTS_VERSION 1
#define TERMIN_TM_OPTS_INIT { TERMIN_TM_OPTS_VERSION, 0, 0 }

/* Opens (creating when needed) the TM in the SQLite file `path`, upgrading
 * its schema to the current version. Fails with TERMIN_EDB naming the file
 * when it is not an SQLite database, is newer than this termin, or cannot
 * be created. Close with termin_tm_close. */
int termin_tm_open(termin_tm **out, const char *path, const termin_tm_opts *opts);

/* Closes the database. NULL does nothing. */
void termin_tm_close(termin_tm *tm);

/* The schema version of the open database (PRAGMA user_version). */
int termin_tm_schema_version(const termin_tm *tm);

/* --- Adding units ------------------------------------------------------ */

/* Where a batch of units comes from. */
typedef struct {
	unsigned int version;
	const char *name;        /* file name (recorded and used in messages) */
	const char *format;      /* "tmx", "tsv", "text", or the caller's name */
	const char *doc;         /* the document the units belong to; NULL: `name` */
	uint64_t digest;         /* content digest (0: none): same digest = same file */
	uint64_t size;
	const termin_tmx_info *header; /* the TMX header (tool, props, notes) or NULL */
} termin_tm_source;

#define TERMIN_TM_SOURCE_VERSION 1
#define TERMIN_TM_SOURCE_INIT { TERMIN_TM_SOURCE_VERSION, NULL, NULL, NULL, 0, 0, NULL }

/* A unit's place in its document, for in-context (101%) matches. The
 * hashes are termin_tm_text_hash() of the neighbouring source segments,
 * 0 when there is none. */
typedef struct {
	const char *doc;         /* document name; NULL: the source's */
	int64_t pos;             /* 1-based position in the document, 0 unknown */
	uint64_t prev_hash;
	uint64_t next_hash;
} termin_tm_context;

/* Begins a batch (one write transaction, taken at once so that concurrent
 * writers queue instead of failing). Only one batch at a time. */
int termin_tm_begin(termin_tm *tm, const termin_tm_source *src);

/* Adds a unit to the open batch. Variant languages must be normalised
 * (termin_lang_normalize) and markup well-formed TMX inline markup (for
 * plain text, use termin_tm_escape). Returns 1 when the unit is new, 0
 * when an identical unit existed (its usage is counted, new props and
 * notes merged), or a negative code. `ctx` may be NULL. */
int termin_tm_add(termin_tm *tm, const termin_tmx_unit *u, const termin_tm_context *ctx);

/* Commits the batch, recording the source with its unit counts. */
int termin_tm_commit(termin_tm *tm);

/* Rolls the batch back: nothing of it stays. */
void termin_tm_rollback(termin_tm *tm);

/* Escapes plain text as TMX seg content (&amp; &lt; &gt;) into a buffer
 * the caller frees with free(). */
char *termin_tm_escape(const char *text, size_t len, size_t *out_len);

/* The hash termin uses to find a text again: white space collapsed and
 * trimmed, case kept. */
uint64_t termin_tm_text_hash(const char *text, size_t len);

/* --- Importing files ---------------------------------------------------- */

typedef struct {
	unsigned int version;
	/* "tmx", "tsv", "text" or NULL to decide from the content (an XML
	 * document whose root is <tmx>; a .tsv name or tab-separated lines;
	 * otherwise text). Standard input needs a format (TERMIN_EUSAGE). */
	const char *format;
	/* TSV: languages of the two columns (default from a header line
	 * "en<TAB>ru", else "en" and "ru"). Text: the language ("auto" or NULL
	 * to detect per paragraph). */
	const char *src_lang;
	const char *tgt_lang;
	/* Store the good units of a file with invalid ones and report each
	 * skipped unit through `warn`; otherwise one invalid unit rejects the
	 * whole file. */
	int skip_invalid;
	/* Import a file even when one with the same content was imported. */
	int force;
	/* Text: the segmenter and reading options (borrowed; NULL: built-in
	 * rules, cleaning on). */
	termin_segmenter *segmenter;
	const termin_textfile_opts *text;
	/* The document name; NULL: the file's base name. */
	const char *doc;
	void (*warn)(void *ctx, const char *message);
	void (*progress)(void *ctx, const char *name, uint64_t done, uint64_t total);
	void *ctx;
} termin_tm_import_opts;

#define TERMIN_TM_IMPORT_OPTS_VERSION 1
#define TERMIN_TM_IMPORT_OPTS_INIT \
	{ TERMIN_TM_IMPORT_OPTS_VERSION, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL }

typedef struct {
	const char *format;      /* what the file was read as */
	size_t units;            /* units read and stored */
	size_t added;            /* of those, new to the TM */
	size_t merged;           /* of those, identical to a stored unit */
	size_t skipped;          /* invalid units skipped (--skip-invalid) */
	size_t warnings;
	int already;             /* the same file was imported before: nothing done */
} termin_tm_import_result;

/* Imports one file ("-" for standard input) in one transaction. On any
 * error (malformed file, invalid unit without skip_invalid, I/O) nothing
 * of the file is stored and the error names file:line:column. */
int termin_tm_import(termin_tm *tm, const char *path, const termin_tm_import_opts *opts,
                     termin_tm_import_result *result);

/* --- Reading units ------------------------------------------------------ */

/* Which units to visit (and export). */
typedef struct {
	unsigned int version;
	const char *src;         /* source language range ("en" matches en-GB), or NULL */
	const char *tgt;         /* target language range, or NULL: every variant */
	int64_t since;           /* units created or changed at or after; TERMIN_NODATE: all */
	const char *doc;         /* units seen in this document, or NULL */
	int include_untranslated;/* also units without a non-empty target */
} termin_tm_filter;

#define TERMIN_TM_FILTER_VERSION 1
#define TERMIN_TM_FILTER_INIT { TERMIN_TM_FILTER_VERSION, NULL, NULL, TERMIN_NODATE, NULL, 0 }

/* Starts a visit of the units that pass `f` (NULL: all, untranslated
 * included), in the order they were stored. With a target range, only the
 * source variant and the target variants are given. Memory stays constant
 * however large the TM. */
int termin_tm_iter_new(termin_tm_iter **out, termin_tm *tm, const termin_tm_filter *f);

/* Returns 1 and the next unit (valid until the next call), 0 at the end,
 * or a negative code. unit->tuid is the stored tuid or, when the unit had
 * none, a stable one made from its content hash. */
int termin_tm_iter_next(termin_tm_iter *it, const termin_tmx_unit **out);

void termin_tm_iter_free(termin_tm_iter *it);

/* Looks a source text up by its exact (white-space-normalised) text in
 * language range `lang`; calls `fn` for each unit holding it. */
int termin_tm_lookup(termin_tm *tm, const char *lang, const char *text, size_t len,
                     int (*fn)(void *ctx, const termin_tmx_unit *u), void *ctx);

/* --- Export ------------------------------------------------------------- */

typedef struct {
	unsigned int version;
	int utf16;               /* UTF-16LE with a byte-order mark */
	void (*progress)(void *ctx, const char *name, uint64_t done, uint64_t total);
	void *ctx;
} termin_tm_export_opts;

#define TERMIN_TM_EXPORT_OPTS_VERSION 1
#define TERMIN_TM_EXPORT_OPTS_INIT { TERMIN_TM_EXPORT_OPTS_VERSION, 0, NULL, NULL }

/* Writes the units passing `f` as TMX 1.4b to `out` (borrowed: the caller
 * commits it). The header's srclang is the filter's source, else the one
 * source language of the units, else "*all*"; its creationdate is
 * $SOURCE_DATE_EPOCH when set, else the time of the TM's last import, so
 * the same TM gives the same bytes. Source variants come first. Header
 * props and notes of the imported files are written once each. Empty
 * targets are left out unless the filter includes untranslated units.
 * TERMIN_ENOTFOUND when the filter names a document the TM does not
 * have. `*count` (may be NULL) receives the number of units. */
int termin_tm_export_tmx(termin_tm *tm, termin_outfile *out, const termin_tm_filter *f,
                         const termin_tm_export_opts *opts, size_t *count);

/* --- Concordance -------------------------------------------------------- */

typedef struct {
	unsigned int version;
	const char *lang;        /* search only variants in this range, or NULL */
	size_t limit;            /* most hits; 0: 50 */
	int raw;                 /* the query is FTS5 syntax, not a phrase */
} termin_tm_search_opts;

#define TERMIN_TM_SEARCH_OPTS_VERSION 1
#define TERMIN_TM_SEARCH_OPTS_INIT { TERMIN_TM_SEARCH_OPTS_VERSION, NULL, 0, 0 }

typedef struct {
	const termin_tmx_unit *unit;
	size_t variant;          /* the variant that matched */
	/* [start, end) byte ranges of the matches in that variant's text */
	const size_t *spans;
	size_t n_spans;          /* pairs: spans[2k], spans[2k+1] */
	double rank;             /* FTS5 bm25: lower is better */
} termin_tm_hit;

/* Finds the variants whose plain text contains the words of `query` (as a
 * phrase, in order; case and diacritics ignored), in any language, best
 * first, and calls `fn` for each; `fn` returning nonzero stops. A query
 * FTS5 cannot parse (with raw) gives TERMIN_EUSAGE. */
int termin_tm_search(termin_tm *tm, const char *query, const termin_tm_search_opts *opts,
                     int (*fn)(void *ctx, const termin_tm_hit *hit), void *ctx);

/* --- The project glossary ------------------------------------------------ */

/* Where the stored glossary came from. */
typedef struct {
	const char *source;      /* the name given to termin_tm_glossary_store, or NULL */
	int64_t imported;        /* when it was stored (unix time) */
	const char *user;        /* who stored it, or NULL */
	size_t concepts, terms;
} termin_tm_glossary_info;

/* Stores `g` (borrowed) as the project's glossary, replacing the one
 * stored before, in one transaction: on any error the previous glossary
 * stays as it was. Everything the model holds is kept: concept ids (also
 * repeated ones), order, subjects, definitions, notes and sources; terms
 * with language, text, part of speech, type, status, case-sensitive mark,
 * notes and source; the file and line each entry was read from; title and
 * description. `source` (may be NULL) is recorded with the date
 * (termin_tmx_now(): $SOURCE_DATE_EPOCH when set) and the user. Issues
 * recorded on `g` are not stored: validate again after loading. Not
 * allowed while a batch is open (TERMIN_EUSAGE); TERMIN_EDB on database
 * errors. */
int termin_tm_glossary_store(termin_tm *tm, const termin_glossary *g, const char *source);

/* Rebuilds the stored glossary into a new termin_glossary (`*out`, freed
 * by the caller with termin_glossary_free) equal in content to the one
 * stored, concepts and terms in the same order. `info` (may be NULL)
 * receives where it came from; its strings belong to the TM until the next
 * call of this function or termin_tm_glossary_info. TERMIN_ENOTFOUND when
 * no glossary is stored. */
int termin_tm_glossary_load(termin_tm *tm, termin_glossary **out, termin_tm_glossary_info *info);

/* Only the information about the stored glossary (same ownership as
 * above); TERMIN_ENOTFOUND when there is none. */
int termin_tm_glossary_info_get(termin_tm *tm, termin_tm_glossary_info *info);

/* Removes the stored glossary; 0 also when there was none. */
int termin_tm_glossary_remove(termin_tm *tm);

/* --- Figures ------------------------------------------------------------ */

typedef struct {
	const char *name;
	uint64_t count;
} termin_tm_count;

typedef struct {
	uint64_t units, variants, untranslated, imports, documents;
	uint64_t usage;             /* units counted with their usage */
	uint64_t props, notes;
	uint64_t file_bytes;        /* database size on disk (WAL included) */
	int schema;
	int64_t first, last;        /* oldest and newest unit date, or TERMIN_NODATE */
	termin_tm_count *languages; /* variants per language, most first */
	size_t n_languages;
	termin_tm_count *pairs;     /* "en -> ru": units per source/target pair */
	size_t n_pairs;
} termin_tm_stats;

/* Fills `*out` (free with termin_tm_stats_free). */
int termin_tm_stats_get(termin_tm *tm, termin_tm_stats **out);
void termin_tm_stats_free(termin_tm_stats *s);

/* Checks the database (PRAGMA integrity_check and the FTS index);
 * TERMIN_EDB with the first problem when it is damaged. */
int termin_tm_verify(termin_tm *tm);

#ifdef __cplusplus
}
#endif

#endif
