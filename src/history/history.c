/* history.c - read, append and summarise history.csv. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "core/csvread.h"
#include "history/histsum.h"
#include "history/history.h"

#define SECONDS_MAX 10000000L	/* about 115 days: more is not a session */
#define EXERCISES_MAX 100000L

/* ---------------------------------------------------------------------
 * Where a history's strings live: in blocks of 64 KiB rather than four
 * allocations a row, and a routine name, hurt list or reason that repeats
 * (a long history has a handful of each) is stored once. */

#define TEXT_BLOCK (64 * 1024)

struct text_block {
	struct text_block *next;
	size_t used, cap;
	char s[];
};

struct history_text {
	struct text_block *blocks;
	char **slot;		/* interned strings, open addressing; NULL: free */
	size_t nslot, nused;
};

/* A copy of s[0, n) with a NUL after it. */
static char *
text_copy(struct history_text *t, const char *s, size_t n)
{
	struct text_block *b = t->blocks;
	char *c;

	if (b == NULL || b->cap - b->used < n + 1) {
		/* A big string gets a block of its own, and the partly used
		 * block stays the one that is filled. */
		size_t cap = n + 1 > TEXT_BLOCK / 4 ? n + 1 : TEXT_BLOCK;
		struct text_block *nb = xmalloc(sizeof *nb + cap);

		nb->used = 0;
		nb->cap = cap;
		if (b != NULL && cap != TEXT_BLOCK) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			t->blocks = nb;
		}
		b = nb;
	}
	c = b->s + b->used;
	memcpy(c, s, n);
	c[n] = '\0';
	b->used += n + 1;
	return c;
}

static size_t
text_find(char **slot, size_t nslot, const char *s, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (nslot - 1);

	while (slot[i] != NULL &&
	       (strncmp(slot[i], s, n) != 0 || slot[i][n] != '\0'))
		i = (i + 1) & (nslot - 1);
	return i;
}

/* The stored copy of s[0, n), made once. */
static char *
text_intern(struct history_text *t, const char *s, size_t n)
{
	size_t i;

	if (2 * (t->nused + 1) > t->nslot) {
		size_t nslot = t->nslot ? 2 * t->nslot : 64;
		char **slot = xcalloc(nslot, sizeof *slot);

		for (size_t k = 0; k < t->nslot; k++) {
			const char *o = t->slot[k];

			if (o != NULL) {
				size_t on = strlen(o);

				slot[text_find(slot, nslot, o, on,
					       util_hash(o, on))] = t->slot[k];
			}
		}
		free(t->slot);
		t->slot = slot;
		t->nslot = nslot;
	}
	i = text_find(t->slot, t->nslot, s, n, util_hash(s, n));
	if (t->slot[i] == NULL) {
		t->slot[i] = text_copy(t, s, n);
		t->nused++;
	}
	return t->slot[i];
}

static void
text_free(struct history_text *t)
{
	if (t == NULL)
		return;
	while (t->blocks != NULL) {
		struct text_block *next = t->blocks->next;

		free(t->blocks);
		t->blocks = next;
	}
	free(t->slot);
	free(t);
}

void
history_init(struct history *h)
{
	h->rows = NULL;
	h->n = h->cap = 0;
	h->text = NULL;
}

void
history_row_free(struct history_row *row)
{
	free(row->started_text);
	free(row->routine);
	free(row->hurt);
	free(row->reason);
	memset(row, 0, sizeof *row);
}

void
history_free(struct history *h)
{
	free(h->rows);
	text_free(h->text);
	history_init(h);
}

/* Copy row onto the end of h, its strings into h->text. */
static void
keep_row(void *ud, const struct history_row *row)
{
	struct history *h = ud;
	struct history_row *r;

	if (h->text == NULL)
		h->text = xcalloc(1, sizeof *h->text);
	util_grow(&h->rows, &h->cap, h->n, sizeof *h->rows);
	r = &h->rows[h->n++];
	*r = *row;
	r->started_text = text_copy(h->text, row->started_text,
				    strlen(row->started_text));
	r->routine = text_intern(h->text, row->routine, strlen(row->routine));
	r->hurt = text_intern(h->text, row->hurt, strlen(row->hurt));
	r->reason = text_intern(h->text, row->reason, strlen(row->reason));
}

void
history_push(struct history *h, struct history_row *row)
{
	static char none[1];
	struct history_row r = *row;

	/* A row built by hand may leave a text NULL. */
	r.started_text = row->started_text ? row->started_text : none;
	r.routine = row->routine ? row->routine : none;
	r.hurt = row->hurt ? row->hurt : none;
	r.reason = row->reason ? row->reason : none;
	keep_row(h, &r);
	history_row_free(row);
}

/* ---------------------------------------------------------------------
 * Calendar arithmetic on local dates, independent of the current TZ. */

static bool
leap_year(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(long y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				      30, 31 };

	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* Days from 0001-01-01 to y-m-d (y >= 1) in the proleptic Gregorian
 * calendar. */
static long
ordinal(long y, int m, int d)
{
	static const int before[12] = { 0, 31, 59, 90, 120, 151, 181, 212,
					243, 273, 304, 334 };
	long p = y - 1;

	return 365 * p + p / 4 - p / 100 + p / 400 + before[m - 1] +
	       (m > 2 && leap_year(y)) + d - 1;
}

static long
day_number(long y, int m, int d)
{
	return ordinal(y, m, d) - ordinal(1970, 1, 1);
}

/* The date of a day number, through gmtime_r (day * 86400 is midnight UTC
 * of that date). */
#define DATE_BUF 40	/* room for any int fields, to keep snprintf quiet */

static void
day_date(long day, char buf[DATE_BUF])
{
	time_t t = (time_t)day * 86400;
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL) {
		strcpy(buf, "(unknown)");
		return;
	}
	snprintf(buf, DATE_BUF, "%04d-%02d-%02d", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday);
}

