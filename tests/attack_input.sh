#!/bin/sh
# Input and signals that go after the check-in and the clock (the attack
# round of hardening): a NUL byte in an answer, an answer of 300 bytes or
# of 2,000, escape sequences echoed from piped answers or typed on the
# full-screen pain scale (and Alt-3), Ctrl-D at the morning-after question
# on a terminal, SIGTERM, SIGHUP and SIGINT at the --plain pain prompt, and
# SIGSTOP/SIGCONT and Ctrl-Z in both front ends: stopped time is a pause,
# and the terminal's modes come back on SIGCONT.  The terminal cases run
# in tmux on a private socket (tests/tui_lib.sh) and are left out without
# tmux.
. "$TESTLIB_SH"

R="$XDG_CONFIG_HOME/limber/routines"
H="$XDG_DATA_HOME/limber/history.csv"
mkdir -p "$R"
printf 'exercise,hold,rest\nEasy,1,0\n' >"$R/r.csv"
printf 'exercise,hold,rest\nLong,60,0\n' >"$R/long.csv"
export LIMBER_TIME_SCALE=1000

# column N of the newest row: 4 status, 9 pain, 10 morning, 11 red_flags
col() { tail -n 1 "$H" | cut -d, -f"$1"; }
# a history whose one row is 30 hours old (a night has passed), so the
# morning-after is due
old_history() {
	mkdir -p "$XDG_DATA_HOME/limber"
	old=$(TZ=UTC date -d '30 hours ago' +%Y-%m-%dT%H:%M:%S+00:00)
	printf '%s\n%s\n' \
		"started,routine,level,status,planned_s,done_s,exercises_planned,exercises_done,pain,morning,red_flags,hurt,next_level,reason" \
		"$old,r,1,completed,6,6,1,1,2,,none,,1,level 1 stays" >"$H"
}
# until FILE holds TEXT (fixed string), 10 s at most
wait_file() {
	i=0
	until grep -qF -- "$2" "$1" 2>/dev/null || [ $i -ge 200 ]; do sleep 0.05; i=$((i + 1)); done
	grep -qF -- "$2" "$1" 2>/dev/null
}
# wait_pid PID: rc is its exit status, or "running" when it has not
# exited 10 s on (a signal lost), after killing it
running() {
	st=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)
	[ -n "$st" ] && [ "$st" != Z ]
}
wait_pid() {
	i=0
	while running "$1" && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	if running "$1"; then
		kill -9 "$1"
		wait "$1" 2>/dev/null
		rc=running
	else
		wait "$1"
		rc=$?
	fi
}
# the gap in t_ms from the first pause to the first resume of a trace
pause_gap() {
	awk -F, '$2 == "pause" && !p { p = $1 } $2 == "resume" && p && !r { r = $1 }
		END { print (p && r) ? r - p : "none" }' "$1"
}

# --- a NUL byte does not swallow the next answer ----------------------------
rm -f "$H"
printf '5\0\ny\nn\n' | "$LIMBER" run --plain --mute r >"$T/out" 2>&1; rc=$?
expect_eq "NUL: exit 0" "$rc" 0
expect_eq "NUL: pain 5 (the NUL is a blank)" "$(col 9)" 5
expect_eq "NUL: the yes to nerve signs after it is kept" "$(col 11)" nerve
expect_match "NUL: echoed as \\x00, not raw" "$(cat "$T/out")" 'skip\. 5\\x00$'

# --- every byte of an answer is judged --------------------------------------
printf '3%300sx\n\nn\nn\n' | "$LIMBER" run --plain --mute r >"$T/out" 2>&1
expect_eq "300-byte answer: not taken as pain 3" "$(col 9)" ""
expect_eq "300-byte answer: it is asked again" \
	"$(grep -c 'Please answer with a whole number from 0 to 10' "$T/out")" 1
expect_eq "300-byte answer: the answers after it are kept" "$(col 11)" none
long=$(head -c 2000 /dev/zero | tr '\0' 7)
printf '%s\n4\nn\ny\n' "$long" | "$LIMBER" run --plain --mute r >"$T/out" 2>&1; rc=$?
expect_eq "2,000-byte answer: exit 0" "$rc" 0
expect_match "2,000-byte answer: too long, said so" "$(cat "$T/out")" 'That answer is too long'
expect_eq "2,000-byte answer: then pain 4" "$(col 9)" 4
expect_eq "2,000-byte answer: then the urgent yes" "$(col 11)" urgent
# After urgent signs every later start asks whether a doctor has seen
# you (tests/recovery.sh): say yes once, so the cases below start as
# before.
printf 'y\n2\nn\nn\n' | "$LIMBER" run --plain --mute r >"$T/out" 2>&1
expect_match "urgent yes: the next start asks, yes" "$(cat "$T/out")" 'Have you been seen by a doctor since\? Yes or no\? y$'

# --- piped answers are echoed, but never as escape sequences -----------------
printf '\033]2;pwned\a\n2\nn\nn\n' | "$LIMBER" run --plain --mute r >"$T/out" 2>&1
expect_eq "echo: no ESC or BEL byte reaches the terminal" \
	"$(tr -d -c '\033\007' <"$T/out" | wc -c | tr -d ' ')" 0
