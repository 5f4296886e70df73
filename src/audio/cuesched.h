/* cuesched.h - every cue handed to the player ahead of its time.
 *
 * The plan knows when each cue falls, so the player need not be told at
 * the moment: the scheduler runs a shadow session (the same session code,
 * on the same plan, from the same start, with the same user actions) up
 * to a few seconds ahead of the real one, takes the cue of each instant
 * from its events (cue_pick, one cue per instant) and the phrases they
 * call for (speech_for_event), and hands each to the player at least
 * CUE_SCHED_LEAD_MS - 1000 ms before it is due, with the exact time its
 * first sample must sound (cue_at, cue_say_at).  Phrases are fitted into
 * the gaps between the sounds known by then (speech_fit): shortened or
 * dropped, never over a tone.
 *
 * A user action (pause, resume, next, previous, hurt, stop) changes what
 * comes: the scheduler sees its event (cue_sched_event), cancels what it
 * handed for later than the action, and builds the shadow again by
 * replaying the actions so far, so the cues after it (a count-in's ticks,
 * the next exercise's get-ready phrase) are the ones the session will
 * make.  Those due at the action itself go out at once.
 *
 * The front end feeds every session event to cue_sched_event; on each
 * pass, before session_tick or session_act, it calls cue_sched_sounded
 * (which logs the cues handed that have sounded by now, so the trace
 * stays in time order: a cue's line carries the instant it sounded, which
 * is at or before the events of the pass), and after them cue_sched_run,
 * with the same time: it hands what comes within the lead and polls the
 * player.  Its work on a pass with nothing new is one comparison per
 * pending cue. */
#ifndef LIMBER_CUESCHED_H
#define LIMBER_CUESCHED_H

#include <stdint.h>

#include "audio/cue.h"
#include "model/plan.h"
#include "model/session.h"

/* How far ahead cues are handed: the front end wakes at least once a
 * second while a session runs, so each goes out 500 ms or more early. */
#define CUE_SCHED_LEAD_MS 1500
/* How far past that the shadow runs, so a phrase knows the next tone. */
#define CUE_SCHED_FIT_MS 6000

struct cue_sched;

/* The player and plan are borrowed.  voice: say the phrases (when the
 * player can); they are handed to the player to synthesize ahead
 * (cue_prepare_speech, which waits for the first ones): call this before
 * the session starts. */
struct cue_sched *cue_sched_new(const struct plan *p, struct cue_player *pl,
				int voice);
/* The session started at origin (its session_new now_ms). */
void cue_sched_start(struct cue_sched *s, int64_t origin);
void cue_sched_free(struct cue_sched *s);

/* Every event of the real session, in order. */
void cue_sched_event(struct cue_sched *s, const struct session_event *ev);

/* A handed cue has sounded (or, from cue_sched_finish, will): name is
 * "cue_NAME" or "say", phrase the words said (NULL for a tone), t_ms its
 * start in session time, ctx the event it came from. */
typedef void (*cue_sched_log_fn)(void *ud, int64_t t_ms, const char *name,
				 const char *phrase,
				 const struct session_event *ctx);

/* Before each pass of the session, at now (its time): log the cues that
 * have sounded.  log may be NULL. */
void cue_sched_sounded(struct cue_sched *s, int64_t now, cue_sched_log_fn log,
		       void *ud);
/* After each pass of the session, at now.  A player that cannot schedule
 * (a back end without cue_ops.at) is handed no cue ahead: each pass plays
 * the cue of its latest instant now, and logs it here at now. */
void cue_sched_run(struct cue_sched *s, int64_t now, cue_sched_log_fn log,
		   void *ud);
/* The session is over: log what was handed and will still sound (the
 * finish, "Session complete"), in order. */
void cue_sched_finish(struct cue_sched *s, cue_sched_log_fn log, void *ud);

#endif
