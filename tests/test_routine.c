/* test_routine.c - the routine CSV (version 1): every feature of the
 * format, every kind of error with its position, and the fixture files
 * under tests/data/routines against their expected diagnostics. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/csvsniff.h"
#include "core/csvtext.h"
#include "model/header.h"
#include "model/routine.h"
#include "fixture.h"
#include "testlib.h"
#include "core/util.h"

static char datadir[PATH_MAX];	/* absolute tests/data/routines */

/* ---- helpers ---------------------------------------------------------- */

static struct routine *
parse(const char *text, struct diag_list *d)
{
	return routine_parse(text, strlen(text), "r.csv", NULL, d);
}

/* Diagnostic i is exactly this. */
#define CHECK_DIAG(d, i, sev, line, col, msg) \
	check_diag((d), (i), (sev), (line), (col), (msg), __LINE__)

static void
check_diag(const struct diag_list *d, size_t i, enum diag_severity sev,
	   long line, long col, const char *msg, int at)
{
	if (i >= d->n) {
		printf("# line %d: no diagnostic %zu (there are %zu)\n", at, i,
		       d->n);
		t_case_failed = 1;
		return;
	}
	if (d->v[i].sev != sev || d->v[i].line != line || d->v[i].col != col ||
	    strcmp(d->v[i].msg, msg) != 0 || strcmp(d->v[i].file, "r.csv") != 0) {
		char *s = diag_format(&d->v[i]);

		printf("# line %d: diagnostic %zu is\n#   %s\n# expected %s at %ld:%ld: %s\n",
		       at, i, s, sev == DIAG_ERROR ? "error" : "warning", line,
		       col, msg);
		free(s);
		t_case_failed = 1;
	}
}

/* Parse text that must fail with exactly one error. */
static void
one_error(const char *text, long line, long col, const char *msg, int at)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	r = parse(text, &d);
	if (r != NULL || d.n != 1) {
		printf("# line %d: expected one error, got %zu diagnostics%s\n",
		       at, d.n, r ? " and a routine" : "");
		for (size_t i = 0; i < d.n; i++) {
			char *s = diag_format(&d.v[i]);

			printf("#   %s\n", s);
			free(s);
		}
		t_case_failed = 1;
	}
	check_diag(&d, 0, DIAG_ERROR, line, col, msg, at);
	routine_free(r);
	diag_free(&d);
}

#define ONE_ERROR(text, line, col, msg) one_error((text), (line), (col), (msg), __LINE__)

static struct routine *
load_good(const char *name, struct diag_list *d)
{
	char *path = xasprintf("%s/good/%s", datadir, name);
	struct routine *r = routine_load(path, NULL, d);

	CHECK(r != NULL);
	if (r == NULL)
		printf("# %s did not load (%zu diagnostics)\n", path, d->n);
	free(path);
	return r;
}

/* ---- good files ------------------------------------------------------- */

static void
test_good_full(void)
{
	struct diag_list d;
	struct routine *r;
	const struct routine_row *w;

	diag_init(&d);
	r = load_good("full.csv", &d);
	CHECK_INT(d.n, 0);
	if (r == NULL)
		goto out;
	CHECK_STR(r->name, "full");
	CHECK_STR(r->title, "Core stability");
	CHECK(util_endswith(r->path, "/good/full.csv"));
	CHECK_INT(r->nrows, 5);
	w = &r->rows[1];
	CHECK_STR(w->exercise, "Curl-up");
	CHECK_INT(w->sets, 3);
	CHECK_INT(w->reps, 5);
	CHECK_INT(w->hold, 8);
	CHECK_INT(w->rest, 20);
	CHECK_INT(w->sides, SIDES_ALTERNATE);
	CHECK_INT(w->switch_s, 5);
	CHECK_INT(w->level_lo, 1);
	CHECK_INT(w->level_hi, 10);
	CHECK_INT(w->reps_step, 1);
	CHECK_INT(w->hold_step, 1);
	CHECK_STR(w->cue, "Hands under the low back; lift head and shoulders");
	CHECK_INT(w->line, 5);
	w = &r->rows[2];
	CHECK_INT(w->sides, SIDES_EACH);
	CHECK_INT(w->level_lo, 1);
	CHECK_INT(w->level_hi, 4);
	CHECK_INT(w->hold_step, 2);
	CHECK_INT(r->rows[3].level_lo, 5);
	CHECK_INT(r->rows[3].level_hi, 10);
	CHECK_INT(r->rows[4].switch_s, 3);
	CHECK_INT(r->rows[4].line, 8);
	CHECK_INT(routine_count_at_level(r, 1), 4);
	CHECK_INT(routine_count_at_level(r, 4), 4);
	CHECK_INT(routine_count_at_level(r, 5), 4);
	CHECK(routine_row_at_level(&r->rows[2], 4));
	CHECK(!routine_row_at_level(&r->rows[2], 5));
	CHECK(routine_row_at_level(&r->rows[3], 5));
out:
	routine_free(r);
	diag_free(&d);
}

static void
test_good_minimal_defaults(void)
{
	struct diag_list d;
	struct routine *r;
	const struct routine_row *w;

	diag_init(&d);
	r = load_good("minimal.csv", &d);
	CHECK_INT(d.n, 0);
	if (r == NULL)
		goto out;
	CHECK_STR(r->title, "minimal");	/* no title: the name */
	CHECK_INT(r->nrows, 1);
	w = &r->rows[0];
	CHECK_STR(w->exercise, "Dead bug");
	CHECK_INT(w->sets, 1);
	CHECK_INT(w->reps, 1);
	CHECK_INT(w->hold, 3);
	CHECK_INT(w->rest, 15);
	CHECK_INT(w->sides, SIDES_NONE);
	CHECK_INT(w->switch_s, 5);
	CHECK_INT(w->level_lo, 1);
	CHECK_INT(w->level_hi, 10);
	CHECK_INT(w->reps_step, 0);
	CHECK_INT(w->hold_step, 0);
	CHECK_STR(w->cue, "");
	CHECK_INT(w->line, 2);
out:
	routine_free(r);
	diag_free(&d);
}

