/* plain.c - the line-oriented coach (`limber run --plain`). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "model/action.h"
#include "model/checkin.h"
#include "model/coach.h"
#include "audio/cue.h"
#include "history/history.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/diag.h"
#include "model/events.h"
#include "plain/plain.h"
#include "model/plan.h"
#include "model/routine.h"
#include "model/session.h"
#include "core/util.h"
#include "app/workout.h"

char *
plain_duration(int64_t ms)
{
	int64_t s = (ms + 500) / 1000;

	if (s >= 3600)
		return xasprintf("%d h %d min", (int)(s / 3600), (int)(s / 60 % 60));
	if (s >= 60 && s % 60 != 0)
		return xasprintf("%d min %d s", (int)(s / 60), (int)(s % 60));
	if (s >= 60)
		return xasprintf("%d min", (int)(s / 60));
	return xasprintf("%d s", (int)s);
}

static const char *
plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "2 sets of 6 reps, 10 s each, each side" */
static void
describe_dose(struct strbuf *b, const struct plan_exercise *x)
{
	strbuf_addf(b, "%d %s of %d %s", x->sets, plural(x->sets, "set", "sets"),
		    x->reps, plural(x->reps, "rep", "reps"));
	strbuf_addf(b, ", %d s %s", x->hold_s, x->reps == 1 ? "hold" : "each");
	if (x->sides == SIDES_EACH)
		strbuf_adds(b, ", each side");
	else if (x->sides == SIDES_ALTERNATE)
		strbuf_adds(b, ", alternating sides");
}

/* A work line for each repetition when holds are long enough to follow
 * one by one; otherwise one line per run of paced repetitions. */
static char *
work_line(const struct plan *p, const struct session_event *ev)
{
	const struct plan_exercise *x = &p->ex[ev->exercise];
	const char *side = plan_side_name(ev->side);
	struct strbuf b = { 0 };
	int per_rep = x->hold_s >= 10 || x->reps == 1;

	if (!per_rep) {
		int first = ev->rep == 1 &&
			    (x->sides != SIDES_ALTERNATE || ev->side == SIDE_LEFT);

		if (!first)
			return NULL;
	}
	strbuf_addf(&b, "%s, set %d of %d", x->name, ev->set, x->sets);
	if (per_rep) {
		if (x->reps > 1)
			strbuf_addf(&b, ", rep %d of %d", ev->rep, x->reps);
		if (*side)
			strbuf_addf(&b, ", %s", side);
		strbuf_addf(&b, ": hold %d %s", ev->seconds_left,
			    plural(ev->seconds_left, "second", "seconds"));
	} else if (x->sides == SIDES_ALTERNATE) {
		strbuf_addf(&b, ": %d reps each side, left and right in turn, %d %s each",
			    x->reps, x->hold_s, plural(x->hold_s, "second", "seconds"));
	} else {
		if (*side)
			strbuf_addf(&b, ", %s", side);
		strbuf_addf(&b, ": %d reps, %d %s each", x->reps, x->hold_s,
			    plural(x->hold_s, "second", "seconds"));
	}
	return strbuf_take(&b);
}

