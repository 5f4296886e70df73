/* catalog.h - which routines there are, and which file a name means.
 *
 * The user's folder comes first: a routine there replaces a shipped one of
 * the same name.  A command-line argument is a path when it contains a '/'
 * or ends in ".csv", otherwise a routine name.
 *
 * A routine's name is its file's name without ".csv".  A file whose name
 * cannot be a routine name ("core (copy).csv", "Core.CSV") is not listed
 * but kept aside with the name to rename it to (catalog_name_for_file),
 * so every command can say so; run or checked by its path, it is recorded
 * under that name, the one it will have once renamed. */
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

/* A file in a routines folder whose name cannot be a routine name. */
struct catalog_misnamed {
	char *path;
	char *warning;		/* names the file and what to rename it to */
};

struct catalog {
	struct catalog_entry *v;	/* sorted by name */
	size_t n, cap;
	struct catalog_misnamed *bad;	/* in the order found */
	size_t nbad, badcap;
};

/* Scan both folders (either may be missing).  Files that are not regular
 * *.csv files are left out; those whose names are not valid routine
 * names go to c->bad. */
void catalog_scan(struct catalog *c, const char *user_dir,
		  const char *shipped_dir);
/* catalog_scan with the paths module's folders. */
void catalog_scan_default(struct catalog *c);
void catalog_free(struct catalog *c);
const struct catalog_entry *catalog_find(const struct catalog *c,
					 const char *name);

/* Resolve a command-line argument to a file.  Returns 0 and fills *out
 * (new strings, free with catalog_entry_free), or -1 with *err (a new
 * string: what was not found and what there is instead).  *warning is a
 * new string when the file's name cannot be a routine name, else NULL. */
int catalog_resolve(const struct catalog *c, const char *arg,
		    struct catalog_entry *out, char **err, char **warning);
void catalog_entry_free(struct catalog_entry *e);

/* Lower-case letters, digits, '-' and '_', 1 to 64 of them, not starting
 * with '-'. */
int catalog_valid_name(const char *name);
/* The routine name for a file's base name: without its ".csv" (in any
 * case), in lower case, each run of other characters one '-', no '-' at
 * either end, at most 64 bytes; "routine" when nothing is left.  A valid
 * name is its own.  "core (copy).csv" -> "core-copy" (a new string). */
char *catalog_name_for_file(const char *base);
/* When path's base name is not NAME.csv with NAME a valid routine name:
 * a warning naming the file and the name to rename it to, and, by_path
 * (run or checked by its path), the name it is recorded under; else
 * NULL.  A new string. */
char *catalog_name_warning(const char *path, int by_path);
const char *catalog_source_name(enum routine_source s);	/* "user", "shipped", "path" */

#endif
