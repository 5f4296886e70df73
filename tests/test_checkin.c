/* test_checkin.c - check-in wording, answer parsing, the morning-after rule. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixture.h"
#include "model/checkin.h"
#include "history/history.h"
#include "model/settings.h"
#include "testlib.h"

#define NOW 1795003200	/* 2026-11-18 12:00:00 UTC, a Wednesday */
#define HOUR 3600

/* A history row for a session of routine at `started`. */
static void
add_row(struct history *h, const char *routine, time_t started)
{
	struct session_record rec;
	struct checkin ci;
	struct history_row row;

	memset(&rec, 0, sizeof rec);
	rec.status = SESSION_COMPLETED;
	rec.level = 3;
	checkin_init(&ci);
	ci.pain = 2;
	history_row_make(&row, routine, &rec, started, &ci, 3, "level 3 stays");
	history_push(h, &row);
}

static void
test_questions_in_order_and_wording(void)
{
	/* The wording the README gives, so the front ends need not repeat it. */
	CHECK(strstr(checkin_question(CHECKIN_PAIN), "Pain now, from 0 to 10") != NULL);
	CHECK(strstr(checkin_question(CHECKIN_NERVE), "numbness, tingling or "
		     "weakness in a leg, or pain spreading below the knee") != NULL);
	CHECK(strstr(checkin_question(CHECKIN_URGENT), "new bladder or bowel "
		     "trouble, numbness around the genitals, buttocks or inner "
		     "thighs, or weakness in both legs") != NULL);
	CHECK(strstr(checkin_question(CHECKIN_MORNING), "morning after") != NULL);
	CHECK_STR(checkin_choices(CHECKIN_NERVE), "Yes or no?");
	CHECK_STR(checkin_choices(CHECKIN_URGENT), "Yes or no?");
	CHECK_STR(checkin_choices(CHECKIN_PAIN), "Answer 0 to 10, or press Enter to skip.");
	CHECK_STR(checkin_choices(CHECKIN_MORNING), "Answer better, same or worse, or press Enter to skip.");
	CHECK(strstr(checkin_retry(CHECKIN_PAIN), "0 to 10") != NULL);
	CHECK(strstr(checkin_retry(CHECKIN_NERVE), "y or n") != NULL);
	/* The enum is the asking order. */
	CHECK(CHECKIN_MORNING < CHECKIN_PAIN && CHECKIN_PAIN < CHECKIN_NERVE &&
	      CHECKIN_NERVE < CHECKIN_URGENT);
}

static void
test_init(void)
{
	struct checkin c;

	memset(&c, 0x55, sizeof c);
	checkin_init(&c);
	CHECK_INT(c.pain, CHECKIN_PAIN_SKIPPED);
	CHECK(!c.nerve);
	CHECK(!c.urgent);
	CHECK_INT(c.morning, CHECKIN_MORNING_NONE);
}

