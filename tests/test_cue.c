/* test_cue.c - which cue each moment of a session gets (the real plan and
 * session engine on a fake clock), one cue per instant, the cue files,
 * and the player's core over fake back ends.  No SDL. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/action.h"
#include "audio/cue.h"
#include "core/diag.h"
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

static struct plan *
build(struct routine_row *rows, size_t n, int get_ready)
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
	p = plan_build(&r, 1, &o);
	for (size_t i = 0; i < n; i++) {
		free(rows[i].exercise);
		free(rows[i].cue);
	}
	return p;
}

/* A: 2 sets of a 4 s hold, 3 s rests; B: 2 s each side, 2 s switch;
 * get-ready 3 s.  Steps (s):
 *   A: get_ready 0-3, work 3-7, rest 7-10, work 10-14, rest 14-17
 *   B: get_ready 17-20, work L 20-22, switch 22-24, work R 24-26 */
static struct plan *
ab_plan(void)
{
	struct routine_row rows[2];

	rows[0] = row("A", 2, 1, 4, 3, SIDES_NONE, 0);
	rows[1] = row("B", 1, 1, 2, 2, SIDES_EACH, 2);
	return build(rows, 2, 3);
}

/* ------------------------------------------------------------------ */
/* Run a session and record the cue picked after each pass. */

#define MAXCUES 200

static struct {
	struct cue_pick pick;
	enum cue cue[MAXCUES];
	int64_t at[MAXCUES];	/* due_ms of the event the cue came from */
	size_t n;
} C;

static void
listener(void *ud, const struct session_event *ev)
{
	(void)ud;
	cue_pick_add(&C.pick, ev);
}

static void
take(void)
{
	enum cue c;
	struct session_event ev;

	if (cue_pick_take(&C.pick, &c, &ev) && C.n < MAXCUES) {
		C.cue[C.n] = c;
		C.at[C.n] = ev.due_ms;
		C.n++;
	}
}

static struct session *
start(const struct plan *p)
{
	memset(&C, 0, sizeof C);
	cue_pick_init(&C.pick, p);
	return session_new(p, 0, listener, NULL);
}

/* Tick exactly at every deadline up to `to`, taking the cue after each. */
static void
advance(struct session *s, int64_t to)
{
	int64_t d;

	while ((d = session_next_deadline(s)) != -1 && d <= to) {
		session_tick(s, d);
		take();
	}
}

static void
act(struct session *s, enum action a, int64_t now)
{
	session_act(s, a, now);
	take();
}

/* "tick@0 go@3000 ..." for comparing whole sequences. */
static char *
cues_string(void)
{
	struct strbuf b = { 0 };

	for (size_t i = 0; i < C.n; i++)
		strbuf_addf(&b, "%s%s@%lld", i ? " " : "", cue_name(C.cue[i]),
			    (long long)C.at[i]);
	return strbuf_take(&b);
}

/* ------------------------------------------------------------------ */

static void
test_names(void)
{
	static const char *const want[CUE_COUNT] = {
		"tick", "go", "switch", "rest", "done", "finish",
	};
	enum cue c;

	for (int i = 0; i < CUE_COUNT; i++) {
		CHECK_STR(cue_name((enum cue)i), want[i]);
		CHECK_INT(cue_from_name(want[i], &c), 0);
		CHECK_INT(c, i);
	}
	CHECK_STR(cue_name(CUE_COUNT), "?");
	CHECK_INT(cue_from_name("Tick", &c), -1);
	CHECK_INT(cue_from_name("", &c), -1);
	CHECK_INT(cue_from_name("cue_go", &c), -1);
}

/* The whole of ab_plan: every cue, on its second. */
static void
test_session_cues(void)
{
	struct plan *p = ab_plan();
	struct session *s = start(p);
	char *got;

	CHECK_INT(p->total_ms, 26000);
	advance(s, 100000);
	CHECK(session_finished(s));
	got = cues_string();
	CHECK_STR(got,
		  /* A: 3-2-1 from the get-ready's start, go */
		  "tick@0 tick@1000 tick@2000 go@3000 "
		  /* rest between sets, its last two seconds, go */
		  "rest@7000 tick@8000 tick@9000 go@10000 "
		  /* the closing rest is done, and no ticks lead to
		   * the get-ready; done does not sound again at its end */
		  "done@14000 "
		  /* B's get-ready starts inside its last 3 s */
		  "tick@17000 tick@18000 tick@19000 go@20000 "
		  "switch@22000 tick@23000 go@24000 "
		  /* exercise_done + session_done: finish alone */
		  "finish@26000");
	free(got);
	session_free(s);
	plan_free(p);
}

