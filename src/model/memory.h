/* memory.h - what the coach remembers beside the history: memory.csv.
 *
 * $XDG_DATA_HOME/limber/memory.csv (the caller hands the path in) holds
 * what the history's rows cannot: when a recovery began, and the answers
 * given at the start of a session.  Like the history it is append-only,
 * never rewritten: one row per fact, added with one write() on an
 * O_APPEND descriptor under flock, then fsync; the file is 0600 in a 0700
 * folder.  Columns (header MEMORY_HEADER, in this order):
 *   at       when it was recorded, ISO 8601 local time with its offset
 *   kind     start | seen | skip
 *   routine  skip: the routine; empty otherwise
 *   detail   start: the day the pain began, YYYY-MM-DD;
 *            seen: urgent (seen by a doctor after urgent signs) or
 *                  professional (seen a doctor or physiotherapist: the
 *                  two-week rule);
 *            skip: the exercise skipped in the session starting at `at`
 *                  (it was marked as hurting before)
 * Reading is forgiving and loud, as for the history: a row that cannot be
 * read is a warning naming its line, and is left out. */
#ifndef LIMBER_MEMORY_H
#define LIMBER_MEMORY_H

#include <stddef.h>
#include <time.h>

#include "core/diag.h"

#define MEMORY_HEADER "at,kind,routine,detail"

enum memory_kind { MEMORY_START, MEMORY_SEEN, MEMORY_SKIP };
enum memory_seen { MEMORY_SEEN_URGENT, MEMORY_SEEN_PROFESSIONAL };

struct memory_entry {
	time_t at;
	enum memory_kind kind;
	long start_day;		/* MEMORY_START: days since 1970-01-01 */
	enum memory_seen seen;	/* MEMORY_SEEN */
	char *routine;		/* MEMORY_SKIP; "" otherwise */
	char *exercise;		/* MEMORY_SKIP; "" otherwise */
	long line;
};

struct memory {
	struct memory_entry *v;	/* in file order */
	size_t n, cap;
};

void memory_init(struct memory *m);
void memory_free(struct memory *m);
/* Read path into m.  A missing file is an empty memory (0).  Returns -1
 * when it exists but cannot be read (an error in d). */
int memory_load(struct memory *m, const char *path, struct diag_list *d);
int memory_parse(struct memory *m, const char *buf, size_t len,
		 const char *path, struct diag_list *d);
/* Append one fact (making the folders 0700 and the file 0600, the header
 * first when it is empty), and add it to m.  Returns 0, or -1 with an
 * error in d naming the path. */
int memory_append(struct memory *m, const char *path,
		  const struct memory_entry *e, struct diag_list *d);
/* The newest start, or NULL. */
const struct memory_entry *memory_episode(const struct memory *m);
/* Has the user said they were seen (kind) at or after t? */
int memory_seen_since(const struct memory *m, enum memory_seen kind,
		      time_t t);
/* Was exercise of routine skipped in the session that started at t? */
int memory_skipped(const struct memory *m, const char *routine,
		   const char *exercise, time_t t);
/* Parse YYYY-MM-DD into a day number: 0, or -1. */
int memory_parse_date(const char *s, long *day);

#endif
