/*
 * db_fts.c - the tokenizer of the concordance index (tuv_fts): SQLite's
 * unicode61 with Russian ё folded to е.
 *
 * Russian writes ё or е for the same letter (most texts print е), so a
 * search for "объединенный" must find "объединённый" and the reverse.
 * unicode61's remove_diacritics covers Latin letters only. The wrapper
 * replaces ё/Ё by е/Е in a copy of the text and hands the copy to
 * unicode61: both letters are two bytes in UTF-8, so the offsets unicode61
 * reports are the offsets in the original text, and highlight() and the
 * index's integrity check see the same tokens as the index.
 *
 * The tokenizer is registered as "termin_fold" on every connection
 * termin opens (termin__db_open), before the schema is used.
 */
#include "db.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	fts5_tokenizer base;     /* unicode61 */
	void *base_ud;
	Fts5Tokenizer *inner;
} fold_tok;

static int fold_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
	fts5_api *api = ud;
	fold_tok *t = termin__xcalloc(1, sizeof *t);
	int rc = api->xFindTokenizer(api, "unicode61", &t->base_ud, &t->base);
	if (rc == SQLITE_OK)
		rc = t->base.xCreate(t->base_ud, argv, argc, &t->inner);
	if (rc != SQLITE_OK) {
		free(t);
		*out = NULL;
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void fold_delete(Fts5Tokenizer *p)
{
	fold_tok *t = (fold_tok *)p;
	if (!t)
		return;
	t->base.xDelete(t->inner);
	free(t);
}

static int fold_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int len,
                         int (*token)(void *, int, const char *, int, int, int))
{
	fold_tok *t = (fold_tok *)p;
	char small[512], *copy = NULL;
	const char *use = text;
	int rc;

	/* copy only when there is an ё: D1 91 (ё) or D0 81 (Ё) */
	for (int i = 0; i + 1 < len; i++) {
		unsigned char a = (unsigned char)text[i], b = (unsigned char)text[i + 1];
		if (!((a == 0xD1 && b == 0x91) || (a == 0xD0 && b == 0x81)))
			continue;
		copy = len <= (int)sizeof small ? small : termin__xmalloc((size_t)len);
		memcpy(copy, text, (size_t)len);
		for (int k = i; k + 1 < len; k++) {
			unsigned char c = (unsigned char)copy[k], d = (unsigned char)copy[k + 1];
			if (c == 0xD1 && d == 0x91) {          /* ё -> е (D0 B5) */
				copy[k] = (char)0xD0;
				copy[k + 1] = (char)0xB5;
				k++;
			} else if (c == 0xD0 && d == 0x81) {   /* Ё -> Е (D0 95) */
				copy[k + 1] = (char)0x95;
				k++;
			}
		}
		use = copy;
		break;
	}
	rc = t->base.xTokenize(t->inner, ctx, flags, use, len, token);
	if (copy && copy != small)
		free(copy);
	return rc;
}

int termin__db_register_fts(sqlite3 *db)
{
	static fts5_tokenizer fold = { fold_create, fold_delete, fold_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return termin__db_fail(db, "SQLite has no FTS5");
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api)
		return termin__error_set(TERMIN_EDB, "SQLite has no FTS5");
	rc = api->xCreateTokenizer(api, "termin_fold", api, &fold, NULL);
	if (rc != SQLITE_OK)
		return termin__db_fail(db, "cannot register the search tokenizer");
	return 0;
}
