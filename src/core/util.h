/* util.h - allocation wrappers that abort on failure, small string helpers.
 *
 * Running out of memory is not a condition limber can report usefully, so
 * every allocation goes through these and aborts with a message instead of
 * returning NULL.  Everything a user can cause comes back as a value. */
#ifndef LIMBER_UTIL_H
#define LIMBER_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define ATTR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define ATTR_NORETURN __attribute__((noreturn))
#else
#define ATTR_PRINTF(f, a)
#define ATTR_NORETURN
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc for n elements of size, aborting on overflow */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) ATTR_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) ATTR_PRINTF(1, 0);

/* Grow *v (holding *n of *cap elements of size) so one more fits. */
void util_grow(void *v, size_t *cap, size_t n, size_t size);

/* A growable, always NUL-terminated string.  Zero-initialise to start. */
struct strbuf {
	char *s;
	size_t len;
	size_t cap;
};
void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_adds(struct strbuf *b, const char *s);
void strbuf_addc(struct strbuf *b, char c);
void strbuf_addf(struct strbuf *b, const char *fmt, ...) ATTR_PRINTF(2, 3);
/* Append n bytes of s for showing on a terminal: tab, CR and LF as \t, \r
 * and \n, every other control byte (C0, DEL, and C1 as UTF-8) and every
 * byte that is not part of valid UTF-8 as \xNN; the rest as it is. */
void strbuf_add_escaped(struct strbuf *b, const char *s, size_t n);
/* A copy of s that reads back as one line of text: CR and LF become
 * spaces, every other control byte but tab (C0, DEL, C1 as UTF-8) and every
 * byte that is not part of valid UTF-8 becomes '?'.  A new string. */
char *util_one_line_text(const char *s);
/* Hands the string to the caller (never NULL) and resets the buffer. */
char *strbuf_take(struct strbuf *b);
void strbuf_free(struct strbuf *b);

/* Parse a whole decimal number (optional leading '-') with nothing else
 * around it.  Returns UTIL_NUM_OK and sets *out, UTIL_NUM_BAD for anything
 * that is not a whole number ("", "two", "3abc", " 3", "1.5"), or
 * UTIL_NUM_RANGE when it is a whole number outside [lo, hi] (including
 * numbers too large for long). */
enum util_num { UTIL_NUM_OK, UTIL_NUM_BAD, UTIL_NUM_RANGE };
enum util_num util_parse_long(const char *s, long lo, long hi, long *out);

/* Case-insensitive ASCII comparison. */
int util_strcaseeq(const char *a, const char *b);
/* Does s end with suffix? */
int util_endswith(const char *s, const char *suffix);
/* Remove ASCII spaces and tabs from both ends, in place; returns s. */
char *util_trim(char *s);

/* Quote a value for a CSV field (RFC 4180): returns a new string, quoted
 * only when it contains a comma, quote, CR or LF, or starts or ends with a
 * space or tab (which a CSV reader trims from an unquoted field). */
char *util_csv_quote(const char *s);
/* A hash of n bytes for hash tables (FNV-1a): not for checking files. */
uint64_t util_hash(const void *p, size_t n);
/* Would util_csv_quote quote s? */
bool util_csv_needs_quotes(const char *s);

/* When buf (n bytes, the start of a file) begins with a UTF-16 or UTF-32
 * byte-order mark: a message naming the encoding and saying to save the
 * file as UTF-8 (a static string).  NULL otherwise. */
const char *util_bom_message(const void *buf, size_t n);

#endif
