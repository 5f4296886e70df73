/* cmd_show.c - `limber show ROUTINE|EXERCISE|FILE.fig`: the figures and
 * the cues of a routine (or one exercise, or one figure file), printed to
 * the terminal to browse before starting. */
#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/braille.h"
#include "core/diag.h"
#include "core/paths.h"
#include "model/catalog.h"
#include "model/figshow.h"
#include "model/figure.h"
#include "model/routine.h"
#include "core/util.h"

#define GAP 4			/* columns between the pictures of a row */

static bool
utf8_out(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* The terminal's width, or 80 when the output is not a terminal. */
static int
out_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

/* One picture to print: a keyframe, drawn, and the words under it. */
struct pic {
	struct braille b;
	char label[96];
};

/* Is row `row` of the picture blank? */
static bool
blank_row(const struct braille *b, int row)
{
	for (int col = 0; col < braille_cols(b); col++)
		if (braille_cell(b, col, row) != 0x2800)
			return false;
	return true;
}

/* Print pictures side by side, as many to a row as the width holds, their
 * bottoms (the floor) level, the rows blank in all of them left out at the
 * top, and the labels under them. */
static void
print_pics(struct pic *p, size_t n, int width)
{
	for (size_t first = 0; first < n;) {
		size_t last = first + 1;
		int used = braille_cols(&p[first].b), rows = 0, top;
		bool labels = false;

		while (last < n && used + GAP + braille_cols(&p[last].b) <= width)
			used += GAP + braille_cols(&p[last++].b);
		for (size_t i = first; i < last; i++) {
			if (braille_rows(&p[i].b) > rows)
				rows = braille_rows(&p[i].b);
			labels = labels || p[i].label[0] != '\0';
		}
		for (top = 0; top < rows; top++) {
			bool blank = true;

			for (size_t i = first; i < last && blank; i++) {
				int r = top - (rows - braille_rows(&p[i].b));

				blank = r < 0 || blank_row(&p[i].b, r);
			}
			if (!blank)
				break;
		}
		for (int row = top; row < rows + labels; row++) {
			struct strbuf line = { 0 };

			for (size_t i = first; i < last; i++) {
				int cols = braille_cols(&p[i].b);
				int r = row - (rows - braille_rows(&p[i].b));

				if (i > first)
					strbuf_addf(&line, "%*s", GAP, "");
				if (row == rows) {
					strbuf_addf(&line, "%-*.*s", cols, cols, p[i].label);
				} else if (r >= 0) {
					char *t = braille_row_text(&p[i].b, r, false);

					strbuf_adds(&line, t);
					free(t);
				} else {
					strbuf_addf(&line, "%*s", cols, "");
				}
			}
			/* no blanks at the ends of lines */
			while (line.len > 0 && line.s[line.len - 1] == ' ')
				line.s[--line.len] = '\0';
			printf("%s\n", line.len ? line.s : "");
			strbuf_free(&line);
		}
		first = last;
	}
	putchar('\n');
}

/* The keyframes of f, and for an exercise done on both sides the first
 * of them again as the right side sees it. */
static void
print_figure(const struct figure *f, bool sided, int width)
{
	struct pic p[FIGURE_FRAMES_MAX + 1];
	size_t n = 0;

	for (size_t i = 0; i < f->nframes; i++, n++) {
		figure_draw(f, i, 1, false, &p[n].b);
		if (f->nframes > 1)
			snprintf(p[n].label, sizeof p[n].label, "%zu. %s%s",
				 i + 1, f->frame[i].name, sided ? " (left)" : "");
		else
			snprintf(p[n].label, sizeof p[n].label, "%s",
				 sided ? "left side" : "");
	}
	if (sided) {
		/* the last frame is the one that moved: it shows the side */
		figure_draw(f, f->nframes - 1, 1, true, &p[n].b);
		snprintf(p[n++].label, sizeof p[n].label, "right side");
	}
	print_pics(p, n, width);
	for (size_t i = 0; i < n; i++)
		braille_free(&p[i].b);
}

/* The cue, indented; its own line breaks kept. */
static void
print_cue(const char *cue)
{
	for (const char *s = cue; *s;) {
		const char *nl = strchr(s, '\n');
		int n = nl ? (int)(nl - s) : (int)strlen(s);

		printf("  %.*s\n", n, s);
		s += n + (nl != NULL);
	}
}

/* Rows that are the same exercise at other levels (or other rounds of it):
 * the same name, cue, sides and figure. */
static bool
same_exercise(const struct routine_row *a, const struct routine_row *b)
{
	return strcmp(a->exercise, b->exercise) == 0 &&
	       strcmp(a->cue, b->cue) == 0 && a->sides == b->sides &&
	       strcmp(a->figure ? a->figure : "", b->figure ? b->figure : "") == 0;
}

/* One exercise: row i of r, with the levels of every row like it. */
static void
print_exercise(const struct figure_lib *lib, const struct routine *r,
	       size_t i, int width, bool pictures)
{
	const struct routine_row *row = &r->rows[i];
	const struct figure *f = figure_lib_match(lib, row->figure, row->exercise);
	struct strbuf about = { 0 };
	int lo = row->level_lo, hi = row->level_hi;

	for (size_t k = 0; k < r->nrows; k++)
		if (same_exercise(row, &r->rows[k])) {
			lo = r->rows[k].level_lo < lo ? r->rows[k].level_lo : lo;
			hi = r->rows[k].level_hi > hi ? r->rows[k].level_hi : hi;
		}
	if (lo == hi)
		strbuf_addf(&about, ", level %d", lo);
	else if (lo != LEVEL_MIN || hi != LEVEL_MAX)
		strbuf_addf(&about, ", levels %d-%d", lo, hi);
	if (row->sides == SIDES_EACH)
		strbuf_adds(&about, ", each side");
	else if (row->sides == SIDES_ALTERNATE)
		strbuf_adds(&about, ", sides in turn");
	if (about.len > 0)
		printf("%s (%s)\n", row->exercise, about.s + 2);
	else
		printf("%s\n", row->exercise);
	strbuf_free(&about);
	if (f == NULL && row->figure != NULL && *row->figure != '\0')
		printf("  (no figure named \"%s\")\n", row->figure);
	else if (f == NULL)
		printf("  (no figure)\n");
	else if (pictures)
		print_figure(f, row->sides != SIDES_NONE, width);
	if (f != NULL && f->rest != NULL && figure_lib_get(lib, f->rest) != NULL) {
		printf("In the rests:\n");
		if (pictures)
			print_figure(figure_lib_get(lib, f->rest), false, width);
	}
	if (*row->cue)
		print_cue(row->cue);
	putchar('\n');
}

static void
print_routine(const struct figure_lib *lib, const struct routine *r,
	      int width, bool pictures)
{
	printf("%s (%s)\n\n", r->title, r->name);
	for (size_t i = 0; i < r->nrows; i++) {
		size_t k = 0;

		while (k < i && !same_exercise(&r->rows[k], &r->rows[i]))
			k++;
		if (k == i)
			print_exercise(lib, r, i, width, pictures);
	}
}

static bool
exercise_is(const struct routine_row *row, const char *arg)
{
	char *a, *b;
	bool same;

	if (util_strcaseeq(row->exercise, arg))
		return true;
	a = figure_slug(row->exercise);
	b = figure_slug(arg);
	same = *a != '\0' && strcmp(a, b) == 0;
	free(a);
	free(b);
	return same;
}

/* The first routine (by name) with this exercise: its row and the routine
 * (to free), or NULL. */
static struct routine *
find_exercise(const struct catalog *cat, const char *arg, size_t *row)
{
	for (size_t i = 0; i < cat->n; i++) {
		struct diag_list d;
		struct routine *r;

		diag_init(&d);
		r = routine_load(cat->v[i].path, cat->v[i].name, &d);
		diag_free(&d);
		for (size_t k = 0; r != NULL && k < r->nrows; k++)
			if (exercise_is(&r->rows[k], arg)) {
				*row = k;
				return r;
			}
		routine_free(r);
	}
	return NULL;
}

static int
show_figure_file(const char *path, int width, bool pictures)
{
	struct diag_list d;
	struct figure *f;

	diag_init(&d);
	f = figure_load(path, NULL, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (f == NULL)
		return 1;
	printf("%s (%s, %zu frame%s, %dx%d dots)\n", f->name, path, f->nframes,
	       f->nframes == 1 ? "" : "s", f->w, f->h);
	if (pictures)
		print_figure(f, true, width);
	figure_free(f);
	return 0;
}

int
cli_show(const struct cli_opts *o, int argc, char **argv)
{
	struct catalog cat;
	struct figure_lib lib;
	struct diag_list d;
	const struct catalog_entry *e;
	const char *arg;
	bool pictures = utf8_out();
	int width = out_width(), status = 0;
	struct routine *r;
	size_t row;

	(void)o;
	if (argc != 1) {
		fprintf(stderr, "limber: usage: limber show ROUTINE|EXERCISE|FILE.fig\n");
		return EXIT_USAGE;
	}
	arg = argv[0];
	if (!pictures)
		printf("(the figures are drawn in braille, which needs a UTF-8 locale; the cues follow)\n\n");
	if (util_endswith(arg, ".fig"))
		return show_figure_file(arg, width, pictures);
	diag_init(&d);
	figure_lib_load_default(&lib, &d);
	catalog_scan_default(&cat);
	e = catalog_find(&cat, arg);
	if (e != NULL || strchr(arg, '/') != NULL || util_endswith(arg, ".csv")) {
		struct catalog_entry found;
		char *err, *warning;

		if (catalog_resolve(&cat, arg, &found, &err, &warning) != 0) {
			fprintf(stderr, "limber: %s\n", err);
			free(err);
			status = 1;
			goto out;
		}
		if (warning != NULL)
			diag_add(&d, DIAG_WARNING, found.path, 0, 0, "%s",
				 warning);
		free(warning);
		r = routine_load(found.path, found.name, &d);
		catalog_entry_free(&found);
		if (r == NULL) {
			status = 1;
			goto out;
		}
		figshow_check_routine(&lib, r, &d);
		print_routine(&lib, r, width, pictures);
		routine_free(r);
	} else if ((r = find_exercise(&cat, arg, &row)) != NULL) {
		printf("From %s (%s):\n\n", r->title, r->name);
		print_exercise(&lib, r, row, width, pictures);
		routine_free(r);
	} else if (figure_lib_get(&lib, arg) != NULL) {
		const struct figure *f = figure_lib_get(&lib, arg);

		printf("%s (%s, %zu frame%s)\n", f->name, f->path, f->nframes,
		       f->nframes == 1 ? "" : "s");
		if (pictures)
			print_figure(f, true, width);
	} else {
		fprintf(stderr, "limber: no routine, exercise or figure named \"%s\"; 'limber list' shows the routines\n",
			arg);
		status = 1;
	}
out:
	diag_print(&d, stderr);
	diag_free(&d);
	catalog_free(&cat);
	figure_lib_free(&lib);
	return status;
}

/* ------------------------------------------------------------ check */

int
cli_check_figure(const char *path, const char *name)
{
	struct diag_list d;
	struct figure *f;
	int ok;

	diag_init(&d);
	f = figure_load(path, name, &d);
	diag_print(&d, stderr);
	ok = f != NULL;
	if (ok) {
		char *what = xasprintf("figure, %zu frame%s", f->nframes,
				       f->nframes == 1 ? "" : "s");

		cli_check_verdict(path, what, &d);
		free(what);
	} else {
		cli_check_verdict(path, NULL, &d);
	}
	figure_free(f);
	diag_free(&d);
	return ok;
}

static void
check_found(void *ud, const char *path, const char *name, bool user)
{
	int *bad = ud;

	(void)user;
	*bad += !cli_check_figure(path, name);
}

int
cli_check_figures(const struct figure_lib *lib)
{
	char *user = paths_user_figures(), *shipped = paths_shipped_figures();
	struct diag_list rests;
	int bad = 0;

	figure_scan(user, shipped, check_found, &bad);
	/* each file's own problems are said; then what they name */
	diag_init(&rests);
	figure_lib_check_rests(lib, &rests);
	diag_print(&rests, stderr);
	diag_free(&rests);
	free(user);
	free(shipped);
	return bad;
}
