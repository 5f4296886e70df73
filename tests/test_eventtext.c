/* test_eventtext.c - session events as sentences: the lines --plain
 * prints, the dose both front ends show, durations.  A real plan walked by
 * the real session on a fake clock, every line collected. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app/eventtext.h"
#include "core/util.h"
#include "model/plan.h"
#include "core/diag.h"
#include "model/routine.h"
#include "model/session.h"
#include "testlib.h"

/* A plan at level 1 from routine CSV text, with a 5 s get-ready. */
static struct plan *
build(const char *csv)
{
	struct plan_opts o = { .get_ready_s = 5 };
	struct diag_list d;
	struct routine *r;
	struct plan *p;

	diag_init(&d);
	r = routine_parse(csv, strlen(csv), "t.csv", "t", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	diag_free(&d);
	p = plan_build(r, 1, &o);
	routine_free(r);
	return p;
}

struct collect {
	const struct plan *plan;
	struct session *s;
	struct strbuf out;
};

static void
collect(void *ud, const struct session_event *ev)
{
	struct collect *c = ud;
	char *line = eventtext_line(c->plan, ev, session_record(c->s));

	if (line != NULL) {
		strbuf_addf(&c->out, "%s\n", line);
		free(line);
	}
}

static void
test_a_session_in_lines(void)
{
	struct plan *p = build("exercise,sets,reps,hold,rest,sides,switch,cue\n"
			       "Plank,2,1,20,2,none,1,Keep still.\n"
			       "Side,1,2,2,0,each,1,\n"
			       "Bird-dog,1,2,1,0,alternate,1,\n");
	struct collect c = { .plan = p };
	int64_t t = 0;

	c.s = session_new(p, 0, collect, &c);
	while (!session_finished(c.s)) {
		session_tick(c.s, t);
		t = session_next_deadline(c.s);
	}
	CHECK_STR(c.out.s,
		  "Exercise 1 of 3: Plank, 2 sets of 1 rep, hold 20 seconds\n"
		  "  Keep still.\n"
		  "Get ready: 5 seconds\n"
		  "Plank, set 1 of 2: hold 20 seconds\n"
		  "10 seconds left\n"
		  "Rest 2 seconds\n"
		  "Plank, set 2 of 2: hold 20 seconds\n"
		  "10 seconds left\n"
		  "Rest 2 seconds; next: Side\n"
		  "Exercise 2 of 3: Side, 1 set of 2 reps, 2 seconds each, each side\n"
		  "Get ready: 5 seconds\n"
		  "Side, set 1 of 1, left: 2 reps, 2 seconds each\n"
		  "Switch to the right side, 1 second\n"
		  "Side, set 1 of 1, right: 2 reps, 2 seconds each\n"
		  "Exercise 3 of 3: Bird-dog, 1 set of 2 reps, 1 second each, alternating sides\n"
		  "Get ready: 5 seconds\n"
		  "Bird-dog, set 1 of 1: 2 reps each side, 1 second each, left and right in turn\n"
		  /* every change of side said */
		  "Left\n"
		  "Right\n"
		  "Left\n"
		  "Right\n"
		  "Done: 3 of 3 exercises, 1 minute 12 seconds\n");
	session_free(c.s);
	strbuf_free(&c.out);
	plan_free(p);
}

static void
test_actions_in_lines(void)
{
	struct plan *p = build("exercise,hold,rest\nBridge,30,0\nCat,30,0\n");
	struct collect c = { .plan = p };

	c.s = session_new(p, 0, collect, &c);
	session_tick(c.s, 6000);
	c.out.len = 0;
	session_act(c.s, ACTION_PAUSE, 7000);
	session_act(c.s, ACTION_PAUSE, 9000);
	session_act(c.s, ACTION_HURT, 20000);
	session_act(c.s, ACTION_NEXT, 21000);
	CHECK_STR(c.out.s,
		  "Paused; press space to resume\n"
		  "Resumed\n"
		  "Hold again in 3\n"
		  "Bridge, set 1 of 1: hold 28 seconds\n"
		  "Marked Bridge as hurting and moved on; stop any exercise that hurts\n"
		  "Exercise 2 of 2: Cat, 1 set of 1 rep, hold 30 seconds\n"
		  "Get ready: 5 seconds\n"
		  "Skipped Cat\n"
		  "Done: 0 of 2 exercises, 19 seconds\n");
	session_free(c.s);

	/* a stop names what was done */
	c.s = session_new(p, 0, collect, &c);
	session_tick(c.s, 1000);
	c.out.len = 0;
	session_act(c.s, ACTION_PREV, 1500);
	session_act(c.s, ACTION_STOP, 2400);
	CHECK_STR(c.out.s,
		  "Back to the previous exercise\n"
		  "Exercise 1 of 2: Bridge, 1 set of 1 rep, hold 30 seconds\n"
		  "Get ready: 5 seconds\n"
		  "Stopped: 0 of 2 exercises, 2 seconds\n");
	session_free(c.s);
	strbuf_free(&c.out);
	plan_free(p);
}

static void
test_durations(void)
{
	static const struct {
		int64_t ms;
		const char *text;
	} cases[] = {
		{ 0, "0 seconds" }, { 499, "0 seconds" }, { 500, "1 second" },
		{ 45000, "45 seconds" }, { 60000, "1 minute" },
		{ 680000, "11 minutes 20 seconds" }, { 3599499, "59 minutes 59 seconds" },
		{ 3600000, "1 hour" }, { 3720000, "1 hour 2 minutes" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *s = eventtext_duration(cases[i].ms);

		CHECK_STR(s, cases[i].text);
		free(s);
	}
}

int
main(void)
{
	TEST_RUN(test_a_session_in_lines);
	TEST_RUN(test_actions_in_lines);
	TEST_RUN(test_durations);
	return t_done();
}
