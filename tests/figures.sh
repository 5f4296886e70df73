#!/bin/sh
# The figures on the run screen, end to end in tmux: beside the countdown at
# 80x24, 100x30 and 200x60 at the sizes the README gives, the right side the
# left mirrored cell for cell, keyframes taking turns during a hold, left
# out of a small window and under a locale that is not UTF-8; and
# `limber show`.
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed"; exit 77; }
. "$TESTLIB_SH"
. "$(dirname "$TESTLIB_SH")/tui_lib.sh"
: "${BRMIRROR:?run through make check}"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

# A short get-ready, so a side plank's two sides come quickly.
mkdir -p "$XDG_CONFIG_HOME/limber"
printf '[session]\nget_ready = 2\n' > "$XDG_CONFIG_HOME/limber/limber.conf"
cat > "$T/sides.csv" <<'CSV'
exercise,sets,reps,hold,rest,sides,switch,cue
Side plank,1,1,4,0,each,2,Elbow under your shoulder.
Bird-dog,1,1,6,0,none,,Reach forward and back.
CSV

# capture NAME FILE: the screen into FILE
capture() {
	tui_capture "$1" > "$2"
}

# The figure's columns at each size: a side plank is 48 x 20 dots, 24 x 5
# cells, drawn 1, 2 and 4 times as large, against the right edge with one
# column spare.  The three sessions run at once; each screen is caught as
# soon as it shows the left hold, then the right.
sizes="80x24:55:24 100x30:51:48 200x60:103:96"
for size in $sizes; do
	wh=${size%%:*}
	tui_start "s$wh" "$LIMBER" run "$T/sides.csv"
	tui_resize "s$wh" "${wh%x*}" "${wh#*x}"
done
i=0
while [ $i -lt 600 ]; do
	left=0
	for size in $sizes; do
		name=s${size%%:*}
		for side in left right; do
			[ -s "$T/$name.$side" ] && continue
			left=1
			tui_capture "$name" > "$T/$name.now"
			grep -qF "rep 1 of 1 · $side side" "$T/$name.now" &&
				mv "$T/$name.now" "$T/$name.$side"
			break
		done
	done
	[ $left -eq 0 ] && break
	i=$((i + 1))
	sleep 0.05
