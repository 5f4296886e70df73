#!/bin/sh
# Several sessions through `limber run --plain` with scripted check-in
# answers: the levels and reasons in history.csv, the morning-after
# question, private files, an unwritable history, and SIGTERM.
. "$TESTLIB_SH"

mkdir -p "$XDG_CONFIG_HOME/limber/routines"
cat > "$XDG_CONFIG_HOME/limber/routines/r.csv" <<'CSV'
exercise,hold,rest,levels,reps_step
Easy,2,0,1-5,1
Hard,3,0,6-,1
CSV
H="$XDG_DATA_HOME/limber/history.csv"
export LIMBER_TIME_SCALE=1000

# run ANSWERS [ARGS...]: one session with the answers on stdin
run() {
	answers=$1; shift
	printf "$answers" | "$LIMBER" run --plain "$@" r >"$T/out" 2>"$T/err"
}

umask 000	# the files must stay private anyway
run '2\nn\nn\n'; rc=$?
expect_eq "session 1 exits 0" "$rc" 0
expect_eq "history header" "$(head -n 1 "$H")" \
	"started,routine,level,status,planned_s,done_s,exercises_planned,exercises_done,pain,morning,red_flags,hurt,next_level,reason"
expect_eq "history file is 0600" "$(stat -c %a "$H")" 600
expect_eq "data folder is 0700" "$(stat -c %a "$XDG_DATA_HOME/limber")" 700
umask 022
expect_match "row 1" "$(tail -n 1 "$H")" \
	'^20[0-9-]{8}T[0-9:]{8}[+-][0-9]{2}:[0-9]{2},r,1,completed,7,7,1,1,2,,none,,1,level 1 stays: first green session at this level \(pain 2\); one more to go up$'
expect_match "the decision is shown" "$(cat "$T/out")" '^Next time: level 1 stays: first green'

run '1\nn\nn\n'
expect_eq "two greens: up" "$(last 14)" "level 1 -> 2: two green sessions in a row (pain 2, 1)"
expect_eq "next_level 2" "$(last 13)" 2
run '0\nn\nn\n'
expect_eq "a change of level restarts the count" "$(last 14)" "level 2 stays: first green session at this level (pain 0); one more to go up"
expect_eq "it ran at level 2" "$(last 3)" 2
run '9\nn\nn\n'
expect_eq "pain 9: down two, not below 1" "$(last 13)" 1
expect_match "pain 9 reason" "$(last 14)" '^level 2 -> 1: pain 8 or more'
expect_match "a rest day is advised" "$(cat "$T/out")" '[Rr]est day'
# From here on every session today first confirms exercising on the day a
# rest day was advised (y).
run 'y\n5\nn\nn\n'
expect_match "pain 5 holds" "$(last 14)" '^level 1 stays: pain 4-5'
run 'y\n0\ny\nn\n'
expect_match "nerve signs: never up" "$(last 14)" '^level 1 stays: nerve signs'
expect_eq "nerve flag stored" "$(last 11)" nerve
expect_match "nerve advice" "$(cat "$T/out")" 'doctor or physiotherapist'
run 'y\n0\nn\ny\n'
expect_eq "urgent flag stored" "$(last 11)" urgent
expect_match "urgent advice is prominent" "$(cat "$T/out")" 'EMERGENCY'
# after urgent signs: seen by a doctor since (y), then the rest day (y)
run 'y\ny\nx\n11\n\nmaybe\nn\nn\n'
expect_eq "bad answers are asked again; Enter skips pain" "$(last 9)" ""
expect_match "the retry is shown" "$(cat "$T/out")" '0 to 10'
run 'y\n1\nn\nn\n' --level 7
expect_eq "a one-off run records its level" "$(last 3)" 7
expect_match "a one-off run never raises" "$(last 14)" 'one-off'
expect_eq "a one-off run keeps the routine's level" "$(last 13)" 1
"$LIMBER" list >"$T/list" 2>&1
expect_match "list shows the level and last done from history" "$(cat "$T/list")" '^r .* 1  today [0-9:]{5}  user$'
expect_eq "history lists every session" "$("$LIMBER" history --csv | wc -l)" 10
expect_match "stats counts them" "$("$LIMBER" stats)" 'Sessions +9'

# --- the morning after ----------------------------------------------------------
# A session 30 hours ago (a night has passed): the next run asks about the
# morning after it first.
old=$(date -d '30 hours ago' +%Y-%m-%dT%H:%M:%S+00:00)
printf '%s,r,1,completed,7,7,1,1,2,,none,,1,level 1 stays: first green session at this level (pain 2); one more to go up\n' "$old" >>"$H"
run 'y\nworse\n2\nn\nn\n'
expect_match "the morning-after question comes first" "$(head -n 4 "$T/out")" 'morning'
expect_eq "the answer is stored in the new row" "$(last 10)" worse
expect_match "morning worse: down 1 (not below 1)" "$(last 14)" 'morning after the last session was worse'
run 'y\n2\nn\nn\n'
expect_no_match "not asked again so soon" "$(head -n 4 "$T/out")" 'morning after'

# --- SIGTERM: recorded as stopped, no check-in ------------------------------------
rows=$(wc -l <"$H")
printf 'y\n' | LIMBER_TIME_SCALE=1 "$LIMBER" run --plain --events "$T/ev" r >"$T/out" 2>&1 &
pid=$!
i=0; until grep -q ',work,' "$T/ev" 2>/dev/null || [ $i -ge 200 ]; do sleep 0.05; i=$((i + 1)); done
kill -TERM $pid; wait $pid; rc=$?
expect_eq "SIGTERM exits 1" "$rc" 1
expect_eq "SIGTERM adds one row" "$(wc -l <"$H")" $((rows + 1))
expect_eq "SIGTERM row is stopped" "$(last 4)" stopped
expect_eq "SIGTERM row has no pain" "$(last 9)" ""
expect_no_match "no check-in after SIGTERM" "$(cat "$T/out")" 'Pain now'

# --- an unwritable history: say so, show the summary, exit 1 ------------------------
XDG_DATA_HOME="$T/afile"; : >"$XDG_DATA_HOME"
run '2\nn\nn\n'; rc=$?
expect_eq "unwritable history exits 1" "$rc" 1
expect_match "the path is named" "$(cat "$T/err")" "$T/afile"
expect_match "the summary is still shown" "$(cat "$T/out")" '^Done: 1 of 1 exercises'
expect_match "the decision is still shown" "$(cat "$T/out")" '^Next time: '
XDG_DATA_HOME="$T/data"
if [ "$(id -u)" -ne 0 ]; then
	chmod 500 "$XDG_DATA_HOME/limber"
	run '2\nn\nn\n'; rc=$?
	expect_eq "read-only data folder exits 1" "$rc" 1
	chmod 700 "$XDG_DATA_HOME/limber"
fi
finish
