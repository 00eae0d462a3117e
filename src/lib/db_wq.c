/*
 * db_wq.c - the "termin_wq" VFS: SQLite's file writes done by a thread of
 * their own.
 *
 * A bulk import writes every page twice, into the WAL and at the
 * checkpoint into the database, and copying them into the kernel's page
 * cache took a fifth of the storing thread's time. This VFS wraps the
 * default one and queues each write (a copy of the bytes) for a writer
 * thread, so the storing thread goes on at once; the queue is bounded (4
 * MiB), so a writer that falls behind slows it down instead of growing.
 *
 * What SQLite and other processes see is unchanged, because the queue is
 * emptied (and the first failed write reported) before anything that
 * depends on what is in the files:
 *  - xSync, xTruncate, xFileSize, xClose, xUnlock and a size hint: that
 *    file's writes;
 *  - xShmLock, xShmBarrier: every file's (another process is about to
 *    look at the WAL through the shared index), and xDelete;
 *  - xRead of a range that a queued write overlaps: that file's writes;
 *  - a WAL commit frame: with synchronous=NORMAL nothing syncs the WAL
 *    before the commit is published in the shared index, so the frame
 *    header that carries the commit mark (a non-zero database size, bytes
 *    4..7 of the 24-byte frame header of the documented WAL format) and
 *    the page after it are written synchronously, after the queue is
 *    emptied: a failed write fails the commit, as it would without us.
 * A failed write stays failed: every later call on that file reports it,
 * so SQLite rolls the transaction back. No memory map is offered (version
 * 2 methods), so every read goes through xRead.
 */
#include "db.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define QUEUE_BYTES ((size_t)4 << 20)
/* The writer is woken when this much waits (or someone waits for it): a
 * wake-up per page cost more than the write. */
#define WAKE_BYTES ((size_t)1 << 20)

typedef struct wq_file wq_file;

typedef struct wreq {
	struct wreq *next;
	wq_file *f;
	sqlite3_int64 off;
	int n;
	char data[];
} wreq;

struct wq_file {
	sqlite3_file base;
	sqlite3_file *real;     /* the default VFS's file, after this struct */
	int wal;                /* a WAL file */
	int pending;            /* its writes queued or being written */
	int err;                /* the first failed write's code, or 0 */
	int sync_next;          /* write the next request synchronously (a commit frame's page) */
};

static struct {
	sqlite3_vfs vfs;
	sqlite3_vfs *base;
	pthread_mutex_t mx;
	pthread_cond_t cv_work, cv_done, cv_space;
	wreq *head, *tail;      /* queued; the writer writes head, then unlinks it */
	size_t bytes;
	int idle;               /* the writer waits for work */
	int waiters;            /* threads waiting for writes to be done */
	int full;               /* a thread waits for the queue to empty by half */
	int started;            /* the writer runs */
	int stopping;           /* the last file closed: the writer is ending */
	int n_files;            /* files open through this VFS */
	pthread_t th;
} wq = { .mx = PTHREAD_MUTEX_INITIALIZER, .cv_work = PTHREAD_COND_INITIALIZER,
         .cv_done = PTHREAD_COND_INITIALIZER, .cv_space = PTHREAD_COND_INITIALIZER };

static void *writer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&wq.mx);
	for (;;) {
		while (!wq.head) {
			if (wq.stopping) {
				pthread_mutex_unlock(&wq.mx);
				return NULL;
			}
			wq.idle = 1;
			pthread_cond_wait(&wq.cv_work, &wq.mx);
			wq.idle = 0;
		}
		wreq *r = wq.head;
		pthread_mutex_unlock(&wq.mx);
		int rc = r->f->real->pMethods->xWrite(r->f->real, r->data, r->n, r->off);
		pthread_mutex_lock(&wq.mx);
		if (rc != SQLITE_OK && !r->f->err)
			r->f->err = rc;
		r->f->pending--;
		wq.bytes -= (size_t)r->n;
		wq.head = r->next;
		if (!wq.head)
			wq.tail = NULL;
		free(r);
		if (wq.waiters)
			pthread_cond_broadcast(&wq.cv_done);
		if (wq.full && wq.bytes <= QUEUE_BYTES / 2)
			pthread_cond_broadcast(&wq.cv_space);
	}
	return NULL;
}

