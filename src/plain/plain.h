/* plain.h - `limber run --plain`: the coach as lines of text.
 *
 * One line per milestone (an exercise, a set, a hold, a rest, a switch,
 * "10 seconds left"), never one per second, so screen readers and logs can
 * follow.  Keys work when stdin is a terminal; otherwise stdin is read
 * only for the check-in after the session. */
#ifndef LIMBER_PLAIN_H
#define LIMBER_PLAIN_H

#include <stdio.h>

#include "model/plan.h"
#include "model/session.h"

struct cli_opts;

int plain_main(const struct cli_opts *o, const char *routine_arg);

/* The milestone line for an event, or NULL when the event has none.
 * Pure: used by plain_main and by the tests.  Returns a new string. */
char *plain_event_line(const struct plan *p, const struct session_event *ev,
		       const struct session_record *rec);

/* "11 min 20 s", "45 s", "1 h 2 min" (new string) */
char *plain_duration(int64_t ms);

#endif
