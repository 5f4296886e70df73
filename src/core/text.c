/* text.c - display widths, durations, plurals. */
#include "config.h"

#include <stdio.h>
#include <wchar.h>

#include "core/text.h"

size_t
text_next_char(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	uint32_t c;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		len = 2;
		c = u[0] & 0x1f;
	} else if ((u[0] & 0xf0) == 0xe0) {
		len = 3;
		c = u[0] & 0x0f;
	} else if ((u[0] & 0xf8) == 0xf0) {
		len = 4;
		c = u[0] & 0x07;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	*cp = c;
	return len;
}

int
text_char_width(uint32_t cp)
{
	int w;

	if (cp < 0x80 || cp == 0xfffd)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
text_width(const char *s)
{
	int w = 0;

	while (*s != '\0') {
		uint32_t cp;

		s += text_next_char(s, &cp);
		w += text_char_width(cp);
	}
	return w;
}

char *
text_clock(char *buf, size_t n, long seconds)
{
	long s = seconds < 0 ? 0 : seconds;

	if (s >= 3600)
		snprintf(buf, n, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
			 s % 60);
	else
		snprintf(buf, n, "%ld:%02ld", s / 60, s % 60);
	return buf;
}

const char *
text_plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}
