/*
 * cmd_terms.c - `termin terms`: segment texts and show the glossary terms
 * found in each segment, then how often each concept occurred.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char description[] =
	"Cleans and segments the texts as 'termin segment' does and finds every\n"
	"glossary term in each segment: inflected forms (Russian cases, English\n"
	"plurals and possessives), dash, space, quote and ё/е variants, longest\n"
	"match first. Each segment with hits is printed as FILE:LINE: text with the\n"
	"hits marked: on a terminal in colour (green preferred or admitted, red\n"
	"deprecated, yellow superseded), otherwise as {{text|concept}} and\n"
	"{{text|concept|deprecated}}. Then one line per concept: the number of hits,\n"
	"the concept id, its English preferred term and the hits by status.\n"
	"\n"
	"--format jsonl writes one object per hit: {\"type\":\"hit\", file, line,\n"
	"paragraph, index (of the segment in its paragraph), start and end (byte\n"
	"span of the hit in the segment text), text, concept, term (the glossary\n"
	"form that matched), status, lang (of that form)}, then one object per\n"
	"concept: {\"type\":\"count\", concept, count, and the count of each status}.\n";

typedef struct {
	const termin_concept *c;
	size_t idx;
} cidx;

typedef struct {
	int jsonl, color, all, only_bad, counts;
	FILE *f;
	size_t nconcepts;
	cidx *index;                /* sorted by pointer */
	size_t (*count)[6];         /* per concept: total, then per status + 1 */
	size_t *first;              /* order of first hit (for ties) */
	size_t order;
	size_t total;
} state;

static int cidx_cmp(const void *a, const void *b)
{
	const termin_concept *x = ((const cidx *)a)->c, *y = ((const cidx *)b)->c;
	return x < y ? -1 : x > y;
}

static size_t concept_index(const state *s, const termin_concept *c)
{
	cidx key = { c, 0 };
	const cidx *r = bsearch(&key, s->index, s->nconcepts, sizeof *s->index, cidx_cmp);
	return r ? r->idx : 0;
}

static const char *status_name(termin_term_status st)
{
	const char *n = termin_term_status_name(st);
	return n && *n ? n : "unspecified";
}

static int shown(const state *s, const termin_term_hit *h)
{
	return !s->only_bad || h->status == TERMIN_STATUS_DEPRECATED ||
	       h->status == TERMIN_STATUS_SUPERSEDED;
}

static void write_segment(state *s, const char *file, const termin_segment *seg,
                          const termin_term_hit *hits, size_t n)
{
	FILE *f = s->f;
	size_t nshown = 0;
	for (size_t i = 0; i < n; i++) {
		if (!shown(s, &hits[i]))
			continue;
		nshown++;
		size_t ci = concept_index(s, hits[i].concept);
		if (s->count[ci][0]++ == 0)
			s->first[ci] = s->order++;
		s->count[ci][hits[i].status + 1]++;
		s->total++;
	}
	if (s->jsonl) {
		for (size_t i = 0; i < n; i++) {
			const termin_term_hit *h = &hits[i];
			if (!shown(s, h))
				continue;
			fputs("{\"type\":\"hit\",\"file\":", f);
			termin_json_write_string(f, file, strlen(file));
			fprintf(f, ",\"line\":%zu,\"paragraph\":%zu,\"index\":%zu,\"start\":%zu,\"end\":%zu,\"text\":",
			        seg->line, seg->paragraph, seg->index, h->start, h->end);
			termin_json_write_string(f, h->text, h->end - h->start);
			fputs(",\"concept\":", f);
			const char *id = termin_concept_id(h->concept), *term = termin_term_text(h->term);
			const char *st = status_name(h->status), *lang = termin_term_lang(h->term);
			termin_json_write_string(f, id, strlen(id));
			fputs(",\"term\":", f);
			termin_json_write_string(f, term, strlen(term));
			fputs(",\"status\":", f);
			termin_json_write_string(f, st, strlen(st));
			fputs(",\"lang\":", f);
			termin_json_write_string(f, lang, strlen(lang));
			fputs("}\n", f);
		}
		return;
	}
	if (nshown == 0 && !s->all)
		return;
	fprintf(f, "%s:%zu: ", file, seg->line);
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		const termin_term_hit *h = &hits[i];
		if (!shown(s, h))
			continue;
		int bad = h->status == TERMIN_STATUS_DEPRECATED || h->status == TERMIN_STATUS_SUPERSEDED;
		fwrite(seg->text + at, 1, h->start - at, f);
		if (s->color) {
			fputs(h->status == TERMIN_STATUS_DEPRECATED ? "\033[1;31m" :
			      h->status == TERMIN_STATUS_SUPERSEDED ? "\033[1;33m" : "\033[1;32m", f);
			fwrite(h->text, 1, h->end - h->start, f);
			fputs("\033[0m", f);
			if (bad)
				fprintf(f, "\033[2m[%s: %s]\033[0m", termin_term_status_name(h->status),
				        termin_concept_id(h->concept));
		} else {
			fputs("{{", f);
			fwrite(h->text, 1, h->end - h->start, f);
			fprintf(f, "|%s%s%s}}", termin_concept_id(h->concept), bad ? "|" : "",
			        bad ? termin_term_status_name(h->status) : "");
		}
		at = h->end;
	}
	fwrite(seg->text + at, 1, seg->len - at, f);
	fputc('\n', f);
}

