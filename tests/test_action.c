/* test_action.c - keys to actions, per context. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "model/action.h"
#include "testlib.h"

static void
test_session_keys(void)
{
	CHECK_INT(action_from_key(ACTX_SESSION, ' '), ACTION_PAUSE);
	CHECK_INT(action_from_key(ACTX_SESSION, 'n'), ACTION_NEXT);
	CHECK_INT(action_from_key(ACTX_SESSION, KEYCODE_RIGHT), ACTION_NEXT);
	CHECK_INT(action_from_key(ACTX_SESSION, 'p'), ACTION_PREV);
	CHECK_INT(action_from_key(ACTX_SESSION, KEYCODE_LEFT), ACTION_PREV);
	CHECK_INT(action_from_key(ACTX_SESSION, 'h'), ACTION_HURT);
	CHECK_INT(action_from_key(ACTX_SESSION, 'm'), ACTION_MUTE);
	CHECK_INT(action_from_key(ACTX_SESSION, 'q'), ACTION_STOP);
	CHECK_INT(action_from_key(ACTX_SESSION, '?'), ACTION_HELP);
	/* keys that mean something elsewhere do nothing in the coach */
	CHECK_INT(action_from_key(ACTX_SESSION, 'y'), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_SESSION, 'H'), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_SESSION, 'j'), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_SESSION, KEYCODE_UP), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_SESSION, KEYCODE_ENTER), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_SESSION, KEYCODE_ESCAPE), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_SESSION, 'x'), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_SESSION, 0), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_SESSION, -1), ACTION_NONE);
}

static void
test_confirm_keys(void)
{
	CHECK_INT(action_from_key(ACTX_CONFIRM, 'y'), ACTION_YES);
	CHECK_INT(action_from_key(ACTX_CONFIRM, 'Y'), ACTION_YES);
	/* n is "no" here, not "next" */
	CHECK_INT(action_from_key(ACTX_CONFIRM, 'n'), ACTION_NO);
	CHECK_INT(action_from_key(ACTX_CONFIRM, 'N'), ACTION_NO);
	CHECK_INT(action_from_key(ACTX_CONFIRM, KEYCODE_ESCAPE), ACTION_NO);
	CHECK_INT(action_from_key(ACTX_CONFIRM, 27), ACTION_NO);
	/* pressing q again while asked "stop?" must not stop */
	CHECK_INT(action_from_key(ACTX_CONFIRM, 'q'), ACTION_NO);
	CHECK_INT(action_from_key(ACTX_CONFIRM, ' '), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_CONFIRM, KEYCODE_ENTER), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_CONFIRM, '\n'), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_CONFIRM, 'h'), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_CONFIRM, KEYCODE_RIGHT), ACTION_NONE);
}

static void
test_list_keys(void)
{
	CHECK_INT(action_from_key(ACTX_LIST, KEYCODE_UP), ACTION_UP);
	CHECK_INT(action_from_key(ACTX_LIST, 'k'), ACTION_UP);
	CHECK_INT(action_from_key(ACTX_LIST, KEYCODE_DOWN), ACTION_DOWN);
	CHECK_INT(action_from_key(ACTX_LIST, 'j'), ACTION_DOWN);
	CHECK_INT(action_from_key(ACTX_LIST, KEYCODE_ENTER), ACTION_ENTER);
	CHECK_INT(action_from_key(ACTX_LIST, '\n'), ACTION_ENTER);
	CHECK_INT(action_from_key(ACTX_LIST, '\r'), ACTION_ENTER);
	CHECK_INT(action_from_key(ACTX_LIST, 'H'), ACTION_HISTORY);
	CHECK_INT(action_from_key(ACTX_LIST, 'q'), ACTION_QUIT);
	CHECK_INT(action_from_key(ACTX_LIST, '?'), ACTION_HELP);
	CHECK_INT(action_from_key(ACTX_LIST, KEYCODE_ESCAPE), ACTION_BACK);
	CHECK_INT(action_from_key(ACTX_LIST, KEYCODE_BACKSPACE), ACTION_BACK);
	CHECK_INT(action_from_key(ACTX_LIST, 127), ACTION_BACK);
	CHECK_INT(action_from_key(ACTX_LIST, 8), ACTION_BACK);
	CHECK_INT(action_from_key(ACTX_LIST, 27), ACTION_BACK);
	/* lower-case h is "hurts" only in the coach */
	CHECK_INT(action_from_key(ACTX_LIST, 'h'), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_LIST, ' '), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_LIST, 'n'), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_LIST, 'y'), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_LIST, KEYCODE_LEFT), ACTION_NONE);
	CHECK_INT(action_from_key(ACTX_LIST, 'K'), ACTION_NONE);
}

