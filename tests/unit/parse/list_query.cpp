// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/parse/list_query.hpp>

#include <listquery/cf_endpoints.hpp>

#include "test_helpers.hpp"

#include <boost/url/parse.hpp>

#include <chrono>
#include <string>
#include <vector>

using listquery::error;
using namespace std::chrono;

namespace {

constexpr std::string_view prefix = "The query parameter is invalid: ";
constexpr std::string_view timestamp_format =
    "has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'";

// The detail of the error response for `query` on endpoint E ("" if it parses).
template <listquery::endpoint const& E = listquery::cf::packages>
std::string detail_of(std::string_view query, listquery::parse_options const& opts = {}) {
    auto const r = listquery::parse_list_query<E>(query, opts);
    return r ? std::string() : r.error().detail();
}

template <listquery::endpoint const& E = listquery::cf::packages>
listquery::list_query parse_ok(std::string_view query) {
    auto r = listquery::parse_list_query<E>(query);
    INFO(query << " -> " << (r ? "" : r.error().detail()));
    REQUIRE(r.has_value());
    return std::move(*r);
}

std::vector<std::string_view> values_of(listquery::list_query const& q, std::string_view name) {
    auto const* f = q.filter(name);
    REQUIRE(f != nullptr);
    return listquery_test::as_vector(f->values);
}

using views = std::vector<std::string_view>;

inline constexpr listquery::endpoint roles_like{.filters = {"types"}, .error_kind = listquery::error_response_kind::unprocessable_entity};
inline constexpr listquery::endpoint shallow{.maximum_result = 100};
inline constexpr listquery::endpoint no_selector{.filters = {"names"}, .order_by = {"name"}, .accepts_label_selector = false};

} // namespace

TEST_CASE("list query: defaults", "[parse][list_query]") {
    for (std::string_view query : {"", "&", "&&&", "=x", "=", "&=&"}) {
        CAPTURE(query);
        auto const q = parse_ok(query);
        CHECK(q.page == 1);
        CHECK(q.per_page == 50);
        CHECK_FALSE(q.order);
        CHECK(q.filters.empty());
        CHECK(q.timestamps.empty());
        CHECK_FALSE(q.selector);
    }
}

TEST_CASE("list query: a full valid query", "[parse][list_query]") {
    auto const q = parse_ok<listquery::cf::droplets>(
        "states=STAGED%2CFAILED&per_page=2&order_by=-created_at&page=3&app_guids=a1,%20a2"
        "&guids=g&created_ats%5Bgte%5D=2020-01-01T00:00:00Z&created_ats[lt]=2021-01-01T00:00:00Z"
        "&updated_ats=2020-05-26T18:47:03Z,2020-05-26T18:47:04Z&label_selector=env%3Dprod,tier+in+(web,api)");
    CHECK(q.page == 3);
    CHECK(q.per_page == 2);
    REQUIRE(q.order);
    CHECK(*q.order == listquery::order_by{"created_at", listquery::direction::desc});
    // Common filters first, then the endpoint's own, in declaration order.
    REQUIRE(q.filters.size() == 3);
    CHECK(q.filters[0].name == "guids");
    CHECK(q.filters[1].name == "app_guids");
    CHECK(q.filters[2].name == "states");
    CHECK(values_of(q, "states") == views{"STAGED", "FAILED"});
    CHECK(values_of(q, "app_guids") == views{"a1", "a2"});
    REQUIRE(q.timestamps.size() == 2);
    auto const* created = q.timestamp("created_ats");
    REQUIRE(created);
    CHECK(created->any_of.empty());
    CHECK(listquery_test::as_vector(created->all_of) == std::vector<listquery::timestamp_condition>{
                                 {listquery::timestamp_op::gte, sys_days(2020y / January / 1)},
                                 {listquery::timestamp_op::lt, sys_days(2021y / January / 1)}});
    auto const* updated = q.timestamp("updated_ats");
    REQUIRE(updated);
    CHECK(listquery_test::as_vector(updated->any_of) == std::vector<listquery::timestamp>{
                                 sys_days(2020y / May / 26) + 18h + 47min + 3s,
                                 sys_days(2020y / May / 26) + 18h + 47min + 4s});
    REQUIRE(q.selector);
    CHECK(to_string(*q.selector) == "env=prod,tier in (web,api)");
    CHECK(q.selector_text == "env=prod,tier in (web,api)");
    CHECK(q.filter("types") == nullptr);
    CHECK(q.timestamp("deleted_ats") == nullptr);
}

