/*
 * fuzzy.c - looking segments up in the TM: candidates from the word index
 * (fuzzy_index.c), ranked by an upper bound of their score, the best
 * scored exactly (fuzzy_score.c).
 *
 * For a query of n words, a unit scoring at least s shares at least
 * ceil(s * n / 100) words with it, so it holds at least one of any
 * n - ceil(s * n / 100) + 1 of the query's words (prefix filtering). A
 * lookup works in rounds: it reads the posting lists of the query's rarest
 * words (a small budget first), bounds each candidate's score -- a
 * candidate missing k of the words read scores at most
 * 100 * min(n - k, m) / max(n, m), m its length, stored in the postings --
 * scores the candidates in the order of that bound until the bound falls
 * below the matches found, and reads more words only while the words read
 * do not yet cover the prefix for the score still to beat. The result is
 * the exact best unless the read is capped (queries made only of very
 * common words) or more than MAX_VERIFY candidates tie on their bound.
 * Exact matches are also looked up by their text hash, so a 100% match is
 * never missed.
 */
#include "fuzzy_internal.h"
#include "tm_internal.h"
#include "termin/lang.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Postings read at most in the first round (the rarest words), and in all
 * (to cover the prefix for the score to beat). */
#define HARD_POSTINGS 4000000u
#define SOFT_POSTINGS 20000u
/* Candidates scored exactly at most per lookup. */
#define MAX_VERIFY 300

enum { Q_DF, Q_POST, Q_TUV, Q_VARS, Q_UNIT, Q_EXACT, Q_OCC, Q_MAXID, Q_N };

static const char *const q_sql[Q_N] = {
	[Q_DF] = "SELECT coalesce(sum(n), 0) FROM fuzzy_post WHERE term = ?1",
	[Q_POST] = "SELECT ids FROM fuzzy_post WHERE term = ?1 ORDER BY id",
	[Q_TUV] = "SELECT tu_id, lang, markup FROM tuv WHERE id = ?1",
	[Q_VARS] = "SELECT id, lang, markup, text FROM tuv WHERE tu_id = ?1 ORDER BY seq",
	[Q_UNIT] = "SELECT tu.tuid, doc.name FROM tu LEFT JOIN doc ON doc.id = tu.doc_id "
	           "WHERE tu.id = ?1",
	[Q_EXACT] = "SELECT tuv_id FROM tuv_key WHERE hash = ?1",
	[Q_OCC] = "SELECT 1 FROM occurrence WHERE tu_id = ?1 AND coalesce(prev_hash, 0) = ?2 AND "
	          "coalesce(next_hash, 0) = ?3 AND (prev_hash IS NOT NULL OR next_hash IS NOT NULL) "
	          "LIMIT 1",
	[Q_MAXID] = "SELECT coalesce(max(id), 0) FROM tuv",
};

typedef struct {
	int64_t id;          /* source variant */
	int ub;              /* bound of its score */
	int hits;
} cand;

typedef struct {
	termin_fuzzy_match m;
	size_t src_off, src_mk, tgt_off, tgt_mk, tgt_plain, tuid, doc, slang, tlang; /* into pool */
	int has_tuid, has_doc, has_tgt;
} result;

struct termin_fuzzy {
	termin_tm *tm;
	sqlite3 *db;
	sqlite3_stmt *st[Q_N];
	char src[TERMIN_LANG_MAX], tgt[TERMIN_LANG_MAX], prim[16];
	int has_tgt, threshold, untranslated;
	size_t limit;

	/* per-variant counters of the words found, by variant id */
	uint16_t *hits;
	uint8_t *lens;
	size_t n_ids;
	int64_t *touched;
	size_t n_touched, cap_touched;
	cand *cands;
	size_t cap_cands;

	termin_fuzzy_seg *query;
	result *res;
	size_t n_res, cap_res;
	termin_fuzzy_match *out;
	size_t cap_out;
	termin_buf pool;
};

static int prep(termin_fuzzy *f, int which)
{
	if (f->st[which]) {
		sqlite3_reset(f->st[which]);
		sqlite3_clear_bindings(f->st[which]);
		return 0;
	}
	return termin__db_prepare(f->db, &f->st[which], q_sql[which]);
}

