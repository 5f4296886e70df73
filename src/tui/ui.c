/* ui.c - the terminal: setup, the one restore, signals, input, colours. */
#include "config.h"

#include <curses.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "model/action.h"
#include "app/sigflags.h"
#include "core/clock.h"
#include "tui/ui.h"
#include "core/util.h"

/* Escape sequences that put the terminal back, fetched from terminfo
 * while it is safe so the crash handler only has to write() them. */
#define RESTORE_SEQ_MAX 256

static struct {
	bool open;
	bool utf8;
	SCREEN *screen;
	struct termios saved;	/* the modes before curses, for stty -g */
	bool have_saved;
	int stderr_saved;	/* the real stderr while fd 2 is the log */
	int stderr_log;		/* what was written to stderr meanwhile */
	bool input_ready;	/* getch may have something: ask it */
	int timer;		/* clock_timer_open for ui_wait; -1: none */
	char restore_seq[RESTORE_SEQ_MAX];
	size_t restore_len;
	int attrs[UI_ROLE_COUNT];
} ui = { .stderr_saved = -1, .stderr_log = -1, .timer = -1 };

/* Async-signal-safe: write(), tcsetattr(), dup2() only. */
static void
restore_raw(void)
{
	if (ui.restore_len > 0) {
		ssize_t n = write(STDOUT_FILENO, ui.restore_seq, ui.restore_len);

		(void)n;
	}
	if (ui.have_saved)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &ui.saved);
	if (ui.stderr_saved >= 0)
		dup2(ui.stderr_saved, STDERR_FILENO);
}

/* Copy what went to stderr meanwhile to the real stderr.  Async-signal-
 * safe too (lseek, read, write). */
static void
replay_stderr(void)
{
	char buf[4096];
	ssize_t n;

	if (ui.stderr_log < 0 || lseek(ui.stderr_log, 0, SEEK_SET) != 0)
		return;
	while ((n = read(ui.stderr_log, buf, sizeof buf)) > 0) {
		ssize_t w = write(STDERR_FILENO, buf, (size_t)n);

		if (w != n)
			break;
	}
}

static void
on_crash(int sig)
{
	/* The handler was installed with SA_RESETHAND: raising again ends
	 * the process the way the signal meant to, after the terminal is
	 * back. */
	restore_raw();
	replay_stderr();
	raise(sig);
}

static const int crash_signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL };
static struct sigaction old_crash[ARRAY_LEN(crash_signals)];

static void
add_seq(const char *capname)
{
	const char *s = tigetstr(capname);
	size_t len;

	if (s == NULL || s == (char *)-1)
		return;
	len = strlen(s);
	if (ui.restore_len + len >= RESTORE_SEQ_MAX)
		return;
	memcpy(ui.restore_seq + ui.restore_len, s, len);
	ui.restore_len += len;
}

/* Background -1 keeps the terminal's own background. */
static int
pair_attr(short pair, short fg, short bg, int extra)
{
	init_pair(pair, fg, bg);
	return (int)COLOR_PAIR(pair) | extra;
}

static void
setup_roles(bool want_color)
{
	static const int mono[UI_ROLE_COUNT] = {
		[UI_NORMAL] = A_NORMAL,
		[UI_DIM] = A_DIM,
		[UI_TITLE] = A_BOLD,
		[UI_KEY] = A_BOLD,
		[UI_SELECTED] = A_REVERSE,
		[UI_READY] = A_BOLD,
		[UI_HOLD] = A_BOLD,
		[UI_REST] = A_NORMAL,
		[UI_SWITCH] = A_BOLD | A_UNDERLINE,
		[UI_PAUSED] = A_REVERSE | A_BOLD,
		[UI_COUNT_IN] = A_BOLD,
		[UI_BAR_DONE] = A_BOLD,
		[UI_BAR_TODO] = A_DIM,
		[UI_GOOD] = A_BOLD,
		[UI_WARN] = A_BOLD,
		[UI_BAD] = A_BOLD | A_UNDERLINE,
		[UI_URGENT] = A_REVERSE | A_BOLD,
	};

	memcpy(ui.attrs, mono, sizeof ui.attrs);
	if (!want_color || !has_colors() || start_color() != OK)
		return;
	use_default_colors();
	ui.attrs[UI_DIM] = A_DIM;
	ui.attrs[UI_TITLE] = pair_attr(1, COLOR_CYAN, -1, A_BOLD);
	ui.attrs[UI_KEY] = pair_attr(2, COLOR_YELLOW, -1, A_BOLD);
	ui.attrs[UI_SELECTED] = pair_attr(3, COLOR_BLACK, COLOR_CYAN, 0);
	ui.attrs[UI_READY] = pair_attr(4, COLOR_YELLOW, -1, A_BOLD);
	ui.attrs[UI_HOLD] = pair_attr(5, COLOR_GREEN, -1, A_BOLD);
	ui.attrs[UI_REST] = pair_attr(6, COLOR_BLUE, -1, A_BOLD);
	ui.attrs[UI_SWITCH] = pair_attr(7, COLOR_MAGENTA, -1, A_BOLD);
	ui.attrs[UI_PAUSED] = pair_attr(8, COLOR_WHITE, COLOR_RED, A_BOLD);
	ui.attrs[UI_COUNT_IN] = pair_attr(9, COLOR_YELLOW, -1, A_BOLD);
	ui.attrs[UI_BAR_DONE] = pair_attr(10, COLOR_GREEN, -1, 0);
	ui.attrs[UI_BAR_TODO] = A_DIM;
	ui.attrs[UI_GOOD] = pair_attr(11, COLOR_GREEN, -1, A_BOLD);
	ui.attrs[UI_WARN] = pair_attr(12, COLOR_YELLOW, -1, A_BOLD);
	ui.attrs[UI_BAD] = pair_attr(13, COLOR_RED, -1, A_BOLD);
	ui.attrs[UI_URGENT] = pair_attr(14, COLOR_WHITE, COLOR_RED, A_BOLD);
}

