/* histsum.c - the history's summary, and its cache file's format. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/caldate.h"
#include "core/csvread.h"
#include "core/util.h"
#include "history/histsum.h"

/* One per routine name: its newest row, the strings in storage of its
 * own that is reused from row to row. */
struct histsum_routine {
	char *name;
	uint64_t hash;
	struct history_row last;	/* routine points to name */
	bool lowered;			/* one level lower: a worse morning
					   after last, said before another
					   routine's session */
	char *text;			/* started_text, hurt, reason */
	size_t textcap;
};

void
histsum_init(struct histsum *s)
{
	memset(s, 0, sizeof *s);
}

void
histsum_free(struct histsum *s)
{
	for (size_t i = 0; i < s->nrt; i++) {
		free(s->rt[i].name);
		free(s->rt[i].text);
	}
	free(s->rt);
	free(s->slot);
	free(s->days);
	histsum_init(s);
}

/* The slot for name: where it is, or the free one where it would go. */
static size_t
find_slot(const struct histsum *s, const char *name, uint64_t h)
{
	size_t i = (size_t)h & (s->nslot - 1);

	while (s->slot[i] != 0) {
		const struct histsum_routine *r = &s->rt[s->slot[i] - 1];

		if (r->hash == h && strcmp(r->name, name) == 0)
			break;
		i = (i + 1) & (s->nslot - 1);
	}
	return i;
}

static struct histsum_routine *
find_routine(const struct histsum *s, const char *name)
{
	size_t i;

	if (s->nslot == 0)
		return NULL;
	i = find_slot(s, name, util_hash(name, strlen(name)));
	return s->slot[i] ? &s->rt[s->slot[i] - 1] : NULL;
}

/* The routine called name, added when new. */
static size_t
routine_index(struct histsum *s, const char *name)
{
	uint64_t h = util_hash(name, strlen(name));
	struct histsum_routine *r;
	size_t i;

	if (2 * (s->nrt + 1) > s->nslot) {
		size_t nslot = s->nslot ? 2 * s->nslot : 16;

		free(s->slot);
		s->slot = xcalloc(nslot, sizeof *s->slot);
		s->nslot = nslot;
		for (size_t k = 0; k < s->nrt; k++) {
			const struct histsum_routine *o = &s->rt[k];

			s->slot[find_slot(s, o->name, o->hash)] = k + 1;
		}
	}
	i = find_slot(s, name, h);
	if (s->slot[i] != 0)
		return s->slot[i] - 1;
	util_grow(&s->rt, &s->rtcap, s->nrt, sizeof *s->rt);
	r = &s->rt[s->nrt];
	memset(r, 0, sizeof *r);
	r->name = xstrdup(name);
	r->hash = h;
	s->slot[i] = ++s->nrt;
	return s->nrt - 1;
}

/* Make row the routine's newest, copying its strings. */
static void
set_last(struct histsum_routine *r, const struct history_row *row)
{
	size_t a = strlen(row->started_text), b = strlen(row->hurt);
	size_t c = strlen(row->reason), need = a + b + c + 3;

	if (need > r->textcap) {
		r->textcap = need < 64 ? 64 : need;
		r->text = xrealloc(r->text, r->textcap);
	}
	memcpy(r->text, row->started_text, a + 1);
	memcpy(r->text + a + 1, row->hurt, b + 1);
	memcpy(r->text + a + b + 2, row->reason, c + 1);
	r->last = *row;
	r->last.routine = r->name;
	r->last.started_text = r->text;
	r->last.hurt = r->text + a + 1;
	r->last.reason = r->text + a + b + 2;
}

static void
add_day(struct histsum *s, long day, unsigned long count)
{
	size_t lo = 0, hi = s->ndays;

	if (s->ndays > 0 && s->days[s->ndays - 1].day == day) {
		s->days[s->ndays - 1].count += count;
		return;
	}
	/* Rows come mostly in date order: the new day is usually the last. */
	if (s->ndays > 0 && day < s->days[s->ndays - 1].day) {
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (s->days[mid].day < day)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (s->days[lo].day == day) {
			s->days[lo].count += count;
			return;
		}
	} else {
		lo = s->ndays;
	}
	util_grow(&s->days, &s->daycap, s->ndays, sizeof *s->days);
	memmove(&s->days[lo + 1], &s->days[lo],
		(s->ndays - lo) * sizeof *s->days);
	s->days[lo].day = day;
	s->days[lo].count = count;
	s->ndays++;
}

