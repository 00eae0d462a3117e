/*
 * cli.h - the command-line front end: the command table, the declarative
 * option parser, and helpers every command shares.
 *
 * Each command is a `main`-like function in cmd_<name>.c. It declares its
 * options as a table of cli_opt; cli_parse reads argv from that table and
 * cli_usage prints help from the same table, so help cannot drift from
 * what is parsed. `termin help X` runs X with --help.
 */
#ifndef TERMIN_CLI_H
#define TERMIN_CLI_H

#include <stdio.h>
#include "termin.h"

typedef enum {
	CLI_END = 0,
	CLI_FLAG,     /* int *: set to 1 */
	CLI_STRING,   /* const char **: the argument */
	CLI_LIST,     /* cli_list *: repeatable, arguments appended */
	CLI_INT,      /* long *: an integer */
	CLI_DOUBLE,   /* double *: a number */
	CLI_CHOICE    /* const char **: one of `choices` ("a|b|c") */
} cli_opt_kind;

typedef struct {
	const char **items;
	size_t n;
} cli_list;

typedef struct {
	cli_opt_kind kind;
	const char *name;       /* long name without dashes */
	char short_name;        /* 0 for none */
	const char *arg;        /* argument placeholder in help ("FILE") */
	const char *help;
	void *dest;
	const char *choices;    /* for CLI_CHOICE, alternatives split by | */
} cli_opt;

typedef struct {
	const char *name;       /* "segment", or "tm import" */
	const char *usage;      /* "[OPTIONS] FILE...|-" */
	const char *summary;    /* one line */
	const char *description;/* paragraphs printed under the usage, may be NULL */
	const cli_opt *opts;
	int min_args, max_args; /* positional arguments; max -1 for any */
} cli_spec;

/* Parses argv[1..] (argv[0] is the command name). On success returns 0 and
 * sets *args and *nargs to the positional arguments. `--help` prints help and
 * returns 1 (the command then exits 0). A usage error prints a message and
 * returns -1 (the command exits 2). */
int cli_parse(const cli_spec *spec, int argc, char **argv, char ***args, int *nargs);

/* Prints the help of a command (usage, description, options, exit codes). */
void cli_usage(const cli_spec *spec, FILE *f);

/* Reports a library failure as "termin: message" and returns its exit
 * code. */
int cli_fail(int rc);

/* Reports a usage error and returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints a warning "termin: warning: ..." to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whether stderr/stdout is a terminal (for progress and colour). */
int cli_isatty_out(void);
int cli_isatty_err(void);

/* Progress on stderr for long work: shown only on a terminal, at most a
 * few times a second, cleared by cli_progress_done. */
void cli_progress(const char *what, uint64_t done, uint64_t total);
void cli_progress_done(void);

/* The table of exit codes, printed by every --help and by the man page
 * and README (a test keeps them equal). */
extern const char cli_exit_codes[];

/* Commands. */
typedef int (*cli_cmd_fn)(int argc, char **argv);
int cmd_segment(int argc, char **argv);
int cmd_tm(int argc, char **argv);

/* The database to use: the --db option when given, else $TERMIN_DB, else
 * ./termin.db. */
const char *cli_db_path(const char *option);
int cmd_align(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