/* stderr goes to an unlinked temporary file while curses owns the
 * screen: messages from libraries (ALSA, SDL) or sanitizers would
 * otherwise land in the middle of it. */
static void
redirect_stderr(void)
{
	const char *dir = getenv("TMPDIR");
	char *tmpl;
	int fd;

	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
	tmpl = xasprintf("%s/limber-stderr.XXXXXX", dir);
	fflush(stderr);
	fd = mkstemp(tmpl);
	if (fd >= 0) {
		unlink(tmpl);
		ui.stderr_saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
		if (ui.stderr_saved < 0 || dup2(fd, STDERR_FILENO) < 0) {
			close(fd);
			if (ui.stderr_saved >= 0)
				close(ui.stderr_saved);
			ui.stderr_saved = -1;
		} else {
			fcntl(fd, F_SETFD, FD_CLOEXEC);
			ui.stderr_log = fd;
		}
	}
	free(tmpl);
}

static void
unredirect_stderr(void)
{
	fflush(stderr);
	if (ui.stderr_saved >= 0) {
		dup2(ui.stderr_saved, STDERR_FILENO);
		close(ui.stderr_saved);
		ui.stderr_saved = -1;
	}
	if (ui.stderr_log >= 0) {
		replay_stderr();
		close(ui.stderr_log);
		ui.stderr_log = -1;
	}
}

static void
install_signals(void)
{
	struct sigaction sa;
	sigset_t winch;

	/* Installed before newterm, so ncurses leaves SIGINT and SIGTERM to
	 * us (it only takes signals still at their default).  Ctrl-Z is ours
	 * too: the screens pause what runs, then ui_suspend stops the
	 * process (ncurses' own handler would also toggle SIGTSTP around
	 * every refresh: two syscalls a frame).  SIGCONT after a stop from
	 * outside: whoever had the terminal meanwhile (the shell) left its
	 * own modes on it.  SIGWINCH, ncurses' own, waits for ppoll too. */
	sigemptyset(&winch);
	sigaddset(&winch, SIGWINCH);
	sigflags_install(&winch);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_LEN(crash_signals); i++)
		sigaction(crash_signals[i], &sa, &old_crash[i]);
}

static void
uninstall_signals(void)
{
	sigflags_uninstall();
	for (size_t i = 0; i < ARRAY_LEN(crash_signals); i++)
		sigaction(crash_signals[i], &old_crash[i], NULL);
}

int
ui_open(bool no_color, char **err)
{
	const char *term = getenv("TERM");
	const char *cs = nl_langinfo(CODESET);

	*err = NULL;
	if (ui.open)
		return 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*err = xstrdup("the coach needs a terminal; use 'limber run --plain NAME' without one");
		return -1;
	}
	ui.have_saved = tcgetattr(STDIN_FILENO, &ui.saved) == 0;
	ui.input_ready = true;
	install_signals();
	/* newterm, not initscr: initscr exits the process on an unknown
	 * terminal type; this way the caller explains it. */
	ui.screen = newterm(NULL, stdout, stdin);
	if (ui.screen == NULL) {
		uninstall_signals();
		*err = xasprintf("cannot use the terminal type \"%s\"; use 'limber run --plain NAME'",
				 term != NULL ? term : "");
		return -1;
	}
	/* A terminal that cannot move the cursor (TERM=dumb) would get a
	 * screen of garbage: say so instead. */
	{
		const char *cup = tigetstr("cup");

		if (cup == NULL || cup == (const char *)-1) {
			endwin();
			delscreen(ui.screen);
			ui.screen = NULL;
			if (ui.have_saved)
				tcsetattr(STDIN_FILENO, TCSADRAIN, &ui.saved);
			uninstall_signals();
			*err = xasprintf("the terminal type \"%s\" cannot move the cursor, which the coach needs; use 'limber run --plain NAME'",
					 term != NULL ? term : "");
			return -1;
		}
	}
	ui.open = true;
	ui.utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	ui.restore_len = 0;
	add_seq("sgr0");
	add_seq("cnorm");
	add_seq("rmkx");
	add_seq("rmcup");
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	/* No typeahead checks while refreshing: each one polls stdin and
	 * flushes what was written so far, many syscalls a frame. */
	typeahead(-1);
	curs_set(0);
	{
		/* main folds NO_COLOR into no_color; honour it here as well */
		const char *nc = getenv("NO_COLOR");

		setup_roles(!no_color && (nc == NULL || nc[0] == '\0'));
	}
	redirect_stderr();
	ui.timer = clock_timer_open();	/* -1: ui_wait uses timeouts */
	return 0;
}

