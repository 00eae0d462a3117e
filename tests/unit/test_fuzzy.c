/*
 * test_fuzzy.c - fuzzy match scores (the worked examples of the man page),
 * segment preparation, diffs, the word index and lookups in a real SQLite
 * TM, and agreement with a brute-force scorer that reads every unit.
 */
#include "tt.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static int score(const char *q, const char *c)
{
	return termin_fuzzy_score(q, strlen(q), c, strlen(c));
}

static termin_fuzzy_detail detail_of(const char *q, const char *c, int *s)
{
	termin_fuzzy_seg *a = termin_fuzzy_seg_new(q, strlen(q), 0);
	termin_fuzzy_seg *b = termin_fuzzy_seg_new(c, strlen(c), 0);
	termin_fuzzy_detail d;
	*s = termin_fuzzy_compare(a, b, 0, &d);
	termin_fuzzy_seg_free(a);
	termin_fuzzy_seg_free(b);
	return d;
}

/* The examples of docs/termin.1, section "Fuzzy match scores": keep both
 * in step. */
void test_fuzzy__man_page_examples(void)
{
	int s;
	termin_fuzzy_detail d;

	/* one word of ten replaced: 100 * (1 - 1/10) */
	T_EQ_INT(score("The CSTO Secretary General held a working meeting in Minsk.",
	               "The CSTO Secretary General held a working meeting in Moscow."), 90);
	/* one word added to five: 100 * (1 - 1/6), rounded down */
	T_EQ_INT(score("The parties discussed the exercise.",
	               "The parties discussed the joint exercise."), 83);
	/* a different date: numbers match as placeables, 2 points off */
	d = detail_of("The Council will meet on 24.04.2025 at 10 a.m.",
	              "The Council will meet on 25.04.2025 at 10 a.m.", &s);
	T_EQ_INT(s, 98);
	T_EQ_INT(d.base, 100);
	T_EQ_INT(d.numbers, 1);
	/* a question mark for a full stop: 1 point */
	d = detail_of("Did the participants agree on the schedule?",
	              "Did the participants agree on the schedule.", &s);
	T_EQ_INT(s, 99);
	T_EQ_INT(d.punctuation, 1);
	/* case only: 1 point per word */
	d = detail_of("the meeting was held in Minsk.", "The meeting was held in Minsk.", &s);
	T_EQ_INT(s, 99);
	T_EQ_INT(d.letter_case, 1);
	/* two tags missing: 2 points */
	d = detail_of("<b>Minsk</b> hosted the meeting.", "Minsk hosted the meeting.", &s);
	T_EQ_INT(s, 98);
	T_EQ_INT(d.tags, 2);
	/* two words of nine replaced (77) and a comma missing (1) */
	T_EQ_INT(score("In Almaty, the ministers approved the plan for 2026.",
	               "In Bishkek the ministers discussed the plan for 2026."), 76);
	/* white space does not count */
	T_EQ_INT(score("The  meeting\u00a0ended. ", "The meeting ended."), 100);
	/* nothing shared */
	T_EQ_INT(score("Go back", "Peacekeeping forces"), 0);
}

void test_fuzzy__tokens(void)
{
	const char *t = "On 24.04.2025, 1,000 troops of Interaction-2025 don't rest.";
	termin_fuzzy_seg *g = termin_fuzzy_seg_new(t, strlen(t), 0);
	/* On NUM NUM troops of Interaction-2025 don't rest */
	T_EQ_INT(termin_fuzzy_seg_words(g), 8);
	termin_fuzzy_seg_free(g);
	/* Russian, case-folded, ё as е */
	T_EQ_INT(score("Объединённый штаб ОДКБ провёл учения.", "объединенный штаб ОДКБ провел учения."), 98);
	T_EQ_INT(score("Совет министров обороны", "Совет министров иностранных дел"), 50);
}

