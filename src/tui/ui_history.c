/* ui_history.c - the history screen: sessions newest first, streak and
 * sessions per week, the pain trend, a calendar of the last 12 weeks. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/coach.h"
#include "model/action.h"
#include "core/caldate.h"
#include "core/clock.h"
#include "core/diag.h"
#include "history/histsum.h"
#include "history/history.h"
#include "core/paths.h"
#include "model/settings.h"
#include "tui/ui.h"
#include "tui/ui_draw.h"
#include "core/util.h"

#define HIST_MIN_W 30
#define HIST_MIN_H 8
#define CAL_WEEKS 12
#define CHART_ROWS 7		/* the charts' height, the calendar's 7 days */
#define TREND_W (4 + HISTORY_TREND)	/* axis labels and one column a session */
#define CAL_W (2 + CAL_WEEKS * 2)
#define DETAIL_LABEL_W 11	/* "Red flags" and a gap */

/* The keys of the list and of one session opened from it (action.c's
 * ACTX_LIST): the legends and the help. */
static const struct ui_keydef list_keys[] = {
	{ "j/k/\xe2\x86\x91/\xe2\x86\x93", "move", "choose a session (newest first)" },
	{ "enter", "open", "the whole session: decision, advice, answers" },
	{ "esc/q", "back", "back (Backspace too)" },
	{ "?", "help", "this help" },
};
static const struct ui_keydef detail_keys[] = {
	{ "j/k/\xe2\x86\x91/\xe2\x86\x93", "older/newer",
	  "the next older (j, down) or newer (k, up) session" },
	{ "enter/esc/q", "back", "back to the list (Backspace too)" },
	{ "?", "help", "this help" },
};

struct hist {
	struct history h;
	struct history_stats st;
	struct settings settings;
	char *error;		/* the history could not be read */
	time_t now;
	long today;
	size_t sel;		/* the chosen row, counted from the newest */
	size_t top;		/* first row shown, counted from the newest */
	size_t visible;		/* table rows on screen at the last draw */
	bool open;		/* the chosen row is shown whole */
	bool help;
	char legend[160];
};

/* The row sel counts to, newest first. */
static const struct history_row *
chosen(const struct hist *hs)
{
	return &hs->h.rows[hs->h.n - 1 - hs->sel];
}

static void
draw_trend(const struct hist *hs, int y, int x)
{
	/* eighths of a cell, bottom up */
	static const char *const blocks[9] = {
		" ", "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
	};
	const struct history_stats *st = &hs->st;
	int rows = CHART_ROWS - 1;	/* one row for the title */
	int units = rows * 8;

	ui_textf(y, x, TREND_W, ui_attr(UI_TITLE), "Pain after the last %d",
		 HISTORY_TREND);
	for (int r = 0; r < rows; r++) {
		const char *label = r == 0 ? "10" : r == rows / 2 ? " 5" :
				    r == rows - 1 ? " 0" : "  ";

		ui_textf(y + 1 + r, x, 4, ui_attr(UI_DIM), "%s%s", label,
			 ui_utf8() ? "\xe2\x94\x82" : "|");
	}
	for (size_t i = 0; i < st->ntrend; i++) {
		int p = st->trend[i], col = x + 4 + (int)i;

		if (p < 0) {
			ui_text(y + rows, col, 1, ui_utf8() ? "\xc2\xb7" : ".",
				ui_attr(UI_DIM));
			continue;
		}
		/* pain 0 still shows a sliver, so a session is visible */
		int h = p == 0 ? 1 : (p * units + 5) / 10;
		int attr = ui_attr(ui_pain_role(&hs->settings, p));

		for (int r = 0; r < rows; r++) {
			int base = (rows - 1 - r) * 8, cell = h - base;

			if (cell <= 0)
				continue;
			if (cell > 8)
				cell = 8;
			ui_text(y + 1 + r, col, 1,
				ui_utf8() ? blocks[cell] : (cell >= 4 ? "#" : "_"), attr);
		}
	}
}

