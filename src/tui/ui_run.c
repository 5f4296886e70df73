/* ui_run.c - the coach while a routine runs, and `limber run NAME`. */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/eventtext.h"
#include "app/runner.h"
#include "app/workout.h"
#include "audio/cue.h"
#include "core/clock.h"
#include "core/diag.h"
#include "core/util.h"
#include "app/coach.h"
#include "model/plan.h"
#include "model/session.h"
#include "model/settings.h"
#include "tui/ui.h"
#include "tui/ui_draw.h"
#include "tui/ui_figure.h"

/* Below this the run screen says the terminal is too small; the height
 * also grows with the lines the legend needs. */
#define RUN_MIN_W 30
#define RUN_MIN_ROWS 4		/* name, phase, progress, and a header or next */
#define CUE_MAX_ROWS 4		/* the form cue's lines at most */

/* The keys of the run screen (action.c's ACTX_SESSION), its legend and
 * its help. */
static const struct ui_keydef run_keys[] = {
	{ "space", "pause", "pause or resume (a hold counts in again from 3)" },
	{ "n/\xe2\x86\x92", "next", "next exercise" },
	{ "p/\xe2\x86\x90", "prev", "previous exercise" },
	{ "h", "hurts", "this exercise hurts: end it and mark it" },
	{ "m", "mute", "sound off or on (tones and voice)" },
	{ "q", "stop", "stop the session (asks yes or no), then the check-in" },
	{ "?", "help", "this help" },
};

/* The run screen: the runner drives the session, this draws it. */
struct run {
	struct ui_run_ctx *c;
	struct runner *rn;
	struct workout *w;
	const struct plan *plan;
	struct session *s;	/* rn's, once started */
	struct ui_figures figs;	/* each exercise's figure */
	bool dirty;		/* the screen must be drawn again */
	bool tick;		/* only the countdown and the progress moved */
	struct {
		bool valid;	/* a full draw made it, for this size and step */
		int cols, lines;
		size_t step;
		int area_y, area_h;	/* the rows for the big digits */
		int box_y, box_x, box_h, box_w;	/* where they were drawn */
		int digits_x, digits_w;	/* the columns the digits have */
		int fig_scale;	/* 0: no figure beside them */
		struct figshow fig;	/* the figure drawn */
		int prog_y;	/* the progress line */
	} lay;
	bool help;
	bool help_paused;	/* the help paused the session: closing resumes */
	char legend[160];	/* from run_keys */
	char msg[240];		/* a note shown until the step changes */
	size_t msg_step;
	bool have_msg;
	bool msg_armed;		/* msg waits for the step it belongs to */
};

/* ------------------------------------------------------------ sound */

void
ui_sound_open_into(struct ui_run_ctx *c, const struct settings *s,
		   struct diag_list *warn)
{
	struct cue_config cfg;

	runner_cue_config(c->o, s, STDOUT_FILENO, true, &cfg);
	c->cue = cue_player_open(&cfg, warn, &c->sound_off);
	c->voice = cfg.voice && cue_can_say(c->cue);
	/* One line; tones only.  Asked for on the command line or in the
	 * settings, or wanted by default. */
	if (cfg.voice && c->sound_off == NULL && cue_voice_off(c->cue) != NULL)
		diag_add(warn, DIAG_WARNING, "limber", 0, 0, "%s",
			 cue_voice_off(c->cue));
}

void
ui_sound_open(struct ui_run_ctx *c, const struct settings *s)
{
	struct diag_list warn;

	diag_init(&warn);
	ui_sound_open_into(c, s, &warn);
	diag_print(&warn, stderr);
	diag_free(&warn);
}

void
ui_sound_close(struct ui_run_ctx *c)
{
	cue_player_close(c->cue);
	c->cue = NULL;
	free(c->sound_off);
	c->sound_off = NULL;
}

/* ------------------------------------------------------------ drawing */

