/*
 * cmd_pretranslate.c - `termin pretranslate`: each segment of a job with
 * its best TM match, as TMX or XLIFF 1.2 for a CAT tool.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char description[] =
	"Segments each FILE as 'termin segment' does, looks every segment up in\n"
	"the TM and writes it with its best match at or above --threshold\n"
	"(default 75%). The format follows OUT's extension (.tmx, .xlf, .xliff)\n"
	"or --format. TMX 1.4b: one unit per matched segment (with\n"
	"--include-unmatched also the others, source only), the segment as\n"
	"source and the match's translation as target, inline codes kept, and\n"
	"props x-match-score (101, 100 or the fuzzy score), x-match-source (the\n"
	"TM unit's source text) and x-document. XLIFF 1.2: one <file> per input\n"
	"and a trans-unit per segment; a matched one has a <target> with\n"
	"state-qualifier exact-match or fuzzy-match (state translated for 101%,\n"
	"else needs-review-translation) and an <alt-trans match-quality=...>\n"
	"holding the TM unit. The file is written whole or not at all.\n";

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

typedef struct {
	termin_tmx_writer *tmx;
	termin_xliff_writer *xlf;
	int unmatched;
	size_t segments, matched, unit;
	char date[17];
	const char *origin;
} job;

static int write_tmx(job *j, const char *doc, const cli_seg *s, const termin_fuzzy_match *m)
{
	char tuid[32], score[16];
	int rc;
	if (!m && !j->unmatched)
		return 0;
	snprintf(tuid, sizeof tuid, "%zu", ++j->unit);
	if ((rc = termin_tmx_writer_begin_tu(j->tmx, tuid, j->date)) < 0 ||
	    (rc = termin_tmx_writer_prop(j->tmx, "x-document", doc)) < 0)
		return rc;
	if (m) {
		snprintf(score, sizeof score, "%d", m->score);
		char *src = malloc(m->source_len + 1);
		if (!src)
			abort();
		memcpy(src, m->source, m->source_len);
		src[m->source_len] = '\0';
		rc = termin_tmx_writer_prop(j->tmx, "x-match-score", score);
		if (rc >= 0)
			rc = termin_tmx_writer_prop(j->tmx, "x-match-source", src);
		free(src);
		if (rc < 0)
			return rc;
	}
	if ((rc = termin_tmx_writer_begin_tuv(j->tmx, s->lang)) < 0 ||
	    (rc = termin_tmx_writer_seg_text(j->tmx, s->text, s->len)) < 0)
		return rc;
	if (m && ((rc = termin_tmx_writer_begin_tuv(j->tmx, m->tgt_lang)) < 0 ||
	          (rc = termin_tmx_writer_seg_markup(j->tmx, m->target_markup, strlen(m->target_markup))) < 0))
		return rc;
	return termin_tmx_writer_end_tu(j->tmx);
}

static int write_xliff(job *j, const cli_seg *s, const termin_fuzzy_match *m)
{
	char id[32];
	termin_xliff_match xm;
	snprintf(id, sizeof id, "%zu", ++j->unit);
	if (m) {
		xm.score = m->score;
		xm.target = m->target_plain;
		xm.target_len = m->target_plain_len;
		xm.tm_source = m->source;
		xm.tm_source_len = m->source_len;
		xm.origin = j->origin;
	}
	return termin_xliff_writer_unit(j->xlf, id, s->text, s->len, m ? &xm : NULL);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int do_file(job *j, const char *path, const char *lang, const char *encoding, int clean,
                   const char *tgt, cli_matchers *ms)
{
	cli_segreader *r = NULL;
	cli_seg s;
	int rc;
	int begun = 0;
	if ((rc = cli_segreader_open(&r, path, lang, encoding, clean)) < 0)
		return rc;
	while ((rc = cli_segreader_next(r, &s)) > 0) {
		const termin_fuzzy_match *m;
		size_t n;
		termin_fuzzy *f = cli_matchers_get(ms, s.lang, &rc);
		if (!f)
			break;
		if ((rc = termin_fuzzy_lookup(f, s.text, s.len, &s.ctx, &m, &n)) < 0)
			break;
		if (j->xlf && !begun) {
			const char *tl = tgt ? tgt : n && m[0].tgt_lang ? m[0].tgt_lang
			               : strncmp(s.lang, "ru", 2) == 0 ? "en" : "ru";
			if ((rc = termin_xliff_writer_begin_file(j->xlf, path, s.lang, tl)) < 0)
				break;
			begun = 1;
		}
		j->segments++;
		j->matched += n > 0;
		rc = j->tmx ? write_tmx(j, base_name(path), &s, n ? &m[0] : NULL)
		            : write_xliff(j, &s, n ? &m[0] : NULL);
		if (rc < 0)
			break;
		if ((j->segments & 255) == 0) {
			uint64_t done, total;
			cli_segreader_progress(r, &done, &total);
			cli_progress(cli_segreader_name(r), done, total);
		}
	}
	cli_progress_done();
	if (rc == 0 && j->xlf) {
		if (!begun)
			rc = termin_xliff_writer_begin_file(j->xlf, path, lang ? lang : "en", tgt ? tgt : "ru");
		if (rc == 0)
			rc = termin_xliff_writer_end_file(j->xlf);
	}
	cli_segreader_free(r);
	return rc;
}

int cmd_pretranslate(int argc, char **argv)
{
	const char *db = NULL, *lang = "auto", *tgt = NULL, *format = "auto", *outpath = NULL;
	const char *encoding = NULL;
	long threshold = 75;
	int unmatched = 0, no_clean = 0;
	const cli_opt opts[] = {
		{ CLI_STRING, "db", 0, "FILE", "the TM database (default $TERMIN_DB, else ./termin.db)", &db, NULL },
		{ CLI_STRING, "output", 'o', "OUT", "the pre-translated job: OUT.tmx or OUT.xlf (required)", &outpath, NULL },
		{ CLI_CHOICE, "format", 'f', "FMT", "output format (auto: from OUT's extension)", &format, "auto|tmx|xliff" },
		{ CLI_INT, "threshold", 't', "N", "lowest score used, 1-100 (default 75)", &threshold, NULL },
		{ CLI_CHOICE, "lang", 'l', "LANG", "language of the files (auto: per paragraph)", &lang, "en|ru|auto" },
		{ CLI_STRING, "tgt", 0, "LANG", "target language (default: any other language)", &tgt, NULL },
		{ CLI_FLAG, "include-unmatched", 0, NULL, "TMX: also segments without a match (source only)", &unmatched, NULL },
		CLI_ENCODING_OPTION(encoding),
		CLI_NO_CLEAN_OPTION(no_clean),
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "pretranslate", "[OPTIONS] FILE... -o OUT.tmx|OUT.xlf",
	                        "Fill a job with its best TM matches, as TMX or XLIFF.",
	                        description, opts, 1, -1 };
	char **args;
	int nargs, rc, exit_code = 0;
	termin_tm *tm = NULL;
	cli_matchers *ms = NULL;
	termin_outfile *out = NULL;
	job j = { 0 };
	char tl[TERMIN_LANG_MAX];

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	if (!outpath || strcmp(outpath, "-") == 0) {
		free(args);
		return cli_usage_error("pretranslate", "-o OUT.tmx or -o OUT.xlf is required");
	}
	if (strcmp(format, "auto") == 0) {
		if (ends_with(outpath, ".tmx"))
			format = "tmx";
		else if (ends_with(outpath, ".xlf") || ends_with(outpath, ".xliff"))
			format = "xliff";
		else {
			free(args);
			return cli_usage_error("pretranslate", "cannot tell the format of '%s': name it .tmx or "
			                       ".xlf, or give --format", outpath);
		}
	}
	if (threshold < 1 || threshold > 100) {
		free(args);
		return cli_usage_error("pretranslate", "--threshold must be between 1 and 100, not %ld",
		                       threshold);
	}
	if (tgt && termin_lang_normalize(tgt, tl) < 0) {
		free(args);
		return cli_usage_error("pretranslate", "--tgt: %s", termin_error_last()->message);
	}
	const char *path = cli_tm_path(db);
	if (!path) {
		free(args);
		return TERMIN_EXIT_IO;
	}
	if ((rc = termin_tm_open(&tm, path, NULL)) < 0)
		goto fail;
	if ((rc = cli_fuzzy_index(tm)) != 0) {
		exit_code = rc;
		goto done;
	}
	termin_fuzzy_opts fo = TERMIN_FUZZY_OPTS_INIT;
	fo.tgt = tgt ? tl : NULL;
	fo.threshold = (int)threshold;
	fo.limit = 1;
	fo.no_update = 1;
	ms = cli_matchers_new(tm, &fo);
	j.unmatched = unmatched;
	j.origin = base_name(path);
	termin_tmx_date(j.date, termin_tmx_now());
	if ((rc = termin_outfile_open(&out, outpath)) < 0)
		goto fail;
	if (strcmp(format, "tmx") == 0) {
		termin_tmx_header h = TERMIN_TMX_HEADER_INIT;
		h.srclang = strcmp(lang, "auto") == 0 ? "*all*" : lang;
		h.creationdate = j.date;
		if ((rc = termin_tmx_writer_open(&j.tmx, out, &h)) < 0)
			goto fail;
	} else if ((rc = termin_xliff_writer_open(&j.xlf, out)) < 0) {
		goto fail;
	}
	for (int i = 0; i < nargs; i++)
		if ((rc = do_file(&j, args[i], strcmp(lang, "auto") == 0 ? NULL : lang, encoding, !no_clean,
		                  tgt ? tl : NULL, ms)) < 0)
			goto fail;
	if (j.tmx) {
		rc = termin_tmx_writer_close(j.tmx);
		j.tmx = NULL;
	} else {
		rc = termin_xliff_writer_close(j.xlf);
		j.xlf = NULL;
	}
	if (rc < 0)
		goto fail;
	if ((rc = cli_output_commit(&out)) < 0)
		goto fail;
	fprintf(stderr, "%s: %zu segments, %zu pre-translated (at least %ld%%)\n", outpath, j.segments,
	        j.matched, threshold);
	goto done;
fail:
	exit_code = cli_fail(rc);
done:
	termin_tmx_writer_free(j.tmx);
	termin_xliff_writer_free(j.xlf);
	termin_outfile_abort(out);
	cli_matchers_free(ms);
	termin_tm_close(tm);
	free(args);
	return exit_code;
}
