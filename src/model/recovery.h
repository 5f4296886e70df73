/* recovery.h - the recovery plan: from the first painful day back to running.
 *
 * Three parts, all pure (no clock, no screen; the time is handed in):
 *
 * The plan file (Plan CSV, version 1; README "Recovery plans").  One row
 * per phase, in order:
 *   phase      the phase's name (letters, digits, '-', '_'), required
 *   days       its days of the recovery, day 1 being the day the pain
 *              began: "4-14"; the last phase may be open, "43-".  The
 *              first starts on day 1 and each the day after the one before
 *              ends.  Required.
 *   routines   the routines it uses, ';'-separated (1-8), required
 *   per_week   sessions a week it asks for (1-14, default 3)
 *   advice     what to do in it and why, shown by `limber today`, required
 *   move_on    what must hold, beyond its days having passed, to move on
 *              to the next phase, ';'-separated: green=N (the last N
 *              sessions in this phase were green), professional (when the
 *              two-week rule fired, the user has said they have seen a
 *              doctor or physiotherapist).  Empty: the days alone.
 *
 * The phase engine (recovery_state).  The phase follows the calendar AND
 * the pain.  Replaying the episode's sessions in order, before each
 * session and then at today, the phase moves on while the calendar has
 * reached the next phase's first day and nothing holds it:
 *   - the latest pain is above green (pain_green_max),
 *   - a red flag is open: urgent signs until the user says they have been
 *     seen by a doctor, nerve signs until a session answers no,
 *   - an exercise is marked as hurting and not yet done without hurting,
 *   - the phase's own move_on conditions.
 * A session with red pain (above pain_hold_max) or whose row says the
 * morning after the session before was worse moves the phase back one
 * (not before the first); the count of greens starts again.
 * The two-week rule: once the recovery is past professional_days and the
 * latest pain is still above green, it has fired; it stays until the user
 * says they have seen a professional, and a phase with `professional` in
 * move_on cannot be left meanwhile.
 *
 * The session-start checks (recovery_start_checks): what the coach must
 * remember from earlier sessions before a new one starts (README "Memory
 * across sessions").
 *
 * Sessions come in as struct recovery_session (the app layer makes them
 * from the history rows), so this module needs no history code.  A
 * session with no exercise done counts for nothing but its answers: its
 * pain and red flags are still what the user said. */
#ifndef LIMBER_RECOVERY_H
#define LIMBER_RECOVERY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/diag.h"
#include "model/checkin.h"
#include "model/memory.h"
#include "model/settings.h"

#define RECOVERY_MAX_PHASES 20
#define RECOVERY_MAX_ROUTINES 8

struct recovery_phase {
	char *name;
	int day_from, day_to;	/* day_to 0: open-ended */
	char *routines[RECOVERY_MAX_ROUTINES];
	size_t nroutines;
	int per_week;
	char *advice;
	int move_green;		/* green=N; 0 when not asked */
	bool move_professional;
	long line;
};

struct recovery_plan {
	char *name;		/* file name without .csv */
	char *title;		/* "# title:", else the name */
	char *path;
	struct recovery_phase phases[RECOVERY_MAX_PHASES];
	size_t n;
};

/* Load and check a plan; NULL when there is any error (all of them in d,
 * file:line:col), warnings in d either way. */
struct recovery_plan *recovery_plan_load(const char *path, const char *name,
					 struct diag_list *d);
struct recovery_plan *recovery_plan_parse(const char *buf, size_t len,
					  const char *path, const char *name,
					  struct diag_list *d);
void recovery_plan_free(struct recovery_plan *p);

/* One session as the engine needs it (the strings stay the caller's). */
struct recovery_session {
	time_t started;
	long day;		/* its local calendar day (days since 1970) */
	const char *routine;
	int level, next_level;
	bool completed;
	long exercises_planned, exercises_done;
	int pain;		/* CHECKIN_PAIN_SKIPPED when skipped */
	bool nerve, urgent;
	enum checkin_morning morning;	/* about the session before */
	const char *hurt;	/* ';'-joined, "" when none */
};

