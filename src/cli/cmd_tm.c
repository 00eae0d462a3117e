/*
 * cmd_tm.c - `termin tm`: the translation memory. Sub-commands import,
 * export, search, stats and dump, each with its own option table.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DB_OPT(var) { CLI_STRING, "db", 0, "FILE", "the TM database (default $TERMIN_DB, else ./termin.db)", &(var), NULL }

const char *cli_db_path(const char *option)
{
	const char *e = getenv("TERMIN_DB");
	if (option && *option)
		return option;
	if (e && *e)
		return e;
	return "termin.db";
}

static int open_tm(termin_tm **tm, const char *db, int readonly)
{
	termin_tm_opts o = TERMIN_TM_OPTS_INIT;
	o.readonly = readonly;
	return termin_tm_open(tm, cli_db_path(db), &o);
}

static void progress(void *ctx, const char *name, uint64_t done, uint64_t total)
{
	(void)ctx;
	cli_progress(name, done, total);
}

/* ======================= import ======================= */

typedef struct {
	size_t shown, hidden;
} warn_state;

static void import_warn(void *ctx, const char *msg)
{
	warn_state *w = ctx;
	/* every skipped unit is listed; other warnings up to a limit per file */
	if (strncmp(msg, "skipped: ", 9) == 0) {
		cli_progress_done();
		fprintf(stderr, "termin: %s\n", msg);
		return;
	}
	if (w->shown >= 20) {
		w->hidden++;
		return;
	}
	w->shown++;
	cli_progress_done();
	cli_warn("%s", msg);
}

static const char import_desc[] =
	"Imports each FILE into the TM, one transaction per file: a file with an\n"
	"error is reported with file:line:column and nothing of it is stored\n"
	"(the other files are still imported). Formats: TMX 1.1 to 1.4b (UTF-8\n"
	"or UTF-16), two-column TSV (source TAB target; a first line such as\n"
	"\"en<TAB>ru\" names the languages), and plain text, cleaned and\n"
	"segmented as by 'termin segment' into source-only units that keep\n"
	"their document and neighbours. Identical units are stored once and\n"
	"their usage counted; a file imported before (same content) is skipped.\n";

