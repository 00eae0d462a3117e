/*
 * cmd_analyze.c - `termin analyze`: how much of a job the TM covers, in
 * the bands of a Trados or memoQ analysis.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char description[] =
	"Segments each FILE as 'termin segment' does and looks every segment up\n"
	"in the TM, then counts segments, words and characters per band:\n"
	"repetitions (a segment seen earlier in the job, any file), context\n"
	"matches (101%: exact, with the same previous and next segment as\n"
	"where the TM unit was used), 100%, 95-99%, 85-94%, 75-84%, 50-74% and\n"
	"no match. Words are words and numbers; characters are the characters\n"
	"other than white space. Only units with a translation count, unless\n"
	"--include-untranslated. One table per file and the total (terminal),\n"
	"or --format json|csv.\n";

enum { B_REP, B_CTX, B_100, B_95, B_85, B_75, B_50, B_NO, B_N };

static const char *const band_name[B_N] = {
	"Repetitions", "Context match", "100%", "95-99%", "85-94%", "75-84%", "50-74%", "No match",
};
static const char *const band_key[B_N] = {
	"repetitions", "context", "100", "95-99", "85-94", "75-84", "50-74", "no-match",
};

/* The hashes of the segments seen in the job (open addressing; 0 is
 * stored as 1, a collision at worst counts one more repetition). */
typedef struct {
	uint64_t *slots;
	size_t n, cap;
} hashset;

/* Adds `h`; returns 1 when it was there already. */
static int hashset_add(hashset *s, uint64_t h)
{
	if (!h)
		h = 1;
	if ((s->n + 1) * 2 > s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 1024;
		uint64_t *ns = calloc(nc, sizeof *ns);
		if (!ns)
			abort();
		for (size_t i = 0; i < s->cap; i++) {
			if (!s->slots[i])
				continue;
			size_t k = (size_t)s->slots[i] & (nc - 1);
			while (ns[k])
				k = (k + 1) & (nc - 1);
			ns[k] = s->slots[i];
		}
		free(s->slots);
		s->slots = ns;
		s->cap = nc;
	}
	size_t k = (size_t)h & (s->cap - 1);
	while (s->slots[k]) {
		if (s->slots[k] == h)
			return 1;
		k = (k + 1) & (s->cap - 1);
	}
	s->slots[k] = h;
	s->n++;
	return 0;
}

typedef struct {
	uint64_t seg[B_N], words[B_N], chars[B_N];
} tally;

static int band_of(int score)
{
	if (score >= 101)
		return B_CTX;
	if (score == 100)
		return B_100;
	if (score >= 95)
		return B_95;
	if (score >= 85)
		return B_85;
	if (score >= 75)
		return B_75;
	if (score >= 50)
		return B_50;
	return B_NO;
}

static uint64_t count_chars(const char *s, size_t len)
{
	uint64_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) == 0x80 || c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
			continue; /* no-break space */
		n++;
	}
	return n;
}

static void add(tally *t, int band, uint64_t words, uint64_t chars)
{
	t->seg[band]++;
	t->words[band] += words;
	t->chars[band] += chars;
}

static void sum(tally *total, const tally *t)
{
	for (int b = 0; b < B_N; b++) {
		total->seg[b] += t->seg[b];
		total->words[b] += t->words[b];
		total->chars[b] += t->chars[b];
	}
}

static void print_table(FILE *f, const char *title, const tally *t)
{
	uint64_t s = 0, w = 0, c = 0;
	for (int b = 0; b < B_N; b++) {
		s += t->seg[b];
		w += t->words[b];
		c += t->chars[b];
	}
	fprintf(f, "%s\n", title);
	fprintf(f, "  %-15s %10s %10s %12s %8s\n", "match", "segments", "words", "characters", "% words");
	for (int b = 0; b < B_N; b++)
		fprintf(f, "  %-15s %10llu %10llu %12llu %8.1f\n", band_name[b],
		        (unsigned long long)t->seg[b], (unsigned long long)t->words[b],
		        (unsigned long long)t->chars[b], w ? 100.0 * (double)t->words[b] / (double)w : 0.0);
	fprintf(f, "  %-15s %10llu %10llu %12llu %8.1f\n", "Total", (unsigned long long)s,
	        (unsigned long long)w, (unsigned long long)c, w ? 100.0 : 0.0);
}

static void json_tally(FILE *f, const tally *t)
{
	uint64_t s = 0, w = 0, c = 0;
	fputc('{', f);
	for (int b = 0; b < B_N; b++) {
		fprintf(f, "\"%s\":{\"segments\":%llu,\"words\":%llu,\"characters\":%llu},", band_key[b],
		        (unsigned long long)t->seg[b], (unsigned long long)t->words[b],
		        (unsigned long long)t->chars[b]);
		s += t->seg[b];
		w += t->words[b];
		c += t->chars[b];
	}
	fprintf(f, "\"total\":{\"segments\":%llu,\"words\":%llu,\"characters\":%llu}}",
	        (unsigned long long)s, (unsigned long long)w, (unsigned long long)c);
}

