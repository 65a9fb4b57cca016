// SPDX-License-Identifier: BSL-1.0
// Keyset paging in memory, as a client uses it: follow the `next` hrefs from page 1, and the
// `previous` hrefs from `last`, over random datasets and queries. Without changes the walks give
// the query's whole order, page by page; with random inserts and deletes between requests,
// every resource present for the whole walk is seen exactly once each way, and none twice.
#include <listquery/keyset.hpp>
#include <listquery/keyset/hmac_sha256.hpp>

#include "keyset/endpoints.hpp"
#include "support/reference_pipeline.hpp"
#include "support/test_resources.hpp"

#include <catch2/catch.hpp>

#include <list>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace keyset_walk_test {

using test_model::droplet;
constexpr auto& E = keyset_test::droplets;

listquery::hmac_sha256_signer const signer("keyset walk test key, 32 bytes!");

/// A random query without `page`: per_page, an order (or none), filters, a selector.
std::string random_query(std::mt19937& rng) {
    std::string q = reference_pipeline::random_query(rng);
    auto const page = q.find("&page=");
    auto const end = q.find('&', page + 1);
    return q.erase(page, end == std::string::npos ? std::string::npos : end - page);
}

struct response {
    std::vector<std::string> guids;
    std::optional<std::string> next, previous; // the hrefs' queries
    listquery::pagination pagination;
};

/// The data, an index of each order, and a resource_index that keeps one order and some of the
/// filters (the others are checked on the resources), all kept up to date.
struct store {
    std::list<droplet> data;
    listquery::sort_index<droplet> by_created = listquery::sort_index<droplet>::make(data, "created_at").value();
    listquery::sort_index<droplet> by_updated = listquery::sort_index<droplet>::make(data, "updated_at").value();
    listquery::resource_index<droplet> index =
        listquery::resource_index<droplet>::make(data, {.order_by = {"created_at"}, .filters = {"states", "created_ats", "label_selector"}})
            .value();

    explicit store(std::vector<droplet> const& d) : data(d.begin(), d.end()) {}
    void erase(std::list<droplet>::iterator it) {
        by_created.erase(*it);
        by_updated.erase(*it);
        index.erase(*it);
        data.erase(it);
    }
    void insert(std::list<droplet>::iterator at, droplet const& d) {
        auto const it = data.insert(at, d);
        by_created.insert(*it);
        by_updated.insert(*it);
        index.insert(*it);
    }
};

/// Answers `query` over `s` (within a scope, for a nested route) as a server does: parse, check
/// the token, page, links; the page read through the sort_index of its order, or through the
/// resource_index (which does not keep the scope's field), is the same.
response answer(std::string const& query, store const& s, std::optional<listquery::scope> const& within = {}) {
    auto const& data = s.data;
    auto const q = listquery::parse_list_query<E>(query);
    REQUIRE(q.has_value());
    std::optional<listquery::keyset_cursor> cursor;
    if (!q->page_token.empty()) {
        auto c = listquery::decode_page_token(*q, {&signer, {}}, within);
        REQUIRE(c.has_value());
        cursor = *c;
    }
    auto const page = listquery::apply_keyset<E>(data, *q, cursor, {.scope = within});
    auto const& index = q->order->field == "created_at" ? s.by_created : s.by_updated;
    auto const indexed = listquery::apply_keyset<E>(data, *q, cursor, {.scope = within, .sort = &index});
    REQUIRE(indexed.page == page.page);
    REQUIRE(indexed.next == page.next);
    REQUIRE(indexed.previous == page.previous);
    auto const by_index = listquery::apply_keyset<E>(data, *q, cursor, {.scope = within, .index = &s.index});
    REQUIRE(by_index.page == page.page);
    REQUIRE(by_index.next == page.next);
    REQUIRE(by_index.previous == page.previous);
    response r;
    for (auto const* d : page.page.resources)
        r.guids.push_back(d->guid);
    r.pagination = listquery::make_keyset_pagination("/v3/droplets", *q, page, {&signer, {}}, {}, within);
    auto const query_of = [](std::string const& href) { return href.substr(href.find('?') + 1); };
    if (r.pagination.links.next)
        r.next = query_of(*r.pagination.links.next);
    if (r.pagination.links.previous)
        r.previous = query_of(*r.pagination.links.previous);
    return r;
}

