/* read.c - reading history.csv: forgiving and loud (history.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "core/caldate.h"
#include "core/csvread.h"
#include "core/fileio.h"
#include "history/histcols.h"
#include "history/history.h"

#define SECONDS_MAX 10000000L	/* about 115 days: more is not a session */
#define EXERCISES_MAX 100000L

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

/* The UTC offset after a time: Z, +HH:MM, +HHMM or +HH (or '-'). */
static int
parse_offset(const char *z, long *off)
{
	long oh, om = 0;
	int sign = z[0] == '-' ? -1 : 1;

	if ((z[0] == 'Z' || z[0] == 'z') && z[1] == '\0') {
		*off = 0;
		return 0;
	}
	if (z[0] != '+' && z[0] != '-')
		return -1;
	oh = digits(z + 1, 2);
	if (oh < 0 || oh > 23)
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
	*off = sign * (oh * 3600 + om * 60);
	return 0;
}

/* A civil time with no offset, as the local time zone has it then. */
static int
local_offset(long y, long mo, long d, long h, long mi, long sec, long *off)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = (int)(y - 1900);
	tm.tm_mon = (int)(mo - 1);
	tm.tm_mday = (int)d;
	tm.tm_hour = (int)h;
	tm.tm_min = (int)mi;
	tm.tm_sec = (int)sec;
	tm.tm_isdst = -1;
	errno = 0;
	t = mktime(&tm);
	if (t == (time_t)-1 && errno == EOVERFLOW)
		return -1;
	*off = tm.tm_gmtoff;
	return 0;
}

/* YYYY-MM-DDTHH:MM:SS followed by an offset (parse_offset), as limber
 * writes it; also as spreadsheets write it back: a space for the T, no
 * seconds, and no offset, which is read as local time (*local set). */
