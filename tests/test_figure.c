/* test_figure.c - the braille canvas, the figure format (version 1), and
 * the shipped figures: every exercise of every shipped routine has one,
 * each loads without a warning, and the right side is the left exactly
 * mirrored. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/braille.h"
#include "core/util.h"
#include "model/catalog.h"
#include "model/figshow.h"
#include "model/figure.h"
#include "model/plan.h"
#include "model/routine.h"
#include "model/session.h"
#include "fixture.h"
#include "mirror.h"
#include "testlib.h"

static const char *shipped;	/* $LIMBER_DATADIR: the source tree */

/* ---- helpers ---------------------------------------------------------- */

/* Does b's text, mirrored cell by cell (or flipped row by row), give
 * exactly m's text? */
static bool
is_mirror(const struct braille *b, const struct braille *m, bool flip)
{
	unsigned x[BRAILLE_MAX_W], y[BRAILLE_MAX_W];
	int rows = braille_rows(b);
	bool same = braille_cols(b) == braille_cols(m) && rows == braille_rows(m);

	for (int r = 0; same && r < rows; r++) {
		char *a = braille_row_text(b, r, false);
		char *c = braille_row_text(m, flip ? rows - 1 - r : r, false);
		size_t n = mirror_decode(a, x, ARRAY_LEN(x));

		same = mirror_decode(c, y, ARRAY_LEN(y)) == n && n == (size_t)braille_cols(b);
		for (size_t i = 0; same && i < n; i++)
			same = flip ? y[i] == flip_cell(x[i])
				    : y[n - 1 - i] == mirror_cell(x[i]);
		free(a);
		free(c);
	}
	return same;
}

static struct figure *
parse(const char *text, struct diag_list *d)
{
	return figure_parse(text, strlen(text), "x.fig", NULL, d);
}

/* Parsing text gives exactly this one error. */
#define ONE_ERROR(text, line, col, msg) one_error((text), (line), (col), (msg), __LINE__)

static void
one_error(const char *text, long line, long col, const char *msg, int at)
{
	struct diag_list d;
	struct figure *f;

	diag_init(&d);
	f = parse(text, &d);
	if (f != NULL || d.n != 1 || d.v[0].sev != DIAG_ERROR ||
	    d.v[0].line != line || d.v[0].col != col ||
	    strcmp(d.v[0].msg, msg) != 0) {
		printf("# line %d: expected one error %ld:%ld: %s\n", at, line, col, msg);
		for (size_t i = 0; i < d.n; i++) {
			char *s = diag_format(&d.v[i]);

			printf("#   got %s\n", s);
			free(s);
		}
		t_case_failed = 1;
	}
	figure_free(f);
	diag_free(&d);
}

static const char small[] =
	"size 8 8\n"
	"line a b\n"
	"frame one\n"
	"  joint a 0 0\n"
	"  joint b 7 7\n";

/* ---- the canvas --------------------------------------------------------- */

static void
test_braille_dots(void)
{
	struct braille b;
	char *t;

	braille_init(&b, 4, 4);
	CHECK_INT(braille_cols(&b), 2);
	CHECK_INT(braille_rows(&b), 1);
	braille_set(&b, 0, 0);		/* dot 1 */
	braille_set(&b, 1, 3);		/* dot 8 */
	braille_set(&b, 3, 1);		/* second cell, dot 5 */
	braille_set(&b, 9, 9);		/* outside: ignored */
	CHECK_INT(braille_cell(&b, 0, 0), 0x2881);
	CHECK_INT(braille_cell(&b, 1, 0), 0x2810);
	t = braille_row_text(&b, 0, false);
	CHECK_STR(t, "\xe2\xa2\x81\xe2\xa0\x90");
	free(t);
	braille_clear(&b);
	braille_set(&b, 0, 2);		/* dot 3: the trailing blank cell goes */
	t = braille_row_text(&b, 0, true);
	CHECK_STR(t, "\xe2\xa0\x84");
	free(t);
	braille_free(&b);
	/* sizes round up to whole cells */
	braille_init(&b, 5, 6);
	CHECK_INT(b.w, 6);
	CHECK_INT(b.h, 8);
	braille_free(&b);
}