/// The query's whole order, by the offset pipeline.
std::vector<std::string> whole_order(std::string const& query, std::list<droplet> const& data,
                                     std::optional<listquery::scope> const& within = {}) {
    auto q = listquery::parse_list_query<E>(query).value();
    q.per_page = 5000;
    std::vector<std::string> out;
    for (auto const* d : listquery::apply<E>(data, q, {.scope = within}).resources)
        out.push_back(d->guid);
    return out;
}

} // namespace keyset_walk_test

using namespace keyset_walk_test;

TEST_CASE("keyset walk: within a scope, forward and backward give the scope's whole order", "[keyset][walk][scope]") {
    std::mt19937 rng(22);
    for (int round = 0; round < 300; ++round) {
        store const data(reference_pipeline::random_data(rng));
        std::string const query = random_query(rng);
        listquery::scope const within{"app_guids", round % 2 ? "a1" : "a2"};
        INFO(query << " within " << within.value);
        auto const want = whole_order(query, data.data, within);
        std::vector<std::string> forward, backward;
        auto r = answer(query, data, within);
        CHECK(r.pagination.total_results == want.size());
        for (std::size_t pages = 1;; ++pages) {
            forward.insert(forward.end(), r.guids.begin(), r.guids.end());
            if (!r.next)
                break;
            CHECK_FALSE(listquery::decode_page_token(listquery::parse_list_query<E>(*r.next).value(), {&signer, {}}).has_value());
            r = answer(*r.next, data, within); // the token holds the scope: without it, it is refused
            REQUIRE(pages < 100);
        }
        CHECK(forward == want);
        std::string const last = r.pagination.links.last;
        r = answer(last.substr(last.find('?') + 1), data, within);
        for (std::size_t pages = 1;; ++pages) {
            backward.insert(backward.begin(), r.guids.begin(), r.guids.end());
            if (!r.previous)
                break;
            r = answer(*r.previous, data, within);
            REQUIRE(pages < 100);
        }
        CHECK(backward == want);
    }
}

TEST_CASE("keyset walk: forward and backward give the whole order, page by page", "[keyset][walk]") {
    std::mt19937 rng(16);
    for (int round = 0; round < 1000; ++round) {
        store const data(reference_pipeline::random_data(rng));
        std::string const query = random_query(rng);
        INFO(query);
        auto const want = whole_order(query, data.data);
        auto const per_page = listquery::parse_list_query<E>(query)->per_page;
        std::vector<std::string> forward;
        auto r = answer(query, data);
        CHECK(r.pagination.total_results == want.size());
        CHECK(!r.previous);
        for (std::size_t pages = 1;; ++pages) {
            CHECK(r.guids.size() == std::min<std::size_t>(per_page, want.size() - forward.size()));
            forward.insert(forward.end(), r.guids.begin(), r.guids.end());
            if (!r.next)
                break;
            r = answer(*r.next, data);
            CHECK(r.pagination.total_results == want.size());
            REQUIRE(pages < 100);
        }
        CHECK(forward == want);
        // Backward from `last`.
        std::string const last = r.pagination.links.last;
        r = answer(last.substr(last.find('?') + 1), data);
        std::vector<std::string> backward;
        for (std::size_t pages = 1;; ++pages) {
            backward.insert(backward.begin(), r.guids.begin(), r.guids.end());
            if (!r.previous)
                break;
            r = answer(*r.previous, data);
            REQUIRE(pages < 100);
        }
        CHECK(backward == want);
    }
}

