/* recplan.c - reading and checking a recovery plan file (plans/NAME.csv).
 *
 * The format is in the README ("Recovery plans"): one row a phase, with
 * its days, its routines, sessions a week, its advice and what it takes to
 * move on.  Every problem is reported with its file, line and column; the
 * phases themselves are recovery.c's. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csvread.h"
#include "core/util.h"
#include "model/catalog.h"
#include "model/recovery.h"
#include "model/routine.h"

#define PLAN_MAX_BYTES (1024L * 1024)
#define PLAN_DAY_MAX 3650

/* ---------------------------------------------------------------------
 * The plan file. */

enum pcol { P_PHASE, P_DAYS, P_ROUTINES, P_PER_WEEK, P_ADVICE, P_MOVE_ON,
	    P_COUNT };

static const char *const pcol_names[P_COUNT] = {
	"phase", "days", "routines", "per_week", "advice", "move_on",
};
static const bool pcol_required[P_COUNT] = {
	[P_PHASE] = true, [P_DAYS] = true, [P_ROUTINES] = true,
	[P_ADVICE] = true,
};

struct ploader {
	const char *file;
	struct diag_list *d;
	struct recovery_plan *p;
	int map[CSVREAD_DEFAULT_MAX_FIELDS];	/* field -> column, -1 */
	size_t nmap;
	bool header, stop;
	long header_line;
	char *title;
};

static void ATTR_PRINTF(4, 5)
perr(struct ploader *l, const struct csvread_field *f, long line,
     const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(l->d, DIAG_ERROR, l->file, f ? f->line : line, f ? f->col : 1,
		 "%s", msg);
	free(msg);
}

static void
plan_comment(void *ud, const char *text, long line)
{
	struct ploader *l = ud;
	const char *p = text;

	(void)line;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncasecmp(p, "title:", 6) != 0)
		return;
	free(l->title);
	l->title = util_trim(xstrdup(p + 6));
}

static int
plan_header(struct ploader *l, const struct csvread_record *rec)
{
	bool has[P_COUNT] = { false };

	l->header = true;
	l->header_line = rec->line;
	l->nmap = rec->n;
	for (size_t i = 0; i < rec->n; i++) {
		char *name = util_trim(xstrdup(rec->f[i].text));

		l->map[i] = -1;
		for (int c = 0; c < P_COUNT; c++)
			if (util_strcaseeq(name, pcol_names[c])) {
				l->map[i] = c;
				has[c] = true;
			}
		if (l->map[i] < 0)
			diag_add(l->d, DIAG_WARNING, l->file, rec->f[i].line,
				 rec->f[i].col, "unknown column \"%s\" "
				 "(ignored); the columns are phase, days, "
				 "routines, per_week, advice, move_on", name);
		free(name);
	}
	for (int c = 0; c < P_COUNT; c++)
		if (pcol_required[c] && !has[c]) {
			perr(l, NULL, rec->line, "the header lacks the column "
			     "\"%s\"", pcol_names[c]);
			l->stop = true;
		}
	return l->stop;
}

/* "4-14" or "43-". */
static int
parse_days(const char *s, int *from, int *to)
{
	char *dash = strchr(s, '-'), *a;
	long lo, hi = 0;
	int ok;

	if (dash == NULL)
		return -1;
	a = xstrndup(s, (size_t)(dash - s));
	ok = util_parse_long(a, 1, PLAN_DAY_MAX, &lo) == UTIL_NUM_OK &&
	     (dash[1] == '\0' ||
	      util_parse_long(dash + 1, 1, PLAN_DAY_MAX, &hi) == UTIL_NUM_OK);
	free(a);
	if (!ok || (hi != 0 && hi < lo))
		return -1;
	*from = (int)lo;
	*to = (int)hi;
	return 0;
}

static void
parse_routines(struct ploader *l, const struct csvread_field *f,
	       struct recovery_phase *ph)
{
	char *list = xstrdup(f->text), *save = NULL;
	size_t errors = l->d->errors;

	for (char *t = strtok_r(list, ";", &save); t != NULL;
	     t = strtok_r(NULL, ";", &save)) {
		util_trim(t);
		if (!catalog_valid_name(t)) {
			perr(l, f, 0, "routines must be routine names "
			     "(letters, digits, '-' and '_') separated by ';', "
			     "got \"%s\"", t);
			break;
		}
		if (ph->nroutines == RECOVERY_MAX_ROUTINES) {
			perr(l, f, 0, "a phase has at most %d routines",
			     RECOVERY_MAX_ROUTINES);
			break;
		}
		ph->routines[ph->nroutines++] = xstrdup(t);
	}
	if (ph->nroutines == 0 && l->d->errors == errors)
		perr(l, f, 0, "routines must name at least one routine");
	free(list);
}

static void
parse_move_on(struct ploader *l, const struct csvread_field *f,
	      struct recovery_phase *ph)
{
	char *list = xstrdup(f->text), *save = NULL;
	long n;

	for (char *t = strtok_r(list, ";", &save); t != NULL;
	     t = strtok_r(NULL, ";", &save)) {
		util_trim(t);
		if (*t == '\0')
			continue;
		if (strcmp(t, "professional") == 0)
			ph->move_professional = true;
		else if (strncmp(t, "green=", 6) == 0 &&
			 util_parse_long(t + 6, 1, 10, &n) == UTIL_NUM_OK)
			ph->move_green = (int)n;
		else
			perr(l, f, 0, "move_on must be green=N (N 1-10) or "
			     "professional, separated by ';', got \"%s\"", t);
	}
	free(list);
}

