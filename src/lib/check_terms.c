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

#include <libstemmer.h>

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
	struct sb_stemmer *stem;
	termin_strmap *doc;      /* concept id -> index + 1 into used */
	concept_usage *used;
	size_t n_used, cap_used;
	int bilingual;           /* the document has targets */
	/* hits of the source side, copied (the matcher reuses its buffer) */
	termin_term_hit *src;
	size_t n_src, cap_src;
	/* holds_term's answers: (term, concept) pointers -> 1 + answer; both
	 * live as long as the glossary */
	termin_strmap *holds;
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
	t->stem = sb_stemmer_new("russian", "UTF_8");
	t->doc = termin_strmap_new();
	t->holds = termin_strmap_new();
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
	termin_strmap_free(t->holds);
	termin_matcher_free(t->m);
	if (t->stem)
		sb_stemmer_delete(t->stem);
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
	/* deprecated variants are term-deprecated's (or term-missing's) */
	if (is_person(h->concept) || !full_form(h->term) || is_old(h->status))
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

/* Phase 1: keeps a hit for record_usage in phase 2. */
static void push_use(const ck_unit *cu, int side, const termin_term_hit *h)
{
	ck_job *j = cu->job;
	size_t cap = j->cap_use;
	TERMIN_GROW(j->use, j->cap_use, j->n_use + 1);
	if (j->cap_use != cap)
		j->use_side = termin__xrealloc(j->use_side, j->cap_use);
	j->use[j->n_use] = *h;
	/* the alternatives live in the matcher's scratch */
	j->use[j->n_use].alternatives = NULL;
	j->use[j->n_use].n_alternatives = 0;
	j->use_side[j->n_use++] = (unsigned char)side;
}

