/* eventtext.h - session events as sentences, the same in both front ends.
 *
 * --plain prints one of these per milestone (an exercise, a set, a hold, a
 * rest, a switch, "10 seconds left"), never one per second, so screen
 * readers and logs can follow; the full-screen coach shows the dose and
 * the "hurt" note in the same words. */
#ifndef LIMBER_EVENTTEXT_H
#define LIMBER_EVENTTEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/util.h"
#include "model/plan.h"
#include "model/session.h"

/* The milestone line for an event (a new string; it may hold a newline:
 * an exercise's line, its form cue, then the get-ready), or NULL when the
 * event has none.  rec is the session's record so far (the summary line
 * of SEV_SESSION_DONE and SEV_STOP). */
char *eventtext_line(const struct plan *p, const struct session_event *ev,
		     const struct session_record *rec);

/* "2 sets of 6 reps, 10 seconds each, each side" appended to b: words a
 * screen reader says as they are meant (no unit letters, no brackets);
 * "hold 15 seconds", or "run 15 seconds" in a plan whose work phase is
 * RUN. */
void eventtext_dose(struct strbuf *b, const struct plan *p,
		    const struct plan_exercise *x);

/* "11 minutes 20 seconds", "45 seconds", "1 hour 2 minutes" (a new
 * string), to the nearest second. */
char *eventtext_duration(int64_t ms);

/* A phase's name (plan.work_name, plan.rest_name: "HOLD", "RUN", "WALK")
 * as a word in a sentence: "hold", or capitalised "Walk".  The string is
 * static, one for each form, until the next call of that form. */
const char *eventtext_phase_word(const char *name, bool capital);

#endif
