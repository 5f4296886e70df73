/* workout.c - loading before a session and recording after it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/paths.h"
#include "core/util.h"
#include "app/workout.h"

int
workout_prepare(struct workout *w, const char *routine_arg, int level_override,
		time_t now, struct diag_list *d)
{
	struct catalog cat;
	struct plan_opts popts;
	struct histsum_cache cache;
	char *err = NULL, *warning = NULL, *conf, *cache_path;

	memset(w, 0, sizeof *w);
	histsum_init(&w->sum);
	history_init(&w->history);
	checkin_init(&w->checkin);
	settings_defaults(&w->settings);

	catalog_scan_default(&cat);
	if (catalog_resolve(&cat, routine_arg, &w->entry, &err, &warning) != 0) {
		diag_add(d, DIAG_ERROR, "limber", 0, 0, "%s", err);
		free(err);
		catalog_free(&cat);
		return -1;
	}
	catalog_free(&cat);
	if (warning != NULL)
		diag_add(d, DIAG_WARNING, w->entry.path, 0, 0, "%s", warning);
	free(warning);

	conf = paths_settings_file();
	settings_load(&w->settings, conf, d);
	free(conf);

	w->routine = routine_load(w->entry.path, w->entry.name, d);
	if (w->routine == NULL)
		return -1;

	w->history_path = paths_history_file();
	/* An unreadable history does not stop the session: the runner is
	 * here to exercise, and the summary is shown whatever happens; the
	 * append afterwards reports (and exits 1) if it cannot write either. */
	cache.path = cache_path = paths_history_cache_file();
	cache.min_bytes = HISTSUM_CACHE_MIN_BYTES;
	if (histsum_load(&w->sum, w->history_path, &cache, NULL, d) != 0) {
		w->history_failed = true;
		diag_add(d, DIAG_WARNING, w->history_path, 0, 0,
			 "carrying on without the history: levels start at 1");
	}
	free(cache_path);
	w->current_level = histsum_level(&w->sum, w->entry.name);
	w->one_off = level_override > 0;
	w->level = w->one_off ? level_override : w->current_level;

	/* The rule looks at the newest row only. */
	w->morning_about = histsum_last(&w->sum, NULL);
	if (w->morning_about != NULL &&
	    !checkin_morning_due(w->morning_about->started, now, &w->settings))
		w->morning_about = NULL;
	w->started = now;

	popts.get_ready_s = w->settings.get_ready;
	w->plan = plan_build(w->routine, w->level, &popts);
	return 0;
}

int
workout_finish(struct workout *w, const struct session_record *rec,
	       time_t now, struct coach_decision *dec, struct diag_list *d)
{
	struct coach_input in = {
		.routine = w->entry.name,
		.level = w->level,
		.current_level = w->current_level,
		.one_off = w->one_off,
		.status = rec->status == SESSION_COMPLETED ? SESSION_COMPLETED
							   : SESSION_STOPPED,
		.hurt = rec->exercises_hurt,
		.checkin = w->checkin,
		.now = now,
	};
	struct diag_list shown;

	/* The coach reads back through the rows.  Their problems were
	 * reported before the session; an unreadable history leaves it
	 * none, as it did then. */
	diag_init(&shown);
	history_free(&w->history);
	if (history_load(&w->history, w->history_path, &shown) != 0) {
		/* Readable before the session, not now: say why, since the
		 * coach decides without the past sessions. */
		if (!w->history_failed)
			for (size_t i = 0; i < shown.n; i++)
				if (shown.v[i].sev == DIAG_ERROR)
					diag_add(d, DIAG_WARNING,
						 shown.v[i].file,
						 shown.v[i].line, shown.v[i].col,
						 "%s; the coach decided without "
						 "the past sessions",
						 shown.v[i].msg);
		history_free(&w->history);
	}
	diag_free(&shown);
	coach_decide(&w->settings, &w->history, &in, dec);
	if (w->finished)
		history_row_free(&w->row);
	history_row_make(&w->row, w->entry.name, rec, w->started, &w->checkin,
			 dec->next_level, dec->reason);
	w->finished = true;
	return history_append(w->history_path, &w->row, d);
}

void
workout_free(struct workout *w)
{
	if (w->finished)
		history_row_free(&w->row);
	plan_free(w->plan);
	routine_free(w->routine);
	history_free(&w->history);
	histsum_free(&w->sum);
	free(w->history_path);
	catalog_entry_free(&w->entry);
	memset(w, 0, sizeof *w);
}