void termin__check_terms_record(check_terms *t, const ck_unit *cu, const ck_job *job)
{
	if (cu->bilingual && cu->len[1] > 0)
		t->bilingual = 1;
	for (size_t i = 0; i < job->n_use; i++)
		record_usage(t, cu, job->use_side[i], &job->use[i]);
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

/* Whether the text of term `t` contains, word for word and stem for
 * stem, a non-deprecated term of concept `c` in t's language:
 * «сессия Совета коллективной безопасности» holds «Совет коллективной
 * безопасности», «государства – члены ОДКБ» holds «ОДКБ». */
static void stem_words(check_terms *t, termin_buf *out, const char *text, size_t len);

/* Whether term `t` holds, as whole words after stemming, a current term of
 * concept `c` in the same language. Depends on the glossary alone, so the
 * answer is remembered per pair: stemming both every time cost a third of
 * the time of the term checks. */
static int holds_term(check_terms *ct, const termin_term *t, const termin_concept *c)
{
	termin_buf a = TERMIN_BUF_INIT, b = TERMIN_BUF_INIT;
	const char *text = termin_term_text(t);
	const void *key[2] = { t, c };
	intptr_t memo;
	int found = 0;
	if (termin_strmap_get(ct->holds, (const char *)key, sizeof key, &memo))
		return (int)memo - 1;
	stem_words(ct, &a, text, strlen(text));
	for (size_t i = 0; i < termin_concept_term_count(c) && !found; i++) {
		const termin_term *x = termin_concept_term(c, i);
		if (!termin_lang_matches(termin_term_lang(x), termin_term_lang(t)) || is_old(termin_term_status_of(x)))
			continue;
		stem_words(ct, &b, termin_term_text(x), strlen(termin_term_text(x)));
		if (!b.len || b.len >= a.len)
			continue;
		for (const char *p = a.ptr; (p = strstr(p, b.ptr)) && !found; p++) {
			size_t at = (size_t)(p - a.ptr), end = at + b.len;
			int left = at == 0 || a.ptr[at - 1] == ' ', right = end == a.len || a.ptr[end] == ' ';
			found = left && right;
		}
	}
	termin_buf_free(&a);
	termin_buf_free(&b);
	termin_strmap_put(ct->holds, (const char *)key, sizeof key, found + 1);
	return found;
}

/* Whether the stemmed text holds, word for word, the stems of a
 * non-deprecated term of `c` in `lang` that is marked case-sensitive
 * (others the matcher has already looked for). */
static int stems_hold(check_terms *t, const termin_buf *text, const termin_concept *c, const char *lang)
{
	termin_buf b = TERMIN_BUF_INIT;
	int found = 0;
	for (size_t i = 0; i < termin_concept_term_count(c) && !found; i++) {
		const termin_term *x = termin_concept_term(c, i);
		if (!termin_lang_matches(termin_term_lang(x), lang) || is_old(termin_term_status_of(x)) ||
		    !termin_term_case_marked(x))
			continue;
		stem_words(t, &b, termin_term_text(x), strlen(termin_term_text(x)));
		if (!b.len)
			continue;
		for (const char *p = text->ptr; (p = strstr(p, b.ptr)) && !found; p++) {
			size_t at = (size_t)(p - text->ptr), end = at + b.len;
			found = (at == 0 || text->ptr[at - 1] == ' ') && (end == text->len || text->ptr[end] == ' ');
		}
	}
	termin_buf_free(&b);
	return found;
}

/* Whether a source hit is reliable evidence that the concept is meant.
 * Short forms ("the Organization") depend on context; a term that is a
 * common word marked case-sensitive (the exercise "Interaction") is a
 * name only when quoted or not among other capitalised words (a title
 * such as "the Role and Character of Interaction of International and
 * Regional Organizations"). */
static int reliable(const ck_unit *cu, const termin_term_hit *h)
{
	if (termin_term_type_of(h->term) == TERMIN_TERMTYPE_SHORTFORM)
		return 0;
	if (!termin_term_case_marked(h->term))
		return 1;
	const char *s = cu->text[0];
	size_t len = cu->len[0];
	if (h->start > 0) {
		size_t k = h->start;
		int32_t q = termin__utf8_prev(s, &k);
		if (q == '"' || q == 0x201C || q == 0xAB || q == 0x2018 || q == '\'')
			return 1;
	}
	const ck_word *w = cu->words[0];
	size_t n = cu->n_words[0], i;
	(void)len;
	int title = 0;
	for (i = 0; i < n && w[i].end <= h->start; i++)
		;
	size_t first = i;
	while (i < n && w[i].start < h->end)
		i++;
	/* two words on each side, skipping short function words */
	for (size_t k = first, seen = 0; k-- > 0 && seen < 2;)
		if (w[k].letters > 3) {
			seen++;
			title |= w[k].upper > 0 && !w[k].sentence_start && w[k].upper < w[k].letters;
		}
	for (size_t k = i, seen = 0; k < n && seen < 2; k++)
		if (w[k].letters > 3) {
			seen++;
			title |= w[k].upper > 0 && w[k].upper < w[k].letters;
		}
	return !title;
}

/* Whether concept `c` (or, for an ambiguous source hit, one of its
 * alternatives) is among the target hits with a usable term. Sets *old to
 * the target hit of a deprecated variant of it, if any. */
static int found_in_target(check_terms *ct, const termin_term_hit *sh, const termin_term_hit *th, size_t nt,
                           const termin_term_hit **old)
{
	*old = NULL;
	for (size_t j = 0; j < nt; j++) {
		int same = th[j].concept == sh->concept;
		for (size_t a = 0; a < sh->n_alternatives && !same; a++)
			same = termin_term_concept(sh->alternatives[a]) == th[j].concept;
		for (size_t a = 0; a < th[j].n_alternatives && !same; a++)
			same = termin_term_concept(th[j].alternatives[a]) == sh->concept;
		if (!same) {
			/* a longer target term may hold one of the concept's terms:
			 * "государства – члены ОДКБ" holds "ОДКБ" */
			if (!is_old(th[j].status) && holds_term(ct, th[j].term, sh->concept))
				return 1;
			continue;
		}
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
	termin_buf exp = TERMIN_BUF_INIT, tstems = TERMIN_BUF_INIT;
	int miss_on = termin__check_on(ck, CK_TERM_MISSING), dep_on = termin__check_on(ck, CK_TERM_DEPRECATED);

	if ((rc = termin_matcher_find(t->m, cu->lang[0], cu->text[0], cu->len[0], &hits, &n)) < 0)
		return rc;
	t->n_src = 0;
	for (size_t i = 0; i < n; i++) {
		if (dep_on && is_old(hits[i].status))
			report_deprecated(ck, cu, SIDE_SRC, &hits[i], cu->lang[0]);
		if (!cu->bilingual)
			push_use(cu, 0, &hits[i]);
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
		if (dup || !has_terms_in(sh->concept, cu->lang[1]) || !reliable(cu, sh))
			continue;
		if (found_in_target(t, sh, hits, n, &old))
			continue;
		/* the matcher takes case-sensitive terms only as written: an
		 * inflected «Организации» is found here, stem for stem */
		if (!old) {
			if (!tstems.ptr)
				stem_words(t, &tstems, cu->text[1], cu->len[1]);
			if (stems_hold(t, &tstems, sh->concept, cu->lang[1]))
				continue;
		}
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
		push_use(cu, 1, &hits[j]);
	}
	free(reported);
	rc = 0;
done:
	termin_buf_free(&exp);
	termin_buf_free(&tstems);
	return rc < 0 ? rc : 0;
}

/* The concepts named in text[0..len) of language `lang`, as a sorted
 * list of pointers; returns how many (at most max). */
static size_t concepts_in(check_terms *t, const char *lang, const char *text, size_t len,
                          const termin_concept **out, size_t max)
{
	const termin_term_hit *hits;
	size_t n = 0, k = 0;
	if (len == 0 || termin_matcher_find(t->m, lang, text, len, &hits, &n) < 0)
		return 0;
	for (size_t i = 0; i < n && k < max; i++) {
		/* a hit must cover the whole tail */
		if (hits[i].start > 0 || hits[i].end < len || n != 1)
			return 0;
		out[k++] = hits[i].concept;
	}
	return k;
}

/* Each word of text lower-cased and stemmed, joined by spaces. */
static void stem_words(check_terms *t, termin_buf *out, const char *text, size_t len)
{
	ck_word *w;
	size_t n = termin__check_words(text, len, &w);
	termin_buf low = TERMIN_BUF_INIT;
	termin_buf_clear(out);
	for (size_t i = 0; i < n; i++) {
		termin_buf_clear(&low);
		termin__lower(&low, text + w[i].start, w[i].end - w[i].start);
		if (i)
			termin_buf_putc(out, ' ');
		if (t->stem) {
			const sb_symbol *st = sb_stemmer_stem(t->stem, (const sb_symbol *)low.ptr, (int)low.len);
			termin_buf_put(out, (const char *)st, (size_t)sb_stemmer_length(t->stem));
		} else {
			termin_buf_put(out, low.ptr, low.len);
		}
	}
	if (!out->ptr)
		termin_buf_puts(out, "");
	termin_buf_free(&low);
	free(w);
}

/* Whether text[0..len) is, stem for stem, a term of concept c in `lang`
 * (the matcher takes case-sensitive terms only as written, so an
 * inflected «Организации» is compared here). */
static int names_concept(check_terms *t, const termin_concept *c, const char *lang, const char *text, size_t len)
{
	termin_buf a = TERMIN_BUF_INIT, b = TERMIN_BUF_INIT;
	int ok = 0;
	stem_words(t, &a, text, len);
	for (size_t i = 0; i < termin_concept_term_count(c) && !ok; i++) {
		const termin_term *x = termin_concept_term(c, i);
		if (!termin_lang_matches(termin_term_lang(x), lang))
			continue;
		stem_words(t, &b, termin_term_text(x), strlen(termin_term_text(x)));
		ok = a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
	}
	termin_buf_free(&a);
	termin_buf_free(&b);
	return ok;
}

/* Whether two variants of a concept say the same thing: after their
 * common leading and trailing words, what remains of each names the same
 * other concept ("Генеральный секретарь ОДКБ" and "Генеральный секретарь
 * Организации Договора о коллективной безопасности": ОДКБ is the
 * acronym of the longer name). */
static int equivalent(check_terms *t, const termin_term *a, const termin_term *b)
{
	const char *x = termin_term_text(a), *y = termin_term_text(b);
	ck_word *wx, *wy;
	size_t nx = termin__check_words(x, strlen(x), &wx), ny = termin__check_words(y, strlen(y), &wy);
	termin_buf p = TERMIN_BUF_INIT, q = TERMIN_BUF_INIT;
	size_t pre = 0, suf = 0;
	int eq = 0;
	while (pre < nx && pre < ny) {
		termin_buf_clear(&p);
		termin_buf_clear(&q);
		termin__lower(&p, x + wx[pre].start, wx[pre].end - wx[pre].start);
		termin__lower(&q, y + wy[pre].start, wy[pre].end - wy[pre].start);
		if (p.len != q.len || memcmp(p.ptr, q.ptr, p.len) != 0)
			break;
		pre++;
	}
	while (suf + pre < nx && suf + pre < ny) {
		const ck_word *u = &wx[nx - 1 - suf], *v = &wy[ny - 1 - suf];
		termin_buf_clear(&p);
		termin_buf_clear(&q);
		termin__lower(&p, x + u->start, u->end - u->start);
		termin__lower(&q, y + v->start, v->end - v->start);
		if (p.len != q.len || memcmp(p.ptr, q.ptr, p.len) != 0)
			break;
		suf++;
	}
	if (pre + suf < nx && pre + suf < ny) {
		size_t xs = wx[pre].start, xe = wx[nx - 1 - suf].end, ys = wy[pre].start, ye = wy[ny - 1 - suf].end;
		const termin_concept *cx[2], *cy[2];
		size_t kx = concepts_in(t, termin_term_lang(a), x + xs, xe - xs, cx, 2);
		const termin_concept *c0 = kx ? cx[0] : NULL;
		size_t ky = concepts_in(t, termin_term_lang(b), y + ys, ye - ys, cy, 2);
		eq = kx == 1 && ky == 1 && c0 == cy[0];
		if (!eq && kx == 1 && ky == 0)
			eq = names_concept(t, c0, termin_term_lang(b), y + ys, ye - ys);
		if (!eq && ky == 1 && kx == 0)
			eq = names_concept(t, cy[0], termin_term_lang(a), x + xs, xe - xs);
	}
	termin_buf_free(&p);
	termin_buf_free(&q);
	free(wx);
	free(wy);
	return eq;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

void termin__check_terms_doc_end(termin_checker *ck, check_terms *t)
{
	termin_buf msg = TERMIN_BUF_INIT;
	if (termin__check_on(ck, CK_TERM_INCONSISTENT)) {
		for (size_t i = 0; i < t->n_used; i++) {
			concept_usage *c = &t->used[i];
			if (c->n < 2)
				continue;
			/* variants that say the same thing count as one */
			size_t classes = 0;
			for (size_t k = 0; k < c->n; k++) {
				int dup = 0;
				for (size_t j = 0; j < k && !dup; j++)
					dup = equivalent(t, c->u[j].term, c->u[k].term);
				classes += !dup;
			}
			if (classes < 2)
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
			/* each unit once, in document order */
			qsort(units, nunits, sizeof *units, cmp_size);
			size_t kept = 0;
			for (size_t j = 0; j < nunits; j++)
				if (!kept || units[kept - 1] != units[j])
					units[kept++] = units[j];
			nunits = kept;
			size_t other = best == 0 ? 1 : 0;
			/* in a translation the variants are the glossary's
			 * admitted ones (deprecated ones are reported on their own)
			 * and identical sources are already compared by
			 * inconsistent-target: a hint, unless the user raised it */
			termin_severity keep = ck->sev[CK_TERM_INCONSISTENT];
			if (t->bilingual && !ck->explicit_sev[CK_TERM_INCONSISTENT] && keep > TERMIN_SEVERITY_INFO)
				ck->sev[CK_TERM_INCONSISTENT] = TERMIN_SEVERITY_INFO;
			termin__check_add_group(ck, CK_TERM_INCONSISTENT, units, nunits, c->u[other].source,
			                        c->u[other].target, termin_term_text(c->u[other].term),
			                        termin_term_text(c->u[best].term), msg.ptr);
			ck->sev[CK_TERM_INCONSISTENT] = keep;
			free(units);
		}
	}
	termin_buf_free(&msg);
	t->bilingual = 0;
	clear_doc(t);
}
