// SPDX-License-Identifier: BSL-1.0
// The pipeline against a deliberately naive reference, on seeded random datasets and queries.
#include <listquery/pipeline/apply.hpp>

#include "test_helpers.hpp"
#include "reference_pipeline.hpp"
#include "test_resources.hpp"

#include <string>
#include <vector>

using test_model::droplet;

namespace differential_test {

using namespace reference_pipeline;

TEST_CASE("pipeline: differential test against the naive reference, 10,000 pairs",
          "[pipeline][differential]") {
    listquery::sort_buffer<droplet> buffer;
    int ordered = 0, empty_pages = 0, with_selector = 0;
    for (std::uint32_t seed = 1; seed <= 10000; ++seed) {
        std::mt19937 rng(seed);
        auto const data = reference_pipeline::random_data(rng);
        std::string const text = reference_pipeline::random_query(rng);
        auto const q = listquery::parse_list_query<E>(text);
        INFO("seed " << seed << ": " << text);
        REQUIRE(q.has_value());
        std::uint64_t total = 0;
        std::vector<int> const want = reference(data, *q, total);
        auto const page = listquery::apply<E>(*q, data, buffer);
        std::vector<int> got;
        for (auto const* d : page.resources)
            got.push_back(d->id);
        REQUIRE(got == want);
        REQUIRE(page.total_results == total);
        REQUIRE(page.total_pages == std::max<std::uint64_t>(1, (total + q->per_page - 1) / q->per_page));
        ordered += q->order.has_value();
        empty_pages += got.empty();
        with_selector += q->selector.has_value();
    }
    // The generator covers what it should.
    CHECK(ordered > 6000);
    CHECK(empty_pages > 1000);
    CHECK(with_selector > 3000);
}

} // namespace differential_test