static void
add_pain(struct histsum *s, int pain)
{
	if (s->ntrend == HISTORY_TREND) {
		memmove(s->trend, s->trend + 1,
			(HISTORY_TREND - 1) * sizeof *s->trend);
		s->ntrend--;
	}
	s->trend[s->ntrend++] = pain;
}

void
histsum_add(struct histsum *s, const struct history_row *row)
{
	size_t i = routine_index(s, row->routine ? row->routine : "");

	s->sessions++;
	if (row->status == SESSION_COMPLETED)
		s->completed++;
	/* The morning after the newest session, answered in this row:
	 * "worse" lowers that session's routine (history_level_after). */
	if (s->sessions > 1 && s->newest != i)
		s->rt[s->newest].lowered =
			history_level_after(&s->rt[s->newest].last, row) !=
			s->rt[s->newest].last.next_level;
	set_last(&s->rt[i], row);
	s->rt[i].lowered = false;
	s->newest = i;
	/* A session with no exercise done counts toward no streak and no
	 * week: nothing was exercised that day. */
	if (row->exercises_done > 0)
		add_day(s, row->day, 1);
	add_pain(s, row->pain);
}

void
histsum_stats(const struct histsum *s, time_t now, struct history_stats *st)
{
	long today = caldate_local_day(now);
	long monday = today - caldate_weekday(today);
	long oldest_week = monday - 7L * (HISTORY_WEEKS - 1);
	int run = 0;

	memset(st, 0, sizeof *st);
	st->sessions = s->sessions;
	st->completed = s->completed;
	if (s->sessions)
		st->completed_pct = (int)((s->completed * 100 +
					   s->sessions / 2) / s->sessions);

	/* Streaks: runs of consecutive local days with a session. */
	for (size_t i = 0; i < s->ndays; i++) {
		long day = s->days[i].day;

		run = i > 0 && day == s->days[i - 1].day + 1 ? run + 1 : 1;
		if (run > st->streak_longest)
			st->streak_longest = run;
		/* Alive while today or yesterday has a session (days are
		 * sorted: a run through today overrides one to yesterday). */
		if (day == today || day == today - 1)
			st->streak_current = run;
	}

	for (int w = 0; w < HISTORY_WEEKS; w++)
		st->week_start[w] = monday - 7L * w;
	for (size_t i = s->ndays; i-- > 0 && s->days[i].day >= oldest_week;) {
		long day = s->days[i].day;

		if (day > monday + 6)
			continue;
		st->per_week[(monday - (day - caldate_weekday(day))) / 7] +=
			(int)s->days[i].count;
	}

	for (size_t i = 0; i < s->ntrend; i++) {
		int p = s->trend[i];

		st->trend[st->ntrend++] = p;
		if (p >= 0) {
			st->npain++;
			st->pain_mean += p;
		}
	}
	if (st->npain)
		st->pain_mean /= (double)st->npain;
}

const struct history_row *
histsum_last(const struct histsum *s, const char *routine)
{
	const struct histsum_routine *r;

	if (s->sessions == 0)
		return NULL;
	if (routine == NULL)
		return &s->rt[s->newest].last;
	r = find_routine(s, routine);
	return r ? &r->last : NULL;
}

int
histsum_level(const struct histsum *s, const char *routine)
{
	const struct histsum_routine *r = find_routine(s, routine);

	if (s->sessions == 0 || r == NULL)
		return 1;
	return r->last.next_level - (r->lowered ? 1 : 0);
}

void
history_stats(const struct history *h, time_t now, struct history_stats *st)
{
	struct histsum sum;

	histsum_init(&sum);
	for (size_t i = 0; i < h->n; i++)
		histsum_add(&sum, &h->rows[i]);
	histsum_stats(&sum, now, st);
	histsum_free(&sum);
}

