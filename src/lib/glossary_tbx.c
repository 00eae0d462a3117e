/*
 * glossary_tbx.c - reading and writing TBX: the 2019 standard (<tbx>,
 * DCA style, urn:iso:std:iso:30042:ed-2) and TBX 2 (<martif>, 2008) with
 * tig and ntig term groups.
 *
 * Reading streams with xmlTextReader and expands one entry at a time, so
 * memory does not grow with the file. The document is untrusted: no
 * network, no DTD loading, no entity substitution, and a DOCTYPE that
 * declares entities is refused before any content is read.
 */
#include "glossary_internal.h"
#include "xml_internal.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#define TBX_NS "urn:iso:std:iso:30042:ed-2"

/* ======================= reading ======================= */

typedef struct {
	termin__gload *L;
	int version2;        /* <martif> */
	char err[512];       /* first fatal parser error */
	int err_line;
	int err_set;
	int err_code;
} tbx_reader;

static void on_xml_error(void *arg, xmlErrorPtr e)
{
	tbx_reader *R = arg;
	if (!e || R->err_set || e->level < XML_ERR_ERROR)
		return;
	termin__xml_message(R->err, sizeof R->err, e);
	R->err_line = e->line;
	R->err_code = e->code;
	R->err_set = 1;
}

static int is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static size_t line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 ? (size_t)l : 0;
}

/* The text of an element with white space collapsed; malloc'd. */
static char *text_of(const xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent(n);
	char *out = termin__xstrdup(s ? (const char *)s : "");
	xmlFree(s);
	termin__collapse_space(out);
	return out;
}

/* An attribute value copied into our allocation, or NULL. */
static char *attr_of(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *out = v ? termin__xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return out;
}

static char *lang_of(const xmlNode *n)
{
	xmlChar *v = xmlGetNsProp(n, BAD_CAST "lang", XML_XML_NAMESPACE);
	char *out = v ? termin__xstrdup((const char *)v) : NULL;
	xmlFree(v);
	if (out)
		termin__collapse_space(out);
	return out;
}

static void ignored(tbx_reader *R)
{
	R->L->ignored++;
}

typedef struct {
	char *text;
	size_t line;
	termin_term_pos pos;
	termin_term_type type;
	termin_term_status status;
	int case_marked;
	termin__strlist notes;
	char *source;
} term_fields;

static void term_note(tbx_reader *R, term_fields *tf, const xmlNode *n, const char *cid)
{
	char *type = attr_of(n, "type");
	char *v = text_of(n);
	int rc = 0;
	const char *what = NULL;
	if (!type) {
		ignored(R);
	} else if (strcmp(type, "partOfSpeech") == 0) {
		rc = termin_term_pos_parse(v, &tf->pos);
		what = "part of speech";
	} else if (strcmp(type, "termType") == 0) {
		rc = termin_term_type_parse(v, &tf->type);
		what = "term type";
	} else if (strcmp(type, "administrativeStatus") == 0 ||
	           strcmp(type, "normativeAuthorization") == 0) {
		rc = termin_term_status_parse(v, &tf->status);
		what = "administrative status";
	} else {
		ignored(R);
	}
	if (rc < 0)
		termin__glossary_issue(R->L->g, TERMIN_ISSUE_WARNING, "unknown-value", R->L->name,
		                       line_of(n), cid, "unknown %s '%s' in entry '%s'", what, v, cid);
	free(type);
	free(v);
}

static void term_admin(tbx_reader *R, term_fields *tf, const xmlNode *n)
{
	char *type = attr_of(n, "type");
	if (type && strcmp(type, "source") == 0) {
		free(tf->source);
		tf->source = text_of(n);
	} else {
		ignored(R);
	}
	free(type);
}

/* Reads the children of a termSec, tig, ntig or termGrp into `tf`. */
static void term_children(tbx_reader *R, term_fields *tf, const xmlNode *parent, const char *cid)
{
	for (const xmlNode *n = parent->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "term")) {
			if (tf->text) {
				termin__glossary_issue(R->L->g, TERMIN_ISSUE_ERROR, "bad-structure",
				                       R->L->name, line_of(n), cid,
				                       "more than one <term> in one term group of entry '%s'", cid);
				continue;
			}
			tf->text = text_of(n);
			tf->line = line_of(n);
		} else if (is(n, "termNote")) {
			term_note(R, tf, n, cid);
		} else if (is(n, "termNoteGrp") || is(n, "termGrp") || is(n, "adminGrp") ||
		           is(n, "descripGrp")) {
			term_children(R, tf, n, cid);
		} else if (is(n, "note")) {
			char *v = text_of(n);
			if (strcmp(v, TERMIN__CASE_NOTE) == 0)
				tf->case_marked = 1;
			else if (*v)
				termin__strlist_add(&tf->notes, v);
			free(v);
		} else if (is(n, "admin")) {
			term_admin(R, tf, n);
		} else {
			/* descrip (context), transacGrp, ref, xref, termCompList */
			ignored(R);
		}
	}
}

