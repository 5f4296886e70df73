/* header.c - the routine CSV's column names, with units and near misses. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/header.h"

static const char *const column_names[COL_COUNT] = {
	"exercise", "sets", "reps", "hold", "rest", "sides", "switch",
	"levels", "reps_step", "hold_step", "cue", "figure",
};

static const char known_columns[] =
	"exercise, sets, reps, hold, rest, sides, switch, levels, reps_step, "
	"hold_step, cue, figure";

/* The names a unit of seconds goes by. */
static const char *const seconds[] = { "s", "sec", "secs", "second",
				       "seconds" };

const char *
header_column_name(enum column c)
{
	return c >= 0 && c < COL_COUNT ? column_names[c] : "";
}

static int
in_seconds(enum column c)
{
	return c == COL_HOLD || c == COL_REST || c == COL_SWITCH ||
	       c == COL_HOLD_STEP;
}

/* Lower case, trimmed, each run of spaces and '-' one '_'. */
static char *
normalized(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *w = out;

	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '-') {
			if (w > out && w[-1] != '_')
				*w++ = '_';
		} else {
			*w++ = (char)tolower(c);
		}
	}
	*w = '\0';
	return out;
}

static enum column
exact(const char *name)
{
	for (int c = 0; c < COL_COUNT; c++)
		if (strcmp(name, column_names[c]) == 0)
			return (enum column)c;
	return COL_IGNORED;
}

/* Edit distance, for names up to 32 bytes (longer: far from any). */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[33];

	if (la > 32 || lb > 32)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* The column a name is a typing slip away from: one edit for short
 * names, two for longer ones. */
static enum column
closest(const char *name)
{
	size_t best = 99, n = strlen(name);
	enum column at = COL_IGNORED;

	for (int c = 0; c < COL_COUNT; c++) {
		size_t d = distance(name, column_names[c]);

		if (d < best) {
			best = d;
			at = (enum column)c;
		}
	}
	return best <= (n <= 4 ? 1u : 2u) ? at : COL_IGNORED;
}

enum column
header_match(const char *cell, char **unit, enum column *close)
{
	char *name = normalized(cell, strlen(cell)), *open, *us;
	enum column c = exact(name);

	*unit = NULL;
	*close = COL_IGNORED;
	open = strpbrk(name, "([");
	if (c == COL_IGNORED && open != NULL) {
		/* "hold (s)": the unit inside the brackets, nothing after */
		char shut = *open == '(' ? ')' : ']';
		char *end = strchr(open, shut);
		size_t base = (size_t)(open - name);

		if (end != NULL && end[1] == '\0') {
			while (base > 0 && name[base - 1] == '_')
				base--;
			*unit = normalized(open + 1, (size_t)(end - open - 1));
			name[base] = '\0';
			c = exact(name);
		}
	} else if (c == COL_IGNORED && (us = strrchr(name, '_')) != NULL) {
		/* "hold_s", "hold_step_sec" */
		*us = '\0';
		c = exact(name);
		if (c != COL_IGNORED)
			*unit = xstrdup(us + 1);
		else
			*us = '_';
	}
	if (c == COL_IGNORED)
		*close = closest(name);
	free(name);
	return c;
}

static int
is_seconds(const char *unit)
{
	for (size_t i = 0; i < ARRAY_LEN(seconds); i++)
		if (strcmp(unit, seconds[i]) == 0)
			return 1;
	return 0;
}

/* A unit the column cannot take: an error naming the fix. */
static int
bad_unit(struct header *h, const struct csvread_field *f, const char *file,
	 struct diag_list *d, enum column c, const char *unit)
{
	const char *name = column_names[c];

