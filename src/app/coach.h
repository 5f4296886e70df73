/* coach.h - the coaching rules: from a session and its check-in to the
 * routine's next level, a one-line reason, and advice.
 *
 * Pure: no clock (now is handed in), no I/O.  The thresholds come from the
 * settings (defaults in brackets).  The rules, first match decides the
 * level (doc/coaching.md "The level rules", with their sources):
 *
 *  1. pain >= pain_drop2_min [8]: down 2 (not below 1); a rest day.
 *  2. pain > pain_hold_max [6-7], or the morning after the last session
 *     was worse: down 1 (not below 1).
 *  3. Otherwise the level stays, unless the session is green and enough
 *     greens are in a row.  A session is green when pain <= pain_green_max
 *     [0-3], it was completed, nothing was marked as hurting, no red flag
 *     was answered yes and the morning was not worse.  The reason names the
 *     first that applies of: urgent signs, nerve signs, stopped early, an
 *     exercise hurting, pain skipped, pain in the hold band [4-5], a
 *     one-off run, not yet enough greens.
 *  4. Up 1 (not above 10) when this green session and the ones before it
 *     make green_sessions_to_progress [2] in a row: counting the rows of
 *     this routine newest first, each green, at the current level and with
 *     next_level equal to it.  Any other row ends the count, so a change of
 *     level (up or down) starts it again.  Not while an exercise marked as
 *     hurting in an earlier session has not been done without hurting
 *     since (in->hurt_open), and not before the routine's min_days have
 *     passed at the level (counted from the day of the oldest row of the
 *     newest run of this routine's rows whose next_level is the level).
 *
 * Downs are taken from the routine's current level (the level it returns
 * to), not from the level of a one-off run.
 *
 * A one-off run (`--level N`, in->one_off, or a level other than the
 * current one) never raises the level: one try at another level says
 * little about the routine's own level.  Its row still counts in later
 * counts like any other (so a one-off run at the current level that was
 * green is a green at that level).
 *
 * Advice, independent of the level: urgent signs -> seek emergency care
 * now; nerve signs -> see a doctor or physiotherapist soon; rule 1 -> a
 * rest day; red pain at level 1 -> the gentle routine or a rest day, and a
 * professional when it persists; the two-week rule -> see a professional when this session's
 * pain is >= professional_pain_min [4] and so was every earlier session's
 * (any routine; skipped answers neither count nor break the run) back to
 * one professional_days [14] or more calendar days ago, both days
 * counted. */
#ifndef LIMBER_COACH_H
#define LIMBER_COACH_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "model/checkin.h"
#include "history/history.h"
#include "model/session.h"
#include "model/settings.h"

struct coach_input {
	const char *routine;
	int level;		/* the level run */
	int current_level;	/* history_level(h, routine) before this run */
	bool one_off;		/* run with --level */
	enum session_status status;	/* SESSION_COMPLETED or SESSION_STOPPED */
	size_t hurt;		/* exercises marked as hurting */
	/* Exercises of this routine marked as hurting in an earlier session
	 * and still not done without hurting after this one (';'-joined;
	 * NULL or "" when none): the level never goes up meanwhile. */
	const char *hurt_open;
	/* The routine's "# min_days": the least number of days at a level
	 * before it goes up (0: none). */
	int min_days;
	/* The routine of the session the morning-after answer is about
	 * (NULL: this one).  "Worse" lowers that routine only: for another
	 * routine it does not touch this decision (history_level lowers
	 * that one). */
	const char *morning_routine;
	/* The recovery's two-week rule is open (recovery.h): pain above
	 * green past professional_days, no professional seen yet. */
	bool two_week;
	struct checkin checkin;
	time_t now;
};

enum coach_advice {
	COACH_ADVICE_URGENT = 1 << 0,		/* seek emergency care now */
	COACH_ADVICE_NERVE = 1 << 1,		/* see a doctor or physio soon */
	COACH_ADVICE_PROFESSIONAL = 1 << 2,	/* the two-week rule */
	COACH_ADVICE_REST_DAY = 1 << 3,
	COACH_ADVICE_LOWEST = 1 << 4,	/* red at level 1: gentle, rest, a professional */
};

#define COACH_REASON_MAX 256
#define COACH_ADVICE_COUNT 5
#define COACH_ADVICE_MAX 320

struct coach_decision {
	int level;		/* the current level the decision starts from */
	int next_level;		/* 1-10 */
	bool green;		/* this session was green */
	char reason[COACH_REASON_MAX];	/* "level 4 -> 5: two green ..." */
	unsigned advice;	/* enum coach_advice bits */
	/* The advice as sentences, most urgent first (urgent, nerve,
	 * professional, rest day); show COACH_ADVICE_URGENT prominently. */
	char text[COACH_ADVICE_COUNT][COACH_ADVICE_MAX];
	size_t ntext;
};

/* h is the history before this session's row; out is filled completely. */
void coach_decide(const struct settings *s, const struct history *h,
		  const struct coach_input *in, struct coach_decision *out);

/* Is a stored row a green session at level (see rule 3 and 4)? */
bool coach_row_green(const struct settings *s, const struct history_row *r,
		     int level);

#endif
