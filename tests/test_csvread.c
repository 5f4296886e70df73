/* test_csvread.c - positions, quoting, comments, recovery and limits of
 * the CSV reader, and agreement with libcsv itself on random input. */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/csvread.h"
#include "fixture.h"
#include "core/csvsniff.h"
#include "core/csvtext.h"
#include "testlib.h"
#include "core/util.h"

/* ---- helpers ---------------------------------------------------------- */

/* What a read produced, as text: one line per record,
 * "INDEX@LINE: [text]LINE:COL[q] ...", then comments and diagnostics. */
struct got {
	struct strbuf recs;
	struct strbuf comments;
	struct diag_list d;
	int stop_after;		/* stop after this many records (0: never) */
	int nrecs;
	int rc;
};

static void
add_escaped(struct strbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			strbuf_adds(b, "\\n");
		else if (s[i] == '\r')
			strbuf_adds(b, "\\r");
		else
			strbuf_addc(b, s[i]);
	}
}

static int
got_record(void *ud, const struct csvread_record *rec)
{
	struct got *g = ud;

	strbuf_addf(&g->recs, "%ld@%ld:", rec->index, rec->line);
	for (size_t i = 0; i < rec->n; i++) {
		const struct csvread_field *f = &rec->f[i];

		strbuf_adds(&g->recs, " [");
		add_escaped(&g->recs, f->text, f->len);
		strbuf_addf(&g->recs, "]%ld:%ld%s", f->line, f->col,
			    f->quoted ? "q" : "");
		/* the text is NUL-terminated at len */
		if (strlen(f->text) != f->len)
			strbuf_adds(&g->recs, "<len mismatch>");
	}
	strbuf_addc(&g->recs, '\n');
	g->nrecs++;
	return g->stop_after && g->nrecs >= g->stop_after;
}

static void
got_comment(void *ud, const char *text, long line)
{
	struct got *g = ud;

	strbuf_addf(&g->comments, "%ld:[%s]\n", line, text);
}

static void
got_init(struct got *g, struct csvread *cfg, int comments)
{
	memset(g, 0, sizeof *g);
	diag_init(&g->d);
	memset(cfg, 0, sizeof *cfg);
	cfg->file = "t.csv";
	cfg->diags = &g->d;
	cfg->record = got_record;
	cfg->comment = comments ? got_comment : NULL;
	cfg->ud = g;
}

static void
got_free(struct got *g)
{
	strbuf_free(&g->recs);
	strbuf_free(&g->comments);
	diag_free(&g->d);
}

/* All diagnostics, one per line. */
static char *
diags_text(const struct diag_list *d)
{
	struct strbuf b = { 0 };

	for (size_t i = 0; i < d->n; i++) {
		char *s = diag_format(&d->v[i]);

		strbuf_adds(&b, s);
		strbuf_addc(&b, '\n');
		free(s);
	}
	return strbuf_take(&b);
}

static const char *
recs(struct got *g)
{
	return g->recs.s ? g->recs.s : "";
}

static const char *
comments(struct got *g)
{
	return g->comments.s ? g->comments.s : "";
}

/* Read a string with default limits; comments on when asked. */
static void
read_str(struct got *g, const char *s, int with_comments)
{
	struct csvread cfg;

	got_init(g, &cfg, with_comments);
	g->rc = csvread_buffer(&cfg, s, strlen(s));
}

static void
read_mem(struct got *g, const char *s, size_t n)
{
	struct csvread cfg;

	got_init(g, &cfg, 0);
	g->rc = csvread_buffer(&cfg, s, n);
}

/* Check a read against expected records and diagnostics. */
static void
expect(const char *in, int with_comments, int rc, const char *want_recs,
       const char *want_diags)
{
	struct got g;
	char *dt;

	read_str(&g, in, with_comments);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, rc);
	CHECK_STR(recs(&g), want_recs);
	CHECK_STR(dt, want_diags);
	free(dt);
	got_free(&g);
}

static char *tmpdir;

