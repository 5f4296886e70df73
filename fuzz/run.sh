#!/bin/sh
# fuzz/run.sh SECONDS [routine|history|settings ...]
#
# Builds the libFuzzer harnesses (fuzz_routine, fuzz_history, fuzz_settings)
# with clang, AddressSanitizer and UndefinedBehaviorSanitizer straight from
# the sources, then runs each for SECONDS, starting from the seed corpus in
# fuzz/corpus/NAME.  Prints the executions of each and exits 1 when any of
# them crashed, leaked or broke a promise (the input that did it is kept
# under the work folder, and the end of the fuzzer's log is shown).
#
# It needs the config.h of a configured build: run it from the build tree
# (`make fuzz` does) or set LIMBER_BUILDDIR.  The work folder (compiled
# harnesses, the corpus grown by the run, logs, crash inputs) is
# FUZZ_WORK, by default fuzz-work in the build tree; CC defaults to clang.
set -u

usage() { echo "usage: $0 SECONDS [routine|history|settings ...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
secs=$1; shift
case "$secs" in ''|*[!0-9]*) usage ;; esac
[ "$secs" -ge 1 ] || usage
names=${*:-routine history settings}
for n in $names; do
	case "$n" in routine|history|settings) ;; *) usage ;; esac
done

fuzzdir=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$fuzzdir")
src=$top/src
build=$(cd "${LIMBER_BUILDDIR:-.}" && pwd)
if [ ! -f "$build/config.h" ]; then
	echo "$0: no config.h in $build: run it from a configured build tree" \
	     "(make fuzz), or set LIMBER_BUILDDIR" >&2
	exit 2
fi
work=${FUZZ_WORK:-$build/fuzz-work}
cc=${FUZZ_CC:-${CC_FUZZ:-clang}}
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "$0: $cc not found: libFuzzer needs clang (Debian: apt-get install clang)" >&2
	exit 2
fi
mkdir -p "$work/bin" "$work/crashes" "$work/logs" || exit 2

# What each harness links: the modules it reaches, nothing with a screen,
# a clock or sound.
common="$src/core/util.c $src/core/diag.c"
sources_routine="$common $src/core/csvread.c $src/model/routine.c $src/model/plan.c"
sources_history="$common $src/core/csvread.c $src/core/fileio.c $src/core/caldate.c $src/history/history.c $src/history/strpool.c $src/history/read.c $src/history/write.c $src/model/checkin.c $src/model/settings.c $src/history/histsum.c $src/history/histcache.c $src/core/paths.c"
sources_settings="$common $src/model/settings.c"

cflags="-std=c11 -g -O1 -fno-omit-frame-pointer \
 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 -Wall -Wextra -Wshadow -Wpointer-arith -Wcast-qual -Wstrict-prototypes \
 -Wmissing-prototypes -Wformat=2 -Wundef -Wvla -Wwrite-strings \
 -I$build -I$src"
libs="-lcsv -linih"

status=0
for n in $names; do
	eval "sources=\$sources_$n"
	bin=$work/bin/fuzz_$n
	log=$work/logs/$n.log
	echo "fuzz_$n: building"
	# shellcheck disable=SC2086 # the lists are meant to split
	if ! $cc $cflags -o "$bin" "$fuzzdir/fuzz_$n.c" $sources $libs; then
		echo "fuzz_$n: BUILD FAILED"
		status=1
		continue
	fi
	mkdir -p "$work/corpus/$n"
	dict=
	[ -f "$fuzzdir/$n.dict" ] && dict=-dict=$fuzzdir/$n.dict
	echo "fuzz_$n: running for $secs s"
	# New inputs go to the work corpus (first folder); the seeds are
	# only read.  A crash, a leak, a timeout or running out of memory
	# ends the run with a non-zero status.
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
		-print_final_stats=1 $dict \
		-artifact_prefix="$work/crashes/$n-" \
		"$work/corpus/$n" "$fuzzdir/corpus/$n" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	[ -n "$runs" ] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
	corpus=$(ls "$work/corpus/$n" | wc -l)
	if [ "$rc" -eq 0 ]; then
		echo "fuzz_$n: ${runs:-?} executions in $secs s, no crash (corpus: $corpus new inputs)"
	else
		echo "fuzz_$n: FAILED after ${runs:-?} executions (exit $rc); log $log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz_[a-z]+: broken promise|.*runtime error)' "$log" | head -n 5
		ls "$work/crashes/$n-"* 2>/dev/null | sed 's/^/  input: /'
		tail -n 30 "$log" | sed 's/^/  | /'
		status=1
	fi
done
exit $status