long
history_local_day(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return (long)(t / 86400);
	return day_number(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

/* n decimal digits at s, or -1. */
static long
digits(const char *s, int n)
{
	long v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* YYYY-MM-DDTHH:MM:SS followed by Z, +HH:MM, +HHMM or +HH (or '-'). */
static int
parse_started(const char *s, time_t *t, long *off, long *day)
{
	long y, mo, d, h, mi, sec, oh = 0, om = 0;
	const char *z;
	int sign;

	if (strlen(s) < 20 || s[4] != '-' || s[7] != '-' ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' ||
	    s[16] != ':')
		return -1;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	sec = digits(s + 17, 2);
	if (y < 1900 || mo < 1 || mo > 12 || d < 1 ||
	    d > month_days(y, (int)mo) || h < 0 || h > 23 || mi < 0 ||
	    mi > 59 || sec < 0 || sec > 60)
		return -1;
	z = s + 19;
	if ((z[0] == 'Z' || z[0] == 'z') && z[1] == '\0') {
		sign = 1;
	} else if (z[0] == '+' || z[0] == '-') {
		sign = z[0] == '-' ? -1 : 1;
		oh = digits(z + 1, 2);
		if (oh < 0 || oh > 14)
			return -1;
		if (z[3] == '\0')
			om = 0;
		else if (z[3] == ':' && strlen(z + 4) == 2)
			om = digits(z + 4, 2);
		else if (strlen(z + 3) == 2)
			om = digits(z + 3, 2);
		else
			return -1;
		if (om < 0 || om > 59)
			return -1;
	} else {
		return -1;
	}
	*day = day_number(y, (int)mo, (int)d);
	*off = sign * (oh * 3600 + om * 60);
	*t = (time_t)*day * 86400 + h * 3600 + mi * 60 + sec - *off;
	return 0;
}

/* ---------------------------------------------------------------------
 * Reading. */

enum col {
	C_STARTED, C_ROUTINE, C_LEVEL, C_STATUS, C_PLANNED_S, C_DONE_S,
	C_EX_PLANNED, C_EX_DONE, C_PAIN, C_MORNING, C_RED_FLAGS, C_HURT,
	C_NEXT_LEVEL, C_REASON, NCOLS
};

static const char *const col_names[NCOLS] = {
	"started", "routine", "level", "status", "planned_s", "done_s",
	"exercises_planned", "exercises_done", "pain", "morning", "red_flags",
	"hurt", "next_level", "reason",
};

static const bool col_required[NCOLS] = {
	[C_STARTED] = true, [C_ROUTINE] = true, [C_LEVEL] = true,
	[C_STATUS] = true, [C_NEXT_LEVEL] = true,
};

_Static_assert(NCOLS == HISTORY_COLUMNS, "HISTORY_COLUMNS is the column count");

struct loader {
	struct diag_list *d;
	const char *path;
	history_row_fn *fn;	/* each good row goes here */
	void *ud;
	long col[NCOLS];	/* field index, -1 when the header lacks it */
	size_t nfields;		/* the header's */
	bool bad_header;
	bool have_header;	/* a record was read as the header */
	bool ends_nl;		/* the input ends with a newline */
	long last_line;		/* the last line's number ('\n' counted) */
	struct strbuf text;	/* the strings of the row being handed on */
};

static void
row_warn(struct loader *L, long line, const char *fmt, ...) ATTR_PRINTF(3, 4);

static void
row_warn(struct loader *L, long line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(L->d, DIAG_WARNING, L->path, line, 0, "%s; row skipped", msg);
	free(msg);
}

static const char *
field(const struct loader *L, const struct csvread_record *rec, enum col c)
{
	return L->col[c] >= 0 ? rec->f[L->col[c]].text : "";
}

static size_t
field_len(const struct loader *L, const struct csvread_record *rec,
	  enum col c)
{
	return L->col[c] >= 0 ? rec->f[L->col[c]].len : 0;
}

/* Match a header record's names to the columns: col[c] is the field of
 * column c, or -1.  The names of the columns it lacks go to missing
 * (", "-separated): the required ones only, or all when `all`. */
static void
map_header(const struct csvread_record *rec, long col[NCOLS], bool all,
	   struct strbuf *missing)
{
	for (size_t c = 0; c < NCOLS; c++)
		col[c] = -1;
	for (size_t i = 0; i < rec->n; i++)
		for (size_t c = 0; c < NCOLS; c++)
			if (col[c] < 0 &&
			    util_strcaseeq(rec->f[i].text, col_names[c]))
				col[c] = (long)i;
	for (size_t c = 0; c < NCOLS; c++) {
		if ((!all && !col_required[c]) || col[c] >= 0)
			continue;
		strbuf_adds(missing, missing->len ? ", " : "");
		strbuf_adds(missing, col_names[c]);
	}
}

static int
read_header(struct loader *L, const struct csvread_record *rec)
{
	struct strbuf missing = { 0 };

	L->have_header = true;
	map_header(rec, L->col, false, &missing);
	L->nfields = rec->n;
	if (missing.len) {
		diag_add(L->d, DIAG_ERROR, L->path, rec->line, 0,
			 "the header lacks the column(s) %s (expected %s)",
			 missing.s, HISTORY_HEADER);
		L->bad_header = true;
	}
	strbuf_free(&missing);
	return L->bad_header ? -1 : 0;
}

/* A whole number in [lo, hi] from a field; a column the header lacks
 * reads as lo. */
static int
number(struct loader *L, const struct csvread_record *rec, enum col c,
       long lo, long hi, long *out)
{
	const char *s = field(L, rec, c);

	if (L->col[c] < 0) {
		*out = lo;
		return 0;
	}
	if (util_parse_long(s, lo, hi, out) == UTIL_NUM_OK)
		return 0;
	row_warn(L, rec->line, "%s: expected a whole number from %ld to %ld, "
		 "found `%.40s`", col_names[c], lo, hi, s);
	return -1;
}

static int
red_flags(const char *s, bool *nerve, bool *urgent)
{
	*nerve = *urgent = false;
	if (s[0] == '\0' || util_strcaseeq(s, "none"))
		return 0;
	if (util_strcaseeq(s, "nerve")) {
		*nerve = true;
		return 0;
	}
	if (util_strcaseeq(s, "urgent")) {
		*urgent = true;
		return 0;
	}
	if (util_strcaseeq(s, "nerve;urgent") ||
	    util_strcaseeq(s, "urgent;nerve")) {
		*nerve = *urgent = true;
		return 0;
	}
	return -1;
}

/* The stored words only: b, s and w are for typing. */
static int
morning_value(const char *s, enum checkin_morning *m)
{
	static const enum checkin_morning all[] = {
		CHECKIN_MORNING_NONE, CHECKIN_MORNING_BETTER,
		CHECKIN_MORNING_SAME, CHECKIN_MORNING_WORSE,
	};

	for (size_t i = 0; i < ARRAY_LEN(all); i++) {
		if (util_strcaseeq(s, checkin_morning_name(all[i]))) {
			*m = all[i];
			return 0;
		}
	}
	return -1;
}

/* The line a record ends on: where its last field starts plus the line
 * breaks inside that field. */
static long
record_end_line(const struct csvread_record *rec)
{
	const struct csvread_field *f;
	long line;

	if (rec->n == 0)
		return rec->line;
	f = &rec->f[rec->n - 1];
	line = f->line;
	for (size_t i = 0; i < f->len; i++)
		if (f->text[i] == '\n')
			line++;
	return line;
}

static int
read_row(struct loader *L, const struct csvread_record *rec)
{
	struct history_row r;
	const enum col texts[4] = { C_STARTED, C_ROUTINE, C_HURT, C_REASON };
	size_t off[4];
	const char *s;
	long v;

	memset(&r, 0, sizeof r);
	r.line = rec->line;
	if (!L->ends_nl && record_end_line(rec) >= L->last_line) {
		row_warn(L, rec->line, "incomplete last line (no newline at the "
			 "end: a write cut short?)");
		return 0;
	}
	if (rec->n != L->nfields) {
		row_warn(L, rec->line, "%zu fields, but the header has %zu",
			 rec->n, L->nfields);
		return 0;
	}
	s = field(L, rec, C_STARTED);
	if (parse_started(s, &r.started, &r.utc_offset, &r.day) < 0) {
		row_warn(L, rec->line, "started: expected a date and time like "
			 "2026-11-21T07:30:05+01:00, found `%.40s`", s);
		return 0;
	}
	s = field(L, rec, C_ROUTINE);
	if (s[0] == '\0') {
		row_warn(L, rec->line, "routine: empty");
		return 0;
	}
	if (number(L, rec, C_LEVEL, 1, 10, &v) < 0)
		return 0;
	r.level = (int)v;
	s = field(L, rec, C_STATUS);
	if (util_strcaseeq(s, "completed")) {
		r.status = SESSION_COMPLETED;
	} else if (util_strcaseeq(s, "stopped")) {
		r.status = SESSION_STOPPED;
	} else {
		row_warn(L, rec->line, "status: expected completed or stopped, "
			 "found `%.40s`", s);
		return 0;
	}
	if (number(L, rec, C_PLANNED_S, 0, SECONDS_MAX, &r.planned_s) < 0 ||
	    number(L, rec, C_DONE_S, 0, SECONDS_MAX, &r.done_s) < 0 ||
	    number(L, rec, C_EX_PLANNED, 0, EXERCISES_MAX,
		   &r.exercises_planned) < 0 ||
	    number(L, rec, C_EX_DONE, 0, EXERCISES_MAX, &r.exercises_done) < 0)
		return 0;
	s = field(L, rec, C_PAIN);
	if (s[0] == '\0') {
		r.pain = CHECKIN_PAIN_SKIPPED;
	} else if (util_parse_long(s, 0, 10, &v) == UTIL_NUM_OK) {
		r.pain = (int)v;
	} else {
		row_warn(L, rec->line, "pain: expected a whole number from 0 to "
			 "10 or nothing, found `%.40s`", s);
		return 0;
	}
	s = field(L, rec, C_MORNING);
	if (morning_value(s, &r.morning) < 0) {
		row_warn(L, rec->line, "morning: expected better, same, worse or "
			 "nothing, found `%.40s`", s);
		return 0;
	}
	s = field(L, rec, C_RED_FLAGS);
	if (red_flags(s, &r.nerve, &r.urgent) < 0) {
		row_warn(L, rec->line, "red_flags: expected none, nerve, urgent "
			 "or nerve;urgent, found `%.40s`", s);
		return 0;
	}
	if (number(L, rec, C_NEXT_LEVEL, 1, 10, &v) < 0)
		return 0;
	r.next_level = (int)v;

	/* The texts are copied once into a buffer kept from row to row:
	 * whoever keeps the row copies what it keeps. */
	L->text.len = 0;
	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		off[i] = L->text.len;
		strbuf_add(&L->text, field(L, rec, texts[i]),
			   field_len(L, rec, texts[i]));
		strbuf_addc(&L->text, '\0');
	}
	r.started_text = L->text.s + off[0];
	r.routine = L->text.s + off[1];
	r.hurt = L->text.s + off[2];
	r.reason = L->text.s + off[3];
	L->fn(L->ud, &r);
	return 0;
}

static int
on_record(void *ud, const struct csvread_record *rec)
{
	struct loader *L = ud;

	/* The first record read is the header, also when a damaged line
	 * before it was dropped (when the header itself was, the first row
	 * is taken for it and lacks the columns: an error). */
	if (!L->have_header)
		return read_header(L, rec) < 0;
	return read_row(L, rec);
}

#define CHUNK (64 * 1024)

/* Lines counted two ways over input handed in chunks: LF bytes (what the
 * torn-last-line rule counts) and lines as the CSV reader numbers them
 * (a CR, an LF and a CRLF each end one). */
struct line_count {
	long newlines;
	long lines;		/* the current line, from 1 */
	bool after_cr;
	unsigned char last;	/* the last byte seen */
	off_t bytes;
};

static void
count_lines(struct line_count *c, const char *p, size_t n)
{
	const char *end = p + n, *q;

	if (n == 0)
		return;
	c->bytes += (off_t)n;
	c->last = (unsigned char)p[n - 1];
	if (memchr(p, '\r', n) == NULL) {
		/* the usual case, at memchr's speed */
		long k = 0;

		for (q = p; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
			k++;
		c->newlines += k;
		c->lines += k;
		if (c->after_cr && p[0] == '\n')
			c->lines--;
		c->after_cr = false;
		return;
	}
	for (q = p; q < end; q++) {
		if (*q == '\n') {
			c->newlines++;
			if (!c->after_cr)
				c->lines++;
			c->after_cr = false;
		} else if (*q == '\r') {
			c->lines++;
			c->after_cr = true;
		} else {
			c->after_cr = false;
		}
	}
}

/* The whole file, read under a shared lock so that a row being appended
 * at this moment is seen whole or not at all; for what is not a regular
 * file (a pipe, a device), which cannot be read twice. */
static char *
slurp(int fd, size_t *len, int *err)
{
	struct strbuf b = { 0 };
	char chunk[CHUNK];

	*err = 0;
	for (;;) {
		ssize_t k = read(fd, chunk, sizeof chunk);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			*err = errno;
			break;
		}
		if (k == 0)
			break;
		strbuf_add(&b, chunk, (size_t)k);
		if (b.len > (size_t)CSVREAD_DEFAULT_MAX_BYTES)
			break;	/* csvread_buffer says it is too large */
	}
	if (*err) {
		strbuf_free(&b);
		return NULL;
	}
	*len = b.len;
	return strbuf_take(&b);
}

/* Run the CSV reader over buf[0, len), or over the file at path when buf
 * is NULL, into L; then put its problems and L's into d in line order.
 * `whole`: the input is a whole file (so it must hold a header). */
static int
run_reader(struct loader *L, const char *path, const char *buf, size_t len,
	   bool whole, long first_line, struct diag_list *d)
{
	struct csvread cr;
	struct diag_list cd, own;
	size_t i, j;
	bool header_lost;
	int rc;

	diag_init(&own);
	diag_init(&cd);
	L->d = &own;
	L->path = path;
	memset(&cr, 0, sizeof cr);
	cr.file = path;
	cr.diags = &cd;
	cr.record = on_record;
	cr.ud = L;
	cr.first_line = first_line;
	/* A damaged row (a byte from another encoding, the zeros a power
	 * cut can leave, a runaway field) costs that row, not the history. */
	cr.skip_bad_lines = 1;
	rc = buf != NULL ? csvread_buffer(&cr, buf, len) : csvread_file(&cr, path);
	/* Every line dropped: there is no header to add rows under. */
	header_lost = whole && rc == 0 && !L->have_header && cd.errors > 0;
	/* Merge csvread's problems with ours in line order.  Trouble with a
	 * single line (a stray quote, a bad byte) costs only that line here:
	 * a warning.  Trouble with the whole file stays an error. */
	for (i = 0, j = 0; i < cd.n || j < own.n;) {
		const struct diag *g;
		long line;

		line = i < cd.n ? cd.v[i].line : 0;
		if (j < own.n && (i == cd.n || own.v[j].line < line)) {
			g = &own.v[j++];
			diag_add(d, g->sev, g->file, g->line, 0, "%s", g->msg);
			continue;
		}
		g = &cd.v[i++];
		if (rc == 0 && !header_lost && g->line > 0)
			diag_add(d, DIAG_WARNING, g->file, line, 0,
				 "%s; skipped", g->msg);
		else
			diag_add(d, g->sev, g->file, line, 0, "%s", g->msg);
	}
	if (header_lost)
		diag_add(d, DIAG_ERROR, path, 0, 0, "no header line could be "
			 "read (expected %s)", HISTORY_HEADER);
	diag_free(&cd);
	diag_free(&own);
	strbuf_free(&L->text);
	L->d = NULL;
	return rc < 0 || L->bad_header || header_lost ? -1 : 0;
}

static void
loader_start(struct loader *L, history_row_fn *fn, void *ud)
{
	memset(L, 0, sizeof *L);
	L->fn = fn;
	L->ud = ud;
	L->last_line = 1;
}

/* The last line's number, as the torn-last-line rule counts them. */
static long
last_line(long newlines, bool ends_nl)
{
	return newlines + 1 - (ends_nl && newlines > 0);
}

/* history_scan_file, and when keep is not NULL the rows it will hold are
 * made room for first (the line count bounds them). */
static int
scan_file(const char *path, history_row_fn *fn,
	  void (*bytes)(void *ud, const void *p, size_t n), void *ud,
	  struct history_file *f, struct history *keep, struct diag_list *d)
{
	struct loader L;
	struct line_count lc = { .lines = 1 };
	struct stat st, after, named;
	char *buf;
	size_t len;
	int fd, err = 0, rc;
	bool counted = false;

	memset(f, 0, sizeof *f);
	loader_start(&L, fn, ud);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0 || fstat(fd, &st) < 0) {
		err = errno;
		if (fd >= 0)
			close(fd);
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s",
			 strerror(err));
		return -1;
	}
	f->exists = true;
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s",
			 strerror(EISDIR));
		return -1;
	}
	while (flock(fd, LOCK_SH) < 0 && errno == EINTR)
		;

	if (!S_ISREG(st.st_mode)) {
		buf = slurp(fd, &len, &err);
		close(fd);
		if (buf == NULL) {
			diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s",
				 strerror(err));
			return -1;
		}
		count_lines(&lc, buf, len);
		L.ends_nl = len == 0 || buf[len - 1] == '\n';
		L.last_line = last_line(lc.newlines, L.ends_nl);
		rc = run_reader(&L, path, buf, len, true, 1, d);
		free(buf);
		return rc;
	}

	/* A regular file is streamed twice: once here for its line count
	 * (and for the caller's hash), once by the CSV reader, which opens
	 * it by name.  The shared lock keeps appenders out in between; one
	 * that swaps the file meanwhile is noticed (f->stable). */
	if (st.st_size <= CSVREAD_DEFAULT_MAX_BYTES) {
		char *chunk = xmalloc(CHUNK);

		for (;;) {
			ssize_t k = read(fd, chunk, CHUNK);

			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				err = k < 0 ? errno : 0;
				break;
			}
			count_lines(&lc, chunk, (size_t)k);
			if (bytes != NULL)
				bytes(ud, chunk, (size_t)k);
		}
		free(chunk);
		if (err != 0) {
			close(fd);
			diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s",
				 strerror(err));
			return -1;
		}
		counted = true;
	}
	L.ends_nl = lc.bytes == 0 || lc.last == '\n';
	L.last_line = last_line(lc.newlines, L.ends_nl);
	if (keep != NULL && counted) {
		/* Every row takes a line and at least 32 bytes. */
		size_t most = (size_t)lc.newlines + 1;

		if (most > (size_t)lc.bytes / 32 + 1)
			most = (size_t)lc.bytes / 32 + 1;
		if (keep->cap < keep->n + most) {
			keep->cap = keep->n + most;
			keep->rows = xreallocarray(keep->rows, keep->cap,
						   sizeof *keep->rows);
		}
	}
	rc = run_reader(&L, path, NULL, 0, true, 1, d);

	f->stable = counted && lc.bytes == st.st_size &&
		    fstat(fd, &after) == 0 && after.st_size == st.st_size &&
		    after.st_ino == st.st_ino && stat(path, &named) == 0 &&
		    named.st_dev == st.st_dev && named.st_ino == st.st_ino;
	close(fd);
	f->size = st.st_size;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->ends_nl = counted && lc.bytes > 0 && lc.last == '\n';
	f->header = L.have_header && !L.bad_header;
	memcpy(f->end.col, L.col, sizeof f->end.col);
	f->end.nfields = L.nfields;
	f->end.line = lc.lines;
	f->end.newlines = lc.newlines;
	return rc;
}

