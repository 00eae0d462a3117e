/*
 * fuzzy_internal.h - what the fuzzy matcher's files share: the tokens of a
 * prepared segment (fuzzy_score.c) and the index terms built from them
 * (fuzzy_index.c, fuzzy.c).
 */
#ifndef TERMIN_FUZZY_INTERNAL_H
#define TERMIN_FUZZY_INTERNAL_H

#include "util.h"
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
};

/* The index term of a word key in language `lang` (primary subtag). */
uint64_t termin__fuzzy_term(uint64_t word_key, const char *lang);

/* The primary language subtag of `lang` ("en" for "en-GB") into `out`
 * (16 bytes), lower case. */
void termin__fuzzy_primary(const char *lang, char out[16]);

/* The SQL of schema step 3 (db.c): the word index of fuzzy_index.c. */
extern const char termin__fuzzy_schema_sql[];

#endif
