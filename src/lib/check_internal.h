/*
 * check_internal.h - what the check modules share: the checker itself,
 * the check table, the unit being checked and small text helpers.
 *
 *   check.c         the checker: findings, severities, ignore lists,
 *                   documents and consistency groups
 *   check_rules.c   per-unit checks on the surface (punctuation, spaces,
 *                   repeated words, URLs, tags, quotes, length, scripts)
 *   check_number.c  number-mismatch: numbers, dates, ordinals, Roman
 *   check_terms.c   term-missing, term-deprecated, term-inconsistent
 *   check_spell.c   spelling and spelling-variant
 *   check_input.c   TMX, XLIFF, TSV, text and TM database readers
 *   check_report.c  terminal, JSON, JUnit and ignore-list reports
 *   check_html.c    the HTML report
 */
#ifndef TERMIN_CHECK_INTERNAL_H
#define TERMIN_CHECK_INTERNAL_H

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "termin/check.h"
#include "termin/lang.h"

enum {
	CK_TERM_MISSING,
	CK_TERM_DEPRECATED,
	CK_TERM_INCONSISTENT,
	CK_SPELLING,
	CK_SPELLING_VARIANT,
	CK_NUMBER_MISMATCH,
	CK_URL_MISMATCH,
	CK_UNTRANSLATED,
	CK_SAME_AS_SOURCE,
	CK_END_PUNCTUATION,
	CK_REPEATED_WORD,
	CK_DOUBLE_SPACE,
	CK_TAG_MISMATCH,
	CK_QUOTE_STYLE,
	CK_LENGTH_RATIO,
	CK_MIXED_SCRIPT,
	CK_INCONSISTENT_TARGET,
	CK_INCONSISTENT_SOURCE,
	CK_COUNT
};

/* Where a finding is. A problem of the source text alone (SIDE_SRC) gets
 * the source severity in bilingual units; a mismatch between the sides is
 * located in one of them but belongs to the pair. */
enum { SIDE_SRC = 0, SIDE_TGT = 1, SIDE_PAIR_SRC = 2, SIDE_PAIR_TGT = 3 };

typedef struct check_terms check_terms;
typedef struct check_spell check_spell;
typedef struct ck_job ck_job;

/* A byte span of a text. */
typedef struct {
	size_t start, end;
} ck_span;

/* A word of a text: letters, digits, and apostrophes or hyphens between
 * them. */
typedef struct {
	size_t start, end;
	int letters, digits, upper, latin, cyrillic;
	int sentence_start;     /* first word of the text or after . ! ? */
} ck_word;

/* The unit being checked, with what several checks need. */
typedef struct {
	const termin_check_unit *u;
	int bilingual;
	size_t index;           /* unit number in the run */
	uint64_t hash;          /* of both texts, once `hashed` */
	int hashed;
	const char *text[2];    /* source, target (target "" when monolingual) */
	size_t len[2];
	const char *lang[2];
	int ru[2], en[2];       /* the side's language is Russian / English */
	/* the words of each side (termin__check_words) */
	ck_word *words[2];
	size_t n_words[2];
	/* URLs, e-mail addresses and domain names in each side */
	ck_span *links[2];
	size_t n_links[2];
	/* while the unit is checked on its own (phase 1, any thread): where
	 * its findings and term uses wait for phase 2; NULL in phase 2 */
	ck_job *job;
} ck_unit;

/* A finding made in phase 1, waiting to be recorded in unit order; its
 * strings are in the job's pend_text. */
typedef struct {
	unsigned char check, side;
	size_t start, end;
	size_t suggestion;        /* offset + 1, 0 for none */
	size_t message;           /* offset */
} ck_pending;

/* A unit in the pipeline. Phase 1 (check.c: check_unit) runs the checks
 * that look at the unit alone, on any thread; phase 2 (finish_unit) runs
 * in unit order on the caller's thread: it records the findings, the
 * document's term uses and consistency groups, and spelling's verdicts
 * that depend on what came before. */
