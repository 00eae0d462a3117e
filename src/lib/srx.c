/*
 * srx.c - the SRX 2.0 segmentation engine.
 *
 * Loading. An SRX file is untrusted XML (xml_read.c). Its <languagerule>s
 * hold ordered <rule>s (break="yes|no", an optional <beforebreak> and an
 * optional <afterbreak> regular expression in ICU syntax); its <maprules>
 * map language-code patterns to language rules. Every regex is compiled
 * with ICU when the file is loaded, so a bad one is reported with its file
 * and line before any text is read.
 *
 * Semantics (SRX 2.0, as OmegaT and Okapi apply it). For a language code,
 * the <languagemap>s whose pattern matches the whole code (ignoring case)
 * give the rules: with cascade="yes" the rules of every matching map, in
 * map order; otherwise those of the first matching map only. At each
 * position between two characters of a line, the rules are tried in order;
 * the first rule whose beforebreak matches text ending at the position and
 * whose afterbreak matches text starting there decides: break="yes" breaks,
 * break="no" does not. When no rule matches, there is no break. A missing
 * or empty beforebreak/afterbreak matches anywhere. Both regexes see the
 * whole line: lookbehind, lookahead and \b may look across the position;
 * ^ is the start of the line and $ its end.
 *
 * Speed. OmegaT's file has 2,772 rules, mostly break="no" exceptions for
 * abbreviations; trying each at each position would be hopeless. Instead:
 *   1. every break="yes" rule is searched over the line once, as one
 *      pattern (?:before)(?=after), which yields the candidate positions;
 *   2. at each candidate only the rules ordered before the first break rule
 *      that produced it are tried, cheapest test first: a literal suffix of
 *      the beforebreak compared in C (prefilter), the afterbreak (cached per
 *      distinct pattern and position), then the beforebreak as a lookbehind
 *      (?<=before) when ICU can bound its length, else as (?:before)\z over
 *      a window of at most WINDOW characters ending at the position.
 * A line is converted to UTF-16 once; ICU positions are mapped back to byte
 * offsets at the end.
 *
 * Not thread-safe: the compiled regexes hold per-line state.
 */
#include "segment_internal.h"
#include "xml_internal.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

#define SRX_NS "http://www.lisa.org/srx20"

/* The longest beforebreak match (in UTF-16 units) tried for patterns whose
 * length ICU cannot bound, such as [.?!]+; keeps every check O(WINDOW). */
#define WINDOW 1024
/* A break-rule match longer than this is not searched again from inside
 * (avoids quadratic searches for patterns like .*). */
#define RESCAN_MAX 64
/* Longest literal suffix kept for the prefilter. */
#define LIT_MAX 32

typedef struct {
	URegularExpression *re;
	unsigned gen;                 /* line whose text `re` holds */
} srx_re;

typedef struct {
	int brk;                      /* break="yes" */
	long line;                    /* line of the <rule> */
	int after;                    /* index into srx->afters; -1 matches anywhere */
	int has_before;               /* 0: matches anywhere */
	srx_re before_lb;             /* (?<=B): bounded length */
	srx_re before_end;            /* (?:B)\z over a window: unbounded, no anchors */
	srx_re before_plain;          /* B alone: unbounded with anchors, or unwrappable */
	int start_anchored;           /* B begins with ^ or \A: only matches from 0 */
	srx_re scan;                  /* break rules: the candidate search */
	int scan_checks_after;        /* scan is B alone: test the afterbreak at each end */
	UChar lit[LIT_MAX];           /* a suffix every match of B ends with */
	int lit_len;
	int lit_ci;                   /* compare ignoring case */
} srx_rule;

typedef struct {
	char *name;
	long line;
	size_t first, n;              /* rules[first .. first+n) */
} srx_langrule;

typedef struct {
	URegularExpression *re;       /* languagepattern, case-insensitive */
	size_t langrule;
} srx_map;

typedef struct {
	UChar *pattern;               /* NUL-terminated, for de-duplication */
	srx_re re;
	unsigned stamp;               /* candidate for which `value` holds */
	int value;
} srx_after;

/* The rules that apply to one language code, in order. */
typedef struct {
	srx_rule **rules;
	size_t n;
} srx_set;

typedef struct {
	int32_t pos;
	uint32_t rule;                /* index in the set of the break rule */
} srx_cand;

struct termin__srx {
	char *path;
	int cascade;
	srx_rule *rules;
	size_t n_rules, cap_rules;
	srx_langrule *lrules;
	size_t n_lrules, cap_lrules;
	srx_map *maps;
	size_t n_maps, cap_maps;
	srx_after *afters;
	size_t n_afters, cap_afters;
	termin_strmap *set_of_lang;   /* language code -> index in sets */
	srx_set *sets;
	size_t n_sets, cap_sets;

	/* the current line */
	UChar *u;
	int32_t n;
	size_t cap_u;
	unsigned gen;
	srx_cand *cands;
	size_t n_cands, cap_cands;
	int32_t *brk16;
	size_t n_brk16, cap_brk16;
	unsigned cstamp;              /* the current candidate */
	int fold_ready;               /* fold[] holds the window before the candidate */
	UChar fold[LIT_MAX];          /* simple case folding of u[p-fold_len .. p) */
	int fold_len;
	int fold_special;             /* index from which a character folds specially */
};

