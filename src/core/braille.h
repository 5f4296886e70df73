/* braille.h - a bitmap of dots drawn as Unicode braille (U+2800-U+28FF).
 *
 * Each character cell holds a 2x4 grid of dots, so a canvas of w x h dots
 * is w/2 columns by h/4 rows of text.  Plain C: lines, circles and a
 * horizontal mirror on the dots, then text a screen or a terminal can
 * print.  The mirror works on the dots themselves, after drawing, so a
 * mirrored picture is exactly the original read right to left (drawing
 * the mirrored coordinates again could round a slanted line differently).
 *
 * Dots are numbered as Unicode does: in a cell, column 0 holds dots 1, 2,
 * 3, 7 from the top and column 1 dots 4, 5, 6, 8; dot n is bit n-1 of the
 * code point's offset from U+2800. */
#ifndef LIMBER_BRAILLE_H
#define LIMBER_BRAILLE_H

#include <stdbool.h>
#include <stddef.h>

/* Largest canvas, in dots: a 200x60 window holds 400x240. */
#define BRAILLE_MAX_W 400
#define BRAILLE_MAX_H 240

struct braille {
	int w, h;		/* dots; w a multiple of 2, h of 4 */
	unsigned char *dot;	/* w * h, row by row, 0 or 1; owned */
};

/* A blank canvas; w and h are rounded up to whole cells and capped at the
 * maximum. */
void braille_init(struct braille *b, int w, int h);
void braille_free(struct braille *b);
void braille_clear(struct braille *b);
int braille_cols(const struct braille *b);	/* w / 2 */
int braille_rows(const struct braille *b);	/* h / 4 */

/* Set one dot; dots outside the canvas are ignored, so shapes clip. */
void braille_set(struct braille *b, int x, int y);
bool braille_get(const struct braille *b, int x, int y);
/* A straight line from (x0, y0) to (x1, y1), both ends included. */
void braille_line(struct braille *b, int x0, int y0, int x1, int y1);
/* The outline of a circle of radius r (r 0: one dot). */
void braille_circle(struct braille *b, int cx, int cy, int r);
/* Flip the dots left to right. */
void braille_mirror(struct braille *b);
/* Flip the dots top to bottom (the other side of a picture seen from
 * above). */
void braille_flip(struct braille *b);

/* The code point of the cell at (col, row): U+2800 plus its dots. */
unsigned braille_cell(const struct braille *b, int col, int row);
/* One row of text, braille_cols(b) cells: a blank cell is a space and the
 * rest are braille characters in UTF-8.  With trim, trailing blanks are
 * left out.  A new string. */
char *braille_row_text(const struct braille *b, int row, bool trim);

#endif