static int tm_import(int argc, char **argv)
{
	const char *db = NULL, *format = "auto", *src = NULL, *tgt = NULL, *doc = NULL;
	const char *encoding = NULL, *lang = NULL;
	int skip = 0, force = 0, no_clean = 0;
	const cli_opt opts[] = {
		DB_OPT(db),
		{ CLI_CHOICE, "format", 'f', "FMT", "input format (auto: from the content)", &format, "auto|tmx|tsv|text" },
		{ CLI_FLAG, "skip-invalid", 0, NULL, "store the good units of a file with invalid ones, listing each skipped unit", &skip, NULL },
		{ CLI_FLAG, "force", 0, NULL, "import a file again even if the same content was imported before", &force, NULL },
		{ CLI_STRING, "src", 0, "LANG", "TSV: language of the first column (default from its header, else en)", &src, NULL },
		{ CLI_STRING, "tgt", 0, "LANG", "TSV: language of the second column (default from its header, else ru)", &tgt, NULL },
		{ CLI_CHOICE, "lang", 'l', "LANG", "text: language of the text", &lang, "en|ru|auto" },
		{ CLI_STRING, "doc", 0, "NAME", "the document name recorded with the units (default: the file name)", &doc, NULL },
		{ CLI_STRING, "encoding", 'e', "NAME", "text and TSV: decode from NAME (windows-1251, KOI8-R, ...)", &encoding, NULL },
		{ CLI_FLAG, "no-clean", 0, NULL, "text: keep the text as it is (no cleaning)", &no_clean, NULL },
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "tm import", "[OPTIONS] FILE...", "Import TMX, TSV or text files into the TM.",
	                        import_desc, opts, 1, -1 };
	char **args;
	int nargs, rc, exit_code = 0;
	termin_tm *tm = NULL;
	termin_speller *sp = NULL;

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	if ((rc = open_tm(&tm, db, 0)) < 0) {
		free(args);
		return cli_fail(rc);
	}
	termin_textfile_opts topts = TERMIN_TEXTFILE_OPTS_INIT;
	topts.encoding = encoding;
	topts.clean = !no_clean;
	termin_speller_new(&sp);
	termin_speller_add_dict(sp, "en_US");
	termin_speller_add_dict(sp, "en_GB");
	termin_speller_add_dict(sp, "ru_RU");
	topts.speller = sp;

	for (int i = 0; i < nargs; i++) {
		termin_tm_import_opts io = TERMIN_TM_IMPORT_OPTS_INIT;
		termin_tm_import_result res;
		warn_state ws = { 0, 0 };
		io.format = format;
		io.src_lang = src ? src : lang && strcmp(lang, "auto") != 0 ? lang : NULL;
		io.tgt_lang = tgt;
		io.skip_invalid = skip;
		io.force = force;
		io.text = &topts;
		io.doc = doc;
		io.warn = import_warn;
		io.progress = progress;
		io.ctx = &ws;
		rc = termin_tm_import(tm, args[i], &io, &res);
		cli_progress_done();
		if (ws.hidden)
			cli_warn("%s: ... and %zu more warnings", args[i], ws.hidden);
		if (rc < 0) {
			int code = cli_fail(rc);
			if (code > exit_code)
				exit_code = code;
			if (code == TERMIN_EXIT_IO && termin_error_last() &&
			    strstr(termin_error_last()->message, "database"))
				break; /* the database itself failed: stop */
			continue;
		}
		if (res.already)
			printf("%s: already imported (same content); skipped (--force imports it again)\n",
			       args[i]);
		else if (res.skipped)
			printf("%s: %zu unit%s (%zu new, %zu already in the TM), %zu invalid unit%s skipped\n",
			       args[i], res.units, res.units == 1 ? "" : "s", res.added, res.merged,
			       res.skipped, res.skipped == 1 ? "" : "s");
		else
			printf("%s: %zu unit%s (%zu new, %zu already in the TM)\n", args[i], res.units,
			       res.units == 1 ? "" : "s", res.added, res.merged);
		fflush(stdout);
	}
	if (exit_code != TERMIN_EXIT_IO && (rc = cli_fuzzy_index(tm)) > exit_code)
		exit_code = rc; /* the fuzzy-match index follows every import */
	termin_speller_free(sp);
	termin_tm_close(tm);
	free(args);
	return exit_code;
}

/* ======================= export ======================= */

static int parse_since(const char *s, int64_t *out)
{
	if (termin_tmx_parse_date(s, out) < 0)
		return -1;
	return 0;
}

static const char export_desc[] =
	"Writes the units of the TM as TMX 1.4b, valid against the TMX DTD, in\n"
	"constant memory. The same TM gives the same bytes: the header date is\n"
	"the time of the last import (SOURCE_DATE_EPOCH overrides it). By default\n"
	"only translated units are written (a non-empty variant besides the\n"
	"source). --src and --tgt take language ranges: 'en' selects en, en-GB\n"
	"and en-US. With --tgt, each unit carries its source and target variants\n"
	"only. DATE is YYYY-MM-DD, YYYY-MM-DDThh:mm:ssZ or YYYYMMDDThhmmssZ.\n";