static void
test_braille_lines(void)
{
	struct braille b;
	int n = 0;

	braille_init(&b, 20, 12);
	braille_line(&b, 2, 1, 17, 9);
	CHECK(braille_get(&b, 2, 1));
	CHECK(braille_get(&b, 17, 9));
	for (int x = 0; x < b.w; x++) {
		int in_col = 0;

		for (int y = 0; y < b.h; y++)
			in_col += braille_get(&b, x, y);
		/* a shallow line: one dot per column it crosses */
		CHECK_INT(in_col, x >= 2 && x <= 17 ? 1 : 0);
		n += in_col;
	}
	CHECK_INT(n, 16);
	braille_clear(&b);
	braille_circle(&b, 10, 6, 3);
	CHECK(braille_get(&b, 13, 6));
	CHECK(braille_get(&b, 7, 6));
	CHECK(braille_get(&b, 10, 3));
	CHECK(braille_get(&b, 10, 9));
	CHECK(!braille_get(&b, 10, 6));
	braille_free(&b);
}

static void
test_braille_mirror(void)
{
	struct braille a, m;

	/* a slanted line mirrored on the dots is the text read backwards */
	braille_init(&a, 14, 8);
	braille_init(&m, 14, 8);
	braille_line(&a, 0, 0, 13, 5);
	braille_line(&m, 0, 0, 13, 5);
	braille_circle(&a, 4, 4, 2);
	braille_circle(&m, 4, 4, 2);
	braille_mirror(&m);
	CHECK(is_mirror(&a, &m, false));
	CHECK(!is_mirror(&a, &a, false));
	braille_mirror(&m);
	braille_flip(&m);
	CHECK(is_mirror(&a, &m, true));
	braille_free(&a);
	braille_free(&m);
}

/* ---- the format ---------------------------------------------------------- */

static void
test_parse_good(void)
{
	struct diag_list d;
	struct figure *f;

	diag_init(&d);
	f = parse("# a comment\n"
		  "size 16 12   # the grid\n"
		  "floor 11\n"
		  "wall 1\n"
		  "mirror updown\n"
		  "loop\n"
		  "rest walk-2\n"
		  "exercise Knee side bridge  \n"
		  "line a b c\n"
		  "head c 2\n"
		  "frame start 2\r\n"
		  "  joint a 0 0\n"
		  "  joint b 5 5\n"
		  "\tjoint c 15 11\n"
		  "frame end\n"
		  "  joint b 9 1\n", &d);
	CHECK(f != NULL);
	CHECK_INT(d.n, 0);
	if (f != NULL) {
		CHECK_STR(f->name, "x");
		CHECK_INT(f->w, 16);
		CHECK_INT(f->h, 12);
		CHECK_INT(f->floor_y, 11);
		CHECK_INT(f->wall_x, 1);
		CHECK(f->flip);
		CHECK(f->loop);
		CHECK_STR(f->rest, "walk-2");
		CHECK_INT(f->nexercises, 1);
		CHECK_STR(f->exercise[0], "Knee side bridge");
		CHECK_INT(f->nshapes, 3);	/* a-b, b-c, the head */
		CHECK_INT(f->shape[1].kind, FIGURE_LINE);
		CHECK_INT(f->shape[1].a, 1);
		CHECK_INT(f->shape[1].b, 2);
		CHECK_INT(f->shape[2].kind, FIGURE_HEAD);
		CHECK_INT(f->shape[2].r, 2);
		CHECK_INT(f->nframes, 2);
		CHECK_INT(f->frame[0].share, 2);
		CHECK_INT(f->frame[1].share, 1);
		/* a later frame keeps the joints it does not move */
		CHECK_INT(f->frame[1].at[0].x, 0);
		CHECK_INT(f->frame[1].at[1].x, 9);
		CHECK_INT(f->frame[1].at[1].y, 1);
		CHECK_INT(f->frame[1].at[2].x, 15);
	}
	figure_free(f);
	diag_free(&d);
}

