/* cue.h - sound cues: which cue a session event gets, where each cue's
 * sound lives, and the player behind a small table of back ends.
 *
 * Six cues, each a sound named after it:
 *   tick    each of the last 3 seconds counting in to work (a get-ready,
 *           a switch, a rest between sets, a count-in after a pause)
 *   go      a hold or a repetition starts
 *   switch  change sides
 *   rest    a set ends and a rest between sets begins
 *   done    an exercise's work is over
 *   finish  the session ends
 *
 * Which event gets which cue (cue_for_event):
 *   SEV_PHASE WORK                              go
 *   SEV_PHASE SWITCH                            switch
 *   SEV_PHASE REST                              rest; done when the rest is
 *                                               its exercise's last step (it
 *                                               leads to the next exercise)
 *   SEV_PHASE GET_READY or COUNT_IN of 1-3 s    tick (the phase starts
 *                                               inside its last 3 seconds)
 *   SEV_SECOND 3, 2, 1 in GET_READY, SWITCH,
 *     COUNT_IN, or a REST followed by work      tick
 *   SEV_EXERCISE_DONE                           done, unless the exercise
 *                                               ended with a rest (its done
 *                                               sounded when the rest began)
 *   SEV_SESSION_DONE                            finish
 *   anything else                               no cue
 *
 * One cue per instant (struct cue_pick): several events can fall on the
 * same instant, e.g. an exercise's end is SEV_EXERCISE_DONE plus the next
 * exercise's SEV_PHASE, and the session's end is SEV_EXERCISE_DONE plus
 * SEV_SESSION_DONE.  Overlapping sounds would blur both, so only the cue of
 * highest priority plays:
 *   finish > go > done > rest > switch > tick
 * (go beats done because with no get-ready the next hold starts at once and
 * the user must move now).  When one pass of the session (a session_tick
 * or session_act) emits events of several instants, which happens only
 * after the process stalled or when sped up with LIMBER_TIME_SCALE, only
 * the latest instant's cue plays: a stale cue would be wrong.  A pause or
 * a stop drops the cue of its pass; while paused no tick plays (nothing
 * counts down).
 *
 * Files: the user's $XDG_CONFIG_HOME/limber/sounds/NAME.wav, else
 * NAME.ogg, replaces the shipped $LIMBER_DATADIR-or-PKGDATADIR
 * sounds/NAME.wav.  A user file that cannot be played is a warning and the
 * shipped sound plays; a shipped file that cannot be played is a warning
 * and that cue stays silent.
 *
 * The player: cue_player_open tries the SDL2_mixer back end (when limber
 * was built with it) and falls back to the silent one, which can ring the
 * terminal bell instead.  It writes nothing to stdout or stderr (SDL and
 * ALSA chatter is discarded while the device opens), so a front end opens
 * the player before curses starts, then shows *off_reason and the warnings
 * itself. */
#ifndef LIMBER_CUE_H
#define LIMBER_CUE_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "model/plan.h"
#include "model/session.h"

enum cue { CUE_TICK, CUE_GO, CUE_SWITCH, CUE_REST, CUE_DONE, CUE_FINISH, CUE_COUNT };

/* "tick", "go", "switch", "rest", "done", "finish"; "?" out of range. */
const char *cue_name(enum cue c);
/* The cue of that name.  Returns 0 and sets *out, or -1. */
int cue_from_name(const char *name, enum cue *out);

/* The cue an event calls for, alone (see the table above); p is the plan
 * the session walks.  Returns 1 and sets *out, or 0 for none. */
int cue_for_event(const struct plan *p, const struct session_event *ev,
		  enum cue *out);

/* Picks one cue per instant.  Feed every session event to cue_pick_add as
 * the listener receives it; after each session_tick or session_act has
 * returned, cue_pick_take says which cue to play now. */
struct cue_pick {
	const struct plan *plan;
	int have;			/* a cue is waiting */
	enum cue cue;
	struct session_event ev;	/* the event that called for it */
	int paused;
};

void cue_pick_init(struct cue_pick *k, const struct plan *p);
void cue_pick_add(struct cue_pick *k, const struct session_event *ev);
/* Returns 1 with the cue and (when ctx is not NULL) the event it came
 * from, for the trace, and forgets it; 0 when no cue is waiting. */
