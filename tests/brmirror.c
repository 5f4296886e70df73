/* brmirror.c - for tests/figures.sh: is one screen's figure the other's
 * mirrored, cell by cell, or the same?
 *
 *   brmirror mirror|same COL WIDTH A B
 *   brmirror none COL WIDTH A
 *
 * A and B are captured screens (capture-pane).  The figure is in columns
 * [COL, COL + WIDTH) of each; every line where either has a braille dot
 * there must read, in B, as A's line backwards with each cell's dots
 * mirrored (or, for same, as A's line).  Exit 0 when so (and at least 3
 * such lines, so an empty screen does not pass), 1 otherwise, showing
 * both.  none: exit 0 when A has no braille dot in those columns. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mirror.h"

#define MAXW 512
#define MAXH 200

static size_t
load(const char *path, unsigned (*cell)[MAXW], int col, int width)
{
	FILE *fp = fopen(path, "r");
	char line[4 * MAXW];
	size_t rows = 0;

	if (fp == NULL) {
		perror(path);
		exit(2);
	}
	while (rows < MAXH && fgets(line, sizeof line, fp) != NULL) {
		unsigned cp[MAXW];
		size_t n;

		line[strcspn(line, "\n")] = '\0';
		n = mirror_decode(line, cp, MAXW);
		for (int i = 0; i < width; i++)
			cell[rows][i] = (size_t)(col + i) < n ? cp[col + i] : 0x2800;
		rows++;
	}
	fclose(fp);
	return rows;
}

static int
braille(unsigned cp)
{
	return cp > 0x2800 && cp <= 0x28ff;
}

static void
show(unsigned (*cell)[MAXW], size_t rows, int width)
{
	for (size_t r = 0; r < rows; r++) {
		putchar('|');
		for (int i = 0; i < width; i++) {
			unsigned c = cell[r][i];

			if (c == 0x2800)
				putchar(' ');
			else if (c < 0x80)
				putchar((int)c);
			else
				printf("%c%c%c", 0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f),
				       0x80 | (c & 0x3f));
		}
		puts("|");
	}
}

int
main(int argc, char **argv)
{
	static unsigned a[MAXH][MAXW], b[MAXH][MAXW];
	int col, width, lines = 0, bad = 0, same;
	size_t ra, rb;

	if (argc < 5 || argc != (strcmp(argv[1], "none") == 0 ? 5 : 6) ||
	    (col = atoi(argv[2])) < 0 || (width = atoi(argv[3])) <= 0 ||
	    width > MAXW || col + width > MAXW) {
		fprintf(stderr, "usage: brmirror mirror|same COL WIDTH A B, or none COL WIDTH A\n");
		return 2;
	}
	same = strcmp(argv[1], "same") == 0;
	if (strcmp(argv[1], "none") == 0) {
		ra = load(argv[4], a, col, width);
		for (size_t r = 0; r < ra; r++)
			for (int i = 0; i < width; i++)
				if (braille(a[r][i])) {
					printf("line %zu, column %d: a braille dot\n",
					       r + 1, col + i + 1);
					return 1;
				}
		return 0;
	}
	ra = load(argv[4], a, col, width);
	rb = load(argv[5], b, col, width);
	for (size_t r = 0; r < ra || r < rb; r++) {
		int any = 0;

		for (int i = 0; i < width; i++)
			any |= (r < ra && braille(a[r][i])) || (r < rb && braille(b[r][i]));
		if (!any)
			continue;
		lines++;
		for (int i = 0; i < width && !bad; i++) {
			unsigned l = r < ra ? a[r][i] : 0x2800;
			unsigned m = r < rb ? b[r][same ? i : width - 1 - i] : 0x2800;

			if (!same && l >= 0x2800 && l <= 0x28ff)
				l = mirror_cell(l);
			if (l != m) {
				printf("line %zu, column %d: not %s\n", r + 1,
				       col + i + 1, same ? "the same" : "mirrored");
				bad = 1;
			}
		}
	}
	if (lines < 3) {
		printf("only %d lines of a figure in columns %d-%d\n", lines, col + 1,
		       col + width);
		bad = 1;
	}
	if (bad) {
		printf("A:\n");
		show(a, ra, width);
		printf("B:\n");
		show(b, rb, width);
	}
	return bad;
}
