/* write.c - building rows and appending them to history.csv (history.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "core/caldate.h"
#include "core/csvread.h"
#include "core/fileio.h"
#include "history/histcols.h"
#include "history/history.h"

/* What the reader takes back: a routine run by its path is named by the
 * file, which may hold any byte, and a row the reader refuses would be a
 * session lost. */
static char *
one_line(const char *s)
{
	return util_one_line_text(s ? s : "");
}

void
history_row_make(struct history_row *row, const char *routine,
		 const struct session_record *rec, time_t started,
		 const struct checkin *ci, int next_level, const char *reason)
{
	struct strbuf hurt = { 0 };
	char *names;
	struct tm tm;
	long off, aoff;

	memset(row, 0, sizeof *row);
	if (localtime_r(&started, &tm) == NULL) {
		/* Only for times far outside any calendar; keep it UTC. */
		gmtime_r(&started, &tm);
		tm.tm_gmtoff = 0;
	}
	off = (long)tm.tm_gmtoff;
	if (off % 60 != 0 || off <= -24 * 3600 || off >= 24 * 3600) {
		/* An offset the reader cannot take back exactly (seconds,
		 * a day or more): the same instant in UTC. */
		gmtime_r(&started, &tm);
		off = 0;
	}
	aoff = off < 0 ? -off : off;
	row->started_text = xasprintf("%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
				      tm.tm_year + 1900, tm.tm_mon + 1,
				      tm.tm_mday, tm.tm_hour, tm.tm_min,
				      tm.tm_sec, off < 0 ? '-' : '+',
				      aoff / 3600, aoff % 3600 / 60);
	row->started = started;
	row->utc_offset = off;
	row->day = caldate_day(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
	row->routine = one_line(routine);
	row->level = rec->level;
	row->status = rec->status == SESSION_STOPPED ? SESSION_STOPPED
						     : SESSION_COMPLETED;
	row->planned_s = (long)((rec->planned_ms + 500) / 1000);
	row->done_s = (long)((rec->done_ms + 500) / 1000);
	row->exercises_planned = (long)rec->exercises_planned;
	row->exercises_done = (long)rec->exercises_done;
	row->pain = ci->pain;
	row->morning = ci->morning;
	row->nerve = ci->nerve;
	row->urgent = ci->urgent;
	for (size_t i = 0; i < rec->nex; i++) {
		if (rec->ex[i].outcome != EXO_HURT)
			continue;
		if (hurt.len)
			strbuf_addc(&hurt, ';');
		strbuf_adds(&hurt, rec->ex[i].name ? rec->ex[i].name : "");
	}
	names = strbuf_take(&hurt);
	row->hurt = one_line(names);
	free(names);
	row->next_level = next_level;
	row->reason = one_line(reason);
	row->line = 0;
}

const char *
history_status_name(enum session_status st)
{
	return st == SESSION_STOPPED ? "stopped" : "completed";
}

static const char *
red_flags_name(const struct history_row *r)
{
	if (r->nerve && r->urgent)
		return "nerve;urgent";
	if (r->urgent)
		return "urgent";
	if (r->nerve)
		return "nerve";
	return "none";
}

static void
add_long(struct strbuf *b, long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	/* by hand: a long history is printed a number at a time */
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	strbuf_add(b, p, (size_t)(buf + sizeof buf - p));
}

static void
add_quoted(struct strbuf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	char *q;

	/* What util_csv_quote leaves as it is goes in without a copy. */
	if (n == 0 || !util_csv_needs_quotes(s)) {
		strbuf_add(b, s ? s : "", n);
		return;
	}
	q = util_csv_quote(s);
	strbuf_adds(b, q);
	free(q);
}

/* Column c of r as written to the file. */
static void
add_value(struct strbuf *b, const struct history_row *r, enum col c)
{
	switch (c) {
	case C_STARTED: add_quoted(b, r->started_text); break;
	case C_ROUTINE: add_quoted(b, r->routine); break;
	case C_LEVEL: add_long(b, r->level); break;
	case C_STATUS: strbuf_adds(b, history_status_name(r->status)); break;
	case C_PLANNED_S: add_long(b, r->planned_s); break;
	case C_DONE_S: add_long(b, r->done_s); break;
	case C_EX_PLANNED: add_long(b, r->exercises_planned); break;
	case C_EX_DONE: add_long(b, r->exercises_done); break;
	case C_PAIN:
		if (r->pain >= 0)
			add_long(b, r->pain);
		break;
	case C_MORNING: strbuf_adds(b, checkin_morning_name(r->morning)); break;
	case C_RED_FLAGS: strbuf_adds(b, red_flags_name(r)); break;
	case C_HURT: add_quoted(b, r->hurt); break;
	case C_NEXT_LEVEL: add_long(b, r->next_level); break;
	case C_REASON: add_quoted(b, r->reason); break;
	case NCOLS: break;
	}
}

static const long canonical[NCOLS] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
};

