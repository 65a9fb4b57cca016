// SPDX-License-Identifier: BSL-1.0
// Counts heap allocations: the benchmark binary replaces the global operator new
// (alloc_counter.cpp), and a benchmark reports allocations per iteration.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>

namespace bench {

/// Calls of operator new on this thread since it started.
std::uint64_t allocations() noexcept;

/// Reports, as the counter `allocs`, the allocations per iteration since construction.
class allocation_count {
public:
    allocation_count() : start_(allocations()) {}
    void report(benchmark::State& state) const {
        state.counters["allocs"] = benchmark::Counter(
            static_cast<double>(allocations() - start_) / static_cast<double>(state.iterations()));
    }

private:
    std::uint64_t start_;
};

} // namespace bench
