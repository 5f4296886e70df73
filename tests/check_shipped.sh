#!/bin/sh
# Every shipped routine and figure passes `limber check` with no warnings.
. "$TESTLIB_SH"

out=$("$LIMBER" check 2>&1); rc=$?
expect_eq "limber check exits 0 on the shipped routines" "$rc" 0
expect_no_match "no errors or warnings" "$out" '(error|warning):'
for r in core stretch gentle mcgill walkrun; do
	expect_match "$r is checked" "$out" "/routines/$r.csv: ok"
done
for f in "$LIMBER_DATADIR"/figures/*.fig; do
	expect_match "$(basename "$f") is checked" "$out" "/figures/$(basename "$f"): ok: figure"
done
expect_match "the recovery plan is checked" "$out" "/plans/recovery.csv: ok: a plan of 4 phases"
finish
