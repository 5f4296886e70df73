/* figshow.c - figures meet routines and sessions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/figshow.h"

size_t
figshow_check_routine(const struct figure_lib *lib, const struct routine *r,
		      struct diag_list *d)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nrows; i++) {
		const struct routine_row *row = &r->rows[i];

		if (row->figure == NULL || *row->figure == '\0' ||
		    figure_lib_get(lib, row->figure) != NULL)
			continue;
		diag_add(d, DIAG_WARNING, r->path, row->line, row->figure_col,
			 "no figure named \"%s\" (a file %s.fig in your figures folder or the shipped one): %s is shown without a figure",
			 row->figure, row->figure, row->exercise);
		n++;
	}
	return n;
}

void
figshow_match(const struct figure_lib *lib, const struct plan *p,
	      struct figshow_ex *ex)
{
	for (size_t i = 0; i < p->nex; i++) {
		ex[i].fig = figure_lib_match(lib, p->ex[i].figure, p->ex[i].name);
		ex[i].rest = ex[i].fig != NULL && ex[i].fig->rest != NULL ?
			     figure_lib_get(lib, ex[i].fig->rest) : NULL;
	}
}

bool
figshow_plan_could_show(const struct plan *p, const struct figshow_ex *ex,
			const char *name)
{
	bool hit = false;

	for (size_t i = 0; i < p->nex && !hit; i++) {
		if (*p->ex[i].figure) {
			hit = strcmp(p->ex[i].figure, name) == 0;
		} else {
			char *slug = figure_slug(p->ex[i].name);

			hit = figure_slug_fits(slug, name);
			free(slug);
		}
		hit = hit || (ex[i].fig != NULL && ex[i].fig->rest != NULL &&
			      strcmp(ex[i].fig->rest, name) == 0);
	}
	return hit;
}

bool
figshow_for_view(const struct figshow_ex *ex, const struct plan *p,
		 const struct session_view *v, struct figshow *out)
{
	int seconds = (int)((v->phase_ms + 999) / 1000);

	memset(out, 0, sizeof *out);
	if (v->phase == PHASE_DONE || v->exercise >= p->nex ||
	    (out->fig = ex[v->exercise].fig) == NULL)
		return false;
	if (v->phase == PHASE_REST && ex[v->exercise].rest != NULL) {
		out->fig = ex[v->exercise].rest;
		out->frame = figure_frame_at(out->fig, seconds - v->seconds_left,
					     seconds);
		return true;
	}
	switch (v->phase) {
	case PHASE_WORK:
		out->frame = figure_frame_at(out->fig, seconds - v->seconds_left,
					     seconds);
		out->right = v->side == SIDE_RIGHT;
		break;
	case PHASE_COUNT_IN:
	case PHASE_SWITCH:
		out->right = v->side == SIDE_RIGHT;
		break;
	case PHASE_REST:
		out->right = v->next != NULL && v->next->kind == STEP_WORK &&
			     v->next->side == SIDE_RIGHT;
		break;
	case PHASE_GET_READY:
	case PHASE_DONE:
		break;
	}
	return true;
}
