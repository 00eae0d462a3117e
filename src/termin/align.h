/*
 * termin/align.h - sentence alignment of a text and its translation.
 *
 * termin_align takes the segments of a source text (English) and of its
 * translation (Russian), each with the paragraph it belongs to, and finds
 * the most likely sequence of beads: groups of 0..2 source segments
 * translated by 0..2 target segments (1-1, 1-2, 2-1, 2-2, and 1-0 / 0-1 for
 * omissions and additions). Each bead carries a confidence, the posterior
 * probability of that bead under the model given both texts.
 *
 * The model scores a bead by the log-likelihood ratio of "these segments
 * translate each other" against "they are unrelated": character lengths
 * (Gale-Church, with the length ratio and its variance estimated from the
 * texts themselves), numbers and dates, names and acronyms compared through
 * a transliteration key, final punctuation and quotes, paragraph boundaries
 * (whose weight is learned from how well the two sides' paragraphs agree),
 * and any number of pluggable anchor sources such as a glossary. Time and
 * memory grow linearly with the length of the texts: long inputs are
 * aligned at coarser resolutions first and refined in a corridor around the
 * coarse path, so two texts of very different length are aligned as far
 * as they can be, never refused.
 */
#ifndef TERMIN_ALIGN_H
#define TERMIN_ALIGN_H

#include <stdio.h>
#include "common.h"
#include "glossary.h"
#include "tm.h"
#include "tmx.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct termin_alignment termin_alignment;

/* One segment to align. The text is borrowed: it must stay valid as long
 * as the alignment that is built from it. */
typedef struct {
	const char *text;   /* UTF-8 */
	size_t len;
	size_t paragraph;   /* segments with the same number share a paragraph */
	const char *lang;   /* "en", "ru", ...; NULL means the side's language */
} termin_align_seg;

/* One bead of an alignment. */
typedef struct {
	size_t src;          /* index of the first source segment in the bead */
	size_t tgt;          /* index of the first target segment */
	unsigned int nsrc;   /* source segments in the bead: 0, 1 or 2 */
	unsigned int ntgt;   /* target segments in the bead: 0, 1 or 2 */
	double confidence;   /* posterior probability of the bead, 0..1 */
	double score;        /* log-likelihood ratio of the bead (nats) */
} termin_bead;

/* --- Anchor sources ----------------------------------------------------- */

/* A callback an anchor source calls once for every anchor it finds. */
typedef void (*termin_align_emit_fn)(void *emit_ctx, uint64_t key);

/* An anchor source finds, in one segment, things that have a
 * language-independent identity: a glossary concept, say. A bead whose two
 * sides share such a key is more likely a translation pair; the aligner
 * weighs each shared key by how rare it is in the two texts (a key found in
 * every sentence tells nothing). This is how the glossary plugs in. */
typedef struct {
	const char *name;    /* for diagnostics ("glossary") */
	/* Prior chance that an anchor on one side has its counterpart on the
	 * other side of a true pair, in (0, 1); refined from the texts. */
	double p_keep;
	/* Nonzero: an anchor without counterpart is evidence against a pair. */
	int miss_penalty;
	/* Finds the anchors of `text` (`side` 0 = source, 1 = target; `lang`
	 * the segment's language) and calls emit for each. Returns 0, or a
	 * negative TERMIN_E* code that aborts the alignment. */
	int (*find)(void *ctx, int side, const char *lang, const char *text, size_t len,
	            termin_align_emit_fn emit, void *emit_ctx);
	void *ctx;
} termin_align_anchors;

/* Fills `*out` with an anchor source that finds the terms of the glossary
 * matcher `m` (borrowed: it must outlive the alignment; matched in each
 * segment's language, Russian inflection included). A concept named on
 * both sides of a pair, by any of its terms, counts for the pair; a
 * concept without counterpart does not count against it (translators
 * often render a term by a pronoun or drop a repeated name). */
void termin_align_glossary_anchors(termin_align_anchors *out, termin_matcher *m);

/* --- Aligning ----------------------------------------------------------- */

/* Built-in score components, for termin_align_opts.features. */
enum {
	TERMIN_ALIGN_LENGTH = 1,      /* character-length ratio */
	TERMIN_ALIGN_NUMBERS = 2,     /* numbers, dates, months, number words */
	TERMIN_ALIGN_NAMES = 4,       /* names, acronyms, cognates, URLs */
	TERMIN_ALIGN_PUNCT = 8,       /* ? ! quotes, segments without a final stop */
	TERMIN_ALIGN_PARAGRAPHS = 16, /* paragraph boundaries */
	TERMIN_ALIGN_ALL = 31
};

typedef struct {
	unsigned int version;
	const char *src_lang;    /* "en" (default) */
	const char *tgt_lang;    /* "ru" (default) */
	unsigned int features;   /* TERMIN_ALIGN_* bits; default TERMIN_ALIGN_ALL */
	/* Target/source ratio of character counts; 0 estimates it from the
	 * texts (default). */
	double ratio;
	/* Largest matrix (source x target segments) aligned at full
	 * resolution; longer texts are aligned coarse-to-fine in a corridor.
	 * 0 means the default, 1,000,000 cells (about 30 MB). */
	size_t max_cells;
	/* Extra anchor sources (a glossary), borrowed; may be NULL. */
	const termin_align_anchors *anchors;
	size_t n_anchors;
	/* Called now and then with the work done so far (for a progress bar);
	 * may be NULL. */
	void (*progress)(void *ctx, uint64_t done, uint64_t total);
	void *progress_ctx;
} termin_align_opts;

