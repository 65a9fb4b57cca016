#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""The listquery CLI's contract (docs/cli.md), run against the real binary.

    run_cli_tests.py PATH_TO_LISTQUERY DATA_DIR [ENGINE_OPTION...]

Expected bodies are computed here from the data file and the seed documents, not taken from the
program's own output. ENGINE_OPTIONs go before every run's own arguments, so that the same
contract runs in memory (none), through SQLite (--engine sqlite) and through PostgreSQL (--db
postgresql://...; the embedded dataset is imported there first, for the runs without --data).
Prints 'N passed, M failed' and exits 1 on any failure.
"""
import json
import pathlib
import subprocess
import sys
import tempfile

cli, data_dir, engine = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3:]
seeds_path = data_dir / "seeds.json"
seeds = json.loads(seeds_path.read_text())
passed = failed = 0


def run(*args, engine_options=True):
    p = subprocess.run([cli, *(engine if engine_options else []), *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {name}\n{detail}")


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False) + "\n"


def error_body(detail, title, code):
    return {"errors": [{"detail": detail, "title": title, "code": code}]}


def expect(name, args, status, body):
    code, out, err = run(*args)
    check(name, code == status and out == compact(body) and err == "",
          f"  args {args}\n  exit {code}, want {status}\n  stdout {out!r}\n  want   {compact(body)!r}\n  stderr {err!r}")


BASE = "http://127.0.0.1:8080"  # the CLI's default base: the server's default address


def links(path, query_fmt, page, last, total, per_page, base=BASE):
    href = lambda n: base + path + "?" + query_fmt.format(n)
    return {"total_results": total, "total_pages": last, "first": {"href": href(1)}, "last": {"href": href(last)},
            "next": {"href": href(page + 1)} if page < last else None,
            "previous": {"href": href(page - 1)} if page > 1 else None}


data = ["--data", str(seeds_path)]

# A database named by --db answers the runs without --data: it holds the embedded dataset.
if "--db" in engine:
    code, out, err = run("import", *engine, engine_options=False)
    check("import the embedded dataset", code == 0 and out == "", f"  exit {code}\n  stdout {out!r}\n  stderr {err!r}")
    code, out, err = run("import", *engine, engine_options=False)
    check("import into a filled database", code == 2 and out == "" and err.startswith("listquery: ")
          and err.count("\n") == 1 and err.endswith(": cannot import: the database already has a table apps\n"),
          f"  exit {code}\n  stderr {err!r}")

# The seed documents' example: GET /v3/packages?page=1&per_page=2 over three packages.
expect("seed packages", [*data, "/v3/packages?page=1&per_page=2"], 0,
       {"pagination": links("/v3/packages", "page={}&per_page=2", 1, 2, 3, 2), "resources": seeds["packages"][0:2]})
expect("seed packages, page 2", [*data, "/v3/packages?page=2&per_page=2"], 0,
       {"pagination": links("/v3/packages", "page={}&per_page=2", 2, 2, 3, 2), "resources": seeds["packages"][2:3]})

# The seed droplets example; equal created_at, so guid decides, descending (docs/semantics.md#order-ties).
app = "guid-01e350db-c744-4a06-a0e1-b5aba661673f"
droplets_path = f"/v3/apps/{app}/droplets"
expect("seed app droplets", [*data, droplets_path + "?states=STAGED%2CFAILED&page=1&per_page=2&order_by=-created_at"], 0,
       {"pagination": links(droplets_path, "order_by=-created_at&page={}&per_page=2&states=STAGED%2CFAILED", 1, 1, 2, 2),
        "resources": [seeds["droplets"][1], seeds["droplets"][0]]})

# Filters, labels, fractions of seconds, absolute links.
builds = seeds["builds"]
expect("builds by label", [*data, "/v3/builds?label_selector=example.com/team%3Dpayments"], 0,
       {"pagination": links("/v3/builds", "label_selector=example.com%2Fteam%3Dpayments&page={}&per_page=50", 1, 1, 1, 50),
        "resources": [builds[0]]})
expect("builds in one second, newest first, absolute links", [*data, "--base-url", "https://api.example.org/",
                                                 "/v3/builds?order_by=-created_at&created_ats=2016-03-02T10:00:00Z"], 0,
       {"pagination": links("/v3/builds", "created_ats=2016-03-02T10%3A00%3A00Z&order_by=-created_at&page={}&per_page=50", 1, 1, 2, 50,
                            "https://api.example.org"),
        "resources": [builds[1], builds[0]]})
expect("types filter", [*data, "/v3/packages?types=docker"], 0,
       {"pagination": links("/v3/packages", "page={}&per_page=50&types=docker", 1, 1, 1, 50), "resources": [seeds["packages"][1]]})
expect("past the last page", [*data, "/v3/packages?page=5&per_page=2"], 0,
       {"pagination": {**links("/v3/packages", "page={}&per_page=2", 5, 2, 3, 2), "next": None}, "resources": []})

# Errors: the response body on stdout, exit 1.
unknown = error_body("Unknown request", "CF-NotFound", 10000)
for target in ["/v3/packages/", "/V3/packages", "/v3/apps//droplets", "/v3/apps/x/droplets/", "/v3/apps/x",
               "/v3/apps/x/y/droplets", "/v3//packages", "/v3/packages%2F", "/v4", "/v3/apps/x/apps",
               "/v3/apps/x/builds/current"]:
    expect(f"unknown route {target}", [*data, target + "?page=0"], 1, unknown)
expect("app not found", [*data, "/v3/apps/nope/droplets"], 1, error_body("App not found", "CF-ResourceNotFound", 10010))
expect("400 wins over app not found", [*data, "/v3/apps/nope/droplets?page=0"], 1,
       error_body("The query parameter is invalid: Page must be a positive integer", "CF-BadQueryParameter", 10005))
expect("nested route rejects app_guids", [*data, f"/v3/apps/{app}/builds?app_guids=x"], 1,
       error_body("The query parameter is invalid: Unknown query parameter(s): 'app_guids'", "CF-BadQueryParameter", 10005))
expect("bad percent-encoding", [*data, "/v3/droplets?states=%G1"], 1,
       error_body("The query parameter is invalid: Invalid percent-encoding in query parameter 'states'", "CF-BadQueryParameter", 10005))

# The root documents, the apps list and what the cf CLI asks for (docs/server.md#the-cf-cli).
code, out, err = run("/")
root = json.loads(out) if code == 0 else {}
check("GET /", code == 0 and root["links"]["self"] == {"href": BASE} and root["links"]["cloud_controller_v3"]["href"] == BASE + "/v3"
      and root["links"]["login"] == {"href": BASE} and root["links"]["cloud_controller_v2"] is None, out)
code, out, err = run("--base-url", "https://api.example.org/", "/v3?page=0")
check("GET /v3", code == 0 and json.loads(out) == {"links": {
    "self": {"href": "https://api.example.org/v3"}, **{k: {"href": "https://api.example.org/v3/" + k} for k in sorted(
        ["apps", "builds", "droplets", "packages", "tasks"])}}}, out)
code, out, err = run("/login")
check("GET /login", code == 0 and json.loads(out)["links"] == {"login": BASE, "uaa": BASE}, out)
space = "guid-6f1e3c2a-9d4b-4e7f-8a21-3b5c7d9e0f12"
code, out, err = run(f"/v3/apps?names=app-2,nope&space_guids={space}")
apps = json.loads(out) if code == 0 else {}
check("apps by name and space", code == 0 and [a["name"] for a in apps["resources"]] == ["app-2"]
      and apps["resources"][0]["relationships"]["space"]["data"]["guid"] == space, out[:300])
code, out, err = run("/v3/apps?order_by=-name&per_page=3")
check("apps by name, descending", code == 0 and [a["name"] for a in json.loads(out)["resources"]] == ["seed-packages", "seed-droplets", "app-5"], out[:300])
expect("apps: a filter of another kind", ["/v3/apps?states=STAGED"], 1,
       error_body("The query parameter is invalid: Unknown query parameter(s): 'states'. Valid parameters are: 'page', "
                  "'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'names', 'space_guids', 'label_selector'",
                  "CF-BadQueryParameter", 10005))
expect("current droplet", [*data, f"/v3/apps/{app}/droplets/current"], 1,
       error_body("Droplet not found", "CF-ResourceNotFound", 10010))
expect("current droplet of no app", [*data, "/v3/apps/nope/droplets/current"], 1,
       error_body("App not found", "CF-ResourceNotFound", 10010))

# A kind added as one file and its line in the route table (docs/server.md#adding-a-resource): tasks.
with tempfile.TemporaryDirectory() as tmp:
    names, states = ["migrate", "backup", "report"], ["SUCCEEDED", "FAILED", "RUNNING", "PENDING"]
    tasks = [{"guid": f"task-{i}", "name": names[i % 3], "state": states[i % 4], "sequence_id": i,
              "created_at": f"2024-01-01T00:00:{i:02d}Z", "updated_at": None,
              "metadata": {"labels": {"env": "prod"} if i % 2 else {}, "annotations": {}},
              "links": {"self": {"href": f"/v3/tasks/task-{i}"}, "app": {"href": "/v3/apps/" + ("a1" if i < 7 else "a2")}}}
             for i in range(12)]
    path = pathlib.Path(tmp) / "tasks.json"
    path.write_text(json.dumps({"apps": [{"guid": "a1"}, {"guid": "a2"}], "tasks": tasks}))
    file = ["--data", str(path)]
    backups = [t for t in reversed(tasks) if t["name"] == "backup"]
    expect("tasks by name, newest first", [*file, "/v3/tasks?names=backup&order_by=-created_at&per_page=2"], 0,
           {"pagination": links("/v3/tasks", "names=backup&order_by=-created_at&page={}&per_page=2", 1, 2, len(backups), 2),
            "resources": backups[:2]})
    in_a1 = [t for t in tasks if t["links"]["app"]["href"].endswith("/a1") and "env" in t["metadata"]["labels"]]
    expect("an app's tasks, by label", [*file, "/v3/apps/a1/tasks?label_selector=env&states=SUCCEEDED,FAILED,RUNNING,PENDING"], 0,
           {"pagination": links("/v3/apps/a1/tasks", "label_selector=env&page={}&per_page=50&states=SUCCEEDED%2CFAILED%2CRUNNING%2CPENDING",
                                1, 1, len(in_a1), 50), "resources": in_a1})
    expect("the nested tasks route refuses app_guids", [*file, "/v3/apps/a1/tasks?app_guids=a2"], 1,
           error_body("The query parameter is invalid: Unknown query parameter(s): 'app_guids'", "CF-BadQueryParameter", 10005))
    expect("tasks order by their declared fields only", [*file, "/v3/tasks?order_by=name"], 1,
           error_body("The query parameter is invalid: Order by can only be: 'created_at', 'updated_at'", "CF-BadQueryParameter", 10005))
    expect("tasks of an app that does not exist", [*file, "/v3/apps/a3/tasks"], 1, error_body("App not found", "CF-ResourceNotFound", 10010))

# --pretty: the same document, indented by two spaces.
code, out, err = run(*data, "--pretty", "/v3/packages?per_page=1")
check("pretty", code == 0 and json.loads(out)["pagination"]["total_results"] == 3 and out.startswith('{\n  "pagination": {\n    "total_results": 3,'),
      out[:200])

# The embedded demo dataset.
code, out, err = run("/v3/droplets?per_page=1&states=STAGED")
body = json.loads(out) if code == 0 else {}
check("embedded dataset", code == 0 and body["pagination"]["total_results"] > 50 and body["resources"][0]["state"] == "STAGED", out[:300])
for kind in ["packages", "droplets", "builds"]:
    code, out, err = run(f"/v3/{kind}?per_page=1")
    check(f"embedded {kind}", code == 0 and json.loads(out)["pagination"]["total_results"] >= 300, out[:200])

# Usage and data errors: a message on stderr, nothing on stdout, exit 2.
def usage(name, args, needle):
    code, out, err = run(*args)
    check(name, code == 2 and out == "" and needle in err, f"  exit {code}\n  stdout {out!r}\n  stderr {err!r}")

usage("no target", [], "missing REQUEST_TARGET")
usage("two targets", ["/v3/packages", "/v3/builds"], "one REQUEST_TARGET only")
usage("unknown option", ["--colour", "/v3/packages"], "unknown option --colour")
usage("option without value", ["/v3/packages", "--data"], "--data needs a value")
usage("not origin-form", ["v3/packages"], "must be an origin-form target")
usage("bad base URL", ["--base-url", "not a url", "/v3/packages"], "--base-url must be an absolute URL")
usage("missing file", ["--data", str(data_dir / "no-such-file.json"), "/v3/packages"], "no-such-file.json: cannot be read")
with tempfile.TemporaryDirectory() as tmp:
    for name, content, needle in [
        ("not JSON", "{", "not valid JSON"),
        ("not an object", "[]", "must be a JSON object"),
        ("packages not an array", '{"packages": {}}', "/packages: must be an array"),
        ("item not an object", '{"builds": [1]}', "/builds/0: must be an object"),
        ("guid not a string", '{"droplets": [{"guid": 1}]}', "/droplets/0/guid: must be a string"),
        ("bad timestamp", '{"packages": [{"guid": "g", "created_at": "2020-02-30T00:00:00Z"}]}', "/packages/0/created_at: must be an RFC 3339"),
        ("empty fraction", '{"packages": [{"guid": "g", "created_at": "2020-01-01T00:00:00.Z"}]}', "/packages/0/created_at: must be an RFC 3339"),
        ("fraction not digits", '{"packages": [{"guid": "g", "created_at": "2020-01-01T00:00:00.5aZ"}]}', "/packages/0/created_at: must be an RFC 3339"),
        ("offset, not Z", '{"packages": [{"guid": "g", "created_at": "2020-01-01T00:00:00+00:00"}]}', "/packages/0/created_at: must be an RFC 3339"),
        ("no seconds", '{"packages": [{"guid": "g", "created_at": "2020-01-01T00:00Z"}]}', "/packages/0/created_at: must be an RFC 3339"),
        ("bad state", '{"packages": [{"guid": "g", "state": 3}]}', "/packages/0/state: must be a string or null"),
        ("bad labels", '{"builds": [{"guid": "g", "metadata": {"labels": []}}]}', "/builds/0/metadata/labels: must be an object"),
        ("bad apps", '{"apps": [{"id": "x"}]}', "/apps/0/guid: must be a string"),
    ]:
        path = pathlib.Path(tmp) / "data.json"
        path.write_text(content)
        usage(f"data error: {name}", ["--data", str(path), "/v3/packages"], f"{path}: {needle}")
    # Years far from 1970 (a fuzzing finding: nanoseconds overflowed before 1678).
    path = pathlib.Path(tmp) / "years.json"
    old = [{"guid": "y9999", "created_at": "9999-12-31T23:59:59.999999999Z"},
           {"guid": "y0001", "created_at": "0001-01-01T00:00:00.5Z"},
           {"guid": "y1010", "created_at": "1010-01-01T00:00:00.123Z"}]
    path.write_text(json.dumps({"builds": old}))
    expect("years 0001 to 9999 sort", ["--data", str(path), "/v3/builds?order_by=created_at"], 0,
           {"pagination": links("/v3/builds", "order_by=%2Bcreated_at&page={}&per_page=50", 1, 1, 3, 50),
            "resources": [old[1], old[2], old[0]]})
    expect("years filter", ["--data", str(path), "/v3/builds?created_ats[lt]=1500-01-01T00:00:00Z"], 0,
           {"pagination": links("/v3/builds", "created_ats%5Blt%5D=1500-01-01T00%3A00%3A00Z&page={}&per_page=50", 1, 1, 2, 50),
            "resources": [old[1], old[2]]})
    # Apps named in the file exist even without resources; absent apps are 404.
    path = pathlib.Path(tmp) / "apps.json"
    path.write_text('{"apps": [{"guid": "lonely"}]}')
    expect("declared app without resources", ["--data", str(path), "/v3/apps/lonely/builds"], 0,
           {"pagination": links("/v3/apps/lonely/builds", "page={}&per_page=50", 1, 1, 0, 50), "resources": []})
    expect("undeclared app", ["--data", str(path), f"/v3/apps/{app}/builds"], 1,
           error_body("App not found", "CF-ResourceNotFound", 10010))

# Databases: a file filled by `listquery import` answers as memory does; bad databases exit 2.
if not engine:
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:{tmp}/cf.db"
        code, out, err = run("import", "--data", str(seeds_path), "--db", db)
        check("import into SQLite", code == 0 and out == "" and err == "", f"  exit {code}\n  stderr {err!r}")
        for target in ["/v3/packages?page=1&per_page=2", droplets_path + "?states=STAGED%2CFAILED&order_by=-created_at",
                       "/v3/builds?label_selector=example.com/team%3Dpayments", "/v3/apps/nope/droplets",
                       "/v3/droplets?page=0"]:
            want = run(*data, target)
            check(f"--db {target}", run("--db", db, target) == want and want[0] in (0, 1), f"  want {want}")
        code, out, err = run("import", "--data", str(seeds_path), "--db", db)
        check("import into a filled database", code == 2 and out == "" and err.startswith("listquery: SQLite:")
              and "already exists" in err and err.count("\n") == 1, f"  exit {code}\n  stderr {err!r}")
        (pathlib.Path(tmp) / "empty.db").touch()  # an empty file is an empty SQLite database
        empty = f"sqlite:{tmp}/empty.db"
        code, out, err = run("--db", empty, "/v3/packages")
        check("a database without the tables", code == 2 and out == "" and "no such table: packages" in err
              and err.count("\n") == 1, f"  exit {code}\n  stderr {err!r}")
    # The reference schema of each engine: the same tables and the same indexes (PostgreSQL's
    # say where NULLs go); anything else is a usage error.
    schemas = {e: run("schema", "--engine", e) for e in ["sqlite", "postgresql", "mariadb"]}
    indexes = {e: [line.replace(" NULLS FIRST", "") for line in out.splitlines() if line.startswith("CREATE INDEX")]
               for e, (code, out, err) in schemas.items()}
    tables = {e: [line for line in out.splitlines() if line.startswith("CREATE TABLE")] for e, (code, out, err) in schemas.items()}
    check("schema: every engine, the same tables and indexes",
          all(code == 0 and err == "" for code, out, err in schemas.values())
          and len(tables["sqlite"]) == 10 and tables["sqlite"] == tables["postgresql"] == tables["mariadb"]
          and len(indexes["sqlite"]) > 20 and indexes["sqlite"] == indexes["postgresql"] == indexes["mariadb"],
          f"  {tables}\n  {indexes}")
    check("schema: MariaDB's text is bytewise and trailing spaces count",
          "guid VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL UNIQUE" in schemas["mariadb"][1]
          and "ANALYZE" not in schemas["mariadb"][1], schemas["mariadb"][1][:400])
    code, out, err = run("schema", "--engine", "memory")
    check("schema: memory has none", code == 2 and out == "" and
          err.startswith("listquery: schema needs --engine sqlite, postgresql, mariadb or citus\n"), err)
    for name, args, needle in [
            ("unreachable PostgreSQL", ["--db", "postgresql:///x?host=/nonexistent", "/v3/packages"],
             "listquery: cannot connect to PostgreSQL: connection to server on socket"),
            ("missing SQLite file", ["--db", "sqlite:/nonexistent/cf.db", "/v3/packages"],
             "listquery: cannot open SQLite database /nonexistent/cf.db"),
            ("unreachable MariaDB", ["--db", "mariadb://root@localhost/x?socket=/nonexistent", "/v3/packages"],
             "listquery: cannot connect to MariaDB: Can't connect to local server through socket '/nonexistent'"),
            ("not a MariaDB URL", ["--db", "mariadb://x", "/v3/packages"], "listquery: not a MariaDB URL: `mariadb://x`"),
            ("a MariaDB URL with an unknown parameter", ["--db", "mariadb://h/db?sslmode=on", "/v3/packages"],
             "listquery: not a MariaDB URL"),
            ("--db without an engine", ["--db", "oracle://x", "/v3/packages"],
             "--db needs --engine sqlite, postgresql, mariadb or citus, or a sqlite:, postgresql:// or mariadb:// URL: oracle://x"),
            ("unknown engine", ["--engine", "oracle", "/v3/packages"], "--engine must be memory, sqlite, postgresql, mariadb or citus"),
            ("postgresql without --db", ["--engine", "postgresql", "/v3/packages"], "--engine postgresql needs --db"),
            ("mariadb without --db", ["--engine", "mariadb", "/v3/packages"], "--engine mariadb needs --db mariadb://"),
            ("mariadb with another --db", ["--engine", "mariadb", "--db", "sqlite:x.db", "/v3/packages"],
             "--engine mariadb needs --db mariadb://...: sqlite:x.db"),
            ("import into an unreachable MariaDB", ["import", "--db", "mariadb://root@localhost/x?socket=/nonexistent"],
             "listquery: cannot connect to MariaDB"),
            ("import without --db", ["import"], "import needs --db")]:
        code, out, err = run(*args)
        check(name, code == 2 and out == "" and err.startswith("listquery: ") and needle in err,
              f"  exit {code}\n  stdout {out!r}\n  stderr {err!r}")

# Keyset paging (docs/keyset.md), in every engine: follow `next` from page 1 and `previous` from
# `last` with --keyset-key; both walks give the whole order; a changed token is a 400.
with tempfile.TemporaryDirectory() as tmp:
    key = pathlib.Path(tmp) / "key"
    key.write_bytes(bytes(range(32)))
    keyed = ["--keyset-key", str(key), *data]
    base = "/v3/droplets?order_by=-created_at&per_page=1"
    code, out, _ = run(*data, "/v3/droplets?order_by=-created_at&per_page=5000")
    want = [d["guid"] for d in json.loads(out)["resources"]]

    def walk(target, link):
        seen, pages = [], 0
        while target and pages < 50:
            target = target.removeprefix(BASE)  # hrefs are absolute; the CLI takes the origin form
            code, out, err = run(*keyed, target)
            if code != 0:
                return None, f"exit {code} {out} {err}"
            body = json.loads(out)
            guids = [d["guid"] for d in body["resources"]]
            seen = seen + guids if link == "next" else guids + seen
            nxt = body["pagination"][link]
            target = nxt["href"] if nxt else None
            pages += 1
        return seen, body["pagination"]

    forward, last_pagination = walk(base, "next")
    check("keyset: next from page 1 walks the whole order", forward == want, f"  {forward}\n  want {want}")
    code, out, _ = run(*keyed, base)
    first = json.loads(out)["pagination"]
    check("keyset: page 1's links", first["total_results"] == len(want) and first["previous"] is None and
          "page_token=" in first["next"]["href"] and "page_token=" in first["last"]["href"] and
          first["first"]["href"] == BASE + "/v3/droplets?order_by=-created_at&page=1&per_page=1", str(first))
    backward, _ = walk(first["last"]["href"], "previous")
    check("keyset: previous from last walks the whole order", backward == want, f"  {backward}\n  want {want}")
    token = first["next"]["href"].split("page_token=")[1].split("&")[0]
    bad = token[:-1] + ("A" if token[-1] != "A" else "B")
    message = "Page token is invalid: it is damaged, expired, or was issued for another query"
    expect("keyset: a changed token", [*keyed, f"{base}&page_token={bad}"], 1,
           error_body("The query parameter is invalid: " + message, "CF-BadQueryParameter", 10005))
    expect("keyset: a token for another query", [*keyed, f"/v3/droplets?order_by=-created_at&per_page=2&page_token={token}"], 1,
           error_body("The query parameter is invalid: " + message, "CF-BadQueryParameter", 10005))
    expect("keyset: page and page_token", [*keyed, f"{base}&page=2&page_token={token}"], 1,
           error_body("The query parameter is invalid: Page and page_token cannot be used together", "CF-BadQueryParameter", 10005))
    other = pathlib.Path(tmp) / "other"
    other.write_bytes(bytes(range(1, 33)))
    code, out, err = run("--keyset-key", str(other), *data, f"{base}&page_token={token}")
    check("keyset: another key refuses the token", code == 1 and message in out, out)
    code, out, err = run("--keyset-key", str(other), "--keyset-previous-key", str(key), *data, f"{base}&page_token={token}")
    check("keyset: a previous key still accepts it", code == 0, f"{code} {out} {err}")
    short = pathlib.Path(tmp) / "short"
    short.write_bytes(b"too short")
    code, out, err = run("--keyset-key", str(short), *data, base)
    check("keyset: a short key is a usage error", code == 2 and out == "" and "needs at least 16 bytes" in err, err)
    code, out, err = run(*data, f"{base}&page_token={token}")
    check("keyset: without a key, page_token is unknown", code == 1 and "Unknown query parameter(s): 'page_token'" in out, out)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
