/* catalog.c - routine discovery and name resolution. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/catalog.h"
#include "core/paths.h"
#include "model/routine.h"
#include "core/util.h"

int
catalog_valid_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 64 || name[0] == '-')
		return 0;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			return 0;
	return 1;
}

const char *
catalog_source_name(enum routine_source s)
{
	switch (s) {
	case SOURCE_USER: return "user";
	case SOURCE_SHIPPED: return "shipped";
	case SOURCE_PATH: return "path";
	}
	return "?";
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct catalog_entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static struct catalog_entry *
find_mut(struct catalog *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].name, name) == 0)
			return &c->v[i];
	return NULL;
}

static void
scan_dir(struct catalog *c, const char *dir, enum routine_source src)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		char *path, *name;
		struct catalog_entry *e;

		if (!util_endswith(de->d_name, ".csv"))
			continue;
		name = routine_name_from_path(de->d_name);
		path = paths_join(dir, de->d_name);
		if (!catalog_valid_name(name) || stat(path, &st) != 0 ||
		    !S_ISREG(st.st_mode)) {
			free(name);
			free(path);
			continue;
		}
		e = find_mut(c, name);
		if (e != NULL) {
			/* the user's folder is scanned first and wins */
			if (e->source == SOURCE_USER && src == SOURCE_SHIPPED)
				e->replaces = 1;
			free(name);
			free(path);
			continue;
		}
		util_grow(&c->v, &c->cap, c->n, sizeof *c->v);
		e = &c->v[c->n++];
		e->name = name;
		e->path = path;
		e->source = src;
		e->replaces = 0;
	}
	closedir(d);
}

void
catalog_scan(struct catalog *c, const char *user_dir, const char *shipped_dir)
{
	c->v = NULL;
	c->n = c->cap = 0;
	if (user_dir != NULL)
		scan_dir(c, user_dir, SOURCE_USER);
	if (shipped_dir != NULL)
		scan_dir(c, shipped_dir, SOURCE_SHIPPED);
	if (c->n > 1)
		qsort(c->v, c->n, sizeof *c->v, entry_cmp);
}

void
catalog_scan_default(struct catalog *c)
{
	char *user = paths_user_routines();
	char *shipped = paths_shipped_routines();

	catalog_scan(c, user, shipped);
	free(user);
	free(shipped);
}

void
catalog_entry_free(struct catalog_entry *e)
{
	free(e->name);
	free(e->path);
	e->name = e->path = NULL;
}

void
catalog_free(struct catalog *c)
{
	for (size_t i = 0; i < c->n; i++)
		catalog_entry_free(&c->v[i]);
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

const struct catalog_entry *
catalog_find(const struct catalog *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].name, name) == 0)
			return &c->v[i];
	return NULL;
}

int
catalog_resolve(const struct catalog *c, const char *arg,
		struct catalog_entry *out, char **err)
{
	const struct catalog_entry *e;
	struct strbuf b = { 0 };

	*err = NULL;
	if (strchr(arg, '/') != NULL || util_endswith(arg, ".csv")) {
		struct stat st;

		if (stat(arg, &st) != 0) {
			*err = xasprintf("%s: cannot open: %s", arg,
					 strerror(errno));
			return -1;
		}
		if (S_ISDIR(st.st_mode)) {
			*err = xasprintf("%s: is a directory, not a routine file", arg);
			return -1;
		}
		out->name = routine_name_from_path(arg);
		out->path = xstrdup(arg);
		out->source = SOURCE_PATH;
		out->replaces = 0;
		return 0;
	}
	e = catalog_find(c, arg);
	if (e != NULL) {
		out->name = xstrdup(e->name);
		out->path = xstrdup(e->path);
		out->source = e->source;
		out->replaces = e->replaces;
		return 0;
	}
	strbuf_addf(&b, "no routine named \"%s\"", arg);
	if (c->n == 0) {
		strbuf_adds(&b, " (no routines found at all)");
	} else {
		strbuf_adds(&b, "; there are:");
		for (size_t i = 0; i < c->n; i++)
			strbuf_addf(&b, " %s", c->v[i].name);
	}
	*err = strbuf_take(&b);
	return -1;
}
