/* cuesched.c - cues handed ahead from a shadow session.  No SDL here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "audio/cuesched.h"
#include "core/util.h"
#include "model/speech.h"

/* A cue the shadow made: waiting to be handed, then handed and waiting to
 * be logged once it has sounded. */
struct item {
	int64_t at;			/* absolute: when it is due / starts */
	enum cue cue;			/* a tone; CUE_COUNT for a phrase */
	struct speech_phrase ph;	/* a phrase's forms */
	char *said;			/* the form handed */
	int64_t end;			/* handed: when its sound ends */
	struct session_event ctx;
};

struct queue {
	struct item *v;
	size_t n, cap;
};

struct action_at {
	enum action a;
	int64_t at;
};

struct cue_sched {
	const struct plan *plan;
	int64_t origin;
	struct cue_player *pl;
	int voice;
	struct session *shadow;
	int64_t horizon;		/* the shadow has run up to here */
	struct cue_pick pick;		/* the shadow's cue of each instant */
	struct action_at *act;
	size_t nact, capact;
	int replan;			/* an action came: build the shadow again */
	size_t seen;			/* action events of the shadow so far */
	int skipping;			/* replaying what was handed already */
	size_t step;			/* the real session's step */
	struct queue wait;		/* made, not handed; in time order */
	struct queue handed;		/* handed, not logged; in time order */
};

static void
queue_push(struct queue *q, const struct item *it)
{
	if (q->n == q->cap)
		util_grow(&q->v, &q->cap, q->n, sizeof *q->v);
	q->v[q->n++] = *it;
}

static void
item_free(struct item *it)
{
	speech_phrase_free(&it->ph);
	free(it->said);
}

/* Drop items [0, k) of q. */
static void
queue_drop_front(struct queue *q, size_t k)
{
	if (k == 0)
		return;
	memmove(q->v, q->v + k, (q->n - k) * sizeof *q->v);
	q->n -= k;
}

static void
queue_clear(struct queue *q)
{
	for (size_t i = 0; i < q->n; i++)
		item_free(&q->v[i]);
	q->n = 0;
}

/* The instant the pick holds is complete: queue its tone. */
static void
flush_pick(struct cue_sched *s)
{
	struct item it;

	memset(&it, 0, sizeof it);
	if (!cue_pick_take(&s->pick, &it.cue, &it.ctx))
		return;
	it.at = s->origin + it.ctx.due_ms;
	/* a tone goes before the phrases of its instant */
	{
		size_t k = s->wait.n;

		while (k > 0 && s->wait.v[k - 1].cue == CUE_COUNT &&
		       s->wait.v[k - 1].at == it.at)
			k--;
		queue_push(&s->wait, &it);
		memmove(s->wait.v + k + 1, s->wait.v + k,
			(s->wait.n - 1 - k) * sizeof *s->wait.v);
		s->wait.v[k] = it;
	}
}

static int
is_action(enum session_event_kind k)
{
	return k == SEV_PAUSE || k == SEV_RESUME || k == SEV_NEXT ||
	       k == SEV_PREV || k == SEV_HURT || k == SEV_STOP;
}

static void
on_shadow(void *ud, const struct session_event *ev)
{
	struct cue_sched *s = ud;
	struct item it;

	if (s->skipping) {
		/* Only to know whether the session is paused. */
		cue_pick_add(&s->pick, ev);
		if (is_action(ev->kind) && ++s->seen == s->nact)
			s->skipping = 0;
		if (s->skipping)
			return;
		/* The action's own event: what follows is new. */
		s->pick.have = 0;
	}
	if (s->pick.have && s->pick.ev.due_ms != ev->due_ms)
		flush_pick(s);
	cue_pick_add(&s->pick, ev);
	if (!s->voice)
		return;
	memset(&it, 0, sizeof it);
	if (speech_for_event(s->plan, ev, &it.ph) == 0)
		return;
	it.cue = CUE_COUNT;
	it.at = s->origin + ev->due_ms;
	it.ctx = *ev;
	queue_push(&s->wait, &it);
}

/* The shadow runs on session time (its origin 0), so it can be built
 * before the session starts: then the session's first pass does not wait
 * for it.  Replays the actions so far. */
