#!/bin/sh
# fuzz/run.sh SECONDS [routine|history|settings|figure ...]
#
# Runs the libFuzzer harnesses (fuzz_routine, fuzz_history, fuzz_settings,
# fuzz_figure)
# of a build tree configured with --enable-fuzzing, each for SECONDS,
# starting from the seed corpus in fuzz/corpus/NAME.  Prints the executions
# of each and exits 1 when any of them crashed, leaked or broke a promise
# (the input that did it is kept under the work folder, and the end of the
# fuzzer's log is shown).
#
# `make fuzz` builds the harnesses (they link src/liblimber.a, compiled with
# libFuzzer's coverage and the sanitizers) and runs this from the build
# tree; otherwise set LIMBER_BUILDDIR.  The work folder (the corpus grown
# by the run, logs, crash inputs) is FUZZ_WORK, by default fuzz-work in the
# build tree.
set -u

usage() { echo "usage: $0 SECONDS [routine|history|settings|figure ...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
secs=$1; shift
case "$secs" in ''|*[!0-9]*) usage ;; esac
[ "$secs" -ge 1 ] || usage
names=${*:-routine history settings figure}
for n in $names; do
	case "$n" in routine|history|settings|figure) ;; *) usage ;; esac
done

fuzzdir=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${LIMBER_BUILDDIR:-.}" && pwd)
work=${FUZZ_WORK:-$build/fuzz-work}
for n in $names; do
	if [ ! -x "$build/fuzz/fuzz_$n" ]; then
		echo "$0: no $build/fuzz/fuzz_$n: build the harnesses in a tree" \
		     "configured with --enable-fuzzing (make fuzz does), or set" \
		     "LIMBER_BUILDDIR" >&2
		exit 2
	fi
done
mkdir -p "$work/crashes" "$work/logs" || exit 2

status=0
for n in $names; do
	bin=$build/fuzz/fuzz_$n
	log=$work/logs/$n.log
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
