#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Times the CLI end to end (process start, open, query, exact count, JSON out) over the 10^6
droplets that the SQL benchmarks stored: from the SQLite file, and from the same data as a JSON
file. Writes JSON for tools/bench_report.py.

    tools/bench_cli.py LISTQUERY_BINARY BENCH_OUT_DIR OUT_JSON
"""
import json
import os
import statistics
import subprocess
import sys
import time

TARGETS = ["/v3/droplets?order_by=-created_at&per_page=50",
           "/v3/droplets?states=EXPIRED&app_guids=app-7&order_by=-created_at&per_page=50"]


def wall(args, runs):
    times, body = [], None
    for _ in range(runs):
        start = time.monotonic()
        p = subprocess.run(args, capture_output=True)
        times.append(time.monotonic() - start)
        if p.returncode != 0:
            sys.exit(f"bench_cli: {args} exited {p.returncode}: {p.stderr.decode()[:300]}")
        body = p.stdout
    return statistics.median(times), body


def main():
    cli, out_dir, out_json = sys.argv[1], sys.argv[2], sys.argv[3]
    db = os.path.join(out_dir, "droplets.sqlite")
    data = os.path.join(out_dir, "droplets.json")
    rows = []
    for target in TARGETS:
        sqlite_s, sqlite_body = wall([cli, "--db", f"sqlite:{db}", target], 21)
        json_s, json_body = wall([cli, "--data", data, target], 3)
        if sqlite_body != json_body:
            sys.exit(f"bench_cli: the SQLite and JSON answers to {target} differ")
        rows.append({"target": target, "sqlite_s": sqlite_s, "json_s": json_s, "runs": [21, 3]})
    json.dump({"rows": rows, "data_bytes": os.path.getsize(data), "db_bytes": os.path.getsize(db)},
              open(out_json, "w"), indent=1)


if __name__ == "__main__":
    main()
