/*
 * align_dp.c - the aligner's dynamic programme: the best sequence of beads
 * through a corridor of the (source x target) matrix, the posterior of each
 * bead (forward-backward), and the multi-resolution scheme that keeps the
 * corridor narrow for long texts.
 *
 * A cell (i, j) stands for "the first i source items and the first j target
 * items are aligned". A bead moves from (i, j) to (i + di, j + dj). The
 * corridor gives, for each row i, the columns lo[i]..hi[i] that may be
 * visited, so memory and time are proportional to its area. For long texts
 * (more cells than max_cells) the items are paired up into coarser levels
 * until the full matrix is small; the path found there, projected onto the
 * finer level and widened by a radius, is that level's corridor (as in
 * FastDTW). This never refuses a pair of texts: a side much longer than the
 * other just gives a corridor that runs along the long side.
 */
#include "align_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const int bead_di[AL_NBEAD] = { 1, 1, 0, 2, 1, 2 };
static const int bead_dj[AL_NBEAD] = { 1, 0, 1, 1, 2, 2 };

/* ---- scoring ---- */

/* The tokens of item i (d == 1) or of items i and i+1 merged (d == 2). */
typedef struct {
	const uint32_t *key;
	const float *wm, *wx;
	size_t n;
} toks;

static toks item_toks(const al_side *S, size_t i, int d)
{
	toks t;
	if (d == 1) {
		size_t a = S->tok0[i];
		t.key = S->key + a;
		t.wm = S->wm + a;
		t.wx = S->wx + a;
		t.n = S->tok0[i + 1] - a;
	} else {
		size_t a = S->ptok0[i];
		t.key = S->pkey + a;
		t.wm = S->pwm + a;
		t.wx = S->pwx + a;
		t.n = S->ptok0[i + 1] - a;
	}
	return t;
}

/* What sharing keys adds to a bead: every key both sides hold scores its
 * match weight instead of its two miss weights. Tokens are sorted by key,
 * so this is a merge, and a repeated key pairs up one to one. */
static float adjust(const al_side *S, size_t i, int di, const al_side *T, size_t j, int dj)
{
	toks x = item_toks(S, i, di), y = item_toks(T, j, dj);
	size_t a = 0, b = 0;
	float s = 0;
	while (a < x.n && b < y.n) {
		uint32_t u = x.key[a], v = y.key[b];
		if (u == v)
			s += 0.5f * (x.wm[a] + y.wm[b]) - x.wx[a] - y.wx[b];
		/* branch-free steps: equal keys are rare, the order is random */
		a += u <= v;
		b += v <= u;
	}
	return s;
}

/* The anchor part of a bead's score: the miss weights of all its tokens,
 * adjusted for the keys shared by its two sides. The adjustment is cached
 * per corridor cell and shape during a run, since the forward and the
 * backward sweep and the trace-back all need it. */
static double anchors(al_dp *dp, size_t i, int di, size_t j, int dj)
{
	const al_side *S = dp->src, *T = dp->tgt;
	const al_cache *c = dp->cache;
	double s = 0;
	for (int k = 0; k < di; k++)
		s += S->wxsum[i + k];
	for (int k = 0; k < dj; k++)
		s += T->wxsum[j + k];
	if (c && i < c->m) {
		size_t l = c->lo ? c->lo[i] : 0, h = c->hi ? c->hi[i] : c->n;
		if (j >= l && j <= h) {
			float *v = &c->adj[(di - 1) * 2 + (dj - 1)][c->off[i] + (j - l)];
			if (isnan(*v))
				*v = adjust(S, i, di, T, j, dj);
			return s + *v;
		}
	}
	return s + adjust(S, i, di, T, j, dj);
}

double termin__al_bead_score(al_dp *dp, size_t i, int di, size_t j, int dj)
{

	const al_params *p = dp->p;
	const al_side *S = dp->src, *T = dp->tgt;
	int t = di == 1 ? (dj == 1 ? AL_B11 : dj == 0 ? AL_B10 : AL_B12)
	                : di == 0 ? AL_B01 : (dj == 1 ? AL_B21 : AL_B22);
	double s = p->lp_bead[t];
	if (di == 0 || dj == 0)
		return s;
	if (p->use_length) {
		double ls = 0, lt = 0;
		for (int k = 0; k < di; k++)
			ls += S->len[i + k];
		for (int k = 0; k < dj; k++)
			lt += T->len[j + k];
		double m = 0.5 * (ls + lt / p->ratio);
		double v = p->s2 * m + p->v0;
		double d = lt - p->ratio * ls;
		double e = d - p->rmean;
		/* log N(d; 0, v) - log N(d; rmean, rvar) */
		s += -0.5 * (d * d / v + log(v)) + 0.5 * (e * e / p->rvar + log(p->rvar));
	}
	s += anchors(dp, i, di, j, dj);
	if (p->use_paras) {
		/* boundaries inside the bead: a cut on one side only */
		if (di == 2)
			s += p->cut_llr[S->cut[i + 1]][0];
		if (dj == 2)
			s += p->cut_llr[0][T->cut[j + 1]];
		/* where the bead ends, unless at the very end */
		if (i + di < S->n || j + dj < T->n)
			s += p->cut_llr[S->cut[i + di]][T->cut[j + dj]];
	}
	return s;
}

