// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/pipeline/apply.hpp>

#include "test_helpers.hpp"
#include "support/test_resources.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <forward_list>
#include <functional>
#include <list>
#include <span>
#include <string>
#include <vector>

using namespace std::chrono;
using test_model::droplet;

namespace order_test {

constexpr auto& E = listquery::cf::droplets;

listquery::list_query query(std::string_view s) {
    auto q = listquery::parse_list_query<E>(s);
    INFO(s);
    REQUIRE(q.has_value());
    return std::move(*q);
}

template <class Range>
std::vector<int> ids(Range const& data, std::string_view s) {
    auto const q = query(s);
    std::vector<int> out;
    for (auto const* d : listquery::apply<E>(data, q).resources)
        out.push_back(d->id);
    return out;
}

// created_at (in ms after a base) or null, and guid, in container order.
std::vector<droplet> sample() {
    struct spec {
        std::optional<int> ms;
        char const* guid;
    };
    spec const specs[] = {{2000, "b"}, {std::nullopt, "z"}, {1000, "c"}, {2000, "a"},
                          {1500, "d"}, {std::nullopt, "y"}, {2000, "a"}, {1999, "e"}};
    std::vector<droplet> out;
    for (auto const& s : specs) {
        droplet d;
        d.id = static_cast<int>(out.size());
        d.guid = s.guid;
        if (s.ms)
            d.created_at = test_model::millis(milliseconds(*s.ms));
        d.updated_at = listquery::timestamp(seconds(100 - d.id));
        out.push_back(d);
    }
    return out;
}


TEST_CASE("order: container order without order_by", "[pipeline][order]") {
    auto const data = sample();
    CHECK(ids(data, "") == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7});
    CHECK(ids(data, "order_by=") == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7});
    CHECK(ids(data, "per_page=3&page=2") == std::vector<int>{3, 4, 5});
}

TEST_CASE("order: by field at full precision, nulls first, ties on guid then container order",
          "[pipeline][order]") {
    auto const data = sample();
    // nulls (guids y, z), 1000 c, 1500 d, 1999 e, 2000: a (id 3), a (id 6), b
    std::vector<int> const ascending{5, 1, 2, 4, 7, 3, 6, 0};
    CHECK(ids(data, "order_by=created_at") == ascending);
    CHECK(ids(data, "order_by=%2Bcreated_at") == ascending);
    std::vector<int> descending(ascending.rbegin(), ascending.rend()); // the exact reverse
    CHECK(ids(data, "order_by=-created_at") == descending);
    CHECK(ids(data, "order_by=updated_at") == std::vector<int>{7, 6, 5, 4, 3, 2, 1, 0});
    CHECK(ids(data, "order_by=-updated_at") == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7});
}

TEST_CASE("order: every page of every size agrees with the whole ordering", "[pipeline][order]") {
    auto const data = sample();
    for (std::string_view order : {"order_by=created_at", "order_by=-created_at", "order_by=-updated_at", ""}) {
        std::vector<int> const all = ids(data, order);
        for (int per_page = 1; per_page <= 9; ++per_page) {
            std::vector<int> joined;
            int const pages = (8 + per_page - 1) / per_page;
            for (int page = 1; page <= pages + 1; ++page) {
                auto const q = query(std::string(order) + "&per_page=" + std::to_string(per_page) +
                                     "&page=" + std::to_string(page));
                auto const p = listquery::apply<E>(data, q);
                CHECK(p.total_results == 8);
                CHECK(p.total_pages == static_cast<std::uint64_t>(pages));
                CHECK(p.page == static_cast<std::uint64_t>(page));
                CHECK(p.per_page == static_cast<std::uint64_t>(per_page));
                if (page > pages)
                    CHECK(p.resources.empty()); // past the end: empty, true totals
                for (auto const* d : p.resources)
                    joined.push_back(d->id);
            }
            CAPTURE(order, per_page);
            CHECK(joined == all);
        }
    }
}

