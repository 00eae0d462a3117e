/*
 * termin/check.h - quality checks of translations and texts before
 * publication: terminology, spelling, numbers, punctuation, consistency.
 *
 * A termin_checker takes units one at a time (a source and, for bilingual
 * input, a target), runs the per-unit checks as each arrives, and at the
 * end of each document and of the run the checks that need the whole
 * (term-inconsistent, spelling-variant, inconsistent-target and
 * inconsistent-source). Findings are records owned by the checker.
 *
 * Check ids are stable (the gold lists of ../shared/dev use them):
 *   term-missing term-deprecated term-inconsistent spelling spelling-variant
 *   number-mismatch url-mismatch untranslated same-as-source end-punctuation
 *   repeated-word double-space tag-mismatch quote-style length-ratio
 *   mixed-script inconsistent-target inconsistent-source
 *
 * Readers for TMX, XLIFF 1.2/2.0, two-column TSV, plain text and the TM
 * database feed the checker (termin_check_file, termin_check_tm); the
 * reports (terminal, JSON, JUnit XML, HTML) are written by
 * termin_check_report.
 */
#ifndef TERMIN_CHECK_H
#define TERMIN_CHECK_H

#include <stdio.h>

#include "common.h"
#include "glossary.h"
#include "speller.h"
#include "segment.h"
#include "tm.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct termin_checker termin_checker;

typedef enum {
	TERMIN_SEVERITY_OFF = 0,   /* the check does not run */
	TERMIN_SEVERITY_INFO,
	TERMIN_SEVERITY_WARNING,
	TERMIN_SEVERITY_ERROR
} termin_severity;

/* "off", "info", "warning", "error". */
const char *termin_severity_name(termin_severity s);
int termin_severity_parse(const char *name, termin_severity *out);

/* The check ids in their fixed order; `i` from 0 while the result is not
 * NULL. */
const char *termin_check_id(size_t i);
/* One line describing check `id`, or NULL for an unknown id. */
const char *termin_check_describe(const char *id);

/* One finding. Strings belong to the checker. */
typedef struct {
	const char *check;           /* the check id */
	termin_severity severity;
	const char *file;            /* input file ("" for the TM database) */
	size_t line;                 /* line of the unit in the file, 0 unknown */
	const char *tuid;            /* the unit's id (TMX tuid, XLIFF unit id), or NULL */
	const char *const *tuids;    /* every unit of a consistency group (n_tuids) */
	size_t n_tuids;
	const char *source;          /* the unit's source text, or the text (monolingual) */
	const char *target;          /* its target, or NULL (monolingual) */
	int side;                    /* where `match` is: 0 source, 1 target */
	size_t start, end;           /* byte span of `match` in that side; equal when none */
	const char *match;           /* the text at fault ("" when none) */
	const char *message;
	const char *suggestion;      /* or NULL */
	uint64_t hash;               /* of the unit's source and target (for ignore lists) */
} termin_finding;

typedef struct {
	unsigned int version;
	/* Terms for term-missing/-deprecated/-inconsistent, and words for the
	 * project dictionary; borrowed, NULL for none. */
	const termin_glossary *glossary;
	/* Dictionaries for spelling (hunspell en_US, en_GB, ru_RU and word
	 * lists); borrowed, NULL: the checker makes its own from the
	 * installed dictionaries. */
	termin_speller *speller;
	/* The expected English spelling: "en-GB", "en-US", or NULL to take
	 * the variety most of each document uses. */
	const char *variety;
	/* The severity of findings on the source side of bilingual units
	 * (spelling, deprecated terms, ... that the translator cannot fix).
	 * TERMIN_SEVERITY_OFF (the default of the INIT macro, 0) means info. */
	termin_severity source_severity;
	/* length-ratio bounds on target/source length in characters (0:
	 * defaults 0.5 and 2.5 for EN-RU). */
	double min_ratio, max_ratio;
	/* Threads that check units (version 2): 0 one per processor (the
	 * default; started after the first 4,096 units), 1 none but the
	 * caller's, N > 1 that many (started after 256 units). Findings are
	 * the same whatever the number. */
	int threads;
} termin_checker_opts;

#define TERMIN_CHECKER_OPTS_VERSION 2
#define TERMIN_CHECKER_OPTS_INIT { TERMIN_CHECKER_OPTS_VERSION, NULL, NULL, NULL, TERMIN_SEVERITY_OFF, 0, 0, 0 }

/* Creates a checker. TERMIN_EINVALID for a bad variety. Free with
 * termin_checker_free. */
int termin_checker_new(termin_checker **out, const termin_checker_opts *opts);
void termin_checker_free(termin_checker *ck);

/* Sets the severity of check `id` ("all" for every check);
 * TERMIN_SEVERITY_OFF disables it: its work is skipped, and the findings
 * of the other checks stay the same. Severities are set before the first
 * unit is added. TERMIN_EUSAGE for an unknown id. */
int termin_checker_set_severity(termin_checker *ck, const char *id, termin_severity sev);
termin_severity termin_checker_severity(const termin_checker *ck, const char *id);

