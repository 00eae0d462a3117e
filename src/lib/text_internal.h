/*
 * text_internal.h - the raw line reader under termin_textfile.
 *
 * The reader decodes a file (UTF-8, or anything ICU converts) into UTF-8
 * physical lines, and knows how to measure decoded text back in bytes of
 * the original input, which is how byte offsets survive transcoding.
 */
#ifndef TERMIN_TEXT_INTERNAL_H
#define TERMIN_TEXT_INTERNAL_H

#include "util.h"

typedef struct termin__reader termin__reader;

typedef struct {
	const char *text;   /* decoded UTF-8 without terminator; valid until next call */
	size_t len;
	size_t lineno;      /* 1-based */
	uint64_t orig;      /* byte offset of text[0] in the original input */
	int continued;      /* continues the previous piece of the same line */
	int partial;        /* the line goes on in the next piece */
} termin__rawline;

/* Opens a file ("-" is standard input) or a memory buffer (borrowed).
 * `encoding` NULL means UTF-8 with BOM sniffing. */
int termin__reader_open(termin__reader **out, const char *path, const char *encoding,
                        size_t max_line);
int termin__reader_open_buffer(termin__reader **out, const char *name, const char *data,
                               size_t len, const char *encoding, size_t max_line);

/* Returns 1 and fills `out`, 0 at end of input, or a negative error. */
int termin__reader_next(termin__reader *r, termin__rawline *out);

/* Number of bytes the decoded UTF-8 `text` occupied in the original input. */
uint64_t termin__reader_measure(const termin__reader *r, const char *text, size_t len);

const char *termin__reader_name(const termin__reader *r);
uint64_t termin__reader_bytes(const termin__reader *r);

void termin__reader_free(termin__reader *r);

#endif
