#!/bin/sh
# The commands that need no screen: --help, --version, usage errors, list,
# check (every bad-routine fixture against its expected diagnostics), the
# search path (a user routine replaces a shipped one) and edit.
. "$TESTLIB_SH"

# --- help, version, usage --------------------------------------------------
out=$("$LIMBER" --help); rc=$?
expect_eq "--help exits 0" "$rc" 0
for word in "run --plain" list check edit "--level N" "--events FILE" "--mute" \
	    "--volume N" "--no-color" "LIMBER_TIME_SCALE" "Exit status"; do
	expect_match "--help mentions $word" "$out" "$word"
done
expect_match "--version" "$("$LIMBER" --version)" '^limber [0-9]+\.[0-9]+\.[0-9]+$'
"$LIMBER" --bogus >/dev/null 2>&1; expect_eq "unknown option exits 2" "$?" 2
"$LIMBER" frobnicate >/dev/null 2>&1; expect_eq "unknown command exits 2" "$?" 2
"$LIMBER" run --level 11 --plain core >/dev/null 2>&1; expect_eq "--level 11 exits 2" "$?" 2
err=$("$LIMBER" list --csv 2>&1); rc=$?
expect_eq "an option that does not fit exits 2" "$rc" 2
expect_match "the error names the option" "$err" "^limber: --csv does not go with 'list'"
expect_match "and points to the command's help" "$err" "Try 'limber list --help'"
err=$("$LIMBER" --csv 2>&1); rc=$?
expect_eq "an option without its command exits 2" "$rc" 2
expect_match "that error names the option too" "$err" '^limber: --csv needs a command'
# every command's own help: its usage and only its options
for cmd in run list check edit history stats; do
	out=$("$LIMBER" "$cmd" --help); rc=$?
	expect_eq "$cmd --help exits 0" "$rc" 0
	expect_match "$cmd --help is its own usage" "$out" "^Usage: limber $cmd"
	expect_eq "limber help $cmd says the same" "$("$LIMBER" help "$cmd")" "$out"
done
expect_match "run --help lists --plain" "$("$LIMBER" run --help)" '^  --plain '
expect_no_match "list --help lists no run options" "$("$LIMBER" list --help)" '--level|--plain'
expect_match "history --help lists --csv" "$("$LIMBER" history --help)" '^  --csv '
expect_no_match "--help lists the commands, not one command" "$("$LIMBER" --help)" '^Usage: limber list'

# history: the morning and red-flag columns, newest first as stats lists weeks
mkdir -p "$XDG_DATA_HOME/limber"
cat > "$XDG_DATA_HOME/limber/history.csv" <<'CSV'
started,routine,level,status,planned_s,done_s,exercises_planned,exercises_done,pain,morning,red_flags,hurt,next_level,reason
2026-11-02T07:00:00+00:00,core,1,completed,600,600,5,5,2,,none,,1,first
2026-11-03T07:00:00+00:00,core,1,completed,600,600,5,5,3,worse,nerve,,1,second
CSV
out=$("$LIMBER" history)
expect_match "history: morning and red flags columns" "$out" '^date +routine +level +status +done +pain +morning +red flags +decision$'
expect_match "history: a row's morning and red flag" "$out" '^2026-11-03 07:00 +core +1 +completed +5/5 10:00 +3 +worse +nerve +second$'
expect_eq "history: newest first" "$(printf '%s\n' "$out" | sed -n '2p;3p' | awk '{ print $NF }' | tr '\n' ' ')" "second first "
weeks=$("$LIMBER" stats | grep 'week of' | head -n 2)
expect_match "stats: this week first, as history" "$(printf '%s\n' "$weeks" | head -n 1)" '\(this week\)$'
rm -f "$XDG_DATA_HOME/limber/history.csv"
err=$("$LIMBER" run --level two core 2>&1)
expect_match "--level names what it wants" "$err" 'whole number from 1 to 10, got "two"'

# --- list --------------------------------------------------------------------
out=$("$LIMBER" list); rc=$?
expect_eq "list exits 0" "$rc" 0
expect_match "list has a header" "$out" '^NAME +TITLE +EXERCISES +TIME +LEVEL +LAST DONE +SOURCE'
for r in core gentle mcgill stretch walkrun; do
	expect_match "list shows $r" "$out" "^$r +.* shipped\$"
done
expect_eq "list is sorted" "$(printf '%s\n' "$out" | sed 1d | awk '{print $1}' | tr '\n' ' ')" \
	"core gentle mcgill stretch walkrun "

# --- the search path ------------------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/limber/routines"
cat > "$XDG_CONFIG_HOME/limber/routines/core.csv" <<'CSV'
# title: My own core
exercise,hold
Plank,20
CSV
out=$("$LIMBER" list)
expect_match "a user routine replaces the shipped one" "$out" '^core +My own core +1 .* user \(replaces shipped\)$'
cp "$XDG_CONFIG_HOME/limber/routines/core.csv" "$XDG_CONFIG_HOME/limber/routines/mine.csv"
expect_match "a user routine of a new name is listed" "$("$LIMBER" list)" '^mine +My own core'
# a relative XDG_CONFIG_HOME is ignored (XDG spec): falls back to ~/.config
out=$(XDG_CONFIG_HOME=relative/dir "$LIMBER" list)
expect_no_match "relative XDG_CONFIG_HOME is ignored" "$out" '^mine '
rm -rf "$XDG_CONFIG_HOME/limber/routines"

