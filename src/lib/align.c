/*
 * align.c - sentence alignment: the model, its estimation from the two
 * texts, and the public API.
 *
 * A bead's score is the log-likelihood ratio of "these segments translate
 * each other" against "they are unrelated", plus the log prior of its type:
 *
 *   length     Gale-Church: d = lt - c*ls is N(0, s2*m + v0) for a true
 *              pair (m the mean length), against the spread of d between
 *              unrelated segments of the two texts;
 *   anchors    every token (number, month, name key, URL, ?, glossary
 *              concept...) shared by both sides scores log(p_keep / q),
 *              where q is how often the key occurs in the texts at all; a
 *              token of a class that should survive translation (numbers,
 *              URLs, ? !) and finds no counterpart scores
 *              log((1 - p_keep) / (1 - q));
 *   paragraphs a paragraph boundary on one side and not the other where a
 *              bead ends (or inside a bead) scores by how often the two
 *              sides' boundaries agree in this very pair of texts.
 *
 * The text is aligned twice. The first pass uses prior parameters; the
 * second re-estimates c, s2, the bead priors, each anchor class's p_keep
 * and the paragraph agreement from the first pass's beads, and computes
 * each bead's posterior by forward-backward.
 */
#include "align_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Priors of 1-1, 1-0, 0-1, 2-1, 1-2, 2-2 (Gale and Church's, with room for
 * the omissions and additions of news translation). 2-2 is rarer than
 * Gale and Church's 0.011: next to an omission or addition, a 2-2 bead
 * can swallow the lone sentence together with a 2-1 pair (seen with five
 * English sentences removed from examples/align), and the EM step raises
 * the prior again for texts that really have 2-2 pairs. */
static const double bead_prior[AL_NBEAD] = { 0.88, 0.02, 0.02, 0.035, 0.035, 0.003 };
/* Prior chance that a token of each class has its counterpart in a true
 * pair, and whether a missing counterpart counts against the pair. */
static const double class_prior[AL_NBUILTIN] = { 0.85, 0.5, 0.85, 0.5, 0.2, 0.8, 0.6 };
static const int class_miss[AL_NBUILTIN] = { 1, 0, 1, 1, 0, 1, 1 };

#define RATIO_PRIOR 1.0   /* Russian/English non-space characters */
#define S2_PRIOR 3.0      /* variance per character of d (Gale-Church s^2) */
#define S2_WEIGHT 10.0    /* pseudo-observations behind S2_PRIOR */
#define BEAD_WEIGHT 30.0  /* pseudo-observations behind the bead priors */
#define V0 16.0           /* variance floor of d, characters^2 */
#define MAX_CELLS 1000000 /* largest full matrix */
#define RADIUS 4         /* corridor half-width at each finer level */
#define COARSE_TOKENS 16  /* tokens kept per item of a coarse level */

/* ---- sides ---- */

void termin__al_side_free(al_side *s)
{
	if (!s)
		return;
	free(s->seg0);
	free(s->sub0);
	free(s->len);
	free(s->tok0);
	free(s->key);
	free(s->wm);
	free(s->wx);
	free(s->wxsum);
	free(s->cut);
	free(s->cls);
	free(s->ptok0);
	free(s->pkey);
	free(s->pwm);
	free(s->pwx);
	free(s);
}

void termin__al_side_pairs(al_side *s)
{
	size_t n = s->n, total = 0;
	free(s->ptok0);
	free(s->pkey);
	free(s->pwm);
	free(s->pwx);
	for (size_t i = 0; i + 1 < n; i++)
		total += s->tok0[i + 2] - s->tok0[i];
	s->ptok0 = termin__xmalloc((n ? n : 1) * sizeof *s->ptok0);
	s->pkey = termin__xmalloc((total ? total : 1) * sizeof *s->pkey);
	s->pwm = termin__xmalloc((total ? total : 1) * sizeof *s->pwm);
	s->pwx = termin__xmalloc((total ? total : 1) * sizeof *s->pwx);
	size_t t = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		size_t a = s->tok0[i], ae = s->tok0[i + 1], b = ae, be = s->tok0[i + 2];
		s->ptok0[i] = t;
		while (a < ae || b < be) {
			size_t k = (b >= be || (a < ae && s->key[a] <= s->key[b])) ? a++ : b++;
			s->pkey[t] = s->key[k];
			s->pwm[t] = s->wm[k];
			s->pwx[t] = s->wx[k];
			t++;
		}
	}
	if (n)
		s->ptok0[n - 1] = t;
}

