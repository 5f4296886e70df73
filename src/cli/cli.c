/* cli.c - list, check, edit and run: the commands that need no screen. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/histprint.h"
#include "app/overview.h"
#include "model/catalog.h"
#include "model/figshow.h"
#include "model/figure.h"
#include "cli/cli.h"
#include "core/diag.h"
#include "history/histsum.h"
#include "history/history.h"
#include "core/clock.h"
#include "core/fileio.h"
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
static int
load_history(struct history *h)
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
static int
load_summary(struct histsum *s)
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
	if (load_history(&h) != 0) {
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
	if (load_summary(&sum) != 0) {
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

int
cli_list(const struct cli_opts *o, int argc, char **argv)
{
	static const int right[LIST_COLS] = { 0, 0, 1, 1, 1, 0, 0 };
	struct overview ov;
	struct table t = { 0 };
	struct diag_list d;
	int status = 0;

	(void)o;
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "limber: 'list' takes no arguments\n");
		return EXIT_USAGE;
	}
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
		char *what = xasprintf("%zu row%s, levels 1-10", r->nrows,
				       r->nrows == 1 ? "" : "s");

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
	/* the figures the routines name; their own problems are checked
	 * file by file below */
	diag_init(&fd);
	figure_lib_load_default(&figs, &fd);
	diag_free(&fd);
	if (argc == 0) {
		if (cat.n == 0) {
			fprintf(stderr, "limber: no routines to check\n");
			catalog_free(&cat);
			figure_lib_free(&figs);
			return 1;
		}
		for (size_t i = 0; i < cat.n; i++)
			bad += !check_one(cat.v[i].path, cat.v[i].name, &figs);
		bad += cli_check_figures();
	}
	for (int i = 0; i < argc; i++) {
		struct catalog_entry e;
		char *err;

		if (util_endswith(argv[i], ".fig")) {
			bad += !cli_check_figure(argv[i], NULL);
			continue;
		}
		if (catalog_resolve(&cat, argv[i], &e, &err) != 0) {
			fprintf(stderr, "limber: %s\n", err);
			free(err);
			bad++;
			continue;
		}
		bad += !check_one(e.path, e.name, &figs);
		catalog_entry_free(&e);
	}
	catalog_free(&cat);
	figure_lib_free(&figs);
	return bad ? 1 : 0;
}

/* ------------------------------------------------------------------ edit */

static const char routine_template[] =
"# title: %s\n"
"#\n"
"# A limber routine (Routine CSV, version 1).  One row per exercise; lines\n"
"# starting with '#' before the header are comments.  Columns (only\n"
"# `exercise` is required; an empty cell takes the default):\n"
"#   exercise   name shown while it runs\n"
"#   sets       1-20 (default 1)\n"
"#   reps       repetitions per set, per side, 1-100 (default 1)\n"
"#   hold       seconds each repetition lasts, 1-600 (default 3)\n"
"#   rest       seconds of rest after each set, 0-600 (default 15)\n"
"#   sides      none, each (all reps left, switch, then right) or\n"
"#              alternate (left and right in turn) (default none)\n"
"#   switch     seconds to change sides, 0-60 (default 5)\n"
"#   levels     levels that use this row: 3, 1-3 or 4- (default all)\n"
"#   reps_step  repetitions added per level above 1, 0-20 (default 0)\n"
"#   hold_step  seconds added per level above 1, 0-60 (default 0)\n"
"#   cue        how to do it, shown while it runs\n"
"# Every level from 1 to 10 needs at least one row.  Check your changes\n"
"# with: limber check %s\n"
"exercise,sets,reps,hold,rest,sides,levels,reps_step,hold_step,cue\n"
"Knee-to-chest,2,3,5,15,each,,1,0,\"Lie on your back, draw one knee to your chest with both hands, breathe out slowly.\"\n"
"Glute bridge,2,8,5,30,none,,1,0,\"Feet flat, knees bent; lift your hips until knees, hips and shoulders line up. Squeeze your glutes, do not arch your back.\"\n";

static int
run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	pid_t pid;
	int st;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		/* through the shell, so EDITOR may carry arguments */
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", ed, path, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "limber: the editor (%s) failed", ed);
		if (WIFEXITED(st))
			fprintf(stderr, " with exit status %d\n", WEXITSTATUS(st));
		else
			fputc('\n', stderr);
		return -1;
	}
	return 0;
}

