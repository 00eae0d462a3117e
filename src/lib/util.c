/*
 * util.c - allocation, buffers, hashing and UTF-8 helpers (see util.h).
 */
#include "util.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static void oom(size_t n)
{
	fprintf(stderr, "termin: out of memory (allocating %zu bytes)\n", n);
	abort();
}

void *termin__xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *termin__xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *termin__xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *termin__xstrdup(const char *s)
{
	return termin__xstrndup(s, strlen(s));
}

char *termin__xstrndup(const char *s, size_t n)
{
	char *p = termin__xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void termin__grow(void **arr, size_t *cap, size_t need, size_t size)
{
	size_t c;
	if (need <= *cap)
		return;
	c = *cap ? *cap : 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			oom(SIZE_MAX);
		c *= 2;
	}
	*arr = termin__xrealloc(*arr, c * size);
	*cap = c;
}

/* ---- buffers ---- */

void termin_buf_reserve(termin_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t c = b->cap ? b->cap : 64;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			oom(need);
		c *= 2;
	}
	b->ptr = termin__xrealloc(b->ptr, c);
	b->cap = c;
}

void termin_buf_put(termin_buf *b, const char *data, size_t len)
{
	termin_buf_reserve(b, len);
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void termin_buf_puts(termin_buf *b, const char *s)
{
	termin_buf_put(b, s, strlen(s));
}

void termin_buf_putc(termin_buf *b, char c)
{
	termin_buf_reserve(b, 1);
	b->ptr[b->len++] = c;
	b->ptr[b->len] = '\0';
}

void termin_buf_printf(termin_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	termin_buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void termin_buf_clear(termin_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void termin_buf_free(termin_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

/* ---- arena ---- */

struct termin__chunk {
	termin__chunk *next;
	size_t used, cap;
	max_align_t mem[];
};

#define ARENA_CHUNK ((size_t)64 << 10)

void *termin__arena_alloc(termin__arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	termin__chunk *c = a->head;
	n = (n + align - 1) / align * align;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		c = termin__xmalloc(sizeof *c + cap);
		c->used = 0;
		c->cap = cap;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->mem + c->used;
	c->used += n;
	a->bytes += n;
	return p;
}

char *termin__arena_strndup(termin__arena *a, const char *s, size_t len)
{
	if (!s)
		return NULL;
	char *p = termin__arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void termin__arena_reset(termin__arena *a)
{
	termin__chunk *keep = NULL, *c, *next;
	for (c = a->head; c; c = next) {
		next = c->next;
		if (!keep || c->cap > keep->cap) {
			free(keep);
			keep = c;
		} else {
			free(c);
		}
	}
	if (keep) {
		keep->used = 0;
		keep->next = NULL;
	}
	a->head = keep;
	a->bytes = 0;
}

void termin__arena_free(termin__arena *a)
{
	termin__arena_reset(a);
	free(a->head);
	a->head = NULL;
}

char *termin_buf_detach(termin_buf *b)
{
	char *p = b->ptr ? b->ptr : termin__xstrdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

/* ---- hashing: 64-bit, eight bytes at a time (in the manner of xxHash's
 * single lane), with Murmur3's final mixer. Fast enough to digest whole
 * files and hash every segment of a large import. Values are not stable
 * across termin versions unless stored: the TM stores them, so changing
 * this function needs a schema migration. ---- */

static inline uint64_t rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

uint64_t termin__hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	const uint64_t k1 = 0x9E3779B185EBCA87ULL, k2 = 0xC2B2AE3D27D4EB4FULL;
	uint64_t h = seed ^ 0xcbf29ce484222325ULL ^ ((uint64_t)len * k2);
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h ^= rotl64(w * k2, 31) * k1;
		h = rotl64(h, 27) * k1 + 0x85EBCA77C2B2AE63ULL;
		p += 8;
		len -= 8;
	}
	if (len) {
		/* the last bytes, the first of them lowest (as memcpy into w
		 * on a little-endian machine, without the call a variable
		 * length costs: most words are shorter than 8 bytes) */
		uint64_t w = 0;
		for (size_t k = 0; k < len; k++)
			w |= (uint64_t)p[k] << (8 * k);
		h ^= rotl64(w * k2, 31) * k1;
		h = rotl64(h, 27) * k1 + 0x85EBCA77C2B2AE63ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* ---- UTF-8 ---- */

int32_t termin__utf8_next(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = *i;
	unsigned char c = s[p];
	int32_t cp;
	int n;

	if (c < 0x80) {
		*i = p + 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3;
		cp = c & 0x07;
	} else {
		*i = p + 1;
		return -1;
	}
	for (int k = 1; k <= n; k++) {
		if (p + (size_t)k >= len || (s[p + k] & 0xC0) != 0x80) {
			*i = p + 1;
			return -1;
		}
		cp = (cp << 6) | (s[p + k] & 0x3F);
	}
	/* overlong, surrogates and out of range */
	if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF)) {
		*i = p + 1;
		return -1;
	}
	*i = p + (size_t)n + 1;
	return cp;
}

int32_t termin__utf8_prev(const char *str, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = *i, start;
	if (p == 0)
		return -1;
	start = p - 1;
	while (start > 0 && (s[start] & 0xC0) == 0x80 && p - start < 4)
		start--;
	size_t j = start;
	int32_t cp = termin__utf8_next(str, p, &j);
	if (j != p) {
		*i = p - 1;
		return -1;
	}
	*i = start;
	return cp;
}

int termin__utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t termin__utf8_valid_prefix(const char *str, size_t len, int *partial)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	if (partial)
		*partial = 0;
	while (i < len) {
		/* fast path: eight ASCII bytes at a time */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t j = i;
		if (termin__utf8_next(str, len, &j) < 0) {
			/* incomplete sequence at the end? */
			if (partial) {
				unsigned char c = s[i];
				size_t need = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3
					: c >= 0xC2 && c <= 0xDF ? 2 : 0;
				if (need && i + need > len) {
					int ok = 1;
					for (size_t k = i + 1; k < len; k++)
						if ((s[k] & 0xC0) != 0x80)
							ok = 0;
					*partial = ok;
				}
			}
			return i;
		}
		i = j;
	}
	return len;
}

int termin__is_space(int32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case '\v': case '\f':
	case 0x00A0: case 0x1680: case 0x180E:
	case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
	case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009:
	case 0x200A: case 0x202F: case 0x205F: case 0x3000:
		return 1;
	default:
		return 0;
	}
}

int termin__is_invisible(int32_t cp)
{
	switch (cp) {
	case 0x00AD: /* soft hyphen */
	case 0x200B: /* zero width space */
	case 0x200C: case 0x200D: /* ZWNJ, ZWJ: not used in en/ru text */
	case 0x2060: /* word joiner */
	case 0xFEFF: /* BOM inside text */
	case 0x200E: case 0x200F: /* LRM, RLM */
		return 1;
	default:
		return (cp >= 0 && cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		       (cp >= 0x7F && cp < 0xA0); /* DEL and C1 controls */
	}
}

int termin__read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	termin_buf b = TERMIN_BUF_INIT;
	char chunk[65536];
	size_t n;
	struct stat st;

	*out = NULL;
	*len = 0;
	if (!f)
		return termin__error_errno(TERMIN_EIO, errno, "%s: cannot open", path);
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return termin__error_set(TERMIN_EIO, "%s: is a directory", path);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		termin_buf_put(&b, chunk, n);
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		termin_buf_free(&b);
		return termin__error_errno(TERMIN_EIO, e, "%s: cannot read", path);
	}
	fclose(f);
	*len = b.len;
	*out = termin_buf_detach(&b);
	return 0;
}

const char *termin__path_base(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int termin__path_has_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);
	return n >= k && strcasecmp(path + n - k, suffix) == 0;
}

size_t termin__utf8_count(const char *s, size_t n)
{
	size_t cont = 0, i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		/* one bit 7 per continuation byte, summed by a multiply (a
		 * popcount without -mpopcnt is a call into libgcc) */
		uint64_t m = (x & ~(x << 1) & 0x8080808080808080ULL) >> 7;
		cont += (size_t)((m * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return n - cont;
}
