#!/bin/sh
# Every fuzz harness, built against the library, keeps its promises on its
# seed corpus (fuzz/corpus/NAME): with libFuzzer's main in a tree configured
# with --enable-fuzzing, with fuzz/replay.c's otherwise.
. "$TESTLIB_SH"
: "${FUZZ_BIN:?run through make check}"

for n in routine history settings figure; do
	bin=$FUZZ_BIN/fuzz_$n
	if [ ! -x "$bin" ]; then
		fail "fuzz_$n: not built ($bin)"
		continue
	fi
	seeds=$LIMBER_SRCDIR/fuzz/corpus/$n
	count=$(ls "$seeds" | wc -l | tr -d ' ')
	[ "$count" -gt 0 ] || { fail "fuzz_$n: no seeds in $seeds"; continue; }
	# shellcheck disable=SC2046 # one argument per seed
	"$bin" $(ls -d "$seeds"/*) > "$T/$n.log" 2>&1; rc=$?
	expect_eq "fuzz_$n: all $count seeds replay" "$rc" 0
	[ "$rc" -eq 0 ] || tail -n 20 "$T/$n.log" | sed 's/^/  | /'
done
finish