static void
test_parse_pain(void)
{
	static const struct {
		const char *in;
		int rc, pain;
	} cases[] = {
		{ "0", 0, 0 }, { "1", 0, 1 }, { "5", 0, 5 }, { "9", 0, 9 },
		{ "10", 0, 10 }, { " 7 ", 0, 7 }, { "3\n", 0, 3 },
		{ "10\r\n", 0, 10 }, { "\t4", 0, 4 },
		{ "", 0, CHECKIN_PAIN_SKIPPED }, { "\n", 0, CHECKIN_PAIN_SKIPPED },
		{ "   ", 0, CHECKIN_PAIN_SKIPPED },
		{ "11", -1, 0 }, { "-1", -1, 0 }, { "07", -1, 0 },
		{ "3.5", -1, 0 }, { "three", -1, 0 }, { "1 0", -1, 0 },
		{ "+3", -1, 0 }, { "100", -1, 0 }, { "5/10", -1, 0 },
		{ "x", -1, 0 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int pain = 42;
		int rc = checkin_parse_pain(cases[i].in, &pain);

		CHECK_INT(rc, cases[i].rc);
		if (rc == 0)
			CHECK_INT(pain, cases[i].pain);
		else
			CHECK_INT(pain, 42);	/* left alone */
		if (rc != cases[i].rc)
			printf("# case \"%s\"\n", cases[i].in);
	}
}

static void
test_parse_yesno(void)
{
	static const struct {
		const char *in;
		int rc;
		bool yes;
	} cases[] = {
		{ "y", 0, true }, { "Y", 0, true }, { "yes", 0, true },
		{ "YES", 0, true }, { "Yes\n", 0, true }, { " y ", 0, true },
		{ "n", 0, false }, { "N", 0, false }, { "no", 0, false },
		{ "No\r\n", 0, false }, { "NO", 0, false },
		{ "", -1, false }, { "\n", -1, false }, { "ye", -1, false },
		{ "yess", -1, false }, { "nope", -1, false }, { "0", -1, false },
		{ "1", -1, false }, { "y n", -1, false }, { "true", -1, false },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		bool v = !cases[i].yes;
		bool before = v;
		int rc = checkin_parse_yesno(cases[i].in, &v);

		CHECK_INT(rc, cases[i].rc);
		if (rc == 0)
			CHECK_INT(v, cases[i].yes);
		else
			CHECK_INT(v, before);
		if (rc != cases[i].rc)
			printf("# case \"%s\"\n", cases[i].in);
	}
}

static void
test_parse_morning(void)
{
	static const struct {
		const char *in;
		int rc;
		enum checkin_morning m;
	} cases[] = {
		{ "better", 0, CHECKIN_MORNING_BETTER },
		{ "Better", 0, CHECKIN_MORNING_BETTER },
		{ "b", 0, CHECKIN_MORNING_BETTER },
		{ "B\n", 0, CHECKIN_MORNING_BETTER },
		{ "same", 0, CHECKIN_MORNING_SAME },
		{ " s ", 0, CHECKIN_MORNING_SAME },
		{ "SAME", 0, CHECKIN_MORNING_SAME },
		{ "worse", 0, CHECKIN_MORNING_WORSE },
		{ "w", 0, CHECKIN_MORNING_WORSE },
		{ "WORSE\r\n", 0, CHECKIN_MORNING_WORSE },
		{ "", 0, CHECKIN_MORNING_NONE },
		{ "\n", 0, CHECKIN_MORNING_NONE },
		{ "bad", -1, CHECKIN_MORNING_NONE },
		{ "worst", -1, CHECKIN_MORNING_NONE },
		{ "bet", -1, CHECKIN_MORNING_NONE },
		{ "x", -1, CHECKIN_MORNING_NONE },
		{ "1", -1, CHECKIN_MORNING_NONE },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		enum checkin_morning m = CHECKIN_MORNING_SAME;
		int rc = checkin_parse_morning(cases[i].in, &m);

		CHECK_INT(rc, cases[i].rc);
		if (rc == 0)
			CHECK_INT(m, cases[i].m);
		else
			CHECK_INT(m, CHECKIN_MORNING_SAME);
		if (rc != cases[i].rc)
			printf("# case \"%s\"\n", cases[i].in);
	}
	CHECK_STR(checkin_morning_name(CHECKIN_MORNING_BETTER), "better");
	CHECK_STR(checkin_morning_name(CHECKIN_MORNING_SAME), "same");
	CHECK_STR(checkin_morning_name(CHECKIN_MORNING_WORSE), "worse");
	CHECK_STR(checkin_morning_name(CHECKIN_MORNING_NONE), "");
}

static void
test_answer_sets_the_right_field(void)
{
	struct checkin c;

	checkin_init(&c);
	CHECK_INT(checkin_answer(&c, CHECKIN_PAIN, "6"), 0);
	CHECK_INT(c.pain, 6);
	CHECK(!c.nerve && !c.urgent);
	CHECK_INT(checkin_answer(&c, CHECKIN_NERVE, "y"), 0);
	CHECK(c.nerve);
	CHECK(!c.urgent);
	CHECK_INT(checkin_answer(&c, CHECKIN_URGENT, "yes"), 0);
	CHECK(c.urgent);
	CHECK_INT(checkin_answer(&c, CHECKIN_MORNING, "w"), 0);
	CHECK_INT(c.morning, CHECKIN_MORNING_WORSE);
	CHECK_INT(c.pain, 6);
	/* A wrong answer changes nothing. */
	CHECK_INT(checkin_answer(&c, CHECKIN_PAIN, "12"), -1);
	CHECK_INT(c.pain, 6);
	CHECK_INT(checkin_answer(&c, CHECKIN_NERVE, "maybe"), -1);
	CHECK(c.nerve);
	CHECK_INT(checkin_answer(&c, CHECKIN_PAIN, ""), 0);
	CHECK_INT(c.pain, CHECKIN_PAIN_SKIPPED);
}

/* The newest row of h when its morning-after is due at now. */
static const struct history_row *
due(const struct history *h, time_t now, const struct settings *s)
{
	return fixture_morning_due(history_last(h, NULL), now, s);
}

/* The newest row of h, with `done` exercises done. */
static void
set_done(struct history *h, long done)
{
	h->rows[h->n - 1].exercises_planned = 5;
	h->rows[h->n - 1].exercises_done = done;
}

static void
test_morning_due(void)
{
	struct settings s;
	struct history h;

	settings_defaults(&s);
	history_init(&h);
	/* Nothing to ask about. */
	CHECK(due(&h, NOW, &s) == NULL);

	add_row(&h, "core", NOW - 30 * HOUR);
	set_done(&h, 5);
	add_row(&h, "stretch", NOW - 8 * HOUR);	/* 04:00 today */
	set_done(&h, 5);
	/* 8 hours later, but the same day: no night has passed. */
	CHECK(due(&h, NOW, &s) == NULL);
	CHECK(due(&h, NOW + 11 * HOUR, &s) == NULL);	/* 23:00 */
	/* The next morning: due, about the newest row (another routine
	 * than the older one). */
	CHECK(due(&h, NOW + 12 * HOUR, &s) == &h.rows[1]);
	CHECK(due(&h, NOW + 5 * 24 * HOUR, &s) == &h.rows[1]);
	/* A session in the future (clock set back): not asked about. */
	CHECK(due(&h, NOW - 9 * HOUR, &s) == NULL);

	/* After midnight, but fewer than morning_after_hours since. */
	add_row(&h, "core", NOW + 11 * HOUR);		/* 23:00 */
	set_done(&h, 5);
	CHECK(due(&h, NOW + 18 * HOUR, &s) == NULL);	/* 06:00: 7 h */
	CHECK(due(&h, NOW + 19 * HOUR, &s) == &h.rows[2]);
	/* The setting moves the threshold. */
	s.morning_after_hours = 12;
	CHECK(due(&h, NOW + 22 * HOUR, &s) == NULL);
	CHECK(due(&h, NOW + 23 * HOUR, &s) == &h.rows[2]);
	s.morning_after_hours = 1;
	CHECK(due(&h, NOW + 14 * HOUR, &s) == &h.rows[2]);

	/* Never about a session with no exercise done. */
	settings_defaults(&s);
	set_done(&h, 0);
	CHECK(due(&h, NOW + 3 * 24 * HOUR, &s) == NULL);
	history_free(&h);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	TEST_RUN(test_questions_in_order_and_wording);
	TEST_RUN(test_init);
	TEST_RUN(test_parse_pain);
	TEST_RUN(test_parse_yesno);
	TEST_RUN(test_parse_morning);
	TEST_RUN(test_answer_sets_the_right_field);
	TEST_RUN(test_morning_due);
	return t_done();
}
