/*
 * check.c - the checker: check table and severities, findings, ignore
 * lists, documents and the consistency groups (inconsistent-target and
 * inconsistent-source) across every input of a run.
 */
#include "check_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
	const char *id;
	termin_severity sev;
	const char *what;
} check_def;

/* The default severities: error for what changes the meaning or breaks
 * the file (a missing term, a wrong number, a lost tag or link, a missing
 * translation), warning for what an editor must look at, info for hints
 * that are often right as they are. */
static const check_def checks[CK_COUNT] = {
	{ "term-missing", TERMIN_SEVERITY_ERROR, "a glossary term in the source without any of its target terms in the target" },
	{ "term-deprecated", TERMIN_SEVERITY_WARNING, "a deprecated or superseded term variant is used" },
	{ "term-inconsistent", TERMIN_SEVERITY_WARNING, "one concept named by different variants in one document" },
	{ "spelling", TERMIN_SEVERITY_WARNING, "a word no dictionary knows (hunspell, glossary, names, word lists)" },
	{ "spelling-variant", TERMIN_SEVERITY_WARNING, "British and American spellings mixed in one document" },
	{ "number-mismatch", TERMIN_SEVERITY_ERROR, "numbers, dates or ranges differ between source and target" },
	{ "url-mismatch", TERMIN_SEVERITY_ERROR, "URLs, e-mail addresses or domains differ between source and target" },
	{ "untranslated", TERMIN_SEVERITY_ERROR, "the target is empty or missing" },
	{ "same-as-source", TERMIN_SEVERITY_WARNING, "the target is a copy of the source" },
	{ "end-punctuation", TERMIN_SEVERITY_WARNING, "source and target end with different punctuation" },
	{ "repeated-word", TERMIN_SEVERITY_WARNING, "the same word twice in a row" },
	{ "double-space", TERMIN_SEVERITY_WARNING, "two or more spaces in a row, or space at the edges" },
	{ "tag-mismatch", TERMIN_SEVERITY_ERROR, "inline tags differ between source and target" },
	{ "quote-style", TERMIN_SEVERITY_WARNING, "quotation marks not of the target language's style (Russian: «»)" },
	{ "length-ratio", TERMIN_SEVERITY_INFO, "the target is much shorter or longer than the source" },
	{ "mixed-script", TERMIN_SEVERITY_ERROR, "Latin letters inside a Cyrillic word or the reverse" },
	{ "inconsistent-target", TERMIN_SEVERITY_WARNING, "the same source translated differently" },
	{ "inconsistent-source", TERMIN_SEVERITY_WARNING, "the same translation for different sources" },
};

static const char *sev_names[] = { "off", "info", "warning", "error" };

const char *termin_severity_name(termin_severity s)
{
	return (unsigned)s < 4 ? sev_names[s] : "?";
}

int termin_severity_parse(const char *name, termin_severity *out)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(name, sev_names[i]) == 0) {
			*out = (termin_severity)i;
			return 0;
		}
	return termin__error_set(TERMIN_EUSAGE, "unknown severity '%s' (off, info, warning, error)", name);
}

const char *termin_check_id(size_t i)
{
	return i < CK_COUNT ? checks[i].id : NULL;
}

static int check_index(const char *id)
{
	for (int i = 0; i < CK_COUNT; i++)
		if (strcmp(checks[i].id, id) == 0)
			return i;
	return -1;
}

const char *termin_check_describe(const char *id)
{
	int i = check_index(id);
	return i < 0 ? NULL : checks[i].what;
}

int termin__check_on(const termin_checker *ck, int check)
{
	return ck->sev[check] != TERMIN_SEVERITY_OFF;
}

static int ctx_init(termin_checker *ck, ck_ctx *ctx, int own_terms);

int termin_checker_new(termin_checker **out, const termin_checker_opts *opts)
{
	termin_checker_opts def = TERMIN_CHECKER_OPTS_INIT;
	termin_checker *ck;
	int rc;

	*out = NULL;
	if (!opts)
		opts = &def;
	if (opts->variety && strcmp(opts->variety, "en-GB") != 0 && strcmp(opts->variety, "en-US") != 0)
		return termin__error_set(TERMIN_EUSAGE, "unknown English variety '%s' (en-GB or en-US)",
		                         opts->variety);
	ck = termin__xcalloc(1, sizeof *ck);
	for (int i = 0; i < CK_COUNT; i++)
		ck->sev[i] = checks[i].sev;
	ck->source_sev = opts->source_severity ? opts->source_severity : TERMIN_SEVERITY_INFO;
	ck->min_ratio = opts->min_ratio > 0 ? opts->min_ratio : 0.5;
	ck->max_ratio = opts->max_ratio > 0 ? opts->max_ratio : 2.5;
	ck->variety = opts->variety ? termin__xstrdup(opts->variety) : NULL;
	ck->ignore = termin_strmap_new();
	ck->files = termin_strmap_new();
	ck->glossary = opts->glossary;
	ck->speller = opts->speller;
	pthread_mutex_init(&ck->mx, NULL);
	pthread_cond_init(&ck->cv_work, NULL);
	pthread_cond_init(&ck->cv_done, NULL);
	if (!ck->speller) {
		termin_speller_new(&ck->own_speller);
		/* a missing dictionary only narrows what spelling can judge */
		termin_speller_add_dict(ck->own_speller, "en_US");
		termin_speller_add_dict(ck->own_speller, "en_GB");
		termin_speller_add_dict(ck->own_speller, "ru_RU");
		ck->speller = ck->own_speller;
	}
	if ((rc = termin__check_spell_new(&ck->spell, ck->speller, opts->glossary, opts->variety)) < 0)
		goto fail;
	ck->threads = opts->version >= 2 ? opts->threads : 0;
	ck->ctx = termin__xcalloc(1, sizeof *ck->ctx);
	if ((rc = ctx_init(ck, &ck->ctx[0], 0)) < 0)
		goto fail;
	ck->n_ctx = 1;
	*out = ck;
	return 0;
fail:
	termin_checker_free(ck);
	return rc;
}

struct ck_group {
	size_t *units;
	size_t n, cap;
};

/* A bilingual unit's normalised texts: their hashes, and where they are
 * in the spill file (source, then target). */
struct ck_norm {
	uint64_t hash[2];
	uint64_t off;
	uint32_t len[2];
};

static void pipeline_free(termin_checker *ck);

