/* cmd_today.c - `limber today` and `limber start [DATE]`: where the
 * recovery stands, and beginning one. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caldate.h"
#include "app/today.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "core/paths.h"
#include "model/catalog.h"
#include "plain/plain.h"
#include "core/util.h"

/* Load the recovery; diagnostics to stderr.  Returns 0, or 1 when the plan
 * cannot be used (said). */
static int
load(struct today *t)
{
	struct diag_list d;
	int rc;

	diag_init(&d);
	rc = today_load(t, clock_wall(), &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (rc != 0) {
		char *user = today_user_plan_path();

		if (strcmp(user, t->plan_path) == 0)
			fprintf(stderr, "limber: your recovery plan %s cannot be "
				"used: fix it (limber check %s) or remove it to "
				"use the shipped one\n", t->plan_path, TODAY_PLAN);
		else
			fprintf(stderr, "limber: the shipped recovery plan %s "
				"cannot be used: reinstall limber, or write your "
				"own as %s\n", t->plan_path, user);
		free(user);
	}
	return rc != 0;
}

static int
begin(struct today *t, long day)
{
	struct diag_list d;
	char date[CALDATE_BUF];
	int rc;

	diag_init(&d);
	rc = today_begin(t, day, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (rc != 0)
		return 1;
	caldate_format(day, date);
	printf("Your recovery began on %s. The history stays as it is.\n",
	       date);
	return 0;
}

struct start_answer {
	struct today *t;
	long day;
};

/* A date, or empty for today; a line it cannot read is said, and asked
 * again. */
static int
answer_start(void *ud, const char *line)
{
	struct start_answer *a = ud;
	char *err;

	if (today_parse_start(line, a->t->state.today, &a->day, &err) == 0)
		return 0;
	{
		/* the message quotes the answer: never a control byte the
		 * terminal would obey */
		struct strbuf shown = { 0 };

		strbuf_add_escaped(&shown, err, strlen(err));
		printf("%s. ", shown.s != NULL ? shown.s : "");
		strbuf_free(&shown);
	}
	free(err);
	return 1;
}

/* First use: ask once for the day the pain began (Enter: today).  Returns
 * 0 when an episode began, 1 when there was no answer or it could not be
 * recorded (SIGTERM and SIGHUP: 1 too, as everywhere). */
static int
ask_start(struct today *t)
{
	struct start_answer a = { .t = t };
	int sig;

	if (plain_ask("When did your back pain begin?",
		      "Answer with a date like 2026-11-02, or press Enter for "
		      "today.",
		      "Answer with a date like 2026-11-02, or press Enter for "
		      "today.", answer_start, &a, &sig) != 0)
		return 1;
	return begin(t, a.day);
}

/* The today lines when all went well (rc 0); t is freed.  Returns rc. */
static int
show(struct today *t, int rc)
{
	if (rc == 0) {
		char *text = today_text(t);

		fputs(text, stdout);
		free(text);
	}
	today_free(t);
	return rc;
}

int
cli_today(const struct cli_opts *o, int argc, char **argv)
{
	struct today t;
	int rc;

	(void)o;
	(void)argv;
	if (argc != 0) {
		fprintf(stderr, "limber: usage: limber today\n");
		return EXIT_USAGE;
	}
	rc = load(&t);
	if (rc == 0 && !t.state.active && ask_start(&t) != 0)
		rc = 0;		/* no answer: say how to begin */
	return show(&t, rc);
}

int
cli_start(const struct cli_opts *o, int argc, char **argv)
{
	struct today t;
	char *err;
	long day;
	int rc;

	(void)o;
	if (argc > 1) {
		fprintf(stderr, "limber: usage: limber start [DATE]\n");
		return EXIT_USAGE;
	}
	rc = load(&t);
	if (rc == 0 && today_parse_start(argc ? argv[0] : "", t.state.today,
					 &day, &err) != 0) {
		fprintf(stderr, "limber: %s\n", err);
		free(err);
		rc = EXIT_USAGE;
	}
	if (rc == 0)
		rc = begin(&t, day);
	return show(&t, rc);
}

int
cli_check_plan(const char *path)
{
	struct diag_list d;
	struct recovery_plan *p;
	int ok;

	diag_init(&d);
	p = recovery_plan_load(path, NULL, &d);
	if (p != NULL) {
		struct catalog cat;

		/* A routine the plan names but limber does not have cannot
		 * be run on its day: say so, where the phase is. */
		catalog_scan_default(&cat);
		for (size_t i = 0; i < p->n; i++)
			for (size_t j = 0; j < p->phases[i].nroutines; j++)
				if (catalog_find(&cat, p->phases[i].routines[j]) == NULL)
					diag_add(&d, DIAG_WARNING, path,
						 p->phases[i].line, 1,
						 "phase \"%s\" names the routine "
						 "\"%s\", which there is not "
						 "(see limber list)",
						 p->phases[i].name,
						 p->phases[i].routines[j]);
		catalog_free(&cat);
	}
	diag_print(&d, stderr);
	ok = p != NULL;
	if (ok)
		printf("%s: ok: a plan of %zu phase%s%s\n", path, p->n,
		       p->n == 1 ? "" : "s",
		       d.warnings ? " (with warnings)" : "");
	else
		printf("%s: %zu error%s\n", path, d.errors,
		       d.errors == 1 ? "" : "s");
	recovery_plan_free(p);
	diag_free(&d);
	return ok;
}

int
cli_check_plans(void)
{
	char *path = today_plan_path(), *user = today_user_plan_path();
	int bad = !cli_check_plan(path);

	/* the shipped plan too when the user's replaces it */
	if (strcmp(path, user) == 0) {
		char *dir = paths_shipped_plans();
		char *shipped = paths_join(dir, TODAY_PLAN ".csv");

		bad += !cli_check_plan(shipped);
		free(shipped);
		free(dir);
	}
	free(path);
	free(user);
	return bad;
}
