/* test_session.c - the session engine against a fake clock, and the
 * --events trace writer. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "model/events.h"
#include "model/plan.h"
#include "model/routine.h"
#include "model/session.h"
#include "core/util.h"
#include "fixture.h"
#include "testlib.h"

/* ------------------------------------------------------------------ */
/* Plans from in-memory routines. */

static struct routine_row
row(const char *name, int sets, int reps, int hold, int rest,
    enum routine_sides sides, int switch_s)
{
	struct routine_row r;

	memset(&r, 0, sizeof r);
	r.exercise = xstrdup(name);
	r.cue = xstrdup("");
	r.sets = sets;
	r.reps = reps;
	r.hold = hold;
	r.rest = rest;
	r.sides = sides;
	r.switch_s = switch_s;
	r.level_lo = LEVEL_MIN;
	r.level_hi = LEVEL_MAX;
	return r;
}

/* Build a plan from rows (their strings are freed here); get_ready < 0
 * means the default. */
static struct plan *
build(struct routine_row *rows, size_t n, int level, int get_ready)
{
	static char name[] = "test";
	struct routine r;
	struct plan_opts o = { 0 };
	struct plan *p;

	memset(&r, 0, sizeof r);
	r.name = r.title = r.path = name;
	r.rows = rows;
	r.nrows = n;
	o.get_ready_s = get_ready;
	p = plan_build(&r, level, get_ready < 0 ? NULL : &o);
	for (size_t i = 0; i < n; i++) {
		free(rows[i].exercise);
		free(rows[i].cue);
	}
	return p;
}

/* Bridge (4 s hold, 1 s rest) then "Cat, cow" alternating 2 s: 13 s. */
static struct plan *
small_plan(void)
{
	struct routine_row rows[2];

	rows[0] = row("Bridge", 1, 1, 4, 1, SIDES_NONE, 0);
	rows[1] = row("Cat, cow", 1, 1, 2, 0, SIDES_ALTERNATE, 0);
	return build(rows, 2, 1, 2);
}

/* Three exercises with every kind of step:
 * A each x2 sets: G2 W3L S2 W3R R4 W3L S2 W3R R4
 * B none, 2 reps: G2 W2 W2 R3
 * C alternate:    G2 W2L W2R */
static struct plan *
three_plan(void)
{
	struct routine_row rows[3];

	rows[0] = row("A", 2, 1, 3, 4, SIDES_EACH, 2);
	rows[1] = row("B", 1, 2, 2, 3, SIDES_NONE, 0);
	rows[2] = row("C", 1, 1, 2, 0, SIDES_ALTERNATE, 0);
	return build(rows, 3, 1, 2);
}

/* ------------------------------------------------------------------ */
/* A listener that records every event. */

#define MAXEV 40000

static struct {
	struct session_event ev[MAXEV];
	size_t n;
	int overflow;
	struct events_trace *trace;
	const struct plan *p;
} R;

static void
rec_reset(void)
{
	R.n = 0;
	R.overflow = 0;
	R.trace = NULL;
	R.p = NULL;
}

static void
listener(void *ud, const struct session_event *ev)
{
	(void)ud;
	if (R.n < MAXEV)
		R.ev[R.n++] = *ev;
	else
		R.overflow = 1;
	if (R.trace != NULL) {
		events_log(R.trace, ev, R.p);
		if (ev->kind == SEV_PHASE && ev->phase == PHASE_WORK)
			events_log_named(R.trace, ev->t_ms, "cue_go", ev, R.p);
	}
}

/* Tick exactly at every deadline up to `to`, then at `to`. */
static void
advance(struct session *s, int64_t to)
{
	int64_t d;

	while ((d = session_next_deadline(s)) != -1 && d <= to)
		session_tick(s, d);
	session_tick(s, to);
}

/* Tick at every deadline until the end; returns the final time. */
static int64_t
run_to_end(struct session *s, int64_t now)
{
	int64_t d;
	int guard = 0;

	session_tick(s, now);
	while ((d = session_next_deadline(s)) != -1 && guard++ < 100000) {
		now = d;
		session_tick(s, now);
	}
	return now;
}

static const char *
side_letter(enum side sd)
{
	return sd == SIDE_LEFT ? "L" : sd == SIDE_RIGHT ? "R" : "";
}

/* The phases as a compact string: G, W<set>.<rep><side>, S<set><side>,
 * R<set>, C (count-in), "|" for exercise_done, "$" for session_done. */
static char *
phase_string(size_t from)
{
	struct strbuf b = { 0 };

	for (size_t i = from; i < R.n; i++) {
		const struct session_event *e = &R.ev[i];

		if (e->kind == SEV_PHASE) {
			if (b.len)
				strbuf_addc(&b, ' ');
			switch (e->phase) {
			case PHASE_GET_READY:
				strbuf_adds(&b, "G");
				break;
			case PHASE_WORK:
				strbuf_addf(&b, "W%d.%d%s", e->set, e->rep,
					    side_letter(e->side));
				break;
			case PHASE_SWITCH:
				strbuf_addf(&b, "S%d%s", e->set,
					    side_letter(e->side));
				break;
			case PHASE_REST:
				strbuf_addf(&b, "R%d", e->set);
				break;
			case PHASE_COUNT_IN:
				strbuf_adds(&b, "C");
				break;
			case PHASE_DONE:
				strbuf_adds(&b, "?");
				break;
			}
		} else if (e->kind == SEV_EXERCISE_DONE) {
			strbuf_adds(&b, b.len ? " |" : "|");
		} else if (e->kind == SEV_SESSION_DONE) {
			strbuf_adds(&b, b.len ? " $" : "$");
		}
	}
	return strbuf_take(&b);
}

/* Every event in full, one per line. */
static char *
event_dump(size_t from)
{
	struct strbuf b = { 0 };

	for (size_t i = from; i < R.n; i++) {
		const struct session_event *e = &R.ev[i];

		strbuf_addf(&b, "%lld/%lld %s x%zu s%zu %d.%d%s %d\n",
			    (long long)e->t_ms, (long long)e->due_ms,
			    session_event_name(e), e->exercise, e->step,
			    e->set, e->rep, side_letter(e->side),
			    e->seconds_left);
	}
	return strbuf_take(&b);
}

static void
check_phases(const char *expected)
{
	char *got = phase_string(0);

	CHECK_STR(got, expected);
	free(got);
}

/* An independent model of a clean run (no actions, exact ticks): the
 * events the contract asks for, step by step, compared one to one. */
