#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Writes docs/benchmarks.md from a Google Benchmark JSON file (run with repetitions and
aggregates) and a compile-cost JSON file, both written by `tools/run bench`.

    tools/bench_report.py BENCH_JSON COMPILE_JSON OUT_MD
"""
import json
import os
import sys

# The Kubernetes Go parser on this class of machine (issue 7), for the selector targets.
KUBERNETES_NS = {"one": 1150, "four": 4814, "twenty": 43646}
SELECTORS = {"one": "`env=prod`", "four": "`env=prod,tier in (web,api),!deprecated,team!=ops`",
             "twenty": "20 requirements, 707 bytes"}


def load(path):
    with open(path) as f:
        return json.load(f)


def medians(bench):
    """name -> the median's entry (time in ns)."""
    out = {}
    scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}
    for b in bench["benchmarks"]:
        single = b.get("run_type") == "iteration" and b.get("repetitions", 1) == 1  # run once, no aggregates
        if b.get("aggregate_name") != "median" and not single:
            continue
        entry = dict(b)
        entry["ns"] = b["real_time"] * scale[b["time_unit"]]
        out[b["run_name"]] = entry
    return out


def fmt_time(ns):
    if ns >= 1e9:
        return f"{ns / 1e9:.2f} s"
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.1f} ns"


def fmt_allocs(entry):
    a = entry.get("allocs")
    return "" if a is None else (f"{a:.0f}" if a >= 1 or a == 0 else f"{a:.3f}")


def ratio(slow, fast):
    return f"{slow / fast:,.1f}x"


