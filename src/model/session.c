/* session.c - the coach's state machine: walks a plan against a clock.
 *
 * Time model: the plan gives every step an offset from the session start;
 * `anchor` is the absolute time of offset 0, so step k runs from
 * anchor + steps[k].start_ms.  Only pause/resume and jumps move the anchor,
 * which is why a late caller never makes the plan drift.
 *
 * Within the current phase, `pos` is the offset (from the step's start) up
 * to which its events have been emitted, and `next_due` caches the absolute
 * time of the next one, so a tick with nothing due is one comparison. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/session.h"
#include "core/util.h"

#define NEVER INT64_MAX

struct session {
	const struct plan *p;
	session_listener_fn fn;
	void *ud;
	int64_t origin;		/* session_new's now_ms: session time 0 */
	int64_t anchor;		/* absolute time of plan offset 0 */
	size_t step;		/* current step; p->nsteps when finished */
	size_t exercise;	/* current exercise; the last one once finished */
	int64_t pos;		/* step offset whose events have been emitted */
	int started;		/* the first step's SEV_PHASE has been emitted */
	int counting_in;
	int64_t cin_start;	/* absolute start of the count-in */
	int64_t cin_pos;	/* count-in offset whose events have been emitted */
	int paused;
	int64_t pause_at;	/* absolute time the pause began */
	int finished;
	int64_t next_due;	/* absolute time of the next event, or NEVER */
	struct session_record rec;
};

static enum session_phase
phase_of_kind(enum step_kind k)
{
	switch (k) {
	case STEP_GET_READY:
		return PHASE_GET_READY;
	case STEP_WORK:
		return PHASE_WORK;
	case STEP_SWITCH:
		return PHASE_SWITCH;
	case STEP_REST:
		return PHASE_REST;
	}
	return PHASE_GET_READY;
}

static int
ceil_seconds(int64_t ms)
{
	return ms <= 0 ? 0 : (int)((ms + 999) / 1000);
}

/* Halfway mark of a step, or -1 when it has none. */
static int64_t
half_of(const struct plan_step *st)
{
	return st->kind == STEP_WORK && st->dur_ms >= 2000 ? st->dur_ms / 2 : -1;
}

/* The first event offset after pos in a phase of dur ms: a whole second
 * of its countdown (dur - k * 1000, k >= 1), the halfway mark, or its end.
 * Constant time: no scanning. */
static int64_t
next_offset(int64_t dur, int64_t pos, int64_t half)
{
	int64_t k = (dur - pos - 1) / 1000;
	int64_t off = k >= 1 ? dur - k * 1000 : dur;

	if (half > pos && half < off)
		off = half;
	return off;
}

static void
schedule(struct session *s)
{
	const struct plan_step *st;

	if (s->finished || s->paused) {
		s->next_due = NEVER;
	} else if (!s->started) {
		s->next_due = s->origin;
	} else if (s->counting_in) {
		s->next_due = s->cin_start +
			next_offset(SESSION_COUNT_IN_MS, s->cin_pos, -1);
	} else {
		st = &s->p->steps[s->step];
		s->next_due = s->anchor + st->start_ms +
			next_offset(st->dur_ms, s->pos, half_of(st));
	}
}

/* An event filled in with the current step's context. */
static void
ev_init(const struct session *s, struct session_event *ev,
	enum session_event_kind kind, int64_t due_abs, int64_t now)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = kind;
	ev->t_ms = now - s->origin;
	ev->due_ms = due_abs - s->origin;
	ev->step = s->step;
	ev->exercise = s->exercise;
	ev->side = SIDE_NONE;
	if (s->step < s->p->nsteps) {
		const struct plan_step *st = &s->p->steps[s->step];

		ev->phase = s->counting_in ? PHASE_COUNT_IN
					   : phase_of_kind(st->kind);
		ev->set = st->set;
		ev->rep = st->rep;
		ev->side = st->side;
	} else {
		ev->phase = PHASE_DONE;
	}
}

static void
emit(const struct session *s, const struct session_event *ev)
{
	if (s->fn)
		s->fn(s->ud, ev);
}