/* Waits (wq.mx held) until the writer has done a write. */
static void wait_done(void)
{
	if (wq.idle)
		pthread_cond_signal(&wq.cv_work);
	wq.waiters++;
	pthread_cond_wait(&wq.cv_done, &wq.mx);
	wq.waiters--;
}

/* Waits until `f`'s writes (every file's when NULL) are done; returns
 * `f`'s failure, if any. */
static int drain(wq_file *f)
{
	pthread_mutex_lock(&wq.mx);
	while (f ? f->pending > 0 : wq.head != NULL)
		wait_done();
	int rc = f ? f->err : SQLITE_OK;
	pthread_mutex_unlock(&wq.mx);
	return rc;
}

/* Before reading [off, off + n) of `f`: waits for the queued writes of
 * `f` when one overlaps it; returns `f`'s failure, if any. */
static int before_read(wq_file *f, sqlite3_int64 off, int n)
{
	int hit = 0, rc;
	pthread_mutex_lock(&wq.mx);
	if (f->pending)
		for (const wreq *r = wq.head; r && !hit; r = r->next)
			hit = r->f == f && r->off < off + n && off < r->off + r->n;
	while (hit && f->pending > 0)
		wait_done();
	rc = f->err;
	pthread_mutex_unlock(&wq.mx);
	return rc;
}

/* ----------------------- the file methods ----------------------- */

#define REAL(f) (((wq_file *)(f))->real)

/* The writer lives while files are open: the last close ends it. */
static int wq_close(sqlite3_file *file)
{
	wq_file *f = (wq_file *)file;
	drain(f);
	int rc = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
	pthread_mutex_lock(&wq.mx);
	if (--wq.n_files == 0 && wq.started) {
		wq.stopping = 1;
		pthread_cond_signal(&wq.cv_work);
		pthread_mutex_unlock(&wq.mx);
		pthread_join(wq.th, NULL);
		pthread_mutex_lock(&wq.mx);
		wq.started = wq.stopping = 0;
		pthread_cond_broadcast(&wq.cv_done);
	}
	pthread_mutex_unlock(&wq.mx);
	return rc;
}

static int wq_read(sqlite3_file *file, void *buf, int n, sqlite3_int64 off)
{
	wq_file *f = (wq_file *)file;
	int rc = before_read(f, off, n);
	return rc ? rc : f->real->pMethods->xRead(f->real, buf, n, off);
}

static int wq_write(sqlite3_file *file, const void *buf, int n, sqlite3_int64 off)
{
	wq_file *f = (wq_file *)file;
	int rc;
	/* a WAL frame header with the commit mark, and its page */
	const unsigned char *b = buf;
	int commit = f->wal && n == 24 && (b[4] | b[5] | b[6] | b[7]) != 0;
	if (commit || f->sync_next || !wq.started) {
		f->sync_next = commit;
		if ((rc = drain(f)) != SQLITE_OK)
			return rc;
		return f->real->pMethods->xWrite(f->real, buf, n, off);
	}
	wreq *r = malloc(sizeof *r + (size_t)n);
	if (!r) {
		if ((rc = drain(f)) != SQLITE_OK)
			return rc;
		return f->real->pMethods->xWrite(f->real, buf, n, off);
	}
	r->next = NULL;
	r->f = f;
	r->off = off;
	r->n = n;
	memcpy(r->data, buf, (size_t)n);
	pthread_mutex_lock(&wq.mx);
	/* full: wait until it is half empty (not a wake-up per write) */
	if (wq.bytes > QUEUE_BYTES) {
		if (wq.idle)
			pthread_cond_signal(&wq.cv_work);
		wq.full++;
		while (wq.bytes > QUEUE_BYTES / 2)
			pthread_cond_wait(&wq.cv_space, &wq.mx);
		wq.full--;
	}
	if ((rc = f->err) != SQLITE_OK) {
		pthread_mutex_unlock(&wq.mx);
		free(r);
		return rc;
	}
	if (wq.tail)
		wq.tail->next = r;
	else
		wq.head = r;
	wq.tail = r;
	wq.bytes += (size_t)n;
	f->pending++;
	if (wq.idle && wq.bytes >= WAKE_BYTES)
		pthread_cond_signal(&wq.cv_work);
	pthread_mutex_unlock(&wq.mx);
	return SQLITE_OK;
}