static int terms_file(const char *path, const termin_textfile_opts *topts, termin_segmenter *sg,
                      termin_matcher *m, const char *lang, state *s)
{
	termin_textfile *tf = NULL;
	termin_segstream *ss = NULL;
	termin_segment seg;
	struct stat st;
	uint64_t total = 0;
	size_t segments = 0;
	int rc;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
		total = (uint64_t)st.st_size;
	if ((rc = termin_textfile_open(&tf, path, topts)) < 0)
		return rc;
	const char *name = termin_textfile_name(tf);
	termin_segstream_new(&ss, tf, sg, lang);
	while ((rc = termin_segstream_next(ss, &seg)) > 0) {
		const termin_term_hit *hits;
		size_t n;
		/* every language: a Russian text quotes English names and
		 * acronyms, and the other way round */
		if ((rc = termin_matcher_find(m, NULL, seg.text, seg.len, &hits, &n)) < 0)
			break;
		if (n || s->all)
			write_segment(s, name, &seg, hits, n);
		if (ferror(s->f)) {
			rc = TERMIN_EIO;
			break;
		}
		if ((++segments & 1023) == 0 && total) {
			termin_textfile_stats ts;
			termin_textfile_get_stats(tf, &ts);
			cli_progress(name, ts.bytes, total);
		}
	}
	cli_progress_done();
	termin_segstream_free(ss);
	termin_textfile_free(tf);
	return rc;
}

static const state *sort_state;

static int by_count(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	const state *s = sort_state;
	if (s->count[x][0] != s->count[y][0])
		return s->count[x][0] > s->count[y][0] ? -1 : 1;
	return s->first[x] < s->first[y] ? -1 : s->first[x] > s->first[y];
}

static void write_counts(state *s, const termin_glossary *g)
{
	static const termin_term_status sts[] = { TERMIN_STATUS_PREFERRED, TERMIN_STATUS_ADMITTED,
		                                      TERMIN_STATUS_DEPRECATED, TERMIN_STATUS_SUPERSEDED,
		                                      TERMIN_STATUS_UNSPECIFIED };
	size_t *order = malloc((s->nconcepts + 1) * sizeof *order), n = 0;
	if (!order)
		abort();
	for (size_t i = 0; i < s->nconcepts; i++)
		if (s->count[i][0])
			order[n++] = i;
	sort_state = s;
	qsort(order, n, sizeof *order, by_count);
	FILE *f = s->f;
	if (!s->jsonl)
		fprintf(f, "%s%zu hit%s of %zu concept%s\n", s->total ? "\n" : "", s->total,
		        s->total == 1 ? "" : "s", n, n == 1 ? "" : "s");
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		const termin_concept *c = termin_glossary_concept(g, i);
		const char *id = termin_concept_id(c);
		if (s->jsonl) {
			fputs("{\"type\":\"count\",\"concept\":", f);
			termin_json_write_string(f, id, strlen(id));
			fprintf(f, ",\"count\":%zu", s->count[i][0]);
			for (size_t j = 0; j < 5; j++)
				fprintf(f, ",\"%s\":%zu", status_name(sts[j]), s->count[i][sts[j] + 1]);
			fputs("}\n", f);
			continue;
		}
		const termin_term *pref = termin_concept_preferred(c, "en");
		fprintf(f, "%7zu  %s", s->count[i][0], id);
		if (pref)
			fprintf(f, "  %s", termin_term_text(pref));
		const char *sep = "  (";
		for (size_t j = 0; j < 5; j++) {
			size_t v = s->count[i][sts[j] + 1];
			if (!v || v == s->count[i][0])
				continue;
			fprintf(f, "%s%s %zu", sep, status_name(sts[j]), v);
			sep = ", ";
		}
		if (sep[0] == ',')
			fputc(')', f);
		else if (s->count[i][TERMIN_STATUS_DEPRECATED + 1] || s->count[i][TERMIN_STATUS_SUPERSEDED + 1])
			fprintf(f, "  (all %s)", s->count[i][TERMIN_STATUS_DEPRECATED + 1] ? "deprecated" : "superseded");
		fputc('\n', f);
	}
	free(order);
}

