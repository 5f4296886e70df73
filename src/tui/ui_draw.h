/* ui_draw.h - drawing pieces the screens share: text that fits, wrapping,
 * lines and boxes, the key legend, a progress bar, big block digits.
 *
 * Everything draws on stdscr at (y, x) and never past the width it is
 * given, so a screen laid out for any size cannot scribble outside it.
 * Text is UTF-8; without a UTF-8 locale a Latin letter or common
 * punctuation shows as its ASCII stand-in (text_ascii: "e" for "é", "-"
 * for "–"), any other non-ASCII character as '?', and lines, boxes and
 * blocks are drawn in ASCII. */
#ifndef LIMBER_UI_DRAW_H
#define LIMBER_UI_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "tui/ui.h"
#include "core/util.h"

/* Display columns of s. */
int ui_text_width(const char *s);
/* Draw s clipped to maxw columns (ending in an ellipsis when cut).
 * Returns the columns drawn. */
int ui_text(int y, int x, int maxw, const char *s, int attr);
/* The same, centred in [x, x + w). */
void ui_text_center(int y, int x, int w, const char *s, int attr);
/* printf into a fixed buffer, then ui_text. */
int ui_textf(int y, int x, int maxw, int attr, const char *fmt, ...)
	ATTR_PRINTF(5, 6);

/* Word-wrapped text: lines of at most width columns (a longer word is
 * broken).  Fills up to max (start, length) pairs of byte offsets into s
 * and returns how many lines the whole text needs. */
struct ui_span {
	size_t off, len;
};
size_t ui_wrap(const char *s, int width, struct ui_span *lines, size_t max);
/* Draw s wrapped in at most maxlines lines (the last one ellipsised when
 * it does not all fit).  Returns the lines drawn. */
int ui_text_wrapped(int y, int x, int w, int maxlines, const char *s,
		    int attr);

/* A horizontal line of w columns. */
void ui_hline(int y, int x, int w, int attr);
/* A box outline; the inside is left alone. */
void ui_box(int y, int x, int h, int w, int attr);
/* Blank a rectangle. */
void ui_clear_rect(int y, int x, int h, int w);

/* A key legend such as action_legend's "space pause  n next  q stop":
 * items separated by two spaces, each a key and what it does.  Items are
 * never split across lines; the key is drawn in UI_KEY. */
int ui_legend_lines(const char *legend, int w);
/* Draws it in at most maxlines lines; returns the lines drawn. */
int ui_legend(int y, int x, int w, int maxlines, const char *legend);

/* One key a screen takes.  Every screen declares its keys once, in a
 * table, and both its legend and its help overlay (?) are drawn from it,
 * so the two cannot disagree; a screen takes no key its table does not
 * name.  Arrows are written as arrows ("n/\xe2\x86\x92"): without a
 * UTF-8 locale they show as "->" and "<-". */
struct ui_keydef {
	const char *key;	/* as the legend names it: "space", "q" */
	const char *word;	/* what it does, in the legend: "pause" */
	const char *help;	/* the same in the help overlay, in full */
};
/* The legend of a table, "space pause  q stop", into buf; returns buf. */
const char *ui_keys_legend(const struct ui_keydef *k, size_t n, char *buf,
			   size_t len);
/* The help overlay of a table: a box titled title, notes first (such as
 * "The session is paused while this is open."), then one line per key,
 * then after (both may be NULL), and "any key closes this". */
void ui_keys_help(const char *title, const char *note,
		  const struct ui_keydef *k, size_t n, const char *after);

/* A bar of w columns, done/total filled. */
void ui_bar(int y, int x, int w, int64_t done, int64_t total);

/* Big block digits for "0"-"9" and ':' (other characters are blank).
 * Each glyph is 3x5 cells scaled by sx across and sy down, one scaled
 * cell apart. */
#define UI_BIG_ROWS 5
int ui_big_width(const char *text, int sx);
/* The largest scale (sx up to 2 * sy, for terminal cells twice as tall as
 * wide) at which text fits in w x h: 0 and *sx = *sy = 0 when it does not
 * fit even at 1x1. */
int ui_big_fit(const char *text, int w, int h, int *sx, int *sy);
void ui_big(int y, int x, const char *text, int sx, int sy, int attr);

/* A box in the middle of the screen: a title in its top line, the lines
 * (clipped), and a footer in UI_DIM; the area under it is blanked. */
void ui_popup(const char *title, const char *const *lines, size_t n,
	      const char *footer, int attr);

/* " · " in UTF-8, " - " otherwise: between the parts of a line. */
const char *ui_sep(void);

/* "Terminal too small: need 30x9", or the shortest form that fits
 * ("need 30x9", "30x9"), centred: always the size it needs. */
void ui_too_small(int need_w, int need_h);

/* "12:05" for a duration; hours when needed, "1:02:03".  ceil rounds
 * up (a countdown), otherwise down (time elapsed). */
void ui_format_clock(char *buf, size_t n, int64_t ms, int ceil);

struct settings;
/* The colour role of a pain answer: good up to the settings' green
 * maximum, a warning up to its hold maximum, bad above. */
enum ui_role ui_pain_role(const struct settings *s, int pain);

#endif
