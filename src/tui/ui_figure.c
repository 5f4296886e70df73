/* ui_figure.c - the figures on the run screen. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/braille.h"
#include "core/util.h"
#include "tui/ui.h"
#include "tui/ui_draw.h"
#include "tui/ui_figure.h"

/* Is g about a figure file that an exercise of p could show? */
static bool
about_plan(const struct diag *g, const struct plan *p,
	   const struct figshow_ex *ex)
{
	const char *base = strrchr(g->file, '/');
	char *name;
	bool hit;

	base = base ? base + 1 : g->file;
	if (!util_endswith(base, ".fig"))
		return false;
	name = xstrndup(base, strlen(base) - 4);
	hit = figshow_plan_could_show(p, ex, name);
	free(name);
	return hit;
}

void
ui_figures_load(struct ui_figures *uf, const struct plan *p)
{
	struct diag_list all, mine;

	memset(uf, 0, sizeof *uf);
	if (!ui_utf8())
		return;
	diag_init(&all);
	diag_init(&mine);
	figure_lib_load_default(&uf->lib, &all);
	uf->n = p->nex;
	uf->of = xcalloc(p->nex ? p->nex : 1, sizeof *uf->of);
	figshow_match(&uf->lib, p, uf->of);
	for (size_t i = 0; i < all.n; i++)
		if (about_plan(&all.v[i], p, uf->of))
			diag_add(&mine, all.v[i].sev, all.v[i].file, all.v[i].line,
				 all.v[i].col, "%s", all.v[i].msg);
	/* stderr is kept while the screen is open and shown after it */
	diag_print(&mine, stderr);
	diag_free(&mine);
	diag_free(&all);
}

void
ui_figures_free(struct ui_figures *uf)
{
	figure_lib_free(&uf->lib);
	free(uf->of);
	memset(uf, 0, sizeof *uf);
}

void
ui_figure_draw(int y, int x, const struct figshow *sh, int scale,
	       int attr)
{
	struct braille b;

	figure_draw(sh->fig, sh->frame, scale, sh->right, &b);
	for (int row = 0; row < braille_rows(&b); row++) {
		char *t = braille_row_text(&b, row, false);

		ui_text(y + row, x, braille_cols(&b), t, attr);
		free(t);
	}
	braille_free(&b);
}
