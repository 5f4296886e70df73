#!/bin/sh
# The recovery coach end to end: limber start, limber today and limber
# check of plans, a scripted six-week episode through `limber run --plain`
# on the shipped plan (and the same with pain 7 in week 3), the memory
# rules at each session start and the fixes of the morning-after question
# and of empty sessions.  Dates come from LIMBER_NOW, never libfaketime.
. "$TESTLIB_SH"

export TZ=UTC LIMBER_TIME_SCALE=1000
H="$XDG_DATA_HOME/limber/history.csv"
M="$XDG_DATA_HOME/limber/memory.csv"
R="$XDG_CONFIG_HOME/limber/routines"

# The shipped plan, with quick stand-ins for its routines (one 2-second
# exercise each), so that six weeks of sessions take seconds.
stand_ins() {
	mkdir -p "$R"
	for r in gentle stretch core mcgill walkrun; do
		printf 'exercise,hold,rest\nEasy %s,2,0\n' "$r" > "$R/$r.csv"
	done
}
# on DAY: LIMBER_NOW at 07:00 on day DAY of a recovery begun 2026-11-02
on() {
	LIMBER_NOW=$(date -u -d "2026-11-02 +$(($1 - 1)) days" +%Y-%m-%dT07:00:00Z)
	export LIMBER_NOW
}
# session ANSWERS: run today's routine (as `limber today` names it)
session() {
	routine=$("$LIMBER" today </dev/null | sed -n 's/^Today: \([a-z-]*\) at level.*/\1/p')
	[ -n "$routine" ] || routine=gentle
	printf "$1" | "$LIMBER" run --plain "$routine" >"$T/out" 2>"$T/err"
}

# --- start and today --------------------------------------------------
on 4
out=$("$LIMBER" today </dev/null); rc=$?
expect_eq "today without a recovery exits 0" "$rc" 0
expect_match "it asks once when the pain began" "$out" 'When did your back pain begin\? Answer with a date like 2026-11-02, or press Enter for today\.'
expect_match "and says how to begin" "$out" 'No recovery has begun.*limber start \[DATE\]'
expect_eq "no answer: nothing recorded" "$(test -e "$M" && echo yes || echo no)" no
out=$(printf 'last week\n2026-11-02\n' | "$LIMBER" today)
expect_match "a bad date is asked again" "$out" 'must be a date like 2026-12-01, got "last week"'
expect_match "the answer begins the recovery" "$out" '^.*Your recovery began on 2026-11-02'
expect_match "day 4 is subacute" "$out" '^Day 4 of your recovery: subacute \(days 4-14\): Gentle stretching'
expect_match "today's routine" "$out" '^Today: stretch at level 1 \(session 1 of 5 this week\)\.$'
expect_eq "memory.csv is 0600" "$(stat -c %a "$M")" 600
expect_eq "the start is recorded" "$(tail -n 1 "$M")" "2026-11-05T07:00:00+00:00,start,,2026-11-02"
out=$("$LIMBER" today </dev/null)
expect_no_match "asked only once" "$out" 'When did'
out=$("$LIMBER" start 2026-11-09 2>&1); rc=$?
expect_eq "a start after today is bad usage" "$rc" 2
expect_match "saying why" "$out" '2026-11-09 is after today \(2026-11-05\)'
out=$("$LIMBER" start 2>&1); rc=$?
expect_eq "start (today) exits 0" "$rc" 0
expect_match "a new start: day 1, acute" "$out" '^Day 1 of your recovery: acute \(days 1-3\)'
expect_eq "two starts in memory.csv" "$(grep -c ',start,' "$M")" 2

