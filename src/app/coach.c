/* coach.c - the coaching rules (see coach.h for the whole table).
 *
 * Sources (doc/coaching.md has them in full):
 * - Pain-monitoring model, Silbernagel et al., Am J Sports Med 2007;
 *   35(6):897-906: pain up to 5/10 during and after exercise is acceptable
 *   if it settles by the next morning; next-day pain up: reduce the load;
 *   gone: repeat or increase slightly.  Tested on Achilles tendons, not
 *   backs: limber borrows its shape, not proof that it works for backs.
 * - The traffic light clinics use (cut-offs vary, hence settings): green
 *   0-3 carry on or progress, amber 4-5 hold, red 6-10 reduce.
 * - Graded activity (Lindström 1992, Phys Ther 72(4):279) and NHS inform's
 *   back exercises: increase on a plan, in small steps, when comfortable;
 *   stop what makes things worse.
 * - NHS and NICE on red flags: nerve signs -> see a doctor or
 *   physiotherapist; cauda equina signs -> emergency care now; a single
 *   flag is weak evidence, so screen and advise, never diagnose.
 * - NHS / the seed articles: pain persisting after two to three weeks of
 *   self-care -> see a doctor or physiotherapist. */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/caldate.h"
#include "app/coach.h"

#define LEVEL_MIN 1
#define LEVEL_MAX 10

static const char *
number_word(int n)
{
	static const char *const words[] = { "zero", "one", "two", "three",
		"four", "five", "six", "seven", "eight", "nine", "ten" };

	return n >= 0 && (size_t)n < ARRAY_LEN(words) ? words[n] : NULL;
}

/* "two", or "12" past ten. */
static void
count_text(char *buf, size_t n, int count)
{
	const char *w = number_word(count);

	if (w)
		snprintf(buf, n, "%s", w);
	else
		snprintf(buf, n, "%d", count);
}

/* "pain 6-7", "pain 7" when the band is one value wide. */
static void
band_text(char *buf, size_t n, int lo, int hi)
{
	if (lo == hi)
		snprintf(buf, n, "pain %d", lo);
	else
		snprintf(buf, n, "pain %d-%d", lo, hi);
}

static void
add_text(struct coach_decision *d, const char *fmt, ...) ATTR_PRINTF(2, 3);

static void
add_text(struct coach_decision *d, const char *fmt, ...)
{
	va_list ap;

	if (d->ntext >= COACH_ADVICE_COUNT)
		return;
	va_start(ap, fmt);
	vsnprintf(d->text[d->ntext++], COACH_ADVICE_MAX, fmt, ap);
	va_end(ap);
}

bool
coach_row_green(const struct settings *s, const struct history_row *r,
		int level)
{
	return r->status == SESSION_COMPLETED && r->pain >= 0 &&
	       r->pain <= s->pain_green_max && r->hurt[0] == '\0' &&
	       !r->nerve && !r->urgent &&
	       r->morning != CHECKIN_MORNING_WORSE && r->level == level &&
	       r->next_level == level;
}

/* The two-week rule: has the pain after every session (skipped answers
 * aside) been >= professional_pain_min, this one included, back to a
 * session professional_days or more calendar days ago (both days
 * counted)?  Only dates a clock could have given count for the spread: a
 * row dated after now (the clock set back since) or more than a day
 * before a row appended ahead of it (its clock was wrong then, say 1970)
 * keeps its pain in the run but not its date. */
static bool
needs_professional(const struct settings *s, const struct history *h,
		   const struct coach_input *in)
{
	long today = caldate_local_day(in->now), oldest = today;
	long ahead = LONG_MIN;	/* the latest day of the rows before i */
	size_t start = h->n;

	if (in->checkin.pain < s->professional_pain_min)
		return false;
	while (start > 0) {
		const struct history_row *r = &h->rows[start - 1];

		if (r->pain >= 0 && r->pain < s->professional_pain_min)
			break;
		start--;
	}
	for (size_t i = 0; i < h->n; i++) {
		const struct history_row *r = &h->rows[i];

		if (i >= start && r->pain >= 0 && r->day <= today &&
		    (ahead == LONG_MIN || r->day >= ahead - 1) && r->day < oldest)
			oldest = r->day;
		if (r->day > ahead)
			ahead = r->day;
	}
	return today - oldest + 1 >= s->professional_days;
}

/* The routine's min_days at a level: true (and why says so) when it has
 * not been at cur long enough to go up. */
