#!/bin/sh
# tests/install.sh - an installed limber finds everything it ships, with no
# LIMBER_DATADIR: the routines (list, check), the sounds (a --plain session
# that plays its cues without a warning), its man page (man -l, no groff
# warning), the shell completions and the example systemd units.
#
# `make installcheck` runs it on the configured prefix (so `make distcheck`
# runs it on a temporary one); .ci/run runs it on the Debian package's
# files in /usr.  Environment: LIMBER (the installed binary), MAN1DIR,
# PKGDATADIR, BASHCOMPDIR (empty: no bash completion), ZSHCOMPDIR,
# FISHCOMPDIR, EXAMPLESDIR.
set -u
: "${LIMBER:?the installed limber}" "${MAN1DIR:?}" "${PKGDATADIR:?}"
: "${BASHCOMPDIR=}" "${ZSHCOMPDIR:?}" "${FISHCOMPDIR:?}" "${EXAMPLESDIR:?}"
here=$(cd "$(dirname "$0")" && pwd)
TESTLIB_SH=${TESTLIB_SH:-$here/lib.sh}
. "$TESTLIB_SH"
unset LIMBER_DATADIR
export LC_ALL=C.UTF-8 SDL_AUDIODRIVER=dummy XDG_CACHE_HOME="$T/cache"

expect_eq "installed binary is executable" "$([ -x "$LIMBER" ] && echo yes)" yes
out=$("$LIMBER" --version); rc=$?
expect_eq "--version exits 0" "$rc" 0
expect_match "--version names the version" "$out" '^limber [0-9]+\.[0-9]+\.[0-9]+$'
expect_match "--version names the licence" "$out" 'GPL-3\.0-or-later'

out=$("$LIMBER" list 2>&1); rc=$?
expect_eq "list exits 0" "$rc" 0
for r in core gentle mcgill stretch; do
	expect_match "list finds the shipped $r" "$out" "^$r +.* shipped\$"
done
expect_no_match "list finds the routines folder" "$out" 'no routines|warning|error'
out=$("$LIMBER" list --names 2>&1); rc=$?
expect_eq "list --names exits 0" "$rc" 0
expect_eq "list --names gives the shipped names" "$(printf '%s\n' "$out" | grep -E '^(core|gentle|mcgill|stretch)$' | tr '\n' ' ')" \
	"core gentle mcgill stretch "
out=$("$LIMBER" check 2>&1); rc=$?
expect_eq "check of every shipped routine exits 0" "$rc" 0

# A session through the installed sounds: a missing or unreadable cue is a
# warning on stderr, which must stay empty.
out=$(printf '2\nn\nn\n' | LIMBER_TIME_SCALE=1000 "$LIMBER" run --plain gentle 2>"$T/err"); rc=$?
expect_eq "a --plain session exits 0" "$rc" 0
expect_match "the session ends" "$out" '^Done: [0-9]+ of [0-9]+ exercises'
expect_match "the decision is shown" "$out" '^Next time: level'
expect_eq "the session says nothing on stderr (sounds found)" "$(cat "$T/err")" ""
expect_eq "the session is recorded" "$(tail -n 1 "$XDG_DATA_HOME/limber/history.csv" | cut -d, -f2-4)" \
	"gentle,1,completed"
out=$("$LIMBER" due 2>&1); rc=$?
expect_eq "due after today's session exits 1" "$rc" 1
expect_match "due says one line" "$(printf '%s\n' "$out" | wc -l)" '^ *1$'
for c in tick go switch rest done finish; do
	expect_eq "sound $c.wav is installed" "$([ -s "$PKGDATADIR/sounds/$c.wav" ] && echo yes)" yes
done

# The man page (Debian compresses it); man -l reads either.
page=$MAN1DIR/limber.1
[ -f "$page" ] || page=$page.gz
if command -v man >/dev/null 2>&1; then
	out=$(MANWIDTH=80 MANPAGER=cat man --warnings -l "$page" 2>"$T/manerr"); rc=$?
	expect_eq "man -l of the installed page exits 0" "$rc" 0
	for s in NAME SYNOPSIS COMMANDS OPTIONS FILES COPYRIGHT; do
		expect_match "the man page has $s" "$out" "^$s\$"
	done
	expect_match "the man page states the licence" "$out" 'GPL-3\.0-or-later'
	expect_eq "the man page renders without a warning" "$(cat "$T/manerr")" ""
else
	fail "man is not installed (Debian package man-db): cannot read $page"
fi

# The completions: bash's registers itself; zsh's and fish's parse.
if [ -n "$BASHCOMPDIR" ]; then
	if command -v bash >/dev/null 2>&1; then
		out=$(bash -c '. "$1" && complete -p limber' sh "$BASHCOMPDIR/limber" 2>&1)
		expect_eq "the installed bash completion registers" "$out" "complete -F _limber limber"
	fi
fi
expect_eq "the zsh completion is installed" "$(head -n 1 "$ZSHCOMPDIR/_limber" 2>&1)" "#compdef limber"
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$ZSHCOMPDIR/_limber"; expect_eq "the zsh completion parses" "$?" 0
fi
expect_eq "the fish completion is installed" "$([ -s "$FISHCOMPDIR/limber.fish" ] && echo yes)" yes
if command -v fish >/dev/null 2>&1; then
	fish -n "$FISHCOMPDIR/limber.fish"; expect_eq "the fish completion parses" "$?" 0
fi

# The example units; systemd-analyze checks them where it is installed
# (Documentation=man:limber(1) is looked up in the installed pages).
for u in limber-due.service limber-due.timer; do
	expect_eq "example $u is installed" "$([ -s "$EXAMPLESDIR/$u" ] && echo yes)" yes
done
if command -v systemd-analyze >/dev/null 2>&1; then
	out=$(cd "$EXAMPLESDIR" && MANPATH=$(dirname "$MAN1DIR"): \
		systemd-analyze verify ./limber-due.service ./limber-due.timer 2>&1); rc=$?
	expect_eq "systemd-analyze verify of the example units" "$rc:$out" "0:"
fi
finish
