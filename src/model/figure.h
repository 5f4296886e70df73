/* figure.h - pictures of exercises: the figure format (version 1), its
 * loading and validation, the shipped and the user's figures, and
 * drawing a keyframe on a braille canvas.
 *
 * A figure is a stick figure on a small grid of dots: named joints placed
 * in one to three keyframes, limbs drawn as lines between joints, a head
 * as a circle round a joint, and a floor or a wall.  The format is in the
 * README ("Figures") and limber(1).  Loading reports every problem of a
 * file compiler-style (file:line:col) into a diag_list and returns NULL
 * when any of them is an error.
 *
 * Figures are drawn for the left side (or for no side); the right side is
 * the same picture mirrored left to right, or for a view from above
 * (`mirror updown`) top to bottom. */
#ifndef LIMBER_FIGURE_H
#define LIMBER_FIGURE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/braille.h"
#include "core/diag.h"

#define FIGURE_W_MIN 8		/* the grid, in braille dots */
#define FIGURE_W_MAX 120
#define FIGURE_H_MIN 8
#define FIGURE_H_MAX 60
#define FIGURE_FRAMES_MAX 3
#define FIGURE_JOINTS_MAX 32
#define FIGURE_SHAPES_MAX 64
#define FIGURE_SHARE_MAX 9
#define FIGURE_RADIUS_MAX 8
#define FIGURE_NAMES_MAX 16	/* `exercise` lines */

struct figure_point {
	int x, y;
};

enum figure_shape_kind { FIGURE_LINE, FIGURE_HEAD };

struct figure_shape {
	enum figure_shape_kind kind;
	int a, b;		/* joint indices; a head uses a only */
	int r;			/* a head's radius */
};

struct figure_frame {
	char *name;
	int share;		/* its part of a repetition, 1-9 */
	struct figure_point at[FIGURE_JOINTS_MAX];	/* by joint index */
};

struct figure {
	char *name;		/* the file name without .fig */
	char *path;
	int w, h;		/* the grid, in dots */
	int floor_y;		/* -1 when there is no floor */
	int wall_x;		/* -1 when there is no wall */
	bool flip;		/* `mirror updown`: the right side is the picture
				 * upside down (a view from above), not mirrored */
	bool loop;		/* `loop`: the frames take turns a second each
				 * for as long as a step lasts (walking) */
	char *rest;		/* `rest NAME`: the figure shown during this
				 * exercise's rests (a walk between runs), or NULL */
	long rest_line, rest_col;	/* where it is named */
	char *joint[FIGURE_JOINTS_MAX];
	size_t njoints;
	struct figure_shape shape[FIGURE_SHAPES_MAX];
	size_t nshapes;
	struct figure_frame frame[FIGURE_FRAMES_MAX];
	size_t nframes;
	char *exercise[FIGURE_NAMES_MAX];	/* other exercises it shows */
	size_t nexercises;
};

/* Load and validate a figure file; name may be NULL (from the path). */
struct figure *figure_load(const char *path, const char *name,
			   struct diag_list *d);
/* The same for text in memory; path is used in diagnostics only. */
struct figure *figure_parse(const char *buf, size_t len, const char *path,
			    const char *name, struct diag_list *d);
void figure_free(struct figure *f);

/* Letters, digits, '-' and '_', 1 to 64 of them, not starting with '-'
 * (a figure's and a joint's name). */
bool figure_valid_name(const char *s);
/* The figure name an exercise matches by default: its letters and digits
 * in lower case, apostrophes dropped, every other run of characters a
 * single '-' ("Child's pose" -> "childs-pose").  A new string. */
char *figure_slug(const char *exercise);

/* The keyframe to show in second `second` (from 0) of a repetition lasting
 * `seconds`: each frame holds its share of the repetition, in whole
 * seconds, so the picture changes only when the countdown does; for a
 * `loop` figure the frames take turns, one a second. */
size_t figure_frame_at(const struct figure *f, int second, int seconds);

/* The largest scale (1-8) at which the figure fits in cols x rows
 * character cells; 0 when it does not fit at all. */
int figure_fit(const struct figure *f, int cols, int rows);
/* Draw keyframe `frame` at `scale` (each grid dot becomes scale x scale
 * dots) onto b, which figure_draw sizes (braille_init; free it with
 * braille_free); right: as the right side sees it. */
void figure_draw(const struct figure *f, size_t frame, int scale, bool right,
		 struct braille *b);

/* The figure files in effect, by name: every *.fig of the user's folder,
 * then the shipped ones that no user's file of the same name replaces.
 * Either folder may be NULL or missing.  fn is called once per file. */
void figure_scan(const char *user_dir, const char *shipped_dir,
		 void (*fn)(void *ud, const char *path, const char *name,
			    bool user),
		 void *ud);

/* The figures of figure_scan, loaded; a file with errors is left out (its
 * diagnostics are in d), so a user's broken figure hides the shipped one
 * of its name until it is fixed, as a user's routine does. */
struct figure_lib {
	struct figure **v;	/* sorted by name */
	size_t n, cap;
};

void figure_lib_load(struct figure_lib *lib, const char *user_dir,
		     const char *shipped_dir, struct diag_list *d);
/* figure_lib_load with the paths module's folders. */
void figure_lib_load_default(struct figure_lib *lib, struct diag_list *d);
void figure_lib_free(struct figure_lib *lib);
/* `limber check` of the figures' rest lines: a warning where a rest names
 * a figure lib does not have.  Returns the warnings added. */
size_t figure_lib_check_rests(const struct figure_lib *lib,
			      struct diag_list *d);
/* The figure of this name, or NULL. */
const struct figure *figure_lib_get(const struct figure_lib *lib,
				    const char *name);
/* Does a figure called name fit an exercise whose slug is slug: the same
 * name, or one that the slug starts with, then a '-' ("run" fits
 * "run-walk-15-s-run")?  figure_lib_match's rule for names. */
bool figure_slug_fits(const char *slug, const char *name);
/* The figure an exercise shows: the one named (a routine's `figure`
 * column; NULL or "" for none), else the one named by the exercise's slug,
 * else one listing the exercise on an `exercise` line, else the one with
 * the longest name that the slug starts with, then a '-' ("Run-walk: 15 s
 * run" shows run).  NULL when none. */
const struct figure *figure_lib_match(const struct figure_lib *lib,
				      const char *figure, const char *exercise);

#endif
