/*
 * cmd_glossary.c - `termin glossary`: the term base. Sub-commands import,
 * export, lookup and validate; and the glossary options every command that
 * recognises terms shares (cli_glossary_load).
 *
 * Which glossary a command uses (documented in the man page, "GLOSSARY"):
 *   1. the base: the glossary stored in the project database by
 *      `termin glossary import` when there is one, else the shipped
 *      glossary (TERMIN_DATADIR/glossary/csto.tbx, or glossary/csto.tbx in
 *      the source tree); --no-default-glossary drops the base;
 *   2. every --glossary FILE in order on top of it: an entry whose id is
 *      already defined replaces that entry, other entries are added.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ======================= shared glossary options ======================= */

/* Prints the issues recorded in `g` from index `from` as
 * "file:line: error: message [code]"; returns how many are at or above
 * `min`. */
static size_t print_issues(const termin_glossary *g, size_t from, termin_issue_severity min,
                           FILE *f)
{
	size_t n = termin_glossary_issue_count(g), counted = 0;
	for (size_t i = from; i < n; i++) {
		const termin_glossary_issue *is = termin_glossary_issue_at(g, i);
		if (is->file && is->line)
			fprintf(f, "%s:%zu: ", is->file, is->line);
		else if (is->file)
			fprintf(f, "%s: ", is->file);
		fprintf(f, "%s: %s [%s]\n", is->severity == TERMIN_ISSUE_ERROR ? "error" : "warning",
		        is->message, is->code);
		if (is->severity >= min)
			counted++;
	}
	return counted;
}

int cli_glossary_load(termin_glossary **out, const cli_glossary_opts *o)
{
	termin_glossary *g = NULL;
	int rc, have_base = 0;
	*out = NULL;
	if (!o->no_default) {
		if ((rc = cli_glossary_load_db(&g, o->db)) < 0)
			goto fail;
		have_base = g != NULL;
	}
	if (!g && (rc = termin_glossary_new(&g)) < 0)
		return cli_fail(rc);
	if (!o->no_default) {
		if (!have_base) {
			const char *shipped = termin_glossary_shipped_path();
			if (shipped) {
				if ((rc = termin_glossary_load(g, shipped, NULL)) < 0)
					goto fail;
				have_base = 1;
			}
		}
	}
	for (size_t i = 0; i < o->files.n; i++) {
		termin_glossary_load_opts lo = TERMIN_GLOSSARY_LOAD_OPTS_INIT;
		if (o->format && termin_glossary_format_parse(o->format, &lo.format) < 0) {
			termin_glossary_free(g);
			return cli_usage_error("glossary", "unknown glossary format '%s'", o->format);
		}
		if ((rc = termin_glossary_load(g, o->files.items[i], &lo)) < 0)
			goto fail;
	}
	if (!have_base && o->files.n == 0) {
		termin_glossary_free(g);
		if (o->optional)
			return 0;
		fflush(stdout);
		fprintf(stderr, "termin: no glossary: the shipped glossary is not installed "
		                "and no --glossary FILE was given\n");
		return TERMIN_EXIT_IO;
	}
	/* problems that do not stop reading are warnings here; `glossary
	 * validate` is the place to list and judge them */
	if (!o->quiet_issues && termin_glossary_issue_count(g)) {
		fflush(stdout);
		print_issues(g, 0, TERMIN_ISSUE_ERROR, stderr);
	}
	*out = g;
	return 0;
fail:
	termin_glossary_free(g);
	return cli_fail(rc);
}

/* Reads args[0..nargs) as one glossary in `format` (a --format value;
 * "auto": from content and name) into a new glossary *out, which the
 * caller frees with termin_glossary_free, after a failure too. Returns 0
 * or the library code of the first file that cannot be read. */
static int load_files(termin_glossary **out, const char *format, char **args, int nargs)
{
	termin_glossary_load_opts lo = TERMIN_GLOSSARY_LOAD_OPTS_INIT;
	int rc = 0;
	termin_glossary_format_parse(format, &lo.format);
	termin_glossary_new(out);
	for (int i = 0; i < nargs && rc >= 0; i++)
		rc = termin_glossary_load(*out, args[i], &lo);
	return rc < 0 ? rc : 0;
}