static void
draw_calendar(const struct hist *hs, int y, int x)
{
	static const char days[] = "MTWTFSS";
	long monday = hs->today - caldate_weekday(hs->today);
	long first = monday - (CAL_WEEKS - 1) * 7;

	ui_textf(y, x, CAL_W + 2, ui_attr(UI_TITLE), "Last %d weeks", CAL_WEEKS);
	for (int d = 0; d < 7; d++) {
		char lab[2] = { days[d], '\0' };

		ui_text(y + 1 + d, x, 1, lab, ui_attr(UI_DIM));
		for (int wk = 0; wk < CAL_WEEKS; wk++) {
			long day = first + wk * 7 + d;
			int n = 0, col = x + 2 + wk * 2;
			bool stopped = false;

			if (day > hs->today)
				continue;
			for (size_t i = 0; i < hs->h.n; i++) {
				/* an empty session exercised nothing */
				if (hs->h.rows[i].day == day &&
				    hs->h.rows[i].exercises_done > 0) {
					n++;
					stopped |= hs->h.rows[i].status != SESSION_COMPLETED;
				}
			}
			if (n > 0)
				ui_text(y + 1 + d, col, 1,
					ui_utf8() ? "\xe2\x96\xa0" : "#",
					ui_attr(stopped ? UI_WARN : UI_GOOD) |
					(day == hs->today ? (int)A_UNDERLINE : 0));
			else
				ui_text(y + 1 + d, col, 1,
					ui_utf8() ? "\xc2\xb7" : ".",
					day == hs->today ? (int)A_BOLD : ui_attr(UI_DIM));
		}
	}
}

/* Column widths of the table for the width there is. */
struct cols {
	int when, routine, level, done, pain, decision;
};

static void
table_cols(int w, struct cols *c)
{
	c->when = 16;
	c->routine = 12;
	c->level = 6;
	c->done = 10;
	c->pain = 5;
	c->decision = w - (c->when + c->routine + c->level + c->done + c->pain);
	if (c->decision < 12) {
		c->routine = 9;
		c->done = 9;
		c->decision = w - (c->when + c->routine + c->level + c->done + c->pain);
	}
	if (c->decision < 8)
		c->decision = 0;
	if (c->decision == 0 && w < c->when + c->routine + c->level + c->done + c->pain) {
		c->when = 11;
		c->routine = w - (c->when + c->level + c->done + c->pain);
		if (c->routine < 4)
			c->routine = 4;
	}
}

static void
draw_row(int y, int w, const struct cols *c, const char *when,
	 const char *routine, const char *level, const char *done,
	 const char *pain, int pain_attr, const char *decision, int attr)
{
	int x = 1;

	ui_text(y, x, c->when - 1, when, attr);
	x += c->when;
	ui_text(y, x, c->routine - 1, routine, attr);
	x += c->routine;
	ui_text(y, x, c->level - 1, level, attr);
	x += c->level;
	ui_text(y, x, c->done - 1, done, attr);
	x += c->done;
	ui_text(y, x, c->pain - 1, pain, pain_attr);
	x += c->pain;
	if (c->decision > 0)
		ui_text(y, x, w - x, decision, attr);
}