/* HOLD and REST, or the routine's own names for them (RUN, WALK). */
static const char *
phase_label(const struct plan *p, const struct session_view *v,
	    enum ui_role *role)
{
	if (v->paused) {
		*role = UI_PAUSED;
		return "PAUSED";
	}
	switch (v->phase) {
	case PHASE_GET_READY: *role = UI_READY; return "GET READY";
	case PHASE_WORK: *role = UI_HOLD; return p->work_name;
	case PHASE_SWITCH: *role = UI_SWITCH; return "SWITCH SIDES";
	case PHASE_REST: *role = UI_REST; return p->rest_name;
	case PHASE_COUNT_IN: *role = UI_COUNT_IN; return "RESUMING";
	case PHASE_DONE: break;
	}
	*role = UI_NORMAL;
	return "DONE";
}

/* A phase badge: the role's colour as a background, so it reads as a
 * block; roles that have a background of their own keep it. */
static int
badge_attr(enum ui_role role)
{
	int a = ui_attr(role);

	return role == UI_PAUSED ? a : a | (int)A_REVERSE;
}

/* "2 sets of 5 reps, 10 s each, each side" */
static void
describe_dose(char *buf, size_t n, const struct plan *p,
	      const struct plan_exercise *x)
{
	struct strbuf b = { 0 };

	eventtext_dose(&b, p, x);
	snprintf(buf, n, "%s", b.s);
	strbuf_free(&b);
}

/* What the phase line says next to the badge. */
static void
describe_phase(char *buf, size_t n, const struct plan *p,
	       const struct session_view *v)
{
	const struct plan_exercise *x = &p->ex[v->exercise];
	const char *side = plan_side_name(v->side);
	char dose[128];

	if (v->paused) {
		snprintf(buf, n, "space resumes");
		return;
	}
	switch (v->phase) {
	case PHASE_GET_READY:
		describe_dose(dose, sizeof dose, p, x);
		snprintf(buf, n, "%s", dose);
		return;
	case PHASE_WORK:
	case PHASE_COUNT_IN:
		snprintf(buf, n, "set %d of %d%srep %d of %d%s%s%s", v->set,
			 x->sets, ui_sep(), v->rep, x->reps,
			 *side ? ui_sep() : "", side, *side ? " side" : "");
		return;
	case PHASE_SWITCH:
		snprintf(buf, n, "to the %s side", side);
		return;
	case PHASE_REST:
		snprintf(buf, n, "after set %d of %d", v->set, x->sets);
		return;
	case PHASE_DONE:
		break;
	}
	buf[0] = '\0';
}

static void
describe_next(char *buf, size_t n, const struct plan *p,
	      const struct session_view *v)
{
	const struct plan_step *st = v->next;
	char now[160];

	if (st == NULL) {
		snprintf(buf, n, "Next: the check-in");
		return;
	}
	switch (st->kind) {
	case STEP_GET_READY:
		snprintf(buf, n, "Next: %s (exercise %zu of %zu)",
			 p->ex[st->exercise].name, st->exercise + 1, p->nex);
		return;
	case STEP_WORK:
		snprintf(now, sizeof now, "Next: set %d, rep %d%s%s", st->set,
			 st->rep, st->side != SIDE_NONE ? ", " : "",
			 plan_side_name(st->side));
		break;
	case STEP_SWITCH:
		snprintf(now, sizeof now, "Next: switch to the %s side",
			 plan_side_name(st->side));
		break;
	case STEP_REST:
		snprintf(now, sizeof now, "Next: %s %d s",
			 eventtext_phase_word(p->rest_name, false),
			 (int)((st->dur_ms + 999) / 1000));
		break;
	}
	if (v->exercise + 1 < p->nex)
		snprintf(buf, n, "%s%sthen %s", now, ui_sep(),
			 p->ex[v->exercise + 1].name);
	else
		snprintf(buf, n, "%s", now);
}

/* The countdown as text: seconds, or m:ss from 100 s up. */
static void
countdown_text(char *buf, size_t n, int seconds)
{
	if (seconds >= 100)
		snprintf(buf, n, "%d:%02d", seconds / 60, seconds % 60);
	else
		snprintf(buf, n, "%d", seconds);
}

