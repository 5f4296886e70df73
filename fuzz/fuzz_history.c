/* fuzz_history.c - libFuzzer harness for the history reader.
 *
 * history_load reads a path (under a shared lock, never through a
 * symbolic link, only a regular file), so each input is written to one
 * private file in a folder made once under $TMPDIR and read back by its
 * path.  Beyond "no crash, no leak, no undefined behaviour":
 * every row read must hold values in range, the listings and statistics
 * must be computable from any history, and the rows written back in the
 * canonical form (what `limber history --csv` prints) must read again
 * unchanged and without a single warning.  The summary (histsum.h) read
 * from the file must be the summary of the rows history_load read, with
 * the same diagnostics; read as a cache of a first part plus the rows
 * after it, the same again; and it must go through the cache file's
 * encoding unchanged.  The input taken as a cache file must not crash
 * the decoder, and one it accepts must encode back byte for byte. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "app/histprint.h"
#include "core/diag.h"
#include "history/histsum.h"
#include "history/history.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 2026-11-21T12:00:00Z: a fixed "now", so a run can be replayed. */
#define NOW ((time_t)1795262400)

static void remove_input(void);
static void self_check(void);
static void put(const void *data, size_t size);

static int mem_fd = -1;
static char mem_dir[256];
static char mem_path[300];
static FILE *sink;

static void
require(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_history: broken promise: %s\n", what);
		abort();
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "UTC", 1);
	tzset();
	const char *tmp = getenv("TMPDIR");

	snprintf(mem_dir, sizeof mem_dir, "%s/fuzz_history.XXXXXX",
		 tmp != NULL && tmp[0] == '/' ? tmp : "/tmp");
	require(mkdtemp(mem_dir) != NULL, "mkdtemp");
	snprintf(mem_path, sizeof mem_path, "%s/history.csv", mem_dir);
	mem_fd = open(mem_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	require(mem_fd >= 0, "create the input file");
	atexit(remove_input);
	self_check();
	sink = fopen("/dev/null", "w");
	require(sink != NULL, "open /dev/null");
	return 0;
}

/* The harness reads what it is fed: a valid history must give its row, or
 * every input would be refused before the reader is reached (as when the
 * input was read through /proc/self/fd, a symbolic link, which the reader
 * refuses to follow). */
static void
self_check(void)
{
	static const char text[] =
		"started,routine,level,status,planned_s,done_s,"
		"exercises_planned,exercises_done,pain,morning,red_flags,hurt,"
		"next_level,reason\n"
		"2026-11-02T07:00:00+01:00,core,4,completed,600,590,6,6,2,,none,,"
		"4,level 4 stays: first green session at this level (pain 2)\n";
	struct history h;
	struct diag_list d;

	put(text, sizeof text - 1);
	history_init(&h);
	diag_init(&d);
	require(history_load(&h, mem_path, &d) == 0 && h.n == 1 &&
		d.n == 0, "a valid history is read back");
	history_free(&h);
	diag_free(&d);
}

static void
remove_input(void)
{
	unlink(mem_path);
	rmdir(mem_dir);
}

static void
put(const void *data, size_t size)
{
	const char *p = data;

	require(ftruncate(mem_fd, 0) == 0, "ftruncate");
	for (size_t off = 0; off < size;) {
		ssize_t k = pwrite(mem_fd, p + off, size - off, (off_t)off);

		require(k > 0, "pwrite");
		off += (size_t)k;
	}
}

static void
check_rows(const struct history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		const struct history_row *r = &h->rows[i];

		require(r->level >= 1 && r->level <= 10, "level");
		require(r->next_level >= 1 && r->next_level <= 10, "next_level");
		require(r->pain == CHECKIN_PAIN_SKIPPED ||
			(r->pain >= 0 && r->pain <= 10), "pain");
		require(r->status == SESSION_COMPLETED ||
			r->status == SESSION_STOPPED, "status");
		require(r->planned_s >= 0 && r->done_s >= 0 &&
			r->exercises_planned >= 0 && r->exercises_done >= 0,
			"negative counts");
		require(r->routine != NULL && r->routine[0] != '\0', "routine");
		require(r->started_text && r->hurt && r->reason, "NULL text");
		require(r->line >= 2, "row line");
		require(i == 0 || r->line > h->rows[i - 1].line, "row order");
	}
}

/* Everything `limber history`, `stats` and `list` compute from it. */
static void
use(const struct history *h)
{
	struct history_stats st;
	char buf[64];

	histprint_table(sink, h);
	histprint_csv(sink, h);
	histprint_stats(sink, h, NOW, true);
	histprint_stats(sink, h, NOW, false);
	history_stats(h, NOW, &st);
	require(st.sessions == h->n && st.completed <= st.sessions,
		"session counts");
	require(st.completed_pct >= 0 && st.completed_pct <= 100, "percent");
	require(st.ntrend <= HISTORY_TREND && st.npain <= st.ntrend, "trend");
	require(st.streak_current >= 0 &&
		st.streak_current <= st.streak_longest, "streaks");
	for (size_t i = 0; i < h->n; i++) {
		history_ago(&h->rows[i], NOW, buf, sizeof buf);
		require(memchr(buf, '\0', sizeof buf) != NULL, "ago not ended");
		require(history_level(h, h->rows[i].routine) >= 1, "level");
	}
	require(history_last(h, NULL) == (h->n ? &h->rows[h->n - 1] : NULL),
		"last row");
}