def main():
    bench, compile_cost, out_path = load(sys.argv[1]), load(sys.argv[2]), sys.argv[3]
    m = medians(bench)
    ctx = bench["context"]
    lines = []
    w = lines.append

    w("# Benchmarks")
    w("")
    w("Written by `tools/run bench` from one run of `listquery_benchmarks` (Google Benchmark); do not")
    reps = next(b["repetitions"] for b in bench["benchmarks"]
                if "repetitions" in b and not b["name"].startswith("adversarial/"))
    w("edit by hand. Every number is the median of "
      f"{reps} repetitions; baselines ran in the same run on the same machine.")
    w("")
    w("| | |")
    w("|---|---|")
    w(f"| date | {ctx['date']} |")
    w(f"| machine | {compile_cost['cpu']}, {ctx['num_cpus']} cores, {ctx['mhz_per_cpu']} MHz |")
    w(f"| compiler | {compile_cost['compiler']} |")
    w(f"| flags | `{compile_cost['flags']}` (CMake Release) |")
    w(f"| libraries | Boost {compile_cost['boost']}, SQLite {compile_cost['sqlite']} (Debian bookworm) |")
    w("")
    w("Baselines live in `benchmarks/baselines/` and are not part of the library: a `std::regex` port")
    w("of Cloud Controller's selector rules, the naive pipeline (copy the matches, `std::stable_sort`,")
    w("slice) and SQLite in memory with an index on every sort and filter column. Before timing, each")
    w("pipeline benchmark checks that listquery (without an index, with a `sort_index`, with a")
    w("`resource_index`), the naive pipeline and SQLite return the same page and total.")
    w("")

    # Targets
    w("## Issue 7 targets")
    w("")
    w("| target | measured | met |")
    w("|---|---|---|")
    for key, limit in (("one", 55), ("four", 240), ("twenty", 2200)):
        once, reuse, regex = m[f"selector/{key}"]["ns"], m[f"selector_reuse/{key}"]["ns"], m[f"baseline_regex_selector/{key}"]["ns"]
        w(f"| selector {SELECTORS[key]}: at most {fmt_time(limit)} (Kubernetes {fmt_time(KUBERNETES_NS[key])} / 20) "
          f"| {fmt_time(reuse)} into a reused selector; {fmt_time(once)} one-shot "
          f"| {'yes' if reuse <= limit else 'no'} (reused); {'yes' if once <= limit else 'no'} (one-shot) |")
        w(f"| selector {SELECTORS[key]}: 20x faster than the std::regex port ({fmt_time(regex)}) "
          f"| {ratio(regex, once)} one-shot | {'yes' if regex / once >= 20 else 'no'} |")
    q = m["query/six_parameters"]["ns"]
    w(f"| whole 6-parameter query parsed and validated under 1 µs | {fmt_time(q)} | {'yes' if q < 1000 else 'no'} |")
    links = m["links"]["ns"]
    w(f"| links of one page (all four) under 2 µs | {fmt_time(links)} | {'yes' if links < 2000 else 'no'} |")
    n = 1000000
    ours = m[f"pipeline/page1_desc_created_at/{n}"]["ns"]
    naive = m[f"baseline_naive/page1_desc_created_at/{n}"]["ns"]
    w(f"| page 1 of 50 over 10^6, 5x faster than naive | {ratio(naive, ours)} ({fmt_time(ours)} vs {fmt_time(naive)}) "
      f"| {'yes' if naive / ours >= 5 else 'no'} |")
    worst = min(((m[f"baseline_naive/{case}/{n}"]["ns"] / best_ns(m, case, n), case) for case in pipeline_cases(m)))
    w(f"| every benchmarked query over 10^6 ({len(pipeline_cases(m))}), 5x faster than naive (with the indexes) "
      f"| {worst[0]:,.1f}x at the least (`{query_text(worst[1])}`) | {'yes' if worst[0] >= 5 else 'no'} |")
    slower, compared = [], 0
    for case in pipeline_cases(m):
        for size in SIZES:
            sqlite = m.get(f"baseline_sqlite/{case}/{size}")
            if not sqlite:
                continue
            compared += 1
            best = best_ns(m, case, size)
            if best >= sqlite["ns"]:
                slower.append(f"`{query_text(case)}` at n = {size:,} ({fmt_time(best)} vs {fmt_time(sqlite['ns'])})")
    w(f"| faster than SQLite in memory in every benchmarked query ({compared} query/size pairs) "
      f"| {'faster in every one' if not slower else 'slower in: ' + '; '.join(slower)} | {'yes' if not slower else 'no'} |")
    w("")

    # Parsing
    w("## Parsing")
    w("")
    w("| benchmark | median | throughput | allocations per parse |")
    w("|---|---|---|---|")
    for name, e in m.items():
        if name.split("/")[0] in ("page", "per_page", "order_by", "order_by_error", "timestamp", "filter_list", "selector",
                                  "selector_reuse", "baseline_regex_selector", "query", "realistic_query",
                                  "realistic_queries_all"):
            tput = f"{e['bytes_per_second'] / 1e6:,.0f} MB/s" if e.get("bytes_per_second") else ""
            label = f" ({e['label']})" if e.get("label") else ""
            w(f"| `{name}`{label} | {fmt_time(e['ns'])} | {tput} | {fmt_allocs(e)} |")
    w("")
    w("`realistic_query/0,1,2` are the shortest, median and longest of the 53 queries in")
    w("`benchmarks/data/queries.txt`; `realistic_queries_all` parses all of them (time for the 53).")
    w("")

    # Adversarial scaling
    w("## Adversarial scaling (issue 12)")
    w("")
    w("Each family of `tests/support/adversarial_queries.hpp` repeats one shape up to 1 KiB, 4 KiB, …,")
    w("4 MiB (the default `max_query_length`), and each case is timed as a server handles it: parse")
    w("(`cf::droplets`, every error collected), then serialize the JSON error envelope or build the")
    w("page's four links. Linear time shows as a flat time per byte: no size may cost more than 2x")
    w("the smallest's ns/byte (a fixed cost per query makes the smallest sizes the dearest per")
    w("byte). `response/byte` is the size of the envelope or links over the query's at 4 MiB. The")
    w("benchmark binary keeps freed memory for reuse (`mallopt`), as a long-running server's heap")
    w("does, so the largest sizes are not charged fresh pages on every iteration. List families marked")
    w("* run without the 5,000-element limit. Median of 3 repetitions.")
    w("")
    w("| family | what it repeats | ns/byte at 1 KiB · 4 KiB · … · 4 MiB | worst / 1 KiB | errors at 4 MiB | response/byte |")
    w("|---|---|---|---|---|---|")
    worst_family = (0, "")
    families = {}  # name -> [(size, entry)], in the run's order
    for k, e in m.items():
        if k.startswith("adversarial/"):
            families.setdefault(k.split("/")[1], []).append((int(k.split("/")[2]), e))
    for name, rows in families.items():
        rows.sort(key=lambda row: row[0])
        per_byte = [1e9 / e["bytes_per_second"] for _, e in rows]
        growth = max(per_byte) / per_byte[0]
        worst_family = max(worst_family, (growth, name))
        last = rows[-1][1]
        w(f"| `{name}`{' *' if last['unlimited_lists'] else ''} | {last['label']} | {' · '.join(f'{v:.2f}' for v in per_byte)} "
          f"| {growth:.2f} | {last['errors']:,.0f} | {last['response_per_byte']:.2f} |")
    w("")
    w(f"Largest growth: {worst_family[0]:.2f}x (`{worst_family[1]}`); the target is at most 2x: "
      f"{'met' if worst_family[0] <= 2 else 'NOT met'}.")
    w("")

    # Pipeline
    w("## Pipeline")
    w("")
    w(f"Over 10^6 droplets (`tests/support/droplet_dataset.hpp`), per_page 50 unless the query says otherwise.")
    w("`listquery` is `apply` with a reused `sort_buffer`; `sort_index` passes a `sort_index` of the")
    w("query's order_by field; `resource_index` passes one index of every sort and filter field")
    w("(`created_at`, `updated_at`; `states`, `app_guids`, `label_selector`), the indexes SQLite has.")
    w("Allocations are per query.")
    w("")
    w("| query | listquery | sort_index | resource_index | naive | SQLite | naive / best | SQLite / best |")
    w("|---|---|---|---|---|---|---|---|")
    for case in pipeline_cases(m):
        row = {who: m.get(f"{who}/{case}/{n}") for who in VARIANTS + BASELINES}
        best = best_ns(m, case, n)
        cell = lambda e: f"{fmt_time(e['ns'])}" + (f" ({fmt_allocs(e)} alloc)" if e and e.get("allocs") is not None else "") if e else "—"
        w(f"| `{query_text(case)}` | " + " | ".join(cell(row[who]) for who in VARIANTS + BASELINES)
          + f" | {ratio(row['baseline_naive']['ns'], best)} "
          f"| {ratio(row['baseline_sqlite']['ns'], best) if row['baseline_sqlite'] else '—'} |")
    w("")
    for case in ("page1_desc_created_at", "unselective_filter"):
        w(f"`{query_text(case)}` by size:")
        w("")
        w("| n | listquery | sort_index | resource_index | naive | SQLite |")
        w("|---|---|---|---|---|---|")
        for size in SIZES:
            if f"pipeline/{case}/{size}" not in m:
                continue
            cells = [fmt_time(m[k]["ns"]) if k in m else "—"
                     for k in (f"{who}/{case}/{size}" for who in VARIANTS + BASELINES)]
            w(f"| {size:,} | " + " | ".join(cells) + " |")
        w("")

    sql_section(m, os.path.dirname(os.path.abspath(sys.argv[1])), w)
    depth_section(m, w)
    citus_section(m, w)
    load_section(os.path.dirname(os.path.abspath(sys.argv[1])), w)

    # Rendering
    w("## Links, JSON and the whole request")
    w("")
    w("| benchmark | median | allocations |")
    w("|---|---|---|")
    for name, what in (("links", "`make_pagination`: all four hrefs of a page whose query echoes 2 filters, order_by and a selector"),
                       ("json_page", "JSON body of a 50-resource page from texts rendered at load (`list_body`), into one string"),
                       ("json_page_buffers", "the same body as pieces for a gathered write (`list_body::buffers`), nothing copied"),
                       ("json_page_dom", "the same body the DOM way: resources copied into a `boost::json::array`, serialized"),
                       ("end_to_end/droplets_by_state", "CLI path: `/v3/droplets?states=STAGED%2CFAILED&order_by=-created_at&per_page=50` → body"),
                       ("end_to_end/builds_by_label", "CLI path: `/v3/builds?label_selector=…&per_page=50` → body")):
        e = m[name]
        w(f"| {what} | {fmt_time(e['ns'])} | {fmt_allocs(e)} |")
    w("")
    json_ns = m["json_page"]["ns"] / 1000
    w(f"Issue 15's goal, the JSON body of a 50-resource page in at most 10 µs: {json_ns:.1f} µs, "
      f"{'met' if json_ns <= 10 else 'not met'}.")
    w("")

    # Compile cost
    w("## Compile cost")
    w("")
    w(f"`{compile_cost['command']}`, median of {compile_cost['repetitions']} runs:")
    w("")
    w("| translation unit | file | wall time | peak memory | / Boost.URL only |")
    w("|---|---|---|---|---|")
    url_only = next(tu for tu in compile_cost["units"] if "boost_url_only" in tu["file"])["seconds"]
    for tu in compile_cost["units"]:
        flags = f" `{tu['flags']}`" if tu.get("flags") else ""
        w(f"| {tu['what']} | `{tu['file']}`{flags} | {tu['seconds']:.2f} s | {tu['max_rss_kb'] / 1024:.0f} MiB "
          f"| {tu['seconds'] / url_only:.1f}x |")
    w("")
    separate = next(tu for tu in compile_cost["units"] if tu.get("flags"))["seconds"]
    w(f"Issue 13's goal, a translation unit that parses, applies and builds links in at most 2x the Boost.URL-only "
      f"one in separate mode: {separate / url_only:.1f}x, {'met' if separate <= 2 * url_only else 'not met'}. The units "
      "declare the widget pipeline `extern template` (`benchmarks/compile_cost/widget.hpp`; "
      "docs/building.md#explicit-instantiation), and in separate mode the links too are compiled once.")
    w("")
    with open(out_path, "w") as f:
        f.write("\n".join(lines))


