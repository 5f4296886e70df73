/* test_speech.c - the voice coach's phrases (the real plan and session on
 * a fake clock), the forms a player synthesizes ahead, fitting phrases
 * into the gaps between tones, and the cue scheduler over a fake back end
 * that records what it is handed.  No SDL, no espeak. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audio/cue.h"
#include "audio/cuesched.h"
#include "core/diag.h"
#include "core/util.h"
#include "model/plan.h"
#include "model/routine.h"
#include "model/session.h"
#include "model/speech.h"
#include "testlib.h"

static struct plan *
plan_of(const char *csv, int get_ready)
{
	struct diag_list d;
	struct routine *r;
	struct plan_opts o = { .get_ready_s = get_ready };
	struct plan *p;

	diag_init(&d);
	r = routine_parse(csv, strlen(csv), "test.csv", "test", &d);
	if (r == NULL) {
		diag_print(&d, stdout);
		abort();
	}
	diag_free(&d);
	p = plan_build(r, 1, &o);
	routine_free(r);
	return p;
}

/* Every exercise kind: alternating reps over two sets, a side switch, a
 * long hold with halfway and ten-seconds-left marks, rests leading to the
 * next exercise.  Get-ready 5 s. */
static const char every_phrase[] =
	"exercise,sets,reps,hold,rest,sides,switch\n"
	"Bird-dog,2,2,3,4,alternate,0\n"
	"Side plank,1,1,3,5,each,4\n"
	"Wall squat,1,1,30,0,none,0\n";

/* ------------------------------------------------------------------ */
/* The phrases of a whole session, with when each is wanted. */

#define MAXSAID 100

static struct {
	const struct plan *p;
	char *text[MAXSAID];
	int64_t at[MAXSAID];
	size_t n;
} S;

static void
say_listener(void *ud, const struct session_event *ev)
{
	struct speech_phrase ph;

	(void)ud;
	if (speech_for_event(S.p, ev, &ph) > 0 && S.n < MAXSAID) {
		S.text[S.n] = xstrdup(ph.form[0]);
		S.at[S.n++] = ev->due_ms;
	}
	speech_phrase_free(&ph);
}

static void
run_whole(const struct plan *p)
{
	struct session *s;
	int64_t d;

	memset(&S, 0, sizeof S);
	S.p = p;
	s = session_new(p, 0, say_listener, NULL);
	while ((d = session_next_deadline(s)) != -1)
		session_tick(s, d);
	session_free(s);
}

static void
said_free(void)
{
	for (size_t i = 0; i < S.n; i++)
		free(S.text[i]);
}

/* A whole session of p: exactly the phrases of want, each at its time.
 * Frees p. */
struct said {
	int64_t at;
	const char *text;
};

static void
said_check(struct plan *p, const struct said *want, size_t n)
{
	run_whole(p);
	CHECK_INT(S.n, n);
	for (size_t i = 0; i < S.n && i < n; i++) {
		CHECK_INT(S.at[i], want[i].at);
		CHECK_STR(S.text[i], want[i].text);
	}
	said_free();
	plan_free(p);
}

static void
test_phrases_of_a_session(void)
{
	struct plan *p = plan_of(every_phrase, 5);
	static const struct said want[] = {
		/* Bird-dog: get-ready 0-5, set 1 L 5-8 R 8-11 L 11-14 R 14-17,
		 * rest 17-21, set 2 L 21-24 ... R 30-33, rest 33-37 */
		{ 0, "Bird-dog. 2 sets of 2 each side, 3 seconds, alternating" },
		{ 5000, "Left" }, { 8000, "Right" }, { 11000, "Left" },
		{ 14000, "Right" }, { 17000, "Rest 4 seconds" },
		{ 21000, "Last set. Left" }, { 24000, "Right" },
		{ 27000, "Left" }, { 30000, "Right" },
		{ 33000, "Rest 4 seconds. Next: Side plank, 3 seconds each side" },
		/* Side plank: get-ready 37-42, L 42-45, switch 45-49, R 49-52,
		 * rest 52-57 */
		{ 37000, "Side plank. 3 seconds each side" },
		{ 45000, "Switch sides" },
		{ 52000, "Rest 5 seconds. Next: Wall squat, 30 seconds" },
		/* Wall squat: get-ready 57-62, hold 62-92 */
		{ 57000, "Wall squat. 30 seconds" },
		{ 77000, "Halfway" }, { 82000, "10 seconds left" },
		{ 92000, "Session complete" },
	};

	said_check(p, want, ARRAY_LEN(want));
}