/* ======================= regex helpers ======================= */

static void re_close(srx_re *r)
{
	if (r->re)
		uregex_close(r->re);
	r->re = NULL;
}

/* Makes `r` look at the current line. */
static void re_text(termin__srx *srx, srx_re *r)
{
	if (r->gen != srx->gen) {
		UErrorCode st = U_ZERO_ERROR;
		uregex_setText(r->re, srx->u, srx->n, &st);
		r->gen = srx->gen;
	}
}

static URegularExpression *re_open(const UChar *pat, int32_t len, uint32_t flags,
                                   UParseError *pe, UErrorCode *st)
{
	URegularExpression *re = uregex_open(pat, len, flags, pe, st);
	if (U_FAILURE(*st)) {
		if (re)
			uregex_close(re);
		return NULL;
	}
	return re;
}

/* Sets the bounds a compiled check needs; they survive setText and
 * setRegion. */
static void re_bounds(URegularExpression *re, int transparent, int anchoring)
{
	UErrorCode st = U_ZERO_ERROR;
	uregex_useTransparentBounds(re, transparent, &st);
	uregex_useAnchoringBounds(re, anchoring, &st);
}

/* Is the character at pat[i] escaped (preceded by an odd run of '\')? */
static int escaped(const UChar *pat, int32_t i)
{
	int k = 0;
	while (i - 1 - k >= 0 && pat[i - 1 - k] == '\\')
		k++;
	return k & 1;
}

/* Does the pattern use \Q...\E quoting or the x (comments) flag? Either
 * would swallow text we append when wrapping the pattern in a group, so
 * such patterns are used on their own. */
static int unwrappable(const UChar *pat, int32_t len)
{
	for (int32_t i = 0; i < len; i++) {
		if (pat[i] == 'Q' && i > 0 && escaped(pat, i))
			return 1;
		if (pat[i] == '(' && !escaped(pat, i) && i + 1 < len && pat[i + 1] == '?') {
			for (int32_t j = i + 2; j < len && pat[j] < 0x80 &&
			     ((pat[j] >= 'a' && pat[j] <= 'z') || pat[j] == '-'); j++)
				if (pat[j] == 'x')
					return 1;
		}
	}
	return 0;
}

/* Does the pattern hold an anchor (^ $ \A \z \Z \G)? Errs on the side of
 * yes (a ^ inside [^...] counts). */
static int has_anchor(const UChar *pat, int32_t len)
{
	for (int32_t i = 0; i < len; i++) {
		UChar c = pat[i];
		if ((c == '^' || c == '$') && !escaped(pat, i))
			return 1;
		if ((c == 'A' || c == 'z' || c == 'Z' || c == 'G') && i > 0 && escaped(pat, i))
			return 1;
	}
	return 0;
}

static int has_alternation(const UChar *pat, int32_t len)
{
	for (int32_t i = 0; i < len; i++)
		if (pat[i] == '|' && !escaped(pat, i))
			return 1;
	return 0;
}

/* Simple case folding; special_fold tells whether full folding differs
 * (ß -> ss, ligatures, dotted I), which a per-character comparison cannot
 * follow. */
static int special_fold(UChar c)
{
	UChar in[1] = { c }, out[4];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = u_strFoldCase(out, 4, in, 1, U_FOLD_CASE_DEFAULT, &st);
	return U_FAILURE(st) || n != 1 || out[0] != (UChar)u_foldCase(c, U_FOLD_CASE_DEFAULT);
}

/* Finds the literal text every match of `pat` must end with (used to skip
 * the regex at most positions). Scans back from the end over plain and
 * escaped characters; stops at anything with a meaning (classes, groups,
 * quantifiers, anchors). A pattern with alternation or \Q gets none. */
static void literal_suffix(srx_rule *r, const UChar *pat, int32_t len)
{
	UChar rev[LIT_MAX];
	int n = 0, ci = 0;
	r->lit_len = 0;
	if (has_alternation(pat, len) || unwrappable(pat, len))
		return;
	for (int32_t i = 0; i + 1 < len; i++)
		if (pat[i] == '(' && pat[i + 1] == '?' && !escaped(pat, i))
			for (int32_t j = i + 2; j < len && pat[j] < 0x80 &&
			     ((pat[j] >= 'a' && pat[j] <= 'z') || pat[j] == '-'); j++)
				if (pat[j] == 'i')
					ci = 1;
	for (int32_t i = len - 1; i >= 0 && n < LIT_MAX; i--) {
		UChar c = pat[i];
		if (i > 0 && escaped(pat, i)) {
			if (c < 0x80 && (u_isalnum(c))) {
				/* \b \s \d ... end the literal; \u \x \c \0 \1 \k \N
				 * would have eaten what we collected */
				if (!strchr("bBsSdDwWhHvVRXAzZG", (char)c))
					n = 0;
				break;
			}
			if (ci && (U16_IS_SURROGATE(c) || special_fold(c)))
				break;
			rev[n++] = c;
			i--; /* the backslash */
			continue;
		}
		if (c < 0x80 && strchr(".[](){}*+?^$|\\", (char)c))
			break;
		if (U16_IS_SURROGATE(c) && (ci || n + 2 > LIT_MAX))
			break;
		if (ci && special_fold(c))
			break;
		rev[n++] = c;
	}
	/* a surrogate pair split by LIT_MAX: drop the lone low half */
	if (n && U16_IS_TRAIL(rev[n - 1]))
		n--;
	for (int k = 0; k < n; k++)
		r->lit[k] = ci ? (UChar)u_foldCase(rev[n - 1 - k], U_FOLD_CASE_DEFAULT) : rev[n - 1 - k];
	r->lit_len = n;
	r->lit_ci = ci;
}

