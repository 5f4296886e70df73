/* report.c - the record for a physiotherapist (see report.h). */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/coach.h"
#include "app/report.h"
#include "app/reportint.h"
#include "core/caldate.h"
#include "core/util.h"
#include "model/checkin.h"

static long
monday_of(long day)
{
	return day - caldate_weekday(day);
}

/* "2026-11-30" for a day number. */
void
report_day_text(long day, char buf[CALDATE_BUF])
{
	caldate_format(day, buf);
}

int
report_parse_day(const char *s, long *day)
{
	long y, m, d;

	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return -1;
	if (s[10] != '\0')
		return -1;
	y = strtol(s, NULL, 10);
	m = strtol(s + 5, NULL, 10);
	d = strtol(s + 8, NULL, 10);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > caldate_month_days(y, (int)m))
		return -1;	/* 2026-02-30 */
	*day = caldate_day(y, (int)m, (int)d);
	return 0;
}

static struct rroutine *
routine_of(struct report *r, const char *name)
{
	for (size_t i = 0; i < r->nrt; i++)
		if (strcmp(r->rt[i].name, name) == 0)
			return &r->rt[i];
	util_grow(&r->rt, &r->rtcap, r->nrt, sizeof *r->rt);
	memset(&r->rt[r->nrt], 0, sizeof *r->rt);
	r->rt[r->nrt].name = name;
	r->rt[r->nrt].before = r->rt[r->nrt].now = 1;
	return &r->rt[r->nrt++];
}

static void
add_hurts(struct report *r, const struct history_row *row)
{
	const char *p = row->hurt;
	char date[CALDATE_BUF];

	report_day_text(row->day, date);
	while (*p != '\0') {
		size_t len = strcspn(p, ";");
		struct rhurt *hu = NULL;

		for (size_t i = 0; i < r->nhu && hu == NULL; i++)
			if (strcmp(r->hu[i].routine, row->routine) == 0 &&
			    strlen(r->hu[i].exercise) == len &&
			    strncmp(r->hu[i].exercise, p, len) == 0)
				hu = &r->hu[i];
		if (hu == NULL && len > 0) {
			util_grow(&r->hu, &r->hucap, r->nhu, sizeof *r->hu);
			hu = &r->hu[r->nhu++];
			memset(hu, 0, sizeof *hu);
			hu->routine = row->routine;
			hu->exercise = xstrndup(p, len);
		}
		if (hu != NULL) {
			hu->times++;
			strbuf_addf(&hu->days, "%s%s", hu->days.len ? ", " : "", date);
		}
		p += len;
		if (*p == ';')
			p++;
	}
}

static size_t
count_hurt(const char *hurt)
{
	size_t n = 0;

	for (const char *p = hurt; *p != '\0'; p++)
		n += *p == ';';
	return hurt[0] != '\0' ? n + 1 : 0;
}

/* The advice the coach gave after rows[i], from the rows before it. */
static void
replay_advice(const struct history *h, size_t i, const struct settings *set,
	      int current, struct coach_decision *dec)
{
	const struct history_row *row = &h->rows[i];
	struct history before = *h;
	struct coach_input in = {
		.routine = row->routine,
		.level = row->level,
		.current_level = current,
		.one_off = row->level != current,
		.status = row->status,
		.hurt = count_hurt(row->hurt),
		.checkin = { row->pain, row->nerve, row->urgent, row->morning },
		.now = row->started,
	};

	before.n = i;
	coach_decide(set, &before, &in, dec);
}