def depth_section(m, w):
    """Keyset against offset paging at page 1 and page 10,000 (docs/keyset.md)."""
    w("## Keyset paging: page 1 against page 10,000")
    w("")
    w("10^6 droplets ordered by `-created_at`, 50 per page; page 10,000 starts at offset 499,950. Offset paging")
    w("reads `page=N`; keyset paging reads the page after the previous page's last resource (the `next` token's")
    w("cursor), so keyset page 2 is the first read from a cursor and 10,000 against 2 compares like with like.")
    w("Each page includes its exact total (one count over the matches), as the response needs it.")
    w("In memory without an index both take one pass over the container and keep, in order, only the matches")
    w("that can be on the page or before it (offset page 10,000: half a million; a keyset page: 50 past its")
    w("cursor); with a `sort_index` of `created_at`")
    w("offset paging walks the index to the page and keyset paging finds the cursor by binary search; in SQL")
    w("the keyset page is a row-value comparison on the `(created_at, guid)` index with no OFFSET (written out")
    w("on MariaDB, docs/sql.md#mariadb). The SQL")
    w("keyset pages are measured on a connection of their own, which has run no deep offset read.")
    w("")
    w("| store | offset, page 1 | offset, page 10,000 | keyset, page 1 | keyset, page 2 | keyset, page 10,000 "
      "| keyset 10,000 / 1 | keyset 10,000 / 2 |")
    w("|---|---|---|---|---|---|---|---|")
    stores = (("memory", "pipeline_depth"), ("memory, `sort_index`", "pipeline_depth_indexed"),
              ("SQLite", "sql_depth/sqlite"), ("PostgreSQL", "sql_depth/postgresql"), ("MariaDB", "sql_depth/mariadb"))
    for store, prefix in stores:
        keys = [f"{prefix}/offset/{p}" for p in (1, 10000)] + [f"{prefix}/keyset/{p}" for p in (1, 2, 10000)]
        if not all(k in m for k in keys):
            continue
        ns = [m[k]["ns"] for k in keys]
        w(f"| {store} | " + " | ".join(fmt_time(x) for x in ns) + f" | {ns[4] / ns[2]:.2f}x | {ns[4] / ns[3]:.2f}x |")
    w("")
    w("In SQL the count is the same statement at every depth and most of a page's time. Without it, the")
    w("statements that read from the cursor (the page, and the check for rows on the cursor's other side):")
    w("")
    w("| store | page 1 | page 2 | page 10,000 | 10,000 / 2 |")
    w("|---|---|---|---|---|")
    for store, prefix in stores[2:]:
        keys = [f"{prefix}/keyset_statements/{p}" for p in (1, 2, 10000)]
        if not all(k in m for k in keys):
            continue
        ns = [m[k]["ns"] for k in keys]
        w(f"| {store} | " + " | ".join(fmt_time(x) for x in ns) + f" | {ns[2] / ns[1]:.2f}x |")
    w("")