/* How far into the current step the session is at now (step offset). */
static int64_t
step_offset(const struct session *s, int64_t now)
{
	const struct plan_step *st;
	int64_t off;

	if (s->step >= s->p->nsteps)
		return 0;
	if (s->paused || s->counting_in || !s->started)
		return s->pos;
	st = &s->p->steps[s->step];
	off = now - (s->anchor + st->start_ms);
	if (off < s->pos)
		off = s->pos;
	if (off > st->dur_ms)
		off = st->dur_ms;
	return off;
}

/* Length and what is left of the current phase at now. */
static void
phase_left(const struct session *s, int64_t now, int64_t *len, int64_t *left)
{
	const struct plan_step *st;

	*len = *left = 0;
	if (s->finished || s->step >= s->p->nsteps)
		return;
	st = &s->p->steps[s->step];
	if (s->counting_in) {
		int64_t off = now - s->cin_start;

		if (off < s->cin_pos)
			off = s->cin_pos;
		if (off > SESSION_COUNT_IN_MS)
			off = SESSION_COUNT_IN_MS;
		*len = SESSION_COUNT_IN_MS;
		*left = SESSION_COUNT_IN_MS - off;
		return;
	}
	*len = st->dur_ms;
	*left = st->dur_ms - step_offset(s, now);
}

static void
set_outcome(struct session *s, size_t ex, enum exercise_outcome o)
{
	struct exercise_record *r = &s->rec.ex[ex];

	if (r->outcome == EXO_DONE)
		s->rec.exercises_done--;
	if (r->outcome == EXO_HURT)
		s->rec.exercises_hurt--;
	r->outcome = o;
	if (o == EXO_DONE)
		s->rec.exercises_done++;
	if (o == EXO_HURT)
		s->rec.exercises_hurt++;
}

static void
reset_exercise(struct session *s, size_t ex)
{
	struct exercise_record *r = &s->rec.ex[ex];

	set_outcome(s, ex, EXO_NOT_REACHED);
	r->sets_done = 0;
	memset(r->reps_done, 0, sizeof r->reps_done);
	memset(r->work_ms_done, 0, sizeof r->work_ms_done);
}

/* Credit the part of a hold that is being left before its end. */
static void
credit_partial_work(struct session *s, int64_t now)
{
	const struct plan_step *st;

	if (s->step >= s->p->nsteps)
		return;
	st = &s->p->steps[s->step];
	if (st->kind == STEP_WORK)
		s->rec.ex[st->exercise].work_ms_done[st->side] +=
			step_offset(s, now);
}

static void
update_done(struct session *s, int64_t now)
{
	int64_t t;

	if (s->finished)
		return;
	t = (s->paused ? s->pause_at : now) - s->origin - s->rec.paused_ms;
	s->rec.done_ms = t > 0 ? t : 0;
}

/* end_abs: when the session ended (the plan's end, or the action's time). */
static void
finish(struct session *s, enum session_status st, int64_t end_abs)
{
	if (s->paused && end_abs > s->pause_at)
		s->rec.paused_ms += end_abs - s->pause_at;
	s->paused = 0;
	s->counting_in = 0;
	s->finished = 1;
	s->step = s->p->nsteps;
	s->rec.status = st;
	s->rec.done_ms = end_abs - s->origin - s->rec.paused_ms;
	if (s->rec.done_ms < 0)
		s->rec.done_ms = 0;
	schedule(s);
}

static void
session_done(struct session *s, int64_t due_abs, int64_t now)
{
	struct session_event ev;

	finish(s, SESSION_COMPLETED, due_abs);
	ev_init(s, &ev, SEV_SESSION_DONE, due_abs, now);
	emit(s, &ev);
}

/* Make step k current, its start due at due_abs, and announce it.  The
 * caller has set the anchor so that step k starts at due_abs. */
static void
enter_step(struct session *s, size_t k, int64_t due_abs, int64_t now)
{
	const struct plan_step *st = &s->p->steps[k];
	struct session_event ev;

	s->step = k;
	s->exercise = st->exercise;
	s->pos = 0;
	s->counting_in = 0;
	ev_init(s, &ev, SEV_PHASE, due_abs, now);
	ev.seconds_left = ceil_seconds(st->dur_ms);
	schedule(s);
	emit(s, &ev);
}

