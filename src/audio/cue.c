/* cue.c - cue names, which event gets which cue, the cue files, and the
 * player over a table of back ends.  No SDL here: see cue_sdl.c. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audio/cue.h"
#include "core/diag.h"
#include "core/paths.h"
#include "core/util.h"

static const char *const names[CUE_COUNT] = {
	[CUE_TICK] = "tick",
	[CUE_GO] = "go",
	[CUE_SWITCH] = "switch",
	[CUE_REST] = "rest",
	[CUE_DONE] = "done",
	[CUE_FINISH] = "finish",
};

/* Which cue wins when several fall on one instant (higher wins). */
static const int priority[CUE_COUNT] = {
	[CUE_TICK] = 0,
	[CUE_SWITCH] = 1,
	[CUE_REST] = 2,
	[CUE_DONE] = 3,
	[CUE_GO] = 4,
	[CUE_FINISH] = 5,
};

const char *
cue_name(enum cue c)
{
	return (unsigned)c < CUE_COUNT ? names[c] : "?";
}

int
cue_from_name(const char *name, enum cue *out)
{
	for (int c = 0; c < CUE_COUNT; c++) {
		if (strcmp(name, names[c]) == 0) {
			*out = (enum cue)c;
			return 0;
		}
	}
	return -1;
}

/* Is step k the last step of its exercise? */
static int
ends_exercise(const struct plan *p, size_t k)
{
	const struct plan_exercise *e;

	if (k >= p->nsteps)
		return 0;
	e = &p->ex[p->steps[k].exercise];
	return k + 1 == e->first_step + e->nsteps;
}

/* Does the phase an event belongs to count in to work?  A rest that ends
 * its exercise leads to the next exercise's get-ready, not to work. */
static int
counts_in(const struct plan *p, const struct session_event *ev)
{
	switch (ev->phase) {
	case PHASE_GET_READY:
	case PHASE_SWITCH:
	case PHASE_COUNT_IN:
		return 1;
	case PHASE_REST:
		return !ends_exercise(p, ev->step);
	case PHASE_WORK:
	case PHASE_DONE:
		return 0;
	}
	return 0;
}

static int
is_tick_second(int s)
{
	return s >= 1 && s <= 3;
}

int
cue_for_event(const struct plan *p, const struct session_event *ev,
	      enum cue *out)
{
	switch (ev->kind) {
	case SEV_PHASE:
		switch (ev->phase) {
		case PHASE_WORK:
			*out = CUE_GO;
			return 1;
		case PHASE_SWITCH:
			*out = CUE_SWITCH;
			return 1;
		case PHASE_REST:
			*out = ends_exercise(p, ev->step) ? CUE_DONE : CUE_REST;
			return 1;
		case PHASE_GET_READY:
		case PHASE_COUNT_IN:
			/* Its first second is one of its last three. */
			if (!is_tick_second(ev->seconds_left))
				return 0;
			*out = CUE_TICK;
			return 1;
		case PHASE_DONE:
			return 0;
		}
		return 0;
	case SEV_SECOND:
		if (!is_tick_second(ev->seconds_left) || !counts_in(p, ev))
			return 0;
		*out = CUE_TICK;
		return 1;
	case SEV_EXERCISE_DONE:
		/* A closing rest already sounded done when it began. */
		if (ev->step < p->nsteps && p->steps[ev->step].kind == STEP_REST)
			return 0;
		*out = CUE_DONE;
		return 1;
	case SEV_SESSION_DONE:
		*out = CUE_FINISH;
		return 1;
	case SEV_HALFWAY:
	case SEV_PAUSE:
	case SEV_RESUME:
	case SEV_NEXT:
	case SEV_PREV:
	case SEV_HURT:
	case SEV_STOP:
		return 0;
	}
	return 0;
}

void
cue_pick_init(struct cue_pick *k, const struct plan *p)
{
	memset(k, 0, sizeof *k);
	k->plan = p;
}

void
cue_pick_add(struct cue_pick *k, const struct session_event *ev)
{
	enum cue c;

	switch (ev->kind) {
	case SEV_PAUSE:
		/* The user asked for quiet: a cue of this instant would
		 * sound after the pause began. */
		k->paused = 1;
		k->have = 0;
		return;
	case SEV_STOP:
		k->have = 0;
		return;
	case SEV_RESUME:
		k->paused = 0;
		return;
	default:
		break;
	}
	if (!cue_for_event(k->plan, ev, &c))
		return;
	if (c == CUE_TICK && k->paused)
		return;
	if (k->have) {
		if (ev->due_ms < k->ev.due_ms)
			return;
		if (ev->due_ms == k->ev.due_ms && priority[c] <= priority[k->cue])
			return;
	}
	k->have = 1;
	k->cue = c;
	k->ev = *ev;
}

