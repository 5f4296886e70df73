/* recovery.c - the recovery's phases, and what the coach remembers (the
 * plan file is read by recplan.c).
 *
 * Sources (README "Recovery plans" and "Memory across sessions"):
 * - The phases and their days are the seed articles': acute days 1-3 (rest,
 *   ice or moist heat, no running), subacute days 4-14 (gentle stretching,
 *   walking), rehabilitation weeks 2-6 (core and lower-back strengthening),
 *   return to running from week 6, once pain-free.
 * - Moving on only while the pain is green, and back on red pain or a worse
 *   morning: the traffic light and the pain-monitoring model (Silbernagel
 *   et al., Am J Sports Med 2007;35(6):897-906: pain must settle by the
 *   next morning; next-day pain up, reduce the load).
 * - The two-week rule: NHS inform and the seed articles, pain that persists
 *   after two to three weeks of self-care needs a professional.
 * - Red flags: NHS and NICE (screen and advise, never diagnose). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caldate.h"
#include "core/util.h"
#include "model/recovery.h"

/* ---------------------------------------------------------------------
 * The phase engine. */

/* The Monday of day's week. */
static long
monday(long day)
{
	return day - caldate_weekday(day);
}

static size_t
phase_of_day(const struct recovery_plan *p, long day)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->phases[i].day_to == 0 || day <= p->phases[i].day_to)
			return i;
	return p->n - 1;
}

/* Does name appear in the ';'-joined list? */
static bool
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ';');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && strncmp(p, name, n) == 0)
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

static bool
session_green(const struct settings *s, const struct recovery_session *r)
{
	return r->completed && r->pain >= 0 && r->pain <= s->pain_green_max &&
	       r->hurt[0] == '\0' && !r->nerve && !r->urgent &&
	       r->morning != CHECKIN_MORNING_WORSE;
}

/* The exercises marked as hurting and not cleared since, of every
 * routine, as the sessions are replayed in order. */
struct hurt_set {
	struct hurt {
		char *routine, *exercise;
	} *v;
	size_t n, cap;
};

static void
hurt_free(struct hurt_set *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].routine);
		free(h->v[i].exercise);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

static bool
hurt_has(const struct hurt_set *h, const char *routine, const char *exercise)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->v[i].routine, routine) == 0 &&
		    strcmp(h->v[i].exercise, exercise) == 0)
			return true;
	return false;
}

/* Session r clears each open exercise of its routine that it did whole
 * (completed, every exercise done, that one not marked nor skipped at the
 * start) and opens each one it marks. */
static void
hurt_step(struct hurt_set *h, const struct memory *m,
	  const struct recovery_session *r)
{
	bool whole = r->completed && r->exercises_done == r->exercises_planned;
	size_t w = 0;

	for (size_t i = 0; i < h->n; i++) {
		struct hurt *e = &h->v[i];

		if (strcmp(e->routine, r->routine) != 0 || !whole ||
		    in_list(r->hurt, e->exercise) ||
		    memory_skipped(m, e->routine, e->exercise, r->started)) {
			h->v[w++] = *e;
		} else {
			free(e->routine);
			free(e->exercise);
		}
	}
	h->n = w;
	for (const char *p = r->hurt; *p;) {
		const char *e = strchr(p, ';');
		char *name = xstrndup(p, e ? (size_t)(e - p) : strlen(p));

		if (*name && !hurt_has(h, r->routine, name)) {
			util_grow(&h->v, &h->cap, h->n, sizeof *h->v);
			h->v[h->n].routine = xstrdup(r->routine);
			h->v[h->n++].exercise = name;
		} else {
			free(name);
		}
		p = e ? e + 1 : "";
	}
}

size_t
recovery_hurt_open(const struct memory *m, const struct recovery_session *v,
		   size_t n, const char *routine, char **out)
{
	struct hurt_set h = { 0 };
	struct strbuf b = { 0 };
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].routine, routine) == 0)
			hurt_step(&h, m, &v[i]);
	for (size_t i = 0; i < h.n; i++, count++)
		strbuf_addf(&b, "%s%s", count ? ";" : "", h.v[i].exercise);
	hurt_free(&h);
	*out = b.s ? strbuf_take(&b) : xstrdup("");
	return count;
}

