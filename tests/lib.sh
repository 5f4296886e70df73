# tests/lib.sh - shared by the shell tests: a private, throw-away home.
#
# Every test gets its own XDG folders under a temporary directory, so it
# never touches the user's files, and the directory goes when it exits.
set -u

: "${LIMBER:?run through make check}"
T=$(mktemp -d "${TMPDIR:-/tmp}/limber-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
mkdir -p "$HOME"
unset VISUAL EDITOR NO_COLOR LIMBER_TIME_SCALE

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
# expect_eq WHAT GOT EXPECTED
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		fail "$1"; echo "  got:      $2"; echo "  expected: $3"; fi
}
# expect_match WHAT TEXT REGEX (grep -E)
expect_match() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then ok "$1"; else
		fail "$1: no line matches /$3/ in:"; printf '%s\n' "$2" | sed 's/^/  | /'; fi
}
expect_no_match() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		fail "$1: unexpected /$3/ in:"; printf '%s\n' "$2" | sed 's/^/  | /'; else ok "$1"; fi
}
# faults_on NAME=VALUE...: limber runs with tests/faultshim.c preloaded and
# those faults (LIMBER_FAULT_FSYNC, _ENOSPC, _TIME) until faults_off.
faults_on() {
	[ -n "${FAULTSHIM:-}" ] && [ -f "$FAULTSHIM" ] || { echo "# no fault shim"; return 1; }
	_faults_asan=${ASAN_OPTIONS-}
	export LD_PRELOAD="$FAULTSHIM"
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	for _f; do export "$_f"; done
}
faults_off() {
	unset LD_PRELOAD LIMBER_FAULT_FSYNC LIMBER_FAULT_ENOSPC LIMBER_FAULT_TIME
	if [ -n "$_faults_asan" ]; then export ASAN_OPTIONS="$_faults_asan"; else unset ASAN_OPTIONS; fi
}
# last N: column N of the last row of the history "$H" (the reason, 14,
# is the last and may be quoted)
last() {
	if [ "$1" -eq 14 ]; then
		tail -n 1 "$H" | sed 's/^\([^,]*,\)\{13\}//; s/^"//; s/"$//; s/""/"/g'
	else
		tail -n 1 "$H" | awk -F, -v n="$1" '{ print $n }'
	fi
}
finish() { [ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }; exit 0; }

# listening_setup SECONDS: for the tests that listen to SDL's disk driver
# (audio.sh, voice.sh): ONSETS (tests/onsets) and SOUNDS (the shipped
# cues), SDL's variables cleared, and limited COMMAND..., which runs it
# under a real-time limit of SECONDS, so a hung audio device fails the
# test instead of hanging it.
listening_setup() {
	ONSETS=${ONSETS:-"${LIMBER%/src/limber}/tests/onsets"}
	SOUNDS="$LIMBER_DATADIR/sounds"
	[ -x "$ONSETS" ] || { echo "FAIL: no onsets program at $ONSETS"; exit 1; }
	unset SDL_AUDIODRIVER SDL_DISKAUDIOFILE SDL_DISKAUDIODELAY
	LIMIT_S=$1
	if command -v timeout >/dev/null 2>&1; then
		limited() { timeout "$LIMIT_S" "$@"; }
	else
		limited() { "$@"; }
	fi
}
