/*
 * check_input.c - what termin check reads: TMX (streamed), XLIFF 1.2 and
 * 2.0 (a tree, read as untrusted XML), two-column TSV, plain text through
 * the segmenter, and the TM database. Each unit goes to the checker as it
 * is read.
 */
#include "check_internal.h"
#include "xml_internal.h"
#include "termin/tmx.h"
#include "termin/lang.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>

static const char *primary_or(const char *a, const char *b)
{
	return a && *a ? a : b;
}

/* ---- TMX ---- */

static const termin_tmx_variant *find_variant(const termin_tmx_unit *u, const char *range, int not_index)
{
	for (size_t i = 0; i < u->n_variants; i++)
		if ((int)i != not_index && termin_lang_matches(u->variants[i].lang, range))
			return &u->variants[i];
	return NULL;
}

/* The texts and markup of a unit from its source variant and its target
 * variant (NULL: untranslated, an empty target). */
static void set_texts(termin_check_unit *cu, const termin_tmx_variant *sv,
                      const termin_tmx_variant *tv)
{
	cu->source = sv->text;
	cu->source_len = sv->text_len;
	cu->target = tv ? tv->text : "";
	cu->target_len = tv ? tv->text_len : 0;
	cu->source_markup = sv->markup;
	cu->source_markup_len = sv->markup_len;
	cu->target_markup = tv ? tv->markup : NULL;
	cu->target_markup_len = tv ? tv->markup_len : 0;
}

static int check_tmx(termin_checker *ck, const char *path, const termin_check_input_opts *o)
{
	termin_tmx_reader_opts ro = TERMIN_TMX_READER_OPTS_INIT;
	termin_tmx_reader *r = NULL;
	const termin_tmx_unit *u;
	int rc;
	size_t count = 0;
	char tgt_guess[TERMIN_LANG_MAX] = "";

	ro.warn = o->warn;
	ro.ctx = o->ctx;
	if ((rc = termin_tmx_reader_open(&r, path, &ro)) < 0)
		return rc;
	const termin_tmx_info *info = termin_tmx_reader_info(r);
	while ((rc = termin_tmx_reader_next(r, &u)) > 0) {
		const char *src = o->src;
		if (!src)
			src = u->srclang && strcmp(u->srclang, "*all*") != 0 ? u->srclang
			      : info->srclang && strcmp(info->srclang, "*all*") != 0 ? info->srclang : "en";
		const termin_tmx_variant *sv = find_variant(u, src, -1), *tv = NULL;
		if (!sv)
			continue;   /* the unit has no source-language variant */
		if (o->tgt)
			tv = find_variant(u, o->tgt, (int)(sv - u->variants));
		else
			for (size_t i = 0; i < u->n_variants && !tv; i++)
				if (&u->variants[i] != sv && !termin_lang_matches(u->variants[i].lang, src))
					tv = &u->variants[i];
		if (tv && !tgt_guess[0])
			snprintf(tgt_guess, sizeof tgt_guess, "%s", tv->lang);
		termin_check_unit cu = { 0 };
		cu.file = path;
		cu.line = sv->line ? sv->line : u->line;
		cu.tuid = u->tuid;
		cu.src_lang = sv->lang;
		cu.tgt_lang = tv ? tv->lang : primary_or(o->tgt, tgt_guess[0] ? tgt_guess : "ru");
		set_texts(&cu, sv, tv);
		if ((rc = termin_checker_add(ck, &cu)) < 0)
			break;
		if ((++count & 1023) == 0 && o->progress)
			o->progress(o->ctx, path, termin_tmx_reader_bytes(r), termin_tmx_reader_size(r));
	}
	termin_tmx_reader_free(r);
	return rc < 0 ? rc : 0;
}

/* ---- XLIFF ---- */

static int is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? termin__xstrdup((const char *)v) : NULL;
	if (v)
		xmlFree(v);
	return s;
}

/* The plain text of an XLIFF segment: text and the text inside g, mrk, pc;
 * not the native codes inside ph, bpt, ept, it (1.2). */
static void plain_text(termin_buf *b, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				termin_buf_puts(b, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE) {
			if (is_el(c, "ph") || is_el(c, "bpt") || is_el(c, "ept") || is_el(c, "it") || is_el(c, "sub"))
				continue;
			plain_text(b, c);
		}
	}
}

