/* csvtext.c - UTF-8 without control characters, byte by byte. */
#include "config.h"

#include <string.h>

#include "core/csvtext.h"
#include "core/util.h"

static enum csvtext_verdict
refuse(struct csvtext *t, enum csvtext_verdict v, unsigned char what,
       long line, long col, unsigned char *bad, long *at_line, long *at_col)
{
	t->need = 0;
	*bad = what;
	*at_line = line;
	*at_col = col;
	return v;
}

enum csvtext_verdict
csvtext_byte(struct csvtext *t, unsigned char c, long line, long col,
	     unsigned char *bad, long *at_line, long *at_col)
{
	if (t->need > 0) {
		if (c < t->lo || c > t->hi)
			return refuse(t, CSVTEXT_BAD, t->lead, t->line, t->col,
				      bad, at_line, at_col);
		if (t->lead == 0xc2 && c < 0xa0)
			return refuse(t, CSVTEXT_C1, c, t->line, t->col, bad,
				      at_line, at_col);
		t->need--;
		t->lo = 0x80;
		t->hi = 0xbf;
		return CSVTEXT_OK;
	}
	if ((c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r')
		return CSVTEXT_OK;
	t->lo = 0x80;
	t->hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf) {
		t->need = 1;
	} else if (c >= 0xe0 && c <= 0xef) {
		t->need = 2;
		if (c == 0xe0)
			t->lo = 0xa0;	/* overlong */
		else if (c == 0xed)
			t->hi = 0x9f;	/* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		t->need = 3;
		if (c == 0xf0)
			t->lo = 0x90;	/* overlong */
		else if (c == 0xf4)
			t->hi = 0x8f;	/* above U+10FFFF */
	} else {
		/* C0 controls, DEL, and bytes no UTF-8 sequence starts with */
		return refuse(t, CSVTEXT_BAD, c, line, col, bad, at_line,
			      at_col);
	}
	t->lead = c;
	t->line = line;
	t->col = col;
	return CSVTEXT_OK;
}

char *
csvtext_message(enum csvtext_verdict v, unsigned char c, int cp1252,
		int *told)
{
	char ch[5];

	if (v == CSVTEXT_C1)
		return xasprintf("not text: control character U+%04X",
				 (unsigned)c);
	if (c == 0)
		return xstrdup("not text: byte 0x00 (NUL)");
	if (c < 0x20 || c == 0x7f)
		return xasprintf("not text: control byte 0x%02x", (unsigned)c);
	if (!cp1252)
		return xasprintf("not UTF-8 text: byte 0x%02x", (unsigned)c);
	/* never a silent guess: named as it would be in Windows-1252 */
	csvtext_cp1252_char(c, ch);
	if (*told)
		return xasprintf("not UTF-8 text: byte 0x%02x (\"%s\" in "
				 "Windows-1252)", (unsigned)c, ch);
	*told = 1;
	return xasprintf("not UTF-8 text: byte 0x%02x (\"%s\""
			 CSVTEXT_CP1252_SAYS, (unsigned)c, ch);
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
csvtext_cp1252(const char *buf, size_t n)
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
csvtext_cp1252_char(unsigned char c, char out[5])
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

size_t
csvtext_bom(const unsigned char *buf, size_t n)
{
	return n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}
