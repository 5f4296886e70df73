#!/bin/sh
# `limber run --plain` end to end, sped up: the milestone lines, the events
# trace (order, content, timing against the plan), --level, and signals.
. "$TESTLIB_SH"

# The cue has two lines: both keep the indent.
cat > "$T/mini.csv" <<'CSV'
# title: Mini
exercise,sets,reps,hold,rest,sides,switch,cue
Hold,2,1,4,2,none,,"Keep still, breathe.
Then let go."
Side,1,2,2,0,each,1,
Alt,1,2,1,0,alternate,,
CSV

# --- a whole session at 100x -----------------------------------------------
# The lines are written to be heard (a screen reader reads them aloud):
# words, not unit letters or brackets, and every change of side said.
out=$(LIMBER_TIME_SCALE=100 "$LIMBER" run --plain --events "$T/ev.csv" "$T/mini.csv" </dev/null 2>"$T/err"); rc=$?
expect_eq "a session exits 0" "$rc" 0
expect_eq "nothing on stderr" "$(cat "$T/err")" ""
expect_match "header line" "$out" '^Mini, routine mini, level 1: 3 exercises, 40 seconds$'
expect_match "exercise line" "$out" '^Exercise 1 of 3: Hold, 2 sets of 1 rep, hold 4 seconds$'
expect_match "cue line" "$out" '^  Keep still, breathe\.$'
expect_match "the cue's second line keeps its indent" "$out" '^  Then let go\.$'
expect_match "get ready" "$out" '^Get ready: 5 seconds$'
expect_match "hold line" "$out" '^Hold, set 2 of 2: hold 4 seconds$'
expect_match "rest line" "$out" '^Rest 2 seconds; next: Side$'
expect_match "paced reps line" "$out" '^Side, set 1 of 1, left: 2 reps, 2 seconds each$'
expect_match "each side: the right side said" "$out" '^Side, set 1 of 1, right: 2 reps, 2 seconds each$'
expect_match "switch line" "$out" '^Switch to the right side, 1 second$'
expect_match "alternating line" "$out" '^Alt, set 1 of 1: 2 reps each side, 1 second each, left and right in turn$'
expect_eq "alternating: one line per change of side" \
	"$(printf '%s\n' "$out" | sed -n '/^Alt, set 1/,/^Done/p' | sed '1d;$d' | tr '\n' ' ')" "Left Right Left Right "
expect_match "done line" "$out" '^Done: 3 of 3 exercises, 40 seconds$'
expect_match "the pain question in words" "$out" \
	'Pain now, from 0 to 10, where 0 is no pain and 10 the worst imaginable\? Answer 0 to 10, or press Enter to skip\.'
# What a screen reader would spell out: a bracket, a range such as 0-10,
# a unit letter standing alone ("10 s"), y/n.
expect_no_match "no brackets" "$out" '[][()]'
expect_no_match "no ranges" "$out" '[0-9]-[0-9]'
expect_no_match "no unit letters" "$out" '[0-9] (s|h|min)([^a-z]|$)'
expect_no_match "no y/n" "$out" 'y/n'
# espeak-ng, where installed, as the screen reader: -x prints the phonemes
# it would say.  A lone "s" is said as the letter ("'Es"), the dash of 0-10
# as "dash", the slash of y/n as "slash": none may be heard.
if command -v espeak-ng >/dev/null 2>&1; then
	said=$(printf '%s\n' "$out" | espeak-ng -q -x 2>/dev/null)
	[ -n "$said" ] && ok "espeak-ng reads the lines" || fail "espeak-ng said nothing"
	for word in s dash slash; do
		ph=$(printf '%s\n' "$word" | espeak-ng -q -x 2>/dev/null | tr -d ' ')
		[ -n "$ph" ] || { fail "espeak-ng has no phonemes for \"$word\""; continue; }
		expect_no_match "espeak-ng: \"$word\" is never said ($ph)" "$said" "(^| )$ph( |\$)"
	done
	# and the old wording would have been caught
	old=$(printf '10 s hold [0-10, y/n]\n' | espeak-ng -q -x 2>/dev/null)
	expect_match "espeak-ng: the old wording said the letter s" "$old" "'Es"
else
	echo "# espeak-ng is not installed: the wording is checked as text only"
fi
expect_eq "no keys legend without a terminal" "$(printf '%s\n' "$out" | grep -c '^Keys:')" 0