int
cue_pick_take(struct cue_pick *k, enum cue *out, struct session_event *ctx)
{
	if (!k->have)
		return 0;
	*out = k->cue;
	if (ctx != NULL)
		*ctx = k->ev;
	k->have = 0;
	return 1;
}

/* ------------------------------------------------------------ files */

static char *
existing(const char *dir, const char *name, const char *ext)
{
	char *base = xasprintf("%s%s", name, ext);
	char *path = paths_join(dir, base);
	struct stat st;

	free(base);
	if (stat(path, &st) == 0)
		return path;
	free(path);
	return NULL;
}

void
cue_files_find(struct cue_files *f, const char *user_dir,
	       const char *shipped_dir)
{
	char *ud = user_dir != NULL ? xstrdup(user_dir) : paths_user_sounds();
	char *sd = shipped_dir != NULL ? xstrdup(shipped_dir)
				       : paths_shipped_sounds();
	struct stat st;

	f->shipped_dir = xstrdup(sd);
	if (stat(sd, &st) != 0)
		f->shipped_dir_err = errno ? errno : ENOENT;
	else
		f->shipped_dir_err = S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	for (int c = 0; c < CUE_COUNT; c++) {
		char *wav = xasprintf("%s.wav", names[c]);

		f->user[c] = existing(ud, names[c], ".wav");
		if (f->user[c] == NULL)
			f->user[c] = existing(ud, names[c], ".ogg");
		f->shipped[c] = paths_join(sd, wav);
		free(wav);
	}
	free(ud);
	free(sd);
}

void
cue_files_free(struct cue_files *f)
{
	for (int c = 0; c < CUE_COUNT; c++) {
		free(f->user[c]);
		free(f->shipped[c]);
		f->user[c] = f->shipped[c] = NULL;
	}
	free(f->shipped_dir);
	f->shipped_dir = NULL;
}

void *
cue_files_load(const struct cue_files *f, enum cue c, cue_load_fn load,
	       void *ud, struct diag_list *warn)
{
	char *err = NULL;
	void *s;

	if (f->user[c] != NULL) {
		s = load(ud, f->user[c], &err);
		if (s != NULL)
			return s;
		if (warn != NULL)
			diag_add(warn, DIAG_WARNING, f->user[c], 0, 0,
				 "cannot play this sound (%s); %s %s cue %s",
				 err != NULL ? err : "unknown error",
				 f->shipped_dir_err ? "the" : "the shipped",
				 names[c], f->shipped_dir_err ? "stays silent"
				 : "plays instead");
		free(err);
		err = NULL;
	}
	if (f->shipped_dir_err)
		return NULL;
	s = load(ud, f->shipped[c], &err);
	if (s == NULL && warn != NULL)
		diag_add(warn, DIAG_WARNING, f->shipped[c], 0, 0,
			 "cannot play this sound (%s); the %s cue stays silent",
			 err != NULL ? err : "unknown error", names[c]);
	free(err);
	return s;
}

int
cue_files_load_all(const struct cue_files *f, cue_load_fn load, void *ud,
		   void **out, struct diag_list *warn)
{
	struct strbuf silent = { 0 };
	int loaded = 0, nsilent = 0;

	for (int c = 0; c < CUE_COUNT; c++) {
		out[c] = cue_files_load(f, (enum cue)c, load, ud, warn);
		if (out[c] != NULL) {
			loaded++;
			continue;
		}
		if (nsilent++ > 0)
			strbuf_adds(&silent, ", ");
		strbuf_adds(&silent, names[c]);
	}
	/* Six warnings, one per file, would hide that one folder is gone. */
	if (f->shipped_dir_err && nsilent > 0 && warn != NULL) {
		if (nsilent == CUE_COUNT)
			diag_add(warn, DIAG_WARNING, f->shipped_dir, 0, 0,
				 "no sounds folder here (%s); every cue stays "
				 "silent", strerror(f->shipped_dir_err));
		else
			diag_add(warn, DIAG_WARNING, f->shipped_dir, 0, 0,
				 "no sounds folder here (%s); the cues without "
				 "a sound of your own stay silent: %s",
				 strerror(f->shipped_dir_err), silent.s);
	}
	strbuf_free(&silent);
	return loaded;
}

/* ------------------------------------------------------------ player */

struct cue_player {
	const struct cue_ops *ops;
	void *state;
	int volume;
	int muted;
	char *voice_off;	/* "voice off: ..." when asked for but not there */
	int can_say;
};

static int
clamp_volume(int v)
{
	return v < 0 ? 0 : v > 100 ? 100 : v;
}

