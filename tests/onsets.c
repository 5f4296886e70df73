/* onsets.c - find the cues in a recording of limber's sound output.
 *
 *   onsets --watch RAW --log LOG [--fifo FIFO] -- COMMAND [ARG...]
 *   onsets [--rate HZ] [--channels N] --sounds DIR [--sizes LOG]
 *          [--arrivals] [--trace FILE] [--max-error MS]
 *          [--speech-error MS] RAW
 *
 * RAW is signed 16-bit little-endian PCM, interleaved, as SDL's disk audio
 * driver writes it (SDL_AUDIODRIVER=disk, SDL_DISKAUDIOFILE=RAW); defaults
 * 44100 Hz, 2 channels.  DIR holds the six cue sounds (NAME.wav, 16-bit
 * PCM at the same rate).
 *
 * Finding cues: the channels are averaged to one signal.  An onset is the
 * first sample that rises above a small threshold out of the residual
 * signal.  Each cue sound is compared with the signal there by normalised
 * cross-correlation over its first 150 ms, at every lag from 10 ms before
 * to 1 ms after the crossing (the attack starts from zero, so the crossing
 * comes a little late): the best sound and lag say which cue it is and
 * exactly where it starts.  The mixer plays a cue as a scaled copy of its
 * sound, so the right one correlates near 1 and the others near 0.  That
 * copy, scaled to fit, is then subtracted, and the search goes on in what
 * is left, so even cues that overlap are found one by one.  (Where a cue
 * was removed, a new onset must also rise above a quarter of its
 * envelope: a user's lossy OGG does not subtract to silence.)
 *
 * Without --trace, prints one line per onset: time (ms from the start of
 * RAW), cue, correlation, and the margin over the next best sound.
 *
 * With --trace (a limber --events file), pairs the "cue_NAME" events with
 * the onsets in order and fits heard = offset + rate * logged by least
 * squares.  Passes (exit 0) when there are as many onsets as logged cues,
 * each onset is the cue logged (correlation >= 0.9), and every onset lies
 * within --max-error ms (default 30) of the fitted line; else exit 1.
 * Prints a line per cue and "worst onset error: E ms".  Exit 2 for bad
 * usage or unreadable files.
 *
 * The disk driver's clock: it writes a chunk, then sleeps for about a
 * chunk's time, so the file runs a few percent off real time and wanders
 * by tens of milliseconds whenever the machine is busy and the sleep runs
 * long.  A fitted rate absorbs the first, not the second.  So --watch runs
 * COMMAND while recording, every time RAW grows, its size and modification
 * time (the kernel stamps it at each write: no polling delay in it) to
 * LOG; --sizes LOG then maps each onset's place in RAW to the real time it
 * was written, by interpolating between those points, before the fit.
 * The rate fitted is then 1 to within the clocks' drift, and what is left
 * is limber's own timing plus one chunk of mixing.
 *
 * A device that closes between cues (limber does, across silences) makes
 * SDL's disk driver start its file again at every open.  --fifo FIFO
 * records through a named pipe instead: SDL_DISKAUDIOFILE=FIFO, and
 * onsets creates it, reads whatever arrives, appends it to RAW and logs
 * "SIZE ARRIVAL_NS" (CLOCK_REALTIME, like the mtimes) for every read.
 * Then --arrivals maps each byte to the arrival of its read plus its place
 * in that read at the sample rate: a chunk starts sounding when it is
 * written, and the closed stretches between chunks (which the recording
 * leaves out) cost nothing.
 *
 * Speech: a "say" line of the trace (limber's voice coach) is a phrase,
 * not one of the six sounds.  What the search cannot name is taken as
 * speech: bursts less than 250 ms apart make one stretch, and each
 * stretch belongs to the latest phrase started by then (a phrase of two
 * sentences comes as two).  With say lines in the trace, each phrase's
 * first stretch must start within --speech-error ms (default 40) of where
 * the fit of the tones puts it, no stretch may come before every phrase,
 * and no stretch may overlap a tone (its length is its sound's).  A line
 * per phrase is printed. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audio/cue.h"
#include "core/paths.h"
#include "core/util.h"

#define THRESHOLD (0.004 * 32768.0)	/* onset: out of silence, -48 dB */
#define MATCH_MS 150.0			/* compared length of each sound */
#define BEFORE_MS 10.0			/* lags searched before the crossing */
#define AFTER_MS 1.0			/* ... and after */
#define MIN_CORR 0.9			/* below this, the onset is unknown */
#define ENV_MS 5.0			/* envelope: the peak within this */
#define LEFTOVER 0.25			/* of a removed cue's envelope */

