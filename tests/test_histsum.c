/* test_histsum.c - the history's summary and its cache. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "core/caldate.h"
#include "fixture.h"
#include "model/checkin.h"
#include "history/histsum.h"
#include "history/history.h"
#include "model/settings.h"
#include "testlib.h"

#define NOW 1795003200		/* 2026-11-18 12:00:00 UTC, a Wednesday */
#define DAY 86400

/* ---------------------------------------------------------------------
 * Files. */

static void
put_file(const char *path, const char *mode, const char *text, size_t n)
{
	FILE *fp = fopen(path, mode);

	if (fp == NULL) {
		printf("# cannot write %s: %s\n", path, strerror(errno));
		CHECK(fp != NULL);
		return;
	}
	CHECK(fwrite(text, 1, n, fp) == n);
	CHECK(fclose(fp) == 0);
}

static void
write_text(const char *path, const char *text)
{
	put_file(path, "wb", text, strlen(text));
}

static void
append_text(const char *path, const char *text)
{
	put_file(path, "ab", text, strlen(text));
}

static bool
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* A history and its cache in a fresh folder. */
struct place {
	char *dir, *history, *cache;
};

static void
place_make(struct place *p)
{
	p->dir = fixture_temp_dir("histsum");
	p->history = xasprintf("%s/data/history.csv", p->dir);
	p->cache = xasprintf("%s/cache/limber/history.sum", p->dir);
	{
		char *data = xasprintf("%s/data", p->dir);

		CHECK(mkdir(data, 0700) == 0);
		free(data);
	}
}

static void
place_free(struct place *p)
{
	fixture_remove_tree(p->dir);
	free(p->dir);
	free(p->history);
	free(p->cache);
}

/* Every diagnostic formatted, one a line. */
static char *
diag_text(const struct diag_list *d)
{
	struct strbuf b = { 0 };

	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		strbuf_adds(&b, s);
		strbuf_addc(&b, '\n');
		free(s);
	}
	return strbuf_take(&b);
}

/* What reading the whole file with history_load gives: the summary of
 * its rows (through the accumulator), the return and the diagnostics. */
struct truth {
	struct histsum sum;
	int rc;
	char *diags;
};

static void
truth_load(struct truth *t, const char *path)
{
	struct history h;
	struct diag_list d;

	history_init(&h);
	diag_init(&d);
	t->rc = history_load(&h, path, &d);
	histsum_init(&t->sum);
	for (size_t i = 0; i < h.n; i++)
		histsum_add(&t->sum, &h.rows[i]);
	t->diags = diag_text(&d);
	history_free(&h);
	diag_free(&d);
}

static void
truth_free(struct truth *t)
{
	histsum_free(&t->sum);
	free(t->diags);
}

/* histsum_load with the place's cache (no size threshold); checks the
 * result against the whole file read by history_load. */
static void
load_and_compare(const struct place *p, struct histsum_info *info,
		 const char *where)
{
	struct histsum_cache c = { p->cache, 0 };
	struct histsum s;
	struct diag_list d;
	struct truth t;
	char *got;
	int rc;

	histsum_init(&s);
	diag_init(&d);
	rc = histsum_load(&s, p->history, &c, info, &d);
	truth_load(&t, p->history);
	got = diag_text(&d);
	if (!histsum_equal(&s, &t.sum) || rc != t.rc ||
	    strcmp(got, t.diags) != 0)
		printf("# %s: the summary differs from reading the whole file "
		       "(cache used %d, parsed from %lld of %lld)\n", where,
		       info->cache_used, (long long)info->parsed_from,
		       (long long)info->size);
	CHECK(histsum_equal(&s, &t.sum));
	CHECK_INT(rc, t.rc);
	CHECK_STR(got, t.diags);
	free(got);
	truth_free(&t);
	histsum_free(&s);
	diag_free(&d);
}

/* ---------------------------------------------------------------------
 * Random histories. */

static uint64_t rng_state;

static uint64_t
rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1du;
}

static int
pick(int n)
{
	return (int)(rng() % (uint64_t)n);
}

static const char *const routines[] = {
	"core", "mcgill", "stretch", "gentle", ("R\xc3\xbc" "cken"),
	"\"hips, knees\"", " padded ",
};

static const char *const reasons[] = {
	"level 4 stays: pain 2 is acceptable",
	"\"level 3 -> 4: two green sessions in a row (pain 1, 2)\"",
	"session stopped early",
	"",
	"\"a \"\"quoted\"\" word\"",
};

/* One random row in HISTORY_HEADER's order; now and then a damaged one
 * (which reading warns about and skips). */