CITUS_ROWS = (
    ("import: tables, 10^6 rows, distribution, indexes, VACUUM ANALYZE", "sql_import/{}/"),
    ("page 1, `order_by=-created_at`", "sql/{}/page1_desc_created_at/listquery"),
    ("offset page 1 of the depth query", "sql_depth/{}/offset/1"),
    ("offset page 10,000 (offset 499,950)", "sql_depth/{}/offset/10000"),
    ("keyset page 10,000", "sql_depth/{}/keyset/10000"),
    ("keyset page 1, without the count", "sql_depth/{}/keyset_statements/1"),
    ("keyset page 10,000, without the count", "sql_depth/{}/keyset_statements/10000"),
    ("`label_selector=env=prod,team in (t1,t2)`", "sql/{}/label_selector/listquery"),
    ("`/v3/apps/app-7/droplets?order_by=-created_at` (scoped)", "sql_scoped/{}/app_page"),
    ("`states=EXPIRED&app_guids=app-7` (selective)", "sql/{}/selective_filter/listquery"),
)


def citus_rows(m):
    """(label, PostgreSQL ns, Citus ns) for each row of the Citus table that was measured."""
    out = []
    for label, key in CITUS_ROWS:
        found = [next((e["ns"] for name, e in m.items() if name.startswith(key.format(engine))), None)
                 for engine in ("postgresql", "citus")]
        if all(found):
            out.append((label, *found))
    return out


