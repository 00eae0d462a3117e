/* Fuzzes `tm import` of TMX into a real SQLite TM (in memory): reading,
 * validation, storing, then reading every unit back. With the first
 * byte odd, invalid units are skipped instead of rejecting the file. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	termin_tm_opts to = TERMIN_TM_OPTS_INIT;
	termin_tm_import_opts io = TERMIN_TM_IMPORT_OPTS_INIT;
	termin_tm_import_result res;
	termin_tm *tm = NULL;
	termin_tm_iter *it = NULL;
	const termin_tmx_unit *u;
	size_t n = 0;

	if (termin_tm_open(&tm, ":memory:", &to) < 0)
		abort();
	io.format = "tmx";
	io.skip_invalid = size > 0 && (data[0] & 1);
	if (termin_tm_import(tm, fuzz_write(".tmx", data, size), &io, &res) == 0) {
		if (termin_tm_iter_new(&it, tm, NULL) < 0)
			abort();
		while (termin_tm_iter_next(it, &u) == 1)
			n++;
		termin_tm_iter_free(it);
		/* Every unit stored is read back; merged units count once. */
		if (n > res.units)
			abort();
		if (termin_tm_verify(tm) < 0)
			abort();
	}
	termin_tm_close(tm);
	return 0;
}
