/* overview.h - the routines at a glance: the table behind `limber list`
 * and the home screen.
 *
 * Every routine found (catalog.h), with its title, how many exercises and
 * how long at its current level (the settings' get-ready counts), its
 * level and when it was last done, from the history's summary (histsum.h).
 * A routine with errors is still listed, marked broken, so the front end
 * can say to run `limber check`. */
#ifndef LIMBER_OVERVIEW_H
#define LIMBER_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/diag.h"
#include "history/histsum.h"
#include "model/catalog.h"

struct overview_item {
	struct catalog_entry entry;	/* name, path, source, replaces */
	char *title;		/* the routine's title; its name when broken */
	bool broken;		/* has errors: `limber check NAME` says which */
	size_t errors;		/* how many, when broken */
	size_t nex;		/* exercises at the current level */
	int64_t total_ms;	/* time at the current level */
	int level;		/* the current level */
	char last[48];		/* when it was last done: "today 07:30", "never" */
};

struct overview {
	struct overview_item *v;
	size_t n, cap;
	struct histsum sum;	/* the history's summary it was made from */
	bool history_failed;	/* the history could not be read: levels 1 */
	char *misnamed;		/* files in the routines folders that cannot
				 * be routines by their names: the first and
				 * its new name, for a status line; NULL when
				 * none (each has a warning in d) */
};

/* Find and read every routine, the settings and the history's summary,
 * at wall time now.  Warnings and errors about the settings and the
 * history go to d, and so does a warning for each file in the routines
 * folders whose name cannot be a routine name (a routine's own problems
 * do not: see `check`).  Returns
 * 0, or -1 when the history could not be read (the routines are still
 * listed, at level 1).  ov is always safe to pass to overview_free. */
int overview_load(struct overview *ov, time_t now, struct diag_list *d);
void overview_free(struct overview *ov);

/* Where routines are looked for, "USER or SHIPPED" (a new string), to say
 * so when there are none. */
char *overview_where(void);

#endif
