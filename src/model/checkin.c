/* checkin.c - check-in questions, answers, and the morning-after rule. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/caldate.h"
#include "core/util.h"
#include "model/checkin.h"
#include "model/settings.h"

void
checkin_init(struct checkin *c)
{
	c->pain = CHECKIN_PAIN_SKIPPED;
	c->nerve = false;
	c->urgent = false;
	c->morning = CHECKIN_MORNING_NONE;
}

/* The red-flag lists follow the NHS and NICE sources in doc/coaching.md.
 * They screen, they never diagnose. */
struct question {
	const char *text, *choices, *retry;
};

static const struct question questions[] = {
	[CHECKIN_MORNING] = {
		"How did your back feel the morning after your last session?",
		"Answer better, same or worse, or press Enter to skip.",
		"Please answer better, same or worse (b, s or w), or press Enter to skip.",
	},
	[CHECKIN_PAIN] = {
		"Pain now, from 0 to 10, where 0 is no pain and 10 the worst imaginable?",
		"Answer 0 to 10, or press Enter to skip.",
		"Please answer with a whole number from 0 to 10, or press Enter to skip.",
	},
	[CHECKIN_NERVE] = {
		"Nerve signs: numbness, tingling or weakness in a leg, or pain "
		"spreading below the knee?",
		"Yes or no?",
		"Please answer yes or no (y or n).",
	},
	[CHECKIN_URGENT] = {
		"Urgent signs: new bladder or bowel trouble, numbness around the "
		"genitals, buttocks or inner thighs, or weakness in both legs?",
		"Yes or no?",
		"Please answer yes or no (y or n).",
	},
};

const char *
checkin_question(enum checkin_question q)
{
	return questions[q].text;
}

const char *
checkin_choices(enum checkin_question q)
{
	return questions[q].choices;
}

const char *
checkin_retry(enum checkin_question q)
{
	return questions[q].retry;
}

/* The answer without the blanks around it (and the line ending a front end
 * may leave on it); a new string. */
static char *
trimmed(const char *answer)
{
	const char *b = answer, *e;

	while (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n')
		b++;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
			 e[-1] == '\n'))
		e--;
	return xstrndup(b, (size_t)(e - b));
}

int
checkin_parse_pain(const char *answer, int *out)
{
	char *a = trimmed(answer);
	int rc = -1;

	if (a[0] == '\0') {
		*out = CHECKIN_PAIN_SKIPPED;
		rc = 0;
	} else if (a[0] >= '0' && a[0] <= '9' && a[1] == '\0') {
		*out = a[0] - '0';
		rc = 0;
	} else if (strcmp(a, "10") == 0) {
		*out = 10;
		rc = 0;
	}
	free(a);
	return rc;
}

int
checkin_parse_yesno(const char *answer, bool *out)
{
	char *a = trimmed(answer);
	int rc = -1;

	if (util_strcaseeq(a, "y") || util_strcaseeq(a, "yes")) {
		*out = true;
		rc = 0;
	} else if (util_strcaseeq(a, "n") || util_strcaseeq(a, "no")) {
		*out = false;
		rc = 0;
	}
	free(a);
	return rc;
}

static const char *const morning_names[] = {
	[CHECKIN_MORNING_NONE] = "",
	[CHECKIN_MORNING_BETTER] = "better",
	[CHECKIN_MORNING_SAME] = "same",
	[CHECKIN_MORNING_WORSE] = "worse",
};

int
checkin_parse_morning(const char *answer, enum checkin_morning *out)
{
	static const char *const letters[] = { "", "b", "s", "w" };
	char *a = trimmed(answer);
	int rc = -1;

	for (size_t i = 0; i < ARRAY_LEN(morning_names); i++) {
		if (util_strcaseeq(a, morning_names[i]) ||
		    util_strcaseeq(a, letters[i])) {
			*out = (enum checkin_morning)i;
			rc = 0;
			break;
		}
	}
	free(a);
	return rc;
}

int
checkin_answer(struct checkin *c, enum checkin_question q, const char *answer)
{
	switch (q) {
	case CHECKIN_MORNING:
		return checkin_parse_morning(answer, &c->morning);
	case CHECKIN_PAIN:
		return checkin_parse_pain(answer, &c->pain);
	case CHECKIN_NERVE:
		return checkin_parse_yesno(answer, &c->nerve);
	case CHECKIN_URGENT:
		return checkin_parse_yesno(answer, &c->urgent);
	}
	return -1;
}

const char *
checkin_morning_name(enum checkin_morning m)
{
	if ((size_t)m >= ARRAY_LEN(morning_names))
		return "";
	return morning_names[m];
}

bool
checkin_morning_due(time_t newest_started, long newest_exercises_done,
		    time_t now, const struct settings *s)
{
	/* Silbernagel's model judges the load by the next morning; before
	 * a night has passed there is no such morning to ask about.  A
	 * session in the future (a clock set back) is not asked about. */
	return newest_exercises_done > 0 &&
	       caldate_local_day(newest_started) < caldate_local_day(now) &&
	       difftime(now, newest_started) >= s->morning_after_hours * 3600.0;
}