static int tm_export(int argc, char **argv)
{
	const char *db = NULL, *out = NULL, *src = NULL, *tgt = NULL, *since = NULL, *doc = NULL;
	const char *encoding = "UTF-8";
	int untranslated = 0;
	const cli_opt opts[] = {
		DB_OPT(db),
		{ CLI_STRING, "output", 'o', "FILE", "write to FILE (whole or not at all) instead of stdout", &out, NULL },
		{ CLI_STRING, "src", 0, "LANG", "only units whose source language is in LANG", &src, NULL },
		{ CLI_STRING, "tgt", 0, "LANG", "only units with a target in LANG, and only that target", &tgt, NULL },
		{ CLI_STRING, "since", 0, "DATE", "only units created or changed since DATE", &since, NULL },
		{ CLI_STRING, "doc", 0, "NAME", "only units from document NAME", &doc, NULL },
		{ CLI_CHOICE, "encoding", 'e', "ENC", "output encoding (UTF-16: little-endian with a byte-order mark)", &encoding, "UTF-8|UTF-16" },
		{ CLI_FLAG, "include-untranslated", 0, NULL, "also units without a translation (source only)", &untranslated, NULL },
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "tm export", "[OPTIONS]", "Export the TM as TMX 1.4b.", export_desc, opts, 0, 0 };
	char **args;
	int nargs, rc;
	termin_tm *tm = NULL;
	termin_outfile *of = NULL;
	termin_tm_filter f = TERMIN_TM_FILTER_INIT;
	termin_tm_export_opts eo = TERMIN_TM_EXPORT_OPTS_INIT;
	size_t n = 0;
	char lbuf[2][TERMIN_LANG_MAX];

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	free(args);
	if (since && parse_since(since, &f.since) < 0)
		return cli_usage_error("tm export", "--since: '%s' is not a date (YYYY-MM-DD)", since);
	if (src && termin_lang_normalize(src, lbuf[0]) < 0)
		return cli_usage_error("tm export", "--src: %s", termin_error_last()->message);
	if (tgt && termin_lang_normalize(tgt, lbuf[1]) < 0)
		return cli_usage_error("tm export", "--tgt: %s", termin_error_last()->message);
	f.src = src ? lbuf[0] : NULL;
	f.tgt = tgt ? lbuf[1] : NULL;
	f.doc = doc;
	f.include_untranslated = untranslated;
	eo.utf16 = strcmp(encoding, "UTF-16") == 0;
	eo.progress = progress;
	if ((rc = open_tm(&tm, db, 1)) < 0)
		return cli_fail(rc);
	if ((rc = termin_outfile_open(&of, out)) < 0)
		goto fail;
	if ((rc = termin_tm_export_tmx(tm, of, &f, &eo, &n)) < 0)
		goto fail;
	cli_progress_done();
	rc = termin_outfile_commit(of);
	of = NULL;
	if (rc < 0)
		goto fail;
	if (out && strcmp(out, "-") != 0)
		fprintf(stderr, "%s: %zu unit%s\n", out, n, n == 1 ? "" : "s");
	termin_tm_close(tm);
	return 0;
fail:
	cli_progress_done();
	rc = cli_fail(rc);
	termin_outfile_abort(of);
	termin_tm_close(tm);
	return rc;
}

/* ======================= search ======================= */

typedef struct {
	int color;
	size_t hits;
} search_state;

static void put_marked(const char *text, size_t len, const size_t *spans, size_t n, int color)
{
	size_t pos = 0;
	for (size_t k = 0; k < n; k++) {
		size_t a = spans[2 * k], b = spans[2 * k + 1];
		if (a < pos || b > len || a > b)
			continue;
		fwrite(text + pos, 1, a - pos, stdout);
		fputs(color ? "\033[1;31m" : "[", stdout);
		fwrite(text + a, 1, b - a, stdout);
		fputs(color ? "\033[0m" : "]", stdout);
		pos = b;
	}
	fwrite(text + pos, 1, len - pos, stdout);
}