/* Single events, straight through cue_for_event. */
static void
test_for_event(void)
{
	struct plan *p = ab_plan();
	struct session_event ev;
	enum cue c;

	memset(&ev, 0, sizeof ev);
	ev.kind = SEV_SECOND;
	ev.phase = PHASE_GET_READY;
	ev.step = 0;
	for (int sl = 0; sl <= 5; sl++) {
		ev.seconds_left = sl;
		CHECK_INT(cue_for_event(p, &ev, &c), sl >= 1 && sl <= 3);
		if (sl >= 1 && sl <= 3)
			CHECK_INT(c, CUE_TICK);
	}
	/* seconds of a hold never tick */
	ev.phase = PHASE_WORK;
	ev.step = 1;
	ev.seconds_left = 2;
	CHECK_INT(cue_for_event(p, &ev, &c), 0);
	/* a count-in's seconds do (its step is the hold) */
	ev.phase = PHASE_COUNT_IN;
	CHECK_INT(cue_for_event(p, &ev, &c), 1);
	CHECK_INT(c, CUE_TICK);
	/* a rest between sets ticks, the closing rest does not */
	ev.phase = PHASE_REST;
	ev.step = 2;
	CHECK_INT(cue_for_event(p, &ev, &c), 1);
	ev.step = 4;
	CHECK_INT(cue_for_event(p, &ev, &c), 0);
	ev.phase = PHASE_SWITCH;
	ev.step = 7;
	CHECK_INT(cue_for_event(p, &ev, &c), 1);

	/* phase starts */
	ev.kind = SEV_PHASE;
	ev.phase = PHASE_GET_READY;
	ev.step = 0;
	ev.seconds_left = 4;
	CHECK_INT(cue_for_event(p, &ev, &c), 0);
	ev.seconds_left = 3;
	CHECK_INT(cue_for_event(p, &ev, &c), 1);
	CHECK_INT(c, CUE_TICK);
	ev.phase = PHASE_REST;
	ev.step = 2;
	CHECK_INT(cue_for_event(p, &ev, &c), 1);
	CHECK_INT(c, CUE_REST);
	ev.step = 4;
	CHECK_INT(cue_for_event(p, &ev, &c), 1);
	CHECK_INT(c, CUE_DONE);
	ev.phase = PHASE_WORK;
	ev.step = 1;
	ev.seconds_left = 30;
	CHECK_INT(cue_for_event(p, &ev, &c), 1);
	CHECK_INT(c, CUE_GO);
	ev.phase = PHASE_SWITCH;
	ev.step = 7;
	CHECK_INT(cue_for_event(p, &ev, &c), 1);
	CHECK_INT(c, CUE_SWITCH);

	/* the ends */
	ev.kind = SEV_EXERCISE_DONE;
	ev.step = 8;		/* B's last hold */
	CHECK_INT(cue_for_event(p, &ev, &c), 1);
	CHECK_INT(c, CUE_DONE);
	ev.step = 4;		/* A's closing rest */
	CHECK_INT(cue_for_event(p, &ev, &c), 0);
	ev.kind = SEV_SESSION_DONE;
	ev.phase = PHASE_DONE;
	ev.step = p->nsteps;
	CHECK_INT(cue_for_event(p, &ev, &c), 1);
	CHECK_INT(c, CUE_FINISH);

	/* no cue */
	ev.step = 1;
	ev.phase = PHASE_WORK;
	ev.seconds_left = 2;
	for (int k = SEV_HALFWAY; k <= SEV_STOP; k++) {
		if (k == SEV_EXERCISE_DONE || k == SEV_SESSION_DONE)
			continue;
		ev.kind = (enum session_event_kind)k;
		CHECK_INT(cue_for_event(p, &ev, &c), 0);
	}
	plan_free(p);
}

