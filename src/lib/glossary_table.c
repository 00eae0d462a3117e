/*
 * glossary_table.c - glossaries as tables: OmegaT's tab-separated format
 * and termin's CSV layout (for memoQ and Trados import).
 *
 * TSV (OmegaT): one line per term pair, "source TAB target TAB comment";
 * lines starting with '#' are comments. termin writes every source term
 * with the target's preferred term, then the source's preferred term with
 * every other target term. The comment starts with the concept id, says
 * the status of any term that is not preferred ("deprecated English term;
 * use Collective Rapid Reaction Forces") and ends with the definition,
 * parts separated by " · ". Reading recognises that comment and rebuilds
 * the entries; a foreign TSV file gives one entry per distinct source
 * term, its comment as a note.
 *
 * CSV: a header row, then one row per concept: id, subject_field,
 * definition, note, source, then for every language L and term slot k the
 * columns L_k, L_k_status, L_k_type, L_k_pos, L_k_case, L_k_note,
 * L_k_source. Several notes or sources share a cell, one per line. The
 * file starts with a UTF-8 byte-order mark so that spreadsheet programs
 * recognise the encoding.
 */
#include "glossary_internal.h"
#include "termin/lang.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SEP " \xC2\xB7 "   /* " · " between the parts of a TSV comment */

/* ======================= shared ======================= */

/* Checks UTF-8 and returns the offset past a byte-order mark, or a
 * negative code with the line of the first invalid byte. */
static int check_utf8(const termin__gload *L, const char *data, size_t len, size_t *skip)
{
	size_t ok = termin__utf8_valid_prefix(data, len, NULL);
	*skip = 0;
	if (ok != len) {
		size_t line = 1;
		for (size_t i = 0; i < ok; i++)
			if (data[i] == '\n')
				line++;
		return termin__error_set(TERMIN_EENCODING,
		                         "%s:%zu: invalid UTF-8 (byte 0x%02X at byte offset %zu)", L->name,
		                         line, (unsigned char)data[ok], ok);
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		*skip = 3;
	return 0;
}

static char *trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	char *out = termin__xstrndup(s, n);
	termin__collapse_space(out);
	return out;
}

static termin_term *find_term(const termin_concept *c, const char *lang, const char *text)
{
	for (size_t i = 0; i < c->nterms; i++)
		if (strcmp(c->terms[i]->lang, lang) == 0 && strcmp(c->terms[i]->text, text) == 0)
			return c->terms[i];
	return NULL;
}

/* ======================= TSV ======================= */

static int is_slug(const char *s, size_t n)
{
	if (!n || !(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0])))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(islower(c) || isdigit(c) || c == '-' || c == '_' || c == '.' || c >= 0x80))
			return 0;
	}
	return 1;
}

/* Parses "deprecated English term; use X", "admitted Russian term" or
 * "English term without status" for language `lang`. Returns 1 and sets
 * the status when the part is about that language. */
static int parse_status_part(const char *part, const char *lang, termin_term_status *st)
{
	char buf[96];
	const char *name = termin__lang_name(lang);
	static const termin_term_status all[] = { TERMIN_STATUS_PREFERRED, TERMIN_STATUS_ADMITTED,
		                                      TERMIN_STATUS_DEPRECATED, TERMIN_STATUS_SUPERSEDED };
	snprintf(buf, sizeof buf, "%s term without status", name);
	if (strcmp(part, buf) == 0) {
		*st = TERMIN_STATUS_UNSPECIFIED;
		return 1;
	}
	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(all); i++) {
		size_t n = (size_t)snprintf(buf, sizeof buf, "%s %s term", termin_term_status_name(all[i]), name);
		if (strncmp(part, buf, n) == 0 && (part[n] == '\0' || strncmp(part + n, "; use ", 6) == 0)) {
			*st = all[i];
			return 1;
		}
	}
	return 0;
}

typedef struct {
	termin_strmap *concepts;   /* id or source term -> concept index + 1 */
	const char *src, *tgt;     /* the languages of the two columns */
	char hsrc[TERMIN_LANG_MAX], htgt[TERMIN_LANG_MAX]; /* from a header line */
	int seen_data;             /* a line other than a comment was read */
} tsv_state;

