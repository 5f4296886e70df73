/* ui_checkin.c - the questions around a session and the summary after it.
 *
 * The wording and the reading of answers belong to checkin.c: keys are
 * turned into the answer text a user would type ("7", "y", "worse") and
 * handed to checkin_answer, so both front ends accept the same answers. */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/action.h"
#include "model/checkin.h"
#include "core/clock.h"
#include "core/text.h"
#include "app/coach.h"
#include "history/history.h"
#include "model/session.h"
#include "tui/ui.h"
#include "tui/ui_draw.h"
#include "core/util.h"
#include "app/workout.h"

#define CHECKIN_MIN_W 30
#define CHECKIN_MIN_H 9

enum widget { W_SCALE, W_YESNO, W_CHOICE };

static const char *const morning_answers[] = { "better", "same", "worse" };

struct ask {
	struct workout *w;
	const struct session_record *rec;	/* after a session; else NULL */
	enum checkin_question q;
	enum widget widget;
	int index, count;	/* question index of count */
	int sel;		/* scale: -1 or 0-10; choice: -1 or 0-2 */
	char typed[4];		/* the pain typed so far */
	const char *error;	/* the answer was not understood */
	bool help;		/* the keys are shown */
};

/* The keys of each kind of question, its legend and its help: these
 * and no other (Esc or q never answer a red-flag question "no"). */
#define ARROWS_LR "\xe2\x86\x90/\xe2\x86\x92"
static const struct ui_keydef scale_keys[] = {
	{ "0-10", "your pain", "type your pain (1 then 0 for 10)" },
	{ ARROWS_LR "/\xe2\x86\x91/\xe2\x86\x93", "change",
	  "lower (left, down) or raise (right, up) the answer" },
	{ "enter", "answer", "answer; with nothing chosen, skip the question" },
	{ "backspace", "clear", "clear the answer" },
	{ "?", "help", "this help" },
};
static const struct ui_keydef yesno_keys[] = {
	{ "y", "yes", "yes" },
	{ "n", "no", "no" },
	{ "?", "help", "this help" },
};
static const struct ui_keydef choice_keys[] = {
	{ "b", "better", "better" },
	{ "s", "same", "the same" },
	{ "w", "worse", "worse (the level goes down one)" },
	{ ARROWS_LR, "choose", "move the choice" },
	{ "enter", "answer", "answer the choice; with none, skip the question" },
	{ "?", "help", "this help" },
};
static const struct ui_keydef summary_keys[] = {
	{ "?", "help", "this help" },
	{ "any key", "continue", "any other key: continue" },
};

static const struct ui_keydef *
widget_keys(enum widget wd, size_t *n)
{
	switch (wd) {
	case W_SCALE: *n = ARRAY_LEN(scale_keys); return scale_keys;
	case W_YESNO: *n = ARRAY_LEN(yesno_keys); return yesno_keys;
	case W_CHOICE: break;
	}
	*n = ARRAY_LEN(choice_keys);
	return choice_keys;
}

/* How an arrow moves a choice: -1, +1, or 0.  On the pain scale up means
 * more, unlike in a list. */
static int
arrow_step(int key, bool vertical)
{
	switch (key) {
	case KEYCODE_LEFT: return -1;
	case KEYCODE_RIGHT: return 1;
	case KEYCODE_DOWN: return vertical ? -1 : 0;
	case KEYCODE_UP: return vertical ? 1 : 0;
	default: return 0;
	}
}

static bool
is_enter(int key)
{
	return key == KEYCODE_ENTER;
}

static void
draw_frame(const char *title, const char *right, const char *legend)
{
	int w = COLS, rw = right != NULL ? ui_text_width(right) : 0;
	int nleg = ui_legend_lines(legend, w - 2);

	if (right != NULL && rw + 4 < w)
		ui_text(0, w - rw - 1, rw, right, ui_attr(UI_DIM));
	else
		rw = -2;
	ui_text(0, 1, w - rw - 4, title, ui_attr(UI_TITLE));
	ui_hline(1, 0, w, ui_attr(UI_DIM));
	ui_legend(LINES - nleg, 1, w - 2, nleg, legend);
}