# The trace: header, then the phases in plan order.
expect_eq "trace header" "$(head -n 1 "$T/ev.csv")" "t_ms,event,exercise,set,rep,side"
phases=$(awk -F, 'NR > 1 && $2 != "second" && $2 != "halfway" && $2 !~ /^cue_/ { print $2 "," $3 "," $4 "," $5 "," $6 }' "$T/ev.csv" | tr '\n' ' ')
expect_eq "trace phases in order" "$phases" \
"get_ready,Hold,,, work,Hold,1,1, rest,Hold,1,, work,Hold,2,1, rest,Hold,2,, exercise_done,Hold,,, \
get_ready,Side,,, work,Side,1,1,left work,Side,1,2,left switch,Side,1,,right work,Side,1,1,right work,Side,1,2,right exercise_done,Side,,, \
get_ready,Alt,,, work,Alt,1,1,left work,Alt,1,1,right work,Alt,1,2,left work,Alt,1,2,right exercise_done,Alt,,, session_done,,,, "
# Measured times: never before the plan.  How soon after depends on the
# machine's load at 100x, where 10 ms of real time is a second: that
# precision is tests/realtime.sh's job (make check-timing).
bad=$(awk -F, 'BEGIN { split("0 5000 9000 11000 15000", want, " ") }
	NR > 1 && $2 != "second" && $2 != "halfway" && $2 !~ /^cue_/ { n++; if (n <= 5 && $1 < want[n]) print n ": " $0 }' "$T/ev.csv")
expect_eq "no phase starts before its planned time" "$bad" ""
last=$(grep ',session_done,' "$T/ev.csv" | cut -d, -f1)
[ "$last" -ge 40000 ] && ok "session_done at or after 40 s ($last)" || fail "session_done at $last, before the planned 40000"
seconds=$(grep -c ',second,' "$T/ev.csv")
# whole seconds inside steps: every step of d seconds has d-1 of them
expect_eq "a second event for every whole second inside a step" "$seconds" 24
t=$(awk -F, 'NR > 2 && $1 < prev { print "backwards at line " NR } { prev = $1 }' "$T/ev.csv")
expect_eq "trace times never go backwards" "$t" ""

# --- level ---------------------------------------------------------------------
cat > "$T/lv.csv" <<'CSV'
exercise,reps,hold,levels,reps_step
Easy,2,2,1-3,1
Hard,2,3,4-,1
CSV
out=$(LIMBER_TIME_SCALE=1000 "$LIMBER" run --plain --level 5 "$T/lv.csv" </dev/null)
expect_match "--level picks the level's rows" "$out" '^Exercise 1 of 1: Hard, 1 set of 6 reps, 3 seconds each$'
expect_match "--level is shown" "$out" 'level 5, this once: 1 exercise,'

# --- bad input ------------------------------------------------------------------
err=$("$LIMBER" run --plain nosuch </dev/null 2>&1); rc=$?
expect_eq "unknown routine exits 1" "$rc" 1
expect_match "unknown routine named" "$err" 'no routine named "nosuch"'
printf 'exercise,sets\nPlank,two\n' > "$T/bad.csv"
err=$("$LIMBER" run --plain "$T/bad.csv" </dev/null 2>&1); rc=$?
expect_eq "a bad routine exits 1" "$rc" 1
expect_match "a bad routine is explained" "$err" 'bad.csv:2:7: error: sets must be a whole number from 1 to 20, got "two"'
err=$(LIMBER_TIME_SCALE=0 "$LIMBER" run --plain core </dev/null 2>&1); rc=$?
expect_eq "a bad LIMBER_TIME_SCALE exits 2" "$rc" 2
err=$(LIMBER_TIME_SCALE=1000 "$LIMBER" run --plain --events /nonexistent/dir/ev.csv core </dev/null 2>&1); rc=$?
expect_eq "an unwritable trace exits 1" "$rc" 1
expect_match "an unwritable trace is named" "$err" '/nonexistent/dir/ev.csv: cannot write the events trace'

# --- signals: each stops the session cleanly --------------------------------------
for sig in TERM HUP INT; do
	rm -f "$T/sig.csv"
	"$LIMBER" run --plain --events "$T/sig.csv" "$T/mini.csv" </dev/null >"$T/sig.out" 2>&1 &
	pid=$!
	i=0
	until grep -q ',work,' "$T/sig.csv" 2>/dev/null || [ $i -ge 200 ]; do sleep 0.05; i=$((i + 1)); done
	kill -s "$sig" "$pid"
	wait "$pid"; rc=$?
	case $sig in INT) want=0 ;; *) want=1 ;; esac
	expect_eq "SIG$sig exits $want" "$rc" "$want"
	expect_match "SIG$sig: stopped line" "$(cat "$T/sig.out")" '^Stopped: 0 of 3 exercises'
	expect_eq "SIG$sig: the trace ends with stop" "$(tail -n 1 "$T/sig.csv" | cut -d, -f2)" "stop"
done
finish
