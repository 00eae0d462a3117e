/*
 * segrules.c - termin's built-in English and Russian segmentation rules.
 *
 * PLACEHOLDER: a minimal rule set (break after . ? ! followed by a space
 * and an upper-case letter, except after a few abbreviations). It is
 * replaced by the full rule set.
 */
#include "segment_internal.h"

#include <string.h>
#include <unicode/uchar.h>

static const char *const abbrev[] = { "Mr", "Mrs", "Dr", "Gen", "Col", "Lt", "St", "No", "etc", "г", "гг", NULL };

static int is_abbrev(const char *t, size_t end)
{
	size_t i = end;
	while (i > 0) {
		size_t j = i;
		int32_t cp = termin__utf8_prev(t, &j);
		if (cp < 0 || !u_isalpha(cp))
			break;
		i = j;
	}
	for (int k = 0; abbrev[k]; k++)
		if (strlen(abbrev[k]) == end - i && memcmp(abbrev[k], t + i, end - i) == 0)
			return 1;
	return 0;
}

void termin__rules_breaks(termin__lang lang, const char *text, size_t len, termin__breaks *out)
{
	(void)lang;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c != '.' && c != '?' && c != '!')
			continue;
		size_t j = i + 1;
		while (j < len && (text[j] == '.' || text[j] == '?' || text[j] == '!' || text[j] == '"' || text[j] == ')'))
			j++;
		if (j >= len || text[j] != ' ')
			continue;
		size_t k = j + 1;
		int32_t cp = termin__utf8_next(text, len, &k);
		if (!(u_isupper(cp) || u_isdigit(cp) || cp == '"'))
			continue;
		if (c == '.' && is_abbrev(text, i))
			continue;
		termin__breaks_add(out, j);
	}
}

int termin__rules_export_srx(FILE *f)
{
	(void)f;
	return termin__error_set(TERMIN_EUNSUPPORTED, "SRX export is not implemented yet");
}