TEST_CASE("list query: Rack decoding, last key wins, second decoding of list elements",
          "[parse][list_query]") {
    CHECK(values_of(parse_ok("states=a,b"), "states") == views{"a", "b"});
    CHECK(values_of(parse_ok("states=a%2Cb"), "states") == views{"a", "b"});
    CHECK(values_of(parse_ok("states=a%252Cb"), "states") == views{"a,b"});
    CHECK(values_of(parse_ok("states=a+b"), "states") == views{"a b"});
    CHECK(values_of(parse_ok("states=a%2Bb"), "states") == views{"a+b"});
    CHECK(values_of(parse_ok("states=a,+b"), "states") == views{"a", "b"});
    CHECK(values_of(parse_ok("states=a+,b"), "states") == views{"a ", "b"});
    CHECK(values_of(parse_ok("states=a,"), "states") == views{"a", ""});
    CHECK(values_of(parse_ok("states="), "states") == views{""});
    CHECK(values_of(parse_ok("states"), "states") == views{""}); // docs/semantics.md#query-no-value
    CHECK(values_of(parse_ok("states=a&states=b"), "states") == views{"b"});
    CHECK(values_of(parse_ok("states=a&states"), "states") == views{""});
    CHECK(values_of(parse_ok("%73tates=x"), "states") == views{"x"}); // keys are decoded too
    CHECK(values_of(parse_ok("types=a%00b"), "types") == views{std::string_view("a\0b", 3)});
    CHECK(parse_ok("page=2&page").page == 1);         // a bare key is ignored, and wins
    CHECK(parse_ok("per_page=7&per_page=0007").per_page == 7);
    CHECK(parse_ok("page=007").page == 7);
}

TEST_CASE("list query: order_by", "[parse][list_query]") {
    CHECK(*parse_ok("order_by=updated_at").order == listquery::order_by{"updated_at", listquery::direction::asc});
    CHECK(*parse_ok("order_by=%2Bupdated_at").order == listquery::order_by{"updated_at", listquery::direction::asc});
    CHECK_FALSE(parse_ok("order_by=").order);
    CHECK_FALSE(parse_ok("order_by=+").order);   // decodes to a space: blank, ignored
    CHECK_FALSE(parse_ok("order_by=%20").order);
    CHECK_FALSE(parse_ok("order_by").order);
    CHECK(detail_of("order_by=+created_at") ==
          std::string(prefix) + "Order by can only be: 'created_at', 'updated_at'");
    CHECK(detail_of<no_selector>("order_by=created_at") == std::string(prefix) + "Order by can only be: 'name'");
}

TEST_CASE("list query: page, per_page and the maximum result", "[parse][list_query]") {
    std::string const page_error = std::string(prefix) + "Page must be a positive integer";
    CHECK(detail_of("page=0") == page_error);
    CHECK(detail_of("page=") == page_error);
    CHECK(detail_of("page=2abc") == page_error);
    CHECK(detail_of("page=%2B1") == page_error);
    CHECK(detail_of("page=-1") == page_error);
    CHECK(detail_of("per_page=") == std::string(prefix) + "Per page must be a positive integer");
    CHECK(detail_of("per_page=5001") == std::string(prefix) + "Per page must be between 1 and 5000");
    std::string const max = "Maximum result (page * per_page) must be less than 9223372036854775807";
    CHECK(detail_of("page=9223372036854775807&per_page=2") == std::string(prefix) + max);
    CHECK(detail_of("page=9223372036854775807&per_page=1").empty());
    CHECK(detail_of("page=4611686018427387904").empty() == false); // x 50 (the default per_page)
    CHECK(detail_of("per_page=99999999999999999999") ==
          std::string(prefix) + "Per page must be between 1 and 5000, " + max);
    CHECK(detail_of("page=9999999999999999999999999999999999999999") == std::string(prefix) + max);
    CHECK(detail_of("page=abc&per_page=5000") == page_error); // not digits counts as 0
    CHECK(detail_of("page=99999999999999999999&per_page=abc") ==
          std::string(prefix) + "Per page must be a positive integer");
    CHECK(detail_of<shallow>("page=2&per_page=50").empty());
    CHECK(detail_of<shallow>("page=3&per_page=50") ==
          std::string(prefix) + "Maximum result (page * per_page) must be less than 100");
    CHECK(detail_of<shallow>("page=3") ==
          std::string(prefix) + "Maximum result (page * per_page) must be less than 100");
    listquery::parse_options opts;
    opts.maximum_result = 1000;
    CHECK(detail_of("page=21", opts) ==
          std::string(prefix) + "Maximum result (page * per_page) must be less than 1000");
    CHECK(detail_of("page=20", opts).empty());
}

