/*
 * tmx_read.c - streaming TMX 1.1-1.4b reader on libxml2's xmlTextReader.
 *
 * The reader pulls nodes one at a time and never builds a tree, so memory
 * is bounded by the largest unit, not by the file. Input comes through our
 * own read callback, which counts and hashes the bytes (progress, and the
 * digest that tells the TM a file was imported before).
 *
 * Untrusted XML: the parser runs with XML_PARSE_NONET and without
 * XML_PARSE_NOENT, XML_PARSE_DTDLOAD or validation, so nothing outside the
 * file is ever fetched and no entity is expanded; a DOCTYPE whose internal
 * subset declares entities is refused outright (external entities, the
 * billion laughs), and a reference to an undeclared entity is an error.
 *
 * Tolerance follows one rule: a defect that leaves the data unambiguous is
 * a warning and the data is kept (header attributes missing, ISO 8601
 * dates, "en_US", a source variant "en" under srclang="en-US", unpaired
 * bpt/ept, x values differing across variants, an empty target, a prop
 * without type, notes after <seg>); a defect that would make us guess is
 * an error for the unit (a language that is not a code, a variant without
 * language or <seg>, an unknown element inside <seg>, a unit without
 * variants); broken XML is an error for the file.
 */
#include "tmx_ahead.h"
#include "util.h"
#include "xml_internal.h"
#include "termin/lang.h"
#include "termin/tmx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/xmlreader.h>

/* A prop or note under construction: offsets into a pool. */
typedef struct {
	int is_note;
	size_t type, lang, text; /* (size_t)-1: absent */
} meta_off;

typedef struct {
	size_t created_by, changed_by, attrs;
	int64_t created, changed, last_used;
	long usage;
} stamp_off;

typedef struct {
	size_t lang, markup, markup_len, text, text_len;
	stamp_off st;
	size_t meta_first, n_meta;
	size_t line, col;
	int have_seg;
} var_off;

#define NONE ((size_t)-1)

struct termin_tmx_reader {
	xmlTextReaderPtr x;
	char *name;
	FILE *f;
	int own_f;
	uint64_t bytes, size, digest;
	termin_tmx_reader_opts opts;

	int failed;           /* cannot go on */
	int xml_err_set;      /* libxml2 reported an error */
	char xml_err[600];
	int at_end;

	/* header, kept for the reader's life */
	termin_buf hpool;
	meta_off *hmeta;
	size_t n_hmeta, cap_hmeta;
	termin_tmx_meta *hmeta_pub;
	termin_tmx_info info;
	size_t hoff[8];
	char header_src[TERMIN_LANG_MAX];
	int src_all;
	int version_major, version_minor;

	/* the unit being read */
	termin_buf pool;
	meta_off *meta;
	size_t n_meta, cap_meta;
	var_off *var;
	size_t n_var, cap_var;
	size_t tuid, srclang;
	stamp_off st;
	size_t u_meta_n;
	termin_tmx_meta *meta_pub;
	size_t cap_meta_pub;
	termin_tmx_variant *var_pub;
	size_t cap_var_pub;
	termin_tmx_unit unit;
	termin_buf markup, plain, tmp;

	/* Level 2 bookkeeping per variant */
	struct code { char kind; long i; long x; } *codes;
	size_t n_codes, cap_codes;
	termin_buf xsig, xsig_first; /* the x values of a variant, and of the first */
	int x_first_set;
	int empty_warned;

	/* Where the element start tags are: libxml2 reports no columns for
	 * nodes and its parser runs ahead of the reader, so the raw input is
	 * scanned as it is read and the position of each start tag queued;
	 * the reader pops one per element node, in document order. */
	struct scan {
		int enc;            /* 0 UTF-8 (or single-byte), 1 UTF-16LE, 2 UTF-16BE */
		int started, have_odd;
		unsigned char odd;
		int state, sub, depth;
		char quote;
		size_t line, col;
		size_t lt_line, lt_col;
		size_t doctype_line, doctype_col;
		char win[8];        /* the last characters of the DOCTYPE, outside quotes */
		int entity_decl;    /* "<!ENTITY" seen in the DOCTYPE */
		int root_closed;    /* "</tmx>" was seen: what follows is not a truncation */
	} sc;
	struct tagpos { uint32_t line, col; } *q;
	size_t q_head, q_len, q_cap;
	size_t cur_line, cur_col;
};

/* ======================= input ======================= */

enum { SC_TEXT, SC_LT, SC_BANG, SC_COMMENT, SC_CDATA, SC_PI, SC_DOCTYPE, SC_ENDTAG };

static void q_push(termin_tmx_reader *r, size_t line, size_t col)
{
	if (r->q_len == r->q_cap) {
		size_t cap = r->q_cap ? r->q_cap * 2 : 256;
		struct tagpos *n = termin__xmalloc(cap * sizeof *n);
		for (size_t i = 0; i < r->q_len; i++)
			n[i] = r->q[(r->q_head + i) % r->q_cap];
		free(r->q);
		r->q = n;
		r->q_cap = cap;
		r->q_head = 0;
	}
	r->q[(r->q_head + r->q_len) % r->q_cap] = (struct tagpos){ (uint32_t)line, (uint32_t)col };
	r->q_len++;
}

/* One character of the raw input (only ASCII matters; others count as
 * one column). */
static void scan_char(termin_tmx_reader *r, unsigned c)
{
	struct scan *s = &r->sc;
	if (c == '\n') {
		s->line++;
		s->col = 1;
	} else {
		s->col++;
	}
	switch (s->state) {
	case SC_TEXT:
		if (c == '<') {
			s->state = SC_LT;
			s->lt_line = s->line;
			s->lt_col = s->col - 1;
		}
		break;
	case SC_ENDTAG: /* after "</": is it "</tmx>"? */
		if (s->sub < 3 && c == (unsigned char)"tmx"[s->sub]) {
			s->sub++;
			break;
		}
		if (s->sub == 3 && (c == '>' || c == ' ' || c == '\t' || c == '\r' || c == '\n'))
			s->root_closed = 1;
		s->state = SC_TEXT;
		if (c == '<') {
			s->state = SC_LT;
			s->lt_line = s->line;
			s->lt_col = s->col - 1;
		}
		break;
	case SC_LT:
		if (c == '/')
			s->state = SC_ENDTAG, s->sub = 0;
		else if (c == '?')
			s->state = SC_PI, s->sub = 0;
		else if (c == '!')
			s->state = SC_BANG, s->sub = 0;
		else {
			q_push(r, s->lt_line, s->lt_col);
			s->state = SC_TEXT;
		}
		break;
	case SC_BANG: /* <!-- or <![CDATA[ or <!DOCTYPE */
		if (c == '-')
			s->state = SC_COMMENT, s->sub = 0;
		else if (c == '[')
			s->state = SC_CDATA, s->sub = 0;
		else {
			s->state = SC_DOCTYPE, s->depth = 0, s->quote = 0;
			if (!s->doctype_line)
				s->doctype_line = s->lt_line, s->doctype_col = s->lt_col;
		}
		break;
	case SC_COMMENT: /* until --> (the first '-' of <!-- counted already) */
		if (c == '-')
			s->sub++;
		else if (c == '>' && s->sub >= 2)
			s->state = SC_TEXT;
		else
			s->sub = 0;
		break;
	case SC_CDATA:
		if (c == ']')
			s->sub++;
		else if (c == '>' && s->sub >= 2)
			s->state = SC_TEXT;
		else
			s->sub = 0;
		break;
	case SC_PI:
		if (c == '>' && s->sub)
			s->state = SC_TEXT;
		s->sub = c == '?';
		break;
	case SC_DOCTYPE:
		if (!s->quote) {
			memmove(s->win, s->win + 1, sizeof s->win - 1);
			s->win[sizeof s->win - 1] = c < 0x80 ? (char)c : '?';
			if (memcmp(s->win, "<!ENTITY", 8) == 0)
				s->entity_decl = 1;
		}
		if (s->quote) {
			if (c == (unsigned char)s->quote)
				s->quote = 0;
		} else if (c == '"' || c == '\'') {
			s->quote = (char)c;
		} else if (c == '[') {
			s->depth++;
		} else if (c == ']') {
			s->depth--;
		} else if (c == '>' && s->depth <= 0) {
			s->state = SC_TEXT;
		}
		break;
	}
}


