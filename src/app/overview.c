/* overview.c - the routines at a glance. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app/overview.h"
#include "core/paths.h"
#include "core/util.h"
#include "history/history.h"
#include "model/plan.h"
#include "model/routine.h"
#include "model/settings.h"

/* The history's summary, through its cache. */
static int
load_summary(struct histsum *s, struct diag_list *d)
{
	char *path = paths_history_file(), *cache = paths_history_cache_file();
	struct histsum_cache c = { cache, HISTSUM_CACHE_MIN_BYTES };
	int rc = histsum_load(s, path, &c, NULL, d);

	free(cache);
	free(path);
	return rc;
}

static void
add_item(struct overview *ov, const struct catalog_entry *e,
	 const struct plan_opts *popts, time_t now)
{
	struct overview_item it;
	const struct history_row *last = histsum_last(&ov->sum, e->name);
	struct diag_list quiet;
	struct routine *r;

	memset(&it, 0, sizeof it);
	it.entry.name = xstrdup(e->name);
	it.entry.path = xstrdup(e->path);
	it.entry.source = e->source;
	it.entry.replaces = e->replaces;
	it.level = histsum_level(&ov->sum, e->name);
	if (last != NULL)
		history_ago(last, now, it.last, sizeof it.last);
	else
		snprintf(it.last, sizeof it.last, "never");
	diag_init(&quiet);
	r = routine_load(e->path, e->name, &quiet);
	if (r == NULL) {
		it.broken = true;
		it.errors = quiet.errors;
		it.title = xstrdup(e->name);
	} else {
		struct plan *p = plan_build(r, it.level, popts);

		it.title = xstrdup(r->title);
		it.nex = p->nex;
		it.total_ms = p->total_ms;
		plan_free(p);
		routine_free(r);
	}
	diag_free(&quiet);
	util_grow(&ov->v, &ov->cap, ov->n, sizeof *ov->v);
	ov->v[ov->n++] = it;
}

/* "core (copy).csv is not a routine name: rename it to core-copy.csv" */
static char *
misnamed_note(const struct catalog *cat)
{
	const char *path = cat->bad[0].path, *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *name = catalog_name_for_file(base);
	char *note = xasprintf("%s is not a routine name: rename it to %s.csv%s",
			       base, name, cat->nbad > 1
			       ? " (and more: see limber list)" : "");

	free(name);
	return note;
}

int
overview_load(struct overview *ov, time_t now, struct diag_list *d)
{
	struct catalog cat;
	struct settings s;
	struct plan_opts popts = { 0 };
	char *conf;

	memset(ov, 0, sizeof *ov);
	histsum_init(&ov->sum);
	ov->history_failed = load_summary(&ov->sum, d) != 0;
	/* the times depend on the get-ready setting */
	conf = paths_settings_file();
	settings_load(&s, conf, d);
	free(conf);
	popts.get_ready_s = s.get_ready;
	catalog_scan_default(&cat);
	for (size_t i = 0; i < cat.n; i++)
		add_item(ov, &cat.v[i], &popts, now);
	for (size_t i = 0; i < cat.nbad; i++)
		diag_add(d, DIAG_WARNING, cat.bad[i].path, 0, 0, "%s",
			 cat.bad[i].warning);
	if (cat.nbad > 0)
		ov->misnamed = misnamed_note(&cat);
	catalog_free(&cat);
	return ov->history_failed ? -1 : 0;
}

void
overview_free(struct overview *ov)
{
	for (size_t i = 0; i < ov->n; i++) {
		catalog_entry_free(&ov->v[i].entry);
		free(ov->v[i].title);
	}
	free(ov->v);
	free(ov->misnamed);
	histsum_free(&ov->sum);
	memset(ov, 0, sizeof *ov);
}

char *
overview_where(void)
{
	char *u = paths_user_routines(), *s = paths_shipped_routines();
	char *where = xasprintf("%s or %s", u, s);

	free(u);
	free(s);
	return where;
}
