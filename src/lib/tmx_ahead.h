/*
 * tmx_ahead.h - reading a TMX file on a thread of its own, ahead of the
 * caller (tmx_ahead.c).
 */
#ifndef TERMIN_TMX_AHEAD_H
#define TERMIN_TMX_AHEAD_H

#include "util.h"
#include "termin/tmx.h"

/* Sends the reader's warnings to `warn` from now on (tmx_read.c). */
void termin__tmx_reader_set_warn(termin_tmx_reader *r, void (*fn)(void *ctx, const char *msg),
                                 void *ctx);

/* Work done on the reading thread for each unit, after it is read: the
 * result goes with the unit to termin__tmx_ahead_next. `a` holds the
 * unit's copy and lives as long as it; allocate the result there. Called
 * on that thread only, one unit at a time, so `ctx` may hold scratch. */
typedef void *(*termin__tmx_prepare_fn)(void *ctx, const termin_tmx_unit *u, termin__arena *a);

typedef struct termin__tmx_ahead termin__tmx_ahead;

/* Starts reading `r` (opened, header read; borrowed until
 * termin__tmx_ahead_free) on a new thread. The reader's warnings are
 * handed to `warn` on the caller's thread, in their place among the units
 * (termin__tmx_ahead_next calls it). `prepare` may be NULL. */
int termin__tmx_ahead_start(termin__tmx_ahead **out, termin_tmx_reader *r,
                            termin__tmx_prepare_fn prepare, void *prepare_ctx,
                            void (*warn)(void *ctx, const char *msg), void *warn_ctx);

/* termin_tmx_reader_next, with the unit's prepared result in `*prep`: 1
 * a unit (valid until the next call), 0 the end, < 0 what the reader
 * failed with (its message recorded on this thread). */
int termin__tmx_ahead_next(termin__tmx_ahead *a, const termin_tmx_unit **u, void **prep);

/* termin_tmx_reader_failed and termin_tmx_reader_bytes as of the last
 * result handed out. */
int termin__tmx_ahead_failed(const termin__tmx_ahead *a);
uint64_t termin__tmx_ahead_bytes(const termin__tmx_ahead *a);

/* Stops the thread (the reader may be freed then). NULL is ignored. */
void termin__tmx_ahead_free(termin__tmx_ahead *a);

#endif