void termin_checker_free(termin_checker *ck)
{
	if (!ck)
		return;
	pipeline_free(ck);
	free(ck->f);
	for (size_t i = 0; i < ck->n_blocks; i++)
		free(ck->blocks[i]);
	free(ck->blocks);
	for (int s = 0; s < 2; s++) {
		for (size_t i = 0; i < ck->n_groups[s]; i++) {
			free(ck->groups[s][i].units);
		}
		free(ck->groups[s]);
	}
	free(ck->unit_tuid);
	free(ck->unit_file);
	free(ck->unit_line);
	termin_strmap_free(ck->ignore);
	/* interned file names are the map's keys */
	termin_strmap_free(ck->files);
	for (int side = 0; side < 2; side++) {
		free(ck->by_text[side].keys);
		free(ck->by_text[side].vals);
	}
	free(ck->norm);
	if (ck->spill)
		fclose(ck->spill);
	for (size_t i = 0; i < ck->n_chunks; i++)
		free(ck->chunks[i]);
	free(ck->chunks);
	termin__check_terms_free(ck->terms);
	termin__check_spell_free(ck->spell);
	termin_speller_free(ck->own_speller);
	free(ck->variety);
	free(ck->doc);
	termin_buf_free(&ck->tmp);
	pthread_mutex_destroy(&ck->mx);
	pthread_cond_destroy(&ck->cv_work);
	pthread_cond_destroy(&ck->cv_done);
	free(ck);
}

int termin_checker_set_severity(termin_checker *ck, const char *id, termin_severity sev)
{
	if (strcmp(id, "all") == 0) {
		for (int i = 0; i < CK_COUNT; i++) {
			ck->sev[i] = sev;
			ck->explicit_sev[i] = 1;
		}
		return 0;
	}
	int i = check_index(id);
	if (i < 0)
		return termin__error_set(TERMIN_EUSAGE, "unknown check '%s' (see 'termin check --list')", id);
	ck->sev[i] = sev;
	ck->explicit_sev[i] = 1;
	return 0;
}

termin_severity termin_checker_severity(const termin_checker *ck, const char *id)
{
	int i = check_index(id);
	return i < 0 ? TERMIN_SEVERITY_OFF : ck->sev[i];
}

/* ---- ignore lists ---- */

static void ignore_put(termin_checker *ck, const char *check, const char *key, size_t klen)
{
	termin_buf_clear(&ck->tmp);
	termin_buf_puts(&ck->tmp, check);
	termin_buf_putc(&ck->tmp, '\x1f');
	termin_buf_put(&ck->tmp, key, klen);
	termin_strmap_put(ck->ignore, ck->tmp.ptr, ck->tmp.len, 1);
}

int termin_checker_load_ignore(termin_checker *ck, const char *path)
{
	char *data;
	size_t len, lineno = 0;
	int rc = termin__read_file(path, &data, &len);
	if (rc < 0)
		return rc;
	char *p = data, *end = data + len;
	rc = 0;
	while (p < end && rc == 0) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *e = nl ? nl : end;
		lineno++;
		*e = '\0';
		/* comments: '#' at the start or after white space, unless it
		 * starts a hash key (the second field) */
		char *check = p, *key, *q;
		while (*check == ' ' || *check == '\t')
			check++;
		if (*check == '#' || *check == '\0' || *check == '\r')
			goto next;
		q = check;
		while (*q && *q != ' ' && *q != '\t')
			q++;
		if (!*q) {
			rc = termin__error_set(TERMIN_EINVALID, "%s:%zu: expected 'CHECK UNIT-ID', 'CHECK #HASH' or "
			                       "'CHECK TEXT:WORD', got '%s'", path, lineno, check);
			break;
		}
		*q++ = '\0';
		while (*q == ' ' || *q == '\t')
			q++;
		key = q;
		if (*key == '#') {
			q = key + 1;
			while (isxdigit((unsigned char)*q))
				q++;
			if (q - key != 17) {
				rc = termin__error_set(TERMIN_EINVALID, "%s:%zu: a text hash is '#' and 16 hex digits", path,
				                       lineno);
				break;
			}
		} else if (strncmp(key, "text:", 5) == 0) {
			/* the rest of the line up to a comment */
			q = key + 5;
			while (*q && !(q[0] == ' ' && q[1] == '#') && *q != '\r')
				q++;
			while (q > key + 5 && (q[-1] == ' ' || q[-1] == '\t'))
				q--;
		} else {
			while (*q && *q != ' ' && *q != '\t' && *q != '\r')
				q++;
		}
		if (q == key) {
			rc = termin__error_set(TERMIN_EINVALID, "%s:%zu: missing the unit id, #hash or text: after '%s'",
			                       path, lineno, check);
			break;
		}
		if (strcmp(check, "*") != 0 && check_index(check) < 0) {
			rc = termin__error_set(TERMIN_EINVALID, "%s:%zu: unknown check '%s'", path, lineno, check);
			break;
		}
		if (*key == '#')
			for (char *h = key + 1; h < q; h++)
				*h = (char)tolower((unsigned char)*h);
		ignore_put(ck, check, key, (size_t)(q - key));
	next:
		p = nl ? nl + 1 : end;
	}
	free(data);
	return rc;
}

static int ignored(termin_checker *ck, const ck_finding *f)
{
	const char *which[2] = { f->pub.check, "*" };
	char hash[18];
	if (termin_strmap_size(ck->ignore) == 0)
		return 0;
	snprintf(hash, sizeof hash, "#%016llx", (unsigned long long)f->pub.hash);
	for (int w = 0; w < 2; w++) {
		for (size_t k = 0; k < f->pub.n_tuids || (k == 0 && f->pub.n_tuids == 0); k++) {
			const char *t = f->pub.n_tuids ? f->pub.tuids[k] : NULL;
			if (!t)
				continue;
			ck->tmp.len = 0;
			termin_buf_printf(&ck->tmp, "%s\x1f%s", which[w], t);
			if (termin_strmap_get(ck->ignore, ck->tmp.ptr, ck->tmp.len, NULL))
				return 1;
		}
		termin_buf_clear(&ck->tmp);
		termin_buf_printf(&ck->tmp, "%s\x1f%s", which[w], hash);
		if (termin_strmap_get(ck->ignore, ck->tmp.ptr, ck->tmp.len, NULL))
			return 1;
		if (f->pub.match && *f->pub.match) {
			termin_buf_clear(&ck->tmp);
			termin_buf_printf(&ck->tmp, "%s\x1ftext:%s", which[w], f->pub.match);
			if (termin_strmap_get(ck->ignore, ck->tmp.ptr, ck->tmp.len, NULL))
				return 1;
		}
	}
	return 0;
}

/* ---- findings ---- */

/* The strings of the findings and the units' ids live in blocks freed
 * with the checker: a malloc and a free apiece cost a tenth of a second
 * of the caller's thread on 100,000 units. */
enum { BLOCK_SIZE = 1 << 20 };

