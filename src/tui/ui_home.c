/* ui_home.c - the home screen (`limber`): the routines, the week, keys. */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/overview.h"
#include "app/today.h"
#include "app/runner.h"
#include "app/workout.h"
#include "core/clock.h"
#include "core/diag.h"
#include "core/paths.h"
#include "core/util.h"
#include "history/histsum.h"
#include "model/action.h"
#include "model/settings.h"
#include "tui/ui.h"
#include "tui/ui_draw.h"

#define HOME_MIN_W 30
#define HOME_MIN_H 8
#define HOME_NAME_MAX 16	/* the name column's width at most */

/* The keys of the home screen (action.c's ACTX_LIST), its legend and its
 * help. */
static const struct ui_keydef home_keys[] = {
	{ "j/k/\xe2\x86\x91/\xe2\x86\x93", "move", "choose a routine" },
	{ "enter", "start", "start it: the coach counts every hold" },
	{ "H", "history", "history: every session, streak, pain trend" },
	{ "?", "help", "this help" },
	{ "q", "quit", "quit" },
};

/* No recovery begun: the same keys, and b to begin it. */
static const struct ui_keydef home_keys_begin[] = {
	{ "j/k/\xe2\x86\x91/\xe2\x86\x93", "move", "choose a routine" },
	{ "enter", "start", "start it: the coach counts every hold" },
	{ "b", "begin recovery", "begin your recovery: asks the day the pain began" },
	{ "H", "history", "history: every session, streak, pain trend" },
	{ "?", "help", "this help" },
	{ "q", "quit", "quit" },
};

/* Asking the day the pain began. */
static const struct ui_keydef home_keys_date[] = {
	{ "0-9 -", "type a date", "type the date, like 2026-11-02" },
	{ "backspace", "erase", "erase the last character" },
	{ "enter", "begin", "begin on that day (nothing typed: today)" },
	{ "esc", "cancel", "do not begin now (limber start DATE does it too)" },
	{ "?", "help", "this help" },
};

struct home {
	struct ui_run_ctx *c;
	struct overview ov;
	struct history_stats st;
	char *empty;		/* no routines at all: where we looked */
	size_t sel, top;
	bool help;
	char status[512];	/* a message above the legend */
	char *recovery;		/* limber today's lines, or NULL */
	bool picked;		/* today's routine was selected once */
	bool can_begin;		/* a plan, and no recovery begun */
	bool asking;		/* asking the day the pain began */
	char date[16];		/* what was typed of it */
	size_t ndate;
	int exit_status;
	struct diag_list saved;	/* errors of the runs, for after the screen */
};

/* The recovery's panel (limber today) and, the first time, today's
 * routine selected.  Without a plan or a recovery begun: no panel. */
static void
recovery_load(struct home *hm, time_t now)
{
	struct today t;
	struct diag_list quiet;

	free(hm->recovery);
	hm->recovery = NULL;
	diag_init(&quiet);
	hm->can_begin = false;
	if (today_load(&t, now, &quiet) == 0 && !t.state.active)
		hm->can_begin = true;
	else if (t.state.active) {
		hm->recovery = today_text(&t);
		for (size_t i = 0; !hm->picked && i < hm->ov.n; i++)
			if (strcmp(hm->ov.v[i].entry.name, t.state.routine) == 0) {
				hm->sel = i;
				hm->picked = true;
			}
	}
	diag_free(&quiet);
	today_free(&t);
}

/* Read the routines and the history again (after a run they changed). */
static void
home_load(struct home *hm)
{
	struct diag_list d;
	time_t now = clock_wall();

	overview_free(&hm->ov);
	free(hm->empty);
	hm->empty = NULL;
	diag_init(&d);
	overview_load(&hm->ov, now, &d);
	diag_print(&d, stderr);	/* replayed after the screen closes */
	diag_free(&d);
	if (hm->ov.misnamed != NULL && hm->status[0] == '\0')
		snprintf(hm->status, sizeof hm->status, "%s", hm->ov.misnamed);
	histsum_stats(&hm->ov.sum, now, &hm->st);
	if (hm->ov.n == 0) {
		char *where = overview_where();

		hm->empty = xasprintf("No routines found in %s.", where);
		free(where);
	}
	if (hm->sel >= hm->ov.n)
		hm->sel = hm->ov.n > 0 ? hm->ov.n - 1 : 0;
	recovery_load(hm, now);
}