static void
check_clean_run(const struct plan *p, int64_t origin)
{
	struct session *s;
	size_t i = 0;
	int ok = 1;

	rec_reset();
	s = session_new(p, origin, listener, NULL);
	run_to_end(s, origin);
	CHECK(!R.overflow);
	for (size_t k = 0; k < p->nsteps && ok; k++) {
		const struct plan_step *st = &p->steps[k];
		int64_t d = st->dur_ms, t0 = st->start_ms;
		int64_t half = st->kind == STEP_WORK && d >= 2000 ? d / 2 : -1;
		const struct plan_exercise *x = &p->ex[st->exercise];

		ok = i < R.n && R.ev[i].kind == SEV_PHASE &&
			R.ev[i].due_ms == t0 && R.ev[i].t_ms == t0 &&
			R.ev[i].step == k &&
			R.ev[i].exercise == st->exercise &&
			R.ev[i].set == st->set && R.ev[i].rep == st->rep &&
			R.ev[i].side == st->side &&
			R.ev[i].seconds_left == (int)((d + 999) / 1000) &&
			R.ev[i].phase == (enum session_phase)st->kind;
		i++;
		for (int64_t off = 1; off < d && ok; off++) {
			if ((d - off) % 1000 == 0) {
				ok = i < R.n && R.ev[i].kind == SEV_SECOND &&
					R.ev[i].due_ms == t0 + off &&
					R.ev[i].step == k &&
					R.ev[i].seconds_left ==
					(int)((d - off) / 1000);
				i++;
			}
			if (off == half && ok) {
				ok = i < R.n && R.ev[i].kind == SEV_HALFWAY &&
					R.ev[i].due_ms == t0 + off &&
					R.ev[i].step == k;
				i++;
			}
		}
		if (ok && k + 1 == x->first_step + x->nsteps) {
			ok = i < R.n && R.ev[i].kind == SEV_EXERCISE_DONE &&
				R.ev[i].due_ms == t0 + d &&
				R.ev[i].exercise == st->exercise;
			i++;
		}
		if (!ok)
			printf("# model differs at step %zu, event %zu\n", k,
			       i - 1);
	}
	CHECK(ok);
	CHECK(i < R.n && R.ev[i].kind == SEV_SESSION_DONE &&
	      R.ev[i].due_ms == p->total_ms && R.ev[i].phase == PHASE_DONE &&
	      R.ev[i].step == p->nsteps);
	CHECK_INT(R.n, i + 1);
	CHECK(session_finished(s));
	CHECK_INT(session_record(s)->status, SESSION_COMPLETED);
	CHECK_INT(session_record(s)->done_ms, p->total_ms);
	CHECK_INT(session_record(s)->exercises_done, p->nex);
	session_free(s);
}

/* ------------------------------------------------------------------ */

static void
test_phase_order_none(void)
{
	struct routine_row rows[2];
	struct plan *p;

	rows[0] = row("Bridge", 2, 2, 3, 4, SIDES_NONE, 5);
	rows[1] = row("Dead bug", 1, 1, 2, 10, SIDES_NONE, 5);
	p = build(rows, 2, 1, -1);
	check_clean_run(p, 0);
	check_phases("G W1.1 W1.2 R1 W2.1 W2.2 R2 | G W1.1 | $");
	/* The default get-ready is 5 s: the first hold is due at 5000. */
	CHECK_INT(R.ev[5].kind, SEV_PHASE);
	CHECK_INT(R.ev[5].due_ms, 5000);
	plan_free(p);
}

static void
test_phase_order_each(void)
{
	struct routine_row rows[1];
	struct plan *p;

	rows[0] = row("Clam", 2, 2, 2, 3, SIDES_EACH, 2);
	p = build(rows, 1, 1, 2);
	check_clean_run(p, 1234);
	check_phases("G W1.1L W1.2L S1R W1.1R W1.2R R1 W2.1L W2.2L S2R "
		     "W2.1R W2.2R | $");
	plan_free(p);

	/* No switch time: straight from the left to the right. */
	rows[0] = row("Clam", 1, 2, 2, 3, SIDES_EACH, 0);
	p = build(rows, 1, 1, 2);
	check_clean_run(p, 0);
	check_phases("G W1.1L W1.2L W1.1R W1.2R | $");
	plan_free(p);
}

static void
test_phase_order_alternate(void)
{
	struct routine_row rows[2];
	struct plan *p;

	rows[0] = row("Bird dog", 2, 2, 3, 5, SIDES_ALTERNATE, 5);
	rows[1] = row("Side plank", 1, 1, 10, 5, SIDES_EACH, 3);
	p = build(rows, 2, 1, 3);
	check_clean_run(p, 99);
	check_phases("G W1.1L W1.1R W1.2L W1.2R R1 W2.1L W2.1R W2.2L W2.2R R2"
		     " | G W1.1L S1R W1.1R | $");
	plan_free(p);

	/* No get-ready at all: the session opens on a hold. */
	rows[0] = row("Bird dog", 1, 1, 3, 5, SIDES_ALTERNATE, 5);
	p = build(rows, 1, 1, 0);
	check_clean_run(p, 0);
	check_phases("W1.1L W1.1R | $");
	plan_free(p);
}

static void
test_levels(void)
{
	struct routine_row rows[2];
	struct plan *p;
	struct session *s;
	const struct session_record *r;

	/* An easy variant for levels 1-2, a harder one from 3 that grows. */
	rows[0] = row("Knee plank", 1, 1, 10, 0, SIDES_NONE, 0);
	rows[0].level_hi = 2;
	rows[1] = row("Plank", 1, 2, 3, 2, SIDES_NONE, 0);
	rows[1].level_lo = 3;
	rows[1].reps_step = 1;
	rows[1].hold_step = 2;
	p = build(rows, 2, 3, 1);
	CHECK_INT(p->nex, 1);
	check_clean_run(p, 0);
	/* Level 3: 2 + 1 * 2 = 4 reps of 3 + 2 * 2 = 7 s. */
	check_phases("G W1.1 W1.2 W1.3 W1.4 | $");
	CHECK_INT(R.ev[2].kind, SEV_SECOND);
	CHECK_INT(R.ev[2].seconds_left, 6);
	for (size_t i = 0; i < R.n; i++)
		if (R.ev[i].kind == SEV_PHASE && R.ev[i].phase == PHASE_WORK)
			CHECK_INT(R.ev[i].seconds_left, 7);

	rec_reset();
	s = session_new(p, 0, listener, NULL);
	run_to_end(s, 0);
	r = session_record(s);
	CHECK_INT(r->level, 3);
	CHECK_INT(r->nex, 1);
	CHECK_STR(r->ex[0].name, "Plank");
	CHECK_INT(r->ex[0].reps_planned, 4);
	CHECK_INT(r->ex[0].reps_done[SIDE_NONE], 4);
	CHECK_INT(r->ex[0].work_ms_done[SIDE_NONE], 28000);
	CHECK_INT(r->ex[0].work_ms_planned, 28000);
	CHECK_INT(r->planned_ms, 1000 + 28000);
	session_free(s);
	plan_free(p);
}

static void
test_exact_sequence(void)
{
	struct plan *p = small_plan();
	struct session *s;
	char *got;

	rec_reset();
	s = session_new(p, 50000, listener, NULL);
	/* The first step's event waits for the first tick. */
	CHECK_INT(R.n, 0);
	CHECK_INT(session_next_deadline(s), 50000);
	run_to_end(s, 50000);
	got = event_dump(0);
	CHECK_STR(got,
		  "0/0 get_ready x0 s0 0.0 2\n"
		  "1000/1000 second x0 s0 0.0 1\n"
		  "2000/2000 work x0 s1 1.1 4\n"
		  "3000/3000 second x0 s1 1.1 3\n"
		  "4000/4000 second x0 s1 1.1 2\n"
		  "4000/4000 halfway x0 s1 1.1 2\n"
		  "5000/5000 second x0 s1 1.1 1\n"
		  "6000/6000 rest x0 s2 1.0 1\n"
		  "7000/7000 exercise_done x0 s2 0.0 0\n"
		  "7000/7000 get_ready x1 s3 0.0 2\n"
		  "8000/8000 second x1 s3 0.0 1\n"
		  "9000/9000 work x1 s4 1.1L 2\n"
		  "10000/10000 second x1 s4 1.1L 1\n"
		  "10000/10000 halfway x1 s4 1.1L 1\n"
		  "11000/11000 work x1 s5 1.1R 2\n"
		  "12000/12000 second x1 s5 1.1R 1\n"
		  "12000/12000 halfway x1 s5 1.1R 1\n"
		  "13000/13000 exercise_done x1 s5 0.0 0\n"
		  "13000/13000 session_done x1 s6 0.0 0\n");
	free(got);
	CHECK_INT(R.ev[R.n - 1].phase, PHASE_DONE);
	session_free(s);

	/* Ticking every millisecond gives the very same events. */
	rec_reset();
	s = session_new(p, 0, listener, NULL);
	for (int64_t t = 0; t <= 14000; t++)
		session_tick(s, t);
	got = event_dump(0);
	CHECK(strstr(got, "4000/4000 second x0 s1 1.1 2\n"
		      "4000/4000 halfway") != NULL);
	CHECK_INT(R.n, 19);
	free(got);
	session_free(s);
	plan_free(p);
}

