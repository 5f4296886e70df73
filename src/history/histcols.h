/* histcols.h - history.csv's columns, shared by the reader and the writer
 * (read.c, write.c); not for use outside src/history. */
#ifndef LIMBER_HISTCOLS_H
#define LIMBER_HISTCOLS_H

#include <stdbool.h>

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

#endif
