/*
 * xliff_write.c - streaming XLIFF 1.2 writer (pre-translated jobs) on
 * libxml2's xmlTextWriter.
 */
#include "util.h"
#include "termin/xliff.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

struct termin_xliff_writer {
	xmlTextWriterPtr w;
	xmlOutputBufferPtr out;
	char *path;
	int in_file;
	termin_buf text;
};

static int fail(termin_xliff_writer *w)
{
	return termin__error_set(TERMIN_EIO, "%s: cannot write XLIFF", w->path);
}

#define CHECK(w, expr) do { if ((expr) < 0) return fail(w); } while (0)

/* XML 1.0 cannot hold most control characters: they are dropped. */
static const xmlChar *xml_text(termin_xliff_writer *w, const char *s, size_t len)
{
	termin_buf_clear(&w->text);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			continue;
		termin_buf_putc(&w->text, (char)c);
	}
	termin_buf_putc(&w->text, '\0');
	return BAD_CAST w->text.ptr;
}

int termin_xliff_writer_open(termin_xliff_writer **out, termin_outfile *f)
{
	termin_xliff_writer *w = termin__xcalloc(1, sizeof *w);
	*out = NULL;
	w->path = termin__xstrdup(termin_outfile_path(f));
	w->out = xmlOutputBufferCreateFile(termin_outfile_stream(f), NULL);
	if (!w->out || !(w->w = xmlNewTextWriter(w->out))) {
		if (w->out)
			xmlOutputBufferClose(w->out);
		w->out = NULL;
		int rc = fail(w);
		termin_xliff_writer_free(w);
		return rc;
	}
	if (xmlTextWriterWriteRaw(w->w, BAD_CAST "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") < 0 ||
	    xmlTextWriterStartElement(w->w, BAD_CAST "xliff") < 0 ||
	    xmlTextWriterWriteAttribute(w->w, BAD_CAST "version", BAD_CAST "1.2") < 0 ||
	    xmlTextWriterWriteAttribute(w->w, BAD_CAST "xmlns",
	                                BAD_CAST "urn:oasis:names:tc:xliff:document:1.2") < 0) {
		int rc = fail(w);
		termin_xliff_writer_free(w);
		return rc;
	}
	*out = w;
	return 0;
}

int termin_xliff_writer_begin_file(termin_xliff_writer *w, const char *original,
                                   const char *srclang, const char *tgtlang)
{
	CHECK(w, xmlTextWriterWriteRaw(w->w, BAD_CAST "\n  "));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "file"));
	CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "original",
	                                     xml_text(w, original, strlen(original))));
	CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "source-language", BAD_CAST srclang));
	if (tgtlang)
		CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "target-language", BAD_CAST tgtlang));
	CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "datatype", BAD_CAST "plaintext"));
	CHECK(w, xmlTextWriterWriteRaw(w->w, BAD_CAST "\n    "));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "header"));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "tool"));
	CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "tool-id", BAD_CAST "termin"));
	CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "tool-name", BAD_CAST "termin"));
	CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "tool-version", BAD_CAST TERMIN_VERSION));
	CHECK(w, xmlTextWriterEndElement(w->w));
	CHECK(w, xmlTextWriterEndElement(w->w));
	CHECK(w, xmlTextWriterWriteRaw(w->w, BAD_CAST "\n    "));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "body"));
	w->in_file = 1;
	return 0;
}

static int element(termin_xliff_writer *w, const char *name, const char *text, size_t len)
{
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST name));
	CHECK(w, xmlTextWriterWriteString(w->w, xml_text(w, text, len)));
	CHECK(w, xmlTextWriterEndElement(w->w));
	return 0;
}

int termin_xliff_writer_unit(termin_xliff_writer *w, const char *id, const char *source,
                             size_t source_len, const termin_xliff_match *m)
{
	char q[16];
	int rc;
	CHECK(w, xmlTextWriterWriteRaw(w->w, BAD_CAST "\n      "));
	CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "trans-unit"));
	CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "id", BAD_CAST id));
	CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "xml:space", BAD_CAST "preserve"));
	CHECK(w, xmlTextWriterWriteRaw(w->w, BAD_CAST "\n        "));
	if ((rc = element(w, "source", source, source_len)) < 0)
		return rc;
	if (m) {
		CHECK(w, xmlTextWriterWriteRaw(w->w, BAD_CAST "\n        "));
		CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "target"));
		CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "state",
		                                     BAD_CAST(m->score > 100 ? "translated"
		                                                             : "needs-review-translation")));
		CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "state-qualifier",
		                                     BAD_CAST(m->score >= 100 ? "exact-match" : "fuzzy-match")));
		CHECK(w, xmlTextWriterWriteString(w->w, xml_text(w, m->target, m->target_len)));
		CHECK(w, xmlTextWriterEndElement(w->w));
		CHECK(w, xmlTextWriterWriteRaw(w->w, BAD_CAST "\n        "));
		CHECK(w, xmlTextWriterStartElement(w->w, BAD_CAST "alt-trans"));
		snprintf(q, sizeof q, "%d", m->score);
		CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "match-quality", BAD_CAST q));
		if (m->origin)
			CHECK(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST "origin",
			                                     xml_text(w, m->origin, strlen(m->origin))));
		if ((rc = element(w, "source", m->tm_source, m->tm_source_len)) < 0 ||
		    (rc = element(w, "target", m->target, m->target_len)) < 0)
			return rc;
		CHECK(w, xmlTextWriterEndElement(w->w));
	}
	CHECK(w, xmlTextWriterWriteRaw(w->w, BAD_CAST "\n      "));
	CHECK(w, xmlTextWriterEndElement(w->w));
	return 0;
}

int termin_xliff_writer_end_file(termin_xliff_writer *w)
{
	CHECK(w, xmlTextWriterWriteRaw(w->w, BAD_CAST "\n    "));
	CHECK(w, xmlTextWriterEndElement(w->w)); /* body */
	CHECK(w, xmlTextWriterWriteRaw(w->w, BAD_CAST "\n  "));
	CHECK(w, xmlTextWriterEndElement(w->w)); /* file */
	w->in_file = 0;
	return 0;
}

int termin_xliff_writer_close(termin_xliff_writer *w)
{
	int rc = 0;
	if (w->in_file && (rc = termin_xliff_writer_end_file(w)) < 0)
		goto done;
	if (xmlTextWriterWriteRaw(w->w, BAD_CAST "\n") < 0 || xmlTextWriterEndElement(w->w) < 0 ||
	    xmlTextWriterWriteRaw(w->w, BAD_CAST "\n") < 0 || xmlTextWriterFlush(w->w) < 0)
		rc = fail(w);
done:
	termin_xliff_writer_free(w);
	return rc;
}

void termin_xliff_writer_free(termin_xliff_writer *w)
{
	if (!w)
		return;
	if (w->w)
		xmlFreeTextWriter(w->w); /* closes the output buffer, not the FILE */
	else if (w->out)
		xmlOutputBufferClose(w->out);
	free(w->path);
	termin_buf_free(&w->text);
	free(w);
}
