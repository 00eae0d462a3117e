/*
 * check_terms.c - the glossary checks: term-missing (a source term without
 * any of its target terms in the target), term-deprecated (a deprecated or
 * superseded variant used) and term-inconsistent (one concept named by
 * different full forms in one document).
 *
 * Terms are found by the glossary's matcher, so every inflected form
 * counts: «Коллективных сил оперативного реагирования» is the Russian
 * term in the genitive.
 */
#include "check_internal.h"

#include <stdlib.h>
#include <string.h>

/* One variant of a concept used in the current document. */
typedef struct {
	const termin_term *term;
	size_t count;
	size_t *units;
	size_t n_units, cap_units;
	char *source, *target;   /* texts of the first unit it occurs in */
} usage;

typedef struct {
	const termin_concept *concept;
	usage *u;
	size_t n, cap;
} concept_usage;

struct check_terms {
	termin_matcher *m;
	const termin_glossary *g;
	termin_strmap *doc;      /* concept id -> index + 1 into used */
	concept_usage *used;
	size_t n_used, cap_used;
	/* hits of the source side, copied (the matcher reuses its buffer) */
	termin_term_hit *src;
	size_t n_src, cap_src;
};

int termin__check_terms_new(check_terms **out, const termin_glossary *g)
{
	check_terms *t = termin__xcalloc(1, sizeof *t);
	int rc = termin_matcher_new(&t->m, g, NULL);
	if (rc < 0) {
		free(t);
		return rc;
	}
	t->g = g;
	t->doc = termin_strmap_new();
	*out = t;
	return 0;
}

static void clear_doc(check_terms *t)
{
	for (size_t i = 0; i < t->n_used; i++) {
		for (size_t k = 0; k < t->used[i].n; k++) {
			free(t->used[i].u[k].units);
			free(t->used[i].u[k].source);
			free(t->used[i].u[k].target);
		}
		free(t->used[i].u);
	}
	t->n_used = 0;
	termin_strmap_free(t->doc);
	t->doc = termin_strmap_new();
}

void termin__check_terms_free(check_terms *t)
{
	if (!t)
		return;
	clear_doc(t);
	free(t->used);
	free(t->src);
	termin_strmap_free(t->doc);
	termin_matcher_free(t->m);
	free(t);
}

static int is_old(termin_term_status s)
{
	return s == TERMIN_STATUS_DEPRECATED || s == TERMIN_STATUS_SUPERSEDED;
}

static int is_person(const termin_concept *c)
{
	const char *subj = termin_concept_subject(c);
	return subj && strcmp(subj, "person") == 0;
}

/* Whether the term names the concept in full (acronyms, abbreviations and
 * short forms are legitimate alternatives to a full form, not rivals). */
static int full_form(const termin_term *t)
{
	termin_term_type ty = termin_term_type_of(t);
	return ty != TERMIN_TERMTYPE_ACRONYM && ty != TERMIN_TERMTYPE_ABBREVIATION && ty != TERMIN_TERMTYPE_SHORTFORM;
}

/* Lists the target-language terms of `c` that are not deprecated, as
 * "A", "B" into b; returns the preferred one (or NULL). */
static const char *expected_forms(termin_buf *b, const termin_concept *c, const char *lang)
{
	const termin_term *pref = termin_concept_preferred(c, lang);
	size_t shown = 0;
	termin_buf_clear(b);
	for (size_t i = 0; i < termin_concept_term_count(c); i++) {
		const termin_term *t = termin_concept_term(c, i);
		if (!termin_lang_matches(termin_term_lang(t), lang) || is_old(termin_term_status_of(t)))
			continue;
		if (shown == 4) {
			termin_buf_puts(b, ", ...");
			break;
		}
		termin_buf_printf(b, "%s\"%s\"", shown ? ", " : "", termin_term_text(t));
		shown++;
	}
	return pref && !is_old(termin_term_status_of(pref)) ? termin_term_text(pref) : NULL;
}