/* Why the phase cannot move on from ph now (RECOVERY_FREE: it can). */
static enum recovery_hold
holds(const struct settings *s, const struct recovery_phase *ph,
      const struct recovery_state *st)
{
	if (st->urgent_open)
		return RECOVERY_HELD_URGENT;
	if (st->nerve_open)
		return RECOVERY_HELD_NERVE;
	if (st->last_pain > s->pain_green_max)
		return RECOVERY_HELD_PAIN;
	if (st->hurt_exercise[0] != '\0')
		return RECOVERY_HELD_HURT;
	if (st->greens < ph->move_green)
		return RECOVERY_HELD_GREENS;
	if (ph->move_professional && st->two_week)
		return RECOVERY_HELD_PROFESSIONAL;
	return RECOVERY_FREE;
}

/* Move on while the calendar has reached the next phase and nothing
 * holds; record what holds otherwise. */
static void
advance(const struct recovery_plan *p, const struct settings *s, long day,
	struct recovery_state *st)
{
	size_t cal = phase_of_day(p, day - st->start_day + 1);

	st->hold = RECOVERY_FREE;
	while (st->phase < cal) {
		st->hold = holds(s, &p->phases[st->phase], st);
		if (st->hold != RECOVERY_FREE)
			return;
		st->phase++;
		st->greens = 0;
		st->moved_back = false;
	}
}

static void
set_hurt(struct recovery_state *st, const struct hurt_set *h)
{
	st->hurt_exercise[0] = st->hurt_routine[0] = '\0';
	if (h->n == 0)
		return;
	snprintf(st->hurt_exercise, sizeof st->hurt_exercise, "%s",
		 h->v[0].exercise);
	snprintf(st->hurt_routine, sizeof st->hurt_routine, "%s",
		 h->v[0].routine);
}

/* The phase's routine for today: the one done least recently (never done
 * first, in the plan's order). */
static const char *
pick_routine(const struct recovery_phase *ph,
	     const struct recovery_session *v, size_t n)
{
	const char *best = ph->routines[0];
	long best_at = -1;

	for (size_t j = 0; j < ph->nroutines; j++) {
		long at = 0;	/* 0: never */

		for (size_t i = n; i-- > 0;)
			if (v[i].exercises_done > 0 &&
			    strcmp(v[i].routine, ph->routines[j]) == 0) {
				at = (long)i + 1;
				break;
			}
		if (best_at < 0 || at < best_at) {
			best = ph->routines[j];
			best_at = at;
		}
	}
	return best;
}

