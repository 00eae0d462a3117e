/*
 * util.h - internal helpers shared by the library's modules: allocation,
 * growable buffers, error reporting, hashing and UTF-8.
 *
 * Allocation failure is not recoverable in termin: the x* allocators print
 * a message and abort, as cmark does, so callers need not check them.
 */
#ifndef TERMIN_UTIL_H
#define TERMIN_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "termin/common.h"

#if defined(__GNUC__)
#define TERMIN_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TERMIN_PRINTF(f, a)
#endif

#define TERMIN_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- allocation ---- */
void *termin__xmalloc(size_t n);
void *termin__xcalloc(size_t n, size_t size);
void *termin__xrealloc(void *p, size_t n);
char *termin__xstrdup(const char *s);
char *termin__xstrndup(const char *s, size_t n);

/* Grows `*arr` (element size `size`) so it holds at least `need` elements.
 * The macro tests first, inline: it runs once per element pushed in the
 * checks' inner loops (its arguments are evaluated twice). */
void termin__grow(void **arr, size_t *cap, size_t need, size_t size);
#define TERMIN_GROW(arr, cap, need)                                                  \
	do {                                                                         \
		if ((need) > (cap))                                                  \
			termin__grow((void **)&(arr), &(cap), (need), sizeof(*(arr))); \
	} while (0)

/* ---- errors ---- */
/* Records an error for termin_error_last() and returns `code`. */
int termin__error_set(int code, const char *fmt, ...) TERMIN_PRINTF(2, 3);
/* Same, appending ": strerror(errno_value)". */
int termin__error_errno(int code, int errno_value, const char *fmt, ...) TERMIN_PRINTF(3, 4);
/* Prefixes the current message with "prefix: " (for context from callers). */
void termin__error_prefix(const char *fmt, ...) TERMIN_PRINTF(1, 2);

/* ---- growable byte buffer, always NUL-terminated ---- */
typedef struct {
	char *ptr;
	size_t len;
	size_t cap;
} termin_buf;

#define TERMIN_BUF_INIT { NULL, 0, 0 }

void termin_buf_reserve(termin_buf *b, size_t extra);
void termin_buf_put(termin_buf *b, const char *data, size_t len);
void termin_buf_puts(termin_buf *b, const char *s);
void termin_buf_putc(termin_buf *b, char c);
void termin_buf_printf(termin_buf *b, const char *fmt, ...) TERMIN_PRINTF(2, 3);
void termin_buf_clear(termin_buf *b);
void termin_buf_free(termin_buf *b);
/* Returns the contents, NUL-terminated, and leaves `b` empty; free() it. */
char *termin_buf_detach(termin_buf *b);

/* ---- arena: many small allocations freed together ---- */
/* Memory from termin__arena_alloc stays where it is until the arena is
 * reset or freed (chunks are chained, never moved). */
typedef struct termin__chunk termin__chunk;
typedef struct {
	termin__chunk *head;    /* the chunk being filled; older ones follow */
	size_t bytes;           /* handed out since the last reset */
} termin__arena;

#define TERMIN_ARENA_INIT { NULL, 0 }

/* `n` bytes aligned for any type; never NULL. */
void *termin__arena_alloc(termin__arena *a, size_t n);
/* A copy of `len` bytes plus a NUL; NULL for NULL. */
char *termin__arena_strndup(termin__arena *a, const char *s, size_t len);
/* Forgets every allocation and keeps the largest chunk for reuse. */
void termin__arena_reset(termin__arena *a);
void termin__arena_free(termin__arena *a);

/* ---- hashing ---- */
uint64_t termin__hash64(const void *data, size_t len, uint64_t seed);

/* ---- UTF-8 ---- */
/* Decodes the code point at s[*i] (len bytes total) and advances *i.
 * Returns -1 (and advances by one byte) on malformed input. */
int32_t termin__utf8_next(const char *s, size_t len, size_t *i);
/* Decodes the code point ending just before s[*i] and moves *i back. */
int32_t termin__utf8_prev(const char *s, size_t *i);
/* termin__utf8_next with ASCII and the two-byte letters of Russian
 * inline: for the loops over every character of a text. */