TEST_CASE("list query: timestamp filters", "[parse][list_query]") {
    std::string const created = std::string("Created ats ") + std::string(timestamp_format);
    CHECK(detail_of("created_ats=") == std::string(prefix) + created);
    CHECK(detail_of("created_ats") == std::string(prefix) + created);
    CHECK(detail_of("created_ats=2020-01-01T00:00:00Z,") == std::string(prefix) + created);
    CHECK(detail_of("created_ats=x,y") == std::string(prefix) + created + ", " + created);
    CHECK(detail_of("created_ats=2020-01-01T00:00:00Z%0A") == std::string(prefix) + created);
    CHECK(detail_of("created_ats=2020-02-30T00:00:00Z") == std::string(prefix) + created);
    CHECK(detail_of("updated_ats[lt]=bad") == std::string(prefix) + "Updated ats " + std::string(timestamp_format));
    CHECK(detail_of("created_ats[lte]") == std::string(prefix) + created);
    // The operator check does not stop the format check; the comma check does.
    CHECK(detail_of("created_ats[foo]=bad") ==
          std::string(prefix) + "Created ats Invalid relational operator: 'foo', " + created);
    CHECK(detail_of("created_ats[foo]=2020-01-01T00:00:00Z") ==
          std::string(prefix) + "Created ats Invalid relational operator: 'foo'");
    CHECK(detail_of("created_ats[gt]=2020-01-01T00:00:00Z,2020-01-02T00:00:00Z") ==
          std::string(prefix) + "Created ats only accepts one value when using a relational operator");
    CHECK(detail_of("created_ats[x]=a,b") ==
          std::string(prefix) + "Created ats Invalid relational operator: 'x', "
                                "Created ats only accepts one value when using a relational operator");
    CHECK(detail_of("created_ats[]=2020-01-01T00:00:00Z") ==
          std::string(prefix) + "Created ats Invalid relational operator: ''");
    CHECK(detail_of("created_ats[lt=2020-01-01T00:00:00Z").empty()); // "lt" without ']'
    CHECK(detail_of("created_ats[lt]]=2020-01-01T00:00:00Z") ==
          std::string(prefix) + "Created ats Invalid relational operator: 'lt]'");
    // docs/semantics.md#timestamp-operators: mixing forms gives only the mixing message for that key.
    CHECK(detail_of("created_ats=bad&created_ats[lt]=bad") ==
          std::string(prefix) + "Created ats cannot mix equality and relational operators");
    CHECK(detail_of("updated_ats[gt]=2020-01-01T00:00:00Z&updated_ats=2020-01-01T00:00:00Z") ==
          std::string(prefix) + "Updated ats cannot mix equality and relational operators");
    // Operators in order of first appearance; a repeated one keeps its last value.
    auto const q = parse_ok("created_ats[lt]=bad&created_ats[gt]=2020-01-01T00:00:00Z"
                            "&created_ats[lt]=2021-01-01T00:00:00Z&created_ats[lte]=2022-01-01T00:00:00Z");
    CHECK(listquery_test::as_vector(q.timestamp("created_ats")->all_of) ==
          std::vector<listquery::timestamp_condition>{
              {listquery::timestamp_op::lt, sys_days(2021y / January / 1)},
              {listquery::timestamp_op::gt, sys_days(2020y / January / 1)},
              {listquery::timestamp_op::lte, sys_days(2022y / January / 1)}});
    CHECK(detail_of("created_ats[gte]=bad&created_ats[lt]=x") ==
          std::string(prefix) + created + ", " + created);
    // Operators are kept per key: the same operator on the other key is its own.
    CHECK(detail_of("created_ats[x]=2020-01-01T00:00:00Z&updated_ats[x]=2020-01-01T00:00:00Z") ==
          std::string(prefix) + "Created ats Invalid relational operator: 'x', Updated ats Invalid relational operator: 'x'");
    auto const both = parse_ok("created_ats[lt]=2020-01-01T00:00:00Z&updated_ats[lt]=2021-01-01T00:00:00Z");
    CHECK(listquery_test::as_vector(both.timestamp("created_ats")->all_of) ==
          std::vector<listquery::timestamp_condition>{{listquery::timestamp_op::lt, sys_days(2020y / January / 1)}});
    CHECK(listquery_test::as_vector(both.timestamp("updated_ats")->all_of) ==
          std::vector<listquery::timestamp_condition>{{listquery::timestamp_op::lt, sys_days(2021y / January / 1)}});
    // Equality elements are split and decoded like list filters.
    auto const eq = parse_ok("created_ats=2020-01-01T00:00:00Z,%202020-01-02T00:00:00Z");
    CHECK(eq.timestamp("created_ats")->any_of.size() == 2);
}

