/* histsum.c - the history's summary, and its cache. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csvread.h"
#include "history/histsum.h"
#include "core/paths.h"
#include "core/util.h"

/* One per routine name: its newest row, the strings in storage of its
 * own that is reused from row to row. */
struct histsum_routine {
	char *name;
	uint64_t hash;
	struct history_row last;	/* routine points to name */
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
	set_last(&s->rt[i], row);
	s->newest = i;
	add_day(s, row->day, 1);
	add_pain(s, row->pain);
}

/* Monday = 0 ... Sunday = 6; 1970-01-01 was a Thursday. */
static long
weekday(long day)
{
	return ((day % 7) + 7 + 3) % 7;
}

void
histsum_stats(const struct histsum *s, time_t now, struct history_stats *st)
{
	long today = history_local_day(now);
	long monday = today - weekday(today);
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
		st->per_week[(monday - (day - weekday(day))) / 7] +=
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
	const struct history_row *r = histsum_last(s, routine);

	return r ? r->next_level : 1;
}

void
histsum_newest(const struct histsum *s, struct history *h)
{
	const struct history_row *last = histsum_last(s, NULL);
	struct history_row row;

	if (last == NULL)
		return;
	row = *last;
	row.started_text = xstrdup(last->started_text);
	row.routine = xstrdup(last->routine);
	row.hurt = xstrdup(last->hurt);
	row.reason = xstrdup(last->reason);
	history_push(h, &row);
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
		if (r == NULL || !rows_equal(&a->rt[i].last, &r->last))
			return false;
	}
	return a->sessions == 0 ||
	       strcmp(a->rt[a->newest].name, b->rt[b->newest].name) == 0;
}

/* ---------------------------------------------------------------------
 * The hash (see histsum.h). */

#define HASH_K 0x9e3779b97f4a7c15u	/* odd: the golden ratio's bits */

static uint64_t
hash_mix(uint64_t lane, uint64_t w)
{
	uint64_t y = (lane ^ w) * HASH_K;

	return y ^ (y >> 32);
}

static uint64_t
load64(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof w);
	return w;
}

void
histsum_hash_init(struct histsum_hash *h)
{
	memset(h, 0, sizeof *h);
	for (int i = 0; i < 4; i++)
		h->lane[i] = 0x243f6a8885a308d3u * (uint64_t)(i + 1);
}

static void
hash_stripe(uint64_t lane[4], const unsigned char *p)
{
	lane[0] = hash_mix(lane[0], load64(p));
	lane[1] = hash_mix(lane[1], load64(p + 8));
	lane[2] = hash_mix(lane[2], load64(p + 16));
	lane[3] = hash_mix(lane[3], load64(p + 24));
}

void
histsum_hash_add(struct histsum_hash *h, const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t lane[4];

	h->len += n;
	if (h->nbuf > 0) {
		size_t k = sizeof h->buf - h->nbuf;

		if (k > n)
			k = n;
		memcpy(h->buf + h->nbuf, p, k);
		h->nbuf += k;
		p += k;
		n -= k;
		if (h->nbuf < sizeof h->buf)
			return;
		hash_stripe(h->lane, h->buf);
		h->nbuf = 0;
	}
	memcpy(lane, h->lane, sizeof lane);
	for (; n >= 32; p += 32, n -= 32)
		hash_stripe(lane, p);
	memcpy(h->lane, lane, sizeof lane);
	memcpy(h->buf, p, n);
	h->nbuf = n;
}

uint64_t
histsum_hash_value(const struct histsum_hash *h)
{
	uint64_t lane[4], v;
	unsigned char last[8] = { 0 };
	size_t i = 0;

	memcpy(lane, h->lane, sizeof lane);
	for (; i + 8 <= h->nbuf; i += 8)
		lane[i / 8] = hash_mix(lane[i / 8], load64(h->buf + i));
	if (i < h->nbuf) {
		memcpy(last, h->buf + i, h->nbuf - i);
		lane[i / 8] = hash_mix(lane[i / 8], load64(last));
	}
	v = hash_mix(HASH_K, h->len);
	for (int k = 0; k < 4; k++)
		v = hash_mix(v, lane[k]);
	return hash_mix(v, 0);
}

/* ---------------------------------------------------------------------
 * The cache file: little-endian integers, strings as a 32-bit length
 * and the bytes, then a hash of everything before it.  A change to what
 * is stored, or to how rows are read (which rows count, their values),
 * must change the version: an old cache then reads as another version
 * and is ignored. */

static const unsigned char cache_magic[8] = { 'l', 'i', 'm', 'b', 'e', 'r',
					      'H', 'S' };
#define CACHE_MAX_BYTES (64L * 1024 * 1024)
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
		char *name = get_str(c), *started = get_str(c);
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
	if (total != s->sessions)
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

/* ---------------------------------------------------------------------
 * Loading. */

static void
add_row(void *ud, const struct history_row *row)
{
	histsum_add(ud, row);
}

/* What a whole-file parse hands its rows and bytes to. */
struct full {
	struct histsum *s;
	struct histsum_hash h;
};

static void
full_row(void *ud, const struct history_row *row)
{
	struct full *f = ud;

	histsum_add(f->s, row);
}

static void
full_bytes(void *ud, const void *p, size_t n)
{
	struct full *f = ud;

	histsum_hash_add(&f->h, p, n);
}

/* pread all of [off, off + n) into buf. */
static int
read_at(int fd, void *buf, size_t n, off_t off)
{
	char *p = buf;

	while (n > 0) {
		ssize_t k = pread(fd, p, n, off);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
		off += k;
	}
	return 0;
}

