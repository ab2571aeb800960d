# A throwaway PostgreSQL cluster for the backend suites (their *_postgresql variants):
# initdb in $BUNNY_TEST_SERVICES_DIR, listening on a free loopback port, run as the unprivileged
# postgres user when we are root. Exports BUNNY_TEST_PG_URL (a superuser URL: the suites create
# one database per server they start).

postgres_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -x "$dir/initdb" ] || { echo "postgres: no PostgreSQL server binaries (package postgresql)" >&2; return 1; }
    echo "$dir"
}

postgres_as_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

postgres_start() {
    local bin port dir
    bin=$(postgres_bin) || return 1
    dir=$BUNNY_TEST_SERVICES_DIR/postgres
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chmod o+x "$BUNNY_TEST_SERVICES_DIR" # the postgres user must reach its folder
        chown postgres: "$dir"
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    postgres_as_user "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; return 1; }
    postgres_as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $dir -F -c max_connections=200" start >/dev/null ||
        { cat "$dir/server.log" >&2; return 1; }
    export BUNNY_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
    echo "postgres: listening on 127.0.0.1:$port"
}

postgres_stop() {
    local bin
    bin=$(postgres_bin) || return 0
    [ -d "$BUNNY_TEST_SERVICES_DIR/postgres/data" ] &&
        postgres_as_user "$bin/pg_ctl" -D "$BUNNY_TEST_SERVICES_DIR/postgres/data" -m fast -w stop >/dev/null
    unset BUNNY_TEST_PG_URL
}