/* ======================= loading ======================= */

static int is_srx(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       strcmp((const char *)n->ns->href, SRX_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* Skips non-elements and elements of other namespaces (extensions). */
static const xmlNode *next_elem(const xmlNode *n)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
		    strcmp((const char *)n->ns->href, SRX_NS) == 0)
			return n;
	return NULL;
}

static int unexpected(termin__srx *srx, const xmlNode *n, const char *where)
{
	return termin__error_set(TERMIN_EINVALID, "%s:%ld: unexpected element <%s> in <%s>",
	                         srx->path, termin__xml_line(n), (const char *)n->name, where);
}

/* Returns a malloc'd copy of an attribute, or NULL when absent. */
static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s;
	if (!v)
		return NULL;
	s = termin__xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* Parses "yes"/"no"; `dflt` when absent. Returns 0/1 or -1 when invalid. */
static int yes_no(const char *v, int dflt)
{
	if (!v)
		return dflt;
	if (strcmp(v, "yes") == 0)
		return 1;
	if (strcmp(v, "no") == 0)
		return 0;
	return -1;
}

/* UTF-8 -> malloc'd UTF-16 (NUL-terminated); *len gets the length. */
static UChar *to_u16(const char *s, int32_t *len)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	UChar *u;
	u_strFromUTF8WithSub(NULL, 0, &n, s, -1, 0xFFFD, NULL, &st);
	u = termin__xmalloc(((size_t)n + 1) * sizeof *u);
	st = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, n + 1, &n, s, -1, 0xFFFD, NULL, &st);
	u[n] = 0;
	*len = n;
	return u;
}

static const char *regex_problem(UErrorCode st)
{
	switch (st) {
	case U_REGEX_MISSING_CLOSE_BRACKET: return "missing ] in a set";
	case U_REGEX_MISMATCHED_PAREN: return "unbalanced parentheses";
	case U_REGEX_RULE_SYNTAX: return "syntax error";
	case U_REGEX_BAD_ESCAPE_SEQUENCE: return "unknown escape sequence";
	case U_REGEX_PROPERTY_SYNTAX: return "bad \\p{...} property";
	case U_REGEX_BAD_INTERVAL: return "bad {min,max} interval";
	case U_REGEX_MAX_LT_MIN: return "{min,max} with max < min";
	case U_REGEX_INVALID_RANGE: return "invalid range in a set";
	case U_REGEX_INVALID_FLAG: return "invalid flag";
	case U_REGEX_INVALID_BACK_REF: return "back-reference to a missing group";
	case U_REGEX_SET_CONTAINS_STRING: return "set contains a string";
	case U_REGEX_LOOK_BEHIND_LIMIT: return "lookbehind without a bounded length";
	default: return "invalid";
	}
}

static int regex_error(termin__srx *srx, long line, const char *where, const char *pattern,
                       UErrorCode st, const UParseError *pe)
{
	return termin__error_set(TERMIN_EINVALID,
	                         "%s:%ld: invalid regular expression in <%s>: \"%s\": %s (ICU %s at "
	                         "character %d)",
	                         srx->path, line, where, pattern, regex_problem(st), u_errorName(st),
	                         pe->offset >= 0 ? pe->offset + 1 : 1);
}

/* Builds prefix + pat + suffix as UTF-16. */
static UChar *wrap(const char *prefix, const UChar *pat, int32_t len, const char *mid,
                   const UChar *pat2, int32_t len2, const char *suffix, int32_t *out_len)
{
	size_t lp = strlen(prefix), lm = mid ? strlen(mid) : 0, ls = strlen(suffix);
	size_t total = lp + (size_t)len + lm + (size_t)len2 + ls;
	UChar *w = termin__xmalloc((total + 1) * sizeof *w);
	size_t k = 0;
	for (size_t i = 0; i < lp; i++)
		w[k++] = (UChar)prefix[i];
	memcpy(w + k, pat, (size_t)len * sizeof *w);
	k += (size_t)len;
	for (size_t i = 0; i < lm; i++)
		w[k++] = (UChar)mid[i];
	if (len2) {
		memcpy(w + k, pat2, (size_t)len2 * sizeof *w);
		k += (size_t)len2;
	}
	for (size_t i = 0; i < ls; i++)
		w[k++] = (UChar)suffix[i];
	w[k] = 0;
	*out_len = (int32_t)k;
	return w;
}

