# A real S3 server for the S3 store suites: npm's s3rver (pinned, installed on first use into
# a cache like the OpenAPI lint's @redocly/cli), in $BUNNY_TEST_SERVICES_DIR, on a free loopback
# port, with the bucket bunny-test. Exports BUNNY_TEST_S3_ENDPOINT, _BUCKET, _ACCESS_KEY,
# _SECRET_KEY, _REGION and _VHOST_DOMAIN (virtual-hosted requests go to <bucket>.s3.<domain>).
# A second s3rver serves TLS with a certificate for localhost signed by a throwaway CA made here
# with openssl: BUNNY_TEST_S3_TLS_ENDPOINT, _TLS_CA_FILE (that CA) and _TLS_OTHER_CA_FILE (a CA
# that signed nothing of it).
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
    s3_start_tls "$cache" "$dir"
}

s3_start_tls() { # cache dir
    local cache=$1 tls=$2/tls port
    command -v openssl >/dev/null || { s3_fail "openssl is missing: no S3 over https"; return; }
    mkdir -p "$tls/data"
    # EC keys: made in milliseconds, and every TLS stack here speaks them.
    (
        cd "$tls" &&
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
                -subj "/CN=Bunny test CA" -keyout ca.key -out ca.pem &&
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
                -subj "/CN=Some other CA" -keyout other-ca.key -out other-ca.pem &&
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=localhost" \
                -keyout server.key -out server.csr &&
            printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext &&
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
                -extfile server.ext -out server.pem
    ) >"$tls/openssl.log" 2>&1 || { cat "$tls/openssl.log" >&2; s3_fail "cannot make the test certificates"; return; }
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    node "$cache/node_modules/s3rver/bin/s3rver.js" -d "$tls/data" -a 127.0.0.1 -p "$port" --silent \
        --key "$tls/server.key" --cert "$tls/server.pem" --configure-bucket bunny-test >"$tls/s3rver.log" 2>&1 &
    echo $! >"$tls/pid"
    local i
    for i in $(seq 100); do
        curl -s -o /dev/null --cacert "$tls/ca.pem" "https://localhost:$port/" && break
        kill -0 "$(cat "$tls/pid")" 2>/dev/null || break
        sleep 0.1
    done
    if ! curl -s -o /dev/null --cacert "$tls/ca.pem" "https://localhost:$port/"; then
        cat "$tls/s3rver.log" >&2
        s3_fail "s3rver over TLS did not start"
        return
    fi
    export BUNNY_TEST_S3_TLS_ENDPOINT="https://localhost:$port"
    export BUNNY_TEST_S3_TLS_CA_FILE="$tls/ca.pem"
    export BUNNY_TEST_S3_TLS_OTHER_CA_FILE="$tls/other-ca.pem"
    echo "s3: s3rver over TLS listening on localhost:$port"
}

s3_stop() {
    local pidfile
    for pidfile in "$BUNNY_TEST_SERVICES_DIR/s3/pid" "$BUNNY_TEST_SERVICES_DIR/s3/tls/pid"; do
        if [ -f "$pidfile" ]; then
            kill "$(cat "$pidfile")" 2>/dev/null || true
            rm -f "$pidfile"
        fi
    done
    unset BUNNY_TEST_S3_ENDPOINT BUNNY_TEST_S3_BUCKET BUNNY_TEST_S3_ACCESS_KEY BUNNY_TEST_S3_SECRET_KEY \
        BUNNY_TEST_S3_REGION BUNNY_TEST_S3_VHOST_DOMAIN BUNNY_TEST_S3_TLS_ENDPOINT BUNNY_TEST_S3_TLS_CA_FILE \
        BUNNY_TEST_S3_TLS_OTHER_CA_FILE
}
