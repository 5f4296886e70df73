/* fileio.h - files read and written whole, replaced atomically, folders
 * made with their mode.
 *
 * Every call retries on EINTR and carries on after a short write or read.
 * Failures come back as -1 (or NULL) with errno set, for the caller to
 * name the file in its own message. */
#ifndef LIMBER_FILEIO_H
#define LIMBER_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

struct stat;

/* Open path with flags (and mode, when they create it) only when it is a
 * regular file: never waiting on a FIFO (it is opened non-blocking, and
 * the descriptor is made blocking again once it proves a regular file),
 * never following a symbolic link at the last component when flags hold
 * O_NOFOLLOW.  Returns the descriptor (close-on-exec), *st filled when
 * st is not NULL; or -1 with errno set and *why (when why is not NULL) a
 * static text to show after "cannot open: ": strerror(errno), or for a
 * refusal of fileio's own (errno EINVAL, ELOOP) what the file is, "it is
 * a FIFO, not a regular file", "it is a symbolic link ...".  A folder
 * gives EISDIR. */
int fileio_open_file(const char *path, int flags, mode_t mode,
		     struct stat *st, const char **why);

/* Write all len bytes of buf to fd.  Returns 0, or -1 with errno (what
 * was written before the failure stays written). */
int fileio_write_all(int fd, const void *buf, size_t len);

/* Read fd to its end; *len gets the length (a NUL follows the bytes).
 * Stops once more than max bytes were read (the caller tells "too large"
 * by *len > max).  A new buffer, or NULL with errno. */
char *fileio_read_fd(int fd, size_t max, size_t *len);

/* The whole file at path, as fileio_read_fd.  NULL with errno when it
 * cannot be opened or read. */
char *fileio_read_file(const char *path, size_t max, size_t *len);

/* Replace path with data[0, len) so that a reader sees the old file or the
 * new one, never a part: a temporary file in the same folder made with
 * mkstemp, given mode, written, fsync'ed, renamed over path, then the
 * folder fsync'ed so the rename lasts.  Returns 0, or -1 with errno (the
 * temporary file is removed; path is as it was). */
int fileio_replace(const char *path, const void *data, size_t len,
		   mode_t mode);

/* Create dir and any missing parents with mode (0700 for user data),
 * whatever the umask.  Returns 0, or -1 with errno set and *failed (a new
 * string) naming the component that could not be made, or that is in the
 * way (a file where a folder should be: ENOTDIR). */
int fileio_mkdir_p(const char *dir, mode_t mode, char **failed);

/* fileio_mkdir_p for the folder that holds path (nothing for a bare
 * name). */
int fileio_mkdir_parents(const char *path, mode_t mode, char **failed);

#endif