	if (in_seconds(c) && is_seconds(unit))
		return 0;
	if (in_seconds(c))
		diag_add(d, DIAG_ERROR, file, f->line, f->col,
			 "column \"%s\" is in seconds, not \"%s\": give its "
			 "values in seconds and name it \"%s\" or \"%s (s)\"",
			 name, unit, name, name);
	else
		diag_add(d, DIAG_ERROR, file, f->line, f->col,
			 "column \"%s\" takes no unit (got \"%s\"): name it "
			 "\"%s\"", name, unit, name);
	h->errors++;
	return 1;
}

/* Longest cell value quoted back in a message. */
#define SHOW_MAX 40

/* Append a value for a message: escaped so the message stays on one line,
 * cut (on a character boundary) when long. */
static void
add_shown(struct strbuf *b, const char *s)
{
	size_t n = strlen(s), cut = n;

	if (n > SHOW_MAX) {
		cut = SHOW_MAX;
		while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
	}
	strbuf_addc(b, '"');
	for (size_t i = 0; i < cut; i++) {
		switch (s[i]) {
		case '"': strbuf_adds(b, "\\\""); break;
		case '\\': strbuf_adds(b, "\\\\"); break;
		case '\n': strbuf_adds(b, "\\n"); break;
		case '\r': strbuf_adds(b, "\\r"); break;
		case '\t': strbuf_adds(b, "\\t"); break;
		default: strbuf_addc(b, s[i]); break;
		}
	}
	strbuf_addc(b, '"');
	if (cut < n)
		strbuf_adds(b, "...");
}

char *
header_shown(const char *s)
{
	struct strbuf b = { 0 };

	add_shown(&b, s);
	return strbuf_take(&b);
}

static void
one_cell(struct header *h, const struct csvread_field *f, size_t i,
	 const struct csvread_field *first[COL_COUNT], const char *file,
	 struct diag_list *d)
{
	char *unit, *v, *name = xstrdup(f->text);
	enum column close, c;

	util_trim(name);
	c = header_match(name, &unit, &close);
	h->map[i] = COL_IGNORED;
	if (*name == '\0') {
		diag_add(d, DIAG_WARNING, file, f->line, f->col,
			 "column %zu has no name (ignored)", i + 1);
	} else if (c == COL_IGNORED && close != COL_IGNORED) {
		v = header_shown(name);
		diag_add(d, DIAG_ERROR, file, f->line, f->col,
			 "unknown column %s; did you mean \"%s\"?", v,
			 column_names[close]);
		h->errors++;
		free(v);
	} else if (c == COL_IGNORED) {
		v = header_shown(name);
		diag_add(d, DIAG_WARNING, file, f->line, f->col,
			 "unknown column %s (ignored); known columns: %s", v,
			 known_columns);
		free(v);
	} else if (unit != NULL && bad_unit(h, f, file, d, c, unit)) {
		/* reported */
	} else if (first[c] != NULL) {
		diag_add(d, DIAG_ERROR, file, f->line, f->col,
			 "duplicate column \"%s\" (also at line %ld, col %ld); "
			 "each column may appear once", column_names[c],
			 first[c]->line, first[c]->col);
		h->errors++;
	} else {
		first[c] = f;
		h->map[i] = c;
		h->has[c] = 1;
	}
	free(unit);
	free(name);
}

void
header_read(struct header *h, const struct csvread_record *rec,
	    const char *file, struct diag_list *d)
{
	const struct csvread_field *first[COL_COUNT] = { NULL };

	memset(h, 0, sizeof *h);
	h->ncols = rec->n;
	h->map = xreallocarray(NULL, rec->n ? rec->n : 1, sizeof *h->map);
	for (size_t i = 0; i < rec->n; i++)
		one_cell(h, &rec->f[i], i, first, file, d);
	if (!h->has[COL_EXERCISE]) {
		diag_add(d, DIAG_ERROR, file, rec->line, 1,
			 "no \"exercise\" column: the first line after the "
			 "comments must name the columns (known columns: %s)",
			 known_columns);
		h->errors++;
	}
}

void
header_free(struct header *h)
{
	free(h->map);
	h->map = NULL;
}
