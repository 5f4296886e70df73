#!/bin/sh
# limber due end to end: one line on stdout, exit 0 when a session is due
# today, 1 when not, 2 on an error; the sessions_per_week setting; a real
# session recorded today.  Dates are relative to today (TZ=UTC).
. "$TESTLIB_SH"
hist=$XDG_DATA_HOME/limber/history.csv
mkdir -p "$XDG_DATA_HOME/limber" "$XDG_CONFIG_HOME/limber"
header="started,routine,level,status,planned_s,done_s,exercises_planned,exercises_done,pain,morning,red_flags,hurt,next_level,reason"
# row DAYS_AGO PAIN RED_FLAGS: a completed core session that many days ago
row() { echo "$(date -u -d "today -$1 days" +%Y-%m-%d)T08:00:00+00:00,core,1,completed,600,600,6,6,$2,,$3,,1,\"level 1 stays\""; }
due() { out=$("$LIMBER" due 2>"$T/err"); rc=$?; }

rm -f "$hist"
due
expect_eq "no history: due" "$rc" 0
expect_eq "no history: the line" "$out" "Due today: no session recorded yet (3 a week)."
expect_eq "no history: nothing on stderr" "$(cat "$T/err")" ""

{ echo "$header"; row 9 2 none; row 2 2 none; } > "$hist"
due
expect_eq "two days after a session, 3 a week: due" "$rc" 0
expect_match "the line counts the week" "$out" '^Due today: 1 of 3 sessions in the last 7 days, the last on [A-Z][a-z]{2} [0-9]{1,2} [A-Z][a-z]{2}\.$'

{ echo "$header"; row 1 2 none; } > "$hist"
due
expect_eq "the day after a session, 3 a week: not due" "$rc" 1
expect_match "it says why and when" "$out" '^Not due: 3 a week means 2 days apart, the last on .*\. Next: tomorrow\.$'
printf '[session]\nsessions_per_week = 7\n' > "$XDG_CONFIG_HOME/limber/limber.conf"
due
expect_eq "sessions_per_week = 7: due every day" "$rc" 0

{ echo "$header"; row 1 9 none; } > "$hist"
due
expect_eq "the day after pain 9: not due" "$rc" 1
expect_match "a rest day" "$out" '^Not due: a rest day after pain 9 yesterday\. Next: tomorrow\.$'
{ echo "$header"; row 3 2 urgent; } > "$hist"
due
expect_eq "urgent signs: not due" "$rc" 1
expect_match "urgent signs: care first" "$out" 'seek emergency care now'

printf '[session]\nsessions_per_week = 9\n' > "$XDG_CONFIG_HOME/limber/limber.conf"
rm -f "$hist"
due
expect_eq "a bad setting: still answers" "$rc" 0
expect_match "a bad setting is a warning naming the line" "$(cat "$T/err")" 'limber.conf:2: warning: sessions_per_week: expected a whole number from 1 to 7'
expect_eq "a bad setting: still one line on stdout" "$(printf '%s\n' "$out" | wc -l)" 1
rm -f "$XDG_CONFIG_HOME/limber/limber.conf"

# A session run now is today's: not due any more.
printf '2\nn\nn\n' | LIMBER_TIME_SCALE=1000 "$LIMBER" run --plain --mute gentle >/dev/null 2>&1
due
expect_eq "after today's session: not due" "$rc" 1
expect_match "after today's session: done today" "$out" '^Not due: done today \(1 of 3 in the last 7 days\)\. Next: '

# With a recovery running its plan decides (LIMBER_NOW sets the day).
rm -f "$hist"
LIMBER_NOW=2026-11-20T08:00:00+00:00 "$LIMBER" start 2026-11-20 >/dev/null 2>&1
out=$(LIMBER_NOW=2026-11-20T09:00:00+00:00 "$LIMBER" due); rc=$?
expect_eq "recovery day 1: due" "$rc" 0
expect_eq "recovery day 1: the plan's routine and phase" "$out" \
	"Due today: gentle (session 1 of 7 this week; acute, day 1 of your recovery)."
printf '2\nn\nn\n' | LIMBER_NOW=2026-11-20T10:00:00+00:00 LIMBER_TIME_SCALE=1000 \
	"$LIMBER" run --plain --mute gentle >/dev/null 2>&1
out=$(LIMBER_NOW=2026-11-20T19:00:00+00:00 "$LIMBER" due); rc=$?
expect_eq "recovery: after today's session, not due" "$rc" 1
expect_eq "recovery: done today" "$out" "Not due: done today (1 of 7 this week; acute). Next: tomorrow."
out=$(LIMBER_NOW=2026-12-01T08:00:00+00:00 "$LIMBER" due); rc=$?
expect_eq "recovery day 12: due" "$rc" 0
expect_match "recovery day 12: the subacute phase" "$out" '; subacute, day 12 of your recovery\)\.$'
rm -f "$XDG_DATA_HOME/limber/memory.csv"

rm -f "$hist"; mkdir "$hist"
due
expect_eq "a history that cannot be read: exit 2" "$rc" 2
expect_match "a history that cannot be read is named" "$(cat "$T/err")" "history.csv"
rmdir "$hist"
"$LIMBER" due now >/dev/null 2>&1; expect_eq "due takes no argument" "$?" 2
"$LIMBER" due --csv >/dev/null 2>&1; expect_eq "due takes no option of another command" "$?" 2
finish
