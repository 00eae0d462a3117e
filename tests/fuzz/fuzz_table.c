/* Fuzzes the table glossary readers: the same input as OmegaT TSV, as
 * termin's CSV, and with the format guessed from the content. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct { termin_glossary_format f; const char *name; } runs[] = {
		{ TERMIN_GLOSSARY_TSV, "fuzz.tsv" },
		{ TERMIN_GLOSSARY_CSV, "fuzz.csv" },
		{ TERMIN_GLOSSARY_AUTO, "fuzz.txt" },
	};
	for (size_t k = 0; k < 3; k++) {
		termin_glossary_load_opts o = TERMIN_GLOSSARY_LOAD_OPTS_INIT;
		termin_glossary *g = NULL;
		if (termin_glossary_new(&g) < 0)
			abort();
		o.format = runs[k].f;
		if (termin_glossary_load_buffer(g, runs[k].name, (const char *)data, size, &o) == 0) {
			for (size_t i = 0; i < termin_glossary_concept_count(g); i++) {
				const termin_concept *c = termin_glossary_concept(g, i);
				for (size_t j = 0; j < termin_concept_term_count(c); j++)
					if (!termin_term_text(termin_concept_term(c, j)))
						abort();
			}
		}
		termin_glossary_free(g);
	}
	return 0;
}
