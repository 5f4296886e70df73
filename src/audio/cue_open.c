/* cue_open.c - the back ends this program was built with.
 *
 * Linked into the program, not into liblimber.a: it names cue_sdl_ops,
 * which exists only in builds with SDL2_mixer, and the library (and the
 * unit tests that link it) must not need SDL. */
#include "config.h"

#include <stdlib.h>

#include "audio/cue.h"
#include "core/util.h"

struct cue_player *
cue_player_open(const struct cue_config *cfg_in, struct diag_list *warn,
		char **off_reason)
{
	struct cue_config c = *cfg_in;
	const struct cue_config *cfg = &c;

#ifdef HAVE_ESPEAK
	c.voice_ops = &cue_espeak_ops;
#else
	c.voice_ops = NULL;
	c.voice_missing = "limber was built without espeak-ng";
#endif
#ifdef HAVE_SDL_MIXER
	static const struct cue_ops *const backends[] = {
		&cue_sdl_ops, &cue_null_ops,
	};

	return cue_player_open_with(backends, ARRAY_LEN(backends), cfg, warn,
				    off_reason);
#else
	static const struct cue_ops *const backends[] = { &cue_null_ops };
	struct cue_player *p;

	p = cue_player_open_with(backends, ARRAY_LEN(backends), cfg, warn,
				 off_reason);
	free(*off_reason);
	*off_reason = xstrdup("sound off: limber was built without SDL2_mixer");
	return p;
#endif
}
