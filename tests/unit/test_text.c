/*
 * test_text.c - reading and cleaning text (termin_textfile).
 */
#include "tt.h"

#include <stdlib.h>

/* Reads every line of `data` and joins them with '|'. */
static char *lines_of(const char *data, size_t len, termin_textfile_opts *opts)
{
	termin_textfile *t;
	termin_line l;
	static char out[65536];
	size_t n = 0;
	int rc;
	T_OK(termin_textfile_open_buffer(&t, "mem.txt", data, len, opts));
	out[0] = '\0';
	while ((rc = termin_textfile_next(t, &l)) > 0) {
		if (n)
			out[n++] = '|';
		memcpy(out + n, l.text, l.len);
		n += l.len;
		out[n] = '\0';
	}
	T_OK(rc);
	termin_textfile_free(t);
	return out;
}

void test_text__spaces_are_normalised(void)
{
	const char in[] = "\xC2\xA0 Imangali\xC2\xA0\xC2\xA0Nurgaliyevich,  last\tweek \xE2\x80\x89ok \n";
	T_EQ_STR(lines_of(in, sizeof in - 1, NULL), "Imangali Nurgaliyevich, last week ok");
}

void test_text__no_clean_keeps_text(void)
{
	termin_textfile_opts o = TERMIN_TEXTFILE_OPTS_INIT;
	const char in[] = "a\xC2\xA0 b\nGo back\n";
	o.clean = 0;
	T_EQ_STR(lines_of(in, sizeof in - 1, &o), "a\xC2\xA0 b|Go back");
}

void test_text__boilerplate_lines_dropped(void)
{
	const char in[] = "Text one.\n\nGo back\n\nBack to the section\n\nBack to the all news";
	T_EQ_STR(lines_of(in, sizeof in - 1, NULL), "Text one.");
}

void test_text__glued_boilerplate_stripped(void)
{
	const char in[] = "Back to the all newsThe 23rd meeting was held.\nGo backBack to the sectionOn 5 May.\n";
	T_EQ_STR(lines_of(in, sizeof in - 1, NULL), "The 23rd meeting was held.|On 5 May.");
}

void test_text__boilerplate_prefix_needs_case_change(void)
{
	/* "Go back to..." is a sentence; BACKGROUND is not navigation */
	const char in[] = "Go back to the start.\nBACK TO THE ALL NEWSROOM\n";
	T_EQ_STR(lines_of(in, sizeof in - 1, NULL), "Go back to the start.|BACK TO THE ALL NEWSROOM");
}

void test_text__user_boilerplate(void)
{
	termin_textfile_opts o = TERMIN_TEXTFILE_OPTS_INIT;
	termin_boilerplate *bp;
	const char in[] = "Subscribe to our channel\nReal text.\n";
	T_OK(termin_boilerplate_new(&bp));
	T_OK(termin_boilerplate_add(bp, "Subscribe to our channel"));
	o.boilerplate = bp;
	T_EQ_STR(lines_of(in, sizeof in - 1, &o), "Real text.");
	termin_boilerplate_free(bp);
}

static termin_speller *english(void)
{
	termin_speller *s;
	T_OK(termin_speller_new(&s));
	if (termin_speller_add_dict(s, "en_US") < 0)
		T_SKIP("hunspell en_US is not installed");
	return s;
}

void test_text__broken_word_rejoined(void)
{
	termin_textfile_opts o = TERMIN_TEXTFILE_OPTS_INIT;
	const char in[] = "You were one of the initiators of the Collect\nive Security Treaty. It is clear.\n";
	o.speller = english();
	T_EQ_STR(lines_of(in, sizeof in - 1, &o),
	         "You were one of the initiators of the Collective Security Treaty. It is clear.");
	termin_speller_free(o.speller);
}

void test_text__two_words_not_rejoined(void)
{
	termin_textfile_opts o = TERMIN_TEXTFILE_OPTS_INIT;
	/* "in"+"to" makes "into", but both halves are words: keep the break */
	const char in[] = "He went in\nto the hall\nthe meeting of the\nsecurity council\n";
	o.speller = english();
	T_EQ_STR(lines_of(in, sizeof in - 1, &o), "He went in|to the hall|the meeting of the|security council");
	termin_speller_free(o.speller);
}

