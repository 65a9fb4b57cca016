#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Times the compile-cost translation units (benchmarks/compile_cost/) and describes the machine;
writes JSON for tools/bench_report.py.

    tools/compile_cost.py OUT_JSON REPETITIONS
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time

COMPILER = "g++-12"
FLAGS = "-std=c++20 -O3 -DNDEBUG"
# (what, file, extra flags). The separate case links listquery::separate in a real program: its
# own translation units compile no parser internals.
UNITS = [("parse, apply, links; header-only", "benchmarks/compile_cost/parse_apply_links.cpp", []),
         ("parse, apply, links; separate compilation", "benchmarks/compile_cost/parse_apply_links.cpp",
          ["-DLISTQUERY_SEPARATE_COMPILATION"]),
         ("apply and links only (no parser included)", "benchmarks/compile_cost/pipeline_only.cpp", []),
         ("Boost.URL only (parse_query)", "benchmarks/compile_cost/boost_url_only.cpp", [])]


def first_line(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout.splitlines()[0].strip()


def main():
    out, reps = sys.argv[1], int(sys.argv[2])
    units = []
    for what, unit, extra in UNITS:
        seconds, rss = [], []
        for _ in range(reps):
            start = time.monotonic()
            child = subprocess.Popen([COMPILER, *FLAGS.split(), *extra, "-Iinclude", "-c", unit, "-o", os.devnull])
            _, status, usage = os.wait4(child.pid, 0)  # this compiler's own peak memory
            seconds.append(time.monotonic() - start)
            if status != 0:
                sys.exit(f"compile_cost: {unit} did not compile")
            rss.append(usage.ru_maxrss)
        units.append({"what": what, "file": unit, "flags": " ".join(extra), "seconds": statistics.median(seconds),
                      "max_rss_kb": max(rss)})
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/usr/include/boost/version.hpp") as f:
        boost = re.search(r'BOOST_LIB_VERSION "([0-9_]+)"', f.read()).group(1).replace("_", ".")
    sqlite = first_line("grep -m1 'define SQLITE_VERSION ' /usr/include/sqlite3.h").split('"')[1]
    json.dump({"repetitions": reps, "command": f"{COMPILER} {FLAGS} -Iinclude -c FILE", "units": units, "cpu": cpu,
               "compiler": first_line(f"{COMPILER} --version"), "flags": "-O3 -DNDEBUG -std=c++20",
               "boost": boost, "sqlite": sqlite}, open(out, "w"), indent=1)


if __name__ == "__main__":
    main()
