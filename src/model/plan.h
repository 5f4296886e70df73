/* plan.h - a routine at a level, unrolled into timed steps.
 *
 * The plan is a pure function of a routine and a level: every step with its
 * start offset from the session start and its duration, in milliseconds.
 * The session engine walks it against the clock; `limber list` shows its
 * total.  Order for one exercise (one routine row at the level):
 *
 *   GET_READY (get_ready_s, before every exercise)
 *   for each set:
 *     sides none:      WORK x reps
 *     sides each:      WORK x reps on the left, SWITCH (if switch_s > 0),
 *                      WORK x reps on the right
 *     sides alternate: WORK left, WORK right, ... (reps per side)
 *     REST (rest_s, if > 0) after every set except the routine's last
 *
 * Level scaling: reps = reps + reps_step * (level - 1), capped at
 * ROUTINE_REPS_MAX; hold = hold + hold_step * (level - 1), capped at
 * ROUTINE_HOLD_MAX.  Zero-length steps are left out. */
#ifndef LIMBER_PLAN_H
#define LIMBER_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "model/routine.h"

enum step_kind { STEP_GET_READY, STEP_WORK, STEP_SWITCH, STEP_REST };
enum side { SIDE_NONE, SIDE_LEFT, SIDE_RIGHT };

#define PLAN_DEFAULT_GET_READY_S 5

struct plan_exercise {
	char *name;		/* owned copies of the routine's strings */
	char *cue;
	char *figure;		/* the routine's `figure` column, "" when none */
	int sets, reps, hold_s, rest_s, switch_s;	/* after level scaling */
	enum routine_sides sides;
	long line;		/* the routine row it came from */
	size_t first_step;	/* index of its GET_READY step */
	size_t nsteps;		/* its steps, including GET_READY and rests */
	int64_t start_ms;	/* offset of its first step */
	int64_t dur_ms;		/* all its steps */
	int64_t work_ms;	/* its WORK steps only */
};

struct plan_step {
	enum step_kind kind;
	size_t exercise;	/* index into plan.ex */
	int set;		/* 1-based; 0 for GET_READY */
	int rep;		/* 1-based within the set and side; 0 unless WORK */
	enum side side;		/* WORK: the side worked; SWITCH: the side to switch to */
	int64_t start_ms;	/* offset from the session start */
	int64_t dur_ms;		/* > 0 */
};

struct plan_opts {
	int get_ready_s;	/* 0-60; PLAN_DEFAULT_GET_READY_S by default */
	/* Exercises to leave out this once (an exercise that hurt last time,
	 * skipped at the start): rows of these names are not in the plan,
	 * unless that would leave it empty.  NULL/0: none. */
	char *const *skip;
	size_t nskip;
};

struct plan {
	int level;
	struct plan_exercise *ex;
	size_t nex;
	struct plan_step *steps;
	size_t nsteps;
	int64_t total_ms;
	int64_t work_ms;	/* sum of WORK steps */
	/* The work and rest phases' names: the routine's "# phases:", else
	 * "HOLD" and "REST". */
	char work_name[24], rest_name[24];
	size_t skipped;		/* exercises left out by opts->skip */
};

/* opts may be NULL for the defaults; level is clamped to 1-10.  The plan
 * does not point into the routine.  Never returns NULL. */
struct plan *plan_build(const struct routine *r, int level,
			const struct plan_opts *opts);
void plan_free(struct plan *p);

/* Index of the step running at offset t_ms (0 <= t_ms < total_ms), found by
 * binary search; plan->nsteps when t_ms >= total_ms. */
size_t plan_step_at(const struct plan *p, int64_t t_ms);

const char *plan_step_kind_name(enum step_kind k);	/* "get_ready", "work", "switch", "rest" */
const char *plan_side_name(enum side s);		/* "", "left", "right" */

#endif