static bool
rows_equal(const struct history_row *a, const struct history_row *b)
{
	return strcmp(a->started_text, b->started_text) == 0 &&
	       a->started == b->started && a->utc_offset == b->utc_offset &&
	       a->day == b->day && strcmp(a->routine, b->routine) == 0 &&
	       a->level == b->level && a->status == b->status &&
	       a->planned_s == b->planned_s && a->done_s == b->done_s &&
	       a->exercises_planned == b->exercises_planned &&
	       a->exercises_done == b->exercises_done && a->pain == b->pain &&
	       a->morning == b->morning && a->nerve == b->nerve &&
	       a->urgent == b->urgent && a->next_level == b->next_level &&
	       strcmp(a->hurt, b->hurt) == 0 &&
	       strcmp(a->reason, b->reason) == 0 && a->line == b->line;
}

bool
histsum_equal(const struct histsum *a, const struct histsum *b)
{
	if (a->sessions != b->sessions || a->completed != b->completed ||
	    a->ntrend != b->ntrend || a->ndays != b->ndays || a->nrt != b->nrt)
		return false;
	if (memcmp(a->trend, b->trend, a->ntrend * sizeof *a->trend) != 0)
		return false;
	for (size_t i = 0; i < a->ndays; i++)
		if (a->days[i].day != b->days[i].day ||
		    a->days[i].count != b->days[i].count)
			return false;
	for (size_t i = 0; i < a->nrt; i++) {
		const struct histsum_routine *r;

		r = find_routine(b, a->rt[i].name);
		if (r == NULL || !rows_equal(&a->rt[i].last, &r->last) ||
		    r->lowered != a->rt[i].lowered)
			return false;
	}
	return a->sessions == 0 ||
	       strcmp(a->rt[a->newest].name, b->rt[b->newest].name) == 0;
}

/* ---------------------------------------------------------------------
 * The cache file: little-endian integers, strings as a 32-bit length
 * and the bytes, then a hash of everything before it.  A change to what
 * is stored, or to how rows are read (which rows count, their values),
 * must change the version: an old cache then reads as another version
 * and is ignored. */

static const unsigned char cache_magic[8] = { 'l', 'i', 'm', 'b', 'e', 'r',
					      'H', 'S' };
#define STRING_MAX (1024L * 1024)

static void
put_u64(struct strbuf *b, uint64_t v)
{
	char c[8];

	for (int i = 0; i < 8; i++)
		c[i] = (char)(v >> (8 * i));
	strbuf_add(b, c, sizeof c);
}

static void
put_i64(struct strbuf *b, long long v)
{
	put_u64(b, (uint64_t)v);
}

static void
put_u32(struct strbuf *b, uint32_t v)
{
	char c[4];

	for (int i = 0; i < 4; i++)
		c[i] = (char)(v >> (8 * i));
	strbuf_add(b, c, sizeof c);
}

static void
put_str(struct strbuf *b, const char *s)
{
	size_t n = strlen(s);

	put_u32(b, (uint32_t)n);
	strbuf_add(b, s, n);
}

