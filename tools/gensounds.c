/* gensounds.c - synthesize limber's six cue sounds into DIR/NAME.wav.
 *
 *   gensounds DIR
 *
 * Each cue is a few soft bell-like notes: a fundamental with two quieter
 * harmonics that die away faster, a 5 ms rounded attack, an exponential
 * decay and a rounded release that ends exactly at zero, so nothing clicks.
 * The cues differ in pitch and in pattern (one blip, a rising step, a
 * ping-pong, a falling step, a rising triad, a fanfare and chord), each
 * opens on its own pitch so the test's analyser can tell them apart within
 * the first notes, and all are scaled to the same loudness: the same RMS
 * over their loudest 125 ms (a sound level meter's "fast" time: the ear
 * sums energy over about that long, so a 90 ms tick and a 1.2 s chord are
 * matched where they are loudest, and the long tail of the chord does not
 * count as quiet).
 * 44100 Hz, mono, signed 16-bit; the same input always writes the same
 * bytes (no randomness, no dither).
 *
 * Run it from the top of the tree to refresh the shipped sounds:
 *   tools/gensounds sounds */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/cue.h"
#include "core/paths.h"
#include "core/util.h"

#define RATE 44100
#define TARGET_DB (-18.0)	/* loudest-window RMS, dB below full scale */
#define WINDOW_S 0.125		/* the loudness window */
#define ATTACK_S 0.005
#define RELEASE_S 0.020

struct note {
	double start;	/* s from the cue's start */
	double len;	/* s, attack to the end of the release */
	double freq;	/* Hz */
	double amp;	/* relative to the other notes of the cue */
	double tau;	/* s, decay time constant */
};

struct design {
	double len;	/* s, the whole cue */
	const struct note *notes;
	size_t n;
};

/* Equal-tempered pitches used below. */
#define G4 392.00
#define A4 440.00
#define C5 523.25
#define E5 659.26
#define FS5 739.99
#define G5 783.99
#define A5 880.00
#define B5 987.77
#define C6 1046.50
#define E6 1318.51
#define G6 1567.98

/* tick: one short high blip. */
static const struct note tick[] = {
	{ 0.000, 0.090, G6, 1.0, 0.035 },
};
/* go: a quick rising step, up a fifth: start now. */
static const struct note go[] = {
	{ 0.000, 0.085, A5, 0.9, 0.150 },
	{ 0.075, 0.225, E6, 1.0, 0.120 },
};
/* switch: ping-pong between two pitches: the other side. */
static const struct note sw[] = {
	{ 0.000, 0.100, B5, 1.0, 0.120 },
	{ 0.090, 0.100, FS5, 1.0, 0.120 },
	{ 0.180, 0.140, B5, 1.0, 0.100 },
};
/* rest: a slow falling step, low and soft: let go. */
static const struct note rest[] = {
	{ 0.000, 0.170, E5, 0.9, 0.250 },
	{ 0.150, 0.300, A4, 1.0, 0.220 },
};
/* done: a rising major triad. */
static const struct note done[] = {
	{ 0.000, 0.110, C5, 1.0, 0.200 },
	{ 0.100, 0.110, E5, 1.0, 0.200 },
	{ 0.200, 0.200, G5, 1.0, 0.150 },
};
/* finish: a fanfare up to a ringing chord. */
static const struct note finish[] = {
	{ 0.000, 0.130, G4, 1.0, 0.250 },
	{ 0.120, 0.130, C5, 1.0, 0.250 },
	{ 0.240, 0.130, E5, 1.0, 0.250 },
	{ 0.360, 0.840, C5, 0.6, 0.450 },
	{ 0.360, 0.840, E5, 0.5, 0.450 },
	{ 0.360, 0.840, G5, 0.5, 0.450 },
	{ 0.360, 0.840, C6, 0.7, 0.400 },
};

#define CUE_SOUND(a, len) { len, a, ARRAY_LEN(a) }
static const struct design designs[CUE_COUNT] = {
	[CUE_TICK] = CUE_SOUND(tick, 0.090),
	[CUE_GO] = CUE_SOUND(go, 0.300),
	[CUE_SWITCH] = CUE_SOUND(sw, 0.320),
	[CUE_REST] = CUE_SOUND(rest, 0.450),
	[CUE_DONE] = CUE_SOUND(done, 0.400),
	[CUE_FINISH] = CUE_SOUND(finish, 1.200),
};

/* Partials: the harmonic, its level and how much faster it decays. */
static const struct {
	double harmonic, level, decay;
} partials[] = {
	{ 1.0, 1.00, 1.0 },
	{ 2.0, 0.30, 1.7 },
	{ 3.0, 0.10, 2.5 },
};