int cue_pick_take(struct cue_pick *k, enum cue *out, struct session_event *ctx);

/* ------------------------------------------------------------ files */

struct cue_files {
	char *user[CUE_COUNT];		/* the user's sound, NULL when none */
	char *shipped[CUE_COUNT];	/* the shipped sound (may be missing) */
	char *shipped_dir;		/* the folder of the shipped sounds */
	int shipped_dir_err;		/* 0, or the errno that says why that
					 * folder is not there (ENOTDIR when
					 * it is something else) */
};

/* Find each cue's files.  NULL directories mean paths_user_sounds() and
 * paths_shipped_sounds().  A user file counts when it exists, whatever it
 * holds: a broken one must be reported, not skipped quietly. */
void cue_files_find(struct cue_files *f, const char *user_dir,
		    const char *shipped_dir);
void cue_files_free(struct cue_files *f);

/* A back end's loader: returns the loaded sound, or NULL with *err (new
 * string) saying why. */
typedef void *(*cue_load_fn)(void *ud, const char *path, char **err);

/* Load cue c: the user's file, else the shipped one, warning in warn for
 * each file that fails.  Returns what load returned, or NULL when neither
 * could be loaded.  When the shipped folder is not there (shipped_dir_err)
 * its files are not tried and not warned about one by one. */
void *cue_files_load(const struct cue_files *f, enum cue c, cue_load_fn load,
		     void *ud, struct diag_list *warn);
/* Load every cue into out[0..CUE_COUNT-1] with cue_files_load, and when
 * the shipped folder is not there, one warning naming it and the cues
 * left silent.  Returns how many cues loaded. */
int cue_files_load_all(const struct cue_files *f, cue_load_fn load, void *ud,
		       void **out, struct diag_list *warn);

/* ------------------------------------------------------------ player */

/* A speech synthesizer (voice_espeak.c), handed to the back end that
 * mixes its phrases.  open returns 0 and the sample rate of what synth
 * makes (mono, signed 16-bit, native byte order), or -1 with *why (a new
 * string).  synth returns 0 with *pcm (malloc'ed) and *n samples, or -1
 * with *why.  Both are called from one thread only. */
struct cue_voice_ops {
	const char *name;
	int (*open)(const char *voice_name, int words_per_minute, int *rate_hz,
		    char **why);
	int (*synth)(const char *text, short **pcm, size_t *n, char **why);
	void (*close)(void);
};

struct cue_config {
	int volume;		/* 0-100 (clamped) */
	int muted;		/* start muted (the device is opened all the same) */
	int bell;		/* without sound, ring the terminal bell for cues */
	int bell_fd;		/* where the bell goes, e.g. STDOUT_FILENO */
	const char *user_dir;	/* NULL: paths_user_sounds() */
	const char *shipped_dir;	/* NULL: paths_shipped_sounds() */
	int voice;		/* speak the phrases as well */
	const char *voice_name;	/* the synthesizer's voice, e.g. "en" */
	int voice_rate;		/* words a minute */
	const struct cue_voice_ops *voice_ops;	/* NULL: no synthesizer */
	const char *voice_missing;	/* why voice_ops is NULL */
};

/* A back end (cmus op.h style).  open returns the back end's state, or
 * NULL with *reason (new string, e.g. "no audio device (SDL: ...)") when it
 * cannot make sound at all; problems with single files go to warn.  play
 * returns 1 when the cue went out (to the mixer, or the bell), else 0.
 * set_volume and stop may be NULL. */