struct ck_job {
	termin_check_unit u;      /* its strings live in mem */
	termin_buf mem;
	ck_unit cu;
	ck_pending *pend;
	size_t n_pend, cap_pend;
	termin_buf pend_text;
	termin_term_hit *use;     /* term hits for the document's usage */
	unsigned char *use_side;
	size_t n_use, cap_use;
	intptr_t *verdict[2];     /* spelling: per word of each side */
	size_t cap_verdict[2];
	size_t *spell_at[2];      /* the words phase 2 of spelling looks at */
	size_t n_spell_at[2], cap_spell_at[2];
	ck_word *words[2];        /* cu's arrays, kept for the next unit */
	ck_span *links[2];
	size_t cap_words[2], cap_links[2];
	termin_buf norm[2];       /* consistency: the normalised texts */
	uint64_t norm_hash[2];
	int group[2];             /* worth a group on that side */
	int rc;                   /* phase 1 failed: a TERMIN_E* code */
	int rc_where;             /* 1 terms, 2 spelling */
	char *err;                /* its message */
};

/* A direct-mapped table in front of a thread's spelling verdicts (and
 * of its number-word values), for words of up to CK_QUICK_MAX bytes:
 * almost every word, Russian ones included, found without hashing a
 * string. */
enum { CK_QUICK_MAX = 32, CK_QUICK_BITS = 16, CK_NUMBER_BITS = 12 };

typedef struct {
	uint64_t w[CK_QUICK_MAX / 8];  /* the word, zero-padded */
	uint32_t tag;                  /* its length + 1 (and what the table adds); 0: empty */
	int32_t v;
} ck_quick;

/* The entry of word w[0..n) (n <= CK_QUICK_MAX) in table t of 1 << bits
 * entries; key gets the padded word, for termin__ck_quick_is and for
 * filling the entry. tag must not be 0. */
static inline ck_quick *termin__ck_quick_slot(ck_quick *t, int bits, const char *w, size_t n, uint32_t tag,
                                              uint64_t key[CK_QUICK_MAX / 8])
{
	memset(key, 0, CK_QUICK_MAX);
	memcpy(key, w, n);
	uint64_t h = (key[0] * 0x9E3779B97F4A7C15ULL) ^ (key[1] * 0xC2B2AE3D27D4EB4FULL) ^
	             (key[2] * 0x165667B19E3779F9ULL) ^ (key[3] * 0xD6E8FEB86659FD93ULL) ^ tag;
	return &t[(h * 0x9E3779B97F4A7C15ULL) >> (64 - bits)];
}

static inline int termin__ck_quick_is(const ck_quick *q, const uint64_t key[CK_QUICK_MAX / 8], uint32_t tag)
{
	return q->tag == tag && q->w[0] == key[0] && q->w[1] == key[1] && q->w[2] == key[2] && q->w[3] == key[3];
}

static inline void termin__ck_quick_set(ck_quick *q, const uint64_t key[CK_QUICK_MAX / 8], uint32_t tag, int32_t v)
{
	memcpy(q->w, key, CK_QUICK_MAX);
	q->tag = tag;
	q->v = v;
}

/* What a thread needs for phase 1 of its own. */
typedef struct {
	termin_checker *ck;
	check_terms *terms;       /* the thread's matcher; NULL without a glossary */
	termin_strmap *verdicts;  /* word -> spelling verdict, this thread's cache */
	ck_quick *quick;          /* 1 << CK_QUICK_BITS entries */
	ck_quick *numbers;        /* number-word values, 1 << CK_NUMBER_BITS */
	pthread_t th;
	int running;
} ck_ctx;

typedef struct {
	termin_finding pub;
	char **tuids;
	size_t index;           /* unit index: sorting keeps unit order */
	unsigned char check;
} ck_finding;

