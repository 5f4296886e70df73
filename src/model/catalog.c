/* catalog.c - routine discovery and name resolution. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "model/catalog.h"
#include "core/paths.h"
#include "model/routine.h"
#include "core/util.h"

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	       c == '_';
}

int
catalog_valid_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 64 || name[0] == '-')
		return 0;
	for (const char *p = name; *p; p++)
		if (!name_char(*p))
			return 0;
	return 1;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* ".csv" in any case at the end of s */
static int
csv_suffix(const char *s)
{
	size_t n = strlen(s);

	return n >= 4 && strcasecmp(s + n - 4, ".csv") == 0;
}

char *
catalog_name_for_file(const char *base)
{
	size_t n = strlen(base);
	char *out, *w;

	if (csv_suffix(base))
		n -= 4;
	out = w = xmalloc(n + 1);
	for (size_t i = 0; i < n && w - out < 64; i++) {
		char c = (char)tolower((unsigned char)base[i]);

		if (name_char(c))
			*w++ = c;
		else if (w > out && w[-1] != '-')
			*w++ = '-';
	}
	while (w > out && w[-1] == '-')
		w--;
	*w = '\0';
	if (*out == '\0') {
		free(out);
		return xstrdup("routine");
	}
	return out;
}

char *
catalog_name_warning(const char *path, int by_path)
{
	const char *base = base_name(path);
	char *name = catalog_name_for_file(base), *msg = NULL;
	size_t n = strlen(base);

	if (n < 4 || strcmp(base + n - 4, ".csv") != 0 ||
	    strlen(name) != n - 4 || strncmp(name, base, n - 4) != 0)
		msg = xasprintf("\"%s\" is not a routine name (lower-case "
				"letters, digits, '-' and '_', then .csv)%s: "
				"rename the file to %s.csv%s%s%s", base,
				by_path ? "" : ", so it is not listed", name,
				by_path ? "; until then it is recorded as \"" : "",
				by_path ? name : "", by_path ? "\"" : "");
	free(name);
	return msg;
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

		char *warning;

		if (!csv_suffix(de->d_name) || de->d_name[0] == '.')
			continue;
		path = paths_join(dir, de->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if ((warning = catalog_name_warning(path, 0)) != NULL) {
			util_grow(&c->bad, &c->badcap, c->nbad, sizeof *c->bad);
			c->bad[c->nbad].path = path;
			c->bad[c->nbad++].warning = warning;
			continue;
		}
		name = routine_name_from_path(de->d_name);
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
	memset(c, 0, sizeof *c);
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
	for (size_t i = 0; i < c->nbad; i++) {
		free(c->bad[i].path);
		free(c->bad[i].warning);
	}
	free(c->bad);
	memset(c, 0, sizeof *c);
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
		struct catalog_entry *out, char **err, char **warning)
{
	const struct catalog_entry *e;
	struct strbuf b = { 0 };

	*err = NULL;
	*warning = NULL;
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
		out->name = catalog_name_for_file(base_name(arg));
		out->path = xstrdup(arg);
		*warning = catalog_name_warning(arg, 1);
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
	/* "core (copy)" for core (copy).csv, or the name it is to have */
	for (size_t i = 0; i < c->nbad; i++) {
		const char *base = base_name(c->bad[i].path);
		char *name = catalog_name_for_file(base);
		int match = strcmp(name, arg) == 0 ||
			    (strlen(base) == strlen(arg) + 4 &&
			     strncmp(base, arg, strlen(arg)) == 0);

		free(name);
		if (match) {
			*err = xasprintf("no routine named \"%s\": %s: %s", arg,
					 c->bad[i].path, c->bad[i].warning);

			return -1;
		}
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