static void
test_late_tick(void)
{
	struct plan *p = small_plan();
	struct session *s;
	size_t n;

	rec_reset();
	s = session_new(p, 100, listener, NULL);
	session_tick(s, 100);
	session_tick(s, 100 + 2007);	/* 7 ms late for the hold */
	n = R.n;
	CHECK_INT(n, 3);
	CHECK_INT(R.ev[1].kind, SEV_SECOND);
	CHECK_INT(R.ev[1].t_ms, 2007);
	CHECK_INT(R.ev[1].due_ms, 1000);
	CHECK_INT(R.ev[2].kind, SEV_PHASE);
	CHECK_INT(R.ev[2].t_ms, 2007);
	CHECK_INT(R.ev[2].due_ms, 2000);
	/* The next boundary stays on the plan, not 7 ms later. */
	CHECK_INT(session_next_deadline(s), 100 + 3000);
	session_tick(s, 100 + 3000);
	CHECK_INT(R.ev[3].t_ms, 3000);
	CHECK_INT(R.ev[3].due_ms, 3000);

	/* One huge gap: everything at once, in due order. */
	session_tick(s, 100 + 60000);
	CHECK_INT(R.n, 19);
	for (size_t i = 4; i < R.n; i++) {
		CHECK_INT(R.ev[i].t_ms, 60000);
		CHECK(R.ev[i].due_ms >= R.ev[i - 1].due_ms);
	}
	CHECK_INT(R.ev[R.n - 1].kind, SEV_SESSION_DONE);
	CHECK_INT(R.ev[R.n - 1].due_ms, p->total_ms);
	CHECK_INT(session_record(s)->done_ms, p->total_ms);
	CHECK_INT(session_next_deadline(s), -1);
	session_tick(s, 100 + 70000);
	CHECK_INT(R.n, 19);
	session_free(s);
	plan_free(p);
}

static void
test_next_deadline(void)
{
	struct routine_row rows[1];
	struct plan *p;
	struct session *s;
	const int64_t want[] = { 1000, 2000, 3000, 3500, 4000, 5000 };

	/* G2, then a 3 s hold: its halfway mark falls between seconds. */
	rows[0] = row("Hold", 1, 1, 3, 0, SIDES_NONE, 0);
	p = build(rows, 1, 1, 2);
	rec_reset();
	s = session_new(p, 0, listener, NULL);
	CHECK_INT(session_next_deadline(s), 0);
	session_tick(s, 0);
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		CHECK_INT(session_next_deadline(s), want[i]);
		/* A tick before the deadline does nothing. */
		session_tick(s, want[i] - 1);
		CHECK_INT(session_next_deadline(s), want[i]);
		session_tick(s, want[i]);
	}
	CHECK_INT(session_next_deadline(s), -1);
	CHECK(session_finished(s));
	check_phases("G W1.1 | $");
	CHECK_INT(R.ev[4].kind, SEV_HALFWAY);
	CHECK_INT(R.ev[4].due_ms, 3500);
	session_free(s);

	/* Paused: -1; in a count-in: its next second. */
	rec_reset();
	s = session_new(p, 0, listener, NULL);
	advance(s, 2200);
	session_act(s, ACTION_PAUSE, 2200);
	CHECK_INT(session_next_deadline(s), -1);
	session_act(s, ACTION_PAUSE, 9000);
	CHECK_INT(session_next_deadline(s), 10000);
	advance(s, 11000);
	CHECK_INT(session_next_deadline(s), 12000);
	advance(s, 12000);
	/* The hold goes on 200 ms in: its next second is at 800 ms more. */
	CHECK_INT(session_next_deadline(s), 12800);
	session_free(s);
	plan_free(p);
}

static void
test_pause_in_hold(void)
{
	struct routine_row rows[1];
	struct plan *p;
	struct session *s;
	struct session_view v;
	const struct session_record *r;
	char *got;
	size_t n;

	rows[0] = row("Plank", 1, 1, 10, 0, SIDES_NONE, 0);
	p = build(rows, 1, 1, 2);
	rec_reset();
	s = session_new(p, 1000, listener, NULL);
	advance(s, 1000 + 6500);		/* 4.5 s into the hold */
	n = R.n;
	session_act(s, ACTION_PAUSE, 7500);
	CHECK_INT(R.n, n + 1);
	CHECK_INT(R.ev[n].kind, SEV_PAUSE);
	CHECK_INT(R.ev[n].phase, PHASE_WORK);
	CHECK_INT(R.ev[n].t_ms, 6500);
	CHECK_INT(R.ev[n].due_ms, 6500);
	session_view(s, 20000, &v);
	CHECK(v.paused);
	CHECK_INT(v.phase, PHASE_WORK);
	CHECK_INT(v.left_ms, 5500);
	CHECK_INT(v.seconds_left, 6);
	CHECK_INT(v.elapsed_ms, 6500);
	CHECK_INT(v.remaining_ms, 5500);
	/* Nothing happens while paused, however long. */
	session_tick(s, 27500);
	CHECK_INT(R.n, n + 1);
	CHECK_INT(session_record(s)->done_ms, 6500);

	session_act(s, ACTION_PAUSE, 27500);	/* resume after 20 s */
	session_view(s, 28000, &v);
	CHECK_INT(v.phase, PHASE_COUNT_IN);
	CHECK(!v.paused);
	CHECK_INT(v.phase_ms, 3000);
	CHECK_INT(v.left_ms, 2500);
	CHECK_INT(v.seconds_left, 3);
	CHECK_INT(v.remaining_ms, 5500);
	run_to_end(s, 27500);
	got = event_dump(n);
	CHECK_STR(got,
		  "6500/6500 pause x0 s1 1.1 6\n"
		  "26500/26500 resume x0 s1 1.1 6\n"
		  "26500/26500 count_in x0 s1 1.1 3\n"
		  "27500/27500 second x0 s1 1.1 2\n"
		  "28500/28500 second x0 s1 1.1 1\n"
		  "29500/29500 work x0 s1 1.1 6\n"
		  "30000/30000 second x0 s1 1.1 5\n"
		  "30000/30000 halfway x0 s1 1.1 5\n"
		  "31000/31000 second x0 s1 1.1 4\n"
		  "32000/32000 second x0 s1 1.1 3\n"
		  "33000/33000 second x0 s1 1.1 2\n"
		  "34000/34000 second x0 s1 1.1 1\n"
		  "35000/35000 exercise_done x0 s1 0.0 0\n"
		  "35000/35000 session_done x0 s2 0.0 0\n");
	free(got);
	r = session_record(s);
	CHECK_INT(r->status, SESSION_COMPLETED);
	CHECK_INT(r->paused_ms, 20000);
	/* 12 s of plan and the 3 s count-in; the pause is left out. */
	CHECK_INT(r->done_ms, 15000);
	CHECK_INT(r->ex[0].work_ms_done[SIDE_NONE], 10000);
	CHECK_INT(r->ex[0].reps_done[SIDE_NONE], 1);
	CHECK_INT(r->ex[0].outcome, EXO_DONE);
	session_free(s);

	/* Pausing after the halfway mark does not repeat it; pausing in the
	 * count-in counts in again from 3. */
	rec_reset();
	s = session_new(p, 0, listener, NULL);
	advance(s, 2000 + 7200);
	session_act(s, ACTION_PAUSE, 9200);
	session_act(s, ACTION_PAUSE, 10000);
	advance(s, 11500);
	session_act(s, ACTION_PAUSE, 11500);	/* in the count-in */
	CHECK_INT(R.ev[R.n - 1].kind, SEV_PAUSE);
	CHECK_INT(R.ev[R.n - 1].phase, PHASE_COUNT_IN);
	session_view(s, 12000, &v);
	CHECK_INT(v.phase, PHASE_WORK);
	CHECK_INT(v.left_ms, 2800);
	n = R.n;
	session_act(s, ACTION_PAUSE, 12000);
	run_to_end(s, 12000);
	got = phase_string(n);
	CHECK_STR(got, "C W1.1 | $");
	free(got);
	got = event_dump(n);
	CHECK_STR(got,
		  "12000/12000 resume x0 s1 1.1 3\n"
		  "12000/12000 count_in x0 s1 1.1 3\n"
		  "13000/13000 second x0 s1 1.1 2\n"
		  "14000/14000 second x0 s1 1.1 1\n"
		  "15000/15000 work x0 s1 1.1 3\n"
		  "15800/15800 second x0 s1 1.1 2\n"
		  "16800/16800 second x0 s1 1.1 1\n"
		  "17800/17800 exercise_done x0 s1 0.0 0\n"
		  "17800/17800 session_done x0 s2 0.0 0\n");
	free(got);
	for (size_t i = 0; i < R.n; i++)
		if (R.ev[i].kind == SEV_HALFWAY)
			CHECK_INT(R.ev[i].due_ms, 7000);
	r = session_record(s);
	CHECK_INT(r->paused_ms, 800 + 500);
	CHECK_INT(r->done_ms, 17800 - 1300);
	session_free(s);
	plan_free(p);
}

