/* due.c - is a session due today (see due.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "app/due.h"
#include "core/caldate.h"
#include "model/checkin.h"

/* Sessions on days from..to (inclusive). */
static unsigned long
sessions_between(const struct histsum *s, long from, long to)
{
	unsigned long n = 0;

	for (size_t i = s->ndays; i-- > 0 && s->days[i].day >= from;)
		if (s->days[i].day <= to)
			n += s->days[i].count;
	return n;
}

/* Days from one session to the next at per_week a week: 7/N, at least 1. */
static long
spacing(int per_week)
{
	return 7 / per_week > 0 ? 7 / per_week : 1;
}

/* The spacing and count rules alone for `day`, with no session after
 * last_day other than those in s. */
static enum due_why
by_rule(const struct histsum *s, int per_week, long last_day, long day)
{
	long gap = spacing(per_week);

	if (sessions_between(s, day - 6, day) >= (unsigned long)per_week)
		return DUE_ENOUGH;
	if (last_day >= 0 && day - last_day < gap)
		return DUE_SPACING;
	return DUE_YES;
}

void
due_decide(const struct histsum *s, const struct settings *set, long today,
	   struct due_answer *a)
{
	const struct history_row *last = histsum_last(s, NULL);

	memset(a, 0, sizeof *a);
	a->per_week = set->sessions_per_week;
	a->week = sessions_between(s, today - 6, today);
	a->last_day = s->ndays > 0 ? s->days[s->ndays - 1].day : -1;
	a->last_pain = last != NULL ? last->pain : CHECKIN_PAIN_SKIPPED;
	a->next_day = -1;
	if (a->last_day > today)	/* a clock set back: count up to today */
		a->last_day = today;
	if (last == NULL) {
		a->due = true;
		a->why = DUE_NONE_YET;
		return;
	}
	if (last->urgent) {
		a->why = DUE_URGENT;
		return;
	}
	if (a->last_day == today)
		a->why = DUE_DONE_TODAY;
	else if (last->pain != CHECKIN_PAIN_SKIPPED &&
		 last->pain >= set->pain_drop2_min && today - last->day == 1)
		a->why = DUE_REST_DAY;
	else
		a->why = by_rule(s, a->per_week, a->last_day, today);
	a->due = a->why == DUE_YES;
	if (a->due)
		return;
	/* The rules hold at most a week (N sessions in 7 days, or 7 days
	 * apart at 1 a week); the rest day, one day. */
	for (long d = today + 1; d <= today + 8; d++)
		if (by_rule(s, a->per_week, a->last_day, d) == DUE_YES) {
			a->next_day = d;
			break;
		}
}

/* The Monday of day's week. */
static long
monday_of(long day)
{
	return day - caldate_weekday(day);
}

void
due_decide_recovery(const struct recovery_plan *p,
		    const struct recovery_state *st, struct due_answer *a)
{
	const struct recovery_phase *ph = &p->phases[st->phase];

	memset(a, 0, sizeof *a);
	a->recovery = true;
	a->per_week = ph->per_week;
	a->week = (unsigned long)st->week_sessions;
	a->phase = ph->name;
	a->routine = st->routine;
	a->recovery_day = st->day;
	a->last_pain = st->rest_pain;
	a->last_day = st->urgent_day;
	a->next_day = -1;
	if (st->urgent_open)
		a->why = DUE_URGENT;
	else if (st->rest_today)
		a->why = DUE_REST_DAY;
	else if (st->done_today)
		a->why = DUE_DONE_TODAY;
	else if (st->week_sessions >= ph->per_week)
		a->why = DUE_ENOUGH;
	else
		a->why = DUE_YES;
	a->due = a->why == DUE_YES;
	if (a->why == DUE_ENOUGH ||
	    (a->why == DUE_DONE_TODAY && st->week_sessions >= ph->per_week))
		a->next_day = monday_of(st->today) + 7;
	else if (a->why == DUE_DONE_TODAY || a->why == DUE_REST_DAY)
		a->next_day = st->today + 1;
}

/* "Mon 30 Nov" for a day number, in English whatever the locale, as
 * every other line limber prints. */
static void
day_text(long day, char *buf, size_t n)
{
	static const char wday[7][4] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	static const char mon[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char date[CALDATE_BUF];
	long m;

	caldate_format(day, date);	/* "2026-11-30" */
	m = strtol(date + 5, NULL, 10);
	if (strlen(date) != 10 || m < 1 || m > 12)
		snprintf(buf, n, "%s", date);
	else
		snprintf(buf, n, "%s %ld %s", wday[caldate_weekday(day)],
			 strtol(date + 8, NULL, 10), mon[m - 1]);
}

/* due_line with a recovery running. */
static void
recovery_line(const struct due_answer *a, const char *next, char *buf, size_t n)
{
	switch (a->why) {
	case DUE_YES:
		snprintf(buf, n, "Due today: %s (session %lu of %d this week; %s, day %ld of your recovery).",
			 a->routine, a->week + 1, a->per_week, a->phase, a->recovery_day);
		break;
	case DUE_DONE_TODAY:
		snprintf(buf, n, "Not due: done today (%lu of %d this week; %s).%s",
			 a->week, a->per_week, a->phase, next);
		break;
	case DUE_REST_DAY:
		snprintf(buf, n, "Not due: a rest day after pain %d today.%s", a->last_pain, next);
		break;
	case DUE_ENOUGH:
	default:
		snprintf(buf, n, "Not due: this week's %d session%s of %s %s done.%s",
			 a->per_week, a->per_week == 1 ? "" : "s", a->phase,
			 a->per_week == 1 ? "is" : "are", next);
		break;
	}
}

char *
due_line(const struct due_answer *a, long today, char *buf, size_t n)
{
	char last[CALDATE_BUF], next[CALDATE_BUF + 16] = "";

	day_text(a->last_day, last, sizeof last);
	if (a->next_day == today + 1)
		snprintf(next, sizeof next, " Next: tomorrow.");
	else if (a->next_day >= 0) {
		char d[CALDATE_BUF];

		day_text(a->next_day, d, sizeof d);
		snprintf(next, sizeof next, " Next: %s.", d);
	}
	if (a->recovery && a->why != DUE_URGENT) {
		recovery_line(a, next, buf, n);
		return buf;
	}
	switch (a->why) {
	case DUE_NONE_YET:
		snprintf(buf, n, "Due today: no session recorded yet (%d a week).",
			     a->per_week);
		break;
	case DUE_YES:
		snprintf(buf, n, "Due today: %lu of %d sessions in the last 7 days, the last on %s.",
			     a->week, a->per_week, last);
		break;
	case DUE_DONE_TODAY:
		snprintf(buf, n, "Not due: done today (%lu of %d in the last 7 days).%s",
			     a->week, a->per_week, next);
		break;
	case DUE_URGENT:
		snprintf(buf, n, "Not due: your check-in on %s reported urgent signs: "
			     "seek emergency care now, and exercise again only after a doctor has seen you.",
			     last);
		break;
	case DUE_REST_DAY:
		snprintf(buf, n, "Not due: a rest day after pain %d yesterday.%s",
			     a->last_pain, next);
		break;
	case DUE_ENOUGH:
		snprintf(buf, n, "Not due: %lu of %d sessions in the last 7 days are done.%s",
			     a->week, a->per_week, next);
		break;
	case DUE_SPACING:
	default:
		snprintf(buf, n, "Not due: %d a week means %ld days apart, the last on %s.%s",
			     a->per_week, spacing(a->per_week), last, next);
		break;
	}
	return buf;
}