static void add_term(tbx_reader *R, termin_concept *c, const char *lang, const xmlNode *n)
{
	term_fields tf;
	memset(&tf, 0, sizeof tf);
	tf.line = line_of(n);
	term_children(R, &tf, n, c->id);
	termin_term *t = termin__gload_term(R->L, c, lang, tf.text, tf.line);
	if (t) {
		t->pos = tf.pos;
		t->type = tf.type;
		t->status = tf.status;
		t->case_marked = tf.case_marked;
		t->notes = tf.notes;
		tf.notes = (termin__strlist){ 0 };
		t->source = tf.source;
		tf.source = NULL;
	}
	free(tf.text);
	free(tf.source);
	termin__strlist_free(&tf.notes);
}

/* descrip, admin and note at concept (or langSec) level. */
static void concept_aux(tbx_reader *R, termin_concept *c, const xmlNode *n)
{
	if (is(n, "descrip")) {
		char *type = attr_of(n, "type");
		char *v = text_of(n);
		if (type && strcmp(type, "subjectField") == 0 && !c->subject) {
			c->subject = v;
			v = NULL;
		} else if (type && strcmp(type, "definition") == 0 && !c->definition) {
			c->definition = v;
			v = NULL;
		} else if (type && strcmp(type, "definition") == 0) {
			termin__strlist_add(&c->notes, v);
		} else {
			ignored(R);
		}
		free(type);
		free(v);
	} else if (is(n, "descripGrp") || is(n, "adminGrp")) {
		for (const xmlNode *k = n->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				concept_aux(R, c, k);
	} else if (is(n, "admin")) {
		char *type = attr_of(n, "type");
		if (type && strcmp(type, "source") == 0) {
			char *v = text_of(n);
			if (*v)
				termin__strlist_add(&c->sources, v);
			free(v);
		} else {
			ignored(R);
		}
		free(type);
	} else if (is(n, "note")) {
		char *v = text_of(n);
		if (*v)
			termin__strlist_add(&c->notes, v);
		free(v);
	} else {
		ignored(R);
	}
}

/* The first term of an entry, to make an id for an entry without one. */
static char *first_term(const xmlNode *entry)
{
	for (const xmlNode *n = entry->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "term"))
			return text_of(n);
		char *t = first_term(n);
		if (t)
			return t;
	}
	return NULL;
}

static void read_entry(tbx_reader *R, const xmlNode *entry)
{
	const char *lang_el = R->version2 ? "langSet" : "langSec";
	char *id = attr_of(entry, "id");
	char *hint = NULL;
	size_t line = line_of(entry);
	if (!id || !*id) {
		hint = first_term(entry);
		termin__glossary_issue(R->L->g, TERMIN_ISSUE_WARNING, "missing-id", R->L->name, line,
		                       NULL, "%s without an id%s%s", (const char *)entry->name,
		                       hint ? ": " : "", hint ? hint : "");
	}
	termin_concept *c = termin__gload_concept(R->L, id, hint, line);
	free(id);
	free(hint);

	for (const xmlNode *n = entry->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!is(n, lang_el) && !is(n, "langSec") && !is(n, "langSet")) {
			concept_aux(R, c, n);
			continue;
		}
		char *lang = lang_of(n);
		if (!lang || !*lang)
			termin__glossary_issue(R->L->g, TERMIN_ISSUE_ERROR, "no-language", R->L->name,
			                       line_of(n), c->id, "<%s> without xml:lang in entry '%s'",
			                       (const char *)n->name, c->id);
		for (const xmlNode *k = n->children; k; k = k->next) {
			if (k->type != XML_ELEMENT_NODE)
				continue;
			if (is(k, "termSec") || is(k, "tig") || is(k, "ntig")) {
				if (lang && *lang)
					add_term(R, c, lang, k);
			} else {
				concept_aux(R, c, k);
			}
		}
		free(lang);
	}
}

