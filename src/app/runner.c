/* runner.c - the one session driver under both front ends. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "app/runner.h"
#include "core/util.h"

int
runner_signal_status(int sig)
{
	return sig == SIGTERM || sig == SIGHUP ? 1 : 0;
}

void
runner_cue_config(const struct cli_opts *o, const struct settings *s,
		  int bell_fd, bool full_screen, struct cue_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->volume = o->volume >= 0 ? (int)o->volume : s->volume;
	cfg->muted = o->mute || s->mute;
	cfg->bell = o->bell || s->bell;
	cfg->bell_fd = bell_fd;
	cfg->voice = settings_voice_wanted(s, o->voice, full_screen);
	cfg->voice_name = s->voice_name;
	cfg->voice_rate = s->voice_rate;
}

static void
on_event(void *ud, const struct session_event *ev)
{
	struct runner *r = ud;

	events_log(r->trace, ev, r->plan);
	if (r->sched != NULL)
		cue_sched_event(r->sched, ev);
	if (r->fn != NULL)
		r->fn(r->ud, ev);
}

static void
log_cue(void *ud, int64_t t_ms, const char *name, const char *phrase,
	const struct session_event *ctx)
{
	struct runner *r = ud;

	events_log_text(r->trace, t_ms, name, phrase, ctx, r->plan);
}

/* Before each session_tick or session_act: log the cues that have
 * sounded by now (their lines come before the pass's events). */
static void
cues_sounded(struct runner *r)
{
	if (r->sched != NULL)
		cue_sched_sounded(r->sched, r->now, log_cue, r);
}

/* After it: hand the cues ahead (or play the instant's cue now). */
static void
play_cue(struct runner *r)
{
	if (r->sched != NULL)
		cue_sched_run(r->sched, r->now, log_cue, r);
}

int
runner_open(struct runner *r, struct workout *w, const char *trace_path,
	    session_listener_fn fn, void *ud, char **err)
{
	memset(r, 0, sizeof *r);
	r->w = w;
	r->plan = w->plan;
	r->fn = fn;
	r->ud = ud;
	*err = NULL;
	if (trace_path != NULL) {
		r->trace = events_open(trace_path);
		if (r->trace == NULL) {
			*err = xasprintf("%s: cannot write the events trace: %s",
					 trace_path, strerror(errno));
			return -1;
		}
		r->trace_path = xstrdup(trace_path);
	}
	return 0;
}

void
runner_listen(struct runner *r, session_listener_fn fn, void *ud)
{
	r->fn = fn;
	r->ud = ud;
}

void
runner_cues(struct runner *r, struct cue_player *cues, bool voice)
{
	cue_sched_free(r->sched);
	r->sched = cues != NULL ? cue_sched_new(r->plan, cues, voice) : NULL;
	r->cues = cues;
}

void
runner_start(struct runner *r, struct cue_player *cues, int64_t now_ms,
	     time_t wall)
{
	if (r->sched == NULL || r->cues != cues)
		runner_cues(r, cues, false);
	if (r->sched != NULL)
		cue_sched_start(r->sched, now_ms);
	r->origin = r->now = now_ms;
	r->w->started = wall;
	r->session = session_new(r->plan, now_ms, on_event, r);
}

void
runner_tick(struct runner *r, int64_t now_ms)
{
	r->now = now_ms;
	cues_sounded(r);
	session_tick(r->session, now_ms);
	play_cue(r);
}

static void
act(struct runner *r, enum action a, int64_t now_ms)
{
	r->now = now_ms;
	cues_sounded(r);
	session_act(r->session, a, now_ms);
	play_cue(r);
}

enum runner_reply
runner_key(struct runner *r, int key, int64_t now_ms)
{
	enum action a;

	if (runner_finished(r))
		return RUNNER_IGNORED;
	if (r->confirming) {
		a = action_from_key(ACTX_CONFIRM, key);
		if (a == ACTION_YES) {
			r->confirming = false;
			act(r, ACTION_STOP, now_ms);
			return RUNNER_ACTED;
		}
		if (a == ACTION_NO) {
			r->confirming = false;
			return RUNNER_CARRY_ON;
		}
		return RUNNER_IGNORED;
	}
	a = action_from_key(ACTX_SESSION, key);
	switch (a) {
	case ACTION_STOP:
		r->confirming = true;
		return RUNNER_CONFIRM;
	case ACTION_HELP:
		return RUNNER_HELP;
	case ACTION_MUTE:
		if (r->cues != NULL)
			cue_set_muted(r->cues, !cue_muted(r->cues));
		return RUNNER_MUTE;
	case ACTION_PAUSE:
	case ACTION_NEXT:
	case ACTION_PREV:
	case ACTION_HURT:
		act(r, a, now_ms);
		return RUNNER_ACTED;
	default:
		return RUNNER_IGNORED;
	}
}

bool
runner_pause(struct runner *r, int64_t now_ms)
{
	struct session_view v;

	if (runner_finished(r))
		return false;
	session_view(r->session, now_ms, &v);
	if (v.paused)
		return false;
	act(r, ACTION_PAUSE, now_ms);
	return true;
}

void
runner_resume(struct runner *r, int64_t now_ms)
{
	struct session_view v;

	if (runner_finished(r))
		return;
	session_view(r->session, now_ms, &v);
	if (v.paused)
		act(r, ACTION_PAUSE, now_ms);
}

void
runner_continued(struct runner *r)
{
	runner_pause(r, r->now);
}

void
runner_signal(struct runner *r, int sig, int64_t now_ms)
{
	r->sig = sig;
	r->confirming = false;
	if (runner_signal_status(sig) != 0)
		r->status = 1;
	if (!runner_finished(r))
		act(r, ACTION_STOP, now_ms);
}

bool
runner_finished(const struct runner *r)
{
	return r->session == NULL || session_finished(r->session);
}

int64_t
runner_deadline(const struct runner *r)
{
	return r->session != NULL ? session_next_deadline(r->session) : -1;
}

bool
runner_muted(const struct runner *r)
{
	return r->cues != NULL && cue_muted(r->cues);
}

bool
runner_checkin_due(const struct runner *r)
{
	return runner_signal_status(r->sig) == 0;
}

int
runner_record(struct runner *r, time_t now, struct coach_decision *dec,
	      struct diag_list *d)
{
	int saved = workout_finish(r->w, session_record(r->session), now, dec, d);

	if (saved != 0)
		r->status = 1;
	return saved;
}

int
runner_close(struct runner *r, char **err)
{
	struct events_trace *t = r->trace;

	*err = NULL;
	/* What is still to sound (the finish, "Session complete") is
	 * logged at the instants it will. */
	if (r->sched != NULL)
		cue_sched_finish(r->sched, log_cue, r);
	r->trace = NULL;
	if (t != NULL && events_close(t) != 0) {
		*err = xasprintf("%s: writing the events trace failed: %s",
				 r->trace_path, strerror(errno));
		r->status = 1;
		return -1;
	}
	return 0;
}

int
runner_exit_status(const struct runner *r)
{
	return r->status;
}

void
runner_free(struct runner *r)
{
	if (r->trace != NULL)
		events_close(r->trace);
	session_free(r->session);
	cue_sched_free(r->sched);
	free(r->trace_path);
	memset(r, 0, sizeof *r);
}
