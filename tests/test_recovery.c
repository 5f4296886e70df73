/* test_recovery.c - the plan file, the phase engine, memory.csv and the
 * checks at a session's start. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/caldate.h"
#include "core/clock.h"
#include "model/memory.h"
#include "model/plan.h"
#include "model/recovery.h"
#include "testlib.h"

#define DAY 86400
/* 2026-11-02, a Monday, 07:00 UTC (the tests run with TZ=UTC). */
#define D0 ((time_t)1793602800)

static const char plan_text[] =
	"# title: Test plan\n"
	"phase,days,routines,per_week,advice,move_on\n"
	"acute,1-3,gentle,7,Rest.,\n"
	"subacute,4-14,stretch;gentle,5,Stretch and walk.,green=1\n"
	"rehabilitation,15-42,core;stretch,3,Strengthen.,green=2;professional\n"
	"return-to-running,43-,walkrun,3,Run a little.,\n";

static struct recovery_plan *
plan(void)
{
	struct diag_list d;
	struct recovery_plan *p;

	diag_init(&d);
	p = recovery_plan_parse(plan_text, sizeof plan_text - 1, "t.csv", NULL,
				&d);
	CHECK(p != NULL);
	CHECK_INT(d.n, 0);
	diag_free(&d);
	return p;
}

/* The first diagnostic of a plan that must not load. */
static char *
plan_error(const char *text)
{
	struct diag_list d;
	struct recovery_plan *p;
	char *msg;

	diag_init(&d);
	p = recovery_plan_parse(text, strlen(text), "p.csv", NULL, &d);
	CHECK(p == NULL);
	msg = d.n ? diag_format(&d.v[0]) : xstrdup("(none)");
	recovery_plan_free(p);
	diag_free(&d);
	return msg;
}

static void
test_plan_file(void)
{
	struct recovery_plan *p = plan();
	struct diag_list d;
	char *e;

	CHECK_STR(p->title, "Test plan");
	CHECK_INT(p->n, 4);
	CHECK_STR(p->phases[1].name, "subacute");
	CHECK_INT(p->phases[1].day_from, 4);
	CHECK_INT(p->phases[1].day_to, 14);
	CHECK_INT(p->phases[1].nroutines, 2);
	CHECK_STR(p->phases[1].routines[1], "gentle");
	CHECK_INT(p->phases[1].per_week, 5);
	CHECK_INT(p->phases[2].move_green, 2);
	CHECK(p->phases[2].move_professional);
	CHECK_INT(p->phases[3].day_to, 0);
	recovery_plan_free(p);

	e = plan_error("phase,days,routines,advice\n"
		       "a,1-3,gentle,x\nb,5-9,core,y\n");
	CHECK_STR(e, "p.csv:3:3: error: this phase must start on day 4, the day "
		  "after \"a\" ends");
	free(e);
	e = plan_error("phase,days,routines,advice\na,2-3,gentle,x\n");
	CHECK_STR(e, "p.csv:2:3: error: the first phase must start on day 1, "
		  "the day the pain began");
	free(e);
	e = plan_error("phase,days,routines,advice,move_on\n"
		       "a,1-3,gentle,x,green=two\n");
	CHECK_STR(e, "p.csv:2:16: error: move_on must be green=N (N 1-10) or "
		  "professional, separated by ';', got \"green=two\"");
	free(e);
	e = plan_error("phase,days,routines,advice\na,1-,core;no good,x\n");
	CHECK_STR(e, "p.csv:2:6: error: routines must be routine names "
		  "(letters, digits, '-' and '_') separated by ';', got "
		  "\"no good\"");
	free(e);
	e = plan_error("phase,days,advice\na,1-,x\n");
	CHECK_STR(e, "p.csv:1:1: error: the header lacks the column "
		  "\"routines\"");
	free(e);
	e = plan_error("phase,days,routines,advice\na,1-,core,x\nb,9-,core,y\n");
	CHECK_STR(e, "p.csv:3:3: error: phase \"a\" on line 2 has no last day, "
		  "so no phase can follow it");
	free(e);
	e = plan_error("phase,days,routines,advice,per_week\na,1-,core,,15\n");
	CHECK_STR(e, "p.csv:2:11: error: advice must say what to do in this "
		  "phase");
	free(e);

	/* the shipped plan loads without a word */
	diag_init(&d);
	e = xasprintf("%s/plans/recovery.csv", getenv("LIMBER_DATADIR") ?
		      getenv("LIMBER_DATADIR") : ".");
	p = recovery_plan_load(e, NULL, &d);
	free(e);
	CHECK(p != NULL);
	CHECK_INT(d.n, 0);
	CHECK(p != NULL && strcmp(p->phases[3].routines[0], "walkrun") == 0);
	recovery_plan_free(p);
	diag_free(&d);
}

