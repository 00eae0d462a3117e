/*
 * check_report.c - the reports of termin check: the terminal (grouped by
 * check, coloured, the segment with the problem highlighted), JSON, JUnit
 * XML for CI dashboards and ignore-list lines. The HTML page is in
 * check_html.c.
 */
#include "check_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

int termin__check_report_html(const termin_checker *ck, FILE *f, const termin_report_opts *o);

int termin_report_format_parse(const char *name, termin_report_format *out)
{
	static const char *names[] = { "text", "json", "junit", "html", "ignore" };
	for (int i = 0; i < 5; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (termin_report_format)i;
			return 0;
		}
	return termin__error_set(TERMIN_EUSAGE, "unknown report format '%s' (text, json, junit, html, ignore)", name);
}

static int shown(const termin_finding *f, const termin_report_opts *o)
{
	return f->severity >= o->min_severity;
}

/* ---- terminal ---- */

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"
#define C_CYAN "\033[36m"
#define C_HL "\033[1;4;31m"

static const char *sev_color(termin_severity s)
{
	return s == TERMIN_SEVERITY_ERROR ? C_RED : s == TERMIN_SEVERITY_WARNING ? C_YELLOW : C_CYAN;
}

/* Prints `s` with [start, end) highlighted, cut to about 70 characters on
 * each side of the highlight, control characters shown as spaces. */
static void excerpt(FILE *f, const char *s, size_t start, size_t end, int hl, int color)
{
	size_t len = strlen(s), a = 0, b = len, i;
	if (start > len)
		start = len;
	if (end > len)
		end = len;
	/* back 70 characters from start, forward 70 from end */
	i = start;
	for (int k = 0; k < 70 && i > 0; k++)
		termin__utf8_prev(s, &i);
	a = i;
	i = end;
	for (int k = 0; k < 70 && i < len; k++)
		termin__utf8_next(s, len, &i);
	b = i;
	if (a > 0)
		fputs("\xe2\x80\xa6", f);
	for (i = a; i < b; i++) {
		if (hl && i == start && start < end)
			fputs(color ? C_HL : "[", f);
		char c = s[i];
		putc((unsigned char)c < ' ' ? ' ' : c, f);
		if (hl && i + 1 == end && start < end)
			fputs(color ? C_RESET : "]", f);
	}
	if (hl && start == end && start == b)
		fputs(color ? C_HL "\xe2\x80\xb8" C_RESET : "[]", f);
	if (b < len)
		fputs("\xe2\x80\xa6", f);
	putc('\n', f);
}

static void report_text(const termin_checker *ck, FILE *f, const termin_report_opts *o)
{
	int color = o->color;
	size_t total = 0, by_sev[4] = { 0 };
	for (size_t c = 0; c < CK_COUNT; c++) {
		const char *id = termin_check_id(c);
		size_t n = 0;
		for (size_t i = 0; i < ck->nf; i++)
			n += ck->f[i].check == c && shown(&ck->f[i].pub, o);
		if (!n)
			continue;
		fprintf(f, "%s%s%s (%zu) %s%s%s\n", color ? C_BOLD : "", id, color ? C_RESET : "", n, color ? C_DIM : "",
		        termin_check_describe(id), color ? C_RESET : "");
		for (size_t i = 0; i < ck->nf; i++) {
			const termin_finding *x = &ck->f[i].pub;
			if (ck->f[i].check != c || !shown(x, o))
				continue;
			total++;
			by_sev[x->severity]++;
			fprintf(f, "  %s", *x->file ? x->file : "-");
			if (x->line)
				fprintf(f, ":%zu", x->line);
			if (x->n_tuids > 1) {
				fputs(" [", f);
				for (size_t k = 0; k < x->n_tuids; k++)
					fprintf(f, "%s%s", k ? ", " : "", x->tuids[k]);
				fputs("]", f);
			} else if (x->tuid) {
				fprintf(f, " [%s]", x->tuid);
			}
			fprintf(f, " %s%s%s: %s", color ? sev_color(x->severity) : "", termin_severity_name(x->severity),
			        color ? C_RESET : "", x->message);
			if (x->suggestion && *x->suggestion && !strstr(x->message, x->suggestion))
				fprintf(f, " (suggestion: %s)", x->suggestion);
			putc('\n', f);
			if (x->target) {
				fputs("      source: ", f);
				excerpt(f, x->source, x->start, x->end, x->side == 0 && x->n_tuids <= 1, color);
				fputs("      target: ", f);
				excerpt(f, x->target, x->start, x->end, x->side == 1 && x->n_tuids <= 1, color);
			} else {
				fputs("      text: ", f);
				excerpt(f, x->source, x->start, x->end, x->n_tuids <= 1, color);
			}
		}
		putc('\n', f);
	}
	fprintf(f, "%s%zu finding%s%s (%zu error%s, %zu warning%s, %zu info) in %zu unit%s", color ? C_BOLD : "", total,
	        total == 1 ? "" : "s", color ? C_RESET : "", by_sev[3], by_sev[3] == 1 ? "" : "s", by_sev[2],
	        by_sev[2] == 1 ? "" : "s", by_sev[1], ck->units, ck->units == 1 ? "" : "s");
	if (ck->suppressed)
		fprintf(f, "; %zu suppressed by ignore lists", ck->suppressed);
	fputs("\n", f);
}

