/* test_plan.c - unrolling routines into timed steps. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/plan.h"
#include "model/routine.h"
#include "core/util.h"
#include "testlib.h"

/* Routines are built by hand so these tests exercise the plan alone and
 * not the CSV reader. */
struct rb {
	struct routine r;
	size_t cap;
};

static void
rb_init(struct rb *b)
{
	memset(b, 0, sizeof *b);
	b->r.name = xstrdup("test");
	b->r.title = xstrdup("Test");
	b->r.path = xstrdup("test.csv");
}

static struct routine_row *
rb_add(struct rb *b, const char *name, int sets, int reps, int hold, int rest,
       enum routine_sides sides, int switch_s)
{
	struct routine_row *row;

	util_grow(&b->r.rows, &b->cap, b->r.nrows, sizeof *b->r.rows);
	row = &b->r.rows[b->r.nrows++];
	memset(row, 0, sizeof *row);
	row->exercise = xstrdup(name);
	row->cue = xasprintf("Do %s well.", name);
	row->sets = sets;
	row->reps = reps;
	row->hold = hold;
	row->rest = rest;
	row->sides = sides;
	row->switch_s = switch_s;
	row->level_lo = LEVEL_MIN;
	row->level_hi = LEVEL_MAX;
	row->line = (long)b->r.nrows + 1;	/* the header is line 1 */
	return row;
}

static void
rb_free(struct rb *b)
{
	for (size_t i = 0; i < b->r.nrows; i++) {
		free(b->r.rows[i].exercise);
		free(b->r.rows[i].cue);
	}
	free(b->r.rows);
	free(b->r.name);
	free(b->r.title);
	free(b->r.path);
}

struct want {
	enum step_kind kind;
	size_t ex;
	int set, rep;
	enum side side;
	int64_t start_ms, dur_ms;
};

#define GR STEP_GET_READY
#define WK STEP_WORK
#define SW STEP_SWITCH
#define RS STEP_REST
#define SN SIDE_NONE
#define SL SIDE_LEFT
#define SR SIDE_RIGHT

static void
check_steps(const struct plan *p, const struct want *w, size_t n)
{
	CHECK_INT(p->nsteps, n);
	for (size_t i = 0; i < n && i < p->nsteps; i++) {
		const struct plan_step *s = &p->steps[i];

		if (s->kind != w[i].kind || s->exercise != w[i].ex ||
		    s->set != w[i].set || s->rep != w[i].rep ||
		    s->side != w[i].side || s->start_ms != w[i].start_ms ||
		    s->dur_ms != w[i].dur_ms) {
			printf("# step %zu: got %s ex %zu set %d rep %d side '%s' "
			       "at %" PRId64 " for %" PRId64 "; want %s ex %zu set %d "
			       "rep %d side '%s' at %" PRId64 " for %" PRId64 "\n",
			       i, plan_step_kind_name(s->kind), s->exercise,
			       s->set, s->rep, plan_side_name(s->side),
			       s->start_ms, s->dur_ms,
			       plan_step_kind_name(w[i].kind), w[i].ex,
			       w[i].set, w[i].rep, plan_side_name(w[i].side),
			       w[i].start_ms, w[i].dur_ms);
			CHECK(!"step differs");
		}
	}
}

/* Invariants every plan must keep, whatever the routine. */
static void
check_consistent(const struct plan *p)
{
	int64_t t = 0, work = 0, exsum = 0;

	for (size_t i = 0; i < p->nsteps; i++) {
		const struct plan_step *s = &p->steps[i];

		CHECK_INT(s->start_ms, t);
		CHECK(s->dur_ms > 0);
		CHECK(s->exercise < p->nex);
		t += s->dur_ms;
		if (s->kind == STEP_WORK)
			work += s->dur_ms;
	}
	CHECK_INT(p->total_ms, t);
	CHECK_INT(p->work_ms, work);
	for (size_t e = 0; e < p->nex; e++) {
		const struct plan_exercise *x = &p->ex[e];
		int64_t d = 0, wk = 0;

		CHECK(x->first_step + x->nsteps <= p->nsteps);
		if (x->nsteps > 0)
			CHECK_INT(x->start_ms,
				  p->steps[x->first_step].start_ms);
		CHECK_INT(x->start_ms, exsum);
		for (size_t i = x->first_step; i < x->first_step + x->nsteps &&
		     i < p->nsteps; i++) {
			CHECK_INT(p->steps[i].exercise, e);
			d += p->steps[i].dur_ms;
			if (p->steps[i].kind == STEP_WORK)
				wk += p->steps[i].dur_ms;
		}
		CHECK_INT(x->dur_ms, d);
		CHECK_INT(x->work_ms, wk);
		exsum += d;
	}
	CHECK_INT(exsum, p->total_ms);
}