/* The language a header cell names ("en", "ru-RU", "English", "Russian"),
 * into `out`; 0 when it names none. */
static int header_lang(const char *cell, char out[TERMIN_LANG_MAX])
{
	static const char *const names[][2] = { { "english", "en" }, { "russian", "ru" } };
	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(names); i++)
		if (strcasecmp(cell, names[i][0]) == 0) {
			strcpy(out, names[i][1]);
			return 1;
		}
	return strlen(cell) <= 12 && !strchr(cell, ' ') && termin_lang_normalize(cell, out) >= 0;
}

/* Whether a cell is a column title that spreadsheet exports put first. */
static int header_word(const char *cell)
{
	static const char *const words[] = { "source", "target", "term", "terms", "translation",
		                                 "source term", "target term", "comment", "comments",
		                                 "note", "notes", "description", "definition" };
	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(words); i++)
		if (strcasecmp(cell, words[i]) == 0)
			return 1;
	return 0;
}

/* The first line of a file may be a header ("en TAB ru", "English TAB
 * Russian", "Source TAB Target"), as memoQ and spreadsheet exports write:
 * it is skipped, and a header naming two languages sets the columns'
 * languages unless the options set them. Returns 1 for a header. */
static int tsv_header(termin__gload *L, tsv_state *S, const char *s, const char *t, size_t lineno)
{
	char a[TERMIN_LANG_MAX], b[TERMIN_LANG_MAX];
	if (header_lang(s, a) && header_lang(t, b)) {
		if (termin__lang_eq(a, b))
			return 0;
		if (L->opts->source_lang || L->opts->target_lang) {
			if (!termin__lang_eq(a, S->src) || !termin__lang_eq(b, S->tgt))
				termin__glossary_issue(L->g, TERMIN_ISSUE_WARNING, "header", L->name, lineno, NULL,
				                       "the header says the columns are %s and %s; following the options (%s, %s)",
				                       a, b, S->src, S->tgt);
			return 1;
		}
		strcpy(S->hsrc, a);
		strcpy(S->htgt, b);
		S->src = S->hsrc;
		S->tgt = S->htgt;
		return 1;
	}
	return header_word(s) && header_word(t);
}

static termin_term *tsv_term(termin__gload *L, termin_concept *c, const char *lang,
                             const char *text, termin_term_status st, size_t line)
{
	termin_term *t = find_term(c, lang, text);
	if (t)
		return t;
	t = termin__gload_term(L, c, lang, text, line);
	if (t)
		t->status = st;
	return t;
}

