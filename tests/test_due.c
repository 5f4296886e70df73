/* test_due.c - is a session due today: the sessions_per_week rule, its
 * spacing, the rest day and urgent signs, and the line it prints. */
#include "config.h"

#include <string.h>

#include "app/due.h"
#include "model/checkin.h"
#include "testlib.h"

/* 2026-11-30 was a Monday. */
#define MON 20787L

struct fix {
	struct histsum s;
	struct settings set;
	struct due_answer a;
	char line[256];
};

static void
fix_init(struct fix *f, int per_week)
{
	histsum_init(&f->s);
	settings_defaults(&f->set);
	f->set.sessions_per_week = per_week;
}

/* A completed session on day with pain (CHECKIN_PAIN_SKIPPED: none). */
static void
add(struct fix *f, long day, int pain, bool urgent)
{
	static char started[] = "2026-11-30T08:00:00+00:00", core[] = "core",
		    empty[] = "";
	struct history_row row;

	memset(&row, 0, sizeof row);
	row.started_text = started;
	row.started = (time_t)day * 86400 + 8 * 3600;
	row.day = day;
	row.routine = core;
	row.level = row.next_level = 1;
	row.status = SESSION_COMPLETED;
	row.exercises_planned = row.exercises_done = 6;
	row.pain = pain;
	row.urgent = urgent;
	row.hurt = row.reason = empty;
	row.line = 2;
	histsum_add(&f->s, &row);
}

static void
decide(struct fix *f, long today)
{
	due_decide(&f->s, &f->set, today, &f->a);
	due_line(&f->a, today, f->line, sizeof f->line);
}

static void
test_no_history_is_due(void)
{
	struct fix f;

	fix_init(&f, 3);
	decide(&f, MON);
	CHECK(f.a.due);
	CHECK_INT(f.a.why, DUE_NONE_YET);
	CHECK_STR(f.line, "Due today: no session recorded yet (3 a week).");
	histsum_free(&f.s);
}

/* Three a week: every second day, so Mon, Wed, Fri; then Sunday is the
 * fourth in seven days and waits for Monday. */
static void
test_three_a_week_spreads_out(void)
{
	struct fix f;

	fix_init(&f, 3);
	add(&f, MON, 2, false);
	decide(&f, MON);
	CHECK(!f.a.due);
	CHECK_INT(f.a.why, DUE_DONE_TODAY);
	CHECK_INT(f.a.next_day, MON + 2);
	CHECK_STR(f.line, "Not due: done today (1 of 3 in the last 7 days). Next: Wed 2 Dec.");
	decide(&f, MON + 1);
	CHECK(!f.a.due);
	CHECK_INT(f.a.why, DUE_SPACING);
	CHECK_STR(f.line, "Not due: 3 a week means 2 days apart, the last on Mon 30 Nov. Next: tomorrow.");
	decide(&f, MON + 2);
	CHECK(f.a.due);
	CHECK_STR(f.line, "Due today: 1 of 3 sessions in the last 7 days, the last on Mon 30 Nov.");
	add(&f, MON + 2, 1, false);
	add(&f, MON + 4, 1, false);
	decide(&f, MON + 6);
	CHECK(!f.a.due);
	CHECK_INT(f.a.why, DUE_ENOUGH);
	CHECK_INT(f.a.week, 3);
	CHECK_INT(f.a.next_day, MON + 7);
	CHECK_STR(f.line, "Not due: 3 of 3 sessions in the last 7 days are done. Next: tomorrow.");
	decide(&f, MON + 7);
	CHECK(f.a.due);
	CHECK_INT(f.a.week, 2);
	histsum_free(&f.s);
}

static void
test_per_week_sets_the_spacing(void)
{
	struct fix f;

	fix_init(&f, 2);	/* every third day */
	add(&f, MON, 0, false);
	decide(&f, MON + 2);
	CHECK(!f.a.due);
	CHECK_INT(f.a.next_day, MON + 3);
	decide(&f, MON + 3);
	CHECK(f.a.due);
	histsum_free(&f.s);
	fix_init(&f, 7);	/* every day */
	add(&f, MON, 0, false);
	decide(&f, MON + 1);
	CHECK(f.a.due);
	histsum_free(&f.s);
	fix_init(&f, 1);	/* once a week */
	add(&f, MON, 0, false);
	decide(&f, MON + 6);
	CHECK(!f.a.due);
	CHECK_INT(f.a.next_day, MON + 7);
	decide(&f, MON + 30);	/* long ago: due */
	CHECK(f.a.due);
	histsum_free(&f.s);
}

static void
test_rest_day_after_red_pain(void)
{
	struct fix f;

	fix_init(&f, 7);
	add(&f, MON, 8, false);		/* pain_drop2_min: a rest day */
	decide(&f, MON + 1);
	CHECK(!f.a.due);
	CHECK_INT(f.a.why, DUE_REST_DAY);
	CHECK_STR(f.line, "Not due: a rest day after pain 8 yesterday. Next: tomorrow.");
	decide(&f, MON + 2);
	CHECK(f.a.due);
	histsum_free(&f.s);
	fix_init(&f, 7);
	add(&f, MON, 7, false);		/* below drop2: no rest day */
	decide(&f, MON + 1);
	CHECK(f.a.due);
	histsum_free(&f.s);
}

static void
test_urgent_signs_stop_reminders(void)
{
	struct fix f;

	fix_init(&f, 3);
	add(&f, MON, 3, true);
	decide(&f, MON + 5);
	CHECK(!f.a.due);
	CHECK_INT(f.a.why, DUE_URGENT);
	CHECK_INT(f.a.next_day, -1);
	CHECK(strstr(f.line, "seek emergency care now") != NULL);
	add(&f, MON + 6, 2, false);	/* a later check-in without them */
	decide(&f, MON + 8);
	CHECK(f.a.due);
	histsum_free(&f.s);
}

/* A session recorded in the future (a clock set back) counts as today's:
 * nothing is due, and nothing crashes. */
static void
test_clock_set_back(void)
{
	struct fix f;

	fix_init(&f, 3);
	add(&f, MON + 10, 2, false);
	decide(&f, MON);
	CHECK(!f.a.due);
	CHECK_INT(f.a.last_day, MON);
	histsum_free(&f.s);
}

int
main(void)
{
	TEST_RUN(test_no_history_is_due);
	TEST_RUN(test_three_a_week_spreads_out);
	TEST_RUN(test_per_week_sets_the_spacing);
	TEST_RUN(test_rest_day_after_red_pain);
	TEST_RUN(test_urgent_signs_stop_reminders);
	TEST_RUN(test_clock_set_back);
	return t_done();
}