static char *
write_tmp(const char *name, const char *data, size_t n)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *fp = fopen(path, "wb");

	if (fp == NULL || fwrite(data, 1, n, fp) != n || fclose(fp) != 0) {
		printf("# cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return path;
}

/* ---- well-formed input ------------------------------------------------ */

static void
test_basic(void)
{
	expect("a,b\nc,d\n", 0, 0,
	       "0@1: [a]1:1 [b]1:3\n"
	       "1@2: [c]2:1 [d]2:3\n", "");
	/* no final line ending */
	expect("a,b\nc,d", 0, 0,
	       "0@1: [a]1:1 [b]1:3\n"
	       "1@2: [c]2:1 [d]2:3\n", "");
	expect("", 0, 0, "", "");
	expect("\n\n", 0, 0, "", "");
	expect("solo", 0, 0, "0@1: [solo]1:1\n", "");
}

static void
test_quoting(void)
{
	/* quoted commas, doubled quotes, empty quoted field */
	expect("x,\"a,b\",\"say \"\"hi\"\"\",\"\"\n", 0, 0,
	       "0@1: [x]1:1 [a,b]1:3q [say \"hi\"]1:9q []1:22q\n", "");
	/* a quoted field over three lines: the next record knows its line */
	expect("a,\"one\ntwo\nthree\",z\nnext,row\n", 0, 0,
	       "0@1: [a]1:1 [one\\ntwo\\nthree]1:3q [z]3:8\n"
	       "1@4: [next]4:1 [row]4:6\n", "");
	/* a record that starts with a multi-line field */
	expect("\"a\nb\",c\nd\n", 0, 0,
	       "0@1: [a\\nb]1:1q [c]2:4\n"
	       "1@3: [d]3:1\n", "");
	/* blanks around a quoted field are not part of it; inside they are */
	expect("  \"  q \"  ,x\n", 0, 0, "0@1: [  q ]1:3q [x]1:12\n", "");
}

static void
test_line_endings(void)
{
	expect("a,b\r\nc,d\r\n", 0, 0,
	       "0@1: [a]1:1 [b]1:3\n"
	       "1@2: [c]2:1 [d]2:3\n", "");
	/* CRLF inside a quoted field is kept and counted as one line */
	expect("x,\"1\r\n2\"\r\ny,z\r\n", 0, 0,
	       "0@1: [x]1:1 [1\\r\\n2]1:3q\n"
	       "1@3: [y]3:1 [z]3:3\n", "");
	/* a lone CR ends a line too, as it does for libcsv */
	expect("a\rb\r\rc\n", 0, 0,
	       "0@1: [a]1:1\n1@2: [b]2:1\n2@4: [c]4:1\n", "");
	/* mixed endings */
	expect("a\nb\r\nc\n", 0, 0,
	       "0@1: [a]1:1\n1@2: [b]2:1\n2@3: [c]3:1\n", "");
}

static void
test_bom(void)
{
	/* the BOM is dropped and does not shift columns */
	expect("\xef\xbb\xbf" "a,b\nc\n", 0, 0,
	       "0@1: [a]1:1 [b]1:3\n1@2: [c]2:1\n", "");
	expect("\xef\xbb\xbf" "# t\nh\n", 1, 0, "0@2: [h]2:1\n", "");
	/* only at the very start */
	expect("a,\xef\xbb\xbf" "b\n", 0, 0, "0@1: [a]1:1 [\xef\xbb\xbf" "b]1:3\n",
	       "");
}

static void
test_blank_lines_and_blanks(void)
{
	expect("\n\na,b\n   \n\t\n\r\nc,d\n\n", 0, 0,
	       "0@3: [a]3:1 [b]3:3\n"
	       "1@7: [c]7:1 [d]7:3\n", "");
	/* blanks around unquoted text are trimmed; the field starts at its
	 * first non-blank byte */
	expect("  a b ,\t c\n", 0, 0, "0@1: [a b]1:3 [c]1:10\n", "");
	/* empty fields start where their cell starts */
	expect("a,,b,\n,x\n", 0, 0,
	       "0@1: [a]1:1 []1:3 [b]1:4 []1:6\n"
	       "1@2: []2:1 [x]2:2\n", "");
	expect("a,  ,b\n", 0, 0, "0@1: [a]1:1 []1:3 [b]1:6\n", "");
	/* a trailing empty field at the end of the input */
	expect("a,", 0, 0, "0@1: [a]1:1 []1:3\n", "");
}

static void
test_utf8_text(void)
{
	/* columns count bytes */
	expect("\xc3\xa9,\xe6\x97\xa5\xe6\x9c\xac,\xf0\x9f\x98\x80,x\n", 0, 0,
	       "0@1: [\xc3\xa9]1:1 [\xe6\x97\xa5\xe6\x9c\xac]1:4 "
	       "[\xf0\x9f\x98\x80]1:11 [x]1:16\n", "");
}

static void
test_comments(void)
{
	struct got g;

	read_str(&g, "# title: Core\r\n#second\n\n#\na,b\n# not one\n", 1);
	CHECK_INT(g.rc, 0);
	CHECK_STR(comments(&g), "1:[ title: Core]\n2:[second]\n4:[]\n");
	CHECK_STR(recs(&g), "0@5: [a]5:1 [b]5:3\n1@6: [# not one]6:1\n");
	got_free(&g);
	/* without a comment callback they are data */
	read_str(&g, "#x,y\na\n", 0);
	CHECK_STR(recs(&g), "0@1: [#x]1:1 [y]1:4\n1@2: [a]2:1\n");
	got_free(&g);
	/* a comment at the end of the input without a line ending */
	read_str(&g, "#only", 1);
	CHECK_INT(g.rc, 0);
	CHECK_STR(comments(&g), "1:[only]\n");
	CHECK_STR(recs(&g), "");
	got_free(&g);
	/* an indented '#' is not a comment; nor is one after a record that
	 * was dropped for a syntax error */
	read_str(&g, "  #a\n", 1);
	CHECK_STR(comments(&g), "");
	CHECK_STR(recs(&g), "0@1: [#a]1:3\n");
	got_free(&g);
	read_str(&g, "a\"b\n#c\n", 1);
	CHECK_STR(comments(&g), "");
	CHECK_STR(recs(&g), "1@2: [#c]2:1\n");
	got_free(&g);
	/* a quote inside a comment is not CSV */
	read_str(&g, "# it's \"quoted\n\"h\"\n", 1);
	CHECK_STR(comments(&g), "1:[ it's \"quoted]\n");
	CHECK_STR(recs(&g), "0@2: [h]2:1q\n");
	CHECK_INT(g.d.n, 0);
	got_free(&g);
}

/* ---- syntax errors and recovery --------------------------------------- */

static void
test_stray_quote(void)
{
	expect("a,b\"c,d\ne,f\n", 0, 0,
	       "1@2: [e]2:1 [f]2:3\n",
	       "t.csv:1:4: error: stray quote in an unquoted field; quote the "
	       "whole field and double the quote (\"\")\n");
}

static void
test_after_closing_quote(void)
{
	expect("\"ab\"c,d\nx\n", 0, 0, "1@2: [x]2:1\n",
	       "t.csv:1:5: error: expected a comma or the end of the line "
	       "after a closing quote; a quote inside a quoted field must be "
	       "doubled (\"\")\n");
	/* a quote after blanks after a closing quote */
	expect("\"a\" \"\nx\n", 0, 0, "1@2: [x]2:1\n",
	       "t.csv:1:5: error: expected a comma or the end of the line "
	       "after a closing quote; a quote inside a quoted field must be "
	       "doubled (\"\")\n");
	/* the error is on a later line than the quote that opened the field:
	 * the message says where it began, reading resumes after it */
	expect("a,\"1\n2\"x,y\nz\n", 0, 0, "1@3: [z]3:1\n",
	       "t.csv:2:3: error: expected a comma or the end of the line "
	       "after a closing quote; a quote inside a quoted field must be "
	       "doubled (\"\") (the quoted field began on line 1)\n");
}

static void
test_unterminated(void)
{
	expect("a,b\nc,\"open\nmore,\n", 0, 0, "0@1: [a]1:1 [b]1:3\n",
	       "t.csv:2:3: error: unterminated quoted field (the quote opened "
	       "here is never closed)\n");
	expect("\"", 0, 0, "",
	       "t.csv:1:1: error: unterminated quoted field (the quote opened "
	       "here is never closed)\n");
}

/* The rest of a file read before: numbered from first_line, messages
 * included, and a byte-order mark there is just bytes. */
static void
test_first_line(void)
{
	struct got g;
	struct csvread cfg;
	const char *in = "a,\"b\nc\",d\ne,\"f\n";
	char *dt;

	got_init(&g, &cfg, 0);
	cfg.first_line = 41;
	g.rc = csvread_buffer(&cfg, in, strlen(in));
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, 0);
	CHECK_STR(recs(&g), "0@41: [a]41:1 [b\\nc]41:3q [d]42:4\n");
	CHECK_STR(dt, "t.csv:43:3: error: unterminated quoted field (the "
		  "quote opened here is never closed)\n");
	free(dt);
	got_free(&g);

	got_init(&g, &cfg, 0);
	cfg.first_line = 7;
	g.rc = csvread_buffer(&cfg, "\xef\xbb\xbfx,y\n", 6);
	CHECK_INT(g.rc, 0);
	CHECK_INT(g.d.n, 0);
	CHECK(strncmp(recs(&g), "0@7: [\xef\xbb\xbfx]7:1 [y]", 14) == 0);
	got_free(&g);
}

