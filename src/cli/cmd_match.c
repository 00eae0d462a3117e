/*
 * cmd_match.c - `termin tm match`: the best fuzzy matches of a text in the
 * TM, with the differences marked and the glossary terms of the text.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char description[] =
	"Looks TEXT up in the TM and shows the best matches, best first, with\n"
	"their score (101% in-context, 100% exact, else fuzzy; see \"Fuzzy match\n"
	"scores\" in the man page), the differences between TEXT and the stored\n"
	"source (in colour on a terminal; [-only in TEXT-] and {+only in the\n"
	"TM+} otherwise), the translation, and the glossary terms found in TEXT\n"
	"with their translations. With '-', each line of standard input is a\n"
	"query, and consecutive lines are each other's context. The source\n"
	"language is detected (English or Russian) unless --src is given.\n";

typedef struct {
	const char *format;
	int json, color;
	termin_matcher *gm;
	const char *tgt;
	size_t queries;
} out_state;

static void put_diff(const termin_fuzzy_seg *q, termin_fuzzy_seg *c, int color)
{
	const termin_diff_piece *p;
	size_t n;
	termin_fuzzy_diff(q, c, &p, &n);
	for (size_t i = 0; i < n; i++) {
		const char *t = p[i].text;
		size_t len = p[i].len, core = len;
		while (core && (t[core - 1] == ' ' || t[core - 1] == '\t'))
			core--;
		if (p[i].kind == TERMIN_DIFF_SAME) {
			fwrite(t, 1, len, stdout);
			continue;
		}
		int del = p[i].kind == TERMIN_DIFF_QUERY;
		if (color)
			fputs(del ? "\033[31;9m" : "\033[32;1m", stdout);
		else
			fputs(del ? "[-" : "{+", stdout);
		fwrite(t, 1, core, stdout);
		if (color)
			fputs("\033[0m", stdout);
		else
			fputs(del ? "-]" : "+}", stdout);
		/* "[-old-]{+new+} ": the white space once, after the new words */
		if (!(del && i + 1 < n && p[i + 1].kind == TERMIN_DIFF_MATCH))
			fwrite(t + core, 1, len - core, stdout);
	}
}

static const char *other_lang(const char *lang)
{
	return strncmp(lang, "ru", 2) == 0 ? "en" : "ru";
}

static void json_diff(const termin_fuzzy_seg *q, termin_fuzzy_seg *c)
{
	const termin_diff_piece *p;
	size_t n;
	termin_fuzzy_diff(q, c, &p, &n);
	putchar('[');
	for (size_t i = 0; i < n; i++) {
		printf("%s{\"op\":\"%s\",\"text\":", i ? "," : "",
		       p[i].kind == TERMIN_DIFF_SAME ? "same" : p[i].kind == TERMIN_DIFF_QUERY ? "query" : "match");
		termin_json_write_string(stdout, p[i].text, p[i].len);
		putchar('}');
	}
	putchar(']');
}

static void json_str(const char *s, size_t len)
{
	if (s)
		termin_json_write_string(stdout, s, len);
	else
		fputs("null", stdout);
}

