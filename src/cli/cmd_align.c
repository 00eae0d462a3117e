/*
 * cmd_align.c - `termin align`: align an English text with its Russian
 * translation sentence by sentence, and write the pairs as TMX, TSV, JSON
 * lines or an HTML review page.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char description[] =
	"Cleans and segments both texts as 'termin segment' does, then aligns\n"
	"their sentences: 1-1, 2-1, 1-2 and 2-2 pairs, omissions (an English\n"
	"sentence without translation, 1-0) and additions (0-1). The score of a\n"
	"pair combines the ratio of their lengths, shared numbers and dates\n"
	"(24 April 2024 = 24 апреля 2024 года = 24.04.2024), names and acronyms\n"
	"compared through transliteration (Tasmagambetov = Тасмагамбетовым), URLs,\n"
	"final punctuation (? ! quotes), glossary terms (a concept named on both\n"
	"sides, Russian inflection included; the project database's glossary,\n"
	"else the shipped one, plus any --glossary files) and paragraph boundaries,\n"
	"which count as much as the two texts' paragraphs agree. Long texts are\n"
	"aligned in time and memory linear in their length; texts of very\n"
	"different length are aligned as far as they match, the rest is\n"
	"reported.\n"
	"\n"
	"Each pair gets a confidence (the posterior probability of the pair). TMX\n"
	"and TSV hold the pairs with at least --min-confidence; omissions,\n"
	"additions and less confident pairs are listed on standard error and\n"
	"highlighted in the HTML page (jsonl holds every bead). Without --format,\n"
	"the format follows the extension of -o (.tmx, .tsv, .html, .jsonl).\n"
	"\n"
	"--db stores the accepted pairs in the translation memory (one\n"
	"transaction: all or nothing), with the document name (--doc, else the\n"
	"English file's name) and the props x-align-confidence and x-align-bead;\n"
	"with --db, a file is written only when -o or --format is given.\n"
	"\n"
	"With --segmented the inputs are taken as already segmented: one segment\n"
	"per line, paragraphs separated by empty lines (hunalign's format).\n";

typedef struct {
	termin_align_seg *seg;
	size_t *line;
	size_t n, cap;
	const char *name;
} side;

static void side_add(side *s, const char *text, size_t len, size_t para, size_t line,
                     const char *lang)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->seg = realloc(s->seg, s->cap * sizeof *s->seg);
		s->line = realloc(s->line, s->cap * sizeof *s->line);
		if (!s->seg || !s->line)
			abort();
	}
	char *t = malloc(len + 1);
	if (!t)
		abort();
	memcpy(t, text, len);
	t[len] = '\0';
	s->seg[s->n].text = t;
	s->seg[s->n].len = len;
	s->seg[s->n].paragraph = para;
	s->seg[s->n].lang = lang;
	s->line[s->n] = line;
	s->n++;
}

static void side_free(side *s)
{
	for (size_t i = 0; i < s->n; i++)
		free((char *)s->seg[i].text);
	free(s->seg);
	free(s->line);
}

static const char *static_lang(const char *l)
{
	if (l && strncmp(l, "ru", 2) == 0)
		return "ru";
	if (l && strncmp(l, "en", 2) == 0)
		return "en";
	return NULL;
}

/* Reads and segments one text. */
static int read_side(side *s, const char *path, const termin_textfile_opts *topts,
                     termin_segmenter *seg, int segmented)
{
	termin_textfile *tf = NULL;
	termin_segstream *ss = NULL;
	int rc;
	if ((rc = termin_textfile_open(&tf, path, topts)) < 0)
		return rc;
	s->name = path;
	if (segmented) {
		termin_line l;
		size_t para = 0, last = 0;
		while ((rc = termin_textfile_next(tf, &l)) > 0) {
			if (l.continued && s->n) {
				/* a very long line delivered in pieces: keep it whole */
				termin_align_seg *g = &s->seg[s->n - 1];
				char *t = realloc((char *)g->text, g->len + l.len + 1);
				if (!t)
					abort();
				memcpy(t + g->len, l.text, l.len);
				g->len += l.len;
				t[g->len] = '\0';
				g->text = t;
				continue;
			}
			if (para == 0 || l.line > last + 1)
				para++;
			last = l.line;
			side_add(s, l.text, l.len, para, l.line, NULL);
		}
	} else {
		termin_segment g;
		termin_segstream_new(&ss, tf, seg, "auto");
		while ((rc = termin_segstream_next(ss, &g)) > 0)
			side_add(s, g.text, g.len, g.paragraph, g.line, static_lang(g.lang));
		termin_segstream_free(ss);
	}
	termin_textfile_free(tf);
	return rc < 0 ? rc : 0;
}

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
	(void)ctx;
	cli_progress("aligning", done > total ? total : done, total);
}