static void
random_row(struct strbuf *b, long *clock)
{
	static const char *const offsets[] = { "+01:00", "+02:00", "Z",
					       "-05:00", "+0530" };
	static const char *const mornings[] = { "", "better", "same", "worse" };
	static const char *const flags[] = { "none", "nerve", "urgent",
					     "nerve;urgent", "" };
	static const char *const hurts[] = { "", "Bridge", "\"Bridge;Bird dog\"" };
	time_t t;
	struct tm tm;
	int damage = pick(120);

	/* Mostly forward in time, now and then back (a clock set back). */
	*clock += pick(10) == 0 ? -pick(5) * DAY : pick(2 * DAY);
	t = (time_t)*clock;
	gmtime_r(&t, &tm);
	strbuf_addf(b, "%04d-%02d-%02dT%02d:%02d:%02d%s,", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, offsets[pick(5)]);
	strbuf_addf(b, "%s,%d,%s,600,%d,6,%d,", routines[pick(7)],
		    damage == 0 ? 11 : 1 + pick(10),
		    pick(4) ? "completed" : "stopped", pick(601), pick(7));
	if (pick(5))
		strbuf_addf(b, "%d", pick(11));
	/* damage 3: a quote left open, which runs on into the next rows */
	strbuf_addf(b, ",%s,%s,%s,%d,%s", mornings[pick(4)], flags[pick(5)],
		    hurts[pick(3)], 1 + pick(10),
		    damage == 3 ? "\"left open" : reasons[pick(5)]);
	if (damage == 1)
		strbuf_adds(b, ",extra");
	if (damage == 2)
		strbuf_adds(b, "\x93");	/* cp1252: not UTF-8 */
	strbuf_adds(b, pick(8) ? "\n" : "\r\n");
}

static void
random_rows(struct strbuf *b, long *clock, int n)
{
	for (int i = 0; i < n; i++)
		random_row(b, clock);
}

/* ---------------------------------------------------------------------
 * The property: the summary read through the cache and the rows appended
 * since is the summary of reading the whole file, rows, diagnostics and
 * line numbers alike. */

static void
test_cache_and_tail_equal_whole(void)
{
	const char *seed = getenv("HISTSUM_SEED");
	int trials = 60, used = 0, tails = 0, written = 0;

	rng_state = seed ? strtoull(seed, NULL, 10) : 20261118u;
	if (rng_state == 0)
		rng_state = 1;
	printf("# seed %llu (HISTSUM_SEED)\n", (unsigned long long)rng_state);
	for (int trial = 0; trial < trials; trial++) {
		struct place p;
		struct strbuf b = { 0 };
		long clock = 1700000000L + pick(1000) * DAY;
		char where[64];

		place_make(&p);
		strbuf_adds(&b, HISTORY_HEADER "\n");
		random_rows(&b, &clock, pick(30));
		write_text(p.history, b.s);
		for (int round = 0; round < 8; round++) {
			struct histsum_info info;

			snprintf(where, sizeof where, "trial %d round %d", trial,
				 round);
			load_and_compare(&p, &info, where);
			used += info.cache_used;
			tails += info.cache_used && info.parsed_from < info.size;
			written += info.cache_written;
			/* then rows appended, now and then a torn one, and
			 * now and then a load with nothing new */
			b.len = 0;
			if (pick(4))
				random_rows(&b, &clock, 1 + pick(20));
			if (pick(25) == 0)
				strbuf_adds(&b, "2026-11-02T07:00:00+01:00,core,4,co");
			put_file(p.history, "ab", b.s ? b.s : "", b.len);
		}
		strbuf_free(&b);
		place_free(&p);
	}
	printf("# %d loads started from the cache, %d of them read appended "
	       "rows; %d caches written\n", used, tails, written);
	/* the cache must really be used, or the property says nothing */
	CHECK(used > trials * 2);
	CHECK(tails > trials);
	CHECK(written > trials);
}

/* The reordered header of the property test, as its own file: the rows
 * appended are read with the cached header's columns. */
