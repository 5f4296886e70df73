/* workout.c - loading before a session and recording after it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "util.h"
#include "workout.h"

int
workout_prepare(struct workout *w, const char *routine_arg, int level_override,
		time_t now, struct diag_list *d)
{
	struct catalog cat;
	struct plan_opts popts;
	char *err = NULL, *conf;

	memset(w, 0, sizeof *w);
	history_init(&w->history);
	checkin_init(&w->checkin);
	settings_defaults(&w->settings);

	catalog_scan_default(&cat);
	if (catalog_resolve(&cat, routine_arg, &w->entry, &err) != 0) {
		diag_add(d, DIAG_ERROR, "limber", 0, 0, "%s", err);
		free(err);
		catalog_free(&cat);
		return -1;
	}
	catalog_free(&cat);

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
	if (history_load(&w->history, w->history_path, d) != 0)
		diag_add(d, DIAG_WARNING, w->history_path, 0, 0,
			 "carrying on without the history: levels start at 1");
	w->current_level = history_level(&w->history, w->entry.name);
	w->one_off = level_override > 0;
	w->level = w->one_off ? level_override : w->current_level;

	w->morning_about = checkin_morning_due(&w->history, now, &w->settings);
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
	free(w->history_path);
	catalog_entry_free(&w->entry);
	memset(w, 0, sizeof *w);
}
