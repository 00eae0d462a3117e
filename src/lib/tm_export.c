/*
 * tm_export.c - writing the TM (or a part of it) as TMX 1.4b.
 *
 * Units are read in the order they were stored and written one by one
 * through the streaming writer: memory stays constant and the same TM
 * gives the same bytes (with SOURCE_DATE_EPOCH fixing the header date).
 */
#include "tm_internal.h"
#include "termin/lang.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int termin_tm_export_tmx(termin_tm *tm, termin_outfile *out, const termin_tm_filter *f,
                         const termin_tm_export_opts *opts, size_t *count)
{
	static const termin_tm_export_opts defaults = TERMIN_TM_EXPORT_OPTS_INIT;
	termin_tmx_header h = TERMIN_TMX_HEADER_INIT;
	termin_tmx_writer *w = NULL;
	termin_tm_iter *it = NULL;
	const termin_tmx_unit *u;
	const char *segtype, *datatype, *srclang;
	char src[TERMIN_LANG_MAX], date[17];
	uint64_t total = 0;
	size_t n = 0, cap_vars = 0;
	termin_tmx_variant *vars = NULL;
	int rc;

	if (!opts)
		opts = &defaults;
	if (count)
		*count = 0;
	/* one read transaction: a consistent snapshot while others import */
	if ((rc = termin__db_exec(termin__tm_db(tm), "BEGIN")) < 0)
		return rc;
	if ((rc = termin__tm_export_header(tm, &segtype, &datatype, &srclang, &h.meta, &h.n_meta)) < 0)
		goto done;
	if (f && f->src) {
		if (termin_lang_normalize(f->src, src) < 0) {
			rc = termin__error_set(TERMIN_EUSAGE, "%s", termin_error_last()->message);
			goto done;
		}
		h.srclang = src;
	} else {
		h.srclang = srclang ? srclang : "*all*";
	}
	/* The header date: $SOURCE_DATE_EPOCH, else the TM's last import, so
	 * that the same TM gives the same bytes (now only for an empty TM). */
	{
		const char *e = getenv("SOURCE_DATE_EPOCH");
		int64_t when = termin_tmx_now();
		sqlite3_stmt *st;
		if (!(e && *e) && sqlite3_prepare_v2(termin__tm_db(tm), "SELECT max(imported) FROM import",
		                                     -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
				when = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
		termin_tmx_date(date, when);
		h.creationdate = date;
	}
	h.segtype = segtype ? segtype : "sentence";
	h.datatype = datatype ? datatype : "plaintext";
	h.utf16 = opts->utf16;
	if (opts->progress) {
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(termin__tm_db(tm), "SELECT max(id) FROM tu", -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				total = (uint64_t)sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
		}
	}
	if ((rc = termin_tm_iter_new(&it, tm, f)) < 0 ||
	    (rc = termin_tmx_writer_open(&w, out, &h)) < 0)
		goto done;
	while ((rc = termin_tm_iter_next(it, &u)) > 0) {
		/* a usage of 1 is what an absent usagecount means: not written */
		termin_tmx_unit copy = *u;
		if (copy.stamp.usage <= 1)
			copy.stamp.usage = 0;
		/* The source variant goes first: TMX does not require it, but
		 * translate-toolkit and others take the first variant as the
		 * source. With --src, a unit of srclang *all* gets the first
		 * variant in that range as its source. */
		const char *sl = u->srclang;
		if (f && f->src && sl && strcmp(sl, "*all*") == 0)
			for (size_t i = 0; i < u->n_variants; i++)
				if (termin_lang_matches(u->variants[i].lang, f->src)) {
					sl = u->variants[i].lang;
					break;
				}
		copy.srclang = sl;
		TERMIN_GROW(vars, cap_vars, u->n_variants);
		size_t k = 0;
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < u->n_variants; i++) {
				const termin_tmx_variant *v = &u->variants[i];
				int is_src = sl && strcasecmp(v->lang, sl) == 0;
				if (is_src != (pass == 0))
					continue;
				/* an empty target is no translation: a CAT tool would
				 * offer it as one, so it goes out only with the
				 * untranslated units */
				if (!is_src && !v->markup_len && !(f && f->include_untranslated))
					continue;
				vars[k++] = *v;
			}
		copy.variants = vars;
		copy.n_variants = k;
		if ((rc = termin_tmx_writer_unit(w, &copy, NULL)) < 0)
			goto done;
		if ((++n & 1023) == 0 && opts->progress)
			opts->progress(opts->ctx, termin_outfile_path(out), n, total);
	}
	if (rc < 0)
		goto done;
	rc = termin_tmx_writer_close(w);
	w = NULL;
	if (count)
		*count = n;
done:
	free(vars);
	termin_tmx_writer_free(w);
	termin_tm_iter_free(it);
	sqlite3_exec(termin__tm_db(tm), "COMMIT", NULL, NULL, NULL);
	return rc;
}
