/* histprint.c - printing the history for `limber history` and `stats`. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app/histprint.h"
#include "core/caldate.h"
#include "core/text.h"
#include "core/util.h"
#include "model/checkin.h"

static void
put_padded(FILE *fp, const char *s, size_t width)
{
	size_t w = (size_t)text_width(s);

	fputs(s, fp);
	for (; w < width; w++)
		fputc(' ', fp);
}

static char *
done_text(const struct history_row *r)
{
	char clock[TEXT_CLOCK_BUF];

	return xasprintf("%ld/%ld %s", r->exercises_done, r->exercises_planned,
			 text_clock(clock, sizeof clock, r->done_s));
}

/* The red flags answered yes: "none", "nerve", "urgent", "nerve, urgent". */
static const char *
flags_text(const struct history_row *r)
{
	if (r->nerve && r->urgent)
		return "nerve, urgent";
	return r->urgent ? "urgent" : r->nerve ? "nerve" : "none";
}

/* The morning after the session before, as this row answered it. */
static const char *
morning_text(const struct history_row *r)
{
	return r->morning == CHECKIN_MORNING_NONE ? "-"
						  : checkin_morning_name(r->morning);
}

void
histprint_table(FILE *fp, const struct history *h)
{
	size_t wr = strlen("routine"), wd = strlen("done");
	size_t wf = strlen("red flags"), wm = strlen("morning");

	if (h->n == 0) {
		fputs("No sessions yet.\n", fp);
		return;
	}
	for (size_t i = 0; i < h->n; i++) {
		char *done = done_text(&h->rows[i]);

		if ((size_t)text_width(h->rows[i].routine) > wr)
			wr = (size_t)text_width(h->rows[i].routine);
		if (strlen(done) > wd)
			wd = strlen(done);
		if (strlen(flags_text(&h->rows[i])) > wf)
			wf = strlen(flags_text(&h->rows[i]));
		if (strlen(morning_text(&h->rows[i])) > wm)
			wm = strlen(morning_text(&h->rows[i]));
		free(done);
	}
	put_padded(fp, "date", 18);
	put_padded(fp, "routine", wr + 2);
	put_padded(fp, "level", 7);
	put_padded(fp, "status", 11);
	put_padded(fp, "done", wd + 2);
	put_padded(fp, "pain", 6);
	put_padded(fp, "morning", wm + 2);
	put_padded(fp, "red flags", wf + 2);
	fputs("decision\n", fp);
	for (size_t i = h->n; i-- > 0;) {
		const struct history_row *r = &h->rows[i];
		char *done = done_text(r);
		char date[17], level[12], pain[12];

		snprintf(date, sizeof date, "%.10s %.5s", r->started_text,
			 r->started_text + 11);
		snprintf(level, sizeof level, "%d", r->level);
		if (r->pain >= 0)
			snprintf(pain, sizeof pain, "%d", r->pain);
		else
			strcpy(pain, "-");
		put_padded(fp, date, 18);
		put_padded(fp, r->routine, wr + 2);
		put_padded(fp, level, 7);
		put_padded(fp, history_status_name(r->status), 11);
		put_padded(fp, done, wd + 2);
		put_padded(fp, pain, 6);
		put_padded(fp, morning_text(r), wm + 2);
		put_padded(fp, flags_text(r), wf + 2);
		if (r->reason[0])
			fprintf(fp, "%s\n", r->reason);
		else
			fprintf(fp, "level %d -> %d\n", r->level, r->next_level);
		free(done);
	}
}

void
histprint_csv(FILE *fp, const struct history *h)
{
	struct strbuf b = { 0 };

	fputs(HISTORY_HEADER "\n", fp);
	for (size_t i = 0; i < h->n; i++) {
		b.len = 0;
		history_row_add_csv(&b, &h->rows[i]);
		fwrite(b.s, 1, b.len, fp);
	}
	strbuf_free(&b);
}