static void
test_tail_under_reordered_header(void)
{
	struct place p;
	struct histsum_info info;
	const struct history_row *r;
	struct histsum s;
	struct histsum_cache c;
	struct diag_list d;

	place_make(&p);
	write_text(p.history, "routine,extra,started,level,status,next_level,pain\n"
		   "core,x,2026-11-02T07:00:00+01:00,4,completed,4,2\n");
	load_and_compare(&p, &info, "reordered");
	CHECK(info.cache_written);
	append_text(p.history, "mcgill,y,2026-11-03T07:00:00+01:00,5,stopped,5,\n");
	load_and_compare(&p, &info, "reordered, appended");
	CHECK(info.cache_used);
	CHECK(info.parsed_from > 0 && info.parsed_from < info.size);
	c.path = p.cache;
	c.min_bytes = 0;
	histsum_init(&s);
	diag_init(&d);
	CHECK_INT(histsum_load(&s, p.history, &c, &info, &d), 0);
	CHECK_INT(d.n, 0);
	r = histsum_last(&s, "mcgill");
	CHECK(r != NULL);
	if (r != NULL) {
		CHECK_INT(r->level, 5);
		CHECK_INT(r->status, SESSION_STOPPED);
		CHECK_INT(r->pain, CHECKIN_PAIN_SKIPPED);
		CHECK_INT(r->line, 3);
	}
	histsum_free(&s);
	diag_free(&d);
	place_free(&p);
}

/* ---------------------------------------------------------------------
 * When the cache must not be used. */

static const char *const base_rows =
	HISTORY_HEADER "\n"
	"2026-11-02T07:00:00+01:00,core,4,completed,600,590,6,6,2,,none,,4,a\n"
	"2026-11-03T07:00:00+01:00,core,4,completed,600,590,6,6,3,,none,,4,b\n"
	"2026-11-04T07:00:00+01:00,core,4,completed,600,590,6,6,2,,none,,5,c\n"
	"2026-11-05T07:00:00+01:00,mcgill,2,stopped,600,100,6,2,7,,none,,1,d\n";

/* Load with the cache, returning the pain of the newest row. */
static int
newest_pain(const struct place *p, struct histsum_info *info)
{
	struct histsum_cache c = { p->cache, 0 };
	struct histsum s;
	struct diag_list d;
	int pain;

	histsum_init(&s);
	diag_init(&d);
	CHECK_INT(histsum_load(&s, p->history, &c, info, &d), 0);
	CHECK_INT(d.n, 0);
	pain = s.sessions ? histsum_last(&s, NULL)->pain : -99;
	histsum_free(&s);
	diag_free(&d);
	return pain;
}

/* One byte changed in the middle of the cached part, the size and the
 * file the same: the hash notices. */
static void
test_changed_byte_same_size(void)
{
	struct place p;
	struct histsum_info info;
	struct stat before, after;
	const char *at = strstr(base_rows, "590,6,6,3,");
	int fd;

	place_make(&p);
	write_text(p.history, base_rows);
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(info.cache_written);
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(info.cache_used);
	CHECK(stat(p.history, &before) == 0);
	/* row 3's pain 3 becomes 8, in place */
	fd = open(p.history, O_WRONLY);
	CHECK(fd >= 0 && at != NULL);
	if (fd >= 0 && at != NULL) {
		CHECK(pwrite(fd, "8", 1, (off_t)(at - base_rows) + 8) == 1);
		close(fd);
	}
	CHECK(stat(p.history, &after) == 0);
	CHECK(before.st_ino == after.st_ino && before.st_size == after.st_size);
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(!info.cache_used);
	load_and_compare(&p, &info, "one byte changed");
	{
		struct histsum_cache c = { p.cache, 0 };
		struct histsum s;
		struct diag_list d;
		struct history_stats st;

		histsum_init(&s);
		diag_init(&d);
		histsum_load(&s, p.history, &c, &info, &d);
		histsum_stats(&s, NOW, &st);
		CHECK_INT(st.ntrend, 4);
		if (st.ntrend == 4)
			CHECK_INT(st.trend[1], 8);	/* not the cached 3 */
		histsum_free(&s);
		diag_free(&d);
	}
	/* changed and appended to: not used either */
	fd = open(p.history, O_WRONLY);
	if (fd >= 0 && at != NULL) {
		CHECK(pwrite(fd, "1", 1, (off_t)(at - base_rows) + 8) == 1);
		close(fd);
	}
	append_text(p.history, "2026-11-06T07:00:00+01:00,core,4,completed,"
		    "600,590,6,6,0,,none,,4,e\n");
	CHECK_INT(newest_pain(&p, &info), 0);
	CHECK(!info.cache_used);
	load_and_compare(&p, &info, "changed and appended");
	place_free(&p);
}

/* A cache made for another file: the same bytes in another inode, other
 * bytes of the same size, a history cut shorter than the cache covers. */