static void
test_parse_errors(void)
{
	ONE_ERROR("line a b\nframe f\njoint a 1 1\njoint b 2 2\n", 1, 1,
		  "the first line must be \"size WIDTH HEIGHT\" (the grid, in dots)");
	ONE_ERROR("# nothing but a comment\n", 0, 0,
		  "no size line: the file must start with \"size WIDTH HEIGHT\"");
	ONE_ERROR("line a b\nsize 8 8\nframe f\njoint a 1 1\njoint b 2 2\n", 1, 1,
		  "the first line must be \"size WIDTH HEIGHT\" (the grid, in dots)");
	ONE_ERROR("size 9 8\nline a b\nframe f\njoint a 1 1\njoint b 2 2\n", 1, 6,
		  "the width must be even (a character holds 2 dots across), got 9");
	ONE_ERROR("size 8 10\nline a b\nframe f\njoint a 1 1\njoint b 2 2\n", 1, 8,
		  "the height must be a multiple of 4 (a character holds 4 dots down), got 10");
	ONE_ERROR("size 8 800\nline a b\nframe f\njoint a 1 1\njoint b 2 2\n", 1, 8,
		  "the height must be a whole number from 8 to 60, got \"800\"");
	ONE_ERROR("size 8\nline a b\nframe f\njoint a 1 1\njoint b 2 2\n", 1, 1,
		  "too few values: write it as \"size WIDTH HEIGHT\"");
	ONE_ERROR("size 8 8\nline a b\nframe f\njoint a 1 1\njoint b 2 8\n", 5, 11,
		  "y must be a whole number from 0 to 7, got \"8\"");
	ONE_ERROR("size 8 8\nline a b\nframe f\njoint a 1 1\njoint b 2 two\n", 5, 11,
		  "y must be a whole number from 0 to 7, got \"two\"");
	ONE_ERROR("size 8 8\nline a b c\nframe f\njoint a 1 1\njoint b 2 2\n", 2, 10,
		  "no joint named \"c\" in the first frame");
	ONE_ERROR("size 8 8\nline a b\njoint a 1 1\nframe f\njoint a 1 1\njoint b 2 2\n", 3, 1,
		  "a joint outside a frame: start one with \"frame NAME\"");
	ONE_ERROR("size 8 8\nline a b\nframe f\njoint a 1 1\njoint b 2 2\njoint a 3 3\n", 6, 7,
		  "joint \"a\" is placed twice in frame \"f\"");
	ONE_ERROR("size 8 8\nline a b\nframe f\njoint a 1 1\njoint b 2 2\nframe g\njoint c 3 3\n", 7, 7,
		  "joint \"c\" is not in the first frame: place every joint there; later frames move some of them");
	ONE_ERROR("size 8 8\nline a b\nframe f\njoint a 1 1\njoint b 2 2\nframe f\n", 6, 7,
		  "a second frame named \"f\"");
	ONE_ERROR("size 8 8\nline a b\nframe f 10\njoint a 1 1\njoint b 2 2\n", 3, 9,
		  "the frame's share must be a whole number from 1 to 9, got \"10\"");
	ONE_ERROR("size 8 8\nline a b\nframe f\njoint a 1 1\njoint b 2 2\nframe g\nframe h\nframe i\n", 8, 1,
		  "more than 3 frames");
	ONE_ERROR("size 8 8\nlimb a b\nhead a 2\nframe f\njoint a 1 1\n", 2, 1,
		  "unknown keyword \"limb\"; known keywords: size, floor, wall, mirror, loop, rest, exercise, line, head, frame, joint");
	ONE_ERROR("size 8 8\nline a b\nframe f\njoint a 1 1\njoint b 2 2\nfloor 8\n", 6, 7,
		  "the floor's row must be a whole number from 0 to 7, got \"8\"");
	ONE_ERROR("size 8 8\nline a b\nframe f\njoint a 1 1\njoint b 2 2\nmirror yes\n", 6, 8,
		  "mirror must be \"sideways\" (the default: the right side is the picture left to right) or \"updown\" (a view from above), got \"yes\"");
	ONE_ERROR("size 8 8\nloop 2\nline a b\nframe f\njoint a 1 1\njoint b 2 2\n", 2, 6,
		  "too many values: write it as \"loop\"");
	ONE_ERROR("size 8 8\nrest\nline a b\nframe f\njoint a 1 1\njoint b 2 2\n", 2, 1,
		  "too few values: write it as \"rest FIGURE\"");
	ONE_ERROR("size 8 8\nrest ../x\nline a b\nframe f\njoint a 1 1\njoint b 2 2\n", 2, 6,
		  "the rest's figure \"../x\" is not a name: use letters, digits, '-' and '_' (at most 64)");
	ONE_ERROR("size 8 8\nline a b\nframe f\njoint a 1 1 1\njoint b 2 2\n", 4, 13,
		  "too many values: write it as \"joint NAME X Y\"");
	ONE_ERROR("size 8 8\nline b c\nframe f\njoint a.1 1 1\njoint b 2 2\njoint c 3 3\n", 4, 7,
		  "joint \"a.1\" is not a name: use letters, digits, '-' and '_' (at most 64)");
	ONE_ERROR("size 8 8\nline a b\nframe f\njoint a 1 1\njoint b 2 2 # \x1b[2J\n", 5, 15,
		  "control character 0x1b: a figure is plain text");
	ONE_ERROR("size 8 8\nframe f\njoint a 1 1\n", 0, 0,
		  "nothing to draw: join the joints with \"line\" or \"head\"");
	ONE_ERROR("size 8 8\nline a b\nhead a 9\nframe f\njoint a 1 1\njoint b 2 2\n", 3, 8,
		  "the head's radius must be a whole number from 1 to 8, got \"9\"");
	ONE_ERROR("size 8 8\nline a b\n", 0, 0,
		  "no frame: place the joints after \"frame NAME\"");
}

