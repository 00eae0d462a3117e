/*
 * test_match.c - the term matcher: inflection, normalisation, word
 * boundaries, case, longest match, and the corpus.
 */
#include "tt.h"

#include <stdio.h>
#include <stdlib.h>

/* A glossary with one concept holding one term. */
static termin_glossary *one_term(const char *lang, const char *text, const char *kind)
{
	termin_glossary *g;
	termin_concept *c;
	termin_term *t;
	T_OK(termin_glossary_new(&g));
	T_OK(termin_glossary_add_concept(g, "c", &c));
	T_OK(termin_concept_add_term(c, lang, text, &t));
	termin_term_set_status(t, TERMIN_STATUS_PREFERRED);
	if (kind && strcmp(kind, "cs") == 0)
		termin_term_set_case_sensitive(t, 1);
	else if (kind && strcmp(kind, "acronym") == 0)
		termin_term_set_type(t, TERMIN_TERMTYPE_ACRONYM);
	else if (kind && strcmp(kind, "properNoun") == 0)
		termin_term_set_pos(t, TERMIN_POS_PROPERNOUN);
	return g;
}

/* Runs the cases of a tests/data/inflection-*.tsv file with morphology
 * `m`; returns the number of failures and describes them in `why`. */
static int run_cases(const char *file, const char *lang, termin_morphology m, int *total,
                     char *why, size_t whylen)
{
	char *data = tt_read(tt_src(file), NULL);
	int failures = 0, lineno = 0;
	size_t w = 0;
	*total = 0;
	why[0] = '\0';
	for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
		char *f[5] = { NULL };
		int nf = 0;
		lineno++;
		if (line[0] != '+' && line[0] != '-')
			continue;
		for (char *p = line; nf < 5;) {
			f[nf++] = p;
			p = strchr(p, '\t');
			if (!p)
				break;
			*p++ = '\0';
		}
		if (nf < 3)
			tt_fail(__FILE__, __LINE__, "%s: malformed case line", file);
		termin_glossary *g = one_term(lang, f[1], nf > 4 ? f[4] : NULL);
		termin_matcher *mt;
		termin_matcher_opts o = TERMIN_MATCHER_OPTS_INIT;
		const termin_term_hit *hits;
		size_t n;
		o.morphology = m;
		T_OK(termin_matcher_new(&mt, g, &o));
		T_OK(termin_matcher_find(mt, lang, f[2], strlen(f[2]), &hits, &n));
		int ok;
		if (line[0] == '+') {
			ok = 0;
			for (size_t i = 0; i < n; i++)
				if (nf > 3 && strlen(f[3]) == hits[i].end - hits[i].start &&
				    memcmp(hits[i].text, f[3], strlen(f[3])) == 0)
					ok = 1;
		} else {
			ok = n == 0;
		}
		(*total)++;
		if (!ok) {
			failures++;
			if (w + 200 < whylen)
				w += (size_t)snprintf(why + w, whylen - w, "\n  %s: '%s' in '%s': %s", line,
				                      f[1], f[2],
				                      n ? "found" : "not found");
			if (n && w + 200 < whylen)
				w += (size_t)snprintf(why + w, whylen - w, " '%.*s'",
				                      (int)(hits[0].end - hits[0].start), hits[0].text);
		}
		termin_matcher_free(mt);
		termin_glossary_free(g);
	}
	free(data);
	return failures;
}

/* Runs the cases of `file` with the default morphology: there must be at
 * least `min` and all must pass (`what` names them in the failure). */
static void expect_cases(const char *file, const char *lang, int min, const char *what)
{
	char why[8192];
	int total, fails = run_cases(file, lang, TERMIN_MORPH_DEFAULT, &total, why, sizeof why);
	T_ASSERT(total >= min);
	if (fails)
		tt_fail(__FILE__, __LINE__, "%d of %d %s cases fail:%s", fails, total, what, why);
}

void test_match__russian_inflection_cases(void)
{
	expect_cases("tests/data/inflection-ru.tsv", "ru", 30, "Russian");
}

void test_match__english_cases(void)
{
	expect_cases("tests/data/inflection-en.tsv", "en", 20, "English");
}

/* The default morphology must stay the most accurate one measured: no
 * other option may do better on the Russian cases. */
void test_match__default_morphology_is_the_most_accurate(void)
{
	char why[8192];
	int total, best = run_cases("tests/data/inflection-ru.tsv", "ru", TERMIN_MORPH_DEFAULT,
	                            &total, why, sizeof why);
	termin_morphology others[] = { TERMIN_MORPH_SNOWBALL, TERMIN_MORPH_HUNSPELL,
		                           TERMIN_MORPH_HYBRID, TERMIN_MORPH_NONE };
	printf("# Russian inflection cases, default morphology: %d of %d pass\n", total - best, total);
	for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
		int f = run_cases("tests/data/inflection-ru.tsv", "ru", others[i], &total, why, sizeof why);
		printf("# Russian inflection cases, %s: %d of %d pass\n", termin_morphology_name(others[i]),
		       total - f, total);
		if (f < best)
			tt_fail(__FILE__, __LINE__, "%s fails %d cases, fewer than the default's %d",
			        termin_morphology_name(others[i]), f, best);
	}
}