static int tok_cmp(const void *a, const void *b)
{
	const al_tok *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key ? 1 : x->cls - y->cls;
}

typedef struct {
	al_toks *toks;
	uint8_t cls;
} emit_ctx;

static void emit_key(void *ctx, uint64_t key)
{
	emit_ctx *e = ctx;
	al_toks *o = e->toks;
	uint64_t h = key * 0x9E3779B97F4A7C15ULL ^ ((uint64_t)e->cls << 56);
	h ^= h >> 29;
	TERMIN_GROW(o->v, o->cap, o->n + 1);
	o->v[o->n].key = (uint32_t)(h ^ (h >> 32));
	o->v[o->n].cls = e->cls;
	o->n++;
}

/* Builds level 0 of one side: one item per segment. */
static int side_build(al_side **out, const termin_align_seg *seg, size_t n, int side,
                      const char *lang, const termin_align_opts *o)
{
	al_side *s = termin__xcalloc(1, sizeof *s);
	al_toks all = { 0 }, one = { 0 };
	int rc = 0;
	s->n = n;
	s->seg0 = termin__xmalloc((n + 1) * sizeof *s->seg0);
	s->len = termin__xmalloc((n ? n : 1) * sizeof *s->len);
	s->tok0 = termin__xmalloc((n + 1) * sizeof *s->tok0);
	s->wxsum = termin__xcalloc(n ? n : 1, sizeof *s->wxsum);
	s->cut = termin__xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		const char *l = seg[i].lang ? seg[i].lang : lang;
		s->seg0[i] = i;
		s->len[i] = (float)termin__align_length(seg[i].text, seg[i].len);
		s->cut[i] = i == 0 || seg[i].paragraph != seg[i - 1].paragraph;
		s->tok0[i] = all.n;
		one.n = 0;
		termin__align_tokens(seg[i].text, seg[i].len, l, o->features, &one);
		for (size_t k = 0; k < o->n_anchors; k++) {
			emit_ctx e = { &one, (uint8_t)(AL_NBUILTIN + k) };
			const termin_align_anchors *a = &o->anchors[k];
			rc = a->find(a->ctx, side, l, seg[i].text, seg[i].len, emit_key, &e);
			if (rc < 0)
				goto fail;
		}
		if (one.n == 0)
			continue; /* no anchors (and maybe nothing allocated yet) */
		qsort(one.v, one.n, sizeof *one.v, tok_cmp);
		TERMIN_GROW(all.v, all.cap, all.n + one.n);
		memcpy(all.v + all.n, one.v, one.n * sizeof *one.v);
		all.n += one.n;
	}
	s->seg0[n] = n;
	s->tok0[n] = all.n;
	s->cut[n] = 1;
	s->key = termin__xmalloc((all.n ? all.n : 1) * sizeof *s->key);
	s->cls = termin__xmalloc(all.n ? all.n : 1);
	s->wm = termin__xcalloc(all.n ? all.n : 1, sizeof *s->wm);
	s->wx = termin__xcalloc(all.n ? all.n : 1, sizeof *s->wx);
	for (size_t k = 0; k < all.n; k++) {
		s->key[k] = all.v[k].key;
		s->cls[k] = all.v[k].cls;
	}
	free(all.v);
	free(one.v);
	*out = s;
	return 0;
fail:
	free(all.v);
	free(one.v);
	termin__al_side_free(s);
	return rc;
}

/* Keeps the `cap` most telling tokens of a coarse item (highest match
 * weight: the rarest keys), sorted by key again. */
typedef struct {
	uint32_t key;
	float wm;
} wtok;

