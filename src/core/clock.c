/* clock.c - monotonic time with a speed-up for tests. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/util.h"

static long scale = 1;
static int64_t origin_ns;
static int64_t last_ns;		/* real ns since origin at the last read */

static int64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int
clock_init(char **err)
{
	const char *s = getenv("LIMBER_TIME_SCALE");
	long v = 1;

	*err = NULL;
	if (s != NULL && *s != '\0' &&
	    util_parse_long(s, 1, CLOCK_SCALE_MAX, &v) != UTIL_NUM_OK) {
		*err = xasprintf("LIMBER_TIME_SCALE must be a whole number from 1 to %d, got \"%s\"",
				 CLOCK_SCALE_MAX, s);
		return -1;
	}
	scale = v;
	origin_ns = mono_ns();
	last_ns = 0;
	return 0;
}

long
clock_scale(void)
{
	return scale;
}

int64_t
clock_read(void)
{
	last_ns = mono_ns() - origin_ns;
	/* scaled ms = real ns * scale / 1e6, without overflow for days */
	return (last_ns / 1000000) * scale + (last_ns % 1000000) * scale / 1000000;
}

/* The real ns since origin at which the scaled clock reaches deadline_ms
 * (rounded up: never early). */
static int64_t
real_ns(int64_t deadline_ms)
{
	return (deadline_ms / scale) * 1000000 +
	       ((deadline_ms % scale) * 1000000 + scale - 1) / scale;
}

int64_t
clock_mono_ns(int64_t t_ms)
{
	return origin_ns + real_ns(t_ms);
}

void
clock_until(int64_t deadline_ms, struct timespec *ts)
{
	int64_t wait = real_ns(deadline_ms) - last_ns;

	if (wait < 0)
		wait = 0;
	ts->tv_sec = (time_t)(wait / 1000000000);
	ts->tv_nsec = (long)(wait % 1000000000);
}

int
clock_timer_open(void)
{
	return timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
}

int
clock_timer_set(int fd, int64_t deadline_ms)
{
	struct itimerspec its = { 0 };
	uint64_t expired;

	/* Forget an expiry not yet read, so the descriptor is readable
	 * only once the new deadline has come. */
	if (read(fd, &expired, sizeof expired) < 0) {
		/* EAGAIN: none */
	}
	if (deadline_ms >= 0) {
		/* Absolute: a pass that ran late does not push the wake-up
		 * later.  origin_ns is at least 1, and 0 would disarm. */
		int64_t at = origin_ns + real_ns(deadline_ms);

		its.it_value.tv_sec = (time_t)(at / 1000000000);
		its.it_value.tv_nsec = (long)(at % 1000000000);
	}
	return timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL);
}

/* LIMBER_NOW, once parsed: the wall clock stands still at it. */
static bool now_fixed;
static time_t now_value;

int
clock_parse_iso(const char *s, time_t *out)
{
	struct tm tm;
	const char *end;
	long off;

	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M", &tm);
	if (end == NULL)
		return -1;
	if (*end == ':') {
		end = strptime(end, ":%S", &tm);
		if (end == NULL)
			return -1;
	}
	if (*end == '\0') {
		/* No offset: local time, as the history's own dates are. */
		tm.tm_isdst = -1;
		*out = mktime(&tm);
		return *out == (time_t)-1 ? -1 : 0;
	}
	/* glibc's %z takes Z, +HH, +HHMM and +HH:MM and sets tm_gmtoff. */
	end = strptime(end, "%z", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	off = tm.tm_gmtoff;	/* timegm resets it */
	*out = timegm(&tm) - off;
	return 0;
}

int
clock_wall_init(char **err)
{
	const char *s = getenv("LIMBER_NOW");

	*err = NULL;
	now_fixed = false;
	if (s == NULL || *s == '\0')
		return 0;
	if (clock_parse_iso(s, &now_value) != 0) {
		*err = xasprintf("LIMBER_NOW must be a date and time like "
				 "2026-12-01T07:00:00+01:00, got \"%s\"", s);
		return -1;
	}
	now_fixed = true;
	return 0;
}

/* The one place limber reads the wall clock. */
time_t
clock_wall(void)
{
	return now_fixed ? now_value : time(NULL);
}
