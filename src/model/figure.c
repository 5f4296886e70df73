/* figure.c - the figure format (version 1): loading, validation and
 * drawing.  The folders figures come from are figlib.c's.
 *
 * A figure file is short lines of a keyword and its values; this module
 * reads them one by one, reporting each problem where it is and going on,
 * so one run of `limber check` shows all of them. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "model/figure.h"
#include "core/util.h"

/* A figure is a few dozen lines; anything much bigger is not one. */
#define FIGURE_MAX_BYTES (64L * 1024)
#define MAX_TOKENS 8

static const char keywords[] =
	"size, floor, wall, mirror, loop, rest, exercise, line, head, frame, joint";

/* A word of a line and where it starts. */
struct token {
	const char *s;
	size_t n;
	long col;
};

/* A joint named by a line or head before the first frame placed it: the
 * name is looked up once the whole file is read. */
struct ref {
	char *name;
	long line, col;
	size_t shape;
	int which;		/* 0: shape.a, 1: shape.b */
};

struct loader {
	const char *file;
	struct diag_list *d;
	struct figure *f;
	long line;
	bool have_size;
	bool seen_keyword;
	bool size_told;		/* the size line was missing at the start */
	bool have_mirror;
	bool have_loop;
	bool joint_used[FIGURE_JOINTS_MAX];
	bool in_frame[FIGURE_JOINTS_MAX];	/* placed in the current frame */
	struct ref *refs;
	size_t nrefs, refcap;
	bool too_many_shapes;
};

static void ATTR_PRINTF(3, 4)
error_at(struct loader *l, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(l->d, DIAG_ERROR, l->file, l->line, col, fmt, ap);
	va_end(ap);
}

static void ATTR_PRINTF(3, 4)
warning_at(struct loader *l, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(l->d, DIAG_WARNING, l->file, l->line, col, fmt, ap);
	va_end(ap);
}

static bool
tok_is(const struct token *t, const char *s)
{
	return strlen(s) == t->n && memcmp(t->s, s, t->n) == 0;
}

/* A token as a string for a message (cut when long). */
static char *
tok_str(const struct token *t)
{
	return xstrndup(t->s, t->n > 40 ? 40 : t->n);
}

bool
figure_valid_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '-')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return false;
	return true;
}

/* A whole number in [lo, hi] from a token, or an error naming what it is. */
static bool
tok_number(struct loader *l, const struct token *t, const char *what,
	   long lo, long hi, int *out)
{
	char *s = xstrndup(t->s, t->n);
	long v;
	enum util_num r = util_parse_long(s, lo, hi, &v);

	if (r != UTIL_NUM_OK) {
		char *shown = tok_str(t);

		error_at(l, t->col, "%s must be a whole number from %ld to %ld, got \"%s\"",
			 what, lo, hi, shown);
		free(shown);
		free(s);
		return false;
	}
	free(s);
	*out = (int)v;
	return true;
}

static bool
tok_name(struct loader *l, const struct token *t, const char *what,
	 char **out)
{
	char *s = xstrndup(t->s, t->n);

	if (!figure_valid_name(s)) {
		char *shown = tok_str(t);

		error_at(l, t->col, "%s \"%s\" is not a name: use letters, digits, '-' and '_' (at most 64)",
			 what, shown);
		free(shown);
		free(s);
		return false;
	}
	*out = s;
	return true;
}

static int
joint_index(const struct figure *f, const char *name)
{
	for (size_t i = 0; i < f->njoints; i++)
		if (strcmp(f->joint[i], name) == 0)
			return (int)i;
	return -1;
}

static bool
arity(struct loader *l, const struct token *t, size_t n, size_t lo, size_t hi,
      const char *usage)
{
	if (n - 1 >= lo && n - 1 <= hi)
		return true;
	error_at(l, n - 1 > hi ? t[hi + 1].col : t[0].col,
		 "%s: write it as \"%s\"", n - 1 > hi ? "too many values" :
		 "too few values", usage);
	return false;
}

/* ---- the keywords ------------------------------------------------------ */