/* The inline markup as "<name id="..">" tags, enough for tag-mismatch. */
static void markup(termin_buf *b, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		char *id = attr(c, "id");
		if (!id)
			id = attr(c, "rid");
		termin_buf_printf(b, "<%s%s%s%s>", (const char *)c->name, id ? " id=\"" : "", id ? id : "", id ? "\"" : "");
		free(id);
		if (!is_el(c, "ph") && !is_el(c, "bpt") && !is_el(c, "ept") && !is_el(c, "it"))
			markup(b, c);
	}
}

typedef struct {
	termin_checker *ck;
	const char *path;
	const char *src, *tgt;
	int rc;
} xliff_ctx;

static void feed(xliff_ctx *x, const xmlNode *where, const char *id, const xmlNode *source, const xmlNode *target)
{
	termin_buf s = TERMIN_BUF_INIT, t = TERMIN_BUF_INIT, sm = TERMIN_BUF_INIT, tm = TERMIN_BUF_INIT;
	if (x->rc < 0)
		return;
	plain_text(&s, source);
	markup(&sm, source);
	if (target) {
		plain_text(&t, target);
		markup(&tm, target);
	}
	termin_check_unit u = { 0 };
	u.file = x->path;
	u.line = (size_t)termin__xml_line(where);
	u.tuid = id;
	u.src_lang = x->src;
	u.tgt_lang = x->tgt;
	u.source = s.ptr ? s.ptr : "";
	u.source_len = s.len;
	u.target = t.ptr ? t.ptr : "";
	u.target_len = t.len;
	u.source_markup = sm.ptr ? sm.ptr : "";
	u.source_markup_len = sm.len;
	u.target_markup = tm.ptr ? tm.ptr : "";
	u.target_markup_len = tm.len;
	x->rc = termin_checker_add(x->ck, &u);
	termin_buf_free(&s);
	termin_buf_free(&t);
	termin_buf_free(&sm);
	termin_buf_free(&tm);
}

/* XLIFF 1.2: trans-unit elements anywhere under body (groups nest). */
static void walk12(xliff_ctx *x, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c && x->rc >= 0; c = c->next) {
		if (is_el(c, "trans-unit")) {
			const xmlNode *src = child(c, "source");
			if (!src) {
				x->rc = termin__error_set(TERMIN_EINVALID, "%s:%ld: <trans-unit> without <source>", x->path,
				                          termin__xml_line(c));
				return;
			}
			char *id = attr(c, "id");
			feed(x, c, id, src, child(c, "target"));
			free(id);
		} else if (c->type == XML_ELEMENT_NODE) {
			walk12(x, c);
		}
	}
}

/* XLIFF 2.0: unit > segment > source/target; a unit with several
 * segments gives "unit#segment" ids. */
static void walk20(xliff_ctx *x, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c && x->rc >= 0; c = c->next) {
		if (is_el(c, "unit")) {
			char *id = attr(c, "id");
			size_t nseg = 0, k = 0;
			for (const xmlNode *s = c->children; s; s = s->next)
				nseg += is_el(s, "segment");
			for (const xmlNode *s = c->children; s && x->rc >= 0; s = s->next) {
				if (!is_el(s, "segment"))
					continue;
				const xmlNode *src = child(s, "source");
				k++;
				if (!src) {
					x->rc = termin__error_set(TERMIN_EINVALID, "%s:%ld: <segment> without <source>", x->path,
					                          termin__xml_line(s));
					break;
				}
				char *sid = attr(s, "id");
				termin_buf full = TERMIN_BUF_INIT;
				if (nseg > 1)
					termin_buf_printf(&full, "%s#%s", id ? id : "", sid ? sid : "");
				else if (id)
					termin_buf_puts(&full, id);
				(void)k;
				feed(x, s, full.ptr, src, child(s, "target"));
				termin_buf_free(&full);
				free(sid);
			}
			free(id);
		} else if (c->type == XML_ELEMENT_NODE) {
			walk20(x, c);
		}
	}
}