/* The canonical text of the rows must read back as the same rows. */
static void
round_trip(const struct history *h)
{
	struct history again;
	struct diag_list d;
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);

	require(mem != NULL, "open_memstream");
	histprint_csv(mem, h);
	require(fclose(mem) == 0, "fclose");
	put(text, len);
	history_init(&again);
	diag_init(&d);
	require(history_load(&again, mem_path, &d) == 0, "round trip failed");
	if (d.n > 0)
		diag_print(&d, stderr);
	require(d.n == 0, "round trip warned");
	require(again.n == h->n, "round trip lost rows");
	for (size_t i = 0; i < h->n; i++) {
		const struct history_row *a = &h->rows[i], *b = &again.rows[i];

		require(strcmp(a->started_text, b->started_text) == 0 &&
			a->started == b->started && a->day == b->day &&
			strcmp(a->routine, b->routine) == 0 &&
			a->level == b->level && a->status == b->status &&
			a->utc_offset == b->utc_offset &&
			a->planned_s == b->planned_s && a->done_s == b->done_s &&
			a->exercises_planned == b->exercises_planned &&
			a->exercises_done == b->exercises_done &&
			a->pain == b->pain && a->morning == b->morning &&
			a->nerve == b->nerve && a->urgent == b->urgent &&
			strcmp(a->hurt, b->hurt) == 0 &&
			a->next_level == b->next_level &&
			strcmp(a->reason, b->reason) == 0,
			"round trip changed a row");
	}
	history_free(&again);
	diag_free(&d);
	free(text);
}

/* Every diagnostic formatted, one a line. */
static char *
diag_text(const struct diag_list *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);

	require(mem != NULL, "open_memstream");
	diag_print(d, mem);
	require(fclose(mem) == 0, "fclose");
	return text;
}

/* The summary of h's rows, built by the accumulator. */
static void
summary_of(const struct history *h, struct histsum *s)
{
	histsum_init(s);
	for (size_t i = 0; i < h->n; i++)
		histsum_add(s, &h->rows[i]);
}

/* The file (in the memory file) read as a summary equals the summary of
 * the rows read, with the same return and diagnostics; and the summary
 * goes through the cache's encoding unchanged. */
static void
check_summary(const struct history *h, int rc, const char *diags)
{
	struct histsum want, got, back;
	struct histsum_key k, k2;
	struct diag_list d;
	unsigned char *enc;
	size_t len;
	char *text;

	summary_of(h, &want);
	histsum_init(&got);
	diag_init(&d);
	require(histsum_load(&got, mem_path, NULL, NULL, &d) == rc,
		"summary: another return");
	text = diag_text(&d);
	require(strcmp(text, diags) == 0, "summary: other diagnostics");
	require(histsum_equal(&got, &want) && histsum_equal(&want, &got),
		"summary: not the rows' summary");
	free(text);
	diag_free(&d);

	memset(&k, 0, sizeof k);
	k.size = 1;
	k.at.line = 1;
	k.at.nfields = HISTORY_COLUMNS;
	enc = histsum_encode(&want, &k, &len);
	histsum_init(&back);
	require(histsum_decode(enc, len, &back, &k2) == 0, "cache: refused");
	require(histsum_equal(&back, &want), "cache: changed the summary");
	free(enc);
	histsum_free(&back);
	histsum_free(&got);
	histsum_free(&want);
}

static void
tail_row(void *ud, const struct history_row *row)
{
	histsum_add(ud, row);
}

/* Read the input as a cache would have it: its first part up to a line
 * feed near the middle (when that part reads without a word, as a cached
 * part must), then the rest as appended rows.  Rows and diagnostics must
 * be those of reading it whole. */
static void
check_split(const uint8_t *data, size_t size, const struct history *h,
	    int rc, const char *diags)
{
	struct histsum want, got;
	struct history_file f;
	struct diag_list d;
	size_t cut = size / 2;
	char *text;

	while (cut > 0 && data[cut - 1] != '\n')
		cut--;
	if (cut == 0 || cut == size || data[cut] == 0 || data[cut] >= 0x80)
		return;
	put(data, cut);
	histsum_init(&got);
	diag_init(&d);
	if (history_scan_file(mem_path, tail_row, NULL, &got, &f, &d) != 0 ||
	    d.n > 0 || !f.header || !f.ends_nl) {
		histsum_free(&got);
		diag_free(&d);
		return;
	}
	require(history_scan_rows(mem_path, &f.end, (const char *)data + cut,
				  size - cut, tail_row, &got, &d) == rc,
		"split: another return");
	text = diag_text(&d);
	require(strcmp(text, diags) == 0, "split: other diagnostics");
	summary_of(h, &want);
	require(histsum_equal(&got, &want), "split: other rows");
	free(text);
	histsum_free(&want);
	histsum_free(&got);
	diag_free(&d);
}

/* The input as a cache file: refused, or read and written back the same. */
static void
check_decode(const uint8_t *data, size_t size)
{
	struct histsum s;
	struct histsum_key k;
	unsigned char *enc;
	size_t len;

	histsum_init(&s);
	if (histsum_decode(data, size, &s, &k) != 0) {
		require(s.sessions == 0 && s.rt == NULL, "decode: left a part");
		return;
	}
	enc = histsum_encode(&s, &k, &len);
	require(len == size && memcmp(enc, data, size) == 0,
		"decode: not written back the same");
	free(enc);
	histsum_free(&s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct history h;
	struct diag_list d;
	char *diags;
	int rc;

	put(data, size);
	history_init(&h);
	diag_init(&d);
	rc = history_load(&h, mem_path, &d);
	require(rc == 0 || d.errors > 0, "refused without an error");
	diags = diag_text(&d);
	check_rows(&h);
	use(&h);
	check_summary(&h, rc, diags);
	check_split(data, size, &h, rc, diags);
	check_decode(data, size);
	if (rc == 0)
		round_trip(&h);
	free(diags);
	history_free(&h);
	diag_free(&d);
	return 0;
}