char *
plain_event_line(const struct plan *p, const struct session_event *ev,
		 const struct session_record *rec)
{
	const struct plan_exercise *x =
		ev->exercise < p->nex ? &p->ex[ev->exercise] : NULL;
	struct strbuf b = { 0 };
	char *d;

	switch (ev->kind) {
	case SEV_PHASE:
		switch (ev->phase) {
		case PHASE_GET_READY:
			strbuf_addf(&b, "Exercise %zu of %zu: %s (", ev->exercise + 1,
				    p->nex, x->name);
			describe_dose(&b, x);
			strbuf_adds(&b, ")\n");
			if (x->cue[0] != '\0')
				strbuf_addf(&b, "  %s\n", x->cue);
			strbuf_addf(&b, "Get ready: %d %s", ev->seconds_left,
				    plural(ev->seconds_left, "second", "seconds"));
			return strbuf_take(&b);
		case PHASE_WORK:
			return work_line(p, ev);
		case PHASE_REST:
			strbuf_addf(&b, "Rest %d %s", ev->seconds_left,
				    plural(ev->seconds_left, "second", "seconds"));
			if (ev->step + 1 < p->nsteps &&
			    p->steps[ev->step + 1].exercise != ev->exercise)
				strbuf_addf(&b, "; next: %s",
					    p->ex[p->steps[ev->step + 1].exercise].name);
			return strbuf_take(&b);
		case PHASE_SWITCH:
			return xasprintf("Switch to the %s side (%d %s)",
					 plan_side_name(ev->side), ev->seconds_left,
					 plural(ev->seconds_left, "second", "seconds"));
		case PHASE_COUNT_IN:
			return xasprintf("Hold again in %d", ev->seconds_left);
		case PHASE_DONE:
			return NULL;
		}
		return NULL;
	case SEV_SECOND:
		if (ev->phase == PHASE_WORK && ev->seconds_left == 10 &&
		    p->steps[ev->step].dur_ms >= 20000)
			return xstrdup("10 seconds left");
		return NULL;
	case SEV_HALFWAY:
	case SEV_EXERCISE_DONE:
		return NULL;
	case SEV_PAUSE:
		return xstrdup("Paused; press space to resume");
	case SEV_RESUME:
		return xstrdup("Resumed");
	case SEV_NEXT:
		return xasprintf("Skipped %s", x ? x->name : "the exercise");
	case SEV_PREV:
		return xstrdup("Back to the previous exercise");
	case SEV_HURT:
		return xasprintf("Marked %s as hurting and moved on; stop any exercise that hurts",
				 x ? x->name : "the exercise");
	case SEV_SESSION_DONE:
	case SEV_STOP:
		d = plain_duration(rec->done_ms);
		strbuf_addf(&b, "%s: %zu of %zu exercises, %s",
			    ev->kind == SEV_STOP ? "Stopped" : "Done",
			    rec->exercises_done, rec->exercises_planned, d);
		free(d);
		return strbuf_take(&b);
	}
	return NULL;
}

/* ------------------------------------------------------------ terminal */

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

struct term {
	int active;
	struct termios saved;
};

static struct term term;

static void
term_restore(void)
{
	if (term.active) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &term.saved);
		term.active = 0;
	}
}

/* Keys one at a time, without echo; Ctrl-C still raises SIGINT. */
static void
term_keys(void)
{
	struct termios t;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &term.saved) != 0)
		return;
	t = term.saved;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0) {
		term.active = 1;
		atexit(term_restore);
	}
}

/* Decode the bytes read into key codes (arrows arrive as ESC [ C etc.). */
static size_t
decode_keys(const unsigned char *in, size_t n, int *keys, size_t max)
{
	size_t k = 0;

	for (size_t i = 0; i < n && k < max; i++) {
		if (in[i] == 0x1b && i + 2 < n && (in[i + 1] == '[' || in[i + 1] == 'O')) {
			switch (in[i + 2]) {
			case 'A': keys[k++] = KEYCODE_UP; break;
			case 'B': keys[k++] = KEYCODE_DOWN; break;
			case 'C': keys[k++] = KEYCODE_RIGHT; break;
			case 'D': keys[k++] = KEYCODE_LEFT; break;
			default: break;
			}
			i += 2;
		} else if (in[i] == 0x1b) {
			keys[k++] = KEYCODE_ESCAPE;
		} else if (in[i] == '\r' || in[i] == '\n') {
			keys[k++] = KEYCODE_ENTER;
		} else {
			keys[k++] = in[i];
		}
	}
	return k;
}

/* ------------------------------------------------------------ session */

struct run {
	const struct plan *plan;
	struct session *session;
	struct events_trace *trace;
	struct cue_player *cues;
	struct cue_pick pick;
	int64_t origin;		/* clock time of the session's start */
	FILE *out;
};

/* Play the cue the last pass called for, if any, and log it when it was
 * handed to the mixer. */
static void
play_cue(struct run *r)
{
	struct session_event ev;
	enum cue c;

	if (cue_pick_take(&r->pick, &c, &ev) && cue_play(r->cues, c)) {
		char name[32];

		snprintf(name, sizeof name, "cue_%s", cue_name(c));
		events_log_named(r->trace, clock_read() - r->origin, name, &ev,
				 r->plan);
	}
}

