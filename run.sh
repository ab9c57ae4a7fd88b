#!/usr/bin/env bash
# The run command: installs what FraudActors needs, builds, and starts the embedded default — silo, in-memory
# stream, simulated traffic, model registry (SQLite) — in one process. Ctrl-C stops it cleanly.
# Extra arguments go to the gateway, e.g.  ./run.sh --Demo:TransactionsPerSecond=5000
#   ./run.sh --kafka mock         the same demo through librdkafka's mock Kafka cluster, started in-process
#   ./run.sh --kafka HOST:PORT    a silo of a real Kafka deployment (add FRAUDACTORS_POSTGRES=... for N silos)
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
args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --kafka)
            [[ $# -ge 2 ]] || { echo "run.sh: --kafka needs 'mock' or HOST:PORT" >&2; exit 2; }
            if [[ "$2" == mock ]]; then args+=("--Kafka:Mock=true"); else args+=("--Kafka:BootstrapServers=$2"); fi
            shift 2 ;;
        --kafka=*)
            value="${1#--kafka=}"
            if [[ "$value" == mock ]]; then args+=("--Kafka:Mock=true"); else args+=("--Kafka:BootstrapServers=$value"); fi
            shift ;;
        *) args+=("$1"); shift ;;
    esac
done
cd Gateway
exec dotnet bin/Release/net10.0/FraudActors.Gateway.dll "${args[@]}"
