#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""listquery-server on an ephemeral loopback port, talked to by real HTTP clients.

    run_server_tests.py PATH_TO_LISTQUERY_SERVER DATA_DIR

Only 127.0.0.1; every request loop is bounded. Prints 'N passed, M failed'.
"""
import http.client
import json
import pathlib
import signal
import socket
import subprocess
import sys
import threading
import time

server_path, data_dir = sys.argv[1], pathlib.Path(sys.argv[2])
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


proc = subprocess.Popen([server_path, "--port", "0", "--threads", "2", "--data", str(data_dir / "seeds.json")],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
first_line = proc.stdout.readline().strip()
check("first line announces the address", first_line.startswith("listening on http://127.0.0.1:"), first_line)
port = int(first_line.rsplit(":", 1)[1])


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
expected = {"pagination": {"total_results": 3, "total_pages": 2, "first": {"href": "/v3/packages?page=1&per_page=2"},
                           "last": {"href": "/v3/packages?page=2&per_page=2"}, "next": {"href": "/v3/packages?page=2&per_page=2"},
                           "previous": None}, "resources": seeds["packages"][0:2]}
check("seed example", status == 200 and body == json.dumps(expected, separators=(",", ":")), body[:200])
check("content type", headers.get("Content-Type") == "application/json", str(headers))
check("link header", headers.get("Link") == '</v3/packages?page=1&per_page=2>; rel="first", </v3/packages?page=2&per_page=2>; '
      'rel="last", </v3/packages?page=2&per_page=2>; rel="next"', str(headers))
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
proc.send_signal(signal.SIGTERM)
try:
    code = proc.wait(timeout=10)
except subprocess.TimeoutExpired:
    proc.kill()
    code = "hung"
check("SIGTERM stops it with status 0", code == 0, str(code))

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