static void
on_event(void *ud, const struct session_event *ev)
{
	struct run *r = ud;
	char *line;

	events_log(r->trace, ev, r->plan);
	cue_pick_add(&r->pick, ev);
	line = plain_event_line(r->plan, ev, session_record(r->session));
	if (line != NULL) {
		fprintf(r->out, "%s\n", line);
		fflush(r->out);
		free(line);
	}
}

/* Run the session to its end.  Returns the signal that stopped it, or 0. */
static int
run_session(struct run *r)
{
	struct sigaction sa;
	sigset_t block, orig;
	int confirming = 0, sig = 0;
	int keys_on = term.active;
	int timer = clock_timer_open();	/* -1: poll timeouts instead */

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* Signals are held except while waiting in ppoll, so a signal either
	 * interrupts the wait or is seen right before it: never lost. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &orig);

	cue_pick_init(&r->pick, r->plan);
	r->origin = clock_read();
	r->session = session_new(r->plan, r->origin, on_event, r);
	while (!session_finished(r->session)) {
		int64_t now = clock_read(), deadline;
		/* [0] the deadline's timer, [1] the keys */
		struct pollfd pfd[2] = {
			{ .fd = timer, .events = POLLIN },
			{ .fd = STDIN_FILENO, .events = POLLIN },
		};
		struct timespec ts, *tsp = NULL;
		int n;

		if (got_signal) {
			sig = got_signal;
			session_act(r->session, ACTION_STOP, now);
			play_cue(r);
			break;
		}
		session_tick(r->session, now);
		play_cue(r);
		if (session_finished(r->session))
			break;
		deadline = session_next_deadline(r->session);
		if (timer >= 0 && clock_timer_set(timer, deadline) != 0) {
			close(timer);
			timer = -1;
		}
		if (timer < 0 && deadline >= 0) {
			clock_until(deadline, &ts);
			tsp = &ts;
		}
		if (timer >= 0)
			n = ppoll(pfd, keys_on ? 2 : 1, NULL, &orig);
		else
			n = ppoll(pfd + 1, keys_on ? 1 : 0, tsp, &orig);
		if (n <= 0 || !keys_on ||
		    !(pfd[1].revents & (POLLIN | POLLHUP)))
			continue;
		{
			unsigned char buf[64];
			int keys[64];
			ssize_t got = read(STDIN_FILENO, buf, sizeof buf);
			size_t nk;

			if (got <= 0) {
				keys_on = 0;	/* the terminal went away */
				continue;
			}
			nk = decode_keys(buf, (size_t)got, keys, ARRAY_LEN(keys));
			now = clock_read();
			for (size_t i = 0; i < nk; i++) {
				enum action a = action_from_key(
					confirming ? ACTX_CONFIRM : ACTX_SESSION, keys[i]);

				if (confirming) {
					if (a == ACTION_YES) {
						session_act(r->session, ACTION_STOP, now);
					} else if (a == ACTION_NO) {
						fprintf(r->out, "Carrying on\n");
						confirming = 0;
					}
					continue;
				}
				if (a == ACTION_STOP) {
					fprintf(r->out, "Stop the session? y/n\n");
					fflush(r->out);
					confirming = 1;
				} else if (a == ACTION_HELP) {
					fprintf(r->out, "Keys: %s\n",
						action_legend(ACTX_SESSION));
				} else if (a == ACTION_MUTE) {
					cue_set_muted(r->cues, !cue_muted(r->cues));
					fprintf(r->out, "Sound %s\n",
						cue_muted(r->cues) ? "muted" : "on");
				} else if (a != ACTION_NONE) {
					session_act(r->session, a, now);
				}
			}
			play_cue(r);
		}
	}
	if (timer >= 0)
		close(timer);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return sig;
}

/* Ask q until it is understood or the input ends; returns 0 when answered. */
static int
ask(struct checkin *c, enum checkin_question q, int echo)
{
	char line[256];

	for (;;) {
		printf("%s [%s] ", checkin_question(q), checkin_choices(q));
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL) {
			printf("(no answer)\n");
			return -1;
		}
		if (echo)
			fputs(line, stdout);
		if (strchr(line, '\n') == NULL) {
			int ch;

			while ((ch = getchar()) != EOF && ch != '\n')
				;	/* drop the rest of an overlong line */
		}
		if (checkin_answer(c, q, line) == 0)
			return 0;
		printf("%s\n", checkin_retry(q));
	}
}

