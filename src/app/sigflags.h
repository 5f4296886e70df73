/* sigflags.h - the signals a front end waits for, as flags.
 *
 * Both front ends stop on SIGINT, SIGTERM and SIGHUP, pause on Ctrl-Z
 * (SIGTSTP) and take the terminal back on SIGCONT.  The handlers only set
 * the flags below; the signals are blocked except while the front end
 * waits in ppoll with sigflags.wait_mask, so one either interrupts the
 * wait or is seen right before it: never lost.  SIGTERM and SIGHUP end the
 * program with status 1 (runner_signal_status). */
#ifndef LIMBER_SIGFLAGS_H
#define LIMBER_SIGFLAGS_H

#include <signal.h>
#include <stdbool.h>

#define SIGFLAGS_N 5	/* SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT */

struct sigflags {
	/* The first of SIGINT, SIGTERM or SIGHUP not yet taken, or 0. */
	volatile sig_atomic_t stop;
	volatile sig_atomic_t tstp;	/* Ctrl-Z */
	volatile sig_atomic_t cont;	/* going on after a stop */
	sigset_t wait_mask;		/* the mask before: wait with it */
	struct sigaction old[SIGFLAGS_N];
	bool installed;
};

extern struct sigflags sigflags;

/* Install the handlers (the flags start at 0) and block the signals, and
 * also_block (may be NULL) with them. */
void sigflags_install(const sigset_t *also_block);
/* Put back the handlers and the mask from before. */
void sigflags_uninstall(void);
/* Stop the process as Ctrl-Z's default would, with the terminal already
 * restored by the caller; returns once it is continued, with tstp taken
 * (the SIGCONT is still to come, at the next wait). */
void sigflags_stop_self(void);

#endif
