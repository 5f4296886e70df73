/* histsum.h - what list, stats, the home screen and a session's start need
 * from history.csv, without its rows; and a cache of it.
 *
 * The summary holds, per routine, its newest row (the level, "last done"),
 * the newest row of all (the morning-after question), and what
 * history_stats reports: the session and completion counts, every
 * distinct local day with its count of sessions (streaks, sessions per
 * week) and the pain after the last HISTORY_TREND sessions.  It grows with
 * the routines and the days, not with the rows.  histsum_add takes rows in
 * file order, so one code path serves a whole file, rows appended since,
 * and history_stats.
 *
 * The cache (histcache.c; paths_history_cache_file:
 * $XDG_CACHE_HOME/limber/history.sum) is the summary of the
 * first N bytes of history.csv, with N, the file's device and inode, and a
 * hash of those N bytes.  Reading with it: when the file is the same and
 * its first N bytes hash the same, start from the cached summary and
 * parse only the rows appended after N; otherwise parse the whole file.
 * Then, when something was parsed and it gave no diagnostic at all (so
 * every warning keeps showing as without a cache) and the file ends with
 * a line feed, the cache is rewritten for the whole file (a temporary
 * file, fsync, rename).  The history file is the only source of truth: a
 * cache that is missing, unreadable, damaged, from another version or for
 * another file is ignored, and one that cannot be written is not written,
 * all without a word. */
#ifndef LIMBER_HISTSUM_H
#define LIMBER_HISTSUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "core/diag.h"
#include "history/history.h"

#define HISTORY_WEEKS 8
#define HISTORY_TREND 30

struct history_stats {
	size_t sessions;
	size_t completed;
	int completed_pct;	/* rounded; 0 with no sessions */
	int streak_current;	/* days in a row with a session, up to today or
				   yesterday (a streak is alive until a whole
				   day passes without one); 0 otherwise */
	int streak_longest;
	/* Sessions in each Monday-to-Sunday week: [0] this week, [1] the one
	 * before, ... [HISTORY_WEEKS - 1]. */
	int per_week[HISTORY_WEEKS];
	long week_start[HISTORY_WEEKS];	/* the Monday of each, as a day */
	/* Pain after the last HISTORY_TREND sessions, oldest first
	 * (CHECKIN_PAIN_SKIPPED where it was skipped). */
	int trend[HISTORY_TREND];
	size_t ntrend;
	size_t npain;		/* trend entries with a pain answer */
	double pain_mean;	/* of those; 0 with none */
};

struct histsum_day {
	long day;		/* as history_row.day */
	unsigned long count;	/* sessions on it */
};

struct histsum_routine;

struct histsum {
	size_t sessions, completed;
	int trend[HISTORY_TREND];	/* the last pains, oldest first */
	size_t ntrend;
	struct histsum_day *days;	/* distinct, in ascending order */
	size_t ndays, daycap;
	struct histsum_routine *rt;	/* in order of first appearance */
	size_t nrt, rtcap;
	size_t *slot;			/* rt index + 1 by name; 0: free */
	size_t nslot;
	size_t newest;			/* the rt with the newest row */
};

void histsum_init(struct histsum *s);
void histsum_free(struct histsum *s);
/* Count row in: rows come in file order (the newest last). */
void histsum_add(struct histsum *s, const struct history_row *row);
/* The statistics of the rows added, at now. */
void histsum_stats(const struct histsum *s, time_t now,
		   struct history_stats *st);
/* The same for every row of h: histsum_add for each, then histsum_stats,
 * the one implementation of these numbers. */
void history_stats(const struct history *h, time_t now,
		   struct history_stats *st);
/* The newest row of routine (of any routine when NULL), or NULL: what
 * history_last says.  Valid until s changes. */
const struct history_row *histsum_last(const struct histsum *s,
				       const char *routine);
/* What history_level says: the newest row's next_level (one lower after
 * a worse morning said before another routine), 1 with none. */
int histsum_level(const struct histsum *s, const char *routine);
/* Do a and b summarise the same rows (with the same lines)? */
bool histsum_equal(const struct histsum *a, const struct histsum *b);

/* ---------------------------------------------------------------------
 * The hash of the cached bytes.  64 bits in four lanes: the input is
 * taken 8 bytes at a time (native byte order: a cache is for this
 * machine), word i going to lane i % 4 as lane = m(lane ^ word), where
 * m(x) = y ^ (y >> 32) with y = x * K, K odd; the lanes and the length
 * are folded the same way at the end.  Every step is a bijection of the
 * lane, so a change confined to one 8-byte word (any change of a single
 * byte) always changes the hash; other changes collide with a chance
 * near 2^-64.  Four lanes let the multiplications overlap: about
 * 4.5 GB/s on the machine it was written on, 2 ms for a history of
 * 100,000 sessions.  It guards against accidents, not against an
 * attacker (who could as well edit the history). */
struct histsum_hash {
	uint64_t lane[4];
	unsigned char buf[32];
	size_t nbuf;
	uint64_t len;
};

void histsum_hash_init(struct histsum_hash *h);
void histsum_hash_add(struct histsum_hash *h, const void *p, size_t n);
/* The hash of the bytes added so far (more may be added after). */
uint64_t histsum_hash_value(const struct histsum_hash *h);

/* ---------------------------------------------------------------------
 * Loading, with the cache. */

/* A history shorter than this gets no cache: it parses in a few
 * milliseconds, and a short history writes nothing but itself. */
#define HISTSUM_CACHE_MIN_BYTES (256L * 1024)

struct histsum_cache {
	const char *path;	/* the cache file; NULL: no cache */
	off_t min_bytes;	/* none for a history shorter than this */
};

/* What histsum_load did, for tests and measurements. */
struct histsum_info {
	bool cache_used;	/* the summary started from the cache */
	bool cache_written;
	off_t parsed_from;	/* where parsing began (0: the whole file) */
	off_t size;		/* the history's size */
};

/* The summary of the history at path into s (initialised and empty),
 * with the cache c (NULL: none); info (may be NULL) says how.  Returns
 * and reports what history_load returns and reports for the same file. */
int histsum_load(struct histsum *s, const char *path,
		 const struct histsum_cache *c, struct histsum_info *info,
		 struct diag_list *d);

/* ---------------------------------------------------------------------
 * The cache file's contents: exposed for the tests and the fuzzer. */

/* The cache format's version, the little-endian u32 at byte 8: any change
 * to the format or to which rows the reader takes must change it.
 * 2: DEL and C1 control characters refused in rows.
 * 3: UTC offsets up to 23:59 read (14:59 before).
 * 4: a session with no exercise done adds no day; a worse morning said
 *    before another routine lowers the routine it is about. */
#define HISTSUM_CACHE_VERSION 4

/* Which bytes of which file a cached summary covers. */
struct histsum_key {
	off_t size;		/* the first `size` bytes, */
	uint64_t dev, ino;	/* of this file, */
	uint64_t hash;		/* hashing to this */
	struct history_resume at;	/* and how to read on after them */
};

/* The cache file for s and k; a new buffer of *len bytes. */
unsigned char *histsum_encode(const struct histsum *s,
			      const struct histsum_key *k, size_t *len);
/* Read a cache file's bytes into s (initialised and empty) and k.
 * Returns 0, or -1 when they are not a whole, undamaged cache of this
 * version (s is then empty). */
int histsum_decode(const void *buf, size_t len, struct histsum *s,
		   struct histsum_key *k);

#endif
