/* csvread.c - RFC 4180 reading on top of libcsv, with positions.
 *
 * libcsv does the unquoting.  Alongside it runs a mirror of its strict
 * state machine over the same bytes: the mirror knows where every field
 * starts, sees libcsv's strict errors coming (so they are reported at the
 * right line and column and reading resumes at the next line) and enforces
 * the limits before libcsv buffers anything.  libcsv is fed in runs that
 * end at each field's delimiter or line ending, so the callbacks it makes
 * during a run belong to the field the mirror has just closed; checking
 * that they do keeps the two in step. */
#include "config.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "core/csvread.h"
#include "core/csvreader.h"
#include "core/csvsniff.h"
#include "core/csvtext.h"

#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
#define CSV_BLOCK 4096		/* libcsv grows its field buffer by this */


static void clear_comment(struct reader *r);
static void deliver_comment_text(struct reader *r, const char *text,
				 long line);

/* With tab as the separator, only a space is a blank to libcsv. */
static int
space_not_tab(unsigned char c)
{
	return c == ' ';
}

static void
parser_start(struct reader *r)
{
	if (csv_init(&r->p, CSV_OPTIONS) != 0)
		abort();
	csv_set_realloc_func(&r->p, xrealloc);
	csv_set_blk_size(&r->p, CSV_BLOCK);
	csv_set_delim(&r->p, (unsigned char)r->sep);
	if (r->sep == '\t')
		csv_set_space_func(&r->p, space_not_tab);
	r->p_live = 1;
}

static void
parser_stop(struct reader *r)
{
	if (r->p_live)
		csv_free(&r->p);
	r->p_live = 0;
}

static void
on_field(void *s, size_t len, void *ud)
{
	struct reader *r = ud;
	struct field_slot *f;

	if (!r->want_field) {
		r->out_of_step = 1;
		return;
	}
	r->want_field = 0;
	util_grow(&r->slots, &r->slotcap, r->nslots, sizeof *r->slots);
	f = &r->slots[r->nslots++];
	f->off = r->text.len;
	f->len = len;
	f->at = r->f_at;
	f->quoted = r->f_quoted;
	strbuf_add(&r->text, s, len);
	strbuf_addc(&r->text, '\0');
}

static void
clear_record(struct reader *r)
{
	r->nslots = 0;
	r->text.len = 0;
	if (r->text.s != NULL)
		r->text.s[0] = '\0';
}

/* What a record is: data, or a spreadsheet's padding: a row of only
 * separators and blanks, or (comments) a "#..." cell the spreadsheet
 * quoted in column 1 with the rest of the row empty, which is a comment. */
enum padding { PAD_DATA, PAD_BLANK, PAD_COMMENT };

/* Is every field from the k-th on empty, or only blanks, and unquoted? */
static int
empty_from(const struct csvread_record *rec, size_t k)
{
	for (size_t i = k; i < rec->n; i++)
		if (rec->f[i].quoted ||
		    rec->f[i].text[strspn(rec->f[i].text, " \t")] != '\0')
			return 0;
	return 1;
}

static enum padding
padding(const struct csvread_record *rec, int comments)
{
	if (rec->n == 0 || empty_from(rec, 0))
		return PAD_BLANK;
	if (comments && rec->f[0].quoted && rec->f[0].col == 1 &&
	    rec->f[0].text[0] == '#' && empty_from(rec, 1))
		return PAD_COMMENT;
	return PAD_DATA;
}

static void
on_row(int c, void *ud)
{
	struct reader *r = ud;
	struct csvread_record rec;
	enum padding pad;

	(void)c;
	if (!r->want_row || r->want_field) {
		r->out_of_step = 1;
		return;
	}
	r->want_row = 0;
	if (r->nslots > r->outcap) {
		r->outcap = r->nslots;
		r->out = xreallocarray(r->out, r->outcap, sizeof *r->out);
	}
	for (size_t i = 0; i < r->nslots; i++) {
		r->out[i].text = r->text.s + r->slots[i].off;
		r->out[i].len = r->slots[i].len;
		r->out[i].line = r->slots[i].at.line;
		r->out[i].col = r->slots[i].at.col;
		r->out[i].quoted = r->slots[i].quoted;
	}
	rec.f = r->out;
	rec.n = r->nslots;
	rec.line = r->nslots ? r->slots[0].at.line : 0;
	/* a spreadsheet's padding costs no record index */
	pad = r->sheet ? padding(&rec, r->cfg->comment != NULL)
		       : PAD_DATA;
	if (pad == PAD_COMMENT)
		deliver_comment_text(r, rec.f[0].text + 1, rec.line);
	if (pad == PAD_DATA) {
		rec.index = r->index++;
		if (r->cfg->record != NULL &&
		    r->cfg->record(r->cfg->ud, &rec) != 0)
			r->stop = 1;
	}
	clear_record(r);
}

