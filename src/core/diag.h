/* diag.h - compiler-style diagnostics: FILE:LINE:COL: error: message.
 *
 * Loaders collect every problem of a file into a diag_list instead of
 * stopping at the first, so a user sees all of them at once. */
#ifndef LIMBER_DIAG_H
#define LIMBER_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "core/util.h"

enum diag_severity { DIAG_WARNING, DIAG_ERROR };

struct diag {
	enum diag_severity sev;
	char *file;	/* as the user named it; file and msg are escaped
			 * (strbuf_add_escaped) so no control byte or
			 * invalid UTF-8 a user wrote reaches a terminal */
	long line;	/* 1-based; 0 when the problem is about the whole file */
	long col;	/* 1-based; 0 when no column applies */
	char *msg;
};

struct diag_list {
	struct diag *v;
	size_t n, cap;
	size_t errors, warnings;
};

void diag_init(struct diag_list *d);
void diag_free(struct diag_list *d);
void diag_add(struct diag_list *d, enum diag_severity sev, const char *file,
	      long line, long col, const char *fmt, ...) ATTR_PRINTF(6, 7);
/* The same with a va_list, for modules' own printf-style wrappers. */
void diag_vadd(struct diag_list *d, enum diag_severity sev, const char *file,
	       long line, long col, const char *fmt, va_list ap)
	ATTR_PRINTF(6, 0);
/* Formats one diagnostic: "file:line:col: error: msg", leaving out col
 * (and line) when zero.  Returns a new string. */
char *diag_format(const struct diag *g);
/* The first error in d, formatted (a new string), or NULL. */
char *diag_first_error(const struct diag_list *d);
/* Prints every diagnostic, one per line, in the order they were added. */
void diag_print(const struct diag_list *d, FILE *fp);

#endif
