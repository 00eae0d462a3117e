/*
 * text_read.c - decoding input into UTF-8 physical lines.
 *
 * UTF-8 input is validated in place; byte-order marks select UTF-16 or
 * UTF-32; any other encoding goes through an ICU converter whose stop
 * callback turns undecodable bytes into an error with their offset. Lines
 * end at LF, CRLF, CR, NEL, LS or PS. Memory is bounded by `max_line`: a
 * longer line is delivered in pieces cut at character boundaries.
 */
#include "text_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#define RAW_CHUNK 65536
#define DEFAULT_MAX_LINE (1u << 20)

enum measure_kind { M_UTF8, M_SINGLE, M_UTF16, M_UTF32, M_ICU };

struct termin__reader {
	char *name;
	FILE *f;
	int own_f;
	const char *mem;
	size_t mem_len, mem_pos;
	int eof;

	UConverter *conv;          /* NULL in UTF-8 mode */
	UConverter *measure_conv;  /* for M_ICU */
	enum measure_kind measure;
	char *encoding;            /* for messages */

	char *raw;                 /* raw bytes not yet decoded */
	size_t raw_len;
	uint64_t raw_base;         /* input offset of raw[0] */
	int started;

	termin_buf dec;            /* decoded UTF-8 */
	size_t dec_pos;            /* start of the next line in dec */
	size_t dec_valid;          /* dec[0..dec_valid) is validated */
	size_t scan_pos;           /* where the terminator search resumes */
	uint64_t dec_orig;         /* original offset of dec[dec_pos] */

	size_t lineno;             /* line of dec[dec_pos] */
	size_t newlines_before;    /* for error messages in UTF-8 mode */
	int in_partial;            /* the current line was already cut */
	int lone;                  /* seen a CR without LF, NEL, LS or PS */
	int last_cr;               /* the last byte moved into dec was a CR */
	size_t max_line;
	uint64_t bytes;

	UChar *ubuf;
	size_t ubuf_cap;
};

static int fill_raw(termin__reader *r)
{
	/* Returns bytes added (0 at EOF) or an error. */
	size_t n;
	if (r->eof)
		return 0;
	if (r->mem) {
		n = r->mem_len - r->mem_pos;
		if (n > RAW_CHUNK)
			n = RAW_CHUNK;
		memcpy(r->raw + r->raw_len, r->mem + r->mem_pos, n);
		r->mem_pos += n;
	} else {
		n = fread(r->raw + r->raw_len, 1, RAW_CHUNK, r->f);
		if (n == 0 && ferror(r->f)) {
			int e = errno;
			return termin__error_errno(TERMIN_EIO, e, "%s: cannot read", r->name);
		}
	}
	if (n == 0)
		r->eof = 1;
	r->raw_len += n;
	r->bytes += n;
	return (int)n;
}

