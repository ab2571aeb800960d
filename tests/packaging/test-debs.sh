#!/usr/bin/env bash
# tests/packaging/test-debs.sh BUILD_DIR SOURCE_DIR
# Builds bunny-code and bunny-server with CPack, installs both on this machine with apt, checks
# their files (and that no reference solution ships), the system user, permissions, the desktop
# entry, the MIME type and the unit, runs bunnyd the way the unit's ExecStart does (as user bunny,
# the installed config, a child process in a mount namespace imitating the unit's file-system
# protections: no systemd runs here), asks /healthz and runs Python in a native sandbox box
# through POST /runs, then purges both and checks nothing is left.
# Exit 77 (skipped) when not root, unless CI=true.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)

skip_or_fail() {
    if [ "${CI:-}" = "true" ]; then echo "FAIL: $*" >&2; exit 1; fi
    echo "SKIP: $*"; exit 77
}
[ "$(id -u)" -eq 0 ] || skip_or_fail "installing packages needs root"
for tool in cpack apt-get dpkg-deb desktop-file-validate systemd-analyze setpriv runuser curl; do
    command -v "$tool" >/dev/null || skip_or_fail "$tool is missing (packaging/setup-deps test)"
done

# One packaging test at a time on this machine (CI and a developer may overlap).
exec 9>/var/lock/bunny-packaging-test.lock
flock -w 600 9 || { echo "FAIL: another packaging test holds the lock" >&2; exit 1; }

work=$(mktemp -d /tmp/bunny-debs.XXXXXX)
server_pid=""
failures=0
checks=0
apt_opts=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=300)

purge() {
    DEBIAN_FRONTEND=noninteractive apt-get purge "${apt_opts[@]}" bunny-code bunny-server >"$work/purge.log" 2>&1
}
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    if dpkg-query -W bunny-server bunny-code >/dev/null 2>&1; then purge || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

check() { # description, command...
    local what=$1; shift
    checks=$((checks + 1))
    if "$@" >"$work/check.out" 2>&1; then
        echo "ok   $what"
    else
        failures=$((failures + 1))
        echo "FAIL $what"
        sed 's/^/     /' "$work/check.out"
    fi
}
mode_owner() { stat -c '%a %U:%G' "$1"; }
is() { [ "$1" = "$2" ] || { echo "expected '$2', got '$1'"; return 1; }; }

# Packages left by an interrupted run would make the install a no-op upgrade: start clean.
if dpkg-query -W bunny-server bunny-code >/dev/null 2>&1; then
    echo "purging bunny packages left by an earlier run"
    purge
fi

echo "== building the packages"
cmake --build "$build" --target bunny bunnyd bunnyctl bunny-box-init >"$work/build.log" 2>&1 ||
    { cat "$work/build.log"; exit 1; }
(cd "$build" && cpack -G DEB -B "$work/debs" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
app_deb=$(ls "$work"/debs/bunny-code_*.deb)
server_deb=$(ls "$work"/debs/bunny-server_*.deb)
echo "$app_deb"; echo "$server_deb"

check "bunny-server's Depends come from shlibdeps (libpoco*) plus bubblewrap and adduser" \
    bash -c "dpkg-deb -f '$server_deb' Depends | grep -q libpoconet && dpkg-deb -f '$server_deb' Depends | grep -q bubblewrap"
check "bunny-server suggests sqlite3 (the backup in OPERATIONS.md uses it)" \
    bash -c "dpkg-deb -f '$server_deb' Suggests | grep -qw sqlite3"
check "bunny-code's Depends name Qt and QScintilla" \
    bash -c "dpkg-deb -f '$app_deb' Depends | grep -q libqt6widgets6 && dpkg-deb -f '$app_deb' Depends | grep -q qscintilla"
check "no reference solutions ship in bunny-server" \
    bash -c "! dpkg-deb -c '$server_deb' | grep -E '/solutions/|/gen\.py$|/starter\.json$'"
check "the Python starters ship (only generator scripts are left out)" \
    bash -c "dpkg-deb -c '$server_deb' | grep -q '/usr/share/bunny/problems/.*/starter/main\.py$'"
check "the config is a conffile" bash -c "dpkg-deb --ctrl-tarfile '$server_deb' | tar -xO ./conffiles | grep -qx /etc/bunny/bunnyd.properties"

echo "== installing"
DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" "$app_deb" "$server_deb" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log"; exit 1; }

