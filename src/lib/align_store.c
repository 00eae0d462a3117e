/*
 * align_store.c - an alignment's pairs into the translation memory.
 */
#include "align_internal.h"

#include <stdlib.h>
#include <string.h>

#include "termin/lang.h"
#include "termin/tm.h"

/* The next accepted bead at or after k, or a->nbeads. */
static size_t next_accepted(const termin_alignment *a, size_t k, double minc)
{
	while (k < a->nbeads && !termin_bead_accepted(&a->beads[k], minc))
		k++;
	return k;
}

/* Adds accepted bead `k` as one unit. `prev` and `next` are the hashes of
 * the neighbouring stored units' source texts (0: none). */
static int add_bead(termin_tm *tm, const termin_alignment *a, size_t k, const char *lang[2],
                    const char *doc, int64_t pos, uint64_t prev, uint64_t next,
                    const termin_align_write_opts *o)
{
	const termin_bead *b = &a->beads[k];
	termin_buf t[2] = { TERMIN_BUF_INIT, TERMIN_BUF_INIT };
	char *markup[2] = { NULL, NULL };
	size_t mlen[2];
	termin_tmx_variant v[2];
	termin_tmx_meta meta[4];
	termin_tmx_unit u;
	char conf[16];
	size_t nmeta = 0;
	int rc;

	memset(v, 0, sizeof v);
	memset(&u, 0, sizeof u);
	memset(meta, 0, sizeof meta);
	snprintf(conf, sizeof conf, "%.3f", b->confidence);
	meta[nmeta++] = (termin_tmx_meta){ 0, "x-align-confidence", NULL, conf };
	meta[nmeta++] = (termin_tmx_meta){ 0, "x-align-bead", NULL,
	                                   b->nsrc == 1 ? (b->ntgt == 1 ? "1-1" : "1-2")
	                                                : (b->ntgt == 1 ? "2-1" : "2-2") };
	if (o->src_name)
		meta[nmeta++] = (termin_tmx_meta){ 0, "x-document-src", NULL, o->src_name };
	if (o->tgt_name)
		meta[nmeta++] = (termin_tmx_meta){ 0, "x-document-tgt", NULL, o->tgt_name };
	for (int s = 0; s < 2; s++) {
		termin__align_side_text(a, b, s, &t[s]);
		markup[s] = termin_tm_escape(t[s].ptr, t[s].len, &mlen[s]);
		v[s].lang = lang[s];
		v[s].markup = markup[s];
		v[s].markup_len = mlen[s];
		v[s].text = t[s].ptr;
		v[s].text_len = t[s].len;
		v[s].stamp.created = v[s].stamp.changed = v[s].stamp.last_used = TERMIN_NODATE;
		v[s].line = 0;
	}
	u.srclang = lang[0];
	u.variants = v;
	u.n_variants = 2;
	u.meta = meta;
	u.n_meta = nmeta;
	u.stamp.created = u.stamp.changed = u.stamp.last_used = TERMIN_NODATE;
	termin_tm_context ctx = { doc, pos, prev, next };
	rc = termin_tm_add(tm, &u, &ctx);
	for (int s = 0; s < 2; s++) {
		free(markup[s]);
		termin_buf_free(&t[s]);
	}
	return rc;
}

static uint64_t src_hash(const termin_alignment *a, size_t k, termin_buf *tmp)
{
	if (k >= a->nbeads)
		return 0;
	termin__align_side_text(a, &a->beads[k], 0, tmp);
	return termin_tm_text_hash(tmp->ptr, tmp->len);
}

int termin_alignment_store(const termin_alignment *a, termin_tm *tm,
                           const termin_align_write_opts *opts, size_t *stored, size_t *added)
{
	static const termin_align_write_opts defaults = TERMIN_ALIGN_WRITE_OPTS_INIT;
	termin_tm_source src = TERMIN_TM_SOURCE_INIT;
	char lbuf[2][TERMIN_LANG_MAX];
	const char *lang[2];
	termin_buf tmp = TERMIN_BUF_INIT;
	size_t n = 0, nadd = 0;
	int64_t pos = 0;
	int rc;

	if (stored)
		*stored = 0;
	if (added)
		*added = 0;
	if (!opts)
		opts = &defaults;
	for (int s = 0; s < 2; s++) {
		if (termin_lang_normalize(a->lang[s], lbuf[s]) < 0)
			return termin__error_set(TERMIN_EUSAGE, "align: bad language code '%s'", a->lang[s]);
		lang[s] = lbuf[s];
	}
	const char *doc = opts->doc ? opts->doc : opts->src_name ? termin__path_base(opts->src_name) : NULL;
	src.name = opts->src_name ? opts->src_name : "(alignment)";
	src.format = "align";
	src.doc = doc;
	if ((rc = termin_tm_begin(tm, &src)) < 0)
		return rc;
	uint64_t prev = 0;
	for (size_t k = next_accepted(a, 0, opts->min_confidence); k < a->nbeads;) {
		size_t nk = next_accepted(a, k + 1, opts->min_confidence);
		uint64_t here = src_hash(a, k, &tmp), next = src_hash(a, nk, &tmp);
		rc = add_bead(tm, a, k, lang, doc, ++pos, prev, next, opts);
		if (rc < 0)
			goto fail;
		n++;
		nadd += rc == 1;
		prev = here;
		k = nk;
	}
	if ((rc = termin_tm_commit(tm)) < 0)
		goto fail;
	termin_buf_free(&tmp);
	if (stored)
		*stored = n;
	if (added)
		*added = nadd;
	return 0;
fail:
	termin_tm_rollback(tm);
	termin_buf_free(&tmp);
	return rc;
}
