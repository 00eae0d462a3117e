/*
 * test_outfile.c - JSON strings as the reports write them.
 */
#include "tt.h"

#include <stdio.h>
#include <stdlib.h>

/* The escapes one byte at a time, as termin_json_write_string must
 * write them. */
static void reference(char *out, const char *s, size_t len)
{
	char *o = out;
	*o++ = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			o += sprintf(o, "\\%c", c);
		else if (c == '\n')
			o += sprintf(o, "\\n");
		else if (c == '\r')
			o += sprintf(o, "\\r");
		else if (c == '\t')
			o += sprintf(o, "\\t");
		else if (c < 0x20 || c == 0x7F)
			o += sprintf(o, "\\u%04x", c);
		else
			*o++ = (char)c;
	}
	*o++ = '"';
	*o = '\0';
}

/* Every byte that needs an escape, at every place of texts long enough
 * for the eight-bytes-at-a-time scan, among ASCII and Cyrillic. */
void test_outfile__json_string_escapes(void)
{
	static const char specials[] = { '"', '\\', '\n', '\r', '\t', 0x01, 0x1F, 0x7F, ' ', '~' };
	const char *base = "Совет министров CSTO: abcdefghijklmnop";
	size_t blen = strlen(base);
	char text[128], want[1024], *got = NULL;
	size_t got_len = 0;
	for (size_t k = 0; k < sizeof specials; k++)
		for (size_t at = 0; at <= blen; at++) {
			memcpy(text, base, at);
			text[at] = specials[k];
			memcpy(text + at + 1, base + at, blen - at);
			size_t len = blen + 1;
			FILE *f = open_memstream(&got, &got_len);
			T_OK(termin_json_write_string(f, text, len));
			fclose(f);
			reference(want, text, len);
			T_EQ_STR(got, want);
			free(got);
			got = NULL;
		}
}