static int setup_converter(termin__reader *r, const char *name)
{
	UErrorCode err = U_ZERO_ERROR;
	r->conv = ucnv_open(name, &err);
	if (U_FAILURE(err) || !r->conv)
		return termin__error_set(TERMIN_EUSAGE, "unknown encoding '%s'", name);
	err = U_ZERO_ERROR;
	ucnv_setToUCallBack(r->conv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
	free(r->encoding);
	r->encoding = termin__xstrdup(ucnv_getName(r->conv, &err));
	err = U_ZERO_ERROR;
	const char *canon = ucnv_getName(r->conv, &err);
	if (strncmp(canon, "UTF-16", 6) == 0)
		r->measure = M_UTF16;
	else if (strncmp(canon, "UTF-32", 6) == 0)
		r->measure = M_UTF32;
	else if (strcmp(canon, "UTF-8") == 0)
		r->measure = M_UTF8;
	else if (ucnv_getMaxCharSize(r->conv) == 1)
		r->measure = M_SINGLE;
	else {
		r->measure = M_ICU;
		err = U_ZERO_ERROR;
		r->measure_conv = ucnv_open(name, &err);
	}
	return 0;
}

/* Formats that are not text, recognised by their first bytes, so that a
 * PDF or a Word file named .txt is not reported as a legacy encoding. */
static const struct {
	const char *magic;
	size_t len;
	const char *what;
} not_text[] = {
	{ "%PDF-", 5, "a PDF document" },
	{ "PK\3\4", 4, "a ZIP archive (a .docx, .odt or .xlsx document?)" },
	{ "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "an MS Office 97-2003 document (.doc, .xls)" },
	{ "\x1F\x8B", 2, "a gzip-compressed file" },
	{ "\xFD" "7zXZ", 5, "an xz-compressed file" },
	{ "7z\xBC\xAF\x27\x1C", 6, "a 7-Zip archive" },
	{ "Rar!\x1A\x07", 6, "a RAR archive" },
	{ "\x89PNG", 4, "a PNG image" },
	{ "\xFF\xD8\xFF", 3, "a JPEG image" },
	{ "\x7F" "ELF", 4, "a program (ELF)" },
	{ "SQLite format 3", 16, "an SQLite database" },
};

/* Looks at the first bytes: formats that are not text, byte-order marks,
 * UTF-16 without one. */
static int sniff(termin__reader *r, const char *encoding)
{
	int rc;
	while (r->raw_len < 16 && !r->eof)
		if ((rc = fill_raw(r)) < 0)
			return rc;
	const unsigned char *b = (const unsigned char *)r->raw;
	size_t n = r->raw_len;
	size_t bom = 0;
	const char *detected = NULL;

	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(not_text); i++)
		if (n >= not_text[i].len && memcmp(b, not_text[i].magic, not_text[i].len) == 0)
			return termin__error_set(TERMIN_EINVALID, "%s: %s, not a text file",
			                         r->name, not_text[i].what);

	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		bom = 3, detected = "UTF-8";
	else if (n >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0)
		bom = 4, detected = "UTF-32LE";
	else if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)
		bom = 4, detected = "UTF-32BE";
	else if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
		bom = 2, detected = "UTF-16LE";
	else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
		bom = 2, detected = "UTF-16BE";

	if (encoding && !(detected && strncasecmp(encoding, "UTF", 3) == 0)) {
		/* An explicit legacy encoding wins; a BOM still decides the
		 * byte order of an explicit UTF encoding. */
		if (strcasecmp(encoding, "UTF-8") == 0 || strcasecmp(encoding, "UTF8") == 0)
			return 0;
		return setup_converter(r, encoding);
	}
	if (detected) {
		memmove(r->raw, r->raw + bom, r->raw_len - bom);
		r->raw_len -= bom;
		r->raw_base = bom;
		r->dec_orig = bom;
		if (strcmp(detected, "UTF-8") == 0)
			return 0;
		return setup_converter(r, detected);
	}
	if (encoding)
		return strcasecmp(encoding, "UTF-8") == 0 ? 0 : setup_converter(r, encoding);

	/* No BOM: many NUL bytes in alternate positions mean UTF-16. */
	while (r->raw_len < 512 && !r->eof)
		if ((rc = fill_raw(r)) < 0)
			return rc;
	size_t even = 0, odd = 0, m = r->raw_len < 512 ? r->raw_len : 512;
	for (size_t i = 0; i < m; i++)
		if (b[i] == 0) {
			if (i % 2)
				odd++;
			else
				even++;
		}
	if (m >= 4 && (even > m / 4 || odd > m / 4) && (even == 0 || odd == 0))
		return termin__error_set(TERMIN_EENCODING,
			"%s: looks like UTF-16 without a byte-order mark; pass --encoding %s",
			r->name, odd ? "UTF-16LE" : "UTF-16BE");
	return 0;
}

static size_t count_newlines(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			c++;
		else if (s[i] == '\r' && !(i + 1 < n && s[i + 1] == '\n'))
			c++;
	}
	return c;
}