/* ---- JSON ---- */

static void jstr(FILE *f, const char *s)
{
	if (!s)
		fputs("null", f);
	else
		termin_json_write_string(f, s, strlen(s));
}

/* A part of the JSON report's findings: findings [from, to), each
 * written as ",\n  {...}", but for the report's first ("\n  {...}"). */
typedef struct {
	const termin_checker *ck;
	const termin_report_opts *o;
	size_t from, to;
	int first;                  /* the report's first finding may be here */
	FILE *f;                    /* where: the report, or a memory stream */
	char *buf;                  /* the memory stream's bytes */
	size_t len;
	size_t by_sev[4], by_check[CK_COUNT], n;
} json_part;

static void *json_findings(void *arg)
{
	json_part *p = arg;
	const termin_checker *ck = p->ck;
	FILE *f = p->f;
	/* one lock for the part: a dozen stdio calls a finding */
	flockfile(f);
	for (size_t i = p->from; i < p->to; i++) {
		const termin_finding *x = &ck->f[i].pub;
		if (!shown(x, p->o))
			continue;
		p->by_sev[x->severity]++;
		p->by_check[ck->f[i].check]++;
		fputs(p->first && p->n == 0 ? "\n  {\"check\": " : ",\n  {\"check\": ", f);
		p->n++;
		jstr(f, x->check);
		fputs(", \"severity\": ", f);
		jstr(f, termin_severity_name(x->severity));
		fputs(", \"tuid\": ", f);
		jstr(f, x->tuid);
		fputs(", \"tuids\": [", f);
		for (size_t k = 0; k < x->n_tuids; k++) {
			if (k)
				fputs(", ", f);
			jstr(f, x->tuids[k]);
		}
		fputs("], \"file\": ", f);
		jstr(f, x->file);
		fprintf(f, ", \"line\": %zu, \"source\": ", x->line);
		jstr(f, x->source);
		fputs(", \"target\": ", f);
		jstr(f, x->target);
		fputs(", \"match\": ", f);
		jstr(f, x->match);
		fputs(", \"message\": ", f);
		jstr(f, x->message);
		fputs(", \"suggestion\": ", f);
		jstr(f, x->suggestion);
		fputs("}", f);
	}
	funlockfile(f);
	return NULL;
}

/* Findings per part below which the report is written on one thread. */
enum { JSON_PART_MIN = 4096 };

static void report_json(const termin_checker *ck, FILE *f, const termin_report_opts *o)
{
	size_t by_sev[4] = { 0 }, by_check[CK_COUNT] = { 0 }, n = 0;
	json_part parts[8];
	pthread_t th[8];
	int started[8] = { 0 };
	size_t np = (size_t)termin__check_threads(ck);
	if (np > 8)
		np = 8;
	if (np > ck->nf / JSON_PART_MIN)
		np = ck->nf / JSON_PART_MIN;
	if (np < 1)
		np = 1;
	/* A long report is formatted in parts: the first on this thread
	 * straight into the report, each other one on a thread of its own
	 * into memory, written after the ones before it. The same bytes as
	 * one pass. */
	for (size_t k = 0; k < np; k++) {
		json_part *p = &parts[k];
		memset(p, 0, sizeof *p);
		p->ck = ck;
		p->o = o;
		p->from = ck->nf * k / np;
		p->to = ck->nf * (k + 1) / np;
		p->f = k == 0 ? f : open_memstream(&p->buf, &p->len);
		started[k] = k > 0 && p->f && pthread_create(&th[k], NULL, json_findings, p) == 0;
	}
	fputs("{\"findings\": [", f);
	for (size_t k = 0; k < np; k++) {
		json_part *p = &parts[k];
		if (started[k]) {
			pthread_join(th[k], NULL);
			fclose(p->f);
			/* no comma before the report's first finding */
			size_t skip = n == 0 && p->len ? 1 : 0;
			fwrite(p->buf + skip, 1, p->len - skip, f);
		} else {
			if (p->f && p->f != f)
				fclose(p->f);
			p->f = f;
			p->first = n == 0;
			json_findings(p);
		}
		free(p->buf);
		n += p->n;
		for (int s2 = 0; s2 < 4; s2++)
			by_sev[s2] += p->by_sev[s2];
		for (size_t c = 0; c < CK_COUNT; c++)
			by_check[c] += p->by_check[c];
	}
	fprintf(f, "%s],\n \"summary\": {\"units\": %zu, \"findings\": %zu, \"errors\": %zu, \"warnings\": %zu, "
	           "\"info\": %zu, \"suppressed\": %zu, \"checks\": {",
	        n ? "\n" : "", ck->units, n, by_sev[3], by_sev[2], by_sev[1], ck->suppressed);
	for (size_t c = 0, k = 0; c < CK_COUNT; c++) {
		if (ck->sev[c] == TERMIN_SEVERITY_OFF)
			continue;
		fprintf(f, "%s\"%s\": %zu", k++ ? ", " : "", termin_check_id(c), by_check[c]);
	}
	fputs("}}}\n", f);
}