/* n bytes from the blocks, aligned for pointers. */
static void *block_alloc(termin_checker *ck, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	if (n > BLOCK_SIZE / 8) {
		/* a large one gets a block of its own, behind the current one */
		TERMIN_GROW(ck->blocks, ck->cap_blocks, ck->n_blocks + 1);
		void *p = termin__xmalloc(n);
		if (ck->n_blocks) {
			ck->blocks[ck->n_blocks] = ck->blocks[ck->n_blocks - 1];
			ck->blocks[ck->n_blocks - 1] = p;
		} else {
			ck->blocks[0] = p;
			ck->block_used = BLOCK_SIZE;
		}
		ck->n_blocks++;
		return p;
	}
	if (!ck->n_blocks || ck->block_used + n > BLOCK_SIZE) {
		TERMIN_GROW(ck->blocks, ck->cap_blocks, ck->n_blocks + 1);
		ck->blocks[ck->n_blocks++] = termin__xmalloc(BLOCK_SIZE);
		ck->block_used = 0;
	}
	void *p = ck->blocks[ck->n_blocks - 1] + ck->block_used;
	ck->block_used += n;
	return p;
}

/* A NUL-terminated copy of s[0..len) in the blocks. */
static char *keep(termin_checker *ck, const char *s, size_t len)
{
	char *t = block_alloc(ck, len + 1);
	memcpy(t, s, len);
	t[len] = '\0';
	return t;
}

static char *keep_str(termin_checker *ck, const char *s)
{
	return s ? keep(ck, s, strlen(s)) : NULL;
}

static ck_finding *new_finding(termin_checker *ck, int check, termin_severity sev)
{
	TERMIN_GROW(ck->f, ck->capf, ck->nf + 1);
	ck_finding *f = &ck->f[ck->nf++];
	memset(f, 0, sizeof *f);
	f->check = (unsigned char)check;
	f->pub.check = checks[check].id;
	f->pub.severity = sev;
	return f;
}

/* Records a finding (its strings copied). */
static void add_finding(termin_checker *ck, const ck_unit *cu, int check, int side, size_t start, size_t end,
                        const char *suggestion, const char *msg)
{
	termin_severity sev = ck->sev[check];
	int s = side & 1;

	if (side == SIDE_SRC && cu->bilingual && sev > ck->source_sev)
		sev = ck->source_sev;
	ck_finding *f = new_finding(ck, check, sev);
	const termin_check_unit *u = cu->u;
	f->index = cu->index;
	f->pub.file = ck->unit_file[cu->index];
	f->pub.line = u->line;
	if (u->tuid) {
		f->tuids = block_alloc(ck, sizeof *f->tuids);
		/* the unit's id, kept already */
		f->tuids[0] = ck->unit_tuid[cu->index];
		f->pub.n_tuids = 1;
		f->pub.tuid = f->tuids[0];
	}
	f->pub.tuids = (const char *const *)f->tuids;
	/* every finding of a unit shares one copy of its texts */
	if (ck->text_unit != cu->index + 1 || !ck->text_src) {
		ck->text_unit = cu->index + 1;
		ck->text_src = keep(ck, u->source ? u->source : "", u->source_len);
		ck->text_tgt = cu->bilingual ? keep(ck, u->target ? u->target : "", u->target_len) : NULL;
	}
	f->pub.source = ck->text_src;
	f->pub.target = cu->bilingual ? ck->text_tgt : NULL;
	f->pub.side = s;
	if (end > cu->len[s])
		end = cu->len[s];
	if (start > end)
		start = end;
	f->pub.start = start;
	f->pub.end = end;
	f->pub.match = keep(ck, cu->text[s] + start, end - start);
	f->pub.suggestion = keep_str(ck, suggestion);
	/* the text hash (for ignore lists), made for units with findings */
	if (!cu->hashed) {
		((ck_unit *)cu)->hash = termin__hash64(cu->text[0], cu->len[0], termin__hash64(cu->text[1], cu->len[1], 0));
		((ck_unit *)cu)->hashed = 1;
	}
	f->pub.hash = cu->hash;
	f->pub.message = keep_str(ck, msg);
}

void termin__check_add(termin_checker *ck, const ck_unit *cu, int check, int side, size_t start,
                       size_t end, const char *suggestion, const char *fmt, ...)
{
	va_list ap;
	char tmp[1024];

	if (ck->sev[check] == TERMIN_SEVERITY_OFF)
		return;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (cu->job) {
		/* phase 1: recorded in unit order by phase 2 */
		ck_job *j = cu->job;
		TERMIN_GROW(j->pend, j->cap_pend, j->n_pend + 1);
		ck_pending *p = &j->pend[j->n_pend++];
		*p = (ck_pending){ (unsigned char)check, (unsigned char)side, start, end, 0, j->pend_text.len };
		termin_buf_put(&j->pend_text, tmp, strlen(tmp) + 1);
		if (suggestion) {
			p->suggestion = j->pend_text.len + 1;
			termin_buf_put(&j->pend_text, suggestion, strlen(suggestion) + 1);
		}
		return;
	}
	add_finding(ck, cu, check, side, start, end, suggestion, tmp);
}

void termin__check_add_group(termin_checker *ck, int check, const size_t *units, size_t n,
                             const char *source, const char *target, const char *match,
                             const char *suggestion, const char *message)
{
	if (ck->sev[check] == TERMIN_SEVERITY_OFF || n == 0)
		return;
	ck_finding *f = new_finding(ck, check, ck->sev[check]);
	size_t first = units[0];
	f->index = first;
	f->pub.file = ck->unit_file[first];
	f->pub.line = ck->unit_line[first];
	f->tuids = block_alloc(ck, n * sizeof *f->tuids);
	for (size_t k = 0; k < n; k++) {
		char *t = ck->unit_tuid[units[k]];
		if (!t) {
			/* units without ids are named by file and line */
			char buf[64];
			snprintf(buf, sizeof buf, "line %zu", ck->unit_line[units[k]]);
			t = keep_str(ck, buf);
		}
		f->tuids[f->pub.n_tuids++] = t;
	}
	f->pub.tuids = (const char *const *)f->tuids;
	f->pub.tuid = ck->unit_tuid[first] ? f->tuids[0] : NULL;
	f->pub.source = keep(ck, source ? source : "", source ? strlen(source) : 0);
	f->pub.target = target ? keep(ck, target, strlen(target)) : NULL;
	f->pub.side = target ? 1 : 0;
	f->pub.match = keep_str(ck, match ? match : "");
	f->pub.suggestion = keep_str(ck, suggestion);
	f->pub.message = keep_str(ck, message);
	f->pub.hash = termin__hash64(f->pub.source, strlen(f->pub.source),
	                             termin__hash64(f->pub.target ? f->pub.target : "",
	                                            f->pub.target ? strlen(f->pub.target) : 0, 0));
}

/* ---- consistency groups ---- */

/* The text as compared for consistency, into b: white space collapsed
 * and trimmed. */
