/* checkin.h - the questions around a session and how answers are read.
 *
 * Pure logic: the front ends print the questions and read the lines; this
 * module owns the wording (doc/coaching.md "The check-in"), reads
 * the answers and decides when the morning-after question is due.
 *
 * Order: before a session, the morning-after question when
 * checkin_morning_due says so; after it (completed or stopped alike),
 * CHECKIN_PAIN, CHECKIN_NERVE, CHECKIN_URGENT.
 *
 * The morning-after rule.  history.csv is append-only, so the answer about
 * a session cannot be written into that session's own row.  It goes into
 * the `morning` column of the NEXT session's row: row N's `morning` says
 * how the back felt the morning after session N-1 (any routine).  Hence:
 * - the newest row's session is the only one whose morning-after can still
 *   be unanswered; every older one was followed by a session that asked;
 * - it is due only after a night: the newest row started on an earlier
 *   local calendar day AND morning_after_hours (default 8) or more before
 *   now.  Sooner than that there has been no morning yet, and the question
 *   is not asked at all for that session (the next session's row then has
 *   an empty `morning`);
 * - it is never asked about a session with no exercise done: nothing
 *   loaded the back;
 * - the answer is stored in the row of the session about to run.  It is
 *   about the newest session, so "worse: down 1" changes that session's
 *   routine only: the coach applies it to this session's decision when
 *   the routines are the same, and otherwise history_level lowers that
 *   routine's level by one;
 * - with an empty history nothing is due. */
#ifndef LIMBER_CHECKIN_H
#define LIMBER_CHECKIN_H

#include <stdbool.h>
#include <time.h>

struct settings;

#define CHECKIN_PAIN_SKIPPED (-1)

enum checkin_morning {
	CHECKIN_MORNING_NONE,	/* not asked, or skipped: stored empty */
	CHECKIN_MORNING_BETTER,
	CHECKIN_MORNING_SAME,
	CHECKIN_MORNING_WORSE,
};

struct checkin {
	int pain;		/* 0-10, CHECKIN_PAIN_SKIPPED when skipped */
	bool nerve;		/* nerve signs answered yes */
	bool urgent;		/* urgent signs answered yes */
	enum checkin_morning morning;	/* about the previous session */
};

enum checkin_question {
	CHECKIN_MORNING,	/* before the session, when due */
	CHECKIN_PAIN,
	CHECKIN_NERVE,
	CHECKIN_URGENT,
};

/* Nothing answered yet: pain skipped, no signs, morning none. */
void checkin_init(struct checkin *c);

/* The question, e.g. "Pain now, from 0 to 10, where 0 is no pain and 10
 * the worst imaginable?"; the accepted answers as a sentence that reads
 * well aloud, e.g. "Answer 0 to 10, or press Enter to skip." or "Yes or
 * no?"; and what to say after an answer that was not understood. */
const char *checkin_question(enum checkin_question q);
const char *checkin_choices(enum checkin_question q);
const char *checkin_retry(enum checkin_question q);

/* Answer parsers.  Blanks (spaces, tabs, CR, LF) around the answer are
 * ignored.  Each returns 0 and sets *out, or -1 when the answer is not
 * understood (ask again; *out is left alone).
 * pain:    "0" ... "10"; empty is skipped (CHECKIN_PAIN_SKIPPED).
 * yes/no:  y, yes, n, no (any case); empty is not an answer.
 * morning: better, same, worse, or b, s, w (any case); empty skips it
 *          (CHECKIN_MORNING_NONE). */
int checkin_parse_pain(const char *answer, int *out);
int checkin_parse_yesno(const char *answer, bool *out);
int checkin_parse_morning(const char *answer, enum checkin_morning *out);

/* Parse the answer to q into the matching field of c: 0, or -1 when the
 * answer is not understood (c unchanged). */
int checkin_answer(struct checkin *c, enum checkin_question q,
		   const char *answer);

/* "better", "same", "worse", or "" for none. */
const char *checkin_morning_name(enum checkin_morning m);

/* Is the morning-after question due before a session starting at now,
 * about the newest session of all (any routine), which started at
 * newest_started?  (See the rule above; with no session nothing is due,
 * and there is nothing to ask.) */
bool checkin_morning_due(time_t newest_started, long newest_exercises_done,
			 time_t now, const struct settings *s);

#endif