void test_fuzzy__markup(void)
{
	const char *mk = "<bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>Minsk<ept i=\"1\">&lt;/b&gt;</ept> &amp; "
	                 "Moscow<ph x=\"2\"/>";
	termin_fuzzy_seg *g = termin_fuzzy_seg_new(mk, strlen(mk), 1);
	size_t len;
	const char *text = termin_fuzzy_seg_text(g, &len);
	T_EQ_MEM(text, len, "<b>Minsk</b> & Moscow<ph/>");
	T_EQ_INT(termin_fuzzy_seg_words(g), 2);
	/* the same tags written in a plain query */
	termin_fuzzy_seg *q = termin_fuzzy_seg_new("<b>Minsk</b> & Moscow<ph/>", 26, 0);
	T_EQ_INT(termin_fuzzy_compare(q, g, 0, NULL), 100);
	termin_fuzzy_seg_free(q);
	q = termin_fuzzy_seg_new("Minsk & Moscow", 14, 0);
	T_EQ_INT(termin_fuzzy_compare(q, g, 0, NULL), 97);
	termin_fuzzy_seg_free(q);
	termin_fuzzy_seg_free(g);
}

void test_fuzzy__bound(void)
{
	termin_fuzzy_seg *q = termin_fuzzy_seg_new("a b c d e f g h i j", 19, 0);
	termin_fuzzy_seg *c = termin_fuzzy_seg_new("a b c x y z w v u t", 19, 0);
	T_EQ_INT(termin_fuzzy_compare(q, c, 0, NULL), 30);
	T_EQ_INT(termin_fuzzy_compare(q, c, 31, NULL), -1);
	T_EQ_INT(termin_fuzzy_compare(q, c, 30, NULL), 30);
	termin_fuzzy_seg_free(q);
	termin_fuzzy_seg_free(c);
}

void test_fuzzy__diff(void)
{
	const char *qt = "The meeting was held in Minsk on Monday.";
	const char *ct = "The meeting was held in Moscow on Monday.";
	termin_fuzzy_seg *q = termin_fuzzy_seg_new(qt, strlen(qt), 0);
	termin_fuzzy_seg *c = termin_fuzzy_seg_new(ct, strlen(ct), 0);
	const termin_diff_piece *p;
	size_t n;
	char buf[256] = "";
	T_OK(termin_fuzzy_diff(q, c, &p, &n));
	for (size_t i = 0; i < n; i++) {
		const char *open = p[i].kind == TERMIN_DIFF_QUERY ? "[-" : p[i].kind == TERMIN_DIFF_MATCH ? "{+" : "";
		const char *close = p[i].kind == TERMIN_DIFF_QUERY ? "-]" : p[i].kind == TERMIN_DIFF_MATCH ? "+}" : "";
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%.*s%s", open, (int)p[i].len,
		         p[i].text, close);
	}
	T_EQ_STR(buf, "The meeting was held in [-Minsk -]{+Moscow +}on Monday.");
	termin_fuzzy_seg_free(q);
	termin_fuzzy_seg_free(c);
}

/* ======================= a TM to look things up in ======================= */

static void add_pair(termin_tm *tm, const char *en, const char *ru, const termin_tm_context *ctx)
{
	termin_tmx_variant v[2];
	termin_tmx_unit u;
	size_t l0, l1;
	char *m0 = termin_tm_escape(en, strlen(en), &l0);
	char *m1 = ru ? termin_tm_escape(ru, strlen(ru), &l1) : NULL;
	memset(v, 0, sizeof v);
	memset(&u, 0, sizeof u);
	v[0].lang = "en";
	v[0].markup = m0;
	v[0].markup_len = l0;
	v[0].text = en;
	v[0].text_len = strlen(en);
	v[0].stamp.created = v[0].stamp.changed = v[0].stamp.last_used = TERMIN_NODATE;
	v[1] = v[0];
	if (ru) {
		v[1].lang = "ru";
		v[1].markup = m1;
		v[1].markup_len = l1;
		v[1].text = ru;
		v[1].text_len = strlen(ru);
	}
	u.srclang = "en";
	u.variants = v;
	u.n_variants = ru ? 2 : 1;
	u.stamp.created = u.stamp.changed = u.stamp.last_used = TERMIN_NODATE;
	T_OK(termin_tm_add(tm, &u, ctx));
	free(m0);
	free(m1);
}

static termin_tm *open_tm(void)
{
	char path[512];
	termin_tm *tm;
	snprintf(path, sizeof path, "%s/tm.db", tt_tmpdir());
	T_OK(termin_tm_open(&tm, path, NULL));
	return tm;
}

