/* util.c - allocation wrappers, strings, numbers. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

static void ATTR_NORETURN
out_of_memory(size_t n)
{
	fprintf(stderr, "limber: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		out_of_memory(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		out_of_memory(n);
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *p;

	/* a null format is a bug; saying so also keeps gcc 12 (-O1 with
	 * sanitizers) from warning that it might be one */
	if (fmt == NULL)
		abort();
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		abort();	/* a bad format string is a bug */
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void
util_grow(void *v, size_t *cap, size_t n, size_t size)
{
	void **vp = v;

	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 8;
	if (*cap <= n)
		*cap = n + 1;
	*vp = xreallocarray(*vp, *cap, size);
}

void
strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = xrealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
strbuf_adds(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void
strbuf_addc(struct strbuf *b, char c)
{
	strbuf_add(b, &c, 1);
}

void
strbuf_addf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_adds(b, p);
	free(p);
}

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 when there is
 * none: no overlong forms, no surrogates, nothing above U+10FFFF. */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		need = 1;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		need = 2;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		need = 3;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if (n <= need)
		return 0;
	for (size_t i = 1; i <= need; i++) {
		if (p[i] < lo || p[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
	}
	return need + 1;
}

static void
add_hex(struct strbuf *b, unsigned char c)
{
	static const char digits[] = "0123456789abcdef";
	char e[4] = { '\\', 'x', digits[c >> 4], digits[c & 0xf] };

	strbuf_add(b, e, sizeof e);
}

void
strbuf_add_escaped(struct strbuf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t k = utf8_seq(p + i, n - i);

		if (p[i] == '\t' || p[i] == '\n' || p[i] == '\r') {
			strbuf_adds(b, p[i] == '\t' ? "\\t" :
				    p[i] == '\n' ? "\\n" : "\\r");
			i++;
		} else if (k == 0 || p[i] < 0x20 || p[i] == 0x7f) {
			add_hex(b, p[i++]);
		} else if (p[i] == 0xc2 && p[i + 1] < 0xa0) {
			/* U+0080-U+009F: C1 controls, which some terminals
			 * obey (0x9b is CSI) */
			add_hex(b, p[i]);
			add_hex(b, p[i + 1]);
			i += 2;
		} else {
			strbuf_add(b, s + i, k);
			i += k;
		}
	}
}

char *
util_one_line_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	struct strbuf b = { 0 };

	strbuf_add(&b, "", 0);
	while (i < n) {
		size_t k = utf8_seq(p + i, n - i);

		if (p[i] == '\n' || p[i] == '\r') {
			strbuf_addc(&b, ' ');
			i++;
		} else if (p[i] == '\t') {
			strbuf_addc(&b, '\t');
			i++;
		} else if (k == 0 || p[i] < 0x20 || p[i] == 0x7f) {
			strbuf_addc(&b, '?');
			i++;
		} else if (p[i] == 0xc2 && p[i + 1] < 0xa0) {
			strbuf_addc(&b, '?');	/* a C1 control */
			i += 2;
		} else {
			strbuf_add(&b, s + i, k);
			i += k;
		}
	}
	return strbuf_take(&b);
}

char *
strbuf_take(struct strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
strbuf_free(struct strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

enum util_num
util_parse_long(const char *s, long lo, long hi, long *out)
{
	const char *p = s;
	char *end;
	long v;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return UTIL_NUM_BAD;
	for (const char *q = p; *q; q++)
		if (!isdigit((unsigned char)*q))
			return UTIL_NUM_BAD;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno == ERANGE || v < lo || v > hi)
		return UTIL_NUM_RANGE;
	*out = v;
	return UTIL_NUM_OK;
}

int
util_strcaseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

int
util_endswith(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

char *
util_trim(char *s)
{
	size_t n;
	char *p = s;

	while (*p == ' ' || *p == '\t')
		p++;
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

static int
is_csv_blank(char c)
{
	return c == ' ' || c == '\t';
}

bool
util_csv_needs_quotes(const char *s)
{
	size_t n = strlen(s);

	/* A CSV reader trims blanks around an unquoted field (libcsv
	 * does), so a field that starts or ends with one is quoted too. */
	return strpbrk(s, ",\"\r\n") != NULL ||
	       (n > 0 && (is_csv_blank(s[0]) || is_csv_blank(s[n - 1])));
}

uint64_t
util_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325u;	/* FNV-1a, 64 bits */

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3u;
	return h;
}

char *
util_csv_quote(const char *s)
{
	struct strbuf b = { 0 };

	if (!util_csv_needs_quotes(s))
		return xstrdup(s);
	strbuf_addc(&b, '"');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addc(&b, '"');
		strbuf_addc(&b, *s);
	}
	strbuf_addc(&b, '"');
	return strbuf_take(&b);
}

const char *
util_bom_message(const void *buf, size_t n)
{
	const unsigned char *p = buf;

	/* UTF-32 LE first: its mark starts with UTF-16 LE's. */
	if (n >= 4 && memcmp(p, "\xff\xfe\0\0", 4) == 0)
		return "UTF-32 LE text, not UTF-8 (it starts with a UTF-32 LE "
		       "byte-order mark): save it as UTF-8";
	if (n >= 4 && memcmp(p, "\0\0\xfe\xff", 4) == 0)
		return "UTF-32 BE text, not UTF-8 (it starts with a UTF-32 BE "
		       "byte-order mark): save it as UTF-8";
	if (n >= 2 && memcmp(p, "\xff\xfe", 2) == 0)
		return "UTF-16 LE text, not UTF-8 (it starts with a UTF-16 LE "
		       "byte-order mark): save it as UTF-8";
	if (n >= 2 && memcmp(p, "\xfe\xff", 2) == 0)
		return "UTF-16 BE text, not UTF-8 (it starts with a UTF-16 BE "
		       "byte-order mark): save it as UTF-8";
	return NULL;
}