static void
plan_row(struct ploader *l, const struct csvread_record *rec)
{
	struct recovery_plan *p = l->p;
	struct recovery_phase *ph;
	const struct csvread_field *days = NULL;
	long n;

	if (p->n == RECOVERY_MAX_PHASES) {
		perr(l, NULL, rec->line, "a plan has at most %d phases",
		     RECOVERY_MAX_PHASES);
		l->stop = true;
		return;
	}
	ph = &p->phases[p->n++];
	memset(ph, 0, sizeof *ph);
	ph->line = rec->line;
	ph->per_week = 3;
	for (size_t i = 0; i < rec->n && i < l->nmap; i++) {
		const struct csvread_field *f = &rec->f[i];
		char *v = util_trim(xstrdup(f->text));

		switch (l->map[i]) {
		case P_PHASE:
			if (!catalog_valid_name(v))
				perr(l, f, 0, "phase must be a name (letters, "
				     "digits, '-' and '_'), got \"%s\"", v);
			else
				ph->name = xstrdup(v);
			break;
		case P_DAYS:
			days = f;
			if (parse_days(v, &ph->day_from, &ph->day_to) != 0)
				perr(l, f, 0, "days must be FIRST-LAST or FIRST- "
				     "(days of the recovery, 1-%d), got \"%s\"",
				     PLAN_DAY_MAX, v);
			break;
		case P_ROUTINES:
			parse_routines(l, f, ph);
			break;
		case P_PER_WEEK:
			if (*v == '\0')
				break;
			if (util_parse_long(v, 1, 14, &n) != UTIL_NUM_OK)
				perr(l, f, 0, "per_week must be a whole number "
				     "from 1 to 14, got \"%s\"", v);
			else
				ph->per_week = (int)n;
			break;
		case P_ADVICE:
			if (*v == '\0')
				perr(l, f, 0, "advice must say what to do in "
				     "this phase");
			else
				ph->advice = xstrdup(v);
			break;
		case P_MOVE_ON:
			parse_move_on(l, f, ph);
			break;
		}
		free(v);
	}
	if (rec->n < l->nmap)
		perr(l, NULL, rec->line, "%zu fields where the header has %zu",
		     rec->n, l->nmap);
	for (size_t i = 0; ph->name && i + 1 < p->n; i++)
		if (p->phases[i].name && strcmp(p->phases[i].name, ph->name) == 0)
			perr(l, &rec->f[0], 0, "phase \"%s\" is already on line "
			     "%ld", ph->name, p->phases[i].line);
	if (days == NULL || ph->day_from == 0)
		return;		/* no days to check (said) */
	if (p->n == 1 && ph->day_from != 1)
		perr(l, days, 0, "the first phase must start on day 1, the "
		     "day the pain began");
	if (p->n > 1 && p->phases[p->n - 2].day_from != 0) {
		const struct recovery_phase *prev = &p->phases[p->n - 2];

		if (prev->day_to == 0)
			perr(l, days, 0, "phase \"%s\" on line %ld has no last "
			     "day, so no phase can follow it",
			     prev->name ? prev->name : "",
			     prev->line);
		else if (ph->day_from != prev->day_to + 1)
			perr(l, days, 0, "this phase must start on day %d, the "
			     "day after \"%s\" ends", prev->day_to + 1,
			     prev->name ? prev->name : "");
	}
}

static int
plan_record(void *ud, const struct csvread_record *rec)
{
	struct ploader *l = ud;

	if (l->stop)
		return 1;
	if (!l->header)
		return plan_header(l, rec);
	plan_row(l, rec);
	return l->stop;
}

static struct recovery_plan *
plan_read(const char *buf, size_t len, const char *path, const char *name,
	  struct diag_list *d)
{
	struct recovery_plan *p = xcalloc(1, sizeof *p);
	struct ploader l = { .file = path ? path : "", .d = d, .p = p };
	/* Saved by a spreadsheet too: ';' or tab as the header shows, and
	 * comments anywhere, as for routines. */
	struct csvread cfg = {
		.file = l.file, .diags = d, .max_bytes = PLAN_MAX_BYTES,
		.header_word = "phase", .comment = plan_comment,
		.record = plan_record, .ud = &l,
	};
	size_t errors = d->errors;
	int rc;

	p->name = name ? xstrdup(name) : routine_name_from_path(l.file);
	p->path = xstrdup(l.file);
	rc = buf ? csvread_buffer(&cfg, buf, len) : csvread_file(&cfg, path);
	if (rc == 0 && !l.header)
		perr(&l, NULL, 1, "no header line: expected phase, days, "
		     "routines, per_week, advice, move_on");
	else if (rc == 0 && p->n == 0 && d->errors == errors)
		perr(&l, NULL, l.header_line, "the plan has no phases");
	p->title = l.title && *l.title ? l.title : xstrdup(p->name);
	if (p->title != l.title)
		free(l.title);
	if (d->errors != errors) {
		recovery_plan_free(p);
		return NULL;
	}
	return p;
}

struct recovery_plan *
recovery_plan_load(const char *path, const char *name, struct diag_list *d)
{
	return plan_read(NULL, 0, path, name, d);
}

struct recovery_plan *
recovery_plan_parse(const char *buf, size_t len, const char *path,
		    const char *name, struct diag_list *d)
{
	return plan_read(buf, len, path, name, d);
}

void
recovery_plan_free(struct recovery_plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->phases[i].name);
		free(p->phases[i].advice);
		for (size_t j = 0; j < p->phases[i].nroutines; j++)
			free(p->phases[i].routines[j]);
	}
	free(p->name);
	free(p->title);
	free(p->path);
	free(p);
}
