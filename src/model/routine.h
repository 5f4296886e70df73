/* routine.h - the routine CSV (version 1): model, loading, validation.
 *
 * One file per routine; see README "Routines: the CSV format".  Loading
 * reports every problem compiler-style into a diag_list and returns NULL
 * when any of them is an error. */
#ifndef LIMBER_ROUTINE_H
#define LIMBER_ROUTINE_H

#include <stddef.h>

#include "core/diag.h"

#define LEVEL_MIN 1
#define LEVEL_MAX 10

enum routine_sides { SIDES_NONE, SIDES_EACH, SIDES_ALTERNATE };

/* Column ranges (README); also the caps for level-scaled values. */
#define ROUTINE_SETS_MAX      20
#define ROUTINE_REPS_MAX      100
#define ROUTINE_HOLD_MAX      600
#define ROUTINE_REST_MAX      600
#define ROUTINE_SWITCH_MAX    60
#define ROUTINE_REPS_STEP_MAX 20
#define ROUTINE_HOLD_STEP_MAX 60

struct routine_row {
	char *exercise;		/* non-empty */
	char *cue;		/* "" when absent */
	char *figure;		/* the `figure` column: NULL or "" for the
				 * figure the exercise's name matches */
	long figure_col;	/* its column, for limber check */
	int sets;		/* 1-20, default 1 */
	int reps;		/* 1-100 per set (per side), default 1 */
	int hold;		/* seconds per repetition, 1-600, default 3 */
	int rest;		/* seconds after each set, 0-600, default 15 */
	enum routine_sides sides;	/* default SIDES_NONE */
	int switch_s;		/* seconds to change sides, 0-60, default 5 */
	int level_lo, level_hi;	/* levels using this row, default 1-10 */
	int reps_step;		/* reps added per level above 1, 0-20 */
	int hold_step;		/* seconds added per level above 1, 0-60 */
	long line;		/* line where the row starts in its file */
};

struct routine {
	char *name;		/* file name without .csv */
	char *title;		/* from "# title:", else the name */
	char *path;		/* the file it came from */
	char sep;		/* its separator: ',', ';' or '\t' */
	struct routine_row *rows;
	size_t nrows;
	/* Optional additions (old files need neither): "# phases: RUN, WALK"
	 * names the work and rest phases (NULL: HOLD and REST); "# min_days:
	 * 7" is the least number of days at a level before it goes up (0:
	 * none). */
	char *work_name, *rest_name;
	int min_days;
};

/* Load and validate a routine file.  name may be NULL (derived from the
 * path).  Returns NULL when there is any error; warnings are added to d
 * either way.  The caller owns the result. */
struct routine *routine_load(const char *path, const char *name,
			     struct diag_list *d);
/* The same for text in memory; path is used in diagnostics only. */
struct routine *routine_parse(const char *buf, size_t len, const char *path,
			      const char *name, struct diag_list *d);
void routine_free(struct routine *r);

/* "none", "each", "alternate" */
const char *routine_sides_name(enum routine_sides s);
/* Routine name for a path: base name without a trailing ".csv" (new string). */
char *routine_name_from_path(const char *path);
/* Does the row apply at this level? */
int routine_row_at_level(const struct routine_row *row, int level);
/* Number of rows that apply at this level. */
size_t routine_count_at_level(const struct routine *r, int level);

#endif
