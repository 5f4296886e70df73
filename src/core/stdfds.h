/* stdfds.h - standard input, output and error at the edges of the process.
 *
 * At start, stdfds_open makes sure descriptors 0, 1 and 2 are in use, so a
 * file limber opens (the --events trace, the history) can never become
 * standard output or error by accident: one that is closed gets /dev/null
 * opened in the contrary mode (write-only for 0, read-only for 1 and 2), as
 * gnulib's stdopen does, so using it still fails as it would have.
 *
 * At exit, stdfds_close_stdout applies GNU's close-stdout discipline: when
 * anything written to standard output was lost (a full disk, a closed
 * descriptor, a pipe whose reader left while SIGPIPE is ignored), it says
 * so on standard error and the exit status is 1, whatever the command
 * would have returned. */
#ifndef LIMBER_STDFDS_H
#define LIMBER_STDFDS_H

/* 0 when 0, 1 and 2 are all open (or were opened on /dev/null), -1 when
 * one is closed and /dev/null cannot be opened in its place. */
int stdfds_open(void);

/* For atexit(): flushes and closes stdout, and on an error there (or one
 * met earlier) prints "limber: cannot write to standard output: REASON"
 * and ends the process with status 1.  Only acts in the process that
 * called stdfds_open. */
void stdfds_close_stdout(void);

#endif
