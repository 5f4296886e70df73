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

#include "app/eventtext.h"
#include "app/runner.h"
#include "app/workout.h"
#include "audio/cue.h"
#include "core/clock.h"
#include "core/diag.h"
#include "core/util.h"
#include "history/history.h"
#include "model/action.h"
#include "model/checkin.h"
#include "app/coach.h"
#include "plain/plain.h"

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

/* Every event's milestone line, as it happens. */
static void
print_event(void *ud, const struct session_event *ev)
{
	struct runner *r = ud;
	char *line = eventtext_line(r->plan, ev, session_record(r->session));

	if (line != NULL) {
		printf("%s\n", line);
		fflush(stdout);
		free(line);
	}
}

/* What a key did, in words. */
static void
print_reply(const struct runner *r, enum runner_reply reply)
{
	switch (reply) {
	case RUNNER_CONFIRM:
		printf("Stop the session? Yes or no?\n");
		break;
	case RUNNER_CARRY_ON:
		printf("Carrying on\n");
		break;
	case RUNNER_HELP:
		printf("Keys: %s\n", action_legend(ACTX_SESSION));
		break;
	case RUNNER_MUTE:
		printf("Sound %s\n", runner_muted(r) ? "muted" : "on");
		break;
	case RUNNER_IGNORED:
	case RUNNER_ACTED:
		return;
	}
	fflush(stdout);
}

/* Run the session to its end: wait for the next deadline, a key or a
 * signal, and hand each to the runner. */
static void
run_session(struct runner *r, struct cue_player *cues)
{
	struct sigaction sa;
	sigset_t block, orig;
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

	runner_start(r, cues, clock_read(), clock_wall());
	while (!runner_finished(r)) {
		int64_t now = clock_read(), deadline;
		/* [0] the deadline's timer, [1] the keys */
		struct pollfd pfd[2] = {
			{ .fd = timer, .events = POLLIN },
			{ .fd = STDIN_FILENO, .events = POLLIN },
		};
		struct timespec ts, *tsp = NULL;
		unsigned char buf[64];
		int keys[64];
		ssize_t got;
		size_t nk;
		int n;

		if (got_signal) {
			runner_signal(r, got_signal, now);
			break;
		}
		runner_tick(r, now);
		if (runner_finished(r))
			break;
		deadline = runner_deadline(r);
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
		got = read(STDIN_FILENO, buf, sizeof buf);
		if (got <= 0) {
			keys_on = 0;	/* the terminal went away */
			continue;
		}
		nk = decode_keys(buf, (size_t)got, keys, ARRAY_LEN(keys));
		now = clock_read();
		for (size_t i = 0; i < nk; i++)
			print_reply(r, runner_key(r, keys[i], now));
	}
	if (timer >= 0)
		close(timer);
	sigprocmask(SIG_SETMASK, &orig, NULL);
}

/* Ask q until it is understood or the input ends; returns 0 when answered. */
static int
ask(struct checkin *c, enum checkin_question q, int echo)
{
	char line[256];

	for (;;) {
		printf("%s %s ", checkin_question(q), checkin_choices(q));
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL) {
			printf("No answer.\n");
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
	struct runner r;
	struct cue_player *cues = NULL;
	char *err = NULL, *total;
	int status = 1, saved, echo = !isatty(STDIN_FILENO);

	memset(&r, 0, sizeof r);
	diag_init(&d);
	if (workout_prepare(&w, routine_arg, (int)o->level, clock_wall(), &d) != 0) {
		print_diags(&d);
		goto out;
	}
	print_diags(&d);
	if (runner_open(&r, &w, o->events, print_event, &r, &err) != 0) {
		fprintf(stderr, "limber: %s\n", err);
		free(err);
		goto out;
	}
	{
		struct cue_config cc;
		char *off = NULL;

		runner_cue_config(o, &w.settings, STDOUT_FILENO, &cc);
		fflush(stdout);
		cues = cue_player_open(&cc, &d, &off);
		print_diags(&d);
		if (off != NULL) {
			printf("%s\n", off);
			free(off);
		}
	}
	total = eventtext_duration(w.plan->total_ms);
	printf("%s, routine %s, level %d%s: %zu %s, %s\n", w.routine->title,
	       w.entry.name, w.level, w.one_off ? ", this once" : "",
	       w.plan->nex, w.plan->nex == 1 ? "exercise" : "exercises", total);
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
	term_keys();
	run_session(&r, cues);
	term_restore();

	if (runner_checkin_due(&r)) {
		printf("\nHow does your back feel?\n");
		if (ask(&w.checkin, CHECKIN_PAIN, echo) == 0 &&
		    ask(&w.checkin, CHECKIN_NERVE, echo) == 0)
			ask(&w.checkin, CHECKIN_URGENT, echo);
	}
	saved = runner_record(&r, clock_wall(), &dec, &d);
	/* warnings too: a history made private is said */
	print_diags(&d);
	if (saved != 0) {
		/* 1: kept in a rescue file, which the error names; 2: written
		 * but not confirmed on disk, which the error says */
		if (saved < 0)
			fprintf(stderr, "limber: this session was NOT recorded\n");
	}
	printf("Next time: %s\n", dec.reason);
	for (size_t i = 0; i < dec.ntext; i++)
		printf("%s\n", dec.text[i]);
	fflush(stdout);
	if (runner_close(&r, &err) != 0) {
		fprintf(stderr, "limber: %s\n", err);
		free(err);
	}
	status = runner_exit_status(&r);
out:
	runner_free(&r);
	/* last, so the finish cue plays out while the questions are asked */
	if (cues != NULL)
		cue_player_close(cues);
	diag_free(&d);
	workout_free(&w);
	return status;
}
