/* test_settings.c - limber.conf: defaults, every key, warnings by line. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/settings.h"
#include "fixture.h"
#include "testlib.h"

static void
check_defaults(const struct settings *s)
{
	CHECK_INT(s->get_ready, 5);
	CHECK_INT(s->morning_after_hours, 8);
	CHECK_INT(s->sessions_per_week, 3);
	CHECK_INT(s->volume, 80);
	CHECK(!s->mute);
	CHECK(!s->bell);
	CHECK_INT(s->voice, SETTINGS_VOICE_AUTO);
	CHECK_STR(s->voice_name, "en");
	CHECK_INT(s->voice_rate, 170);
	CHECK_INT(s->pain_green_max, 3);
	CHECK_INT(s->pain_hold_max, 5);
	CHECK_INT(s->pain_drop2_min, 8);
	CHECK_INT(s->green_sessions_to_progress, 2);
	CHECK_INT(s->professional_pain_min, 4);
	CHECK_INT(s->professional_days, 14);
}

/* settings_load_file over text in memory, named name. */
static int
load_text(struct settings *s, const char *text, size_t len, const char *name,
	  struct diag_list *d)
{
	FILE *fp = fmemopen((void *)(uintptr_t)text, len, "r");
	int rc = settings_load_file(s, fp, name, d);

	fclose(fp);
	return rc;
}

/* Compare every diagnostic with "PATH:" + expected[i]. */
static void
check_diags(const struct diag_list *d, const char *path,
	    const char *const *expected, size_t n)
{
	CHECK_INT(d->n, n);
	CHECK_INT(d->errors, 0);
	for (size_t i = 0; i < d->n && i < n; i++) {
		char *got = diag_format(&d->v[i]);
		char *want = xasprintf("%s:%s", path, expected[i]);

		CHECK_STR(got, want);
		free(got);
		free(want);
	}
}

static void
test_defaults(void)
{
	struct settings s;

	memset(&s, 0x7f, sizeof s);
	settings_defaults(&s);
	check_defaults(&s);
	/* The defaults keep their own rule. */
	CHECK(s.pain_green_max < s.pain_hold_max);
	CHECK(s.pain_hold_max < s.pain_drop2_min);
}

static void
test_missing_file(void)
{
	struct settings s;
	struct diag_list d;

	diag_init(&d);
	memset(&s, 0x7f, sizeof s);
	CHECK_INT(settings_load(&s, "/nonexistent/limber/limber.conf", &d), 0);
	CHECK_INT(d.n, 0);
	check_defaults(&s);
	diag_free(&d);
}

static void
test_every_key(void)
{
	struct settings s;
	struct diag_list d;
	char *path = fixture_data_path("conf/full.conf");

	diag_init(&d);
	CHECK_INT(settings_load(&s, path, &d), 0);
	diag_print(&d, stdout);
	CHECK_INT(d.n, 0);
	CHECK_INT(s.get_ready, 10);
	CHECK_INT(s.morning_after_hours, 12);
	CHECK_INT(s.volume, 35);
	CHECK(s.mute);
	CHECK(s.bell);
	CHECK_INT(s.pain_green_max, 2);
	CHECK_INT(s.pain_hold_max, 4);
	CHECK_INT(s.pain_drop2_min, 7);
	CHECK_INT(s.green_sessions_to_progress, 3);
	CHECK_INT(s.professional_pain_min, 5);
	CHECK_INT(s.professional_days, 21);
	diag_free(&d);
	free(path);
}

