#!/bin/sh
# bench/idle_cpu.sh [LIMBER]: what an idle coach costs.  CPU time and
# wake-ups over 60 s while one long hold runs in the full-screen coach,
# beside `tty-clock -s` in the same kind of window (80x24 tmux, private
# socket) over the same minute.  Needs tmux and tty-clock (Debian packages
# of those names).  Prints two lines; the figures vary a little run to run,
# so run it on a quiet machine, a few times.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
limber=${1:-$top/src/limber}
command -v tmux >/dev/null && command -v tty-clock >/dev/null || {
	echo "bench/idle_cpu.sh: needs tmux and tty-clock (apt-get install tmux tty-clock)" >&2
	exit 77
}
T=$(mktemp -d /tmp/limber-bench.XXXXXX)
S="tmux -S $T/sock -f /dev/null"
trap '$S kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
mkdir -p "$T/cfg" "$T/data" "$T/home"
printf 'exercise,sets,reps,hold,rest\nLong hold,1,1,200,0\n' > "$T/long.csv"
$S start-server \; set -g default-terminal tmux-256color \; set -g status off \; \
	new-session -d -s coach -x 80 -y 24 -e LANG=C.UTF-8 -e LIMBER_DATADIR="$top" \
	-e XDG_CONFIG_HOME="$T/cfg" -e XDG_DATA_HOME="$T/data" -e HOME="$T/home" \
	-e SDL_AUDIODRIVER=dummy "exec $limber --mute run $T/long.csv"
$S new-session -d -s clock -x 80 -y 24 "exec tty-clock -s"
i=0
until $S capture-pane -p -t coach | grep -q HOLD; do
	sleep 0.1; i=$((i + 1)); [ $i -lt 300 ] || { echo "the coach did not start" >&2; exit 1; }
done
cp=$($S display -p -t coach '#{pane_pid}')
kp=$($S display -p -t clock '#{pane_pid}')
ns() { awk '{ print $1 }' "/proc/$1/schedstat"; }
wakes() { awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$1/status"; }
c0=$(ns "$cp"); k0=$(ns "$kp"); cw0=$(wakes "$cp"); kw0=$(wakes "$kp")
sleep 60
c1=$(ns "$cp"); k1=$(ns "$kp"); cw1=$(wakes "$cp"); kw1=$(wakes "$kp")
printf 'limber (a hold):  %6d us CPU in 60 s, %4d wake-ups\n' $(( (c1 - c0) / 1000 )) $((cw1 - cw0))
printf 'tty-clock -s:     %6d us CPU in 60 s, %4d wake-ups\n' $(( (k1 - k0) / 1000 )) $((kw1 - kw0))
