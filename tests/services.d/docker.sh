# dockerd for the Docker sandbox backend (tests/sandbox). Installs nothing: docker.io comes from
# packaging/deps/test-sandbox.list. Exports BUNNY_TEST_DOCKER=1 when the daemon answers.
# Outside CI a dockerd that cannot start only skips the Docker tests (they say why).

docker_start() {
    local socket=/var/run/docker.sock
    BUNNY_DOCKER_STARTED_BY_US=0
    if ! curl -sf --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1; then
        if ! command -v dockerd >/dev/null; then
            echo "docker: dockerd is not installed (package docker.io)" >&2
            [ "${CI:-}" = true ] && return 1
            return 0
        fi
        if [ "$(id -u)" -ne 0 ]; then
            echo "docker: not root, cannot start dockerd; Docker sandbox tests will skip" >&2
            [ "${CI:-}" = true ] && return 1
            return 0
        fi
        dockerd --host "unix://$socket" >"$BUNNY_TEST_SERVICES_DIR/dockerd.log" 2>&1 &
        BUNNY_DOCKERD_PID=$!
        BUNNY_DOCKER_STARTED_BY_US=1
        local i
        for i in $(seq 1 100); do
            curl -sf --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1 && break
            sleep 0.2
        done
    fi
    if curl -sf --unix-socket "$socket" http://localhost/_ping >/dev/null 2>&1; then
        export BUNNY_TEST_DOCKER=1
        echo "docker: dockerd answers on $socket"
        return 0
    fi
    echo "docker: dockerd did not come up (log: $BUNNY_TEST_SERVICES_DIR/dockerd.log)" >&2
    tail -5 "$BUNNY_TEST_SERVICES_DIR/dockerd.log" >&2 || true
    docker_stop
    [ "${CI:-}" = true ] && return 1
    return 0
}

docker_stop() {
    if [ "${BUNNY_DOCKER_STARTED_BY_US:-0}" = 1 ] && [ -n "${BUNNY_DOCKERD_PID:-}" ]; then
        kill "$BUNNY_DOCKERD_PID" 2>/dev/null || true
        local i
        for i in $(seq 1 50); do
            kill -0 "$BUNNY_DOCKERD_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "$BUNNY_DOCKERD_PID" 2>/dev/null || true
        BUNNY_DOCKER_STARTED_BY_US=0
    fi
    unset BUNNY_TEST_DOCKER
    return 0
}
