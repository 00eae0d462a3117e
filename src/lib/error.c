/*
 * error.c - the per-thread last error (libgit2's git_error_last model).
 */
#include "util.h"

#include <stdlib.h>
#include <string.h>

static _Thread_local termin_error last_error;
static _Thread_local char last_message[2048];
static _Thread_local int have_error;

static void set_message(int code, const char *msg)
{
	size_t n = strlen(msg);
	if (n >= sizeof last_message)
		n = sizeof last_message - 1;
	memmove(last_message, msg, n);
	last_message[n] = '\0';
	last_error.code = code;
	last_error.message = last_message;
	have_error = 1;
}

const termin_error *termin_error_last(void)
{
	return have_error ? &last_error : NULL;
}

void termin_error_clear(void)
{
	have_error = 0;
	last_message[0] = '\0';
}

int termin__error_set(int code, const char *fmt, ...)
{
	char buf[sizeof last_message];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	set_message(code, buf);
	return code;
}

int termin__error_errno(int code, int errno_value, const char *fmt, ...)
{
	char buf[sizeof last_message];
	size_t n;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	n = strlen(buf);
	snprintf(buf + n, sizeof buf - n, ": %s", strerror(errno_value));
	set_message(code, buf);
	return code;
}

void termin__error_prefix(const char *fmt, ...)
{
	char prefix[512], buf[sizeof last_message + sizeof prefix + 2];
	va_list ap;
	if (!have_error)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	snprintf(buf, sizeof buf, "%s: %s", prefix, last_message);
	set_message(last_error.code, buf);
}

int termin_exit_code(int code)
{
	switch (code) {
	case TERMIN_OK:
		return TERMIN_EXIT_OK;
	case TERMIN_EUSAGE:
		return TERMIN_EXIT_USAGE;
	case TERMIN_EINVALID:
	case TERMIN_EENCODING:
	case TERMIN_EUNSUPPORTED:
		return TERMIN_EXIT_BADINPUT;
	default:
		return TERMIN_EXIT_IO;
	}
}

const char *termin_version(void)
{
	return TERMIN_VERSION;
}
