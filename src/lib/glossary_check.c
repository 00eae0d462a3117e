/*
 * glossary_check.c - validation of a glossary: duplicate entries and ids,
 * conflicting statuses, missing languages, preferred-term counts.
 *
 * Terms are compared by their matcher keys (case, dashes, quotes and
 * inflection folded), because two terms the matcher cannot tell apart are
 * one term to every check built on it.
 */
#include "glossary_internal.h"
#include "termnorm.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	char *key;                /* "lang\tkey" */
	const termin_term *t;
	size_t concept;           /* index in the glossary */
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->concept < y->concept ? -1 : x->concept > y->concept;
}

static const char *where_file(const termin_term *t)
{
	return t->concept->file;
}

static size_t where_line(const termin_term *t)
{
	return t->line ? t->line : t->concept->line;
}

static int bad(termin_term_status s)
{
	return s == TERMIN_STATUS_DEPRECATED || s == TERMIN_STATUS_SUPERSEDED;
}

static int good(termin_term_status s)
{
	return s == TERMIN_STATUS_PREFERRED || s == TERMIN_STATUS_ADMITTED;
}

/* Compares every pair of terms with the same key in different concepts. */
static int cross_checks(termin_glossary *g, keyed *k, size_t n)
{
	int errors = 0;
	for (size_t a = 0; a < n;) {
		size_t b = a + 1;
		while (b < n && strcmp(k[b].key, k[a].key) == 0)
			b++;
		for (size_t i = a; i < b; i++)
			for (size_t j = i + 1; j < b; j++) {
				const termin_term *x = k[i].t, *y = k[j].t;
				if (k[i].concept == k[j].concept) {
					if (x != y)
						termin__glossary_issue(g, TERMIN_ISSUE_WARNING, "duplicate-term",
						                       where_file(y), where_line(y), y->concept->id,
						                       "'%s' and '%s' are the same term to the matcher, twice in entry '%s'",
						                       x->text, y->text, y->concept->id);
					continue;
				}
				if (x->status == TERMIN_STATUS_PREFERRED && y->status == TERMIN_STATUS_PREFERRED) {
					termin__glossary_issue(g, TERMIN_ISSUE_ERROR, "duplicate-entry", where_file(y),
					                       where_line(y), y->concept->id,
					                       "entries '%s' and '%s' have the same preferred %s term '%s' (line %zu)",
					                       x->concept->id, y->concept->id, termin__lang_name(y->lang),
					                       y->text, where_line(x));
					errors++;
				} else if ((good(x->status) && bad(y->status)) || (bad(x->status) && good(y->status))) {
					const termin_term *ok = good(x->status) ? x : y, *no = ok == x ? y : x;
					int err = ok->status == TERMIN_STATUS_PREFERRED &&
					          no->status == TERMIN_STATUS_DEPRECATED;
					termin__glossary_issue(g, err ? TERMIN_ISSUE_ERROR : TERMIN_ISSUE_WARNING,
					                       "status-conflict", where_file(y), where_line(y),
					                       y->concept->id,
					                       "'%s' is %s in entry '%s' (line %zu) but %s in entry '%s' (line %zu)",
					                       y->text, termin_term_status_name(ok->status), ok->concept->id,
					                       where_line(ok), termin_term_status_name(no->status),
					                       no->concept->id, where_line(no));
					errors += err;
				}
			}
		a = b;
	}
	return errors;
}

int termin_glossary_validate(termin_glossary *g)
{
	termin__norm *N = NULL;
	termin_buf key = TERMIN_BUF_INIT;
	keyed *k = NULL;
	size_t nk = 0, capk = 0;
	const char *langs[32];
	size_t nlangs;
	int errors = 0;
	termin_strmap *ids = termin_strmap_new();

	if (termin__norm_new(&N, TERMIN_MORPH_DEFAULT) < 0 &&
	    termin__norm_new(&N, TERMIN_MORPH_SNOWBALL) < 0) {
		termin_strmap_free(ids);
		return termin__error_set(TERMIN_ERROR, "cannot set up term normalisation");
	}
	nlangs = termin_glossary_languages(g, langs, 32);
	if (nlangs > 32)
		nlangs = 32;

	for (size_t i = 0; i < g->n; i++) {
		const termin_concept *c = g->concepts[i];
		intptr_t first;
		if (termin_strmap_get(ids, c->id, strlen(c->id), &first)) {
			const termin_concept *f = g->concepts[first - 1];
			termin__glossary_issue(g, TERMIN_ISSUE_ERROR, "duplicate-id", c->file, c->line, c->id,
			                       "entry id '%s' is used twice (first at %s:%zu)", c->id,
			                       f->file ? f->file : "-", f->line);
			errors++;
		} else {
			termin_strmap_put(ids, c->id, strlen(c->id), (intptr_t)i + 1);
		}
		for (size_t l = 0; l < nlangs; l++) {
			size_t terms = 0, preferred = 0;
			const termin_term *second = NULL;
			for (size_t j = 0; j < c->nterms; j++) {
				const termin_term *t = c->terms[j];
				if (!termin__lang_eq(t->lang, langs[l]))
					continue;
				terms++;
				if (t->status == TERMIN_STATUS_PREFERRED && ++preferred == 2)
					second = t;
			}
			if (!terms) {
				termin__glossary_issue(g, TERMIN_ISSUE_ERROR, "missing-language", c->file, c->line,
				                       c->id, "entry '%s' has no %s term", c->id,
				                       termin__lang_name(langs[l]));
				errors++;
			} else if (preferred > 1) {
				termin__glossary_issue(g, TERMIN_ISSUE_ERROR, "preferred-count", c->file,
				                       where_line(second), c->id,
				                       "entry '%s' has %zu preferred %s terms; one is allowed",
				                       c->id, preferred, termin__lang_name(langs[l]));
				errors++;
			} else if (!preferred) {
				termin__glossary_issue(g, TERMIN_ISSUE_WARNING, "preferred-count", c->file, c->line,
				                       c->id, "entry '%s' has no preferred %s term", c->id,
				                       termin__lang_name(langs[l]));
			}
		}
		for (size_t j = 0; j < c->nterms; j++) {
			char lang[16];
			termin__lang_primary(c->terms[j]->lang, lang, sizeof lang);
			termin__term_key(N, c->terms[j], &key);
			TERMIN_GROW(k, capk, nk + 1);
			k[nk].key = termin__xmalloc(strlen(lang) + key.len + 2);
			sprintf(k[nk].key, "%s\t%s", lang, key.ptr ? key.ptr : "");
			k[nk].t = c->terms[j];
			k[nk].concept = i;
			nk++;
		}
	}
	qsort(k, nk, sizeof *k, cmp_keyed);
	errors += cross_checks(g, k, nk);

	for (size_t i = 0; i < nk; i++)
		free(k[i].key);
	free(k);
	termin_buf_free(&key);
	termin_strmap_free(ids);
	termin__norm_free(N);
	return errors;
}