static void
test_every_error_reported(void)
{
	/* three bad lines, good ones around them: all three reported with
	 * their lines, the good records still delivered with their lines */
	expect("h1,h2\n"
	       "a\"b,1\n"
	       "ok,2\n"
	       "\"x\"y,3\n"
	       "\"multi\nline\",4\n"
	       "c,d\"\n"
	       "last,5\n", 0, 0,
	       "0@1: [h1]1:1 [h2]1:4\n"
	       "2@3: [ok]3:1 [2]3:4\n"
	       "4@5: [multi\\nline]5:1q [4]6:7\n"
	       "6@8: [last]8:1 [5]8:6\n",
	       "t.csv:2:2: error: stray quote in an unquoted field; quote the "
	       "whole field and double the quote (\"\")\n"
	       "t.csv:4:4: error: expected a comma or the end of the line "
	       "after a closing quote; a quote inside a quoted field must be "
	       "doubled (\"\")\n"
	       "t.csv:7:4: error: stray quote in an unquoted field; quote the "
	       "whole field and double the quote (\"\")\n");
	/* two errors on one line: only the first, the rest of it is skipped */
	expect("a\"b,c\"d\ne\n", 0, 0, "1@2: [e]2:1\n",
	       "t.csv:1:2: error: stray quote in an unquoted field; quote the "
	       "whole field and double the quote (\"\")\n");
	/* CRLF after an error */
	expect("a\"\r\nb\r\n", 0, 0, "1@2: [b]2:1\n",
	       "t.csv:1:2: error: stray quote in an unquoted field; quote the "
	       "whole field and double the quote (\"\")\n");
}

/* ---- not text ---------------------------------------------------------- */

static void
test_not_text(void)
{
	expect("a,b\nc,\xff\n", 0, -1, "0@1: [a]1:1 [b]1:3\n",
	       "t.csv:2:3: error: not UTF-8 text: byte 0xff\n");
	/* Latin-1: the lead byte is named, where it stands */
	expect("caf\xe9,x\n", 0, -1, "",
	       "t.csv:1:4: error: not UTF-8 text: byte 0xe9\n");
	/* overlong forms, a surrogate, beyond U+10FFFF, a lone continuation */
	expect("\xc0\x80", 0, -1, "", "t.csv:1:1: error: not UTF-8 text: byte 0xc0\n");
	expect("x\xe0\x80\x80", 0, -1, "",
	       "t.csv:1:2: error: not UTF-8 text: byte 0xe0\n");
	expect("\xed\xa0\x80", 0, -1, "", "t.csv:1:1: error: not UTF-8 text: byte 0xed\n");
	expect("\xf4\x90\x80\x80", 0, -1, "",
	       "t.csv:1:1: error: not UTF-8 text: byte 0xf4\n");
	expect("\xf0\x8f\xbf\xbf", 0, -1, "",
	       "t.csv:1:1: error: not UTF-8 text: byte 0xf0\n");
	expect("ab\x80", 0, -1, "", "t.csv:1:3: error: not UTF-8 text: byte 0x80\n");
	/* the input ends in the middle of a sequence */
	expect("a\n\xe2\x82", 0, -1, "0@1: [a]1:1\n",
	       "t.csv:2:1: error: not UTF-8 text: byte 0xe2 (the input ends "
	       "inside a UTF-8 sequence)\n");
	/* control bytes, also inside comments and quoted fields */
	expect("# x\x07\n", 1, -1, "", "t.csv:1:4: error: not text: control byte 0x07\n");
	expect("\"a\x1b\"", 0, -1, "", "t.csv:1:3: error: not text: control byte 0x1b\n");
	/* DEL, and C1 controls (valid UTF-8, but CSI to some terminals) */
	expect("a\x7f\n", 0, -1, "", "t.csv:1:2: error: not text: control byte 0x7f\n");
	expect("a,\"b\xc2\x9b\"\n", 0, -1, "",
	       "t.csv:1:5: error: not text: control character U+009B\n");
	expect("\xc2\xa0x,\xc2\xbfy\n", 0, 0, "0@1: [\xc2\xa0x]1:1 [\xc2\xbfy]1:5\n", "");
	/* NUL, also after a syntax error, where the rest of a line is skipped */
	{
		static const char nul[] = "a\"b\0c\n";
		struct got g;
		char *dt;

		read_mem(&g, nul, sizeof nul - 1);
		dt = diags_text(&g.d);
		CHECK_INT(g.rc, -1);
		CHECK_STR(dt, "t.csv:1:2: error: stray quote in an unquoted field; "
			  "quote the whole field and double the quote (\"\")\n"
			  "t.csv:1:4: error: not text: byte 0x00 (NUL)\n");
		free(dt);
		got_free(&g);
	}
}