#define RE_FLAGS UREGEX_DOTALL

/* Compiles the regexes of one rule. `before`/`after` are the element texts
 * (NULL when absent); the lines are for messages. */
static int compile_rule(termin__srx *srx, srx_rule *r, const char *before, long bline,
                        const char *after, long aline)
{
	UParseError pe;
	UErrorCode st = U_ZERO_ERROR;
	UChar *b = NULL, *a = NULL, *w = NULL;
	int32_t bl = 0, al = 0, wl;
	int rc = 0;

	r->after = -1;
	if (after && *after) {
		size_t i;
		a = to_u16(after, &al);
		for (i = 0; i < srx->n_afters; i++)
			if (u_strcmp(srx->afters[i].pattern, a) == 0)
				break;
		if (i == srx->n_afters) {
			URegularExpression *re = re_open(a, al, RE_FLAGS, &pe, &st);
			if (!re) {
				rc = regex_error(srx, aline, "afterbreak", after, st, &pe);
				goto cleanup;
			}
			re_bounds(re, 1, 0);
			UChar *copy = termin__xmalloc(((size_t)al + 1) * sizeof *copy);
			memcpy(copy, a, ((size_t)al + 1) * sizeof *copy);
			TERMIN_GROW(srx->afters, srx->cap_afters, srx->n_afters + 1);
			srx->afters[i] = (srx_after){ copy, { re, 0 }, 0, 0 };
			srx->n_afters++;
		}
		r->after = (int)i;
	}
	if (before && *before) {
		b = to_u16(before, &bl);
		/* compiled alone first, so an error speaks of the user's pattern */
		URegularExpression *plain = re_open(b, bl, RE_FLAGS, &pe, &st);
		if (!plain) {
			rc = regex_error(srx, bline, "beforebreak", before, st, &pe);
			goto cleanup;
		}
		r->has_before = 1;
		literal_suffix(r, b, bl);
		r->start_anchored = !has_alternation(b, bl) &&
		                    (b[0] == '^' || (bl > 1 && b[0] == '\\' && b[1] == 'A'));
		if (!unwrappable(b, bl)) {
			w = wrap("(?<=", b, bl, NULL, NULL, 0, ")", &wl);
			st = U_ZERO_ERROR;
			r->before_lb.re = re_open(w, wl, RE_FLAGS, &pe, &st);
			free(w);
			if (r->before_lb.re) {
				re_bounds(r->before_lb.re, 1, 0);
			} else if (!has_anchor(b, bl)) {
				/* unbounded: anchored at the region end instead */
				w = wrap("(?:", b, bl, NULL, NULL, 0, ")\\z", &wl);
				st = U_ZERO_ERROR;
				r->before_end.re = re_open(w, wl, RE_FLAGS, &pe, &st);
				free(w);
				if (r->before_end.re)
					re_bounds(r->before_end.re, 1, 1);
			}
		}
		if (!r->before_lb.re && !r->before_end.re) {
			r->before_plain.re = plain;
			re_bounds(plain, 1, 0);
		} else {
			uregex_close(plain);
		}
	}
	if (r->brk && b) {
		/* one search for B followed by A lets ICU backtrack within B until
		 * A holds; patterns that cannot be wrapped are searched alone */
		if (a && !unwrappable(b, bl) && !unwrappable(a, al)) {
			w = wrap("(?:", b, bl, ")(?=", a, al, ")", &wl);
			st = U_ZERO_ERROR;
			r->scan.re = re_open(w, wl, RE_FLAGS, &pe, &st);
			free(w);
		}
		if (!r->scan.re) {
			st = U_ZERO_ERROR;
			r->scan.re = re_open(b, bl, RE_FLAGS, &pe, &st);
			r->scan_checks_after = r->after >= 0;
		}
	} else if (r->brk && a && !unwrappable(a, al)) {
		w = wrap("(?=", a, al, NULL, NULL, 0, ")", &wl);
		st = U_ZERO_ERROR;
		r->scan.re = re_open(w, wl, RE_FLAGS, &pe, &st);
		free(w);
	}
	/* a break rule left without a scan is tried at every position */
cleanup:
	free(a);
	free(b);
	return rc;
}

static void free_rule(srx_rule *r)
{
	re_close(&r->before_lb);
	re_close(&r->before_end);
	re_close(&r->before_plain);
	re_close(&r->scan);
}

/* Text of the single <beforebreak>/<afterbreak> child (malloc'd). */
static char *elem_text(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = termin__xstrdup(v ? (const char *)v : "");
	if (v)
		xmlFree(v);
	return s;
}

