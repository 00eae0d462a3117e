/*
 * xml_read.c - parsing untrusted XML files (see xml_internal.h).
 */
#include "xml_internal.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

/* What the SAX hooks saw: the first entity declaration and the first
 * error, if any. */
typedef struct {
	char name[128];
	long line;
	int seen;
	char error[512];
	int error_line;
} entity_guard;

/* Replaces libxml2's entity declaration handler: the first <!ENTITY> stops
 * the parser before the entity is stored, so nothing can be expanded or
 * fetched later. */
static void refuse_entity(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                          const xmlChar *system_id, xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;
	entity_guard *g = ctxt->_private;
	(void)type; (void)public_id; (void)system_id; (void)content;
	if (!g->seen) {
		g->seen = 1;
		g->line = xmlSAX2GetLineNumber(ctxt);
		snprintf(g->name, sizeof g->name, "%s", name ? (const char *)name : "?");
	}
	xmlStopParser(ctxt);
}

static void refuse_unparsed_entity(void *ctx, const xmlChar *name, const xmlChar *public_id,
                                   const xmlChar *system_id, const xmlChar *notation)
{
	(void)notation;
	refuse_entity(ctx, name, 0, public_id, system_id, NULL);
}

/* Keeps the first error: libxml2 goes on parsing after a fatal error, and
 * its last message ("Premature end of data") is often far from the cause. */
static void first_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	entity_guard *g = ctxt ? ctxt->_private : NULL;
	if (!g || !e || e->level < XML_ERR_ERROR || g->error[0])
		return;
	termin__xml_message(g->error, sizeof g->error, e);
	g->error_line = e->line;
}

void termin__xml_message(char *dst, size_t cap, const xmlError *e)
{
	const char *m = e && e->message && *e->message ? e->message : "parse error";
	const char *b;
	size_t n;

	if (strncmp(m, "Input is not proper UTF-8", 25) == 0) {
		/* "...indicate encoding !\nBytes: 0xCE 0xC4 0xCA 0xC1\n" */
		b = strstr(m, "Bytes: ");
		snprintf(dst, cap, "invalid UTF-8 (bytes %.19s); a file in another encoding must "
		         "declare it (<?xml version=\"1.0\" encoding=\"windows-1251\"?>)",
		         b ? b + 7 : "?");
	} else if (strncmp(m, "Excessive depth in document", 27) == 0) {
		snprintf(dst, cap, "elements nested more than 256 deep; refused");
	} else if (strstr(m, "Huge input lookup") || strstr(m, "too long") ||
	           strstr(m, "length too long") || strstr(m, "XML_PARSE_HUGE")) {
		snprintf(dst, cap, "a name, attribute or text longer than 10,000,000 bytes; "
		         "refused (%.*s)", (int)strcspn(m, "\n"), m);
	} else {
		snprintf(dst, cap, "%s", m);
	}
	/* one line: libxml2 ends messages with a newline and sometimes adds
	 * another line */
	dst[strcspn(dst, "\n")] = '\0';
	n = strlen(dst);
	while (n && dst[n - 1] == ' ')
		dst[--n] = '\0';
}

/* 0 when `data` has no root element start tag, 1 when it has one but
 * not its end tag ("</tbx>", not "</tbxHeader>"), 2 when it has both. */
static int root_state(const char *data, size_t len)
{
	char end[72] = "</";
	size_t i, n = 0;
	for (i = 0; i + 1 < len; i++)
		if (data[i] == '<' && data[i + 1] != '?' && data[i + 1] != '!' && data[i + 1] != '/')
			break;
	for (i++; i < len && n < sizeof end - 3 && !strchr(" \t\r\n/>", data[i]); i++)
		end[2 + n++] = data[i];
	if (n == 0)
		return 0;
	for (const char *p = data; (p = memmem(p, len - (size_t)(p - data), end, n + 2)); p++) {
		size_t after = (size_t)(p - data) + n + 2;
		if (after < len && strchr(" \t\r\n>", data[after]))
			return 2;
	}
	return 1;
}

int termin__xml_truncated(const char *data, size_t len, long line, int code)
{
	size_t end = len, lines = 1, i;
	while (end > 0 && strchr(" \t\r\n", data[end - 1]))
		end--;
	for (i = 0; i < end; i++)
		lines += data[i] == '\n';
	if (line <= 0 || (size_t)line < lines || root_state(data, len) != 1)
		return 0;
	return (end > 0 && data[end - 1] != '>') || code == XML_ERR_TAG_NOT_FINISHED ||
	       code == XML_ERR_DOCUMENT_END;
}

int termin__xml_read(xmlDocPtr *out, const char *path, const char *what)
{
	char *data = NULL, msg[512];
	size_t len, i;
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	entity_guard guard = { { 0 }, 0, 0, { 0 }, 0 };
	int rc;

	*out = NULL;
	if ((rc = termin__read_file(path, &data, &len)) < 0)
		return rc;
	for (i = 0; i < len && strchr(" \t\r\n", data[i]); i++)
		;
	if (i == len) {
		rc = termin__error_set(TERMIN_EINVALID, "%s: empty file, expected %s", path, what);
		goto cleanup;
	}
	if (len > (size_t)INT32_MAX) {
		rc = termin__error_set(TERMIN_EINVALID, "%s: file too large for an XML document", path);
		goto cleanup;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt || !ctxt->sax) {
		rc = termin__error_set(TERMIN_ERROR, "%s: cannot create an XML parser", path);
		goto cleanup;
	}
	ctxt->sax->entityDecl = refuse_entity;
	ctxt->sax->unparsedEntityDecl = refuse_unparsed_entity;
	ctxt->sax->serror = first_error;
	ctxt->_private = &guard;
	/* No XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_DTDATTR: entities
	 * stay unexpanded and no external DTD is read. */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, NULL,
	                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                        XML_PARSE_BIG_LINES);
	if (guard.seen) {
		rc = termin__error_set(TERMIN_EINVALID,
		                       "%s:%ld: the DOCTYPE declares entity \"%s\"; entity declarations "
		                       "are refused in untrusted XML",
		                       path, guard.line, guard.name);
		goto cleanup;
	}
	if (!doc || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		int line = guard.error[0] ? guard.error_line : e ? e->line : 0;
		if (guard.error[0])
			snprintf(msg, sizeof msg, "%s", guard.error);
		else
			termin__xml_message(msg, sizeof msg, e);
		if (termin__xml_truncated(data, len, line, e ? e->code : 0))
			snprintf(msg, sizeof msg, "the file ends before the document does (truncated?)");
		rc = termin__error_set(TERMIN_EINVALID, "%s:%d: not well-formed XML: %s", path,
		                       line > 0 ? line : 1, msg);
		goto cleanup;
	}
	*out = doc;
	doc = NULL;
	rc = 0;
cleanup:
	if (doc)
		xmlFreeDoc(doc);
	if (ctxt)
		xmlFreeParserCtxt(ctxt);
	free(data);
	return rc;
}

long termin__xml_line(const xmlNode *node)
{
	long l = xmlGetLineNo(node);
	return l > 0 ? l : 0;
}