static void tsv_line(termin__gload *L, tsv_state *S, char *line, size_t lineno)
{
	char *f[3] = { line, NULL, NULL };
	char *tab = strchr(line, '\t');
	if (!tab) {
		termin__glossary_issue(L->g, TERMIN_ISSUE_WARNING, "bad-line", L->name, lineno, NULL,
		                       "no tab: not a term pair, ignored");
		return;
	}
	*tab = '\0';
	f[1] = tab + 1;
	if ((tab = strchr(f[1], '\t')) != NULL) {
		*tab = '\0';
		f[2] = tab + 1;
		/* OmegaT reads three columns; more are ignored */
		if ((tab = strchr(f[2], '\t')) != NULL)
			*tab = '\0';
	}
	char *s = trimmed(f[0], strlen(f[0]));
	char *t = trimmed(f[1], strlen(f[1]));
	char *comment = f[2] ? trimmed(f[2], strlen(f[2])) : termin__xstrdup("");
	termin_term_status sst = TERMIN_STATUS_UNSPECIFIED, tst = TERMIN_STATUS_UNSPECIFIED;
	termin_buf def = TERMIN_BUF_INIT;
	termin_concept *c = NULL;
	intptr_t v;
	int first = !S->seen_data;

	S->seen_data = 1;
	if (first && tsv_header(L, S, s, t, lineno))
		goto done;
	const char *src = S->src, *tgt = S->tgt;
	if (!*s) {
		termin__glossary_issue(L->g, TERMIN_ISSUE_WARNING, "bad-line", L->name, lineno, NULL,
		                       "empty source term, ignored");
		goto done;
	}
	/* termin's own comment: "id · status parts · definition" */
	size_t idlen = strcspn(comment, " ");
	int ours = is_slug(comment, idlen) &&
	           (comment[idlen] == '\0' || strncmp(comment + idlen, SEP, strlen(SEP)) == 0);
	if (ours) {
		char *id = termin__xstrndup(comment, idlen);
		const char *p = comment[idlen] ? comment + idlen + strlen(SEP) : comment + idlen;
		sst = tst = TERMIN_STATUS_PREFERRED;
		while (*p) {
			const char *e = strstr(p, SEP);
			size_t n = e ? (size_t)(e - p) : strlen(p);
			char *part = termin__xstrndup(p, n);
			if (!def.len && parse_status_part(part, src, &sst)) {
				/* status of the source term */
			} else if (!def.len && parse_status_part(part, tgt, &tst)) {
				/* status of the target term */
			} else {
				if (def.len)
					termin_buf_puts(&def, SEP);
				termin_buf_puts(&def, part);
			}
			free(part);
			p = e ? e + strlen(SEP) : p + n;
		}
		if (termin_strmap_get(S->concepts, id, strlen(id), &v))
			c = L->g->concepts[v - 1];
		else {
			c = termin__gload_concept(L, id, s, lineno);
			termin_strmap_put(S->concepts, id, strlen(id), (intptr_t)L->g->n);
		}
		if (def.len && !c->definition)
			c->definition = termin__xstrdup(def.ptr);
		free(id);
	} else {
		if (termin_strmap_get(S->concepts, s, strlen(s), &v))
			c = L->g->concepts[v - 1];
		else {
			c = termin__gload_concept(L, NULL, s, lineno);
			termin_strmap_put(S->concepts, s, strlen(s), (intptr_t)L->g->n);
		}
		if (*comment) {
			size_t i;
			for (i = 0; i < c->notes.n; i++)
				if (strcmp(c->notes.v[i], comment) == 0)
					break;
			if (i == c->notes.n)
				termin__strlist_add(&c->notes, comment);
		}
	}
	tsv_term(L, c, src, s, sst, lineno);
	if (*t)
		tsv_term(L, c, tgt, t, tst, lineno);
done:
	termin_buf_free(&def);
	free(s);
	free(t);
	free(comment);
}

int termin__glossary_read_tsv(termin__gload *L, const char *data, size_t len)
{
	size_t skip, lineno = 0;
	int rc = check_utf8(L, data, len, &skip);
	tsv_state S = { 0 };
	if (rc < 0)
		return rc;
	const char *p = data + skip, *end = data + len;
	/* a TBX or other XML file named .tsv/.txt */
	const char *q = p;
	while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
		q++;
	if (end - q >= 2 && q[0] == '<' && (q[1] == '?' || q[1] == '!' || isalpha((unsigned char)q[1])))
		return termin__error_set(TERMIN_EINVALID,
		                         "%s:1: an XML file, not a tab-separated glossary (a TBX glossary has the root element tbx or martif)",
		                         L->name);
	S.src = L->opts->source_lang ? L->opts->source_lang : "en";
	S.tgt = L->opts->target_lang ? L->opts->target_lang : "ru";
	S.concepts = termin_strmap_new();
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		lineno++;
		if (n && p[n - 1] == '\r')
			n--;
		if (n && p[0] != '#' && memchr(p, '\0', n)) {
			termin_strmap_free(S.concepts);
			return termin__error_set(TERMIN_EINVALID, "%s:%zu: NUL byte: not a text file",
			                         L->name, lineno);
		}
		if (n && p[0] != '#') {
			char *line = termin__xstrndup(p, n);
			size_t k;
			for (k = 0; k < n && isspace((unsigned char)line[k]) && line[k] != '\t'; k++)
				;
			if (k < n)
				tsv_line(L, &S, line, lineno);
			free(line);
		}
		p = nl ? nl + 1 : end;
	}
	termin_strmap_free(S.concepts);
	return 0;
}

