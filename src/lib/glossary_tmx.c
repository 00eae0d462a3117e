/*
 * glossary_tmx.c - a glossary as a TMX 1.4b translation memory, for CAT
 * tools that take terms as a TM: one unit per term pair (every source
 * term with the target's preferred term, the source's preferred term with
 * every admitted target term; deprecated and superseded target terms are
 * never offered as translations).
 */
#include "glossary_internal.h"
#include "termin/tmx.h"

#include <stdlib.h>
#include <string.h>

static int write_tu(termin_tmx_writer *w, const termin_concept *c, const termin__pair *p,
                    size_t k, const char *date)
{
	char tuid[600];
	int rc;
	snprintf(tuid, sizeof tuid, "%s.%zu", c->id, k + 1);
	if ((rc = termin_tmx_writer_begin_tu(w, tuid, date)) < 0 ||
	    (rc = termin_tmx_writer_prop(w, "x-concept", c->id)) < 0)
		return rc;
	if (c->subject && (rc = termin_tmx_writer_prop(w, "x-subject", c->subject)) < 0)
		return rc;
	if (c->definition && (rc = termin_tmx_writer_note(w, c->definition)) < 0)
		return rc;
	const termin_term *terms[2] = { p->src, p->tgt };
	for (int i = 0; i < 2; i++) {
		const termin_term *t = terms[i];
		if ((rc = termin_tmx_writer_begin_tuv(w, t->lang)) < 0)
			return rc;
		if (t->status &&
		    (rc = termin_tmx_writer_prop(w, "x-status", termin_term_status_name(t->status))) < 0)
			return rc;
		if (t->type &&
		    (rc = termin_tmx_writer_prop(w, "x-term-type", termin_term_type_name(t->type))) < 0)
			return rc;
		if ((rc = termin_tmx_writer_seg_text(w, t->text, strlen(t->text))) < 0)
			return rc;
	}
	return termin_tmx_writer_end_tu(w);
}

int termin__glossary_write_tmx(const termin_glossary *g, termin_outfile *f, const char *src,
                               const char *tgt)
{
	termin_tmx_header h = TERMIN_TMX_HEADER_INIT;
	termin_tmx_writer *w;
	termin__pair *pairs = NULL;
	size_t cap = 0;
	char date[17];
	int rc;

	termin_tmx_date(date, termin_tmx_now());
	h.srclang = src;
	h.segtype = "phrase";
	h.creationdate = date;
	if ((rc = termin_tmx_writer_open(&w, f, &h)) < 0)
		return rc;
	for (size_t i = 0; i < g->n && rc == 0; i++) {
		const termin_concept *c = g->concepts[i];
		size_t n = termin__concept_pairs(c, src, tgt, 0, &pairs, &cap), k = 0;
		for (size_t j = 0; j < n && rc == 0; j++)
			if (pairs[j].tgt)
				rc = write_tu(w, c, &pairs[j], k++, date);
	}
	free(pairs);
	if (rc < 0) {
		termin_tmx_writer_free(w);
		return rc;
	}
	return termin_tmx_writer_close(w);
}