def citus_section(m, w):
    """Citus (a coordinator and two workers on this machine) against single-node PostgreSQL."""
    rows = citus_rows(m)
    if not rows:
        return
    w("## SQL: Citus against one PostgreSQL")
    w("")
    w("The same 10^6 droplets on a Citus 13.2 cluster on this machine (a coordinator and two workers, 32 shards per")
    w("table, `tests/sql/citus_cluster`) and on one PostgreSQL 15; docs/scaling.md explains the plans.")
    w("")
    w("| statement | PostgreSQL | Citus | Citus / PostgreSQL |")
    w("|---|---|---|---|")
    for label, pg, citus in rows:
        w(f"| {label} | {fmt_time(pg)} | {fmt_time(citus)} | {citus / pg:.1f}x |")
    w("")


def load_section(out_dir, w):
    """HTTP load: listquery-server against nginx serving the same bytes (tools/bench_load.py)."""
    with open(os.path.join(out_dir, "load.json")) as f:
        load = json.load(f)
    w("## HTTP load: listquery-server against nginx")
    w("")
    w(f"`tools/bench_load.py`: `{load['command']}` on loopback against listquery-server (embedded demo data, "
      f"{load['threads']} threads) and against nginx (nginx-light, {load['threads']} workers, `sendfile on`, its own "
      f"config in a temp dir) serving the very bytes the server returned, as a static file; one after the other, "
      f"on {load['cores']} cores shared with wrk.")
    w("")
    w("| request | body | connections | listquery req/s | p50 | p99 | errors | nginx req/s | p50 | p99 | errors | ratio |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|")
    us = lambda s: f"{s * 1e6:,.0f} µs" if s < 1e-3 else f"{s * 1e3:.2f} ms"
    for r in load["rows"]:
        o, n = r["listquery"], r["nginx"]
        w(f"| {r['request']} | {r['body_bytes']:,} B | {r['connections']} | {o['requests_per_second']:,.0f} | "
          f"{us(o['p50_seconds'])} | {us(o['p99_seconds'])} | {o['errors']} | {n['requests_per_second']:,.0f} | "
          f"{us(n['p50_seconds'])} | {us(n['p99_seconds'])} | {n['errors']} | {r['ratio']:.2f}x |")
    w("")
    goals = (("50 droplets by state", "the 50-resource page", 0.5), ("2 droplets", "the 2-resource page", 0.7))
    for name, what, goal in goals:
        ratios = [r["ratio"] for r in load["rows"] if r["request"] == name]
        w(f"- Issue 15's goal, {what} at ≥ {goal}x nginx's requests/s: "
          f"{', '.join(f'{x:.2f}x' for x in ratios)} at {' and '.join(str(c) for c in sorted({r['connections'] for r in load['rows']}))} "
          f"connections, {'met' if min(ratios) >= goal else 'not met'}.")
    errors = sum(r["listquery"]["errors"] for r in load["rows"])
    w(f"- Errors from listquery-server over every run: {errors}.")
    w("")


