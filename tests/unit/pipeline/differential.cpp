// SPDX-License-Identifier: BSL-1.0
// The pipeline against a deliberately naive reference, on seeded random datasets and queries.
#include <listquery/pipeline/apply.hpp>
#include <listquery/pipeline/resource_index.hpp>
#include <listquery/pipeline/sort_index.hpp>

#include "test_helpers.hpp"
#include "support/reference_pipeline.hpp"
#include "support/test_resources.hpp"

#include <algorithm>
#include <deque>
#include <stdexcept>
#include <string>
#include <vector>

using test_model::droplet;

namespace differential_test {

using namespace reference_pipeline;

listquery::index_fields const all_fields{{"created_at", "updated_at"},
                                         {"guids", "states", "app_guids", "created_ats", "updated_ats", "label_selector"}};
listquery::index_fields const some_fields{{"updated_at"}, {"states", "created_ats"}};
listquery::index_fields const no_fields{};

// Calls `check(q)` for `n` valid random queries.
template <class Check>
void for_random_queries(std::mt19937& rng, std::uint32_t seed, int n, Check check) {
    for (int i = 0; i < n; ++i) {
        std::string const text = reference_pipeline::random_query(rng);
        auto const q = listquery::parse_list_query<E>(text);
        INFO("seed " << seed << ": " << text);
        REQUIRE(q.has_value());
        check(*q);
    }
}

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
        // And through resource indexes: one that keeps everything, and partial ones whose
        // missing parts are checked on the resources (or ordered as unindexed).
        for (auto const* fields : {&all_fields, &some_fields, &no_fields}) {
            listquery::resource_index<droplet> const index(data, *fields);
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
        for_random_queries(rng, seed, 20, [&](listquery::list_query const& q) {
            auto const want = listquery::apply<E>(q, data);
            // Erasing the front shifts every position by one, so ties keep their order.
            REQUIRE(listquery::apply<E>(q, data, index) == want);
            REQUIRE(listquery::apply<E>(q, data, fresh) == want);
        });
    }
}

TEST_CASE("resource_index: kept up to date by insert and erase, it answers as a fresh one does",
          "[pipeline][differential][resource_index]") {
    for (std::uint32_t seed = 1; seed <= 300; ++seed) {
        std::mt19937 rng(seed);
        auto const all = reference_pipeline::random_data(rng);
        std::deque<droplet> data(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2));
        listquery::resource_index<droplet> index(data, all_fields);
        for (auto it = all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2); it != all.end(); ++it)
            REQUIRE(index.insert(data.emplace_back(*it)));
        if (!data.empty()) {
            REQUIRE_FALSE(index.insert(data.back())); // indexed already
            REQUIRE(index.erase(data.front()));
            REQUIRE_FALSE(index.erase(data.front()));
            data.pop_front();
        }
        // A change to an indexed field: erase, change, insert; it then ties after the others,
        // as if it were last in the container (a query without order_by keeps container order).
        std::vector<droplet const*> reordered;
        for (auto const& d : data)
            reordered.push_back(&d);
        if (!data.empty()) {
            auto& changed = data[data.size() / 2];
            REQUIRE(index.erase(changed));
            changed.state = changed.state == "STAGED" ? "FAILED" : "STAGED";
            changed.labels.emplace_back("env", "prod");
            REQUIRE(index.insert(changed));
            std::rotate(reordered.begin() + static_cast<std::ptrdiff_t>(data.size() / 2),
                        reordered.begin() + static_cast<std::ptrdiff_t>(data.size() / 2 + 1), reordered.end());
        }
        listquery::resource_index<droplet> const fresh(data, all_fields);
        REQUIRE(index.size() == data.size());
        REQUIRE(fresh.size() == data.size());
        for_random_queries(rng, seed, 20, [&](listquery::list_query const& q) {
            auto const want = listquery::apply<E>(q, data);
            REQUIRE(listquery::apply<E>(q, data, index) == (q.order ? listquery::apply<E>(q, reordered) : want));
            REQUIRE(listquery::apply<E>(q, data, fresh) == want);
        });
        index.rebuild(data);
        for_random_queries(rng, seed, 20, [&](listquery::list_query const& q) {
            REQUIRE(listquery::apply<E>(q, data, index) == listquery::apply<E>(q, data));
        });
    }
}