static void csv_field(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_tally(FILE *f, const char *file, const tally *t)
{
	for (int b = 0; b < B_N; b++) {
		csv_field(f, file);
		fprintf(f, ",%s,%llu,%llu,%llu\n", band_key[b], (unsigned long long)t->seg[b],
		        (unsigned long long)t->words[b], (unsigned long long)t->chars[b]);
	}
}

/* Analyses one file into `t`; `seen` holds the hashes of the job's
 * segments so far (repetitions). */
static int analyze_file(const char *path, const char *lang, const char *encoding, int clean,
                        cli_matchers *ms, hashset *seen, tally *t)
{
	cli_segreader *r = NULL;
	cli_seg s;
	int rc;
	size_t k = 0;
	if ((rc = cli_segreader_open(&r, path, lang, encoding, clean)) < 0)
		return rc;
	while ((rc = cli_segreader_next(r, &s)) > 0) {
		uint64_t h = termin_tm_text_hash(s.text, s.len);
		termin_fuzzy *f = cli_matchers_get(ms, s.lang, &rc);
		if (!f)
			break;
		int band;
		size_t words;
		if (hashset_add(seen, h)) {
			termin_fuzzy_seg *g = termin_fuzzy_seg_new(s.text, s.len, 0);
			words = termin_fuzzy_seg_words(g);
			termin_fuzzy_seg_free(g);
			band = B_REP;
		} else {
			const termin_fuzzy_match *m;
			size_t n;
			if ((rc = termin_fuzzy_lookup(f, s.text, s.len, &s.ctx, &m, &n)) < 0)
				break;
			words = termin_fuzzy_seg_words(termin_fuzzy_query(f));
			band = n ? band_of(m[0].score) : B_NO;
		}
		add(t, band, words, count_chars(s.text, s.len));
		if ((++k & 255) == 0) {
			uint64_t done, total;
			cli_segreader_progress(r, &done, &total);
			cli_progress(cli_segreader_name(r), done, total);
		}
	}
	cli_progress_done();
	cli_segreader_free(r);
	return rc;
}

int cmd_analyze(int argc, char **argv)
{
	const char *db = NULL, *lang = "auto", *tgt = NULL, *format = "table", *outpath = NULL;
	const char *encoding = NULL;
	int untranslated = 0, no_clean = 0;
	const cli_opt opts[] = {
		{ CLI_STRING, "db", 0, "FILE", "the TM database (default $TERMIN_DB, else ./termin.db)", &db, NULL },
		{ CLI_CHOICE, "lang", 'l', "LANG", "language of the files (auto: per paragraph)", &lang, "en|ru|auto" },
		{ CLI_STRING, "tgt", 0, "LANG", "count only units translated into LANG (default: any other language)", &tgt, NULL },
		{ CLI_FLAG, "include-untranslated", 0, NULL, "also count units without a translation", &untranslated, NULL },
		{ CLI_CHOICE, "format", 'f', "FMT", "output format", &format, "table|json|csv" },
		CLI_OUTPUT_OPTION(outpath),
		CLI_ENCODING_OPTION(encoding),
		CLI_NO_CLEAN_OPTION(no_clean),
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "analyze", "[OPTIONS] FILE...", "Count how much of the files the TM covers, by match band.",
	                        description, opts, 1, -1 };
	char **args;
	int nargs, rc, exit_code = 0;
	termin_tm *tm = NULL;
	cli_matchers *ms = NULL;
	hashset seen = { NULL, 0, 0 };
	termin_outfile *out = NULL;
	tally *per = NULL, total;
	char tl[TERMIN_LANG_MAX];

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	if (tgt && termin_lang_normalize(tgt, tl) < 0) {
		free(args);
		return cli_usage_error("analyze", "--tgt: %s", termin_error_last()->message);
	}
	const char *path = cli_tm_path(db);
	if (!path) {
		free(args);
		return TERMIN_EXIT_IO;
	}
	memset(&total, 0, sizeof total);
	per = calloc((size_t)nargs, sizeof *per);
	if (!per)
		abort();
	if ((rc = termin_tm_open(&tm, path, NULL)) < 0)
		goto fail;
	termin_fuzzy_opts fo = TERMIN_FUZZY_OPTS_INIT;
	fo.tgt = tgt ? tl : NULL;
	fo.threshold = 50;
	fo.limit = 1;
	fo.include_untranslated = untranslated;
	fo.no_update = 1;
	if ((rc = cli_fuzzy_index(tm)) != 0) {
		exit_code = rc;
		goto done;
	}
	ms = cli_matchers_new(tm, &fo);
	for (int i = 0; i < nargs; i++) {
		if ((rc = analyze_file(args[i], strcmp(lang, "auto") == 0 ? NULL : lang, encoding, !no_clean,
		                       ms, &seen, &per[i])) < 0)
			goto fail;
		sum(&total, &per[i]);
	}
	FILE *f;
	if ((rc = cli_output_open(&out, outpath, &f)) < 0)
		goto fail;
	if (strcmp(format, "json") == 0) {
		fputs("{\"tm\":", f);
		termin_json_write_string(f, path, strlen(path));
		fputs(",\"files\":[", f);
		for (int i = 0; i < nargs; i++) {
			fprintf(f, "%s{\"file\":", i ? "," : "");
			termin_json_write_string(f, args[i], strlen(args[i]));
			fputs(",\"bands\":", f);
			json_tally(f, &per[i]);
			fputc('}', f);
		}
		fputs("],\"total\":", f);
		json_tally(f, &total);
		fputs("}\n", f);
	} else if (strcmp(format, "csv") == 0) {
		fputs("file,band,segments,words,characters\n", f);
		for (int i = 0; i < nargs; i++)
			csv_tally(f, args[i], &per[i]);
		csv_tally(f, "total", &total);
	} else {
		for (int i = 0; i < nargs && nargs > 1; i++) {
			print_table(f, args[i], &per[i]);
			fputc('\n', f);
		}
		char title[600];
		snprintf(title, sizeof title, "Total: %d file%s against %s", nargs, nargs == 1 ? "" : "s", path);
		print_table(f, title, &total);
	}
	if ((rc = cli_output_commit(&out)) < 0)
		goto fail;
	goto done;
fail:
	exit_code = cli_fail(rc);
done:
	termin_outfile_abort(out);
	free(seen.slots);
	cli_matchers_free(ms);
	termin_tm_close(tm);
	free(per);
	free(args);
	return exit_code;
}