static void
add_note(double *buf, size_t n, const struct note *nt)
{
	const double pi = 3.14159265358979323846;
	size_t first = (size_t)lround(nt->start * RATE);
	size_t len = (size_t)lround(nt->len * RATE);

	for (size_t i = 0; i < len && first + i < n; i++) {
		double t = (double)i / RATE;
		double left = nt->len - t;
		double env = 1.0, v = 0.0;

		if (t < ATTACK_S) {
			double a = sin(pi / 2 * t / ATTACK_S);

			env *= a * a;
		}
		if (left < RELEASE_S) {
			double r = sin(pi / 2 * left / RELEASE_S);

			env *= r * r;
		}
		for (size_t k = 0; k < ARRAY_LEN(partials); k++)
			v += partials[k].level *
			     exp(-t * partials[k].decay / nt->tau) *
			     sin(2 * pi * nt->freq * partials[k].harmonic * t);
		buf[first + i] += nt->amp * env * v;
	}
}

struct stats {
	double peak_db, loud_db;
};

/* Mean square of the loudest WINDOW_S of buf, counting silence past the
 * end, so a sound shorter than the window is measured over the window. */
static double
loudest_ms(const double *buf, size_t n)
{
	size_t w = (size_t)lround(WINDOW_S * RATE);
	double sum = 0.0, best;

	for (size_t i = 0; i < n && i < w; i++)
		sum += buf[i] * buf[i];
	best = sum;
	for (size_t i = w; i < n; i++) {
		sum += buf[i] * buf[i] - buf[i - w] * buf[i - w];
		if (sum > best)
			best = sum;
	}
	return best / (double)w;
}

/* Render design d into n samples scaled to the target loudness. */
static int16_t *
render(const struct design *d, size_t *n, struct stats *st)
{
	size_t len = (size_t)lround(d->len * RATE);
	double *buf = xcalloc(len, sizeof *buf);
	int16_t *pcm = xmalloc(len * sizeof *pcm);
	double peak = 0.0, gain;

	for (size_t i = 0; i < d->n; i++)
		add_note(buf, len, &d->notes[i]);
	gain = pow(10.0, TARGET_DB / 20) / sqrt(loudest_ms(buf, len));
	for (size_t i = 0; i < len; i++) {
		double v = buf[i] * gain * 32767.0;

		if (v > 32767.0)
			v = 32767.0;
		else if (v < -32767.0)
			v = -32767.0;
		pcm[i] = (int16_t)lround(v);
		buf[i] = pcm[i] / 32767.0;
		if (fabs(buf[i]) > peak)
			peak = fabs(buf[i]);
	}
	st->peak_db = 20 * log10(peak);
	st->loud_db = 10 * log10(loudest_ms(buf, len));
	free(buf);
	*n = len;
	return pcm;
}

static void
put_le(unsigned char *p, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* A canonical 44-byte-header PCM WAV.  Returns 0, or -1 with errno set. */
static int
write_wav(const char *path, const int16_t *pcm, size_t n)
{
	unsigned char h[44];
	uint32_t data = (uint32_t)(n * 2);
	FILE *fp = fopen(path, "wb");
	int err = 0;

	if (fp == NULL)
		return -1;
	memcpy(h, "RIFF", 4);
	put_le(h + 4, 36 + data, 4);
	memcpy(h + 8, "WAVEfmt ", 8);
	put_le(h + 16, 16, 4);		/* fmt chunk size */
	put_le(h + 20, 1, 2);		/* PCM */
	put_le(h + 22, 1, 2);		/* mono */
	put_le(h + 24, RATE, 4);
	put_le(h + 28, RATE * 2, 4);	/* bytes per second */
	put_le(h + 32, 2, 2);		/* bytes per frame */
	put_le(h + 34, 16, 2);		/* bits per sample */
	memcpy(h + 36, "data", 4);
	put_le(h + 40, data, 4);
	if (fwrite(h, 1, sizeof h, fp) != sizeof h)
		err = errno;
	for (size_t i = 0; i < n && err == 0; i++) {
		unsigned char s[2];

		put_le(s, (uint32_t)(uint16_t)pcm[i], 2);
		if (fwrite(s, 1, 2, fp) != 2)
			err = errno;
	}
	if (fclose(fp) != 0 && err == 0)
		err = errno;
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int status = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: gensounds DIR\n");
		return 2;
	}
	printf("%-7s %8s %9s %9s\n", "cue", "length", "peak", "loudness");
	for (int c = 0; c < CUE_COUNT; c++) {
		char *base = xasprintf("%s.wav", cue_name((enum cue)c));
		char *path = paths_join(argv[1], base);
		struct stats st;
		size_t n;
		int16_t *pcm = render(&designs[c], &n, &st);

		if (write_wav(path, pcm, n) != 0) {
			fprintf(stderr, "gensounds: %s: %s\n", path, strerror(errno));
			status = 1;
		} else {
			printf("%-7s %6.3f s %5.1f dB %5.1f dB\n", cue_name((enum cue)c),
			       (double)n / RATE, st.peak_db, st.loud_db);
		}
		free(pcm);
		free(path);
		free(base);
	}
	return status;
}
