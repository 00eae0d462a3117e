/*
 * cmd_segment.c - `termin segment`: clean texts and split them into
 * sentence segments, printed as lines, JSON lines or source-only TMX.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char description[] =
	"Reads UTF-8 text (with or without BOM; UTF-16/32 with BOM; any other\n"
	"encoding with --encoding), cleans it and writes one segment per line.\n"
	"Cleaning turns non-breaking and other Unicode spaces into plain spaces,\n"
	"collapses runs of spaces, drops navigation lines such as \"Go back\" (also\n"
	"when glued to the next text) and rejoins a word broken by a stray line\n"
	"break when the dictionaries (hunspell en_US, en_GB, ru_RU) know the joined\n"
	"word. A line break always ends a segment. --lang auto decides between\n"
	"English and Russian rules for each paragraph.\n"
	"\n"
	"jsonl output has one object per segment: file, line, paragraph, index,\n"
	"start and end (byte offsets in the original input), lang and text.\n";

typedef struct {
	const char *format;
	int lines;          /* format is "lines" */
	const char *lang;
	FILE *f;
	termin_tmx_writer *tmx;
	size_t tuid;
	char date[17];
} output;

static int write_segment(output *o, const char *file, const termin_segment *s)
{
	FILE *f = o->f;
	if (o->lines) {
		fwrite_unlocked(s->text, 1, s->len, f);
		putc_unlocked('\n', f);
	} else if (strcmp(o->format, "jsonl") == 0) {
		fputs("{\"file\":", f);
		termin_json_write_string(f, file, strlen(file));
		fprintf(f, ",\"line\":%zu,\"paragraph\":%zu,\"index\":%zu,\"start\":%llu,\"end\":%llu,\"lang\":",
		        s->line, s->paragraph, s->index, (unsigned long long)s->start,
		        (unsigned long long)s->end);
		termin_json_write_string(f, s->lang, strlen(s->lang));
		fputs(",\"text\":", f);
		termin_json_write_string(f, s->text, s->len);
		fputs("}\n", f);
	} else {
		char tuid[32], para[32];
		int rc;
		snprintf(tuid, sizeof tuid, "%zu", ++o->tuid);
		snprintf(para, sizeof para, "%zu", s->paragraph);
		if ((rc = termin_tmx_writer_begin_tu(o->tmx, tuid, o->date)) < 0 ||
		    (rc = termin_tmx_writer_prop(o->tmx, "x-document", file)) < 0 ||
		    (rc = termin_tmx_writer_prop(o->tmx, "x-paragraph", para)) < 0 ||
		    (rc = termin_tmx_writer_begin_tuv(o->tmx, s->lang)) < 0 ||
		    (rc = termin_tmx_writer_seg_text(o->tmx, s->text, s->len)) < 0 ||
		    (rc = termin_tmx_writer_end_tu(o->tmx)) < 0)
			return rc;
	}
	return ferror(f) ? -1 : 0;
}

static void print_stats(const char *file, termin_textfile *tf, size_t segments)
{
	termin_textfile_stats st;
	size_t line, first;
	termin_textfile_get_stats(tf, &st);
	fflush(stdout);
	fprintf(stderr,
	        "%s: %llu bytes, %zu lines, %zu paragraphs, %zu segments; cleaning: "
	        "%zu boilerplate lines dropped, %zu words rejoined, %zu spaces normalised; "
	        "%zu repeated paragraphs\n",
	        file, (unsigned long long)st.bytes, st.lines, st.paragraphs, segments,
	        st.boilerplate, st.rejoined, st.spaces, st.repeated);
	for (size_t i = 0; i < 20 && termin_textfile_repeat(tf, i, &line, &first) == 0; i++)
		fprintf(stderr, "%s:%zu: repeats the paragraph of line %zu\n", file, line, first);
	if (st.repeated > 20)
		fprintf(stderr, "%s: ... and %zu more repeated paragraphs\n", file, st.repeated - 20);
}

/* The language of the beginning of a file (its first 4 KB of cleaned
 * text), read through a second, throw-away textfile; NULL for standard
 * input, or when it cannot be told. Lets --lang auto tag an opening
 * dateline with the language of the text that follows it. */
static const char *first_lang(const char *path, const termin_textfile_opts *topts)
{
	termin_textfile *tf = NULL;
	termin_line line;
	char buf[4096];
	size_t n = 0;
	const char *lang = NULL;
	if (strcmp(path, "-") == 0 || termin_textfile_open(&tf, path, topts) < 0)
		return NULL;
	while (n < sizeof buf && termin_textfile_next(tf, &line) > 0) {
		size_t k = line.len < sizeof buf - n - 1 ? line.len : sizeof buf - n - 1;
		memcpy(buf + n, line.text, k);
		n += k;
		if (n < sizeof buf)
			buf[n++] = ' ';
		if ((lang = termin_lang_detect(buf, n)) && n >= 400)
			break;
	}
	termin_textfile_free(tf);
	return lang;
}

