/*
 * opt.c - the declarative option parser and help printer.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char cli_exit_codes[] =
	"  0  success (no findings)\n"
	"  1  findings at or above --fail-on (check commands)\n"
	"  2  usage error: unknown command or option, bad option value\n"
	"  3  bad input: malformed or undecodable data in an input file\n"
	"  4  I/O or database error: a file cannot be opened, read or written\n";

static const cli_opt *find_long(const cli_opt *o, const char *name, size_t n)
{
	for (; o && o->kind != CLI_END; o++)
		if (strlen(o->name) == n && strncmp(o->name, name, n) == 0)
			return o;
	return NULL;
}

static const cli_opt *find_short(const cli_opt *o, char c)
{
	for (; o && o->kind != CLI_END; o++)
		if (o->short_name && o->short_name == c)
			return o;
	return NULL;
}

static int choice_ok(const char *choices, const char *v)
{
	size_t n = strlen(v);
	const char *p = choices;
	while (*p) {
		const char *bar = strchr(p, '|');
		size_t k = bar ? (size_t)(bar - p) : strlen(p);
		if (k == n && strncmp(p, v, n) == 0)
			return 1;
		if (!bar)
			break;
		p = bar + 1;
	}
	return 0;
}

static int apply(const cli_spec *spec, const cli_opt *o, const char *value)
{
	char *end;
	switch (o->kind) {
	case CLI_FLAG:
		*(int *)o->dest = 1;
		return 0;
	case CLI_STRING:
		*(const char **)o->dest = value;
		return 0;
	case CLI_CHOICE:
		if (!choice_ok(o->choices, value)) {
			cli_usage_error(spec->name, "--%s must be one of %s, not '%s'", o->name,
			                o->choices, value);
			return -1;
		}
		*(const char **)o->dest = value;
		return 0;
	case CLI_LIST: {
		cli_list *l = o->dest;
		l->items = realloc(l->items, (l->n + 1) * sizeof *l->items);
		if (!l->items)
			abort();
		l->items[l->n++] = value;
		return 0;
	}
	case CLI_INT:
		errno = 0;
		*(long *)o->dest = strtol(value, &end, 10);
		if (errno || *end || end == value) {
			cli_usage_error(spec->name, "--%s needs an integer, not '%s'", o->name, value);
			return -1;
		}
		return 0;
	case CLI_DOUBLE:
		errno = 0;
		*(double *)o->dest = strtod(value, &end);
		if (errno || *end || end == value) {
			cli_usage_error(spec->name, "--%s needs a number, not '%s'", o->name, value);
			return -1;
		}
		return 0;
	case CLI_END:
		break;
	}
	return -1;
}

static int parse(const cli_spec *spec, int argc, char **argv, char ***args, int *nargs)
{
	char **pos = calloc((size_t)argc + 1, sizeof *pos);
	int np = 0, only_args = 0;
	if (!pos)
		abort();
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_args || a[0] != '-' || strcmp(a, "-") == 0) {
			pos[np++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_args = 1;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			cli_usage(spec, stdout);
			free(pos);
			return 1;
		}
		const cli_opt *o;
		const char *value = NULL;
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);
			o = find_long(spec->opts, name, n);
			if (!o) {
				cli_usage_error(spec->name, "unknown option '--%.*s'", (int)n, name);
				free(pos);
				return -1;
			}
			if (eq)
				value = eq + 1;
			if (o->kind == CLI_FLAG && value) {
				cli_usage_error(spec->name, "option '--%s' takes no value", o->name);
				free(pos);
				return -1;
			}
		} else {
			o = find_short(spec->opts, a[1]);
			if (!o) {
				cli_usage_error(spec->name, "unknown option '-%c'", a[1]);
				free(pos);
				return -1;
			}
			if (a[2]) {
				if (o->kind == CLI_FLAG) {
					cli_usage_error(spec->name, "option '-%c' takes no value", a[1]);
					free(pos);
					return -1;
				}
				value = a + 2;
			}
		}
		if (o->kind != CLI_FLAG && !value) {
			if (i + 1 >= argc) {
				cli_usage_error(spec->name, "option '--%s' needs an argument", o->name);
				free(pos);
				return -1;
			}
			value = argv[++i];
		}
		if (apply(spec, o, value) < 0) {
			free(pos);
			return -1;
		}
	}
	if (np < spec->min_args) {
		cli_usage_error(spec->name, np ? "too few arguments" : "missing argument (%s)",
		                spec->usage);
		free(pos);
		return -1;
	}
	if (spec->max_args >= 0 && np > spec->max_args) {
		cli_usage_error(spec->name, "unexpected argument '%s'", pos[spec->max_args]);
		free(pos);
		return -1;
	}
	/* the array is owned by the caller's process lifetime: commands exit */
	*args = pos;
	*nargs = np;
	return 0;
}

