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

/* Is d about the figure file a name of this plan would show? */
static bool
about_plan(const struct diag *g, const struct plan *p)
{
	const char *base = strrchr(g->file, '/');
	bool hit = false;

	base = base ? base + 1 : g->file;
	for (size_t i = 0; i < p->nex && !hit; i++) {
		char *slug = figure_slug(p->ex[i].name);
		const char *want = *p->ex[i].figure ? p->ex[i].figure : slug;
		size_t n = strlen(want);

		hit = strncmp(base, want, n) == 0 && strcmp(base + n, ".fig") == 0;
		free(slug);
	}
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
	for (size_t i = 0; i < all.n; i++)
		if (about_plan(&all.v[i], p))
			diag_add(&mine, all.v[i].sev, all.v[i].file, all.v[i].line,
				 all.v[i].col, "%s", all.v[i].msg);
	/* stderr is kept while the screen is open and shown after it */
	diag_print(&mine, stderr);
	diag_free(&mine);
	diag_free(&all);
	uf->n = p->nex;
	uf->of = xcalloc(p->nex ? p->nex : 1, sizeof *uf->of);
	for (size_t i = 0; i < p->nex; i++)
		uf->of[i] = figure_lib_match(&uf->lib, p->ex[i].figure,
					     p->ex[i].name);
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