/* A routine that names its phases (walkrun) is coached in its words: "Run"
 * at every bout ("Run. Last one" at the last), "Walk" with the walk's
 * length in minutes and seconds, never "Rest" or "Last set". */
static void
test_named_phases(void)
{
	struct plan *p = plan_of("# phases: RUN, WALK\n"
				 "exercise,sets,reps,hold,rest\n"
				 "Run-walk,3,1,15,105\n", 5);
	static const struct said want[] = {
		/* get-ready 0-5, run 5-20, walk 20-125, run 125-140, walk
		 * 140-245, run 245-260 (the last), and no walk after it */
		{ 0, "Run-walk. 3 sets, 15 seconds" },
		{ 5000, "Run" }, { 20000, "Walk 1 minute 45 seconds" },
		{ 125000, "Run" }, { 140000, "Walk 1 minute 45 seconds" },
		{ 245000, "Run. Last one" }, { 260000, "Session complete" },
	};

	said_check(p, want, ARRAY_LEN(want));
}

/* A 20 s hold: halfway is ten seconds left, said once; a 19 s hold has
 * neither; one set says no "last set". */
/* The dose in words: sets of one repetition are "3 sets", not "3 sets
 * of 1". */
static void
test_dose_words(void)
{
	struct plan *p = plan_of("exercise,sets,reps,hold,rest,sides\n"
				 "Plank,3,1,21,30,none\n"
				 "Side plank,2,1,10,30,each\n"
				 "Bridge,1,5,5,0,none\n", 5);
	struct session_event ev = { .kind = SEV_PHASE, .phase = PHASE_GET_READY };
	struct speech_phrase ph;

	ev.step = p->ex[0].first_step;
	speech_for_event(p, &ev, &ph);
	CHECK_STR(ph.form[0], "Plank. 3 sets, 21 seconds");
	CHECK_STR(ph.form[1], "Plank. 3 sets");
	speech_phrase_free(&ph);
	ev.step = p->ex[1].first_step;
	speech_for_event(p, &ev, &ph);
	CHECK_STR(ph.form[0], "Side plank. 2 sets each side, 10 seconds");
	speech_phrase_free(&ph);
	ev.step = p->ex[2].first_step;
	speech_for_event(p, &ev, &ph);
	CHECK_STR(ph.form[0], "Bridge. 5 reps, 5 seconds");
	CHECK_INT(ph.nforms, 3);
	speech_phrase_free(&ph);
	plan_free(p);
}

static void
test_long_hold_marks(void)
{
	struct plan *p = plan_of("exercise,sets,reps,hold,rest\n"
				 "A,1,1,20,0\nB,1,1,19,0\n", 0);

	run_whole(p);
	CHECK_INT(S.n, 4);
	if (S.n == 4) {
		/* no get-ready: the hold's start names the exercise */
		CHECK_STR(S.text[0], "A. 20 seconds");
		CHECK_INT(S.at[0], 0);
		CHECK_STR(S.text[1], "10 seconds left");
		CHECK_INT(S.at[1], 10000);
		CHECK_STR(S.text[2], "B. 19 seconds");
		CHECK_STR(S.text[3], "Session complete");
	}
	said_free();
	plan_free(p);
}

