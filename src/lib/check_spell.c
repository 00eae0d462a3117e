/*
 * check_spell.c - spelling (hunspell plus a project dictionary) and
 * spelling-variant (British and American spellings mixed in a document).
 *
 * A word is accepted when hunspell (en_US, en_GB, ru_RU) knows it; when
 * the project dictionary does (every word of the glossary's terms and
 * names, with Russian inflection through the Snowball stemmer, so
 * «Тасмагамбетовым» is known from «Тасмагамбетов»); when each part of a
 * hyphenated word is known; when it is a known word behind a productive
 * prefix (контр-, анти-, нарко-, counter-, anti-); and, in a target, when
 * it is copied from the source or transliterates a source word (a name
 * such as «Мирзоян» for "Mirzoyan"). Links, numbers, words with digits
 * and words in capitals (acronyms) are skipped. Verdicts are cached per
 * distinct word, so a large text costs one hunspell call per word form.
 */
#include "check_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>


/* V_ASK: unknown to the dictionaries, a Cyrillic word that may still be
 * a form the dictionary lacks; asking costs a hunspell suggestion (tens of
 * milliseconds), so it waits until the word would be reported. */
enum { V_OK = 1, V_BAD = 2, V_US = 4, V_GB = 8, V_ASK = 16, V_ERR = 32 };

typedef struct {
	size_t unit;
	int side;
	int bilingual;
	size_t start, end;
	int us;              /* 1 US-marked, 0 GB-marked */
	char *word;
	uint64_t off;            /* the unit's texts, stashed by the checker */
	size_t source_len, target_len;
	char *source, *target;   /* copies, when stashing failed */
	size_t line;
} variant_use;

struct check_spell {
	termin_speller *sp;             /* borrowed */
	termin_speller *us, *gb;        /* one dictionary each, for varieties */
	struct sb_stemmer *stem;
	termin_strmap *proj;            /* project words, lower case */
	termin_strmap *stems;           /* their stems */
	termin_strmap *verdict;         /* word as written -> V_* bits, settled (phase 2) */
	termin_strmap *computed;        /* word -> V_* bits of phase 1, for every thread */
	termin_strmap *sugg;            /* word -> index + 1 into suggestions */
	termin_strmap *twins;           /* US/GB word -> index + 1 of its twin, 0 none */
	termin_strmap *translit;        /* "latin\x1fsource word" -> 1 + transliterates */
	termin_buf d;
	char **suggestions;
	size_t n_sugg, cap_sugg;
	char *variety;
	variant_use *vu;
	size_t n_vu, cap_vu;
	termin_buf a, b, c;
	/* everything above is shared by the threads of phase 1 (which ask
	 * the dictionaries for words their caches lack) and phase 2; but
	 * `computed`, which is written under both locks and read under
	 * computed_lock alone */
	pthread_mutex_t lock;
	pthread_mutex_t computed_lock;
};

/* Whether spelling judges this word at all: two or more letters, no
 * digits, not all in capitals (acronyms and codes). */
int termin__check_spell_judges(const char *s, const ck_word *w)
{
	(void)s;
	return w->letters >= 2 && !w->digits && w->upper < w->letters;
}

static void stem_into(check_spell *cs, termin_buf *out, const char *low, size_t n)
{
	termin_buf_clear(out);
	if (n >= 2 && (unsigned char)low[0] >= 0xD0 && (unsigned char)low[0] <= 0xD3) {
		const sb_symbol *st = sb_stemmer_stem(cs->stem, (const sb_symbol *)low, (int)n);
		termin_buf_put(out, (const char *)st, (size_t)sb_stemmer_length(cs->stem));
		return;
	}
	/* English: possessives and plurals */
	if (n > 2 && low[n - 2] == '\'' && low[n - 1] == 's')
		n -= 2;
	else if (n > 3 && low[n - 1] == 's' && low[n - 2] != 's')
		n -= 1;
	termin_buf_put(out, low, n);
}

static void add_project_word(check_spell *cs, const char *w, size_t n)
{
	termin_buf_clear(&cs->a);
	termin__lower(&cs->a, w, n);
	/* typographic apostrophes as ASCII */
	for (char *p; (p = strstr(cs->a.ptr, "\xe2\x80\x99"));) {
		*p = '\'';
		memmove(p + 1, p + 3, strlen(p + 3) + 1);
		cs->a.len -= 2;
	}
	termin_strmap_put(cs->proj, cs->a.ptr, cs->a.len, 1);
	stem_into(cs, &cs->b, cs->a.ptr, cs->a.len);
	if (cs->b.len)
		termin_strmap_put(cs->stems, cs->b.ptr, cs->b.len, 1);
}