static int
parse_started(const char *s, time_t *t, long *off, long *day, bool *local)
{
	long y, mo, d, h, mi, sec = 0;
	const char *z;

	*local = false;
	if (strlen(s) < 16 || s[4] != '-' || s[7] != '-' ||
	    (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':')
		return -1;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	z = s + 16;
	if (z[0] == ':') {
		sec = digits(z + 1, 2);
		z += 3;
	}
	if (y < 1900 || mo < 1 || mo > 12 || d < 1 ||
	    d > caldate_month_days(y, (int)mo) || h < 0 || h > 23 || mi < 0 ||
	    mi > 59 || sec < 0 || sec > 60)
		return -1;
	if (*z == '\0') {
		*local = true;
		if (local_offset(y, mo, d, h, mi, sec, off) != 0)
			return -1;
	} else if (parse_offset(z, off) != 0) {
		return -1;
	}
	*day = caldate_day(y, (int)mo, (int)d);
	*t = (time_t)*day * 86400 + h * 3600 + mi * 60 + sec - *off;
	return 0;
}

int
histcols_parse_started(const char *s, time_t *t, long *off, long *day)
{
	bool local;

	return parse_started(s, t, off, day, &local);
}

/* ---------------------------------------------------------------------
 * Reading. */

const char *const histcols_names[NCOLS] = {
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
	bool local_told;	/* a time without offset was warned about */
	size_t undated;		/* rows skipped for their date */
	struct strbuf undated_routines;	/* their routines, ", "-separated */
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

/* started as limber writes it: 2026-11-21T07:30:05+01:00. */
static void
canonical_started(const struct history_row *r, char *buf, size_t n)
{
	time_t local = r->started + r->utc_offset;
	long aoff = r->utc_offset < 0 ? -r->utc_offset : r->utc_offset;
	struct tm tm;

	if (gmtime_r(&local, &tm) == NULL)
		return;
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, r->utc_offset < 0 ? '-' : '+',
		 aoff / 3600, aoff % 3600 / 60);
}

/* A row skipped for its date: counted, with its routine, so the reader
 * can say that levels may show too low (the row's next_level is lost). */
static void
undated(struct loader *L, const char *routine)
{
	struct strbuf *b = &L->undated_routines;
	size_t n = strlen(routine);
	const char *p = b->s;

	L->undated++;
	if (n == 0 || b->len > 200)
		return;
	for (; p != NULL && (p = strstr(p, routine)) != NULL; p += n)
		if ((p == b->s || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
			return;
	if (b->len > 0)
		strbuf_adds(b, ", ");
	strbuf_add(b, routine, n);
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

void
histcols_map_header(const struct csvread_record *rec, long col[NCOLS],
		    bool all, struct strbuf *missing)
{
	for (size_t c = 0; c < NCOLS; c++)
		col[c] = -1;
	for (size_t i = 0; i < rec->n; i++)
		for (size_t c = 0; c < NCOLS; c++)
			if (col[c] < 0 &&
			    util_strcaseeq(rec->f[i].text, histcols_names[c]))
				col[c] = (long)i;
	for (size_t c = 0; c < NCOLS; c++) {
		if ((!all && !col_required[c]) || col[c] >= 0)
			continue;
		strbuf_adds(missing, missing->len ? ", " : "");
		strbuf_adds(missing, histcols_names[c]);
	}
}

static int
read_header(struct loader *L, const struct csvread_record *rec)
{
	struct strbuf missing = { 0 };

	L->have_header = true;
	histcols_map_header(rec, L->col, false, &missing);
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
		 "found `%.40s`", histcols_names[c], lo, hi, s);
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
	bool local;
	char canon[64] = "";

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
	if (parse_started(s, &r.started, &r.utc_offset, &r.day, &local) < 0) {
		row_warn(L, rec->line, "started: expected a date and time like "
			 "2026-11-21T07:30:05+01:00, found `%.40s`", s);
		if (!util_strcaseeq(s, "started"))	/* a header again */
			undated(L, field(L, rec, C_ROUTINE));
		return 0;
	}
	/* written back (history --csv) as limber writes it, so it reads
	 * back without a word */
	if (local || s[10] != 'T' || s[16] != ':')
		canonical_started(&r, canon, sizeof canon);
	if (local && !L->local_told) {
		L->local_told = true;
		diag_add(L->d, DIAG_WARNING, L->path, rec->line, 0, "started "
			 "`%.40s` has no UTC offset (as a spreadsheet saves "
			 "it): read as local time, here and in every row like "
			 "it", s);
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
		if (i == 0 && canon[0] != '\0')
			strbuf_adds(&L->text, canon);
		else
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

/* Run the CSV reader over buf[0, len), or over the file open as fd (the
 * history at path) when buf is NULL, into L; then put its problems and L's
 * into d in line order.  `whole`: the input is a whole file (so it must
 * hold a header). */
static int
run_reader(struct loader *L, const char *path, int fd, const char *buf,
	   size_t len, bool whole, long first_line, struct diag_list *d)
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
	rc = buf != NULL ? csvread_buffer(&cr, buf, len) : csvread_fd(&cr, fd);
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
	/* Never a level reset in silence: a lost row may hold the level. */
	if (L->undated > 0)
		diag_add(d, DIAG_WARNING, path, 0, 0, "%zu session%s skipped "
			 "because the date could not be read (%s): levels may "
			 "show lower than they are; write the dates like "
			 "2026-11-21T07:30:05+01:00 and they count again",
			 L->undated, L->undated == 1 ? "" : "s",
			 L->undated_routines.s ? L->undated_routines.s : "");
	strbuf_free(&L->undated_routines);
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
 * made room for first (the line count bounds them); `locked`: the caller
 * holds the file's lock already (no shared lock is taken). */
static int
scan_file(const char *path, history_row_fn *fn,
	  void (*bytes)(void *ud, const void *p, size_t n), void *ud,
	  struct history_file *f, struct history *keep, bool locked,
	  struct diag_list *d)
{
	struct loader L;
	struct line_count lc = { .lines = 1 };
	struct stat st, after, named;
	const char *why;
	int fd, err = 0, rc;
	bool counted = false;

	memset(f, 0, sizeof *f);
	loader_start(&L, fn, ud);
	/* Only a regular file, not through a link: a FIFO would hang us, a
	 * link could lead anywhere (a device, someone else's file). */
	fd = fileio_open_file(path, O_RDONLY | O_NOFOLLOW, 0, &st, &why);
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0) {
		f->exists = true;
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s", why);
		return -1;
	}
	f->exists = true;
	if (!locked)
		while (flock(fd, LOCK_SH) < 0 && errno == EINTR)
			;

	/* A regular file is streamed twice through this one descriptor:
	 * once here for its line count (and for the caller's hash), once by
	 * the CSV reader.  The shared lock keeps appenders out in between;
	 * one that swaps the file meanwhile is noticed (f->stable). */
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
	if (lseek(fd, 0, SEEK_SET) != 0) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s",
			 strerror(errno));
		close(fd);
		return -1;
	}
	rc = run_reader(&L, path, fd, NULL, 0, true, 1, d);

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
	return scan_file(path, fn, bytes, ud, f, NULL, false, d);
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
	rc = run_reader(&L, path, -1, buf, len, false, at->line, d);
	at->line += lc.lines - 1;
	at->newlines += lc.newlines;
	return rc;
}

int
history_load(struct history *h, const char *path, struct diag_list *d)
{
	struct history_file f;

	return scan_file(path, histcols_keep_row, NULL, h, &f, h, false, d);
}

int
histcols_load_locked(struct history *h, const char *path, struct diag_list *d)
{
	struct history_file f;

	return scan_file(path, histcols_keep_row, NULL, h, &f, h, true, d);
}

/* The user a uid names, for messages: "alice (uid 1000)". */
static char *
user_text(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL && pw->pw_name != NULL)
		return xasprintf("%s (uid %ld)", pw->pw_name, (long)uid);
	return xasprintf("uid %ld", (long)uid);
}

static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	return slash == path ? xstrdup("/")
			     : xstrndup(path, (size_t)(slash - path));
}

