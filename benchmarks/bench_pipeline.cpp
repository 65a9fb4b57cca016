// SPDX-License-Identifier: BSL-1.0
// The pipeline (without an index, with a sort_index, with a resource_index) against the
// baselines — the naive copy + filter + std::stable_sort + slice, and SQLite in memory with
// indexes — on the same data, same query, same run. Every variant's page is checked equal before
// anything is timed.
#include "alloc_counter.hpp"
#include "baselines/naive_pipeline.hpp"
#include "baselines/sqlite_pipeline.hpp"
#include "support/droplet_dataset.hpp"

#include <listquery/keyset.hpp>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace bench {

using namespace droplet_dataset;
namespace {

struct query_case {
    char const* name;
    char const* query;
    bool sweep; // run for every n, not only the largest
};

constexpr query_case cases[] = {
    {"page1_desc_created_at", "order_by=-created_at&per_page=50", true},
    {"page1_asc_created_at", "order_by=created_at&per_page=50", false},
    {"page1_desc_updated_at", "order_by=-updated_at&per_page=50", false},
    {"page1_asc_updated_at", "order_by=updated_at&per_page=50", false},
    {"selective_filter", "states=EXPIRED&app_guids=app-7&order_by=-created_at&per_page=50", false},
    {"unselective_filter", "states=STAGED,FAILED,COPYING&order_by=-created_at&per_page=50", true},
    {"label_selector", "label_selector=env%3Dprod,team+in+(t1,t2)&order_by=-created_at&per_page=50", false},
    {"deep_page", "states=STAGED,FAILED&order_by=updated_at&per_page=100&page=500", false},
    {"container_order_selector", "label_selector=env%3Dprod,team+in+(t1,t2)&per_page=50", false},
};

// 10^7 (about 5 GB of droplets, indexes and SQLite) only for the cases that sweep every size.
constexpr std::size_t sizes[] = {1'000, 10'000, 100'000, 1'000'000, 10'000'000};
constexpr std::size_t largest_for_every_case = 1'000'000;

template <class Owner, class Make>
Owner& cached(std::map<std::pair<std::size_t, std::string>, std::unique_ptr<Owner>>& cache, std::size_t n,
              std::string const& key, Make make) {
    auto& slot = cache[{n, key}];
    if (!slot)
        slot = make();
    return *slot;
}

listquery::sort_index<droplet> const& index_of(std::size_t n, std::string const& field) {
    static std::map<std::pair<std::size_t, std::string>, std::unique_ptr<listquery::sort_index<droplet>>> cache;
    return cached(cache, n, field, [&] { return std::make_unique<listquery::sort_index<droplet>>(listquery::sort_index<droplet>::make(dataset(n), field).value()); });
}

// The indexes a user would create, as for SQLite: every sort column and every filter column.
listquery::index_fields const indexed_fields{{"created_at", "updated_at"}, {"states", "app_guids", "label_selector"}};

listquery::resource_index<droplet> const& resource_index_of(std::size_t n) {
    static std::map<std::pair<std::size_t, std::string>, std::unique_ptr<listquery::resource_index<droplet>>> cache;
    return cached(cache, n, "", [&] { return std::make_unique<listquery::resource_index<droplet>>(listquery::resource_index<droplet>::make(dataset(n), indexed_fields).value()); });
}

baseline::sqlite_droplets& sqlite_of(std::size_t n) {
    static std::map<std::pair<std::size_t, std::string>, std::unique_ptr<baseline::sqlite_droplets>> cache;
    return cached(cache, n, "", [&] { return std::make_unique<baseline::sqlite_droplets>(dataset(n)); });
}

std::vector<std::string> guids(listquery::page_result<droplet> const& p) {
    std::vector<std::string> out;
    for (auto const* d : p.resources)
        out.push_back(d->guid);
    return out;
}

// Every variant gives the same page and total, or the benchmark refuses to run.
void check_same(std::size_t n, listquery::list_query const& q, bool with_sqlite) {
    auto const& data = dataset(n);
    auto const page = listquery::apply<E>(data, q);
    auto const want = guids(page);
    auto fail = [&](char const* who) {
        std::fprintf(stderr, "%s disagrees with the pipeline\n", who);
        std::abort();
    };
    if (q.order) {
        auto const indexed = listquery::apply<E>(data, q, {.sort = &index_of(n, std::string(q.order->field))});
        if (guids(indexed) != want || indexed.total_results != page.total_results)
            fail("the indexed pipeline");
    }
    if (listquery::apply<E>(data, q, {.index = &resource_index_of(n)}) != page)
        fail("the pipeline with a resource_index");
    std::uint64_t total = 0;
    std::vector<std::string> naive;
    for (auto const& d : baseline::naive_page(data, q, total))
        naive.push_back(d.guid);
    if (naive != want || total != page.total_results)
        fail("the naive baseline");
    if (with_sqlite) {
        auto const s = sqlite_of(n).query(q);
        if (s.guids != want || s.total != page.total_results)
            fail("the SQLite baseline");
    }
}

void run_pipeline(benchmark::State& state, std::size_t n, listquery::list_query const& q) {
    auto const& data = dataset(n);
    listquery::sort_buffer<droplet> buffer;
    benchmark::DoNotOptimize(listquery::apply<E>(data, q, {.buffer = &buffer})); // the buffer's first fill
    allocation_count allocs;
    for (auto _ : state)
        benchmark::DoNotOptimize(listquery::apply<E>(data, q, {.buffer = &buffer}));
    allocs.report(state);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void run_indexed(benchmark::State& state, std::size_t n, listquery::list_query const& q) {
    auto const& data = dataset(n);
    auto const& index = index_of(n, std::string(q.order->field));
    allocation_count allocs;
    for (auto _ : state)
        benchmark::DoNotOptimize(listquery::apply<E>(data, q, {.sort = &index}));
    allocs.report(state);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void run_resource_index(benchmark::State& state, std::size_t n, listquery::list_query const& q) {
    auto const& data = dataset(n);
    auto const& index = resource_index_of(n);
    allocation_count allocs;
    for (auto _ : state)
        benchmark::DoNotOptimize(listquery::apply<E>(data, q, {.index = &index}));
    allocs.report(state);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void run_naive(benchmark::State& state, std::size_t n, listquery::list_query const& q) {
    auto const& data = dataset(n);
    std::uint64_t total = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(baseline::naive_page(data, q, total));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void run_sqlite(benchmark::State& state, std::size_t n, listquery::list_query const& q) {
    auto& db = sqlite_of(n);
    for (auto _ : state)
        benchmark::DoNotOptimize(db.query(q));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

std::set<std::pair<std::size_t, listquery::list_query const*>> checked;

// Registered at start-up; the data, indexes and databases are built when first run.
[[maybe_unused]] bool const registered = [] {
    for (auto const& c : cases) {
        for (std::size_t n : sizes) {
            if (!c.sweep && n != largest_for_every_case)
                continue;
            auto const q = std::make_shared<listquery::list_query>(parse(c.query));
            bool const sqlite = n == 10'000 || n == 1'000'000 || n == 10'000'000;
            auto const with = [q, n, sqlite](auto run) {
                return [q, n, sqlite, run](benchmark::State& state) {
                    if (checked.insert({n, q.get()}).second)
                        check_same(n, *q, sqlite);
                    run(state, n, *q);
                };
            };
            auto const name = [&](char const* who) { return std::string(who) + "/" + c.name + "/" + std::to_string(n); };
            auto const unit = benchmark::kMillisecond;
            benchmark::RegisterBenchmark(name("pipeline").c_str(), with(run_pipeline))->Unit(unit);
            if (q->order)
                benchmark::RegisterBenchmark(name("pipeline_indexed").c_str(), with(run_indexed))->Unit(unit);
            benchmark::RegisterBenchmark(name("pipeline_resource_index").c_str(), with(run_resource_index))->Unit(unit);
            benchmark::RegisterBenchmark(name("baseline_naive").c_str(), with(run_naive))->Unit(unit);
            if (sqlite)
                benchmark::RegisterBenchmark(name("baseline_sqlite").c_str(), with(run_sqlite))->Unit(unit);
        }
    }
    return true;
}();

// Page 1 and page 10,000 (offset 499,950) of 10^6 droplets by -created_at, by offset and by
// keyset, and keyset page 2, the first read from a cursor (docs/keyset.md): unindexed, both take one pass; with a sort_index, offset paging walks
// the index to the page, keyset paging finds the cursor by binary search.
void run_depth(benchmark::State& state, bool keyset, std::uint64_t page, bool indexed) {
    auto const& data = dataset(1'000'000);
    static auto const by_created = listquery::sort_index<droplet>::make(data, "created_at").value();
    auto const at = [](std::uint64_t p) { return parse("order_by=-created_at&per_page=50&page=" + std::to_string(p)); };
    auto const q = at(keyset ? 1 : page);
    std::optional<listquery::keyset_cursor> cursor;
    if (keyset && page > 1)
        cursor = listquery::apply_keyset<E>(data, at(page - 1), std::nullopt).next;
    if (keyset && listquery::apply_keyset<E>(data, q, cursor).page.resources != listquery::apply<E>(data, at(page)).resources) {
        std::fprintf(stderr, "the keyset page and the offset page differ at page %llu\n", static_cast<unsigned long long>(page));
        std::abort();
    }
    for (auto _ : state) {
        if (keyset && indexed)
            benchmark::DoNotOptimize(listquery::apply_keyset<E>(data, q, cursor, {.sort = &by_created}));
        else if (keyset)
            benchmark::DoNotOptimize(listquery::apply_keyset<E>(data, q, cursor));
        else if (indexed)
            benchmark::DoNotOptimize(listquery::apply<E>(data, q, {.sort = &by_created}));
        else
            benchmark::DoNotOptimize(listquery::apply<E>(data, q));
    }
}

bool const depth_registered = [] {
    for (bool indexed : {false, true})
        for (bool keyset : {false, true})
            for (std::uint64_t page : {1, 2, 10000})
                if (keyset || page != 2) // keyset page 2: the first read from a cursor
                    benchmark::RegisterBenchmark(("pipeline_depth" + std::string(indexed ? "_indexed/" : "/") +
                                                  (keyset ? "keyset/" : "offset/") + std::to_string(page))
                                                     .c_str(),
                                                 [keyset, page, indexed](benchmark::State& state) { run_depth(state, keyset, page, indexed); })
                        ->Unit(benchmark::kMillisecond);
    return true;
}();

} // namespace
} // namespace bench