int termin__check_spell_new(check_spell **out, termin_speller *sp, const termin_glossary *g,
                            const char *variety)
{
	check_spell *cs = termin__xcalloc(1, sizeof *cs);
	cs->sp = sp;
	cs->stem = sb_stemmer_new("russian", "UTF_8");
	if (!cs->stem) {
		free(cs);
		return termin__error_set(TERMIN_ERROR, "libstemmer has no Russian stemmer");
	}
	cs->proj = termin_strmap_new();
	cs->stems = termin_strmap_new();
	cs->verdict = termin_strmap_new();
	cs->computed = termin_strmap_new();
	cs->sugg = termin_strmap_new();
	cs->twins = termin_strmap_new();
	cs->translit = termin_strmap_new();
	cs->variety = variety ? termin__xstrdup(variety) : NULL;
	pthread_mutex_init(&cs->lock, NULL);
	pthread_mutex_init(&cs->computed_lock, NULL);
	/* the speller's own en_US and en_GB when it has them (used under the
	 * same lock: no second copy of either), else dictionaries of their
	 * own */
	if (termin__speller_view(sp, "en_US", &cs->us) == 0 && termin__speller_view(sp, "en_GB", &cs->gb) == 0)
		goto varieties;
	termin_speller_free(cs->us);
	termin_speller_new(&cs->us);
	termin_speller_new(&cs->gb);
	if (termin_speller_add_dict(cs->us, "en_US") < 0 || termin_speller_add_dict(cs->gb, "en_GB") < 0) {
		/* without both dictionaries varieties cannot be told apart */
		termin_speller_free(cs->us);
		termin_speller_free(cs->gb);
		cs->us = cs->gb = NULL;
	}
varieties:
	for (size_t i = 0; g && i < termin_glossary_concept_count(g); i++) {
		const termin_concept *c = termin_glossary_concept(g, i);
		for (size_t k = 0; k < termin_concept_term_count(c); k++) {
			const char *t = termin_term_text(termin_concept_term(c, k));
			ck_word *w;
			size_t n = termin__check_words(t, strlen(t), &w);
			for (size_t j = 0; j < n; j++)
				add_project_word(cs, t + w[j].start, w[j].end - w[j].start);
			free(w);
		}
	}
	*out = cs;
	return 0;
}

static void free_uses(check_spell *cs)
{
	for (size_t i = 0; i < cs->n_vu; i++) {
		variant_use *v = &cs->vu[i];
		free(v->word);
		free(v->source);
		free(v->target);
	}
	cs->n_vu = 0;
}

void termin__check_spell_free(check_spell *cs)
{
	if (!cs)
		return;
	free_uses(cs);
	free(cs->vu);
	for (size_t i = 0; i < cs->n_sugg; i++)
		free(cs->suggestions[i]);
	free(cs->suggestions);
	termin_strmap_free(cs->proj);
	termin_strmap_free(cs->stems);
	termin_strmap_free(cs->verdict);
	termin_strmap_free(cs->computed);
	termin_strmap_free(cs->sugg);
	termin_strmap_free(cs->twins);
	termin_strmap_free(cs->translit);
	termin_buf_free(&cs->d);
	termin_speller_free(cs->us);
	termin_speller_free(cs->gb);
	if (cs->stem)
		sb_stemmer_delete(cs->stem);
	free(cs->variety);
	termin_buf_free(&cs->a);
	termin_buf_free(&cs->b);
	termin_buf_free(&cs->c);
	pthread_mutex_destroy(&cs->lock);
	pthread_mutex_destroy(&cs->computed_lock);
	free(cs);
}

/* ---- judging one word ---- */

static const char *const ru_prefixes[] = {
	"контр", "анти", "нарко", "медиа", "кибер", "видео", "много", "мульти", "само", "сверх", "гипер",
	"микро", "макро", "мега", "нео", "пост", "псевдо", "суб", "ультра", "экс", "экстра", "интер", "транс",
	"гео", "био", "эко", "авиа", "авто", "агро", "радио", "теле", "фото", "электро", "энерго", "бизнес",
	"евро", "квази", "меж", "вне", "около", "пред", "про", "спец", "гос", "военно", "нац", "миро", NULL
};
static const char *const en_prefixes[] = {
	"counter", "anti", "non", "multi", "inter", "co", "pre", "post", "re", "cyber", "geo", "mega", "micro",
	"mini", "over", "under", "self", "semi", "sub", "super", "trans", "ultra", "de", "mis", "un", "pan",
	"euro", "bio", "eco", "para", "neo", "extra", "intra", NULL
};

static int known_plain(check_spell *cs, const char *w, size_t n);

/* hunspell, the project dictionary and its stems */
static int known_base(check_spell *cs, const char *w, size_t n, int *err)
{
	termin_buf *low = &cs->c;
	int r = termin_speller_check(cs->sp, w, n);
	if (r < 0) {
		*err = r;
		return 0;
	}
	if (r)
		return 1;
	termin_buf_clear(low);
	termin__lower(low, w, n);
	if (termin_strmap_get(cs->proj, low->ptr, low->len, NULL))
		return 1;
	/* ё written as е or the reverse */
	if (strstr(low->ptr, "\xd1\x91")) {
		termin_buf t = TERMIN_BUF_INIT;
		for (size_t i = 0; i < low->len; i++) {
			if (i + 1 < low->len && (unsigned char)low->ptr[i] == 0xD1 && (unsigned char)low->ptr[i + 1] == 0x91) {
				termin_buf_put(&t, "\xd0\xb5", 2);
				i++;
			} else {
				termin_buf_putc(&t, low->ptr[i]);
			}
		}
		r = termin_speller_check(cs->sp, t.ptr, t.len);
		termin_buf_free(&t);
		if (r > 0)
			return 1;
	}
	stem_into(cs, &cs->b, low->ptr, low->len);
	if (cs->b.len >= 3 && termin_strmap_get(cs->stems, cs->b.ptr, cs->b.len, NULL))
		return 1;
	return 0;
}