static inline int32_t termin__utf8_next_fast(const char *s, size_t len, size_t *i)
{
	unsigned char c = (unsigned char)s[*i];
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if ((c == 0xD0 || c == 0xD1) && *i + 1 < len && ((unsigned char)s[*i + 1] & 0xC0) == 0x80) {
		int32_t cp = ((c & 0x1F) << 6) | ((unsigned char)s[*i + 1] & 0x3F);
		*i += 2;
		return cp;
	}
	return termin__utf8_next(s, len, i);
}
/* Encodes `cp` into out (at least 4 bytes); returns the byte count. */
int termin__utf8_encode(int32_t cp, char *out);
/* The characters in n bytes of UTF-8: the bytes that are not continuation
 * bytes (10xxxxxx), counted eight at a time. */
size_t termin__utf8_count(const char *s, size_t n);
/* Length of the longest valid UTF-8 prefix of s; equals len when valid.
 * `*partial` is set when the invalid tail is an incomplete sequence that
 * could be completed by more bytes. */
size_t termin__utf8_valid_prefix(const char *s, size_t len, int *partial);

/* Unicode white space (including NBSP and the other fixed-width spaces). */
int termin__is_space(int32_t cp);
/* Zero-width or invisible characters that cleaning removes (ZWSP, soft
 * hyphen, BOM inside the text, ...). */
int termin__is_invisible(int32_t cp);

/* ---- hunspell dictionaries ---- */
/* Finds name.aff and name.dic along $TERMIN_DICT_PATH, then the system
 * directories; on success sets malloc'd paths and returns 1, else 0. */
int termin__dict_locate(const char *name, char **aff, char **dic);

/* Loading a dictionary is slow (ru_RU takes 80 ms), so a handle given back
 * with termin__hunspell_close stays loaded, idle, for the next object that
 * opens the same files. A handle is lent to one object at a time: two
 * objects, or two threads, never share one. NULL when hunspell cannot
 * load the files. */
struct Hunhandle;
struct Hunhandle *termin__hunspell_open(const char *aff, const char *dic);
void termin__hunspell_close(struct Hunhandle *h);

/* The first part of termin_speller_suggest_quick: the words one edit
 * away that a dictionary of the word's script accepts, in its order; 0
 * when there are none (hunspell's own search is not run). */
struct termin_speller;
int termin__speller_suggest_edits(struct termin_speller *s, const char *word, size_t len, char **out, int max);
/* A speller that asks only the dictionary `name` of `base`, through its
 * handle (loaded there when first needed: no second copy), with a cache
 * of its own and no word lists. Use it where base is used (one thread or
 * one lock) and free it before base. TERMIN_ENOTFOUND when base has no
 * such dictionary. */
int termin__speller_view(struct termin_speller *base, const char *name, struct termin_speller **out);

/* ---- files ---- */
/* Reads a whole (small) file into memory. */
int termin__read_file(const char *path, char **out, size_t *len);

/* The last component of `path` (after the last '/'), inside `path`. */
const char *termin__path_base(const char *path);

/* 1 when `path` ends with `suffix` (".tmx"), compared case-insensitively. */
int termin__path_has_suffix(const char *path, const char *suffix);

#endif

/* ---- string-keyed hash map: byte-string keys (copied) to intptr_t ---- */
typedef struct termin_strmap termin_strmap;

termin_strmap *termin_strmap_new(void);
void termin_strmap_free(termin_strmap *m);
/* Looks `key` up; returns 1 and sets *value when present, else 0. */
int termin_strmap_get(const termin_strmap *m, const char *key, size_t len, intptr_t *value);
/* Inserts or replaces. */
void termin_strmap_put(termin_strmap *m, const char *key, size_t len, intptr_t value);
size_t termin_strmap_size(const termin_strmap *m);
/* Iterates: start with *iter = 0; returns 0 when done. The key pointer is
 * valid while the map lives (keys are NUL-terminated copies). */
int termin_strmap_next(const termin_strmap *m, size_t *iter, const char **key, size_t *len,
                       intptr_t *value);
