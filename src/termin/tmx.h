/*
 * termin/tmx.h - reading and writing TMX (Translation Memory eXchange).
 *
 * The reader streams TMX 1.1 to 1.4b with libxml2's xmlTextReader: memory
 * stays constant however large the file, and untrusted XML is handled
 * safely (no network, no DTD loading, no entity expansion; a DOCTYPE that
 * declares entities is refused). Units come out one at a time as records
 * of plain pointers owned by the reader.
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
typedef struct termin_tmx_reader termin_tmx_reader;

/* A date that is absent. Dates are seconds since the epoch (UTC). */
#define TERMIN_NODATE INT64_MIN

/* --- Records shared by the reader, the writer and the TM ------------- */

/* A <prop> or a <note>, at header, unit or variant level. */
typedef struct {
	int is_note;        /* 1 for <note>, 0 for <prop> */
	const char *type;   /* prop type ("" when the file had none); NULL for notes */
	const char *lang;   /* its xml:lang, normalised, or NULL */
	const char *text;
} termin_tmx_meta;

/* Dates, users and usage of a unit or a variant (TMX attributes). */
typedef struct {
	int64_t created;        /* creationdate, or TERMIN_NODATE */
	int64_t changed;        /* changedate, or TERMIN_NODATE */
	int64_t last_used;      /* lastusagedate, or TERMIN_NODATE */
	const char *created_by; /* creationid, or NULL */
	const char *changed_by; /* changeid, or NULL */
	long usage;             /* usagecount; 0 when absent */
	/* The other TMX attributes (creationtool, datatype, o-tmf, ...), as
	 * "name\x1fvalue" pairs joined by "\x1e" (characters XML cannot
	 * hold), or NULL. */
	const char *attrs;
} termin_tmx_stamp;

/* One language variant (<tuv>) of a unit. */
typedef struct {
	const char *lang;       /* BCP 47, normalised ("en-US", "ru", "zh-Hans-CN") */
	/* The content of <seg> as TMX markup: text escaped (&amp; &lt; &gt;),
	 * inline elements (bpt ept it ph hi sub ut) with their attributes and
	 * content, exactly as read. */
	const char *markup;
	size_t markup_len;
	/* The plain text: the markup without the native codes inside bpt, ept,
	 * it, ph, ut and sub; the text of hi kept. For search and matching. */
	const char *text;
	size_t text_len;
	termin_tmx_stamp stamp;
	const termin_tmx_meta *meta;  /* props and notes in document order */
	size_t n_meta;
	size_t line;            /* where it was read (0 when not from a file) */
} termin_tmx_variant;

/* One translation unit (<tu>). */
typedef struct {
	const char *tuid;       /* or NULL */
	/* The source language: the unit's srclang, else the header's; the
	 * language of a variant when the declared one is missing (see the
	 * reader's warnings); "*all*" when any variant may be the source. */
	const char *srclang;
	termin_tmx_stamp stamp;
	const termin_tmx_meta *meta;
	size_t n_meta;
	const termin_tmx_variant *variants;
	size_t n_variants;
	size_t line, column;    /* of the <tu> start tag (0 when not from a file) */
} termin_tmx_unit;

/* What the <header> said. */
typedef struct {
	const char *version;        /* the tmx version attribute ("1.4") */
	const char *creationtool;
	const char *creationtoolversion;
	const char *segtype;
	const char *o_tmf;
	const char *adminlang;
	const char *srclang;        /* normalised, or "*all*" */
	const char *datatype;
	int64_t creationdate;       /* or TERMIN_NODATE */
	const termin_tmx_meta *meta;/* header props and notes */
	size_t n_meta;
} termin_tmx_info;

/* --- Reading ----------------------------------------------------------- */

typedef struct {
	unsigned int version;
	/* Called for each tolerated defect with "file:line:column: what"; the
	 * reader goes on. NULL: warnings are dropped. */
	void (*warn)(void *ctx, const char *message);
	void *ctx;
} termin_tmx_reader_opts;