/* skip_bad_lines: a bad byte or an over-long field costs its line only. */
static void
skip_read(struct got *g, const char *s, size_t n, size_t max_field)
{
	struct csvread cfg;

	got_init(g, &cfg, 0);
	cfg.skip_bad_lines = 1;
	cfg.max_field = max_field;
	g->rc = csvread_buffer(&cfg, s, n);
}

static void
test_skip_bad_lines(void)
{
	static const char zeros[] = "a,b\nc,d\n\0\0\0\0";
	struct got g;
	char *dt;

	/* Latin-1 in the middle: that record is dropped (its number stays
	 * used), the lines around it are read, one error for the line */
	skip_read(&g, "a,b\ncaf\xe9,\xe9\nd,e\n", 15, 0);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, 0);
	CHECK_STR(recs(&g), "0@1: [a]1:1 [b]1:3\n2@3: [d]3:1 [e]3:3\n");
	CHECK_STR(dt, "t.csv:2:4: error: not UTF-8 text: byte 0xe9\n");
	free(dt);
	got_free(&g);

	/* a sequence cut by a line ending: the next line is still read */
	skip_read(&g, "x\xc3\ny\n", 5, 0);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, 0);
	CHECK_STR(recs(&g), "1@2: [y]2:1\n");
	CHECK_STR(dt, "t.csv:1:2: error: not UTF-8 text: byte 0xc3\n");
	free(dt);
	got_free(&g);

	/* the zeros a power cut leaves at the end of a file */
	skip_read(&g, zeros, sizeof zeros - 1, 0);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, 0);
	CHECK_STR(recs(&g), "0@1: [a]1:1 [b]1:3\n1@2: [c]2:1 [d]2:3\n");
	CHECK_STR(dt, "t.csv:3:1: error: not text: byte 0x00 (NUL)\n");
	free(dt);
	got_free(&g);

	/* an over-long field, quoted or not; the input ends inside UTF-8 */
	skip_read(&g, "ok\nx,123456789,y\n\"123456789\"\nz\n\xe2\x82", 33, 8);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, 0);
	CHECK_STR(recs(&g), "0@1: [ok]1:1\n3@4: [z]4:1\n");
	CHECK_STR(dt, "t.csv:2:3: error: field is longer than 8 bytes\n"
		  "t.csv:3:1: error: field is longer than 8 bytes\n"
		  "t.csv:5:1: error: not UTF-8 text: byte 0xe2 (the input "
		  "ends inside a UTF-8 sequence)\n");
	free(dt);
	got_free(&g);
}

/* ---- limits ------------------------------------------------------------ */

/* ---- what spreadsheets save -------------------------------------------- */

/* Read as a routine is: header_word "exercise", comments on. */
static void
expect_sheet(const char *in, const char *want_recs, const char *want_comments,
	     const char *want_diags, char want_sep)
{
	struct csvread cfg;
	struct got g;
	char sep = 0, *dt;

	got_init(&g, &cfg, 1);
	cfg.header_word = "exercise";
	cfg.found_sep = &sep;
	g.rc = csvread_buffer(&cfg, in, strlen(in));
	dt = diags_text(&g.d);
	CHECK_STR(recs(&g), want_recs);
	CHECK_STR(comments(&g), want_comments);
	CHECK_STR(dt, want_diags);
	CHECK_INT(sep, want_sep);
	free(dt);
	got_free(&g);
}

static void
test_sniff_separator(void)
{
	CHECK_INT(csvsniff_separator("exercise;sets\n", 14, "exercise"), ';');
	CHECK_INT(csvsniff_separator("exercise\tsets\n", 14, "exercise"), '\t');
	CHECK_INT(csvsniff_separator("exercise,sets\n", 14, "exercise"), ',');
	CHECK_INT(csvsniff_separator("exercise\n", 9, "exercise"), ',');
	CHECK_INT(csvsniff_separator("", 0, "exercise"), ',');
	/* comments, blank lines and padding rows come before the header */
	{
		static const char s[] = "\xef\xbb\xbf# a, b, c\n\n;;;\n"
					"Exercise;Hold (s)\n";

		CHECK_INT(csvsniff_separator(s, sizeof s - 1, "exercise"), ';');
	}
	/* the separator that isolates the word wins over a commoner one */
	CHECK_INT(csvsniff_separator("exercise;a,b,c,d\n", 17, "exercise"), ';');
	CHECK_INT(csvsniff_separator("x;exercise,a,b\n", 15, "exercise"), ',');
	/* separators inside quotes do not count */
	CHECK_INT(csvsniff_separator("\"a;b;c\",exercise\n", 18, "exercise"),
		  ',');
	/* without the word: the commonest */
	CHECK_INT(csvsniff_separator("a;b;c,d\n", 8, "exercise"), ';');
}

