/*
 * tm_import.c - importing files into the TM: TMX through the streaming
 * reader, two-column TSV, and plain text through the segmenter.
 *
 * Every file is one batch (one transaction): either all of its units are
 * stored or none. A file whose content digest matches an earlier import is
 * not imported again (unless forced), which makes re-running an
 * interrupted import of several files reach the same state as one
 * uninterrupted run.
 */
#include "tm_internal.h"
#include "tmx_ahead.h"
#include "termin/lang.h"
#include "termin/segment.h"
#include "termin/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct {
	const termin_tm_import_opts *o;
	termin_tm_import_result *res;
} wctx;

static void on_warn(void *ctx, const char *msg)
{
	wctx *w = ctx;
	w->res->warnings++;
	if (w->o->warn)
		w->o->warn(w->o->ctx, msg);
}

static void warnf(wctx *w, const char *fmt, ...) TERMIN_PRINTF(2, 3);
static void warnf(wctx *w, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	on_warn(w, msg);
}

/* Reports an invalid unit as skipped (skip_invalid) or fails the file. */
static int invalid_unit(termin_tm *tm, wctx *w, int rc)
{
	const termin_error *e = termin_error_last();
	if (!w->o->skip_invalid || rc != TERMIN_EINVALID)
		return rc;
	warnf(w, "skipped: %s", e ? e->message : "invalid unit");
	w->res->skipped++;
	termin__tm_count_skipped(tm, 1);
	return 0;
}

/* Stores the batch unless the same file was imported before. */
static int finish(termin_tm *tm, wctx *w, uint64_t digest, uint64_t size)
{
	int rc;
	if (digest && !w->o->force) {
		rc = termin__tm_digest_seen(tm, digest, size);
		if (rc < 0) {
			termin_tm_rollback(tm);
			return rc;
		}
		if (rc == 1) {
			termin_tm_rollback(tm);
			w->res->already = 1;
			w->res->units = w->res->added = w->res->merged = 0;
			return 0;
		}
	}
	termin__tm_set_digest(tm, digest, size);
	termin__tm_batch_counts(tm, &w->res->added, &w->res->merged);
	w->res->units = w->res->added + w->res->merged;
	return termin_tm_commit(tm);
}

/* ======================= TMX ======================= */

static int import_tmx(termin_tm *tm, const char *path, const char *doc, wctx *w)
{
	termin_tmx_reader_opts ro = TERMIN_TMX_READER_OPTS_INIT;
	termin_tmx_reader *r = NULL;
	termin__tmx_ahead *ahead = NULL;
	termin__tm_prepper *pp = NULL;
	termin_tm_source src = TERMIN_TM_SOURCE_INIT;
	const termin_tmx_unit *u;
	void *prep;
	size_t n = 0;
	int rc;

	ro.warn = on_warn;
	ro.ctx = w;
	if ((rc = termin_tmx_reader_open(&r, path, &ro)) < 0)
		return rc;
	src.name = path;
	src.format = "tmx";
	src.doc = doc;
	src.header = termin_tmx_reader_info(r);
	if ((rc = termin_tm_begin(tm, &src)) < 0)
		goto done;
	/* the file is parsed and its units prepared on a second thread
	 * while this one stores them */
	pp = termin__tm_prepper_new(termin__tm_feeds_fuzzy(tm), 1);
	if ((rc = termin__tmx_ahead_start(&ahead, r, termin__tm_prepare, pp, on_warn, w)) < 0)
		goto fail;
	while ((rc = termin__tmx_ahead_next(ahead, &u, &prep)) != 0) {
		if (rc < 0) {
			if (termin__tmx_ahead_failed(ahead) || (rc = invalid_unit(tm, w, rc)) < 0)
				goto fail;
			continue;
		}
		/* a unit that names its document (as termin segment writes it) */
		termin_tm_context ctx = { NULL, 0, 0, 0 };
		for (size_t i = 0; i < u->n_meta; i++)
			if (!u->meta[i].is_note && u->meta[i].type &&
			    strcmp(u->meta[i].type, "x-document") == 0 && u->meta[i].text[0])
				ctx.doc = u->meta[i].text;
		rc = termin__tm_add_prepared(tm, u, ctx.doc ? &ctx : NULL, prep);
		if (rc < 0) {
			termin__error_prefix("%s:%zu:%zu", path, u->line, u->column);
			if ((rc = invalid_unit(tm, w, rc)) < 0)
				goto fail;
		}
		if ((++n & 255) == 0 && w->o->progress)
			w->o->progress(w->o->ctx, path, termin__tmx_ahead_bytes(ahead), termin_tmx_reader_size(r));
	}
	termin__tmx_ahead_free(ahead);
	ahead = NULL;
	rc = finish(tm, w, termin_tmx_reader_digest(r), termin_tmx_reader_bytes(r));
	goto done;
fail:
	termin_tm_rollback(tm);
done:
	termin__tmx_ahead_free(ahead);
	termin__tm_prepper_free(pp);
	termin_tmx_reader_free(r);
	return rc;
}