int cmd_terms(int argc, char **argv)
{
	const char *lang = "auto", *format = "text", *outpath = NULL, *encoding = NULL,
	           *color = "auto", *morph = "default";
	int all = 0, only_bad = 0, no_counts = 0, no_clean = 0;
	cli_glossary_opts go = CLI_GLOSSARY_OPTS_INIT;
	const cli_opt opts[] = {
		{ CLI_CHOICE, "lang", 'l', "LANG", "language of the input (for segmentation)", &lang, "auto|en|ru" },
		{ CLI_CHOICE, "format", 'f', "FMT", "output format", &format, "text|jsonl" },
		CLI_OUTPUT_OPTION(outpath),
		CLI_ENCODING_OPTION(encoding),
		CLI_NO_CLEAN_OPTION(no_clean),
		{ CLI_FLAG, "all", 'a', NULL, "print every segment, also those without terms", &all, NULL },
		{ CLI_FLAG, "deprecated", 'd', NULL, "show only deprecated and superseded terms", &only_bad, NULL },
		{ CLI_FLAG, "no-counts", 0, NULL, "do not print the per-concept counts", &no_counts, NULL },
		{ CLI_CHOICE, "color", 0, "WHEN", "colour the hits (auto: on a terminal)", &color, "auto|always|never" },
		{ CLI_CHOICE, "morphology", 0, "NAME", "how Russian words are reduced (default: the measured best, hybrid)", &morph, "default|snowball|hunspell|hybrid|none" },
		CLI_GLOSSARY_OPTIONS(go),
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "terms", "[OPTIONS] FILE...|-", "Find the glossary terms in texts.",
	                        description, opts, 1, -1 };
	char **args;
	int nargs, rc, exit_code = 0;
	termin_glossary *g = NULL;
	termin_matcher *m = NULL;
	termin_segmenter *sg = NULL;
	termin_speller *sp = NULL;
	termin_outfile *out = NULL;
	state s = { 0 };

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	if ((exit_code = cli_glossary_load(&g, &go)) != 0)
		goto done;
	termin_matcher_opts mo = TERMIN_MATCHER_OPTS_INIT;
	termin_morphology_parse(morph, &mo.morphology);
	if ((rc = termin_matcher_new(&m, g, &mo)) < 0)
		goto fail;
	if ((rc = termin_segmenter_new(&sg, NULL)) < 0)
		goto fail;
	sp = cli_speller_new();
	termin_textfile_opts topts = TERMIN_TEXTFILE_OPTS_INIT;
	topts.encoding = encoding;
	topts.clean = !no_clean;
	topts.speller = sp;

	s.nconcepts = termin_glossary_concept_count(g);
	s.index = calloc(s.nconcepts + 1, sizeof *s.index);
	s.count = calloc(s.nconcepts + 1, sizeof *s.count);
	s.first = calloc(s.nconcepts + 1, sizeof *s.first);
	if (!s.index || !s.count || !s.first)
		abort();
	for (size_t i = 0; i < s.nconcepts; i++)
		s.index[i] = (cidx){ termin_glossary_concept(g, i), i };
	qsort(s.index, s.nconcepts, sizeof *s.index, cidx_cmp);
	s.jsonl = strcmp(format, "jsonl") == 0;
	s.all = all;
	s.only_bad = only_bad;
	if ((rc = cli_output_open(&out, outpath, &s.f)) < 0)
		goto fail;
	s.color = !s.jsonl && (strcmp(color, "always") == 0 ||
	                       (strcmp(color, "auto") == 0 && !outpath && cli_isatty_out()));
	for (int i = 0; i < nargs; i++)
		if ((rc = terms_file(args[i], &topts, sg, m, lang, &s)) < 0)
			goto fail;
	if (!no_counts)
		write_counts(&s, g);
	if ((rc = cli_output_commit(&out)) < 0)
		goto fail;
	goto done;
fail:
	exit_code = cli_fail(rc);
	termin_outfile_abort(out);
done:
	free(s.index);
	free(s.count);
	free(s.first);
	termin_speller_free(sp);
	termin_segmenter_free(sg);
	termin_matcher_free(m);
	termin_glossary_free(g);
	free(go.files.items);
	free(args);
	return exit_code;
}
