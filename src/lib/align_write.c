/*
 * align_write.c - an alignment as TMX units, TSV, JSON lines, or an HTML
 * page for reviewing it side by side.
 */
#include "align_internal.h"

#include <stdlib.h>
#include <string.h>

static const termin_align_write_opts defaults = TERMIN_ALIGN_WRITE_OPTS_INIT;

int termin_bead_accepted(const termin_bead *b, double min_confidence)
{
	return b->nsrc > 0 && b->ntgt > 0 && b->confidence >= min_confidence;
}

static const char *bead_type(const termin_bead *b)
{
	static const char *const names[3][3] = { { "0-0", "0-1", "0-2" },
	                                         { "1-0", "1-1", "1-2" },
	                                         { "2-0", "2-1", "2-2" } };
	return names[b->nsrc > 2 ? 2 : b->nsrc][b->ntgt > 2 ? 2 : b->ntgt];
}

void termin__align_side_text(const termin_alignment *a, const termin_bead *b, int side,
                             termin_buf *out)
{
	size_t first = side ? b->tgt : b->src, n = side ? b->ntgt : b->nsrc;
	termin_buf_clear(out);
	for (size_t k = 0; k < n; k++) {
		const termin_align_seg *s = &a->seg[side][first + k];
		if (k)
			termin_buf_putc(out, ' ');
		termin_buf_put(out, s->text, s->len);
	}
	if (!out->ptr)
		termin_buf_put(out, "", 0);
}

/* ---- TMX ---- */

int termin_alignment_write_tmx(const termin_alignment *a, termin_tmx_writer *w,
                               const termin_align_write_opts *opts)
{
	termin_buf t = TERMIN_BUF_INIT;
	char tuid[32], conf[16];
	int rc = 0;
	size_t id = 0;
	if (!opts)
		opts = &defaults;
	for (size_t k = 0; k < a->nbeads && rc == 0; k++) {
		const termin_bead *b = &a->beads[k];
		if (!termin_bead_accepted(b, opts->min_confidence))
			continue;
		snprintf(tuid, sizeof tuid, "%zu", ++id);
		snprintf(conf, sizeof conf, "%.3f", b->confidence);
		if ((rc = termin_tmx_writer_begin_tu(w, tuid, opts->creationdate)) < 0 ||
		    (rc = termin_tmx_writer_prop(w, "x-align-confidence", conf)) < 0 ||
		    (rc = termin_tmx_writer_prop(w, "x-align-bead", bead_type(b))) < 0)
			break;
		if (opts->src_name && (rc = termin_tmx_writer_prop(w, "x-document-src", opts->src_name)) < 0)
			break;
		if (opts->tgt_name && (rc = termin_tmx_writer_prop(w, "x-document-tgt", opts->tgt_name)) < 0)
			break;
		for (int side = 0; side < 2 && rc == 0; side++) {
			termin__align_side_text(a, b, side, &t);
			if ((rc = termin_tmx_writer_begin_tuv(w, a->lang[side])) < 0 ||
			    (rc = termin_tmx_writer_seg_text(w, t.ptr, t.len)) < 0)
				break;
		}
		if (rc == 0)
			rc = termin_tmx_writer_end_tu(w);
	}
	termin_buf_free(&t);
	return rc;
}

/* ---- TSV ---- */

static void put_cell(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		putc(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i], f);
}

int termin_alignment_write_tsv(const termin_alignment *a, FILE *f,
                               const termin_align_write_opts *opts)
{
	termin_buf t = TERMIN_BUF_INIT;
	if (!opts)
		opts = &defaults;
	for (size_t k = 0; k < a->nbeads; k++) {
		const termin_bead *b = &a->beads[k];
		if (!termin_bead_accepted(b, opts->min_confidence))
			continue;
		termin__align_side_text(a, b, 0, &t);
		put_cell(f, t.ptr, t.len);
		putc('\t', f);
		termin__align_side_text(a, b, 1, &t);
		put_cell(f, t.ptr, t.len);
		fprintf(f, "\t%.3f\n", b->confidence);
	}
	termin_buf_free(&t);
	return ferror(f) ? termin__error_set(TERMIN_EIO, "cannot write TSV") : 0;
}

/* ---- JSON lines ---- */

static void json_side(const termin_alignment *a, const termin_bead *b, int side, FILE *f)
{
	size_t first = side ? b->tgt : b->src, n = side ? b->ntgt : b->nsrc;
	putc('[', f);
	for (size_t k = 0; k < n; k++) {
		const termin_align_seg *s = &a->seg[side][first + k];
		if (k)
			putc(',', f);
		termin_json_write_string(f, s->text, s->len);
	}
	putc(']', f);
}

