/* today.c - loading the recovery's files and recording its answers. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/caldate.h"
#include "app/today.h"
#include "core/paths.h"
#include "core/util.h"

char *
today_user_plan_path(void)
{
	char *dir = paths_user_plans(), *p = paths_join(dir, TODAY_PLAN ".csv");

	free(dir);
	return p;
}

char *
today_plan_path(void)
{
	char *user = today_user_plan_path(), *dir, *p;

	if (access(user, F_OK) == 0 || errno != ENOENT)
		return user;
	free(user);
	dir = paths_shipped_plans();
	p = paths_join(dir, TODAY_PLAN ".csv");
	free(dir);
	return p;
}

bool
today_is_plan_path(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return false;
	return (slash - path >= 5 && strncmp(slash - 5, "plans", 5) == 0 &&
		(slash - path == 5 || slash[-6] == '/'));
}

struct recovery_session *
today_sessions(const struct history *h)
{
	struct recovery_session *v = xcalloc(h->n ? h->n : 1, sizeof *v);

	for (size_t i = 0; i < h->n; i++) {
		const struct history_row *r = &h->rows[i];

		v[i].started = r->started;
		v[i].day = r->day;
		v[i].routine = r->routine;
		v[i].level = r->level;
		v[i].next_level = r->next_level;
		v[i].completed = r->status == SESSION_COMPLETED;
		v[i].exercises_planned = r->exercises_planned;
		v[i].exercises_done = r->exercises_done;
		v[i].pain = r->pain;
		v[i].nerve = r->nerve;
		v[i].urgent = r->urgent;
		v[i].morning = r->morning;
		v[i].hurt = r->hurt;
	}
	return v;
}

void
today_update(struct today *t)
{
	recovery_state(t->plan, &t->settings, &t->memory, t->sessions,
		       t->nsessions, t->now, &t->state);
}

int
today_load(struct today *t, time_t now, struct diag_list *d)
{
	char *conf, *hist;

	memset(t, 0, sizeof *t);
	memory_init(&t->memory);
	history_init(&t->history);
	t->now = now;
	conf = paths_settings_file();
	settings_load(&t->settings, conf, d);
	free(conf);
	t->plan_path = today_plan_path();
	t->plan = recovery_plan_load(t->plan_path, TODAY_PLAN, d);
	t->memory_path = paths_memory_file();
	memory_load(&t->memory, t->memory_path, d);
	hist = paths_history_file();
	if (history_load(&t->history, hist, d) != 0)
		history_free(&t->history);
	free(hist);
	t->sessions = today_sessions(&t->history);
	t->nsessions = t->history.n;
	today_update(t);
	return t->plan ? 0 : -1;
}

void
today_free(struct today *t)
{
	recovery_plan_free(t->plan);
	free(t->plan_path);
	free(t->memory_path);
	memory_free(&t->memory);
	history_free(&t->history);
	free(t->sessions);
	memset(t, 0, sizeof *t);
}

static int
record(struct today *t, struct memory_entry *e, struct diag_list *d)
{
	int rc = memory_append(&t->memory, t->memory_path, e, d);

	today_update(t);
	return rc;
}

int
today_begin(struct today *t, long day, struct diag_list *d)
{
	struct memory_entry e = { .at = t->now, .kind = MEMORY_START,
				  .start_day = day, .routine = NULL };

	return record(t, &e, d);
}

int
today_seen(struct today *t, enum memory_seen kind, struct diag_list *d)
{
	struct memory_entry e = { .at = t->now, .kind = MEMORY_SEEN,
				  .seen = kind };

	return record(t, &e, d);
}

int
today_skip(struct today *t, const char *routine, const char *exercise,
	   time_t at, struct diag_list *d)
{
	struct memory_entry e = { .at = at, .kind = MEMORY_SKIP };
	int rc;

	e.routine = xstrdup(routine);
	e.exercise = xstrdup(exercise);
	rc = record(t, &e, d);
	free(e.routine);
	free(e.exercise);
	return rc;
}

char *
today_text(const struct today *t)
{
	int level = t->state.routine ?
		    history_level(&t->history, t->state.routine) : 1;

	return recovery_today_text(t->plan, &t->settings, &t->state, level,
				   t->now);
}

int
today_parse_start(const char *answer, long today, long *day, char **err)
{
	char *a = xstrdup(answer);
	char date[CALDATE_BUF];
	int rc = 0;

	a[strcspn(a, "\r\n")] = '\0';
	util_trim(a);
	if (*a == '\0') {
		*day = today;
	} else if (memory_parse_date(a, day) != 0) {
		*err = xasprintf("the day the pain began must be a date like "
				 "2026-12-01, got \"%s\"", a);
		rc = -1;
	} else if (*day > today) {
		caldate_format(today, date);
		*err = xasprintf("%s is after today (%s): give the day the pain "
				 "began", a, date);
		rc = -1;
	} else if (*day < today - 365) {
		*err = xasprintf("%s is more than a year ago: for pain that old, "
				 "see a doctor or physiotherapist first", a);
		rc = -1;
	}
	free(a);
	return rc;
}

int
today_gate(struct today *t, const char *routine, const struct today_io *io,
	   struct today_gate *g, struct diag_list *d)
{
	struct recovery_check c[RECOVERY_CHECKS_MAX];
	size_t n;
	int rc = 0, a;

	memset(g, 0, sizeof *g);
	g->go = true;
	n = recovery_start_checks(&t->settings, &t->memory, t->sessions,
				  t->nsessions, routine,
				  t->state.active ? &t->state : NULL, t->now, c);
	for (size_t i = 0; i < n && g->go; i++) {
		io->tell(io->ud, c[i].text);
		if (c[i].question[0] == '\0')
			continue;
		a = io->ask(io->ud, c[i].question);
		switch (c[i].kind) {
		case RECOVERY_CHECK_URGENT:
			if (a == 1) {
				rc |= today_seen(t, MEMORY_SEEN_URGENT, d);
				break;
			}
			io->tell(io->ud, "No session until you have been seen by "
				 "a doctor. SEEK EMERGENCY CARE NOW.");
			g->go = false;
			g->status = 1;
			break;
		case RECOVERY_CHECK_PROFESSIONAL:
			if (a == 1)
				rc |= today_seen(t, MEMORY_SEEN_PROFESSIONAL, d);
			break;
		case RECOVERY_CHECK_REST_DAY:
			if (a != 1) {
				io->tell(io->ud, "No session: rest today. Gentle "
					 "walking is fine.");
				g->go = false;
				g->status = 0;
			}
			break;
		case RECOVERY_CHECK_HURT:
			if (a == 1 && g->nskip < TODAY_SKIP_MAX)
				g->skip[g->nskip++] = xstrdup(c[i].exercise);
			break;
		case RECOVERY_CHECK_NERVE:
			break;
		}
	}
	return rc ? -1 : 0;
}

void
today_gate_free(struct today_gate *g)
{
	for (size_t i = 0; i < g->nskip; i++)
		free(g->skip[i]);
	memset(g, 0, sizeof *g);
}
