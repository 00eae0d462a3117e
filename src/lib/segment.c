/*
 * segment.c - the segmenter front end and segment streams.
 *
 * termin_segmenter_split cuts a paragraph at line breaks, asks the rule
 * engine (built-in or SRX) for the sentence ends of each line, and trims
 * the pieces. termin_segstream drives a segmenter over a textfile, decides
 * the language per paragraph and maps positions back to input offsets.
 */
#include "segment_internal.h"
#include "termin/segment.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

struct termin_segmenter {
	termin__srx *srx;      /* NULL: built-in rules */
	termin__breaks breaks;
	termin_span *spans;
	size_t n_spans, cap_spans;
};

termin__lang termin__lang_of(const char *code)
{
	if (!code)
		return TERMIN__LANG_OTHER;
	if ((code[0] == 'e' || code[0] == 'E') && (code[1] == 'n' || code[1] == 'N') &&
	    (code[2] == '\0' || code[2] == '-' || code[2] == '_'))
		return TERMIN__LANG_EN;
	if ((code[0] == 'r' || code[0] == 'R') && (code[1] == 'u' || code[1] == 'U') &&
	    (code[2] == '\0' || code[2] == '-' || code[2] == '_'))
		return TERMIN__LANG_RU;
	return TERMIN__LANG_OTHER;
}

int termin_segmenter_new(termin_segmenter **out, const termin_segmenter_opts *opts)
{
	termin_segmenter *s = termin__xcalloc(1, sizeof *s);
	*out = NULL;
	if (opts && opts->srx_path) {
		int rc = termin__srx_load(&s->srx, opts->srx_path);
		if (rc < 0) {
			free(s);
			return rc;
		}
	}
	*out = s;
	return 0;
}

void termin_segmenter_free(termin_segmenter *s)
{
	if (!s)
		return;
	termin__srx_free(s->srx);
	free(s->breaks.pos);
	free(s->spans);
	free(s);
}

static int is_space_at(const char *t, size_t len, size_t i, size_t *next)
{
	unsigned char c = (unsigned char)t[i];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
		*next = i + 1;
		return 1;
	}
	if (c < 0x80)
		return 0;
	size_t j = i;
	int32_t cp = termin__utf8_next(t, len, &j);
	if (termin__is_space(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
		*next = j;
		return 1;
	}
	return 0;
}

/* Adds [start, end) trimmed of white space, when anything is left. */
static void push_span(termin_segmenter *s, const char *t, size_t len, size_t start, size_t end)
{
	size_t nx;
	while (start < end && is_space_at(t, len, start, &nx))
		start = nx;
	while (end > start) {
		size_t j = end;
		int32_t cp = termin__utf8_prev(t, &j);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || termin__is_space(cp) ||
		    cp == 0x2028 || cp == 0x2029 || cp == 0x85)
			end = j;
		else
			break;
	}
	if (end <= start)
		return;
	TERMIN_GROW(s->spans, s->cap_spans, s->n_spans + 1);
	s->spans[s->n_spans++] = (termin_span){ start, end };
}

static size_t line_end(const char *t, size_t len, size_t from, size_t *next)
{
	for (size_t i = from; i < len; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == '\n' || c == '\r') {
			*next = i + 1 + (c == '\r' && i + 1 < len && t[i + 1] == '\n');
			return i;
		}
		if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
		    ((unsigned char)t[i + 2] == 0xA8 || (unsigned char)t[i + 2] == 0xA9)) {
			*next = i + 3;
			return i;
		}
	}
	*next = len;
	return len;
}

/* Runs the rule engine on one line (no line breaks inside) at text[from,
 * end) and appends its trimmed segments. */
static int split_line(termin_segmenter *s, const char *lang, termin__lang l, const char *text,
                      size_t len, size_t from, size_t end)
{
	size_t start = from;
	s->breaks.n = 0;
	if (s->srx) {
		int rc = termin__srx_breaks(s->srx, lang ? lang : "en", text + from, end - from,
		                            &s->breaks);
		if (rc < 0)
			return rc;
	} else {
		termin__rules_breaks(l, text + from, end - from, &s->breaks);
	}
	for (size_t i = 0; i < s->breaks.n; i++) {
		size_t b = from + s->breaks.pos[i];
		if (b <= start || b >= end)
			continue;
		push_span(s, text, len, start, b);
		start = b;
	}
	push_span(s, text, len, start, end);
	return 0;
}

int termin_segmenter_split(termin_segmenter *s, const char *lang, const char *text, size_t len,
                           const termin_span **spans, size_t *n)
{
	size_t from = 0;
	termin__lang l = termin__lang_of(lang);
	s->n_spans = 0;
	while (from < len) {
		size_t next, end = line_end(text, len, from, &next);
		int rc = split_line(s, lang, l, text, len, from, end);
		if (rc < 0)
			return rc;
		from = next;
	}
	*spans = s->spans;
	*n = s->n_spans;
	return 0;
}

