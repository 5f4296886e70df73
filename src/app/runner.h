/* runner.h - the one session driver under both front ends.
 *
 * A front end (plain.c, ui_run.c) draws and waits for input or a deadline;
 * the runner does everything else a session needs: it walks the session by
 * the time it is handed, writes the --events trace, plays the cues and
 * says the phrases (cue_sched: one cue per instant, handed to the player
 * ahead of its time when the player can place it to the sample, and
 * logged as cue_NAME or say at the instant it sounds; to a player that
 * cannot, played at the pass and logged at that pass's time),
 * turns keys into actions with the stop asked to be confirmed, stops on a
 * signal, records the session, and decides the exit status.  It never
 * reads the clock and never touches the terminal, so tests drive it with a
 * fake clock and a recording cue player.
 *
 * A front end's loop, with one clock read per pass:
 *
 *   runner_cues(r, cues, voice);    (speech is made ready before the clock)
 *   runner_start(r, cues, clock_read(), clock_wall());
 *   while (!runner_finished(r)) {
 *           int64_t now = clock_read();
 *           if (a signal came) { runner_signal(r, sig, now); break; }
 *           runner_tick(r, now);
 *           for each key: show what runner_key(r, key, now) answers
 *           wait for a key, a signal or runner_deadline(r)
 *   }
 *   if (runner_checkin_due(r)) ask the check-in into w->checkin;
 *   runner_record(r, clock_wall(), &dec, d);  show dec
 *   runner_close(r, &err);  status = runner_exit_status(r)
 *
 * Signals: SIGINT stops the session the way q then y would, and the
 * check-in follows.  SIGTERM and SIGHUP mean nobody is there to answer: the
 * session is recorded as stopped without a check-in, and the program exits
 * 1 (runner_signal_status). */
#ifndef LIMBER_RUNNER_H
#define LIMBER_RUNNER_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "app/opts.h"
#include "app/workout.h"
#include "audio/cue.h"
#include "audio/cuesched.h"
#include "model/events.h"
#include "model/session.h"

struct runner {
	struct workout *w;		/* borrowed */
	const struct plan *plan;	/* w->plan */
	struct session *session;	/* from runner_start */
	struct cue_player *cues;	/* borrowed; NULL: no sound at all */
	struct events_trace *trace;	/* --events FILE, or NULL */
	char *trace_path;
	struct cue_sched *sched;	/* hands the cues to the player */
	int64_t origin;			/* the time the session started */
	int64_t now;			/* the last time handed in */
	bool confirming;		/* "Stop the session?" waits for y/n */
	int sig;			/* the signal that stopped it, or 0 */
	int status;			/* the exit status so far */
	/* The front end's listener: every session event, after the trace
	 * and the cue pick have seen it (may be NULL). */
	session_listener_fn fn;
	void *ud;
};

/* What a key did, for the front end to show. */
enum runner_reply {
	RUNNER_IGNORED,		/* it means nothing now */
	RUNNER_ACTED,		/* handed to the session: its events say what */
	RUNNER_CONFIRM,		/* q: the stop waits for y or n */
	RUNNER_CARRY_ON,	/* n to that: the session goes on */
	RUNNER_HELP,		/* ?: show the keys */
	RUNNER_MUTE,		/* m: sound off or back on (runner_muted) */
};

/* The cue player's settings: --mute, --volume, --bell, --voice and
 * --no-voice over the settings file's; the bell rings on bell_fd.
 * full_screen: voice = auto speaks (the full-screen coach) or not
 * (--plain, where a screen reader already speaks). */
void runner_cue_config(const struct cli_opts *o, const struct settings *s,
		       int bell_fd, bool full_screen, struct cue_config *cfg);

/* Get ready to run w (prepared by workout_prepare), writing the trace to
 * trace_path when it is not NULL.  fn (may be NULL) hears every event.
 * Returns 0, or -1 with *err (a new string naming the file) when the trace
 * cannot be written; r is safe to pass to runner_free either way. */
int runner_open(struct runner *r, struct workout *w, const char *trace_path,
		session_listener_fn fn, void *ud, char **err);

/* Hear every event from now on through fn (NULL: none). */
void runner_listen(struct runner *r, session_listener_fn fn, void *ud);

/* The cue player cues (may be NULL) and whether to speak through it,
 * before runner_start: the phrases the session may say are handed to it
 * to synthesize, and the first are ready when this returns. */
void runner_cues(struct runner *r, struct cue_player *cues, bool voice);

/* Start the session at now_ms (monotonic) with the cue player cues (may
 * be NULL; without runner_cues first, tones only); wall is the wall clock
 * then, the start the history records. */
void runner_start(struct runner *r, struct cue_player *cues, int64_t now_ms,
		  time_t wall);
/* Emit what is due up to now_ms, and play the instant's cue. */
void runner_tick(struct runner *r, int64_t now_ms);
/* A key (a byte or a KEYCODE_*, action.h) at now_ms. */
enum runner_reply runner_key(struct runner *r, int key, int64_t now_ms);
/* Pause unless paused already (Ctrl-Z: the hold must not run on while
 * the coach is away; the help overlay: nor while it is read).  Returns
 * whether it paused the session now. */
bool runner_pause(struct runner *r, int64_t now_ms);
/* Resume a paused session (as space would: a hold counts in again). */
void runner_resume(struct runner *r, int64_t now_ms);
/* The process was stopped from outside (SIGSTOP, Ctrl-Z) and goes on
 * (SIGCONT): the time since the last pass was not exercise, so the
 * session pauses as of that pass.  The front end resumes it when nobody
 * can press a key to. */
void runner_continued(struct runner *r);
/* SIGINT, SIGTERM or SIGHUP at now_ms: stop the session if it still
 * runs; SIGTERM and SIGHUP also make the exit status 1 (also when they
 * end the check-in after the session). */
void runner_signal(struct runner *r, int sig, int64_t now_ms);

bool runner_finished(const struct runner *r);
/* When the front end must wake next (session_next_deadline). */
int64_t runner_deadline(const struct runner *r);
bool runner_muted(const struct runner *r);
/* Ask the check-in after the session: not when SIGTERM or SIGHUP
 * ended it. */
bool runner_checkin_due(const struct runner *r);

/* Decide and record the finished session (workout_finish at wall time
 * now): returns what workout_finish returns; anything but 0 makes the exit
 * status 1. */
int runner_record(struct runner *r, time_t now, struct coach_decision *dec,
		  struct diag_list *d);
/* Close the trace.  Returns 0, or -1 with *err (a new string naming the
 * file) when writing it failed, which makes the exit status 1. */
int runner_close(struct runner *r, char **err);
/* 0, or 1 after a failed record or trace, or a session ended by SIGTERM
 * or SIGHUP. */
int runner_exit_status(const struct runner *r);
void runner_free(struct runner *r);

/* The exit status a signal that ended a screen or a session calls for:
 * 1 for SIGTERM and SIGHUP, 0 for anything else. */
int runner_signal_status(int sig);

#endif
