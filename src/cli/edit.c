/* edit.c - `limber edit NAME`: a draft beside the routine, never lost.
 *
 * The user edits .NAME.csv.draft in the routines folder; the routine is
 * replaced (atomically, mode 0600) only once the draft passes its check
 * or the user keeps it with its errors.  A draft left by an earlier edit
 * is never overwritten without asking: resume it, start over from the
 * routine, or keep both.  One edit of a routine at a time: .NAME.csv.lock
 * is held (flock) for the whole edit and names the process holding it.
 *
 * The editor runs in its own process group, in the terminal's foreground
 * when limber has it, so Ctrl-C and Ctrl-Z reach the editor and not
 * limber; SIGINT, SIGTERM and SIGHUP sent to limber are passed on to that
 * group, limber waits for the editor to end, keeps the draft and says
 * where it is. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/fileio.h"
#include "core/paths.h"
#include "core/util.h"
#include "model/catalog.h"
#include "model/routine.h"
#include "app/today.h"

static const char routine_template[] =
"# title: %s\n"
"#\n"
"# A limber routine (Routine CSV, version 1).  One row per exercise; lines\n"
"# starting with '#' are comments.  Columns (only `exercise` is required;\n"
"# an empty cell takes the default):\n"
"#   exercise   name shown while it runs\n"
"#   sets       1-20 (default 1)\n"
"#   reps       repetitions per set, per side, 1-100 (default 1)\n"
"#   hold       seconds each repetition lasts, 1-600 (default 3)\n"
"#   rest       seconds of rest after each set, 0-600 (default 15)\n"
"#   sides      none, each (all reps left, switch, then right) or\n"
"#              alternate (left and right in turn) (default none)\n"
"#   switch     seconds to change sides, 0-60 (default 5)\n"
"#   levels     levels that use this row: 3, 1-3 or 4- (default all)\n"
"#   reps_step  repetitions added per level above 1, 0-20 (default 0)\n"
"#   hold_step  seconds added per level above 1, 0-60 (default 0)\n"
"#   cue        how to do it, shown while it runs\n"
"# Every level from 1 to 10 needs at least one row.  Check your changes\n"
"# with: limber check %s\n"
"exercise,sets,reps,hold,rest,sides,levels,reps_step,hold_step,cue\n"
"Knee-to-chest,2,3,5,15,each,,1,0,\"Lie on your back, draw one knee to your chest with both hands, breathe out slowly.\"\n"
"Glute bridge,2,8,5,30,none,,1,0,\"Feet flat, knees bent; lift your hips until knees, hips and shoulders line up. Squeeze your glutes, do not arch your back.\"\n";

struct edit {
	const char *name;
	const struct catalog_entry *e;	/* the routine, NULL for --new */
	bool plan;			/* the recovery plan, not a routine */
	char *dir, *path, *draft, *lock;
	int lock_fd;
};

/* ---- one edit at a time ------------------------------------------------ */

/* Take the routine's lock, or say who holds it (-1).  The lock file is
 * removed when the edit ends; a lock taken on a file another edit has
 * just removed is taken again on the new one. */
static int
lock_routine(struct edit *x)
{
	for (int tries = 0; tries < 10; tries++) {
		struct stat a, b;
		char pid[32];
		int fd = open(x->lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
			      0600);

		if (fd < 0) {
			fprintf(stderr, "limber: %s: cannot open: %s\n", x->lock,
				strerror(errno));
			return -1;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			int err = errno;
			ssize_t n = err == EWOULDBLOCK
				? read(fd, pid, sizeof pid - 1) : -1;

			/* the pid, or "?" when it is not written yet */
			pid[n > 0 ? n : 0] = '\0';
			pid[strcspn(pid, "\n")] = '\0';
			if (err != EWOULDBLOCK)
				fprintf(stderr, "limber: %s: cannot lock: %s\n",
					x->lock, strerror(err));
			else
				fprintf(stderr, "limber: \"%s\" is being edited "
					"already (by limber, process %s, in %s); "
					"finish that edit first\n", x->name,
					*pid ? pid : "?", x->draft);
			close(fd);
			return -1;
		}
		if (fstat(fd, &a) == 0 && stat(x->lock, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());

			if (ftruncate(fd, 0) != 0 || write(fd, pid, (size_t)n) != n)
				fprintf(stderr, "limber: %s: cannot write: %s\n",
					x->lock, strerror(errno));
			x->lock_fd = fd;
			return 0;
		}
		close(fd);
	}
	fprintf(stderr, "limber: %s: cannot lock: it keeps being replaced\n",
		x->lock);
	return -1;
}

