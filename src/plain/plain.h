/* plain.h - `limber run --plain`: the coach as lines of text.
 *
 * One line per milestone (eventtext.h), never one per second, so screen
 * readers and logs can follow.  Keys work when stdin is a terminal;
 * otherwise stdin is read only for the check-in after the session.  The
 * session itself is the runner's (runner.h): this file reads keys, waits,
 * and prints. */
#ifndef LIMBER_PLAIN_H
#define LIMBER_PLAIN_H

#include "app/opts.h"

int plain_main(const struct cli_opts *o, const char *routine_arg);

/* Ask one question on stdin as the --plain check-in does (NUL bytes,
 * over-long answers, escape sequences in echoed answers, Ctrl-Z and the
 * stop signals all handled there): print question and choices, read a
 * line, and hand it to answer(ud, line) until it returns 0; after a line
 * it refuses, print retry.  Piped answers are echoed.  Returns 0 when
 * answered, 1 when not (the input ended, or SIGINT, SIGTERM or SIGHUP
 * came: *sig is then that signal, else 0). */
int plain_ask(const char *question, const char *choices, const char *retry,
	      int (*answer)(void *ud, const char *line), void *ud, int *sig);

#endif
