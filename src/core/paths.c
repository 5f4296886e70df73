/* paths.c - XDG locations. */
#include "config.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/paths.h"
#include "core/util.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/limber"
#endif

char *
paths_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		return xasprintf("%s%s", dir, name);
	return xasprintf("%s/%s", dir, name);
}

char *
paths_home(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h != NULL && h[0] == '/')
		return xstrdup(h);
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && pw->pw_dir[0] == '/')
		return xstrdup(pw->pw_dir);
	return xstrdup("/");
}

/* $VAR/limber if VAR is an absolute path, else ~/fallback/limber. */
static char *
xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	char *home, *base, *dir;

	if (v != NULL && v[0] == '/')
		return paths_join(v, "limber");
	home = paths_home();
	base = paths_join(home, fallback);
	dir = paths_join(base, "limber");
	free(home);
	free(base);
	return dir;
}

char *
paths_config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *
paths_data_dir(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}

char *
paths_cache_dir(void)
{
	return xdg_dir("XDG_CACHE_HOME", ".cache");
}

char *
paths_shipped_dir(void)
{
	const char *d = getenv("LIMBER_DATADIR");

	return xstrdup(d != NULL && d[0] != '\0' ? d : PKGDATADIR);
}

static char *
sub(char *(*base)(void), const char *name)
{
	char *b = base();
	char *p = paths_join(b, name);

	free(b);
	return p;
}

char *paths_user_routines(void) { return sub(paths_config_dir, "routines"); }
char *paths_shipped_routines(void) { return sub(paths_shipped_dir, "routines"); }
char *paths_user_sounds(void) { return sub(paths_config_dir, "sounds"); }
char *paths_shipped_sounds(void) { return sub(paths_shipped_dir, "sounds"); }
char *paths_user_figures(void) { return sub(paths_config_dir, "figures"); }
char *paths_shipped_figures(void) { return sub(paths_shipped_dir, "figures"); }
char *paths_settings_file(void) { return sub(paths_config_dir, "limber.conf"); }
char *paths_history_file(void) { return sub(paths_data_dir, "history.csv"); }
char *paths_history_cache_file(void) { return sub(paths_cache_dir, "history.sum"); }
char *paths_user_plans(void) { return sub(paths_config_dir, "plans"); }
char *paths_shipped_plans(void) { return sub(paths_shipped_dir, "plans"); }
char *paths_memory_file(void) { return sub(paths_data_dir, "memory.csv"); }