static void
test_parse_all_errors(void)
{
	struct diag_list d;
	struct figure *f;

	/* every problem of a file in one run, in order, plus a warning for a
	 * joint nothing draws */
	diag_init(&d);
	f = parse("size 8 8\nfloor 99\nline a b\nframe f\njoint a 1 x\n"
		  "joint b 2 2\njoint c 3 3\nlimb\n", &d);
	CHECK(f == NULL);
	CHECK_INT(d.errors, 3);
	CHECK_INT(d.warnings, 1);
	if (d.n == 4) {
		CHECK_INT(d.v[0].line, 2);
		CHECK_INT(d.v[1].line, 5);
		CHECK_INT(d.v[2].line, 8);
		CHECK_STR(d.v[3].msg, "joint \"c\" is not drawn by any line or head");
	}
	figure_free(f);
	diag_free(&d);
	/* a NUL byte: not a text file */
	diag_init(&d);
	f = figure_parse("size 8 8\0", 9, "x.fig", NULL, &d);
	CHECK(f == NULL);
	CHECK_INT(d.errors, 1);
	figure_free(f);
	diag_free(&d);
}

static void
test_slug(void)
{
	static const char *const cases[][2] = {
		{ "Child's pose", "childs-pose" },
		{ "Child\xe2\x80\x99s pose", "childs-pose" },
		{ "Kneeling hip-flexor stretch", "kneeling-hip-flexor-stretch" },
		{ "  Bird  dog!! ", "bird-dog" },
		{ "Cat-cow", "cat-cow" },
		{ "Étirement 2", "tirement-2" },
		{ "", "" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *s = figure_slug(cases[i][0]);

		CHECK_STR(s, cases[i][1]);
		free(s);
	}
}

static void
test_frame_at(void)
{
	struct diag_list d;
	struct figure *f;

	diag_init(&d);
	f = parse("size 8 8\nline a b\nframe one\njoint a 0 0\njoint b 1 1\n"
		  "frame two 4\n", &d);
	CHECK(f != NULL);
	if (f != NULL) {
		/* shares 1 and 4 of a 10 s repetition: 2 s, then 8 s */
		static const int want[10] = { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 };

		for (int s = 0; s < 10; s++)
			CHECK_INT(figure_frame_at(f, s, 10), want[s]);
		/* a 1 s repetition has room for the first frame only */
		CHECK_INT(figure_frame_at(f, 0, 1), 0);
		f->frame[1].share = 1;
		/* equal shares of 5 s: whole seconds, 0-2 then 3-4 */
		CHECK_INT(figure_frame_at(f, 2, 5), 0);
		CHECK_INT(figure_frame_at(f, 3, 5), 1);
		CHECK_INT(figure_frame_at(f, 99, 5), 1);
		/* a loop: a frame a second, however long the step */
		f->loop = true;
		CHECK_INT(figure_frame_at(f, 0, 105), 0);
		CHECK_INT(figure_frame_at(f, 1, 105), 1);
		CHECK_INT(figure_frame_at(f, 2, 105), 0);
		CHECK_INT(figure_frame_at(f, 103, 105), 1);
	}
	figure_free(f);
	diag_free(&d);
}

static void
test_draw_scale(void)
{
	struct diag_list d;
	struct figure *f;
	struct braille b;

	diag_init(&d);
	f = parse(small, &d);
	CHECK(f != NULL);
	if (f == NULL)
		return;
	CHECK_INT(figure_fit(f, 4, 2), 1);	/* 8x8 dots: 4x2 cells */
	CHECK_INT(figure_fit(f, 3, 2), 0);
	CHECK_INT(figure_fit(f, 9, 4), 2);
	CHECK_INT(figure_fit(f, 1000, 1000), 8);
	figure_draw(f, 0, 1, false, &b);
	CHECK(braille_get(&b, 0, 0));
	CHECK(braille_get(&b, 7, 7));
	CHECK(braille_get(&b, 4, 4));
	CHECK(!braille_get(&b, 7, 0));
	braille_free(&b);
	figure_draw(f, 0, 2, true, &b);
	CHECK_INT(b.w, 16);
	CHECK_INT(b.h, 16);
	/* mirrored: the line runs from the top right */
	CHECK(braille_get(&b, 15, 0));
	CHECK(braille_get(&b, 1, 14));
	CHECK(!braille_get(&b, 0, 0));
	braille_free(&b);
	figure_free(f);
	diag_free(&d);
}

/* ---- routines and the shipped figures ---------------------------------- */

static void
test_routine_column(void)
{
	static const char csv[] =
		"exercise,figure\n"
		"Plank,\n"
		"Side bridge,side-plank\n"
		"Wall sit,wall-squat\n"
		"Mystery,no-such\n";
	struct diag_list d;
	struct routine *r;
	struct figure_lib lib;
	char *figs = xasprintf("%s/figures", shipped);

	diag_init(&d);
	figure_lib_load(&lib, NULL, figs, &d);
	CHECK_INT(d.n, 0);
	r = routine_parse(csv, strlen(csv), "r.csv", NULL, &d);
	CHECK(r != NULL);
	if (r != NULL) {
		const struct figure *f;

		CHECK_STR(r->rows[0].figure, "");
		f = figure_lib_match(&lib, r->rows[0].figure, r->rows[0].exercise);
		CHECK(f != NULL && strcmp(f->name, "plank") == 0);
		f = figure_lib_match(&lib, r->rows[2].figure, r->rows[2].exercise);
		CHECK(f != NULL && strcmp(f->name, "wall-squat") == 0);
		CHECK(figure_lib_match(&lib, r->rows[3].figure, r->rows[3].exercise) == NULL);
		/* no figure by its name: the one listing it on an exercise line */
		f = figure_lib_match(&lib, NULL, "side BRIDGE");
		CHECK(f != NULL && strcmp(f->name, "side-plank") == 0);
		/* else the longest figure name the name starts with */
		f = figure_lib_match(&lib, NULL, "Side plank with a leg lift");
		CHECK(f != NULL && strcmp(f->name, "side-plank") == 0);
		f = figure_lib_match(&lib, NULL, "Run-walk: 15 s run");
		CHECK(f != NULL && strcmp(f->name, "run") == 0);
		CHECK(f != NULL && f->rest != NULL && strcmp(f->rest, "walk") == 0);
		f = figure_lib_match(&lib, NULL, "Easy run: 30 min");
		CHECK(f != NULL && strcmp(f->name, "run") == 0);
		CHECK(figure_lib_match(&lib, NULL, "Plankton") == NULL);
		CHECK_INT(figshow_check_routine(&lib, r, &d), 1);
		CHECK_INT(d.n, 1);
		if (d.n == 1) {
			CHECK_INT(d.v[0].sev, DIAG_WARNING);
			CHECK_INT(d.v[0].line, 5);
			CHECK_INT(d.v[0].col, 9);
		}
	}
	routine_free(r);
	diag_free(&d);
	/* a figure cell that cannot be a file's name is an error at the cell */
	diag_init(&d);
	r = routine_parse("exercise,figure\nPlank,../etc/x\n", 31, "r.csv", NULL, &d);
	CHECK(r == NULL);
	CHECK_INT(d.errors, 1);
	if (d.n == 1) {
		CHECK_INT(d.v[0].line, 2);
		CHECK_INT(d.v[0].col, 7);
	}
	routine_free(r);
	diag_free(&d);
	figure_lib_free(&lib);
	free(figs);
}

/* Every exercise of every shipped routine, at every level, has a figure;
 * every shipped figure loads without a warning; and each keyframe of each
 * of them, drawn for the right side, is the left side exactly mirrored. */
static void
test_shipped(void)
{
	char *rdir = xasprintf("%s/routines", shipped);
	char *fdir = xasprintf("%s/figures", shipped);
	struct catalog cat;
	struct figure_lib lib;
	struct diag_list d;
	size_t exercises = 0, frames = 0;

	diag_init(&d);
	figure_lib_load(&lib, NULL, fdir, &d);
	for (size_t i = 0; i < d.n; i++) {
		char *s = diag_format(&d.v[i]);

		printf("# %s\n", s);
		free(s);
	}
	CHECK_INT(d.n, 0);
	CHECK(lib.n >= 19);
	diag_free(&d);
	catalog_scan(&cat, NULL, rdir);
	CHECK(cat.n >= 4);
	for (size_t i = 0; i < cat.n; i++) {
		struct routine *r;

		diag_init(&d);
		r = routine_load(cat.v[i].path, cat.v[i].name, &d);
		CHECK(r != NULL);
		for (size_t k = 0; r != NULL && k < r->nrows; k++) {
			const struct routine_row *row = &r->rows[k];

			exercises++;
			if (figure_lib_match(&lib, row->figure, row->exercise) == NULL) {
				printf("# %s:%ld: %s has no figure\n", cat.v[i].path,
				       row->line, row->exercise);
				t_case_failed = 1;
			}
		}
		routine_free(r);
		diag_free(&d);
	}
	CHECK(exercises >= 45);
	/* walkrun's two movements */
	CHECK(figure_lib_match(&lib, NULL, "Walk") != NULL);
	CHECK(figure_lib_match(&lib, NULL, "Run") != NULL);
	for (size_t i = 0; i < lib.n; i++) {
		const struct figure *f = lib.v[i];

		for (size_t k = 0; k < f->nframes; k++)
			for (int scale = 1; scale <= 3; scale++) {
				struct braille left, right;

				figure_draw(f, k, scale, false, &left);
				figure_draw(f, k, scale, true, &right);
				if (!is_mirror(&left, &right, f->flip)) {
					printf("# %s frame %zu at scale %d: the right side is not the left mirrored\n",
					       f->name, k + 1, scale);
					t_case_failed = 1;
				}
				frames++;
				braille_free(&left);
				braille_free(&right);
			}
	}
	CHECK(frames >= 3 * 29);
	catalog_free(&cat);
	figure_lib_free(&lib);
	free(rdir);
	free(fdir);
}

static void
ignore_event(void *ud, const struct session_event *ev)
{
	(void)ud;
	(void)ev;
}

/* What the run screen shows, second by second, in a real session driven
 * by a made-up clock. */
static void
test_shown(void)
{
	static const char csv[] =
		"exercise,sets,reps,hold,rest,sides\n"
		"Bird-dog,2,1,4,5,alternate\n";
	static const struct {
		int64_t t;
		int ok;
		size_t frame;
		bool right;
	} want[] = {
		{ 1000, 1, 0, false },		/* get ready: what comes */
		{ 5000, 1, 0, false },		/* the left hold, second 0 */
		{ 6999, 1, 0, false },		/* second 1 */
		{ 7100, 1, 1, false },		/* second 2: the second frame */
		{ 9500, 1, 0, true },		/* the right hold */
		{ 11500, 1, 1, true },
		{ 13100, 1, 0, false },		/* rest: the left comes next */
		{ 18000, 1, 0, false },
		{ 24100, 1, 1, true },
		{ 30000, 0, 0, false },		/* done */
	};
	struct diag_list d;
	struct routine *r;
	struct figure *f;
	struct plan *p;
	struct session *s;

	diag_init(&d);
	f = parse("size 8 8\nline a b\nframe one\njoint a 0 0\njoint b 1 1\nframe two\n", &d);
	r = routine_parse(csv, strlen(csv), "r.csv", NULL, &d);
	CHECK(f != NULL && r != NULL);
	if (f == NULL || r == NULL) {
		figure_free(f);
		routine_free(r);
		diag_free(&d);
		return;
	}
	p = plan_build(r, 1, NULL);
	s = session_new(p, 0, ignore_event, NULL);
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		const struct figshow_ex figs[1] = { { f, NULL } };
		struct session_view v;
		struct figshow sh;
		bool ok;

		session_tick(s, want[i].t);
		session_view(s, want[i].t, &v);
		ok = figshow_for_view(figs, p, &v, &sh);
		if (ok != (want[i].ok != 0) || (ok && (sh.frame != want[i].frame ||
						       sh.right != want[i].right))) {
			printf("# at %" PRId64 " ms: shown %d, frame %zu, right %d; expected %d, %zu, %d\n",
			       want[i].t, ok, sh.frame, sh.right, want[i].ok,
			       want[i].frame, want[i].right);
			t_case_failed = 1;
		}
	}
	session_free(s);
	plan_free(p);
	routine_free(r);
	figure_free(f);
	diag_free(&d);
}

