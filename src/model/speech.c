/* speech.c - the voice coach's phrases and where they fit. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/util.h"
#include "model/speech.h"

/* Holds this long or longer get "halfway" and "10 seconds left". */
#define LONG_HOLD_MS 20000
#define LEFT_MARK_S 10

static void
add_form(struct speech_phrase *ph, char *text)
{
	if (ph->nforms < SPEECH_FORMS)
		ph->form[ph->nforms++] = text;
	else
		free(text);
}

/* "2 sets of 4 each side, 10 seconds, alternating"; short: without the
 * hold and the alternation, "2 sets of 4 each side" (NULL when that is
 * all the dose says). */
static char *
dose(const struct plan_exercise *x, int brief)
{
	struct strbuf b = { 0 };
	int per_side = x->sides != SIDES_NONE;

	if (x->sets > 1 && x->reps > 1)
		strbuf_addf(&b, "%d sets of %d%s", x->sets, x->reps,
			    per_side ? " each side" : "");
	else if (x->sets > 1)
		strbuf_addf(&b, "%d sets%s", x->sets, per_side ? " each side" : "");
	else if (x->reps > 1)
		strbuf_addf(&b, "%d %s", x->reps, per_side ? "each side" : "reps");
	if (brief)
		return b.len > 0 ? strbuf_take(&b) : NULL;
	if (b.len > 0)
		strbuf_adds(&b, ", ");
	strbuf_addf(&b, "%d %s", x->hold_s, text_plural(x->hold_s, "second", "seconds"));
	if (x->sides == SIDES_ALTERNATE)
		strbuf_adds(&b, ", alternating");
	else if (x->sides == SIDES_EACH && x->reps == 1 && x->sets == 1)
		strbuf_adds(&b, " each side");
	/* (2 sets of 1 rep each side: "2 sets each side, 10 seconds") */
	return strbuf_take(&b);
}

/* Does this rest lead to another exercise? */
static const struct plan_exercise *
next_exercise(const struct plan *p, size_t step)
{
	if (step + 1 >= p->nsteps ||
	    p->steps[step + 1].exercise == p->steps[step].exercise)
		return NULL;
	return &p->ex[p->steps[step + 1].exercise];
}

/* "Bird-dog. 4 each side, 10 seconds, alternating", "Bird-dog. 4 each
 * side", then, unless alone is 0, "Bird-dog". */
static void
intro_forms(const struct plan_exercise *x, struct speech_phrase *out,
	    int alone)
{
	char *d = dose(x, 0), *brief = dose(x, 1);

	add_form(out, xasprintf("%s. %s", x->name, d));
	if (brief != NULL)
		add_form(out, xasprintf("%s. %s", x->name, brief));
	if (alone)
		add_form(out, xstrdup(x->name));
	free(d);
	free(brief);
}

static void
work_phrase(const struct plan *p, const struct session_event *ev,
	    struct speech_phrase *out)
{
	const struct plan_step *st = &p->steps[ev->step];
	const struct plan_exercise *x = &p->ex[st->exercise];
	const char *side = st->side == SIDE_LEFT ? "Left" : "Right";
	int alternating = x->sides == SIDES_ALTERNATE;
	int last_set = x->sets > 1 && st->set == x->sets && st->rep == 1 &&
		       st->side != SIDE_RIGHT;

	if (ev->step == x->first_step) {
		/* No get-ready before it: the exercise is named here. */
		if (alternating) {
			add_form(out, xasprintf("%s. %s", x->name, side));
			add_form(out, xstrdup(side));
		} else {
			intro_forms(x, out, 1);
		}
		return;
	}
	if (last_set)
		add_form(out, alternating ? xasprintf("Last set. %s", side)
					  : xstrdup("Last set"));
	if (alternating)
		add_form(out, xstrdup(side));
}

/* A routine that names its phases (walkrun's "# phases: RUN, WALK") is
 * coached by those words: "Run" at a bout, "Walk 1 minute 45 seconds". */
