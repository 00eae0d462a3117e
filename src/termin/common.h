/*
 * termin/common.h - error codes, the last-error accessor and version.
 *
 * Every fallible function in the library returns an int: 0 on success, or
 * one of the negative TERMIN_E* codes below. The human-readable message for
 * the most recent failure on the calling thread is fetched with
 * termin_error_last(); it names the file, line (or segment) and what is
 * wrong wherever the library knows them. Never infer success from the error
 * state: look at the return code.
 */
#ifndef TERMIN_COMMON_H
#define TERMIN_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TERMIN_VERSION "0.1.0"

/* Error codes. Each maps to one documented CLI exit code (termin_exit_code). */
typedef enum {
	TERMIN_OK = 0,
	TERMIN_ERROR = -1,     /* internal error (a bug): exit 4 */
	TERMIN_EUSAGE = -2,    /* invalid argument or option: exit 2 */
	TERMIN_EINVALID = -3,  /* malformed input data: exit 3 */
	TERMIN_EENCODING = -4, /* input not in the expected encoding: exit 3 */
	TERMIN_ENOTFOUND = -5, /* a named thing does not exist: exit 4 */
	TERMIN_EIO = -6,       /* a file cannot be opened, read or written: exit 4 */
	TERMIN_EDB = -7,       /* the database failed: exit 4 */
	TERMIN_EUNSUPPORTED = -8 /* valid input we cannot handle: exit 3 */
} termin_error_code;

/* Documented exit codes of the command-line tool. */
enum {
	TERMIN_EXIT_OK = 0,
	TERMIN_EXIT_FINDINGS = 1,
	TERMIN_EXIT_USAGE = 2,
	TERMIN_EXIT_BADINPUT = 3,
	TERMIN_EXIT_IO = 4
};

typedef struct {
	int code;            /* one of termin_error_code */
	const char *message; /* owned by the library, valid until the next error */
} termin_error;

/* Returns the last error recorded on this thread, or NULL when none was.
 * The returned pointer and its message stay valid until the next library
 * call that fails on the same thread. */
const termin_error *termin_error_last(void);

/* Forgets the last error of this thread. */
void termin_error_clear(void);

/* Maps a library return code (0 or TERMIN_E*) to the CLI exit code. */
int termin_exit_code(int error_code);

/* The library version as "MAJOR.MINOR.PATCH". */
const char *termin_version(void);

#ifdef __cplusplus
}
#endif

#endif