enum recovery_hold {
	RECOVERY_FREE,		/* nothing holds the phase */
	RECOVERY_HELD_PAIN,	/* the latest pain is above green */
	RECOVERY_HELD_URGENT,
	RECOVERY_HELD_NERVE,
	RECOVERY_HELD_HURT,
	RECOVERY_HELD_GREENS,	/* move_on green=N not reached */
	RECOVERY_HELD_PROFESSIONAL,	/* the two-week rule not answered */
};

#define RECOVERY_TEXT_MAX 512

struct recovery_state {
	bool active;		/* an episode has begun (limber start) */
	long start_day, today;
	long day;		/* day of the recovery, 1 on the first */
	size_t phase;		/* index into the plan */
	size_t calendar_phase;	/* the phase the calendar alone gives */
	enum recovery_hold hold;	/* why phase < calendar_phase */
	int greens;		/* green sessions in a row in this phase */
	int last_pain;		/* the latest answered pain, or skipped */
	long last_pain_day;
	bool moved_back;	/* the last move was back */
	long moved_back_day;
	char moved_back_from[64];
	bool urgent_open, nerve_open;
	long urgent_day;
	char hurt_exercise[128];	/* one exercise still hurting, or "" */
	char hurt_routine[64];
	bool two_week;		/* fired, not yet answered */
	bool professional_seen;
	int week_sessions;	/* sessions with exercises this Mon-Sun week */
	bool done_today;	/* a session with exercises today */
	bool rest_today;	/* a rest day was advised today */
	int rest_pain;
	const char *routine;	/* today's routine (the plan's string) */
};

/* Where the recovery stands at now: the episode is the newest start in m
 * (none: out->active is false and the rest is zero), the sessions are the
 * whole history, oldest first. */
void recovery_state(const struct recovery_plan *p, const struct settings *s,
		    const struct memory *m,
		    const struct recovery_session *v, size_t n, time_t now,
		    struct recovery_state *out);

/* `limber today`: two or three lines, each ending in '\n', into a new
 * string.  level is today's routine's current level. */
char *recovery_today_text(const struct recovery_plan *p,
			  const struct settings *s,
			  const struct recovery_state *st, int level,
			  time_t now);

/* The exercises of routine marked as hurting and not done without hurting
 * since: a later session of the routine clears an exercise when it was
 * completed with every exercise done, that one not marked, and not
 * skipped at the start (a MEMORY_SKIP for that session).  Writes up to max
 * names (pointers into v's strings' copies in *out, a ';'-joined new
 * string) and returns how many are open. */
size_t recovery_hurt_open(const struct memory *m,
			  const struct recovery_session *v, size_t n,
			  const char *routine, char **out);

enum recovery_check_kind {
	RECOVERY_CHECK_URGENT,		/* asks: seen by a doctor?  No: no session */
	RECOVERY_CHECK_NERVE,		/* a reminder */
	RECOVERY_CHECK_PROFESSIONAL,	/* asks: seen a professional? (two-week rule) */
	RECOVERY_CHECK_REST_DAY,	/* asks: exercise anyway? No: no session */
	RECOVERY_CHECK_HURT,		/* asks: skip this exercise? */
};

struct recovery_check {
	enum recovery_check_kind kind;
	char text[RECOVERY_TEXT_MAX];	/* what to tell the user */
	char question[RECOVERY_TEXT_MAX];	/* "" for a reminder */
	char exercise[128];		/* RECOVERY_CHECK_HURT */
};

#define RECOVERY_CHECKS_MAX 12

/* What to say and ask before a session of routine starts at now, most
 * urgent first.  v is the whole history, m the memory.  Returns how many
 * checks were written to out (at most RECOVERY_CHECKS_MAX). */
size_t recovery_start_checks(const struct settings *s, const struct memory *m,
			     const struct recovery_session *v, size_t n,
			     const char *routine, const struct recovery_state *st,
			     time_t now, struct recovery_check *out);

#endif
