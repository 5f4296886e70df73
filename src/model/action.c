/* action.c - what a key means, decided in one place. */
#include "config.h"

#include "model/action.h"

/* Raw bytes some terminals send for Escape and Backspace (^H), accepted as
 * well as the KEYCODE_* values so a front end may pass bytes through. */
#define BYTE_ESCAPE 27
#define BYTE_BS 8
#define BYTE_DEL 127

static enum action
session_key(int key)
{
	switch (key) {
	case ' ':
		return ACTION_PAUSE;
	case 'n':
	case KEYCODE_RIGHT:
		return ACTION_NEXT;
	case 'p':
	case KEYCODE_LEFT:
		return ACTION_PREV;
	case 'h':
		return ACTION_HURT;
	case 'm':
		return ACTION_MUTE;
	case 'q':
		return ACTION_STOP;
	case '?':
		return ACTION_HELP;
	default:
		return ACTION_NONE;
	}
}

static enum action
confirm_key(int key)
{
	switch (key) {
	case 'y':
	case 'Y':
		return ACTION_YES;
	case 'n':
	case 'N':
	case 'q':
	case KEYCODE_ESCAPE:
	case BYTE_ESCAPE:
		return ACTION_NO;
	default:
		return ACTION_NONE;
	}
}

static enum action
list_key(int key)
{
	switch (key) {
	case 'k':
	case KEYCODE_UP:
		return ACTION_UP;
	case 'j':
	case KEYCODE_DOWN:
		return ACTION_DOWN;
	case '\n':
	case '\r':
	case KEYCODE_ENTER:
		return ACTION_ENTER;
	case 'H':
		return ACTION_HISTORY;
	case 'b':
		return ACTION_BEGIN;
	case 'q':
		return ACTION_QUIT;
	case '?':
		return ACTION_HELP;
	case KEYCODE_ESCAPE:
	case KEYCODE_BACKSPACE:
	case BYTE_ESCAPE:
	case BYTE_BS:
	case BYTE_DEL:
		return ACTION_BACK;
	default:
		return ACTION_NONE;
	}
}

enum action
action_from_key(enum action_context ctx, int key)
{
	switch (ctx) {
	case ACTX_SESSION:
		return session_key(key);
	case ACTX_CONFIRM:
		return confirm_key(key);
	case ACTX_LIST:
		return list_key(key);
	}
	return ACTION_NONE;
}

const char *
action_legend(enum action_context ctx)
{
	switch (ctx) {
	case ACTX_SESSION:
		return "space pause  n next  p prev  h hurts  m mute  q stop  ? help";
	case ACTX_CONFIRM:
		return "y yes  n no";
	case ACTX_LIST:
		return "j/k move  enter open  esc back  H history  ? help  q quit";
	}
	return "";
}