static void scan(termin_tmx_reader *r, const unsigned char *b, size_t n)
{
	struct scan *s = &r->sc;
	size_t i = 0;
	if (!s->started) {
		s->started = 1;
		s->line = s->col = 1;
		if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
			s->enc = 1, i = 2;
		else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
			s->enc = 2, i = 2;
		else if (n >= 2 && b[0] == '<' && b[1] == 0)
			s->enc = 1;
		else if (n >= 2 && b[0] == 0 && b[1] == '<')
			s->enc = 2;
		else if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
			i = 3;
	}
	if (s->enc == 0) {
		size_t lt = i, nl = i; /* the next '<' and line end at or after i (n: none) */
		while (i < n) {
			unsigned char c = b[i];
			if (s->state == SC_TEXT && c != '<' && c != '\n') {
				/* the common case: text up to the next tag or line end,
				 * found by memchr, its characters counted in one loop */
				if (lt <= i) {
					const unsigned char *p = memchr(b + i, '<', n - i);
					lt = p ? (size_t)(p - b) : n;
				}
				if (nl <= i) {
					const unsigned char *p = memchr(b + i, '\n', n - i);
					nl = p ? (size_t)(p - b) : n;
				}
				size_t end = lt < nl ? lt : nl;
				s->col += termin__utf8_count((const char *)b + i, end - i);
				i = end;
				continue;
			}
			if ((c & 0xC0) != 0x80)
				scan_char(r, c);
			i++;
		}
		return;
	}
	for (; i < n; i++) {
		if (!s->have_odd) {
			s->odd = b[i];
			s->have_odd = 1;
			continue;
		}
		unsigned c = s->enc == 1 ? (unsigned)s->odd | (unsigned)b[i] << 8
		                         : (unsigned)s->odd << 8 | b[i];
		s->have_odd = 0;
		if (c < 0xDC00 || c > 0xDFFF) /* a low surrogate ends a character counted already */
			scan_char(r, c);
	}
}

static int io_read(void *ctx, char *buf, int len)
{
	termin_tmx_reader *r = ctx;
	size_t n = fread(buf, 1, (size_t)len, r->f);
	if (n == 0 && ferror(r->f))
		return -1;
	scan(r, (const unsigned char *)buf, n);
	r->digest = termin__hash64(buf, n, r->digest);
	r->bytes += n;
	return (int)n;
}

static int io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* ======================= messages ======================= */

/* The position of the last element start tag the reader gave. */
static void position(termin_tmx_reader *r, size_t *line, size_t *col)
{
	*line = r->cur_line;
	*col = r->cur_col;
}

static void warn(termin_tmx_reader *r, size_t line, size_t col, const char *fmt, ...)
	TERMIN_PRINTF(4, 5);
static void warn(termin_tmx_reader *r, size_t line, size_t col, const char *fmt, ...)
{
	char msg[1024];
	int n;
	va_list ap;
	if (!r->opts.warn)
		return;
	n = snprintf(msg, sizeof msg, "%s:%zu:%zu: ", r->name, line, col);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	va_end(ap);
	r->opts.warn(r->opts.ctx, msg);
}

static int invalid(termin_tmx_reader *r, size_t line, size_t col, const char *fmt, ...)
	TERMIN_PRINTF(4, 5);
static int invalid(termin_tmx_reader *r, size_t line, size_t col, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return termin__error_set(TERMIN_EINVALID, "%s:%zu:%zu: %s", r->name, line, col, msg);
}

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
	termin_tmx_reader *r = ctx;
	if (!e || e->level < XML_ERR_ERROR || r->xml_err_set)
		return;
	char msg[400];
	termin__xml_message(msg, sizeof msg, e);
	/* libxml2 says "Extra content at the end of the document" (or
	 * "Premature end of data", or what it expected next on the last
	 * line) when the input stops inside the document */
	if (!r->sc.root_closed && r->f && feof(r->f) &&
	    (e->code == XML_ERR_DOCUMENT_END || e->code == XML_ERR_TAG_NOT_FINISHED ||
	     (e->line > 0 && (size_t)e->line == r->sc.line)))
		snprintf(msg, sizeof msg, "the file ends before the document does (truncated?)");
	snprintf(r->xml_err, sizeof r->xml_err, "%s:%d:%d: malformed XML: %s", r->name, e->line,
	         e->int2, msg);
	r->xml_err_set = 1;
}

/* Whether the DOCTYPE declares entities (general or parameter ones). Read
 * from the raw input scan, not from the reader's document: asking the
 * reader for its document (xmlTextReaderCurrentDoc) makes it keep every
 * node in memory to the end of the file. */
static int doctype_declares_entities(termin_tmx_reader *r)
{
	return r->sc.entity_decl;
}

static int refuse_doctype(termin_tmx_reader *r)
{
	r->failed = 1;
	return invalid(r, r->sc.doctype_line, r->sc.doctype_col,
	               "the DOCTYPE declares entities; refused (termin expands no entities and "
	               "loads no DTD)");
}

/* The reader stopped: report the parser's error, or a generic one. A
 * DOCTYPE declaring entities is named as the cause even when libxml2
 * stopped first (its entity loop and amplification guards). */
static int fatal(termin_tmx_reader *r)
{
	r->failed = 1;
	if (ferror(r->f))
		return termin__error_errno(TERMIN_EIO, errno, "%s: cannot read", r->name);
	if (doctype_declares_entities(r))
		return refuse_doctype(r);
	if (r->xml_err_set)
		return termin__error_set(TERMIN_EINVALID, "%s", r->xml_err);
	size_t line, col;
	position(r, &line, &col);
	return invalid(r, line, col, "malformed XML");
}

/* xmlTextReaderRead with errors turned into ours: 1 node, 0 end, <0 error. */
static int rd(termin_tmx_reader *r)
{
	int rc = xmlTextReaderRead(r->x);
	if (rc < 0 || r->xml_err_set)
		return fatal(r);
	if (rc > 0 && xmlTextReaderNodeType(r->x) == XML_READER_TYPE_ELEMENT && r->q_len) {
		r->cur_line = r->q[r->q_head].line;
		r->cur_col = r->q[r->q_head].col;
		r->q_head = (r->q_head + 1) % r->q_cap;
		r->q_len--;
	}
	return rc;
}

/* Skips the element the reader is on with everything inside (reading
 * through it, so that every start tag is counted). */
static int skip_subtree(termin_tmx_reader *r)
{
	int depth = xmlTextReaderDepth(r->x), rc;
	if (xmlTextReaderIsEmptyElement(r->x))
		return 0;
	while ((rc = rd(r)) > 0)
		if (xmlTextReaderNodeType(r->x) == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(r->x) == depth)
			return 0;
	return rc < 0 ? rc : fatal(r);
}