static void
test_forms_and_shorter_forms(void)
{
	struct plan *p = plan_of(every_phrase, 5);
	struct session_event ev = { .kind = SEV_PHASE, .phase = PHASE_REST };
	struct speech_phrase ph;
	char **forms;
	size_t *last, n, k;

	/* the rest that ends Bird-dog: step 10 */
	ev.step = 10;
	CHECK_INT(p->steps[10].kind, STEP_REST);
	CHECK_INT(speech_for_event(p, &ev, &ph), 4);
	CHECK_STR(ph.form[0], "Rest 4 seconds. Next: Side plank, 3 seconds each side");
	CHECK_STR(ph.form[1], "Rest 4 seconds. Next: Side plank");
	CHECK_STR(ph.form[2], "Rest 4 seconds");
	CHECK_STR(ph.form[3], "Rest");
	speech_phrase_free(&ph);

	n = speech_all_forms(p, &forms, &last);
	/* each text once, in the order first needed */
	CHECK_STR(forms[0], "Bird-dog. 2 sets of 2 each side, 3 seconds, alternating");
	CHECK_STR(forms[1], "Bird-dog. 2 sets of 2 each side");
	CHECK_STR(forms[2], "Bird-dog");
	CHECK_STR(forms[3], "Left");
	for (k = 0; k < n; k++)
		for (size_t j = k + 1; j < n; j++)
			CHECK(strcmp(forms[k], forms[j]) != 0);
	for (k = 0; k < n && strcmp(forms[k], "Left") != 0; k++)
		;
	/* "Left" last needed in Bird-dog's last left rep (step 8) */
	CHECK(k < n && last[k] == 8);
	CHECK_STR(forms[n - 1], "Session complete");
	CHECK_INT(last[n - 1], p->nsteps);
	speech_forms_free(forms, last, n);
	plan_free(p);
}

/* ------------------------------------------------------------------ */
/* Gap fitting. */

static void
test_fit_after_the_tone_of_its_instant(void)
{
	/* a rest tone 0-400, the next tick at 2000 */
	struct speech_span busy[] = { { 2000, 2100 }, { 0, 400 } };
	int64_t dur[] = { 1800, 900, 300 }, at = -1;

	CHECK_INT(speech_fit(0, dur, 3, busy, 2, 10000, &at), 1);
	CHECK_INT(at, 400 + SPEECH_GUARD_MS);
}

static void
test_fit_drops_what_cannot_fit(void)
{
	/* ticks every second, each 100 ms: 890 ms free between them */
	struct speech_span busy[] = { { 0, 100 }, { 1000, 1100 }, { 2000, 2100 } };
	int64_t dur[] = { 1500, 800 }, at = -1;

	CHECK_INT(speech_fit(0, dur, 2, busy, 3, 10000, &at), -1);
	CHECK_INT(at, -1);
	/* 760 ms fits: 160 + 760 + 60 guard = 980 < 1000 */
	dur[1] = 760;
	CHECK_INT(speech_fit(0, dur, 2, busy, 3, 10000, &at), 1);
	CHECK_INT(at, 160);
	/* never past the next tone: wanted inside a tone's tail, the gap
	 * after it is what counts */
	CHECK_INT(speech_fit(1050, dur, 2, busy, 3, 10000, &at), 1);
	CHECK_INT(at, 1160);
}

static void
test_fit_waits_for_an_earlier_phrase(void)
{
	/* a phrase 500-1300 already placed; nothing else until 5000 */
	struct speech_span busy[] = { { 500, 1300 }, { 5000, 5300 } };
	int64_t dur[] = { 700 }, at = -1;

	CHECK_INT(speech_fit(1000, dur, 1, busy, 2, 10000, &at), 0);
	CHECK_INT(at, 1360);
	/* the horizon bounds it like a tone: sounds past it are unknown */
	CHECK_INT(speech_fit(1000, dur, 1, busy, 2, 2000, &at), -1);
	/* a form not synthesized yet is skipped, a shorter one said */
	{
		int64_t two[] = { -1, 300 };

		CHECK_INT(speech_fit(1000, two, 2, busy, 2, 10000, &at), 1);
	}
}

/* ------------------------------------------------------------------ */
/* The scheduler over a fake back end. */

#define MAXH 200
/* The fake voice: 40 ms a character, a brisk speaker. */
#define MS_PER_CHAR 40

static struct {
	int tone[MAXH];		/* enum cue, or -1 for a phrase */
	char *text[MAXH];
	int64_t at[MAXH];
	int64_t lead[MAXH];	/* how long before at it was handed */
	size_t n;
	int64_t now;
	int cancels;
	int64_t cancel_from;
} H;

struct fake { int dummy; };

static void *
fake_open(const struct cue_config *cfg, const struct cue_files *files,
	  struct diag_list *warn, char **reason)
{
	(void)cfg; (void)files; (void)warn; (void)reason;
	return xcalloc(1, sizeof(struct fake));
}

