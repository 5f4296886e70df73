/* test_history.c - history.csv: reading, appending, queries, stats, output. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/histprint.h"
#include "core/caldate.h"
#include "fixture.h"
#include "history/histsum.h"
#include "history/history.h"
#include "testlib.h"

#define NOW 1795003200		/* 2026-11-18 12:00:00 UTC, a Wednesday */
#define SUMMER 1782907200	/* 2026-07-01 12:00:00 UTC */
#define HOUR 3600
#define DAY 86400
/* Central European time without tzdata: +01:00, +02:00 in summer. */
#define TZ_CET "CET-1CEST,M3.5.0,M10.5.0/3"

static void
set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void
write_all(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	fputs(text, fp);
	fclose(fp);
	chmod(path, 0600);	/* as limber keeps a history */
}

static void
copy_file(const char *from, const char *to)
{
	char *text = fixture_read_all(from, NULL);

	CHECK(text != NULL);
	write_all(to, text ? text : "");
	free(text);
}

static size_t
count_str(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static char *
print_to_string(void (*fn)(FILE *, const struct history *),
		const struct history *h)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	fn(fp, h);
	fclose(fp);
	return buf;
}

static char *
stats_to_string(const struct history *h, time_t now, bool utf8)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	histprint_stats(fp, h, now, utf8);
	fclose(fp);
	return buf;
}

/* A session's row, compactly. */
struct spec {
	const char *routine;
	time_t started;
	int level;
	bool stopped;
	int pain;
	int next_level;
};

static void
make_row(struct history_row *row, const struct spec *s)
{
	fixture_row(row, s->routine, s->started, s->level, s->stopped, s->pain,
		    s->next_level, NULL);
}

static void
push(struct history *h, const char *routine, time_t started, int pain)
{
	fixture_push(h, routine, started, 3, false, pain, 3, NULL);
}

/* Check every diagnostic against "PATH:" + expected[i]; a NULL-free
 * prefix match when the expected text ends in '*'. */
static void
check_diags(const struct diag_list *d, const char *path,
	    const char *const *expected, size_t n)
{
	CHECK_INT(d->n, n);
	for (size_t i = 0; i < d->n && i < n; i++) {
		char *got = diag_format(&d->v[i]);
		char *want = xasprintf("%s:%s", path, expected[i]);
		size_t wl = strlen(want);

		if (wl && want[wl - 1] == '*') {
			if (strncmp(got, want, wl - 1) != 0)
				CHECK_STR(got, want);
		} else {
			CHECK_STR(got, want);
		}
		free(got);
		free(want);
	}
}

/* --------------------------------------------------------------------- */