static void
test_good_quoting(void)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	r = load_good("quoting.csv", &d);
	CHECK_INT(d.n, 0);
	if (r == NULL)
		goto out;
	CHECK_STR(r->title, "Quoted, carefully");
	CHECK_INT(r->nrows, 3);
	CHECK_STR(r->rows[0].exercise, "Plank, on knees");
	CHECK_STR(r->rows[0].cue, "Say \"brace\" and hold");
	CHECK_INT(r->rows[0].sets, 2);
	CHECK_STR(r->rows[1].cue, "First line\nsecond line\nthird line");
	CHECK_INT(r->rows[1].line, 4);
	/* the row after a three-line cue knows its line */
	CHECK_STR(r->rows[2].exercise, "After the long cue");
	CHECK_INT(r->rows[2].line, 7);
	CHECK_INT(r->rows[2].sets, 3);
out:
	routine_free(r);
	diag_free(&d);
}

static void
test_good_crlf_bom(void)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	r = load_good("crlf_bom.csv", &d);
	CHECK_INT(d.n, 0);
	if (r == NULL)
		goto out;
	/* the BOM does not hide the title comment */
	CHECK_STR(r->title, "Windows edition");
	CHECK_INT(r->nrows, 2);
	CHECK_STR(r->rows[0].exercise, "Bridge");
	/* a CRLF inside a quoted cue becomes LF */
	CHECK_STR(r->rows[0].cue, "Squeeze,\nthen lift");
	CHECK_INT(r->rows[1].line, 5);
	CHECK_STR(r->rows[1].exercise, "Dead bug");
	CHECK_INT(r->rows[1].sets, 3);
out:
	routine_free(r);
	diag_free(&d);
}

static void
test_good_shuffled_headers(void)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	r = load_good("shuffled.csv", &d);
	/* one warning for the unknown column, at the header cell */
	CHECK_INT(d.n, 1);
	CHECK_INT(d.errors, 0);
	if (d.n == 1) {
		CHECK_INT(d.v[0].sev, DIAG_WARNING);
		CHECK_INT(d.v[0].line, 2);
		CHECK_INT(d.v[0].col, 32);
		CHECK_STR(d.v[0].msg, "unknown column \"notes\" (ignored); known "
			  "columns: exercise, sets, reps, hold, rest, sides, "
			  "switch, levels, reps_step, hold_step, cue, figure");
	}
	if (r == NULL)
		goto out;
	CHECK_INT(r->nrows, 3);
	CHECK_STR(r->rows[0].exercise, "Glute bridge");
	CHECK_STR(r->rows[0].cue, "Keep it smooth");
	CHECK_INT(r->rows[0].sets, 1);
	CHECK_INT(r->rows[0].sides, SIDES_NONE);
	CHECK_STR(r->rows[1].exercise, "Clamshell");
	CHECK_INT(r->rows[1].sets, 2);
	CHECK_INT(r->rows[1].sides, SIDES_EACH);	/* "EACH" */
	CHECK_INT(r->rows[1].level_hi, 5);
	CHECK_INT(r->rows[2].sides, SIDES_ALTERNATE);	/* " Alternate" */
	CHECK_INT(r->rows[2].level_lo, 6);
	CHECK_INT(r->rows[2].level_hi, 10);
out:
	routine_free(r);
	diag_free(&d);
}

static void
test_good_ladder(void)
{
	struct diag_list d;
	struct routine *r;
	static const int want[][2] = { { 1, 3 }, { 1, 5 }, { 4, 10 },
				       { 10, 10 }, { 5, 7 }, { 8, 10 } };

	diag_init(&d);
	r = load_good("ladder.csv", &d);
	CHECK_INT(d.n, 0);
	if (r == NULL)
		goto out;
	CHECK_STR(r->title, "A ladder of variants");
	CHECK_INT(r->nrows, 6);
	for (size_t i = 0; i < 6 && i < r->nrows; i++) {
		CHECK_INT(r->rows[i].level_lo, want[i][0]);
		CHECK_INT(r->rows[i].level_hi, want[i][1]);
	}
	CHECK_INT(routine_count_at_level(r, 1), 2);
	CHECK_INT(routine_count_at_level(r, 4), 2);
	CHECK_INT(routine_count_at_level(r, 5), 3);
	CHECK_INT(routine_count_at_level(r, 7), 2);
	CHECK_INT(routine_count_at_level(r, 10), 3);
	CHECK_INT(routine_count_at_level(r, 11), 0);
	CHECK_INT(routine_count_at_level(r, 0), 0);
	CHECK_INT(r->rows[2].hold_step, 10);
	CHECK_INT(r->rows[3].reps_step, 1);
out:
	routine_free(r);
	diag_free(&d);
}

/* Every good fixture loads without errors; only shuffled.csv warns. */
static void
test_good_all_load(void)
{
	char *dir = xasprintf("%s/good", datadir);
	DIR *dp = opendir(dir);
	struct dirent *de;
	int n = 0;

	CHECK(dp != NULL);
	while (dp && (de = readdir(dp)) != NULL) {
		struct diag_list d;
		struct routine *r;
		char *path;

		if (!util_endswith(de->d_name, ".csv"))
			continue;
		n++;
		path = xasprintf("%s/%s", dir, de->d_name);
		diag_init(&d);
		r = routine_load(path, NULL, &d);
		if (r == NULL || d.errors != 0 ||
		    (d.warnings != 0) != (strcmp(de->d_name, "shuffled.csv") == 0)) {
			printf("# %s: %s, %zu errors, %zu warnings\n", path,
			       r ? "loaded" : "failed", d.errors, d.warnings);
			t_case_failed = 1;
		}
		routine_free(r);
		diag_free(&d);
		free(path);
	}
	if (dp)
		closedir(dp);
	CHECK(n >= 7);
	free(dir);
}