TEST_CASE("order: pages over sorted input, either way, and over ties, many times the page", "[pipeline][order]") {
    // An ordered page keeps at most 2 x page x per_page entries, cutting back as it goes: input in
    // the query's order, in the reverse order (each entry then displaces a kept one) and all
    // ties must page exactly as the whole ordering.
    for (int shape = 0; shape < 3; ++shape) {
        std::vector<droplet> data(300);
        for (int i = 0; i < 300; ++i) {
            data[static_cast<std::size_t>(i)].id = i;
            data[static_cast<std::size_t>(i)].guid = "g" + std::to_string(1000 + (shape == 1 ? 299 - i : i));
            data[static_cast<std::size_t>(i)].created_at = test_model::millis(milliseconds(shape == 2 ? 7 : shape == 1 ? 300 - i : i));
        }
        for (std::string_view order : {"order_by=created_at", "order_by=-created_at"}) {
            std::vector<int> all;
            for (int i = 0; i < 300; ++i)
                all.push_back(i);
            bool const reversed = (shape == 1) != (order == "order_by=-created_at"); // ties sort by guid
            if (reversed)
                std::reverse(all.begin(), all.end());
            for (int per_page : {1, 7, 50, 300}) {
                std::vector<int> joined;
                for (int page = 1; (page - 1) * per_page < 300; ++page) {
                    auto const got = ids(data, std::string(order) + "&per_page=" + std::to_string(per_page) +
                                                   "&page=" + std::to_string(page));
                    joined.insert(joined.end(), got.begin(), got.end());
                }
                CAPTURE(shape, order, per_page);
                CHECK(joined == all);
            }
        }
    }
}

TEST_CASE("order: counts with no results and huge pages", "[pipeline][order]") {
    auto const data = sample();
    auto const none = listquery::apply<E>(data, query("guids=nope"));
    CHECK(none.total_results == 0);
    CHECK(none.total_pages == 1);
    CHECK(none.resources.empty());
    listquery::list_query q = query("order_by=created_at");
    q.page = 18446744073709551615ULL; // built by hand, never by the parser
    q.per_page = 5000;
    CHECK(listquery::apply<E>(data, q).resources.empty());
    q.order.reset();
    CHECK(listquery::apply<E>(data, q).resources.empty());
    std::vector<droplet> const empty;
    CHECK(listquery::apply<E>(empty, q).total_pages == 1);
}

TEST_CASE("pipeline: every kind of container, none copied", "[pipeline][containers]") {
    auto const data = sample();
    std::string_view const s = "order_by=-created_at&per_page=3&page=2";
    std::vector<int> const want = ids(data, s);
    REQUIRE(want == std::vector<int>{7, 4, 2});

    std::deque<droplet> const deque(data.begin(), data.end());
    std::list<droplet> const list(data.begin(), data.end());
    std::forward_list<droplet> const forward(data.begin(), data.end());
    std::array<droplet, 8> array;
    std::copy(data.begin(), data.end(), array.begin());
    std::span<droplet const> const span(data);
    std::vector<droplet const*> pointers;
    std::vector<std::reference_wrapper<droplet const>> refs;
    for (auto const& d : data) {
        pointers.push_back(&d);
        refs.push_back(std::cref(d));
    }
    pointers.insert(pointers.begin() + 2, nullptr); // null elements are skipped
    CHECK(ids(deque, s) == want);
    CHECK(ids(list, s) == want);
    CHECK(ids(forward, s) == want);
    CHECK(ids(array, s) == want);
    CHECK(ids(span, s) == want);
    CHECK(ids(pointers, s) == want);
    CHECK(ids(refs, s) == want);
#if !defined(__clang__) || __clang_major__ >= 15 // clang 14 cannot compile libstdc++ 12's views
    auto const view = data | std::views::take(8);
    CHECK(ids(view, s) == want);
#endif
    auto const q = query(s);
    auto const page = listquery::apply<E>(list, q);
    CHECK(page.resources.front() == &*std::next(list.begin(), 7)); // points at the caller's element
}

TEST_CASE("pipeline: composed stages equal apply, with a reused buffer", "[pipeline][stages]") {
    auto const data = sample();
    listquery::sort_buffer<droplet> buffer;
    for (std::string_view s : {"order_by=created_at&per_page=2&page=3", "per_page=3&page=2",
                               "order_by=-updated_at&label_selector=!x", "created_ats[gt]=1970-01-01T00:00:01Z"}) {
        CAPTURE(s);
        auto const q = query(s);
        auto const one_call = listquery::apply<E>(data, q, {.buffer = &buffer});
        auto const piped = data | listquery::filter<E>(q) | listquery::paginate<E>(q);
        auto const called = listquery::paginate<E>(listquery::filter<E>(data, q), q, buffer);
        CHECK(piped == one_call);
        CHECK(called == one_call);
        std::vector<int> filtered;
        for (auto const& d : data | listquery::filter<E>(q))
            filtered.push_back(d.id);
        CHECK(filtered.size() == one_call.total_results);
    }
}

} // namespace order_test
