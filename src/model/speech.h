/* speech.h - what the voice coach says, and where a phrase may go.
 *
 * Plain C: no sound, no clock.  The phrases come from the session's
 * events and the plan they walk (speech_for_event); each has a long form
 * and shorter ones, and speech_fit picks the longest form that fits in the
 * gap it is wanted in.
 *
 * What is said (the event, and the phrase's forms, longest first):
 *   SEV_PHASE GET_READY   "Bird-dog. 4 each side, 10 seconds, alternating"
 *                         (the exercise, its dose and its sides; sets when
 *                         more than one), then "Bird-dog. 4 each side",
 *                         then "Bird-dog"
 *   SEV_PHASE WORK        an exercise without a get-ready: its first hold
 *                         names it as a get-ready would ("Plank. 30
 *                         seconds"; alternating: "Bird-dog. Left"), then
 *                         the name (or the side) alone.  Otherwise
 *                         alternating sides: "Left" or "Right"; the first
 *                         repetition of the last of two or more sets:
 *                         "Last set" (alternating: "Last set. Left", then
 *                         "Left"); otherwise nothing
 *   SEV_PHASE SWITCH      "Switch sides"
 *   SEV_PHASE REST        "Rest 30 seconds", and when the rest leads to the
 *                         next exercise first "Rest 30 seconds. Next: Dead
 *                         bug, 6 each side, 4 seconds, alternating" (its
 *                         dose, as the get-ready's gap is short), then
 *                         "Rest 30 seconds. Next: Dead bug"; then "Rest 30
 *                         seconds", then "Rest"
 *   SEV_HALFWAY           "Halfway", in holds of 20 s or more (not when the
 *                         halfway mark is the ten-seconds-left mark: a
 *                         20 s hold says only that)
 *   SEV_SECOND 10 in WORK "10 seconds left", then "10 seconds", in holds of
 *                         20 s or more
 *   SEV_SESSION_DONE      "Session complete"
 *   anything else         nothing (a count-in after a pause only ticks)
 *
 * Where (speech_fit): a phrase never covers a tone.  It starts when it is
 * wanted, or when the sounds playing then (the tone of the same instant,
 * an earlier phrase) have ended, and it must end a guard before the next
 * sound starts; the longest form that fits is said, and when none fits,
 * nothing: a phrase is shortened or dropped, never pushed past the next
 * tone. */
#ifndef LIMBER_SPEECH_H
#define LIMBER_SPEECH_H

#include <stddef.h>
#include <stdint.h>

#include "model/plan.h"
#include "model/session.h"

#define SPEECH_FORMS 4
/* Silence kept between a phrase and the sounds before and after it. */
#define SPEECH_GUARD_MS 60

struct speech_phrase {
	char *form[SPEECH_FORMS];	/* owned; form[0] the longest */
	int nforms;			/* 0: nothing to say */
};

/* The phrase an event calls for (see the table above); p is the plan the
 * session walks.  Returns out->nforms (0 for none). */
int speech_for_event(const struct plan *p, const struct session_event *ev,
		     struct speech_phrase *out);
void speech_phrase_free(struct speech_phrase *ph);

/* Every phrase form the session may say, each once, in the order a run of
 * the plan first needs them, with the plan step (*last_step) after which
 * it is not needed again (nsteps for phrases of the session's end).  A
 * player synthesizes them ahead with this.  Returns the count; *forms is a
 * new array of new strings, freed with speech_forms_free. */
size_t speech_all_forms(const struct plan *p, char ***forms, size_t **last_step);
void speech_forms_free(char **forms, size_t *last_step, size_t n);

/* A sound's place: from start_ms up to (not including) end_ms. */
struct speech_span {
	int64_t start_ms, end_ms;
};

/* Fit a phrase wanted at want_ms among the sounds busy[0..nbusy-1] (in any
 * order; tones and phrases already placed), whose forms last dur_ms[0..
 * nforms-1] (a negative length: that form is not ready and is skipped).
 * horizon_ms: sounds are known up to there; a form must end a guard before
 * it as well.  Returns the index of the longest form that fits, with its
 * start in *start_ms, or -1 when none does. */
int speech_fit(int64_t want_ms, const int64_t *dur_ms, int nforms,
	       const struct speech_span *busy, size_t nbusy,
	       int64_t horizon_ms, int64_t *start_ms);

#endif
