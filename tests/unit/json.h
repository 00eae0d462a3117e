/*
 * json.h - a small JSON reader for tests that read data files (JSON lines
 * from ../shared, our own jsonl output). Not part of termin: the library
 * writes JSON but never needs to read it.
 *
 * tj_parse builds a tree of tj_value; strings are decoded to UTF-8 (with
 * \uXXXX escapes and surrogate pairs) and NUL-terminated. Free the root
 * with tj_free.
 */
#ifndef TT_JSON_H
#define TT_JSON_H

#include <stddef.h>

typedef enum { TJ_NULL, TJ_BOOL, TJ_NUMBER, TJ_STRING, TJ_ARRAY, TJ_OBJECT } tj_type;

typedef struct tj_value tj_value;
struct tj_value {
	tj_type type;
	double number;      /* TJ_NUMBER, and TJ_BOOL as 0 or 1 */
	char *str;          /* TJ_STRING */
	size_t len;         /* bytes of str */
	tj_value **items;   /* TJ_ARRAY elements, TJ_OBJECT values */
	char **keys;        /* TJ_OBJECT keys */
	size_t n;
};

/* Parses one JSON value from s[0..len) (white space around it allowed).
 * Returns NULL on a syntax error and sets *err to a static message. */
tj_value *tj_parse(const char *s, size_t len, const char **err);

/* The member `key` of an object, or NULL. */
const tj_value *tj_get(const tj_value *obj, const char *key);

/* The string member `key`, or NULL when absent or not a string. */
const char *tj_str(const tj_value *obj, const char *key);

void tj_free(tj_value *v);

/* Calls fn(line_number, value, arg) for every non-empty line of a JSON
 * lines buffer; a line that does not parse fails the test case. Returns the
 * number of values. */
size_t tj_each_line(const char *data, size_t len,
                    void (*fn)(size_t lineno, const tj_value *v, void *arg), void *arg);

#endif
