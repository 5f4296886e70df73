/* histprint.h - the history as `limber history`, `history --csv` and
 * `stats` print it. */
#ifndef LIMBER_HISTPRINT_H
#define LIMBER_HISTPRINT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "history/histsum.h"
#include "history/history.h"

/* `limber history`: a table, newest first (date, routine, level, status,
 * done, pain, the morning after the session before, red flags, decision),
 * its columns lined up by display width (text.h), or "No sessions yet." */
void histprint_table(FILE *fp, const struct history *h);
/* `limber history --csv`: HISTORY_HEADER and every row that was read, in
 * the canonical column order, oldest first (the file's order). */
void histprint_csv(FILE *fp, const struct history *h);
/* `limber stats` at now, its weeks newest first (as `history` lists the
 * sessions; the pain chart runs left to right, oldest on the left); utf8: whether the chart may use block characters
 * (otherwise only ASCII). */
void histprint_stats(FILE *fp, const struct history *h, time_t now,
		     bool utf8);
/* The same from statistics already computed (histsum_stats). */
void histprint_stats_from(FILE *fp, const struct history_stats *st,
			  bool utf8);

#endif