static void
test_none_sequence(void)
{
	struct rb b;
	struct plan *p;

	rb_init(&b);
	rb_add(&b, "Bridge", 2, 3, 4, 10, SIDES_NONE, 5);
	rb_add(&b, "Squat", 1, 2, 5, 7, SIDES_NONE, 5);
	p = plan_build(&b.r, 1, NULL);
	{
		static const struct want w[] = {
			{ GR, 0, 0, 0, SN, 0, 5000 },
			{ WK, 0, 1, 1, SN, 5000, 4000 },
			{ WK, 0, 1, 2, SN, 9000, 4000 },
			{ WK, 0, 1, 3, SN, 13000, 4000 },
			{ RS, 0, 1, 0, SN, 17000, 10000 },
			{ WK, 0, 2, 1, SN, 27000, 4000 },
			{ WK, 0, 2, 2, SN, 31000, 4000 },
			{ WK, 0, 2, 3, SN, 35000, 4000 },
			/* the last set of an exercise that is not the
			 * routine's last still rests */
			{ RS, 0, 2, 0, SN, 39000, 10000 },
			{ GR, 1, 0, 0, SN, 49000, 5000 },
			{ WK, 1, 1, 1, SN, 54000, 5000 },
			{ WK, 1, 1, 2, SN, 59000, 5000 },
			/* and the routine's last set does not */
		};
		check_steps(p, w, ARRAY_LEN(w));
	}
	CHECK_INT(p->level, 1);
	CHECK_INT(p->nex, 2);
	CHECK_INT(p->total_ms, 64000);
	CHECK_INT(p->work_ms, 34000);
	CHECK_INT(p->ex[0].first_step, 0);
	CHECK_INT(p->ex[0].nsteps, 9);
	CHECK_INT(p->ex[0].start_ms, 0);
	CHECK_INT(p->ex[0].dur_ms, 49000);
	CHECK_INT(p->ex[0].work_ms, 24000);
	CHECK_INT(p->ex[1].first_step, 9);
	CHECK_INT(p->ex[1].nsteps, 3);
	CHECK_INT(p->ex[1].start_ms, 49000);
	CHECK_INT(p->ex[1].dur_ms, 15000);
	CHECK_INT(p->ex[1].work_ms, 10000);
	CHECK_INT(p->ex[0].sets, 2);
	CHECK_INT(p->ex[0].reps, 3);
	CHECK_INT(p->ex[0].hold_s, 4);
	CHECK_INT(p->ex[0].rest_s, 10);
	CHECK_INT(p->ex[0].sides, SIDES_NONE);
	CHECK_STR(p->ex[1].name, "Squat");
	CHECK_STR(p->ex[1].cue, "Do Squat well.");
	CHECK_INT(p->ex[1].line, 3);
	check_consistent(p);
	plan_free(p);
	rb_free(&b);
}

static void
test_none_levels(void)
{
	struct rb b;
	struct plan *p;

	rb_init(&b);
	rb_add(&b, "Bridge", 2, 5, 5, 20, SIDES_NONE, 5)->reps_step = 1;
	b.r.rows[0].hold_step = 2;

	/* level 5: 9 reps of 13 s */
	p = plan_build(&b.r, 5, NULL);
	CHECK_INT(p->level, 5);
	CHECK_INT(p->ex[0].reps, 9);
	CHECK_INT(p->ex[0].hold_s, 13);
	CHECK_INT(p->nsteps, 1 + 9 + 1 + 9);
	CHECK_INT(p->steps[10].kind, STEP_REST);
	CHECK_INT(p->steps[10].start_ms, 5000 + 9 * 13000);
	CHECK_INT(p->steps[11].set, 2);
	CHECK_INT(p->steps[11].rep, 1);
	CHECK_INT(p->steps[19].rep, 9);
	CHECK_INT(p->total_ms, 5000 + 2 * 9 * 13000 + 20000);
	CHECK_INT(p->work_ms, 2 * 9 * 13000);
	check_consistent(p);
	plan_free(p);

	/* level 10: 14 reps of 23 s */
	p = plan_build(&b.r, 10, NULL);
	CHECK_INT(p->ex[0].reps, 14);
	CHECK_INT(p->ex[0].hold_s, 23);
	CHECK_INT(p->total_ms, 5000 + 2 * 14 * 23000 + 20000);
	check_consistent(p);
	plan_free(p);
	rb_free(&b);
}