/* ======================= pools ======================= */

static size_t pool_add(termin_buf *p, const char *s, size_t len)
{
	size_t off = p->len;
	termin_buf_put(p, s, len);
	termin_buf_putc(p, '\0');
	return off;
}

static size_t pool_adds(termin_buf *p, const char *s)
{
	return s ? pool_add(p, s, strlen(s)) : NONE;
}

static const char *at(const termin_buf *p, size_t off)
{
	return off == NONE ? NULL : p->ptr + off;
}

/* ======================= small parsers ======================= */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	/* Howard Hinnant's algorithm: no timegm() and no time zone state */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int termin_tmx_parse_date(const char *s, int64_t *out)
{
	int Y, M, D, h = 0, m = 0, sec = 0, tolerated = 0;
	const char *p = s;
	int64_t offset = 0;

	if (digits(p, 4, &Y) < 0)
		goto bad;
	p += 4;
	if (*p == '-') {
		tolerated = 1;
		p++;
	}
	if (digits(p, 2, &M) < 0)
		goto bad;
	p += 2;
	if (tolerated && *p++ != '-')
		goto bad;
	if (digits(p, 2, &D) < 0)
		goto bad;
	p += 2;
	if (*p == 'T' || (tolerated && *p == ' ')) {
		p++;
		if (digits(p, 2, &h) < 0)
			goto bad;
		p += 2;
		if (*p == ':') {
			tolerated = 1;
			p++;
		}
		if (digits(p, 2, &m) < 0)
			goto bad;
		p += 2;
		if (*p == ':')
			p++;
		else if (tolerated && (*p == 'Z' || *p == '+' || *p == '-' || !*p))
			goto zone;
		if (digits(p, 2, &sec) < 0)
			goto bad;
		p += 2;
		if (*p == '.' || *p == ',') { /* fractions of a second */
			tolerated = 1;
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
		}
	zone:
		if (*p == 'Z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh, om = 0, sign = *p == '-' ? -1 : 1;
			tolerated = 1;
			p++;
			if (digits(p, 2, &oh) < 0)
				goto bad;
			p += 2;
			if (*p == ':')
				p++;
			if (*p && digits(p, 2, &om) < 0)
				goto bad;
			if (*p)
				p += 2;
			offset = sign * (oh * 3600 + om * 60);
		} else {
			tolerated = 1; /* no zone: taken as UTC */
		}
	} else if (!tolerated || *p) {
		goto bad;
	}
	if (*p || M < 1 || M > 12 || D < 1 || h > 23 || m > 59 || sec > 60)
		goto bad;
	/* 20240230 is not a day (days_from_civil would make it 1 March) */
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (D > mdays[M - 1] ||
	    (M == 2 && D == 29 && !(Y % 4 == 0 && (Y % 100 != 0 || Y % 400 == 0))))
		goto bad;
	*out = days_from_civil(Y, (unsigned)M, (unsigned)D) * 86400 + h * 3600 + m * 60 + sec -
	       offset;
	return tolerated;
bad:
	return termin__error_set(TERMIN_EINVALID, "'%s' is not a date (TMX wants YYYYMMDDThhmmssZ)", s);
}

/* ======================= attributes ======================= */

enum { A_TU, A_TUV };

/* The TMX attributes of tu and tuv other than the ones with fields. */
static int known_attr(const char *name, int level)
{
	static const char *const common[] = { "o-encoding", "datatype", "creationtool",
	                                      "creationtoolversion", "o-tmf", NULL };
	for (int i = 0; common[i]; i++)
		if (strcmp(name, common[i]) == 0)
			return 1;
	return level == A_TU && strcmp(name, "segtype") == 0;
}

static int segtype_ok(const char *v)
{
	return strcmp(v, "block") == 0 || strcmp(v, "paragraph") == 0 ||
	       strcmp(v, "sentence") == 0 || strcmp(v, "phrase") == 0;
}

static void stamp_init(stamp_off *s)
{
	s->created_by = s->changed_by = s->attrs = NONE;
	s->created = s->changed = s->last_used = TERMIN_NODATE;
	s->usage = 0;
}

static int64_t date_attr(termin_tmx_reader *r, const char *name, const char *v)
{
	int64_t t;
	size_t line, col;
	int rc = termin_tmx_parse_date(v, &t);
	if (rc == 0)
		return t;
	position(r, &line, &col);
	if (rc == 1) {
		warn(r, line, col, "%s=\"%s\" is not a TMX date (YYYYMMDDThhmmssZ); read as ISO 8601", name, v);
		return t;
	}
	warn(r, line, col, "%s=\"%s\" is not a date; ignored", name, v);
	return TERMIN_NODATE;
}

/* Reads one attribute of tu/tuv into the stamp; returns 1 when used. */
static int stamp_attr(termin_tmx_reader *r, stamp_off *s, const char *name, const char *v,
                      int level, termin_buf *attrs)
{
	if (strcmp(name, "creationdate") == 0)
		s->created = date_attr(r, name, v);
	else if (strcmp(name, "changedate") == 0)
		s->changed = date_attr(r, name, v);
	else if (strcmp(name, "lastusagedate") == 0)
		s->last_used = date_attr(r, name, v);
	else if (strcmp(name, "creationid") == 0)
		s->created_by = pool_adds(&r->pool, v);
	else if (strcmp(name, "changeid") == 0)
		s->changed_by = pool_adds(&r->pool, v);
	else if (strcmp(name, "usagecount") == 0) {
		char *end;
		errno = 0;
		long n = strtol(v, &end, 10);
		/* a count beyond 2^31 is not a count (and would overflow sums) */
		if (*end || end == v || n < 0 || errno == ERANGE || n > INT32_MAX) {
			size_t line, col;
			position(r, &line, &col);
			warn(r, line, col, "usagecount=\"%s\" is not a count (0 to 2147483647); ignored", v);
		} else {
			s->usage = n;
		}
	} else if (strcmp(name, "segtype") == 0 && level == A_TU && !segtype_ok(v)) {
		size_t line, col;
		position(r, &line, &col);
		warn(r, line, col, "tu: segtype=\"%s\" is not one of block, paragraph, sentence, "
		     "phrase; ignored", v);
	} else if (known_attr(name, level)) {
		if (attrs->len)
			termin_buf_putc(attrs, '\x1e');
		termin_buf_puts(attrs, name);
		termin_buf_putc(attrs, '\x1f');
		termin_buf_puts(attrs, v);
	} else {
		return 0;
	}
	return 1;
}

/* Normalises a language code; NONE (with the unit error set) when invalid. */
static int lang_attr(termin_tmx_reader *r, const char *v, char out[TERMIN_LANG_MAX],
                     const char *what)
{
	size_t line, col;
	int rc = termin_lang_normalize(v, out);
	if (rc >= 0) {
		if (rc == 1) {
			position(r, &line, &col);
			warn(r, line, col, "%s \"%s\" uses '_'; read as \"%s\"", what, v, out);
		}
		return 0;
	}
	position(r, &line, &col);
	const termin_error *e = termin_error_last();
	return invalid(r, line, col, "%s: %s", what, e ? e->message : "bad language code");
}

/* ======================= text content ======================= */

