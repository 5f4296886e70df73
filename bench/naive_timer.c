/* naive_timer.c - the countdown most terminal workout timers are built on.
 *
 *   naive_timer PHASES
 *
 * PHASES has one phase per line, "SECONDS LABEL".  For each phase it
 * prints "== LABEL", then for each second the time left followed by
 * sleep(1), the way a shell or Python timer does (`for i in range(n, 0,
 * -1): print(i); time.sleep(1)`).  At the end it prints "== Done".
 *
 * It is here to be measured beside limber (bench/run): every second costs
 * a sleep plus the printing around it, and nothing corrects for that, so
 * the error grows with every second of the session.  Output is flushed
 * after each line, as it would be on a terminal. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	char buf[512];
	FILE *fp;

	if (argc != 2) {
		fprintf(stderr, "usage: naive_timer PHASES\n");
		return 2;
	}
	fp = fopen(argv[1], "r");
	if (fp == NULL) {
		perror(argv[1]);
		return 2;
	}
	while (fgets(buf, sizeof buf, fp) != NULL) {
		char *label = NULL;
		long seconds = strtol(buf, &label, 10);

		if (label == buf || seconds < 0) {
			fprintf(stderr, "naive_timer: bad line: %s", buf);
			fclose(fp);
			return 2;
		}
		label += strspn(label, " \t");
		label[strcspn(label, "\n")] = '\0';
		printf("== %s\n", label);
		fflush(stdout);
		for (long s = seconds; s > 0; s--) {
			printf("%ld\n", s);
			fflush(stdout);
			sleep(1);
		}
	}
	fclose(fp);
	printf("== Done\n");
	fflush(stdout);
	return 0;
}