static void
test_each_sequence(void)
{
	struct rb b;
	struct plan *p;

	rb_init(&b);
	rb_add(&b, "Side plank", 2, 2, 10, 20, SIDES_EACH, 5);
	b.r.rows[0].reps_step = 1;
	b.r.rows[0].hold_step = 2;
	p = plan_build(&b.r, 1, NULL);
	{
		static const struct want w[] = {
			{ GR, 0, 0, 0, SN, 0, 5000 },
			{ WK, 0, 1, 1, SL, 5000, 10000 },
			{ WK, 0, 1, 2, SL, 15000, 10000 },
			{ SW, 0, 1, 0, SR, 25000, 5000 },
			{ WK, 0, 1, 1, SR, 30000, 10000 },
			{ WK, 0, 1, 2, SR, 40000, 10000 },
			{ RS, 0, 1, 0, SN, 50000, 20000 },
			{ WK, 0, 2, 1, SL, 70000, 10000 },
			{ WK, 0, 2, 2, SL, 80000, 10000 },
			{ SW, 0, 2, 0, SR, 90000, 5000 },
			{ WK, 0, 2, 1, SR, 95000, 10000 },
			{ WK, 0, 2, 2, SR, 105000, 10000 },
		};
		check_steps(p, w, ARRAY_LEN(w));
	}
	CHECK_INT(p->total_ms, 115000);
	CHECK_INT(p->work_ms, 80000);
	CHECK_INT(p->ex[0].sides, SIDES_EACH);
	CHECK_INT(p->ex[0].switch_s, 5);
	check_consistent(p);
	plan_free(p);

	/* level 3: 4 reps of 14 s on each side */
	p = plan_build(&b.r, 3, NULL);
	CHECK_INT(p->ex[0].reps, 4);
	CHECK_INT(p->ex[0].hold_s, 14);
	CHECK_INT(p->nsteps, 1 + 2 * (4 + 1 + 4) + 1);
	CHECK_INT(p->steps[4].rep, 4);
	CHECK_INT(p->steps[4].side, SIDE_LEFT);
	CHECK_INT(p->steps[5].kind, STEP_SWITCH);
	CHECK_INT(p->steps[5].side, SIDE_RIGHT);
	CHECK_INT(p->steps[5].start_ms, 5000 + 4 * 14000);
	CHECK_INT(p->steps[6].side, SIDE_RIGHT);
	CHECK_INT(p->steps[6].rep, 1);
	CHECK_INT(p->steps[10].kind, STEP_REST);
	CHECK_INT(p->total_ms, 5000 + 2 * (8 * 14000 + 5000) + 20000);
	check_consistent(p);
	plan_free(p);
	rb_free(&b);
}

