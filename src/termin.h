/*
 * termin.h - the public interface of libtermin.
 *
 * termin is a translation-memory and terminology library for English and
 * Russian: it reads and cleans texts, segments them into sentences, and
 * writes translation memories as TMX. This umbrella header includes every
 * public module; callers never include anything from src/lib.
 */
#ifndef TERMIN_H
#define TERMIN_H

#include "termin/common.h"
#include "termin/io.h"
#include "termin/lang.h"
#include "termin/speller.h"
#include "termin/text.h"
#include "termin/segment.h"
#include "termin/tmx.h"
#include "termin/glossary.h"
#include "termin/tm.h"
#include "termin/align.h"
#include "termin/fuzzy.h"
#include "termin/xliff.h"
#include "termin/check.h"

#endif