static void
test_cache_of_another_file(void)
{
	struct place p;
	struct histsum_info info;
	char *other;
	char *text = xstrdup(base_rows);

	place_make(&p);
	other = xasprintf("%s/data/other.csv", p.dir);
	write_text(p.history, base_rows);
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(info.cache_written);

	/* the same bytes, renamed over it: another inode */
	write_text(other, base_rows);
	CHECK(rename(other, p.history) == 0);
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(!info.cache_used);
	CHECK(info.cache_written);	/* now for the new one */
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(info.cache_used);

	/* another history file read with the same cache */
	strstr(text, ",7,,none,,1,d\n")[1] = '9';	/* the last pain 7 -> 9 */
	write_text(other, text);
	{
		struct place q = p;

		q.history = other;
		CHECK_INT(newest_pain(&q, &info), 9);
		CHECK(!info.cache_used);
		load_and_compare(&q, &info, "another file");
	}

	/* the cache is now the other file's: not used, and made anew */
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(!info.cache_used && info.cache_written);
	/* cut shorter than the cached part (same inode) */
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(info.cache_used);
	CHECK(truncate(p.history, (off_t)strlen(base_rows) - 40) == 0);
	load_and_compare(&p, &info, "cut short");
	CHECK(!info.cache_used);
	free(text);
	free(other);
	place_free(&p);
}

/* Damaged caches are ignored (and replaced): cut anywhere, a byte
 * flipped, another version, not a cache at all, a folder. */
static void
test_damaged_cache_ignored(void)
{
	struct place p;
	struct histsum_info info;
	char *good;
	size_t len;

	place_make(&p);
	write_text(p.history, base_rows);
	CHECK_INT(newest_pain(&p, &info), 7);
	good = fixture_read_all(p.cache, &len);
	CHECK(good != NULL && len > 100);
	if (good == NULL)
		len = 0;
	for (size_t cut = 0; cut < len; cut += 1 + cut / 3) {
		put_file(p.cache, "wb", good, cut);
		CHECK_INT(newest_pain(&p, &info), 7);
		CHECK(!info.cache_used);
		CHECK(info.cache_written);
	}
	for (size_t at = 0; at < len; at += 7) {
		char *bad = xstrndup(good, len);

		bad[at] ^= 0x20;
		put_file(p.cache, "wb", bad, len);
		free(bad);
		CHECK_INT(newest_pain(&p, &info), 7);
		CHECK(!info.cache_used);
	}
	/* another version, with a checksum that matches */
	if (len > 16) {
		char *other = xstrndup(good, len);
		struct histsum_hash h;
		uint64_t v;

		other[8] = HISTSUM_CACHE_VERSION + 1;
		histsum_hash_init(&h);
		histsum_hash_add(&h, other, len - 8);
		v = histsum_hash_value(&h);
		for (int i = 0; i < 8; i++)
			other[len - 8 + i] = (char)(v >> (8 * i));
		put_file(p.cache, "wb", other, len);
		CHECK_INT(newest_pain(&p, &info), 7);
		CHECK(!info.cache_used);
		/* the same bytes with this version are a good cache */
		other[8] = HISTSUM_CACHE_VERSION;
		histsum_hash_init(&h);
		histsum_hash_add(&h, other, len - 8);
		v = histsum_hash_value(&h);
		for (int i = 0; i < 8; i++)
			other[len - 8 + i] = (char)(v >> (8 * i));
		put_file(p.cache, "wb", other, len);
		CHECK_INT(newest_pain(&p, &info), 7);
		CHECK(info.cache_used);
		free(other);
	}
	write_text(p.cache, "not a cache\n");
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(!info.cache_used);
	CHECK(unlink(p.cache) == 0);
	CHECK(mkdir(p.cache, 0700) == 0);	/* a folder in its place */
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(!info.cache_used && !info.cache_written);
	load_and_compare(&p, &info, "a folder for a cache");
	free(good);
	place_free(&p);
}

/* ---------------------------------------------------------------------
 * Writing the cache. */

static void
test_cache_private(void)
{
	struct place p;
	struct histsum_info info;
	char *cache_dir, *cache_home;
	mode_t old = umask(0);

	place_make(&p);
	cache_home = xasprintf("%s/cache", p.dir);
	cache_dir = xasprintf("%s/cache/limber", p.dir);
	write_text(p.history, base_rows);
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(info.cache_written);
	CHECK_INT(fixture_mode_of(cache_home), 0700);
	CHECK_INT(fixture_mode_of(cache_dir), 0700);
	CHECK_INT(fixture_mode_of(p.cache), 0600);
	/* rewritten: still 0600, and no temporary file is left */
	append_text(p.history, "2026-11-06T07:00:00+01:00,core,4,completed,"
		    "600,590,6,6,0,,none,,4,e\n");
	CHECK_INT(newest_pain(&p, &info), 0);
	CHECK(info.cache_used && info.cache_written);
	CHECK_INT(fixture_mode_of(p.cache), 0600);
	{
		char *cmd = xasprintf("test $(ls -A '%s' | wc -l) -eq 1",
				      cache_dir);

		CHECK(system(cmd) == 0);
		free(cmd);
	}
	umask(old);
	free(cache_dir);
	free(cache_home);
	place_free(&p);
}