expect_match "echo: the answer shown escaped" "$(cat "$T/out")" '\\x1b\]2;pwned\\x07$'
expect_eq "echo: then pain 2" "$(col 9)" 2

# An empty piped answer (Enter to skip) is echoed as nothing, not "(null)".
printf '\nn\nn\n' | "$LIMBER" run --plain --mute r >"$T/out" 2>&1
expect_no_match "echo: an empty answer shows as nothing" "$(cat "$T/out")" '[(]null[)]'
expect_eq "echo: the empty answer skipped the pain" "$(col 9)" ""
# `limber today` asks its first-use question the same way: a refused
# answer quoted in the error is escaped too, and NUL is a blank.
printf '\033]2;pwned\a\nx\0y\n\n' |
	LIMBER_NOW=2026-12-01T07:00:00+01:00 "$LIMBER" today >"$T/out" 2>&1
expect_eq "today: no ESC or BEL byte reaches the terminal" \
	"$(tr -d -c '\033\007' <"$T/out" | wc -c | tr -d ' ')" 0
expect_match "today: the refused answer quoted escaped" "$(cat "$T/out")" 'got "\\x1b\]2;pwned\\x07"'
expect_match "today: then Enter begins today" "$(cat "$T/out")" 'began on 2026-12-01'

# --- SIGTERM, SIGHUP and SIGINT at the --plain pain prompt -------------------
# stdin is a FIFO held open here, so the prompt waits for an answer.
mkfifo "$T/fifo"
exec 3<>"$T/fifo"
for sig in TERM HUP INT; do
	rows=$(tail -n +2 "$H" | wc -l)
	rm -f "$T/out"
	"$LIMBER" run --plain --mute r <"$T/fifo" >"$T/out" 2>&1 &
	pid=$!
	wait_file "$T/out" "Pain now" || fail "SIG$sig: no pain question"
	kill -s "$sig" "$pid"
	wait_pid "$pid"
	case $sig in INT) want=0 ;; *) want=1 ;; esac
	expect_eq "SIG$sig at the pain prompt: exit $want" "$rc" "$want"
	expect_eq "SIG$sig at the pain prompt: the session is recorded" \
		"$(tail -n +2 "$H" | wc -l)" $((rows + 1))
	expect_eq "SIG$sig at the pain prompt: pain not answered" "$(col 9)" ""
	expect_no_match "SIG$sig at the pain prompt: nothing more is asked" "$(cat "$T/out")" 'Nerve signs'
done
exec 3>&-

# --- SIGSTOP and SIGCONT without a terminal: the stopped time is a pause ------
# At 10x, stopped for a second of real time: 10 s that must not count as
# holding; nobody can press space, so it resumes by itself.
rm -f "$T/ev.csv"
LIMBER_TIME_SCALE=10 "$LIMBER" run --plain --mute --events "$T/ev.csv" long </dev/null >"$T/out" 2>&1 &
pid=$!
wait_file "$T/ev.csv" ",work," || fail "STOP: the hold did not start"
kill -STOP "$pid"
sleep 1	# the stop being measured, not a wait for the program
kill -CONT "$pid"
wait_pid "$pid"
expect_eq "STOP/CONT: exit 0" "$rc" 0
gap=$(pause_gap "$T/ev.csv")
case $gap in
none) fail "STOP/CONT: no pause and resume in the trace (the stop counted as holding)" ;;
*) [ "$gap" -ge 9000 ] && ok "STOP/CONT: paused for the ${gap} ms stopped" ||
	fail "STOP/CONT: paused for only $gap ms of about 10000 stopped" ;;
esac
expect_match "STOP/CONT: the hold counts in again after" "$(cat "$T/out")" '^Hold again in 3$'
expect_eq "STOP/CONT: completed" "$(col 4)" completed

# --- the terminal cases -------------------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
	echo "# tmux missing: the terminal cases are not tried"
	finish
fi
. "$(dirname "$TESTLIB_SH")/tui_lib.sh"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
pane_tty() { $TMUX_CMD display -p -t "$1" '#{pane_tty}'; }
# the canonical and echo flags of a pane's terminal: "-icanon -echo" raw
modes() { stty -F "$(pane_tty "$1")" -a | tr ' ' '\n' | grep -xE -- '-?(icanon|echo)' | tr '\n' ' '; }

# Ctrl-D at the morning-after question skips that question only.
old_history
tui_start morn "$LIMBER" run --plain --mute r
wait_for morn "the morning after" || fail "Ctrl-D: no morning question"
tui_keys morn C-d
wait_for morn "Pain now" && ok "Ctrl-D at the morning question: the pain is still asked" ||
	fail "Ctrl-D at the morning question: no pain question"
