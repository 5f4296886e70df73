/* csvsniff.c - a spreadsheet's separator and encoding, from its bytes. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "core/csvsniff.h"

static const char candidates[] = { ',', ';', '\t' };

const char *
csvsniff_separator_name(char sep)
{
	switch (sep) {
	case ';': return "semicolon";
	case '\t': return "tab";
	default: return "comma";
	}
}

static int
is_sep(char c)
{
	return memchr(candidates, c, sizeof candidates) != NULL;
}

/* Is [s, e) empty, or only separators and blanks? */
static int
only_padding(const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s != ' ' && !is_sep(*s))
			return 0;
	return 1;
}

/* Is the field [s, e), trimmed of blanks and quotes, word, or word and a
 * unit ("Exercise (name)")? */
static int
field_is(const char *s, const char *e, const char *word)
{
	size_t n = strlen(word);

	while (s < e && (*s == ' ' || *s == '\t' || *s == '"'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '"'))
		e--;
	if ((size_t)(e - s) < n || strncasecmp(s, word, n) != 0)
		return 0;
	return s + n == e || strchr(" _([", s[n]) != NULL;
}

/* Split the line [s, e) at sep outside quotes: how many separators, and
 * whether a field is word. */
static size_t
split(const char *s, const char *e, char sep, const char *word, int *named)
{
	const char *field = s;
	size_t seps = 0;
	int quoted = 0;

	*named = 0;
	for (const char *p = s; p <= e; p++) {
		if (p < e && *p == '"') {
			quoted = !quoted;
		} else if (p == e || (*p == sep && !quoted)) {
			if (field_is(field, p, word))
				*named = 1;
			if (p < e)
				seps++;
			field = p + 1;
		}
	}
	return seps;
}

char
csvsniff_separator(const char *buf, size_t n, const char *word)
{
	const char *p = buf, *end = buf + n, *e;
	char best = ',';
	size_t best_seps = 0;
	int best_named = 0;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (;; p = e + 1) {
		if (p >= end)
			return ',';
		e = p;
		while (e < end && *e != '\n' && *e != '\r')
			e++;
		if (*p != '#' && !only_padding(p, e))
			break;
	}
	for (size_t i = 0; i < sizeof candidates; i++) {
		int named;
		size_t seps = split(p, e, candidates[i], word, &named);

		if (seps == 0)
			continue;
		if (named > best_named ||
		    (named == best_named && seps > best_seps)) {
			best = candidates[i];
			best_seps = seps;
			best_named = named;
		}
	}
	return best;
}

/* U+0080-U+009F in Windows-1252; 0 where it defines nothing. */
static const unsigned short cp1252_high[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

static unsigned
cp1252_code(unsigned char c)
{
	if (c < 0x80 || c >= 0xa0)
		return c;
	return cp1252_high[c - 0x80];
}

/* The length of the UTF-8 sequence of two or more bytes at p, or 0. */
static size_t
utf8_sequence(const unsigned char *p, size_t n)
{
	size_t len = p[0] >= 0xc2 && p[0] <= 0xdf ? 2
		   : p[0] >= 0xe0 && p[0] <= 0xef ? 3
		   : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : 0;

	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

int
csvsniff_cp1252(const char *buf, size_t n)
{
	const unsigned char *u = (const unsigned char *)buf;
	int high = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = u[i];

		/* UTF-8 with a bad byte is damaged UTF-8, not Windows-1252 */
		if (c >= 0x80 && utf8_sequence(u + i, n - i) > 0)
			return 0;

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f || cp1252_code(c) == 0)
			return 0;
		if (c >= 0x80)
			high = 1;
	}
	return high;
}

void
csvsniff_cp1252_char(unsigned char c, char out[5])
{
	unsigned u = cp1252_code(c);

	memset(out, 0, 5);
	if (u < 0x80)
		return;
	if (u < 0x800) {
		out[0] = (char)(0xc0 | (u >> 6));
		out[1] = (char)(0x80 | (u & 0x3f));
	} else {
		out[0] = (char)(0xe0 | (u >> 12));
		out[1] = (char)(0x80 | ((u >> 6) & 0x3f));
		out[2] = (char)(0x80 | (u & 0x3f));
	}
}
