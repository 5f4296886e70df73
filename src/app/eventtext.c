/* eventtext.c - session events as sentences. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app/eventtext.h"

const char *
eventtext_phase_word(const char *name, bool capital)
{
	static char buf[2][24];
	char *w = buf[capital];
	size_t i;

	for (i = 0; name[i] && i + 1 < sizeof buf[0]; i++) {
		char c = name[i];

		if (c >= 'A' && c <= 'Z' && (i > 0 || !capital))
			c = (char)(c - 'A' + 'a');
		else if (c >= 'a' && c <= 'z' && i == 0 && capital)
			c = (char)(c - 'a' + 'A');
		w[i] = c;
	}
	w[i] = '\0';
	return w;
}

static const char *
plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

char *
eventtext_duration(int64_t ms)
{
	int s = (int)((ms + 500) / 1000);
	int h = s / 3600, m = s / 60 % 60;

	s %= 60;
	if (h > 0 && m == 0)
		return xasprintf("%d %s", h, plural(h, "hour", "hours"));
	if (h > 0)
		return xasprintf("%d %s %d %s", h, plural(h, "hour", "hours"), m,
				 plural(m, "minute", "minutes"));
	if (m > 0 && s != 0)
		return xasprintf("%d %s %d %s", m, plural(m, "minute", "minutes"), s,
				 plural(s, "second", "seconds"));
	if (m > 0)
		return xasprintf("%d %s", m, plural(m, "minute", "minutes"));
	return xasprintf("%d %s", s, plural(s, "second", "seconds"));
}

void
eventtext_dose(struct strbuf *b, const struct plan *p,
	       const struct plan_exercise *x)
{
	strbuf_addf(b, "%d %s of %d %s", x->sets, plural(x->sets, "set", "sets"),
		    x->reps, plural(x->reps, "rep", "reps"));
	if (x->reps == 1)
		strbuf_addf(b, ", %s %d %s",
			    eventtext_phase_word(p->work_name, false), x->hold_s,
			    plural(x->hold_s, "second", "seconds"));
	else
		strbuf_addf(b, ", %d %s each", x->hold_s,
			    plural(x->hold_s, "second", "seconds"));
	if (x->sides == SIDES_EACH)
		strbuf_adds(b, ", each side");
	else if (x->sides == SIDES_ALTERNATE)
		strbuf_adds(b, ", alternating sides");
}

/* A work line for each repetition when holds are long enough to follow
 * one by one; otherwise one line per run of paced repetitions. */
static char *
work_line(const struct plan *p, const struct session_event *ev)
{
	const struct plan_exercise *x = &p->ex[ev->exercise];
	const char *side = plan_side_name(ev->side);
	struct strbuf b = { 0 };
	int per_rep = x->hold_s >= 10 || x->reps == 1;

	if (!per_rep) {
		int first = ev->rep == 1 &&
			    (x->sides != SIDES_ALTERNATE || ev->side == SIDE_LEFT);

		/* alternating sides: every change of side is said, as the
		 * cue ("lower the named arm") needs it */
		if (!first)
			return x->sides == SIDES_ALTERNATE && *side
			       ? xasprintf("%c%s", side[0] - 'a' + 'A', side + 1)
			       : NULL;
	}
	strbuf_addf(&b, "%s, set %d of %d", x->name, ev->set, x->sets);
	if (per_rep) {
		if (x->reps > 1)
			strbuf_addf(&b, ", rep %d of %d", ev->rep, x->reps);
		if (*side)
			strbuf_addf(&b, ", %s", side);
		strbuf_addf(&b, ": %s %d %s",
			    eventtext_phase_word(p->work_name, false),
			    ev->seconds_left,
			    plural(ev->seconds_left, "second", "seconds"));
	} else if (x->sides == SIDES_ALTERNATE) {
		strbuf_addf(&b, ": %d reps each side, %d %s each, left and right in turn\n%c%s",
			    x->reps, x->hold_s, plural(x->hold_s, "second", "seconds"),
			    side[0] - 'a' + 'A', side + 1);
	} else {
		if (*side)
			strbuf_addf(&b, ", %s", side);
		strbuf_addf(&b, ": %d reps, %d %s each", x->reps, x->hold_s,
			    plural(x->hold_s, "second", "seconds"));
	}
	return strbuf_take(&b);
}

