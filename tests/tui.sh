#!/bin/sh
# The curses coach end to end: the real binary in tmux on a private socket,
# driven with send-keys and read back with capture-pane.
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed"; exit 77; }
. "$TESTLIB_SH"
. "$(dirname "$TESTLIB_SH")/tui_lib.sh"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
HIST="$XDG_DATA_HOME/limber/history.csv"

# Long holds, so nothing ends on its own while the keys are tried.
cat > "$T/tui.csv" <<'CSV'
# title: Screen test
exercise,sets,reps,hold,rest,sides,switch,cue
Alpha,1,1,60,0,none,,Alpha form cue.
Bravo,1,1,60,0,none,,Bravo form cue.
Charlie,1,1,60,0,none,,
CSV

# The lines of the screen drawn with block characters (the big digits).
blocks() {
	tui_capture "$1" | grep -E '█|#' || true
}

# --- home ---------------------------------------------------------------------
tui_start home "$LIMBER"
wait_for home "LAST DONE" && ok "home: the table is drawn" || fail "home: no table"
screen=$(tui_capture home)
for f in "$LIMBER_DATADIR"/routines/*.csv; do
	title=$(sed -n 's/^# title: //p' "$f" | head -n 1)
	case "$screen" in
	*" $title "*) ok "home lists $title" ;;
	*) fail "home does not list \"$title\"" ;;
	esac
done
expect_match "home: the week in one line" "$screen" 'This week: 0 sessions'
expect_match "home: the keys" "$screen" 'j/k/↑/↓ move  enter start  b begin recovery  H history  \? help  q quit'
expect_match "home: the name beside the title" "$screen" '^ Core stability +core +[0-9]'
expect_match "home: a NAME column" "$screen" '^ ROUTINE +NAME +MINUTES +LEVEL +LAST DONE'
tui_keys home '?'
wait_for home "any key closes this" && ok "home: ? shows help" || fail "home: no help"
expect_match "home: the help names every key" "$(tui_capture home)" 'enter +start it: the coach'
tui_keys home x
tui_keys home H
wait_for home "No sessions yet." && ok "home: H opens the history" || fail "home: no history screen"
tui_keys home Escape
wait_for home "LAST DONE" && ok "history: esc goes back home" || fail "history: esc did not go back"
tui_keys home q
rc=$(wait_exit home)
expect_eq "home: q quits with status 0" "$rc" 0
expect_stty home
tui_kill home

# --- a session: countdown, pause, n/p, resizes, stop, check-in ----------------
tui_start run "$LIMBER" run "$T/tui.csv"
wait_for run "GET READY" && ok "run: the routine starts" || fail "run: no GET READY"
screen=$(tui_capture run)
expect_match "run: exercise name" "$screen" '^ Alpha$'
expect_match "run: its form cue" "$screen" '^ Alpha form cue\.$'
expect_match "run: exercise x of y" "$screen" 'exercise 1 of 3'
expect_match "run: what comes next" "$screen" '^ Next: set 1, rep 1 . then Bravo'
expect_match "run: the key legend" "$screen" 'space pause  n/→ next  p/← prev  h hurts  m mute  q stop  \? help'
expect_match "run: elapsed and remaining" "$screen" '[0-9]:[0-9][0-9] done . [0-9]:[0-9][0-9] left'
digits=$(blocks run)
[ -n "$digits" ] && ok "run: big digits" || fail "run: no big digits"
i=0
while [ "$(blocks run)" = "$digits" ] && [ $i -lt 60 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(blocks run)" != "$digits" ] && ok "run: the countdown advances by itself" ||
	fail "run: the countdown did not change in 3 s"
wait_for run "HOLD" && ok "run: GET READY gives way to HOLD" || fail "run: no HOLD"
expect_match "run: set and rep" "$(tui_capture run)" 'HOLD   set 1 of 1 . rep 1 of 1'

tui_keys run Space
wait_for run "PAUSED" && ok "run: space pauses" || fail "run: space did not pause"
frozen=$(tui_capture run)
sleep 2	# the assertion is that nothing changes over a while
expect_eq "run: a paused screen stays the same" "$(tui_capture run)" "$frozen"
tui_keys run Space
wait_for run "RESUMING" 5 && ok "run: space resumes (counting in)" || fail "run: no count-in after resume"
wait_change run "$(tui_capture run)" 3 && ok "run: the screen moves again" || fail "run: frozen after resume"

tui_keys run n
wait_for run "exercise 2 of 3" && ok "run: n goes to the next exercise" || fail "run: n did not move"
expect_match "run: next exercise shown" "$(tui_capture run)" '^ Bravo$'
tui_keys run p
wait_for run "exercise 1 of 3" && ok "run: p goes back" || fail "run: p did not move back"
tui_keys run Right
wait_for run "exercise 2 of 3" && ok "run: Right is next too" || fail "run: Right did not move"

tui_resize run 40 12
wait_for run "m mute  q stop  ? help" && ok "run: redrawn at 40x12" || fail "run: not redrawn at 40x12"
wide=$(tui_capture run | grep -E '^.{41}' || true)
expect_eq "run: nothing wider than 40 columns" "$wide" ""
expect_match "run: the name still shows at 40x12" "$(tui_capture run)" '^ Bravo$'
tui_resize run 20 6
wait_for run "Too small: need 30x" && ok "run: says too small at 20x6, and the size it needs" ||
	fail "run: no too-small message with the size at 20x6"
expect_match "run: the size it needs" "$(tui_capture run)" 'need 30x[0-9]+'
tui_resize run 10 3
wait_for run "need 30x" && ok "run: names the size it needs at 10x3" || fail "run: no size named at 10x3"
tui_resize run 80 24
wait_for run "space pause  n/→ next  p/← prev  h hurts  m mute  q stop  ? help" &&
	ok "run: redrawn back at 80x24" || fail "run: not redrawn at 80x24"
tui_dead run && fail "run: died during the resizes" || ok "run: alive after the resizes"

# Ctrl-Z: the session pauses (and the process stops, where its shell has
# job control; here it may not, so a stopped process is sent on).
pid=$(tui_pid run)
tui_keys run C-z
i=0
until tui_capture run | grep -qF PAUSED || [ $i -ge 200 ]; do
	[ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" = T ] && kill -CONT "$pid"
	sleep 0.05
	i=$((i + 1))
done
wait_for run "PAUSED" && ok "run: Ctrl-Z pauses the session" || fail "run: Ctrl-Z did not pause"
tui_keys run Space
wait_gone run "PAUSED" && ok "run: and space resumes it" || fail "run: no resume after Ctrl-Z"

tui_keys run q
wait_for run "Stop the session now?" && ok "run: q asks" || fail "run: q did not ask"
tui_keys run n
wait_for run "HOLD" && ok "run: n carries on" || fail "run: n did not carry on"
tui_keys run q
wait_for run "Stop the session now?" || fail "run: q did not ask again"
tui_keys run y
wait_for run "Pain now, from 0 to 10" && ok "run: stopped, the check-in asks the pain" || fail "run: no pain question"
expect_match "check-in: the scale" "$(tui_capture run)" '0 +1 +2 +3 +4 +5 +6 +7 +8 +9 +10'
tui_keys run 4 Left
wait_for run "Your answer: 3." && ok "check-in: a digit and an arrow choose the pain" || fail "check-in: pain not chosen"
tui_keys run Enter
wait_for run "Nerve signs" && ok "check-in: nerve question second" || fail "check-in: no nerve question"
tui_keys run n
wait_for run "Urgent signs" && ok "check-in: urgent question third" || fail "check-in: no urgent question"
tui_keys run n
wait_for run "any key" && ok "check-in: the summary" || fail "check-in: no summary"
screen=$(tui_capture run)
expect_match "summary: the level decision and its reason" "$screen" '^ Level 1 stays'
expect_match "summary: the reason" "$screen" 'level 1 stays: session stopped early'
expect_match "summary: what was done" "$screen" 'Done: 0 of 3 exercises'
expect_match "summary: the answers" "$screen" 'Pain 3 . nerve signs no . urgent signs no'
expect_match "summary: each exercise, one set said in the singular" "$screen" 'Alpha . 0 of 1 set . '
tui_keys run x
rc=$(wait_exit run)
expect_eq "run: exits 0 after the summary" "$rc" 0
expect_stty run
tui_kill run
expect_eq "history: one row" "$(tail -n +2 "$HIST" 2>/dev/null | wc -l | tr -d ' ')" 1
row=$(tail -n 1 "$HIST" 2>/dev/null)
expect_match "history: the row" "$row" '^[^,]+,tui,1,stopped,195,[0-9]+,3,0,3,,none,,1,'

# --- SIGTERM mid-session: recorded as stopped, no check-in, terminal back ------
tui_start term "$LIMBER" run "$T/tui.csv"
wait_for term "GET READY" || fail "term: did not start"
pid=$(tui_pid term)
[ -n "$pid" ] && kill -TERM "$pid"
rc=$(wait_exit term)
expect_eq "SIGTERM: exit status 1" "$rc" 1
expect_stty term
tui_kill term
expect_eq "SIGTERM: a second row" "$(tail -n +2 "$HIST" 2>/dev/null | wc -l | tr -d ' ')" 2
expect_match "SIGTERM: stopped, pain empty" "$(tail -n 1 "$HIST")" '^[^,]+,tui,1,stopped,195,[0-9]+,3,0,,,none,,1,'

# --- SIGHUP as well ------------------------------------------------------------
tui_start hup "$LIMBER" run "$T/tui.csv"
wait_for hup "GET READY" || fail "hup: did not start"
pid=$(tui_pid hup)
[ -n "$pid" ] && kill -HUP "$pid"
rc=$(wait_exit hup)
expect_eq "SIGHUP: exit status 1" "$rc" 1
expect_stty hup
tui_kill hup
expect_eq "SIGHUP: a third row" "$(tail -n +2 "$HIST" 2>/dev/null | wc -l | tr -d ' ')" 3

# --- the terminal itself goes away (the window closed) ----------------------------
# The pty hangs up: the coach must record the session and exit, not spin
# on a terminal that reports input forever.
tui_start gone "$LIMBER" run "$T/tui.csv"
wait_for gone "GET READY" || fail "gone: did not start"
pid=$(tui_pid gone)
tui_kill gone
i=0
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
	fail "gone: still running 5 s after its terminal went away"
	kill -9 "$pid" 2>/dev/null
else
	ok "gone: exits when its terminal goes away"
fi
expect_eq "gone: a fourth row" "$(tail -n +2 "$HIST" 2>/dev/null | wc -l | tr -d ' ')" 4
expect_match "gone: recorded as stopped" "$(tail -n 1 "$HIST")" '^[^,]+,tui,1,stopped,'

# --- a crash: the handler restores the terminal and re-raises -----------------
tui_start crash "$LIMBER" run "$T/tui.csv"
wait_for crash "GET READY" || fail "crash: did not start"
pid=$(tui_pid crash)
[ -n "$pid" ] && kill -SEGV "$pid"
rc=$(wait_exit crash)
expect_eq "SIGSEGV: dies of it (128 + 11)" "$rc" 139
expect_stty crash
tui_kill crash

# --- the morning-after question comes first when due --------------------------
# Make the newest row a day old (a night has passed), with an exercise done.
old=$(TZ=UTC date -d '30 hours ago' +%Y-%m-%dT%H:%M:%S+00:00 2>/dev/null)
if [ -n "$old" ]; then
	awk -F, -v OFS=, -v t="$old" 'NR > 1 { $1 = t; if ($8 == 0) $8 = 1 } { print }' "$HIST" > "$T/h" && cat "$T/h" > "$HIST"
	tui_start morning "$LIMBER" run "$T/tui.csv"
	wait_for morning "the morning after your last session" && ok "morning: asked before the session" ||
		fail "morning: not asked"
	expect_match "morning: the legend lists its keys" "$(tui_capture morning)" 'b better  s same  w worse  ←/→ choose  enter answer  \? help'
	tui_keys morning '?'
	wait_for morning "move the choice" && ok "morning: ? shows its keys" || fail "morning: no help"
	tui_keys morning x
	wait_gone morning "move the choice" && ok "morning: any key closes the help" || fail "morning: the help stays"
	# n is not "next" here (it is not in the legend): four of them move
	# nothing, and Right then picks the first answer, not the last
	tui_keys morning n n n n
	wait_for morning "Please answer better" && ok "morning: n is not taken" || fail "morning: no word about n"
	tui_keys morning Right Enter
	wait_for morning "GET READY" && ok "morning: then the session" || fail "morning: no session after it"
	pid=$(tui_pid morning)
	[ -n "$pid" ] && kill -TERM "$pid"
	wait_exit morning >/dev/null
	tui_kill morning
	expect_match "morning: n n n n Right Enter answers better" "$(tail -n 1 "$HIST")" ',,better,none,'
fi

# --- monochrome and ASCII -------------------------------------------------------
tui_start mono NO_COLOR=1 "$LIMBER" run "$T/tui.csv"
wait_for mono "GET READY" && ok "NO_COLOR: the phase still shows" || fail "NO_COLOR: no phase"
colours=$($TMUX_CMD capture-pane -e -p -t mono | grep -cE '\[(3[0-7]|4[0-7]|38;|48;)' || true)
expect_eq "NO_COLOR: no colour codes on screen" "$colours" 0
tui_keys mono q y
wait_for mono "Pain now" || fail "mono: no check-in"
tui_kill mono
tui_start colour "$LIMBER" run "$T/tui.csv"
wait_for colour "GET READY" || fail "colour: did not start"
colours=$($TMUX_CMD capture-pane -e -p -t colour | grep -cE '\[(3[0-7]|4[0-7]|38;|48;)' || true)
[ "$colours" -gt 0 ] && ok "colours by default" || fail "no colours by default"
tui_kill colour

tui_start ascii LC_ALL=C LANG=C "$LIMBER" run "$T/tui.csv"
wait_for ascii "GET READY" && ok "C locale: runs" || fail "C locale: did not start"
screen=$(tui_capture ascii)
expect_match "C locale: ASCII digits" "$screen" '#'
expect_no_match "C locale: no block characters" "$screen" '█|─|·'
tui_kill ascii

# --- messages on stderr wait until the screen is gone -------------------------
export XDG_DATA_HOME="$T/data2"
mkdir -p "$XDG_DATA_HOME/limber"
printf '%s\n' "started,routine,level,status,next_level" "yesterday,core,1,completed,1" \
	> "$XDG_DATA_HOME/limber/history.csv"
tui_start warn "$LIMBER"
wait_for warn "LAST DONE" || fail "warn: no home screen"
expect_no_match "stderr: no warning on the screen" "$(tui_capture warn)" 'warning'
tui_keys warn q
rc=$(wait_exit warn)
expect_eq "warn: exits 0" "$rc" 0
expect_match "stderr: the warning shows after the screen closes" \
	"$($TMUX_CMD capture-pane -p -S - -t warn)" 'history.csv:2: warning'
tui_kill warn

# --- a terminal that cannot move the cursor: a clear message, not garbage ------
tui_start dumb TERM=dumb "$LIMBER" run "$T/tui.csv"
rc=$(wait_exit dumb)
expect_eq "TERM=dumb: exit status 1" "$rc" 1
wait_for dumb "cannot move the cursor" && ok "TERM=dumb: says why" || fail "TERM=dumb: no message"
expect_stty dumb
tui_kill dumb

# --- a storm of resizes mid-hold ------------------------------------------------
# 250 resizes in quick succession, down to 1x1 and up to 200x60, while a
# hold counts down: the coach lives through them without spinning, redraws
# at 80x24 with the countdown still moving, and the session ends by itself
# as usual, terminal restored.
export XDG_DATA_HOME="$T/data3"
cat > "$T/storm.csv" <<'CSV'
exercise,sets,reps,hold,rest
Storm,1,1,15,0
CSV
# CPU time (user + system) of a process, in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; }
hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
sizes="10x3 20x6 1x1 200x60 80x24 40x12 1x1 3x10 120x40 20x6 10x3 200x60 1x2
	60x20 80x24 15x5 200x60 1x1 30x8 10x3 100x30 2x1 25x7 200x60 10x3"
tui_start storm "$LIMBER" run "$T/storm.csv"
wait_for storm "HOLD" && ok "storm: the hold runs" || fail "storm: no HOLD"
pid=$(tui_pid storm)
if [ -z "$pid" ] || [ ! -r "/proc/$pid/stat" ]; then
	fail "storm: cannot find the coach's process"
else
	c0=$(cpu_ticks "$pid")
	n=0
	for round in 1 2 3 4 5 6 7 8 9 10; do
		# 25 resizes in one tmux command: they land back to back
		set --
		for wh in $sizes; do
			set -- "$@" resize-window -t storm -x "${wh%x*}" -y "${wh#*x}" \;
			n=$((n + 1))
		done
		$TMUX_CMD "$@" >/dev/null 2>&1 || fail "storm: tmux refused a resize"
		tui_dead storm && break
		sleep 0.02
	done
	c1=$(cpu_ticks "$pid")
	[ "$n" -ge 200 ] && ok "storm: $n resizes" || fail "storm: only $n resizes"
	if kill -0 "$pid" 2>/dev/null && ! tui_dead storm; then
		ok "storm: alive after $n resizes"
	else
		fail "storm: died during the resizes"
	fi
	used=$((c1 - c0))
	[ "$used" -le $((2 * hz)) ] && ok "storm: $used ticks of CPU for the storm" ||
		fail "storm: $used ticks of CPU for $n resizes (at most $((2 * hz)))"
	# Left at 10x3 with the hold counting down: it says so and idles.
	wait_for storm "need 30x" && ok "storm: too small at 10x3" || fail "storm: no too-small message at 10x3"
	t0=$(date +%s%N); c1=$(cpu_ticks "$pid")
	sleep 2	# the measured interval, not a wait for the program
	t1=$(date +%s%N); c2=$(cpu_ticks "$pid")
	wall=$(( (t1 - t0) * hz / 1000000000 ))
	used=$((c2 - c1))
	[ "$used" -le $((wall / 4)) ] && ok "storm: idle afterwards ($used of $wall ticks)" ||
		fail "storm: spinning afterwards: $used ticks of CPU in $wall"
fi
tui_resize storm 80 24
wait_for storm "space pause  n/→ next  p/← prev  h hurts  m mute  q stop  ? help" &&
	ok "storm: redrawn at 80x24" || fail "storm: not redrawn at 80x24"
screen=$(tui_capture storm)
expect_match "storm: the exercise at 80x24" "$screen" '^ Storm$'
expect_match "storm: still the hold" "$screen" 'HOLD   set 1 of 1 . rep 1 of 1'
expect_eq "storm: nothing wider than 80 columns" "$(printf '%s\n' "$screen" | grep -E '^.{81}' || true)" ""
wait_change storm "$screen" 3 && ok "storm: still counting down" || fail "storm: the screen froze"
wait_for storm "Pain now" 20 && ok "storm: the hold ends by itself" || fail "storm: the session did not end"
tui_keys storm 2 Enter
wait_for storm "Nerve signs" || fail "storm: no nerve question"
tui_keys storm n
wait_for storm "Urgent signs" || fail "storm: no urgent question"
tui_keys storm n
wait_for storm "any key" && ok "storm: the summary" || fail "storm: no summary"
tui_keys storm x
rc=$(wait_exit storm)
expect_eq "storm: exits 0" "$rc" 0
expect_stty storm
tui_kill storm
expect_match "storm: recorded as completed" "$(tail -n 1 "$XDG_DATA_HOME/limber/history.csv" 2>/dev/null)" \
	'^[^,]+,storm,1,completed,'

# --- ? on every screen; the help pauses a hold --------------------------------
export XDG_DATA_HOME="$T/data4"
cat > "$T/help.csv" <<'CSV'
# title: Help test
exercise,sets,reps,hold,rest,sides,switch,cue
Long,1,1,60,0,none,,"Lie on your back with knees bent and feet flat, then brace gently and breathe out slowly."
CSV
tui_start help "$LIMBER" run "$T/help.csv"
wait_for help "HOLD" 15 && ok "help: the hold runs" || fail "help: no HOLD"
tui_keys help '?'
wait_for help "Paused while this is open" && ok "help: ? during a hold says the session is paused" ||
	fail "help: no pause note"
screen=$(tui_capture help)
for k in "next exercise" "previous exercise" "this exercise hurts" "sound off or on" "stop the session"; do
	expect_match "help: the run help lists \"$k\"" "$screen" "$k"
done
done1=$(tui_capture help | grep -o '[0-9]:[0-9][0-9] done')
sleep 2	# the assertion is that the time does not move while help is open
done2=$(tui_capture help | grep -o '[0-9]:[0-9][0-9] done')
expect_eq "help: the hold does not run on under the help" "$done2" "$done1"
expect_match "help: the phase says PAUSED (under the box)" "$(tui_capture help)" '^  PAUSE'
tui_keys help x
wait_for help "RESUMING" 5 && ok "help: closing it resumes (counting in)" || fail "help: no resume after the help"

# At 40x12 the cue wraps whole and the big digits give way.
tui_resize help 40 12
wait_for help "breathe out slowly." && ok "small: the cue is wrapped, not dropped, at 40x12" ||
	fail "small: the cue is cut at 40x12"
expect_eq "small: no big digits at 40x12" "$(tui_capture help | grep '█' | grep -v ' done ' || true)" ""
expect_match "small: the countdown is on the phase line" "$(tui_capture help)" '(HOLD|RESUMING) +[0-9]+ '
expect_match "small: the header keeps the title" "$(tui_capture help)" '^ Help test . level 1 '
tui_resize help 80 24
wait_for help "████" && ok "small: the digits come back at 80x24" || fail "small: no digits at 80x24"

tui_keys help q y
wait_for help "Pain now" || fail "help: no check-in"
expect_match "check-in: the pain legend" "$(tui_capture help)" '0-10 your pain  ←/→/↑/↓ change  enter answer  backspace clear  \? help'
tui_keys help '?'
wait_for help "type your pain" && ok "check-in: ? on the pain question" || fail "check-in: no help on the pain question"
tui_keys help x
wait_gone help "type your pain" || fail "check-in: the help stays"
# j, k, n and p are not in its legend: they do not move the answer
tui_keys help j k n p
sleep 0.3
expect_no_match "check-in: j k n p choose nothing" "$(tui_capture help)" 'Your answer'
tui_keys help 2 Enter
wait_for help "Nerve signs" || fail "check-in: no nerve question"
expect_match "check-in: the yes/no legend" "$(tui_capture help)" 'y yes  n no  \? help'
tui_keys help '?'
wait_for help "this help" && ok "check-in: ? on a yes/no question" || fail "check-in: no help on yes/no"
tui_keys help x Escape q
sleep 0.3
expect_match "check-in: Esc and q do not answer a red flag" "$(tui_capture help)" 'Nerve signs'
tui_keys help n
wait_for help "Urgent signs" || fail "check-in: no urgent question"
tui_keys help n
wait_for help "continue" || fail "summary: not shown"
tui_keys help '?'
wait_for help "any other key: continue" && ok "summary: ? shows its keys" || fail "summary: ? left the summary"
tui_keys help x
wait_gone help "any other key: continue" || fail "summary: the help stays"
expect_match "summary: still there after the help" "$(tui_capture help)" 'Level 1 stays'
tui_keys help x
rc=$(wait_exit help)
expect_eq "summary: then a key leaves" "$rc" 0
tui_kill help

# --- the history screen: ?, and a row opened whole ------------------------------
tui_start hist "$LIMBER"
wait_for hist "LAST DONE" || fail "hist: no home"
tui_keys hist H
wait_for hist "DECISION" && ok "hist: the history table" || fail "hist: no table"
expect_match "hist: the legend" "$(tui_capture hist)" 'enter open  esc/q back  \? help'
tui_keys hist '?'
wait_for hist "the whole session" && ok "hist: ? shows its keys" || fail "hist: no help"
tui_keys hist x
wait_gone hist "the whole session" || fail "hist: the help stays"
tui_keys hist Enter
wait_for hist "Red flags" && ok "hist: Enter opens the row" || fail "hist: Enter did not open the row"
screen=$(tui_capture hist)
expect_match "hist: the whole decision" "$screen" 'Decision +level 1 stays: session stopped early'
expect_match "hist: the pain" "$screen" 'Pain +2 of 10'
expect_match "hist: the red flags" "$screen" 'Red flags +none'
expect_match "hist: the morning" "$screen" 'Morning +not asked'
expect_match "hist: hurting exercises" "$screen" 'Hurting +none'
expect_match "hist: advice" "$screen" 'Advice +'
tui_keys hist '?'
wait_for hist "back to the list" && ok "hist: ? in the detail view" || fail "hist: no help in the detail view"
tui_keys hist x Escape
wait_for hist "DECISION" && ok "hist: Esc goes back to the list" || fail "hist: Esc did not go back"
tui_keys hist q
wait_for hist "LAST DONE" || fail "hist: q did not go home"
tui_keys hist q
wait_exit hist >/dev/null
tui_kill hist

# --- a locale without UTF-8: ASCII stand-ins, not "?" ----------------------------
cat > "$T/accents.csv" <<'CSV'
# title: Café – étirements
exercise,hold,cue
Pont fessier,30,"Serrez les fessiers – doucement… sans cambrer."
CSV
tui_start latin LC_ALL=C LANG=C "$LIMBER" run "$T/accents.csv"
wait_for latin "GET READY" || fail "latin: did not start"
screen=$(tui_capture latin)
expect_match "C locale: é and – as e and -" "$screen" 'Cafe - etirements'
expect_match "C locale: … as ..." "$screen" 'Serrez les fessiers - doucement\.\.\. sans cambrer\.'
expect_no_match "C locale: no ? for the accents" "$screen" 'Caf\?|\?tirements'
tui_kill latin

# --- the voice: on by default in the full-screen coach; m mutes it too --------
# (SDL's dummy driver.)  A 22 s hold says "Halfway" 11 s in; muted before
# then, it must not.  At twice the speed: 5 + 11 s of session time in 8 s.
cat > "$T/voice.csv" <<'CSV'
exercise,sets,reps,hold,rest
Speak,1,1,22,0
CSV
# Can this build and machine speak at all?  (--plain says why not.)
why=$(LIMBER_TIME_SCALE=1000 "$LIMBER" run --plain --voice "$T/voice.csv" </dev/null 2>&1 |
	grep -E 'voice off|sound off' || true)
if [ -n "$why" ]; then
	ok "voice: not tried: $why"
else
	tui_start voice LIMBER_TIME_SCALE=2 "$LIMBER" run --events "$T/voice.ev" "$T/voice.csv"
	wait_for voice "HOLD" 10 || fail "voice: the hold did not start"
	expect_match "voice: on by default: the get-ready names the exercise" \
		"$(grep ',say,' "$T/voice.ev")" \
		'^0,say,Speak,,,,"?Speak'
	tui_keys voice m
	wait_for voice "[muted]" && ok "voice: m mutes" || fail "voice: m did not mute"
	i=0
	until awk -F, '$2 == "second" && $1 >= 17000 { f = 1 } END { exit !f }' "$T/voice.ev"; do
		i=$((i + 1)); [ $i -lt 200 ] || break; sleep 0.1
	done
	expect_eq "voice: muted, no halfway said" "$(grep -c ',say,.*Halfway' "$T/voice.ev")" 0
	expect_eq "voice: muted, no cue either" \
		"$(awk -F, '$2 ~ /^cue_/ && $1 > 5000' "$T/voice.ev" | wc -l | tr -d ' ')" 0
	tui_kill voice
fi

finish
