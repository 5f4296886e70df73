/* history.h - history.csv: one row per session, appended, never rewritten.
 *
 * $XDG_DATA_HOME/limber/history.csv (the caller hands the path in) is the
 * single source of truth: a routine's current level is the next_level of
 * its newest row, 1 with none.  Rows are in the order they were appended,
 * so the last row is the newest session.
 *
 * Columns (HISTORY_HEADER; when reading, the header's columns may come in
 * any order and are matched by name, case-insensitively; unknown columns
 * are ignored; started, routine, level, status and next_level are
 * required, the others default to empty/0):
 *   started            ISO 8601 local time with its UTC offset,
 *                      2026-11-21T07:30:05+01:00 (read: also Z, +0100, +01)
 *   routine            the routine's name
 *   level              the level run (1-10)
 *   status             completed | stopped
 *   planned_s, done_s  the plan's length and the time done, whole seconds
 *   exercises_planned, exercises_done
 *   pain               0-10 after the session, empty when skipped
 *   morning            better | same | worse | empty: how the back felt the
 *                      morning after the PREVIOUS row's session (see
 *                      checkin.h for why it lives here)
 *   red_flags          none | nerve | urgent | nerve;urgent
 *   hurt               exercises marked as hurting, joined by `;`
 *   next_level         the level the coach chose for next time (1-10)
 *   reason             the coach's one-line reason
 *
 * Reading is forgiving and loud: a row with the wrong number of fields, a
 * bad value, or a torn last line (no newline at the end: a write cut
 * short) is skipped with `PATH:LINE: warning: ...` and every other row is
 * used.  Reading never modifies the file. */
#ifndef LIMBER_HISTORY_H
#define LIMBER_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "core/diag.h"
#include "core/util.h"
#include "model/checkin.h"
#include "model/session.h"

#define HISTORY_HEADER \
	"started,routine,level,status,planned_s,done_s,exercises_planned," \
	"exercises_done,pain,morning,red_flags,hurt,next_level,reason"

struct history_row {
	char *started_text;	/* as stored */
	time_t started;		/* the instant */
	long utc_offset;	/* seconds east of UTC, as stored */
	long day;		/* the stored local date, in days since 1970-01-01 */
	char *routine;
	int level;
	enum session_status status;	/* SESSION_COMPLETED or SESSION_STOPPED */
	long planned_s, done_s;
	long exercises_planned, exercises_done;
	int pain;		/* 0-10, CHECKIN_PAIN_SKIPPED when empty */
	enum checkin_morning morning;
	bool nerve, urgent;	/* red flags */
	int next_level;
	char *hurt;		/* "" when none */
	char *reason;
	long line;		/* the line it was read from; 0 when built */
};

struct strpool;

/* The rows' strings belong to the history (they live in h->text, where a
 * name or reason that repeats is stored once): never free them one by
 * one. */
struct history {
	struct history_row *rows;	/* oldest first, as in the file */
	size_t n, cap;
	struct strpool *text;
};

void history_init(struct history *h);
void history_free(struct history *h);

/* Read path into h (which must be initialised; rows are added).  Returns 0
 * when it was read, or does not exist (an empty history); problems with
 * single rows are warnings in d.  Returns -1 when the file exists but
 * cannot be read, or its header lacks a required column (an error in d).
 * The file is streamed, never held whole. */
int history_load(struct history *h, const char *path, struct diag_list *d);

/* ---------------------------------------------------------------------
 * Reading rows one at a time, for summaries that keep none (histsum.h).
 * history_load is history_scan_file with a function that keeps them. */

/* Called for each row that reads well, in file order; the row and its
 * strings are valid during the call only. */
typedef void history_row_fn(void *ud, const struct history_row *row);

#define HISTORY_COLUMNS 14

/* Where reading stands at a line boundary of a file, so that rows
 * appended after it can be read without reading what comes before. */
struct history_resume {
	long col[HISTORY_COLUMNS];	/* each column's field in the header
					   (HISTORY_HEADER's order), -1: none */
	size_t nfields;			/* the header's field count */
	long line;	/* the line of the next byte, as the reader counts
			   lines (LF, CR and CRLF each end one) */
	long newlines;	/* LF bytes before it */
};

/* What history_scan_file learnt about the file it read. */
struct history_file {
	bool exists;
	/* A regular file that was read once, start to end, and had the same
	 * inode and size when reading ended as when it began: size, dev, ino,
	 * what the bytes function saw and `end` all describe what was
	 * parsed (it cannot have grown meanwhile: appenders wait for the
	 * shared lock held while reading). */
	bool stable;
	bool header;		/* a usable header was read: `end` is set */
	bool ends_nl;		/* the file's last byte is a line feed */
	off_t size;
	dev_t dev;
	ino_t ino;
	struct history_resume end;	/* where the file ends */
};

/* Read path as history_load does, handing each good row to fn(ud, row)
 * instead of keeping it; when bytes is not NULL it is handed every byte
 * of the file first, in order (as read, in chunks).  *f describes the
 * file.  Returns what history_load returns. */
int history_scan_file(const char *path, history_row_fn *fn,
		      void (*bytes)(void *ud, const void *p, size_t n),
		      void *ud, struct history_file *f, struct diag_list *d);

