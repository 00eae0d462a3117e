/*
 * tmx_write.c - streaming TMX 1.4b writer on libxml2's xmlTextWriter.
 *
 * Indentation is written by hand between structural elements only, so no
 * white space is ever added inside <seg>. The element order follows the
 * DTD: <tu> holds (note|prop)* then tuv+; <tuv> holds (note|prop)* then seg.
 */
#include "util.h"
#include "termin/tmx.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/xmlwriter.h>

enum state { S_BODY, S_TU, S_TUV };

struct termin_tmx_writer {
	xmlTextWriterPtr w;
	xmlOutputBufferPtr out;
	FILE *f;
	enum state st;
	int failed;
	char *path;
	char *srclang;  /* the header's, to tell units that differ */
};

static int fail(termin_tmx_writer *w)
{
	w->failed = 1;
	return termin__error_set(TERMIN_EIO, "%s: cannot write TMX", w->path);
}

#define CHECK(w, expr) do { if ((expr) < 0) return fail(w); } while (0)

void termin_tmx_date(char buf[17], int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, 17, "%Y%m%dT%H%M%SZ", &tm);
}

int64_t termin_tmx_now(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e && *e) {
		char *end;
		long long v = strtoll(e, &end, 10);
		if (*end == '\0' && v >= 0)
			return v;
	}
	return (int64_t)time(NULL);
}

static int raw(termin_tmx_writer *w, const char *s)
{
	return xmlTextWriterWriteRaw(w->w, BAD_CAST s);
}

static int attr(termin_tmx_writer *w, const char *name, const char *value)
{
	return xmlTextWriterWriteAttribute(w->w, BAD_CAST name, BAD_CAST value);
}

/* Writes the header's props and notes. */
static int header_meta(termin_tmx_writer *w, const termin_tmx_header *h)
{
	for (size_t i = 0; i < h->n_meta; i++) {
		const termin_tmx_meta *m = &h->meta[i];
		if (raw(w, "\n    ") < 0 || xmlTextWriterStartElement(w->w, BAD_CAST(m->is_note ? "note" : "prop")) < 0 ||
		    (!m->is_note && attr(w, "type", m->type ? m->type : "") < 0) ||
		    (m->lang && attr(w, "xml:lang", m->lang) < 0) ||
		    xmlTextWriterWriteString(w->w, BAD_CAST(m->text ? m->text : "")) < 0 ||
		    xmlTextWriterEndElement(w->w) < 0)
			return -1;
	}
	if (h->n_meta && raw(w, "\n  ") < 0)
		return -1;
	return 0;
}

int termin_tmx_writer_open(termin_tmx_writer **out, termin_outfile *f, const termin_tmx_header *h)
{
	static const termin_tmx_header defaults = TERMIN_TMX_HEADER_INIT;
	termin_tmx_writer *w = termin__xcalloc(1, sizeof *w);
	xmlCharEncodingHandlerPtr enc = NULL;
	char date[17];

	*out = NULL;
	if (!h)
		h = &defaults;
	w->f = termin_outfile_stream(f);
	w->path = termin__xstrdup(termin_outfile_path(f));
	if (h->utf16) {
		/* UTF-16LE with a byte-order mark, and a declaration saying UTF-16:
		 * libxml2's "UTF-16LE" converter writes no mark, so we do. */
		enc = xmlFindCharEncodingHandler("UTF-16LE");
		if (!enc || fwrite("\xFF\xFE", 1, 2, w->f) != 2) {
			free(w->path);
			free(w);
			return termin__error_set(TERMIN_EIO, "%s: cannot write TMX", termin_outfile_path(f));
		}
	}
	w->out = xmlOutputBufferCreateFile(w->f, enc);
	if (!w->out) {
		termin_tmx_writer_free(w);
		return termin__error_set(TERMIN_EIO, "cannot create XML output");
	}
	w->w = xmlNewTextWriter(w->out);
	if (!w->w) {
		xmlOutputBufferClose(w->out);
		w->out = NULL;
		termin_tmx_writer_free(w);
		return termin__error_set(TERMIN_EIO, "cannot create XML writer");
	}
	if (h->creationdate)
		snprintf(date, sizeof date, "%s", h->creationdate);
	else
		termin_tmx_date(date, termin_tmx_now());

	/* The declaration is written by hand: xmlTextWriterStartDocument would
	 * replace our converter with its own (for "UTF-16", one that writes a
	 * second byte-order mark; for NULL, none at all). */
	if (raw(w, h->utf16 ? "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
	                    : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") < 0 ||
	    xmlTextWriterWriteDTD(w->w, BAD_CAST "tmx", NULL, BAD_CAST "tmx14.dtd", NULL) < 0 ||
	    raw(w, "\n") < 0 ||
	    xmlTextWriterStartElement(w->w, BAD_CAST "tmx") < 0 ||
	    attr(w, "version", "1.4") < 0 ||
	    raw(w, "\n  ") < 0 ||
	    xmlTextWriterStartElement(w->w, BAD_CAST "header") < 0 ||
	    attr(w, "creationtool", "termin") < 0 ||
	    attr(w, "creationtoolversion", TERMIN_VERSION) < 0 ||
	    attr(w, "segtype", h->segtype ? h->segtype : "sentence") < 0 ||
	    attr(w, "o-tmf", h->o_tmf ? h->o_tmf : "termin") < 0 ||
	    attr(w, "adminlang", h->adminlang ? h->adminlang : "en") < 0 ||
	    attr(w, "srclang", h->srclang ? h->srclang : "en") < 0 ||
	    attr(w, "datatype", h->datatype ? h->datatype : "plaintext") < 0 ||
	    attr(w, "creationdate", date) < 0 ||
	    header_meta(w, h) < 0 ||
	    xmlTextWriterEndElement(w->w) < 0 ||
	    raw(w, "\n  ") < 0 ||
	    xmlTextWriterStartElement(w->w, BAD_CAST "body") < 0)
		goto fail;
	w->st = S_BODY;
	w->srclang = termin__xstrdup(h->srclang ? h->srclang : "en");
	*out = w;
	return 0;
fail:;
	int rc = fail(w);
	termin_tmx_writer_free(w);
	return rc;
}

int termin_tmx_writer_begin_tu(termin_tmx_writer *w, const char *tuid, const char *creationdate)
{
	CHECK(w, raw(w, "\n    "));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "tu"));
	if (tuid)
		CHECK(w, attr(w, "tuid", tuid));
	if (creationdate)
		CHECK(w, attr(w, "creationdate", creationdate));
	w->st = S_TU;
	return 0;
}

