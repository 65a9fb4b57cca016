#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""The minimal server (examples/minimal_server.cpp) on loopback: its routes, links, errors.

    run_minimal_server_tests.py PATH_TO_SERVER

Expected values are computed here from the server's documented data (120 droplets, droplet-N of
app-(N % 3 + 1), states STAGED, FAILED, EXPIRED in turn, created 37 s apart). Prints
'N passed, M failed' and exits 1 on any failure.
"""
import http.client
import json
import subprocess
import sys

server = sys.argv[1]
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {name}\n  {detail}")


p = subprocess.Popen([server, "--port", "0"], stdout=subprocess.PIPE, text=True)
line = p.stdout.readline().strip()
check("announces its address", line.startswith("listening on http://127.0.0.1:"), line)
own = line.removeprefix("listening on ")
conn = http.client.HTTPConnection("127.0.0.1", int(own.rsplit(":", 1)[1]), timeout=10)


def get(target, method="GET"):
    conn.request(method, target)
    r = conn.getresponse()
    return r.status, dict(r.getheaders()), r.read().decode()


status, headers, body = get("/v3/droplets?states=FAILED&order_by=-created_at&per_page=3")
page = json.loads(body)
failed_guids = [f"droplet-{i}" for i in reversed(range(120)) if i % 3 == 1]
check("a list", status == 200 and page["pagination"]["total_results"] == 40 and
      [d["guid"] for d in page["resources"]] == failed_guids[:3], body[:300])
check("absolute links from its own address", page["pagination"]["next"]["href"] ==
      own + "/v3/droplets?order_by=-created_at&page=2&per_page=3&states=FAILED", body[:300])
check("the Link header", headers.get("Link", "").startswith(f"<{own}/v3/droplets?order_by=-created_at&page=1&per_page=3"), str(headers))
status, _, body = get("/v3/apps/app-2/droplets?per_page=100&label_selector=env%3Ddev")
page = json.loads(body)
check("a nested route lists within its app", status == 200 and page["pagination"]["total_results"] == 20 and
      all(d["links"]["app"]["href"] == "/v3/apps/app-2" for d in page["resources"]) and
      page["pagination"]["first"]["href"] == own + "/v3/apps/app-2/droplets?label_selector=env%3Ddev&page=1&per_page=100", body[:300])
status, _, body = get("/v3/apps/app-2/droplets?app_guids=x")
check("the nested route refuses app_guids", status == 400 and json.loads(body)["errors"][0]["detail"] ==
      "The query parameter is invalid: Unknown query parameter(s): 'app_guids'", body)
status, _, body = get("/v3/droplets?per_page=0")
check("a bad query", status == 400 and json.loads(body)["errors"][0]["detail"] ==
      "The query parameter is invalid: Per page must be a positive integer", body)
for target in ["/v3/apps//droplets", "/v3/packages", "/"]:
    status, _, body = get(target)
    check(f"unknown {target}", status == 404 and json.loads(body)["errors"][0]["title"] == "CF-NotFound", body)
status, _, _ = get("/v3/droplets", method="POST")
check("405", status == 405)
p.kill()
p.wait()
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