/* A scripted history: one session per listed day (days of the recovery,
 * 1 = D0's day) with its pain; flags as in test_coach: h hurt (Bird-dog),
 * n nerve, u urgent, w morning worse, 0 no exercise done. */
struct script {
	int day;
	const char *routine;
	int pain;
	const char *flags;
};

static size_t
sessions(const struct script *sc, struct recovery_session *v)
{
	size_t n = 0;

	for (; sc->routine; sc++, n++) {
		const char *f = sc->flags ? sc->flags : "";

		memset(&v[n], 0, sizeof v[n]);
		v[n].started = D0 + (time_t)(sc->day - 1) * DAY;
		v[n].day = caldate_local_day(v[n].started);
		v[n].routine = sc->routine;
		v[n].level = v[n].next_level = 1;
		v[n].completed = true;
		v[n].exercises_planned = 5;
		v[n].exercises_done = strchr(f, '0') ? 0 : 5;
		v[n].pain = sc->pain;
		v[n].nerve = strchr(f, 'n') != NULL;
		v[n].urgent = strchr(f, 'u') != NULL;
		v[n].morning = strchr(f, 'w') ? CHECKIN_MORNING_WORSE
					      : CHECKIN_MORNING_NONE;
		v[n].hurt = strchr(f, 'h') ? "Bird-dog" : "";
	}
	return n;
}