struct sound {
	double *x;
	size_t n;
	double *env;		/* peak |x| within ENV_MS around each sample */
	double energy;		/* sum of squares of the compared part */
	size_t m;		/* compared part: min(n, MATCH_MS) */
};

struct onset {
	size_t at;		/* sample */
	size_t end;		/* unknown: the burst's last loud sample */
	int cue;		/* enum cue, or -1 when unknown */
	double corr, margin;
};

struct logged {
	double t_ms;
	int cue;		/* enum cue, or -1 for an unknown name */
	char name[32];
	int say;		/* a "say" line: a phrase */
	char text[96];		/* its words */
};

/* Bursts this close make one speech segment; one ends after this long
 * below the threshold. */
#define SPEECH_JOIN_MS 250.0
#define QUIET_MS 20.0

static int
die_usage(const char *msg)
{
	fprintf(stderr, "onsets: %s\n"
		"usage: onsets --watch RAW --log LOG [--fifo FIFO] -- COMMAND [ARG...]\n"
		"       onsets [--rate HZ] [--channels N] --sounds DIR [--sizes LOG]\n"
		"              [--arrivals] [--trace FILE] [--max-error MS]\n"
		"              [--speech-error MS] RAW\n", msg);
	return 2;
}

/* The value of option name at argv[*i] (stepping over it), or NULL when
 * argv[*i] is another option. */
