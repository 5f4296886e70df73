/* cue_sdl.c - the SDL2_mixer back end; with cue_sdl_voice.c (the voice) and
 * its private cue_sdl.h, the only files that include SDL.
 *
 * The device runs at 44100 Hz, 16-bit, stereo, in chunks of 512 frames
 * (11.6 ms).  Every tone is loaded (and converted to the device's format)
 * once at open; phrases are synthesized ahead by a thread of their own
 * (see "Voice" below) and converted to the same format.
 *
 * Placed to the sample: a cue is handed ahead of its time with the
 * CLOCK_MONOTONIC instant its first sample must sound (cue_at).  The mixer
 * calls a post-mix function for every buffer it fills; that function reads
 * the clock, takes the buffer to start sounding then (on the dummy and
 * disk drivers it is written out at once; a sound card adds its own queue,
 * a constant delay), and starts each cue at the frame of the buffer that
 * falls on its instant, mixing it in itself with the volume applied.  So a
 * cue's onset follows the device's clock to within the jitter of the
 * mixer thread's wake-ups, not to within a buffer.  A cue handed late
 * (after a user action) starts at the next buffer.  SDL2_mixer's own
 * channels are not used.
 *
 * Sleeping: an open SDL2 device runs a thread that wakes for every buffer,
 * about 90 times a second, mixing silence when nothing plays, and SDL2
 * keeps it running even while paused.  So the device is open only while
 * there is something to play.  open opens it once, to learn its format and
 * convert the sounds, and closes it; a cue handed to a closed device opens
 * it (cues are handed 500 ms or more ahead, so the first is on time); and
 * a watchdog thread, which sleeps while the device is closed and looks
 * every SDL_WATCH_MS while it is open, closes it once nothing has played
 * for SDL_IDLE_CLOSE_MS, whatever screen the front end shows (the home
 * screen, the check-in).  A hold then costs the process its redraws only.
 * Lock order: dev_lock (opening and closing) before lock; the post-mix
 * hook takes only lock, and the device is never closed with lock held.
 *
 * Voice: with cfg->voice and a synthesizer (cfg->voice_ops), open starts
 * the synthesizer (a missing voice or library is said at once, in
 * voice_why), and prepare hands it every phrase form the session may say.
 * A thread synthesizes them in the order they are first needed, converts
 * each to the device's format (SDL_BuildAudioCVT) and keeps it; prepare
 * waits for the first ones (said at the session's start).  A form last
 * needed before the session's current step is freed, and the thread
 * stops SDL_VOICE_CACHE_MAX bytes ahead, so a long routine holds only the
 * phrases of the next few minutes.  A phrase not ready when it is due is
 * not said (length -1).
 *
 * Quiet: SDL and the libraries under it (ALSA, PulseAudio) may print to
 * stderr while a device opens, and a curses screen must never see that.
 * So while opening and closing, fds 1 and 2 point at /dev/null (dup/dup2,
 * restored afterwards), and SDL's own log goes nowhere; the threads
 * started meanwhile never take the front ends' signals.  SDL is also told
 * to leave SIGINT and SIGTERM alone: the front ends handle those.
 *
 * Loaded when first needed: SDL2_mixer pulls in some 60 shared libraries
 * (decoders, X11, Wayland, PulseAudio), which cost every start of the
 * program about 12 ms and 10 MiB while `list`, `check`, `history` and the
 * home screen never play a sound.  So the program is not linked with it;
 * the first open dlopen()s it by its soname and takes the few functions
 * used here from it (their types come from the headers, so a mismatch is
 * a compile error).  Without the library at run time, sound is off with
 * the reason said.  It is never unloaded: SDL keeps threads and atexit
 * handlers.
 *
 * SDL is process-wide: open one player at a time. */
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

struct sdl_api sdlapi;


/* dlopen()s SDL2_mixer (and with it SDL2) the first time; 0, or -1 with
 * the reason in *why (a new string), every time after a failure too. */