static void normalise(termin_buf *b, const char *s, size_t len)
{
	size_t i = 0;
	int space = 0;
	termin_buf_clear(b);
	termin_buf_reserve(b, len);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		/* bytes that cannot start a space are copied as they are: all
		 * but white space, C2 (NBSP) and E1-E3 (the other spaces) */
		if (c > ' ' && c != 0xC2 && (c < 0xE1 || c > 0xE3)) {
			size_t j = i + 1;
			while (j < len) {
				unsigned char d = (unsigned char)s[j];
				if (d <= ' ' || d == 0xC2 || (d >= 0xE1 && d <= 0xE3))
					break;
				j++;
			}
			if (space)
				b->ptr[b->len++] = ' ';
			space = 0;
			memcpy(b->ptr + b->len, s + i, j - i);
			b->len += j - i;
			i = j;
			continue;
		}
		size_t at = i;
		/* only C2 (NBSP), E1, E2 and E3 start the other spaces */
		int32_t cp = c == 0xC2 || (c >= 0xE1 && c <= 0xE3) || c <= ' ' ? termin__utf8_next(s, len, &i)
		                                                             : termin__utf8_next_fast(s, len, &i);
		if (cp <= 0x3000 && termin__is_space(cp)) {
			space = b->len > 0;
			continue;
		}
		if (space)
			b->ptr[b->len++] = ' ';
		space = 0;
		memcpy(b->ptr + b->len, s + at, i - at);
		b->len += i - at;
	}
	b->ptr[b->len] = '\0';
}

/* The group of a text hash on one side, made when new: an open-addressed
 * table of hashes (they need no hashing of their own). */
static size_t group_of(termin_checker *ck, int side, uint64_t key)
{
	struct ck_hashmap *m = &ck->by_text[side];
	if ((m->n + 1) * 4 >= m->cap * 3) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		uint64_t *keys = termin__xcalloc(cap, sizeof *keys);
		uint32_t *vals = termin__xcalloc(cap, sizeof *vals);
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->vals[i])
				continue;
			size_t j = (size_t)(m->keys[i] * 0x9E3779B97F4A7C15ULL) & (cap - 1);
			while (vals[j])
				j = (j + 1) & (cap - 1);
			keys[j] = m->keys[i];
			vals[j] = m->vals[i];
		}
		free(m->keys);
		free(m->vals);
		m->keys = keys;
		m->vals = vals;
		m->cap = cap;
	}
	size_t j = (size_t)(key * 0x9E3779B97F4A7C15ULL) & (m->cap - 1);
	while (m->vals[j] && m->keys[j] != key)
		j = (j + 1) & (m->cap - 1);
	if (!m->vals[j]) {
		TERMIN_GROW(ck->groups[side], ck->cap_groups[side], ck->n_groups[side] + 1);
		memset(&ck->groups[side][ck->n_groups[side]], 0, sizeof(struct ck_group));
		m->keys[j] = key;
		m->vals[j] = (uint32_t)++ck->n_groups[side];
		m->n++;
	}
	return m->vals[j] - 1;
}

static void group_add(termin_checker *ck, int side, uint64_t key, size_t unit)
{
	size_t gi = group_of(ck, side, key);   /* (may move the groups) */
	struct ck_group *g = &ck->groups[side][gi];
	TERMIN_GROW(g->units, g->cap, g->n + 1);
	g->units[g->n++] = unit;
}

/* The texts that wait for the end of the run: the first SPILL_MEM bytes
 * in memory (chunks of SPILL_CHUNK), the rest in a temporary file. A
 * file for all of them cost a second of system time per 100 MB. */
enum { SPILL_CHUNK = 1 << 20 };
size_t termin__check_spill_mem = (size_t)128 << 20;
#define SPILL_MEM ((uint64_t)termin__check_spill_mem)

static int spill_write(termin_checker *ck, const char *p, size_t len)
{
	while (len && ck->spilled < SPILL_MEM) {
		size_t ci = (size_t)(ck->spilled / SPILL_CHUNK), at = (size_t)(ck->spilled % SPILL_CHUNK);
		if (ci == ck->n_chunks) {
			TERMIN_GROW(ck->chunks, ck->cap_chunks, ck->n_chunks + 1);
			ck->chunks[ck->n_chunks++] = termin__xmalloc(SPILL_CHUNK);
		}
		size_t n = SPILL_CHUNK - at < len ? SPILL_CHUNK - at : len;
		if (n > SPILL_MEM - ck->spilled)
			n = (size_t)(SPILL_MEM - ck->spilled);
		memcpy(ck->chunks[ci] + at, p, n);
		p += n;
		len -= n;
		ck->spilled += n;
	}
	if (!len)
		return 0;
	if (!ck->spill) {
		if (!(ck->spill = tmpfile()))
			return termin__error_errno(TERMIN_EIO, errno, "temporary file for the checks");
		setvbuf(ck->spill, NULL, _IOFBF, 1 << 18);
	}
	if (ck->spill_read && fseeko(ck->spill, 0, SEEK_END) != 0)
		return termin__error_errno(TERMIN_EIO, errno, "temporary file for the checks");
	ck->spill_read = 0;
	if (fwrite(p, 1, len, ck->spill) != len)
		return termin__error_errno(TERMIN_EIO, errno, "temporary file for the checks");
	ck->spilled += len;
	return 0;
}

char *termin__check_unstash(termin_checker *ck, uint64_t off, size_t len)
{
	char *t = termin__xmalloc(len + 1);
	size_t got = 0;
	/* from memory */
	while (got < len && off + got < SPILL_MEM && off + got < ck->spilled) {
		uint64_t o = off + got;
		size_t ci = (size_t)(o / SPILL_CHUNK), at = (size_t)(o % SPILL_CHUNK);
		size_t n = SPILL_CHUNK - at < len - got ? SPILL_CHUNK - at : len - got;
		if (n > SPILL_MEM - o)
			n = (size_t)(SPILL_MEM - o);
		memcpy(t + got, ck->chunks[ci] + at, n);
		got += n;
	}
	/* from the file, which starts at SPILL_MEM */
	if (got < len) {
		if (!ck->spill || (!ck->spill_read && fflush(ck->spill) != 0))
			len = 0;
		ck->spill_read = 1;
		if (len && (fseeko(ck->spill, (off_t)(off + got - SPILL_MEM), SEEK_SET) != 0 ||
		            fread(t + got, 1, len - got, ck->spill) != len - got))
			len = 0;
	}
	t[len] = '\0';
	return t;
}

int termin__check_stash(termin_checker *ck, const ck_unit *cu, uint64_t *off)
{
	int rc;
	if (ck->stash_unit == cu->index + 1) {
		*off = ck->stash_off;
		return 0;
	}
	*off = ck->spilled;
	if ((rc = spill_write(ck, cu->text[0], cu->len[0])) < 0 || (rc = spill_write(ck, cu->text[1], cu->len[1])) < 0)
		return rc;
	ck->stash_unit = cu->index + 1;
	ck->stash_off = *off;
	return 0;
}