int
history_scan_file(const char *path, history_row_fn *fn,
		  void (*bytes)(void *ud, const void *p, size_t n), void *ud,
		  struct history_file *f, struct diag_list *d)
{
	return scan_file(path, fn, bytes, ud, f, NULL, d);
}

int
history_scan_rows(const char *path, struct history_resume *at,
		  const char *buf, size_t len, history_row_fn *fn, void *ud,
		  struct diag_list *d)
{
	struct loader L;
	struct line_count lc = { .lines = 1 };
	int rc;

	loader_start(&L, fn, ud);
	L.have_header = true;
	memcpy(L.col, at->col, sizeof L.col);
	L.nfields = at->nfields;
	count_lines(&lc, buf, len);
	L.ends_nl = len == 0 || buf[len - 1] == '\n';
	/* as the whole file would count it: an empty tail ends the file
	 * with the newline before it */
	L.last_line = last_line(at->newlines + lc.newlines,
				len == 0 || L.ends_nl);
	/* Numbered as in the whole file, also inside the reader's own
	 * messages ("the quoted field began on line N"). */
	rc = run_reader(&L, path, buf, len, false, at->line, d);
	at->line += lc.lines - 1;
	at->newlines += lc.newlines;
	return rc;
}

int
history_load(struct history *h, const char *path, struct diag_list *d)
{
	struct history_file f;

	return scan_file(path, keep_row, NULL, h, &f, h, d);
}