# --- limber check of plans ---------------------------------------------
out=$("$LIMBER" check 2>&1); rc=$?
expect_eq "check of everything exits 0" "$rc" 0
expect_match "the shipped plan is checked" "$out" '/plans/recovery.csv: ok: a plan of 4 phases$'
mkdir -p "$XDG_CONFIG_HOME/limber/plans"
P="$XDG_CONFIG_HOME/limber/plans/recovery.csv"
printf 'phase,days,routines,advice,move_on\nacute,1-3,gentle,Rest.,\nsub,5-,core;bad name,Move.,soon\n' > "$P"
out=$("$LIMBER" check recovery 2>&1); rc=$?
expect_eq "a bad plan fails the check" "$rc" 1
expect_match "days, with line and column" "$out" "^$P:3:5: error: this phase must start on day 4, the day after \"acute\" ends$"
expect_match "routines" "$out" "^$P:3:8: error: routines must be routine names .* got \"bad name\"$"
expect_match "move_on" "$out" "^$P:3:28: error: move_on must be green=N \(N 1-10\) or professional, separated by ';', got \"soon\"$"
mkdir -p "$T/plans"
printf 'phase,days,routines,advice\nacute,1-3,gentle;yoga,Rest.\nsub,4-,core,Move.\n' > "$T/plans/x.csv"
out=$("$LIMBER" check "$T/plans/x.csv" 2>&1); rc=$?
expect_eq "a plan naming a missing routine passes" "$rc" 0
expect_match "with a warning" "$out" "^$T/plans/x.csv:2:1: warning: phase \"acute\" names the routine \"yoga\", which there is not \(see limber list\)$"
out=$("$LIMBER" today 2>&1 </dev/null); rc=$?
expect_eq "today with a broken plan exits 1" "$rc" 1
expect_match "and says which file" "$out" "your recovery plan $P cannot be used: fix it \(limber check recovery\) or remove it"
rm "$P"

# --- limber edit recovery: your own plan, checked ---------------------------
printf '#!/bin/sh\nsed -i "s/^acute,1-3,gentle,7,/acute,1-3,gentle,6,/" "$1"\n' > "$T/ed"
chmod +x "$T/ed"
out=$(EDITOR="$T/ed" "$LIMBER" edit recovery </dev/null 2>&1); rc=$?
expect_eq "edit recovery exits 0" "$rc" 0
expect_match "it saves your plan" "$out" "^Saved $P \\(it replaces the shipped plan\\)\\.$"
expect_eq "your plan is 0600" "$(stat -c %a "$P")" 600
expect_match "with your change" "$(grep '^acute' "$P")" '^acute,1-3,gentle,6,'
expect_match "check uses yours" "$("$LIMBER" check recovery 2>&1)" "^$P: ok: a plan of 4 phases$"
printf '#!/bin/sh\nsed -i "s/^acute,1-3,/acute,2-3,/" "$1"\n' > "$T/ed"
out=$(EDITOR="$T/ed" "$LIMBER" edit recovery </dev/null 2>&1); rc=$?
expect_eq "a broken edit with no answer exits 1" "$rc" 1
expect_match "the draft is checked as a plan" "$out" 'plans/.recovery.csv.draft:15:7: error: the first phase must start on day 1'
expect_match "your plan is as it was" "$(grep '^acute' "$P")" '^acute,1-3,gentle,6,'
rm -f "$P" "$XDG_CONFIG_HOME/limber/plans/.recovery.csv.draft"

# --- a six-week episode, mostly green ------------------------------------
episode() {	# PAIN_ON_DAY_20
	rm -f "$H" "$M"
	on 1
	"$LIMBER" start >/dev/null
	weekly=
	for day in 1 2 3 5 8 10 12 15 17 20 22 24 27 29 31 34 36 38 41 43; do
		on "$day"
		case $day in 1|8|15|22|29|36|43)
			weekly="$weekly$("$LIMBER" today </dev/null | sed "s/^/day $day: /")
