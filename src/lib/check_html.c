/*
 * check_html.c - the HTML report of termin check: one self-contained page
 * (inline CSS and a few lines of script, nothing fetched) with a summary
 * table, the findings grouped by check, source and target side by side
 * with the problem highlighted, and filtering by check and severity.
 */
#include "check_internal.h"

#include <string.h>

void termin__xml_escape(FILE *f, const char *s);

static void esc_n(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			putc(c < ' ' && c != '\n' && c != '\t' ? ' ' : c, f);
		}
	}
}

/* A side's text with [start, end) in a <mark>. */
static void marked(FILE *f, const char *s, size_t start, size_t end, int hl)
{
	size_t len = strlen(s);
	if (!hl || start >= end || end > len) {
		esc_n(f, s, len);
		return;
	}
	esc_n(f, s, start);
	fputs("<mark>", f);
	esc_n(f, s + start, end - start);
	fputs("</mark>", f);
	esc_n(f, s + end, len - end);
}

static const char css[] =
	"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0;color:#1d2330;background:#f5f6f8}"
	"header{background:#1f3a5f;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}"
	"header p{margin:4px 0 0;opacity:.85}main{padding:16px 24px;max-width:1400px}"
	"table.sum{border-collapse:collapse;background:#fff;margin:8px 0 16px;box-shadow:0 1px 2px #0002}"
	"table.sum th,table.sum td{padding:5px 12px;border-bottom:1px solid #e3e6ea;text-align:left}"
	"table.sum td.n{text-align:right;font-variant-numeric:tabular-nums}"
	".filters{margin:8px 0 16px;display:flex;flex-wrap:wrap;gap:6px 14px}.filters label{cursor:pointer}"
	"section{margin:0 0 22px}section h2{font-size:16px;margin:0 0 6px}section h2 small{font-weight:normal;color:#5b6475}"
	".f{background:#fff;border-left:4px solid #999;margin:0 0 8px;padding:6px 10px;box-shadow:0 1px 2px #0002}"
	".f.error{border-color:#c62828}.f.warning{border-color:#ef8f00}.f.info{border-color:#2a7ab0}"
	".meta{color:#5b6475;font-size:12px}.sev{font-weight:600;text-transform:uppercase;font-size:11px}"
	".error .sev{color:#c62828}.warning .sev{color:#b86e00}.info .sev{color:#2a7ab0}"
	".msg{margin:2px 0 4px}.sugg{color:#1b6e20}"
	".pair{display:grid;grid-template-columns:1fr 1fr;gap:10px}.pair div{background:#fafbfc;padding:4px 8px;border:1px solid #e6e8eb;white-space:pre-wrap}"
	".pair .lbl{display:block;font-size:11px;color:#8a93a3;text-transform:uppercase}"
	"mark{background:#ffd54f;color:#000;padding:0 1px;border-radius:2px;outline:1px solid #e0a800}"
	".hidden{display:none}.sev-error{color:#c62828}.sev-warning{color:#b86e00}.sev-info{color:#2a7ab0}";

static const char script[] =
	"function upd(){var on={},sv={};"
	"document.querySelectorAll('input[data-check]').forEach(function(c){on[c.dataset.check]=c.checked});"
	"document.querySelectorAll('input[data-sev]').forEach(function(c){sv[c.dataset.sev]=c.checked});"
	"document.querySelectorAll('.f').forEach(function(e){e.classList.toggle('hidden',!(on[e.dataset.check]&&sv[e.dataset.sev]))});"
	"document.querySelectorAll('section').forEach(function(s){var v=s.querySelectorAll('.f:not(.hidden)').length;"
	"s.classList.toggle('hidden',v==0)})}"
	"document.querySelectorAll('.filters input').forEach(function(c){c.addEventListener('change',upd)});";

