/* cue_sdl.c - the SDL2_mixer back end, the only file that includes SDL.
 *
 * The device runs at 44100 Hz, 16-bit, stereo, in chunks of 512 frames
 * (11.6 ms), so a cue handed to the mixer sounds within about one chunk.
 * Every cue is loaded (and converted to the device's format) once at open;
 * playing one only starts a mixer channel.
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

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "audio/cue.h"
#include "core/diag.h"
#include "core/util.h"

/* The functions used, each as a pointer of its declared type. */
#define SDL_API(X) \
	X(SDL_Init) \
	X(SDL_Quit) \
	X(SDL_QuitSubSystem) \
	X(SDL_GetError) \
	X(SDL_SetHint) \
	X(SDL_LogSetOutputFunction) \
	X(SDL_RWFromFP) \
	X(SDL_Delay) \
	X(Mix_OpenAudio) \
	X(Mix_CloseAudio) \
	X(Mix_Quit) \
	X(Mix_AllocateChannels) \
	X(Mix_LoadWAV_RW) \
	X(Mix_FreeChunk) \
	X(Mix_PlayChannel) \
	X(Mix_HaltChannel) \
	X(Mix_GroupOldest) \
	X(Mix_Volume) \
	X(Mix_Playing)

static struct {
#define SDL_API_MEMBER(f) __typeof__(&f) f;
	SDL_API(SDL_API_MEMBER)
#undef SDL_API_MEMBER
} api;

/* Points *slot (a function pointer of size bytes) at lib's symbol name;
 * 0, or -1 with *why.  POSIX guarantees that an object pointer can hold a
 * function's address; copying the bytes says so without a cast. */
static int
resolve(void *lib, const char *name, void *slot, size_t size, char **why)
{
	void *sym = dlsym(lib, name);

	if (sym == NULL || size != sizeof sym) {
		*why = xasprintf("%s has no %s", LIMBER_SDL_MIXER_SONAME, name);
		return -1;
	}
	memcpy(slot, &sym, size);
	return 0;
}

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
		lib = dlopen(LIMBER_SDL_MIXER_SONAME, RTLD_NOW | RTLD_LOCAL);
		if (lib == NULL) {
			const char *e = dlerror();	/* names the file */

			failure = e ? xstrdup(e) : xasprintf("cannot load %s",
						LIMBER_SDL_MIXER_SONAME);
		} else {
			state = 1;
#define SDL_API_RESOLVE(f) \
			if (state == 1 && resolve(lib, #f, &api.f, \
						  sizeof api.f, &failure)) \
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

#define SDL_RATE 44100
#define SDL_CHANNELS 2
#define SDL_CHUNK_FRAMES 512
#define SDL_MIX_CHANNELS 8	/* cues are short: more never overlap */
#define SDL_DRAIN_MAX_MS 1500	/* close waits this long at most for a cue */
#define SDL_DRAIN_TAIL_MS 30	/* ... and this for the device's buffer */

struct sdl_state {
	Mix_Chunk *chunk[CUE_COUNT];
};

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
	const char *e = api.SDL_GetError();

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
	rw = api.SDL_RWFromFP(fp, SDL_TRUE);
	if (rw == NULL) {
		*err = xstrdup(sdl_error());
		fclose(fp);
		return NULL;
	}
	/* Reads WAV and, through the music decoders, OGG; frees rw. */
	c = api.Mix_LoadWAV_RW(rw, 1);
	if (c == NULL)
		*err = xstrdup(sdl_error());
	return c;
}

static int
mix_volume(int volume)
{
	return (volume * MIX_MAX_VOLUME + 50) / 100;
}

static void
shut_down(struct sdl_state *s)
{
	api.Mix_HaltChannel(-1);
	for (int c = 0; c < CUE_COUNT; c++)
		if (s->chunk[c] != NULL)
			api.Mix_FreeChunk(s->chunk[c]);
	api.Mix_CloseAudio();
	api.Mix_Quit();
	api.SDL_QuitSubSystem(SDL_INIT_AUDIO);
	api.SDL_Quit();
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
	api.SDL_LogSetOutputFunction(discard_log, NULL);
	api.SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	api.SDL_SetHint(SDL_HINT_AUDIO_DEVICE_APP_NAME, "limber");
	if (api.SDL_Init(SDL_INIT_AUDIO) != 0) {
		*reason = xasprintf("no audio device (SDL: %s)", sdl_error());
		api.SDL_Quit();
		quiet_end(&q);
		return NULL;
	}
	if (api.Mix_OpenAudio(SDL_RATE, MIX_DEFAULT_FORMAT, SDL_CHANNELS,
			  SDL_CHUNK_FRAMES) != 0) {
		*reason = xasprintf("no audio device (SDL: %s)", sdl_error());
		api.SDL_QuitSubSystem(SDL_INIT_AUDIO);
		api.SDL_Quit();
		quiet_end(&q);
		return NULL;
	}
	api.Mix_AllocateChannels(SDL_MIX_CHANNELS);
	s = xcalloc(1, sizeof *s);
	loaded = cue_files_load_all(files, load_chunk, NULL, got, warn);
	for (int c = 0; c < CUE_COUNT; c++)
		s->chunk[c] = got[c];
	if (loaded == 0) {
		shut_down(s);
		quiet_end(&q);
		*reason = xstrdup("none of the cue sounds could be loaded");
		return NULL;
	}
	api.Mix_Volume(-1, mix_volume(cfg->volume));
	quiet_end(&q);
	return s;
}

static int
sdl_play(void *state, enum cue c)
{
	struct sdl_state *s = state;
	int ch;

	if (s->chunk[c] == NULL)
		return 0;
	ch = api.Mix_PlayChannel(-1, s->chunk[c], 0);
	if (ch < 0) {
		/* Every channel busy: the newest cue matters most. */
		api.Mix_HaltChannel(api.Mix_GroupOldest(-1));
		ch = api.Mix_PlayChannel(-1, s->chunk[c], 0);
	}
	return ch >= 0;
}

static void
sdl_set_volume(void *state, int volume)
{
	(void)state;
	api.Mix_Volume(-1, mix_volume(volume));
}

static void
sdl_stop(void *state)
{
	(void)state;
	api.Mix_HaltChannel(-1);
}

static void
sdl_close(void *state)
{
	struct quiet q;
	int waited = 0;

	/* Let a cue in flight end (the session's finish, usually): the
	 * program often exits right after it. */
	while (api.Mix_Playing(-1) > 0 && waited < SDL_DRAIN_MAX_MS) {
		api.SDL_Delay(10);
		waited += 10;
	}
	if (waited > 0)
		api.SDL_Delay(SDL_DRAIN_TAIL_MS);
	quiet_begin(&q);
	shut_down(state);
	quiet_end(&q);
}

const struct cue_ops cue_sdl_ops = {
	.name = "sdl",
	.open = sdl_open,
	.play = sdl_play,
	.set_volume = sdl_set_volume,
	.stop = sdl_stop,
	.close = sdl_close,
};
