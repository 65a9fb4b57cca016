// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/json/list_body.hpp>

#include "test_helpers.hpp"

#include <listquery/json/pagination.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace list_body_test {

/// The DOM way: parse each text, build the object, serialize.
std::string through_dom(listquery::pagination const& p, std::vector<std::string> const& resources) {
    boost::json::array items;
    for (auto const& r : resources)
        items.push_back(boost::json::parse(r));
    return boost::json::serialize(listquery::list_response(p, std::move(items)));
}

listquery::pagination two_pages() {
    return {3, 2, {"/v3/droplets?page=1&per_page=2", "/v3/droplets?page=2&per_page=2", "/v3/droplets?page=2&per_page=2", std::nullopt}};
}

} // namespace list_body_test

using list_body_test::through_dom;
using list_body_test::two_pages;

TEST_CASE("list body: the exact bytes, around the caller's texts", "[json][list_body]") {
    std::vector<std::string> const rendered{R"({"guid":"a","state":"STAGED"})", R"({"guid":"b"})"};
    listquery::list_body const body(two_pages(), rendered);
    std::string const want =
        R"({"pagination":{"total_results":3,"total_pages":2,"first":{"href":"/v3/droplets?page=1&per_page=2"},)"
        R"("last":{"href":"/v3/droplets?page=2&per_page=2"},"next":{"href":"/v3/droplets?page=2&per_page=2"},)"
        R"("previous":null},"resources":[{"guid":"a","state":"STAGED"},{"guid":"b"}]})";
    CHECK(body.str() == want);
    CHECK(body.size() == want.size());
    CHECK(through_dom(two_pages(), rendered) == want);
}

TEST_CASE("list body: no resources", "[json][list_body]") {
    listquery::pagination const p{0, 1, {"/v3/builds?page=1&per_page=50", "/v3/builds?page=1&per_page=50", {}, {}}};
    listquery::list_body const body(p, std::vector<std::string_view>{});
    CHECK(body.str() == R"({"pagination":{"total_results":0,"total_pages":1,"first":{"href":"/v3/builds?page=1&per_page=50"},)"
                        R"("last":{"href":"/v3/builds?page=1&per_page=50"},"next":null,"previous":null},"resources":[]})");
    CHECK(body.buffers().size() == 2);
}

TEST_CASE("list body: the buffers point at the caller's texts, in order", "[json][list_body]") {
    std::vector<std::string> const rendered{R"({"guid":"a"})", R"({"guid":"b"})", R"({"guid":"c"})"};
    listquery::list_body const body(two_pages(), rendered);
    struct piece { // the shape of boost::asio::const_buffer: a pointer and a size
        void const* data;
        std::size_t size;
    };
    auto const pieces = body.buffers<piece>();
    REQUIRE(pieces.size() == 7); // head, a, ",", b, ",", c, "]}"
    for (std::size_t i = 0; i < rendered.size(); ++i) {
        CHECK(pieces[1 + 2 * i].data == rendered[i].data()); // not copied
        CHECK(pieces[1 + 2 * i].size == rendered[i].size());
    }
    std::string joined;
    for (auto const& p : pieces)
        joined.append(static_cast<char const*>(p.data), p.size);
    CHECK(joined == body.str());
    std::string appended = "x";
    body.append_to(appended);
    CHECK(appended == "x" + body.str());
}

TEST_CASE("list body: an href that is not UTF-8 is written with U+FFFD", "[json][list_body]") {
    listquery::pagination p = two_pages();
    p.links.first = "/v3/x?a=\xFF\"";
    std::string const text = listquery::list_body(p, std::vector<std::string_view>{}).str();
    CHECK(text.find("\"first\":{\"href\":\"/v3/x?a=\xEF\xBF\xBD\\\"\"}") != std::string::npos);
    CHECK(listquery::detail::is_valid_utf8(text));
}

TEST_CASE("list body: escapes what it writes; equals the DOM over random paginations", "[json][list_body]") {
    std::mt19937_64 rng(7);
    std::vector<std::string> const hrefs{"/v3/packages?page=1&per_page=5", "", "a\"b\\c", std::string("nul\0x", 5),
                                         "tab\tnewline\n", "\xC3\xA9t\xC3\xA9", "/v3/x?label_selector=a%21%3Db",
                                         "\xFF", "a\xC3", "\xED\xA0\x80" "surrogate", "\xF4\x90\x80\x80" "big", "\xC0\xAF"}; // the last five not UTF-8
    std::vector<std::string> const texts{R"({"guid":"g","metadata":{"labels":{"é":"\u00e9"}}})", R"({})", R"({"n":[1,2.5,null,true]})",
                                         R"({"s":"\"quoted\" \\ /"})"};
    auto pick = [&](auto const& v) { return v[rng() % v.size()]; };
    for (int round = 0; round < 500; ++round) {
        listquery::pagination p;
        p.total_results = rng() % 3 == 0 ? rng() : rng() % 1000;
        p.total_pages = rng() % 3 == 0 ? ~std::uint64_t{0} : rng() % 100;
        p.links.first = pick(hrefs);
        p.links.last = pick(hrefs);
        if (rng() % 2)
            p.links.next = pick(hrefs);
        if (rng() % 2)
            p.links.previous = pick(hrefs);
        std::vector<std::string> rendered;
        for (std::size_t n = rng() % 6; n > 0; --n)
            rendered.push_back(boost::json::serialize(boost::json::parse(pick(texts)))); // compact, as at load
        listquery::list_body const body(p, rendered);
        INFO(body.str());
        CHECK(body.str() == through_dom(p, rendered));
        CHECK(listquery::detail::is_valid_utf8(body.str()));
        CHECK(body.size() == body.str().size());
    }
}
