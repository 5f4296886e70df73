/* figshow.h - figures meet routines and sessions: which keyframe of
 * which figure the run screen shows at a moment, and `limber check` of a
 * routine's figure column.  (figure.c knows only figures, so a routine can
 * name one without a circle of includes.) */
#ifndef LIMBER_FIGSHOW_H
#define LIMBER_FIGSHOW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "model/figure.h"
#include "model/plan.h"
#include "model/routine.h"
#include "model/session.h"

/* What the run screen shows at a moment of a session: a figure, which of
 * its keyframes, and whether as the right side sees it. */
struct figshow {
	const struct figure *fig;
	size_t frame;
	bool right;
};

/* An exercise's figures: its own, and the one its rests show (the own
 * figure's `rest` line), each NULL for none. */
struct figshow_ex {
	const struct figure *fig, *rest;
};

/* The figures of each exercise of p (ex[i] for p->ex[i]) from lib. */
void figshow_match(const struct figure_lib *lib, const struct plan *p,
		   struct figshow_ex *ex);

/* Could an exercise of p show the figure called name, were it to load:
 * the one its figure column names, one its name's slug fits
 * (figure_slug_fits), or the rests of its figure (ex from figshow_match)?
 * The run screen says the problems of those figure files only. */
bool figshow_plan_could_show(const struct plan *p, const struct figshow_ex *ex,
			     const char *name);

/* For view v of plan p: the exercise coming up during its get-ready;
 * during a hold the keyframe of that second of the repetition; a side
 * switch shows the side to come, a rest the side the next hold starts on
 * (or the rest's own figure, moving a frame a second when it loops).
 * False when there is nothing to show (no figure, the session done). */
bool figshow_for_view(const struct figshow_ex *ex, const struct plan *p,
		      const struct session_view *v, struct figshow *out);

/* `limber check` of a routine's figure column: a warning at the cell for
 * each figure named that lib does not have.  Returns the warnings added. */
size_t figshow_check_routine(const struct figure_lib *lib,
			     const struct routine *r, struct diag_list *d);

#endif
