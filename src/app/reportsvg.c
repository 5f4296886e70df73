/* reportsvg.c - the report's charts as inline SVG, and HTML escaping:
 * sessions per week, the pain after each session with the morning after,
 * and each routine's level over time. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app/report.h"
#include "app/reportint.h"

/* ---------------------------------------------------------------------
 * HTML with inline SVG charts. */

/* s escaped for HTML text and attributes; a line break becomes <br>. */
void
report_html_add(struct strbuf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': strbuf_adds(b, "&amp;"); break;
		case '<': strbuf_adds(b, "&lt;"); break;
		case '>': strbuf_adds(b, "&gt;"); break;
		case '"': strbuf_adds(b, "&quot;"); break;
		case '\'': strbuf_adds(b, "&#39;"); break;
		case '\n': strbuf_adds(b, "<br>"); break;
		default: strbuf_addc(b, *s);
		}
}

/* The charts' frame: a viewBox of CHART_W x CHART_H, the plot inside. */
#define CHART_W 760
#define CHART_H 240
#define PLOT_L 40
#define PLOT_R 16
#define PLOT_T 14
#define PLOT_B 40
#define PLOT_W (CHART_W - PLOT_L - PLOT_R)
#define PLOT_H (CHART_H - PLOT_T - PLOT_B)

static double
x_of(size_t i, size_t n)
{
	return n <= 1 ? PLOT_L + PLOT_W / 2.0 : PLOT_L + (double)i * PLOT_W / (double)(n - 1);
}

/* y of v on a scale from lo to hi */
static double
y_of(double v, double lo, double hi)
{
	return PLOT_T + PLOT_H - (v - lo) * PLOT_H / (hi - lo);
}

static void
svg_open(struct strbuf *b, const char *label)
{
	strbuf_addf(b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
		    "aria-label=\"%s\">\n",
		    CHART_W, CHART_H, label);
}

/* The y axis from lo to hi with a line and label every step. */
static void
svg_y_axis(struct strbuf *b, int lo, int hi, int step, const char *title)
{
	for (int v = lo; v <= hi; v += step) {
		double y = y_of(v, lo, hi);

		strbuf_addf(b, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
			    "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n",
			    PLOT_L, y, PLOT_L + PLOT_W, y, PLOT_L - 6, y + 4, v);
	}
	strbuf_addf(b, "<text class=\"axis\" x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" "
		    "text-anchor=\"middle\">%s</text>\n", PLOT_T + PLOT_H / 2,
		    PLOT_T + PLOT_H / 2, title);
}

/* Dates under the x axis at up to six of the n sessions. */
static void
svg_x_dates(struct strbuf *b, const struct report *r)
{
	size_t marks = r->n < 6 ? r->n : 6;

	for (size_t m = 0; m < marks; m++) {
		size_t i = marks == 1 ? 0 : m * (r->n - 1) / (marks - 1);
		char d[CALDATE_BUF];

		report_day_text(r->s[i].row->day, d);
		/* the first and last labels kept inside the frame */
		strbuf_addf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>\n",
			    x_of(i, r->n), CHART_H - PLOT_B + 18,
			    marks > 1 && m == 0 ? "start" : marks > 1 && m == marks - 1 ? "end" : "middle", d);
	}
}

void
report_svg_pain(struct strbuf *b, const struct report *r, const struct settings *set)
{
	const char *sep = "";

	svg_open(b, "pain after each session, 0 to 10");
	/* the traffic light behind the points */
	strbuf_addf(b, "<rect class=\"green\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\"/>\n"
		    "<rect class=\"amber\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\"/>\n"
		    "<rect class=\"red\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%.1f\"/>\n",
		    PLOT_L, y_of(set->pain_green_max + 0.5, 0, 10), PLOT_W,
		    y_of(0, 0, 10) - y_of(set->pain_green_max + 0.5, 0, 10),
		    PLOT_L, y_of(set->pain_hold_max + 0.5, 0, 10), PLOT_W,
		    y_of(set->pain_green_max + 0.5, 0, 10) - y_of(set->pain_hold_max + 0.5, 0, 10),
		    PLOT_L, PLOT_T, PLOT_W,
		    y_of(set->pain_hold_max + 0.5, 0, 10) - PLOT_T);
	svg_y_axis(b, 0, 10, 2, "pain");
	strbuf_adds(b, "<polyline class=\"line\" points=\"");
	for (size_t i = 0; i < r->n; i++)
		if (r->s[i].row->pain != CHECKIN_PAIN_SKIPPED) {
			strbuf_addf(b, "%s%.1f,%.1f", sep, x_of(i, r->n),
				    y_of(r->s[i].row->pain, 0, 10));
			sep = " ";
		}
	strbuf_adds(b, "\"/>\n");
	/* one point per session: a circle coloured by the morning after, or a
	 * hollow square under the axis where the pain was not answered */
	for (size_t i = 0; i < r->n; i++) {
		const struct history_row *row = r->s[i].row;
		const char *m = r->s[i].after == CHECKIN_MORNING_NONE ? "none" :
				checkin_morning_name(r->s[i].after);
		char when[24];

		report_when_text(row, when);
		if (row->pain == CHECKIN_PAIN_SKIPPED)
			strbuf_addf(b, "<rect class=\"pt skipped\" x=\"%.1f\" y=\"%d\" width=\"7\" height=\"7\">",
				    x_of(i, r->n) - 3.5, PLOT_T + PLOT_H + 3);
		else
			strbuf_addf(b, "<circle class=\"pt %s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\">",
				    m, x_of(i, r->n), y_of(row->pain, 0, 10));
		strbuf_addf(b, "<title>%s ", when);
		report_html_add(b, row->routine);
		if (row->pain == CHECKIN_PAIN_SKIPPED)
			strbuf_adds(b, ": pain not answered");
		else
			strbuf_addf(b, ": pain %d", row->pain);
		if (r->s[i].after != CHECKIN_MORNING_NONE)
			strbuf_addf(b, ", morning after %s", m);
		strbuf_addf(b, "</title></%s>\n",
			    row->pain == CHECKIN_PAIN_SKIPPED ? "rect" : "circle");
	}
	svg_x_dates(b, r);
	strbuf_adds(b, "</svg>\n");
}