/* The 0-10 scale: boxes when they fit, else "< 5 >". */
static int
draw_scale(int y, const struct ask *a)
{
	const struct settings *s = &a->w->settings;
	int w = COLS - 2, cw = w / 11;

	if (cw > 5)
		cw = 5;
	if (cw >= 3) {
		int x0 = 1 + (w - cw * 11) / 2;

		for (int i = 0; i <= 10; i++) {
			int attr = ui_attr(ui_pain_role(s, i));

			if (i == a->sel)
				attr |= (int)A_REVERSE;
			ui_clear_rect(y, x0 + i * cw, 1, cw - 1);
			if (i == a->sel) {
				attrset(attr);
				mvhline(y, x0 + i * cw, ' ', cw - 1);
				attrset(A_NORMAL);
			}
			ui_textf(y, x0 + i * cw + (cw - 1 - (i >= 10 ? 2 : 1)) / 2,
				 2, attr, "%d", i);
		}
		if (a->sel >= 0)
			ui_text(y + 1, x0 + a->sel * cw + (cw - 2) / 2, 1,
				ui_utf8() ? "\xe2\x96\xb2" : "^", ui_attr(UI_KEY));
		ui_text(y + 2, x0, w, "no pain", ui_attr(UI_DIM));
		ui_text(y + 2, x0 + cw * 11 - 1 - ui_text_width("worst imaginable"),
			w, "worst imaginable", ui_attr(UI_DIM));
	} else if (a->sel >= 0) {
		ui_textf(y, 1, w, ui_attr(ui_pain_role(s, a->sel)) | (int)A_BOLD,
			 "< %d >", a->sel);
	} else {
		ui_text(y, 1, w, "< - >", A_BOLD);
	}
	y += cw >= 3 ? 4 : 2;
	if (a->sel >= 0)
		ui_textf(y, 1, w, A_NORMAL, "Your answer: %d. Enter to confirm.",
			 a->sel);
	else
		ui_text(y, 1, w, "Type 0-10, or Enter to skip the question.",
			A_NORMAL);
	return y + 1;
}

static int
draw_choices(int y, const struct ask *a, const char *const *names, size_t n)
{
	int col = 1;

	for (size_t i = 0; i < n; i++) {
		int attr = (int)i == a->sel ? ui_attr(UI_SELECTED) : (int)A_BOLD;

		col += ui_textf(y, col, COLS - 1 - col, attr, " %s ", names[i]) + 2;
	}
	return y + 2;
}

static void
draw_ask(const struct ask *a)
{
	char right[64], legend[160];
	const struct ui_keydef *keys;
	const char *title;
	size_t nkeys;
	int y = 3, w = COLS - 2;

	erase();
	keys = widget_keys(a->widget, &nkeys);
	ui_keys_legend(keys, nkeys, legend, sizeof legend);
	if (COLS < CHECKIN_MIN_W ||
	    LINES < CHECKIN_MIN_H + ui_legend_lines(legend, w) - 1) {
		ui_too_small(CHECKIN_MIN_W, CHECKIN_MIN_H);
		refresh();
		return;
	}
	title = a->rec != NULL ? "Check-in" : "Before you start";
	snprintf(right, sizeof right, "question %d of %d", a->index, a->count);
	draw_frame(title, right, legend);
	if (a->rec != NULL && a->index == 1) {
		char done[32];

		ui_format_clock(done, sizeof done, a->rec->done_ms, 0);
		ui_textf(2, 1, w, ui_attr(UI_DIM), "%s: %zu of %zu exercises, %s",
			 a->rec->status == SESSION_COMPLETED ? "Session done"
							     : "Session stopped",
			 a->rec->exercises_done, a->rec->exercises_planned, done);
	} else if (a->rec == NULL && a->w->morning_about != NULL) {
		char ago[48];

		history_ago(a->w->morning_about, clock_wall(), ago, sizeof ago);
		ui_textf(2, 1, w, ui_attr(UI_DIM), "Your last session: %s, %s",
			 a->w->morning_about->routine, ago);
	}
	y += ui_text_wrapped(y, 1, w, 4, checkin_question(a->q),
			     ui_attr(UI_TITLE) | (int)A_BOLD);
	y++;
	switch (a->widget) {
	case W_SCALE:
		y = draw_scale(y, a);
		break;
	case W_YESNO:
		ui_text(y, 1, w, "y  yes      n  no", A_BOLD);
		y += 2;
		break;
	case W_CHOICE:
		y = draw_choices(y, a, morning_answers, ARRAY_LEN(morning_answers));
		break;
	}
	if (a->error != NULL)
		ui_text_wrapped(y + 1, 1, w, 2, a->error, ui_attr(UI_WARN));
	if (a->help)
		ui_keys_help("Keys", NULL, keys, nkeys, NULL);
	refresh();
}