int termin_alignment_write_jsonl(const termin_alignment *a, FILE *f,
                                 const termin_align_write_opts *opts)
{
	if (!opts)
		opts = &defaults;
	for (size_t k = 0; k < a->nbeads; k++) {
		const termin_bead *b = &a->beads[k];
		fprintf(f, "{\"bead\":\"%s\",\"confidence\":%.4f,\"accepted\":%s,\"src\":", bead_type(b),
		        b->confidence, termin_bead_accepted(b, opts->min_confidence) ? "true" : "false");
		json_side(a, b, 0, f);
		fputs(",\"tgt\":", f);
		json_side(a, b, 1, f);
		if (b->nsrc)
			fprintf(f, ",\"src_paragraph\":%zu", a->seg[0][b->src].paragraph);
		else
			fputs(",\"src_paragraph\":null", f);
		if (b->ntgt)
			fprintf(f, ",\"tgt_paragraph\":%zu}\n", a->seg[1][b->tgt].paragraph);
		else
			fputs(",\"tgt_paragraph\":null}\n", f);
	}
	return ferror(f) ? termin__error_set(TERMIN_EIO, "cannot write JSON lines") : 0;
}

/* ---- HTML ---- */

static void html_text(FILE *f, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *e = NULL;
		switch (s[i]) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default: continue;
		}
		fwrite(s + run, 1, i - run, f);
		fputs(e, f);
		run = i + 1;
	}
	fwrite(s + run, 1, n - run, f);
}

static void html_str(FILE *f, const char *s)
{
	html_text(f, s, strlen(s));
}

/* Why a bead needs a reviewer's eye, or NULL. */
static const char *review_reason(const termin_bead *b, double min_conf)
{
	if (b->nsrc && !b->ntgt)
		return "omission";
	if (!b->nsrc && b->ntgt)
		return "addition";
	if (b->confidence < min_conf)
		return "doubtful";
	return NULL;
}

static void html_cell(FILE *f, const termin_alignment *a, const termin_bead *b, int side)
{
	size_t first = side ? b->tgt : b->src, n = side ? b->ntgt : b->nsrc;
	fputs("<td class=\"t\">", f);
	for (size_t k = 0; k < n; k++) {
		const termin_align_seg *s = &a->seg[side][first + k];
		fputs("<div class=\"s\">", f);
		html_text(f, s->text, s->len);
		fputs("</div>", f);
	}
	if (!n)
		fputs("<div class=\"none\">(nothing)</div>", f);
	fputs("</td>", f);
}

static const char css[] =
	"body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:90em;color:#222;padding:0 1em}\n"
	"h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}\n"
	"table{border-collapse:collapse;width:100%}\n"
	"td,th{vertical-align:top;padding:.35em .5em;border-bottom:1px solid #ddd;text-align:left}\n"
	"th{background:#f2f2f2;position:sticky;top:0}\n"
	"td.t{width:44%}td.n,td.c,td.b{white-space:nowrap;color:#555;font-size:.9em}\n"
	"div.s+div.s{border-top:1px dotted #bbb;margin-top:.3em;padding-top:.3em}\n"
	"div.none{color:#999;font-style:italic}\n"
	"tr.para td{border-top:2px solid #888}\n"
	"tr.omission{background:#fde2e2}tr.addition{background:#e2ecfd}tr.doubtful{background:#fff4cc}\n"
	"tr:target{outline:3px solid #e69500}\n"
	"dl.sum{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.sum dt{color:#555}\n"
	"ul.review li{margin:.2em 0}\n"
	"#only:checked~table tr.ok{display:none}\n"
	"label{font-size:.95em}\n";