/* The shipped figures into lib, and the routine csv (named file) at level
 * 1 as a plan, or NULL when it does not load (*r NULL then too). */
static struct plan *
shipped_plan(const char *csv, const char *file, struct figure_lib *lib,
	     struct routine **r, struct diag_list *d)
{
	char *fdir = xasprintf("%s/figures", shipped);

	figure_lib_load(lib, NULL, fdir, d);
	free(fdir);
	*r = routine_parse(csv, strlen(csv), file, NULL, d);
	CHECK(*r != NULL);
	return *r != NULL ? plan_build(*r, 1, NULL) : NULL;
}

/* walkrun: the run while it runs, a stride a second, the walk during the
 * rests, a step a second. */
static void
test_shown_rest(void)
{
	static const char csv[] =
		"exercise,sets,reps,hold,rest\n"
		"Run-walk: 15 s run,2,1,15,105\n";
	struct figure_lib lib;
	struct figshow_ex ex[1];
	struct diag_list d;
	struct routine *r;
	struct plan *p;
	struct session *s;
	struct session_view v;
	struct figshow sh;

	diag_init(&d);
	p = shipped_plan(csv, "walkrun.csv", &lib, &r, &d);
	if (p == NULL)
		goto out;
	figshow_match(&lib, p, ex);
	CHECK(ex[0].fig != NULL && strcmp(ex[0].fig->name, "run") == 0);
	CHECK(ex[0].rest != NULL && strcmp(ex[0].rest->name, "walk") == 0);
	s = session_new(p, 0, ignore_event, NULL);
	/* get ready 5 s, run 15 s, walk 105 s */
	for (int64_t t = 5000; t < 20000; t += 1000) {
		session_tick(s, t);
		session_view(s, t, &v);
		CHECK(figshow_for_view(ex, p, &v, &sh));
		CHECK(sh.fig == ex[0].fig);
		CHECK_INT(sh.frame, (size_t)((t - 5000) / 1000 % 2));
	}
	for (int64_t t = 20000; t < 30000; t += 1000) {
		session_tick(s, t);
		session_view(s, t, &v);
		CHECK(figshow_for_view(ex, p, &v, &sh));
		CHECK(sh.fig == ex[0].rest);
		CHECK_INT(sh.frame, (size_t)((t - 20000) / 1000 % 2));
	}
	session_free(s);
	plan_free(p);
out:
	routine_free(r);
	figure_lib_free(&lib);
	diag_free(&d);
}