static void
test_row_make_and_offsets(void)
{
	static const struct {
		const char *tz;
		time_t t;
		const char *text;
		long off;
	} cases[] = {
		{ "UTC", NOW, "2026-11-18T12:00:00+00:00", 0 },
		{ TZ_CET, NOW, "2026-11-18T13:00:00+01:00", 3600 },
		{ TZ_CET, SUMMER, "2026-07-01T14:00:00+02:00", 7200 },
		{ "NST3:30", NOW, "2026-11-18T08:30:00-03:30", -12600 },
		{ "IST-5:30", NOW + 45 * 60 + 7, "2026-11-18T18:15:07+05:30",
		  19800 },
		/* Late evening UTC is already tomorrow in the east. */
		{ "JST-9", NOW + 11 * HOUR, "2026-11-19T08:00:00+09:00", 32400 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct history_row row;
		struct spec s = { "core", cases[i].t, 4, false, 2, 5 };

		set_tz(cases[i].tz);
		make_row(&row, &s);
		CHECK_STR(row.started_text, cases[i].text);
		CHECK_INT(row.utc_offset, cases[i].off);
		CHECK_INT(row.started, cases[i].t);
		CHECK_INT(row.day, caldate_local_day(cases[i].t));
		history_row_free(&row);
	}
	set_tz("UTC");
}

static void
test_row_make_fields(void)
{
	struct session_record rec;
	struct exercise_record ex[3];
	struct checkin ci;
	struct history_row row;
	char *line;

	set_tz(TZ_CET);
	memset(&rec, 0, sizeof rec);
	memset(ex, 0, sizeof ex);
	ex[0].name = "plank";
	ex[0].outcome = EXO_HURT;
	ex[1].name = "bird dog";
	ex[1].outcome = EXO_DONE;
	ex[2].name = "side plank,\nleft";
	ex[2].outcome = EXO_HURT;
	rec.ex = ex;
	rec.nex = 3;
	rec.level = 6;
	rec.status = SESSION_STOPPED;
	rec.planned_ms = 754499;	/* rounds down */
	rec.done_ms = 300500;		/* rounds up */
	rec.exercises_planned = 3;
	rec.exercises_done = 1;
	rec.exercises_hurt = 2;
	checkin_init(&ci);
	ci.morning = CHECKIN_MORNING_WORSE;
	ci.nerve = true;
	ci.urgent = true;
	history_row_make(&row, "my \"core\"", &rec, NOW, &ci, 5,
			 "level 6 -> 5: the morning after the last session was "
			 "worse");
	line = history_row_csv(&row);
	CHECK_STR(line, "2026-11-18T13:00:00+01:00,\"my \"\"core\"\"\",6,stopped,"
		  "754,301,3,1,,worse,nerve;urgent,\"plank;side plank, left\",5,"
		  "level 6 -> 5: the morning after the last session was worse\n");
	CHECK_STR(row.hurt, "plank;side plank, left");
	CHECK_INT(row.pain, CHECKIN_PAIN_SKIPPED);
	CHECK_INT(row.line, 0);
	free(line);
	history_row_free(&row);

	/* A routine run by its path is named by the file, which may hold
	 * any byte: the row holds only what reading takes back. */
	ex[0].name = "tab\there";
	history_row_make(&row, "esc\x1b[31m del\x7f c1\xc2\x9b bad\xff \xc3\xa9",
			 &rec, NOW, &ci, 5, "ok");
	CHECK_STR(row.routine, "esc?[31m del? c1? bad? \xc3\xa9");
	CHECK_STR(row.hurt, "tab\there;side plank, left");
	history_row_free(&row);
	set_tz("UTC");
}

static void
test_round_trip_and_modes(void)
{
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/data/deeper/limber/history.csv", dir);
	char *sub;
	struct spec specs[] = {
		{ "core", NOW - 2 * DAY, 4, false, 2, 4 },
		{ "stretch, gentle", NOW - DAY, 2, true, -1, 2 },
		{ "core", NOW, 4, false, 10, 2 },
	};
	struct history h;
	struct diag_list d;
	struct strbuf want = { 0 };
	char *text;
	mode_t old = umask(0);

	set_tz(TZ_CET);
	diag_init(&d);
	strbuf_adds(&want, HISTORY_HEADER "\n");
	for (size_t i = 0; i < ARRAY_LEN(specs); i++) {
		struct history_row row;
		char *line;

		make_row(&row, &specs[i]);
		line = history_row_csv(&row);
		strbuf_adds(&want, line);
		CHECK_INT(history_append(path, &row, &d), 0);
		free(line);
		history_row_free(&row);
	}
	umask(old);
	diag_print(&d, stdout);
	CHECK_INT(d.n, 0);

	/* Private even under umask 0. */
	CHECK_INT(fixture_mode_of(path), 0600);
	sub = xasprintf("%s/data", dir);
	CHECK_INT(fixture_mode_of(sub), 0700);
	free(sub);
	sub = xasprintf("%s/data/deeper/limber", dir);
	CHECK_INT(fixture_mode_of(sub), 0700);
	free(sub);

	text = fixture_read_all(path, NULL);
	CHECK_STR(text, want.s);
	CHECK_INT(count_str(text, "started,routine"), 1);
	CHECK(strstr(text, "\n2026-11-17T13:00:00+01:00,\"stretch, gentle\",2,"
		     "stopped,600,123,6,2,,,none,,2,level 2 -> 2: test\n") != NULL);

	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(h.n, 3);
	for (size_t i = 0; i < h.n && i < ARRAY_LEN(specs); i++) {
		const struct history_row *r = &h.rows[i];

		CHECK_STR(r->routine, specs[i].routine);
		CHECK_INT(r->started, specs[i].started);
		CHECK_INT(r->utc_offset, 3600);
		CHECK_INT(r->level, specs[i].level);
		CHECK_INT(r->status, specs[i].stopped ? SESSION_STOPPED
						       : SESSION_COMPLETED);
		CHECK_INT(r->pain, specs[i].pain);
		CHECK_INT(r->next_level, specs[i].next_level);
		CHECK_INT(r->line, (long)i + 2);
		CHECK_INT(r->planned_s, 600);
	}
	/* What --csv prints is what was stored. */
	{
		char *csv = print_to_string(histprint_csv, &h);

		CHECK_STR(csv, text);
		free(csv);
	}
	free(text);
	history_free(&h);
	diag_free(&d);
	strbuf_free(&want);
	fixture_remove_tree(dir);
	free(path);
	free(dir);
	set_tz("UTC");
}

/* Even a umask that takes the owner's own bits gives 0700 and 0600. */
static void
test_restrictive_umask(void)
{
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/limber/history.csv", dir);
	char *sub = xasprintf("%s/limber", dir);
	struct spec s = { "core", NOW, 1, false, 0, 1 };
	struct history_row row;
	struct diag_list d;
	mode_t old = umask(0377);

	diag_init(&d);
	make_row(&row, &s);
	CHECK_INT(history_append(path, &row, &d), 0);
	CHECK_INT(history_append(path, &row, &d), 0);
	umask(old);
	diag_print(&d, stdout);
	CHECK_INT(fixture_mode_of(sub), 0700);
	CHECK_INT(fixture_mode_of(path), 0600);
	history_row_free(&row);
	diag_free(&d);
	fixture_remove_tree(dir);
	free(sub);
	free(path);
	free(dir);
}

/* An existing empty file gets the header; an existing one does not. */
static void
test_header_once(void)
{
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/history.csv", dir);
	struct spec s = { "core", NOW, 1, false, 0, 1 };
	struct history_row row;
	struct diag_list d;
	char *text;

	diag_init(&d);
	write_all(path, "");
	chmod(path, 0644);
	make_row(&row, &s);
	CHECK_INT(history_append(path, &row, &d), 0);
	CHECK_INT(history_append(path, &row, &d), 0);
	CHECK_INT(history_append(path, &row, &d), 0);
	text = fixture_read_all(path, NULL);
	CHECK_INT(count_str(text, HISTORY_HEADER), 1);
	CHECK(strncmp(text, HISTORY_HEADER "\n", strlen(HISTORY_HEADER) + 1) == 0);
	CHECK_INT(count_str(text, "\n"), 4);
	/* Health data is private: a file of the user's own that others
	 * could read is made 0600, and that is said once. */
	CHECK_INT(fixture_mode_of(path), 0600);
	CHECK_INT(d.n, 1);
	if (d.n == 1)
		CHECK(strstr(d.v[0].msg, "open to others (mode 0644): limber "
			     "made it private (0600)") != NULL);
	free(text);
	history_row_free(&row);
	diag_free(&d);
	fixture_remove_tree(dir);
	free(path);
	free(dir);
}

static void
test_good_fixture(void)
{
	char *path = fixture_data_path("history/good.csv");
	struct history h;
	struct diag_list d;
	const struct history_row *r;

	diag_init(&d);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	diag_print(&d, stdout);
	CHECK_INT(d.n, 0);
	CHECK_INT(h.n, 3);
	if (h.n == 3) {
		r = &h.rows[1];
		CHECK_STR(r->started_text, "2026-11-03T18:30:00+01:00");
		CHECK_INT(r->started, 1793727000);
		CHECK_INT(r->utc_offset, 3600);
		CHECK_STR(r->routine, "stretch");
		CHECK_INT(r->level, 2);
		CHECK_INT(r->status, SESSION_STOPPED);
		CHECK_INT(r->planned_s, 420);
		CHECK_INT(r->done_s, 300);
		CHECK_INT(r->exercises_planned, 7);
		CHECK_INT(r->exercises_done, 5);
		CHECK_INT(r->pain, CHECKIN_PAIN_SKIPPED);
		CHECK_INT(r->morning, CHECKIN_MORNING_WORSE);
		CHECK(r->nerve);
		CHECK(!r->urgent);
		CHECK_STR(r->hurt, "hamstring stretch;child's pose");
		CHECK_INT(r->next_level, 2);
		CHECK_STR(r->reason, "level 2 stays: nerve signs reported");
		CHECK_INT(r->line, 3);
		CHECK_INT(h.rows[2].morning, CHECKIN_MORNING_BETTER);
		CHECK_STR(h.rows[2].reason, "level 4 -> 5: two green sessions "
			  "in a row (pain 2, 1)");
	}
	CHECK_INT(history_level(&h, "core"), 5);
	CHECK_INT(history_level(&h, "stretch"), 2);
	CHECK_INT(history_level(&h, "mcgill"), 1);
	CHECK(history_last(&h, "core") == &h.rows[2]);
	CHECK(history_last(&h, "stretch") == &h.rows[1]);
	CHECK(history_last(&h, NULL) == &h.rows[2]);
	CHECK(history_last(&h, "mcgill") == NULL);
	history_free(&h);
	diag_free(&d);
	free(path);
}

static void
test_damaged_rows(void)
{
	static const char *const expected[] = {
		"3: warning: 13 fields, but the header has 14; row skipped",
		"4: warning: started: expected a date and time like "
		"2026-11-21T07:30:05+01:00, found `2026-13-01T07:00:00+01:00`; "
		"row skipped",
		"5: warning: routine: empty; row skipped",
		"6: warning: level: expected a whole number from 1 to 10, found "
		"`11`; row skipped",
		"7: warning: status: expected completed or stopped, found "
		"`finished`; row skipped",
		"8: warning: planned_s: expected a whole number from 0 to "
		"10000000, found `abc`; row skipped",
		"9: warning: pain: expected a whole number from 0 to 10 or "
		"nothing, found `11`; row skipped",
		"10: warning: morning: expected better, same, worse or nothing, "
		"found `b`; row skipped",
		"11: warning: red_flags: expected none, nerve, urgent or "
		"nerve;urgent, found `back`; row skipped",
		"12: warning: next_level: expected a whole number from 1 to 10, "
		"found `0`; row skipped",
		"13: warning: *",
		"17: warning: done_s: expected a whole number from 0 to 10000000, "
		"found `-5`; row skipped",
		/* as a spreadsheet writes it back: read as local time */
		"18: warning: started `2026-11-05T07:00:00` has no UTC offset "
		"(as a spreadsheet saves it): read as local time, here and in "
		"every row like it",
		/* and the row lost for its date is said to matter */
		" warning: 1 session skipped because the date could not be read "
		"(core): levels may show lower than they are; write the dates "
		"like 2026-11-21T07:30:05+01:00 and they count again",
	};
	char *path = fixture_data_path("history/damaged.csv");
	struct history h;
	struct diag_list d;
	size_t len1, len2;
	char *before = fixture_read_all(path, &len1), *after;
	char *msg;

	diag_init(&d);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	check_diags(&d, path, expected, ARRAY_LEN(expected));
	CHECK_INT(d.errors, 0);
	if (d.n > 10) {
		msg = diag_format(&d.v[10]);
		CHECK(util_endswith(msg, "; skipped"));
		free(msg);
	}
	/* Everything else is used. */
	CHECK_INT(h.n, 4);
	if (h.n == 4) {
		CHECK_INT(h.rows[0].line, 2);
		CHECK_INT(h.rows[1].line, 14);
		CHECK_INT(h.rows[2].line, 16);
		CHECK_INT(h.rows[3].line, 18);
	}
	CHECK_INT(history_level(&h, "mcgill"), 3);
	CHECK_INT(history_level(&h, "core"), 4);
	/* Reading never writes. */
	after = fixture_read_all(path, &len2);
	CHECK_INT(len1, len2);
	CHECK(before && after && memcmp(before, after, len1) == 0);
	free(before);
	free(after);
	history_free(&h);
	diag_free(&d);
	free(path);
}

/* Timestamps as a spreadsheet writes them back: a space for the T, no
 * seconds, no offset (local time, one warning for all of them). */
static void
test_spreadsheet_dates(void)
{
	static const char text[] =
		HISTORY_HEADER "\n"
		"2026-07-01 09:30:00,core,2,completed,600,600,6,6,1,,none,,2,x\n"
		"2026-07-02 09:30,core,2,completed,600,600,6,6,1,,none,,3,up\n"
		"2026-07-03 09:30+02:00,gentle,1,completed,600,600,6,6,1,,none,,1,x\n"
		"03.07.2026 09:30,mcgill,4,completed,600,600,6,6,1,,none,,5,x\n"
		"2026-07-04 9:30,mcgill,5,completed,600,600,6,6,1,,none,,6,x\n";
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/sheet-dates.csv", dir);
	struct history h;
	struct diag_list d;
	char *msg;

	set_tz(TZ_CET);
	write_all(path, text);
	diag_init(&d);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	CHECK_INT(h.n, 3);
	if (h.n == 3) {
		/* 09:30 in summer in CET is 07:30 UTC */
		CHECK_INT(h.rows[0].started, SUMMER - 12 * HOUR + 7 * HOUR + 1800);
		CHECK_INT(h.rows[0].utc_offset, 2 * HOUR);
		/* written back as limber writes it, so it reads back quietly */
		CHECK_STR(h.rows[0].started_text, "2026-07-01T09:30:00+02:00");
		CHECK_STR(h.rows[1].started_text, "2026-07-02T09:30:00+02:00");
		CHECK_STR(h.rows[2].started_text, "2026-07-03T09:30:00+02:00");
		CHECK_INT(h.rows[1].started, SUMMER + DAY - 5 * HOUR + 1800);
		CHECK_INT(h.rows[2].started, SUMMER + 2 * DAY - 5 * HOUR + 1800);
	}
	CHECK_INT(history_level(&h, "core"), 3);
	CHECK_INT(d.n, 4);
	if (d.n == 4) {
		msg = diag_format(&d.v[0]);
		CHECK(strstr(msg, "sheet-dates.csv:2: warning: started "
			      "`2026-07-01 09:30:00` has no UTC offset") != NULL);
		free(msg);
		msg = diag_format(&d.v[3]);
		CHECK(strstr(msg, "sheet-dates.csv: warning: 2 sessions skipped "
			      "because the date could not be read (mcgill): "
			      "levels may show lower than they are") != NULL);
		free(msg);
	}
	/* mcgill's newest rows could not be read: its level is not 6 */
	CHECK_INT(history_level(&h, "mcgill"), 1);
	history_free(&h);
	diag_free(&d);
	set_tz("UTC");
	fixture_remove_tree(dir);
	free(path);
	free(dir);
}

/* A power cut mid-write: the torn line is skipped, the rest used; the
 * next append starts on a fresh line and is read back whole. */
static void
test_torn_last_line(void)
{
	static const char *const expected[] = {
		"4: warning: incomplete last line (no newline at the end: a write "
		"cut short?); row skipped",
	};
	static const char *const after_append[] = {
		"4: warning: 4 fields, but the header has 14; row skipped",
	};
	char *fixture = fixture_data_path("history/torn.csv");
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/history.csv", dir);
	struct spec s = { "mcgill", NOW, 2, false, 1, 2 };
	struct history_row row;
	struct history h;
	struct diag_list d;
	size_t len1, len2;
	char *before, *after;

	copy_file(fixture, path);
	before = fixture_read_all(path, &len1);
	diag_init(&d);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	check_diags(&d, path, expected, ARRAY_LEN(expected));
	CHECK_INT(h.n, 2);
	after = fixture_read_all(path, &len2);
	CHECK_INT(len1, len2);
	CHECK(memcmp(before, after, len1) == 0);
	free(after);
	history_free(&h);
	diag_free(&d);

	make_row(&row, &s);
	diag_init(&d);
	CHECK_INT(history_append(path, &row, &d), 0);
	after = fixture_read_all(path, &len2);
	/* The old bytes stay, a newline, then the row. */
	CHECK(len2 > len1 && memcmp(before, after, len1) == 0);
	CHECK(after[len1] == '\n');
	CHECK_INT(count_str(after, HISTORY_HEADER), 1);
	free(after);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	check_diags(&d, path, after_append, ARRAY_LEN(after_append));
	CHECK_INT(h.n, 3);
	if (h.n == 3) {
		CHECK_STR(h.rows[2].routine, "mcgill");
		CHECK_INT(h.rows[2].line, 5);
	}
	history_free(&h);
	diag_free(&d);
	history_row_free(&row);
	free(before);
	fixture_remove_tree(dir);
	free(path);
	free(dir);
	free(fixture);
}

/* Bytes that are not UTF-8 text in one row (another encoding, the zeros a
 * power cut leaves) cost that row; a file emptied by hand, or holding only
 * zeros, gets a header with its first row; a file whose every line is
 * unreadable has no header, which is an error. */
static void
test_damaged_bytes(void)
{
	static const char good[] =
		"2026-11-02T07:00:00+01:00,core,4,completed,600,590,6,6,2,,none,,"
		"4,level 4 stays\n";
	static const char *const latin1[] = {
		"3: warning: not UTF-8 text: byte 0xe9; skipped",
	};
	static const char *const zeros_line[] = {
		"1: warning: not text: byte 0x00 (NUL); skipped",
	};
	static const char *const no_header[] = {
		"1: error: not text: byte 0x00 (NUL)",
		" error: no header line could be read (expected " HISTORY_HEADER ")",
	};
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/history.csv", dir);
	struct spec sp = { "gentle", NOW, 1, false, 0, 1 };
	struct history_row row;
	struct history h;
	struct diag_list d;
	char *text;
	FILE *fp;

	/* a Latin-1 routine name in the middle row */
	text = xasprintf("%s\n%s2026-11-03T07:00:00+01:00,caf\xe9,4,completed,"
			 "600,590,6,6,2,,none,,4,x\n%s", HISTORY_HEADER, good, good);
	write_all(path, text);
	free(text);
	history_init(&h);
	diag_init(&d);
	CHECK_INT(history_load(&h, path, &d), 0);
	check_diags(&d, path, latin1, ARRAY_LEN(latin1));
	CHECK_INT(h.n, 2);
	history_free(&h);
	diag_free(&d);

	/* `echo > history.csv`: the next row comes with a header */
	make_row(&row, &sp);
	write_all(path, "\n");
	diag_init(&d);
	CHECK_INT(history_append(path, &row, &d), 0);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(h.n, 1);
	history_free(&h);
	diag_free(&d);

	/* only zeros: an error to read; after an append, the zeros are one
	 * skipped line and the header and row follow */
	fp = fopen(path, "wb");
	for (int i = 0; i < 512; i++)
		fputc(0, fp);
	fclose(fp);
	history_init(&h);
	diag_init(&d);
	CHECK_INT(history_load(&h, path, &d), -1);
	check_diags(&d, path, no_header, ARRAY_LEN(no_header));
	history_free(&h);
	diag_free(&d);
	diag_init(&d);
	CHECK_INT(history_append(path, &row, &d), 0);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	check_diags(&d, path, zeros_line, ARRAY_LEN(zeros_line));
	CHECK_INT(h.n, 1);
	if (h.n == 1)
		CHECK_INT(h.rows[0].line, 3);
	history_free(&h);
	diag_free(&d);

	history_row_free(&row);
	fixture_remove_tree(dir);
	free(path);
	free(dir);
}

/* Torn inside a quoted field: without care the next row would vanish into
 * the open quote. */
static void
test_torn_inside_quotes(void)
{
	char *fixture = fixture_data_path("history/torn_quoted.csv");
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/history.csv", dir);
	struct spec s = { "mcgill", NOW, 2, false, 1, 3 };
	struct history_row row;
	struct history h;
	struct diag_list d;
	char *msg;

	copy_file(fixture, path);
	diag_init(&d);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	CHECK_INT(h.n, 2);
	CHECK_INT(d.n, 1);
	CHECK_INT(d.errors, 0);
	if (d.n) {
		msg = diag_format(&d.v[0]);
		CHECK(strncmp(msg, path, strlen(path)) == 0);
		CHECK(strncmp(msg + strlen(path), ":4: warning: ", 13) == 0);
		free(msg);
	}
	history_free(&h);
	diag_free(&d);

	make_row(&row, &s);
	diag_init(&d);
	CHECK_INT(history_append(path, &row, &d), 0);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	diag_print(&d, stdout);
	/* The torn row was closed (its reason cut short) and the new row
	 * is whole. */
	CHECK_INT(d.n, 0);
	CHECK_INT(h.n, 4);
	if (h.n == 4) {
		CHECK_STR(h.rows[2].reason, "level 4 -> 5: two green sessions "
			  "in a row (pain");
		CHECK_STR(h.rows[3].routine, "mcgill");
		CHECK_INT(h.rows[3].next_level, 3);
		CHECK_STR(h.rows[3].reason, "level 2 -> 3: test");
		CHECK_INT(h.rows[3].line, 5);
	}
	history_free(&h);
	diag_free(&d);
	history_row_free(&row);
	fixture_remove_tree(dir);
	free(path);
	free(dir);
	free(fixture);
}

static void
test_reordered_header(void)
{
	char *path = fixture_data_path("history/reordered.csv");
	struct history h;
	struct diag_list d;
	char *csv;

	diag_init(&d);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	diag_print(&d, stdout);
	CHECK_INT(d.n, 0);
	CHECK_INT(h.n, 1);
	if (h.n == 1) {
		CHECK_STR(h.rows[0].routine, "gentle");
		CHECK_INT(h.rows[0].level, 3);
		CHECK_INT(h.rows[0].pain, 5);
		CHECK_INT(h.rows[0].morning, CHECKIN_MORNING_SAME);
		CHECK_INT(h.rows[0].done_s, 100);
		CHECK_INT(h.rows[0].planned_s, 120);
		CHECK_INT(h.rows[0].exercises_done, 4);
		CHECK_INT(h.rows[0].exercises_planned, 5);
	}
	/* --csv gives the canonical order. */
	csv = print_to_string(histprint_csv, &h);
	CHECK_STR(csv, HISTORY_HEADER "\n2026-11-02T07:00:00+01:00,gentle,3,"
		  "completed,120,100,5,4,5,same,none,,3,level 3 stays: pain "
		  "4-5 is acceptable if it settles by tomorrow (pain 5)\n");
	free(csv);
	history_free(&h);
	diag_free(&d);
	free(path);
}

/* Found by fuzz_history (fuzz/corpus/history/regress_blank_edges.csv):
 * a quoted field that starts or ends with a blank was printed by --csv
 * without quotes, and libcsv trims blanks around an unquoted field, so the
 * rows read back changed.  --csv must print what reads back unchanged. */
static void
test_blank_edges_round_trip(void)
{
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/history.csv", dir);
	struct history h, again;
	struct diag_list d;
	char *csv;

	set_tz("UTC");
	write_all(path, HISTORY_HEADER "\n"
		  "2026-11-04T07:10:00+01:00,\" core\",4,completed,600,600,"
		  "6,6,1,better,none,\"back \",5,\"\t\tlevel 4 -> 5\"\n");
	diag_init(&d);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	diag_print(&d, stdout);
	CHECK_INT(d.n, 0);
	CHECK_INT(h.n, 1);
	if (h.n == 1) {
		CHECK_STR(h.rows[0].routine, " core");
		CHECK_STR(h.rows[0].hurt, "back ");
		CHECK_STR(h.rows[0].reason, "\t\tlevel 4 -> 5");
	}
	csv = print_to_string(histprint_csv, &h);
	CHECK(strstr(csv, ",\" core\",") != NULL);
	CHECK(strstr(csv, ",\"back \",5,\"\t\tlevel 4 -> 5\"\n") != NULL);
	write_all(path, csv);
	history_init(&again);
	CHECK_INT(history_load(&again, path, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(again.n, 1);
	if (h.n == 1 && again.n == 1) {
		CHECK_STR(again.rows[0].routine, h.rows[0].routine);
		CHECK_STR(again.rows[0].hurt, h.rows[0].hurt);
		CHECK_STR(again.rows[0].reason, h.rows[0].reason);
	}
	free(csv);
	history_free(&again);
	history_free(&h);
	diag_free(&d);
	fixture_remove_tree(dir);
	free(path);
	free(dir);
}

static void
test_missing_column(void)
{
	static const char *const expected[] = {
		"1: error: the header lacks the column(s) next_level (expected "
		HISTORY_HEADER ")",
	};
	char *path = fixture_data_path("history/missing_column.csv");
	struct history h;
	struct diag_list d;

	diag_init(&d);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), -1);
	CHECK_INT(h.n, 0);
	check_diags(&d, path, expected, ARRAY_LEN(expected));
	history_free(&h);
	diag_free(&d);
	free(path);
}

static void
test_missing_and_unreadable(void)
{
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/nothing/history.csv", dir);
	struct history h;
	struct diag_list d;
	char *msg;

	diag_init(&d);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	CHECK_INT(h.n, 0);
	CHECK_INT(d.n, 0);
	/* A directory cannot be read, root or not. */
	CHECK_INT(history_load(&h, dir, &d), -1);
	CHECK_INT(d.errors, 1);
	if (d.n) {
		msg = diag_format(&d.v[0]);
		CHECK(strncmp(msg, dir, strlen(dir)) == 0);
		CHECK(util_endswith(msg, ": error: cannot read: Is a directory"));
		free(msg);
	}
	/* An empty file is an empty history. */
	free(path);
	path = xasprintf("%s/empty.csv", dir);
	write_all(path, "");
	diag_free(&d);
	diag_init(&d);
	CHECK_INT(history_load(&h, path, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(h.n, 0);
	history_free(&h);
	diag_free(&d);
	fixture_remove_tree(dir);
	free(path);
	free(dir);
}

#define PER_CHILD 500

static void
append_many(char *dir, char *path, const char *routine)
{
	struct diag_list d;
	int failed = 0;

	diag_init(&d);
	for (int i = 0; i < PER_CHILD; i++) {
		struct spec s = { routine, NOW + i, 1 + i % 10, false, i % 11,
				  1 + i % 10 };
		struct history_row row;

		make_row(&row, &s);
		row.done_s = i;
		if (history_append(path, &row, &d) < 0)
			failed = 1;
		history_row_free(&row);
	}
	diag_print(&d, stderr);
	diag_free(&d);
	free(path);
	free(dir);
	_exit(failed);
}

static void
test_concurrent_appends(void)
{
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/limber/history.csv", dir);
	const char *names[2] = { "alpha", "a much longer routine name, with "
				 "a comma and \"quotes\", to make rows long" };
	pid_t pid[2];
	struct history h;
	struct diag_list d;
	int next[2] = { 0, 0 };
	char *text;

	fflush(stdout);
	for (int c = 0; c < 2; c++) {
		pid[c] = fork();
		if (pid[c] == 0)
			append_many(dir, path, names[c]);
		CHECK(pid[c] > 0);
	}
	for (int c = 0; c < 2; c++) {
		int status = -1;

		if (pid[c] > 0)
			waitpid(pid[c], &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	text = fixture_read_all(path, NULL);
	CHECK(text != NULL);
	CHECK_INT(count_str(text ? text : "", "started,routine"), 1);
	free(text);

	diag_init(&d);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	diag_print(&d, stdout);
	CHECK_INT(d.n, 0);
	CHECK_INT(h.n, 2 * PER_CHILD);
	/* Whole rows, each process's in its own order. */
	for (size_t i = 0; i < h.n; i++) {
		int c = strcmp(h.rows[i].routine, names[0]) == 0 ? 0 : 1;

		CHECK_STR(h.rows[i].routine, names[c]);
		if (h.rows[i].done_s != next[c]) {
			CHECK_INT(h.rows[i].done_s, next[c]);
			break;
		}
		next[c]++;
	}
	CHECK_INT(next[0], PER_CHILD);
	CHECK_INT(next[1], PER_CHILD);
	history_free(&h);
	diag_free(&d);
	fixture_remove_tree(dir);
	free(path);
	free(dir);
}

/* While another process holds the lock, an append waits for it. */
static void
test_append_waits_for_the_lock(void)
{
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/history.csv", dir);
	struct spec s = { "core", NOW, 1, false, 0, 1 };
	struct history_row row;
	struct timespec pause = { 0, 300 * 1000 * 1000 };
	size_t len;
	char *text;
	pid_t pid;
	int fd, status = -1;

	make_row(&row, &s);
	fd = open(path, O_RDWR | O_CREAT, 0600);
	CHECK(fd >= 0);
	CHECK_INT(flock(fd, LOCK_EX), 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct diag_list d;
		int rc;

		diag_init(&d);
		rc = history_append(path, &row, &d);
		diag_free(&d);
		history_row_free(&row);
		free(path);
		free(dir);
		_exit(rc == 0 ? 0 : 1);
	}
	CHECK(pid > 0);
	nanosleep(&pause, NULL);
	/* Still waiting: nothing written, not finished. */
	CHECK_INT(waitpid(pid, &status, WNOHANG), 0);
	text = fixture_read_all(path, &len);
	CHECK_INT(len, 0);
	free(text);
	/* The lock holder writes the header meanwhile. */
	CHECK(write(fd, HISTORY_HEADER "\n", strlen(HISTORY_HEADER) + 1) > 0);
	CHECK_INT(flock(fd, LOCK_UN), 0);
	close(fd);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	text = fixture_read_all(path, &len);
	CHECK_INT(count_str(text, HISTORY_HEADER), 1);
	CHECK_INT(count_str(text, "\n"), 2);
	free(text);
	history_row_free(&row);
	fixture_remove_tree(dir);
	free(path);
	free(dir);
}

static void
check_one_error(const struct diag_list *d, const char *want)
{
	CHECK_INT(d->n, 1);
	CHECK_INT(d->errors, 1);
	if (d->n) {
		char *msg = diag_format(&d->v[0]);

		CHECK_STR(msg, want);
		free(msg);
	}
}

static void
test_unwritable(void)
{
	char *dir = fixture_temp_dir("history");
	char *file = xasprintf("%s/file", dir);
	char *path = xasprintf("%s/limber/history.csv", file);
	struct spec s = { "core", NOW, 1, false, 0, 1 };
	struct history_row row;
	struct diag_list d;
	char *want;

	make_row(&row, &s);
	/* A path component that is a regular file. */
	write_all(file, "not a directory\n");
	diag_init(&d);
	CHECK_INT(history_append(path, &row, &d), -1);
	want = xasprintf("%s: error: cannot create the directory %s/limber: "
			 "Not a directory", path, file);
	check_one_error(&d, want);
	free(want);
	diag_free(&d);
	free(path);

	/* The file itself under a regular file. */
	path = xasprintf("%s/history.csv", file);
	diag_init(&d);
	CHECK_INT(history_append(path, &row, &d), -1);
	want = xasprintf("%s: error: cannot open for appending: Not a directory",
			 path);
	check_one_error(&d, want);
	free(want);
	diag_free(&d);
	free(path);

	/* A directory where the file should be. */
	diag_init(&d);
	CHECK_INT(history_append(dir, &row, &d), -1);
	want = xasprintf("%s: error: cannot open for appending: Is a directory",
			 dir);
	check_one_error(&d, want);
	free(want);
	diag_free(&d);

	/* A device is no history (a full disk is tried end to end, in
	 * faults.sh). */
	if (access("/dev/full", W_OK) == 0) {
		diag_init(&d);
		CHECK_INT(history_append("/dev/full", &row, &d), -1);
		check_one_error(&d, "/dev/full: error: cannot open for "
				"appending: it is a character device, not a "
				"regular file");
		diag_free(&d);
	} else {
		printf("# /dev/full not writable here; skipped that case\n");
	}

	/* A read-only directory stops everyone but root. */
	if (geteuid() != 0) {
		char *ro = xasprintf("%s/ro", dir);

		mkdir(ro, 0500);
		path = xasprintf("%s/history.csv", ro);
		diag_init(&d);
		CHECK_INT(history_append(path, &row, &d), -1);
		want = xasprintf("%s: error: cannot open for appending: "
				 "Permission denied", path);
		check_one_error(&d, want);
		free(want);
		diag_free(&d);
		chmod(ro, 0700);
		free(path);
		free(ro);
	} else {
		printf("# running as root: permissions do not stop writes, "
		       "read-only case skipped\n");
	}
	history_row_free(&row);
	fixture_remove_tree(dir);
	free(file);
	free(dir);
}

static void
test_local_day_and_ago(void)
{
	struct history h;
	char buf[64];

	set_tz(TZ_CET);
	/* 23:30 and 00:30 local are different days, though the same UTC
	 * day. */
	CHECK_INT(caldate_local_day(NOW - 13 * HOUR - 30 * 60) + 1,
		  caldate_local_day(NOW - 12 * HOUR - 30 * 60));
	CHECK_INT(caldate_local_day(NOW), NOW / DAY);	/* 2026-11-18 */
	history_init(&h);
	push(&h, "core", NOW - 3 * HOUR, 2);			/* 10:00 */
	push(&h, "core", NOW - 13 * HOUR - 30 * 60, 2);		/* 23:30 yesterday */
	push(&h, "core", NOW - 3 * DAY, 2);
	push(&h, "core", NOW - 6 * DAY, 2);
	push(&h, "core", NOW - 7 * DAY, 2);
	push(&h, "core", NOW + DAY, 2);
	CHECK_STR(history_ago(&h.rows[0], NOW, buf, sizeof buf), "today 10:00");
	CHECK_STR(history_ago(&h.rows[1], NOW, buf, sizeof buf),
		  "yesterday 23:30");
	CHECK_STR(history_ago(&h.rows[2], NOW, buf, sizeof buf), "3 days ago");
	CHECK_STR(history_ago(&h.rows[3], NOW, buf, sizeof buf), "6 days ago");
	CHECK_STR(history_ago(&h.rows[4], NOW, buf, sizeof buf), "2026-11-11");
	CHECK_STR(history_ago(&h.rows[5], NOW, buf, sizeof buf), "2026-11-19");
	/* 00:30 the next day: the 10:00 session was yesterday. */
	CHECK_STR(history_ago(&h.rows[0], NOW + 11 * HOUR + 30 * 60, buf,
			      sizeof buf), "yesterday 10:00");
	history_free(&h);
	set_tz("UTC");
}

static void
test_streaks(void)
{
	static const int days_ago[] = { 8, 7, 7, 6, 4 };
	struct history h;
	struct history_stats st;

	set_tz(TZ_CET);
	history_init(&h);
	/* Three days in a row (two sessions on one of them count once),
	 * a gap, one day, a gap... */
	for (size_t i = 0; i < ARRAY_LEN(days_ago); i++)
		push(&h, "core", NOW - days_ago[i] * DAY, 2);
	/* ... then 23:30 yesterday and 00:30 today local time: the same
	 * day in UTC, two days here. */
	push(&h, "core", NOW - 13 * HOUR - 30 * 60, 2);
	push(&h, "stretch", NOW - 12 * HOUR - 30 * 60, 2);

	history_stats(&h, NOW, &st);
	CHECK_INT(st.sessions, 7);
	CHECK_INT(st.streak_current, 2);
	CHECK_INT(st.streak_longest, 3);
	/* Tomorrow the streak is still alive (yesterday had one)... */
	history_stats(&h, NOW + DAY, &st);
	CHECK_INT(st.streak_current, 2);
	/* ... the day after it is over. */
	history_stats(&h, NOW + 2 * DAY, &st);
	CHECK_INT(st.streak_current, 0);
	CHECK_INT(st.streak_longest, 3);

	/* In UTC those last two are one day: current streak 1. */
	set_tz("UTC");
	history_free(&h);
	history_init(&h);
	for (size_t i = 0; i < ARRAY_LEN(days_ago); i++)
		push(&h, "core", NOW - days_ago[i] * DAY, 2);
	push(&h, "core", NOW - 13 * HOUR - 30 * 60, 2);
	push(&h, "stretch", NOW - 12 * HOUR - 30 * 60, 2);
	history_stats(&h, NOW, &st);
	CHECK_INT(st.streak_current, 1);
	history_stats(&h, NOW - DAY, &st);
	CHECK_INT(st.streak_current, 1);
	history_free(&h);

	/* A longer current streak than any before. */
	history_init(&h);
	push(&h, "core", NOW - 10 * DAY, 2);
	for (int i = 5; i >= 0; i--)
		push(&h, "core", NOW - i * DAY, 2);
	history_stats(&h, NOW, &st);
	CHECK_INT(st.streak_current, 6);
	CHECK_INT(st.streak_longest, 6);
	history_free(&h);

	/* Empty. */
	history_init(&h);
	history_stats(&h, NOW, &st);
	CHECK_INT(st.sessions, 0);
	CHECK_INT(st.streak_current, 0);
	CHECK_INT(st.streak_longest, 0);
	CHECK_INT(st.completed_pct, 0);
	history_free(&h);
}

static void
test_sessions_per_week(void)
{
	/* NOW is Wednesday 2026-11-18; this week began Monday 11-16. */
	static const int days_ago[] = {
		52,	/* Sunday 09-27: before the eight weeks */
		51,	/* Monday 09-28: the oldest week */
		10,	/* Sunday 11-08 */
		9,	/* Monday 11-09 */
		3,	/* Sunday 11-15 */
		2,	/* Monday 11-16 */
		0,	/* today */
		0,
		-4,	/* Sunday 11-22: this week, in the future */
		-5,	/* Monday 11-23: next week, not counted */
	};
	static const int want[HISTORY_WEEKS] = { 4, 2, 1, 0, 0, 0, 0, 1 };
	struct history h;
	struct history_stats st;

	set_tz("UTC");
	history_init(&h);
	for (size_t i = 0; i < ARRAY_LEN(days_ago); i++)
		push(&h, "core", NOW - days_ago[i] * DAY, 2);
	history_stats(&h, NOW, &st);
	for (int w = 0; w < HISTORY_WEEKS; w++) {
		CHECK_INT(st.per_week[w], want[w]);
		CHECK_INT(st.week_start[w], NOW / DAY - 2 - 7 * w);	/* 11-16 */
	}
	/* On Monday the new week starts empty-handed but for Monday. */
	history_stats(&h, NOW + 5 * DAY, &st);
	CHECK_INT(st.per_week[0], 1);
	CHECK_INT(st.per_week[1], 4);
	history_free(&h);
}

static void
test_completion_and_trend(void)
{
	struct history h;
	struct history_stats st;
	struct spec s = { "core", NOW, 2, true, 5, 2 };
	struct history_row row;

	history_init(&h);
	for (int i = 0; i < 35; i++)
		push(&h, "core", NOW - (35 - i) * HOUR, i % 3 == 0 ? -1 : i % 11);
	make_row(&row, &s);
	history_push(&h, &row);
	history_stats(&h, NOW, &st);
	CHECK_INT(st.sessions, 36);
	CHECK_INT(st.completed, 35);
	CHECK_INT(st.completed_pct, 97);
	/* The last 30, oldest first. */
	CHECK_INT(st.ntrend, HISTORY_TREND);
	CHECK_INT(st.trend[0], -1);		/* i = 6 */
	CHECK_INT(st.trend[1], 7);		/* i = 7 */
	CHECK_INT(st.trend[29], 5);		/* the stopped one */
	CHECK_INT(st.npain, 20);
	{
		int sum = 0;

		for (int i = 6; i < 35; i++)
			if (i % 3 != 0)
				sum += i % 11;
		sum += 5;
		CHECK(st.pain_mean > sum / 20.0 - 1e-9 &&
		      st.pain_mean < sum / 20.0 + 1e-9);
	}
	history_free(&h);
}

/* A small history whose printouts are checked to the byte. */
static void
small_history(struct history *h)
{
	static const struct spec specs[] = {
		{ "core", NOW - 8 * DAY, 4, false, 2, 4 },
		{ "stretch", NOW - 7 * DAY, 2, true, -1, 2 },
		{ "core", NOW - 6 * DAY, 4, false, 1, 5 },
		{ "core", NOW - 1 * DAY, 5, false, 7, 4 },
		{ "core", NOW, 4, false, 4, 4 },
	};

	history_init(h);
	for (size_t i = 0; i < ARRAY_LEN(specs); i++) {
		struct history_row row;

		make_row(&row, &specs[i]);
		history_push(h, &row);
	}
}

static void
test_print_history(void)
{
	struct history h;
	char *out;

	set_tz("UTC");
	small_history(&h);
	out = print_to_string(histprint_table, &h);
	CHECK_STR(out,
		  "date              routine  level  status     done       pain  morning  red flags  decision\n"
		  "2026-11-18 12:00  core     4      completed  6/6 10:00  4     -        none       level 4 -> 4: test\n"
		  "2026-11-17 12:00  core     5      completed  6/6 10:00  7     -        none       level 5 -> 4: test\n"
		  "2026-11-12 12:00  core     4      completed  6/6 10:00  1     -        none       level 4 -> 5: test\n"
		  "2026-11-11 12:00  stretch  2      stopped    2/6 2:03   -     -        none       level 2 -> 2: test\n"
		  "2026-11-10 12:00  core     4      completed  6/6 10:00  2     -        none       level 4 -> 4: test\n");
	free(out);
	history_free(&h);

	history_init(&h);
	out = print_to_string(histprint_table, &h);
	CHECK_STR(out, "No sessions yet.\n");
	free(out);
	out = print_to_string(histprint_csv, &h);
	CHECK_STR(out, HISTORY_HEADER "\n");
	free(out);
	out = stats_to_string(&h, NOW, false);
	CHECK_STR(out, "No sessions yet.\n");
	free(out);
	history_free(&h);
}

/* Columns line up by display width: a CJK character takes two columns, a
 * combining mark none (counting characters got both wrong). */
static void
test_print_wide(void)
{
	static const struct spec specs[] = {
		{ "\u8170\u75db\u30b1\u30a2", NOW - DAY, 3, false, 2, 3 },
		{ "cafe\u0301", NOW, 4, false, 1, 4 },
	};
	struct history h;
	char *out;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL) {
		printf("# no UTF-8 locale: wide characters not tried\n");
		return;
	}
	history_init(&h);
	for (size_t i = 0; i < ARRAY_LEN(specs); i++)
		fixture_push(&h, specs[i].routine, specs[i].started,
			     specs[i].level, specs[i].stopped, specs[i].pain,
			     specs[i].next_level, NULL);
	out = print_to_string(histprint_table, &h);
	/* the routine column is 8 columns wide (the CJK name) plus 2 */
	CHECK_STR(out,
		  "date              routine   level  status     done       pain  morning  red flags  decision\n"
		  "2026-11-18 12:00  cafe\u0301      4      completed  6/6 10:00  1     -        none       level 4 -> 4: test\n"
		  "2026-11-17 12:00  \u8170\u75db\u30b1\u30a2  3      completed  6/6 10:00  2     -        none       level 3 -> 3: test\n");
	free(out);
	history_free(&h);
	setlocale(LC_CTYPE, "C");
}

static void
test_print_stats(void)
{
	struct history h;
	char *out;

	set_tz("UTC");
	small_history(&h);
	out = stats_to_string(&h, NOW, false);
	CHECK_STR(out,
		  "Sessions        5 (4 completed, 80%)\n"
		  "Current streak  2 days\n"
		  "Longest streak  3 days\n"
		  "\n"
		  "Sessions per week (Monday to Sunday), newest first\n"
		  "  week of 2026-11-16   2  ## (this week)\n"
		  "  week of 2026-11-09   3  ###\n"
		  "  week of 2026-11-02   0  \n"
		  "  week of 2026-10-26   0  \n"
		  "  week of 2026-10-19   0  \n"
		  "  week of 2026-10-12   0  \n"
		  "  week of 2026-10-05   0  \n"
		  "  week of 2026-09-28   0  \n"
		  "\n"
		  "Pain after the last 5 sessions (0-10, oldest on the left)\n"
		  "  10 |     \n"
		  "   8 |   . \n"
		  "   6 |   # \n"
		  "   4 |   ##\n"
		  "   2 |# .##\n"
		  "   0 +-?---\n"
		  "     (? = pain not answered)\n"
		  "Average pain 3.5 over 4 answers; trend: rising\n");
	for (const char *p = out; *p; p++)
		if ((unsigned char)*p >= 128) {
			CHECK(!"ASCII only");
			break;
		}
	free(out);

	out = stats_to_string(&h, NOW, true);
	CHECK(strstr(out, "   8 \u2502   \u2584 \n") != NULL);
	CHECK(strstr(out, "   2 \u2502\u2588 \u2584\u2588\u2588\n") != NULL);
	CHECK(strstr(out, "   0 \u2514\u2500?\u2500\u2500\u2500\n") != NULL);
	CHECK(strstr(out, "  week of 2026-11-09   3  \u2588\u2588\u2588\n") != NULL);
	CHECK(strchr(out, '#') == NULL);
	free(out);
	history_free(&h);
}

static void
test_trend_words(void)
{
	static const struct {
		int pains[6];
		const char *want;
	} cases[] = {
		{ { 5, 5, 5, 2, 2, 2 }, "trend: falling" },
		{ { 2, 2, 3, 3, 3, 2 }, "trend: steady" },
		{ { 2, 2, 2, 3, 3, 3 }, "trend: rising" },
		{ { 2, 2, 2, 3, 3, 4 }, "trend: rising" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct history h;
		char *out;

		history_init(&h);
		for (int k = 0; k < 6; k++)
			push(&h, "core", NOW - (6 - k) * HOUR, cases[i].pains[k]);
		out = stats_to_string(&h, NOW, false);
		CHECK(strstr(out, cases[i].want) != NULL);
		free(out);
		history_free(&h);
	}
}

/* The fields of a row as they read back, for comparing. */
static bool
same_row(const struct history_row *a, const struct history_row *b)
{
	return strcmp(a->started_text, b->started_text) == 0 &&
	       a->started == b->started && strcmp(a->routine, b->routine) == 0 &&
	       a->level == b->level && a->status == b->status &&
	       a->planned_s == b->planned_s && a->done_s == b->done_s &&
	       a->exercises_planned == b->exercises_planned &&
	       a->exercises_done == b->exercises_done && a->pain == b->pain &&
	       a->morning == b->morning && a->nerve == b->nerve &&
	       a->urgent == b->urgent && a->next_level == b->next_level &&
	       strcmp(a->hurt, b->hurt) == 0 && strcmp(a->reason, b->reason) == 0;
}

/* A row full of values, with a hurt list and a reason that need quotes. */
static void
full_row(struct history_row *row)
{
	struct spec s = { "core", NOW, 4, false, 3, 5 };

	make_row(row, &s);
	row->morning = CHECKIN_MORNING_WORSE;
	row->nerve = true;
	free(row->hurt);
	row->hurt = xstrdup("Bridge;Bird dog");
	free(row->reason);
	row->reason = xstrdup("level 4 -> 5: two green sessions (pain 1, 2)");
}

/* Issue 7: a header that cannot read a new row back must not get one.
 * The file stays as it was; the row goes to history-rescued.csv beside
 * it, a history of its own; the error names the file, the header's line,
 * what is wrong and where the row went. */
static void
test_append_under_broken_header(void)
{
	static const struct {
		const char *text;
		const char *why;
		long line;
	} cases[] = {
		{ "started,routine,lev\n"
		  "2026-11-02T07:00:00+01:00,core,4,completed,600,590,6,6,2,,"
		  "none,,4,level 4 stays\n",
		  "the header lacks the column(s) level, status, planned_s, "
		  "done_s, exercises_planned, exercises_done, pain, morning, "
		  "red_flags, hurt, next_level, reason", 1 },
		/* every required column, but no pain: the pain would be lost */
		{ "started,routine,level,status,planned_s,done_s,"
		  "exercises_planned,exercises_done,morning,red_flags,hurt,"
		  "next_level,reason\n",
		  "the header lacks the column(s) pain", 1 },
		/* nothing readable at all */
		{ "\x89PNG\r\n\x1a\n\0\0\0\0",
		  "no header line could be read", 1 },
		/* a damaged first line, then a header without next_level */
		{ "\xff\xff\n"
		  "started,routine,level,status,planned_s,done_s,"
		  "exercises_planned,exercises_done,pain,morning,red_flags,"
		  "hurt,reason\n",
		  "the header lacks the column(s) next_level", 2 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *dir = fixture_temp_dir("history");
		char *path = xasprintf("%s/history.csv", dir);
		char *rescue = xasprintf("%s/history-rescued.csv", dir);
		char *want, *before, *after, *msg;
		size_t blen = strlen(cases[i].text), alen;
		struct history_row row;
		struct history h;
		struct diag_list d;

		/* the PNG case holds NULs: write it by length */
		if (i == 2)
			blen = 12;
		{
			FILE *fp = fopen(path, "wb");

			fwrite(cases[i].text, 1, blen, fp);
			fclose(fp);
			chmod(path, 0600);	/* as limber keeps one */
		}
		before = fixture_read_all(path, &blen);
		full_row(&row);
		diag_init(&d);
		CHECK_INT(history_append(path, &row, &d), 1);
		CHECK_INT(d.n, 1);
		CHECK_INT(d.errors, 1);
		want = xasprintf("%s:%ld: error: %s, so a row added to this file "
				 "could not be read back: this session was saved "
				 "in %s instead (fix the header, then move the "
				 "rows from there to the end of this file)",
				 path, cases[i].line, cases[i].why, rescue);
		msg = d.n ? diag_format(&d.v[0]) : xstrdup("");
		CHECK_STR(msg, want);
		free(msg);
		free(want);
		/* the history is untouched */
		after = fixture_read_all(path, &alen);
		CHECK(alen == blen && memcmp(before, after, blen) == 0);
		free(after);
		/* the rescue holds the row, reads cleanly, and is private */
		CHECK_INT(fixture_mode_of(rescue), 0600);
		diag_free(&d);
		diag_init(&d);
		history_init(&h);
		CHECK_INT(history_load(&h, rescue, &d), 0);
		CHECK_INT(d.n, 0);
		CHECK_INT(h.n, 1);
		if (h.n == 1)
			CHECK(same_row(&h.rows[0], &row));
		history_free(&h);
		/* the next session goes to the same rescue file */
		diag_free(&d);
		diag_init(&d);
		CHECK_INT(history_append(path, &row, &d), 1);
		history_init(&h);
		CHECK_INT(history_load(&h, rescue, &d), 0);
		CHECK_INT(h.n, 2);
		history_free(&h);
		history_row_free(&row);
		diag_free(&d);
		free(before);
		fixture_remove_tree(dir);
		free(rescue);
		free(path);
		free(dir);
	}
}

/* A rescue file whose own header is broken is passed over for the next. */
static void
test_append_rescue_of_rescue(void)
{
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/history.csv", dir);
	char *r1 = xasprintf("%s/history-rescued.csv", dir);
	char *r2 = xasprintf("%s/history-rescued-2.csv", dir);
	struct history_row row;
	struct history h;
	struct diag_list d;
	char *msg;

	write_all(path, "nothing,useful\n");
	write_all(r1, "also,broken\n");
	full_row(&row);
	diag_init(&d);
	CHECK_INT(history_append(path, &row, &d), 1);
	CHECK_INT(d.n, 1);
	msg = d.n ? diag_format(&d.v[0]) : xstrdup("");
	CHECK(strstr(msg, r2) != NULL);
	free(msg);
	history_init(&h);
	CHECK_INT(history_load(&h, r2, &d), 0);
	CHECK_INT(h.n, 1);
	history_free(&h);
	msg = fixture_read_all(r1, NULL);
	CHECK_STR(msg, "also,broken\n");
	free(msg);
	/* A rescue that cannot be written: the error says so, after why. */
	fixture_remove_tree(dir);
	CHECK(mkdir(dir, 0700) == 0);
	write_all(path, "nothing,useful\n");
	CHECK(mkdir(r1, 0700) == 0);
	diag_free(&d);
	diag_init(&d);
	CHECK_INT(history_append(path, &row, &d), -1);
	CHECK_INT(d.errors, 2);
	if (d.n == 2) {
		char *want = xasprintf("%s: error: cannot open for appending: "
				       "Is a directory", r1);

		msg = diag_format(&d.v[0]);
		CHECK_STR(msg, want);
		free(msg);
		free(want);
		want = xasprintf("%s:1: error: the header lacks the column(s) "
				 "started, routine, level, status, planned_s, "
				 "done_s, exercises_planned, exercises_done, pain, "
				 "morning, red_flags, hurt, next_level, reason, so "
				 "a row added to this file could not be read back, "
				 "and saving this session in %s failed too", path,
				 r1);
		msg = diag_format(&d.v[1]);
		CHECK_STR(msg, want);
		free(msg);
		free(want);
	}
	msg = fixture_read_all(path, NULL);
	CHECK_STR(msg, "nothing,useful\n");
	free(msg);
	history_row_free(&row);
	diag_free(&d);
	fixture_remove_tree(dir);
	free(r1);
	free(r2);
	free(path);
	free(dir);
}

/* A header in an order of its own, with a column of its own: the row is
 * written in its order, and reads back the same. */
static void
test_append_in_the_header_order(void)
{
	static const char *const header =
		"Routine,note,started,level,status,next_level,pain,hurt,"
		"reason,planned_s,done_s,exercises_planned,exercises_done,"
		"morning,red_flags\n";
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/history.csv", dir);
	struct history_row row;
	struct history h;
	struct diag_list d;
	char *text;

	write_all(path, header);
	full_row(&row);
	diag_init(&d);
	CHECK_INT(history_append(path, &row, &d), 0);
	CHECK_INT(d.n, 0);
	text = fixture_read_all(path, NULL);
	CHECK(util_endswith(text, "\ncore,,2026-11-18T12:00:00+00:00,4,"
			    "completed,5,3,Bridge;Bird dog,\"level 4 -> 5: "
			    "two green sessions (pain 1, 2)\",600,600,6,6,"
			    "worse,nerve\n"));
	free(text);
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(h.n, 1);
	if (h.n == 1)
		CHECK(same_row(&h.rows[0], &row));
	history_free(&h);
	history_row_free(&row);
	diag_free(&d);
	fixture_remove_tree(dir);
	free(path);
	free(dir);
}

/* Loaded rows share their repeated strings, and history_push takes a
 * row's strings over (nothing is left to free in it). */
static void
test_rows_share_strings(void)
{
	char *dir = fixture_temp_dir("history");
	char *path = xasprintf("%s/history.csv", dir);
	struct history h;
	struct history_row row;
	struct spec s = { "core", NOW, 3, false, 2, 3 };
	struct diag_list d;

	diag_init(&d);
	for (int i = 0; i < 50; i++) {
		s.started = NOW + i * HOUR;
		make_row(&row, &s);
		CHECK_INT(history_append(path, &row, &d), 0);
		history_row_free(&row);
	}
	history_init(&h);
	CHECK_INT(history_load(&h, path, &d), 0);
	CHECK_INT(h.n, 50);
	CHECK_INT(d.n, 0);
	if (h.n == 50) {
		CHECK(h.rows[0].routine == h.rows[49].routine);
		CHECK(h.rows[0].reason == h.rows[49].reason);
		CHECK(h.rows[0].started_text != h.rows[49].started_text);
		CHECK_STR(h.rows[49].started_text, "2026-11-20T13:00:00+00:00");
		CHECK_INT(h.rows[49].line, 51);
	}
	make_row(&row, &s);
	history_push(&h, &row);
	CHECK(row.routine == NULL && row.reason == NULL);
	CHECK_INT(h.n, 51);
	if (h.n == 51)
		CHECK(h.rows[50].routine == h.rows[0].routine);
	history_free(&h);
	diag_free(&d);
	fixture_remove_tree(dir);
	free(path);
	free(dir);
}

int
main(void)
{
	set_tz("UTC");
	TEST_RUN(test_row_make_and_offsets);
	TEST_RUN(test_row_make_fields);
	TEST_RUN(test_round_trip_and_modes);
	TEST_RUN(test_restrictive_umask);
	TEST_RUN(test_header_once);
	TEST_RUN(test_good_fixture);
	TEST_RUN(test_damaged_rows);
	TEST_RUN(test_spreadsheet_dates);
	TEST_RUN(test_torn_last_line);
	TEST_RUN(test_torn_inside_quotes);
	TEST_RUN(test_damaged_bytes);
	TEST_RUN(test_reordered_header);
	TEST_RUN(test_blank_edges_round_trip);
	TEST_RUN(test_missing_column);
	TEST_RUN(test_missing_and_unreadable);
	TEST_RUN(test_concurrent_appends);
	TEST_RUN(test_append_waits_for_the_lock);
	TEST_RUN(test_unwritable);
	TEST_RUN(test_local_day_and_ago);
	TEST_RUN(test_streaks);
	TEST_RUN(test_sessions_per_week);
	TEST_RUN(test_completion_and_trend);
	TEST_RUN(test_print_history);
	TEST_RUN(test_print_wide);
	TEST_RUN(test_print_stats);
	TEST_RUN(test_trend_words);
	TEST_RUN(test_append_under_broken_header);
	TEST_RUN(test_append_rescue_of_rescue);
	TEST_RUN(test_append_in_the_header_order);
	TEST_RUN(test_rows_share_strings);
	return t_done();
}