static int known_plain(check_spell *cs, const char *w, size_t n)
{
	int err = 0;
	if (known_base(cs, w, n, &err))
		return 1;
	if (err)
		return -1;
	/* a productive prefix before a known word */
	termin_buf low = TERMIN_BUF_INIT;
	termin__lower(&low, w, n);
	int cyr = (unsigned char)low.ptr[0] >= 0xD0;
	const char *const *pre = cyr ? ru_prefixes : en_prefixes;
	int ok = 0;
	for (size_t i = 0; pre[i] && !ok; i++) {
		size_t pl = strlen(pre[i]);
		size_t rest = low.len - pl;
		if (low.len <= pl || memcmp(low.ptr, pre[i], pl) != 0 || rest < (size_t)(cyr ? 8 : 4))
			continue;
		ok = known_base(cs, low.ptr + pl, rest, &err);
	}
	/* a compound of two known words, with or without a linking о/е:
	 * «коронавирус», «медиаструктура» (each part four letters or more) */
	if (!ok && cyr) {
		size_t chars_total = 0;
		for (size_t i = 0; i < low.len; i++)
			chars_total += ((unsigned char)low.ptr[i] & 0xC0) != 0x80;
		size_t i = 0, c = 0;
		while (!ok && i < low.len) {
			termin__utf8_next(low.ptr, low.len, &i);
			c++;
			if (c < 4 || chars_total - c < 4)
				continue;
			if (known_base(cs, low.ptr, i, &err) && known_base(cs, low.ptr + i, low.len - i, &err))
				ok = 1;
		}
	}
	termin_buf_free(&low);
	return ok;
}

/* The word with typographic apostrophes made ASCII and an English
 * possessive removed. */
static void clean_word(termin_buf *out, const char *w, size_t n)
{
	termin_buf_clear(out);
	for (size_t i = 0; i < n; i++) {
		if (i + 2 < n + 0 && (unsigned char)w[i] == 0xE2 && (unsigned char)w[i + 1] == 0x80 &&
		    (unsigned char)w[i + 2] == 0x99) {
			termin_buf_putc(out, '\'');
			i += 2;
		} else {
			termin_buf_putc(out, w[i]);
		}
	}
	if (out->len > 2 && out->ptr[out->len - 2] == '\'' && (out->ptr[out->len - 1] | 32) == 's')
		out->len -= 2;
	out->ptr[out->len] = '\0';
}

/* Whether the word is correct: whole, or each hyphenated part. Returns 1,
 * 0, or a negative code. */
static int known(check_spell *cs, const char *w, size_t n)
{
	termin_buf cw = TERMIN_BUF_INIT;
	int ok;
	clean_word(&cw, w, n);
	ok = known_plain(cs, cw.ptr, cw.len);
	if (ok == 0 && (memchr(cw.ptr, '-', cw.len) || strstr(cw.ptr, "\xe2\x80\x90") || strchr(cw.ptr, '\''))) {
		size_t i = 0, start = 0;
		ok = 1;
		while (ok > 0 && i <= cw.len) {
			if (i == cw.len || cw.ptr[i] == '-' || cw.ptr[i] == '\'') {
				size_t pl = i - start;
				/* a one- or two-letter piece ("d'", "-e") passes */
				if (pl > 2 || (pl && (unsigned char)cw.ptr[start] >= 0x80 && pl > 4))
					ok = known_plain(cs, cw.ptr + start, pl);
				start = i + 1;
			}
			i++;
		}
	}
	termin_buf_free(&cw);
	return ok;
}

/* ---- transliteration: names in the target written from the source ---- */

static const char *const translit[] = {
	"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
	"f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"
};

static void to_latin(termin_buf *out, const char *s, size_t len)
{
	size_t i = 0;
	termin_buf_clear(out);
	while (i < len) {
		int32_t cp = termin__utf8_next(s, len, &i);
		if (cp >= 0x410 && cp <= 0x42F)
			cp += 0x20;
		if (cp >= 0x430 && cp <= 0x44F)
			termin_buf_puts(out, translit[cp - 0x430]);
		else if (cp == 0x451)
			termin_buf_puts(out, "e");
		else if (cp < 128)
			termin_buf_putc(out, (char)tolower(cp));
	}
	if (!out->ptr)
		termin_buf_puts(out, "");
}

static size_t lev(const char *a, size_t n, const char *b, size_t m)
{
	size_t row[64], prev;
	if (n >= 63 || m >= 63)
		return 99;
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cur = row[j];
			size_t cost = a[i - 1] == b[j - 1] || ((a[i - 1] == 'y' || a[i - 1] == 'i' || a[i - 1] == 'j') &&
			                                       (b[j - 1] == 'y' || b[j - 1] == 'i' || b[j - 1] == 'j'))
			                  ? 0 : 1;
			size_t best = prev + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[m];
}

/* Whether Cyrillic `w` transliterates a word of the source (inflection
 * endings of up to three letters allowed). */