/* The figure files whose problems the run screen reports for a plan: the
 * ones its exercises could show, by the rule figure_lib_match uses. */
static void
test_could_show(void)
{
	static const char csv[] =
		"exercise,sets,reps,hold,rest,figure\n"
		"Bird-dog,1,1,4,5,\n"
		"Run-walk: 15 s run,1,1,15,105,\n"
		"Wall sit,1,1,10,5,wall-squat\n";
	struct figure_lib lib;
	struct figshow_ex ex[3];
	struct diag_list d;
	struct routine *r;
	struct plan *p;

	diag_init(&d);
	p = shipped_plan(csv, "r.csv", &lib, &r, &d);
	if (p == NULL)
		goto out;
	CHECK_INT(p->nex, 3);
	figshow_match(&lib, p, ex);
	CHECK(figshow_plan_could_show(p, ex, "bird-dog"));	/* its slug */
	CHECK(figshow_plan_could_show(p, ex, "bird"));	/* a start, then '-' */
	CHECK(!figshow_plan_could_show(p, ex, "bird-d"));	/* not at a '-' */
	CHECK(!figshow_plan_could_show(p, ex, "dog"));
	CHECK(figshow_plan_could_show(p, ex, "run"));
	CHECK(figshow_plan_could_show(p, ex, "walk"));	/* run's rests */
	CHECK(figshow_plan_could_show(p, ex, "wall-squat"));	/* named */
	CHECK(!figshow_plan_could_show(p, ex, "wall"));	/* named: no slug */
	CHECK(!figshow_plan_could_show(p, ex, "plank"));
	CHECK(figure_slug_fits("run-walk-15-s-run", "run"));
	CHECK(figure_slug_fits("run", "run"));
	CHECK(!figure_slug_fits("runner", "run"));
	CHECK(!figure_slug_fits("run", "run-walk"));
	plan_free(p);
out:
	routine_free(r);
	figure_lib_free(&lib);
	diag_free(&d);
}

