/* caldate.c - civil-date arithmetic, independent of the current TZ. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/caldate.h"

bool
caldate_leap_year(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
caldate_month_days(long y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				      30, 31 };

	return m == 2 && caldate_leap_year(y) ? 29 : days[m - 1];
}

/* Days from 0001-01-01 to y-m-d (y >= 1). */
static long
ordinal(long y, int m, int d)
{
	static const int before[12] = { 0, 31, 59, 90, 120, 151, 181, 212,
					243, 273, 304, 334 };
	long p = y - 1;

	return 365 * p + p / 4 - p / 100 + p / 400 + before[m - 1] +
	       (m > 2 && caldate_leap_year(y)) + d - 1;
}

long
caldate_day(long y, int m, int d)
{
	return ordinal(y, m, d) - ordinal(1970, 1, 1);
}

long
caldate_local_day(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return (long)(t / 86400);
	return caldate_day(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

int
caldate_weekday(long day)
{
	return (int)(((day % 7) + 7 + 3) % 7);
}

/* Through gmtime_r: day * 86400 is midnight UTC of that date. */
char *
caldate_format(long day, char buf[CALDATE_BUF])
{
	time_t t = (time_t)day * 86400;
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL) {
		strcpy(buf, "(unknown)");
		return buf;
	}
	snprintf(buf, CALDATE_BUF, "%04d-%02d-%02d", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday);
	return buf;
}