TEST_CASE("list query: bracketed keys (docs/semantics.md#query-brackets)", "[parse][list_query]") {
    CHECK(detail_of("states[]=x") == std::string(prefix) + "States must be an array");
    CHECK(detail_of("states[k]=x&states=y") == std::string(prefix) + "States must be an array");
    CHECK(detail_of("app_guids[]=x") == std::string(prefix) + "App guids must be an array");
    CHECK(detail_of("guids[k]=x") == std::string(prefix) + "Guids must be an array");
    CHECK(detail_of("page[x]=1") == std::string(prefix) + "Page must be a positive integer");
    CHECK(detail_of("per_page[]=1") == std::string(prefix) + "Per page must be a positive integer");
    CHECK(detail_of("order_by[x]=created_at") ==
          std::string(prefix) + "Order by can only be: 'created_at', 'updated_at'");
    CHECK(detail_of("label_selector[x]=a") == std::string(prefix) + "Invalid label_selector value");
    std::string const valid = ". Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', "
                              "'updated_ats', 'guids', 'states', 'types', 'app_guids', 'label_selector'";
    CHECK(detail_of("foo[x]=1") == std::string(prefix) + "Unknown query parameter(s): 'foo'" + valid);
    CHECK(detail_of("[states]=1") == std::string(prefix) + "Unknown query parameter(s): '[states]'" + valid);
    CHECK(detail_of("states%5B%5D=x") == std::string(prefix) + "States must be an array");
}

TEST_CASE("list query: unknown parameters, by base name, once each, in request order",
          "[parse][list_query]") {
    std::string const valid = ". Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', "
                              "'updated_ats', 'guids', 'states', 'types', 'app_guids', 'label_selector'";
    CHECK(detail_of("foo=1&bar=2&foo=3&baz[x]=1&bar") ==
          std::string(prefix) + "Unknown query parameter(s): 'foo', 'bar', 'baz'" + valid);
    CHECK(detail_of("Names=x") == std::string(prefix) + "Unknown query parameter(s): 'Names'" + valid);
    CHECK(detail_of("+=x") == std::string(prefix) + "Unknown query parameter(s): ' '" + valid);
    CHECK(detail_of("a%FFb=1") == std::string(prefix) + "Unknown query parameter(s): 'a\xFF" "b'" + valid);
    auto const r = listquery::parse_list_query<listquery::cf::packages>("x=1&y=1");
    REQUIRE(r.has_error());
    REQUIRE(r.error().errors.size() == 1);
    CHECK(r.error().errors[0].code == error::unknown_parameter);
    CHECK(r.error().errors[0].parameter == "x");
}