/* One line of the review list on stderr: file:line, what, the text. */
static void review_line(const side *s, size_t i, const char *what, const termin_bead *b)
{
	const termin_align_seg *g = &s->seg[i];
	int n = g->len > 100 ? 100 : (int)g->len;
	while (n < (int)g->len && n > 0 && ((unsigned char)g->text[n] & 0xC0) == 0x80)
		n--;
	fprintf(stderr, "%s:%zu: %s (%u-%u, confidence %.2f): %.*s%s\n", s->name, s->line[i], what,
	        b->nsrc, b->ntgt, b->confidence, n, g->text, n < (int)g->len ? "..." : "");
}

static void report(const termin_alignment *a, const side *src, const side *tgt, double minc,
                   int quiet)
{
	size_t count[3][3] = { { 0 } }, accepted = 0, review = 0, shown = 0;
	size_t n = termin_alignment_count(a);
	for (size_t k = 0; k < n; k++) {
		const termin_bead *b = termin_alignment_bead(a, k);
		count[b->nsrc][b->ntgt]++;
		if (termin_bead_accepted(b, minc))
			accepted++;
		else
			review++;
	}
	fflush(stdout);
	fprintf(stderr,
	        "termin: align: %zu + %zu segments, %zu beads: %zu 1-1, %zu 2-1, %zu 1-2, %zu 2-2, "
	        "%zu omissions, %zu additions; %zu pairs accepted, %zu for review\n",
	        src->n, tgt->n, n, count[1][1], count[2][1], count[1][2], count[2][2], count[1][0],
	        count[0][1], accepted, review);
	if (quiet)
		return;
	for (size_t k = 0; k < n && shown < 50; k++) {
		const termin_bead *b = termin_alignment_bead(a, k);
		if (termin_bead_accepted(b, minc))
			continue;
		shown++;
		if (b->nsrc && !b->ntgt)
			review_line(src, b->src, "omission", b);
		else if (!b->nsrc)
			review_line(tgt, b->tgt, "addition", b);
		else
			review_line(src, b->src, "doubtful pair", b);
	}
	if (review > shown)
		fprintf(stderr, "termin: align: ... and %zu more for review (see --format html)\n",
		        review - shown);
}

/* Loads the glossary as every command does (cli_glossary_load: the
 * project database's, else the shipped one, plus the --glossary files;
 * without any, the alignment goes on without glossary) and builds a
 * matcher over it. Returns 0, a library code, or (> 0) an exit code. */
static int load_glossary(termin_glossary **gl, termin_matcher **m, const cli_glossary_opts *go,
                         int none, int verbose)
{
	termin_matcher_opts mo = TERMIN_MATCHER_OPTS_INIT;
	int rc;
	*gl = NULL;
	*m = NULL;
	if (none)
		return 0;
	if ((rc = cli_glossary_load(gl, go)) != 0)
		return rc;
	if (!*gl) {
		if (verbose)
			fprintf(stderr, "termin: align: no glossary found; aligning without\n");
		return 0;
	}
	if ((rc = termin_matcher_new(m, *gl, &mo)) < 0)
		return rc;
	if (verbose)
		fprintf(stderr, "termin: align: glossary: %zu concepts, %zu terms\n",
		        termin_glossary_concept_count(*gl), termin_glossary_term_count(*gl));
	return 0;
}

static const char *format_of(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot)
		return "tmx";
	if (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0)
		return "html";
	if (strcmp(dot, ".tsv") == 0 || strcmp(dot, ".txt") == 0)
		return "tsv";
	if (strcmp(dot, ".jsonl") == 0 || strcmp(dot, ".json") == 0)
		return "jsonl";
	return "tmx";
}

