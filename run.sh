#!/usr/bin/env bash
# The run command: installs what FraudActors needs, builds, and starts the embedded default — silo, in-memory
# stream, simulated traffic, model registry (SQLite) — in one process. Ctrl-C stops it cleanly.
# Extra arguments go to the gateway, e.g.  ./run.sh --Demo:TransactionsPerSecond=5000
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
fa_need_dotnet
fa_runtime_packages

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Gateway/Gateway.csproj -c Release -nologo -clp:ErrorsOnly -v quiet

url="http://127.0.0.1:5080"
echo "FraudActors is starting: dashboard $url/dashboard, API docs $url/docs (Ctrl-C to stop)"
if [[ -z "${CI:-}" ]] && command -v xdg-open >/dev/null && [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    (sleep 4 && xdg-open "$url/dashboard" >/dev/null 2>&1 || true) &
fi
cd Gateway
exec dotnet bin/Release/net10.0/FraudActors.Gateway.dll "$@"
