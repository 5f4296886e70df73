/* stamp.c - time each line a program writes, from outside it.
 *
 *   stamp OUT COMMAND [ARG...]
 *
 * Runs COMMAND with its standard output on a pipe and writes to OUT one
 * line per line read from it: the arrival time in milliseconds (three
 * decimals) since just before COMMAND was started, a tab, and the line.
 * The arrival time is CLOCK_MONOTONIC read as soon as read() returns the
 * bytes holding the line's newline, so it includes everything between the
 * program deciding to print and the line reaching a reader: the program's
 * own stdio, the pipe and the scheduler.  It does not trust any clock the
 * program keeps.
 *
 * The first line of OUT is "# start REALTIME_NS": CLOCK_REALTIME at the
 * moment the arrival times count from, so they can be set against files
 * stamped by the kernel (modification times).  The last is "# exit MS
 * STATUS": when COMMAND's output ended and it was reaped, and its exit
 * status (128 + N when killed by signal N).
 *
 * SIGINT, SIGTERM and SIGHUP are passed on to COMMAND, so stopping stamp
 * stops what it measures.  Exits with COMMAND's status, or 2 when OUT
 * cannot be written or the command cannot be started. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/util.h"

static volatile pid_t child;

static void
pass_on(int sig)
{
	if (child > 0)
		kill(child, sig);
}

static int64_t
now_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int
main(int argc, char **argv)
{
	static const int forwarded[] = { SIGINT, SIGTERM, SIGHUP };
	struct strbuf line = { 0 };
	struct sigaction sa;
	int64_t t0, real0;
	FILE *out;
	int fd[2], status;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: stamp OUT COMMAND [ARG...]\n");
		return 2;
	}
	out = fopen(argv[1], "w");
	if (out == NULL) {
		fprintf(stderr, "stamp: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	if (pipe(fd) < 0) {
		fprintf(stderr, "stamp: pipe: %s\n", strerror(errno));
		fclose(out);
		return 2;
	}
	real0 = now_ns(CLOCK_REALTIME);
	t0 = now_ns(CLOCK_MONOTONIC);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "stamp: fork: %s\n", strerror(errno));
		fclose(out);
		return 2;
	}
	if (pid == 0) {
		close(fd[0]);
		if (dup2(fd[1], STDOUT_FILENO) < 0)
			_exit(127);
		close(fd[1]);
		execvp(argv[2], argv + 2);
		fprintf(stderr, "stamp: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	child = pid;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = pass_on;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_LEN(forwarded); i++)
		sigaction(forwarded[i], &sa, NULL);
	fprintf(out, "# start %lld\n", (long long)real0);
	for (;;) {
		char buf[4096];
		ssize_t n = read(fd[0], buf, sizeof buf);
		double ms;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		ms = (double)(now_ns(CLOCK_MONOTONIC) - t0) / 1e6;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				strbuf_addc(&line, buf[i]);
				continue;
			}
			fprintf(out, "%.3f\t%s\n", ms, line.s != NULL ? line.s : "");
			line.len = 0;
			if (line.s != NULL)
				line.s[0] = '\0';
		}
	}
	close(fd[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "stamp: waitpid: %s\n", strerror(errno));
			status = 2 << 8;
			break;
		}
	}
	status = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
	if (line.len > 0)	/* a last line without a newline */
		fprintf(out, "%.3f\t%s\n", (double)(now_ns(CLOCK_MONOTONIC) - t0) / 1e6,
			line.s);
	fprintf(out, "# exit %.3f %d\n", (double)(now_ns(CLOCK_MONOTONIC) - t0) / 1e6,
		status);
	strbuf_free(&line);
	if (fclose(out) != 0) {
		fprintf(stderr, "stamp: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	return status;
}