for f in /usr/bin/bunny /usr/share/applications/bunny-code.desktop \
    /usr/share/icons/hicolor/scalable/apps/bunny-code.svg /usr/share/mime/packages/bunny-code.xml; do
    check "bunny-code installs $f" test -f "$f"
done
for f in /usr/bin/bunnyd /usr/bin/bunnyctl /usr/libexec/bunny/bunny-box-init /usr/lib/systemd/system/bunnyd.service \
    /etc/bunny/bunnyd.properties /usr/share/doc/bunny-server/OPERATIONS.md; do
    check "bunny-server installs $f" test -f "$f"
done
if [ -d "$src/resources/problems" ]; then
    check "the bundled problems are in /usr/share/bunny/problems" \
        is "$(find /usr/share/bunny/problems -name problem.json | wc -l)" "$(find "$src/resources/problems" -name problem.json | wc -l)"
fi
check "executables are root-owned 0755" is "$(mode_owner /usr/bin/bunnyd) $(mode_owner /usr/bin/bunny)" "755 root:root 755 root:root"
check "the installed desktop entry passes desktop-file-validate" \
    bash -c "desktop-file-validate /usr/share/applications/bunny-code.desktop 2>&1 | { ! grep -E 'error|warning'; }"
check "the icon is well-formed SVG" python3 -c "import xml.etree.ElementTree as E; assert E.parse('/usr/share/icons/hicolor/scalable/apps/bunny-code.svg').getroot().tag.endswith('svg')"
check "the MIME database knows *.bunnyrec (shared-mime-info trigger)" grep -q 'application/x-bunnyrec:\*\.bunnyrec$' /usr/share/mime/globs2
check "the MIME database knows *.bunnyrec.gz" grep -q 'application/x-bunnyrec:\*\.bunnyrec\.gz$' /usr/share/mime/globs2
check "bunny-code is the handler of application/x-bunnyrec (desktop database trigger)" \
    grep -q '^application/x-bunnyrec=.*bunny-code.desktop' /usr/share/applications/mimeinfo.cache
check "system user bunny exists with no login shell" \
    bash -c 'uid=$(id -u bunny) && [ "$uid" -lt 1000 ] && getent passwd bunny | grep -q ":/usr/sbin/nologin$"'
check "group bunny exists" getent group bunny
check "/var/lib/bunny is bunny's, 0750" is "$(mode_owner /var/lib/bunny)" "750 bunny:bunny"
check "the config is readable by the service only (0640 root:bunny)" is "$(mode_owner /etc/bunny/bunnyd.properties)" "640 root:bunny"
check "systemd-analyze verify accepts the unit" systemd-analyze verify /usr/lib/systemd/system/bunnyd.service
check "the unit restarts on failure" grep -qx 'Restart=on-failure' /usr/lib/systemd/system/bunnyd.service

echo "== running bunnyd as the unit does, under the unit's file-system protections"
unit=/usr/lib/systemd/system/bunnyd.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
user=$(sed -n 's/^User=//p' "$unit")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# A drop-in would override the port the same way: options override the config file.
read -r -a argv <<<"$exec_start"
# setpriv execs bunnyd itself with the user's ids and groups, as systemd does for User=;
# unit-namespace.sh first gives it the read-only system, private /tmp and /dev and hidden homes
# the unit asks systemd for (it execs too: the pid is bunnyd's). --sandbox native as a drop-in
# would: the sandbox the unit's hardening has to leave room for.
as_unit=("$src/tests/packaging/unit-namespace.sh" -- setpriv --reuid="$user" --regid="$user" --init-groups --reset-env --)
"${as_unit[@]}" "${argv[@]}" --port "$port" --sandbox native >"$work/bunnyd.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do # up to 60 s: the build machines are often loaded
    grep -q "listening on" "$work/bunnyd.out" && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
