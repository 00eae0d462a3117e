/*
 * termin/glossary.h - terminology: glossaries and term recognition.
 *
 * A termin_glossary is a concept-oriented term base, the model of TBX:
 * each concept (entry) has a stable id, a subject field, a definition,
 * notes and sources, and per language any number of terms, each with a
 * part of speech, a term type, an administrative status (preferred,
 * admitted, deprecated, superseded), a case-sensitivity flag and notes.
 *
 * Glossaries are read from TBX 2019 (ISO 30042:2019, DCA style), TBX 2
 * (<martif>, ISO 30042:2008), OmegaT's tab-separated format and termin's
 * CSV layout, and written to those and to TMX. They can also be built and
 * walked through this API, so a caller (the project database, for one) can
 * store a glossary in its own way and rebuild it.
 *
 * A termin_matcher finds every glossary term in a segment: inflected
 * (Russian cases, English plurals and possessives), with dash, space,
 * quote and ё/е variants, longest match first, without overlaps.
 *
 * Objects returned by accessors (concepts, terms, strings) belong to the
 * glossary and stay valid until it is freed or changed.
 */
#ifndef TERMIN_GLOSSARY_H
#define TERMIN_GLOSSARY_H

#include "common.h"
#include "io.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct termin_glossary termin_glossary;
typedef struct termin_concept termin_concept;
typedef struct termin_term termin_term;
typedef struct termin_matcher termin_matcher;

/* --- Vocabulary of the model ------------------------------------------ */

typedef enum {
	TERMIN_STATUS_UNSPECIFIED = 0,
	TERMIN_STATUS_PREFERRED,    /* preferredTerm-admn-sts */
	TERMIN_STATUS_ADMITTED,     /* admittedTerm-admn-sts */
	TERMIN_STATUS_DEPRECATED,   /* deprecatedTerm-admn-sts: wrong or outdated */
	TERMIN_STATUS_SUPERSEDED    /* supersededTerm-admn-sts: former official name */
} termin_term_status;

typedef enum {
	TERMIN_TERMTYPE_UNSPECIFIED = 0,
	TERMIN_TERMTYPE_FULLFORM,
	TERMIN_TERMTYPE_ACRONYM,
	TERMIN_TERMTYPE_ABBREVIATION,
	TERMIN_TERMTYPE_SHORTFORM,
	TERMIN_TERMTYPE_VARIANT,
	TERMIN_TERMTYPE_PHRASE
} termin_term_type;

typedef enum {
	TERMIN_POS_UNSPECIFIED = 0,
	TERMIN_POS_NOUN,
	TERMIN_POS_PROPERNOUN,
	TERMIN_POS_ADJECTIVE,
	TERMIN_POS_VERB,
	TERMIN_POS_ADVERB,
	TERMIN_POS_OTHER
} termin_term_pos;

/* Short names: "preferred", "admitted", "deprecated", "superseded", ""
 * for unspecified. */
const char *termin_term_status_name(termin_term_status s);
/* TBX picklist values: "preferredTerm-admn-sts", ...; NULL for
 * unspecified. */
const char *termin_term_status_tbx(termin_term_status s);
/* TBX values: "fullForm", "acronym", ...; "noun", "properNoun", ...;
 * NULL for unspecified. */
const char *termin_term_type_name(termin_term_type t);
const char *termin_term_pos_name(termin_term_pos p);

/* Parse the names above (and the TBX forms of statuses: "deprecatedTerm-
 * admn-sts", "deprecatedTerm"). Return 0, or TERMIN_EINVALID for an
 * unknown value (the output is then left unspecified). */
int termin_term_status_parse(const char *s, termin_term_status *out);
int termin_term_type_parse(const char *s, termin_term_type *out);
int termin_term_pos_parse(const char *s, termin_term_pos *out);

/* --- Glossaries ------------------------------------------------------- */

