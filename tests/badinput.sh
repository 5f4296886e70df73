#!/bin/sh
# Damaged input never crashes limber and costs only what is damaged.
#
# Every history fixture in tests/data/history/bad goes through `limber
# history`, `list` and `stats` (the exact diagnostics of its .expected file,
# where @HISTORY@ stands for the history's path; exit 1 exactly when one of
# them is an error, never a signal), `history --csv` (what was read writes
# back and reads again cleanly), and a session on top of it (recorded, and
# readable after).  Then files too big to commit, made here: a 50 MB line
# in the history, in a routine and in the settings, a routine with a 10 MB
# field, and routines of millions of rows, of titles or of holds, each
# refused with a clear message in bounded memory.  (The
# bad routine fixtures are checked by cli.sh and test_routine.)
. "$TESTLIB_SH"

BAD="$TESTDATA/history/bad"
H="$XDG_DATA_HOME/limber/history.csv"
mkdir -p "$XDG_DATA_HOME/limber" "$XDG_CONFIG_HOME/limber/routines"
printf 'exercise,hold,rest\nEasy,1,0\n' >"$XDG_CONFIG_HOME/limber/routines/r.csv"
export LIMBER_TIME_SCALE=1000

# exited WHAT RC: limber ends with 0 or 1; a signal (128+N) is a crash.
exited() {
	case "$2" in
	0|1) ok "$1: exit $2" ;;
	*) fail "$1: exit status $2 (a crash?)" ;;
	esac
}

# rows FILE: the data rows of a `history --csv` output
rows() { echo $(($(wc -l <"$1") - 1)); }

