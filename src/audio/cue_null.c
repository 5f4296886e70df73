/* cue_null.c - the silent back end: no sound device, only the terminal
 * bell when the user asked for it (--bell, `bell = yes`). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "audio/cue.h"
#include "core/util.h"

struct null_state {
	int bell;
	int fd;
};

static void *
null_open(const struct cue_config *cfg, const struct cue_files *files,
	  struct diag_list *warn, char **reason)
{
	struct null_state *s = xmalloc(sizeof *s);

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
};