static void
shadow_build(struct cue_sched *s)
{
	session_free(s->shadow);
	cue_pick_init(&s->pick, s->plan);
	s->seen = 0;
	s->skipping = s->nact > 0;
	s->shadow = session_new(s->plan, 0, on_shadow, s);
	for (size_t i = 0; i < s->nact; i++)
		session_act(s->shadow, s->act[i].a, s->act[i].at - s->origin);
	s->horizon = s->nact > 0 ? s->act[s->nact - 1].at : s->origin;
	s->skipping = 0;
}

struct cue_sched *
cue_sched_new(const struct plan *p, struct cue_player *pl, int voice)
{
	struct cue_sched *s = xcalloc(1, sizeof *s);

	s->plan = p;
	s->pl = pl;
	s->voice = voice && cue_can_say(pl);
	if (s->voice) {
		char **forms;
		size_t *last, n = speech_all_forms(p, &forms, &last);

		cue_prepare_speech(pl, forms, last, n);
		speech_forms_free(forms, last, n);
	}
	shadow_build(s);
	return s;
}

void
cue_sched_start(struct cue_sched *s, int64_t origin)
{
	s->origin = s->horizon = origin;
}

void
cue_sched_free(struct cue_sched *s)
{
	if (s == NULL)
		return;
	session_free(s->shadow);
	queue_clear(&s->wait);
	queue_clear(&s->handed);
	free(s->wait.v);
	free(s->handed.v);
	free(s->act);
	free(s);
}

void
cue_sched_event(struct cue_sched *s, const struct session_event *ev)
{
	enum action a;

	if (ev->kind == SEV_PHASE || ev->kind == SEV_SESSION_DONE)
		s->step = ev->step;
	if (!is_action(ev->kind))
		return;
	switch (ev->kind) {
	case SEV_NEXT: a = ACTION_NEXT; break;
	case SEV_PREV: a = ACTION_PREV; break;
	case SEV_HURT: a = ACTION_HURT; break;
	case SEV_STOP: a = ACTION_STOP; break;
	default: a = ACTION_PAUSE; break;	/* pause and resume */
	}
	if (s->nact == s->capact)
		util_grow(&s->act, &s->capact, s->nact, sizeof *s->act);
	s->act[s->nact].a = a;
	s->act[s->nact++].at = s->origin + ev->t_ms;
	s->replan = 1;
}

/* What sounds in the way of a phrase: what was handed and the tones still
 * to come (up to the horizon).  Returns a new array. */
static struct speech_span *
busy_spans(struct cue_sched *s, size_t *n)
{
	struct speech_span *b = xcalloc(s->handed.n + s->wait.n + 1, sizeof *b);
	size_t k = 0;

	for (size_t i = 0; i < s->handed.n; i++) {
		b[k].start_ms = s->handed.v[i].at;
		b[k++].end_ms = s->handed.v[i].end;
	}
	for (size_t i = 0; i < s->wait.n; i++) {
		const struct item *it = &s->wait.v[i];
		int64_t len;

		if (it->cue == CUE_COUNT)
			continue;
		len = cue_length(s->pl, it->cue, NULL);
		b[k].start_ms = it->at;
		b[k++].end_ms = it->at + (len > 0 ? len : 0);
	}
	*n = k;
	return b;
}

/* Keep handed in time order: phrases may start after later tones. */
static void
add_handed(struct cue_sched *s, struct item *it)
{
	size_t k = s->handed.n;

	queue_push(&s->handed, it);
	while (k > 0 && s->handed.v[k - 1].at > it->at) {
		s->handed.v[k] = s->handed.v[k - 1];
		k--;
	}
	s->handed.v[k] = *it;
}

static void
hand(struct cue_sched *s, struct item *it)
{
	int64_t dur[SPEECH_FORMS], start;
	struct speech_span *busy;
	size_t nbusy;
	int f;

	if (it->cue != CUE_COUNT) {
		int64_t len = cue_length(s->pl, it->cue, NULL);

		if (cue_at(s->pl, it->cue, it->at)) {
			it->end = it->at + (len > 0 ? len : 0);
			add_handed(s, it);
			return;
		}
		item_free(it);
		return;
	}
	for (int i = 0; i < it->ph.nforms; i++)
		dur[i] = cue_length(s->pl, CUE_COUNT, it->ph.form[i]);
	busy = busy_spans(s, &nbusy);
	f = speech_fit(it->at, dur, it->ph.nforms, busy, nbusy, s->horizon,
		       &start);
	free(busy);
	if (f >= 0 && cue_say_at(s->pl, it->ph.form[f], start)) {
		it->said = it->ph.form[f];
		it->ph.form[f] = NULL;
		it->at = start;
		it->end = start + dur[f];
		add_handed(s, it);
		return;
	}
	item_free(it);
}