struct termin_checker {
	termin_severity sev[CK_COUNT];
	char explicit_sev[CK_COUNT]; /* set by the user, not the default */
	termin_severity source_sev;
	double min_ratio, max_ratio;
	char *variety;

	ck_finding *f;
	size_t nf, capf;
	size_t suppressed;
	int finished;

	termin_strmap *ignore;  /* "check\x1fkey" */

	/* the findings' strings and the units' ids (check.c: block_alloc) */
	char **blocks;
	size_t n_blocks, cap_blocks;
	size_t block_used;      /* in the last block */
	/* texts of units with findings, shared by their findings */
	size_t text_unit;       /* unit index + 1 of the last copied pair */
	const char *text_src, *text_tgt;

	/* units and the file of the current document */
	size_t units;
	char *doc;
	termin_strmap *files;   /* interned file names */
	const char *last_file;  /* the last one interned */
	char **unit_tuid;       /* per unit, for groups */
	const char **unit_file;
	size_t *unit_line;
	size_t cap_units;

	/* consistency groups: the hash of a normalised text -> group index.
	 * The texts themselves wait, one copy each, in memory up to 128 MB
	 * then in a temporary file (spill) until a group proves
	 * inconsistent: holding them cost 4 copies of every unit. */
	struct ck_hashmap {
		uint64_t *keys;
		uint32_t *vals;  /* group index + 1; 0 empty */
		size_t n, cap;
	} by_text[2];           /* 0 source, 1 target */
	struct ck_group *groups[2];
	size_t n_groups[2], cap_groups[2];
	struct ck_norm *norm;   /* per unit */
	size_t cap_norm;
	char **chunks;          /* the spill's first bytes (check.c) */
	size_t n_chunks, cap_chunks;
	FILE *spill;            /* the rest */
	uint64_t spilled;       /* bytes written to both */
	int spill_read;         /* read since the last write: seek to the end */
	size_t stash_unit;      /* unit index + 1 of the last stash */
	uint64_t stash_off;

	check_terms *terms;
	check_spell *spell;
	int need_words;         /* phase 1 splits words and finds links */
	int need_terms;         /* phase 1 matches terms */
	/* the pipeline (check.c) */
	struct ck_batch *head, *tail;   /* submitted batches, in unit order */
	struct ck_batch *cur;           /* being filled */
	struct ck_batch *spare;         /* done with, for reuse */
	size_t in_flight;               /* submitted, before phase 2 */
	size_t queued;                  /* of which waiting for phase 1 */
	size_t live;                    /* workers ready (their set-up done) */
	pthread_mutex_t mx;
	pthread_cond_t cv_work, cv_done;
	int stop;
	int threads;                    /* wanted: 1 none, 0 one per processor */
	ck_ctx *ctx;                    /* ctx[0]: the caller's thread */
	size_t n_ctx;
	int failed;                     /* a unit's error, returned by the next call */
	termin_speller *own_speller;
	termin_speller *speller;
	const termin_glossary *glossary;
	termin_buf tmp;
};

/* Records a finding on unit `cu` for check `check` at `side`, span
 * [start, end) of that side's text; `suggestion` may be NULL. The message
 * is printf-formatted. Checks that are off are dropped here. */
void termin__check_add(termin_checker *ck, const ck_unit *cu, int check, int side, size_t start,
                       size_t end, const char *suggestion, const char *fmt, ...) TERMIN_PRINTF(8, 9);

/* Whether check `check` runs. */
int termin__check_on(const termin_checker *ck, int check);

/* Per-unit checks (check_rules.c, check_number.c). */
void termin__check_rules(termin_checker *ck, const ck_unit *cu);
/* seen: the thread's table of number-word values (1 << CK_NUMBER_BITS
 * entries), or NULL. */
void termin__check_numbers(termin_checker *ck, const ck_unit *cu, ck_quick *seen);
/* Finds URLs, e-mails and domain names in text; *out is malloc'd. The
 * _into form reuses *out (of *cap elements), growing it as needed. */
