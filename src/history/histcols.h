/* histcols.h - history.csv's columns, shared by the reader and the writer
 * (read.c, write.c); not for use outside src/history. */
#ifndef LIMBER_HISTCOLS_H
#define LIMBER_HISTCOLS_H

#include <stdbool.h>
#include <time.h>

#include "core/csvread.h"
#include "core/util.h"
#include "history/history.h"

/* HISTORY_HEADER's order. */
enum col {
	C_STARTED, C_ROUTINE, C_LEVEL, C_STATUS, C_PLANNED_S, C_DONE_S,
	C_EX_PLANNED, C_EX_DONE, C_PAIN, C_MORNING, C_RED_FLAGS, C_HURT,
	C_NEXT_LEVEL, C_REASON, NCOLS
};

extern const char *const histcols_names[NCOLS];

/* Match a header record's names to the columns: col[c] is the field of
 * column c, or -1.  The names of the columns it lacks go to missing
 * (", "-separated): the required ones only, or all when `all`. */
void histcols_map_header(const struct csvread_record *rec, long col[NCOLS],
			 bool all, struct strbuf *missing);

/* Copy row onto the end of h (a struct history), its strings into
 * h->text: a history_row_fn. */
void histcols_keep_row(void *h, const struct history_row *row);

/* history_load when the caller holds the file's lock already. */
int histcols_load_locked(struct history *h, const char *path,
			 struct diag_list *d);

/* A `started` text as the reader takes it (years 1900-9999, offsets up
 * to 23:59, and the forms spreadsheets write back): 0 with the instant,
 * the offset (seconds east) and the local day; -1 when it would be
 * skipped. */
int histcols_parse_started(const char *s, time_t *t, long *off, long *day);

struct stat;
/* The history at path, open as fd with st its fstat, and its folder, for
 * appending: refuse (an error in d, -1) what belongs to another user; make
 * what is ours private (0600, 0700), saying so in a warning for the file.
 * Returns 0 or -1. */
int histcols_private(int fd, const struct stat *st, const char *path,
		     struct diag_list *d);

#endif