/* Read rows appended to path at *at (the end of an earlier scan that
 * ended with a line feed and said nothing, so that it ended between
 * records): buf holds the len bytes that follow.  Rows, line numbers and
 * diagnostics are exactly what reading the whole file would give for
 * those bytes; *at moves on to their end.  Returns 0, or -1 (an error in
 * d). */
int history_scan_rows(const char *path, struct history_resume *at,
		      const char *buf, size_t len, history_row_fn *fn,
		      void *ud, struct diag_list *d);

/* Build the row for a session that started at `started`: the level, times
 * and counts come from rec, the hurt exercises are those rec marks
 * EXO_HURT, the UTC offset is the local one at `started` (localtime_r).
 * Line breaks in the texts become spaces (a row is one line).  The row
 * owns copies of every string; free it with history_row_free. */
void history_row_make(struct history_row *row, const char *routine,
		      const struct session_record *rec, time_t started,
		      const struct checkin *ci, int next_level,
		      const char *reason);
void history_row_free(struct history_row *row);

/* Move *row onto the end of h: its strings go into h->text and *row is
 * emptied (nothing is left to free). */
void history_push(struct history *h, struct history_row *row);

/* The row as one CSV line, ending in "\n"; a new string. */
char *history_row_csv(const struct history_row *row);
/* The same line added to b. */
void history_row_add_csv(struct strbuf *b, const struct history_row *row);
/* "completed" or "stopped", as stored. */
const char *history_status_name(enum session_status st);

/* Append one row to the file at path.  Creates the missing directories
 * (0700) and the file (0600), writes HISTORY_HEADER when the file is
 * empty, and the row with one write() on an O_APPEND descriptor under
 * flock(LOCK_EX), then fsync: concurrent appenders each land whole rows
 * and the header is written once.  A file that does not end in a newline
 * (a torn last row) gets one first, so the new row stays readable.
 * Returns 0, or -1 with an error in d naming the path and the reason; a
 * row cut short by a failed write is removed again when possible.
 *
 * The row is written in the order of the file's own header (the first
 * record, as reading takes it), so a header with its columns reordered,
 * or with columns of its own, still reads the row back.  A session is
 * never added where it could not be read back: when the header cannot be
 * read or lacks one of HISTORY_HEADER's columns, the file is left as it
 * is and the row goes to PATH-rescued.csv beside it (PATH without its
 * .csv), a history of its own, or when that one is no better either, to
 * PATH-rescued-2.csv, -3 ...; the return is then 1 with an error naming
 * the file, the header's line, what is wrong and where the row went (-1
 * with the errors when no rescue file could take it either).
 *
 * The file and its folder must be the user's own and are made private
 * (0600, 0700) with a warning when they are not; a file of another user,
 * a symbolic link, a FIFO or a device is refused (-1, nothing written).
 * A row whose start the reader would refuse (a clock outside the years
 * 1900-9999) is refused too.  When the row is written but fsync fails,
 * the return is 2 with an error saying it was written but not confirmed
 * on disk. */
int history_append(const char *path, const struct history_row *row,
		   struct diag_list *d);

/* While another program holds the history's lock. */
struct history_wait {
	/* Called once before waiting, with the file's path (NULL: wait
	 * without a word). */
	void (*waiting)(void *ud, const char *path);
	/* Asked about 20 times a second while waiting: true stops the wait,
	 * and the row goes to a rescue file as for a header that cannot
	 * take it (NULL: wait until the lock is free). */
	bool (*give_up)(void *ud);
	void *ud;
};

/* Make the row to append from the history as it is now: h holds every
 * row that reads (none when read_rc is -1: then read_diags says why).
 * Returns the row, which the caller owns and keeps until
 * history_append_decided returns. */
typedef const struct history_row *history_decide_fn(
	void *ud, const struct history *h, int read_rc,
	const struct diag_list *read_diags);

/* history_append for a row decided under the file's lock, from the rows
 * as they are then (two sessions finishing at once: the second decides
 * knowing the first), waiting for the lock as w says.  When the file
 * cannot be opened, or the wait is stopped, fn is still called, with the
 * rows as they can be read without the lock.  Returns what history_append
 * returns. */
int history_append_decided(const char *path, history_decide_fn *fn,
			   void *ud, const struct history_wait *w,
			   struct diag_list *d);

/* A routine's current level: its newest row's next_level, 1 with none;
 * one lower (not below 1) when the row after that one, of another
 * routine, says the morning after it was worse (the answer is about that
 * session, so it changes that session's routine: a session of the same
 * routine took it into its own decision). */
int history_level(const struct history *h, const char *routine);
/* That rule for routine's newest row r and the row after it (NULL when
 * r is the newest of all). */
int history_level_after(const struct history_row *r,
			const struct history_row *after);
/* The newest row of routine (any routine when NULL), or NULL. */
const struct history_row *history_last(const struct history *h,
				       const char *routine);

/* When a row's session was, relative to now, for lists: "today 07:30",
 * "yesterday 18:02", "3 days ago" (up to 6), else the date "2026-11-02".
 * Writes at most n bytes (NUL included) into buf; returns buf. */
char *history_ago(const struct history_row *row, time_t now, char *buf,
		  size_t n);

#endif
