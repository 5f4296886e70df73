/* clock.h - the front ends' one clock: monotonic, optionally sped up.
 *
 * Only front ends (main loops) call this, once per pass; the logic is
 * handed the time.  LIMBER_TIME_SCALE=K runs every clock K times faster
 * (1 to 100000), a testing hook documented as such. */
#ifndef LIMBER_CLOCK_H
#define LIMBER_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define CLOCK_SCALE_MAX 100000

/* Reads LIMBER_TIME_SCALE.  Returns 0, or -1 with *err (new string) when
 * the value is not a whole number from 1 to CLOCK_SCALE_MAX. */
int clock_init(char **err);
long clock_scale(void);
/* Read the monotonic clock: scaled milliseconds since clock_init. */
int64_t clock_read(void);
/* Real time to wait from the last clock_read until deadline_ms (scaled),
 * rounded up so a wake-up is never early; zero if it has passed. */
void clock_until(int64_t deadline_ms, struct timespec *ts);
/* A timer descriptor to wait on with poll: with it the kernel wakes the
 * program within its timer slack (50 us) of a deadline, where a poll
 * timeout may end late by 0.1 % of its length (1 ms in a 1 s wait).
 * Returns the descriptor (non-blocking, close-on-exec), or -1 (errno):
 * then wait with clock_until's timeout. */
int clock_timer_open(void);
/* Make fd readable at deadline_ms, an absolute time on the scaled clock
 * (at once when it has passed); a negative deadline disarms it.  Returns
 * 0, or -1 (errno). */
int clock_timer_set(int fd, int64_t deadline_ms);
/* The CLOCK_MONOTONIC time, in ns, at which the scaled clock reaches
 * t_ms: for a sound thread that places a cue on its own clock. */
int64_t clock_mono_ns(int64_t t_ms);
/* Wall-clock time now, for timestamps and calendar days (not for timing):
 * the one place limber reads it.  Logic is handed what it returns. */
time_t clock_wall(void);
/* Reads LIMBER_NOW=ISO-8601 (a testing hook): when set, clock_wall returns
 * that instant, standing still, for the whole run.  Call once at start-up.
 * Returns 0, or -1 with *err (new string) when the value cannot be read. */
int clock_wall_init(char **err);
/* YYYY-MM-DDTHH:MM[:SS] followed by Z, +HH, +HHMM, +HH:MM (or '-'), or by
 * nothing (local time).  Returns 0 and sets *out, or -1. */
int clock_parse_iso(const char *s, time_t *out);

#endif
