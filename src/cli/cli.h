/* cli.h - the commands behind `limber COMMAND`.
 *
 * Each returns the process exit status: 0 success, 1 a user-visible error
 * (a bad routine, an unwritable file), 2 bad usage. */
#ifndef LIMBER_CLI_H
#define LIMBER_CLI_H

#include <stdbool.h>

#include "app/opts.h"

/* `limber` with no command: the home screen. */
int cli_home(const struct cli_opts *o);
int cli_report(const struct cli_opts *o, int argc, char **argv);
int cli_due(const struct cli_opts *o, int argc, char **argv);
int cli_list(const struct cli_opts *o, int argc, char **argv);
int cli_check(const struct cli_opts *o, int argc, char **argv);
int cli_edit(const struct cli_opts *o, int argc, char **argv);
int cli_run(const struct cli_opts *o, int argc, char **argv);
int cli_history(const struct cli_opts *o, int argc, char **argv);
int cli_show(const struct cli_opts *o, int argc, char **argv);
/* `limber check` of figures (cmd_show.c): one file (name NULL: from the
 * path), printing its diagnostics and a verdict; returns 1 when it loads.
 * cli_check_figures checks every figure in effect, file by file, then the
 * rests that lib (those figures, loaded) names, and returns how many files
 * have errors. */
int cli_check_figure(const char *path, const char *name);
/* The verdict line of limber check for a file: "PATH: ok: WHAT" (and
 * "(with warnings)") when what is not NULL, else "PATH: N errors". */
struct diag_list;
void cli_check_verdict(const char *path, const char *what,
		       const struct diag_list *d);
struct figure_lib;
int cli_check_figures(const struct figure_lib *lib);
int cli_stats(const struct cli_opts *o, int argc, char **argv);
/* cmd_today.c */
int cli_today(const struct cli_opts *o, int argc, char **argv);
int cli_start(const struct cli_opts *o, int argc, char **argv);
/* `limber check` of a plan file: diagnostics to stderr, a verdict to
 * stdout; 1 when it loads.  cli_check_plans checks the plan in use (and
 * the shipped one when the user's replaces it): the number that fail. */
int cli_check_plan(const char *path);
int cli_check_plans(void);

struct histsum;
struct history;
struct settings;

/* Shared by the command files (cli.c).  The history's rows, or its
 * summary through the cache: 0, or -1 when it cannot be read (said on
 * stderr, as its warnings are).  The settings, warnings on stderr. */
int cli_load_history(struct history *h);
int cli_load_summary(struct histsum *s);
void cli_load_settings(struct settings *s);
/* Has `limber start` begun a recovery (memory.csv says so)? */
bool cli_recovery_running(void);

#endif
