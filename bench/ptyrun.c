/* ptyrun.c - time a command and measure its peak memory.
 *
 *   ptyrun [--out FILE] -- COMMAND [ARG...]
 *   ptyrun --pty COLSxROWS [--term TERM] --marker TEXT [--keys KEYS]
 *          [--timeout SECONDS] [--out FILE] -- COMMAND [ARG...]
 *
 * Prints one line: "READY_MS EXIT_MS MAXRSS_KIB STATUS".  Times count from
 * just before the fork, on CLOCK_MONOTONIC.  MAXRSS_KIB is the command's
 * peak resident size (ru_maxrss from wait4), STATUS its exit status (128 +
 * N when killed by signal N).
 *
 * Without --pty the command runs with standard input from /dev/null and
 * its output to FILE (default /dev/null); READY_MS is when it exited.
 *
 * With --pty it runs as the session leader of a new pseudo-terminal of
 * that size, with TERM (default xterm-256color) in its environment, the
 * way a terminal emulator starts it.  READY_MS is when TEXT first appears
 * in what it wrote to the terminal (a full-screen program draws a screen
 * top to bottom, so a marker near the bottom means the whole screen has
 * been sent); then KEYS (default "q") are typed, and the rest of its
 * output is read until it exits.  Its output goes to FILE when given.
 * Without TEXT within SECONDS (default 10) the command is killed and
 * ptyrun fails (exit 1), showing the end of what it wrote.
 *
 * Exit 0 when the measurement was taken (whatever the command's status),
 * 1 when the marker never came, 2 for bad usage or a failed fork. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "core/util.h"

struct opts {
	int cols, rows;			/* 0: no pty */
	const char *term, *marker, *keys, *out;
	long timeout_s;
	char **argv;
};

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static double
ms_since(int64_t t0)
{
	return (double)(now_ns() - t0) / 1e6;
}

static int
usage(const char *msg)
{
	fprintf(stderr, "ptyrun: %s\n"
		"usage: ptyrun [--out FILE] -- COMMAND [ARG...]\n"
		"       ptyrun --pty COLSxROWS [--term TERM] --marker TEXT [--keys KEYS]\n"
		"              [--timeout SECONDS] [--out FILE] -- COMMAND [ARG...]\n", msg);
	return 2;
}