void test_text__rejoin_keeps_offsets(void)
{
	termin_textfile_opts o = TERMIN_TEXTFILE_OPTS_INIT;
	termin_textfile *t;
	termin_line l;
	const char in[] = "the Collect\nive Treaty";
	o.speller = english();
	T_OK(termin_textfile_open_buffer(&t, "m", in, sizeof in - 1, &o));
	T_EQ_INT(termin_textfile_next(t, &l), 1);
	T_EQ_MEM(l.text, l.len, "the Collective Treaty");
	T_EQ_INT(termin_textfile_offset(t, 4), 4);   /* C */
	T_EQ_INT(termin_textfile_offset(t, 11), 12); /* i of "ive" after the newline */
	T_EQ_INT(termin_textfile_offset(t, l.len), sizeof in - 1);
	termin_textfile_free(t);
	termin_speller_free(o.speller);
}

void test_text__offsets_after_cleaning(void)
{
	termin_textfile *t;
	termin_line l;
	const char in[] = "\xEF\xBB\xBFOne.\r\n\xC2\xA0 Two\xC2\xA0\xC2\xA0three.";
	T_OK(termin_textfile_open_buffer(&t, "m", in, sizeof in - 1, NULL));
	T_EQ_INT(termin_textfile_next(t, &l), 1);
	T_EQ_MEM(l.text, l.len, "One.");
	T_EQ_INT(termin_textfile_offset(t, 0), 3);
	T_EQ_INT(termin_textfile_next(t, &l), 1);
	T_EQ_MEM(l.text, l.len, "Two three.");
	T_EQ_INT(l.line, 2);
	T_EQ_INT(termin_textfile_offset(t, 0), 12);  /* after CRLF, NBSP and space */
	T_EQ_INT(termin_textfile_offset(t, 4), 19);  /* "three" after two NBSPs */
	T_EQ_INT(termin_textfile_offset(t, 10), (long long)(sizeof in - 1));
	T_EQ_INT(termin_textfile_next(t, &l), 0);
	termin_textfile_free(t);
}

void test_text__line_endings(void)
{
	const char in[] = "a\rb\r\nc\nd\xE2\x80\xA8" "e\xC2\x85" "f";
	T_EQ_STR(lines_of(in, sizeof in - 1, NULL), "a|b|c|d|e|f");
}

void test_text__utf16_with_bom(void)
{
	/* "Да\nok" in UTF-16LE with BOM */
	const char in[] = "\xFF\xFE\x14\x04\x30\x04\n\0o\0k\0";
	termin_textfile *t;
	termin_line l;
	T_OK(termin_textfile_open_buffer(&t, "m", in, sizeof in - 1, NULL));
	T_EQ_INT(termin_textfile_next(t, &l), 1);
	T_EQ_MEM(l.text, l.len, "Да");
	T_EQ_INT(termin_textfile_offset(t, 0), 2);
	T_EQ_INT(termin_textfile_next(t, &l), 1);
	T_EQ_MEM(l.text, l.len, "ok");
	T_EQ_INT(termin_textfile_offset(t, 1), 10);
	termin_textfile_free(t);
}

void test_text__windows1251(void)
{
	termin_textfile_opts o = TERMIN_TEXTFILE_OPTS_INIT;
	termin_textfile *t;
	termin_line l;
	const char in[] = "\xCE\xC4\xCA\xC1 \xF1\xEE\xE7\xE4\xE0\xED\xE0.";   /* ОДКБ создана. */
	o.encoding = "windows-1251";
	T_OK(termin_textfile_open_buffer(&t, "m", in, sizeof in - 1, &o));
	T_EQ_INT(termin_textfile_next(t, &l), 1);
	T_EQ_MEM(l.text, l.len, "ОДКБ создана.");
	T_EQ_INT(termin_textfile_offset(t, 9), 5); /* "с" is byte 5 */
	termin_textfile_free(t);
}

void test_text__koi8r(void)
{
	termin_textfile_opts o = TERMIN_TEXTFILE_OPTS_INIT;
	const char in[] = "\xEF\xE4\xEB\xE2";   /* ОДКБ in KOI8-R */
	o.encoding = "KOI8-R";
	T_EQ_STR(lines_of(in, sizeof in - 1, &o), "ОДКБ");
}