int cmd_align(int argc, char **argv)
{
	const char *format = NULL, *outpath = NULL, *src_enc = NULL, *tgt_enc = NULL, *enc = NULL;
	const char *db = NULL, *doc = NULL;
	cli_glossary_opts go = CLI_GLOSSARY_OPTS_INIT;
	cli_list without = { NULL, 0 };
	int no_glossary = 0;
	double minc = 0.5;
	int no_clean = 0, segmented = 0, no_paras = 0, quiet = 0, verbose = 0;
	const cli_opt opts[] = {
		CLI_OUTPUT_OPTION(outpath),
		{ CLI_CHOICE, "format", 'f', "FMT", "output format (default: from OUT's extension, else tmx)", &format, "tmx|tsv|html|jsonl" },
		{ CLI_DOUBLE, "min-confidence", 0, "X", "pairs below X (0..1, default 0.5) are left out and listed for review", &minc, NULL },
		{ CLI_STRING, "db", 0, "FILE", "store the accepted pairs in the translation memory FILE", &db, NULL },
		{ CLI_STRING, "doc", 0, "NAME", "document name stored with the pairs (default: EN.txt's file name)", &doc, NULL },
		{ CLI_LIST, "glossary", 'g', "FILE", "use the terms of FILE (TBX, TSV, CSV) as anchors too; repeatable", &go.files, NULL },
		{ CLI_FLAG, "no-default-glossary", 0, NULL, "use only the --glossary files, not the database's or the shipped glossary", &go.no_default, NULL },
		{ CLI_FLAG, "no-glossary", 0, NULL, "use no glossary", &no_glossary, NULL },
		{ CLI_FLAG, "segmented", 0, NULL, "inputs are one segment per line, paragraphs separated by empty lines", &segmented, NULL },
		{ CLI_FLAG, "no-paragraphs", 0, NULL, "ignore paragraph boundaries", &no_paras, NULL },
		{ CLI_LIST, "without", 0, "PART", "leave a part of the score out (length, numbers, names, punct, paragraphs, glossary; comma-separated or repeated), to see what each brings", &without, NULL },
		{ CLI_FLAG, "no-clean", 0, NULL, "keep the texts as they are (no cleaning)", &no_clean, NULL },
		{ CLI_STRING, "encoding", 'e', "NAME", "decode both texts from NAME (default: UTF-8, UTF-16 by BOM)", &enc, NULL },
		{ CLI_STRING, "src-encoding", 0, "NAME", "decode the English text from NAME", &src_enc, NULL },
		{ CLI_STRING, "tgt-encoding", 0, "NAME", "decode the Russian text from NAME (windows-1251, KOI8-R, ...)", &tgt_enc, NULL },
		{ CLI_FLAG, "quiet", 'q', NULL, "print only the summary line on stderr, not the review list", &quiet, NULL },
		{ CLI_FLAG, "verbose", 'v', NULL, "also print the model's parameters estimated from the texts", &verbose, NULL },
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "align", "[OPTIONS] EN.txt RU.txt",
	                        "Align an English text with its Russian translation, sentence by sentence.",
	                        description, opts, 2, 2 };
	char **args;
	int nargs, rc, exit_code = 0;
	side src = { 0 }, tgt = { 0 };
	termin_segmenter *seg = NULL;
	termin_speller *sp = NULL;
	termin_alignment *al = NULL;
	termin_outfile *out = NULL;
	termin_tmx_writer *tmx = NULL;
	termin_glossary *gl = NULL;
	termin_matcher *matcher = NULL;
	termin_align_anchors anchors;
	termin_tm *tm = NULL;
	int write_file;
	size_t stored = 0, added = 0;

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	if (!(minc >= 0 && minc <= 1)) {
		free(args);
		return cli_usage_error("align", "--min-confidence must be between 0 and 1");
	}
	if (no_glossary && go.files.n) {
		free(args);
		free(go.files.items);
		free(without.items);
		return cli_usage_error("align", "--glossary and --no-glossary exclude each other");
	}
	unsigned int features = TERMIN_ALIGN_ALL;
	for (size_t i = 0; i < without.n; i++) {
		const char *w = without.items[i];
		while (*w) {
			static const struct { const char *name; unsigned int bit; } parts[] = {
				{ "length", TERMIN_ALIGN_LENGTH }, { "numbers", TERMIN_ALIGN_NUMBERS },
				{ "names", TERMIN_ALIGN_NAMES }, { "punct", TERMIN_ALIGN_PUNCT },
				{ "paragraphs", TERMIN_ALIGN_PARAGRAPHS }, { "glossary", 0 } };
			size_t n = strcspn(w, ","), k;
			for (k = 0; k < sizeof parts / sizeof *parts; k++)
				if (strlen(parts[k].name) == n && strncmp(parts[k].name, w, n) == 0)
					break;
			if (k == sizeof parts / sizeof *parts) {
				free(args);
				free(go.files.items);
				free(without.items);
				return cli_usage_error("align", "--without: unknown part '%.*s' (length, numbers, "
				                       "names, punct, paragraphs, glossary)", (int)n, w);
			}
			if (parts[k].bit)
				features &= ~parts[k].bit;
			else
				no_glossary = 1;
			w += n + (w[n] == ',');
		}
	}
	write_file = !db || outpath || format;
	if (!format)
		format = format_of(outpath);

	termin_segmenter_opts sopts = TERMIN_SEGMENTER_OPTS_INIT;
	if ((rc = termin_segmenter_new(&seg, &sopts)) < 0)
		goto fail;
	if (!no_clean && !segmented) {
		sp = cli_speller_new();
	}
	termin_textfile_opts topts = TERMIN_TEXTFILE_OPTS_INIT;
	topts.clean = !no_clean;
	topts.speller = sp;
	topts.encoding = src_enc ? src_enc : enc;
	if ((rc = read_side(&src, args[0], &topts, seg, segmented)) < 0)
		goto fail;
	topts.encoding = tgt_enc ? tgt_enc : enc;
	if ((rc = read_side(&tgt, args[1], &topts, seg, segmented)) < 0)
		goto fail;

	termin_align_opts aopts = TERMIN_ALIGN_OPTS_INIT;
	go.db = db;
	go.optional = 1;
	if ((rc = load_glossary(&gl, &matcher, &go, no_glossary, verbose)) < 0)
		goto fail;
	if (rc > 0) {
		exit_code = rc;
		goto done;
	}
	if (matcher) {
		termin_align_glossary_anchors(&anchors, matcher);
		aopts.anchors = &anchors;
		aopts.n_anchors = 1;
	}
	aopts.features = features;
	if (no_paras)
		aopts.features &= ~(unsigned)TERMIN_ALIGN_PARAGRAPHS;
	aopts.progress = on_progress;
	if ((rc = termin_align(&al, src.seg, src.n, tgt.seg, tgt.n, &aopts)) < 0)
		goto fail;
	cli_progress_done();

	termin_align_write_opts wopts = TERMIN_ALIGN_WRITE_OPTS_INIT;
	char date[17];
	termin_tmx_date(date, termin_tmx_now());
	wopts.min_confidence = minc;
	wopts.src_name = args[0];
	wopts.tgt_name = args[1];
	wopts.creationdate = date;
	wopts.doc = doc;
	/* the output file is written first and committed last, so that a
	 * failure anywhere leaves neither the file nor the TM changed */
	if (!write_file)
		goto store;
	FILE *f;
	if ((rc = cli_output_open(&out, outpath, &f)) < 0)
		goto fail;
	if (strcmp(format, "tmx") == 0) {
		termin_tmx_header h = TERMIN_TMX_HEADER_INIT;
		h.creationdate = date;
		if ((rc = termin_tmx_writer_open(&tmx, out, &h)) < 0 ||
		    (rc = termin_alignment_write_tmx(al, tmx, &wopts)) < 0)
			goto fail;
		rc = termin_tmx_writer_close(tmx);
		tmx = NULL;
		if (rc < 0)
			goto fail;
	} else if (strcmp(format, "tsv") == 0) {
		rc = termin_alignment_write_tsv(al, f, &wopts);
	} else if (strcmp(format, "jsonl") == 0) {
		rc = termin_alignment_write_jsonl(al, f, &wopts);
	} else {
		rc = termin_alignment_write_html(al, f, &wopts);
	}
	if (rc < 0)
		goto fail;
store:
	if (db) {
		termin_tm_opts tmo = TERMIN_TM_OPTS_INIT;
		if ((rc = termin_tm_open(&tm, db, &tmo)) < 0 ||
		    (rc = termin_alignment_store(al, tm, &wopts, &stored, &added)) < 0)
			goto fail;
		termin_tm_close(tm);
		tm = NULL;
	}
	if ((rc = cli_output_commit(&out)) < 0)
		goto fail;
	if (db)
		fprintf(stderr, "termin: align: %zu pairs stored in %s (%zu new)\n", stored, db, added);
	report(al, &src, &tgt, minc, quiet);
	if (verbose) {
		termin_align_info in;
		termin_alignment_info(al, &in);
		fprintf(stderr,
		        "termin: align: length ratio %.3f, variance %.2f per character; bead priors "
		        "1-1 %.3f, 1-0 %.4f, 0-1 %.4f, 2-1 %.4f, 1-2 %.4f, 2-2 %.4f; ",
		        in.ratio, in.variance, in.p_bead[0], in.p_bead[1], in.p_bead[2], in.p_bead[3],
		        in.p_bead[4], in.p_bead[5]);
		if (in.para_agree >= 0)
			fprintf(stderr, "paragraph ends agree %.0f%%; ", 100 * in.para_agree);
		fprintf(stderr, "%d resolution%s, %llu cells\n", in.levels, in.levels > 1 ? "s" : "",
		        (unsigned long long)in.cells);
	}
	goto done;

fail:
	cli_progress_done();
	exit_code = cli_fail(rc);
	termin_tmx_writer_free(tmx);
	termin_outfile_abort(out);
done:
	termin_tm_close(tm);
	termin_alignment_free(al);
	termin_matcher_free(matcher);
	termin_glossary_free(gl);
	free(go.files.items);
	free(without.items);
	side_free(&src);
	side_free(&tgt);
	termin_speller_free(sp);
	termin_segmenter_free(seg);
	free(args);
	return exit_code;
}