static int transliterates(check_spell *cs, const ck_unit *cu, const char *w, size_t n)
{
	termin_buf *lat = &cs->a, *src = &cs->b;
	const ck_word *sw = cu->words[0];
	size_t ns = cu->n_words[0];
	int ok = 0;
	to_latin(lat, w, n);
	for (size_t i = 0; i < ns && !ok; i++) {
		if (sw[i].letters < 3 || !sw[i].latin)
			continue;
		termin_buf_clear(src);
		termin__lower(src, cu->text[0] + sw[i].start, sw[i].end - sw[i].start);
		/* names recur: the answer for a pair of words is remembered */
		intptr_t memo;
		termin_buf_clear(&cs->d);
		termin_buf_put(&cs->d, lat->ptr, lat->len);
		termin_buf_putc(&cs->d, '\x1f');
		termin_buf_put(&cs->d, src->ptr, src->len);
		if (termin_strmap_get(cs->translit, cs->d.ptr, cs->d.len, &memo)) {
			ok = (int)memo - 1;
			continue;
		}
		for (size_t cut = 0; cut <= 4 && cut < lat->len && !ok; cut++) {
			size_t ln = lat->len - cut;
			if (ln + 2 < src->len || ln > src->len + 3)
				continue;
			size_t d = lev(lat->ptr, ln, src->ptr, src->len);
			ok = d <= (src->len >= 8 ? 2 : src->len >= 5 ? 1 : 0);
		}
		if (termin_strmap_size(cs->translit) >= 100000) {
			termin_strmap_free(cs->translit);
			cs->translit = termin_strmap_new();
		}
		termin_strmap_put(cs->translit, cs->d.ptr, cs->d.len, ok + 1);
	}
	return ok;
}

static int copied_from_source(const ck_unit *cu, const char *w, size_t n)
{
	return cu->len[0] >= n && memmem(cu->text[0], cu->len[0], w, n) != NULL;
}

/* The first hunspell suggestion for a word (cached), or NULL. */
static const char *suggestion(check_spell *cs, const char *w, size_t n)
{
	intptr_t v;
	if (termin_strmap_get(cs->sugg, w, n, &v))
		return v ? cs->suggestions[v - 1] : NULL;
	/* suggestions are slow (milliseconds a word): the first 1,000
	 * distinct words get them */
	if (termin_strmap_size(cs->sugg) >= 1000)
		return NULL;
	/* only the first is shown: asking for one stops the search at the
	 * first correction found, which is the first of a longer list */
	char *list[1] = { NULL };
	termin_buf cw = TERMIN_BUF_INIT;
	clean_word(&cw, w, n);
	/* a word with a capital is most likely a name: only a correction one
	 * edit away ("Минкске" -> "Минске"); hunspell's n-gram search takes
	 * 40-100 ms a word and offers unrelated words for names the
	 * dictionary lacks ("Sirojiddin" -> "Forbidding") */
	size_t at = 0;
	int k = termin__is_upper(termin__utf8_next(cw.ptr, cw.len, &at))
	            ? termin__speller_suggest_edits(cs->sp, cw.ptr, cw.len, list, 1)
	            : termin_speller_suggest_quick(cs->sp, cw.ptr, cw.len, list, 1);
	termin_buf_free(&cw);
	if (k <= 0) {
		termin_strmap_put(cs->sugg, w, n, 0);
		return NULL;
	}
	TERMIN_GROW(cs->suggestions, cs->cap_sugg, cs->n_sugg + 1);
	cs->suggestions[cs->n_sugg++] = list[0];
	termin_strmap_put(cs->sugg, w, n, (intptr_t)cs->n_sugg);
	return list[0];
}

static int ru_ending(const char *e, size_t n)
{
	static const char *const endings[] = {
		"", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "ой", "ей", "ий", "ый", "ая", "яя", "ое", "ее",
		"ые", "ие", "ого", "его", "ому", "ему", "ом", "ем", "ам", "ям", "ах", "ях", "ами", "ями", "ую",
		"юю", "ов", "ев", "ым", "им", "ыми", "ими", "ых", "их", "ет", "ут", "ют", "ит", "ат", "ят", "ла",
		"ло", "ли", "ть", "ться", "ся", "ие", "ия", "ию", "ии", "ием", "иям", "иях", "ость", "ости", NULL
	};
	for (size_t i = 0; endings[i]; i++)
		if (strlen(endings[i]) == n && memcmp(endings[i], e, n) == 0)
			return 1;
	return 0;
}

/* Whether the dictionary's first suggestion for a Russian word is the
 * same lexeme in another form (the same Snowball stem): the dictionary
 * lacks that form («одномоментна» for «одномоментная»), the word is not
 * misspelt. A typo inside the stem («Показательнно») changes the stem. */