static bool
min_days_wait(const struct history *h, const struct coach_input *in, int cur,
	      char *why, size_t n)
{
	const char *routine = in->routine ? in->routine : "";
	long today = caldate_local_day(in->now), since = today;
	size_t len = strlen(why);

	if (in->min_days <= 0)
		return false;
	for (size_t i = h->n; i-- > 0;) {
		const struct history_row *r = &h->rows[i];

		if (strcmp(r->routine, routine) != 0)
			continue;
		if (r->next_level != cur)
			break;
		since = r->day;
	}
	if (today - since >= in->min_days)
		return false;
	snprintf(why + len, n - len, "; at most one level every %d days "
		 "(%ld day%s at this level)", in->min_days, today - since,
		 today - since == 1 ? "" : "s");
	return true;
}

/* Why the level stays or goes up for a session that is neither a down
 * nor held back by a flag: the count of greens in a row. */
static void
green_rule(const struct settings *s, const struct history *h,
	   const struct coach_input *in, int cur, int *next, char *why,
	   size_t n)
{
	int need = s->green_sessions_to_progress;
	const char *routine = in->routine ? in->routine : "";
	int pains[LEVEL_MAX + 1];
	int count = 1;
	struct strbuf list = { 0 };
	char cw[16];

	if (need < 1)
		need = 1;
	if (need > LEVEL_MAX)
		need = LEVEL_MAX;
	/* This session's green plus the greens right before it, newest
	 * first, in this routine at this level.  A row at another level, or
	 * one that moved the level, ends the run. */
	pains[0] = in->checkin.pain;
	for (size_t i = h->n; i-- > 0 && count < need;) {
		const struct history_row *r = &h->rows[i];

		if (strcmp(r->routine, routine) != 0)
			continue;
		if (!coach_row_green(s, r, cur))
			break;
		pains[count++] = r->pain;
	}
	strbuf_adds(&list, "(pain ");
	for (int i = count - 1; i >= 0; i--)
		strbuf_addf(&list, "%d%s", pains[i], i ? ", " : ")");

	if (count >= need) {
		if (need == 1)
			snprintf(why, n, "a green session %s", list.s);
		else {
			count_text(cw, sizeof cw, need);
			snprintf(why, n, "%s green sessions in a row %s", cw,
				 list.s);
		}
		if (cur < LEVEL_MAX && !min_days_wait(h, in, cur, why, n))
			*next = cur + 1;
		else if (cur >= LEVEL_MAX)
			snprintf(why + strlen(why), n - strlen(why),
				 "; %d is the top level", LEVEL_MAX);
	} else {
		char more[16];

		count_text(more, sizeof more, need - count);
		if (count == 1) {
			snprintf(why, n, "first green session at this level %s; "
				 "%s more to go up", list.s, more);
		} else {
			count_text(cw, sizeof cw, count);
			snprintf(why, n, "%s green sessions in a row at this level "
				 "%s; %s more to go up", cw, list.s, more);
		}
	}
	strbuf_free(&list);
}

