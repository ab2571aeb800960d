# Sourced by `packaging/bunny-dev test`: starts the real services the suites talk to on
# loopback and exports where they are; services_stop undoes it. Each service is a file
# tests/services.d/NAME.sh defining NAME_start and NAME_stop.

services_start() {
    export BUNNY_TEST_SERVICES_DIR
    BUNNY_TEST_SERVICES_DIR=$(mktemp -d /tmp/bunny-services.XXXXXX)
    local file name
    for file in "$(dirname "${BASH_SOURCE[0]}")"/services.d/*.sh; do
        [ -f "$file" ] || continue
        # shellcheck disable=SC1090
        source "$file"
        name=$(basename "$file" .sh)
        echo "services: starting $name"
        "${name}_start" || { echo "services: $name failed to start" >&2; return 1; }
        BUNNY_STARTED_SERVICES="$name ${BUNNY_STARTED_SERVICES:-}"
    done
}

services_stop() {
    local name
    for name in ${BUNNY_STARTED_SERVICES:-}; do
        "${name}_stop" || true
    done
    [ -n "${BUNNY_TEST_SERVICES_DIR:-}" ] && rm -rf "$BUNNY_TEST_SERVICES_DIR"
    return 0
}