static int inflection_of_suggestion(check_spell *cs, const char *w, size_t n)
{
	const char *sg = suggestion(cs, w, n);
	termin_buf a = TERMIN_BUF_INIT, b = TERMIN_BUF_INIT, x = TERMIN_BUF_INIT;
	int same = 0;
	if (!sg || strchr(sg, ' ') || strchr(sg, '-'))
		return 0;
	termin__lower(&x, w, n);
	stem_into(cs, &a, x.ptr, x.len);
	termin_buf_clear(&x);
	termin__lower(&x, sg, strlen(sg));
	stem_into(cs, &b, x.ptr, x.len);
	same = a.len >= 8 && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
	/* and the word is that stem plus a real inflectional ending */
	if (same) {
		termin_buf_clear(&x);
		termin__lower(&x, w, n);
		same = x.len >= a.len && memcmp(x.ptr, a.ptr, a.len) == 0 && ru_ending(x.ptr + a.len, x.len - a.len);
	}
	termin_buf_free(&a);
	termin_buf_free(&b);
	termin_buf_free(&x);
	return same;
}

/* The other variety's spelling of a lower-case word that only the `from`
 * dictionary accepts: the first suggestion of the other dictionary that
 * `from` rejects, a single word within three edits ("centre" -> "center";
 * "polycentric" has none, it is only missing from one dictionary).
 * Remembered per word; NULL when there is none. */
static const char *twin(check_spell *cs, const char *w, size_t n, int to_gb)
{
	intptr_t v;
	termin_speller *from = to_gb ? cs->us : cs->gb, *to = to_gb ? cs->gb : cs->us;
	if (termin_strmap_get(cs->twins, w, n, &v))
		return v ? cs->suggestions[v - 1] : NULL;
	char *list[6] = { NULL };
	termin_buf t = TERMIN_BUF_INIT;
	termin_buf_put(&t, w, n);
	char *best = NULL;
	/* the words one edit away first ("centre" -> "center", "colour" ->
	 * "color"); hunspell's own search (40 ms a word) only without one */
	for (int pass = 0; pass < 2 && !best; pass++) {
		int k = pass == 0 ? termin__speller_suggest_edits(to, t.ptr, t.len, list, 6)
		                  : termin_speller_suggest(to, t.ptr, t.len, list, 6);
		for (int i = 0; i < k; i++) {
			size_t ln = strlen(list[i]);
			if (!best && !strpbrk(list[i], " -") && termin_speller_check(from, list[i], ln) == 0 &&
			    lev(list[i], ln, w, n) <= 3)
				best = list[i];
			else
				free(list[i]);
		}
	}
	termin_buf_free(&t);
	if (!best) {
		termin_strmap_put(cs->twins, w, n, 0);
		return NULL;
	}
	TERMIN_GROW(cs->suggestions, cs->cap_sugg, cs->n_sugg + 1);
	cs->suggestions[cs->n_sugg++] = best;
	termin_strmap_put(cs->twins, w, n, (intptr_t)cs->n_sugg);
	return best;
}

/* US- or GB-marked English word (lower case): accepted by one variety's
 * dictionary only and with a twin in the other, or an -iz- form whose
 * -is- twin is British. */
static int variety_of(check_spell *cs, const char *w, size_t n)
{
	if (!cs->us)
		return 0;
	int us = termin_speller_check(cs->us, w, n) > 0, gb = termin_speller_check(cs->gb, w, n) > 0;
	if (us && !gb)
		return twin(cs, w, n, 1) ? V_US : 0;
	if (gb && !us) {
		/* "organisation": the -iz- form is the American twin */
		termin_buf t = TERMIN_BUF_INIT;
		termin_buf_put(&t, w, n);
		char *p = strstr(t.ptr, "is");
		int r = 0;
		if (p && p > t.ptr + 2) {
			p[1] = 'z';
			r = termin_speller_check(cs->us, t.ptr, t.len) > 0;
		}
		termin_buf_free(&t);
		return r || twin(cs, w, n, 0) ? V_GB : 0;
	}
	if (us && gb) {
		termin_buf t = TERMIN_BUF_INIT;
		termin_buf_put(&t, w, n);
		char *p = strstr(t.ptr, "iz");
		if (!p)
			p = strstr(t.ptr, "yz");
		int r = 0;
		if (p && p > t.ptr + 2) {
			p[1] = 's';
			if (termin_speller_check(cs->gb, t.ptr, t.len) > 0 && termin_speller_check(cs->us, t.ptr, t.len) == 0)
				r = V_US;
		}
		termin_buf_free(&t);
		return r;
	}
	return 0;
}

static void remember_variant(termin_checker *ck, check_spell *cs, const ck_unit *cu, int side, const ck_word *w, int us)
{
	TERMIN_GROW(cs->vu, cs->cap_vu, cs->n_vu + 1);
	variant_use *v = &cs->vu[cs->n_vu++];
	const termin_check_unit *u = cu->u;
	v->unit = cu->index;
	v->side = side;
	v->bilingual = cu->bilingual;
	v->start = w->start;
	v->end = w->end;
	v->us = us;
	v->word = termin__xstrndup(cu->text[side] + w->start, w->end - w->start);
	/* the texts wait in the checker's temporary file: most documents do
	 * not mix varieties, and holding a copy per use cost a kilobyte each */
	v->source_len = cu->len[0];
	v->target_len = cu->bilingual ? cu->len[1] : 0;
	v->source = v->target = NULL;
	if (termin__check_stash(ck, cu, &v->off) < 0) {
		v->source = termin__xstrndup(cu->text[0], cu->len[0]);
		v->target = termin__xstrndup(cu->text[1], v->target_len);
	}
	v->line = u->line;
}

