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

size_t
csvsniff_unpadded(const char *text, char sep)
{
	size_t n = strlen(text);

	while (n > 0 && (text[n - 1] == sep || text[n - 1] == ' ' ||
			 text[n - 1] == '\t'))
		n--;
	return n;
}