static int
exit_status(int status)
{
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/* Reap pid, retrying on EINTR.  Returns 0 with *status and *ru set. */
static int
reap(pid_t pid, int *status, struct rusage *ru)
{
	while (wait4(pid, status, 0, ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "ptyrun: wait4: %s\n", strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int
run_plain(const struct opts *o)
{
	const char *out = o->out != NULL ? o->out : "/dev/null";
	struct rusage ru;
	int64_t t0;
	double exit_ms;
	int status;
	pid_t pid;

	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "ptyrun: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (in < 0 || fd < 0 || dup2(in, STDIN_FILENO) < 0 ||
		    dup2(fd, STDOUT_FILENO) < 0 || dup2(fd, STDERR_FILENO) < 0)
			_exit(127);
		execvp(o->argv[0], o->argv);
		_exit(127);
	}
	if (reap(pid, &status, &ru) != 0)
		return 2;
	exit_ms = ms_since(t0);
	printf("%.3f %.3f %ld %d\n", exit_ms, exit_ms, ru.ru_maxrss,
	       exit_status(status));
	return 0;
}

/* A pseudo-terminal pair of the size asked.  Returns the controller's
 * descriptor and the device's name in *name, or -1. */
static int
open_pty(const struct opts *o, char **name)
{
	struct winsize ws;
	const char *n;
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0 || (n = ptsname(m)) == NULL) {
		fprintf(stderr, "ptyrun: cannot open a pseudo-terminal: %s\n",
			strerror(errno));
		if (m >= 0)
			close(m);
		return -1;
	}
	memset(&ws, 0, sizeof ws);
	ws.ws_col = (unsigned short)o->cols;
	ws.ws_row = (unsigned short)o->rows;
	if (ioctl(m, TIOCSWINSZ, &ws) < 0) {
		fprintf(stderr, "ptyrun: cannot size the pseudo-terminal: %s\n",
			strerror(errno));
		close(m);
		return -1;
	}
	*name = xstrdup(n);
	return m;
}

/* In the child: a new session with the terminal as its controlling one. */
static void
child_on_pty(const struct opts *o, int m, const char *name)
{
	int s;

	close(m);
	if (setsid() < 0)
		_exit(127);
	s = open(name, O_RDWR);
	if (s < 0)
		_exit(127);
#ifdef TIOCSCTTY
	ioctl(s, TIOCSCTTY, 0);
#endif
	if (dup2(s, STDIN_FILENO) < 0 || dup2(s, STDOUT_FILENO) < 0 ||
	    dup2(s, STDERR_FILENO) < 0)
		_exit(127);
	if (s > STDERR_FILENO)
		close(s);
	setenv("TERM", o->term, 1);
	execvp(o->argv[0], o->argv);
	_exit(127);
}

static void
show_tail(const struct strbuf *b)
{
	size_t from = b->len > 600 ? b->len - 600 : 0;

	fprintf(stderr, "ptyrun: the last of its output (%zu bytes in all):\n", b->len);
	for (size_t i = from; i < b->len; i++) {
		unsigned char c = (unsigned char)b->s[i];

		if (c == '\n' || (c >= 0x20 && c < 0x7f))
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	fputc('\n', stderr);
}

static int
run_pty(const struct opts *o)
{
	struct strbuf seen = { 0 };
	size_t mlen = strlen(o->marker);
	double ready_ms = -1.0, exit_ms;
	struct rusage ru;
	char *name = NULL;
	int64_t t0, limit;
	int m, status, rc = 0;
	pid_t pid;

	m = open_pty(o, &name);
	if (m < 0)
		return 2;
	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "ptyrun: fork: %s\n", strerror(errno));
		close(m);
		free(name);
		return 2;
	}
	if (pid == 0)
		child_on_pty(o, m, name);
	free(name);
	limit = t0 + (int64_t)o->timeout_s * 1000000000;
	for (;;) {
		struct pollfd p = { .fd = m, .events = POLLIN };
		char buf[8192];
		ssize_t n;
		int left = (int)((limit - now_ns()) / 1000000), r;

		if (ready_ms < 0 && left <= 0) {
			fprintf(stderr, "ptyrun: \"%s\" did not appear within %ld s\n",
				o->marker, o->timeout_s);
			show_tail(&seen);
			kill(pid, SIGKILL);
			rc = 1;
			break;
		}
		r = poll(&p, 1, ready_ms < 0 ? left : (int)o->timeout_s * 1000);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		if (r == 0 && ready_ms >= 0) {
			fprintf(stderr, "ptyrun: still running %ld s after the keys\n",
				o->timeout_s);
			kill(pid, SIGKILL);
			rc = 1;
			break;
		}
		if (r == 0)
			continue;
		n = read(m, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* EIO: the program and its children are gone */
		if (ready_ms < 0) {
			size_t from = seen.len >= mlen ? seen.len - mlen + 1 : 0;

			strbuf_add(&seen, buf, (size_t)n);
			if (memmem(seen.s + from, seen.len - from, o->marker, mlen) != NULL) {
				ssize_t k = (ssize_t)strlen(o->keys);

				ready_ms = ms_since(t0);
				if (write(m, o->keys, (size_t)k) != k) {
					fprintf(stderr, "ptyrun: cannot type the keys: %s\n",
						strerror(errno));
					kill(pid, SIGKILL);
					rc = 1;
					break;
				}
			}
		} else {
			strbuf_add(&seen, buf, (size_t)n);
		}
	}
	if (reap(pid, &status, &ru) != 0) {
		close(m);
		strbuf_free(&seen);
		return 2;
	}
	exit_ms = ms_since(t0);
	close(m);
	if (o->out != NULL) {
		FILE *fp = fopen(o->out, "w");

		if (fp == NULL || fwrite(seen.s != NULL ? seen.s : "", 1, seen.len, fp) != seen.len ||
		    fclose(fp) != 0)
			fprintf(stderr, "ptyrun: %s: %s\n", o->out, strerror(errno));
	}
	strbuf_free(&seen);
	if (rc != 0)
		return rc;
	printf("%.3f %.3f %ld %d\n", ready_ms, exit_ms, ru.ru_maxrss,
	       exit_status(status));
	return 0;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0, 0, "xterm-256color", NULL, "q", NULL, 10, NULL };
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		static const char *const known[] = { "--pty", "--term", "--marker",
			"--keys", "--out", "--timeout" };
		size_t k = 0;

		while (k < ARRAY_LEN(known) && strcmp(a, known[k]) != 0)
			k++;
		if (k == ARRAY_LEN(known))
			return usage("unknown option");
		if (v == NULL)
			return usage("an option lacks its value");
		if (strcmp(a, "--pty") == 0) {
			char x;

			if (sscanf(v, "%d%c%d", &o.cols, &x, &o.rows) != 3 || x != 'x' ||
			    o.cols < 1 || o.cols > 1000 || o.rows < 1 || o.rows > 1000)
				return usage("--pty takes COLSxROWS, e.g. 80x24");
		} else if (strcmp(a, "--term") == 0) {
			o.term = v;
		} else if (strcmp(a, "--marker") == 0) {
			o.marker = v;
		} else if (strcmp(a, "--keys") == 0) {
			o.keys = v;
		} else if (strcmp(a, "--out") == 0) {
			o.out = v;
		} else if (util_parse_long(v, 1, 3600, &o.timeout_s) != UTIL_NUM_OK) {
			return usage("--timeout takes 1 to 3600 seconds");
		}
		i++;
	}
	if (i + 1 >= argc)
		return usage("-- COMMAND is needed");
	o.argv = argv + i + 1;
	if (o.cols > 0) {
		if (o.marker == NULL || o.marker[0] == '\0')
			return usage("--pty needs --marker TEXT");
		return run_pty(&o);
	}
	if (o.marker != NULL)
		return usage("--marker goes with --pty");
	return run_plain(&o);
}