static int check_xliff(termin_checker *ck, const char *path, const termin_check_input_opts *o)
{
	xmlDocPtr doc;
	int rc = termin__xml_read(&doc, path, "an XLIFF document");
	if (rc < 0)
		return rc;
	xmlNode *root = xmlDocGetRootElement(doc);
	char *version = NULL, *src = NULL, *tgt = NULL;
	xliff_ctx x = { ck, path, NULL, NULL, 0 };
	if (!root || strcmp((const char *)root->name, "xliff") != 0) {
		rc = termin__error_set(TERMIN_EINVALID, "%s:%ld: the root element is <%s>, not <xliff>", path,
		                       root ? termin__xml_line(root) : 1L, root ? (const char *)root->name : "");
		goto done;
	}
	version = attr(root, "version");
	if (version && strncmp(version, "2.", 2) == 0) {
		src = attr(root, "srcLang");
		tgt = attr(root, "trgLang");
		x.src = o->src ? o->src : src;
		x.tgt = o->tgt ? o->tgt : tgt;
		if (!x.src) {
			rc = termin__error_set(TERMIN_EINVALID, "%s:%ld: <xliff> has no srcLang (or give --src)", path,
			                       termin__xml_line(root));
			goto done;
		}
		if (!x.tgt)
			x.tgt = "ru";
		walk20(&x, root);
	} else if (version && (strcmp(version, "1.2") == 0 || strcmp(version, "1.1") == 0 || strcmp(version, "1.0") == 0)) {
		for (const xmlNode *f = root->children; f && x.rc >= 0; f = f->next) {
			if (!is_el(f, "file"))
				continue;
			free(src);
			free(tgt);
			src = attr(f, "source-language");
			tgt = attr(f, "target-language");
			x.src = o->src ? o->src : src;
			x.tgt = o->tgt ? o->tgt : tgt ? tgt : "ru";
			if (!x.src) {
				rc = termin__error_set(TERMIN_EINVALID, "%s:%ld: <file> has no source-language (or give --src)",
				                       path, termin__xml_line(f));
				goto done;
			}
			walk12(&x, f);
		}
	} else {
		rc = termin__error_set(TERMIN_EUNSUPPORTED, "%s:%ld: XLIFF version \"%s\" is not supported (1.2 or 2.0)",
		                       path, termin__xml_line(root), version ? version : "");
		goto done;
	}
	rc = x.rc;
done:
	free(version);
	free(src);
	free(tgt);
	xmlFreeDoc(doc);
	return rc < 0 ? rc : 0;
}

/* ---- TSV ---- */

static int looks_like_lang(const char *s, size_t n)
{
	char code[TERMIN_LANG_MAX], tmp[TERMIN_LANG_MAX];
	if (n == 0 || n >= sizeof tmp || n > 12)
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return termin_lang_normalize(tmp, code) >= 0;
}

static int check_tsv(termin_checker *ck, const char *path, const termin_check_input_opts *o)
{
	char *data;
	size_t len, lineno = 0;
	int rc = termin__read_file(path, &data, &len);
	char src[TERMIN_LANG_MAX], tgt[TERMIN_LANG_MAX];
	if (rc < 0)
		return rc;
	snprintf(src, sizeof src, "%s", o->src ? o->src : "en");
	snprintf(tgt, sizeof tgt, "%s", o->tgt ? o->tgt : "ru");
	size_t off = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	char *p = data + off, *end = data + len;
	while (p < end && rc == 0) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		lineno++;
		if (n && p[n - 1] == '\r')
			n--;
		if (termin__utf8_valid_prefix(p, n, NULL) != n) {
			rc = termin__error_set(TERMIN_EENCODING, "%s:%zu: not valid UTF-8", path, lineno);
			break;
		}
		char *tab = memchr(p, '\t', n);
		if (n == 0 || (p[0] == '#' && !tab))
			goto next;
		if (!tab) {
			rc = termin__error_set(TERMIN_EINVALID, "%s:%zu: expected two tab-separated columns (source TAB target)",
			                       path, lineno);
			break;
		}
		char *t = tab + 1;
		char *tab2 = memchr(t, '\t', (size_t)(p + n - t));
		size_t tl = tab2 ? (size_t)(tab2 - t) : (size_t)(p + n - t);
		/* a header naming the languages: "en<TAB>ru" */
		if (lineno == 1 && looks_like_lang(p, (size_t)(tab - p)) && looks_like_lang(t, tl)) {
			if (!o->src)
				snprintf(src, sizeof src, "%.*s", (int)(tab - p), p);
			if (!o->tgt)
				snprintf(tgt, sizeof tgt, "%.*s", (int)tl, t);
			goto next;
		}
		termin_check_unit u = { 0 };
		u.file = path;
		u.line = lineno;
		u.src_lang = src;
		u.tgt_lang = tgt;
		u.source = p;
		u.source_len = (size_t)(tab - p);
		u.target = t;
		u.target_len = tl;
		rc = termin_checker_add(ck, &u);
	next:
		p = nl ? nl + 1 : end;
	}
	free(data);
	return rc;
}

/* ---- plain text ---- */

