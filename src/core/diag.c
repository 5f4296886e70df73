/* diag.c - compiler-style diagnostics. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/diag.h"

void
diag_init(struct diag_list *d)
{
	d->v = NULL;
	d->n = d->cap = 0;
	d->errors = d->warnings = 0;
}

void
diag_free(struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	diag_init(d);
}

/* A copy of s fit for a terminal: the file name and the message quote what
 * a user wrote, which can hold escape sequences or another encoding. */
static char *
escaped(const char *s)
{
	struct strbuf b = { 0 };

	strbuf_add_escaped(&b, s, strlen(s));
	return strbuf_take(&b);
}

void
diag_vadd(struct diag_list *d, enum diag_severity sev, const char *file,
	  long line, long col, const char *fmt, va_list ap)
{
	struct diag *g;
	char *msg = xvasprintf(fmt, ap);

	util_grow(&d->v, &d->cap, d->n, sizeof *d->v);
	g = &d->v[d->n++];
	g->sev = sev;
	g->file = escaped(file ? file : "");
	g->line = line;
	g->col = col;
	g->msg = escaped(msg);
	free(msg);
	if (sev == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void
diag_add(struct diag_list *d, enum diag_severity sev, const char *file,
	 long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d, sev, file, line, col, fmt, ap);
	va_end(ap);
}

char *
diag_first_error(const struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sev == DIAG_ERROR)
			return diag_format(&d->v[i]);
	return NULL;
}

char *
diag_format(const struct diag *g)
{
	const char *sev = g->sev == DIAG_ERROR ? "error" : "warning";

	if (g->line > 0 && g->col > 0)
		return xasprintf("%s:%ld:%ld: %s: %s", g->file, g->line,
				 g->col, sev, g->msg);
	if (g->line > 0)
		return xasprintf("%s:%ld: %s: %s", g->file, g->line, sev,
				 g->msg);
	return xasprintf("%s: %s: %s", g->file, sev, g->msg);
}

void
diag_print(const struct diag_list *d, FILE *fp)
{
	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		fprintf(fp, "%s\n", s);
		free(s);
	}
}
