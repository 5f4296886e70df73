/* session.h - the coach's state machine: walks a plan against a clock.
 *
 * Plain C, no screen, no sound, no clock of its own: every call is handed
 * the monotonic time in milliseconds (now_ms), and everything the screens
 * and the sound need comes out as events through the listener.
 *
 * Deadlines are absolute.  A step's end is anchor + the plan's offset,
 * where the anchor moves only when the user pauses or jumps, so lateness
 * of the caller never accumulates: a tick that arrives 7 ms late emits the
 * boundary then, and the next boundary is still exactly on the plan.
 *
 * Behaviour (the contract the tests check):
 * - The session starts at the plan's first step at session_new's now_ms.
 * - Events for everything due at or before now_ms are emitted, in time
 *   order, by session_tick (and by session_act for the action itself).
 * - SEV_SECOND: at each whole second of a step's countdown, with
 *   seconds_left = whole seconds still to go (> 0); the step's end is the
 *   next step's SEV_PHASE, not a SEV_SECOND with 0.
 * - SEV_HALFWAY: at start + dur/2 of every WORK step of 2 s or more.
 * - Pause (ACTION_PAUSE) freezes the countdown; paused time does not count.
 *   Resuming inside a WORK step first runs a count-in of
 *   SESSION_COUNT_IN_MS (PHASE_COUNT_IN, with its SEV_SECOND 3, 2, 1), then
 *   the hold continues with the time it had left (a new SEV_PHASE WORK).
 *   Resuming elsewhere continues at once.
 * - ACTION_NEXT: skips to the GET_READY of the next exercise (the current
 *   one is recorded as skipped unless it was done); on the last exercise
 *   the session ends, completed.  ACTION_PREV: to the GET_READY of the
 *   previous exercise (the first exercise restarts itself); the exercise
 *   gone back to has its record reset.  Both work while paused and keep
 *   the session paused.
 * - ACTION_HURT: ends the current exercise, marks it hurt, goes on to the
 *   next one (or ends the session, completed, after the last).
 * - ACTION_STOP: ends the session now, status stopped.
 * - Other actions are ignored.
 *
 * Details (clarifying the above):
 * - The first step's SEV_PHASE is due at session_new's now_ms but comes
 *   from the first session_tick/session_act, so the listener may already
 *   use the session.  The listener must not call session_tick, _act or
 *   _free itself.
 * - SEV_SECOND falls where the phase has a whole number of seconds left:
 *   at end - k * 1000 ms for every k >= 1 after the phase's start.
 *   SEV_SECOND comes before SEV_HALFWAY at the same instant.  At a step's
 *   end: SEV_EXERCISE_DONE (when it was its exercise's last step), then
 *   SEV_SESSION_DONE (the plan's end) or the next step's SEV_PHASE.
 * - A count-in is SEV_PHASE COUNT_IN (seconds_left 3) at the resume,
 *   SEV_SECOND 2 and 1 one and two seconds later, and SEV_PHASE WORK three
 *   seconds later (seconds_left: what the hold had left, rounded up).  The
 *   hold's seconds and halfway mark keep their places within the hold;
 *   those passed before the pause are not repeated.  Pausing during a
 *   count-in drops it: resuming counts in again from 3.
 * - Action events (SEV_PAUSE ... SEV_STOP) have due_ms == t_ms and the
 *   context of the phase they happened in (seconds_left: what was left of
 *   it).  SEV_RESUME comes before the count-in's SEV_PHASE.  NEXT, PREV
 *   and HURT are followed at once by the SEV_PHASE of the exercise's first
 *   step, also while paused, or by SEV_SESSION_DONE.
 * - SEV_EXERCISE_DONE has set = rep = 0 and side SIDE_NONE.
 *   SEV_SESSION_DONE has phase PHASE_DONE, step plan->nsteps and the
 *   index of the exercise that ended (0 for an empty plan).
 * - Record: reps and sets count only holds that ran to their end;
 *   work_ms_done also counts the part of a hold left with NEXT, HURT or
 *   STOP.  done_ms is wall time from the start minus pauses (a count-in
 *   counts as running); at the plan's end it is measured to the planned
 *   end, not to the late tick.  STOP marks the current exercise EXO_PARTIAL
 *   (whichever of its steps was running).  PREV resets the records of both
 *   the exercise left and the one gone back to: both will run again.
 * - session_view measures within the current phase as of the last tick:
 *   call it after session_tick(now_ms). */
#ifndef LIMBER_SESSION_H
#define LIMBER_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "model/action.h"
#include "model/plan.h"

#define SESSION_COUNT_IN_MS 3000

