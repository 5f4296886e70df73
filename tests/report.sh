#!/bin/sh
# limber report: the Markdown on stdout and the HTML file, from a fixed
# history of 24 sessions over nine weeks (tests/data/report/history.csv):
# every section, the morning-after answer taken from the next row, levels
# from the rows before --since, red flags, hurting exercises, the advice
# replayed; the HTML has no external URL, one chart point per session,
# escapes what the history holds, and is private (0600).
. "$TESTLIB_SH"
fixture=$TESTDATA/report/history.csv
mkdir -p "$XDG_DATA_HOME/limber"
cp "$fixture" "$XDG_DATA_HOME/limber/history.csv"

# --- Markdown -----------------------------------------------------------------
out=$("$LIMBER" report 2>"$T/err"); rc=$?
expect_eq "report exits 0" "$rc" 0
expect_eq "report says nothing on stderr" "$(cat "$T/err")" ""
for h in "# limber report" "## Sessions per week" "## Pain after each session" "## Levels" \
	 "## Red flags" "## Exercises marked as hurting" "## Advice limber gave"; do
	expect_match "report has '$h'" "$out" "^$h\$"
done
expect_match "the totals" "$out" '^- Sessions: 24, 22 completed \(92 %\)$'
expect_match "nine weeks, Monday to Monday" "$out" '^- Period: 2026-10-05 to [0-9-]+, [0-9]+ weeks$'
expect_match "a week's row" "$out" '^\| 2026-11-16 \| 3 \| 2 \| 1 \| 25 min \|$'
rows=$(printf '%s\n' "$out" | grep -cE '^\| 2026-[0-9-]+ [0-9:]+ \| [a-z]+ \| [0-9]+ \| (completed|stopped) \|')
expect_eq "one pain row per session" "$rows" 24
expect_match "the morning after comes from the next row" "$out" \
	'^\| 2026-10-16 18:00 \| core \| 1 \| stopped \| 3 of 6 \| 6 \| worse \|$'
expect_match "a skipped pain shows as -" "$out" '^\| 2026-11-20 07:30 \| mcgill \| 1 \| stopped \| 1 of 3 \| - \| better \|$'
expect_match "the newest session has no morning after yet" "$out" '^\| 2026-11-30 07:30 \| core \| 3 \| completed \| 6 of 6 \| 0 \|  \|$'
expect_match "levels at the start and now, with every change" "$out" \
	'^\| core \| 11 \| 1 \| 4 \| 2026-10-30: level 1 -> 2: .*<br>2026-11-06: level 2 -> 1: pain 8 \(red\); a rest day<br>.*<br>2026-11-30: level 3 -> 4: two green sessions in a row \(pain 1, 0\) \|$'
expect_match "the red flag with its date" "$out" '^\| 2026-10-21 07:30 \| gentle \| nerve signs \|$'
expect_match "hurting exercises, counted and dated" "$out" '^\| Side plank \| core \| 2 \| 2026-10-16, 2026-11-06 \|$'
expect_match "the advice after nerve signs" "$out" '^\| 2026-10-21 07:30 \| gentle \| .*see a doctor or physiotherapist soon'
expect_match "the rest-day advice after pain 8" "$out" '^\| 2026-11-06 07:30 \| core \| Take a rest day'

out=$("$LIMBER" report --since 2026-11-01); rc=$?
expect_eq "report --since exits 0" "$rc" 0
expect_match "--since counts from that day" "$out" '^- Sessions: 13, 12 completed \(92 %\)$'
expect_match "--since starts the period on that day" "$out" '^- Period: 2026-11-01 to '
expect_match "--since: levels at the start come from the rows before" "$out" '^\| core \| 8 \| 2 \| 4 \| 2026-11-06: '
expect_match "--since: a routine without a change says so" "$out" '^\| mcgill \| 1 \| 1 \| 1 \| no change \|$'
expect_no_match "--since leaves out October" "$out" '^\| 2026-10-'
out=$("$LIMBER" report --since 2027-01-01)
expect_match "a period with no session says so" "$out" '^- Sessions: none recorded in this period\.$'
for bad in 2026-02-30 2026-1-05 yesterday 2026-11-01x; do
	err=$("$LIMBER" report --since "$bad" 2>&1); rc=$?
	expect_eq "--since $bad exits 2" "$rc" 2
	expect_match "--since $bad says what it wants" "$err" "--since must be a date as YYYY-MM-DD, got \"$bad\""