static void
kw_size(struct loader *l, const struct token *t, size_t n)
{
	struct figure *f = l->f;
	int w, h;
	bool ok;

	if (l->have_size) {
		error_at(l, t[0].col, "a second size line: a figure has one grid");
		return;
	}
	l->have_size = true;
	if (!arity(l, t, n, 2, 2, "size WIDTH HEIGHT"))
		return;
	ok = tok_number(l, &t[1], "the width", FIGURE_W_MIN, FIGURE_W_MAX, &w);
	if (ok && w % 2 != 0) {
		error_at(l, t[1].col, "the width must be even (a character holds 2 dots across), got %d", w);
		ok = false;
	}
	if (ok)
		f->w = w;
	ok = tok_number(l, &t[2], "the height", FIGURE_H_MIN, FIGURE_H_MAX, &h);
	if (ok && h % 4 != 0) {
		error_at(l, t[2].col, "the height must be a multiple of 4 (a character holds 4 dots down), got %d", h);
		ok = false;
	}
	if (ok)
		f->h = h;
}

static void
kw_floor_wall(struct loader *l, const struct token *t, size_t n, bool floor)
{
	struct figure *f = l->f;
	int *slot = floor ? &f->floor_y : &f->wall_x;

	if (*slot >= 0) {
		error_at(l, t[0].col, "a second %s line: a figure has at most one",
			 floor ? "floor" : "wall");
		return;
	}
	if (!arity(l, t, n, 1, 1, floor ? "floor Y" : "wall X"))
		return;
	if (floor)
		tok_number(l, &t[1], "the floor's row", 0, f->h - 1, slot);
	else
		tok_number(l, &t[1], "the wall's column", 0, f->w - 1, slot);
}

static void
kw_mirror(struct loader *l, const struct token *t, size_t n)
{
	if (l->have_mirror) {
		error_at(l, t[0].col, "a second mirror line");
		return;
	}
	l->have_mirror = true;
	if (!arity(l, t, n, 1, 1, "mirror sideways|updown"))
		return;
	if (tok_is(&t[1], "updown")) {
		l->f->flip = true;
	} else if (!tok_is(&t[1], "sideways")) {
		char *shown = tok_str(&t[1]);

		error_at(l, t[1].col, "mirror must be \"sideways\" (the default: the right side is the picture left to right) or \"updown\" (a view from above), got \"%s\"",
			 shown);
		free(shown);
	}
}

static void
kw_loop(struct loader *l, const struct token *t, size_t n)
{
	if (l->have_loop) {
		error_at(l, t[0].col, "a second loop line");
		return;
	}
	l->have_loop = true;
	if (arity(l, t, n, 0, 0, "loop"))
		l->f->loop = true;
}

static void
kw_rest(struct loader *l, const struct token *t, size_t n)
{
	char *name;

	if (l->f->rest != NULL) {
		error_at(l, t[0].col, "a second rest line");
		return;
	}
	if (arity(l, t, n, 1, 1, "rest FIGURE") &&
	    tok_name(l, &t[1], "the rest's figure", &name)) {
		l->f->rest = name;
		l->f->rest_line = l->line;
		l->f->rest_col = t[1].col;
	}
}

static void
kw_exercise(struct loader *l, const struct token *t, const char *rest,
	    size_t n)
{
	struct figure *f = l->f;
	char *name = util_trim(xstrndup(rest, n));

	if (*name == '\0') {
		error_at(l, t[0].col, "exercise needs the name of an exercise this figure shows");
	} else if (f->nexercises == FIGURE_NAMES_MAX) {
		error_at(l, t[0].col, "more than %d exercise lines", FIGURE_NAMES_MAX);
	} else {
		f->exercise[f->nexercises++] = name;
		return;
	}
	free(name);
}

/* A line or head names joints: known ones now, the rest at the end. */
static void
add_ref(struct loader *l, const struct token *t, size_t shape, int which)
{
	char *name;
	struct ref *r;

	if (!tok_name(l, t, "joint", &name))
		return;
	util_grow(&l->refs, &l->refcap, l->nrefs, sizeof *l->refs);
	r = &l->refs[l->nrefs++];
	r->name = name;
	r->line = l->line;
	r->col = t->col;
	r->shape = shape;
	r->which = which;
}

static struct figure_shape *
new_shape(struct loader *l, const struct token *t, size_t *index)
{
	struct figure *f = l->f;

	if (f->nshapes == FIGURE_SHAPES_MAX) {
		if (!l->too_many_shapes)
			error_at(l, t->col, "more than %d lines and heads", FIGURE_SHAPES_MAX);
		l->too_many_shapes = true;
		return NULL;
	}
	*index = f->nshapes;
	return &f->shape[f->nshapes++];
}

