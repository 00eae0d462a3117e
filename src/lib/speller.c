/*
 * speller.c - hunspell dictionaries behind one cached check function.
 *
 * hunspell's strings are copied into our own allocations before they leave
 * this file, and its lists are freed with Hunspell_free_list.
 */
#include "util.h"
#include "termin/speller.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hunspell.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

typedef struct {
	char *name;
	char *aff, *dic;
	Hunhandle *h;     /* NULL until first use */
	int failed;
	int script;       /* UScriptCode of the dictionary's language, or -1 */
	int32_t *try;     /* the .aff's TRY letters, read on first need */
	size_t n_try;
	int try_read;
	/* a view's dictionary: the handle is that of owner->dicts[at] */
	struct termin_speller *owner;
	size_t at;
} dict;

struct termin_speller {
	dict *dicts;
	size_t n, cap;
	termin_strmap *words;  /* user and project words */
	termin_strmap *cache;  /* word -> 1 correct, 0 wrong */
	termin_buf tmp;
};

int termin_speller_new(termin_speller **out)
{
	termin_speller *s = termin__xcalloc(1, sizeof *s);
	s->words = termin_strmap_new();
	s->cache = termin_strmap_new();
	*out = s;
	return 0;
}

static int exists(const char *path)
{
	return access(path, R_OK) == 0;
}

/* Finds name.aff/name.dic along $TERMIN_DICT_PATH, then the system dirs. */
int termin__dict_locate(const char *name, char **aff, char **dic)
{
	const char *env = getenv("TERMIN_DICT_PATH");
	termin_buf dirs = TERMIN_BUF_INIT;
	int found = 0;
	if (env && *env) {
		termin_buf_puts(&dirs, env);
		termin_buf_putc(&dirs, ':');
	}
	termin_buf_puts(&dirs, "/usr/share/hunspell:/usr/share/myspell/dicts:/usr/share/myspell");
	char *save = NULL;
	for (char *d = strtok_r(dirs.ptr, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
		termin_buf a = TERMIN_BUF_INIT, b = TERMIN_BUF_INIT;
		termin_buf_printf(&a, "%s/%s.aff", d, name);
		termin_buf_printf(&b, "%s/%s.dic", d, name);
		if (exists(a.ptr) && exists(b.ptr)) {
			*aff = termin_buf_detach(&a);
			*dic = termin_buf_detach(&b);
			found = 1;
		}
		termin_buf_free(&a);
		termin_buf_free(&b);
	}
	termin_buf_free(&dirs);
	return found;
}

int termin_speller_add_dict(termin_speller *s, const char *name)
{
	char *aff = NULL, *dic = NULL;
	if (!termin__dict_locate(name, &aff, &dic))
		return termin__error_set(TERMIN_ENOTFOUND,
			"hunspell dictionary '%s' is not installed (looked in $TERMIN_DICT_PATH and /usr/share/hunspell)",
			name);
	/* the script of the language ("ru_RU" is Cyrillic): a word in another
	 * script is never looked up there, so its dictionary is not loaded */
	UScriptCode codes[4];
	UErrorCode err = U_ZERO_ERROR;
	int nc = uscript_getCode(name, codes, 4, &err);
	int script = U_SUCCESS(err) && nc == 1 ? (int)codes[0] : -1;
	TERMIN_GROW(s->dicts, s->cap, s->n + 1);
	s->dicts[s->n++] = (dict){ termin__xstrdup(name), aff, dic, NULL, 0, script, NULL, 0, 0, NULL, 0 };
	termin_strmap_free(s->cache);
	s->cache = termin_strmap_new();
	return 0;
}

int termin_speller_add_word(termin_speller *s, const char *word)
{
	size_t n = strlen(word);
	while (n && (word[n - 1] == ' ' || word[n - 1] == '\r' || word[n - 1] == '\t'))
		n--;
	if (n)
		termin_strmap_put(s->words, word, n, 1);
	return 0;
}

int termin_speller_add_words(termin_speller *s, const char *path)
{
	char *data;
	size_t len;
	int rc = termin__read_file(path, &data, &len);
	if (rc < 0)
		return rc;
	if (termin__utf8_valid_prefix(data, len, NULL) != len) {
		free(data);
		return termin__error_set(TERMIN_EENCODING, "%s: not valid UTF-8", path);
	}
	char *p = data, *end = data + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		if (n && p[0] != '#')
			termin_strmap_put(s->words, p, n, 1);
		p = nl ? nl + 1 : end;
	}
	free(data);
	termin_strmap_free(s->cache);
	s->cache = termin_strmap_new();
	return 0;
}

