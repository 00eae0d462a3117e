/*
 * glossary.c - the glossary model: concepts and terms, their accessors
 * and builders, loading files of any supported format into one glossary,
 * and writing it out.
 */
#include "glossary_internal.h"
#include "termin/lang.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/uchar.h>

/* ======================= names of picklist values ======================= */

static const char *const status_names[] = { "", "preferred", "admitted", "deprecated", "superseded" };
static const char *const status_tbx[] = { NULL, "preferredTerm-admn-sts", "admittedTerm-admn-sts",
                                          "deprecatedTerm-admn-sts", "supersededTerm-admn-sts" };
static const char *const type_names[] = { NULL, "fullForm", "acronym", "abbreviation",
                                          "shortForm", "variant", "phrase" };
static const char *const pos_names[] = { NULL, "noun", "properNoun", "adjective", "verb",
                                         "adverb", "other" };

const char *termin_term_status_name(termin_term_status s)
{
	return (unsigned)s < TERMIN_ARRAY_SIZE(status_names) ? status_names[s] : "";
}

const char *termin_term_status_tbx(termin_term_status s)
{
	return (unsigned)s < TERMIN_ARRAY_SIZE(status_tbx) ? status_tbx[s] : NULL;
}

const char *termin_term_type_name(termin_term_type t)
{
	return (unsigned)t < TERMIN_ARRAY_SIZE(type_names) ? type_names[t] : NULL;
}

const char *termin_term_pos_name(termin_term_pos p)
{
	return (unsigned)p < TERMIN_ARRAY_SIZE(pos_names) ? pos_names[p] : NULL;
}

int termin_term_status_parse(const char *s, termin_term_status *out)
{
	*out = TERMIN_STATUS_UNSPECIFIED;
	for (size_t i = 1; i < TERMIN_ARRAY_SIZE(status_names); i++) {
		size_t n = strlen(status_names[i]);
		/* "preferred", "preferredTerm", "preferredTerm-admn-sts" */
		if (strncmp(s, status_names[i], n) == 0 &&
		    (s[n] == '\0' || strcmp(s + n, "Term") == 0 || strcmp(s + n, "Term-admn-sts") == 0)) {
			*out = (termin_term_status)i;
			return 0;
		}
	}
	return TERMIN_EINVALID;
}

int termin_term_type_parse(const char *s, termin_term_type *out)
{
	*out = TERMIN_TERMTYPE_UNSPECIFIED;
	for (size_t i = 1; i < TERMIN_ARRAY_SIZE(type_names); i++)
		if (strcmp(s, type_names[i]) == 0) {
			*out = (termin_term_type)i;
			return 0;
		}
	return TERMIN_EINVALID;
}

int termin_term_pos_parse(const char *s, termin_term_pos *out)
{
	*out = TERMIN_POS_UNSPECIFIED;
	for (size_t i = 1; i < TERMIN_ARRAY_SIZE(pos_names); i++)
		if (strcmp(s, pos_names[i]) == 0) {
			*out = (termin_term_pos)i;
			return 0;
		}
	return TERMIN_EINVALID;
}

static const char *const format_names[] = { "auto", "tbx", "tbx2", "tsv", "csv", "tmx", "jsonl" };

const char *termin_glossary_format_name(termin_glossary_format f)
{
	return (unsigned)f < TERMIN_ARRAY_SIZE(format_names) ? format_names[f] : "?";
}

int termin_glossary_format_parse(const char *name, termin_glossary_format *out)
{
	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(format_names); i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (termin_glossary_format)i;
			return 0;
		}
	if (strcmp(name, "martif") == 0) {
		*out = TERMIN_GLOSSARY_TBX2;
		return 0;
	}
	return termin__error_set(TERMIN_EUSAGE, "unknown glossary format '%s'", name);
}

/* ======================= small helpers ======================= */

void termin__strlist_add(termin__strlist *l, const char *s)
{
	TERMIN_GROW(l->v, l->cap, l->n + 1);
	l->v[l->n++] = termin__xstrdup(s);
}