void
recovery_state(const struct recovery_plan *p, const struct settings *s,
	       const struct memory *m, const struct recovery_session *v,
	       size_t n, time_t now, struct recovery_state *st)
{
	const struct memory_entry *ep = memory_episode(m);
	struct hurt_set hurt = { 0 };
	long week;

	memset(st, 0, sizeof *st);
	st->last_pain = CHECKIN_PAIN_SKIPPED;
	st->today = caldate_local_day(now);
	if (ep == NULL || p == NULL || p->n == 0)
		return;
	st->active = true;
	st->start_day = ep->start_day;
	st->day = st->today - st->start_day + 1;
	if (st->day < 1)
		st->day = 1;
	week = monday(st->today);
	for (size_t i = 0; i < n; i++) {
		const struct recovery_session *r = &v[i];
		long rday = r->day - st->start_day + 1;

		if (r->day < st->start_day) {
			hurt_step(&hurt, m, r);
			continue;
		}
		advance(p, s, r->day, st);
		if (r->pain >= 0) {
			st->last_pain = r->pain;
			st->last_pain_day = r->day;
		}
		if (r->urgent) {
			st->urgent_open = true;
			st->urgent_day = r->day;
		} else if (st->urgent_open &&
			   memory_seen_since(m, MEMORY_SEEN_URGENT, r->started))
			st->urgent_open = false;
		st->nerve_open = r->nerve;
		hurt_step(&hurt, m, r);
		set_hurt(st, &hurt);
		if (r->exercises_done > 0)
			st->greens = session_green(s, r) ? st->greens + 1 : 0;
		if (((r->pain >= 0 && r->pain > s->pain_hold_max) ||
		     r->morning == CHECKIN_MORNING_WORSE) && st->phase > 0) {
			snprintf(st->moved_back_from, sizeof st->moved_back_from,
				 "%s", p->phases[st->phase].name);
			st->phase--;
			st->greens = 0;
			st->moved_back = true;
			st->moved_back_day = r->day;
		}
		if (rday > s->professional_days && r->pain >= 0 &&
		    r->pain > s->pain_green_max) {
			if (memory_seen_since(m, MEMORY_SEEN_PROFESSIONAL,
					      r->started))
				st->professional_seen = true;
			else
				st->two_week = true;
		}
		if (r->exercises_done > 0 && r->day >= week)
			st->week_sessions++;
		if (r->exercises_done > 0 && r->day == st->today)
			st->done_today = true;
		if (r->day == st->today && r->pain >= s->pain_drop2_min) {
			st->rest_today = true;
			st->rest_pain = r->pain;
		}
	}
	/* The user's answers since the last session count too. */
	if (st->urgent_open && memory_seen_since(m, MEMORY_SEEN_URGENT,
						 n ? v[n - 1].started + 1 : 0))
		st->urgent_open = false;
	if (st->day > s->professional_days && st->last_pain > s->pain_green_max)
		st->two_week = true;
	if (st->two_week) {
		time_t since = 0;

		/* Answered after the pain that fired it: the latest
		 * above-green session after day professional_days. */
		for (size_t i = n; i-- > 0;)
			if (v[i].day - st->start_day + 1 > s->professional_days &&
			    v[i].pain > s->pain_green_max) {
				since = v[i].started;
				break;
			}
		if (memory_seen_since(m, MEMORY_SEEN_PROFESSIONAL, since)) {
			st->two_week = false;
			st->professional_seen = true;
		}
	}
	hurt_free(&hurt);
	advance(p, s, st->today, st);
	st->calendar_phase = phase_of_day(p, st->day);
	st->routine = pick_routine(&p->phases[st->phase], v, n);
}

/* "days 4-14", "day 43 on", "day 2". */
static void
days_text(const struct recovery_phase *ph, char *buf, size_t n)
{
	if (ph->day_to == 0)
		snprintf(buf, n, "day %d on", ph->day_from);
	else if (ph->day_to == ph->day_from)
		snprintf(buf, n, "day %d", ph->day_from);
	else
		snprintf(buf, n, "days %d-%d", ph->day_from, ph->day_to);
}

/* "today", "yesterday", "3 days ago", "on 2026-11-02". */
static void
when_text(long day, long today, char *buf, size_t n)
{
	if (day == today)
		snprintf(buf, n, "today");
	else if (day == today - 1)
		snprintf(buf, n, "yesterday");
	else if (day > today - 7 && day < today)
		snprintf(buf, n, "%ld days ago", today - day);
	else {
		char date[CALDATE_BUF];

		caldate_format(day, date);
		snprintf(buf, n, "on %s", date);
	}
}

