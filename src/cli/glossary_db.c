/*
 * glossary_db.c - the project's glossary beside the translation memory.
 *
 * INTERIM: the glossary tables of the project database (schema step 2) are
 * not in this branch yet. Until they are, `termin glossary import` keeps
 * the project's glossary as a normalized TBX 2019 file next to the
 * database, DB.glossary.tbx (termin.db.glossary.tbx by default), written
 * atomically. Commands read it back from there. Only this file knows
 * where the project's glossary lives.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *sidecar(const char *db)
{
	const char *base = cli_db_path(db);
	size_t n = strlen(base);
	char *p = malloc(n + sizeof ".glossary.tbx");
	if (!p)
		abort();
	memcpy(p, base, n);
	memcpy(p + n, ".glossary.tbx", sizeof ".glossary.tbx");
	return p;
}

int cli_glossary_load_db(termin_glossary *g, const char *db, int *found)
{
	char *path = sidecar(db);
	int rc = 0;
	*found = 0;
	if (access(path, F_OK) == 0) {
		termin_glossary_load_opts lo = TERMIN_GLOSSARY_LOAD_OPTS_INIT;
		lo.format = TERMIN_GLOSSARY_TBX;
		if ((rc = termin_glossary_load(g, path, &lo)) == 0)
			*found = 1;
	}
	free(path);
	return rc;
}

int cli_glossary_store_db(const termin_glossary *g, const char *db)
{
	char *path = sidecar(db);
	termin_outfile *out = NULL;
	termin_glossary_write_opts wo = TERMIN_GLOSSARY_WRITE_OPTS_INIT;
	int rc;
	wo.format = TERMIN_GLOSSARY_TBX;
	if ((rc = termin_outfile_open(&out, path)) == 0) {
		if ((rc = termin_glossary_write(g, out, &wo)) < 0)
			termin_outfile_abort(out);
		else
			rc = termin_outfile_commit(out);
	}
	free(path);
	return rc;
}
