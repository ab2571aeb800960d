#!/usr/bin/env bash
# Lints backend/http/openapi.yaml with a real linter (npm's @redocly/cli, installed here into a
# cache on first use) and checks that every route of backend/http/routes.cpp is described.
# Exit 77 (ctest: skipped) when npm is unavailable outside CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
spec=$root/backend/http/openapi.yaml
cache=${BUNNY_NPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/bunny/npm}/redocly-1.25.0

missing=0
while read -r route; do
    grep -q "^  $route:\$" "$spec" || { echo "openapi.yaml does not describe $route" >&2; missing=1; }
done < <(grep -o 'r.add<[A-Za-z]*>("[^"]*")' "$root/backend/http/routes.cpp" | sed 's/.*("\(.*\)")/\1/')
[ "$missing" -eq 0 ] || exit 1

if [ ! -x "$cache/node_modules/.bin/redocly" ]; then
    if ! command -v npm >/dev/null; then
        [ "${CI:-}" = "true" ] && { echo "npm is missing" >&2; exit 1; }
        echo "npm is missing: skipped"; exit 77
    fi
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-audit --no-fund --loglevel=error @redocly/cli@1.25.0 >&2
fi
out=$("$cache/node_modules/.bin/redocly" lint "$spec" 2>&1) || { echo "$out" >&2; exit 1; }
echo "$out" | tail -n 3
# Warnings count as failures too: the description stays clean.
if echo "$out" | grep -q "You have [0-9]* warning"; then
    echo "$out" >&2
    exit 1
fi