static void
draw_table(struct hist *hs, int y, int bottom, int w)
{
	struct cols c;
	size_t n = hs->h.n;

	table_cols(w - 1, &c);
	draw_row(y++, w, &c, "WHEN", "ROUTINE", "LEVEL", "DONE", "PAIN",
		 ui_attr(UI_TITLE), "DECISION", ui_attr(UI_TITLE));
	hs->visible = bottom > y ? (size_t)(bottom - y) : 0;
	if (hs->sel < hs->top)
		hs->top = hs->sel;
	if (hs->visible > 0 && hs->sel >= hs->top + hs->visible)
		hs->top = hs->sel - hs->visible + 1;
	for (size_t i = hs->top; i < n && y < bottom; i++) {
		const struct history_row *r = &hs->h.rows[n - 1 - i];
		char when[48], level[16], done[32], pain[8];

		history_ago(r, hs->now, when, sizeof when);
		if (r->next_level != r->level)
			snprintf(level, sizeof level, "%d%s%d", r->level,
				 ui_utf8() ? "\xe2\x86\x92" : ">", r->next_level);
		else
			snprintf(level, sizeof level, "%d", r->level);
		snprintf(done, sizeof done, "%ld/%ld%s", r->exercises_done,
			 r->exercises_planned,
			 r->status == SESSION_COMPLETED ? "" : " stop");
		if (r->pain == CHECKIN_PAIN_SKIPPED)
			snprintf(pain, sizeof pain, "-");
		else
			snprintf(pain, sizeof pain, "%d", r->pain);
		if (i == hs->sel) {
			attrset(ui_attr(UI_SELECTED));
			mvhline(y, 0, ' ', w);
			attrset(A_NORMAL);
		}
		draw_row(y++, w, &c, when, r->routine, level, done, pain,
			 i == hs->sel ? ui_attr(UI_SELECTED) :
			 r->pain == CHECKIN_PAIN_SKIPPED ? ui_attr(UI_DIM)
			 : ui_attr(ui_pain_role(&hs->settings, r->pain)),
			 r->reason, i == hs->sel ? ui_attr(UI_SELECTED) : (int)A_NORMAL);
	}
}

static void
draw_help(const struct hist *hs)
{
	if (hs->help)
		ui_keys_help("Keys", NULL, hs->open ? detail_keys : list_keys,
			     hs->open ? ARRAY_LEN(detail_keys) : ARRAY_LEN(list_keys),
			     NULL);
}

/* One labelled field of the detail view, its value wrapped beside the
 * label; returns the next row. */
static int
detail_field(int y, int bottom, int w, const char *label, const char *value,
	     int attr)
{
	int lw = DETAIL_LABEL_W;

	if (y >= bottom)
		return y;
	ui_text(y, 1, lw - 1, label, ui_attr(UI_DIM));
	return y + ui_text_wrapped(y, 1 + lw, w - 2 - lw, bottom - y, value, attr);
}

/* The exercises marked as hurting, stored "a;b", as "a, b"; returns how
 * many. */
static size_t
hurt_list(const char *stored, char *buf, size_t n)
{
	size_t count = 0, len = 0;

	buf[0] = '\0';
	for (const char *p = stored; *p != '\0';) {
		const char *e = strchr(p, ';');
		size_t l = e != NULL ? (size_t)(e - p) : strlen(p);

		if (l > 0 && len < n) {
			int got = snprintf(buf + len, n - len, "%s%.*s",
					   count > 0 ? ", " : "", (int)l, p);

			if (got > 0)
				len += (size_t)got;
			count++;
		}
		p += l;
		if (*p == ';')
			p++;
	}
	return count;
}

/* The chosen session whole: every field the table cuts, and the advice
 * the coach gives for it (by today's settings, from the history before
 * it: the advice is not stored). */