/* Settles a V_ASK verdict of word w: V_OK when it is an inflection of
 * the dictionary's suggestion, else V_BAD; the cache is updated. */
static intptr_t settle(check_spell *cs, const char *w, size_t n, intptr_t v)
{
	if (!(v & V_ASK))
		return v;
	v = inflection_of_suggestion(cs, w, n) ? V_OK : V_BAD;
	termin_strmap_put(cs->verdict, w, n, v);
	return v;
}

/* known() through the phase-2 verdict cache (for joined words: "lim" +
 * "it"); a word settled there already keeps its verdict. */
static int known_cached(check_spell *cs, const char *w, size_t n)
{
	intptr_t v;
	if (termin_strmap_get(cs->verdict, w, n, &v))
		return (settle(cs, w, n, v) & V_OK) != 0;
	int ok = known(cs, w, n);
	if (ok >= 0)
		termin_strmap_put(cs->verdict, w, n, ok ? V_OK : V_BAD);
	return ok;
}

/* Phase 1: the verdict of every word of one side that spelling judges
 * (0 for the others), through the thread's cache. */
/* Phase 1: marks word i for phase 2. */
static void look_at(ck_job *job, int side, size_t i)
{
	TERMIN_GROW(job->spell_at[side], job->cap_spell_at[side], job->n_spell_at[side] + 1);
	job->spell_at[side][job->n_spell_at[side]++] = i;
}

/* The verdict of phase 1 that some thread has made for a word. */
static int computed_get(check_spell *cs, const char *w, size_t n, intptr_t *v)
{
	pthread_mutex_lock(&cs->computed_lock);
	int found = termin_strmap_get(cs->computed, w, n, v);
	pthread_mutex_unlock(&cs->computed_lock);
	return found;
}

static int verdicts_side(termin_checker *ck, check_spell *cs, termin_strmap *cache, ck_quick *quick,
                         const ck_unit *cu, int side, ck_job *job)
{
	const char *s = cu->text[side];
	const ck_word *w = cu->words[side];
	size_t n = cu->n_words[side];
	intptr_t *out = job->verdict[side];
	for (size_t i = 0; i < n; i++) {
		const ck_word *x = &w[i];
		const char *ws = s + x->start;
		size_t wl = x->end - x->start;
		intptr_t v;
		out[i] = 0;
		if (!termin__check_spell_judges(s, x) ||
		    termin__in_spans(cu->links[side], cu->n_links[side], x->start, x->end))
			continue;
		if (x->latin && x->cyrillic) {
			look_at(job, side, i);
			continue;
		}
		ck_quick *q = NULL;
		uint64_t qw[CK_QUICK_MAX / 8];
		if (wl <= CK_QUICK_MAX) {
			q = termin__ck_quick_slot(quick, CK_QUICK_BITS, ws, wl, (uint32_t)wl + 1, qw);
			if (termin__ck_quick_is(q, qw, (uint32_t)wl + 1)) {
				v = q->v;
				goto judged;
			}
		}
		if (!termin_strmap_get(cache, ws, wl, &v)) {
			/* another thread may have judged it already: asked under a
			 * lock of its own, as phase 2 holds the spelling lock
			 * for as long as hunspell takes to suggest */
			if (computed_get(cs, ws, wl, &v)) {
				termin_strmap_put(cache, ws, wl, v);
				goto found;
			}
			pthread_mutex_lock(&cs->lock);
			if (computed_get(cs, ws, wl, &v)) {
				pthread_mutex_unlock(&cs->lock);
				termin_strmap_put(cache, ws, wl, v);
				goto found;
			}
			int ok = known(cs, ws, wl);
			if (ok < 0) {
				pthread_mutex_unlock(&cs->lock);
				out[i] = V_ERR;
				look_at(job, side, i);
				return ok;
			}
			v = ok ? V_OK : x->cyrillic && !x->latin ? V_ASK : V_BAD;
			if (ok && x->latin) {
				/* common words only: names differ between the two
				 * dictionaries without being spellings */
				termin_buf cw = TERMIN_BUF_INIT, lw = TERMIN_BUF_INIT;
				clean_word(&lw, ws, wl);
				termin__lower(&cw, lw.ptr, lw.len);
				termin_buf_free(&lw);
				v |= variety_of(cs, cw.ptr, cw.len);
				termin_buf_free(&cw);
			}
			pthread_mutex_lock(&cs->computed_lock);
			termin_strmap_put(cs->computed, ws, wl, v);
			pthread_mutex_unlock(&cs->computed_lock);
			pthread_mutex_unlock(&cs->lock);
			termin_strmap_put(cache, ws, wl, v);
		}
	found:
		if (q)
			termin__ck_quick_set(q, qw, (uint32_t)wl + 1, (int32_t)v);
	judged:
		out[i] = v;
		/* phase 2 looks at unknown words and at US/GB spellings */
		if (!(v & V_OK) || (v & (V_US | V_GB)))
			look_at(job, side, i);
	}
	return 0;
}

