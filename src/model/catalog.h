/* catalog.h - which routines there are, and which file a name means.
 *
 * The user's folder comes first: a routine there replaces a shipped one of
 * the same name.  A command-line argument is a path when it contains a '/'
 * or ends in ".csv", otherwise a routine name. */
#ifndef LIMBER_CATALOG_H
#define LIMBER_CATALOG_H

#include <stddef.h>

enum routine_source { SOURCE_USER, SOURCE_SHIPPED, SOURCE_PATH };

struct catalog_entry {
	char *name;
	char *path;
	enum routine_source source;
	int replaces;		/* a user routine hiding a shipped one */
};

struct catalog {
	struct catalog_entry *v;	/* sorted by name */
	size_t n, cap;
};

/* Scan both folders (either may be missing).  Files that are not regular
 * *.csv files, or whose names are not valid routine names, are left out. */
void catalog_scan(struct catalog *c, const char *user_dir,
		  const char *shipped_dir);
/* catalog_scan with the paths module's folders. */
void catalog_scan_default(struct catalog *c);
void catalog_free(struct catalog *c);
const struct catalog_entry *catalog_find(const struct catalog *c,
					 const char *name);

/* Resolve a command-line argument to a file.  Returns 0 and fills *out
 * (new strings, free with catalog_entry_free), or -1 with *err (a new
 * string: what was not found and what there is instead). */
int catalog_resolve(const struct catalog *c, const char *arg,
		    struct catalog_entry *out, char **err);
void catalog_entry_free(struct catalog_entry *e);

/* Letters, digits, '-' and '_', 1 to 64 of them, not starting with '-'. */
int catalog_valid_name(const char *name);
const char *catalog_source_name(enum routine_source s);	/* "user", "shipped", "path" */

#endif