static void
test_pause_in_rest(void)
{
	struct plan *p = small_plan();
	struct session *s;
	struct session_view v;
	char *got;
	size_t n;

	/* The rest runs 6000-7000; pause 300 ms into it for 5 s. */
	rec_reset();
	s = session_new(p, 0, listener, NULL);
	advance(s, 6300);
	session_act(s, ACTION_PAUSE, 6300);
	session_view(s, 8000, &v);
	CHECK_INT(v.phase, PHASE_REST);
	CHECK_INT(v.left_ms, 700);
	n = R.n;
	session_act(s, ACTION_PAUSE, 11300);
	CHECK_INT(R.n, n + 1);	/* no count-in outside a hold */
	CHECK_INT(R.ev[n].kind, SEV_RESUME);
	CHECK_INT(R.ev[n].phase, PHASE_REST);
	CHECK_INT(session_next_deadline(s), 12000);
	run_to_end(s, 11300);
	got = phase_string(n);
	CHECK_STR(got, "| G W1.1L W1.1R | $");
	free(got);
	CHECK_INT(R.ev[n + 1].kind, SEV_EXERCISE_DONE);
	CHECK_INT(R.ev[n + 1].due_ms, 12000);
	CHECK_INT(R.ev[R.n - 1].due_ms, 13000 + 5000);
	CHECK_INT(session_record(s)->done_ms, 13000);
	CHECK_INT(session_record(s)->paused_ms, 5000);
	session_free(s);
	plan_free(p);
}

/* Work on side sd of exercise ex that finished before step k, plus part
 * ms of step k itself when it is a hold. */
static int64_t
work_before(const struct plan *p, size_t k, enum side sd, int64_t part)
{
	const struct plan_step *st = &p->steps[k];
	int64_t w = 0;

	for (size_t j = p->ex[st->exercise].first_step; j < k; j++)
		if (p->steps[j].kind == STEP_WORK && p->steps[j].side == sd)
			w += p->steps[j].dur_ms;
	if (st->kind == STEP_WORK && st->side == sd)
		w += part;
	return w;
}

static void
test_next_every_phase(void)
{
	struct plan *p = three_plan();
	int ok = 1;

	CHECK_INT(p->nsteps, 16);
	for (size_t k = 0; k < p->nsteps; k++) {
		const struct plan_step *st = &p->steps[k];
		size_t e = st->exercise;
		int64_t origin = 777, half = st->dur_ms / 2;
		int64_t now = origin + st->start_ms + half;
		struct session *s;
		const struct session_record *r;
		struct session_view v;
		size_t n;

		rec_reset();
		s = session_new(p, origin, listener, NULL);
		advance(s, now);
		n = R.n;
		session_act(s, ACTION_NEXT, now);
		CHECK_INT(R.ev[n].kind, SEV_NEXT);
		CHECK_INT(R.ev[n].step, k);
		CHECK_INT(R.ev[n].exercise, e);
		CHECK_INT(R.ev[n].phase, (enum session_phase)st->kind);
		CHECK_INT(R.ev[n].t_ms, now - origin);
		CHECK_INT(R.ev[n].due_ms, now - origin);
		r = session_record(s);
		CHECK_INT(r->ex[e].outcome, EXO_SKIPPED);
		for (enum side sd = SIDE_NONE; sd <= SIDE_RIGHT; sd++)
			CHECK_INT(r->ex[e].work_ms_done[sd],
				  work_before(p, k, sd, half));
		if (e + 1 < p->nex) {
			size_t f = p->ex[e + 1].first_step;
			int64_t t;

			CHECK_INT(R.n, n + 2);
			CHECK_INT(R.ev[n + 1].kind, SEV_PHASE);
			CHECK_INT(R.ev[n + 1].phase, PHASE_GET_READY);
			CHECK_INT(R.ev[n + 1].exercise, e + 1);
			CHECK_INT(R.ev[n + 1].step, f);
			CHECK_INT(R.ev[n + 1].due_ms, now - origin);
			session_view(s, now, &v);
			CHECK_INT(v.step, f);
			CHECK_INT(v.left_ms, p->steps[f].dur_ms);
			CHECK_INT(v.remaining_ms,
				  p->total_ms - p->ex[e + 1].start_ms);
			CHECK_INT(session_next_deadline(s), now + 1000);
			t = run_to_end(s, now);
			CHECK_INT(t, now + p->total_ms - p->ex[e + 1].start_ms);
			CHECK_INT(R.ev[R.n - 1].due_ms, t - origin);
		} else {
			CHECK_INT(R.n, n + 2);
			CHECK_INT(R.ev[n + 1].kind, SEV_SESSION_DONE);
			CHECK_INT(R.ev[n + 1].due_ms, now - origin);
			CHECK_INT(session_next_deadline(s), -1);
		}
		CHECK(session_finished(s));
		CHECK_INT(r->status, SESSION_COMPLETED);
		for (size_t i = 0; i < p->nex; i++)
			CHECK_INT(r->ex[i].outcome,
				  i == e ? EXO_SKIPPED : EXO_DONE);
		CHECK_INT(r->exercises_done, p->nex - 1);
		if (t_case_failed && ok) {
			printf("# NEXT at step %zu\n", k);
			ok = 0;
		}
		session_free(s);
	}
	plan_free(p);
}