static int load_rule(termin__srx *srx, const xmlNode *node)
{
	char *brk = attr(node, "break");
	char *before = NULL, *after = NULL;
	long bline = 0, aline = 0;
	srx_rule *r;
	int rc = 0, yn = yes_no(brk, 1);

	if (yn < 0) {
		rc = termin__error_set(TERMIN_EINVALID,
		                       "%s:%ld: <rule> has break=\"%s\"; expected \"yes\" or \"no\"",
		                       srx->path, termin__xml_line(node), brk);
		goto cleanup;
	}
	for (const xmlNode *c = next_elem(node->children); c; c = next_elem(c->next)) {
		if (is_srx(c, "beforebreak") && !before) {
			before = elem_text(c);
			bline = termin__xml_line(c);
		} else if (is_srx(c, "afterbreak") && !after) {
			after = elem_text(c);
			aline = termin__xml_line(c);
		} else {
			rc = unexpected(srx, c, "rule");
			goto cleanup;
		}
	}
	TERMIN_GROW(srx->rules, srx->cap_rules, srx->n_rules + 1);
	r = &srx->rules[srx->n_rules];
	memset(r, 0, sizeof *r);
	r->brk = yn;
	r->line = termin__xml_line(node);
	rc = compile_rule(srx, r, before, bline, after, aline);
	if (rc < 0) {
		free_rule(r);
		goto cleanup;
	}
	srx->n_rules++;
cleanup:
	free(brk);
	free(before);
	free(after);
	return rc;
}

static long langrule_index(const termin__srx *srx, const char *name)
{
	for (size_t i = 0; i < srx->n_lrules; i++)
		if (strcmp(srx->lrules[i].name, name) == 0)
			return (long)i;
	return -1;
}

static int load_languagerules(termin__srx *srx, const xmlNode *node)
{
	for (const xmlNode *lr = next_elem(node->children); lr; lr = next_elem(lr->next)) {
		char *name;
		long prev;
		int rc;
		if (!is_srx(lr, "languagerule"))
			return unexpected(srx, lr, "languagerules");
		name = attr(lr, "languagerulename");
		if (!name)
			return termin__error_set(TERMIN_EINVALID,
			                         "%s:%ld: <languagerule> without a languagerulename",
			                         srx->path, termin__xml_line(lr));
		if ((prev = langrule_index(srx, name)) >= 0) {
			rc = termin__error_set(TERMIN_EINVALID,
			                       "%s:%ld: languagerule \"%s\" is defined twice (first at line %ld)",
			                       srx->path, termin__xml_line(lr), name, srx->lrules[prev].line);
			free(name);
			return rc;
		}
		TERMIN_GROW(srx->lrules, srx->cap_lrules, srx->n_lrules + 1);
		srx_langrule *l = &srx->lrules[srx->n_lrules++];
		l->name = name;
		l->line = termin__xml_line(lr);
		l->first = srx->n_rules;
		for (const xmlNode *r = next_elem(lr->children); r; r = next_elem(r->next)) {
			if (!is_srx(r, "rule"))
				return unexpected(srx, r, "languagerule");
			if ((rc = load_rule(srx, r)) < 0)
				return rc;
		}
		l->n = srx->n_rules - l->first;
	}
	return 0;
}

