#!/bin/sh
# tests/layers.sh - the build checks the layers of src/.
#
#   tests/layers.sh --check [SRC [MAKEFILE_AM]]   check a tree, list what is wrong
#   tests/layers.sh                               (make check) check src/, then
#                                                 prove the check catches plants
#
# The folders of src/ are layers, lowest first:
#   core < model < history < audio < app < plain, tui < cli
# A file includes headers of its own layer or lower ones only, always by
# folder ("core/util.h"); the two front ends, plain and tui, do not include
# each other.  Only src/tui includes curses; only src/audio includes SDL or
# espeak, and not in the files of the logic library (src_liblimber_a_SOURCES
# in Makefile.am), which the unit tests link without either.  No include
# circle between modules (a module is a .c and its .h; a header with no .c
# of its own belongs to each module that includes it).
# Every problem is one line, "FILE:LINE: error: ...", and the exit status is
# 1 when there is any.
set -u

# Edges that break the rules and are allowed anyway: none.  Never add one;
# move the code to the layer it belongs to instead.
allowed='
'

# check SRC [MAKEFILE_AM]: print the violations under SRC, exit 1 if any.
check() {
	src=${1%/}
	mk=${2:-}
	[ -d "$src" ] || { echo "$0: $src: not a folder" >&2; return 2; }
	lib=
	if [ -n "$mk" ]; then
		# The logic library's sources, one per line, relative to src/.
		lib=$(awk '/^src_liblimber_a_SOURCES[ \t]*\+?=/ { on = 1 }
			   on { print; if (!/\\$/) on = 0 }' "$mk" |
		      tr ' \t\\' '\n\n\n' | sed -n 's|^src/||p')
		[ -n "$lib" ] || { echo "$0: $mk: no src_liblimber_a_SOURCES" >&2; return 2; }
	fi
	files=$(cd "$src" && find . -name '*.[ch]' | sed 's|^\./||' | LC_ALL=C sort)
	[ -n "$files" ] || { echo "$0: $src: no C files" >&2; return 2; }
	(cd "$src" && printf '%s\n' $files | xargs grep -Hn '^[ 	]*#[ 	]*include' /dev/null) |
	awk -v src="$src" -v allowed="$allowed" -v lib="$lib" -v files="$files" '
	BEGIN {
		bad = 0
		n = split("core model history audio app plain tui cli", L, " ")
		split("0 1 2 3 4 5 5 6", R, " ")
		for (i = 1; i <= n; i++) rank[L[i]] = R[i] + 0
		order = "core < model < history < audio < app < plain, tui < cli"
		m = split(allowed, A, "\n")
		for (i = 1; i <= m; i++) if (A[i] != "") ok[A[i]] = 1
		m = split(lib, B, "\n")
		for (i = 1; i <= m; i++) if (B[i] != "") inlib[B[i]] = 1
		m = split(files, F, "\n")
		for (i = 1; i <= m; i++) isfile[F[i]] = 1
		for (i = 1; i <= m; i++) {
			f = F[i]
			layer = f; sub(/\/.*/, "", layer)
			if (!(f ~ /\//) || !(layer in rank))
				err(src "/" f ":1", "not in a layer folder (" order ")")
		}
	}
	function err(where, msg) { print where ": error: " msg; bad++ }
	function module(p) { sub(/\.[ch]$/, "", p); return p }
	# A header without a .c of its own (a folder-private one, say) is no
	# module: it belongs to each module that includes it.
	function headeronly(h) {
		return h ~ /\.h$/ && (h in isfile) && !((module(h) ".c") in isfile)
	}
	{
		# FILE:LINE:#include ...
		f = $0; sub(/:.*/, "", f)
		rest = substr($0, length(f) + 2)
		line = rest; sub(/:.*/, "", line)
		text = substr(rest, length(line) + 2)
		where = src "/" f ":" line
		layer = f; sub(/\/.*/, "", layer)
		if (!(layer in rank)) next
		if (match(text, /"[^"]*"/)) {
			h = substr(text, RSTART + 1, RLENGTH - 2)
			if (h == "config.h") next
			if ((src "/" f " " h) in ok) { used[src "/" f " " h] = 1; next }
			to = h; sub(/\/.*/, "", to)
			if (!(h ~ /\//) || !(to in rank)) {
				err(where, "include \"" h "\" by its layer folder (" order ")")
				next
			}
			if (rank[to] > rank[layer])
				err(where, layer " includes " h ", a layer above it (" order ")")
			else if (rank[to] == rank[layer] && to != layer)
				err(where, "the front ends do not include each other: " layer " includes " h)
			if (!((f, h) in rawloc)) {
				rawloc[f, h] = where
				raw[f] = raw[f] " " h
			}
			next
		}
		if (!match(text, /<[^>]*>/)) next
		h = substr(text, RSTART + 1, RLENGTH - 2)
		if (h ~ /^(n?curses(w)?\.h|ncursesw?\/.*|term\.h|panel\.h|menu\.h|form\.h)$/) {
			if (layer != "tui")
				err(where, "<" h "> outside src/tui: only the full-screen front end draws with curses")
		} else if (h ~ /^(SDL2?\/.*|SDL(_[A-Za-z0-9_]+)?\.h)$/) {
			if (layer != "audio")
				err(where, "<" h "> outside src/audio: only the audio back end uses SDL")
			else if (f in inlib)
				err(where, "<" h "> in the logic library (src/liblimber.a), which the unit tests link without SDL")
		} else if (h ~ /^(espeak(-ng)?\/.*|speak_lib\.h)$/) {
			if (layer != "audio")
				err(where, "<" h "> outside src/audio: only the audio back end speaks")
			else if (f in inlib)
				err(where, "<" h "> in the logic library (src/liblimber.a), which the unit tests link without espeak")
		}
	}
	# Depth-first search; a grey successor closes a circle, reported once.
	function visit(v,    s, k, i, w) {
		colour[v] = 1; depth++; stack[depth] = v
		k = split(succ[v], s, " ")
		for (i = 1; i <= k; i++) {
			w = s[i]
			if (colour[w] == 1) circle(w)
			else if (!colour[w]) visit(w)
		}
		depth--; colour[v] = 2
	}
	function circle(w,    i, j, path, locs) {
		for (i = depth; stack[i] != w; i--) ;
		path = w; locs = ""
		for (j = i; j <= depth; j++) {
			nx = (j < depth) ? stack[j + 1] : w
			path = path " -> " nx
			locs = locs (locs == "" ? "" : ", ") edge[stack[j], nx]
		}
		err(edge[stack[depth], w], "include circle: " path " (" locs ")")
	}
	# The modules that the include of h by module a brings in.
	function link(a, h, where, seen,    k, t, i, b) {
		if (!headeronly(h)) {
			b = module(h)
			if (a != b && !((a, b) in edge)) {
				edge[a, b] = where
				succ[a] = succ[a] " " b
				nodes[a] = 1; nodes[b] = 1
			}
			return
		}
		if (index(seen, " " h " ")) return
		seen = seen " " h " "
		k = split(raw[h], t, " ")
		for (i = 1; i <= k; i++) link(a, t[i], where, seen)
	}
	END {
		for (f in raw) {
			if (headeronly(f)) continue
			k = split(raw[f], t, " ")
			for (i = 1; i <= k; i++) link(module(f), t[i], rawloc[f, t[i]], "")
		}
		for (v in nodes) if (!colour[v]) { depth = 0; visit(v) }
		for (e in ok) if (!(e in used))
			print "layers: note: the allowed edge \"" e "\" is gone: remove it from tests/layers.sh" > "/dev/stderr"
		exit bad ? 1 : 0
	}'
}

if [ "${1:-}" = --check ]; then
	shift
	check "${1:-src}" "${2:-}"
	exit $?
fi

# ---------------------------------------------------------------------------
# Under make check: the real tree must pass, and every kind of violation,
# planted in a copy, must fail naming its file and line.
. "$TESTLIB_SH"
: "${LIMBER_SRCDIR:?run through make check}"

out=$(cd "$LIMBER_SRCDIR" && check src Makefile.am 2>&1); rc=$?
expect_eq "src/ keeps its layers" "$rc" 0
[ "$rc" -eq 0 ] || printf '%s\n' "$out" | sed 's/^/  | /'

# plant NAME FILE TEXT REGEX: append TEXT to a fresh copy's FILE; the check
# must fail with a line naming FILE, the planted line and matching REGEX.
mkdir -p "$T/clean"
(cd "$LIMBER_SRCDIR" && find src -name '*.[ch]' | tar -cf - -T - Makefile.am) |
	(cd "$T/clean" && tar -xf -)
plant() {
	rm -rf "$T/copy"
	cp -R "$T/clean" "$T/copy"
	mkdir -p "$(dirname "$T/copy/$2")"
	printf '%s\n' "$3" >> "$T/copy/$2"
	n=$(wc -l < "$T/copy/$2" | tr -d ' ')
	got=$(cd "$T/copy" && check src Makefile.am 2>&1); prc=$?
	expect_eq "$1: the check fails" "$prc" 1
	if [ "${5:-}" = anywhere ]; then
		expect_match "$1: names $2:$n" "$got" "^src/.*: error: $4.*$2:$n"
	else
		expect_match "$1: names $2:$n" "$got" "^$2:$n: error: $4"
	fi
}
# name | file | planted line | what the error says (grep -E)
while IFS='|' read -r name file text want; do
	plant "$name" "$file" "$text" "$want"
done <<'PLANTS'
core includes the screen|src/core/util.c|#include "tui/ui.h"|core includes tui/ui.h, a layer above it
model includes the app|src/model/plan.h|#include "app/workout.h"|model includes app/workout.h, a layer above it
history includes the command line|src/history/histsum.c|#include "cli/cli.h"|history includes cli/cli.h
plain includes tui|src/plain/plain.h|#include "tui/ui_draw.h"|the front ends do not include each other
curses outside src/tui|src/plain/plain.c|#include <curses.h>|<curses.h> outside src/tui
ncursesw outside src/tui|src/app/workout.c|# include <ncursesw/ncurses.h>|<ncursesw/ncurses.h> outside src/tui
SDL outside src/audio|src/app/workout.c|#include <SDL.h>|<SDL.h> outside src/audio
SDL in the logic library|src/audio/cue.c|#include <SDL_mixer.h>|<SDL_mixer.h> in the logic library
espeak outside src/audio|src/tui/ui.c|#include <espeak-ng/speak_lib.h>|<espeak-ng/speak_lib.h> outside src/audio
an include without its folder|src/model/session.c|#include "util.h"|include "util.h" by its layer folder
a file outside the layers|src/extra.c|/* no layer */|not in a layer folder
PLANTS
# A header of its own folder with no .c (private to the modules including
# it) may include their headers: no circle.
mkdir -p "$T/copy"
rm -rf "$T/copy" && cp -R "$T/clean" "$T/copy"
printf '#include "core/util.h"\n' > "$T/copy/src/core/utilpriv.h"
printf '#include "core/utilpriv.h"\n' >> "$T/copy/src/core/util.c"
got=$(cd "$T/copy" && check src Makefile.am 2>&1); prc=$?
expect_eq "a private header including its module's header is no circle" "$prc" 0
[ "$prc" -eq 0 ] || printf '%s\n' "$got" | sed 's/^/  | /'
# util.h -> diag.h closes diag.h -> util.h; the circle names both lines.
plant "an include circle" src/core/util.h '#include "core/diag.h"' \
	'include circle: core/(util|diag) -> core/(util|diag) -> core/(util|diag) \(src/core/' anywhere
finish