/* The pool of loaded dictionaries: every handle termin__hunspell_open
 * made, lent or idle. At most POOL_IDLE idle ones are kept. */
enum { POOL_IDLE = 4 };

typedef struct {
	char *aff, *dic;
	Hunhandle *h;
	int lent;
	unsigned long used;    /* when it was last given back, for eviction */
} pooled;

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
/* hunspell's loading and freeing share a table of Unicode cases with an
 * unlocked reference count (initialize_utf_tbl, free_utf_tbl): two
 * threads loading dictionaries at once could count it wrong and free it
 * under a live handle, so one thread at a time loads or frees */
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static pooled *pool;
static size_t pool_n, pool_cap;
static unsigned long pool_clock;

struct Hunhandle *termin__hunspell_open(const char *aff, const char *dic)
{
	pthread_mutex_lock(&pool_lock);
	for (size_t i = 0; i < pool_n; i++)
		if (!pool[i].lent && strcmp(pool[i].aff, aff) == 0 && strcmp(pool[i].dic, dic) == 0) {
			pool[i].lent = 1;
			pthread_mutex_unlock(&pool_lock);
			return pool[i].h;
		}
	pthread_mutex_unlock(&pool_lock);
	/* loaded outside the pool's lock: another thread may take a loaded
	 * handle meanwhile */
	pthread_mutex_lock(&load_lock);
	Hunhandle *h = Hunspell_create(aff, dic);
	pthread_mutex_unlock(&load_lock);
	if (!h)
		return NULL;
	pthread_mutex_lock(&pool_lock);
	TERMIN_GROW(pool, pool_cap, pool_n + 1);
	pool[pool_n++] = (pooled){ termin__xstrdup(aff), termin__xstrdup(dic), h, 1, 0 };
	pthread_mutex_unlock(&pool_lock);
	return h;
}

void termin__hunspell_close(struct Hunhandle *h)
{
	size_t idle = 0, oldest = SIZE_MAX;
	if (!h)
		return;
	pthread_mutex_lock(&pool_lock);
	for (size_t i = 0; i < pool_n; i++) {
		if (pool[i].h == h) {
			pool[i].lent = 0;
			pool[i].used = ++pool_clock;
		}
		if (!pool[i].lent) {
			idle++;
			if (oldest == SIZE_MAX || pool[i].used < pool[oldest].used)
				oldest = i;
		}
	}
	pooled gone = { 0 };
	if (idle > POOL_IDLE) {
		gone = pool[oldest];
		pool[oldest] = pool[--pool_n];
	}
	pthread_mutex_unlock(&pool_lock);
	if (gone.h) {
		pthread_mutex_lock(&load_lock);
		Hunspell_destroy(gone.h);
		pthread_mutex_unlock(&load_lock);
		free(gone.aff);
		free(gone.dic);
	}
}

static int load(dict *d)
{
	if (d->h || d->failed)
		return d->h ? 0 : TERMIN_EIO;
	if (d->owner) {
		dict *o = &d->owner->dicts[d->at];
		int rc = load(o);
		d->h = o->h;
		d->failed = o->failed;
		return rc;
	}
	d->h = termin__hunspell_open(d->aff, d->dic);
	if (!d->h) {
		d->failed = 1;
		return termin__error_set(TERMIN_EIO, "%s: cannot load hunspell dictionary", d->dic);
	}
	return 0;
}

/* The script of the first letter of `word` (Latin, Cyrillic, ...), or -1. */
static int word_script(const char *word, size_t len)
{
	size_t i = 0;
	while (i < len) {
		int32_t cp = termin__utf8_next(word, len, &i);
		if (cp < 0)
			return -1;
		UErrorCode err = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(cp, &err);
		if (U_SUCCESS(err) && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED)
			return (int)sc;
	}
	return -1;
}

