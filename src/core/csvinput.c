/* csvinput.c - the CSV reader fed from a buffer or a file (csvread.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csvread.h"
#include "core/csvreader.h"
#include "core/fileio.h"

#define CHUNK_SIZE (64 * 1024)

int
csvread_buffer(const struct csvread *cfg, const char *buf, size_t len)
{
	struct reader r;
	struct diag_list fallback;
	const unsigned char *u = (const unsigned char *)buf;
	size_t skip;
	int rc;

	diag_init(&fallback);
	csvreader_init(&r, cfg, cfg->file, &fallback);
	if (len > (size_t)r.max_bytes) {
		diag_add(r.d, DIAG_ERROR, r.file, 0, 0,
			 "too large: %zu bytes, more than the limit of %ld",
			 len, r.max_bytes);
		rc = -1;
	} else if (csvreader_start(&r, u, len, &skip) != 0) {
		rc = -1;
	} else {
		rc = csvreader_scan(&r, u + skip, len - skip);
		if (rc == 0)
			rc = csvreader_finish(&r);
	}
	csvreader_free(&r);
	diag_free(&fallback);
	return rc < 0 ? -1 : 0;
}

/* Fill buf as far as the file allows: a short read is not the end. */
static ssize_t
read_full(int fd, unsigned char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = read(fd, buf + got, n - got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

/* Read the open file fd, of size bytes by its fstat, into r: 0, or -1
 * with the reason in r's diagnostics. */
static int
read_fd(struct reader *r, const char *file, int fd, off_t size)
{
	unsigned char *buf;
	long total = 0;
	int rc = 0, first = 1;

	if (size > r->max_bytes) {
		diag_add(r->d, DIAG_ERROR, file, 0, 0,
			 "too large: %lld bytes, more than the limit of %ld",
			 (long long)size, r->max_bytes);
		return -1;
	}
	buf = xmalloc(CHUNK_SIZE);
	while (rc == 0) {
		ssize_t k = read_full(fd, buf, CHUNK_SIZE);
		size_t skip = 0;

		if (k < 0) {
			diag_add(r->d, DIAG_ERROR, file, 0, 0, "cannot read: %s",
				 strerror(errno));
			rc = -1;
			break;
		}
		total += k;
		if (total > r->max_bytes) {
			/* the file grew, or is not a regular file */
			diag_add(r->d, DIAG_ERROR, file, 0, 0,
				 "too large: more than the limit of %ld bytes",
				 r->max_bytes);
			rc = -1;
			break;
		}
		if (first && csvreader_start(r, buf, (size_t)k, &skip) != 0) {
			rc = -1;
			break;
		}
		first = 0;
		if (k == 0) {
			rc = csvreader_finish(r);
			break;
		}
		rc = csvreader_scan(r, buf + skip, (size_t)k - skip);
	}
	free(buf);
	return rc;
}

int
csvread_file(const struct csvread *cfg, const char *path)
{
	struct reader r;
	struct diag_list fallback;
	const char *file = cfg->file ? cfg->file : path;
	struct stat st;
	const char *why;
	int fd, rc;

	diag_init(&fallback);
	csvreader_init(&r, cfg, file, &fallback);
	/* only a regular file: a FIFO would hang the reader */
	fd = fileio_open_file(path, O_RDONLY, 0, &st, &why);
	if (fd < 0) {
		diag_add(r.d, DIAG_ERROR, file, 0, 0, "cannot open: %s", why);
		rc = -1;
	} else {
		rc = read_fd(&r, file, fd, st.st_size);
		close(fd);
	}
	csvreader_free(&r);
	diag_free(&fallback);
	return rc < 0 ? -1 : 0;
}

int
csvread_fd(const struct csvread *cfg, int fd)
{
	struct reader r;
	struct diag_list fallback;
	struct stat st;
	int rc;

	diag_init(&fallback);
	csvreader_init(&r, cfg, cfg->file, &fallback);
	if (fstat(fd, &st) != 0) {
		diag_add(r.d, DIAG_ERROR, cfg->file, 0, 0, "cannot read: %s",
			 strerror(errno));
		rc = -1;
	} else {
		rc = read_fd(&r, cfg->file, fd, st.st_size);
	}
	csvreader_free(&r);
	diag_free(&fallback);
	return rc < 0 ? -1 : 0;
}
