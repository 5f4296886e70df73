/* histcache.c - the summary's cache (histsum.h): the hash of the bytes it
 * covers, reading and writing the cache file, and loading through it. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csvread.h"
#include "core/fileio.h"
#include "history/histsum.h"
#include "core/util.h"

#define CACHE_MAX_BYTES (64L * 1024 * 1024)

/* ---------------------------------------------------------------------
 * The hash (see histsum.h). */

#define HASH_K 0x9e3779b97f4a7c15u	/* odd: the golden ratio's bits */

static uint64_t
hash_mix(uint64_t lane, uint64_t w)
{
	uint64_t y = (lane ^ w) * HASH_K;

	return y ^ (y >> 32);
}

static uint64_t
load64(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof w);
	return w;
}

void
histsum_hash_init(struct histsum_hash *h)
{
	memset(h, 0, sizeof *h);
	for (int i = 0; i < 4; i++)
		h->lane[i] = 0x243f6a8885a308d3u * (uint64_t)(i + 1);
}

static void
hash_stripe(uint64_t lane[4], const unsigned char *p)
{
	lane[0] = hash_mix(lane[0], load64(p));
	lane[1] = hash_mix(lane[1], load64(p + 8));
	lane[2] = hash_mix(lane[2], load64(p + 16));
	lane[3] = hash_mix(lane[3], load64(p + 24));
}

void
histsum_hash_add(struct histsum_hash *h, const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t lane[4];

	h->len += n;
	if (h->nbuf > 0) {
		size_t k = sizeof h->buf - h->nbuf;

		if (k > n)
			k = n;
		memcpy(h->buf + h->nbuf, p, k);
		h->nbuf += k;
		p += k;
		n -= k;
		if (h->nbuf < sizeof h->buf)
			return;
		hash_stripe(h->lane, h->buf);
		h->nbuf = 0;
	}
	memcpy(lane, h->lane, sizeof lane);
	for (; n >= 32; p += 32, n -= 32)
		hash_stripe(lane, p);
	memcpy(h->lane, lane, sizeof lane);
	memcpy(h->buf, p, n);
	h->nbuf = n;
}

uint64_t
histsum_hash_value(const struct histsum_hash *h)
{
	uint64_t lane[4], v;
	unsigned char last[8] = { 0 };
	size_t i = 0;

	memcpy(lane, h->lane, sizeof lane);
	for (; i + 8 <= h->nbuf; i += 8)
		lane[i / 8] = hash_mix(lane[i / 8], load64(h->buf + i));
	if (i < h->nbuf) {
		memcpy(last, h->buf + i, h->nbuf - i);
		lane[i / 8] = hash_mix(lane[i / 8], load64(last));
	}
	v = hash_mix(HASH_K, h->len);
	for (int k = 0; k < 4; k++)
		v = hash_mix(v, lane[k]);
	return hash_mix(v, 0);
}

/* ---------------------------------------------------------------------
 * Loading. */

static void
add_row(void *ud, const struct history_row *row)
{
	histsum_add(ud, row);
}

/* What a whole-file parse hands its rows and bytes to. */
struct full {
	struct histsum *s;
	struct histsum_hash h;
};

static void
full_row(void *ud, const struct history_row *row)
{
	struct full *f = ud;

	histsum_add(f->s, row);
}

static void
full_bytes(void *ud, const void *p, size_t n)
{
	struct full *f = ud;

	histsum_hash_add(&f->h, p, n);
}

/* pread all of [off, off + n) into buf. */
static int
read_at(int fd, void *buf, size_t n, off_t off)
{
	char *p = buf;

	while (n > 0) {
		ssize_t k = pread(fd, p, n, off);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
		off += k;
	}
	return 0;
}

/* May the cache live in the folder of path?  Only in a folder of our own
 * (one that another user owns or may write to could hand us a FIFO, or
 * read the summary of health data): ours is made private (0700) without a
 * word, like everything else about the cache. */
static bool
folder_ours(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	struct stat st;
	bool ok;

	if (slash == NULL)
		return false;
	dir = slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
	ok = lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	     st.st_uid == geteuid() &&
	     ((st.st_mode & 077) == 0 || chmod(dir, 0700) == 0);
	free(dir);
	return ok;
}

/* The cache file's bytes, or NULL: only a regular file of our own, not a
 * link, and not one larger than any cache. */
static unsigned char *
read_cache(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	int fd;

	if (!folder_ours(path))
		return NULL;
	fd = fileio_open_file(path, O_RDONLY | O_NOFOLLOW, 0, &st, NULL);
	if (fd < 0)
		return NULL;
	if (st.st_uid != geteuid() || st.st_size <= 0 ||
	    st.st_size > CACHE_MAX_BYTES) {
		close(fd);
		return NULL;
	}
	buf = fileio_read_fd(fd, (size_t)CACHE_MAX_BYTES, len);
	close(fd);
	return (unsigned char *)buf;
}