/* Ask what to do with a draft that has errors: 'e' edit again, 'k' keep
 * it anyway, 'd' discard it.  EOF answers 'q': leave the draft for later. */
static int
ask_fix(void)
{
	char line[64];

	for (;;) {
		fputs("Edit again, keep it with errors, or discard your changes? [E/k/d] ", stdout);
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL)
			return 'q';
		switch (line[0]) {
		case '\n': case 'e': case 'E': return 'e';
		case 'k': case 'K': return 'k';
		case 'd': case 'D': return 'd';
		}
	}
}

int
cli_edit(const struct cli_opts *o, int argc, char **argv)
{
	struct catalog cat;
	const struct catalog_entry *e;
	char *dir = NULL, *path = NULL, *draft = NULL, *text = NULL, *failed;
	const char *name;
	size_t len = 0;
	int status = 1, kept_errors = 0;

	if (argc != 1) {
		fprintf(stderr, "limber: usage: limber edit [--new] NAME\n");
		return EXIT_USAGE;
	}
	name = argv[0];
	if (!catalog_valid_name(name)) {
		fprintf(stderr, "limber: \"%s\" is not a routine name: use letters, digits, '-' and '_' (at most 64)\n",
			name);
		return EXIT_USAGE;
	}
	catalog_scan_default(&cat);
	e = catalog_find(&cat, name);
	dir = paths_user_routines();
	path = xasprintf("%s/%s.csv", dir, name);
	if (o->new_routine) {
		if (e != NULL) {
			fprintf(stderr, "limber: a routine named \"%s\" already exists (%s); edit it with 'limber edit %s'\n",
				name, e->path, name);
			goto out;
		}
		text = xasprintf(routine_template, name, name);
		len = strlen(text);
	} else if (e == NULL) {
		fprintf(stderr, "limber: no routine named \"%s\"; start one with 'limber edit --new %s'\n",
			name, name);
		goto out;
	} else if ((text = fileio_read_file(e->path, SIZE_MAX, &len)) == NULL) {
		fprintf(stderr, "limber: %s: cannot read: %s\n", e->path,
			strerror(errno));
		goto out;
	}
	if (fileio_mkdir_p(dir, 0700, &failed) != 0) {
		fprintf(stderr, "limber: cannot create %s: %s\n", failed,
			strerror(errno));
		free(failed);
		goto out;
	}
	/* The user edits a draft beside the routine; the routine itself is
	 * replaced (atomically) only once the draft is accepted, so neither a
	 * broken edit nor a crash loses the working version. */
	draft = xasprintf("%s/.%s.csv.draft", dir, name);
	if (fileio_replace(draft, text, len, 0600) != 0) {
		fprintf(stderr, "limber: %s: cannot write: %s\n", draft,
			strerror(errno));
		goto out;
	}
	for (;;) {
		struct diag_list d;
		struct routine *r;
		int answer;

		if (run_editor(draft) != 0) {
			fprintf(stderr, "limber: your draft is kept in %s\n", draft);
			goto out;
		}
		diag_init(&d);
		r = routine_load(draft, name, &d);
		diag_print(&d, stderr);
		diag_free(&d);
		if (r != NULL) {
			routine_free(r);
			break;
		}
		answer = ask_fix();
		if (answer == 'e')
			continue;
		if (answer == 'k') {
			kept_errors = 1;
			break;
		}
		if (answer == 'd') {
			unlink(draft);
			printf("Discarded your changes; %s is as it was.\n",
			       e != NULL ? e->path : path);
			status = 0;
			goto out;
		}
		fprintf(stderr, "limber: no answer; your draft is kept in %s\n", draft);
		goto out;
	}
	if (rename(draft, path) != 0) {
		fprintf(stderr, "limber: cannot save %s: %s (your draft is kept in %s)\n",
			path, strerror(errno), draft);
		goto out;
	}
	printf("Saved %s%s.\n", path,
	       e != NULL && e->source == SOURCE_SHIPPED ?
	       " (it replaces the shipped routine of the same name)" : "");
	if (kept_errors)
		fprintf(stderr, "limber: %s has errors: limber will not run it until they are fixed\n", path);
	status = kept_errors ? 1 : 0;
out:
	free(text);
	free(draft);
	free(path);
	free(dir);
	catalog_free(&cat);
	return status;
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
