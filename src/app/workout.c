/* workout.c - loading before a session and recording after it. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/paths.h"
#include "core/util.h"
#include "app/workout.h"

/* The recovery and memory.csv, for the checks before the session.  The
 * history's own warnings were given by histsum_load; the plan's errors
 * are one warning (the session runs without the plan). */
static void
load_today(struct workout *w, time_t now, struct diag_list *d)
{
	struct diag_list quiet;

	diag_init(&quiet);
	/* No plan at all (a data folder without plans/): nothing to say. */
	if (today_load(&w->today, now, &quiet) != 0 &&
	    access(w->today.plan_path, F_OK) == 0)
		diag_add(d, DIAG_WARNING, w->today.plan_path, 0, 0,
			 "the recovery plan has errors (see limber check "
			 "recovery): the session runs without it");
	for (size_t i = 0; i < quiet.n; i++)
		if (strcmp(quiet.v[i].file, w->today.memory_path) == 0)
			diag_add(d, quiet.v[i].sev, quiet.v[i].file,
				 quiet.v[i].line, quiet.v[i].col, "%s",
				 quiet.v[i].msg);
	diag_free(&quiet);
}

int
workout_prepare(struct workout *w, const char *routine_arg, int level_override,
		time_t now, struct diag_list *d)
{
	struct catalog cat;
	struct plan_opts popts = { 0 };
	struct histsum_cache cache;
	char *err = NULL, *warning = NULL, *conf, *cache_path;

	memset(w, 0, sizeof *w);
	histsum_init(&w->sum);
	checkin_init(&w->checkin);
	settings_defaults(&w->settings);

	catalog_scan_default(&cat);
	if (catalog_resolve(&cat, routine_arg, &w->entry, &err, &warning) != 0) {
		diag_add(d, DIAG_ERROR, "limber", 0, 0, "%s", err);
		free(err);
		catalog_free(&cat);
		return -1;
	}
	catalog_free(&cat);
	if (warning != NULL)
		diag_add(d, DIAG_WARNING, w->entry.path, 0, 0, "%s", warning);
	free(warning);

	conf = paths_settings_file();
	settings_load(&w->settings, conf, d);
	free(conf);

	w->routine = routine_load(w->entry.path, w->entry.name, d);
	if (w->routine == NULL)
		return -1;

	w->history_path = paths_history_file();
	/* An unreadable history does not stop the session: the runner is
	 * here to exercise, and the summary is shown whatever happens; the
	 * append afterwards reports (and exits 1) if it cannot write either. */
	cache.path = cache_path = paths_history_cache_file();
	cache.min_bytes = HISTSUM_CACHE_MIN_BYTES;
	if (histsum_load(&w->sum, w->history_path, &cache, NULL, d) != 0) {
		w->history_failed = true;
		diag_add(d, DIAG_WARNING, w->history_path, 0, 0,
			 "carrying on without the history: levels start at 1");
	}
	free(cache_path);
	w->current_level = histsum_level(&w->sum, w->entry.name);
	w->one_off = level_override > 0;
	w->level = w->one_off ? level_override : w->current_level;

	/* The rule looks at the newest row only. */
	w->morning_about = histsum_last(&w->sum, NULL);
	if (w->morning_about != NULL &&
	    !checkin_morning_due(w->morning_about->started,
				 w->morning_about->exercises_done, now,
				 &w->settings))
		w->morning_about = NULL;
	w->started = now;

	popts.get_ready_s = w->settings.get_ready;
	w->plan = plan_build(w->routine, w->level, &popts);
	load_today(w, now, d);
	return 0;
}

bool
workout_gate(struct workout *w, const struct today_io *io,
	     struct diag_list *d)
{
	today_gate(&w->today, w->entry.name, io, &w->gate, d);
	if (w->gate.go && w->gate.nskip > 0) {
		struct plan_opts popts = { .get_ready_s = w->settings.get_ready,
					   .skip = w->gate.skip,
					   .nskip = w->gate.nskip };

		plan_free(w->plan);
		w->plan = plan_build(w->routine, w->level, &popts);
	}
	return w->gate.go;
}

/* The exercises of this routine still hurting after the session in rec:
 * the rows of h, this session added, through the memory of what was
 * skipped (a new string, "" when none). */
static char *
hurt_open(struct workout *w, const struct history *h,
	  const struct session_record *rec)
{
	struct recovery_session *v = today_sessions(h), *me;
	struct strbuf hurt = { 0 };
	char *open;

	v = xreallocarray(v, h->n + 1, sizeof *v);
	me = &v[h->n];
	memset(me, 0, sizeof *me);
	for (size_t i = 0; i < rec->nex; i++)
		if (rec->ex[i].outcome == EXO_HURT)
			strbuf_addf(&hurt, "%s%s", hurt.len ? ";" : "",
				    rec->ex[i].name);
	me->started = w->started;
	me->routine = w->entry.name;
	me->completed = rec->status == SESSION_COMPLETED;
	me->exercises_planned = (long)rec->exercises_planned;
	me->exercises_done = (long)rec->exercises_done;
	me->hurt = hurt.s ? hurt.s : "";
	recovery_hurt_open(&w->today.memory, v, h->n + 1, w->entry.name, &open);
	strbuf_free(&hurt);
	free(v);
	return open;
}

