#!/bin/sh
# The recovery in the full-screen coach (tmux on a private socket): the
# home screen's panel with today's routine selected, one pass through the
# episode's phases with a session in each run from the home screen, the
# checks before a session as screens, and the decision and advice left on
# the terminal once the screen closes.
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed"; exit 77; }
. "$TESTLIB_SH"
. "$(dirname "$TESTLIB_SH")/tui_lib.sh"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC LIMBER_TIME_SCALE=1000
H="$XDG_DATA_HOME/limber/history.csv"
R="$XDG_CONFIG_HOME/limber/routines"
mkdir -p "$R"
for r in gentle stretch core mcgill walkrun; do
	printf '# title: Quick %s\nexercise,hold,rest\nEasy %s,2,0\n' "$r" "$r" > "$R/$r.csv"
done
# the pane with its scrollback, wrapped lines joined: what stays on the
# terminal once the screen is closed
scrollback() {
	$TMUX_CMD capture-pane -p -J -S - -t "$1" 2>/dev/null
}
on() {
	date -u -d "2026-11-02 +$(($1 - 1)) days" +%Y-%m-%dT07:00:00Z
}

# check-in NAME: answer the questions after a session on the screen
checkin() {
	wait_for "$1" "Pain now, from 0 to 10" 20 || fail "$1: no pain question"
	tui_keys "$1" 2 Enter
	wait_for "$1" "Nerve signs" || fail "$1: no nerve question"
	tui_keys "$1" n
	wait_for "$1" "Urgent signs" || fail "$1: no urgent question"
	tui_keys "$1" n
	wait_for "$1" "any key" || fail "$1: no summary"
	tui_keys "$1" x
}

# --- first use: the home screen offers to begin the recovery -------------
tui_start first LIMBER_NOW="$(on 4)" "$LIMBER"
wait_for first "LAST DONE" || fail "first: no home screen"
expect_match "first: begin offered" "$(tui_capture first)" "No recovery begun yet. Press b"
expect_match "first: b in the legend" "$(tui_capture first)" " b begin recovery "
tui_keys first b
wait_for first "When did your back pain begin?" || fail "first: no date question"
expect_match "first: the date keys in the legend" "$(tui_capture first)" "enter begin  esc cancel"
tui_keys first 2026-11-x03 BSpace 2 Enter
wait_for first "Day 4 of your recovery" || fail "first: not begun on the typed day"
expect_no_match "first: begin no longer offered" "$(tui_capture first)" "Press b"
expect_match "first: recorded" "$(cat "$XDG_DATA_HOME/limber/memory.csv")" ",start,,2026-11-02$"
tui_kill first
rm -f "$XDG_DATA_HOME/limber/memory.csv"

# --- one pass through the phases, from the home screen -------------------
LIMBER_NOW=$(on 1) "$LIMBER" start >/dev/null
for day in 1 8 15 43; do
	# the days between, in --plain: one green session every other day
	d=$((day - 6)); [ $d -lt 2 ] && d=2
	while [ $d -lt $day ] && [ $day -gt 1 ]; do
		routine=$(LIMBER_NOW=$(on $d) "$LIMBER" today </dev/null | sed -n 's/^Today: \([a-z-]*\) at level.*/\1/p')
		[ -n "$routine" ] && printf 'same\n2\nn\nn\n' | LIMBER_NOW=$(on $d) "$LIMBER" run --plain "$routine" >/dev/null 2>&1
		d=$((d + 2))
	done
	name=day$day
	tui_start "$name" LIMBER_NOW="$(on $day)" "$LIMBER"
	wait_for "$name" "LAST DONE" || fail "$name: no home screen"
	screen=$(tui_capture "$name")
	phase=$(LIMBER_NOW=$(on $day) "$LIMBER" today </dev/null | sed -n 's/^Day [0-9]* of your recovery: \([a-z-]*\).*/\1/p')
	routine=$(LIMBER_NOW=$(on $day) "$LIMBER" today </dev/null | sed -n 's/^Today: \([a-z-]*\) at level.*/\1/p')
	expect_match "$name: the panel" "$screen" "^ Day $day of your recovery: $phase"
	expect_match "$name: today's line" "$screen" "^ Today: $routine at level"
	echo "# day $day: $phase, $routine"
	tui_keys "$name" Enter
	[ $day -gt 1 ] && { wait_for "$name" "the morning after" || fail "$name: no morning question"; tui_keys "$name" s; }
	checkin "$name"
	wait_for "$name" "LAST DONE" || fail "$name: not back home"
	tui_keys "$name" q
	rc=$(wait_exit "$name")
	expect_eq "$name: exits 0" "$rc" 0
	expect_match "$name: today's routine ran" "$(tail -n 1 "$H")" "^[^,]+,$routine,"
	expect_match "$name: the decision stays on the terminal" "$(scrollback "$name")" '^Next time: level [0-9]+'
	tui_kill "$name"
	case $day in
	1) expect_eq "day 1 is acute" "$phase" acute ;;
	8) expect_eq "day 8 is subacute" "$phase" subacute ;;
	15) expect_eq "day 15 is rehabilitation" "$phase" rehabilitation ;;
	43) expect_eq "day 43 is the return to running" "$phase" return-to-running
	    expect_eq "with walkrun" "$routine" walkrun ;;
	esac
done

# --- urgent signs: the screen asks; without a yes no session, and the
# advice stays on the terminal ---------------------------------------------
printf 'same\n2\nn\ny\n' | LIMBER_NOW=$(on 44) "$LIMBER" run --plain core >/dev/null 2>&1
rows=$(wc -l <"$H")
tui_start urgent LIMBER_NOW="$(on 45)" "$LIMBER" run core
wait_for urgent "Have you been seen by a doctor since?" && ok "urgent: the screen asks" || fail "urgent: not asked"
expect_match "urgent: the advice on the screen" "$(tui_capture urgent)" 'SEEK'
tui_keys urgent n
rc=$(wait_exit urgent)
expect_eq "urgent, not seen: exit 1" "$rc" 1
expect_stty urgent
expect_match "urgent: the advice stays on the terminal" "$(scrollback urgent)" 'SEEK EMERGENCY CARE NOW'
expect_match "urgent: why no session" "$(scrollback urgent)" '^No session until you have been seen by a doctor'
expect_eq "urgent: no row" "$(wc -l <"$H")" "$rows"
tui_kill urgent
tui_start seen LIMBER_NOW="$(on 45)" "$LIMBER" run core
wait_for seen "Have you been seen by a doctor since?" || fail "seen: not asked"
tui_keys seen y
wait_for seen "the morning after" || fail "seen: no morning question"
tui_keys seen s
checkin seen
rc=$(wait_exit seen)
expect_eq "seen: the session ran" "$(wc -l <"$H")" $((rows + 1))
expect_match "seen: the decision stays on the terminal" "$(scrollback seen)" '^Next time: level [0-9]+ '
tui_kill seen

finish
