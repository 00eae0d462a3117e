/*
 * glossary_db.c - the project's glossary in the project database (the
 * glossary tables of schema step 2, termin_tm_glossary_store/load).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_glossary_load_db(termin_glossary **out, const char *db)
{
	const char *path = cli_db_path(db);
	termin_tm *tm = NULL;
	termin_tm_opts o = TERMIN_TM_OPTS_INIT;
	int rc;
	*out = NULL;
	/* no database is no error, and reading must not create one */
	if (access(path, F_OK) != 0)
		return 0;
	o.readonly = 1;
	if ((rc = termin_tm_open(&tm, path, &o)) < 0)
		return rc;
	rc = termin_tm_glossary_load(tm, out, NULL);
	termin_tm_close(tm);
	return rc == TERMIN_ENOTFOUND ? 0 : rc;
}

int cli_glossary_store_db(const termin_glossary *g, const char *db, const char *source)
{
	termin_tm *tm = NULL;
	int rc;
	if ((rc = termin_tm_open(&tm, cli_db_path(db), NULL)) < 0)
		return rc;
	rc = termin_tm_glossary_store(tm, g, source);
	termin_tm_close(tm);
	return rc;
}