" ;;
		esac
		pain=2 gate=
		[ "$day" -le 2 ] && pain=4
		[ "$day" -eq 20 ] && pain=$1
		# after pain above green past day 14, each start asks whether
		# a professional has seen it (the two-week rule): no, until
		# day 43
		if [ "$1" -gt 3 ] && [ "$day" -gt 20 ]; then
			gate='n\n'
			[ "$day" -eq 43 ] && gate='y\n'
		fi
		[ "$day" -eq 43 ] && before_seen=$("$LIMBER" today </dev/null)
		if [ "$day" -eq 1 ]; then session "$pain\nn\nn\n"
		else session "${gate}same\n$pain\nn\nn\n"; fi
		[ "$day" -eq 22 ] && out22=$(cat "$T/out")
		[ "$day" -eq 20 ] && after20=$("$LIMBER" today </dev/null)
		[ "$day" -eq 22 ] && after22=$("$LIMBER" today </dev/null)
	done
	on 44
	final=$("$LIMBER" today </dev/null)
}
stand_ins
episode 2
printf '%s' "$weekly" > "$T/weekly"
echo "# limber today, once a week:"; sed 's/^/#   /' "$T/weekly"
expect_match "week 1: acute" "$weekly" '^day 1: Day 1 of your recovery: acute'
expect_match "week 2: subacute" "$weekly" '^day 8: Day 8 of your recovery: subacute'
expect_match "week 3: rehabilitation" "$weekly" '^day 15: Day 15 of your recovery: rehabilitation'
expect_match "week 6: rehabilitation" "$weekly" '^day 36: Day 36 of your recovery: rehabilitation'
expect_match "day 43: return to running" "$weekly" '^day 43: Day 43 of your recovery: return-to-running \(day 43 on\)'
expect_match "with walkrun" "$weekly" '^day 43: Today: walkrun at level 1'
expect_match "walkrun was run on day 43" "$(tail -n 1 "$H")" '^2026-12-14T07:00:00\+00:00,walkrun,1,completed'
expect_match "still return to running on day 44" "$final" '^Day 44 of your recovery: return-to-running'

episode 7
expect_match "pain 7 in week 3 moves back one phase" "$after20" '^Day 20 of your recovery: subacute \(days 4-14\)'
expect_match "and says why" "$after20" 'Back from rehabilitation today: pain above 5, or a worse morning after\.'
expect_match "held while the pain is red" "$after20" 'rehabilitation waits until your pain is 3 or less\.'
expect_match "a green session later, rehabilitation again" "$after22" '^Day 22 of your recovery: rehabilitation'
expect_match "pain 7 after day 14: the two-week rule" "$after22" 'The two-week rule: pain that lasts beyond 14 days'
expect_match "and the summary says it" "$out22" '^The two-week rule: your pain has lasted beyond 14 days of self-care\. See a doctor or physiotherapist; the return to running waits until you have\.$'
expect_match "each start asks about it" "$out22" 'Have you seen a doctor or physiotherapist about this pain\? Yes or no\?'
expect_match "it holds the return to running" "$before_seen" '^Day 43 of your recovery: rehabilitation'
expect_match "saying why" "$before_seen" 'return-to-running waits until you have seen a doctor or physiotherapist'
expect_eq "the yes is in memory.csv" "$(grep -c ',seen,,professional$' "$M")" 1
expect_match "after a yes: return to running" "$final" '^Day 44 of your recovery: return-to-running'

# --- walkrun: its phases are RUN and WALK ---------------------------------
fresh() { rm -f "$H" "$M"; }
fresh
rm "$R/walkrun.csv"
out=$(printf '' | "$LIMBER" run --plain walkrun 2>&1)
expect_match "walkrun: the dose says run" "$out" '^Exercise 1 of 1: Run-walk: 15 s run, 15 sets of 1 rep, run 15 seconds$'
expect_match "walkrun: RUN" "$out" '^Run-walk: 15 s run, set 1 of 15: run 15 seconds$'
expect_match "walkrun: WALK" "$out" '^Walk 105 seconds$'
expect_no_match "walkrun: no hold or rest" "$out" '(: hold |^Rest )'
stand_ins

# --- memory across sessions ------------------------------------------------
printf 'exercise,hold,rest\nEasy,2,0\nBird-dog,2,0\n' > "$R/two.csv"
# plain ANSWERS [ARGS]: one session of `two` with the answers on stdin
plain() {
	answers=$1; shift
	printf "$answers" | "$LIMBER" run --plain "$@" two >"$T/out" 2>"$T/err"
}
at() { LIMBER_NOW=$1; export LIMBER_NOW; }
rows() { tail -n +2 "$H" | wc -l | tr -d ' '; }
# a session of `two` ended by SIGTERM in its first get-ready: 0 exercises
empty_session() {
	rm -f "$T/ev"
	LIMBER_TIME_SCALE=1 "$LIMBER" run --plain --events "$T/ev" two </dev/null >/dev/null 2>&1 &
	pid=$!
	i=0; until grep -q ',get_ready,' "$T/ev" 2>/dev/null || [ $i -ge 200 ]; do sleep 0.05; i=$((i + 1)); done
	kill -TERM $pid; wait $pid
}