static void
draw_home(void *ud)
{
	struct home *hm = ud;
	char legend[160], line[256];
	int w = COLS, h = LINES, nleg, y = 0, bottom, cw_title, cw_name = 0;
	int cw_ex = 10, cw_min = 8, cw_lv = 7, cw_last = 16;

	const struct ui_keydef *keys = home_keys;
	size_t nkeys = ARRAY_LEN(home_keys);

	if (hm->asking) {
		keys = home_keys_date;
		nkeys = ARRAY_LEN(home_keys_date);
	} else if (hm->can_begin) {
		keys = home_keys_begin;
		nkeys = ARRAY_LEN(home_keys_begin);
	}
	ui_keys_legend(keys, nkeys, legend, sizeof legend);
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
		 ui_sep(), hm->ov.sum.sessions);
	ui_text(y++, 1, w - 2, line, A_NORMAL);
	bottom = h - nleg - (hm->status[0] != '\0' ? 1 : 0);
	if (hm->asking) {
		char q[96];

		y += ui_text_wrapped(y, 1, w - 2, 2, "When did your back pain "
				     "begin? Type the date, like 2026-11-02, "
				     "or press Enter for today.",
				     (int)ui_attr(UI_TITLE));
		snprintf(q, sizeof q, "Date: %.*s_", (int)hm->ndate, hm->date);
		ui_text(y++, 1, w - 2, q, A_BOLD);
	} else if (hm->can_begin)
		y += ui_text_wrapped(y, 1, w - 2, 2, "No recovery begun yet. "
				     "Press b to begin it: the coach then says "
				     "each day what to do, from rest back to "
				     "running.", (int)ui_attr(UI_TITLE));
	/* the recovery: each of its lines in at most two rows, while the
	 * table keeps a few */
	for (const char *p = hm->recovery; p && *p && bottom - y > 6;) {
		const char *e = strchr(p, '\n');
		char *one = xstrndup(p, e ? (size_t)(e - p) : strlen(p));

		y += ui_text_wrapped(y, 1, w - 2, 2, one,
				     p == hm->recovery ? (int)ui_attr(UI_TITLE)
						       : (int)A_NORMAL);
		free(one);
		p = e ? e + 1 : NULL;
	}
	y++;
	ui_legend(h - nleg, 1, w - 2, nleg, legend);
	if (hm->status[0] != '\0')
		ui_text(bottom, 1, w - 2, hm->status, ui_attr(UI_BAD));
	if (hm->empty != NULL) {
		ui_text_wrapped(y, 1, w - 2, bottom - y, hm->empty, ui_attr(UI_BAD));
		refresh();
		return;
	}

	/* columns from the right; the title takes what is left, the name
	 * (what `limber run NAME` takes) beside it */
	if (w < 70)
		cw_last = 0;
	if (w < 50)
		cw_ex = 0;
	if (w >= 40) {
		cw_name = ui_text_width("NAME");
		for (size_t i = 0; i < hm->ov.n; i++)
			if (ui_text_width(hm->ov.v[i].entry.name) > cw_name)
				cw_name = ui_text_width(hm->ov.v[i].entry.name);
		cw_name = (cw_name > HOME_NAME_MAX ? HOME_NAME_MAX : cw_name) + 2;
	}
	cw_title = w - 2 - cw_name - cw_ex - cw_min - cw_lv - cw_last;
	{
		/* whole titles before the counts: the exercise count goes
		 * first, then the last done (`limber list` has them all) */
		int need = 0;

		for (size_t i = 0; i < hm->ov.n; i++)
			if (ui_text_width(hm->ov.v[i].title) + 1 > need)
				need = ui_text_width(hm->ov.v[i].title) + 1;
		if (cw_title < need && cw_ex) {
			cw_title += cw_ex;
			cw_ex = 0;
		}
		if (cw_title < need && cw_last) {
			cw_title += cw_last;
			cw_last = 0;
		}
	}
	{
		int x = 1 + cw_title, hattr = ui_attr(UI_TITLE);

		ui_text(y, 1, cw_title - 1, "ROUTINE", hattr);
		if (cw_name) {
			ui_text(y, x, cw_name - 1, "NAME", hattr);
			x += cw_name;
		}
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
	for (size_t i = hm->top; i < hm->ov.n && y < bottom; i++, y++) {
		const struct overview_item *it = &hm->ov.v[i];
		int attr = i == hm->sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL;
		int x = 1 + cw_title;
		char num[32];

		if (i == hm->sel) {
			attrset(attr);
			mvhline(y, 0, ' ', w);
			attrset(A_NORMAL);
		}
		if (it->broken)
			ui_textf(y, 1, cw_title - 1,
				 i != hm->sel ? ui_attr(UI_DIM) : attr,
				 "%s (has errors)", it->title);
		else
			ui_text(y, 1, cw_title - 1, it->title, attr);
		if (cw_name) {
			ui_text(y, x, cw_name - 1, it->entry.name,
				i != hm->sel ? ui_attr(UI_DIM) : attr);
			x += cw_name;
		}
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
		ui_keys_help("Keys", NULL, keys, nkeys,
			     "While a routine runs, ? there lists its own keys.");
	refresh();
}

/* Say what went wrong on the status line, and keep it all for stderr
 * after the screen closes; lost data (fatal) also makes the exit status 1. */
static void
home_fail(struct home *hm, const struct diag_list *d, const char *fallback,
	  bool fatal)
{
	char *err = diag_first_error(d);

	snprintf(hm->status, sizeof hm->status, "%s",
		 err != NULL ? err : fallback);
	free(err);
	for (size_t i = 0; i < d->n; i++)
		diag_add(&hm->saved, d->v[i].sev, d->v[i].file, d->v[i].line,
			 d->v[i].col, "%s", d->v[i].msg);
	if (fatal)
		hm->exit_status = 1;
}

/* Run the selected routine, through the runner as `limber run` does. */
static void
home_start(struct home *hm)
{
	const struct overview_item *it = &hm->ov.v[hm->sel];
	const struct cli_opts *o = hm->c->o;
	struct workout w;
	struct runner rn;
	struct diag_list d;
	char *err = NULL;
	int sig;

	hm->status[0] = '\0';
	memset(&rn, 0, sizeof rn);
	diag_init(&d);
	if (workout_prepare(&w, it->entry.name, (int)o->level, clock_wall(), &d) != 0) {
		home_fail(hm, &d, "the routine cannot run", false);
		goto out;
	}
	diag_print(&d, stderr);	/* warnings, shown after the screen */
	diag_free(&d);
	diag_init(&d);
	if (runner_open(&rn, &w, o->events, NULL, NULL, &err) != 0) {
		diag_add(&d, DIAG_ERROR, "limber", 0, 0, "%s", err);
		home_fail(hm, &d, err, true);
		goto out;
	}
	/* The sound, the first time a routine starts: not for browsing. */
	if (hm->c->cue == NULL)
		ui_sound_open_into(hm->c, &w.settings, &hm->saved);
	if (ui_workout(hm->c, &rn, &d, &sig) != 0)
		home_fail(hm, &d, "the session was not saved", true);
	if (runner_close(&rn, &err) != 0) {
		diag_free(&d);
		diag_init(&d);
		diag_add(&d, DIAG_ERROR, "limber", 0, 0, "%s", err);
		home_fail(hm, &d, err, true);
	}
out:
	free(err);
	runner_free(&rn);
	workout_free(&w);
	diag_free(&d);
}

/* Begin the recovery on the day typed (nothing: today), as limber start
 * does; a date it cannot take is said on the status line, asked again. */
static void
home_begin(struct home *hm)
{
	struct today t;
	struct diag_list d;
	char *err = NULL;
	long day;

	diag_init(&d);
	hm->date[hm->ndate] = '\0';
	if (today_load(&t, clock_wall(), &d) != 0) {
		err = diag_first_error(&d);
		hm->asking = false;
	} else if (today_parse_start(hm->date, t.state.today, &day, &err) == 0) {
		hm->asking = false;
		if (today_begin(&t, day, &d) != 0)
			err = diag_first_error(&d);
	}
	snprintf(hm->status, sizeof hm->status, "%s", err != NULL ? err : "");
	free(err);
	today_free(&t);
	diag_free(&d);
	if (!hm->asking) {
		hm->picked = false;	/* today's routine, selected */
		home_load(hm);
	}
}

/* A key while the day the pain began is asked. */
static enum ui_step
date_key(struct home *hm, int key)
{
	if ((key >= '0' && key <= '9') || key == '-') {
		if (hm->ndate < 10)
			hm->date[hm->ndate++] = (char)key;
		return UI_REDRAW;
	}
	switch (action_from_key(ACTX_LIST, key)) {
	case ACTION_ENTER:
		home_begin(hm);
		return UI_REDRAW;
	case ACTION_HELP:
		hm->help = true;
		return UI_REDRAW;
	case ACTION_BACK:
		if (key == KEYCODE_BACKSPACE) {
			if (hm->ndate > 0)
				hm->ndate--;
		} else
			hm->asking = false;	/* Escape */
		return UI_REDRAW;
	default:
		return UI_STAY;
	}
}

static enum ui_step
home_key(void *ud, int key, int64_t now)
{
	struct home *hm = ud;
	enum action a;

	(void)now;
	if (UI_KEY_IS_EVENT(key))
		return UI_REDRAW;
	if (hm->help) {
		hm->help = false;
		return UI_REDRAW;
	}
	if (hm->asking)
		return date_key(hm, key);
	a = action_from_key(ACTX_LIST, key);
	switch (a) {
	case ACTION_BACK:
		return UI_STAY;	/* nothing to go back to: not a key here */
	case ACTION_UP:
		if (hm->sel > 0)
			hm->sel--;
		break;
	case ACTION_DOWN:
		if (hm->sel + 1 < hm->ov.n)
			hm->sel++;
		break;
	case ACTION_ENTER:
		if (hm->ov.n == 0)
			break;
		home_start(hm);
		home_load(hm);
		break;
	case ACTION_HISTORY:
		ui_history_screen();
		break;
	case ACTION_BEGIN:
		if (!hm->can_begin)
			return UI_STAY;
		hm->asking = true;
		hm->ndate = 0;
		hm->status[0] = '\0';
		break;
	case ACTION_HELP:
		hm->help = true;
		break;
	case ACTION_QUIT:
		return UI_LEAVE;
	default:
		return UI_STAY;
	}
	return UI_REDRAW;
}

static const struct ui_screen home_screen = {
	.key = home_key,
	.draw = draw_home,
};

int
ui_home(const struct cli_opts *o)
{
	struct ui_run_ctx c = { .o = o };
	struct home hm;
	struct settings s;
	struct diag_list d;
	char *err = NULL, *conf;
	int sig;

	diag_init(&d);
	conf = paths_settings_file();
	settings_load(&s, conf, &d);
	free(conf);
	diag_print(&d, stderr);
	diag_free(&d);
	if (ui_open(o->no_color, &err) != 0) {
		fprintf(stderr, "limber: %s\n", err);
		free(err);
		return 1;
	}
	memset(&hm, 0, sizeof hm);
	hm.c = &c;
	diag_init(&hm.saved);
	home_load(&hm);
	sig = ui_screen_run(&home_screen, &hm);
	ui_close();
	ui_print_after(&c);
	ui_sound_close(&c);
	diag_print(&hm.saved, stderr);
	diag_free(&hm.saved);
	overview_free(&hm.ov);
	free(hm.empty);
	free(hm.recovery);
	if (runner_signal_status(sig) != 0)
		hm.exit_status = 1;
	return hm.exit_status;
}