int termin__check_report_html(const termin_checker *ck, FILE *f, const termin_report_opts *o)
{
	size_t by_check[CK_COUNT][4];
	size_t by_sev[4] = { 0 }, total = 0;
	memset(by_check, 0, sizeof by_check);
	for (size_t i = 0; i < ck->nf; i++) {
		const termin_finding *x = &ck->f[i].pub;
		if (x->severity < o->min_severity)
			continue;
		by_check[ck->f[i].check][x->severity]++;
		by_sev[x->severity]++;
		total++;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", f);
	termin__xml_escape(f, o->title ? o->title : "termin check report");
	fprintf(f, "</title>\n<style>%s</style></head>\n<body>\n<header><h1>", css);
	termin__xml_escape(f, o->title ? o->title : "termin check report");
	fprintf(f, "</h1><p>%zu findings: %zu errors, %zu warnings, %zu info &middot; %zu units checked", total, by_sev[3],
	        by_sev[2], by_sev[1], ck->units);
	if (ck->suppressed)
		fprintf(f, " &middot; %zu suppressed by ignore lists", ck->suppressed);
	fputs("</p></header>\n<main>\n", f);

	/* summary */
	fputs("<table class=\"sum\" id=\"summary\"><tr><th>check</th><th>errors</th><th>warnings</th><th>info</th>"
	      "<th>what it looks for</th></tr>\n", f);
	for (size_t c = 0; c < CK_COUNT; c++) {
		size_t n = by_check[c][1] + by_check[c][2] + by_check[c][3];
		if (!n)
			continue;
		fprintf(f, "<tr><td><a href=\"#%s\">%s</a></td><td class=\"n sev-error\">%zu</td>"
		           "<td class=\"n sev-warning\">%zu</td><td class=\"n sev-info\">%zu</td><td>",
		        termin_check_id(c), termin_check_id(c), by_check[c][3], by_check[c][2], by_check[c][1]);
		termin__xml_escape(f, termin_check_describe(termin_check_id(c)));
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);

	/* filters */
	fputs("<div class=\"filters\"><strong>show:</strong>", f);
	for (size_t c = 0; c < CK_COUNT; c++) {
		size_t n = by_check[c][1] + by_check[c][2] + by_check[c][3];
		if (n)
			fprintf(f, "<label><input type=\"checkbox\" checked data-check=\"%s\"> %s (%zu)</label>",
			        termin_check_id(c), termin_check_id(c), n);
	}
	fputs(" <strong>severity:</strong>", f);
	for (int s = 3; s >= 1; s--)
		fprintf(f, "<label><input type=\"checkbox\" checked data-sev=\"%s\"> %s</label>",
		        termin_severity_name((termin_severity)s), termin_severity_name((termin_severity)s));
	fputs("</div>\n", f);

	for (size_t c = 0; c < CK_COUNT; c++) {
		size_t n = by_check[c][1] + by_check[c][2] + by_check[c][3];
		if (!n)
			continue;
		fprintf(f, "<section id=\"%s\"><h2>%s <small>%zu &middot; ", termin_check_id(c), termin_check_id(c), n);
		termin__xml_escape(f, termin_check_describe(termin_check_id(c)));
		fputs("</small></h2>\n", f);
		for (size_t i = 0; i < ck->nf; i++) {
			const termin_finding *x = &ck->f[i].pub;
			if (ck->f[i].check != c || x->severity < o->min_severity)
				continue;
			const char *sev = termin_severity_name(x->severity);
			fprintf(f, "<div class=\"f %s\" data-check=\"%s\" data-sev=\"%s\"><div class=\"meta\">"
			           "<span class=\"sev\">%s</span> &middot; ", sev, x->check, sev, sev);
			termin__xml_escape(f, *x->file ? x->file : "-");
			fprintf(f, ":%zu", x->line);
			if (x->n_tuids) {
				fputs(" &middot; ", f);
				for (size_t k = 0; k < x->n_tuids; k++) {
					if (k)
						fputs(", ", f);
					termin__xml_escape(f, x->tuids[k]);
				}
			}
			fputs("</div><div class=\"msg\">", f);
			termin__xml_escape(f, x->message);
			if (x->suggestion && *x->suggestion) {
				fputs(" <span class=\"sugg\">&rarr; ", f);
				termin__xml_escape(f, x->suggestion);
				fputs("</span>", f);
			}
			fputs("</div>", f);
			int hl = x->n_tuids <= 1;
			if (x->target) {
				fputs("<div class=\"pair\"><div><span class=\"lbl\">source</span>", f);
				marked(f, x->source, x->start, x->end, hl && x->side == 0);
				fputs("</div><div><span class=\"lbl\">target</span>", f);
				marked(f, x->target, x->start, x->end, hl && x->side == 1);
				fputs("</div></div>", f);
			} else {
				fputs("<div class=\"pair\" style=\"grid-template-columns:1fr\"><div><span class=\"lbl\">text</span>", f);
				marked(f, x->source, x->start, x->end, hl);
				fputs("</div></div>", f);
			}
			fputs("</div>\n", f);
		}
		fputs("</section>\n", f);
	}
	if (!total)
		fputs("<p>No findings.</p>\n", f);
	fprintf(f, "</main>\n<script>%s</script>\n</body></html>\n", script);
	return 0;
}