/* A history that gave warnings: no cache, so they show every time. */
static void
test_no_cache_after_warnings(void)
{
	static const char *const bad_row =
		"2026-11-06T07:00:00+01:00,core,4,completed,600,590,6,6,12,,"
		"none,,4,e\n";
	struct place p;
	struct histsum_info info;
	struct stat st1, st2;
	char *text = xasprintf("%s%s", base_rows, bad_row);

	place_make(&p);
	write_text(p.history, text);
	for (int i = 0; i < 2; i++) {
		load_and_compare(&p, &info, "a bad row");
		CHECK(!info.cache_used && !info.cache_written);
		CHECK(!exists(p.cache));
	}
	/* A cache from before the bad row stays as it was, and is used. */
	write_text(p.history, base_rows);
	CHECK_INT(newest_pain(&p, &info), 7);
	CHECK(info.cache_written);
	CHECK(stat(p.cache, &st1) == 0);
	append_text(p.history, bad_row);
	for (int i = 0; i < 2; i++) {
		load_and_compare(&p, &info, "a bad row appended");
		CHECK(info.cache_used && !info.cache_written);
		CHECK_INT(info.parsed_from, (long)strlen(base_rows));
	}
	CHECK(stat(p.cache, &st2) == 0);
	CHECK(st1.st_ino == st2.st_ino);
	/* A torn last line: no cache of it either. */
	write_text(p.history, base_rows);
	append_text(p.history, "2026-11-06T07:00:00+01:00,core,4,comp");
	unlink(p.cache);
	load_and_compare(&p, &info, "a torn line");
	CHECK(!exists(p.cache));
	free(text);
	place_free(&p);
}

/* A cache that cannot be written changes nothing that shows. */
static void
test_unwritable_cache(void)
{
	struct place p;
	struct histsum_info info;
	char *blocker;

	place_make(&p);
	write_text(p.history, base_rows);
	/* its folder's parent is a file */
	blocker = xasprintf("%s/cache", p.dir);
	write_text(blocker, "");
	for (int i = 0; i < 2; i++) {
		load_and_compare(&p, &info, "cache folder blocked");
		CHECK(!info.cache_used && !info.cache_written);
	}
	CHECK_INT(newest_pain(&p, &info), 7);
	unlink(blocker);
	/* a read-only folder (root writes anyway) */
	if (geteuid() != 0) {
		CHECK(mkdir(blocker, 0500) == 0);
		load_and_compare(&p, &info, "cache folder read-only");
		CHECK(!info.cache_written);
		CHECK(!exists(p.cache));
	} else {
		printf("# running as root: the read-only cache folder case is "
		       "skipped\n");
	}
	free(blocker);
	place_free(&p);
}

/* Below the threshold nothing is written; a missing history is empty. */
static void
test_small_and_missing(void)
{
	struct place p;
	struct histsum_cache c;
	struct histsum_info info;
	struct histsum s;
	struct diag_list d;

	place_make(&p);
	c.path = p.cache;
	c.min_bytes = (off_t)strlen(base_rows) + 1;
	histsum_init(&s);
	diag_init(&d);
	CHECK_INT(histsum_load(&s, p.history, &c, &info, &d), 0);
	CHECK_INT(s.sessions, 0);
	CHECK(!info.cache_written);
	write_text(p.history, base_rows);
	CHECK_INT(histsum_load(&s, p.history, &c, &info, &d), 0);
	CHECK_INT(s.sessions, 4);
	CHECK(!info.cache_written);
	CHECK(!exists(p.cache));
	histsum_free(&s);
	c.min_bytes = (off_t)strlen(base_rows);
	histsum_init(&s);
	CHECK_INT(histsum_load(&s, p.history, &c, &info, &d), 0);
	CHECK(info.cache_written);
	CHECK_INT(d.n, 0);
	histsum_free(&s);
	diag_free(&d);
	place_free(&p);
}

/* Appended rows that begin with a byte-order mark or another non-ASCII
 * byte: read as in the whole file (where a mark is not at the start). */
