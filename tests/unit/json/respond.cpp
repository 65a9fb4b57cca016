// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/json/respond.hpp>

#include <listquery/cf_endpoints.hpp>
#include <listquery/json/pagination.hpp>
#include <listquery/memory_store.hpp>

#include "test_helpers.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace respond_test {

struct build {
    std::string guid, state, app_guid, rendered; // rendered: its JSON, written once
    std::chrono::sys_seconds created_at;
};

constexpr auto listquery_fields(listquery::tag<build>) {
    return listquery::fields(listquery::guid_field(&build::guid),
                             listquery::timestamp_field("created_ats", &build::created_at).sortable("created_at"),
                             listquery::list_field("states", &build::state), listquery::list_field("app_guids", &build::app_guid),
                             listquery::list_field("package_guids", [](build const&) { return std::string_view("p"); }));
}

inline constexpr listquery::endpoint builds{.filters = {"app_guids", "package_guids", "states"},
                                            .order_by = {"created_at"},
                                            .accepts_label_selector = false,
                                            .timestamp_filters = {"created_ats"}};
inline constexpr listquery::endpoint app_builds{.filters = {"package_guids", "states"},
                                                .rejected = {"app_guids"},
                                                .order_by = {"created_at"},
                                                .accepts_label_selector = false,
                                                .timestamp_filters = {"created_ats"},
                                                .scoped_by = "app_guids"};

std::string json_of(build const& b) {
    return boost::json::serialize(boost::json::object{{"guid", b.guid}, {"state", b.state}});
}

/// Rendered now, for each page.
std::string_view render_now(build const& b, std::string& out) {
    out = json_of(b);
    return out;
}

/// Rendered once, at load.
std::string_view rendered(build const& b, std::string&) { return b.rendered; }

std::vector<build> data() {
    std::vector<build> out;
    for (int i = 0; i < 5; ++i)
        out.push_back({"b" + std::to_string(i), i % 2 ? "STAGED" : "FAILED", i < 3 ? "app-1" : "app-2", "",
                       std::chrono::sys_seconds(std::chrono::seconds(1000 - i))});
    for (auto& b : out)
        b.rendered = json_of(b);
    return out;
}

} // namespace respond_test

using namespace respond_test;

TEST_CASE("respond: a list, its Link header and its body, exactly", "[json][respond]") {
    auto const all = data();
    listquery::memory_store<build> const store(all, render_now);
    auto const r = listquery::respond<builds>("/v3/builds?states=FAILED&order_by=created_at&per_page=2", store);
    CHECK(r.status == 200);
    std::string const first = "/v3/builds?order_by=%2Bcreated_at&page=1&per_page=2&states=FAILED";
    std::string const second = "/v3/builds?order_by=%2Bcreated_at&page=2&per_page=2&states=FAILED";
    CHECK(r.link == "<" + first + ">; rel=\"first\", <" + second + ">; rel=\"last\", <" + second + ">; rel=\"next\"");
    std::string const body = R"({"pagination":{"total_results":3,"total_pages":2,"first":{"href":")" + first +
                             R"("},"last":{"href":")" + second + R"("},"next":{"href":")" + second +
                             R"("},"previous":null},"resources":[{"guid":"b4","state":"FAILED"},{"guid":"b2","state":"FAILED"}]})";
    CHECK(r.body() == body);
    CHECK(r.content_length() == body.size());
    std::string pieces;
    r.for_each_piece([&](std::string_view p) { pieces += p; });
    CHECK(pieces == body);
    CHECK(!r.failure);
    CHECK(r.text.empty());
    // Rendered once at load, the same bytes, and no text is kept by the response.
    listquery::memory_store<build> const fast(all, rendered);
    auto const again = listquery::respond<builds>("/v3/builds?states=FAILED&order_by=created_at&per_page=2", fast);
    CHECK(again.body() == body);
    CHECK(!again.owner);
    CHECK(r.owner); // the texts rendered for this page
}