/* No get-ready and no rest: one exercise's end is the next one's start. */
static void
test_priority(void)
{
	struct routine_row rows[2];
	struct plan *p;
	struct session *s;
	char *got;

	rows[0] = row("A", 1, 1, 2, 0, SIDES_NONE, 0);
	rows[1] = row("B", 1, 1, 2, 0, SIDES_NONE, 0);
	p = build(rows, 2, 0);
	s = start(p);
	advance(s, 100000);
	got = cues_string();
	/* at 2000: exercise_done (done) + work (go): go */
	CHECK_STR(got, "go@0 go@2000 finish@4000");
	free(got);
	session_free(s);
	plan_free(p);

	/* A late pass covering several instants (tick, tick, tick, go)
	 * plays the latest only. */
	p = ab_plan();
	s = start(p);
	session_tick(s, 3500);
	take();
	CHECK_INT(C.n, 1);
	CHECK_INT(C.cue[0], CUE_GO);
	CHECK_INT(C.at[0], 3000);
	session_tick(s, 99000);
	take();
	CHECK_INT(C.n, 2);
	CHECK_INT(C.cue[1], CUE_FINISH);
	CHECK(!cue_pick_take(&C.pick, &C.cue[0], NULL));
	session_free(s);
	plan_free(p);
}

/* Pause, resume (count-in), next while paused, stop. */
static void
test_pause(void)
{
	struct routine_row rows[2];
	struct plan *p;
	struct session *s;
	char *got;

	/* A: get-ready 3, hold 10 (3-13); B: get-ready 3, hold 2 */
	rows[0] = row("A", 1, 1, 10, 0, SIDES_NONE, 0);
	rows[1] = row("B", 1, 1, 2, 0, SIDES_NONE, 0);
	p = build(rows, 2, 3);
	s = start(p);
	advance(s, 5000);
	act(s, ACTION_PAUSE, 5500);
	/* paused: a NEXT starts B's 3 s get-ready, which must not tick */
	act(s, ACTION_NEXT, 6000);
	act(s, ACTION_PREV, 6500);
	act(s, ACTION_PAUSE, 8000);	/* resume into A's get-ready */
	advance(s, 11000);		/* 8-11: A's get-ready again */
	act(s, ACTION_PAUSE, 12500);	/* in the hold */
	act(s, ACTION_PAUSE, 20000);	/* resume: count-in 3, 2, 1, go */
	advance(s, 23000);
	got = cues_string();
	CHECK_STR(got,
		  "tick@0 tick@1000 tick@2000 go@3000 "
		  "tick@9000 tick@10000 go@11000 "
		  "tick@20000 tick@21000 tick@22000 go@23000");
	free(got);

	/* A stop drops the cue of its instant. */
	C.n = 0;
	session_act(s, ACTION_STOP, 23000);
	take();
	CHECK_INT(C.n, 0);
	CHECK(session_finished(s));
	session_free(s);

	/* A pause at the very instant a hold starts: no go (the count-in
	 * gives it after the resume). */
	s = start(p);
	advance(s, 2999);
	C.n = 0;
	act(s, ACTION_PAUSE, 3000);
	CHECK_INT(C.n, 0);
	session_free(s);
	plan_free(p);
}

/* ------------------------------------------------------------------ */
/* Files. */

static void
touch(const char *dir, const char *name, const char *content)
{
	char *path = xasprintf("%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0) {
		if (write(fd, content, strlen(content)) < 0)
			CHECK(!"write failed");
		close(fd);
	}
	free(path);
}

static void
rm_rf(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	CHECK_INT(system(cmd), 0);
	free(cmd);
}

