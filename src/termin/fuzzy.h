/*
 * termin/fuzzy.h - TM leverage: fuzzy matching of new segments against
 * the translation memory.
 *
 * Scoring (termin_fuzzy_compare) is a word-level edit-distance similarity
 * in the spirit of OmegaT and Trados: words are compared case-insensitively
 * (ё = е), numbers are placeables that match each other, and small
 * penalties are taken for differing numbers, inline tags, punctuation and
 * letter case. The exact rules, with worked examples, are in docs/termin.1
 * ("Fuzzy match scores"); the unit tests check those examples.
 *
 * Lookup (termin_fuzzy_lookup) never scans the TM: candidates come from a
 * word index stored in the TM's database (schema step 3), kept up to date
 * by termin_fuzzy_index_update (run after every import, and before a
 * lookup when units were added since). Candidates are ranked by an upper
 * bound of their score and only the best are scored exactly.
 */
#ifndef TERMIN_FUZZY_H
#define TERMIN_FUZZY_H

#include "common.h"
#include "tm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* --- Scoring ----------------------------------------------------------- */

/* A segment prepared for scoring: its tokens (words, numbers, punctuation,
 * tags) with their byte spans in the segment's display text. */
typedef struct termin_fuzzy_seg termin_fuzzy_seg;

/* Prepares `text` (UTF-8, `len` bytes) for scoring. With `markup` set the
 * text is TMX <seg> content: entities are decoded and inline elements
 * (bpt, ept, it, ph, ut) become tags shown as their native code (or as
 * "<ph/>" when empty); otherwise the text is plain and "<b>", "</i>",
 * "<br/>" in it count as tags. Never fails on odd text (invalid UTF-8 is
 * kept byte by byte). Free with termin_fuzzy_seg_free. */
termin_fuzzy_seg *termin_fuzzy_seg_new(const char *text, size_t len, int markup);
void termin_fuzzy_seg_free(termin_fuzzy_seg *s);

/* The display text of a prepared segment (markup decoded), and how many
 * words (words and numbers) it counts. Valid while `s` lives. */
const char *termin_fuzzy_seg_text(const termin_fuzzy_seg *s, size_t *len);
size_t termin_fuzzy_seg_words(const termin_fuzzy_seg *s);

/* How a score came about. */
typedef struct {
	int base;            /* 100 * (1 - word_edits / max(words)) rounded down */
	int word_edits;      /* word-level Levenshtein distance */
	int numbers;         /* aligned numbers that differ (2 points each) */
	int tags;            /* tags missing or extra (1 point each) */
	int punctuation;     /* punctuation marks missing or extra (1 point each) */
	int letter_case;     /* aligned words differing only in case (1 point each) */
} termin_fuzzy_detail;

/* Scores candidate `c` against query `q`: 0..100, where 100 means the same
 * words, numbers, tags and punctuation (white space aside), and any
 * difference gives at most 99. When the score is certainly below
 * `min_score` (a cheap bound on shared words says so), returns -1 without
 * computing it. `detail` may be NULL. */
int termin_fuzzy_compare(const termin_fuzzy_seg *q, const termin_fuzzy_seg *c, int min_score,
                         termin_fuzzy_detail *detail);

/* Convenience: prepares two plain texts and compares them. */
int termin_fuzzy_score(const char *query, size_t qlen, const char *cand, size_t clen);

/* One piece of a word diff between a query and a candidate. */
typedef enum {
	TERMIN_DIFF_SAME = 0,    /* in both: text of the candidate */
	TERMIN_DIFF_QUERY,       /* only in the query (to delete from the match) */
	TERMIN_DIFF_MATCH        /* only in the candidate (to change in the match) */
} termin_diff_kind;

typedef struct {
	termin_diff_kind kind;
	const char *text;        /* into the display text of q or c */
	size_t len;              /* tokens with the white space after them */
} termin_diff_piece;

/* Computes a token diff (exact tokens: case and punctuation count) from
 * `q` to `c`. On success *out points to *n pieces owned by `c` (valid
 * until the next diff with it or its free). */
int termin_fuzzy_diff(const termin_fuzzy_seg *q, termin_fuzzy_seg *c,
                      const termin_diff_piece **out, size_t *n);

/* --- Index ------------------------------------------------------------- */

/* Indexes the variants stored since the last update (all of them the first
 * time) in one write transaction. `*added` (may be NULL) receives how many
 * variants were indexed. TERMIN_EDB when the database cannot be written. */
int termin_fuzzy_index_update(termin_tm *tm, size_t *added,
                              void (*progress)(void *ctx, const char *what, uint64_t done,
                                               uint64_t total),
                              void *ctx);

/* --- Lookup ------------------------------------------------------------ */

typedef struct termin_fuzzy termin_fuzzy;

typedef struct {
	unsigned int version;
	const char *src;         /* source language range (default "en") */
	const char *tgt;         /* target language range, NULL: any other language */
	int threshold;           /* lowest score reported, 1..100 (default 50) */
	size_t limit;            /* most matches per query (default 5) */
	int include_untranslated;/* also units without a target variant */
	int no_update;           /* do not bring the index up to date first */
} termin_fuzzy_opts;

#define TERMIN_FUZZY_OPTS_VERSION 1
#define TERMIN_FUZZY_OPTS_INIT { TERMIN_FUZZY_OPTS_VERSION, NULL, NULL, 0, 0, 0, 0 }

/* Creates a matcher over `tm` (borrowed: it must outlive the matcher).
 * Unless opts->no_update, first indexes units added since the last update.
 * TERMIN_EUSAGE for a bad language or threshold. */
int termin_fuzzy_new(termin_fuzzy **out, termin_tm *tm, const termin_fuzzy_opts *opts);
void termin_fuzzy_free(termin_fuzzy *f);

/* Where a query segment stands in its document, for context (101%)
 * matches: termin_tm_text_hash() of the previous and next segments, 0 at
 * the start or end of the document. */
typedef struct {
	uint64_t prev_hash;
	uint64_t next_hash;
} termin_fuzzy_context;

/* A match. Strings are owned by the matcher and valid until its next
 * lookup. */
typedef struct {
	int score;               /* 101 context match, 100 exact, else fuzzy */
	termin_fuzzy_detail detail;
	int64_t unit_id;         /* the unit's row id in the TM */
	const char *tuid;        /* stored tuid, or NULL */
	const char *src_lang, *tgt_lang;   /* tgt_lang NULL when untranslated */
	const char *source;      /* the stored source text (display text) */
	size_t source_len;
	const char *source_markup;
	const char *target;      /* the target text (display), or NULL */
	size_t target_len;
	const char *target_markup;
	const char *target_plain;/* its plain text (no inline codes), or NULL */
	size_t target_plain_len;
	const char *doc;         /* the unit's document, or NULL */
	termin_fuzzy_seg *seg;   /* the prepared source, for termin_fuzzy_diff */
} termin_fuzzy_match;

/* Finds the best matches of `text` (plain UTF-8, `len` bytes) at or above
 * the threshold, best first (ties: the most recent unit first). `ctx` may
 * be NULL. On success *out points to *n matches. */
int termin_fuzzy_lookup(termin_fuzzy *f, const char *text, size_t len,
                        const termin_fuzzy_context *ctx, const termin_fuzzy_match **out,
                        size_t *n);

/* The prepared query of the last lookup (for termin_fuzzy_diff). */
const termin_fuzzy_seg *termin_fuzzy_query(const termin_fuzzy *f);

#ifdef __cplusplus
}
#endif

#endif