unsigned char *
histsum_encode(const struct histsum *s, const struct histsum_key *k,
	       size_t *len)
{
	struct strbuf b = { 0 };
	struct histsum_hash h;

	strbuf_add(&b, (const char *)cache_magic, sizeof cache_magic);
	put_u32(&b, HISTSUM_CACHE_VERSION);
	put_i64(&b, (long long)k->size);
	put_u64(&b, k->dev);
	put_u64(&b, k->ino);
	put_u64(&b, k->hash);
	put_i64(&b, k->at.line);
	put_i64(&b, k->at.newlines);
	put_u64(&b, k->at.nfields);
	for (int c = 0; c < HISTORY_COLUMNS; c++)
		put_i64(&b, k->at.col[c]);

	put_u64(&b, s->sessions);
	put_u64(&b, s->completed);
	put_u32(&b, (uint32_t)s->ntrend);
	for (size_t i = 0; i < s->ntrend; i++)
		put_i64(&b, s->trend[i]);
	put_u64(&b, s->ndays);
	for (size_t i = 0; i < s->ndays; i++) {
		put_i64(&b, s->days[i].day);
		put_u64(&b, s->days[i].count);
	}
	put_u64(&b, s->nrt);
	put_u64(&b, s->newest);
	for (size_t i = 0; i < s->nrt; i++) {
		const struct history_row *r = &s->rt[i].last;

		put_str(&b, s->rt[i].name);
		put_i64(&b, s->rt[i].lowered);
		put_str(&b, r->started_text);
		put_str(&b, r->hurt);
		put_str(&b, r->reason);
		put_i64(&b, (long long)r->started);
		put_i64(&b, r->utc_offset);
		put_i64(&b, r->day);
		put_i64(&b, r->level);
		put_i64(&b, r->status == SESSION_STOPPED);
		put_i64(&b, r->planned_s);
		put_i64(&b, r->done_s);
		put_i64(&b, r->exercises_planned);
		put_i64(&b, r->exercises_done);
		put_i64(&b, r->pain);
		put_i64(&b, r->morning);
		put_i64(&b, r->nerve);
		put_i64(&b, r->urgent);
		put_i64(&b, r->next_level);
		put_i64(&b, r->line);
	}
	histsum_hash_init(&h);
	histsum_hash_add(&h, b.s, b.len);
	put_u64(&b, histsum_hash_value(&h));
	*len = b.len;
	return (unsigned char *)strbuf_take(&b);
}

/* Reading the cache: every read is checked against the end. */
struct cursor {
	const unsigned char *p;
	size_t left;
	bool bad;
};

static uint64_t
get_u64(struct cursor *c)
{
	uint64_t v = 0;

	if (c->left < 8) {
		c->bad = true;
		return 0;
	}
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)c->p[i] << (8 * i);
	c->p += 8;
	c->left -= 8;
	return v;
}

static uint32_t
get_u32(struct cursor *c)
{
	uint32_t v = 0;

	if (c->left < 4) {
		c->bad = true;
		return 0;
	}
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)c->p[i] << (8 * i);
	c->p += 4;
	c->left -= 4;
	return v;
}

/* A signed number in [lo, hi]; outside it the cache is bad. */
static long
get_long(struct cursor *c, long lo, long hi)
{
	long long v = (long long)get_u64(c);

	if (v < lo || v > hi) {
		c->bad = true;
		return lo;
	}
	return (long)v;
}

/* A string (NUL-free) as a new string; NULL when bad. */
static char *
get_str(struct cursor *c)
{
	uint32_t n = get_u32(c);
	char *s;

	if (c->bad || n > STRING_MAX || n > c->left ||
	    memchr(c->p, '\0', n) != NULL) {
		c->bad = true;
		return NULL;
	}
	s = xstrndup((const char *)c->p, n);
	c->p += n;
	c->left -= n;
	return s;
}

static int
decode_routines(struct cursor *c, struct histsum *s, size_t nrt)
{
	for (size_t i = 0; i < nrt && !c->bad; i++) {
		struct history_row r;
		char *name = get_str(c);
		bool lowered = get_long(c, 0, 1) != 0;
		char *started = get_str(c);
		char *hurt = get_str(c), *reason = get_str(c);
		size_t before = s->nrt;

		memset(&r, 0, sizeof r);
		r.started = (time_t)get_long(c, LONG_MIN, LONG_MAX);
		r.utc_offset = get_long(c, -86400, 86400);
		r.day = get_long(c, LONG_MIN, LONG_MAX);
		r.level = (int)get_long(c, 1, 10);
		r.status = get_long(c, 0, 1) ? SESSION_STOPPED
					     : SESSION_COMPLETED;
		r.planned_s = get_long(c, 0, LONG_MAX);
		r.done_s = get_long(c, 0, LONG_MAX);
		r.exercises_planned = get_long(c, 0, LONG_MAX);
		r.exercises_done = get_long(c, 0, LONG_MAX);
		r.pain = (int)get_long(c, CHECKIN_PAIN_SKIPPED, 10);
		r.morning = (enum checkin_morning)
			get_long(c, CHECKIN_MORNING_NONE, CHECKIN_MORNING_WORSE);
		r.nerve = get_long(c, 0, 1) != 0;
		r.urgent = get_long(c, 0, 1) != 0;
		r.next_level = (int)get_long(c, 1, 10);
		r.line = get_long(c, 1, LONG_MAX);
		if (!c->bad && name[0] != '\0') {
			size_t k = routine_index(s, name);

			/* each name once */
			if (s->nrt == before)
				c->bad = true;
			r.routine = name;
			r.started_text = started;
			r.hurt = hurt;
			r.reason = reason;
			set_last(&s->rt[k], &r);
			s->rt[k].lowered = lowered;
		} else {
			c->bad = true;
		}
		free(name);
		free(started);
		free(hurt);
		free(reason);
	}
	return c->bad ? -1 : 0;
}