int cli_parse(const cli_spec *spec, int argc, char **argv, char ***args, int *nargs)
{
	int rc = parse(spec, argc, argv, args, nargs);
	if (rc != 0) {
		/* the command returns at once: the lists it would free are gone */
		for (const cli_opt *o = spec->opts; o->kind != CLI_END; o++)
			if (o->kind == CLI_LIST) {
				cli_list *l = o->dest;
				free(l->items);
				l->items = NULL;
				l->n = 0;
			}
	}
	return rc;
}

void cli_usage(const cli_spec *spec, FILE *f)
{
	fprintf(f, "usage: termin %s %s\n\n%s\n", spec->name, spec->usage, spec->summary);
	if (spec->description)
		fprintf(f, "\n%s", spec->description);
	fprintf(f, "\noptions:\n");
	for (const cli_opt *o = spec->opts; o && o->kind != CLI_END; o++) {
		char left[64];
		const char *arg = o->kind == CLI_FLAG ? "" : o->arg ? o->arg : "VALUE";
		if (o->short_name)
			snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name,
			         *arg ? " " : "", arg);
		else
			snprintf(left, sizeof left, "    --%s%s%s", o->name, *arg ? " " : "", arg);
		fprintf(f, "  %-28s %s", left, o->help);
		if (o->kind == CLI_CHOICE)
			fprintf(f, " (%s)", o->choices);
		fputc('\n', f);
	}
	fprintf(f, "  %-28s %s\n", "-h, --help", "show this help");
	fprintf(f, "\nexit codes:\n%s", cli_exit_codes);
}

int cli_fail(int rc)
{
	const termin_error *e = termin_error_last();
	fflush(stdout);
	fprintf(stderr, "termin: %s\n", e && e->message[0] ? e->message : "unknown error");
	return termin_exit_code(rc);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fprintf(stderr, "termin %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'termin help %s'.\n", cmd);
	return TERMIN_EXIT_USAGE;
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fprintf(stderr, "termin: warning: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_isatty_out(void)
{
	return isatty(STDOUT_FILENO);
}

int cli_isatty_err(void)
{
	return isatty(STDERR_FILENO);
}

static struct timespec progress_start, progress_last;
static int progress_started, progress_shown;

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void cli_progress(const char *what, uint64_t done, uint64_t total)
{
	struct timespec now;
	if (!isatty(STDERR_FILENO))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!progress_started) {
		progress_start = now;
		progress_started = 1;
	}
	/* quick work stays silent; long work updates a few times a second */
	if (seconds_between(&progress_start, &now) < 1.0)
		return;
	if (progress_shown && seconds_between(&progress_last, &now) < 0.25)
		return;
	progress_last = now;
	progress_shown = 1;
	if (total)
		fprintf(stderr, "\r\033[K%s: %3.0f%% (%llu of %llu)", what,
		        100.0 * (double)done / (double)total, (unsigned long long)done,
		        (unsigned long long)total);
	else
		fprintf(stderr, "\r\033[K%s: %llu", what, (unsigned long long)done);
	fflush(stderr);
}

void cli_progress_done(void)
{
	if (progress_shown && isatty(STDERR_FILENO)) {
		fprintf(stderr, "\r\033[K");
		fflush(stderr);
	}
	progress_shown = 0;
	progress_started = 0;
}