/* ---- the corridor ---- */

typedef struct {
	size_t m, n;
	const size_t *lo, *hi;
	size_t *off;  /* m+2 */
	size_t cells;
} corridor;

static void corridor_init(corridor *c, size_t m, size_t n, const size_t *lo, const size_t *hi)
{
	c->m = m;
	c->n = n;
	c->lo = lo;
	c->hi = hi;
	c->off = termin__xmalloc((m + 2) * sizeof *c->off);
	c->off[0] = 0;
	for (size_t i = 0; i <= m; i++) {
		size_t l = lo ? lo[i] : 0, h = hi ? hi[i] : n;
		c->off[i + 1] = c->off[i] + (h >= l ? h - l + 1 : 0);
	}
	c->cells = c->off[m + 1];
}

static inline size_t row_lo(const corridor *c, size_t i)
{
	return c->lo ? c->lo[i] : 0;
}

static inline size_t row_hi(const corridor *c, size_t i)
{
	return c->hi ? c->hi[i] : c->n;
}

/* The cell index of (i, j), or SIZE_MAX outside the corridor. */
static inline size_t cell(const corridor *c, size_t i, size_t j)
{
	size_t l = row_lo(c, i), h = row_hi(c, i);
	if (j < l || j > h)
		return SIZE_MAX;
	return c->off[i] + (j - l);
}

static inline double lse(double a, double b)
{
	if (a == -INFINITY)
		return b;
	if (b == -INFINITY)
		return a;
	return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b));
}

static void progress(al_dp *dp, uint64_t add)
{
	dp->work_done += add;
	if (dp->progress)
		dp->progress(dp->progress_ctx, dp->work_done, dp->work_total);
}

al_bead *termin__al_dp_run(al_dp *dp, const size_t *lo, const size_t *hi, int posteriors,
                           size_t *nbeads)
{
	size_t m = dp->src->n, n = dp->tgt->n;
	corridor c;
	corridor_init(&c, m, n, lo, hi);
	double *V = termin__xmalloc(c.cells * sizeof *V);
	unsigned char *bt = termin__xmalloc(c.cells);
	double *A = posteriors ? termin__xmalloc(c.cells * sizeof *A) : NULL;
	double *B = posteriors ? termin__xmalloc(c.cells * sizeof *B) : NULL;
	al_bead *beads = NULL;
	size_t nb = 0;
	al_cache cache = { m, n, lo, hi, c.off, { NULL } };
	for (int k = 0; k < 4; k++) {
		cache.adj[k] = termin__xmalloc((c.cells ? c.cells : 1) * sizeof(float));
		for (size_t x = 0; x < c.cells; x++)
			cache.adj[k][x] = NAN;
	}
	dp->cache = &cache;

	/* forward: best path (Viterbi) and, with posteriors, the sum over
	 * paths (log-sum-exp) in the same sweep */
	for (size_t i = 0; i <= m; i++) {
		size_t l = row_lo(&c, i), h = row_hi(&c, i);
		for (size_t j = l; j <= h; j++) {
			size_t x = c.off[i] + (j - l);
			double best = -INFINITY, acc = -INFINITY;
			unsigned char bb = 255;
			if (i == 0 && j == 0) {
				V[x] = 0;
				bt[x] = 255;
				if (A)
					A[x] = 0;
				continue;
			}
			for (int t = 0; t < AL_NBEAD; t++) {
				int di = bead_di[t], dj = bead_dj[t];
				if (i < (size_t)di || j < (size_t)dj)
					continue;
				size_t y = cell(&c, i - di, j - dj);
				if (y == SIZE_MAX || V[y] == -INFINITY)
					continue;
				double s = termin__al_bead_score(dp, i - di, di, j - dj, dj);
				if (V[y] + s > best) {
					best = V[y] + s;
					bb = (unsigned char)t;
				}
				if (A)
					acc = lse(acc, A[y] + s);
			}
			V[x] = best;
			bt[x] = bb;
			if (A)
				A[x] = acc;
		}
		if ((i & 255) == 255)
			progress(dp, 256);
	}
	dp->cells += c.cells;

	/* backward: the sum over paths from each cell to the end, and the
	 * expected number of beads of each type (for re-estimating priors) */
	if (B) {
		size_t end = cell(&c, m, n);
		double Z = end != SIZE_MAX ? A[end] : 0;
		for (int t = 0; t < AL_NBEAD; t++)
			dp->expect[t] = 0;
		for (size_t i = m + 1; i-- > 0;) {
			size_t l = row_lo(&c, i), h = row_hi(&c, i);
			for (size_t j = h + 1; j-- > l;) {
				size_t x = c.off[i] + (j - l);
				double acc = -INFINITY;
				if (i == m && j == n) {
					B[x] = 0;
					continue;
				}
				for (int t = 0; t < AL_NBEAD; t++) {
					size_t ni = i + bead_di[t], nj = j + bead_dj[t];
					if (ni > m || nj > n)
						continue;
					size_t y = cell(&c, ni, nj);
					if (y == SIZE_MAX || B[y] == -INFINITY)
						continue;
					double sc = termin__al_bead_score(dp, i, bead_di[t], j, bead_dj[t]);
					acc = lse(acc, B[y] + sc);
					if (A[x] != -INFINITY)
						dp->expect[t] += exp(A[x] + sc + B[y] - Z);
				}
				B[x] = acc;
			}
		}
		dp->cells += c.cells;
	}

	/* trace back the best path */
	{
		size_t i = m, j = n, cap = 0;
		size_t end = cell(&c, m, n);
		double Z = A && end != SIZE_MAX ? A[end] : 0;
		while (end != SIZE_MAX && (i > 0 || j > 0)) {
			size_t x = cell(&c, i, j);
			unsigned char t = bt[x];
			if (t == 255)
				break; /* unreachable: cannot happen with a connected corridor */
			size_t pi = i - bead_di[t], pj = j - bead_dj[t];
			TERMIN_GROW(beads, cap, nb + 1);
			al_bead *b = &beads[nb++];
			b->i = pi;
			b->j = pj;
			b->di = (unsigned char)bead_di[t];
			b->dj = (unsigned char)bead_dj[t];
			b->score = termin__al_bead_score(dp, pi, b->di, pj, b->dj);
			if (A) {
				double lp = A[cell(&c, pi, pj)] + b->score + B[x] - Z;
				b->post = lp >= 0 ? 1.0 : exp(lp);
			} else {
				b->post = -1;
			}
			i = pi;
			j = pj;
		}
		/* reverse into reading order */
		for (size_t k = 0; k < nb / 2; k++) {
			al_bead tmp = beads[k];
			beads[k] = beads[nb - 1 - k];
			beads[nb - 1 - k] = tmp;
		}
	}
	dp->cache = NULL;
	for (int k = 0; k < 4; k++)
		free(cache.adj[k]);
	free(V);
	free(bt);
	free(A);
	free(B);
	free(c.off);
	*nbeads = nb;
	return beads;
}

