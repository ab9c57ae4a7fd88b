#!/usr/bin/env bash
# The test command: installs what the tests need, builds in Release and runs every test project.
# Prints a closing line "N passed, N failed" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
fa_need_dotnet
fa_test_packages

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

source scripts/postgres.sh
fa_postgres_start
trap fa_postgres_stop EXIT

dotnet build FraudActors.sln -c Release -nologo -clp:ErrorsOnly

log=$(mktemp)
status=0
for project in tests/*.Tests/*.Tests.csproj; do
    echo "== $(basename "$project" .csproj)"
    dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$log" || status=1
done

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
if [[ "$passed" -eq 0 ]]; then
    echo "no test ran" >&2
    status=1
fi
echo "${passed} passed, ${failed} failed"
exit $status