void termin__strlist_free(termin__strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void termin__collapse_space(char *s)
{
	char *w = s;
	int space = 0;
	for (char *r = s; *r; r++) {
		unsigned char c = (unsigned char)*r;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			space = 1;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
}

void termin__lang_primary(const char *tag, char *buf, size_t size)
{
	size_t i = 0;
	for (; tag && tag[i] && tag[i] != '-' && tag[i] != '_' && i + 1 < size; i++)
		buf[i] = (char)tolower((unsigned char)tag[i]);
	buf[i] = '\0';
}

int termin__lang_eq(const char *a, const char *b)
{
	char pa[16], pb[16];
	termin__lang_primary(a, pa, sizeof pa);
	termin__lang_primary(b, pb, sizeof pb);
	return strcmp(pa, pb) == 0;
}

const char *termin__lang_name(const char *tag)
{
	if (termin__lang_eq(tag, "en"))
		return "English";
	if (termin__lang_eq(tag, "ru"))
		return "Russian";
	return tag;
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? termin__xstrdup(s) : NULL;
}

/* ======================= glossary ======================= */

int termin_glossary_new(termin_glossary **out)
{
	termin_glossary *g = termin__xcalloc(1, sizeof *g);
	g->by_id = termin_strmap_new();
	*out = g;
	return 0;
}

static void term_free(termin_term *t)
{
	free(t->lang);
	free(t->text);
	termin__strlist_free(&t->notes);
	free(t->source);
	free(t);
}

static void concept_free(termin_concept *c)
{
	for (size_t i = 0; i < c->nterms; i++)
		term_free(c->terms[i]);
	free(c->terms);
	free(c->id);
	free(c->subject);
	free(c->definition);
	termin__strlist_free(&c->notes);
	termin__strlist_free(&c->sources);
	free(c);
}

void termin_glossary_free(termin_glossary *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++)
		concept_free(g->concepts[i]);
	free(g->concepts);
	termin_strmap_free(g->by_id);
	termin__strlist_free(&g->files);
	free(g->title);
	free(g->description);
	for (size_t i = 0; i < g->nissues; i++) {
		free(g->issues[i].code);
		free(g->issues[i].file);
		free(g->issues[i].concept_id);
		free(g->issues[i].message);
	}
	free(g->issues);
	free(g);
}

const char *termin_glossary_title(const termin_glossary *g)
{
	return g->title;
}

const char *termin_glossary_description(const termin_glossary *g)
{
	return g->description;
}

void termin_glossary_set_title(termin_glossary *g, const char *title)
{
	set_str(&g->title, title);
}

void termin_glossary_set_description(termin_glossary *g, const char *text)
{
	set_str(&g->description, text);
}

size_t termin_glossary_concept_count(const termin_glossary *g)
{
	return g->n;
}

const termin_concept *termin_glossary_concept(const termin_glossary *g, size_t i)
{
	return i < g->n ? g->concepts[i] : NULL;
}

const termin_concept *termin_glossary_find(const termin_glossary *g, const char *id)
{
	intptr_t v;
	if (!id || !termin_strmap_get(g->by_id, id, strlen(id), &v))
		return NULL;
	return g->concepts[v - 1];
}

size_t termin_glossary_term_count(const termin_glossary *g)
{
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++)
		n += g->concepts[i]->nterms;
	return n;
}

size_t termin_glossary_languages(const termin_glossary *g, const char **langs, size_t max)
{
	/* primary subtags, interned in a static table of the common ones or
	 * pointed into the first term that uses them */
	size_t n = 0;
	char seen[32][16];
	for (size_t i = 0; i < g->n; i++) {
		const termin_concept *c = g->concepts[i];
		for (size_t k = 0; k < c->nterms; k++) {
			char p[16];
			size_t j;
			termin__lang_primary(c->terms[k]->lang, p, sizeof p);
			for (j = 0; j < n && j < 32; j++)
				if (strcmp(seen[j], p) == 0)
					break;
			if (j < n)
				continue;
			if (n < 32)
				memcpy(seen[n], p, sizeof p);
			if (n < max)
				langs[n] = c->terms[k]->lang;
			n++;
		}
	}
	return n;
}

/* Rebuilds the id index after concepts were removed. */
static void reindex(termin_glossary *g)
{
	termin_strmap_free(g->by_id);
	g->by_id = termin_strmap_new();
	for (size_t i = 0; i < g->n; i++) {
		const char *id = g->concepts[i]->id;
		if (!termin_strmap_get(g->by_id, id, strlen(id), NULL))
			termin_strmap_put(g->by_id, id, strlen(id), (intptr_t)(i + 1));
	}
}

