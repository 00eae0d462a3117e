/*
 * test_align.c - the sentence aligner through its public API: beads on
 * small real texts, empty sides, coarse-to-fine alignment of long texts,
 * glossary anchors, and storing pairs in a real SQLite TM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tt.h"

/* Eight English/Russian sentence pairs from examples/align. */
static const char *const en8[] = {
	"The ministers discussed the situation in the CSTO area of responsibility, including on the Tajik-Afghan border.",
	"According to Imangali Tasmagambetov, the first stage of the programme will cost about 3.5 billion roubles.",
	"\"Our common task is to prevent terrorists and drugs from entering the territory of the Organization,\" Maxim Ryzhenkov stressed.",
	"Photo: Belarusian Foreign Ministry press service",
	"The exercise took place at the Brestsky training ground from 9 to 15 October.",
	"The CSTO Joint Staff was in overall command.",
	"\"Could anyone have imagined such interaction ten years ago?\" he asked.",
	"The exercise has been held annually since 2019.",
};
static const char *const ru8[] = {
	"Министры обсудили ситуацию в зоне ответственности ОДКБ, в том числе на таджикско-афганской границе.",
	"По словам Имангали Тасмагамбетова, первый этап программы обойдется примерно в 3,5 млрд рублей.",
	"«Наша общая задача – не допустить проникновения террористов и наркотиков на территорию Организации», – подчеркнул Максим Рыженков.",
	"Фото: пресс-служба МИД Беларуси",
	"Учение проходило на полигоне «Брестский» с 9 по 15 октября.",
	"Общее руководство осуществлял Объединенный штаб ОДКБ.",
	"«Можно ли было представить такое взаимодействие десять лет назад?» – спросил он.",
	"Учение проводится ежегодно с 2019 года.",
};

static void segs(termin_align_seg *out, const char *const *text, size_t n, size_t skip)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == skip)
			continue;
		out[k].text = text[i];
		out[k].len = strlen(text[i]);
		out[k].paragraph = 1;
		out[k].lang = NULL;
		k++;
	}
}

void test_align__pairs_and_omission(void)
{
	termin_align_seg s[8], t[8];
	termin_alignment *a = NULL;
	segs(s, en8, 8, 99);
	segs(t, ru8, 8, 3); /* the photo caption is not translated */
	T_OK(termin_align(&a, s, 8, t, 7, NULL));
	T_EQ_INT(termin_alignment_count(a), 8);
	for (size_t k = 0; k < 8; k++) {
		const termin_bead *b = termin_alignment_bead(a, k);
		T_EQ_INT(b->src, k);
		T_EQ_INT(b->nsrc, 1);
		T_EQ_INT(b->ntgt, k == 3 ? 0 : 1);
		if (k != 3) {
			T_EQ_INT(b->tgt, k < 3 ? k : k - 1);
			T_ASSERT(b->confidence > 0.5);
			T_ASSERT(termin_bead_accepted(b, 0.5));
		} else {
			T_ASSERT(!termin_bead_accepted(b, 0.0));
		}
	}
	termin_alignment_free(a);
}

void test_align__empty_sides(void)
{
	termin_align_seg t[8];
	termin_alignment *a = NULL;
	segs(t, ru8, 8, 99);
	T_OK(termin_align(&a, NULL, 0, t, 8, NULL));
	T_EQ_INT(termin_alignment_count(a), 8);
	for (size_t k = 0; k < 8; k++) {
		const termin_bead *b = termin_alignment_bead(a, k);
		T_EQ_INT(b->nsrc, 0);
		T_EQ_INT(b->ntgt, 1);
		T_EQ_INT(b->tgt, k);
	}
	T_ASSERT(termin_alignment_bead(a, 8) == NULL);
	termin_alignment_free(a);
	T_OK(termin_align(&a, t, 8, NULL, 0, NULL));
	T_EQ_INT(termin_alignment_count(a), 8);
	T_EQ_INT(termin_alignment_bead(a, 7)->ntgt, 0);
	termin_alignment_free(a);
	T_OK(termin_align(&a, NULL, 0, NULL, 0, NULL));
	T_EQ_INT(termin_alignment_count(a), 0);
	termin_alignment_free(a);
	termin_alignment_free(NULL);
}