int termin__check_spell_verdicts(termin_checker *ck, check_spell *cs, termin_strmap *cache, ck_quick *quick,
                                 const ck_unit *cu, ck_job *job)
{
	int rc = 0;
	if (!termin__check_on(ck, CK_SPELLING) && !termin__check_on(ck, CK_SPELLING_VARIANT))
		return 0;
	job->n_spell_at[0] = job->n_spell_at[1] = 0;
	for (int s = 0; s < 1 + (cu->bilingual && cu->len[1] > 0) && rc == 0; s++) {
		if (job->cap_verdict[s] < cu->n_words[s]) {
			job->cap_verdict[s] = cu->n_words[s] + 16;
			job->verdict[s] = termin__xrealloc(job->verdict[s], job->cap_verdict[s] * sizeof **job->verdict);
		}
		rc = verdicts_side(ck, cs, cache, quick, cu, s, job);
	}
	return rc;
}

/* Phase 2: the findings of one side, from the verdicts of phase 1. */
static int spell_side(termin_checker *ck, check_spell *cs, const ck_unit *cu, int side, const ck_job *job)
{
	const char *s = cu->text[side];
	const ck_word *w = cu->words[side];
	size_t n = cu->n_words[side];
	const intptr_t *verdict = job->verdict[side];
	int rc = 0, spell_on = termin__check_on(ck, CK_SPELLING);
	int variant_on = termin__check_on(ck, CK_SPELLING_VARIANT) && cu->en[side] && cs->us;
	termin_buf fix = TERMIN_BUF_INIT;
	size_t skip = (size_t)-1;   /* the second half of a split word */

	/* only the words phase 1 marked: the others are known, plain words */
	for (size_t k = 0; k < job->n_spell_at[side]; k++) {
		size_t i = job->spell_at[side][k];
		if (i == skip)
			continue;
		const ck_word *x = &w[i];
		const char *ws = s + x->start;
		size_t wl = x->end - x->start;
		intptr_t v;
		if (!termin__check_spell_judges(s, x) || termin__in_spans(cu->links[side], cu->n_links[side], x->start, x->end))
			continue;
		if (x->latin && x->cyrillic) {
			if (!spell_on)
				continue;
			int to_cyr = x->cyrillic >= x->latin;
			int fixed = termin__check_fix_script(&fix, ws, wl, to_cyr);
			termin__check_add(ck, cu, CK_SPELLING, side, x->start, x->end, fixed ? fix.ptr : NULL,
			                  "\"%.*s\" mixes scripts: %s letters inside a %s word", (int)wl, ws,
			                  to_cyr ? "Latin" : "Cyrillic", to_cyr ? "Cyrillic" : "Latin");
			continue;
		}
		v = verdict[i];
		if (v & V_ERR) {
			rc = TERMIN_EIO;
			break;
		}
		/* an unknown Russian word may have been settled already */
		if ((v & V_ASK) && !termin_strmap_get(cs->verdict, ws, wl, &v))
			v = verdict[i];
		if (v & V_OK) {
			if (variant_on && (v & (V_US | V_GB)))
				remember_variant(ck, cs, cu, side, x, (v & V_US) != 0);
			continue;
		}
		if (!spell_on)
			continue;
		if (side == 1) {
			if (copied_from_source(cu, ws, wl))
				continue;
			if (x->cyrillic && x->upper && transliterates(cs, cu, ws, wl))
				continue;
		}
		if (settle(cs, ws, wl, v) & V_OK)
			continue;
		/* a word split by a stray space: "lim it" */
		if (i + 1 < n && w[i + 1].start == x->end + 1 && s[x->end] == ' ' && termin__check_spell_judges(s, &w[i + 1])) {
			termin_buf j = TERMIN_BUF_INIT;
			termin_buf_put(&j, ws, wl);
			termin_buf_put(&j, s + w[i + 1].start, w[i + 1].end - w[i + 1].start);
			int ok = known_cached(cs, j.ptr, j.len);
			if (ok > 0) {
				termin__check_add(ck, cu, CK_SPELLING, side, x->start, w[i + 1].end, j.ptr,
				                  "\"%.*s\" is one word split by a space", (int)(w[i + 1].end - x->start), ws);
				termin_buf_free(&j);
				skip = i + 1;
				continue;
			}
			termin_buf_free(&j);
		}
		if (i > 0 && x->start == w[i - 1].end + 1 && s[w[i - 1].end] == ' ' && termin__check_spell_judges(s, &w[i - 1])) {
			termin_buf j = TERMIN_BUF_INIT;
			termin_buf_put(&j, s + w[i - 1].start, w[i - 1].end - w[i - 1].start);
			termin_buf_put(&j, ws, wl);
			int ok = known_cached(cs, j.ptr, j.len);
			if (ok > 0) {
				termin__check_add(ck, cu, CK_SPELLING, side, w[i - 1].start, x->end, j.ptr,
				                  "\"%.*s\" is one word split by a space", (int)(x->end - w[i - 1].start),
				                  s + w[i - 1].start);
				termin_buf_free(&j);
				continue;
			}
			termin_buf_free(&j);
		}
		const char *sg = suggestion(cs, ws, wl);
		termin__check_add(ck, cu, CK_SPELLING, side, x->start, x->end, sg, "unknown word \"%.*s\"%s%s%s",
		                  (int)wl, ws, sg ? "; did you mean \"" : "", sg ? sg : "", sg ? "\"?" : "");
	}
	termin_buf_free(&fix);
	return rc;
}

