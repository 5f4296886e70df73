/* routine.c - the routine CSV (version 1): model, loading, validation.
 *
 * csvread hands over records with positions; this module maps the header
 * to columns and checks every cell of every row, reporting each problem
 * where it is and going on, so one run shows all of them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/csvread.h"
#include "model/figure.h"
#include "model/header.h"
#include "model/routine.h"

/* A routine is a few dozen rows.  The byte cap refuses an absurd file
 * unread; the row cap bounds what a hostile one can cost by rows (8
 * million one-letter rows took about a gigabyte) or by the errors of its
 * rows, since reading stops at the first row over it. */
#define ROUTINE_MAX_BYTES (16L * 1024 * 1024)
#define ROUTINE_MAX_ROWS 1000
/* A session is unrolled into a step per hold (plan.c), so a few rows at
 * the maximum sets and reps cost more than any number of rows: this cap
 * on the holds at one level, fifty exercises at every maximum, bounds
 * the plan of any routine that loads (about 12 MB). */
#define ROUTINE_MAX_HOLDS (50L * ROUTINE_SETS_MAX * ROUTINE_REPS_MAX * 2)

/* Ranges of the whole-number columns (their defaults: row_defaults). */
static const struct {
	enum column col;
	int lo, hi;
} number_columns[] = {
	{ COL_SETS, 1, ROUTINE_SETS_MAX },
	{ COL_REPS, 1, ROUTINE_REPS_MAX },
	{ COL_HOLD, 1, ROUTINE_HOLD_MAX },
	{ COL_REST, 0, ROUTINE_REST_MAX },
	{ COL_SWITCH, 0, ROUTINE_SWITCH_MAX },
	{ COL_REPS_STEP, 0, ROUTINE_REPS_STEP_MAX },
	{ COL_HOLD_STEP, 0, ROUTINE_HOLD_STEP_MAX },
};

struct loader {
	const char *file;
	struct diag_list *d;
	struct routine *r;
	size_t rowcap;

	int have_header, header_lost;
	long header_line;
	struct header h;

	size_t data_records;	/* rows under the header, good or bad */
	int coverage_unknown;	/* a row's levels could not be read */
	unsigned covered;	/* bit l: some row covers level l */
	size_t own_errors;

	char *title;
	long title_line;
	long first_title_line;
	long titles;		/* "# title:" lines seen */
	int titles_told;	/* a repeated title has been warned about */
	int stopped;		/* reading stopped at ROUTINE_MAX_ROWS */
	long last_comment_line;
};

/* ---- small helpers ------------------------------------------------------ */

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Blanks and line endings: what a cell is trimmed of. */
static int
is_space(char c)
{
	return is_blank(c) || c == '\n' || c == '\r';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A field's text without surrounding blanks and line endings. */
struct view {
	const char *s;
	size_t n;
};

static struct view
trim_view(const struct csvread_field *f)
{
	struct view v = { f->text, f->len };

	while (v.n > 0 && is_space(*v.s)) {
		v.s++;
		v.n--;
	}
	while (v.n > 0 && is_space(v.s[v.n - 1]))
		v.n--;
	return v;
}

static char *
trimmed(const struct csvread_field *f)
{
	struct view v = trim_view(f);

	return xstrndup(v.s, v.n);
}

/* Copy a short view into buf (of size n) as a string; 0 when too long. */
static int
view_str(struct view v, char *buf, size_t n)
{
	if (v.n >= n)
		return 0;
	memcpy(buf, v.s, v.n);
	buf[v.n] = '\0';
	return 1;
}

static int
view_caseeq(struct view v, const char *word)
{
	return strlen(word) == v.n && strncasecmp(v.s, word, v.n) == 0;
}

/* An exercise name is shown on one line: each run of line endings and
 * tabs inside it becomes one space. */
static void
one_line(char *s)
{
	char *w = s;

	for (const char *p = s; *p; ) {
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			while (*p == '\n' || *p == '\r' || *p == '\t')
				p++;
			*w++ = ' ';
		} else {
			*w++ = *p++;
		}
	}
	*w = '\0';
}