# --- check -----------------------------------------------------------------------
"$LIMBER" check core >/dev/null 2>&1; expect_eq "check core exits 0" "$?" 0
err=$("$LIMBER" check nosuch 2>&1); rc=$?
expect_eq "check of an unknown name exits 1" "$rc" 1
expect_match "unknown name lists what there is" "$err" 'no routine named "nosuch"; there are: core gentle mcgill stretch walkrun'
err=$("$LIMBER" check /nonexistent/x.csv 2>&1)
expect_match "a missing file is named" "$err" '/nonexistent/x.csv: cannot open: No such file or directory'

# Every bad fixture: the exact diagnostics, exit status 1.
cd "$TESTDATA/routines/bad" || exit 1
n=0
for f in *.csv; do
	n=$((n + 1))
	got=$("$LIMBER" check "$f" 2>&1 >/dev/null); rc=$?
	expect_eq "check $f exits 1" "$rc" 1
	if [ -f "${f%.csv}.expected" ]; then
		expect_eq "check $f diagnostics" "$got" "$(cat "${f%.csv}.expected")"
	else
		fail "$f has no .expected file"
	fi
done
[ "$n" -ge 25 ] || fail "only $n bad fixtures"
cd "$TESTDATA/routines/good" || exit 1
for f in *.csv; do
	"$LIMBER" check "$f" >/dev/null 2>&1; expect_eq "check good/$f exits 0" "$?" 0
done
cd "$T" || exit 1

# --- edit ----------------------------------------------------------------------------
# An "editor" that appends a row the first time and fixes it the second.
cat > "$T/ed.sh" <<'SH'
#!/bin/sh
n=$(cat "$0.count" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$0.count"
case "$n" in
1) printf '# title: Mine\nexercise,sets\nExtra,two\n' > "$1" ;;
*) sed -i 's/^Extra,two$/Extra,2/' "$1" ;;
esac
SH
chmod +x "$T/ed.sh"
mkdir -p "$XDG_CONFIG_HOME"

# edit a shipped routine: copied to the user's folder, bad edit -> reopen -> fixed
out=$(printf 'e\n' | EDITOR="$T/ed.sh" "$LIMBER" edit gentle 2>&1); rc=$?
expect_eq "edit with a fixed second attempt exits 0" "$rc" 0
expect_match "edit shows the error" "$out" '\.gentle\.csv\.draft:3:7: error: sets must be a whole number from 1 to 20, got "two"'
expect_match "edit saves to the user's folder" "$out" "Saved $XDG_CONFIG_HOME/limber/routines/gentle.csv"
expect_match "the saved file has the edit" "$(tail -n 1 "$XDG_CONFIG_HOME/limber/routines/gentle.csv")" '^Extra,2$'
expect_eq "the draft is gone" "$(ls -A "$XDG_CONFIG_HOME/limber/routines" | tr '\n' ' ')" "gentle.csv "
expect_match "list shows the user's copy" "$("$LIMBER" list)" '^gentle .* user \(replaces shipped\)$'

# a bad edit discarded: the routine is as it was
rm -f "$T/ed.sh.count"
before=$(cat "$XDG_CONFIG_HOME/limber/routines/gentle.csv")
out=$(printf 'd\n' | EDITOR="$T/ed.sh" "$LIMBER" edit gentle 2>&1); rc=$?
expect_eq "discarding exits 0" "$rc" 0
expect_eq "discarding keeps the routine" "$(cat "$XDG_CONFIG_HOME/limber/routines/gentle.csv")" "$before"
# no answer at all (stdin closed): the draft is kept for later, exit 1
rm -f "$T/ed.sh.count"
out=$(EDITOR="$T/ed.sh" "$LIMBER" edit gentle 2>&1 </dev/null); rc=$?
expect_eq "no answer exits 1" "$rc" 1
expect_match "no answer keeps the draft" "$out" 'your draft is kept in .*\.gentle\.csv\.draft'
expect_eq "no answer leaves the routine alone" "$(cat "$XDG_CONFIG_HOME/limber/routines/gentle.csv")" "$before"

# edit --new: a template that passes check
out=$(EDITOR=true "$LIMBER" edit --new legs 2>&1); rc=$?
expect_eq "edit --new exits 0" "$rc" 0
"$LIMBER" check legs >/dev/null 2>&1; expect_eq "the template passes check" "$?" 0
expect_match "the template is commented" "$(head -n 3 "$XDG_CONFIG_HOME/limber/routines/legs.csv")" '^# title: legs'
EDITOR=true "$LIMBER" edit --new legs >/dev/null 2>&1; expect_eq "edit --new of an existing name exits 1" "$?" 1
EDITOR=true "$LIMBER" edit nosuch >/dev/null 2>&1; expect_eq "edit of an unknown name exits 1" "$?" 1
EDITOR=true "$LIMBER" edit ../evil >/dev/null 2>&1; expect_eq "edit of a bad name exits 2" "$?" 2
EDITOR=false "$LIMBER" edit --new arms >/dev/null 2>&1; expect_eq "a failing editor exits 1" "$?" 1
finish