static int
fake_play(void *state, enum cue c)
{
	(void)state; (void)c;
	return 1;
}

static int
fake_at(void *state, enum cue c, const char *text, int64_t at_ms)
{
	(void)state;
	if (H.n < MAXH) {
		H.tone[H.n] = text != NULL ? -1 : (int)c;
		H.text[H.n] = text != NULL ? xstrdup(text) : NULL;
		H.lead[H.n] = at_ms - H.now;
		H.at[H.n++] = at_ms;
	}
	return 1;
}

static int64_t
fake_len(void *state, enum cue c, const char *text)
{
	(void)state;
	if (text == NULL)
		return c == CUE_TICK ? 100 : 300;
	return (int64_t)strlen(text) * MS_PER_CHAR;
}

static void
fake_cancel(void *state, int64_t from_ms)
{
	(void)state;
	H.cancels++;
	H.cancel_from = from_ms;
}

static int
fake_voice(void *state, char **why)
{
	(void)state; (void)why;
	return 1;
}

static void
fake_close(void *state)
{
	free(state);
}

static const struct cue_ops fake_ops = {
	.name = "fake", .open = fake_open, .play = fake_play,
	.at = fake_at, .length = fake_len, .cancel = fake_cancel,
	.close = fake_close, .voice = fake_voice,
};

static struct cue_player *
fake_player(void)
{
	static const struct cue_ops *const be[] = { &fake_ops };
	struct cue_config cc = { .volume = 80, .bell_fd = -1, .voice = 1,
				 .user_dir = "/nonexistent", .shipped_dir = "/nonexistent" };
	char *off = NULL;
	struct cue_player *pl = cue_player_open_with(be, 1, &cc, NULL, &off);

	free(off);
	return pl;
}

static void
h_free(void)
{
	for (size_t i = 0; i < H.n; i++)
		free(H.text[i]);
	memset(&H, 0, sizeof H);
}

static struct cue_sched *SCHED;

/* The end of a scheduler case: everything it made. */
static void
sched_done(struct session *s, struct cue_player *pl, struct plan *p)
{
	session_free(s);
	cue_sched_free(SCHED);
	h_free();
	cue_player_close(pl);
	plan_free(p);
}

static void
sched_listener(void *ud, const struct session_event *ev)
{
	(void)ud;
	cue_sched_event(SCHED, ev);
}

/* Drive a session at every deadline, running the scheduler after each
 * pass as a front end does; returns the session (finished). */
static struct session *
drive(const struct plan *p, struct cue_player *pl, int voice, int64_t until)
{
	struct session *s;
	int64_t d;

	h_free();
	SCHED = cue_sched_new(p, pl, voice);
	cue_sched_start(SCHED, 0);
	s = session_new(p, 0, sched_listener, NULL);
	session_tick(s, 0);
	cue_sched_run(SCHED, 0, NULL, NULL);
	while ((d = session_next_deadline(s)) != -1 && d <= until) {
		H.now = d;
		session_tick(s, d);
		cue_sched_run(SCHED, d, NULL, NULL);
	}
	return s;
}

static size_t
find_text(const char *text)
{
	for (size_t i = 0; i < H.n; i++)
		if (H.text[i] != NULL && strcmp(H.text[i], text) == 0)
			return i;
	return (size_t)-1;
}