def sql_section(m, out_dir, w):
    """The SQL engines: import, listquery's SQL beside hand-written SQL, query plans, the CLI."""
    w("## SQL: SQLite, PostgreSQL and MariaDB")
    w("")
    w("10^6 droplets with 2 labels each in the example's reference schema (`listquery schema`, derived from `examples/cf_api/kinds/`),")
    w("SQLite in a file, PostgreSQL 15 and MariaDB 10.11 (a 4 GiB buffer pool) each a throwaway server on a")
    w("Unix socket. Each query is compiled by")
    w("`sql::compile` and run by the executor (page and count, exact), beside the statements a person")
    w("would write for the same query on the same database (`benchmarks/bench_sql.cpp`: literal values, the")
    w("`NULLS` clause the indexes serve); the benchmark first checks that both give the same page and total.")
    w("")
    for engine in ENGINES:
        imp = next((e for name, e in m.items() if name.startswith(f"sql_import/{engine}/")), None)
        if imp:
            w(f"- Import into {engine} (tables, 10^6 rows and 2x10^6 labels, then indexes and ANALYZE): "
              f"{imp['ns'] / 1e9:.1f} s.")
    w("")
    w("| query | SQLite: listquery | hand-written | ratio | PostgreSQL: listquery | hand-written | ratio "
      "| MariaDB: listquery | hand-written | ratio |")
    w("|---|---|---|---|---|---|---|---|---|---|")
    worst = 0.0
    for case in QUERIES:
        cells = []
        for engine in ENGINES:
            ours, theirs = m.get(f"sql/{engine}/{case}/listquery"), m.get(f"sql/{engine}/{case}/hand_written")
            if ours and theirs:
                r = ours["ns"] / theirs["ns"]
                worst = max(worst, r)
                cells += [fmt_time(ours["ns"]), fmt_time(theirs["ns"]), f"{r:.2f}"]
            else:
                cells += ["—", "—", "—"]
        if any(c != "—" for c in cells):
            w(f"| `{query_text(case)}` | " + " | ".join(cells) + " |")
    w("")
    w(f"Largest ratio: {worst:.2f}; issue 14's goal is at most 1.2: {'met' if worst <= 1.2 else 'NOT met'}.")
    w("")
    for engine, case in (("sqlite", "page1_desc_created_at"), ("sqlite", "label_selector"),
                         ("postgresql", "page1_desc_created_at"), ("postgresql", "selective_filter"),
                         ("mariadb", "unselective_filter"), ("mariadb", "label_selector")):
        path = os.path.join(out_dir, f"plans-{engine}.txt")
        if not os.path.exists(path):
            continue
        blocks = open(path).read().split("-- ")
        plan = [b for b in blocks if b.startswith(case + "\n")]
        if plan:
            w(f"{engine} plan of `{query_text(case)}` (page statement, then count):")
            w("")
            w("```text")
            for b in plan:
                w(b.split("\n", 1)[1].strip())  # without the case's name
            w("```")
            w("")
    cli_path = os.path.join(out_dir, "cli.json")
    if os.path.exists(cli_path):
        cli = json.load(open(cli_path))
        w(f"The CLI end to end (process start to body printed, median), over the same 10^6 droplets: from the")
        w(f"SQLite file ({cli['db_bytes'] / 2**20:.0f} MiB) with `--db sqlite:PATH`, and from the same data as a")
        w(f"JSON file ({cli['data_bytes'] / 2**20:.0f} MiB) with `--data`; both print the same bytes.")
        w("")
        w("| target | `--db sqlite:PATH` | `--data FILE` |")
        w("|---|---|---|")
        for row in cli["rows"]:
            w(f"| `{row['target']}` | {row['sqlite_s'] * 1000:.1f} ms | {row['json_s']:.2f} s |")
        first = cli["rows"][0]["sqlite_s"] * 1000
        w("")
        w(f"Issue 14's goal, page 1 by `-created_at` in under 10 ms through the CLI: {first:.1f} ms, "
          f"{'met' if first < 10 else 'NOT met'}.")
        w("")