static void
test_sheet_separators(void)
{
	expect_sheet("# title: Core;;;\nexercise;sets\nPlank;2\n",
		     "0@2: [exercise]2:1 [sets]2:10\n1@3: [Plank]3:1 [2]3:7\n",
		     "1:[ title: Core]\n", "", ';');
	expect_sheet("exercise\tsets\nPlank\t 2\n\"a\tb\"\t3\n",
		     "0@1: [exercise]1:1 [sets]1:10\n1@2: [Plank]2:1 [2]2:8\n"
		     "2@3: [a\tb]3:1q [3]3:7\n", "", "", '\t');
	/* a comma inside a ';' file is text */
	expect_sheet("exercise;cue\nPlank;Slow, steady\n",
		     "0@1: [exercise]1:1 [cue]1:10\n"
		     "1@2: [Plank]2:1 [Slow, steady]2:7\n", "", "", ';');
	/* the messages name the file's separator */
	expect_sheet("exercise;cue\n\"a\"b;c\n", "0@1: [exercise]1:1 [cue]1:10\n",
		     "", "t.csv:2:4: error: expected a semicolon or the end of "
		     "the line after a closing quote; a quote inside a quoted "
		     "field must be doubled (\"\")\n", ';');
	/* without header_word: commas, as before */
	expect("exercise;sets\n", 0, 0, "0@1: [exercise;sets]1:1\n", "");
}

static void
test_sheet_padding(void)
{
	/* rows of separators and blanks go, at no index; comments anywhere,
	 * quoted by the spreadsheet or not; the lines keep their numbers */
	expect_sheet("# title: Core stability,,,,\n,,,\nexercise,sets,cue\n"
		     ",,\nPlank,2,\n , ,\t\n# between rows,,\n"
		     "\"# a note, quoted\",,\nBridge,3,x\n",
		     "0@3: [exercise]3:1 [sets]3:10 [cue]3:15\n"
		     "1@5: [Plank]5:1 [2]5:7 []5:9\n"
		     "2@9: [Bridge]9:1 [3]9:8 [x]9:10\n",
		     "1:[ title: Core stability]\n7:[ between rows]\n"
		     "8:[ a note, quoted]\n", "", ',');
	/* a quoted empty cell is data, not padding */
	expect_sheet("exercise,sets\n\"\",\n",
		     "0@1: [exercise]1:1 [sets]1:10\n1@2: []2:1q []2:4\n", "",
		     "", ',');
	/* '#' not in the first column is data */
	expect_sheet("exercise\n #1\n", "0@1: [exercise]1:1\n1@2: [#1]2:2\n",
		     "", "", ',');
}

static void
test_sheet_cp1252(void)
{
	/* named with its character, advice once, then the bare fact */
	expect_sheet("exercise;cue\nCaf\xe9;x\n", "0@1: [exercise]1:1 [cue]1:10\n",
		     "", "t.csv:2:4: error: not UTF-8 text: byte 0xe9 (\"\xc3\xa9\""
		     CSVTEXT_CP1252_SAYS "\n", ';');
	CHECK(csvtext_cp1252("Caf\xe9 \x96 cr\xe8me", 12));
	/* undefined in Windows-1252, control bytes, or UTF-8 with a bad
	 * byte: not Windows-1252 */
	CHECK(!csvtext_cp1252("a\x81", 2));
	CHECK(!csvtext_cp1252("\xe9\x01", 2));
	CHECK(!csvtext_cp1252("caf\xc3\xa9 cr\xe8me", 13));
	CHECK(!csvtext_cp1252("plain", 5));
	{
		char ch[5];

		csvtext_cp1252_char(0x96, ch);
		CHECK_STR(ch, "\xe2\x80\x93");	/* en dash */
		csvtext_cp1252_char(0xe9, ch);
		CHECK_STR(ch, "\xc3\xa9");
		csvtext_cp1252_char(0x81, ch);
		CHECK_STR(ch, "");
	}
}

static void
test_max_field(void)
{
	struct csvread cfg;
	struct got g;
	char *dt;

	got_init(&g, &cfg, 0);
	cfg.max_field = 8;
	/* exactly 8 bytes, plain or quoted (a doubled quote counts once) */
	g.rc = csvread_buffer(&cfg, "12345678,\"ab\"\"cd\"\"e\"\n", 21);
	CHECK_INT(g.rc, 0);
	CHECK_STR(recs(&g), "0@1: [12345678]1:1 [ab\"cd\"e]1:10q\n");
	CHECK_INT(g.d.n, 0);
	got_free(&g);

	got_init(&g, &cfg, 0);
	cfg.max_field = 8;
	g.rc = csvread_buffer(&cfg, "ok\nx,123456789,y\n", 17);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, -1);
	CHECK_STR(recs(&g), "0@1: [ok]1:1\n");
	CHECK_STR(dt, "t.csv:2:3: error: field is longer than 8 bytes\n");
	free(dt);
	got_free(&g);

	got_init(&g, &cfg, 0);
	cfg.max_field = 8;
	g.rc = csvread_buffer(&cfg, " \"12\n45678\n\"", 12);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, -1);
	CHECK_STR(dt, "t.csv:1:2: error: field is longer than 8 bytes\n");
	free(dt);
	got_free(&g);

	/* a comment line is held to the same limit */
	got_init(&g, &cfg, 1);
	cfg.max_field = 8;
	g.rc = csvread_buffer(&cfg, "#12345678\n#123456789\n", 21);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, -1);
	CHECK_STR(comments(&g), "1:[12345678]\n");
	CHECK_STR(dt, "t.csv:2:1: error: comment line is longer than 8 bytes\n");
	free(dt);
	got_free(&g);
}