static void
test_alternate_sequence(void)
{
	struct rb b;
	struct plan *p;

	rb_init(&b);
	/* switch_s is set but alternating never switches as a step */
	rb_add(&b, "Bird-dog", 1, 3, 6, 15, SIDES_ALTERNATE, 5)->reps_step = 1;
	p = plan_build(&b.r, 1, NULL);
	{
		static const struct want w[] = {
			{ GR, 0, 0, 0, SN, 0, 5000 },
			{ WK, 0, 1, 1, SL, 5000, 6000 },
			{ WK, 0, 1, 1, SR, 11000, 6000 },
			{ WK, 0, 1, 2, SL, 17000, 6000 },
			{ WK, 0, 1, 2, SR, 23000, 6000 },
			{ WK, 0, 1, 3, SL, 29000, 6000 },
			{ WK, 0, 1, 3, SR, 35000, 6000 },
		};
		check_steps(p, w, ARRAY_LEN(w));
	}
	CHECK_INT(p->total_ms, 41000);
	CHECK_INT(p->work_ms, 36000);
	check_consistent(p);
	plan_free(p);

	/* level 4: 6 per side, still no SWITCH */
	p = plan_build(&b.r, 4, NULL);
	CHECK_INT(p->ex[0].reps, 6);
	CHECK_INT(p->nsteps, 1 + 12);
	for (size_t i = 0; i < p->nsteps; i++)
		CHECK(p->steps[i].kind != STEP_SWITCH);
	CHECK_INT(p->steps[11].rep, 6);
	CHECK_INT(p->steps[11].side, SIDE_LEFT);
	CHECK_INT(p->steps[12].rep, 6);
	CHECK_INT(p->steps[12].side, SIDE_RIGHT);
	CHECK_INT(p->total_ms, 5000 + 12 * 6000);
	check_consistent(p);
	plan_free(p);

	/* two sets: a rest between them, none after the last */
	b.r.rows[0].sets = 2;
	p = plan_build(&b.r, 2, NULL);
	CHECK_INT(p->nsteps, 1 + 8 + 1 + 8);
	CHECK_INT(p->steps[9].kind, STEP_REST);
	CHECK_INT(p->steps[9].set, 1);
	CHECK_INT(p->steps[9].start_ms, 5000 + 8 * 6000);
	CHECK_INT(p->steps[10].set, 2);
	CHECK_INT(p->steps[10].side, SIDE_LEFT);
	CHECK_INT(p->steps[17].kind, STEP_WORK);
	CHECK_INT(p->total_ms, 5000 + 16 * 6000 + 15000);
	check_consistent(p);
	plan_free(p);
	rb_free(&b);
}

static void
test_caps_and_clamps(void)
{
	struct rb b;
	struct plan *p;

	rb_init(&b);
	rb_add(&b, "Lots", 1, 90, 500, 0, SIDES_NONE, 0);
	b.r.rows[0].reps_step = 20;
	b.r.rows[0].hold_step = 60;

	p = plan_build(&b.r, 10, NULL);
	CHECK_INT(p->ex[0].reps, ROUTINE_REPS_MAX);
	CHECK_INT(p->ex[0].hold_s, ROUTINE_HOLD_MAX);
	CHECK_INT(p->total_ms, 5000 + (int64_t)100 * 600 * 1000);
	check_consistent(p);
	plan_free(p);

	/* level 2: 90 + 20 reps is capped at 100, 500 + 60 s is not capped */
	p = plan_build(&b.r, 2, NULL);
	CHECK_INT(p->ex[0].reps, 100);
	CHECK_INT(p->ex[0].hold_s, 560);
	plan_free(p);

	b.r.rows[0].reps = 70;
	p = plan_build(&b.r, 2, NULL);
	CHECK_INT(p->ex[0].reps, 90);
	plan_free(p);

	/* levels outside 1-10 are clamped */
	p = plan_build(&b.r, 0, NULL);
	CHECK_INT(p->level, 1);
	CHECK_INT(p->ex[0].reps, 70);
	CHECK_INT(p->ex[0].hold_s, 500);
	plan_free(p);
	p = plan_build(&b.r, -3, NULL);
	CHECK_INT(p->level, 1);
	plan_free(p);
	p = plan_build(&b.r, 11, NULL);
	CHECK_INT(p->level, 10);
	CHECK_INT(p->ex[0].reps, 100);
	plan_free(p);
	rb_free(&b);
}

