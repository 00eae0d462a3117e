/*
 * fuzz.h - helpers shared by the libFuzzer harnesses in tests/fuzz/.
 *
 * Every harness is one file fuzz_NAME.c defining LLVMFuzzerTestOneInput
 * through the public API only (src/termin.h), like any other caller. The
 * Makefile finds them by that name pattern; `make fuzz` runs each one.
 */
#ifndef TERMIN_FUZZ_H
#define TERMIN_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "termin.h"

/* The path of a scratch file private to this process, created on first
 * use in $TMPDIR (default /tmp) and removed at exit, for APIs that read
 * files rather than buffers. `ext` is its extension (".tmx"). */
static char fuzz_path_buf[256];

static inline void fuzz_path_remove(void)
{
	if (fuzz_path_buf[0])
		unlink(fuzz_path_buf);
}

static inline const char *fuzz_path(const char *ext)
{
	if (!fuzz_path_buf[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(fuzz_path_buf, sizeof fuzz_path_buf, "%s/termin-fuzz-%ld%s",
		         tmp && *tmp ? tmp : "/tmp", (long)getpid(), ext);
		atexit(fuzz_path_remove);
	}
	return fuzz_path_buf;
}

/* Writes the input to the scratch file; aborts when it cannot (that is a
 * problem of the machine, not a finding). */
static inline const char *fuzz_write(const char *ext, const uint8_t *data, size_t size)
{
	const char *p = fuzz_path(ext);
	FILE *f = fopen(p, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(p);
		abort();
	}
	return p;
}

#endif