static void
draw_detail(const struct hist *hs, int y, int bottom, int w)
{
	const struct history_row *r = chosen(hs);
	struct history before = hs->h;
	struct coach_input in;
	struct coach_decision dec;
	char line[640], hurt[512], when[48], done[32], planned[32];
	size_t nhurt = hurt_list(r->hurt, hurt, sizeof hurt);

	before.n = hs->h.n - 1 - hs->sel;	/* the rows before it */
	memset(&in, 0, sizeof in);
	in.routine = r->routine;
	in.level = r->level;
	in.current_level = history_level(&before, r->routine);
	in.one_off = r->level != in.current_level;
	in.status = r->status;
	in.hurt = nhurt;
	in.checkin.pain = r->pain;
	in.checkin.nerve = r->nerve;
	in.checkin.urgent = r->urgent;
	in.checkin.morning = r->morning;
	in.now = r->started;
	coach_decide(&hs->settings, &before, &in, &dec);

	ui_textf(y++, 1, w - 2, ui_attr(UI_TITLE) | (int)A_BOLD,
		 "Session %zu of %zu%s%s", hs->h.n - hs->sel, hs->h.n, ui_sep(),
		 r->routine);
	y++;
	snprintf(line, sizeof line, "%.10s %.5s (%s)", r->started_text,
		 r->started_text + 11, history_ago(r, hs->now, when, sizeof when));
	y = detail_field(y, bottom, w, "When", line, A_NORMAL);
	if (r->next_level != r->level)
		snprintf(line, sizeof line, "%d, next time %d", r->level,
			 r->next_level);
	else
		snprintf(line, sizeof line, "%d, stays", r->level);
	y = detail_field(y, bottom, w, "Level", line, A_NORMAL);
	ui_format_clock(done, sizeof done, (int64_t)r->done_s * 1000, 0);
	ui_format_clock(planned, sizeof planned, (int64_t)r->planned_s * 1000, 1);
	snprintf(line, sizeof line, "%s: %ld of %ld exercises, %s of %s",
		 history_status_name(r->status), r->exercises_done,
		 r->exercises_planned, done, planned);
	y = detail_field(y, bottom, w, "Done", line, A_NORMAL);
	if (r->pain == CHECKIN_PAIN_SKIPPED)
		snprintf(line, sizeof line, "not answered");
	else
		snprintf(line, sizeof line, "%d of 10", r->pain);
	y = detail_field(y, bottom, w, "Pain", line,
			 r->pain == CHECKIN_PAIN_SKIPPED ? (int)A_NORMAL
			 : ui_attr(ui_pain_role(&hs->settings, r->pain)));
	if (r->morning == CHECKIN_MORNING_NONE)
		snprintf(line, sizeof line, "not asked");
	else
		snprintf(line, sizeof line, "%s, the morning after the session before",
			 checkin_morning_name(r->morning));
	y = detail_field(y, bottom, w, "Morning", line, A_NORMAL);
	y = detail_field(y, bottom, w, "Red flags",
			 r->urgent && r->nerve ? "urgent signs and nerve signs" :
			 r->urgent ? "urgent signs" : r->nerve ? "nerve signs" : "none",
			 r->urgent ? ui_attr(UI_URGENT) :
			 r->nerve ? ui_attr(UI_WARN) : (int)A_NORMAL);
	y = detail_field(y, bottom, w, "Hurting", nhurt > 0 ? hurt : "none",
			 nhurt > 0 ? ui_attr(UI_BAD) : (int)A_NORMAL);
	if (r->reason[0] != '\0')
		snprintf(line, sizeof line, "%s", r->reason);
	else
		snprintf(line, sizeof line, "level %d -> %d", r->level,
			 r->next_level);
	y = detail_field(y, bottom, w, "Decision", line, A_NORMAL);
	for (size_t i = 0; i < dec.ntext; i++)
		y = detail_field(y, bottom, w, i == 0 ? "Advice" : "", dec.text[i],
				 (dec.advice & COACH_ADVICE_URGENT) && i == 0
				 ? ui_attr(UI_URGENT) : ui_attr(UI_WARN));
	if (dec.ntext == 0)
		detail_field(y, bottom, w, "Advice", "none", A_NORMAL);
}