struct cue_player *
cue_player_open_with(const struct cue_ops *const *backends, size_t n,
		     const struct cue_config *cfg, struct diag_list *warn,
		     char **off_reason)
{
	struct cue_player *p = xcalloc(1, sizeof *p);
	struct cue_config c = *cfg;
	struct cue_files files;
	char *first_reason = NULL;
	size_t i;

	c.volume = clamp_volume(c.volume);
	c.muted = !!c.muted;
	*off_reason = NULL;
	cue_files_find(&files, c.user_dir, c.shipped_dir);
	for (i = 0; i < n; i++) {
		char *reason = NULL;

		p->state = backends[i]->open(&c, &files, warn, &reason);
		if (p->state != NULL) {
			p->ops = backends[i];
			free(reason);
			break;
		}
		if (i == 0)
			first_reason = reason != NULL ? reason
				: xasprintf("the %s back end did not open",
					    backends[i]->name);
		else
			free(reason);
	}
	if (p->ops == NULL) {
		char *reason = NULL;

		p->ops = &cue_null_ops;
		p->state = cue_null_ops.open(&c, &files, warn, &reason);
		free(reason);
	}
	if (i > 0 && first_reason != NULL)
		*off_reason = xasprintf("sound off: %s", first_reason);
	free(first_reason);
	cue_files_free(&files);
	p->volume = c.volume;
	p->muted = c.muted;
	if (c.voice) {
		char *why = NULL;

		if (p->ops->voice != NULL && p->ops->voice(p->state, &why))
			p->can_say = 1;
		else
			p->voice_off = xasprintf("voice off: %s", why != NULL ? why
				: c.voice_ops == NULL && c.voice_missing != NULL
				? c.voice_missing : "no sound device to speak through");
		free(why);
	}
	return p;
}

int
cue_play(struct cue_player *p, enum cue c)
{
	if (p->muted || (unsigned)c >= CUE_COUNT)
		return 0;
	return p->ops->play(p->state, c);
}

void
cue_set_muted(struct cue_player *p, int muted)
{
	p->muted = !!muted;
	if (!p->muted)
		return;
	/* What was handed ahead would sound after the user asked for quiet. */
	if (p->ops->cancel != NULL)
		p->ops->cancel(p->state, INT64_MIN);
	if (p->ops->stop != NULL)
		p->ops->stop(p->state);
}

int
cue_at(struct cue_player *p, enum cue c, int64_t at_ms)
{
	if (p->muted || (unsigned)c >= CUE_COUNT)
		return 0;
	if (p->ops->at != NULL)
		return p->ops->at(p->state, c, NULL, at_ms);
	return p->ops->play(p->state, c);
}

int
cue_schedules(const struct cue_player *p)
{
	return p->ops->at != NULL;
}

int
cue_say_at(struct cue_player *p, const char *text, int64_t at_ms)
{
	if (p->muted || !p->can_say || p->ops->at == NULL)
		return 0;
	return p->ops->at(p->state, CUE_COUNT, text, at_ms);
}

int64_t
cue_length(struct cue_player *p, enum cue c, const char *text)
{
	if (p->ops->length != NULL)
		return p->ops->length(p->state, c, text);
	return text != NULL ? -1 : 0;
}

void
cue_cancel_from(struct cue_player *p, int64_t from_ms)
{
	if (p->ops->cancel != NULL)
		p->ops->cancel(p->state, from_ms);
}

void
cue_poll(struct cue_player *p, int64_t now_ms)
{
	if (p->ops->poll != NULL)
		p->ops->poll(p->state, now_ms);
}

void
cue_hint(struct cue_player *p, int64_t next_ms)
{
	if (p->ops->hint != NULL)
		p->ops->hint(p->state, next_ms);
}

const char *
cue_voice_off(const struct cue_player *p)
{
	return p->voice_off;
}

int
cue_can_say(const struct cue_player *p)
{
	return p->can_say;
}

void
cue_prepare_speech(struct cue_player *p, char **forms, const size_t *last,
		   size_t n)
{
	if (p->can_say && p->ops->prepare != NULL)
		p->ops->prepare(p->state, forms, last, n);
}

void
cue_progress(struct cue_player *p, size_t step)
{
	if (p->can_say && p->ops->progress != NULL)
		p->ops->progress(p->state, step);
}

int
cue_muted(const struct cue_player *p)
{
	return p->muted;
}

void
cue_set_volume(struct cue_player *p, int volume)
{
	p->volume = clamp_volume(volume);
	if (p->ops->set_volume != NULL)
		p->ops->set_volume(p->state, p->volume);
}

int
cue_volume(const struct cue_player *p)
{
	return p->volume;
}

const char *
cue_player_backend(const struct cue_player *p)
{
	return p->ops->name;
}

void
cue_player_close(struct cue_player *p)
{
	if (p == NULL)
		return;
	p->ops->close(p->state);
	free(p->voice_off);
	free(p);
}