static int
load_api(char **why)
{
	static int state;	/* 0 not tried yet, 1 loaded, -1 failed */
	static char *failure;
	void *lib;

	if (state == 0) {
		state = -1;
		lib = dynlib_open(LIMBER_SDL_MIXER_SONAME, &failure);
		if (lib != NULL) {
			state = 1;
#define SDL_API_RESOLVE(f) \
			if (state == 1 && dynlib_resolve(lib, LIMBER_SDL_MIXER_SONAME, \
					#f, &sdlapi.f, sizeof sdlapi.f, &failure)) \
				state = -1;
			SDL_API(SDL_API_RESOLVE)
#undef SDL_API_RESOLVE
		}
	}
	if (state < 0) {
		*why = xstrdup(failure);
		return -1;
	}
	return 0;
}

int64_t
cue_sdl_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* fds 1 and 2 while SDL is noisy: saved copies to put back; and the
 * signal mask. */
struct quiet {
	int saved[2];
	sigset_t mask;
};

static void
quiet_begin(struct quiet *q)
{
	sigset_t block;
	int null;

	/* Threads that SDL and the libraries under it start meanwhile
	 * inherit this mask: with the front ends' signals blocked in them,
	 * each such signal goes to the main thread, whose ppoll it must
	 * interrupt. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGQUIT);
	sigaddset(&block, SIGWINCH);
	sigaddset(&block, SIGTSTP);
	sigaddset(&block, SIGCONT);
	sigaddset(&block, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &block, &q->mask);
	fflush(stdout);
	fflush(stderr);
	q->saved[0] = q->saved[1] = -1;
	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (null < 0)
		return;
	for (int i = 0; i < 2; i++) {
		int fd = STDOUT_FILENO + i;

		/* CLOEXEC: an editor started later must not inherit these. */
		q->saved[i] = fcntl(fd, F_DUPFD_CLOEXEC, 3);
		if (q->saved[i] >= 0 && dup2(null, fd) < 0) {
			close(q->saved[i]);
			q->saved[i] = -1;
		}
	}
	close(null);
}

static void
quiet_end(struct quiet *q)
{
	for (int i = 0; i < 2; i++) {
		if (q->saved[i] < 0)
			continue;
		dup2(q->saved[i], STDOUT_FILENO + i);
		close(q->saved[i]);
		q->saved[i] = -1;
	}
	pthread_sigmask(SIG_SETMASK, &q->mask, NULL);
}

static void
discard_log(void *ud, int category, SDL_LogPriority priority,
	    const char *message)
{
	(void)ud;
	(void)category;
	(void)priority;
	(void)message;
}

static const char *
sdl_error(void)
{
	const char *e = sdlapi.SDL_GetError();

	return e != NULL && e[0] != '\0' ? e : "unknown error";
}

static void *
load_chunk(void *ud, const char *path, char **err)
{
	/* Opened here so that a missing file says so in plain words. */
	FILE *fp = fopen(path, "rb");
	SDL_RWops *rw;
	Mix_Chunk *c;

	(void)ud;
	if (fp == NULL) {
		*err = xstrdup(strerror(errno));
		return NULL;
	}
	rw = sdlapi.SDL_RWFromFP(fp, SDL_TRUE);
	if (rw == NULL) {
		*err = xstrdup(sdl_error());
		fclose(fp);
		return NULL;
	}
	/* Reads WAV and, through the music decoders, OGG; frees rw. */
	c = sdlapi.Mix_LoadWAV_RW(rw, 1);
	if (c == NULL)
		*err = xstrdup(sdl_error());
	return c;
}

/* ------------------------------------------------------------ mixing */

static void
mix_into(Sint16 *out, const Sint16 *in, size_t samples, int gain)
{
	for (size_t i = 0; i < samples; i++) {
		int v = out[i] + (in[i] * gain) / 128;

		out[i] = (Sint16)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
	}
}

/* SDL2_mixer's post-mix hook, on the device's thread: place and mix the
 * cues handed.  The buffer is taken to start sounding now. */
static void
postmix(void *ud, Uint8 *stream, int len)
{
	struct sdl_state *s = ud;
	size_t n = (size_t)len / (sizeof(Sint16) * (size_t)s->channels), k = 0;
	int64_t now = cue_sdl_mono_ns();
	Sint16 *out = (Sint16 *)(void *)stream;

	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->nitems; i++) {
		struct item *it = &s->item[i];
		size_t from, count;

		if (it->start < 0) {
			int64_t off = it->at_ns == 0 ? 0 :
				(it->at_ns - now) * s->rate / 1000000000;

			if (off >= (int64_t)n) {
				s->item[k++] = *it;
				continue;
			}
			it->start = s->frames + (off > 0 ? off : 0);
		}
		from = (size_t)(it->start + (int64_t)it->pos - s->frames);
		count = it->snd->frames - it->pos;
		if (count > n - from)
			count = n - from;
		mix_into(out + from * (size_t)s->channels,
			 it->snd->v + it->pos * (size_t)s->channels,
			 count * (size_t)s->channels, s->gain);
		it->pos += count;
		if (it->pos < it->snd->frames)
			s->item[k++] = *it;
	}
	s->nitems = k;
	if (k > 0)
		s->quiet_ns = 0;
	else if (s->quiet_ns == 0)
		s->quiet_ns = now + (int64_t)n * 1000000000 / s->rate;
	s->frames += (int64_t)n;
	pthread_mutex_unlock(&s->lock);
}