static void
test_files(void)
{
	char *root = fixture_temp_dir("cue");
	char *user, *ship, *want;
	struct cue_files f;

	CHECK(root != NULL);
	if (root == NULL)
		return;
	user = xasprintf("%s/user", root);
	ship = xasprintf("%s/ship", root);
	CHECK_INT(mkdir(user, 0700), 0);
	CHECK_INT(mkdir(ship, 0700), 0);
	touch(user, "tick.wav", "x");
	touch(user, "go.ogg", "x");
	touch(user, "done.wav", "x");
	touch(user, "done.ogg", "x");	/* .wav wins */
	touch(user, "rest.mp3", "x");	/* not a name we look for */
	touch(user, "Switch.wav", "x");	/* names are exact */

	cue_files_find(&f, user, ship);
	want = xasprintf("%s/tick.wav", user);
	CHECK_STR(f.user[CUE_TICK], want);
	free(want);
	want = xasprintf("%s/go.ogg", user);
	CHECK_STR(f.user[CUE_GO], want);
	free(want);
	want = xasprintf("%s/done.wav", user);
	CHECK_STR(f.user[CUE_DONE], want);
	free(want);
	CHECK(f.user[CUE_REST] == NULL);
	CHECK(f.user[CUE_SWITCH] == NULL);
	CHECK(f.user[CUE_FINISH] == NULL);
	/* the shipped path is given whether or not the file is there */
	for (int c = 0; c < CUE_COUNT; c++) {
		want = xasprintf("%s/%s.wav", ship, cue_name((enum cue)c));
		CHECK_STR(f.shipped[c], want);
		free(want);
	}
	cue_files_free(&f);
	CHECK(f.user[CUE_TICK] == NULL);

	/* The default places: $XDG_CONFIG_HOME/limber/sounds and
	 * $LIMBER_DATADIR/sounds. */
	{
		char *cfg = xasprintf("%s/cfg", root);
		char *snd = xasprintf("%s/cfg/limber/sounds", root);

		setenv("XDG_CONFIG_HOME", cfg, 1);
		setenv("LIMBER_DATADIR", root, 1);
		CHECK_INT(mkdir(cfg, 0700), 0);
		want = xasprintf("%s/limber", cfg);
		CHECK_INT(mkdir(want, 0700), 0);
		free(want);
		CHECK_INT(mkdir(snd, 0700), 0);
		touch(snd, "finish.ogg", "x");
		cue_files_find(&f, NULL, NULL);
		want = xasprintf("%s/finish.ogg", snd);
		CHECK_STR(f.user[CUE_FINISH], want);
		free(want);
		CHECK(f.user[CUE_TICK] == NULL);
		want = xasprintf("%s/sounds/go.wav", root);
		CHECK_STR(f.shipped[CUE_GO], want);
		free(want);
		cue_files_free(&f);
		free(cfg);
		free(snd);
	}
	rm_rf(root);
	free(user);
	free(ship);
	free(root);
}

/* A loader that fails for paths containing "bad" or "missing". */
static int loads;

static void *
fake_load(void *ud, const char *path, char **err)
{
	(void)ud;
	loads++;
	if (strstr(path, "bad") != NULL) {
		*err = xstrdup("Unrecognized audio format");
		return NULL;
	}
	if (strstr(path, "missing") != NULL) {
		*err = xstrdup(strerror(ENOENT));
		return NULL;
	}
	return xstrdup(path);
}

/* Did the load give (a copy of) this path?  Frees what it gave. */
static int
loaded(void *got, const char *path)
{
	int same = got != NULL && path != NULL && strcmp(got, path) == 0;

	free(got);
	return same;
}

