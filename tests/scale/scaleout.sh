#!/usr/bin/env bash
# tests/scale/scaleout.sh BUILD_DIR SOURCE_DIR: runs scaleout.py, first starting PostgreSQL, Redis
# and the S3 server from tests/services.d when the test command has not (a lone `ctest -L scaleout`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v nginx >/dev/null || { echo "FAIL: nginx is missing (packaging/setup-deps test)" >&2; exit 1; }
command -v psql >/dev/null || { echo "FAIL: psql is missing (packaging/setup-deps test)" >&2; exit 1; }
# The services the test command has not started (a lone `ctest -L scaleout`) are started here.
# Under CI=true a service that cannot start fails the run (s3_start returns 1 then).
declare -A service_var=([postgres]=BUNNY_TEST_PG_URL [redis]=BUNNY_TEST_REDIS_URL [s3]=BUNNY_TEST_S3_ENDPOINT)
started=""
trap 'for s in $started; do ${s}_stop; done; [ -n "${own_services_dir:-}" ] && rm -rf "$BUNNY_TEST_SERVICES_DIR"' EXIT
for name in postgres redis s3; do
    var=${service_var[$name]}
    [ -n "${!var:-}" ] && continue
    if [ -z "${BUNNY_TEST_SERVICES_DIR:-}" ]; then
        BUNNY_TEST_SERVICES_DIR=$(mktemp -d /tmp/bunny-services.XXXXXX)
        export BUNNY_TEST_SERVICES_DIR
        own_services_dir=1
    fi
    # shellcheck disable=SC1090
    source "$here/../services.d/$name.sh"
    "${name}_start" >/dev/null
    started="$name $started"
done
if [ -z "${BUNNY_TEST_S3_ENDPOINT:-}" ]; then
    # Only outside CI (s3.sh said why): without the S3 server the stack cannot be built as designed.
    echo "SKIP: no S3 server (tests/services.d/s3.sh)"
    exit 77
fi
python3 "$here/scaleout.py" "$1" "$2"
