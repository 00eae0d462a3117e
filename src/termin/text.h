/*
 * termin/text.h - reading and cleaning text files.
 *
 * A termin_textfile turns a file of any supported encoding into a stream of
 * cleaned UTF-8 lines. Each non-empty line is a paragraph: scraped web text
 * has one HTML paragraph per line, and a line break always ends a segment.
 * Reading is streamed, so memory does not grow with the size of the file;
 * a line longer than `max_line` bytes is delivered in pieces.
 */
#ifndef TERMIN_TEXT_H
#define TERMIN_TEXT_H

#include "common.h"
#include "speller.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct termin_textfile termin_textfile;
typedef struct termin_boilerplate termin_boilerplate;

/* --- Boilerplate lists ------------------------------------------------ */

/* Creates a list holding the built-in navigation lines ("Go back",
 * "Back to the section", "Back to the all news", "Вернуться назад", ...).
 * Free with termin_boilerplate_free. */
int termin_boilerplate_new(termin_boilerplate **out);

/* Adds one line per non-empty, non-'#' line of `path` (UTF-8). */
int termin_boilerplate_load(termin_boilerplate *b, const char *path);

/* Adds a single phrase. */
int termin_boilerplate_add(termin_boilerplate *b, const char *phrase);

void termin_boilerplate_free(termin_boilerplate *b);

/* --- Reading ------------------------------------------------------------ */

typedef struct {
	unsigned int version;
	/* NULL: UTF-8, with UTF-8/UTF-16/UTF-32 byte-order marks honoured.
	 * Otherwise an ICU converter name ("windows-1251", "KOI8-R", ...). */
	const char *encoding;
	/* Nonzero: normalise spaces, drop boilerplate, rejoin broken words. */
	int clean;
	/* Navigation lines to drop; NULL means the built-in list. Borrowed. */
	const termin_boilerplate *boilerplate;
	/* Dictionaries for rejoining words broken by a line break; NULL means
	 * no rejoining. Borrowed. */
	termin_speller *speller;
	/* Longest line piece delivered at once, in bytes; 0 means 1 MiB. */
	size_t max_line;
} termin_textfile_opts;

#define TERMIN_TEXTFILE_OPTS_VERSION 1
#define TERMIN_TEXTFILE_OPTS_INIT { TERMIN_TEXTFILE_OPTS_VERSION, NULL, 1, NULL, NULL, 0 }

/* One line (paragraph) of cleaned text, a record filled by
 * termin_textfile_next. `text` is valid until the next call. */
typedef struct {
	const char *text;   /* cleaned UTF-8, no line terminator, not NUL-free guaranteed */
	size_t len;
	size_t line;        /* 1-based line number of the line's first byte */
	size_t paragraph;   /* 1-based index of this non-empty line */
	int continued;      /* this piece continues the previous one */
	int partial;        /* the line goes on in the next piece */
} termin_line;

/* Opens `path` ("-" for standard input). `name` in messages is the path. */
int termin_textfile_open(termin_textfile **out, const char *path,
                         const termin_textfile_opts *opts);

/* Reads from memory instead of a file; `data` is borrowed and must outlive
 * the textfile. `name` is used in messages. */
int termin_textfile_open_buffer(termin_textfile **out, const char *name,
                                const char *data, size_t len,
                                const termin_textfile_opts *opts);

/* Delivers the next non-empty line. Returns 1 when `line` was filled, 0 at
 * end of input, or a negative error code (TERMIN_EENCODING for invalid
 * UTF-8 or unconvertible bytes, TERMIN_EINVALID for binary data,
 * TERMIN_EIO for read errors) with a message naming file, line and byte
 * offset. */
int termin_textfile_next(termin_textfile *t, termin_line *line);

/* Maps byte position `pos` in the current line's cleaned text to the byte
 * offset in the original input (BOM and encoding included). */
uint64_t termin_textfile_offset(const termin_textfile *t, size_t pos);

/* The name used in messages. */
const char *termin_textfile_name(const termin_textfile *t);

typedef struct {
	size_t lines;           /* physical lines read */
	size_t paragraphs;      /* non-empty lines delivered */
	size_t boilerplate;     /* navigation lines (or glued prefixes) dropped */
	size_t rejoined;        /* words rejoined across a line break */
	size_t spaces;          /* Unicode spaces replaced or runs collapsed */
	size_t repeated;        /* paragraphs that repeat an earlier one */
	uint64_t bytes;         /* input bytes read */
} termin_textfile_stats;

void termin_textfile_get_stats(const termin_textfile *t, termin_textfile_stats *out);

/* For the i-th repeated paragraph (0 <= i < min(stats.repeated, 1000)),
 * gives its line and the line of its first occurrence. Returns 0 or
 * TERMIN_ENOTFOUND. */
int termin_textfile_repeat(const termin_textfile *t, size_t i,
                           size_t *line, size_t *first_line);

/* Closes the file and frees `t`. NULL does nothing. */
void termin_textfile_free(termin_textfile *t);

/* --- Language --------------------------------------------------------- */

/* Guesses whether `text` is English ("en") or Russian ("ru") from its
 * letters. Returns NULL when the text has too few letters to decide. */
const char *termin_lang_detect(const char *text, size_t len);

#ifdef __cplusplus
}
#endif

#endif
