/* reopen.c - what it costs to open and close the audio device, as limber
 * does around each cluster of cues (src/audio/cue_sdl.c).
 *
 *   reopen [N]
 *
 * With the SDL driver from SDL_AUDIODRIVER (dummy, disk, pulseaudio, ...),
 * opens the device N times (default 20) the way cue_sdl.c does
 * (Mix_OpenAudio at 44100 Hz, S16, stereo, 512-frame chunks) and closes it
 * again, and prints one line: the driver, then the median and worst wall
 * time of an open, of a close, and of the first buffer's arrival at the
 * post-mix hook after an open (when the device is really running), in
 * ms.  Exit 1 when the device cannot be opened. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <SDL.h>
#include <SDL_mixer.h>

static volatile int buffers;

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
postmix(void *ud, Uint8 *stream, int len)
{
	(void)ud;
	(void)stream;
	(void)len;
	buffers++;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
stats(double *v, int n, double *med, double *worst)
{
	qsort(v, (size_t)n, sizeof *v, cmp);
	*med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	*worst = v[n - 1];
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 20;
	double *op, *cl, *first, om, ow, cm, cw, fm, fw;

	if (n < 1 || n > 1000)
		n = 20;
	op = calloc((size_t)n, sizeof *op);
	cl = calloc((size_t)n, sizeof *cl);
	first = calloc((size_t)n, sizeof *first);
	if (op == NULL || cl == NULL || first == NULL || SDL_Init(SDL_INIT_AUDIO) != 0) {
		fprintf(stderr, "reopen: %s\n", SDL_GetError());
		return 1;
	}
	for (int i = 0; i < n; i++) {
		double t0 = now_ms(), t1;

		if (Mix_OpenAudio(44100, MIX_DEFAULT_FORMAT, 2, 512) != 0) {
			fprintf(stderr, "reopen: %s\n", SDL_GetError());
			return 1;
		}
		t1 = now_ms();
		op[i] = t1 - t0;
		buffers = 0;
		Mix_SetPostMix(postmix, NULL);
		while (buffers == 0 && now_ms() - t1 < 2000)
			SDL_Delay(1);
		first[i] = now_ms() - t0;
		SDL_Delay(50);
		t0 = now_ms();
		Mix_SetPostMix(NULL, NULL);
		Mix_CloseAudio();
		cl[i] = now_ms() - t0;
	}
	stats(op, n, &om, &ow);
	stats(cl, n, &cm, &cw);
	stats(first, n, &fm, &fw);
	printf("%s %.2f %.2f %.2f %.2f %.2f %.2f\n", SDL_GetCurrentAudioDriver() ?
	       SDL_GetCurrentAudioDriver() : "?", om, ow, cm, cw, fm, fw);
	SDL_Quit();
	return 0;
}
