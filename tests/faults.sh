#!/bin/sh
# Faults from outside: kill -9 at random moments, SIGHUP and SIGTERM under
# a terminal, a full disk, a read-only or misplaced data folder, missing
# and unreadable routines, sounds and settings, what a permissive umask
# must not expose, where files may be written, the network, and terminals
# limber does not know.  (tests/coach.sh covers SIGTERM without a
# terminal, the 0600/0700 history under umask 000, a data path that is a
# file and a read-only data folder when not root.)
#
# FAULTS_TRIALS (default 40) sets the number of kill -9 trials and
# FAULTS_SEED their random delays (printed, so a failure can be replayed).
. "$TESTLIB_SH"

# An immutable folder (root's read-only case) must be let go before the
# throw-away home is removed.
trap 'chattr -i "$T/ro/limber" 2>/dev/null; rm -rf "$T"' EXIT

R="$XDG_CONFIG_HOME/limber/routines"
H="$XDG_DATA_HOME/limber/history.csv"
mkdir -p "$R"
printf 'exercise,hold,rest\nEasy,1,0\n' >"$R/r.csv"
# Long enough to be caught mid-hold at real speed.
printf 'exercise,hold,rest\nLong hold,60,0\n' >"$R/long.csv"
export LIMBER_TIME_SCALE=1000

# A session of r with answers on stdin, muted (an unmuted one lets the
# finish cue play out, a second more) unless it says --loud; out and err in $T.
run() {
	mute=--mute
	[ "${1:-}" = --loud ] && { mute=; shift; }
	printf '2\nn\nn\n' | "$LIMBER" run --plain $mute "$@" r >"$T/out" 2>"$T/err"
}
# exited WHAT RC: 0 or 1, never a signal
exited() {
	case "$2" in
	0|1) ok "$1: exit $2" ;;
	*) fail "$1: exit status $2 (a crash?)" ;;
	esac
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# --- kill -9 at random moments ---------------------------------------------
# Each trial runs its own copy of the routine, named k<trial>, so every row
# says which trial wrote it: no row may be torn (every line reads back
# without a warning) and none may appear twice.  Muted, so the process ends
# soon after its row is written instead of letting the finish cue play out
# for a second.  The delays are spread on a log scale from half a
# millisecond to one and a half sessions, so start-up, the session, the
# check-in and the append are all hit.
trials=${FAULTS_TRIALS:-40}
seed=${FAULTS_SEED:-$(($(date +%s) % 100000))}
echo "# kill -9: $trials trials, FAULTS_SEED=$seed"
rm -f "$H"
t0=$(now_ms); run; t1=$(now_ms)
life=$((t1 - t0))
[ "$life" -ge 5 ] || life=5
echo "# one session takes $life ms here; kills land within $((life * 3 / 2)) ms"
rm -f "$H"
mkdir -p "$T/k"
awk -v n="$trials" -v s="$seed" -v ms="$life" 'BEGIN {
	srand(s)
	lo = log(0.5); hi = log(ms * 1.5)
	for (i = 0; i < n; i++) printf "%d %.4f\n", i, exp(lo + rand() * (hi - lo)) / 1000
}' >"$T/delays"
finished=0 before=0 after=0
: >"$T/finished"
while read -r i delay; do
	cp "$R/r.csv" "$T/k/k$i.csv"
	# pain 0-7: a rest day advised (8 or more) would make the
	# trials after it ask for confirmation first
	printf '%s\nn\nn\n' $((i % 8)) >"$T/answers"
	"$LIMBER" run --plain --mute "$T/k/k$i.csv" <"$T/answers" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -KILL "$pid" 2>/dev/null
	{ wait "$pid"; rc=$?; } 2>/dev/null
	present=0
	[ -f "$H" ] && grep -q "^[^,]*,k$i," "$H" && present=1
	case "$rc" in
	0) finished=$((finished + 1)); echo "k$i" >>"$T/finished" ;;
	137) if [ "$present" -eq 1 ]; then after=$((after + 1)); else before=$((before + 1)); fi ;;
	*) fail "trial $i: exit status $rc" ;;
	esac