static void
test_prev_every_phase(void)
{
	struct plan *p = three_plan();
	int ok = 1;

	for (size_t k = 0; k < p->nsteps; k++) {
		const struct plan_step *st = &p->steps[k];
		size_t e = st->exercise, to = e > 0 ? e - 1 : 0;
		size_t f = p->ex[to].first_step;
		int64_t now = st->start_ms + st->dur_ms / 2, t;
		struct session *s;
		const struct session_record *r;
		size_t n;

		rec_reset();
		s = session_new(p, 0, listener, NULL);
		advance(s, now);
		n = R.n;
		session_act(s, ACTION_PREV, now);
		r = session_record(s);
		CHECK_INT(R.n, n + 2);
		CHECK_INT(R.ev[n].kind, SEV_PREV);
		CHECK_INT(R.ev[n].step, k);
		CHECK_INT(R.ev[n + 1].kind, SEV_PHASE);
		CHECK_INT(R.ev[n + 1].step, f);
		CHECK_INT(R.ev[n + 1].exercise, to);
		CHECK_INT(R.ev[n + 1].due_ms, now);
		/* Both records start over. */
		CHECK_INT(r->ex[to].outcome, EXO_NOT_REACHED);
		CHECK_INT(r->ex[e].outcome, EXO_NOT_REACHED);
		CHECK_INT(r->ex[to].reps_done[SIDE_LEFT] +
			  r->ex[to].reps_done[SIDE_RIGHT] +
			  r->ex[to].reps_done[SIDE_NONE], 0);
		CHECK_INT(r->ex[to].work_ms_done[SIDE_LEFT], 0);
		CHECK_INT(r->ex[e].work_ms_done[SIDE_LEFT], 0);
		CHECK_INT(r->ex[to].sets_done, 0);
		CHECK_INT(r->exercises_done, to);
		t = run_to_end(s, now);
		CHECK_INT(t, now + p->total_ms - p->ex[to].start_ms);
		CHECK_INT(r->status, SESSION_COMPLETED);
		CHECK_INT(r->exercises_done, 3);
		/* Run twice, counted once. */
		CHECK_INT(r->ex[0].reps_done[SIDE_LEFT], 2);
		CHECK_INT(r->ex[0].reps_done[SIDE_RIGHT], 2);
		CHECK_INT(r->ex[0].work_ms_done[SIDE_LEFT], 6000);
		CHECK_INT(r->ex[0].sets_done, 2);
		CHECK_INT(r->ex[1].reps_done[SIDE_NONE], 2);
		CHECK_INT(r->ex[1].sets_done, 1);
		CHECK_INT(r->ex[2].reps_done[SIDE_LEFT], 1);
		CHECK_INT(r->ex[2].reps_done[SIDE_RIGHT], 1);
		if (t_case_failed && ok) {
			printf("# PREV at step %zu\n", k);
			ok = 0;
		}
		session_free(s);
	}
	plan_free(p);
}

static void
test_jumps_while_paused(void)
{
	struct plan *p = three_plan();
	struct routine_row rows[2];
	struct session *s;
	struct session_view v;
	const struct session_record *r;
	char *got;
	size_t n;

	/* For every step: pause in it, NEXT or PREV, stay paused, resume. */
	for (size_t k = 0; k < p->nsteps; k++) {
		const struct plan_step *st = &p->steps[k];
		size_t e = st->exercise;
		int64_t now = st->start_ms + st->dur_ms / 2;

		for (int prev = 0; prev <= 1; prev++) {
			size_t to = prev ? (e > 0 ? e - 1 : 0) : e + 1;

			rec_reset();
			s = session_new(p, 0, listener, NULL);
			advance(s, now);
			session_act(s, ACTION_PAUSE, now);
			n = R.n;
			session_act(s, prev ? ACTION_PREV : ACTION_NEXT,
				    now + 4000);
			r = session_record(s);
			if (to >= p->nex) {
				CHECK_INT(R.ev[n + 1].kind, SEV_SESSION_DONE);
				CHECK(session_finished(s));
				CHECK_INT(r->paused_ms, 4000);
				CHECK_INT(r->done_ms, now);
				session_free(s);
				continue;
			}
			CHECK_INT(R.ev[n].kind, prev ? SEV_PREV : SEV_NEXT);
			CHECK_INT(R.ev[n + 1].kind, SEV_PHASE);
			CHECK_INT(R.ev[n + 1].exercise, to);
			session_view(s, now + 5000, &v);
			CHECK(v.paused);
			CHECK_INT(v.step, p->ex[to].first_step);
			CHECK_INT(v.left_ms, 2000);
			CHECK_INT(session_next_deadline(s), -1);
			session_tick(s, now + 9000);
			CHECK_INT(R.n, n + 2);
			session_act(s, ACTION_PAUSE, now + 10000);
			/* A get-ready resumes at once, from its start. */
			CHECK_INT(R.n, n + 3);
			CHECK_INT(R.ev[n + 2].kind, SEV_RESUME);
			CHECK_INT(session_next_deadline(s), now + 11000);
			run_to_end(s, now + 10000);
			CHECK_INT(r->status, SESSION_COMPLETED);
			CHECK_INT(r->paused_ms, 10000);
			CHECK_INT(r->done_ms, now + p->total_ms -
				  p->ex[to].start_ms);
			CHECK_INT(r->ex[e].outcome,
				  prev ? EXO_DONE : EXO_SKIPPED);
			session_free(s);
		}
	}
	plan_free(p);

	/* Without a get-ready, a jump lands on a hold: resuming counts in. */
	rows[0] = row("A", 1, 1, 5, 0, SIDES_NONE, 0);
	rows[1] = row("B", 1, 1, 5, 0, SIDES_NONE, 0);
	p = build(rows, 2, 1, 0);
	rec_reset();
	s = session_new(p, 0, listener, NULL);
	advance(s, 1500);
	session_act(s, ACTION_PAUSE, 1500);
	session_act(s, ACTION_NEXT, 2000);
	n = R.n;
	session_act(s, ACTION_PAUSE, 3000);
	run_to_end(s, 3000);
	got = event_dump(n);
	CHECK_STR(got,
		  "3000/3000 resume x1 s1 1.1 5\n"
		  "3000/3000 count_in x1 s1 1.1 3\n"
		  "4000/4000 second x1 s1 1.1 2\n"
		  "5000/5000 second x1 s1 1.1 1\n"
		  "6000/6000 work x1 s1 1.1 5\n"
		  "7000/7000 second x1 s1 1.1 4\n"
		  "8000/8000 second x1 s1 1.1 3\n"
		  "8500/8500 halfway x1 s1 1.1 3\n"
		  "9000/9000 second x1 s1 1.1 2\n"
		  "10000/10000 second x1 s1 1.1 1\n"
		  "11000/11000 exercise_done x1 s1 0.0 0\n"
		  "11000/11000 session_done x1 s2 0.0 0\n");
	free(got);
	r = session_record(s);
	CHECK_INT(r->ex[0].outcome, EXO_SKIPPED);
	CHECK_INT(r->ex[0].work_ms_done[SIDE_NONE], 1500);
	CHECK_INT(r->ex[0].reps_done[SIDE_NONE], 0);
	CHECK_INT(r->paused_ms, 1500);
	session_free(s);
	plan_free(p);
}

