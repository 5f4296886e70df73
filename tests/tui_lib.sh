# tests/tui_lib.sh - drive the curses coach in tmux on a private socket.
#
# Sourced by tests/tui.sh after lib.sh.  Every program runs in its own tmux
# session through a small wrapper that notes `stty -g` before and after it
# and its exit status.  Assertions poll `capture-pane` until the screen
# shows what they wait for; nothing relies on a bare sleep being long
# enough.

# The socket lives in a short folder of its own (a unix socket path has a
# length limit); it goes, with the server, when the test exits.
TS=$(mktemp -d /tmp/limber-tui.XXXXXX)
TMUX_CMD="tmux -S $TS/sock -f /dev/null"
trap '$TMUX_CMD kill-server >/dev/null 2>&1; rm -rf "$TS" "$T"' EXIT

tui_term=tmux-256color
infocmp "$tui_term" >/dev/null 2>&1 || tui_term=screen

cat > "$TS/wrap" <<'EOF'
#!/bin/sh
# wrap NAME CMD...: run CMD in the pane; NAME.before and NAME.after hold
# stty -g around it, NAME.pid this shell (CMD is its only child), NAME.rc
# the exit status.
n=$1
shift
ulimit -c 0 2>/dev/null
echo $$ > "$n.pid"
stty -g > "$n.before"
"$@"
rc=$?
stty -g > "$n.after"
echo "$rc" > "$n.rc"
exit "$rc"
EOF
chmod +x "$TS/wrap"

# 'it'\''s' quoting for a shell command line
shquote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# tui_start NAME [VAR=VALUE...] CMD ARGS...: a new 80x24 session NAME
# running CMD (with the variables set) through the wrapper.
tui_start() {
	name=$1
	shift
	# TERM as tmux's default-terminal would set it, without racing the
	# first session's start against setting the option
	cmd="$(shquote "$TS/wrap") $(shquote "$TS/$name") env TERM=$tui_term"
	for a in "$@"; do cmd="$cmd $(shquote "$a")"; done
	rm -f "$TS/$name".*
	$TMUX_CMD new-session -d -s "$name" -x 80 -y 24 "$cmd" \; \
		set -g remain-on-exit on \; set -g status off
}

tui_capture() {
	$TMUX_CMD capture-pane -p -t "$1" 2>/dev/null
}

tui_keys() {
	name=$1
	shift
	$TMUX_CMD send-keys -t "$name" "$@"
}

tui_resize() {
	$TMUX_CMD resize-window -t "$1" -x "$2" -y "$3"
}

# 1 when the program in the pane has exited
tui_dead() {
	[ "$($TMUX_CMD display -p -t "$1" '#{pane_dead}' 2>/dev/null)" = 1 ]
}

# wait_for NAME TEXT [SECONDS]: until the screen shows TEXT (fixed
# string).  Fails (and shows the screen) after SECONDS, 10 by default.
wait_for() {
	i=0
	lim=$(( ${3:-10} * 20 ))
	while ! tui_capture "$1" | grep -qF -- "$2"; do
		i=$((i + 1))
		if [ $i -ge $lim ] || tui_dead "$1" || ! $TMUX_CMD has-session 2>/dev/null; then
			tui_capture "$1" | grep -qF -- "$2" && return 0
			echo "  timed out waiting for \"$2\"; the screen:"
			tui_capture "$1" | sed 's/^/  | /'
			return 1
		fi
		sleep 0.05
	done
}

# wait_gone NAME TEXT [SECONDS]: until the screen no longer shows TEXT.
wait_gone() {
	i=0
	lim=$(( ${3:-10} * 20 ))
	while tui_capture "$1" | grep -qF -- "$2"; do
		i=$((i + 1))
		[ $i -ge $lim ] && return 1
		sleep 0.05
	done
	return 0
}

# wait_change NAME SCREEN [SECONDS]: until the screen differs from SCREEN.
wait_change() {
	i=0
	lim=$(( ${3:-10} * 20 ))
	while [ "$(tui_capture "$1")" = "$2" ]; do
		i=$((i + 1))
		[ $i -ge $lim ] && return 1
		sleep 0.05
	done
	return 0
}

# wait_exit NAME [SECONDS]: until the program exited; prints its status,
# or "running" after SECONDS.  The status comes from the wrapper's NAME.rc,
# written once the program and the `stty -g` after it are done: tmux's own
# pane_dead_status depends on when its server reaps the pane, which on a
# busy machine was seen to take longer than any sensible timeout.
wait_exit() {
	i=0
	lim=$(( ${2:-10} * 20 ))
	until [ -s "$TS/$1.rc" ]; do
		i=$((i + 1))
		if [ $i -ge $lim ]; then
			echo running
			return 1
		fi
		sleep 0.05
	done
	cat "$TS/$1.rc"
}

# The pid of the program running in NAME's pane.
tui_pid() {
	ppid=$(cat "$TS/$1.pid")
	if command -v pgrep >/dev/null 2>&1; then
		pgrep -P "$ppid" | head -n 1
	else
		for s in /proc/[0-9]*/stat; do
			set -- $(cat "$s" 2>/dev/null)
			[ "${4:-}" = "$ppid" ] && { echo "$1"; return; }
		done
	fi
}

tui_kill() {
	$TMUX_CMD kill-session -t "$1" >/dev/null 2>&1
}

# expect_stty NAME: the terminal modes after equal those before.
expect_stty() {
	expect_eq "$1: stty -g the same before and after" \
		"$(cat "$TS/$1.after" 2>/dev/null)" "$(cat "$TS/$1.before" 2>/dev/null)"
}