/* r as a line of a file whose header has nfields fields, column c being
 * field col[c] (HISTORY_HEADER: canonical and NCOLS); a field that is
 * none of ours stays empty. */
static void
add_row(struct strbuf *b, const struct history_row *r, const long col[NCOLS],
	size_t nfields)
{
	for (size_t i = 0; i < nfields; i++) {
		if (i > 0)
			strbuf_addc(b, ',');
		for (size_t c = 0; c < NCOLS; c++) {
			if (col[c] == (long)i) {
				add_value(b, r, (enum col)c);
				break;
			}
		}
	}
	strbuf_addc(b, '\n');
}

void
history_row_add_csv(struct strbuf *b, const struct history_row *r)
{
	add_row(b, r, canonical, NCOLS);
}

char *
history_row_csv(const struct history_row *r)
{
	struct strbuf b = { 0 };

	add_row(&b, r, canonical, NCOLS);
	return strbuf_take(&b);
}

static int
append_fail(struct diag_list *d, const char *path, const char *what, int err)
{
	diag_add(d, DIAG_ERROR, path, 0, 0, "cannot %s: %s", what,
		 strerror(err));
	return -1;
}

/* mkdir -p for the folders above path; the ones made are 0700 whatever
 * the umask (health data is private). */
static int
make_parents(const char *path, struct diag_list *d)
{
	char *failed;
	size_t n;

	if (fileio_mkdir_parents(path, 0700, &failed) == 0)
		return 0;
	/* A file in the way: name the folder that could not be made in it,
	 * as mkdir would; when it is where the history's folder should be,
	 * opening the history says so. */
	n = strlen(failed);
	if (errno == ENOTDIR && strncmp(path, failed, n) == 0 &&
	    path[n] == '/') {
		if (strchr(path + n + 1, '/') == NULL) {
			free(failed);
			return 0;
		}
		n += strcspn(path + n + 1, "/") + 1;
	}
	diag_add(d, DIAG_ERROR, path, 0, 0,
		 "cannot create the directory %.*s: %s", (int)n, path,
		 strerror(errno));
	free(failed);
	return -1;
}

/* What must come before a new row in a file of `size` bytes that does not
 * end with a newline: the newline, and first a closing quote when the torn
 * line stopped inside a quoted field (our rows never hold a line break, so
 * an odd number of quotes on the last line means exactly that). */
static const char *
torn_fix(int fd, off_t size)
{
	char chunk[4096];
	long quotes = 0;
	off_t end = size;
	bool found = false;

	if (size <= 0 || pread(fd, chunk, 1, size - 1) != 1 ||
	    chunk[0] == '\n')
		return "";
	while (end > 0 && !found) {
		off_t start = end > (off_t)sizeof chunk ? end - (off_t)sizeof chunk : 0;
		ssize_t k = pread(fd, chunk, (size_t)(end - start), start);

		if (k <= 0)
			break;
		for (ssize_t i = k - 1; i >= 0; i--) {
			if (chunk[i] == '\n') {
				found = true;
				break;
			}
			if (chunk[i] == '"')
				quotes++;
		}
		end = start;
	}
	return quotes % 2 ? "\"\n" : "\n";
}

/* Does the file hold nothing but blanks, line endings and NULs (what a
 * power cut can leave of a new file)?  Only a small file is looked at: a
 * big one is not an emptied history. */
static bool
blank_file(int fd, off_t size)
{
	char chunk[4096];

	if (size <= 0 || size > (off_t)sizeof chunk ||
	    pread(fd, chunk, (size_t)size, 0) != (ssize_t)size)
		return false;
	for (off_t i = 0; i < size; i++)
		if (chunk[i] != '\0' && strchr(" \t\r\n", chunk[i]) == NULL)
			return false;
	return true;
}

