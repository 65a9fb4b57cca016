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
