/* memory.c - memory.csv: read forgivingly, append one row at a time. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/caldate.h"
#include "core/clock.h"
#include "core/csvread.h"
#include "core/fileio.h"
#include "core/util.h"
#include "model/memory.h"

#define MEMORY_MAX_BYTES (16L * 1024 * 1024)

static const char *const kind_names[] = {
	[MEMORY_START] = "start", [MEMORY_SEEN] = "seen", [MEMORY_SKIP] = "skip",
};
static const char *const seen_names[] = {
	[MEMORY_SEEN_URGENT] = "urgent",
	[MEMORY_SEEN_PROFESSIONAL] = "professional",
};

void
memory_init(struct memory *m)
{
	memset(m, 0, sizeof *m);
}

void
memory_free(struct memory *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].routine);
		free(m->v[i].exercise);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}

int
memory_parse_date(const char *s, long *day)
{
	struct tm tm;
	const char *end;
	int y, mo, d;

	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0' || strlen(s) != 10)
		return -1;
	y = tm.tm_year, mo = tm.tm_mon, d = tm.tm_mday;
	/* timegm normalises 2026-02-31 to March: refuse what moved. */
	*day = (long)(timegm(&tm) / 86400);
	if (tm.tm_year != y || tm.tm_mon != mo || tm.tm_mday != d)
		return -1;
	return 0;
}

struct reader {
	struct memory *m;
	const char *path;
	struct diag_list *d;
	int col[4];		/* at, kind, routine, detail: field index */
	bool header;
};

/* Add e with copies of routine and exercise. */
static void
add_entry(struct memory *m, const struct memory_entry *e, const char *routine,
	  const char *exercise)
{
	struct memory_entry *n;

	util_grow(&m->v, &m->cap, m->n, sizeof *m->v);
	n = &m->v[m->n++];
	*n = *e;
	n->routine = xstrdup(routine ? routine : "");
	n->exercise = xstrdup(exercise ? exercise : "");
}

static int
header(struct reader *r, const struct csvread_record *rec)
{
	static const char *const names[4] = { "at", "kind", "routine",
					      "detail" };

	for (int c = 0; c < 4; c++)
		r->col[c] = -1;
	for (size_t i = 0; i < rec->n; i++)
		for (int c = 0; c < 4; c++)
			if (util_strcaseeq(rec->f[i].text, names[c]))
				r->col[c] = (int)i;
	for (int c = 0; c < 4; c++)
		if (r->col[c] < 0) {
			diag_add(r->d, DIAG_ERROR, r->path, rec->line, 1,
				 "the header lacks the column \"%s\" (expected "
				 "%s)", names[c], MEMORY_HEADER);
			return 1;
		}
	r->header = true;
	return 0;
}

static const char *
field(const struct reader *r, const struct csvread_record *rec, int c,
      long *col)
{
	const struct csvread_field *f = &rec->f[r->col[c]];

	*col = f->col;
	return f->text;
}

static int
on_record(void *ud, const struct csvread_record *rec)
{
	struct reader *r = ud;
	struct memory_entry e = { 0 };
	const char *at, *kind, *detail, *routine, *exercise = "";
	long col;
	size_t k;

	if (!r->header)
		return header(r, rec);
	for (int c = 0; c < 4; c++)
		if ((size_t)r->col[c] >= rec->n) {
			diag_add(r->d, DIAG_WARNING, r->path, rec->line, 1,
				 "%zu fields where the header has more; row "
				 "left out", rec->n);
			return 0;
		}
	e.line = rec->line;
	at = field(r, rec, 0, &col);
	if (clock_parse_iso(at, &e.at) != 0) {
		diag_add(r->d, DIAG_WARNING, r->path, rec->line, col,
			 "at must be a date and time like "
			 "2026-12-01T07:00:00+01:00; row left out");
		return 0;
	}
	kind = field(r, rec, 1, &col);
	for (k = 0; k < ARRAY_LEN(kind_names); k++)
		if (strcmp(kind, kind_names[k]) == 0)
			break;
	if (k == ARRAY_LEN(kind_names)) {
		diag_add(r->d, DIAG_WARNING, r->path, rec->line, col,
			 "kind must be start, seen or skip; row left out");
		return 0;
	}
	e.kind = (enum memory_kind)k;
	routine = field(r, rec, 2, &col);
	detail = field(r, rec, 3, &col);
	switch (e.kind) {
	case MEMORY_START:
		if (memory_parse_date(detail, &e.start_day) != 0) {
			diag_add(r->d, DIAG_WARNING, r->path, rec->line, col,
				 "a start needs the date the pain began, "
				 "YYYY-MM-DD; row left out");
			return 0;
		}
		break;
	case MEMORY_SEEN:
		if (strcmp(detail, "urgent") == 0)
			e.seen = MEMORY_SEEN_URGENT;
		else if (strcmp(detail, "professional") == 0)
			e.seen = MEMORY_SEEN_PROFESSIONAL;
		else {
			diag_add(r->d, DIAG_WARNING, r->path, rec->line, col,
				 "seen must be urgent or professional; row "
				 "left out");
			return 0;
		}
		break;
	case MEMORY_SKIP:
		if (detail[0] == '\0' || routine[0] == '\0') {
			diag_add(r->d, DIAG_WARNING, r->path, rec->line, col,
				 "a skip needs the routine and the exercise; "
				 "row left out");
			return 0;
		}
		exercise = detail;
		break;
	}
	add_entry(r->m, &e, routine, exercise);
	return 0;
}

