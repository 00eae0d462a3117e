/*
 * shared.c - small steps several commands take the same way: opening and
 * committing their output file, and making the speller that text
 * cleaning uses to rejoin broken words.
 */
#include "cli.h"

#include <unistd.h>

int cli_output_open(termin_outfile **out, const char *path, FILE **f)
{
	int rc = termin_outfile_open(out, path);
	if (rc < 0)
		return rc;
	*f = termin_outfile_stream(*out);
	/* large writes into files and pipes; a terminal stays line-buffered */
	if (!isatty(fileno(*f)))
		setvbuf(*f, NULL, _IOFBF, 1 << 16);
	return 0;
}

int cli_output_commit(termin_outfile **out)
{
	int rc = *out ? termin_outfile_commit(*out) : 0;
	*out = NULL;
	return rc;
}

termin_speller *cli_speller_new(void)
{
	termin_speller *sp = NULL;
	termin_speller_new(&sp);
	/* dictionaries missing only disable rejoining broken words */
	termin_speller_add_dict(sp, "en_US");
	termin_speller_add_dict(sp, "en_GB");
	termin_speller_add_dict(sp, "ru_RU");
	return sp;
}