/* ------------------------------------------------------------ device */

/* Open the device; 0, or -1 with *reason.  Called with s->lock free: the
 * device's thread takes it. */
static int
device_open(struct sdl_state *s, char **reason)
{
	struct quiet q;
	int rate = 0, channels = 0;
	Uint16 format = 0;

	quiet_begin(&q);
	if (sdlapi.Mix_OpenAudio(SDL_RATE, MIX_DEFAULT_FORMAT, SDL_CHANNELS,
			      SDL_CHUNK_FRAMES) != 0) {
		if (reason != NULL)
			*reason = xasprintf("no audio device (SDL: %s)", sdl_error());
		quiet_end(&q);
		return -1;
	}
	sdlapi.Mix_QuerySpec(&rate, &format, &channels);
	if (format != AUDIO_S16SYS || (s->rate != 0 && (rate != s->rate ||
	    channels != s->channels))) {
		/* The sounds were converted for the first device. */
		sdlapi.Mix_CloseAudio();
		if (reason != NULL)
			*reason = xasprintf("the audio device changed its format "
					    "(%d Hz, %d channels)", rate, channels);
		quiet_end(&q);
		return -1;
	}
	s->rate = rate;
	s->channels = channels;
	pthread_mutex_lock(&s->lock);
	s->frames = 0;
	s->quiet_ns = 0;
	s->open = 1;
	pthread_cond_broadcast(&s->watch);
	pthread_mutex_unlock(&s->lock);
	sdlapi.Mix_SetPostMix(postmix, s);
	quiet_end(&q);
	return 0;
}

/* Close the device (with dev_lock held).  Not quiet: the watchdog closes
 * it on its own thread, where redirecting fds 1 and 2 would hide the
 * screen's output; SDL's log goes nowhere all the same. */
static void
device_close(struct sdl_state *s)
{
	if (!s->open)
		return;
	sdlapi.Mix_SetPostMix(NULL, NULL);
	sdlapi.Mix_CloseAudio();
	pthread_mutex_lock(&s->lock);
	s->open = 0;
	/* Cues placed in a buffer that never sounded: start them again. */
	for (size_t i = 0; i < s->nitems; i++) {
		s->item[i].start = -1;
		s->item[i].pos = 0;
	}
	pthread_mutex_unlock(&s->lock);
}

/* Is the device idle: nothing handed, nothing played for a while?
 * Called with lock held. */
static int
idle(const struct sdl_state *s)
{
	int64_t now = cue_sdl_mono_ns();

	if (!s->open || s->nitems != 0 || s->quiet_ns == 0 ||
	    now - s->quiet_ns < (int64_t)SDL_IDLE_CLOSE_MS * 1000000)
		return 0;
	/* Not when the next cue comes before a close and an open would be
	 * over (a sound server may take seconds to close a stream). */
	return s->next_ns == 0 || s->next_ns - now >
	       s->close_ns + (int64_t)SDL_REOPEN_MARGIN_MS * 1000000;
}