void
report_svg_weeks(struct strbuf *b, const struct report *r, const struct settings *set)
{
	int per_week = set->sessions_per_week, top = per_week;
	double slot = (double)PLOT_W / (double)r->nw, bar = slot * 0.7;
	size_t every = (r->nw + 7) / 8;

	for (size_t k = 0; k < r->nw; k++)
		if (r->w[k].sessions > top)
			top = r->w[k].sessions;
	top = (top + 1) / 2 * 2 + 2;	/* even, with room above */
	svg_open(b, "sessions per week, completed and stopped");
	svg_y_axis(b, 0, top, top <= 10 ? 2 : top / 5, "sessions");
	for (size_t k = 0; k < r->nw; k++) {
		double x = PLOT_L + slot * (double)k + (slot - bar) / 2;
		double yc = y_of(r->w[k].completed, 0, top);
		double ys = y_of(r->w[k].sessions, 0, top);
		char d[CALDATE_BUF];

		report_day_text(r->w[k].monday, d);
		if (r->w[k].completed > 0)
			strbuf_addf(b, "<rect class=\"done\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
				    "<title>week of %s: %d completed</title></rect>\n",
				    x, yc, bar, y_of(0, 0, top) - yc, d, r->w[k].completed);
		if (r->w[k].sessions > r->w[k].completed)
			strbuf_addf(b, "<rect class=\"stopped\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
				    "<title>week of %s: %d stopped</title></rect>\n",
				    x, ys, bar, yc - ys, d, r->w[k].sessions - r->w[k].completed);
		if (k % every == 0)
			strbuf_addf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
				    x + bar / 2, CHART_H - PLOT_B + 18, d + 5);
	}
	strbuf_addf(b, "<line class=\"goal\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
		    "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d a week asked for</text>\n",
		    PLOT_L, y_of(per_week, 0, top), PLOT_L + PLOT_W, y_of(per_week, 0, top),
		    PLOT_L + PLOT_W, y_of(per_week, 0, top) - 4, per_week);
	strbuf_adds(b, "</svg>\n");
}

/* Print-friendly colours, distinct in grey too (dark, mid, dashed...). */
const char *const report_palette[REPORT_NPALETTE] = {
	"#1f4e9c", "#c25400", "#2e7d32", "#7b1fa2", "#00838f", "#6d4c41",
	"#ad1457", "#455a64",
};

void
report_svg_levels(struct strbuf *b, const struct report *r, const struct settings *set)
{
	size_t colour = 0;
	int hi = 4;	/* the highest level drawn, and room above it */

	for (size_t k = 0; k < r->nrt; k++)
		if (r->rt[k].sessions > 0 && r->rt[k].before + 1 > hi)
			hi = r->rt[k].before + 1;
	for (size_t i = 0; i < r->n; i++)
		if (r->s[i].row->next_level + 1 > hi)
			hi = r->s[i].row->next_level + 1;
	if (hi > 10)
		hi = 10;
	(void)set;
	svg_open(b, "each routine's level over time");
	svg_y_axis(b, 1, hi, 1, "level");
	for (size_t k = 0; k < r->nrt; k++) {
		const struct rroutine *rt = &r->rt[k];
		int level = rt->before;
		size_t first = r->n, last = 0;

		if (rt->sessions == 0)
			continue;
		for (size_t i = 0; i < r->n; i++)
			if (strcmp(r->s[i].row->routine, rt->name) == 0) {
				if (first == r->n)
					first = i;
				last = i;
			}
		strbuf_addf(b, "<path class=\"level\" stroke=\"%s\" d=\"M%.1f,%.1f",
			    report_palette[colour % REPORT_NPALETTE], x_of(first, r->n),
			    y_of(level, 1, hi) + 2.5 * (double)colour - 4);
		for (size_t i = first; i <= last; i++) {
			if (strcmp(r->s[i].row->routine, rt->name) != 0)
				continue;
			level = r->s[i].row->next_level;
			strbuf_addf(b, " H%.1f V%.1f", x_of(i, r->n),
				    y_of(level, 1, hi) + 2.5 * (double)colour - 4);
		}
		strbuf_addf(b, " H%d\"><title>", PLOT_L + PLOT_W);
		report_html_add(b, rt->name);
		strbuf_addf(b, ": level %d to %d</title></path>\n", rt->before, rt->now);
		colour++;
	}
	svg_x_dates(b, r);
	strbuf_adds(b, "</svg>\n");
}