static void
draw_progress(int y, int w, const struct plan *p, const struct session_view *v)
{
	char el[32], rem[32], text[96];
	int tw, bw;

	ui_format_clock(el, sizeof el, v->elapsed_ms, 0);
	ui_format_clock(rem, sizeof rem, v->remaining_ms, 1);
	snprintf(text, sizeof text, "%s done%s%s left", el, ui_sep(), rem);
	tw = ui_text_width(text);
	bw = w - tw - 3;
	if (bw >= 8) {
		ui_bar(y, 1, bw, p->total_ms - v->remaining_ms, p->total_ms);
		ui_text(y, bw + 2, tw, text, A_NORMAL);
	} else {
		ui_text(y, 1, w - 2, text, A_NORMAL);
	}
}

static void
draw_header(int y, int w, const struct run *r, const struct session_view *v)
{
	const char *sound = runner_muted(r->rn) ? "  [muted]" :
			    r->c->sound_off != NULL ? "  [no sound]" : "";
	char right[96], left[200];
	int rw, lw;

	snprintf(left, sizeof left, "%s%slevel %d%s", r->w->routine->title,
		 ui_sep(), r->w->level, r->w->one_off ? " (this once)" : "");
	snprintf(right, sizeof right, "exercise %zu of %zu%s",
		 v->exercise + 1, r->plan->nex, sound);
	lw = ui_text_width(left);
	rw = ui_text_width(right);
	if (lw + rw + 4 > w) {
		/* narrow: the title keeps its room, the count gets shorter */
		snprintf(right, sizeof right, "%zu/%zu%s", v->exercise + 1,
			 r->plan->nex, runner_muted(r->rn) ? " muted" : "");
		rw = ui_text_width(right);
	}
	if (rw + 4 < w)
		ui_text(y, w - rw - 1, rw, right, ui_attr(UI_DIM));
	else
		rw = -2;
	ui_text(y, 1, w - rw - 4, left, ui_attr(UI_TITLE));
}

static void
draw_overlays(const struct run *r)
{
	static const char *const stop[] = {
		"Stop the session now?",
		"The check-in comes next.",
	};

	if (r->rn->confirming) {
		ui_popup("Stop", stop, ARRAY_LEN(stop),
			 "y stop   n, Esc or q carry on", ui_attr(UI_WARN));
		return;
	}
	if (!r->help)
		return;
	/* the sound's note says why the header says [no sound] */
	ui_keys_help("Keys",
		     r->help_paused ? "Paused while this is open: the session "
				      "goes on when it closes."
				    : "The session is paused: close this, then space resumes it.",
		     run_keys, ARRAY_LEN(run_keys), r->c->sound_off);
}

/* The figure beside the big digits: the largest scale at which it takes at
 * most half the width and the area's rows and the digits still fit in the
 * rest, their width then in *dw.  0 (and *dw untouched) when it does not
 * fit or there is none. */
static int
place_figure(const struct run *r, const struct session_view *v, int w,
	     int rows, int room, const char *count, int *dw,
	     struct figshow *sh)
{
	int scale, sx, sy;

	if (r->figs.of == NULL ||
	    !figshow_for_view(r->figs.of, r->plan, v, sh))
		return 0;
	for (scale = figure_fit(sh->fig, (w - 2) / 2, rows); scale > 0; scale--) {
		int rest = w - 4 - sh->fig->w * scale / 2;

		if (ui_big_fit(count, rest, room, &sx, &sy)) {
			*dw = rest;
			return scale;
		}
	}
	return 0;
}