void
ui_close(void)
{
	if (!ui.open)
		return;
	endwin();
	delscreen(ui.screen);
	ui.screen = NULL;
	if (ui.have_saved)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &ui.saved);
	ui.open = false;
	ui.restore_len = 0;
	if (ui.timer >= 0)
		close(ui.timer);
	ui.timer = -1;
	unredirect_stderr();
	uninstall_signals();
}

bool
ui_utf8(void)
{
	return ui.utf8;
}

int
ui_attr(enum ui_role r)
{
	return r < UI_ROLE_COUNT ? ui.attrs[r] : (int)A_NORMAL;
}

/* After ESC: the rest of an escape sequence the terminal sent at once
 * (ncurses hands back what it did not know as separate bytes), or the key
 * of an Alt combination.  Returns whether anything followed: then none of
 * it is a key of ours. */
static bool
swallow_sequence(void)
{
	int c = getch();

	if (c == ERR)
		return false;
	if (c == '[' || c == 'O') {
		/* CSI or SS3: parameter and intermediate bytes up to a final
		 * byte, as ECMA-48 has them */
		while ((c = getch()) != ERR && c >= 0x20 && c <= 0x3f)
			;
	}
	return true;
}

int
ui_key(void)
{
	int c;

	if (sigflags.tstp) {
		sigflags.tstp = 0;
		return UI_KEY_SUSPEND;
	}
	if (sigflags.cont) {
		/* curses' own modes and keypad back, and every cell again */
		sigflags.cont = 0;
		reset_prog_mode();
		keypad(stdscr, TRUE);
		clearok(curscr, TRUE);
		ui.input_ready = true;
		return UI_KEY_CONTINUED;
	}
	/* Only ask ncurses when the wait saw input or a signal (a resize
	 * comes as KEY_RESIZE): an idle tick then costs no poll. */
	if (!ui.input_ready)
		return UI_KEY_NONE;
	c = getch();
	switch (c) {
	case ERR: ui.input_ready = false; return UI_KEY_NONE;
	case KEY_RESIZE: return UI_KEY_RESIZE;
	case KEY_LEFT: return KEYCODE_LEFT;
	case KEY_RIGHT: return KEYCODE_RIGHT;
	case KEY_UP: return KEYCODE_UP;
	case KEY_DOWN: return KEYCODE_DOWN;
	case KEY_ENTER: case '\r': case '\n': return KEYCODE_ENTER;
	case 27: return swallow_sequence() ? UI_KEY_UNKNOWN : KEYCODE_ESCAPE;
	case KEY_BACKSPACE: case 127: case 8: return KEYCODE_BACKSPACE;
	default: break;
	}
	/* other curses keys (function keys...) mean nothing here */
	if (c >= KEY_MIN)
		return UI_KEY_UNKNOWN;
	return c;
}

void
ui_wait(int64_t deadline_ms)
{
	/* [0] the keys, [1] the deadline's timer */
	struct pollfd pfd[2] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = ui.timer, .events = POLLIN },
	};
	struct timespec ts, *tsp = NULL;
	int n;

	if (sigflags.stop || sigflags.tstp || sigflags.cont || ui.input_ready)
		return;
	if (ui.timer >= 0 && clock_timer_set(ui.timer, deadline_ms) != 0) {
		close(ui.timer);
		ui.timer = -1;
	}
	if (ui.timer < 0 && deadline_ms >= 0) {
		clock_until(deadline_ms, &ts);
		tsp = &ts;
	}
	/* The blocked signals are let in only here: one that came since the
	 * last pass interrupts the wait at once. */
	n = ppoll(pfd, ui.timer >= 0 ? 2 : 1, tsp, &sigflags.wait_mask);
	if (n < 0) {
		ui.input_ready = true;	/* a signal: maybe SIGWINCH */
	} else if (n > 0) {
		/* A hung-up terminal also reports POLLIN, but getch then only
		 * ever says ERR: taken as input, that would spin forever.  So
		 * the hang-up wins, as if SIGHUP had come. */
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			if (sigflags.stop == 0)
				sigflags.stop = SIGHUP;
		} else if (pfd[0].revents & POLLIN) {
			ui.input_ready = true;
		}
	}
}

void
ui_suspend(void)
{
	if (!ui.open)
		return;
	endwin();
	if (ui.have_saved)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &ui.saved);
	/* Stop the default way, then carry on where we were. */
	sigflags_stop_self();
	/* back: curses' modes and a whole new screen */
	refresh();
	clearok(curscr, TRUE);
	ui.input_ready = true;
}

int
ui_signal(void)
{
	return sigflags.stop;
}

void
ui_signal_clear(void)
{
	sigflags.stop = 0;
}
