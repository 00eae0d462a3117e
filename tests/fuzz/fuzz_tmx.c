/* Fuzzes the streaming TMX reader: every unit of the input is read and
 * its fields touched, warnings included. */
#include "fuzz.h"

static void warn(void *ctx, const char *msg)
{
	(*(size_t *)ctx) += strlen(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	termin_tmx_reader_opts o = TERMIN_TMX_READER_OPTS_INIT;
	termin_tmx_reader *r = NULL;
	const termin_tmx_unit *u;
	size_t sum = 0;

	o.warn = warn;
	o.ctx = &sum;
	if (termin_tmx_reader_open(&r, fuzz_write(".tmx", data, size), &o) < 0) {
		termin_tmx_reader_free(r);
		return 0;
	}
	const termin_tmx_info *info = termin_tmx_reader_info(r);
	for (size_t i = 0; i < info->n_meta; i++)
		sum += strlen(info->meta[i].text);
	while (termin_tmx_reader_next(r, &u) == 1) {
		sum += strlen(u->srclang);
		for (size_t v = 0; v < u->n_variants; v++) {
			const termin_tmx_variant *tv = &u->variants[v];
			if (strlen(tv->lang) == 0 || memchr(tv->markup, 0, tv->markup_len) ||
			    memchr(tv->text, 0, tv->text_len))
				abort();
			sum += tv->markup_len + tv->text_len + tv->n_meta;
		}
	}
	termin_tmx_reader_free(r);
	return (int)(sum & 0);
}