static int
lost_step(struct reader *r, struct pos at)
{
	diag_add(r->d, DIAG_ERROR, r->file, at.line, at.col,
		 "internal error: the CSV reader lost step with libcsv here");
	return -1;
}

/* Feed libcsv buf[from, to): all of it is taken, and exactly the
 * callbacks the mirror asked for (want_field, want_row) are made. */
static int
feed(struct reader *r, const unsigned char *buf, size_t from, size_t to,
     struct pos at)
{
	size_t k;

	if (from == NO_RUN || from >= to)
		return r->want_field || r->want_row ? lost_step(r, at) : 0;
	k = csv_parse(&r->p, buf + from, to - from, on_field, on_row, r);
	if (k != to - from || csv_error(&r->p) != CSV_SUCCESS ||
	    r->want_field || r->want_row || r->out_of_step)
		return lost_step(r, at);
	return 0;
}

/* Forget the record being read and start libcsv afresh. */
static void
drop_record(struct reader *r)
{
	clear_record(r);
	parser_stop(r);
	parser_start(r);
	r->nf = 0;
	r->started = 0;
	r->flen = 0;
	r->index++;
}

/* The mirror predicted a strict error at buf[i]: libcsv must stop there. */
static int
syntax_error(struct reader *r, const unsigned char *buf, size_t i,
	     struct pos here, const char *msg)
{
	size_t from = r->run == NO_RUN ? i : r->run;
	size_t k = csv_parse(&r->p, buf + from, i + 1 - from, on_field, on_row,
			     r);

	if (k != i - from || csv_error(&r->p) != CSV_EPARSE || r->out_of_step)
		return lost_step(r, here);
	if (r->quoted && r->start.line != here.line)
		diag_add(r->d, DIAG_ERROR, r->file, here.line, here.col,
			 "%s (the quoted field began on line %ld)", msg,
			 r->start.line);
	else
		diag_add(r->d, DIAG_ERROR, r->file, here.line, here.col, "%s",
			 msg);
	drop_record(r);
	r->st = ST_SKIP;
	r->run = NO_RUN;
	return 0;
}

/* The field ends at buf[i] (a delimiter, or a line ending when row_end). */
static int
close_field(struct reader *r, const unsigned char *buf, size_t i,
	    int row_end)
{
	struct pos at = r->started ? r->start : r->cell;

	if (r->nf >= r->max_fields) {
		diag_add(r->d, DIAG_ERROR, r->file, at.line, at.col,
			 "too many fields: a record may have at most %zu",
			 r->max_fields);
		drop_record(r);
		r->st = row_end ? ST_ROW : ST_SKIP;
		r->run = row_end ? i + 1 : NO_RUN;
		r->cell = r->at;
		return 0;
	}
	r->nf++;
	r->want_field = 1;
	r->want_row = row_end;
	r->f_at = at;
	r->f_quoted = r->started && r->quoted;
	if (feed(r, buf, r->run, i + 1, at) != 0)
		return -1;
	r->run = i + 1;
	r->started = 0;
	r->flen = 0;
	r->cell = r->at;
	if (row_end) {
		r->nf = 0;
		r->st = ST_ROW;
	} else {
		r->st = ST_GAP;
	}
	return r->stop ? 1 : 0;
}

/* The input is not text: say where and what, and refuse it (-1), or with
 * skip_bad_lines refuse its line (1; once per line). */
