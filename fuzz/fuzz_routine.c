/* fuzz_routine.c - libFuzzer harness for the routine loader.
 *
 * The input is a routine file.  Beyond "no crash, no leak, no undefined
 * behaviour", a routine that loads must be one the rest of limber can
 * trust: no errors reported, every value in its range, every level
 * covered, and a plan that builds at every level with steps in order.  A
 * broken promise aborts, which libFuzzer reports as a crash. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "model/plan.h"
#include "model/routine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_routine: broken promise: %s\n", what);
		abort();
	}
}

/* Text that reaches the screen: no control bytes but those allowed. */
static int
clean(const char *s, const char *allowed)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && strchr(allowed, *s) == NULL)
			return 0;
	return 1;
}

static void
check_routine(const struct routine *r, const struct diag_list *d)
{
	require(d->errors == 0, "a routine loaded with errors");
	require(r->nrows > 0, "a routine loaded without rows");
	require(r->name != NULL && r->title != NULL && r->title[0] != '\0',
		"no name or title");
	require(clean(r->title, "\t"), "a control byte in the title");
	for (size_t i = 0; i < r->nrows; i++) {
		const struct routine_row *w = &r->rows[i];

		require(w->exercise != NULL && w->exercise[0] != '\0',
			"empty exercise");
		require(clean(w->exercise, ""), "a control byte in a name");
		require(w->cue != NULL && clean(w->cue, "\n\t"),
			"a control byte (or CR) in a cue");
		require(w->sets >= 1 && w->sets <= ROUTINE_SETS_MAX, "sets");
		require(w->reps >= 1 && w->reps <= ROUTINE_REPS_MAX, "reps");
		require(w->hold >= 1 && w->hold <= ROUTINE_HOLD_MAX, "hold");
		require(w->rest >= 0 && w->rest <= ROUTINE_REST_MAX, "rest");
		require(w->switch_s >= 0 && w->switch_s <= ROUTINE_SWITCH_MAX,
			"switch");
		require(w->level_lo >= LEVEL_MIN && w->level_lo <= w->level_hi &&
			w->level_hi <= LEVEL_MAX, "levels");
		require(w->reps_step >= 0 &&
			w->reps_step <= ROUTINE_REPS_STEP_MAX, "reps_step");
		require(w->hold_step >= 0 &&
			w->hold_step <= ROUTINE_HOLD_STEP_MAX, "hold_step");
		require(w->line >= 1, "row line");
	}
	for (int level = LEVEL_MIN; level <= LEVEL_MAX; level++) {
		struct plan_opts o = { .get_ready_s = level % 2 ? 5 : 0 };
		struct plan *p;
		int64_t t = 0;

		require(routine_count_at_level(r, level) > 0, "a level uncovered");
		p = plan_build(r, level, &o);
		require(p->nex == routine_count_at_level(r, level),
			"plan exercises");
		for (size_t s = 0; s < p->nsteps; s++) {
			require(p->steps[s].start_ms == t, "steps not contiguous");
			require(p->steps[s].dur_ms > 0, "an empty step");
			require(p->steps[s].exercise < p->nex, "step exercise");
			t += p->steps[s].dur_ms;
		}
		require(t == p->total_ms, "plan total");
		require(p->nsteps == 0 || plan_step_at(p, t - 1) == p->nsteps - 1,
			"plan_step_at at the end");
		plan_free(p);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	r = routine_parse((const char *)data, size, "fuzz.csv", NULL, &d);
	if (r != NULL)
		check_routine(r, &d);
	else
		require(d.errors > 0, "refused without an error");
	/* Every diagnostic must format (it is what the user sees). */
	for (size_t i = 0; i < d.n; i++)
		free(diag_format(&d.v[i]));
	routine_free(r);
	diag_free(&d);
	return 0;
}