/* The first record of a file, taken for its header as reading takes it,
 * and where it puts our columns. */
struct found_header {
	bool found;
	long line;
	long col[NCOLS];
	size_t nfields;
	struct strbuf missing;	/* the columns it lacks, all of them */
};

static int
on_found_header(void *ud, const struct csvread_record *rec)
{
	struct found_header *fh = ud;

	fh->found = true;
	fh->line = rec->line;
	fh->nfields = rec->n;
	histcols_map_header(rec, fh->col, true, &fh->missing);
	return 1;	/* the header is all we need */
}

/* Could a row added to path, open as fd, be read back?  Returns true with
 * fh telling where each column goes, or false with why (a new string) and
 * fh->line where the header is, or should be. */
static bool
header_usable(const char *path, int fd, struct found_header *fh, char **why)
{
	struct csvread cr;
	struct diag_list quiet;

	memset(fh, 0, sizeof *fh);
	fh->line = 1;
	diag_init(&quiet);
	memset(&cr, 0, sizeof cr);
	cr.file = path;
	cr.diags = &quiet;	/* the reading of the history reports them */
	cr.record = on_found_header;
	cr.ud = fh;
	cr.skip_bad_lines = 1;
	/* the file we append to, not whatever its name leads to now */
	if (lseek(fd, 0, SEEK_SET) == 0)
		csvread_fd(&cr, fd);
	diag_free(&quiet);
	if (!fh->found)
		*why = xstrdup("no header line could be read");
	else if (fh->missing.len)
		*why = xasprintf("the header lacks the column(s) %s",
				 fh->missing.s);
	strbuf_free(&fh->missing);
	return fh->found && *why == NULL;
}

enum appended {
	APPENDED,
	UNSYNCED,	/* written, but fsync failed */
	NOT_WRITTEN,
	BAD_HEADER,	/* nothing written: the header cannot read the row */
	WAIT_STOPPED,	/* nothing written: the wait for the lock was given up */
};

/* What a row is made from, when it is decided under the lock. */
struct decider {
	history_decide_fn *fn;	/* NULL: the row is given */
	void *ud;
	const struct history_row *row;	/* the row written (or to rescue) */
};

/* Decide the row from the history at path as it is now (the caller holds
 * its lock, or gave up waiting for it): the rows that read, and why
 * reading failed when it did. */
static void
decide(struct decider *dc, const char *path)
{
	struct history h;
	struct diag_list rd;
	int rc;

	if (dc->fn == NULL)
		return;
	history_init(&h);
	diag_init(&rd);
	rc = histcols_load_locked(&h, path, &rd);
	if (rc != 0)
		history_free(&h);
	dc->row = dc->fn(dc->ud, &h, rc, &rd);
	history_free(&h);
	diag_free(&rd);
}

/* Take fd's exclusive lock: at once when it is free; otherwise tell
 * w->waiting (once) and try again about 20 times a second until it is
 * free or w->give_up says to stop.  Without w, wait for good.  Returns 0,
 * 1 when the wait was given up, or -1 with errno. */
static int
lock_file(int fd, const char *path, const struct history_wait *w)
{
	const struct timespec pause = { 0, 50 * 1000 * 1000 };

	if (w == NULL || w->give_up == NULL) {
		if (w != NULL && w->waiting != NULL &&
		    flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK)
			w->waiting(w->ud, path);
		while (flock(fd, LOCK_EX) < 0)
			if (errno != EINTR)
				return -1;
		return 0;
	}
	for (bool said = false;; said = true) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		if (!said && w->waiting != NULL)
			w->waiting(w->ud, path);
		if (w->give_up(w->ud))
			return 1;
		nanosleep(&pause, NULL);
		if (w->give_up(w->ud))
			return 1;
	}
}

/* history_append without the rescue: BAD_HEADER (nothing written, *why
 * and *why_line set) when the file's header could not read the row,
 * WAIT_STOPPED when the wait for its lock was given up (the row decided
 * without the lock). */
static enum appended
append_row(const char *path, struct decider *dc, const struct history_wait *w,
	   struct diag_list *d, char **why, long *why_line)
{
	struct strbuf b = { 0 };
	struct found_header fh;
	struct stat st;
	const struct history_row *row;
	const char *open_why;
	time_t t;
	long off, day;
	ssize_t n;
	bool created = false;
	int fd, err = 0, locked;