QUERIES = {
    "page1_desc_created_at": "order_by=-created_at&per_page=50",
    "page1_asc_created_at": "order_by=created_at&per_page=50",
    "page1_desc_updated_at": "order_by=-updated_at&per_page=50",
    "page1_asc_updated_at": "order_by=updated_at&per_page=50",
    "selective_filter": "states=EXPIRED&app_guids=app-7&order_by=-created_at",
    "unselective_filter": "states=STAGED,FAILED,COPYING&order_by=-created_at",
    "label_selector": "label_selector=env=prod,team in (t1,t2)&order_by=-created_at",
    "deep_page": "states=STAGED,FAILED&order_by=updated_at&per_page=100&page=500",
    "container_order_selector": "label_selector=env=prod,team in (t1,t2)",
}


SIZES = (1000, 10000, 100000, 1000000, 10000000)
VARIANTS = ("pipeline", "pipeline_indexed", "pipeline_resource_index")
BASELINES = ("baseline_naive", "baseline_sqlite")
ENGINES = ("sqlite", "postgresql", "mariadb")


def best_ns(m, case, size):
    """The fastest listquery variant for one query and size."""
    return min(m[f"{who}/{case}/{size}"]["ns"] for who in VARIANTS if f"{who}/{case}/{size}" in m)


def pipeline_cases(m):
    return [c for c in QUERIES if f"pipeline/{c}/1000000" in m]


def query_text(case):
    return QUERIES[case]


if __name__ == "__main__":
    main()