/* Line breaks decoded but not yet delivered, for the line number of an
 * error ahead. dec.ptr is NULL until something was decoded. */
static size_t pending_newlines(const termin__reader *r)
{
	return r->dec.ptr ? count_newlines(r->dec.ptr + r->dec_pos, r->dec.len - r->dec_pos) : 0;
}

/* Validates UTF-8 exactly as termin__utf8_valid_prefix does, and on the
 * way sets *lone when it meets a line terminator other than LF and CRLF (a
 * CR followed by something else, NEL, LS, PS). As long as a file has none,
 * lines are found with memchr; this pass costs nothing extra because the
 * bytes are validated anyway. A CR as the very last byte is left to the
 * caller, which knows what comes next. */
static size_t scan_utf8(const char *str, size_t len, int *partial, int *lone)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	*partial = 0;
	while (i < len) {
		/* eight ASCII bytes at a time, none of them a CR */
		while (i + 8 <= len) {
			uint64_t w, v;
			memcpy(&w, s + i, 8);
			v = w ^ 0x0D0D0D0D0D0D0D0DULL;
			if ((w & 0x8080808080808080ULL) ||
			    ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char c = s[i];
		if (c < 0x80) {
			if (c == '\r' && i + 1 < len && s[i + 1] != '\n')
				*lone = 1;
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
			if (c == 0xC2 && s[i + 1] == 0x85)
				*lone = 1;
			i += 2;
			continue;
		}
		if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
			*lone = 1;
		size_t j = i;
		if (termin__utf8_next(str, len, &j) < 0) {
			/* an invalid sequence, or one cut by the end of the chunk */
			size_t k = termin__utf8_valid_prefix(str + i, len - i, partial);
			(void)k;
			return i;
		}
		i = j;
	}
	return len;
}

/* Moves validated UTF-8 from raw into dec. */
static int decode_utf8(termin__reader *r)
{
	int partial = 0, lone = 0;
	size_t ok = scan_utf8(r->raw, r->raw_len, &partial, &lone);
	/* a CR ending the previous chunk: is it followed by LF? */
	if (r->last_cr && (ok > 0 ? r->raw[0] != '\n' : r->eof))
		lone = 1;
	if (ok > 0)
		r->last_cr = r->raw[ok - 1] == '\r';
	r->lone |= lone;
	if (ok < r->raw_len && !(partial && !r->eof)) {
		uint64_t off = r->raw_base + ok;
		size_t line = r->lineno + pending_newlines(r) + count_newlines(r->raw, ok);
		if (partial)
			return termin__error_set(TERMIN_EENCODING,
				"%s:%zu: truncated UTF-8 character at byte offset %llu (end of file)",
				r->name, line, (unsigned long long)off);
		return termin__error_set(TERMIN_EENCODING,
			"%s:%zu: invalid UTF-8 (byte 0x%02X at byte offset %llu); "
			"for legacy files pass --encoding, e.g. --encoding windows-1251",
			r->name, line, (unsigned char)r->raw[ok], (unsigned long long)off);
	}
	const char *nul = memchr(r->raw, 0, ok);
	if (nul) {
		size_t k = (size_t)(nul - r->raw);
		size_t line = r->lineno + pending_newlines(r) + count_newlines(r->raw, k);
		return termin__error_set(TERMIN_EINVALID,
			"%s:%zu: binary data (NUL byte at byte offset %llu), not a text file",
			r->name, line, (unsigned long long)(r->raw_base + k));
	}
	termin_buf_put(&r->dec, r->raw, ok);
	memmove(r->raw, r->raw + ok, r->raw_len - ok);
	r->raw_len -= ok;
	r->raw_base += ok;
	return 0;
}

/* Converts raw through ICU into dec. */
static int decode_icu(termin__reader *r)
{
	size_t need = r->raw_len * 2 + 64;
	if (need > r->ubuf_cap) {
		r->ubuf = termin__xrealloc(r->ubuf, need * sizeof(UChar));
		r->ubuf_cap = need;
	}
	const char *src = r->raw, *src_end = r->raw + r->raw_len;
	UChar *dst = r->ubuf;
	UErrorCode err = U_ZERO_ERROR;
	ucnv_toUnicode(r->conv, &dst, r->ubuf + r->ubuf_cap, &src, src_end, NULL,
	               r->eof, &err);
	size_t consumed = (size_t)(src - r->raw);
	size_t nu = (size_t)(dst - r->ubuf);
	/* UTF-16 to UTF-8 */
	if (nu) {
		int32_t n8 = 0;
		UErrorCode e2 = U_ZERO_ERROR;
		u_strToUTF8(NULL, 0, &n8, r->ubuf, (int32_t)nu, &e2);
		termin_buf_reserve(&r->dec, (size_t)n8);
		e2 = U_ZERO_ERROR;
		u_strToUTF8(r->dec.ptr + r->dec.len, n8 + 1, &n8, r->ubuf, (int32_t)nu, &e2);
		if (U_FAILURE(e2) && e2 != U_STRING_NOT_TERMINATED_WARNING)
			return termin__error_set(TERMIN_EENCODING, "%s: cannot convert to UTF-8: %s",
			                         r->name, u_errorName(e2));
		r->dec.len += (size_t)n8;
		r->dec.ptr[r->dec.len] = '\0';
	}
	if (U_FAILURE(err) && err != U_BUFFER_OVERFLOW_ERROR) {
		char bad[8];
		int8_t nbad = sizeof bad;
		UErrorCode e3 = U_ZERO_ERROR;
		ucnv_getInvalidChars(r->conv, bad, &nbad, &e3);
		if (U_FAILURE(e3))
			nbad = 0;
		uint64_t off = r->raw_base + consumed - (uint64_t)nbad;
		size_t line = r->lineno + pending_newlines(r);
		if (err == U_TRUNCATED_CHAR_FOUND)
			return termin__error_set(TERMIN_EENCODING,
				"%s:%zu: truncated %s character at byte offset %llu (end of file)",
				r->name, line, r->encoding, (unsigned long long)off);
		return termin__error_set(TERMIN_EENCODING,
			"%s:%zu: byte 0x%02X at byte offset %llu cannot be decoded as %s",
			r->name, line, nbad ? (unsigned char)bad[0] : 0, (unsigned long long)off,
			r->encoding);
	}
	memmove(r->raw, src, r->raw_len - consumed);
	r->raw_len -= consumed;
	r->raw_base += consumed;
	if (memchr(r->dec.ptr + r->dec_valid, 0, r->dec.len - r->dec_valid)) {
		const char *nul = memchr(r->dec.ptr + r->dec_valid, 0, r->dec.len - r->dec_valid);
		size_t line = r->lineno + count_newlines(r->dec.ptr + r->dec_pos,
		                                         (size_t)(nul - r->dec.ptr) - r->dec_pos);
		return termin__error_set(TERMIN_EINVALID, "%s:%zu: binary data (NUL character), not a text file",
		                         r->name, line);
	}
	return 0;
}

static int decode_more(termin__reader *r)
{
	int rc;
	/* compact the decoded buffer */
	if (r->dec_pos > 0 && r->dec_pos >= r->dec.len / 2) {
		memmove(r->dec.ptr, r->dec.ptr + r->dec_pos, r->dec.len - r->dec_pos);
		r->dec.len -= r->dec_pos;
		r->dec_valid -= r->dec_pos;
		r->scan_pos -= r->dec_pos;
		r->dec_pos = 0;
		r->dec.ptr[r->dec.len] = '\0';
	}
	if ((rc = fill_raw(r)) < 0)
		return rc;
	if (r->conv)
		r->lone = 1; /* transcoded input takes the byte-by-byte search */
	rc = r->conv ? decode_icu(r) : decode_utf8(r);
	r->dec_valid = r->dec.len;
	return rc;
}

static int open_common(termin__reader *r, const char *encoding, size_t max_line)
{
	int rc;
	r->raw = termin__xmalloc(2 * RAW_CHUNK + 16);
	r->lineno = 1;
	r->max_line = max_line ? max_line : DEFAULT_MAX_LINE;
	r->measure = M_UTF8;
	r->encoding = termin__xstrdup("UTF-8");
	if ((rc = sniff(r, encoding)) < 0)
		return rc;
	r->started = 1;
	return 0;
}

int termin__reader_open(termin__reader **out, const char *path, const char *encoding,
                        size_t max_line)
{
	termin__reader *r;
	struct stat st;
	int rc;

	*out = NULL;
	r = termin__xcalloc(1, sizeof *r);
	if (strcmp(path, "-") == 0) {
		r->f = stdin;
		r->name = termin__xstrdup("<stdin>");
	} else {
		r->name = termin__xstrdup(path);
		r->f = fopen(path, "rb");
		if (!r->f) {
			rc = termin__error_errno(TERMIN_EIO, errno, "%s: cannot open", path);
			goto fail;
		}
		r->own_f = 1;
		if (fstat(fileno(r->f), &st) == 0 && S_ISDIR(st.st_mode)) {
			rc = termin__error_set(TERMIN_EIO, "%s: is a directory", path);
			goto fail;
		}
	}
	if ((rc = open_common(r, encoding, max_line)) < 0)
		goto fail;
	*out = r;
	return 0;
fail:
	termin__reader_free(r);
	return rc;
}

int termin__reader_open_buffer(termin__reader **out, const char *name, const char *data,
                               size_t len, const char *encoding, size_t max_line)
{
	termin__reader *r = termin__xcalloc(1, sizeof *r);
	int rc;
	*out = NULL;
	r->name = termin__xstrdup(name ? name : "<buffer>");
	r->mem = data ? data : "";
	r->mem_len = len;
	if ((rc = open_common(r, encoding, max_line)) < 0) {
		termin__reader_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

/* Finds the next line terminator in dec[from..to). Returns its position
 * and sets *tlen to its length, or returns `to` when there is none; then
 * *resume is where the search should resume once more data arrived (a CR
 * at the very end may be the first half of a CRLF, and a multi-byte
 * terminator may be cut). */
static size_t find_terminator(const termin__reader *r, size_t from, size_t to,
                              size_t *tlen, size_t *resume)
{
	const unsigned char *s = (const unsigned char *)r->dec.ptr;
	int at_eof = r->eof && r->raw_len == 0;
	if (!r->lone) {
		/* only LF and CRLF so far: memchr */
		const unsigned char *nl = from < to ? memchr(s + from, '\n', to - from) : NULL;
		if (nl) {
			size_t p = (size_t)(nl - s);
			if (p > from && s[p - 1] == '\r') {
				*tlen = 2;
				return p - 1;
			}
			*tlen = 1;
			return p;
		}
		*resume = to > from && s[to - 1] == '\r' ? to - 1 : to;
		return to;
	}
	for (size_t i = from; i < to; i++) {
		unsigned char c = s[i];
		if (c > '\r' && c != 0xC2 && c != 0xE2)
			continue;
		if (c == '\n') {
			*tlen = 1;
			return i;
		}
		if (c == '\r') {
			if (i + 1 < to) {
				*tlen = s[i + 1] == '\n' ? 2 : 1;
				return i;
			}
			if (at_eof) {
				*tlen = 1;
				return i;
			}
			*resume = i;
			return to;
		}
		if (c == 0xC2 || c == 0xE2) {
			size_t need = c == 0xC2 ? 2 : 3;
			if (i + need > to) {
				*resume = i;
				return to;
			}
			if (c == 0xC2 && s[i + 1] == 0x85) {
				*tlen = 2;
				return i;
			}
			if (c == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
				*tlen = 3;
				return i;
			}
		}
	}
	*resume = to;
	return to;
}

static void emit(termin__reader *r, termin__rawline *out, size_t len, size_t tlen, int partial)
{
	out->text = r->dec.ptr + r->dec_pos;
	out->len = len;
	out->lineno = r->lineno;
	out->orig = r->dec_orig;
	out->continued = r->in_partial;
	out->partial = partial;
	r->dec_orig += termin__reader_measure(r, out->text, len + tlen);
	r->dec_pos += len + tlen;
	r->scan_pos = r->dec_pos;
	r->in_partial = partial;
	if (!partial)
		r->lineno++;
}

int termin__reader_next(termin__reader *r, termin__rawline *out)
{
	int rc;
	for (;;) {
		size_t tlen = 0, resume = r->dec_valid;
		size_t from = r->scan_pos > r->dec_pos ? r->scan_pos : r->dec_pos;
		size_t end = find_terminator(r, from, r->dec_valid, &tlen, &resume);
		int found = end < r->dec_valid;
		int at_eof = r->eof && r->raw_len == 0;
		size_t len = end - r->dec_pos;

		if (len > r->max_line || (!found && len == r->max_line && !at_eof)) {
			/* too long: cut a piece at a character boundary */
			len = r->max_line;
			while (len > 0 && ((unsigned char)r->dec.ptr[r->dec_pos + len] & 0xC0) == 0x80)
				len--;
			/* what was searched holds no terminator: the next search
			 * goes on from there, not from the cut (quadratic with a
			 * small max_line) */
			size_t searched = found ? end : resume;
			emit(r, out, len, 0, 1);
			if (searched > r->scan_pos)
				r->scan_pos = searched;
			return 1;
		}
		if (found) {
			emit(r, out, len, tlen, 0);
			return 1;
		}
		if (at_eof) {
			if (len == 0)
				return 0;
			emit(r, out, len, 0, 0);
			return 1;
		}
		r->scan_pos = resume;
		if ((rc = decode_more(r)) < 0)
			return rc;
	}
}

uint64_t termin__reader_measure(const termin__reader *r, const char *text, size_t len)
{
	size_t i = 0;
	uint64_t n = 0;
	switch (r->measure) {
	case M_UTF8:
		return len;
	case M_SINGLE:
		for (i = 0; i < len; i++)
			n += ((unsigned char)text[i] & 0xC0) != 0x80;
		return n;
	case M_UTF16:
		while (i < len) {
			int32_t cp = termin__utf8_next(text, len, &i);
			n += cp > 0xFFFF ? 4 : 2;
		}
		return n;
	case M_UTF32:
		for (i = 0; i < len; i++)
			n += ((unsigned char)text[i] & 0xC0) != 0x80;
		return n * 4;
	case M_ICU: {
		/* rare multi-byte legacy encodings: convert back and count */
		UErrorCode err = U_ZERO_ERROR;
		int32_t nu = 0;
		u_strFromUTF8(NULL, 0, &nu, text, (int32_t)len, &err);
		UChar *u = termin__xmalloc(((size_t)nu + 1) * sizeof(UChar));
		err = U_ZERO_ERROR;
		u_strFromUTF8(u, nu + 1, &nu, text, (int32_t)len, &err);
		err = U_ZERO_ERROR;
		ucnv_resetFromUnicode(r->measure_conv);
		int32_t nb = ucnv_fromUChars(r->measure_conv, NULL, 0, u, nu, &err);
		free(u);
		return (uint64_t)nb;
	}
	}
	return len;
}

const char *termin__reader_name(const termin__reader *r)
{
	return r->name;
}

uint64_t termin__reader_bytes(const termin__reader *r)
{
	return r->bytes;
}

void termin__reader_free(termin__reader *r)
{
	if (!r)
		return;
	if (r->own_f && r->f)
		fclose(r->f);
	if (r->conv)
		ucnv_close(r->conv);
	if (r->measure_conv)
		ucnv_close(r->measure_conv);
	termin_buf_free(&r->dec);
	free(r->raw);
	free(r->ubuf);
	free(r->encoding);
	free(r->name);
	free(r);
}