static int wq_truncate(sqlite3_file *file, sqlite3_int64 size)
{
	int rc = drain((wq_file *)file);
	return rc ? rc : REAL(file)->pMethods->xTruncate(REAL(file), size);
}

static int wq_sync(sqlite3_file *file, int flags)
{
	int rc = drain((wq_file *)file);
	return rc ? rc : REAL(file)->pMethods->xSync(REAL(file), flags);
}

static int wq_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
	int rc = drain((wq_file *)file);
	return rc ? rc : REAL(file)->pMethods->xFileSize(REAL(file), size);
}

static int wq_lock(sqlite3_file *file, int level)
{
	return REAL(file)->pMethods->xLock(REAL(file), level);
}

static int wq_unlock(sqlite3_file *file, int level)
{
	int rc = drain((wq_file *)file);
	return rc ? rc : REAL(file)->pMethods->xUnlock(REAL(file), level);
}

static int wq_check_reserved(sqlite3_file *file, int *out)
{
	return REAL(file)->pMethods->xCheckReservedLock(REAL(file), out);
}

static int wq_file_control(sqlite3_file *file, int op, void *arg)
{
	/* a size hint may write (zeros past what the file holds now) */
	if (op == SQLITE_FCNTL_SIZE_HINT) {
		int rc = drain((wq_file *)file);
		if (rc)
			return rc;
	}
	return REAL(file)->pMethods->xFileControl(REAL(file), op, arg);
}

static int wq_sector_size(sqlite3_file *file)
{
	return REAL(file)->pMethods->xSectorSize(REAL(file));
}

static int wq_device(sqlite3_file *file)
{
	return REAL(file)->pMethods->xDeviceCharacteristics(REAL(file));
}

static int wq_shm_map(sqlite3_file *file, int pg, int pgsz, int extend, void volatile **pp)
{
	return REAL(file)->pMethods->xShmMap(REAL(file), pg, pgsz, extend, pp);
}

static int wq_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
	drain(NULL);
	return REAL(file)->pMethods->xShmLock(REAL(file), offset, n, flags);
}

static void wq_shm_barrier(sqlite3_file *file)
{
	drain(NULL);
	REAL(file)->pMethods->xShmBarrier(REAL(file));
}

static int wq_shm_unmap(sqlite3_file *file, int del)
{
	return REAL(file)->pMethods->xShmUnmap(REAL(file), del);
}

static const sqlite3_io_methods wq_methods = {
	2, wq_close, wq_read, wq_write, wq_truncate, wq_sync, wq_file_size, wq_lock, wq_unlock,
	wq_check_reserved, wq_file_control, wq_sector_size, wq_device,
	wq_shm_map, wq_shm_lock, wq_shm_barrier, wq_shm_unmap, NULL, NULL,
};

/* ----------------------- the VFS ----------------------- */

static int wq_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
	wq_file *f = (wq_file *)file;
	memset(f, 0, sizeof *f);
	f->real = (sqlite3_file *)(f + 1);
	f->wal = (flags & SQLITE_OPEN_WAL) != 0;
	int rc = wq.base->xOpen(wq.base, name, f->real, flags, out_flags);
	/* the methods are set even on failure when the file needs closing */
	f->base.pMethods = f->real->pMethods ? &wq_methods : NULL;
	if (rc == SQLITE_OK && f->real->pMethods && f->real->pMethods->iVersion < 2) {
		f->real->pMethods->xClose(f->real);
		f->base.pMethods = NULL;
		return SQLITE_CANTOPEN;
	}
	if (f->base.pMethods) {
		pthread_mutex_lock(&wq.mx);
		while (wq.stopping)
			pthread_cond_wait(&wq.cv_done, &wq.mx);
		wq.n_files++;
		if (!wq.started && pthread_create(&wq.th, NULL, writer, NULL) == 0)
			wq.started = 1;
		pthread_mutex_unlock(&wq.mx);
	}
	(void)vfs;
	return rc;
}