static int
named_phases(const struct plan *p)
{
	return strcmp(p->work_name, "HOLD") != 0 ||
	       strcmp(p->rest_name, "REST") != 0;
}

/* name as a word to say: "RUN" -> "Run". */
static char *
phase_word(const char *name)
{
	char *w = xstrdup(name);

	for (char *c = w + 1; *c != '\0'; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return w;
}

/* s seconds as said: "45 seconds", "2 minutes", "1 minute 45 seconds". */
static char *
spoken_span(int s)
{
	if (s < 60)
		return xasprintf("%d %s", s, text_plural(s, "second", "seconds"));
	if (s % 60 == 0)
		return xasprintf("%d %s", s / 60, text_plural(s / 60, "minute", "minutes"));
	return xasprintf("%d %s %d %s", s / 60, text_plural(s / 60, "minute", "minutes"),
			 s % 60, text_plural(s % 60, "second", "seconds"));
}

static void
named_forms(const struct plan *p, const struct session_event *ev,
	    struct speech_phrase *out)
{
	const struct plan_step *st = &p->steps[ev->step];
	const struct plan_exercise *x = &p->ex[st->exercise];
	char *word;

	if (ev->phase == PHASE_WORK) {
		word = phase_word(p->work_name);
		if (x->sets > 1 && st->set == x->sets && st->rep == 1)
			add_form(out, xasprintf("%s. Last one", word));
		add_form(out, xstrdup(word));
	} else {
		char *span = spoken_span((int)((st->dur_ms + 999) / 1000));

		word = phase_word(p->rest_name);
		add_form(out, xasprintf("%s %s", word, span));
		add_form(out, xstrdup(word));
		free(span);
	}
	free(word);
}

int
speech_for_event(const struct plan *p, const struct session_event *ev,
		 struct speech_phrase *out)
{
	const struct plan_step *st;
	const struct plan_exercise *x, *next;

	memset(out, 0, sizeof *out);
	if (ev->kind == SEV_SESSION_DONE) {
		add_form(out, xstrdup("Session complete"));
		return out->nforms;
	}
	if (ev->step >= p->nsteps)
		return 0;
	st = &p->steps[ev->step];
	x = &p->ex[st->exercise];
	switch (ev->kind) {
	case SEV_PHASE:
		/* a rest before another exercise still names it */
		if (named_phases(p) && (ev->phase == PHASE_WORK ||
		    (ev->phase == PHASE_REST &&
		     next_exercise(p, ev->step) == NULL))) {
			named_forms(p, ev, out);
			break;
		}
		switch (ev->phase) {
		case PHASE_GET_READY:
			intro_forms(x, out, 1);
			break;
		case PHASE_WORK:
			work_phrase(p, ev, out);
			break;
		case PHASE_SWITCH:
			add_form(out, xstrdup("Switch sides"));
			break;
		case PHASE_REST: {
			int s = (int)((st->dur_ms + 999) / 1000);

			next = next_exercise(p, ev->step);
			if (next != NULL) {
				char *d = dose(next, 0);

				add_form(out, xasprintf("Rest %d %s. Next: %s, %s", s,
							text_plural(s, "second", "seconds"),
							next->name, d));
				add_form(out, xasprintf("Rest %d %s. Next: %s", s,
							text_plural(s, "second", "seconds"),
							next->name));
				free(d);
			}
			add_form(out, xasprintf("Rest %d %s", s,
						text_plural(s, "second", "seconds")));
			add_form(out, xstrdup("Rest"));
			break;
		}
		case PHASE_COUNT_IN:
		case PHASE_DONE:
			break;
		}
		break;
	case SEV_HALFWAY:
		if (st->kind == STEP_WORK && st->dur_ms >= LONG_HOLD_MS &&
		    st->dur_ms / 2 != st->dur_ms - LEFT_MARK_S * 1000)
			add_form(out, xstrdup("Halfway"));
		break;
	case SEV_SECOND:
		if (ev->phase == PHASE_WORK && st->kind == STEP_WORK &&
		    ev->seconds_left == LEFT_MARK_S && st->dur_ms >= LONG_HOLD_MS) {
			add_form(out, xstrdup("10 seconds left"));
			add_form(out, xstrdup("10 seconds"));
		}
		break;
	default:
		break;
	}
	return out->nforms;
}

void
speech_phrase_free(struct speech_phrase *ph)
{
	for (int i = 0; i < ph->nforms; i++)
		free(ph->form[i]);
	memset(ph, 0, sizeof *ph);
}

/* ------------------------------------------------------------ all forms */

struct forms {
	char **text;
	size_t *last;
	size_t n, cap;
};

static void
note_forms(struct forms *f, struct speech_phrase *ph, size_t step)
{
	for (int i = 0; i < ph->nforms; i++) {
		size_t k;

		for (k = 0; k < f->n; k++)
			if (strcmp(f->text[k], ph->form[i]) == 0)
				break;
		if (k < f->n) {
			f->last[k] = step;
			free(ph->form[i]);
			continue;
		}
		if (f->n == f->cap) {
			size_t cap = f->cap;

			util_grow(&f->text, &cap, f->n, sizeof *f->text);
			util_grow(&f->last, &f->cap, f->n, sizeof *f->last);
		}
		f->text[f->n] = ph->form[i];
		f->last[f->n++] = step;
	}
	ph->nforms = 0;
}

size_t
speech_all_forms(const struct plan *p, char ***forms, size_t **last_step)
{
	struct forms f = { 0 };
	struct speech_phrase ph;

	for (size_t k = 0; k < p->nsteps; k++) {
		const struct plan_step *st = &p->steps[k];
		struct session_event ev = {
			.kind = SEV_PHASE, .step = k, .exercise = st->exercise,
			.set = st->set, .rep = st->rep, .side = st->side,
		};

		ev.phase = st->kind == STEP_GET_READY ? PHASE_GET_READY
			 : st->kind == STEP_WORK ? PHASE_WORK
			 : st->kind == STEP_SWITCH ? PHASE_SWITCH : PHASE_REST;
		speech_for_event(p, &ev, &ph);
		note_forms(&f, &ph, k);
		if (st->kind != STEP_WORK)
			continue;
		ev.kind = SEV_HALFWAY;
		speech_for_event(p, &ev, &ph);
		note_forms(&f, &ph, k);
		ev.kind = SEV_SECOND;
		ev.seconds_left = LEFT_MARK_S;
		speech_for_event(p, &ev, &ph);
		note_forms(&f, &ph, k);
	}
	{
		struct session_event end = { .kind = SEV_SESSION_DONE,
					     .phase = PHASE_DONE,
					     .step = p->nsteps };

		speech_for_event(p, &end, &ph);
		note_forms(&f, &ph, p->nsteps);
	}
	*forms = f.text;
	*last_step = f.last;
	return f.n;
}

void
speech_forms_free(char **forms, size_t *last_step, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(forms[i]);
	free(forms);
	free(last_step);
}

/* ------------------------------------------------------------ fitting */

int
speech_fit(int64_t want_ms, const int64_t *dur_ms, int nforms,
	   const struct speech_span *busy, size_t nbusy, int64_t horizon_ms,
	   int64_t *start_ms)
{
	int64_t start = want_ms, limit = horizon_ms;
	int moved = 1;

	/* After every sound that has begun by then, and a guard after it. */
	while (moved) {
		moved = 0;
		for (size_t i = 0; i < nbusy; i++) {
			if (busy[i].start_ms <= start &&
			    busy[i].end_ms + SPEECH_GUARD_MS > start) {
				start = busy[i].end_ms + SPEECH_GUARD_MS;
				moved = 1;
			}
		}
	}
	for (size_t i = 0; i < nbusy; i++)
		if (busy[i].start_ms > start && busy[i].start_ms < limit)
			limit = busy[i].start_ms;
	for (int f = 0; f < nforms; f++) {
		if (dur_ms[f] < 0)
			continue;
		if (start + dur_ms[f] + SPEECH_GUARD_MS <= limit) {
			*start_ms = start;
			return f;
		}
	}
	return -1;
}
