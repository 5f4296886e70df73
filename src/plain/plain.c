/* plain.c - the line-oriented coach (`limber run --plain`). */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "app/eventtext.h"
#include "app/runner.h"
#include "app/sigflags.h"
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

static struct {
	bool have_saved;
	bool active;		/* keys one at a time now */
	struct termios saved;	/* the modes before */
} term;

static void
term_restore(void)
{
	if (term.active) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &term.saved);
		term.active = false;
	}
}

/* Keys one at a time, without echo; Ctrl-C still raises SIGINT.  Again
 * after a stop: whoever had the terminal meanwhile left its own modes. */
static void
term_apply(void)
{
	struct termios t = term.saved;

	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	term.active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0;
}

static void
term_keys(void)
{
	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &term.saved) != 0)
		return;
	if (!term.have_saved)
		atexit(term_restore);
	term.have_saved = true;
	term_apply();
}

/* Ctrl-Z: stop the way the shell expects, with the terminal as it was,
 * then take the keys again when the shell lets the program go on. */
static void
term_suspend(void)
{
	bool keys = term.active;

	term_restore();
	fflush(stdout);
	sigflags_stop_self();
	if (keys)
		term_apply();
}

/* Decode the bytes read into key codes.  Arrows arrive as ESC [ C and the
 * like; any other escape sequence, and an Alt key (ESC then a key), means
 * nothing and is dropped whole, not read as the keys it is made of. */