static void
test_tail_not_ascii(void)
{
	static const char *const starts[] = { "\xef\xbb\xbf", "\xff\xfe", "\xc3\xa9" };
	struct place p;
	struct histsum_info info;

	place_make(&p);
	for (size_t i = 0; i < ARRAY_LEN(starts); i++) {
		char *row = xasprintf("%s2026-11-06T07:00:00+01:00,core,4,"
				      "completed,600,590,6,6,0,,none,,4,e\n",
				      starts[i]);

		write_text(p.history, base_rows);
		unlink(p.cache);
		CHECK_INT(newest_pain(&p, &info), 7);
		append_text(p.history, row);
		load_and_compare(&p, &info, "a tail starting with a mark");
		CHECK(info.cache_used);
		free(row);
	}
	place_free(&p);
}

/* Found by fuzz_history: a quoted field opened in the appended rows and
 * left open: the reader's message names the line it began on, which
 * must be the file's line, not the line within the appended part. */
static void
test_tail_message_lines(void)
{
	struct place p;
	struct histsum_info info;

	place_make(&p);
	write_text(p.history, base_rows);
	CHECK_INT(newest_pain(&p, &info), 7);
	append_text(p.history, "2026-11-06T07:00:00+01:00,core,4,completed,600,"
		    "600,6,6,1,better,none,,5,\"level 4 -> 5: two green ses\n"
		    "2026-11-07T07:10:00+01:00,core,4,completed,600,600,6,6,1,"
		    "better,none,,5,\"level 4 -> 5\"\n");
	load_and_compare(&p, &info, "a quote left open");
	CHECK(info.cache_used);
	{
		struct histsum_cache c = { p.cache, 0 };
		struct histsum s;
		struct diag_list d;
		char *got, *want;

		histsum_init(&s);
		diag_init(&d);
		histsum_load(&s, p.history, &c, &info, &d);
		got = diag_text(&d);
		want = xasprintf("%s:7: warning: expected a comma or the end of "
				 "the line after a closing quote; a quote inside "
				 "a quoted field must be doubled (\"\") (the "
				 "quoted field began on line 6); skipped\n",
				 p.history);
		CHECK_STR(got, want);
		free(got);
		free(want);
		histsum_free(&s);
		diag_free(&d);
	}
	place_free(&p);
}

/* ---------------------------------------------------------------------
 * The accumulator. */

/* history_stats as it was before the accumulator: sort every row's day. */
static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static void
reference_stats(const struct history *h, time_t now, struct history_stats *st)
{
	long today = caldate_local_day(now);
	long monday = today - (((today % 7) + 7 + 3) % 7);
	long *days = xcalloc(h->n + 1, sizeof *days);
	size_t nd = 0, first;
	int run = 0;

	memset(st, 0, sizeof *st);
	st->sessions = h->n;
	for (size_t i = 0; i < h->n; i++)
		st->completed += h->rows[i].status == SESSION_COMPLETED;
	if (h->n)
		st->completed_pct = (int)((st->completed * 100 + h->n / 2) / h->n);
	for (size_t i = 0; i < h->n; i++)
		days[i] = h->rows[i].day;
	qsort(days, h->n, sizeof *days, cmp_long);
	for (size_t i = 0; i < h->n; i++)
		if (nd == 0 || days[nd - 1] != days[i])
			days[nd++] = days[i];
	for (size_t i = 0; i < nd; i++) {
		run = i > 0 && days[i] == days[i - 1] + 1 ? run + 1 : 1;
		if (run > st->streak_longest)
			st->streak_longest = run;
		if (days[i] == today || days[i] == today - 1)
			st->streak_current = run;
	}
	free(days);
	for (int w = 0; w < HISTORY_WEEKS; w++)
		st->week_start[w] = monday - 7L * w;
	for (size_t i = 0; i < h->n; i++) {
		long day = h->rows[i].day;
		long wd = ((day % 7) + 7 + 3) % 7;

		if (day > monday + 6 || day < monday - 7L * (HISTORY_WEEKS - 1))
			continue;
		st->per_week[(monday - (day - wd)) / 7]++;
	}
	first = h->n > HISTORY_TREND ? h->n - HISTORY_TREND : 0;
	for (size_t i = first; i < h->n; i++) {
		int p = h->rows[i].pain;

		st->trend[st->ntrend++] = p;
		if (p >= 0) {
			st->npain++;
			st->pain_mean += p;
		}
	}
	if (st->npain)
		st->pain_mean /= (double)st->npain;
}

