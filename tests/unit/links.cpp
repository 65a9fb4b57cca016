// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/links.hpp>

#include <listquery/cf_endpoints.hpp>
#include <listquery/json/pagination.hpp>
#include <listquery/parse/list_query.hpp>

#include "test_helpers.hpp"

#include <boost/json/serialize.hpp>

#include <string>

namespace links_test {

template <listquery::endpoint const& E = listquery::cf::droplets>
listquery::list_query query(std::string_view s) {
    auto q = listquery::parse_list_query<E>(s);
    INFO(s);
    REQUIRE(q.has_value());
    return std::move(*q);
}

// The first link's query string for `s` on /v3/droplets.
std::string first_query(std::string_view s) {
    auto const p = listquery::make_pagination("/v3/droplets", query(s), 1);
    return p.links.first.substr(p.links.first.find('?') + 1);
}

TEST_CASE("links: the seed documents' examples", "[links]") {
    auto const p = listquery::make_pagination("/v3/packages", query<listquery::cf::packages>("page=1&per_page=2"), 3);
    CHECK(p.total_results == 3);
    CHECK(p.total_pages == 2);
    CHECK(p.links.first == "/v3/packages?page=1&per_page=2");
    CHECK(p.links.last == "/v3/packages?page=2&per_page=2");
    CHECK(p.links.next == "/v3/packages?page=2&per_page=2");
    CHECK_FALSE(p.links.previous);
    std::string const path = "/v3/apps/guid-01e350db-c744-4a06-a0e1-b5aba661673f/droplets";
    auto const d = listquery::make_pagination(
        path, links_test::query<listquery::cf::app_droplets>("states=STAGED%2CFAILED&page=1&per_page=2&order_by=-created_at"), 2);
    std::string const href = path + "?order_by=-created_at&page=1&per_page=2&states=STAGED%2CFAILED";
    CHECK(d.links.first == href);
    CHECK(d.links.last == href);
    CHECK_FALSE(d.links.next);
    CHECK_FALSE(d.links.previous);
}

TEST_CASE("links: parameters, encoding and order (docs/semantics.md#links)", "[links]") {
    struct row {
        std::string_view query, link;
    };
    row const rows[] = {
        {"", "page=1&per_page=50"},                          // per_page always
        {"per_page=007", "page=1&per_page=7"},               // printed as an integer
        {"order_by=created_at", "order_by=%2Bcreated_at&page=1&per_page=50"}, // always signed
        {"order_by=%2Bupdated_at", "order_by=%2Bupdated_at&page=1&per_page=50"},
        {"order_by=-updated_at", "order_by=-updated_at&page=1&per_page=50"},
        {"order_by=", "page=1&per_page=50"},                 // blank: no order_by
        {"states=STAGED,FAILED", "page=1&per_page=50&states=STAGED%2CFAILED"},
        {"states=STAGED%2C+FAILED", "page=1&per_page=50&states=STAGED%2CFAILED"},
        {"states=a%252Cb,c", "page=1&per_page=50&states=a%252Cb%2Cc"}, // a literal comma
        {"states=a%252541,b", "page=1&per_page=50&states=a%252541%2Cb"}, // a literal %41 stays one
        {"states=a,%2520b,%250A+c", "page=1&per_page=50&states=a%2C%2520b%2C%250A%2520c"}, // leading white space kept
        {"states=%2520a", "page=1&per_page=50&states=+a"}, // the first element keeps its space as is
        {"states=", "page=1&per_page=50&states="},
        {"states", "page=1&per_page=50&states="},
        {"states=a+b", "page=1&per_page=50&states=a+b"},     // space as '+'
        {"states=a%2Bb", "page=1&per_page=50&states=a%2Bb"},
        {"states=%C3%A9~*", "page=1&per_page=50&states=%C3%A9~%2A"},
        {"states=a%26page%3D9%3Bx", "page=1&per_page=50&states=a%26page%3D9%3Bx"}, // no injection
        {"guids=g1&app_guids=a", "app_guids=a&guids=g1&page=1&per_page=50"},
        {"label_selector=foo+in+(bar)", "label_selector=foo+in+%28bar%29&page=1&per_page=50"},
        {"label_selector=a%3D%3Db", "label_selector=a%3D%3Db&page=1&per_page=50"}, // as given
        {"label_selector=a%3Db,c!%3Dd,e+in+(f,g),h+notin+(i),j,!k,x.com/y",
         "label_selector=a%3Db%2Cc%21%3Dd%2Ce+in+%28f%2Cg%29%2Ch+notin+%28i%29%2Cj%2C%21k%2Cx.com%2Fy&page=1&per_page=50"},
        {"created_ats[lt]=2020-01-01T00:00:00Z",
         "created_ats%5Blt%5D=2020-01-01T00%3A00%3A00Z&page=1&per_page=50"},
        {"updated_ats[gte]=2020-01-01T00:00:00Z&updated_ats[lt]=2021-01-01T00:00:00Z",
         "page=1&per_page=50&updated_ats%5Bgte%5D=2020-01-01T00%3A00%3A00Z&updated_ats%5Blt%5D=2021-01-01T00%3A00%3A00Z"},
        {"created_ats=2020-01-01T00:00:00Z,2020-01-02T00:00:00Z",
         "created_ats=2020-01-01T00%3A00%3A00Z%2C2020-01-02T00%3A00%3A00Z&page=1&per_page=50"},
        // Sorted bytewise as "key=value" strings.
        {"states=S&label_selector=l&app_guids=a&order_by=-created_at&guids=g&created_ats[gt]=2020-01-01T00:00:00Z&per_page=3",
         "app_guids=a&created_ats%5Bgt%5D=2020-01-01T00%3A00%3A00Z&guids=g&label_selector=l&order_by=-created_at&page=1&per_page=3&states=S"},
    };
    for (auto const& r : rows) {
        CAPTURE(r.query);
        CHECK(first_query(r.query) == r.link);
    }
}

TEST_CASE("links: first, last, next and previous on every kind of page", "[links]") {
    struct row {
        std::string_view query;
        std::uint64_t total, pages;
        std::string_view last;
        std::optional<std::string_view> next, previous;
    };
    row const rows[] = {
        {"per_page=10", 0, 1, "/v3/droplets?page=1&per_page=10", std::nullopt, std::nullopt},      // zero results
        {"per_page=10", 10, 1, "/v3/droplets?page=1&per_page=10", std::nullopt, std::nullopt},
        {"per_page=10", 11, 2, "/v3/droplets?page=2&per_page=10", "/v3/droplets?page=2&per_page=10", std::nullopt},
        {"per_page=10&page=2", 35, 4, "/v3/droplets?page=4&per_page=10", "/v3/droplets?page=3&per_page=10",
         "/v3/droplets?page=1&per_page=10"},                                                       // middle
        {"per_page=10&page=4", 35, 4, "/v3/droplets?page=4&per_page=10", std::nullopt, "/v3/droplets?page=3&per_page=10"},
        {"per_page=10&page=9", 35, 4, "/v3/droplets?page=4&per_page=10", std::nullopt, "/v3/droplets?page=8&per_page=10"},
    };
    for (auto const& r : rows) {
        CAPTURE(r.query, r.total);
        auto const p = listquery::make_pagination("/v3/droplets", query(r.query), r.total);
        CHECK(p.total_results == r.total);
        CHECK(p.total_pages == r.pages);
        CHECK(p.links.first.starts_with("/v3/droplets?page=1&"));
        CHECK(p.links.last == r.last);
        CHECK(p.links.next == r.next);
        CHECK(p.links.previous == r.previous);
    }
}

TEST_CASE("links: absolute with a base URL", "[links]") {
    auto const q = query("per_page=2");
    for (std::string_view base : {"https://api.example.org", "https://api.example.org/", "https://api.example.org/?x=1#f"}) {
        CAPTURE(base);
        CHECK(listquery::make_pagination("/v3/droplets", q, 1, boost::urls::parse_uri(base).value()).links.first ==
              "https://api.example.org/v3/droplets?page=1&per_page=2");
    }
    CHECK(listquery::make_pagination("/v3/droplets", q, 1, boost::urls::parse_uri("http://localhost:8080/cf/").value())
              .links.first == "http://localhost:8080/cf/v3/droplets?page=1&per_page=2");
    CHECK(listquery::make_pagination("/v3/apps/a%20b/droplets", q, 1).links.first ==
          "/v3/apps/a%20b/droplets?page=1&per_page=2"); // the path as written
}

TEST_CASE("links: an href's query parses back to the query that made it", "[links]") {
    for (std::string_view s :
         {"states=a%252Cb,c+d,%C3%A9&order_by=-created_at&per_page=3&page=2",
          "states=a%252541,%25zz,%2525e9&guids=%2525", // literal '%' in elements (a fuzzing finding)
          "states=a,%250a%250a,%2520b,+c%2520&app_guids=%2509", // leading white space (a fuzzing finding)
          "label_selector=a%3Db,c+in+(d,e),!f&guids=x%26y%3Dz", "created_ats[lte]=2020-01-01T00:00:00Z&app_guids=",
          "updated_ats=2020-01-01T00:00:00Z,2020-01-01T00:00:01Z&order_by=updated_at"}) {
        CAPTURE(s);
        auto const q = query(s);
        auto const p = listquery::make_pagination("/v3/droplets", q, 1000);
        std::string const href = p.links.first;
        auto const again = listquery::parse_list_query<listquery::cf::droplets>(std::string_view(href).substr(href.find('?') + 1));
        REQUIRE(again.has_value());
        auto expected = q;
        expected.page = 1;
        CHECK(*again == expected);
    }
}

TEST_CASE("links: the Link header and the JSON pagination object", "[links][json]") {
    auto const p = listquery::make_pagination("/v3/droplets", query("per_page=1&page=2"), 3);
    CHECK(listquery::link_header(p.links) ==
          R"(</v3/droplets?page=1&per_page=1>; rel="first", </v3/droplets?page=3&per_page=1>; rel="last", )"
          R"(</v3/droplets?page=3&per_page=1>; rel="next", </v3/droplets?page=1&per_page=1>; rel="prev")");
    CHECK(boost::json::serialize(boost::json::value_from(p)) ==
          R"({"total_results":3,"total_pages":3,"first":{"href":"/v3/droplets?page=1&per_page=1"},)"
          R"("last":{"href":"/v3/droplets?page=3&per_page=1"},"next":{"href":"/v3/droplets?page=3&per_page=1"},)"
          R"("previous":{"href":"/v3/droplets?page=1&per_page=1"}})");
    auto const one = listquery::make_pagination("/v3/droplets", query(""), 0);
    CHECK(listquery::link_header(one.links) ==
          R"(</v3/droplets?page=1&per_page=50>; rel="first", </v3/droplets?page=1&per_page=50>; rel="last")");
    CHECK(boost::json::serialize(listquery::list_response(one, {})) ==
          R"({"pagination":{"total_results":0,"total_pages":1,"first":{"href":"/v3/droplets?page=1&per_page=50"},)"
          R"("last":{"href":"/v3/droplets?page=1&per_page=50"},"next":null,"previous":null},"resources":[]})");
}

} // namespace links_test