static size_t
decode_keys(const unsigned char *in, size_t n, int *keys, size_t max)
{
	size_t k = 0;

	for (size_t i = 0; i < n && k < max; i++) {
		if (in[i] == 0x1b && i + 1 < n && (in[i + 1] == '[' || in[i + 1] == 'O')) {
			size_t j = i + 2;

			/* parameters and intermediates, then the final byte */
			while (j < n && in[j] >= 0x20 && in[j] <= 0x3f)
				j++;
			if (j < n && j == i + 2) {
				switch (in[j]) {
				case 'A': keys[k++] = KEYCODE_UP; break;
				case 'B': keys[k++] = KEYCODE_DOWN; break;
				case 'C': keys[k++] = KEYCODE_RIGHT; break;
				case 'D': keys[k++] = KEYCODE_LEFT; break;
				default: break;
				}
			}
			i = j;
		} else if (in[i] == 0x1b && i + 1 < n) {
			i++;	/* Alt and a key */
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
	int timer = clock_timer_open();	/* -1: poll timeouts instead */

	runner_start(r, cues, clock_read(), clock_wall());
	while (!runner_finished(r)) {
		int64_t now = clock_read(), deadline;
		/* [0] the deadline's timer, [1] the keys */
		struct pollfd pfd[2] = {
			{ .fd = timer, .events = POLLIN },
			{ .fd = STDIN_FILENO, .events = POLLIN },
		};
		bool keys_on = term.active;
		struct timespec ts, *tsp = NULL;
		unsigned char buf[64];
		int keys[64];
		ssize_t got;
		size_t nk;
		int n;

		if (sigflags.stop) {
			runner_signal(r, sigflags.stop, now);
			break;
		}
		if (sigflags.tstp) {
			/* Ctrl-Z: the hold must not run on while away */
			runner_pause(r, now);
			term_suspend();
			continue;
		}
		if (sigflags.cont) {
			/* stopped from outside: that time was a pause, which
			 * only a key can end; without keys it ends now */
			sigflags.cont = 0;
			runner_continued(r);
			if (term.active)
				term_apply();	/* the shell's modes meanwhile */
			else
				runner_resume(r, now);
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
			n = ppoll(pfd, keys_on ? 2 : 1, NULL, &sigflags.wait_mask);
		else
			n = ppoll(pfd + 1, keys_on ? 1 : 0, tsp, &sigflags.wait_mask);
		if (n <= 0 || !keys_on ||
		    !(pfd[1].revents & (POLLIN | POLLHUP)))
			continue;
		got = read(STDIN_FILENO, buf, sizeof buf);
		if (got <= 0) {
			if (got == 0 || (errno != EINTR && errno != EAGAIN))
				term_restore();	/* the terminal went away */
			continue;
		}
		nk = decode_keys(buf, (size_t)got, keys, ARRAY_LEN(keys));
		now = clock_read();
		for (size_t i = 0; i < nk; i++)
			print_reply(r, runner_key(r, keys[i], now));
	}
	if (timer >= 0)
		close(timer);
}

/* ------------------------------------------------------------ answers */

/* The longest answer judged; a longer line is not understood. */
#define ANSWER_MAX 1024

/* Lines from stdin, read with read(2) so that a signal interrupts the
 * wait and every byte is seen (a NUL too); what was read past a line
 * waits for the next question. */
static struct {
	char buf[ANSWER_MAX];
	size_t len;
	bool skipping;		/* dropping the rest of an overlong line */
} in;

enum line { LINE_OK, LINE_TOO_LONG, LINE_END, LINE_SIGNAL };

/* Read one line into out (without its newline).  LINE_END when the input
 * ended (on a terminal: Ctrl-D at the start of a line); LINE_SIGNAL when
 * SIGINT, SIGTERM or SIGHUP came first (sigflags.stop). */
static enum line
read_line(struct strbuf *out)
{
	bool too_long = false;

	out->len = 0;
	strbuf_add(out, "", 0);
	for (;;) {
		char *nl = memchr(in.buf, '\n', in.len);
		struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
		ssize_t n;

		if (nl != NULL) {
			size_t used = (size_t)(nl - in.buf) + 1;

			if (!in.skipping)
				strbuf_add(out, in.buf, used - 1);
			memmove(in.buf, in.buf + used, in.len - used);
			in.len -= used;
			in.skipping = false;
			return too_long ? LINE_TOO_LONG : LINE_OK;
		}
		if (in.len == sizeof in.buf) {
			/* no newline in ANSWER_MAX bytes: not an answer */
			too_long = in.skipping = true;
			in.len = 0;
		}
		if (sigflags.stop)
			return LINE_SIGNAL;
		if (sigflags.tstp) {
			term_suspend();
			continue;
		}
		sigflags.cont = 0;
		if (ppoll(&pfd, 1, NULL, &sigflags.wait_mask) < 0)
			continue;	/* a signal: seen above */
		n = read(STDIN_FILENO, in.buf + in.len, sizeof in.buf - in.len);
		if (n > 0) {
			in.len += (size_t)n;
			continue;
		}
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		/* the end (or an error, a terminal hung up: the same) */
		if (in.len > 0 && !in.skipping) {
			strbuf_add(out, in.buf, in.len);
			in.len = 0;
			return LINE_OK;
		}
		in.len = 0;
		if (too_long || in.skipping) {
			in.skipping = false;
			return LINE_TOO_LONG;
		}
		return LINE_END;
	}
}

/* Ask question (its choices after it) until answer(ud, line) takes the
 * line (0) or no more answers can come.  Returns 0 when answered; 1 when
 * not (Ctrl-D on a terminal: the next question is still asked); -1 when
 * no more answers can come: the input ended, or a signal came
 * (sigflags.stop). */
static int
ask_line(const char *question, const char *choices, const char *retry,
	 int (*answer)(void *ud, const char *line), void *ud, bool echo)
{
	struct strbuf line = { 0 };
	int rc = 0;

	for (;;) {
		enum line got;

		printf("%s %s ", question, choices);
		fflush(stdout);
		got = read_line(&line);
		if (got == LINE_SIGNAL || got == LINE_END) {
			printf("No answer.\n");
			rc = got == LINE_END && isatty(STDIN_FILENO) ? 1 : -1;
			break;
		}
		if (echo) {
			/* what was read, but never a control byte that the
			 * terminal would obey (escape sequences, bells) */
			struct strbuf shown = { 0 };

			strbuf_add_escaped(&shown, line.s, line.len);
			printf("%s%s\n", shown.s != NULL ? shown.s : "",
			       got == LINE_TOO_LONG ? "..." : "");
			strbuf_free(&shown);
		}
		/* A NUL (Ctrl-@, or Ctrl-Space) shows as nothing: a blank. */
		for (size_t i = 0; i < line.len; i++)
			if (line.s[i] == '\0')
				line.s[i] = ' ';
		if (got == LINE_OK && answer(ud, line.s ? line.s : "") == 0)
			break;
		if (got == LINE_TOO_LONG)
			printf("That answer is too long (more than %d characters). ",
			       ANSWER_MAX - 1);
		printf("%s\n", retry);
		line.len = 0;
		if (line.s)
			line.s[0] = '\0';
	}
	strbuf_free(&line);
	return rc;
}

struct checkin_answer {
	struct checkin *c;
	enum checkin_question q;
};

static int
answer_checkin(void *ud, const char *line)
{
	struct checkin_answer *a = ud;

	return checkin_answer(a->c, a->q, line);
}

int
plain_ask(const char *question, const char *choices, const char *retry,
	  int (*answer)(void *ud, const char *line), void *ud, int *sig)
{
	bool mine = !sigflags.installed;
	int rc;

	if (mine)
		sigflags_install(NULL);
	rc = ask_line(question, choices, retry, answer, ud,
		      !isatty(STDIN_FILENO));
	*sig = sigflags.stop;
	if (mine)
		sigflags_uninstall();
	return rc != 0;
}

/* Ask q until it is understood (as ask_line). */
static int
ask(struct checkin *c, enum checkin_question q, bool echo)
{
	struct checkin_answer a = { c, q };

	return ask_line(checkin_question(q), checkin_choices(q),
			checkin_retry(q), answer_checkin, &a, echo);
}

/* The checks before a session (workout_gate), as lines. */
struct gate_answer {
	bool echo;
	bool yes;
};

static void
gate_tell(void *ud, const char *text)
{
	(void)ud;
	printf("%s\n", text);
}

static int
answer_yesno(void *ud, const char *line)
{
	struct gate_answer *g = ud;

	return checkin_parse_yesno(line, &g->yes);
}

static int
gate_ask(void *ud, const char *question)
{
	struct gate_answer *g = ud;

	if (ask_line(question, checkin_choices(CHECKIN_NERVE),
		     checkin_retry(CHECKIN_NERVE), answer_yesno, g, g->echo) != 0)
		return -1;
	return g->yes;
}

/* ------------------------------------------------------------ main */

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
	static const enum checkin_question after[] = {
		CHECKIN_PAIN, CHECKIN_NERVE, CHECKIN_URGENT,
	};
	struct workout w;
	struct diag_list d;
	struct coach_decision dec;
	struct runner r;
	struct cue_player *cues = NULL;
	char *err = NULL, *total;
	int status = 1, saved;
	bool echo = !isatty(STDIN_FILENO);
	bool voice = false;

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

		runner_cue_config(o, &w.settings, STDOUT_FILENO, false, &cc);
		fflush(stdout);
		cues = cue_player_open(&cc, &d, &off);
		print_diags(&d);
		if (off != NULL) {
			printf("%s\n", off);
			free(off);
		} else if (cc.voice && cue_voice_off(cues) != NULL) {
			printf("%s\n", cue_voice_off(cues));
		}
		voice = cc.voice && cue_can_say(cues);
	}
	total = eventtext_duration(w.plan->total_ms);
	printf("%s, routine %s, level %d%s: %zu %s, %s\n", w.routine->title,
	       w.entry.name, w.level, w.one_off ? ", this once" : "",
	       w.plan->nex, w.plan->nex == 1 ? "exercise" : "exercises", total);
	free(total);
	/* from the first question on: a signal then ends what is asked, and
	 * SIGTERM or SIGHUP the program with status 1 */
	sigflags_install(NULL);
	{
		struct gate_answer ga = { .echo = echo };
		struct today_io io = { gate_tell, gate_ask, &ga };

		if (!workout_gate(&w, &io, &d)) {
			print_diags(&d);
			status = sigflags.stop ? runner_signal_status(sigflags.stop)
					       : w.gate.status;
			goto out;
		}
		print_diags(&d);
		if (w.plan->skipped > 0) {
			total = eventtext_duration(w.plan->total_ms);
			printf("%s today without %zu skipped: %zu %s, %s\n",
			       w.routine->title, w.plan->skipped, w.plan->nex,
			       w.plan->nex == 1 ? "exercise" : "exercises",
			       total);
			free(total);
		}
		r.plan = w.plan;	/* the runner has not started on it yet */
	}
	if (w.morning_about != NULL) {
		char ago[64];

		printf("Your last session (%s, %s):\n", w.morning_about->routine,
		       history_ago(w.morning_about, clock_wall(), ago, sizeof ago));
		if (ask(&w.checkin, CHECKIN_MORNING, echo) < 0 && sigflags.stop) {
			/* nothing ran: nothing to record */
			status = runner_signal_status(sigflags.stop);
			goto out;
		}
	}
	if (!echo)
		printf("Keys: %s\n", action_legend(ACTX_SESSION));
	fflush(stdout);
	term_keys();
	runner_cues(&r, cues, voice);
	run_session(&r, cues);
	term_restore();

	/* The session's signal is the runner's now; a new one ends the
	 * check-in, keeping what was answered. */
	sigflags.stop = 0;
	if (runner_checkin_due(&r)) {
		printf("\nHow does your back feel?\n");
		for (size_t i = 0; i < ARRAY_LEN(after); i++)
			if (ask(&w.checkin, after[i], echo) < 0)
				break;
		if (sigflags.stop)
			runner_signal(&r, sigflags.stop, clock_read());
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
	sigflags_uninstall();
	diag_free(&d);
	workout_free(&w);
	return status;
}
