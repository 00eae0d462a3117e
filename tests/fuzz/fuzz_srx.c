/* Fuzzes the SRX loader (untrusted XML, ICU regular expressions, language
 * maps, cascading) and then segments a fixed text with what it loaded. */
#include "fuzz.h"

static const char text[] =
	"The CSTO was founded in 1992. Mr. Smith arrived at 10 a.m. on Monday!\n"
	"ОДКБ создана в 1992 г. Генсек ОДКБ т. е. И. Тасмагамбетов. Что дальше?";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *langs[] = { "en", "ru-RU", "de", "pt-BR", "x" };
	termin_segmenter_opts so = TERMIN_SEGMENTER_OPTS_INIT;
	termin_segmenter *seg = NULL;
	const termin_span *spans;
	size_t n;

	so.srx_path = fuzz_write(".srx", data, size);
	if (termin_segmenter_new(&seg, &so) < 0)
		return 0;
	for (size_t k = 0; k < 5; k++) {
		if (termin_segmenter_split(seg, langs[k], text, sizeof text - 1, &spans, &n) < 0)
			continue;
		for (size_t i = 0; i < n; i++)
			if (spans[i].end <= spans[i].start || spans[i].end > sizeof text - 1)
				abort();
	}
	termin_segmenter_free(seg);
	return 0;
}