/* ---- bad files against their .expected --------------------------------- */

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_bad_fixtures(void)
{
	char *dir = xasprintf("%s/bad", datadir);
	char cwd[PATH_MAX];
	char **names = NULL;
	size_t n = 0, cap = 0;
	DIR *dp;
	struct dirent *de;

	if (getcwd(cwd, sizeof cwd) == NULL || chdir(dir) != 0) {
		printf("# cannot enter %s: %s\n", dir, strerror(errno));
		t_case_failed = 1;
		free(dir);
		return;
	}
	dp = opendir(".");
	while (dp && (de = readdir(dp)) != NULL) {
		if (!util_endswith(de->d_name, ".csv"))
			continue;
		util_grow(&names, &cap, n, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	if (dp)
		closedir(dp);
	qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		struct diag_list d;
		struct routine *r;
		char *expected_path, *expected, *got = NULL;
		size_t got_len = 0;
		FILE *mem;

		expected_path = xasprintf("%.*s.expected",
					  (int)(strlen(names[i]) - 4), names[i]);
		expected = fixture_read_all(expected_path, NULL);
		diag_init(&d);
		r = routine_load(names[i], NULL, &d);
		mem = open_memstream(&got, &got_len);
		if (mem == NULL)
			abort();
		diag_print(&d, mem);
		fclose(mem);
		if (r != NULL || d.errors == 0) {
			printf("# bad/%s loaded without errors\n", names[i]);
			t_case_failed = 1;
		}
		if (expected == NULL) {
			printf("# bad/%s has no .expected\n", names[i]);
			t_case_failed = 1;
		} else if (strcmp(expected, got) != 0) {
			printf("# bad/%s: diagnostics differ\n# got:\n%s# expected:\n%s",
			       names[i], got, expected);
			t_case_failed = 1;
		}
		routine_free(r);
		diag_free(&d);
		free(got);
		free(expected);
		free(expected_path);
		free(names[i]);
	}
	free(names);
	printf("# %zu bad fixtures\n", n);
	CHECK(n >= 25);
	if (chdir(cwd) != 0)
		abort();
	free(dir);
}

/* ---- the header --------------------------------------------------------- */

static void
test_header_case_order_trim(void)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	r = parse("  HOLD ,\"Exercise\",Reps_Step,\tsides\n5,Bird dog,2,Alternate\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r != NULL) {
		CHECK_STR(r->rows[0].exercise, "Bird dog");
		CHECK_INT(r->rows[0].hold, 5);
		CHECK_INT(r->rows[0].reps_step, 2);
		CHECK_INT(r->rows[0].sides, SIDES_ALTERNATE);
	}
	routine_free(r);
	diag_free(&d);
}

static void
test_header_unknown_is_warning(void)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	r = parse("exercise,foo,sets\nPlank,whatever,2\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 1);
	CHECK_DIAG(&d, 0, DIAG_WARNING, 1, 10,
		   "unknown column \"foo\" (ignored); known columns: exercise, "
		   "sets, reps, hold, rest, sides, switch, levels, reps_step, "
		   "hold_step, cue, figure");
	if (r != NULL)
		CHECK_INT(r->rows[0].sets, 2);
	routine_free(r);
	diag_free(&d);

	/* a nameless column is ignored with a warning too */
	diag_init(&d);
	r = parse("exercise,,sets\nPlank,x,2\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 1);
	CHECK_DIAG(&d, 0, DIAG_WARNING, 1, 10, "column 2 has no name (ignored)");
	routine_free(r);
	diag_free(&d);
}

static void
test_header_errors(void)
{
	ONE_ERROR("sets,reps\n2,3\n", 1, 1,
		  "no \"exercise\" column: the first line after the comments "
		  "must name the columns (known columns: exercise, sets, reps, "
		  "hold, rest, sides, switch, levels, reps_step, hold_step, cue, figure)");
	/* sets is known; duplicates name both places */
	ONE_ERROR("# c\nexercise,sets,reps, SETS\nPlank,2,3,4\n", 2, 21,
		  "duplicate column \"sets\" (also at line 2, col 10); each "
		  "column may appear once");
	ONE_ERROR("Exercise,EXERCISE\nPlank,2\n", 1, 10,
		  "duplicate column \"exercise\" (also at line 1, col 1); each "
		  "column may appear once");
}

/* ---- cells --------------------------------------------------------------- */

static void
test_number_messages(void)
{
	static const struct {
		const char *cell, *got;
	} bad[] = {
		{ "two", "\"two\"" }, { "3abc", "\"3abc\"" },
		{ "1.5", "\"1.5\"" }, { "-1", "\"-1\"" }, { "0", "\"0\"" },
		{ "21", "\"21\"" }, { "+3", "\"+3\"" }, { "3 4", "\"3 4\"" },
		{ "99999999999999999999", "\"99999999999999999999\"" },
		{ "\"\"\"3\"\"\"", "\"\\\"3\\\"\"" },
		{ "0x10", "\"0x10\"" }, { "1e1", "\"1e1\"" },
		{ "123456789012345678901234567890123456789012345",
		  "\"1234567890123456789012345678901234567890\"..." },
	};

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char *text = xasprintf("exercise,sets\nPlank,%s\n", bad[i].cell);
		char *msg = xasprintf("sets must be a whole number from 1 to 20, "
				      "got %s", bad[i].got);

		ONE_ERROR(text, 2, 7, msg);
		free(text);
		free(msg);
	}
	ONE_ERROR("exercise,reps\nPlank,101\n", 2, 7,
		  "reps must be a whole number from 1 to 100, got \"101\"");
	ONE_ERROR("exercise,hold\nPlank,0\n", 2, 7,
		  "hold must be a whole number from 1 to 600, got \"0\"");
	ONE_ERROR("exercise,hold\nPlank,601\n", 2, 7,
		  "hold must be a whole number from 1 to 600, got \"601\"");
	ONE_ERROR("exercise,rest\nPlank,601\n", 2, 7,
		  "rest must be a whole number from 0 to 600, got \"601\"");
	ONE_ERROR("exercise,switch\nPlank,61\n", 2, 7,
		  "switch must be a whole number from 0 to 60, got \"61\"");
	ONE_ERROR("exercise,reps_step\nPlank,21\n", 2, 7,
		  "reps_step must be a whole number from 0 to 20, got \"21\"");
	ONE_ERROR("exercise,hold_step\nPlank,61\n", 2, 7,
		  "hold_step must be a whole number from 0 to 60, got \"61\"");
	/* a value with a line break is shown on one line */
	ONE_ERROR("exercise,sets\nPlank,\"2\n3\"\n", 2, 7,
		  "sets must be a whole number from 1 to 20, got \"2\\n3\"");
}

