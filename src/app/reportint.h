/* reportint.h - what report.c and reportsvg.c share: the report as
 * gathered once for both renderers, and the pieces of the HTML page.
 * Private to src/app/report*.c. */
#ifndef LIMBER_REPORTINT_H
#define LIMBER_REPORTINT_H

#include "app/coach.h"
#include "core/caldate.h"
#include "core/util.h"
#include "model/checkin.h"

/* ---------------------------------------------------------------------
 * What the report says, gathered once for both renderers. */

struct rsession {
	const struct history_row *row;
	enum checkin_morning after;	/* the next row's answer about it */
	struct coach_decision dec;	/* the advice replayed */
};

struct rweek {
	long monday;
	int sessions, completed;
	long done_s;
};

struct rchange {
	size_t at;		/* index into the report's sessions */
	int from, to;
	const char *reason;
};

struct rroutine {
	const char *name;
	int before;		/* the level when the period began */
	int now;
	size_t sessions;	/* in the period */
	struct rchange *ch;
	size_t nch, chcap;
};

struct rhurt {
	const char *routine;
	char *exercise;
	int times;
	struct strbuf days;	/* "2026-11-02, 2026-11-05" */
};

struct report {
	struct rsession *s;
	size_t n, cap;
	size_t completed;
	struct rweek *w;
	size_t nw;
	struct rroutine *rt;
	size_t nrt, rtcap;
	struct rhurt *hu;
	size_t nhu, hucap;
	size_t flags;		/* sessions with a red flag */
	size_t advised;		/* sessions with advice */
};


/* day as YYYY-MM-DD; a row's date and time as the report shows them. */
void report_day_text(long day, char buf[CALDATE_BUF]);
void report_when_text(const struct history_row *row, char buf[24]);

/* s escaped for HTML text and attributes; a line break becomes <br>. */
void report_html_add(struct strbuf *b, const char *s);

/* Print-friendly colours for the routines' lines, distinct in grey too. */
#define REPORT_NPALETTE 8
extern const char *const report_palette[REPORT_NPALETTE];

/* The charts, as inline SVG. */
void report_svg_pain(struct strbuf *b, const struct report *r,
		     const struct settings *set);
void report_svg_weeks(struct strbuf *b, const struct report *r,
		      const struct settings *set);
void report_svg_levels(struct strbuf *b, const struct report *r,
		       const struct settings *set);

#endif
