/* events.c - the --events trace: one CSV line per session event. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/fileio.h"
#include "model/events.h"
#include "core/util.h"

struct events_trace {
	int fd;
	int err;		/* errno of the first failed write, or 0 */
	struct strbuf line;	/* reused for every line */
};

#define EVENTS_HEADER "t_ms,event,exercise,set,rep,side\n"

struct events_trace *
events_open(const char *path)
{
	struct events_trace *t;
	int fd, e;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return NULL;
	if (fileio_write_all(fd, EVENTS_HEADER, sizeof EVENTS_HEADER - 1) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	t = xcalloc(1, sizeof *t);
	t->fd = fd;
	return t;
}

static void
add_number(struct strbuf *b, int v)
{
	char num[16];

	if (v > 0)
		strbuf_add(b, num, (size_t)snprintf(num, sizeof num, "%d", v));
}

/* Append ",exercise,set,rep,side" for ctx (all empty when ctx is NULL). */
static void
add_context(struct strbuf *b, const struct session_event *ctx,
	    const struct plan *p)
{
	strbuf_addc(b, ',');
	if (ctx != NULL && ctx->kind != SEV_SESSION_DONE && p != NULL &&
	    ctx->exercise < p->nex) {
		char *q = util_csv_quote(p->ex[ctx->exercise].name);

		strbuf_adds(b, q);
		free(q);
	}
	strbuf_addc(b, ',');
	if (ctx != NULL)
		add_number(b, ctx->set);
	strbuf_addc(b, ',');
	if (ctx != NULL)
		add_number(b, ctx->rep);
	strbuf_addc(b, ',');
	if (ctx != NULL)
		strbuf_adds(b, plan_side_name(ctx->side));
	strbuf_addc(b, '\n');
}

static void
put_line(struct events_trace *t, int64_t t_ms, const char *name,
	 const char *text, const struct session_event *ctx,
	 const struct plan *p)
{
	char *q = util_csv_quote(name);
	char num[32];

	t->line.len = 0;
	strbuf_add(&t->line, num, (size_t)snprintf(num, sizeof num,
						   "%" PRId64 ",", t_ms));
	strbuf_adds(&t->line, q);
	free(q);
	add_context(&t->line, ctx, p);
	if (text != NULL) {
		char *qt = util_csv_quote(text);

		t->line.len--;		/* the line's end */
		strbuf_addc(&t->line, ',');
		strbuf_adds(&t->line, qt);
		strbuf_addc(&t->line, '\n');
		free(qt);
	}
	/* After a failure the file is incomplete anyway; keep the first
	 * error for events_close. */
	if (t->err == 0 && fileio_write_all(t->fd, t->line.s, t->line.len) < 0)
		t->err = errno;
}

void
events_log(struct events_trace *t, const struct session_event *ev,
	   const struct plan *p)
{
	if (t == NULL)
		return;
	put_line(t, ev->t_ms, session_event_name(ev), NULL, ev, p);
}

void
events_log_named(struct events_trace *t, int64_t t_ms, const char *name,
		 const struct session_event *ctx, const struct plan *p)
{
	if (t == NULL)
		return;
	put_line(t, t_ms, name, NULL, ctx, p);
}

void
events_log_text(struct events_trace *t, int64_t t_ms, const char *name,
		const char *text, const struct session_event *ctx,
		const struct plan *p)
{
	if (t == NULL)
		return;
	put_line(t, t_ms, name, text, ctx, p);
}

int
events_close(struct events_trace *t)
{
	int err;

	if (t == NULL)
		return 0;
	err = t->err;
	if (close(t->fd) < 0 && err == 0)
		err = errno;
	strbuf_free(&t->line);
	free(t);
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}