static int norm_lang(const char *in, char out[TERMIN_LANG_MAX], const char *what)
{
	if (termin_lang_normalize(in, out) < 0)
		return termin__error_set(TERMIN_EUSAGE, "%s: %s", what, termin_error_last()->message);
	return 0;
}

int termin_fuzzy_new(termin_fuzzy **out, termin_tm *tm, const termin_fuzzy_opts *opts)
{
	static const termin_fuzzy_opts defaults = TERMIN_FUZZY_OPTS_INIT;
	termin_fuzzy *f;
	int rc;
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (opts->threshold < 0 || opts->threshold > 100)
		return termin__error_set(TERMIN_EUSAGE, "the threshold must be between 1 and 100, not %d",
		                         opts->threshold);
	f = termin__xcalloc(1, sizeof *f);
	f->tm = tm;
	f->db = termin__tm_db(tm);
	f->threshold = opts->threshold ? opts->threshold : 50;
	f->limit = opts->limit ? opts->limit : 5;
	f->untranslated = opts->include_untranslated;
	if ((rc = norm_lang(opts->src ? opts->src : "en", f->src, "source language")) < 0)
		goto fail;
	if (opts->tgt) {
		if ((rc = norm_lang(opts->tgt, f->tgt, "target language")) < 0)
			goto fail;
		f->has_tgt = 1;
	}
	termin__fuzzy_primary(f->src, f->prim);
	if (!opts->no_update && (rc = termin_fuzzy_index_update(tm, NULL, NULL, NULL)) < 0)
		goto fail;
	*out = f;
	return 0;
fail:
	termin_fuzzy_free(f);
	return rc;
}

void termin_fuzzy_free(termin_fuzzy *f)
{
	if (!f)
		return;
	for (int i = 0; i < Q_N; i++)
		sqlite3_finalize(f->st[i]);
	free(f->hits);
	free(f->lens);
	free(f->touched);
	free(f->cands);
	termin_fuzzy_seg_free(f->query);
	for (size_t i = 0; i < f->n_res; i++)
		termin_fuzzy_seg_free(f->res[i].m.seg);
	free(f->res);
	free(f->out);
	termin_buf_free(&f->pool);
	free(f);
}

const termin_fuzzy_seg *termin_fuzzy_query(const termin_fuzzy *f)
{
	return f->query;
}

/* Makes the counters cover variant ids up to the largest stored. */
static int size_counters(termin_fuzzy *f)
{
	int rc;
	if ((rc = prep(f, Q_MAXID)) < 0)
		return rc;
	if (sqlite3_step(f->st[Q_MAXID]) != SQLITE_ROW)
		return termin__db_fail(f->db, "cannot read the TM");
	size_t need = (size_t)sqlite3_column_int64(f->st[Q_MAXID], 0) + 1;
	sqlite3_reset(f->st[Q_MAXID]);
	if (need > f->n_ids) {
		f->hits = termin__xrealloc(f->hits, need * sizeof *f->hits);
		f->lens = termin__xrealloc(f->lens, need * sizeof *f->lens);
		memset(f->hits + f->n_ids, 0, (need - f->n_ids) * sizeof *f->hits);
		memset(f->lens + f->n_ids, 0, (need - f->n_ids) * sizeof *f->lens);
		f->n_ids = need;
	}
	return 0;
}

typedef struct {
	uint64_t term;
	int mult;            /* occurrences in the query */
	int64_t df;
} qterm;

static int cmp_qterm(const void *a, const void *b)
{
	const qterm *x = a, *y = b;
	return (x->df > y->df) - (x->df < y->df);
}

static int cmp_cand(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->ub != y->ub)
		return y->ub - x->ub;
	if (x->hits != y->hits)
		return y->hits - x->hits;
	return (y->id > x->id) - (y->id < x->id);
}