/* Rising, falling or steady: the newer half of the answers against the
 * older half (the pain-monitoring model asks that pain not rise week to
 * week). */
static const char *
trend_word(const struct history_stats *st)
{
	double older = 0, newer = 0;
	size_t half, seen = 0, no = 0, nn = 0;

	if (st->npain < 4)
		return NULL;
	half = st->npain / 2;
	for (size_t i = 0; i < st->ntrend; i++) {
		if (st->trend[i] < 0)
			continue;
		if (seen++ < half) {
			older += st->trend[i];
			no++;
		} else {
			newer += st->trend[i];
			nn++;
		}
	}
	older /= (double)no;
	newer /= (double)nn;
	if (newer - older >= 1.0)
		return "rising";
	if (older - newer >= 1.0)
		return "falling";
	return "steady";
}

static void
print_chart(FILE *fp, const struct history_stats *st, bool utf8)
{
	const char *full = utf8 ? "\u2588" : "#";
	const char *half = utf8 ? "\u2584" : ".";
	const char *vbar = utf8 ? "\u2502" : "|";
	const char *corner = utf8 ? "\u2514" : "+";
	const char *hbar = utf8 ? "\u2500" : "-";
	bool skipped = false;

	fprintf(fp, "Pain after the last %zu %s (0-10, oldest on the left)\n",
		st->ntrend, text_plural((long)st->ntrend, "session", "sessions"));
	for (int v = 10; v >= 2; v -= 2) {
		fprintf(fp, "  %2d %s", v, vbar);
		for (size_t i = 0; i < st->ntrend; i++) {
			int p = st->trend[i];

			fputs(p >= v ? full : p == v - 1 ? half : " ", fp);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "   0 %s", corner);
	for (size_t i = 0; i < st->ntrend; i++) {
		fputs(st->trend[i] < 0 ? "?" : hbar, fp);
		skipped |= st->trend[i] < 0;
	}
	fputc('\n', fp);
	if (skipped)
		fputs("     (? = pain not answered)\n", fp);
}

void
histprint_stats(FILE *fp, const struct history *h, time_t now, bool utf8)
{
	struct history_stats st;

	history_stats(h, now, &st);
	histprint_stats_from(fp, &st, utf8);
}

void
histprint_stats_from(FILE *fp, const struct history_stats *sp, bool utf8)
{
	const struct history_stats st = *sp;
	const char *full = utf8 ? "\u2588" : "#";
	const char *word;

	if (st.sessions == 0) {
		fputs("No sessions yet.\n", fp);
		return;
	}
	fprintf(fp, "Sessions        %zu (%zu completed, %d%%)\n", st.sessions,
		st.completed, st.completed_pct);
	fprintf(fp, "Current streak  %d %s\n", st.streak_current,
		text_plural(st.streak_current, "day", "days"));
	fprintf(fp, "Longest streak  %d %s\n", st.streak_longest,
		text_plural(st.streak_longest, "day", "days"));

	/* newest first, as `history` lists the sessions */
	fputs("\nSessions per week (Monday to Sunday), newest first\n", fp);
	for (int w = 0; w < HISTORY_WEEKS; w++) {
		char date[CALDATE_BUF];

		caldate_format(st.week_start[w], date);
		fprintf(fp, "  week of %s  %2d  ", date, st.per_week[w]);
		for (int i = 0; i < st.per_week[w] && i < 20; i++)
			fputs(full, fp);
		fputs(w == 0 ? " (this week)\n" : "\n", fp);
	}

	fputc('\n', fp);
	print_chart(fp, &st, utf8);
	if (st.npain == 0) {
		fputs("No pain answers yet.\n", fp);
		return;
	}
	word = trend_word(&st);
	fprintf(fp, "Average pain %.1f over %zu %s%s%s\n", st.pain_mean, st.npain,
		text_plural((long)st.npain, "answer", "answers"),
		word ? "; trend: " : "", word ? word : "");
}
