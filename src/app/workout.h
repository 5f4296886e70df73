/* workout.h - what both front ends do around a session.
 *
 * Before: resolve the routine, load it, the settings and the history's
 * summary (histsum.h); the routine's current level and the level to run;
 * the plan; whether the morning-after question is due.  After (the
 * check-in answered into w->checkin): the whole history for the coach's
 * decision, the history row, the append.
 *
 * The front ends (plain.c, ui_*.c) own the screen and the clock; this owns
 * the files.  Problems come back in a diag_list for the front end to show. */
#ifndef LIMBER_WORKOUT_H
#define LIMBER_WORKOUT_H

#include <stdbool.h>
#include <time.h>

#include "model/catalog.h"
#include "model/checkin.h"
#include "app/coach.h"
#include "core/diag.h"
#include "history/histsum.h"
#include "history/history.h"
#include "model/plan.h"
#include "model/routine.h"
#include "model/session.h"
#include "model/settings.h"
#include "app/today.h"

struct workout {
	struct catalog_entry entry;	/* the routine's name, path, source */
	struct routine *routine;
	struct settings settings;
	struct histsum sum;		/* the history before this session */
	/* How workout_finish waits while another program holds the
	 * history's lock; NULL (the default): a line on stderr, and SIGINT,
	 * SIGTERM or SIGHUP stop the wait and save the row in a rescue file
	 * (the signal is raised again afterwards for the front end). */
	const struct history_wait *wait;
	char *history_path;
	bool history_failed;		/* it could not be read at the start */
	int current_level;		/* from the history */
	int level;			/* the level run */
	bool one_off;			/* --level given */
	struct plan *plan;
	/* The session the morning-after question is about, when it is due
	 * (ask it before the session starts); NULL otherwise.  It lives in
	 * sum. */
	const struct history_row *morning_about;
	struct checkin checkin;		/* the front end fills it in */
	time_t started;			/* wall clock, for the row */
	struct history_row row;		/* the appended row, after finish */
	bool finished;
	/* The recovery, memory.csv and the whole history as it was at the
	 * start, for the checks before the session (workout_gate). */
	struct today today;
	struct today_gate gate;		/* what workout_gate decided */
};

/* Load everything for running routine_arg (a name or a path) at the
 * routine's current level, or at level_override (1-10) when it is not 0;
 * now (wall clock) decides whether the morning-after question is due and
 * is the session's start unless the front end sets w->started later.
 * Settings and history warnings go to d.  Returns 0, or -1 when the
 * session cannot run (the reasons are errors in d).  w is always safe to
 * pass to workout_free afterwards. */
int workout_prepare(struct workout *w, const char *routine_arg,
		    int level_override, time_t now, struct diag_list *d);

/* The checks before the session starts (today_gate: urgent signs, nerve
 * signs, the two-week rule, a rest day advised today, exercises that
 * hurt last time), asked through io.  An exercise the user chose to skip
 * is left out of w->plan.  Returns true when the session may start; when
 * not, w->gate.status is the exit status.  Problems recording an answer
 * are errors in d. */
bool workout_gate(struct workout *w, const struct today_io *io,
		  struct diag_list *d);

/* Decide and record a finished session: under the history's lock, the
 * whole history is read, the coach decides on w->checkin into *dec (from
 * the rows as they are then, so that two sessions finishing at once do
 * not both decide from the history before either), and the row is
 * appended.  Returns 0; 1 when the row was saved in a rescue file instead
 * (the history's header could not take it, or the wait for the lock was
 * stopped: an error in d says where); 2 when it was written but fsync
 * failed (an error in d says so); -1 when it could not be saved at all
 * (an error in d naming the path).  *dec is filled either way so the
 * front end can still show the summary. */
int workout_finish(struct workout *w, const struct session_record *rec,
		   time_t now, struct coach_decision *dec, struct diag_list *d);

void workout_free(struct workout *w);

#endif
