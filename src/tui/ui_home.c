/* ui_home.c - the home screen (`limber`): the routines, the week, keys. */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/action.h"
#include "model/catalog.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/diag.h"
#include "history/histsum.h"
#include "history/history.h"
#include "core/paths.h"
#include "model/plan.h"
#include "model/routine.h"
#include "model/settings.h"
#include "tui/ui.h"
#include "tui/ui_draw.h"
#include "core/util.h"
#include "app/workout.h"

#define HOME_MIN_W 30
#define HOME_MIN_H 8

struct home_item {
	char *name, *title;
	bool broken;		/* has errors: `limber check NAME` says which */
	size_t nex;
	int64_t total_ms;	/* at the current level */
	int level;
	char last[48];		/* "today 07:30", "never" */
};

struct home {
	struct home_item *v;
	size_t n, cap;
	struct history_stats st;
	size_t nsessions;
	char *empty;		/* no routines at all: where we looked */
	size_t sel, top;
	bool help;
	char status[512];	/* a message above the legend */
};

static void
home_clear(struct home *hm)
{
	for (size_t i = 0; i < hm->n; i++) {
		free(hm->v[i].name);
		free(hm->v[i].title);
	}
	free(hm->v);
	free(hm->empty);
	hm->v = NULL;
	hm->n = hm->cap = 0;
	hm->empty = NULL;
}

/* Read the routines and the history again (after a run they changed). */
static void
home_load(struct home *hm)
{
	struct catalog cat;
	struct histsum h;
	struct settings s;
	struct plan_opts popts;
	struct diag_list d, quiet;
	char *hpath = paths_history_file(), *conf = paths_settings_file();
	char *cache = paths_history_cache_file();
	struct histsum_cache c = { cache, HISTSUM_CACHE_MIN_BYTES };
	time_t now = clock_wall();

	home_clear(hm);
	diag_init(&d);
	settings_load(&s, conf, &d);
	popts.get_ready_s = s.get_ready;
	histsum_init(&h);
	histsum_load(&h, hpath, &c, NULL, &d);
	diag_print(&d, stderr);	/* replayed after the screen closes */
	diag_free(&d);
	histsum_stats(&h, now, &hm->st);
	hm->nsessions = h.sessions;
	catalog_scan_default(&cat);
	if (cat.n == 0) {
		char *u = paths_user_routines(), *sh = paths_shipped_routines();

		hm->empty = xasprintf("No routines found in %s or %s.", u, sh);
		free(u);
		free(sh);
	}
	for (size_t i = 0; i < cat.n; i++) {
		struct home_item it;
		struct routine *r;
		const struct history_row *last;

		memset(&it, 0, sizeof it);
		it.name = xstrdup(cat.v[i].name);
		it.level = histsum_level(&h, it.name);
		diag_init(&quiet);
		r = routine_load(cat.v[i].path, it.name, &quiet);
		diag_free(&quiet);
		if (r == NULL) {
			it.broken = true;
			it.title = xasprintf("%s (has errors)", it.name);
		} else {
			struct plan *p = plan_build(r, it.level, &popts);

			it.title = xstrdup(r->title);
			it.nex = p->nex;
			it.total_ms = p->total_ms;
			plan_free(p);
			routine_free(r);
		}
		last = histsum_last(&h, it.name);
		if (last != NULL)
			history_ago(last, now, it.last, sizeof it.last);
		else
			snprintf(it.last, sizeof it.last, "never");
		util_grow(&hm->v, &hm->cap, hm->n, sizeof *hm->v);
		hm->v[hm->n++] = it;
	}
	catalog_free(&cat);
	histsum_free(&h);
	free(hpath);
	free(cache);
	free(conf);
	if (hm->sel >= hm->n)
		hm->sel = hm->n > 0 ? hm->n - 1 : 0;
}

