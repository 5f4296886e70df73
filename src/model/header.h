/* header.h - the routine CSV's header line: which cell names which column.
 *
 * A cell names a column exactly (case-insensitive, a space or '-' taken
 * for '_': "Reps step" is reps_step), or with a unit, as spreadsheet
 * users write them: "Hold (s)", "hold_s", "Rest [seconds]".  The unit
 * must be seconds, and only the columns in seconds take one.  A cell
 * close to a column's name ("excercise") is an error that says which;
 * any other unknown cell is a warning and its column is ignored. */
#ifndef LIMBER_HEADER_H
#define LIMBER_HEADER_H

#include <stddef.h>

#include "core/csvread.h"
#include "core/diag.h"

enum column {
	COL_EXERCISE, COL_SETS, COL_REPS, COL_HOLD, COL_REST, COL_SIDES,
	COL_SWITCH, COL_LEVELS, COL_REPS_STEP, COL_HOLD_STEP, COL_CUE,
	COL_FIGURE,
	COL_COUNT,
	COL_IGNORED = -1
};

struct header {
	enum column *map;	/* header field -> column (owned) */
	size_t ncols;
	int has[COL_COUNT];	/* the header names this column */
	size_t errors;		/* errors it added to the list */
};

/* Read the header record into h, reporting into d as file. */
void header_read(struct header *h, const struct csvread_record *rec,
		 const char *file, struct diag_list *d);
void header_free(struct header *h);

const char *header_column_name(enum column c);	/* "exercise", ... */

/* A cell's value for a message: quoted, escaped so it stays on one
 * line, cut on a character boundary when long (a new string). */
char *header_shown(const char *s);

/* What one cell names: COL_IGNORED when nothing.  *unit is set to the
 * unit it gave (a new string, or NULL); *close to the column its name is
 * close to when it names none (or COL_IGNORED).  For the tests. */
enum column header_match(const char *cell, char **unit, enum column *close);

#endif