/* ---------------------------------------------------------------------
 * Building and writing rows. */

/* What the reader takes back: a routine run by its path is named by the
 * file, which may hold any byte, and a row the reader refuses would be a
 * session lost. */
static char *
one_line(const char *s)
{
	return util_one_line_text(s ? s : "");
}

void
history_row_make(struct history_row *row, const char *routine,
		 const struct session_record *rec, time_t started,
		 const struct checkin *ci, int next_level, const char *reason)
{
	struct strbuf hurt = { 0 };
	char *names;
	struct tm tm;
	long off, aoff;

	memset(row, 0, sizeof *row);
	if (localtime_r(&started, &tm) == NULL) {
		/* Only for times far outside any calendar; keep it UTC. */
		gmtime_r(&started, &tm);
		tm.tm_gmtoff = 0;
	}
	off = (long)tm.tm_gmtoff;
	aoff = off < 0 ? -off : off;
	row->started_text = xasprintf("%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
				      tm.tm_year + 1900, tm.tm_mon + 1,
				      tm.tm_mday, tm.tm_hour, tm.tm_min,
				      tm.tm_sec, off < 0 ? '-' : '+',
				      aoff / 3600, aoff % 3600 / 60);
	row->started = started;
	row->utc_offset = off;
	row->day = day_number(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
	row->routine = one_line(routine);
	row->level = rec->level;
	row->status = rec->status == SESSION_STOPPED ? SESSION_STOPPED
						     : SESSION_COMPLETED;
	row->planned_s = (long)((rec->planned_ms + 500) / 1000);
	row->done_s = (long)((rec->done_ms + 500) / 1000);
	row->exercises_planned = (long)rec->exercises_planned;
	row->exercises_done = (long)rec->exercises_done;
	row->pain = ci->pain;
	row->morning = ci->morning;
	row->nerve = ci->nerve;
	row->urgent = ci->urgent;
	for (size_t i = 0; i < rec->nex; i++) {
		if (rec->ex[i].outcome != EXO_HURT)
			continue;
		if (hurt.len)
			strbuf_addc(&hurt, ';');
		strbuf_adds(&hurt, rec->ex[i].name ? rec->ex[i].name : "");
	}
	names = strbuf_take(&hurt);
	row->hurt = one_line(names);
	free(names);
	row->next_level = next_level;
	row->reason = one_line(reason);
	row->line = 0;
}

static const char *
status_name(enum session_status st)
{
	return st == SESSION_STOPPED ? "stopped" : "completed";
}

static const char *
red_flags_name(const struct history_row *r)
{
	if (r->nerve && r->urgent)
		return "nerve;urgent";
	if (r->urgent)
		return "urgent";
	if (r->nerve)
		return "nerve";
	return "none";
}

static void
add_long(struct strbuf *b, long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	/* by hand: a long history is printed a number at a time */
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	strbuf_add(b, p, (size_t)(buf + sizeof buf - p));
}

static void
add_quoted(struct strbuf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	char *q;

	/* What util_csv_quote leaves as it is goes in without a copy. */
	if (n == 0 || !util_csv_needs_quotes(s)) {
		strbuf_add(b, s ? s : "", n);
		return;
	}
	q = util_csv_quote(s);
	strbuf_adds(b, q);
	free(q);
}

/* Column c of r as written to the file. */
static void
add_value(struct strbuf *b, const struct history_row *r, enum col c)
{
	switch (c) {
	case C_STARTED: add_quoted(b, r->started_text); break;
	case C_ROUTINE: add_quoted(b, r->routine); break;
	case C_LEVEL: add_long(b, r->level); break;
	case C_STATUS: strbuf_adds(b, status_name(r->status)); break;
	case C_PLANNED_S: add_long(b, r->planned_s); break;
	case C_DONE_S: add_long(b, r->done_s); break;
	case C_EX_PLANNED: add_long(b, r->exercises_planned); break;
	case C_EX_DONE: add_long(b, r->exercises_done); break;
	case C_PAIN:
		if (r->pain >= 0)
			add_long(b, r->pain);
		break;
	case C_MORNING: strbuf_adds(b, checkin_morning_name(r->morning)); break;
	case C_RED_FLAGS: strbuf_adds(b, red_flags_name(r)); break;
	case C_HURT: add_quoted(b, r->hurt); break;
	case C_NEXT_LEVEL: add_long(b, r->next_level); break;
	case C_REASON: add_quoted(b, r->reason); break;
	case NCOLS: break;
	}
}

static const long canonical[NCOLS] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
};