static termin_concept *append_concept(termin_glossary *g, const char *id)
{
	termin_concept *c = termin__xcalloc(1, sizeof *c);
	c->g = g;
	c->id = termin__xstrdup(id);
	TERMIN_GROW(g->concepts, g->cap, g->n + 1);
	g->concepts[g->n++] = c;
	if (!termin_strmap_get(g->by_id, id, strlen(id), NULL))
		termin_strmap_put(g->by_id, id, strlen(id), (intptr_t)g->n);
	return c;
}

static int id_ok(const char *id)
{
	if (!id || !*id)
		return 0;
	for (const char *p = id; *p; p++)
		if (isspace((unsigned char)*p) || (unsigned char)*p < 0x20)
			return 0;
	return 1;
}

int termin_glossary_add_concept(termin_glossary *g, const char *id, termin_concept **out)
{
	if (out)
		*out = NULL;
	if (!id_ok(id))
		return termin__error_set(TERMIN_EINVALID, "invalid concept id '%s'", id ? id : "");
	if (termin_strmap_get(g->by_id, id, strlen(id), NULL))
		return termin__error_set(TERMIN_EINVALID, "duplicate concept id '%s'", id);
	termin_concept *c = append_concept(g, id);
	if (out)
		*out = c;
	return 0;
}

/* ======================= concepts ======================= */

const char *termin_concept_id(const termin_concept *c)
{
	return c->id;
}

const char *termin_concept_subject(const termin_concept *c)
{
	return c->subject;
}

const char *termin_concept_definition(const termin_concept *c)
{
	return c->definition;
}

size_t termin_concept_note_count(const termin_concept *c)
{
	return c->notes.n;
}

const char *termin_concept_note(const termin_concept *c, size_t i)
{
	return i < c->notes.n ? c->notes.v[i] : NULL;
}

size_t termin_concept_source_count(const termin_concept *c)
{
	return c->sources.n;
}

const char *termin_concept_source(const termin_concept *c, size_t i)
{
	return i < c->sources.n ? c->sources.v[i] : NULL;
}

const char *termin_concept_file(const termin_concept *c)
{
	return c->file;
}

size_t termin_concept_line(const termin_concept *c)
{
	return c->line;
}

size_t termin_concept_term_count(const termin_concept *c)
{
	return c->nterms;
}

const termin_term *termin_concept_term(const termin_concept *c, size_t i)
{
	return i < c->nterms ? c->terms[i] : NULL;
}

const termin_term *termin_concept_preferred(const termin_concept *c, const char *lang)
{
	const termin_term *first = NULL;
	for (size_t i = 0; i < c->nterms; i++) {
		const termin_term *t = c->terms[i];
		if (!termin__lang_eq(t->lang, lang))
			continue;
		if (t->status == TERMIN_STATUS_PREFERRED)
			return t;
		if (!first)
			first = t;
	}
	return first;
}

void termin_concept_set_subject(termin_concept *c, const char *subject)
{
	set_str(&c->subject, subject);
}

void termin_concept_set_definition(termin_concept *c, const char *definition)
{
	set_str(&c->definition, definition);
}

void termin_concept_add_note(termin_concept *c, const char *note)
{
	if (note && *note)
		termin__strlist_add(&c->notes, note);
}