int termin_speller_check(termin_speller *s, const char *word, size_t len)
{
	intptr_t v;
	int ok = 0;
	if (len == 0)
		return 1;
	if (termin_strmap_get(s->words, word, len, NULL))
		return 1;
	if (termin_strmap_get(s->cache, word, len, &v))
		return (int)v;
	termin_buf_clear(&s->tmp);
	termin_buf_put(&s->tmp, word, len);
	int script = word_script(word, len);
	for (size_t i = 0; i < s->n && !ok; i++) {
		if (script >= 0 && s->dicts[i].script >= 0 && s->dicts[i].script != script)
			continue;
		int rc = load(&s->dicts[i]);
		if (rc < 0)
			return rc;
		ok = Hunspell_spell(s->dicts[i].h, s->tmp.ptr) != 0;
	}
	termin_strmap_put(s->cache, word, len, ok);
	return ok;
}

int termin_speller_suggest(termin_speller *s, const char *word, size_t len, char **out, int max)
{
	int filled = 0;
	termin_buf_clear(&s->tmp);
	termin_buf_put(&s->tmp, word, len);
	int script = word_script(word, len);
	for (size_t i = 0; i < s->n && filled < max; i++) {
		char **list = NULL;
		int rc, n;
		/* a dictionary of another script has nothing to offer, and asking
		 * it is the slowest thing hunspell does (ru_RU's n-gram pass over
		 * an English word takes tens of milliseconds) */
		if (script >= 0 && s->dicts[i].script >= 0 && s->dicts[i].script != script)
			continue;
		if ((rc = load(&s->dicts[i])) < 0)
			return rc;
		n = Hunspell_suggest(s->dicts[i].h, &list, s->tmp.ptr);
		for (int k = 0; k < n && filled < max; k++) {
			int dup = 0;
			for (int j = 0; j < filled; j++)
				if (strcmp(out[j], list[k]) == 0)
					dup = 1;
			if (!dup)
				out[filled++] = termin__xstrdup(list[k]);
		}
		if (list)
			Hunspell_free_list(s->dicts[i].h, &list, n);
	}
	return filled;
}

/* Whether a dictionary of `script` (or the word list) accepts the
 * NUL-terminated word; uncached, as almost every candidate is wrong. */
static int accepts(termin_speller *s, const char *w, size_t len, int script)
{
	if (termin_strmap_get(s->words, w, len, NULL))
		return 1;
	for (size_t i = 0; i < s->n; i++) {
		if (s->dicts[i].script >= 0 && s->dicts[i].script != script)
			continue;
		if (load(&s->dicts[i]) < 0)
			continue;
		if (Hunspell_spell(s->dicts[i].h, w) != 0)
			return 1;
	}
	return 0;
}

/* Appends candidate cand to out unless it is there or out is full;
 * returns 1 when out is full. */
static int take(termin_speller *s, termin_buf *cand, int32_t *cp, size_t n, int script, char **out,
                int *filled, int max)
{
	char u[4];
	termin_buf_clear(cand);
	for (size_t i = 0; i < n; i++)
		termin_buf_put(cand, u, (size_t)termin__utf8_encode(cp[i], u));
	if (!cand->ptr || !accepts(s, cand->ptr, cand->len, script))
		return 0;
	for (int j = 0; j < *filled; j++)
		if (strcmp(out[j], cand->ptr) == 0)
			return 0;
	out[(*filled)++] = termin__xstrdup(cand->ptr);
	return *filled >= max;
}

/* The letters of the .aff's TRY line, in its order (most frequent
 * first): the letters hunspell itself tries. Empty when the file is not
 * UTF-8 or has none. */
static void read_try(dict *d)
{
	char *text = NULL;
	size_t len = 0;
	d->try_read = 1;
	if (termin__read_file(d->aff, &text, &len) < 0)
		return;
	int utf8 = 0;
	for (char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, "SET UTF-8", 9) == 0)
			utf8 = 1;
		if (strncmp(line, "TRY ", 4) == 0 && utf8) {
			size_t i = (size_t)(line + 4 - text), cap = 0;
			while (i < len && text[i] != '\n' && text[i] != '\r' && text[i] != ' ') {
				int32_t cp = termin__utf8_next(text, len, &i);
				if (cp <= 0)
					break;
				/* letters only: "Brest-sky" is no suggestion for
				 * "Brestsky" */
				if (!u_isalpha(cp))
					continue;
				TERMIN_GROW(d->try, cap, d->n_try + 1);
				d->try[d->n_try++] = cp;
			}
			break;
		}
	}
	free(text);
}

