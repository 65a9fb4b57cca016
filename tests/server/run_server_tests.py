#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""listquery-server on an ephemeral loopback port, talked to by real HTTP clients.

    run_server_tests.py PATH_TO_LISTQUERY_SERVER DATA_DIR [DATABASE_URL...]

With DATABASE_URLs (postgresql://…, mariadb://…), the SQL engines' section also runs the server
over each of those databases. Only 127.0.0.1; every request loop is bounded. Prints 'N passed, M failed'.
"""
import asyncio
import http.client
import json
import pathlib
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

server_path, data_dir = sys.argv[1], pathlib.Path(sys.argv[2])
database_urls = sys.argv[3:]
seeds = json.loads((data_dir / "seeds.json").read_text())
passed = failed = 0
lock = threading.Lock()


def check(name, condition, detail=""):
    global passed, failed
    with lock:
        if condition:
            passed += 1
        else:
            failed += 1
            print(f"FAILED: {name} {detail}")


# 1,000 connections from this process, and as many in the server's.
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))


def start_server(*options):
    p = subprocess.Popen([server_path, "--port", "0", "--threads", "2", "--data", str(data_dir / "seeds.json"), *options],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline().strip()
    check("first line announces the address", line.startswith("listening on http://127.0.0.1:"), line)
    return p, int(line.rsplit(":", 1)[1])


def stopped(p, timeout=15):
    """The exit status after SIGTERM, or 'hung'."""
    p.send_signal(signal.SIGTERM)
    try:
        return p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        return "hung"


proc, port = start_server()


def get(conn, target, method="GET", headers=None):
    conn.request(method, target, headers=headers or {})
    r = conn.getresponse()
    return r.status, dict(r.getheaders()), r.read().decode()


def raw(payload, read_timeout=5):
    with socket.create_connection(("127.0.0.1", port), timeout=read_timeout) as s:
        s.sendall(payload)
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
        except socket.timeout:
            pass
        return data.decode(errors="replace")


conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
status, headers, body = get(conn, "/v3/packages?page=1&per_page=2")
own = f"http://127.0.0.1:{port}"  # links are absolute, from the server's own address by default
expected = {"pagination": {"total_results": 3, "total_pages": 2, "first": {"href": own + "/v3/packages?page=1&per_page=2"},
                           "last": {"href": own + "/v3/packages?page=2&per_page=2"},
                           "next": {"href": own + "/v3/packages?page=2&per_page=2"},
                           "previous": None}, "resources": seeds["packages"][0:2]}
check("seed example", status == 200 and body == json.dumps(expected, separators=(",", ":")), body[:200])
check("content type", headers.get("Content-Type") == "application/json", str(headers))
check("link header", headers.get("Link") == f'<{own}/v3/packages?page=1&per_page=2>; rel="first", <{own}/v3/packages?page=2&per_page=2>; '
      f'rel="last", <{own}/v3/packages?page=2&per_page=2>; rel="next"', str(headers))
# A client's Host header never makes the links (docs/server.md#links).
status, headers, body = get(conn, "/v3/packages?page=1&per_page=2", headers={"Host": "evil.example"})
check("the Host header does not change the links", status == 200 and body == json.dumps(expected, separators=(",", ":")), body[:200])
status, headers, body = get(conn, "/")
check("GET / names the server's own V3 API", status == 200 and
      json.loads(body)["links"]["cloud_controller_v3"] == {"href": own + "/v3", "meta": {"version": "3.181.0"}}, body[:200])
# Keep-alive: more requests on the same connection.
for target, want in [("/v3/droplets?page=0", 400), ("/v3/nope", 404), ("/v3/apps/x/builds", 404), ("/v3/builds", 200)]:
    status, headers, body = get(conn, target)
    check(f"status of {target}", status == want and "Link" not in headers or want == 200, f"{status} {body[:120]}")
status, headers, body = get(conn, "/v3/packages", method="POST")
check("405 for POST", status == 405 and headers.get("Allow") == "GET", f"{status} {headers}")
status, headers, body = get(conn, "/v3/packages?" + "x" * 9000)
check("414 for a long target", status == 414, str(status))
status, headers, body = get(conn, "/v3/packages", headers={"Connection": "close"})
check("Connection: close is honoured", status == 200 and headers.get("Connection", "").lower() == "close", str(headers))
conn.close()

# Malformed requests get 400 (or 431) and the connection closes; the server lives on.
for name, payload, want in [("garbage", b"GARBAGE\r\n\r\n", "HTTP/1.1 400"),
                            ("bad version", b"GET / HTTP/9.9\r\n\r\n", "HTTP/1.1 400"),
                            ("huge header", b"GET /v3/packages HTTP/1.1\r\nX: " + b"a" * 70000 + b"\r\n\r\n", "HTTP/1.1 431"),
                            ("bad chunk", b"GET /v3/packages HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "HTTP/1.1 400")]:
    reply = raw(payload)
    check(f"malformed: {name}", reply.startswith(want), reply[:80])
half = socket.create_connection(("127.0.0.1", port))  # an idle half-sent request must not block others
half.sendall(b"GET /v3/packages HTTP/1.1\r\n")

# 8 concurrent keep-alive clients x 1,000 requests each.
targets = ["/v3/packages?per_page=1", "/v3/droplets?order_by=-created_at", "/v3/builds?label_selector=env%3Dstaging",
           "/v3/apps/guid-01e350db-c744-4a06-a0e1-b5aba661673f/droplets?states=STAGED", "/v3/packages?page=0"]
errors = []


def client(n):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        for i in range(1000):
            target = targets[(n + i) % len(targets)]
            status, _, body = get(c, target)
            want = 400 if "page=0" in target else 200
            if status != want or "pagination" not in body and want == 200:
                errors.append((target, status, body[:100]))
    except Exception as e:  # noqa: BLE001 - any failure is a finding
        errors.append(("exception", repr(e)))
    finally:
        c.close()


start = time.monotonic()
workers = [threading.Thread(target=client, args=(n,)) for n in range(8)]
for w in workers:
    w.start()
for w in workers:
    w.join()
elapsed = time.monotonic() - start
check("8 x 1,000 keep-alive requests without an error", not errors, str(errors[:3]))
print(f"8 clients x 1,000 requests: {8000 / elapsed:.0f} requests/s")
half.close()

conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
check("still answering", get(conn, "/v3/packages")[0] == 200)
conn.close()


# 1,000 concurrent keep-alive connections, each sending 5 requests, all open at once.
async def one_connection(n, results):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for i in range(5):
            target = targets[(n + i) % len(targets)]
            writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")))
            body = await reader.readexactly(length)
            want = b"400" if "page=0" in target else b"200"
            results.append(head.split(b" ")[1] == want and (want == b"400" or b'"pagination"' in body))
    except Exception as e:  # noqa: BLE001 - any failure is a finding
        results.append(repr(e))
    finally:
        writer.close()


async def many_connections(count):
    results = []
    await asyncio.wait_for(asyncio.gather(*(one_connection(n, results) for n in range(count))), timeout=120)
    return results


start = time.monotonic()
results = asyncio.run(many_connections(1000))
elapsed = time.monotonic() - start
bad = [r for r in results if r is not True]
check("1,000 concurrent keep-alive connections x 5 requests, 0 errors", len(results) == 5000 and not bad,
      f"{len(results)} results, {len(bad)} bad: {bad[:3]}")
print(f"1,000 connections x 5 requests: {len(results) / elapsed:.0f} requests/s")
check("SIGTERM stops it with status 0", stopped(proc) == 0)

# Draining: after SIGTERM, a request being received is finished and answered in full; an idle
# keep-alive connection is closed; new connections are refused; then exit 0.
proc, port = start_server("--drain-timeout", "20", "--base-url", own)  # the links of `expected`
idle = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
check("drain: the idle connection was used", get(idle, "/v3/packages")[0] == 200)
slow = socket.create_connection(("127.0.0.1", port), timeout=10)
slow.sendall(b"GET /v3/packages?page=1&per_page=2 HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers not finished
time.sleep(0.3)
proc.send_signal(signal.SIGTERM)
time.sleep(0.5)
idle.sock.settimeout(5)
try:
    check("drain: an idle keep-alive connection is closed", idle.sock.recv(1) == b"")
except OSError as e:
    check("drain: an idle keep-alive connection is closed", False, repr(e))
try:
    socket.create_connection(("127.0.0.1", port), timeout=2).close()
    check("drain: new connections are refused", False)
except OSError:
    check("drain: new connections are refused", True)
check("drain: still running while a request is in flight", proc.poll() is None)
slow.sendall(b"X-Slow: yes\r\n\r\n")  # the rest of the request, after the signal
reply = b""
try:
    while chunk := slow.recv(65536):
        reply += chunk
except OSError as e:
    reply += repr(e).encode()
head, _, body = reply.partition(b"\r\n\r\n")
check("drain: the in-flight request gets its full response", head.startswith(b"HTTP/1.1 200") and
      json.loads(body) == expected, reply[:200])
check("drain: that response closes the connection", b"Connection: close" in head, head)
try:
    code = proc.wait(timeout=10)
except subprocess.TimeoutExpired:
    proc.kill()
    code = "hung"
check("drain: then exit status 0", code == 0, str(code))

# A client sending its headers a byte a second is cut off by --header-timeout, and other
# clients are answered meanwhile.
proc, port = start_server("--header-timeout", "2")
trickle = socket.create_connection(("127.0.0.1", port), timeout=10)
started = time.monotonic()
cut_after = None
fast, fast_ok = http.client.HTTPConnection("127.0.0.1", port, timeout=5), 0
for byte in b"GET /v3/packages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: " + b"a" * 20:
    try:
        trickle.sendall(bytes([byte]))
        trickle.settimeout(0.01)
        if trickle.recv(1) == b"":
            cut_after = time.monotonic() - started
            break
    except socket.timeout:
        pass
    except OSError:
        cut_after = time.monotonic() - started
        break
    fast_ok += get(fast, "/v3/packages?per_page=1")[0] == 200
    time.sleep(1)
check("slow headers: cut off after the 2 s header timeout", cut_after is not None and 1.5 <= cut_after <= 5,
      str(cut_after))
check("slow headers: other clients answered meanwhile", fast_ok >= 2, str(fast_ok))
fast.close()
check("slow headers: SIGTERM stops it with status 0", stopped(proc) == 0)

# The SQL engines, one connection per worker thread: 4 threads answer 4 concurrent clients with
# the bodies and Link headers the in-memory server gives.
app = seeds["packages"][0]["links"]["app"]["href"].rsplit("/", 1)[1]
targets = ["/v3/packages?page=1&per_page=2", "/v3/droplets?order_by=-created_at&per_page=1",
           "/v3/builds?label_selector=example.com/team%3Dpayments", f"/v3/apps/{app}/droplets?states=STAGED",
           "/v3/apps/nope/builds", "/v3/droplets?page=0", "/v3/packages?page=9&per_page=1"]
base = ["--base-url", "https://api.example.org"]  # one base for every server compared
proc, port = start_server(*base)
memory = {}
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
for t in targets:
    status, headers, body = get(conn, t)
    memory[t] = (status, headers.get("Link"), body)
conn.close()
stopped(proc)
engines = [("sqlite", ["--engine", "sqlite"])] + [(url.split(":", 1)[0], ["--db", url]) for url in database_urls]
for name, options in engines:
    proc, port = start_server("--threads", "4", *base, *options)
    mismatches = []

    def sql_client(n):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for i in range(100):
            t = targets[(n + i) % len(targets)]
            status, headers, body = get(c, t)
            if (status, headers.get("Link"), body) != memory[t]:
                mismatches.append((t, status, body[:200]))
        c.close()

    clients = [threading.Thread(target=sql_client, args=(n,)) for n in range(4)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    check(f"{name}: 400 requests on 4 threads answered as in memory", not mismatches, str(mismatches[:3]))
    check(f"{name}: SIGTERM stops it with status 0", stopped(proc) == 0)
p = subprocess.run([server_path, "--port", "0", "--db", "sqlite:/nonexistent/cf.db"], capture_output=True, text=True,
                   timeout=30)
check("a database that cannot be opened: one line, exit 2", p.returncode == 2 and p.stdout == "" and
      p.stderr == "listquery-server: cannot open SQLite database /nonexistent/cf.db: unable to open database file\n",
      repr(p.stderr))

# Keyset paging with --keyset-key: page 1's next link carries a page_token that the server takes
# back; a changed token is a 400.
with tempfile.TemporaryDirectory() as tmp:
    key = pathlib.Path(tmp) / "key"
    key.write_bytes(bytes(range(32)))
    proc, port = start_server("--keyset-key", str(key))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    status, headers, body = get(conn, "/v3/packages?per_page=1&order_by=created_at")
    first = json.loads(body)
    next_href = first["pagination"]["next"]["href"].removeprefix(f"http://127.0.0.1:{port}")
    status2, _, body2 = get(conn, next_href)
    second = json.loads(body2)
    check("keyset: next carries a page_token the server takes back",
          status == 200 and "page_token=" in next_href and status2 == 200 and
          [first["resources"][0]["guid"], second["resources"][0]["guid"]] ==
          [p["guid"] for p in sorted(seeds["packages"], key=lambda p: (p["created_at"], p["guid"]))][0:2] and
          'rel="next"' in headers.get("Link", ""), f"{status} {status2} {body2[:300]}")
    token = next_href.split("page_token=")[1].split("&")[0]
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    status, _, body = get(conn, next_href.replace(token, changed))
    check("keyset: a changed token is a 400", status == 400 and json.loads(body) == {"errors": [{
        "detail": "The query parameter is invalid: Page token is invalid: it is damaged, expired, or was issued for another query",
        "title": "CF-BadQueryParameter", "code": 10005}]}, f"{status} {body}")
    conn.close()
    check("keyset: SIGTERM stops it with status 0", stopped(proc) == 0)

# A page of 3,000 resources (hundreds of pieces in one gathered write) to a client that reads
# slowly through a small receive buffer: the socket takes the response in many parts, and every
# byte arrives in order.
big = dict(seeds)
big["droplets"] = [dict(d, guid=f"{d['guid']}-{i}") for i in range(3000 // len(seeds["droplets"]) + 1)
                   for d in seeds["droplets"]][:3000]
with tempfile.TemporaryDirectory() as tmp:
    big_file = pathlib.Path(tmp) / "big.json"
    big_file.write_text(json.dumps(big))
    proc = subprocess.Popen([server_path, "--port", "0", "--data", str(big_file)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    port = int(proc.stdout.readline().strip().rsplit(":", 1)[1])
    target = "/v3/droplets?per_page=5000"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    status, _, want = get(conn, target)
    conn.close()
    slow_reader = socket.socket()
    slow_reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    slow_reader.settimeout(10)
    slow_reader.connect(("127.0.0.1", port))
    slow_reader.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    received = b""
    for i in range(100000):
        chunk = slow_reader.recv(2048)
        if not chunk:
            break
        received += chunk
        if i < 50:
            time.sleep(0.01)
    slow_reader.close()
    got = received.split(b"\r\n\r\n", 1)[-1].decode()
    check("a 3,000-resource page read slowly arrives whole", status == 200 and len(want) > 1000000 and got == want,
          f"{status} {len(want)} {len(got)}")
    check("the big page's server stops with status 0", stopped(proc) == 0)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
