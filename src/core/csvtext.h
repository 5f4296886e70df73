/* csvtext.h - is a byte stream text?  UTF-8 without control characters.
 *
 * The CSV reader judges every byte it reads with csvtext_byte, which keeps
 * the state of a UTF-8 sequence across chunks, and names a byte it refuses
 * with csvtext_message, naming Windows-1252 when the text looks like it.  Tab, CR and LF are the only control bytes that
 * pass; C1 controls (U+0080-U+009F) are refused too, since some terminals
 * act on them (U+009B starts an escape sequence in xterm's 8-bit mode). */
#ifndef LIMBER_CSVTEXT_H
#define LIMBER_CSVTEXT_H

#include <stddef.h>

struct csvtext {
	int need;		/* continuation bytes still due */
	unsigned char lo, hi;	/* the range of the next one */
	unsigned char lead;	/* the sequence's first byte */
	long line, col;		/* where it began */
};

enum csvtext_verdict {
	CSVTEXT_OK,
	CSVTEXT_BAD,		/* *bad: the byte to name (a broken
				 * sequence's lead, or this one) */
	CSVTEXT_C1,		/* *bad: the code point's low byte */
};

/* Judge byte c at (line, col).  Not OK: *bad, *at_line and *at_col say
 * what to name and where, and the state is reset. */
enum csvtext_verdict csvtext_byte(struct csvtext *t, unsigned char c,
				  long line, long col, unsigned char *bad,
				  long *at_line, long *at_col);

/* Why byte c (CSVTEXT_BAD) or U+0080+c's low byte (CSVTEXT_C1) is not
 * text, as a new string.  cp1252: the text it is in looks like
 * Windows-1252 (csvtext_cp1252), so the byte is named as such, with the
 * advice on saving as UTF-8 the first time (*told then set). */
char *csvtext_message(enum csvtext_verdict v, unsigned char c, int cp1252,
		      int *told);

/* Does buf look like Windows-1252 text: no NUL or control bytes but tab
 * and line ends, no byte Windows-1252 leaves undefined (0x81 0x8d 0x8f
 * 0x90 0x9d), at least one byte from 0x80 up, and no valid UTF-8
 * sequence (a UTF-8 file with one bad byte is damaged, not 1252)? */
int csvtext_cp1252(const char *buf, size_t n);

/* The character byte c (0x80-0xff) stands for in Windows-1252, as UTF-8
 * in out (at least 4 bytes and a NUL); "" when it is undefined. */
void csvtext_cp1252_char(unsigned char c, char out[5]);

/* The one line of advice for a file saved as Windows-1252. */
#define CSVTEXT_UTF8_ADVICE \
	"save it as UTF-8: in Excel, File > Save As, type " \
	"\"CSV UTF-8 (Comma delimited)\"; in LibreOffice, File > Save As, " \
	"type \"Text CSV\", tick \"Edit filter settings\", then Character " \
	"set \"Unicode (UTF-8)\""
/* What csvread says of the first such byte, after the character. */
#define CSVTEXT_CP1252_SAYS \
	" in Windows-1252): the file looks saved as Windows-1252, the " \
	"encoding of Excel's plain \"CSV\"; " CSVTEXT_UTF8_ADVICE

/* The length of a UTF-8 byte-order mark at buf, or 0. */
size_t csvtext_bom(const unsigned char *buf, size_t n);

#endif
