/* ui.h - the ncurses coach: the terminal, its colours, its screen loop.
 *
 * Only src/tui includes curses.  This module owns the terminal: it sets
 * it up (ui_open), restores it (ui_close, the one restore function, also
 * run by the crash handler in its async-signal-safe form), keeps stderr off
 * the screen while curses runs (into a temporary file, replayed after), and
 * turns input and signals into what the one screen loop (ui_screen_run)
 * hands the screens.
 *
 * Signal handlers only set a flag; SIGINT, SIGTERM, SIGHUP, SIGTSTP,
 * SIGCONT and SIGWINCH are blocked except inside ppoll, so one arriving
 * between passes is seen at the next wait, never lost.  A resize comes back from ui_key as
 * UI_KEY_RESIZE (ncurses' KEY_RESIZE). */
#ifndef LIMBER_UI_H
#define LIMBER_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "app/opts.h"
#include "core/util.h"

/* The ncurses home screen (`limber`).  Returns the exit status. */
int ui_home(const struct cli_opts *o);
/* `limber run NAME|FILE` in the ncurses coach.  Returns the exit status. */
int ui_run(const struct cli_opts *o, const char *routine_arg);

/* Colour roles: screens name what a thing is, this module decides how it
 * looks (monochrome attributes without colours). */
enum ui_role {
	UI_NORMAL,
	UI_DIM,			/* secondary text */
	UI_TITLE,		/* screen titles, headings */
	UI_KEY,			/* key names in legends */
	UI_SELECTED,		/* the selected row of a list */
	UI_READY,		/* phase: GET READY */
	UI_HOLD,		/* phase: HOLD */
	UI_REST,		/* phase: REST */
	UI_SWITCH,		/* phase: SWITCH SIDES */
	UI_PAUSED,		/* phase: PAUSED */
	UI_COUNT_IN,		/* phase: a resumed hold counting in */
	UI_BAR_DONE,		/* progress bar, done part */
	UI_BAR_TODO,		/* progress bar, still to go */
	UI_GOOD,		/* low pain, level up, completed */
	UI_WARN,		/* medium pain, advice */
	UI_BAD,			/* high pain, level down */
	UI_URGENT,		/* urgent advice: seek care now */
	UI_ROLE_COUNT
};

#define UI_KEY_NONE (-1)
#define UI_KEY_RESIZE (-2)	/* redraw from state */
#define UI_KEY_SUSPEND (-3)	/* Ctrl-Z: pause what runs, then ui_suspend */
#define UI_KEY_CONTINUED (-4)	/* stopped from outside, now going on: the
				 * terminal's modes are back; redraw */