static void
hold_text(const struct recovery_plan *p, const struct settings *s,
	  const struct recovery_state *st, struct strbuf *b)
{
	const struct recovery_phase *ph = &p->phases[st->phase];
	const char *next = p->phases[st->phase + 1].name;

	switch (st->hold) {
	case RECOVERY_FREE:
		return;
	case RECOVERY_HELD_PAIN:
		strbuf_addf(b, " %s waits until your pain is %d or less.", next,
			    s->pain_green_max);
		break;
	case RECOVERY_HELD_URGENT:
		strbuf_addf(b, " %s waits until you have been seen by a doctor.",
			    next);
		break;
	case RECOVERY_HELD_NERVE:
		strbuf_addf(b, " %s waits until the nerve signs have gone.",
			    next);
		break;
	case RECOVERY_HELD_HURT:
		strbuf_addf(b, " %s waits until %s (%s) is done without "
			    "hurting.", next, st->hurt_exercise,
			    st->hurt_routine);
		break;
	case RECOVERY_HELD_GREENS:
		strbuf_addf(b, " %s waits for %d green session%s in a row "
			    "(%d so far).", next, ph->move_green,
			    ph->move_green == 1 ? "" : "s", st->greens);
		break;
	case RECOVERY_HELD_PROFESSIONAL:
		strbuf_addf(b, " %s waits until you have seen a doctor or "
			    "physiotherapist: say so at the start of your next "
			    "session.", next);
		break;
	}
}

char *
recovery_today_text(const struct recovery_plan *p, const struct settings *s,
		    const struct recovery_state *st, int level, time_t now)
{
	struct strbuf b = { 0 };
	const struct recovery_phase *ph;
	char days[32], when[CALDATE_BUF + 8];

	(void)now;
	if (!st->active) {
		strbuf_adds(&b, "No recovery has begun. When your back starts "
			    "to hurt, run: limber start [DATE]\n");
		return strbuf_take(&b);
	}
	ph = &p->phases[st->phase];
	days_text(ph, days, sizeof days);
	strbuf_addf(&b, "Day %ld of your recovery: %s (%s): %s\n", st->day,
		    ph->name, days, ph->advice);
	if (st->urgent_open) {
		when_text(st->urgent_day, st->today, when, sizeof when);
		strbuf_addf(&b, "Today: no exercise. You reported urgent signs "
			    "%s: SEEK EMERGENCY CARE NOW, and do not exercise "
			    "until you have been seen by a doctor.\n", when);
	} else if (st->rest_today) {
		strbuf_addf(&b, "Today: a rest day (pain %d today); gentle "
			    "walking is fine, or the gentle routine if you "
			    "must move.\n", st->rest_pain);
	} else if (st->done_today) {
		strbuf_addf(&b, "Today: done (%d session%s this week, %d asked "
			    "for). Next time: %s.\n", st->week_sessions,
			    st->week_sessions == 1 ? "" : "s", ph->per_week,
			    st->routine);
	} else if (st->week_sessions >= ph->per_week) {
		strbuf_addf(&b, "Today: rest or walk; this week's %d session%s "
			    "%s done. Next time: %s at level %d.\n",
			    ph->per_week, ph->per_week == 1 ? "" : "s",
			    ph->per_week == 1 ? "is" : "are", st->routine,
			    level);
	} else {
		strbuf_addf(&b, "Today: %s at level %d (session %d of %d this "
			    "week).\n", st->routine, level,
			    st->week_sessions + 1, ph->per_week);
	}
	if (st->last_pain >= 0) {
		when_text(st->last_pain_day, st->today, when, sizeof when);
		strbuf_addf(&b, "Your last pain was %d, %s.", st->last_pain,
			    when);
	} else {
		strbuf_adds(&b, "No pain answered yet in this recovery.");
	}
	if (st->moved_back && st->moved_back_from[0]) {
		when_text(st->moved_back_day, st->today, when, sizeof when);
		strbuf_addf(&b, " Back from %s %s: pain above %d, or a worse "
			    "morning after.", st->moved_back_from, when,
			    s->pain_hold_max);
	}
	if (st->phase + 1 < p->n)
		hold_text(p, s, st, &b);
	if (st->two_week)
		strbuf_addf(&b, " The two-week rule: pain that lasts beyond %d "
			    "days of self-care should be checked: see a doctor "
			    "or physiotherapist.", s->professional_days);
	strbuf_addc(&b, '\n');
	return strbuf_take(&b);
}

/* ---------------------------------------------------------------------
 * The checks at a session's start. */

