/*
 * termin/tmx.h - writing TMX 1.4b.
 *
 * The writer streams with libxml2's xmlTextWriter, so memory stays constant
 * however many units are written. Output is valid against the TMX 1.4b DTD
 * and deterministic: the same calls give the same bytes.
 */
#ifndef TERMIN_TMX_H
#define TERMIN_TMX_H

#include "common.h"
#include "io.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct termin_tmx_writer termin_tmx_writer;

typedef struct {
	unsigned int version;
	const char *srclang;      /* "en", or "*all*" */
	const char *segtype;      /* "sentence" (default), "paragraph", "phrase", "block" */
	const char *datatype;     /* "plaintext" (default) */
	const char *adminlang;    /* "en" (default) */
	const char *o_tmf;        /* original format; "termin" (default) */
	/* YYYYMMDDThhmmssZ; NULL means now, or $SOURCE_DATE_EPOCH when set. */
	const char *creationdate;
	int utf16;                /* nonzero: UTF-16LE with a byte-order mark */
} termin_tmx_header;

#define TERMIN_TMX_HEADER_VERSION 1
#define TERMIN_TMX_HEADER_INIT { TERMIN_TMX_HEADER_VERSION, "en", NULL, NULL, NULL, NULL, NULL, 0 }

/* Starts a TMX document on `f` (borrowed; the caller commits it after
 * termin_tmx_writer_close). */
int termin_tmx_writer_open(termin_tmx_writer **out, termin_outfile *f,
                           const termin_tmx_header *h);

/* Starts a <tu>. `tuid` and `creationdate` may be NULL. */
int termin_tmx_writer_begin_tu(termin_tmx_writer *w, const char *tuid,
                               const char *creationdate);

/* Adds a <prop type="..."> or a <note> to the open <tu> or <tuv>. */
int termin_tmx_writer_prop(termin_tmx_writer *w, const char *type, const char *value);
int termin_tmx_writer_note(termin_tmx_writer *w, const char *text);

/* Starts a <tuv xml:lang="...">; props and notes may follow, then the
 * segment. */
int termin_tmx_writer_begin_tuv(termin_tmx_writer *w, const char *lang);

/* Writes <seg> with plain text (escaped as needed) and closes the <tuv>. */
int termin_tmx_writer_seg_text(termin_tmx_writer *w, const char *text, size_t len);

/* Writes <seg> whose content is already TMX inline markup (bpt, ept, ph,
 * ...), copied verbatim, and closes the <tuv>. */
int termin_tmx_writer_seg_markup(termin_tmx_writer *w, const char *xml, size_t len);

int termin_tmx_writer_end_tu(termin_tmx_writer *w);

/* Closes the document and frees `w`; the outfile stays open. */
int termin_tmx_writer_close(termin_tmx_writer *w);

/* Frees `w` after a failure without finishing the document. */
void termin_tmx_writer_free(termin_tmx_writer *w);

/* Formats a time as a TMX date (YYYYMMDDThhmmssZ) into `buf` (17 bytes). */
void termin_tmx_date(char buf[17], int64_t unix_time);

/* The time to stamp output with: $SOURCE_DATE_EPOCH when set, else now. */
int64_t termin_tmx_now(void);

#ifdef __cplusplus
}
#endif

#endif