# urgent signs: every later start shows the advice and asks; no yes, no session
fresh
at 2026-11-02T07:00:00Z
plain '2\nn\ny\n'
at 2026-11-04T07:00:00Z
plain 'n\n'; rc=$?
expect_eq "urgent, not seen: exit 1" "$rc" 1
expect_match "urgent: the advice at the next start" "$(cat "$T/out")" 'You reported urgent signs 2 days ago .*SEEK EMERGENCY CARE NOW'
expect_match "urgent: the question" "$(cat "$T/out")" '^Have you been seen by a doctor since\? Yes or no\? n$'
expect_match "urgent: no session" "$(cat "$T/out")" '^No session until you have been seen by a doctor'
expect_no_match "urgent: nothing ran" "$(cat "$T/out")" '^Exercise 1 of'
expect_eq "urgent: no row added" "$(rows)" 1
plain ''; rc=$?
expect_eq "urgent, no answer (input ended): exit 1" "$rc" 1
plain 'y\nsame\n2\nn\nn\n'; rc=$?
expect_eq "urgent, seen: the session runs" "$rc" 0
expect_match "urgent, seen: it ran" "$(cat "$T/out")" '^Done: 2 of 2 exercises'
expect_match "the answer is in memory.csv" "$(tail -n 1 "$M")" '^2026-11-04T07:00:00\+00:00,seen,,urgent$'
at 2026-11-05T07:00:00Z
plain 'same\n2\nn\nn\n'
expect_no_match "urgent, seen: not asked again" "$(cat "$T/out")" 'urgent signs'

# nerve signs: a reminder at each start until a session answers no
fresh
at 2026-11-02T07:00:00Z
plain '1\ny\nn\n'
at 2026-11-03T07:00:00Z
plain 'same\n1\ny\nn\n'
expect_match "nerve: a reminder" "$(cat "$T/out")" '^You reported nerve signs yesterday .*see a doctor or physiotherapist soon'
expect_match "nerve: no progression" "$(last 14)" '^level 1 stays: nerve signs reported'
at 2026-11-04T07:00:00Z
plain 'same\n1\nn\nn\n'
expect_match "nerve: still reminded" "$(cat "$T/out")" '^You reported nerve signs'
at 2026-11-05T07:00:00Z
plain 'same\n1\nn\nn\n'
expect_no_match "nerve: gone after a session that answered no" "$(cat "$T/out")" 'nerve signs'

# a rest day advised at 07:00: a session at 19:00 asks and suggests gentle
fresh
at 2026-11-02T07:00:00Z
plain '8\nn\nn\n'
expect_match "pain 8: a rest day" "$(cat "$T/out")" 'Take a rest day'
at 2026-11-02T19:00:00Z
plain 'n\n'; rc=$?
expect_eq "rest day, not confirmed: exit 0" "$rc" 0
expect_match "rest day: the reminder" "$(cat "$T/out")" '^A rest day was advised today \(pain 8 after two at 07:00\)\. If you must move, the gentle routine is the one for today\.$'
expect_match "rest day: the question" "$(cat "$T/out")" '^Exercise anyway\? Yes or no\? n$'
expect_eq "rest day: no session" "$(rows)" 1
plain 'y\n3\nn\nn\n'
expect_match "rest day, confirmed: it runs" "$(cat "$T/out")" '^Done: 2 of 2 exercises'
at 2026-11-03T07:00:00Z
plain 'same\n2\nn\nn\n'
expect_no_match "rest day: only that day" "$(cat "$T/out")" 'rest day was advised'