/* Reads an ignore list (.termin-ignore): one suppression a line,
 *   CHECK TUID       a check on one unit ("*" for every check)
 *   CHECK #HASH      a check on every unit with this text hash (16 hex digits)
 *   CHECK TEXT:WORD  a check wherever its match is WORD (e.g. spelling)
 * '#' at the start of a line and after white space starts a comment.
 * TERMIN_EINVALID names the file and line of a malformed entry. */
int termin_checker_load_ignore(termin_checker *ck, const char *path);

/* One unit to check. Texts are plain UTF-8 (no markup); the markup forms
 * (TMX or XLIFF inline elements) are used only by tag-mismatch and may be
 * NULL. A NULL target makes a monolingual unit; an empty one an
 * untranslated unit. */
typedef struct {
	const char *file;
	size_t line;
	const char *tuid;
	const char *src_lang, *tgt_lang;   /* "en", "ru-RU"; tgt_lang NULL when monolingual */
	const char *source;
	size_t source_len;
	const char *target;
	size_t target_len;
	const char *source_markup, *target_markup;
	size_t source_markup_len, target_markup_len;
} termin_check_unit;

/* Checks one unit (copied as needed). A unit whose file differs from the
 * previous unit's ends the previous document. Returns 0, or a negative
 * code when a dictionary cannot be loaded. */
int termin_checker_add(termin_checker *ck, const termin_check_unit *u);

/* Ends the run: document and consistency checks, ignore lists, then the
 * findings are sorted by file, line and check. Call once. Returns 0, or
 * the error of a unit still being checked (units are checked on worker
 * threads: termin_checker_add may return the error of an earlier unit). */
int termin_checker_finish(termin_checker *ck);

/* Findings, in order after termin_checker_finish. */
size_t termin_checker_count(const termin_checker *ck);
const termin_finding *termin_checker_finding(const termin_checker *ck, size_t i);
/* Units checked, findings suppressed by ignore lists. */
size_t termin_checker_units(const termin_checker *ck);
size_t termin_checker_suppressed(const termin_checker *ck);
/* The number of findings at `sev` or above. */
size_t termin_checker_count_at(const termin_checker *ck, termin_severity sev);

/* --- Inputs ---------------------------------------------------------- */

typedef enum {
	TERMIN_CHECK_AUTO = 0, /* from the extension and the content */
	TERMIN_CHECK_TMX,
	TERMIN_CHECK_XLIFF,    /* 1.2 or 2.0, from the version attribute */
	TERMIN_CHECK_TSV,      /* source TAB target, one unit a line */
	TERMIN_CHECK_TEXT      /* monolingual text, segmented */
} termin_check_format;

typedef struct {
	unsigned int version;
	termin_check_format format;
	/* Source and target languages: override or complete the file's. TSV
	 * defaults to en and ru; text needs `src` (its language). */
	const char *src, *tgt;
	/* For text: segmenter (borrowed; NULL builds the default) and
	 * cleaning options (NULL: clean with the defaults). */
	termin_segmenter *segmenter;
	const termin_textfile_opts *text;
	void (*warn)(void *ctx, const char *message);
	void (*progress)(void *ctx, const char *name, uint64_t done, uint64_t total);
	void *ctx;
} termin_check_input_opts;

#define TERMIN_CHECK_INPUT_OPTS_VERSION 1
#define TERMIN_CHECK_INPUT_OPTS_INIT { TERMIN_CHECK_INPUT_OPTS_VERSION, TERMIN_CHECK_AUTO, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/* Reads `path` and feeds each unit to the checker. Malformed input gives
 * TERMIN_EINVALID (or TERMIN_EENCODING) naming file and line; TERMIN_EIO
 * when the file cannot be read; TERMIN_EUSAGE when the languages cannot be
 * decided. */
int termin_check_file(termin_checker *ck, const char *path, const termin_check_input_opts *opts);

/* Feeds every unit of the TM with a variant in `src` (language ranges;
 * "en" and "ru" when NULL), untranslated units included. `name` (the
 * database file) is the file of the findings. */
int termin_check_tm(termin_checker *ck, termin_tm *tm, const char *name, const char *src,
                    const char *tgt);

/* --- Reports --------------------------------------------------------- */

typedef enum {
	TERMIN_REPORT_TEXT = 0, /* terminal: grouped by check */
	TERMIN_REPORT_JSON,
	TERMIN_REPORT_JUNIT,
	TERMIN_REPORT_HTML,
	TERMIN_REPORT_IGNORE    /* lines for .termin-ignore */
} termin_report_format;

int termin_report_format_parse(const char *name, termin_report_format *out);

typedef struct {
	unsigned int version;
	termin_report_format format;
	int color;                 /* terminal: ANSI colours */
	termin_severity min_severity; /* findings below are left out (OFF: all) */
	const char *title;         /* HTML and JUnit: the name of the run */
} termin_report_opts;

#define TERMIN_REPORT_OPTS_VERSION 1
#define TERMIN_REPORT_OPTS_INIT { TERMIN_REPORT_OPTS_VERSION, TERMIN_REPORT_TEXT, 0, TERMIN_SEVERITY_OFF, NULL }

/* Writes the findings of a finished checker to `f`. TERMIN_EIO on write
 * errors. */
int termin_check_report(const termin_checker *ck, FILE *f, const termin_report_opts *opts);

#ifdef __cplusplus
}
#endif

#endif
