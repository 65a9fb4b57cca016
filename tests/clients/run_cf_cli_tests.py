#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""The official cf CLI (v7.3.0) as a client of the example server, on loopback.

    run_cf_cli_tests.py PATH_TO_SERVER [SERVER_OPTION...]

Starts listquery-server on the embedded demo dataset, runs `cf api`, then `cf droplets APP` and
`cf packages APP` for every demo app (app-1 to app-5 have 60 each, more than a page of 50, so
the cf CLI follows `next`), and requires each listing to hold exactly the resources the server's
`total_results` counts, in the server's order. Each SERVER_OPTION set is a run of its own:
'--keyset-key' pages by token (the cf CLI follows the token hrefs as it follows page numbers).
The cf CLI is the one tools/setup installs (/usr/local/lib/listquery-cf, or $LISTQUERY_CF_CLI);
without it the test fails, never skips. Prints 'N passed, M failed'; exits 1 on any failure.
"""
import http.client
import json
import os
import pathlib
import subprocess
import sys
import tempfile

server = sys.argv[1]
cf_dir = pathlib.Path(os.environ.get("LISTQUERY_CF_CLI", "/usr/local/lib/listquery-cf"))
cf, cf_home = cf_dir / "cf", cf_dir / "cf-home.py"
organization = "guid-2c4e6a8b-1d3f-4a5c-9e7b-0f2d4c6e8a1b"  # the demo's (examples/cf_api/demo_data.hpp)
space = "guid-6f1e3c2a-9d4b-4e7f-8a21-3b5c7d9e0f12"
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {name}\n  {detail}")


if not cf.is_file() or not cf_home.is_file():
    check(f"the cf CLI is at {cf_dir} (tools/setup installs it: docs/server.md#the-official-cf-cli-as-a-client)", False)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1)


def run_with(options, label):
    with tempfile.TemporaryDirectory() as home:
        p = subprocess.Popen([server, "--port", "0", *options], stdout=subprocess.PIPE, text=True)
        try:
            line = p.stdout.readline().strip()
            url = line.removeprefix("listening on ")
            conn = http.client.HTTPConnection("127.0.0.1", int(url.rsplit(":", 1)[1]), timeout=10)

            def get(target):
                conn.request("GET", target)
                r = conn.getresponse()
                return json.loads(r.read())

            env = {**os.environ, "CF_HOME": home, "CF_COLOR": "false"}
            cli = lambda *args: subprocess.run([str(cf), *args], capture_output=True, text=True, env=env, timeout=60)
            r = cli("api", url)
            check(f"{label}: cf api", r.returncode == 0 and "API version:    3.181.0" in r.stdout, r.stdout + r.stderr)
            r = subprocess.run([sys.executable, str(cf_home), organization, space], env=env, capture_output=True, text=True)
            check(f"{label}: a static token and a target", r.returncode == 0, r.stderr)
            apps = get(f"/v3/apps?space_guids={space}&order_by=name&per_page=5000")["resources"]
            check(f"{label}: the demo's apps", len(apps) == 7, str([a["name"] for a in apps]))
            paged = 0
            for a in apps:
                for kind in ["droplets", "packages"]:
                    want_page = get(f"/v3/{kind}?app_guids={a['guid']}&order_by=-created_at&per_page=5000")
                    want = [x["guid"] for x in want_page["resources"]]
                    r = cli(kind, a["name"])
                    listed = [row.split()[0] for row in r.stdout.splitlines() if row.startswith("guid-")]
                    check(f"{label}: cf {kind} {a['name']} lists all {want_page['pagination']['total_results']}, in order",
                          r.returncode == 0 and listed == want and len(listed) == want_page["pagination"]["total_results"],
                          f"exit {r.returncode}\n  got {listed[:5]}… ({len(listed)})\n  want {want[:5]}… ({len(want)})\n{r.stderr}")
                    paged += len(want) > 50
            check(f"{label}: some listings needed more than one page", paged >= 5, str(paged))
            r = cli("droplets", "no-such-app")
            check(f"{label}: an app that does not exist", r.returncode != 0 and "App 'no-such-app' not found" in r.stdout + r.stderr,
                  r.stdout + r.stderr)
        finally:
            p.terminate()
            p.wait(timeout=20)


with tempfile.TemporaryDirectory() as tmp:
    key = pathlib.Path(tmp) / "key"
    key.write_bytes(bytes(range(32)))
    run_with([], "by page number")
    run_with(["--keyset-key", str(key)], "by page token")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