/* Writes a field with tabs and line breaks turned into spaces. */
static void tsv_field(FILE *f, const char *s)
{
	for (; *s; s++)
		putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static void status_part(termin_buf *b, const termin_term *t)
{
	const termin_term *pref;
	if (t->status == TERMIN_STATUS_PREFERRED)
		return;
	termin_buf_puts(b, SEP);
	if (t->status == TERMIN_STATUS_UNSPECIFIED) {
		termin_buf_printf(b, "%s term without status", termin__lang_name(t->lang));
		return;
	}
	termin_buf_printf(b, "%s %s term", termin_term_status_name(t->status),
	                  termin__lang_name(t->lang));
	pref = termin_concept_preferred(t->concept, t->lang);
	if ((t->status == TERMIN_STATUS_DEPRECATED || t->status == TERMIN_STATUS_SUPERSEDED) && pref &&
	    pref != t && pref->status == TERMIN_STATUS_PREFERRED)
		termin_buf_printf(b, "; use %s", pref->text);
}

int termin__glossary_write_tsv(const termin_glossary *g, FILE *f, const char *src, const char *tgt)
{
	termin__pair *pairs = NULL;
	size_t cap = 0;
	termin_buf comment = TERMIN_BUF_INIT;
	fprintf(f, "# %s: %s to %s, OmegaT glossary format (term, translation, comment), written by termin\n",
	        g->title ? g->title : "Glossary", termin__lang_name(src), termin__lang_name(tgt));
	for (size_t i = 0; i < g->n; i++) {
		const termin_concept *c = g->concepts[i];
		size_t n = termin__concept_pairs(c, src, tgt, 1, &pairs, &cap);
		for (size_t k = 0; k < n; k++) {
			termin_buf_clear(&comment);
			termin_buf_puts(&comment, c->id);
			status_part(&comment, pairs[k].src);
			if (pairs[k].tgt)
				status_part(&comment, pairs[k].tgt);
			if (c->definition) {
				termin_buf_puts(&comment, SEP);
				termin_buf_puts(&comment, c->definition);
			}
			tsv_field(f, pairs[k].src->text);
			putc('\t', f);
			if (pairs[k].tgt)
				tsv_field(f, pairs[k].tgt->text);
			putc('\t', f);
			tsv_field(f, comment.ptr);
			putc('\n', f);
		}
	}
	free(pairs);
	termin_buf_free(&comment);
	return 0;
}

/* ======================= CSV ======================= */

/* One parsed record: fields and the line it starts on. */
typedef struct {
	termin__strlist fields;
	size_t line;
} csv_record;

/* Reads the next record from data[*pos..len) with delimiter `d`. Returns 1
 * when a record was read, 0 at the end, TERMIN_EINVALID for an
 * unterminated quote. `*line` counts lines. */
static int csv_next(const termin__gload *L, const char *data, size_t len, size_t *pos, char d,
                    size_t *line, csv_record *rec)
{
	termin_buf field = TERMIN_BUF_INIT;
	size_t i = *pos;
	termin__strlist_free(&rec->fields);
	if (i >= len)
		return 0;
	rec->line = *line;
	for (;;) {
		termin_buf_clear(&field);
		termin_buf_put(&field, "", 0);
		if (i < len && data[i] == '"') {
			size_t qline = *line;
			i++;
			for (;;) {
				if (i >= len) {
					termin_buf_free(&field);
					return termin__error_set(TERMIN_EINVALID,
					                         "%s:%zu: unterminated quoted field", L->name, qline);
				}
				if (data[i] == '"') {
					if (i + 1 < len && data[i + 1] == '"') {
						termin_buf_putc(&field, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (data[i] == '\n')
					(*line)++;
				if (data[i] != '\r')
					termin_buf_putc(&field, data[i]);
				i++;
			}
			/* tolerate text after the closing quote up to the delimiter */
			while (i < len && data[i] != d && data[i] != '\n' && data[i] != '\r')
				termin_buf_putc(&field, data[i++]);
		} else {
			while (i < len && data[i] != d && data[i] != '\n' && data[i] != '\r')
				termin_buf_putc(&field, data[i++]);
		}
		termin__strlist_add(&rec->fields, field.ptr);
		if (i < len && data[i] == d) {
			i++;
			continue;
		}
		/* end of record */
		if (i < len && data[i] == '\r')
			i++;
		if (i < len && data[i] == '\n')
			i++;
		(*line)++;
		break;
	}
	termin_buf_free(&field);
	*pos = i;
	return 1;
}

enum col_kind { C_IGNORE, C_ID, C_SUBJECT, C_DEFINITION, C_NOTE, C_SOURCE, C_TERM, C_STATUS,
                C_TYPE, C_POS, C_CASE, C_TNOTE, C_TSOURCE };

typedef struct {
	enum col_kind kind;
	char *lang;      /* term columns */
	long slot;
} csv_col;

static int is_lang_tag(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && isalpha((unsigned char)s[i]))
		i++;
	if (i < 2 || i > 3)
		return 0;
	while (i < n) {
		if (s[i] != '-')
			return 0;
		size_t j = ++i;
		while (i < n && isalnum((unsigned char)s[i]))
			i++;
		if (i == j)
			return 0;
	}
	return 1;
}

/* Classifies one header cell: "id", "en", "en_2", "ru_1_status", ... */
static csv_col classify(const char *h)
{
	static const struct { const char *name; enum col_kind k; } fixed[] = {
		{ "id", C_ID }, { "concept", C_ID }, { "entry_id", C_ID },
		{ "subject_field", C_SUBJECT }, { "subject", C_SUBJECT }, { "subjectfield", C_SUBJECT },
		{ "domain", C_SUBJECT }, { "definition", C_DEFINITION }, { "note", C_NOTE },
		{ "notes", C_NOTE }, { "source", C_SOURCE }, { "sources", C_SOURCE },
	};
	static const struct { const char *suffix; enum col_kind k; } props[] = {
		{ "_status", C_STATUS }, { "_type", C_TYPE }, { "_pos", C_POS }, { "_case", C_CASE },
		{ "_note", C_TNOTE }, { "_source", C_TSOURCE },
	};
	csv_col col = { C_IGNORE, NULL, 1 };
	char *low = termin__xstrdup(h);
	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	termin__collapse_space(low);
	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(fixed); i++)
		if (strcmp(low, fixed[i].name) == 0) {
			col.kind = fixed[i].k;
			free(low);
			return col;
		}
	size_t n = strlen(low);
	enum col_kind k = C_TERM;
	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(props); i++) {
		size_t m = strlen(props[i].suffix);
		if (n > m && strcmp(low + n - m, props[i].suffix) == 0) {
			k = props[i].k;
			n -= m;
			break;
		}
	}
	/* "lang" or "lang_k" */
	size_t j = n;
	while (j && isdigit((unsigned char)low[j - 1]))
		j--;
	if (j < n && j > 1 && low[j - 1] == '_') {
		col.slot = strtol(low + j, NULL, 10);
		n = j - 1;
	}
	if (col.slot >= 1 && col.slot <= 1000 && is_lang_tag(h, n)) {
		col.kind = k;
		col.lang = termin__xstrndup(h, n); /* as written: "en-US" keeps its case */
	}
	free(low);
	return col;
}

typedef struct {
	termin_term *t;
	const char *lang;
	long slot;
} slot_term;

static void csv_row(termin__gload *L, const csv_col *cols, const size_t *order, size_t ncols,
                    const csv_record *rec)
{
	size_t nf = rec->fields.n < ncols ? rec->fields.n : ncols;
	const char *id = NULL, *hint = NULL;
	slot_term *slots = NULL;
	size_t nslots = 0, capslots = 0;
	int empty = 1;

	for (size_t i = 0; i < rec->fields.n; i++)
		if (*rec->fields.v[i])
			empty = 0;
	if (empty)
		return;
	for (size_t i = 0; i < nf; i++) {
		if (cols[i].kind == C_ID && *rec->fields.v[i])
			id = rec->fields.v[i];
		if (cols[i].kind == C_TERM && !hint && *rec->fields.v[i])
			hint = rec->fields.v[i];
	}
	char *idt = id ? trimmed(id, strlen(id)) : NULL;
	termin_concept *c = termin__gload_concept(L, idt, hint, rec->line);
	free(idt);

	/* terms first, so their properties find them whatever the column
	 * order; grouped by language, in slot order */
	for (size_t o = 0; o < nf; o++) {
		size_t i = order[o];
		if (i >= nf || cols[i].kind != C_TERM || !*rec->fields.v[i])
			continue;
		char *text = trimmed(rec->fields.v[i], strlen(rec->fields.v[i]));
		termin_term *t = *text ? termin__gload_term(L, c, cols[i].lang, text, rec->line) : NULL;
		free(text);
		if (t) {
			TERMIN_GROW(slots, capslots, nslots + 1);
			slots[nslots++] = (slot_term){ t, cols[i].lang, cols[i].slot };
		}
	}
	for (size_t i = 0; i < nf; i++) {
		const char *v = rec->fields.v[i];
		termin_term *t = NULL;
		if (!*v)
			continue;
		if (cols[i].kind >= C_STATUS) {
			for (size_t k = 0; k < nslots; k++)
				if (slots[k].slot == cols[i].slot && strcmp(slots[k].lang, cols[i].lang) == 0)
					t = slots[k].t;
			if (!t) {
				termin__glossary_issue(L->g, TERMIN_ISSUE_WARNING, "bad-structure", L->name,
				                       rec->line, c->id,
				                       "a value for %s term %ld, which is empty, in entry '%s'",
				                       cols[i].lang, cols[i].slot, c->id);
				continue;
			}
		}
		char *tv = trimmed(v, strlen(v));
		int rc = 0;
		const char *what = NULL;
		switch (cols[i].kind) {
		case C_SUBJECT:
			termin_concept_set_subject(c, tv);
			break;
		case C_DEFINITION:
			termin_concept_set_definition(c, tv);
			break;
		case C_NOTE:
		case C_SOURCE:
		case C_TNOTE: {
			/* one per line within the cell */
			const char *p = v;
			while (*p) {
				const char *nl = strchr(p, '\n');
				size_t n = nl ? (size_t)(nl - p) : strlen(p);
				char *one = trimmed(p, n);
				if (*one) {
					if (cols[i].kind == C_NOTE)
						termin__strlist_add(&c->notes, one);
					else if (cols[i].kind == C_SOURCE)
						termin__strlist_add(&c->sources, one);
					else
						termin_term_add_note(t, one);
				}
				free(one);
				p = nl ? nl + 1 : p + n;
			}
			break;
		}
		case C_TSOURCE:
			termin_term_set_source(t, tv);
			break;
		case C_STATUS:
			rc = termin_term_status_parse(tv, &t->status);
			what = "status";
			break;
		case C_TYPE:
			rc = termin_term_type_parse(tv, &t->type);
			what = "term type";
			break;
		case C_POS:
			rc = termin_term_pos_parse(tv, &t->pos);
			what = "part of speech";
			break;
		case C_CASE:
			if (strcasecmp(tv, "yes") == 0 || strcasecmp(tv, "sensitive") == 0 ||
			    strcmp(tv, "1") == 0 || strcasecmp(tv, "true") == 0)
				t->case_marked = 1;
			else if (strcasecmp(tv, "no") && strcmp(tv, "0") && strcasecmp(tv, "false")) {
				rc = -1;
				what = "case";
			}
			break;
		default:
			break;
		}
		if (rc < 0)
			termin__glossary_issue(L->g, TERMIN_ISSUE_WARNING, "unknown-value", L->name, rec->line,
			                       c->id, "unknown %s '%s' in entry '%s'", what, tv, c->id);
		free(tv);
	}
	free(slots);
}

/* Whether term column a sorts before term column b: languages in order of
 * their first column, slots in number order. Other columns keep their
 * place at the end. */
static int term_before(const csv_col *cols, size_t a, size_t b)
{
	if (cols[a].kind != C_TERM || cols[b].kind != C_TERM)
		return cols[a].kind == C_TERM && cols[b].kind != C_TERM;
	if (strcmp(cols[a].lang, cols[b].lang) != 0) {
		/* the language whose first term column comes first */
		for (size_t i = 0;; i++)
			if (cols[i].kind == C_TERM) {
				if (strcmp(cols[i].lang, cols[a].lang) == 0)
					return 1;
				if (strcmp(cols[i].lang, cols[b].lang) == 0)
					return 0;
			}
	}
	return cols[a].slot < cols[b].slot;
}

/* The delimiter: whichever of , ; TAB occurs most in the header line
 * outside quotes. */
static char sniff_delim(const char *data, size_t len)
{
	size_t counts[3] = { 0, 0, 0 };
	int q = 0;
	for (size_t i = 0; i < len && data[i] != '\n'; i++) {
		if (data[i] == '"')
			q = !q;
		else if (!q && data[i] == ',')
			counts[0]++;
		else if (!q && data[i] == ';')
			counts[1]++;
		else if (!q && data[i] == '\t')
			counts[2]++;
	}
	if (counts[1] > counts[0] && counts[1] >= counts[2])
		return ';';
	if (counts[2] > counts[0] && counts[2] > counts[1])
		return '\t';
	return ',';
}

int termin__glossary_read_csv(termin__gload *L, const char *data, size_t len)
{
	size_t skip, pos, line = 1, ncols;
	csv_record rec = { { NULL, 0, 0 }, 0 };
	csv_col *cols = NULL;
	size_t *order = NULL;
	int rc = check_utf8(L, data, len, &skip), any_term = 0;
	char d;
	if (rc < 0)
		return rc;
	if (memchr(data, '\0', len))
		return termin__error_set(TERMIN_EINVALID, "%s: NUL byte: not a text file", L->name);
	pos = skip;
	d = sniff_delim(data + skip, len - skip);
	rc = csv_next(L, data, len, &pos, d, &line, &rec);
	if (rc <= 0) {
		termin__strlist_free(&rec.fields);
		if (rc == 0)
			termin__glossary_issue(L->g, TERMIN_ISSUE_WARNING, "empty", L->name, 0, NULL,
			                       "no entries");
		return rc;
	}
	ncols = rec.fields.n;
	cols = termin__xcalloc(ncols, sizeof *cols);
	for (size_t i = 0; i < ncols; i++) {
		cols[i] = classify(rec.fields.v[i]);
		if (cols[i].kind == C_TERM)
			any_term = 1;
		if (cols[i].kind == C_IGNORE && *rec.fields.v[i])
			termin__glossary_issue(L->g, TERMIN_ISSUE_WARNING, "unknown-column", L->name, 1, NULL,
			                       "column '%s' is not part of termin's CSV layout; ignored",
			                       rec.fields.v[i]);
	}
	/* term columns by language (first appearance), then slot */
	order = termin__xcalloc(ncols, sizeof *order);
	for (size_t i = 0; i < ncols; i++)
		order[i] = i;
	for (size_t i = 1; i < ncols; i++)
		for (size_t j = i; j > 0 && term_before(cols, order[j], order[j - 1]); j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (!any_term) {
		rc = termin__error_set(TERMIN_EINVALID,
		                       "%s:1: the header row names no term column (such as en, ru, en_1, ru_2)",
		                       L->name);
		goto done;
	}
	while ((rc = csv_next(L, data, len, &pos, d, &line, &rec)) > 0) {
		if (rec.fields.n > ncols) {
			for (size_t i = ncols; i < rec.fields.n; i++)
				if (*rec.fields.v[i]) {
					termin__glossary_issue(L->g, TERMIN_ISSUE_WARNING, "bad-structure", L->name,
					                       rec.line, NULL,
					                       "%zu fields, but the header has %zu; the rest ignored",
					                       rec.fields.n, ncols);
					break;
				}
		}
		csv_row(L, cols, order, ncols, &rec);
	}
done:
	for (size_t i = 0; i < ncols; i++)
		free(cols[i].lang);
	free(cols);
	free(order);
	termin__strlist_free(&rec.fields);
	return rc < 0 ? rc : 0;
}

static void csv_cell(FILE *f, const char *s, int first)
{
	if (!first)
		putc(',', f);
	if (!s)
		return;
	if (strpbrk(s, ",\"\n\r") || (*s && (isspace((unsigned char)s[0]) ||
	                                     isspace((unsigned char)s[strlen(s) - 1])))) {
		putc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				putc('"', f);
			putc(*s, f);
		}
		putc('"', f);
	} else {
		fputs(s, f);
	}
}

static char *joined(const termin__strlist *l)
{
	termin_buf b = TERMIN_BUF_INIT;
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			termin_buf_putc(&b, '\n');
		termin_buf_puts(&b, l->v[i]);
	}
	return l->n ? termin_buf_detach(&b) : NULL;
}