/* Is step k the last WORK step of its set? */
static int
last_work_of_set(const struct plan *p, size_t k)
{
	const struct plan_step *st = &p->steps[k];
	const struct plan_exercise *e = &p->ex[st->exercise];
	size_t end = e->first_step + e->nsteps;

	/* Only a SWITCH or a REST can lie between two holds, so this stops
	 * after a step or two. */
	for (size_t j = k + 1; j < end; j++)
		if (p->steps[j].kind == STEP_WORK)
			return p->steps[j].set != st->set;
	return 1;
}

static void
end_step(struct session *s, int64_t due_abs, int64_t now)
{
	const struct plan *p = s->p;
	size_t k = s->step;
	const struct plan_step *st = &p->steps[k];
	const struct plan_exercise *e = &p->ex[st->exercise];
	struct exercise_record *r = &s->rec.ex[st->exercise];

	if (st->kind == STEP_WORK) {
		r->reps_done[st->side]++;
		r->work_ms_done[st->side] += st->dur_ms;
		if (last_work_of_set(p, k))
			r->sets_done++;
	}
	if (k + 1 == e->first_step + e->nsteps) {
		struct session_event ev;

		set_outcome(s, st->exercise, EXO_DONE);
		ev_init(s, &ev, SEV_EXERCISE_DONE, due_abs, now);
		ev.set = ev.rep = 0;
		ev.side = SIDE_NONE;
		emit(s, &ev);
	}
	if (k + 1 >= p->nsteps)
		session_done(s, due_abs, now);
	else
		enter_step(s, k + 1, due_abs, now);
}

/* Emit the event due at s->next_due and move on. */
static void
fire(struct session *s, int64_t now)
{
	int64_t due = s->next_due;
	const struct plan_step *st;
	struct session_event ev;
	int64_t off, half;

	if (!s->started) {
		s->started = 1;
		if (s->p->nsteps == 0)
			session_done(s, due, now);
		else
			enter_step(s, 0, due, now);
		return;
	}
	st = &s->p->steps[s->step];
	if (s->counting_in) {
		off = due - s->cin_start;
		if (off >= SESSION_COUNT_IN_MS) {
			/* The hold goes on from where it was paused. */
			s->counting_in = 0;
			ev_init(s, &ev, SEV_PHASE, due, now);
			ev.seconds_left = ceil_seconds(st->dur_ms - s->pos);
		} else {
			s->cin_pos = off;
			ev_init(s, &ev, SEV_SECOND, due, now);
			ev.seconds_left =
				(int)((SESSION_COUNT_IN_MS - off) / 1000);
		}
		schedule(s);
		emit(s, &ev);
		return;
	}
	off = due - (s->anchor + st->start_ms);
	if (off >= st->dur_ms) {
		end_step(s, due, now);
		return;
	}
	s->pos = off;
	schedule(s);
	if ((st->dur_ms - off) % 1000 == 0) {
		ev_init(s, &ev, SEV_SECOND, due, now);
		ev.seconds_left = (int)((st->dur_ms - off) / 1000);
		emit(s, &ev);
	}
	half = half_of(st);
	if (off == half) {
		ev_init(s, &ev, SEV_HALFWAY, due, now);
		ev.seconds_left = ceil_seconds(st->dur_ms - off);
		emit(s, &ev);
	}
}

struct session *
session_new(const struct plan *p, int64_t now_ms, session_listener_fn fn,
	    void *ud)
{
	struct session *s = xcalloc(1, sizeof *s);

	s->p = p;
	s->fn = fn;
	s->ud = ud;
	s->origin = now_ms;
	s->anchor = now_ms;
	s->rec.status = SESSION_RUNNING;
	s->rec.level = p->level;
	s->rec.planned_ms = p->total_ms;
	s->rec.exercises_planned = p->nex;
	s->rec.nex = p->nex;
	s->rec.ex = xcalloc(p->nex ? p->nex : 1, sizeof *s->rec.ex);
	for (size_t i = 0; i < p->nex; i++) {
		struct exercise_record *r = &s->rec.ex[i];

		r->name = p->ex[i].name;
		r->sets_planned = p->ex[i].sets;
		r->reps_planned = p->ex[i].reps;
		r->work_ms_planned = p->ex[i].work_ms;
		r->outcome = EXO_NOT_REACHED;
	}
	schedule(s);
	return s;
}

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	free(s->rec.ex);
	free(s);
}

