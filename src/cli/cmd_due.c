/* cmd_due.c - `limber due`: one line, exit 0 when a session is due today,
 * 1 when not, 2 on an error; for shell prompts, the login message and
 * reminder timers, so it reads only the settings and the history's
 * summary (cached for a long history). */
#include "config.h"

#include <stdio.h>

#include "app/due.h"
#include "cli/cli.h"
#include "core/caldate.h"
#include "core/clock.h"
#include "history/histsum.h"
#include "model/settings.h"

int
cli_due(const struct cli_opts *o, int argc, char **argv)
{
	struct settings set;
	struct histsum sum;
	struct due_answer a;
	char line[256];
	long today;

	(void)o;
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "limber: 'due' takes no arguments\n");
		return EXIT_USAGE;
	}
	cli_load_settings(&set);
	if (cli_load_summary(&sum) != 0) {
		histsum_free(&sum);
		return 2;
	}
	today = caldate_local_day(clock_wall());
	due_decide(&sum, &set, today, &a);
	puts(due_line(&a, today, line, sizeof line));
	histsum_free(&sum);
	return a.due ? 0 : 1;
}
