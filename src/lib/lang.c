/*
 * lang.c - BCP 47 language codes: normalising and matching (termin/lang.h).
 */
#include "util.h"
#include "termin/lang.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <unicode/uloc.h>

static int is_iso639_1(const char *two)
{
	const char *const *list = uloc_getISOLanguages();
	for (; list && *list; list++)
		if (strcmp(*list, two) == 0)
			return 1;
	return 0;
}

/* For "russian": the ISO code whose English name it is, or NULL. */
static const char *code_for_name(const char *name, char buf[16])
{
	const char *const *list = uloc_getISOLanguages();
	for (; list && *list; list++) {
		UChar disp[64];
		char d8[128];
		UErrorCode e = U_ZERO_ERROR;
		int32_t n = uloc_getDisplayLanguage(*list, "en", disp, 64, &e);
		if (U_FAILURE(e) || n <= 0 || n >= 64)
			continue;
		/* English language names are ASCII for the ones that matter */
		int ok = 1;
		for (int32_t i = 0; i < n; i++) {
			if (disp[i] > 0x7F) {
				ok = 0;
				break;
			}
			d8[i] = (char)disp[i];
		}
		d8[n] = '\0';
		if (ok && strcasecmp(d8, name) == 0 && strlen(*list) < 16) {
			strcpy(buf, *list);
			return buf;
		}
	}
	return NULL;
}

static int all_alpha(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalpha((unsigned char)s[i]))
			return 0;
	return 1;
}

static int all_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int all_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]))
			return 0;
	return 1;
}

static int invalid(const char *code)
{
	char buf[16];
	const char *hint = code_for_name(code, buf);
	if (hint)
		return termin__error_set(TERMIN_EINVALID,
		                         "'%s' is not a BCP 47 language code (did you mean '%s'?)",
		                         code, hint);
	return termin__error_set(TERMIN_EINVALID, "'%s' is not a BCP 47 language code", code);
}

static int normalize(const char *code, char out[TERMIN_LANG_MAX]);

/* A small per-thread cache: a file repeats the same few codes millions of
 * times, and the ISO 639 check walks ICU's list. */
#define CACHE 8
static _Thread_local struct {
	char in[24], out[TERMIN_LANG_MAX];
	int rc;
} cache[CACHE];
static _Thread_local unsigned cache_next;

int termin_lang_normalize(const char *code, char out[TERMIN_LANG_MAX])
{
	size_t len = strlen(code);
	if (len < sizeof cache[0].in) {
		for (int i = 0; i < CACHE; i++)
			if (cache[i].in[0] && strcmp(cache[i].in, code) == 0) {
				strcpy(out, cache[i].out);
				return cache[i].rc;
			}
	}
	int rc = normalize(code, out);
	if (rc >= 0 && len < sizeof cache[0].in) {
		unsigned k = cache_next++ % CACHE;
		memcpy(cache[k].in, code, len + 1);
		strcpy(cache[k].out, out);
		cache[k].rc = rc;
	}
	return rc;
}

static int normalize(const char *code, char out[TERMIN_LANG_MAX])
{
	size_t len = strlen(code), o = 0;
	int repaired = 0;
	char tmp[TERMIN_LANG_MAX];

	out[0] = '\0';
	if (len == 0 || len >= TERMIN_LANG_MAX)
		return len ? termin__error_set(TERMIN_EINVALID, "language code too long: '%.20s...'", code)
		           : termin__error_set(TERMIN_EINVALID, "empty language code");
	for (size_t i = 0; i < len; i++) {
		char c = code[i];
		if (c == '_') {
			c = '-';
			repaired = 1;
		}
		if (c != '-' && !isalnum((unsigned char)c))
			return invalid(code);
		tmp[i] = c;
	}
	tmp[len] = '\0';

	/* walk the subtags */
	size_t pos = 0, idx = 0;
	int singleton = 0; /* after an extension or x- singleton: anything alnum 1-8 */
	while (pos <= len) {
		size_t end = pos;
		while (end < len && tmp[end] != '-')
			end++;
		size_t n = end - pos;
		const char *t = tmp + pos;
		if (n == 0 || n > 8 || !all_alnum(t, n))
			return invalid(code);
		char sub[9];
		for (size_t i = 0; i < n; i++)
			sub[i] = (char)tolower((unsigned char)t[i]);
		sub[n] = '\0';
		if (idx == 0) {
			if (n == 1 && (sub[0] == 'x' || sub[0] == 'i')) {
				singleton = 1;
			} else if (n == 2) {
				if (!all_alpha(sub, 2) || !is_iso639_1(sub))
					return invalid(code);
			} else if (n != 3 || !all_alpha(sub, 3)) {
				return invalid(code);
			}
		} else if (singleton) {
			/* private use or extension subtags: lower case */
		} else if (n == 1) {
			singleton = 1;
		} else if (n == 4 && all_alpha(sub, 4) && idx == 1) {
			sub[0] = (char)toupper((unsigned char)sub[0]); /* script */
		} else if ((n == 2 && all_alpha(sub, 2)) || (n == 3 && all_digit(sub, 3))) {
			for (size_t i = 0; i < n; i++)
				sub[i] = (char)toupper((unsigned char)sub[i]); /* region */
		} else if (n == 3 && all_alpha(sub, 3) && idx == 1) {
			/* extended language subtag */
		} else if (!((n >= 5) || (n == 4 && isdigit((unsigned char)sub[0])))) {
			return invalid(code); /* not a variant either */
		}
		if (idx)
			out[o++] = '-';
		memcpy(out + o, sub, n);
		o += n;
		idx++;
		pos = end + 1;
	}
	out[o] = '\0';
	if (singleton && idx == 1)
		return invalid(code); /* "x" alone */
	return repaired;
}

int termin_lang_matches(const char *code, const char *range)
{
	size_t n = strlen(range);
	if (strcmp(range, "*") == 0)
		return 1;
	if (strncasecmp(code, range, n) != 0)
		return 0;
	return code[n] == '\0' || code[n] == '-' || code[n] == '_';
}
