#!/bin/sh
# The plain end-to-end paths under valgrind: no invalid read or write, no
# use of uninitialised memory, no leak (definite or indirect).  A session
# with its check-in (twice: the second reads the history the first
# wrote), a session with sound cues muted and one with a routine that
# has errors, list, check (good and bad routines), history, history --csv
# and stats (also of a damaged history), and edit --new.
#
# Skipped (77) when valgrind is not installed or the binary is built with
# AddressSanitizer (the two do not mix).  VALGRIND_TIME_SCALE overrides
# the session's speed (default 1000).
. "$TESTLIB_SH"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind not installed (Debian: apt-get install valgrind): skipped"
	exit 77
fi
if grep -q __asan_init "$LIMBER" 2>/dev/null; then
	echo "$LIMBER is built with AddressSanitizer: valgrind skipped"
	exit 77
fi

mkdir -p "$XDG_CONFIG_HOME/limber/routines"
printf 'exercise,sets,reps,hold,rest,sides\nEasy,2,2,1,1,each\nTwo,1,1,2,0,\n' \
	>"$XDG_CONFIG_HOME/limber/routines/r.csv"
export LIMBER_TIME_SCALE="${VALGRIND_TIME_SCALE:-1000}"

n=0
# vg WHAT [INPUT] -- ARGS...: limber ARGS under valgrind with INPUT on
# stdin; fails on any valgrind error (the log is shown).
vg() {
	what=$1 input=$2; shift 3
	n=$((n + 1))
	printf "$input" | valgrind -q --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		--track-origins=yes --log-file="$T/vg.$n" \
		"$LIMBER" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -eq 99 ] || [ -s "$T/vg.$n" ]; then
		fail "$what: valgrind reports errors"
		sed 's/^/  | /' "$T/vg.$n" | head -n 60
	else
		ok "$what: clean under valgrind (exit $rc)"
	fi
	return "$rc"
}

vg "a session with its check-in" '2\nn\nn\n' -- run --plain r
expect_eq "the session exits 0" "$rc" 0
expect_match "the session's summary" "$(cat "$T/out")" '^Done: 2 of 2 exercises'
vg "a second session, reading the history" '1\ny\nn\n' -- run --plain --level 3 r
expect_eq "the second session exits 0" "$rc" 0
vg "a muted session, the input ending early" '' -- run --plain --mute r
expect_eq "the muted session exits 0" "$rc" 0
vg "list" '' -- list
expect_eq "list exits 0" "$rc" 0
expect_match "list shows the routine" "$(cat "$T/out")" '^r '
vg "check of every routine" '' -- check
expect_eq "check exits 0" "$rc" 0
vg "check of bad routines" '' -- check "$TESTDATA/routines/bad/all_cells_bad.csv" \
	"$TESTDATA/routines/bad/multiline_then_bad.csv" "$TESTDATA/routines/bad/utf16le_bom.csv"
expect_eq "check of bad routines exits 1" "$rc" 1
vg "history" '' -- history
expect_eq "history exits 0" "$rc" 0
expect_eq "history shows the three sessions" "$(sed 1d "$T/out" | wc -l)" 3
vg "history --csv" '' -- history --csv
vg "stats" '' -- stats
expect_eq "stats exits 0" "$rc" 0
printf 'exercise,sets\nPlank,two\n' >"$XDG_CONFIG_HOME/limber/routines/broken.csv"
vg "a session of a routine with errors" '' -- run --plain broken
expect_eq "a routine with errors exits 1" "$rc" 1
rm -f "$XDG_CONFIG_HOME/limber/routines/broken.csv"
cp "$TESTDATA/history/bad/latin1_row.csv" "$XDG_DATA_HOME/limber/history.csv"
vg "history of a damaged file" '' -- history
expect_eq "a damaged history still reads" "$rc" 0
vg "stats of a damaged file" '' -- stats
EDITOR=true; export EDITOR
vg "edit --new" '' -- edit --new mine
expect_eq "edit --new exits 0" "$rc" 0
finish
