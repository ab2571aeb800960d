#!/usr/bin/env python3
"""The scale-out stack on loopback, for real: PostgreSQL, Redis and the S3 server (s3rver, from
tests/services.d), two bunnyd --role api each with its own data folder (only the JWT secret is
copied; objects live in S3), a bunnyd --role runner, and nginx running packaging/nginx/bunny.conf
with the ports rewritten. Checks that runs go through the Redis queue, that a recording uploaded
through one instance is served by the other from S3, that rate limits are shared, that battle
WebSocket routes are pinned by battle id, that a whole battle is played through nginx with its
seats taken on both instances (the owner hearing of a join on the other one over the Redis event
bus), judged by the runner, its result, ratings and recording visible from both instances, and
that killing an api instance or a runner mid-run loses no finished work.

Usage: scaleout.py BUILD_DIR SOURCE_DIR (needs BUNNY_TEST_PG_URL, BUNNY_TEST_REDIS_URL and
BUNNY_TEST_S3_ENDPOINT with the other BUNNY_TEST_S3_* variables).
Prints one line per check and "N passed, N failed" at the end.
"""
import base64
from http.client import HTTPConnection
import json
import os
import re
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

BUILD, SRC = sys.argv[1], sys.argv[2]
BUNNYD = os.path.join(BUILD, "backend", "bunnyd")
RESULTS = {"passed": 0, "failed": 0}