static struct recovery_check *
check_add(struct recovery_check *out, size_t *n, enum recovery_check_kind k)
{
	struct recovery_check *c;

	if (*n >= RECOVERY_CHECKS_MAX)
		return NULL;
	c = &out[(*n)++];
	memset(c, 0, sizeof *c);
	c->kind = k;
	return c;
}

size_t
recovery_start_checks(const struct settings *s, const struct memory *m,
		      const struct recovery_session *v, size_t n,
		      const char *routine, const struct recovery_state *st,
		      time_t now, struct recovery_check *out)
{
	const struct recovery_session *last = n ? &v[n - 1] : NULL;
	const struct recovery_session *urgent = NULL;
	long today = caldate_local_day(now);
	struct recovery_check *c;
	size_t k = 0;
	char *open, when[CALDATE_BUF + 8];

	for (size_t i = n; i-- > 0;)
		if (v[i].urgent) {
			urgent = &v[i];
			break;
		}
	if (urgent && !memory_seen_since(m, MEMORY_SEEN_URGENT, urgent->started)) {
		c = check_add(out, &k, RECOVERY_CHECK_URGENT);
		when_text(urgent->day, today, when, sizeof when);
		snprintf(c->text, sizeof c->text, "You reported urgent signs %s "
			 "(new bladder or bowel trouble, numbness around the "
			 "genitals, buttocks or inner thighs, or weakness in "
			 "both legs). SEEK EMERGENCY CARE NOW: go to an "
			 "emergency department or call your local emergency "
			 "number. Do not exercise until you have been seen.",
			 when);
		snprintf(c->question, sizeof c->question, "Have you been seen "
			 "by a doctor since?");
	}
	if (last && last->nerve) {
		c = check_add(out, &k, RECOVERY_CHECK_NERVE);
		when_text(last->day, today, when, sizeof when);
		snprintf(c->text, sizeof c->text, "You reported nerve signs %s "
			 "(numbness, tingling or weakness in a leg, or pain "
			 "spreading below the knee): see a doctor or "
			 "physiotherapist soon, and stop any exercise that makes "
			 "it worse. No routine goes up a level until a session "
			 "where you answer no.", when);
	}
	if (st && st->two_week) {
		c = check_add(out, &k, RECOVERY_CHECK_PROFESSIONAL);
		snprintf(c->text, sizeof c->text, "The two-week rule: your pain "
			 "has lasted beyond %d days of self-care. See a doctor or "
			 "physiotherapist; running waits until you have.",
			 s->professional_days);
		snprintf(c->question, sizeof c->question, "Have you seen a "
			 "doctor or physiotherapist about this pain?");
	}
	for (size_t i = n; i-- > 0 && v[i].day == today;)
		if (v[i].pain >= s->pain_drop2_min) {
			struct tm tm;

			localtime_r(&v[i].started, &tm);
			c = check_add(out, &k, RECOVERY_CHECK_REST_DAY);
			snprintf(c->text, sizeof c->text, "A rest day was advised "
				 "today (pain %d after %s at %02d:%02d). If you "
				 "must move, the gentle routine is the one for "
				 "today.", v[i].pain, v[i].routine, tm.tm_hour,
				 tm.tm_min);
			snprintf(c->question, sizeof c->question,
				 "Exercise anyway?");
			break;
		}
	recovery_hurt_open(m, v, n, routine, &open);
	for (char *p = open, *e; p && *p; p = e ? e + 1 : NULL) {
		e = strchr(p, ';');
		if (e)
			*e = '\0';
		c = check_add(out, &k, RECOVERY_CHECK_HURT);
		if (c == NULL)
			break;
		snprintf(c->exercise, sizeof c->exercise, "%s", p);
		snprintf(c->text, sizeof c->text, "%s hurt last time. %s cannot "
			 "go up a level until a session where it is done "
			 "without hurting.", p, routine);
		snprintf(c->question, sizeof c->question, "Skip %s today?", p);
	}
	free(open);
	return k;
}
