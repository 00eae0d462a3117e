/*
 * termin/io.h - output files that appear whole or not at all.
 *
 * Every file termin writes goes to a temporary name beside the target and is
 * renamed over it only when the writer commits. A failed or interrupted run
 * therefore never leaves a half-written file behind.
 */
#ifndef TERMIN_IO_H
#define TERMIN_IO_H

#include <stdio.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct termin_outfile termin_outfile;

/* Opens an output file. `path` NULL or "-" means standard output (written
 * directly, nothing to rename). Otherwise a temporary file is created in the
 * target's directory. The caller ends with termin_outfile_commit or
 * termin_outfile_abort, each of which frees the object. */
int termin_outfile_open(termin_outfile **out, const char *path);

/* The stdio stream to write to; owned by the outfile. */
FILE *termin_outfile_stream(termin_outfile *f);

/* The final path ("-" for standard output). */
const char *termin_outfile_path(const termin_outfile *f);

/* Flushes, syncs and renames the temporary file over the target, then frees
 * `f`. On failure the temporary file is removed and TERMIN_EIO returned. */
int termin_outfile_commit(termin_outfile *f);

/* Removes the temporary file and frees `f`. NULL does nothing. */
void termin_outfile_abort(termin_outfile *f);

/* Unlinks every temporary file still open in this process. Only calls
 * unlink(2), so a signal handler may call it before it exits. */
void termin_outfile_cleanup_all(void);

/* Writes `s` (UTF-8, `len` bytes) as a JSON string literal with quotes,
 * escaping what JSON requires. Returns 0 or TERMIN_EIO. */
int termin_json_write_string(FILE *f, const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
