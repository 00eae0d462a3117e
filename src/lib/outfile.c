/*
 * outfile.c - output written to a temporary name and renamed when whole.
 *
 * Open temporary files are kept in a fixed table of path strings so that
 * termin_outfile_cleanup_all can unlink them from a signal handler without
 * allocating or taking locks.
 */
#include "util.h"
#include "termin/io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct termin_outfile {
	FILE *f;
	char *path;   /* final name */
	char *tmp;    /* temporary name, NULL for stdout */
	int slot;     /* index in the cleanup table, or -1 */
};

#define MAX_OPEN 64
static char *volatile open_tmp[MAX_OPEN];

static int register_tmp(char *tmp)
{
	for (int i = 0; i < MAX_OPEN; i++)
		if (!open_tmp[i]) {
			open_tmp[i] = tmp;
			return i;
		}
	return -1;
}

void termin_outfile_cleanup_all(void)
{
	for (int i = 0; i < MAX_OPEN; i++) {
		char *p = open_tmp[i];
		if (p)
			unlink(p);
	}
}

int termin_outfile_open(termin_outfile **out, const char *path)
{
	termin_outfile *o;
	*out = NULL;
	if (!path || strcmp(path, "-") == 0) {
		o = termin__xcalloc(1, sizeof *o);
		o->f = stdout;
		o->path = termin__xstrdup("-");
		o->slot = -1;
		*out = o;
		return 0;
	}

	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return termin__error_set(TERMIN_EIO, "%s: is a directory", path);

	size_t n = strlen(path);
	char *tmp = termin__xmalloc(n + 32);
	int fd = -1;
	/* Beside the target, so the final rename stays on one file system. */
	snprintf(tmp, n + 32, "%s.tmp-XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return termin__error_errno(TERMIN_EIO, e, "%s: cannot create", path);
	}
	/* Files we write are ordinary documents: honour the umask as fopen would. */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);

	o = termin__xcalloc(1, sizeof *o);
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		int e = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		free(o);
		return termin__error_errno(TERMIN_EIO, e, "%s: cannot open", path);
	}
	/* reports run to tens of megabytes: fewer, larger writes */
	setvbuf(o->f, NULL, _IOFBF, 1 << 18);
	o->path = termin__xstrdup(path);
	o->tmp = tmp;
	o->slot = register_tmp(tmp);
	*out = o;
	return 0;
}

FILE *termin_outfile_stream(termin_outfile *f)
{
	return f->f;
}

const char *termin_outfile_path(const termin_outfile *f)
{
	return f->path;
}

static void release(termin_outfile *f)
{
	if (f->slot >= 0)
		open_tmp[f->slot] = NULL;
	free(f->tmp);
	free(f->path);
	free(f);
}

int termin_outfile_commit(termin_outfile *f)
{
	int rc = 0;
	if (!f->tmp) {
		if (fflush(f->f) != 0 || ferror(f->f))
			rc = termin__error_errno(TERMIN_EIO, errno, "standard output: write failed");
		release(f);
		return rc;
	}
	if (fflush(f->f) != 0 || ferror(f->f)) {
		rc = termin__error_errno(TERMIN_EIO, errno, "%s: write failed", f->path);
		fclose(f->f);
		unlink(f->tmp);
		release(f);
		return rc;
	}
	if (fsync(fileno(f->f)) != 0 && errno != EINVAL && errno != EROFS) {
		rc = termin__error_errno(TERMIN_EIO, errno, "%s: sync failed", f->path);
		fclose(f->f);
		unlink(f->tmp);
		release(f);
		return rc;
	}
	if (fclose(f->f) != 0) {
		rc = termin__error_errno(TERMIN_EIO, errno, "%s: write failed", f->path);
		unlink(f->tmp);
		release(f);
		return rc;
	}
	if (rename(f->tmp, f->path) != 0) {
		rc = termin__error_errno(TERMIN_EIO, errno, "%s: cannot rename into place", f->path);
		unlink(f->tmp);
	}
	release(f);
	return rc;
}

void termin_outfile_abort(termin_outfile *f)
{
	if (!f)
		return;
	if (f->tmp) {
		fclose(f->f);
		unlink(f->tmp);
	} else {
		fflush(f->f);
	}
	release(f);
}

int termin_json_write_string(FILE *f, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	size_t run = 0;
	int failed;
	/* one lock for the string, not one a call */
	flockfile(f);
	putc_unlocked('"', f);
	for (size_t i = 0; i < len; i++) {
		/* eight bytes at a time while none needs escaping: none below
		 * 0x20, none '"', '\\' or 0x7F (tests for a zero byte) */
		while (i + 8 <= len) {
			uint64_t x, q, b, d;
			memcpy(&x, s + i, 8);
			q = x ^ (ones * '"');
			b = x ^ (ones * '\\');
			d = x ^ (ones * 0x7F);
			if ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) | ((d - ones) & ~d)) & highs)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char c = (unsigned char)s[i];
		/* (most bytes: a quick test first) */
		if (c > '\\' ? c != 0x7F : c >= 0x20 && c != '"' && c != '\\')
			continue;
		fwrite_unlocked(s + run, 1, i - run, f);
		run = i + 1;
		switch (c) {
		case '"': fputs_unlocked("\\\"", f); break;
		case '\\': fputs_unlocked("\\\\", f); break;
		case '\n': fputs_unlocked("\\n", f); break;
		case '\r': fputs_unlocked("\\r", f); break;
		case '\t': fputs_unlocked("\\t", f); break;
		default:
			fputs_unlocked("\\u00", f);
			putc_unlocked(hex[c >> 4], f);
			putc_unlocked(hex[c & 15], f);
		}
	}
	fwrite_unlocked(s + run, 1, len - run, f);
	putc_unlocked('"', f);
	failed = ferror_unlocked(f);
	funlockfile(f);
	return failed ? termin__error_set(TERMIN_EIO, "write failed") : 0;
}