static long
max_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* A 50 MB field in a file is refused after reading little of it. */
static void
test_huge_field_bounded(void)
{
	char *path = xasprintf("%s/huge.csv", tmpdir);
	char block[64 * 1024];
	struct csvread cfg;
	struct got g;
	FILE *fp;
	char *dt;
	long before;

	/* written in blocks so that the test itself never holds 50 MB */
	fp = fopen(path, "wb");
	CHECK(fp != NULL);
	if (fp == NULL) {
		free(path);
		return;
	}
	memset(block, 'a', sizeof block);
	fputs("name,cue\nx,\"", fp);
	for (int i = 0; i < 800; i++)
		fwrite(block, 1, sizeof block, fp);
	CHECK_INT(fclose(fp), 0);
	before = max_rss_kb();
	got_init(&g, &cfg, 0);
	g.rc = csvread_file(&cfg, path);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, -1);
	CHECK_STR(dt, "t.csv:2:3: error: field is longer than 65536 bytes\n");
	/* nowhere near the 50 MB: the reader stopped at the limit */
	CHECK(max_rss_kb() - before < 20 * 1024);
	free(dt);
	got_free(&g);

	unlink(path);
	free(path);
}

static void
test_max_fields(void)
{
	struct csvread cfg;
	struct got g;
	char *dt;
	const char *in = "a,b,c\na,b,c,d\nx\n1,2,3,4";

	got_init(&g, &cfg, 0);
	cfg.max_fields = 3;
	g.rc = csvread_buffer(&cfg, in, strlen(in));
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, 0);
	CHECK_STR(recs(&g), "0@1: [a]1:1 [b]1:3 [c]1:5\n2@3: [x]3:1\n");
	CHECK_STR(dt, "t.csv:2:7: error: too many fields: a record may have at most 3\n"
		  "t.csv:4:7: error: too many fields: a record may have at most 3\n");
	free(dt);
	got_free(&g);

	/* the default: 1024 fields fit, 1025 do not */
	{
		struct strbuf b = { 0 };

		for (int i = 0; i < 1024; i++)
			strbuf_adds(&b, i ? ",x" : "x");
		strbuf_adds(&b, "\n");
		for (int i = 0; i < 1025; i++)
			strbuf_adds(&b, i ? ",y" : "y");
		strbuf_adds(&b, "\nz\n");
		got_init(&g, &cfg, 0);
		g.rc = csvread_buffer(&cfg, b.s, b.len);
		dt = diags_text(&g.d);
		CHECK_INT(g.rc, 0);
		CHECK_INT(g.nrecs, 2);
		CHECK_STR(dt, "t.csv:2:2049: error: too many fields: a record may "
			  "have at most 1024\n");
		free(dt);
		got_free(&g);
		strbuf_free(&b);
	}
}

static void
test_max_bytes(void)
{
	struct csvread cfg;
	struct got g;
	char *path, *dt;
	const char *in = "a,b\nc,d\ne,f\ng,h\ni,j\n";	/* 20 bytes */

	got_init(&g, &cfg, 0);
	cfg.max_bytes = 10;
	g.rc = csvread_buffer(&cfg, in, 20);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, -1);
	CHECK_STR(recs(&g), "");
	CHECK_STR(dt, "t.csv: error: too large: 20 bytes, more than the limit of 10\n");
	free(dt);
	got_free(&g);

	path = write_tmp("big.csv", in, 20);
	got_init(&g, &cfg, 0);
	cfg.max_bytes = 10;
	g.rc = csvread_file(&cfg, path);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, -1);
	CHECK_STR(recs(&g), "");
	CHECK_STR(dt, "t.csv: error: too large: 20 bytes, more than the limit of 10\n");
	free(dt);
	got_free(&g);

	/* at the limit is fine */
	got_init(&g, &cfg, 0);
	cfg.max_bytes = 20;
	g.rc = csvread_file(&cfg, path);
	CHECK_INT(g.rc, 0);
	CHECK_INT(g.nrecs, 5);
	got_free(&g);
	unlink(path);
	free(path);
}

/* ---- files ------------------------------------------------------------- */

static void
test_open_errors(void)
{
	struct csvread cfg;
	struct got g;
	char *dt;

	got_init(&g, &cfg, 0);
	cfg.file = NULL;	/* the path names the file */
	g.rc = csvread_file(&cfg, "/nonexistent/x.csv");
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, -1);
	CHECK_STR(dt, "/nonexistent/x.csv: error: cannot open: No such file or directory\n");
	CHECK_INT(g.d.v[0].line, 0);
	CHECK_INT(g.d.v[0].col, 0);
	CHECK_INT(g.d.v[0].sev, DIAG_ERROR);
	free(dt);
	got_free(&g);

	got_init(&g, &cfg, 0);
	g.rc = csvread_file(&cfg, tmpdir);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, -1);
	CHECK_STR(dt, "t.csv: error: cannot open: Is a directory\n");
	free(dt);
	got_free(&g);

	/* diags may be left NULL: problems still refuse the input */
	got_init(&g, &cfg, 0);
	cfg.diags = NULL;
	CHECK_INT(csvread_file(&cfg, "/nonexistent/x.csv"), -1);
	CHECK_INT(csvread_buffer(&cfg, "a\"\n", 3), 0);
	got_free(&g);
}

/* csvread_fd reads the file it is handed, from where it stands, whatever
 * its name leads to by then: the history is read through the descriptor
 * whose owner, mode and type were checked. */