static int has_terms_in(const termin_concept *c, const char *lang)
{
	for (size_t i = 0; i < termin_concept_term_count(c); i++)
		if (termin_lang_matches(termin_term_lang(termin_concept_term(c, i)), lang))
			return 1;
	return 0;
}

static void record_usage(check_terms *t, const ck_unit *cu, int side, const termin_term_hit *h)
{
	intptr_t idx;
	const char *id = termin_concept_id(h->concept);
	if (is_person(h->concept) || !full_form(h->term))
		return;
	if (!termin_strmap_get(t->doc, id, strlen(id), &idx)) {
		TERMIN_GROW(t->used, t->cap_used, t->n_used + 1);
		memset(&t->used[t->n_used], 0, sizeof *t->used);
		t->used[t->n_used].concept = h->concept;
		idx = (intptr_t)++t->n_used;
		termin_strmap_put(t->doc, id, strlen(id), idx);
	}
	concept_usage *c = &t->used[idx - 1];
	size_t k;
	for (k = 0; k < c->n; k++)
		if (c->u[k].term == h->term)
			break;
	if (k == c->n) {
		TERMIN_GROW(c->u, c->cap, c->n + 1);
		memset(&c->u[k], 0, sizeof c->u[k]);
		c->u[k].term = h->term;
		c->u[k].source = termin__xstrndup(cu->text[0], cu->len[0]);
		c->u[k].target = cu->bilingual ? termin__xstrndup(cu->text[1], cu->len[1]) : NULL;
		c->n++;
	}
	usage *u = &c->u[k];
	u->count++;
	(void)side;
	if (u->n_units == 0 || u->units[u->n_units - 1] != cu->index) {
		TERMIN_GROW(u->units, u->cap_units, u->n_units + 1);
		u->units[u->n_units++] = cu->index;
	}
}

static void report_deprecated(termin_checker *ck, const ck_unit *cu, int side, const termin_term_hit *h,
                              const char *lang)
{
	const termin_term *pref = termin_concept_preferred(h->concept, lang);
	const char *p = pref && !is_old(termin_term_status_of(pref)) ? termin_term_text(pref) : NULL;
	termin__check_add(ck, cu, CK_TERM_DEPRECATED, side, h->start, h->end, p,
	                  "\"%.*s\" is a %s term%s%s%s", (int)(h->end - h->start), h->text,
	                  termin_term_status_name(h->status), p ? "; use \"" : "", p ? p : "", p ? "\"" : "");
}

/* Whether concept `c` (or, for an ambiguous source hit, one of its
 * alternatives) is among the target hits with a usable term. Sets *old to
 * the target hit of a deprecated variant of it, if any. */
static int found_in_target(const termin_term_hit *sh, const termin_term_hit *th, size_t nt,
                           const termin_term_hit **old)
{
	*old = NULL;
	for (size_t j = 0; j < nt; j++) {
		int same = th[j].concept == sh->concept;
		for (size_t a = 0; a < sh->n_alternatives && !same; a++)
			same = termin_term_concept(sh->alternatives[a]) == th[j].concept;
		for (size_t a = 0; a < th[j].n_alternatives && !same; a++)
			same = termin_term_concept(th[j].alternatives[a]) == sh->concept;
		if (!same)
			continue;
		if (is_old(th[j].status)) {
			if (!*old)
				*old = &th[j];
			continue;
		}
		return 1;
	}
	return 0;
}