/* What a legend's word promises. */
static enum action
promised(const char *word)
{
	static const struct {
		const char *word;
		enum action a;
	} t[] = {
		{ "pause", ACTION_PAUSE }, { "next", ACTION_NEXT },
		{ "prev", ACTION_PREV }, { "hurts", ACTION_HURT },
		{ "mute", ACTION_MUTE }, { "stop", ACTION_STOP },
		{ "help", ACTION_HELP }, { "yes", ACTION_YES },
		{ "no", ACTION_NO }, { "open", ACTION_ENTER },
		{ "back", ACTION_BACK }, { "history", ACTION_HISTORY },
		{ "quit", ACTION_QUIT },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(t[i].word, word) == 0)
			return t[i].a;
	return ACTION_NONE;
}

/* Each "KEY WORD" pair of a legend, separated by two spaces, must do what
 * it says: a legend that drifts from the key map misleads the user. */
static void
check_legend_keys(enum action_context ctx)
{
	char buf[256];
	char *save = NULL;

	snprintf(buf, sizeof buf, "%s", action_legend(ctx));
	for (char *item = strtok_r(buf, " ", &save); item != NULL;
	     item = strtok_r(NULL, " ", &save)) {
		char *word = strtok_r(NULL, " ", &save);
		int key;

		CHECK(word != NULL);
		if (word == NULL)
			break;
		if (strcmp(item, "space") == 0)
			key = ' ';
		else if (strcmp(item, "esc") == 0)
			key = KEYCODE_ESCAPE;
		else if (strcmp(item, "enter") == 0)
			key = KEYCODE_ENTER;
		else if (strcmp(item, "j/k") == 0) {
			CHECK_STR(word, "move");
			CHECK_INT(action_from_key(ctx, 'j'), ACTION_DOWN);
			CHECK_INT(action_from_key(ctx, 'k'), ACTION_UP);
			continue;
		} else {
			CHECK_INT(strlen(item), 1);
			key = (unsigned char)item[0];
		}
		if (action_from_key(ctx, key) != promised(word) ||
		    promised(word) == ACTION_NONE) {
			printf("# legend says \"%s %s\"\n", item, word);
			CHECK(!"legend and key map differ");
		}
	}
}

/* The legends are one line of plain ASCII (the UI draws arrows itself). */
static void
test_legends(void)
{
	const char *s = action_legend(ACTX_SESSION);
	const char *c = action_legend(ACTX_CONFIRM);
	const char *l = action_legend(ACTX_LIST);

	CHECK_STR(s, "space pause  n next  p prev  h hurts  m mute  q stop  ? help");
	CHECK_STR(c, "y yes  n no");
	CHECK_STR(l, "j/k move  enter open  esc back  H history  ? help  q quit");
	for (const char *p = s; *p; p++)
		CHECK((unsigned char)*p < 0x80);
	for (const char *p = l; *p; p++)
		CHECK((unsigned char)*p < 0x80);
	CHECK(strchr(s, '\n') == NULL);
	CHECK(strchr(l, '\n') == NULL);
	check_legend_keys(ACTX_SESSION);
	check_legend_keys(ACTX_CONFIRM);
	check_legend_keys(ACTX_LIST);
}

int
main(void)
{
	TEST_RUN(test_session_keys);
	TEST_RUN(test_confirm_keys);
	TEST_RUN(test_list_keys);
	TEST_RUN(test_legends);
	return t_done();
}