TEST_CASE("links: from the page apply made, and whether a query filters", "[links]") {
    auto const q = listquery::parse_list_query<listquery::cf::packages>("states=READY&per_page=2&page=2").value();
    listquery::page_result<int> const page{{}, 5, 3, 2, 2};
    CHECK(listquery::make_pagination("/v3/packages", q, page) == listquery::make_pagination("/v3/packages", q, 5));
    CHECK(listquery::make_pagination("/v3/packages", q, page).links.next == "/v3/packages?page=3&per_page=2&states=READY");
    CHECK(listquery::has_filters(q));
    CHECK_FALSE(listquery::has_filters(listquery::parse_list_query<listquery::cf::packages>("per_page=2&order_by=created_at").value()));
    CHECK(listquery::has_filters(listquery::parse_list_query<listquery::cf::packages>("created_ats[lt]=2020-01-01T00:00:00Z").value()));
    CHECK(listquery::has_filters(listquery::parse_list_query<listquery::cf::packages>("label_selector=a").value()));
}

TEST_CASE("links: a page named by another key sits at that key's sorted place", "[links]") {
    listquery::link_builder const b("/v3/builds", links_test::query<listquery::cf::builds>("states=STAGED&per_page=2&order_by=-created_at"));
    CHECK(b.href(3) == "/v3/builds?order_by=-created_at&page=3&per_page=2&states=STAGED");
    CHECK(b.href_with("page_token", "abc-_") == "/v3/builds?order_by=-created_at&page_token=abc-_&per_page=2&states=STAGED");
    CHECK(b.href_with("a", "x y") == "/v3/builds?a=x+y&order_by=-created_at&per_page=2&states=STAGED"); // first
    CHECK(b.href_with("zz", "1") == "/v3/builds?order_by=-created_at&per_page=2&states=STAGED&zz=1");  // last
    listquery::link_builder const bare("/v3/builds", links_test::query<listquery::cf::builds>(""));
    CHECK(bare.href_with("page_token", "t") == "/v3/builds?page_token=t&per_page=50");
}

TEST_CASE("links: a nested route's scope stays out of the query string", "[links][scope]") {
    // The path names the app; the scope is no parameter of the request, so no link repeats it.
    auto const q = links_test::query<listquery::cf::app_droplets>("states=STAGED&per_page=1");
    auto const p = listquery::make_pagination("/v3/apps/a1/droplets", q, 2);
    CHECK(p.links.first == "/v3/apps/a1/droplets?page=1&per_page=1&states=STAGED");
    CHECK(p.links.next == "/v3/apps/a1/droplets?page=2&per_page=1&states=STAGED");
}
