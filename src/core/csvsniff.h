/* csvsniff.h - what a spreadsheet saved: its separator and its encoding.
 *
 * Spreadsheets save CSV in the separator and encoding of their locale:
 * Excel in most of Europe writes ';', LibreOffice offers tab, and Excel's
 * plain "CSV" type is Windows-1252.  These guesses are made once, from
 * the bytes, and are never applied silently: the separator only where
 * the header line shows it, the encoding only to name it in an error. */
#ifndef LIMBER_CSVSNIFF_H
#define LIMBER_CSVSNIFF_H

#include <stddef.h>

/* The separator of a file whose header line (the first line that is not
 * empty, not a '#' comment and not only separators and blanks) names the
 * column `word`: ',', ';' or '\t'.  The separator that splits that line
 * into a field starting with word (case-insensitive) wins; among several,
 * the one giving most fields; with none, the commonest outside quotes;
 * ',' when the line holds none of them. */
char csvsniff_separator(const char *buf, size_t n, const char *word);

/* Does buf look like Windows-1252 text: no NUL or control bytes but tab
 * and line ends, no byte Windows-1252 leaves undefined (0x81 0x8d 0x8f
 * 0x90 0x9d), at least one byte from 0x80 up, and no valid UTF-8
 * sequence (a UTF-8 file with one bad byte is damaged, not 1252)? */
int csvsniff_cp1252(const char *buf, size_t n);

/* The character byte c (0x80-0xff) stands for in Windows-1252, as UTF-8
 * in out (at least 4 bytes and a NUL); "" when it is undefined. */
void csvsniff_cp1252_char(unsigned char c, char out[5]);

/* The one line of advice for a file saved as Windows-1252. */
#define CSVSNIFF_UTF8_ADVICE \
	"save it as UTF-8: in Excel, File > Save As, type " \
	"\"CSV UTF-8 (Comma delimited)\"; in LibreOffice, File > Save As, " \
	"type \"Text CSV\", tick \"Edit filter settings\", then Character " \
	"set \"Unicode (UTF-8)\""
/* What csvread says of the first such byte, after the character. */
#define CSVSNIFF_CP1252_SAYS \
	" in Windows-1252): the file looks saved as Windows-1252, the " \
	"encoding of Excel's plain \"CSV\"; " CSVSNIFF_UTF8_ADVICE

/* "comma", "semicolon", "tab" */
const char *csvsniff_separator_name(char sep);

#endif