tui_keys morn 4 Enter
wait_for morn "Nerve signs" || fail "Ctrl-D: no nerve question"
tui_keys morn y Enter
wait_for morn "Urgent signs" || fail "Ctrl-D: no urgent question"
tui_keys morn n Enter
expect_eq "Ctrl-D: exit 0" "$(wait_exit morn)" 0
expect_eq "Ctrl-D: morning not answered" "$(col 10)" ""
expect_eq "Ctrl-D: the pain after the session" "$(col 9)" 4
expect_eq "Ctrl-D: the nerve signs after the session" "$(col 11)" nerve
expect_stty morn
tui_kill morn

# --plain on a terminal: Ctrl-Z pauses; a SIGSTOP with the shell's modes
# set meanwhile comes back paused with the keys taken one at a time again.
rm -f "$T/ev.csv"
tui_start pz LIMBER_TIME_SCALE=5 "$LIMBER" run --plain --mute --events "$T/ev.csv" long
wait_file "$T/ev.csv" ",work," || fail "plain Ctrl-Z: the hold did not start"
tui_keys pz C-z
# where the shell has job control the process stops: send it on
pid=$(tui_pid pz)
i=0
until grep -q ',pause,' "$T/ev.csv" || [ $i -ge 200 ]; do
	[ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" = T ] && kill -CONT "$pid"
	sleep 0.05
	i=$((i + 1))
done
expect_match "plain: Ctrl-Z pauses the session" "$(cat "$T/ev.csv")" ',pause,'
tui_keys pz Space
wait_file "$T/ev.csv" ",resume," && ok "plain: space resumes after Ctrl-Z" || fail "plain: no resume after Ctrl-Z"
wait_for pz "Hold again in 3" || fail "plain: no count-in after Ctrl-Z"
before=$(grep -c ',pause,' "$T/ev.csv")
kill -STOP "$pid"
stty -F "$(pane_tty pz)" sane	# what an interactive shell does at the stop
kill -CONT "$pid"
i=0
until [ "$(grep -c ',pause,' "$T/ev.csv")" -gt "$before" ] || [ $i -ge 200 ]; do sleep 0.05; i=$((i + 1)); done
expect_eq "plain: SIGSTOP then SIGCONT pauses the session" "$(grep -c ',pause,' "$T/ev.csv")" $((before + 1))
expect_eq "plain: after SIGCONT the keys are one at a time again" "$(modes pz)" "-icanon -echo "
tui_keys pz q y
wait_for pz "Pain now" || fail "plain: q y did not stop after SIGCONT"
tui_keys pz Enter
wait_for pz "Nerve signs" || fail "plain: no nerve question"
tui_keys pz n Enter
wait_for pz "Urgent signs" || fail "plain: no urgent question"
tui_keys pz n Enter
expect_eq "plain: exit 0 after the stops" "$(wait_exit pz)" 0
expect_stty pz
tui_kill pz

# The full-screen coach: stopped from outside mid-hold, with the shell's
# modes set meanwhile, it comes back PAUSED, raw, and space resumes it.
tui_start fs LIMBER_TIME_SCALE=5 "$LIMBER" run --mute long
wait_for fs "HOLD" || fail "full screen: no HOLD"
pid=$(tui_pid fs)
kill -STOP "$pid"
stty -F "$(pane_tty fs)" sane
sleep 1	# stopped for 5 s of session time
kill -CONT "$pid"
wait_for fs "PAUSED" 5 && ok "full screen: SIGSTOP then SIGCONT pauses the hold" ||
	fail "full screen: the stopped time counted as holding"
expect_eq "full screen: after SIGCONT the terminal is raw again" "$(modes fs)" "-icanon -echo "
tui_keys fs Space
wait_for fs "RESUMING" 5 && ok "full screen: space resumes after SIGCONT" ||
	fail "full screen: space did nothing after SIGCONT"

tui_keys fs q y
wait_for fs "Pain now, from 0 to 10" || fail "full screen: no pain question after SIGCONT"
tui_kill fs

# On the pain scale an escape sequence or an Alt key is no answer.
tui_start scale "$LIMBER" run --mute r
wait_for scale "Pain now, from 0 to 10" || fail "pain scale: no pain question"
$TMUX_CMD send-keys -t scale -H 1b 5b 39 39 3b 37 7e
tui_keys scale M-3
wait_for scale "Please answer" 5 && ok "pain scale: the unknown keys are not understood" ||
	fail "pain scale: no word about the unknown keys"
screen=$(tui_capture scale)
expect_match "pain scale: ESC [ 9 9 ; 7 ~ and Alt-3 choose nothing" "$screen" 'Type 0-10'
expect_no_match "pain scale: not 7, not 3" "$screen" 'Your answer: [37]\.'
tui_keys scale 2
wait_for scale "Your answer: 2." || fail "pain scale: a digit after them does not count"
tui_keys scale Enter
wait_for scale "Nerve signs" || fail "pain scale: no nerve question"
tui_keys scale n
wait_for scale "Urgent signs" || fail "pain scale: no urgent question"
tui_keys scale n
wait_for scale "any key" || fail "pain scale: no summary"
tui_keys scale x
expect_eq "pain scale: exit 0" "$(wait_exit scale)" 0
expect_stty scale
tui_kill scale
expect_eq "pain scale: pain 2 recorded" "$(col 9)" 2

finish