static void escape_text(termin_buf *b, const char *s, int attr)
{
	if (!attr) {
		/* text: runs up to the next character to escape (strcspn is
		 * vectorised; most texts have none) */
		for (;;) {
			size_t k = strcspn(s, "&<>\r");
			termin_buf_put(b, s, k);
			s += k;
			if (!*s)
				return;
			termin_buf_puts(b, *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
			                                                                         : "&#13;");
			s++;
		}
	}
	const char *run = s;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\t': rep = attr ? "&#9;" : NULL; break;
		case '\n': rep = attr ? "&#10;" : NULL; break;
		case '\r': rep = "&#13;"; break;
		}
		if (rep) {
			termin_buf_put(b, run, (size_t)(s - run));
			termin_buf_puts(b, rep);
			run = s + 1;
		}
	}
	termin_buf_put(b, run, (size_t)(s - run));
}

static int is_text_node(int t)
{
	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	       t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* Collects the text of the element the reader is on (prop, note) into
 * `out`. Child elements are not TMX there: their text is kept, the tags
 * dropped with a warning. */
static int read_text(termin_tmx_reader *r, termin_buf *out)
{
	int depth = xmlTextReaderDepth(r->x), rc;
	termin_buf_clear(out);
	if (xmlTextReaderIsEmptyElement(r->x))
		return 0;
	while ((rc = rd(r)) > 0) {
		int t = xmlTextReaderNodeType(r->x);
		if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r->x) == depth)
			return 0;
		if (is_text_node(t)) {
			const char *v = (const char *)xmlTextReaderConstValue(r->x);
			if (v)
				termin_buf_puts(out, v);
		} else if (t == XML_READER_TYPE_ELEMENT) {
			size_t line, col;
			position(r, &line, &col);
			warn(r, line, col, "<%s> inside a prop or note; its text is kept, the tag dropped",
			     (const char *)xmlTextReaderConstName(r->x));
		} else if (t == XML_READER_TYPE_ENTITY_REFERENCE) {
			size_t line, col;
			position(r, &line, &col);
			r->failed = 1;
			return invalid(r, line, col, "reference to the undeclared entity &%s;",
			               (const char *)xmlTextReaderConstName(r->x));
		}
	}
	if (rc == 0) {
		r->failed = 1;
		return invalid(r, 0, 0, "unexpected end of file");
	}
	return rc;
}

/* Reads a <prop> or <note> into the meta list of `pool`. */
static int read_meta(termin_tmx_reader *r, termin_buf *pool, meta_off **arr, size_t *n,
                     size_t *cap, int is_note)
{
	meta_off m = { is_note, NONE, NONE, NONE };
	char lang[TERMIN_LANG_MAX];
	int rc;
	while (xmlTextReaderMoveToNextAttribute(r->x) == 1) {
		const char *name = (const char *)xmlTextReaderConstName(r->x);
		const char *v = (const char *)xmlTextReaderConstValue(r->x);
		if (!is_note && strcmp(name, "type") == 0) {
			m.type = pool_adds(pool, v);
		} else if (strcmp(name, "xml:lang") == 0 || strcmp(name, "lang") == 0) {
			if (termin_lang_normalize(v, lang) >= 0) {
				m.lang = pool_adds(pool, lang);
			} else {
				size_t line, col;
				position(r, &line, &col);
				warn(r, line, col, "%s: xml:lang=\"%s\" is not a language code; ignored",
				     is_note ? "note" : "prop", v);
			}
		} else if (strcmp(name, "o-encoding") != 0 && strncmp(name, "xmlns", 5) != 0) {
			size_t line, col;
			position(r, &line, &col);
			warn(r, line, col, "%s: attribute '%s' is not TMX; ignored",
			     is_note ? "note" : "prop", name);
		}
	}
	xmlTextReaderMoveToElement(r->x);
	if (!is_note && m.type == NONE) {
		size_t line, col;
		position(r, &line, &col);
		warn(r, line, col, "prop without a type attribute; kept with an empty type");
		m.type = pool_adds(pool, "");
	}
	if ((rc = read_text(r, &r->tmp)) < 0)
		return rc;
	m.text = pool_add(pool, r->tmp.ptr ? r->tmp.ptr : "", r->tmp.len);
	TERMIN_GROW(*arr, *cap, *n + 1);
	(*arr)[(*n)++] = m;
	return 0;
}

/* ======================= <seg> ======================= */

/* The inline elements of TMX 1.4b with the attributes the DTD allows them
 * and the children it allows inside them: seg, hi and sub hold codes and
 * highlights; bpt, ept, it, ph and ut hold native code with sub-flows. */
enum { IN_SEG = -1, IN_BPT, IN_EPT, IN_IT, IN_PH, IN_HI, IN_SUB, IN_UT };
static const struct {
	const char *name;
	const char *attrs[4];
} inline_spec[] = {
	[IN_BPT] = { "bpt", { "i", "x", "type", NULL } },
	[IN_EPT] = { "ept", { "i", NULL } },
	[IN_IT] = { "it", { "pos", "x", "type", NULL } },
	[IN_PH] = { "ph", { "x", "assoc", "type", NULL } },
	[IN_HI] = { "hi", { "x", "type", NULL } },
	[IN_SUB] = { "sub", { "datatype", "type", NULL } },
	[IN_UT] = { "ut", { "x", NULL } },
};

/* The inline element `name` as an IN_ value, or -2 when it is not one. */
static int inline_element(const char *name)
{
	for (int i = 0; i < (int)TERMIN_ARRAY_SIZE(inline_spec); i++)
		if (strcmp(name, inline_spec[i].name) == 0)
			return i;
	return -2;
}

/* Whether the DTD allows element `child` directly inside `parent`. */
static int inline_allowed(int parent, int child)
{
	if (parent == IN_SEG || parent == IN_HI || parent == IN_SUB)
		return child != IN_SUB;
	return child == IN_SUB;
}

static int inline_attr_known(int kind, const char *name)
{
	for (int i = 0; inline_spec[kind].attrs[i]; i++)
		if (strcmp(name, inline_spec[kind].attrs[i]) == 0)
			return 1;
	return 0;
}

/* Whether text inside this element is native code (not plain text). */
static int code_element(const char *name)
{
	return strcmp(name, "hi") != 0;
}

