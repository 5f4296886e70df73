/* cmd_report.c - `limber report [--since DATE] [--html FILE]`: the record
 * for a physiotherapist, Markdown on stdout, or one self-contained HTML
 * file (written atomically, private: it is health data). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/report.h"
#include "app/today.h"
#include "cli/cli.h"
#include "core/caldate.h"
#include "core/clock.h"
#include "core/diag.h"
#include "core/fileio.h"
#include "core/util.h"
#include "history/history.h"
#include "model/settings.h"

/* "day 12, phase subacute (days 4-14); began 2026-11-20" when a recovery
 * runs (limber start), else NULL; a new string.  Its diagnostics are not
 * repeated: the history's are said when it is read for the report, and a
 * broken plan is `limber check`'s to name (the line is then left out). */
static char *
recovery_phase(void)
{
	struct today t;
	struct diag_list d;
	char *line = NULL;

	if (!cli_recovery_running())
		return NULL;
	diag_init(&d);
	if (today_load(&t, clock_wall(), &d) == 0 && t.plan != NULL && t.state.active) {
		const struct recovery_phase *ph = &t.plan->phases[t.state.phase];
		char began[CALDATE_BUF], to[16] = "";

		caldate_format(t.state.start_day, began);
		if (ph->day_to > 0)
			snprintf(to, sizeof to, "%d", ph->day_to);
		line = xasprintf("day %ld, phase %s (days %d-%s); began %s", t.state.day,
				 ph->name, ph->day_from, to, began);
	}
	diag_free(&d);
	today_free(&t);
	return line;
}

int
cli_report(const struct cli_opts *o, int argc, char **argv)
{
	struct settings set;
	struct history h;
	struct report_opts ro = { .since = LONG_MIN, .version = PACKAGE_VERSION };
	char *text, *phase;
	int status = 0;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "limber: 'report' takes no arguments (--since DATE, --html FILE)\n");
		return EXIT_USAGE;
	}
	if (o->since != NULL && report_parse_day(o->since, &ro.since) != 0) {
		fprintf(stderr, "limber: --since must be a date as YYYY-MM-DD, got \"%s\"\n",
			o->since);
		return EXIT_USAGE;
	}
	cli_load_settings(&set);
	ro.settings = &set;
	ro.today = caldate_local_day(clock_wall());
	phase = recovery_phase();
	ro.phase = phase;
	if (cli_load_history(&h) != 0) {
		history_free(&h);
		return 1;
	}
	if (o->html == NULL) {
		/* an output error is main's to report (stdfds.h) */
		text = report_markdown(&h, &ro);
		fputs(text, stdout);
	} else {
		text = report_html(&h, &ro);
		if (fileio_replace(o->html, text, strlen(text), 0600) != 0) {
			fprintf(stderr, "limber: cannot write the report to %s: %s\n",
				o->html, strerror(errno));
			status = 1;
		} else {
			size_t n = 0;

			for (size_t i = 0; i < h.n; i++)
				n += h.rows[i].day >= ro.since;
			printf("Wrote %s: %zu session%s, %zu bytes.\n", o->html, n,
			       n == 1 ? "" : "s", strlen(text));
		}
	}
	free(text);
	free(phase);
	history_free(&h);
	return status;
}
