// SPDX-License-Identifier: BSL-1.0
// The pipeline against a deliberately naive reference, on seeded random datasets and queries.
#include <listquery/pipeline/apply.hpp>
#include <listquery/pipeline/sort_index.hpp>

#include "test_helpers.hpp"
#include "reference_pipeline.hpp"
#include "test_resources.hpp"

#include <deque>
#include <stdexcept>
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
        // The same through an index of each sortable field (used when the query orders by it).
        for (std::string_view field : {"created_at", "updated_at"}) {
            listquery::sort_index<droplet> const index(data, field);
            REQUIRE(listquery::apply<E>(*q, data, index) == page);
        }
        ordered += q->order.has_value();
        empty_pages += got.empty();
        with_selector += q->selector.has_value();
    }
    // The generator covers what it should.
    CHECK(ordered > 6000);
    CHECK(empty_pages > 1000);
    CHECK(with_selector > 3000);
}

TEST_CASE("sort_index: kept up to date by insert and erase, it answers as a fresh one does",
          "[pipeline][differential][sort_index]") {
    for (std::uint32_t seed = 1; seed <= 300; ++seed) {
        std::mt19937 rng(seed);
        auto const all = reference_pipeline::random_data(rng);
        std::deque<droplet> data(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2));
        listquery::sort_index<droplet> index(data, "created_at");
        for (auto it = all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2); it != all.end(); ++it)
            index.insert(data.emplace_back(*it)); // a deque keeps its elements where they are
        // Take out the first resource: erase it from the index, then from the container.
        if (!data.empty()) {
            REQUIRE(index.erase(data.front()));
            REQUIRE_FALSE(index.erase(data.front()));
            data.pop_front();
        }
        listquery::sort_index<droplet> const fresh(data, "created_at");
        REQUIRE(index.size() == fresh.size());
        for (int i = 0; i < 20; ++i) {
            std::string const text = reference_pipeline::random_query(rng);
            auto const q = listquery::parse_list_query<E>(text);
            INFO("seed " << seed << ": " << text);
            REQUIRE(q.has_value());
            auto const want = listquery::apply<E>(*q, data);
            // Erasing the front shifts every position by one, so ties keep their order.
            REQUIRE(listquery::apply<E>(*q, data, index) == want);
            REQUIRE(listquery::apply<E>(*q, data, fresh) == want);
        }
    }
}

TEST_CASE("sort_index: an unknown or unsortable field is refused", "[pipeline][sort_index]") {
    std::vector<droplet> const data;
    CHECK_THROWS_AS(listquery::sort_index<droplet>(data, "state"), std::invalid_argument);
    CHECK_THROWS_WITH(listquery::sort_index<droplet>(data, "nope"), "listquery::sort_index: no sortable field 'nope'");
    CHECK(listquery::sort_index<droplet>(data, "updated_at").size() == 0);
}

} // namespace differential_test