/* Adds the postings of `term` (weight `mult`) to the counters. */
static int read_postings(termin_fuzzy *f, uint64_t term, int mult)
{
	int rc;
	if ((rc = prep(f, Q_POST)) < 0)
		return rc;
	sqlite3_stmt *st = f->st[Q_POST];
	sqlite3_bind_int64(st, 1, (sqlite3_int64)term);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *b = sqlite3_column_blob(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0), i = 0;
		uint64_t id = 0;
		while (i < len) {
			uint64_t v = 0;
			int shift = 0;
			while (i < len && (b[i] & 0x80)) {
				v |= (uint64_t)(b[i++] & 0x7f) << shift;
				shift += 7;
			}
			if (i >= len)
				break;
			v |= (uint64_t)b[i++] << shift;
			id += v;
			uint8_t words = i < len ? b[i++] : 0;
			if (id >= f->n_ids)
				continue; /* indexed after the counters were sized */
			if (!f->hits[id]) {
				TERMIN_GROW(f->touched, f->cap_touched, f->n_touched + 1);
				f->touched[f->n_touched++] = (int64_t)id;
			}
			f->hits[id] = (uint16_t)(f->hits[id] + mult);
			f->lens[id] = words;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return termin__db_fail(f->db, "cannot read the fuzzy index");
	return 0;
}

static size_t pool_put(termin_buf *p, const char *s, size_t len)
{
	size_t off = p->len;
	termin_buf_put(p, s ? s : "", s ? len : 0);
	termin_buf_putc(p, '\0');
	return off;
}

static int lang_is_source(termin_fuzzy *f, const char *lang)
{
	return lang && termin_lang_matches(lang, f->src);
}

/* Whether `lang` can be the target: in the target range, or (without one)
 * of another language than the source. */
static int lang_is_target(termin_fuzzy *f, const char *lang)
{
	char p[16];
	if (!lang)
		return 0;
	if (f->has_tgt)
		return termin_lang_matches(lang, f->tgt);
	termin__fuzzy_primary(lang, p);
	return strcmp(p, f->prim) != 0;
}

/* Scores candidate variant `id` and keeps it among the results when it is
 * good enough. Returns 1 when kept, 0 when not, or an error. */
static int verify(termin_fuzzy *f, int64_t id)
{
	int rc;
	sqlite3_stmt *st;
	if ((rc = prep(f, Q_TUV)) < 0)
		return rc;
	st = f->st[Q_TUV];
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 0 : termin__db_fail(f->db, "cannot read a candidate");
	}
	int64_t tu = sqlite3_column_int64(st, 0);
	const char *lang = (const char *)sqlite3_column_text(st, 1);
	if (!lang_is_source(f, lang)) {
		sqlite3_reset(st);
		return 0;
	}
	for (size_t i = 0; i < f->n_res; i++)
		if (f->res[i].m.unit_id == tu) {
			sqlite3_reset(st);
			return 0; /* another variant of a unit already found */
		}
	int minimum = f->threshold;
	if (f->n_res >= f->limit && f->res[f->n_res - 1].m.score > minimum)
		minimum = f->res[f->n_res - 1].m.score;
	termin_fuzzy_seg *g = termin_fuzzy_seg_new((const char *)sqlite3_column_text(st, 2),
	                                           (size_t)sqlite3_column_bytes(st, 2), 1);
	termin_fuzzy_detail d;
	char slang[TERMIN_LANG_MAX];
	snprintf(slang, sizeof slang, "%s", lang);
	sqlite3_reset(st);
	int score = termin_fuzzy_compare(f->query, g, minimum, &d);
	if (score < 0 || (f->n_res >= f->limit && score <= f->res[f->n_res - 1].m.score)) {
		termin_fuzzy_seg_free(g);
		return 0;
	}
	/* the target variant */
	result r;
	memset(&r, 0, sizeof r);
	if ((rc = prep(f, Q_VARS)) < 0) {
		termin_fuzzy_seg_free(g);
		return rc;
	}
	st = f->st[Q_VARS];
	sqlite3_bind_int64(st, 1, tu);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *vl = (const char *)sqlite3_column_text(st, 1);
		const char *mk = (const char *)sqlite3_column_text(st, 2);
		size_t mlen = (size_t)sqlite3_column_bytes(st, 2);
		if (!mlen || !lang_is_target(f, vl))
			continue;
		termin_fuzzy_seg *t = termin_fuzzy_seg_new(mk, mlen, 1);
		r.tgt_off = pool_put(&f->pool, t->text, t->len);
		r.m.target_len = t->len;
		termin_fuzzy_seg_free(t);
		r.tgt_mk = pool_put(&f->pool, mk, mlen);
		r.tgt_plain = pool_put(&f->pool, (const char *)sqlite3_column_text(st, 3),
		                       (size_t)sqlite3_column_bytes(st, 3));
		r.m.target_plain_len = (size_t)sqlite3_column_bytes(st, 3);
		r.tlang = pool_put(&f->pool, vl, strlen(vl));
		r.has_tgt = 1;
		break;
	}
	sqlite3_reset(st);
	if (!r.has_tgt && !f->untranslated) {
		termin_fuzzy_seg_free(g);
		return 0;
	}
	if ((rc = prep(f, Q_UNIT)) < 0) {
		termin_fuzzy_seg_free(g);
		return rc;
	}
	st = f->st[Q_UNIT];
	sqlite3_bind_int64(st, 1, tu);
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
			r.tuid = pool_put(&f->pool, (const char *)sqlite3_column_text(st, 0),
			                  (size_t)sqlite3_column_bytes(st, 0));
			r.has_tuid = 1;
		}
		if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
			r.doc = pool_put(&f->pool, (const char *)sqlite3_column_text(st, 1),
			                 (size_t)sqlite3_column_bytes(st, 1));
			r.has_doc = 1;
		}
	}
	sqlite3_reset(st);
	/* the source markup, again from the variant */
	if ((rc = prep(f, Q_TUV)) < 0) {
		termin_fuzzy_seg_free(g);
		return rc;
	}
	sqlite3_bind_int64(f->st[Q_TUV], 1, id);
	if (sqlite3_step(f->st[Q_TUV]) == SQLITE_ROW)
		r.src_mk = pool_put(&f->pool, (const char *)sqlite3_column_text(f->st[Q_TUV], 2),
		                    (size_t)sqlite3_column_bytes(f->st[Q_TUV], 2));
	sqlite3_reset(f->st[Q_TUV]);
	r.src_off = pool_put(&f->pool, g->text, g->len);
	r.slang = pool_put(&f->pool, slang, strlen(slang));
	r.m.score = score;
	r.m.detail = d;
	r.m.unit_id = tu;
	r.m.source_len = g->len;
	r.m.seg = g;
	/* insert in order: score, then the newer unit */
	if (f->n_res >= f->limit) {
		termin_fuzzy_seg_free(f->res[f->n_res - 1].m.seg);
		f->n_res--;
	}
	TERMIN_GROW(f->res, f->cap_res, f->n_res + 1);
	size_t at = f->n_res;
	while (at > 0 && (f->res[at - 1].m.score < score ||
	                  (f->res[at - 1].m.score == score && f->res[at - 1].m.unit_id < tu)))
		at--;
	memmove(f->res + at + 1, f->res + at, (f->n_res - at) * sizeof *f->res);
	f->res[at] = r;
	f->n_res++;
	return 1;
}

