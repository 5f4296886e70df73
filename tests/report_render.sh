#!/bin/sh
# The HTML report as a browser draws it: headless Chromium renders the
# report of the fixed history (tests/data/report/history.csv) to a PNG at
# 900x3400, offline.  Checks that it rendered (a PNG of that size, with
# enough drawn in it not to be blank).  Skips (77) without Chromium.
# REPORT_PNG=FILE keeps the picture for a person to look at.
. "$TESTLIB_SH"
chromium=
for c in chromium chromium-browser google-chrome; do
	command -v "$c" >/dev/null 2>&1 && { chromium=$c; break; }
done
[ -n "$chromium" ] || { echo "SKIP: no chromium (Debian package chromium)"; exit 77; }

mkdir -p "$XDG_DATA_HOME/limber"
cp "$TESTDATA/report/history.csv" "$XDG_DATA_HOME/limber/history.csv"
"$LIMBER" report --html "$T/report.html" >/dev/null
expect_eq "the report is written" "$?" 0

# A profile of its own, no network, no first-run work; a time limit.
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
	--disable-background-networking --no-first-run --no-default-browser-check \
	--disable-extensions --user-data-dir="$T/profile" --hide-scrollbars \
	--window-size=900,3400 --screenshot="$T/report.png" "file://$T/report.html" \
	> "$T/chromium.log" 2>&1
rc=$?
expect_eq "chromium renders the report" "$rc" 0
[ "$rc" -eq 0 ] || tail -n 20 "$T/chromium.log"
png=$T/report.png
expect_eq "a PNG" "$(od -An -tx1 -N8 "$png" 2>/dev/null | tr -d ' \n')" 89504e470d0a1a0a
# IHDR: width and height, big-endian, at bytes 16 and 20.
w=$(od -An -tu1 -j16 -N4 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
h=$(od -An -tu1 -j20 -N4 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
expect_eq "the picture is 900x3400" "${w}x${h}" 900x3400
# A blank white page compresses to a few kilobytes; three charts, tables
# and text do not.
size=$(stat -c %s "$png")
expect_match "the picture has something drawn ($size bytes)" "$([ "$size" -gt 60000 ] && echo yes)" yes
[ -n "${REPORT_PNG:-}" ] && cp "$png" "$REPORT_PNG" && cp "$T/report.html" "${REPORT_PNG%.png}.html"
finish