static void
test_number_edges(void)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	/* the ends of every range, leading zeros, blanks inside quotes */
	r = parse("exercise,sets,reps,hold,rest,switch,reps_step,hold_step\n"
		  "A,1,1,1,0,0,0,0\n"
		  "B,20,100,600,600,60,20,60\n"
		  "C,007,\" 12 \",\t9,,,,\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r != NULL && r->nrows == 3) {
		CHECK_INT(r->rows[0].rest, 0);
		CHECK_INT(r->rows[0].switch_s, 0);
		CHECK_INT(r->rows[1].sets, 20);
		CHECK_INT(r->rows[1].reps, 100);
		CHECK_INT(r->rows[1].hold, 600);
		CHECK_INT(r->rows[1].rest, 600);
		CHECK_INT(r->rows[1].switch_s, 60);
		CHECK_INT(r->rows[1].reps_step, 20);
		CHECK_INT(r->rows[1].hold_step, 60);
		CHECK_INT(r->rows[2].sets, 7);
		CHECK_INT(r->rows[2].reps, 12);
		CHECK_INT(r->rows[2].hold, 9);
		/* empty cells: the defaults */
		CHECK_INT(r->rows[2].rest, 15);
		CHECK_INT(r->rows[2].switch_s, 5);
		CHECK_INT(r->rows[2].reps_step, 0);
		CHECK_INT(r->rows[2].hold_step, 0);
	}
	routine_free(r);
	diag_free(&d);
}

static void
test_sides(void)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	r = parse("exercise,sides,switch\nA,NONE,\nB,Each,0\nC,alternate,60\nD,,\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r != NULL && r->nrows == 4) {
		CHECK_INT(r->rows[0].sides, SIDES_NONE);
		CHECK_INT(r->rows[1].sides, SIDES_EACH);
		CHECK_INT(r->rows[1].switch_s, 0);
		CHECK_INT(r->rows[2].sides, SIDES_ALTERNATE);
		CHECK_INT(r->rows[3].sides, SIDES_NONE);
	}
	routine_free(r);
	diag_free(&d);
	ONE_ERROR("exercise,sides\nPlank,both\n", 2, 7,
		  "sides must be none, each or alternate, got \"both\"");
	ONE_ERROR("exercise,sides\nPlank,eachh\n", 2, 7,
		  "sides must be none, each or alternate, got \"eachh\"");
	/* switch is checked even where it does not matter */
	ONE_ERROR("exercise,sides,switch\nPlank,none,x\n", 2, 12,
		  "switch must be a whole number from 0 to 60, got \"x\"");
	CHECK_STR(routine_sides_name(SIDES_NONE), "none");
	CHECK_STR(routine_sides_name(SIDES_EACH), "each");
	CHECK_STR(routine_sides_name(SIDES_ALTERNATE), "alternate");
}

static void
test_levels(void)
{
	static const struct {
		const char *cell;
		int lo, hi;
	} good[] = {
		{ "3", 3, 3 }, { "1-3", 1, 3 }, { "4-", 4, 10 }, { "-3", 1, 3 },
		{ " 2 - 4 ", 2, 4 }, { "10", 10, 10 }, { "1-10", 1, 10 },
		{ "10-", 10, 10 }, { "\"5 -\"", 5, 10 }, { "03-04", 3, 4 },
	};
	static const char *const bad[] = {
		"0", "11", "5-3", "1-2-3", "low", "-", "3-11", "1.5", "1 to 3",
		"0-", "-0", "1--3", "3 3", "1000000000000", "4-x",
	};

	for (size_t i = 0; i < ARRAY_LEN(good); i++) {
		/* the other rows keep every level covered */
		char *text = xasprintf("exercise,levels\nAll,\nX,%s\n", good[i].cell);
		struct diag_list d;
		struct routine *r;

		diag_init(&d);
		r = parse(text, &d);
		CHECK(r != NULL);
		CHECK_INT(d.n, 0);
		if (r != NULL && r->nrows == 2) {
			if (r->rows[1].level_lo != good[i].lo ||
			    r->rows[1].level_hi != good[i].hi) {
				printf("# levels %s: got %d-%d\n", good[i].cell,
				       r->rows[1].level_lo, r->rows[1].level_hi);
				t_case_failed = 1;
			}
			CHECK_INT(r->rows[0].level_lo, 1);
			CHECK_INT(r->rows[0].level_hi, 10);
		}
		routine_free(r);
		diag_free(&d);
		free(text);
	}
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char *text = xasprintf("exercise,levels\nAll,\nX,%s\n", bad[i]);
		char *msg = xasprintf("levels must be a level or a range of "
				      "levels from 1 to 10 (3, 1-3, 4- or -3), "
				      "got \"%s\"", bad[i]);

		ONE_ERROR(text, 3, 3, msg);
		free(text);
		free(msg);
	}
}

static void
test_coverage(void)
{
	struct diag_list d;
	struct routine *r;

	ONE_ERROR("exercise,levels\nKnee plank,1-6\nPlank,8-\n", 1, 1,
		  "no row covers level 7; every level from 1 to 10 needs at "
		  "least one exercise");
	/* one error per uncovered run, at the header's line */
	diag_init(&d);
	r = parse("# t\n\nexercise,levels\nA,2-3\nB,5-6\nC,9\n", &d);
	CHECK(r == NULL);
	CHECK_INT(d.n, 4);
	CHECK_DIAG(&d, 0, DIAG_ERROR, 3, 1, "no row covers level 1; every "
		   "level from 1 to 10 needs at least one exercise");
	CHECK_DIAG(&d, 1, DIAG_ERROR, 3, 1, "no row covers level 4; every "
		   "level from 1 to 10 needs at least one exercise");
	CHECK_DIAG(&d, 2, DIAG_ERROR, 3, 1, "no row covers levels 7-8; every "
		   "level from 1 to 10 needs at least one exercise");
	CHECK_DIAG(&d, 3, DIAG_ERROR, 3, 1, "no row covers level 10; every "
		   "level from 1 to 10 needs at least one exercise");
	routine_free(r);
	diag_free(&d);
	/* a row with a bad cell elsewhere still covers its levels */
	ONE_ERROR("exercise,levels,sets\nA,1-5,2\nB,6-,x\n", 3, 6,
		  "sets must be a whole number from 1 to 20, got \"x\"");
	/* a row whose levels cannot be read makes coverage unknown: only the
	 * real error is reported */
	ONE_ERROR("exercise,levels\nA,1-5\nB,6-11\n", 3, 3,
		  "levels must be a level or a range of levels from 1 to 10 "
		  "(3, 1-3, 4- or -3), got \"6-11\"");
	ONE_ERROR("exercise,levels\nA,1-5\nB,6-,extra\n", 3, 1,
		  "expected 2 fields as in the header, got 3");
}