void test_align__bad_options(void)
{
	termin_align_opts o = TERMIN_ALIGN_OPTS_INIT;
	termin_alignment *a = (termin_alignment *)1;
	o.version = 99;
	T_FAILS(termin_align(&a, NULL, 0, NULL, 0, &o), TERMIN_EUSAGE);
	T_ASSERT(a == NULL);
	o.version = TERMIN_ALIGN_OPTS_VERSION;
	o.ratio = 100;
	T_FAILS(termin_align(&a, NULL, 0, NULL, 0, &o), TERMIN_EUSAGE);
}

/* A long text against itself with one sentence dropped on each side far
 * apart, through several resolutions (small max_cells): every bead is on
 * the diagonal, and the two lone sentences are found. */
void test_align__coarse_to_fine(void)
{
	enum { N = 3000 };
	termin_align_seg *s = calloc(N, sizeof *s), *t = calloc(N, sizeof *t);
	char (*buf)[160] = calloc(N, sizeof *buf);
	termin_alignment *a = NULL;
	termin_align_opts o = TERMIN_ALIGN_OPTS_INIT;
	termin_align_info info;
	size_t ns = 0, nt = 0;
	T_ASSERT(s && t && buf);
	for (size_t i = 0; i < N; i++) {
		/* lengths and numbers vary from sentence to sentence */
		snprintf(buf[i], sizeof buf[i], "Sentence %zu of the report mentions %zu cases%.*s.", i,
		         (i * 7919) % 1000, (int)((i * 31) % 60),
		         " and a few more words to vary the length of it all here");
		if (i != 700) {
			s[ns].text = buf[i];
			s[ns].len = strlen(buf[i]);
			s[ns++].paragraph = 1 + i / 10;
		}
		if (i != 2100) {
			t[nt].text = buf[i];
			t[nt].len = strlen(buf[i]);
			t[nt++].paragraph = 1 + i / 10;
		}
	}
	o.src_lang = "en";
	o.tgt_lang = "en";
	o.max_cells = 20000;
	T_OK(termin_align(&a, s, ns, t, nt, &o));
	termin_alignment_info(a, &info);
	T_ASSERT(info.levels > 1);
	T_EQ_INT(termin_alignment_count(a), N);
	size_t lone = 0;
	for (size_t k = 0; k < N; k++) {
		const termin_bead *b = termin_alignment_bead(a, k);
		if (b->nsrc == 1 && b->ntgt == 1) {
			T_EQ_STR(s[b->src].text, t[b->tgt].text);
		} else {
			T_ASSERT(b->nsrc + b->ntgt == 1);
			lone++;
		}
	}
	T_EQ_INT(lone, 2);
	termin_alignment_free(a);
	free(s);
	free(t);
	free(buf);
}

typedef struct {
	uint64_t key[8];
	size_t n;
} keys;

static void collect(void *ctx, uint64_t key)
{
	keys *k = ctx;
	if (k->n < 8)
		k->key[k->n++] = key;
}

