#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Stateless servers (docs/scaling.md#many-servers): two listquery-server processes over one
PostgreSQL database, with one base URL and one set of keyset keys, answer a walk that alternates
between them, across a key rotation that restarts each in turn, with exactly the bytes one server
gives when it goes through the same rotation.

    run_two_servers_test.py PATH_TO_SERVER PATH_TO_CLI POSTGRES_DIR

POSTGRES_DIR is the socket directory of the test cluster (tests/sql/postgres_cluster); the test
makes a database of its own there. Prints 'N passed, M failed' and exits 1 on any failure.
"""
import http.client
import json
import pathlib
import signal
import subprocess
import sys
import tempfile

server_path, cli_path, pg_dir = sys.argv[1:4]
database = "listquery_two_servers"
url = f"postgresql:///{database}?host={pg_dir}&port=5432&user=postgres"
base = "https://api.example.org"  # the load balancer's address: every server's links use it
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {name}\n{detail}")


class server:
    """A listquery-server over the shared database, signing with `key` and accepting `previous`."""

    def __init__(self, key, previous=None):
        extra = ["--keyset-previous-key", str(previous)] if previous else []
        self.p = subprocess.Popen([server_path, "--port", "0", "--threads", "2", "--engine", "postgresql", "--db", url,
                                   "--base-url", base, "--keyset-key", str(key), *extra],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.p.stdout.readline().strip()
        if not line.startswith("listening on http://127.0.0.1:"):
            raise SystemExit(f"the server did not start: {line} {self.p.stderr.read()}")
        self.port = int(line.rsplit(":", 1)[1])

    def get(self, target):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("GET", target)
        r = conn.getresponse()
        body = r.read()
        conn.close()
        return r.status, body

    def stop(self):
        self.p.send_signal(signal.SIGTERM)
        self.p.wait(timeout=15)


def psql(statement):
    bin_dir = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    subprocess.run([bin_dir / "psql", "-h", pg_dir, "-p", "5432", "-U", "postgres", "-d", "postgres", "-qAtX",
                    "-v", "ON_ERROR_STOP=1", "-c", statement], check=True, capture_output=True, timeout=60)


psql(f"DROP DATABASE IF EXISTS {database}")
psql(f"CREATE DATABASE {database}")
done = subprocess.run([cli_path, "import", "--db", url], capture_output=True, timeout=300)
check("import the embedded dataset", done.returncode == 0, done.stderr.decode())

# The rotation, by the page before which it happens: first every server accepts the new key,
# then every server signs with it (docs/scaling.md#many-servers). Between the two steps no
# server signs with a key another does not accept.
with tempfile.TemporaryDirectory() as tmp:
    old, new = pathlib.Path(tmp) / "old", pathlib.Path(tmp) / "new"
    old.write_bytes(bytes(range(32)))
    new.write_bytes(bytes(range(100, 132)))
    keys = {"signing old": (old, None), "accepting new": (old, new), "signing new": (new, old)}
    start = "/v3/droplets?order_by=-created_at&per_page=25"

    def walk(servers, restart):
        """Follows `next` from `start` on servers[page % len(servers)], restarting each before
        the pages `restart(page)` names it for; the bodies, in order."""
        bodies, target, page = [], start, 0
        while target and page < 200:
            for i, keys_now in restart(page):
                servers[i].stop()
                servers[i] = server(*keys[keys_now])
            status, body = servers[page % len(servers)].get(target)
            if status != 200:
                bodies.append(body)
                break
            bodies.append(body)
            following = json.loads(body)["pagination"]["next"]
            target = following["href"].removeprefix(base) if following else None
            page += 1
        for s in servers:
            s.stop()
        return bodies

    # One server, through the rotation at pages 3 and 5.
    alone = walk([server(*keys["signing old"])],
                 lambda page: [(0, "accepting new")] if page == 3 else [(0, "signing new")] if page == 5 else [])
    # Two, each restarted in turn just before it answers: both accept the new key (pages 3 and 4),
    # then both sign with it (5 and 6); page n is server n % 2's.
    steps = {3: [(1, "accepting new")], 4: [(0, "accepting new")], 5: [(1, "signing new")], 6: [(0, "signing new")]}
    pair = walk([server(*keys["signing old"]), server(*keys["signing old"])], lambda page: steps.get(page, []))

    total = json.loads(alone[0])["pagination"]["total_results"]
    seen = [d["guid"] for body in alone for d in json.loads(body)["resources"]]
    check("the walk covers every droplet once, past the rotation", len(seen) == len(set(seen)) == total and len(alone) > 7,
          f"{len(seen)} of {total} in {len(alone)} pages")
    check("two servers give the bytes of one, page by page", pair == alone,
          "\n".join(f"  page {i}: {a!r}\n      vs {b!r}" for i, (a, b) in enumerate(zip(alone, pair)) if a != b)
          or f"  {len(alone)} pages against {len(pair)}")
    check("the tokens change with the signing key", alone[2] != alone[6] and b"page_token=" in alone[6])

    # A token signed with a key a server does not hold is refused, as the rotation's order avoids.
    first = json.loads(alone[0])["pagination"]["next"]["href"].removeprefix(base)
    stranger = server(new)
    status, body = stranger.get(first)
    stranger.stop()
    check("a server without the signing key refuses the token", status == 400 and b"Page token is invalid" in body, body)

psql(f"DROP DATABASE {database}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
