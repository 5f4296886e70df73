/* cli.c - list, check and run: the commands that need no screen (edit:
 * edit.c). */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/histprint.h"
#include "app/overview.h"
#include "app/today.h"
#include "model/catalog.h"
#include "model/memory.h"
#include "model/figshow.h"
#include "model/figure.h"
#include "cli/cli.h"
#include "core/diag.h"
#include "history/histsum.h"
#include "history/history.h"
#include "core/clock.h"
#include "core/csvsniff.h"
#include "core/paths.h"
#include "core/text.h"
#include "plain/plain.h"
#include "model/plan.h"
#include "model/routine.h"
#include "model/settings.h"
#include "tui/ui.h"
#include "core/util.h"

/* "11:20", rounded up to the second */
static char *
format_duration(int64_t ms)
{
	char buf[TEXT_CLOCK_BUF];

	return xstrdup(text_clock(buf, sizeof buf, (long)((ms + 999) / 1000)));
}

/* Load the history for a command that reads it; warnings go to stderr.
 * Returns 0, or -1 when it cannot be read at all (reported). */
int
cli_load_history(struct history *h)
{
	char *path = paths_history_file();
	struct diag_list d;
	int rc;

	history_init(h);
	diag_init(&d);
	rc = history_load(h, path, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	free(path);
	return rc;
}

/* The history's summary, for the commands that need no rows, through
 * the cache; warnings go to stderr.  Returns as load_history. */
int
cli_load_summary(struct histsum *s)
{
	char *path = paths_history_file(), *cache = paths_history_cache_file();
	struct histsum_cache c = { cache, HISTSUM_CACHE_MIN_BYTES };
	struct diag_list d;
	int rc;

	histsum_init(s);
	diag_init(&d);
	rc = histsum_load(s, path, &c, NULL, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	free(cache);
	free(path);
	return rc;
}

void
cli_load_settings(struct settings *s)
{
	char *conf = paths_settings_file();
	struct diag_list d;

	diag_init(&d);
	settings_load(s, conf, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	free(conf);
}

/* Has `limber start` begun a recovery?  memory.csv alone says so, so the
 * common case (none) costs no more than reading a small file. */
bool
cli_recovery_running(void)
{
	char *path = paths_memory_file();
	struct memory m;
	struct diag_list d;
	bool on;

	memory_init(&m);
	diag_init(&d);
	memory_load(&m, path, &d);	/* its warnings are today_load's to say */
	on = memory_episode(&m) != NULL;
	diag_free(&d);
	memory_free(&m);
	free(path);
	return on;
}

static int
utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int
cli_history(const struct cli_opts *o, int argc, char **argv)
{
	struct history h;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "limber: 'history' takes no arguments\n");
		return EXIT_USAGE;
	}
	if (cli_load_history(&h) != 0) {
		history_free(&h);
		return 1;
	}
	if (o->csv)
		histprint_csv(stdout, &h);
	else
		histprint_table(stdout, &h);
	history_free(&h);
	return 0;
}

int
cli_stats(const struct cli_opts *o, int argc, char **argv)
{
	struct histsum sum;
	struct history_stats st;

	(void)o;
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "limber: 'stats' takes no arguments\n");
		return EXIT_USAGE;
	}
	if (cli_load_summary(&sum) != 0) {
		histsum_free(&sum);
		return 1;
	}
	histsum_stats(&sum, clock_wall(), &st);
	histprint_stats_from(stdout, &st, utf8_locale());
	histsum_free(&sum);
	return 0;
}

/* Columns of text lined up by their display width (UTF-8 aware). */
#define LIST_COLS 7

struct table {
	char *(*cell)[LIST_COLS];
	size_t n, cap;
};

static void
table_add(struct table *t, char *cells[LIST_COLS])
{
	util_grow(&t->cell, &t->cap, t->n, sizeof *t->cell);
	memcpy(t->cell[t->n++], cells, sizeof *t->cell);
}