void
coach_decide(const struct settings *s, const struct history *h,
	     const struct coach_input *in, struct coach_decision *out)
{
	const struct checkin *ci = &in->checkin;
	int cur = in->current_level, next, pain = ci->pain;
	bool worse = ci->morning == CHECKIN_MORNING_WORSE &&
		     (in->morning_routine == NULL || in->routine == NULL ||
		      strcmp(in->morning_routine, in->routine) == 0);
	bool one_off, down = false, rest = false;
	char why[COACH_REASON_MAX - 32], band[32];

	if (cur < LEVEL_MIN)
		cur = LEVEL_MIN;
	if (cur > LEVEL_MAX)
		cur = LEVEL_MAX;
	next = cur;
	one_off = in->one_off || in->level != cur;
	memset(out, 0, sizeof *out);
	why[0] = '\0';

	if (pain >= 0 && pain >= s->pain_drop2_min) {
		/* Red, and far past it: a clear overload. */
		if (s->pain_drop2_min >= 10)
			snprintf(why, sizeof why, "pain 10 (pain %d)", pain);
		else
			snprintf(why, sizeof why, "pain %d or more (pain %d)",
				 s->pain_drop2_min, pain);
		next = cur - 2;
		down = rest = true;
	} else if (pain > s->pain_hold_max || worse) {
		/* Red: reduce.  Silbernagel: worse the next morning, reduce
		 * the load. */
		if (pain > s->pain_hold_max) {
			band_text(band, sizeof band, s->pain_hold_max + 1,
				  s->pain_drop2_min - 1);
			snprintf(why, sizeof why, "%s (pain %d)%s", band, pain,
				 worse ? ", and the morning after the last "
				 "session was worse" : "");
		} else {
			snprintf(why, sizeof why, "the morning after the last "
				 "session was worse");
		}
		next = cur - 1;
		down = true;
	} else if (ci->urgent) {
		snprintf(why, sizeof why, "urgent signs reported");
	} else if (ci->nerve) {
		snprintf(why, sizeof why, "nerve signs reported");
	} else if (in->status == SESSION_STOPPED) {
		snprintf(why, sizeof why, "session stopped early");
	} else if (in->hurt == 1) {
		snprintf(why, sizeof why, "an exercise was marked as hurting");
	} else if (in->hurt > 1) {
		snprintf(why, sizeof why, "%zu exercises were marked as hurting",
			 in->hurt);
	} else if (in->hurt_open && in->hurt_open[0]) {
		snprintf(why, sizeof why, "%.*s hurt before and has not been "
			 "done without hurting since", 120, in->hurt_open);
	} else if (pain < 0) {
		snprintf(why, sizeof why, "pain not answered");
	} else if (pain > s->pain_green_max) {
		/* Amber: acceptable if it settles within 24 h; hold. */
		band_text(band, sizeof band, s->pain_green_max + 1,
			  s->pain_hold_max);
		snprintf(why, sizeof why, "%s is acceptable if it settles by "
			 "tomorrow (pain %d)", band, pain);
	} else {
		out->green = true;
		if (one_off)
			snprintf(why, sizeof why, "a one-off run at level %d "
				 "never raises the level (pain %d)", in->level,
				 pain);
		else
			green_rule(s, h, in, cur, &next, why, sizeof why);
	}
	if (down && next < LEVEL_MIN) {
		next = LEVEL_MIN;
		if (cur == LEVEL_MIN)
			snprintf(why + strlen(why), sizeof why - strlen(why),
				 "; %d is the lowest level", LEVEL_MIN);
	}
	if (rest)
		snprintf(why + strlen(why), sizeof why - strlen(why),
			 "; take a rest day");

	out->level = cur;
	out->next_level = next;
	if (next != cur)
		snprintf(out->reason, sizeof out->reason, "level %d -> %d: %s",
			 cur, next, why);
	else
		snprintf(out->reason, sizeof out->reason, "level %d stays: %s",
			 cur, why);

	if (ci->urgent) {
		out->advice |= COACH_ADVICE_URGENT;
		add_text(out, "SEEK EMERGENCY CARE NOW. New bladder or bowel "
			 "trouble, numbness around the genitals, buttocks or "
			 "inner thighs, or weakness in both legs must be checked "
			 "by a doctor straight away: go to an emergency "
			 "department or call your local emergency number. Do "
			 "not exercise until you have been seen.");
	}
	if (ci->nerve) {
		out->advice |= COACH_ADVICE_NERVE;
		add_text(out, "Numbness, tingling or weakness in a leg, or pain "
			 "spreading below the knee: see a doctor or "
			 "physiotherapist soon, and stop any exercise that makes "
			 "it worse.");
	}
	if (needs_professional(s, h, in)) {
		out->advice |= COACH_ADVICE_PROFESSIONAL;
		add_text(out, "Pain of %d or more after every session for %d "
			 "days or more: see a doctor or physiotherapist. Back "
			 "pain that lasts beyond a few weeks of self-care should "
			 "be checked.", s->professional_pain_min,
			 s->professional_days);
	}
	if (in->two_week && !(out->advice & COACH_ADVICE_PROFESSIONAL)) {
		out->advice |= COACH_ADVICE_PROFESSIONAL;
		add_text(out, "The two-week rule: your pain has lasted beyond %d "
			 "days of self-care. See a doctor or physiotherapist; "
			 "the return to running waits until you have.",
			 s->professional_days);
	}
	if (rest) {
		out->advice |= COACH_ADVICE_REST_DAY;
		add_text(out, "Take a rest day: gentle walking is fine. Come "
			 "back at the lower level when the pain has settled.");
	}
	if (pain > s->pain_hold_max && cur == LEVEL_MIN) {
		bool gentle = in->routine && strcmp(in->routine, "gentle") == 0;

		out->advice |= COACH_ADVICE_LOWEST;
		add_text(out, "Level 1 is still too much for now: %s, and if "
			 "the pain persists, see a doctor or physiotherapist.",
			 gentle ? "take a rest day, with gentle walking if it "
			 "feels right" : "try the gentle routine instead, or "
			 "take a rest day");
	}
}