/* What the decision under the history's lock needs. */
struct finish {
	struct workout *w;
	const struct session_record *rec;
	struct coach_input in;
	struct coach_decision *dec;
	struct diag_list *d;
};

static const struct history_row *
decide(void *ud, const struct history *h, int read_rc,
       const struct diag_list *shown)
{
	struct finish *f = ud;
	struct workout *w = f->w;
	static const struct history none;
	char *open;

	/* The rows' problems were reported before the session.  Readable
	 * then, not now: say why, since the coach decides without the past
	 * sessions. */
	if (read_rc != 0 && !w->history_failed)
		for (size_t i = 0; i < shown->n; i++)
			if (shown->v[i].sev == DIAG_ERROR)
				diag_add(f->d, DIAG_WARNING, shown->v[i].file,
					 shown->v[i].line, shown->v[i].col,
					 "%s; the coach decided without the "
					 "past sessions", shown->v[i].msg);
	/* What still hurts, from the rows as they are now. */
	open = hurt_open(w, read_rc == 0 ? h : &none, f->rec);
	f->in.hurt_open = open;
	coach_decide(&w->settings, read_rc == 0 ? h : &none, &f->in, f->dec);
	f->in.hurt_open = NULL;
	free(open);
	if (w->finished)
		history_row_free(&w->row);
	history_row_make(&w->row, w->entry.name, f->rec, w->started,
			 &w->checkin, f->dec->next_level, f->dec->reason);
	w->finished = true;
	return &w->row;
}

/* Waiting for the history's lock, by default: say so on stderr, and let
 * SIGINT, SIGTERM and SIGHUP stop the wait (the row then goes to a rescue
 * file).  The front end's handlers and signal mask are put back after,
 * and the signal raised again for it to see. */
static const int wait_signals[] = { SIGINT, SIGTERM, SIGHUP };
static volatile sig_atomic_t wait_signal;

static void
on_wait_signal(int sig)
{
	if (wait_signal == 0)
		wait_signal = sig;
}

struct lock_wait {
	struct sigaction old[ARRAY_LEN(wait_signals)];
	sigset_t mask;
	bool armed;
};

static void
lock_waiting(void *ud, const char *path)
{
	struct lock_wait *lw = ud;
	struct sigaction sa;
	sigset_t open;

	fprintf(stderr, "limber: waiting for %s: another program is writing "
		"it (Ctrl-C saves this session in a file beside it instead)\n",
		path);
	fflush(stderr);
	wait_signal = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_wait_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&open);
	for (size_t i = 0; i < ARRAY_LEN(wait_signals); i++) {
		sigaction(wait_signals[i], &sa, &lw->old[i]);
		sigaddset(&open, wait_signals[i]);
	}
	sigprocmask(SIG_UNBLOCK, &open, &lw->mask);
	lw->armed = true;
}

static bool
lock_give_up(void *ud)
{
	(void)ud;
	return wait_signal != 0;
}

static void
lock_wait_end(struct lock_wait *lw)
{
	if (!lw->armed)
		return;
	for (size_t i = 0; i < ARRAY_LEN(wait_signals); i++)
		sigaction(wait_signals[i], &lw->old[i], NULL);
	sigprocmask(SIG_SETMASK, &lw->mask, NULL);
	lw->armed = false;
	if (wait_signal != 0)
		raise(wait_signal);
}

int
workout_finish(struct workout *w, const struct session_record *rec,
	       time_t now, struct coach_decision *dec, struct diag_list *d)
{
	struct finish f = {
		.w = w,
		.rec = rec,
		.in = {
			.routine = w->entry.name,
			.level = w->level,
			.current_level = w->current_level,
			.one_off = w->one_off,
			.status = rec->status == SESSION_COMPLETED
					  ? SESSION_COMPLETED : SESSION_STOPPED,
			.hurt = rec->exercises_hurt,
			.min_days = w->routine->min_days,
			.morning_routine = w->morning_about
					   ? w->morning_about->routine : NULL,
			.two_week = w->today.state.active &&
				    w->today.state.two_week,
			.checkin = w->checkin,
			.now = now,
		},
		.dec = dec,
		.d = d,
	};
	struct lock_wait lw = { .armed = false };
	struct history_wait wait = { lock_waiting, lock_give_up, &lw };
	int rc;

	/* What was skipped at the start, so that it is not taken for done
	 * without hurting. */
	for (size_t i = 0; w->plan->skipped && i < w->gate.nskip; i++)
		today_skip(&w->today, w->entry.name, w->gate.skip[i],
			   w->started, d);
	rc = history_append_decided(w->history_path, decide, &f,
				    w->wait != NULL ? w->wait : &wait, d);
	lock_wait_end(&lw);
	return rc;
}

void
workout_free(struct workout *w)
{
	if (w->finished)
		history_row_free(&w->row);
	plan_free(w->plan);
	routine_free(w->routine);
	histsum_free(&w->sum);
	today_gate_free(&w->gate);
	today_free(&w->today);
	free(w->history_path);
	catalog_entry_free(&w->entry);
	memset(w, 0, sizeof *w);
}
