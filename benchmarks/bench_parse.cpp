// SPDX-License-Identifier: BSL-1.0
// Parsing speed of each query parameter on its own.
#include <listquery/listquery.hpp>

#include <benchmark/benchmark.h>

#include <string_view>

namespace {

constexpr std::string_view order_fields[] = {"created_at", "updated_at"};

void page(benchmark::State& state) {
    std::string_view const input = "1234";
    for (auto _ : state)
        benchmark::DoNotOptimize(listquery::parse_page(input));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
}
BENCHMARK(page);

void per_page(benchmark::State& state) {
    std::string_view const input = "5000";
    for (auto _ : state)
        benchmark::DoNotOptimize(listquery::parse_per_page(input));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
}
BENCHMARK(per_page);

void order_by(benchmark::State& state) {
    std::string_view const input = "-updated_at";
    for (auto _ : state)
        benchmark::DoNotOptimize(listquery::parse_order_by(input, order_fields));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
}
BENCHMARK(order_by);

void order_by_error(benchmark::State& state) {
    std::string_view const input = "-name";
    for (auto _ : state)
        benchmark::DoNotOptimize(listquery::parse_order_by(input, order_fields));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
}
BENCHMARK(order_by_error);

} // namespace

namespace {

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

void selector(benchmark::State& state, std::string const& input) {
    for (auto _ : state)
        benchmark::DoNotOptimize(listquery::parse_label_selector(input));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
    state.SetLabel(std::to_string(input.size()) + " bytes");
}
BENCHMARK_CAPTURE(selector, one, std::string("env=prod"));
BENCHMARK_CAPTURE(selector, four, std::string("env=prod,tier in (web,api),!deprecated,team!=ops"));
BENCHMARK_CAPTURE(selector, twenty, twenty_requirements());

// The same parses into a reused label_selector: no allocation.
void selector_reuse(benchmark::State& state, std::string const& input) {
    listquery::label_selector out;
    for (auto _ : state) {
        auto r = listquery::parse_label_selector(input, out);
        benchmark::DoNotOptimize(r);
        benchmark::DoNotOptimize(out.requirements.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
    state.SetLabel(std::to_string(input.size()) + " bytes");
}
BENCHMARK_CAPTURE(selector_reuse, one, std::string("env=prod"));
BENCHMARK_CAPTURE(selector_reuse, four, std::string("env=prod,tier in (web,api),!deprecated,team!=ops"));
BENCHMARK_CAPTURE(selector_reuse, twenty, twenty_requirements());

// Time per byte must stay flat from 1 KiB to 1 MiB: linear parsing.
void selector_values_scaling(benchmark::State& state) {
    std::string input = "k in (";
    while (input.size() < static_cast<std::size_t>(state.range(0)))
        input += "value,";
    input += "v)";
    selector(state, input);
}
BENCHMARK(selector_values_scaling)->RangeMultiplier(8)->Range(1 << 10, 1 << 20);

void selector_unbalanced_scaling(benchmark::State& state) {
    selector(state, std::string(static_cast<std::size_t>(state.range(0)), '('));
}
BENCHMARK(selector_unbalanced_scaling)->RangeMultiplier(8)->Range(1 << 10, 1 << 20);

void query(benchmark::State& state, std::string const& input) {
    for (auto _ : state)
        benchmark::DoNotOptimize(listquery::parse_list_query<listquery::cf::droplets>(input));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
    state.SetLabel(std::to_string(input.size()) + " bytes");
}
BENCHMARK_CAPTURE(query, six_parameters,
                  std::string("states=STAGED,FAILED&app_guids=a1b2c3&per_page=2&page=3&order_by=-created_at"
                              "&label_selector=env%3Dprod"));

void query_scaling(benchmark::State& state) {
    std::string input = "guids=";
    for (int i = 0; input.size() < static_cast<std::size_t>(state.range(0)); ++i)
        input += "guid-" + std::to_string(i) + "%2C";
    query(state, input);
}
BENCHMARK(query_scaling)->RangeMultiplier(8)->Range(1 << 10, 1 << 20);

} // namespace
