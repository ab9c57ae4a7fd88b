#!/usr/bin/env bash
# HTTP load figures for the gateway (issue #6 §4), measured with wrk on this machine:
#   (a) the highest sustained single-transaction rate whose p99 is at most 10 ms (wrk -t2 -cN, N swept),
#   (b) p50/p99 at a fixed 2,000 requests/s (open-loop pacing in the wrk script),
#   (c) batch scoring rows/s with 100-transaction batches.
# The gateway runs in Release with demo traffic off, a fresh SQLite store and a model trained on first start;
# requests carry an API key made with `trainer keys create`. Every transaction is distinct (ids never repeat).
# Usage: scripts/bench-http.sh [seconds-per-step (default 15)]
#   FA_BENCH_ARTIFACTS=/tmp/x   build into that artifacts path instead of the projects' bin folders
#   FA_BENCH_CONNECTIONS="4 8 16 32 64"  connection counts swept for (a)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
seconds=${1:-15}
port=${FA_BENCH_PORT:-5199}
url="http://127.0.0.1:$port"
connections=${FA_BENCH_CONNECTIONS:-"2 4 8 16 32 64"}
lua="$repo/tests/Benchmarks/Http"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

artifacts=()
if [[ -n "${FA_BENCH_ARTIFACTS:-}" ]]; then
    artifacts=(--artifacts-path "$FA_BENCH_ARTIFACTS")
    gateway_dll="$FA_BENCH_ARTIFACTS/bin/Gateway/release/FraudActors.Gateway.dll"
    trainer_dll="$FA_BENCH_ARTIFACTS/bin/Trainer/release/FraudActors.Trainer.dll"
else
    gateway_dll="$repo/Gateway/bin/Release/net10.0/FraudActors.Gateway.dll"
    trainer_dll="$repo/Trainer/bin/Release/net10.0/FraudActors.Trainer.dll"
fi
echo "building the gateway (Release)…" >&2
dotnet build Gateway/Gateway.csproj -c Release -nologo -clp:ErrorsOnly -v quiet "${artifacts[@]}" >&2

work=$(mktemp -d /tmp/fa-bench-http.XXXXXX)
gateway_pid=""
cleanup() {
    if [[ -n "$gateway_pid" ]]; then kill "$gateway_pid" 2>/dev/null || true; wait "$gateway_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

db="$work/fraudactors.db"
key=$(dotnet "$trainer_dll" keys create --name bench --scopes score --registry "$db" --json | sed -E 's/.*"key":"([^"]+)".*/\1/')

echo "starting the gateway on $url (demo traffic off; a first model is trained on start)…" >&2
(cd "$work" && exec dotnet "$gateway_dll" --urls "$url" --contentRoot "$repo/Gateway" \
    --Demo:Enabled=false --Demo:ReportSeconds=0 --Storage:Sqlite:Path="$db" \
    --Api:AllowAnonymousInDemo=false --Api:RateLimitPermits=100000000 \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning) >"$work/gateway.log" 2>&1 &
gateway_pid=$!
for _ in $(seq 1 600); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready")" == 200 ]]; then break; fi
    if ! kill -0 "$gateway_pid" 2>/dev/null; then echo "the gateway exited:" >&2; tail -20 "$work/gateway.log" >&2; exit 1; fi
    sleep 0.5
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready")" == 200 ]] || { echo "the gateway did not become ready" >&2; exit 1; }

export API_KEY="$key" THREADS=2 CARDS=2500
step=0
# Runs wrk; prints "rate p50_ms p99_ms non2xx".
measure() {
    step=$((step + 1))
    local out
    out=$(RUN_ID="r$step" wrk "$@" --latency "$url" 2>&1)
    echo "$out" >>"$work/wrk.log"
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /^Requests\/sec:/ { rate = $2 } /Non-2xx/ { bad = $NF }
        END { printf "%.0f %.3f %.3f %d\n", rate, p50, p99, bad + 0 }' <<<"$out"
}

echo "warming up (JIT, grains, model)…" >&2
measure -t2 -c16 -d10s -s "$lua/score.lua" >/dev/null

echo "(a) single-transaction sweep, ${seconds}s per step" >&2
best_rate=0; best_c=0; best_p50=0; best_p99=0
printf '%-12s %12s %9s %9s %8s\n' connections "requests/s" "p50 ms" "p99 ms" non-2xx
for c in $connections; do
    read -r rate p50 p99 bad < <(measure -t2 -c"$c" -d"${seconds}s" -s "$lua/score.lua")
    printf '%-12s %12s %9s %9s %8s\n' "$c" "$rate" "$p50" "$p99" "$bad"
    if awk -v p="$p99" -v r="$rate" -v b="$best_rate" -v bad="$bad" 'BEGIN { exit !(p <= 10 && r > b && bad == 0) }'; then
        best_rate=$rate; best_c=$c; best_p50=$p50; best_p99=$p99
    fi
done

echo "(b) fixed 2,000 requests/s, $((seconds * 2))s" >&2
read -r fixed_rate fixed_p50 fixed_p99 fixed_bad < <(RATE=2000 measure -t2 -c32 -d"$((seconds * 2))s" -s "$lua/score.lua")

echo "(c) batches of 100, ${seconds}s per step" >&2
batch_best=0; batch_c=0; batch_p99=0
for c in 2 4 8; do
    read -r rate p50 p99 bad < <(BATCH=100 measure -t2 -c"$c" -d"${seconds}s" -s "$lua/batch.lua")
    rows=$((rate * 100))
    printf 'batch c=%-4s %10s rows/s  p50 %s ms  p99 %s ms  non-2xx %s\n' "$c" "$rows" "$p50" "$p99" "$bad"
    if [[ "$bad" == 0 && "$rows" -gt "$batch_best" ]]; then batch_best=$rows; batch_c=$c; batch_p99=$p99; fi
done

cpu=$(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')
echo
echo "machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ { print $2 }') GiB; wrk and the gateway on the same machine"
echo "(a) highest sustained rate with p99 <= 10 ms: ${best_rate} requests/s (wrk -t2 -c${best_c}; p50 ${best_p50} ms, p99 ${best_p99} ms)"
echo "(b) at a fixed 2,000 requests/s (measured ${fixed_rate}/s): p50 ${fixed_p50} ms, p99 ${fixed_p99} ms, non-2xx ${fixed_bad}"
echo "(c) batch scoring, 100 rows per request: ${batch_best} rows/s (wrk -t2 -c${batch_c}; p99 ${batch_p99} ms per batch)"
