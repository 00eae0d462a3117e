/*
 * segrules.h - the data behind termin's built-in segmentation rules,
 * shared by the scanner (segrules.c) and the SRX export (segrules_srx.c).
 *
 * The rules are one scanner; what differs between languages is data: the
 * abbreviation tables and the words that start English sentences. Keeping
 * them as tables lets the SRX export generate its no-break rules from the
 * very lists the scanner consults, so the two cannot drift.
 */
#ifndef TERMIN_SEGRULES_H
#define TERMIN_SEGRULES_H

#include "segment_internal.h"

/* What a period after an abbreviation means. */
typedef enum {
	/* Never ends a sentence: titles and words that need a complement
	 * ("Mr.", "Gen.", "St.", "i.e.", Russian "г.", "им.", "ул.", "т. е."). */
	TERMIN__AB_TITLE = 1,
	/* Ends a sentence only before a capital letter, never before a digit
	 * or a lower-case word ("etc.", "Co.", "Jan.", "No.", "млн.", "т. д."). */
	TERMIN__AB_PLAIN = 2
} termin__ab_kind;

typedef struct {
	const char *word;   /* without the final period; inner periods kept ("U.S", "т.е") */
	unsigned char kind; /* termin__ab_kind */
} termin__abbrev;

/* The tables end with a { NULL, 0 } entry. Spaced forms ("т. е.") are
 * listed once, without spaces: the scanner and the export both allow a
 * space after each inner period. */
extern const termin__abbrev termin__abbrev_en[];
extern const termin__abbrev termin__abbrev_ru[];

/* Capitalised words that begin English sentences: after a multi-period
 * abbreviation ("U.S.", "a.m.") a capital only ends the sentence when it
 * starts one of these words (or a title such as "Mr."). NULL-terminated. */
extern const char *const termin__starters_en[];

/* Generic top-level domains: "Cronos.Asia" is a domain name, "world.Today"
 * two sentences glued together. Two-letter words are always taken as
 * country-code domains. NULL-terminated, lower case. */
extern const char *const termin__tlds[];

/* Limits, in code points, of the quotation and bracket protection: a
 * sentence end inside «...», "...", (...) is not a break when the opening
 * mark is at most TERMIN__QUOTE_BACK code points before it and the closing
 * one at most TERMIN__QUOTE_AHEAD after it, and the quotation is embedded in
 * a larger sentence. */
#define TERMIN__QUOTE_BACK 300
#define TERMIN__QUOTE_AHEAD 300

#endif
