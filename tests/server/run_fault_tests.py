#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Database faults under load: listquery-server over a database that stops, hangs, runs out of
connections or loses its file, and imports killed at random moments (docs/server.md#operating-it).

    run_fault_tests.py LISTQUERY_SERVER LISTQUERY_CLI DATA_DIR POSTGRES_CLUSTER_SCRIPT MARIADB_SERVER_SCRIPT

Starts its own PostgreSQL cluster and, for the killed imports, its own MariaDB server (each on a
Unix socket in a temporary directory), and stops them at the end. Only 127.0.0.1; the load is bounded in requests and in time. Prints what each fault cost
(requests by status, time to the first 200 after recovery, the longest request), then
'N passed, M failed'.
"""
import copy
import http.client
import json
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

server_path, cli_path, data_dir, cluster, mariadb_server = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), sys.argv[4], sys.argv[5]
passed = failed = 0
STATEMENT_TIMEOUT, CONNECT_TIMEOUT, DRAIN_TIMEOUT = 2, 1, 4
UNAVAILABLE = json.dumps({"errors": [{"detail": "The database cannot be reached; try again later.",
                                      "title": "CF-ServiceUnavailable", "code": 10015}]}, separators=(",", ":"))
TARGETS = ["/v3/droplets?per_page=7&order_by=-created_at", "/v3/droplets?page=3&per_page=5&states=STAGED",
           "/v3/packages?label_selector=example.com/team%3Dpayments", "/v3/builds?per_page=1"]


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {name} {detail}", flush=True)


def dataset(droplets):
    """The seed documents' resources, with `droplets` droplets made from the first."""
    d = json.loads((data_dir / "seeds.json").read_text())
    first = d["droplets"][0]
    for i in range(droplets):
        x = copy.deepcopy(first)
        x["guid"] = f"guid-fa{i:06d}-0000-4000-8000-000000000000"
        x["state"] = ["STAGED", "FAILED", "COPYING"][i % 3]
        x["created_at"] = f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"
        x["links"] = json.loads(json.dumps(x["links"]).replace(first["guid"], x["guid"]))
        d["droplets"].append(x)
    return d


def psql(pg_dir, sql, db="postgres"):
    return subprocess.run(["psql", "-h", pg_dir, "-U", "postgres", "-d", db, "-Atc", sql],
                          capture_output=True, text=True, timeout=30)


def server_connections(pg_dir):
    """The connections listquery holds, as PostgreSQL counts them."""
    r = psql(pg_dir, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'listquery'")
    return int(r.stdout.strip()) if r.returncode == 0 else None


class server:
    def __init__(self, *options):
        self.p = subprocess.Popen([server_path, "--port", "0", "--threads", "2", "--statement-timeout", str(STATEMENT_TIMEOUT),
                                   "--connect-timeout", str(CONNECT_TIMEOUT), "--drain-timeout", str(DRAIN_TIMEOUT), *options],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.p.stdout.readline().strip()
        check("the server starts", line.startswith("listening on http://127.0.0.1:"), line + self.p.stderr.read() if not line else line)
        self.port = int(line.rsplit(":", 1)[1]) if line else 0
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self):
        """SIGTERM: the exit status and the seconds it took (or 'hung'), and its log."""
        t = time.monotonic()
        self.p.send_signal(signal.SIGTERM)
        try:
            status = self.p.wait(timeout=DRAIN_TIMEOUT + STATEMENT_TIMEOUT + 5)
        except subprocess.TimeoutExpired:
            self.p.kill()
            status = "hung"
        return status, time.monotonic() - t, self.p.stderr.read()


def get(port, target, timeout=30):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", target)
        r = c.getresponse()
        return r.status, dict(r.getheaders()), r.read().decode()
    finally:
        c.close()


def expected(data_file, base):
    out = {}
    for t in TARGETS:
        r = subprocess.run([cli_path, "--data", data_file, "--base-url", base, t], capture_output=True, text=True)
        out[t] = r.stdout.rstrip("\n")
    return out


class load:
    """Four clients sending the targets in turn on keep-alive connections until stopped, at most
    20,000 requests; each request's (start, end, status, body right, Retry-After)."""

    def __init__(self, port, want):
        self.port, self.want, self.done, self.stop_flag = port, want, [], threading.Event()
        self.threads = [threading.Thread(target=self.client, args=(i,)) for i in range(4)]
        for t in self.threads:
            t.start()

    def client(self, i):
        conn, n = None, 0
        while not self.stop_flag.is_set() and len(self.done) < 20000:
            target = TARGETS[(i + n) % len(TARGETS)]
            n += 1
            start = time.monotonic()
            try:
                conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                conn.request("GET", target)
                r = conn.getresponse()
                body = r.read().decode()
                status, retry = r.status, r.getheader("Retry-After")
                right = body == self.want[target] if status == 200 else body == UNAVAILABLE if status == 503 else False
            except (OSError, http.client.HTTPException) as e:
                status, right, retry = f"error {e!r}", False, None
                conn = None
            self.done.append((start, time.monotonic(), status, right, retry))
            time.sleep(0.002)

    def finish(self):
        self.stop_flag.set()
        for t in self.threads:
            t.join(timeout=60)
        return sorted(self.done)


def report(name, done, down, gone, back, up):
    """Checks a load's requests around an outage, and prints what the fault cost: the fault
    began at `down` and was complete at `gone`; the repair began at `back` and was complete at
    `up` (monotonic seconds)."""
    by_status = {}
    for d in done:
        by_status[d[2]] = by_status.get(d[2], 0) + 1
    longest = max((d[1] - d[0] for d in done), default=0)
    first_ok = min((d[1] for d in done if d[2] == 200 and d[0] >= up), default=None)
    recovery = first_ok - up if first_ok else None
    print(f"{name}: {len(done)} requests, by status {dict(sorted(by_status.items(), key=str))}, first 200 "
          f"{'never' if recovery is None else f'{recovery:.3f} s'} after the database was back, longest request {longest:.3f} s",
          flush=True)
    check(f"{name}: only 200 and 503", set(by_status) <= {200, 503}, str(by_status))
    check(f"{name}: every answer has the right body", all(d[3] for d in done),
          str([d for d in done if not d[3]][:3]))
    check(f"{name}: every 503 says Retry-After: 1", all(d[4] == "1" for d in done if d[2] == 503))
    check(f"{name}: 200s before the fault", all(d[2] == 200 for d in done if d[1] < down) and any(d[1] < down for d in done))
    away = [d for d in done if d[0] > gone and d[1] < back]
    check(f"{name}: only 503s while the database is away", away and all(d[2] == 503 for d in away),
          str([d for d in away if d[2] != 503][:3]))
    check(f"{name}: the first 200 within 2 s of the database's return", recovery is not None and recovery <= 2, str(recovery))
    check(f"{name}: 200s again after", any(d[2] == 200 for d in done if d[0] > up + 2)
          and all(d[2] == 200 for d in done if d[0] > up + 2))
    # The server ends every wait at the statement timeout; the slack is this machine's, under load.
    check(f"{name}: no request past the statement timeout", longest <= STATEMENT_TIMEOUT + 1, f"{longest:.3f} s")


def log_lines(log):
    return [l for l in log.splitlines() if "database unavailable" in l or "database available again" in l]


tmp = tempfile.mkdtemp(prefix="listquery-faults-")
pg_dir = tempfile.mkdtemp(prefix="lqf-", dir="/tmp")  # short: a Unix socket's path is at most 107 bytes
maria_dir = tempfile.mkdtemp(prefix="lqfm-", dir="/tmp")
try:
    data = dataset(120)
    data_file = os.path.join(tmp, "data.json")
    pathlib.Path(data_file).write_text(json.dumps(data))
    subprocess.run([cluster, "start", pg_dir], check=True, capture_output=True)
    pg_url = f"postgresql:///postgres?host={pg_dir}&port=5432&user=postgres"
    r = subprocess.run([cli_path, "import", "--data", data_file, "--db", pg_url], capture_output=True, text=True)
    check("import into PostgreSQL", r.returncode == 0, r.stderr)

    # 1. PostgreSQL stopped (pg_ctl stop -m fast) and started again under load.
    s = server("--db", pg_url)
    want = expected(data_file, s.base)
    check("health: /healthz", get(s.port, "/healthz")[::2] == (200, '{"status":"ok"}'))
    check("health: /readyz", get(s.port, "/readyz")[::2] == (200, '{"status":"ready"}'))
    l = load(s.port, want)
    time.sleep(1)
    down = time.monotonic()
    subprocess.run([cluster, "pause", pg_dir], check=True, capture_output=True)
    gone = time.monotonic()
    time.sleep(0.5)
    status, headers, body = get(s.port, "/readyz")
    check("health: /readyz is 503 while the database is away", status == 503 and headers.get("Retry-After") == "1", status)
    check("health: /healthz stays 200 while the database is away", get(s.port, "/healthz")[0] == 200)
    time.sleep(1.5)
    back = time.monotonic()
    subprocess.run([cluster, "resume", pg_dir], check=True, capture_output=True)
    up = time.monotonic()
    time.sleep(3)
    report("PostgreSQL restart", l.finish(), down, gone, back, up)
    check("health: /readyz is 200 again", get(s.port, "/readyz")[0] == 200)
    check("PostgreSQL restart: one connection per thread, none leaked", server_connections(pg_dir) == 2,
          str(server_connections(pg_dir)))

    # 2. A database that accepts connections and never answers: every PostgreSQL process stopped.
    def postgres_processes():
        main = int(pathlib.Path(pg_dir, "postmaster.pid").read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
        return [main, *map(int, children)]

    def signal_postgres(sig, pids):
        for pid in pids:
            os.kill(pid, sig)

    l = load(s.port, want)
    time.sleep(1)
    pids = postgres_processes()
    down = time.monotonic()
    signal_postgres(signal.SIGSTOP, pids)
    gone = time.monotonic()
    time.sleep(4)
    back = time.monotonic()
    signal_postgres(signal.SIGCONT, pids)
    up = time.monotonic()
    time.sleep(3)
    report("PostgreSQL hung (SIGSTOP)", l.finish(), down, gone, back, up)
    # A stop while the database hangs: the drain ends within its limit.
    pids = postgres_processes()
    signal_postgres(signal.SIGSTOP, pids)
    l = load(s.port, want)
    time.sleep(1)
    status, took, log = s.stop()
    signal_postgres(signal.SIGCONT, pids)
    l.finish()
    print(f"SIGTERM while PostgreSQL hangs: exit {status} after {took:.3f} s", flush=True)
    check("a stop while the database hangs drains in time", status == 0 and took <= DRAIN_TIMEOUT + 0.5, f"{status} {took:.3f}")
    lines = log_lines(log)
    check("one log line per change of state", ["again" not in l for l in lines] == [True, False, True, False, True],
          "\n".join(lines))

    # 3. The connection limit reached: a PostgreSQL restart, then other clients take every slot.
    psql(pg_dir, "ALTER SYSTEM SET max_connections = 4")
    psql(pg_dir, "ALTER SYSTEM SET superuser_reserved_connections = 0")
    subprocess.run([cluster, "pause", pg_dir], check=True, capture_output=True)
    subprocess.run([cluster, "resume", pg_dir], check=True, capture_output=True)
    s = server("--db", pg_url)
    want = expected(data_file, s.base)
    subprocess.run([cluster, "pause", pg_dir], check=True, capture_output=True)
    subprocess.run([cluster, "resume", pg_dir], check=True, capture_output=True)
    # Clients that hold every slot for 4 s (a backend notices a killed client only when it next
    # reads or writes, so they end by themselves); more than the slots, and the requests wait
    # until a connection is refused, so that the server cannot take a slot first.
    holders = [subprocess.Popen(["psql", "-h", pg_dir, "-U", "postgres", "-Atc", "SELECT pg_sleep(4)"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(6)]
    full_until = time.monotonic() + 20
    while time.monotonic() < full_until and "too many clients" not in psql(pg_dir, "SELECT 1").stderr:
        time.sleep(0.05)
    answers = [get(s.port, TARGETS[0]) for _ in range(6)]
    print(f"connection limit: {len(answers)} requests, by status {[a[0] for a in answers]}", flush=True)
    check("connection limit: a clear 503", all(a[0] == 503 and a[2] == UNAVAILABLE for a in answers), str(answers[:1]))
    for h in holders:
        h.wait(timeout=30)
    time.sleep(1.5)  # the server's next attempt waits 1 s at most
    answers = [get(s.port, TARGETS[0]) for _ in range(4)]
    check("connection limit: 200s once slots are free", all(a[0] == 200 and a[2] == want[TARGETS[0]] for a in answers),
          str([a[0] for a in answers]))
    status, took, log = s.stop()
    check("connection limit: the server stops cleanly", status == 0, str(status))
    check("connection limit: its log names the cause", "too many clients" in log, log)
    psql(pg_dir, "ALTER SYSTEM RESET ALL")
    subprocess.run([cluster, "pause", pg_dir], check=True, capture_output=True)
    subprocess.run([cluster, "resume", pg_dir], check=True, capture_output=True)

    # 4. SQLite: the file moved away (it cannot be opened) and restored, under load; then replaced.
    db_file = os.path.join(tmp, "cf.db")
    r = subprocess.run([cli_path, "import", "--data", data_file, "--db", f"sqlite:{db_file}"], capture_output=True, text=True)
    check("import into SQLite", r.returncode == 0, r.stderr)
    s = server("--db", f"sqlite:{db_file}")
    want = expected(data_file, s.base)
    l = load(s.port, want)
    time.sleep(1)
    down = time.monotonic()
    os.rename(db_file, db_file + ".away")
    gone = time.monotonic()
    time.sleep(2)
    back = time.monotonic()
    os.rename(db_file + ".away", db_file)
    up = time.monotonic()
    time.sleep(3)
    report("SQLite file moved away", l.finish(), down, gone, back, up)
    smaller = dataset(10)
    pathlib.Path(tmp, "smaller.json").write_text(json.dumps(smaller))
    r = subprocess.run([cli_path, "import", "--data", os.path.join(tmp, "smaller.json"), "--db", f"sqlite:{db_file}.new"],
                       capture_output=True, text=True)
    os.rename(db_file + ".new", db_file)  # what an operator does to publish a new import
    total = json.loads(get(s.port, "/v3/droplets?per_page=1")[2])["pagination"]["total_results"]
    check("SQLite file replaced: the server reads the new one", total == len(smaller["droplets"]), str(total))
    status, took, log = s.stop()
    check("SQLite: the server stops cleanly", status == 0, str(status))

    # 5. Imports killed at random moments leave nothing or everything, and a rerun works.
    big = dataset(15000)
    big_file = os.path.join(tmp, "big.json")
    pathlib.Path(big_file).write_text(json.dumps(big))
    total = len(big["droplets"])
    rng = random.Random(23)

    def droplets_in(url):
        r = subprocess.run([cli_path, "--db", url, "/v3/droplets?per_page=1"], capture_output=True, text=True)
        return json.loads(r.stdout)["pagination"]["total_results"] if r.returncode == 0 else None

    subprocess.run([mariadb_server, "start", maria_dir], check=True, capture_output=True)

    def database(engine, name):
        """A new, empty database `name` of `engine`, by its URL."""
        if engine == "sqlite":
            return f"sqlite:{tmp}/{name}.db"
        if engine == "postgresql":
            psql(pg_dir, f"CREATE DATABASE {name}")
            return pg_url.replace("/postgres?", f"/{name}?")
        subprocess.run(["mariadb", f"--socket={maria_dir}/sock", "-uroot", "-e", f"CREATE DATABASE {name}"], check=True)
        return f"mariadb://root@localhost/{name}?socket={maria_dir}/sock"

    for engine in ["sqlite", "postgresql", "mariadb"]:
        t = time.monotonic()
        url = database(engine, "timed")
        subprocess.run([cli_path, "import", "--data", big_file, "--db", url], check=True, capture_output=True)
        full = time.monotonic() - t
        states = []
        for trial in range(5):
            url = database(engine, f"killed{trial}")
            at = rng.uniform(0, full)
            p = subprocess.Popen([cli_path, "import", "--data", big_file, "--db", url],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(at)
            p.kill()
            p.wait()
            found = droplets_in(url)
            states.append((round(at, 2), found))
            check(f"{engine} import killed after {at:.2f} s: nothing or everything", found in (None, total), str(found))
            r = subprocess.run([cli_path, "import", "--data", big_file, "--db", url], capture_output=True, text=True)
            check(f"{engine} import killed after {at:.2f} s: a rerun works", r.returncode == 0 or
                  (found == total and "already" in r.stderr), r.stderr)
            check(f"{engine} import killed after {at:.2f} s: then everything", droplets_in(url) == total)
        print(f"{engine} import of {total} droplets: {full:.2f} s; killed at (s, droplets found): {states}", flush=True)
finally:
    subprocess.run([cluster, "stop", pg_dir], capture_output=True)
    subprocess.run([mariadb_server, "stop", maria_dir], capture_output=True)
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(pg_dir, ignore_errors=True)
    shutil.rmtree(maria_dir, ignore_errors=True)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