static void
draw_run(struct run *r, int64_t now)
{
	const struct plan *p = r->plan;
	const char *legend = r->legend;
	struct session_view v;
	const struct plan_exercise *x;
	enum ui_role role;
	const char *label;
	char info[200], next[240], count[16];
	int w = COLS, h = LINES, nleg, avail, y;
	int cue_full = 0, cue_need, cue_rows = 0, big_rows = 0, sx = 0, sy = 0;
	int dw = w - 2, fig_scale = 0;
	struct figshow fig = { 0 };
	bool header, next_line, rule, msg_line;

	erase();
	r->lay.valid = false;
	session_view(r->s, now, &v);
	if (r->have_msg && v.step != r->msg_step)
		r->have_msg = false;
	nleg = ui_legend_lines(legend, w - 2);
	if (w < RUN_MIN_W || h < RUN_MIN_ROWS + nleg) {
		ui_too_small(RUN_MIN_W, RUN_MIN_ROWS + ui_legend_lines(legend, RUN_MIN_W - 2));
		refresh();
		return;
	}
	x = &p->ex[v.exercise < p->nex ? v.exercise : p->nex - 1];
	label = phase_label(r->plan, &v, &role);
	countdown_text(count, sizeof count, v.seconds_left);

	/* Rows: name, phase and progress always, the legend at the bottom;
	 * then as room allows a header, the next step, the message, the big
	 * digits, the form cue, a rule under the header. */
	avail = h - nleg - 3;
	header = avail > 0;
	if (header)
		avail--;
	next_line = avail > 0;
	if (next_line)
		avail--;
	msg_line = r->have_msg && avail > 0;
	if (msg_line)
		avail--;
	/* The form cue comes before the big digits: wrapped onto as many
	 * lines as it needs (up to CUE_MAX_ROWS) and the room there is; the
	 * digits take what is left when it is enough for them, otherwise the
	 * countdown stays a number on the phase line. */
	if (x->cue[0] != '\0')
		cue_full = (int)ui_wrap(x->cue, w - 2, NULL, 0);
	cue_need = cue_full < CUE_MAX_ROWS ? cue_full : CUE_MAX_ROWS;
	cue_rows = cue_need < avail ? cue_need : avail;
	avail -= cue_rows;
	rule = header && avail > UI_BIG_ROWS + 2;
	if (rule)
		avail--;
	if (avail >= UI_BIG_ROWS) {
		/* a blank row above and below the digits when there is room */
		int room = avail > UI_BIG_ROWS + 2 ? avail - 2 : avail;

		fig_scale = place_figure(r, &v, w, avail, room, count, &dw, &fig);
		if (ui_big_fit(count, dw, room, &sx, &sy))
			big_rows = avail;
	}
	if (big_rows == 0 && cue_full > cue_rows) {
		/* no digits: the rows they would have had go to the cue */
		int more = cue_full - cue_rows < avail ? cue_full - cue_rows : avail;

		cue_rows += more;
		avail -= more;
	}

	y = 0;
	if (header) {
		draw_header(y++, w, r, &v);
		if (rule)
			ui_hline(y++, 0, w, ui_attr(UI_DIM));
	}
	ui_text(y++, 1, w - 2, x->name, ui_attr(UI_TITLE) | (int)A_BOLD);
	y += ui_text_wrapped(y, 1, w - 2, cue_rows, x->cue, A_NORMAL);

	/* the phase line: badge, the count when it is not drawn big, info */
	{
		int col = 1;

		col += ui_textf(y, col, w - 2, badge_attr(role), " %s ", label);
		if (big_rows == 0)
			col += ui_textf(y, col, w - 1 - col, ui_attr(role) | (int)A_BOLD,
					"  %s", count);
		describe_phase(info, sizeof info, p, &v);
		if (w - 1 - col > 4)
			ui_textf(y, col, w - 1 - col, A_NORMAL, "  %s", info);
		y++;
	}
	if (big_rows > 0) {
		int bw = ui_big_width(count, sx);
		int bh = UI_BIG_ROWS * sy;

		int fw = fig_scale ? fig.fig->w * fig_scale / 2 : 0;
		int fh = fig_scale ? fig.fig->h * fig_scale / 4 : 0;

		/* frozen digits are dim; running ones take the phase's colour */
		ui_big(y + (big_rows - bh) / 2, 1 + (dw - bw) / 2, count, sx, sy,
		       ui_attr(v.paused ? UI_DIM : role));
		if (fig_scale > 0)
			ui_figure_draw(y + (big_rows - fh) / 2, w - 1 - fw, &fig,
				       fig_scale, ui_attr(v.paused ? UI_DIM : UI_NORMAL));
		/* what a tick needs to redraw only the digits and the bar */
		r->lay.valid = !v.paused && !r->help && !r->rn->confirming;
		r->lay.cols = w;
		r->lay.lines = h;
		r->lay.step = v.step;
		r->lay.area_y = y;
		r->lay.area_h = big_rows;
		r->lay.box_y = y + (big_rows - bh) / 2;
		r->lay.box_x = 1 + (dw - bw) / 2;
		r->lay.box_h = bh;
		r->lay.box_w = bw;
		r->lay.digits_x = 1;
		r->lay.digits_w = dw;
		r->lay.fig_scale = fig_scale;
		r->lay.fig = fig;
		r->lay.prog_y = h - nleg - 1;
	}

	/* the bottom rows, up from the legend */
	y = h - nleg - 1;
	draw_progress(y, w, p, &v);
	if (next_line) {
		describe_next(next, sizeof next, p, &v);
		ui_text(y - 1, 1, w - 2, next, A_NORMAL);
	}
	if (msg_line)
		ui_text(y - 1 - (next_line ? 1 : 0), 1, w - 2, r->msg,
			ui_attr(UI_WARN));
	ui_legend(h - nleg, 1, w - 2, nleg, legend);
	draw_overlays(r);
	refresh();
}