/* r as a line of a file whose header has nfields fields, column c being
 * field col[c] (HISTORY_HEADER: canonical and NCOLS); a field that is
 * none of ours stays empty. */
static void
add_row(struct strbuf *b, const struct history_row *r, const long col[NCOLS],
	size_t nfields)
{
	for (size_t i = 0; i < nfields; i++) {
		if (i > 0)
			strbuf_addc(b, ',');
		for (size_t c = 0; c < NCOLS; c++) {
			if (col[c] == (long)i) {
				add_value(b, r, (enum col)c);
				break;
			}
		}
	}
	strbuf_addc(b, '\n');
}

char *
history_row_csv(const struct history_row *r)
{
	struct strbuf b = { 0 };

	add_row(&b, r, canonical, NCOLS);
	return strbuf_take(&b);
}

static int
append_fail(struct diag_list *d, const char *path, const char *what, int err)
{
	diag_add(d, DIAG_ERROR, path, 0, 0, "cannot %s: %s", what,
		 strerror(err));
	return -1;
}

/* mkdir -p for the directories above path; the ones made are 0700
 * whatever the umask (health data is private). */
static int
make_parents(const char *path, struct diag_list *d)
{
	char *p = xstrdup(path);
	int rc = 0;

	for (char *s = p + 1; *s && rc == 0; s++) {
		if (*s != '/' || s[-1] == '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) == 0) {
			if (chmod(p, 0700) < 0) {
				diag_add(d, DIAG_ERROR, path, 0, 0,
					 "cannot make the directory %s private: %s",
					 p, strerror(errno));
				rc = -1;
			}
		} else if (errno != EEXIST) {
			diag_add(d, DIAG_ERROR, path, 0, 0,
				 "cannot create the directory %s: %s", p,
				 strerror(errno));
			rc = -1;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

/* What must come before a new row in a file of `size` bytes that does not
 * end with a newline: the newline, and first a closing quote when the torn
 * line stopped inside a quoted field (our rows never hold a line break, so
 * an odd number of quotes on the last line means exactly that). */
static const char *
torn_fix(int fd, off_t size)
{
	char chunk[4096];
	long quotes = 0;
	off_t end = size;
	bool found = false;

	if (size <= 0 || pread(fd, chunk, 1, size - 1) != 1 ||
	    chunk[0] == '\n')
		return "";
	while (end > 0 && !found) {
		off_t start = end > (off_t)sizeof chunk ? end - (off_t)sizeof chunk : 0;
		ssize_t k = pread(fd, chunk, (size_t)(end - start), start);

		if (k <= 0)
			break;
		for (ssize_t i = k - 1; i >= 0; i--) {
			if (chunk[i] == '\n') {
				found = true;
				break;
			}
			if (chunk[i] == '"')
				quotes++;
		}
		end = start;
	}
	return quotes % 2 ? "\"\n" : "\n";
}

/* Does the file hold nothing but blanks, line endings and NULs (what a
 * power cut can leave of a new file)?  Only a small file is looked at: a
 * big one is not an emptied history. */
static bool
blank_file(int fd, off_t size)
{
	char chunk[4096];

	if (size <= 0 || size > (off_t)sizeof chunk ||
	    pread(fd, chunk, (size_t)size, 0) != (ssize_t)size)
		return false;
	for (off_t i = 0; i < size; i++)
		if (chunk[i] != '\0' && strchr(" \t\r\n", chunk[i]) == NULL)
			return false;
	return true;
}

/* The first record of a file, taken for its header as reading takes it,
 * and where it puts our columns. */
struct found_header {
	bool found;
	long line;
	long col[NCOLS];
	size_t nfields;
	struct strbuf missing;	/* the columns it lacks, all of them */
};

static int
on_found_header(void *ud, const struct csvread_record *rec)
{
	struct found_header *fh = ud;

	fh->found = true;
	fh->line = rec->line;
	fh->nfields = rec->n;
	map_header(rec, fh->col, true, &fh->missing);
	return 1;	/* the header is all we need */
}

/* Could a row added to path be read back?  Returns true with fh telling
 * where each column goes, or false with why (a new string) and fh->line
 * where the header is, or should be. */
static bool
header_usable(const char *path, struct found_header *fh, char **why)
{
	struct csvread cr;
	struct diag_list quiet;

	memset(fh, 0, sizeof *fh);
	fh->line = 1;
	diag_init(&quiet);
	memset(&cr, 0, sizeof cr);
	cr.file = path;
	cr.diags = &quiet;	/* the reading of the history reports them */
	cr.record = on_found_header;
	cr.ud = fh;
	cr.skip_bad_lines = 1;
	csvread_file(&cr, path);
	diag_free(&quiet);
	if (!fh->found)
		*why = xstrdup("no header line could be read");
	else if (fh->missing.len)
		*why = xasprintf("the header lacks the column(s) %s",
				 fh->missing.s);
	strbuf_free(&fh->missing);
	return fh->found && *why == NULL;
}

enum appended { APPENDED, NOT_WRITTEN, BAD_HEADER };

/* history_append without the rescue: BAD_HEADER (nothing written, *why
 * and *why_line set) when the file's header could not read the row. */
static enum appended
append_row(const char *path, const struct history_row *row,
	   struct diag_list *d, char **why, long *why_line)
{
	struct strbuf b = { 0 };
	struct found_header fh;
	struct stat st;
	ssize_t n;
	bool created = false;
	int fd, err = 0;

	if (make_parents(path, d) < 0)
		return NOT_WRITTEN;
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		created = true;
	else if (errno == EEXIST)
		fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
	if (fd < 0) {
		append_fail(d, path, "open for appending", errno);
		return NOT_WRITTEN;
	}
	/* open's mode went through the umask; say exactly what we mean. */
	if (created && fchmod(fd, 0600) < 0) {
		err = errno;
		close(fd);
		append_fail(d, path, "make the file private", err);
		return NOT_WRITTEN;
	}
	while (flock(fd, LOCK_EX) < 0) {
		if (errno == EINTR)
			continue;
		/* A file system without locks: one O_APPEND write is still
		 * the best there is, so go on without. */
		if (errno == ENOLCK || errno == EOPNOTSUPP)
			break;
		err = errno;
		close(fd);
		append_fail(d, path, "lock", err);
		return NOT_WRITTEN;
	}
	/* Under the lock, the size says whether another process has written
	 * the header already. */
	if (fstat(fd, &st) < 0) {
		err = errno;
		close(fd);
		append_fail(d, path, "stat", err);
		return NOT_WRITTEN;
	}
	/* A file emptied by hand (`echo > history.csv` leaves a newline)
	 * has no header yet either: rows without one could never be read. */
	if (st.st_size == 0 || (S_ISREG(st.st_mode) && blank_file(fd, st.st_size))) {
		if (S_ISREG(st.st_mode))
			strbuf_adds(&b, torn_fix(fd, st.st_size));
		strbuf_adds(&b, HISTORY_HEADER "\n");
		add_row(&b, row, canonical, NCOLS);
	} else if (S_ISREG(st.st_mode)) {
		if (!header_usable(path, &fh, why)) {
			*why_line = fh.line;
			close(fd);
			return BAD_HEADER;
		}
		strbuf_adds(&b, torn_fix(fd, st.st_size));
		add_row(&b, row, fh.col, fh.nfields);
	} else {
		add_row(&b, row, canonical, NCOLS);	/* a device: as it is */
	}

	do
		n = write(fd, b.s, b.len);
	while (n < 0 && errno == EINTR);
	if (n < 0 || (size_t)n != b.len) {
		if (n < 0)
			append_fail(d, path, "write", errno);
		else
			diag_add(d, DIAG_ERROR, path, 0, 0,
				 "cannot write: only %zd of %zu bytes written "
				 "(disk full?)", n, b.len);
		/* Take back a partial row rather than leave a torn line. */
		if (n > 0 && S_ISREG(st.st_mode) &&
		    ftruncate(fd, st.st_size) < 0) {
			/* the torn line stays; reading skips it */
		}
		strbuf_free(&b);
		close(fd);
		return NOT_WRITTEN;
	}
	strbuf_free(&b);
	if (fsync(fd) < 0 && errno != EINVAL) {
		err = errno;
		close(fd);
		append_fail(d, path, "sync to disk", err);
		return NOT_WRITTEN;
	}
	if (close(fd) < 0) {
		append_fail(d, path, "close", errno);
		return NOT_WRITTEN;
	}
	return APPENDED;
}

#define RESCUE_FILES 20

/* The k-th place (from 1) for a row that path's header cannot take:
 * history-rescued.csv, history-rescued-2.csv ... beside it. */
static char *
rescue_path(const char *path, int k)
{
	size_t n = strlen(path);
	int stem = (int)(util_endswith(path, ".csv") ? n - 4 : n);

	if (k == 1)
		return xasprintf("%.*s-rescued.csv", stem, path);
	return xasprintf("%.*s-rescued-%d.csv", stem, path, k);
}

int
history_append(const char *path, const struct history_row *row,
	       struct diag_list *d)
{
	struct diag_list rd;
	char *why = NULL, *rescue = NULL;
	long line = 0;
	enum appended r = append_row(path, row, d, &why, &line);

	if (r != BAD_HEADER)
		return r == APPENDED ? 0 : -1;
	/* A row appended under a header that cannot read it would be lost
	 * for good: leave the file as it is, and keep the row in a history
	 * of its own beside it. */
	diag_init(&rd);
	for (int k = 1; k <= RESCUE_FILES && r == BAD_HEADER; k++) {
		char *w = NULL;
		long l;

		free(rescue);
		rescue = rescue_path(path, k);
		r = append_row(rescue, row, &rd, &w, &l);
		free(w);
	}
	for (size_t i = 0; i < rd.n; i++)
		diag_add(d, rd.v[i].sev, rd.v[i].file, rd.v[i].line,
			 rd.v[i].col, "%s", rd.v[i].msg);
	if (r == APPENDED)
		diag_add(d, DIAG_ERROR, path, line, 0, "%s, so a row added to "
			 "this file could not be read back: this session was "
			 "saved in %s instead (fix the header, then move the "
			 "rows from there to the end of this file)", why,
			 rescue);
	else if (r == NOT_WRITTEN)
		diag_add(d, DIAG_ERROR, path, line, 0, "%s, so a row added to "
			 "this file could not be read back, and saving this "
			 "session in %s failed too", why, rescue);
	else
		diag_add(d, DIAG_ERROR, path, line, 0, "%s, so a row added to "
			 "this file could not be read back, and no header of "
			 "%s and the %d files before it could either", why,
			 rescue, RESCUE_FILES - 1);
	diag_free(&rd);
	free(why);
	free(rescue);
	return r == APPENDED ? 1 : -1;
}

/* ---------------------------------------------------------------------
 * Queries. */

const struct history_row *
history_last(const struct history *h, const char *routine)
{
	for (size_t i = h->n; i-- > 0;)
		if (routine == NULL || strcmp(h->rows[i].routine, routine) == 0)
			return &h->rows[i];
	return NULL;
}

int
history_level(const struct history *h, const char *routine)
{
	const struct history_row *r = history_last(h, routine);

	return r ? r->next_level : 1;
}

char *
history_ago(const struct history_row *row, time_t now, char *buf, size_t n)
{
	long days = history_local_day(now) - row->day;
	const char *t = row->started_text;

	if (n == 0)
		return buf;
	if (days == 0)
		snprintf(buf, n, "today %.5s", t + 11);
	else if (days == 1)
		snprintf(buf, n, "yesterday %.5s", t + 11);
	else if (days >= 2 && days <= 6)
		snprintf(buf, n, "%ld days ago", days);
	else
		snprintf(buf, n, "%.10s", t);
	return buf;
}

void
history_stats(const struct history *h, time_t now, struct history_stats *st)
{
	struct histsum sum;

	histsum_init(&sum);
	for (size_t i = 0; i < h->n; i++)
		histsum_add(&sum, &h->rows[i]);
	histsum_stats(&sum, now, st);
	histsum_free(&sum);
}

/* ---------------------------------------------------------------------
 * Output. */

/* Characters, not bytes, so UTF-8 names line up. */
static size_t
text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void
put_padded(FILE *fp, const char *s, size_t width)
{
	size_t w = text_width(s);

	fputs(s, fp);
	for (; w < width; w++)
		fputc(' ', fp);
}

static char *
done_text(const struct history_row *r)
{
	return xasprintf("%ld/%ld %ld:%02ld", r->exercises_done,
			 r->exercises_planned, r->done_s / 60, r->done_s % 60);
}

void
history_print(FILE *fp, const struct history *h)
{
	size_t wr = strlen("routine"), wd = strlen("done");

	if (h->n == 0) {
		fputs("No sessions yet.\n", fp);
		return;
	}
	for (size_t i = 0; i < h->n; i++) {
		char *done = done_text(&h->rows[i]);

		if (text_width(h->rows[i].routine) > wr)
			wr = text_width(h->rows[i].routine);
		if (strlen(done) > wd)
			wd = strlen(done);
		free(done);
	}
	put_padded(fp, "date", 18);
	put_padded(fp, "routine", wr + 2);
	put_padded(fp, "level", 7);
	put_padded(fp, "status", 11);
	put_padded(fp, "done", wd + 2);
	put_padded(fp, "pain", 6);
	fputs("decision\n", fp);
	for (size_t i = h->n; i-- > 0;) {
		const struct history_row *r = &h->rows[i];
		char *done = done_text(r);
		char date[17], level[12], pain[12];

		snprintf(date, sizeof date, "%.10s %.5s", r->started_text,
			 r->started_text + 11);
		snprintf(level, sizeof level, "%d", r->level);
		if (r->pain >= 0)
			snprintf(pain, sizeof pain, "%d", r->pain);
		else
			strcpy(pain, "-");
		put_padded(fp, date, 18);
		put_padded(fp, r->routine, wr + 2);
		put_padded(fp, level, 7);
		put_padded(fp, status_name(r->status), 11);
		put_padded(fp, done, wd + 2);
		put_padded(fp, pain, 6);
		if (r->reason[0])
			fprintf(fp, "%s\n", r->reason);
		else
			fprintf(fp, "level %d -> %d\n", r->level, r->next_level);
		free(done);
	}
}

void
history_print_csv(FILE *fp, const struct history *h)
{
	struct strbuf b = { 0 };

	fputs(HISTORY_HEADER "\n", fp);
	for (size_t i = 0; i < h->n; i++) {
		b.len = 0;
		add_row(&b, &h->rows[i], canonical, NCOLS);
		fwrite(b.s, 1, b.len, fp);
	}
	strbuf_free(&b);
}

static const char *
plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Rising, falling or steady: the newer half of the answers against the
 * older half (the pain-monitoring model asks that pain not rise week to
 * week). */
static const char *
trend_word(const struct history_stats *st)
{
	double older = 0, newer = 0;
	size_t half, seen = 0, no = 0, nn = 0;

	if (st->npain < 4)
		return NULL;
	half = st->npain / 2;
	for (size_t i = 0; i < st->ntrend; i++) {
		if (st->trend[i] < 0)
			continue;
		if (seen++ < half) {
			older += st->trend[i];
			no++;
		} else {
			newer += st->trend[i];
			nn++;
		}
	}
	older /= (double)no;
	newer /= (double)nn;
	if (newer - older >= 1.0)
		return "rising";
	if (older - newer >= 1.0)
		return "falling";
	return "steady";
}

static void
print_chart(FILE *fp, const struct history_stats *st, bool utf8)
{
	const char *full = utf8 ? "\u2588" : "#";
	const char *half = utf8 ? "\u2584" : ".";
	const char *vbar = utf8 ? "\u2502" : "|";
	const char *corner = utf8 ? "\u2514" : "+";
	const char *hbar = utf8 ? "\u2500" : "-";
	bool skipped = false;

	fprintf(fp, "Pain after the last %zu %s (0-10, oldest on the left)\n",
		st->ntrend, plural((long)st->ntrend, "session", "sessions"));
	for (int v = 10; v >= 2; v -= 2) {
		fprintf(fp, "  %2d %s", v, vbar);
		for (size_t i = 0; i < st->ntrend; i++) {
			int p = st->trend[i];

			fputs(p >= v ? full : p == v - 1 ? half : " ", fp);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "   0 %s", corner);
	for (size_t i = 0; i < st->ntrend; i++) {
		fputs(st->trend[i] < 0 ? "?" : hbar, fp);
		skipped |= st->trend[i] < 0;
	}
	fputc('\n', fp);
	if (skipped)
		fputs("     (? = pain not answered)\n", fp);
}

void
history_print_stats(FILE *fp, const struct history *h, time_t now, bool utf8)
{
	struct history_stats st;

	history_stats(h, now, &st);
	history_print_stats_from(fp, &st, utf8);
}

void
history_print_stats_from(FILE *fp, const struct history_stats *sp, bool utf8)
{
	const struct history_stats st = *sp;
	const char *full = utf8 ? "\u2588" : "#";
	const char *word;

	if (st.sessions == 0) {
		fputs("No sessions yet.\n", fp);
		return;
	}
	fprintf(fp, "Sessions        %zu (%zu completed, %d%%)\n", st.sessions,
		st.completed, st.completed_pct);
	fprintf(fp, "Current streak  %d %s\n", st.streak_current,
		plural(st.streak_current, "day", "days"));
	fprintf(fp, "Longest streak  %d %s\n", st.streak_longest,
		plural(st.streak_longest, "day", "days"));

	fputs("\nSessions per week (Monday to Sunday)\n", fp);
	for (int w = HISTORY_WEEKS - 1; w >= 0; w--) {
		char date[DATE_BUF];

		day_date(st.week_start[w], date);
		fprintf(fp, "  week of %s  %2d  ", date, st.per_week[w]);
		for (int i = 0; i < st.per_week[w] && i < 20; i++)
			fputs(full, fp);
		fputs(w == 0 ? " (this week)\n" : "\n", fp);
	}

	fputc('\n', fp);
	print_chart(fp, &st, utf8);
	if (st.npain == 0) {
		fputs("No pain answers yet.\n", fp);
		return;
	}
	word = trend_word(&st);
	fprintf(fp, "Average pain %.1f over %zu %s%s%s\n", st.pain_mean, st.npain,
		plural((long)st.npain, "answer", "answers"),
		word ? "; trend: " : "", word ? word : "");
}