static int load_maprules(termin__srx *srx, const xmlNode *node)
{
	for (const xmlNode *m = next_elem(node->children); m; m = next_elem(m->next)) {
		char *pattern, *name;
		long li, line = termin__xml_line(m);
		int rc = 0;
		if (!is_srx(m, "languagemap"))
			return unexpected(srx, m, "maprules");
		pattern = attr(m, "languagepattern");
		name = attr(m, "languagerulename");
		if (!pattern || !name) {
			rc = termin__error_set(TERMIN_EINVALID, "%s:%ld: <languagemap> without a %s",
			                       srx->path, line,
			                       !pattern ? "languagepattern" : "languagerulename");
		} else if ((li = langrule_index(srx, name)) < 0) {
			rc = termin__error_set(TERMIN_EINVALID,
			                       "%s:%ld: <languagemap> refers to languagerule \"%s\", which "
			                       "the file does not define",
			                       srx->path, line, name);
		} else {
			UParseError pe;
			UErrorCode st = U_ZERO_ERROR;
			int32_t pl;
			UChar *p = to_u16(pattern, &pl);
			URegularExpression *re = re_open(p, pl, UREGEX_CASE_INSENSITIVE, &pe, &st);
			free(p);
			if (!re) {
				rc = regex_error(srx, line, "languagemap languagepattern", pattern, st, &pe);
			} else {
				TERMIN_GROW(srx->maps, srx->cap_maps, srx->n_maps + 1);
				srx->maps[srx->n_maps++] = (srx_map){ re, (size_t)li };
			}
		}
		free(pattern);
		free(name);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int load_doc(termin__srx *srx, xmlDocPtr doc)
{
	const xmlNode *root = xmlDocGetRootElement(doc), *header = NULL, *body = NULL;
	const xmlNode *lrules = NULL, *mrules = NULL;
	char *v;
	int rc, yn;

	if (!root || strcmp((const char *)root->name, "srx") != 0 || !root->ns || !root->ns->href ||
	    strcmp((const char *)root->ns->href, SRX_NS) != 0) {
		const char *ns = root && root->ns && root->ns->href ? (const char *)root->ns->href : NULL;
		if (root && strcmp((const char *)root->name, "srx") == 0 && ns &&
		    strcmp(ns, "http://www.lisa.org/srx10") == 0)
			return termin__error_set(TERMIN_EUNSUPPORTED,
			                         "%s:%ld: SRX 1.0 is not supported; convert the file to "
			                         "SRX 2.0 (namespace " SRX_NS ")",
			                         srx->path, termin__xml_line(root));
		return termin__error_set(TERMIN_EINVALID,
		                         "%s:%ld: not an SRX 2.0 file: the root element is <%s>%s%s%s, "
		                         "expected <srx> in namespace " SRX_NS,
		                         srx->path, root ? termin__xml_line(root) : 1L,
		                         root ? (const char *)root->name : "?",
		                         ns ? " in namespace " : " without a namespace", ns ? ns : "", "");
	}
	v = attr(root, "version");
	if (v && strcmp(v, "2.0") != 0) {
		rc = termin__error_set(TERMIN_EUNSUPPORTED, "%s:%ld: SRX version \"%s\" is not supported "
		                       "(only 2.0)", srx->path, termin__xml_line(root), v);
		free(v);
		return rc;
	}
	free(v);
	for (const xmlNode *c = next_elem(root->children); c; c = next_elem(c->next)) {
		if (is_srx(c, "header") && !header)
			header = c;
		else if (is_srx(c, "body") && !body)
			body = c;
		else
			return unexpected(srx, c, "srx");
	}
	if (!body)
		return termin__error_set(TERMIN_EINVALID, "%s:%ld: <srx> has no <body>", srx->path,
		                         termin__xml_line(root));
	srx->cascade = 0;
	if (header) {
		v = attr(header, "cascade");
		yn = yes_no(v, 0);
		if (yn < 0) {
			rc = termin__error_set(TERMIN_EINVALID,
			                       "%s:%ld: <header> has cascade=\"%s\"; expected \"yes\" or \"no\"",
			                       srx->path, termin__xml_line(header), v);
			free(v);
			return rc;
		}
		free(v);
		srx->cascade = yn;
		/* segmentsubflows and <formathandle> concern inline markup, which
		 * plain text does not have: accepted and ignored */
	}
	for (const xmlNode *c = next_elem(body->children); c; c = next_elem(c->next)) {
		if (is_srx(c, "languagerules") && !lrules)
			lrules = c;
		else if (is_srx(c, "maprules") && !mrules)
			mrules = c;
		else
			return unexpected(srx, c, "body");
	}
	if (lrules && (rc = load_languagerules(srx, lrules)) < 0)
		return rc;
	if (mrules && (rc = load_maprules(srx, mrules)) < 0)
		return rc;
	return 0;
}

int termin__srx_load(termin__srx **out, const char *path)
{
	xmlDocPtr doc = NULL;
	termin__srx *srx;
	int rc;

	*out = NULL;
	if ((rc = termin__xml_read(&doc, path, "an SRX 2.0 document")) < 0)
		return rc;
	srx = termin__xcalloc(1, sizeof *srx);
	srx->path = termin__xstrdup(path);
	srx->set_of_lang = termin_strmap_new();
	srx->gen = 1;
	rc = load_doc(srx, doc);
	xmlFreeDoc(doc);
	if (rc < 0) {
		termin__srx_free(srx);
		return rc;
	}
	*out = srx;
	return 0;
}

void termin__srx_free(termin__srx *srx)
{
	if (!srx)
		return;
	for (size_t i = 0; i < srx->n_rules; i++)
		free_rule(&srx->rules[i]);
	for (size_t i = 0; i < srx->n_lrules; i++)
		free(srx->lrules[i].name);
	for (size_t i = 0; i < srx->n_maps; i++)
		uregex_close(srx->maps[i].re);
	for (size_t i = 0; i < srx->n_afters; i++) {
		re_close(&srx->afters[i].re);
		free(srx->afters[i].pattern);
	}
	for (size_t i = 0; i < srx->n_sets; i++)
		free(srx->sets[i].rules);
	termin_strmap_free(srx->set_of_lang);
	free(srx->sets);
	free(srx->rules);
	free(srx->lrules);
	free(srx->maps);
	free(srx->afters);
	free(srx->u);
	free(srx->cands);
	free(srx->brk16);
	free(srx->path);
	free(srx);
}

/* ======================= language selection ======================= */

/* The rule set for `lang`, built on first use. */
static srx_set *set_for(termin__srx *srx, const char *lang)
{
	intptr_t idx;
	size_t len = strlen(lang);
	if (termin_strmap_get(srx->set_of_lang, lang, len, &idx))
		return &srx->sets[idx];

	srx_set set = { NULL, 0 };
	size_t cap = 0;
	UChar *u;
	int32_t ul;
	u = to_u16(lang, &ul);
	for (size_t m = 0; m < srx->n_maps; m++) {
		UErrorCode st = U_ZERO_ERROR;
		uregex_setText(srx->maps[m].re, u, ul, &st);
		int ok = uregex_matches(srx->maps[m].re, -1, &st) && U_SUCCESS(st);
		if (!ok)
			continue;
		const srx_langrule *l = &srx->lrules[srx->maps[m].langrule];
		TERMIN_GROW(set.rules, cap, set.n + l->n);
		for (size_t k = 0; k < l->n; k++)
			set.rules[set.n++] = &srx->rules[l->first + k];
		if (!srx->cascade)
			break;
	}
	for (size_t m = 0; m < srx->n_maps; m++) {
		UErrorCode st = U_ZERO_ERROR;
		uregex_setText(srx->maps[m].re, u, 0, &st); /* forget `u` */
	}
	free(u);
	TERMIN_GROW(srx->sets, srx->cap_sets, srx->n_sets + 1);
	srx->sets[srx->n_sets] = set;
	termin_strmap_put(srx->set_of_lang, lang, len, (intptr_t)srx->n_sets);
	return &srx->sets[srx->n_sets++];
}

/* ======================= matching ======================= */

/* Does the afterbreak match text starting at p? */
static int after_at(termin__srx *srx, int ai, int32_t p)
{
	srx_after *a;
	UErrorCode st = U_ZERO_ERROR;
	if (ai < 0)
		return 1;
	a = &srx->afters[ai];
	if (a->stamp == srx->cstamp)
		return a->value;
	re_text(srx, &a->re);
	uregex_setRegion(a->re.re, p, srx->n, &st);
	a->value = uregex_lookingAt(a->re.re, -1, &st) && U_SUCCESS(st);
	a->stamp = srx->cstamp;
	return a->value;
}

/* Folds the LIT_MAX units before p once per candidate. */
static void fold_window(termin__srx *srx, int32_t p)
{
	int32_t from = p > LIT_MAX ? p - LIT_MAX : 0;
	srx->fold_len = p - from;
	srx->fold_special = -1;
	for (int32_t i = from; i < p; i++) {
		UChar c = srx->u[i];
		int k = i - from;
		if (c < 0x80) {
			srx->fold[k] = (c >= 'A' && c <= 'Z') ? (UChar)(c + 32) : c;
			continue;
		}
		if (U16_IS_SURROGATE(c) || special_fold(c))
			srx->fold_special = k; /* last such index */
		srx->fold[k] = (UChar)u_foldCase(c, U_FOLD_CASE_DEFAULT);
	}
	srx->fold_ready = 1;
}

/* Can the rule's beforebreak end at p? 0 when the literal suffix rules it
 * out, 1 when the regex must decide. */
static int prefilter(termin__srx *srx, const srx_rule *r, int32_t p)
{
	int L = r->lit_len;
	if (!L)
		return 1;
	if (!r->lit_ci) {
		if (L > p)
			return 0;
		return memcmp(srx->u + p - L, r->lit, (size_t)L * sizeof(UChar)) == 0;
	}
	if (!srx->fold_ready)
		fold_window(srx, p);
	if (srx->fold_special >= 0)
		return 1; /* full case folding may change lengths: let ICU decide */
	if (L > srx->fold_len)
		return 0;
	return memcmp(srx->fold + srx->fold_len - L, r->lit, (size_t)L * sizeof(UChar)) == 0;
}

/* Does the beforebreak match text ending at p? */
static int before_at(termin__srx *srx, srx_rule *r, int32_t p)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t lo;
	if (!r->has_before)
		return 1;
	if (r->before_lb.re) {
		re_text(srx, &r->before_lb);
		uregex_setRegion(r->before_lb.re, p, srx->n, &st);
		return uregex_lookingAt(r->before_lb.re, -1, &st) && U_SUCCESS(st);
	}
	lo = p > WINDOW ? p - WINDOW : 0;
	if (r->before_end.re) {
		re_text(srx, &r->before_end);
		uregex_setRegion(r->before_end.re, lo, p, &st);
		return uregex_find(r->before_end.re, -1, &st) && U_SUCCESS(st);
	}
	/* anchors or an unwrappable pattern: try each start, nearest first */
	re_text(srx, &r->before_plain);
	if (r->start_anchored)
		lo = 0;
	for (int32_t s = r->start_anchored ? 0 : p; s >= lo; s--) {
		if (s > 0 && s < srx->n && U16_IS_TRAIL(srx->u[s]) && U16_IS_LEAD(srx->u[s - 1]))
			continue;
		st = U_ZERO_ERROR;
		uregex_setRegion(r->before_plain.re, s, p, &st);
		if (uregex_matches(r->before_plain.re, -1, &st) && U_SUCCESS(st))
			return 1;
	}
	return 0;
}

static int rule_at(termin__srx *srx, srx_rule *r, int32_t p)
{
	return prefilter(srx, r, p) && after_at(srx, r->after, p) && before_at(srx, r, p);
}

static void add_cand(termin__srx *srx, int32_t pos, size_t rule)
{
	if (pos <= 0 || pos >= srx->n)
		return; /* the ends of the line are no breaks */
	if (U16_IS_TRAIL(srx->u[pos]) && U16_IS_LEAD(srx->u[pos - 1]))
		return;
	TERMIN_GROW(srx->cands, srx->cap_cands, srx->n_cands + 1);
	srx->cands[srx->n_cands++] = (srx_cand){ pos, (uint32_t)rule };
}

/* Step 1: the positions where break rule `k` of the set matches. */
static void scan_rule(termin__srx *srx, srx_rule *r, size_t k)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t from = 0;
	if (!r->scan.re) {
		/* no beforebreak and no usable afterbreak search: every position */
		for (int32_t p = 1; p < srx->n; p++) {
			srx->cstamp++;
			if (after_at(srx, r->after, p))
				add_cand(srx, p, k);
		}
		return;
	}
	re_text(srx, &r->scan);
	while (from <= srx->n) {
		st = U_ZERO_ERROR;
		if (!uregex_find(r->scan.re, from, &st) || U_FAILURE(st))
			break;
		int32_t s = uregex_start(r->scan.re, 0, &st);
		int32_t e = uregex_end(r->scan.re, 0, &st);
		if (U_FAILURE(st))
			break;
		srx->cstamp++;
		srx->fold_ready = 0;
		if (!r->scan_checks_after || after_at(srx, r->after, e))
			add_cand(srx, e, k);
		/* search again from inside the match: overlapping matches end at
		 * other positions ("...." holds two "..." matches) */
		from = (e - s > RESCAN_MAX) ? e : s + 1;
		if (from <= s)
			from = s + 1;
		if (from < srx->n && U16_IS_TRAIL(srx->u[from]) && U16_IS_LEAD(srx->u[from - 1]))
			from++;
	}
}

