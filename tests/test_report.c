/* test_report.c - the record for a physiotherapist, built in memory: the
 * period and --since, the morning after taken from the next row, levels
 * from the rows before the period, red flags, hurting exercises, the
 * advice replayed, and the HTML's structure (one point per session, no
 * URL, escaped text). */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "app/report.h"
#include "fixture.h"
#include "testlib.h"

#define MON 20787L	/* 2026-11-30, a Monday */

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

static time_t
at(long day)
{
	return (time_t)day * 86400 + 8 * 3600;	/* 08:00 UTC */
}

/* Four sessions: core green, core amber with a hurting exercise and a
 * "worse" answer about the first, stretch skipped with urgent signs, and
 * core again the next week after a level change. */
static void
sample(struct history *h)
{
	static char plank[] = "Side plank", lt[] = "<x>";

	history_init(h);
	fixture_push(h, "core", at(MON - 14), 1, false, 2, 2, "level 1 -> 2: two green");
	fixture_push(h, "core", at(MON), 2, false, 5, 2, "level 2 stays: amber");
	h->rows[1].morning = CHECKIN_MORNING_WORSE;
	h->rows[1].hurt = plank;
	fixture_push(h, "stretch", at(MON + 1), 1, true, CHECKIN_PAIN_SKIPPED, 1, "level 1 stays");
	h->rows[2].urgent = true;
	fixture_push(h, lt, at(MON + 7), 1, false, 8, 1, "level 1 -> 1: pain 8");
	h->rows[3].morning = CHECKIN_MORNING_BETTER;
}

static void
opts(struct report_opts *o, struct settings *s, long since)
{
	settings_defaults(s);
	*o = (struct report_opts){ .since = since, .today = MON + 8,
				   .version = "9.9.9", .settings = s };
}

static void
test_parse_day(void)
{
	long d = 0;

	CHECK_INT(report_parse_day("2026-11-30", &d), 0);
	CHECK_INT(d, MON);
	CHECK_INT(report_parse_day("2024-02-29", &d), 0);
	CHECK_INT(report_parse_day("2026-02-29", &d), -1);
	CHECK_INT(report_parse_day("2026-13-01", &d), -1);
	CHECK_INT(report_parse_day("2026-1-05", &d), -1);
	CHECK_INT(report_parse_day("2026-11-30x", &d), -1);
	CHECK_INT(report_parse_day("2026/11/30", &d), -1);
	CHECK_INT(report_parse_day("", &d), -1);
	CHECK_INT(report_parse_day("0000-01-01", &d), -1);
}

static void
test_markdown(void)
{
	struct history h;
	struct settings s;
	struct report_opts o;
	char *md;

	sample(&h);
	opts(&o, &s, LONG_MIN);
	md = report_markdown(&h, &o);
	CHECK(strstr(md, "- Made: 2026-12-08 by limber 9.9.9\n") != NULL);
	CHECK(strstr(md, "- Period: 2026-11-16 to 2026-12-08, 4 weeks\n") != NULL);
	CHECK(strstr(md, "- Sessions: 4, 3 completed (75 %)\n") != NULL);
	/* the week of 30 Nov: two sessions, one stopped */
	CHECK(strstr(md, "| 2026-11-30 | 2 | 1 | 1 |") != NULL);
	CHECK(strstr(md, "| 2026-11-23 | 0 | 0 | 0 | 0 min |") != NULL);
	/* the "worse" stored in row 1 is the morning after row 0 */
	CHECK(strstr(md, "| 2026-11-16 08:00 | core | 1 | completed | 6 of 6 | 2 | worse |") != NULL);
	CHECK(strstr(md, "| 2026-12-01 08:00 | stretch | 1 | stopped | 2 of 6 | - | better |") != NULL);
	CHECK(strstr(md, "| 2026-12-07 08:00 | \\<x> | 1 | completed | 6 of 6 | 8 |  |") != NULL);
	CHECK(strstr(md, "| core | 2 | 1 | 2 | 2026-11-16: level 1 -> 2: two green |\n") != NULL);
	CHECK(strstr(md, "| 2026-12-01 08:00 | stretch | urgent signs |") != NULL);
	CHECK(strstr(md, "| Side plank | core | 1 | 2026-11-30 |") != NULL);
	/* advice replayed: emergency care, then the rest day after pain 8 */
	CHECK(strstr(md, "| 2026-12-01 08:00 | stretch | ") != NULL);
	CHECK(strstr(md, "emergency") != NULL);
	CHECK(strstr(md, "| 2026-12-07 08:00 | \\<x> | Take a rest day") != NULL);
	free(md);
	history_free(&h);
}

static void
test_since(void)
{
	struct history h;
	struct settings s;
	struct report_opts o;
	char *md;

	sample(&h);
	opts(&o, &s, MON);
	md = report_markdown(&h, &o);
	CHECK(strstr(md, "- Period: 2026-11-30 to 2026-12-08, 2 weeks\n") != NULL);
	CHECK(strstr(md, "- Sessions: 3, 2 completed (67 %)\n") != NULL);
	CHECK(strstr(md, "2026-11-16") == NULL);
	/* core began the period at the level the row before it set */
	CHECK(strstr(md, "| core | 1 | 2 | 2 | no change |\n") != NULL);
	free(md);
	o.since = MON + 30;
	md = report_markdown(&h, &o);
	CHECK(strstr(md, "- Sessions: none recorded in this period.\n") != NULL);
	CHECK(strstr(md, "## Pain") == NULL);
	free(md);
	history_free(&h);
}

static void
test_html(void)
{
	struct history h;
	struct settings s;
	struct report_opts o;
	char *html;

	sample(&h);
	opts(&o, &s, LONG_MIN);
	o.phase = "rehabilitation, day 20 <b>";
	html = report_html(&h, &o);
	CHECK(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
	CHECK(count(html, "<svg class=\"chart\"") == 3);
	CHECK(count(html, "class=\"pt ") == 4);	/* one per session */
	CHECK(count(html, "class=\"pt skipped\"") == 1);
	CHECK(count(html, "class=\"pt worse\"") == 1);
	CHECK(count(html, "class=\"pt better\"") == 0);	/* its pain was skipped */
	CHECK(count(html, "<path class=\"level\"") == 3);
	CHECK(strstr(html, "http") == NULL);
	CHECK(strstr(html, "src=") == NULL && strstr(html, "href=") == NULL);
	CHECK(strstr(html, "<x>") == NULL && strstr(html, "<b>") == NULL);
	CHECK(strstr(html, "&lt;x&gt;") != NULL);
	CHECK(strstr(html, "<li>Recovery: rehabilitation, day 20 &lt;b&gt;</li>") != NULL);
	CHECK(strstr(html, "@media print") != NULL);
	CHECK(strcmp(html + strlen(html) - 8, "</html>\n") == 0);
	free(html);
	history_free(&h);
	history_init(&h);
	html = report_html(&h, &o);
	CHECK(count(html, "<svg") == 0);
	CHECK(strstr(html, "none recorded") != NULL);
	free(html);
	history_free(&h);
}

int
main(void)
{
	TEST_RUN(test_parse_day);
	TEST_RUN(test_markdown);
	TEST_RUN(test_since);
	TEST_RUN(test_html);
	return t_done();
}
