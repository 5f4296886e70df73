#!/bin/sh
# Sound cues, listened to: SDL's disk audio driver records what the mixer
# plays while a short routine runs at real speed; tests/onsets finds each
# cue's onset in the recording, names it by comparing it with the six
# shipped sounds, and checks it against the cue_NAME events of the trace:
# every cue within 30 ms of where the trace puts it, after fitting offset
# and rate.  The disk driver's own clock runs a few percent fast and
# wanders by tens of ms when the machine is busy, so `onsets --watch`
# records when each part of the recording was written (the file's mtime
# as it grows) and the onsets are placed in real time before the fit; the
# fit on the recording's own clock is printed too, for comparison.
# Also: the dummy driver, an unknown driver (the visible "sound off" line;
# the session still runs), --mute and --bell.  Skipped when limber was
# built without SDL2_mixer.
. "$TESTLIB_SH"

listening_setup 120

cue_events() { grep -c ',cue_' "$1"; }

# Every cue: A's get-ready ticks, go, switch, go, done; B's ticks, go,
# rest between sets, go, finish: 12 s with the 3 s get-ready set here
# (16 s if the setting were ignored).
mkdir -p "$XDG_CONFIG_HOME/limber"
printf '[session]\nget_ready = 3\n' > "$XDG_CONFIG_HOME/limber/limber.conf"
cat > "$T/cues.csv" <<'CSV'
exercise,sets,reps,hold,rest,sides,switch
A,1,1,1,0,each,1
B,2,1,1,1,none,
CSV

# --- the build has sound? (and the dummy driver works) ---------------------
SDL_AUDIODRIVER=dummy LIMBER_TIME_SCALE=20 limited "$LIMBER" run --plain \
	--events "$T/dummy.csv" "$T/cues.csv" </dev/null >"$T/dummy.out" 2>&1; rc=$?
if grep -q 'sound off: .*built without' "$T/dummy.out"; then
	echo "SKIP: limber was built without SDL2_mixer"
	exit 77
fi
expect_eq "dummy driver: exits 0" "$rc" 0
expect_no_match "dummy driver: sound is on" "$(cat "$T/dummy.out")" 'sound off'
expect_match "dummy driver: the session ran" "$(cat "$T/dummy.csv")" ',session_done,'
# Sped up, a busy machine can fold several cue instants into one pass
# (only the latest plays), so any number of cues will do here.
n=$(cue_events "$T/dummy.csv")
[ "$n" -ge 1 ] && ok "dummy driver: $n cues went out" || fail "dummy driver: no cue went out"

# --- an unknown driver: sound off, said once, and the session runs ---------
SDL_AUDIODRIVER=nosuch LIMBER_TIME_SCALE=20 limited "$LIMBER" run --plain \
	--events "$T/nosuch.csv" "$T/cues.csv" </dev/null >"$T/nosuch.out" 2>"$T/nosuch.err"; rc=$?
all=$(cat "$T/nosuch.out" "$T/nosuch.err")
expect_eq "unknown driver: exits 0" "$rc" 0
expect_match "unknown driver: sound off, with the reason" "$all" 'sound off: no audio device \(SDL: .*nosuch'
expect_eq "unknown driver: said once" "$(printf '%s\n' "$all" | grep -c 'sound off')" 1
expect_eq "unknown driver: no other noise on stderr" \
	"$(grep -v 'sound off' "$T/nosuch.err")" ""
expect_match "unknown driver: the session ran" "$(cat "$T/nosuch.csv")" ',session_done,'
expect_eq "unknown driver: no cue went out" "$(cue_events "$T/nosuch.csv")" 0

# --- --bell without sound: one bell per cue --------------------------------
SDL_AUDIODRIVER=nosuch LIMBER_TIME_SCALE=20 limited "$LIMBER" run --plain --bell \
	--events "$T/bell.csv" "$T/cues.csv" </dev/null >"$T/bell.out" 2>/dev/null
bells=$(tr -cd '\007' <"$T/bell.out" | wc -c | tr -d ' ')
n=$(cue_events "$T/bell.csv")
[ "$bells" -ge 1 ] && [ "$bells" -eq "$n" ] && ok "--bell: $bells bells for $n cues" ||
	fail "--bell: $bells bells for $n cues"

# --- --mute: nothing goes out ----------------------------------------------
SDL_AUDIODRIVER=dummy LIMBER_TIME_SCALE=20 limited "$LIMBER" run --plain --mute \
	--events "$T/mute.csv" "$T/cues.csv" </dev/null >/dev/null 2>&1
expect_eq "--mute: no cue went out" "$(cue_events "$T/mute.csv")" 0

# --- listening: real speed, the disk driver --------------------------------
SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$T/out.raw" limited "$ONSETS" \
	--watch "$T/out.raw" --log "$T/sizes" -- \
	"$LIMBER" run --plain --events "$T/ev.csv" "$T/cues.csv" \
	</dev/null >"$T/disk.out" 2>"$T/disk.err"; rc=$?
expect_eq "disk driver: exits 0" "$rc" 0
expect_eq "disk driver: nothing on stderr" "$(cat "$T/disk.err")" ""
expect_no_match "disk driver: sound is on" "$(cat "$T/disk.out")" 'sound off'
for c in tick go switch rest done finish; do
	expect_match "the routine sounds $c" "$(cat "$T/ev.csv")" ",cue_$c,"
done
# The priority rule: one cue per instant, so no two at the same time.
dup=$(awk -F, '$2 ~ /^cue_/ { if (seen[$1]++) print $1 }' "$T/ev.csv")
expect_eq "one cue per instant" "$dup" ""

"$ONSETS" --rate 44100 --channels 2 --sounds "$SOUNDS" --max-error 30 \
	--sizes "$T/sizes" --trace "$T/ev.csv" "$T/out.raw" >"$T/onsets.out" 2>&1; rc=$?
sed 's/^/  | /' "$T/onsets.out"
expect_eq "every logged cue heard, as itself, within 30 ms" "$rc" 0
grep '^worst onset error' "$T/onsets.out"
finish
