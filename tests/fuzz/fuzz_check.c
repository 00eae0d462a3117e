/* Fuzzes `termin check` on a file: the XLIFF 1.2/2.0 reader (and, with
 * the first byte odd, the format guessed from the content: TMX, XLIFF,
 * TSV), every check on the units read, and the JSON report. The
 * dictionaries are loaded once and lent to a fresh checker per input. */
#include "fuzz.h"

static termin_speller *sp;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	termin_checker_opts co = TERMIN_CHECKER_OPTS_INIT;
	termin_check_input_opts io = TERMIN_CHECK_INPUT_OPTS_INIT;
	termin_report_opts ro = TERMIN_REPORT_OPTS_INIT;
	termin_checker *ck = NULL;

	if (!sp) {
		if (termin_speller_new(&sp) < 0)
			abort();
		termin_speller_add_dict(sp, "en_US"); /* missing dictionaries: fewer checks */
		termin_speller_add_dict(sp, "ru_RU");
	}
	co.speller = sp;
	if (termin_checker_new(&ck, &co) < 0)
		abort();
	io.format = size > 0 && (data[0] & 1) ? TERMIN_CHECK_AUTO : TERMIN_CHECK_XLIFF;
	io.src = "en";
	io.tgt = "ru";
	if (termin_check_file(ck, fuzz_write(".xlf", data, size), &io) == 0 &&
	    termin_checker_finish(ck) == 0) {
		FILE *devnull = fopen("/dev/null", "w");
		if (!devnull)
			abort();
		ro.format = TERMIN_REPORT_JSON;
		termin_check_report(ck, devnull, &ro);
		fclose(devnull);
	}
	termin_checker_free(ck);
	return 0;
}
