#!/usr/bin/env bash
# Sets up, builds and runs every test, then prints one line: "tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 2

results=TestResults
rm -rf "$results"
dotnet test ShampooActors.sln -c Release -nologo --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0 failed=0 total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  total=$((total + $(value total)))
done

echo "tests: $passed passed, $failed failed"
if ((total == 0)); then
  echo "no test was executed" >&2
  exit 1
fi
if ((failed > 0 || status != 0)); then
  exit 1
fi
