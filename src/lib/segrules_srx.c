/*
 * segrules_srx.c - termin's built-in rules written as an SRX 2.0 document.
 */
#include "segrules.h"

int termin__rules_export_srx(FILE *f)
{
	(void)f;
	return termin__error_set(TERMIN_EUNSUPPORTED, "SRX export is not implemented yet");
}