int termin__glossary_write_csv(const termin_glossary *g, FILE *f)
{
	static const char *const props[] = { "status", "type", "pos", "case", "note", "source" };
	/* the languages (tags as written) and the most terms any entry has in each */
	termin__strlist langs = { NULL, 0, 0 };
	size_t *slots = NULL, capslots = 0;
	for (size_t i = 0; i < g->n; i++) {
		const termin_concept *c = g->concepts[i];
		for (size_t k = 0; k < c->nterms; k++) {
			size_t j, count = 0;
			for (j = 0; j < langs.n; j++)
				if (strcmp(langs.v[j], c->terms[k]->lang) == 0)
					break;
			if (j == langs.n) {
				termin__strlist_add(&langs, c->terms[k]->lang);
				TERMIN_GROW(slots, capslots, langs.n);
				slots[j] = 0;
			}
			for (size_t m = 0; m < c->nterms; m++)
				if (strcmp(c->terms[m]->lang, langs.v[j]) == 0)
					count++;
			if (count > slots[j])
				slots[j] = count;
		}
	}
	fputs("\xEF\xBB\xBF" "id,subject_field,definition,note,source", f);
	for (size_t j = 0; j < langs.n; j++)
		for (size_t k = 1; k <= slots[j]; k++) {
			fprintf(f, ",%s_%zu", langs.v[j], k);
			for (size_t p = 0; p < TERMIN_ARRAY_SIZE(props); p++)
				fprintf(f, ",%s_%zu_%s", langs.v[j], k, props[p]);
		}
	putc('\n', f);
	for (size_t i = 0; i < g->n; i++) {
		const termin_concept *c = g->concepts[i];
		char *notes = joined(&c->notes), *sources = joined(&c->sources);
		csv_cell(f, c->id, 1);
		csv_cell(f, c->subject, 0);
		csv_cell(f, c->definition, 0);
		csv_cell(f, notes, 0);
		csv_cell(f, sources, 0);
		free(notes);
		free(sources);
		for (size_t j = 0; j < langs.n; j++) {
			size_t used = 0;
			for (size_t k = 0; k < c->nterms; k++) {
				const termin_term *t = c->terms[k];
				if (strcmp(t->lang, langs.v[j]) != 0)
					continue;
				char *tn = joined(&t->notes);
				csv_cell(f, t->text, 0);
				csv_cell(f, t->status ? termin_term_status_name(t->status) : NULL, 0);
				csv_cell(f, termin_term_type_name(t->type), 0);
				csv_cell(f, termin_term_pos_name(t->pos), 0);
				csv_cell(f, t->case_marked ? "yes" : NULL, 0);
				csv_cell(f, tn, 0);
				csv_cell(f, t->source, 0);
				free(tn);
				used++;
			}
			for (; used < slots[j]; used++)
				fputs(",,,,,,,", f);
		}
		putc('\n', f);
	}
	termin__strlist_free(&langs);
	free(slots);
	return 0;
}
