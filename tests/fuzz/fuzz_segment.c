/* Fuzzes the segmenter with its built-in rules: the splitter on raw bytes
 * in English, Russian and another language, then the whole stream (reader,
 * cleaner, language detection, segmenter) over the same input. */
#include "fuzz.h"

static termin_segmenter *seg;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *langs[] = { "en", "ru", "de-AT" };
	const termin_span *spans;
	size_t n;

	if (!seg) {
		termin_segmenter_opts so = TERMIN_SEGMENTER_OPTS_INIT;
		if (termin_segmenter_new(&seg, &so) < 0)
			abort();
	}
	for (size_t k = 0; k < 3; k++) {
		if (termin_segmenter_split(seg, langs[k], (const char *)data, size, &spans, &n) < 0)
			continue;
		size_t last = 0;
		for (size_t i = 0; i < n; i++) {
			/* Spans are ordered, non-empty and inside the text. */
			if (spans[i].start < last || spans[i].end <= spans[i].start || spans[i].end > size)
				abort();
			last = spans[i].end;
		}
	}

	termin_textfile_opts o = TERMIN_TEXTFILE_OPTS_INIT;
	termin_textfile *t = NULL;
	termin_segstream *ss = NULL;
	termin_segment s;
	if (termin_textfile_open_buffer(&t, "fuzz.txt", (const char *)data, size, &o) < 0)
		return 0;
	if (termin_segstream_new(&ss, t, seg, "auto") == 0) {
		while (termin_segstream_next(ss, &s) == 1)
			if (s.len == 0 || s.end < s.start)
				abort();
		termin_segstream_free(ss);
	}
	termin_textfile_free(t);
	return 0;
}