static void
test_stop(void)
{
	struct plan *p = three_plan();
	struct session *s;
	struct session_view v;
	const struct session_record *r;
	size_t n, k;

	/* Stop 1.5 s into B's second hold (B: G2 W2 W2 R3 from 26 s). */
	k = p->ex[1].first_step + 2;
	CHECK_INT(p->steps[k].kind, STEP_WORK);
	rec_reset();
	s = session_new(p, 10, listener, NULL);
	advance(s, 10 + p->steps[k].start_ms + 1500);
	n = R.n;
	session_act(s, ACTION_STOP, 10 + p->steps[k].start_ms + 1500);
	CHECK_INT(R.n, n + 1);
	CHECK_INT(R.ev[n].kind, SEV_STOP);
	CHECK_INT(R.ev[n].step, k);
	CHECK_INT(R.ev[n].rep, 2);
	CHECK(session_finished(s));
	CHECK_INT(session_next_deadline(s), -1);
	r = session_record(s);
	CHECK_INT(r->status, SESSION_STOPPED);
	CHECK_STR(session_status_name(r->status), "stopped");
	CHECK_INT(r->done_ms, p->steps[k].start_ms + 1500);
	CHECK_INT(r->ex[0].outcome, EXO_DONE);
	CHECK_INT(r->ex[1].outcome, EXO_PARTIAL);
	CHECK_INT(r->ex[2].outcome, EXO_NOT_REACHED);
	CHECK_INT(r->ex[1].reps_done[SIDE_NONE], 1);
	CHECK_INT(r->ex[1].sets_done, 0);
	CHECK_INT(r->ex[1].work_ms_done[SIDE_NONE], 3500);
	CHECK_INT(r->exercises_done, 1);
	session_view(s, 100000, &v);
	CHECK_INT(v.phase, PHASE_DONE);
	CHECK_INT(v.step, p->nsteps);
	CHECK(v.next == NULL);
	/* Finished: ticks and actions change nothing. */
	session_tick(s, 100000);
	session_act(s, ACTION_NEXT, 100000);
	session_act(s, ACTION_PAUSE, 100000);
	CHECK_INT(R.n, n + 1);
	CHECK_INT(r->done_ms, p->steps[k].start_ms + 1500);
	session_free(s);

	/* Stopped while paused: the pause is not run time; a stop in the
	 * get-ready still leaves the exercise partial. */
	rec_reset();
	s = session_new(p, 0, listener, NULL);
	advance(s, 1000);
	session_act(s, ACTION_PAUSE, 1000);
	session_act(s, ACTION_STOP, 61000);
	r = session_record(s);
	CHECK_INT(r->done_ms, 1000);
	CHECK_INT(r->paused_ms, 60000);
	CHECK_INT(r->ex[0].outcome, EXO_PARTIAL);
	CHECK_INT(r->ex[1].outcome, EXO_NOT_REACHED);
	CHECK_INT(R.ev[R.n - 1].kind, SEV_STOP);
	CHECK_INT(R.ev[R.n - 1].t_ms, 61000);
	session_free(s);
	plan_free(p);
}

static void
test_hurt(void)
{
	struct plan *p = three_plan();
	struct session *s;
	const struct session_record *r;
	int64_t now;
	size_t n;

	rec_reset();
	s = session_new(p, 0, listener, NULL);
	now = p->steps[3].start_ms + 1000;	/* A's first right hold */
	advance(s, now);
	n = R.n;
	session_act(s, ACTION_HURT, now);
	r = session_record(s);
	CHECK_INT(R.ev[n].kind, SEV_HURT);
	CHECK_STR(session_event_name(&R.ev[n]), "hurt");
	CHECK_INT(R.ev[n].side, SIDE_RIGHT);
	CHECK_INT(R.ev[n + 1].kind, SEV_PHASE);
	CHECK_INT(R.ev[n + 1].exercise, 1);
	CHECK_INT(r->ex[0].outcome, EXO_HURT);
	CHECK_INT(r->exercises_hurt, 1);
	CHECK_INT(r->ex[0].work_ms_done[SIDE_LEFT], 3000);
	CHECK_INT(r->ex[0].work_ms_done[SIDE_RIGHT], 1000);
	CHECK_INT(r->ex[0].reps_done[SIDE_LEFT], 1);
	CHECK_INT(r->ex[0].reps_done[SIDE_RIGHT], 0);
	CHECK_INT(r->ex[0].sets_done, 0);
	/* Hurt on the last exercise ends the session, completed. */
	now += p->ex[2].start_ms - p->ex[1].start_ms + 2500;
	advance(s, now);
	n = R.n;
	session_act(s, ACTION_HURT, now);
	CHECK_INT(R.n, n + 2);
	CHECK_INT(R.ev[n].kind, SEV_HURT);
	CHECK_INT(R.ev[n].exercise, 2);
	CHECK_INT(R.ev[n + 1].kind, SEV_SESSION_DONE);
	CHECK(session_finished(s));
	CHECK_INT(r->status, SESSION_COMPLETED);
	CHECK_INT(r->ex[1].outcome, EXO_DONE);
	CHECK_INT(r->ex[2].outcome, EXO_HURT);
	CHECK_INT(r->exercises_hurt, 2);
	CHECK_INT(r->exercises_done, 1);
	CHECK_INT(r->ex[2].work_ms_done[SIDE_LEFT], 500);
	session_free(s);
	plan_free(p);
}

static uint64_t rng_state;

static uint32_t
rng(void)
{
	/* xorshift64*: seeded, so a failure can be replayed. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static void
test_random_lateness(void)
{
	struct routine_row rows[4];
	struct plan *p;
	struct session *s;
	int64_t now = 5000, origin = 5000, prev_due = -1, prev_t = -1;
	size_t ticks = 0, phases = 0, empty_ticks = 0;
	int order_ok = 1, phase_ok = 1, quiet_ok = 1, second_ok = 1;

	rows[0] = row("Bird dog", 3, 8, 5, 20, SIDES_ALTERNATE, 5);
	rows[1] = row("Side plank", 3, 4, 10, 30, SIDES_EACH, 5);
	rows[2] = row("Curl-up", 4, 6, 8, 15, SIDES_NONE, 5);
	rows[3] = row("Cat, cow", 2, 10, 3, 10, SIDES_NONE, 5);
	p = build(rows, 4, 1, -1);
	rng_state = 0x9e3779b97f4a7c15ULL;
	rec_reset();
	s = session_new(p, origin, listener, NULL);
	while (!session_finished(s) && ticks < 100000) {
		int64_t d = session_next_deadline(s);
		uint32_t roll = rng() % 100;
		size_t before = R.n;

		if (roll < 30 && d > now + 1) {
			/* Early tick: nothing may happen. */
			now += 1 + rng() % (uint32_t)(d - now - 1);
			session_tick(s, now);
			empty_ticks++;
			if (R.n != before)
				quiet_ok = 0;
		} else {
			now = d + rng() % 51;
			if (roll >= 99)
				now += 5000 + rng() % 25000;
			session_tick(s, now);
		}
		ticks++;
	}
	CHECK(ticks >= 1000);
	CHECK(empty_ticks > 100);
	CHECK(quiet_ok);
	CHECK(!R.overflow);
	for (size_t i = 0; i < R.n; i++) {
		const struct session_event *e = &R.ev[i];

		if (e->due_ms < prev_due || e->t_ms < prev_t ||
		    e->t_ms < e->due_ms || e->t_ms - e->due_ms > 30050)
			order_ok = 0;
		prev_due = e->due_ms;
		prev_t = e->t_ms;
		if (e->kind == SEV_PHASE) {
			if (e->step != phases ||
			    e->due_ms != p->steps[phases].start_ms)
				phase_ok = 0;
			phases++;
		}
		if (e->kind == SEV_SECOND &&
		    (p->steps[e->step].start_ms + p->steps[e->step].dur_ms -
		     e->due_ms) != (int64_t)e->seconds_left * 1000)
			second_ok = 0;
	}
	CHECK(order_ok);
	CHECK(phase_ok);
	CHECK(second_ok);
	CHECK_INT(phases, p->nsteps);
	CHECK_INT(R.ev[R.n - 1].kind, SEV_SESSION_DONE);
	CHECK_INT(R.ev[R.n - 1].due_ms, p->total_ms);
	CHECK_INT(session_record(s)->done_ms, p->total_ms);
	CHECK_INT(session_record(s)->exercises_done, 4);
	printf("# %zu ticks, %zu events, plan %lld ms\n", ticks, R.n,
	       (long long)p->total_ms);
	session_free(s);
	plan_free(p);
}