/* The arguments joined by `sep`, in memory the caller frees with free(). */
static char *join_args(char **args, int nargs, const char *sep)
{
	size_t len = 1;
	for (int i = 0; i < nargs; i++)
		len += strlen(args[i]) + strlen(sep);
	char *s = calloc(1, len);
	if (!s)
		abort();
	for (int i = 0; i < nargs; i++) {
		if (i)
			strcat(s, sep);
		strcat(s, args[i]);
	}
	return s;
}

/* ======================= glossary import ======================= */

static int gl_import(int argc, char **argv)
{
	const char *format = "auto", *db = NULL;
	const cli_opt opts[] = {
		{ CLI_CHOICE, "format", 'f', "FMT", "format of the files (default: from content and name)", &format, "auto|tbx|tbx2|tsv|csv" },
		{ CLI_STRING, "db", 0, "FILE", "the project database (default $TERMIN_DB, else ./termin.db)", &db, NULL },
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "glossary import", "[OPTIONS] FILE...",
	                        "Store glossary files in the project database.",
	                        "Reads TBX 2019 (DCA), TBX 2 (martif), OmegaT TSV or termin CSV files\n"
	                        "(several files combine; a later entry with the same id replaces an\n"
	                        "earlier one) and stores the result as the project's glossary, replacing\n"
	                        "the one stored before. Commands that recognise terms then use it instead\n"
	                        "of the shipped glossary. A file that is not well-formed is reported with\n"
	                        "its line and nothing is stored (exit 3); lesser problems are listed as\n"
	                        "warnings (see 'termin glossary validate').\n",
	                        opts, 1, -1 };
	char **args;
	int nargs, rc, exit_code = 0;
	termin_glossary *g = NULL;
	char *source = NULL;

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	if ((rc = load_files(&g, format, args, nargs)) < 0)
		goto fail;
	if (termin_glossary_concept_count(g) == 0) {
		fflush(stdout);
		fprintf(stderr, "termin: %s: no glossary entries found; nothing stored\n", args[0]);
		exit_code = TERMIN_EXIT_BADINPUT;
		goto done;
	}
	print_issues(g, 0, TERMIN_ISSUE_WARNING, stderr);
	source = join_args(args, nargs, ", ");
	if ((rc = cli_glossary_store_db(g, db, source)) < 0)
		goto fail;
	fprintf(stderr, "%s: %zu entries, %zu terms stored\n", cli_db_path(db),
	        termin_glossary_concept_count(g), termin_glossary_term_count(g));
	goto done;
fail:
	exit_code = cli_fail(rc);
done:
	free(source);
	termin_glossary_free(g);
	free(args);
	return exit_code;
}

/* ======================= glossary export ======================= */