#define TERMIN_ALIGN_OPTS_VERSION 1
#define TERMIN_ALIGN_OPTS_INIT { TERMIN_ALIGN_OPTS_VERSION, "en", "ru", TERMIN_ALIGN_ALL, 0.0, 0, \
                                 NULL, 0, NULL, NULL }

/* Aligns `src` (nsrc segments) with `tgt` (ntgt segments). Either side may
 * be empty. Both arrays and their texts are borrowed and must outlive the
 * result. On success *out holds the alignment (free it with
 * termin_alignment_free); its beads cover every segment of both sides
 * exactly once, in order. Fails with TERMIN_EUSAGE for bad options, or
 * with the code an anchor source returned. */
int termin_align(termin_alignment **out, const termin_align_seg *src, size_t nsrc,
                 const termin_align_seg *tgt, size_t ntgt, const termin_align_opts *opts);

/* The number of beads, and the i-th (0 <= i < count). */
size_t termin_alignment_count(const termin_alignment *a);
const termin_bead *termin_alignment_bead(const termin_alignment *a, size_t i);

/* The segments the alignment was built from (borrowed from the caller). */
const termin_align_seg *termin_alignment_segs(const termin_alignment *a, int side, size_t *n);

/* What the aligner estimated from the two texts. */
typedef struct {
	double ratio;          /* target/source characters in a 1-1 pair */
	double variance;       /* Gale-Church s^2: variance per character */
	double p_bead[6];      /* prior of 1-1, 1-0, 0-1, 2-1, 1-2, 2-2 */
	double para_agree;     /* P(target paragraph ends | source ends there), or -1 */
	int levels;            /* resolutions used (1: the full matrix) */
	uint64_t cells;        /* dynamic-programming cells evaluated, all passes */
} termin_align_info;

void termin_alignment_info(const termin_alignment *a, termin_align_info *out);

void termin_alignment_free(termin_alignment *a);

/* --- Writing ------------------------------------------------------------ */

typedef struct {
	unsigned int version;
	/* Pairs with a confidence below this are left out of TMX and TSV and
	 * flagged for review in HTML and JSON lines. */
	double min_confidence;
	const char *src_name;     /* file names shown in HTML and stored in TMX */
	const char *tgt_name;
	const char *creationdate; /* TMX date; NULL: now or $SOURCE_DATE_EPOCH */
	/* The document name stored with TM units; NULL: the base name of
	 * src_name. */
	const char *doc;
} termin_align_write_opts;

#define TERMIN_ALIGN_WRITE_OPTS_VERSION 1
#define TERMIN_ALIGN_WRITE_OPTS_INIT { TERMIN_ALIGN_WRITE_OPTS_VERSION, 0.5, NULL, NULL, NULL, NULL }

/* Whether bead `b` is accepted as a translation pair: both sides non-empty
 * and confidence >= min_confidence. */
int termin_bead_accepted(const termin_bead *b, double min_confidence);

/* Writes the accepted pairs as units of an open TMX document: the bead's
 * source segments joined by a space, then its target segments, with props
 * x-align-confidence, x-align-bead ("2-1") and, when names are given,
 * x-document-src / x-document-tgt. */
int termin_alignment_write_tmx(const termin_alignment *a, termin_tmx_writer *w,
                               const termin_align_write_opts *opts);

/* Writes accepted pairs as TSV, one pair a line: source, target,
 * confidence (tabs and line breaks inside text become spaces). */
int termin_alignment_write_tsv(const termin_alignment *a, FILE *f,
                               const termin_align_write_opts *opts);

/* Writes every bead as one JSON object a line: bead type, confidence,
 * accepted, src and tgt (arrays of segment texts) and the paragraph
 * numbers. */
int termin_alignment_write_jsonl(const termin_alignment *a, FILE *f,
                                 const termin_align_write_opts *opts);

/* Writes a self-contained HTML page for reviewing the alignment: a summary,
 * the omissions, additions and doubtful pairs, then both texts side by
 * side, one row per bead. */
int termin_alignment_write_html(const termin_alignment *a, FILE *f,
                                const termin_align_write_opts *opts);

/* Stores the accepted pairs in the translation memory `tm` in one batch
 * (one transaction: all of them or, on error, none): one unit per bead
 * with the props x-align-confidence, x-align-bead and, when names are
 * given, x-document-src / x-document-tgt; each unit's context is the
 * document name and its position among the stored pairs. `*stored` (may
 * be NULL) receives the number of units given to the TM and `*added` (may
 * be NULL) how many of those were new to it. Fails with the TM's error
 * (TERMIN_EDB) after rolling back. */
int termin_alignment_store(const termin_alignment *a, termin_tm *tm,
                           const termin_align_write_opts *opts, size_t *stored, size_t *added);

#ifdef __cplusplus
}
#endif

#endif
