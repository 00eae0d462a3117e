/*
 * runner.c - runs the unit-test cases listed in the generated cases.inc.
 *
 *   test_unit            run every case
 *   test_unit PATTERN    run the cases whose name contains PATTERN
 *   test_unit -l         list the cases
 *
 * Each case runs in a child process with a time limit. Output is one line
 * per case ("ok - name", "FAIL - name: why", "skip - name: why").
 */
#include "tt.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cases.inc"

typedef struct {
	const char *name;
	void (*fn)(void);
} tcase;

static const tcase cases[] = { TEST_CASES };

static int result_fd = -1;
static char tmpdir_path[256];

static void report(const char *kind, const char *msg)
{
	/* the child tells the parent how the case ended through a pipe */
	if (result_fd >= 0) {
		dprintf(result_fd, "%s\n%s", kind, msg);
		close(result_fd);
	}
}

void tt_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[4096];
	int n = snprintf(msg, sizeof msg, "%s:%d: ", file, line);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	va_end(ap);
	report("FAIL", msg);
	_exit(1);
}

void tt_skip(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report("skip", msg);
	_exit(0);
}

const char *tt_shared(const char *rel)
{
	static char path[4096];
	const char *base = getenv("SHARED");
	struct stat st;
	if (!base || !*base)
		base = "../shared";
	snprintf(path, sizeof path, "%s/%s", base, rel);
	if (stat(path, &st) != 0) {
		const char *ci = getenv("CI");
		if (ci && strcmp(ci, "true") == 0)
			tt_fail(__FILE__, __LINE__, "shared file %s is missing (CI=true)", path);
		tt_skip("NOTICE: %s is absent, test skipped", path);
	}
	return path;
}

const char *tt_src(const char *rel)
{
	static char path[4096];
	snprintf(path, sizeof path, "%s/%s", TERMIN_SRCDIR, rel);
	return path;
}

const char *tt_tmpdir(void)
{
	if (!tmpdir_path[0]) {
		snprintf(tmpdir_path, sizeof tmpdir_path, "/tmp/termin-test-XXXXXX");
		if (!mkdtemp(tmpdir_path))
			tt_fail(__FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
	}
	return tmpdir_path;
}

char *tt_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, r;
	if (!f)
		tt_fail(__FILE__, __LINE__, "cannot open %s: %s", path, strerror(errno));
	do {
		if (n + 65536 + 1 > cap) {
			cap = (n + 65536 + 1) * 2;
			buf = realloc(buf, cap);
		}
		r = fread(buf + n, 1, 65536, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

void tt_write(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		tt_fail(__FILE__, __LINE__, "cannot write %s: %s", path, strerror(errno));
}

static int run_case(const tcase *c)
{
	int fds[2];
	pid_t pid;
	char buf[8192];
	ssize_t n, total = 0;
	int status;

	if (pipe(fds) != 0)
		return 1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		result_fd = fds[1];
		/* $TT_TIMEOUT seconds (valgrind runs need far more than 600) */
		const char *tl = getenv("TT_TIMEOUT");
		alarm(tl && atoi(tl) > 0 ? (unsigned)atoi(tl) : 600);
		c->fn();
		if (tmpdir_path[0]) {
			char cmd[300];
			snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir_path);
			if (system(cmd) != 0)
				fprintf(stderr, "cannot remove %s\n", tmpdir_path);
		}
		report("ok", "");
		exit(0); /* not _exit: LeakSanitizer reports at exit */
	}
	close(fds[1]);
	while ((n = read(fds[0], buf + total, sizeof buf - 1 - (size_t)total)) > 0)
		total += n;
	close(fds[0]);
	buf[total] = '\0';
	waitpid(pid, &status, 0);

	char *nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	if (total == 0 || !nl) {
		if (WIFSIGNALED(status))
			printf("FAIL - %s: killed by signal %d%s\n", c->name, WTERMSIG(status),
			       WTERMSIG(status) == SIGALRM ? " (time limit)" : "");
		else
			printf("FAIL - %s: exited with status %d without a result\n", c->name,
			       WEXITSTATUS(status));
		return 1;
	}
	if (strcmp(buf, "ok") == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		printf("ok - %s\n", c->name);
		return 0;
	}
	if (strcmp(buf, "skip") == 0) {
		printf("skip - %s: %s\n", c->name, nl + 1);
		return 0;
	}
	if (strcmp(buf, "ok") == 0)
		printf("FAIL - %s: exit status %d after the case ended (sanitizer or leak report above)\n",
		       c->name, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	else
		printf("FAIL - %s: %s\n", c->name, nl + 1);
	return 1;
}

int main(int argc, char **argv)
{
	size_t n = sizeof cases / sizeof *cases;
	int failed = 0, ran = 0;
	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		for (size_t i = 0; i < n; i++)
			printf("%s\n", cases[i].name);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (argc > 1 && !strstr(cases[i].name, argv[1]))
			continue;
		ran++;
		failed += run_case(&cases[i]);
	}
	if (argc > 1 && ran == 0) {
		fprintf(stderr, "no test case matches '%s'\n", argv[1]);
		return 2;
	}
	return failed ? 1 : 0;
}
