/* Fuzzes the TBX glossary reader, both TBX 2019 (DCA) and TBX 2 (martif):
 * the reader decides from the root element. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	termin_glossary_load_opts o = TERMIN_GLOSSARY_LOAD_OPTS_INIT;
	termin_glossary *g = NULL;

	if (termin_glossary_new(&g) < 0)
		abort();
	o.format = TERMIN_GLOSSARY_TBX;
	if (termin_glossary_load_buffer(g, "fuzz.tbx", (const char *)data, size, &o) == 0) {
		for (size_t i = 0; i < termin_glossary_concept_count(g); i++) {
			const termin_concept *c = termin_glossary_concept(g, i);
			for (size_t k = 0; k < termin_concept_term_count(c); k++) {
				const termin_term *t = termin_concept_term(c, k);
				if (!termin_term_text(t) || !termin_term_lang(t))
					abort();
			}
			termin_concept_preferred(c, "en");
		}
	}
	termin_glossary_free(g);
	return 0;
}