static void
draw_home(struct home *hm)
{
	static const char *const help[] = {
		"j k  Up Down  choose a routine",
		"Enter         start it: the coach counts every hold",
		"H             history: sessions, streak, pain trend",
		"q             quit",
		"",
		"While a routine runs: space pause, n next, p previous,",
		"h this exercise hurts, m mute, q stop, ? help.",
		"After it, a short check-in sets your next level.",
	};
	const char *legend = action_legend(ACTX_LIST);
	int w = COLS, h = LINES, nleg, y = 0, bottom, cw_title;
	int cw_ex = 10, cw_min = 8, cw_lv = 7, cw_last = 16;
	char line[256];

	erase();
	nleg = ui_legend_lines(legend, w - 2);
	if (w < HOME_MIN_W || h < HOME_MIN_H + nleg - 1) {
		ui_too_small(HOME_MIN_W, HOME_MIN_H);
		refresh();
		return;
	}
	ui_text(y, 1, w - 2, "limber", ui_attr(UI_TITLE) | (int)A_BOLD);
	ui_text(y, 8, w - 9, "a coach for a sore lower back", ui_attr(UI_DIM));
	y++;
	ui_hline(y++, 0, w, ui_attr(UI_DIM));
	snprintf(line, sizeof line, "This week: %d session%s%sstreak %d day%s%s%zu in all",
		 hm->st.per_week[0], hm->st.per_week[0] == 1 ? "" : "s", ui_sep(),
		 hm->st.streak_current, hm->st.streak_current == 1 ? "" : "s",
		 ui_sep(), hm->nsessions);
	ui_text(y++, 1, w - 2, line, A_NORMAL);
	y++;
	bottom = h - nleg - (hm->status[0] != '\0' ? 1 : 0);
	ui_legend(h - nleg, 1, w - 2, nleg, legend);
	if (hm->status[0] != '\0')
		ui_text(bottom, 1, w - 2, hm->status, ui_attr(UI_BAD));
	if (hm->empty != NULL) {
		ui_text_wrapped(y, 1, w - 2, bottom - y, hm->empty, ui_attr(UI_BAD));
		refresh();
		return;
	}

	/* columns from the right; the title takes what is left */
	if (w < 70)
		cw_last = 0;
	if (w < 50)
		cw_ex = 0;
	cw_title = w - 2 - cw_ex - cw_min - cw_lv - cw_last;
	{
		int x = 1 + cw_title, hattr = ui_attr(UI_TITLE);

		ui_text(y, 1, cw_title - 1, "ROUTINE", hattr);
		if (cw_ex) {
			ui_text(y, x, cw_ex, "EXERCISES", hattr);
			x += cw_ex;
		}
		ui_text(y, x, cw_min, "MINUTES", hattr);
		x += cw_min;
		ui_text(y, x, cw_lv, "LEVEL", hattr);
		x += cw_lv;
		if (cw_last)
			ui_text(y, x, cw_last, "LAST DONE", hattr);
		y++;
	}
	if (bottom - y <= 0) {
		refresh();
		return;
	}
	if (hm->sel < hm->top)
		hm->top = hm->sel;
	if (hm->sel >= hm->top + (size_t)(bottom - y))
		hm->top = hm->sel - (size_t)(bottom - y) + 1;
	for (size_t i = hm->top; i < hm->n && y < bottom; i++, y++) {
		const struct home_item *it = &hm->v[i];
		int attr = i == hm->sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
		int x = 1 + cw_title;
		char num[32];

		if (i == hm->sel) {
			attrset(attr);
			mvhline(y, 0, ' ', w);
			attrset(A_NORMAL);
		}
		ui_text(y, 1, cw_title - 1, it->title,
			it->broken && i != hm->sel ? ui_attr(UI_DIM) : attr);
		if (it->broken) {
			ui_text(y, x, w - 1 - x, "run: limber check", attr);
			continue;
		}
		if (cw_ex) {
			snprintf(num, sizeof num, "%zu", it->nex);
			ui_text(y, x, cw_ex, num, attr);
			x += cw_ex;
		}
		snprintf(num, sizeof num, "%d",
			 (int)((it->total_ms + 30000) / 60000 > 0
			       ? (it->total_ms + 30000) / 60000 : 1));
		ui_text(y, x, cw_min, num, attr);
		x += cw_min;
		snprintf(num, sizeof num, "%d", it->level);
		ui_text(y, x, cw_lv, num, attr);
		x += cw_lv;
		if (cw_last)
			ui_text(y, x, cw_last, it->last, attr);
	}
	if (hm->help)
		ui_popup("Keys", help, ARRAY_LEN(help), "any key closes this",
			 ui_attr(UI_TITLE));
	refresh();
}

