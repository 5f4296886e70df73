#!/bin/sh
# Real time, no speed-up: a 12-second routine of whole-second steps.  Every
# event in the trace must land within 5 ms after its whole second (the
# deadlines are absolute, so nothing drifts), and the process's wall time
# must agree with the trace.
. "$TESTLIB_SH"

cat > "$T/rt.csv" <<'CSV'
exercise,sets,reps,hold,rest,sides,switch
A,2,1,2,1,none,
B,1,1,2,0,each,1
CSV
start=$(date +%s%N)
"$LIMBER" run --plain --mute --events "$T/rt.csv.ev" "$T/rt.csv" </dev/null >/dev/null 2>&1; rc=$?
end=$(date +%s%N)
expect_eq "exits 0" "$rc" 0
# worst distance from a whole second, over every event
worst=$(awk -F, 'NR > 1 { e = $1 % 1000; if (e > 500) e -= 1000; if (e < 0) e = -e; if (e > w) w = e }
		 END { print w + 0 }' "$T/rt.csv.ev")
echo "worst event error: $worst ms"
[ "$worst" -le 5 ] && ok "every event within 5 ms of its second" || fail "worst event error $worst ms"
total=$(tail -n 1 "$T/rt.csv.ev" | cut -d, -f1)
[ "$total" -ge 21000 ] && [ "$total" -le 21005 ] && ok "session_done at $total ms (plan 21000)" ||
	fail "session_done at $total ms, plan 21000"
wall=$(( (end - start) / 1000000 ))
echo "wall time $wall ms, trace $total ms"
[ "$wall" -ge "$total" ] && [ "$wall" -le $((total + 500)) ] && ok "wall time agrees with the trace" ||
	fail "wall time $wall ms vs trace $total ms"
finish