static int
not_text(struct reader *r, enum csvtext_verdict v, struct pos at,
	 unsigned char c)
{
	char *msg;

	r->u.need = 0;
	if (r->cfg->skip_bad_lines && r->st == ST_SKIP)
		return 1;
	msg = csvtext_message(v, c, r->sheet &&
			      csvtext_cp1252((const char *)r->chunk,
					      r->chunk_n), &r->cp1252_told);
	diag_add(r->d, DIAG_ERROR, r->file, at.line, at.col, "%s", msg);
	free(msg);
	return r->cfg->skip_bad_lines ? 1 : -1;
}

/* skip_bad_lines: forget the line being read up to its end. */
static void
skip_line(struct reader *r)
{
	if (r->st == ST_COMMENT)
		clear_comment(r);
	else if (r->st != ST_SKIP)
		drop_record(r);
	r->st = ST_SKIP;
	r->run = NO_RUN;
	r->u.need = 0;
}

/* Is c acceptable text here?  Returns 0 when it is, else what not_text
 * returns. */
static int
check_text(struct reader *r, unsigned char c, struct pos here)
{
	enum csvtext_verdict v;
	unsigned char bad;
	struct pos at;

	v = csvtext_byte(&r->u, c, here.line, here.col, &bad, &at.line,
			 &at.col);
	return v == CSVTEXT_OK ? 0 : not_text(r, v, at, bad);
}

static void
advance(struct reader *r, unsigned char c)
{
	if (c == '\n') {
		if (r->after_cr) {
			r->after_cr = 0;
		} else {
			r->at.line++;
			r->at.col = 1;
		}
	} else if (c == '\r') {
		r->at.line++;
		r->at.col = 1;
		r->after_cr = 1;
	} else {
		r->at.col++;
		r->after_cr = 0;
	}
}

static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static int
is_eol(unsigned char c)
{
	return c == '\n' || c == '\r';
}

static void
begin_field(struct reader *r, unsigned char c, struct pos here)
{
	r->any_record = 1;
	r->started = 1;
	r->start = here;
	r->quoted = c == '"';
	r->flen = r->quoted ? 0 : 1;
	r->st = r->quoted ? ST_QUOTED : ST_PLAIN;
}

static void
clear_comment(struct reader *r)
{
	r->comment.len = 0;
	if (r->comment.s != NULL)
		r->comment.s[0] = '\0';
}

/* A spreadsheet pads a comment's row with separators: they go, with
 * the blanks among them. */
static void
deliver_comment_text(struct reader *r, const char *text, long line)
{
	char *t = NULL;

	if (r->sheet)
		text = t = xstrndup(text, csvsniff_unpadded(text, r->sep));
	r->cfg->comment(r->cfg->ud, text, line);
	free(t);
}

static void
deliver_comment(struct reader *r)
{
	deliver_comment_text(r, r->comment.s ? r->comment.s : "",
			     r->comment_line);
	clear_comment(r);
}

/* A record begins at here: the caller may stop reading before it (1). */
static int
start_record(struct reader *r, struct pos here)
{
	if (r->cfg->record_start == NULL ||
	    r->cfg->record_start(r->cfg->ud, r->index, here.line) == 0)
		return 0;
	r->stop = 1;
	return 1;
}

static const char msg_stray[] =
	"stray quote in an unquoted field; quote the whole field and "
	"double the quote (\"\")";

/* How many of the first n bytes at p (at most max) are plain ASCII text
 * that changes nothing inside a field but its length and the column: not
 * a control byte, not a quote, and not the separator outside quotes. */
static size_t
text_run(const unsigned char *p, size_t n, size_t max, int quoted, char sep)
{
	size_t k = 0;

	if (n > max)
		n = max;
	while (k < n && p[k] >= 0x20 && p[k] < 0x7f && p[k] != '"' &&
	       (quoted || p[k] != (unsigned char)sep))
		k++;
	return k;
}

/* Run the mirror over one chunk.  Returns 0 to go on, 1 when the record
 * callback asked to stop, -1 when the input is refused. */
