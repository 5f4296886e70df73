/* ui_draw.c - text that fits, wrapping, lines, legends, bars, big digits. */
#include "config.h"

/* the wide-character calls (cchar_t, hline_set) */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/text.h"
#include "model/settings.h"
#include "tui/ui.h"
#include "tui/ui_draw.h"
#include "core/util.h"

/* How a character is drawn: as it is, as its ASCII stand-in (text_ascii,
 * without a UTF-8 locale), or as '?'. */
enum drawn { DRAWN_AS_IS, DRAWN_ASCII, DRAWN_UNKNOWN };

/* Columns a character takes (text_char_width's, or its stand-in's), and
 * how it is drawn. */
static int
char_width(uint32_t cp, enum drawn *how)
{
	const char *a;

	*how = DRAWN_UNKNOWN;
	if (cp < 0x20 || cp == 0x7f || cp == 0xfffd)
		return 1;
	if (cp < 0x80) {
		*how = DRAWN_AS_IS;
		return 1;
	}
	if (!ui_utf8() && (a = text_ascii(cp)) != NULL) {
		*how = DRAWN_ASCII;
		return (int)strlen(a);
	}
	if (!ui_utf8() || wcwidth((wchar_t)cp) < 0)
		return 1;
	*how = DRAWN_AS_IS;
	return text_char_width(cp);
}

int
ui_text_width(const char *s)
{
	int w = 0;

	if (ui_utf8())
		return text_width(s);
	while (*s != '\0') {
		uint32_t cp;
		enum drawn how;

		s += text_next_char(s, &cp);
		w += char_width(cp, &how);
	}
	return w;
}

/* Draw the characters of s that fit in maxw columns; returns the columns
 * drawn and sets *rest to where it stopped. */
static int
put_chars(const char *s, int maxw, const char **rest)
{
	const char *run = s;	/* printable characters not yet added */
	int w = 0;

	while (*s != '\0') {
		uint32_t cp;
		size_t len = text_next_char(s, &cp);
		enum drawn how;
		int cw = char_width(cp, &how);

		if (w + cw > maxw)
			break;
		if (how != DRAWN_AS_IS) {
			/* add the run so far in one call, then the stand-in */
			if (s > run)
				addnstr(run, (int)(s - run));
			addstr(how == DRAWN_ASCII ? text_ascii(cp) : "?");
			run = s + len;
		}
		w += cw;
		s += len;
	}
	if (s > run)
		addnstr(run, (int)(s - run));
	*rest = s;
	return w;
}

/* A character with attributes, for runs drawn with hline_set: one
 * conversion instead of one per cell. */