static void
table_print(struct table *t, const int right[LIST_COLS])
{
	int width[LIST_COLS] = { 0 };

	for (size_t r = 0; r < t->n; r++)
		for (int c = 0; c < LIST_COLS; c++) {
			int w = text_width(t->cell[r][c]);

			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = 0; r < t->n; r++) {
		for (int c = 0; c < LIST_COLS; c++) {
			const char *v = t->cell[r][c];
			int pad = width[c] - text_width(v);

			if (right[c])
				printf("%*s%s", pad, "", v);
			else if (c < LIST_COLS - 1)
				printf("%s%*s", v, pad, "");
			else
				fputs(v, stdout);
			fputs(c < LIST_COLS - 1 ? "  " : "\n", stdout);
			free(t->cell[r][c]);
		}
	}
	free(t->cell);
}

/* Files in the routines folders that cannot be routines by their names. */
static void
warn_misnamed(const struct catalog *cat)
{
	for (size_t i = 0; i < cat->nbad; i++)
		fprintf(stderr, "%s: warning: %s\n", cat->bad[i].path,
			cat->bad[i].warning);
}

/* list --names: the names alone, one a line, for shell completion and
 * scripts; neither the routines nor the history is read. */
static int
list_names(void)
{
	struct catalog cat;
	size_t n;

	catalog_scan_default(&cat);
	n = cat.n;
	for (size_t i = 0; i < n; i++)
		puts(cat.v[i].name);
	if (n == 0) {
		char *where = overview_where();

		fprintf(stderr, "limber: no routines found in %s\n", where);
		free(where);
	}
	catalog_free(&cat);
	return n == 0;
}

int
cli_list(const struct cli_opts *o, int argc, char **argv)
{
	static const int right[LIST_COLS] = { 0, 0, 1, 1, 1, 0, 0 };
	struct overview ov;
	struct table t = { 0 };
	struct diag_list d;
	int status = 0;

	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "limber: 'list' takes no arguments\n");
		return EXIT_USAGE;
	}
	if (o->names)
		return list_names();
	diag_init(&d);
	if (overview_load(&ov, clock_wall(), &d) != 0)
		status = 1;	/* still list the routines, at level 1 */
	diag_print(&d, stderr);
	diag_free(&d);
	if (ov.n == 0) {
		char *where = overview_where();

		fprintf(stderr, "limber: no routines found in %s\n", where);
		free(where);
		overview_free(&ov);
		return 1;
	}
	table_add(&t, (char *[LIST_COLS]){ xstrdup("NAME"), xstrdup("TITLE"),
		  xstrdup("EXERCISES"), xstrdup("TIME"), xstrdup("LEVEL"),
		  xstrdup("LAST DONE"), xstrdup("SOURCE") });
	for (size_t i = 0; i < ov.n; i++) {
		const struct overview_item *it = &ov.v[i];
		const struct catalog_entry *e = &it->entry;
		char *source = xasprintf("%s%s", catalog_source_name(e->source),
					 e->replaces ? " (replaces shipped)" : "");

		if (it->broken) {
			table_add(&t, (char *[LIST_COLS]){ xstrdup(e->name),
				  xstrdup("(has errors: see limber check)"),
				  xstrdup("-"), xstrdup("-"), xasprintf("%d", it->level),
				  xstrdup(it->last), source });
			fprintf(stderr, "limber: %s has %zu error%s; run 'limber check %s'\n",
				e->path, it->errors, it->errors == 1 ? "" : "s", e->name);
			status = 1;
			continue;
		}
		table_add(&t, (char *[LIST_COLS]){ xstrdup(e->name),
			  xstrdup(it->title), xasprintf("%zu", it->nex),
			  format_duration(it->total_ms), xasprintf("%d", it->level),
			  xstrdup(it->last), source });
	}
	table_print(&t, right);
	overview_free(&ov);
	return status;
}

void
cli_check_verdict(const char *path, const char *what,
		  const struct diag_list *d)
{
	if (what != NULL)
		printf("%s: ok: %s%s\n", path, what,
		       d->warnings ? " (with warnings)" : "");
	else
		printf("%s: %zu error%s\n", path, d->errors,
		       d->errors == 1 ? "" : "s");
}