static int check_text(termin_checker *ck, const char *path, const termin_check_input_opts *o)
{
	termin_textfile_opts def = TERMIN_TEXTFILE_OPTS_INIT;
	termin_textfile *tf = NULL;
	termin_segstream *ss = NULL;
	termin_segmenter *own = NULL, *seg = o->segmenter;
	termin_segment s;
	struct stat st;
	uint64_t total = 0;
	size_t count = 0;
	int rc;

	if (!seg && (rc = termin_segmenter_new(&own, NULL)) < 0)
		return rc;
	if (!seg)
		seg = own;
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0)
		total = (uint64_t)st.st_size;
	if ((rc = termin_textfile_open(&tf, path, o->text ? o->text : &def)) < 0)
		goto done;
	if ((rc = termin_segstream_new(&ss, tf, seg, o->src ? o->src : "auto")) < 0)
		goto done;
	while ((rc = termin_segstream_next(ss, &s)) > 0) {
		termin_check_unit u = { 0 };
		u.file = termin_textfile_name(tf);
		u.line = s.line;
		u.src_lang = s.lang;
		u.source = s.text;
		u.source_len = s.len;
		if ((rc = termin_checker_add(ck, &u)) < 0)
			break;
		if ((++count & 4095) == 0 && o->progress && total) {
			termin_textfile_stats ts;
			termin_textfile_get_stats(tf, &ts);
			o->progress(o->ctx, path, ts.bytes, total);
		}
	}
done:
	termin_segstream_free(ss);
	termin_textfile_free(tf);
	termin_segmenter_free(own);
	return rc < 0 ? rc : 0;
}

/* ---- dispatch ---- */

/* Guesses the format from the extension, then from the first bytes. */
static termin_check_format sniff(const char *path)
{
	if (termin__path_has_suffix(path, ".tmx"))
		return TERMIN_CHECK_TMX;
	if (termin__path_has_suffix(path, ".xlf") || termin__path_has_suffix(path, ".xliff") || termin__path_has_suffix(path, ".sdlxliff") ||
	    termin__path_has_suffix(path, ".mqxliff"))
		return TERMIN_CHECK_XLIFF;
	if (termin__path_has_suffix(path, ".tsv") || termin__path_has_suffix(path, ".tab"))
		return TERMIN_CHECK_TSV;
	FILE *f = strcmp(path, "-") == 0 ? NULL : fopen(path, "rb");
	char buf[4096];
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	if (strstr(buf, "<tmx"))
		return TERMIN_CHECK_TMX;
	if (strstr(buf, "<xliff"))
		return TERMIN_CHECK_XLIFF;
	char *nl = strchr(buf, '\n');
	if (nl && memchr(buf, '\t', (size_t)(nl - buf)))
		return TERMIN_CHECK_TSV;
	return TERMIN_CHECK_TEXT;
}

int termin_check_file(termin_checker *ck, const char *path, const termin_check_input_opts *opts)
{
	termin_check_input_opts def = TERMIN_CHECK_INPUT_OPTS_INIT;
	const termin_check_input_opts *o = opts ? opts : &def;
	termin_check_format f = o->format;
	if (f == TERMIN_CHECK_AUTO)
		f = sniff(path);
	switch (f) {
	case TERMIN_CHECK_TMX: return check_tmx(ck, path, o);
	case TERMIN_CHECK_XLIFF: return check_xliff(ck, path, o);
	case TERMIN_CHECK_TSV: return check_tsv(ck, path, o);
	default: return check_text(ck, path, o);
	}
}

int termin_check_tm(termin_checker *ck, termin_tm *tm, const char *name, const char *src, const char *tgt)
{
	termin_tm_filter f = TERMIN_TM_FILTER_INIT;
	termin_tm_iter *it = NULL;
	const termin_tmx_unit *u;
	int rc;
	f.src = src ? src : "en";
	f.tgt = tgt ? tgt : "ru";
	f.include_untranslated = 1;
	if ((rc = termin_tm_iter_new(&it, tm, &f)) < 0)
		return rc;
	while ((rc = termin_tm_iter_next(it, &u)) > 0) {
		const termin_tmx_variant *sv = find_variant(u, f.src, -1);
		const termin_tmx_variant *tv = sv ? find_variant(u, f.tgt, (int)(sv - u->variants)) : NULL;
		if (!sv)
			continue;
		termin_check_unit cu = { 0 };
		cu.file = name ? name : "";
		cu.tuid = u->tuid;
		cu.src_lang = sv->lang;
		cu.tgt_lang = tv ? tv->lang : f.tgt;
		set_texts(&cu, sv, tv);
		if ((rc = termin_checker_add(ck, &cu)) < 0)
			break;
	}
	termin_tm_iter_free(it);
	return rc < 0 ? rc : 0;
}