static void
test_read_fd(void)
{
	char *a = write_tmp("fd-a.csv", "x,y\n1,2\n", 8);
	char *b = write_tmp("fd-b.csv", "other\n", 6);
	struct csvread cfg;
	struct got g;
	char *dt;
	int fd = open(a, O_RDONLY);

	CHECK(fd >= 0);
	CHECK(rename(b, a) == 0);	/* the name now leads elsewhere */
	got_init(&g, &cfg, 0);
	g.rc = csvread_fd(&cfg, fd);
	CHECK_INT(g.rc, 0);
	CHECK_STR(recs(&g), "0@1: [x]1:1 [y]1:3\n1@2: [1]2:1 [2]2:3\n");
	got_free(&g);

	/* from where it stands: the first line already read is not read */
	CHECK(lseek(fd, 4, SEEK_SET) == 4);
	got_init(&g, &cfg, 0);
	g.rc = csvread_fd(&cfg, fd);
	CHECK_INT(g.rc, 0);
	CHECK_STR(recs(&g), "0@1: [1]1:1 [2]1:3\n");
	got_free(&g);
	close(fd);

	/* a closed descriptor: an error naming cfg.file */
	got_init(&g, &cfg, 0);
	g.rc = csvread_fd(&cfg, fd);
	dt = diags_text(&g.d);
	CHECK_INT(g.rc, -1);
	CHECK_STR(dt, "t.csv: error: cannot read: Bad file descriptor\n");
	free(dt);
	got_free(&g);
	free(a);
	free(b);
}

static void
test_stop(void)
{
	struct csvread cfg;
	struct got g;

	got_init(&g, &cfg, 0);
	g.stop_after = 2;
	g.rc = csvread_buffer(&cfg, "a\nb\nc\nd\n", 8);
	CHECK_INT(g.rc, 0);
	CHECK_STR(recs(&g), "0@1: [a]1:1\n1@2: [b]2:1\n");
	got_free(&g);
	/* the same when the last record is finished by the end of input */
	got_init(&g, &cfg, 0);
	g.stop_after = 1;
	g.rc = csvread_buffer(&cfg, "a", 1);
	CHECK_INT(g.rc, 0);
	CHECK_STR(recs(&g), "0@1: [a]1:1\n");
	got_free(&g);
}

/* A file read in 64 KiB chunks gives what the same bytes in memory give,
 * with line endings, UTF-8 sequences, doubled quotes and BOM-less starts
 * falling across the chunk boundaries. */
static void
test_chunks_match_buffer(void)
{
	struct strbuf b = { 0 };
	static const char *const pieces[] = {
		"\r\n", "\xe6\x97\xa5", "\"q\"\"q\"", "\"multi\r\nline\"",
		"\xf0\x9f\x98\x80", "a\"b", "\"x\"y",
	};
	struct csvread cfg;
	struct got g1, g2;
	char *path, *d1, *d2;

	strbuf_adds(&b, "#c\nh1,h2\n");
	for (size_t k = 0; k < ARRAY_LEN(pieces); k++) {
		/* the piece starts half its length before the boundary */
		size_t start = (k + 1) * 65536 - strlen(pieces[k]) / 2;

		while (b.len + 16 < start)
			strbuf_addf(&b, "r%zu,v%zu\n", b.len % 97, b.len % 13);
		while (b.len < start - 1)
			strbuf_addc(&b, 'p');
		strbuf_addc(&b, ',');
		strbuf_adds(&b, pieces[k]);
		strbuf_adds(&b, ",end\n");
	}
	path = write_tmp("chunks.csv", b.s, b.len);
	got_init(&g1, &cfg, 1);
	g1.rc = csvread_file(&cfg, path);
	got_init(&g2, &cfg, 1);
	g2.rc = csvread_buffer(&cfg, b.s, b.len);
	d1 = diags_text(&g1.d);
	d2 = diags_text(&g2.d);
	CHECK_INT(g1.rc, 0);
	CHECK_INT(g2.rc, 0);
	CHECK(g1.nrecs > 1000);
	CHECK(strcmp(recs(&g1), recs(&g2)) == 0);
	CHECK_STR(comments(&g1), "1:[c]\n");
	CHECK_STR(d1, d2);
	/* the two bad pieces are reported */
	CHECK_INT(g1.d.errors, 2);
	free(d1);
	free(d2);
	got_free(&g1);
	got_free(&g2);
	unlink(path);
	free(path);
	strbuf_free(&b);
}

/* ---- agreement with libcsv --------------------------------------------- */

struct lib {
	struct strbuf out;
	int nf;
};

static void
lib_field(void *s, size_t len, void *ud)
{
	struct lib *l = ud;

	strbuf_addf(&l->out, "%s[", l->nf++ ? " " : "");
	add_escaped(&l->out, s, len);
	strbuf_adds(&l->out, "]");
}

static void
lib_row(int c, void *ud)
{
	struct lib *l = ud;

	(void)c;
	strbuf_addc(&l->out, '\n');
	l->nf = 0;
}

/* libcsv on its own: the records, or -1 and the offset of a mid-input
 * error, or -2 for an unterminated quote at the end. */
static int
lib_parse(const char *s, size_t n, struct lib *l, size_t *err_at)
{
	struct csv_parser p;
	size_t k;
	int rc = 0;

	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	k = csv_parse(&p, s, n, lib_field, lib_row, l);
	if (k < n) {
		*err_at = k;
		rc = -1;
	} else if (csv_fini(&p, lib_field, lib_row, l) != 0) {
		rc = -2;
	}
	csv_free(&p);
	return rc;
}

/* Our records without positions, for comparison with libcsv's. */
static int
plain_record(void *ud, const struct csvread_record *rec)
{
	struct lib *l = ud;

	for (size_t i = 0; i < rec->n; i++) {
		strbuf_addf(&l->out, "%s[", i ? " " : "");
		add_escaped(&l->out, rec->f[i].text, rec->f[i].len);
		strbuf_adds(&l->out, "]");
	}
	strbuf_addc(&l->out, '\n');
	return 0;
}

/* Line and column of byte off, counted independently: a line ends at LF,
 * CRLF or a lone CR. */