	if (make_parents(path, d) < 0)
		return NOT_WRITTEN;
	/* Never through a link, never into a FIFO or a device, never into
	 * another user's file: what is appended is health data. */
	fd = fileio_open_file(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL |
			      O_NOFOLLOW, 0600, &st, &open_why);
	if (fd >= 0)
		created = true;
	else if (errno == EEXIST)
		fd = fileio_open_file(path, O_RDWR | O_APPEND | O_NOFOLLOW, 0,
				      &st, &open_why);
	if (fd < 0) {
		diag_add(d, DIAG_ERROR, path, 0, 0,
			 "cannot open for appending: %s", open_why);
		return NOT_WRITTEN;
	}
	/* open's mode went through the umask; say exactly what we mean. */
	if (created && fchmod(fd, 0600) < 0) {
		err = errno;
		close(fd);
		append_fail(d, path, "make the file private", err);
		return NOT_WRITTEN;
	}
	if (created)
		st.st_mode = S_IFREG | 0600;
	if (histcols_private(fd, &st, path, d) < 0) {
		close(fd);
		return NOT_WRITTEN;
	}
	locked = lock_file(fd, path, w);
	if (locked == 1) {
		close(fd);
		decide(dc, path);
		return WAIT_STOPPED;
	}
	/* A file system without locks: one O_APPEND write is still the best
	 * there is, so go on without. */
	if (locked < 0 && errno != ENOLCK && errno != EOPNOTSUPP) {
		err = errno;
		close(fd);
		append_fail(d, path, "lock", err);
		return NOT_WRITTEN;
	}
	/* Under the lock, the rows are as they are: what another session
	 * appended a moment ago counts in this one's decision; and the size
	 * says whether another process has written the header already. */
	decide(dc, path);
	row = dc->row;
	if (fstat(fd, &st) < 0) {
		err = errno;
		close(fd);
		append_fail(d, path, "stat", err);
		return NOT_WRITTEN;
	}
	/* Only what reads back is written: a clock outside the years the
	 * reader takes would make a row that is skipped for good. */
	if (histcols_parse_started(row->started_text, &t, &off, &day) < 0) {
		close(fd);
		diag_add(d, DIAG_ERROR, path, 0, 0, "the session's start, %s, "
			 "is outside what history.csv holds (the years 1900 to "
			 "9999): is the system clock right?", row->started_text);
		return NOT_WRITTEN;
	}
	/* A file emptied by hand (`echo > history.csv` leaves a newline)
	 * has no header yet either: rows without one could never be read. */
	if (st.st_size == 0 || blank_file(fd, st.st_size)) {
		strbuf_adds(&b, torn_fix(fd, st.st_size));
		strbuf_adds(&b, HISTORY_HEADER "\n");
		add_row(&b, row, canonical, NCOLS);
	} else {
		if (!header_usable(path, fd, &fh, why)) {
			*why_line = fh.line;
			close(fd);
			return BAD_HEADER;
		}
		strbuf_adds(&b, torn_fix(fd, st.st_size));
		add_row(&b, row, fh.col, fh.nfields);
	}

	/* One write: a reader holding no lock sees the row whole or not. */
	do
		n = write(fd, b.s, b.len);
	while (n < 0 && errno == EINTR);
	if (n < 0 || (size_t)n != b.len) {
		if (n < 0)
			append_fail(d, path, "write", errno);
		else
			diag_add(d, DIAG_ERROR, path, 0, 0,
				 "cannot write: only %zd of %zu bytes written "
				 "(disk full?)", n, b.len);
		/* Take back a partial row rather than leave a torn line. */
		if (n > 0 && ftruncate(fd, st.st_size) < 0) {
			/* the torn line stays; reading skips it */
		}
		strbuf_free(&b);
		close(fd);
		return NOT_WRITTEN;
	}
	strbuf_free(&b);
	if (fsync(fd) < 0 && errno != EINVAL) {
		/* The row is in the file (reading shows it) but the disk did
		 * not confirm it: say what is true. */
		diag_add(d, DIAG_ERROR, path, 0, 0, "this session was written, "
			 "but not confirmed on disk (sync: %s): it may be lost "
			 "if the machine stops now; check the disk",
			 strerror(errno));
		close(fd);
		return UNSYNCED;
	}
	if (close(fd) < 0) {
		append_fail(d, path, "close", errno);
		return NOT_WRITTEN;
	}
	return APPENDED;
}