static int show(out_state *o, termin_fuzzy *f, const char *text, size_t len, const char *lang,
                const termin_fuzzy_match *m, size_t n)
{
	const termin_term_hit *hits = NULL;
	size_t n_hits = 0;
	const char *tl = o->tgt ? o->tgt : other_lang(lang);
	if (o->gm && termin_matcher_find(o->gm, lang, text, len, &hits, &n_hits) < 0)
		n_hits = 0;
	const termin_fuzzy_seg *q = termin_fuzzy_query(f);
	if (o->json) {
		fputs("{\"query\":", stdout);
		json_str(text, len);
		printf(",\"lang\":\"%s\",\"matches\":[", lang);
		for (size_t i = 0; i < n; i++) {
			const termin_fuzzy_detail *d = &m[i].detail;
			printf("%s{\"score\":%d,\"tuid\":", i ? "," : "", m[i].score);
			json_str(m[i].tuid, m[i].tuid ? strlen(m[i].tuid) : 0);
			fputs(",\"doc\":", stdout);
			json_str(m[i].doc, m[i].doc ? strlen(m[i].doc) : 0);
			fputs(",\"source_lang\":", stdout);
			json_str(m[i].src_lang, strlen(m[i].src_lang));
			fputs(",\"source\":", stdout);
			json_str(m[i].source, m[i].source_len);
			fputs(",\"target_lang\":", stdout);
			json_str(m[i].tgt_lang, m[i].tgt_lang ? strlen(m[i].tgt_lang) : 0);
			fputs(",\"target\":", stdout);
			json_str(m[i].target, m[i].target_len);
			printf(",\"detail\":{\"base\":%d,\"word_edits\":%d,\"numbers\":%d,\"tags\":%d,"
			       "\"punctuation\":%d,\"case\":%d},\"diff\":",
			       d->base, d->word_edits, d->numbers, d->tags, d->punctuation, d->letter_case);
			json_diff(q, m[i].seg);
			putchar('}');
		}
		fputs("],\"terms\":[", stdout);
		for (size_t i = 0; i < n_hits; i++) {
			const termin_term *t = termin_concept_preferred(hits[i].concept, tl);
			printf("%s{\"text\":", i ? "," : "");
			json_str(hits[i].text, hits[i].end - hits[i].start);
			printf(",\"start\":%zu,\"end\":%zu,\"concept\":", hits[i].start, hits[i].end);
			const char *cid = termin_concept_id(hits[i].concept);
			json_str(cid, strlen(cid));
			fputs(",\"term\":", stdout);
			const char *tt = termin_term_text(hits[i].term);
			json_str(tt, strlen(tt));
			printf(",\"status\":\"%s\",\"target\":", termin_term_status_name(hits[i].status));
			json_str(t ? termin_term_text(t) : NULL, t ? strlen(termin_term_text(t)) : 0);
			putchar('}');
		}
		fputs("]}\n", stdout);
		return 0;
	}
	if (o->queries++)
		putchar('\n');
	printf("%squery%s  ", o->color ? "\033[1m" : "", o->color ? "\033[0m" : "");
	fwrite(text, 1, len, stdout);
	putchar('\n');
	if (!n)
		printf("  no match\n");
	for (size_t i = 0; i < n; i++) {
		if (o->color)
			printf("%s%4d%%\033[0m  ", m[i].score >= 100 ? "\033[1;32m" : m[i].score >= 75 ? "\033[1;33m" : "\033[1m",
			       m[i].score);
		else
			printf("%4d%%  ", m[i].score);
		put_diff(q, m[i].seg, o->color);
		putchar('\n');
		if (m[i].target) {
			printf("       %s: ", m[i].tgt_lang);
			fwrite(m[i].target, 1, m[i].target_len, stdout);
			putchar('\n');
		}
		printf("       %s", o->color ? "\033[2m" : "");
		if (m[i].tuid)
			printf("tuid %s", m[i].tuid);
		else
			printf("unit %lld", (long long)m[i].unit_id);
		if (m[i].doc)
			printf(", %s", m[i].doc);
		printf("%s\n", o->color ? "\033[0m" : "");
	}
	if (n_hits) {
		printf("terms  ");
		for (size_t i = 0; i < n_hits; i++) {
			const termin_term *t = termin_concept_preferred(hits[i].concept, tl);
			printf("%s%.*s", i ? "; " : "", (int)(hits[i].end - hits[i].start), hits[i].text);
			if (t)
				printf(" = %s", termin_term_text(t));
			if (hits[i].status == TERMIN_STATUS_DEPRECATED)
				printf(" (deprecated: use %s)",
				       termin_term_text(termin_concept_preferred(hits[i].concept, lang)));
		}
		putchar('\n');
	}
	return 0;
}

/* Whether s[0..len) is valid UTF-8 (no overlongs, surrogates or code
 * points above U+10FFFF). */
