/* test_util.c - util, diag, paths and catalog. */
#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>

#include "fixture.h"
#include "model/catalog.h"
#include "core/diag.h"
#include "core/fileio.h"
#include "core/paths.h"
#include "core/text.h"
#include "testlib.h"
#include "core/util.h"

static void
parse_long(void)
{
	long v = -99;

	CHECK_INT(util_parse_long("12", 1, 20, &v), UTIL_NUM_OK);
	CHECK_INT(v, 12);
	CHECK_INT(util_parse_long("-3", -5, 5, &v), UTIL_NUM_OK);
	CHECK_INT(v, -3);
	CHECK_INT(util_parse_long("21", 1, 20, &v), UTIL_NUM_RANGE);
	CHECK_INT(util_parse_long("0", 1, 20, &v), UTIL_NUM_RANGE);
	CHECK_INT(util_parse_long("99999999999999999999999", 1, 20, &v), UTIL_NUM_RANGE);
	CHECK_INT(util_parse_long("3abc", 1, 20, &v), UTIL_NUM_BAD);
	CHECK_INT(util_parse_long("two", 1, 20, &v), UTIL_NUM_BAD);
	CHECK_INT(util_parse_long("", 1, 20, &v), UTIL_NUM_BAD);
	CHECK_INT(util_parse_long("-", 1, 20, &v), UTIL_NUM_BAD);
	CHECK_INT(util_parse_long(" 3", 1, 20, &v), UTIL_NUM_BAD);
	CHECK_INT(util_parse_long("1.5", 1, 20, &v), UTIL_NUM_BAD);
	CHECK_INT(util_parse_long("+3", 1, 20, &v), UTIL_NUM_BAD);
	CHECK_INT(v, -3);	/* untouched on failure */
}

static void
strings(void)
{
	char s[] = " \t pad me\t ";
	char *q;
	struct strbuf b = { 0 };

	CHECK_STR(util_trim(s), "pad me");
	CHECK(util_strcaseeq("Exercise", "EXERCISE"));
	CHECK(!util_strcaseeq("exercise", "exercises"));
	CHECK(util_endswith("core.csv", ".csv"));
	CHECK(!util_endswith("csv", ".csv"));
	q = util_csv_quote("plain");
	CHECK_STR(q, "plain");
	free(q);
	q = util_csv_quote("a, \"b\"");
	CHECK_STR(q, "\"a, \"\"b\"\"\"");
	free(q);
	q = util_csv_quote("two\nlines");
	CHECK_STR(q, "\"two\nlines\"");
	free(q);
	/* libcsv trims blanks around unquoted fields: keep them quoted. */
	q = util_csv_quote("\tlevel up");
	CHECK_STR(q, "\"\tlevel up\"");
	free(q);
	q = util_csv_quote("kept ");
	CHECK_STR(q, "\"kept \"");
	free(q);
	q = util_csv_quote("in side");
	CHECK_STR(q, "in side");
	free(q);
	CHECK(!util_csv_needs_quotes(""));
	CHECK(!util_csv_needs_quotes("in side"));
	CHECK(util_csv_needs_quotes(" x"));
	CHECK(util_csv_needs_quotes("a,b"));
	for (int i = 0; i < 1000; i++)
		strbuf_addc(&b, 'x');
	strbuf_addf(&b, "%d", 42);
	CHECK_INT(b.len, 1002);
	q = strbuf_take(&b);
	CHECK_INT(strlen(q), 1002);
	CHECK_STR(q + 1000, "42");
	CHECK(b.s == NULL && b.len == 0);
	free(q);
	q = strbuf_take(&b);	/* an empty buffer gives "" */
	CHECK_STR(q, "");
	free(q);
}

static void
diagnostics(void)
{
	struct diag_list d;
	char *s;

	diag_init(&d);
	diag_add(&d, DIAG_ERROR, "r.csv", 7, 12, "sets must be %s", "x");
	diag_add(&d, DIAG_WARNING, "r.csv", 2, 0, "no column");
	diag_add(&d, DIAG_ERROR, "r.csv", 0, 0, "cannot open");
	CHECK_INT(d.errors, 2);
	CHECK_INT(d.warnings, 1);
	s = diag_format(&d.v[0]);
	CHECK_STR(s, "r.csv:7:12: error: sets must be x");
	free(s);
	s = diag_format(&d.v[1]);
	CHECK_STR(s, "r.csv:2: warning: no column");
	free(s);
	s = diag_format(&d.v[2]);
	CHECK_STR(s, "r.csv: error: cannot open");
	free(s);
	diag_free(&d);
	CHECK_INT(d.n, 0);
}

static char *tmp;