static const char *
opt_value(int argc, char **argv, int *i, const char *name)
{
	if (strcmp(argv[*i], name) != 0 || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

/* The whole file.  Returns NULL (errno set) when it cannot be read. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0;

	if (fp == NULL)
		return NULL;
	for (;;) {
		size_t got;

		if (n == cap)
			util_grow(&buf, &cap, n, 1);
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		int e = errno;

		fclose(fp);
		free(buf);
		errno = e;
		return NULL;
	}
	fclose(fp);
	*len = n;
	return buf;
}

static uint32_t
le(const unsigned char *p, int bytes)
{
	uint32_t v = 0;

	for (int i = bytes - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* Interleaved S16LE to one channel (the mean), in sample units. */
static double *
to_mono(const unsigned char *b, size_t bytes, int channels, size_t *n)
{
	size_t frames = bytes / (2 * (size_t)channels);
	double *x = xcalloc(frames ? frames : 1, sizeof *x);

	for (size_t i = 0; i < frames; i++) {
		double s = 0.0;

		for (int c = 0; c < channels; c++)
			s += (int16_t)le(b + 2 * (i * (size_t)channels + (size_t)c), 2);
		x[i] = s / channels;
	}
	*n = frames;
	return x;
}

/* The envelope the leftover floor follows. */
static void
envelope(struct sound *s, long rate)
{
	size_t w = (size_t)(ENV_MS * (double)rate / 1000);

	s->env = xcalloc(s->n ? s->n : 1, sizeof *s->env);
	for (size_t i = 0; i < s->n; i++) {
		size_t lo = i > w ? i - w : 0, hi = i + w < s->n ? i + w : s->n - 1;

		for (size_t j = lo; j <= hi; j++)
			if (fabs(s->x[j]) > s->env[i])
				s->env[i] = fabs(s->x[j]);
	}
}

/* A 16-bit PCM WAV at the given rate.  Returns 0, or -1 with *err. */
static int
load_wav(const char *path, long rate, struct sound *s, char **err)
{
	size_t len, pos = 12;
	unsigned char *b = slurp(path, &len);
	int channels = 0, have_fmt = 0;

	if (b == NULL) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (len < 12 || memcmp(b, "RIFF", 4) != 0 || memcmp(b + 8, "WAVE", 4) != 0) {
		*err = xasprintf("%s: not a WAV file", path);
		free(b);
		return -1;
	}
	while (pos + 8 <= len) {
		uint32_t size = le(b + pos + 4, 4);
		const unsigned char *body = b + pos + 8;

		if (size > len - pos - 8)
			size = (uint32_t)(len - pos - 8);
		if (memcmp(b + pos, "fmt ", 4) == 0 && size >= 16) {
			if (le(body, 2) != 1 || le(body + 14, 2) != 16 ||
			    (long)le(body + 4, 4) != rate) {
				*err = xasprintf("%s: not 16-bit PCM at %ld Hz", path, rate);
				free(b);
				return -1;
			}
			channels = (int)le(body + 2, 2);
			have_fmt = channels > 0;
		} else if (memcmp(b + pos, "data", 4) == 0 && have_fmt) {
			s->x = to_mono(body, size, channels, &s->n);
			free(b);
			s->m = s->n;
			if ((double)s->m > MATCH_MS * (double)rate / 1000)
				s->m = (size_t)(MATCH_MS * (double)rate / 1000);
			s->energy = 0.0;
			for (size_t i = 0; i < s->m; i++)
				s->energy += s->x[i] * s->x[i];
			envelope(s, rate);
			return 0;
		}
		pos += 8 + size + (size & 1);
	}
	*err = xasprintf("%s: no PCM data", path);
	free(b);
	return -1;
}

/* Normalised cross-correlation of sound s with x at lag, over m samples
 * (or as many as x still has).  *gain: the scale that fits s to x there. */
static double
ncc(const double *x, size_t n, size_t lag, const struct sound *s,
    double *gain)
{
	size_t m = s->m;
	double xy = 0.0, xx = 0.0, yy = 0.0;

	if (lag >= n)
		return 0.0;
	if (m > n - lag)
		m = n - lag;
	for (size_t i = 0; i < m; i++) {
		xy += x[lag + i] * s->x[i];
		xx += x[lag + i] * x[lag + i];
		yy += s->x[i] * s->x[i];
	}
	if (xx <= 0.0 || yy <= 0.0)
		return 0.0;
	*gain = xy / yy;
	return xy / sqrt(xx * yy);
}

/* Find, name and remove every cue in x (changed in place). */
static struct onset *
find_onsets(double *x, size_t n, const struct sound *snd, long rate,
	    size_t *count)
{
	size_t before = (size_t)(BEFORE_MS * (double)rate / 1000);
	size_t after = (size_t)(AFTER_MS * (double)rate / 1000);
	struct onset *v = NULL;
	size_t cap = 0, k = 0, i = 0;
	double *floor = xmalloc((n ? n : 1) * sizeof *floor);

	for (size_t j = 0; j < n; j++)
		floor[j] = THRESHOLD;

	for (;;) {
		struct onset o = { 0, 0, -1, 0.0, 0.0 };
		size_t lo, hi, best_lag = 0;
		double best_gain = 0.0, second = 0.0;

		while (i < n && fabs(x[i]) <= floor[i])
			i++;
		if (i >= n)
			break;
		lo = i > before ? i - before : 0;
		hi = i + after < n ? i + after : n - 1;
		for (int c = 0; c < CUE_COUNT; c++) {
			double cbest = -1.0, cgain = 0.0;
			size_t clag = lo;

			for (size_t lag = lo; lag <= hi; lag++) {
				double g = 0.0, r = ncc(x, n, lag, &snd[c], &g);

				if (r > cbest) {
					cbest = r;
					cgain = g;
					clag = lag;
				}
			}
			if (cbest > o.corr) {
				second = o.corr;
				o.corr = cbest;
				o.cue = c;
				best_lag = clag;
				best_gain = cgain;
			} else if (cbest > second) {
				second = cbest;
			}
		}
		o.margin = o.corr - second;
		if (o.cue >= 0 && o.corr >= MIN_CORR) {
			const struct sound *s = &snd[o.cue];

			o.at = best_lag;
			for (size_t j = 0; j < s->n && best_lag + j < n; j++) {
				double f = LEFTOVER * fabs(best_gain) * s->env[j];

				x[best_lag + j] -= best_gain * s->x[j];
				if (f > floor[best_lag + j])
					floor[best_lag + j] = f;
			}
		} else {
			/* Unknown (speech): step over the burst that is not a
			 * cue, to QUIET_MS below the threshold. */
			size_t quiet = (size_t)(QUIET_MS * (double)rate / 1000), last = i;

			o.at = i;
			o.cue = -1;
			while (i < n && i - last < quiet) {
				if (fabs(x[i]) > floor[i])
					last = i;
				i++;
			}
			o.end = last;
		}
		if (k == cap)
			util_grow(&v, &cap, k, sizeof *v);
		v[k++] = o;
		/* What is left of a removed cue is rounding: go on past the
		 * crossing. */
		i = (i > o.at ? i : o.at) + 1;
	}
	free(floor);
	*count = k;
	return v;
}

/* The cue_NAME events of a --events trace. */
static struct logged *
read_trace(const char *path, size_t *count, char **err)
{
	size_t len, k = 0, cap = 0;
	unsigned char *b = slurp(path, &len);
	struct logged *v = NULL;
	char *text, *line, *save = NULL;

	if (b == NULL) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	text = xstrndup((const char *)b, len);
	free(b);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		char *comma = strchr(line, ',');
		char *name, *end;
		struct logged l;

		if (comma == NULL)
			continue;
		if (strncmp(comma + 1, "say,", 4) == 0) {
			const char *f = comma + 5;

			/* the words: the seventh field, after five more commas */
			memset(&l, 0, sizeof l);
			for (int j = 0; j < 4 && f != NULL; j++) {
				f = strchr(f, ',');
				if (f != NULL)
					f++;
			}
			*comma = '\0';
			l.t_ms = strtod(line, NULL);
			l.cue = -1;
			l.say = 1;
			snprintf(l.name, sizeof l.name, "say");
			snprintf(l.text, sizeof l.text, "%s", f != NULL ? f : "");
			if (k == cap)
				util_grow(&v, &cap, k, sizeof *v);
			v[k++] = l;
			continue;
		}
		if (strncmp(comma + 1, "cue_", 4) != 0)
			continue;
		*comma = '\0';
		name = comma + 5;
		end = strchr(name, ',');
		if (end != NULL)
			*end = '\0';
		memset(&l, 0, sizeof l);
		l.t_ms = strtod(line, NULL);
		snprintf(l.name, sizeof l.name, "%s", name);
		{
			enum cue c;

			l.cue = cue_from_name(name, &c) == 0 ? (int)c : -1;
		}
		if (k == cap)
			util_grow(&v, &cap, k, sizeof *v);
		v[k++] = l;
	}
	free(text);
	*count = k;
	return v;
}

static const char *
onset_name(const struct onset *o)
{
	return o->cue >= 0 ? cue_name((enum cue)o->cue) : "unknown";
}

/* ------------------------------------------------------------ --watch */

static int64_t
mtime_ns(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
}

/* Run argv while logging "SIZE MTIME_NS" to log each time raw grows.
 * Returns the command's exit status (128 + signal when killed). */
static int
watch(const char *raw, const char *log, char **argv)
{
	const struct timespec poll_ts = { 0, 1000000 };	/* 1 ms */
	FILE *out = fopen(log, "w");
	long long last = -1;
	pid_t pid;
	int status = 0, done = 0;

	if (out == NULL) {
		fprintf(stderr, "onsets: %s: %s\n", log, strerror(errno));
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "onsets: fork: %s\n", strerror(errno));
		fclose(out);
		return 2;
	}
	if (pid == 0) {
		fclose(out);
		execvp(argv[0], argv);
		fprintf(stderr, "onsets: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (!done) {
		struct stat st;

		/* Once more after the command ended: its last write. */
		if (waitpid(pid, &status, WNOHANG) == pid)
			done = 1;
		if (stat(raw, &st) == 0 && (long long)st.st_size != last) {
			last = (long long)st.st_size;
			fprintf(out, "%lld %lld\n", last, (long long)mtime_ns(&st));
		}
		if (!done)
			nanosleep(&poll_ts, NULL);
	}
	if (fclose(out) != 0) {
		fprintf(stderr, "onsets: %s: %s\n", log, strerror(errno));
		return 2;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Run argv while reading what it writes to the named pipe fifo (made
 * here), appending it to raw and logging "SIZE ARRIVAL_NS" per read.
 * Opened for reading and writing, the pipe never ends, so the writer may
 * close and open it again (SDL's disk driver does at each device open).
 * Returns the command's exit status. */
static int
watch_fifo(const char *fifo, const char *raw, const char *log, char **argv)
{
	FILE *out = fopen(log, "w"), *rec = fopen(raw, "wb");
	long long total = 0;
	int fd, status = 0, done = 0;
	pid_t pid;

	unlink(fifo);
	if (out == NULL || rec == NULL || mkfifo(fifo, 0600) != 0 ||
	    (fd = open(fifo, O_RDWR | O_NONBLOCK)) < 0) {
		fprintf(stderr, "onsets: %s: %s\n", fifo, strerror(errno));
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "onsets: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		close(fd);
		execvp(argv[0], argv);
		fprintf(stderr, "onsets: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (!done) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		unsigned char buf[65536];
		ssize_t got;

		if (waitpid(pid, &status, WNOHANG) == pid)
			done = 1;
		if (poll(&pfd, 1, done ? 0 : 5) <= 0)
			continue;
		while ((got = read(fd, buf, sizeof buf)) > 0) {
			struct timespec ts;

			clock_gettime(CLOCK_REALTIME, &ts);
			fwrite(buf, 1, (size_t)got, rec);
			total += got;
			fprintf(out, "%lld %lld\n", total,
				(long long)ts.tv_sec * 1000000000 + ts.tv_nsec);
		}
	}
	close(fd);
	unlink(fifo);
	if (fclose(out) != 0 || fclose(rec) != 0) {
		fprintf(stderr, "onsets: %s: %s\n", log, strerror(errno));
		return 2;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* ------------------------------------------------------------ --sizes */

struct growth {
	double bytes;
	double t_ms;		/* mtime, ms from the first point */
};

static struct growth *
read_sizes(const char *path, size_t *count, char **err)
{
	FILE *fp = fopen(path, "r");
	struct growth *v = NULL;
	size_t k = 0, cap = 0;
	long long size, ns, ns0 = 0;

	if (fp == NULL) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	while (fscanf(fp, "%lld %lld", &size, &ns) == 2) {
		if (size <= 0)
			continue;
		if (k == 0)
			ns0 = ns;
		/* Sizes only grow; a point out of order is a torn read. */
		if (k > 0 && (double)size <= v[k - 1].bytes)
			continue;
		if (k == cap)
			util_grow(&v, &cap, k, sizeof *v);
		v[k].bytes = (double)size;
		v[k].t_ms = (double)(ns - ns0) / 1e6;
		k++;
	}
	fclose(fp);
	if (k < 2) {
		free(v);
		*err = xasprintf("%s: the file grew fewer than twice", path);
		return NULL;
	}
	*count = k;
	return v;
}

/* --arrivals: a read starts sounding when it arrives. */
static int arrivals;
static double bytes_per_ms;

/* When byte b of the recording was written: between the points around it
 * (or beyond the first or last two); with --arrivals, the arrival of the
 * read holding it plus its place in that read. */
static double
written_at(const struct growth *g, size_t n, double b)
{
	size_t j = 1;

	if (arrivals) {
		size_t k = 0;

		while (k < n - 1 && g[k].bytes <= b)
			k++;
		/* read k holds bytes [g[k-1].bytes, g[k].bytes) */
		return g[k].t_ms + (b - (k > 0 ? g[k - 1].bytes : 0.0)) / bytes_per_ms;
	}

	while (j < n - 1 && g[j].bytes < b)
		j++;
	return g[j - 1].t_ms + (b - g[j - 1].bytes) *
	       (g[j].t_ms - g[j - 1].t_ms) / (g[j].bytes - g[j - 1].bytes);
}

/* ------------------------------------------------------------ judging */

/* Least squares y = a + b x; returns the largest |residual|. */
static double
fit(const double *x, const double *y, size_t n, double *a, double *b)
{
	double sx = 0, sy = 0, sxx = 0, sxy = 0, d, worst = 0;

	for (size_t i = 0; i < n; i++) {
		sx += x[i];
		sy += y[i];
		sxx += x[i] * x[i];
		sxy += x[i] * y[i];
	}
	d = (double)n * sxx - sx * sx;
	if (n >= 2 && d > 0) {
		*b = ((double)n * sxy - sx * sy) / d;
		*a = (sy - *b * sx) / (double)n;
	} else {
		*b = 1.0;
		*a = (sy - sx) / (double)n;
	}
	for (size_t i = 0; i < n; i++) {
		double e = fabs(y[i] - (*a + *b * x[i]));

		if (e > worst)
			worst = e;
	}
	return worst;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* A speech segment: unknown bursts joined. */
struct segment {
	size_t at, end;
};

/* Join the unknown onsets into speech segments; returns how many. */
static size_t
speech_segments(const struct onset *on, size_t non, long rate,
		struct segment **out)
{
	size_t join = (size_t)(SPEECH_JOIN_MS * (double)rate / 1000), k = 0;
	struct segment *v = xcalloc(non ? non : 1, sizeof *v);

	for (size_t i = 0; i < non; i++) {
		if (on[i].cue >= 0)
			continue;
		if (k > 0 && on[i].at <= v[k - 1].end + join) {
			if (on[i].end > v[k - 1].end)
				v[k - 1].end = on[i].end;
			continue;
		}
		v[k].at = on[i].at;
		v[k++].end = on[i].end;
	}
	*out = v;
	return k;
}

/* Judge the phrases.  The tones' fit (heard = a + b * logged) says where
 * each say line's phrase must start; a phrase may come as several
 * stretches (the pauses between its sentences), so each stretch belongs
 * to the latest phrase started by then.  Returns 1 when a phrase is not
 * heard, or its first stretch is off by more than max_err, or a stretch
 * belongs to no phrase, or speech covers a tone. */
static int
judge_speech(const struct onset *on, size_t non, const struct logged *lg,
	     size_t nlg, const struct sound *snd, long rate, long channels,
	     const struct growth *g, size_t ng, double a, double b,
	     double max_err)
{
	struct segment *seg;
	size_t nseg = speech_segments(on, non, rate, &seg), nsay = 0;
	size_t *first = xcalloc(nlg ? nlg : 1, sizeof *first);
	int bad = 0;
	double worst = 0.0;

#define SAMPLE_MS(x) (g != NULL ? written_at(g, ng, (double)(x) * 2.0 * \
			(double)channels) : (double)(x) * 1000 / (double)rate)
	for (size_t i = 0; i < nlg; i++)
		first[i] = (size_t)-1;
	for (size_t k = 0; k < nseg; k++) {
		double at = SAMPLE_MS(seg[k].at);
		size_t owner = (size_t)-1;

		for (size_t i = 0; i < nlg; i++)
			if (lg[i].say && a + b * lg[i].t_ms <= at + max_err)
				owner = i;
		if (owner == (size_t)-1) {
			printf("BAD  speech at %.1f ms of sound before any phrase was logged\n",
			       (double)seg[k].at * 1000 / (double)rate);
			bad = 1;
			continue;
		}
		if (first[owner] == (size_t)-1)
			first[owner] = k;
	}
	for (size_t i = 0; i < nlg; i++) {
		double e;
		size_t k = first[i];

		if (!lg[i].say)
			continue;
		nsay++;
		if (k == (size_t)-1) {
			/* Said right after the phrase before it, with less
			 * silence between than a pause inside a phrase: the
			 * stretch that covers its start is the two joined. */
			double want = a + b * lg[i].t_ms;
			size_t j;

			for (j = 0; j < nseg; j++)
				if (SAMPLE_MS(seg[j].at) < want &&
				    want <= SAMPLE_MS(seg[j].end) + SPEECH_JOIN_MS)
					break;
			if (j < nseg) {
				printf("ok   say     logged %8.0f ms  in the speech from "
				       "%.1f ms of sound (joined to the phrase before)  \"%s\"\n",
				       lg[i].t_ms, (double)seg[j].at * 1000 / (double)rate,
				       lg[i].text);
				continue;
			}
			printf("BAD  say     logged %8.0f ms  not heard: \"%s\"\n",
			       lg[i].t_ms, lg[i].text);
			bad = 1;
			continue;
		}
		e = SAMPLE_MS(seg[k].at) - (a + b * lg[i].t_ms);
		if (fabs(e) > worst)
			worst = fabs(e);
		if (fabs(e) > max_err)
			bad = 1;
		printf("%-4s say     logged %8.0f ms  at %10.1f ms of sound  "
		       "error %+6.1f ms  \"%s\"\n",
		       fabs(e) <= max_err ? "ok" : "BAD", lg[i].t_ms,
		       (double)seg[k].at * 1000 / (double)rate, e, lg[i].text);
	}
#undef SAMPLE_MS
	/* no phrase over a tone */
	for (size_t k = 0; k < nseg; k++) {
		for (size_t i = 0; i < non; i++) {
			size_t t0, t1;

			if (on[i].cue < 0)
				continue;
			t0 = on[i].at;
			t1 = t0 + snd[on[i].cue].n;
			if (seg[k].at < t1 && t0 < seg[k].end) {
				printf("BAD  speech at %.1f-%.1f ms of sound covers cue_%s at %.1f ms\n",
				       (double)seg[k].at * 1000 / (double)rate,
				       (double)seg[k].end * 1000 / (double)rate,
				       cue_name((enum cue)on[i].cue),
				       (double)t0 * 1000 / (double)rate);
				bad = 1;
			}
		}
	}
	if (nsay > 0)
		printf("worst speech onset error: %.1f ms (limit %.0f ms) over %zu phrases\n",
		       worst, max_err, nsay);
	free(seg);
	free(first);
	return bad;
}

/* Pair, fit and judge.  g (n_g points) maps the recording to real time,
 * or is NULL.  Returns the exit status. */
static int
judge(const struct onset *on, size_t non, const struct logged *lg,
      size_t nlg, const struct sound *snd, long rate, long channels,
      const struct growth *g, size_t ng, double max_err, double speech_err)
{
	double *t, *pos, *real, *err, a, b, worst_pos, a2, b2, worst = 0.0;
	size_t ntone = 0, nheard = 0, nsay = 0, k;
	int bad = 0;

	for (size_t i = 0; i < nlg; i++) {
		if (lg[i].say)
			nsay++;
		else
			ntone++;
	}
	for (size_t i = 0; i < non; i++)
		if (on[i].cue >= 0 || nsay == 0)
			nheard++;
	if (ntone == 0) {
		printf("the trace logs no cues\n");
		return 1;
	}
	if (nheard != ntone) {
		printf("%zu cues logged but %zu heard\n", ntone, nheard);
		printf("logged:");
		for (size_t i = 0; i < nlg; i++)
			if (!lg[i].say)
				printf(" %s@%.0f", lg[i].name, lg[i].t_ms);
		printf("\nheard: ");
		for (size_t i = 0; i < non; i++)
			if (on[i].cue >= 0 || nsay == 0)
				printf(" %s@%.1f", onset_name(&on[i]),
				       (double)on[i].at * 1000 / (double)rate);
		printf("\n");
		return 1;
	}
	t = xcalloc(ntone, sizeof *t);
	pos = xcalloc(ntone, sizeof *pos);
	real = xcalloc(ntone, sizeof *real);
	err = xcalloc(ntone, sizeof *err);
	{
		const struct onset **to = xcalloc(ntone, sizeof *to);
		const struct logged **tl = xcalloc(ntone, sizeof *tl);
		size_t a_i = 0, l_i = 0;

		for (size_t i = 0; i < non; i++)
			if (on[i].cue >= 0 || nsay == 0)
				to[a_i++] = &on[i];
		for (size_t i = 0; i < nlg; i++)
			if (!lg[i].say)
				tl[l_i++] = &lg[i];
		for (k = 0; k < ntone; k++) {
			t[k] = tl[k]->t_ms;
			pos[k] = (double)to[k]->at * 1000 / (double)rate;
			if (g != NULL)
				real[k] = written_at(g, ng, (double)to[k]->at * 2.0 *
						     (double)channels);
		}
		/* The place in the recording alone, against the trace. */
		worst_pos = fit(t, pos, ntone, &a, &b);
		printf("place in the recording: %.1f ms + %.5f * logged, worst %.1f ms\n",
		       a, b, worst_pos);
		if (g != NULL) {
			fit(t, real, ntone, &a2, &b2);
			printf("%s %.1f ms + %.5f * logged\n", arrivals ?
			       "arrived (real time):    " : "written (real time):    ",
			       a2, b2);
		} else {
			a2 = a;
			b2 = b;
			memcpy(real, pos, ntone * sizeof *real);
		}
		for (k = 0; k < ntone; k++) {
			double e = real[k] - (a2 + b2 * t[k]);
			int ok_cue = to[k]->cue >= 0 && to[k]->cue == tl[k]->cue;
			int ok_time = fabs(e) <= max_err;

			err[k] = fabs(e);
			if (fabs(e) > worst)
				worst = fabs(e);
			if (!ok_cue || !ok_time)
				bad = 1;
			printf("%-4s cue_%-7s logged %8.0f ms  at %10.1f ms of sound, "
			       "as %-7s (r %.3f, margin %.3f)  error %+6.1f ms\n",
			       ok_cue && ok_time ? "ok" : "BAD", tl[k]->name,
			       tl[k]->t_ms, pos[k], onset_name(to[k]), to[k]->corr,
			       to[k]->margin, e);
		}
		free(to);
		free(tl);
	}
	if (b2 < 0.9 || b2 > 1.1) {
		printf("the fitted rate %.4f is not within 10%% of real time\n", b2);
		bad = 1;
	}
	qsort(err, ntone, sizeof *err, cmp_double);
	printf("median onset error: %.2f ms over %zu cues\n",
	       ntone % 2 ? err[ntone / 2] : (err[ntone / 2 - 1] + err[ntone / 2]) / 2,
	       ntone);
	printf("worst onset error: %.1f ms (limit %.0f ms) over %zu cues, %s\n",
	       worst, max_err, ntone, g != NULL ? arrivals ?
	       "the recording mapped to real time by arrival" :
	       "the recording mapped to real time" : "the recording's own clock");
	if (nsay > 0 && judge_speech(on, non, lg, nlg, snd, rate, channels, g, ng,
				     a2, b2, speech_err))
		bad = 1;
	free(t);
	free(pos);
	free(real);
	free(err);
	return bad;
}

int
main(int argc, char **argv)
{
	long rate = 44100, channels = 2;
	double max_err = 30.0, speech_err = 40.0;
	const char *fifo = NULL;
	const char *dir = NULL, *trace = NULL, *raw = NULL, *sizes = NULL;
	const char *watch_raw = NULL, *log = NULL;
	struct sound snd[CUE_COUNT];
	struct growth *g = NULL;
	struct onset *on;
	size_t len, n, non, ng = 0;
	unsigned char *b;
	double *x;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;

		if (strcmp(a, "--") == 0) {
			if (watch_raw == NULL || log == NULL || i + 1 >= argc)
				return die_usage("-- COMMAND goes with --watch RAW --log LOG");
			if (fifo != NULL)
				return watch_fifo(fifo, watch_raw, log, argv + i + 1);
			return watch(watch_raw, log, argv + i + 1);
		} else if ((v = opt_value(argc, argv, &i, "--fifo")) != NULL) {
			fifo = v;
		} else if (strcmp(a, "--arrivals") == 0) {
			arrivals = 1;
		} else if ((v = opt_value(argc, argv, &i, "--speech-error")) != NULL) {
			long ms;

			if (util_parse_long(v, 1, 10000, &ms) != UTIL_NUM_OK)
				return die_usage("--speech-error takes milliseconds");
			speech_err = (double)ms;
		} else if ((v = opt_value(argc, argv, &i, "--sounds")) != NULL) {
			dir = v;
		} else if ((v = opt_value(argc, argv, &i, "--trace")) != NULL) {
			trace = v;
		} else if ((v = opt_value(argc, argv, &i, "--sizes")) != NULL) {
			sizes = v;
		} else if ((v = opt_value(argc, argv, &i, "--watch")) != NULL) {
			watch_raw = v;
		} else if ((v = opt_value(argc, argv, &i, "--log")) != NULL) {
			log = v;
		} else if ((v = opt_value(argc, argv, &i, "--rate")) != NULL) {
			if (util_parse_long(v, 1000, 384000, &rate) != UTIL_NUM_OK)
				return die_usage("--rate takes a rate in Hz");
		} else if ((v = opt_value(argc, argv, &i, "--channels")) != NULL) {
			if (util_parse_long(v, 1, 16, &channels) != UTIL_NUM_OK)
				return die_usage("--channels takes 1 to 16");
		} else if ((v = opt_value(argc, argv, &i, "--max-error")) != NULL) {
			long ms;

			if (util_parse_long(v, 1, 10000, &ms) != UTIL_NUM_OK)
				return die_usage("--max-error takes milliseconds");
			max_err = (double)ms;
		} else if (a[0] == '-' || raw != NULL) {
			return die_usage("unexpected argument");
		} else {
			raw = a;
		}
	}
	if (dir == NULL || raw == NULL)
		return die_usage("--sounds DIR and RAW are needed");
	bytes_per_ms = (double)rate * 2.0 * (double)channels / 1000.0;
	if (sizes != NULL) {
		char *err = NULL;

		g = read_sizes(sizes, &ng, &err);
		if (g == NULL) {
			fprintf(stderr, "onsets: %s\n", err);
			free(err);
			return 2;
		}
	}
	for (int c = 0; c < CUE_COUNT; c++) {
		char *base = xasprintf("%s.wav", cue_name((enum cue)c));
		char *path = paths_join(dir, base);
		char *err = NULL;

		free(base);
		if (load_wav(path, rate, &snd[c], &err) != 0) {
			fprintf(stderr, "onsets: %s\n", err);
			free(err);
			free(path);
			for (int j = 0; j < c; j++) {
				free(snd[j].x);
				free(snd[j].env);
			}
			free(g);
			return 2;
		}
		free(path);
	}
	b = slurp(raw, &len);
	if (b == NULL) {
		fprintf(stderr, "onsets: %s: %s\n", raw, strerror(errno));
		status = 2;
		goto out;
	}
	x = to_mono(b, len, (int)channels, &n);
	free(b);
	on = find_onsets(x, n, snd, rate, &non);
	free(x);
	printf("%zu onsets in %.1f s of sound\n", non, (double)n / (double)rate);
	if (trace == NULL) {
		for (size_t i = 0; i < non; i++)
			printf("%10.1f ms %-7s r %.3f margin %.3f\n",
			       (double)on[i].at * 1000 / (double)rate,
			       onset_name(&on[i]), on[i].corr, on[i].margin);
	} else {
		char *err = NULL;
		size_t nlg = 0;
		struct logged *lg = read_trace(trace, &nlg, &err);

		if (lg == NULL && err != NULL) {
			fprintf(stderr, "onsets: %s\n", err);
			free(err);
			status = 2;
		} else {
			status = judge(on, non, lg, nlg, snd, rate, channels, g,
				       ng, max_err, speech_err);
		}
		free(lg);
	}
	free(on);
out:
	for (int c = 0; c < CUE_COUNT; c++) {
		free(snd[c].x);
		free(snd[c].env);
	}
	free(g);
	return status;
}