/* Apply a key; returns 1 when the question is answered. */
static int
ask_key(struct ask *a, int key)
{
	struct checkin *c = &a->w->checkin;
	int step;

	a->error = NULL;
	if (a->help) {
		a->help = false;	/* any key closes the help */
		return 0;
	}
	if (key == '?') {
		a->help = true;
		return 0;
	}
	switch (a->widget) {
	case W_SCALE:
		if (key >= '0' && key <= '9') {
			if (strcmp(a->typed, "1") == 0 && key == '0')
				snprintf(a->typed, sizeof a->typed, "10");
			else
				snprintf(a->typed, sizeof a->typed, "%c", key);
			a->sel = atoi(a->typed);
			return 0;
		}
		if (key == KEYCODE_BACKSPACE) {
			a->typed[0] = '\0';
			a->sel = -1;
			return 0;
		}
		/* up and right raise the pain, down and left lower it */
		step = arrow_step(key, true);
		if (step != 0) {
			a->sel = a->sel < 0 ? (step > 0 ? 0 : 10) : a->sel + step;
			if (a->sel < 0)
				a->sel = 0;
			if (a->sel > 10)
				a->sel = 10;
			snprintf(a->typed, sizeof a->typed, "%d", a->sel);
			return 0;
		}
		if (is_enter(key)) {
			if (checkin_answer(c, a->q, a->sel < 0 ? "" : a->typed) == 0)
				return 1;
			a->error = checkin_retry(a->q);
			return 0;
		}
		break;
	case W_YESNO:
		if (key == 'y' || key == 'Y')
			return checkin_answer(c, a->q, "y") == 0;
		if (key == 'n' || key == 'N')
			return checkin_answer(c, a->q, "n") == 0;
		break;
	case W_CHOICE:
		if (key == 'b' || key == 's' || key == 'w' || key == 'B' ||
		    key == 'S' || key == 'W') {
			char answer[2] = { (char)key, '\0' };

			if (checkin_answer(c, a->q, answer) == 0)
				return 1;
			break;
		}
		step = arrow_step(key, false);
		if (step != 0) {
			a->sel = a->sel < 0 ? (step > 0 ? 0 : 2) : a->sel + step;
			if (a->sel < 0)
				a->sel = 0;
			if (a->sel > 2)
				a->sel = 2;
			return 0;
		}
		if (is_enter(key)) {
			if (checkin_answer(c, a->q,
					   a->sel < 0 ? "" : morning_answers[a->sel]) == 0)
				return 1;
			break;
		}
		break;
	}
	a->error = checkin_retry(a->q);
	return 0;
}

static enum ui_step
ask_screen_key(void *ud, int key, int64_t now)
{
	(void)now;
	if (UI_KEY_IS_EVENT(key))
		return UI_REDRAW;
	return ask_key(ud, key) ? UI_LEAVE : UI_REDRAW;
}

static void
ask_screen_draw(void *ud)
{
	draw_ask(ud);
}

static const struct ui_screen ask_screen = {
	.key = ask_screen_key,
	.draw = ask_screen_draw,
};

static int
ask(struct ask *a)
{
	a->sel = -1;
	a->typed[0] = '\0';
	a->error = NULL;
	a->help = false;
	return ui_screen_run(&ask_screen, a);
}

int
ui_checkin_morning(struct workout *w)
{
	struct ask a = {
		.w = w, .q = CHECKIN_MORNING, .widget = W_CHOICE,
		.index = 1, .count = 1,
	};

	return ask(&a);
}

int
ui_checkin_after(struct workout *w, const struct session_record *rec)
{
	static const struct {
		enum checkin_question q;
		enum widget widget;
	} order[] = {
		{ CHECKIN_PAIN, W_SCALE },
		{ CHECKIN_NERVE, W_YESNO },
		{ CHECKIN_URGENT, W_YESNO },
	};

	for (size_t i = 0; i < ARRAY_LEN(order); i++) {
		struct ask a = {
			.w = w, .rec = rec, .q = order[i].q,
			.widget = order[i].widget, .index = (int)i + 1,
			.count = (int)ARRAY_LEN(order),
		};
		int sig = ask(&a);

		if (sig != 0)
			return sig;
	}
	return 0;
}

/* ------------------------------------------------- before a session */

/* What the coach remembers from earlier sessions (workout_gate): its
 * text, and a yes/no question or, for a reminder, any key to go on. */
struct gate {
	const char *text, *question;
	int answer;		/* 1 yes, 0 no */
};