static void clear_results(termin_fuzzy *f)
{
	for (size_t i = 0; i < f->n_res; i++)
		termin_fuzzy_seg_free(f->res[i].m.seg);
	f->n_res = 0;
	termin_buf_clear(&f->pool);
}

static int context_match(termin_fuzzy *f, int64_t tu, const termin_fuzzy_context *ctx)
{
	int rc;
	if ((rc = prep(f, Q_OCC)) < 0)
		return rc;
	sqlite3_stmt *st = f->st[Q_OCC];
	sqlite3_bind_int64(st, 1, tu);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)ctx->prev_hash);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)ctx->next_hash);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : termin__db_fail(f->db, "cannot read where a unit occurs");
}

int termin_fuzzy_lookup(termin_fuzzy *f, const char *text, size_t len,
                        const termin_fuzzy_context *ctx, const termin_fuzzy_match **out,
                        size_t *n_out)
{
	qterm *qt = NULL;
	size_t n_qt = 0, n_cands = 0, verified = 0;
	int rc;

	*out = NULL;
	*n_out = 0;
	clear_results(f);
	termin_fuzzy_seg_free(f->query);
	f->query = termin_fuzzy_seg_new(text, len, 0);
	if ((rc = size_counters(f)) < 0)
		return rc;
	size_t nq = f->query->n_words;

	/* exact matches first, by their text hash */
	if ((rc = prep(f, Q_EXACT)) < 0)
		return rc;
	sqlite3_bind_int64(f->st[Q_EXACT], 1, (sqlite3_int64)termin_tm_text_hash(text, len));
	int64_t *exact = NULL;
	size_t n_exact = 0, cap_exact = 0;
	while (sqlite3_step(f->st[Q_EXACT]) == SQLITE_ROW) {
		TERMIN_GROW(exact, cap_exact, n_exact + 1);
		exact[n_exact++] = sqlite3_column_int64(f->st[Q_EXACT], 0);
	}
	sqlite3_reset(f->st[Q_EXACT]);
	for (size_t i = 0; i < n_exact; i++)
		if ((rc = verify(f, exact[i])) < 0) {
			free(exact);
			return rc;
		}
	free(exact);

	/* the query's index terms with their document frequencies */
	qt = termin__xmalloc((nq + 1) * sizeof *qt);
	for (size_t i = 0; i < nq; i++) {
		uint64_t t = termin__fuzzy_term(f->query->bag[i], f->prim);
		if (n_qt && qt[n_qt - 1].term == t && f->query->bag[i] == f->query->bag[i - 1]) {
			qt[n_qt - 1].mult++;
			continue;
		}
		qt[n_qt].term = t;
		qt[n_qt].mult = 1;
		if ((rc = prep(f, Q_DF)) < 0)
			goto done;
		sqlite3_bind_int64(f->st[Q_DF], 1, (sqlite3_int64)t);
		if (sqlite3_step(f->st[Q_DF]) != SQLITE_ROW) {
			rc = termin__db_fail(f->db, "cannot read the fuzzy index");
			goto done;
		}
		qt[n_qt].df = sqlite3_column_int64(f->st[Q_DF], 0);
		sqlite3_reset(f->st[Q_DF]);
		n_qt++;
	}
	qsort(qt, n_qt, sizeof *qt, cmp_qterm);

	/* Rounds: read the rarest words (cheap ones first), score the best
	 * candidates, and read on only while the words read so far could
	 * still miss a unit better than those found (prefix filtering for
	 * the score to beat). */
	size_t covered = 0, read = 0, next = 0;
	int read_mult = 0;
	int64_t *done_ids = NULL;
	size_t n_done = 0, cap_done = 0;
	for (int round = 0;; round++) {
		int beat = f->n_res >= f->limit ? f->res[f->n_res - 1].m.score + 1 : f->threshold;
		if (beat > 100)
			break;
		size_t need = ((size_t)beat * nq + 99) / 100;
		size_t prefix = nq >= need ? nq - need + 1 : 1;
		if (round > 0 && (covered >= prefix || next == n_qt || read >= HARD_POSTINGS))
			break;
		size_t before = next;
		while (next < n_qt) {
			qterm *t = &qt[next];
			if (t->df == 0) {
				covered += (size_t)t->mult; /* no unit has it: a miss for all */
				read_mult += t->mult;
				next++;
				continue;
			}
			size_t budget = round == 0 ? SOFT_POSTINGS : HARD_POSTINGS;
			if (read + (size_t)t->df > budget && !(next == before && covered < prefix))
				break;
			if (round > 0 && covered >= prefix)
				break;
			if ((rc = read_postings(f, t->term, t->mult)) < 0)
				goto done;
			read += (size_t)t->df;
			covered += (size_t)t->mult;
			read_mult += t->mult;
			next++;
		}
		if (round > 0 && next == before)
			break;

		/* bounds of the candidates, bucketed by bound (0..100) so that
		 * only the buckets reached are sorted */
		size_t bucket[102];
		memset(bucket, 0, sizeof bucket);
		n_cands = 0;
		TERMIN_GROW(f->cands, f->cap_cands, 2 * f->n_touched + 1);
		cand *tmp = f->cands + f->n_touched;
		for (size_t i = 0; i < f->n_touched; i++) {
			int64_t id = f->touched[i];
			int hits = f->hits[id];
			size_t m = f->lens[id];
			size_t missed = (size_t)(read_mult - hits);
			size_t can = nq > missed ? nq - missed : 0;
			int ub;
			if (m == 255) {
				ub = nq ? (int)(100 * can / nq) : 0; /* long: length unknown */
			} else {
				size_t mx = nq > m ? nq : m;
				if (can > m)
					can = m;
				ub = mx ? (int)(100 * can / mx) : 0;
			}
			if (ub < beat)
				continue;
			tmp[n_cands].id = id;
			tmp[n_cands].ub = ub;
			tmp[n_cands].hits = hits;
			bucket[ub]++;
			n_cands++;
		}
		/* best bound first: bucket b starts after the buckets above it */
		size_t start[101], at = 0;
		for (int b = 100; b >= 0; b--) {
			start[b] = at;
			at += bucket[b];
		}
		for (size_t i = 0; i < n_cands; i++)
			f->cands[start[tmp[i].ub]++] = tmp[i];
		size_t from = 0;
		for (int b = 100; b >= beat && verified < MAX_VERIFY; b--) {
			size_t to = from + bucket[b];
			if (f->n_res >= f->limit && b <= f->res[f->n_res - 1].m.score)
				break;
			qsort(f->cands + from, to - from, sizeof *f->cands, cmp_cand);
			for (size_t i = from; i < to && verified < MAX_VERIFY; i++) {
				if (f->n_res >= f->limit && b <= f->res[f->n_res - 1].m.score)
					break;
				size_t k;
				for (k = 0; k < n_done && done_ids[k] != f->cands[i].id; k++)
					;
				if (k < n_done)
					continue;
				TERMIN_GROW(done_ids, cap_done, n_done + 1);
				done_ids[n_done++] = f->cands[i].id;
				if ((rc = verify(f, f->cands[i].id)) < 0) {
					free(done_ids);
					goto done;
				}
				verified++;
			}
			from = to;
		}
	}
	free(done_ids);
	/* context matches among the exact ones */
	if (ctx && (ctx->prev_hash || ctx->next_hash)) {
		for (size_t i = 0; i < f->n_res && f->res[i].m.score == 100; i++) {
			if ((rc = context_match(f, f->res[i].m.unit_id, ctx)) < 0)
				goto done;
			if (rc == 1) {
				result r = f->res[i];
				r.m.score = 101;
				memmove(f->res + 1, f->res, i * sizeof *f->res);
				f->res[0] = r;
				break;
			}
		}
	}

	/* pointers into the pool, now that it stops growing */
	TERMIN_GROW(f->out, f->cap_out, f->n_res + 1);
	for (size_t i = 0; i < f->n_res; i++) {
		result *r = &f->res[i];
		termin_fuzzy_match *m = &f->out[i];
		const char *p = f->pool.ptr;
		*m = r->m;
		m->source = p + r->src_off;
		m->source_markup = p + r->src_mk;
		m->src_lang = p + r->slang;
		m->tgt_lang = r->has_tgt ? p + r->tlang : NULL;
		m->target = r->has_tgt ? p + r->tgt_off : NULL;
		m->target_markup = r->has_tgt ? p + r->tgt_mk : NULL;
		m->target_plain = r->has_tgt ? p + r->tgt_plain : NULL;
		m->tuid = r->has_tuid ? p + r->tuid : NULL;
		m->doc = r->has_doc ? p + r->doc : NULL;
	}
	*out = f->out;
	*n_out = f->n_res;
	rc = 0;
done:
	/* leave the counters clean even after an error */
	for (size_t i = 0; i < f->n_touched; i++)
		f->hits[f->touched[i]] = 0;
	f->n_touched = 0;
	free(qt);
	return rc;
}