static int cand_cmp(const void *a, const void *b)
{
	const srx_cand *x = a, *y = b;
	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return x->rule < y->rule ? -1 : (x->rule > y->rule);
}

/* Converts the line to UTF-16; invalid bytes become U+FFFD one by one, as
 * map_back expects. */
static int to_line(termin__srx *srx, const char *text, size_t len)
{
	size_t i = 0, k = 0;
	if (len > (size_t)INT32_MAX / 2)
		return termin__error_set(TERMIN_EUNSUPPORTED, "%s: a line of %zu bytes is too long for "
		                         "SRX segmentation", srx->path, len);
	TERMIN_GROW(srx->u, srx->cap_u, len + 1);
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x80) {
			srx->u[k++] = c;
			i++;
			continue;
		}
		int32_t cp = termin__utf8_next(text, len, &i);
		if (cp < 0)
			cp = 0xFFFD;
		if (cp >= 0x10000) {
			srx->u[k++] = U16_LEAD(cp);
			srx->u[k++] = U16_TRAIL(cp);
		} else {
			srx->u[k++] = (UChar)cp;
		}
	}
	srx->n = (int32_t)k;
	srx->gen++;
	if (srx->gen == 0)
		srx->gen = 1;
	return 0;
}

/* Appends the byte offsets of the UTF-16 positions brk16[] (increasing). */
static void map_back(termin__srx *srx, const char *text, size_t len, termin__breaks *out)
{
	size_t i = 0;
	int32_t u = 0;
	for (size_t b = 0; b < srx->n_brk16; b++) {
		int32_t want = srx->brk16[b];
		while (u < want && i < len) {
			unsigned char c = (unsigned char)text[i];
			if (c < 0x80) {
				i++;
				u++;
				continue;
			}
			int32_t cp = termin__utf8_next(text, len, &i);
			u += cp >= 0x10000 ? 2 : 1;
		}
		termin__breaks_add(out, i);
	}
}