size_t termin__check_links(const char *s, size_t len, ck_span **out);
size_t termin__check_links_into(const char *s, size_t len, ck_span **out, size_t *cap);
/* Whether [i, j) lies inside one of the spans. */
static inline int termin__in_spans(const ck_span *sp, size_t n, size_t i, size_t j)
{
	for (size_t k = 0; k < n; k++)
		if (i < sp[k].end && j > sp[k].start)
			return 1;
	return 0;
}

/* Terms (check_terms.c). Phase 1: the unit's findings; the hits that
 * count for term-inconsistent wait in cu->job. Phase 2: they are
 * recorded for the document in the checker's own instance. */
int termin__check_terms_new(check_terms **out, const termin_glossary *g);
void termin__check_terms_free(check_terms *t);
int termin__check_terms_unit(termin_checker *ck, check_terms *t, const ck_unit *cu);
void termin__check_terms_record(check_terms *t, const ck_unit *cu, const ck_job *job);
void termin__check_terms_doc_end(termin_checker *ck, check_terms *t);

/* Spelling (check_spell.c). Phase 1 (any thread): the verdict of each
 * word into job->verdict, through the thread's cache; the dictionaries
 * are asked under the checker's spelling lock. Phase 2: the findings. */
int termin__check_spell_new(check_spell **out, termin_speller *sp, const termin_glossary *g,
                            const char *variety);
void termin__check_spell_free(check_spell *s);
int termin__check_spell_verdicts(termin_checker *ck, check_spell *s, termin_strmap *cache, ck_quick *quick,
                                 const ck_unit *cu, ck_job *job);
int termin__check_spell_unit(termin_checker *ck, check_spell *s, const ck_unit *cu, const ck_job *job);
void termin__check_spell_doc_end(termin_checker *ck, check_spell *s);

/* Text helpers (check_rules.c). */
int termin__is_letter(int32_t cp);
int termin__is_upper(int32_t cp);
int termin__is_cyrillic(int32_t cp);
int termin__is_latin(int32_t cp);
/* Lower-cases UTF-8 into b (appending). */
void termin__lower(termin_buf *b, const char *s, size_t len);

/* Splits text into words; *out is malloc'd. The _into form reuses *out
 * (of *cap elements), growing it as needed. */
size_t termin__check_words(const char *s, size_t len, ck_word **out);
size_t termin__check_words_into(const char *s, size_t len, ck_word **out, size_t *cap);

/* Whether spelling judges this word at all (check_spell.c). */
int termin__check_spell_judges(const char *s, const ck_word *w);
/* Writes the word with its minority-script look-alike letters turned into
 * the majority script; returns how many changed, 0 when one cannot be. */
int termin__check_fix_script(termin_buf *b, const char *s, size_t len, int to_cyrillic);

/* How many bytes of the waiting texts stay in memory (128 MB; tests
 * lower it to read them back from the temporary file). */
extern size_t termin__check_spill_mem;

/* Writes the unit's source and target (target after source) to the
 * checker's temporary file, once per unit, and sets *off to where they
 * are: for findings that wait for the end of the document. Returns 0 or
 * TERMIN_EIO. */
int termin__check_stash(termin_checker *ck, const ck_unit *cu, uint64_t *off);
/* Reads `len` bytes at `off` of the temporary file back: a malloc'd,
 * NUL-terminated string (empty when the read fails). */
char *termin__check_unstash(termin_checker *ck, uint64_t off, size_t len);

/* A unit remembered for a group or document finding. */
void termin__check_add_group(termin_checker *ck, int check, const size_t *units, size_t n,
                             const char *source, const char *target, const char *match,
                             const char *suggestion, const char *message);

/* The threads a run may use: --jobs, else one a processor. */
int termin__check_threads(const termin_checker *ck);

#endif
