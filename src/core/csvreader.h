/* csvreader.h - the CSV reader's state, shared by csvread.c (the mirror
 * of libcsv that tracks positions and judges every byte) and csvinput.c
 * (which feeds it a buffer or a file).  Private to those two. */
#ifndef LIMBER_CSVREADER_H
#define LIMBER_CSVREADER_H

#include <csv.h>
#include <stddef.h>

#include "core/csvread.h"
#include "core/csvtext.h"

#define NO_RUN ((size_t)-1)	/* the bytes seen so far are not fed */

/* The mirror's states.  ROW, GAP, PLAIN, QUOTED and QUOTE_END are libcsv's
 * ROW_NOT_BEGUN, FIELD_NOT_BEGUN, FIELD_BEGUN (unquoted and quoted) and
 * FIELD_MIGHT_HAVE_ENDED; SKIP drops the rest of a line after an error;
 * COMMENT collects a comment line, which libcsv never sees. */
enum state { ST_ROW, ST_GAP, ST_PLAIN, ST_QUOTED, ST_QUOTE_END, ST_SKIP,
	     ST_COMMENT };

struct pos {
	long line, col;
};

/* A field of the record being built; the text lives in reader.text. */
struct field_slot {
	size_t off, len;
	struct pos at;
	int quoted;
};

struct reader {
	const struct csvread *cfg;
	const char *file;
	struct diag_list *d;
	size_t max_field, max_fields;
	long max_bytes;
	char sep;		/* the field separator */
	int sheet;		/* header_word set: spreadsheet padding */
	char msg_after_quote[160];

	/* The chunk being scanned, to judge its encoding by. */
	const unsigned char *chunk;
	size_t chunk_n;
	int cp1252_told;	/* the advice for Windows-1252 was given */

	struct csv_parser p;
	int p_live;

	/* Position of the next byte.  A CR starts a new line; an LF right
	 * after it does not start another. */
	struct pos at;
	int after_cr;

	enum state st;
	size_t run;		/* start of the bytes not yet fed, or NO_RUN */
	struct pos cell;	/* where the current cell begins */
	struct pos start;	/* where the current field's text begins */
	int started, quoted;	/* the field has text; it began with '"' */
	size_t flen;		/* bytes libcsv holds for the field */
	size_t qspaces;		/* blanks after a closing quote */
	size_t nf;		/* fields closed in the current record */
	int any_record;		/* a record has begun: no more comments */

	struct csvtext u;	/* the UTF-8 sequence being read */

	struct strbuf comment;
	long comment_line;

	/* What the mirror expects libcsv to call back during a run. */
	int want_field, want_row, out_of_step;
	struct pos f_at;
	int f_quoted;

	struct field_slot *slots;
	size_t nslots, slotcap;
	struct strbuf text;
	struct csvread_field *out;
	size_t outcap;
	long index;
	int stop;		/* the record callback asked to stop */
};

void csvreader_init(struct reader *r, const struct csvread *cfg,
		    const char *file, struct diag_list *fallback);
void csvreader_free(struct reader *r);
/* The start of the input (buf: its first bytes): the encoding its first
 * bytes show, the byte-order mark to skip (*skip), the separator.
 * Returns 0, or -1 when the input is refused (reported). */
int csvreader_start(struct reader *r, const unsigned char *buf, size_t n,
		    size_t *skip);
/* Run the mirror over one chunk.  Returns 0 to go on, 1 when the record
 * callback asked to stop, -1 when the input is refused. */
int csvreader_scan(struct reader *r, const unsigned char *buf, size_t n);
/* The end of the input: 0, or -1 when it is refused. */
int csvreader_finish(struct reader *r);

#endif
