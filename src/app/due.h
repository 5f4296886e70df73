/* due.h - is a session due today?  The answer behind `limber due`.
 *
 * Without a recovery plan the rule is the sessions_per_week setting (N,
 * default 3: ACSM asks for stretching on at least 2-3 days a week), with
 * the sessions spread out rather than bunched:
 *   - not due when a session was done today;
 *   - not due while the newest session's check-in reported urgent signs
 *     (emergency care comes first), nor on the day after a session with
 *     pain at pain_drop2_min or more (the coach advised a rest day);
 *   - not due when the last 7 days (today included) already hold N
 *     sessions, or fewer than 7/N days (at least 1) have passed since the
 *     last one: 3 a week gives every second day, 2 a week every third;
 *   - otherwise due (also with no session at all).
 * When not due, the answer names the first day it will be due again if no
 * session comes before (none while urgent signs stand).
 *
 * With a recovery running (limber start), its plan decides instead, as
 * `limber today` does: not due while urgent signs stand, on a rest day
 * (pain at pain_drop2_min or more today), after today's session, or when
 * the phase's per_week sessions of this Monday-to-Sunday week are done;
 * otherwise due, naming the routine the plan gives.
 *
 * Pure: the summary (or the recovery's state), the settings and the day
 * are handed in. */
#ifndef LIMBER_DUE_H
#define LIMBER_DUE_H

#include <stdbool.h>

#include "history/histsum.h"
#include "model/recovery.h"
#include "model/settings.h"

enum due_why {
	DUE_NONE_YET,		/* due: no session recorded */
	DUE_YES,		/* due by the rule */
	DUE_DONE_TODAY,
	DUE_URGENT,		/* the newest check-in reported urgent signs */
	DUE_REST_DAY,		/* the day after pain >= pain_drop2_min */
	DUE_ENOUGH,		/* N sessions in the last 7 days */
	DUE_SPACING,		/* too soon after the last one */
};

struct due_answer {
	bool due;
	enum due_why why;
	int per_week;		/* N */
	unsigned long week;	/* sessions in the last 7 days, today included */
	long last_day;		/* the newest session's day; -1 with none */
	int last_pain;		/* its pain, CHECKIN_PAIN_SKIPPED when skipped */
	long next_day;		/* when not due: the first day due again; -1: none */
	/* By a recovery plan: its phase, routine and day of the recovery. */
	bool recovery;
	const char *phase, *routine;
	long recovery_day;
};

/* The answer for `today` (a local day number, as history_row.day). */
void due_decide(const struct histsum *s, const struct settings *set,
		long today, struct due_answer *a);

/* The answer with a recovery running (st->active), from its plan. */
void due_decide_recovery(const struct recovery_plan *p,
			 const struct recovery_state *st, struct due_answer *a);

/* The answer as one line, without a newline, into buf (n bytes):
 * "Due today: 1 of 3 sessions in the last 7 days, the last on Mon 30 Nov."
 * Returns buf. */
char *due_line(const struct due_answer *a, long today, char *buf, size_t n);

#endif