static int wtok_by_weight(const void *a, const void *b)
{
	const wtok *x = a, *y = b;
	return x->wm > y->wm ? -1 : x->wm < y->wm ? 1 : (x->key > y->key) - (x->key < y->key);
}

static int wtok_by_key(const void *a, const void *b)
{
	const wtok *x = a, *y = b;
	return (x->key > y->key) - (x->key < y->key);
}

/* Pairs up the items of `f` into a coarser level. A coarse level only
 * bounds the search at the finer one, so its items keep at most
 * COARSE_TOKENS tokens each, and no miss weights: the cost of a bead stays
 * the same at every level instead of doubling with each. */
static al_side *side_coarsen(const al_side *f)
{
	al_side *s = termin__xcalloc(1, sizeof *s);
	size_t n = (f->n + 1) / 2;
	size_t nt = f->tok0[f->n];
	s->n = n;
	s->seg0 = termin__xmalloc((n + 1) * sizeof *s->seg0);
	s->sub0 = termin__xmalloc((n + 1) * sizeof *s->sub0);
	s->len = termin__xmalloc((n ? n : 1) * sizeof *s->len);
	s->tok0 = termin__xmalloc((n + 1) * sizeof *s->tok0);
	s->key = termin__xmalloc((nt ? nt : 1) * sizeof *s->key);
	s->wm = termin__xmalloc((nt ? nt : 1) * sizeof *s->wm);
	s->wx = termin__xmalloc((nt ? nt : 1) * sizeof *s->wx);
	s->wxsum = termin__xmalloc((n ? n : 1) * sizeof *s->wxsum);
	s->cut = termin__xmalloc(n + 1);
	size_t t = 0;
	wtok *w = NULL;
	size_t wcap = 0;
	for (size_t I = 0; I < n; I++) {
		size_t a = 2 * I, b = 2 * I + 1 < f->n ? 2 * I + 1 : a;
		size_t x = f->tok0[a], xe = f->tok0[a + 1];
		size_t y = b != a ? f->tok0[b] : xe, ye = b != a ? f->tok0[b + 1] : xe;
		size_t nw = 0;
		s->seg0[I] = f->seg0[a];
		s->sub0[I] = a;
		s->cut[I] = f->cut[a];
		s->len[I] = f->len[a] + (b != a ? f->len[b] : 0);
		s->wxsum[I] = 0;
		s->tok0[I] = t;
		TERMIN_GROW(w, wcap, (xe - x) + (ye - y) + 1);
		for (size_t k = x; k < xe; k++)
			if (f->wm[k] > 0)
				w[nw++] = (wtok){ f->key[k], f->wm[k] };
		for (size_t k = y; k < ye; k++)
			if (f->wm[k] > 0)
				w[nw++] = (wtok){ f->key[k], f->wm[k] };
		if (nw > COARSE_TOKENS) {
			qsort(w, nw, sizeof *w, wtok_by_weight);
			nw = COARSE_TOKENS;
		}
		qsort(w, nw, sizeof *w, wtok_by_key);
		for (size_t k = 0; k < nw; k++) {
			s->key[t] = w[k].key;
			s->wm[t] = w[k].wm;
			s->wx[t] = 0;
			t++;
		}
	}
	free(w);
	s->seg0[n] = f->seg0[f->n];
	s->sub0[n] = f->n;
	s->tok0[n] = t;
	s->cut[n] = 1;
	termin__al_side_pairs(s);
	return s;
}

/* ---- document frequencies ---- */

/* An open-addressing table from key to the number of segments of each
 * side that hold it. */
typedef struct {
	uint64_t *slot;  /* key | 1 << 32 when used */
	uint32_t (*df)[2];
	size_t cap;
} df_table;

static size_t df_find(const df_table *t, uint32_t key)
{
	size_t mask = t->cap - 1, h = (size_t)(key * 0x9E3779B1u) & mask;
	while (t->slot[h] && (uint32_t)t->slot[h] != key)
		h = (h + 1) & mask;
	return h;
}

