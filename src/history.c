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

#include "csvread.h"
#include "history.h"

#define SECONDS_MAX 10000000L	/* about 115 days: more is not a session */
#define EXERCISES_MAX 100000L

void
history_init(struct history *h)
{
	h->rows = NULL;
	h->n = h->cap = 0;
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
	for (size_t i = 0; i < h->n; i++)
		history_row_free(&h->rows[i]);
	free(h->rows);
	history_init(h);
}

void
history_push(struct history *h, struct history_row *row)
{
	util_grow(&h->rows, &h->cap, h->n, sizeof *h->rows);
	h->rows[h->n++] = *row;
	memset(row, 0, sizeof *row);
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

/* Monday = 0 ... Sunday = 6; 1970-01-01 was a Thursday. */
static long
weekday(long day)
{
	return ((day % 7) + 7 + 3) % 7;
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

struct loader {
	struct history *h;
	struct diag_list *d;
	const char *path;
	long col[NCOLS];	/* field index, -1 when the header lacks it */
	size_t nfields;		/* the header's */
	bool bad_header;
	bool have_header;	/* a record was read as the header */
	bool ends_nl;		/* the file ends with a newline */
	long last_line;		/* the last line's number */
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

static int
read_header(struct loader *L, const struct csvread_record *rec)
{
	struct strbuf missing = { 0 };

	L->have_header = true;
	for (size_t c = 0; c < NCOLS; c++)
		L->col[c] = -1;
	for (size_t i = 0; i < rec->n; i++)
		for (size_t c = 0; c < NCOLS; c++)
			if (L->col[c] < 0 &&
			    util_strcaseeq(rec->f[i].text, col_names[c]))
				L->col[c] = (long)i;
	L->nfields = rec->n;
	for (size_t c = 0; c < NCOLS; c++) {
		if (!col_required[c] || L->col[c] >= 0)
			continue;
		strbuf_adds(&missing, missing.len ? ", " : "");
		strbuf_adds(&missing, col_names[c]);
	}
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

	r.started_text = xstrdup(field(L, rec, C_STARTED));
	r.routine = xstrdup(field(L, rec, C_ROUTINE));
	r.hurt = xstrdup(field(L, rec, C_HURT));
	r.reason = xstrdup(field(L, rec, C_REASON));
	history_push(L->h, &r);
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

/* The whole file, read under a shared lock so that a row being appended
 * at this moment is seen whole or not at all. */
static char *
slurp(const char *path, size_t *len, int *err)
{
	struct strbuf b = { 0 };
	char chunk[65536];
	struct stat st;
	int fd;

	*err = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		*err = errno;
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		*err = EISDIR;
		close(fd);
		return NULL;
	}
	while (flock(fd, LOCK_SH) < 0 && errno == EINTR)
		;
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
	close(fd);
	if (*err) {
		strbuf_free(&b);
		return NULL;
	}
	*len = b.len;
	return strbuf_take(&b);
}

int
history_load(struct history *h, const char *path, struct diag_list *d)
{
	struct loader L;
	struct csvread cr;
	struct diag_list cd, own;
	size_t len, i, j;
	char *buf;
	int err, rc;
	bool header_lost;

	buf = slurp(path, &len, &err);
	if (buf == NULL) {
		if (err == ENOENT)
			return 0;
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s",
			 strerror(err));
		return -1;
	}
	memset(&L, 0, sizeof L);
	diag_init(&own);
	L.h = h;
	L.d = &own;
	L.path = path;
	L.ends_nl = len == 0 || buf[len - 1] == '\n';
	L.last_line = 1;
	for (i = 0; i < len; i++)
		if (buf[i] == '\n')
			L.last_line++;
	if (L.ends_nl && L.last_line > 1)
		L.last_line--;

	memset(&cr, 0, sizeof cr);
	diag_init(&cd);
	cr.file = path;
	cr.diags = &cd;
	cr.record = on_record;
	cr.ud = &L;
	/* A damaged row (a byte from another encoding, the zeros a power
	 * cut can leave, a runaway field) costs that row, not the history. */
	cr.skip_bad_lines = 1;
	rc = csvread_buffer(&cr, buf, len);
	free(buf);
	/* Every line dropped: there is no header to add rows under. */
	header_lost = rc == 0 && !L.have_header && cd.errors > 0;
	/* Merge csvread's problems with ours in line order.  Trouble with a
	 * single line (a stray quote, a bad byte) costs only that line here:
	 * a warning.  Trouble with the whole file stays an error. */
	for (i = 0, j = 0; i < cd.n || j < own.n;) {
		const struct diag *g;

		if (j < own.n && (i == cd.n || own.v[j].line < cd.v[i].line)) {
			g = &own.v[j++];
			diag_add(d, g->sev, g->file, g->line, 0, "%s", g->msg);
			continue;
		}
		g = &cd.v[i++];
		if (rc == 0 && !header_lost && g->line > 0)
			diag_add(d, DIAG_WARNING, g->file, g->line, 0,
				 "%s; skipped", g->msg);
		else
			diag_add(d, g->sev, g->file, g->line, 0, "%s", g->msg);
	}
	if (header_lost)
		diag_add(d, DIAG_ERROR, path, 0, 0, "no header line could be "
			 "read (expected %s)", HISTORY_HEADER);
	diag_free(&cd);
	diag_free(&own);
	return rc < 0 || L.bad_header || header_lost ? -1 : 0;
}

/* ---------------------------------------------------------------------
 * Building and writing rows. */

static char *
one_line(const char *s)
{
	char *c = xstrdup(s ? s : "");

	for (char *p = c; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return c;
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
add_quoted(struct strbuf *b, const char *s)
{
	char *q = util_csv_quote(s ? s : "");

	strbuf_adds(b, q);
	free(q);
}

char *
history_row_csv(const struct history_row *r)
{
	struct strbuf b = { 0 };

	add_quoted(&b, r->started_text);
	strbuf_addc(&b, ',');
	add_quoted(&b, r->routine);
	strbuf_addf(&b, ",%d,%s,%ld,%ld,%ld,%ld,", r->level,
		    status_name(r->status), r->planned_s, r->done_s,
		    r->exercises_planned, r->exercises_done);
	if (r->pain >= 0)
		strbuf_addf(&b, "%d", r->pain);
	strbuf_addf(&b, ",%s,%s,", checkin_morning_name(r->morning),
		    red_flags_name(r));
	add_quoted(&b, r->hurt);
	strbuf_addf(&b, ",%d,", r->next_level);
	add_quoted(&b, r->reason);
	strbuf_addc(&b, '\n');
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

int
history_append(const char *path, const struct history_row *row,
	       struct diag_list *d)
{
	struct strbuf b = { 0 };
	struct stat st;
	char *line;
	ssize_t n;
	bool created = false;
	int fd, err = 0;

	if (make_parents(path, d) < 0)
		return -1;
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		created = true;
	else if (errno == EEXIST)
		fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		return append_fail(d, path, "open for appending", errno);
	/* open's mode went through the umask; say exactly what we mean. */
	if (created && fchmod(fd, 0600) < 0) {
		err = errno;
		close(fd);
		return append_fail(d, path, "make the file private", err);
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
		return append_fail(d, path, "lock", err);
	}
	/* Under the lock, the size says whether another process has written
	 * the header already. */
	if (fstat(fd, &st) < 0) {
		err = errno;
		close(fd);
		return append_fail(d, path, "stat", err);
	}
	if (S_ISREG(st.st_mode))
		strbuf_adds(&b, torn_fix(fd, st.st_size));
	/* A file emptied by hand (`echo > history.csv` leaves a newline)
	 * has no header yet either: rows without one could never be read. */
	if (st.st_size == 0 || (S_ISREG(st.st_mode) && blank_file(fd, st.st_size)))
		strbuf_adds(&b, HISTORY_HEADER "\n");
	line = history_row_csv(row);
	strbuf_adds(&b, line);
	free(line);

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
		return -1;
	}
	strbuf_free(&b);
	if (fsync(fd) < 0 && errno != EINVAL) {
		err = errno;
		close(fd);
		return append_fail(d, path, "sync to disk", err);
	}
	if (close(fd) < 0)
		return append_fail(d, path, "close", errno);
	return 0;
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

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

void
history_stats(const struct history *h, time_t now, struct history_stats *st)
{
	long today = history_local_day(now);
	long monday = today - weekday(today);
	long *days;
	size_t nd = 0, first;
	int run;

	memset(st, 0, sizeof *st);
	st->sessions = h->n;
	for (size_t i = 0; i < h->n; i++)
		if (h->rows[i].status == SESSION_COMPLETED)
			st->completed++;
	if (h->n)
		st->completed_pct = (int)((st->completed * 100 + h->n / 2) / h->n);

	/* Streaks: runs of consecutive local days with a session. */
	days = xcalloc(h->n ? h->n : 1, sizeof *days);
	for (size_t i = 0; i < h->n; i++)
		days[i] = h->rows[i].day;
	qsort(days, h->n, sizeof *days, cmp_long);
	for (size_t i = 0; i < h->n; i++)
		if (nd == 0 || days[nd - 1] != days[i])
			days[nd++] = days[i];
	run = 0;
	for (size_t i = 0; i < nd; i++) {
		run = i > 0 && days[i] == days[i - 1] + 1 ? run + 1 : 1;
		if (run > st->streak_longest)
			st->streak_longest = run;
		/* Alive while today or yesterday has a session (days are
		 * sorted: a run through today overrides one to yesterday). */
		if (days[i] == today || days[i] == today - 1)
			st->streak_current = run;
	}
	free(days);

	for (int w = 0; w < HISTORY_WEEKS; w++)
		st->week_start[w] = monday - 7L * w;
	for (size_t i = 0; i < h->n; i++) {
		long day = h->rows[i].day;

		if (day > monday + 6 || day < monday - 7L * (HISTORY_WEEKS - 1))
			continue;
		st->per_week[(monday - (day - weekday(day))) / 7]++;
	}

	first = h->n > HISTORY_TREND ? h->n - HISTORY_TREND : 0;
	for (size_t i = first; i < h->n; i++) {
		int p = h->rows[i].pain;

		st->trend[st->ntrend++] = p;
		if (p >= 0) {
			st->npain++;
			st->pain_mean += p;
		}
	}
	if (st->npain)
		st->pain_mean /= (double)st->npain;
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
	fputs(HISTORY_HEADER "\n", fp);
	for (size_t i = 0; i < h->n; i++) {
		char *line = history_row_csv(&h->rows[i]);

		fputs(line, fp);
		free(line);
	}
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
	const char *full = utf8 ? "\u2588" : "#";
	const char *word;

	if (h->n == 0) {
		fputs("No sessions yet.\n", fp);
		return;
	}
	history_stats(h, now, &st);
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