void test_align__glossary_anchors(void)
{
	termin_glossary *g = NULL;
	termin_concept *c = NULL;
	termin_matcher *m = NULL;
	termin_align_anchors an;
	keys ke = { { 0 }, 0 }, kr = { { 0 }, 0 }, kx = { { 0 }, 0 };
	T_OK(termin_glossary_new(&g));
	T_OK(termin_glossary_add_concept(g, "crrf", &c));
	T_OK(termin_concept_add_term(c, "en", "Collective Rapid Reaction Forces", NULL));
	T_OK(termin_concept_add_term(c, "ru", "Коллективные силы оперативного реагирования", NULL));
	T_OK(termin_glossary_add_concept(g, "js", &c));
	T_OK(termin_concept_add_term(c, "en", "Joint Staff", NULL));
	T_OK(termin_concept_add_term(c, "ru", "Объединенный штаб", NULL));
	T_OK(termin_matcher_new(&m, g, NULL));
	termin_align_glossary_anchors(&an, m);
	T_EQ_STR(an.name, "glossary");
	const char *en = "The work of the Collective Rapid Reaction Forces was discussed.";
	const char *ru = "Обсуждалась работа Коллективных сил оперативного реагирования.";
	const char *other = "Общее руководство осуществлял Объединенный штаб ОДКБ.";
	T_OK(an.find(an.ctx, 0, "en", en, strlen(en), collect, &ke));
	T_OK(an.find(an.ctx, 1, "ru", ru, strlen(ru), collect, &kr));
	T_OK(an.find(an.ctx, 1, "ru", other, strlen(other), collect, &kx));
	T_EQ_INT(ke.n, 1);
	T_EQ_INT(kr.n, 1); /* inflected: Коллективных сил */
	T_EQ_INT(kx.n, 1);
	T_ASSERT(ke.key[0] == kr.key[0]);
	T_ASSERT(ke.key[0] != kx.key[0]);
	/* and through termin_align: the anchors do not disturb a clean pair */
	termin_align_seg s[2] = { { en, strlen(en), 1, NULL }, { en8[5], strlen(en8[5]), 1, NULL } };
	termin_align_seg t[2] = { { ru, strlen(ru), 1, NULL }, { other, strlen(other), 1, NULL } };
	termin_align_opts o = TERMIN_ALIGN_OPTS_INIT;
	termin_alignment *a = NULL;
	o.anchors = &an;
	o.n_anchors = 1;
	T_OK(termin_align(&a, s, 2, t, 2, &o));
	T_EQ_INT(termin_alignment_count(a), 2);
	T_EQ_INT(termin_alignment_bead(a, 1)->tgt, 1);
	termin_alignment_free(a);
	termin_matcher_free(m);
	termin_glossary_free(g);
}

static int count_unit(void *ctx, const termin_tmx_unit *u)
{
	(void)u;
	(*(int *)ctx)++;
	return 0;
}

void test_align__store_in_tm(void)
{
	termin_align_seg s[8], t[8];
	termin_alignment *a = NULL;
	termin_tm *tm = NULL;
	termin_tm_iter *it = NULL;
	const termin_tmx_unit *u;
	char path[4096];
	size_t stored = 0, added = 0, units = 0;
	segs(s, en8, 8, 99);
	segs(t, ru8, 8, 3);
	T_OK(termin_align(&a, s, 8, t, 7, NULL));
	snprintf(path, sizeof path, "%s/tm.db", tt_tmpdir());
	T_OK(termin_tm_open(&tm, path, NULL));
	termin_align_write_opts wo = TERMIN_ALIGN_WRITE_OPTS_INIT;
	wo.src_name = "dir/news.en.txt";
	wo.tgt_name = "dir/news.ru.txt";
	T_OK(termin_alignment_store(a, tm, &wo, &stored, &added));
	T_EQ_INT(stored, 7);
	T_EQ_INT(added, 7);
	termin_tm_filter f = TERMIN_TM_FILTER_INIT;
	f.doc = "news.en.txt";
	T_OK(termin_tm_iter_new(&it, tm, &f));
	int rc;
	while ((rc = termin_tm_iter_next(it, &u)) > 0) {
		int conf = 0;
		units++;
		T_EQ_INT(u->n_variants, 2);
		T_EQ_STR(u->variants[0].lang, "en");
		T_EQ_STR(u->variants[1].lang, "ru");
		for (size_t i = 0; i < u->n_meta; i++)
			if (u->meta[i].type && strcmp(u->meta[i].type, "x-align-confidence") == 0) {
				conf++;
				T_ASSERT(atof(u->meta[i].text) > 0.5);
			}
		T_EQ_INT(conf, 1);
	}
	T_OK(rc);
	T_EQ_INT(units, 7);
	termin_tm_iter_free(it);
	/* the same pairs again: counted, not duplicated */
	T_OK(termin_alignment_store(a, tm, &wo, &stored, &added));
	T_EQ_INT(stored, 7);
	T_EQ_INT(added, 0);
	int found = 0;
	T_OK(termin_tm_lookup(tm, "en", en8[5], strlen(en8[5]), count_unit, &found));
	T_EQ_INT(found, 1);
	termin_tm_close(tm);
	termin_alignment_free(a);
}
