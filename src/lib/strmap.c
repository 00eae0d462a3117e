/*
 * strmap.c - an open-addressing hash map from byte strings to intptr_t.
 *
 * Keys are copied into the map. Used for caches (spelling answers per
 * word) and sets (repeated units, glossary forms).
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	char *key;     /* NULL: empty slot */
	size_t len;
	uint64_t hash;
	intptr_t value;
	uint64_t pre[2];  /* the key's first 16 bytes, zero-padded: most keys
	                   * (words) compare without reading *key */
} slot;

static void prefix(uint64_t pre[2], const char *key, size_t len)
{
	pre[0] = pre[1] = 0;
	if (len)
		memcpy(pre, key, len < 16 ? len : 16);
}

struct termin_strmap {
	slot *slots;
	size_t cap;    /* power of two */
	size_t n;
};

termin_strmap *termin_strmap_new(void)
{
	termin_strmap *m = termin__xcalloc(1, sizeof *m);
	m->cap = 64;
	m->slots = termin__xcalloc(m->cap, sizeof *m->slots);
	return m;
}

void termin_strmap_free(termin_strmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
}

static slot *find(const termin_strmap *m, const char *key, size_t len, uint64_t h, const uint64_t pre[2])
{
	size_t mask = m->cap - 1, i = h & mask;
	for (;;) {
		slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && s->len == len && s->pre[0] == pre[0] && s->pre[1] == pre[1] &&
		                (len <= 16 || memcmp(s->key + 16, key + 16, len - 16) == 0)))
			return s;
		i = (i + 1) & mask;
	}
}

int termin_strmap_get(const termin_strmap *m, const char *key, size_t len, intptr_t *value)
{
	uint64_t pre[2];
	prefix(pre, key, len);
	slot *s = find(m, key, len, termin__hash64(key, len, 0), pre);
	if (!s->key)
		return 0;
	if (value)
		*value = s->value;
	return 1;
}

static void rehash(termin_strmap *m)
{
	slot *old = m->slots;
	size_t oldcap = m->cap;
	m->cap *= 2;
	m->slots = termin__xcalloc(m->cap, sizeof *m->slots);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key) {
			slot *s = find(m, old[i].key, old[i].len, old[i].hash, old[i].pre);
			*s = old[i];
		}
	free(old);
}

void termin_strmap_put(termin_strmap *m, const char *key, size_t len, intptr_t value)
{
	uint64_t h = termin__hash64(key, len, 0), pre[2];
	prefix(pre, key, len);
	slot *s = find(m, key, len, h, pre);
	if (s->key) {
		s->value = value;
		return;
	}
	s->key = termin__xstrndup(key, len);
	s->len = len;
	s->hash = h;
	s->value = value;
	s->pre[0] = pre[0];
	s->pre[1] = pre[1];
	if (++m->n * 4 >= m->cap * 3)
		rehash(m);
}

size_t termin_strmap_size(const termin_strmap *m)
{
	return m->n;
}

int termin_strmap_next(const termin_strmap *m, size_t *iter, const char **key, size_t *len,
                       intptr_t *value)
{
	while (*iter < m->cap) {
		slot *s = &m->slots[(*iter)++];
		if (s->key) {
			if (key)
				*key = s->key;
			if (len)
				*len = s->len;
			if (value)
				*value = s->value;
			return 1;
		}
	}
	return 0;
}