static void
report_build(struct report *r, const struct history *h,
	     const struct report_opts *o)
{
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < h->n; i++) {
		const struct history_row *row = &h->rows[i];
		struct rroutine *rt = routine_of(r, row->routine);
		struct rsession *s;

		if (row->day < o->since) {
			rt->before = rt->now = row->next_level;
			continue;
		}
		util_grow(&r->s, &r->cap, r->n, sizeof *r->s);
		s = &r->s[r->n];
		s->row = row;
		s->after = i + 1 < h->n ? h->rows[i + 1].morning : CHECKIN_MORNING_NONE;
		replay_advice(h, i, o->settings, rt->now, &s->dec);
		r->completed += row->status == SESSION_COMPLETED;
		r->flags += row->nerve || row->urgent;
		r->advised += s->dec.ntext > 0;
		rt->sessions++;
		if (row->next_level != rt->now) {
			util_grow(&rt->ch, &rt->chcap, rt->nch, sizeof *rt->ch);
			rt->ch[rt->nch++] = (struct rchange){ r->n, rt->now,
				row->next_level, row->reason };
		}
		rt->now = row->next_level;
		add_hurts(r, row);
		r->n++;
	}
	if (r->n > 0) {
		long first = monday_of(r->s[0].row->day);
		long last = monday_of(o->today > r->s[r->n - 1].row->day ?
				      o->today : r->s[r->n - 1].row->day);

		r->nw = (size_t)((last - first) / 7 + 1);
		r->w = xcalloc(r->nw, sizeof *r->w);
		for (size_t k = 0; k < r->nw; k++)
			r->w[k].monday = first + 7 * (long)k;
		for (size_t i = 0; i < r->n; i++) {
			const struct history_row *row = r->s[i].row;
			struct rweek *w = &r->w[(monday_of(row->day) - first) / 7];

			w->sessions++;
			w->completed += row->status == SESSION_COMPLETED;
			w->done_s += row->done_s;
		}
	}
}

static void
report_free(struct report *r)
{
	for (size_t i = 0; i < r->nrt; i++)
		free(r->rt[i].ch);
	for (size_t i = 0; i < r->nhu; i++) {
		free(r->hu[i].exercise);
		strbuf_free(&r->hu[i].days);
	}
	free(r->rt);
	free(r->hu);
	free(r->w);
	free(r->s);
}

/* ---------------------------------------------------------------------
 * Words shared by both renderers. */

static const char *
morning_word(enum checkin_morning m)
{
	return m == CHECKIN_MORNING_NONE ? "" : checkin_morning_name(m);
}

static const char *
flags_word(const struct history_row *row)
{
	if (row->nerve && row->urgent)
		return "nerve and urgent signs";
	return row->urgent ? "urgent signs" : row->nerve ? "nerve signs" : "";
}

/* "2026-11-30 08:00" from the stored local time. */
void
report_when_text(const struct history_row *row, char buf[24])
{
	snprintf(buf, 24, "%.10s %.5s", row->started_text,
		 strlen(row->started_text) >= 16 ? row->started_text + 11 : "");
}

static void
pain_text(int pain, char buf[8])
{
	if (pain == CHECKIN_PAIN_SKIPPED)
		snprintf(buf, 8, "-");
	else
		snprintf(buf, 8, "%d", pain);
}

static void
minutes_text(long s, char buf[24])
{
	snprintf(buf, 24, "%ld min", (s + 30) / 60);
}

static int
percent(size_t part, size_t whole)
{
	return whole ? (int)((part * 200 + whole) / (whole * 2)) : 0;
}

static void
period_text(const struct report *r, const struct report_opts *o, char buf[2 * CALDATE_BUF + 8])
{
	char a[CALDATE_BUF], b[CALDATE_BUF];

	report_day_text(o->since != LONG_MIN ? o->since : r->s[0].row->day, a);
	report_day_text(o->today, b);
	snprintf(buf, 2 * CALDATE_BUF + 8, "%s to %s", a, b);
}

/* ---------------------------------------------------------------------
 * The report's tables, one per section, rendered as Markdown or HTML. */

#define TAB_MAX_COLS 7

/* Cells are plain text (a renderer escapes them); '\n' in a cell starts a
 * new line within it. */