TEST_CASE("keyset walk: inserts and deletes between requests neither skip nor repeat", "[keyset][walk]") {
    std::mt19937 rng(1616);
    int next_guid = 0;
    for (int round = 0; round < 1000; ++round) {
        store s(reference_pipeline::random_data(rng));
        auto& data = s.data;
        std::string const query = random_query(rng);
        INFO(query);
        std::set<std::string> removed_or_added; // seen at most once; the others exactly once
        auto mutate = [&] {
            for (int n = std::uniform_int_distribution<int>(0, 2)(rng); n > 0 && !data.empty(); --n) {
                auto it = data.begin();
                std::advance(it, std::uniform_int_distribution<std::size_t>(0, data.size() - 1)(rng));
                removed_or_added.insert(it->guid);
                s.erase(it);
            }
            for (int n = std::uniform_int_distribution<int>(0, 2)(rng); n > 0; --n) {
                auto extra = reference_pipeline::random_data(rng);
                if (extra.empty())
                    continue;
                droplet d = extra.front();
                d.guid = "new" + std::to_string(next_guid++);
                removed_or_added.insert(d.guid);
                auto it = data.begin();
                std::advance(it, std::uniform_int_distribution<std::size_t>(0, data.size())(rng));
                s.insert(it, d);
            }
        };
        auto const stayed = [&](std::vector<std::string> const& at_start) {
            std::set<std::string> out;
            for (auto const& g : at_start)
                if (!removed_or_added.contains(g))
                    out.insert(g);
            return out;
        };
        for (bool const backward : {false, true}) {
            removed_or_added.clear();
            auto const at_start = whole_order(query, data);
            auto r = answer(query, s);
            if (backward) {
                std::string const last = r.pagination.links.last;
                r = answer(last.substr(last.find('?') + 1), s);
            }
            std::map<std::string, int> seen;
            std::string trace;
            for (std::size_t pages = 1;; ++pages) {
                trace += " |";
                for (auto const& g : r.guids)
                    ++seen[g], trace += " " + g;
                auto const& follow = backward ? r.previous : r.next;
                if (!follow)
                    break;
                mutate();
                r = answer(*follow, s);
                REQUIRE(pages < 200);
            }
            for (auto const& [g, n] : seen) {
                INFO("backward " << backward << " guid " << g << " trace " << trace);
                CHECK(n == 1);
            }
            for (auto const& g : stayed(at_start))
                CHECK(seen.contains(g));
        }
    }
}

TEST_CASE("keyset: page N without a token is apply's page N, with links both ways", "[keyset][walk]") {
    std::mt19937 rng(1617);
    for (int round = 0; round < 500; ++round) {
        store const s(reference_pipeline::random_data(rng));
        std::string const query = reference_pipeline::random_query(rng); // with a page
        INFO(query);
        auto const q = listquery::parse_list_query<E>(query);
        REQUIRE(q.has_value());
        auto const page = listquery::apply_keyset<E>(s.data, *q, std::nullopt);
        CHECK(page.page == listquery::apply<E>(s.data, *q));
        auto const& index = q->order->field == "created_at" ? s.by_created : s.by_updated;
        auto const indexed = listquery::apply_keyset<E>(s.data, *q, std::nullopt, {.sort = &index});
        auto const by_index = listquery::apply_keyset<E>(s.data, *q, std::nullopt, {.index = &s.index});
        CHECK(indexed.page == page.page);
        CHECK(by_index.page == page.page);
        CHECK(indexed.next == page.next);
        CHECK(by_index.next == page.next);
        CHECK(indexed.previous == page.previous);
        CHECK(by_index.previous == page.previous);
        // A link wherever a match lies beyond the page; past the end, back to the last page.
        auto const shown = (q->page - 1) * q->per_page + page.page.resources.size();
        bool const empty = page.page.resources.empty();
        CHECK(page.next.has_value() == (!empty && shown < page.page.total_results));
        CHECK(page.previous.has_value() == (empty ? page.page.total_results > 0 : q->page > 1));
        if (empty && page.previous)
            CHECK(page.previous->from_end);
    }
}