done <"$T/delays"
echo "# $trials trials: $before killed before writing their row, $after killed after it, $finished finished"
if [ -f "$H" ]; then
	lines=$(wc -l <"$H")
	"$LIMBER" history --csv >"$T/rows" 2>"$T/err"; rc=$?
	expect_eq "after kill -9: history reads" "$rc" 0
	expect_eq "after kill -9: no warning (no torn row)" "$(cat "$T/err")" ""
	expect_eq "after kill -9: every line is a row" "$(wc -l <"$T/rows")" "$lines"
	expect_eq "after kill -9: the file ends with a newline" "$(tail -c 1 "$H" | od -An -c | tr -d ' ')" '\n'
	sed 1d "$T/rows" | cut -d, -f2 | sort >"$T/names"
	expect_eq "after kill -9: no row twice" "$(uniq -d "$T/names")" ""
	expect_eq "after kill -9: rows from the trials that finished or wrote theirs" \
		"$(wc -l <"$T/names")" $((finished + after))
	expect_eq "after kill -9: every finished trial has its row" \
		"$(sort "$T/finished" | comm -23 - "$T/names")" ""
else
	expect_eq "after kill -9: no history only when nothing finished" "$((finished + after))" 0
fi
expect_eq "after kill -9: nothing else left in the data folder" \
	"$(ls -A "$XDG_DATA_HOME/limber" 2>/dev/null | grep -v '^history\.csv$')" ""
rm -rf "$T/k"

# --- SIGHUP and SIGTERM under a terminal -------------------------------------
# In a pseudo-terminal (script(1)), limber takes the keys one at a time; a
# hang-up or a TERM mid-hold must leave the terminal as it found it, record
# the session as stopped, ask nothing, and exit 1.
if command -v script >/dev/null 2>&1; then
	for sig in HUP TERM; do
		rm -f "$T/ev" "$T/rc" "$H"
		cat >"$T/pty.sh" <<EOF
stty -g >"$T/stty.before"
LIMBER_TIME_SCALE=1 "$LIMBER" run --plain --events "$T/ev" long </dev/tty >"$T/out" 2>&1 &
pid=\$!
i=0
until grep -q ',work,' "$T/ev" 2>/dev/null || [ \$i -ge 400 ]; do sleep 0.05; i=\$((i + 1)); done
kill -$sig \$pid
wait \$pid
echo \$? >"$T/rc"
stty -g >"$T/stty.after"
EOF
		timeout 120 script -qec "sh $T/pty.sh" /dev/null >/dev/null 2>&1 </dev/null
		expect_eq "SIG$sig under a terminal: exit 1" "$(cat "$T/rc" 2>/dev/null)" 1
		expect_eq "SIG$sig: the terminal is restored" "$(cat "$T/stty.after" 2>/dev/null)" \
			"$(cat "$T/stty.before" 2>/dev/null)"
		expect_eq "SIG$sig: one row" "$("$LIMBER" history --csv 2>/dev/null | wc -l)" 2
		expect_eq "SIG$sig: recorded as stopped" \
			"$("$LIMBER" history --csv 2>/dev/null | tail -n 1 | cut -d, -f4)" stopped
		expect_no_match "SIG$sig: no check-in" "$(cat "$T/out")" 'Pain now'
		expect_match "SIG$sig: the summary is shown" "$(cat "$T/out")" '^Stopped: 0 of 1 exercises'
	done
else
	echo "# script(1) missing: SIGHUP/SIGTERM under a terminal not tried"
fi

# --- a full disk (the fault shim: writes to history.csv fail with ENOSPC) ----------
rm -f "$H"
faults_on LIMBER_FAULT_ENOSPC=1 || exit 99
run; rc=$?
faults_off
expect_eq "full disk: exit 1" "$rc" 1
expect_match "full disk: the path and the reason" "$(cat "$T/err")" \
	"^$H: error: cannot write: No space left on device\$"
expect_match "full disk: not recorded, and says so" "$(cat "$T/err")" 'NOT recorded'
expect_match "full disk: the summary is still shown" "$(cat "$T/out")" '^Done: 1 of 1 exercises'
expect_match "full disk: the decision is still shown" "$(cat "$T/out")" '^Next time: '
rm -f "$H"

# --- a read-only data folder (root: an immutable one), data paths that are
# not what they should be --------------------------------------------------------
mkdir -p "$T/ro/limber"
if [ "$(id -u)" -ne 0 ]; then
	chmod 500 "$T/ro/limber"; ro=1
