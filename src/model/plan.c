/* plan.c - a routine at a level, unrolled into timed steps. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/plan.h"
#include "core/util.h"

/* The plan under construction: steps grow as they are appended. */
struct builder {
	struct plan *p;
	size_t cap;
	int64_t t_ms;		/* start of the next step */
};

static int
clamp_int(long v, long lo, long hi)
{
	if (v < lo)
		return (int)lo;
	if (v > hi)
		return (int)hi;
	return (int)v;
}

/* Appends a step unless it would last no time at all, so that every step
 * in a plan has dur_ms > 0 and binary search by start is unambiguous. */
static void
add_step(struct builder *b, enum step_kind kind, size_t ex, int set, int rep,
	 enum side side, int64_t dur_ms)
{
	struct plan *p = b->p;
	struct plan_step *st;

	if (dur_ms <= 0)
		return;
	util_grow(&p->steps, &b->cap, p->nsteps, sizeof *p->steps);
	st = &p->steps[p->nsteps++];
	st->kind = kind;
	st->exercise = ex;
	st->set = set;
	st->rep = rep;
	st->side = side;
	st->start_ms = b->t_ms;
	st->dur_ms = dur_ms;
	b->t_ms += dur_ms;
	if (kind == STEP_WORK) {
		p->ex[ex].work_ms += dur_ms;
		p->work_ms += dur_ms;
	}
}

static void
add_work(struct builder *b, size_t ex, int set, int rep, enum side side)
{
	add_step(b, STEP_WORK, ex, set, rep, side,
		 (int64_t)b->p->ex[ex].hold_s * 1000);
}

static void
add_exercise(struct builder *b, size_t ex, int get_ready_s, int last)
{
	struct plan_exercise *e = &b->p->ex[ex];

	e->first_step = b->p->nsteps;
	e->start_ms = b->t_ms;
	add_step(b, STEP_GET_READY, ex, 0, 0, SIDE_NONE,
		 (int64_t)get_ready_s * 1000);
	for (int set = 1; set <= e->sets; set++) {
		switch (e->sides) {
		case SIDES_EACH:
			for (int rep = 1; rep <= e->reps; rep++)
				add_work(b, ex, set, rep, SIDE_LEFT);
			add_step(b, STEP_SWITCH, ex, set, 0, SIDE_RIGHT,
				 (int64_t)e->switch_s * 1000);
			for (int rep = 1; rep <= e->reps; rep++)
				add_work(b, ex, set, rep, SIDE_RIGHT);
			break;
		case SIDES_ALTERNATE:
			for (int rep = 1; rep <= e->reps; rep++) {
				add_work(b, ex, set, rep, SIDE_LEFT);
				add_work(b, ex, set, rep, SIDE_RIGHT);
			}
			break;
		case SIDES_NONE:
		default:
			for (int rep = 1; rep <= e->reps; rep++)
				add_work(b, ex, set, rep, SIDE_NONE);
			break;
		}
		/* Nothing follows the routine's last set, so resting there
		 * would only delay the check-in. */
		if (!(last && set == e->sets))
			add_step(b, STEP_REST, ex, set, 0, SIDE_NONE,
				 (int64_t)e->rest_s * 1000);
	}
	e->nsteps = b->p->nsteps - e->first_step;
	e->dur_ms = b->t_ms - e->start_ms;
}

static bool
skipped(const struct plan_opts *o, const char *exercise)
{
	for (size_t i = 0; o && exercise && i < o->nskip; i++)
		if (strcmp(o->skip[i], exercise) == 0)
			return true;
	return false;
}

struct plan *
plan_build(const struct routine *r, int level, const struct plan_opts *opts)
{
	struct plan *p = xcalloc(1, sizeof *p);
	struct builder b = { p, 0, 0 };
	int get_ready_s = opts ? clamp_int(opts->get_ready_s, 0, 60)
			       : PLAN_DEFAULT_GET_READY_S;
	size_t nex = 0;

	p->level = clamp_int(level, LEVEL_MIN, LEVEL_MAX);
	snprintf(p->work_name, sizeof p->work_name, "%s",
		 r->work_name ? r->work_name : "HOLD");
	snprintf(p->rest_name, sizeof p->rest_name, "%s",
		 r->rest_name ? r->rest_name : "REST");
	for (size_t i = 0; i < r->nrows; i++)
		if (routine_row_at_level(&r->rows[i], p->level)) {
			nex++;
			if (skipped(opts, r->rows[i].exercise))
				p->skipped++;
		}
	if (p->skipped == nex)
		p->skipped = 0;		/* never an empty session */
	p->ex = xcalloc(nex, sizeof *p->ex);

	for (size_t i = 0; i < r->nrows; i++) {
		const struct routine_row *row = &r->rows[i];
		struct plan_exercise *e;
		long up = p->level - LEVEL_MIN;

		if (!routine_row_at_level(row, p->level) ||
		    (p->skipped && skipped(opts, row->exercise)))
			continue;
		e = &p->ex[p->nex++];
		e->name = xstrdup(row->exercise ? row->exercise : "");
		e->cue = xstrdup(row->cue ? row->cue : "");
		e->figure = xstrdup(row->figure ? row->figure : "");
		e->sets = clamp_int(row->sets, 0, ROUTINE_SETS_MAX);
		e->reps = clamp_int(row->reps + (long)row->reps_step * up, 0,
				    ROUTINE_REPS_MAX);
		e->hold_s = clamp_int(row->hold + (long)row->hold_step * up, 0,
				      ROUTINE_HOLD_MAX);
		e->rest_s = clamp_int(row->rest, 0, ROUTINE_REST_MAX);
		e->switch_s = clamp_int(row->switch_s, 0, ROUTINE_SWITCH_MAX);
		e->sides = row->sides;
		e->line = row->line;
	}

	for (size_t i = 0; i < p->nex; i++)
		add_exercise(&b, i, get_ready_s, i + 1 == p->nex);
	p->total_ms = b.t_ms;
	return p;
}

void
plan_free(struct plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->nex; i++) {
		free(p->ex[i].name);
		free(p->ex[i].cue);
		free(p->ex[i].figure);
	}
	free(p->ex);
	free(p->steps);
	free(p);
}

size_t
plan_step_at(const struct plan *p, int64_t t_ms)
{
	size_t lo = 0, hi;

	if (p->nsteps == 0 || t_ms >= p->total_ms)
		return p->nsteps;
	if (t_ms < 0)
		return 0;
	/* The last step starting at or before t_ms: steps are contiguous and
	 * never empty, so it is the one running. */
	hi = p->nsteps - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;

		if (p->steps[mid].start_ms <= t_ms)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

const char *
plan_step_kind_name(enum step_kind k)
{
	switch (k) {
	case STEP_GET_READY:
		return "get_ready";
	case STEP_WORK:
		return "work";
	case STEP_SWITCH:
		return "switch";
	case STEP_REST:
		return "rest";
	}
	return "";
}

const char *
plan_side_name(enum side s)
{
	switch (s) {
	case SIDE_LEFT:
		return "left";
	case SIDE_RIGHT:
		return "right";
	case SIDE_NONE:
		break;
	}
	return "";
}