static void
log_item(struct cue_sched *s, struct item *it, cue_sched_log_fn log, void *ud)
{
	char name[32];

	if (log == NULL)
		return;
	if (it->cue == CUE_COUNT) {
		log(ud, it->at - s->origin, "say", it->said, &it->ctx);
		return;
	}
	snprintf(name, sizeof name, "cue_%s", cue_name(it->cue));
	log(ud, it->at - s->origin, name, NULL, &it->ctx);
}

void
cue_sched_sounded(struct cue_sched *s, int64_t now, cue_sched_log_fn log,
		  void *ud)
{
	size_t k;

	for (k = 0; k < s->handed.n && s->handed.v[k].at <= now; k++) {
		log_item(s, &s->handed.v[k], log, ud);
		item_free(&s->handed.v[k]);
	}
	queue_drop_front(&s->handed, k);
}

/* A player that cannot schedule (no cue_ops.at) is handed nothing ahead:
 * as before scheduling existed, each pass plays the cue of its latest
 * instant, now, and logs it at the pass's time. */
static void
play_now(struct cue_sched *s, int64_t now, cue_sched_log_fn log, void *ud)
{
	size_t k, last = (size_t)-1;

	for (k = 0; k < s->wait.n && s->wait.v[k].at <= now; k++)
		if (s->wait.v[k].cue != CUE_COUNT)
			last = k;
	if (last != (size_t)-1 && cue_at(s->pl, s->wait.v[last].cue, now)) {
		struct item *it = &s->wait.v[last];

		it->at = now;
		log_item(s, it, log, ud);
	}
	for (size_t i = 0; i < k; i++)
		item_free(&s->wait.v[i]);
	queue_drop_front(&s->wait, k);
}

void
cue_sched_run(struct cue_sched *s, int64_t now, cue_sched_log_fn log, void *ud)
{
	size_t k;

	if (s->replan) {
		int64_t from = s->act[s->nact - 1].at;

		s->replan = 0;
		cue_cancel_from(s->pl, from);
		queue_clear(&s->wait);
		for (k = 0; k < s->handed.n && s->handed.v[k].at < from; k++)
			;
		for (size_t i = k; i < s->handed.n; i++)
			item_free(&s->handed.v[i]);
		s->handed.n = k;
		shadow_build(s);
	}
	if (cue_muted(s->pl)) {
		/* Muting cut what was handed: it will not sound. */
		for (k = 0; k < s->handed.n && s->handed.v[k].at <= now; k++)
			;
		for (size_t i = k; i < s->handed.n; i++)
			item_free(&s->handed.v[i]);
		s->handed.n = k;
	}
	if (now + CUE_SCHED_LEAD_MS + CUE_SCHED_FIT_MS > s->horizon) {
		s->horizon = now + CUE_SCHED_LEAD_MS + CUE_SCHED_FIT_MS;
		session_tick(s->shadow, s->horizon - s->origin);
		flush_pick(s);
	}
	if (!cue_schedules(s->pl)) {
		play_now(s, now, log, ud);
	} else {
		for (k = 0; k < s->wait.n &&
		     s->wait.v[k].at <= now + CUE_SCHED_LEAD_MS; k++)
			;
		if (k > 0) {
			struct item *go = xcalloc(k, sizeof *go);

			memcpy(go, s->wait.v, k * sizeof *go);
			queue_drop_front(&s->wait, k);
			for (size_t i = 0; i < k; i++)
				hand(s, &go[i]);
			free(go);
		}
	}
	cue_hint(s->pl, s->wait.n > 0 ? s->wait.v[0].at : -1);
	cue_progress(s->pl, s->step);
	cue_poll(s->pl, now);
}

void
cue_sched_finish(struct cue_sched *s, cue_sched_log_fn log, void *ud)
{
	for (size_t k = 0; k < s->handed.n; k++) {
		log_item(s, &s->handed.v[k], log, ud);
		item_free(&s->handed.v[k]);
	}
	s->handed.n = 0;
}