static void
test_get_ready_option(void)
{
	struct rb b;
	struct plan *p;
	struct plan_opts o = { 0 };

	rb_init(&b);
	rb_add(&b, "A", 1, 2, 3, 4, SIDES_NONE, 5);
	rb_add(&b, "B", 1, 1, 2, 4, SIDES_NONE, 5);

	o.get_ready_s = 0;
	p = plan_build(&b.r, 1, &o);
	{
		static const struct want w[] = {
			{ WK, 0, 1, 1, SN, 0, 3000 },
			{ WK, 0, 1, 2, SN, 3000, 3000 },
			{ RS, 0, 1, 0, SN, 6000, 4000 },
			{ WK, 1, 1, 1, SN, 10000, 2000 },
		};
		check_steps(p, w, ARRAY_LEN(w));
	}
	/* an exercise without GET_READY starts at its first WORK */
	CHECK_INT(p->ex[1].first_step, 3);
	CHECK_INT(p->ex[1].nsteps, 1);
	CHECK_INT(p->ex[1].start_ms, 10000);
	CHECK_INT(p->total_ms, 12000);
	check_consistent(p);
	plan_free(p);

	o.get_ready_s = 12;
	p = plan_build(&b.r, 1, &o);
	CHECK_INT(p->steps[0].kind, STEP_GET_READY);
	CHECK_INT(p->steps[0].dur_ms, 12000);
	CHECK_INT(p->ex[1].first_step, 4);
	CHECK_INT(p->steps[4].kind, STEP_GET_READY);
	CHECK_INT(p->steps[4].dur_ms, 12000);
	CHECK_INT(p->total_ms, 12000 + 6000 + 4000 + 12000 + 2000);
	check_consistent(p);
	plan_free(p);

	/* the default is PLAN_DEFAULT_GET_READY_S before every exercise */
	p = plan_build(&b.r, 1, NULL);
	CHECK_INT(p->steps[0].dur_ms, PLAN_DEFAULT_GET_READY_S * 1000);
	CHECK_INT(p->steps[4].kind, STEP_GET_READY);
	CHECK_INT(p->total_ms, 2 * PLAN_DEFAULT_GET_READY_S * 1000 + 12000);
	plan_free(p);

	/* out of range: 0-60 */
	o.get_ready_s = 500;
	p = plan_build(&b.r, 1, &o);
	CHECK_INT(p->steps[0].dur_ms, 60000);
	plan_free(p);
	o.get_ready_s = -1;
	p = plan_build(&b.r, 1, &o);
	CHECK_INT(p->steps[0].kind, STEP_WORK);
	plan_free(p);
	rb_free(&b);
}

static void
test_zero_rest_and_switch(void)
{
	struct rb b;
	struct plan *p;
	struct plan_opts o = { 0 };

	rb_init(&b);
	rb_add(&b, "Hip flexor", 2, 1, 30, 0, SIDES_EACH, 0);
	rb_add(&b, "Cat-cow", 1, 2, 4, 10, SIDES_NONE, 5);
	p = plan_build(&b.r, 1, &o);
	{
		static const struct want w[] = {
			{ WK, 0, 1, 1, SL, 0, 30000 },
			{ WK, 0, 1, 1, SR, 30000, 30000 },
			{ WK, 0, 2, 1, SL, 60000, 30000 },
			{ WK, 0, 2, 1, SR, 90000, 30000 },
			{ WK, 1, 1, 1, SN, 120000, 4000 },
			{ WK, 1, 1, 2, SN, 124000, 4000 },
		};
		check_steps(p, w, ARRAY_LEN(w));
	}
	CHECK_INT(p->total_ms, 128000);
	CHECK_INT(p->work_ms, 128000);
	check_consistent(p);
	plan_free(p);

	/* with a switch but no rest */
	b.r.rows[0].switch_s = 3;
	p = plan_build(&b.r, 1, &o);
	CHECK_INT(p->nsteps, 2 * 3 + 2);
	CHECK_INT(p->steps[1].kind, STEP_SWITCH);
	CHECK_INT(p->steps[1].set, 1);
	CHECK_INT(p->steps[4].kind, STEP_SWITCH);
	CHECK_INT(p->steps[4].set, 2);
	CHECK_INT(p->steps[4].start_ms, 93000);
	CHECK_INT(p->total_ms, 128000 + 6000);
	check_consistent(p);
	plan_free(p);
	rb_free(&b);
}

static void
test_last_exercise_sets_rest(void)
{
	struct rb b;
	struct plan *p;
	size_t rests = 0;

	rb_init(&b);
	rb_add(&b, "A", 3, 1, 2, 9, SIDES_NONE, 5);
	p = plan_build(&b.r, 1, NULL);
	/* GR W R W R W: rests between the sets of the last exercise only */
	CHECK_INT(p->nsteps, 6);
	for (size_t i = 0; i < p->nsteps; i++)
		if (p->steps[i].kind == STEP_REST) {
			rests++;
			CHECK_INT(p->steps[i].set, (int)rests);
		}
	CHECK_INT(rests, 2);
	CHECK_INT(p->steps[p->nsteps - 1].kind, STEP_WORK);
	CHECK_INT(p->steps[p->nsteps - 1].set, 3);
	CHECK_INT(p->total_ms, 5000 + 3 * 2000 + 2 * 9000);
	plan_free(p);
	rb_free(&b);
}