static void
gate_draw(void *ud)
{
	const struct gate *g = ud;
	const char *legend = g->question ? action_legend(ACTX_CONFIRM)
					 : "any key  go on";
	int y = 3, w = COLS - 2;

	erase();
	if (COLS < CHECKIN_MIN_W ||
	    LINES < CHECKIN_MIN_H + ui_legend_lines(legend, w) - 1) {
		ui_too_small(CHECKIN_MIN_W, CHECKIN_MIN_H);
		refresh();
		return;
	}
	draw_frame("Before you start", NULL, legend);
	y += ui_text_wrapped(y, 1, w, LINES - y - 6, g->text,
			     ui_attr(UI_WARN) | (int)A_BOLD);
	y++;
	if (g->question != NULL) {
		y += ui_text_wrapped(y, 1, w, 3, g->question,
				     ui_attr(UI_TITLE) | (int)A_BOLD);
		ui_text(y + 1, 1, w, "y  yes      n  no", A_BOLD);
	}
	refresh();
}

static enum ui_step
gate_key(void *ud, int key, int64_t now)
{
	struct gate *g = ud;

	(void)now;
	if (key == UI_KEY_RESIZE || key == UI_KEY_SUSPEND)
		return UI_REDRAW;
	if (g->question == NULL)
		return UI_LEAVE;
	switch (action_from_key(ACTX_CONFIRM, key)) {
	case ACTION_YES:
		g->answer = 1;
		return UI_LEAVE;
	case ACTION_NO:
		g->answer = 0;
		return UI_LEAVE;
	default:
		return UI_REDRAW;
	}
}

static const struct ui_screen gate_screen = {
	.key = gate_key,
	.draw = gate_draw,
};

int
ui_checkin_gate(const char *text, const char *question, int *answer)
{
	struct gate g = { text, question, 0 };
	int sig = ui_screen_run(&gate_screen, &g);

	*answer = sig != 0 ? -1 : g.answer;
	return sig;
}

/* ------------------------------------------------------------ summary */

static const char *
outcome_mark(enum exercise_outcome o, enum ui_role *role)
{
	bool u = ui_utf8();

	switch (o) {
	case EXO_DONE: *role = UI_GOOD; return u ? "\xe2\x9c\x93" : "+";
	case EXO_HURT: *role = UI_BAD; return u ? "\xe2\x9c\x97" : "x";
	case EXO_SKIPPED: *role = UI_DIM; return u ? "\xc2\xbb" : ">";
	case EXO_PARTIAL: *role = UI_WARN; return "~";
	case EXO_NOT_REACHED: break;
	}
	*role = UI_DIM;
	return u ? "\xc2\xb7" : ".";
}

static const char *
outcome_word(enum exercise_outcome o)
{
	switch (o) {
	case EXO_DONE: return "done";
	case EXO_HURT: return "hurt";
	case EXO_SKIPPED: return "skipped";
	case EXO_PARTIAL: return "stopped";
	case EXO_NOT_REACHED: break;
	}
	return "not reached";
}