static void *
watchdog_thread(void *ud)
{
	struct sdl_state *s = ud;

	pthread_mutex_lock(&s->lock);
	while (!s->quit) {
		struct timespec ts;
		int close_it;

		if (!s->open) {
			pthread_cond_wait(&s->watch, &s->lock);
			continue;
		}
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += SDL_WATCH_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&s->watch, &s->lock, &ts);
		close_it = !s->quit && idle(s);
		if (!close_it)
			continue;
		pthread_mutex_unlock(&s->lock);
		pthread_mutex_lock(&s->dev_lock);
		pthread_mutex_lock(&s->lock);
		close_it = idle(s);	/* a cue may have come meanwhile */
		pthread_mutex_unlock(&s->lock);
		if (close_it) {
			int64_t t0 = cue_sdl_mono_ns(), reopen;

			device_close(s);
			pthread_mutex_lock(&s->lock);
			s->close_ns = cue_sdl_mono_ns() - t0;
			/* handed while it closed (hand found dev_lock taken) */
			reopen = s->nitems > 0;
			pthread_mutex_unlock(&s->lock);
			if (reopen)
				device_open(s, NULL);
		}
		pthread_mutex_unlock(&s->dev_lock);
		pthread_mutex_lock(&s->lock);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

/* Start a thread that takes none of the front ends' signals. */
int
cue_sdl_start_thread(pthread_t *t, void *(*fn)(void *), void *ud)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(t, NULL, fn, ud);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

/* ------------------------------------------------------------ the ops */

static int
mix_gain(int volume)
{
	return (volume * 128 + 50) / 100;
}

static void
shut_down(struct sdl_state *s)
{
	cue_sdl_voice_stop(s);
	pthread_mutex_lock(&s->dev_lock);
	device_close(s);
	pthread_mutex_unlock(&s->dev_lock);
	for (int c = 0; c < CUE_COUNT; c++)
		if (s->chunk[c] != NULL)
			sdlapi.Mix_FreeChunk(s->chunk[c]);
	sdlapi.Mix_Quit();
	sdlapi.SDL_QuitSubSystem(SDL_INIT_AUDIO);
	sdlapi.SDL_Quit();
	pthread_cond_destroy(&s->cond);
	pthread_cond_destroy(&s->watch);
	pthread_mutex_destroy(&s->lock);
	pthread_mutex_destroy(&s->dev_lock);
	free(s->voice_why);
	free(s);
}

static void *
sdl_open(const struct cue_config *cfg, const struct cue_files *files,
	 struct diag_list *warn, char **reason)
{
	struct sdl_state *s;
	struct quiet q;
	void *got[CUE_COUNT];
	int loaded;
	char *why;

	if (load_api(&why) != 0) {
		*reason = xasprintf("no sound library: %s", why);
		free(why);
		return NULL;
	}
	quiet_begin(&q);
	sdlapi.SDL_LogSetOutputFunction(discard_log, NULL);
	sdlapi.SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	sdlapi.SDL_SetHint(SDL_HINT_AUDIO_DEVICE_APP_NAME, "limber");
	if (sdlapi.SDL_Init(SDL_INIT_AUDIO) != 0) {
		*reason = xasprintf("no audio device (SDL: %s)", sdl_error());
		sdlapi.SDL_Quit();
		quiet_end(&q);
		return NULL;
	}
	quiet_end(&q);
	s = xcalloc(1, sizeof *s);
	pthread_mutex_init(&s->lock, NULL);
	pthread_mutex_init(&s->dev_lock, NULL);
	pthread_cond_init(&s->cond, NULL);
	pthread_cond_init(&s->watch, NULL);
	s->gain = mix_gain(cfg->volume);
	/* Opened once to learn its format and convert the sounds to it. */
	if (device_open(s, reason) != 0) {
		shut_down(s);
		return NULL;
	}
	quiet_begin(&q);
	loaded = cue_files_load_all(files, load_chunk, NULL, got, warn);
	quiet_end(&q);
	for (int c = 0; c < CUE_COUNT; c++) {
		s->chunk[c] = got[c];
		if (got[c] != NULL) {
			s->tone[c].v = (const Sint16 *)(void *)s->chunk[c]->abuf;
			s->tone[c].frames = s->chunk[c]->alen /
				(sizeof(Sint16) * (size_t)s->channels);
		}
	}
	if (loaded == 0) {
		shut_down(s);
		*reason = xstrdup("none of the cue sounds could be loaded");
		return NULL;
	}
	/* Until a cue comes, no device: the watchdog closes it (the home
	 * screen opens a player, and the close may be slow). */
	pthread_mutex_lock(&s->lock);
	s->quiet_ns = cue_sdl_mono_ns();
	pthread_mutex_unlock(&s->lock);
	if (cue_sdl_start_thread(&s->watchdog, watchdog_thread, s) == 0)
		s->watchdog_on = 1;
	cue_sdl_voice_start(s, cfg);
	return s;
}

static struct phrase *
find_phrase(struct sdl_state *s, const char *text)
{
	for (size_t i = 0; i < s->nph; i++)
		if (strcmp(s->ph[i].text, text) == 0)
			return &s->ph[i];
	return NULL;
}

/* Hand a sound; at_ns 0: as soon as possible. */
static int
hand(struct sdl_state *s, enum cue c, const char *text, int64_t at_ns)
{
	const struct pcm *snd = NULL;
	int ok = 0;

	/* The watchdog may be closing the device, which can take a sound
	 * server seconds: then the cue waits in the list and the watchdog
	 * opens the device again when it is done.  The front end never
	 * waits for it. */
	int have_dev = pthread_mutex_trylock(&s->dev_lock) == 0;

	pthread_mutex_lock(&s->lock);
	if (text != NULL) {
		struct phrase *ph = find_phrase(s, text);

		if (ph != NULL && ph->ready == 1)
			snd = &ph->snd;
	} else if ((unsigned)c < CUE_COUNT && s->chunk[c] != NULL) {
		snd = &s->tone[c];
	}
	if (snd != NULL && s->nitems < SDL_ITEMS) {
		struct item *it = &s->item[s->nitems++];

		it->snd = snd;
		it->at_ns = at_ns;
		it->start = -1;
		it->pos = 0;
		s->quiet_ns = 0;
		ok = 1;
	}
	pthread_mutex_unlock(&s->lock);
	if (have_dev) {
		if (ok && !s->open && device_open(s, NULL) != 0) {
			/* The device went away: this cue is not heard. */
			pthread_mutex_lock(&s->lock);
			s->nitems--;
			pthread_mutex_unlock(&s->lock);
			ok = 0;
		}
		pthread_mutex_unlock(&s->dev_lock);
	}
	return ok;
}

static int
sdl_play(void *state, enum cue c)
{
	return hand(state, c, NULL, 0);
}

static int
sdl_at(void *state, enum cue c, const char *text, int64_t at_ms)
{
	return hand(state, c, text, clock_mono_ns(at_ms));
}

static int64_t
sdl_length(void *state, enum cue c, const char *text)
{
	struct sdl_state *s = state;
	size_t frames = 0;
	int known = 0;

	pthread_mutex_lock(&s->lock);
	if (text != NULL) {
		struct phrase *ph = find_phrase(s, text);

		if (ph != NULL && ph->ready == 1) {
			frames = ph->snd.frames;
			known = 1;
		}
	} else if ((unsigned)c < CUE_COUNT) {
		frames = s->tone[c].frames;
		known = 1;
	}
	pthread_mutex_unlock(&s->lock);
	if (!known)
		return -1;
	/* in ms of the session's clock, which LIMBER_TIME_SCALE speeds up */
	return (int64_t)frames * 1000 * clock_scale() / s->rate;
}

static void
sdl_cancel(void *state, int64_t from_ms)
{
	struct sdl_state *s = state;
	int64_t from = from_ms == INT64_MIN ? INT64_MIN : clock_mono_ns(from_ms);
	size_t k = 0;

	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->nitems; i++) {
		struct item *it = &s->item[i];

		/* What already sounds plays out, unless everything goes. */
		if (from != INT64_MIN && (it->at_ns < from || it->pos > 0))
			s->item[k++] = *it;
	}
	s->nitems = k;
	pthread_mutex_unlock(&s->lock);
}

