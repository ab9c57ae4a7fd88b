#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (fsync off: test data only; never use these settings in production).
# Exports FRAUDACTORS_TEST_POSTGRES with the connection string.

fa_postgres_start() {
    if [[ -n "${FRAUDACTORS_TEST_POSTGRES:-}" ]]; then
        return 0
    fi
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [[ -n "$bin" ]] || { echo "setup: PostgreSQL server binaries not found" >&2; return 1; }
    FA_PG_DIR=$(mktemp -d /tmp/fraudactors-pg.XXXXXX)
    local port=${FA_PG_PORT:-55432}
    local run=()
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres:postgres "$FA_PG_DIR"
        run=(runuser -u postgres --)
    fi
    "${run[@]}" "$bin/initdb" -D "$FA_PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
    "${run[@]}" "$bin/pg_ctl" -D "$FA_PG_DIR/data" -l "$FA_PG_DIR/server.log" -w -t 30 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $FA_PG_DIR -c fsync=off -c max_connections=200" >/dev/null
    export FA_PG_DIR FA_PG_BIN="$bin"
    export FRAUDACTORS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    export FRAUDACTORS_TEST_POSTGRES_DATA="$FA_PG_DIR/data"
}

fa_postgres_stop() {
    if [[ -n "${FA_PG_DIR:-}" && -d "$FA_PG_DIR/data" ]]; then
        local run=()
        [[ $(id -u) -eq 0 ]] && run=(runuser -u postgres --)
        "${run[@]}" "$FA_PG_BIN/pg_ctl" -D "$FA_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$FA_PG_DIR"
    fi
}
