#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""HTTP load on loopback: wrk against listquery-server and against nginx serving the same bytes.

    bench_load.py PATH_TO_LISTQUERY_SERVER OUT.json [SECONDS]

Starts listquery-server (embedded demo data, 2 threads) and nginx (2 workers, sendfile, its own
config in a temp dir), each on a free port of 127.0.0.1. For each request below it fetches the
body from listquery-server, writes those bytes as nginx's static file, checks that nginx returns
the same bytes, then runs `wrk -t1 -cN -dSECONDS --latency` against each server, for N = 16 and
256, one after the other. Writes requests/s, p50 and p99 latency, errors and the ratio to nginx to
OUT.json (tools/bench_report.py turns it into docs/benchmarks.md's load table).
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

server_bin, out_path = sys.argv[1], sys.argv[2]
seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 8
THREADS = 2  # listquery-server's threads and nginx's workers
CONNECTIONS = (16, 256)
REQUESTS = [
    ("50 droplets by state", "/v3/droplets?states=STAGED%2CFAILED&order_by=-created_at&per_page=50"),
    ("2 droplets", "/v3/droplets?per_page=2"),
    ("builds by label_selector", "/v3/builds?label_selector=env%3Dproduction,tier+in+(web,api)&per_page=50"),
    ("deep page (30 of 31)", "/v3/droplets?order_by=updated_at&per_page=10&page=30"),
]


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read()


def wait_for(url):
    for _ in range(200):
        try:
            return fetch(url)
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"bench_load: {url} did not answer")


def seconds_of(text):
    value, unit = re.fullmatch(r"([0-9.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[unit]


def wrk(url, connections):
    p = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                       capture_output=True, text=True, check=True)
    out = p.stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1)),
        "p50_seconds": seconds_of(latency["50"]),
        "p99_seconds": seconds_of(latency["99"]),
        "errors": (sum(map(int, socket_errors.groups())) if socket_errors else 0) + (int(non_2xx.group(1)) if non_2xx else 0),
    }


NGINX_CONF = """\
worker_processes {workers};
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/www;
        default_type application/json;
    }}
}}
"""


def main():
    if not shutil.which("wrk") or not shutil.which("nginx"):
        raise SystemExit("bench_load: needs wrk and nginx (tools/setup bench installs them)")
    work = tempfile.mkdtemp(prefix="listquery-load-")
    os.chmod(work, 0o755)  # nginx's workers run as another user when started by root
    procs = []
    try:
        ours_port, nginx_port = free_port(), free_port()
        procs.append(subprocess.Popen([server_bin, "--port", str(ours_port), "--threads", str(THREADS)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        ours = f"http://127.0.0.1:{ours_port}"
        os.makedirs(f"{work}/www")
        files = []
        for i, (_, target) in enumerate(REQUESTS):
            body = wait_for(ours + target)
            with open(f"{work}/www/{i}.json", "wb") as f:
                f.write(body)
            files.append((f"/{i}.json", body))
        with open(f"{work}/nginx.conf", "w") as f:
            f.write(NGINX_CONF.format(workers=THREADS, dir=work, port=nginx_port))
        procs.append(subprocess.Popen(["nginx", "-c", f"{work}/nginx.conf", "-p", work],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        theirs = f"http://127.0.0.1:{nginx_port}"
        rows = []
        for (name, target), (path, body) in zip(REQUESTS, files):
            if wait_for(theirs + path) != body:
                raise SystemExit(f"bench_load: nginx does not serve the bytes of {target}")
            for connections in CONNECTIONS:
                row = {"request": name, "target": target, "body_bytes": len(body), "connections": connections,
                       "listquery": wrk(ours + target, connections), "nginx": wrk(theirs + path, connections)}
                row["ratio"] = row["listquery"]["requests_per_second"] / row["nginx"]["requests_per_second"]
                print(f"{name}, {connections} connections: listquery {row['listquery']['requests_per_second']:,.0f} "
                      f"req/s, nginx {row['nginx']['requests_per_second']:,.0f} req/s, ratio {row['ratio']:.2f}",
                      flush=True)
                rows.append(row)
        with open(out_path, "w") as f:
            json.dump({"command": f"wrk -t1 -c{{16,256}} -d{seconds}s --latency", "threads": THREADS,
                       "cores": os.cpu_count(), "rows": rows}, f, indent=1)
    finally:
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


main()