TEST_CASE("list query: Valid parameters of the six seed endpoints", "[parse][list_query]") {
    std::string const head = std::string(prefix) + "Unknown query parameter(s): 'x'. Valid parameters are: "
                             "'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', ";
    using namespace listquery::cf;
    CHECK(detail_of<packages>("x=1") == head + "'states', 'types', 'app_guids', 'label_selector'");
    CHECK(detail_of<app_packages>("x=1") == head + "'states', 'types', 'label_selector'");
    CHECK(detail_of<droplets>("x=1") == head + "'app_guids', 'states', 'label_selector'");
    CHECK(detail_of<app_droplets>("x=1") == head + "'states', 'label_selector'");
    CHECK(detail_of<builds>("x=1") == head + "'app_guids', 'package_guids', 'states', 'label_selector'");
    CHECK(detail_of<app_builds>("x=1") == head + "'package_guids', 'states', 'label_selector'");
    CHECK(detail_of<no_selector>("label_selector=a") ==
          std::string(prefix) + "Unknown query parameter(s): 'label_selector'. Valid parameters are: "
                                "'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'names'");
}

TEST_CASE("list query: nested routes reject app_guids last, without the valid list",
          "[parse][list_query]") {
    using namespace listquery::cf;
    std::string const rejected = "Unknown query parameter(s): 'app_guids'";
    CHECK(detail_of<app_packages>("app_guids=a") == std::string(prefix) + rejected);
    CHECK(detail_of<app_droplets>("app_guids") == std::string(prefix) + rejected);
    CHECK(detail_of<app_builds>("app_guids[x]=a") == std::string(prefix) + rejected);
    CHECK(detail_of<app_droplets>("app_guids=a&foo=1&states[]=x&page=0") ==
          std::string(prefix) + "Page must be a positive integer, Unknown query parameter(s): 'foo'. "
                                "Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', "
                                "'updated_ats', 'guids', 'states', 'label_selector', States must be an "
                                "array, " + rejected);
    auto const r = listquery::parse_list_query<app_droplets>("app_guids=a");
    CHECK(r.error().errors.front().code == error::parameter_not_allowed);
    CHECK(detail_of<droplets>("app_guids=a").empty());
}

TEST_CASE("list query: every error, in Cloud Controller's order (docs/semantics.md#errors-order)",
          "[parse][list_query]") {
    std::string const got = detail_of<listquery::cf::app_droplets>(
        "app_guids=1&states[x]=1&foo=1&label_selector=a%20b,c%20d&guids[]=1&updated_ats[foo]=x,y"
        "&created_ats=bad&order_by=x&per_page=9000&page=0&bar");
    CHECK(got == std::string(prefix) +
                     "Page must be a positive integer, Per page must be between 1 and 5000, "
                     "Order by can only be: 'created_at', 'updated_at', "
                     "Created ats " + std::string(timestamp_format) + ", "
                     "Updated ats Invalid relational operator: 'foo', "
                     "Updated ats only accepts one value when using a relational operator, "
                     "Guids must be an array, Invalid label_selector value, Invalid label_selector value, "
                     "Unknown query parameter(s): 'foo', 'bar'. Valid parameters are: 'page', "
                     "'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', 'states', "
                     "'label_selector', States must be an array, Unknown query parameter(s): 'app_guids'");
}

TEST_CASE("list query: the fast path stops at the first error", "[parse][list_query]") {
    listquery::parse_options opts;
    opts.all_errors = false;
    auto const r = listquery::parse_list_query<listquery::cf::packages>(
        "foo=1&label_selector=a%20b,c%20d&page=0&per_page=0", opts);
    REQUIRE(r.has_error());
    REQUIRE(r.error().errors.size() == 1);
    CHECK(r.error().detail() == std::string(prefix) + "Page must be a positive integer");
    auto const s = listquery::parse_list_query<listquery::cf::packages>("label_selector=a%20b,c%20d", opts);
    REQUIRE(s.error().errors.size() == 1);
    auto const ok = listquery::parse_list_query<listquery::cf::packages>("states=a", opts);
    CHECK(ok.has_value());
}

TEST_CASE("list query: label_selector", "[parse][list_query]") {
    CHECK(detail_of("label_selector") == std::string(prefix) + "Missing label_selector value");
    CHECK(detail_of("label_selector=") == std::string(prefix) + "Missing label_selector value");
    CHECK(detail_of("label_selector=,") == std::string(prefix) + "Missing label_selector value");
    // Decoded once only: %2C is a comma, "+" a space.
    auto const q = parse_ok("label_selector=foo+in+%28bar%2Cbaz%29");
    CHECK(q.selector_text == "foo in (bar,baz)");
    REQUIRE(q.selector->requirements.size() == 1);
    CHECK(q.selector->requirements[0].values.size() == 2);
    CHECK(detail_of("label_selector=k%3Da%252Cb") ==
          std::string(prefix) + "'a%2Cb' contains invalid characters");
}

