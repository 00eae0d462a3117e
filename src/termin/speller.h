/*
 * termin/speller.h - spell checking with hunspell dictionaries.
 *
 * A speller holds any number of hunspell dictionaries plus extra word
 * lists; a word is correct when any of them accepts it. Dictionaries are
 * loaded lazily on first use, so creating a speller that is never asked
 * costs nothing. Answers are cached per word.
 */
#ifndef TERMIN_SPELLER_H
#define TERMIN_SPELLER_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct termin_speller termin_speller;

/* Creates an empty speller. Free with termin_speller_free. */
int termin_speller_new(termin_speller **out);

/* Registers the hunspell dictionary `name` ("en_US", "en_GB", "ru_RU").
 * It is looked up in $TERMIN_DICT_PATH (colon-separated), then
 * /usr/share/hunspell. Returns TERMIN_ENOTFOUND when the .aff/.dic pair is
 * not installed. The files are read on first use. */
int termin_speller_add_dict(termin_speller *s, const char *name);

/* Adds one accepted word. */
int termin_speller_add_word(termin_speller *s, const char *word);

/* Adds the words of a UTF-8 file, one per line ('#' starts a comment). */
int termin_speller_add_words(termin_speller *s, const char *path);

/* Returns 1 when some dictionary or word list accepts `word` (UTF-8, `len`
 * bytes), 0 when none does, or a negative code when a dictionary failed to
 * load. */
int termin_speller_check(termin_speller *s, const char *word, size_t len);

/* Fills `out` with up to `max` suggestions for `word`, each a malloc'd
 * UTF-8 string the caller frees with free(). Returns the number filled or
 * a negative code. */
int termin_speller_suggest(termin_speller *s, const char *word, size_t len,
                           char **out, int max);

/* Like termin_speller_suggest, but first looks for the corrections of a
 * typo: words one edit away that a dictionary of the word's script (or
 * the word list) accepts, in this order: two neighbouring letters swapped,
 * a letter too many, a letter missing, a letter wrong. When there is one,
 * hunspell's own search (tens of milliseconds a word: it scores n-grams
 * over the whole dictionary) is not run; otherwise the result is that of
 * termin_speller_suggest. Same ownership and return values. */
int termin_speller_suggest_quick(termin_speller *s, const char *word, size_t len,
                                 char **out, int max);

void termin_speller_free(termin_speller *s);

#ifdef __cplusplus
}
#endif

#endif