void termin_concept_add_source(termin_concept *c, const char *source)
{
	if (source && *source)
		termin__strlist_add(&c->sources, source);
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

int termin_concept_add_term(termin_concept *c, const char *lang, const char *text,
                            termin_term **out)
{
	if (out)
		*out = NULL;
	if (!text || blank(text))
		return termin__error_set(TERMIN_EINVALID, "%s: empty term", c->id);
	if (!lang || !*lang)
		return termin__error_set(TERMIN_EINVALID, "%s: term '%s' without a language", c->id, text);
	termin_term *t = termin__xcalloc(1, sizeof *t);
	t->concept = c;
	t->lang = termin__xstrdup(lang);
	t->text = termin__xstrdup(text);
	termin__collapse_space(t->text);
	TERMIN_GROW(c->terms, c->capterms, c->nterms + 1);
	c->terms[c->nterms++] = t;
	if (out)
		*out = t;
	return 0;
}

/* ======================= terms ======================= */

const termin_concept *termin_term_concept(const termin_term *t)
{
	return t->concept;
}

const char *termin_term_text(const termin_term *t)
{
	return t->text;
}

const char *termin_term_lang(const termin_term *t)
{
	return t->lang;
}

termin_term_pos termin_term_pos_of(const termin_term *t)
{
	return t->pos;
}

termin_term_type termin_term_type_of(const termin_term *t)
{
	return t->type;
}

termin_term_status termin_term_status_of(const termin_term *t)
{
	return t->status;
}

int termin_term_case_sensitive(const termin_term *t)
{
	return t->case_marked || t->type == TERMIN_TERMTYPE_ACRONYM ||
	       t->type == TERMIN_TERMTYPE_ABBREVIATION;
}

int termin_term_case_marked(const termin_term *t)
{
	return t->case_marked;
}

size_t termin_term_note_count(const termin_term *t)
{
	return t->notes.n;
}

const char *termin_term_note(const termin_term *t, size_t i)
{
	return i < t->notes.n ? t->notes.v[i] : NULL;
}

const char *termin_term_source(const termin_term *t)
{
	return t->source;
}

size_t termin_term_line(const termin_term *t)
{
	return t->line;
}

void termin_term_set_pos(termin_term *t, termin_term_pos pos)
{
	t->pos = pos;
}

void termin_term_set_type(termin_term *t, termin_term_type type)
{
	t->type = type;
}

void termin_term_set_status(termin_term *t, termin_term_status status)
{
	t->status = status;
}

void termin_term_set_case_sensitive(termin_term *t, int on)
{
	t->case_marked = on != 0;
}

void termin_term_add_note(termin_term *t, const char *note)
{
	if (!note || !*note)
		return;
	if (strcmp(note, TERMIN__CASE_NOTE) == 0) {
		t->case_marked = 1;
		return;
	}
	termin__strlist_add(&t->notes, note);
}

void termin_term_set_source(termin_term *t, const char *source)
{
	set_str(&t->source, source && *source ? source : NULL);
}

/* ======================= issues ======================= */

void termin__glossary_issue(termin_glossary *g, termin_issue_severity sev, const char *code,
                            const char *file, size_t line, const char *concept_id,
                            const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);

	TERMIN_GROW(g->issues, g->capissues, g->nissues + 1);
	termin__issue *is = &g->issues[g->nissues++];
	is->code = termin__xstrdup(code);
	is->file = file ? termin__xstrdup(file) : NULL;
	is->concept_id = concept_id ? termin__xstrdup(concept_id) : NULL;
	is->message = termin__xstrdup(msg);
	is->pub.severity = sev;
	is->pub.code = is->code;
	is->pub.file = is->file;
	is->pub.line = line;
	is->pub.concept_id = is->concept_id;
	is->pub.message = is->message;
}

size_t termin_glossary_issue_count(const termin_glossary *g)
{
	return g->nissues;
}

const termin_glossary_issue *termin_glossary_issue_at(const termin_glossary *g, size_t i)
{
	return i < g->nissues ? &g->issues[i].pub : NULL;
}

/* ======================= loading ======================= */

static void remove_concepts(termin_glossary *g, int (*drop)(const termin_concept *, const void *),
                            const void *arg)
{
	size_t w = 0;
	int removed = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (drop(g->concepts[i], arg)) {
			concept_free(g->concepts[i]);
			removed = 1;
		} else {
			g->concepts[w++] = g->concepts[i];
		}
	}
	g->n = w;
	if (removed)
		reindex(g);
}

static int drop_load(const termin_concept *c, const void *arg)
{
	return c->load == *(const unsigned int *)arg;
}

void termin__glossary_drop_load(termin_glossary *g, unsigned int load)
{
	remove_concepts(g, drop_load, &load);
}

typedef struct {
	const char *id;
	unsigned int load;
} replace_arg;

static int drop_earlier(const termin_concept *c, const void *arg)
{
	const replace_arg *r = arg;
	return c->load != r->load && strcmp(c->id, r->id) == 0;
}

