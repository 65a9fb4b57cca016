// SPDX-License-Identifier: BSL-1.0
// Rendering: the pagination links of one page, the JSON of a 50-resource page, and the whole
// request → response path of the listquery CLI (parse, pipeline, links, JSON), in process.
#include "alloc_counter.hpp"

#include "cf_api/data.hpp"
#include "cf_api/demo_data.hpp"
#include "cf_api/handler.hpp"

#include <listquery/json.hpp>
#include <listquery/listquery.hpp>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace {

// A page in the middle, so all four links are built; the query echoes filters and a selector.
constexpr std::string_view links_query =
    "states=STAGED,FAILED&app_guids=a1b2c3&per_page=50&page=3&order_by=-created_at&label_selector=env%3Dprod";

void links(benchmark::State& state) {
    auto const q = listquery::parse_list_query<listquery::cf::droplets>(links_query).value();
    bench::allocation_count allocs;
    for (auto _ : state)
        benchmark::DoNotOptimize(listquery::make_pagination("/v3/droplets", q, 1000));
    allocs.report(state);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 4); // hrefs
}
BENCHMARK(links);

cf_api::dataset const& demo() {
    static std::unique_ptr<cf_api::dataset> const data = [] {
        cf_api::load_error err;
        auto d = cf_api::load(cf_api::demo_dataset_json(), err);
        if (!d) {
            std::fprintf(stderr, "demo dataset: %s: %s\n", err.location.c_str(), err.problem.c_str());
            std::abort();
        }
        return d;
    }();
    return *data;
}

// The JSON body (pagination and 50 resources, echoed as stored), serialized.
void json_page(benchmark::State& state) {
    auto const& data = demo();
    auto const q = listquery::parse_list_query<listquery::cf::droplets>("per_page=50&page=2").value();
    auto const page = listquery::apply<listquery::cf::droplets>(q, data.droplets.all);
    if (page.resources.size() != 50)
        std::abort();
    auto const pagination = listquery::make_pagination("/v3/droplets", q, page.total_results);
    for (auto _ : state) {
        boost::json::array items;
        items.reserve(page.resources.size());
        for (auto const* r : page.resources)
            items.emplace_back(*r->json);
        auto const body = boost::json::serialize(listquery::list_response(pagination, std::move(items)));
        benchmark::DoNotOptimize(body.data());
        state.counters["bytes"] = static_cast<double>(body.size());
    }
}
BENCHMARK(json_page);

// Request target in, response body out: what `listquery '<target>'` does after loading its data.
void end_to_end(benchmark::State& state, std::string const& target) {
    auto const& data = demo();
    if (cf_api::handle(target, data).status != 200)
        std::abort();
    for (auto _ : state) {
        auto const r = cf_api::handle(target, data);
        auto const body = cf_api::to_text(r.body, false);
        benchmark::DoNotOptimize(body.data());
    }
}
BENCHMARK_CAPTURE(end_to_end, droplets_by_state,
                  std::string("/v3/droplets?states=STAGED%2CFAILED&order_by=-created_at&per_page=50"));
BENCHMARK_CAPTURE(end_to_end, builds_by_label,
                  std::string("/v3/builds?label_selector=env%3Dproduction,tier+in+(web,api)&per_page=50"));

} // namespace
