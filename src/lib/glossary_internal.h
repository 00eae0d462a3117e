/*
 * glossary_internal.h - the glossary's structures, shared by the model
 * (glossary.c), the readers and writers (glossary_tbx.c, glossary_table.c,
 * glossary_tmx.c), validation (glossary_check.c) and the matcher
 * (termmatch.c, termnorm.c).
 */
#ifndef TERMIN_GLOSSARY_INTERNAL_H
#define TERMIN_GLOSSARY_INTERNAL_H

#include "util.h"
#include "termin/glossary.h"

typedef struct {
	char **v;
	size_t n, cap;
} termin__strlist;

void termin__strlist_add(termin__strlist *l, const char *s);
void termin__strlist_free(termin__strlist *l);

struct termin_term {
	termin_concept *concept;
	char *lang;
	char *text;
	termin_term_pos pos;
	termin_term_type type;
	termin_term_status status;
	int case_marked;          /* "termin:case-sensitive" */
	termin__strlist notes;
	char *source;
	size_t line;
};

struct termin_concept {
	termin_glossary *g;
	char *id;
	char *subject;
	char *definition;
	termin__strlist notes;
	termin__strlist sources;
	termin_term **terms;
	size_t nterms, capterms;
	const char *file;        /* interned in g->files */
	size_t line;
	unsigned int load;       /* which load added it (0: the API) */
};

typedef struct {
	termin_glossary_issue pub;
	/* owned copies behind pub's pointers */
	char *code, *file, *concept_id, *message;
} termin__issue;

struct termin_glossary {
	termin_concept **concepts;
	size_t n, cap;
	termin_strmap *by_id;     /* id -> index of the first concept + 1 */
	termin__strlist files;    /* file names, for concept->file */
	char *title, *description;
	termin__issue *issues;
	size_t nissues, capissues;
	unsigned int loads;       /* number of loads so far */
};

/* The note that marks a term case-sensitive in TBX. */
#define TERMIN__CASE_NOTE "termin:case-sensitive"

/* A load in progress: the reader adds concepts through this context so
 * that ids from earlier loads are replaced and lines are recorded. */
typedef struct {
	termin_glossary *g;
	const char *name;        /* file name for messages (interned) */
	unsigned int load;
	size_t added;            /* concepts added by this load */
	size_t ignored;          /* data categories not modelled */
	const termin_glossary_load_opts *opts;
} termin__gload;

/* Adds a concept for the reader: an id defined by an earlier load is
 * replaced; an id repeated within this load is kept (validation reports
 * it); a NULL or empty id gets a generated one from `hint` (the first
 * term) or the line. */
termin_concept *termin__gload_concept(termin__gload *L, const char *id, const char *hint,
                                      size_t line);
/* Adds a term without validation beyond non-emptiness; records an issue
 * and returns NULL for an empty term. */
termin_term *termin__gload_term(termin__gload *L, termin_concept *c, const char *lang,
                                const char *text, size_t line);

/* Records an issue. `file` may be NULL. */
void termin__glossary_issue(termin_glossary *g, termin_issue_severity sev, const char *code,
                            const char *file, size_t line, const char *concept_id,
                            const char *fmt, ...) TERMIN_PRINTF(7, 8);

/* Removes concepts added by load `load` (after a fatal error). */
void termin__glossary_drop_load(termin_glossary *g, unsigned int load);

/* Collapses runs of white space to one space and trims, in place. */
void termin__collapse_space(char *s);

/* Whether two language tags share the primary subtag ("en" ~ "en-US"). */
int termin__lang_eq(const char *a, const char *b);
/* Writes the lower-case primary subtag of `tag` into buf (at least 16
 * bytes). */
void termin__lang_primary(const char *tag, char *buf, size_t size);
/* The English name of a language for messages and TSV comments
 * ("English", "Russian"; otherwise the tag itself). */
const char *termin__lang_name(const char *tag);

/* Readers and writers. */
int termin__glossary_read_tbx(termin__gload *L, const char *data, size_t len);
int termin__glossary_read_tsv(termin__gload *L, const char *data, size_t len);
int termin__glossary_read_csv(termin__gload *L, const char *data, size_t len);
int termin__glossary_write_tbx(const termin_glossary *g, FILE *f, int version2);
int termin__glossary_write_tsv(const termin_glossary *g, FILE *f, const char *src, const char *tgt);
int termin__glossary_write_csv(const termin_glossary *g, FILE *f);
int termin__glossary_write_tmx(const termin_glossary *g, termin_outfile *f, const char *src,
                               const char *tgt);
int termin__glossary_write_jsonl(const termin_glossary *g, FILE *f);

/* The term pairs of a bilingual export (TSV, TMX): every source-language
 * term with the target's preferred term, then the source's preferred term
 * with every other target term. `with_deprecated_targets` decides whether
 * deprecated and superseded target terms are paired (TSV shows them with a
 * warning; a TM must not offer them). */
typedef struct {
	const termin_term *src, *tgt;
} termin__pair;
size_t termin__concept_pairs(const termin_concept *c, const char *src, const char *tgt,
                             int with_deprecated_targets, termin__pair **pairs, size_t *cap);

#endif
