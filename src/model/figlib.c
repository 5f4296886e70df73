/* figlib.c - the folders figures come from: the user's, then the shipped
 * one, and the figures of both loaded and looked up by name or exercise.
 * The format itself is figure.c's. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/paths.h"
#include "core/util.h"
#include "model/figure.h"

struct found {
	char *name, *path;
	bool user;
};

struct scan {
	struct found *v;
	size_t n, cap;
};

static bool
scan_has(const struct scan *sc, const char *name)
{
	for (size_t i = 0; i < sc->n; i++)
		if (strcmp(sc->v[i].name, name) == 0)
			return true;
	return false;
}

static void
scan_dir(struct scan *sc, const char *dir, bool user)
{
	DIR *dp = dir ? opendir(dir) : NULL;
	struct dirent *de;

	if (dp == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		char *name, *path;
		struct stat st;

		if (!util_endswith(de->d_name, ".fig"))
			continue;
		name = xstrndup(de->d_name, strlen(de->d_name) - 4);
		path = paths_join(dir, de->d_name);
		/* a name already there came from the user's folder */
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
		    !figure_valid_name(name) || scan_has(sc, name)) {
			free(name);
			free(path);
			continue;
		}
		util_grow(&sc->v, &sc->cap, sc->n, sizeof *sc->v);
		sc->v[sc->n++] = (struct found){ name, path, user };
	}
	closedir(dp);
}

static int
found_cmp(const void *a, const void *b)
{
	const struct found *x = a, *y = b;

	return strcmp(x->name, y->name);
}

void
figure_scan(const char *user_dir, const char *shipped_dir,
	    void (*fn)(void *ud, const char *path, const char *name, bool user),
	    void *ud)
{
	struct scan sc = { 0 };

	scan_dir(&sc, user_dir, true);
	scan_dir(&sc, shipped_dir, false);
	if (sc.n > 1)
		qsort(sc.v, sc.n, sizeof *sc.v, found_cmp);
	for (size_t i = 0; i < sc.n; i++) {
		fn(ud, sc.v[i].path, sc.v[i].name, sc.v[i].user);
		free(sc.v[i].name);
		free(sc.v[i].path);
	}
	free(sc.v);
}

struct lib_load {
	struct figure_lib *lib;
	struct diag_list *d;
};

static void
lib_add(void *ud, const char *path, const char *name, bool user)
{
	struct lib_load *ll = ud;
	struct figure *f = figure_load(path, name, ll->d);

	(void)user;
	if (f == NULL)
		return;
	util_grow(&ll->lib->v, &ll->lib->cap, ll->lib->n, sizeof *ll->lib->v);
	ll->lib->v[ll->lib->n++] = f;
}

void
figure_lib_load(struct figure_lib *lib, const char *user_dir,
		const char *shipped_dir, struct diag_list *d)
{
	struct lib_load ll = { lib, d };

	lib->v = NULL;
	lib->n = lib->cap = 0;
	figure_scan(user_dir, shipped_dir, lib_add, &ll);
}

void
figure_lib_load_default(struct figure_lib *lib, struct diag_list *d)
{
	char *user = paths_user_figures(), *shipped = paths_shipped_figures();

	figure_lib_load(lib, user, shipped, d);
	free(user);
	free(shipped);
}

void
figure_lib_free(struct figure_lib *lib)
{
	for (size_t i = 0; i < lib->n; i++)
		figure_free(lib->v[i]);
	free(lib->v);
	lib->v = NULL;
	lib->n = lib->cap = 0;
}

size_t
figure_lib_check_rests(const struct figure_lib *lib, struct diag_list *d)
{
	size_t n = 0;

	for (size_t i = 0; i < lib->n; i++) {
		const struct figure *f = lib->v[i];

		if (f->rest == NULL || figure_lib_get(lib, f->rest) != NULL)
			continue;
		diag_add(d, DIAG_WARNING, f->path, f->rest_line, f->rest_col,
			 "no figure named \"%s\" (a file %s.fig in your figures folder or the shipped one): the rests show none",
			 f->rest, f->rest);
		n++;
	}
	return n;
}

const struct figure *
figure_lib_get(const struct figure_lib *lib, const char *name)
{
	for (size_t i = 0; i < lib->n; i++)
		if (strcmp(lib->v[i]->name, name) == 0)
			return lib->v[i];
	return NULL;
}

bool
figure_slug_fits(const char *slug, const char *name)
{
	size_t n = strlen(name);

	return strncmp(slug, name, n) == 0 && (slug[n] == '\0' || slug[n] == '-');
}

const struct figure *
figure_lib_match(const struct figure_lib *lib, const char *figure,
		 const char *exercise)
{
	const struct figure *f;
	char *slug;

	if (figure != NULL && *figure != '\0')
		return figure_lib_get(lib, figure);
	slug = figure_slug(exercise);
	f = figure_lib_get(lib, slug);
	for (size_t i = 0; f == NULL && i < lib->n; i++)
		for (size_t k = 0; f == NULL && k < lib->v[i]->nexercises; k++)
			if (util_strcaseeq(lib->v[i]->exercise[k], exercise))
				f = lib->v[i];
	if (f != NULL) {
		free(slug);
		return f;
	}
	for (size_t i = 0, best = 0; i < lib->n; i++) {
		const char *name = lib->v[i]->name;
		size_t n = strlen(name);

		/* the slug itself is not in lib: figure_lib_get said so */
		if (n > best && figure_slug_fits(slug, name)) {
			best = n;
			f = lib->v[i];
		}
	}
	free(slug);
	return f;
}