void
session_tick(struct session *s, int64_t now_ms)
{
	/* Nothing happens before the session began. */
	if (now_ms < s->origin)
		now_ms = s->origin;
	while (!s->finished && !s->paused && s->next_due <= now_ms)
		fire(s, now_ms);
	update_done(s, now_ms);
}

static void
pause_session(struct session *s, int64_t now)
{
	struct session_event ev;
	int64_t len, left;

	phase_left(s, now, &len, &left);
	ev_init(s, &ev, SEV_PAUSE, now, now);
	ev.seconds_left = ceil_seconds(left);
	/* A count-in is abandoned: resuming counts in again from 3. */
	s->pos = step_offset(s, now);
	s->counting_in = 0;
	s->paused = 1;
	s->pause_at = now;
	update_done(s, now);
	schedule(s);
	emit(s, &ev);
}

static void
resume_session(struct session *s, int64_t now)
{
	const struct plan_step *st = &s->p->steps[s->step];
	struct session_event ev, cin;

	if (now < s->pause_at)
		now = s->pause_at;
	s->rec.paused_ms += now - s->pause_at;
	s->paused = 0;
	ev_init(s, &ev, SEV_RESUME, now, now);
	ev.seconds_left = ceil_seconds(st->dur_ms - s->pos);
	if (st->kind == STEP_WORK) {
		/* The hold resumes after the count-in, where it was left. */
		s->counting_in = 1;
		s->cin_start = now;
		s->cin_pos = 0;
		s->anchor = now + SESSION_COUNT_IN_MS - st->start_ms - s->pos;
		ev_init(s, &cin, SEV_PHASE, now, now);
		cin.seconds_left = ceil_seconds(SESSION_COUNT_IN_MS);
		schedule(s);
		emit(s, &ev);
		emit(s, &cin);
	} else {
		s->anchor = now - st->start_ms - s->pos;
		schedule(s);
		emit(s, &ev);
	}
}

/* Start exercise ex from its first step at now, paused or not. */
static void
goto_exercise(struct session *s, size_t ex, int64_t now)
{
	size_t k = s->p->ex[ex].first_step;

	s->anchor = now - s->p->steps[k].start_ms;
	enter_step(s, k, now, now);
}

static void
leave_exercise(struct session *s, enum session_event_kind kind,
	       enum exercise_outcome o, int64_t now)
{
	size_t ex = s->exercise;
	struct session_event ev;

	int64_t len, left;

	phase_left(s, now, &len, &left);
	ev_init(s, &ev, kind, now, now);
	ev.seconds_left = ceil_seconds(left);
	credit_partial_work(s, now);
	if (s->rec.ex[ex].outcome != EXO_DONE)
		set_outcome(s, ex, o);
	emit(s, &ev);
	if (ex + 1 >= s->p->nex)
		session_done(s, now, now);
	else
		goto_exercise(s, ex + 1, now);
}

static void
prev_exercise(struct session *s, int64_t now)
{
	size_t ex = s->exercise;
	size_t to = ex > 0 ? ex - 1 : 0;
	struct session_event ev;
	int64_t len, left;

	phase_left(s, now, &len, &left);
	ev_init(s, &ev, SEV_PREV, now, now);
	ev.seconds_left = ceil_seconds(left);
	/* Both run again from the start, so neither keeps what it had. */
	reset_exercise(s, ex);
	reset_exercise(s, to);
	emit(s, &ev);
	goto_exercise(s, to, now);
}

static void
stop_session(struct session *s, int64_t now)
{
	struct session_event ev;
	int64_t len, left;

	phase_left(s, now, &len, &left);
	ev_init(s, &ev, SEV_STOP, now, now);
	ev.seconds_left = ceil_seconds(left);
	credit_partial_work(s, now);
	if (s->exercise < s->p->nex &&
	    s->rec.ex[s->exercise].outcome == EXO_NOT_REACHED)
		set_outcome(s, s->exercise, EXO_PARTIAL);
	finish(s, SESSION_STOPPED, now);
	emit(s, &ev);
}

