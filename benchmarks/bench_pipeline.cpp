// SPDX-License-Identifier: BSL-1.0
// The pipeline against the naive copy + filter loops + std::stable_sort + slice, in one run.
#include <listquery/listquery.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace bench {

using micros = std::chrono::sys_time<std::chrono::microseconds>;

struct droplet {
    std::string guid;
    std::string state;
    std::string app_guid;
    micros created_at;
    micros updated_at;
    std::vector<std::pair<std::string, std::string>> labels;
};

constexpr auto listquery_fields(listquery::tag<droplet>) {
    return listquery::fields(
        listquery::guid_field(&droplet::guid),
        listquery::timestamp_field("created_ats", &droplet::created_at).sortable("created_at"),
        listquery::timestamp_field("updated_ats", &droplet::updated_at).sortable("updated_at"),
        listquery::list_field("app_guids", &droplet::app_guid), listquery::list_field("states", &droplet::state),
        listquery::labels_field(&droplet::labels));
}

constexpr auto& E = listquery::cf::droplets;

std::vector<droplet> const& dataset(std::size_t n) {
    static std::vector<std::pair<std::size_t, std::vector<droplet>>> cache;
    for (auto const& [size, data] : cache)
        if (size == n)
            return data;
    std::mt19937_64 rng(42);
    std::vector<droplet> data(n);
    char const* const states[] = {"STAGED", "FAILED", "COPYING", "EXPIRED"};
    for (std::size_t i = 0; i < n; ++i) {
        auto& d = data[i];
        char guid[40];
        std::snprintf(guid, sizeof guid, "%08llx-0000-4000-8000-%012llx", static_cast<unsigned long long>(rng() >> 32),
                      static_cast<unsigned long long>(i));
        d.guid = guid;
        d.state = states[rng() % 4];
        d.app_guid = "app-" + std::to_string(rng() % 100);
        // ~3 years of creation times at microsecond precision; some share a second.
        d.created_at = micros(std::chrono::microseconds(1'600'000'000'000'000LL + static_cast<long long>(rng() % 100'000'000'000'000ULL)));
        d.updated_at = d.created_at + std::chrono::seconds(rng() % 1000);
        d.labels = {{"env", rng() % 2 ? "prod" : "dev"}, {"team", "t" + std::to_string(rng() % 10)}};
    }
    cache.emplace_back(n, std::move(data));
    return cache.back().second;
}

listquery::list_query parse(std::string_view s) {
    auto q = listquery::parse_list_query<E>(s);
    if (!q)
        std::abort();
    return std::move(*q);
}

// The baseline: what one writes without listquery. Same semantics, the obvious way.
std::vector<droplet> naive(std::vector<droplet> const& data, listquery::list_query const& q) {
    auto const* states = q.filter("states");
    std::vector<droplet> copy;
    for (auto const& d : data)
        if (!states || std::find(states->values.begin(), states->values.end(), d.state) != states->values.end())
            copy.push_back(d);
    if (q.order) {
        bool const created = q.order->field == "created_at";
        std::stable_sort(copy.begin(), copy.end(), [created](droplet const& a, droplet const& b) {
            auto const x = created ? a.created_at : a.updated_at, y = created ? b.created_at : b.updated_at;
            return x != y ? x < y : a.guid < b.guid;
        });
        if (q.order->dir == listquery::direction::desc)
            std::reverse(copy.begin(), copy.end());
    }
    auto const begin = std::min(copy.size(), static_cast<std::size_t>((q.page - 1) * q.per_page));
    auto const end = std::min(copy.size(), begin + static_cast<std::size_t>(q.per_page));
    return {copy.begin() + static_cast<std::ptrdiff_t>(begin), copy.begin() + static_cast<std::ptrdiff_t>(end)};
}

// Both give the same page, or the benchmark refuses to run.
void check_same(std::vector<droplet> const& data, listquery::list_query const& q) {
    auto const page = listquery::apply<E>(q, data);
    auto const want = naive(data, q);
    bool same = page.resources.size() == want.size();
    for (std::size_t i = 0; same && i < want.size(); ++i)
        same = page.resources[i]->guid == want[i].guid;
    if (!same) {
        std::fprintf(stderr, "listquery and the naive pipeline disagree\n");
        std::abort();
    }
}

void pipeline(benchmark::State& state, std::string_view query) {
    auto const& data = dataset(static_cast<std::size_t>(state.range(0)));
    auto const q = parse(query);
    if (!q.selector) // the baseline filters on states only
        check_same(data, q);
    listquery::sort_buffer<droplet> buffer;
    for (auto _ : state)
        benchmark::DoNotOptimize(listquery::apply<E>(q, data, buffer));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

void baseline_naive(benchmark::State& state, std::string_view query) {
    auto const& data = dataset(static_cast<std::size_t>(state.range(0)));
    auto const q = parse(query);
    for (auto _ : state)
        benchmark::DoNotOptimize(naive(data, q));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

BENCHMARK_CAPTURE(pipeline, page1_desc_created_at, "order_by=-created_at&per_page=50")
    ->RangeMultiplier(10)->Range(1000, 1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(baseline_naive, page1_desc_created_at, "order_by=-created_at&per_page=50")
    ->RangeMultiplier(10)->Range(1000, 1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pipeline, deep_page_states, "order_by=updated_at&per_page=100&page=500&states=STAGED,FAILED")
    ->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(baseline_naive, deep_page_states, "order_by=updated_at&per_page=100&page=500&states=STAGED,FAILED")
    ->Arg(1'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(pipeline, container_order_selector, "label_selector=env%3Dprod,team+in+(t1,t2)&per_page=50")
    ->Arg(1'000'000)->Unit(benchmark::kMillisecond);

} // namespace bench