static void df_build(df_table *t, al_side *const side[2])
{
	size_t total = side[0]->tok0[side[0]->n] + side[1]->tok0[side[1]->n];
	t->cap = 16;
	while (t->cap < 2 * total + 16)
		t->cap *= 2;
	t->slot = termin__xcalloc(t->cap, sizeof *t->slot);
	t->df = termin__xcalloc(t->cap, sizeof *t->df);
	for (int s = 0; s < 2; s++) {
		const al_side *S = side[s];
		for (size_t i = 0; i < S->n; i++)
			for (size_t k = S->tok0[i]; k < S->tok0[i + 1]; k++) {
				if (k > S->tok0[i] && S->key[k] == S->key[k - 1])
					continue; /* count segments, not occurrences */
				size_t h = df_find(t, S->key[k]);
				t->slot[h] = S->key[k] | (1ULL << 32);
				t->df[h][s]++;
			}
	}
}

static void df_free(df_table *t)
{
	free(t->slot);
	free(t->df);
}

/* ---- the model ---- */

typedef struct {
	double pkeep[2][AL_MAXCLASS];
	int miss[AL_MAXCLASS];
	int nclass;
	double pe, pr;          /* share of positions with a paragraph boundary */
	double joint[2][2];     /* P(boundary src, boundary tgt) where aligned */
} model;

/* Sets each token's match and miss weights from the class's p_keep and how
 * often its key occurs in the two texts. */
static void set_weights(al_side *const side[2], const df_table *t, const model *M)
{
	double N0 = (double)side[0]->n + 1, N1 = (double)side[1]->n + 1;
	for (int s = 0; s < 2; s++) {
		al_side *S = side[s];
		for (size_t i = 0; i < S->n; i++) {
			double sum = 0;
			for (size_t k = S->tok0[i]; k < S->tok0[i + 1]; k++) {
				size_t h = df_find(t, S->key[k]);
				double q0 = (t->df[h][0] + 0.5) / N0, q1 = (t->df[h][1] + 0.5) / N1;
				double q = q0 > q1 ? q0 : q1;
				double pk = M->pkeep[s][S->cls[k]];
				double wm = log(pk / q), wx = 0;
				if (q > 0.5)
					q = 0.5;
				if (M->miss[S->cls[k]])
					wx = log((1 - pk) / (1 - q));
				S->wm[k] = (float)(wm < 0 ? 0 : wm > 7 ? 7 : wm);
				S->wx[k] = (float)(wx > 0 ? 0 : wx);
				sum += S->wx[k];
			}
			S->wxsum[i] = (float)sum;
		}
		termin__al_side_pairs(S);
	}
}

static void set_cut_llr(al_params *p, const model *M)
{
	double pe[2] = { 1 - M->pe, M->pe }, pr[2] = { 1 - M->pr, M->pr };
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++) {
			double j = M->joint[a][b], ind = pe[a] * pr[b];
			p->cut_llr[a][b] = (j > 0 && ind > 0) ? log(j / ind) : 0;
		}
	/* two non-boundaries say nothing: scoring them would reward paths with
	 * more cut points (merges) over paths with skips */
	p->cut_llr[0][0] = 0;
}

/* The joint distribution of boundaries expected before any evidence:
 * halfway between independent and perfectly agreeing paragraphs. */
static void joint_prior(double out[2][2], double pe, double pr)
{
	double both = pe < pr ? pe : pr;
	double dep[2][2] = { { 1 - pe - pr + both, pr - both }, { pe - both, both } };
	double ind[2][2] = { { (1 - pe) * (1 - pr), (1 - pe) * pr }, { pe * (1 - pr), pe * pr } };
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++)
			out[a][b] = 0.5 * dep[a][b] + 0.5 * ind[a][b];
}