check "bunnyd starts from the installed config as user bunny" grep -q "listening on 127.0.0.1:$port" "$work/bunnyd.out"
check "GET /healthz answers 200" curl -fsS "http://127.0.0.1:$port/healthz"
check "bunnyd runs as bunny" is "$(ps -o user= -p "$server_pid" | tr -d ' ')" "bunny"
check "the database and secret are in /var/lib/bunny, owned by bunny" \
    bash -c 'test "$(stat -c %U /var/lib/bunny/bunny.db)" = bunny && test "$(stat -c "%a %U" /var/lib/bunny/secret)" = "600 bunny"'
check "bunnyctl reads the same database as bunny" \
    runuser -u bunny -- /usr/bin/bunnyctl admin list-users --config /etc/bunny/bunnyd.properties

api="http://127.0.0.1:$port/api/v1"
post() { curl -sS -H 'Content-Type: application/json' "$@"; }
post -o /dev/null -d '{"username":"packager","email":"packager@example.org","password":"correct horse 1"}' "$api/auth/register" || true
token=$( (post -d '{"login":"packager","password":"correct horse 1"}' "$api/auth/login" || true) |
    python3 -c 'import json, sys; print(json.load(sys.stdin).get("access_token", ""))' 2>/dev/null || true)
post -H "Authorization: Bearer $token" -d '{"language":"python","files":{"main.py":"import socket\nprint(6 * 7, socket.gethostname())\n"}}' \
    "$api/runs" >"$work/run.json" || true
check "POST /runs runs Python in a native (bubblewrap) box of the installed bunnyd" \
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); assert r.get("stdout") == "42 bunny\n", r' "$work/run.json"
# The imitation must be able to fail: with ProtectKernelTunables's read-only /proc/sys (left out
# of the unit for this reason) the same box cannot be made.
printf 'print(6 * 7)\n' >"$work/main.py"
chmod 0644 "$work/main.py"
cp "$work/main.py" /var/lib/bunny/packaging-probe.py
"$src/tests/packaging/unit-namespace.sh" -- setpriv --reuid="$user" --regid="$user" --init-groups --reset-env -- \
    /usr/bin/bunnyctl run --sandbox native /var/lib/bunny/packaging-probe.py >"$work/ctl-run.out" 2>&1 || true
"$src/tests/packaging/unit-namespace.sh" --protect-kernel-tunables -- setpriv --reuid="$user" --regid="$user" --init-groups --reset-env -- \
    /usr/bin/bunnyctl run --sandbox native /var/lib/bunny/packaging-probe.py >"$work/ctl-run-tunables.out" 2>&1 || true
rm -f /var/lib/bunny/packaging-probe.py
check "bunnyctl run works under the unit's protections" grep -qx 42 "$work/ctl-run.out"
check "with ProtectKernelTunables added, bubblewrap cannot mount the box's /proc (why the unit leaves it out)" \
    grep -q "Can't mount proc" "$work/ctl-run-tunables.out"
kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=""
check "bunnyd stops cleanly on SIGTERM" is "$status" 0
[ "$failures" -eq 0 ] || cat "$work/bunnyd.out"

echo "== purging"
check "apt-get purge removes both packages" purge
for f in /usr/bin/bunnyd /usr/bin/bunny /etc/bunny /var/lib/bunny /usr/lib/systemd/system/bunnyd.service \
    /usr/share/applications/bunny-code.desktop; do
    check "purge leaves no $f" test ! -e "$f"
done
check "purge removes the user bunny" bash -c '! getent passwd bunny'
check "the MIME database forgets application/x-bunnyrec" bash -c "! grep -q bunnyrec /usr/share/mime/globs2"

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
