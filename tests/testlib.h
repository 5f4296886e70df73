/* testlib.h - a small TAP producer for limber's unit tests.
 *
 * Each TEST_RUN(fn) is one TAP test case; CHECK* record failures with the
 * file and line and let the case go on, so one run shows every failure. */
#ifndef LIMBER_TESTLIB_H
#define LIMBER_TESTLIB_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_case_failed;
static int t_cases;
static int t_failed_cases;

#define CHECK(c) t_check(!!(c), #c, __FILE__, __LINE__)
#define CHECK_INT(a, b) t_check_int((long long)(a), (long long)(b), #a, #b, __FILE__, __LINE__)
#define CHECK_STR(a, b) t_check_str((a), (b), #a, #b, __FILE__, __LINE__)
#define TEST_RUN(fn) t_run(#fn, fn)

static inline void
t_check(int ok, const char *what, const char *file, int line)
{
	if (!ok) {
		printf("# %s:%d: check failed: %s\n", file, line, what);
		t_case_failed = 1;
	}
}

static inline void
t_check_int(long long a, long long b, const char *sa, const char *sb,
	    const char *file, int line)
{
	if (a != b) {
		printf("# %s:%d: %s == %s failed: %lld != %lld\n", file, line,
		       sa, sb, a, b);
		t_case_failed = 1;
	}
}

static inline void
t_check_str(const char *a, const char *b, const char *sa, const char *sb,
	    const char *file, int line)
{
	if (a == NULL || b == NULL || strcmp(a, b) != 0) {
		printf("# %s:%d: %s == %s failed:\n#   got:      \"%s\"\n#   expected: \"%s\"\n",
		       file, line, sa, sb, a ? a : "(null)", b ? b : "(null)");
		t_case_failed = 1;
	}
}

static inline void
t_run(const char *name, void (*fn)(void))
{
	t_case_failed = 0;
	fn();
	t_cases++;
	if (t_case_failed)
		t_failed_cases++;
	printf("%s %d - %s\n", t_case_failed ? "not ok" : "ok", t_cases, name);
	fflush(stdout);
}

/* Call last: prints the plan; exit status is 1 if any case failed. */
static inline int
t_done(void)
{
	printf("1..%d\n", t_cases);
	return t_failed_cases ? 1 : 0;
}

#endif