static void
test_level_ladders(void)
{
	struct rb b;
	struct plan *p;
	struct routine_row *row;

	rb_init(&b);
	row = rb_add(&b, "Knee plank", 1, 3, 10, 15, SIDES_NONE, 5);
	row->level_hi = 3;
	row = rb_add(&b, "Plank", 1, 3, 15, 15, SIDES_NONE, 5);
	row->level_lo = 4;
	row->hold_step = 2;
	rb_add(&b, "Bridge", 1, 5, 5, 15, SIDES_NONE, 5);
	row = rb_add(&b, "Wall squat", 1, 2, 20, 15, SIDES_NONE, 5);
	row->level_lo = 6;
	row->level_hi = 6;

	for (int lv = 1; lv <= 3; lv++) {
		p = plan_build(&b.r, lv, NULL);
		CHECK_INT(p->nex, 2);
		CHECK_STR(p->ex[0].name, "Knee plank");
		CHECK_INT(p->ex[0].line, 2);
		CHECK_STR(p->ex[1].name, "Bridge");
		CHECK_INT(p->ex[1].line, 4);
		check_consistent(p);
		plan_free(p);
	}
	p = plan_build(&b.r, 4, NULL);
	CHECK_INT(p->nex, 2);
	CHECK_STR(p->ex[0].name, "Plank");
	/* hold_step counts from level 1, not from the row's first level */
	CHECK_INT(p->ex[0].hold_s, 15 + 2 * 3);
	CHECK_INT(p->ex[0].line, 3);
	CHECK_STR(p->ex[1].name, "Bridge");
	for (size_t i = 0; i < p->nsteps; i++)
		CHECK(p->steps[i].exercise < 2);
	check_consistent(p);
	plan_free(p);

	p = plan_build(&b.r, 6, NULL);
	CHECK_INT(p->nex, 3);
	CHECK_STR(p->ex[2].name, "Wall squat");
	CHECK_INT(p->ex[2].line, 5);
	CHECK_INT(p->steps[p->ex[2].first_step].exercise, 2);
	check_consistent(p);
	plan_free(p);

	p = plan_build(&b.r, 7, NULL);
	CHECK_INT(p->nex, 2);
	CHECK_STR(p->ex[1].name, "Bridge");
	/* Bridge is now the last exercise: no rest at the end */
	CHECK_INT(p->steps[p->nsteps - 1].kind, STEP_WORK);
	plan_free(p);

	p = plan_build(&b.r, 10, NULL);
	CHECK_STR(p->ex[0].name, "Plank");
	CHECK_INT(p->ex[0].hold_s, 33);
	plan_free(p);
	rb_free(&b);
}

static void
test_nothing_at_level(void)
{
	struct rb b;
	struct plan *p;

	rb_init(&b);
	rb_add(&b, "Late", 1, 1, 5, 5, SIDES_NONE, 5)->level_lo = 5;
	p = plan_build(&b.r, 2, NULL);
	CHECK_INT(p->nex, 0);
	CHECK_INT(p->nsteps, 0);
	CHECK_INT(p->total_ms, 0);
	CHECK_INT(p->work_ms, 0);
	CHECK_INT(plan_step_at(p, 0), 0);
	plan_free(p);
	rb_free(&b);
}

/* The step running at t found the slow way. */
static size_t
linear_step_at(const struct plan *p, int64_t t)
{
	for (size_t i = 0; i < p->nsteps; i++)
		if (t >= p->steps[i].start_ms &&
		    t < p->steps[i].start_ms + p->steps[i].dur_ms)
			return i;
	return p->nsteps;
}

static void
test_step_at(void)
{
	struct rb b;
	struct plan *p;

	rb_init(&b);
	rb_add(&b, "A", 2, 2, 3, 7, SIDES_EACH, 2);
	rb_add(&b, "B", 1, 3, 1, 0, SIDES_ALTERNATE, 5);
	rb_add(&b, "C", 2, 1, 4, 6, SIDES_NONE, 5);
	p = plan_build(&b.r, 1, NULL);
	check_consistent(p);

	CHECK_INT(plan_step_at(p, 0), 0);
	CHECK_INT(plan_step_at(p, -5), 0);
	for (size_t i = 0; i < p->nsteps; i++) {
		int64_t s = p->steps[i].start_ms;

		/* a step's start is the new step, the ms before the old one */
		CHECK_INT(plan_step_at(p, s), i);
		if (i > 0)
			CHECK_INT(plan_step_at(p, s - 1), i - 1);
		CHECK_INT(plan_step_at(p, s + p->steps[i].dur_ms - 1), i);
	}
	CHECK_INT(plan_step_at(p, p->total_ms - 1), p->nsteps - 1);
	CHECK_INT(plan_step_at(p, p->total_ms), p->nsteps);
	CHECK_INT(plan_step_at(p, p->total_ms + 100000), p->nsteps);
	for (int64_t t = 0; t <= p->total_ms; t += 250)
		CHECK_INT(plan_step_at(p, t), linear_step_at(p, t));
	plan_free(p);
	rb_free(&b);
}