/* Writes a unit's normalised texts to the spill file; returns 0 or
 * TERMIN_EIO. */
static int spill(termin_checker *ck, struct ck_norm *nm, const termin_buf *src, const termin_buf *tgt)
{
	int rc;
	nm->off = ck->spilled;
	nm->len[0] = (uint32_t)src->len;
	nm->len[1] = (uint32_t)tgt->len;
	if ((rc = spill_write(ck, src->ptr, nm->len[0])) < 0 || (rc = spill_write(ck, tgt->ptr, nm->len[1])) < 0)
		return rc;
	return 0;
}

/* Reads side `side` of unit `unit` back from the spill file; malloc'd. */
static char *unspill(termin_checker *ck, size_t unit, int side)
{
	const struct ck_norm *nm = &ck->norm[unit];
	return termin__check_unstash(ck, nm->off + (side ? nm->len[0] : 0), nm->len[side]);
}

/* Whether a text is worth a consistency group: it has a word of two or
 * more letters (a bare number or date is translated alike anyway). */
static int has_word(const char *s, size_t len)
{
	size_t i = 0;
	int run = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int letter;
		if (c < 0x80) {
			letter = (c | 32) >= 'a' && (c | 32) <= 'z';
			i++;
		} else {
			int32_t cp = termin__utf8_next_fast(s, len, &i);
			letter = (cp >= 0x410 && cp <= 0x44F) || termin__is_letter(cp);
		}
		run = letter ? run + 1 : 0;
		if (run >= 2)
			return 1;
	}
	return 0;
}

/* One finding per group of units sharing a text on one side (side 0:
 * the source) with two or more different texts on the other. Texts are
 * compared by hash and read back only for such groups. */
static void group_findings(termin_checker *ck, int side)
{
	int check = side == 0 ? CK_INCONSISTENT_TARGET : CK_INCONSISTENT_SOURCE;
	int other = 1 - side;
	if (!termin__check_on(ck, check))
		return;
	for (size_t gi = 0; gi < ck->n_groups[side]; gi++) {
		struct ck_group *g = &ck->groups[side][gi];
		size_t distinct = 0;
		if (g->n < 2)
			continue;
		for (size_t k = 0; k < g->n; k++) {
			int seen = 0;
			for (size_t j = 0; j < k && !seen; j++)
				seen = ck->norm[g->units[j]].hash[other] == ck->norm[g->units[k]].hash[other];
			distinct += !seen;
		}
		if (distinct < 2)
			continue;
		termin_buf msg = TERMIN_BUF_INIT;
		char *key = unspill(ck, g->units[0], side);
		char *first = unspill(ck, g->units[0], other);
		char *last = unspill(ck, g->units[g->n - 1], other);
		termin_buf_printf(&msg, "%zu different %s for the same %s: ", distinct,
		                  side == 0 ? "translations" : "sources", side == 0 ? "source" : "translation");
		for (size_t k = 0, shown = 0; k < g->n; k++) {
			uint64_t h = ck->norm[g->units[k]].hash[other];
			int seen = 0;
			for (size_t j = 0; j < k && !seen; j++)
				seen = ck->norm[g->units[j]].hash[other] == h;
			if (seen)
				continue;
			char *text = unspill(ck, g->units[k], other);
			termin_buf_printf(&msg, "%s\"%s\" (", shown++ ? "; " : "", text);
			free(text);
			for (size_t j = k, c = 0; j < g->n; j++)
				if (ck->norm[g->units[j]].hash[other] == h) {
					const char *t = ck->unit_tuid[g->units[j]];
					if (t)
						termin_buf_printf(&msg, "%s%s", c++ ? ", " : "", t);
					else
						termin_buf_printf(&msg, "%sline %zu", c++ ? ", " : "",
						                  ck->unit_line[g->units[j]]);
				}
			termin_buf_puts(&msg, ")");
		}
		if (side == 0)
			termin__check_add_group(ck, check, g->units, g->n, key, first, last, NULL, msg.ptr);
		else
			termin__check_add_group(ck, check, g->units, g->n, first, key, last, NULL, msg.ptr);
		free(key);
		free(first);
		free(last);
		termin_buf_free(&msg);
	}
}

/* ---- units ---- */

static void end_document(termin_checker *ck)
{
	if (!ck->doc)
		return;
	if (ck->terms)
		termin__check_terms_doc_end(ck, ck->terms);
	termin__check_spell_doc_end(ck, ck->spell);
	free(ck->doc);
	ck->doc = NULL;
}

static const char *intern_file(termin_checker *ck, const char *file)
{
	const char *key;
	size_t it = 0, len;
	intptr_t v;
	if (!file)
		file = "";
	if (!termin_strmap_get(ck->files, file, strlen(file), NULL))
		termin_strmap_put(ck->files, file, strlen(file), 1);
	/* the map's own copy of the key lives as long as the map */
	while (termin_strmap_next(ck->files, &it, &key, &len, &v))
		if (len == strlen(file) && memcmp(key, file, len) == 0)
			return key;
	return "";
}

static int lang_is(const char *lang, const char *want)
{
	return lang && termin_lang_matches(lang, want);
}

/* ---- the pipeline ----
 *
 * termin_checker_add copies each unit into a batch. Phase 1 of a batch
 * (check_unit: the checks of a unit alone, and the spelling verdicts of
 * its words) runs on a worker thread or on the caller's; phase 2
 * (finish_unit) always runs on the caller's thread, batch after batch in
 * the order of the units, so the findings, documents and consistency
 * groups are those of a run on one thread, byte for byte. */

enum { BATCH_UNITS = 128, START_WORKERS_AT = 32 * BATCH_UNITS };

struct ck_batch {
	ck_job jobs[BATCH_UNITS];
	size_t n;
	int state;              /* B_QUEUED, B_CLAIMED, B_DONE */
	struct ck_batch *next;
};

enum { B_QUEUED, B_CLAIMED, B_DONE };

/* Copies the unit's strings into job->mem. */
static void copy_unit(ck_job *j, const termin_check_unit *u, const char *file)
{
	const char *src[6] = { u->tuid, u->src_lang, u->tgt_lang, u->source, u->target, u->source_markup };
	size_t len[6] = { u->tuid ? strlen(u->tuid) : 0, u->src_lang ? strlen(u->src_lang) : 0,
	                  u->tgt_lang ? strlen(u->tgt_lang) : 0, u->source_len, u->target_len, u->source_markup_len };
	size_t off[7];
	termin_buf_clear(&j->mem);
	for (int k = 0; k < 7; k++) {
		const char *p = k < 6 ? src[k] : u->target_markup;
		size_t n = k < 6 ? len[k] : u->target_markup_len;
		off[k] = j->mem.len;
		if (p)
			termin_buf_put(&j->mem, p, n);
		termin_buf_putc(&j->mem, '\0');
	}
	j->u = *u;
	j->u.file = file;
	const char *m = j->mem.ptr;
	j->u.tuid = u->tuid ? m + off[0] : NULL;
	j->u.src_lang = u->src_lang ? m + off[1] : NULL;
	j->u.tgt_lang = u->tgt_lang ? m + off[2] : NULL;
	j->u.source = u->source ? m + off[3] : NULL;
	j->u.target = u->target ? m + off[4] : NULL;
	j->u.source_markup = u->source_markup ? m + off[5] : NULL;
	j->u.target_markup = u->target_markup ? m + off[6] : NULL;
	if (!u->source)
		j->u.source_len = 0;
	if (!u->target)
		j->u.target_len = 0;
}