static void
make_cell(cchar_t *cc, wchar_t utf8_char, char ascii_char, int attr)
{
	wchar_t wc[2] = { ui_utf8() ? utf8_char : (wchar_t)ascii_char, L'\0' };

	setcchar(cc, wc, (attr_t)attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
}

/* n copies of cc from (y, x), clipped to the screen. */
static void
cell_run(int y, int x, int n, const cchar_t *cc)
{
	if (y < 0 || y >= LINES || x >= COLS || n <= 0)
		return;
	if (x < 0) {
		n += x;
		x = 0;
	}
	if (n > COLS - x)
		n = COLS - x;
	if (n > 0)
		mvhline_set(y, x, cc, n);
}

int
ui_text(int y, int x, int maxw, const char *s, int attr)
{
	const char *rest;
	int w;

	if (y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (maxw > COLS - x)
		maxw = COLS - x;
	if (maxw <= 0)
		return 0;
	attrset(attr);
	move(y, x);
	if (ui_text_width(s) <= maxw) {
		w = put_chars(s, maxw, &rest);
	} else if (ui_utf8()) {
		w = put_chars(s, maxw - 1, &rest);
		addstr("\xe2\x80\xa6");	/* … */
		w++;
	} else if (maxw > 3) {
		w = put_chars(s, maxw - 3, &rest);
		addstr("...");
		w += 3;
	} else {
		w = put_chars(s, maxw, &rest);
	}
	attrset(A_NORMAL);
	return w;
}

void
ui_text_center(int y, int x, int w, const char *s, int attr)
{
	int tw = ui_text_width(s);

	ui_text(y, tw < w ? x + (w - tw) / 2 : x, w, s, attr);
}

int
ui_textf(int y, int x, int maxw, int attr, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_text(y, x, maxw, buf, attr);
}

size_t
ui_wrap(const char *s, int width, struct ui_span *lines, size_t max)
{
	const char *p = s;
	size_t n = 0;

	if (width <= 0)
		return 0;
	while (*p != '\0') {
		const char *line, *end, *q;
		int w = 0;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		line = end = q = p;
		for (;;) {
			const char *ws = q, *we;
			int sw = 0, ww = 0;
			enum drawn pr;

			while (*q == ' ') {
				sw++;
				q++;
			}
			if (*q == '\0' || *q == '\n')
				break;
			we = q;
			while (*we != '\0' && *we != ' ' && *we != '\n') {
				uint32_t cp;
				size_t len = text_next_char(we, &cp);

				ww += char_width(cp, &pr);
				we += len;
			}
			if (w + sw + ww <= width) {
				w += sw + ww;
				end = q = we;
				continue;
			}
			if (end == line) {
				/* a word longer than the line: break it */
				const char *c = ws;

				while (*c != '\0' && *c != ' ' && *c != '\n') {
					uint32_t cp;
					size_t len = text_next_char(c, &cp);
					int cw = char_width(cp, &pr);

					if (w + cw > width && c > ws)
						break;
					w += cw;
					c += len;
				}
				end = c;
			}
			break;
		}
		if (n < max) {
			lines[n].off = (size_t)(line - s);
			lines[n].len = (size_t)(end - line);
		}
		n++;
		p = end;
		while (*p == ' ')
			p++;
		if (*p == '\n')
			p++;
	}
	return n;
}

int
ui_text_wrapped(int y, int x, int w, int maxlines, const char *s, int attr)
{
	struct ui_span *v;
	size_t n, shown;

	if (maxlines <= 0 || w <= 0)
		return 0;
	n = ui_wrap(s, w, NULL, 0);
	if (n == 0)
		return 0;
	v = xreallocarray(NULL, n, sizeof *v);
	ui_wrap(s, w, v, n);
	shown = n < (size_t)maxlines ? n : (size_t)maxlines;
	for (size_t i = 0; i < shown; i++) {
		/* the last line shown holds the rest, ellipsised by ui_text */
		char *t = i + 1 == shown && shown < n ?
			xstrdup(s + v[i].off) : xstrndup(s + v[i].off, v[i].len);

		ui_text(y + (int)i, x, w, t, attr);
		free(t);
	}
	free(v);
	return (int)shown;
}

void
ui_hline(int y, int x, int w, int attr)
{
	cchar_t cc;

	make_cell(&cc, L'\u2500', '-', attr);
	cell_run(y, x, w, &cc);
}

void
ui_box(int y, int x, int h, int w, int attr)
{
	const char *tl = "+", *tr = "+", *bl = "+", *br = "+", *v = "|";

	if (h < 2 || w < 2)
		return;
	if (ui_utf8()) {
		tl = "\xe2\x94\x8c";
		tr = "\xe2\x94\x90";
		bl = "\xe2\x94\x94";
		br = "\xe2\x94\x98";
		v = "\xe2\x94\x82";
	}
	ui_hline(y, x + 1, w - 2, attr);
	ui_hline(y + h - 1, x + 1, w - 2, attr);
	attrset(attr);
	for (int i = 0; i < h; i++) {
		int row = y + i;
		const char *l = i == 0 ? tl : i == h - 1 ? bl : v;
		const char *r = i == 0 ? tr : i == h - 1 ? br : v;

		if (row < 0 || row >= LINES)
			continue;
		if (x >= 0 && x < COLS)
			mvaddstr(row, x, l);
		if (x + w - 1 >= 0 && x + w - 1 < COLS)
			mvaddstr(row, x + w - 1, r);
	}
	attrset(A_NORMAL);
}

void
ui_clear_rect(int y, int x, int h, int w)
{
	cchar_t blank;

	make_cell(&blank, L' ', ' ', A_NORMAL);
	for (int i = 0; i < h; i++)
		cell_run(y + i, x, w, &blank);
}

/* The items of a legend: "space pause", "n next", ... */
static size_t
legend_items(const char *legend, struct ui_span *v, size_t max)
{
	const char *p = legend;
	size_t n = 0;

	while (*p != '\0') {
		const char *e = strstr(p, "  ");

		if (e == NULL)
			e = p + strlen(p);
		if (e > p) {
			if (n < max) {
				v[n].off = (size_t)(p - legend);
				v[n].len = (size_t)(e - p);
			}
			n++;
		}
		p = e;
		while (*p == ' ')
			p++;
	}
	return n;
}

/* Lay the legend out: the line each item goes on (-1 when it does not fit
 * in maxlines).  Returns the lines needed. */
static int
legend_layout(const char *legend, int w, struct ui_span *v, size_t n,
	      int *line_of)
{
	int line = 0, col = 0;

	for (size_t i = 0; i < n; i++) {
		char *item = xstrndup(legend + v[i].off, v[i].len);
		int iw = ui_text_width(item);

		free(item);
		if (col > 0 && col + 2 + iw > w) {
			line++;
			col = 0;
		}
		line_of[i] = line;
		col += (col > 0 ? 2 : 0) + iw;
	}
	return n > 0 ? line + 1 : 0;
}

int
ui_legend_lines(const char *legend, int w)
{
	struct ui_span v[32];
	int line_of[32];
	size_t n = legend_items(legend, v, ARRAY_LEN(v));

	if (n > ARRAY_LEN(v))
		n = ARRAY_LEN(v);
	return legend_layout(legend, w, v, n, line_of);
}

int
ui_legend(int y, int x, int w, int maxlines, const char *legend)
{
	struct ui_span v[32];
	int line_of[32], col = 0, cur = 0, lines;
	size_t n = legend_items(legend, v, ARRAY_LEN(v));

	if (n > ARRAY_LEN(v))
		n = ARRAY_LEN(v);
	lines = legend_layout(legend, w, v, n, line_of);
	for (size_t i = 0; i < n; i++) {
		char *item = xstrndup(legend + v[i].off, v[i].len);
		char *sp = strchr(item, ' ');

		if (line_of[i] >= maxlines) {
			free(item);
			break;
		}
		if (line_of[i] != cur) {
			cur = line_of[i];
			col = 0;
		}
		if (col > 0)
			col += 2;
		if (sp != NULL)
			*sp = '\0';
		col += ui_text(y + cur, x + col, w - col, item, ui_attr(UI_KEY));
		if (sp != NULL) {
			col += ui_text(y + cur, x + col, w - col, " ", A_NORMAL);
			col += ui_text(y + cur, x + col, w - col, sp + 1,
				       ui_attr(UI_DIM));
		}
		free(item);
	}
	return lines < maxlines ? lines : maxlines;
}

const char *
ui_keys_legend(const struct ui_keydef *k, size_t n, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++) {
		int got = snprintf(buf + used, len - used, "%s%s %s",
				   i > 0 ? "  " : "", k[i].key, k[i].word);

		if (got < 0)
			break;
		used += (size_t)got;
	}
	return buf;
}

void
ui_keys_help(const char *title, const char *note, const struct ui_keydef *k,
	     size_t n, const char *after)
{
	const char **lines = xreallocarray(NULL, n + 4, sizeof *lines);
	char **owned = xreallocarray(NULL, n, sizeof *owned);
	size_t nl = 0;
	int kw = 0;

	for (size_t i = 0; i < n; i++)
		if (ui_text_width(k[i].key) > kw)
			kw = ui_text_width(k[i].key);
	if (note != NULL) {
		lines[nl++] = note;
		lines[nl++] = "";
	}
	for (size_t i = 0; i < n; i++) {
		/* pad by display width: an arrow is one column, three bytes */
		int pad = kw - ui_text_width(k[i].key) + 2;

		owned[i] = xasprintf("%s%*s%s", k[i].key, pad, "", k[i].help);
		lines[nl++] = owned[i];
	}
	if (after != NULL) {
		lines[nl++] = "";
		lines[nl++] = after;
	}
	ui_popup(title, lines, nl, "any key closes this", ui_attr(UI_TITLE));
	for (size_t i = 0; i < n; i++)
		free(owned[i]);
	free(owned);
	free(lines);
}

void
ui_bar(int y, int x, int w, int64_t done, int64_t total)
{
	/* eighths of a cell in UTF-8: ▏▎▍▌▋▊▉█ */
	static const char *const eighths[8] = {
		"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d",
		"\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89",
	};
	int64_t units, cells, part;
	cchar_t full, todo;
	int used;

	if (w <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return;
	if (w > COLS - x)
		w = COLS - x;
	if (total <= 0)
		total = 1;
	if (done < 0)
		done = 0;
	if (done > total)
		done = total;
	units = done * w * 8 / total;
	cells = units / 8;
	part = ui_utf8() ? units % 8 : 0;
	make_cell(&full, L'\u2588', '#', ui_attr(UI_BAR_DONE));
	make_cell(&todo, L'\u2591', '-', ui_attr(UI_BAR_TODO));
	cell_run(y, x, (int)cells, &full);
	used = (int)cells;
	if (part > 0) {
		ui_text(y, x + used, 1, eighths[part], ui_attr(UI_BAR_DONE));
		used++;
	}
	cell_run(y, x + used, w - used, &todo);
}

/* 3x5 glyphs for the countdown; '#' is a block. */
static const char *const digit_font[10][UI_BIG_ROWS] = {
	{ "###", "# #", "# #", "# #", "###" },
	{ " # ", "## ", " # ", " # ", "###" },
	{ "###", "  #", "###", "#  ", "###" },
	{ "###", "  #", " ##", "  #", "###" },
	{ "# #", "# #", "###", "  #", "  #" },
	{ "###", "#  ", "###", "  #", "###" },
	{ "###", "#  ", "###", "# #", "###" },
	{ "###", "  #", "  #", "  #", "  #" },
	{ "###", "# #", "###", "# #", "###" },
	{ "###", "# #", "###", "  #", "###" },
};
static const char *const colon_font[UI_BIG_ROWS] = { " ", "#", " ", "#", " " };
static const char *const blank_font[UI_BIG_ROWS] = { "   ", "   ", "   ", "   ", "   " };

static const char *const *
glyph(char c)
{
	if (c >= '0' && c <= '9')
		return digit_font[c - '0'];
	if (c == ':')
		return colon_font;
	return blank_font;
}

int
ui_big_width(const char *text, int sx)
{
	int w = 0;

	for (const char *p = text; *p != '\0'; p++)
		w += (int)strlen(glyph(*p)[0]) * sx + (p > text ? sx : 0);
	return w;
}

int
ui_big_fit(const char *text, int w, int h, int *sx, int *sy)
{
	for (int y = h / UI_BIG_ROWS; y >= 1; y--) {
		for (int x = 2 * y; x >= y; x--) {
			if (ui_big_width(text, x) <= w) {
				*sx = x;
				*sy = y;
				return 1;
			}
		}
	}
	*sx = *sy = 0;
	return 0;
}

void
ui_big(int y, int x, const char *text, int sx, int sy, int attr)
{
	cchar_t block;
	int col = x;

	make_cell(&block, L'\u2588', '#', attr);
	for (const char *p = text; *p != '\0'; p++) {
		const char *const *g = glyph(*p);
		int gw = (int)strlen(g[0]);

		if (p > text)
			col += sx;
		for (int r = 0; r < UI_BIG_ROWS; r++) {
			for (int c = 0; c < gw; c++) {
				int run = 0;

				/* a run of blocks is one hline per row */
				while (c + run < gw && g[r][c + run] == '#')
					run++;
				for (int dy = 0; dy < sy && run > 0; dy++)
					cell_run(y + r * sy + dy, col + c * sx, run * sx,
						 &block);
				c += run;
			}
		}
		col += gw * sx;
	}
}

void
ui_popup(const char *title, const char *const *lines, size_t n,
	 const char *footer, int attr)
{
	int bw = ui_text_width(title) + 6, bh = (int)n + 2, y0, x0;

	for (size_t i = 0; i < n; i++) {
		int lw = ui_text_width(lines[i]) + 4;

		if (lw > bw)
			bw = lw;
	}
	if (footer != NULL) {
		bh += 2;
		if (ui_text_width(footer) + 4 > bw)
			bw = ui_text_width(footer) + 4;
	}
	if (bw > COLS)
		bw = COLS;
	if (bh > LINES)
		bh = LINES;
	y0 = (LINES - bh) / 2;
	x0 = (COLS - bw) / 2;
	ui_clear_rect(y0, x0, bh, bw);
	ui_box(y0, x0, bh, bw, attr);
	if (bw > 6)
		ui_textf(y0, x0 + 2, bw - 4, attr | A_BOLD, " %s ", title);
	for (size_t i = 0; i < n && (int)i + 1 < bh - 1; i++)
		ui_text(y0 + 1 + (int)i, x0 + 2, bw - 4, lines[i], A_NORMAL);
	if (footer != NULL && bh >= 4)
		ui_text(y0 + bh - 2, x0 + 2, bw - 4, footer, ui_attr(UI_DIM));
}

const char *
ui_sep(void)
{
	return ui_utf8() ? " \xc2\xb7 " : " - ";
}

void
ui_too_small(int need_w, int need_h)
{
	char msgs[4][64];
	int y = LINES / 2;

	/* the longest that fits; every one names the size it needs */
	snprintf(msgs[0], sizeof msgs[0], "Terminal too small: need %dx%d",
		 need_w, need_h);
	snprintf(msgs[1], sizeof msgs[1], "Too small: need %dx%d", need_w, need_h);
	snprintf(msgs[2], sizeof msgs[2], "need %dx%d", need_w, need_h);
	snprintf(msgs[3], sizeof msgs[3], "%dx%d", need_w, need_h);
	for (size_t i = 0; i < ARRAY_LEN(msgs); i++) {
		if (ui_text_width(msgs[i]) <= COLS || i + 1 == ARRAY_LEN(msgs)) {
			ui_text_center(y, 0, COLS, msgs[i], ui_attr(UI_WARN));
			break;
		}
	}
}

void
ui_format_clock(char *buf, size_t n, int64_t ms, int ceil)
{
	int64_t s;

	if (ms < 0)
		ms = 0;
	s = ceil ? (ms + 999) / 1000 : ms / 1000;
	text_clock(buf, n, (long)s);
}

enum ui_role
ui_pain_role(const struct settings *s, int pain)
{
	if (pain <= s->pain_green_max)
		return UI_GOOD;
	if (pain <= s->pain_hold_max)
		return UI_WARN;
	return UI_BAD;
}
