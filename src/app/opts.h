/* opts.h - the command-line options every front end reads, and the exit
 * status of bad usage.
 *
 * main.c fills struct cli_opts; the commands (cli.c) and both front ends
 * (plain.c, ui_*.c) read it.  It lives here, below them all, so that no
 * front end includes cli.h.  Exit status: 0 success, 1 a user-visible
 * error (a bad routine, an unwritable file or standard output, a session
 * ended by SIGTERM or SIGHUP), EXIT_USAGE bad usage. */
#ifndef LIMBER_OPTS_H
#define LIMBER_OPTS_H

#define EXIT_USAGE 2

struct cli_opts {
	int plain;		/* --plain */
	int mute;		/* --mute */
	int no_color;		/* --no-color or NO_COLOR */
	int bell;		/* --bell */
	int csv;		/* --csv (history) */
	int new_routine;	/* --new (edit) */
	int names;		/* --names (list) */
	long level;		/* --level N, 0 when not given */
	long volume;		/* --volume N, -1 when not given */
	int voice;		/* --voice 1, --no-voice 0, -1 when not given */
	const char *events;	/* --events FILE */
	const char *since;	/* --since DATE (report) */
	const char *html;	/* --html FILE (report) */
};

#endif