/* termin_segmenter_split for text known to hold no line break: a line of
 * a termin_textfile, which the reader already cut at every terminator. */
static int split_one_line(termin_segmenter *s, const char *lang, const char *text, size_t len,
                          const termin_span **spans, size_t *n)
{
	s->n_spans = 0;
	int rc = split_line(s, lang, termin__lang_of(lang), text, len, 0, len);
	*spans = s->spans;
	*n = s->n_spans;
	return rc;
}

int termin_segmenter_export_srx(FILE *f)
{
	return termin__rules_export_srx(f);
}

/* ======================= language ======================= */

/* Guesses the language from letter counts: Latin against Cyrillic, in at
 * most the first 400 letters. Letters inside URLs, e-mail addresses and
 * www. names say nothing about the language around them and are not
 * counted ("05.06.2020 http://nvo.ng.ru/..." in a Russian text). One pass,
 * byte by byte: Cyrillic letters are recognised by their lead byte. */
const char *termin_lang_detect(const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t i = 0, latin = 0, cyr = 0, token_latin = 0;
	while (i < len && latin + cyr < 400) {
		unsigned char c = u[i];
		/* a clear majority early on decides: most paragraphs are in one
		 * script, and counting all 400 letters of each costs */
		if (latin + cyr >= 64 && (latin < (latin + cyr) / 16 || cyr < (latin + cyr) / 16) &&
		    token_latin == 0)
			break;
		if (c < 0x80) {
			if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
				if (token_latin == 0 && c == 'w' && len - i >= 4 && memcmp(text + i, "www.", 4) == 0 &&
				    (i == 0 || u[i - 1] == ' '))
					goto skip_token;
				latin++;
				token_latin++;
			} else if (c == ' ' || c == '\t') {
				token_latin = 0;
			} else if (c == '/' || c == '@') {
				goto skip_token;
			}
			i++;
			continue;
		}
		if ((c >= 0xD0 && c <= 0xD3) || (c == 0xD4 && i + 1 < len && u[i + 1] < 0xB0)) {
			/* U+0400-U+052F */
			cyr++;
			i += 2;
			continue;
		}
		int32_t cp = termin__utf8_next(text, len, &i);
		if (cp > 0 && u_isalpha(cp)) {
			UErrorCode e = U_ZERO_ERROR;
			if (uscript_getScript(cp, &e) == USCRIPT_LATIN) {
				latin++;
				token_latin++;
			}
		}
		continue;
	skip_token:
		/* a URL, e-mail address or www. name: uncount it and skip it */
		latin -= token_latin;
		token_latin = 0;
		while (i < len && u[i] != ' ' && u[i] != '\t')
			i++;
	}
	if (latin + cyr < 3)
		return NULL;
	return cyr * 2 > latin + cyr ? "ru" : "en";
}

/* ======================= streams ======================= */

#define CARRY_MAP 512
#define MAX_SEGMENT (1u << 20)

struct termin_segstream {
	termin_textfile *tf;
	termin_segmenter *seg;
	char *fixed;              /* forced language or NULL */
	const char *lang;         /* language of the current paragraph */
	const char *last_lang;    /* last decided language */

	termin_line line;
	int have_line;
	const termin_span *spans;
	size_t n_spans, next_span;
	size_t index;             /* segments emitted in this paragraph */
	int emit_all;             /* the last span is final too */

	/* text of the current piece, prefixed by the carried segment start:
	 * `text` points into `work` after a cut line, else at the line itself */
	const char *text;
	size_t text_len;
	termin_buf work;
	size_t carry_len;                 /* bytes of `work` that came from the carry */
	uint64_t carry_off[CARRY_MAP + 1];/* offsets of carry positions [carry_len-CARRY_MAP, carry_len] */
	uint64_t carry_start;             /* offset of work[0] */
	termin_buf pending;               /* the carry for the next piece */
	uint64_t pending_off[CARRY_MAP + 1];
	uint64_t pending_start;
	size_t forced;
};

int termin_segstream_new(termin_segstream **out, termin_textfile *tf, termin_segmenter *seg,
                         const char *lang)
{
	termin_segstream *ss = termin__xcalloc(1, sizeof *ss);
	ss->tf = tf;
	ss->seg = seg;
	if (lang && strcmp(lang, "auto") != 0)
		ss->fixed = termin__xstrdup(lang);
	ss->last_lang = "en";
	*out = ss;
	return 0;
}

void termin_segstream_set_first_lang(termin_segstream *ss, const char *lang)
{
	if (lang && strcmp(lang, "ru") == 0)
		ss->last_lang = "ru";
	else if (lang && strcmp(lang, "en") == 0)
		ss->last_lang = "en";
}

