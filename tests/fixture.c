/* fixture.c - set-up shared by the unit tests. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "model/checkin.h"
#include "model/session.h"

char *
fixture_temp_dir(const char *what)
{
	const char *t = getenv("TMPDIR");
	char *dir = xasprintf("%s/limber-%s-XXXXXX", t && *t ? t : "/tmp",
			      what);

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(99);
	}
	return dir;
}

void
fixture_remove_tree(const char *dir)
{
	char *cmd = xasprintf("chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'",
			      dir, dir);

	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	free(cmd);
}

char *
fixture_data_path(const char *name)
{
	const char *dir = getenv("TESTDATA");
	char *here, *slash, *p;

	if (dir && *dir)
		return xasprintf("%s/%s", dir, name);
	here = xstrdup(__FILE__);
	slash = strrchr(here, '/');
	if (slash)
		slash[1] = '\0';
	else
		here[0] = '\0';
	p = xasprintf("%sdata/%s", here, name);
	free(here);
	return p;
}

char *
fixture_read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf b = { 0 };
	char chunk[4096];
	size_t k;

	if (fp == NULL)
		return NULL;
	while ((k = fread(chunk, 1, sizeof chunk, fp)) > 0)
		strbuf_add(&b, chunk, k);
	fclose(fp);
	if (len)
		*len = b.len;
	return strbuf_take(&b);
}

mode_t
fixture_mode_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return (mode_t)-1;
	return st.st_mode & 07777;
}

int
fixture_count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

void
fixture_row(struct history_row *row, const char *routine, time_t started,
	    int level, bool stopped, int pain, int next_level,
	    const char *reason)
{
	struct session_record rec;
	struct checkin ci;
	char *why = reason ? xstrdup(reason)
		    : xasprintf("level %d -> %d: test", level, next_level);

	memset(&rec, 0, sizeof rec);
	rec.level = level;
	rec.status = stopped ? SESSION_STOPPED : SESSION_COMPLETED;
	rec.planned_ms = 600000;
	rec.done_ms = stopped ? 123456 : 600000;
	rec.exercises_planned = 6;
	rec.exercises_done = stopped ? 2 : 6;
	checkin_init(&ci);
	ci.pain = pain;
	history_row_make(row, routine, &rec, started, &ci, next_level, why);
	free(why);
}

void
fixture_push(struct history *h, const char *routine, time_t started,
	     int level, bool stopped, int pain, int next_level,
	     const char *reason)
{
	struct history_row row;

	fixture_row(&row, routine, started, level, stopped, pain, next_level,
		    reason);
	history_push(h, &row);
}

const struct history_row *
fixture_morning_due(const struct history_row *newest, time_t now,
		    const struct settings *s)
{
	return newest && checkin_morning_due(newest->started,
						     newest->exercises_done,
						     now, s) ? newest
								     : NULL;
}