int termin__check_terms_unit(termin_checker *ck, check_terms *t, const ck_unit *cu)
{
	const termin_term_hit *hits;
	size_t n;
	int rc;
	int bi = cu->bilingual && cu->len[1] > 0;
	termin_buf exp = TERMIN_BUF_INIT;
	int miss_on = termin__check_on(ck, CK_TERM_MISSING), dep_on = termin__check_on(ck, CK_TERM_DEPRECATED);

	if ((rc = termin_matcher_find(t->m, cu->lang[0], cu->text[0], cu->len[0], &hits, &n)) < 0)
		return rc;
	t->n_src = 0;
	for (size_t i = 0; i < n; i++) {
		if (dep_on && is_old(hits[i].status))
			report_deprecated(ck, cu, SIDE_SRC, &hits[i], cu->lang[0]);
		if (!cu->bilingual)
			record_usage(t, cu, 0, &hits[i]);
		TERMIN_GROW(t->src, t->cap_src, t->n_src + 1);
		t->src[t->n_src++] = hits[i];
	}
	if (!bi)
		goto done;
	if ((rc = termin_matcher_find(t->m, cu->lang[1], cu->text[1], cu->len[1], &hits, &n)) < 0)
		goto done;
	char *reported = termin__xcalloc(n + 1, 1);
	for (size_t i = 0; i < t->n_src && miss_on; i++) {
		const termin_term_hit *sh = &t->src[i], *old;
		int dup = 0;
		/* one finding per concept and unit */
		for (size_t k = 0; k < i && !dup; k++)
			dup = t->src[k].concept == sh->concept;
		if (dup || !has_terms_in(sh->concept, cu->lang[1]))
			continue;
		if (found_in_target(sh, hits, n, &old))
			continue;
		const char *pref = expected_forms(&exp, sh->concept, cu->lang[1]);
		if (old) {
			reported[old - hits] = 1;
			termin__check_add(ck, cu, CK_TERM_MISSING, SIDE_PAIR_TGT, old->start, old->end, pref,
			                  "\"%.*s\" is translated with the %s variant \"%.*s\"; expected %s",
			                  (int)(sh->end - sh->start), sh->text, termin_term_status_name(old->status),
			                  (int)(old->end - old->start), old->text, exp.ptr);
		} else {
			termin__check_add(ck, cu, CK_TERM_MISSING, SIDE_PAIR_SRC, sh->start, sh->end, pref,
			                  "\"%.*s\" is not translated with the glossary term: expected %s",
			                  (int)(sh->end - sh->start), sh->text, exp.ptr);
		}
	}
	for (size_t j = 0; j < n; j++) {
		if (dep_on && is_old(hits[j].status) && !reported[j])
			report_deprecated(ck, cu, SIDE_TGT, &hits[j], cu->lang[1]);
		record_usage(t, cu, 1, &hits[j]);
	}
	free(reported);
	rc = 0;
done:
	termin_buf_free(&exp);
	return rc < 0 ? rc : 0;
}

void termin__check_terms_doc_end(termin_checker *ck, check_terms *t)
{
	termin_buf msg = TERMIN_BUF_INIT;
	if (termin__check_on(ck, CK_TERM_INCONSISTENT)) {
		for (size_t i = 0; i < t->n_used; i++) {
			concept_usage *c = &t->used[i];
			if (c->n < 2)
				continue;
			/* the most used variant is the document's choice; the
			 * units with the others are listed */
			size_t best = 0, nunits = 0, cap = 0;
			size_t *units = NULL;
			for (size_t k = 1; k < c->n; k++)
				if (c->u[k].count > c->u[best].count)
					best = k;
			termin_buf_clear(&msg);
			termin_buf_printf(&msg, "%s is named in %zu ways in this document:", termin_concept_id(c->concept),
			                  c->n);
			for (size_t k = 0; k < c->n; k++) {
				termin_buf_printf(&msg, "%s \"%s\" (%zu\xc3\x97)", k ? "," : "", termin_term_text(c->u[k].term),
				                  c->u[k].count);
				for (size_t j = 0; j < c->u[k].n_units; j++) {
					TERMIN_GROW(units, cap, nunits + 1);
					units[nunits++] = c->u[k].units[j];
				}
			}
			size_t other = best == 0 ? 1 : 0;
			termin__check_add_group(ck, CK_TERM_INCONSISTENT, units, nunits, c->u[other].source,
			                        c->u[other].target, termin_term_text(c->u[other].term),
			                        termin_term_text(c->u[best].term), msg.ptr);
			free(units);
		}
	}
	termin_buf_free(&msg);
	clear_doc(t);
}