static void
unlock_routine(struct edit *x)
{
	if (x->lock_fd < 0)
		return;
	unlink(x->lock);
	close(x->lock_fd);
	x->lock_fd = -1;
}

/* ---- the editor -------------------------------------------------------- */

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	if (sig != SIGCHLD)
		got_signal = sig;
}

static const int passed_on[] = { SIGINT, SIGTERM, SIGHUP };

struct editor_run {
	struct sigaction old[ARRAY_LEN(passed_on)], old_chld, old_ttou;
	sigset_t old_mask;
	int tty;	/* the controlling terminal, or -1 */
	int fg;		/* limber has the terminal: the editor gets it */
	int have_modes;	/* modes holds the terminal's modes before */
	struct termios modes;
	int own_group;	/* the editor runs in a process group of its own */
};

static void
catch_signals(struct editor_run *run)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (size_t i = 0; i < ARRAY_LEN(passed_on); i++) {
		sigaction(passed_on[i], &sa, &run->old[i]);
		sigaddset(&block, passed_on[i]);
	}
	sigaction(SIGCHLD, &sa, &run->old_chld);
	sigaddset(&block, SIGCHLD);
	/* handing the terminal over and back from the background */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGTTOU, &sa, &run->old_ttou);
	sigprocmask(SIG_BLOCK, &block, &run->old_mask);
	got_signal = 0;
}

static void
restore_signals(const struct editor_run *run)
{
	for (size_t i = 0; i < ARRAY_LEN(passed_on); i++)
		sigaction(passed_on[i], &run->old[i], NULL);
	sigaction(SIGCHLD, &run->old_chld, NULL);
	sigaction(SIGTTOU, &run->old_ttou, NULL);
	sigprocmask(SIG_SETMASK, &run->old_mask, NULL);
}

static void
exec_editor(const struct editor_run *run, const char *ed, const char *path)
{
	/* both here and in limber, whichever runs first; SIGTTOU is
	 * still ignored, as a background group must for tcsetpgrp */
	if (run->own_group)
		setpgid(0, 0);
	if (run->fg)
		tcsetpgrp(run->tty, getpgrp());
	restore_signals(run);
	/* through the shell, so EDITOR may carry arguments */
	execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", ed, path, (char *)NULL);
	_exit(127);
}

/* The editor stopped (Ctrl-Z): stop limber too, so the shell sees the
 * job stopped, and carry on both when it is continued. */
static void
stop_with_editor(const struct editor_run *run, pid_t pid)
{
	if (run->fg)
		tcsetpgrp(run->tty, getpgrp());
	kill(getpid(), SIGSTOP);
	if (run->fg)
		tcsetpgrp(run->tty, pid);
	kill(run->own_group ? -pid : pid, SIGCONT);
}

/* Run the editor on path and wait for it.  Returns its wait status, or
 * -1 when it could not be started or waited for; *sig is the signal limber received
 * (and passed on) while it ran, or 0. */