TEST_CASE("resource_index: what it refuses, and what it reads", "[pipeline][resource_index]") {
    std::vector<droplet> data(3);
    for (int i = 0; i < 3; ++i) {
        data[std::size_t(i)].id = i;
        data[std::size_t(i)].guid = "g" + std::to_string(i);
        data[std::size_t(i)].state = i == 1 ? std::optional<std::string>("STAGED") : std::nullopt;
    }
    CHECK_THROWS_WITH(listquery::resource_index<droplet>(data, {{"nope"}, {}}),
                      "listquery::sort_index: no sortable field 'nope'");
    CHECK_THROWS_WITH(listquery::resource_index<droplet>(data, {{}, {"colour"}}),
                      "listquery::resource_index: no filter 'colour'");
    listquery::resource_index<droplet> const index(data, {{}, {"states", "label_selector"}});
    CHECK(index.size() == 3);
    // The column holds a code per resource, 0 for the null state.
    auto const& states = listquery::detail::index_access::column(index, 4); // guid, created_at, updated_at, app_guids, states
    REQUIRE(states.kept);
    CHECK(states.codes == std::vector<std::uint32_t>{0, 1, 0});
    CHECK(states.values.texts() == std::vector<std::string_view>{"STAGED"});
    CHECK_FALSE(listquery::detail::index_access::column(index, 0).kept);
    // A value no resource has answers at once; a null never matches, not even "".
    auto const q = listquery::parse_list_query<E>("states=,FAILED");
    REQUIRE(q.has_value());
    auto const page = listquery::apply<E>(*q, data, index);
    CHECK(page.total_results == 0);
    CHECK(page.resources.empty());
    // A range of pointers: null elements are holes that keep their positions.
    std::vector<droplet const*> pointers{&data[0], nullptr, &data[1]};
    listquery::resource_index<droplet> const by_pointer(pointers, {{"created_at"}, {"states"}});
    CHECK(by_pointer.size() == 2);
    CHECK(listquery::detail::index_access::items(by_pointer) == std::vector<droplet const*>{&data[0], nullptr, &data[1]});
    auto const staged = listquery::parse_list_query<E>("states=STAGED&order_by=created_at");
    REQUIRE(staged.has_value());
    CHECK(listquery::apply<E>(*staged, pointers, by_pointer).resources == std::vector<droplet const*>{&data[1]});
}

TEST_CASE("resource_index: a selective filter visits only its values' ids", "[pipeline][resource_index]") {
    // 64 droplets, 3 of them FAILED: an eighth or fewer, so the query visits the ids of FAILED
    // only; one of those is then erased (a hole in that list).
    std::deque<droplet> data(64);
    for (int i = 0; i < 64; ++i) {
        auto& d = data[std::size_t(i)];
        d.id = i;
        d.guid = "g" + std::to_string(i);
        d.state = i % 20 == 5 ? "FAILED" : "STAGED";
        d.updated_at = listquery::timestamp(std::chrono::seconds(1577836800 + 64 - i));
    }
    listquery::resource_index<droplet> index(data, {{"created_at"}, {"states"}});
    auto const ids = [](listquery::page_result<droplet> const& p) {
        std::vector<int> out;
        for (auto const* d : p.resources)
            out.push_back(d->id);
        return out;
    };
    // Container order; then by updated_at, which the index does not keep (the matches are
    // ordered as unindexed).
    for (std::string_view text : {"states=FAILED", "states=FAILED&order_by=updated_at", "states=FAILED&order_by=-created_at"}) {
        auto const q = listquery::parse_list_query<E>(text);
        REQUIRE(q.has_value());
        CHECK(listquery::apply<E>(*q, data, index) == listquery::apply<E>(*q, data));
    }
    auto const by_update = listquery::parse_list_query<E>("states=FAILED&order_by=updated_at&per_page=2");
    auto const page = listquery::apply<E>(*by_update, data, index);
    CHECK(page.total_results == 3);
    CHECK(ids(page) == std::vector<int>{45, 25});
    REQUIRE(index.erase(data[25]));
    data[25].state = "STAGED";
    REQUIRE(index.insert(data[25]));
    CHECK(ids(listquery::apply<E>(*by_update, data, index)) == std::vector<int>{45, 5});
    CHECK(listquery::apply<E>(*by_update, data, index).total_results == 2);
}

TEST_CASE("sort_index: an unknown or unsortable field is refused", "[pipeline][sort_index]") {
    std::vector<droplet> const data;
    CHECK_THROWS_AS(listquery::sort_index<droplet>(data, "state"), std::invalid_argument);
    CHECK_THROWS_WITH(listquery::sort_index<droplet>(data, "nope"), "listquery::sort_index: no sortable field 'nope'");
    CHECK(listquery::sort_index<droplet>(data, "updated_at").size() == 0);
}

} // namespace differential_test
