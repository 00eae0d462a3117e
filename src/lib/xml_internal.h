/*
 * xml_internal.h - reading untrusted XML files with libxml2.
 *
 * Every XML file termin reads comes from outside (rule files, TMX, TBX),
 * so it is parsed the same careful way: no network, no DTD loading, no
 * entity substitution, and a DOCTYPE that declares entities is refused
 * outright (billion laughs, external entities). Errors name the file and
 * the line libxml2 reports.
 */
#ifndef TERMIN_XML_INTERNAL_H
#define TERMIN_XML_INTERNAL_H

#include <libxml/tree.h>

#include "util.h"

/* Parses the XML file at `path` into `*out` (free with xmlFreeDoc).
 * Returns 0, TERMIN_EIO when the file cannot be read, or TERMIN_EINVALID
 * with a message "PATH:LINE: ..." when it is empty, not well-formed, or
 * declares entities. `what` names the expected document in messages about
 * an empty file ("an SRX 2.0 document"). */
int termin__xml_read(xmlDocPtr *out, const char *path, const char *what);

/* Writes libxml2's message for error `e` into `dst` as one line, in
 * words for a user: its own limits and encoding errors are explained
 * (libxml2 names its options, XML_PARSE_HUGE, and splits lines); other
 * messages are kept, without the final newline. `e` may be NULL. */
void termin__xml_message(char *dst, size_t cap, const xmlError *e);

/* Nonzero when a parse error reported at `line` (1-based) of the
 * document `data` (`len` bytes) is best explained by the file being cut
 * short: the error is on (or past) its last line, the root element's end
 * tag is nowhere in it, and the file stops short of a '>' or libxml2 said
 * "Premature end of data" or "Extra content at the end of the document"
 * (its words for a document that stops inside the root element). */
int termin__xml_truncated(const char *data, size_t len, long line, int code);

/* Line of `node` in its file (0 when libxml2 does not know it). */
long termin__xml_line(const xmlNode *node);

#endif