int
histcols_private(int fd, const struct stat *st, const char *path,
		 struct diag_list *d)
{
	char *dir = folder_of(path), *who;
	struct stat ds;
	int rc = 0;

	if (st->st_uid != geteuid()) {
		who = user_text(st->st_uid);
		diag_add(d, DIAG_ERROR, path, 0, 0, "it belongs to %s, not to "
			 "you: limber keeps your health data only in files of "
			 "your own (move it away, or point XDG_DATA_HOME at a "
			 "folder of yours)", who);
		free(who);
		rc = -1;
	} else if (stat(dir, &ds) != 0) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot look at its folder "
			 "%s: %s", dir, strerror(errno));
		rc = -1;
	} else if (ds.st_uid != geteuid()) {
		who = user_text(ds.st_uid);
		diag_add(d, DIAG_ERROR, path, 0, 0, "its folder %s belongs to "
			 "%s, not to you: limber keeps your health data only in "
			 "folders of your own (point XDG_DATA_HOME at a folder "
			 "of yours)", dir, who);
		free(who);
		rc = -1;
	} else {
		/* the folder's name list is less than the file's rows:
		 * made private without a word */
		if ((ds.st_mode & 077) != 0 && chmod(dir, 0700) != 0)
			diag_add(d, DIAG_WARNING, path, 0, 0, "its folder %s is "
				 "open to others (mode %04o) and cannot be made "
				 "private: %s", dir, (unsigned)(ds.st_mode & 07777),
				 strerror(errno));
		if ((st->st_mode & 077) != 0) {
			if (fchmod(fd, 0600) == 0)
				diag_add(d, DIAG_WARNING, path, 0, 0, "it was "
					 "open to others (mode %04o): limber "
					 "made it private (0600)",
					 (unsigned)(st->st_mode & 07777));
			else
				diag_add(d, DIAG_WARNING, path, 0, 0, "it is "
					 "open to others (mode %04o) and cannot "
					 "be made private: %s",
					 (unsigned)(st->st_mode & 07777),
					 strerror(errno));
		}
	}
	free(dir);
	return rc;
}