static void
xdg_paths(void)
{
	char *p;

	setenv("HOME", "/home/runner", 1);
	setenv("XDG_CONFIG_HOME", "/cfg", 1);
	setenv("XDG_DATA_HOME", "/data/", 1);
	p = paths_user_routines();
	CHECK_STR(p, "/cfg/limber/routines");
	free(p);
	p = paths_history_file();
	CHECK_STR(p, "/data/limber/history.csv");
	free(p);
	/* relative and empty values are ignored (XDG base directory spec) */
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("XDG_DATA_HOME", "", 1);
	p = paths_settings_file();
	CHECK_STR(p, "/home/runner/.config/limber/limber.conf");
	free(p);
	p = paths_history_file();
	CHECK_STR(p, "/home/runner/.local/share/limber/history.csv");
	free(p);
	setenv("XDG_CACHE_HOME", "/c", 1);
	p = paths_history_cache_file();
	CHECK_STR(p, "/c/limber/history.sum");
	free(p);
	setenv("XDG_CACHE_HOME", "c", 1);
	p = paths_history_cache_file();
	CHECK_STR(p, "/home/runner/.cache/limber/history.sum");
	free(p);
	setenv("LIMBER_DATADIR", "/src/tree", 1);
	p = paths_shipped_sounds();
	CHECK_STR(p, "/src/tree/sounds");
	free(p);
}

static void
mkdir_p(void)
{
	char *dir = xasprintf("%s/a/b/c", tmp), *failed = NULL, *file;
	struct stat st;
	FILE *fp;

	umask(0);
	CHECK_INT(fileio_mkdir_p(dir, 0700, &failed), 0);
	CHECK(stat(dir, &st) == 0 && S_ISDIR(st.st_mode));
	CHECK_INT(st.st_mode & 0777, 0700);
	CHECK_INT(fileio_mkdir_p(dir, 0700, &failed), 0);	/* again: fine */
	/* a component that is a file */
	file = xasprintf("%s/plain", tmp);
	fp = fopen(file, "w");
	CHECK(fp != NULL);
	if (fp)
		fclose(fp);
	free(dir);
	dir = xasprintf("%s/plain/sub", tmp);
	CHECK_INT(fileio_mkdir_p(dir, 0700, &failed), -1);
	CHECK_STR(failed, file);
	free(failed);
	free(file);
	free(dir);
	umask(022);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(p, "w");

	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
	free(p);
}

