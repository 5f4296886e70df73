#!/bin/sh
# attack.sh - what another user, the file system and the clock can do to
# the history and the files limber reads (issue 13, items 1, 5, 6 and
# 8-11): files of another user, links, FIFOs, a lock held elsewhere, a
# failing fsync, clocks far off, UTC offsets past 14 hours, two sessions
# finishing at once.
#
# As root it runs every case, then runs itself again as an unprivileged
# user it creates (limber-vic), with files of another user (root's) laid
# out for it.  Without root, the cases that need a second user are left
# out; with nothing to run it would exit 77.
. "$TESTLIB_SH"

R="$XDG_CONFIG_HOME/limber/routines"
D="$XDG_DATA_HOME/limber"
H="$D/history.csv"
export XDG_CACHE_HOME="$T/cache"
mkdir -p "$R"
printf 'exercise,hold,rest\nEasy,1,0\n' >"$R/r.csv"
printf 'exercise,hold,rest\nHold,20,0\n' >"$R/g.csv"
printf '2\nn\nn\n' >"$T/answers"
export LIMBER_TIME_SCALE=1000
echo "# running as $(id -un) (uid $(id -u))"
# The users of the two-user cases, made when missing (root only).
if [ "$(id -u)" -eq 0 ] && [ -z "${ATTACK_FOREIGN:-}" ]; then
	for u in limber-atk limber-vic; do
		id "$u" >/dev/null 2>&1 ||
			useradd --system --no-create-home --shell /usr/sbin/nologin "$u" 2>/dev/null ||
			echo "# cannot make the user $u"
	done
fi