static int gl_export(int argc, char **argv)
{
	const char *format = NULL, *outpath = NULL, *src = "en", *tgt = "ru";
	cli_glossary_opts go = CLI_GLOSSARY_OPTS_INIT;
	const cli_opt opts[] = {
		{ CLI_CHOICE, "format", 'f', "FMT", "output format (required)", &format, "tbx|tbx2|tsv|csv|tmx|jsonl" },
		CLI_OUTPUT_OPTION(outpath),
		{ CLI_STRING, "src", 0, "LANG", "TSV and TMX: the source language (default en)", &src, NULL },
		{ CLI_STRING, "tgt", 0, "LANG", "TSV and TMX: the target language (default ru)", &tgt, NULL },
		CLI_GLOSSARY_OPTIONS(go),
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "glossary export", "--format FMT [OPTIONS] [FILE...]",
	                        "Write the glossary in another format.",
	                        "tbx is TBX-Basic in ISO 30042:2019 (DCA style); tbx2 the older <martif>\n"
	                        "TBX that translate-toolkit, OmegaT and most CAT tools read; tsv OmegaT's\n"
	                        "glossary format (term, translation, comment); csv one row per term with\n"
	                        "a header row (memoQ, Trados MultiTerm import); tmx one translation unit\n"
	                        "per term pair, for tools that take terms as a TM (deprecated target\n"
	                        "terms are never offered as translations); jsonl one object per entry.\n"
	                        "The output is deterministic (TMX dates from $SOURCE_DATE_EPOCH).\n"
	                        "With FILE arguments exactly those files are converted (the same as\n"
	                        "--no-default-glossary --glossary FILE...); without, the glossary in use.\n",
	                        opts, 0, -1 };
	char **args;
	int nargs, rc, exit_code = 0;
	termin_glossary *g = NULL;
	termin_outfile *out = NULL;

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	if (!format) {
		free(go.files.items);
		free(args);
		return cli_usage_error("glossary export", "--format is required");
	}
	/* FILE arguments: convert exactly these, before any --glossary */
	if (nargs > 0) {
		const char **items = malloc(((size_t)nargs + go.files.n) * sizeof *items);
		if (!items)
			abort();
		for (int i = 0; i < nargs; i++)
			items[i] = args[i];
		for (size_t i = 0; i < go.files.n; i++)
			items[(size_t)nargs + i] = go.files.items[i];
		free(go.files.items);
		go.files.items = items;
		go.files.n += (size_t)nargs;
		go.no_default = 1;
	}
	if ((exit_code = cli_glossary_load(&g, &go)) != 0)
		goto done;
	termin_glossary_write_opts wo = TERMIN_GLOSSARY_WRITE_OPTS_INIT;
	termin_glossary_format_parse(format, &wo.format);
	wo.source_lang = src;
	wo.target_lang = tgt;
	if ((rc = termin_outfile_open(&out, outpath)) < 0)
		goto fail;
	if ((rc = termin_glossary_write(g, out, &wo)) < 0)
		goto fail;
	if ((rc = cli_output_commit(&out)) < 0)
		goto fail;
	goto done;
fail:
	exit_code = cli_fail(rc);
	termin_outfile_abort(out);
done:
	termin_glossary_free(g);
	free(go.files.items);
	free(args);
	return exit_code;
}

/* ======================= glossary lookup ======================= */

static void print_entry(FILE *f, const termin_concept *c, int color)
{
	const char *subj = termin_concept_subject(c), *def = termin_concept_definition(c);
	const termin_term *en = termin_concept_preferred(c, "en");
	fprintf(f, "%s%s%s", color ? "\033[1m" : "", termin_concept_id(c), color ? "\033[0m" : "");
	if (en)
		fprintf(f, " - %s", termin_term_text(en));
	if (subj)
		fprintf(f, " (%s)", subj);
	fputc('\n', f);
	if (def)
		fprintf(f, "  definition: %s\n", def);
	for (size_t i = 0; i < termin_concept_term_count(c); i++) {
		const termin_term *t = termin_concept_term(c, i);
		termin_term_status st = termin_term_status_of(t);
		const char *type = termin_term_type_name(termin_term_type_of(t));
		const char *sc = "";
		if (color)
			sc = st == TERMIN_STATUS_DEPRECATED ? "\033[31m" :
			     st == TERMIN_STATUS_SUPERSEDED ? "\033[33m" : "\033[32m";
		fprintf(f, "  %-3s %s%-11s%s %s", termin_term_lang(t), sc,
		        *termin_term_status_name(st) ? termin_term_status_name(st) : "-",
		        color ? "\033[0m" : "", termin_term_text(t));
		if (type || termin_term_case_sensitive(t)) {
			fprintf(f, "  (%s%s%s)", type ? type : "",
			        type && termin_term_case_sensitive(t) ? ", " : "",
			        termin_term_case_sensitive(t) ? "case-sensitive" : "");
		}
		fputc('\n', f);
		for (size_t k = 0; k < termin_term_note_count(t); k++)
			if (strcmp(termin_term_note(t, k), "termin:case-sensitive") != 0)
				fprintf(f, "        note: %s\n", termin_term_note(t, k));
	}
	for (size_t k = 0; k < termin_concept_note_count(c); k++)
		fprintf(f, "  note: %s\n", termin_concept_note(c, k));
	for (size_t k = 0; k < termin_concept_source_count(c); k++)
		fprintf(f, "  source: %s\n", termin_concept_source(c, k));
}

