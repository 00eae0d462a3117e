/*
 * align_internal.h - the sentence aligner's parts shared between
 * align.c (the model and its estimation), align_anchor.c (what is found in
 * a segment) and align_dp.c (the banded dynamic programme).
 */
#ifndef TERMIN_ALIGN_INTERNAL_H
#define TERMIN_ALIGN_INTERNAL_H

#include "termin/align.h"
#include "util.h"

struct termin_alignment {
	const termin_align_seg *seg[2];  /* borrowed from the caller */
	size_t nseg[2];
	char lang[2][16];
	termin_bead *beads;
	size_t nbeads;
	termin_align_info info;
};

/* The bead's segments of one side (0 source, 1 target) joined by single
 * spaces into `out` (cleared first; "" for an empty side). Shared by the
 * writers (align_write.c) and the TM store (align_store.c). */
void termin__align_side_text(const termin_alignment *a, const termin_bead *b, int side,
                             termin_buf *out);

/* ---- anchors found in a segment ---- */

/* Anchor classes: each has its own chance of surviving translation. */
enum {
	AL_NUM,    /* numbers, dates, months, times: a missing one counts against */
	AL_NUMW,   /* number words (two, second, двух, второй), percent */
	AL_URL,    /* URLs, e-mail addresses, domain names */
	AL_NAME,   /* capitalised words and acronyms (transliteration key) */
	AL_WORD,   /* other words of 5+ letters (cognates: terrorism, терроризм) */
	AL_PUNCT,  /* ? ! and segments without a final stop */
	AL_QUOTE,  /* quotations and parentheses */
	AL_NBUILTIN,
	AL_MAXCLASS = 16 /* built-in classes plus one per external source */
};

typedef struct {
	uint32_t key;
	uint8_t cls;
} al_tok;

typedef struct {
	al_tok *v;
	size_t n, cap;
} al_toks;

/* Appends the built-in anchors of one segment (`lang` "en", "ru", ...) to
 * `out`, for the classes enabled in `features` (TERMIN_ALIGN_* bits). */
void termin__align_tokens(const char *text, size_t len, const char *lang,
                          unsigned int features, al_toks *out);

/* The transliteration key of a word: up to 4 consonant classes after a
 * coarse Latin transliteration, so that Tasmagambetov and Тасмагамбетовым,
 * Lavrov and Лаврова, Kyrgyzstan and Кыргызстан share a key. Writes at most
 * 5 bytes plus NUL into `out` and returns the number of symbols (0 when the
 * word has none). Exposed for the tests. */
int termin__align_word_key(const char *word, size_t len, char out[8]);

/* Counts the characters that matter for the length model: code points
 * other than white space. */
size_t termin__align_length(const char *text, size_t len);

/* ---- one side at one resolution ---- */

/* Items are runs of consecutive segments: single segments at level 0, pairs
 * of level-0 items at level 1, and so on. */
typedef struct {
	size_t n;            /* items */
	size_t *seg0;        /* n+1: first segment of each item */
	size_t *sub0;        /* n+1: first item of the finer level (level > 0) */
	float *len;          /* n: characters */
	size_t *tok0;        /* n+1: offsets into key/wm/wx */
	uint32_t *key;       /* each item's anchor keys, sorted */
	float *wm;           /* weight of each token when matched */
	float *wx;           /* weight of each token when unmatched (<= 0) */
	float *wxsum;        /* n: sum of wx over the item */
	unsigned char *cut;  /* n+1: a paragraph boundary before item i */
	uint8_t *cls;        /* class of each token (level 0 only, else NULL) */
	/* the tokens of items i and i+1 merged, for beads with two items */
	size_t *ptok0;       /* n: offsets into pkey/pwm/pwx (pair i is ptok0[i]..ptok0[i+1]) */
	uint32_t *pkey;
	float *pwm, *pwx;
} al_side;

/* (Re)builds the merged tokens of consecutive item pairs from the items'
 * current tokens and weights. */
void termin__al_side_pairs(al_side *s);

void termin__al_side_free(al_side *s);

/* ---- the model's parameters for one pass ---- */

enum { AL_B11, AL_B10, AL_B01, AL_B21, AL_B12, AL_B22, AL_NBEAD };

typedef struct {
	double lp_bead[AL_NBEAD];  /* log prior of each bead type */
	double ratio, s2, v0;      /* length: d = lt - ratio*ls ~ N(0, s2*m + v0) */
	double rmean, rvar;        /* d for unrelated items ~ N(rmean, rvar) */
	double cut_llr[2][2];      /* paragraph boundary events [src][tgt] */
	int use_length, use_paras;
} al_params;

/* ---- the dynamic programme ---- */

typedef struct {
	size_t i, j;           /* start on each side (items of the level) */
	unsigned char di, dj;  /* items on each side */
	double score;          /* bead log-likelihood ratio */
	double post;           /* posterior (level 0 with posteriors only) */
} al_bead;

/* The anchor scores of item pairs, cached per corridor cell. */
typedef struct {
	size_t m, n;
	const size_t *lo, *hi, *off;
	float *adj[4];         /* per bead shape 1-1, 1-2, 2-1, 2-2; NAN until computed */
} al_cache;

typedef struct {
	const al_params *p;
	al_side *src, *tgt;    /* items at the current level */
	al_cache *cache;       /* during termin__al_dp_run */
	uint64_t cells;        /* cells evaluated so far */
	void (*progress)(void *ctx, uint64_t done, uint64_t total);
	void *progress_ctx;
	uint64_t work_done, work_total;
	double expect[AL_NBEAD]; /* expected beads of each type (posteriors) */
} al_dp;

/* The bead score of items [i, i+di) and [j, j+dj) at the current level. */
double termin__al_bead_score(al_dp *dp, size_t i, int di, size_t j, int dj);

/* Aligns dp->src with dp->tgt inside a corridor: for each row i (0..m),
 * columns lo[i]..hi[i]. NULL lo/hi means the full matrix. With
 * `posteriors`, also runs the backward pass and fills each bead's post.
 * Returns the beads of the best path in order (free() them). */
al_bead *termin__al_dp_run(al_dp *dp, const size_t *lo, const size_t *hi, int posteriors,
                           size_t *nbeads);

/* Aligns level 0 through coarser levels when the full matrix would exceed
 * `max_cells`: the coarse path, projected and widened by `radius` items,
 * bounds the finer search. `src_levels` and `tgt_levels` are the sides at
 * each resolution (index 0 the segments) and `params` the model for each.
 * Returns level-0 beads. */
al_bead *termin__al_align_levels(al_dp *dp, const al_params *params,
                                 al_side *const *src_levels, al_side *const *tgt_levels,
                                 int nlevels, size_t radius, int posteriors, size_t *nbeads);

#endif
