/*
 * fuzzy_internal.h - what the fuzzy matcher's files share: the tokens of a
 * prepared segment (fuzzy_score.c) and the index terms built from them
 * (fuzzy_index.c, fuzzy.c).
 */
#ifndef TERMIN_FUZZY_INTERNAL_H
#define TERMIN_FUZZY_INTERNAL_H

#include "db.h"
#include "termin/fuzzy.h"

enum { FTOK_WORD, FTOK_NUM, FTOK_PUNCT, FTOK_TAG };

/* The key every number has in the word sequence: numbers are placeables
 * and match each other there (their values are compared for the
 * penalty). */
#define FUZZY_NUM_CLASS UINT64_C(0x9e3779b97f4a7c15)

typedef struct {
	uint8_t kind;
	uint64_t key;       /* WORD: folded hash; NUM: value hash; PUNCT: code point; TAG: text hash */
	uint64_t exact;     /* WORD: hash of the word as written; otherwise = key */
	uint32_t start, end;/* byte span in the display text */
} fuzzy_tok;

struct termin_fuzzy_seg {
	char *text;         /* display text, NUL-terminated */
	size_t len;
	fuzzy_tok *tok;
	size_t n_tok;
	uint64_t *words;    /* word sequence keys (folded words, FUZZY_NUM_CLASS) */
	uint32_t *word_tok; /* the token of each word */
	size_t n_words;
	uint64_t *bag;      /* words sorted, for the shared-word bound */
	termin_diff_piece *diff;
	size_t n_diff, cap_diff;
	/* capacities and scratch kept for reuse (termin__fuzzy_seg_set) */
	size_t cap_text, cap_tok, cap_words, cap_tags;
	struct fuzzy_span *tags;
	termin_buf scratch;
};

/* Cuts `text` (markup when `markup`) into `g`'s tokens, reusing its
 * buffers: `g` is a segment from termin_fuzzy_seg_new or zeroed memory
 * (free it with termin_fuzzy_seg_free). With `keys_only`, words get no
 * case-exact hash (the index needs only the folded keys), so such a
 * segment must not be scored. */
void termin__fuzzy_seg_set(termin_fuzzy_seg *g, const char *text, size_t len, int markup,
                           int keys_only);

/* The index term of a word key in language `lang` (primary subtag). */
uint64_t termin__fuzzy_term(uint64_t word_key, const char *lang);

/* The primary language subtag of `lang` ("en" for "en-GB") into `out`
 * (16 bytes), lower case. */
void termin__fuzzy_primary(const char *lang, char out[16]);

/* Postings gathered for a run of variants and written into the index
 * inside the caller's write transaction: termin_fuzzy_index_update and
 * the TM's batches (tm.c indexes each variant as it stores it, so that an
 * import leaves the index complete without reading the variants again). */
typedef struct termin__fuzzy_batch termin__fuzzy_batch;

int termin__fuzzy_batch_new(sqlite3 *db, termin__fuzzy_batch **out);
/* Indexes variant `id` (ids must increase) in language `lang` with its
 * markup; may write postings out. Empty markup is only counted. */
int termin__fuzzy_batch_add(termin__fuzzy_batch *b, int64_t id, const char *lang,
                            const char *markup, size_t len);
/* The two halves of termin__fuzzy_batch_add: the index terms of a
 * variant, in text order, into `*terms` (grown as needed; `g` is scratch)
 * and their number, which needs no database and may run on any thread;
 * and adding them as variant `id`'s. */
size_t termin__fuzzy_terms(termin_fuzzy_seg *g, const char *lang, const char *markup, size_t len,
                           uint64_t **terms, size_t *cap);
int termin__fuzzy_batch_add_terms(termin__fuzzy_batch *b, int64_t id, const uint64_t *terms,
                                  size_t n);
/* Writes the rest out, merges long posting chains and records the last
 * variant indexed (nothing when no variant was added). */
int termin__fuzzy_batch_finish(termin__fuzzy_batch *b);
void termin__fuzzy_batch_free(termin__fuzzy_batch *b);

/* 1 when every stored variant is indexed, 0 when not, or an error. */
int termin__fuzzy_index_current(sqlite3 *db);

/* The SQL of schema step 3 (db.c): the word index of fuzzy_index.c. */
extern const char termin__fuzzy_schema_sql[];

#endif