/* The spread of d = lt - c*ls between unrelated items of one level. */
static void random_spread(al_params *p, const al_side *S, const al_side *T)
{
	double ms = 0, mt = 0, vs = 0, vt = 0;
	for (size_t i = 0; i < S->n; i++)
		ms += S->len[i];
	for (size_t j = 0; j < T->n; j++)
		mt += T->len[j];
	ms /= S->n ? (double)S->n : 1;
	mt /= T->n ? (double)T->n : 1;
	for (size_t i = 0; i < S->n; i++)
		vs += (S->len[i] - ms) * (S->len[i] - ms);
	for (size_t j = 0; j < T->n; j++)
		vt += (T->len[j] - mt) * (T->len[j] - mt);
	vs /= S->n ? (double)S->n : 1;
	vt /= T->n ? (double)T->n : 1;
	p->rmean = mt - p->ratio * ms;
	p->rvar = vt + p->ratio * p->ratio * vs;
	/* never narrower than two average segments' own variance */
	double floor = 2 * (p->s2 * 0.5 * (mt + ms * p->ratio) + p->v0);
	if (p->rvar < floor)
		p->rvar = floor;
}

/* Counts, over the pair beads of a pass, the matched tokens of each class
 * on each side. */
static void count_matches(al_side *const side[2], const al_bead *b, size_t nb,
                          double tok[2][AL_MAXCLASS], double hit[2][AL_MAXCLASS])
{
	for (size_t k = 0; k < nb; k++) {
		if (!b[k].di || !b[k].dj)
			continue;
		const al_side *S = side[0], *T = side[1];
		size_t a0 = S->tok0[b[k].i], a1 = S->tok0[b[k].i + b[k].di];
		size_t c0 = T->tok0[b[k].j], c1 = T->tok0[b[k].j + b[k].dj];
		for (size_t x = a0; x < a1; x++)
			tok[0][S->cls[x]]++;
		for (size_t y = c0; y < c1; y++)
			tok[1][T->cls[y]]++;
		/* small sets: count each source token whose key occurs on the
		 * other side (multiset-aware by marking) */
		size_t nt = c1 - c0;
		unsigned char used[512];
		if (nt > sizeof used)
			nt = sizeof used;
		memset(used, 0, nt);
		for (size_t x = a0; x < a1; x++)
			for (size_t y = 0; y < nt; y++)
				if (!used[y] && T->key[c0 + y] == S->key[x]) {
					used[y] = 1;
					hit[0][S->cls[x]]++;
					hit[1][T->cls[c0 + y]]++;
					break;
				}
	}
}

/* Whether `b` is a 1-1 bead whose lengths fit the length model of `p` at
 * all (a squared deviation within 12.25 variances); *m and *d get its
 * mean length and its deviation from the ratio. */
static int length_fits(const al_params *p, const al_side *S, const al_side *T, const al_bead *b,
                       double *m, double *d)
{
	if (b->di != 1 || b->dj != 1)
		return 0;
	double ls = S->len[b->i], lt = T->len[b->j];
	*m = 0.5 * (ls + lt / p->ratio);
	*d = lt - p->ratio * ls;
	return !(ls < 1 || lt < 1 || *d * *d > 12.25 * (p->s2 * *m + p->v0));
}

