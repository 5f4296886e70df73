/* report.h - `limber report`: the record a runner brings to a
 * physiotherapist, as Markdown or as one self-contained HTML page.
 *
 * From the history's rows (oldest first, as read) it gathers, for the
 * sessions on or after opts->since:
 *   - sessions per Monday-to-Sunday week, completed and stopped, and the
 *     completed share;
 *   - the pain after each session with the morning-after answer about it
 *     (stored in the NEXT row's morning column, see history.h), as a
 *     table and, in HTML, a chart with one point per session;
 *   - each routine's level over time: where it began, every change with
 *     its date and the coach's stored reason, where it is now (a chart in
 *     HTML);
 *   - red flags with their dates;
 *   - exercises marked as hurting, with how often and when;
 *   - the advice limber gave: coach_decide replayed for each session on
 *     the rows before it, with the settings handed in (urgent and nerve
 *     signs, the rest day, the two-week rule);
 *   - the recovery phase, when the caller hands in a line about it.
 *
 * The HTML has no external asset, script or link target: inline CSS
 * (print-friendly: black on white, tables and charts kept whole across
 * pages) and inline SVG; every text from the history is escaped.
 * Pure: the rows, settings, dates and version are handed in. */
#ifndef LIMBER_REPORT_H
#define LIMBER_REPORT_H

#include "history/history.h"
#include "model/settings.h"

struct report_opts {
	long since;		/* first day reported (as history_row.day); LONG_MIN: all */
	long today;		/* the day the report is made */
	const char *version;	/* "0.1.0" */
	const char *phase;	/* a line about the recovery phase, or NULL */
	const struct settings *settings;	/* the coaching thresholds */
};

/* Parse "YYYY-MM-DD" (a real calendar date) into a day number (days
 * since 1970-01-01).  Returns 0, or -1 for anything else. */
int report_parse_day(const char *s, long *day);

/* The report as Markdown / as an HTML document; new strings. */
char *report_markdown(const struct history *h, const struct report_opts *o);
char *report_html(const struct history *h, const struct report_opts *o);

#endif