/* Refuses a document type declaration that declares entities: they are
 * the vehicle of entity-expansion and external-entity attacks, and TBX
 * has no use for them. */
static int check_doctype(tbx_reader *R, xmlTextReaderPtr r, const char *data, size_t len)
{
	/* the current node is the DTD itself (xmlTextReaderCurrentDoc would
	 * make the reader leave the document to us) */
	xmlNodePtr node = xmlTextReaderCurrentNode(r);
	xmlDtdPtr dtd = node && node->type == XML_DTD_NODE ? (xmlDtdPtr)node : NULL;
	if (dtd && ((dtd->entities && xmlHashSize(dtd->entities) > 0) ||
	            (dtd->pentities && xmlHashSize(dtd->pentities) > 0))) {
		/* the line of the first declaration (the parser has read ahead) */
		long line = xmlTextReaderGetParserLineNumber(r);
		const char *e = memmem(data, len, "<!ENTITY", 8);
		if (e) {
			line = 1;
			for (const char *p = data; p < e; p++)
				line += *p == '\n';
		}
		return termin__error_set(TERMIN_EINVALID,
		                         "%s:%ld: the DOCTYPE declares entities; refused (untrusted XML)",
		                         R->L->name, line);
	}
	return 0;
}

/* The line of the reader's current node. */
static int reader_line(xmlTextReaderPtr r)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(r);
	long l = n ? xmlGetLineNo(n) : -1;
	return l > 0 ? (int)l : xmlTextReaderGetParserLineNumber(r);
}

static int root_element(tbx_reader *R, xmlTextReaderPtr r)
{
	const char *name = (const char *)xmlTextReaderConstLocalName(r);
	const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
	int line = reader_line(r);
	if (strcmp(name, "martif") == 0) {
		R->version2 = 1;
		return 0;
	}
	if (strcmp(name, "tbx") != 0)
		return termin__error_set(TERMIN_EINVALID,
		                         "%s:%d: root element <%s> is neither <tbx> (TBX 2019) nor <martif> (TBX 2)",
		                         R->L->name, line, name);
	xmlChar *style = xmlTextReaderGetAttribute(r, BAD_CAST "style");
	int dct = style && strcmp((const char *)style, "dct") == 0;
	xmlFree(style);
	if (dct)
		return termin__error_set(TERMIN_EUNSUPPORTED,
		                         "%s:%d: TBX in DCT style is not supported; convert it to DCA style",
		                         R->L->name, line);
	if (!ns || strcmp(ns, TBX_NS) != 0)
		termin__glossary_issue(R->L->g, TERMIN_ISSUE_WARNING, "namespace", R->L->name,
		                       (size_t)line, NULL, "<tbx> is not in the namespace %s", TBX_NS);
	return 0;
}

/* The title and source description of the header. */
static void header_text(termin__gload *L, xmlTextReaderPtr r, const char *name)
{
	xmlChar *type_attr = xmlTextReaderGetAttribute(r, BAD_CAST "type");
	xmlChar *s = xmlTextReaderReadString(r);
	char *v = termin__xstrdup(s ? (const char *)s : "");
	xmlFree(s);
	termin__collapse_space(v);
	if (strcmp(name, "title") == 0 && !L->g->title && *v)
		termin_glossary_set_title(L->g, v);
	else if (strcmp(name, "p") == 0 && !type_attr && !L->g->description && *v)
		termin_glossary_set_description(L->g, v);
	xmlFree(type_attr);
	free(v);
}