# A session of r answered from $T/answers: out, err and rc in $T.
run() {
	timeout 30 "$LIMBER" run --plain --mute "$@" r <"$T/answers" >"$T/out" 2>"$T/err"
	echo $? >"$T/rc"
}
# lock FILE: another program holds FILE's lock (for 30 s at most) from
# now until unlock
lock() {
	rm -f "$T/locked"
	# the process that holds the lock is the one killed to free it
	sh -c 'exec 9>>"$1"; flock -x 9; : >"$2"; exec sleep 30' sh "$1" "$T/locked" & holder=$!
	_n=0; while [ ! -f "$T/locked" ] && [ $_n -lt 100 ]; do sleep 0.05; _n=$((_n + 1)); done
	[ -f "$T/locked" ] || fail "flock did not take $1"
}
unlock() { kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null; }
rc() { cat "$T/rc"; }
err() { cat "$T/err"; }
rows() { [ -f "$1" ] && wc -l <"$1" | tr -d ' ' || echo 0; }
# wait_for FILE REGEX SECONDS: until a line of FILE matches (polled)
wait_for() {
	_n=0
	while [ "$_n" -lt $(($3 * 20)) ]; do
		grep -Eq -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.05; _n=$((_n + 1))
	done
	return 1
}
fresh() { rm -rf "$D" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME/limber/limber.conf"; }
header='started,routine,level,status,planned_s,done_s,exercises_planned,exercises_done,pain,morning,red_flags,hurt,next_level,reason'

# --- 1. privacy ---------------------------------------------------------------
# A folder and a history of another user, open to all: refused, named, and
# nothing of the victim's written into them.
foreign_history() {	# DATA_HOME: holds limber/history.csv of another user
	(export XDG_DATA_HOME="$1"; run)
	expect_eq "1 foreign history: exit 1" "$(rc)" 1
	expect_match "1 foreign history: refused, naming the path" "$(err)" \
		"^$1/limber/history\.csv: error: it belongs to .*, not to you"
	expect_match "1 foreign history: not recorded, and says so" "$(err)" 'NOT recorded'
	expect_eq "1 foreign history: nothing appended" "$(rows "$1/limber/history.csv")" 1
}
# A cache folder of another user, open to all, holding a FIFO: list
# neither hangs nor uses it.
foreign_cache() {	# CACHE_HOME: holds limber/history.sum, a FIFO
	fresh; run
	XDG_CACHE_HOME="$1" timeout 10 "$LIMBER" list >"$T/out" 2>"$T/err"; r=$?
	expect_eq "5 a foreign cache folder with a FIFO: list exits 0" "$r" 0
	expect_match "5 a foreign cache folder: list still lists" "$(cat "$T/out")" '^r  '
}

if [ -n "${ATTACK_FOREIGN:-}" ]; then
	foreign_history "$ATTACK_FOREIGN/data"
	foreign_cache "$ATTACK_FOREIGN/cache"
elif [ "$(id -u)" -eq 0 ] && id limber-atk >/dev/null 2>&1; then
	mkdir -p "$T/atk/data/limber" "$T/atk/cache/limber"
	echo "$header" >"$T/atk/data/limber/history.csv"
	mkfifo "$T/atk/cache/limber/history.sum"
	chown -R limber-atk "$T/atk"
	chmod 777 "$T/atk/data/limber" "$T/atk/cache/limber"
	chmod 666 "$T/atk/data/limber/history.csv"
	foreign_history "$T/atk/data"
	foreign_cache "$T/atk/cache"
fi

# A history that is a link to a file elsewhere: not followed.
fresh; mkdir -p "$D"
echo "$header" >"$T/elsewhere.csv"; chmod 644 "$T/elsewhere.csv"
ln -s "$T/elsewhere.csv" "$H"
run
expect_eq "1 a linked history: exit 1" "$(rc)" 1
expect_match "1 a linked history: refused, naming it" "$(err)" \
	"^$H: error: cannot open for appending: it is a symbolic link"
expect_eq "1 a linked history: the file it points at is untouched" "$(rows "$T/elsewhere.csv")" 1

# A history restored from a backup, 0644 in a 0755 folder: made private,
# and said once.
fresh; run; mkdir -p "$D"
chmod 755 "$D"; chmod 644 "$H"
run
expect_eq "1 restored history: exit 0" "$(rc)" 0
expect_eq "1 restored history: now 0600" "$(stat -c %a "$H")" 600
expect_eq "1 restored history: its folder now 0700" "$(stat -c %a "$D")" 700
expect_match "1 restored history: said so" "$(err)" \
	"^$H: warning: it was open to others \(mode 0644\): limber made it private \(0600\)"
run
expect_eq "1 restored history: said once" "$(err)" ""
expect_eq "1 restored history: every session recorded" "$(rows "$H")" 4

# --- 5. FIFOs: nothing hangs, each is named -------------------------------------
fresh; mkdir -p "$XDG_CACHE_HOME/limber"; mkfifo "$XDG_CACHE_HOME/limber/history.sum"
timeout 10 "$LIMBER" list >"$T/out" 2>"$T/err"; r=$?
expect_eq "5 history.sum a FIFO, no history: list exits 0" "$r" 0
run; r=$(rc)
expect_eq "5 history.sum a FIFO: a session is recorded" "$r $(rows "$H")" "0 2"

fresh; mkfifo "$XDG_CONFIG_HOME/limber/limber.conf"
timeout 10 "$LIMBER" list >"$T/out" 2>"$T/err"; r=$?
expect_eq "5 limber.conf a FIFO: list exits 0" "$r" 0
expect_match "5 limber.conf a FIFO: named" "$(err)" \
	"^$XDG_CONFIG_HOME/limber/limber\.conf: warning: cannot open: it is a FIFO, not a regular file; using the defaults"
rm -f "$XDG_CONFIG_HOME/limber/limber.conf"

fresh; mkdir -p "$D"; mkfifo "$H"
timeout 10 "$LIMBER" stats >"$T/out" 2>"$T/err"; r=$?
expect_eq "5 history.csv a FIFO: stats exits 1" "$r" 1
expect_match "5 history.csv a FIFO: named" "$(err)" "^$H: error: cannot read: it is a FIFO, not a regular file"
timeout 10 "$LIMBER" run --plain --mute r <"$T/answers" >"$T/out" 2>"$T/err"; r=$?
expect_eq "5 history.csv a FIFO: run --plain exits 1" "$r" 1
expect_match "5 history.csv a FIFO: the append says so" "$(err)" \
	"^$H: error: cannot open for appending: it is a FIFO, not a regular file"
rm -f "$H"

mkfifo "$T/fifo.csv"
timeout 10 "$LIMBER" check "$T/fifo.csv" >"$T/out" 2>"$T/err"; r=$?
expect_eq "5 a FIFO given to check: exit 1" "$r" 1
expect_match "5 a FIFO given to check: named" "$(err)" "^$T/fifo\.csv: error: cannot open: it is a FIFO, not a regular file"

# --- 6. waiting for the history's lock ------------------------------------------
for sig in TERM INT HUP; do
	fresh; run
	# taken while the session runs, as another program might (its own
	# output files: an old one could say "Get ready" before it starts)
	rm -f "$T/gout" "$T/gerr"
	LIMBER_TIME_SCALE=10 "$LIMBER" run --plain --mute g <"$T/answers" >"$T/gout" 2>"$T/gerr" & pid=$!
	wait_for "$T/gout" '^Get ready' 10
	lock "$H"
	if wait_for "$T/gerr" "^limber: waiting for $H: another program is writing it" 10; then
		ok "6 SIG$sig: says it waits, and for which file"
	else
		fail "6 SIG$sig: no word while waiting for the lock"
		sed 's/^/  out| /' "$T/gout"; sed 's/^/  err| /' "$T/gerr"
	fi
	kill -"$sig" "$pid" 2>/dev/null
	n=0; while kill -0 "$pid" 2>/dev/null && [ $n -lt 60 ]; do sleep 0.05; n=$((n + 1)); done
	if kill -0 "$pid" 2>/dev/null; then
		fail "6 SIG$sig: still waiting 3 s after the signal"
		unlock
	fi
	wait "$pid"; r=$?
	unlock
	expect_eq "6 SIG$sig: exit 1" "$r" 1
	expect_match "6 SIG$sig: the row went to the rescue file, which is named" "$(cat "$T/gerr")" \
		"^$H: error: another program held this file's lock, and the wait for it was stopped: this session was saved in $D/history-rescued\.csv instead"
	expect_eq "6 SIG$sig: the rescue file holds the row" "$(rows "$D/history-rescued.csv")" 2
	expect_eq "6 SIG$sig: the history is as it was" "$(rows "$H")" 2
done

# --- 8. only rows that read back ------------------------------------------------
for tz in '<+15>-15' '<-1530>15:30'; do
	fresh; (export TZ="$tz"; run)
	expect_eq "8 TZ=$tz: exit 0" "$(rc)" 0
	"$LIMBER" history --csv >"$T/out" 2>"$T/err"
	expect_eq "8 TZ=$tz: the row reads back" "$(wc -l <"$T/out" | tr -d ' ')" 2
	expect_eq "8 TZ=$tz: without a warning" "$(err)" ""
done
if faults_on LIMBER_FAULT_TIME=254104000000; then	# in the year 10021
	fresh; run; faults_off
	expect_eq "8 a clock in the year 10021: exit 1" "$(rc)" 1
	expect_match "8 a clock in the year 10021: says why" "$(err)" \
		"^$H: error: the session's start, 1002[0-9]-.*, is outside what history.csv holds"
	"$LIMBER" history --csv >"$T/out" 2>"$T/err"
	expect_eq "8 a clock in the year 10021: no row that cannot be read" "$(err)" ""
	faults_on LIMBER_FAULT_TIME=-2240524800	# 1899-01-01
	fresh; run; faults_off
	expect_eq "8 a clock in 1899: exit 1" "$(rc)" 1
	expect_match "8 a clock in 1899: says why" "$(err)" "1899-01-01T00:00:00.*is outside what history.csv holds"
	"$LIMBER" history --csv >"$T/out" 2>"$T/err"
	expect_eq "8 a clock in 1899: no row that cannot be read" "$(err)" ""

	# Pain 5 on 2026-11-10, then a session under a 1970 clock, then one on
	# 2026-11-18: the two-week rule sees 9 days, not 57 years.
	fresh; mkdir -p "$D"
	{ echo "$header"
	  echo "2026-11-10T08:00:00+00:00,r,1,completed,1,1,1,1,5,,none,,1,level 1 stays"
	} >"$H"; chmod 600 "$H"
	printf '5\nn\nn\n' >"$T/pain5"
	faults_on LIMBER_FAULT_TIME=86400	# 1970-01-02
	"$LIMBER" run --plain --mute r <"$T/pain5" >/dev/null 2>&1
	# (the morning after the 1970 session is asked about first)
	printf 's\n5\nn\nn\n' >"$T/pain5"
	faults_on LIMBER_FAULT_TIME=1795003200	# 2026-11-18
	"$LIMBER" run --plain --mute r <"$T/pain5" >"$T/out" 2>"$T/err"; r=$?
	faults_off
	expect_eq "8 a 1970 row: three rows" "$(rows "$H")" 4
	expect_no_match "8 a 1970 row does not fire the two-week rule" "$(cat "$T/out")" \
		'after every session for [0-9]+ days or more'

	# --- 9. fsync fails: written, not confirmed -------------------------------
	fresh; faults_on LIMBER_FAULT_FSYNC=1; run; faults_off
	expect_eq "9 fsync EIO: exit 1" "$(rc)" 1
	expect_match "9 fsync EIO: written but not confirmed" "$(err)" \
		"^$H: error: this session was written, but not confirmed on disk \(sync: Input/output error\)"
	expect_no_match "9 fsync EIO: not \"NOT recorded\"" "$(err)" 'NOT recorded'
	expect_eq "9 fsync EIO: the row is there" "$(rows "$H")" 2
else
	echo "# no fault shim: clocks and fsync not tried"
fi

# --- 10. a history linked to a device -------------------------------------------
for dev in /dev/null /dev/urandom; do
	fresh; mkdir -p "$D"; ln -s "$dev" "$H"
	run
	expect_eq "10 history linked to $dev: exit 1" "$(rc)" 1
	expect_match "10 history linked to $dev: refused" "$(err)" \
		"^$H: error: cannot open for appending: it is a symbolic link"
	expect_match "10 history linked to $dev: not counted as recorded" "$(err)" 'NOT recorded'
done

# --- 11. two sessions finishing at once -----------------------------------------
# Both sessions run, then find the history locked; once it is free, the
# second to write decides from the rows as they are then, the first one's
# among them: one first green session, then two in a row.
fresh; mkdir -p "$D"; : >"$H"; chmod 600 "$H"
printf '0\nn\nn\n' >"$T/green"
rm -f "$T/out1" "$T/out2" "$T/err1" "$T/err2"
for k in 1 2; do
	LIMBER_TIME_SCALE=10 "$LIMBER" run --plain --mute g <"$T/green" >"$T/out$k" 2>"$T/err$k" &
	eval "pid$k=\$!"
done
wait_for "$T/out1" '^Get ready' 10; wait_for "$T/out2" '^Get ready' 10
lock "$H"
# both wait for the lock (after 2.5 s), then it is free
wait_for "$T/err1" 'waiting for' 10; wait_for "$T/err2" 'waiting for' 10
sleep 1
unlock
wait "$pid1"; wait "$pid2"
levels=$(tail -n +2 "$H" | cut -d, -f13 | sort | tr '\n' ' ')
expect_eq "11 two sessions at once: the second decides knowing the first" "$levels" "1 2 "

# --- as an unprivileged user ----------------------------------------------------
if [ "$(id -u)" -eq 0 ] && [ -z "${ATTACK_FOREIGN:-}" ]; then
	if id limber-vic >/dev/null 2>&1 && setpriv --reuid=limber-vic --regid=limber-vic \
		--clear-groups test -x "$LIMBER" 2>/dev/null; then
		F=$(mktemp -d /tmp/limber-foreign.XXXXXX)
		chmod 755 "$F"
		mkdir -p "$F/data/limber" "$F/cache/limber"
		echo "$header" >"$F/data/limber/history.csv"
		mkfifo "$F/cache/limber/history.sum"
		chmod 777 "$F/data/limber" "$F/cache/limber"
		chmod 666 "$F/data/limber/history.csv"
		echo "# --- again as limber-vic, with root's files to attack"
		setpriv --reuid=limber-vic --regid=limber-vic --clear-groups \
			env -i PATH="$PATH" LIMBER="$LIMBER" TESTLIB_SH="$TESTLIB_SH" \
			LIMBER_DATADIR="$LIMBER_DATADIR" FAULTSHIM="${FAULTSHIM:-}" \
			LC_ALL=C.UTF-8 TZ=UTC SDL_AUDIODRIVER=dummy TMPDIR=/tmp \
			ATTACK_FOREIGN="$F" sh "$0"
		r=$?
		rm -rf "$F"
		[ "$r" -eq 0 ] || fail "as limber-vic: $r"
	else
		echo "# cannot run as an unprivileged user here: that pass not tried"
	fi
elif [ "$(id -u)" -ne 0 ] && [ -z "${ATTACK_FOREIGN:-}" ]; then
	echo "# not root: no second user, so files of another user not tried"
fi
finish