static int wq_delete(sqlite3_vfs *v, const char *name, int sync_dir)
{
	drain(NULL); /* nothing may land in a file after it is gone */
	return wq.base->xDelete(wq.base, name, sync_dir);
}

static int wq_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	return wq.base->xAccess(wq.base, name, flags, out);
}

static int wq_full_path(sqlite3_vfs *v, const char *name, int n, char *out)
{
	return wq.base->xFullPathname(wq.base, name, n, out);
}

static void *wq_dl_open(sqlite3_vfs *v, const char *name)
{
	return wq.base->xDlOpen(wq.base, name);
}

static void wq_dl_error(sqlite3_vfs *v, int n, char *msg)
{
	wq.base->xDlError(wq.base, n, msg);
}

static void (*wq_dl_sym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
	return wq.base->xDlSym(wq.base, h, sym);
}

static void wq_dl_close(sqlite3_vfs *v, void *h)
{
	wq.base->xDlClose(wq.base, h);
}

static int wq_randomness(sqlite3_vfs *v, int n, char *out)
{
	return wq.base->xRandomness(wq.base, n, out);
}

static int wq_sleep(sqlite3_vfs *v, int us)
{
	return wq.base->xSleep(wq.base, us);
}

static int wq_current_time(sqlite3_vfs *v, double *out)
{
	return wq.base->xCurrentTime(wq.base, out);
}

static int wq_last_error(sqlite3_vfs *v, int n, char *out)
{
	return wq.base->xGetLastError ? wq.base->xGetLastError(wq.base, n, out) : 0;
}

static int wq_current_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	return wq.base->xCurrentTimeInt64(wq.base, out);
}

/* A child process starts with no writer thread and an empty queue (the
 * parent's writes are the parent's; SQLite forbids using the parent's
 * connections in the child anyway), and a new writer on its first open. */
static void after_fork_child(void)
{
	pthread_mutex_init(&wq.mx, NULL);
	pthread_cond_init(&wq.cv_work, NULL);
	pthread_cond_init(&wq.cv_done, NULL);
	pthread_cond_init(&wq.cv_space, NULL);
	wq.head = wq.tail = NULL;
	wq.idle = wq.waiters = wq.full = wq.started = wq.stopping = wq.n_files = 0;
	wq.bytes = 0;
}

static void setup(void)
{
	pthread_atfork(NULL, NULL, after_fork_child);
	wq.base = sqlite3_vfs_find(NULL);
	if (!wq.base || wq.base->iVersion < 2)
		return;
	sqlite3_vfs *v = &wq.vfs;
	v->iVersion = 2;
	v->szOsFile = (int)sizeof(wq_file) + wq.base->szOsFile;
	v->mxPathname = wq.base->mxPathname;
	v->zName = "termin_wq";
	v->xOpen = wq_open;
	v->xDelete = wq_delete;
	v->xAccess = wq_access;
	v->xFullPathname = wq_full_path;
	v->xDlOpen = wq_dl_open;
	v->xDlError = wq_dl_error;
	v->xDlSym = wq_dl_sym;
	v->xDlClose = wq_dl_close;
	v->xRandomness = wq_randomness;
	v->xSleep = wq_sleep;
	v->xCurrentTime = wq_current_time;
	v->xGetLastError = wq_last_error;
	v->xCurrentTimeInt64 = wq_current_time64;
	if (sqlite3_vfs_register(v, 0) != SQLITE_OK)
		wq.base = NULL;
}

const char *termin__db_wq_vfs(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, setup);
	return wq.base ? "termin_wq" : NULL;
}
