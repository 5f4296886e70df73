/* faultshim.c - faults for the end-to-end tests that neither the disk nor
 * the clock give on demand, preloaded into limber (LD_PRELOAD):
 *
 *   LIMBER_FAULT_FSYNC=1   fsync of a file whose name ends in ".csv"
 *                          fails with EIO (the bytes are written: the
 *                          disk just does not confirm them)
 *   LIMBER_FAULT_ENOSPC=1  write to a file whose name ends in
 *                          "history.csv" fails with ENOSPC (a full disk)
 *   LIMBER_FAULT_TIME=N    time() says N seconds since 1970 (a clock set
 *                          to another year)
 *
 * Built without the sanitizers (it is loaded before their runtime). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int
fd_name_ends(int fd, const char *suffix)
{
	char link[64], name[4096];
	ssize_t n;
	size_t ls = strlen(suffix);

	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, name, sizeof name - 1);
	if (n < 0)
		return 0;
	name[n] = '\0';
	return (size_t)n >= ls && strcmp(name + n - ls, suffix) == 0;
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (getenv("LIMBER_FAULT_FSYNC") != NULL && fd_name_ends(fd, ".csv")) {
		errno = EIO;
		return -1;
	}
	if (real == NULL)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	return real(fd);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (getenv("LIMBER_FAULT_ENOSPC") != NULL &&
	    fd_name_ends(fd, "history.csv")) {
		errno = ENOSPC;
		return -1;
	}
	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT,
								     "write");
	return real(fd, buf, n);
}

time_t
time(time_t *t)
{
	const char *v = getenv("LIMBER_FAULT_TIME");
	time_t now;

	if (v == NULL) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		now = ts.tv_sec;
	} else {
		now = (time_t)strtoll(v, NULL, 10);
	}
	if (t != NULL)
		*t = now;
	return now;
}
