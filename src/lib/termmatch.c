/*
 * termmatch.c - the term matcher: a trie over normalised tokens.
 *
 * Every term of the glossary is cut into tokens (termnorm.c) and each
 * token reduced to a key; distinct keys get small integer ids (the
 * vocabulary) and the terms become paths of ids in a trie whose edges live
 * in one open-addressing hash table keyed by (node, id). A term with
 * alternatives (hunspell stems, a hyphenated word that may also be written
 * as one) adds one path per alternative.
 *
 * Matching a segment tokenises it once, looks every token's keys up in
 * the vocabulary (words no term contains get no id and end every walk at
 * once), then walks the trie from each token. The work per token is a
 * few hash lookups, bounded by the depth of the longest term that really
 * continues there, so time is linear in the text and almost independent
 * of the glossary's size. Candidates are then chosen longest first,
 * without overlaps.
 */
#include "glossary_internal.h"
#include "termnorm.h"

#include <stdlib.h>
#include <string.h>

#define MAX_KEYS 6      /* ids per text token */
#define MAX_PATHS 64    /* alternative paths per term */
#define TOKEN_CACHE_MAX 200000 /* distinct tokens remembered by a matcher */
#define QUICK_BITS 16           /* 65,536 entries of the quick table */

typedef struct {
	const termin_term *t;
	char lang[16];          /* primary subtag */
	int case_check;         /* compare letter case with the text */
	int capitalized;        /* case-sensitive only by initial capitals ("Search") */
	int code_name;          /* a one-word code name: needs quotes or a year */
	uint32_t span_off;      /* token spans of the term text: (start, wend) pairs */
	uint32_t nspans;
	uint32_t order;         /* position in the glossary, for stable choices */
} mterm;

typedef struct {
	uint32_t first, last;   /* tokens [first, last) */
	size_t start, end;      /* bytes */
	uint32_t terms_off;     /* the terms that passed, in cterms */
	uint32_t nterms;
} cand;

struct termin_matcher {
	const termin_glossary *g;
	termin__norm *norm;
	termin_strmap *vocab;       /* key -> id */
	uint32_t nvocab;
	int has_exact;              /* some term needs exact keys */

	uint64_t *ekeys;            /* edge table: ((node + 1) << 32 | id), 0 = empty */
	uint32_t *evals;            /* child node */
	size_t ecap, en;
	uint32_t nnodes;

	/* terminals: (node, mterm) pairs while building, then CSR by node */
	uint32_t *tnode, *tterm;
	size_t nterminals, captn, captt;
	uint32_t *node_first;       /* nnodes + 1 */

	mterm *mterms;
	size_t nmterms, capm;
	uint32_t *spans;
	size_t nspans, capspans;

	/* scratch for termin_matcher_find */
	termin__tok *toks;
	size_t captoks;
	uint32_t *ids;              /* MAX_KEYS per token */
	uint8_t *nids;
	uint32_t *jids;             /* keys of a token joined with the next */
	uint8_t *njids;
	size_t capids;
	cand *cands;
	size_t ncands, capcands;
	const mterm **cterms;
	size_t ncterms, capcterms;
	uint8_t *taken;
	termin_term_hit *hits;
	size_t nhits, caphits;
	const termin_term **alts;
	size_t nalts, capalts;
	termin_buf keys;
	/* token -> ids cache: running text repeats its words, so the keys
	 * (case folding, stemming) and vocabulary lookups of a word are
	 * computed once. Value: offset in tcids of [count, ids...]. */
	termin_strmap *tcache;
	/* in front of it, for tokens of up to 32 bytes (almost all, Russian
	 * words included): a direct-mapped table of their offsets in tcids,
	 * no hashing of strings */
	struct quick_ent { uint64_t w[4]; uint32_t meta, off; } *quick;
	uint32_t *tcids;
	size_t ntcids, captcids;
	termin_buf tkey;
	char want[16];
	const char *text;
	size_t len;
};

/* ======================= the edge table ======================= */

static size_t slot_of(uint64_t key, size_t cap)
{
	key ^= key >> 29;
	key *= 0xbf58476d1ce4e5b9ULL;
	key ^= key >> 32;
	return (size_t)key & (cap - 1);
}