/* Random lateness with pauses: the plan still holds relative to the
 * anchor, i.e. every step lasts exactly its planned time of running. */
static void
test_random_with_pauses(void)
{
	struct plan *p = three_plan();
	struct session *s;
	int64_t now = 0, last_phase_due = 0, run_in_step = 0;
	int64_t run_ms = 0;
	size_t last_step = 0, pauses = 0, cin_pauses = 0;
	int ok = 1, in_cin = 0;

	rng_state = 42;
	rec_reset();
	s = session_new(p, 0, listener, NULL);
	session_tick(s, 0);
	while (!session_finished(s)) {
		int64_t d = session_next_deadline(s);
		uint32_t roll = rng() % 100;

		if (roll < 10 && d > now + 1) {
			now += 1 + rng() % (uint32_t)(d - now - 1);
			session_act(s, ACTION_PAUSE, now);	/* pause */
			now += rng() % 20000;
			session_act(s, ACTION_PAUSE, now);	/* resume */
		} else if (d != -1) {
			now = d + rng() % 51;
			session_tick(s, now);
		}
	}
	/* Between consecutive step starts (WORK re-entries after a count-in
	 * excluded), the time not paused nor counted in equals the step. */
	for (size_t i = 0; i < R.n; i++) {
		const struct session_event *e = &R.ev[i];

		/* A count-in (and a pause in it) is no time in the step. */
		if (e->kind == SEV_PAUSE) {
			pauses++;
			cin_pauses += e->phase == PHASE_COUNT_IN;
		}
		if (e->kind == SEV_PAUSE && !in_cin)
			run_in_step += e->due_ms - last_phase_due;
		if (e->kind == SEV_RESUME) {
			last_phase_due = e->due_ms;
			in_cin = 0;
		}
		if (e->kind == SEV_PHASE && e->phase == PHASE_COUNT_IN) {
			last_phase_due = e->due_ms + SESSION_COUNT_IN_MS;
			in_cin = 1;
		}
		if (e->kind == SEV_PHASE && e->phase == PHASE_WORK)
			in_cin = 0;
		if ((e->kind == SEV_PHASE && e->phase != PHASE_COUNT_IN &&
		     e->step != last_step) || e->kind == SEV_SESSION_DONE) {
			run_in_step += e->due_ms - last_phase_due;
			if (run_in_step != p->steps[last_step].dur_ms)
				ok = 0;
			run_ms += run_in_step;
			run_in_step = 0;
			last_phase_due = e->due_ms;
			last_step = e->step;
		}
	}
	CHECK(ok);
	CHECK(pauses >= 5);
	CHECK(cin_pauses >= 1);
	printf("# %zu pauses, %zu in a count-in\n", pauses, cin_pauses);
	CHECK_INT(run_ms, p->total_ms);
	CHECK_INT(session_record(s)->status, SESSION_COMPLETED);
	CHECK(session_record(s)->paused_ms > 0);
	session_free(s);
	plan_free(p);
}

static void
test_view(void)
{
	struct plan *p = three_plan();
	struct session *s;
	struct session_view v;

	rec_reset();
	s = session_new(p, 100, listener, NULL);
	session_view(s, 100, &v);
	CHECK_INT(v.phase, PHASE_GET_READY);
	CHECK_INT(v.step, 0);
	CHECK_INT(v.left_ms, 2000);
	CHECK_INT(v.remaining_ms, p->total_ms);
	CHECK(v.next == &p->steps[1]);
	advance(s, 100 + 2000 + 1200);	/* 1.2 s into A's first hold */
	session_view(s, 100 + 3200, &v);
	CHECK_INT(v.phase, PHASE_WORK);
	CHECK_INT(v.exercise, 0);
	CHECK_INT(v.set, 1);
	CHECK_INT(v.rep, 1);
	CHECK_INT(v.side, SIDE_LEFT);
	CHECK_INT(v.phase_ms, 3000);
	CHECK_INT(v.left_ms, 1800);
	CHECK_INT(v.seconds_left, 2);
	CHECK_INT(v.elapsed_ms, 3200);
	CHECK_INT(v.remaining_ms, p->total_ms - 3200);
	CHECK(v.next != NULL && v.next->kind == STEP_SWITCH);
	CHECK_INT(v.next->side, SIDE_RIGHT);
	/* The last step has nothing after it. */
	advance(s, 100 + p->total_ms - 500);
	session_view(s, 100 + p->total_ms - 500, &v);
	CHECK_INT(v.step, p->nsteps - 1);
	CHECK(v.next == NULL);
	CHECK_INT(v.remaining_ms, 500);
	CHECK_INT(v.seconds_left, 1);
	advance(s, 100 + p->total_ms);
	session_view(s, 100 + p->total_ms + 10, &v);
	CHECK_INT(v.phase, PHASE_DONE);
	CHECK_INT(v.remaining_ms, 0);
	CHECK_INT(v.elapsed_ms, p->total_ms);
	CHECK(session_plan(s) == p);
	session_free(s);
	plan_free(p);
}

