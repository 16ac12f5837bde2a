#!/usr/bin/env bash
# Run every fuzz target of the module briefly (issue 7): CI gives each a few
# seconds; `make fuzz` runs them longer. FUZZTIME overrides the time per
# target. A crasher fails the run; go test saves it under the package's
# testdata/fuzz/<Target>/ to be kept as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME="${FUZZTIME:-3s}"
GO="${GO:-go}"
# minimizing a new input of the xlsx targets can take a minute by default
MINIMIZE="${FUZZMINIMIZETIME:-1s}"
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