/* A second passed and nothing else changed: redraw the digits and the
 * progress line only, so the terminal (and ncurses) compare a few cells
 * instead of the whole screen.  Returns false when a full draw is needed. */
static bool
draw_tick(struct run *r, int64_t now)
{
	struct session_view v;
	enum ui_role role;
	char count[16];
	int sx, sy, bw, bh;

	if (!r->lay.valid || r->lay.cols != COLS || r->lay.lines != LINES)
		return false;
	session_view(r->s, now, &v);
	if (v.step != r->lay.step || v.paused || r->help || r->rn->confirming ||
	    (r->have_msg && v.step != r->msg_step))
		return false;
	if (r->lay.fig_scale > 0) {
		struct figshow sh;

		/* a new keyframe: the whole screen, in this same wake-up */
		if (!figshow_for_view(r->figs.of, r->plan, &v, &sh) ||
		    sh.fig != r->lay.fig.fig || sh.frame != r->lay.fig.frame ||
		    sh.right != r->lay.fig.right)
			return false;
	}
	countdown_text(count, sizeof count, v.seconds_left);
	{
		int room = r->lay.area_h > UI_BIG_ROWS + 2 ? r->lay.area_h - 2
							   : r->lay.area_h;

		if (!ui_big_fit(count, r->lay.digits_w, room, &sx, &sy))
			return false;
	}
	phase_label(r->plan, &v, &role);
	bw = ui_big_width(count, sx);
	bh = UI_BIG_ROWS * sy;
	ui_clear_rect(r->lay.box_y, r->lay.box_x, r->lay.box_h, r->lay.box_w);
	r->lay.box_y = r->lay.area_y + (r->lay.area_h - bh) / 2;
	r->lay.box_x = r->lay.digits_x + (r->lay.digits_w - bw) / 2;
	r->lay.box_h = bh;
	r->lay.box_w = bw;
	ui_big(r->lay.box_y, r->lay.box_x, count, sx, sy, ui_attr(role));
	ui_clear_rect(r->lay.prog_y, 0, 1, COLS);
	draw_progress(r->lay.prog_y, COLS, r->plan, &v);
	refresh();
	return true;
}

/* ------------------------------------------------------------ the screen */

static void
on_event(void *ud, const struct session_event *ev)
{
	struct run *r = ud;

	switch (ev->kind) {
	case SEV_SECOND:
		/* only the countdown and the progress line move */
		r->tick = true;
		return;
	case SEV_HALFWAY:
		return;		/* nothing changes on screen */
	case SEV_HURT: {
		char *line = eventtext_line(r->plan, ev, session_record(r->s));

		/* shown from the next exercise's first step on */
		snprintf(r->msg, sizeof r->msg, "%s", line);
		free(line);
		r->msg_armed = true;
		break;
	}
	case SEV_PHASE:
		if (r->msg_armed) {
			r->msg_step = ev->step;
			r->have_msg = true;
			r->msg_armed = false;
		}
		break;
	default:
		break;
	}
	r->dirty = true;
}

static enum ui_step
run_tick(void *ud, int64_t now)
{
	struct run *r = ud;

	runner_tick(r->rn, now);
	if (runner_finished(r->rn))
		return UI_LEAVE;
	return r->dirty || r->tick ? UI_REDRAW : UI_STAY;
}