/* A user's figure replaces the shipped one of its name; a broken one is
 * reported and shows nothing rather than something else. */
static void
test_user_override(void)
{
	char *dir = fixture_temp_dir("figure");
	char *fdir = xasprintf("%s/figures", shipped);
	struct figure_lib lib;
	struct diag_list d;
	FILE *fp;
	char *p;

	p = xasprintf("%s/plank.fig", dir);
	fp = fopen(p, "w");
	fputs(small, fp);
	fclose(fp);
	diag_init(&d);
	figure_lib_load(&lib, dir, fdir, &d);
	CHECK_INT(d.n, 0);
	CHECK(figure_lib_get(&lib, "plank") != NULL &&
	      figure_lib_get(&lib, "plank")->w == 8);
	CHECK(figure_lib_get(&lib, "bird-dog") != NULL);
	figure_lib_free(&lib);
	diag_free(&d);
	fp = fopen(p, "w");
	fputs("size 8 8\nline a\n", fp);
	fclose(fp);
	diag_init(&d);
	figure_lib_load(&lib, dir, fdir, &d);
	CHECK(d.errors >= 1);
	CHECK(d.n > 0 && strcmp(d.v[0].file, p) == 0);
	CHECK(figure_lib_get(&lib, "plank") == NULL);
	figure_lib_free(&lib);
	diag_free(&d);
	fixture_remove_tree(dir);
	free(dir);
	free(p);
	free(fdir);
}

int
main(void)
{
	shipped = getenv("LIMBER_DATADIR");
	if (shipped == NULL) {
		printf("Bail out! LIMBER_DATADIR must name the source tree (make check sets it)\n");
		return 1;
	}
	TEST_RUN(test_braille_dots);
	TEST_RUN(test_braille_lines);
	TEST_RUN(test_braille_mirror);
	TEST_RUN(test_parse_good);
	TEST_RUN(test_parse_errors);
	TEST_RUN(test_parse_all_errors);
	TEST_RUN(test_slug);
	TEST_RUN(test_frame_at);
	TEST_RUN(test_draw_scale);
	TEST_RUN(test_routine_column);
	TEST_RUN(test_shown);
	TEST_RUN(test_shown_rest);
	TEST_RUN(test_could_show);
	TEST_RUN(test_shipped);
	TEST_RUN(test_user_override);
	return t_done();
}