static long num_attr(termin_tmx_reader *r, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(r->x, BAD_CAST name);
	long n = -1;
	if (v) {
		char *end;
		n = strtol((const char *)v, &end, 10);
		if (*end || end == (char *)v)
			n = -2;
		xmlFree(v);
	}
	return n;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* Checks the Level 2 pairing of bpt/ept by i, and records the x values. */
static void check_codes(termin_tmx_reader *r, const char *lang, size_t line, size_t col)
{
	long xs[256];
	size_t nx = 0;
	for (size_t i = 0; i < r->n_codes; i++) {
		struct code *c = &r->codes[i];
		if (c->x >= 0 && nx < TERMIN_ARRAY_SIZE(xs))
			xs[nx++] = c->x;
		if (c->kind != 'b' && c->kind != 'e')
			continue;
		int paired = 0;
		for (size_t j = 0; j < r->n_codes; j++)
			if (r->codes[j].kind == (c->kind == 'b' ? 'e' : 'b') && r->codes[j].i == c->i)
				paired = 1;
		if (!paired)
			warn(r, line, col, "%s: <%s i=\"%ld\"> has no matching <%s>; kept as it is", lang,
			     c->kind == 'b' ? "bpt" : "ept", c->i, c->kind == 'b' ? "ept" : "bpt");
	}
	qsort(xs, nx, sizeof *xs, cmp_long);
	termin_buf_clear(&r->xsig);
	for (size_t i = 0; i < nx; i++)
		termin_buf_printf(&r->xsig, "%ld,", xs[i]);
}

/* Serialises the content of the <seg> the reader is on into r->markup and
 * r->plain. */
static int read_seg(termin_tmx_reader *r, const char *lang)
{
	int depth = xmlTextReaderDepth(r->x), rc;
	int code_depth = 0; /* > 0 inside native code */
	int stack_code[64], stack_kind[64];
	size_t sp = 0;
	termin_buf_clear(&r->markup);
	termin_buf_clear(&r->plain);
	r->n_codes = 0;
	if (xmlTextReaderIsEmptyElement(r->x))
		return 0;
	while ((rc = rd(r)) > 0) {
		int t = xmlTextReaderNodeType(r->x);
		int d = xmlTextReaderDepth(r->x);
		if (t == XML_READER_TYPE_END_ELEMENT) {
			if (d == depth)
				return 0;
			const char *name = (const char *)xmlTextReaderConstName(r->x);
			termin_buf_puts(&r->markup, "</");
			termin_buf_puts(&r->markup, name);
			termin_buf_putc(&r->markup, '>');
			if (sp && stack_code[--sp])
				code_depth--;
		} else if (t == XML_READER_TYPE_ELEMENT) {
			const char *name = (const char *)xmlTextReaderConstName(r->x);
			int kind = inline_element(name), parent = sp ? stack_kind[sp - 1] : IN_SEG;
			if (kind < 0) {
				size_t line, col;
				position(r, &line, &col);
				return invalid(r, line, col, "<%s> is not a TMX inline element (in <seg> of %s)",
				               name, lang);
			}
			if (!inline_allowed(parent, kind)) {
				size_t line, col;
				position(r, &line, &col);
				return invalid(r, line, col, "<%s> is not allowed inside <%s> (in <seg> of %s)",
				               name, parent == IN_SEG ? "seg" : inline_spec[parent].name, lang);
			}
			if (kind == IN_BPT || kind == IN_EPT || kind == IN_IT) {
				const char *req = kind == IN_IT ? "pos" : "i";
				xmlChar *v = xmlTextReaderGetAttribute(r->x, BAD_CAST req);
				int bad = !v || (kind == IN_IT && strcmp((const char *)v, "begin") != 0 &&
				                 strcmp((const char *)v, "end") != 0);
				if (bad) {
					size_t line, col;
					position(r, &line, &col);
					rc = v ? invalid(r, line, col, "<it pos=\"%s\">: pos must be begin or end "
					                 "(in <seg> of %s)", (const char *)v, lang)
					       : invalid(r, line, col, "<%s> without its required attribute '%s' "
					                 "(in <seg> of %s)", name, req, lang);
					xmlFree(v);
					return rc;
				}
				xmlFree(v);
			}
			if (sp >= TERMIN_ARRAY_SIZE(stack_code)) {
				size_t line, col;
				position(r, &line, &col);
				return invalid(r, line, col, "inline elements nested too deeply");
			}
			int empty = xmlTextReaderIsEmptyElement(r->x);
			/* sub is translatable text inside native code: not plain either */
			int is_code = code_element(name);
			if (strcmp(name, "bpt") == 0 || strcmp(name, "ept") == 0 ||
			    strcmp(name, "it") == 0 || strcmp(name, "ph") == 0) {
				TERMIN_GROW(r->codes, r->cap_codes, r->n_codes + 1);
				r->codes[r->n_codes].kind = name[0] == 'b' ? 'b' : name[0] == 'e' ? 'e' : name[0];
				r->codes[r->n_codes].i = num_attr(r, "i");
				r->codes[r->n_codes].x = num_attr(r, "x");
				r->n_codes++;
			}
			termin_buf_putc(&r->markup, '<');
			termin_buf_puts(&r->markup, name);
			while (xmlTextReaderMoveToNextAttribute(r->x) == 1) {
				const char *an = (const char *)xmlTextReaderConstName(r->x);
				if (!inline_attr_known(kind, an)) {
					/* the DTD would not allow it in what we export */
					size_t line, col;
					position(r, &line, &col);
					warn(r, line, col, "%s: <%s> attribute '%s' is not TMX; dropped", lang, name,
					     an);
					continue;
				}
				termin_buf_putc(&r->markup, ' ');
				termin_buf_puts(&r->markup, an);
				termin_buf_puts(&r->markup, "=\"");
				escape_text(&r->markup, (const char *)xmlTextReaderConstValue(r->x), 1);
				termin_buf_putc(&r->markup, '"');
			}
			xmlTextReaderMoveToElement(r->x);
			if (empty) {
				termin_buf_puts(&r->markup, "/>");
			} else {
				termin_buf_putc(&r->markup, '>');
				stack_kind[sp] = kind;
				stack_code[sp++] = is_code;
				if (is_code)
					code_depth++;
			}
		} else if (is_text_node(t)) {
			const char *v = (const char *)xmlTextReaderConstValue(r->x);
			if (!v)
				continue;
			escape_text(&r->markup, v, 0);
			if (!code_depth)
				termin_buf_puts(&r->plain, v);
		} else if (t == XML_READER_TYPE_ENTITY_REFERENCE) {
			size_t line, col;
			position(r, &line, &col);
			r->failed = 1;
			return invalid(r, line, col, "reference to the undeclared entity &%s;",
			               (const char *)xmlTextReaderConstName(r->x));
		}
		/* comments and processing instructions inside seg are dropped */
	}
	if (rc == 0) {
		r->failed = 1;
		return invalid(r, 0, 0, "unexpected end of file inside <seg>");
	}
	return rc;
}

/* ======================= <tuv> ======================= */

static int read_tuv(termin_tmx_reader *r)
{
	var_off v;
	char lang[TERMIN_LANG_MAX];
	termin_buf attrs = TERMIN_BUF_INIT;
	int depth = xmlTextReaderDepth(r->x), rc = 0, have_lang = 0;
	size_t line, col;

	memset(&v, 0, sizeof v);
	stamp_init(&v.st);
	v.meta_first = r->n_meta;
	position(r, &line, &col);
	v.line = line;
	v.col = col;
	while (xmlTextReaderMoveToNextAttribute(r->x) == 1) {
		const char *name = (const char *)xmlTextReaderConstName(r->x);
		const char *val = (const char *)xmlTextReaderConstValue(r->x);
		if (strcmp(name, "xml:lang") == 0 || strcmp(name, "lang") == 0) {
			if ((rc = lang_attr(r, val, lang, "xml:lang")) < 0)
				goto done;
			have_lang = 1;
		} else if (!stamp_attr(r, &v.st, name, val, A_TUV, &attrs) && strncmp(name, "xmlns", 5)) {
			warn(r, line, col, "tuv: attribute '%s' is not TMX; ignored", name);
		}
	}
	xmlTextReaderMoveToElement(r->x);
	if (!have_lang) {
		rc = invalid(r, line, col, "<tuv> without xml:lang");
		goto done;
	}
	v.lang = pool_adds(&r->pool, lang);
	if (attrs.len)
		v.st.attrs = pool_add(&r->pool, attrs.ptr, attrs.len);
	if (xmlTextReaderIsEmptyElement(r->x)) {
		rc = invalid(r, line, col, "<tuv xml:lang=\"%s\"> without <seg>", lang);
		goto done;
	}
	while ((rc = rd(r)) > 0) {
		int t = xmlTextReaderNodeType(r->x);
		if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r->x) == depth)
			break;
		if (t == XML_READER_TYPE_ENTITY_REFERENCE) {
			position(r, &line, &col);
			r->failed = 1;
			rc = invalid(r, line, col, "reference to the undeclared entity &%s;",
			             (const char *)xmlTextReaderConstName(r->x));
			goto done;
		}
		if (t != XML_READER_TYPE_ELEMENT)
			continue;
		const char *name = (const char *)xmlTextReaderConstName(r->x);
		if (strcmp(name, "seg") == 0) {
			if (v.have_seg) {
				position(r, &line, &col);
				rc = invalid(r, line, col, "<tuv xml:lang=\"%s\"> has two <seg>", lang);
				goto done;
			}
			if ((rc = read_seg(r, lang)) < 0)
				goto done;
			v.have_seg = 1;
			v.markup = pool_add(&r->pool, r->markup.ptr ? r->markup.ptr : "", r->markup.len);
			v.markup_len = r->markup.len;
			v.text = pool_add(&r->pool, r->plain.ptr ? r->plain.ptr : "", r->plain.len);
			v.text_len = r->plain.len;
			check_codes(r, lang, v.line, v.col);
		} else if (strcmp(name, "prop") == 0 || strcmp(name, "note") == 0) {
			if (v.have_seg) {
				position(r, &line, &col);
				warn(r, line, col, "<%s> after <seg> (TMX puts it before); kept", name);
			}
			if ((rc = read_meta(r, &r->pool, &r->meta, &r->n_meta, &r->cap_meta,
			                    name[0] == 'n')) < 0)
				goto done;
		} else {
			position(r, &line, &col);
			warn(r, line, col, "<%s> is not TMX inside <tuv>; skipped", name);
			if ((rc = skip_subtree(r)) < 0)
				goto done;
		}
	}
	if (rc < 0)
		goto done;
	if (rc == 0) {
		r->failed = 1;
		rc = invalid(r, line, col, "unexpected end of file inside <tuv>");
		goto done;
	}
	if (!v.have_seg) {
		rc = invalid(r, v.line, col, "<tuv xml:lang=\"%s\"> without <seg>", lang);
		goto done;
	}
	v.n_meta = r->n_meta - v.meta_first;
	TERMIN_GROW(r->var, r->cap_var, r->n_var + 1);
	r->var[r->n_var++] = v;
	/* x values should agree across variants (Level 2) */
	if (!r->x_first_set) {
		termin_buf_clear(&r->xsig_first);
		termin_buf_put(&r->xsig_first, r->xsig.ptr ? r->xsig.ptr : "", r->xsig.len);
		r->x_first_set = 1;
	} else if (r->xsig.len != r->xsig_first.len ||
	           (r->xsig.len && memcmp(r->xsig.ptr, r->xsig_first.ptr, r->xsig.len) != 0)) {
		warn(r, v.line, v.col, "%s: the x attributes of its inline codes differ from the first variant's",
		     lang);
	}
	rc = 0;