static void
test_load(void)
{
	struct cue_files f;
	struct diag_list w;
	char *msg;
	void *got;

	memset(&f, 0, sizeof f);
	diag_init(&w);
	f.user[CUE_GO] = xstrdup("/u/bad-go.ogg");
	f.shipped[CUE_GO] = xstrdup("/s/go.wav");
	f.user[CUE_TICK] = xstrdup("/u/tick.wav");
	f.shipped[CUE_TICK] = xstrdup("/s/tick.wav");
	f.shipped[CUE_REST] = xstrdup("/s/rest.wav");
	f.user[CUE_DONE] = xstrdup("/u/bad-done.wav");
	f.shipped[CUE_DONE] = xstrdup("/s/missing/done.wav");

	/* a good user file wins, without a word */
	loads = 0;
	got = cue_files_load(&f, CUE_TICK, fake_load, NULL, &w);
	CHECK(loaded(got, f.user[CUE_TICK]));
	CHECK_INT(loads, 1);
	CHECK_INT(w.n, 0);
	/* no user file: the shipped one */
	got = cue_files_load(&f, CUE_REST, fake_load, NULL, &w);
	CHECK(loaded(got, f.shipped[CUE_REST]));
	CHECK_INT(w.n, 0);
	/* a broken user file: a warning naming it, and the shipped one */
	got = cue_files_load(&f, CUE_GO, fake_load, NULL, &w);
	CHECK(loaded(got, f.shipped[CUE_GO]));
	CHECK_INT(w.n, 1);
	CHECK_INT(w.warnings, 1);
	CHECK_INT(w.errors, 0);
	if (w.n == 1) {
		msg = diag_format(&w.v[0]);
		CHECK_STR(msg, "/u/bad-go.ogg: warning: cannot play this sound "
			  "(Unrecognized audio format); the shipped go cue plays instead");
		free(msg);
	}
	/* both broken: two warnings, the cue is silent */
	got = cue_files_load(&f, CUE_DONE, fake_load, NULL, &w);
	CHECK(got == NULL);
	CHECK_INT(w.n, 3);
	if (w.n == 3) {
		msg = diag_format(&w.v[2]);
		CHECK_STR(msg, "/s/missing/done.wav: warning: cannot play this sound "
			  "(No such file or directory); the done cue stays silent");
		free(msg);
	}
	/* warn may be NULL */
	got = cue_files_load(&f, CUE_DONE, fake_load, NULL, NULL);
	CHECK(got == NULL);
	cue_files_free(&f);
	diag_free(&w);
}

/* ------------------------------------------------------------------ */
/* The player over fake back ends. */

static struct {
	int opens, closes, stops, volume;
	int played[CUE_COUNT];
	int open_volume, open_muted;
	int saw_files;
} F;

static void *
fake_open(const struct cue_config *cfg, const struct cue_files *files,
	  struct diag_list *warn, char **reason)
{
	(void)reason;
	F.opens++;
	F.open_volume = cfg->volume;
	F.open_muted = cfg->muted;
	F.saw_files = files->shipped[CUE_FINISH] != NULL &&
		      util_endswith(files->shipped[CUE_FINISH], "/finish.wav");
	if (warn != NULL)
		diag_add(warn, DIAG_WARNING, "x.wav", 0, 0, "a warning");
	return xstrdup("state");
}

static void *
fail_open(const struct cue_config *cfg, const struct cue_files *files,
	  struct diag_list *warn, char **reason)
{
	(void)cfg;
	(void)files;
	(void)warn;
	F.opens++;
	*reason = xstrdup("no audio device (SDL: Audio target 'nosuch' not available)");
	return NULL;
}

static int
fake_play(void *state, enum cue c)
{
	CHECK_STR(state, "state");
	F.played[c]++;
	return 1;
}

static void
fake_volume(void *state, int v)
{
	(void)state;
	F.volume = v;
}

static void
fake_stop(void *state)
{
	(void)state;
	F.stops++;
}

static void
fake_close(void *state)
{
	F.closes++;
	free(state);
}

static const struct cue_ops fake_ops = {
	.name = "fake", .open = fake_open, .play = fake_play,
	.set_volume = fake_volume, .stop = fake_stop, .close = fake_close,
};
static const struct cue_ops fail_ops = {
	.name = "fail", .open = fail_open, .play = fake_play,
	.close = fake_close,
};