static int on_hit(void *ctx, const termin_tm_hit *h)
{
	search_state *s = ctx;
	const termin_tmx_unit *u = h->unit;
	const termin_tmx_variant *m = &u->variants[h->variant];
	s->hits++;
	printf("%s%s%s\n", s->color ? "\033[2m" : "", u->tuid, s->color ? "\033[0m" : "");
	printf("  %-6s ", m->lang);
	put_marked(m->text, m->text_len, h->spans, h->n_spans, s->color);
	putchar('\n');
	for (size_t i = 0; i < u->n_variants; i++) {
		if (i == h->variant)
			continue;
		printf("  %-6s ", u->variants[i].lang);
		fwrite(u->variants[i].text, 1, u->variants[i].text_len, stdout);
		putchar('\n');
	}
	return 0;
}

static int tm_search(int argc, char **argv)
{
	const char *db = NULL, *lang = NULL, *color = "auto";
	long limit = 20;
	int raw = 0;
	const cli_opt opts[] = {
		DB_OPT(db),
		{ CLI_STRING, "lang", 'l', "LANG", "search only variants in language range LANG", &lang, NULL },
		{ CLI_INT, "limit", 'n', "N", "show at most N units (default 20)", &limit, NULL },
		{ CLI_FLAG, "fts", 0, NULL, "TEXT is an SQLite FTS5 query (AND, OR, NOT, NEAR, prefix*)", &raw, NULL },
		{ CLI_CHOICE, "color", 0, "WHEN", "highlight matches in colour", &color, "auto|always|never" },
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "tm search", "[OPTIONS] TEXT",
	                        "Concordance: find TEXT in the TM, in any language.",
	                        "Finds the variants whose text contains the words of TEXT in this order\n"
	                        "(case and diacritics ignored, ё = е), best matches first, and shows\n"
	                        "each unit with the match highlighted ([...] when not on a terminal).\n",
	                        opts, 1, 1 };
	char **args;
	int nargs, rc;
	termin_tm *tm = NULL;
	search_state s = { 0, 0 };

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	if (limit <= 0) {
		free(args);
		return cli_usage_error("tm search", "--limit must be positive");
	}
	s.color = strcmp(color, "always") == 0 || (strcmp(color, "auto") == 0 && cli_isatty_out());
	if ((rc = open_tm(&tm, db, 1)) < 0) {
		free(args);
		return cli_fail(rc);
	}
	termin_tm_search_opts so = TERMIN_TM_SEARCH_OPTS_INIT;
	so.lang = lang;
	so.limit = (size_t)limit;
	so.raw = raw;
	rc = termin_tm_search(tm, args[0], &so, on_hit, &s);
	free(args);
	termin_tm_close(tm);
	if (rc < 0)
		return cli_fail(rc);
	if (!s.hits)
		fprintf(stderr, "no match\n");
	return 0;
}

/* ======================= stats ======================= */