/* Finds `text` with a glossary of exercise code names and the CSTO's
 * short name; returns the hits as "text|concept;" in a static buffer. */
static const char *code_hits(const char *text)
{
	static char out[1024];
	termin_glossary *g;
	termin_concept *c;
	termin_term *t;
	termin_matcher *m;
	const termin_term_hit *hits;
	size_t n, w = 0;
	T_OK(termin_glossary_new(&g));
	T_OK(termin_glossary_add_concept(g, "exercise-interaction", &c));
	termin_concept_set_subject(c, "exercise");
	T_OK(termin_concept_add_term(c, "en", "Interaction", &t));
	termin_term_set_case_sensitive(t, 1);
	T_OK(termin_concept_add_term(c, "en", "Cooperation", &t));
	termin_term_set_case_sensitive(t, 1);
	termin_term_set_status(t, TERMIN_STATUS_DEPRECATED);
	T_OK(termin_concept_add_term(c, "ru", "Взаимодействие", &t));
	termin_term_set_case_sensitive(t, 1);
	T_OK(termin_glossary_add_concept(g, "operation-channel", &c));
	termin_concept_set_subject(c, "operation");
	T_OK(termin_concept_add_term(c, "en", "Channel", &t));
	termin_term_set_case_sensitive(t, 1);
	T_OK(termin_concept_add_term(c, "en", "Channel – Interception", &t));
	termin_term_set_case_sensitive(t, 1);
	T_OK(termin_glossary_add_concept(g, "csto", &c));
	termin_concept_set_subject(c, "organization");
	T_OK(termin_concept_add_term(c, "en", "Organization", &t));
	termin_term_set_case_sensitive(t, 1);
	T_OK(termin_matcher_new(&m, g, NULL));
	T_OK(termin_matcher_find(m, NULL, text, strlen(text), &hits, &n));
	out[0] = '\0';
	for (size_t i = 0; i < n && w < sizeof out - 200; i++)
		w += (size_t)snprintf(out + w, sizeof out - w, "%.*s|%s;", (int)(hits[i].end - hits[i].start),
		                      hits[i].text, termin_concept_id(hits[i].concept));
	termin_matcher_free(m);
	termin_glossary_free(g);
	return out;
}

/* One-word code names of exercises and operations are common words: they
 * match only quoted or with a year, never as part of other names. */
void test_match__code_names_need_quotes_or_a_year(void)
{
	/* names */
	T_EQ_STR(code_hits("the exercise \"Interaction-2024\" began"), "Interaction|exercise-interaction;");
	T_EQ_STR(code_hits("the exercise “Interaction” began"), "Interaction|exercise-interaction;");
	T_EQ_STR(code_hits("the exercise Interaction-2024 began"), "Interaction|exercise-interaction;");
	T_EQ_STR(code_hits("the exercise Interaction – 2024 began"), "Interaction|exercise-interaction;");
	T_EQ_STR(code_hits("the exercise Interaction 2024 began"), "Interaction|exercise-interaction;");
	T_EQ_STR(code_hits("the 'Cooperation-2009' drills"), "Cooperation|exercise-interaction;");
	T_EQ_STR(code_hits("учение «Взаимодействие-2024» началось"), "Взаимодействие|exercise-interaction;");
	T_EQ_STR(code_hits("в ходе учения «Взаимодействия»"), "Взаимодействия|exercise-interaction;");
	T_EQ_STR(code_hits("operation “Channel” ended"), "Channel|operation-channel;");
	/* several words are a name by themselves */
	T_EQ_STR(code_hits("the Channel – Interception stage"), "Channel – Interception|operation-channel;");
	/* not names */
	T_EQ_STR(code_hits("the Shanghai Cooperation Organisation met"), "");
	T_EQ_STR(code_hits("Channel One reported it"), "");
	T_EQ_STR(code_hits("a report on Channel One"), "");
	T_EQ_STR(code_hits("the Conference on Interaction and Confidence-Building Measures in Asia"), "");
	T_EQ_STR(code_hits("the Role and Character of Interaction of International Bodies"), "");
	T_EQ_STR(code_hits("Interaction 20245 is not a year"), "");
	T_EQ_STR(code_hits("the Interaction's results"), "");
	T_EQ_STR(code_hits("cooperation-2009 in lower case"), "");
	/* other case-sensitive terms need no context */
	T_EQ_STR(code_hits("the Organization's member states"), "Organization's|csto;");
	T_EQ_STR(code_hits("with the Organization and its members"), "Organization|csto;");
	/* a one-word name is not pluralised */
	T_EQ_STR(code_hits("International and Regional Organizations"), "");
}
