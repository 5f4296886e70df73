/* events.h - the --events trace: one CSV line per session event.
 *
 * Format (README "Testing hooks"): a header line
 *   t_ms,event,exercise,set,rep,side
 * then one line per event: t_ms is session time (measured, ms), event the
 * session_event_name (or a front end's own name such as "cue_go"),
 * exercise the exercise's name (CSV-quoted when needed; empty for
 * session_done), set and rep empty when 0, side "left", "right" or empty.
 * A "say" line (a phrase the voice coach spoke) has a seventh field: the
 * words.
 *
 * Each line goes out with a single write(2) as soon as it is logged, so the
 * trace is complete up to the last event even if the process is killed. */
#ifndef LIMBER_EVENTS_H
#define LIMBER_EVENTS_H

#include <stdint.h>

#include "model/plan.h"
#include "model/session.h"

struct events_trace;

/* Create or truncate path (mode 0644) and write the header.  Returns NULL
 * with errno set when the file cannot be opened or written. */
struct events_trace *events_open(const char *path);

/* Log a session event; p is the plan the session walks.  t may be NULL
 * (no trace asked for): nothing happens. */
void events_log(struct events_trace *t, const struct session_event *ev,
		const struct plan *p);

/* Log an event of the front end's own (name, e.g. "cue_go") at session
 * time t_ms; the exercise, set, rep and side come from ctx when it is not
 * NULL (usually the session event that caused it), else they are empty. */
void events_log_named(struct events_trace *t, int64_t t_ms, const char *name,
		      const struct session_event *ctx, const struct plan *p);

/* The same with a seventh field, text (CSV-quoted): the words of a "say"
 * line. */
void events_log_text(struct events_trace *t, int64_t t_ms, const char *name,
		     const char *text, const struct session_event *ctx,
		     const struct plan *p);

/* Close and free.  Returns 0, or -1 with errno set when any write (or the
 * close) failed.  t may be NULL. */
int events_close(struct events_trace *t);

#endif