static int segment_file(const char *path, const termin_textfile_opts *topts,
                        termin_segmenter *seg, output *o, int stats)
{
	termin_textfile *tf = NULL;
	termin_segstream *ss = NULL;
	termin_segment s;
	size_t segments = 0;
	uint64_t total = 0;
	struct stat st;
	int rc;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
		total = (uint64_t)st.st_size;
	if ((rc = termin_textfile_open(&tf, path, topts)) < 0)
		return rc;
	const char *name = termin_textfile_name(tf);
	termin_segstream_new(&ss, tf, seg, o->lang);
	if (strcmp(o->lang, "auto") == 0)
		termin_segstream_set_first_lang(ss, first_lang(path, topts));
	while ((rc = termin_segstream_next(ss, &s)) > 0) {
		if (write_segment(o, name, &s) < 0) {
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
	if (rc == 0 && termin_segstream_forced_cuts(ss))
		cli_warn("%s: %zu segments longer than 1 MiB without a sentence boundary were cut",
		         name, termin_segstream_forced_cuts(ss));
	if (rc == 0 && stats)
		print_stats(name, tf, segments);
	termin_segstream_free(ss);
	termin_textfile_free(tf);
	return rc;
}

/* en, ru, auto; with an SRX file, any language code its map rules may
 * match (letters, digits, '-' and '_', as in BCP 47 or Java locales). */
static int lang_ok(const char *lang, int srx)
{
	size_t n = strlen(lang);
	if (strcmp(lang, "en") == 0 || strcmp(lang, "ru") == 0 || strcmp(lang, "auto") == 0)
		return 1;
	if (!srx || n == 0 || n > 35 || !strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
	                                        lang[0]))
		return 0;
	return strspn(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == n;
}

int cmd_segment(int argc, char **argv)
{
	const char *lang = "auto", *srx = NULL, *format = "lines", *outpath = NULL;
	const char *encoding = NULL;
	int no_clean = 0, stats = 0, export_srx = 0;
	cli_list boiler = { 0 };
	const cli_opt opts[] = {
		{ CLI_STRING, "lang", 'l', "LANG", "language of the input: en, ru or auto (with --srx also any language code, e.g. de, pt-BR)", &lang, NULL },
		{ CLI_STRING, "srx", 0, "FILE", "segment with the rules of an SRX 2.0 file", &srx, NULL },
		CLI_NO_CLEAN_OPTION(no_clean),
		{ CLI_CHOICE, "format", 'f', "FMT", "output format", &format, "lines|jsonl|tmx" },
		CLI_OUTPUT_OPTION(outpath),
		CLI_ENCODING_OPTION(encoding),
		{ CLI_LIST, "boilerplate", 0, "FILE", "more navigation lines to drop, one per line", &boiler, NULL },
		{ CLI_FLAG, "stats", 0, NULL, "report cleaning figures and repeated paragraphs on stderr", &stats, NULL },
		{ CLI_FLAG, "export-srx", 0, NULL, "write termin's built-in rules as SRX 2.0 and exit", &export_srx, NULL },
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "segment", "[OPTIONS] FILE...|-", "Clean texts and split them into sentence segments.",
	                        description, opts, 0, -1 };
	char **args;
	int nargs, rc, exit_code = 0;
	termin_outfile *out = NULL;
	termin_segmenter *seg = NULL;
	termin_boilerplate *bp = NULL;
	termin_speller *sp = NULL;
	output o = { 0 };

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;

	if (export_srx) {
		if (nargs) {
			free(args);
			free(boiler.items);
			return cli_usage_error("segment", "--export-srx takes no input files");
		}
		FILE *f;
		if ((rc = cli_output_open(&out, outpath, &f)) < 0 ||
		    (rc = termin_segmenter_export_srx(f)) < 0 ||
		    (rc = cli_output_commit(&out)) < 0)
			goto fail;
		goto done;
	}
	if (nargs == 0) {
		free(args);
		free(boiler.items);
		return cli_usage_error("segment", "no input files (use - for standard input)");
	}
	if (!lang_ok(lang, srx != NULL)) {
		free(args);
		free(boiler.items);
		return cli_usage_error("segment", "--lang must be en, ru or auto%s, not '%s'",
		                       srx ? " or a language code such as de or pt-BR" :
		                             " (other languages need --srx)", lang);
	}

	termin_segmenter_opts sopts = TERMIN_SEGMENTER_OPTS_INIT;
	sopts.srx_path = srx;
	if ((rc = termin_segmenter_new(&seg, &sopts)) < 0)
		goto fail;
	termin_boilerplate_new(&bp);
	for (size_t i = 0; i < boiler.n; i++)
		if ((rc = termin_boilerplate_load(bp, boiler.items[i])) < 0)
			goto fail;
	sp = cli_speller_new();

	termin_textfile_opts topts = TERMIN_TEXTFILE_OPTS_INIT;
	topts.encoding = encoding;
	topts.clean = !no_clean;
	topts.boilerplate = bp;
	topts.speller = sp;

	if ((rc = cli_output_open(&out, outpath, &o.f)) < 0)
		goto fail;
	o.format = format;
	o.lines = strcmp(format, "lines") == 0;
	o.lang = lang;
	termin_tmx_date(o.date, termin_tmx_now());
	if (strcmp(format, "tmx") == 0) {
		termin_tmx_header h = TERMIN_TMX_HEADER_INIT;
		h.srclang = strcmp(lang, "auto") == 0 ? "*all*" : lang;
		h.creationdate = o.date;
		if ((rc = termin_tmx_writer_open(&o.tmx, out, &h)) < 0)
			goto fail;
	}
	for (int i = 0; i < nargs; i++)
		if ((rc = segment_file(args[i], &topts, seg, &o, stats)) < 0)
			goto fail;
	if (o.tmx) {
		rc = termin_tmx_writer_close(o.tmx);
		o.tmx = NULL;
		if (rc < 0)
			goto fail;
	}
	if ((rc = cli_output_commit(&out)) < 0)
		goto fail;
	goto done;

fail:
	exit_code = cli_fail(rc);
	termin_tmx_writer_free(o.tmx);
	termin_outfile_abort(out);
done:
	termin_speller_free(sp);
	termin_boilerplate_free(bp);
	termin_segmenter_free(seg);
	free(boiler.items);
	free(args);
	return exit_code;
}