typedef enum {
	TERMIN_GLOSSARY_AUTO = 0, /* reading: decide from the content and name */
	TERMIN_GLOSSARY_TBX,      /* TBX 2019 (ISO 30042:2019), DCA style */
	TERMIN_GLOSSARY_TBX2,     /* TBX 2 / TBX-Basic 2008: <martif> */
	TERMIN_GLOSSARY_TSV,      /* OmegaT: term TAB translation TAB comment */
	TERMIN_GLOSSARY_CSV,      /* termin's CSV layout, header row */
	TERMIN_GLOSSARY_TMX,      /* writing only: one unit per term pair */
	TERMIN_GLOSSARY_JSONL     /* writing only: one object per concept */
} termin_glossary_format;

/* "tbx", "tbx2", "tsv", "csv", "tmx", "jsonl" (and "auto"). */
const char *termin_glossary_format_name(termin_glossary_format f);
int termin_glossary_format_parse(const char *name, termin_glossary_format *out);

/* Creates an empty glossary. Free with termin_glossary_free. */
int termin_glossary_new(termin_glossary **out);
void termin_glossary_free(termin_glossary *g);

typedef struct {
	unsigned int version;
	termin_glossary_format format;
	/* The languages of the two term columns of TSV files (default "en"
	 * and "ru"). CSV and TBX name their languages themselves. */
	const char *source_lang;
	const char *target_lang;
} termin_glossary_load_opts;

#define TERMIN_GLOSSARY_LOAD_OPTS_VERSION 1
#define TERMIN_GLOSSARY_LOAD_OPTS_INIT { TERMIN_GLOSSARY_LOAD_OPTS_VERSION, TERMIN_GLOSSARY_AUTO, NULL, NULL }

/* Reads the glossary file `path` into `g`. Loading several files into one
 * glossary combines them; a concept whose id was defined by an earlier
 * load replaces that concept (so a project file can override the shipped
 * entry). Within one file a repeated id is kept and reported by
 * termin_glossary_validate.
 *
 * XML is parsed without network access, without loading DTDs and without
 * expanding entities; a DOCTYPE that declares entities is refused. Fatal
 * errors (not well-formed XML, a wrong root element, undecodable text)
 * return TERMIN_EINVALID or TERMIN_EENCODING with a message naming file
 * and line; nothing of that file is then added. Problems that do not stop
 * reading (an unknown status value, a term without text) are recorded as
 * issues (termin_glossary_issues). TERMIN_EIO when the file cannot be
 * read. */
int termin_glossary_load(termin_glossary *g, const char *path,
                         const termin_glossary_load_opts *opts);

/* The same from memory; `name` is used in messages and to guess the
 * format from its extension. */
int termin_glossary_load_buffer(termin_glossary *g, const char *name,
                                const char *data, size_t len,
                                const termin_glossary_load_opts *opts);

/* The glossary that ships with termin: TERMIN_DATADIR/glossary/csto.tbx
 * when installed, else glossary/csto.tbx in the source tree termin was
 * built from. Returns a static string, or NULL when neither exists. */
const char *termin_glossary_shipped_path(void);

/* Document-level metadata (the TBX title and source description); NULL
 * when unset. Setting copies the string; NULL clears it. */
const char *termin_glossary_title(const termin_glossary *g);
const char *termin_glossary_description(const termin_glossary *g);
void termin_glossary_set_title(termin_glossary *g, const char *title);
void termin_glossary_set_description(termin_glossary *g, const char *text);

/* Concepts in file order. */
size_t termin_glossary_concept_count(const termin_glossary *g);
const termin_concept *termin_glossary_concept(const termin_glossary *g, size_t i);
/* The (first) concept with this id, or NULL. */
const termin_concept *termin_glossary_find(const termin_glossary *g, const char *id);
/* The number of terms in all concepts. */
size_t termin_glossary_term_count(const termin_glossary *g);
/* The distinct primary language subtags of all terms ("en", "ru"), in
 * order of first appearance; at most `max` are stored. Returns how many
 * languages there are. */
size_t termin_glossary_languages(const termin_glossary *g, const char **langs, size_t max);

/* --- Concepts --------------------------------------------------------- */

const char *termin_concept_id(const termin_concept *c);
/* NULL when absent. */
const char *termin_concept_subject(const termin_concept *c);
const char *termin_concept_definition(const termin_concept *c);
size_t termin_concept_note_count(const termin_concept *c);
const char *termin_concept_note(const termin_concept *c, size_t i);
size_t termin_concept_source_count(const termin_concept *c);
const char *termin_concept_source(const termin_concept *c, size_t i);
/* The file the concept was read from (NULL when built through the API)
 * and the line of its entry element or row. */