int termin_speller_suggest_quick(termin_speller *s, const char *word, size_t len, char **out, int max)
{
	int filled = termin__speller_suggest_edits(s, word, len, out, max);
	if (filled)
		return filled;
	return termin_speller_suggest(s, word, len, out, max);
}

int termin__speller_suggest_edits(termin_speller *s, const char *word, size_t len, char **out, int max)
{
	int script = word_script(word, len), filled = 0, done = 0;
	int32_t cp[64], c[65];
	const int32_t *try = NULL;
	size_t n = 0, i = 0, n_try = 0;
	termin_buf cand = TERMIN_BUF_INIT;

	for (size_t k = 0; k < s->n && !try; k++) {
		dict *d = &s->dicts[k];
		if (script < 0 || d->script != script)
			continue;
		if (!d->try_read)
			read_try(d);
		try = d->try;
		n_try = d->n_try;
	}
	while (i < len && n < 64)
		cp[n++] = termin__utf8_next(word, len, &i);
	if (!try || i < len || n < 3 || max <= 0)
		return 0;
	/* hunspell's own order: the word capitalised (a name written in
	 * lower case: "минске" -> "Минске"), swapped neighbours, a letter too
	 * many, a letter missing, a wrong letter; letters in TRY order,
	 * positions from the end */
	if (!u_isupper(cp[0])) {
		memcpy(c, cp, n * sizeof *c);
		c[0] = u_toupper(cp[0]);
		if (c[0] != cp[0])
			done = take(s, &cand, c, n, script, out, &filled, max);
	}
	for (size_t k = 0; k + 1 < n && !done; k++) {
		if (cp[k] == cp[k + 1])
			continue;
		memcpy(c, cp, n * sizeof *c);
		c[k] = cp[k + 1];
		c[k + 1] = cp[k];
		done = take(s, &cand, c, n, script, out, &filled, max);
	}
	for (size_t k = n; k-- > 0 && !done;) {
		memcpy(c, cp, k * sizeof *c);
		memcpy(c + k, cp + k + 1, (n - k - 1) * sizeof *c);
		done = take(s, &cand, c, n - 1, script, out, &filled, max);
	}
	for (size_t t = 0; t < n_try && !done; t++)
		for (size_t k = n + 1; k-- > 0 && !done;) {
			memcpy(c, cp, k * sizeof *c);
			c[k] = try[t];
			memcpy(c + k + 1, cp + k, (n - k) * sizeof *c);
			done = take(s, &cand, c, n + 1, script, out, &filled, max);
		}
	for (size_t t = 0; t < n_try && !done; t++)
		for (size_t k = n; k-- > 0 && !done;) {
			if (cp[k] == try[t])
				continue;
			memcpy(c, cp, n * sizeof *c);
			c[k] = try[t];
			done = take(s, &cand, c, n, script, out, &filled, max);
		}
	termin_buf_free(&cand);
	return filled;
}

int termin__speller_view(termin_speller *base, const char *name, termin_speller **out)
{
	*out = NULL;
	for (size_t i = 0; i < base->n; i++) {
		const dict *d = &base->dicts[i];
		if (strcmp(d->name, name) != 0 || d->owner)
			continue;
		termin_speller *v;
		termin_speller_new(&v);
		TERMIN_GROW(v->dicts, v->cap, 1);
		v->dicts[v->n++] = (dict){ termin__xstrdup(name), termin__xstrdup(d->aff), termin__xstrdup(d->dic), NULL, 0,
		                           d->script, NULL, 0, 0, base, i };
		*out = v;
		return 0;
	}
	return termin__error_set(TERMIN_ENOTFOUND, "the speller has no dictionary '%s'", name);
}

void termin_speller_free(termin_speller *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		if (!s->dicts[i].owner)
			termin__hunspell_close(s->dicts[i].h);
		free(s->dicts[i].name);
		free(s->dicts[i].aff);
		free(s->dicts[i].dic);
		free(s->dicts[i].try);
	}
	free(s->dicts);
	termin_strmap_free(s->words);
	termin_strmap_free(s->cache);
	termin_buf_free(&s->tmp);
	free(s);
}