static char *
phase_line(const struct plan *p, const struct session_event *ev)
{
	const struct plan_exercise *x = &p->ex[ev->exercise];
	struct strbuf b = { 0 };

	switch (ev->phase) {
	case PHASE_GET_READY:
		strbuf_addf(&b, "Exercise %zu of %zu: %s, ", ev->exercise + 1,
			    p->nex, x->name);
		eventtext_dose(&b, p, x);
		strbuf_adds(&b, "\n");
		/* the cue indented, every line of it */
		for (const char *c = x->cue; *c != '\0';) {
			size_t len = strcspn(c, "\n");

			if (len > 0)
				strbuf_addf(&b, "  %.*s\n", (int)len, c);
			c += len;
			if (*c == '\n')
				c++;
		}
		strbuf_addf(&b, "Get ready: %d %s", ev->seconds_left,
			    plural(ev->seconds_left, "second", "seconds"));
		return strbuf_take(&b);
	case PHASE_WORK:
		return work_line(p, ev);
	case PHASE_REST:
		strbuf_addf(&b, "%s %d %s",
			    eventtext_phase_word(p->rest_name, true),
			    ev->seconds_left,
			    plural(ev->seconds_left, "second", "seconds"));
		if (ev->step + 1 < p->nsteps &&
		    p->steps[ev->step + 1].exercise != ev->exercise)
			strbuf_addf(&b, "; next: %s",
				    p->ex[p->steps[ev->step + 1].exercise].name);
		return strbuf_take(&b);
	case PHASE_SWITCH:
		return xasprintf("Switch to the %s side, %d %s",
				 plan_side_name(ev->side), ev->seconds_left,
				 plural(ev->seconds_left, "second", "seconds"));
	case PHASE_COUNT_IN:
		return xasprintf("%s again in %d",
				 eventtext_phase_word(p->work_name, true),
				 ev->seconds_left);
	case PHASE_DONE:
		break;
	}
	return NULL;
}

char *
eventtext_line(const struct plan *p, const struct session_event *ev,
	       const struct session_record *rec)
{
	const char *name = ev->exercise < p->nex ? p->ex[ev->exercise].name
						 : "the exercise";
	char *d, *line;

	switch (ev->kind) {
	case SEV_PHASE:
		return ev->exercise < p->nex ? phase_line(p, ev) : NULL;
	case SEV_SECOND:
		if (ev->phase == PHASE_WORK && ev->seconds_left == 10 &&
		    p->steps[ev->step].dur_ms >= 20000)
			return xstrdup("10 seconds left");
		return NULL;
	case SEV_HALFWAY:
	case SEV_EXERCISE_DONE:
		return NULL;
	case SEV_PAUSE:
		return xstrdup("Paused; press space to resume");
	case SEV_RESUME:
		return xstrdup("Resumed");
	case SEV_NEXT:
		return xasprintf("Skipped %s", name);
	case SEV_PREV:
		return xstrdup("Back to the previous exercise");
	case SEV_HURT:
		return xasprintf("Marked %s as hurting and moved on; stop any exercise that hurts",
				 name);
	case SEV_SESSION_DONE:
	case SEV_STOP:
		d = eventtext_duration(rec->done_ms);
		line = xasprintf("%s: %zu of %zu exercises, %s",
				 ev->kind == SEV_STOP ? "Stopped" : "Done",
				 rec->exercises_done, rec->exercises_planned, d);
		free(d);
		return line;
	}
	return NULL;
}