static void
print_diags(struct diag_list *d)
{
	diag_print(d, stderr);
	diag_free(d);
	diag_init(d);
}

int
plain_main(const struct cli_opts *o, const char *routine_arg)
{
	struct workout w;
	struct diag_list d;
	struct coach_decision dec;
	struct run r = { .out = stdout };
	char *err = NULL, *total;
	int status = 1, sig, saved, echo = !isatty(STDIN_FILENO);

	if (clock_init(&err) != 0) {
		fprintf(stderr, "limber: %s\n", err);
		free(err);
		return EXIT_USAGE;
	}
	diag_init(&d);
	if (workout_prepare(&w, routine_arg, (int)o->level, clock_wall(), &d) != 0) {
		print_diags(&d);
		goto out;
	}
	print_diags(&d);
	if (o->events != NULL && (r.trace = events_open(o->events)) == NULL) {
		fprintf(stderr, "limber: %s: cannot write the events trace: %s\n",
			o->events, strerror(errno));
		goto out;
	}
	r.plan = w.plan;
	{
		struct cue_config cc = {
			.volume = o->volume >= 0 ? (int)o->volume : w.settings.volume,
			.muted = o->mute || w.settings.mute,
			.bell = o->bell || w.settings.bell,
			.bell_fd = STDOUT_FILENO,
		};
		char *off = NULL;

		fflush(stdout);
		r.cues = cue_player_open(&cc, &d, &off);
		print_diags(&d);
		if (off != NULL) {
			printf("%s\n", off);
			free(off);
		}
	}
	total = plain_duration(w.plan->total_ms);
	printf("%s (%s), level %d%s: %zu %s, %s\n", w.routine->title,
	       w.entry.name, w.level, w.one_off ? " (this once)" : "",
	       w.plan->nex, plural((int)w.plan->nex, "exercise", "exercises"),
	       total);
	free(total);
	if (w.morning_about != NULL) {
		char ago[64];

		printf("Your last session (%s, %s):\n", w.morning_about->routine,
		       history_ago(w.morning_about, clock_wall(), ago, sizeof ago));
		ask(&w.checkin, CHECKIN_MORNING, echo);
	}
	if (!echo)
		printf("Keys: %s\n", action_legend(ACTX_SESSION));
	fflush(stdout);
	w.started = clock_wall();
	term_keys();
	sig = run_session(&r);
	term_restore();

	/* SIGTERM and SIGHUP mean nobody is there to answer: record the
	 * session as stopped without a check-in. */
	if (sig != SIGTERM && sig != SIGHUP) {
		printf("\nHow does your back feel?\n");
		if (ask(&w.checkin, CHECKIN_PAIN, echo) == 0 &&
		    ask(&w.checkin, CHECKIN_NERVE, echo) == 0)
			ask(&w.checkin, CHECKIN_URGENT, echo);
	}
	status = sig == SIGTERM || sig == SIGHUP ? 1 : 0;
	saved = workout_finish(&w, session_record(r.session), clock_wall(),
			       &dec, &d);
	if (saved != 0) {
		/* 1: kept in a rescue file, which the error names */
		print_diags(&d);
		if (saved < 0)
			fprintf(stderr, "limber: this session was NOT recorded\n");
		status = 1;
	}
	printf("Next time: %s\n", dec.reason);
	for (size_t i = 0; i < dec.ntext; i++)
		printf("%s\n", dec.text[i]);
	fflush(stdout);
	if (r.trace != NULL && events_close(r.trace) != 0) {
		fprintf(stderr, "limber: %s: writing the events trace failed: %s\n",
			o->events, strerror(errno));
		status = 1;
	}
	r.trace = NULL;
out:
	if (r.trace != NULL)
		events_close(r.trace);
	/* last, so the finish cue plays out while the questions are asked */
	if (r.cues != NULL)
		cue_player_close(r.cues);
	session_free(r.session);
	diag_free(&d);
	workout_free(&w);
	return status;
}