TEST_CASE("list query: invalid percent-encoding (docs/semantics.md#query-percent)", "[parse][list_query]") {
    auto const check = [](std::string_view query, std::string_view key, std::size_t offset) {
        CAPTURE(query);
        // Always 400 with the prefix, and the whole detail, even on a 422 endpoint.
        auto const r = listquery::parse_list_query<roles_like>(query);
        REQUIRE(r.has_error());
        CHECK(r.error().http_status() == 400);
        CHECK(r.error().detail() == std::string(prefix) + "Invalid percent-encoding in query parameter '" +
                                        std::string(key) + "'");
        REQUIRE(r.error().errors.size() == 1);
        CHECK(r.error().errors[0].code == error::invalid_percent_encoding);
        CHECK(r.error().errors[0].parameter == key);
        CHECK(r.error().errors[0].offset == offset);
    };
    check("states=%G1", "states", 0);
    check("states=ab%4", "states", 2);
    check("states=%", "states", 0);
    check("page=0&foo=1&created_ats%5Blt%5D=%zz&x=%", "created_ats[lt]", 0);
    check("%G1=x", "%G1", 0);
    check("a%=x", "a%", 1);
    check("a+b=%", "a b", 0);
    check("=%", "", 0);
}

TEST_CASE("list query: 422 endpoints have no prefix", "[parse][list_query]") {
    auto const r = listquery::parse_list_query<roles_like>("page=0&types[]=x");
    REQUIRE(r.has_error());
    CHECK(r.error().http_status() == 422);
    CHECK(r.error().title() == "CF-UnprocessableEntity");
    CHECK(r.error().detail() == "Page must be a positive integer, Types must be an array");
}

TEST_CASE("list query: a parsed URL's query gives the same query", "[parse][list_query]") {
    auto const url = boost::urls::parse_origin_form(
        "/v3/droplets?states=STAGED%2CFAILED&per_page=2&order_by=-created_at&label_selector=a%3Db").value();
    auto const a = listquery::parse_list_query<listquery::cf::droplets>(url.encoded_params().buffer());
    auto const b = listquery::parse_list_query<listquery::cf::droplets>(url.encoded_query());
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(*a == *b);
    CHECK(a->per_page == 2);
    auto const runtime = listquery::parse_list_query(url.encoded_query(), listquery::cf::droplets);
    REQUIRE(runtime.has_value());
    CHECK(*runtime == *a);
}

TEST_CASE("list query: copies own their bytes", "[parse][list_query]") {
    std::string query = "states=a%2Cb&label_selector=x%3Dy&guids=g";
    std::optional<listquery::list_query> copy;
    {
        auto q = parse_ok(query);
        copy = q;
    }
    query.assign(query.size(), '#'); // the request buffer is gone
    CHECK(values_of(*copy, "states") == views{"a", "b"});
    CHECK(values_of(*copy, "guids") == views{"g"});
    CHECK(to_string(*copy->selector) == "x=y");
    listquery::list_query moved = std::move(*copy);
    CHECK(values_of(moved, "states") == views{"a", "b"});
}

TEST_CASE("list query: a typical query is held in place, its bytes in one buffer", "[parse][list_query]") {
    using listquery_test::held_in_place;
    // Nothing to keep: no buffer at all.
    auto const paging = parse_ok<listquery::cf::droplets>("page=2&per_page=10&order_by=-created_at&states");
    CHECK(paging.storage == nullptr);
    CHECK(values_of(paging, "states") == views{""});
    // Plain and escaped keys and values; values are copied or decoded into the one buffer.
    std::string query = "states=STAGED,FAILED&%61pp_guids=a1&guids=g%2Ch&label_selector=env%3Dprod"
                        "&created_ats[gt]=2020-01-01T00:00:00Z";
    auto const q = parse_ok<listquery::cf::droplets>(query);
    query.assign(query.size(), '#');
    REQUIRE(q.storage != nullptr);
    CHECK(values_of(q, "states") == views{"STAGED", "FAILED"});
    CHECK(values_of(q, "app_guids") == views{"a1"});
    CHECK(values_of(q, "guids") == views{"g", "h"});
    CHECK(q.selector_text == "env=prod");
    CHECK(held_in_place(q, q.filters));
    for (auto const& f : q.filters)
        CHECK(held_in_place(q, f.values));
    CHECK(held_in_place(q, q.timestamps));
    CHECK(held_in_place(q, q.timestamp("created_ats")->all_of));
    CHECK(held_in_place(q, q.selector->requirements));
    // Beyond what is held in place, the containers grow as vectors do.
    auto const many = parse_ok("guids=a,b,c,d,e,f");
    CHECK(values_of(many, "guids") == views{"a", "b", "c", "d", "e", "f"});
    CHECK_FALSE(held_in_place(many, many.filters[0].values));
}