done
for size in $sizes; do
	wh=${size%%:*}
	rest=${size#*:}
	col=${rest%%:*}
	width=${rest#*:}
	name=s$wh
	[ -s "$T/$name.left" ] || fail "$wh: no left hold seen"
	[ -s "$T/$name.right" ] || fail "$wh: no right hold seen"
	screen=$(cat "$T/$name.right")
	expect_match "$wh: the exercise name is shown" "$screen" '^ Side plank'
	expect_match "$wh: the cue is shown" "$screen" 'Elbow under your shoulder\.'
	expect_match "$wh: the countdown is drawn big" "$screen" '█'
	expect_match "$wh: the keys are shown" "$screen" 'q stop'
	if out=$("$BRMIRROR" mirror "$col" "$width" "$T/$name.left" "$T/$name.right"); then
		ok "$wh: a ${width}-column figure, the right side the left mirrored"
	else
		fail "$wh: the figure in columns $((col + 1))-$((col + width)), mirrored:"
		printf '%s\n' "$out" | sed 's/^/  | /'
	fi
	# the digits have the rest of the width
	if "$BRMIRROR" none 0 "$col" "$T/$name.right" >/dev/null; then
		ok "$wh: the figure stays in its columns"
	else
		fail "$wh: braille left of the figure's columns"
	fi
done
tui_kill s80x24
tui_kill s200x60

# Keyframes at the rep's pace: the shipped bird-dog's start and reach take
# turns during its hold.
name=s100x30
bird_hold() {
	tui_capture "$name" > "$T/bd.now"
	grep -q '^ Bird-dog' "$T/bd.now" && grep -q 'HOLD' "$T/bd.now"
}
i=0
until bird_hold || [ $i -ge 400 ]; do i=$((i + 1)); sleep 0.05; done
mv "$T/bd.now" "$T/bd.start"
i=0
while [ $i -lt 160 ] && bird_hold &&
	"$BRMIRROR" same 51 48 "$T/bd.start" "$T/bd.now" >/dev/null; do
	i=$((i + 1))
	sleep 0.05
done
if grep -q HOLD "$T/bd.now" && ! "$BRMIRROR" same 51 48 "$T/bd.start" "$T/bd.now" >/dev/null; then
	ok "bird-dog: the second keyframe follows the first within the hold"
else
	fail "bird-dog: the figure did not move during the hold"
	sed 's/^/  | /' "$T/bd.now"
fi
tui_kill "$name"

# no_figure NAME W H DIGIT LOCALE: in a W x H window under LOCALE, the
# hold's countdown (drawn with DIGIT) and no figure
no_figure() {
	tui_start "$1" env LC_ALL="$5" LANG="$5" "$LIMBER" run "$T/sides.csv"
	tui_resize "$1" "$2" "$3"
	wait_for "$1" "HOLD" 15 || fail "$1: no hold"
	tui_capture "$1" > "$T/$1"
	expect_match "$1: the countdown" "$(cat "$T/$1")" "$4"
	"$BRMIRROR" none 0 "$2" "$T/$1" >/dev/null && ok "$1: no figure" ||
		fail "$1: braille on the screen"
	tui_kill "$1"
}
no_figure small-44x14 44 14 '█' C.UTF-8
no_figure ascii-LC_ALL=C 100 30 '#' C

# limber show: every exercise of a routine, its frames and cue.
out=$("$LIMBER" show core 2>&1); rc=$?
expect_eq "show core exits 0" "$rc" 0
expect_match "show core: the title" "$out" '^Core stability \(core\)$'
expect_match "show core: bird-dog's frames and its right side" "$out" \
	'^1\. start \(left\) +2\. reach \(left\) +right side$'
expect_match "show core: a cue" "$out" '^  On hands and knees, reach the named arm'
printf '%s\n' "$out" > "$T/show"
"$BRMIRROR" none 0 200 "$T/show" >/dev/null && fail "show core: no braille" ||
	ok "show core: figures in braille"
out=$("$LIMBER" show "child's pose" 2>&1)
expect_match "show an exercise by name" "$out" "^Child's pose"
out=$(LC_ALL=C "$LIMBER" show stretch 2>&1)
printf '%s\n' "$out" > "$T/show"
"$BRMIRROR" none 0 200 "$T/show" >/dev/null && ok "show under LC_ALL=C: no braille" ||
	fail "show under LC_ALL=C: braille"
expect_match "show under LC_ALL=C: the cues" "$out" 'Kneel on the named knee'
err=$("$LIMBER" show nosuch 2>&1); rc=$?
expect_eq "show nosuch exits 1" "$rc" 1
expect_match "show nosuch says what is there" "$err" 'no routine, exercise or figure named "nosuch"'

# A user's figure replaces the shipped one; a broken one is named with its
# line and column by check, show and the session.
mkdir -p "$XDG_CONFIG_HOME/limber/figures"
printf 'size 8 8\nline a b\nframe f\njoint a 0 0\njoint b 9 7\n' \
	> "$XDG_CONFIG_HOME/limber/figures/plank.fig"
err=$("$LIMBER" check 2>&1); rc=$?
expect_eq "check with a broken figure exits 1" "$rc" 1
expect_match "check names the figure's line and column" "$err" \
	'figures/plank\.fig:5:9: error: x must be a whole number from 0 to 7, got "9"'
out=$("$LIMBER" show plank 2>&1)
expect_match "show: the broken figure is not drawn" "$out" '\(no figure\)'
printf 'exercise,hold\nPlank,30\n' > "$T/plank.csv"
tui_start broken "$LIMBER" run "$T/plank.csv"
wait_for broken "GET READY" 10 || fail "broken figure: no session"
kill -TERM "$(tui_pid broken)"
expect_eq "broken figure: SIGTERM ends the session" "$(wait_exit broken)" 1
expect_match "broken figure: named after the screen closes" "$($TMUX_CMD capture-pane -pJ -S - -t broken)" \
	'plank\.fig:5:9: error: x must be a whole number'
printf 'size 8 8\nline a b\nframe f\njoint a 0 0\njoint b 7 7\n' \
	> "$XDG_CONFIG_HOME/limber/figures/plank.fig"
out=$("$LIMBER" show plank 2>&1)
expect_match "show: the user's figure replaces the shipped one" "$out" '^⠑⢄$'
printf 'size 8 8\nrest strol\nline a b\nframe f\njoint a 0 0\njoint b 7 7\n' \
	> "$XDG_CONFIG_HOME/limber/figures/run.fig"
err=$("$LIMBER" check 2>&1); rc=$?
expect_eq "check: a rest naming no figure is only a warning" "$rc" 0
expect_match "check: the rest that names no figure" "$err" \
	'figures/run\.fig:2:6: warning: no figure named "strol"'
finish