int termin_alignment_write_html(const termin_alignment *a, FILE *f,
                                const termin_align_write_opts *opts)
{
	size_t count[3][3] = { { 0 } }, review = 0, accepted = 0;
	if (!opts)
		opts = &defaults;
	for (size_t k = 0; k < a->nbeads; k++) {
		const termin_bead *b = &a->beads[k];
		count[b->nsrc][b->ntgt]++;
		if (review_reason(b, opts->min_confidence))
			review++;
		if (termin_bead_accepted(b, opts->min_confidence))
			accepted++;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Alignment: ", f);
	html_str(f, opts->src_name ? opts->src_name : a->lang[0]);
	fputs(" \xE2\x86\x94 ", f);
	html_str(f, opts->tgt_name ? opts->tgt_name : a->lang[1]);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>Alignment: ", css);
	html_str(f, opts->src_name ? opts->src_name : a->lang[0]);
	fputs(" \xE2\x86\x94 ", f);
	html_str(f, opts->tgt_name ? opts->tgt_name : a->lang[1]);
	fputs("</h1>\n<dl class=\"sum\">\n", f);
	fprintf(f, "<dt>segments</dt><dd>%zu (%s), %zu (%s)</dd>\n", a->nseg[0], a->lang[0],
	        a->nseg[1], a->lang[1]);
	fprintf(f, "<dt>beads</dt><dd>%zu: %zu 1-1, %zu 2-1, %zu 1-2, %zu 2-2, %zu omissions (1-0), "
	           "%zu additions (0-1)</dd>\n",
	        a->nbeads, count[1][1], count[2][1], count[1][2], count[2][2], count[1][0], count[0][1]);
	fprintf(f, "<dt>accepted pairs</dt><dd>%zu (confidence at least %.2f)</dd>\n", accepted,
	        opts->min_confidence);
	fprintf(f, "<dt>for review</dt><dd>%zu</dd>\n", review);
	fprintf(f, "<dt>length ratio</dt><dd>%.3f %s characters per %s character "
	           "(variance %.2f per character)</dd>\n",
	        a->info.ratio, a->lang[1], a->lang[0], a->info.variance);
	if (a->info.para_agree >= 0)
		fprintf(f, "<dt>paragraphs</dt><dd>%.0f%% of %s paragraph ends fall on a %s "
		           "paragraph end</dd>\n",
		        100 * a->info.para_agree, a->lang[0], a->lang[1]);
	fputs("</dl>\n", f);

	if (review) {
		fputs("<h2>For review</h2>\n<ul class=\"review\">\n", f);
		for (size_t k = 0; k < a->nbeads; k++) {
			const termin_bead *b = &a->beads[k];
			const char *why = review_reason(b, opts->min_confidence);
			if (!why)
				continue;
			const termin_align_seg *s = b->nsrc ? &a->seg[0][b->src] : &a->seg[1][b->tgt];
			size_t n = s->len > 90 ? 90 : s->len;
			while (n < s->len && n > 0 && ((unsigned char)s->text[n] & 0xC0) == 0x80)
				n--; /* do not cut a UTF-8 sequence */
			fprintf(f, "<li><a href=\"#b%zu\">#%zu</a> %s (%s, confidence %.2f): ", k + 1, k + 1,
			        why, bead_type(b), b->confidence);
			html_text(f, s->text, n);
			if (n < s->len)
				fputs("\xE2\x80\xA6", f);
			fputs("</li>\n", f);
		}
		fputs("</ul>\n", f);
	}

	fputs("<h2>Side by side</h2>\n<input type=\"checkbox\" id=\"only\"> "
	      "<label for=\"only\">show only what needs review</label>\n<table>\n<thead><tr><th>#</th><th>", f);
	html_str(f, opts->src_name ? opts->src_name : a->lang[0]);
	fputs("</th><th>", f);
	html_str(f, opts->tgt_name ? opts->tgt_name : a->lang[1]);
	fputs("</th><th>bead</th><th>confidence</th></tr></thead>\n<tbody>\n", f);
	for (size_t k = 0; k < a->nbeads; k++) {
		const termin_bead *b = &a->beads[k];
		const char *why = review_reason(b, opts->min_confidence);
		int para = k > 0 && ((b->nsrc && b->src > 0 &&
		                      a->seg[0][b->src].paragraph != a->seg[0][b->src - 1].paragraph) ||
		                     (b->ntgt && b->tgt > 0 &&
		                      a->seg[1][b->tgt].paragraph != a->seg[1][b->tgt - 1].paragraph));
		fprintf(f, "<tr id=\"b%zu\" class=\"%s%s\"><td class=\"n\">%zu</td>", k + 1,
		        why ? why : "ok", para ? " para" : "", k + 1);
		html_cell(f, a, b, 0);
		html_cell(f, a, b, 1);
		fprintf(f, "<td class=\"b\">%s</td><td class=\"c\">%.2f</td></tr>\n", bead_type(b),
		        b->confidence);
	}
	fputs("</tbody>\n</table>\n</body>\n</html>\n", f);
	return ferror(f) ? termin__error_set(TERMIN_EIO, "cannot write HTML") : 0;
}