static void
started(struct memory *m)
{
	struct memory_entry e = { .at = D0, .kind = MEMORY_START,
				  .start_day = caldate_local_day(D0) };
	struct diag_list d;
	char buf[96], date[CALDATE_BUF];
	int len;

	/* through the parser, as the file holds it */
	caldate_format(e.start_day, date);
	len = snprintf(buf, sizeof buf, MEMORY_HEADER "\n"
		       "2026-11-02T07:00:00+00:00,start,,%s\n", date);
	diag_init(&d);
	memory_init(m);
	CHECK_INT(memory_parse(m, buf, (size_t)len, "memory.csv", &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(m->n, 1);
	diag_free(&d);
}

/* The phase and its text at day `day` (07:00) of the recovery. */
static const char *
phase_at(const struct recovery_plan *p, const struct memory *m,
	 const struct script *sc, int day, struct recovery_state *st)
{
	static struct recovery_session v[128];
	struct settings s;
	size_t n = sessions(sc, v);

	settings_defaults(&s);
	while (n > 0 && v[n - 1].started > D0 + (time_t)(day - 1) * DAY)
		n--;	/* only what has happened by then */
	recovery_state(p, &s, m, v, n, D0 + (time_t)(day - 1) * DAY + 3600,
		       st);
	return p->phases[st->phase].name;
}

static void
test_phases(void)
{
	/* Mostly green: acute, subacute, rehabilitation, return. */
	static const struct script green[] = {
		{ 1, "gentle", 5, NULL }, { 2, "gentle", 4, NULL },
		{ 3, "gentle", 3, NULL }, { 5, "stretch", 3, NULL },
		{ 8, "gentle", 2, NULL }, { 12, "stretch", 2, NULL },
		{ 16, "core", 2, NULL }, { 20, "stretch", 2, NULL },
		{ 23, "core", 1, NULL }, { 30, "stretch", 1, NULL },
		{ 37, "core", 1, NULL }, { 41, "stretch", 0, NULL },
		{ 0, NULL, 0, NULL },
	};
	/* The same, with pain 7 on day 20. */
	static const struct script red[] = {
		{ 1, "gentle", 5, NULL }, { 3, "gentle", 3, NULL },
		{ 5, "stretch", 3, NULL }, { 16, "core", 2, NULL },
		{ 20, "core", 7, NULL }, { 0, NULL, 0, NULL },
	};
	static const struct script red_then_green[] = {
		{ 1, "gentle", 5, NULL }, { 3, "gentle", 3, NULL },
		{ 5, "stretch", 3, NULL }, { 16, "core", 2, NULL },
		{ 20, "core", 7, NULL }, { 22, "stretch", 2, NULL },
		{ 0, NULL, 0, NULL },
	};
	static const struct script amber[] = {
		{ 1, "gentle", 5, NULL }, { 3, "gentle", 5, NULL },
		{ 0, NULL, 0, NULL },
	};
	struct recovery_plan *p = plan();
	struct recovery_state st;
	struct memory m;
	struct settings s;
	char *t;

	settings_defaults(&s);
	started(&m);
	CHECK_STR(phase_at(p, &m, green, 1, &st), "acute");
	CHECK_INT(st.day, 1);
	CHECK_STR(phase_at(p, &m, green, 3, &st), "acute");
	CHECK_STR(phase_at(p, &m, green, 4, &st), "subacute");
	CHECK_STR(phase_at(p, &m, green, 15, &st), "rehabilitation");
	CHECK_STR(phase_at(p, &m, green, 42, &st), "rehabilitation");
	CHECK_STR(phase_at(p, &m, green, 43, &st), "return-to-running");
	CHECK_INT(st.day, 43);
	t = recovery_today_text(p, &s, &st, 1, 0);
	CHECK_STR(t, "Day 43 of your recovery: return-to-running (day 43 on): "
		  "Run a little.\n"
		  "Today: walkrun at level 1 (session 1 of 3 this week).\n"
		  "Your last pain was 0, 2 days ago.\n");
	free(t);

	/* pain 7 in week 3: back to subacute; a green session moves on */
	CHECK_STR(phase_at(p, &m, red, 19, &st), "rehabilitation");
	CHECK_STR(phase_at(p, &m, red, 20, &st), "subacute");
	CHECK(st.moved_back);
	CHECK_INT(st.hold, RECOVERY_HELD_PAIN);
	t = recovery_today_text(p, &s, &st, 2, 0);
	CHECK(strstr(t, "Back from rehabilitation today") != NULL);
	CHECK(strstr(t, "rehabilitation waits until your pain is 3 or less.")
	      != NULL);
	free(t);
	CHECK_STR(phase_at(p, &m, red_then_green, 22, &st), "rehabilitation");

	/* amber pain holds acute past day 3; the two-week rule after 14 */
	CHECK_STR(phase_at(p, &m, amber, 5, &st), "acute");
	CHECK_INT(st.hold, RECOVERY_HELD_PAIN);
	CHECK(!st.two_week);
	phase_at(p, &m, amber, 15, &st);
	CHECK(st.two_week);
	t = recovery_today_text(p, &s, &st, 1, 0);
	CHECK(strstr(t, "The two-week rule") != NULL);
	free(t);

	/* no episode */
	memory_free(&m);
	memory_init(&m);
	phase_at(p, &m, green, 5, &st);
	CHECK(!st.active);
	t = recovery_today_text(p, &s, &st, 1, 0);
	CHECK_STR(t, "No recovery has begun. When your back starts to hurt, "
		  "run: limber start [DATE]\n");
	free(t);
	memory_free(&m);
	recovery_plan_free(p);
}

/* Red flags and hurting exercises hold the phase; the two-week rule blocks
 * the return to running until the user says they have seen someone. */
static void
test_holds(void)
{
	static const struct script urgent[] = {
		{ 1, "gentle", 2, NULL }, { 3, "gentle", 2, "u" },
		{ 0, NULL, 0, NULL },
	};
	static const struct script nerve[] = {
		{ 1, "gentle", 2, NULL }, { 3, "gentle", 2, "n" },
		{ 5, "gentle", 2, NULL }, { 0, NULL, 0, NULL },
	};
	static const struct script hurt[] = {
		{ 1, "gentle", 2, NULL }, { 3, "gentle", 2, "h" },
		{ 0, NULL, 0, NULL },
	};
	static const struct script late[] = {
		{ 1, "gentle", 2, NULL }, { 5, "stretch", 2, NULL },
		{ 16, "core", 5, NULL }, { 20, "core", 2, NULL },
		{ 22, "core", 2, NULL }, { 0, NULL, 0, NULL },
	};
	struct recovery_plan *p = plan();
	struct recovery_state st;
	struct memory m;
	struct memory_entry seen = { .kind = MEMORY_SEEN };
	char path[] = "/tmp/test_recovery.XXXXXX", *file;
	struct diag_list d;
	struct stat sb;

	started(&m);
	CHECK_STR(phase_at(p, &m, urgent, 6, &st), "acute");
	CHECK_INT(st.hold, RECOVERY_HELD_URGENT);
	CHECK_STR(phase_at(p, &m, nerve, 4, &st), "acute");
	CHECK_INT(st.hold, RECOVERY_HELD_NERVE);
	CHECK_STR(phase_at(p, &m, nerve, 6, &st), "subacute");
	CHECK_STR(phase_at(p, &m, hurt, 6, &st), "acute");
	CHECK_INT(st.hold, RECOVERY_HELD_HURT);
	CHECK_STR(st.hurt_exercise, "Bird-dog");

	CHECK_STR(phase_at(p, &m, late, 43, &st), "rehabilitation");
	CHECK_INT(st.hold, RECOVERY_HELD_PROFESSIONAL);

	/* "seen" answers, through the file */
	CHECK(mkdtemp(path) != NULL);
	file = xasprintf("%s/data/memory.csv", path);
	diag_init(&d);
	seen.at = D0 + 42 * DAY;
	seen.seen = MEMORY_SEEN_PROFESSIONAL;
	CHECK_INT(memory_append(&m, file, &seen, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(stat(file, &sb), 0);
	CHECK_INT(sb.st_mode & 0777, 0600);
	memory_free(&m);
	memory_init(&m);
	/* no start in the file yet: add one, then read it all back */
	{
		struct memory_entry st0 = { .at = D0, .kind = MEMORY_START,
					    .start_day = caldate_local_day(D0) };

		CHECK_INT(memory_append(NULL, file, &st0, &d), 0);
	}
	CHECK_INT(memory_load(&m, file, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(m.n, 2);
	CHECK_STR(phase_at(p, &m, late, 43, &st), "return-to-running");
	CHECK(st.professional_seen);
	seen.at = D0 + 4 * DAY;
	seen.seen = MEMORY_SEEN_URGENT;
	CHECK_INT(memory_append(&m, file, &seen, &d), 0);
	CHECK_STR(phase_at(p, &m, urgent, 6, &st), "subacute");
	diag_free(&d);
	memory_free(&m);
	unlink(file);
	free(file);
	file = xasprintf("%s/data", path);
	rmdir(file);
	free(file);
	rmdir(path);
	recovery_plan_free(p);
}

static void
test_start_checks(void)
{
	static const struct script s1[] = {
		{ 1, "core", 2, "h" }, { 2, "gentle", 2, "u" },
		{ 3, "stretch", 8, "n" }, { 0, NULL, 0, NULL },
	};
	static const struct script cleared[] = {
		{ 1, "core", 2, "h" }, { 2, "core", 2, NULL },
		{ 0, NULL, 0, NULL },
	};
	static struct recovery_session v[16];
	struct recovery_check c[RECOVERY_CHECKS_MAX];
	struct settings s;
	struct memory m;
	time_t skip_at;
	size_t n, k;
	char *open;

	settings_defaults(&s);
	memory_init(&m);
	n = sessions(s1, v);
	/* day 3, 19:00: the rest day was advised at 07:00 the same day */
	k = recovery_start_checks(&s, &m, v, n, "core", NULL,
				  D0 + 2 * DAY + 12 * 3600, c);
	CHECK_INT(k, 4);
	CHECK_INT(c[0].kind, RECOVERY_CHECK_URGENT);
	CHECK(strstr(c[0].text, "SEEK EMERGENCY CARE NOW") != NULL);
	CHECK_STR(c[0].question, "Have you been seen by a doctor since?");
	CHECK_INT(c[1].kind, RECOVERY_CHECK_NERVE);
	CHECK_INT(c[2].kind, RECOVERY_CHECK_REST_DAY);
	CHECK_STR(c[2].text, "A rest day was advised today (pain 8 after "
		  "stretch at 07:00). If you must move, the gentle routine is "
		  "the one for today.");
	CHECK_INT(c[3].kind, RECOVERY_CHECK_HURT);
	CHECK_STR(c[3].exercise, "Bird-dog");
	CHECK_STR(c[3].question, "Skip Bird-dog today?");
	/* the next day: no rest-day check; another routine: no hurt */
	k = recovery_start_checks(&s, &m, v, n, "stretch", NULL,
				  D0 + 3 * DAY, c);
	CHECK_INT(k, 2);

	/* a whole session of core clears Bird-dog, unless it was skipped */
	n = sessions(cleared, v);
	CHECK_INT(recovery_hurt_open(&m, v, n, "core", &open), 0);
	free(open);
	skip_at = v[1].started;
	{
		struct diag_list d;
		char buf[256];
		int len = snprintf(buf, sizeof buf, MEMORY_HEADER "\n"
				   "2026-11-03T07:00:00Z,skip,core,Bird-dog\n");

		diag_init(&d);
		CHECK_INT(memory_parse(&m, buf, (size_t)len, "m", &d), 0);
		diag_free(&d);
	}
	CHECK_INT(m.n, 1);
	CHECK_INT(m.v[0].at, skip_at);
	CHECK_INT(recovery_hurt_open(&m, v, n, "core", &open), 1);
	CHECK_STR(open, "Bird-dog");
	free(open);
	/* a session with an exercise left undone does not clear it */
	memory_free(&m);
	memory_init(&m);
	v[1].exercises_done = 4;
	CHECK_INT(recovery_hurt_open(&m, v, n, "core", &open), 1);
	free(open);
	memory_free(&m);
}

static void
test_memory_file(void)
{
	static const char text[] =
		MEMORY_HEADER "\n"
		"2026-11-02T07:00:00+01:00,start,,2026-11-01\n"
		"yesterday,seen,,urgent\n"
		"2026-11-02T07:00:00+01:00,seen,,someone\n"
		"2026-11-02T07:00:00+01:00,start,,2026-02-30\n"
		"2026-11-02T08:00:00+01:00,seen,,professional\n";
	struct memory m;
	struct diag_list d;
	char *e;

	memory_init(&m);
	diag_init(&d);
	CHECK_INT(memory_parse(&m, text, sizeof text - 1, "memory.csv", &d), 0);
	CHECK_INT(m.n, 2);
	CHECK_INT(d.n, 3);
	e = diag_format(&d.v[0]);
	CHECK_STR(e, "memory.csv:3:1: warning: at must be a date and time like "
		  "2026-12-01T07:00:00+01:00; row left out");
	free(e);
	e = diag_format(&d.v[2]);
	CHECK_STR(e, "memory.csv:5:34: warning: a start needs the date the pain "
		  "began, YYYY-MM-DD; row left out");
	free(e);
	CHECK(memory_episode(&m) == &m.v[0]);
	CHECK(memory_seen_since(&m, MEMORY_SEEN_PROFESSIONAL, m.v[0].at));
	CHECK(!memory_seen_since(&m, MEMORY_SEEN_URGENT, 0));
	diag_free(&d);
	memory_free(&m);
}

/* The routine format's additions, as the plan takes them: phase names,
 * min_days, and exercises skipped this once. */
static void
test_routine_additions(void)
{
	static const char text[] =
		"# title: Walk-run\n# phases: RUN, WALK\n# min_days: 7\n"
		"exercise,hold,rest\nRun-walk,15,105\nStride,5,5\n";
	static const char bad[] =
		"# phases: RUN\n# min_days: 91\nexercise\nx\n";
	struct diag_list d;
	struct routine *r;
	struct plan *p;
	char stride[] = "Stride", runwalk[] = "Run-walk";
	char *skip[] = { stride, runwalk };
	struct plan_opts o = { .get_ready_s = 5, .skip = skip, .nskip = 1 };
	char *e;

	diag_init(&d);
	r = routine_parse(text, sizeof text - 1, "w.csv", "w", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r == NULL)
		return;
	CHECK_STR(r->work_name, "RUN");
	CHECK_STR(r->rest_name, "WALK");
	CHECK_INT(r->min_days, 7);
	p = plan_build(r, 1, &o);
	CHECK_STR(p->work_name, "RUN");
	CHECK_STR(p->rest_name, "WALK");
	CHECK_INT(p->nex, 1);
	CHECK_INT(p->skipped, 1);
	CHECK_STR(p->ex[0].name, "Run-walk");
	plan_free(p);
	o.nskip = 2;		/* all of them: none is left out */
	p = plan_build(r, 1, &o);
	CHECK_INT(p->nex, 2);
	CHECK_INT(p->skipped, 0);
	plan_free(p);
	routine_free(r);

	r = routine_parse(bad, sizeof bad - 1, "b.csv", "b", &d);
	CHECK(r == NULL);
	CHECK_INT(d.errors, 2);
	e = diag_format(&d.v[0]);
	CHECK_STR(e, "b.csv:1:11: error: phases must name the work and the rest "
		  "phase, e.g. \"# phases: RUN, WALK\"");
	free(e);
	e = diag_format(&d.v[1]);
	CHECK_STR(e, "b.csv:2:13: error: min_days must be a whole number of days "
		  "from 0 to 90");
	free(e);
	diag_free(&d);

	/* old files: HOLD and REST */
	diag_init(&d);
	r = routine_parse("exercise\nx\n", 11, "o.csv", "o", &d);
	CHECK(r != NULL && r->work_name == NULL && r->min_days == 0);
	p = plan_build(r, 1, NULL);
	CHECK_STR(p->work_name, "HOLD");
	CHECK_STR(p->rest_name, "REST");
	plan_free(p);
	routine_free(r);
	diag_free(&d);
}

int
main(void)
{
	TEST_RUN(test_routine_additions);
	setenv("TZ", "UTC", 1);
	TEST_RUN(test_plan_file);
	TEST_RUN(test_phases);
	TEST_RUN(test_holds);
	TEST_RUN(test_start_checks);
	TEST_RUN(test_memory_file);
	return t_done();
}