elif chattr +i "$T/ro/limber" 2>/dev/null; then
	ro=1
else
	ro=0; echo "# root without chattr +i here: read-only data folder not tried"
fi
if [ "$ro" -eq 1 ]; then
	XDG_DATA_HOME="$T/ro" run; rc=$?
	expect_eq "read-only data folder: exit 1" "$rc" 1
	expect_match "read-only data folder: the path is named" "$(cat "$T/err")" \
		"^$T/ro/limber/history\.csv: error: cannot open for appending: "
	expect_match "read-only data folder: the summary is shown" "$(cat "$T/out")" '^Done: 1 of 1'
	chattr -i "$T/ro/limber" 2>/dev/null; chmod 700 "$T/ro/limber"
fi
mkdir -p "$T/nd"; : >"$T/nd/limber"
XDG_DATA_HOME="$T/nd" run; rc=$?
expect_eq "data folder is a file: exit 1" "$rc" 1
expect_match "data folder is a file: named" "$(cat "$T/err")" "$T/nd/limber"
expect_match "data folder is a file: summary shown" "$(cat "$T/out")" '^Done: 1 of 1'
mkdir -p "$T/hd/limber/history.csv"
XDG_DATA_HOME="$T/hd" run; rc=$?
expect_eq "history is a folder: exit 1" "$rc" 1
expect_match "history is a folder: named" "$(cat "$T/err")" "^$T/hd/limber/history\.csv: error: .*Is a directory"
expect_match "history is a folder: summary shown" "$(cat "$T/out")" '^Done: 1 of 1'

# --- routines that are not there or cannot be read --------------------------------
"$LIMBER" run --plain nosuch </dev/null >"$T/out" 2>"$T/err"; rc=$?
expect_eq "unknown routine: exit 1" "$rc" 1
expect_match "unknown routine: says what there is" "$(cat "$T/err")" 'no routine named "nosuch"; there are: '
"$LIMBER" run --plain "$T/none.csv" </dev/null >"$T/out" 2>"$T/err"; rc=$?
expect_eq "missing routine file: exit 1" "$rc" 1
expect_match "missing routine file: named, with the reason" "$(cat "$T/err")" \
	"$T/none\.csv: .*No such file or directory"
mkdir -p "$T/dir.csv"
"$LIMBER" run --plain "$T/dir.csv" </dev/null >"$T/out" 2>"$T/err"; rc=$?
expect_eq "a folder as routine: exit 1" "$rc" 1
expect_match "a folder as routine: named" "$(cat "$T/err")" "$T/dir\.csv: is a directory"
ln -s loop.csv "$T/loop.csv"
"$LIMBER" check "$T/loop.csv" >"$T/out" 2>"$T/err"; rc=$?
expect_eq "an unreadable routine (a link loop): exit 1" "$rc" 1
expect_match "an unreadable routine: named, with the reason" "$(cat "$T/err")" \
	"$T/loop\.csv: .*(Too many levels of symbolic links|No such file)"
if [ "$(id -u)" -ne 0 ]; then
	cp "$R/r.csv" "$T/locked.csv"; chmod 000 "$T/locked.csv"
	"$LIMBER" check "$T/locked.csv" >"$T/out" 2>"$T/err"; rc=$?
	expect_eq "a routine without read permission: exit 1" "$rc" 1
	expect_match "a routine without read permission: named" "$(cat "$T/err")" \
		"$T/locked\.csv: .*Permission denied"
fi