done:
	termin_buf_free(&attrs);
	return rc;
}

/* ======================= <tu> ======================= */

/* Skips to the end of the <tu> after an error inside it. */
static void skip_unit(termin_tmx_reader *r, int depth)
{
	if (r->failed)
		return;
	while (1) {
		int t = xmlTextReaderNodeType(r->x);
		if (xmlTextReaderDepth(r->x) == depth &&
		    (t == XML_READER_TYPE_END_ELEMENT ||
		     (t == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(r->x))))
			return;
		if (rd(r) <= 0) {
			r->failed = 1;
			return;
		}
	}
}

static void fill_stamp(const termin_buf *p, const stamp_off *o, termin_tmx_stamp *s)
{
	s->created = o->created;
	s->changed = o->changed;
	s->last_used = o->last_used;
	s->usage = o->usage;
	s->created_by = at(p, o->created_by);
	s->changed_by = at(p, o->changed_by);
	s->attrs = at(p, o->attrs);
}

/* Points the public records (meta_pub, var_pub) into the pool; again
 * after anything is added to the pool, which may move it. */
static void publish(termin_tmx_reader *r)
{
	const termin_buf *p = &r->pool;
	size_t i;

	TERMIN_GROW(r->meta_pub, r->cap_meta_pub, r->n_meta);
	for (i = 0; i < r->n_meta; i++) {
		r->meta_pub[i].is_note = r->meta[i].is_note;
		r->meta_pub[i].type = at(p, r->meta[i].type);
		r->meta_pub[i].lang = at(p, r->meta[i].lang);
		r->meta_pub[i].text = at(p, r->meta[i].text);
	}
	TERMIN_GROW(r->var_pub, r->cap_var_pub, r->n_var);
	for (i = 0; i < r->n_var; i++) {
		termin_tmx_variant *v = &r->var_pub[i];
		const var_off *o = &r->var[i];
		v->lang = at(p, o->lang);
		v->markup = at(p, o->markup);
		v->markup_len = o->markup_len;
		v->text = at(p, o->text);
		v->text_len = o->text_len;
		fill_stamp(p, &o->st, &v->stamp);
		/* meta_pub is NULL while no unit had props or notes */
		v->meta = o->n_meta ? r->meta_pub + o->meta_first : r->meta_pub;
		v->n_meta = o->n_meta;
		v->line = o->line;
	}
}

/* Decides the unit's source language and makes the public record. */
static int finish_unit(termin_tmx_reader *r, size_t line, size_t col, const char *declared)
{
	termin_tmx_unit *u = &r->unit;
	const termin_buf *p = &r->pool;
	size_t i;

	if (r->n_var == 0)
		return invalid(r, line, col, "<tu> without any <tuv>");

	publish(r);

	/* the source variant: exact, else same primary language, else none */
	const char *src = declared;
	if (strcmp(src, "*all*") != 0) {
		int found = 0;
		for (i = 0; i < r->n_var && !found; i++)
			found = strcasecmp(r->var_pub[i].lang, src) == 0;
		if (!found) {
			char prim[TERMIN_LANG_MAX];
			size_t k = strcspn(src, "-");
			memcpy(prim, src, k);
			prim[k] = '\0';
			const char *alt = NULL;
			for (i = 0; i < r->n_var && !alt; i++)
				if (termin_lang_matches(r->var_pub[i].lang, prim) ||
				    termin_lang_matches(src, r->var_pub[i].lang))
					alt = r->var_pub[i].lang;
			if (alt) {
				warn(r, line, col, "no variant in the source language %s; %s taken as the source",
				     src, alt);
				src = alt;
			} else {
				warn(r, line, col, "no variant in the source language %s; the unit has no source",
				     src);
			}
		}
	}
	/* src may point into the pool, which adding to it may move */
	char *src_copy = termin__xstrdup(src);
	r->srclang = pool_adds(&r->pool, src_copy);
	free(src_copy);
	publish(r);

	/* an empty target is kept (an untranslated unit) */
	for (i = 0; i < r->n_var; i++)
		if (r->var_pub[i].markup_len == 0)
			warn(r, r->var_pub[i].line, r->var[i].col, "empty <seg> in %s; kept as untranslated",
			     r->var_pub[i].lang);

	u->tuid = at(p, r->tuid);
	u->srclang = at(p, r->srclang);
	fill_stamp(p, &r->st, &u->stamp);
	u->meta = r->meta_pub;
	u->n_meta = r->u_meta_n;
	u->variants = r->var_pub;
	u->n_variants = r->n_var;
	u->line = line;
	u->column = col;
	return 1;
}