enum session_phase {
	PHASE_GET_READY,
	PHASE_WORK,
	PHASE_SWITCH,
	PHASE_REST,
	PHASE_COUNT_IN,		/* after resuming a paused hold */
	PHASE_DONE,
};

enum session_status { SESSION_RUNNING, SESSION_COMPLETED, SESSION_STOPPED };

enum session_event_kind {
	SEV_PHASE,		/* a phase started (a step, or a count-in) */
	SEV_SECOND,		/* a whole second of a countdown passed */
	SEV_HALFWAY,		/* halfway through a hold */
	SEV_EXERCISE_DONE,	/* an exercise's last step ended */
	SEV_SESSION_DONE,	/* the plan ran to its end (or NEXT/HURT past the last) */
	SEV_PAUSE, SEV_RESUME,
	SEV_NEXT, SEV_PREV, SEV_HURT,
	SEV_STOP,		/* the user stopped the session */
};

struct session_event {
	enum session_event_kind kind;
	int64_t t_ms;		/* measured: now_ms - session start, when emitted */
	int64_t due_ms;		/* planned: when it was due, same origin */
	enum session_phase phase;	/* the phase it belongs to */
	size_t step;		/* plan step index (plan->nsteps when done) */
	size_t exercise;	/* plan exercise index */
	int set, rep;
	enum side side;
	int seconds_left;	/* SEV_SECOND: whole seconds to go; SEV_PHASE: the phase's length in whole seconds, rounded up */
};

typedef void (*session_listener_fn)(void *ud, const struct session_event *ev);

enum exercise_outcome {
	EXO_NOT_REACHED,	/* the session ended before it */
	EXO_PARTIAL,		/* started, then the session was stopped */
	EXO_DONE,		/* every step ran */
	EXO_SKIPPED,		/* left with NEXT before it was done */
	EXO_HURT,		/* ended with HURT */
};

struct exercise_record {
	const char *name;	/* points into the plan */
	int sets_planned, sets_done;	/* a set is done when all its work ran */
	int reps_planned;	/* per set, per side */
	int reps_done[3];	/* completed repetitions, indexed by enum side */
	int64_t work_ms_planned;
	int64_t work_ms_done[3];	/* time spent in work, by enum side */
	enum exercise_outcome outcome;
};

struct session_record {
	enum session_status status;
	int level;
	int64_t planned_ms;	/* the plan's total */
	int64_t done_ms;	/* time the session ran, pauses excluded */
	int64_t paused_ms;
	size_t exercises_planned;
	size_t exercises_done;	/* outcome EXO_DONE */
	size_t exercises_hurt;
	struct exercise_record *ex;	/* one per plan exercise */
	size_t nex;
};

/* What a screen shows at now_ms. */
struct session_view {
	enum session_phase phase;
	int paused;
	size_t step;		/* current plan step (plan->nsteps when done) */
	size_t exercise;
	int set, rep;
	enum side side;
	int64_t phase_ms;	/* the current phase's length */
	int64_t left_ms;	/* what is left of it */
	int seconds_left;	/* left_ms rounded up to whole seconds */
	int64_t elapsed_ms;	/* session time so far, pauses excluded */
	int64_t remaining_ms;	/* plan time still to go */
	const struct plan_step *next;	/* the next step, NULL at the end */
};

struct session;

/* The session borrows the plan, which must outlive it. */
struct session *session_new(const struct plan *p, int64_t now_ms,
			    session_listener_fn fn, void *ud);
void session_free(struct session *s);

/* Emit everything due up to now_ms. */
void session_tick(struct session *s, int64_t now_ms);
/* Apply a user action at now_ms (ticks up to now_ms first). */
void session_act(struct session *s, enum action a, int64_t now_ms);

/* Absolute time of the next event (a second, a halfway mark or a step's
 * end), or -1 when paused or finished: the front end sleeps until then. */
int64_t session_next_deadline(const struct session *s);

int session_finished(const struct session *s);
void session_view(const struct session *s, int64_t now_ms,
		  struct session_view *v);
/* What was done so far; final once session_finished. */
const struct session_record *session_record(const struct session *s);
const struct plan *session_plan(const struct session *s);

/* "get_ready", "work", "switch", "rest", "count_in", "done" */
const char *session_phase_name(enum session_phase p);
/* The --events name of an event: "get_ready", "work", "switch", "rest",
 * "count_in" for SEV_PHASE; otherwise "second", "halfway",
 * "exercise_done", "session_done", "pause", "resume", "next", "prev",
 * "hurt", "stop". */
const char *session_event_name(const struct session_event *ev);
const char *session_status_name(enum session_status st);	/* "running", "completed", "stopped" */

#endif