static void
test_player(void)
{
	const struct cue_ops *const good[] = { &fake_ops, &cue_null_ops };
	const struct cue_ops *const bad[] = { &fail_ops, &fake_ops };
	const struct cue_ops *const none[] = { &fail_ops };
	struct cue_config cfg = { .volume = 150, .bell_fd = -1,
				  .user_dir = "/nonexistent/u",
				  .shipped_dir = "/nonexistent/s" };
	struct diag_list w;
	struct cue_player *p;
	char stale[] = "stale";
	char *off = stale;	/* must be overwritten, not freed */

	memset(&F, 0, sizeof F);
	diag_init(&w);
	p = cue_player_open_with(good, 2, &cfg, &w, &off);
	CHECK(off == NULL);
	CHECK_STR(cue_player_backend(p), "fake");
	CHECK_INT(F.opens, 1);
	CHECK_INT(F.open_volume, 100);		/* clamped */
	CHECK(F.saw_files);
	CHECK_INT(w.n, 1);			/* the back end's warning */
	CHECK_INT(cue_volume(p), 100);
	CHECK_INT(cue_play(p, CUE_GO), 1);
	CHECK_INT(F.played[CUE_GO], 1);
	CHECK_INT(cue_play(p, CUE_COUNT), 0);	/* out of range: nothing */

	cue_set_muted(p, 1);
	CHECK(cue_muted(p));
	CHECK_INT(F.stops, 1);			/* muting cuts what plays */
	CHECK_INT(cue_play(p, CUE_GO), 0);
	CHECK_INT(F.played[CUE_GO], 1);
	cue_set_muted(p, 0);
	CHECK(!cue_muted(p));
	CHECK_INT(F.stops, 1);
	CHECK_INT(cue_play(p, CUE_TICK), 1);
	CHECK_INT(F.played[CUE_TICK], 1);

	cue_set_volume(p, 40);
	CHECK_INT(F.volume, 40);
	CHECK_INT(cue_volume(p), 40);
	cue_set_volume(p, -5);
	CHECK_INT(F.volume, 0);
	cue_player_close(p);
	CHECK_INT(F.closes, 1);
	cue_player_close(NULL);

	/* The first fails: the next one plays, and sound is reported off
	 * with the first one's reason. */
	memset(&F, 0, sizeof F);
	cfg.volume = 30;
	cfg.muted = 1;
	p = cue_player_open_with(bad, 2, &cfg, NULL, &off);
	CHECK_STR(off, "sound off: no audio device (SDL: Audio target 'nosuch' not available)");
	CHECK_STR(cue_player_backend(p), "fake");
	CHECK_INT(F.opens, 2);
	CHECK_INT(F.open_muted, 1);
	CHECK(cue_muted(p));
	CHECK_INT(cue_play(p, CUE_GO), 0);	/* started muted */
	cue_player_close(p);
	free(off);

	/* None opens: the silent one, never NULL. */
	p = cue_player_open_with(none, 1, &cfg, NULL, &off);
	CHECK(p != NULL);
	CHECK_STR(cue_player_backend(p), "null");
	CHECK(off != NULL && strncmp(off, "sound off: no audio device", 26) == 0);
	cue_set_muted(p, 0);
	CHECK_INT(cue_play(p, CUE_GO), 0);	/* no bell asked for */
	cue_set_volume(p, 50);			/* no set_volume: fine */
	cue_set_muted(p, 1);			/* no stop: fine */
	cue_player_close(p);
	free(off);
	diag_free(&w);
}

/* The silent back end rings the bell, if asked to. */
static void
test_bell(void)
{
	const struct cue_ops *const only[] = { &cue_null_ops };
	int fds[2];
	char buf[16];
	struct cue_config cfg = { .volume = 80, .bell = 1 };
	struct cue_player *p;
	char *off = NULL;
	ssize_t n;

	CHECK_INT(pipe(fds), 0);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	cfg.bell_fd = fds[1];
	p = cue_player_open_with(only, 1, &cfg, NULL, &off);
	CHECK(off == NULL);
	CHECK_INT(cue_play(p, CUE_GO), 1);
	CHECK_INT(cue_play(p, CUE_FINISH), 1);
	n = read(fds[0], buf, sizeof buf);
	CHECK_INT(n, 2);
	CHECK(n == 2 && buf[0] == '\a' && buf[1] == '\a');
	cue_set_muted(p, 1);
	CHECK_INT(cue_play(p, CUE_GO), 0);
	CHECK_INT(read(fds[0], buf, sizeof buf), -1);	/* nothing rang */
	cue_player_close(p);

	/* bell off: silent */
	cfg.bell = 0;
	p = cue_player_open_with(only, 1, &cfg, NULL, &off);
	CHECK_INT(cue_play(p, CUE_GO), 0);
	CHECK_INT(read(fds[0], buf, sizeof buf), -1);
	cue_player_close(p);
	close(fds[0]);
	close(fds[1]);
}

int
main(void)
{
	TEST_RUN(test_names);
	TEST_RUN(test_session_cues);
	TEST_RUN(test_for_event);
	TEST_RUN(test_priority);
	TEST_RUN(test_pause);
	TEST_RUN(test_files);
	TEST_RUN(test_load);
	TEST_RUN(test_player);
	TEST_RUN(test_bell);
	return t_done();
}