static enum ui_step
run_key(void *ud, int key, int64_t now)
{
	struct run *r = ud;

	if (UI_KEY_IS_EVENT(key)) {
		/* Ctrl-Z: the hold must not run on while the coach is away;
		 * stopped from outside, it did not run on either.  The session
		 * stays paused after it, help or not. */
		if (key == UI_KEY_SUSPEND) {
			runner_pause(r->rn, now);
			r->help_paused = false;
		} else if (key == UI_KEY_CONTINUED) {
			runner_continued(r->rn);
			r->help_paused = false;
		}
		r->dirty = true;
		return UI_REDRAW;
	}
	if (r->help) {
		/* any key closes the help; the session goes on if the help
		 * paused it */
		r->help = false;
		if (r->help_paused)
			runner_resume(r->rn, now);
		r->help_paused = false;
		r->dirty = true;
		return UI_REDRAW;
	}
	switch (runner_key(r->rn, key, now)) {
	case RUNNER_IGNORED:
		return UI_STAY;
	case RUNNER_HELP:
		/* nothing counts down unread under the help */
		r->help = true;
		r->help_paused = runner_pause(r->rn, now);
		break;
	case RUNNER_ACTED:
		if (runner_finished(r->rn))
			return UI_LEAVE;
		/* its events say what to draw */
		return r->dirty ? UI_REDRAW : UI_STAY;
	case RUNNER_CONFIRM:
	case RUNNER_CARRY_ON:
	case RUNNER_MUTE:
		break;
	}
	r->dirty = true;
	return UI_REDRAW;
}

/* At the time of the pass: the runner was handed it. */
static void
run_draw(void *ud)
{
	struct run *r = ud;
	int64_t now = r->rn->now;

	if (r->dirty || (r->tick && !draw_tick(r, now)))
		draw_run(r, now);
	r->dirty = r->tick = false;
}

static int64_t
run_deadline(void *ud)
{
	struct run *r = ud;

	return runner_deadline(r->rn);
}

static void
run_signal(void *ud, int sig, int64_t now)
{
	struct run *r = ud;

	runner_signal(r->rn, sig, now);
}

static const struct ui_screen run_screen = {
	.tick = run_tick,
	.key = run_key,
	.draw = run_draw,
	.deadline = run_deadline,
	.signal = run_signal,
};

/* The checks before a session (workout_gate) as screens: a text is
 * shown with the question that follows it, or alone. */
struct gate_io {
	struct ui_run_ctx *c;
	struct strbuf told;	/* every text, for the terminal afterwards */
	char *pending;		/* a text not yet shown */
	int sig;
};

static void
gate_tell(void *ud, const char *text)
{
	struct gate_io *g = ud;
	int answer;

	strbuf_addf(&g->told, "%s\n", text);
	if (g->pending != NULL && g->sig == 0)
		g->sig = ui_checkin_gate(g->pending, NULL, &answer);
	free(g->pending);
	g->pending = xstrdup(text);
}

static int
gate_ask(void *ud, const char *question)
{
	struct gate_io *g = ud;
	int answer = -1;

	if (g->sig == 0)
		g->sig = ui_checkin_gate(g->pending ? g->pending : "", question,
					 &answer);
	free(g->pending);
	g->pending = NULL;
	return answer;
}

/* Returns true when the session may start. */
static bool
gate(struct ui_run_ctx *c, struct workout *w, struct diag_list *d, int *sig)
{
	struct gate_io g = { .c = c };
	struct today_io io = { gate_tell, gate_ask, &g };
	bool go = workout_gate(w, &io, d);
	int answer;

	if (g.pending != NULL && g.sig == 0 && go)
		g.sig = ui_checkin_gate(g.pending, NULL, &answer);
	if (!go) {
		/* why there is no session stays on the terminal */
		strbuf_adds(&c->after, g.told.s ? g.told.s : "");
		c->refused = 1 + w->gate.status;
	}
	*sig = g.sig;
	free(g.pending);
	strbuf_free(&g.told);
	return go && g.sig == 0;
}