/* ---- multiple resolutions ---- */

/* Builds the corridor of a finer level from the path at a coarser one:
 * every fine cell inside a coarse bead's rectangle, widened by `r`. */
static void project(const al_bead *beads, size_t nb, const al_side *cs, const al_side *ct,
                    size_t m, size_t n, size_t r, size_t *lo, size_t *hi)
{
	size_t *l0 = termin__xmalloc((m + 1) * sizeof *l0);
	size_t *h0 = termin__xmalloc((m + 1) * sizeof *h0);
	for (size_t i = 0; i <= m; i++) {
		l0[i] = SIZE_MAX;
		h0[i] = 0;
	}
	for (size_t k = 0; k < nb; k++) {
		const al_bead *b = &beads[k];
		size_t r0 = cs->sub0[b->i], r1 = cs->sub0[b->i + b->di];
		size_t c0 = ct->sub0[b->j], c1 = ct->sub0[b->j + b->dj];
		for (size_t i = r0; i <= r1; i++) {
			if (c0 < l0[i])
				l0[i] = c0;
			if (c1 > h0[i])
				h0[i] = c1;
		}
	}
	for (size_t i = 0; i <= m; i++) {
		size_t l = SIZE_MAX, h = 0;
		size_t a = i > r ? i - r : 0, e = i + r < m ? i + r : m;
		for (size_t k = a; k <= e; k++) {
			if (l0[k] != SIZE_MAX && l0[k] < l)
				l = l0[k];
			if (l0[k] != SIZE_MAX && h0[k] > h)
				h = h0[k];
		}
		lo[i] = l == SIZE_MAX ? 0 : (l > r ? l - r : 0);
		hi[i] = l == SIZE_MAX ? n : (h + r < n ? h + r : n);
	}
	lo[0] = 0;
	hi[m] = n;
	free(l0);
	free(h0);
}

al_bead *termin__al_align_levels(al_dp *dp, const al_params *params,
                                 al_side *const *src_levels, al_side *const *tgt_levels,
                                 int nlevels, size_t radius, int posteriors, size_t *nbeads)
{
	al_bead *beads = NULL;
	size_t nb = 0;
	for (int L = nlevels - 1; L >= 0; L--) {
		size_t *lo = NULL, *hi = NULL;
		dp->src = src_levels[L];
		dp->tgt = tgt_levels[L];
		dp->p = &params[L];
		if (L < nlevels - 1) {
			size_t m = dp->src->n;
			lo = termin__xmalloc((m + 1) * sizeof *lo);
			hi = termin__xmalloc((m + 1) * sizeof *hi);
			project(beads, nb, src_levels[L + 1], tgt_levels[L + 1], m, dp->tgt->n, radius,
			        lo, hi);
			free(beads);
		}
		beads = termin__al_dp_run(dp, lo, hi, posteriors && L == 0, &nb);
		free(lo);
		free(hi);
	}
	*nbeads = nb;
	return beads;
}
