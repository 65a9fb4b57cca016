// SPDX-License-Identifier: BSL-1.0
// Rendering: the pagination links of one page, the JSON of a 50-resource page, and the whole
// request → response path of the listquery CLI (parse, pipeline, links, JSON), in process.
#include "alloc_counter.hpp"

#include "cf_api/backend.hpp"
#include "cf_api/demo_data.hpp"

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

/// The demo dataset, each resource rendered once as the server renders it.
cf_api::dataset const& demo() {
    static std::unique_ptr<cf_api::dataset> const data = [] {
        cf_api::load_error err;
        auto d = cf_api::load(cf_api::demo_dataset_json(), err);
        if (!d) {
            std::fprintf(stderr, "demo dataset: %s: %s\n", err.location.c_str(), err.problem.c_str());
            std::abort();
        }
        cf_api::prepare_to_serve(*d);
        return d;
    }();
    return *data;
}

/// A 50-resource page of the demo droplets and its pagination.
struct fifty {
    listquery::list_query q = listquery::parse_list_query<listquery::cf::droplets>("per_page=50&page=2").value();
    listquery::page_result<cf_api::droplet> page = listquery::apply<listquery::cf::droplets>(demo().of<cf_api::droplets>().all, q);
    listquery::pagination pagination = listquery::make_pagination("/v3/droplets", q, page.total_results);

    /// The page's texts rendered at load, gathered as a request does.
    std::vector<std::string_view> texts() const {
        std::vector<std::string_view> out;
        out.reserve(page.resources.size());
        for (auto const* r : page.resources)
            out.push_back(r->rendered);
        return out;
    }
};

// The JSON body (pagination and 50 resources, echoed as stored) from the resources rendered at
// load: the pagination written, the texts put in a list_body, all appended into one string.
void json_page(benchmark::State& state) {
    fifty const f;
    bench::allocation_count allocs;
    for (auto _ : state) {
        auto const texts = f.texts();
        auto const body = listquery::list_body(f.pagination, texts).str();
        benchmark::DoNotOptimize(body.data());
        state.counters["bytes"] = static_cast<double>(body.size());
    }
    allocs.report(state);
}
BENCHMARK(json_page);

// The same, as the server writes it: the pieces for a gathered write, nothing copied.
void json_page_buffers(benchmark::State& state) {
    fifty const f;
    struct buffer { // the shape of boost::asio::const_buffer
        void const* data;
        std::size_t size;
    };
    bench::allocation_count allocs;
    for (auto _ : state) {
        auto const texts = f.texts();
        listquery::list_body const body(f.pagination, texts);
        auto const pieces = body.buffers<buffer>();
        benchmark::DoNotOptimize(pieces.data());
    }
    allocs.report(state);
}
BENCHMARK(json_page_buffers);

// The same body the DOM way: each resource's boost::json::object copied into an array, then
// serialized (list_response; what the example did before rendering at load).
void json_page_dom(benchmark::State& state) {
    fifty const f;
    bench::allocation_count allocs;
    for (auto _ : state) {
        boost::json::array items;
        items.reserve(f.page.resources.size());
        for (auto const* r : f.page.resources)
            items.emplace_back(*r->json);
        auto const body = boost::json::serialize(listquery::list_response(f.pagination, std::move(items)));
        benchmark::DoNotOptimize(body.data());
    }
    allocs.report(state);
}
BENCHMARK(json_page_dom);

// Request target in, response body out: what `listquery '<target>'` does after loading its data
// (here through the indexes and the texts rendered at load, as the server answers).
void end_to_end(benchmark::State& state, std::string const& target) {
    static cf_api::memory_backend backend(demo());
    static std::string const base = "http://127.0.0.1:8080";
    static cf_api::settings const s{.base_url = boost::urls::parse_uri(base).value()};
    if (backend.answer(target, s).status != 200)
        std::abort();
    for (auto _ : state) {
        auto const r = backend.answer(target, s);
        auto const body = cf_api::to_text(r, false);
        benchmark::DoNotOptimize(body.data());
    }
}
BENCHMARK_CAPTURE(end_to_end, droplets_by_state,
                  std::string("/v3/droplets?states=STAGED%2CFAILED&order_by=-created_at&per_page=50"));
BENCHMARK_CAPTURE(end_to_end, builds_by_label,
                  std::string("/v3/builds?label_selector=env%3Dproduction,tier+in+(web,api)&per_page=50"));

} // namespace