/* Re-estimates the model and the parameters from the beads of a pass. */
static void estimate(al_params *p, model *M, al_side *const side[2], const al_bead *b,
                     size_t nb, const double expect[AL_NBEAD], int fixed_ratio)
{
	const al_side *S = side[0], *T = side[1];
	double total = 0;
	double sl = 0, tl = 0, nl = 0;

	/* bead priors from the expected counts of pass 1 (an EM step) */
	for (int t = 0; t < AL_NBEAD; t++)
		total += expect[t];
	for (int t = 0; t < AL_NBEAD; t++)
		p->lp_bead[t] = log((expect[t] + BEAD_WEIGHT * bead_prior[t]) / (total + BEAD_WEIGHT));

	/* length: ratio and variance from the 1-1 beads that fit at all */
	for (size_t k = 0; k < nb; k++) {
		double m, d;
		if (!length_fits(p, S, T, &b[k], &m, &d))
			continue;
		sl += S->len[b[k].i];
		tl += T->len[b[k].j];
		nl++;
	}
	if (nl > 0 && !fixed_ratio)
		p->ratio = (tl + 5 * RATIO_PRIOR * (sl / nl)) / (sl + 5 * (sl / nl));
	if (nl > 0) {
		double dd = 0, mm = 0;
		for (size_t k = 0; k < nb; k++) {
			double m, d;
			if (!length_fits(p, S, T, &b[k], &m, &d))
				continue;
			dd += d * d - p->v0 > 0 ? d * d - p->v0 : 0;
			mm += m;
		}
		double s2 = mm > 0 ? dd / mm : S2_PRIOR;
		p->s2 = (nl * s2 + S2_WEIGHT * S2_PRIOR) / (nl + S2_WEIGHT);
		if (p->s2 < 0.3)
			p->s2 = 0.3;
	}

	/* anchors: how often each class found its counterpart */
	double tok[2][AL_MAXCLASS] = { { 0 } }, hit[2][AL_MAXCLASS] = { { 0 } };
	count_matches(side, b, nb, tok, hit);
	for (int s = 0; s < 2; s++)
		for (int c = 0; c < M->nclass; c++) {
			double prior = M->pkeep[s][c];
			double pk = (hit[s][c] + 4 * prior) / (tok[s][c] + 4);
			M->pkeep[s][c] = pk < 0.03 ? 0.03 : pk > 0.97 ? 0.97 : pk;
		}

	/* paragraphs: how often boundaries agree where the texts are aligned */
	if (p->use_paras) {
		double n[2][2] = { { 0 } }, sum = 0, prior[2][2];
		for (size_t k = 0; k < nb; k++) {
			if (!b[k].di || !b[k].dj)
				continue;
			if (b[k].di == 2)
				n[S->cut[b[k].i + 1]][0]++;
			if (b[k].dj == 2)
				n[0][T->cut[b[k].j + 1]]++;
			size_t ie = b[k].i + b[k].di, je = b[k].j + b[k].dj;
			if (ie < S->n || je < T->n)
				n[S->cut[ie]][T->cut[je]]++;
		}
		joint_prior(prior, M->pe, M->pr);
		for (int a = 0; a < 2; a++)
			for (int c = 0; c < 2; c++)
				sum += n[a][c];
		for (int a = 0; a < 2; a++)
			for (int c = 0; c < 2; c++)
				M->joint[a][c] = (n[a][c] + 10 * prior[a][c]) / (sum + 10);
		set_cut_llr(p, M);
	}
}

/* ---- running a pass ---- */

typedef struct {
	al_side *src[32], *tgt[32];
	al_params params[32];
	int n;
} levels;

static void levels_build(levels *L, al_side *s0, al_side *t0, const al_params *p,
                         size_t max_cells)
{
	L->src[0] = s0;
	L->tgt[0] = t0;
	L->n = 1;
	while (L->n < 32) {
		al_side *s = L->src[L->n - 1], *t = L->tgt[L->n - 1];
		double cells = ((double)s->n + 1) * ((double)t->n + 1);
		/* level 0 in full when it fits; else coarsen until the top level
		 * is small, since its items carry the most tokens */
		if (cells <= (double)(L->n == 1 ? max_cells : max_cells / 16) ||
		    (s->n <= 1 && t->n <= 1))
			break;
		L->src[L->n] = side_coarsen(s);
		L->tgt[L->n] = side_coarsen(t);
		L->n++;
	}
	for (int k = 0; k < L->n; k++) {
		L->params[k] = *p;
		random_spread(&L->params[k], L->src[k], L->tgt[k]);
	}
}

static void levels_free_coarse(levels *L)
{
	for (int k = 1; k < L->n; k++) {
		termin__al_side_free(L->src[k]);
		termin__al_side_free(L->tgt[k]);
	}
	L->n = 1;
}

static al_bead *run_pass(al_dp *dp, al_side *const side[2], const al_params *p,
                         size_t max_cells, int posteriors, size_t *nb, int *nlevels)
{
	levels L;
	levels_build(&L, side[0], side[1], p, max_cells);
	al_bead *b = termin__al_align_levels(dp, L.params, L.src, L.tgt, L.n, RADIUS, posteriors, nb);
	*nlevels = L.n;
	levels_free_coarse(&L);
	return b;
}

