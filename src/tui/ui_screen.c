/* ui_screen.c - the one screen loop every screen runs in. */
#include "config.h"

#include <stdbool.h>

#include "core/clock.h"
#include "tui/ui.h"

int
ui_screen_run(const struct ui_screen *sc, void *ud)
{
	bool dirty = true;

	for (;;) {
		int64_t now = clock_read();	/* once per pass */
		int sig = ui_signal(), key;

		if (sig != 0) {
			if (sc->signal != NULL)
				sc->signal(ud, sig, now);
			return sig;
		}
		if (sc->tick != NULL) {
			switch (sc->tick(ud, now)) {
			case UI_LEAVE: return 0;
			case UI_REDRAW: dirty = true; break;
			case UI_STAY: break;
			}
		}
		/* A screen opened from a key (a run from home) may have ended
		 * by a signal: it is still pending, and ends this one too. */
		while (ui_signal() == 0 && (key = ui_key()) != UI_KEY_NONE) {
			enum ui_step step = sc->key(ud, key, now);

			if (key == UI_KEY_SUSPEND) {
				ui_suspend();
				dirty = true;
			}
			if (key == UI_KEY_RESIZE || key == UI_KEY_CONTINUED)
				dirty = true;
			if (step == UI_LEAVE)
				return 0;
			if (step == UI_REDRAW)
				dirty = true;
		}
		if (ui_signal() != 0)
			continue;
		if (dirty) {
			sc->draw(ud);
			dirty = false;
		}
		ui_wait(sc->deadline != NULL ? sc->deadline(ud) : -1);
	}
}