static void
test_warnings_by_line(void)
{
	static const char *const expected[] = {
		"3: warning: get_ready: expected a whole number from 0 to 60, "
		"found `61`; keeping 5",
		"4: warning: morning_after_hours: expected a whole number from 1 "
		"to 48, found `soon`; keeping 8",
		"5: warning: unknown key `getready` in [session]; ignored (keys: "
		"get_ready, morning_after_hours, sessions_per_week)",
		"6: warning: `volume` belongs in [sound], not [session]; ignored",
		"9: warning: volume: expected a whole number from 0 to 100, found "
		"`120`; keeping 80",
		"11: warning: `volume` is set again (first on line 10); the last "
		"one counts",
		"12: warning: mute: expected yes or no (or true/false, on/off, "
		"1/0), found `maybe`; keeping no",
		"13: warning: bell: expected yes or no (or true/false, on/off, "
		"1/0), found `2`; keeping no",
		"14: warning: not a `key = value` line: `this line has no equals "
		"sign`; ignored",
		"17: warning: pain_green_max: expected a whole number from 0 to 8, "
		"found `-1`; keeping 3",
		"18: warning: pain_hold_max: expected a whole number from 1 to 9, "
		"found `4.5`; keeping 5",
		"19: warning: green_sessions_to_progress: expected a whole number "
		"from 1 to 10, found ``; keeping 2",
		"21: warning: a section header must look like `[name]`, found "
		"`[unclosed`; the keys after it stay in the previous section",
		"22: warning: professional_pain_min: expected a whole number from "
		"1 to 10, found `11`; keeping 4",
		"25: warning: unknown section [colours]; `accent` ignored "
		"(sections: [session], [sound], [coach])",
	};
	struct settings s;
	struct diag_list d;
	char *path = fixture_data_path("conf/bad.conf");

	diag_init(&d);
	CHECK_INT(settings_load(&s, path, &d), 0);
	check_diags(&d, path, expected, ARRAY_LEN(expected));
	/* Bad values keep the default, good ones still count. */
	CHECK_INT(s.get_ready, 5);
	CHECK_INT(s.morning_after_hours, 8);
	CHECK_INT(s.volume, 65);
	CHECK(!s.mute);
	CHECK(!s.bell);
	CHECK_INT(s.pain_green_max, 3);
	CHECK_INT(s.pain_hold_max, 5);
	CHECK_INT(s.green_sessions_to_progress, 2);
	CHECK_INT(s.professional_days, 30);
	CHECK_INT(s.professional_pain_min, 4);
	diag_free(&d);
	free(path);
}

static void
test_keys_outside_sections(void)
{
	static const char *const expected[] = {
		"1: warning: `volume` must be under [sound]; ignored",
	};
	struct settings s;
	struct diag_list d;
	char *path = fixture_data_path("conf/nosection.conf");

	diag_init(&d);
	CHECK_INT(settings_load(&s, path, &d), 0);
	check_diags(&d, path, expected, ARRAY_LEN(expected));
	CHECK_INT(s.volume, 80);
	CHECK(s.mute);
	diag_free(&d);
	free(path);
}

static void
test_relations(void)
{
	static const char *const expected[] = {
		"4: warning: pain thresholds must keep pain_green_max < "
		"pain_hold_max < pain_drop2_min, found 5, 4, 9; using 3, 5, 8",
	};
	struct settings s;
	struct diag_list d;
	char *path = fixture_data_path("conf/relations.conf");

	diag_init(&d);
	CHECK_INT(settings_load(&s, path, &d), 0);
	check_diags(&d, path, expected, ARRAY_LEN(expected));
	CHECK_INT(s.pain_green_max, 3);
	CHECK_INT(s.pain_hold_max, 5);
	CHECK_INT(s.pain_drop2_min, 8);
	/* Other keys are not touched by the reset. */
	CHECK_INT(s.green_sessions_to_progress, 4);
	diag_free(&d);
	free(path);
}

