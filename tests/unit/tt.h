/*
 * tt.h - the unit-test harness (in the spirit of libgit2's clar).
 *
 * A test case is any function `void test_<module>__<case>(void)` in
 * tests/unit/test_<module>.c, written at the start of a line exactly so:
 * the build finds it by name. Each case runs in its own process, so a
 * crash fails that case only. Assertions stop the case at the first
 * failure and print file:line and both values.
 */
#ifndef TT_H
#define TT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "termin.h"

void tt_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));
void tt_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#define T_ASSERT(c) do { if (!(c)) tt_fail(__FILE__, __LINE__, "assertion failed: %s", #c); } while (0)

#define T_EQ_INT(a, b) do { long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) tt_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, a_, b_); } while (0)

#define T_EQ_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
	if (!a_ || !b_ || strcmp(a_, b_) != 0) \
		tt_fail(__FILE__, __LINE__, "%s == %s:\n  got:      \"%s\"\n  expected: \"%s\"", \
		        #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); } while (0)

#define T_EQ_MEM(a, alen, b) do { const char *a_ = (a), *b_ = (b); size_t al_ = (alen); \
	if (al_ != strlen(b_) || memcmp(a_, b_, al_) != 0) \
		tt_fail(__FILE__, __LINE__, "%s == %s:\n  got:      \"%.*s\"\n  expected: \"%s\"", \
		        #a, #b, (int)al_, a_, b_); } while (0)

/* The call must return 0 (or >= 0); otherwise print termin_error_last(). */
#define T_OK(expr) do { int r_ = (expr); if (r_ < 0) { const termin_error *e_ = termin_error_last(); \
	tt_fail(__FILE__, __LINE__, "%s failed (%d): %s", #expr, r_, e_ ? e_->message : "?"); } } while (0)

/* The call must fail with `code`. */
#define T_FAILS(expr, code) do { int r_ = (expr); if (r_ != (code)) \
	tt_fail(__FILE__, __LINE__, "%s returned %d, expected %d", #expr, r_, (int)(code)); } while (0)

#define T_SKIP(...) tt_skip(__VA_ARGS__)

/* Path of a file under ../shared (the SHARED environment variable). When
 * the shared folder is absent the case is skipped with a notice, or fails
 * when CI=true. The string is static, valid until the next call. */
const char *tt_shared(const char *rel);

/* Path of a file in the source tree (tests/data/..., examples/...). */
const char *tt_src(const char *rel);

/* A fresh temporary directory for this case, removed afterwards. */
const char *tt_tmpdir(void);

/* Reads a whole file into a malloc'd NUL-terminated string (or fails). */
char *tt_read(const char *path, size_t *len);

/* Writes a file (or fails). */
void tt_write(const char *path, const char *data, size_t len);

#endif