TEST_CASE("list query: limits with clear errors (hardening)", "[parse][list_query]") {
    std::string five_thousand = "a";
    for (int i = 1; i < 5000; ++i)
        five_thousand += ",a";
    CHECK(detail_of("states=" + five_thousand).empty());
    CHECK(detail_of("states=" + five_thousand + ",a") ==
          std::string(prefix) + "States has too many values (maximum is 5000)");
    CHECK(detail_of("guids=" + five_thousand + ",%20a&page=0") ==
          std::string(prefix) + "Page must be a positive integer, Guids has too many values (maximum is 5000)");
    std::string times = "2020-01-01T00:00:00Z";
    for (int i = 0; i < 5000; ++i)
        times += ",2020-01-01T00:00:00Z";
    CHECK(detail_of("created_ats=" + times) == std::string(prefix) + "Created ats has too many values (maximum is 5000)");
    listquery::parse_options opts;
    opts.max_list_elements = 2;
    CHECK(detail_of("types=a,b", opts).empty());
    CHECK(detail_of("types=a,b,", opts) == std::string(prefix) + "Types has too many values (maximum is 2)");

    std::string const at_limit = "states=" + std::string(4 * 1024 * 1024 - 7, 'a');
    CHECK(detail_of(at_limit).empty());
    auto const too_long = listquery::parse_list_query<roles_like>(at_limit + "a&page=0");
    REQUIRE(too_long.has_error());
    CHECK(too_long.error().http_status() == 400); // a framework-level limit, 400 even on 422 endpoints
    CHECK(too_long.error().detail() == std::string(prefix) + "Query string is too long (maximum is 4194304 bytes)");
    REQUIRE(too_long.error().errors.size() == 1);
    CHECK(too_long.error().errors[0].code == error::query_too_long);
    opts.max_query_length = 10;
    CHECK(detail_of("states=abc", opts).empty());
    CHECK(detail_of("states=abcd", opts) == std::string(prefix) + "Query string is too long (maximum is 10 bytes)");
}

TEST_CASE("list query: hostile input", "[parse][list_query]") {
    std::string big(1 << 20, 'a');
    CHECK(detail_of("states=" + big).empty());
    listquery::parse_options generous;
    generous.max_list_elements = 2 << 20;
    auto const commas = listquery::parse_list_query<listquery::cf::packages>("states=" + std::string(1 << 20, ','), generous);
    REQUIRE(commas.has_value());
    CHECK(commas->filter("states")->values.size() == (1u << 20) + 1);
    std::string many;
    for (int i = 0; i < 20000; ++i)
        many.append("u").append(std::to_string(i % 5000)).append("=1&");
    auto const r = listquery::parse_list_query<listquery::cf::packages>(many);
    REQUIRE(r.has_error());
    CHECK(r.error().detail().starts_with(std::string(prefix) + "Unknown query parameter(s): 'u0', 'u1', "));
    CHECK(r.error().detail().find("'u4999'. Valid") != std::string::npos);
    std::string amps(1 << 20, '&');
    CHECK(detail_of(amps).empty());
    CHECK(detail_of("label_selector=" + std::string(1 << 20, '(')) ==
          std::string(prefix) + "Invalid label_selector value");
    CHECK(detail_of(std::string("states=a\0b&page=1\0", 18)) ==
          std::string(prefix) + "Page must be a positive integer");
    CHECK(detail_of("states=%FF%FE&types=\xC3\x28").empty());
}