# an exercise marked as hurting: named at the next start, offered to skip,
# and the routine does not go up until it is done without hurting
fresh
at 2026-11-02T07:00:00Z
plain '2\nn\nn\n'
# what `h` on Bird-dog records (the keys need a terminal: see the tmux test)
awk -F, -v OFS=, 'NR == 2 { $12 = "Bird-dog" } { print }' "$H" > "$T/h" && cat "$T/h" > "$H"
at 2026-11-03T07:00:00Z
plain 'y\nsame\n2\nn\nn\n'
expect_match "hurt: named at the next start" "$(cat "$T/out")" '^Bird-dog hurt last time\. two cannot go up a level until a session where it is done without hurting\.$'
expect_match "hurt: offered to skip" "$(cat "$T/out")" '^Skip Bird-dog today\? Yes or no\? y$'
expect_match "hurt: skipped" "$(cat "$T/out")" 'without 1 skipped: 1 exercise'
expect_no_match "hurt: Bird-dog did not run" "$(cat "$T/out")" '^Exercise .*Bird-dog'
expect_match "the skip is in memory.csv" "$(tail -n 1 "$M")" '^2026-11-03T07:00:00\+00:00,skip,two,Bird-dog$'
expect_match "hurt, skipped: no level up" "$(last 14)" '^level 1 stays: Bird-dog hurt before and has not been done without hurting since$'
at 2026-11-04T07:00:00Z
plain 'n\nsame\n2\nn\nn\n'
expect_match "hurt: done without hurting, green" "$(last 14)" '^level 1 -> 2: two green sessions in a row'
at 2026-11-05T07:00:00Z
plain 'same\n2\nn\nn\n'
expect_no_match "hurt: not named once done without hurting" "$(cat "$T/out")" 'hurt last time'

# level 1 with red pain: gentle or a rest day, and a professional
fresh
at 2026-11-02T07:00:00Z
plain '7\nn\nn\n'
expect_match "level 1, pain 7: gentle or a rest day, and a professional" "$(cat "$T/out")" '^Level 1 is still too much for now: try the gentle routine instead, or take a rest day, and if the pain persists, see a doctor or physiotherapist\.$'

# --- the morning after: only after a night, about that session only --------
fresh
at 2026-11-02T07:00:00Z
plain '2\nn\nn\n'
at 2026-11-02T18:00:00Z
plain '2\nn\nn\n'
expect_no_match "the same day at 18:00: not asked" "$(cat "$T/out")" 'morning after'
at 2026-11-03T07:00:00Z
plain 'same\n2\nn\nn\n'
expect_match "the next morning: asked, about that session" "$(cat "$T/out")" '^Your last session \(two, yesterday 18:00\):$'
# not about a session with 0 exercises done
at 2026-11-04T07:00:00Z
empty_session
expect_match "stopped with 0 exercises done" "$(tail -n 1 "$H")" ',two,[0-9]+,stopped,[0-9]+,[0-9]+,2,0,'
at 2026-11-05T07:00:00Z
plain '2\nn\nn\n'
expect_no_match "never asked about a session with 0 exercises" "$(cat "$T/out")" 'morning after'
# worse changes that session's routine only
fresh
at 2026-11-02T07:00:00Z
for i in 1 2; do plain '1\nn\nn\n'; done
expect_eq "two is at level 2" "$(last 13)" 2
at 2026-11-03T07:00:00Z
printf 'worse\n1\nn\nn\n' | "$LIMBER" run --plain gentle >"$T/out" 2>&1
expect_match "worse, asked before gentle: about two" "$(cat "$T/out")" '^Your last session \(two, yesterday 07:00\):$'
expect_match "gentle is not lowered" "$(last 14)" '^level 1 stays: first green session'
expect_match "two is lowered" "$("$LIMBER" list)" '^two +two +2 +.* 1 +yesterday'

# --- a session with 0 exercises counts toward no streak, week or this week --
fresh
for d in 02 03 04; do
	at 2026-11-${d}T07:00:00Z
	empty_session
done
at 2026-11-04T12:00:00Z
out=$("$LIMBER" stats)
expect_match "0-exercise sessions: counted as sessions" "$out" 'Sessions +3'
expect_match "no streak" "$out" 'Current streak +0 days'
expect_match "no week" "$out" 'week of 2026-11-02 +0 '
expect_eq "no session this week in today" "$("$LIMBER" start 2026-11-04 | sed -n 's/^Today: .*(session \([0-9]\) of.*/\1/p')" 1

finish