static const char *indent(const termin_tmx_writer *w)
{
	return w->st == S_TUV ? "\n        " : "\n      ";
}

int termin_tmx_writer_prop(termin_tmx_writer *w, const char *type, const char *value)
{
	CHECK(w, raw(w, indent(w)));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "prop"));
	CHECK(w, attr(w, "type", type));
	CHECK(w, xmlTextWriterWriteString(w->w, BAD_CAST value));
	CHECK(w, xmlTextWriterEndElement(w->w));
	return 0;
}

int termin_tmx_writer_note(termin_tmx_writer *w, const char *text)
{
	CHECK(w, raw(w, indent(w)));
	CHECK(w, xmlTextWriterWriteElement(w->w, BAD_CAST "note", BAD_CAST text));
	return 0;
}

int termin_tmx_writer_meta(termin_tmx_writer *w, const termin_tmx_meta *m)
{
	CHECK(w, raw(w, indent(w)));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST(m->is_note ? "note" : "prop")));
	if (!m->is_note)
		CHECK(w, attr(w, "type", m->type ? m->type : ""));
	if (m->lang)
		CHECK(w, attr(w, "xml:lang", m->lang));
	CHECK(w, xmlTextWriterWriteString(w->w, BAD_CAST(m->text ? m->text : "")));
	CHECK(w, xmlTextWriterEndElement(w->w));
	return 0;
}

/* Writes the attributes of a stamp, in a fixed order. */
static int stamp_attrs(termin_tmx_writer *w, const termin_tmx_stamp *s)
{
	char buf[32];
	if (s->created != TERMIN_NODATE) {
		termin_tmx_date(buf, s->created);
		CHECK(w, attr(w, "creationdate", buf));
	}
	if (s->created_by)
		CHECK(w, attr(w, "creationid", s->created_by));
	if (s->changed != TERMIN_NODATE) {
		termin_tmx_date(buf, s->changed);
		CHECK(w, attr(w, "changedate", buf));
	}
	if (s->changed_by)
		CHECK(w, attr(w, "changeid", s->changed_by));
	if (s->usage > 0) {
		snprintf(buf, sizeof buf, "%ld", s->usage);
		CHECK(w, attr(w, "usagecount", buf));
	}
	if (s->last_used != TERMIN_NODATE) {
		termin_tmx_date(buf, s->last_used);
		CHECK(w, attr(w, "lastusagedate", buf));
	}
	/* "name\x1fvalue" pairs joined by "\x1e" */
	for (const char *p = s->attrs; p && *p;) {
		const char *us = strchr(p, '\x1f');
		const char *rs = strchr(p, '\x1e');
		if (!us || (rs && rs < us))
			break;
		size_t vlen = rs ? (size_t)(rs - us - 1) : strlen(us + 1);
		char *name = termin__xstrndup(p, (size_t)(us - p));
		char *value = termin__xstrndup(us + 1, vlen);
		int rc = attr(w, name, value);
		free(name);
		free(value);
		if (rc < 0)
			return fail(w);
		p = rs ? rs + 1 : us + 1 + vlen;
	}
	return 0;
}