/* A cue keeps its lines, ended by LF whatever the file used. */
static void
lf_only(char *s)
{
	char *w = s;

	for (const char *p = s; *p; p++) {
		if (*p == '\r') {
			*w++ = '\n';
			if (p[1] == '\n')
				p++;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
}

static void
error_at(struct loader *l, long line, long col, const char *msg)
{
	diag_add(l->d, DIAG_ERROR, l->file, line, col, "%s", msg);
	l->own_errors++;
}

/* "COLUMN must be WHAT, got "VALUE"" at the field. */
static void
bad_value(struct loader *l, const struct csvread_field *f, const char *col,
	  const char *what, struct view value)
{
	char *raw = xstrndup(value.s, value.n);
	char *v = header_shown(raw);

	free(raw);

	diag_add(l->d, DIAG_ERROR, l->file, f->line, f->col,
		 "%s must be %s, got %s", col, what, v);
	l->own_errors++;
	free(v);
}

/* ---- cells -------------------------------------------------------------- */

/* An empty cell leaves *out at its default. */
static int
parse_number(struct loader *l, const struct csvread_field *f,
	     enum column col, int lo, int hi, int *out)
{
	struct view v = trim_view(f);
	char buf[32], *what;
	long n;

	if (v.n == 0)
		return 0;
	/* anything longer than buf is no number in range */
	if (view_str(v, buf, sizeof buf) &&
	    util_parse_long(buf, lo, hi, &n) == UTIL_NUM_OK) {
		*out = (int)n;
		return 0;
	}
	what = xasprintf("a whole number from %d to %d", lo, hi);
	bad_value(l, f, header_column_name(col), what, v);
	free(what);
	return -1;
}

static int
parse_sides(struct loader *l, const struct csvread_field *f,
	    enum routine_sides *out)
{
	struct view v = trim_view(f);

	if (v.n == 0 || view_caseeq(v, "none")) {
		*out = SIDES_NONE;
	} else if (view_caseeq(v, "each")) {
		*out = SIDES_EACH;
	} else if (view_caseeq(v, "alternate")) {
		*out = SIDES_ALTERNATE;
	} else {
		bad_value(l, f, "sides", "none, each or alternate", v);
		return -1;
	}
	return 0;
}

/* A level number: up to three digits (anything longer is out of range
 * anyway, and this keeps it far from overflow). */
static int
read_level(const char **pp)
{
	const char *p = *pp;
	int v = 0, digits = 0;

	while (is_digit(*p)) {
		if (++digits > 3)
			return -2;
		v = v * 10 + (*p++ - '0');
	}
	*pp = p;
	return digits ? v : -1;
}

static const char *
skip_blanks(const char *p)
{
	while (is_blank(*p))
		p++;
	return p;
}

/* "3", "1-3", "4-" or "-3", blanks allowed around the parts. */
static int
levels_from(const char *s, int *lo, int *hi)
{
	const char *p = skip_blanks(s);
	int a, b = -1, dash = 0;

	a = read_level(&p);
	if (a == -2)
		return -1;
	p = skip_blanks(p);
	if (*p == '-') {
		dash = 1;
		p = skip_blanks(p + 1);
		b = read_level(&p);
		if (b == -2)
			return -1;
		p = skip_blanks(p);
	}
	if (*p != '\0')
		return -1;
	if (!dash) {
		if (a < 0)
			return -1;
		*lo = *hi = a;
	} else {
		if (a < 0 && b < 0)
			return -1;
		*lo = a < 0 ? LEVEL_MIN : a;
		*hi = b < 0 ? LEVEL_MAX : b;
	}
	return *lo >= LEVEL_MIN && *hi <= LEVEL_MAX && *lo <= *hi ? 0 : -1;
}

static int
parse_levels(struct loader *l, const struct csvread_field *f, int *lo,
	     int *hi)
{
	struct view v = trim_view(f);
	char buf[32];

	if (v.n == 0) {
		*lo = LEVEL_MIN;
		*hi = LEVEL_MAX;
		return 0;
	}
	if (view_str(v, buf, sizeof buf) && levels_from(buf, lo, hi) == 0)
		return 0;
	bad_value(l, f, "levels", "a level or a range of levels from 1 to 10 "
		  "(3, 1-3, 4- or -3)", v);
	return -1;
}

/* ---- header ------------------------------------------------------------- */

static void
read_header(struct loader *l, const struct csvread_record *rec)
{
	l->have_header = 1;
	l->header_line = rec->line;
	header_read(&l->h, rec, l->file, l->d);
	l->own_errors += l->h.errors;
}

/* ---- rows --------------------------------------------------------------- */

static void
row_defaults(struct routine_row *w)
{
	memset(w, 0, sizeof *w);
	w->sets = 1;
	w->reps = 1;
	w->hold = 3;
	w->rest = 15;
	w->sides = SIDES_NONE;
	w->switch_s = 5;
	w->level_lo = LEVEL_MIN;
	w->level_hi = LEVEL_MAX;
}

static int *
number_slot(struct routine_row *w, enum column c)
{
	switch (c) {
	case COL_SETS: return &w->sets;
	case COL_REPS: return &w->reps;
	case COL_HOLD: return &w->hold;
	case COL_REST: return &w->rest;
	case COL_SWITCH: return &w->switch_s;
	case COL_REPS_STEP: return &w->reps_step;
	case COL_HOLD_STEP: return &w->hold_step;
	default: return NULL;
	}
}

/* Check one cell into w; returns -1 when it is bad (and reported). */
static int
read_cell(struct loader *l, const struct csvread_field *f, enum column c,
	  struct routine_row *w, int *levels_ok)
{
	switch (c) {
	case COL_EXERCISE:
		free(w->exercise);
		w->exercise = trimmed(f);
		one_line(w->exercise);
		if (*w->exercise == '\0') {
			error_at(l, f->line, f->col, "exercise name is empty");
			return -1;
		}
		return 0;
	case COL_CUE:
		free(w->cue);
		w->cue = trimmed(f);
		lf_only(w->cue);
		return 0;
	case COL_FIGURE:
		/* whether it exists is for `limber check`: figures are files
		 * of their own, the user's or shipped */
		free(w->figure);
		w->figure = trimmed(f);
		w->figure_col = f->col;
		if (*w->figure != '\0' && !figure_valid_name(w->figure)) {
			error_at(l, f->line, f->col, "figure must be a figure's name: letters, digits, '-' and '_' (at most 64)");
			return -1;
		}
		return 0;
	case COL_SIDES:
		return parse_sides(l, f, &w->sides);
	case COL_LEVELS:
		if (parse_levels(l, f, &w->level_lo, &w->level_hi) != 0) {
			*levels_ok = 0;
			return -1;
		}
		return 0;
	default:
		for (size_t k = 0; k < ARRAY_LEN(number_columns); k++)
			if (number_columns[k].col == c)
				return parse_number(l, f, c,
						    number_columns[k].lo,
						    number_columns[k].hi,
						    number_slot(w, c));
		return 0;
	}
}

static void
read_row(struct loader *l, const struct csvread_record *rec)
{
	struct routine_row w;
	int bad = 0, levels_ok = 1;

	l->data_records++;
	if (rec->n != l->h.ncols) {
		diag_add(l->d, DIAG_ERROR, l->file, rec->line, 1,
			 "expected %zu field%s as in the header, got %zu",
			 l->h.ncols, l->h.ncols == 1 ? "" : "s", rec->n);
		l->own_errors++;
		l->coverage_unknown = 1;
		return;
	}
	row_defaults(&w);
	w.line = rec->line;
	for (size_t i = 0; i < rec->n; i++)
		if (l->h.map[i] != COL_IGNORED &&
		    read_cell(l, &rec->f[i], l->h.map[i], &w, &levels_ok) != 0)
			bad = 1;
	if (!levels_ok) {
		l->coverage_unknown = 1;
	} else {
		for (int v = w.level_lo; v <= w.level_hi; v++)
			l->covered |= 1u << v;
	}
	if (bad || w.exercise == NULL) {
		free(w.exercise);
		free(w.cue);
		free(w.figure);
		return;
	}
	if (w.cue == NULL)
		w.cue = xstrdup("");
	util_grow(&l->r->rows, &l->rowcap, l->r->nrows, sizeof *l->r->rows);
	l->r->rows[l->r->nrows++] = w;
}

static int
on_record(void *ud, const struct csvread_record *rec)
{
	struct loader *l = ud;

	if (l->header_lost)
		return 0;
	if (!l->have_header) {
		/* The first record was dropped for a syntax error (already
		 * reported): without the header no row can be read. */
		if (rec->index != 0) {
			l->header_lost = 1;
			return 0;
		}
		read_header(l, rec);
		return 0;
	}
	read_row(l, rec);
	return 0;
}

/* One warning however often the title is repeated, at the title used, so
 * a file of title lines cannot pile up warnings. */
static void
tell_titles(struct loader *l)
{
	if (l->titles < 2 || l->titles_told)
		return;
	l->titles_told = 1;
	if (l->titles == 2)
		diag_add(l->d, DIAG_WARNING, l->file, l->title_line, 1,
			 "title given again (first on line %ld); using this one",
			 l->first_title_line);
	else
		diag_add(l->d, DIAG_WARNING, l->file, l->title_line, 1,
			 "title given %ld times (first on line %ld); using this "
			 "one", l->titles, l->first_title_line);
}

/* Comments end where the first record begins: the title warning goes
 * there, before anything about the header or the rows. */
static int
on_record_start(void *ud, long index, long line)
{
	struct loader *l = ud;

	tell_titles(l);
	if (index <= ROUTINE_MAX_ROWS)
		return 0;
	diag_add(l->d, DIAG_ERROR, l->file, line, 1, "more than %d exercises; "
		 "a routine has at most %d", ROUTINE_MAX_ROWS, ROUTINE_MAX_ROWS);
	l->own_errors++;
	l->stopped = 1;
	return 1;
}

/* The value after "# KEY:" (blanks skipped), or NULL when text is not
 * that key. */
static const char *
comment_key(const char *text, const char *key)
{
	const char *p = skip_blanks(text);
	size_t n = strlen(key);

	if (strncasecmp(p, key, n) != 0)
		return NULL;
	p = skip_blanks(p + n);
	return *p == ':' ? skip_blanks(p + 1) : NULL;
}

/* The optional additions: "# phases: RUN, WALK" names the work and rest
 * phases; "# min_days: 7" is the least number of days at a level before
 * it goes up. */
static int
on_extension(struct loader *l, const char *text, long line)
{
	const char *v;
	long col, n;

	if ((v = comment_key(text, "phases")) != NULL) {
		const char *comma = strchr(v, ',');
		char *work, *rest;

		col = (long)(v - text) + 2;
		if (comma == NULL) {
			error_at(l, line, col, "phases must name the work and "
				 "the rest phase, e.g. \"# phases: RUN, WALK\"");
			return 1;
		}
		work = util_trim(xstrndup(v, (size_t)(comma - v)));
		rest = util_trim(xstrdup(comma + 1));
		if (*work == '\0' || *rest == '\0' || strlen(work) > 16 ||
		    strlen(rest) > 16 || strchr(rest, ',') != NULL) {
			error_at(l, line, col, "phases must be two names of 1 "
				 "to 16 characters, e.g. \"# phases: RUN, WALK\"");
			free(work);
			free(rest);
			return 1;
		}
		free(l->r->work_name);
		free(l->r->rest_name);
		l->r->work_name = work;
		l->r->rest_name = rest;
		return 1;
	}
	if ((v = comment_key(text, "min_days")) != NULL) {
		char *t = util_trim(xstrdup(v));

		if (util_parse_long(t, 0, 90, &n) != UTIL_NUM_OK)
			error_at(l, line, (long)(v - text) + 2, "min_days must "
				 "be a whole number of days from 0 to 90");
		else
			l->r->min_days = (int)n;
		free(t);
		return 1;
	}
	return 0;
}

/* "# title: Core stability" names the routine; "# phases:" and
 * "# min_days:" are the optional additions; other comments are notes. */
static void
on_comment(void *ud, const char *text, long line)
{
	struct loader *l = ud;
	const char *p = skip_blanks(text);
	char *t;

	l->last_comment_line = line;
	if (on_extension(l, text, line))
		return;
	if (strncasecmp(p, "title", 5) != 0)
		return;
	p = skip_blanks(p + 5);
	if (*p != ':')
		return;
	t = xstrdup(p + 1);
	util_trim(t);
	if (l->titles++ == 0)
		l->first_title_line = line;
	free(l->title);
	l->title = t;
	l->title_line = line;
}

/* Every level needs a row: one error per run of uncovered levels. */
static void
check_coverage(struct loader *l)
{
	for (int v = LEVEL_MIN; v <= LEVEL_MAX; v++) {
		int end = v;
		char *msg;

		if (l->covered & (1u << v))
			continue;
		while (end < LEVEL_MAX && !(l->covered & (1u << (end + 1))))
			end++;
		if (end == v)
			msg = xasprintf("no row covers level %d", v);
		else
			msg = xasprintf("no row covers levels %d-%d", v, end);
		diag_add(l->d, DIAG_ERROR, l->file, l->header_line, 1,
			 "%s; every level from %d to %d needs at least one "
			 "exercise", msg, LEVEL_MIN, LEVEL_MAX);
		l->own_errors++;
		free(msg);
		v = end;
	}
}

/* The holds of a session at each level, the reps scaled as plan.c does:
 * one error when the largest is over the cap. */
static void
check_holds(struct loader *l)
{
	long most = 0;
	int at = LEVEL_MIN;

	for (int v = LEVEL_MIN; v <= LEVEL_MAX; v++) {
		long holds = 0;

		for (size_t i = 0; i < l->r->nrows; i++) {
			const struct routine_row *w = &l->r->rows[i];
			long reps = w->reps + (long)w->reps_step * (v - LEVEL_MIN);

			if (!routine_row_at_level(w, v))
				continue;
			if (reps > ROUTINE_REPS_MAX)
				reps = ROUTINE_REPS_MAX;
			holds += w->sets * reps * (w->sides == SIDES_NONE ? 1 : 2);
		}
		if (holds > most) {
			most = holds;
			at = v;
		}
	}
	if (most > ROUTINE_MAX_HOLDS) {
		char *msg = xasprintf("too long: at level %d a session has %ld "
				      "holds (sets x reps x sides, over its "
				      "exercises); a session may have at most "
				      "%ld", at, most, ROUTINE_MAX_HOLDS);

		error_at(l, l->header_line, 1, msg);
		free(msg);
	}
}

/* Whole-file checks, once every record has been seen. */
static void
check_file(struct loader *l)
{
	if (!l->have_header) {
		if (l->header_lost)
			return;
		if (l->last_comment_line == 0)
			error_at(l, 1, 1, "empty file: expected a header line "
				 "naming the columns (at least \"exercise\")");
		else
			error_at(l, l->last_comment_line + 1, 1,
				 "no header line after the comments: expected a "
				 "line naming the columns (at least \"exercise\")");
		return;
	}
	if (l->data_records == 0) {
		char *msg = xasprintf("no exercises: the header on line %ld "
				      "has no rows under it", l->header_line);

		error_at(l, l->header_line, 1, msg);
		free(msg);
		return;
	}
	if (!l->coverage_unknown)
		check_coverage(l);
	check_holds(l);
}

static struct routine *
load(const char *buf, size_t len, const char *path, const char *name,
     struct diag_list *d)
{
	struct loader l;
	struct csvread cfg;
	size_t errors_before = d->errors;
	struct routine *r;
	int rc;

	memset(&l, 0, sizeof l);
	l.file = path ? path : "";
	l.d = d;
	l.r = r = xcalloc(1, sizeof *r);
	r->name = name ? xstrdup(name) : routine_name_from_path(l.file);
	r->path = xstrdup(l.file);

	memset(&cfg, 0, sizeof cfg);
	cfg.file = l.file;
	cfg.diags = d;
	cfg.max_bytes = ROUTINE_MAX_BYTES;
	cfg.header_word = "exercise";
	cfg.found_sep = &r->sep;
	cfg.comment = on_comment;
	cfg.record = on_record;
	cfg.record_start = on_record_start;
	cfg.ud = &l;
	rc = buf ? csvread_buffer(&cfg, buf, len) : csvread_file(&cfg, path);
	tell_titles(&l);	/* when no record began */

	/* Whole-file checks only when the reader saw everything and raised
	 * nothing itself: a dropped line would make them guesses. */
	if (rc == 0 && !l.stopped && d->errors - errors_before == l.own_errors)
		check_file(&l);
	header_free(&l.h);
	if (d->errors != errors_before) {
		free(l.title);
		routine_free(r);
		return NULL;
	}
	r->title = l.title ? l.title : xstrdup(r->name);
	if (*r->title == '\0') {
		free(r->title);
		r->title = xstrdup(r->name);
	}
	return r;
}

struct routine *
routine_load(const char *path, const char *name, struct diag_list *d)
{
	return load(NULL, 0, path, name, d);
}

struct routine *
routine_parse(const char *buf, size_t len, const char *path,
	      const char *name, struct diag_list *d)
{
	/* a NULL buffer is an empty routine, not a file name */
	return load(buf ? buf : "", buf ? len : 0, path, name, d);
}

void
routine_free(struct routine *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nrows; i++) {
		free(r->rows[i].exercise);
		free(r->rows[i].cue);
		free(r->rows[i].figure);
	}
	free(r->rows);
	free(r->name);
	free(r->title);
	free(r->work_name);
	free(r->rest_name);
	free(r->path);
	free(r);
}

const char *
routine_sides_name(enum routine_sides s)
{
	switch (s) {
	case SIDES_NONE: return "none";
	case SIDES_EACH: return "each";
	case SIDES_ALTERNATE: return "alternate";
	}
	return "none";
}

char *
routine_name_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".csv") == 0)
		n -= 4;
	return xstrndup(base, n);
}

int
routine_row_at_level(const struct routine_row *row, int level)
{
	return level >= row->level_lo && level <= row->level_hi;
}

size_t
routine_count_at_level(const struct routine *r, int level)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nrows; i++)
		if (routine_row_at_level(&r->rows[i], level))
			n++;
	return n;
}
