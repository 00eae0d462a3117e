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

/* Output files (shared.c). cli_output_open opens `path` (NULL or "-":
 * stdout) as a termin_outfile and sets *f to its stream, fully buffered
 * unless it is a terminal. cli_output_commit commits *out (nothing when
 * NULL) and sets it to NULL, so that a later termin_outfile_abort is a
 * no-op; it returns the commit's library code. */
int cli_output_open(termin_outfile **out, const char *path, FILE **f);
int cli_output_commit(termin_outfile **out);

/* The speller text cleaning uses to rejoin words broken across lines:
 * en_US, en_GB and ru_RU, those that are installed (a missing dictionary
 * only disables rejoining in its language). Free with termin_speller_free. */
termin_speller *cli_speller_new(void);

/* The option-table rows that several commands share, so that their help
 * text is written once. */
#define CLI_OUTPUT_OPTION(v) \
	{ CLI_STRING, "output", 'o', "OUT", "write to OUT (whole or not at all) instead of stdout", &(v), NULL }
#define CLI_ENCODING_OPTION(v) \
	{ CLI_STRING, "encoding", 'e', "NAME", "decode input from NAME (windows-1251, KOI8-R, ...)", &(v), NULL }
#define CLI_NO_CLEAN_OPTION(v) \
	{ CLI_FLAG, "no-clean", 0, NULL, "keep the text as it is (no cleaning)", &(v), NULL }

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
int cmd_glossary(int argc, char **argv);
int cmd_terms(int argc, char **argv);

/* The glossary a command uses (cmd_glossary.c): the project database's
 * glossary when one was imported, else the shipped one, then every
 * --glossary file on top (same id replaces). */
typedef struct {
	cli_list files;          /* --glossary FILE, repeatable */
	int no_default;          /* --no-default-glossary */
	const char *db;          /* --db FILE (NULL: $TERMIN_DB, ./termin.db) */
	const char *format;      /* format of the files; NULL: from content */
	int quiet_issues;        /* do not print load warnings */
	int optional;            /* no glossary at all is no error: *out is NULL */
} cli_glossary_opts;

#define CLI_GLOSSARY_OPTS_INIT { { NULL, 0 }, 0, NULL, NULL, 0, 0 }

/* The option-table rows of cli_glossary_opts `go`. */
#define CLI_GLOSSARY_OPTIONS(go) \
	{ CLI_LIST, "glossary", 'g', "FILE", "use this glossary file too (repeatable; its entries replace same-id entries)", &(go).files, NULL }, \
	{ CLI_FLAG, "no-default-glossary", 0, NULL, "use only the --glossary files, not the database's or the shipped glossary", &(go).no_default, NULL }, \
	{ CLI_STRING, "db", 0, "FILE", "the project database whose glossary is used (default $TERMIN_DB, else ./termin.db)", &(go).db, NULL }

/* Loads the glossary described by `o` into a new glossary (*out, freed
 * with termin_glossary_free). Returns 0, or an exit code after printing
 * the message. Load warnings go to stderr unless o->quiet_issues. */
int cli_glossary_load(termin_glossary **out, const cli_glossary_opts *o);

/* The project database's glossary (glossary_db.c). Load: *out becomes
 * the glossary stored in the database at cli_db_path(db) (free with
 * termin_glossary_free), or NULL when there is no database or it holds no
 * glossary; the database is opened read-only and never created. Store:
 * `g` replaces the database's glossary in one transaction (the database is
 * created when needed); `source` names where it came from. Library return
 * codes. */
int cli_glossary_load_db(termin_glossary **out, const char *db);
int cli_glossary_store_db(const termin_glossary *g, const char *db, const char *source);

/* ---- TM leverage (leverage.c): tm match, analyze, pretranslate ---- */
int cmd_tm_match(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_pretranslate(int argc, char **argv);

/* The TM a leverage command reads: cli_db_path(db) when it exists, else
 * NULL after printing "termin: PATH: cannot open the TM: reason" (the
 * command then exits TERMIN_EXIT_IO; it never creates a database). */
const char *cli_tm_path(const char *db);

/* Brings the fuzzy-match index of `tm` up to date (progress on a
 * terminal); reports a failure and returns its exit code, else 0. */
int cli_fuzzy_index(termin_tm *tm);

/* Segments of text files, read one ahead so that each comes with the
 * hashes of its neighbours (for context matches). */
typedef struct cli_segreader cli_segreader;
typedef struct {
	const char *text;
	size_t len;
	const char *lang;       /* "en", "ru" or the language given */
	size_t line;
	termin_fuzzy_context ctx;
} cli_seg;
int cli_segreader_open(cli_segreader **out, const char *path, const char *lang,
                       const char *encoding, int clean);
/* 1 and *out filled (valid until the next call), 0 at the end, or an error. */
int cli_segreader_next(cli_segreader *r, cli_seg *out);
/* Bytes read so far and the file size (0 when unknown), for progress. */
void cli_segreader_progress(cli_segreader *r, uint64_t *done, uint64_t *total);
const char *cli_segreader_name(cli_segreader *r);
void cli_segreader_free(cli_segreader *r);

/* Fuzzy matchers, one per source language, made on first use. */
typedef struct cli_matchers cli_matchers;
cli_matchers *cli_matchers_new(termin_tm *tm, const termin_fuzzy_opts *base);
/* The matcher for source language `lang` (NULL with an error set). */
termin_fuzzy *cli_matchers_get(cli_matchers *m, const char *lang, int *rc);
void cli_matchers_free(cli_matchers *m);
int cmd_check(int argc, char **argv);

#endif