int
csvreader_scan(struct reader *r, const unsigned char *buf, size_t n)
{
	int rc;
	size_t k;

	r->run = r->st == ST_SKIP || r->st == ST_COMMENT ? NO_RUN : 0;
	r->chunk = buf;
	r->chunk_n = n;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = buf[i];
		struct pos here = r->at;

		/* Most bytes are text inside a field: take a run of them at
		 * once, short of the one that would pass max_field (the
		 * byte-by-byte path below reports that). */
		if ((r->st == ST_PLAIN || r->st == ST_QUOTED) &&
		    r->u.need == 0 && r->flen < r->max_field &&
		    (k = text_run(buf + i, n - i, r->max_field - r->flen,
				  r->st == ST_QUOTED, r->sep)) > 0) {
			r->at.col += (long)k;
			r->after_cr = 0;
			r->flen += k;
			i += k - 1;
			continue;
		}
		rc = check_text(r, c, here);
		if (rc < 0)
			return -1;
		if (rc > 0)
			skip_line(r);
		advance(r, c);
		rc = 0;
		switch (r->st) {
		case ST_SKIP:
			if (is_eol(c)) {
				r->st = ST_ROW;
				r->run = i + 1;
				r->cell = r->at;
			}
			break;
		case ST_COMMENT:
			if (is_eol(c)) {
				deliver_comment(r);
				r->st = ST_ROW;
				r->run = i + 1;
				r->cell = r->at;
			} else if (r->comment.len >= r->max_field) {
				diag_add(r->d, DIAG_ERROR, r->file,
					 r->comment_line, 1, "comment line is "
					 "longer than %zu bytes", r->max_field);
				if (!r->cfg->skip_bad_lines)
					return -1;
				skip_line(r);
			} else {
				strbuf_addc(&r->comment, (char)c);
			}
			break;
		case ST_ROW:
			if (c == '#' && here.col == 1 &&
			    (!r->any_record || r->sheet) &&
			    r->cfg->comment != NULL) {
				r->st = ST_COMMENT;
				r->run = NO_RUN;
				r->comment_line = here.line;
				clear_comment(r);
			} else if (is_eol(c)) {
				r->cell = r->at;
			} else if (c == r->sep) {
				r->any_record = 1;
				rc = start_record(r, here);
				if (rc == 0)
					rc = close_field(r, buf, i, 0);
			} else if (!is_blank(c)) {
				rc = start_record(r, here);
				if (rc == 0)
					begin_field(r, c, here);
			}
			break;
		case ST_GAP:
			if (is_eol(c) || c == r->sep)
				rc = close_field(r, buf, i, c != r->sep);
			else if (!is_blank(c))
				begin_field(r, c, here);
			break;
		case ST_PLAIN:
			if (c == '"')
				rc = syntax_error(r, buf, i, here, msg_stray);
			else if (is_eol(c) || c == r->sep)
				rc = close_field(r, buf, i, c != r->sep);
			else
				r->flen++;
			break;
		case ST_QUOTED:
			if (c == '"') {
				r->st = ST_QUOTE_END;
				r->qspaces = 0;
			} else {
				r->flen++;
			}
			break;
		case ST_QUOTE_END:
			if (is_eol(c) || c == r->sep) {
				rc = close_field(r, buf, i, c != r->sep);
			} else if (is_blank(c)) {
				r->qspaces++;
				r->flen++;
			} else if (c == '"' && r->qspaces == 0) {
				r->st = ST_QUOTED;	/* a doubled quote */
				r->flen++;
			} else {
				rc = syntax_error(r, buf, i, here,
						  r->msg_after_quote);
			}
			break;
		}
		if (rc != 0)
			return rc;
		if (r->flen > r->max_field) {
			diag_add(r->d, DIAG_ERROR, r->file, r->start.line,
				 r->start.col, "field is longer than %zu bytes",
				 r->max_field);
			if (!r->cfg->skip_bad_lines)
				return -1;
			skip_line(r);
		}
	}
	if (r->run != NO_RUN && r->run < n)
		return feed(r, buf, r->run, n, r->at);
	return 0;
}

