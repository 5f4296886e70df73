/* caldate.h - civil (proleptic Gregorian) dates as day numbers.
 *
 * A day number counts days since 1970-01-01 (negative before it), so that
 * dates compare and subtract as numbers whatever the time zone. */
#ifndef LIMBER_CALDATE_H
#define LIMBER_CALDATE_H

#include <stdbool.h>
#include <time.h>

bool caldate_leap_year(long y);
/* Days in month m (1-12) of year y. */
int caldate_month_days(long y, int m);
/* The day number of y-m-d (y >= 1, m 1-12, d 1-31). */
long caldate_day(long y, int m, int d);
/* The local calendar day of t (localtime_r), as a day number. */
long caldate_local_day(time_t t);
/* Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday). */
int caldate_weekday(long day);

#define CALDATE_BUF 40	/* room for any int fields, to keep snprintf quiet */
/* "2026-11-02" for a day number, "(unknown)" outside the calendar;
 * returns buf. */
char *caldate_format(long day, char buf[CALDATE_BUF]);

#endif