int termin__glossary_read_tbx(termin__gload *L, const char *data, size_t len)
{
	tbx_reader R;
	xmlTextReaderPtr r;
	int rc = 0, ret, in_header = 0;

	memset(&R, 0, sizeof R);
	R.L = L;
	if (len > (size_t)INT32_MAX)
		return termin__error_set(TERMIN_EINVALID, "%s: file too large", L->name);
	size_t sp = 0;
	while (sp < len && strchr(" \t\r\n", data[sp]))
		sp++;
	if (sp == len)
		return termin__error_set(TERMIN_EINVALID, "%s: empty file, expected a TBX document",
		                         L->name);
	/* No XML_PARSE_NOENT (no entity substitution), no DTDLOAD, no
	 * DTDATTR, no DTDVALID; NONET even though nothing is fetched. */
	r = xmlReaderForMemory(data, (int)len, L->name, NULL,
	                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                       XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
	if (!r)
		return termin__error_set(TERMIN_EINVALID, "%s: cannot start the XML parser", L->name);
	xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, &R);

	ret = xmlTextReaderRead(r);
	while (ret == 1) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		const char *name = (const char *)xmlTextReaderConstLocalName(r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			if ((rc = check_doctype(&R, r, data, len)) < 0)
				goto done;
		} else if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
			rc = termin__error_set(TERMIN_EINVALID, "%s:%d: reference to an undeclared entity '%s'",
			                       L->name, reader_line(r), name);
			goto done;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(name, "tbxHeader") == 0 || strcmp(name, "martifHeader") == 0)
				in_header = 0;
		} else if (type != XML_READER_TYPE_ELEMENT) {
			/* text, comments, processing instructions */
		} else if (depth == 0) {
			if ((rc = root_element(&R, r)) < 0)
				goto done;
		} else if (strcmp(name, "tbxHeader") == 0 || strcmp(name, "martifHeader") == 0) {
			in_header = !xmlTextReaderIsEmptyElement(r);
		} else if (in_header && (strcmp(name, "title") == 0 || strcmp(name, "p") == 0)) {
			header_text(L, r, name);
		} else if (strcmp(name, "conceptEntry") == 0 || strcmp(name, "termEntry") == 0) {
			xmlNodePtr node = xmlTextReaderExpand(r);
			if (!node || R.err_set)
				break; /* a parse error inside the entry: reported below */
			read_entry(&R, node);
			/* on to the next sibling, past the subtree just read */
			ret = xmlTextReaderNext(r);
			continue;
		}
		ret = xmlTextReaderRead(r);
	}
	if (R.err_set || ret < 0) {
		/* libxml2's entity guards may stop it before the DTD node is
		 * seen (billion laughs): the declarations are still the cause */
		const char *dt = memmem(data, len, "<!DOCTYPE", 9);
		const char *en = dt ? memmem(dt, len - (size_t)(dt - data), "<!ENTITY", 8) : NULL;
		if (en) {
			long eline = 1;
			for (const char *q = data; q < en; q++)
				eline += *q == '\n';
			rc = termin__error_set(TERMIN_EINVALID, "%s:%ld: the DOCTYPE declares entities; "
			                       "refused (untrusted XML)", L->name, eline);
		} else if (R.err_set && termin__xml_truncated(data, len, R.err_line, R.err_code))
			rc = termin__error_set(TERMIN_EINVALID, "%s:%d: malformed XML: the file ends "
			                       "before the document does (truncated?)", L->name,
			                       R.err_line);
		else if (R.err_set)
			rc = termin__error_set(TERMIN_EINVALID, "%s:%d: malformed XML: %s", L->name,
			                       R.err_line, R.err);
		else
			rc = termin__error_set(TERMIN_EINVALID, "%s:%d: malformed XML", L->name,
			                       xmlTextReaderGetParserLineNumber(r));
		goto done;
	}
	if (L->added == 0)
		termin__glossary_issue(L->g, TERMIN_ISSUE_WARNING, "empty", L->name, 0, NULL,
		                       "no entries");
done:
	xmlFreeTextReader(r);
	return rc;
}

/* ======================= writing ======================= */

typedef struct {
	xmlTextWriterPtr w;
	int failed;
} xw;

static void raw(xw *x, const char *s)
{
	if (xmlTextWriterWriteRaw(x->w, BAD_CAST s) < 0)
		x->failed = 1;
}

static void start(xw *x, const char *indent, const char *name)
{
	raw(x, indent);
	if (xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		x->failed = 1;
}

static void end(xw *x, const char *indent)
{
	if (indent)
		raw(x, indent);
	if (xmlTextWriterEndElement(x->w) < 0)
		x->failed = 1;
}

static void attr(xw *x, const char *name, const char *value)
{
	if (xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) < 0)
		x->failed = 1;
}

/* <name type="type">text</name> on its own line. */
static void element(xw *x, const char *indent, const char *name, const char *type, const char *text)
{
	if (!text)
		return;
	start(x, indent, name);
	if (type)
		attr(x, "type", type);
	if (xmlTextWriterWriteString(x->w, BAD_CAST text) < 0)
		x->failed = 1;
	end(x, NULL);
}

