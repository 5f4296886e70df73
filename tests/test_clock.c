/* test_clock.c - the front ends' clock: scaling and the deadline timer. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "testlib.h"

/* Wait for fd to become readable, at most limit_ms; the real ms it took,
 * or -1 when it did not. */
static long
readable_after(int fd, int limit_ms)
{
	struct timespec a, b;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do
		n = poll(&p, 1, limit_ms);
	while (n < 0 && errno == EINTR);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (n <= 0)
		return -1;
	return (long)((b.tv_sec - a.tv_sec) * 1000 +
		      (b.tv_nsec - a.tv_nsec) / 1000000);
}

static void
test_scale(void)
{
	char *err = NULL;

	setenv("LIMBER_TIME_SCALE", "0", 1);
	CHECK_INT(clock_init(&err), -1);
	CHECK(err != NULL);
	free(err);
	setenv("LIMBER_TIME_SCALE", "1000", 1);
	CHECK_INT(clock_init(&err), 0);
	CHECK_INT(clock_scale(), 1000);
	unsetenv("LIMBER_TIME_SCALE");
	CHECK_INT(clock_init(&err), 0);
	CHECK_INT(clock_scale(), 1);
}

/* The timer fires at its absolute deadline, never before; a passed one
 * at once; a new deadline replaces the old one (an expiry not read is
 * forgotten); a negative one disarms it. */
static void
test_timer(void)
{
	char *err = NULL;
	int fd;
	int64_t now;
	long ms;

	unsetenv("LIMBER_TIME_SCALE");
	CHECK_INT(clock_init(&err), 0);
	fd = clock_timer_open();
	if (fd < 0) {
		printf("# no timerfd here: the front ends fall back to timeouts\n");
		return;
	}
	now = clock_read();
	CHECK_INT(clock_timer_set(fd, now + 80), 0);
	CHECK_INT(readable_after(fd, 0), -1);	/* not yet */
	ms = readable_after(fd, 2000);
	printf("# fired after %ld ms (deadline 80 ms)\n", ms);
	CHECK(ms >= 79 && ms < 1000);
	CHECK(clock_read() >= now + 80);

	/* still readable (not read), until set again: then forgotten */
	CHECK(readable_after(fd, 0) >= 0);
	now = clock_read();
	CHECK_INT(clock_timer_set(fd, now + 60000), 0);
	CHECK_INT(readable_after(fd, 100), -1);

	/* a deadline already passed: at once */
	CHECK_INT(clock_timer_set(fd, now - 5), 0);
	ms = readable_after(fd, 1000);
	CHECK(ms >= 0 && ms < 500);

	/* disarmed */
	CHECK_INT(clock_timer_set(fd, -1), 0);
	CHECK_INT(readable_after(fd, 100), -1);
	close(fd);

	/* scaled: 10 s at 100x is 100 ms of real time */
	setenv("LIMBER_TIME_SCALE", "100", 1);
	CHECK_INT(clock_init(&err), 0);
	fd = clock_timer_open();
	CHECK(fd >= 0);
	now = clock_read();
	CHECK_INT(clock_timer_set(fd, now + 10000), 0);
	ms = readable_after(fd, 3000);
	CHECK(ms >= 99 && ms < 1000);
	CHECK(clock_read() >= now + 10000);
	close(fd);
	unsetenv("LIMBER_TIME_SCALE");
}

/* LIMBER_NOW: the instant it names, with or without seconds, in any of the
 * offsets the history takes; a value it cannot read is an error. */
static void
test_now(void)
{
	char *err = NULL;
	time_t t;

	CHECK_INT(clock_parse_iso("2026-12-01T07:00:00+01:00", &t), 0);
	CHECK_INT(t, 1796104800);	/* 06:00 UTC */
	CHECK_INT(clock_parse_iso("2026-12-01T06:00Z", &t), 0);
	CHECK_INT(t, 1796104800);
	CHECK_INT(clock_parse_iso("2026-12-01T01:30:00-0430", &t), 0);
	CHECK_INT(t, 1796104800);
	CHECK_INT(clock_parse_iso("2026-12-01", &t), -1);
	CHECK_INT(clock_parse_iso("2026-12-01T07:00:00+01:00x", &t), -1);
	CHECK_INT(clock_parse_iso("tomorrow", &t), -1);

	setenv("LIMBER_NOW", "2026-12-01T07:00:00+01:00", 1);
	CHECK_INT(clock_wall_init(&err), 0);
	CHECK_INT(clock_wall(), 1796104800);
	setenv("LIMBER_NOW", "2026-13-01T07:00:00Z", 1);
	CHECK_INT(clock_wall_init(&err), -1);
	CHECK(err != NULL && strstr(err, "2026-13-01") != NULL);
	free(err);
	unsetenv("LIMBER_NOW");
	CHECK_INT(clock_wall_init(&err), 0);
	CHECK(clock_wall() > 1796104800 || clock_wall() < 1796104800);
}

int
main(void)
{
	TEST_RUN(test_now);
	TEST_RUN(test_scale);
	TEST_RUN(test_timer);
	return t_done();
}
