/* ui_figure.h - the figures on the run screen: which ones a plan shows,
 * and placing a drawn keyframe on the screen.
 *
 * The model chooses what to show (figshow_for_view) and draws it as
 * braille text; this only loads the figures for a plan and puts the rows
 * of text where the run screen's layout says. */
#ifndef LIMBER_UI_FIGURE_H
#define LIMBER_UI_FIGURE_H

#include <stdbool.h>

#include "core/diag.h"
#include "model/figshow.h"
#include "model/figure.h"
#include "model/plan.h"

struct ui_figures {
	struct figure_lib lib;
	struct figshow_ex *of;	/* of[i]: exercise i's figures */
	size_t n;
};

/* The figures of p's exercises; none at all under a locale that is not
 * UTF-8 (braille needs it).  The problems of the figure files these
 * exercises would show go to stderr (shown once the screen closes);
 * other figures' are for limber check. */
void ui_figures_load(struct ui_figures *uf, const struct plan *p);
void ui_figures_free(struct ui_figures *uf);

/* Draw what sh says at (y, x), scaled by scale, in attr. */
void ui_figure_draw(int y, int x, const struct figshow *sh, int scale,
		    int attr);

#endif