/* ---- JUnit ---- */

/* XML text with the five escapes; characters XML 1.0 cannot hold (C0
 * controls but tab and newline) become spaces. */
void termin__xml_escape(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			putc(c < ' ' && c != '\n' && c != '\t' ? ' ' : c, f);
		}
	}
}

static void report_junit(const termin_checker *ck, FILE *f, const termin_report_opts *o)
{
	size_t tests = 0, failures = 0;
	for (size_t c = 0; c < CK_COUNT; c++) {
		if (ck->sev[c] == TERMIN_SEVERITY_OFF)
			continue;
		size_t n = 0;
		for (size_t i = 0; i < ck->nf; i++)
			if (ck->f[i].check == c && shown(&ck->f[i].pub, o)) {
				n++;
				failures += ck->f[i].pub.severity >= TERMIN_SEVERITY_WARNING;
			}
		tests += n ? n : 1;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"", f);
	termin__xml_escape(f, o->title ? o->title : "termin check");
	fprintf(f, "\" tests=\"%zu\" failures=\"%zu\">\n", tests, failures);
	for (size_t c = 0; c < CK_COUNT; c++) {
		if (ck->sev[c] == TERMIN_SEVERITY_OFF)
			continue;
		size_t n = 0, fl = 0;
		for (size_t i = 0; i < ck->nf; i++)
			if (ck->f[i].check == c && shown(&ck->f[i].pub, o)) {
				n++;
				fl += ck->f[i].pub.severity >= TERMIN_SEVERITY_WARNING;
			}
		fprintf(f, "  <testsuite name=\"%s\" tests=\"%zu\" failures=\"%zu\">\n", termin_check_id(c), n ? n : 1, fl);
		if (!n)
			fprintf(f, "    <testcase classname=\"%s\" name=\"no findings\"/>\n", termin_check_id(c));
		for (size_t i = 0; i < ck->nf; i++) {
			const termin_finding *x = &ck->f[i].pub;
			if (ck->f[i].check != c || !shown(x, o))
				continue;
			fprintf(f, "    <testcase classname=\"%s\" name=\"", termin_check_id(c));
			termin__xml_escape(f, *x->file ? x->file : "-");
			fprintf(f, ":%zu", x->line);
			if (x->tuid) {
				fputs(" ", f);
				termin__xml_escape(f, x->tuid);
			}
			fputs("\">\n", f);
			if (x->severity >= TERMIN_SEVERITY_WARNING) {
				fprintf(f, "      <failure type=\"%s\" message=\"", termin_severity_name(x->severity));
				termin__xml_escape(f, x->message);
				fputs("\">", f);
			} else {
				fputs("      <system-out>", f);
				termin__xml_escape(f, x->message);
				fputs("\n", f);
			}
			fputs("source: ", f);
			termin__xml_escape(f, x->source);
			if (x->target) {
				fputs("\ntarget: ", f);
				termin__xml_escape(f, x->target);
			}
			fputs(x->severity >= TERMIN_SEVERITY_WARNING ? "</failure>\n" : "</system-out>\n", f);
			fputs("    </testcase>\n", f);
		}
		fputs("  </testsuite>\n", f);
	}
	fputs("</testsuites>\n", f);
}

/* ---- ignore lines ---- */

static void report_ignore(const termin_checker *ck, FILE *f, const termin_report_opts *o)
{
	fputs("# termin check ignore list: CHECK UNIT-ID, CHECK #HASH or CHECK text:WORD\n", f);
	for (size_t i = 0; i < ck->nf; i++) {
		const termin_finding *x = &ck->f[i].pub;
		if (!shown(x, o))
			continue;
		if (x->tuid)
			fprintf(f, "%s %s", x->check, x->tuid);
		else
			fprintf(f, "%s #%016llx", x->check, (unsigned long long)x->hash);
		fputs("  # ", f);
		for (const char *p = x->message; *p; p++)
			putc(*p == '\n' ? ' ' : *p, f);
		putc('\n', f);
	}
}

int termin_check_report(const termin_checker *ck, FILE *f, const termin_report_opts *opts)
{
	termin_report_opts def = TERMIN_REPORT_OPTS_INIT;
	const termin_report_opts *o = opts ? opts : &def;
	switch (o->format) {
	case TERMIN_REPORT_JSON: report_json(ck, f, o); break;
	case TERMIN_REPORT_JUNIT: report_junit(ck, f, o); break;
	case TERMIN_REPORT_HTML:
		termin__check_report_html(ck, f, o);
		break;
	case TERMIN_REPORT_IGNORE: report_ignore(ck, f, o); break;
	default: report_text(ck, f, o); break;
	}
	if (fflush(f) != 0 || ferror(f))
		return termin__error_errno(TERMIN_EIO, errno, "cannot write the report");
	return 0;
}