static void
check_stats_equal(const struct history_stats *a, const struct history_stats *b)
{
	CHECK_INT(a->sessions, b->sessions);
	CHECK_INT(a->completed, b->completed);
	CHECK_INT(a->completed_pct, b->completed_pct);
	CHECK_INT(a->streak_current, b->streak_current);
	CHECK_INT(a->streak_longest, b->streak_longest);
	CHECK(memcmp(a->per_week, b->per_week, sizeof a->per_week) == 0);
	CHECK(memcmp(a->week_start, b->week_start, sizeof a->week_start) == 0);
	CHECK_INT(a->ntrend, b->ntrend);
	CHECK(memcmp(a->trend, b->trend, sizeof a->trend) == 0);
	CHECK_INT(a->npain, b->npain);
	CHECK(a->pain_mean == b->pain_mean);
}

static void
push_row(struct history *h, const char *routine, time_t started, int pain,
	 bool stopped, int next)
{
	fixture_push(h, routine, started, next, stopped, pain, next, "why");
}

static void
test_stats_match_reference(void)
{
	setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
	tzset();
	rng_state = 777;
	for (int trial = 0; trial < 300; trial++) {
		struct history h;
		struct history_stats a, b;
		int n = pick(trial < 100 ? 12 : 200);
		time_t t = NOW - pick(120) * DAY;

		history_init(&h);
		for (int i = 0; i < n; i++) {
			/* clustered days, gaps, the clock set back now and then */
			t += pick(6) == 0 ? -pick(3) * DAY : pick(2 * DAY);
			push_row(&h, routines[pick(4)], t, pick(12) - 1,
				 pick(5) == 0, 1 + pick(10));
		}
		for (int k = 0; k < 3; k++) {
			time_t now = NOW + (k - 1) * pick(20) * DAY;

			history_stats(&h, now, &a);
			reference_stats(&h, now, &b);
			check_stats_equal(&a, &b);
		}
		history_free(&h);
	}
	setenv("TZ", "UTC", 1);
	tzset();
}

/* The newest row per routine and of all, and the level. */
static void
test_newest_rows(void)
{
	struct history h;
	struct histsum s;
	struct settings set;

	setenv("TZ", "UTC", 1);
	tzset();
	history_init(&h);
	histsum_init(&s);
	CHECK(histsum_last(&s, NULL) == NULL);
	CHECK(histsum_last(&s, "core") == NULL);
	CHECK_INT(histsum_level(&s, "core"), 1);
	push_row(&h, "core", NOW - 3 * DAY, 2, false, 4);
	push_row(&h, "mcgill", NOW - 2 * DAY, 5, false, 6);
	push_row(&h, "core", NOW - 40 * 3600, 1, true, 3);
	/* a clock set back: the file's order still decides what is newest */
	push_row(&h, "stretch", NOW - 9 * DAY, 0, false, 2);
	for (size_t i = 0; i < h.n; i++)
		histsum_add(&s, &h.rows[i]);
	CHECK_INT(histsum_level(&s, "core"), 3);
	CHECK_INT(histsum_level(&s, "mcgill"), 6);
	CHECK_INT(histsum_level(&s, "stretch"), 2);
	CHECK_INT(histsum_level(&s, "gentle"), 1);
	CHECK_INT(histsum_level(&s, "Core"), 1);	/* names are exact */
	for (const char *const *r = routines; r < routines + 4; r++) {
		const struct history_row *a = history_last(&h, *r);
		const struct history_row *b = histsum_last(&s, *r);

		CHECK((a == NULL) == (b == NULL));
		if (a && b) {
			CHECK_STR(a->started_text, b->started_text);
			CHECK_INT(a->pain, b->pain);
			CHECK_INT(a->status, b->status);
		}
	}
	CHECK_STR(histsum_last(&s, NULL)->routine, "stretch");
	/* the morning-after rule sees the same newest row */
	settings_defaults(&set);
	for (int k = 0; k < 12; k++) {
		time_t now = NOW - 9 * DAY + k * 3 * 3600;
		const struct history_row *a =
			fixture_morning_due(history_last(&h, NULL), now, &set);
		const struct history_row *b =
			fixture_morning_due(histsum_last(&s, NULL), now, &set);

		CHECK((a == NULL) == (b == NULL));
		if (a && b)
			CHECK_STR(a->started_text, b->started_text);
	}
	history_free(&h);
	histsum_free(&s);
}