struct cue_ops {
	const char *name;
	void *(*open)(const struct cue_config *cfg, const struct cue_files *files,
		      struct diag_list *warn, char **reason);
	int (*play)(void *state, enum cue c);
	void (*set_volume)(void *state, int volume);
	void (*stop)(void *state);	/* silence what is playing */
	void (*close)(void *state);
	/* Scheduling ahead (all NULL in a back end that only plays now).
	 * at: play tone c, or the phrase text when text is not NULL, so that
	 * its first sample sounds at at_ms (the scaled clock of clock_read);
	 * 1 when it will, 0 when it cannot (a phrase not synthesized).
	 * length: how long tone c or the phrase lasts, in ms of the scaled
	 * clock, -1 when unknown (not synthesized yet).  cancel: forget what
	 * was handed to start at or after from_ms.  poll: called on each
	 * pass of the front end, e.g. to close the device while quiet. */
	int (*at)(void *state, enum cue c, const char *text, int64_t at_ms);
	int64_t (*length)(void *state, enum cue c, const char *text);
	void (*cancel)(void *state, int64_t from_ms);
	void (*poll)(void *state, int64_t now_ms);
	/* hint: the next cue the session knows of (not handed yet) is due
	 * at next_ms, -1 when none: keep the device open if closing and
	 * opening it again would take longer than that. */
	void (*hint)(void *state, int64_t next_ms);
	/* Speech (NULL without it).  voice: 1 when phrases can be said, else
	 * 0 with *why (new string).  prepare: the phrase forms a session may
	 * say, in the order first needed, each with the plan step after which
	 * it is not needed (speech_all_forms); the back end synthesizes them
	 * ahead, off the front end's thread.  progress: the session reached
	 * plan step k (forms needed only before it may go). */
	int (*voice)(void *state, char **why);
	void (*prepare)(void *state, char **forms, const size_t *last, size_t n);
	void (*progress)(void *state, size_t step);
};

extern const struct cue_ops cue_null_ops;	/* silent, or the bell */
extern const struct cue_ops cue_sdl_ops;	/* only in builds with SDL2_mixer */
extern const struct cue_voice_ops cue_espeak_ops;	/* only with espeak-ng */

struct cue_player;

/* Open the first of the n back ends that opens, or cue_null_ops (which
 * always does) when none does.  Warnings about sound files go to warn
 * (may be NULL).  *off_reason is NULL when the first back end opened, else
 * a new string "sound off: REASON" naming why it did not.  Never returns
 * NULL.  Writes nothing to stdout or stderr. */
struct cue_player *cue_player_open_with(const struct cue_ops *const *backends,
					size_t n, const struct cue_config *cfg,
					struct diag_list *warn, char **off_reason);

/* The back ends this program was built with (cue_open.c, linked into the
 * program, not the library): SDL2_mixer if built with it, then silence.
 * Without SDL2_mixer, *off_reason says so. */
struct cue_player *cue_player_open(const struct cue_config *cfg,
				   struct diag_list *warn, char **off_reason);

/* Play c now.  Returns 1 when it went out (the front end then logs
 * "cue_NAME" in the trace), 0 when muted or there is nothing to play it. */
int cue_play(struct cue_player *p, enum cue c);
/* Muting also cuts a cue that is playing. */
void cue_set_muted(struct cue_player *p, int muted);
int cue_muted(const struct cue_player *p);
void cue_set_volume(struct cue_player *p, int volume);
int cue_volume(const struct cue_player *p);
/* Scheduling ahead (see struct cue_ops).  cue_at hands tone c to play at
 * at_ms (a back end that cannot schedule plays it now).  cue_say_at hands
 * a phrase.  Both return 1 when it will sound, 0 when muted or it
 * cannot.  cue_length: ms, or -1 when unknown.  cue_poll: call on every
 * pass of the front end. */
int cue_at(struct cue_player *p, enum cue c, int64_t at_ms);
/* Does the back end play cues handed ahead at their time? */
int cue_schedules(const struct cue_player *p);
int cue_say_at(struct cue_player *p, const char *text, int64_t at_ms);
int64_t cue_length(struct cue_player *p, enum cue c, const char *text);
void cue_cancel_from(struct cue_player *p, int64_t from_ms);
void cue_poll(struct cue_player *p, int64_t now_ms);
void cue_hint(struct cue_player *p, int64_t next_ms);
/* Can the player speak?  NULL when it can, else "voice off: REASON"
 * (owned by the player); also NULL when voice was not asked for. */
const char *cue_voice_off(const struct cue_player *p);
int cue_can_say(const struct cue_player *p);
void cue_prepare_speech(struct cue_player *p, char **forms, const size_t *last,
			size_t n);
void cue_progress(struct cue_player *p, size_t step);
/* The back end in use: "sdl", "null". */
const char *cue_player_backend(const struct cue_player *p);
/* Close the device and free; p may be NULL.  A cue still playing is let
 * finish first (at most 1.5 s), so the session's finish is heard when the
 * program exits right after it; mute first to cut it short. */
void cue_player_close(struct cue_player *p);

#endif
