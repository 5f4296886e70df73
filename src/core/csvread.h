/* csvread.h - RFC 4180 reading on top of libcsv, with positions.
 *
 * libcsv parses but knows nothing of lines, columns, comments or limits.
 * This module feeds it, tracks the line and column at which every record
 * and field starts (a record's line is where it starts, even when a quoted
 * field runs over several lines), skips the comment lines before the first
 * record, strips a UTF-8 byte-order mark, refuses binary or non-UTF-8 input
 * (naming UTF-16 and UTF-32 by their byte-order marks, and, with
 * header_word, Windows-1252 with advice on saving as UTF-8) and oversized
 * fields
 * with a diagnostic, and resumes after a syntax error
 * at the next line so every problem in a file is reported.
 *
 * libcsv runs in CSV_STRICT|CSV_STRICT_FINI|CSV_APPEND_NULL mode: a stray
 * or unterminated quote is an error, never a silently swallowed file.  A
 * record is handed on only when libcsv's end-of-row callback runs. */
#ifndef LIMBER_CSVREAD_H
#define LIMBER_CSVREAD_H

#include <stddef.h>

#include "core/diag.h"

struct csvread_field {
	const char *text;	/* NUL-terminated, unquoted */
	size_t len;
	long line, col;		/* where the field starts (1-based, col in bytes):
				 * its opening quote or first non-blank byte;
				 * for an empty field, where its cell starts */
	int quoted;
};

struct csvread_record {
	const struct csvread_field *f;
	size_t n;
	long line;		/* line on which the record starts */
	long index;		/* 0 for the first record (the header), 1, 2, ...;
				 * a record dropped for a syntax error keeps
				 * its number, so a gap shows it */
};

#define CSVREAD_DEFAULT_MAX_FIELD  (64 * 1024)	/* bytes in one field */
#define CSVREAD_DEFAULT_MAX_FIELDS 1024		/* fields in one record */
#define CSVREAD_DEFAULT_MAX_BYTES  (64L * 1024 * 1024)	/* whole input */

struct csvread {
	const char *file;		/* name used in diagnostics */
	struct diag_list *diags;	/* where problems go */
	size_t max_field;		/* 0: CSVREAD_DEFAULT_MAX_FIELD */
	size_t max_fields;		/* 0: CSVREAD_DEFAULT_MAX_FIELDS */
	long max_bytes;			/* 0: CSVREAD_DEFAULT_MAX_BYTES */
	/* Non-zero: a line that is not UTF-8 text, or holds a field longer
	 * than max_field, costs only that line: an error at its line, and
	 * reading goes on at the next, as after a syntax error.  Zero: the
	 * whole input is refused (return -1). */
	int skip_bad_lines;
	/* Lines starting with '#' before the first record (anywhere with
	 * header_word): called with the text after '#' (line ending
	 * removed) and its line.  When NULL, such lines are ordinary data. */
	void (*comment)(void *ud, const char *text, long line);
	/* Called for each complete record; return non-zero to stop reading. */
	int (*record)(void *ud, const struct csvread_record *rec);
	/* When not NULL, called as each record begins (at its first byte,
	 * before any of it is read), with the index it will have and its
	 * line, also for a record later dropped for an error; return
	 * non-zero to stop reading there.  This lets a caller bound how many
	 * records, and so how many diagnostics, an input can cost. */
	int (*record_start)(void *ud, long index, long line);
	void *ud;
	/* The line number of the input's first byte; 0 means 1.  Above 1
	 * the input is the rest of a file read before (the rows appended
	 * since): no byte-order mark or encoding check at its start. */
	long first_line;
	/* Input a spreadsheet may have saved, whose header line names this
	 * column (case-insensitive).  Non-NULL: the separator is ',', ';' or
	 * tab, as that line shows (csvsniff_separator); a line starting with
	 * '#' is a comment anywhere, its trailing separators and blanks
	 * removed, and so is a row whose first cell is a quoted "#..." and
	 * whose other cells are empty; a row of only separators and blanks
	 * is skipped; a file in Windows-1252 is named as such, with advice
	 * on saving it as UTF-8.  Skipped rows cost no record index, so record_start
	 * may see an index twice.  NULL: comma-separated, as written. */
	const char *header_word;
	/* When not NULL, receives the separator used. */
	char *found_sep;
};

/* Read a whole file or buffer, calling r->record for each record.  Returns
 * 0 when the input could be read to the end (there may still be
 * diagnostics for individual lines), -1 when it could not be read at all
 * (missing file, too large, not text), with the reason in r->diags. */
int csvread_file(const struct csvread *r, const char *path);
/* csvread_file of a file open as fd, read from where it stands to its end
 * (the caller keeps fd); r->file names it. */
int csvread_fd(const struct csvread *r, int fd);
int csvread_buffer(const struct csvread *r, const char *buf, size_t len);

#endif