static void
test_plan_owns_strings(void)
{
	struct rb b;
	struct plan *p;

	rb_init(&b);
	rb_add(&b, "Dead bug", 1, 6, 4, 15, SIDES_ALTERNATE, 5);
	p = plan_build(&b.r, 1, NULL);
	CHECK(p->ex[0].name != b.r.rows[0].exercise);
	CHECK(p->ex[0].cue != b.r.rows[0].cue);
	b.r.rows[0].exercise[0] = 'X';
	rb_free(&b);
	/* still readable (and unchanged) after the routine is gone */
	CHECK_STR(p->ex[0].name, "Dead bug");
	CHECK_STR(p->ex[0].cue, "Do Dead bug well.");
	plan_free(p);
	plan_free(NULL);
}

static void
test_names(void)
{
	CHECK_STR(plan_step_kind_name(STEP_GET_READY), "get_ready");
	CHECK_STR(plan_step_kind_name(STEP_WORK), "work");
	CHECK_STR(plan_step_kind_name(STEP_SWITCH), "switch");
	CHECK_STR(plan_step_kind_name(STEP_REST), "rest");
	CHECK_STR(plan_side_name(SIDE_NONE), "");
	CHECK_STR(plan_side_name(SIDE_LEFT), "left");
	CHECK_STR(plan_side_name(SIDE_RIGHT), "right");
}

static void
test_totals_over_levels(void)
{
	struct rb b;
	struct routine_row *row;

	rb_init(&b);
	row = rb_add(&b, "Knee side plank", 1, 3, 10, 20, SIDES_EACH, 5);
	row->level_hi = 4;
	row->reps_step = 1;
	row = rb_add(&b, "Side plank", 2, 3, 10, 20, SIDES_EACH, 5);
	row->level_lo = 5;
	row->hold_step = 1;
	rb_add(&b, "Bird-dog", 3, 4, 8, 15, SIDES_ALTERNATE, 5)->reps_step = 2;
	rb_add(&b, "Bridge", 2, 10, 5, 30, SIDES_NONE, 5)->hold_step = 1;

	for (int lv = LEVEL_MIN; lv <= LEVEL_MAX; lv++) {
		struct plan *p = plan_build(&b.r, lv, NULL);
		int64_t want = 0;

		CHECK_INT(p->nex, 3);
		check_consistent(p);
		/* the same total, worked out from the rule by hand */
		for (size_t e = 0; e < p->nex; e++) {
			const struct plan_exercise *x = &p->ex[e];
			int per_set = x->reps * x->hold_s * 1000;

			if (x->sides != SIDES_NONE)
				per_set *= 2;
			if (x->sides == SIDES_EACH)
				per_set += x->switch_s * 1000;
			want += PLAN_DEFAULT_GET_READY_S * 1000 +
				(int64_t)x->sets * per_set +
				(int64_t)x->sets * x->rest_s * 1000;
		}
		want -= p->ex[p->nex - 1].rest_s * 1000;
		CHECK_INT(p->total_ms, want);
		plan_free(p);
	}
	rb_free(&b);
}

int
main(void)
{
	TEST_RUN(test_none_sequence);
	TEST_RUN(test_none_levels);
	TEST_RUN(test_each_sequence);
	TEST_RUN(test_alternate_sequence);
	TEST_RUN(test_caps_and_clamps);
	TEST_RUN(test_get_ready_option);
	TEST_RUN(test_zero_rest_and_switch);
	TEST_RUN(test_last_exercise_sets_rest);
	TEST_RUN(test_level_ladders);
	TEST_RUN(test_nothing_at_level);
	TEST_RUN(test_step_at);
	TEST_RUN(test_plan_owns_strings);
	TEST_RUN(test_names);
	TEST_RUN(test_totals_over_levels);
	return t_done();
}