static void
kw_line(struct loader *l, const struct token *t, size_t n)
{
	if (n < 3) {
		error_at(l, t[0].col, "too few joints: write it as \"line JOINT JOINT [JOINT...]\"");
		return;
	}
	/* a line through several joints is a segment between each pair */
	for (size_t i = 1; i + 1 < n; i++) {
		size_t k;
		struct figure_shape *s = new_shape(l, &t[i], &k);

		if (s == NULL)
			return;
		s->kind = FIGURE_LINE;
		s->a = s->b = -1;
		add_ref(l, &t[i], k, 0);
		add_ref(l, &t[i + 1], k, 1);
	}
}

static void
kw_head(struct loader *l, const struct token *t, size_t n)
{
	size_t k;
	struct figure_shape *s;

	if (!arity(l, t, n, 2, 2, "head JOINT RADIUS"))
		return;
	if ((s = new_shape(l, &t[0], &k)) == NULL)
		return;
	s->kind = FIGURE_HEAD;
	s->a = s->b = -1;
	s->r = 1;
	add_ref(l, &t[1], k, 0);
	tok_number(l, &t[2], "the head's radius", 1, FIGURE_RADIUS_MAX, &s->r);
}

static void
kw_frame(struct loader *l, const struct token *t, size_t n)
{
	struct figure *f = l->f;
	struct figure_frame *fr;
	char *name;

	if (!arity(l, t, n, 1, 2, "frame NAME [SHARE]"))
		return;
	if (f->nframes == FIGURE_FRAMES_MAX) {
		error_at(l, t[0].col, "more than %d frames", FIGURE_FRAMES_MAX);
		return;
	}
	if (!tok_name(l, &t[1], "the frame's name", &name))
		return;
	for (size_t i = 0; i < f->nframes; i++)
		if (strcmp(f->frame[i].name, name) == 0) {
			error_at(l, t[1].col, "a second frame named \"%s\"", name);
			free(name);
			return;
		}
	fr = &f->frame[f->nframes];
	fr->name = name;
	fr->share = 1;
	/* a later frame starts where the one before left every joint */
	if (f->nframes > 0)
		memcpy(fr->at, f->frame[f->nframes - 1].at, sizeof fr->at);
	f->nframes++;
	memset(l->in_frame, 0, sizeof l->in_frame);
	if (n == 3)
		tok_number(l, &t[2], "the frame's share", 1, FIGURE_SHARE_MAX,
			   &fr->share);
}

static void
kw_joint(struct loader *l, const struct token *t, size_t n)
{
	struct figure *f = l->f;
	struct figure_frame *fr;
	char *name;
	int j, x, y;
	bool ok;

	if (f->nframes == 0) {
		error_at(l, t[0].col, "a joint outside a frame: start one with \"frame NAME\"");
		return;
	}
	if (n < 2) {
		arity(l, t, n, 3, 3, "joint NAME X Y");
		return;
	}
	if (!tok_name(l, &t[1], "joint", &name))
		return;
	fr = &f->frame[f->nframes - 1];
	j = joint_index(f, name);
	if (j < 0 && f->nframes > 1) {
		error_at(l, t[1].col, "joint \"%s\" is not in the first frame: place every joint there; later frames move some of them",
			 name);
		free(name);
		return;
	}
	if (j >= 0 && l->in_frame[j]) {
		error_at(l, t[1].col, "joint \"%s\" is placed twice in frame \"%s\"",
			 name, fr->name);
		free(name);
		return;
	}
	if (j < 0) {
		if (f->njoints == FIGURE_JOINTS_MAX) {
			error_at(l, t[1].col, "more than %d joints", FIGURE_JOINTS_MAX);
			free(name);
			return;
		}
		j = (int)f->njoints;
		f->joint[f->njoints++] = name;
	} else {
		free(name);
	}
	l->in_frame[j] = true;
	if (!arity(l, t, n, 3, 3, "joint NAME X Y"))
		return;
	ok = tok_number(l, &t[2], "x", 0, f->w - 1, &x);
	ok = tok_number(l, &t[3], "y", 0, f->h - 1, &y) && ok;
	if (ok) {
		fr->at[j].x = x;
		fr->at[j].y = y;
	}
}

/* ---- lines -------------------------------------------------------------- */

/* Split a line (comment removed) into tokens; false when it has too many
 * (reported). */
static bool
tokenize(struct loader *l, const char *s, size_t len, struct token *t,
	 size_t *n)
{
	size_t i = 0;

	*n = 0;
	while (i < len) {
		size_t start;

		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		if (*n == MAX_TOKENS) {
			error_at(l, (long)start + 1, "too many values on one line");
			return false;
		}
		t[*n].s = s + start;
		t[*n].n = i - start;
		t[*n].col = (long)start + 1;
		(*n)++;
	}
	return true;
}