#define UI_KEY_UNKNOWN (-5)	/* a key or escape sequence that means
				 * nothing here (Alt-3, F5, ESC [ 9 9 ; 7 ~) */
/* Not something typed: what happened to the terminal or the process. */
#define UI_KEY_IS_EVENT(k) \
	((k) == UI_KEY_RESIZE || (k) == UI_KEY_SUSPEND || (k) == UI_KEY_CONTINUED)

/* Set the terminal up for the screens.  no_color asks for monochrome (as
 * do NO_COLOR, which main folds into no_color, and terminals without
 * colours).  Returns 0, or -1 with *err (a new string) when stdin/stdout
 * are not a terminal or the terminal type is unknown; nothing is changed
 * then. */
int ui_open(bool no_color, char **err);
/* Restore the terminal and stderr (replaying what was written to stderr
 * meanwhile).  Safe to call when not open, and more than once. */
void ui_close(void);

bool ui_utf8(void);		/* may draw Unicode blocks and lines */
/* The curses attributes of a role (an attr_t, as int to keep curses out
 * of this header). */
int ui_attr(enum ui_role r);

/* The next key without waiting: a byte, a KEYCODE_* (action.h),
 * UI_KEY_RESIZE, UI_KEY_SUSPEND, UI_KEY_CONTINUED, UI_KEY_UNKNOWN, or
 * UI_KEY_NONE when there is none.  A lone ESC is KEYCODE_ESCAPE; ESC with
 * more bytes right behind it is one UI_KEY_UNKNOWN, never its bytes as
 * keys. */
int ui_key(void);
/* Stop the process (as Ctrl-Z would) with the terminal restored; when it
 * continues, the screen comes back: draw it again (as after a resize). */
void ui_suspend(void);
/* Sleep until input, a signal, or deadline_ms on the clock (clock.h;
 * measured from the last clock_read); deadline_ms < 0 waits without limit. */
void ui_wait(int64_t deadline_ms);
/* The first of SIGINT, SIGTERM, SIGHUP received and not yet taken, or 0. */
int ui_signal(void);
/* Take it: the next ui_signal returns 0 until another arrives. */
void ui_signal_clear(void);

/* ------------------------------------------------------------------------
 * The screen loop (ui_screen.c), as htop's ScreenManager_run: every screen
 * is a few callbacks, and this loop alone reads the clock (once a pass),
 * the signals, the keys, and waits:
 *
 *   for (;;) {
 *           now = clock_read();
 *           a signal?  signal(now), return it
 *           tick(now)                      time moves (a running session)
 *           each key: key(key, now)        until one says UI_LEAVE
 *           draw() when something changed
 *           ui_wait(deadline())
 *   }
 *
 * A signal stays pending (ui_signal) until ui_signal_clear, so a screen run
 * from inside a key handler (a session from home) that ended by a signal
 * ends the screen below it too. */
enum ui_step {
	UI_STAY,		/* nothing to show */
	UI_REDRAW,		/* the screen changed: draw it */
	UI_LEAVE,		/* the screen is done */
};

struct ui_screen {
	/* Once a pass before the keys (NULL: nothing moves by itself). */
	enum ui_step (*tick)(void *ud, int64_t now);
	/* A key: a byte, a KEYCODE_*, UI_KEY_UNKNOWN, or an event
	 * (UI_KEY_IS_EVENT): UI_KEY_RESIZE and UI_KEY_CONTINUED (the loop
	 * redraws), UI_KEY_SUSPEND (Ctrl-Z: the loop then stops the process
	 * with ui_suspend, and redraws when it continues). */
	enum ui_step (*key)(void *ud, int key, int64_t now);
	/* Draw the whole screen from state, at any size. */
	void (*draw)(void *ud);
	/* When to wake without a key: a clock time, or -1 (NULL: -1). */
	int64_t (*deadline)(void *ud);
	/* A signal ended the screen (may be NULL). */
	void (*signal)(void *ud, int sig, int64_t now);
};

/* Run a screen until it leaves (returns 0) or a signal ends it (returns
 * SIGINT, SIGTERM or SIGHUP). */
int ui_screen_run(const struct ui_screen *sc, void *ud);

/* ------------------------------------------------------------------------
 * Between the screens (ui_*.c).  Each screen returns 0 when the user
 * leaves it, or the signal (SIGINT, SIGTERM, SIGHUP) that ended it:
 * SIGTERM and SIGHUP end the program (exit 1, runner_signal_status), SIGINT
 * ends the screen the way the user would have (a session stops and is
 * checked in; a check-in keeps what was answered; home and history
 * quit). */
struct coach_decision;
struct cue_player;
struct diag_list;
struct runner;
struct session_record;
struct settings;
struct workout;

/* What a run needs besides the workout. */
struct ui_run_ctx {
	const struct cli_opts *o;
	struct cue_player *cue;		/* opened before the screen; m mutes */
	char *sound_off;		/* why there is no sound, or NULL */
	/* What must stay on the terminal once the screen is closed (the
	 * decision and every advice line, or why no session started):
	 * print it after ui_close (ui_print_after). */
	struct strbuf after;
	int refused;		/* no session: 1 + the exit status it asks for */
	bool voice;			/* speak the cues as well */
};

/* Print c->after to stdout and empty it (after ui_close). */
void ui_print_after(struct ui_run_ctx *c);

/* Open the cue player (before ui_open: the sound library's chatter must
 * not reach the screen): --mute, --volume, --bell and --voice over the
 * settings; the voice speaks unless --no-voice or voice = no.  It opens
 * no audio device until a cue plays.  Warnings about sound files go to
 * stderr, and so does why there is no voice when it was wanted; why
 * there is no sound goes to c->sound_off.  Close it after ui_close. */
void ui_sound_open(struct ui_run_ctx *c, const struct settings *s);
/* The same with the warnings (and why there is no voice) into warn: for
 * the home screen, which opens the player only when a routine starts, so
 * that browsing loads no sound library and opens no device.  SDL's
 * chatter is kept off the screen all the same (cue_sdl.c). */
void ui_sound_open_into(struct ui_run_ctx *c, const struct settings *s,
			struct diag_list *warn);
void ui_sound_close(struct ui_run_ctx *c);

/* A whole run on an open screen, of the workout r was opened with
 * (runner_open: the trace is open): the morning-after question when due,
 * the session, the check-in, the record, the summary.  Returns 0, or 1 when
 * the history could not be written (the error is in d); *sig is the signal
 * that ended it, or 0.  A session ended by SIGTERM or SIGHUP is recorded
 * as stopped, without a check-in.  The caller closes r. */
int ui_workout(struct ui_run_ctx *c, struct runner *r, struct diag_list *d,
	       int *sig);

/* ui_checkin.c: the question before a session (into w->checkin.morning),
 * the questions after it (pain, nerve, urgent), and the summary shown
 * until a key is pressed.  save_error: why the history was not written,
 * or NULL. */
int ui_checkin_morning(struct workout *w);
/* A text the coach remembers from earlier sessions and, when question is
 * not NULL, a yes/no question: *answer 1 yes, 0 no (-1 on a signal, which
 * is returned); without a question any key goes on. */
int ui_checkin_gate(const char *text, const char *question, int *answer);
int ui_checkin_after(struct workout *w, const struct session_record *rec);
int ui_checkin_summary(const struct workout *w,
		       const struct session_record *rec,
		       const struct coach_decision *dec,
		       const char *save_error);

/* ui_history.c: sessions, streak, weeks, pain trend, calendar. */
int ui_history_screen(void);

#endif