/* ---- the API ---- */

int termin_align(termin_alignment **out, const termin_align_seg *src, size_t nsrc,
                 const termin_align_seg *tgt, size_t ntgt, const termin_align_opts *opts)
{
	termin_align_opts o = TERMIN_ALIGN_OPTS_INIT;
	al_side *side[2] = { NULL, NULL };
	termin_alignment *a;
	df_table df = { 0 };
	al_dp dp;
	al_params p;
	model M;
	al_bead *beads = NULL;
	size_t nb = 0;
	int rc, nlevels = 1;

	*out = NULL;
	if (opts) {
		if (opts->version != TERMIN_ALIGN_OPTS_VERSION)
			return termin__error_set(TERMIN_EUSAGE, "align: unknown options version %u",
			                         opts->version);
		o = *opts;
	}
	if (o.n_anchors > AL_MAXCLASS - AL_NBUILTIN)
		return termin__error_set(TERMIN_EUSAGE, "align: at most %d anchor sources",
		                         AL_MAXCLASS - AL_NBUILTIN);
	if (o.ratio < 0 || (o.ratio > 0 && (o.ratio < 0.05 || o.ratio > 20)))
		return termin__error_set(TERMIN_EUSAGE, "align: length ratio %g out of range", o.ratio);
	size_t max_cells = o.max_cells ? o.max_cells : MAX_CELLS;
	if (!o.src_lang)
		o.src_lang = "en";
	if (!o.tgt_lang)
		o.tgt_lang = "ru";

	a = termin__xcalloc(1, sizeof *a);
	a->seg[0] = src;
	a->seg[1] = tgt;
	a->nseg[0] = nsrc;
	a->nseg[1] = ntgt;
	snprintf(a->lang[0], sizeof a->lang[0], "%s", o.src_lang);
	snprintf(a->lang[1], sizeof a->lang[1], "%s", o.tgt_lang);
	a->info.para_agree = -1;
	a->info.levels = 1;

	if ((rc = side_build(&side[0], src, nsrc, 0, o.src_lang, &o)) < 0 ||
	    (rc = side_build(&side[1], tgt, ntgt, 1, o.tgt_lang, &o)) < 0)
		goto fail;

	/* the model before any evidence */
	memset(&M, 0, sizeof M);
	M.nclass = AL_NBUILTIN + (int)o.n_anchors;
	for (int c = 0; c < M.nclass; c++) {
		double pk = c < AL_NBUILTIN ? class_prior[c] : o.anchors[c - AL_NBUILTIN].p_keep;
		if (!(pk > 0.01 && pk < 0.99))
			pk = pk <= 0.01 ? 0.01 : 0.99;
		M.pkeep[0][c] = M.pkeep[1][c] = pk;
		M.miss[c] = c < AL_NBUILTIN ? class_miss[c] : o.anchors[c - AL_NBUILTIN].miss_penalty;
	}
	memset(&p, 0, sizeof p);
	for (int t = 0; t < AL_NBEAD; t++)
		p.lp_bead[t] = log(bead_prior[t]);
	p.use_length = (o.features & TERMIN_ALIGN_LENGTH) != 0;
	p.s2 = S2_PRIOR;
	p.v0 = V0;
	p.ratio = RATIO_PRIOR;
	{
		double ls = 0, lt = 0;
		for (size_t i = 0; i < nsrc; i++)
			ls += side[0]->len[i];
		for (size_t j = 0; j < ntgt; j++)
			lt += side[1]->len[j];
		if (o.ratio > 0)
			p.ratio = o.ratio;
		else if (ls > 0 && lt > 0 && lt / ls > RATIO_PRIOR / 2 && lt / ls < RATIO_PRIOR * 2)
			p.ratio = lt / ls; /* the texts look complete: trust their ratio */
	}
	{
		size_t ce = 0, cr = 0;
		for (size_t i = 1; i < nsrc; i++)
			ce += side[0]->cut[i];
		for (size_t j = 1; j < ntgt; j++)
			cr += side[1]->cut[j];
		M.pe = nsrc > 1 ? (double)ce / (double)(nsrc - 1) : 0;
		M.pr = ntgt > 1 ? (double)cr / (double)(ntgt - 1) : 0;
		p.use_paras = (o.features & TERMIN_ALIGN_PARAGRAPHS) && ce > 0 && cr > 0;
		if (p.use_paras) {
			joint_prior(M.joint, M.pe, M.pr);
			set_cut_llr(&p, &M);
		}
	}

	memset(&dp, 0, sizeof dp);
	dp.progress = o.progress;
	dp.progress_ctx = o.progress_ctx;
	dp.work_total = 3 * ((uint64_t)nsrc + 1);

	if (nsrc > 0 && ntgt > 0) {
		df_build(&df, side);
		/* pass 1: prior parameters */
		set_weights(side, &df, &M);
		beads = run_pass(&dp, side, &p, max_cells, 1, &nb, &nlevels);
		/* pass 2: parameters estimated from pass 1, with posteriors */
		estimate(&p, &M, side, beads, nb, dp.expect, o.ratio > 0);
		free(beads);
		set_weights(side, &df, &M);
		beads = run_pass(&dp, side, &p, max_cells, 1, &nb, &nlevels);
	} else {
		/* one side empty: everything is an omission or an addition */
		nb = nsrc + ntgt;
		beads = termin__xcalloc(nb ? nb : 1, sizeof *beads);
		for (size_t k = 0; k < nb; k++) {
			beads[k].i = nsrc ? k : 0;
			beads[k].j = ntgt ? k : 0;
			beads[k].di = nsrc ? 1 : 0;
			beads[k].dj = ntgt ? 1 : 0;
			beads[k].score = p.lp_bead[nsrc ? AL_B10 : AL_B01];
			beads[k].post = 1;
		}
	}

	a->beads = termin__xmalloc((nb ? nb : 1) * sizeof *a->beads);
	a->nbeads = nb;
	for (size_t k = 0; k < nb; k++) {
		termin_bead *t = &a->beads[k];
		t->src = beads[k].i;
		t->tgt = beads[k].j;
		t->nsrc = beads[k].di;
		t->ntgt = beads[k].dj;
		t->confidence = beads[k].post < 0 ? 0 : beads[k].post > 1 ? 1 : beads[k].post;
		t->score = beads[k].score;
	}
	a->info.ratio = p.ratio;
	a->info.variance = p.s2;
	for (int t = 0; t < AL_NBEAD; t++)
		a->info.p_bead[t] = exp(p.lp_bead[t]);
	if (p.use_paras) {
		double e1 = M.joint[1][0] + M.joint[1][1];
		a->info.para_agree = e1 > 0 ? M.joint[1][1] / e1 : -1;
	}
	a->info.levels = nlevels;
	a->info.cells = dp.cells;
	free(beads);
	df_free(&df);
	termin__al_side_free(side[0]);
	termin__al_side_free(side[1]);
	*out = a;
	return 0;

fail:
	termin__al_side_free(side[0]);
	termin__al_side_free(side[1]);
	free(a);
	return rc;
}

size_t termin_alignment_count(const termin_alignment *a)
{
	return a ? a->nbeads : 0;
}

const termin_bead *termin_alignment_bead(const termin_alignment *a, size_t i)
{
	return a && i < a->nbeads ? &a->beads[i] : NULL;
}

const termin_align_seg *termin_alignment_segs(const termin_alignment *a, int side, size_t *n)
{
	int s = side ? 1 : 0;
	if (n)
		*n = a ? a->nseg[s] : 0;
	return a ? a->seg[s] : NULL;
}

void termin_alignment_info(const termin_alignment *a, termin_align_info *out)
{
	*out = a->info;
}

void termin_alignment_free(termin_alignment *a)
{
	if (!a)
		return;
	free(a->beads);
	free(a);
}
