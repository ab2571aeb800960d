# A real S3 server for the S3 store suites: npm's s3rver (pinned, installed on first use into
# a cache like the OpenAPI lint's @redocly/cli), in $BUNNY_TEST_SERVICES_DIR, on a free loopback
# port, with the bucket bunny-test. Exports BUNNY_TEST_S3_ENDPOINT, _BUCKET, _ACCESS_KEY,
# _SECRET_KEY, _REGION and _VHOST_DOMAIN (virtual-hosted requests go to <bucket>.s3.<domain>).
# Without npm or network outside CI it says so and returns 0: the suites then skip.

S3RVER_VERSION=3.7.1

s3_fail() {
    echo "s3: $*" >&2
    [ "${CI:-}" = "true" ] && return 1
    echo "s3: the S3 suites will be skipped" >&2
    return 0
}

s3_start() {
    local cache dir port
    cache=${BUNNY_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bunny/npm}/s3rver-$S3RVER_VERSION
    if [ ! -f "$cache/node_modules/s3rver/bin/s3rver.js" ]; then
        command -v npm >/dev/null || { s3_fail "npm is missing (package nodejs)"; return; }
        mkdir -p "$cache"
        npm install --prefix "$cache" --no-audit --no-fund --loglevel=error "s3rver@$S3RVER_VERSION" >&2 ||
            { s3_fail "cannot install s3rver@$S3RVER_VERSION"; return; }
    fi
    dir=$BUNNY_TEST_SERVICES_DIR/s3
    mkdir -p "$dir/data"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    node "$cache/node_modules/s3rver/bin/s3rver.js" -d "$dir/data" -a 127.0.0.1 -p "$port" --silent \
        --service-endpoint bunny.test --configure-bucket bunny-test >"$dir/s3rver.log" 2>&1 &
    echo $! >"$dir/pid"
    local i
    for i in $(seq 100); do
        # Any HTTP answer (403 for an anonymous listing) means it is up.
        curl -s -o /dev/null "http://127.0.0.1:$port/" && break
        kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
        sleep 0.1
    done
    if ! curl -s -o /dev/null "http://127.0.0.1:$port/"; then
        cat "$dir/s3rver.log" >&2
        s3_fail "s3rver did not start"
        return
    fi
    export BUNNY_TEST_S3_ENDPOINT="http://127.0.0.1:$port"
    export BUNNY_TEST_S3_BUCKET=bunny-test
    export BUNNY_TEST_S3_ACCESS_KEY=S3RVER # s3rver's built-in account
    export BUNNY_TEST_S3_SECRET_KEY=S3RVER
    export BUNNY_TEST_S3_REGION=us-east-1
    export BUNNY_TEST_S3_VHOST_DOMAIN=bunny.test
    echo "s3: s3rver $S3RVER_VERSION listening on 127.0.0.1:$port"
}

s3_stop() {
    local pidfile=$BUNNY_TEST_SERVICES_DIR/s3/pid
    if [ -f "$pidfile" ]; then
        kill "$(cat "$pidfile")" 2>/dev/null || true
        rm -f "$pidfile"
    fi
    unset BUNNY_TEST_S3_ENDPOINT BUNNY_TEST_S3_BUCKET BUNNY_TEST_S3_ACCESS_KEY BUNNY_TEST_S3_SECRET_KEY \
        BUNNY_TEST_S3_REGION BUNNY_TEST_S3_VHOST_DOMAIN
}