static void
sdl_hint(void *state, int64_t next_ms)
{
	struct sdl_state *s = state;

	pthread_mutex_lock(&s->lock);
	s->next_ns = next_ms < 0 ? 0 : clock_mono_ns(next_ms);
	pthread_mutex_unlock(&s->lock);
}

static void
sdl_set_volume(void *state, int volume)
{
	struct sdl_state *s = state;

	pthread_mutex_lock(&s->lock);
	s->gain = mix_gain(volume);
	pthread_mutex_unlock(&s->lock);
}

static void
sdl_stop(void *state)
{
	struct sdl_state *s = state;

	pthread_mutex_lock(&s->lock);
	s->nitems = 0;
	pthread_mutex_unlock(&s->lock);
}

static void
sdl_close(void *state)
{
	struct sdl_state *s = state;
	int waited = 0, busy = 1;

	/* Let the cues handed play out (the session's finish and "Session
	 * complete", usually): the program often exits right after. */
	for (;;) {
		pthread_mutex_lock(&s->lock);
		busy = s->open && s->nitems > 0;
		pthread_mutex_unlock(&s->lock);
		if (!busy || waited >= SDL_DRAIN_MAX_MS)
			break;
		sdlapi.SDL_Delay(10);
		waited += 10;
	}
	if (waited > 0)
		sdlapi.SDL_Delay(SDL_DRAIN_TAIL_MS);
	shut_down(s);
}

const struct cue_ops cue_sdl_ops = {
	.name = "sdl",
	.open = sdl_open,
	.play = sdl_play,
	.set_volume = sdl_set_volume,
	.stop = sdl_stop,
	.close = sdl_close,
	.at = sdl_at,
	.length = sdl_length,
	.cancel = sdl_cancel,
	.hint = sdl_hint,
	.voice = cue_sdl_voice,
	.prepare = cue_sdl_prepare,
	.progress = cue_sdl_progress,
};
