/* history.c - a history in memory: its rows, and what is asked of them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/caldate.h"
#include "history/histcols.h"
#include "history/history.h"
#include "history/strpool.h"

void
history_init(struct history *h)
{
	h->rows = NULL;
	h->n = h->cap = 0;
	h->text = NULL;
}

void
history_row_free(struct history_row *row)
{
	free(row->started_text);
	free(row->routine);
	free(row->hurt);
	free(row->reason);
	memset(row, 0, sizeof *row);
}

void
history_free(struct history *h)
{
	free(h->rows);
	strpool_free(h->text);
	history_init(h);
}

/* histcols.h */
void
histcols_keep_row(void *ud, const struct history_row *row)
{
	struct history *h = ud;
	struct history_row *r;

	if (h->text == NULL)
		h->text = strpool_new();
	util_grow(&h->rows, &h->cap, h->n, sizeof *h->rows);
	r = &h->rows[h->n++];
	*r = *row;
	r->started_text = strpool_copy(h->text, row->started_text,
				       strlen(row->started_text));
	r->routine = strpool_intern(h->text, row->routine, strlen(row->routine));
	r->hurt = strpool_intern(h->text, row->hurt, strlen(row->hurt));
	r->reason = strpool_intern(h->text, row->reason, strlen(row->reason));
}

void
history_push(struct history *h, struct history_row *row)
{
	static char none[1];
	struct history_row r = *row;

	/* A row built by hand may leave a text NULL. */
	r.started_text = row->started_text ? row->started_text : none;
	r.routine = row->routine ? row->routine : none;
	r.hurt = row->hurt ? row->hurt : none;
	r.reason = row->reason ? row->reason : none;
	histcols_keep_row(h, &r);
	history_row_free(row);
}

/* ---------------------------------------------------------------------
 * Queries. */

const struct history_row *
history_last(const struct history *h, const char *routine)
{
	for (size_t i = h->n; i-- > 0;)
		if (routine == NULL || strcmp(h->rows[i].routine, routine) == 0)
			return &h->rows[i];
	return NULL;
}

int
history_level(const struct history *h, const char *routine)
{
	for (size_t i = h->n; i-- > 0;) {
		const struct history_row *r = &h->rows[i];

		if (strcmp(r->routine, routine) != 0)
			continue;
		/* The morning after it was worse, said before a session of
		 * another routine: that answer lowers this one. */
		return history_level_after(r, i + 1 < h->n ? &h->rows[i + 1]
							   : NULL);
	}
	return 1;
}

int
history_level_after(const struct history_row *r,
		    const struct history_row *after)
{
	if (after != NULL && after->morning == CHECKIN_MORNING_WORSE &&
	    strcmp(after->routine, r->routine) != 0 && r->next_level > 1)
		return r->next_level - 1;
	return r->next_level;
}

char *
history_ago(const struct history_row *row, time_t now, char *buf, size_t n)
{
	long days = caldate_local_day(now) - row->day;
	const char *t = row->started_text;

	if (n == 0)
		return buf;
	if (days == 0)
		snprintf(buf, n, "today %.5s", t + 11);
	else if (days == 1)
		snprintf(buf, n, "yesterday %.5s", t + 11);
	else if (days >= 2 && days <= 6)
		snprintf(buf, n, "%ld days ago", days);
	else
		snprintf(buf, n, "%.10s", t);
	return buf;
}

