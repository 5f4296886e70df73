/* settings.h - limber.conf: what the user may tune, read with libinih.
 *
 * The file is $XDG_CONFIG_HOME/limber/limber.conf (~/.config/limber/...).
 * It is optional: a missing file means every default below.  The format
 * is INI: `key = value` lines (`key: value` works too) under the section
 * each key belongs to; `#` or `;` starts a comment line, and ` ;` starts a
 * comment after a value.  Section and key names are case-insensitive;
 * indentation is allowed and a value never continues on the next line.
 *
 *   [session]
 *   # seconds to get ready before each exercise (0-60)
 *   get_ready = 5
 *   # ask how the back felt the morning after a session when the next one
 *   # starts this many hours or more after it (1-48)
 *   morning_after_hours = 8
 *   # sessions a week `limber due` asks for, spread out (1-7)
 *   sessions_per_week = 3
 *
 *   [sound]
 *   # cue volume in percent (0-100)
 *   volume = 80
 *   # start muted (yes/no)
 *   mute = no
 *   # ring the terminal bell at each cue as well (yes/no)
 *   bell = no
 *   # spoken cues: auto (the full-screen coach speaks, --plain does not),
 *   # yes (both speak), no (neither)
 *   voice = auto
 *   # the espeak-ng voice (`espeak-ng --voices` lists them): letters,
 *   # digits and - + _ only, at most 40
 *   voice_name = en
 *   # speaking rate in words a minute (80-450)
 *   voice_rate = 170
 *
 *   [coach]
 *   # pain 0 up to this is green: a green session counts towards going up (0-8)
 *   pain_green_max = 3
 *   # pain above green up to this holds the level (1-9)
 *   pain_hold_max = 5
 *   # pain this or more: down two levels and a rest day; pain between
 *   # pain_hold_max and this: down one (2-10)
 *   pain_drop2_min = 8
 *   # green sessions in a row at a level to go up one (1-10)
 *   green_sessions_to_progress = 2
 *   # advise a professional when the pain after every session has been
 *   # this or more (1-10) ...
 *   professional_pain_min = 4
 *   # ... over this many calendar days or more (1-90)
 *   professional_days = 14
 *
 * Whole numbers only; yes/no values also accept true/false, on/off and
 * 1/0.  The pain thresholds must keep pain_green_max < pain_hold_max <
 * pain_drop2_min.
 *
 * Problems never stop limber: an unknown section or key, a key in the
 * wrong section, a line that is not `key = value`, or a value that is not
 * a whole number or out of range is a warning
 * (`limber.conf:LINE: warning: ...`, naming the key, the accepted range and
 * the value found) and the key keeps its default; thresholds that break
 * the order above are a warning and all three go back to their defaults.
 * An unreadable file is a warning and every default is used. */
#ifndef LIMBER_SETTINGS_H
#define LIMBER_SETTINGS_H

#include <stdbool.h>
#include <stdio.h>

#include "core/diag.h"

enum settings_voice { SETTINGS_VOICE_AUTO, SETTINGS_VOICE_YES, SETTINGS_VOICE_NO };
#define SETTINGS_VOICE_NAME_MAX 40

struct settings {
	/* [session] */
	int get_ready;			/* s, 0-60, default 5 */
	int morning_after_hours;	/* 1-48, default 8 */
	int sessions_per_week;		/* 1-7, default 3 */
	/* [sound] */
	int volume;			/* 0-100, default 80 */
	bool mute;			/* default false */
	bool bell;			/* default false */
	enum settings_voice voice;	/* default SETTINGS_VOICE_AUTO */
	char voice_name[SETTINGS_VOICE_NAME_MAX + 1];	/* default "en" */
	int voice_rate;			/* words a minute, 80-450, default 170 */
	/* [coach] */
	int pain_green_max;		/* 0-8, default 3 */
	int pain_hold_max;		/* 1-9, default 5 */
	int pain_drop2_min;		/* 2-10, default 8 */
	int green_sessions_to_progress;	/* 1-10, default 2 */
	int professional_pain_min;	/* 1-10, default 4 */
	int professional_days;		/* 1-90, default 14 */
};

void settings_defaults(struct settings *s);

/* Does the coach speak?  option: --voice 1, --no-voice 0, -1 when neither
 * was given (then the setting: voice = auto speaks in the full-screen
 * coach only, since a screen reader already speaks --plain's lines). */
bool settings_voice_wanted(const struct settings *s, int option,
			   bool full_screen);

/* Fill *s with the defaults, then read the file at path (named as given in
 * the warnings, which go to d).  Returns 0 when the file was read or does
 * not exist, -1 when it exists but could not be read (a warning says why;
 * *s then holds the defaults). */
int settings_load(struct settings *s, const char *path, struct diag_list *d);

/* The same from an open stream; name is used in the warnings.  Returns 0,
 * or -1 on a read error (warned; *s then holds the defaults). */
int settings_load_file(struct settings *s, FILE *fp, const char *name,
		       struct diag_list *d);

#endif