static uint32_t edge_get(const termin_matcher *m, uint32_t node, uint32_t id)
{
	uint64_t key = ((uint64_t)node + 1) << 32 | id;
	size_t i = slot_of(key, m->ecap);
	for (;;) {
		uint64_t k = m->ekeys[i];
		if (k == key)
			return m->evals[i];
		if (k == 0)
			return 0;
		i = (i + 1) & (m->ecap - 1);
	}
}

static void edge_grow(termin_matcher *m)
{
	size_t oldcap = m->ecap;
	uint64_t *ok = m->ekeys;
	uint32_t *ov = m->evals;
	m->ecap = oldcap ? oldcap * 2 : 1024;
	m->ekeys = termin__xcalloc(m->ecap, sizeof *m->ekeys);
	m->evals = termin__xcalloc(m->ecap, sizeof *m->evals);
	for (size_t i = 0; i < oldcap; i++)
		if (ok[i]) {
			size_t j = slot_of(ok[i], m->ecap);
			while (m->ekeys[j])
				j = (j + 1) & (m->ecap - 1);
			m->ekeys[j] = ok[i];
			m->evals[j] = ov[i];
		}
	free(ok);
	free(ov);
}

/* The child of `node` along `id`, created when missing. */
static uint32_t edge_add(termin_matcher *m, uint32_t node, uint32_t id)
{
	uint32_t child = edge_get(m, node, id);
	if (child)
		return child;
	if ((m->en + 1) * 2 > m->ecap)
		edge_grow(m);
	uint64_t key = ((uint64_t)node + 1) << 32 | id;
	size_t i = slot_of(key, m->ecap);
	while (m->ekeys[i])
		i = (i + 1) & (m->ecap - 1);
	m->ekeys[i] = key;
	m->evals[i] = ++m->nnodes;
	m->en++;
	return m->nnodes;
}

static uint32_t vocab_id(termin_matcher *m, const char *key, size_t len, int add)
{
	intptr_t v;
	if (termin_strmap_get(m->vocab, key, len, &v))
		return (uint32_t)v;
	if (!add)
		return 0;
	termin_strmap_put(m->vocab, key, len, (intptr_t)++m->nvocab);
	return m->nvocab;
}

/* ======================= building ======================= */

typedef struct {
	uint32_t ids[MAX_KEYS];
	int n;
	uint32_t jids[MAX_KEYS]; /* joined with the next token */
	int nj;
} tok_alts;

static void add_terminal(termin_matcher *m, uint32_t node, uint32_t term)
{
	TERMIN_GROW(m->tnode, m->captn, m->nterminals + 1);
	TERMIN_GROW(m->tterm, m->captt, m->nterminals + 1);
	m->tnode[m->nterminals] = node;
	m->tterm[m->nterminals] = term;
	m->nterminals++;
}

/* Inserts every path through the alternatives from token i on. */
static void insert_paths(termin_matcher *m, const tok_alts *alts, size_t n, size_t i,
                         uint32_t node, uint32_t term, int *budget)
{
	if (*budget <= 0)
		return;
	if (i == n) {
		if (node) {
			add_terminal(m, node, term);
			(*budget)--;
		}
		return;
	}
	for (int k = 0; k < alts[i].n && *budget > 0; k++)
		insert_paths(m, alts, n, i + 1, edge_add(m, node, alts[i].ids[k]), term, budget);
	for (int k = 0; k < alts[i].nj && *budget > 0 && i + 1 < n; k++)
		insert_paths(m, alts, n, i + 2, edge_add(m, node, alts[i].jids[k]), term, budget);
}

/* Splits the NUL-separated keys in m->keys (from `mark`) into ids. */
static int keys_to_ids(termin_matcher *m, size_t mark, int count, uint32_t *ids, int max, int add)
{
	int n = 0;
	const char *p = m->keys.ptr + mark;
	for (int k = 0; k < count; k++) {
		size_t len = strlen(p);
		uint32_t id = vocab_id(m, p, len, add);
		int dup = 0;
		for (int j = 0; j < n; j++)
			if (ids[j] == id)
				dup = 1;
		if (id && !dup && n < max)
			ids[n++] = id;
		p += len + 1;
	}
	return n;
}

/* Whether every word of a term is written with an initial capital and
 * the rest in lower case ("Search", "Collective Forces"). */
static int capitalized_only(const char *text, const termin__tok *toks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((toks[i].flags & TERMIN__TK_WORD) &&
		    !termin__is_capitalized(text + toks[i].start, toks[i].wend - toks[i].start))
			return 0;
	return 1;
}