int termin__check_spell_unit(termin_checker *ck, check_spell *cs, const ck_unit *cu, const ck_job *job)
{
	int rc = 0;
	if (!termin__check_on(ck, CK_SPELLING) && !termin__check_on(ck, CK_SPELLING_VARIANT))
		return 0;
	pthread_mutex_lock(&cs->lock);
	for (int s = 0; s < 1 + (cu->bilingual && cu->len[1] > 0) && rc == 0; s++)
		rc = spell_side(ck, cs, cu, s, job);
	pthread_mutex_unlock(&cs->lock);
	return rc;
}

/* The other variety's spelling of a marked word, with its capital. */
static void counterpart(check_spell *cs, termin_buf *out, const char *w, int to_gb)
{
	termin_buf low = TERMIN_BUF_INIT;
	const char *t = NULL;
	termin_buf_clear(out);
	termin__lower(&low, w, strlen(w));
	if (low.len > 2 && low.ptr[low.len - 2] == '\'' && low.ptr[low.len - 1] == 's')
		low.len -= 2;
	else if (low.len > 4 && strcmp(low.ptr + low.len - 4, "\xe2\x80\x99s") == 0)
		low.len -= 4;
	low.ptr[low.len] = '\0';
	char *p = strstr(low.ptr, "iz");
	if (to_gb && p) {
		termin_buf_puts(out, low.ptr);
		out->ptr[p - low.ptr + 1] = 's';
		if (termin_speller_check(cs->gb, out->ptr, out->len) <= 0)
			termin_buf_clear(out);
	}
	if (!to_gb && (p = strstr(low.ptr, "is")) && p > low.ptr + 2) {
		termin_buf_puts(out, low.ptr);
		out->ptr[p - low.ptr + 1] = 'z';
		if (termin_speller_check(cs->us, out->ptr, out->len) <= 0)
			termin_buf_clear(out);
	}
	if (!out->len && (t = twin(cs, low.ptr, low.len, to_gb)))
		termin_buf_puts(out, t);
	if (out->len && termin__is_upper((unsigned char)w[0]) && out->ptr[0] >= 'a' && out->ptr[0] <= 'z')
		out->ptr[0] = (char)(out->ptr[0] - 32);
	termin_buf_free(&low);
}

static void spell_doc_end(termin_checker *ck, check_spell *cs);

void termin__check_spell_doc_end(termin_checker *ck, check_spell *cs)
{
	pthread_mutex_lock(&cs->lock);
	spell_doc_end(ck, cs);
	pthread_mutex_unlock(&cs->lock);
}

static void spell_doc_end(termin_checker *ck, check_spell *cs)
{
	size_t us = 0, gb = 0;
	termin_buf sugg = TERMIN_BUF_INIT;
	for (size_t i = 0; i < cs->n_vu; i++) {
		us += cs->vu[i].us;
		gb += !cs->vu[i].us;
	}
	int expect_gb;
	if (cs->variety)
		expect_gb = strcmp(cs->variety, "en-GB") == 0;
	else
		expect_gb = gb >= us;
	if (cs->variety || (us && gb)) {
		for (size_t i = 0; i < cs->n_vu; i++) {
			variant_use *v = &cs->vu[i];
			if (v->us != expect_gb)
				continue;
			termin_check_unit u;
			ck_unit cu;
			memset(&u, 0, sizeof u);
			memset(&cu, 0, sizeof cu);
			char *src = v->source ? v->source : termin__check_unstash(ck, v->off, v->source_len);
			char *tgt = v->source ? v->target : termin__check_unstash(ck, v->off + v->source_len, v->target_len);
			u.file = ck->unit_file[v->unit];
			u.line = v->line;
			u.tuid = ck->unit_tuid[v->unit];
			u.source = src;
			u.source_len = strlen(src);
			u.target = v->bilingual ? tgt : NULL;
			u.target_len = v->bilingual ? strlen(tgt) : 0;
			cu.u = &u;
			cu.bilingual = v->bilingual;
			cu.index = v->unit;
			cu.text[0] = u.source;
			cu.len[0] = u.source_len;
			cu.text[1] = v->bilingual ? tgt : "";
			cu.len[1] = u.target_len;
			cu.hash = termin__hash64(cu.text[0], cu.len[0], termin__hash64(cu.text[1], cu.len[1], 0));
			cu.hashed = 1;
			counterpart(cs, &sugg, v->word, expect_gb);
			termin__check_add(ck, &cu, CK_SPELLING_VARIANT, v->side == 0 ? SIDE_SRC : SIDE_TGT, v->start, v->end,
			                  sugg.len ? sugg.ptr : NULL, "\"%s\" is %s spelling; %s %s%s%s%s", v->word,
			                  expect_gb ? "American" : "British",
			                  cs->variety ? "expected" : "this document mostly uses",
			                  expect_gb ? "British" : "American", sugg.len ? " (\"" : "", sugg.len ? sugg.ptr : "",
			                  sugg.len ? "\")" : "");
			if (!v->source) {
				free(src);
				free(tgt);
			}
		}
	}
	termin_buf_free(&sugg);
	free_uses(cs);
}
