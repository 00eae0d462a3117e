/*
 * termin/xliff.h - writing XLIFF 1.2 for CAT tools: the segments of a job,
 * each with its pre-translation and the TM match it came from.
 *
 * Streamed with libxml2's xmlTextWriter, so memory stays constant however
 * long the job. Targets are plain text: TMX inline codes of the match are
 * left out (their text kept).
 */
#ifndef TERMIN_XLIFF_H
#define TERMIN_XLIFF_H

#include "common.h"
#include "io.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct termin_xliff_writer termin_xliff_writer;

/* Starts an XLIFF 1.2 document on `f` (borrowed; the caller commits it
 * after termin_xliff_writer_close). */
int termin_xliff_writer_open(termin_xliff_writer **out, termin_outfile *f);

/* Starts a <file> for the document `original`. */
int termin_xliff_writer_begin_file(termin_xliff_writer *w, const char *original,
                                   const char *srclang, const char *tgtlang);

/* A TM match recorded with a unit: the pre-translation (target), and the
 * TM unit it came from as an <alt-trans> with match-quality. */
typedef struct {
	int score;               /* 101 context, 100 exact, else fuzzy */
	const char *target;      /* plain text */
	size_t target_len;
	const char *tm_source;   /* the TM unit's source text */
	size_t tm_source_len;
	const char *origin;      /* the TM's name */
} termin_xliff_match;

/* Writes a <trans-unit id="id"> with its source and, with a match, a
 * target (state needs-review-translation, or translated for 101%;
 * state-qualifier exact-match or fuzzy-match) and the alt-trans. */
int termin_xliff_writer_unit(termin_xliff_writer *w, const char *id, const char *source,
                             size_t source_len, const termin_xliff_match *m);

int termin_xliff_writer_end_file(termin_xliff_writer *w);

/* Closes the document and frees `w`; the outfile stays open. */
int termin_xliff_writer_close(termin_xliff_writer *w);

/* Frees `w` after a failure. NULL does nothing. */
void termin_xliff_writer_free(termin_xliff_writer *w);

#ifdef __cplusplus
}
#endif

#endif
