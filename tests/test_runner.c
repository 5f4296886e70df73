/* test_runner.c - the one session driver on a fake clock with a recording
 * cue player: the cues and their trace times, the stop confirmation, keys,
 * signals, the record and the exit status.  Links liblimber.a only. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/runner.h"
#include "app/workout.h"
#include "audio/cue.h"
#include "core/util.h"
#include "core/diag.h"
#include "fixture.h"
#include "model/plan.h"
#include "model/routine.h"
#include "model/session.h"
#include "testlib.h"

static char *tmpdir;

/* ------------------------------------------------------------ cue player */

/* What the recording player heard, in order. */
static struct {
	enum cue played[64];
	size_t n;
} heard;

static void *
rec_open(const struct cue_config *cfg, const struct cue_files *files,
	 struct diag_list *warn, char **reason)
{
	(void)cfg;
	(void)files;
	(void)warn;
	(void)reason;
	return xstrdup("recorder");
}

static int
rec_play(void *state, enum cue c)
{
	(void)state;
	if (heard.n < ARRAY_LEN(heard.played))
		heard.played[heard.n++] = c;
	return 1;
}

static void
rec_close(void *state)
{
	free(state);
}

static const struct cue_ops rec_ops = {
	.name = "recorder", .open = rec_open, .play = rec_play,
	.close = rec_close,
};

static struct cue_player *
recorder(void)
{
	static const struct cue_ops *const backends[] = { &rec_ops };
	struct cue_config cfg = { .volume = 100 };
	char *off = NULL;
	struct cue_player *p;

	cfg.user_dir = cfg.shipped_dir = tmpdir;
	p = cue_player_open_with(backends, 1, &cfg, NULL, &off);
	CHECK(off == NULL);
	free(off);
	heard.n = 0;
	return p;
}

/* ------------------------------------------------------------ workouts */

/* A workout around a routine of one row: a 2 s get-ready, then sets
 * holds of hold_s seconds, 1 s rest after each set. */
static void
make_workout(struct workout *w, int sets, int hold_s)
{
	struct plan_opts o = { .get_ready_s = 2 };
	char *csv = xasprintf("exercise,sets,hold,rest\nHold,%d,%d,1\n", sets, hold_s);
	struct diag_list d;

	memset(w, 0, sizeof *w);
	diag_init(&d);
	w->routine = routine_parse(csv, strlen(csv), "hold.csv", "hold", &d);
	CHECK(w->routine != NULL);
	diag_free(&d);
	free(csv);
	w->level = 1;
	w->plan = plan_build(w->routine, 1, &o);
}

/* Tick at every deadline (late by late_ms) until the session ends. */
static void
run_to_end(struct runner *r, int64_t late_ms)
{
	for (int guard = 0; !runner_finished(r) && guard < 1000; guard++) {
		int64_t d = runner_deadline(r);

		CHECK(d >= 0);
		runner_tick(r, d + late_ms);
	}
	CHECK(runner_finished(r));
}

/* The whole of a text file ("" when it cannot be read). */
static char *
slurp(const char *path)
{
	char *text = fixture_read_all(path, NULL);

	return text != NULL ? text : xstrdup("");
}

/* The trace's cue lines, "t_ms,cue_NAME" each, joined with spaces. */
static char *
cue_lines(const char *path)
{
	char *text = slurp(path), *line, *save = NULL;
	struct strbuf b = { 0 };

	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		char *comma = strchr(line, ','), *end;

		if (comma == NULL || strncmp(comma + 1, "cue_", 4) != 0)
			continue;
		end = strchr(comma + 1, ',');
		strbuf_addf(&b, "%s%.*s", b.len ? " " : "", (int)(end - line), line);
	}
	free(text);
	return strbuf_take(&b);
}

static int
count_events(const char *path, const char *name)
{
	char *text = slurp(path), *p = text;
	char *needle = xasprintf(",%s,", name);
	int n = 0;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p++;
	}
	free(needle);
	free(text);
	return n;
}

/* ------------------------------------------------------------ tests */