static void write_term(xw *x, const termin_term *t, int v2)
{
	const char *in = "\n            ";
	const char *in2 = "\n              ";
	start(x, in, v2 ? "tig" : "termSec");
	element(x, in2, "term", NULL, t->text);
	element(x, in2, "termNote", "partOfSpeech", termin_term_pos_name(t->pos));
	element(x, in2, "termNote", "termType", termin_term_type_name(t->type));
	element(x, in2, "termNote", "administrativeStatus", termin_term_status_tbx(t->status));
	if (t->case_marked)
		element(x, in2, "note", NULL, TERMIN__CASE_NOTE);
	for (size_t i = 0; i < t->notes.n; i++)
		element(x, in2, "note", NULL, t->notes.v[i]);
	element(x, in2, "admin", "source", t->source);
	end(x, in);
}

static void write_concept(xw *x, const termin_concept *c, int v2)
{
	const char *in = "\n        ";
	start(x, "\n      ", v2 ? "termEntry" : "conceptEntry");
	attr(x, "id", c->id);
	element(x, in, "descrip", "subjectField", c->subject);
	element(x, in, "descrip", "definition", c->definition);
	for (size_t i = 0; i < c->notes.n; i++)
		element(x, in, "note", NULL, c->notes.v[i]);
	for (size_t i = 0; i < c->sources.n; i++)
		element(x, in, "admin", "source", c->sources.v[i]);
	/* one langSec per language, in order of first appearance */
	for (size_t i = 0; i < c->nterms; i++) {
		const char *lang = c->terms[i]->lang;
		size_t j;
		for (j = 0; j < i; j++)
			if (strcmp(c->terms[j]->lang, lang) == 0)
				break;
		if (j < i)
			continue;
		start(x, in, v2 ? "langSet" : "langSec");
		attr(x, "xml:lang", lang);
		for (size_t k = i; k < c->nterms; k++)
			if (strcmp(c->terms[k]->lang, lang) == 0)
				write_term(x, c->terms[k], v2);
		end(x, in);
	}
	end(x, "\n      ");
}

int termin__glossary_write_tbx(const termin_glossary *g, FILE *f, int v2)
{
	xw x = { NULL, 0 };
	xmlOutputBufferPtr out = xmlOutputBufferCreateFile(f, NULL);
	const char *lang = "en";
	if (!out)
		return termin__error_set(TERMIN_EIO, "cannot create XML output");
	x.w = xmlNewTextWriter(out);
	if (!x.w) {
		xmlOutputBufferClose(out);
		return termin__error_set(TERMIN_EIO, "cannot create XML writer");
	}
	if (g->n && g->concepts[0]->nterms)
		lang = g->concepts[0]->terms[0]->lang;
	if (xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL) < 0)
		x.failed = 1;
	if (v2) {
		start(&x, "", "martif");
		attr(&x, "type", "TBX-Basic-V1");
		attr(&x, "xml:lang", lang);
		start(&x, "\n  ", "martifHeader");
	} else {
		start(&x, "", "tbx");
		attr(&x, "type", "TBX-Basic");
		attr(&x, "style", "dca");
		attr(&x, "xml:lang", lang);
		attr(&x, "xmlns", TBX_NS);
		start(&x, "\n  ", "tbxHeader");
	}
	start(&x, "\n    ", "fileDesc");
	start(&x, "\n      ", "titleStmt");
	element(&x, "\n        ", "title", NULL, g->title ? g->title : "Glossary");
	end(&x, "\n      ");
	start(&x, "\n      ", "sourceDesc");
	element(&x, "\n        ", "p", NULL, g->description ? g->description : "Written by termin.");
	end(&x, "\n      ");
	end(&x, "\n    ");
	if (v2) {
		start(&x, "\n    ", "encodingDesc");
		element(&x, "\n      ", "p", "XCSURI", "TBXBasicXCSV02.xcs");
		end(&x, "\n    ");
	}
	end(&x, "\n  ");
	start(&x, "\n  ", "text");
	start(&x, "\n    ", "body");
	for (size_t i = 0; i < g->n && !x.failed; i++)
		write_concept(&x, g->concepts[i], v2);
	end(&x, "\n    ");
	end(&x, "\n  ");
	end(&x, "\n");
	if (xmlTextWriterEndDocument(x.w) < 0 || xmlTextWriterFlush(x.w) < 0)
		x.failed = 1;
	xmlFreeTextWriter(x.w);
	if (x.failed)
		return termin__error_set(TERMIN_EIO, "cannot write TBX");
	return 0;
}
