# A throwaway Redis for the scale-out suites: redis-server on a free loopback port, no
# persistence, its files in $BUNNY_TEST_SERVICES_DIR. Exports BUNNY_TEST_REDIS_URL.

redis_start() {
    local dir port
    command -v redis-server >/dev/null || { echo "redis: no redis-server (package redis-server)" >&2; return 1; }
    dir=$BUNNY_TEST_SERVICES_DIR/redis
    mkdir -p "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --appendonly no \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null ||
        { cat "$dir/redis.log" >&2 2>/dev/null; return 1; }
    local _
    for _ in $(seq 1 50); do
        [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ] && break
        sleep 0.1
    done
    [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ] || { cat "$dir/redis.log" >&2; return 1; }
    export BUNNY_TEST_REDIS_URL="redis://127.0.0.1:$port"
    echo "redis: listening on 127.0.0.1:$port"
}

redis_stop() {
    local pidfile=$BUNNY_TEST_SERVICES_DIR/redis/redis.pid
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
    unset BUNNY_TEST_REDIS_URL
    return 0
}