static void
test_cues_and_trace_times(void)
{
	struct workout w;
	struct runner r;
	struct cue_player *cues = recorder();
	char *trace = xasprintf("%s/cues.csv", tmpdir), *err = NULL, *got;

	make_workout(&w, 1, 3);
	CHECK_INT(runner_open(&r, &w, trace, NULL, NULL, &err), 0);
	CHECK(err == NULL);
	runner_start(&r, cues, 1000, 1700000000);
	CHECK_INT(w.started, 1700000000);
	runner_tick(&r, 1000);
	/* every pass 7 ms late: the cue is logged at the pass's time,
	 * measured from the start, not at the planned one */
	run_to_end(&r, 7);
	CHECK_INT(session_record(r.session)->status, SESSION_COMPLETED);
	CHECK_INT(runner_close(&r, &err), 0);
	got = cue_lines(trace);
	CHECK_STR(got, "0,cue_tick 1007,cue_tick 2007,cue_go 5007,cue_finish");
	CHECK_INT(heard.n, 4);
	CHECK_INT(heard.played[2], CUE_GO);
	CHECK(runner_checkin_due(&r));
	CHECK_INT(runner_exit_status(&r), 0);
	free(got);
	runner_free(&r);
	cue_player_close(cues);
	workout_free(&w);
	free(trace);
}

static void
test_stop_is_confirmed(void)
{
	struct workout w;
	struct runner r;
	char *trace = xasprintf("%s/stop.csv", tmpdir), *err = NULL;

	make_workout(&w, 2, 30);
	runner_open(&r, &w, trace, NULL, NULL, &err);
	runner_start(&r, NULL, 0, 0);
	runner_tick(&r, 0);
	runner_tick(&r, 2500);
	CHECK_INT(runner_key(&r, 'q', 3000), RUNNER_CONFIRM);
	CHECK(r.confirming);
	/* while asking, only y and n mean something */
	CHECK_INT(runner_key(&r, ' ', 3100), RUNNER_IGNORED);
	CHECK_INT(runner_key(&r, 'h', 3100), RUNNER_IGNORED);
	CHECK_INT(runner_key(&r, 'n', 3200), RUNNER_CARRY_ON);
	CHECK(!r.confirming);
	CHECK(!runner_finished(&r));
	CHECK_INT(runner_key(&r, 'q', 4000), RUNNER_CONFIRM);
	CHECK_INT(runner_key(&r, 'y', 4500), RUNNER_ACTED);
	CHECK(runner_finished(&r));
	CHECK_INT(session_record(r.session)->status, SESSION_STOPPED);
	CHECK_INT(runner_key(&r, ' ', 4600), RUNNER_IGNORED);
	CHECK(runner_checkin_due(&r));
	CHECK_INT(runner_close(&r, &err), 0);
	CHECK_INT(count_events(trace, "stop"), 1);
	CHECK_INT(count_events(trace, "pause"), 0);
	CHECK_INT(count_events(trace, "hurt"), 0);
	CHECK_INT(runner_exit_status(&r), 0);
	runner_free(&r);
	workout_free(&w);
	free(trace);
}

static void
test_keys(void)
{
	struct workout w;
	struct runner r;
	struct cue_player *cues = recorder();
	char *trace = xasprintf("%s/keys.csv", tmpdir), *err = NULL;
	size_t before;

	make_workout(&w, 2, 30);
	runner_open(&r, &w, trace, NULL, NULL, &err);
	runner_start(&r, cues, 0, 0);
	runner_tick(&r, 0);
	CHECK_INT(runner_key(&r, '?', 10), RUNNER_HELP);
	CHECK_INT(runner_key(&r, 'x', 10), RUNNER_IGNORED);
	CHECK_INT(runner_key(&r, 'm', 20), RUNNER_MUTE);
	CHECK(runner_muted(&r));
	before = heard.n;
	runner_tick(&r, 2000);		/* the hold starts: go, but muted */
	CHECK_INT(heard.n, before);
	CHECK_INT(runner_key(&r, 'm', 2100), RUNNER_MUTE);
	CHECK(!runner_muted(&r));
	CHECK_INT(runner_key(&r, ' ', 3000), RUNNER_ACTED);	/* pause */
	runner_pause(&r, 3500);		/* Ctrl-Z while paused: no second pause */
	CHECK_INT(runner_key(&r, ' ', 4000), RUNNER_ACTED);	/* resume */
	runner_pause(&r, 4500);		/* Ctrl-Z while running: pauses */
	CHECK_INT(runner_key(&r, 'h', 5000), RUNNER_ACTED);
	CHECK(runner_finished(&r));	/* the only exercise hurt */
	CHECK_INT(session_record(r.session)->exercises_hurt, 1);
	CHECK_INT(runner_close(&r, &err), 0);
	CHECK_INT(count_events(trace, "pause"), 2);
	CHECK_INT(count_events(trace, "resume"), 1);
	CHECK_INT(count_events(trace, "hurt"), 1);
	CHECK_INT(count_events(trace, "cue_go"), 0);
	runner_free(&r);
	cue_player_close(cues);
	workout_free(&w);
	free(trace);
}

