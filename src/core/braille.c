/* braille.c - a bitmap of dots drawn as Unicode braille. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/braille.h"
#include "core/util.h"

void
braille_init(struct braille *b, int w, int h)
{
	if (w < 2)
		w = 2;
	if (h < 4)
		h = 4;
	if (w > BRAILLE_MAX_W)
		w = BRAILLE_MAX_W;
	if (h > BRAILLE_MAX_H)
		h = BRAILLE_MAX_H;
	b->w = (w + 1) / 2 * 2;
	b->h = (h + 3) / 4 * 4;
	b->dot = xcalloc((size_t)b->w * (size_t)b->h, 1);
}

void
braille_free(struct braille *b)
{
	free(b->dot);
	b->dot = NULL;
	b->w = b->h = 0;
}

void
braille_clear(struct braille *b)
{
	memset(b->dot, 0, (size_t)b->w * (size_t)b->h);
}

int
braille_cols(const struct braille *b)
{
	return b->w / 2;
}

int
braille_rows(const struct braille *b)
{
	return b->h / 4;
}

void
braille_set(struct braille *b, int x, int y)
{
	if (x >= 0 && y >= 0 && x < b->w && y < b->h)
		b->dot[(size_t)y * (size_t)b->w + (size_t)x] = 1;
}

bool
braille_get(const struct braille *b, int x, int y)
{
	return x >= 0 && y >= 0 && x < b->w && y < b->h &&
	       b->dot[(size_t)y * (size_t)b->w + (size_t)x];
}

void
braille_line(struct braille *b, int x0, int y0, int x1, int y1)
{
	/* Bresenham, every octant: the error term picks the nearer dot */
	int dx = abs(x1 - x0), dy = -abs(y1 - y0);
	int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
	int err = dx + dy;

	for (;;) {
		int e2 = 2 * err;

		braille_set(b, x0, y0);
		if (x0 == x1 && y0 == y1)
			return;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

void
braille_circle(struct braille *b, int cx, int cy, int r)
{
	/* the midpoint circle, one octant mirrored into all eight */
	int x = r, y = 0, err = 1 - r;

	if (r <= 0) {
		braille_set(b, cx, cy);
		return;
	}
	while (x >= y) {
		braille_set(b, cx + x, cy + y);
		braille_set(b, cx - x, cy + y);
		braille_set(b, cx + x, cy - y);
		braille_set(b, cx - x, cy - y);
		braille_set(b, cx + y, cy + x);
		braille_set(b, cx - y, cy + x);
		braille_set(b, cx + y, cy - x);
		braille_set(b, cx - y, cy - x);
		y++;
		if (err < 0) {
			err += 2 * y + 1;
		} else {
			x--;
			err += 2 * (y - x) + 1;
		}
	}
}

void
braille_mirror(struct braille *b)
{
	for (int y = 0; y < b->h; y++) {
		unsigned char *row = b->dot + (size_t)y * (size_t)b->w;

		for (int i = 0, j = b->w - 1; i < j; i++, j--) {
			unsigned char t = row[i];

			row[i] = row[j];
			row[j] = t;
		}
	}
}

void
braille_flip(struct braille *b)
{
	size_t w = (size_t)b->w;
	unsigned char *t = xmalloc(w);

	for (int i = 0, j = b->h - 1; i < j; i++, j--) {
		memcpy(t, b->dot + (size_t)i * w, w);
		memcpy(b->dot + (size_t)i * w, b->dot + (size_t)j * w, w);
		memcpy(b->dot + (size_t)j * w, t, w);
	}
	free(t);
}

unsigned
braille_cell(const struct braille *b, int col, int row)
{
	/* bit of each dot, by [dot row][dot column] within the cell */
	static const unsigned char bit[4][2] = {
		{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
	};
	unsigned v = 0;

	for (int dy = 0; dy < 4; dy++)
		for (int dx = 0; dx < 2; dx++)
			if (braille_get(b, col * 2 + dx, row * 4 + dy))
				v |= bit[dy][dx];
	return 0x2800 + v;
}

char *
braille_row_text(const struct braille *b, int row, bool trim)
{
	struct strbuf s = { 0 };
	size_t keep = 0;

	strbuf_add(&s, "", 0);
	for (int col = 0; col < braille_cols(b); col++) {
		unsigned cp = braille_cell(b, col, row);

		if (cp == 0x2800) {
			strbuf_addc(&s, ' ');
			continue;
		}
		/* U+2800-U+28FF in UTF-8: E2 A0-A3 80-BF */
		strbuf_addc(&s, (char)0xe2);
		strbuf_addc(&s, (char)(0x80 | (cp >> 6 & 0x3f)));
		strbuf_addc(&s, (char)(0x80 | (cp & 0x3f)));
		keep = s.len;
	}
	if (trim) {
		s.len = keep;
		s.s[keep] = '\0';
	}
	return strbuf_take(&s);
}
