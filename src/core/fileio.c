/* fileio.c - whole-file reads and writes, atomic replace, mkdir -p. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/util.h"

/* What a file that is not a regular one is, for a refusal. */
static const char *
not_regular(const struct stat *st)
{
	static const struct {
		mode_t type;
		const char *refusal;
	} kinds[] = {
		{ S_IFIFO, "it is a FIFO, not a regular file" },
		{ S_IFCHR, "it is a character device, not a regular file" },
		{ S_IFBLK, "it is a block device, not a regular file" },
		{ S_IFSOCK, "it is a socket, not a regular file" },
	};

	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		if ((st->st_mode & S_IFMT) == kinds[i].type)
			return kinds[i].refusal;
	return "it is not a regular file";
}

int
fileio_open_file(const char *path, int flags, mode_t mode, struct stat *stp,
		 const char **why)
{
	struct stat st, lst;
	const char *w;
	int fd = open(path, flags | O_NONBLOCK | O_CLOEXEC, mode), err;

	if (fd < 0) {
		err = errno;
		w = strerror(err);
		if (err == ELOOP && (flags & O_NOFOLLOW) &&
		    lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
			w = "it is a symbolic link, which limber does not "
			    "follow for this file (put the file itself there)";
		} else if (err == ENXIO && stat(path, &st) == 0 &&
			   !S_ISREG(st.st_mode)) {
			/* a FIFO without a reader, a device without one */
			w = not_regular(&st);
			err = EINVAL;
		}
		if (why != NULL)
			*why = w;
		errno = err;
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
		err = errno;
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
			err = EISDIR;
		w = strerror(err);
		if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) &&
		    !S_ISDIR(st.st_mode)) {
			err = EINVAL;
			w = not_regular(&st);
		}
		close(fd);
		if (why != NULL)
			*why = w;
		errno = err;
		return -1;
	}
	if (stp != NULL)
		*stp = st;
	return fd;
}

int
fileio_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;	/* a write that takes nothing */
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

char *
fileio_read_fd(int fd, size_t max, size_t *len)
{
	struct strbuf b = { 0 };
	char chunk[64 * 1024];

	for (;;) {
		ssize_t k = read(fd, chunk, sizeof chunk);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int err = errno;

			strbuf_free(&b);
			errno = err;
			return NULL;
		}
		if (k == 0)
			break;
		strbuf_add(&b, chunk, (size_t)k);
		if (b.len > max)
			break;
	}
	*len = b.len;
	return strbuf_take(&b);
}

char *
fileio_read_file(const char *path, size_t max, size_t *len)
{
	int fd = fileio_open_file(path, O_RDONLY, 0, NULL, NULL), err;
	char *buf;

	if (fd < 0)
		return NULL;
	buf = fileio_read_fd(fd, max, len);
	err = errno;
	close(fd);
	errno = err;
	return buf;
}

/* fsync the folder holding path, so that a rename into it lasts.  A file
 * system that cannot sync a folder (EINVAL) has nothing more to give. */
static int
sync_folder(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? xstrdup(".")
		    : slash == path ? xstrdup("/")
		    : xstrndup(path, (size_t)(slash - path));
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0, err = 0;

	free(dir);
	if (fd < 0)
		return -1;
	if (fsync(fd) != 0 && errno != EINVAL) {
		err = errno;
		rc = -1;
	}
	close(fd);
	errno = err;
	return rc;
}

int
fileio_replace(const char *path, const void *data, size_t len, mode_t mode)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp), err = 0;

	if (fd < 0) {
		err = errno;
		free(tmp);
		errno = err;
		return -1;
	}
	if (fchmod(fd, mode) != 0 || fileio_write_all(fd, data, len) != 0 ||
	    fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err == 0 && rename(tmp, path) != 0)
		err = errno;
	if (err != 0)
		unlink(tmp);
	free(tmp);
	if (err == 0 && sync_folder(path) != 0)
		err = errno;
	errno = err;
	return err ? -1 : 0;
}

int
fileio_mkdir_p(const char *dir, mode_t mode, char **failed)
{
	char *p = xstrdup(dir);
	struct stat st;
	int err = 0;

	*failed = NULL;
	for (char *s = p + 1;; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		if (s[-1] == '/') {	/* "a//b" or a trailing slash */
			if (c == '\0')
				break;
			continue;
		}
		*s = '\0';
		if (mkdir(p, mode) == 0) {
			/* the mode asked for, whatever the umask took */
			if (chmod(p, mode) != 0)
				err = errno;
		} else if (errno != EEXIST) {
			err = errno;
		} else if (stat(p, &st) != 0) {
			err = errno;
		} else if (!S_ISDIR(st.st_mode)) {
			err = ENOTDIR;
		}
		if (err != 0) {
			*failed = p;
			errno = err;
			return -1;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return 0;
}

int
fileio_mkdir_parents(const char *path, mode_t mode, char **failed)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int rc, err;

	*failed = NULL;
	if (slash == NULL || slash == path)
		return 0;
	dir = xstrndup(path, (size_t)(slash - path));
	rc = fileio_mkdir_p(dir, mode, failed);
	err = errno;
	free(dir);
	errno = err;
	return rc;
}