/* Makes an id from the first term: lower case, letters and digits, words
 * joined by '-', at most about 60 bytes. */
static void slug(const char *hint, termin_buf *out)
{
	size_t i = 0, n = strlen(hint);
	int dash = 0;
	while (i < n && out->len < 60) {
		int32_t cp = termin__utf8_next(hint, n, &i);
		if (cp > 0 && u_isalnum(cp)) {
			char enc[4];
			if (dash && out->len)
				termin_buf_putc(out, '-');
			dash = 0;
			termin_buf_put(out, enc, (size_t)termin__utf8_encode(u_tolower(cp), enc));
		} else {
			dash = 1;
		}
	}
}

termin_concept *termin__gload_concept(termin__gload *L, const char *id, const char *hint,
                                      size_t line)
{
	termin_glossary *g = L->g;
	termin_buf gen = TERMIN_BUF_INIT;
	intptr_t v;
	termin_concept *c;

	if (!id_ok(id)) {
		if (id && *id)
			termin__glossary_issue(g, TERMIN_ISSUE_ERROR, "bad-id", L->name, line, NULL,
			                       "concept id '%s' contains white space", id);
		if (hint && *hint)
			slug(hint, &gen);
		if (!gen.len)
			termin_buf_printf(&gen, "entry-%zu", line);
		/* generated ids must not collide */
		size_t base = gen.len;
		for (int k = 2; termin_strmap_get(g->by_id, gen.ptr, gen.len, NULL); k++) {
			gen.len = base;
			termin_buf_printf(&gen, "-%d", k);
		}
		id = gen.ptr;
	} else if (termin_strmap_get(g->by_id, id, strlen(id), &v) &&
	           g->concepts[v - 1]->load != L->load) {
		replace_arg r = { id, L->load };
		remove_concepts(g, drop_earlier, &r);
	}
	c = append_concept(g, id);
	c->file = L->name;
	c->line = line;
	c->load = L->load;
	L->added++;
	termin_buf_free(&gen);
	return c;
}

termin_term *termin__gload_term(termin__gload *L, termin_concept *c, const char *lang,
                                const char *text, size_t line)
{
	termin_term *t;
	if (!text || blank(text)) {
		termin__glossary_issue(L->g, TERMIN_ISSUE_ERROR, "empty-term", L->name, line, c->id,
		                       "empty term in entry '%s'", c->id);
		return NULL;
	}
	if (!lang || !*lang) {
		termin__glossary_issue(L->g, TERMIN_ISSUE_ERROR, "no-language", L->name, line, c->id,
		                       "term '%s' has no language", text);
		return NULL;
	}
	char norm[TERMIN_LANG_MAX];
	int rc = termin_lang_normalize(lang, norm);
	if (rc < 0) {
		termin__glossary_issue(L->g, TERMIN_ISSUE_ERROR, "bad-language", L->name, line, c->id,
		                       "term '%s': '%s' is not a language code (BCP 47, such as en or ru-RU)",
		                       text, lang);
		return NULL;
	}
	if (rc > 0)
		termin__glossary_issue(L->g, TERMIN_ISSUE_WARNING, "bad-language", L->name, line, c->id,
		                       "term '%s': language code '%s' read as '%s'", text, lang, norm);
	termin_concept_add_term(c, norm, text, &t);
	t->line = line;
	return t;
}

static const char *intern_file(termin_glossary *g, const char *name)
{
	for (size_t i = 0; i < g->files.n; i++)
		if (strcmp(g->files.v[i], name) == 0)
			return g->files.v[i];
	termin__strlist_add(&g->files, name);
	return g->files.v[g->files.n - 1];
}

/* Decides the format: XML roots first (whatever the name), then the
 * extension, then a tab in the first line. */