/* Check one file; prints diagnostics to stderr and a verdict to stdout. */
static int
check_one(const char *path, const char *name, const struct figure_lib *figs)
{
	struct diag_list d;
	struct routine *r;
	int ok;

	diag_init(&d);
	r = routine_load(path, name, &d);
	if (r != NULL)
		figshow_check_routine(figs, r, &d);
	diag_print(&d, stderr);
	ok = r != NULL;
	if (ok) {
		char *what = xasprintf("%zu row%s, levels 1-10%s%s%s",
				       r->nrows, r->nrows == 1 ? "" : "s",
				       r->sep == ',' ? "" : ", ",
				       r->sep == ',' ? ""
				       : csvsniff_separator_name(r->sep),
				       r->sep == ',' ? "" : "-separated");

		cli_check_verdict(path, what, &d);
		free(what);
	} else {
		cli_check_verdict(path, NULL, &d);
	}
	routine_free(r);
	diag_free(&d);
	return ok;
}

int
cli_check(const struct cli_opts *o, int argc, char **argv)
{
	struct catalog cat;
	struct figure_lib figs;
	struct diag_list fd;
	int bad = 0;

	(void)o;
	catalog_scan_default(&cat);
	/* the figures the routines and the figures' rests name; their own
	 * problems are checked file by file below */
	diag_init(&fd);
	figure_lib_load_default(&figs, &fd);
	diag_free(&fd);
	if (argc == 0) {
		warn_misnamed(&cat);
		if (cat.n == 0) {
			fprintf(stderr, "limber: no routines to check\n");
			catalog_free(&cat);
			figure_lib_free(&figs);
			return 1;
		}
		for (size_t i = 0; i < cat.n; i++)
			bad += !check_one(cat.v[i].path, cat.v[i].name, &figs);
		bad += cli_check_figures(&figs);
		bad += cli_check_plans();
	}
	for (int i = 0; i < argc; i++) {
		struct catalog_entry e;
		char *err, *warning;

		if (util_endswith(argv[i], ".fig")) {
			bad += !cli_check_figure(argv[i], NULL);
			continue;
		}
		/* A plan: a file in a folder named plans, or the plan's name
		 * when no routine has it. */
		if (today_is_plan_path(argv[i]) ||
		    (strcmp(argv[i], TODAY_PLAN) == 0 &&
		     catalog_find(&cat, argv[i]) == NULL)) {
			char *plan = today_is_plan_path(argv[i]) ?
				     xstrdup(argv[i]) : today_plan_path();

			bad += !cli_check_plan(plan);
			free(plan);
			continue;
		}
		if (catalog_resolve(&cat, argv[i], &e, &err, &warning) != 0) {
			fprintf(stderr, "limber: %s\n", err);
			free(err);
			bad++;
			continue;
		}
		if (warning != NULL)
			fprintf(stderr, "%s: warning: %s\n", e.path, warning);
		free(warning);
		bad += !check_one(e.path, e.name, &figs);
		catalog_entry_free(&e);
	}
	catalog_free(&cat);
	figure_lib_free(&figs);
	return bad ? 1 : 0;
}

/* ------------------------------------------------------------------ run */

/* The clock the coach runs on (LIMBER_TIME_SCALE): set up once, here, for
 * both front ends.  Returns 0, or EXIT_USAGE after saying why. */
static int
start_clock(void)
{
	char *err = NULL;

	if (clock_init(&err) == 0)
		return 0;
	fprintf(stderr, "limber: %s\n", err);
	free(err);
	return EXIT_USAGE;
}

int
cli_home(const struct cli_opts *o)
{
	int rc = start_clock();

	return rc != 0 ? rc : ui_home(o);
}

int
cli_run(const struct cli_opts *o, int argc, char **argv)
{
	int rc;

	if (argc != 1) {
		fprintf(stderr, "limber: usage: limber run [--plain] NAME|FILE\n");
		return EXIT_USAGE;
	}
	if ((rc = start_clock()) != 0)
		return rc;
	return o->plain ? plain_main(o, argv[0]) : ui_run(o, argv[0]);
}
