#!/bin/sh
# Routines from spreadsheets and the editor that never loses a draft, end
# to end: the files LibreOffice and Python's csv module wrote
# (tools/mkfixtures), misnamed files in the routines folder, and
# `limber edit` with scripted editors, a second edit, and signals.
. "$TESTLIB_SH"
export LIMBER_TIME_SCALE=1000
R="$XDG_CONFIG_HOME/limber/routines"
SHEETS="$TESTDATA/sheets"
# editor NAME <<'SH' ... SH: a scripted editor in $T
editor() { cat > "$T/$1"; chmod +x "$T/$1"; }

# --- files saved by LibreOffice and Python ----------------------------------
n=0
for f in "$SHEETS"/*.csv; do
	n=$((n + 1))
	b=$(basename "$f")
	out=$("$LIMBER" check "$f" 2>&1); rc=$?
	case "$b" in
	*cp1252*)
		expect_eq "$b is refused" "$rc" 1
		expect_match "$b: the byte, its line and column, as Windows-1252" "$out" \
			"$b:4:1[45]: error: not UTF-8 text: byte 0x96 \(\"–\" in Windows-1252\)"
		expect_match "$b: how to save it as UTF-8, in Excel and LibreOffice" "$out" \
			'in Excel, File > Save As, type "CSV UTF-8 \(Comma delimited\)"; in LibreOffice, File > Save As, type "Text CSV", tick "Edit filter settings", then Character set "Unicode \(UTF-8\)"' ;;
	*)
		expect_eq "$b is accepted" "$rc" 0
		expect_no_match "$b: no warnings" "$out" 'warning|error'
		case "$b" in
		*semicolon*) expect_match "$b: check names the separator" "$out" 'ok: 3 rows, levels 1-10, semicolon-separated$' ;;
		*tab*) expect_match "$b: check names the separator" "$out" 'ok: 3 rows, levels 1-10, tab-separated$' ;;
		*) expect_match "$b: ok" "$out" 'ok: 3 rows, levels 1-10$' ;;
		esac ;;
	esac
done
[ "$n" -ge 9 ] || fail "only $n spreadsheet fixtures"

# The semicolon export runs as a routine: title without padding, the
# accented name, the cue with its comma and quotes, the hold from "Hold (s)".
out=$(printf '1\nn\nn\n' | "$LIMBER" run --plain --mute "$SHEETS/lo_semicolon_utf8.csv" 2>&1); rc=$?
expect_eq "the LibreOffice ';' file runs" "$rc" 0
expect_match "its title, no separators" "$out" '^Core stability \(from a spreadsheet\), routine lo_semicolon_utf8, level 1: 3 exercises'
expect_match "its accented name and hold" "$out" '^Pont fessier – genoux pliés, set 1 of 2: 8 reps, 5 seconds each$'
expect_match "its cue" "$out" '^  Feet flat; lift your hips, "squeeze", breathe out$'
expect_match "the side plank after the padding and the note" "$out" '^Side plank \(knees\), set 1 of 2, left: hold 15 seconds$'
mkdir -p "$R"
cp "$SHEETS/lo_semicolon_utf8.csv" "$R/sheet.csv"
expect_match "list shows the title without the padding" "$("$LIMBER" list 2>&1)" \
	'^sheet +Core stability \(from a spreadsheet\) +3 '

# --- column names with units, near misses -------------------------------------
printf 'exercise;Hold (min)\nPlank;1\n' > "$T/min.csv"
out=$("$LIMBER" check "$T/min.csv" 2>&1); rc=$?
expect_eq "a hold in minutes is refused" "$rc" 1
expect_match "and says so" "$out" 'min.csv:1:10: error: column "hold" is in seconds, not "min"'
printf 'excercise,sets\nPlank,2\n' > "$T/typo.csv"
out=$("$LIMBER" check "$T/typo.csv" 2>&1)
expect_match "a near miss: did you mean" "$out" 'typo.csv:1:1: error: unknown column "excercise"; did you mean "exercise"\?'

# --- file names in the routines folder ---------------------------------------
cp "$LIMBER_DATADIR/routines/gentle.csv" "$R/gentle (copy).csv"
cp "$LIMBER_DATADIR/routines/gentle.csv" "$R/Legs.CSV"
out=$("$LIMBER" list 2>&1)
expect_match "list names a copy and its new name" "$out" \
	'routines/gentle \(copy\)\.csv: warning: "gentle \(copy\)\.csv" is not a routine name .*, so it is not listed: rename the file to gentle-copy\.csv$'
expect_match "list names .CSV and capitals" "$out" 'rename the file to legs\.csv$'
out=$("$LIMBER" check 2>&1)
expect_match "check names them too" "$out" 'rename the file to gentle-copy\.csv$'
out=$("$LIMBER" check "gentle (copy)" 2>&1); rc=$?
expect_eq "check of the copy's name fails" "$rc" 1
expect_match "and says what to rename" "$out" 'no routine named "gentle \(copy\)": .*rename the file to gentle-copy\.csv'
out=$(printf '\nn\nn\n' | "$LIMBER" run --plain --mute "$R/gentle (copy).csv" 2>&1)
expect_match "run of the path warns" "$out" 'until then it is recorded as "gentle-copy"'
expect_match "and records the name it is to have" "$(tail -n 1 "$XDG_DATA_HOME/limber/history.csv")" '^[^,]*,gentle-copy,'
rm -f "$R/gentle (copy).csv" "$R/Legs.CSV"

# --- a history saved back by a spreadsheet -----------------------------------------
HIST="$XDG_DATA_HOME/limber/history.csv"
cp "$HIST" "$T/history.before"
{
	head -n 1 "$T/history.before"
	echo '2026-11-28 07:00:00,mcgill,3,completed,600,600,9,9,1,,none,,3,level 3 stays'
	echo '2026-11-29 07:00,mcgill,3,completed,600,600,9,9,1,,none,,4,level 3 -> 4: two green sessions in a row (pain 1; 1)'
} > "$HIST"
out=$("$LIMBER" list 2>&1); rc=$?
expect_eq "list of a spreadsheet's history exits 0" "$rc" 0
expect_match "the rows are read: level 4" "$out" '^mcgill +.* 4 +[a-z0-9 ]+ +shipped$'
expect_eq "one warning for times without an offset" "$(printf '%s\n' "$out" | grep -c 'has no UTC offset')" 1
expect_match "it says they are read as local time" "$out" 'history.csv:2: warning: started `2026-11-28 07:00:00` has no UTC offset \(as a spreadsheet saves it\): read as local time'
echo '30.11.2026 07:00,mcgill,4,completed,600,600,9,9,1,,none,,5,level 4 -> 5' >> "$HIST"
out=$("$LIMBER" list 2>&1)
expect_match "a date it cannot read: list says levels may be low" "$out" \
	'history.csv: warning: 1 session skipped because the date could not be read \(mcgill\): levels may show lower than they are'
cp "$T/history.before" "$HIST"

# --- edit: the draft is never thrown away ------------------------------------
# bad.sh breaks the routine and fails; look.sh records what it was given.
editor bad.sh <<'SH'
#!/bin/sh
printf '# title: Mine\nexercise,sets\nBroken,two\n' > "$1"
exit 3
SH
editor look.sh <<'SH'
#!/bin/sh
cp "$1" "$T_SEEN"
SH
export T_SEEN="$T/seen"
out=$(EDITOR="$T/bad.sh" "$LIMBER" edit core </dev/null 2>&1); rc=$?
expect_eq "a failing editor exits 1" "$rc" 1
expect_match "it says the editor failed" "$out" 'the editor \(.*bad.sh\) failed with exit status 3'
expect_match "and where the draft is" "$out" "your draft is kept in $R/\.core\.csv\.draft; 'limber edit core' resumes it"
out=$(EDITOR="$T/look.sh" "$LIMBER" edit core </dev/null 2>&1)
expect_match "without a terminal the next edit resumes the draft" "$out" "resuming your draft of \"core\" \(.*\) in $R/\.core\.csv\.draft"
expect_match "the editor got the draft, not a fresh copy" "$(tail -n 1 "$T_SEEN")" '^Broken,two$'
# (look.sh changed nothing: the draft still has its error; no answer keeps it)
expect_match "the draft is still there" "$(ls -A "$R")" '^\.core\.csv\.draft$'

# a draft with errors kept through "no answer", then fixed and saved
editor fix.sh <<'SH'
#!/bin/sh
sed -i 's/^Broken,two$/Broken,2/' "$1"
SH
out=$(EDITOR="$T/fix.sh" "$LIMBER" edit core </dev/null 2>&1); rc=$?
expect_eq "resumed and fixed: saved" "$rc" 0
expect_eq "the saved routine has the fix" "$(tail -n 1 "$R/core.csv")" "Broken,2"
expect_eq "the draft and lock are gone" "$(ls -A "$R" | grep -c '^\.core')" 0

# --- edit: the routine keeps mode 0600 whatever the editor does ---------------
editor newfile.sh <<'SH'
#!/bin/sh
# writes a new file and renames it over the draft, as many editors do
umask 022
sed 's/^Broken,2$/Broken,3/' "$1" > "$1.new" && mv "$1.new" "$1"
SH
chmod 0644 "$R/core.csv"
EDITOR="$T/newfile.sh" "$LIMBER" edit core </dev/null >/dev/null 2>&1
expect_eq "the edit is saved" "$(tail -n 1 "$R/core.csv")" "Broken,3"
expect_eq "the routine is 0600" "$(stat -c %a "$R/core.csv")" 600

# --- edit keeps the file's own separator --------------------------------------
cp "$SHEETS/lo_semicolon_utf8.csv" "$R/semi.csv"
editor semi.sh <<'SH'
#!/bin/sh
sed -i 's/^"Bird-dog";2;6;8/"Bird-dog";3;6;8/' "$1"
SH
out=$(EDITOR="$T/semi.sh" "$LIMBER" edit semi </dev/null 2>&1); rc=$?
expect_eq "a ';' routine is edited and saved" "$rc" 0
expect_match "it keeps its ';'" "$(cat "$R/semi.csv")" '^"Bird-dog";3;6;8;20;"alternate";"Slow, steady"'
expect_match "and still checks" "$("$LIMBER" check semi 2>&1)" 'ok: 3 rows, levels 1-10, semicolon-separated$'

# --- edit: one at a time ---------------------------------------------------------
# slow.sh edits, then waits until told to go on.
editor slow.sh <<'SH'
#!/bin/sh
printf 'exercise,sets\nFirst,1\n' > "$1"
echo started > "$T_GO.started"
while [ ! -e "$T_GO" ]; do sleep 0.05; done
SH
export T_GO="$T/go"
EDITOR="$T/slow.sh" "$LIMBER" edit gentle </dev/null >"$T/first.out" 2>&1 &
first=$!
i=0; while [ ! -e "$T_GO.started" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
out=$(EDITOR="$T/bad.sh" "$LIMBER" edit gentle </dev/null 2>&1); rc=$?
expect_eq "a second edit of the same routine is refused" "$rc" 1
expect_match "naming the edit in progress" "$out" "\"gentle\" is being edited already \(by limber, process $first, in $R/\.gentle\.csv\.draft\); finish that edit first"
expect_no_match "and leaving the draft alone" "$(cat "$R/.gentle.csv.draft")" '^Broken,two$'
touch "$T_GO"
wait "$first"; rc=$?
expect_eq "the first edit finishes" "$rc" 0
expect_eq "with its own change" "$(tail -n 1 "$R/gentle.csv")" "First,1"
rm -f "$T_GO" "$T_GO.started"

# --- edit: signals reach the editor's group; limber waits, keeps the draft -------
# sig.sh and a child of its own trap the signal; the editor takes its time
# to end, to show that limber waits for it.
editor sig.sh <<'SH'
#!/bin/sh
printf 'Half done,1\n' >> "$1"
# (started with SIGINT as it was, not ignored as for '&')
env --default-signal=INT sh -c 'trap "echo \"child $SIG_NAME\" >> \"$T_LOG\"; exit 0" TERM HUP INT
  while :; do sleep 0.05; done' &
trap 'sleep 0.3; kill -0 $PPID 2>/dev/null && echo "editor ends, limber waiting" >> "$T_LOG"; exit 1' TERM HUP INT
echo running > "$T_LOG.started"
while :; do sleep 0.05; done
SH
export T_LOG="$T/sig.log"
for sig in TERM HUP INT; do
	rm -f "$T_LOG" "$T_LOG.started"
	before=$(cat "$R/mcgill.csv" 2>/dev/null)
	# (a shell's '&' would start limber with SIGINT ignored)
	SIG_NAME=$sig EDITOR="$T/sig.sh" env --default-signal=INT \
		"$LIMBER" edit mcgill </dev/null >"$T/sig.out" 2>&1 &
	pid=$!
	i=0; while [ ! -e "$T_LOG.started" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	kill -s "$sig" "$pid"
	wait "$pid"; rc=$?
	expect_eq "SIG$sig during the editor: limber exits 1" "$rc" 1
	log=$(cat "$T_LOG" 2>/dev/null)
	expect_match "SIG$sig reaches the editor's child" "$log" "^child $sig$"
	expect_match "SIG$sig: limber waits for the editor" "$log" '^editor ends, limber waiting$'
	out=$(cat "$T/sig.out")
	expect_match "SIG$sig: limber says what happened" "$out" "limber: got SIG$sig while the editor \(.*sig.sh\) ran, and passed it on; the editor has ended"
	expect_match "SIG$sig: and where the draft is" "$out" "your draft is kept in $R/\.mcgill\.csv\.draft"
	expect_match "SIG$sig: the draft has the edit" "$(tail -n 1 "$R/.mcgill.csv.draft")" '^Half done,1$'
	expect_eq "SIG$sig: the routine is untouched" "$(cat "$R/mcgill.csv" 2>/dev/null)" "$before"
	expect_eq "SIG$sig: the lock is gone" "$(ls -A "$R" | grep -c 'mcgill\.csv\.lock')" 0
done

# --- edit on a terminal (tmux) ----------------------------------------------------
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed"; exit 77; }
. "$(dirname "$TESTLIB_SH")/tui_lib.sh"
# Ctrl-C goes to the editor, which has the terminal, and not to limber:
# this editor takes it as "done" and saves.
editor intr.sh <<'SH'
#!/bin/sh
trap 'echo INT >> "$T_LOG"; printf "exercise\nAfter ctrl-c\n" > "$1"; exit 0' INT
echo "editing, Ctrl-C ends"
while :; do sleep 0.05; done
SH
rm -f "$T_LOG" "$R/.stretch.csv.draft"
tui_start intr EDITOR="$T/intr.sh" T_LOG="$T_LOG" HOME="$HOME" \
	XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
	LIMBER_DATADIR="$LIMBER_DATADIR" "$LIMBER" edit stretch
wait_for intr "editing, Ctrl-C ends" && tui_keys intr C-c
expect_eq "Ctrl-C in the editor: limber carries on and saves" "$(wait_exit intr)" 0
expect_eq "the editor got the Ctrl-C" "$(cat "$T_LOG" 2>/dev/null)" INT
expect_match "limber said it saved" "$(tui_capture intr)" "Saved $R/stretch.csv"
expect_eq "the routine has the editor's text" "$(tail -n 1 "$R/stretch.csv")" "After ctrl-c"
expect_stty intr

# A draft left over: asked, and "keep both" sets it aside.
printf '# title: Old draft\nexercise\nOld\n' > "$R/.stretch.csv.draft"
tui_start both EDITOR="$T/look.sh" T_SEEN="$T_SEEN" HOME="$HOME" \
	XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
	LIMBER_DATADIR="$LIMBER_DATADIR" "$LIMBER" edit stretch
wait_for both "Resume your draft, start over from the routine, or keep both? [R/s/b]" &&
	ok "a left-over draft: the question" || fail "a left-over draft: no question"
expect_match "it says where the draft is" "$(tui_capture both)" "There is a draft of \"stretch\" from .* in"
tui_keys both b Enter
expect_eq "keep both: exits 0" "$(wait_exit both)" 0
expect_match "keep both: says where the old draft went" "$(tui_capture both | tr -d '\n')" "Your earlier draft is kept in .*\.stretch\.csv\.draft\.1"
expect_eq "keep both: the old draft is kept whole" "$(cat "$R/.stretch.csv.draft.1")" \
	"$(printf '# title: Old draft\nexercise\nOld')"
expect_eq "keep both: the editor got the routine" "$(tail -n 1 "$T_SEEN")" "After ctrl-c"

# "start over": the draft goes, the editor gets the routine.
printf '# title: Old draft\nexercise\nOld\n' > "$R/.stretch.csv.draft"
tui_start over EDITOR="$T/look.sh" T_SEEN="$T_SEEN" HOME="$HOME" \
	XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
	LIMBER_DATADIR="$LIMBER_DATADIR" "$LIMBER" edit stretch
wait_for over "[R/s/b]" && tui_keys over s Enter
expect_eq "start over: exits 0" "$(wait_exit over)" 0
expect_eq "start over: the editor got the routine" "$(tail -n 1 "$T_SEEN")" "After ctrl-c"

# "resume" (Enter): the editor gets the draft.
printf '# title: Old draft\nexercise\nOld\n' > "$R/.stretch.csv.draft"
tui_start resume EDITOR="$T/look.sh" T_SEEN="$T_SEEN" HOME="$HOME" \
	XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
	LIMBER_DATADIR="$LIMBER_DATADIR" "$LIMBER" edit stretch
wait_for resume "[R/s/b]" && tui_keys resume Enter
expect_eq "resume: exits 0" "$(wait_exit resume)" 0
expect_eq "resume: the editor got the draft" "$(tail -n 1 "$T_SEEN")" "Old"
expect_eq "resume: the draft is saved" "$(tail -n 1 "$R/stretch.csv")" "Old"

# Ctrl-Z in the editor stops limber with it, and both carry on together.
editor wait.sh <<'SH'
#!/bin/sh
echo "editing, waiting for $T_GO"
while [ ! -e "$T_GO" ]; do sleep 0.05; done
printf 'exercise\nAfter a stop\n' > "$1"
SH
rm -f "$T_GO"
tui_start stop EDITOR="$T/wait.sh" T_GO="$T_GO" HOME="$HOME" \
	XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
	LIMBER_DATADIR="$LIMBER_DATADIR" "$LIMBER" edit stretch
wait_for stop "editing, waiting for" && tui_keys stop C-z
lpid=$(tui_pid stop)
state() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1; }
i=0; while [ "$(state "$lpid")" != T ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
expect_eq "Ctrl-Z in the editor stops limber too" "$(state "$lpid")" T
kill -CONT "$lpid"
i=0; while [ "$(state "$lpid")" = T ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
touch "$T_GO"
expect_eq "continued, the editor finishes and limber saves" "$(wait_exit stop)" 0
expect_eq "with the editor's text" "$(tail -n 1 "$R/stretch.csv")" "After a stop"

# The home screen names a file it cannot list, and what to rename it to.
cp "$LIMBER_DATADIR/routines/gentle.csv" "$R/gentle (copy).csv"
tui_start home HOME="$HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
	XDG_DATA_HOME="$XDG_DATA_HOME" LIMBER_DATADIR="$LIMBER_DATADIR" "$LIMBER"
wait_for home "gentle (copy).csv is not a routine name: rename it to gentle-copy.csv" &&
	ok "the home screen names a misnamed file" || fail "the home screen does not name it"
tui_keys home q
wait_exit home >/dev/null
rm -f "$R/gentle (copy).csv"
finish
