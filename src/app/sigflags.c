/* sigflags.c - the signals a front end waits for, as flags. */
#include "config.h"

#include <string.h>

#include "app/sigflags.h"
#include "core/util.h"

struct sigflags sigflags;

static const int caught[SIGFLAGS_N] = { SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT };

static void
on_stop(int sig)
{
	if (sigflags.stop == 0)
		sigflags.stop = sig;
}

static void
on_tstp(int sig)
{
	(void)sig;
	sigflags.tstp = 1;
}

static void
on_cont(int sig)
{
	(void)sig;
	sigflags.cont = 1;
}

void
sigflags_install(const sigset_t *also_block)
{
	struct sigaction sa;
	sigset_t block;

	if (sigflags.installed)
		return;
	sigflags.stop = sigflags.tstp = sigflags.cont = 0;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	if (also_block != NULL)
		block = *also_block;
	else
		sigemptyset(&block);
	for (size_t i = 0; i < ARRAY_LEN(caught); i++) {
		sa.sa_handler = caught[i] == SIGTSTP ? on_tstp :
				caught[i] == SIGCONT ? on_cont : on_stop;
		sigaction(caught[i], &sa, &sigflags.old[i]);
		sigaddset(&block, caught[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &sigflags.wait_mask);
	sigflags.installed = true;
}

void
sigflags_uninstall(void)
{
	if (!sigflags.installed)
		return;
	sigprocmask(SIG_SETMASK, &sigflags.wait_mask, NULL);
	for (size_t i = 0; i < ARRAY_LEN(caught); i++)
		sigaction(caught[i], &sigflags.old[i], NULL);
	sigflags.installed = false;
}

void
sigflags_stop_self(void)
{
	sigset_t tstp;

	signal(SIGTSTP, SIG_DFL);
	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &tstp, NULL);
	raise(SIGTSTP);
	sigprocmask(SIG_BLOCK, &tstp, NULL);
	signal(SIGTSTP, on_tstp);
	sigflags.tstp = 0;
}