/* Run the selected routine.  Returns 1 when the history could not be
 * written; *sig as ui_workout. */
static int
home_start(struct home *hm, struct ui_run_ctx *c, struct diag_list *saved,
	   int *sig)
{
	const struct home_item *it = &hm->v[hm->sel];
	struct workout w;
	struct diag_list d;
	char *err;
	int status = 0;

	*sig = 0;
	hm->status[0] = '\0';
	diag_init(&d);
	if (workout_prepare(&w, it->name, (int)c->o->level, clock_wall(), &d) != 0) {
		err = diag_first_error(&d);
		snprintf(hm->status, sizeof hm->status, "%s",
			 err != NULL ? err : "the routine cannot run");
		free(err);
		diag_print(&d, stderr);
	} else {
		diag_print(&d, stderr);	/* warnings, shown after the screen */
		diag_free(&d);
		diag_init(&d);
		status = ui_workout(c, &w, &d, sig);
		if (status != 0) {
			err = diag_first_error(&d);
			snprintf(hm->status, sizeof hm->status, "%s",
				 err != NULL ? err : "the session was not saved");
			free(err);
			/* keep it for stderr after the screen closes */
			for (size_t i = 0; i < d.n; i++)
				diag_add(saved, d.v[i].sev, d.v[i].file, d.v[i].line,
					 d.v[i].col, "%s", d.v[i].msg);
		}
	}
	workout_free(&w);
	diag_free(&d);
	return status;
}

int
ui_home(const struct cli_opts *o)
{
	struct ui_run_ctx c = { .o = o };
	struct home hm;
	struct settings s;
	struct diag_list d, saved;
	char *err = NULL, *conf;
	bool dirty = true, quit = false;
	int status = 0, sig = 0;

	if (clock_init(&err) != 0) {
		fprintf(stderr, "limber: %s\n", err);
		free(err);
		return EXIT_USAGE;
	}
	diag_init(&d);
	conf = paths_settings_file();
	settings_load(&s, conf, &d);
	free(conf);
	diag_print(&d, stderr);
	diag_free(&d);
	ui_sound_open(&c, &s);
	if (ui_open(o->no_color, &err) != 0) {
		fprintf(stderr, "limber: %s\n", err);
		free(err);
		ui_sound_close(&c);
		return 1;
	}
	diag_init(&saved);
	memset(&hm, 0, sizeof hm);
	home_load(&hm);
	while (!quit) {
		int key;

		if ((sig = ui_signal()) != 0)
			break;
		while (!quit && sig == 0 && (key = ui_key()) != UI_KEY_NONE) {
			enum action a = key == UI_KEY_RESIZE ? ACTION_NONE
							     : action_from_key(ACTX_LIST, key);

			dirty = true;
			if (key == UI_KEY_SUSPEND) {
				ui_suspend();
				continue;
			}
			if (hm.help && key != UI_KEY_RESIZE) {
				hm.help = false;
				continue;
			}
			switch (a) {
			case ACTION_UP:
				if (hm.sel > 0)
					hm.sel--;
				break;
			case ACTION_DOWN:
				if (hm.sel + 1 < hm.n)
					hm.sel++;
				break;
			case ACTION_ENTER:
				if (hm.n == 0)
					break;
				if (home_start(&hm, &c, &saved, &sig) != 0)
					status = 1;
				home_load(&hm);
				break;
			case ACTION_HISTORY:
				sig = ui_history_screen();
				break;
			case ACTION_HELP:
				hm.help = true;
				break;
			case ACTION_QUIT:
				quit = true;
				break;
			default:
				break;
			}
		}
		if (quit || sig != 0)
			break;
		if (dirty) {
			draw_home(&hm);
			dirty = false;
		}
		ui_wait(-1);
	}
	ui_close();
	ui_sound_close(&c);
	diag_print(&saved, stderr);
	diag_free(&saved);
	home_clear(&hm);
	if (sig == SIGTERM || sig == SIGHUP)
		status = 1;
	return status;
}
