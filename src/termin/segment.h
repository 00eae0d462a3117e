/*
 * termin/segment.h - sentence segmentation.
 *
 * A termin_segmenter splits a paragraph into sentence segments, with
 * termin's built-in English and Russian rules or with the rules of an SRX 2.0
 * file. A termin_segstream runs a segmenter over a termin_textfile and
 * yields segments with their language and their byte offsets in the
 * original input.
 */
#ifndef TERMIN_SEGMENT_H
#define TERMIN_SEGMENT_H

#include <stdio.h>
#include "common.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct termin_segmenter termin_segmenter;
typedef struct termin_segstream termin_segstream;

typedef struct {
	unsigned int version;
	/* NULL: built-in rules. Otherwise an SRX 2.0 file to load. */
	const char *srx_path;
} termin_segmenter_opts;

#define TERMIN_SEGMENTER_OPTS_VERSION 1
#define TERMIN_SEGMENTER_OPTS_INIT { TERMIN_SEGMENTER_OPTS_VERSION, NULL }

/* A segment's place in the text passed to termin_segmenter_split: bytes
 * [start, end), with surrounding white space excluded. */
typedef struct {
	size_t start;
	size_t end;
} termin_span;

/* Creates a segmenter. A malformed SRX file gives TERMIN_EINVALID with a
 * message naming file and line. Free with termin_segmenter_free. */
int termin_segmenter_new(termin_segmenter **out, const termin_segmenter_opts *opts);

/* Splits `text` (UTF-8, `len` bytes) written in language `lang` (a BCP 47
 * code such as "en" or "ru-RU"; other languages get the default rules).
 * A line break inside `text` always ends a segment. On success `*spans`
 * points to `*n` spans owned by the segmenter and valid until its next
 * call; empty segments are never returned. */
int termin_segmenter_split(termin_segmenter *s, const char *lang,
                           const char *text, size_t len,
                           const termin_span **spans, size_t *n);

/* Writes termin's built-in rules as an SRX 2.0 document to `f`, so that a
 * CAT tool segments as termin does. */
int termin_segmenter_export_srx(FILE *f);

void termin_segmenter_free(termin_segmenter *s);

/* --- Streams of segments -------------------------------------------- */

/* One segment, a record filled by termin_segstream_next; `text` is valid
 * until the next call. */
typedef struct {
	const char *text;
	size_t len;
	const char *lang;   /* "en", "ru" or the language forced by the caller */
	size_t line;        /* 1-based line of the paragraph */
	size_t paragraph;   /* 1-based paragraph (non-empty line) index */
	size_t index;       /* 1-based index of the segment in its paragraph */
	uint64_t start;     /* byte offsets in the original input */
	uint64_t end;
} termin_segment;

/* Runs `seg` over `tf`, both borrowed. `lang` is "auto" (or NULL) to decide
 * between English and Russian per paragraph, or a fixed language. */
int termin_segstream_new(termin_segstream **out, termin_textfile *tf,
                         termin_segmenter *seg, const char *lang);

/* With "auto": the language given to paragraphs too short to decide (a
 * dateline "12.03.2025") before any paragraph has decided one; "en" unless
 * set. `lang` is "en" or "ru" (others are ignored). Callers that can read
 * ahead (a file, not a pipe) pass the language of the text's beginning, so
 * that a Russian text's opening dateline is not tagged English. */
void termin_segstream_set_first_lang(termin_segstream *ss, const char *lang);

/* Returns 1 when `out` was filled, 0 at the end, or a negative code. */
int termin_segstream_next(termin_segstream *ss, termin_segment *out);

/* How many segments had to be cut without a sentence boundary because
 * they grew past 1 MiB (a line of binary-like text, a minified file). */
size_t termin_segstream_forced_cuts(const termin_segstream *ss);

void termin_segstream_free(termin_segstream *ss);

#ifdef __cplusplus
}
#endif

#endif