static int tm_stats(int argc, char **argv)
{
	const char *db = NULL;
	int verify = 0;
	const cli_opt opts[] = {
		DB_OPT(db),
		{ CLI_FLAG, "verify", 0, NULL, "also check the database (integrity and the search index)", &verify, NULL },
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "tm stats", "[OPTIONS]", "Figures about the TM.", NULL, opts, 0, 0 };
	char **args;
	int nargs, rc;
	termin_tm *tm = NULL;
	termin_tm_stats *s = NULL;
	char d1[17], d2[17];

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	free(args);
	if ((rc = open_tm(&tm, db, 1)) < 0)
		return cli_fail(rc);
	/* FTS5's integrity check is an INSERT: it needs a writable connection
	 * (it changes nothing); the file is known to exist now */
	if (verify) {
		termin_tm_close(tm);
		if ((rc = open_tm(&tm, db, 0)) < 0)
			return cli_fail(rc);
	}
	if ((rc = termin_tm_stats_get(tm, &s)) < 0 || (verify && (rc = termin_tm_verify(tm)) < 0)) {
		termin_tm_stats_free(s);
		termin_tm_close(tm);
		return cli_fail(rc);
	}
	printf("database      %s (schema %d, %.1f MB)\n", cli_db_path(db), s->schema,
	       (double)s->file_bytes / 1e6);
	printf("units         %llu (%llu untranslated)\n", (unsigned long long)s->units,
	       (unsigned long long)s->untranslated);
	printf("variants      %llu\n", (unsigned long long)s->variants);
	printf("usage         %llu (units counted as often as they were seen)\n",
	       (unsigned long long)s->usage);
	printf("props, notes  %llu, %llu\n", (unsigned long long)s->props, (unsigned long long)s->notes);
	printf("imports       %llu file%s, %llu document%s\n", (unsigned long long)s->imports,
	       s->imports == 1 ? "" : "s", (unsigned long long)s->documents,
	       s->documents == 1 ? "" : "s");
	if (s->first != TERMIN_NODATE) {
		termin_tmx_date(d1, s->first);
		termin_tmx_date(d2, s->last);
		printf("dates         %s to %s\n", d1, d2);
	}
	printf("languages    ");
	for (size_t i = 0; i < s->n_languages; i++)
		printf(" %s %llu%s", s->languages[i].name, (unsigned long long)s->languages[i].count,
		       i + 1 < s->n_languages ? "," : "");
	printf("\npairs        ");
	for (size_t i = 0; i < s->n_pairs && i < 20; i++)
		printf(" %s %llu%s", s->pairs[i].name, (unsigned long long)s->pairs[i].count,
		       i + 1 < s->n_pairs && i < 19 ? "," : "");
	printf("\n");
	if (verify)
		printf("check         ok\n");
	termin_tm_stats_free(s);
	termin_tm_close(tm);
	return 0;
}

/* ======================= dump ======================= */

static void json_str(const char *s)
{
	if (s)
		termin_json_write_string(stdout, s, strlen(s));
	else
		fputs("null", stdout);
}

static void json_date(int64_t t)
{
	char d[17];
	if (t == TERMIN_NODATE) {
		fputs("null", stdout);
		return;
	}
	termin_tmx_date(d, t);
	printf("\"%s\"", d);
}

static void json_meta(const termin_tmx_meta *m, size_t n)
{
	putchar('[');
	for (size_t i = 0; i < n; i++) {
		printf("%s{\"kind\":\"%s\",\"type\":", i ? "," : "", m[i].is_note ? "note" : "prop");
		json_str(m[i].type);
		fputs(",\"lang\":", stdout);
		json_str(m[i].lang);
		fputs(",\"text\":", stdout);
		json_str(m[i].text);
		putchar('}');
	}
	putchar(']');
}

static void json_stamp(const termin_tmx_stamp *s)
{
	fputs("\"created\":", stdout);
	json_date(s->created);
	fputs(",\"creationid\":", stdout);
	json_str(s->created_by);
	fputs(",\"changed\":", stdout);
	json_date(s->changed);
	fputs(",\"changeid\":", stdout);
	json_str(s->changed_by);
	fputs(",\"lastused\":", stdout);
	json_date(s->last_used);
	printf(",\"usage\":%ld,\"attrs\":{", s->usage);
	int first = 1;
	for (const char *p = s->attrs; p && *p;) {
		const char *us = strchr(p, '\x1f'), *rs = strchr(p, '\x1e');
		if (!us)
			break;
		size_t vlen = rs ? (size_t)(rs - us - 1) : strlen(us + 1);
		printf("%s", first ? "" : ",");
		termin_json_write_string(stdout, p, (size_t)(us - p));
		putchar(':');
		termin_json_write_string(stdout, us + 1, vlen);
		first = 0;
		p = rs ? rs + 1 : us + 1 + vlen;
	}
	putchar('}');
}