/* Stopped from outside between passes: the time since the last pass was
 * a pause, not holding. */
static void
test_stopped_outside(void)
{
	struct workout w;
	struct runner r;
	char *trace = xasprintf("%s/cont.csv", tmpdir), *err = NULL;
	const struct session_record *rec;
	struct session_view v;

	make_workout(&w, 1, 30);
	runner_open(&r, &w, trace, NULL, NULL, &err);
	runner_start(&r, NULL, 0, 0);
	runner_tick(&r, 0);
	runner_tick(&r, 4000);		/* the last pass before the stop */
	runner_continued(&r);		/* SIGCONT, 10 s later */
	runner_tick(&r, 14000);
	session_view(r.session, 14000, &v);
	CHECK(v.paused);
	CHECK_INT(v.left_ms, 28000);	/* 2 s of the hold ran, not 12 */
	runner_continued(&r);		/* again while paused: nothing */
	runner_resume(&r, 14000);
	runner_resume(&r, 14000);	/* running already: nothing */
	run_to_end(&r, 0);
	rec = session_record(r.session);
	CHECK_INT(rec->paused_ms, 10000);
	CHECK_INT(rec->status, SESSION_COMPLETED);
	CHECK_INT(runner_close(&r, &err), 0);
	CHECK_INT(count_events(trace, "pause"), 1);
	CHECK_INT(count_events(trace, "resume"), 1);
	runner_free(&r);
	workout_free(&w);
	free(trace);
}