struct rtable {
	const char *head[TAB_MAX_COLS];
	const char *align;	/* 'l' or 'r' per column */
	size_t ncol;
	char **cell;		/* row after row, ncol each */
	size_t ncells, cap;
};

static void ATTR_PRINTF(2, 3)
tab_cell(struct rtable *t, const char *fmt, ...)
{
	va_list ap;

	util_grow(&t->cell, &t->cap, t->ncells, sizeof *t->cell);
	va_start(ap, fmt);
	t->cell[t->ncells++] = xvasprintf(fmt, ap);
	va_end(ap);
}

static void
tab_free(struct rtable *t)
{
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cell[i]);
	free(t->cell);
}

static void
weeks_table(const struct report *r, struct rtable *t)
{
	*t = (struct rtable){ { "week of", "sessions", "completed", "stopped", "time" },
			      "lrrrr", 5, NULL, 0, 0 };
	for (size_t k = r->nw; k-- > 0;) {
		char d[CALDATE_BUF], m[24];

		report_day_text(r->w[k].monday, d);
		minutes_text(r->w[k].done_s, m);
		tab_cell(t, "%s", d);
		tab_cell(t, "%d", r->w[k].sessions);
		tab_cell(t, "%d", r->w[k].completed);
		tab_cell(t, "%d", r->w[k].sessions - r->w[k].completed);
		tab_cell(t, "%s", m);
	}
}

static void
pain_table(const struct report *r, struct rtable *t)
{
	*t = (struct rtable){ { "date", "routine", "level", "status", "exercises", "pain",
				"morning after" }, "llrlrrl", 7, NULL, 0, 0 };
	for (size_t i = 0; i < r->n; i++) {
		const struct history_row *row = r->s[i].row;
		char when[24], pain[8];

		report_when_text(row, when);
		pain_text(row->pain, pain);
		tab_cell(t, "%s", when);
		tab_cell(t, "%s", row->routine);
		tab_cell(t, "%d", row->level);
		tab_cell(t, "%s", session_status_name(row->status));
		tab_cell(t, "%ld of %ld", row->exercises_done, row->exercises_planned);
		tab_cell(t, "%s", pain);
		tab_cell(t, "%s", morning_word(r->s[i].after));
	}
}

static void
levels_table(const struct report *r, struct rtable *t)
{
	*t = (struct rtable){ { "routine", "sessions", "level at the start", "level now",
				"changes" }, "lrrrl", 5, NULL, 0, 0 };
	for (size_t k = 0; k < r->nrt; k++) {
		const struct rroutine *rt = &r->rt[k];
		struct strbuf ch = { 0 };

		if (rt->sessions == 0)
			continue;
		for (size_t c = 0; c < rt->nch; c++) {
			char d[CALDATE_BUF];

			report_day_text(r->s[rt->ch[c].at].row->day, d);
			strbuf_addf(&ch, "%s%s: ", c ? "\n" : "", d);
			if (rt->ch[c].reason[0] != '\0')
				strbuf_adds(&ch, rt->ch[c].reason);
			else
				strbuf_addf(&ch, "level %d -> %d", rt->ch[c].from, rt->ch[c].to);
		}
		tab_cell(t, "%s", rt->name);
		tab_cell(t, "%zu", rt->sessions);
		tab_cell(t, "%d", rt->before);
		tab_cell(t, "%d", rt->now);
		tab_cell(t, "%s", rt->nch ? ch.s : "no change");
		strbuf_free(&ch);
	}
}

static void
flags_table(const struct report *r, struct rtable *t)
{
	*t = (struct rtable){ { "date", "routine", "signs" }, "lll", 3, NULL, 0, 0 };
	for (size_t i = 0; i < r->n; i++) {
		const struct history_row *row = r->s[i].row;
		char when[24];

		if (!row->nerve && !row->urgent)
			continue;
		report_when_text(row, when);
		tab_cell(t, "%s", when);
		tab_cell(t, "%s", row->routine);
		tab_cell(t, "%s", flags_word(row));
	}
}

