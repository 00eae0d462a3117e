/*
 * fuzzy_bench.c - timings and agreement for bench/bench-fuzzy.sh, on
 * libtermin's public API.
 *
 *   fuzzy_bench lookup DB QUERIES [THRESHOLD]
 *       looks each line of QUERIES up (best match, threshold default 50)
 *       and prints: queries, matched, median ms, p99 ms, mean ms (wall clock),
 *       then median and p99 ms of CPU time (the machine may be shared)
 *   fuzzy_bench agree DB QUERIES [THRESHOLD]
 *       compares the indexed lookup with a brute-force scorer reading every
 *       English variant of the TM; prints: queries, agreeing, with a match
 *
 * The brute force is the definition: every unit scored with
 * termin_fuzzy_compare (pruned only by its exact shared-word bound).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "termin.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static char **read_lines(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char **v = NULL, *line = NULL;
	size_t cap = 0, lcap = 0;
	ssize_t len;
	*n = 0;
	if (!f) {
		perror(path);
		exit(2);
	}
	while ((len = getline(&line, &lcap, f)) >= 0) {
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			v = realloc(v, cap * sizeof *v);
		}
		v[(*n)++] = strdup(line);
	}
	free(line);
	fclose(f);
	return v;
}

static void die(const char *what)
{
	const termin_error *e = termin_error_last();
	fprintf(stderr, "fuzzy_bench: %s: %s\n", what, e ? e->message : "?");
	exit(1);
}

int main(int argc, char **argv)
{
	termin_tm *tm;
	termin_fuzzy *f;
	termin_fuzzy_opts o = TERMIN_FUZZY_OPTS_INIT;
	size_t nq;
	if (argc < 4) {
		fprintf(stderr, "usage: fuzzy_bench lookup|agree DB QUERIES [THRESHOLD]\n");
		return 2;
	}
	int threshold = argc > 4 ? atoi(argv[4]) : 50;
	char **q = read_lines(argv[3], &nq);
	if (termin_tm_open(&tm, argv[2], NULL) < 0)
		die(argv[2]);
	o.threshold = threshold;
	o.limit = 1;
	o.tgt = "ru";
	if (termin_fuzzy_new(&f, tm, &o) < 0)
		die("matcher");
	if (strcmp(argv[1], "lookup") == 0) {
		double *t = malloc((nq + 1) * sizeof *t), *c = malloc((nq + 1) * sizeof *c), sum = 0;
		size_t matched = 0;
		for (size_t i = 0; i < nq; i++) {
			const termin_fuzzy_match *m;
			size_t n;
			double t0 = now_ms(), c0 = cpu_ms();
			if (termin_fuzzy_lookup(f, q[i], strlen(q[i]), NULL, &m, &n) < 0)
				die("lookup");
			t[i] = now_ms() - t0;
			c[i] = cpu_ms() - c0;
			if (getenv("FUZZY_DEBUG"))
				fprintf(stderr, "time %.2f\n", t[i]);
			sum += t[i];
			matched += n > 0;
		}
		qsort(t, nq, sizeof *t, cmp_d);
		qsort(c, nq, sizeof *c, cmp_d);
		printf("%zu %zu %.2f %.2f %.2f %.2f %.2f\n", nq, matched, t[nq / 2], t[(nq * 99) / 100],
		       sum / (double)nq, c[nq / 2], c[(nq * 99) / 100]);
		free(t);
		free(c);
	} else {
		termin_tm_iter *it;
		const termin_tmx_unit *u;
		termin_fuzzy_seg **all = NULL;
		size_t n_all = 0, cap = 0, agree = 0, with = 0;
		termin_tm_filter flt = TERMIN_TM_FILTER_INIT;
		flt.include_untranslated = 0;
		flt.tgt = "ru";
		if (termin_tm_iter_new(&it, tm, &flt) < 0)
			die("iterate");
		while (termin_tm_iter_next(it, &u) > 0)
			for (size_t v = 0; v < u->n_variants; v++)
				if (strncmp(u->variants[v].lang, "en", 2) == 0) {
					if (n_all == cap) {
						cap = cap ? cap * 2 : 4096;
						all = realloc(all, cap * sizeof *all);
					}
					all[n_all++] = termin_fuzzy_seg_new(u->variants[v].markup,
					                                    u->variants[v].markup_len, 1);
				}
		termin_tm_iter_free(it);
		for (size_t i = 0; i < nq; i++) {
			termin_fuzzy_seg *qs = termin_fuzzy_seg_new(q[i], strlen(q[i]), 0);
			int best = -1;
			for (size_t k = 0; k < n_all; k++) {
				int s = termin_fuzzy_compare(qs, all[k], best > threshold ? best : threshold, NULL);
				if (s > best)
					best = s;
			}
			termin_fuzzy_seg_free(qs);
			const termin_fuzzy_match *m;
			size_t n;
			if (termin_fuzzy_lookup(f, q[i], strlen(q[i]), NULL, &m, &n) < 0)
				die("lookup");
			int got = n ? m[0].score : -1;
			agree += got == best;
			with += best >= threshold;
			if (got != best)
				fprintf(stderr, "disagree: index %d, brute force %d: %s\n", got, best, q[i]);
		}
		printf("%zu %zu %zu\n", nq, agree, with);
		for (size_t k = 0; k < n_all; k++)
			termin_fuzzy_seg_free(all[k]);
		free(all);
	}
	for (size_t i = 0; i < nq; i++)
		free(q[i]);
	free(q);
	termin_fuzzy_free(f);
	termin_tm_close(tm);
	return 0;
}