void
ui_print_after(struct ui_run_ctx *c)
{
	if (c->after.len > 0) {
		fputs(c->after.s, stdout);
		fflush(stdout);
	}
	strbuf_free(&c->after);
}

/* The last error in d, formatted (a new string), or NULL. */
static char *
last_error(const struct diag_list *d)
{
	for (size_t i = d->n; i > 0; i--)
		if (d->v[i - 1].sev == DIAG_ERROR)
			return diag_format(&d->v[i - 1]);
	return NULL;
}

int
ui_workout(struct ui_run_ctx *c, struct runner *rn, struct diag_list *d,
	   int *sig)
{
	struct workout *w = rn->w;
	struct run r = { 0 };
	struct coach_decision dec;
	const struct session_record *rec;
	char *save_error = NULL;
	int status = 0;

	*sig = 0;
	if (!gate(c, w, d, sig))
		return 0;	/* nothing ran: nothing to record */
	r.plan = w->plan;	/* an exercise may have been left out */
	if (w->morning_about != NULL) {
		*sig = ui_checkin_morning(w);
		if (*sig != 0)
			return 0;	/* nothing ran: nothing to record */
	}
	r.c = c;
	r.rn = rn;
	r.w = w;
	rn->plan = w->plan;
	r.dirty = true;
	ui_figures_load(&r.figs, r.plan);
	ui_keys_legend(run_keys, ARRAY_LEN(run_keys), r.legend, sizeof r.legend);
	runner_listen(rn, on_event, &r);
	runner_cues(rn, c->cue, c->voice);
	runner_start(rn, c->cue, clock_read(), clock_wall());
	r.s = rn->session;
	*sig = ui_screen_run(&run_screen, &r);
	runner_listen(rn, NULL, NULL);
	ui_figures_free(&r.figs);
	rec = session_record(rn->session);
	if (*sig == SIGINT) {
		/* Ctrl-C stops the session like q y: the check-in follows */
		ui_signal_clear();
		*sig = 0;
	}
	if (*sig == 0 && runner_checkin_due(rn))
		*sig = ui_checkin_after(w, rec);
	if (runner_record(rn, clock_wall(), &dec, d) != 0) {
		status = 1;
		save_error = last_error(d);
	}
	if (*sig == 0)
		*sig = ui_checkin_summary(w, rec, &dec, save_error);
	/* What must stay in the scrollback once the screen closes. */
	strbuf_addf(&c->after, "Next time: %s\n", dec.reason);
	for (size_t i = 0; i < dec.ntext; i++)
		strbuf_addf(&c->after, "%s\n", dec.text[i]);
	free(save_error);
	return status;
}

int
ui_run(const struct cli_opts *o, const char *routine_arg)
{
	struct ui_run_ctx c = { .o = o };
	struct workout w;
	struct runner rn;
	struct diag_list d;
	char *err = NULL;
	int status, sig = 0;

	memset(&rn, 0, sizeof rn);
	diag_init(&d);
	if (workout_prepare(&w, routine_arg, (int)o->level, clock_wall(), &d) != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		workout_free(&w);
		return 1;
	}
	diag_print(&d, stderr);
	diag_free(&d);
	diag_init(&d);
	if (runner_open(&rn, &w, o->events, NULL, NULL, &err) != 0) {
		fprintf(stderr, "limber: %s\n", err);
		free(err);
		workout_free(&w);
		return 1;
	}
	ui_sound_open(&c, &w.settings);
	if (ui_open(o->no_color, &err) != 0) {
		fprintf(stderr, "limber: %s\n", err);
		free(err);
		ui_sound_close(&c);
		runner_free(&rn);
		workout_free(&w);
		return 1;
	}
	ui_workout(&c, &rn, &d, &sig);
	ui_close();
	ui_print_after(&c);
	ui_sound_close(&c);
	diag_print(&d, stderr);
	diag_free(&d);
	if (runner_close(&rn, &err) != 0) {
		fprintf(stderr, "limber: %s\n", err);
		free(err);
	}
	status = runner_exit_status(&rn);
	if (runner_signal_status(sig) != 0)
		status = 1;
	if (c.refused)
		status = c.refused - 1;
	runner_free(&rn);
	workout_free(&w);
	return status;
}