static void
hurts_table(const struct report *r, struct rtable *t)
{
	*t = (struct rtable){ { "exercise", "routine", "times", "dates" }, "llrl", 4,
			      NULL, 0, 0 };
	for (size_t k = 0; k < r->nhu; k++) {
		tab_cell(t, "%s", r->hu[k].exercise);
		tab_cell(t, "%s", r->hu[k].routine);
		tab_cell(t, "%d", r->hu[k].times);
		tab_cell(t, "%s", r->hu[k].days.s);
	}
}

static void
advice_table(const struct report *r, struct rtable *t)
{
	*t = (struct rtable){ { "date", "routine", "advice" }, "lll", 3, NULL, 0, 0 };
	for (size_t i = 0; i < r->n; i++) {
		char when[24];

		report_when_text(r->s[i].row, when);
		for (size_t a = 0; a < r->s[i].dec.ntext; a++) {
			tab_cell(t, "%s", when);
			tab_cell(t, "%s", r->s[i].row->routine);
			tab_cell(t, "%s", r->s[i].dec.text[a]);
		}
	}
}

/* The sections, in order; chart is the HTML's picture of the table. */
static const struct section {
	const char *title;
	const char *intro;	/* or NULL */
	const char *none;	/* said instead of an empty table */
	void (*table)(const struct report *, struct rtable *);
	void (*chart)(struct strbuf *, const struct report *, const struct settings *);
} sections[] = {
	{ "Sessions per week", NULL, "None.", weeks_table, report_svg_weeks },
	{ "Pain after each session",
	  "Pain 0-10 right after the session (- when not answered); the morning "
	  "after is the answer given before the next session: better, same or worse.",
	  "None.", pain_table, report_svg_pain },
	{ "Levels", NULL, "None.", levels_table, report_svg_levels },
	{ "Red flags", NULL, "None reported.", flags_table, NULL },
	{ "Exercises marked as hurting", NULL, "None.", hurts_table, NULL },
	{ "Advice limber gave", NULL, "None beyond the level decisions above.",
	  advice_table, NULL },
};

/* The lines at the top: when, by what, the period, the sessions, the
 * recovery; plain text, n of them into line[]. */
#define SUMMARY_MAX 5

static size_t
summary_lines(const struct report *r, const struct report_opts *o,
	      char *line[SUMMARY_MAX])
{
	char made[CALDATE_BUF], period[2 * CALDATE_BUF + 8];
	size_t n = 0;

	report_day_text(o->today, made);
	line[n++] = xasprintf("Made: %s by limber %s", made, o->version);
	if (o->phase != NULL)
		line[n++] = xasprintf("Recovery: %s", o->phase);
	if (r->n == 0) {
		line[n++] = xstrdup("Sessions: none recorded in this period.");
		return n;
	}
	period_text(r, o, period);
	line[n++] = xasprintf("Period: %s, %zu week%s", period, r->nw, r->nw == 1 ? "" : "s");
	line[n++] = xasprintf("Sessions: %zu, %zu completed (%d %%)", r->n, r->completed,
			      percent(r->completed, r->n));
	return n;
}

static const char report_intro[] =
	"What limber recorded, as the runner answered it: for a physiotherapist "
	"or doctor. limber is a coach, not a clinician.";

/* ---------------------------------------------------------------------
 * Markdown. */

/* s with the characters Markdown would read as markup escaped; a line
 * break within a table cell becomes <br>, as GitHub's tables take it. */
static void
md_add(struct strbuf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			strbuf_adds(b, "<br>");
			continue;
		}
		if (strchr("\\|*_`[]<", *s) != NULL)
			strbuf_addc(b, '\\');
		strbuf_addc(b, *s);
	}
}