/* Reads the <tu> the reader is on. */
static int read_tu(termin_tmx_reader *r)
{
	int depth = xmlTextReaderDepth(r->x), rc = 0;
	size_t line, col;
	char lang[TERMIN_LANG_MAX];
	const char *declared = r->src_all ? "*all*" : r->header_src;
	termin_buf attrs = TERMIN_BUF_INIT;

	termin_buf_clear(&r->pool);
	r->n_meta = r->n_var = 0;
	r->tuid = r->srclang = NONE;
	r->u_meta_n = 0;
	r->x_first_set = 0;
	stamp_init(&r->st);
	position(r, &line, &col);
	while (xmlTextReaderMoveToNextAttribute(r->x) == 1) {
		const char *name = (const char *)xmlTextReaderConstName(r->x);
		const char *v = (const char *)xmlTextReaderConstValue(r->x);
		if (strcmp(name, "tuid") == 0) {
			r->tuid = pool_adds(&r->pool, v);
		} else if (strcmp(name, "srclang") == 0) {
			if (strcmp(v, "*all*") == 0) {
				declared = "*all*";
			} else {
				if ((rc = lang_attr(r, v, lang, "srclang")) < 0)
					goto done;
				declared = lang;
			}
		} else if (!stamp_attr(r, &r->st, name, v, A_TU, &attrs) && strncmp(name, "xmlns", 5)) {
			warn(r, line, col, "tu: attribute '%s' is not TMX; ignored", name);
		}
	}
	xmlTextReaderMoveToElement(r->x);
	if (attrs.len)
		r->st.attrs = pool_add(&r->pool, attrs.ptr, attrs.len);
	if (xmlTextReaderIsEmptyElement(r->x)) {
		rc = invalid(r, line, col, "<tu> without any <tuv>");
		goto done;
	}
	while ((rc = rd(r)) > 0) {
		int t = xmlTextReaderNodeType(r->x);
		if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r->x) == depth)
			break;
		if (t == XML_READER_TYPE_ENTITY_REFERENCE) {
			size_t l2, c2;
			position(r, &l2, &c2);
			r->failed = 1;
			rc = invalid(r, l2, c2, "reference to the undeclared entity &%s;",
			             (const char *)xmlTextReaderConstName(r->x));
			goto done;
		}
		if (t != XML_READER_TYPE_ELEMENT)
			continue;
		const char *name = (const char *)xmlTextReaderConstName(r->x);
		if (strcmp(name, "tuv") == 0) {
			if ((rc = read_tuv(r)) < 0)
				goto done;
		} else if (strcmp(name, "prop") == 0 || strcmp(name, "note") == 0) {
			if (r->n_var) {
				size_t l2, c2;
				position(r, &l2, &c2);
				rc = invalid(r, l2, c2, "<%s> after a <tuv>: it cannot be told whose it is", name);
				goto done;
			}
			if ((rc = read_meta(r, &r->pool, &r->meta, &r->n_meta, &r->cap_meta,
			                    name[0] == 'n')) < 0)
				goto done;
			r->u_meta_n = r->n_meta;
		} else {
			size_t l2, c2;
			position(r, &l2, &c2);
			warn(r, l2, c2, "<%s> is not TMX inside <tu>; skipped", name);
			if ((rc = skip_subtree(r)) < 0)
				goto done;
		}
	}
	if (rc < 0)
		goto done;
	if (rc == 0) {
		r->failed = 1;
		rc = invalid(r, line, col, "unexpected end of file inside <tu>");
		goto done;
	}
	rc = finish_unit(r, line, col, declared);
done:
	if (rc < 0)
		skip_unit(r, depth);
	termin_buf_free(&attrs);
	return rc;
}

/* ======================= the document ======================= */


static int read_header(termin_tmx_reader *r)
{
	static const char *const names[] = { "creationtool", "creationtoolversion", "segtype",
	                                     "o-tmf", "adminlang", "srclang", "datatype", NULL };
	size_t line, col;
	int rc, have[8] = { 0 };
	termin_tmx_info *in = &r->info;

	position(r, &line, &col);
	in->creationdate = TERMIN_NODATE;
	for (int i = 0; i < 8; i++)
		r->hoff[i] = NONE;
	while (xmlTextReaderMoveToNextAttribute(r->x) == 1) {
		const char *name = (const char *)xmlTextReaderConstName(r->x);
		const char *v = (const char *)xmlTextReaderConstValue(r->x);
		int k;
		for (k = 0; names[k] && strcmp(names[k], name) != 0; k++)
			;
		if (names[k]) {
			have[k] = 1;
			r->hoff[k] = pool_adds(&r->hpool, v);
		} else if (strcmp(name, "creationdate") == 0) {
			in->creationdate = date_attr(r, name, v);
		} else if (strcmp(name, "o-encoding") && strcmp(name, "creationid") &&
		           strcmp(name, "changedate") && strcmp(name, "changeid") &&
		           strncmp(name, "xmlns", 5)) {
			warn(r, line, col, "header: attribute '%s' is not TMX; ignored", name);
		}
	}
	xmlTextReaderMoveToElement(r->x);
	for (int k = 0; names[k]; k++)
		if (!have[k])
			warn(r, line, col, "header: the required attribute '%s' is missing", names[k]);
	if (r->hoff[2] != NONE) {
		const char *seg = at(&r->hpool, r->hoff[2]);
		if (strcmp(seg, "block") && strcmp(seg, "paragraph") && strcmp(seg, "sentence") &&
		    strcmp(seg, "phrase"))
			warn(r, line, col, "header: segtype=\"%s\" is not one of block, paragraph, sentence, phrase",
			     seg);
	}
	if (!have[5]) {
		r->src_all = 1;
		warn(r, line, col, "header: no srclang; any variant may be the source (*all*)");
	} else {
		const char *s = at(&r->hpool, r->hoff[5]);
		if (strcmp(s, "*all*") == 0) {
			r->src_all = 1;
		} else if ((rc = lang_attr(r, s, r->header_src, "header srclang")) < 0) {
			r->failed = 1;
			return rc;
		}
	}
	if (!xmlTextReaderIsEmptyElement(r->x)) {
		int depth = xmlTextReaderDepth(r->x);
		while ((rc = rd(r)) > 0) {
			int t = xmlTextReaderNodeType(r->x);
			if (t == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r->x) == depth)
				break;
			if (t != XML_READER_TYPE_ELEMENT)
				continue;
			const char *name = (const char *)xmlTextReaderConstName(r->x);
			if (strcmp(name, "prop") == 0 || strcmp(name, "note") == 0) {
				if ((rc = read_meta(r, &r->hpool, &r->hmeta, &r->n_hmeta, &r->cap_hmeta,
				                    name[0] == 'n')) < 0) {
					r->failed = 1;
					return rc;
				}
			} else if (strcmp(name, "ude") == 0) {
				/* user-defined encodings describe o-encoding: nothing to keep */
				if ((rc = skip_subtree(r)) < 0)
					return rc;
			} else {
				size_t l2, c2;
				position(r, &l2, &c2);
				warn(r, l2, c2, "<%s> is not TMX inside <header>; skipped", name);
				if ((rc = skip_subtree(r)) < 0)
					return rc;
			}
		}
		if (rc < 0)
			return rc;
		if (rc == 0) {
			r->failed = 1;
			return invalid(r, line, col, "unexpected end of file inside <header>");
		}
	}
	/* the public view of the header */
	r->hmeta_pub = termin__xcalloc(r->n_hmeta + 1, sizeof *r->hmeta_pub);
	for (size_t i = 0; i < r->n_hmeta; i++) {
		r->hmeta_pub[i].is_note = r->hmeta[i].is_note;
		r->hmeta_pub[i].type = at(&r->hpool, r->hmeta[i].type);
		r->hmeta_pub[i].lang = at(&r->hpool, r->hmeta[i].lang);
		r->hmeta_pub[i].text = at(&r->hpool, r->hmeta[i].text);
	}
	in->creationtool = at(&r->hpool, r->hoff[0]);
	in->creationtoolversion = at(&r->hpool, r->hoff[1]);
	in->segtype = at(&r->hpool, r->hoff[2]);
	in->o_tmf = at(&r->hpool, r->hoff[3]);
	in->adminlang = at(&r->hpool, r->hoff[4]);
	in->srclang = r->src_all ? "*all*" : r->header_src;
	in->datatype = at(&r->hpool, r->hoff[6]);
	in->meta = r->hmeta_pub;
	in->n_meta = r->n_hmeta;
	return 0;
}