const char *termin_concept_file(const termin_concept *c);
size_t termin_concept_line(const termin_concept *c);

/* Terms in order: grouped by language as in the source, preferred first
 * within a language when the source wrote it so. */
size_t termin_concept_term_count(const termin_concept *c);
const termin_term *termin_concept_term(const termin_concept *c, size_t i);
/* The preferred term in language `lang` (primary subtag compared, so "en"
 * finds "en-US"); failing that the first term of that language; NULL when
 * the concept has no term in `lang`. */
const termin_term *termin_concept_preferred(const termin_concept *c, const char *lang);

/* --- Terms ------------------------------------------------------------ */

const termin_concept *termin_term_concept(const termin_term *t);
const char *termin_term_text(const termin_term *t);
/* The language as written in the source ("en", "ru-RU"). */
const char *termin_term_lang(const termin_term *t);
termin_term_pos termin_term_pos_of(const termin_term *t);
termin_term_type termin_term_type_of(const termin_term *t);
termin_term_status termin_term_status_of(const termin_term *t);
/* Nonzero when the term matches only as written: acronyms and
 * abbreviations always, other terms when marked (in TBX by the note
 * "termin:case-sensitive"). */
int termin_term_case_sensitive(const termin_term *t);
/* Nonzero when the term carries the case-sensitive mark itself (as
 * opposed to being an acronym or abbreviation). */
int termin_term_case_marked(const termin_term *t);
size_t termin_term_note_count(const termin_term *t);
const char *termin_term_note(const termin_term *t, size_t i);
/* The term-level source, or NULL. */
const char *termin_term_source(const termin_term *t);
size_t termin_term_line(const termin_term *t);

/* --- Building --------------------------------------------------------- */

/* Adds a concept with identifier `id` (non-empty; no white space). Returns
 * TERMIN_EINVALID when the id is malformed or already used. The concept
 * belongs to the glossary; *out may be NULL. */
int termin_glossary_add_concept(termin_glossary *g, const char *id, termin_concept **out);

/* Setters copy their strings; NULL clears. */
void termin_concept_set_subject(termin_concept *c, const char *subject);
void termin_concept_set_definition(termin_concept *c, const char *definition);
void termin_concept_add_note(termin_concept *c, const char *note);
void termin_concept_add_source(termin_concept *c, const char *source);

/* Adds a term in language `lang` (a BCP 47 tag) to `c`. TERMIN_EINVALID
 * when `text` is empty or only white space or `lang` is empty. *out may be
 * NULL. */
int termin_concept_add_term(termin_concept *c, const char *lang, const char *text,
                            termin_term **out);
void termin_term_set_pos(termin_term *t, termin_term_pos pos);
void termin_term_set_type(termin_term *t, termin_term_type type);
void termin_term_set_status(termin_term *t, termin_term_status status);
void termin_term_set_case_sensitive(termin_term *t, int on);
void termin_term_add_note(termin_term *t, const char *note);
void termin_term_set_source(termin_term *t, const char *source);

/* --- Writing ---------------------------------------------------------- */

typedef struct {
	unsigned int version;
	termin_glossary_format format;  /* not AUTO */
	/* TSV and TMX are bilingual: the term pairs go from source_lang to
	 * target_lang (default "en" and "ru"). */
	const char *source_lang;
	const char *target_lang;
} termin_glossary_write_opts;

#define TERMIN_GLOSSARY_WRITE_OPTS_VERSION 1
#define TERMIN_GLOSSARY_WRITE_OPTS_INIT { TERMIN_GLOSSARY_WRITE_OPTS_VERSION, TERMIN_GLOSSARY_TBX, NULL, NULL }

/* Writes `g` to `f` (borrowed; the caller commits or aborts it). Output is
 * deterministic: the same glossary gives the same bytes (TMX dates come
 * from $SOURCE_DATE_EPOCH when set). TERMIN_EIO on write errors. */
int termin_glossary_write(const termin_glossary *g, termin_outfile *f,
                          const termin_glossary_write_opts *opts);