void test_fuzzy__lookup(void)
{
	termin_tm *tm = open_tm();
	termin_tm_source src = TERMIN_TM_SOURCE_INIT;
	termin_fuzzy *f;
	termin_fuzzy_opts o = TERMIN_FUZZY_OPTS_INIT;
	const termin_fuzzy_match *m;
	size_t n;

	src.name = "a.tmx";
	T_OK(termin_tm_begin(tm, &src));
	add_pair(tm, "The CSTO Secretary General held a working meeting in Minsk.",
	         "Генеральный секретарь ОДКБ провёл рабочую встречу в Минске.", NULL);
	add_pair(tm, "The Council of Foreign Ministers met in Almaty.",
	         "Совет министров иностранных дел собрался в Алматы.", NULL);
	add_pair(tm, "The CSTO Secretary General held a working meeting in Moscow.", NULL, NULL);
	T_OK(termin_tm_commit(tm));
	T_EQ_INT(termin_tm_schema_version(tm) >= 3, 1);

	o.tgt = "ru";
	T_OK(termin_fuzzy_new(&f, tm, &o));
	const char *q = "The CSTO Secretary General held a working meeting in Moscow.";
	T_OK(termin_fuzzy_lookup(f, q, strlen(q), NULL, &m, &n));
	/* the exact unit has no translation: the Minsk one is the match */
	T_EQ_INT(n, 1);
	T_EQ_INT(m[0].score, 90);
	T_EQ_STR(m[0].tgt_lang, "ru");
	T_EQ_STR(m[0].target, "Генеральный секретарь ОДКБ провёл рабочую встречу в Минске.");
	q = "Something else entirely.";
	T_OK(termin_fuzzy_lookup(f, q, strlen(q), NULL, &m, &n));
	T_EQ_INT(n, 0);
	termin_fuzzy_free(f);

	/* a batch indexes its units itself: nothing is left to catch up */
	src.name = "b.tmx";
	T_OK(termin_tm_begin(tm, &src));
	add_pair(tm, "The Joint Staff held consultations on the exercises.",
	         "Объединённый штаб провёл консультации по учениям.", NULL);
	T_OK(termin_tm_commit(tm));
	size_t added = 1;
	T_OK(termin_fuzzy_index_update(tm, &added, NULL, NULL));
	T_EQ_INT(added, 0);
	/* an index left behind (a crash, an older termin) is caught up, and
	 * a batch does not feed it meanwhile (the update indexes its units) */
	termin_tm_close(tm);
	sqlite3 *db;
	char path[4096];
	snprintf(path, sizeof path, "%s/tm.db", tt_tmpdir());
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	T_EQ_INT(sqlite3_exec(db, "DELETE FROM fuzzy_post; UPDATE fuzzy_state SET last_tuv = 0",
	                      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	tm = open_tm();
	src.name = "c.tmx";
	T_OK(termin_tm_begin(tm, &src));
	add_pair(tm, "Nothing to do with the rest.", "Ничего общего.", NULL);
	T_OK(termin_tm_commit(tm));
	T_OK(termin_fuzzy_index_update(tm, &added, NULL, NULL));
	T_EQ_INT(added, 9);
	T_OK(termin_fuzzy_index_update(tm, &added, NULL, NULL));
	T_EQ_INT(added, 0);
	o.include_untranslated = 1;
	o.limit = 3;
	T_OK(termin_fuzzy_new(&f, tm, &o));
	q = "The Joint Staff held consultations on the exercise.";
	T_OK(termin_fuzzy_lookup(f, q, strlen(q), NULL, &m, &n));
	T_EQ_INT(n, 1);
	T_EQ_INT(m[0].score, 87);
	q = "The CSTO Secretary General held a working meeting in Moscow.";
	T_OK(termin_fuzzy_lookup(f, q, strlen(q), NULL, &m, &n));
	T_EQ_INT(n, 2);
	T_EQ_INT(m[0].score, 100);
	T_ASSERT(m[0].target == NULL);
	T_EQ_INT(m[1].score, 90);
	termin_fuzzy_free(f);

	/* the other direction */
	o = (termin_fuzzy_opts)TERMIN_FUZZY_OPTS_INIT;
	o.src = "ru";
	T_OK(termin_fuzzy_new(&f, tm, &o));
	q = "Совет министров иностранных дел собрался в Минске.";
	T_OK(termin_fuzzy_lookup(f, q, strlen(q), NULL, &m, &n));
	T_EQ_INT(n, 1);
	T_EQ_INT(m[0].score, 85);
	T_EQ_STR(m[0].target, "The Council of Foreign Ministers met in Almaty.");
	termin_fuzzy_free(f);
	termin_tm_close(tm);
}

void test_fuzzy__context(void)
{
	termin_tm *tm = open_tm();
	termin_tm_source src = TERMIN_TM_SOURCE_INIT;
	const char *s1 = "The meeting opened.", *s2 = "The agenda was approved.", *s3 = "The meeting closed.";
	termin_tm_context c2 = { "doc1", 2, termin_tm_text_hash(s1, strlen(s1)),
	                         termin_tm_text_hash(s3, strlen(s3)) };
	termin_fuzzy *f;
	const termin_fuzzy_match *m;
	size_t n;

	src.name = "doc1";
	T_OK(termin_tm_begin(tm, &src));
	add_pair(tm, s2, "Повестка дня утверждена.", &c2);
	T_OK(termin_tm_commit(tm));
	T_OK(termin_fuzzy_new(&f, tm, NULL));
	termin_fuzzy_context ctx = { c2.prev_hash, c2.next_hash };
	T_OK(termin_fuzzy_lookup(f, s2, strlen(s2), &ctx, &m, &n));
	T_EQ_INT(n, 1);
	T_EQ_INT(m[0].score, 101);
	ctx.next_hash = 0;
	T_OK(termin_fuzzy_lookup(f, s2, strlen(s2), &ctx, &m, &n));
	T_EQ_INT(m[0].score, 100);
	T_OK(termin_fuzzy_lookup(f, s2, strlen(s2), NULL, &m, &n));
	T_EQ_INT(m[0].score, 100);
	termin_fuzzy_free(f);
	termin_tm_close(tm);
}

void test_fuzzy__bad_options(void)
{
	termin_tm *tm = open_tm();
	termin_fuzzy *f;
	termin_fuzzy_opts o = TERMIN_FUZZY_OPTS_INIT;
	o.threshold = 120;
	T_FAILS(termin_fuzzy_new(&f, tm, &o), TERMIN_EUSAGE);
	o.threshold = 0;
	o.src = "russian";
	T_FAILS(termin_fuzzy_new(&f, tm, &o), TERMIN_EUSAGE);
	termin_tm_close(tm);
}

/* ======================= agreement with brute force ======================= */

static const char *const vocab[] = {
	"the", "collective", "security", "treaty", "organization", "member", "states", "council",
	"of", "foreign", "ministers", "secretary", "general", "held", "a", "working", "meeting",
	"with", "delegation", "on", "exercises", "forces", "rapid", "reaction", "joint", "staff",
	"border", "cooperation", "peacekeeping", "training", "agreed", "discussed", "preparation",
	"plan", "for", "strengthening", "external", "borders", "in", "Minsk", "Moscow", "Almaty",
	"Bishkek", "Dushanbe", "Yerevan", "session", "agenda", "items", "report", "defence",
	"ministry", "armed", "interaction", "exercise", "command", "headquarters", "crisis",
	"response", "terrorism", "drug", "trafficking", "cyber", "threats", "information",
	"Afghanistan", "Tajik", "Kyrgyz", "Kazakhstan", "Belarus", "Russia", "Armenia", "summit",
	"heads", "state", "declaration", "signed", "adopted", "programme", "interstate", "targeted",
	"chief", "deputy", "minister", "president", "visit", "talks", "bilateral", "regional",
	"stability", "Central", "Asia", "military", "political", "mechanisms", "collective",
	"secretariat", "experts", "consultations", "schedule", "draft", "budget", "year",
};

static uint64_t rng = 88172645463325252ULL;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void sentence(char *out, size_t cap)
{
	size_t n = 8 + rnd(14), len = 0;
	for (size_t i = 0; i < n && len + 40 < cap; i++) {
		const char *w = vocab[rnd((sizeof vocab / sizeof *vocab))];
		if (rnd(12) == 0)
			len += (size_t)snprintf(out + len, cap - len, "%s%u", i ? " " : "", 1990 + rnd(40));
		else
			len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? " " : "", w);
		if (rnd(10) == 0)
			len += (size_t)snprintf(out + len, cap - len, ",");
	}
	snprintf(out + len, cap - len, ".");
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 32);
}

