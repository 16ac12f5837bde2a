#!/usr/bin/env bash
# Run every fuzz target of the module briefly (issue 7): CI gives each a
# fixed number of executions (a few seconds for the slow xlsx targets);
# `make fuzz` runs them longer. FUZZTIME overrides the budget per target.
# CI counts executions rather than seconds: with a time budget, go test can
# report the budget running out in the middle of an input as a failure
# ("context deadline exceeded"), which is no finding and would fail CI. A crasher fails the run; go test saves it under the package's
# testdata/fuzz/<Target>/ to be kept as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME="${FUZZTIME:-1000x}"
GO="${GO:-go}"
# minimizing a new input of the xlsx targets can take a minute by default;
# a count, like FUZZTIME, has no deadline to run into
MINIMIZE="${FUZZMINIMIZETIME:-20x}"
status=0
for pkg in $($GO list ./store/... ./cmd/chanjiao-cli/); do
	targets=$($GO test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true)
	for t in $targets; do
		echo "== $pkg $t ($FUZZTIME)"
		if ! $GO test -run '^$' -fuzz "^${t}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$MINIMIZE" "$pkg"; then
			status=1
		fi
	done
done
exit $status
