/* fuzz_settings.c - libFuzzer harness for the settings reader.
 *
 * The input is a limber.conf, read from memory through fmemopen.  Beyond
 * "no crash, no leak, no undefined behaviour": whatever the file says,
 * every setting ends in its range and the pain thresholds in order, and
 * nothing a user can write is an error (problems are warnings). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/diag.h"
#include "model/settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
require(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_settings: broken promise: %s\n", what);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings s;
	struct diag_list d;
	FILE *fp;
	int rc;

	/* fmemopen of zero bytes is refused by some C libraries: an empty
	 * file is /dev/null. */
	fp = size ? fmemopen((void *)(uintptr_t)data, size, "r")
		  : fopen("/dev/null", "r");
	require(fp != NULL, "fmemopen");
	diag_init(&d);
	rc = settings_load_file(&s, fp, "fuzz.conf", &d);
	fclose(fp);
	require(rc == 0, "an in-memory file failed to read");
	require(d.errors == 0, "a setting problem reported as an error");
	for (size_t i = 0; i < d.n; i++)
		free(diag_format(&d.v[i]));
	require(s.get_ready >= 0 && s.get_ready <= 60, "get_ready");
	require(s.morning_after_hours >= 1 && s.morning_after_hours <= 48,
		"morning_after_hours");
	require(s.sessions_per_week >= 1 && s.sessions_per_week <= 7,
		"sessions_per_week");
	require(s.volume >= 0 && s.volume <= 100, "volume");
	require(s.pain_green_max >= 0 && s.pain_green_max <= 8,
		"pain_green_max");
	require(s.pain_hold_max >= 1 && s.pain_hold_max <= 9, "pain_hold_max");
	require(s.pain_drop2_min >= 2 && s.pain_drop2_min <= 10,
		"pain_drop2_min");
	require(s.pain_green_max < s.pain_hold_max &&
		s.pain_hold_max < s.pain_drop2_min, "threshold order");
	require(s.green_sessions_to_progress >= 1 &&
		s.green_sessions_to_progress <= 10,
		"green_sessions_to_progress");
	require(s.professional_pain_min >= 1 && s.professional_pain_min <= 10,
		"professional_pain_min");
	require(s.professional_days >= 1 && s.professional_days <= 90,
		"professional_days");
	diag_free(&d);
	return 0;
}
