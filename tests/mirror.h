/* mirror.h - a braille cell as seen in a mirror, for the tests.
 *
 * Worked out from the Unicode dot numbers (1 2 3 7 down a cell's left
 * column, 4 5 6 8 down its right; dot n is bit n-1 above U+2800), not from
 * the canvas code it checks. */
#ifndef LIMBER_TESTS_MIRROR_H
#define LIMBER_TESTS_MIRROR_H

/* The cell cp with its dots moved: bit b to bit to[b]. */
static inline unsigned
move_dots(unsigned cp, const int to[8])
{
	unsigned v = cp - 0x2800, m = 0;

	for (int b = 0; b < 8; b++)
		if (v & (1u << b))
			m |= 1u << to[b];
	return 0x2800 + m;
}

/* Left to right: dots 1-4, 2-5, 3-6 and 7-8 change places. */
static inline unsigned
mirror_cell(unsigned cp)
{
	static const int to[8] = { 3, 4, 5, 0, 1, 2, 7, 6 };

	return move_dots(cp, to);
}

/* Upside down: dots 1-7, 2-3, 4-8, 5-6 change places. */
static inline unsigned
flip_cell(unsigned cp)
{
	static const int to[8] = { 6, 2, 1, 7, 5, 4, 0, 3 };

	return move_dots(cp, to);
}

/* The code points of a line of UTF-8 text, a space as the blank cell
 * U+2800; at most max of them.  Returns how many. */
static inline size_t
mirror_decode(const char *s, unsigned *cp, size_t max)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p && n < max;) {
		if (*p < 0x80) {
			cp[n++] = *p == ' ' ? 0x2800 : *p;
			p++;
		} else if ((*p & 0xe0) == 0xc0 && p[1]) {
			cp[n++] = ((unsigned)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
			p += 2;
		} else if ((*p & 0xf0) == 0xe0 && p[1] && p[2]) {
			cp[n++] = ((unsigned)(p[0] & 0x0f) << 12) |
				  ((unsigned)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
			p += 3;
		} else {
			cp[n++] = 0xfffd;
			p++;
		}
	}
	return n;
}

#endif