/* Each band boundary from a stream: equal values break the order too. */
static void
test_relations_table(void)
{
	static const struct {
		const char *text;
		int green, hold, drop2;
		size_t warnings;
	} cases[] = {
		{ "[coach]\npain_green_max = 4\n", 4, 5, 8, 0 },
		{ "[coach]\npain_green_max = 5\n", 3, 5, 8, 1 },
		{ "[coach]\npain_hold_max = 7\n", 3, 7, 8, 0 },
		{ "[coach]\npain_hold_max = 8\n", 3, 5, 8, 1 },
		{ "[coach]\npain_hold_max = 3\n", 3, 5, 8, 1 },
		{ "[coach]\npain_drop2_min = 6\n", 3, 5, 6, 0 },
		{ "[coach]\npain_drop2_min = 5\n", 3, 5, 8, 1 },
		{ "[coach]\npain_green_max = 0\npain_hold_max = 1\n"
		  "pain_drop2_min = 2\n", 0, 1, 2, 0 },
		{ "[coach]\npain_green_max = 8\npain_hold_max = 9\n"
		  "pain_drop2_min = 10\n", 8, 9, 10, 0 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct settings s;
		struct diag_list d;
		FILE *fp = fmemopen((void *)(uintptr_t)cases[i].text,
				    strlen(cases[i].text), "r");

		diag_init(&d);
		CHECK_INT(settings_load_file(&s, fp, "limber.conf", &d), 0);
		CHECK_INT(s.pain_green_max, cases[i].green);
		CHECK_INT(s.pain_hold_max, cases[i].hold);
		CHECK_INT(s.pain_drop2_min, cases[i].drop2);
		CHECK_INT(d.warnings, cases[i].warnings);
		if (d.n)
			CHECK_INT(d.v[0].line, 2);
		fclose(fp);
		diag_free(&d);
	}
}

/* BOM, CRLF, indentation, `:`, inline comments, case, no final newline. */
static void
test_styles(void)
{
	struct settings s;
	struct diag_list d;
	char *path = fixture_data_path("conf/styles.conf");

	diag_init(&d);
	CHECK_INT(settings_load(&s, path, &d), 0);
	diag_print(&d, stdout);
	CHECK_INT(d.n, 0);
	CHECK_INT(s.volume, 55);
	CHECK(!s.mute);
	CHECK_INT(s.get_ready, 0);
	diag_free(&d);
	free(path);
}

static void
test_ranges_at_the_edges(void)
{
	static const struct {
		const char *text;
		size_t warnings;
	} cases[] = {
		{ "[session]\nget_ready = 0\n", 0 },
		{ "[session]\nget_ready = 60\n", 0 },
		{ "[session]\nget_ready = -1\n", 1 },
		{ "[session]\nget_ready = 99999999999999999999\n", 1 },
		{ "[session]\nmorning_after_hours = 0\n", 1 },
		{ "[session]\nmorning_after_hours = 48\n", 0 },
		{ "[session]\nsessions_per_week = 0\n", 1 },
		{ "[session]\nsessions_per_week = 7\n", 0 },
		{ "[session]\nsessions_per_week = 8\n", 1 },
		{ "[sound]\nvolume = 100\n", 0 },
		{ "[sound]\nvolume = 101\n", 1 },
		{ "[sound]\nvolume = 0x10\n", 1 },
		{ "[sound]\nmute = ON\n", 0 },
		{ "[sound]\nbell = 1\n", 0 },
		{ "[coach]\ngreen_sessions_to_progress = 0\n", 1 },
		{ "[coach]\ngreen_sessions_to_progress = 10\n", 0 },
		{ "[coach]\nprofessional_days = 90\n", 0 },
		{ "[coach]\nprofessional_days = 91\n", 1 },
		{ "[coach]\nprofessional_pain_min = 0\n", 1 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct settings s;
		struct diag_list d;
		FILE *fp = fmemopen((void *)(uintptr_t)cases[i].text,
				    strlen(cases[i].text), "r");

		diag_init(&d);
		settings_load_file(&s, fp, "limber.conf", &d);
		CHECK_INT(d.warnings, cases[i].warnings);
		if (d.warnings != cases[i].warnings)
			printf("# case: %s", cases[i].text);
		if (d.n)
			CHECK_INT(d.v[0].line, 2);
		fclose(fp);
		diag_free(&d);
	}
}

static void
test_long_line(void)
{
	struct strbuf b = { 0 };
	struct settings s;
	struct diag_list d;
	char *text, *msg;
	FILE *fp;

	strbuf_adds(&b, "[sound]\n# ");
	for (int i = 0; i < 500; i++)
		strbuf_addc(&b, 'x');
	strbuf_adds(&b, "\nvolume = 10\n");
	text = strbuf_take(&b);
	fp = fmemopen(text, strlen(text), "r");
	diag_init(&d);
	CHECK_INT(settings_load_file(&s, fp, "limber.conf", &d), 0);
	/* The long line is one line: the next key is on line 3, and read. */
	CHECK_INT(d.n, 1);
	if (d.n) {
		msg = diag_format(&d.v[0]);
		CHECK(strncmp(msg, "limber.conf:2: warning: line too long", 37) == 0);
		free(msg);
	}
	CHECK_INT(s.volume, 10);
	fclose(fp);
	diag_free(&d);
	free(text);
}

/* A runaway line is cut and skipped, not held; a file that never ends
 * (a link to /dev/zero) is read only to its first megabyte. */
static void
test_runaway(void)
{
	size_t big = 3 * 1024 * 1024;
	char *text = xmalloc(big + 64), *msg;
	struct settings s;
	struct diag_list d;
	size_t n = 0;
	FILE *fp;

	/* 100 kB of a value, then a key that must still be read */
	n += (size_t)sprintf(text, "[sound]\nvolume = ");
	memset(text + n, '7', 100000);
	n += 100000;
	n += (size_t)sprintf(text + n, "\nvolume = 10\n");
	fp = fmemopen(text, n, "r");
	diag_init(&d);
	CHECK_INT(settings_load_file(&s, fp, "limber.conf", &d), 0);
	fclose(fp);
	CHECK_INT(d.n, 1);
	if (d.n) {
		msg = diag_format(&d.v[0]);
		CHECK(strncmp(msg, "limber.conf:2: warning: line too long", 37) == 0);
		free(msg);
	}
	CHECK_INT(s.volume, 10);
	diag_free(&d);

	/* 3 MB: what follows the first megabyte is not read */
	n = (size_t)sprintf(text, "[sound]\nvolume = 20\n");
	memset(text + n, '#', big - n);
	sprintf(text + big, "\nvolume = 30\n");
	fp = fmemopen(text, strlen(text), "r");
	diag_init(&d);
	CHECK_INT(settings_load_file(&s, fp, "limber.conf", &d), 0);
	fclose(fp);
	CHECK_INT(d.n, 1);
	if (d.n) {
		msg = diag_format(&d.v[0]);
		CHECK_STR(msg, "limber.conf: warning: larger than 1048576 bytes: "
			  "only its beginning was read");
		free(msg);
	}
	CHECK_INT(s.volume, 20);
	diag_free(&d);
	free(text);
}

static void
test_unreadable(void)
{
	struct settings s;
	struct diag_list d;
	char *dir = fixture_temp_dir("settings");
	char *msg;

	diag_init(&d);
	memset(&s, 0x7f, sizeof s);
	/* A directory where the file should be: unreadable for anyone,
	 * root included. */
	CHECK_INT(settings_load(&s, dir, &d), -1);
	check_defaults(&s);
	CHECK_INT(d.n, 1);
	CHECK_INT(d.warnings, 1);
	if (d.n) {
		msg = diag_format(&d.v[0]);
		CHECK(strncmp(msg, dir, strlen(dir)) == 0);
		CHECK(strstr(msg, ": warning: cannot read: Is a directory; using "
			     "the defaults") != NULL);
		free(msg);
	}
	diag_free(&d);

	if (geteuid() != 0) {
		/* Permissions only stop someone who is not root. */
		char *path = xasprintf("%s/limber.conf", dir);
		FILE *fp = fopen(path, "w");

		fputs("[sound]\nvolume = 1\n", fp);
		fclose(fp);
		chmod(path, 0);
		diag_init(&d);
		CHECK_INT(settings_load(&s, path, &d), -1);
		CHECK_INT(s.volume, 80);
		CHECK_INT(d.warnings, 1);
		unlink(path);
		free(path);
		diag_free(&d);
	}
	fixture_remove_tree(dir);
	free(dir);
}

/* Text a settings file quotes back reaches the terminal escaped: no
 * control byte, C1 control or invalid UTF-8 goes out raw. */
static void
test_escaped_text(void)
{
	static const char text[] =
		"[session]\n"
		"get_ready = 3\x1b[2J\n"
		"\x1b]0;title\x07 = 1\n"
		"a\tb \xff\xc2\x9b\xe2\x80 \xc3\xa9t\xc3\xa9\x7f\n"
		"[sound\x1b[31m\n";
	static const char *const expected[] = {
		"2: warning: get_ready: expected a whole number from 0 to 60, "
		"found `3\\x1b[2J`; keeping 5",
		"3: warning: unknown key `\\x1b]0;title\\x07` in [session]; "
		"ignored (keys: get_ready, morning_after_hours, sessions_per_week)",
		"4: warning: not a `key = value` line: `a\\tb \\xff\\xc2\\x9b"
		"\\xe2\\x80 \xc3\xa9t\xc3\xa9\\x7f`; ignored",
		"5: warning: a section header must look like `[name]`, found "
		"`[sound\\x1b[31m`; the keys after it stay in the previous "
		"section",
	};
	struct settings s;
	struct diag_list d;

	diag_init(&d);
	CHECK_INT(load_text(&s, text, sizeof text - 1, "\x1b[1mlimber.conf", &d), 0);
	check_diags(&d, "\\x1b[1mlimber.conf", expected, ARRAY_LEN(expected));
	for (size_t i = 0; i < d.n; i++) {
		char *msg = diag_format(&d.v[i]);

		for (const char *p = msg; *p; p++)
			CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
		free(msg);
	}
	diag_free(&d);
}

/* UTF-16 and UTF-32 (with a byte-order mark): one warning naming the
 * encoding, not one per line, and the defaults. */
static void
test_foreign_encoding(void)
{
	static const struct {
		const char *text;
		size_t len;
		const char *name;
	} cases[] = {
		{ "\xff\xfe[\0s\0o\0u\0n\0d\0]\0\n\0v\0=\0\x31\0\n\0",
		  24, "UTF-16 LE" },
		{ "\xfe\xff\0[\0s\0o\0u\0n\0d\0]\0\n\0v\0=\0\x31\0\n",
		  24, "UTF-16 BE" },
		{ "\xff\xfe\0\0[\0\0\0]\0\0\0\n\0\0\0", 16, "UTF-32 LE" },
		{ "\0\0\xfe\xff\0\0\0[\0\0\0]\0\0\0\n", 16, "UTF-32 BE" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct settings s;
		struct diag_list d;
		FILE *fp = fmemopen((void *)(uintptr_t)cases[i].text,
				    cases[i].len, "r");
		char *want = xasprintf("limber.conf:1: warning: %s text, not "
				       "UTF-8 (it starts with a %s byte-order "
				       "mark): save it as UTF-8; using the "
				       "defaults", cases[i].name,
				       cases[i].name);

		diag_init(&d);
		memset(&s, 0x7f, sizeof s);
		CHECK_INT(settings_load_file(&s, fp, "limber.conf", &d), 0);
		fclose(fp);
		check_defaults(&s);
		CHECK_INT(d.n, 1);
		if (d.n) {
			char *msg = diag_format(&d.v[0]);

			CHECK_STR(msg, want);
			free(msg);
		}
		free(want);
		diag_free(&d);
	}
}

/* voice, voice_name and voice_rate: read, and each bad value named with
 * what is accepted while the previous value stays. */
static void
test_voice_keys(void)
{
	static const char conf[] =
		"[sound]\n"
		"voice = NO\n"
		"voice_name = en-us+f3\n"
		"voice_rate = 200\n"
		"voice = sometimes\n"
		"voice_name = ../../etc/passwd\n"
		"voice_rate = 500\n";
	static const char *const expected[] = {
		"5: warning: `voice` is set again (first on line 2); the last one counts",
		"5: warning: voice: expected auto, yes or no, found `sometimes`; keeping no",
		"6: warning: `voice_name` is set again (first on line 3); the last one counts",
		"6: warning: voice_name: expected a voice name of 1 to 40 letters, "
		"digits, -, + or _ (`espeak-ng --voices` lists them), found "
		"`../../etc/passwd`; keeping en-us+f3",
		"7: warning: `voice_rate` is set again (first on line 4); the last one counts",
		"7: warning: voice_rate: expected a whole number from 80 to 450, "
		"found `500`; keeping 200",
	};
	struct settings s;
	struct diag_list d;

	diag_init(&d);
	CHECK_INT(load_text(&s, conf, sizeof conf - 1, "v.conf", &d), 0);
	check_diags(&d, "v.conf", expected, ARRAY_LEN(expected));
	CHECK_INT(s.voice, SETTINGS_VOICE_NO);
	CHECK_STR(s.voice_name, "en-us+f3");
	CHECK_INT(s.voice_rate, 200);
	diag_free(&d);
}

/* auto speaks in the full-screen coach only; yes and no everywhere; an
 * option beats the setting. */
static void
test_voice_wanted(void)
{
	struct settings s;

	settings_defaults(&s);
	CHECK(settings_voice_wanted(&s, -1, true));
	CHECK(!settings_voice_wanted(&s, -1, false));
	CHECK(settings_voice_wanted(&s, 1, false));
	s.voice = SETTINGS_VOICE_NO;
	CHECK(!settings_voice_wanted(&s, -1, true));
	CHECK(settings_voice_wanted(&s, 1, true));
	s.voice = SETTINGS_VOICE_YES;
	CHECK(settings_voice_wanted(&s, -1, false));
	CHECK(!settings_voice_wanted(&s, 0, true));
}

int
main(void)
{
	TEST_RUN(test_voice_wanted);
	TEST_RUN(test_voice_keys);
	TEST_RUN(test_defaults);
	TEST_RUN(test_missing_file);
	TEST_RUN(test_every_key);
	TEST_RUN(test_warnings_by_line);
	TEST_RUN(test_keys_outside_sections);
	TEST_RUN(test_relations);
	TEST_RUN(test_relations_table);
	TEST_RUN(test_styles);
	TEST_RUN(test_ranges_at_the_edges);
	TEST_RUN(test_long_line);
	TEST_RUN(test_runaway);
	TEST_RUN(test_unreadable);
	TEST_RUN(test_escaped_text);
	TEST_RUN(test_foreign_encoding);
	return t_done();
}
