// SPDX-License-Identifier: BSL-1.0
// Adversarial scaling: every family of tests/support/adversarial_queries.hpp from 1 KiB to the
// 4 MiB cap, timed as a server handles the query: parse it, then render the error envelope
// (for a bad query) or the page's links (for a good one). Linear time shows as a flat time
// per byte; docs/benchmarks.md requires every family to stay within 2x of its smallest size.
#include "support/adversarial_queries.hpp"

#include <listquery/json.hpp>
#include <listquery/links.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/serialize.hpp>

#include <malloc.h>

#include <string>

namespace {

namespace adv = listquery_test::adversarial;

// The bytes a server would send for this query: the JSON error envelope, or the four links.
std::size_t respond(adv::family const& f, std::string_view query) {
    auto const r = adv::parse(f, query);
    if (!r)
        return boost::json::serialize(boost::json::value_from(r.error())).size();
    auto const p = listquery::make_pagination("/v3/droplets", *r, 1000000);
    return p.links.first.size() + p.links.last.size() + p.links.next.value_or("").size() +
           p.links.previous.value_or("").size();
}

void adversarial(benchmark::State& state, adv::family const* f) {
    std::string const query = f->make(static_cast<std::size_t>(state.range(0)));
    auto const r = adv::parse(*f, query);
    std::size_t response = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(response = respond(*f, query));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * query.size()));
    state.counters["errors"] = static_cast<double>(r ? 0 : r.error().errors.size());
    state.counters["response_per_byte"] = static_cast<double>(response) / static_cast<double>(query.size());
    state.counters["unlimited_lists"] = f->unlimited ? 1 : 0;
    state.SetLabel(std::string(f->what));
}

// A long-running server's heap keeps what a request freed for the next one. glibc instead maps
// every block over 32 MiB afresh (and others past its trimming threshold), so without this a
// multi-MiB query would be charged the kernel's page faults on every iteration (about 3 µs per
// 4 KiB page on this class of VM), which the smaller sizes never pay.
[[maybe_unused]] bool const heap_kept = [] {
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    return true;
}();

[[maybe_unused]] bool const registered = [] {
    for (auto const& f : adv::families)
        benchmark::RegisterBenchmark(("adversarial/" + std::string(f.name)).c_str(), adversarial, &f)
            ->RangeMultiplier(4)
            ->Range(1 << 10, static_cast<std::int64_t>(adv::cap))
            ->MinTime(0.05)
            ->Repetitions(3);
    return true;
}();

} // namespace
