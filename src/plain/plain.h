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

#endif
