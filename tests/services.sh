# Sourced by `packaging/bunny-dev test`: starts the real services the suites talk to on
# loopback and exports where they are; services_stop undoes it. Each area adds its part.

services_start() {
    export BUNNY_TEST_SERVICES_DIR
    BUNNY_TEST_SERVICES_DIR=$(mktemp -d /tmp/bunny-services.XXXXXX)
}

services_stop() {
    [ -n "${BUNNY_TEST_SERVICES_DIR:-}" ] && rm -rf "$BUNNY_TEST_SERVICES_DIR"
    return 0
}
