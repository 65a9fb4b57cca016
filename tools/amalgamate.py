#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Writes single_include/listquery/{listquery,json,sql,keyset}.hpp, sql/{sqlite,postgresql,mariadb}.hpp and
keyset/hmac_sha256.hpp from include/.

Each `#include <listquery/...>` is inlined once, depth-first, between `// begin file` and
`// end file` markers and inside an include guard of its own (so that two single headers that
both inline a file can be included together); a repeat becomes a comment. `#pragma once` and
SPDX lines are dropped;
Boost and standard includes pass through. The output holds no date or hash, so it is the same
on every machine.

    tools/amalgamate.py           regenerate the committed files
    tools/amalgamate.py --check   exit 1 if a committed file differs from what would be generated
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
INCLUDE = ROOT / "include"
OUTPUT = ROOT / "single_include" / "listquery"
INCLUDE_RE = re.compile(r"^\s*#\s*include\s*<(listquery/[^>]+)>")
# Each single header: its umbrella, and the umbrella it #includes instead of inlining (whose
# headers are then already there).
TARGETS = {"listquery.hpp": ("listquery/listquery.hpp", None),
           "json.hpp": ("listquery/json.hpp", "listquery/listquery.hpp"),
           "sql.hpp": ("listquery/sql.hpp", "listquery/listquery.hpp"),
           "sql/sqlite.hpp": ("listquery/sql/sqlite.hpp", "listquery/sql.hpp"),
           "sql/postgresql.hpp": ("listquery/sql/postgresql.hpp", "listquery/sql.hpp"),
           "sql/mariadb.hpp": ("listquery/sql/mariadb.hpp", "listquery/sql.hpp"),
           "keyset.hpp": ("listquery/keyset.hpp", "listquery/listquery.hpp"),
           "keyset/hmac_sha256.hpp": ("listquery/keyset/hmac_sha256.hpp", "listquery/keyset.hpp")}


def version():
    text = (INCLUDE / "listquery/version.hpp").read_text()
    parts = [re.search(rf"LISTQUERY_VERSION_{p} (\d+)", text).group(1)
             for p in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(parts)


def inline(name, seen, external, out):
    if name == external:
        out.append(f"#include <{name}>\n")
        return
    if name in seen:
        out.append(f"// #include <{name}> (already inlined)\n")
        return
    seen.add(name)
    # A guard per file: two single headers may both inline a file the umbrellas do not share.
    guard = "LISTQUERY_SINGLE_FILE_" + re.sub(r"[^A-Za-z0-9]", "_", name).upper()
    out.append(f"// begin file {name}\n#ifndef {guard}\n#define {guard}\n")
    for line in (INCLUDE / name).read_text().splitlines(keepends=True):
        match = INCLUDE_RE.match(line)
        if match:
            inline(match.group(1), seen, external, out)
        elif line.strip() != "#pragma once" and not line.startswith("// SPDX-License-Identifier"):
            out.append(line)
    out.append(f"#endif // {guard}\n// end file {name}\n")


def generate(umbrella, external):
    guard = "LISTQUERY_SINGLE_INCLUDE_" + umbrella.split("/")[-1].replace(".", "_").upper()
    out = [
        "// SPDX-License-Identifier: BSL-1.0\n",
        f"// listquery {version()}: GENERATED from include/ by tools/amalgamate.py. Do not edit.\n",
        f"#ifndef {guard}\n",
        f"#define {guard}\n",
    ]
    seen = set()
    if external:
        inline(external, seen, None, [])
    inline(umbrella, seen, external, out)
    out.append(f"#endif // {guard}\n")
    return "".join(out)


def main(argv):
    check = argv[1:] == ["--check"]
    if argv[1:] and not check:
        print(__doc__, file=sys.stderr)
        return 2
    stale = []
    for filename, (umbrella, external) in TARGETS.items():
        path = OUTPUT / filename
        text = generate(umbrella, external)
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(path.relative_to(ROOT))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    for path in stale:
        print(f"{path} is stale; run tools/amalgamate.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
