/*
 * align_glossary.c - the glossary as an anchor source for the aligner: a
 * concept named on both sides of a candidate pair (Collective Security
 * Treaty Organization / Организации Договора о коллективной безопасности)
 * is evidence that the two translate each other.
 */
#include "align_internal.h"

#include <string.h>

#include "termin/glossary.h"

/* The key of a concept: a hash of its id, so that the same concept gives
 * the same key on both sides whatever the term that named it. */
static uint64_t concept_key(const termin_concept *c)
{
	const char *id = termin_concept_id(c);
	return termin__hash64(id, strlen(id), 0x676c6f7373617279ULL);
}

/* Emits each concept named in `text`. An ambiguous hit (the same form is a
 * term of several concepts) emits every concept it may be: the weight of a
 * key falls with how often it occurs, and a key that finds no counterpart
 * costs nothing (miss_penalty 0), so the extra keys cannot hurt a true
 * pair. */
static int glossary_find(void *ctx, int side, const char *lang, const char *text, size_t len,
                         termin_align_emit_fn emit, void *emit_ctx)
{
	termin_matcher *m = ctx;
	const termin_term_hit *hits;
	size_t n;
	(void)side;
	int rc = termin_matcher_find(m, lang, text, len, &hits, &n);
	if (rc < 0)
		return rc;
	for (size_t k = 0; k < n; k++) {
		emit(emit_ctx, concept_key(hits[k].concept));
		for (size_t a = 0; a < hits[k].n_alternatives; a++) {
			const termin_concept *c = termin_term_concept(hits[k].alternatives[a]);
			if (c != hits[k].concept)
				emit(emit_ctx, concept_key(c));
		}
	}
	return 0;
}

void termin_align_glossary_anchors(termin_align_anchors *out, termin_matcher *m)
{
	memset(out, 0, sizeof *out);
	out->name = "glossary";
	out->p_keep = 0.7;
	out->miss_penalty = 0;
	out->find = glossary_find;
	out->ctx = m;
}