/* Reads from the start of the document to the end of the header. */
static int read_prolog(termin_tmx_reader *r)
{
	int rc, seen_root = 0;
	size_t line, col;
	while ((rc = rd(r)) > 0) {
		int t = xmlTextReaderNodeType(r->x);
		if (t == XML_READER_TYPE_DOCUMENT_TYPE) {
			if (doctype_declares_entities(r))
				return refuse_doctype(r);
			continue;
		}
		if (t != XML_READER_TYPE_ELEMENT)
			continue;
		const char *name = (const char *)xmlTextReaderConstName(r->x);
		position(r, &line, &col);
		if (!seen_root) {
			if (strcmp(name, "tmx") != 0) {
				r->failed = 1;
				return invalid(r, line, col, "not a TMX file: the root element is <%s>", name);
			}
			seen_root = 1;
			xmlChar *v = xmlTextReaderGetAttribute(r->x, BAD_CAST "version");
			const char *ver = v ? (const char *)v : "";
			size_t k = pool_adds(&r->hpool, ver);
			r->info.version = NULL;
			r->hoff[7] = k;
			if (strcmp(ver, "1.1") && strcmp(ver, "1.2") && strcmp(ver, "1.3") &&
			    strcmp(ver, "1.4") && strcmp(ver, "1.4b"))
				warn(r, line, col, "TMX version \"%s\" is not 1.1 to 1.4b; read as 1.4", ver);
			xmlFree(v);
			if (xmlTextReaderIsEmptyElement(r->x)) {
				r->failed = 1;
				return invalid(r, line, col, "<tmx> is empty: no header, no body");
			}
			continue;
		}
		if (strcmp(name, "header") == 0) {
			if ((rc = read_header(r)) < 0)
				return rc;
			r->info.version = at(&r->hpool, r->hoff[7]);
			return 0;
		}
		r->failed = 1;
		return invalid(r, line, col, "<%s> where the TMX <header> should be", name);
	}
	if (rc == 0) {
		r->failed = 1;
		return invalid(r, 1, 1, seen_root ? "TMX without a <header>" : "empty file: no XML element");
	}
	return rc;
}

int termin_tmx_reader_open(termin_tmx_reader **out, const char *path,
                           const termin_tmx_reader_opts *opts)
{
	static const termin_tmx_reader_opts defaults = TERMIN_TMX_READER_OPTS_INIT;
	termin_tmx_reader *r = termin__xcalloc(1, sizeof *r);
	struct stat st;
	int rc;

	*out = NULL;
	r->opts = opts ? *opts : defaults;
	r->name = termin__xstrdup(strcmp(path, "-") == 0 ? "standard input" : path);
	if (strcmp(path, "-") == 0) {
		r->f = stdin;
	} else {
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			rc = termin__error_set(TERMIN_EIO, "%s: is a directory", path);
			goto fail;
		}
		r->f = fopen(path, "rb");
		if (!r->f) {
			rc = termin__error_errno(TERMIN_EIO, errno, "%s: cannot open", path);
			goto fail;
		}
		r->own_f = 1;
		if (fstat(fileno(r->f), &st) == 0 && S_ISREG(st.st_mode))
			r->size = (uint64_t)st.st_size;
	}
	/* no NOENT, no DTDLOAD, no DTDVALID, no NOBLANKS (it could eat spaces in <seg>) */
	r->x = xmlReaderForIO(io_read, io_close, r, r->name, NULL,
	                      XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
	if (!r->x) {
		rc = termin__error_set(TERMIN_EIO, "%s: cannot start the XML reader", r->name);
		goto fail;
	}
	xmlTextReaderSetStructuredErrorHandler(r->x, on_xml_error, r);
	if ((rc = read_prolog(r)) < 0)
		goto fail;
	*out = r;
	return 0;
fail:
	termin_tmx_reader_free(r);
	return rc;
}

const termin_tmx_info *termin_tmx_reader_info(const termin_tmx_reader *r)
{
	return &r->info;
}

int termin_tmx_reader_next(termin_tmx_reader *r, const termin_tmx_unit **out)
{
	int rc;
	*out = NULL;
	if (r->failed)
		return fatal(r);
	if (r->at_end)
		return 0;
	while ((rc = rd(r)) > 0) {
		int t = xmlTextReaderNodeType(r->x);
		if (t == XML_READER_TYPE_ENTITY_REFERENCE) {
			size_t line, col;
			position(r, &line, &col);
			r->failed = 1;
			return invalid(r, line, col, "reference to the undeclared entity &%s;",
			               (const char *)xmlTextReaderConstName(r->x));
		}
		if (t != XML_READER_TYPE_ELEMENT)
			continue;
		const char *name = (const char *)xmlTextReaderConstName(r->x);
		int d = xmlTextReaderDepth(r->x);
		if (strcmp(name, "tu") == 0 && d == 2) {
			rc = read_tu(r);
			if (rc > 0)
				*out = &r->unit;
			return rc;
		}
		if (strcmp(name, "body") == 0 && d == 1)
			continue;
		size_t line, col;
		position(r, &line, &col);
		warn(r, line, col, "<%s> is not TMX here; skipped", name);
		if ((rc = skip_subtree(r)) < 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	r->at_end = 1;
	return 0;
}

void termin__tmx_reader_set_warn(termin_tmx_reader *r, void (*fn)(void *ctx, const char *msg),
                                 void *ctx)
{
	r->opts.warn = fn;
	r->opts.ctx = ctx;
}

int termin_tmx_reader_failed(const termin_tmx_reader *r)
{
	return r->failed;
}

uint64_t termin_tmx_reader_bytes(const termin_tmx_reader *r)
{
	return r->bytes;
}

uint64_t termin_tmx_reader_size(const termin_tmx_reader *r)
{
	return r->size;
}

uint64_t termin_tmx_reader_digest(const termin_tmx_reader *r)
{
	return r->digest;
}

void termin_tmx_reader_free(termin_tmx_reader *r)
{
	if (!r)
		return;
	if (r->x)
		xmlFreeTextReader(r->x);
	if (r->own_f && r->f)
		fclose(r->f);
	free(r->name);
	termin_buf_free(&r->hpool);
	free(r->hmeta);
	free(r->hmeta_pub);
	termin_buf_free(&r->pool);
	free(r->meta);
	free(r->var);
	free(r->meta_pub);
	free(r->var_pub);
	termin_buf_free(&r->markup);
	termin_buf_free(&r->plain);
	termin_buf_free(&r->tmp);
	free(r->codes);
	free(r->q);
	termin_buf_free(&r->xsig);
	termin_buf_free(&r->xsig_first);
	free(r);
}
