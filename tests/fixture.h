/* fixture.h - set-up shared by the unit tests: temporary folders, whole
 * files, and history rows built the way a session builds them. */
#ifndef LIMBER_FIXTURE_H
#define LIMBER_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "history/history.h"

/* A new folder under $TMPDIR (or /tmp) named limber-WHAT-XXXXXX; exits 99
 * (a hard error for the harness) when it cannot be made.  A new string. */
char *fixture_temp_dir(const char *what);
/* rm -rf dir, made writable first (a test may have taken its rights). */
void fixture_remove_tree(const char *dir);
/* name in tests/data: under make check's $TESTDATA, else next to this
 * file's source.  A new string. */
char *fixture_data_path(const char *name);
/* The whole file, or NULL; *len (when len is not NULL) its size. */
char *fixture_read_all(const char *path, size_t *len);
/* The file's permission bits, or (mode_t)-1 when it cannot be seen. */
mode_t fixture_mode_of(const char *path);

/* How many entries dir holds (. and .. not counted); -1 when it cannot be
 * read. */
int fixture_count_entries(const char *dir);

/* A row as history_row_make builds it after a session of routine at
 * `level` that started at `started`, with pain (CHECKIN_PAIN_SKIPPED for
 * none) and the coach's next level; stopped sessions did 2 of 6
 * exercises, 123 s of 600, completed ones all of them.  reason NULL:
 * "level L -> N: test". */
void fixture_row(struct history_row *row, const char *routine, time_t started,
		 int level, bool stopped, int pain, int next_level,
		 const char *reason);
/* fixture_row onto the end of h. */
void fixture_push(struct history *h, const char *routine, time_t started,
		  int level, bool stopped, int pain, int next_level,
		  const char *reason);

struct settings;
/* newest when the morning-after question about it is due at now (what
 * workout_prepare asks checkin_morning_due), else NULL; NULL for NULL. */
const struct history_row *fixture_morning_due(const struct history_row *newest,
					      time_t now,
					      const struct settings *s);

#endif