static void
test_exercise_cell(void)
{
	struct diag_list d;
	struct routine *r;

	ONE_ERROR("exercise,sets\nPlank,1\n,2\n", 3, 1, "exercise name is empty");
	ONE_ERROR("sets,exercise\n2,\"  \"\n", 2, 3, "exercise name is empty");
	/* a name is kept on one line, a cue keeps its lines */
	diag_init(&d);
	r = parse("exercise,cue\n\" Side\r\nplank \",\"a\r\nb\rc\nd\"\n", &d);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->rows[0].exercise, "Side plank");
		CHECK_STR(r->rows[0].cue, "a\nb\nc\nd");
	}
	routine_free(r);
	diag_free(&d);
}

static void
test_field_count(void)
{
	ONE_ERROR("exercise,sets,reps,hold,rest\nPlank,2,3\n", 2, 1,
		  "expected 5 fields as in the header, got 3");
	ONE_ERROR("exercise\nPlank,2\n", 2, 1,
		  "expected 1 field as in the header, got 2");
	/* the row's line is where it starts, after a multi-line field */
	ONE_ERROR("exercise,cue\nA,\"1\n2\n3\"\nB\n", 5, 1,
		  "expected 2 fields as in the header, got 1");
}

/* ---- whole files --------------------------------------------------------- */

static void
test_empty_and_headless(void)
{
	ONE_ERROR("", 1, 1, "empty file: expected a header line naming the "
		  "columns (at least \"exercise\")");
	ONE_ERROR("\n \r\n\t\n", 1, 1, "empty file: expected a header line "
		  "naming the columns (at least \"exercise\")");
	ONE_ERROR("# title: x\n#\n", 3, 1, "no header line after the comments: "
		  "expected a line naming the columns (at least \"exercise\")");
	ONE_ERROR("\n# only a note\n\n\nexercise,sets\n\n", 5, 1,
		  "no exercises: the header on line 5 has no rows under it");
	{
		struct diag_list d;
		struct routine *r;

		diag_init(&d);
		r = routine_parse(NULL, 0, "r.csv", NULL, &d);
		CHECK(r == NULL);
		CHECK_INT(d.errors, 1);
		diag_free(&d);
	}
}

static void
test_title(void)
{
	struct diag_list d;
	struct routine *r;
	const char *text;

	diag_init(&d);
	text = "#TITLE :  Core stability  \n# note: not a title\nexercise\nPlank\n";
	r = routine_parse(text, strlen(text), "dir/my-core.csv", NULL, &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r != NULL) {
		CHECK_STR(r->title, "Core stability");
		CHECK_STR(r->name, "my-core");
		CHECK_STR(r->path, "dir/my-core.csv");
	}
	routine_free(r);
	diag_free(&d);

	/* an empty title, or none: the name given */
	diag_init(&d);
	text = "# title:\nexercise\nPlank\n";
	r = routine_parse(text, strlen(text), "x.csv", "given", &d);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_STR(r->name, "given");
		CHECK_STR(r->title, "given");
	}
	routine_free(r);
	diag_free(&d);

	/* "# titles:" or "# subtitle:" are not the title */
	diag_init(&d);
	r = parse("# titles: no\n# subtitle: no\nexercise\nPlank\n", &d);
	CHECK(r != NULL);
	if (r != NULL)
		CHECK_STR(r->title, "r");
	routine_free(r);
	diag_free(&d);

	/* given twice: a warning, the later wins */
	diag_init(&d);
	r = parse("# title: One\n# title: Two\nexercise\nPlank\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 1);
	CHECK_DIAG(&d, 0, DIAG_WARNING, 2, 1,
		   "title given again (first on line 1); using this one");
	if (r != NULL)
		CHECK_STR(r->title, "Two");
	routine_free(r);
	diag_free(&d);

	/* after the header a '#' line is a comment too (spreadsheets put
	 * them anywhere); the lines after it keep their numbers */
	ONE_ERROR("exercise,sets\n# a note\nPlank,x\n", 3, 7,
		  "sets must be a whole number from 1 to 20, got \"x\"");
}

/* Column names as spreadsheets write them: units, spaces, near misses. */
static void
test_header_units(void)
{
	struct diag_list d;
	struct routine *r;
	char *unit;
	enum column close;

	diag_init(&d);
	r = parse("Exercise,Hold (s),Rest (seconds),hold_step_sec,Reps step,"
		  "SWITCH [sec]\nPlank,20,30,1,2,4\n", &d);
	CHECK_INT(d.n, 0);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_INT(r->rows[0].hold, 20);
		CHECK_INT(r->rows[0].rest, 30);
		CHECK_INT(r->rows[0].hold_step, 1);
		CHECK_INT(r->rows[0].reps_step, 2);
		CHECK_INT(r->rows[0].switch_s, 4);
	}
	routine_free(r);
	diag_free(&d);

	CHECK_INT(header_match("hold_s", &unit, &close), COL_HOLD);
	CHECK_STR(unit, "s");
	free(unit);
	CHECK_INT(header_match("hold_step", &unit, &close), COL_HOLD_STEP);
	CHECK(unit == NULL);
	CHECK_INT(header_match("excercise", &unit, &close), COL_IGNORED);
	CHECK_INT(close, COL_EXERCISE);
	CHECK_INT(header_match("notes", &unit, &close), COL_IGNORED);
	CHECK_INT(close, COL_IGNORED);

	/* a unit that is not seconds, or on a column that takes none */
	ONE_ERROR("exercise,Hold (min)\nPlank,1\n", 1, 10,
		  "column \"hold\" is in seconds, not \"min\": give its values "
		  "in seconds and name it \"hold\" or \"hold (s)\"");
	ONE_ERROR("exercise,hold_ms\nPlank,1\n", 1, 10,
		  "column \"hold\" is in seconds, not \"ms\": give its values "
		  "in seconds and name it \"hold\" or \"hold (s)\"");
	ONE_ERROR("exercise,Sets (n)\nPlank,1\n", 1, 10,
		  "column \"sets\" takes no unit (got \"n\"): name it \"sets\"");
	/* close to a known name: an error that says which */
	ONE_ERROR("exercise,rep\nPlank,1\n", 1, 10,
		  "unknown column \"rep\"; did you mean \"reps\"?");
	ONE_ERROR("exercise,Holds (s)\nPlank,1\n", 1, 10,
		  "unknown column \"Holds (s)\"; did you mean \"hold\"?");
	diag_init(&d);
	r = parse("Excercise,sets\nPlank,1\n", &d);
	CHECK(r == NULL);
	CHECK_DIAG(&d, 0, DIAG_ERROR, 1, 1,
		   "unknown column \"Excercise\"; did you mean \"exercise\"?");
	routine_free(r);
	diag_free(&d);
}

