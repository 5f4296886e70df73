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

/* U+00C0-U+00FF and U+0100-U+017F, letter for letter without the accent;
 * the few that become two letters are picked out in text_ascii. */
static const char latin1[] =
	"AAAAAAACEEEEIIII" "DNOOOOOxOUUUUYTs"
	"aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";
static const char latin_ext_a[] =
	"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi"
	"IiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

static const struct {
	uint32_t cp;
	const char *ascii;
} ascii_more[] = {
	{ 0x00a0, " " }, { 0x00a1, "!" }, { 0x00a2, "c" }, { 0x00a9, "(c)" },
	{ 0x00ab, "<<" }, { 0x00ad, "-" }, { 0x00ae, "(R)" }, { 0x00b0, "deg" },
	{ 0x00b1, "+-" }, { 0x00b2, "2" }, { 0x00b3, "3" }, { 0x00b5, "u" },
	{ 0x00b7, "." }, { 0x00b9, "1" }, { 0x00bb, ">>" }, { 0x00bc, "1/4" },
	{ 0x00bd, "1/2" }, { 0x00be, "3/4" }, { 0x00bf, "?" },
	{ 0x00c6, "AE" }, { 0x00de, "Th" }, { 0x00df, "ss" }, { 0x00e6, "ae" },
	{ 0x00fe, "th" }, { 0x0132, "IJ" }, { 0x0133, "ij" }, { 0x0149, "'n" },
	{ 0x0152, "OE" }, { 0x0153, "oe" },
	{ 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "-" }, { 0x2013, "-" },
	{ 0x2014, "-" }, { 0x2015, "-" }, { 0x2018, "'" }, { 0x2019, "'" },
	{ 0x201a, "," }, { 0x201c, "\"" }, { 0x201d, "\"" }, { 0x201e, "\"" },
	{ 0x2022, "*" }, { 0x2026, "..." }, { 0x2032, "'" }, { 0x2033, "\"" },
	{ 0x2039, "<" }, { 0x203a, ">" }, { 0x2190, "<-" }, { 0x2191, "^" },
	{ 0x2192, "->" }, { 0x2193, "v" }, { 0x2212, "-" }, { 0x2264, "<=" },
	{ 0x2265, ">=" },
};

const char *
text_ascii(uint32_t cp)
{
	/* one letter each, as strings without a table of 192 of them */
	static char one[sizeof latin1 + sizeof latin_ext_a][2];

	for (size_t i = 0; i < sizeof ascii_more / sizeof ascii_more[0]; i++)
		if (ascii_more[i].cp == cp)
			return ascii_more[i].ascii;
	if (cp >= 0xc0 && cp < 0xc0 + sizeof latin1 - 1) {
		size_t i = cp - 0xc0;

		one[i][0] = latin1[i];
		return one[i];
	}
	if (cp >= 0x100 && cp < 0x100 + sizeof latin_ext_a - 1) {
		size_t i = sizeof latin1 - 1 + (cp - 0x100);

		one[i][0] = latin_ext_a[cp - 0x100];
		return one[i];
	}
	return NULL;
}