static void
draw_history(struct hist *hs)
{
	const struct history_stats *st = &hs->st;
	int w = COLS, h = LINES, nleg, y = 2, bottom;
	char right[96], line[256];

	erase();
	ui_keys_legend(hs->open ? detail_keys : list_keys,
		       hs->open ? ARRAY_LEN(detail_keys) : ARRAY_LEN(list_keys),
		       hs->legend, sizeof hs->legend);
	nleg = ui_legend_lines(hs->legend, w - 2);
	if (w < HIST_MIN_W || h < HIST_MIN_H + nleg - 1) {
		ui_too_small(HIST_MIN_W, HIST_MIN_H);
		refresh();
		return;
	}
	snprintf(right, sizeof right, "%zu session%s%s%d%% completed",
		 st->sessions, st->sessions == 1 ? "" : "s", ui_sep(),
		 st->completed_pct);
	ui_text(0, 1, w - 2, "History", ui_attr(UI_TITLE));
	if (ui_text_width(right) + 12 < w)
		ui_text(0, w - 1 - ui_text_width(right), w, right, ui_attr(UI_DIM));
	ui_hline(1, 0, w, ui_attr(UI_DIM));
	ui_legend(h - nleg, 1, w - 2, nleg, hs->legend);
	bottom = h - nleg;
	if (hs->error != NULL) {
		ui_text_wrapped(y, 1, w - 2, bottom - y, hs->error, ui_attr(UI_BAD));
		refresh();
		return;
	}
	if (hs->h.n == 0) {
		ui_text(y + 1, 1, w - 2, "No sessions yet.", A_NORMAL);
		draw_help(hs);
		refresh();
		return;
	}
	if (hs->open) {
		draw_detail(hs, y, bottom, w);
		draw_help(hs);
		refresh();
		return;
	}
	/* streak and sessions per week, newest week first */
	{
		int len = snprintf(line, sizeof line,
				   "Streak %d day%s (best %d)%sper week, this one first:",
				   st->streak_current, st->streak_current == 1 ? "" : "s",
				   st->streak_longest, ui_sep());

		for (int i = 0; i < HISTORY_WEEKS && len > 0 && (size_t)len < sizeof line; i++)
			len += snprintf(line + len, sizeof line - (size_t)len, " %d",
					st->per_week[i]);
		y += ui_text_wrapped(y, 1, w - 2, 2, line, A_NORMAL);
	}
	/* the charts, when the table keeps a few rows */
	if (bottom - y >= CHART_ROWS + 1 + 4 && w - 2 >= TREND_W) {
		y++;
		draw_trend(hs, y, 1);
		if (w - 2 >= TREND_W + 4 + CAL_W)
			draw_calendar(hs, y, 1 + TREND_W + 4);
		y += CHART_ROWS + 1;
	}
	draw_table(hs, y, bottom, w);
	draw_help(hs);
	refresh();
}

static void
hist_load(struct hist *hs)
{
	struct diag_list d;
	char *path = paths_history_file(), *conf = paths_settings_file();

	diag_init(&d);
	history_init(&hs->h);
	settings_load(&hs->settings, conf, &d);
	if (history_load(&hs->h, path, &d) != 0)
		hs->error = diag_first_error(&d);
	/* row warnings go to stderr: shown after the screen closes */
	diag_print(&d, stderr);
	diag_free(&d);
	free(path);
	free(conf);
	hs->now = clock_wall();
	hs->today = caldate_local_day(hs->now);
	history_stats(&hs->h, hs->now, &hs->st);
}

static enum ui_step
hist_key(void *ud, int key, int64_t now)
{
	struct hist *hs = ud;

	(void)now;
	if (UI_KEY_IS_EVENT(key))
		return UI_REDRAW;
	if (hs->help) {
		hs->help = false;	/* any key closes the help */
		return UI_REDRAW;
	}
	switch (action_from_key(ACTX_LIST, key)) {
	case ACTION_UP:
		if (hs->sel > 0)
			hs->sel--;
		break;
	case ACTION_DOWN:
		if (hs->sel + 1 < hs->h.n)
			hs->sel++;
		break;
	case ACTION_ENTER:
		hs->open = !hs->open && hs->h.n > 0;
		break;
	case ACTION_HELP:
		hs->help = true;
		break;
	case ACTION_BACK:
	case ACTION_QUIT:
		if (!hs->open)
			return UI_LEAVE;
		hs->open = false;
		break;
	default:
		return UI_STAY;
	}
	return UI_REDRAW;
}

static void
hist_draw(void *ud)
{
	draw_history(ud);
}

static const struct ui_screen hist_screen = {
	.key = hist_key,
	.draw = hist_draw,
};

int
ui_history_screen(void)
{
	struct hist hs;
	int sig;

	memset(&hs, 0, sizeof hs);
	hist_load(&hs);
	sig = ui_screen_run(&hist_screen, &hs);
	history_free(&hs.h);
	free(hs.error);
	return sig;
}
