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
        auto const page = listquery::apply<E>(data, *q, {.buffer = &buffer});
        std::vector<int> got;
        for (auto const* d : page.resources)
            got.push_back(d->id);
        REQUIRE(got == want);
        REQUIRE(page.total_results == total);
        REQUIRE(page.total_pages == std::max<std::uint64_t>(1, (total + q->per_page - 1) / q->per_page));
        // The same through an index of each sortable field (used when the query orders by it).
        for (std::string_view field : {"created_at", "updated_at"}) {
            auto const index = listquery::sort_index<droplet>::make(data, field).value();
            REQUIRE(listquery::apply<E>(data, *q, {.sort = &index}) == page);
        }
        // And through resource indexes: one that keeps everything, and partial ones whose
        // missing parts are checked on the resources (or ordered as unindexed).
        for (auto const* fields : {&all_fields, &some_fields, &no_fields}) {
            auto const index = listquery::resource_index<droplet>::make(data, *fields).value();
            REQUIRE(listquery::apply<E>(data, *q, {.index = &index}) == page);
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

TEST_CASE("pipeline: a scope lists what the reference lists of the resources in it, 3,000 pairs",
          "[pipeline][differential][scope]") {
    constexpr auto& nested = listquery::cf::app_droplets;
    int scoped_matches = 0;
    for (std::uint32_t seed = 1; seed <= 3000; ++seed) {
        std::mt19937 rng(seed);
        auto const data = reference_pipeline::random_data(rng);
        std::string const text = reference_pipeline::random_query(rng);
        std::string const app = pick(rng, std::vector<std::string>{"a1", "a2", "", "none"});
        auto const q = listquery::parse_list_query<E>(text);
        INFO("seed " << seed << ": " << text << " within " << app);
        REQUIRE(q.has_value());
        if (q->filter("app_guids"))
            continue; // the nested route refuses it
        // The reference: the resources of the app alone (a null app is in no scope), in order.
        std::vector<droplet> in_app;
        for (auto const& d : data)
            if (d.app_guid && *d.app_guid == app)
                in_app.push_back(d);
        std::uint64_t total = 0;
        std::vector<int> const want = reference(in_app, *q, total);
        auto const within = nested.within(app);
        auto const page = listquery::apply<nested>(data, *q, {.scope = within});
        std::vector<int> got;
        for (auto const* d : page.resources)
            got.push_back(d->id);
        REQUIRE(got == want);
        REQUIRE(page.total_results == total);
        for (std::string_view field : {"created_at", "updated_at"}) {
            auto const index = listquery::sort_index<droplet>::make(data, field).value();
            REQUIRE(listquery::apply<nested>(data, *q, {.scope = within, .sort = &index}) == page);
        }
        for (auto const* fields : {&all_fields, &some_fields, &no_fields}) {
            auto const index = listquery::resource_index<droplet>::make(data, *fields).value();
            REQUIRE(listquery::apply<nested>(data, *q, {.scope = within, .index = &index}) == page);
        }
        // The filter stage takes the same scope.
        std::uint64_t filtered = 0;
        for (auto const& d : listquery::filter<nested>(data, *q, within)) {
            (void)d;
            ++filtered;
        }
        REQUIRE(filtered == total);
        scoped_matches += total > 0;
    }
    CHECK(scoped_matches > 500);
}

TEST_CASE("pipeline: a scope that names no field of the resource matches nothing", "[pipeline][scope]") {
    std::mt19937 rng(3);
    auto const data = reference_pipeline::random_data(rng);
    REQUIRE(!data.empty());
    auto const q = listquery::parse_list_query<E>("");
    REQUIRE(q.has_value());
    listquery::scope const nowhere{"colours", "a1"};
    CHECK(listquery::apply<E>(data, *q, {.scope = nowhere}).total_results == 0);
    auto const index = listquery::resource_index<droplet>::make(data, all_fields).value();
    CHECK(listquery::apply<E>(data, *q, {.scope = nowhere, .index = &index}).total_results == 0);
    CHECK(listquery::apply<E>(data, *q).total_results == data.size());
}

TEST_CASE("sort_index: kept up to date by insert and erase, it answers as a fresh one does",
          "[pipeline][differential][sort_index]") {
    for (std::uint32_t seed = 1; seed <= 300; ++seed) {
        std::mt19937 rng(seed);
        auto const all = reference_pipeline::random_data(rng);
        std::deque<droplet> data(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2));
        auto index = listquery::sort_index<droplet>::make(data, "created_at").value();
        for (auto it = all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2); it != all.end(); ++it)
            index.insert(data.emplace_back(*it)); // a deque keeps its elements where they are
        // Take out the first resource: erase it from the index, then from the container.
        if (!data.empty()) {
            REQUIRE(index.erase(data.front()));
            REQUIRE_FALSE(index.erase(data.front()));
            data.pop_front();
        }
        auto const fresh = listquery::sort_index<droplet>::make(data, "created_at").value();
        REQUIRE(index.size() == fresh.size());
        for_random_queries(rng, seed, 20, [&](listquery::list_query const& q) {
            auto const want = listquery::apply<E>(data, q);
            // Erasing the front shifts every position by one, so ties keep their order.
            REQUIRE(listquery::apply<E>(data, q, {.sort = &index}) == want);
            REQUIRE(listquery::apply<E>(data, q, {.sort = &fresh}) == want);
        });
    }
}

