/* cmd_due.c - `limber due`: one line, exit 0 when a session is due today,
 * 1 when not, 2 on an error; for shell prompts, the login message and
 * reminder timers, so it reads only the settings and the history's
 * summary (cached for a long history). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/due.h"
#include "app/today.h"
#include "cli/cli.h"
#include "core/caldate.h"
#include "core/clock.h"
#include "core/diag.h"
#include "history/histsum.h"
#include "model/settings.h"

/* The answer by the recovery plan: the exit status, or -1 when the plan
 * cannot be used (said), to fall back on sessions_per_week. */
static int
due_by_recovery(void)
{
	struct today t;
	struct diag_list d;
	struct due_answer a;
	char line[256];
	int rc;

	diag_init(&d);
	rc = today_load(&t, clock_wall(), &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (rc != 0 || t.plan == NULL || !t.state.active) {
		today_free(&t);
		return -1;
	}
	due_decide_recovery(t.plan, &t.state, &a);
	puts(due_line(&a, t.state.today, line, sizeof line));
	today_free(&t);
	return a.due ? 0 : 1;
}

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
	if (cli_recovery_running()) {
		int rc = due_by_recovery();

		if (rc >= 0)
			return rc;
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