static void
pos_of(const char *s, size_t off, long *line, long *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\r' || s[i] == '\n') {
			if (s[i] == '\r' && s[i + 1] == '\n' && i + 1 < off)
				i++;
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

/* Offset of (line, col), the inverse of pos_of for bytes that are not the
 * LF of a CRLF. */
static long
off_of(const char *s, size_t n, long line, long col)
{
	long l = 1;
	size_t i = 0;

	while (l < line && i < n) {
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			i++;
		if (s[i] == '\r' || s[i] == '\n')
			l++;
		i++;
	}
	return l == line ? (long)i + col - 1 : -1;
}

struct posck {
	const char *s;
	size_t n;
	int bad;
};

/* Each field's position points at its opening quote or first byte. */
static int
check_positions(void *ud, const struct csvread_record *rec)
{
	struct posck *pc = ud;

	for (size_t i = 0; i < rec->n; i++) {
		const struct csvread_field *f = &rec->f[i];
		long off = off_of(pc->s, pc->n, f->line, f->col);

		if (off < 0 || (size_t)off > pc->n) {
			pc->bad = 1;
		} else if (f->quoted) {
			if (pc->s[off] != '"')
				pc->bad = 1;
		} else if (f->len > 0) {
			if (pc->s[off] != f->text[0])
				pc->bad = 1;
		} else if (off > 0 && pc->s[off - 1] != ',' &&
			   pc->s[off - 1] != '\n' && pc->s[off - 1] != '\r' &&
			   f->col != 1) {
			pc->bad = 1;	/* an empty cell starts after a comma */
		}
	}
	if (rec->n > 0 && rec->line != rec->f[0].line)
		pc->bad = 1;
	return 0;
}

static void
test_agrees_with_libcsv(void)
{
	/* one alphabet rich in quotes, one mostly plain */
	static const char *const alphabets[] = { "a\"\",,\n\r \tb",
						 "abc,,,\n\n \"\r\txyz" };
	unsigned seed = 12345;
	int compared = 0, errors = 0, mismatches = 0, badpos = 0, badmsg = 0;

	for (int round = 0; round < 20000; round++) {
		char s[48];
		size_t n;
		struct lib want = { { 0 }, 0 }, got = { { 0 }, 0 };
		struct csvread cfg;
		struct diag_list d;
		struct posck pc;
		size_t err_at = 0;
		int lrc, rc;

		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % (sizeof s - 1);
		for (size_t i = 0; i < n; i++) {
			const char *alphabet = alphabets[round % 2];

			seed = seed * 1103515245u + 12345u;
			s[i] = alphabet[(seed >> 16) % strlen(alphabet)];
		}
		s[n] = '\0';
		lrc = lib_parse(s, n, &want, &err_at);

		diag_init(&d);
		memset(&cfg, 0, sizeof cfg);
		cfg.diags = &d;
		cfg.record = plain_record;
		cfg.ud = &got;
		rc = csvread_buffer(&cfg, s, n);
		if (rc != 0)
			mismatches++;
		if (lrc == 0) {
			compared++;
			if (d.n != 0 || strcmp(want.out.s ? want.out.s : "",
					       got.out.s ? got.out.s : "") != 0)
				mismatches++;
		} else {
			long line, col;

			errors++;
			if (d.errors == 0) {
				mismatches++;
			} else if (lrc == -1) {
				/* the first error is where libcsv stopped */
				pos_of(s, err_at, &line, &col);
				if (d.v[0].line != line || d.v[0].col != col)
					badpos++;
				if (strstr(d.v[0].msg, "quote") == NULL)
					badmsg++;
			} else if (strstr(d.v[d.n - 1].msg, "unterminated") == NULL) {
				badmsg++;
			}
		}
		diag_free(&d);

		/* positions, checked against the bytes */
		diag_init(&d);
		pc.s = s;
		pc.n = n;
		pc.bad = 0;
		cfg.record = check_positions;
		cfg.ud = &pc;
		csvread_buffer(&cfg, s, n);
		if (pc.bad) {
			if (badpos < 3)
				printf("# bad position in \"%s\"\n", s);
			badpos++;
		}
		diag_free(&d);
		strbuf_free(&want.out);
		strbuf_free(&got.out);
	}
	printf("# %d inputs compared with libcsv, %d with errors\n", compared,
	       errors);
	CHECK(compared > 1000);
	CHECK(errors > 1000);
	CHECK_INT(mismatches, 0);
	CHECK_INT(badpos, 0);
	CHECK_INT(badmsg, 0);
}

int
main(void)
{
	tmpdir = fixture_temp_dir("csvread");
	TEST_RUN(test_basic);
	TEST_RUN(test_quoting);
	TEST_RUN(test_line_endings);
	TEST_RUN(test_bom);
	TEST_RUN(test_blank_lines_and_blanks);
	TEST_RUN(test_utf8_text);
	TEST_RUN(test_comments);
	TEST_RUN(test_stray_quote);
	TEST_RUN(test_after_closing_quote);
	TEST_RUN(test_unterminated);
	TEST_RUN(test_first_line);
	TEST_RUN(test_every_error_reported);
	TEST_RUN(test_not_text);
	TEST_RUN(test_skip_bad_lines);
	TEST_RUN(test_sniff_separator);
	TEST_RUN(test_sheet_separators);
	TEST_RUN(test_sheet_padding);
	TEST_RUN(test_sheet_cp1252);
	TEST_RUN(test_max_field);
	TEST_RUN(test_read_fd);
	TEST_RUN(test_huge_field_bounded);
	TEST_RUN(test_max_fields);
	TEST_RUN(test_max_bytes);
	TEST_RUN(test_open_errors);
	TEST_RUN(test_stop);
	TEST_RUN(test_chunks_match_buffer);
	TEST_RUN(test_agrees_with_libcsv);
	fixture_remove_tree(tmpdir);
	free(tmpdir);
	return t_done();
}