static int utf8_ok(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		if (c < 0x80)
			n = 0;
		else if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3;
		else
			return 0;
		if (n > len - i - 1)
			return 0;
		for (size_t k = 1; k <= n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
		    (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
			return 0;
		i += n + 1;
	}
	return 1;
}

static int one(out_state *o, cli_matchers *ms, const char *src, const char *text, size_t len,
               const termin_fuzzy_context *ctx)
{
	const char *lang = src;
	int rc = 0;
	if (!lang) {
		lang = termin_lang_detect(text, len);
		if (!lang)
			lang = "en";
	}
	termin_fuzzy *f = cli_matchers_get(ms, lang, &rc);
	const termin_fuzzy_match *m;
	size_t n;
	if (!f)
		return rc;
	if ((rc = termin_fuzzy_lookup(f, text, len, ctx, &m, &n)) < 0)
		return rc;
	return show(o, f, text, len, lang, m, n);
}

int cmd_tm_match(int argc, char **argv)
{
	const char *db = NULL, *src = NULL, *tgt = NULL, *format = "text", *color = "auto";
	cli_glossary_opts go = CLI_GLOSSARY_OPTS_INIT;
	long threshold = 50, limit = 5;
	int untranslated = 0, no_glossary = 0;
	const cli_opt opts[] = {
		{ CLI_STRING, "db", 0, "FILE", "the TM database (default $TERMIN_DB, else ./termin.db)", &db, NULL },
		{ CLI_STRING, "src", 0, "LANG", "source language (default: detected, English or Russian)", &src, NULL },
		{ CLI_STRING, "tgt", 0, "LANG", "target language (default: any other language)", &tgt, NULL },
		{ CLI_INT, "threshold", 't', "N", "lowest score shown, 1-100 (default 50)", &threshold, NULL },
		{ CLI_INT, "limit", 'n', "N", "show at most N matches (default 5)", &limit, NULL },
		{ CLI_FLAG, "include-untranslated", 0, NULL, "also units without a translation", &untranslated, NULL },
		{ CLI_LIST, "glossary", 'g', "FILE", "use this glossary file too (repeatable; its entries replace same-id entries)", &go.files, NULL },
		{ CLI_FLAG, "no-default-glossary", 0, NULL, "use only the --glossary files, not the database's or the shipped glossary", &go.no_default, NULL },
		{ CLI_FLAG, "no-glossary", 0, NULL, "do not show glossary terms", &no_glossary, NULL },
		{ CLI_CHOICE, "format", 'f', "FMT", "output format", &format, "text|json" },
		{ CLI_CHOICE, "color", 0, "WHEN", "mark differences in colour", &color, "auto|always|never" },
		{ CLI_END, NULL, 0, NULL, NULL, NULL, NULL }
	};
	const cli_spec spec = { "tm match", "[OPTIONS] TEXT|-", "Fuzzy matches of a text in the TM.",
	                        description, opts, 1, 1 };
	char **args;
	int nargs, rc, exit_code = 0;
	termin_tm *tm = NULL;
	termin_glossary *g = NULL;
	cli_matchers *ms = NULL;
	out_state o = { 0 };
	char sl[TERMIN_LANG_MAX], tl[TERMIN_LANG_MAX];

	rc = cli_parse(&spec, argc, argv, &args, &nargs);
	if (rc != 0)
		return rc > 0 ? 0 : TERMIN_EXIT_USAGE;
	const char *arg = args[0];
	free(args);
	if (threshold < 1 || threshold > 100) {
		exit_code = cli_usage_error("tm match", "--threshold must be between 1 and 100, not %ld", threshold);
		goto done;
	}
	if (limit < 1) {
		exit_code = cli_usage_error("tm match", "--limit must be positive");
		goto done;
	}
	if (src && termin_lang_normalize(src, sl) < 0) {
		exit_code = cli_usage_error("tm match", "--src: %s", termin_error_last()->message);
		goto done;
	}
	if (tgt && termin_lang_normalize(tgt, tl) < 0) {
		exit_code = cli_usage_error("tm match", "--tgt: %s", termin_error_last()->message);
		goto done;
	}
	const char *path = cli_tm_path(db);
	if (!path) {
		exit_code = TERMIN_EXIT_IO;
		goto done;
	}
	o.json = strcmp(format, "json") == 0;
	o.color = !o.json && (strcmp(color, "always") == 0 || (strcmp(color, "auto") == 0 && cli_isatty_out()));
	o.tgt = tgt ? tl : NULL;
	if (!no_glossary) {
		go.db = path;
		if ((exit_code = cli_glossary_load(&g, &go)) != 0)
			goto done;
		if ((rc = termin_matcher_new(&o.gm, g, NULL)) < 0)
			goto fail;
	}
	termin_tm_opts to = TERMIN_TM_OPTS_INIT;
	if ((rc = termin_tm_open(&tm, path, &to)) < 0)
		goto fail;
	termin_fuzzy_opts fo = TERMIN_FUZZY_OPTS_INIT;
	fo.tgt = tgt ? tl : NULL;
	fo.threshold = (int)threshold;
	fo.limit = (size_t)limit;
	fo.include_untranslated = untranslated;
	ms = cli_matchers_new(tm, &fo);
	if (strcmp(arg, "-") != 0) {
		if (!utf8_ok(arg, strlen(arg))) {
			fprintf(stderr, "termin: TEXT is not valid UTF-8\n");
			exit_code = TERMIN_EXIT_BADINPUT;
			goto done;
		}
		if ((rc = one(&o, ms, src ? sl : NULL, arg, strlen(arg), NULL)) < 0)
			goto fail;
	} else {
		/* lines of stdin, each with its neighbours as context */
		char *lines[2] = { NULL, NULL };
		size_t caps[2] = { 0, 0 };
		ssize_t lens[2] = { -1, -1 };
		uint64_t prev = 0;
		int cur = 0;
		size_t lineno = 1;
		lens[cur] = getline(&lines[cur], &caps[cur], stdin);
		while (lens[cur] >= 0) {
			while (lens[cur] > 0 && (lines[cur][lens[cur] - 1] == '\n' || lines[cur][lens[cur] - 1] == '\r'))
				lines[cur][--lens[cur]] = '\0';
			int nx = cur ^ 1;
			lens[nx] = getline(&lines[nx], &caps[nx], stdin);
			size_t nlen = lens[nx] > 0 ? (size_t)lens[nx] : 0;
			while (nlen && (lines[nx][nlen - 1] == '\n' || lines[nx][nlen - 1] == '\r'))
				nlen--;
			termin_fuzzy_context ctx = { prev, lens[nx] >= 0 ? termin_tm_text_hash(lines[nx], nlen) : 0 };
			uint64_t h = termin_tm_text_hash(lines[cur], (size_t)lens[cur]);
			if (!utf8_ok(lines[cur], (size_t)lens[cur])) {
				fprintf(stderr, "termin: standard input:%zu: not valid UTF-8\n", lineno);
				free(lines[0]);
				free(lines[1]);
				exit_code = TERMIN_EXIT_BADINPUT;
				goto done;
			}
			lineno++;
			if (lens[cur] > 0) {
				if ((rc = one(&o, ms, src ? sl : NULL, lines[cur], (size_t)lens[cur], &ctx)) < 0) {
					free(lines[0]);
					free(lines[1]);
					goto fail;
				}
				prev = h;
			}
			cur = nx;
		}
		free(lines[0]);
		free(lines[1]);
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "termin: standard output: write failed\n");
		exit_code = TERMIN_EXIT_IO;
	}
	goto done;
fail:
	exit_code = cli_fail(rc);
done:
	cli_matchers_free(ms);
	termin_matcher_free(o.gm);
	termin_glossary_free(g);
	termin_tm_close(tm);
	free(go.files.items);
	return exit_code;
}
