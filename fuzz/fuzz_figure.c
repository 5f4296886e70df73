/* fuzz_figure.c - libFuzzer harness for the figure reader.
 *
 * The input is a figure file.  Beyond "no crash, no leak, no undefined
 * behaviour": a figure that loads has its grid in range, one to three
 * frames with shares in range, every joint of every frame on the grid,
 * every line and head naming a joint; every diagnostic is on a line of the
 * file; and each frame drawn for the right side is the left one mirrored
 * (or flipped), dot for dot. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/braille.h"
#include "core/diag.h"
#include "model/figure.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_figure: broken promise: %s\n", what);
		abort();
	}
}

/* b and m are the same picture, m seen in a mirror (or upside down). */
static int
mirrored(const struct braille *b, const struct braille *m, bool flip)
{
	if (b->w != m->w || b->h != m->h)
		return 0;
	for (int y = 0; y < b->h; y++)
		for (int x = 0; x < b->w; x++)
			if (braille_get(b, x, y) !=
			    (flip ? braille_get(m, x, b->h - 1 - y)
				  : braille_get(m, b->w - 1 - x, y)))
				return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list d;
	struct figure *f;
	long lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	diag_init(&d);
	f = figure_parse((const char *)data, size, "fuzz.fig", NULL, &d);
	for (size_t i = 0; i < d.n; i++) {
		require(d.v[i].line >= 0 && d.v[i].line <= lines, "a diagnostic's line");
		free(diag_format(&d.v[i]));
	}
	require((f == NULL) == (d.errors > 0), "loaded exactly when no error");
	if (f != NULL) {
		require(f->w >= FIGURE_W_MIN && f->w <= FIGURE_W_MAX && f->w % 2 == 0 &&
			f->h >= FIGURE_H_MIN && f->h <= FIGURE_H_MAX && f->h % 4 == 0,
			"the grid");
		require(f->nframes >= 1 && f->nframes <= FIGURE_FRAMES_MAX, "frames");
		require(f->nshapes >= 1, "something to draw");
		for (size_t k = 0; k < f->nframes; k++) {
			require(f->frame[k].share >= 1 &&
				f->frame[k].share <= FIGURE_SHARE_MAX, "a share");
			for (size_t j = 0; j < f->njoints; j++)
				require(f->frame[k].at[j].x >= 0 && f->frame[k].at[j].x < f->w &&
					f->frame[k].at[j].y >= 0 && f->frame[k].at[j].y < f->h,
					"a joint on the grid");
		}
		for (size_t i = 0; i < f->nshapes; i++)
			require(f->shape[i].a >= 0 && (size_t)f->shape[i].a < f->njoints &&
				(f->shape[i].kind == FIGURE_HEAD ||
				 (f->shape[i].b >= 0 && (size_t)f->shape[i].b < f->njoints)),
				"a shape's joints");
		for (size_t k = 0; k < f->nframes; k++) {
			struct braille l, r;

			figure_draw(f, k, 1 + (int)(k % 2), false, &l);
			figure_draw(f, k, 1 + (int)(k % 2), true, &r);
			require(mirrored(&l, &r, f->flip), "the right side mirrors the left");
			braille_free(&l);
			braille_free(&r);
		}
		for (int s = 0; s < 12; s++)
			require(figure_frame_at(f, s, 12) < f->nframes, "a keyframe");
	}
	figure_free(f);
	diag_free(&d);
	return 0;
}