TEST_CASE("resource_index: kept up to date by insert and erase, it answers as a fresh one does",
          "[pipeline][differential][resource_index]") {
    for (std::uint32_t seed = 1; seed <= 300; ++seed) {
        std::mt19937 rng(seed);
        auto const all = reference_pipeline::random_data(rng);
        std::deque<droplet> data(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(all.size() / 2));
        auto index = listquery::resource_index<droplet>::make(data, all_fields).value();
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
        auto const fresh = listquery::resource_index<droplet>::make(data, all_fields).value();
        REQUIRE(index.size() == data.size());
        REQUIRE(fresh.size() == data.size());
        for_random_queries(rng, seed, 20, [&](listquery::list_query const& q) {
            auto const want = listquery::apply<E>(data, q);
            REQUIRE(listquery::apply<E>(data, q, {.index = &index}) == (q.order ? listquery::apply<E>(reordered, q) : want));
            REQUIRE(listquery::apply<E>(data, q, {.index = &fresh}) == want);
        });
        index.rebuild(data);
        for_random_queries(rng, seed, 20, [&](listquery::list_query const& q) {
            REQUIRE(listquery::apply<E>(data, q, {.index = &index}) == listquery::apply<E>(data, q));
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
    auto const refused = [&](listquery::index_fields const& fields, std::string_view name, std::string_view message) {
        auto const r = listquery::resource_index<droplet>::make(data, fields);
        REQUIRE(r.has_error());
        REQUIRE(r.error().errors.size() == 1);
        CHECK(r.error().errors[0].code == listquery::error::unknown_field);
        CHECK(r.error().errors[0].parameter == name);
        CHECK(r.error().errors[0].message == message);
        CHECK(r.error().http_status() == 500);
    };
    refused({{"nope"}, {}}, "nope", "listquery::resource_index: no sortable field 'nope'");
    refused({{}, {"colour"}}, "colour", "listquery::resource_index: no filter 'colour'");
    auto const index = listquery::resource_index<droplet>::make(data, {{}, {"states", "label_selector"}}).value();
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
    auto const page = listquery::apply<E>(data, *q, {.index = &index});
    CHECK(page.total_results == 0);
    CHECK(page.resources.empty());
    // A range of pointers: null elements are holes that keep their positions.
    std::vector<droplet const*> pointers{&data[0], nullptr, &data[1]};
    auto const by_pointer = listquery::resource_index<droplet>::make(pointers, {{"created_at"}, {"states"}}).value();
    CHECK(by_pointer.size() == 2);
    CHECK(listquery::detail::index_access::items(by_pointer) == std::vector<droplet const*>{&data[0], nullptr, &data[1]});
    auto const staged = listquery::parse_list_query<E>("states=STAGED&order_by=created_at");
    REQUIRE(staged.has_value());
    CHECK(listquery::apply<E>(pointers, *staged, {.index = &by_pointer}).resources == std::vector<droplet const*>{&data[1]});
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
    auto index = listquery::resource_index<droplet>::make(data, {{"created_at"}, {"states"}}).value();
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
        CHECK(listquery::apply<E>(data, *q, {.index = &index}) == listquery::apply<E>(data, *q));
    }
    auto const by_update = listquery::parse_list_query<E>("states=FAILED&order_by=updated_at&per_page=2");
    auto const page = listquery::apply<E>(data, *by_update, {.index = &index});
    CHECK(page.total_results == 3);
    CHECK(ids(page) == std::vector<int>{45, 25});
    REQUIRE(index.erase(data[25]));
    data[25].state = "STAGED";
    REQUIRE(index.insert(data[25]));
    CHECK(ids(listquery::apply<E>(data, *by_update, {.index = &index})) == std::vector<int>{45, 5});
    CHECK(listquery::apply<E>(data, *by_update, {.index = &index}).total_results == 2);
}

TEST_CASE("sort_index: an unknown or unsortable field is refused", "[pipeline][sort_index]") {
    std::vector<droplet> const data;
    for (std::string_view name : {"state", "nope"}) { // a field that does not sort, and none at all
        auto const r = listquery::sort_index<droplet>::make(data, name);
        REQUIRE(r.has_error());
        CHECK(r.error().errors.at(0).code == listquery::error::unknown_field);
        CHECK(r.error().errors.at(0).message == "listquery::sort_index: no sortable field '" + std::string(name) + "'");
    }
    CHECK(listquery::sort_index<droplet>::make(data, "updated_at").value().size() == 0);
}

} // namespace differential_test