/* Replace the cache file with s for k: a temporary file in the same
 * folder, synced, renamed over it, so a reader sees the old cache or the
 * new one, never a part; the folder is made 0700 (a summary of health
 * data is health data).  Any failure (a read-only or missing cache
 * folder, a full disk) only means no cache: the history file stays the
 * source of truth, so it is not worth a word. */
static bool
write_cache(const char *path, const struct histsum *s,
	    const struct histsum_key *k)
{
	size_t len;
	unsigned char *buf;
	char *failed;
	int rc;

	if (fileio_mkdir_parents(path, 0700, &failed) < 0) {
		free(failed);
		return false;
	}
	if (!folder_ours(path))
		return false;
	buf = histsum_encode(s, k, &len);
	rc = fileio_replace(path, buf, len, 0600);
	free(buf);
	return rc == 0;
}

/* Start from the cache when it holds for path: then s is filled, *rc is
 * what loading returns, and the result is true.  False (and s left
 * empty, d untouched) when the cache cannot be used. */
static bool
load_cached(struct histsum *s, const char *path, const struct histsum_cache *c,
	    struct histsum_info *info, struct diag_list *d, int *rc)
{
	struct histsum cached;
	struct histsum_key k;
	struct histsum_hash h;
	struct stat st;
	unsigned char *cbuf;
	char *buf = NULL;
	size_t clen, tail, before = d->n;
	off_t off;
	bool used = false;
	int fd;

	cbuf = read_cache(c->path, &clen);
	if (cbuf == NULL)
		return false;
	histsum_init(&cached);
	if (histsum_decode(cbuf, clen, &cached, &k) < 0) {
		free(cbuf);
		return false;
	}
	free(cbuf);
	/* Only a history that reading would take (a regular file, not a
	 * link); the full read says what is wrong with another. */
	fd = fileio_open_file(path, O_RDONLY | O_NOFOLLOW, 0, &st, NULL);
	if (fd < 0 ||
	    (uint64_t)st.st_dev != k.dev || (uint64_t)st.st_ino != k.ino ||
	    st.st_size < k.size || st.st_size > CSVREAD_DEFAULT_MAX_BYTES)
		goto out;
	/* Appenders wait while we read: what is hashed is what is parsed. */
	while (flock(fd, LOCK_SH) < 0 && errno == EINTR)
		;
	if (fstat(fd, &st) < 0 || st.st_size < k.size ||
	    st.st_size > CSVREAD_DEFAULT_MAX_BYTES)
		goto out;
	tail = (size_t)(st.st_size - k.size);
	buf = xmalloc(tail > 64 * 1024 ? tail : 64 * 1024);
	histsum_hash_init(&h);
	for (off = 0; off < k.size;) {
		size_t n = k.size - off > 64 * 1024 ? 64 * 1024
						    : (size_t)(k.size - off);

		if (read_at(fd, buf, n, off) < 0)
			goto out;
		histsum_hash_add(&h, buf, n);
		off += (off_t)n;
	}
	if (histsum_hash_value(&h) != k.hash ||
	    read_at(fd, buf, tail, k.size) < 0)
		goto out;
	histsum_hash_add(&h, buf, tail);

	used = true;
	*s = cached;
	histsum_init(&cached);
	info->cache_used = true;
	info->parsed_from = k.size;
	info->size = st.st_size;
	*rc = 0;
	if (tail > 0)
		*rc = history_scan_rows(path, &k.at, buf, tail, add_row, s, d);
	if (tail > 0 && *rc == 0 && d->n == before && buf[tail - 1] == '\n' &&
	    st.st_size >= c->min_bytes) {
		k.size = st.st_size;
		k.hash = histsum_hash_value(&h);
		info->cache_written = write_cache(c->path, s, &k);
	}
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	histsum_free(&cached);
	return used;
}

int
histsum_load(struct histsum *s, const char *path,
	     const struct histsum_cache *c, struct histsum_info *info,
	     struct diag_list *d)
{
	struct histsum_info none;
	struct history_file f;
	struct full full = { .s = s };
	size_t before = d->n;
	int rc;

	if (info == NULL)
		info = &none;
	memset(info, 0, sizeof *info);
	if (c != NULL && c->path != NULL &&
	    load_cached(s, path, c, info, d, &rc))
		return rc;

	histsum_hash_init(&full.h);
	rc = history_scan_file(path, full_row,
			       c != NULL && c->path != NULL ? full_bytes : NULL,
			       &full, &f, d);
	info->size = f.size;
	if (c != NULL && c->path != NULL && rc == 0 && f.stable && f.header &&
	    f.ends_nl && d->n == before && f.size >= c->min_bytes) {
		struct histsum_key k = {
			.size = f.size,
			.dev = (uint64_t)f.dev,
			.ino = (uint64_t)f.ino,
			.hash = histsum_hash_value(&full.h),
			.at = f.end,
		};

		info->cache_written = write_cache(c->path, s, &k);
	}
	return rc;
}