static termin_glossary_format sniff(const char *name, const char *data, size_t len)
{
	size_t n = len < 4096 ? len : 4096;
	for (size_t i = 0; i + 1 < n; i++) {
		if (data[i] != '<')
			continue;
		if (data[i + 1] == '?' || data[i + 1] == '!')
			continue;
		/* the first start tag: its local name */
		size_t j = i + 1, k;
		for (k = j; k < n && data[k] != ' ' && data[k] != '>' && data[k] != '\t' &&
		            data[k] != '\n' && data[k] != '\r' && data[k] != '/'; k++)
			if (data[k] == ':')
				j = k + 1;
		if (k - j == 3 && memcmp(data + j, "tbx", 3) == 0)
			return TERMIN_GLOSSARY_TBX;
		if (k - j == 6 && memcmp(data + j, "martif", 6) == 0)
			return TERMIN_GLOSSARY_TBX2;
		break;
	}
	if (termin__path_has_suffix(name, ".tbx") || termin__path_has_suffix(name, ".xml"))
		return TERMIN_GLOSSARY_TBX;
	if (termin__path_has_suffix(name, ".csv"))
		return TERMIN_GLOSSARY_CSV;
	if (termin__path_has_suffix(name, ".tsv") || termin__path_has_suffix(name, ".utf8") || termin__path_has_suffix(name, ".tab") ||
	    termin__path_has_suffix(name, ".txt"))
		return TERMIN_GLOSSARY_TSV;
	const char *nl = memchr(data, '\n', n);
	if (memchr(data, '\t', nl ? (size_t)(nl - data) : n))
		return TERMIN_GLOSSARY_TSV;
	if (memchr(data, ',', nl ? (size_t)(nl - data) : n))
		return TERMIN_GLOSSARY_CSV;
	return TERMIN_GLOSSARY_TSV;
}

int termin_glossary_load_buffer(termin_glossary *g, const char *name, const char *data, size_t len,
                                const termin_glossary_load_opts *opts)
{
	static const termin_glossary_load_opts defaults = TERMIN_GLOSSARY_LOAD_OPTS_INIT;
	termin__gload L;
	termin_glossary_format fmt;
	int rc;

	if (!opts)
		opts = &defaults;
	memset(&L, 0, sizeof L);
	L.g = g;
	L.name = intern_file(g, name ? name : "-");
	L.load = ++g->loads;
	L.opts = opts;
	fmt = opts->format == TERMIN_GLOSSARY_AUTO ? sniff(L.name, data, len) : opts->format;
	switch (fmt) {
	case TERMIN_GLOSSARY_TBX:
	case TERMIN_GLOSSARY_TBX2:
		rc = termin__glossary_read_tbx(&L, data, len);
		break;
	case TERMIN_GLOSSARY_TSV:
		rc = termin__glossary_read_tsv(&L, data, len);
		break;
	case TERMIN_GLOSSARY_CSV:
		rc = termin__glossary_read_csv(&L, data, len);
		break;
	default:
		return termin__error_set(TERMIN_EUSAGE, "%s: glossaries cannot be read from %s",
		                         L.name, termin_glossary_format_name(fmt));
	}
	if (rc < 0)
		termin__glossary_drop_load(g, L.load);
	return rc;
}

int termin_glossary_load(termin_glossary *g, const char *path, const termin_glossary_load_opts *opts)
{
	char *data;
	size_t len;
	int rc = termin__read_file(path, &data, &len);
	if (rc < 0)
		return rc;
	rc = termin_glossary_load_buffer(g, path, data, len, opts);
	free(data);
	return rc;
}

const char *termin_glossary_shipped_path(void)
{
	static const char *const candidates[] = {
#ifdef TERMIN_DATADIR
		TERMIN_DATADIR "/glossary/csto.tbx",
#endif
#ifdef TERMIN_SRCDIR
		TERMIN_SRCDIR "/glossary/csto.tbx",
#endif
		NULL
	};
	for (size_t i = 0; candidates[i]; i++)
		if (access(candidates[i], R_OK) == 0)
			return candidates[i];
	return NULL;
}

/* ======================= writing ======================= */

