/*
 * json.c - the tests' JSON reader (see json.h).
 */
#include "json.h"
#include "tt.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *s;
	size_t len, i;
	const char *err;
	int depth;
} parser;

static void ws(parser *p)
{
	while (p->i < p->len && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
		p->i++;
}

static tj_value *fail(parser *p, const char *msg)
{
	if (!p->err)
		p->err = msg;
	return NULL;
}

static tj_value *new_value(tj_type t)
{
	tj_value *v = calloc(1, sizeof *v);
	if (!v)
		abort();
	v->type = t;
	return v;
}

static int hex4(parser *p, unsigned *out)
{
	unsigned v = 0;
	if (p->i + 4 > p->len)
		return 0;
	for (int k = 0; k < 4; k++) {
		char c = p->s[p->i++];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v |= (unsigned)((c | 0x20) - 'a' + 10);
		else
			return 0;
	}
	*out = v;
	return 1;
}

static void put_utf8(char *o, size_t *n, unsigned cp)
{
	if (cp < 0x80) {
		o[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		o[(*n)++] = (char)(0xC0 | (cp >> 6));
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		o[(*n)++] = (char)(0xE0 | (cp >> 12));
		o[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else {
		o[(*n)++] = (char)(0xF0 | (cp >> 18));
		o[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
		o[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[(*n)++] = (char)(0x80 | (cp & 0x3F));
	}
}

/* Parses a string at p->i (on the opening quote) into a malloc'd buffer. */
static char *parse_string(parser *p, size_t *olen)
{
	size_t n = 0;
	char *o;
	p->i++;
	/* decoded text is never longer than the source */
	o = malloc(p->len - p->i + 1);
	if (!o)
		abort();
	while (p->i < p->len) {
		unsigned char c = (unsigned char)p->s[p->i++];
		if (c == '"') {
			o[n] = '\0';
			*olen = n;
			return o;
		}
		if (c < 0x20)
			break;
		if (c != '\\') {
			o[n++] = (char)c;
			continue;
		}
		if (p->i >= p->len)
			break;
		c = (unsigned char)p->s[p->i++];
		switch (c) {
		case '"': case '\\': case '/': o[n++] = (char)c; break;
		case 'b': o[n++] = '\b'; break;
		case 'f': o[n++] = '\f'; break;
		case 'n': o[n++] = '\n'; break;
		case 'r': o[n++] = '\r'; break;
		case 't': o[n++] = '\t'; break;
		case 'u': {
			unsigned cp, lo;
			if (!hex4(p, &cp))
				goto bad;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (p->i + 6 > p->len || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u')
					goto bad;
				p->i += 2;
				if (!hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF)
					goto bad;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
				goto bad;
			}
			put_utf8(o, &n, cp);
			break;
		}
		default:
			goto bad;
		}
	}
bad:
	free(o);
	p->err = p->err ? p->err : "bad string";
	return NULL;
}

static tj_value *parse_value(parser *p);

static tj_value *parse_container(parser *p, int object)
{
	tj_value *v = new_value(object ? TJ_OBJECT : TJ_ARRAY);
	size_t cap = 0;
	char close = object ? '}' : ']';
	p->i++;
	ws(p);
	if (p->i < p->len && p->s[p->i] == close) {
		p->i++;
		return v;
	}
	for (;;) {
		char *key = NULL;
		size_t klen;
		ws(p);
		if (object) {
			if (p->i >= p->len || p->s[p->i] != '"' || !(key = parse_string(p, &klen)))
				goto bad;
			ws(p);
			if (p->i >= p->len || p->s[p->i] != ':') {
				free(key);
				goto bad;
			}
			p->i++;
		}
		tj_value *item = parse_value(p);
		if (!item) {
			free(key);
			goto bad;
		}
		if (v->n == cap) {
			cap = cap ? cap * 2 : 8;
			v->items = realloc(v->items, cap * sizeof *v->items);
			if (object)
				v->keys = realloc(v->keys, cap * sizeof *v->keys);
			if (!v->items || (object && !v->keys))
				abort();
		}
		v->items[v->n] = item;
		if (object)
			v->keys[v->n] = key;
		v->n++;
		ws(p);
		if (p->i < p->len && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->len && p->s[p->i] == close) {
			p->i++;
			return v;
		}
		goto bad;
	}
bad:
	tj_free(v);
	return fail(p, object ? "bad object" : "bad array");
}

static tj_value *parse_value(parser *p)
{
	ws(p);
	if (p->i >= p->len)
		return fail(p, "unexpected end");
	if (++p->depth > 200)
		return fail(p, "nested too deeply");
	char c = p->s[p->i];
	tj_value *v = NULL;
	if (c == '{' || c == '[') {
		v = parse_container(p, c == '{');
	} else if (c == '"') {
		size_t n;
		char *s = parse_string(p, &n);
		if (s) {
			v = new_value(TJ_STRING);
			v->str = s;
			v->len = n;
		}
	} else if (p->len - p->i >= 4 && memcmp(p->s + p->i, "true", 4) == 0) {
		v = new_value(TJ_BOOL);
		v->number = 1;
		p->i += 4;
	} else if (p->len - p->i >= 5 && memcmp(p->s + p->i, "false", 5) == 0) {
		v = new_value(TJ_BOOL);
		p->i += 5;
	} else if (p->len - p->i >= 4 && memcmp(p->s + p->i, "null", 4) == 0) {
		v = new_value(TJ_NULL);
		p->i += 4;
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		char buf[64], *end;
		size_t n = 0;
		while (p->i + n < p->len && n < sizeof buf - 1 && strchr("+-0123456789.eE", p->s[p->i + n]))
			n++;
		memcpy(buf, p->s + p->i, n);
		buf[n] = '\0';
		v = new_value(TJ_NUMBER);
		v->number = strtod(buf, &end);
		if (end != buf + n) {
			tj_free(v);
			v = fail(p, "bad number");
		} else {
			p->i += n;
		}
	} else {
		v = fail(p, "unexpected character");
	}
	p->depth--;
	return v;
}

tj_value *tj_parse(const char *s, size_t len, const char **err)
{
	parser p = { s, len, 0, NULL, 0 };
	tj_value *v = parse_value(&p);
	if (v) {
		ws(&p);
		if (p.i != len) {
			tj_free(v);
			v = fail(&p, "trailing characters");
		}
	}
	if (err)
		*err = p.err;
	return v;
}

const tj_value *tj_get(const tj_value *obj, const char *key)
{
	if (!obj || obj->type != TJ_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

const char *tj_str(const tj_value *obj, const char *key)
{
	const tj_value *v = tj_get(obj, key);
	return v && v->type == TJ_STRING ? v->str : NULL;
}

void tj_free(tj_value *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		tj_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	free(v);
}

size_t tj_each_line(const char *data, size_t len,
                    void (*fn)(size_t lineno, const tj_value *v, void *arg), void *arg)
{
	size_t count = 0, lineno = 0, i = 0;
	while (i < len) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (data + i)) : len - i;
		const char *err = NULL;
		lineno++;
		size_t k = 0;
		while (k < n && strchr(" \t\r", data[i + k]))
			k++;
		if (k < n) {
			tj_value *v = tj_parse(data + i, n, &err);
			if (!v)
				tt_fail(__FILE__, __LINE__, "JSON line %zu: %s", lineno, err ? err : "?");
			fn(lineno, v, arg);
			tj_free(v);
			count++;
		}
		i += n + 1;
	}
	return count;
}
