#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""The CLI on Citus (docs/scaling.md#the-schema): `import --engine citus` distributes
the reference schema on a cluster's coordinator, and `--engine citus` then answers every request
with the bytes the in-memory engine gives over the same (embedded) dataset, keyset walks included.

    run_citus_tests.py PATH_TO_LISTQUERY COORDINATOR_DIR

COORDINATOR_DIR is the socket directory of the coordinator of tests/sql/citus_cluster.
Prints 'N passed, M failed' and exits 1 on any failure.
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

cli, coordinator = sys.argv[1], sys.argv[2]
url = f"postgresql:///postgres?host={coordinator}&port=5432&user=postgres"
citus = ["--engine", "citus", "--db", url]
passed = failed = 0


def run(*args):
    p = subprocess.run([cli, *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAILED: {name}\n{detail}")


def sql(statement):
    """One value from the coordinator, through psql (the distribution is Citus' own catalog)."""
    psql = sorted(pathlib.Path("/usr/lib/postgresql").glob("*/bin/psql"))[-1]
    p = subprocess.run([psql, "-h", coordinator, "-p", "5432", "-U", "postgres", "-d", "postgres", "-qAtX", "-c", statement],
                       capture_output=True, timeout=60)
    return p.stdout.decode().strip()


# The schema: PostgreSQL's tables, each resource table distributed by guid, its labels co-located.
code, distributed, err = run("schema", "--engine", "citus")
_, plain, _ = run("schema", "--engine", "postgresql")
tables = lambda text: [l for l in text.splitlines() if l.startswith("CREATE TABLE")]
check("schema: PostgreSQL's tables", code == 0 and err == "" and len(tables(distributed)) == 10
      and tables(distributed) == tables(plain), distributed[:600])
check("schema: no key but the guid's", "PRIMARY KEY" not in distributed and "    id bigint NOT NULL,\n" in distributed)
check("schema: distributed by guid, labels co-located",
      "SELECT create_distributed_table('droplets', 'guid');\n" in distributed and
      "SELECT create_distributed_table('droplet_labels', 'resource_guid', colocate_with => 'droplets');\n" in distributed,
      distributed)

# The import: one transaction, the tables distributed; a second refused.
code, out, err = run("import", *citus)
check("import", code == 0 and out == "" and err == "", f"  exit {code}\n  stderr {err!r}")
public = ("FROM pg_dist_partition AS p JOIN pg_class AS c ON c.oid = p.logicalrelid JOIN pg_namespace AS n ON "
          "n.oid = c.relnamespace WHERE n.nspname = 'public'")  # other tests keep schemas of their own
check("import: ten distributed tables", sql("SELECT count(*) " + public) == "10", sql("SELECT p.logicalrelid " + public))
pairs = re.findall(r"create_distributed_table\('(\w+)', 'resource_guid', colocate_with => '(\w+)'\)", distributed)
colocation = "(SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = '{}'::regclass)"
check("import: each labels table with its resources", len(pairs) == 5 and all(
    sql(f"SELECT {colocation.format(labels)} = {colocation.format(table)}") == "t" for labels, table in pairs), str(pairs))
check("import: the shards on both workers", sql("SELECT count(DISTINCT nodename) FROM citus_shards") == "2")
code, out, err = run("import", *citus)
check("import into a filled database", code == 2 and out == "" and err.count("\n") == 1
      and err.endswith(": cannot import: the database already has a table apps\n"), f"  exit {code}\n  stderr {err!r}")

# Every answer the bytes memory gives.
code, out, _ = run("/v3/apps?per_page=5000")
apps = [a["guid"] for a in json.loads(out)["resources"]]
targets = [
    "/v3/packages", "/v3/packages?page=2&per_page=3&order_by=-created_at", "/v3/packages?types=docker&order_by=updated_at",
    "/v3/droplets?states=STAGED%2CFAILED&order_by=-created_at&per_page=2",
    "/v3/droplets?label_selector=env%3Dproduction,tier+in+(web,api)",
    "/v3/droplets?label_selector=!env,tier+notin+(web)&per_page=3&page=2",
    "/v3/builds?label_selector=env%3Dproduction,tier+in+(web,api)&created_ats[gte]=2024-06-01T00:00:00Z&per_page=1",
    "/v3/builds?created_ats[lt]=2024-06-01T00:00:00Z&order_by=-updated_at&page=3&per_page=4",
    f"/v3/apps/{apps[0]}/droplets?states=STAGED%2CFAILED&page=1&per_page=2&order_by=-created_at",
    f"/v3/apps/{apps[-1]}/packages?per_page=1&page=2", "/v3/apps/nope/droplets",
    "/v3/packages?page=0&per_page=9000&order_by=name&colour=red", "/v3/droplets?page=99999&per_page=50",
]
for target in targets:
    want = run(target)
    check(f"citus = memory: {target}", run(*citus, target) == want, f"  want {want}\n  got  {run(*citus, target)}")

# Keyset walks: the same pages and the same tokens.
with tempfile.TemporaryDirectory() as tmp:
    key = pathlib.Path(tmp) / "key"
    key.write_bytes(bytes(range(32)))
    for link, start in [("next", "/v3/droplets?order_by=-created_at&per_page=2"), ("next", "/v3/builds?per_page=3")]:
        target, pages, same = start, 0, True
        while target and pages < 100 and same:
            want = run("--keyset-key", str(key), target)
            same = run("--keyset-key", str(key), *citus, target) == want and want[0] == 0
            following = json.loads(want[1])["pagination"][link] if same else None
            target = following["href"].removeprefix("http://127.0.0.1:8080") if following else None
            pages += 1
        check(f"keyset walk {start}: every page the same", same and pages > 1, f"  at page {pages}: {target}")

# What does not apply: --data (Citus cannot distribute temporary tables), no --db.
for name, args, needle in [
        ("--data", [*citus, "--data", "x.json", "/v3/packages"], "--engine citus answers from a distributed database"),
        ("no --db", ["--engine", "citus", "/v3/packages"], "--engine citus needs --db"),
        ("a MariaDB URL", ["--engine", "citus", "--db", "mariadb://x/y", "/v3/packages"], "--engine citus needs --db")]:
    code, out, err = run(*args)
    check(name, code == 2 and out == "" and err.startswith("listquery: ") and needle in err, f"  exit {code}\n  stderr {err!r}")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
