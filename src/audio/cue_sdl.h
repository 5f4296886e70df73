/* cue_sdl.h - what the SDL2_mixer back end's two files share: the
 * library's functions (loaded at run time), the sounds, the state.
 * Private to src/audio/cue_sdl*.c; see cue_sdl.c for how it works. */
#ifndef LIMBER_CUE_SDL_H
#define LIMBER_CUE_SDL_H

#include <pthread.h>
#include <stdint.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "audio/cue.h"

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
	X(SDL_BuildAudioCVT) \
	X(SDL_ConvertAudio) \
	X(Mix_OpenAudio) \
	X(Mix_CloseAudio) \
	X(Mix_Quit) \
	X(Mix_QuerySpec) \
	X(Mix_SetPostMix) \
	X(Mix_LoadWAV_RW) \
	X(Mix_FreeChunk)

struct sdl_api {
#define SDL_API_MEMBER(f) __typeof__(&f) f;
	SDL_API(SDL_API_MEMBER)
#undef SDL_API_MEMBER
};
extern struct sdl_api sdlapi;

#define SDL_RATE 44100
#define SDL_CHANNELS 2
#define SDL_CHUNK_FRAMES 512
#define SDL_ITEMS 32		/* cues handed and not yet over */
#define SDL_IDLE_CLOSE_MS 300	/* close the device after this long quiet */
#define SDL_WATCH_MS 100	/* the watchdog looks this often while open */
#define SDL_REOPEN_MARGIN_MS 500	/* time kept for an open before a cue */
#define SDL_DRAIN_MAX_MS 4000	/* close waits this long at most for cues */
#define SDL_DRAIN_TAIL_MS 30	/* ... and this for the device's buffer */
#define SDL_VOICE_CACHE_MAX (24L * 1024 * 1024)	/* bytes of phrases ahead */
#define SDL_VOICE_FIRST 4	/* phrases prepare waits for: the first
				 * phrase's forms, said at once */
#define SDL_VOICE_WAIT_MS 3000	/* ... at most */

/* A sound in the device's format: interleaved signed 16-bit frames. */
struct pcm {
	const Sint16 *v;
	size_t frames;
};

/* A cue handed to sound at at_ns (0: as soon as possible). */
struct item {
	const struct pcm *snd;
	int64_t at_ns;
	int64_t start;		/* stream frame it starts at; -1 not placed */
	size_t pos;		/* frames mixed so far */
};

struct phrase {
	char *text;
	size_t last;		/* plan step after which it is not needed */
	struct pcm snd;
	Sint16 *buf;		/* snd.v's memory */
	int ready;		/* 0 waiting, 1 ready, -1 failed or freed */
};

struct sdl_state {
	Mix_Chunk *chunk[CUE_COUNT];
	struct pcm tone[CUE_COUNT];
	int rate, channels;	/* the device's, from the first open */
	pthread_mutex_t dev_lock;	/* opening and closing the device */
	int open;		/* the device is open (under dev_lock and lock) */
	pthread_t watchdog;
	int watchdog_on;
	pthread_cond_t watch;	/* the device opened, or quit */
	pthread_mutex_t lock;	/* everything below, but voice_ops */
	int gain;		/* 0-128 */
	struct item item[SDL_ITEMS];
	size_t nitems;
	int64_t frames;		/* mixed since the device opened */
	int64_t quiet_ns;	/* nothing to mix since, or 0 */
	int64_t next_ns;	/* the next cue the session knows of, or 0 */
	int64_t close_ns;	/* how long the last close took */
	/* voice */
	const struct cue_voice_ops *vops;	/* NULL: no voice */
	char *voice_why;	/* why there is none */
	int vrate;		/* the synthesizer's sample rate */
	pthread_t thread;
	int thread_on, quit;
	pthread_cond_t cond;	/* work for the thread, or a phrase ready */
	struct phrase *ph;
	size_t nph;
	size_t step;		/* the session's current plan step */
	long bytes;		/* held by ready phrases */
};

/* cue_sdl.c */
int cue_sdl_start_thread(pthread_t *t, void *(*fn)(void *), void *ud);
int64_t cue_sdl_mono_ns(void);
/* cue_sdl_voice.c */
int cue_sdl_voice(void *state, char **why);
void cue_sdl_prepare(void *state, char **forms, const size_t *last, size_t n);
void cue_sdl_progress(void *state, size_t step);
void cue_sdl_voice_start(struct sdl_state *s, const struct cue_config *cfg);
void cue_sdl_voice_stop(struct sdl_state *s);

#endif
