#!/usr/bin/env bash
# Installs the system packages FraudActors needs (idempotent, quiet). Sourced by run.sh, test.sh and .ci/run.
set -euo pipefail

fa_need_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    echo "setup: installing ${missing[*]}" >&2
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "setup: need root or sudo to install ${missing[*]}" >&2; return 1; }
        sudo="sudo"
    fi
    if [[ -z "${FA_APT_UPDATED:-}" ]]; then
        $sudo apt-get update -qq >/dev/null
        export FA_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

fa_need_dotnet() {
    command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (https://dot.net); dotnet not found on PATH" >&2; return 1; }
}

# Runtime libraries: librdkafka (Kafka client), libxgboost (training).
fa_runtime_packages() {
    fa_need_packages librdkafka1 libxgboost0
}

# Everything the test suite uses: a real PostgreSQL server, kcat, a browser for the dashboard test.
fa_test_packages() {
    fa_need_packages librdkafka1 libxgboost0 kcat postgresql chromium chromium-driver
}