static int
run_editor(const char *ed, const char *path, int *sig)
{
	struct editor_run run;
	int st = 0;
	pid_t pid;

	*sig = 0;
	/* In the terminal's foreground the editor gets a group of its own
	 * and the terminal; with no terminal, a group of its own.  In the
	 * background of a terminal it stays in limber's group, which the
	 * shell stops and continues, and which may not take the terminal. */
	run.tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	run.fg = run.tty >= 0 && tcgetpgrp(run.tty) == getpgrp();
	run.own_group = run.fg || run.tty < 0;
	/* an editor killed by a signal leaves the terminal as it had it */
	run.have_modes = run.fg && tcgetattr(run.tty, &run.modes) == 0;
	fflush(NULL);
	catch_signals(&run);
	pid = fork();
	if (pid < 0) {
		restore_signals(&run);
		if (run.tty >= 0)
			close(run.tty);
		return -1;
	}
	if (pid == 0)
		exec_editor(&run, ed, path);
	if (run.own_group)
		setpgid(pid, pid);
	if (run.fg)
		tcsetpgrp(run.tty, pid);
	for (;;) {
		sigset_t wait_mask = run.old_mask;
		pid_t w = waitpid(pid, &st, WNOHANG | WUNTRACED);

		if (w == pid && WIFSTOPPED(st)) {
			stop_with_editor(&run, pid);
			continue;
		}
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			st = -1;
			break;
		}
		if (got_signal) {
			*sig = got_signal;
			got_signal = 0;
			kill(run.own_group ? -pid : pid, *sig);
			continue;
		}
		for (size_t i = 0; i < ARRAY_LEN(passed_on); i++)
			sigdelset(&wait_mask, passed_on[i]);
		sigdelset(&wait_mask, SIGCHLD);
		sigsuspend(&wait_mask);
	}
	if (run.fg)
		tcsetpgrp(run.tty, getpgrp());
	if (run.have_modes)
		tcsetattr(run.tty, TCSADRAIN, &run.modes);
	if (run.tty >= 0)
		close(run.tty);
	restore_signals(&run);
	return st;
}

/* Edit the draft once.  Returns 0 when the editor ended well, else -1
 * having said why. */
static int
edit_once(const struct edit *x)
{
	const char *ed = getenv("VISUAL");
	int st, sig;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	st = run_editor(ed, x->draft, &sig);
	if (st == -1) {
		fprintf(stderr, "limber: cannot run the editor (%s): %s\n", ed,
			strerror(errno));
		return -1;
	}
	if (sig != 0) {
		fprintf(stderr, "limber: got %s while the editor (%s) ran, and "
			"passed it on; the editor has ended\n",
			sig == SIGINT ? "SIGINT" : sig == SIGHUP ? "SIGHUP"
			: "SIGTERM", ed);
		return -1;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFEXITED(st))
		fprintf(stderr, "limber: the editor (%s) failed with exit "
			"status %d\n", ed, WEXITSTATUS(st));
	else
		fprintf(stderr, "limber: the editor (%s) was ended by %s\n", ed,
			strsignal(WTERMSIG(st)));
	return -1;
}

/* ---- questions --------------------------------------------------------- */

/* One letter of answer from stdin, '\n' for an empty one; EOF for none. */
static int
answer(const char *question)
{
	char line[64];

	fputs(question, stdout);
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) == NULL)
		return EOF;
	return line[0] >= 'A' && line[0] <= 'Z' ? line[0] - 'A' + 'a' : line[0];
}

/* What to do with a draft that has errors: 'e' edit again, 'k' keep it
 * anyway, 'd' discard it, 'q' no answer (leave the draft for later). */
static int
ask_fix(void)
{
	for (;;) {
		switch (answer("Edit again, keep it with errors, or discard "
			       "your changes? [E/k/d] ")) {
		case EOF: return 'q';
		case '\n': case 'e': return 'e';
		case 'k': return 'k';
		case 'd': return 'd';
		}
	}
}

/* A draft from an earlier edit: 'r' resume it, 's' start over from the
 * routine, 'b' keep both.  Without a terminal, or with no answer, resume. */