static void
test_sched_hands_cues_ahead_and_phrases_in_gaps(void)
{
	struct plan *p = plan_of(every_phrase, 5);
	struct cue_player *pl = fake_player();
	struct session *s = drive(p, pl, 1, INT64_MAX);
	size_t i, k;
	int ticks = 0;

	/* every cue after the start handed 500 ms or more before it */
	for (i = 0; i < H.n; i++) {
		if (H.tone[i] == CUE_TICK)
			ticks++;
		if (H.at[i] >= CUE_SCHED_LEAD_MS)
			CHECK(H.lead[i] >= CUE_SCHED_LEAD_MS - 1000);
	}
	CHECK(ticks > 0);
	k = find_text("Switch sides");
	CHECK(k != (size_t)-1);
	/* the switch tone at 45000 (300 ms), then the phrase */
	if (k != (size_t)-1)
		CHECK_INT(H.at[k], 45000 + 300 + SPEECH_GUARD_MS);
	/* "Bird-dog. 2 sets ..." is 57 characters, 2.3 s: the first tick
	 * is at 2000, so the shorter form, 1.2 s, is said */
	CHECK(find_text("Bird-dog. 2 sets of 2 each side") != (size_t)-1);
	CHECK(find_text("Bird-dog. 2 sets of 2 each side, 3 seconds, alternating") == (size_t)-1);
	/* no phrase overlaps a tone */
	for (i = 0; i < H.n; i++) {
		int64_t a0, a1;

		if (H.text[i] == NULL)
			continue;
		a0 = H.at[i];
		a1 = a0 + (int64_t)strlen(H.text[i]) * MS_PER_CHAR;
		for (k = 0; k < H.n; k++) {
			int64_t b0 = H.at[k], b1;

			if (H.text[k] != NULL)
				continue;
			b1 = b0 + (H.tone[k] == CUE_TICK ? 100 : 300);
			if (a0 < b1 && b0 < a1)
				printf("# \"%s\" at %lld overlaps a tone at %lld\n",
				       H.text[i], (long long)a0, (long long)b0);
			CHECK(!(a0 < b1 && b0 < a1));
		}
	}
	CHECK(find_text("Session complete") != (size_t)-1);
	sched_done(s, pl, p);
}

static void
test_sched_without_voice_and_muted(void)
{
	struct plan *p = plan_of(every_phrase, 5);
	struct cue_player *pl = fake_player();
	struct session *s = drive(p, pl, 0, INT64_MAX);

	CHECK(H.n > 0);
	for (size_t i = 0; i < H.n; i++)
		CHECK(H.text[i] == NULL);
	session_free(s);
	cue_sched_free(SCHED);
	cue_set_muted(pl, 1);
	s = drive(p, pl, 1, INT64_MAX);
	CHECK_INT(H.n, 0);
	sched_done(s, pl, p);
}

/* A pause cancels what was handed ahead; the resume's count-in ticks and
 * the hold's go come at the new times. */
static void
test_sched_pause_cancels_and_replans(void)
{
	struct plan *p = plan_of("exercise,sets,reps,hold,rest\nA,1,1,30,0\n", 3);
	struct cue_player *pl = fake_player();
	struct session *s = drive(p, pl, 0, 9000);	/* hold 3000-33000 */
	size_t before;
	int go_after = 0;
	int64_t d;

	H.now = 9500;
	session_act(s, ACTION_PAUSE, 9500);
	cue_sched_run(SCHED, 9500, NULL, NULL);
	CHECK_INT(H.cancels, 1);
	CHECK_INT(H.cancel_from, 9500);
	before = H.n;
	H.now = 20000;
	session_act(s, ACTION_PAUSE, 20000);	/* resume: count-in 20-23 s */
	cue_sched_run(SCHED, 20000, NULL, NULL);
	while ((d = session_next_deadline(s)) != -1) {
		H.now = d;
		session_tick(s, d);
		cue_sched_run(SCHED, d, NULL, NULL);
	}
	for (size_t i = before; i < H.n; i++)
		if (H.tone[i] == CUE_GO) {
			go_after++;
			CHECK_INT(H.at[i], 23000);
		}
	CHECK_INT(go_after, 1);
	CHECK(H.tone[before] == CUE_TICK && H.at[before] == 20000);
	sched_done(s, pl, p);
}

int
main(void)
{
	TEST_RUN(test_phrases_of_a_session);
	TEST_RUN(test_named_phases);
	TEST_RUN(test_dose_words);
	TEST_RUN(test_long_hold_marks);
	TEST_RUN(test_forms_and_shorter_forms);
	TEST_RUN(test_fit_after_the_tone_of_its_instant);
	TEST_RUN(test_fit_drops_what_cannot_fit);
	TEST_RUN(test_fit_waits_for_an_earlier_phrase);
	TEST_RUN(test_sched_hands_cues_ahead_and_phrases_in_gaps);
	TEST_RUN(test_sched_without_voice_and_muted);
	TEST_RUN(test_sched_pause_cancels_and_replans);
	return t_done();
}