/* --- Validation ------------------------------------------------------- */

typedef enum {
	TERMIN_ISSUE_WARNING = 1,
	TERMIN_ISSUE_ERROR = 2
} termin_issue_severity;

/* One problem found while loading or validating. Strings belong to the
 * glossary. */
typedef struct {
	termin_issue_severity severity;
	const char *code;        /* "duplicate-id", "status-conflict", ... */
	const char *file;        /* NULL when unknown */
	size_t line;             /* 0 when unknown */
	const char *concept_id;  /* NULL when not about one concept */
	const char *message;
} termin_glossary_issue;

/* Checks the glossary and records what it finds as issues:
 *   duplicate-id       two entries with the same id (error)
 *   duplicate-entry    two entries with the same preferred term (error)
 *   status-conflict    a term preferred in one entry and deprecated in
 *                      another (error); admitted vs deprecated (warning)
 *   missing-language   an entry without a term in a language the
 *                      glossary uses (error)
 *   preferred-count    more than one preferred term in one language of an
 *                      entry (error); none (warning)
 *   duplicate-term     the same term twice in one entry (warning)
 * Terms are compared as the matcher sees them (case, dashes, inflection).
 * Returns the number of errors found by this call. */
int termin_glossary_validate(termin_glossary *g);

/* The issues recorded by loading and validating, in the order found. */
size_t termin_glossary_issue_count(const termin_glossary *g);
const termin_glossary_issue *termin_glossary_issue_at(const termin_glossary *g, size_t i);

/* --- Term recognition ------------------------------------------------- */

/* How Russian words are reduced to a common form. English words always
 * lose plural and possessive endings (an s-stemmer). */
typedef enum {
	TERMIN_MORPH_DEFAULT = 0, /* the measured best: see docs/termin.1 */
	TERMIN_MORPH_SNOWBALL,    /* Snowball Russian stemmer (libstemmer) */
	TERMIN_MORPH_HUNSPELL,    /* hunspell ru_RU stems; unknown words as written */
	TERMIN_MORPH_HYBRID,      /* hunspell stems; Snowball for unknown words */
	TERMIN_MORPH_NONE         /* no reduction: case and character folding only */
} termin_morphology;

const char *termin_morphology_name(termin_morphology m);
int termin_morphology_parse(const char *name, termin_morphology *out);

typedef struct {
	unsigned int version;
	termin_morphology morphology;
} termin_matcher_opts;

#define TERMIN_MATCHER_OPTS_VERSION 1
#define TERMIN_MATCHER_OPTS_INIT { TERMIN_MATCHER_OPTS_VERSION, TERMIN_MORPH_DEFAULT }

/* Builds a matcher over every term of `g` (borrowed: it must outlive the
 * matcher and not change meanwhile). TERMIN_ENOTFOUND when the hunspell
 * morphology is asked for and ru_RU is not installed (the default falls
 * back to Snowball). A matcher is not thread-safe: use one per thread. */
int termin_matcher_new(termin_matcher **out, const termin_glossary *g,
                       const termin_matcher_opts *opts);
void termin_matcher_free(termin_matcher *m);

/* The morphology actually in use. */
termin_morphology termin_matcher_morphology(const termin_matcher *m);

/* One recognised term. */
typedef struct {
	size_t start, end;              /* byte span in the text */
	const char *text;               /* = text + start; `end - start` bytes */
	const termin_term *term;        /* the term that matched */
	const termin_concept *concept;  /* its concept */
	termin_term_status status;      /* its status */
	/* Other terms (of other concepts) with the same normalised form:
	 * the text is ambiguous between them. */
	const termin_term *const *alternatives;
	size_t n_alternatives;
} termin_term_hit;

/* Finds the terms of language `lang` ("en", "ru-RU"; NULL or "*" for
 * every language) in `text` (UTF-8, `len` bytes). Longer matches win
 * over shorter ones wherever they overlap; hits do not overlap and come
 * in text order. On success *hits points to *n hits owned by the matcher,
 * valid until its next call. */
int termin_matcher_find(termin_matcher *m, const char *lang, const char *text, size_t len,
                        const termin_term_hit **hits, size_t *n);

#ifdef __cplusplus
}
#endif

#endif
