/* cue_sdl_voice.c - the SDL2_mixer back end's voice: phrases synthesized
 * ahead by a thread of their own and converted to the device's format
 * (see "Voice" in cue_sdl.c). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "audio/cue.h"
#include "audio/dynlib.h"
#include "core/clock.h"
#include "core/diag.h"
#include "core/util.h"

#include "audio/cue_sdl.h"

/* ------------------------------------------------------------ voice */

/* A phrase to device format; NULL when SDL cannot convert it. */
static Sint16 *
convert(struct sdl_state *s, const short *in, size_t n, size_t *frames)
{
	SDL_AudioCVT cvt;
	Uint8 *buf;

	if (sdlapi.SDL_BuildAudioCVT(&cvt, AUDIO_S16SYS, 1, s->vrate, AUDIO_S16SYS,
				  (Uint8)s->channels, s->rate) < 0)
		return NULL;
	cvt.len = (int)(n * sizeof *in);
	buf = xmalloc((size_t)cvt.len * (size_t)cvt.len_mult + 16);
	memcpy(buf, in, n * sizeof *in);
	cvt.buf = buf;
	if (cvt.needed && sdlapi.SDL_ConvertAudio(&cvt) != 0) {
		free(buf);
		return NULL;
	}
	*frames = (size_t)cvt.len_cvt / (sizeof(Sint16) * (size_t)s->channels);
	return (Sint16 *)(void *)buf;
}

/* espeak-ng starts and ends a phrase with silence; trimmed, the phrase
 * starts where it is placed and its length is what it covers. */
#define SDL_VOICE_SILENT 64	/* |sample| below this is silence (-54 dB) */

static void
trim_silence(short **pcm, size_t *n)
{
	size_t a = 0, b = *n;

	while (a < b && abs((*pcm)[a]) < SDL_VOICE_SILENT)
		a++;
	while (b > a && abs((*pcm)[b - 1]) < SDL_VOICE_SILENT)
		b--;
	*pcm += a;
	*n = b - a;
}

/* The next phrase to make: the first still needed and not made, if the
 * cache has room.  Called with the lock held. */
static struct phrase *
next_phrase(struct sdl_state *s)
{
	if (s->bytes >= SDL_VOICE_CACHE_MAX)
		return NULL;
	for (size_t i = 0; i < s->nph; i++)
		if (s->ph[i].ready == 0 && s->ph[i].last >= s->step)
			return &s->ph[i];
	return NULL;
}