static int
ask_draft(const struct edit *x, int can_start_over)
{
	struct stat st;
	char when[64] = "an earlier edit";

	if (stat(x->draft, &st) == 0)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M",
			 localtime(&st.st_mtime));
	if (!can_start_over || !isatty(STDIN_FILENO)) {
		fprintf(stderr, "limber: resuming your draft of \"%s\" (%s) in "
			"%s\n", x->name, when, x->draft);
		return 'r';
	}
	printf("There is a draft of \"%s\" from %s in %s.\n", x->name, when,
	       x->draft);
	for (;;) {
		switch (answer("Resume your draft, start over from the routine, "
			       "or keep both? [R/s/b] ")) {
		case EOF: case '\n': case 'r': return 'r';
		case 's': return 's';
		case 'b': return 'b';
		}
	}
}

/* Keep both: the earlier draft moves to .NAME.csv.draft.N. */
static int
set_draft_aside(const struct edit *x)
{
	for (int n = 1; n < 1000; n++) {
		char *aside = xasprintf("%s.%d", x->draft, n);
		int rc = link(x->draft, aside);

		if (rc == 0 && unlink(x->draft) == 0) {
			printf("Your earlier draft is kept in %s.\n", aside);
			free(aside);
			return 0;
		}
		free(aside);
		if (rc != 0 && errno != EEXIST)
			break;
	}
	fprintf(stderr, "limber: cannot set %s aside: %s\n", x->draft,
		strerror(errno));
	return -1;
}

/* ---- the command ------------------------------------------------------- */

/* Give the draft its first text, unless an earlier one is resumed. */
static int
start_draft(struct edit *x, int new_routine)
{
	struct stat st;
	char *text;
	size_t len = 0;
	int rc;

	if (lstat(x->draft, &st) == 0) {
		switch (ask_draft(x, new_routine || x->e != NULL)) {
		case 'r':
			return 0;
		case 'b':
			if (set_draft_aside(x) != 0)
				return -1;
			break;
		}
	}
	if (new_routine) {
		text = xasprintf(routine_template, x->name, x->name);
		len = strlen(text);
	} else if ((text = fileio_read_file(x->e->path, SIZE_MAX, &len)) == NULL) {
		fprintf(stderr, "limber: %s: cannot read: %s\n", x->e->path,
			strerror(errno));
		return -1;
	}
	rc = fileio_replace(x->draft, text, len, 0600);
	if (rc != 0)
		fprintf(stderr, "limber: %s: cannot write: %s\n", x->draft,
			strerror(errno));
	free(text);
	return rc;
}

/* The draft becomes the routine: its bytes, written atomically at 0600
 * whatever mode the editor left the draft with. */
static int
install(const struct edit *x)
{
	size_t len;
	char *text = fileio_read_file(x->draft, SIZE_MAX, &len);

	if (text == NULL || fileio_replace(x->path, text, len, 0600) != 0) {
		fprintf(stderr, "limber: cannot save %s: %s (your draft is kept "
			"in %s)\n", x->path, strerror(errno), x->draft);
		free(text);
		return -1;
	}
	free(text);
	unlink(x->draft);
	return 0;
}

static void
draft_kept(const struct edit *x, const char *why)
{
	fprintf(stderr, "limber: %syour draft is kept in %s; 'limber edit %s' "
		"resumes it\n", why, x->draft, x->name);
}

/* Edit until the draft passes or the user decides.  Returns the exit
 * status. */
