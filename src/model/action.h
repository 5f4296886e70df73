/* action.h - what a key means, decided in one place.
 *
 * Front ends translate their raw input into a key code (a byte, or one of
 * the KEYCODE_* values for keys that are not bytes) and ask action_from_key;
 * screens, the session engine and the tests speak actions only. */
#ifndef LIMBER_ACTION_H
#define LIMBER_ACTION_H

enum action {
	ACTION_NONE,
	ACTION_PAUSE,		/* space: pause or resume */
	ACTION_NEXT,		/* n, Right */
	ACTION_PREV,		/* p, Left */
	ACTION_HURT,		/* h: this exercise hurts */
	ACTION_MUTE,		/* m */
	ACTION_STOP,		/* q: stop the session (asks y/n) */
	ACTION_HELP,		/* ? */
	ACTION_YES,		/* y */
	ACTION_NO,		/* n in a y/n question, Escape */
	ACTION_UP, ACTION_DOWN,	/* arrows in lists */
	ACTION_ENTER,		/* Enter */
	ACTION_BACK,		/* Escape, Backspace */
	ACTION_HISTORY,		/* H on the home screen */
	ACTION_BEGIN,		/* b on the home screen: begin the recovery */
	ACTION_QUIT,		/* q on the home screen */
};

/* Keys that are not bytes. */
enum {
	KEYCODE_LEFT = 0x10000,
	KEYCODE_RIGHT,
	KEYCODE_UP,
	KEYCODE_DOWN,
	KEYCODE_ENTER,
	KEYCODE_ESCAPE,
	KEYCODE_BACKSPACE,
};

/* The contexts a key is read in: the same key means different things. */
enum action_context {
	ACTX_SESSION,		/* the coach running a routine */
	ACTX_CONFIRM,		/* a y/n question */
	ACTX_LIST,		/* home and history screens */
};

enum action action_from_key(enum action_context ctx, int key);
/* One line listing the keys of a context, for legends and --help. */
const char *action_legend(enum action_context ctx);

#endif