static void job_reset(ck_job *j)
{
	j->n_pend = 0;
	j->pend_text.len = 0;
	j->n_use = 0;
	memset(&j->cu, 0, sizeof j->cu);
	free(j->err);
	j->err = NULL;
	j->rc = 0;
	j->rc_where = 0;
}

static void job_free(ck_job *j)
{
	job_reset(j);
	free(j->pend);
	free(j->use);
	free(j->use_side);
	free(j->verdict[0]);
	free(j->verdict[1]);
	for (int s = 0; s < 2; s++) {
		free(j->links[s]);
		free(j->words[s]);
		free(j->spell_at[s]);
	}
	termin_buf_free(&j->mem);
	termin_buf_free(&j->pend_text);
	termin_buf_free(&j->norm[0]);
	termin_buf_free(&j->norm[1]);
}

static void job_fail(ck_job *j, int rc, int where)
{
	const termin_error *e = termin_error_last();
	j->rc = rc;
	j->rc_where = where;
	j->err = termin__xstrdup(e && e->message ? e->message : "checking failed");
}

/* Phase 1 of one unit, on any thread: nothing here touches the checker
 * but through its read-only settings, the thread's context and the
 * spelling lock. */
static void check_unit(termin_checker *ck, ck_ctx *ctx, ck_job *j)
{
	ck_unit *cu = &j->cu;
	const termin_check_unit *u = &j->u;
	int rc;

	cu->u = u;
	cu->job = j;
	cu->bilingual = u->target != NULL;
	cu->text[0] = u->source ? u->source : "";
	cu->len[0] = u->source ? u->source_len : 0;
	cu->text[1] = u->target ? u->target : "";
	cu->len[1] = u->target ? u->target_len : 0;
	cu->lang[0] = u->src_lang ? u->src_lang : "en";
	cu->lang[1] = u->tgt_lang ? u->tgt_lang : "ru";
	for (int s = 0; s < 2; s++) {
		cu->ru[s] = lang_is(cu->lang[s], "ru");
		cu->en[s] = lang_is(cu->lang[s], "en");
	}
	for (int s = 0; s < (ck->need_words ? 1 + cu->bilingual : 0); s++) {
		/* the arrays stay with the job for its next unit */
		cu->links[s] = j->links[s];
		cu->words[s] = j->words[s];
		cu->n_links[s] = termin__check_links_into(cu->text[s], cu->len[s], &cu->links[s], &j->cap_links[s]);
		cu->n_words[s] = termin__check_words_into(cu->text[s], cu->len[s], &cu->words[s], &j->cap_words[s]);
		j->links[s] = cu->links[s];
		j->words[s] = cu->words[s];
	}

	termin__check_rules(ck, cu);
	if (cu->bilingual && cu->len[1] > 0)
		termin__check_numbers(ck, cu, ctx->numbers);
	if (ctx->terms && ck->need_terms && (rc = termin__check_terms_unit(ck, ctx->terms, cu)) < 0) {
		job_fail(j, rc, 1);
		return;
	}
	if ((rc = termin__check_spell_verdicts(ck, ck->spell, ctx->verdicts, ctx->quick, cu, j)) < 0) {
		job_fail(j, rc, 2);
		return;
	}
	j->group[0] = j->group[1] = 0;
	if (cu->bilingual && (ck->sev[CK_INCONSISTENT_TARGET] || ck->sev[CK_INCONSISTENT_SOURCE])) {
		termin_buf *src = &j->norm[0], *tgt = &j->norm[1];
		normalise(src, cu->text[0], cu->len[0]);
		normalise(tgt, cu->text[1], cu->len[1]);
		/* (a NUL byte ends the text, as it does in the report) */
		src->len = strlen(src->ptr);
		tgt->len = strlen(tgt->ptr);
		int both = src->len && tgt->len;
		/* (a side's groups only for its check) */
		j->group[0] = both && ck->sev[CK_INCONSISTENT_TARGET] && has_word(src->ptr, src->len);
		j->group[1] = both && ck->sev[CK_INCONSISTENT_SOURCE] && has_word(tgt->ptr, tgt->len);
		if (j->group[0] || j->group[1]) {
			j->norm_hash[0] = termin__hash64(src->ptr, src->len, 0);
			j->norm_hash[1] = termin__hash64(tgt->ptr, tgt->len, 0);
		}
	}
}

/* Phase 2 of one unit, in unit order on the caller's thread. */
static int finish_unit(termin_checker *ck, ck_job *j)
{
	ck_unit *cu = &j->cu;
	const char *file = j->u.file;
	int rc = 0;

	if (!ck->doc || strcmp(ck->doc, file) != 0) {
		end_document(ck);
		ck->doc = termin__xstrdup(file);
	}
	cu->job = NULL;
	for (size_t i = 0; i < j->n_pend; i++) {
		ck_pending *p = &j->pend[i];
		const char *text = j->pend_text.ptr;
		add_finding(ck, cu, p->check, p->side, p->start, p->end, p->suggestion ? text + p->suggestion - 1 : NULL,
		            text + p->message);
	}
	if (ck->terms && j->rc_where != 1)
		termin__check_terms_record(ck->terms, cu, j);
	if (j->rc_where == 1)
		goto failed;
	rc = termin__check_spell_unit(ck, ck->spell, cu, j);
	if (j->rc_where == 2)
		goto failed;
	if (rc < 0)
		return rc;
	if (j->group[0] || j->group[1]) {
		struct ck_norm *nm = &ck->norm[cu->index];
		nm->hash[0] = j->norm_hash[0];
		nm->hash[1] = j->norm_hash[1];
		rc = spill(ck, nm, &j->norm[0], &j->norm[1]);
		if (rc == 0 && j->group[0])
			group_add(ck, 0, nm->hash[0], cu->index);
		if (rc == 0 && j->group[1])
			group_add(ck, 1, nm->hash[1], cu->index);
	}
	return rc;
failed:
	return termin__error_set(j->rc, "%s", j->err);
}