static void
read_line(struct loader *l, const char *s, size_t len)
{
	struct token t[MAX_TOKENS];
	const char *hash = memchr(s, '#', len);
	size_t n;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	/* nothing that could drive a terminal, not even in a comment */
	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)s[k];

		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			error_at(l, (long)k + 1, "control character 0x%02x: a figure is plain text", c);
			if (hash == NULL || s + k < hash)
				return;
			break;	/* in a comment: the rest of the line counts */
		}
	}
	if (hash != NULL && (size_t)(hash - s) < len)
		len = (size_t)(hash - s);
	if (!tokenize(l, s, len, t, &n) || n == 0)
		return;
	if (!l->seen_keyword && !tok_is(&t[0], "size")) {
		/* what comes before it is checked against the largest grid */
		error_at(l, t[0].col, "the first line must be \"size WIDTH HEIGHT\" (the grid, in dots)");
		l->size_told = true;
	}
	l->seen_keyword = true;
	if (tok_is(&t[0], "size")) {
		kw_size(l, t, n);
	} else if (tok_is(&t[0], "floor")) {
		kw_floor_wall(l, t, n, true);
	} else if (tok_is(&t[0], "wall")) {
		kw_floor_wall(l, t, n, false);
	} else if (tok_is(&t[0], "mirror")) {
		kw_mirror(l, t, n);
	} else if (tok_is(&t[0], "loop")) {
		kw_loop(l, t, n);
	} else if (tok_is(&t[0], "rest")) {
		kw_rest(l, t, n);
	} else if (tok_is(&t[0], "exercise")) {
		kw_exercise(l, t, t[0].s + t[0].n, (size_t)(s + len - (t[0].s + t[0].n)));
	} else if (tok_is(&t[0], "line")) {
		kw_line(l, t, n);
	} else if (tok_is(&t[0], "head")) {
		kw_head(l, t, n);
	} else if (tok_is(&t[0], "frame")) {
		kw_frame(l, t, n);
	} else if (tok_is(&t[0], "joint")) {
		kw_joint(l, t, n);
	} else {
		char *shown = tok_str(&t[0]);

		error_at(l, t[0].col, "unknown keyword \"%s\"; known keywords: %s",
			 shown, keywords);
		free(shown);
	}
}

/* What can only be checked once the whole file is read. */
static void
finish(struct loader *l)
{
	struct figure *f = l->f;

	for (size_t i = 0; i < l->nrefs; i++) {
		struct ref *r = &l->refs[i];
		int j = joint_index(f, r->name);

		l->line = r->line;
		if (j < 0 && f->nframes == 0) {
			/* said once below: there is no frame */
		} else if (j < 0) {
			error_at(l, r->col, "no joint named \"%s\" in the first frame", r->name);
		} else {
			if (r->which == 0)
				f->shape[r->shape].a = j;
			else
				f->shape[r->shape].b = j;
			l->joint_used[j] = true;
		}
		free(r->name);
	}
	free(l->refs);
	l->line = 0;
	if (!l->seen_keyword)
		return;		/* no size line is said already */
	if (f->nframes == 0)
		error_at(l, 0, "no frame: place the joints after \"frame NAME\"");
	else if (f->nshapes == 0)
		error_at(l, 0, "nothing to draw: join the joints with \"line\" or \"head\"");
	for (size_t j = 0; j < f->njoints && f->nshapes > 0; j++)
		if (!l->joint_used[j])
			warning_at(l, 0, "joint \"%s\" is not drawn by any line or head",
				   f->joint[j]);
}

static char *
name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (util_endswith(base, ".fig"))
		n -= 4;
	return xstrndup(base, n);
}

struct figure *
figure_parse(const char *buf, size_t len, const char *path, const char *name,
	     struct diag_list *d)
{
	struct loader l = { .file = path, .d = d };
	size_t errors = d->errors;
	struct figure *f = xcalloc(1, sizeof *f);

	l.f = f;
	f->name = name ? xstrdup(name) : name_from_path(path);
	f->path = xstrdup(path);
	f->w = FIGURE_W_MAX;
	f->h = FIGURE_H_MAX;
	f->floor_y = f->wall_x = -1;
	if (memchr(buf, '\0', len) != NULL) {
		diag_add(d, DIAG_ERROR, path, 0, 0,
			 "a NUL byte: this is not a figure file (plain text)");
		figure_free(f);
		return NULL;
	}
	for (size_t off = 0; off < len;) {
		const char *s = buf + off;
		const char *nl = memchr(s, '\n', len - off);
		size_t n = nl ? (size_t)(nl - s) : len - off;

		l.line++;
		read_line(&l, s, n);
		off += n + (nl != NULL);
	}
	if (!l.have_size && !l.size_told) {
		l.line = 0;
		error_at(&l, 0, "no size line: the file must start with \"size WIDTH HEIGHT\"");
	}
	finish(&l);
	if (d->errors > errors) {
		figure_free(f);
		return NULL;
	}
	return f;
}

