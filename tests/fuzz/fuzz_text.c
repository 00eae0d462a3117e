/* Fuzzes the text reader and cleaner: decoding (UTF-8, BOMs, a legacy
 * encoding), line splitting with a small piece size, cleaning, offsets. The
 * first byte picks the options so that one corpus covers all of them. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	termin_textfile_opts o = TERMIN_TEXTFILE_OPTS_INIT;
	termin_textfile *t = NULL;
	termin_line line;
	unsigned flags = 0;
	int rc;

	if (size > 0) {
		flags = data[0];
		data++;
		size--;
	}
	o.clean = !(flags & 1);
	if (flags & 2)
		o.encoding = (flags & 4) ? "windows-1251" : "UTF-16LE";
	if (flags & 8)
		o.max_line = 16 + (flags >> 4);
	if (termin_textfile_open_buffer(&t, "fuzz.txt", (const char *)data, size, &o) < 0)
		return 0;
	while ((rc = termin_textfile_next(t, &line)) == 1) {
		/* Offsets of the first, middle and last byte map into the input. */
		uint64_t a = termin_textfile_offset(t, 0);
		uint64_t b = termin_textfile_offset(t, line.len / 2);
		uint64_t c = termin_textfile_offset(t, line.len);
		if (!(flags & 2) && (a > size || b > size || c > size))
			abort();
	}
	termin_textfile_stats st;
	termin_textfile_get_stats(t, &st);
	for (size_t i = 0; i < st.repeated && i < 1000; i++) {
		size_t l, first;
		termin_textfile_repeat(t, i, &l, &first);
	}
	termin_textfile_free(t);
	return 0;
}