int termin_tmx_writer_unit(termin_tmx_writer *w, const termin_tmx_unit *u, const char *tuid)
{
	CHECK(w, raw(w, "\n    "));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "tu"));
	if (tuid || u->tuid)
		CHECK(w, attr(w, "tuid", tuid ? tuid : u->tuid));
	if (u->srclang && w->srclang && strcasecmp(u->srclang, w->srclang) != 0)
		CHECK(w, attr(w, "srclang", u->srclang));
	if (stamp_attrs(w, &u->stamp) < 0)
		return TERMIN_EIO;
	w->st = S_TU;
	for (size_t i = 0; i < u->n_meta; i++)
		if (termin_tmx_writer_meta(w, &u->meta[i]) < 0)
			return TERMIN_EIO;
	for (size_t v = 0; v < u->n_variants; v++) {
		const termin_tmx_variant *tv = &u->variants[v];
		CHECK(w, raw(w, "\n      "));
		CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "tuv"));
		CHECK(w, attr(w, "xml:lang", tv->lang));
		if (stamp_attrs(w, &tv->stamp) < 0)
			return TERMIN_EIO;
		w->st = S_TUV;
		for (size_t i = 0; i < tv->n_meta; i++)
			if (termin_tmx_writer_meta(w, &tv->meta[i]) < 0)
				return TERMIN_EIO;
		if (termin_tmx_writer_seg_markup(w, tv->markup, tv->markup_len) < 0)
			return TERMIN_EIO;
	}
	return termin_tmx_writer_end_tu(w);
}

int termin_tmx_writer_begin_tuv(termin_tmx_writer *w, const char *lang)
{
	CHECK(w, raw(w, "\n      "));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "tuv"));
	CHECK(w, attr(w, "xml:lang", lang));
	w->st = S_TUV;
	return 0;
}

static int end_seg(termin_tmx_writer *w)
{
	CHECK(w, xmlTextWriterEndElement(w->w)); /* seg */
	CHECK(w, raw(w, "\n      "));
	CHECK(w, xmlTextWriterEndElement(w->w)); /* tuv */
	w->st = S_TU;
	return 0;
}

int termin_tmx_writer_seg_text(termin_tmx_writer *w, const char *text, size_t len)
{
	char *copy = termin__xstrndup(text, len);
	int rc;
	CHECK(w, raw(w, "\n        "));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "seg"));
	rc = xmlTextWriterWriteString(w->w, BAD_CAST copy);
	free(copy);
	if (rc < 0)
		return fail(w);
	return end_seg(w);
}

int termin_tmx_writer_seg_markup(termin_tmx_writer *w, const char *xml, size_t len)
{
	char *copy = termin__xstrndup(xml, len);
	int rc;
	CHECK(w, raw(w, "\n        "));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "seg"));
	/* close the start tag before raw content */
	rc = xmlTextWriterWriteString(w->w, BAD_CAST "");
	if (rc >= 0)
		rc = raw(w, copy);
	free(copy);
	if (rc < 0)
		return fail(w);
	return end_seg(w);
}

int termin_tmx_writer_end_tu(termin_tmx_writer *w)
{
	CHECK(w, raw(w, "\n    "));
	CHECK(w, xmlTextWriterEndElement(w->w));
	w->st = S_BODY;
	return 0;
}

int termin_tmx_writer_close(termin_tmx_writer *w)
{
	int rc = 0;
	if (raw(w, "\n  ") < 0 || xmlTextWriterEndElement(w->w) < 0 || /* body */
	    raw(w, "\n") < 0 || xmlTextWriterEndElement(w->w) < 0 || /* tmx */
	    xmlTextWriterEndDocument(w->w) < 0 || xmlTextWriterFlush(w->w) < 0)
		rc = fail(w);
	termin_tmx_writer_free(w);
	return rc;
}

void termin_tmx_writer_free(termin_tmx_writer *w)
{
	if (!w)
		return;
	if (w->w)
		xmlFreeTextWriter(w->w); /* also closes w->out, not the FILE */
	else if (w->out)
		xmlOutputBufferClose(w->out);
	free(w->path);
	free(w->srclang);
	free(w);
}