static void
md_table(struct strbuf *b, const struct rtable *t)
{
	for (size_t c = 0; c < t->ncol; c++)
		strbuf_addf(b, "| %s ", t->head[c]);
	strbuf_adds(b, "|\n");
	for (size_t c = 0; c < t->ncol; c++)
		strbuf_adds(b, t->align[c] == 'r' ? "|--:" : "|---");
	strbuf_adds(b, "|\n");
	for (size_t i = 0; i < t->ncells; i++) {
		strbuf_adds(b, "| ");
		md_add(b, t->cell[i]);
		strbuf_adds(b, (i + 1) % t->ncol == 0 ? " |\n" : " ");
	}
}

char *
report_markdown(const struct history *h, const struct report_opts *o)
{
	struct strbuf b = { 0 };
	struct report r;
	char *line[SUMMARY_MAX];
	size_t n;

	report_build(&r, h, o);
	strbuf_addf(&b, "# limber report\n\n%s\n\n", report_intro);
	n = summary_lines(&r, o, line);
	for (size_t i = 0; i < n; i++) {
		strbuf_adds(&b, "- ");
		md_add(&b, line[i]);
		strbuf_adds(&b, "\n");
		free(line[i]);
	}
	for (size_t k = 0; r.n > 0 && k < ARRAY_LEN(sections); k++) {
		struct rtable t;

		strbuf_addf(&b, "\n## %s\n\n", sections[k].title);
		if (sections[k].intro != NULL)
			strbuf_addf(&b, "%s\n\n", sections[k].intro);
		sections[k].table(&r, &t);
		if (t.ncells == 0)
			strbuf_addf(&b, "%s\n", sections[k].none);
		else
			md_table(&b, &t);
		tab_free(&t);
	}
	report_free(&r);
	return strbuf_take(&b);
}

static void
html_table(struct strbuf *b, const struct rtable *t)
{
	strbuf_adds(b, "<table><tr>");
	for (size_t c = 0; c < t->ncol; c++)
		strbuf_addf(b, "<th%s>%s</th>", t->align[c] == 'r' ? " class=\"n\"" : "",
			    t->head[c]);
	for (size_t i = 0; i < t->ncells; i++) {
		size_t c = i % t->ncol;

		strbuf_addf(b, "%s<td%s>", c == 0 ? "</tr>\n<tr>" : "",
			    t->align[c] == 'r' ? " class=\"n\"" : "");
		report_html_add(b, t->cell[i]);
		strbuf_adds(b, "</td>");
	}
	strbuf_adds(b, "</tr></table>\n");
}

static void
html_key(struct strbuf *b, const char *colour, const char *label)
{
	strbuf_addf(b, "<span><i class=\"key\" style=\"background:%s\"></i>", colour);
	report_html_add(b, label);
	strbuf_adds(b, "</span>");
}

/* What the colours of each chart mean. */
static void
html_legend(struct strbuf *b, const struct report *r, const struct settings *set,
	    void (*chart)(struct strbuf *, const struct report *, const struct settings *))
{
	size_t colour = 0;

	strbuf_adds(b, "<p class=\"legend\">");
	if (chart == report_svg_weeks) {
		html_key(b, "#1f4e9c", "completed");
		html_key(b, "#9fb7e0", "stopped early");
		strbuf_addf(b, "dashed: %d a week asked for (sessions_per_week)",
			    set->sessions_per_week);
	} else if (chart == report_svg_pain) {
		strbuf_adds(b, "Morning after: ");
		html_key(b, "#2e7d32", "better");
		html_key(b, "#9e9e9e", "same");
		html_key(b, "#c62828", "worse");
		html_key(b, "#fff", "not asked");
		strbuf_addf(b, "<br>Bands: green 0-%d, amber %d-%d, red %d-10 (limber's "
			    "settings). A square under the axis: pain not answered.",
			    set->pain_green_max, set->pain_green_max + 1,
			    set->pain_hold_max, set->pain_hold_max + 1);
	} else {
		for (size_t k = 0; k < r->nrt; k++)
			if (r->rt[k].sessions > 0)
				html_key(b, report_palette[colour++ % REPORT_NPALETTE], r->rt[k].name);
	}
	strbuf_adds(b, "</p>\n");
}

