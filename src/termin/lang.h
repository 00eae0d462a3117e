/*
 * termin/lang.h - BCP 47 language codes.
 *
 * Language codes arrive from TMX files, TSV headers and the command line in
 * every spelling ("EN-us", "en_US", "ru-RU"). termin stores them in the
 * canonical case of BCP 47 (RFC 5646 section 2.1.1: language lower case,
 * script title case, region upper case) and compares them without regard
 * to case.
 */
#ifndef TERMIN_LANG_H
#define TERMIN_LANG_H

#include <stddef.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Longest code termin keeps, with its NUL. */
#define TERMIN_LANG_MAX 64

/* Normalises `code` into `out` (TERMIN_LANG_MAX bytes). Returns 0 when the
 * code is well-formed BCP 47 (only its case may change), 1 when it was
 * repaired (underscores as in Java locales "en_US" become hyphens), or
 * TERMIN_EINVALID when it is not a language code ("russian", "e", "12"):
 * the message then says so, with a suggestion when the code is an English
 * language name ("russian" -> "ru"). The primary language must be a
 * two-letter ISO 639-1 code (checked against ICU's list), a three-letter
 * code, or the private-use "x-" / grandfathered "i-" forms. */
int termin_lang_normalize(const char *code, char out[TERMIN_LANG_MAX]);

/* Whether `code` lies in the language range `range` (RFC 4647 basic
 * filtering): "en" matches "en", "en-US" and "en-GB"; "en-US" matches only
 * "en-US" and its extensions. Case-insensitive; "*" matches everything. */
int termin_lang_matches(const char *code, const char *range);

#ifdef __cplusplus
}
#endif

#endif