n=0
for f in "$BAD"/*.csv; do
	name=$(basename "$f" .csv)
	n=$((n + 1))
	if [ ! -f "$BAD/$name.expected" ]; then
		fail "$name has no .expected file"
		continue
	fi
	want=$(sed "s|@HISTORY@|$H|g" "$BAD/$name.expected")
	case "$want" in *": error: "*) want_rc=1 ;; *) want_rc=0 ;; esac
	cp "$f" "$H"
	sum=$(cksum <"$H")

	for cmd in history list stats; do
		got=$("$LIMBER" $cmd 2>&1 >/dev/null); rc=$?
		exited "$cmd $name" "$rc"
		expect_eq "$cmd $name: diagnostics" "$got" "$want"
		expect_eq "$cmd $name: exit status" "$rc" "$want_rc"
	done
	expect_eq "$name: reading left the file untouched" "$(cksum <"$H")" "$sum"

	# What was read, written back in the standard form, reads back the
	# same and without a word.
	"$LIMBER" history --csv >"$T/rows.csv" 2>/dev/null; rc=$?
	exited "history --csv $name" "$rc"
	if [ "$want_rc" -eq 0 ]; then
		mkdir -p "$T/again/limber"
		cp "$T/rows.csv" "$T/again/limber/history.csv"
		XDG_DATA_HOME="$T/again" "$LIMBER" history --csv >"$T/rows2.csv" 2>"$T/err2"
		expect_eq "$name: the rows read write back and read again" \
			"$(cat "$T/rows2.csv")" "$(cat "$T/rows.csv")"
		expect_eq "$name: ... without warnings" "$(cat "$T/err2")" ""
	fi

	# A session on top: it runs, and its row lands readable after the
	# damage (a torn last line is closed first).
	before=$(rows "$T/rows.csv")
	printf '2\nn\nn\n' | "$LIMBER" run --plain --mute r >"$T/out" 2>"$T/err"; rc=$?
	exited "run $name" "$rc"
	expect_match "run $name: the summary is shown" "$(cat "$T/out")" '^Done: 1 of 1 exercises'
	if [ "$want_rc" -eq 0 ]; then
		expect_eq "run $name: exit 0" "$rc" 0
		"$LIMBER" history --csv >"$T/rows.csv" 2>/dev/null
		# (at least one: closing a torn quoted field can make the row
		# before whole again)
		after=$(rows "$T/rows.csv")
		if [ "$after" -gt "$before" ]; then ok "run $name: one more row is read"
		else fail "run $name: $after rows read after the session, $before before"; fi
		expect_match "run $name: the new row is last" "$(tail -n 1 "$T/rows.csv")" \
			'^[0-9T:+-]+,r,1,completed,'
	else
		expect_match "run $name: says it goes on without the history" \
			"$(cat "$T/err")" 'carrying on without the history'
	fi
done
[ "$n" -ge 15 ] || fail "only $n damaged history fixtures"
echo "# $n damaged history fixtures"

# --- Too big to commit: made here -------------------------------------------
# bounded WHAT MB CMD...: run CMD (stderr to $T/err), which must use at
# most MB megabytes.  Measured with GNU time when it is installed (Debian
# package "time"), else enforced with ulimit -v; under AddressSanitizer,
# whose shadow memory makes ulimit -v useless, with a small quarantine.
asan=0
grep -q __asan_init "$LIMBER" 2>/dev/null && asan=1
if [ "$asan" -eq 1 ]; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8"
	export ASAN_OPTIONS
fi
bounded() {
	what=$1 mb=$2; shift 2
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$T/rss" "$@" >"$T/out" 2>"$T/err"; rc=$?
		kb=$(tail -n 1 "$T/rss")
		if [ "$kb" -le $((mb * 1024)) ] 2>/dev/null; then
			ok "$what: peak $((kb / 1024)) MB (at most $mb)"
		else
			fail "$what: peak memory ${kb} kB, more than $mb MB"
		fi
	elif [ "$asan" -eq 0 ]; then
		(ulimit -v $((mb * 1024)); exec "$@") >"$T/out" 2>"$T/err"; rc=$?
		ok "$what: ran within ulimit -v $mb MB"
	else
		"$@" >"$T/out" 2>"$T/err"; rc=$?
		echo "# $what: memory not measured (no /usr/bin/time, AddressSanitizer)"
	fi
	return "$rc"
}

# x N: N bytes of 'x'
x() { head -c "$1" /dev/zero | tr '\0' x; }
MB50=52428800
R1='2026-11-02T07:00:00+01:00,core,4,completed,600,590,6,6,2,,none,,4,level 4 stays'
R2='2026-11-03T07:00:00+01:00,core,4,completed,600,590,6,6,2,,none,,5,"level 4 -> 5: two green sessions in a row (pain 2, 2)"'

# History: a 50 MB reason in the middle costs that row only.
{
	head -n 1 "$TESTDATA/history/good.csv"
	echo "$R1"
	printf '2026-11-02T18:00:00+01:00,core,4,completed,600,590,6,6,2,,none,,4,'
	x $MB50; echo
	echo "$R2"
} >"$H"
bounded "history with a 50 MB line" 200 "$LIMBER" history --csv; rc=$?
exited "history with a 50 MB line" "$rc"
expect_eq "history with a 50 MB line: exit 0" "$rc" 0
expect_eq "history with a 50 MB line: the line is refused" "$(cat "$T/err")" \
	"$H:3: warning: field is longer than 65536 bytes; skipped"
expect_eq "history with a 50 MB line: the rows around it are used" "$(rows "$T/out")" 2
bounded "list with a 50 MB history line" 200 "$LIMBER" list; rc=$?
expect_match "list with a 50 MB history line: the level after it" "$(cat "$T/out")" '^core .* 5  '
printf '1\nn\nn\n' | "$LIMBER" run --plain --mute r >/dev/null 2>&1
expect_eq "a session after a 50 MB line is recorded" "$("$LIMBER" history --csv 2>/dev/null | tail -n 1 | cut -d, -f2)" r

# The same line at the end, with no newline: a torn 50 MB line.
{ head -n 1 "$TESTDATA/history/good.csv"; echo "$R1"; x $MB50; } >"$H"
bounded "history ending in a torn 50 MB line" 200 "$LIMBER" history; rc=$?
exited "history ending in a torn 50 MB line" "$rc"
expect_eq "history ending in a torn 50 MB line: the line is refused" "$(cat "$T/err")" \
	"$H:3: warning: field is longer than 65536 bytes; skipped"
rm -f "$H"

# Routines: 50 MB is refused unread; a 10 MB field is refused where it
# starts, streaming (the whole file is never held).
{ echo "exercise,cue"; printf 'Plank,'; x $MB50; echo; } >"$T/huge.csv"
size=$(wc -c <"$T/huge.csv")
bounded "check of a 50 MB routine" 200 "$LIMBER" check "$T/huge.csv"; rc=$?
exited "check of a 50 MB routine" "$rc"
expect_eq "check of a 50 MB routine: exit 1" "$rc" 1
expect_eq "check of a 50 MB routine: refused" "$(cat "$T/err")" \
	"$T/huge.csv: error: too large: $size bytes, more than the limit of 16777216"
{ echo "exercise,sets,cue"; echo "Plank,2,ok"; printf 'Bridge,2,"'; x 10485760; echo '"'; } >"$T/field.csv"
bounded "check of a routine with a 10 MB field" 200 "$LIMBER" check "$T/field.csv"; rc=$?
exited "check of a routine with a 10 MB field" "$rc"
expect_eq "check of a routine with a 10 MB field: exit 1" "$rc" 1
expect_eq "check of a routine with a 10 MB field: refused" "$(cat "$T/err")" \
	"$T/field.csv:3:10: error: field is longer than 65536 bytes"
cp "$T/huge.csv" "$XDG_CONFIG_HOME/limber/routines/huge.csv"
bounded "list with a 50 MB routine" 200 "$LIMBER" list; rc=$?
exited "list with a 50 MB routine" "$rc"
expect_match "list with a 50 MB routine: says which" "$(cat "$T/err")" \
	"huge.csv has 1 error; run 'limber check huge'"
expect_match "list with a 50 MB routine: lists the others" "$(cat "$T/out")" '^r '
bounded "run of a 50 MB routine" 200 "$LIMBER" run --plain huge; rc=$?
exited "run of a 50 MB routine" "$rc"
expect_eq "run of a 50 MB routine: exit 1" "$rc" 1
expect_match "run of a 50 MB routine: refused" "$(cat "$T/err")" 'huge\.csv: error: too large'
rm -f "$XDG_CONFIG_HOME/limber/routines/huge.csv" "$T/huge.csv" "$T/field.csv"

# Routines that grow by rows, within the 16 MiB: reading stops at the
# 1001st row, so neither rows nor their errors pile up (8 million
# one-letter rows took 1 GB before), and one warning stands for any number
# of repeated titles.
MiB16=16777216
{ echo exercise; yes a | head -c $((MiB16 - 9)); } >"$T/rows.csv"
bounded "check of 16 MiB of one-letter rows" 64 "$LIMBER" check "$T/rows.csv"; rc=$?
exited "check of 16 MiB of one-letter rows" "$rc"
expect_eq "check of 16 MiB of one-letter rows: exit 1" "$rc" 1
expect_eq "check of 16 MiB of one-letter rows: stops at row 1001" "$(cat "$T/err")" \
	"$T/rows.csv:1002:1: error: more than 1000 exercises; a routine has at most 1000"
{ echo exercise; yes 'a"' | head -c $((MiB16 - 9)); } >"$T/rows.csv"
bounded "check of 16 MiB of stray quotes" 64 "$LIMBER" check "$T/rows.csv"; rc=$?
exited "check of 16 MiB of stray quotes" "$rc"
expect_eq "check of 16 MiB of stray quotes: 1000 errors, then the cap" \
	"$(wc -l <"$T/err") $(tail -n 1 "$T/err")" \
	"1001 $T/rows.csv:1002:1: error: more than 1000 exercises; a routine has at most 1000"
{ yes '# title: x' | head -n 1500000; printf 'exercise\nPlank\n'; } >"$T/rows.csv"
bounded "check of 1.5 million titles" 64 "$LIMBER" check "$T/rows.csv"; rc=$?
exited "check of 1.5 million titles" "$rc"
expect_eq "check of 1.5 million titles: one warning" "$rc $(cat "$T/err")" \
	"0 $T/rows.csv:1500000:1: warning: title given 1500000 times (first on line 1); using this one"
# Each hold is a step of the plan: 1000 rows at the most sets and reps
# (a 17 kB file) made list take 190 MB.  The holds of a session are capped.
{
	echo 'exercise,sets,reps,sides'
	i=0; while [ $i -lt 1000 ]; do echo "E$i,20,100,each"; i=$((i + 1)); done
} >"$XDG_CONFIG_HOME/limber/routines/holds.csv"
bounded "list with 1000 rows at the most sets and reps" 64 "$LIMBER" list; rc=$?
expect_match "list with 1000 rows at the most sets and reps: refused" "$(cat "$T/err")" \
	"holds.csv has 1 error; run 'limber check holds'"
"$LIMBER" check holds >/dev/null 2>"$T/err"
expect_eq "check of 1000 rows at the most sets and reps: why" "$(cat "$T/err")" \
	"$XDG_CONFIG_HOME/limber/routines/holds.csv:1:1: error: too long: at level 1 a session has 4000000 holds (sets x reps x sides, over its exercises); a session may have at most 200000"
# The most text a routine that loads can hold: 257 cues of 65,000 bytes.
{
	echo 'exercise,cue'
	i=0; while [ $i -lt 257 ]; do printf 'E%d,' $i; x 65000; echo; i=$((i + 1)); done
} >"$XDG_CONFIG_HOME/limber/routines/holds.csv"
bounded "list with 16 MB of cues" 64 "$LIMBER" list; rc=$?
expect_eq "list with 16 MB of cues: exit 0" "$rc" 0
expect_match "list with 16 MB of cues: listed" "$(cat "$T/out")" '^holds .* 257 '
rm -f "$XDG_CONFIG_HOME/limber/routines/holds.csv" "$T/rows.csv"

# Settings: a 50 MB line is cut, and only the first megabyte is read.
C="$XDG_CONFIG_HOME/limber/limber.conf"
{ echo "[session]"; printf 'get_ready = '; x $MB50; echo; echo "get_ready = 0"; } >"$C"
bounded "list with a 50 MB settings line" 200 "$LIMBER" list; rc=$?
exited "list with a 50 MB settings line" "$rc"
expect_eq "list with a 50 MB settings line: exit 0" "$rc" 0
expect_eq "list with a 50 MB settings line: warned" "$(cat "$T/err")" \
	"$C: warning: larger than 1048576 bytes: only its beginning was read"
{ echo "[session]"; printf 'get_ready = '; x 5000; echo; echo "get_ready = 0"; } >"$C"
"$LIMBER" list >"$T/out" 2>"$T/err"; rc=$?
expect_match "a long settings line: warned" "$(cat "$T/err")" \
	"$C:2: warning: line too long \(more than [0-9]+ characters\); ignored"
expect_match "a long settings line: the next line still counts" "$(cat "$T/out")" '^r .* 0:01 '
rm -f "$C" "$H"
finish
