/* replay.c - a libFuzzer harness run over given files, without libFuzzer.
 *
 * A build not configured with --enable-fuzzing links each harness with this
 * main instead of libFuzzer's, so `make check` compiles every harness
 * against the library and replays its seed corpus (tests/fuzz_seeds.sh): a
 * harness that no longer builds, or a seed that breaks one of its promises,
 * fails the suite even where clang is not installed.
 *
 *   fuzz_NAME FILE...   each FILE once; exit 0 when every one returned
 *
 * A broken promise aborts, as under libFuzzer. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional, as for libFuzzer: a harness without it leaves this NULL. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* The largest input replayed: libFuzzer's default -max_len is far below. */
#define REPLAY_MAX (64u * 1024 * 1024)

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		size_t len;
		char *data = fileio_read_file(argv[i], REPLAY_MAX, &len);

		if (data == NULL) {
			fprintf(stderr, "%s: %s: %s\n", argv[0], argv[i],
				strerror(errno));
			return 1;
		}
		if (len > REPLAY_MAX) {
			fprintf(stderr, "%s: %s: larger than %u bytes\n",
				argv[0], argv[i], REPLAY_MAX);
			free(data);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
	}
	printf("%s: %d inputs, every promise kept\n", argv[0], argc - 1);
	return 0;
}