static void
test_record_sets(void)
{
	struct routine_row rows[1];
	struct plan *p;
	struct session *s;
	const struct session_record *r;
	size_t k;

	/* each, 3 sets of 2: stop in set 2's right side, first rep. */
	rows[0] = row("Clam", 3, 2, 2, 3, SIDES_EACH, 1);
	p = build(rows, 1, 1, 2);
	rec_reset();
	s = session_new(p, 0, listener, NULL);
	for (k = 0; k < p->nsteps; k++)
		if (p->steps[k].set == 2 && p->steps[k].side == SIDE_RIGHT &&
		    p->steps[k].kind == STEP_WORK)
			break;
	advance(s, p->steps[k].start_ms + 600);
	session_act(s, ACTION_STOP, p->steps[k].start_ms + 600);
	r = session_record(s);
	CHECK_INT(r->ex[0].sets_planned, 3);
	CHECK_INT(r->ex[0].reps_planned, 2);
	CHECK_INT(r->ex[0].sets_done, 1);
	CHECK_INT(r->ex[0].reps_done[SIDE_LEFT], 4);
	CHECK_INT(r->ex[0].reps_done[SIDE_RIGHT], 2);
	CHECK_INT(r->ex[0].reps_done[SIDE_NONE], 0);
	CHECK_INT(r->ex[0].work_ms_done[SIDE_LEFT], 8000);
	CHECK_INT(r->ex[0].work_ms_done[SIDE_RIGHT], 4600);
	CHECK_INT(r->ex[0].work_ms_planned, 24000);
	CHECK_INT(r->ex[0].outcome, EXO_PARTIAL);
	CHECK_INT(r->exercises_planned, 1);
	session_free(s);

	rec_reset();
	s = session_new(p, 0, listener, NULL);
	run_to_end(s, 0);
	r = session_record(s);
	CHECK_INT(r->ex[0].sets_done, 3);
	CHECK_INT(r->ex[0].reps_done[SIDE_LEFT], 6);
	CHECK_INT(r->ex[0].reps_done[SIDE_RIGHT], 6);
	CHECK_INT(r->ex[0].work_ms_done[SIDE_RIGHT], 12000);
	CHECK_INT(r->status, SESSION_COMPLETED);
	CHECK_STR(session_status_name(r->status), "completed");
	session_free(s);
	plan_free(p);
}

static void
test_names(void)
{
	struct session_event e;

	memset(&e, 0, sizeof e);
	e.kind = SEV_PHASE;
	e.phase = PHASE_COUNT_IN;
	CHECK_STR(session_event_name(&e), "count_in");
	e.phase = PHASE_SWITCH;
	CHECK_STR(session_event_name(&e), "switch");
	e.kind = SEV_EXERCISE_DONE;
	CHECK_STR(session_event_name(&e), "exercise_done");
	e.kind = SEV_RESUME;
	CHECK_STR(session_event_name(&e), "resume");
	CHECK_STR(session_phase_name(PHASE_GET_READY), "get_ready");
	CHECK_STR(session_phase_name(PHASE_DONE), "done");
	CHECK_STR(session_status_name(SESSION_RUNNING), "running");
}

/* ------------------------------------------------------------------ */
/* The trace writer. */

static void
test_trace(void)
{
	char path[] = "/tmp/limber-test-events-XXXXXX";
	struct plan *p = small_plan();
	struct session *s;
	char *text;
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	rec_reset();
	R.trace = events_open(path);
	R.p = p;
	CHECK(R.trace != NULL);
	s = session_new(p, 3000, listener, NULL);
	run_to_end(s, 3000);
	events_log_named(R.trace, 13000, "cue_done", NULL, p);
	events_log(NULL, &R.ev[0], p);		/* no trace: no-op */
	CHECK_INT(events_close(R.trace), 0);
	text = fixture_read_all(path, NULL);
	CHECK_STR(text,
		  "t_ms,event,exercise,set,rep,side\n"
		  "0,get_ready,Bridge,,,\n"
		  "1000,second,Bridge,,,\n"
		  "2000,work,Bridge,1,1,\n"
		  "2000,cue_go,Bridge,1,1,\n"
		  "3000,second,Bridge,1,1,\n"
		  "4000,second,Bridge,1,1,\n"
		  "4000,halfway,Bridge,1,1,\n"
		  "5000,second,Bridge,1,1,\n"
		  "6000,rest,Bridge,1,,\n"
		  "7000,exercise_done,Bridge,,,\n"
		  "7000,get_ready,\"Cat, cow\",,,\n"
		  "8000,second,\"Cat, cow\",,,\n"
		  "9000,work,\"Cat, cow\",1,1,left\n"
		  "9000,cue_go,\"Cat, cow\",1,1,left\n"
		  "10000,second,\"Cat, cow\",1,1,left\n"
		  "10000,halfway,\"Cat, cow\",1,1,left\n"
		  "11000,work,\"Cat, cow\",1,1,right\n"
		  "11000,cue_go,\"Cat, cow\",1,1,right\n"
		  "12000,second,\"Cat, cow\",1,1,right\n"
		  "12000,halfway,\"Cat, cow\",1,1,right\n"
		  "13000,exercise_done,\"Cat, cow\",,,\n"
		  "13000,session_done,,,,\n"
		  "13000,cue_done,,,,\n");
	free(text);
	session_free(s);

	/* Reopening truncates; actions are traced with their context. */
	rec_reset();
	R.trace = events_open(path);
	R.p = p;
	s = session_new(p, 0, listener, NULL);
	advance(s, 2500);
	session_act(s, ACTION_PAUSE, 2500);
	session_act(s, ACTION_STOP, 4000);
	CHECK_INT(events_close(R.trace), 0);
	text = fixture_read_all(path, NULL);
	CHECK_STR(text,
		  "t_ms,event,exercise,set,rep,side\n"
		  "0,get_ready,Bridge,,,\n"
		  "1000,second,Bridge,,,\n"
		  "2000,work,Bridge,1,1,\n"
		  "2000,cue_go,Bridge,1,1,\n"
		  "2500,pause,Bridge,1,1,\n"
		  "4000,stop,Bridge,1,1,\n");
	free(text);
	session_free(s);
	unlink(path);
	plan_free(p);
}

static void
test_trace_errors(void)
{
	char path[] = "/tmp/limber-test-events-XXXXXX";
	struct session_event e;
	struct plan *p = small_plan();
	struct events_trace *t;
	struct rlimit old, lim;
	void (*oldsig)(int);
	int fd, rc, err;

	errno = 0;
	CHECK(events_open("/nonexistent-limber-dir/trace.csv") == NULL);
	CHECK_INT(errno, ENOENT);
	/* The header cannot be written: an error at once. */
	errno = 0;
	if (access("/dev/full", W_OK) == 0) {
		CHECK(events_open("/dev/full") == NULL);
		CHECK_INT(errno, ENOSPC);
	}
	CHECK_INT(events_close(NULL), 0);

	/* A write failing later is reported by events_close. */
	fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0) {
		plan_free(p);
		return;
	}
	close(fd);
	t = events_open(path);
	CHECK(t != NULL);
	memset(&e, 0, sizeof e);
	e.kind = SEV_SECOND;
	e.t_ms = 1000;
	events_log(t, &e, p);
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = 60;
	oldsig = signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &lim);
	for (int i = 0; i < 5; i++)
		events_log(t, &e, p);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, oldsig);
	errno = 0;
	rc = events_close(t);
	err = errno;
	CHECK_INT(rc, -1);
	CHECK_INT(err, EFBIG);
	unlink(path);
	plan_free(p);
}

int
main(void)
{
	TEST_RUN(test_phase_order_none);
	TEST_RUN(test_phase_order_each);
	TEST_RUN(test_phase_order_alternate);
	TEST_RUN(test_levels);
	TEST_RUN(test_exact_sequence);
	TEST_RUN(test_late_tick);
	TEST_RUN(test_next_deadline);
	TEST_RUN(test_pause_in_hold);
	TEST_RUN(test_pause_in_rest);
	TEST_RUN(test_next_every_phase);
	TEST_RUN(test_prev_every_phase);
	TEST_RUN(test_jumps_while_paused);
	TEST_RUN(test_stop);
	TEST_RUN(test_hurt);
	TEST_RUN(test_random_lateness);
	TEST_RUN(test_random_with_pauses);
	TEST_RUN(test_view);
	TEST_RUN(test_record_sets);
	TEST_RUN(test_names);
	TEST_RUN(test_trace);
	TEST_RUN(test_trace_errors);
	return t_done();
}