void test_text__invalid_utf8_names_line_and_offset(void)
{
	termin_textfile *t;
	termin_line l;
	const char in[] = "first\nsecond \xCE\xC4\xCA\xC1\n";
	T_OK(termin_textfile_open_buffer(&t, "news.txt", in, sizeof in - 1, NULL));
	T_FAILS(termin_textfile_next(t, &l), TERMIN_EENCODING);
	T_EQ_STR(termin_error_last()->message,
	         "news.txt:2: invalid UTF-8 (byte 0xCE at byte offset 13); "
	         "for legacy files pass --encoding, e.g. --encoding windows-1251");
	termin_textfile_free(t);
}

void test_text__nul_is_binary(void)
{
	termin_textfile *t;
	termin_line l;
	const char in[] = "abc\ndef\0ghi\n";
	T_OK(termin_textfile_open_buffer(&t, "x.bin", in, sizeof in - 1, NULL));
	T_FAILS(termin_textfile_next(t, &l), TERMIN_EINVALID);
	T_EQ_STR(termin_error_last()->message,
	         "x.bin:2: binary data (NUL byte at byte offset 7), not a text file");
	termin_textfile_free(t);
}

void test_text__utf16_without_bom_refused(void)
{
	termin_textfile *t = NULL;
	const char in[] = "H\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0\n\0";
	T_FAILS(termin_textfile_open_buffer(&t, "u.txt", in, sizeof in - 1, NULL), TERMIN_EENCODING);
	T_EQ_STR(termin_error_last()->message,
	         "u.txt: looks like UTF-16 without a byte-order mark; pass --encoding UTF-16LE");
}

void test_text__empty_input(void)
{
	T_EQ_STR(lines_of("", 0, NULL), "");
	T_EQ_STR(lines_of("\n\n  \n", 4, NULL), "");
}

void test_text__long_line_in_pieces(void)
{
	termin_textfile_opts o = TERMIN_TEXTFILE_OPTS_INIT;
	termin_textfile *t;
	termin_line l;
	char in[300];
	size_t total = 0;
	int pieces = 0;
	for (int i = 0; i < 299; i++)
		in[i] = (char)('a' + i % 26);
	in[299] = '\n';
	o.max_line = 64;
	T_OK(termin_textfile_open_buffer(&t, "m", in, sizeof in, &o));
	while (termin_textfile_next(t, &l) > 0) {
		T_ASSERT(l.len <= 64);
		T_EQ_INT(l.continued, pieces > 0);
		T_EQ_INT(l.paragraph, 1);
		total += l.len;
		pieces++;
	}
	T_EQ_INT(total, 299);
	T_EQ_INT(pieces, 5);
	termin_textfile_free(t);
}

void test_text__repeats_counted(void)
{
	termin_textfile *t;
	termin_line l;
	termin_textfile_stats st;
	size_t line, first;
	const char in[] = "World Exclusive\n\nText.\nWorld Exclusive\nWorld  Exclusive\n";
	T_OK(termin_textfile_open_buffer(&t, "m", in, sizeof in - 1, NULL));
	while (termin_textfile_next(t, &l) > 0)
		;
	termin_textfile_get_stats(t, &st);
	T_EQ_INT(st.repeated, 2);
	T_EQ_INT(st.paragraphs, 4);
	T_OK(termin_textfile_repeat(t, 1, &line, &first));
	T_EQ_INT(line, 5);
	T_EQ_INT(first, 1);
	termin_textfile_free(t);
}

void test_text__lang_detect(void)
{
	T_EQ_STR(termin_lang_detect("генеральный секретарь одкб, станислав зась", 77), "ru");
	T_EQ_STR(termin_lang_detect("The CSTO Secretary General", 26), "en");
	T_ASSERT(termin_lang_detect("05.06.2020 00:01:00", 19) == NULL);
}

size_t termin__utf8_count(const char *s, size_t n); /* util.c: semi-private */

/* The eight-bytes-at-a-time count agrees with counting the bytes that do
 * not continue a character, at every length and alignment. */
void test_text__utf8_count_matches_bytewise(void)
{
	const char *s = "Ёж «ёлка» — x\xe2\x80\x89y 日本 \xf0\x9f\x98\x80 abc\xd0\x81\xd1\x91 end of the text here";
	size_t len = strlen(s);
	for (size_t a = 0; a < 9; a++)
		for (size_t n = 0; a + n <= len; n++) {
			size_t want = 0;
			for (size_t i = a; i < a + n; i++)
				want += ((unsigned char)s[i] & 0xC0) != 0x80;
			T_EQ_INT((long long)termin__utf8_count(s + a, n), (long long)want);
		}
}