static struct ck_batch *batch_new(termin_checker *ck)
{
	struct ck_batch *b = ck->spare;
	if (b)
		ck->spare = b->next;
	else
		b = termin__xcalloc(1, sizeof *b);
	b->n = 0;
	b->next = NULL;
	b->state = B_QUEUED;
	return b;
}

static void batch_recycle(termin_checker *ck, struct ck_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		job_reset(&b->jobs[i]);
	b->n = 0;
	b->next = ck->spare;
	ck->spare = b;
}

static void batch_free(struct ck_batch *b)
{
	for (size_t i = 0; i < BATCH_UNITS; i++)
		job_free(&b->jobs[i]);
	free(b);
}

static void batch_check(termin_checker *ck, ck_ctx *ctx, struct ck_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		check_unit(ck, ctx, &b->jobs[i]);
}

/* The oldest batch waiting for phase 1, claimed; NULL when none. Called
 * with ck->mx held. */
static struct ck_batch *claim(termin_checker *ck)
{
	for (struct ck_batch *b = ck->head; b; b = b->next)
		if (b->state == B_QUEUED) {
			b->state = B_CLAIMED;
			ck->queued--;
			return b;
		}
	return NULL;
}

static void *worker(void *arg)
{
	ck_ctx *ctx = arg;
	termin_checker *ck = ctx->ck;
	/* the thread's own matcher and caches, made here: the caller's thread
	 * goes on checking meanwhile (it takes every batch until this thread
	 * counts as live) */
	if (ctx_init(ck, ctx, 1) < 0)
		return NULL;   /* the others do its share */
	pthread_mutex_lock(&ck->mx);
	ck->live++;
	for (;;) {
		struct ck_batch *b = claim(ck);
		if (!b) {
			if (ck->stop)
				break;
			pthread_cond_wait(&ck->cv_work, &ck->mx);
			continue;
		}
		pthread_mutex_unlock(&ck->mx);
		batch_check(ck, ctx, b);
		pthread_mutex_lock(&ck->mx);
		b->state = B_DONE;
		pthread_cond_broadcast(&ck->cv_done);
	}
	pthread_mutex_unlock(&ck->mx);
	return NULL;
}

/* Fills the thread's part of ctx (not th and running: the thread that
 * runs this may be ctx's own). */
static int ctx_init(termin_checker *ck, ck_ctx *ctx, int own_terms)
{
	int rc;
	ctx->ck = ck;
	ctx->terms = NULL;
	ctx->verdicts = termin_strmap_new();
	ctx->quick = termin__xcalloc((size_t)1 << CK_QUICK_BITS, sizeof *ctx->quick);
	ctx->numbers = termin__xcalloc((size_t)1 << CK_NUMBER_BITS, sizeof *ctx->numbers);
	if (!own_terms)
		ctx->terms = ck->terms;
	else if (ck->glossary && ck->terms && ck->need_terms && (rc = termin__check_terms_new(&ctx->terms, ck->glossary)) < 0) {
		termin_strmap_free(ctx->verdicts);
		free(ctx->quick);
		free(ctx->numbers);
		ctx->verdicts = NULL;
		ctx->quick = NULL;
		ctx->numbers = NULL;
		ctx->terms = NULL;
		return rc;
	}
	return 0;
}

static void ctx_free(termin_checker *ck, ck_ctx *ctx)
{
	if (ctx->terms != ck->terms)
		termin__check_terms_free(ctx->terms);
	termin_strmap_free(ctx->verdicts);
	free(ctx->quick);
	free(ctx->numbers);
}