void termin_segstream_free(termin_segstream *ss)
{
	if (!ss)
		return;
	free(ss->fixed);
	termin_buf_free(&ss->work);
	termin_buf_free(&ss->pending);
	free(ss);
}

/* Offset in the input of position `pos` in ss->text. */
static uint64_t work_offset(termin_segstream *ss, size_t pos)
{
	if (pos >= ss->carry_len)
		return termin_textfile_offset(ss->tf, pos - ss->carry_len);
	if (ss->carry_len - pos <= CARRY_MAP)
		return ss->carry_off[CARRY_MAP - (ss->carry_len - pos)];
	/* deep inside a carried segment (only after a forced cut) */
	return ss->carry_start + pos;
}

static int load_line(termin_segstream *ss)
{
	int rc = termin_textfile_next(ss->tf, &ss->line);
	if (rc <= 0)
		return rc;
	if (!ss->line.continued) {
		ss->index = 0;
		if (ss->fixed) {
			ss->lang = ss->fixed;
		} else {
			const char *d = termin_lang_detect(ss->line.text,
			                                   ss->line.len < 4096 ? ss->line.len : 4096);
			if (d)
				ss->last_lang = d;
			ss->lang = ss->last_lang;
		}
	}
	/* the text is this piece, prefixed by the carry of a cut line */
	ss->carry_len = 0;
	if (ss->line.continued && ss->pending.len) {
		termin_buf_clear(&ss->work);
		termin_buf_put(&ss->work, ss->pending.ptr, ss->pending.len);
		ss->carry_len = ss->pending.len;
		memcpy(ss->carry_off, ss->pending_off, sizeof ss->carry_off);
		ss->carry_start = ss->pending_start;
		termin_buf_put(&ss->work, ss->line.text, ss->line.len);
		ss->text = ss->work.ptr;
		ss->text_len = ss->work.len;
	} else {
		ss->text = ss->line.text;
		ss->text_len = ss->line.len;
	}
	termin_buf_clear(&ss->pending);

	rc = split_one_line(ss->seg, ss->lang, ss->text, ss->text_len, &ss->spans, &ss->n_spans);
	if (rc < 0)
		return rc;
	ss->next_span = 0;
	ss->emit_all = !ss->line.partial;
	if (ss->line.partial && ss->n_spans) {
		/* the last span may go on in the next piece: carry it, unless it
		 * has grown past the longest segment we accept */
		const termin_span *last = &ss->spans[ss->n_spans - 1];
		if (last->end - last->start >= MAX_SEGMENT) {
			ss->forced++;
			ss->emit_all = 1;
		} else {
			size_t from = last->start, to = ss->text_len;
			termin_buf_put(&ss->pending, ss->text + from, to - from);
			ss->pending_start = work_offset(ss, from);
			for (size_t k = 0; k <= CARRY_MAP; k++) {
				size_t back = CARRY_MAP - k;
				size_t p = to >= back ? to - back : 0;
				ss->pending_off[k] = work_offset(ss, p < from ? from : p);
			}
		}
	}
	ss->have_line = 1;
	return 1;
}

int termin_segstream_next(termin_segstream *ss, termin_segment *out)
{
	int rc;
	for (;;) {
		if (ss->have_line) {
			size_t limit = ss->emit_all ? ss->n_spans : (ss->n_spans ? ss->n_spans - 1 : 0);
			if (ss->next_span < limit) {
				const termin_span *sp = &ss->spans[ss->next_span++];
				out->text = ss->text + sp->start;
				out->len = sp->end - sp->start;
				out->lang = ss->lang;
				out->line = ss->line.line;
				out->paragraph = ss->line.paragraph;
				out->index = ++ss->index;
				out->start = work_offset(ss, sp->start);
				out->end = work_offset(ss, sp->end);
				return 1;
			}
			ss->have_line = 0;
		}
		rc = load_line(ss);
		if (rc < 0)
			return rc;
		if (rc == 0) {
			if (ss->pending.len) {
				/* input ended inside a cut line: emit the carry */
				termin_buf_clear(&ss->work);
				termin_buf_put(&ss->work, ss->pending.ptr, ss->pending.len);
				termin_buf_clear(&ss->pending);
				out->text = ss->work.ptr;
				out->len = ss->work.len;
				out->lang = ss->lang;
				out->line = ss->line.line;
				out->paragraph = ss->line.paragraph;
				out->index = ++ss->index;
				out->start = ss->pending_start;
				out->end = ss->pending_off[CARRY_MAP];
				return 1;
			}
			return 0;
		}
	}
}

size_t termin_segstream_forced_cuts(const termin_segstream *ss)
{
	return ss->forced;
}