/* The end of the input. */
int
csvreader_finish(struct reader *r)
{
	struct pos at;

	if (r->u.need > 0 && !(r->cfg->skip_bad_lines && r->st == ST_SKIP)) {
		diag_add(r->d, DIAG_ERROR, r->file, r->u.line, r->u.col,
			 "not UTF-8 text: byte 0x%02x (the input ends inside "
			 "a UTF-8 sequence)", (unsigned)r->u.lead);
		if (!r->cfg->skip_bad_lines)
			return -1;
		skip_line(r);
	}
	switch (r->st) {
	case ST_COMMENT:
		deliver_comment(r);
		break;
	case ST_ROW:
	case ST_SKIP:
		break;
	case ST_QUOTED:
		if (csv_fini(&r->p, on_field, on_row, r) != -1 ||
		    csv_error(&r->p) != CSV_EPARSE || r->out_of_step)
			return lost_step(r, r->start);
		diag_add(r->d, DIAG_ERROR, r->file, r->start.line,
			 r->start.col, "unterminated quoted field (the quote "
			 "opened here is never closed)");
		drop_record(r);
		break;
	case ST_GAP:
	case ST_PLAIN:
	case ST_QUOTE_END:
		at = r->started ? r->start : r->cell;
		if (r->nf >= r->max_fields) {
			diag_add(r->d, DIAG_ERROR, r->file, at.line, at.col,
				 "too many fields: a record may have at most %zu",
				 r->max_fields);
			drop_record(r);
			break;
		}
		r->want_field = r->want_row = 1;
		r->f_at = at;
		r->f_quoted = r->started && r->quoted;
		if (csv_fini(&r->p, on_field, on_row, r) != 0 ||
		    r->want_field || r->want_row || r->out_of_step)
			return lost_step(r, at);
		break;
	}
	return 0;
}

/* The separator, and the parser and messages that depend on it. */
static void
set_separator(struct reader *r, char sep)
{
	parser_stop(r);
	r->sep = sep;
	snprintf(r->msg_after_quote, sizeof r->msg_after_quote,
		 "expected a %s or the end of the line after a closing quote; "
		 "a quote inside a quoted field must be doubled (\"\")",
		 csvsniff_separator_name(sep));
	parser_start(r);
	if (r->cfg->found_sep != NULL)
		*r->cfg->found_sep = sep;
}

void
csvreader_init(struct reader *r, const struct csvread *cfg, const char *file,
	    struct diag_list *fallback)
{
	memset(r, 0, sizeof *r);
	r->cfg = cfg;
	r->file = file;
	r->d = cfg->diags ? cfg->diags : fallback;
	r->max_field = cfg->max_field ? cfg->max_field : CSVREAD_DEFAULT_MAX_FIELD;
	r->max_fields = cfg->max_fields ? cfg->max_fields
					: CSVREAD_DEFAULT_MAX_FIELDS;
	r->max_bytes = cfg->max_bytes > 0 ? cfg->max_bytes
					  : CSVREAD_DEFAULT_MAX_BYTES;
	r->at.line = cfg->first_line > 1 ? cfg->first_line : 1;
	r->at.col = 1;
	r->cell = r->at;
	r->st = ST_ROW;
	r->sheet = cfg->header_word != NULL;
	set_separator(r, ',');
}

void
csvreader_free(struct reader *r)
{
	parser_stop(r);
	free(r->slots);
	free(r->out);
	strbuf_free(&r->text);
	strbuf_free(&r->comment);
}

/* The start of a file (not a tail: first_line above 1): UTF-16 or UTF-32
 * with a byte-order mark is one clear error naming the encoding (-1),
 * rather than the first byte that is not UTF-8; a UTF-8 mark is skipped
 * (*skip); with header_word, the header line gives the separator. */
int
csvreader_start(struct reader *r, const unsigned char *buf, size_t n,
	    size_t *skip)
{
	const char *msg = util_bom_message(buf, n);

	*skip = 0;
	if (r->cfg->first_line > 1)
		return 0;
	if (msg != NULL) {
		diag_add(r->d, DIAG_ERROR, r->file, 1, 1, "%s", msg);
		return -1;
	}
	*skip = csvtext_bom(buf, n);
	if (r->cfg->header_word != NULL)
		set_separator(r, csvsniff_separator((const char *)buf + *skip,
						    n - *skip,
						    r->cfg->header_word));
	return 0;
}