void
session_act(struct session *s, enum action a, int64_t now_ms)
{
	if (now_ms < s->origin)
		now_ms = s->origin;
	session_tick(s, now_ms);
	if (s->finished)
		return;
	switch (a) {
	case ACTION_PAUSE:
		if (s->paused)
			resume_session(s, now_ms);
		else
			pause_session(s, now_ms);
		break;
	case ACTION_NEXT:
		leave_exercise(s, SEV_NEXT, EXO_SKIPPED, now_ms);
		break;
	case ACTION_HURT:
		leave_exercise(s, SEV_HURT, EXO_HURT, now_ms);
		break;
	case ACTION_PREV:
		prev_exercise(s, now_ms);
		break;
	case ACTION_STOP:
		stop_session(s, now_ms);
		break;
	default:
		break;
	}
	update_done(s, now_ms);
}

int64_t
session_next_deadline(const struct session *s)
{
	return s->next_due == NEVER ? -1 : s->next_due;
}

int
session_finished(const struct session *s)
{
	return s->finished;
}

void
session_view(const struct session *s, int64_t now_ms, struct session_view *v)
{
	const struct plan *p = s->p;
	int64_t elapsed;

	memset(v, 0, sizeof *v);
	v->exercise = s->exercise;
	v->side = SIDE_NONE;
	if (s->finished || s->step >= p->nsteps) {
		v->phase = PHASE_DONE;
		v->step = p->nsteps;
		v->elapsed_ms = s->rec.done_ms;
		return;
	}
	{
		const struct plan_step *st = &p->steps[s->step];

		v->phase = s->counting_in ? PHASE_COUNT_IN
					  : phase_of_kind(st->kind);
		v->paused = s->paused;
		v->step = s->step;
		v->set = st->set;
		v->rep = st->rep;
		v->side = st->side;
		phase_left(s, now_ms, &v->phase_ms, &v->left_ms);
		v->seconds_left = ceil_seconds(v->left_ms);
		v->remaining_ms = p->total_ms -
			(st->start_ms + step_offset(s, now_ms));
		v->next = s->step + 1 < p->nsteps ? &p->steps[s->step + 1]
						  : NULL;
	}
	elapsed = (s->paused ? s->pause_at : now_ms) - s->origin -
		s->rec.paused_ms;
	v->elapsed_ms = elapsed > 0 ? elapsed : 0;
}

const struct session_record *
session_record(const struct session *s)
{
	return &s->rec;
}

const struct plan *
session_plan(const struct session *s)
{
	return s->p;
}

const char *
session_phase_name(enum session_phase p)
{
	switch (p) {
	case PHASE_GET_READY:
		return "get_ready";
	case PHASE_WORK:
		return "work";
	case PHASE_SWITCH:
		return "switch";
	case PHASE_REST:
		return "rest";
	case PHASE_COUNT_IN:
		return "count_in";
	case PHASE_DONE:
		return "done";
	}
	return "";
}

const char *
session_event_name(const struct session_event *ev)
{
	switch (ev->kind) {
	case SEV_PHASE:
		return session_phase_name(ev->phase);
	case SEV_SECOND:
		return "second";
	case SEV_HALFWAY:
		return "halfway";
	case SEV_EXERCISE_DONE:
		return "exercise_done";
	case SEV_SESSION_DONE:
		return "session_done";
	case SEV_PAUSE:
		return "pause";
	case SEV_RESUME:
		return "resume";
	case SEV_NEXT:
		return "next";
	case SEV_PREV:
		return "prev";
	case SEV_HURT:
		return "hurt";
	case SEV_STOP:
		return "stop";
	}
	return "";
}

const char *
session_status_name(enum session_status st)
{
	switch (st) {
	case SESSION_RUNNING:
		return "running";
	case SESSION_COMPLETED:
		return "completed";
	case SESSION_STOPPED:
		return "stopped";
	}
	return "";
}
