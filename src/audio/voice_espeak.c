/* voice_espeak.c - phrases spoken by libespeak-ng, the only file that
 * includes it.
 *
 * Loaded when first needed, like SDL2_mixer (cue_sdl.c): the program is
 * not linked with it, so commands that never speak do not load it, and a
 * machine without libespeak-ng1 runs the coach with tones only, saying
 * why.  espeak-ng synthesizes synchronously here
 * (AUDIO_OUTPUT_SYNCHRONOUS): espeak_Synth hands the samples (mono,
 * signed 16-bit, at the rate espeak_Initialize returned, 22050 Hz) to a
 * callback, which collects them.  It is not thread-safe: open and synth
 * are called from one thread at a time (cue_sdl.c's synthesis thread).
 *
 * The locale: espeak_Initialize sets LC_CTYPE to C.UTF-8 for the whole
 * process when it is not UTF-8, and then curses would draw UTF-8 lines in
 * a C locale.  So the program's locale is put back after it, and synth
 * runs in a thread locale of its own (uselocale) with UTF-8 characters,
 * which is what espeak-ng expects of its text.
 *
 * espeak-ng is GPL-3.0-or-later, which is why limber as a whole is. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/speak_lib.h>

#include "audio/cue.h"
#include "audio/dynlib.h"
#include "core/util.h"

#define ESPEAK_API_LIST(X) \
	X(espeak_Initialize) \
	X(espeak_SetSynthCallback) \
	X(espeak_SetVoiceByName) \
	X(espeak_SetParameter) \
	X(espeak_Synth) \
	X(espeak_Synchronize) \
	X(espeak_Terminate)

static struct {
#define ESPEAK_MEMBER(f) __typeof__(&f) f;
	ESPEAK_API_LIST(ESPEAK_MEMBER)
#undef ESPEAK_MEMBER
} api;

/* The samples of the phrase being synthesized. */
static struct {
	short *v;
	size_t n, cap;
} got;

static int
collect(short *wav, int n, espeak_EVENT *events)
{
	(void)events;
	if (wav != NULL && n > 0) {
		/* room for got.n + n samples */
		util_grow(&got.v, &got.cap, got.n + (size_t)n - 1, sizeof *got.v);
		memcpy(got.v + got.n, wav, (size_t)n * sizeof *wav);
		got.n += (size_t)n;
	}
	return 0;	/* go on */
}

static int
load_api(char **why)
{
	static int state;	/* 0 not tried, 1 loaded, -1 failed */
	static char *failure;
	void *lib;

	if (state == 0) {
		state = -1;
		lib = dynlib_open(LIMBER_ESPEAK_SONAME, &failure);
		if (lib != NULL) {
			state = 1;
#define ESPEAK_RESOLVE(f) \
			if (state == 1 && dynlib_resolve(lib, LIMBER_ESPEAK_SONAME, \
					#f, &api.f, sizeof api.f, &failure)) \
				state = -1;
			ESPEAK_API_LIST(ESPEAK_RESOLVE)
#undef ESPEAK_RESOLVE
		}
	}
	if (state < 0) {
		*why = xstrdup(failure);
		return -1;
	}
	return 0;
}

static int
espeak_open(const char *voice_name, int wpm, int *rate_hz, char **why)
{
	char *e = NULL;
	int rate;

	if (load_api(&e) != 0) {
		*why = xasprintf("no speech library: %s", e);
		free(e);
		return -1;
	}
	{
		const char *cur = setlocale(LC_ALL, NULL);
		char *saved = xstrdup(cur != NULL ? cur : "C");

		rate = api.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, 0);
		setlocale(LC_ALL, saved);
		free(saved);
	}
	if (rate <= 0) {
		*why = xstrdup("espeak-ng would not start (is espeak-ng-data installed?)");
		return -1;
	}
	api.espeak_SetSynthCallback(collect);
	if (api.espeak_SetVoiceByName(voice_name) != EE_OK) {
		*why = xasprintf("espeak-ng has no voice \"%s\" (see espeak-ng --voices; "
				 "set voice_name in limber.conf)", voice_name);
		api.espeak_Terminate();
		return -1;
	}
	api.espeak_SetParameter(espeakRATE, wpm, 0);
	*rate_hz = rate;
	return 0;
}

static int
espeak_synth(const char *text, short **pcm, size_t *n, char **why)
{
	static locale_t utf8;
	espeak_ERROR rc;

	/* This thread's own locale (see the top). */
	if (utf8 == (locale_t)0)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (utf8 != (locale_t)0)
		uselocale(utf8);
	got.n = 0;
	rc = api.espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
			      espeakCHARS_UTF8, NULL, NULL);
	if (rc == EE_OK)
		rc = api.espeak_Synchronize();
	if (rc != EE_OK || got.n == 0) {
		*why = xasprintf("espeak-ng could not say \"%s\"", text);
		return -1;
	}
	*pcm = xmalloc(got.n * sizeof **pcm);
	memcpy(*pcm, got.v, got.n * sizeof **pcm);
	*n = got.n;
	return 0;
}

static void
espeak_close(void)
{
	api.espeak_Terminate();
	free(got.v);
	memset(&got, 0, sizeof got);
}

const struct cue_voice_ops cue_espeak_ops = {
	.name = "espeak-ng",
	.open = espeak_open,
	.synth = espeak_synth,
	.close = espeak_close,
};