/* What a spreadsheet saves: its separator, padding and comments. */
static void
test_spreadsheet(void)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	r = parse("# title: Core stability;;;;\n;;;\nexercise;sets;Hold (s);cue\n"
		  "Plank;2;20;Slow, steady\n;;;\n# a note;;;\nBridge;3;;\n", &d);
	CHECK_INT(d.n, 0);
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_INT(r->sep, ';');
		CHECK_STR(r->title, "Core stability");
		CHECK_INT(r->nrows, 2);
		CHECK_STR(r->rows[0].cue, "Slow, steady");
		CHECK_INT(r->rows[0].hold, 20);
		CHECK_INT(r->rows[1].line, 7);
		CHECK_INT(r->rows[1].sets, 3);
	}
	routine_free(r);
	diag_free(&d);
	/* tab-separated; a bad cell after a padding row is at its own line */
	ONE_ERROR("exercise\tsets\n\t\nPlank\ttwo\n", 3, 7,
		  "sets must be a whole number from 1 to 20, got \"two\"");
	diag_init(&d);
	r = parse("exercise,sets\nPlank,2\n", &d);
	CHECK(r != NULL && r->sep == ',');
	routine_free(r);
	diag_free(&d);
}

/* Every error of a file, in file order, each at its place. */
static void
test_all_errors_reported(void)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	r = parse("exercise,sets,reps,sides\n"
		  "Plank,2,5,none\n"
		  "Bridge,2,five,none\n"
		  "Curl-up,2,5,both\n"
		  "Bird dog,2,5,each\n"
		  "Dead bug,,500,\n", &d);
	CHECK(r == NULL);
	CHECK_INT(d.n, 3);
	CHECK_INT(d.errors, 3);
	CHECK_DIAG(&d, 0, DIAG_ERROR, 3, 10,
		   "reps must be a whole number from 1 to 100, got \"five\"");
	CHECK_DIAG(&d, 1, DIAG_ERROR, 4, 13,
		   "sides must be none, each or alternate, got \"both\"");
	CHECK_DIAG(&d, 2, DIAG_ERROR, 6, 11,
		   "reps must be a whole number from 1 to 100, got \"500\"");
	diag_free(&d);

	/* several bad cells in one row, and errors of both layers mixed */
	diag_init(&d);
	r = parse("exercise,sets,reps,cue\n"
		  ",0,x,ok\n"
		  "A,1,1,\"multi\nline\"\n"
		  "B,1,1,say \"hi\"\n"
		  "C,99,1,\n", &d);
	CHECK(r == NULL);
	CHECK_INT(d.n, 5);
	CHECK_DIAG(&d, 0, DIAG_ERROR, 2, 1, "exercise name is empty");
	CHECK_DIAG(&d, 1, DIAG_ERROR, 2, 2,
		   "sets must be a whole number from 1 to 20, got \"0\"");
	CHECK_DIAG(&d, 2, DIAG_ERROR, 2, 4,
		   "reps must be a whole number from 1 to 100, got \"x\"");
	CHECK_DIAG(&d, 3, DIAG_ERROR, 5, 11,
		   "stray quote in an unquoted field; quote the whole field and "
		   "double the quote (\"\")");
	CHECK_DIAG(&d, 4, DIAG_ERROR, 6, 3,
		   "sets must be a whole number from 1 to 20, got \"99\"");
	diag_free(&d);
}

static void
test_syntax_errors(void)
{
	/* a multi-line quoted field, then a bad row: the bad row's true line */
	ONE_ERROR("exercise,cue,sets\nA,\"1\n2\n3\",1\nB,x,lots\n", 5, 5,
		  "sets must be a whole number from 1 to 20, got \"lots\"");
	ONE_ERROR("exercise,cue\nA,\"never closed\nB,x\n", 2, 3,
		  "unterminated quoted field (the quote opened here is never "
		  "closed)");
	ONE_ERROR("exercise,cue\n\"A\"B,x\n", 2, 4,
		  "expected a comma or the end of the line after a closing "
		  "quote; a quote inside a quoted field must be doubled (\"\")");
	/* a broken header: the rows cannot be read, so nothing else is said */
	ONE_ERROR("exercise,se\"ts\nA,zero\nB,\n", 1, 12,
		  "stray quote in an unquoted field; quote the whole field and "
		  "double the quote (\"\")");
}

static void
test_refused_input(void)
{
	static const char nul[] = "exercise\nPl\0ank\n";
	struct strbuf b = { 0 };

	ONE_ERROR("exercise\n\x89PNG\n", 2, 1, "not UTF-8 text: byte 0x89 "
		  "(\"\xe2\x80\xb0\"" CSVTEXT_CP1252_SAYS);
	ONE_ERROR("exercise\nCaf\xe9\n", 2, 4, "not UTF-8 text: byte 0xe9 "
		  "(\"\xc3\xa9\"" CSVTEXT_CP1252_SAYS);
	/* UTF-8 with one bad byte is damaged, not Windows-1252 */
	ONE_ERROR("exercise\nCaf\xc3\xa9 cr\xe8me\n", 2, 9,
		  "not UTF-8 text: byte 0xe8");
	{
		struct diag_list d;
		struct routine *r;

		diag_init(&d);
		r = routine_parse(nul, sizeof nul - 1, "r.csv", NULL, &d);
		CHECK(r == NULL);
		CHECK_INT(d.n, 1);
		CHECK_DIAG(&d, 0, DIAG_ERROR, 2, 3, "not text: byte 0x00 (NUL)");
		diag_free(&d);
	}
	/* a field past the reader's limit */
	strbuf_adds(&b, "exercise,cue\nPlank,");
	for (int i = 0; i < 70000; i++)
		strbuf_addc(&b, 'x');
	strbuf_adds(&b, "\n");
	ONE_ERROR(b.s, 2, 7, "field is longer than 65536 bytes");
	strbuf_free(&b);
}