static void
catalog(void)
{
	char *user = xasprintf("%s/user", tmp), *shipped = xasprintf("%s/shipped", tmp);
	char *failed, *err, *warn;
	struct catalog c;
	struct catalog_entry e;

	fileio_mkdir_p(user, 0700, &failed);
	fileio_mkdir_p(shipped, 0700, &failed);
	write_file(shipped, "core.csv", "exercise\nA\n");
	write_file(shipped, "stretch.csv", "exercise\nA\n");
	write_file(user, "core.csv", "exercise\nB\n");
	write_file(user, "mine.csv", "exercise\nC\n");
	write_file(user, "notes.txt", "not a routine");
	write_file(user, "bad name.csv", "exercise\nC\n");
	write_file(user, "Core.CSV", "exercise\nC\n");
	catalog_scan(&c, user, shipped);
	CHECK_INT(c.n, 3);
	/* misnamed files are not listed but named, with the name to take */
	CHECK_INT(c.nbad, 2);
	for (size_t i = 0; i < c.nbad; i++) {
		const char *want = util_endswith(c.bad[i].path, "/bad name.csv")
			? "\"bad name.csv\" is not a routine name (lower-case "
			  "letters, digits, '-' and '_', then .csv), so it is not "
			  "listed: rename the file to bad-name.csv"
			: "\"Core.CSV\" is not a routine name (lower-case letters, "
			  "digits, '-' and '_', then .csv), so it is not listed: "
			  "rename the file to core.csv";

		CHECK_STR(c.bad[i].warning, want);
	}
	/* asked for by the name it has or is to have: the error says so */
	CHECK_INT(catalog_resolve(&c, "bad name", &e, &err, &warn), -1);
	CHECK(strstr(err, "rename the file to bad-name.csv") != NULL);
	free(err);
	CHECK_INT(catalog_resolve(&c, "bad-name", &e, &err, &warn), -1);
	CHECK(strstr(err, "rename the file to bad-name.csv") != NULL);
	free(err);
	/* by its path: recorded under the name it is to have, with a word */
	failed = xasprintf("%s/bad name.csv", user);
	CHECK_INT(catalog_resolve(&c, failed, &e, &err, &warn), 0);
	CHECK_STR(e.name, "bad-name");
	CHECK(warn != NULL && strstr(warn, "until then it is recorded as "
				     "\"bad-name\"") != NULL);
	free(warn);
	catalog_entry_free(&e);
	free(failed);
	if (c.n == 3) {
		CHECK_STR(c.v[0].name, "core");
		CHECK_INT(c.v[0].source, SOURCE_USER);
		CHECK_INT(c.v[0].replaces, 1);
		CHECK_STR(c.v[1].name, "mine");
		CHECK_INT(c.v[1].replaces, 0);
		CHECK_STR(c.v[2].name, "stretch");
		CHECK_INT(c.v[2].source, SOURCE_SHIPPED);
	}
	CHECK_INT(catalog_resolve(&c, "stretch", &e, &err, &warn), 0);
	CHECK(util_endswith(e.path, "/shipped/stretch.csv"));
	catalog_entry_free(&e);
	CHECK_INT(catalog_resolve(&c, "nosuch", &e, &err, &warn), -1);
	CHECK_STR(err, "no routine named \"nosuch\"; there are: core mine stretch");
	free(err);
	/* a path is a path even when a routine of that name exists */
	failed = xasprintf("%s/core.csv", shipped);
	CHECK_INT(catalog_resolve(&c, failed, &e, &err, &warn), 0);
	CHECK_STR(e.name, "core");
	CHECK_INT(e.source, SOURCE_PATH);
	catalog_entry_free(&e);
	free(failed);
	CHECK_INT(catalog_resolve(&c, "missing.csv", &e, &err, &warn), -1);
	CHECK_STR(err, "missing.csv: cannot open: No such file or directory");
	free(err);
	catalog_free(&c);
	CHECK(catalog_valid_name("core-2_b"));
	CHECK(!catalog_valid_name("Core"));
	{
		static const char *const names[][2] = {
			{ "core (copy).csv", "core-copy" }, { "Core.CSV", "core" },
			{ "my.routine.csv", "my-routine" }, { "core.csv", "core" },
			{ "--.csv", "routine" }, { "Übung 1.csv", "bung-1" },
		};

		for (size_t i = 0; i < ARRAY_LEN(names); i++) {
			char *n = catalog_name_for_file(names[i][0]);

			CHECK_STR(n, names[i][1]);
			free(n);
		}
	}
	CHECK(!catalog_valid_name("../x"));
	CHECK(!catalog_valid_name("-x"));
	CHECK(!catalog_valid_name(""));
	free(user);
	free(shipped);
}

static void
text_widths(void)
{
	char buf[TEXT_CLOCK_BUF];

	CHECK_INT(text_width("core"), 4);
	CHECK_INT(text_width(""), 0);
	CHECK_INT(text_width("a\tb"), 3);		/* a control: one stand-in */
	CHECK_INT(text_width("a\xff" "b"), 3);	/* a stray byte: one */
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL) {
		CHECK_INT(text_width("\u8170\u75db"), 4);	/* wide: two each */
		CHECK_INT(text_width("cafe\u0301"), 4);	/* combining: none */
		CHECK_INT(text_width("\u00e9t\u00e9"), 3);
		setlocale(LC_CTYPE, "C");
	} else {
		printf("# no C.UTF-8 locale: wide characters not tried\n");
	}
	CHECK_STR(text_clock(buf, sizeof buf, 0), "0:00");
	CHECK_STR(text_clock(buf, sizeof buf, 65), "1:05");
	CHECK_STR(text_clock(buf, sizeof buf, 3599), "59:59");
	CHECK_STR(text_clock(buf, sizeof buf, 3723), "1:02:03");
	CHECK_STR(text_clock(buf, sizeof buf, -4), "0:00");
	CHECK_STR(text_plural(1, "day", "days"), "day");
	CHECK_STR(text_plural(0, "day", "days"), "days");
}

/* ASCII stand-ins for a locale without UTF-8: a Latin letter without its
 * accent, punctuation as its nearest ASCII, nothing for the rest. */
static void
text_ascii_stand_ins(void)
{
	static const struct {
		uint32_t cp;
		const char *want;
	} cases[] = {
		{ 0x00e9, "e" }, { 0x00c0, "A" }, { 0x00ff, "y" }, { 0x00f1, "n" },
		{ 0x00df, "ss" }, { 0x00c6, "AE" }, { 0x00d7, "x" }, { 0x00f7, "/" },
		{ 0x0107, "c" }, { 0x0141, "L" }, { 0x0142, "l" }, { 0x0153, "oe" },
		{ 0x0161, "s" }, { 0x017e, "z" }, { 0x017f, "s" },
		{ 0x2013, "-" }, { 0x2014, "-" }, { 0x2019, "'" }, { 0x201c, "\"" },
		{ 0x2026, "..." }, { 0x2192, "->" }, { 0x2190, "<-" }, { 0x00a0, " " },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *got = text_ascii(cases[i].cp);

		CHECK(got != NULL);
		if (got != NULL)
			CHECK_STR(got, cases[i].want);
	}
	CHECK(text_ascii('a') == NULL);		/* ASCII stays as it is */
	CHECK(text_ascii(0x8170) == NULL);	/* a CJK character: none */
	CHECK(text_ascii(0x0180) == NULL);	/* past Latin Extended-A */
	CHECK(text_ascii(0xfffd) == NULL);
}

