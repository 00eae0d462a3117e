/*
 * segment_internal.h - what the segmenter front end (segment.c) needs from
 * the rule engines: the built-in rules (segrules.c) and SRX (srx.c).
 *
 * Both engines answer the same question for one line of text (no line
 * breaks inside): after which byte positions does a segment end? They
 * append those positions, in increasing order, to a termin__breaks.
 */
#ifndef TERMIN_SEGMENT_INTERNAL_H
#define TERMIN_SEGMENT_INTERNAL_H

#include <stdio.h>
#include "util.h"

typedef struct {
	size_t *pos;
	size_t n, cap;
} termin__breaks;

static inline void termin__breaks_add(termin__breaks *b, size_t pos)
{
	if (b->n && b->pos[b->n - 1] >= pos)
		return; /* keep strictly increasing */
	TERMIN_GROW(b->pos, b->cap, b->n + 1);
	b->pos[b->n++] = pos;
}

/* Languages the built-in rules know. */
typedef enum { TERMIN__LANG_OTHER = 0, TERMIN__LANG_EN, TERMIN__LANG_RU } termin__lang;

/* Maps a BCP 47 code ("en", "en-GB", "ru_RU", "RU") to a termin__lang. */
termin__lang termin__lang_of(const char *code);

/* Built-in rules: appends the break positions of `text` (one line, UTF-8). */
void termin__rules_breaks(termin__lang lang, const char *text, size_t len, termin__breaks *out);

/* Writes the built-in rules as an SRX 2.0 document. */
int termin__rules_export_srx(FILE *f);

/* SRX 2.0 rule sets. */
typedef struct termin__srx termin__srx;

/* Loads an SRX file; malformed files give TERMIN_EINVALID naming file and
 * line. Untrusted XML: no network, no entity expansion. */
int termin__srx_load(termin__srx **out, const char *path);

/* Appends the break positions that the rules for `lang` give for `text`. */
int termin__srx_breaks(termin__srx *srx, const char *lang, const char *text, size_t len,
                       termin__breaks *out);

void termin__srx_free(termin__srx *srx);

#endif