static int gl_lookup(int argc, char **argv)
{
	const char *lang = NULL;
	cli_glossary_opts go = CLI_GLOSSARY_OPTS_INIT;
	const cli_opt opts[] = {
		{ CLI_STRING, "lang", 'l', "LANG", "look only at terms of this language (default: every language)", &lang, NULL },
		CLI_GLOSSARY_OPTIONS(go),
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "glossary lookup", "[OPTIONS] TEXT...",
	                        "Show the glossary entries of the terms in a text.",
	                        "TEXT may be a term in any inflected form, in English or Russian, or a\n"
	                        "longer text: every term found in it is shown with the form that matched,\n"
	                        "its status and the whole entry (all terms with status and type,\n"
	                        "definition, notes, sources). Several TEXT arguments are joined by spaces.\n"
	                        "Exits 1 when no term is found (like grep).\n",
	                        opts, 1, -1 };
	char **args;
	int nargs, rc, exit_code = 0, color = cli_isatty_out();
	termin_glossary *g = NULL;
	termin_matcher *m = NULL;
	char *text = NULL;

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	if ((exit_code = cli_glossary_load(&g, &go)) != 0)
		goto done;
	if ((rc = termin_matcher_new(&m, g, NULL)) < 0) {
		exit_code = cli_fail(rc);
		goto done;
	}
	text = join_args(args, nargs, " ");
	const termin_term_hit *hits;
	size_t n;
	if ((rc = termin_matcher_find(m, lang, text, strlen(text), &hits, &n)) < 0) {
		exit_code = cli_fail(rc);
		goto done;
	}
	if (n == 0) {
		fflush(stdout);
		fprintf(stderr, "termin: no glossary term in '%s'\n", text);
		exit_code = TERMIN_EXIT_FINDINGS;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		const termin_term_hit *h = &hits[i];
		int dup = 0;
		for (size_t k = 0; k < i; k++)
			if (hits[k].concept == h->concept && hits[k].term == h->term)
				dup = 1;
		if (dup)
			continue;
		if (i)
			putchar('\n');
		printf("\"%.*s\": %s %s \"%s\"\n", (int)(h->end - h->start), h->text,
		       termin_term_status_name(h->status)[0] ? termin_term_status_name(h->status) : "term",
		       termin_term_lang(h->term), termin_term_text(h->term));
		if (h->status == TERMIN_STATUS_DEPRECATED || h->status == TERMIN_STATUS_SUPERSEDED) {
			const termin_term *p = termin_concept_preferred(h->concept, termin_term_lang(h->term));
			if (p && p != h->term)
				printf("  use instead: %s\n", termin_term_text(p));
		}
		print_entry(stdout, h->concept, color);
		for (size_t k = 0; k < h->n_alternatives; k++) {
			printf("  also (ambiguous): ");
			print_entry(stdout, termin_term_concept(h->alternatives[k]), color);
		}
	}
done:
	free(text);
	termin_matcher_free(m);
	termin_glossary_free(g);
	free(go.files.items);
	free(args);
	return exit_code;
}

/* ======================= glossary validate ======================= */