static void
test_signals(void)
{
	static const struct {
		int sig, status, checkin;
	} cases[] = {
		{ SIGINT, 0, 1 }, { SIGTERM, 1, 0 }, { SIGHUP, 1, 0 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct workout w;
		struct runner r;
		char *err = NULL;

		make_workout(&w, 1, 30);
		CHECK_INT(runner_open(&r, &w, NULL, NULL, NULL, &err), 0);
		runner_start(&r, NULL, 0, 0);
		runner_tick(&r, 0);
		runner_tick(&r, 3000);
		/* a stop being confirmed does not outlive the signal */
		runner_key(&r, 'q', 3100);
		runner_signal(&r, cases[i].sig, 3200);
		CHECK(runner_finished(&r));
		CHECK(!r.confirming);
		CHECK_INT(session_record(r.session)->status, SESSION_STOPPED);
		CHECK_INT(runner_checkin_due(&r), cases[i].checkin);
		CHECK_INT(runner_close(&r, &err), 0);
		CHECK_INT(runner_exit_status(&r), cases[i].status);
		CHECK_INT(runner_signal_status(cases[i].sig), cases[i].status);
		runner_free(&r);
		workout_free(&w);
	}
	CHECK_INT(runner_signal_status(0), 0);
}

static int listened;

static void
count_event(void *ud, const struct session_event *ev)
{
	struct runner *r = ud;

	/* the trace has it already when the front end hears it */
	CHECK(r->trace != NULL);
	(void)ev;
	listened++;
}

static void
test_listener_hears_every_event(void)
{
	struct workout w;
	struct runner r;
	char *trace = xasprintf("%s/listen.csv", tmpdir), *err = NULL, *text;
	int lines = 0;

	make_workout(&w, 2, 3);
	runner_open(&r, &w, trace, NULL, NULL, &err);
	runner_listen(&r, count_event, &r);
	listened = 0;
	runner_start(&r, NULL, 0, 0);
	run_to_end(&r, 0);
	CHECK_INT(runner_close(&r, &err), 0);
	text = slurp(trace);
	for (char *p = text; *p; p++)
		lines += *p == '\n';
	CHECK_INT(listened, lines - 1);	/* every line but the header */
	CHECK(listened > 10);
	free(text);
	runner_free(&r);
	workout_free(&w);
	free(trace);
}

static void
test_trace_errors(void)
{
	struct workout w;
	struct runner r;
	char *err = NULL;

	make_workout(&w, 1, 3);
	CHECK_INT(runner_open(&r, &w, "/nonexistent/dir/ev.csv", NULL, NULL, &err), -1);
	CHECK(err != NULL && strstr(err, "/nonexistent/dir/ev.csv: cannot write the events trace") == err);
	free(err);
	runner_free(&r);
	workout_free(&w);
}

/* A real workout (routine file, history in a private XDG folder): the
 * record after a SIGTERM is a stopped row without a check-in. */
static void
test_record(void)
{
	struct workout w;
	struct runner r;
	struct diag_list d;
	struct coach_decision dec;
	char *routine = xasprintf("%s/r.csv", tmpdir), *hist, *text, *err = NULL;
	FILE *fp = fopen(routine, "w");

	fputs("exercise,hold,rest\nEasy,2,0\n", fp);
	fclose(fp);
	diag_init(&d);
	CHECK_INT(workout_prepare(&w, routine, 0, 1700000000, &d), 0);
	CHECK_INT(runner_open(&r, &w, NULL, NULL, NULL, &err), 0);
	runner_start(&r, NULL, 0, 1700000000);
	runner_tick(&r, 0);
	runner_signal(&r, SIGTERM, 1000);
	CHECK(!runner_checkin_due(&r));
	CHECK_INT(runner_record(&r, 1700000060, &dec, &d), 0);
	CHECK_INT(runner_exit_status(&r), 1);
	hist = xasprintf("%s/data/limber/history.csv", tmpdir);
	text = slurp(hist);
	CHECK(strstr(text, ",r,1,stopped,") != NULL);
	free(text);
	free(hist);
	runner_free(&r);
	workout_free(&w);

	/* a history that cannot be written: exit status 1 */
	hist = xasprintf("%s/data/limber/history.csv", tmpdir);
	unlink(hist);
	CHECK_INT(mkdir(hist, 0700), 0);
	CHECK_INT(workout_prepare(&w, routine, 0, 1700000000, &d), 0);
	CHECK_INT(runner_open(&r, &w, NULL, NULL, NULL, &err), 0);
	runner_start(&r, NULL, 0, 1700000000);
	run_to_end(&r, 0);
	CHECK(runner_record(&r, 1700000060, &dec, &d) < 0);
	CHECK_INT(runner_exit_status(&r), 1);
	rmdir(hist);
	free(hist);
	runner_free(&r);
	workout_free(&w);
	diag_free(&d);
	free(routine);
}

int
main(void)
{
	char *v;
	int status;

	tmpdir = fixture_temp_dir("runner");
	v = xasprintf("%s/data", tmpdir);
	setenv("XDG_DATA_HOME", v, 1);
	free(v);
	v = xasprintf("%s/config", tmpdir);
	setenv("XDG_CONFIG_HOME", v, 1);
	free(v);
	TEST_RUN(test_cues_and_trace_times);
	TEST_RUN(test_stop_is_confirmed);
	TEST_RUN(test_keys);
	TEST_RUN(test_stopped_outside);
	TEST_RUN(test_signals);
	TEST_RUN(test_listener_hears_every_event);
	TEST_RUN(test_trace_errors);
	TEST_RUN(test_record);
	status = t_done();
	fixture_remove_tree(tmpdir);
	free(tmpdir);
	return status;
}