#define RESCUE_FILES 20

/* The k-th place (from 1) for a row that path's header cannot take:
 * history-rescued.csv, history-rescued-2.csv ... beside it. */
static char *
rescue_path(const char *path, int k)
{
	size_t n = strlen(path);
	int stem = (int)(util_endswith(path, ".csv") ? n - 4 : n);

	if (k == 1)
		return xasprintf("%.*s-rescued.csv", stem, path);
	return xasprintf("%.*s-rescued-%d.csv", stem, path, k);
}

static bool
no_wait(void *ud)
{
	(void)ud;
	return true;
}

static int
append(const char *path, struct decider *dc, const struct history_wait *w,
       struct diag_list *d)
{
	static const struct history_wait rescue_wait = { NULL, no_wait, NULL };
	struct decider given = { NULL, NULL, NULL };
	struct diag_list rd;
	char *why = NULL, *rescue = NULL;
	long line = 0;
	enum appended first = append_row(path, dc, w, d, &why, &line), r;

	/* Not even opened: the decision is still made (and shown), from
	 * what can be read. */
	if (dc->row == NULL)
		decide(dc, path);
	if (first == APPENDED)
		return 0;
	if (first == UNSYNCED)
		return 2;
	if (first == NOT_WRITTEN)
		return -1;
	/* A row appended under a header that cannot read it would be lost
	 * for good, and one that waits for a lock that never comes would be
	 * lost when the wait is stopped: leave the file as it is, and keep
	 * the row in a history of its own beside it (never waiting for
	 * another lock). */
	given.row = dc->row;
	r = BAD_HEADER;
	diag_init(&rd);
	for (int k = 1; k <= RESCUE_FILES && (r == BAD_HEADER || r == WAIT_STOPPED); k++) {
		char *w2 = NULL;
		long l;

		free(rescue);
		rescue = rescue_path(path, k);
		r = append_row(rescue, &given, &rescue_wait, &rd, &w2, &l);
		free(w2);
	}
	for (size_t i = 0; i < rd.n; i++)
		diag_add(d, rd.v[i].sev, rd.v[i].file, rd.v[i].line,
			 rd.v[i].col, "%s", rd.v[i].msg);
	if (first == WAIT_STOPPED && (r == APPENDED || r == UNSYNCED))
		diag_add(d, DIAG_ERROR, path, 0, 0, "another program held "
			 "this file's lock, and the wait for it was stopped: "
			 "this session was saved in %s instead (move the rows "
			 "from there to the end of this file once nothing else "
			 "writes it)", rescue);
	else if (first == WAIT_STOPPED)
		diag_add(d, DIAG_ERROR, path, 0, 0, "another program held "
			 "this file's lock, the wait for it was stopped, and "
			 "saving this session in %s failed too", rescue);
	else if (r == APPENDED || r == UNSYNCED)
		diag_add(d, DIAG_ERROR, path, line, 0, "%s, so a row added to "
			 "this file could not be read back: this session was "
			 "saved in %s instead (fix the header, then move the "
			 "rows from there to the end of this file)", why,
			 rescue);
	else if (r == NOT_WRITTEN)
		diag_add(d, DIAG_ERROR, path, line, 0, "%s, so a row added to "
			 "this file could not be read back, and saving this "
			 "session in %s failed too", why, rescue);
	else
		diag_add(d, DIAG_ERROR, path, line, 0, "%s, so a row added to "
			 "this file could not be read back, and no header of "
			 "%s and the %d files before it could either", why,
			 rescue, RESCUE_FILES - 1);
	diag_free(&rd);
	free(why);
	free(rescue);
	return r == APPENDED || r == UNSYNCED ? 1 : -1;
}

int
history_append(const char *path, const struct history_row *row,
	       struct diag_list *d)
{
	struct decider given = { NULL, NULL, row };

	return append(path, &given, NULL, d);
}

int
history_append_decided(const char *path, history_decide_fn *fn, void *ud,
		       const struct history_wait *w, struct diag_list *d)
{
	struct decider dc = { fn, ud, NULL };

	return append(path, &dc, w, d);
}
