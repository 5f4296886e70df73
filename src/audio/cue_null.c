/* cue_null.c - the silent back end: no sound device, only the terminal
 * bell when the user asked for it (--bell, `bell = yes`). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "audio/cue.h"
#include "core/util.h"

/* Bells handed ahead, rung by null_poll when their time comes. */
#define NULL_PENDING_MAX 16

struct null_state {
	int bell;
	int fd;
	size_t n;
	int64_t at[NULL_PENDING_MAX];
};

static void *
null_open(const struct cue_config *cfg, const struct cue_files *files,
	  struct diag_list *warn, char **reason)
{
	struct null_state *s = xcalloc(1, sizeof *s);

	(void)files;
	(void)warn;
	(void)reason;
	s->bell = cfg->bell;
	s->fd = cfg->bell_fd;
	return s;
}

static int
null_play(void *state, enum cue c)
{
	struct null_state *s = state;
	ssize_t n;

	(void)c;
	if (!s->bell || s->fd < 0)
		return 0;
	/* A bell is one byte: it goes out whole or not at all. */
	do
		n = write(s->fd, "\a", 1);
	while (n < 0 && errno == EINTR);
	return n == 1;
}

static int
null_at(void *state, enum cue c, const char *text, int64_t at_ms)
{
	struct null_state *s = state;

	(void)c;
	if (!s->bell || s->fd < 0 || text != NULL || s->n == NULL_PENDING_MAX)
		return 0;
	s->at[s->n++] = at_ms;
	return 1;
}

static void
null_cancel(void *state, int64_t from_ms)
{
	struct null_state *s = state;
	size_t k = 0;

	for (size_t i = 0; i < s->n; i++)
		if (s->at[i] < from_ms)
			s->at[k++] = s->at[i];
	s->n = k;
}

static void
null_poll(void *state, int64_t now_ms)
{
	struct null_state *s = state;
	size_t k = 0;

	for (size_t i = 0; i < s->n; i++) {
		if (s->at[i] <= now_ms)
			null_play(s, CUE_TICK);
		else
			s->at[k++] = s->at[i];
	}
	s->n = k;
}

static void
null_close(void *state)
{
	free(state);
}

const struct cue_ops cue_null_ops = {
	.name = "null",
	.open = null_open,
	.play = null_play,
	.set_volume = NULL,
	.stop = NULL,
	.close = null_close,
	.at = null_at,
	.cancel = null_cancel,
	.poll = null_poll,
};
