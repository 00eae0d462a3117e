/*
 * icu_split.c - the peer in `make bench`: splits a UTF-8 text into
 * sentences with ICU's sentence BreakIterator, line by line (a line break
 * ends a segment, as in termin), and writes one trimmed segment per line to
 * standard output. The same work as `termin segment --no-clean`, minus the
 * cleaning and language detection termin does on top.
 *
 *   icu_split [LOCALE] < text > segments
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int main(int argc, char **argv)
{
	const char *locale = argc > 1 ? argv[1] : "en";
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &err);
	UText *ut = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	static char obuf[1 << 16];

	if (U_FAILURE(err)) {
		fprintf(stderr, "icu_split: ubrk_open: %s\n", u_errorName(err));
		return 1;
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
	while ((n = getline(&line, &cap, stdin)) > 0) {
		while (n > 0 && is_blank((unsigned char)line[n - 1]))
			n--;
		if (n == 0)
			continue;
		err = U_ZERO_ERROR;
		ut = utext_openUTF8(ut, line, n, &err);
		ubrk_setUText(bi, ut, &err);
		if (U_FAILURE(err)) {
			fprintf(stderr, "icu_split: %s\n", u_errorName(err));
			return 1;
		}
		int32_t start = ubrk_first(bi), end;
		while ((end = ubrk_next(bi)) != UBRK_DONE) {
			int32_t a = start, b = end;
			while (a < b && is_blank((unsigned char)line[a]))
				a++;
			while (b > a && is_blank((unsigned char)line[b - 1]))
				b--;
			if (b > a) {
				fwrite(line + a, 1, (size_t)(b - a), stdout);
				putchar('\n');
			}
			start = end;
		}
	}
	utext_close(ut);
	ubrk_close(bi);
	free(line);
	return fflush(stdout) == 0 ? 0 : 1;
}