int termin__srx_breaks(termin__srx *srx, const char *lang, const char *text, size_t len,
                       termin__breaks *out)
{
	srx_set *set = set_for(srx, lang ? lang : "");
	int rc;
	if (!set->n || len == 0)
		return 0;
	if ((rc = to_line(srx, text, len)) < 0)
		return rc;

	/* 1. candidates from the break rules */
	srx->n_cands = 0;
	for (size_t k = 0; k < set->n; k++)
		if (set->rules[k]->brk)
			scan_rule(srx, set->rules[k], k);
	if (!srx->n_cands)
		return 0;
	qsort(srx->cands, srx->n_cands, sizeof *srx->cands, cand_cmp);

	/* 2. at each, the rules ordered before the first break rule decide */
	srx->n_brk16 = 0;
	for (size_t c = 0; c < srx->n_cands; c++) {
		int32_t p = srx->cands[c].pos;
		size_t j = srx->cands[c].rule;
		int brk = 1;
		if (c && srx->cands[c - 1].pos == p)
			continue; /* sorted by rule: the first one is the earliest */
		srx->cstamp++;
		srx->fold_ready = 0;
		for (size_t i = 0; i < j; i++) {
			srx_rule *r = set->rules[i];
			if (rule_at(srx, r, p)) {
				brk = r->brk;
				break;
			}
		}
		if (brk) {
			TERMIN_GROW(srx->brk16, srx->cap_brk16, srx->n_brk16 + 1);
			srx->brk16[srx->n_brk16++] = p;
		}
	}
	map_back(srx, text, len, out);
	return 0;
}
