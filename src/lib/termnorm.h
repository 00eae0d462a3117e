/*
 * termnorm.h - how text is cut into tokens and reduced to the keys the
 * term matcher compares (internal).
 *
 * A token is a word (letters, digits and in-word apostrophes) or a single
 * punctuation character. White space, hyphens, dashes, quotes and
 * invisible characters separate tokens and are otherwise ignored, so
 * "member-state", "member state" and "member – state" are the same two
 * tokens. English possessive endings ('s, s') belong to the
 * token's span but not to its word.
 *
 * Keys:
 *   folded   lower case (Unicode simple case folding), ё -> е, apostrophes
 *            unified, invisible characters dropped, then reduced: English
 *            words by an s-stemmer, Russian words by the chosen morphology
 *            (Snowball stems, hunspell stems; several keys when hunspell
 *            finds several stems);
 *   exact    "\x01" + the word as written (ё -> е, apostrophes unified):
 *            acronyms, abbreviations and other case-sensitive terms;
 *   punct    "\x02" + the character.
 */
#ifndef TERMIN_TERMNORM_H
#define TERMIN_TERMNORM_H

#include "util.h"
#include "termin/glossary.h"

enum {
	TERMIN__TK_WORD = 1,
	TERMIN__TK_PUNCT = 2,
	TERMIN__TK_UPPER = 4,     /* has an upper-case letter */
	TERMIN__TK_ALLUPPER = 8,  /* every letter upper case (and at least two) */
	TERMIN__TK_CYRILLIC = 16, /* the first letter is Cyrillic */
	TERMIN__TK_HYPHEN = 32    /* joined to the next token by a bare hyphen */
};

typedef struct {
	size_t start, end;   /* span in the text, end past a possessive */
	size_t wend;         /* end of the word itself */
	unsigned int flags;
} termin__tok;

/* Cuts `text` into tokens; *toks grows as needed. Returns the count. */
size_t termin__tokenize(const char *text, size_t len, termin__tok **toks, size_t *cap);

typedef struct termin__norm termin__norm;

/* A normaliser with the given morphology (DEFAULT resolves to the chosen
 * one; HUNSPELL and HYBRID fail with TERMIN_ENOTFOUND when ru_RU is not
 * installed). Not thread-safe: it owns a stemmer and caches. */
int termin__norm_new(termin__norm **out, termin_morphology m);
void termin__norm_free(termin__norm *n);
termin_morphology termin__norm_morphology(const termin__norm *n);

/* The keys of a word (or punctuation) token. Keys are written one after
 * another into `out`, each NUL-terminated; returns how many. `exact`
 * selects the exact key instead of the folded ones. For a word of
 * upper-case Cyrillic letters followed by one to three lower-case ones
 * ("МИДа"), `exact` also gives the key of the upper-case part. */
int termin__token_keys(termin__norm *n, const char *text, const termin__tok *t, int exact,
                       termin_buf *out);

/* The folded key of two tokens written as one word ("counter" +
 * "terrorist" -> "counterterrorist"), for hyphen variants. */
int termin__joined_key(termin__norm *n, const char *text, const termin__tok *a,
                       const termin__tok *b, termin_buf *out);

/* Whether the letters of two words have the same case pattern over their
 * common length (for case-sensitive terms: "Search" is not "search"). */
int termin__same_case(const char *a, size_t alen, const char *b, size_t blen);

/* Whether a word has an upper-case first letter and no other. */
int termin__is_capitalized(const char *w, size_t n);

/* Whether a word at byte `pos` starts a sentence (the text's start, or
 * after . ! ? and spaces or dashes) and is not inside quotes: there an
 * initial capital says nothing about a name. */
int termin__sentence_initial(const char *text, size_t pos);

/* The key of a whole term as the matcher sees it (tokens joined by a
 * space, first key of each), for comparing terms in validation. */
void termin__term_key(termin__norm *n, const termin_term *t, termin_buf *out);

#endif
