/*
 * cmd_check.c - `termin check`: terminology, spelling, number and
 * consistency checks of translations (TMX, XLIFF, TSV, the TM database)
 * and English or Russian texts, with terminal, JSON, JUnit and HTML
 * reports.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char description[] =
	"Checks translations before publication: TMX, XLIFF 1.2 and 2.0, two-column\n"
	"TSV (source TAB target; a first line \"en<TAB>ru\" names the languages), the\n"
	"TM database (--db), and monolingual texts (--lang en|ru, or any file that is\n"
	"not TMX, XLIFF or TSV). Languages come from the file, else --src/--tgt.\n"
	"\n"
	"Checks (ids as in reports, ignore lists and --disable; default severity):\n"
	"  term-missing (error), term-deprecated, term-inconsistent, spelling,\n"
	"  spelling-variant, number-mismatch (error), url-mismatch (error),\n"
	"  untranslated (error), same-as-source, end-punctuation, repeated-word,\n"
	"  double-space, tag-mismatch (error), quote-style, length-ratio (info),\n"
	"  mixed-script (error), inconsistent-target, inconsistent-source;\n"
	"  the others are warnings. 'termin check --list' describes each.\n"
	"\n"
	"The glossary is the project database's (--db, $TERMIN_DB or ./termin.db,\n"
	"when 'termin glossary import' stored one), else the shipped CSTO glossary,\n"
	"plus --glossary files. Spelling\n"
	"uses hunspell en_US, en_GB and ru_RU, the glossary's terms and names, and\n"
	"the word lists of --words and ./.termin-words (one word a line). Findings on\n"
	"the source side of a bilingual file (which the translator cannot change) are\n"
	"info unless --source-severity says otherwise. Suppress findings with\n"
	"./.termin-ignore or --ignore FILE: lines 'CHECK UNIT-ID', 'CHECK #HASH' or\n"
	"'CHECK text:WORD' ('--format ignore' writes such lines for every finding).\n"
	"\n"
	"Exit status 1 when a finding reaches --fail-on (default: warning).\n";

static void progress(void *ctx, const char *name, uint64_t done, uint64_t total)
{
	(void)ctx;
	cli_progress(name, done, total);
}

static void warn(void *ctx, const char *message)
{
	(void)ctx;
	cli_warn("%s", message);
}

static int list_checks(void)
{
	termin_checker *ck;
	if (termin_checker_new(&ck, NULL) < 0)
		return cli_fail(TERMIN_ERROR);
	for (size_t i = 0; termin_check_id(i); i++) {
		const char *id = termin_check_id(i);
		printf("%-20s %-8s %s\n", id, termin_severity_name(termin_checker_severity(ck, id)),
		       termin_check_describe(id));
	}
	termin_checker_free(ck);
	return 0;
}

/* Applies "a,b,c" to each listed check. */
static int each_check(termin_checker *ck, const char *list, termin_severity sev)
{
	char *copy = strdup(list), *save = NULL;
	int rc = 0;
	for (char *t = strtok_r(copy, ",", &save); t && rc == 0; t = strtok_r(NULL, ",", &save))
		rc = termin_checker_set_severity(ck, t, sev);
	free(copy);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	const char *format = "text", *outpath = NULL, *lang = NULL, *src = NULL, *tgt = NULL, *db = NULL;
	const char *fail_on = "warning", *min_sev = "info", *variety = NULL, *color = "auto";
	const char *source_sev = "info", *input_format = "auto", *title = NULL;
	int list = 0, use_db = 0;
	long jobs = 0;
	cli_glossary_opts go = CLI_GLOSSARY_OPTS_INIT;
	cli_list words = { 0 }, ignores = { 0 }, disable = { 0 }, enable = { 0 },
	         severities = { 0 };
	const cli_opt opts[] = {
		{ CLI_CHOICE, "format", 'f', "FMT", "report format", &format, "text|json|junit|html|ignore" },
		{ CLI_STRING, "output", 'o', "OUT", "write the report to OUT (whole or not at all) instead of stdout", &outpath, NULL },
		{ CLI_CHOICE, "lang", 'l', "LANG", "the inputs are monolingual texts in LANG", &lang, "en|ru|auto" },
		{ CLI_STRING, "src", 0, "LANG", "source language (default: from the file, else en)", &src, NULL },
		{ CLI_STRING, "tgt", 0, "LANG", "target language (default: from the file, else ru)", &tgt, NULL },
		{ CLI_CHOICE, "input-format", 0, "FMT", "read the inputs as FMT instead of guessing", &input_format, "auto|tmx|xliff|tsv|text" },
		{ CLI_FLAG, "tm", 0, NULL, "check the TM database (--db, $TERMIN_DB or ./termin.db)", &use_db, NULL },
		{ CLI_STRING, "db", 0, "FILE", "check the TM database FILE", &db, NULL },
		{ CLI_LIST, "glossary", 'g', "FILE", "add a glossary (TBX, TSV, CSV); repeatable", &go.files, NULL },
		{ CLI_FLAG, "no-default-glossary", 0, NULL, "use only the --glossary files, not the database's or the shipped glossary", &go.no_default, NULL },
		{ CLI_FLAG, "no-glossary", 0, NULL, "the same as --no-default-glossary", &go.no_default, NULL },
		{ CLI_LIST, "words", 'w', "FILE", "accepted words, one a line (also ./.termin-words); repeatable", &words, NULL },
		{ CLI_LIST, "ignore", 0, "FILE", "an ignore list (also ./.termin-ignore); repeatable", &ignores, NULL },
		{ CLI_LIST, "disable", 'd', "CHECK", "do not run CHECK (comma-separated list); repeatable", &disable, NULL },
		{ CLI_LIST, "enable", 'e', "CHECK", "run only these checks (comma-separated list); repeatable", &enable, NULL },
		{ CLI_LIST, "severity", 0, "CHECK=SEV", "set a check's severity: off, info, warning, error", &severities, NULL },
		{ CLI_CHOICE, "source-severity", 0, "SEV", "severity of source-side findings in bilingual files", &source_sev, "info|warning|error" },
		{ CLI_CHOICE, "fail-on", 0, "SEV", "exit 1 when a finding reaches SEV", &fail_on, "error|warning|info|never" },
		{ CLI_CHOICE, "min-severity", 0, "SEV", "report findings at SEV or above", &min_sev, "info|warning|error" },
		{ CLI_CHOICE, "variety", 0, "VAR", "expected English spelling (default: what each document mostly uses)", &variety, "en-GB|en-US" },
		{ CLI_CHOICE, "color", 0, "WHEN", "colour the terminal report", &color, "auto|always|never" },
		{ CLI_STRING, "title", 0, "TEXT", "title of the HTML and JUnit reports", &title, NULL },
		{ CLI_INT, "jobs", 'j', "N", "check on N threads (default: one per processor; the same findings)", &jobs, NULL },
		{ CLI_FLAG, "list", 0, NULL, "list the checks with their default severity and exit", &list, NULL },
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "check", "[OPTIONS] FILE...", "Check translations and texts before publication.",
	                        description, opts, 0, -1 };
	char **args = NULL;
	int nargs, rc, exit_code = 0;
	termin_glossary *g = NULL;
	termin_speller *sp = NULL;
	termin_checker *ck = NULL;
	termin_tm *tm = NULL;
	termin_outfile *out = NULL;

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	if (list) {
		free(args);
		return list_checks();
	}
	if (db)
		use_db = 1;
	if (jobs < 0 || jobs > 64) {
		free(args);
		return cli_usage_error("check", "--jobs takes 1 to 64 (or 0: one per processor)");
	}
	if (nargs == 0 && !use_db) {
		free(args);
		return cli_usage_error("check", "no input files (or --tm / --db for the TM database)");
	}

	/* glossary */
	go.db = db;
	go.optional = 1;
	if ((exit_code = cli_glossary_load(&g, &go)) != 0)
		goto done;
	if (!g) {
		if (!go.no_default)
			cli_warn("the shipped glossary is not installed; terminology checks have no terms");
		if ((rc = termin_glossary_new(&g)) < 0)
			goto fail;
	}

	/* dictionaries */
	termin_speller_new(&sp);
	{
		static const char *dicts[] = { "en_US", "en_GB", "ru_RU" };
		for (size_t i = 0; i < 3; i++)
			if (termin_speller_add_dict(sp, dicts[i]) < 0)
				cli_warn("hunspell dictionary %s is not installed; spelling skips that language", dicts[i]);
	}
	if (access(".termin-words", R_OK) == 0 && (rc = termin_speller_add_words(sp, ".termin-words")) < 0)
		goto fail;
	for (size_t i = 0; i < words.n; i++)
		if ((rc = termin_speller_add_words(sp, words.items[i])) < 0)
			goto fail;

	termin_checker_opts co = TERMIN_CHECKER_OPTS_INIT;
	co.glossary = termin_glossary_concept_count(g) ? g : NULL;
	co.speller = sp;
	co.variety = variety;
	co.threads = (int)jobs;
	termin_severity_parse(source_sev, &co.source_severity);
	if ((rc = termin_checker_new(&ck, &co)) < 0)
		goto fail;
	if (enable.n) {
		termin_severity keep[64];
		size_t n = 0;
		for (; termin_check_id(n) && n < 64; n++)
			keep[n] = termin_checker_severity(ck, termin_check_id(n));
		termin_checker_set_severity(ck, "all", TERMIN_SEVERITY_OFF);
		for (size_t i = 0; i < enable.n; i++) {
			char *copy = strdup(enable.items[i]), *save = NULL;
			for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
				size_t k;
				for (k = 0; k < n && strcmp(termin_check_id(k), t) != 0; k++)
					;
				if (k == n) {
					free(copy);
					rc = termin_checker_set_severity(ck, t, TERMIN_SEVERITY_OFF);
					goto fail;
				}
				termin_checker_set_severity(ck, t, keep[k]);
			}
			free(copy);
		}
	}
	for (size_t i = 0; i < disable.n; i++)
		if ((rc = each_check(ck, disable.items[i], TERMIN_SEVERITY_OFF)) < 0)
			goto fail;
	for (size_t i = 0; i < severities.n; i++) {
		const char *eq = strchr(severities.items[i], '=');
		termin_severity sev;
		if (!eq) {
			exit_code = cli_usage_error("check", "--severity takes CHECK=SEVERITY, not '%s'", severities.items[i]);
			goto done;
		}
		if ((rc = termin_severity_parse(eq + 1, &sev)) < 0)
			goto fail;
		char *name = strndup(severities.items[i], (size_t)(eq - severities.items[i]));
		rc = each_check(ck, name, sev);
		free(name);
		if (rc < 0)
			goto fail;
	}
	if (access(".termin-ignore", R_OK) == 0 && (rc = termin_checker_load_ignore(ck, ".termin-ignore")) < 0)
		goto fail;
	for (size_t i = 0; i < ignores.n; i++)
		if ((rc = termin_checker_load_ignore(ck, ignores.items[i])) < 0)
			goto fail;

	/* inputs */
	termin_check_input_opts io = TERMIN_CHECK_INPUT_OPTS_INIT;
	io.src = lang && strcmp(lang, "auto") != 0 ? lang : src;
	io.tgt = tgt;
	io.warn = warn;
	io.progress = progress;
	if (lang)
		io.format = TERMIN_CHECK_TEXT;
	if (strcmp(input_format, "tmx") == 0)
		io.format = TERMIN_CHECK_TMX;
	else if (strcmp(input_format, "xliff") == 0)
		io.format = TERMIN_CHECK_XLIFF;
	else if (strcmp(input_format, "tsv") == 0)
		io.format = TERMIN_CHECK_TSV;
	else if (strcmp(input_format, "text") == 0)
		io.format = TERMIN_CHECK_TEXT;
	for (int i = 0; i < nargs; i++) {
		rc = termin_check_file(ck, args[i], &io);
		cli_progress_done();
		if (rc < 0)
			goto fail;
	}
	if (use_db) {
		termin_tm_opts to = TERMIN_TM_OPTS_INIT;
		to.readonly = 1;
		if ((rc = termin_tm_open(&tm, cli_db_path(db), &to)) < 0)
			goto fail;
		if ((rc = termin_check_tm(ck, tm, cli_db_path(db), src, tgt)) < 0)
			goto fail;
	}
	if ((rc = termin_checker_finish(ck)) < 0)
		goto fail;

	/* report */
	termin_report_opts ro = TERMIN_REPORT_OPTS_INIT;
	termin_report_format_parse(format, &ro.format);
	termin_severity_parse(min_sev, &ro.min_severity);
	ro.title = title;
	if ((rc = termin_outfile_open(&out, outpath)) < 0)
		goto fail;
	FILE *f = termin_outfile_stream(out);
	ro.color = strcmp(color, "always") == 0 ||
	           (strcmp(color, "auto") == 0 && (!outpath || strcmp(outpath, "-") == 0) && isatty(fileno(f)) &&
	            !getenv("NO_COLOR"));
	if ((rc = termin_check_report(ck, f, &ro)) < 0)
		goto fail;
	rc = termin_outfile_commit(out);
	out = NULL;
	if (rc < 0)
		goto fail;
	if (outpath && strcmp(outpath, "-") != 0 && ro.format != TERMIN_REPORT_TEXT)
		fprintf(stderr, "termin: %zu findings (%zu errors, %zu warnings) written to %s\n",
		        termin_checker_count_at(ck, ro.min_severity ? ro.min_severity : TERMIN_SEVERITY_INFO),
		        termin_checker_count_at(ck, TERMIN_SEVERITY_ERROR),
		        termin_checker_count_at(ck, TERMIN_SEVERITY_WARNING) -
		                termin_checker_count_at(ck, TERMIN_SEVERITY_ERROR),
		        outpath);
	if (strcmp(fail_on, "never") != 0) {
		termin_severity at;
		termin_severity_parse(fail_on, &at);
		exit_code = termin_checker_count_at(ck, at) ? TERMIN_EXIT_FINDINGS : 0;
	}
	goto done;

fail:
	cli_progress_done();
	exit_code = cli_fail(rc);
	termin_outfile_abort(out);
done:
	termin_tm_close(tm);
	termin_checker_free(ck);
	termin_speller_free(sp);
	termin_glossary_free(g);
	free(go.files.items);
	free(words.items);
	free(ignores.items);
	free(disable.items);
	free(enable.items);
	free(severities.items);
	free(args);
	return exit_code;
}