static int gl_validate(int argc, char **argv)
{
	const char *format = "auto", *fail_on = "error";
	cli_glossary_opts go = CLI_GLOSSARY_OPTS_INIT;
	const cli_opt opts[] = {
		{ CLI_CHOICE, "format", 'f', "FMT", "format of the files (default: from content and name)", &format, "auto|tbx|tbx2|tsv|csv" },
		{ CLI_CHOICE, "fail-on", 0, "LEVEL", "exit 1 when there are findings of this severity or worse (default error)", &fail_on, "error|warning" },
		CLI_GLOSSARY_OPTIONS(go),
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "glossary validate", "[OPTIONS] [FILE...]",
	                        "Check glossary files (or the glossary in use).",
	                        "Reads the files (together, as one glossary) and reports, each as\n"
	                        "FILE:LINE: error|warning: message [code]: malformed TBX, unknown data\n"
	                        "category values, duplicate entries and ids, a term preferred in one entry\n"
	                        "and deprecated in another, an entry missing a language, entries with no\n"
	                        "or several preferred terms in a language, the same term twice in one\n"
	                        "entry. Terms are compared as the matcher sees them (case, dashes,\n"
	                        "inflection). Without FILE the glossary in use is checked (see --glossary).\n"
	                        "Exit 0 when clean, 1 with findings at or above --fail-on, 3 when a file\n"
	                        "cannot be read as a glossary at all.\n",
	                        opts, 0, -1 };
	char **args;
	int nargs, rc, exit_code = 0;
	termin_glossary *g = NULL;

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	if (nargs > 0) {
		if ((rc = load_files(&g, format, args, nargs)) < 0) {
			exit_code = cli_fail(rc);
			goto done;
		}
	} else {
		go.quiet_issues = 1;
		go.format = strcmp(format, "auto") == 0 ? NULL : format;
		if ((exit_code = cli_glossary_load(&g, &go)) != 0)
			goto done;
	}
	termin_glossary_validate(g);
	termin_issue_severity min = strcmp(fail_on, "warning") == 0 ? TERMIN_ISSUE_WARNING :
	                                                                TERMIN_ISSUE_ERROR;
	size_t nerr = 0, nwarn = 0, total = termin_glossary_issue_count(g);
	for (size_t i = 0; i < total; i++) {
		if (termin_glossary_issue_at(g, i)->severity == TERMIN_ISSUE_ERROR)
			nerr++;
		else
			nwarn++;
	}
	size_t counted = print_issues(g, 0, min, stdout);
	fflush(stdout);
	fprintf(stderr, "%zu entries, %zu terms: %zu errors, %zu warnings\n",
	        termin_glossary_concept_count(g), termin_glossary_term_count(g), nerr, nwarn);
	exit_code = counted ? TERMIN_EXIT_FINDINGS : 0;
done:
	termin_glossary_free(g);
	free(go.files.items);
	free(args);
	return exit_code;
}

/* ======================= dispatch ======================= */

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} subs[] = {
	{ "import", gl_import, "store glossary files (TBX, TSV, CSV) in the project database" },
	{ "export", gl_export, "write the glossary as TBX 2019, TBX 2 (martif), TSV, CSV, TMX or JSON lines" },
	{ "lookup", gl_lookup, "show the entries of the terms in a text, any language, any inflected form" },
	{ "validate", gl_validate, "check glossary files: FILE:LINE messages, exit 1 on findings" },
};

static void gl_usage(FILE *f)
{
	fprintf(f, "usage: termin glossary COMMAND [OPTIONS] [ARGS]\n\n"
	           "The term base. Commands use the glossary stored in the project database\n"
	           "(termin glossary import) when there is one, else the shipped CSTO glossary;\n"
	           "--glossary FILE (repeatable) adds entries on top, replacing entries with the\n"
	           "same id; --no-default-glossary uses only the --glossary files.\n\n"
	           "commands:\n");
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
		fprintf(f, "  glossary %-9s %s\n", subs[i].name, subs[i].summary);
	fprintf(f, "\n'termin help glossary COMMAND' describes a command.\n\nexit codes:\n%s",
	        cli_exit_codes);
}

int cmd_glossary(int argc, char **argv)
{
	if (argc < 2) {
		gl_usage(stderr);
		return TERMIN_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		gl_usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "termin: unknown command 'glossary %s'; see 'termin help glossary'\n", argv[1]);
	return TERMIN_EXIT_USAGE;
}