static void
files_whole(void)
{
	char *path = xasprintf("%s/whole/deep/f.txt", tmp), *failed = NULL;
	char *got, big[100000];
	size_t len = 0;
	struct stat st;

	memset(big, 'x', sizeof big);
	umask(022);
	CHECK_INT(fileio_mkdir_parents(path, 0700, &failed), 0);
	CHECK(failed == NULL);
	CHECK_INT(fileio_replace(path, big, sizeof big, 0600), 0);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	got = fileio_read_file(path, sizeof big, &len);
	CHECK(got != NULL && len == sizeof big && memcmp(got, big, len) == 0);
	free(got);
	/* replaced whole, and no temporary file left beside it */
	CHECK_INT(fileio_replace(path, "new\n", 4, 0644), 0);
	got = fileio_read_file(path, 1 << 20, &len);
	CHECK_STR(got, "new\n");
	free(got);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
	got = xasprintf("%s/whole/deep", tmp);
	CHECK_INT(fixture_count_entries(got), 1);
	free(got);
	/* a read that stops past max says so by its length */
	got = fileio_read_file(path, 2, &len);
	CHECK(got != NULL && len > 2);
	free(got);
	CHECK(fileio_read_file("/nonexistent/limber", 10, &len) == NULL);
	/* written in full to a pipe that takes it in pieces */
	{
		int fd[2];

		CHECK(pipe(fd) == 0);
		CHECK_INT(fileio_write_all(fd[1], "abc", 3), 0);
		close(fd[1]);
		got = fileio_read_fd(fd[0], 10, &len);
		close(fd[0]);
		CHECK_STR(got, "abc");
		free(got);
	}
	/* only regular files open, a FIFO without waiting for a writer, and
	 * a link not at all when asked not to follow it */
	{
		char *fifo = xasprintf("%s/whole/fifo", tmp);
		char *link = xasprintf("%s/whole/link", tmp);
		const char *why = NULL;
		struct stat fst;
		int fd;

		CHECK(mkfifo(fifo, 0600) == 0);
		CHECK_INT(fileio_open_file(fifo, O_RDONLY, 0, &fst, &why), -1);
		CHECK_INT(errno, EINVAL);
		CHECK_STR(why, "it is a FIFO, not a regular file");
		CHECK_INT(fileio_open_file(fifo, O_WRONLY | O_APPEND, 0, NULL,
					   &why), -1);
		CHECK_STR(why, "it is a FIFO, not a regular file");
		CHECK(symlink(path, link) == 0);
		fd = fileio_open_file(link, O_RDONLY, 0, &fst, &why);
		CHECK(fd >= 0 && S_ISREG(fst.st_mode));
		if (fd >= 0) {
			CHECK_INT(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
			close(fd);
		}
		CHECK_INT(fileio_open_file(link, O_RDONLY | O_NOFOLLOW, 0, NULL,
					   &why), -1);
		CHECK(strncmp(why, "it is a symbolic link", 21) == 0);
		CHECK_INT(fileio_open_file(tmp, O_RDONLY, 0, NULL, &why), -1);
		CHECK_INT(errno, EISDIR);
		unlink(fifo);
		unlink(link);
		free(fifo);
		free(link);
	}
	/* replacing in a folder that is not there fails and says so */
	free(path);
	path = xasprintf("%s/none/f.txt", tmp);
	CHECK_INT(fileio_replace(path, "x", 1, 0600), -1);
	CHECK_INT(errno, ENOENT);
	free(path);
}

int
main(void)
{
	tmp = fixture_temp_dir("util");
	TEST_RUN(parse_long);
	TEST_RUN(strings);
	TEST_RUN(diagnostics);
	TEST_RUN(xdg_paths);
	TEST_RUN(mkdir_p);
	TEST_RUN(catalog);
	TEST_RUN(text_widths);
	TEST_RUN(text_ascii_stand_ins);
	TEST_RUN(files_whole);
	fixture_remove_tree(tmp);
	free(tmp);
	return t_done();
}