static int processors(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

int termin__check_threads(const termin_checker *ck)
{
	return ck->threads > 0 ? ck->threads : processors();
}

/* Starts the worker threads (once the run proves long enough to be
 * worth their set-up). A thread that cannot start only means fewer. */
static void start_workers(termin_checker *ck)
{
	int want = ck->threads > 0 ? ck->threads : processors();
	if (want > 16)
		want = 16;
	ck->ctx = termin__xrealloc(ck->ctx, (size_t)want * sizeof *ck->ctx);
	for (int i = 1; i < want; i++) {
		ck_ctx *c = &ck->ctx[ck->n_ctx];
		memset(c, 0, sizeof *c);
		c->ck = ck;
		if (pthread_create(&c->th, NULL, worker, c) != 0)
			break;
		c->running = 1;
		ck->n_ctx++;
	}
}

static void stop_workers(termin_checker *ck)
{
	if (ck->n_ctx <= 1)
		return;
	pthread_mutex_lock(&ck->mx);
	ck->stop = 1;
	pthread_cond_broadcast(&ck->cv_work);
	pthread_mutex_unlock(&ck->mx);
	for (size_t i = 1; i < ck->n_ctx; i++) {
		pthread_join(ck->ctx[i].th, NULL);
		ctx_free(ck, &ck->ctx[i]);
	}
	ck->n_ctx = 1;
	ck->live = 0;
}

/* Runs phase 2 of the finished batches at the head, helping with phase 1
 * when `all` (the end of the run) or when too many batches wait. Returns
 * the first error of a unit. */
static int drain(termin_checker *ck, int all)
{
	size_t most = 2 * ck->n_ctx + 2;
	int rc = 0;
	pthread_mutex_lock(&ck->mx);
	while (ck->head) {
		struct ck_batch *b = ck->head;
		if (b->state == B_DONE) {
			ck->head = b->next;
			if (!ck->head)
				ck->tail = NULL;
			ck->in_flight--;
			pthread_mutex_unlock(&ck->mx);
			for (size_t i = 0; i < b->n; i++) {
				int r = ck->failed ? 0 : finish_unit(ck, &b->jobs[i]);
				if (r < 0 && !ck->failed) {
					ck->failed = 1;
					rc = r;
				}
			}
			batch_recycle(ck, b);
			pthread_mutex_lock(&ck->mx);
			continue;
		}
		if (!all && ck->in_flight <= most)
			break;
		/* the caller's thread helps with phase 1 only where the workers
		 * have more than one batch each waiting: taking their next
		 * batch would leave them idle while it reads and records */
		struct ck_batch *mine = all || ck->queued > ck->live ? claim(ck) : NULL;
		if (mine) {
			pthread_mutex_unlock(&ck->mx);
			batch_check(ck, &ck->ctx[0], mine);
			pthread_mutex_lock(&ck->mx);
			mine->state = B_DONE;
		} else {
			pthread_cond_wait(&ck->cv_done, &ck->mx);
		}
	}
	pthread_mutex_unlock(&ck->mx);
	return rc;
}

/* Hands the batch being filled to phase 1. */
static int submit(termin_checker *ck)
{
	struct ck_batch *b = ck->cur;
	if (!b || !b->n)
		return 0;
	ck->cur = NULL;
	pthread_mutex_lock(&ck->mx);
	b->state = B_QUEUED;
	ck->queued++;
	if (ck->tail)
		ck->tail->next = b;
	else
		ck->head = b;
	ck->tail = b;
	ck->in_flight++;
	pthread_cond_signal(&ck->cv_work);
	pthread_mutex_unlock(&ck->mx);
	/* one thread: every unit at once, as it comes */
	return drain(ck, ck->n_ctx <= 1);
}

/* Stops the threads and drops the units still in the pipeline (a run
 * abandoned before termin_checker_finish). */
static void pipeline_free(termin_checker *ck)
{
	if (!ck->ctx)
		return;
	stop_workers(ck);
	for (struct ck_batch *b = ck->head, *next; b; b = next) {
		next = b->next;
		batch_free(b);
	}
	ck->head = ck->tail = NULL;
	if (ck->cur)
		batch_free(ck->cur);
	ck->cur = NULL;
	for (struct ck_batch *b = ck->spare, *next; b; b = next) {
		next = b->next;
		batch_free(b);
	}
	ck->spare = NULL;
	if (ck->n_ctx)
		ctx_free(ck, &ck->ctx[0]);
	free(ck->ctx);
	ck->ctx = NULL;
	ck->n_ctx = 0;
}

/* What phase 1 computes for the checks that are on (their severities
 * are fixed once the first unit comes): checks switched off cost
 * nothing, and the findings of the others are those of a run with every
 * check on. */
static int plan(termin_checker *ck)
{
	/* the checks that read the words and links of a unit */
	static const int wordy[] = { CK_TERM_MISSING, CK_TERM_DEPRECATED, CK_TERM_INCONSISTENT, CK_SPELLING,
		                     CK_SPELLING_VARIANT, CK_NUMBER_MISMATCH, CK_URL_MISMATCH, CK_SAME_AS_SOURCE,
		                     CK_REPEATED_WORD, CK_QUOTE_STYLE, CK_MIXED_SCRIPT };
	ck->need_words = 0;
	for (size_t i = 0; i < TERMIN_ARRAY_SIZE(wordy); i++)
		ck->need_words |= termin__check_on(ck, wordy[i]);
	ck->need_terms = termin__check_on(ck, CK_TERM_MISSING) || termin__check_on(ck, CK_TERM_DEPRECATED) ||
	                 termin__check_on(ck, CK_TERM_INCONSISTENT);
	/* the term matcher (a fifth of a second to build) only for them */
	if (ck->need_terms && ck->glossary) {
		int rc = termin__check_terms_new(&ck->terms, ck->glossary);
		if (rc < 0)
			return rc;
		ck->ctx[0].terms = ck->terms;
	}
	return 0;
}

int termin_checker_add(termin_checker *ck, const termin_check_unit *u)
{
	const char *file = u->file ? u->file : "";
	int rc;

	if (ck->failed)
		return termin__error_set(TERMIN_ERROR, "the checker stopped at an earlier error");
	if (ck->units == 0 && (rc = plan(ck)) < 0)
		return rc;
	TERMIN_GROW(ck->unit_tuid, ck->cap_units, ck->units + 1);
	if (ck->cap_norm < ck->cap_units) {
		ck->norm = termin__xrealloc(ck->norm, ck->cap_units * sizeof *ck->norm);
		ck->unit_file = termin__xrealloc(ck->unit_file, ck->cap_units * sizeof *ck->unit_file);
		ck->unit_line = termin__xrealloc(ck->unit_line, ck->cap_units * sizeof *ck->unit_line);
		ck->cap_norm = ck->cap_units;
	}
	memset(&ck->norm[ck->units], 0, sizeof *ck->norm);
	ck->unit_tuid[ck->units] = keep_str(ck, u->tuid);
	/* a run of units from one file shares its interned name */
	if (!ck->last_file || strcmp(ck->last_file, file) != 0)
		ck->last_file = intern_file(ck, file);
	ck->unit_file[ck->units] = ck->last_file;
	ck->unit_line[ck->units] = u->line;

	/* worker threads once the run is long enough to pay for them: each
	 * builds its own term matcher (0.05 s) and starts with cold caches,
	 * and the first units are the slow ones (every word is new to the
	 * dictionaries), so on the bench's texts two threads beat one only
	 * from about 4,000 units on; sooner when the caller asked for
	 * threads */
	if (ck->n_ctx == 1 && ck->threads != 1 &&
	    ck->units == (ck->threads > 1 ? 2 * BATCH_UNITS : START_WORKERS_AT))
		start_workers(ck);
	if (!ck->cur)
		ck->cur = batch_new(ck);
	ck_job *j = &ck->cur->jobs[ck->cur->n++];
	copy_unit(j, u, ck->last_file);
	j->cu.index = ck->units++;
	if (ck->cur->n == BATCH_UNITS || ck->n_ctx <= 1) {
		if ((rc = submit(ck)) < 0)
			return rc;
	}
	return 0;
}

static int cmp_finding(const void *a, const void *b)
{
	const ck_finding *x = a, *y = b;
	int c = strcmp(x->pub.file, y->pub.file);
	if (c)
		return c;
	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	if (x->check != y->check)
		return x->check < y->check ? -1 : 1;
	if (x->pub.start != y->pub.start)
		return x->pub.start < y->pub.start ? -1 : 1;
	return 0;
}

int termin_checker_finish(termin_checker *ck)
{
	int rc;
	if (ck->finished)
		return 0;
	ck->finished = 1;
	rc = submit(ck);
	if (rc == 0)
		rc = drain(ck, 1);
	stop_workers(ck);
	if (rc < 0 || ck->failed)
		return rc < 0 ? rc : termin__error_set(TERMIN_ERROR, "the checker stopped at an earlier error");
	end_document(ck);
	group_findings(ck, 0);
	group_findings(ck, 1);
	/* drop what the ignore lists suppress */
	size_t kept = 0;
	for (size_t i = 0; i < ck->nf; i++) {
		if (ignored(ck, &ck->f[i])) {
			/* (its strings stay in the blocks) */
			ck->suppressed++;
			continue;
		}
		ck->f[kept++] = ck->f[i];
	}
	ck->nf = kept;
	if (ck->nf > 1)
		qsort(ck->f, ck->nf, sizeof *ck->f, cmp_finding);
	return 0;
}

size_t termin_checker_count(const termin_checker *ck)
{
	return ck->nf;
}

const termin_finding *termin_checker_finding(const termin_checker *ck, size_t i)
{
	return i < ck->nf ? &ck->f[i].pub : NULL;
}

size_t termin_checker_units(const termin_checker *ck)
{
	return ck->units;
}

size_t termin_checker_suppressed(const termin_checker *ck)
{
	return ck->suppressed;
}

size_t termin_checker_count_at(const termin_checker *ck, termin_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < ck->nf; i++)
		n += ck->f[i].pub.severity >= sev;
	return n;
}
