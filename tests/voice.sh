#!/bin/sh
# The voice coach, listened to.  A routine that calls for every kind of
# phrase runs at real speed with --voice through SDL's disk driver,
# recorded through a named pipe (the device closes across silences and
# the driver would start a plain file again at every open: see
# tests/onsets.c, --fifo).  tests/onsets names every tone, fits the tones
# against their cue_NAME lines (offset and rate), and checks that every
# `say` line of the trace has its speech where the fit puts it, that no
# speech is left without a say line, and that no speech covers a tone.
# Also: the device really closed and opened again (the recording arrived
# in bursts with silences between), --no-voice and --plain without --voice
# say nothing, and an unknown voice_name leaves the tones on with one line
# saying why.  Skipped without SDL2_mixer or espeak-ng.
. "$TESTLIB_SH"

listening_setup 180
say_lines() { grep -c ',say,' "$1"; }

mkdir -p "$XDG_CONFIG_HOME/limber"
printf '[session]\nget_ready = 4\n' > "$XDG_CONFIG_HOME/limber/limber.conf"
# Bird-dog: alternating, two sets (left, right, "last set"), a rest that
# names what comes next; Side plank: a switch; Wall squat: a 22 s hold
# (halfway, 10 seconds left); then the end.  77 s.
cat > "$T/voice.csv" <<'CSV'
exercise,sets,reps,hold,rest,sides,switch
Bird-dog,2,1,3,6,alternate,0
Side plank,1,1,3,6,each,5
Wall squat,1,1,22,0,none,0
CSV

# --- the build can speak? ------------------------------------------------------
SDL_AUDIODRIVER=dummy LIMBER_TIME_SCALE=50 limited "$LIMBER" run --plain --voice \
	--events "$T/probe.csv" "$T/voice.csv" </dev/null >"$T/probe.out" 2>&1
if grep -q 'sound off: .*built without' "$T/probe.out"; then
	echo "SKIP: limber was built without SDL2_mixer"
	exit 77
fi
if grep -q 'voice off: .*\(built without\|no speech library\)' "$T/probe.out"; then
	echo "SKIP: $(grep -m1 'voice off' "$T/probe.out")"
	exit 77
fi
expect_no_match "the dummy driver speaks" "$(cat "$T/probe.out")" 'voice off|sound off'

# --- no voice unless asked for in --plain; --no-voice ------------------------
SDL_AUDIODRIVER=dummy LIMBER_TIME_SCALE=50 limited "$LIMBER" run --plain \
	--events "$T/plain.csv" "$T/voice.csv" </dev/null >/dev/null 2>&1
expect_eq "--plain says nothing by default" "$(say_lines "$T/plain.csv")" 0
SDL_AUDIODRIVER=dummy LIMBER_TIME_SCALE=50 limited "$LIMBER" run --plain --voice --no-voice \
	--events "$T/novoice.csv" "$T/voice.csv" </dev/null >/dev/null 2>&1
expect_eq "--no-voice after --voice says nothing" "$(say_lines "$T/novoice.csv")" 0
n=$(grep -c ',cue_' "$T/novoice.csv")
[ "$n" -ge 1 ] && ok "--no-voice: the tones still play ($n)" || fail "--no-voice: no tones"

# --- an unknown voice: tones only, one line saying why ---------------------------
printf '[session]\nget_ready = 4\n[sound]\nvoice_name = no-such-voice\n' \
	> "$XDG_CONFIG_HOME/limber/limber.conf"
SDL_AUDIODRIVER=dummy LIMBER_TIME_SCALE=50 limited "$LIMBER" run --plain --voice \
	--events "$T/bad.csv" "$T/voice.csv" </dev/null >"$T/bad.out" 2>&1; rc=$?
expect_eq "unknown voice: exits 0" "$rc" 0
expect_match "unknown voice: said why" "$(cat "$T/bad.out")" \
	'^voice off: espeak-ng has no voice "no-such-voice"'
expect_eq "unknown voice: said once" "$(grep -c 'voice off' "$T/bad.out")" 1
expect_eq "unknown voice: nothing said" "$(say_lines "$T/bad.csv")" 0
n=$(grep -c ',cue_' "$T/bad.csv")
[ "$n" -ge 1 ] && ok "unknown voice: the tones still play ($n)" || fail "unknown voice: no tones"
printf '[session]\nget_ready = 4\n' > "$XDG_CONFIG_HOME/limber/limber.conf"

# --- listening: real speed, the disk driver through a pipe -------------------
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$T/fifo" limited "$ONSETS" \
	--watch "$T/out.raw" --log "$T/arrivals" --fifo "$T/fifo" -- \
	"$LIMBER" run --plain --voice --events "$T/ev.csv" "$T/voice.csv" \
	</dev/null >"$T/disk.out" 2>"$T/disk.err"; rc=$?
expect_eq "disk driver: exits 0" "$rc" 0
expect_eq "disk driver: nothing on stderr" "$(cat "$T/disk.err")" ""
expect_no_match "disk driver: sound and voice on" "$(cat "$T/disk.out")" 'sound off|voice off'
# the get-ready's phrase names the exercise (the line of no set)
expect_match "the trace names Bird-dog at its get-ready" "$(grep ',say,' "$T/ev.csv")" \
	'^0,say,Bird-dog,,,,"?Bird-dog'
for phrase in 'Left$' 'Right$' 'Last set' 'Next: Side plank' \
	'Switch sides' 'Halfway' '10 seconds left' 'Session complete'; do
	expect_match "the trace says $phrase" "$(grep ',say,' "$T/ev.csv")" ",say,.*$phrase"
done
t=$(awk -F, 'NR > 2 && $1 < prev { print "backwards at line " NR } { prev = $1 }' "$T/ev.csv")
expect_eq "trace times never go backwards" "$t" ""
# The device slept: the recording came in bursts, with silences of over
# a second between them in which nothing was written.
gaps=$(awk 'NR > 1 && $2 - p > 1e9 { n++ } { p = $2 } END { print n + 0 }' "$T/arrivals")
[ "$gaps" -ge 2 ] && ok "the device closed and opened again ($gaps silences)" ||
	fail "the device never closed: $gaps silences of over a second"

"$ONSETS" --rate 44100 --channels 2 --sounds "$SOUNDS" --max-error 15 \
	--speech-error 40 --sizes "$T/arrivals" --arrivals --trace "$T/ev.csv" \
	"$T/out.raw" >"$T/onsets.out" 2>&1; rc=$?
sed 's/^/  | /' "$T/onsets.out"
expect_eq "every tone heard as itself within 15 ms, every phrase where the trace says, none over a tone" "$rc" 0
grep -E '^(median|worst)' "$T/onsets.out"
finish