size_t termin__concept_pairs(const termin_concept *c, const char *src, const char *tgt,
                             int with_deprecated_targets, termin__pair **pairs, size_t *cap)
{
	const termin_term *spref = termin_concept_preferred(c, src);
	const termin_term *tpref = termin_concept_preferred(c, tgt);
	size_t n = 0;
	for (size_t i = 0; i < c->nterms; i++) {
		const termin_term *t = c->terms[i];
		if (!termin__lang_eq(t->lang, src))
			continue;
		TERMIN_GROW(*pairs, *cap, n + 1);
		(*pairs)[n++] = (termin__pair){ t, tpref };
	}
	if (!spref)
		return n;
	for (size_t i = 0; i < c->nterms; i++) {
		const termin_term *t = c->terms[i];
		if (t == tpref || !termin__lang_eq(t->lang, tgt))
			continue;
		if (!with_deprecated_targets && (t->status == TERMIN_STATUS_DEPRECATED ||
		                                 t->status == TERMIN_STATUS_SUPERSEDED))
			continue;
		TERMIN_GROW(*pairs, *cap, n + 1);
		(*pairs)[n++] = (termin__pair){ spref, t };
	}
	return n;
}

int termin_glossary_write(const termin_glossary *g, termin_outfile *f,
                          const termin_glossary_write_opts *opts)
{
	static const termin_glossary_write_opts defaults = TERMIN_GLOSSARY_WRITE_OPTS_INIT;
	FILE *fp = termin_outfile_stream(f);
	const char *src, *tgt;
	int rc;
	if (!opts)
		opts = &defaults;
	src = opts->source_lang ? opts->source_lang : "en";
	tgt = opts->target_lang ? opts->target_lang : "ru";
	switch (opts->format) {
	case TERMIN_GLOSSARY_TBX:
		rc = termin__glossary_write_tbx(g, fp, 0);
		break;
	case TERMIN_GLOSSARY_TBX2:
		rc = termin__glossary_write_tbx(g, fp, 1);
		break;
	case TERMIN_GLOSSARY_TSV:
		rc = termin__glossary_write_tsv(g, fp, src, tgt);
		break;
	case TERMIN_GLOSSARY_CSV:
		rc = termin__glossary_write_csv(g, fp);
		break;
	case TERMIN_GLOSSARY_TMX:
		return termin__glossary_write_tmx(g, f, src, tgt);
	case TERMIN_GLOSSARY_JSONL:
		rc = termin__glossary_write_jsonl(g, fp);
		break;
	default:
		return termin__error_set(TERMIN_EUSAGE, "choose a glossary output format");
	}
	if (rc == 0 && ferror(fp))
		rc = termin__error_set(TERMIN_EIO, "%s: write failed", termin_outfile_path(f));
	return rc;
}

/* ======================= JSON lines ======================= */

static void json_str(FILE *f, const char *key, const char *v, int *first)
{
	if (!v)
		return;
	fprintf(f, "%s\"%s\":", *first ? "" : ",", key);
	*first = 0;
	termin_json_write_string(f, v, strlen(v));
}

static void json_list(FILE *f, const char *key, const termin__strlist *l, int *first)
{
	if (!l->n)
		return;
	fprintf(f, "%s\"%s\":[", *first ? "" : ",", key);
	*first = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			putc(',', f);
		termin_json_write_string(f, l->v[i], strlen(l->v[i]));
	}
	putc(']', f);
}

int termin__glossary_write_jsonl(const termin_glossary *g, FILE *f)
{
	for (size_t i = 0; i < g->n; i++) {
		const termin_concept *c = g->concepts[i];
		int first = 1;
		putc('{', f);
		json_str(f, "id", c->id, &first);
		json_str(f, "subject", c->subject, &first);
		json_str(f, "definition", c->definition, &first);
		json_list(f, "notes", &c->notes, &first);
		json_list(f, "sources", &c->sources, &first);
		fputs(",\"terms\":[", f);
		for (size_t k = 0; k < c->nterms; k++) {
			const termin_term *t = c->terms[k];
			int tf = 1;
			if (k)
				putc(',', f);
			putc('{', f);
			json_str(f, "lang", t->lang, &tf);
			json_str(f, "term", t->text, &tf);
			json_str(f, "pos", termin_term_pos_name(t->pos), &tf);
			json_str(f, "type", termin_term_type_name(t->type), &tf);
			if (t->status)
				json_str(f, "status", termin_term_status_name(t->status), &tf);
			if (t->case_marked)
				fputs(",\"case_sensitive\":true", f);
			json_list(f, "notes", &t->notes, &tf);
			json_str(f, "source", t->source, &tf);
			putc('}', f);
		}
		fputs("]}\n", f);
	}
	return 0;
}
