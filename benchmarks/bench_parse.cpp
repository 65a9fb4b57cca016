// SPDX-License-Identifier: BSL-1.0
// Parsing: each parameter kind alone, label selectors against the std::regex baseline, whole
// query strings (realistic ones from benchmarks/data/queries.txt). Linear time: bench_adversarial.cpp.
#include "alloc_counter.hpp"
#include "support/regex_selector.hpp"

#include <listquery/listquery.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#ifndef LISTQUERY_BENCH_DATA
#define LISTQUERY_BENCH_DATA "benchmarks/data"
#endif

namespace {

// Times `parse(input)` per iteration, with bytes/s and allocations per parse.
template <class Parse>
void timed(benchmark::State& state, std::string_view input, Parse parse) {
    bench::allocation_count allocs;
    for (auto _ : state)
        benchmark::DoNotOptimize(parse(input));
    allocs.report(state);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
    state.SetLabel(std::to_string(input.size()) + " bytes");
}

//------------------------------------------------ each parameter kind alone

constexpr std::string_view order_fields[] = {"created_at", "updated_at"};

void page(benchmark::State& state) { timed(state, "1234", listquery::parse_page); }
BENCHMARK(page);

void per_page(benchmark::State& state) { timed(state, "5000", listquery::parse_per_page); }
BENCHMARK(per_page);

void order_by(benchmark::State& state) {
    timed(state, "-updated_at", [](std::string_view s) { return listquery::parse_order_by(s, order_fields); });
}
BENCHMARK(order_by);

void order_by_error(benchmark::State& state) {
    timed(state, "-name", [](std::string_view s) { return listquery::parse_order_by(s, order_fields); });
}
BENCHMARK(order_by_error);

void timestamp(benchmark::State& state) {
    timed(state, "2024-06-01T12:30:00Z", [](std::string_view s) { return listquery::parse_timestamp(s, "created_ats"); });
}
BENCHMARK(timestamp);

void filter_list(benchmark::State& state) {
    timed(state, "STAGED, FAILED,COPYING", [](std::string_view s) { return listquery::filter_list_elements(s); });
}
BENCHMARK(filter_list);

//------------------------------------------------ label selectors

// The selectors of issue 7's comparison with the Kubernetes parser.
std::string twenty_requirements() {
    std::string s;
    for (int i = 0; i < 20; ++i) {
        std::string const key = "example.com/key-" + std::to_string(i);
        if (!s.empty())
            s += ',';
        switch (i % 4) {
        case 0: s += key + " in (alpha,beta,gamma,delta,epsilon)"; break;
        case 1: s += key + " notin (one,two,three)"; break;
        case 2: s += key + "=value-" + std::to_string(i); break;
        default: s += "!" + key; break;
        }
    }
    return s;
}

std::string const one = "env=prod";
std::string const four = "env=prod,tier in (web,api),!deprecated,team!=ops";
std::string const twenty = twenty_requirements();

// One-shot: a new label_selector per parse (one allocation for its requirements).
void selector(benchmark::State& state, std::string const& input) {
    timed(state, input, [](std::string_view s) { return listquery::parse_label_selector(s); });
}
BENCHMARK_CAPTURE(selector, one, one);
BENCHMARK_CAPTURE(selector, four, four);
BENCHMARK_CAPTURE(selector, twenty, twenty);

// Into a reused label_selector, as a server thread would: no allocation.
void selector_reuse(benchmark::State& state, std::string const& input) {
    listquery::label_selector out;
    timed(state, input, [&out](std::string_view s) {
        auto r = listquery::parse_label_selector(s, out);
        benchmark::DoNotOptimize(out.requirements.data());
        return r;
    });
}
BENCHMARK_CAPTURE(selector_reuse, one, one);
BENCHMARK_CAPTURE(selector_reuse, four, four);
BENCHMARK_CAPTURE(selector_reuse, twenty, twenty);

// BASELINE: the std::regex port of Cloud Controller's rules.
void baseline_regex_selector(benchmark::State& state, std::string const& input) {
    if (regex_port::parse(input).requirements.size() != listquery::parse_label_selector(input)->requirements.size())
        std::abort(); // both must accept it whole
    timed(state, input, [](std::string_view s) { return regex_port::parse(std::string(s)); });
}
BENCHMARK_CAPTURE(baseline_regex_selector, one, one);
BENCHMARK_CAPTURE(baseline_regex_selector, four, four);
BENCHMARK_CAPTURE(baseline_regex_selector, twenty, twenty);

//------------------------------------------------ whole query strings

void query(benchmark::State& state, std::string const& input) {
    timed(state, input, [](std::string_view s) { return listquery::parse_list_query<listquery::cf::droplets>(s); });
}
BENCHMARK_CAPTURE(query, six_parameters,
                  std::string("states=STAGED,FAILED&app_guids=a1b2c3&per_page=2&page=3&order_by=-created_at"
                              "&label_selector=env%3Dprod"));

struct realistic_query {
    listquery::endpoint const* endpoint;
    std::string text;
};

// benchmarks/data/queries.txt: "<endpoint> <query>" per line.
std::vector<realistic_query> const& realistic_queries() {
    static std::vector<realistic_query> const queries = [] {
        std::vector<realistic_query> out;
        std::ifstream in(LISTQUERY_BENCH_DATA "/queries.txt");
        namespace cf = listquery::cf;
        std::pair<std::string_view, listquery::endpoint const*> const endpoints[] = {
            {"packages", &cf::packages}, {"app_packages", &cf::app_packages}, {"droplets", &cf::droplets},
            {"app_droplets", &cf::app_droplets}, {"builds", &cf::builds}, {"app_builds", &cf::app_builds}};
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#')
                continue;
            auto const space = line.find(' ');
            for (auto const& [name, e] : endpoints)
                if (line.substr(0, space) == name)
                    out.push_back({e, line.substr(space + 1)});
        }
        for (auto const& q : out)
            if (!listquery::parse_list_query(q.text, *q.endpoint)) {
                std::fprintf(stderr, "queries.txt: not valid: %s\n", q.text.c_str());
                std::abort();
            }
        if (out.size() < 50) {
            std::fprintf(stderr, "queries.txt: expected 50 or more queries, found %zu\n", out.size());
            std::abort();
        }
        return out;
    }();
    return queries;
}

// All realistic queries, one after another; items are queries.
void realistic_queries_all(benchmark::State& state) {
    auto const& queries = realistic_queries();
    std::size_t bytes = 0;
    for (auto const& q : queries)
        bytes += q.text.size();
    bench::allocation_count allocs;
    for (auto _ : state)
        for (auto const& q : queries)
            benchmark::DoNotOptimize(listquery::parse_list_query(q.text, *q.endpoint));
    allocs.report(state);
    state.counters["allocs"] = state.counters["allocs"] / static_cast<double>(queries.size()); // per query
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * queries.size()));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    state.SetLabel(std::to_string(queries.size()) + " queries, " + std::to_string(bytes) + " bytes");
}
BENCHMARK(realistic_queries_all);

// Short, median and longest of the file, each on its own.
void realistic_query(benchmark::State& state) {
    auto queries = realistic_queries();
    std::sort(queries.begin(), queries.end(), [](auto const& a, auto const& b) { return a.text.size() < b.text.size(); });
    auto const& q = queries[static_cast<std::size_t>(state.range(0)) * (queries.size() - 1) / 2];
    timed(state, q.text, [&q](std::string_view s) { return listquery::parse_list_query(s, *q.endpoint); });
}
BENCHMARK(realistic_query)->Arg(0)->Arg(1)->Arg(2);

} // namespace
