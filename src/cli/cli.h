/* cli.h - the commands behind `limber COMMAND`.
 *
 * Each returns the process exit status: 0 success, 1 a user-visible error
 * (a bad routine, an unwritable file), 2 bad usage. */
#ifndef LIMBER_CLI_H
#define LIMBER_CLI_H

#include "app/opts.h"

/* `limber` with no command: the home screen. */
int cli_home(const struct cli_opts *o);
int cli_list(const struct cli_opts *o, int argc, char **argv);
int cli_check(const struct cli_opts *o, int argc, char **argv);
int cli_edit(const struct cli_opts *o, int argc, char **argv);
int cli_run(const struct cli_opts *o, int argc, char **argv);
int cli_history(const struct cli_opts *o, int argc, char **argv);
int cli_show(const struct cli_opts *o, int argc, char **argv);
int cli_stats(const struct cli_opts *o, int argc, char **argv);

#endif