def check(what, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else "\n     " + str(detail)), flush=True)
    return ok


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DropAuthOnOtherHost(urllib.request.HTTPRedirectHandler):
    """Follows a redirect to S3 the way clients do (curl, requests): the bearer token stays with
    the host it was meant for (S3 refuses a presigned URL that also carries an Authorization)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and urllib.parse.urlsplit(newurl).netloc != urllib.parse.urlsplit(req.full_url).netloc:
            new.remove_header("Authorization")
        return new


OPENER = urllib.request.build_opener(DropAuthOnOtherHost)


def http(method, url, body=None, token=None, content_type="application/json", timeout=90):
    data = None
    headers = {}
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = content_type
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with OPENER.open(req, timeout=timeout) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def as_json(body):
    try:
        return json.loads(body)
    except ValueError:
        return {}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http_no_redirect(url, token):
    """(status, Location) of a GET, without following a redirect."""
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.build_opener(NoRedirect).open(req, timeout=30) as r:
            return r.status, r.headers.get("Location", "")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", "")


class WebSocket:
    """A small RFC 6455 client (text frames, masked as a client must), enough to play a battle."""

    def __init__(self, host, port, path):
        self.sock = socket.create_connection((host, port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            self.buf += chunk
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        self.status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
        if self.status != 101:
            raise RuntimeError(f"WebSocket upgrade of {path} answered {head[:200]!r}")
        self.seen = []  # every message received, in order

    def send(self, message):
        payload = json.dumps(message).encode()
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n)
                                if n < 65536 else bytes([0x80 | 127]) + struct.pack(">Q", n))
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("the server closed the connection")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def receive(self):
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(n)
            opcode = b0 & 0x0F
            if opcode == 1:
                message = json.loads(payload)
                self.seen.append(message)
                return message
            if opcode == 8:
                raise ConnectionError(f"closed by the server: {payload[:2].hex()} {payload[2:]!r}")

    def wait_for(self, kind, timeout=60, **fields):
        """The next message of type kind whose fields match (earlier ones are kept in seen)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            self.sock.settimeout(max(0.1, deadline - time.time()))
            try:
                message = self.receive()
            except socket.timeout:
                break
            if message.get("type") == kind and all(message.get(k) == v for k, v in fields.items()):
                return message
        raise TimeoutError(f"no {kind} {fields} within {timeout} s; saw {[m.get('type') for m in self.seen]}")

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class Bunnyd:
    def __init__(self, work, name, config, role):
        self.name, self.role = name, role
        self.port_file = os.path.join(work, name + ".port")
        self.log = open(os.path.join(work, name + ".log"), "w")
        self.proc = subprocess.Popen(
            [BUNNYD, "--config", config, "--role", role, "--port", "0", "--port-file", self.port_file],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.port = None
        for _ in range(600):
            if os.path.exists(self.port_file) and open(self.port_file).read().strip():
                self.port = int(open(self.port_file).read())
                break
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        if self.port is None:
            raise RuntimeError(f"{name} did not start: {open(self.log.name).read()}")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def metric(self, line_start):
        _, body, _ = http("GET", self.url + "/metrics")
        for line in body.decode().splitlines():
            if line.startswith(line_start):
                return float(line.split()[-1])
        return 0.0

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def nginx_config(work, listen, api_ports):
    """packaging/nginx/bunny.conf with our ports, inside a minimal nginx.conf that logs upstreams."""
    conf = open(os.path.join(SRC, "packaging", "nginx", "bunny.conf")).read()
    example_ports = ["8737", "8738"]
    for example, port in zip(example_ports, api_ports):
        conf = conf.replace(f"server 127.0.0.1:{example} ", f"server 127.0.0.1:{port} ")
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{listen};")
    open(os.path.join(work, "bunny.conf"), "w").write(conf)
    main = f"""
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    log_format upstreams '$request_uri $upstream_addr $status';
    access_log {work}/nginx-access.log upstreams;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    include {work}/bunny.conf;
}}
"""
    path = os.path.join(work, "nginx.conf")
    open(path, "w").write(main)
    return path


SOLUTION = open(os.path.join(SRC, "resources", "problems", "carrot-tally", "solutions", "ref.py")).read()


def play_battle(front, nginx_port, apis, carol_token):
    """A whole battle through nginx, its REST calls on both instances. Returns (id, owner name)."""
    tokens = {}
    for name in ("alice", "bob"):
        http("POST", front + "/api/v1/auth/register",
             {"username": name, "email": name + "@example.org", "password": "correct horse 1"})
        _, body, _ = http("POST", front + "/api/v1/auth/login", {"login": name, "password": "correct horse 1"})
        tokens[name] = as_json(body).get("access_token", "")
    sockets = []
    try:
        status, body, _ = http("POST", apis["api1"].url + "/api/v1/battles",
                               {"problem": "carrot-tally", "language": "python", "time_limit_s": 300},
                               token=tokens["alice"])
        battle = as_json(body)
        bid = battle.get("id", "")
        if not check("alice opens a battle on api1", status == 201 and bid, body):
            return None, None
        status, body, _ = http("GET", apis["api2"].url + "/api/v1/battles?status=waiting", token=tokens["bob"])
        check("api2's lobby lists it", status == 200 and any(b["id"] == bid for b in as_json(body).get("items", [])),
              body[:300])

        def ws(who):
            sock = WebSocket("127.0.0.1", nginx_port, f"/api/v1/battles/{bid}/ws?access_token={who}")
            sockets.append(sock)
            return sock

        alice = ws(tokens["alice"])
        state = alice.wait_for("state")
        check("alice's socket through nginx gets the battle's state",
              state.get("you") == "p1" and state["battle"]["status"] == "waiting", state)
        live = {name: a.metric("bunny_battles_live") for name, a in apis.items()}
        owner = next((n for n, v in live.items() if v == 1), None)
        check("the instance nginx pinned the socket to holds the battle; the other does not",
              sorted(live.values()) == [0, 1], live)
        other = "api2" if owner == "api1" else "api1"
        # Bob joins on the instance that does not hold the battle: the seat is taken in the
        # database and the owner hears of it over the Redis event bus.
        status, body, _ = http("POST", apis[other].url + f"/api/v1/battles/{bid}/join", {}, token=tokens["bob"])
        check(f"bob joins on {other}, which does not hold the battle", status == 200, body)
        joined = alice.wait_for("joined", timeout=10, player="p2")
        check("the owner tells alice at once (the event bus reached it)",
              joined.get("user", {}).get("username") == "bob", joined)
        bob = ws(tokens["bob"])
        check("bob's socket through nginx reaches the owner as p2", bob.wait_for("state").get("you") == "p2")
        carol = ws(carol_token)
        check("carol watches as a spectator", carol.wait_for("state").get("you") == "spectator")
        for player in (alice, bob):
            player.send({"type": "ready"})
        alice.wait_for("start", timeout=30)
        starter = state["battle"]["players"]["p1"]["text"]
        alice.send({"type": "edit", "rev": 0, "ops": [["d", 0, starter], ["i", 0, SOLUTION]]})
        check("alice's edit is acknowledged", alice.wait_for("ack", timeout=20).get("rev") == 1)
        relayed = bob.wait_for("edit", timeout=20, player="p1")
        check("bob and carol see alice's edit", relayed.get("rev") == 1 and
              carol.wait_for("edit", timeout=20, player="p1").get("ops") == relayed.get("ops"))
        alice.send({"type": "submit"})
        verdict = carol.wait_for("verdict", timeout=90, player="p1")
        check("the runner judged alice's solution: every test passes",
              verdict.get("passed") == verdict.get("total") and verdict.get("total", 0) > 0,
              {k: verdict.get(k) for k in ("passed", "total", "status")})
        end = bob.wait_for("end", timeout=30)
        check("alice wins (solved), and everyone hears it",
              end.get("winner") == "p1" and end.get("reason") == "solved" and
              carol.wait_for("end", timeout=10).get("winner") == "p1", end)
        delta = (end.get("ratings") or {}).get("p1", {}).get("delta", 0)
        # A rematch offered on the instance that does not hold the battle reaches the sockets.
        status, body, _ = http("POST", apis[other].url + f"/api/v1/battles/{bid}/rematch", {}, token=tokens["bob"])
        rematch = as_json(body).get("id")
        check(f"bob offers a rematch on {other}", status == 201 and rematch, body[:300])
        offered = {}
        for _ in range(5):
            offered = alice.wait_for("state", timeout=10)["battle"]
            if offered.get("rematch") == rematch:
                break
        check("the owner shows the offer on alice's socket (event bus)",
              offered.get("rematch") == rematch and offered.get("rematch_invite_code"), offered.get("rematch"))
        status, body, _ = http("POST", apis[owner].url + f"/api/v1/battles/{bid}/rematch", {}, token=tokens["alice"])
        check(f"alice's rematch on {owner} is the same one", status == 200 and as_json(body).get("id") == rematch,
              body[:300])
        # Quick match across instances: carol opens on api1, bob is matched with her on api2.
        status, body, _ = http("POST", apis["api1"].url + "/api/v1/battles/quick",
                               {"level": "easy", "language": "python"}, token=carol_token)
        quick = as_json(body).get("id")
        check("carol's quick match on api1 opens a battle", status == 201 and quick, body[:300])
        status, body, _ = http("POST", apis["api2"].url + "/api/v1/battles/quick",
                               {"level": "easy", "language": "python"}, token=tokens["bob"])
        check("bob's quick match on api2 joins it",
              status == 200 and as_json(body).get("id") == quick and as_json(body).get("matched") is True,
              body[:300])
        for name, api in apis.items():
            status, body, _ = http("GET", api.url + f"/api/v1/battles/{bid}", token=tokens["bob"])
            row = as_json(body)
            players = {p["slot"]: p for p in row.get("players", [])}
            check(f"{name} shows the result and the rating change",
                  row.get("status") == "finished" and row.get("winner") == "p1" and delta > 0 and
                  players.get("p1", {}).get("delta") == delta and players.get("p2", {}).get("delta") == -delta,
                  body[:400])
            status, body, _ = http("GET", api.url + "/api/v1/leaderboard")
            ratings = {r["user"]["username"]: r["rating"] for r in as_json(body).get("items", [])}
            check(f"{name}'s leaderboard has the new ratings",
                  ratings.get("alice") == 1200 + delta and ratings.get("bob") == 1200 - delta, ratings)
            status, body, _ = http("GET", api.url + "/api/v1/battles?user=bob", token=tokens["bob"])
            check(f"{name} lists it in bob's history",
                  any(b["id"] == bid for b in as_json(body).get("items", [])), body[:300])
        recordings = {}
        for _ in range(100):  # the owner copies the recording to S3 just after the end
            recordings = {n: http("GET", a.url + f"/api/v1/battles/{bid}/recording", token=tokens["bob"])
                          for n, a in apis.items()}
            if all(r[0] == 200 for r in recordings.values()):
                break
            time.sleep(0.1)
        bodies = {n: r[1] for n, r in recordings.items()}
        check("both instances serve the battle's recording, the same bytes",
              all(r[0] == 200 for r in recordings.values()) and bodies[owner] == bodies[other] and
              bodies[owner].startswith(b'{"bunnyrec"') and b"solved" in bodies[owner],
              {n: (r[0], r[1][:120]) for n, r in recordings.items()})
        status, location = http_no_redirect(apis[other].url + f"/api/v1/battles/{bid}/recording", tokens["bob"])
        check(f"{other} (not the owner) serves it from S3", status == 302 and location.startswith(s3_endpoint()),
              (status, location))
        return bid, owner
    except Exception as e:  # the battle's part failed; the rest of the stack is still checked
        check("the battle through nginx ran", False, repr(e))
        return None, None
    finally:
        for sock in sockets:
            sock.close()


def running_battle_on(owner, other):
    """A battle created and joined on other, its sockets straight to owner, running. Its id."""
    tokens = {}
    for name in ("alice", "bob"):
        _, body, _ = http("POST", other.url + "/api/v1/auth/login", {"login": name, "password": "correct horse 1"})
        tokens[name] = as_json(body).get("access_token", "")
    sockets = []
    try:
        _, body, _ = http("POST", other.url + "/api/v1/battles",
                          {"problem": "carrot-tally", "language": "python", "time_limit_s": 300},
                          token=tokens["alice"])
        bid = as_json(body).get("id", "")
        http("POST", other.url + f"/api/v1/battles/{bid}/join", {}, token=tokens["bob"])
        for name in ("alice", "bob"):
            sockets.append(WebSocket("127.0.0.1", owner.port, f"/api/v1/battles/{bid}/ws?access_token={tokens[name]}"))
            sockets[-1].send({"type": "ready"})
        sockets[0].wait_for("start", timeout=30)
        return bid if check("a second battle runs on api1", True) else None
    except Exception as e:
        check("a second battle runs on api1", False, repr(e))
        return None
    finally:
        for sock in sockets:
            sock.close()


def s3_endpoint():
    return os.environ.get("BUNNY_TEST_S3_ENDPOINT", "")


def main():
    pg_url = os.environ.get("BUNNY_TEST_PG_URL")
    redis_url = os.environ.get("BUNNY_TEST_REDIS_URL")
    s3_endpoint = os.environ.get("BUNNY_TEST_S3_ENDPOINT")
    if not pg_url or not redis_url or not s3_endpoint:
        print("FAIL: BUNNY_TEST_PG_URL, BUNNY_TEST_REDIS_URL and BUNNY_TEST_S3_ENDPOINT must be set "
              "(tests/scale/scaleout.sh starts them)")
        return 1
    work = tempfile.mkdtemp(prefix="bunny-scaleout.")
    servers, nginx, db = [], None, None
    try:
        prefix = f"scaleout-{secrets.token_hex(4)}:"
        redis_at = re.match(r"redis://([^:/]+):(\d+)", redis_url)

        def redis_cli(*args):
            return subprocess.run(["redis-cli", "-h", redis_at.group(1), "-p", redis_at.group(2), *args],
                                  capture_output=True, text=True).stdout.strip()

        db = "bunny_scale_" + secrets.token_hex(4)
        subprocess.run(["psql", pg_url, "-qc", f"CREATE DATABASE {db}"], check=True, capture_output=True)
        db_url = re.sub(r"/[^/]*$", "/" + db, pg_url)
        # Each instance has its own data folder (battle recordings while they are written, the
        # runner's boxes); what they share is PostgreSQL, Redis, S3 and the JWT secret, which an
        # operator copies to every instance as we do here.
        s3_prefix = f"scaleout-{secrets.token_hex(4)}/"
        common = f"""
server.bind = 127.0.0.1
db.url = {db_url}
store.backend = s3
s3.endpoint = {s3_endpoint}
s3.bucket = {os.environ.get("BUNNY_TEST_S3_BUCKET", "bunny-test")}
s3.access_key = {os.environ.get("BUNNY_TEST_S3_ACCESS_KEY", "S3RVER")}
s3.secret_key = {os.environ.get("BUNNY_TEST_S3_SECRET_KEY", "S3RVER")}
s3.region = {os.environ.get("BUNNY_TEST_S3_REGION", "us-east-1")}
s3.prefix = {s3_prefix}
store.cache_mb = 0
problems.dir = {os.path.join(SRC, "resources", "problems")}
battles.countdown_ms = 300
battles.tick_ms = 20
redis.url = {redis_url}
redis.prefix = {prefix}
auth.scrypt_n = 1024
ratelimit.login_per_account = 4
server.trusted_proxies = 127.0.0.1
ratelimit.runs_per_minute = 0
sandbox.backend = native
sandbox.prepared = 1
runs.concurrency = 1
runs.runner_heartbeat_ms = 2000
log.level = warning
"""
        secret = secrets.token_urlsafe(48)
        configs = {}
        for name in ("api1", "api2", "runner1", "runner2"):
            data = os.path.join(work, "data-" + name)
            os.makedirs(data)
            with open(os.path.join(data, "secret"), "w") as f:
                f.write(secret)
            os.chmod(os.path.join(data, "secret"), 0o600)
            configs[name] = os.path.join(work, name + ".properties")
            open(configs[name], "w").write(f"data.dir = {data}\n" + common)
        # One at a time: the first makes the schema.
        api1 = Bunnyd(work, "api1", configs["api1"], "api")
        servers.append(api1)
        api2 = Bunnyd(work, "api2", configs["api2"], "api")
        servers.append(api2)
        runner = Bunnyd(work, "runner1", configs["runner1"], "runner")
        servers.append(runner)
        nginx_port = free_port()
        nginx = subprocess.Popen(["nginx", "-c", nginx_config(work, nginx_port, [api1.port, api2.port]),
                                  "-p", work], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        front = f"http://127.0.0.1:{nginx_port}"
        for _ in range(100):
            try:
                if http("GET", front + "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        check("nginx answers /healthz from the instances", http("GET", front + "/healthz")[0] == 200)

        # Accounts through nginx: both instances share the database and the signing secret.
        status, body, _ = http("POST", front + "/api/v1/auth/register",
                               {"username": "carol", "email": "carol@example.org", "password": "correct horse 1"})
        check("register through nginx", status == 201, body)
        status, body, _ = http("POST", front + "/api/v1/auth/login", {"login": "carol", "password": "correct horse 1"})
        token = as_json(body).get("access_token", "")
        check("login through nginx", status == 200 and token, body)
        check("a token from one instance works on the other",
              http("GET", api1.url + "/api/v1/me", token=token)[0] == 200 and
              http("GET", api2.url + "/api/v1/me", token=token)[0] == 200)

        # Runs: the api instances hold no sandbox of their own; only the runner executes.
        status, body, _ = http("GET", front + "/api/v1/languages")
        check("GET /languages lists what the runner published",
              status == 200 and any(l.get("id") == "python" for l in as_json(body)), body)
        before = runner.metric('bunny_runs_total{status="ok"}')
        results = {}

        def run_code(key, code, url=front):
            results[key] = http("POST", url + "/api/v1/runs",
                                {"language": "python", "files": {"main.py": code}}, token=token)

        for i in range(3):
            run_code(i, f"print({i} * 7)\n")
        ok = all(results[i][0] == 200 and as_json(results[i][1]).get("stdout") == f"{i * 7}\n" for i in range(3))
        check("runs through nginx come back with their output", ok, results)
        check("the runner executed them (its bunny_runs_total grew by 3)",
              runner.metric('bunny_runs_total{status="ok"}') - before == 3)

        # A recording uploaded through one instance is served by the other.
        rec = (json.dumps({"bunnyrec": 1, "id": "r1", "started": "2026-11-29T09:00:00Z", "title": "t",
                           "author": "carol", "language": "python"}) + "\n" +
               json.dumps([0, "k", "main.py", "print(1)\n"]) + "\n").encode()
        status, body, _ = http("POST", api1.url + "/api/v1/recordings?title=shared", rec, token=token,
                               content_type="application/x-bunnyrec")
        rec_id = as_json(body).get("id", "")
        check("upload a recording to api1", status == 201 and rec_id, body)
        status, body, _ = http("GET", api2.url + f"/api/v1/recordings/{rec_id}/content", token=token)
        check("api2 serves the recording api1 stored", status == 200 and body == rec, (status, body[:200]))
        status, location = http_no_redirect(api2.url + f"/api/v1/recordings/{rec_id}/content", token)
        check("... from S3 (a redirect to a presigned URL of the S3 server)",
              status == 302 and location.startswith(s3_endpoint + "/") and s3_prefix in location,
              (status, location))
        check("no instance keeps objects in its data folder",
              not any(os.listdir(os.path.join(work, "data-" + n, "objects"))
                      for n in ("api1", "api2") if os.path.isdir(os.path.join(work, "data-" + n, "objects"))))

        # Rate limits live in Redis: 4 failed logins for one account across both instances, then 429.
        codes = [http("POST", (api1 if i % 2 else api2).url + "/api/v1/auth/login",
                      {"login": "dave", "password": "wrong password"})[0] for i in range(5)]
        check("login limit per account is shared by the instances (4 allowed, then 429)",
              codes[:4] == [401] * 4 and codes[4] == 429, codes)

        # Battle WebSocket routes: one battle id always reaches the same instance.
        battle_ids = [f"battle{n:02d}" for n in range(12)]
        for _ in range(3):
            for bid in battle_ids:
                http("GET", front + f"/api/v1/battles/{bid}/ws")
        time.sleep(0.3)
        upstream_of = {}
        for line in open(os.path.join(work, "nginx-access.log")):
            m = re.match(r"/api/v1/battles/(\w+)/ws (\S+) ", line)
            if m:
                upstream_of.setdefault(m.group(1), set()).add(m.group(2))
        check("each battle's WebSocket route is pinned to one instance",
              len(upstream_of) == 12 and all(len(v) == 1 for v in upstream_of.values()), upstream_of)
        check("battles spread over both instances",
              len({next(iter(v)) for v in upstream_of.values()}) == 2, upstream_of)
        # Everything else is round-robin: the other requests through nginx so far reached both.
        served = {}
        for line in open(os.path.join(work, "nginx-access.log")):
            parts = line.split(" ")
            if len(parts) >= 2 and not parts[0].endswith("/ws"):
                upstream = parts[1].rstrip(",")
                served[upstream] = served.get(upstream, 0) + 1
        both = {f"127.0.0.1:{api1.port}", f"127.0.0.1:{api2.port}"}
        check("other routes are spread over both instances (round-robin)",
              both <= set(served) and min(served[u] for u in both) >= 2, served)

        # Per-address limits behind nginx count the client it forwards (server.trusted_proxies),
        # not nginx, and a forged X-Forwarded-For does not give a client a fresh count.
        def login_from(source, n):
            conn = HTTPConnection("127.0.0.1", nginx_port, timeout=30, source_address=(source, 0))
            conn.request("POST", "/api/v1/auth/login",
                         json.dumps({"login": f"nobody{source}-{n}", "password": "wrong password"}),
                         {"Content-Type": "application/json", "X-Forwarded-For": f"198.51.100.{n % 250}"})
            status = conn.getresponse().status
            conn.close()
            return status
        codes = [login_from("127.0.0.5", n) for n in range(31)]
        check("behind nginx, login_per_ip (30) counts the client, forged X-Forwarded-For or not",
              codes[:30] == [401] * 30 and codes[30] == 429, codes)
        check("another client behind the same nginx is not limited by it", login_from("127.0.0.6", 0) == 401)

        battle_id, battle_owner = play_battle(front, nginx_port, {"api1": api1, "api2": api2}, token)

        # Kill a runner in the middle of a run: the job goes back to the queue, a new runner runs
        # it, and the request waiting on api2 gets its answer.
        slow = threading.Thread(target=run_code, args=("slow", "import time\ntime.sleep(3)\nprint('survived')\n",
                                                       api2.url))
        slow.start()
        taken = 0
        for _ in range(40):  # until the runner has taken it (its python is then sleeping)
            taken = sum(int(redis_cli("LLEN", key) or 0) for key in
                        redis_cli("KEYS", prefix + "runs:processing:*").split())
            if taken:
                break
            time.sleep(0.1)
        check("the slow run sits in the runner's processing list", taken == 1, taken)
        time.sleep(0.5)
        runner.kill()
        runner2 = Bunnyd(work, "runner2", configs["runner2"], "runner")
        servers.append(runner2)
        slow.join(80)
        status, body, _ = results.get("slow", (0, b"", {}))
        check("a run whose runner was killed mid-run is re-queued and finishes on another runner",
              status == 200 and as_json(body).get("stdout") == "survived\n", (status, body[:300]))

        # A battle running on api1 when it dies (sockets straight to api1, which then holds it).
        orphan = running_battle_on(api1, api2)

        # Kill an api instance: the service stays up through nginx and finished work is kept.
        api1.kill()
        answers = [http("GET", front + f"/api/v1/recordings/{rec_id}/content", token=token) for _ in range(6)]
        check("with api1 killed, nginx still serves the stored recording",
              all(a[0] == 200 and a[1] == rec for a in answers), [a[0] for a in answers])
        status, body, _ = http("POST", front + "/api/v1/auth/login", {"login": "carol", "password": "correct horse 1"})
        check("with api1 killed, sign-in still works", status == 200, body)
        if battle_id:
            status, body, _ = http("GET", front + f"/api/v1/battles/{battle_id}", token=token)
            check(f"with api1 killed, the battle's result is still served (its owner was {battle_owner})",
                  status == 200 and as_json(body).get("winner") == "p1", body[:300])
            status, body, _ = http("GET", front + f"/api/v1/battles/{battle_id}/recording", token=token)
            check("with api1 killed, the battle's recording is still served",
                  status == 200 and body.startswith(b'{"bunnyrec"'), (status, body[:200]))
        if orphan:
            status_of = {}
            for _ in range(250):  # api1's lease lapses (10 s), then a sweep (every 5 s) ends it
                status_of = as_json(http("GET", front + f"/api/v1/battles/{orphan}", token=token)[1])
                if status_of.get("status") == "finished":
                    break
                time.sleep(0.1)
            check("the battle that was running on api1 ends as aborted",
                  status_of.get("status") == "finished" and status_of.get("reason") == "aborted",
                  {k: status_of.get(k) for k in ("status", "reason")})
        run_code("after", "print('still here')\n")
        check("with api1 killed, runs still work",
              results["after"][0] == 200 and as_json(results["after"][1]).get("stdout") == "still here\n",
              results["after"])
    except Exception as e:  # a broken stack is a failed check, with the logs below
        check("the scale-out stack ran", False, repr(e))
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait()
        for s in servers:
            s.stop()
        if db:
            subprocess.run(["psql", pg_url, "-qc", f"DROP DATABASE IF EXISTS {db}"], capture_output=True)
        if RESULTS["failed"]:
            for name in os.listdir(work):
                if name.endswith(".log"):
                    print(f"--- {name}\n" + open(os.path.join(work, name), errors="replace").read()[-3000:])
        shutil.rmtree(work, ignore_errors=True)
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