static struct csvread
reader_config(struct reader *r, struct memory *m, const char *path,
	      struct diag_list *d)
{
	struct csvread cfg = { 0 };

	memset(r, 0, sizeof *r);
	r->m = m;
	r->path = path;
	r->d = d;
	cfg.file = path;
	cfg.diags = d;
	cfg.max_bytes = MEMORY_MAX_BYTES;
	cfg.skip_bad_lines = 1;
	cfg.record = on_record;
	cfg.ud = r;
	return cfg;
}

int
memory_parse(struct memory *m, const char *buf, size_t len, const char *path,
	     struct diag_list *d)
{
	struct reader r;
	struct csvread cfg = reader_config(&r, m, path, d);

	return csvread_buffer(&cfg, buf, len);
}

int
memory_load(struct memory *m, const char *path, struct diag_list *d)
{
	struct reader r;
	struct csvread cfg = reader_config(&r, m, path, d);

	if (access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	return csvread_file(&cfg, path);
}

/* "2026-12-01T07:00:00+01:00", as the history writes its times. */
static void
iso_local(time_t t, char *buf, size_t n)
{
	struct tm tm;
	size_t len;

	localtime_r(&t, &tm);
	len = strftime(buf, n, "%Y-%m-%dT%H:%M:%S%z", &tm);
	if (len >= 5 && len + 2 <= n) {
		memmove(buf + len - 1, buf + len - 2, 3);
		buf[len - 2] = ':';
	}
}

int
memory_append(struct memory *m, const char *path,
	      const struct memory_entry *e, struct diag_list *d)
{
	char at[40], date[CALDATE_BUF];
	char *failed = NULL, *routine, *detail, *line;
	const char *what;
	struct stat st;
	int fd, rc = 0;

	if (fileio_mkdir_parents(path, 0700, &failed) != 0) {
		diag_add(d, DIAG_ERROR, failed, 0, 0, "cannot make the folder: %s",
			 strerror(errno));
		free(failed);
		return -1;
	}
	iso_local(e->at, at, sizeof at);
	switch (e->kind) {
	case MEMORY_START:
		caldate_format(e->start_day, date);
		what = date;
		break;
	case MEMORY_SEEN:
		what = seen_names[e->seen];
		break;
	default:
		what = e->exercise;
		break;
	}
	routine = util_csv_quote(e->kind == MEMORY_SKIP ? e->routine : "");
	detail = util_csv_quote(what);
	line = xasprintf("%s,%s,%s,%s\n", at, kind_names[e->kind], routine,
			 detail);
	free(routine);
	free(detail);

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s",
			 strerror(errno));
		free(line);
		return -1;
	}
	/* One write per row under the lock, so two limbers each land whole
	 * rows and the header is written once. */
	if (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0 ||
	    (st.st_size == 0 && fileio_write_all(fd, MEMORY_HEADER "\n",
					  sizeof MEMORY_HEADER) != 0) ||
	    fileio_write_all(fd, line, strlen(line)) != 0 || fsync(fd) != 0) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write: %s",
			 strerror(errno));
		rc = -1;
	}
	if (close(fd) != 0 && rc == 0) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "cannot write: %s",
			 strerror(errno));
		rc = -1;
	}
	free(line);
	if (rc == 0 && m != NULL)
		add_entry(m, e, e->routine, e->exercise);
	return rc;
}

const struct memory_entry *
memory_episode(const struct memory *m)
{
	for (size_t i = m->n; i-- > 0;)
		if (m->v[i].kind == MEMORY_START)
			return &m->v[i];
	return NULL;
}

int
memory_seen_since(const struct memory *m, enum memory_seen kind, time_t t)
{
	for (size_t i = m->n; i-- > 0;)
		if (m->v[i].kind == MEMORY_SEEN && m->v[i].seen == kind &&
		    m->v[i].at >= t)
			return 1;
	return 0;
}

int
memory_skipped(const struct memory *m, const char *routine,
	       const char *exercise, time_t t)
{
	for (size_t i = m->n; i-- > 0;)
		if (m->v[i].kind == MEMORY_SKIP && m->v[i].at == t &&
		    strcmp(m->v[i].routine, routine) == 0 &&
		    strcmp(m->v[i].exercise, exercise) == 0)
			return 1;
	return 0;
}
