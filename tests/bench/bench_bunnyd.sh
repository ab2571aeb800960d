#!/usr/bin/env bash
# bench_bunnyd: wrk against a real bunnyd and, in the same run, nginx serving the same bytes as a
# static file (configured as in production: a worker per core, sendfile, tcp_nopush, an open-file
# cache; both must answer 200 with equal bodies first). Prints requests/s for a recording's metadata and content (keep-alive) with the
# ratio to nginx, and login throughput at the default scrypt cost. Figures only, no assertions.
#   BUNNY_BUILD_DIR (default: the build this script sits in), BENCH_SECONDS (default 5),
#   BENCH_ROUNDS (default 3: bunnyd and nginx alternate within each round, and the table gives
#   each round's ratio and their median, since a loaded machine swings from run to run),
#   BUNNYD (default: $BUNNY_BUILD_DIR/backend/bunnyd; another binary to compare builds),
#   BENCH_CONNECTIONS (default 32), BENCH_LOGIN=0 skips the login figure
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${BUNNY_BUILD_DIR:-$(cd "$here/../.." && pwd)}
seconds=${BENCH_SECONDS:-5}
rounds=${BENCH_ROUNDS:-3}
bunnyd=${BUNNYD:-$build/backend/bunnyd}
connections=${BENCH_CONNECTIONS:-32}
for tool in wrk nginx curl python3; do
    command -v "$tool" >/dev/null || { echo "bench_bunnyd: $tool is missing (packaging/deps/test-server.list)"; exit 0; }
done
work=$(mktemp -d /tmp/bench-bunnyd.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

printf 'log.level=warning\nratelimit.login_per_ip=0\nratelimit.login_per_account=0\nratelimit.register_per_ip=0\n' >"$work/bunnyd.properties"
"$bunnyd" --port 0 --data "$work/data" --config "$work/bunnyd.properties" >"$work/bunnyd.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q "listening on" "$work/bunnyd.log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening on [^ ]*:\([0-9]*\).*/\1/p' "$work/bunnyd.log")
base=http://127.0.0.1:$port

token=$(curl -sf -X POST "$base/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d '{"username":"bench","email":"bench@example.org","password":"bench-password"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
# A recording of about 200 KB: one keyframe and 4000 single-character inserts.
python3 - "$work/rec.bunnyrec" <<'PY'
import json, sys
out = open(sys.argv[1], "w")
out.write(json.dumps({"bunnyrec": 1, "id": "bench", "started": "2026-11-29T05:00:00Z", "title": "bench",
                      "author": "bench", "language": "python"}) + "\n")
out.write(json.dumps([0, "k", "main.py", ""]) + "\n")
for i in range(4000):
    out.write(json.dumps([i * 10, "i", "main.py", i, "x"]) + "\n")
PY
id=$(curl -sf -X POST "$base/api/v1/recordings?visibility=public" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/x-bunnyrec' --data-binary @"$work/rec.bunnyrec" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

mkdir -p "$work/www"
# nginx's workers run as nobody: the work dir (mktemp makes it 0700) must let them in, or every
# nginx answer is a 403 page and the ratios compare against an error.
chmod 755 "$work" "$work/www"
cp "$work/rec.bunnyrec" "$work/www/rec.bunnyrec"
curl -sf "$base/api/v1/recordings/$id" >"$work/www/meta.json"
curl -sf "$base/healthz" >"$work/www/health.json"
nport=$(free_port)
cat >"$work/nginx.conf" <<NGINX
daemon off;
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on; tcp_nopush on; open_file_cache max=64;
    client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
    uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
    server { listen 127.0.0.1:$nport; root $work/www; }
}
NGINX
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work" &
pids+=($!)
sleep 0.5

rps() { wrk -t2 -c"$connections" -d"${seconds}s" "$@" 2>/dev/null | sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p'; }
# Each request: its bunnyd URL and nginx URL. /healthz is the floor of the HTTP layer alone: a
# handler that touches neither the database nor the store.
names=(health meta content)
declare -A url=([health]="$base/healthz" [meta]="$base/api/v1/recordings/$id"
    [content]="$base/api/v1/recordings/$id/content")
declare -A nurl=([health]="http://127.0.0.1:$nport/health.json" [meta]="http://127.0.0.1:$nport/meta.json"
    [content]="http://127.0.0.1:$nport/rec.bunnyrec")
# Both sides must answer 200 with the same body, or the figures mean nothing.
for n in "${names[@]}"; do
    b=$(curl -s -o "$work/check.b" -w '%{http_code}' "${url[$n]}")
    g=$(curl -s -o "$work/check.n" -w '%{http_code}' "${nurl[$n]}")
    if [ "$b" != 200 ] || [ "$g" != 200 ] || ! cmp -s "$work/check.b" "$work/check.n"; then
        echo "bench_bunnyd: $n: bunnyd answered $b, nginx $g, bodies $(cmp -s "$work/check.b" "$work/check.n" && echo equal || echo different); no figures" >&2
        exit 1
    fi
done
declare -A results=()
for round in $(seq "$rounds"); do
    for n in "${names[@]}"; do
        results[$n.b.$round]=$(rps "${url[$n]}")
        results[$n.n.$round]=$(rps "${nurl[$n]}")
    done
done
cat >"$work/login.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"login":"bench","password":"bench-password"}'
LUA
# Two connections, one per core: scrypt is CPU-bound, more only queue.
login=-
[ "${BENCH_LOGIN:-1}" = 0 ] || login=$(wrk -t2 -c2 -d"${seconds}s" --timeout 10s -s "$work/login.lua" "$base/api/v1/auth/login" 2>/dev/null |
    sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p')

size=$(stat -c %s "$work/rec.bunnyrec")
declare -A label=([health]="GET /healthz (HTTP layer only)" [meta]="GET /recordings/{id} (metadata)"
    [content]="GET /recordings/{id}/content ($((size / 1024)) KiB)")
echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$connections -d${seconds}s, keep-alive, $rounds rounds"
printf '%-38s %s\n' "request" "bunnyd req/s / nginx req/s = ratio, each round; median ratio"
for n in "${names[@]}"; do
    line=$(for round in $(seq "$rounds"); do echo "${results[$n.b.$round]:-0} ${results[$n.n.$round]:-0}"; done |
        python3 -c '
import statistics, sys
pairs = [tuple(float(x) for x in l.split()) for l in sys.stdin if l.strip()]
ratios = [b / n if n else 0.0 for b, n in pairs]
print("  ".join(f"{b:.0f}/{n:.0f}={r:.2f}" for (b, n), r in zip(pairs, ratios)), f"  median {statistics.median(ratios):.2f}")')
    printf '%-38s %s\n' "${label[$n]}" "$line"
done
printf '%-38s %s\n' "POST /auth/login (scrypt N=2^15, -c2)" "$login"