/* Exercises and operations are named by common words ("Search",
 * "Interaction", "Channel", «Поиск»). Written as a name they are quoted
 * or carry the year ("Search-2024"); capitalised without either they are
 * mostly something else: "Channel One", "Shanghai Cooperation
 * Organisation", "Conference on Interaction and Confidence-Building
 * Measures in Asia". So a one-word case-sensitive term of these concepts
 * matches only in that context (code_name_context). */
static int is_code_name_subject(const termin_concept *c)
{
	return c && c->subject &&
	       (strcmp(c->subject, "exercise") == 0 || strcmp(c->subject, "operation") == 0);
}

static int is_quote(int32_t c)
{
	switch (c) {
	case '"': case '\'': case 0x00AB: case 0x00BB: case 0x2018: case 0x2019: case 0x201A:
	case 0x201C: case 0x201D: case 0x201E: case 0x2039: case 0x203A:
		return 1;
	}
	return 0;
}

/* Whether bytes [start, end) of `text` stand as a name: right after an
 * opening quote, right before a closing quote (not an apostrophe of a
 * possessive), or followed by a year: "-2024", " – 2024", " 2024". */
static int code_name_context(const char *text, size_t len, size_t start, size_t end)
{
	size_t i = start;
	if (i > 0 && is_quote(termin__utf8_prev(text, &i)))
		return 1;
	i = end;
	if (i < len && is_quote(termin__utf8_next(text, len, &i)) &&
	    !(i < len && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'))))
		return 1;
	/* spaces, at most one hyphen or dash, spaces, four digits */
	int dash = 0;
	size_t p = end;
	while (p < len) {
		size_t q = p;
		int32_t c = termin__utf8_next(text, len, &q);
		if (c == ' ' || c == 0x00A0 || c == 0x202F)
			p = q;
		else if (!dash && (c == '-' || (c >= 0x2010 && c <= 0x2014) || c == 0x2212)) {
			dash = 1;
			p = q;
		} else
			break;
	}
	if (p == end)
		return 0;
	int digits = 0;
	while (p < len && text[p] >= '0' && text[p] <= '9') {
		digits++;
		p++;
	}
	return digits == 4 && !(p < len && text[p] >= '0' && text[p] <= '9');
}

static void add_term(termin_matcher *m, const termin_term *t, uint32_t order)
{
	termin__tok *toks = NULL;
	size_t cap = 0, n = termin__tokenize(t->text, strlen(t->text), &toks, &cap);
	int exact = t->type == TERMIN_TERMTYPE_ACRONYM || t->type == TERMIN_TERMTYPE_ABBREVIATION;
	tok_alts *alts;
	if (n == 0) {
		free(toks);
		return;
	}
	alts = termin__xcalloc(n, sizeof *alts);
	for (size_t i = 0; i < n; i++) {
		termin_buf_clear(&m->keys);
		int c = termin__token_keys(m->norm, t->text, &toks[i], exact, &m->keys);
		/* a term's own acronym key is only its full form */
		if (exact)
			c = 1;
		alts[i].n = keys_to_ids(m, 0, c, alts[i].ids, MAX_KEYS, 1);
		if (!exact && (toks[i].flags & TERMIN__TK_HYPHEN) && i + 1 < n &&
		    (toks[i + 1].flags & TERMIN__TK_WORD)) {
			termin_buf_clear(&m->keys);
			c = termin__joined_key(m->norm, t->text, &toks[i], &toks[i + 1], &m->keys);
			alts[i].nj = keys_to_ids(m, 0, c, alts[i].jids, MAX_KEYS, 1);
		}
	}
	if (exact)
		m->has_exact = 1;

	TERMIN_GROW(m->mterms, m->capm, m->nmterms + 1);
	mterm *mt = &m->mterms[m->nmterms];
	mt->t = t;
	termin__lang_primary(t->lang, mt->lang, sizeof mt->lang);
	mt->case_check = termin_term_case_sensitive(t);
	mt->capitalized = mt->case_check && !exact && capitalized_only(t->text, toks, n);
	mt->code_name = t->case_marked && !exact && n == 1 && is_code_name_subject(t->concept);
	mt->span_off = (uint32_t)m->nspans;
	mt->nspans = (uint32_t)n;
	mt->order = order;
	TERMIN_GROW(m->spans, m->capspans, m->nspans + 2 * n);
	for (size_t i = 0; i < n; i++) {
		m->spans[m->nspans++] = (uint32_t)toks[i].start;
		m->spans[m->nspans++] = (uint32_t)toks[i].wend;
	}
	int budget = MAX_PATHS;
	insert_paths(m, alts, n, 0, 0, (uint32_t)m->nmterms, &budget);
	m->nmterms++;
	free(alts);
	free(toks);
}

static int cmp_terminal(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;
	return *x < *y ? -1 : *x > *y;
}

/* Turns the (node, term) pairs into per-node lists. */
static void finish(termin_matcher *m)
{
	uint64_t *pairs = termin__xmalloc((m->nterminals ? m->nterminals : 1) * sizeof *pairs);
	for (size_t i = 0; i < m->nterminals; i++)
		pairs[i] = (uint64_t)m->tnode[i] << 32 | m->tterm[i];
	qsort(pairs, m->nterminals, sizeof *pairs, cmp_terminal);
	m->node_first = termin__xcalloc((size_t)m->nnodes + 2, sizeof *m->node_first);
	size_t w = 0;
	for (size_t i = 0; i < m->nterminals; i++) {
		if (i && pairs[i] == pairs[i - 1])
			continue; /* the same term reached twice by equal alternatives */
		m->tterm[w] = (uint32_t)pairs[i];
		m->node_first[(pairs[i] >> 32) + 1]++;
		w++;
	}
	m->nterminals = w;
	for (size_t i = 1; i <= (size_t)m->nnodes + 1; i++)
		m->node_first[i] += m->node_first[i - 1];
	free(pairs);
	free(m->tnode);
	m->tnode = NULL;
}

int termin_matcher_new(termin_matcher **out, const termin_glossary *g,
                       const termin_matcher_opts *opts)
{
	termin_matcher *m;
	int rc;
	*out = NULL;
	m = termin__xcalloc(1, sizeof *m);
	if ((rc = termin__norm_new(&m->norm, opts ? opts->morphology : TERMIN_MORPH_DEFAULT)) < 0) {
		free(m);
		return rc;
	}
	m->g = g;
	m->vocab = termin_strmap_new();
	m->tcache = termin_strmap_new();
	m->quick = termin__xcalloc((size_t)1 << QUICK_BITS, sizeof *m->quick);
	edge_grow(m);
	uint32_t order = 0;
	for (size_t i = 0; i < g->n; i++)
		for (size_t k = 0; k < g->concepts[i]->nterms; k++)
			add_term(m, g->concepts[i]->terms[k], order++);
	finish(m);
	*out = m;
	return 0;
}

void termin_matcher_free(termin_matcher *m)
{
	if (!m)
		return;
	termin__norm_free(m->norm);
	termin_strmap_free(m->vocab);
	free(m->ekeys);
	free(m->evals);
	free(m->tnode);
	free(m->tterm);
	free(m->node_first);
	free(m->mterms);
	free(m->spans);
	free(m->toks);
	free(m->ids);
	free(m->nids);
	free(m->jids);
	free(m->njids);
	free(m->cands);
	free(m->cterms);
	free(m->taken);
	free(m->hits);
	free(m->alts);
	termin_buf_free(&m->keys);
	termin_strmap_free(m->tcache);
	free(m->quick);
	free(m->tcids);
	termin_buf_free(&m->tkey);
	free(m);
}

termin_morphology termin_matcher_morphology(const termin_matcher *m)
{
	return termin__norm_morphology(m->norm);
}

/* ======================= matching ======================= */

/* Whether the letter case of text tokens [first, last) agrees with the
 * term's tokens. */
static int case_ok(const termin_matcher *m, const mterm *mt, uint32_t first, uint32_t last)
{
	const char *tt = mt->t->text;
	const uint32_t *sp = m->spans + mt->span_off;
	if (last - first == mt->nspans) {
		for (uint32_t i = 0; i < mt->nspans; i++) {
			const termin__tok *x = &m->toks[first + i];
			if (!termin__same_case(m->text + x->start, x->wend - x->start, tt + sp[2 * i],
			                       sp[2 * i + 1] - sp[2 * i]))
				return 0;
		}
		return 1;
	}
	/* a hyphen variant: compare the whole spans */
	return termin__same_case(m->text + m->toks[first].start,
	                         m->toks[last - 1].wend - m->toks[first].start, tt + sp[0],
	                         sp[2 * mt->nspans - 1] - sp[0]);
}

static void record(termin_matcher *m, uint32_t node, uint32_t first, uint32_t last)
{
	uint32_t a = m->node_first[node], b = m->node_first[node + 1];
	uint32_t off = (uint32_t)m->ncterms, n = 0;
	for (uint32_t i = a; i < b; i++) {
		const mterm *mt = &m->mterms[m->tterm[i]];
		if (m->want[0] && strcmp(mt->lang, m->want) != 0)
			continue;
		if (mt->case_check && !case_ok(m, mt, first, last))
			continue;
		if (mt->capitalized && termin__sentence_initial(m->text, m->toks[first].start))
			continue;
		/* a one-word English name is not pluralised: "Regional
		 * Organizations" is not the Organization */
		if (mt->capitalized && mt->nspans == 1 && last - first == 1 &&
		    strcmp(mt->lang, "en") == 0 &&
		    m->toks[first].wend - m->toks[first].start !=
		        m->spans[mt->span_off + 1] - m->spans[mt->span_off])
			continue;
		if (mt->code_name && !code_name_context(m->text, m->len, m->toks[first].start,
		                                        m->toks[last - 1].end))
			continue;
		TERMIN_GROW(m->cterms, m->capcterms, m->ncterms + 1);
		m->cterms[m->ncterms++] = mt;
		n++;
	}
	if (!n)
		return;
	TERMIN_GROW(m->cands, m->capcands, m->ncands + 1);
	m->cands[m->ncands++] = (cand){ first, last, m->toks[first].start, m->toks[last - 1].end, off, n };
}

static void walk(termin_matcher *m, uint32_t node, uint32_t pos, uint32_t first, uint32_t n)
{
	for (int k = 0; k < m->nids[pos]; k++) {
		uint32_t child = edge_get(m, node, m->ids[(size_t)pos * MAX_KEYS + k]);
		if (!child)
			continue;
		if (m->node_first[child] != m->node_first[child + 1])
			record(m, child, first, pos + 1);
		if (pos + 1 < n)
			walk(m, child, pos + 1, first, n);
	}
	for (int k = 0; k < m->njids[pos]; k++) {
		uint32_t child = edge_get(m, node, m->jids[(size_t)pos * MAX_KEYS + k]);
		if (!child)
			continue;
		if (m->node_first[child] != m->node_first[child + 1])
			record(m, child, first, pos + 2);
		if (pos + 2 < n)
			walk(m, child, pos + 2, first, n);
	}
}

static int cmp_cand(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	uint32_t lx = x->last - x->first, ly = y->last - y->first;
	if (lx != ly)
		return lx > ly ? -1 : 1;
	if (x->end - x->start != y->end - y->start)
		return x->end - x->start > y->end - y->start ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_hit(const void *a, const void *b)
{
	const termin_term_hit *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* qsort for the few candidates and hits of a segment: an insertion sort
 * below 32 (qsort costs about 800 instructions a call even for two),
 * stable as glibc's merge sort is, so ties keep their order either way. */
static void sort_cands(cand *a, size_t n)
{
	if (n >= 32) {
		qsort(a, n, sizeof *a, cmp_cand);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		cand x = a[i];
		size_t j = i;
		for (; j > 0 && cmp_cand(&a[j - 1], &x) > 0; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

static void sort_hits(termin_term_hit *a, size_t n)
{
	if (n >= 32) {
		qsort(a, n, sizeof *a, cmp_hit);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		termin_term_hit x = a[i];
		size_t j = i;
		for (; j > 0 && cmp_hit(&a[j - 1], &x) > 0; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

static int status_rank(termin_term_status s)
{
	switch (s) {
	case TERMIN_STATUS_PREFERRED: return 4;
	case TERMIN_STATUS_ADMITTED: return 3;
	case TERMIN_STATUS_UNSPECIFIED: return 2;
	case TERMIN_STATUS_SUPERSEDED: return 1;
	default: return 0;
	}
}

/* The best of the terms that matched at one place: case-sensitive ones
 * (the more specific), then by status, then glossary order. */
static const mterm *best_of(const mterm *const *ts, uint32_t n)
{
	const mterm *best = ts[0];
	for (uint32_t i = 1; i < n; i++) {
		const mterm *t = ts[i];
		int a = t->case_check * 8 + status_rank(t->t->status);
		int b = best->case_check * 8 + status_rank(best->t->status);
		if (a > b || (a == b && t->order < best->order))
			best = t;
	}
	return best;
}

static int memchr_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

int termin_matcher_find(termin_matcher *m, const char *lang, const char *text, size_t len,
                        const termin_term_hit **hits, size_t *nhits)
{
	size_t n;
	*hits = NULL;
	*nhits = 0;
	m->ncands = m->ncterms = m->nhits = m->nalts = 0;
	if (!lang || strcmp(lang, "*") == 0)
		m->want[0] = '\0';
	else
		termin__lang_primary(lang, m->want, sizeof m->want);
	m->text = text;
	m->len = len;
	n = termin__tokenize(text, len, &m->toks, &m->captoks);
	if (n == 0 || m->nmterms == 0)
		return 0;
	if (n > UINT32_MAX / 2)
		return termin__error_set(TERMIN_EINVALID, "segment too long for term matching");
	if (n > m->capids) {
		size_t cap = n + n / 2;
		m->ids = termin__xrealloc(m->ids, cap * MAX_KEYS * sizeof *m->ids);
		m->jids = termin__xrealloc(m->jids, cap * MAX_KEYS * sizeof *m->jids);
		m->nids = termin__xrealloc(m->nids, cap);
		m->njids = termin__xrealloc(m->njids, cap);
		m->taken = termin__xrealloc(m->taken, cap);
		m->capids = cap;
	}
	/* ids of every token's keys */
	for (size_t i = 0; i < n; i++) {
		const termin__tok *t = &m->toks[i];
		uint32_t *ids = m->ids + i * MAX_KEYS;
		int c, k = 0;
		intptr_t off;
		/* the cache key: the token's bytes and what was read from them
		 * (not the hyphen flag, which depends on the next character) */
		struct quick_ent *q = NULL;
		uint64_t qw[4] = { 0, 0, 0, 0 };
		uint32_t qmeta = 0;
		if (t->end - t->start <= sizeof qw) {
			size_t tl = t->end - t->start;
			memcpy(qw, text + t->start, tl);
			qmeta = 1u | (uint32_t)tl << 1 | (uint32_t)(t->wend - t->start) << 7 |
			        (uint32_t)(t->flags & ~(unsigned)TERMIN__TK_HYPHEN) << 13;
			uint64_t h = (qw[0] * 0x9E3779B97F4A7C15ULL) ^ (qw[1] * 0xC2B2AE3D27D4EB4FULL) ^
			             (qw[2] * 0x165667B19E3779F9ULL) ^ (qw[3] * 0xD6E8FEB86659FD93ULL) ^ qmeta;
			q = &m->quick[(h * 0x9E3779B97F4A7C15ULL) >> (64 - QUICK_BITS)];
			/* (only tokens without digits get in: the test for
			 * digits waits for a miss) */
			if (q->meta == qmeta && q->w[0] == qw[0] && q->w[1] == qw[1] && q->w[2] == qw[2] &&
			    q->w[3] == qw[3]) {
				k = (int)m->tcids[q->off];
				memcpy(ids, m->tcids + q->off + 1, (size_t)k * sizeof *ids);
				goto keyed;
			}
		}
		/* tokens with digits are not remembered: numbers rarely repeat,
		 * their keys are cheap, and they would crowd out the words */
		int cached = !memchr_digit(text + t->start, t->end - t->start);
		if (!cached)
			q = NULL;
		if (cached) {
			size_t tl = t->end - t->start;
			termin_buf_clear(&m->tkey);
			termin_buf_reserve(&m->tkey, tl + 2);
			m->tkey.ptr[0] = (char)('A' + (t->flags & ~(unsigned)TERMIN__TK_HYPHEN));
			m->tkey.ptr[1] = (char)('0' + (t->wend - t->start < 64 ? t->wend - t->start : 63));
			memcpy(m->tkey.ptr + 2, text + t->start, tl);
			m->tkey.len = tl + 2;
		}
		if (cached && termin_strmap_get(m->tcache, m->tkey.ptr, m->tkey.len, &off)) {
			k = (int)m->tcids[off];
			memcpy(ids, m->tcids + off + 1, (size_t)k * sizeof *ids);
			if (q)
				*q = (struct quick_ent){ { qw[0], qw[1], qw[2], qw[3] }, qmeta, (uint32_t)off };
		} else {
			termin_buf_clear(&m->keys);
			c = termin__token_keys(m->norm, text, t, 0, &m->keys);
			k = keys_to_ids(m, 0, c, ids, MAX_KEYS, 0);
			if (m->has_exact && (t->flags & TERMIN__TK_WORD)) {
				termin_buf_clear(&m->keys);
				c = termin__token_keys(m->norm, text, t, 1, &m->keys);
				k += keys_to_ids(m, 0, c, ids + k, MAX_KEYS - k, 0);
			}
			if (!cached)
				goto keyed;
			if (termin_strmap_size(m->tcache) >= TOKEN_CACHE_MAX || m->ntcids > UINT32_MAX / 2) {
				termin_strmap_free(m->tcache);
				m->tcache = termin_strmap_new();
				m->ntcids = 0;
				memset(m->quick, 0, ((size_t)1 << QUICK_BITS) * sizeof *m->quick);
			}
			TERMIN_GROW(m->tcids, m->captcids, m->ntcids + 1 + (size_t)k);
			if (q)
				*q = (struct quick_ent){ { qw[0], qw[1], qw[2], qw[3] }, qmeta, (uint32_t)m->ntcids };
			termin_strmap_put(m->tcache, m->tkey.ptr, m->tkey.len, (intptr_t)m->ntcids);
			m->tcids[m->ntcids++] = (uint32_t)k;
			memcpy(m->tcids + m->ntcids, ids, (size_t)k * sizeof *ids);
			m->ntcids += (size_t)k;
		}
	keyed:
		m->nids[i] = (uint8_t)k;
		m->njids[i] = 0;
		if ((t->flags & TERMIN__TK_HYPHEN) && i + 1 < n && (m->toks[i + 1].flags & TERMIN__TK_WORD)) {
			termin_buf_clear(&m->keys);
			c = termin__joined_key(m->norm, text, t, &m->toks[i + 1], &m->keys);
			m->njids[i] = (uint8_t)keys_to_ids(m, 0, c, m->jids + i * MAX_KEYS, MAX_KEYS, 0);
		}
	}
	for (size_t i = 0; i < n; i++)
		if (m->nids[i] || m->njids[i])
			walk(m, 0, (uint32_t)i, (uint32_t)i, (uint32_t)n);
	if (!m->ncands)
		return 0;

	/* longest first, no overlaps */
	sort_cands(m->cands, m->ncands);
	memset(m->taken, 0, n);
	for (size_t i = 0; i < m->ncands; i++) {
		const cand *c = &m->cands[i];
		uint32_t k;
		for (k = c->first; k < c->last && !m->taken[k]; k++)
			;
		if (k < c->last)
			continue;
		memset(m->taken + c->first, 1, c->last - c->first);
		const mterm *const *ts = m->cterms + c->terms_off;
		const mterm *best = best_of(ts, c->nterms);
		TERMIN_GROW(m->hits, m->caphits, m->nhits + 1);
		termin_term_hit *h = &m->hits[m->nhits++];
		h->start = c->start;
		h->end = c->end;
		h->text = text + c->start;
		h->term = best->t;
		h->concept = best->t->concept;
		h->status = best->t->status;
		h->n_alternatives = 0;
		h->alternatives = NULL;
		/* other concepts' terms at the same place (indices for now) */
		size_t first_alt = m->nalts;
		for (uint32_t k2 = 0; k2 < c->nterms; k2++) {
			const termin_term *t = ts[k2]->t;
			size_t j;
			if (t->concept == best->t->concept)
				continue;
			for (j = first_alt; j < m->nalts; j++)
				if (m->alts[j]->concept == t->concept)
					break;
			if (j < m->nalts)
				continue;
			TERMIN_GROW(m->alts, m->capalts, m->nalts + 1);
			m->alts[m->nalts++] = t;
		}
		h->n_alternatives = m->nalts - first_alt;
		h->alternatives = (const termin_term *const *)(uintptr_t)first_alt;
	}
	/* the alternatives array may have moved while growing: fix pointers */
	for (size_t i = 0; i < m->nhits; i++) {
		size_t off = (size_t)(uintptr_t)m->hits[i].alternatives;
		m->hits[i].alternatives = m->hits[i].n_alternatives ? m->alts + off : NULL;
	}
	sort_hits(m->hits, m->nhits);
	*hits = m->hits;
	*nhits = m->nhits;
	return 0;
}