/* ======================= digests of small files ======================= */

static int file_digest(const char *path, uint64_t *digest, uint64_t *size)
{
	FILE *f;
	char buf[65536];
	size_t n;
	*digest = *size = 0;
	if (strcmp(path, "-") == 0)
		return 0;
	f = fopen(path, "rb");
	if (!f)
		return termin__error_errno(TERMIN_EIO, errno, "%s: cannot open", path);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		*digest = termin__hash64(buf, n, *digest);
		*size += n;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return termin__error_errno(TERMIN_EIO, EIO, "%s: cannot read", path);
	if (*digest == 0)
		*digest = 1;
	return 0;
}

/* ======================= units of one or two texts ======================= */

/* A row waiting for its successor (to know the next segment's hash). */
typedef struct {
	int have;
	char *src, *tgt;
	size_t src_len, tgt_len;
	char src_lang[TERMIN_LANG_MAX], tgt_lang[TERMIN_LANG_MAX];
	size_t line;
	int64_t pos;
	uint64_t prev_hash;
} pending;

static int emit(termin_tm *tm, const char *doc, pending *p, uint64_t next_hash)
{
	termin_tmx_variant v[2];
	termin_tmx_unit u;
	termin_tm_context ctx = { doc, p->pos, p->prev_hash, next_hash };
	size_t mlen0 = 0, mlen1 = 0;
	char *m0 = termin_tm_escape(p->src, p->src_len, &mlen0), *m1 = NULL;
	int rc;

	memset(v, 0, sizeof v);
	memset(&u, 0, sizeof u);
	v[0].lang = p->src_lang;
	v[0].markup = m0;
	v[0].markup_len = mlen0;
	v[0].text = p->src;
	v[0].text_len = p->src_len;
	v[0].stamp.created = v[0].stamp.changed = v[0].stamp.last_used = TERMIN_NODATE;
	u.n_variants = 1;
	if (p->tgt && p->tgt_len) {
		m1 = termin_tm_escape(p->tgt, p->tgt_len, &mlen1);
		v[1] = v[0];
		v[1].lang = p->tgt_lang;
		v[1].markup = m1;
		v[1].markup_len = mlen1;
		v[1].text = p->tgt;
		v[1].text_len = p->tgt_len;
		u.n_variants = 2;
	}
	u.srclang = p->src_lang;
	u.variants = v;
	u.stamp.created = u.stamp.changed = u.stamp.last_used = TERMIN_NODATE;
	u.line = p->line;
	rc = termin_tm_add(tm, &u, &ctx);
	free(m0);
	free(m1);
	free(p->src);
	free(p->tgt);
	p->src = p->tgt = NULL;
	p->have = 0;
	return rc;
}

/* ======================= TSV ======================= */

