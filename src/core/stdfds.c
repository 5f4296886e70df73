/* stdfds.c - descriptors 0, 1 and 2 at start; standard output at exit. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/stdfds.h"

static pid_t owner;
static int stdout_was_closed;

int
stdfds_open(void)
{
	owner = getpid();
	for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		int got;

		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		if (fd == STDOUT_FILENO)
			stdout_was_closed = 1;
		/* The lowest free descriptor is fd: the ones below are open. */
		got = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY);
		if (got != fd) {
			if (got >= 0)
				close(got);
			return -1;
		}
	}
	return 0;
}

/* stdio keeps no errno for a write that failed before the last flush (the
 * --plain coach flushes every line): find the usual reasons again while
 * the descriptor is still open. */
static int
lost_reason(void)
{
	struct pollfd p = { .fd = STDOUT_FILENO, .events = POLLOUT };

	if (stdout_was_closed)
		return EBADF;
	if (poll(&p, 1, 0) == 1 && (p.revents & POLLERR))
		return EPIPE;	/* a pipe whose reader is gone */
	return 0;
}

void
stdfds_close_stdout(void)
{
	int failed, err;

	if (getpid() != owner)
		return;
	/* fflush reports what is still buffered; ferror what an earlier
	 * write lost; fclose what the descriptor says at the end (NFS,
	 * for one, reports a full disk only there). */
	errno = 0;
	failed = fflush(stdout) != 0;
	err = errno;
	if (ferror(stdout)) {
		failed = 1;
		if (!err)
			err = lost_reason();
	}
	errno = 0;
	if (fclose(stdout) != 0) {
		failed = 1;
		if (!err)
			err = errno;
	}
	if (!failed)
		return;
	if (err)
		fprintf(stderr, "limber: cannot write to standard output: %s\n",
			strerror(err));
	else
		fputs("limber: cannot write to standard output\n", stderr);
	_exit(EXIT_FAILURE);
}
