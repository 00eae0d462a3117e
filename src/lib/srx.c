/*
 * srx.c - SRX 2.0 rule files. PLACEHOLDER until the SRX engine lands.
 */
#include "segment_internal.h"

int termin__srx_load(termin__srx **out, const char *path)
{
	*out = NULL;
	return termin__error_set(TERMIN_EUNSUPPORTED, "%s: SRX rules are not supported yet", path);
}

int termin__srx_breaks(termin__srx *srx, const char *lang, const char *text, size_t len,
                       termin__breaks *out)
{
	(void)srx; (void)lang; (void)text; (void)len; (void)out;
	return TERMIN_EUNSUPPORTED;
}

void termin__srx_free(termin__srx *srx)
{
	(void)srx;
}