static int
edit_loop(struct edit *x)
{
	for (;;) {
		struct diag_list d;
		struct routine *r;

		if (edit_once(x) != 0) {
			draft_kept(x, "");
			return 1;
		}
		diag_init(&d);
		if (x->plan) {
			struct recovery_plan *p;

			p = recovery_plan_load(x->draft, x->name, &d);
			diag_print(&d, stderr);
			diag_free(&d);
			if (p != NULL) {
				recovery_plan_free(p);
				break;
			}
		} else {
			r = routine_load(x->draft, x->name, &d);
			diag_print(&d, stderr);
			diag_free(&d);
			if (r != NULL) {
				routine_free(r);
				break;
			}
		}
		switch (ask_fix()) {
		case 'e':
			continue;
		case 'd':
			unlink(x->draft);
			printf("Discarded your changes; %s is as it was.\n",
			       x->e != NULL ? x->e->path : x->path);
			return 0;
		case 'q':
			draft_kept(x, "no answer; ");
			return 1;
		}
		/* 'k': keep it with its errors */
		if (install(x) != 0)
			return 1;
		printf("Saved %s.\n", x->path);
		fprintf(stderr, "limber: %s has errors: limber will not run it "
			"until they are fixed\n", x->path);
		return 1;
	}
	if (install(x) != 0)
		return 1;
	printf("Saved %s%s.\n", x->path,
	       x->e != NULL && x->e->source == SOURCE_SHIPPED ?
	       (x->plan ? " (it replaces the shipped plan)"
			: " (it replaces the shipped routine of the same name)")
	       : "");
	return 0;
}

int
cli_edit(const struct cli_opts *o, int argc, char **argv)
{
	struct catalog cat;
	struct catalog_entry plan_entry = { 0 };
	struct edit x = { .lock_fd = -1 };
	char *failed;
	int status = 1;

	if (argc != 1) {
		fprintf(stderr, "limber: usage: limber edit [--new] NAME\n");
		return EXIT_USAGE;
	}
	x.name = argv[0];
	if (!catalog_valid_name(x.name)) {
		char *fixed = catalog_name_for_file(x.name);

		fprintf(stderr, "limber: \"%s\" is not a routine name: use "
			"lower-case letters, digits, '-' and '_' (at most 64), "
			"as in \"%s\"\n", x.name, fixed);
		free(fixed);
		return EXIT_USAGE;
	}
	catalog_scan_default(&cat);
	x.e = catalog_find(&cat, x.name);
	/* The recovery plan, when no routine has its name: the same draft,
	 * lock and check, in the plans folder. */
	if (x.e == NULL && !o->new_routine && strcmp(x.name, TODAY_PLAN) == 0) {
		char *user = today_user_plan_path();

		plan_entry.name = xstrdup(TODAY_PLAN);
		plan_entry.path = today_plan_path();
		plan_entry.source = strcmp(user, plan_entry.path) == 0 ?
				    SOURCE_USER : SOURCE_SHIPPED;
		free(user);
		x.e = &plan_entry;
		x.plan = true;
	}
	x.dir = x.plan ? paths_user_plans() : paths_user_routines();
	x.path = xasprintf("%s/%s.csv", x.dir, x.name);
	x.draft = xasprintf("%s/.%s.csv.draft", x.dir, x.name);
	x.lock = xasprintf("%s/.%s.csv.lock", x.dir, x.name);
	if (o->new_routine && x.e != NULL) {
		fprintf(stderr, "limber: a routine named \"%s\" already exists "
			"(%s); edit it with 'limber edit %s'\n", x.name,
			x.e->path, x.name);
	} else if (!o->new_routine && x.e == NULL &&
		   access(x.draft, F_OK) != 0) {
		fprintf(stderr, "limber: no routine named \"%s\"; start one "
			"with 'limber edit --new %s'\n", x.name, x.name);
	} else if (fileio_mkdir_p(x.dir, 0700, &failed) != 0) {
		fprintf(stderr, "limber: cannot create %s: %s\n", failed,
			strerror(errno));
		free(failed);
	} else if (lock_routine(&x) == 0) {
		if (start_draft(&x, o->new_routine) == 0)
			status = edit_loop(&x);
		unlock_routine(&x);
	}
	free(x.lock);
	free(x.draft);
	free(x.path);
	free(x.dir);
	catalog_entry_free(&plan_entry);
	catalog_free(&cat);
	return status;
}
