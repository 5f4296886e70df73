/* cli.h - the commands behind `limber COMMAND`.
 *
 * Each returns the process exit status: 0 success, 1 a user-visible error
 * (a bad routine, an unwritable file), 2 bad usage. */
#ifndef LIMBER_CLI_H
#define LIMBER_CLI_H

#define EXIT_USAGE 2

struct cli_opts {
	int plain;		/* --plain */
	int mute;		/* --mute */
	int no_color;		/* --no-color or NO_COLOR */
	int bell;		/* --bell */
	int csv;		/* --csv (history) */
	int new_routine;	/* --new (edit) */
	long level;		/* --level N, 0 when not given */
	long volume;		/* --volume N, -1 when not given */
	const char *events;	/* --events FILE */
};

int cli_list(const struct cli_opts *o, int argc, char **argv);
int cli_check(const struct cli_opts *o, int argc, char **argv);
int cli_edit(const struct cli_opts *o, int argc, char **argv);
int cli_run(const struct cli_opts *o, int argc, char **argv);
int cli_history(const struct cli_opts *o, int argc, char **argv);
int cli_stats(const struct cli_opts *o, int argc, char **argv);

#endif