static void
draw_summary(const struct workout *w, const struct session_record *rec,
	     const struct coach_decision *dec, const char *save_error)
{
	const struct checkin *ci = &w->checkin;
	char legend[96], title[200], line[400], done[32], planned[32];
	int width = COLS - 2, bottom, y = 2;
	size_t first_advice = 0;
	enum ui_role lrole;

	erase();
	if (COLS < CHECKIN_MIN_W || LINES < CHECKIN_MIN_H) {
		ui_too_small(CHECKIN_MIN_W, CHECKIN_MIN_H);
		refresh();
		return;
	}
	ui_keys_legend(summary_keys, ARRAY_LEN(summary_keys), legend,
		       sizeof legend);
	snprintf(title, sizeof title, "%s%s%s",
		 rec->status == SESSION_COMPLETED ? "Session done" : "Session stopped",
		 ui_sep(), w->routine->title);
	draw_frame(title, NULL, legend);
	bottom = LINES - ui_legend_lines(legend, width) - 1;

	/* Urgent advice first, where it cannot be missed. */
	if ((dec->advice & COACH_ADVICE_URGENT) && dec->ntext > 0) {
		int n = (int)ui_wrap(dec->text[0], width - 4, NULL, 0);

		if (n > bottom - y - 1)
			n = bottom - y - 1;
		ui_clear_rect(y, 1, n + 2, width);
		attrset(ui_attr(UI_URGENT));
		for (int i = 0; i < n + 2; i++)
			mvhline(y + i, 1, ' ', width);
		attrset(A_NORMAL);
		ui_text_wrapped(y + 1, 3, width - 4, n, dec->text[0],
				ui_attr(UI_URGENT));
		y += n + 3;
		first_advice = 1;
	}

	lrole = dec->next_level > dec->level ? UI_GOOD :
		dec->next_level < dec->level ? UI_BAD : UI_TITLE;
	if (y < bottom) {
		if (dec->next_level != dec->level)
			snprintf(line, sizeof line, "Level %d %s %d", dec->level,
				 ui_utf8() ? "\xe2\x86\x92" : "->", dec->next_level);
		else
			snprintf(line, sizeof line, "Level %d stays", dec->level);
		ui_text(y++, 1, width, line, ui_attr(lrole) | (int)A_BOLD);
	}
	if (y < bottom)
		y += ui_text_wrapped(y, 1, width, bottom - y, dec->reason, A_NORMAL);
	if (save_error != NULL && y < bottom) {
		y += ui_text_wrapped(y, 1, width, bottom - y, save_error,
				     ui_attr(UI_BAD));
	}
	for (size_t i = first_advice; i < dec->ntext && y + 1 < bottom; i++) {
		y++;
		y += ui_text_wrapped(y, 1, width, bottom - y, dec->text[i],
				     ui_attr(UI_WARN));
	}

	y++;
	ui_format_clock(done, sizeof done, rec->done_ms, 0);
	ui_format_clock(planned, sizeof planned, rec->planned_ms, 1);
	if (y < bottom)
		ui_textf(y++, 1, width, A_NORMAL, "Done: %zu of %zu exercises%s%s of %s",
			 rec->exercises_done, rec->exercises_planned, ui_sep(),
			 done, planned);
	if (y < bottom) {
		char pain[16];

		if (ci->pain == CHECKIN_PAIN_SKIPPED)
			snprintf(pain, sizeof pain, "skipped");
		else
			snprintf(pain, sizeof pain, "%d", ci->pain);
		snprintf(line, sizeof line, "Pain %s%snerve signs %s%surgent signs %s",
			 pain, ui_sep(), ci->nerve ? "yes" : "no", ui_sep(),
			 ci->urgent ? "yes" : "no");
		if (ci->morning != CHECKIN_MORNING_NONE) {
			size_t len = strlen(line);

			snprintf(line + len, sizeof line - len,
				 "%sthe morning after the last one: %s", ui_sep(),
				 checkin_morning_name(ci->morning));
		}
		ui_text(y++, 1, width, line, A_NORMAL);
	}
	if (y + 1 < bottom) {
		y++;
		for (size_t i = 0; i < rec->nex && y < bottom; i++) {
			const struct exercise_record *e = &rec->ex[i];
			enum ui_role role;
			const char *mark = outcome_mark(e->outcome, &role);
			int col = 1;

			col += ui_text(y, col, 2, mark, ui_attr(role)) + 1;
			ui_textf(y++, col, width - col, A_NORMAL, "%s%s%d of %d %s%s%s",
				 e->name, ui_sep(), e->sets_done, e->sets_planned,
				 text_plural(e->sets_planned, "set", "sets"),
				 ui_sep(), outcome_word(e->outcome));
		}
	}
	refresh();
}

struct summary {
	const struct workout *w;
	const struct session_record *rec;
	const struct coach_decision *dec;
	const char *save_error;
	bool help;
};

static enum ui_step
summary_key(void *ud, int key, int64_t now)
{
	struct summary *sm = ud;

	(void)now;
	if (UI_KEY_IS_EVENT(key))
		return UI_REDRAW;
	if (sm->help || key == '?') {
		sm->help = !sm->help;	/* any key closes the help */
		return UI_REDRAW;
	}
	return UI_LEAVE;
}

static void
summary_draw(void *ud)
{
	const struct summary *sm = ud;

	draw_summary(sm->w, sm->rec, sm->dec, sm->save_error);
	if (sm->help && COLS >= CHECKIN_MIN_W && LINES >= CHECKIN_MIN_H) {
		ui_keys_help("Keys", NULL, summary_keys,
			     ARRAY_LEN(summary_keys), NULL);
		refresh();
	}
}

static const struct ui_screen summary_screen = {
	.key = summary_key,
	.draw = summary_draw,
};

int
ui_checkin_summary(const struct workout *w, const struct session_record *rec,
		   const struct coach_decision *dec, const char *save_error)
{
	struct summary sm = { w, rec, dec, save_error, false };

	return ui_screen_run(&summary_screen, &sm);
}