static int tm_dump(int argc, char **argv)
{
	const char *db = NULL, *src = NULL, *tgt = NULL;
	int untranslated = 1;
	const cli_opt opts[] = {
		DB_OPT(db),
		{ CLI_STRING, "src", 0, "LANG", "only units whose source language is in LANG", &src, NULL },
		{ CLI_STRING, "tgt", 0, "LANG", "only units with a target in LANG", &tgt, NULL },
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "tm dump", "[OPTIONS]",
	                        "Write every unit as one line of JSON (a canonical form for comparing TMs).",
	                        "Each line holds a unit: tuid, srclang, dates, users, usage, other TMX\n"
	                        "attributes, props and notes, and its variants with their markup (the\n"
	                        "exact <seg> content) and plain text, in stored order. Untranslated\n"
	                        "units are included.\n",
	                        opts, 0, 0 };
	char **args;
	int nargs, rc;
	termin_tm *tm = NULL;
	termin_tm_iter *it = NULL;
	termin_tm_filter f = TERMIN_TM_FILTER_INIT;
	const termin_tmx_unit *u;

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	free(args);
	f.src = src;
	f.tgt = tgt;
	f.include_untranslated = untranslated;
	if ((rc = open_tm(&tm, db, 1)) < 0)
		return cli_fail(rc);
	if ((rc = termin_tm_iter_new(&it, tm, &f)) < 0)
		goto done;
	while ((rc = termin_tm_iter_next(it, &u)) > 0) {
		fputs("{\"tuid\":", stdout);
		json_str(u->tuid);
		fputs(",\"srclang\":", stdout);
		json_str(u->srclang);
		putchar(',');
		json_stamp(&u->stamp);
		fputs(",\"meta\":", stdout);
		json_meta(u->meta, u->n_meta);
		fputs(",\"variants\":[", stdout);
		for (size_t i = 0; i < u->n_variants; i++) {
			const termin_tmx_variant *v = &u->variants[i];
			fputs(i ? ",{\"lang\":" : "{\"lang\":", stdout);
			json_str(v->lang);
			putchar(',');
			json_stamp(&v->stamp);
			fputs(",\"meta\":", stdout);
			json_meta(v->meta, v->n_meta);
			fputs(",\"markup\":", stdout);
			termin_json_write_string(stdout, v->markup, v->markup_len);
			fputs(",\"text\":", stdout);
			termin_json_write_string(stdout, v->text, v->text_len);
			putchar('}');
		}
		fputs("]}\n", stdout);
	}
done:
	termin_tm_iter_free(it);
	termin_tm_close(tm);
	if (rc < 0)
		return cli_fail(rc);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "termin: standard output: write failed\n");
		return TERMIN_EXIT_IO;
	}
	return 0;
}

/* ======================= dispatch ======================= */

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} subs[] = {
	{ "import", tm_import, "import TMX, TSV or text files" },
	{ "export", tm_export, "export the TM (or part of it) as TMX 1.4b" },
	{ "search", tm_search, "concordance: find a text in the TM, in any language" },
	{ "stats", tm_stats, "figures about the TM" },
	{ "dump", tm_dump, "every unit as a line of JSON (canonical form)" },
	{ "match", cmd_tm_match, "fuzzy matches of a text, with differences and glossary terms" },
};

static void tm_usage(FILE *f)
{
	fprintf(f, "usage: termin tm COMMAND [OPTIONS] [ARGS]\n\n"
	           "The translation memory: an SQLite database (--db FILE, else $TERMIN_DB,\n"
	           "else ./termin.db) of translation units, imported from and exported as TMX.\n\n"
	           "commands:\n");
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
		fprintf(f, "  tm %-8s %s\n", subs[i].name, subs[i].summary);
	fprintf(f, "\n'termin help tm COMMAND' describes a command.\n\nexit codes:\n%s", cli_exit_codes);
}

int cmd_tm(int argc, char **argv)
{
	if (argc < 2) {
		tm_usage(stderr);
		return TERMIN_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		tm_usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "termin: unknown command 'tm %s'; see 'termin help tm'\n", argv[1]);
	return TERMIN_EXIT_USAGE;
}
