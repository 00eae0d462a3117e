/*
 * test_badinput.c - the bad-input catalogue for the glossary readers (TBX
 * 2019, TBX 2, TSV, CSV), which have no command of their own yet: each
 * case loads a hostile or broken file through termin_glossary_load and
 * asserts the exact code and message. The command-line catalogue is in
 * tests/bad/ (.t files); move these there when `termin glossary` reads files.
 */
#include <stdio.h>
#include <string.h>

#include "termin.h"
#include "tt.h"

/* Writes `data` to NAME in a scratch directory, loads it with the format
 * guessed, and checks the result: `code` 0 means accepted, otherwise the
 * message must be "NAME" followed by `tail` exactly. */
static void expect(const char *name, const char *data, size_t len, int code, const char *tail)
{
	char path[512], want[1024];
	termin_glossary *g = NULL;
	termin_glossary_load_opts o = TERMIN_GLOSSARY_LOAD_OPTS_INIT;

	snprintf(path, sizeof path, "%s/%s", tt_tmpdir(), name);
	tt_write(path, data, len);
	T_OK(termin_glossary_new(&g));
	int rc = termin_glossary_load(g, path, &o);
	if (code == 0) {
		T_OK(rc);
	} else {
		T_EQ_INT(rc, code);
		snprintf(want, sizeof want, "%s%s", path, tail);
		T_EQ_STR(termin_error_last()->message, want);
	}
	termin_glossary_free(g);
}

#define EXPECT(name, lit, code, tail) expect(name, lit, sizeof lit - 1, code, tail)

#define TBX_ROOT "<tbx style=\"dca\" type=\"TBX-Basic\" xml:lang=\"en\" " \
	"xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body>"
#define TBX_OPEN "<?xml version=\"1.0\"?>\n" TBX_ROOT
#define TBX_CLOSE "</body></text></tbx>\n"

void test_badinput__tbx_external_entity(void)
{
	EXPECT("xxe.tbx", "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [\n"
	       "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n" TBX_ROOT
	       "<conceptEntry id=\"c1\"><langSec xml:lang=\"en\"><termSec><term>&xxe;</term>"
	       "</termSec></langSec></conceptEntry>" TBX_CLOSE,
	       TERMIN_EINVALID, ":3: the DOCTYPE declares entities; refused (untrusted XML)");
}

void test_badinput__tbx_billion_laughs(void)
{
	EXPECT("lol.tbx", "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [\n<!ENTITY a \"aaaaaaaaaa\">\n"
	       "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	       "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n<tbx>&c;</tbx>\n",
	       TERMIN_EINVALID, ":3: the DOCTYPE declares entities; refused (untrusted XML)");
}

void test_badinput__tbx_truncated(void)
{
	EXPECT("cut.tbx", TBX_OPEN "\n<conceptEntry id=\"c1\"><langSec xml:lang=\"en\">\n<termSec><te",
	       TERMIN_EINVALID, ":4: malformed XML: the file ends before the document does (truncated?)");
}

void test_badinput__tbx_truncated_between_elements(void)
{
	EXPECT("cut2.tbx", TBX_OPEN "\n<conceptEntry id=\"c1\"><langSec xml:lang=\"en\">\n"
	       "<termSec><term>CSTO</term></termSec>\n",
	       TERMIN_EINVALID, ":4: malformed XML: the file ends before the document does (truncated?)");
}

void test_badinput__tbx_extra_content_is_not_truncation(void)
{
	EXPECT("extra.tbx", TBX_OPEN TBX_CLOSE "<tbx/>\n",
	       TERMIN_EINVALID, ":3: malformed XML: Extra content at the end of the document");
}

void test_badinput__tbx_empty(void)
{
	EXPECT("empty.tbx", "  \n", TERMIN_EINVALID, ": empty file, expected a TBX document");
}

void test_badinput__tbx_deep_nesting(void)
{
	char buf[8192];
	size_t n = (size_t)snprintf(buf, sizeof buf, "<?xml version=\"1.0\"?>\n<martif type=\"TBX\"><text><body>");
	for (int i = 0; i < 300; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "<termEntry>");
	n += (size_t)snprintf(buf + n, sizeof buf - n, "\n");
	expect("deep.tbx", buf, n, TERMIN_EINVALID,
	       ":2: malformed XML: elements nested more than 256 deep; refused");
}

void test_badinput__tbx_wrong_root(void)
{
	EXPECT("tmx.tbx", "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/><body/></tmx>\n",
	       TERMIN_EINVALID, ":2: root element <tmx> is neither <tbx> (TBX 2019) nor <martif> (TBX 2)");
}

void test_badinput__tbx_undeclared_windows1251(void)
{
	EXPECT("cp.tbx", TBX_OPEN "<conceptEntry id=\"c1\"><langSec xml:lang=\"ru\"><termSec><term>"
	       "\316\304\312\301</term></termSec></langSec></conceptEntry>" TBX_CLOSE,
	       TERMIN_EINVALID, ":2: malformed XML: invalid UTF-8 (bytes 0xCE 0xC4 0xCA 0xC1); a file in "
	       "another encoding must declare it (<?xml version=\"1.0\" encoding=\"windows-1251\"?>)");
}

void test_badinput__csv_unterminated_quote(void)
{
	EXPECT("q.csv", "en,ru\n\"unclosed,Один\n", TERMIN_EINVALID, ":2: unterminated quoted field");
}

void test_badinput__csv_no_term_column(void)
{
	EXPECT("hdr.csv", "source,target\nOne,Один\n", TERMIN_EINVALID,
	       ":1: the header row names no term column (such as en, ru, en_1, ru_2)");
}

void test_badinput__tsv_windows1251(void)
{
	EXPECT("cp.tsv", "\316\304\312\301\tCSTO\n", TERMIN_EENCODING,
	       ":1: invalid UTF-8 (byte 0xCE at byte offset 0)");
}