struct figure *
figure_load(const char *path, const char *name, struct diag_list *d)
{
	size_t n;
	char *buf = fileio_read_file(path, FIGURE_MAX_BYTES, &n);
	struct figure *f = NULL;

	if (buf == NULL)
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
	else if (n > FIGURE_MAX_BYTES)
		diag_add(d, DIAG_ERROR, path, 0, 0,
			 "too large for a figure (more than %ld KiB)",
			 FIGURE_MAX_BYTES / 1024);
	else
		f = figure_parse(buf, n, path, name, d);
	free(buf);
	return f;
}

void
figure_free(struct figure *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->njoints; i++)
		free(f->joint[i]);
	for (size_t i = 0; i < f->nframes; i++)
		free(f->frame[i].name);
	for (size_t i = 0; i < f->nexercises; i++)
		free(f->exercise[i]);
	free(f->rest);
	free(f->name);
	free(f->path);
	free(f);
}

char *
figure_slug(const char *exercise)
{
	struct strbuf b = { 0 };
	bool dash = false;

	strbuf_add(&b, "", 0);
	for (const unsigned char *p = (const unsigned char *)exercise; *p; p++) {
		if (*p == '\'')
			continue;
		/* U+2019, the apostrophe a word processor types */
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0x99) {
			p += 2;
			continue;
		}
		if (*p < 0x80 && isalnum(*p)) {
			if (dash && b.len > 0)
				strbuf_addc(&b, '-');
			dash = false;
			strbuf_addc(&b, (char)tolower(*p));
		} else {
			dash = true;
		}
	}
	return strbuf_take(&b);
}

/* ---- drawing ------------------------------------------------------------ */

size_t
figure_frame_at(const struct figure *f, int second, int seconds)
{
	int total = 0, upto = 0;

	if (f->nframes <= 1 || second <= 0)
		return 0;
	if (f->loop)
		return (size_t)second % f->nframes;
	if (seconds <= 0)
		return 0;
	for (size_t i = 0; i < f->nframes; i++)
		total += f->frame[i].share;
	/* frame i holds [seconds * before / total, seconds * (before +
	 * share) / total), so it starts on a whole second */
	for (size_t i = 0; i < f->nframes; i++) {
		upto += f->frame[i].share;
		if ((long)second * total < (long)seconds * upto)
			return i;
	}
	return f->nframes - 1;
}

int
figure_fit(const struct figure *f, int cols, int rows)
{
	int k = 0;

	while (k < 8 && f->w * (k + 1) / 2 <= cols && f->h * (k + 1) / 4 <= rows)
		k++;
	return k;
}

/* A grid dot's place at scale k: the middle of its k x k block. */
static int
at_scale(int v, int k)
{
	return v * k + (k - 1) / 2;
}

void
figure_draw(const struct figure *f, size_t frame, int scale, bool right,
	    struct braille *b)
{
	const struct figure_frame *fr;
	int k = scale < 1 ? 1 : scale;

	braille_init(b, f->w * k, f->h * k);
	if (f->nframes == 0)
		return;
	fr = &f->frame[frame < f->nframes ? frame : f->nframes - 1];
	if (f->floor_y >= 0)
		braille_line(b, 0, at_scale(f->floor_y, k), b->w - 1,
			     at_scale(f->floor_y, k));
	if (f->wall_x >= 0)
		braille_line(b, at_scale(f->wall_x, k), 0, at_scale(f->wall_x, k),
			     f->floor_y >= 0 ? at_scale(f->floor_y, k) : b->h - 1);
	for (size_t i = 0; i < f->nshapes; i++) {
		const struct figure_shape *s = &f->shape[i];
		struct figure_point p = fr->at[s->a];

		if (s->kind == FIGURE_HEAD) {
			braille_circle(b, at_scale(p.x, k), at_scale(p.y, k), s->r * k);
		} else {
			struct figure_point q = fr->at[s->b];

			braille_line(b, at_scale(p.x, k), at_scale(p.y, k),
				     at_scale(q.x, k), at_scale(q.y, k));
		}
	}
	if (right && f->flip)
		braille_flip(b);
	else if (right)
		braille_mirror(b);
}
