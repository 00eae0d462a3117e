/*
 * main.c - termin's entry point: the command table and `help`.
 */
#include "cli.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

typedef struct {
	const char *name;
	cli_cmd_fn fn;
	const char *summary;
} command;

static const command commands[] = {
	{ "segment", cmd_segment, "clean texts and split them into sentence segments" },
	{ "tm", cmd_tm, "the translation memory: import, export, search, stats" },
	{ "align", cmd_align, "align an English text with its Russian translation" },
	{ "glossary", cmd_glossary, "the term base: import, export, lookup, validate" },
	{ "terms", cmd_terms, "find the glossary terms in texts, with counts per concept" },
	{ "analyze", cmd_analyze, "how much of a job the TM covers, by match band" },
	{ "pretranslate", cmd_pretranslate, "fill a job with its best TM matches (TMX or XLIFF)" },
	{ "check", cmd_check, "check translations and texts: terms, spelling, numbers, consistency" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: termin [--version] [--help] COMMAND [ARGS]\n\n"
	           "termin: translation memory and terminology for English and Russian.\n\n"
	           "commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "  %-12s %s\n", "help", "show help for termin or for a command");
	fprintf(f, "\n'termin help COMMAND' (or 'termin COMMAND --help') describes a command.\n"
	           "\nexit codes:\n%s", cli_exit_codes);
}

static const command *lookup(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void on_signal(int sig)
{
	/* leave no half-written output behind */
	termin_outfile_cleanup_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

int main(int argc, char **argv)
{
	int rc;
	if (argc < 2) {
		usage(stderr);
		return TERMIN_EXIT_USAGE;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGPIPE, on_signal);

	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("termin %s\n", termin_version());
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "help") == 0) {
		if (argc < 3) {
			usage(stdout);
			return 0;
		}
		const command *c = lookup(argv[2]);
		if (!c) {
			fprintf(stderr, "termin: unknown command '%s'; see 'termin help'\n", argv[2]);
			return TERMIN_EXIT_USAGE;
		}
		/* `help X [Y]` is `X [Y] --help` */
		char *hargv[4] = { argv[2], NULL, NULL, NULL };
		int hargc = 1;
		if (argc > 3)
			hargv[hargc++] = argv[3];
		hargv[hargc++] = "--help";
		return c->fn(hargc, hargv);
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "termin: unknown option '%s'; see 'termin help'\n", argv[1]);
		return TERMIN_EXIT_USAGE;
	}
	const command *c = lookup(argv[1]);
	if (!c) {
		fprintf(stderr, "termin: unknown command '%s'; see 'termin help'\n", argv[1]);
		return TERMIN_EXIT_USAGE;
	}
	rc = c->fn(argc - 1, argv + 1);
	xmlCleanupParser();
	return rc;
}