static void trim(const char **s, size_t *len)
{
	while (*len && ((*s)[0] == ' ' || (*s)[0] == '\r'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\r'))
		(*len)--;
}

static int import_tsv(termin_tm *tm, const char *path, const char *doc, wctx *w)
{
	termin_textfile_opts to = TERMIN_TEXTFILE_OPTS_INIT;
	termin_textfile *tf = NULL;
	termin_tm_source src = TERMIN_TM_SOURCE_INIT;
	termin_line line;
	pending p = { 0 };
	char sl[TERMIN_LANG_MAX], tl[TERMIN_LANG_MAX];
	uint64_t digest, size;
	int rc, first = 1;
	int64_t pos = 0;

	if (w->o->text)
		to = *w->o->text;
	to.clean = 0;
	to.boilerplate = NULL;
	to.speller = NULL;
	if ((rc = termin_lang_normalize(w->o->src_lang ? w->o->src_lang : "en", sl)) < 0 ||
	    (rc = termin_lang_normalize(w->o->tgt_lang ? w->o->tgt_lang : "ru", tl)) < 0)
		return termin__error_set(TERMIN_EUSAGE, "%s", termin_error_last()->message);
	if ((rc = file_digest(path, &digest, &size)) < 0)
		return rc;
	if ((rc = termin_textfile_open(&tf, path, &to)) < 0)
		return rc;
	src.name = path;
	src.format = "tsv";
	src.doc = doc;
	if ((rc = termin_tm_begin(tm, &src)) < 0)
		goto done;
	while ((rc = termin_textfile_next(tf, &line)) > 0) {
		const char *tab = memchr(line.text, '\t', line.len);
		if (line.partial || line.continued) {
			rc = termin__error_set(TERMIN_EINVALID, "%s:%zu:1: line longer than 1 MiB", path,
			                       line.line);
			goto fail;
		}
		const char *a = line.text, *b = tab ? tab + 1 : NULL;
		size_t alen = tab ? (size_t)(tab - line.text) : line.len;
		size_t blen = tab ? line.len - alen - 1 : 0;
		if (!tab || memchr(b, '\t', blen)) {
			size_t cols = 1;
			for (size_t i = 0; i < line.len; i++)
				cols += line.text[i] == '\t';
			rc = termin__error_set(TERMIN_EINVALID,
			                       "%s:%zu:1: %zu column%s, expected 2 separated by a tab",
			                       path, line.line, cols, cols == 1 ? "" : "s");
			if ((rc = invalid_unit(tm, w, rc)) < 0)
				goto fail;
			first = 0;
			continue;
		}
		trim(&a, &alen);
		trim(&b, &blen);
		if (first) {
			/* a header line "en<TAB>ru" names the languages */
			char h1[TERMIN_LANG_MAX], h2[TERMIN_LANG_MAX], c1[TERMIN_LANG_MAX], c2[TERMIN_LANG_MAX];
			first = 0;
			if (alen && blen && alen < 16 && blen < 16) {
				memcpy(c1, a, alen);
				c1[alen] = '\0';
				memcpy(c2, b, blen);
				c2[blen] = '\0';
				if (termin_lang_normalize(c1, h1) >= 0 && termin_lang_normalize(c2, h2) >= 0) {
					if (!w->o->src_lang)
						strcpy(sl, h1);
					if (!w->o->tgt_lang)
						strcpy(tl, h2);
					continue;
				}
			}
		}
		if (!alen) {
			rc = termin__error_set(TERMIN_EINVALID, "%s:%zu:1: the source column is empty",
			                       path, line.line);
			if ((rc = invalid_unit(tm, w, rc)) < 0)
				goto fail;
			continue;
		}
		uint64_t h = termin_tm_text_hash(a, alen);
		uint64_t prev = 0;
		if (p.have) {
			prev = termin_tm_text_hash(p.src, p.src_len);
			if ((rc = emit(tm, doc, &p, h)) < 0) {
				termin__error_prefix("%s:%zu:1", path, p.line);
				goto fail;
			}
		}
		p.have = 1;
		p.src = termin__xstrndup(a, alen);
		p.src_len = alen;
		p.tgt = termin__xstrndup(b, blen);
		p.tgt_len = blen;
		strcpy(p.src_lang, sl);
		strcpy(p.tgt_lang, tl);
		p.line = line.line;
		p.pos = ++pos;
		p.prev_hash = prev;
		if ((pos & 255) == 0 && w->o->progress)
			w->o->progress(w->o->ctx, path, pos, 0);
	}
	if (rc < 0)
		goto fail;
	if (p.have && (rc = emit(tm, doc, &p, 0)) < 0)
		goto fail;
	rc = finish(tm, w, digest, size);
	goto done;
fail:
	termin_tm_rollback(tm);
done:
	free(p.src);
	free(p.tgt);
	termin_textfile_free(tf);
	return rc;
}

/* ======================= plain text ======================= */

static int import_text(termin_tm *tm, const char *path, const char *doc, wctx *w)
{
	termin_textfile_opts to = TERMIN_TEXTFILE_OPTS_INIT;
	termin_textfile *tf = NULL;
	termin_segmenter *own = NULL, *seg = w->o->segmenter;
	termin_segstream *ss = NULL;
	termin_tm_source src = TERMIN_TM_SOURCE_INIT;
	termin_segment s;
	pending p = { 0 };
	uint64_t digest, size;
	int64_t pos = 0;
	int rc;

	if (w->o->text)
		to = *w->o->text;
	if ((rc = file_digest(path, &digest, &size)) < 0)
		return rc;
	if (!seg && (rc = termin_segmenter_new(&own, NULL)) < 0)
		return rc;
	if (!seg)
		seg = own;
	if ((rc = termin_textfile_open(&tf, path, &to)) < 0)
		goto done;
	termin_segstream_new(&ss, tf, seg, w->o->src_lang);
	src.name = path;
	src.format = "text";
	src.doc = doc;
	if ((rc = termin_tm_begin(tm, &src)) < 0)
		goto done;
	while ((rc = termin_segstream_next(ss, &s)) > 0) {
		uint64_t h = termin_tm_text_hash(s.text, s.len), prev = 0;
		if (p.have) {
			prev = termin_tm_text_hash(p.src, p.src_len);
			if ((rc = emit(tm, doc, &p, h)) < 0)
				goto fail;
		}
		p.have = 1;
		p.src = termin__xstrndup(s.text, s.len);
		p.src_len = s.len;
		p.tgt = NULL;
		p.tgt_len = 0;
		if (termin_lang_normalize(s.lang, p.src_lang) < 0)
			strcpy(p.src_lang, "und");
		p.line = s.line;
		p.pos = ++pos;
		p.prev_hash = prev;
		if ((pos & 255) == 0 && w->o->progress) {
			termin_textfile_stats ts;
			termin_textfile_get_stats(tf, &ts);
			w->o->progress(w->o->ctx, path, ts.bytes, size);
		}
	}
	if (rc < 0)
		goto fail;
	if (p.have && (rc = emit(tm, doc, &p, 0)) < 0)
		goto fail;
	rc = finish(tm, w, digest, size);
	goto done;
fail:
	termin_tm_rollback(tm);
done:
	free(p.src);
	termin_segstream_free(ss);
	termin_textfile_free(tf);
	termin_segmenter_free(own);
	return rc;
}

/* ======================= dispatch ======================= */

/* Decides the format from the first bytes: XML (any BOM) is TMX, a .tsv
 * name or a first line with one tab is TSV, anything else text; a .tmx
 * name on anything but XML is refused. */
static int sniff(const char *path, const char **format)
{
	unsigned char buf[4096];
	size_t n, i = 0;
	FILE *f;
	struct stat st;

	*format = "text";
	if (strcmp(path, "-") == 0)
		return 0;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return termin__error_set(TERMIN_EIO, "%s: is a directory", path);
	f = fopen(path, "rb");
	if (!f)
		return termin__error_errno(TERMIN_EIO, errno, "%s: cannot open", path);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	if (n >= 2 && ((buf[0] == 0xFF && buf[1] == 0xFE) || (buf[0] == 0xFE && buf[1] == 0xFF))) {
		/* UTF-16: look for '<' as the first non-space character */
		int le = buf[0] == 0xFF;
		for (i = 2; i + 1 < n; i += 2) {
			unsigned c = le ? buf[i] | buf[i + 1] << 8 : buf[i] << 8 | buf[i + 1];
			if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
				continue;
			if (c == '<')
				*format = "tmx";
			break;
		}
		return 0;
	}
	if (n >= 2 && buf[0] == '<' && buf[1] == 0) {
		*format = "tmx"; /* UTF-16LE without a BOM */
		return 0;
	}
	if (n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
		i = 3;
	while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (i < n && buf[i] == '<') {
		*format = "tmx";
		return 0;
	}
	/* a .tmx that is not XML is a broken TMX file, not a table or a text */
	if (termin__path_has_suffix(path, ".tmx"))
		return termin__error_set(TERMIN_EINVALID, "%s:1: not a TMX file: it does not begin "
		                         "with an XML tag (--format tsv or --format text imports it "
		                         "as such)", path);
	if (termin__path_has_suffix(path, ".tsv") || termin__path_has_suffix(path, ".tab")) {
		*format = "tsv";
		return 0;
	}
	size_t tabs = 0, j;
	for (j = i; j < n && buf[j] != '\n'; j++)
		tabs += buf[j] == '\t';
	if (tabs == 1)
		*format = "tsv";
	return 0;
}

int termin_tm_import(termin_tm *tm, const char *path, const termin_tm_import_opts *opts,
                     termin_tm_import_result *result)
{
	static const termin_tm_import_opts defaults = TERMIN_TM_IMPORT_OPTS_INIT;
	termin_tm_import_result dummy;
	wctx w;
	const char *format;
	int rc;

	if (!opts)
		opts = &defaults;
	if (!result)
		result = &dummy;
	memset(result, 0, sizeof *result);
	w.o = opts;
	w.res = result;
	format = opts->format;
	if (!format || strcmp(format, "auto") == 0) {
		/* a pipe cannot be looked at and read again from the start */
		if (strcmp(path, "-") == 0)
			return termin__error_set(TERMIN_EUSAGE, "standard input: say what it holds with "
			                         "--format (tmx, tsv or text)");
		if ((rc = sniff(path, &format)) < 0)
			return rc;
	}
	result->format = format;
	if ((rc = termin__tm_bulk(tm)) < 0)
		return rc;
	const char *doc = opts->doc ? opts->doc : strcmp(path, "-") == 0 ? "stdin" : termin__path_base(path);
	if (strcmp(format, "tmx") == 0)
		return import_tmx(tm, path, doc, &w);
	if (strcmp(format, "tsv") == 0)
		return import_tsv(tm, path, doc, &w);
	if (strcmp(format, "text") == 0)
		return import_text(tm, path, doc, &w);
	return termin__error_set(TERMIN_EUSAGE, "unknown import format '%s' (tmx, tsv or text)", format);
}