TEST_CASE("respond: absolute links from a base URL, never from the request", "[json][respond]") {
    auto const all = data();
    listquery::memory_store<build> const store(all, rendered);
    auto const base = boost::urls::parse_uri("http://127.0.0.1:8080").value();
    auto const r = listquery::respond<builds>("/v3/builds?per_page=4", store, {.base_url = base});
    auto const pagination = boost::json::parse(r.body()).at("pagination");
    CHECK(pagination.at("first").at("href") == "http://127.0.0.1:8080/v3/builds?page=1&per_page=4");
    CHECK(pagination.at("next").at("href") == "http://127.0.0.1:8080/v3/builds?page=2&per_page=4");
}

TEST_CASE("respond: a bad query is its error envelope, with the problems kept", "[json][respond]") {
    auto const all = data();
    listquery::memory_store<build> const store(all, rendered);
    auto const r = listquery::respond<builds>("/v3/builds?page=0&colour=red", store);
    CHECK(r.status == 400);
    CHECK(r.body() == R"({"errors":[{"detail":"The query parameter is invalid: Page must be a positive integer, Unknown )"
                      R"(query parameter(s): 'colour'. Valid parameters are: 'page', 'per_page', 'order_by', )"
                      R"('created_ats', 'guids', 'app_guids', 'package_guids', 'states'",)"
                      R"("title":"CF-BadQueryParameter","code":10005}]})");
    CHECK(r.link.empty());
    REQUIRE(r.failure);
    CHECK(r.failure->errors.size() == 2);
    CHECK(r.content_length() == r.text.size());
}

TEST_CASE("respond: a nested route lists within its scope, its links on its own path", "[json][respond][scope]") {
    auto const all = data();
    listquery::memory_store<build> const store(all, rendered);
    auto const r = listquery::respond<app_builds>("/v3/apps/app-2/builds?per_page=1", store,
                                                  {.scope = app_builds.within("app-2")});
    auto const body = boost::json::parse(r.body());
    CHECK(body.at("pagination").at("total_results") == 2);
    CHECK(body.at("resources").at(0).at("guid") == "b3");
    CHECK(body.at("pagination").at("next").at("href") == "/v3/apps/app-2/builds?page=2&per_page=1");
    // Read first, answered after the caller's own check (a parent that must exist).
    auto const request = listquery::read_request<app_builds>("/v3/apps/app-2/builds?app_guids=x");
    REQUIRE(!request);
    CHECK(listquery::error_response(request.error()).status == 400);
    auto const missing = listquery::error_response(404, "App not found", "CF-ResourceNotFound", 10010);
    CHECK(missing.body() == R"({"errors":[{"detail":"App not found","title":"CF-ResourceNotFound","code":10010}]})");
    CHECK(!missing.failure);
}

TEST_CASE("respond: a keyset endpoint without token keys is a 500 that says why", "[json][respond]") {
    static constexpr listquery::endpoint keyed = [] {
        listquery::endpoint e = builds;
        e.keyset_paging = true;
        return e;
    }();
    auto const all = data();
    listquery::memory_store<build> const store(all, rendered);
    auto const r = listquery::respond<keyed>("/v3/builds", store);
    CHECK(r.status == 500);
    CHECK(r.body() == R"({"errors":[{"detail":"An unknown error occurred.","title":"UnknownError","code":10001}]})");
    REQUIRE(r.failure);
    CHECK(r.failure->errors.at(0).code == listquery::error::missing_token_keys);
}

namespace respond_test {
/// A store of one's own: the concept's one member, here over a map by guid (an engine the
/// library does not have), answering from the pipeline as memory_store does.
struct map_store {
    std::vector<build> const& all;
    listquery::result<listquery::store_page> read(listquery::endpoint const&, listquery::page_request const& r) const {
        auto const page = listquery::apply<builds>(all, r.query, {.scope = r.scope});
        listquery::store_page out;
        out.total_results = page.total_results;
        for (auto const* b : page.resources)
            out.resources.push_back(b->rendered);
        return out;
    }
};
static_assert(listquery::store<map_store>);
static_assert(listquery::store<listquery::memory_store<build> const>);
} // namespace respond_test

TEST_CASE("respond: any store, the same bytes", "[json][respond]") {
    auto const all = data();
    map_store own{all};
    listquery::memory_store<build> const store(all, rendered);
    for (std::string_view target : {"/v3/builds", "/v3/builds?order_by=-created_at&per_page=2&page=2", "/v3/builds?page=9"})
        CHECK(listquery::respond<builds>(target, own).body() == listquery::respond<builds>(target, store).body());
}