int
histsum_decode(const void *buf, size_t len, struct histsum *s,
	       struct histsum_key *k)
{
	struct cursor c = { buf, len, false };
	struct histsum_hash h;
	unsigned long total = 0;
	size_t n, nrt;

	memset(k, 0, sizeof *k);
	if (len < sizeof cache_magic + 4 + 8 ||
	    memcmp(buf, cache_magic, sizeof cache_magic) != 0)
		return -1;
	histsum_hash_init(&h);
	histsum_hash_add(&h, buf, len - 8);
	c.left = len - 8;
	c.p = (const unsigned char *)buf + len - 8;
	if (get_u64(&c) != histsum_hash_value(&h))
		return -1;
	c.p = (const unsigned char *)buf + sizeof cache_magic;
	c.left = len - 8 - sizeof cache_magic;
	if (get_u32(&c) != HISTSUM_CACHE_VERSION)
		return -1;

	k->size = (off_t)get_long(&c, 1, CSVREAD_DEFAULT_MAX_BYTES);
	k->dev = get_u64(&c);
	k->ino = get_u64(&c);
	k->hash = get_u64(&c);
	k->at.line = get_long(&c, 1, LONG_MAX);
	k->at.newlines = get_long(&c, 0, LONG_MAX);
	k->at.nfields = (size_t)get_long(&c, 1, CSVREAD_DEFAULT_MAX_FIELDS);
	for (int i = 0; i < HISTORY_COLUMNS; i++)
		k->at.col[i] = get_long(&c, -1, (long)k->at.nfields - 1);

	s->sessions = (size_t)get_long(&c, 0, LONG_MAX);
	s->completed = (size_t)get_long(&c, 0, (long)s->sessions);
	n = get_u32(&c);
	if (n != (s->sessions < HISTORY_TREND ? s->sessions : HISTORY_TREND))
		c.bad = true;
	for (size_t i = 0; i < n && !c.bad; i++)
		s->trend[s->ntrend++] =
			(int)get_long(&c, CHECKIN_PAIN_SKIPPED, 10);
	n = (size_t)get_long(&c, 0, (long)(c.left / 16));
	for (size_t i = 0; i < n && !c.bad; i++) {
		long day = get_long(&c, LONG_MIN, LONG_MAX);
		unsigned long count = (unsigned long)get_long(&c, 1, LONG_MAX);

		/* distinct and in order */
		if (s->ndays > 0 && day <= s->days[s->ndays - 1].day)
			c.bad = true;
		else
			add_day(s, day, count);
		total += count;
	}
	/* days count the sessions with an exercise done: no more */
	if (total > s->sessions)
		c.bad = true;
	nrt = (size_t)get_long(&c, 0, (long)(c.left / 16));
	s->newest = (size_t)get_long(&c, 0, nrt > 0 ? (long)nrt - 1 : 0);
	if ((nrt == 0) != (s->sessions == 0))
		c.bad = true;
	if (!c.bad)
		decode_routines(&c, s, nrt);
	if (c.bad || c.left != 0) {
		histsum_free(s);
		return -1;
	}
	return 0;
}