# --- sounds that are not there --------------------------------------------------------
# A data folder with the routines but no sounds: one warning names the
# folder (not one per cue); the session runs and is recorded.
mkdir -p "$T/datadir/routines"
cp "$LIMBER_DATADIR"/routines/*.csv "$T/datadir/routines/"
rm -f "$H"
LIMBER_DATADIR="$T/datadir" run --loud; rc=$?
expect_eq "no sounds folder: the session runs" "$rc" 0
if grep -q 'sound off: \(no audio\|no sound library\|limber was built\)' "$T/out"; then
	echo "# no audio device: the sounds are not looked for"
else
	expect_eq "no sounds folder: one warning naming it" "$(cat "$T/err")" \
		"$T/datadir/sounds: warning: no sounds folder here (No such file or directory); every cue stays silent"
fi
expect_eq "no sounds folder: recorded" "$("$LIMBER" history --csv | wc -l)" 2
# The user's own sound still plays; the warning names the cues left silent.
mkdir -p "$XDG_CONFIG_HOME/limber/sounds"
cp "$LIMBER_DATADIR/sounds/go.wav" "$XDG_CONFIG_HOME/limber/sounds/go.wav"
LIMBER_DATADIR="$T/datadir" run --loud; rc=$?
expect_eq "no sounds folder, a user's cue: the session runs" "$rc" 0
if ! grep -q 'sound off' "$T/out"; then
	expect_eq "no sounds folder, a user's cue: one warning naming it and the silent cues" \
		"$(cat "$T/err")" \
		"$T/datadir/sounds: warning: no sounds folder here (No such file or directory); the cues without a sound of your own stay silent: tick, switch, rest, done, finish"
fi
# A sounds "folder" that is a file: the same, with the reason.
echo "not a folder" >"$T/datadir/sounds"
LIMBER_DATADIR="$T/datadir" run --loud; rc=$?
expect_eq "sounds folder is a file: the session runs" "$rc" 0
if ! grep -q 'sound off: \(no audio\|no sound library\|limber was built\)' "$T/out"; then
	expect_match "sounds folder is a file: named once" \
		"$(grep -c 'sounds' "$T/err") $(cat "$T/err")" \
		"^1 $T/datadir/sounds: warning: no sounds folder here \\(Not a directory\\); the cues without"
fi
rm -rf "$XDG_CONFIG_HOME/limber/sounds" "$T/datadir/sounds"
# A user's cue that is not a sound: the shipped one plays instead.
mkdir -p "$XDG_CONFIG_HOME/limber/sounds"
echo "not a sound" >"$XDG_CONFIG_HOME/limber/sounds/go.wav"
run --loud; rc=$?
expect_eq "a broken user cue: the session runs" "$rc" 0
if grep -q 'sound off' "$T/out"; then
	echo "# no audio device: the user cue is not loaded"
else
	expect_match "a broken user cue: named, the shipped one plays" "$(cat "$T/err")" \
		"^$XDG_CONFIG_HOME/limber/sounds/go\.wav: warning: cannot play this sound .*the shipped go cue plays instead"
fi
rm -rf "$XDG_CONFIG_HOME/limber/sounds"

# --- settings that cannot be read ---------------------------------------------------
C="$XDG_CONFIG_HOME/limber/limber.conf"
mkdir -p "$C"
run; rc=$?
expect_eq "settings file is a folder: the session runs" "$rc" 0
expect_match "settings file is a folder: named" "$(cat "$T/err")" \
	"^$C: warning: cannot read: Is a directory; using the defaults\$"
rmdir "$C"; ln -s limber.conf "$C"
"$LIMBER" list >"$T/out" 2>"$T/err"; rc=$?
expect_eq "settings file is a link loop: list works" "$rc" 0
expect_match "settings file is a link loop: named" "$(cat "$T/err")" \
	"^$C: warning: cannot open: Too many levels of symbolic links; using the defaults\$"
rm -f "$C"
if [ "$(id -u)" -ne 0 ]; then
	echo "[session]" >"$C"; chmod 000 "$C"
	"$LIMBER" list >"$T/out" 2>"$T/err"
	expect_match "settings without read permission: named" "$(cat "$T/err")" \
		"^$C: warning: cannot open: Permission denied; using the defaults\$"
	rm -f "$C"
fi

# --- privacy: under umask 000, what limber creates for the user is private ----------
# (the history and its folder: tests/coach.sh)
rm -rf "$T/cfg2"
( umask 000; XDG_CONFIG_HOME="$T/cfg2" EDITOR=true "$LIMBER" edit --new mine >/dev/null 2>&1 )
expect_eq "umask 000: config folder 0700" "$(stat -c %a "$T/cfg2/limber" 2>/dev/null)" 700
expect_eq "umask 000: routines folder 0700" "$(stat -c %a "$T/cfg2/limber/routines" 2>/dev/null)" 700
expect_eq "umask 000: a new routine 0600" "$(stat -c %a "$T/cfg2/limber/routines/mine.csv" 2>/dev/null)" 600

# --- nothing written outside the XDG folders -------------------------------------------
# Everything limber could use points into a fresh folder; a session, list,
# check, history and stats run from a working folder inside it; afterwards
# the only change in the whole folder is the history.
J="$T/jail"
mkdir -p "$J/home" "$J/config/limber/routines" "$J/data" "$J/cache" "$J/state" \
	 "$J/runtime" "$J/tmp" "$J/cwd"
chmod 700 "$J/runtime"
cp "$R/r.csv" "$J/config/limber/routines/"
jail() {
	( cd "$J/cwd" && HOME="$J/home" XDG_CONFIG_HOME="$J/config" XDG_DATA_HOME="$J/data" \
	  XDG_CACHE_HOME="$J/cache" XDG_STATE_HOME="$J/state" XDG_RUNTIME_DIR="$J/runtime" \
	  TMPDIR="$J/tmp" "$@" )
}
listing() { find "$J" -printf '%p %y %m\n' | sort; }
listing >"$T/before"
printf '2\nn\nn\n' | jail "$LIMBER" run --plain r >/dev/null 2>&1
for cmd in list check history stats; do jail "$LIMBER" $cmd >/dev/null 2>&1; done
listing >"$T/after"
expect_eq "only the history is new" "$(comm -13 "$T/before" "$T/after")" \
	"$J/data/limber d 700
$J/data/limber/history.csv f 600"
expect_eq "nothing went away" "$(comm -23 "$T/before" "$T/after")" ""

# With strace, every write anywhere on the machine is seen: each must be in
# the data or config folder (or /dev/null).
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	# LeakSanitizer cannot run under ptrace.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"; export ASAN_OPTIONS
	printf '2\nn\nn\n' | jail strace -f -qq -o "$T/trace" \
		-e trace=%file \
		"$LIMBER" run --plain r >/dev/null 2>&1
	# the writes that succeeded, and the paths they name
	grep -E 'O_WRONLY|O_RDWR|O_CREAT|^[0-9]+ +(creat|mkdir|mkdirat|rename|renameat2?|link|linkat|symlink|symlinkat|unlink|unlinkat|truncate|chmod|fchmodat)\(' "$T/trace" |
		grep -v '= -1 ' | sed -n 's/^[^"]*"\([^"]*\)".*/\1/p' | sort -u >"$T/written"
	expect_eq "strace: writes only in the XDG data folder (or /dev/null)" \
		"$(grep -v -e "^$J/data/" -e '^/dev/null$' "$T/written")" ""
	expect_match "strace: the history was among them" "$(cat "$T/written")" "^$J/data/limber/history\.csv\$"

	# --- no network ---------------------------------------------------------
	printf '2\nn\nn\n' | jail strace -f -qq -o "$T/net" -e trace=network \
		"$LIMBER" run --plain r >/dev/null 2>&1
	expect_eq "no network: no socket but local ones" \
		"$(grep -E 'socket\(' "$T/net" | grep -v -E 'AF_UNIX|AF_LOCAL|AF_NETLINK')" ""
	expect_eq "no network: no connect or send beyond them" \
		"$(grep -E 'connect\(|sendto\(|sendmsg\(' "$T/net" | grep -E 'AF_INET|AF_INET6|sin_port|sin6_port')" ""
	echo "# network calls seen: $(grep -c -E 'socket\(|connect\(' "$T/net")"
else
	echo "# strace missing or not allowed: writes and network not traced"
fi

# --- terminals limber does not know: --plain does not care ------------------------------
for term in unset dumb nosuch-terminal-9000; do
	rm -f "$H"
	if [ "$term" = unset ]; then
		printf '2\nn\nn\n' | env -u TERM "$LIMBER" run --plain r >"$T/out" 2>"$T/err"
	else
		printf '2\nn\nn\n' | TERM=$term "$LIMBER" run --plain r >"$T/out" 2>"$T/err"
	fi
	rc=$?
	expect_eq "TERM $term: --plain works" "$rc" 0
	expect_match "TERM $term: the summary" "$(cat "$T/out")" '^Done: 1 of 1 exercises'
	expect_eq "TERM $term: no complaint" "$(cat "$T/err")" ""
	expect_eq "TERM $term: recorded" "$("$LIMBER" history --csv | wc -l)" 2
done
finish