/* The cache file's bytes, or NULL. */
static unsigned char *
read_cache(const char *path, size_t *len)
{
	struct stat st;
	unsigned char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    st.st_size > CACHE_MAX_BYTES) {
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size);
	if (read_at(fd, buf, (size_t)st.st_size, 0) < 0) {
		free(buf);
		close(fd);
		return NULL;
	}
	close(fd);
	*len = (size_t)st.st_size;
	return buf;
}

/* mkdir -p for the folder of path, private (the cache is a summary of
 * health data). */
static int
make_private_parents(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/'), *failed;
	int rc = 0;

	if (slash != NULL && slash != dir) {
		*slash = '\0';
		rc = paths_mkdir_p(dir, 0700, &failed);
		if (rc != 0)
			free(failed);
	}
	free(dir);
	return rc;
}

/* Replace the cache file with s for k: a temporary file in the same
 * folder, synced, renamed over it, so a reader sees the old cache or the
 * new one, never a part.  Any failure (a read-only or missing cache
 * folder, a full disk) only means no cache: the history file stays the
 * source of truth, so it is not worth a word. */
static bool
write_cache(const char *path, const struct histsum *s,
	    const struct histsum_key *k)
{
	size_t len, done = 0;
	unsigned char *buf;
	char *tmp;
	int fd;
	bool ok;

	if (make_private_parents(path) < 0)
		return false;
	tmp = xasprintf("%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return false;
	}
	buf = histsum_encode(s, k, &len);
	ok = fchmod(fd, 0600) == 0;
	while (ok && done < len) {
		ssize_t n = write(fd, buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		ok = n > 0;
		if (ok)
			done += (size_t)n;
	}
	free(buf);
	ok = ok && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	ok = ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}

/* Start from the cache when it holds for path: then s is filled, *rc is
 * what loading returns, and the result is true.  False (and s left
 * empty, d untouched) when the cache cannot be used. */
static bool
load_cached(struct histsum *s, const char *path, const struct histsum_cache *c,
	    struct histsum_info *info, struct diag_list *d, int *rc)
{
	struct histsum cached;
	struct histsum_key k;
	struct histsum_hash h;
	struct stat st;
	unsigned char *cbuf;
	char *buf = NULL;
	size_t clen, tail, before = d->n;
	off_t off;
	bool used = false;
	int fd;

	cbuf = read_cache(c->path, &clen);
	if (cbuf == NULL)
		return false;
	histsum_init(&cached);
	if (histsum_decode(cbuf, clen, &cached, &k) < 0) {
		free(cbuf);
		return false;
	}
	free(cbuf);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_dev != k.dev || (uint64_t)st.st_ino != k.ino ||
	    st.st_size < k.size || st.st_size > CSVREAD_DEFAULT_MAX_BYTES)
		goto out;
	/* Appenders wait while we read: what is hashed is what is parsed. */
	while (flock(fd, LOCK_SH) < 0 && errno == EINTR)
		;
	if (fstat(fd, &st) < 0 || st.st_size < k.size ||
	    st.st_size > CSVREAD_DEFAULT_MAX_BYTES)
		goto out;
	tail = (size_t)(st.st_size - k.size);
	buf = xmalloc(tail > 64 * 1024 ? tail : 64 * 1024);
	histsum_hash_init(&h);
	for (off = 0; off < k.size;) {
		size_t n = k.size - off > 64 * 1024 ? 64 * 1024
						    : (size_t)(k.size - off);

		if (read_at(fd, buf, n, off) < 0)
			goto out;
		histsum_hash_add(&h, buf, n);
		off += (off_t)n;
	}
	if (histsum_hash_value(&h) != k.hash ||
	    read_at(fd, buf, tail, k.size) < 0)
		goto out;
	histsum_hash_add(&h, buf, tail);

	used = true;
	*s = cached;
	histsum_init(&cached);
	info->cache_used = true;
	info->parsed_from = k.size;
	info->size = st.st_size;
	*rc = 0;
	if (tail > 0)
		*rc = history_scan_rows(path, &k.at, buf, tail, add_row, s, d);
	if (tail > 0 && *rc == 0 && d->n == before && buf[tail - 1] == '\n' &&
	    st.st_size >= c->min_bytes) {
		k.size = st.st_size;
		k.hash = histsum_hash_value(&h);
		info->cache_written = write_cache(c->path, s, &k);
	}
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	histsum_free(&cached);
	return used;
}

int
histsum_load(struct histsum *s, const char *path,
	     const struct histsum_cache *c, struct histsum_info *info,
	     struct diag_list *d)
{
	struct histsum_info none;
	struct history_file f;
	struct full full = { .s = s };
	size_t before = d->n;
	int rc;

	if (info == NULL)
		info = &none;
	memset(info, 0, sizeof *info);
	if (c != NULL && c->path != NULL &&
	    load_cached(s, path, c, info, d, &rc))
		return rc;

	histsum_hash_init(&full.h);
	rc = history_scan_file(path, full_row,
			       c != NULL && c->path != NULL ? full_bytes : NULL,
			       &full, &f, d);
	info->size = f.size;
	if (c != NULL && c->path != NULL && rc == 0 && f.stable && f.header &&
	    f.ends_nl && d->n == before && f.size >= c->min_bytes) {
		struct histsum_key k = {
			.size = f.size,
			.dev = (uint64_t)f.dev,
			.ino = (uint64_t)f.ino,
			.hash = histsum_hash_value(&full.h),
			.at = f.end,
		};

		info->cache_written = write_cache(c->path, s, &k);
	}
	return rc;
}