static const char html_style[] =
"body{font-family:sans-serif;color:#000;background:#fff;max-width:820px;"
"margin:1.5em auto;padding:0 1em;line-height:1.35}\n"
"h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;"
"border-bottom:1px solid #999}\n"
"table{border-collapse:collapse;width:100%;font-size:.9em}"
"th,td{border:1px solid #bbb;padding:.2em .45em;text-align:left}"
"td.n,th.n{text-align:right}th{background:#eee}\n"
"svg.chart{width:100%;height:auto;max-width:760px;display:block;margin:.5em 0}\n"
".grid{stroke:#ddd;stroke-width:1}.tick{font-size:11px;fill:#333}"
".axis{font-size:12px;fill:#000}\n"
".green{fill:#e4f2e4}.amber{fill:#fcf1d8}.red{fill:#f9e0e0}\n"
".line{fill:none;stroke:#555;stroke-width:1.5}\n"
".pt{stroke:#000;stroke-width:1.2}.pt.better{fill:#2e7d32}.pt.same{fill:#9e9e9e}"
".pt.worse{fill:#c62828}.pt.none{fill:#fff}.pt.skipped{fill:#fff;stroke:#777}\n"
".done{fill:#1f4e9c}.stopped{fill:#9fb7e0}.goal{stroke:#000;stroke-dasharray:5 4}\n"
".level{fill:none;stroke-width:2.5}\n"
".legend span{display:inline-block;margin-right:1.2em}"
".key{display:inline-block;width:.8em;height:.8em;border:1px solid #000;"
"margin-right:.3em;vertical-align:-.05em}\n"
".note{color:#333;font-size:.9em}\n"
"section,table,svg{break-inside:avoid;page-break-inside:avoid}\n"
"@media print{body{margin:0;max-width:none}h2{break-after:avoid}}\n";

char *
report_html(const struct history *h, const struct report_opts *o)
{
	struct strbuf b = { 0 };
	struct report r;
	char *line[SUMMARY_MAX], made[CALDATE_BUF];
	size_t n;

	report_build(&r, h, o);
	report_day_text(o->today, made);
	strbuf_addf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<title>limber report, %s</title>\n<style>\n%s</style>\n</head>\n<body>\n"
		    "<h1>limber report</h1>\n<p class=\"note\">%s</p>\n<ul>\n",
		    made, html_style, report_intro);
	n = summary_lines(&r, o, line);
	for (size_t i = 0; i < n; i++) {
		strbuf_adds(&b, "<li>");
		report_html_add(&b, line[i]);
		strbuf_adds(&b, "</li>\n");
		free(line[i]);
	}
	strbuf_adds(&b, "</ul>\n");
	for (size_t k = 0; r.n > 0 && k < ARRAY_LEN(sections); k++) {
		struct rtable t;

		strbuf_addf(&b, "<section><h2>%s</h2>\n", sections[k].title);
		if (sections[k].chart != NULL) {
			sections[k].chart(&b, &r, o->settings);
			html_legend(&b, &r, o->settings, sections[k].chart);
		}
		if (sections[k].intro != NULL)
			strbuf_addf(&b, "<p class=\"note\">%s</p>\n", sections[k].intro);
		sections[k].table(&r, &t);
		if (t.ncells == 0)
			strbuf_addf(&b, "<p>%s</p>\n", sections[k].none);
		else
			html_table(&b, &t);
		tab_free(&t);
		strbuf_adds(&b, "</section>\n");
	}
	strbuf_adds(&b, "</body>\n</html>\n");
	report_free(&r);
	return strbuf_take(&b);
}