#define TERMIN_TMX_READER_OPTS_VERSION 1
#define TERMIN_TMX_READER_OPTS_INIT { TERMIN_TMX_READER_OPTS_VERSION, NULL, NULL }

/* Opens `path` ("-" for standard input) and reads up to the end of the
 * <header>. Fails with TERMIN_EIO when the file cannot be read, and with
 * TERMIN_EINVALID ("file:line:column: what") when it is not well-formed
 * XML, not TMX, or has a DOCTYPE declaring entities. Free with
 * termin_tmx_reader_free. */
int termin_tmx_reader_open(termin_tmx_reader **out, const char *path,
                           const termin_tmx_reader_opts *opts);

/* The header; valid while the reader lives. */
const termin_tmx_info *termin_tmx_reader_info(const termin_tmx_reader *r);

/* Reads the next unit. Returns 1 and sets *out (valid until the next call),
 * 0 at the end of the body, or TERMIN_EINVALID with a message
 * "file:line:column: what". After an invalid unit the reader can go on to
 * the next unit unless termin_tmx_reader_failed() says it cannot (the
 * XML itself is broken, or an I/O error): then every call fails again. */
int termin_tmx_reader_next(termin_tmx_reader *r, const termin_tmx_unit **out);

/* Nonzero once the reader cannot go on. */
int termin_tmx_reader_failed(const termin_tmx_reader *r);

/* Input bytes consumed so far (for progress) and the file size (0 when
 * unknown), and a 64-bit digest of the bytes read so far (the whole file
 * once termin_tmx_reader_next returned 0). */
uint64_t termin_tmx_reader_bytes(const termin_tmx_reader *r);
uint64_t termin_tmx_reader_size(const termin_tmx_reader *r);
uint64_t termin_tmx_reader_digest(const termin_tmx_reader *r);

void termin_tmx_reader_free(termin_tmx_reader *r);

/* Parses a TMX date. Returns 0 for the TMX form YYYYMMDDThhmmssZ, 1 for a
 * tolerated ISO 8601 form (2024-01-31T10:00:00Z, 2024-01-31, with an
 * offset), TERMIN_EINVALID otherwise. */
int termin_tmx_parse_date(const char *s, int64_t *out);

/* --- Writing ----------------------------------------------------------- */

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
	const termin_tmx_meta *meta; /* header props and notes, or NULL */
	size_t n_meta;
} termin_tmx_header;

#define TERMIN_TMX_HEADER_VERSION 1
#define TERMIN_TMX_HEADER_INIT { TERMIN_TMX_HEADER_VERSION, "en", NULL, NULL, NULL, NULL, NULL, 0, NULL, 0 }

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
/* Adds a prop or note with its xml:lang. */
int termin_tmx_writer_meta(termin_tmx_writer *w, const termin_tmx_meta *m);

/* Writes a whole unit: its attributes (tuid; dates as YYYYMMDDThhmmssZ;
 * the other attributes of its stamps), props and notes, and each variant.
 * `tuid` overrides u->tuid when not NULL. Variant markup is written as it
 * is: the caller guarantees it is well-formed TMX inline markup. */
int termin_tmx_writer_unit(termin_tmx_writer *w, const termin_tmx_unit *u, const char *tuid);

/* Starts a <tuv xml:lang="...">; props and notes may follow, then the
 * segment. */
int termin_tmx_writer_begin_tuv(termin_tmx_writer *w, const char *lang);

/* Writes <seg> with plain text (escaped as needed) and closes the <tuv>. */
int termin_tmx_writer_seg_text(termin_tmx_writer *w, const char *text, size_t len);

/* Writes <seg> whose content is already TMX inline markup (bpt, ept, ph,
 * ...), copied verbatim, and closes the <tuv>. The markup must be
 * well-formed (as the reader gives it); it is not checked. */
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