/* Many routines (the name table grows) and days far out of order. */
static void
test_many_routines_and_days(void)
{
	struct histsum s, t;
	struct history_row row;
	struct histsum_key k = { 0 }, k2;
	unsigned char *buf;
	size_t len;
	char name[32];

	histsum_init(&s);
	memset(&row, 0, sizeof row);
	row.started_text = name;
	row.hurt = name + 31;
	row.reason = name + 31;
	name[31] = '\0';
	row.level = row.next_level = 3;
	row.status = SESSION_COMPLETED;
	row.exercises_planned = row.exercises_done = 4;
	row.line = 2;
	rng_state = 99;
	for (int i = 0; i < 3000; i++) {
		snprintf(name, 31, "r%d", pick(700));
		row.routine = name;
		row.day = 20000 + pick(2000);
		row.pain = pick(11);
		row.line++;
		histsum_add(&s, &row);
	}
	CHECK(s.nrt > 600 && s.nrt <= 700);
	CHECK_INT(s.sessions, 3000);
	for (size_t i = 1; i < s.ndays; i++)
		CHECK(s.days[i - 1].day < s.days[i].day);
	{
		unsigned long total = 0;

		for (size_t i = 0; i < s.ndays; i++)
			total += s.days[i].count;
		CHECK_INT(total, 3000);
	}
	/* through the cache's encoding and back */
	k.size = 1000;
	k.at.line = 3002;
	k.at.nfields = HISTORY_COLUMNS;
	for (int c = 0; c < HISTORY_COLUMNS; c++)
		k.at.col[c] = c;
	buf = histsum_encode(&s, &k, &len);
	histsum_init(&t);
	CHECK_INT(histsum_decode(buf, len, &t, &k2), 0);
	CHECK(histsum_equal(&s, &t));
	CHECK(histsum_equal(&t, &s));
	CHECK_INT(k2.size, 1000);
	CHECK_INT(k2.at.line, 3002);
	histsum_free(&t);
	/* cut anywhere: refused, and nothing kept */
	for (size_t cut = 0; cut < len; cut += 1 + cut / 5) {
		histsum_init(&t);
		CHECK_INT(histsum_decode(buf, cut, &t, &k2), -1);
		CHECK_INT(t.sessions, 0);
		CHECK(t.rt == NULL && t.days == NULL);
	}
	free(buf);
	/* one more row makes them differ */
	histsum_init(&t);
	row.routine = name;
	histsum_add(&s, &row);
	CHECK(!histsum_equal(&s, &t));
	histsum_free(&t);
	histsum_free(&s);
}

/* ---------------------------------------------------------------------
 * The hash. */

static void
test_hash(void)
{
	unsigned char data[1000];
	struct histsum_hash h;
	uint64_t whole, v;
	int changed = 0;

	rng_state = 5;
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)rng();
	histsum_hash_init(&h);
	histsum_hash_add(&h, data, sizeof data);
	whole = histsum_hash_value(&h);
	/* the same in any chunks, and the value can be taken midway */
	for (size_t step = 1; step < 70; step += 3) {
		histsum_hash_init(&h);
		for (size_t off = 0; off < sizeof data; off += step) {
			size_t n = sizeof data - off < step ? sizeof data - off : step;

			histsum_hash_add(&h, data + off, n);
			(void)histsum_hash_value(&h);
		}
		CHECK(histsum_hash_value(&h) == whole);
	}
	/* every single-bit change anywhere changes it */
	for (size_t i = 0; i < sizeof data; i++) {
		for (int bit = 0; bit < 8; bit += 3) {
			data[i] ^= (unsigned char)(1 << bit);
			histsum_hash_init(&h);
			histsum_hash_add(&h, data, sizeof data);
			v = histsum_hash_value(&h);
			changed += v != whole;
			data[i] ^= (unsigned char)(1 << bit);
		}
	}
	CHECK_INT(changed, 3 * (int)sizeof data);
	/* and so does the length, zeros included */
	{
		unsigned char zeros[64] = { 0 };
		uint64_t seen[65];

		for (size_t n = 0; n <= sizeof zeros; n++) {
			histsum_hash_init(&h);
			histsum_hash_add(&h, zeros, n);
			seen[n] = histsum_hash_value(&h);
			for (size_t m = 0; m < n; m++)
				CHECK(seen[m] != seen[n]);
		}
	}
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	TEST_RUN(test_cache_and_tail_equal_whole);
	TEST_RUN(test_tail_under_reordered_header);
	TEST_RUN(test_changed_byte_same_size);
	TEST_RUN(test_cache_of_another_file);
	TEST_RUN(test_damaged_cache_ignored);
	TEST_RUN(test_cache_private);
	TEST_RUN(test_no_cache_after_warnings);
	TEST_RUN(test_unwritable_cache);
	TEST_RUN(test_small_and_missing);
	TEST_RUN(test_tail_not_ascii);
	TEST_RUN(test_tail_message_lines);
	TEST_RUN(test_stats_match_reference);
	TEST_RUN(test_newest_rows);
	TEST_RUN(test_many_routines_and_days);
	TEST_RUN(test_hash);
	return t_done();
}