/* Changes a few words of `s` in place (into out). */
static void perturb(const char *s, char *out, size_t cap, int edits)
{
	char words[64][48];
	size_t n = 0, len = 0;
	const char *p = s;
	while (*p && n < 60) {
		while (*p == ' ')
			p++;
		size_t k = strcspn(p, " ");
		if (!k)
			break;
		snprintf(words[n++], sizeof words[0], "%.*s", (int)(k < 47 ? k : 47), p);
		p += k;
	}
	for (int e = 0; e < edits && n > 2; e++) {
		unsigned at = rnd((unsigned)n), op = rnd(3);
		if (op == 0) {
			snprintf(words[at], sizeof words[0], "%s", vocab[rnd((sizeof vocab / sizeof *vocab))]);
		} else if (op == 1) {
			memmove(words[at], words[at + 1], (n - at - 1) * sizeof words[0]);
			n--;
		} else if (n < 60) {
			memmove(words[at + 1], words[at], (n - at) * sizeof words[0]);
			snprintf(words[at], sizeof words[0], "%s", vocab[rnd((sizeof vocab / sizeof *vocab))]);
			n++;
		}
	}
	for (size_t i = 0; i < n && len + 50 < cap; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? " " : "", words[i]);
	out[len] = '\0';
}

void test_fuzzy__agrees_with_brute_force(void)
{
	enum { UNITS = 5000, QUERIES = 200, THRESHOLD = 50 };
	termin_tm *tm = open_tm();
	termin_tm_source src = TERMIN_TM_SOURCE_INIT;
	char (*stored)[512] = malloc((size_t)UNITS * sizeof *stored);
	char buf[512], q[512];
	termin_fuzzy *f;
	termin_fuzzy_opts o = TERMIN_FUZZY_OPTS_INIT;

	src.name = "gen";
	T_OK(termin_tm_begin(tm, &src));
	for (int i = 0; i < UNITS; i++) {
		/* families of similar sentences, as in a real TM */
		if (i > 10 && rnd(3) == 0)
			perturb(stored[rnd((unsigned)i)], stored[i], sizeof stored[i], 1 + (int)rnd(4));
		else
			sentence(stored[i], sizeof stored[i]);
		snprintf(buf, sizeof buf, "ru %d %s", i, stored[i]);
		add_pair(tm, stored[i], buf, NULL);
	}
	T_OK(termin_tm_commit(tm));

	/* brute force: every source variant of the TM, read back through the
	 * public iterator and scored one by one */
	termin_tm_iter *it;
	const termin_tmx_unit *u;
	termin_fuzzy_seg **all = calloc(UNITS + 1, sizeof *all);
	size_t n_all = 0;
	T_OK(termin_tm_iter_new(&it, tm, NULL));
	while (termin_tm_iter_next(it, &u) > 0)
		for (size_t v = 0; v < u->n_variants; v++)
			if (strcmp(u->variants[v].lang, "en") == 0 && n_all < UNITS)
				all[n_all++] = termin_fuzzy_seg_new(u->variants[v].markup,
				                                    u->variants[v].markup_len, 1);
	termin_tm_iter_free(it);

	o.threshold = THRESHOLD;
	o.limit = 1;
	o.tgt = "ru";
	T_OK(termin_fuzzy_new(&f, tm, &o));
	int agree = 0, matched = 0;
	for (int k = 0; k < QUERIES; k++) {
		if (k % 10 == 9)
			sentence(q, sizeof q);
		else
			perturb(stored[rnd(UNITS)], q, sizeof q, (int)rnd(6));
		termin_fuzzy_seg *qs = termin_fuzzy_seg_new(q, strlen(q), 0);
		int best = -1;
		for (size_t i = 0; i < n_all; i++) {
			int s = termin_fuzzy_compare(qs, all[i], best > THRESHOLD ? best : THRESHOLD, NULL);
			if (s > best)
				best = s;
		}
		termin_fuzzy_seg_free(qs);
		const termin_fuzzy_match *m;
		size_t n;
		T_OK(termin_fuzzy_lookup(f, q, strlen(q), NULL, &m, &n));
		int got = n ? m[0].score : -1;
		if (got == best)
			agree++;
		else
			fprintf(stderr, "disagree: %d vs brute force %d: %s\n", got, best, q);
		matched += best >= THRESHOLD;
	}
	termin_fuzzy_free(f);
	/* the test means something only if most queries have a match */
	if (getenv("FUZZY_VERBOSE"))
		fprintf(stderr, "agreement %d/%d, %d with a match\n", agree, QUERIES, matched);
	T_ASSERT(matched > QUERIES / 2);
	T_ASSERT(agree * 100 >= QUERIES * 99);
	for (size_t i = 0; i < n_all; i++)
		termin_fuzzy_seg_free(all[i]);
	free(all);
	free(stored);
	termin_tm_close(tm);
}