static void *
synth_thread(void *ud)
{
	struct sdl_state *s = ud;

	pthread_mutex_lock(&s->lock);
	while (!s->quit) {
		struct phrase *ph = next_phrase(s);
		char *text, *why = NULL;
		short *pcm = NULL;
		Sint16 *dev = NULL;
		size_t n = 0, frames = 0;

		if (ph == NULL) {
			pthread_cond_wait(&s->cond, &s->lock);
			continue;
		}
		text = xstrdup(ph->text);
		ph->ready = -2;		/* being made */
		pthread_mutex_unlock(&s->lock);
		if (s->vops->synth(text, &pcm, &n, &why) == 0) {
			short *v = pcm;

			trim_silence(&v, &n);
			if (n > 0)
				dev = convert(s, v, n, &frames);
		}
		free(pcm);
		free(why);
		free(text);
		pthread_mutex_lock(&s->lock);
		/* prepare may have replaced the phrases meanwhile */
		if (ph >= s->ph && ph < s->ph + s->nph && ph->ready == -2 && dev) {
			ph->buf = dev;
			ph->snd.v = dev;
			ph->snd.frames = frames;
			ph->ready = 1;
			s->bytes += (long)(frames * sizeof(Sint16) * (size_t)s->channels);
		} else {
			if (ph >= s->ph && ph < s->ph + s->nph && ph->ready == -2)
				ph->ready = -1;
			free(dev);
		}
		pthread_cond_broadcast(&s->cond);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

/* Is the phrase's sound in a cue handed?  Called with the lock held. */
static int
in_use(const struct sdl_state *s, const struct phrase *ph)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (s->item[i].snd == &ph->snd)
			return 1;
	return 0;
}

static void
phrase_forget(struct sdl_state *s, struct phrase *ph)
{
	if (ph->ready == 1)
		s->bytes -= (long)(ph->snd.frames * sizeof(Sint16) *
				   (size_t)s->channels);
	free(ph->buf);
	ph->buf = NULL;
	ph->snd.v = NULL;
	ph->snd.frames = 0;
	ph->ready = 0;		/* made again if a step before is gone back to */
}

static void
phrases_free(struct sdl_state *s)
{
	for (size_t i = 0; i < s->nph; i++) {
		phrase_forget(s, &s->ph[i]);
		free(s->ph[i].text);
	}
	free(s->ph);
	s->ph = NULL;
	s->nph = 0;
	s->bytes = 0;
}

int
cue_sdl_voice(void *state, char **why)
{
	struct sdl_state *s = state;

	if (s->vops != NULL)
		return 1;
	*why = xstrdup(s->voice_why != NULL ? s->voice_why : "not asked for");
	return 0;
}

void
cue_sdl_prepare(void *state, char **forms, const size_t *last, size_t n)
{
	struct sdl_state *s = state;
	int64_t until = cue_sdl_mono_ns() + (int64_t)SDL_VOICE_WAIT_MS * 1000000;

	if (s->vops == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	/* A new session: nothing of the last one may sound. */
	s->nitems = 0;
	phrases_free(s);
	s->ph = xcalloc(n ? n : 1, sizeof *s->ph);
	for (size_t i = 0; i < n; i++) {
		s->ph[i].text = xstrdup(forms[i]);
		s->ph[i].last = last[i];
	}
	s->nph = n;
	s->step = 0;
	pthread_cond_broadcast(&s->cond);
	/* The first phrases are said at once. */
	for (;;) {
		size_t i;
		struct timespec ts;

		for (i = 0; i < n && i < SDL_VOICE_FIRST; i++)
			if (s->ph[i].ready == 0 || s->ph[i].ready == -2)
				break;
		if (i == n || i == SDL_VOICE_FIRST || cue_sdl_mono_ns() >= until)
			break;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 20000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&s->cond, &s->lock, &ts);
	}
	pthread_mutex_unlock(&s->lock);
}

void
cue_sdl_progress(void *state, size_t step)
{
	struct sdl_state *s = state;
	int wake = 0;

	if (s->vops == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	if (step != s->step) {
		s->step = step;
		for (size_t i = 0; i < s->nph; i++) {
			struct phrase *ph = &s->ph[i];

			if (ph->ready == 1 && ph->last < step && !in_use(s, ph)) {
				phrase_forget(s, ph);
				wake = 1;
			}
		}
	}
	if (wake)
		pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

/* Start the synthesizer; on failure s->voice_why says why. */
void
cue_sdl_voice_start(struct sdl_state *s, const struct cue_config *cfg)
{
	char *why = NULL;
	int rc;

	if (!cfg->voice)
		return;
	if (cfg->voice_ops == NULL) {
		s->voice_why = xstrdup(cfg->voice_missing != NULL ?
				       cfg->voice_missing : "no speech synthesizer");
		return;
	}
	if (cfg->voice_ops->open(cfg->voice_name != NULL ? cfg->voice_name : "en",
				 cfg->voice_rate > 0 ? cfg->voice_rate : 170,
				 &s->vrate, &why) != 0) {
		s->voice_why = why;
		return;
	}
	s->vops = cfg->voice_ops;
	rc = cue_sdl_start_thread(&s->thread, synth_thread, s);
	if (rc == 0) {
		s->thread_on = 1;
	} else {
		s->vops->close();
		s->vops = NULL;
		s->voice_why = xasprintf("cannot start the speech thread: %s",
					 strerror(rc));
	}
}

/* Stop the speech thread and the watchdog. */
void
cue_sdl_voice_stop(struct sdl_state *s)
{
	pthread_mutex_lock(&s->lock);
	s->quit = 1;
	pthread_cond_broadcast(&s->cond);
	pthread_cond_broadcast(&s->watch);
	pthread_mutex_unlock(&s->lock);
	if (s->thread_on) {
		pthread_join(s->thread, NULL);
		s->thread_on = 0;
	}
	if (s->watchdog_on) {
		pthread_join(s->watchdog, NULL);
		s->watchdog_on = 0;
	}
	if (s->vops != NULL)
		s->vops->close();
	s->vops = NULL;
	phrases_free(s);
}
