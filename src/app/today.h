/* today.h - the recovery as the commands and the runner see it: the plan,
 * memory.csv and the history loaded together, and where the recovery
 * stands (recovery.h has the rules; this owns the files).
 *
 * The plan is $XDG_CONFIG_HOME/limber/plans/recovery.csv when the user has
 * one (limber edit recovery), else the shipped $(pkgdatadir)/plans/
 * recovery.csv; memory.csv lives beside history.csv. */
#ifndef LIMBER_TODAY_H
#define LIMBER_TODAY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/diag.h"
#include "history/history.h"
#include "model/memory.h"
#include "model/recovery.h"
#include "model/settings.h"

#define TODAY_PLAN "recovery"

struct today {
	struct settings settings;
	struct recovery_plan *plan;	/* NULL when it could not be loaded */
	char *plan_path;
	char *memory_path;
	struct memory memory;
	struct history history;
	struct recovery_session *sessions;	/* one per history row */
	size_t nsessions;
	struct recovery_state state;
	time_t now;
};

/* The plan's file: the user's when there is one, else the shipped one
 * (new string). */
char *today_plan_path(void);
/* The user's plan file, whether or not it exists (new string). */
char *today_user_plan_path(void);
/* Is path a plan (a file in a folder named "plans")? */
bool today_is_plan_path(const char *path);

/* Load everything at now and work out the state.  Problems are in d:
 * warnings for rows that cannot be read, an error when the plan cannot be
 * loaded (then t->plan is NULL and t->state inactive).  Returns 0, or -1
 * when the plan could not be loaded.  t is always safe to free. */
int today_load(struct today *t, time_t now, struct diag_list *d);
void today_free(struct today *t);
/* Work the state out again (after a memory_append). */
void today_update(struct today *t);

/* The sessions of h as the engine takes them (strings point into h). */
struct recovery_session *today_sessions(const struct history *h);

/* Begin an episode on day (the day the pain began).  Returns 0, or -1
 * with an error in d. */
int today_begin(struct today *t, long day, struct diag_list *d);
/* Record an answer "seen" (kind) at now.  Returns as today_begin. */
int today_seen(struct today *t, enum memory_seen kind, struct diag_list *d);
/* Record that exercise of routine is skipped in the session starting at
 * `at`.  Returns as today_begin. */
int today_skip(struct today *t, const char *routine, const char *exercise,
	       time_t at, struct diag_list *d);

/* The checks at a session's start (recovery_start_checks), asked through
 * the front end.  tell shows a text; ask shows a question and returns 1
 * for yes, 0 for no, -1 when there is no answer (the input ended). */
struct today_io {
	void (*tell)(void *ud, const char *text);
	int (*ask)(void *ud, const char *question);
	void *ud;
};

#define TODAY_SKIP_MAX 8

struct today_gate {
	bool go;		/* the session may start */
	int status;		/* when not: the exit status (1 urgent, 0 rest) */
	char *skip[TODAY_SKIP_MAX];	/* exercises to leave out (new strings) */
	size_t nskip;
};

/* Run the checks before a session of routine: urgent signs ask whether
 * the user has been seen by a doctor, and without a yes no session starts
 * (status 1); nerve signs are a reminder; the two-week rule asks whether
 * they have seen a professional; a rest day advised today asks whether to
 * exercise anyway (without a yes: no session, status 0); an exercise
 * still hurting offers to skip it.  "Seen" answers go to memory.csv at
 * once.  Returns 0, or -1 when an answer could not be recorded (an error
 * in d; the gate is still filled). */
int today_gate(struct today *t, const char *routine, const struct today_io *io,
	       struct today_gate *g, struct diag_list *d);
void today_gate_free(struct today_gate *g);

/* The `limber today` lines (new string). */
char *today_text(const struct today *t);

/* The answer to "When did the pain begin?": empty is today, else
 * YYYY-MM-DD, not after today and at most a year before.  Returns 0 and
 * sets *day, or -1 with *err (new string). */
int today_parse_start(const char *answer, long today, long *day, char **err);

#endif
