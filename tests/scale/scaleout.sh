#!/usr/bin/env bash
# tests/scale/scaleout.sh BUILD_DIR SOURCE_DIR: runs scaleout.py, first starting PostgreSQL and
# Redis from tests/services.d when the test command has not (a lone `ctest -L scaleout`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v nginx >/dev/null || { echo "FAIL: nginx is missing (packaging/setup-deps test)" >&2; exit 1; }
command -v psql >/dev/null || { echo "FAIL: psql is missing (packaging/setup-deps test)" >&2; exit 1; }
if [ -z "${BUNNY_TEST_PG_URL:-}" ] || [ -z "${BUNNY_TEST_REDIS_URL:-}" ]; then
    # shellcheck source=../services.sh
    source "$here/../services.sh"
    BUNNY_TEST_SERVICES_DIR=$(mktemp -d /tmp/bunny-services.XXXXXX)
    export BUNNY_TEST_SERVICES_DIR
    trap 'for s in $started; do ${s}_stop; done; rm -rf "$BUNNY_TEST_SERVICES_DIR"' EXIT
    started=""
    for name in postgres redis; do
        var=$([ $name = postgres ] && echo BUNNY_TEST_PG_URL || echo BUNNY_TEST_REDIS_URL)
        if [ -z "${!var:-}" ]; then
            # shellcheck disable=SC1090
            source "$here/../services.d/$name.sh"
            "${name}_start" >/dev/null
            started="$name $started"
        fi
    done
fi
python3 "$here/scaleout.py" "$1" "$2"