static void
test_missing_file(void)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	r = routine_load("/nonexistent/x.csv", NULL, &d);
	CHECK(r == NULL);
	CHECK_INT(d.n, 1);
	if (d.n == 1) {
		char *s = diag_format(&d.v[0]);

		CHECK_STR(s, "/nonexistent/x.csv: error: cannot open: No such "
			  "file or directory");
		free(s);
	}
	diag_free(&d);
}

/* Problems already in the list (another file's) do not fail this one. */
static void
test_shared_diag_list(void)
{
	struct diag_list d;
	struct routine *r;

	diag_init(&d);
	diag_add(&d, DIAG_ERROR, "other.csv", 1, 1, "earlier problem");
	r = parse("exercise\nPlank\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 1);
	routine_free(r);
	r = parse("exercise,bogus\nPlank,1\n", &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 2);
	CHECK_INT(d.warnings, 1);
	routine_free(r);
	diag_free(&d);
}

static void
test_load_matches_parse(void)
{
	char *path = xasprintf("%s/good/full.csv", datadir);
	char *text = fixture_read_all(path, NULL);
	struct diag_list d1, d2;
	struct routine *a, *b;

	CHECK(text != NULL);
	if (text == NULL) {
		free(path);
		return;
	}
	diag_init(&d1);
	diag_init(&d2);
	a = routine_load(path, NULL, &d1);
	b = routine_parse(text, strlen(text), path, NULL, &d2);
	CHECK(a != NULL && b != NULL);
	if (a != NULL && b != NULL) {
		CHECK_STR(a->name, b->name);
		CHECK_STR(a->title, b->title);
		CHECK_INT(a->nrows, b->nrows);
		for (size_t i = 0; i < a->nrows && i < b->nrows; i++) {
			CHECK_STR(a->rows[i].exercise, b->rows[i].exercise);
			CHECK_STR(a->rows[i].cue, b->rows[i].cue);
			CHECK_INT(a->rows[i].line, b->rows[i].line);
			CHECK_INT(a->rows[i].hold, b->rows[i].hold);
		}
	}
	routine_free(a);
	routine_free(b);
	diag_free(&d1);
	diag_free(&d2);
	free(text);
	free(path);
}

/* A large routine (several chunks of the reader, the most rows) loads
 * whole. */
static void
test_large_routine(void)
{
	struct strbuf b = { 0 };
	struct diag_list d;
	struct routine *r;
	size_t rows = 0;

	strbuf_adds(&b, "# title: Long\nexercise,sets,levels,cue\n");
	while (rows < 1000) {
		strbuf_addf(&b, "Exercise %zu,%zu,%s,\"cue, %zu", rows,
			    rows % 20 + 1, rows % 2 ? "1-5" : "6-", rows);
		for (int i = 0; i < 1000; i++)
			strbuf_addc(&b, '.');
		strbuf_adds(&b, "\"\n");
		rows++;
	}
	CHECK(b.len > 1000 * 1000);
	diag_init(&d);
	r = parse(b.s, &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r != NULL) {
		CHECK_INT(r->nrows, rows);
		char *last = xasprintf("Exercise %zu", rows - 1);
		struct strbuf want = { 0 };
		char *cue;

		strbuf_addf(&want, "cue, %zu", rows - 1);
		for (int i = 0; i < 1000; i++)
			strbuf_addc(&want, '.');
		cue = strbuf_take(&want);

		CHECK_STR(r->rows[rows - 1].exercise, last);
		CHECK_STR(r->rows[rows - 1].cue, cue);
		free(last);
		free(cue);
		CHECK_INT(r->rows[rows - 1].line, (long)rows + 2);
		CHECK_INT(r->rows[rows - 1].sets, (long)((rows - 1) % 20 + 1));
		CHECK_INT(routine_count_at_level(r, 3), rows / 2);
	}
	routine_free(r);
	diag_free(&d);
	strbuf_free(&b);
}

/* At most 1000 rows: reading stops at the first row over, so neither rows
 * nor their errors can pile up. */
static void
test_row_cap(void)
{
	struct strbuf b = { 0 };
	struct diag_list d;
	struct routine *r;

	/* 1000 rows load; one more is an error at its line */
	strbuf_adds(&b, "exercise\n");
	for (int i = 0; i < 1000; i++)
		strbuf_adds(&b, "a\n");
	diag_init(&d);
	r = parse(b.s, &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	if (r != NULL)
		CHECK_INT(r->nrows, 1000);
	routine_free(r);
	diag_free(&d);

	strbuf_adds(&b, "\n  b\nc\n");
	diag_init(&d);
	r = parse(b.s, &d);
	CHECK(r == NULL);
	CHECK_INT(d.n, 1);
	CHECK_DIAG(&d, 0, DIAG_ERROR, 1003, 1,
		   "more than 1000 exercises; a routine has at most 1000");
	routine_free(r);
	diag_free(&d);
	strbuf_free(&b);

	/* Rows that are all errors, and lines the CSV reader drops (a stray
	 * quote, too many fields), count too: 1000 errors, then the cap,
	 * and nothing of the 3000 lines after it.  No coverage guesses. */
	strbuf_adds(&b, "exercise,sets\n");
	for (int i = 0; i < 4000; i++)
		strbuf_adds(&b, i % 3 == 0 ? "a,x\n" : i % 3 == 1 ? "a\"\n"
			    : "a,1,2\n");
	diag_init(&d);
	r = parse(b.s, &d);
	CHECK(r == NULL);
	CHECK_INT(d.n, 1001);
	CHECK_DIAG(&d, 0, DIAG_ERROR, 2, 3,
		   "sets must be a whole number from 1 to 20, got \"x\"");
	CHECK_DIAG(&d, 1, DIAG_ERROR, 3, 2, "stray quote in an unquoted "
		   "field; quote the whole field and double the quote (\"\")");
	CHECK_DIAG(&d, 1000, DIAG_ERROR, 1002, 1,
		   "more than 1000 exercises; a routine has at most 1000");
	routine_free(r);
	diag_free(&d);
	strbuf_free(&b);

	/* The header lost to a syntax error: the rows are not read, but
	 * the reader's errors about them are still capped. */
	strbuf_adds(&b, "exer\"cise\n");
	for (int i = 0; i < 3000; i++)
		strbuf_adds(&b, "a\"\n");
	diag_init(&d);
	r = parse(b.s, &d);
	CHECK(r == NULL);
	CHECK_INT(d.n, 1002);
	CHECK_DIAG(&d, 1001, DIAG_ERROR, 1002, 1,
		   "more than 1000 exercises; a routine has at most 1000");
	routine_free(r);
	diag_free(&d);
	strbuf_free(&b);
}

/* A title repeated any number of times costs one warning, at the title
 * used, before anything about the header. */
static void
test_title_repeated(void)
{
	struct strbuf b = { 0 };
	struct diag_list d;
	struct routine *r;

	for (int i = 1; i <= 5000; i++)
		strbuf_addf(&b, "# title: T%d\n# a note\n", i);
	strbuf_adds(&b, "exercise,bogus\nPlank,\n");
	diag_init(&d);
	r = parse(b.s, &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 2);
	CHECK_DIAG(&d, 0, DIAG_WARNING, 9999, 1,
		   "title given 5000 times (first on line 1); using this one");
	CHECK_INT(d.n > 1 ? d.v[1].line : 0, 10001);
	if (r != NULL)
		CHECK_STR(r->title, "T5000");
	routine_free(r);
	diag_free(&d);
	strbuf_free(&b);

	/* only comments: still one warning */
	diag_init(&d);
	r = parse("# title: A\n# title: B\n# title: C\n", &d);
	CHECK(r == NULL);
	CHECK_INT(d.n, 2);
	CHECK_DIAG(&d, 0, DIAG_WARNING, 3, 1,
		   "title given 3 times (first on line 1); using this one");
	routine_free(r);
	diag_free(&d);
}

/* The holds of a session at any level are capped (each is a step of the
 * plan): fifty exercises at every maximum load, one more set does not. */
static void
test_holds_cap(void)
{
	struct strbuf b = { 0 };
	struct diag_list d;
	struct routine *r;

	strbuf_adds(&b, "exercise,sets,reps,sides\n");
	for (int i = 0; i < 50; i++)
		strbuf_addf(&b, "E%d,20,100,%s\n", i, i % 2 ? "each" : "alternate");
	diag_init(&d);
	r = parse(b.s, &d);
	CHECK(r != NULL);
	CHECK_INT(d.n, 0);
	routine_free(r);
	diag_free(&d);

	strbuf_adds(&b, "One more,1,1,none\n");
	diag_init(&d);
	r = parse(b.s, &d);
	CHECK(r == NULL);
	CHECK_INT(d.n, 1);
	CHECK_DIAG(&d, 0, DIAG_ERROR, 1, 1, "too long: at level 1 a session "
		   "has 200001 holds (sets x reps x sides, over its exercises); "
		   "a session may have at most 200000");
	routine_free(r);
	diag_free(&d);
	strbuf_free(&b);

	/* Reps grow with the level (to at most 100): only level 10 is over,
	 * and rows for other levels do not count there. */
	strbuf_adds(&b, "exercise,sets,reps,reps_step,levels\n");
	for (int i = 0; i < 101; i++)
		strbuf_addf(&b, "E%d,20,10,10,\n", i);
	strbuf_adds(&b, "Low,20,100,0,1-9\n");
	diag_init(&d);
	r = parse(b.s, &d);
	CHECK(r == NULL);
	CHECK_INT(d.n, 1);
	CHECK_DIAG(&d, 0, DIAG_ERROR, 1, 1, "too long: at level 10 a session "
		   "has 202000 holds (sets x reps x sides, over its exercises); "
		   "a session may have at most 200000");
	routine_free(r);
	diag_free(&d);
	strbuf_free(&b);
}

static void
test_name_from_path(void)
{
	static const char *const cases[][2] = {
		{ "core.csv", "core" }, { "/a/b/core.csv", "core" },
		{ "dir/my.routine.csv", "my.routine" }, { "plain", "plain" },
		{ "x.csv.bak", "x.csv.bak" }, { "a/b/", "" }, { "up.CSV", "up.CSV" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *n = routine_name_from_path(cases[i][0]);

		CHECK_STR(n, cases[i][1]);
		free(n);
	}
}

static void
test_row_at_level(void)
{
	struct routine_row w;

	memset(&w, 0, sizeof w);
	w.level_lo = 4;
	w.level_hi = 6;
	CHECK(!routine_row_at_level(&w, 3));
	CHECK(routine_row_at_level(&w, 4));
	CHECK(routine_row_at_level(&w, 6));
	CHECK(!routine_row_at_level(&w, 7));
}

int
main(void)
{
	const char *td = getenv("TESTDATA");
	char *rel = xasprintf("%s/routines", td && *td ? td : "tests/data");

	if (realpath(rel, datadir) == NULL) {
		printf("Bail out! cannot find the test data at %s (set TESTDATA)\n",
		       rel);
		free(rel);
		return 1;
	}
	free(rel);
	TEST_RUN(test_good_full);
	TEST_RUN(test_good_minimal_defaults);
	TEST_RUN(test_good_quoting);
	TEST_RUN(test_good_crlf_bom);
	TEST_RUN(test_good_shuffled_headers);
	TEST_RUN(test_good_ladder);
	TEST_RUN(test_good_all_load);
	TEST_RUN(test_bad_fixtures);
	TEST_RUN(test_header_case_order_trim);
	TEST_RUN(test_header_unknown_is_warning);
	TEST_RUN(test_header_errors);
	TEST_RUN(test_number_messages);
	TEST_RUN(test_number_edges);
	TEST_RUN(test_sides);
	TEST_RUN(test_levels);
	TEST_RUN(test_coverage);
	TEST_RUN(test_exercise_cell);
	TEST_RUN(test_field_count);
	TEST_RUN(test_empty_and_headless);
	TEST_RUN(test_title);
	TEST_RUN(test_all_errors_reported);
	TEST_RUN(test_header_units);
	TEST_RUN(test_spreadsheet);
	TEST_RUN(test_syntax_errors);
	TEST_RUN(test_refused_input);
	TEST_RUN(test_missing_file);
	TEST_RUN(test_shared_diag_list);
	TEST_RUN(test_load_matches_parse);
	TEST_RUN(test_large_routine);
	TEST_RUN(test_row_cap);
	TEST_RUN(test_title_repeated);
	TEST_RUN(test_holds_cap);
	TEST_RUN(test_name_from_path);
	TEST_RUN(test_row_at_level);
	return t_done();
}
