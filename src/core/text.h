/* text.h - text as a terminal shows it: display widths, clock-style
 * durations, plurals.
 *
 * Widths follow wcwidth(3) in the current locale (call setlocale first):
 * a CJK character takes two columns, a combining mark none.  A control
 * character, a byte that is not part of valid UTF-8 and a character the
 * locale cannot show take one column each: what the front ends draw for
 * them is one stand-in character. */
#ifndef LIMBER_TEXT_H
#define LIMBER_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* One UTF-8 character at s (not at its NUL): its length in bytes (>= 1)
 * and code point, U+FFFD for a malformed sequence (which then counts one
 * byte). */
size_t text_next_char(const char *s, uint32_t *cp);
/* Columns the character cp takes. */
int text_char_width(uint32_t cp);
/* Columns the UTF-8 string s takes. */
int text_width(const char *s);

/* seconds as "m:ss", or "h:mm:ss" from an hour up ("0:05", "11:20",
 * "1:02:03"); a negative count as 0.  Writes at most n bytes (NUL
 * included) into buf; returns buf. */
char *text_clock(char *buf, size_t n, long seconds);
#define TEXT_CLOCK_BUF 32

/* An ASCII stand-in for the character cp, for a terminal that cannot show
 * it (a locale that is not UTF-8): "e" for U+00E9, "-" for U+2013, "->"
 * for U+2192, "..." for U+2026; NULL when there is none (cp is ASCII, or
 * not a Latin letter or common punctuation).  At most 3 bytes. */
const char *text_ascii(uint32_t cp);

/* one when n is 1, else many. */
const char *text_plural(long n, const char *one, const char *many);

#endif
