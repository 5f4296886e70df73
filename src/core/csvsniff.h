/* csvsniff.h - what a spreadsheet saved: its separator and its padding.
 *
 * Spreadsheets save CSV in the separator of their locale (Excel in most
 * of Europe writes ';', LibreOffice offers tab) and pad every row to the
 * width of the sheet.  The separator is taken only where the header line
 * shows it; the encoding a spreadsheet may use is csvtext's. */
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

/* The length of text without the separators and blanks a spreadsheet
 * pads a comment's row with. */
size_t csvsniff_unpadded(const char *text, char sep);

/* "comma", "semicolon", "tab" */
const char *csvsniff_separator_name(char sep);

#endif