done
"$LIMBER" report extra >/dev/null 2>&1; expect_eq "report takes no argument" "$?" 2
"$LIMBER" due --html x >/dev/null 2>&1; expect_eq "--html belongs to report" "$?" 2

# --- HTML -----------------------------------------------------------------------
out=$(umask 022; "$LIMBER" report --html "$T/r.html"); rc=$?
expect_eq "report --html exits 0" "$rc" 0
expect_match "report --html says what it wrote" "$out" "^Wrote $T/r.html: 24 sessions, [0-9]+ bytes\.\$"
expect_eq "the HTML file is private" "$(stat -c %a "$T/r.html")" 600
html=$(cat "$T/r.html")
expect_match "an HTML document" "$html" '^<!DOCTYPE html>$'
expect_eq "no external URL, link, script or import" \
	"$(grep -ciE 'https?:|ftp:|//[a-z0-9]|src=|href=|@import|url\(|<script|<link|<img|<iframe' "$T/r.html")" 0
expect_eq "three inline charts" "$(grep -c '^<svg class="chart"' "$T/r.html")" 3
expect_eq "one pain point per session" "$(grep -c 'class="pt ' "$T/r.html")" 24
expect_eq "one hollow square for the skipped pain" "$(grep -c 'class="pt skipped"' "$T/r.html")" 1
expect_eq "a red point for each worse morning after" \
	"$(grep -c 'class="pt worse"' "$T/r.html")" "$(grep -c ',worse,' "$fixture")"
expect_eq "one bar group per week (9 weeks of completed sessions)" \
	"$(grep -c '<rect class="done"' "$T/r.html")" 9
expect_eq "one level line per routine" "$(grep -c '<path class="level"' "$T/r.html")" 4
"$LIMBER" report --since 2026-11-01 --html "$T/nov.html" >/dev/null
expect_eq "--since: one point per session in the period" "$(grep -c 'class="pt ' "$T/nov.html")" 13
expect_eq "print styles" "$(grep -c '@media print' "$T/r.html")" 1

# Whatever a hand-edited history holds is text, never markup.
cat "$fixture" > "$XDG_DATA_HOME/limber/history.csv"
echo '2026-11-30T19:00:00+01:00,x<b>y,1,completed,600,600,6,6,2,,none,A|B <i>&,1,"level 1 stays: ""quoted"" <script>"' \
	>> "$XDG_DATA_HOME/limber/history.csv"
"$LIMBER" report --html "$T/esc.html" >/dev/null 2>&1
expect_eq "no markup from the history" "$(grep -c '<b>\|<i>\|<script>' "$T/esc.html")" 0
expect_match "the name escaped" "$(cat "$T/esc.html")" 'x&lt;b&gt;y'
expect_match "the exercise escaped" "$(cat "$T/esc.html")" 'A\|B &lt;i&gt;&amp;<'
out=$("$LIMBER" report)
expect_match "Markdown escapes a table's bar and markup" "$out" '^\| A\\\|B \\<i>& \| x\\<b>y \| 1 \| 2026-11-30 \|$'

# Errors: an unwritable file names it; nothing is left half-written.
err=$("$LIMBER" report --html "$T/no/such/dir/r.html" 2>&1); rc=$?
expect_eq "an unwritable --html exits 1" "$rc" 1
expect_match "an unwritable --html names the file" "$err" "cannot write the report to $T/no/such/dir/r.html: No such file or directory"
# With a recovery running the report says where it stands.
expect_no_match "no recovery: no recovery line" "$("$LIMBER" report)" '^- Recovery:'
LIMBER_NOW=2026-11-20T08:00:00+00:00 "$LIMBER" start 2026-11-20 >/dev/null 2>&1
out=$(LIMBER_NOW=2026-12-01T08:00:00+00:00 "$LIMBER" report)
expect_match "the recovery's day and phase" "$out" '^- Recovery: day 12, phase subacute \(days 4-14\); began 2026-11-20$'
rm -f "$XDG_DATA_HOME/limber/memory.csv"

rm -f "$XDG_DATA_HOME/limber/history.csv"
out=$("$LIMBER" report); rc=$?
expect_eq "report with no history exits 0" "$rc" 0
expect_match "report with no history says so" "$out" '^- Sessions: none recorded in this period\.$'
finish
