#!/usr/bin/env python3
"""The scale-out stack on loopback, for real: PostgreSQL and Redis (from tests/services.d), two
bunnyd --role api sharing a data folder (JWT secret, objects), a bunnyd --role runner, and nginx
running packaging/nginx/bunny.conf with the ports rewritten. Checks that runs go through the Redis
queue, that a recording uploaded through one instance is served by the other, that rate limits are
shared, that battle WebSocket routes are pinned by battle id, and that killing an api instance or a
runner mid-run loses no finished work.

Usage: scaleout.py BUILD_DIR SOURCE_DIR (needs BUNNY_TEST_PG_URL and BUNNY_TEST_REDIS_URL).
Prints one line per check and "N passed, N failed" at the end.
"""
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
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
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def as_json(body):
    try:
        return json.loads(body)
    except ValueError:
        return {}


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


def main():
    pg_url = os.environ.get("BUNNY_TEST_PG_URL")
    redis_url = os.environ.get("BUNNY_TEST_REDIS_URL")
    if not pg_url or not redis_url:
        print("FAIL: BUNNY_TEST_PG_URL and BUNNY_TEST_REDIS_URL must be set (tests/scale/scaleout.sh starts them)")
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
        data = os.path.join(work, "shared-data")
        os.makedirs(data)
        config = os.path.join(work, "bunnyd.properties")
        open(config, "w").write(f"""
server.bind = 127.0.0.1
data.dir = {data}
db.url = {db_url}
redis.url = {redis_url}
redis.prefix = {prefix}
auth.scrypt_n = 1024
ratelimit.login_per_account = 4
ratelimit.runs_per_minute = 0
sandbox.backend = native
sandbox.prepared = 1
runs.concurrency = 1
runs.runner_heartbeat_ms = 2000
log.level = warning
""")
        # One at a time: the first makes the schema and the shared JWT secret.
        api1 = Bunnyd(work, "api1", config, "api")
        servers.append(api1)
        api2 = Bunnyd(work, "api2", config, "api")
        servers.append(api2)
        runner = Bunnyd(work, "runner1", config, "runner")
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
        runner2 = Bunnyd(work, "runner2", config, "runner")
        servers.append(runner2)
        slow.join(80)
        status, body, _ = results.get("slow", (0, b"", {}))
        check("a run whose runner was killed mid-run is re-queued and finishes on another runner",
              status == 200 and as_json(body).get("stdout") == "survived\n", (status, body[:300]))

        # Kill an api instance: the service stays up through nginx and finished work is kept.
        api1.kill()
        answers = [http("GET", front + f"/api/v1/recordings/{rec_id}/content", token=token) for _ in range(6)]
        check("with api1 killed, nginx still serves the stored recording",
              all(a[0] == 200 and a[1] == rec for a in answers), [a[0] for a in answers])
        status, body, _ = http("POST", front + "/api/v1/auth/login", {"login": "carol", "password": "correct horse 1"})
        check("with api1 killed, sign-in still works", status == 200, body)
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
