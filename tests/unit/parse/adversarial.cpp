// SPDX-License-Identifier: BSL-1.0
// The largest case (4 MiB) of every adversarial family of tests/support/adversarial_queries.hpp,
// with its exact outcome. The benchmarks time the same inputs from 1 KiB up (docs/benchmarks.md);
// here they must give the right answer, and the error envelope must stay proportionate.
#include "support/adversarial_queries.hpp"
#include "test_helpers.hpp"

#include <listquery/json.hpp>

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace adv = listquery_test::adversarial;
using listquery::error;
using listquery::query_error;

namespace {

constexpr std::string_view valid_parameters =
    ". Valid parameters are: 'page', 'per_page', 'order_by', 'created_ats', 'updated_ats', 'guids', "
    "'app_guids', 'states', 'label_selector'";
constexpr std::string_view bad_format =
    " has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'";
constexpr auto at = listquery::timestamp(std::chrono::sys_days(std::chrono::year(2024) / 6 / 1) +
                                         std::chrono::hours(12) + std::chrono::minutes(30));

struct largest {
    std::string query;
    listquery::result<listquery::list_query> result;
};

largest parse_largest(std::string_view name) {
    auto const& f = adv::by_name(name);
    std::string query = f.make(adv::cap);
    REQUIRE(query.size() <= adv::cap);
    REQUIRE(query.size() > adv::cap - 128); // the family fills the cap
    auto result = adv::parse(f, query);
    return {std::move(query), std::move(result)};
}

std::size_t count(std::string_view s, std::string_view what) {
    std::size_t n = 0;
    for (auto i = s.find(what); i != std::string_view::npos; i = s.find(what, i + what.size()))
        ++n;
    return n;
}

std::string unknown_message(std::vector<std::string> const& names) {
    std::string m = "Unknown query parameter(s): ";
    for (std::size_t i = 0; i < names.size(); ++i)
        ((m += i ? ", '" : "'") += names[i]) += '\'';
    return m += valid_parameters;
}

// The errors equal `expected`, in order; the first difference is reported, not 10^5 lines.
void check_errors(largest const& l, std::vector<query_error> const& expected) {
    REQUIRE(l.result.has_error());
    auto const& actual = l.result.error().errors;
    REQUIRE(actual.size() == expected.size());
    auto const [a, e] = std::ranges::mismatch(actual, expected);
    if (a != actual.end()) {
        CHECK(a->code == e->code);
        CHECK(a->parameter == e->parameter);
        CHECK(a->offset == e->offset);
        CHECK(a->message.substr(0, 300) == e->message.substr(0, 300));
        CHECK(a->message.size() == e->message.size());
        FAIL("error " << (a - actual.begin()) << " differs");
    }
    // The envelope holds the messages once each, and its size is their sum plus a constant.
    std::size_t messages = 0;
    for (auto const& x : expected)
        messages += x.message.size() + 2;
    auto const body = boost::json::serialize(boost::json::value_from(l.result.error()));
    CHECK(body.size() <= messages + 128);
}

void check_one_error(largest const& l, error code, std::string_view parameter, std::size_t offset,
                     std::string message) {
    check_errors(l, {{code, std::string(parameter), offset, std::move(message)}});
}

listquery::list_query const& check_valid(largest const& l) {
    INFO((l.result ? std::string() : l.result.error().detail().substr(0, 300)));
    REQUIRE(l.result.has_value());
    return *l.result;
}

std::vector<std::string_view> values(listquery::list_query const& q, std::string_view name) {
    REQUIRE(q.filter(name));
    return listquery_test::as_vector(q.filter(name)->values);
}

} // namespace

TEST_CASE("adversarial: every family fills the cap and is tested here", "[adversarial]") {
    // Each family below has its own section; this list is checked against the families.
    std::set<std::string_view> const tested = {
        "distinct_unknown_keys", "repeated_unknown_key", "repeated_known_key", "every_known_key", "bare_keys",
        "empty_segments", "empty_keys", "plus_keys", "timestamp_operators_distinct", "timestamp_operators_repeated",
        "timestamp_operators_valid", "timestamp_operators_mixed", "bracket_filters", "bracket_paging",
        "bracket_unknown", "nested_brackets", "page_digits", "per_page_garbage", "order_by_long", "order_by_blank",
        "timestamp_long_value", "timestamp_operator_commas", "long_unknown_key", "list_elements",
        "list_empty_elements", "list_white_space", "list_escaped_elements", "list_malformed_escapes",
        "timestamp_list_valid", "timestamp_list_invalid", "too_many_elements", "selector_requirements",
        "selector_invalid_requirements", "selector_values", "selector_open_parens", "selector_parens_commas",
        "selector_closed_groups", "selector_newlines", "selector_in_words", "selector_spaces",
        "selector_long_key", "selector_long_prefix", "selector_long_value", "percent_values", "percent_keys",
        "percent_malformed_last", "percent_malformed_many", "plus_values", "mixture", "mixture_valid"};
    std::set<std::string_view> families;
    for (auto const& f : adv::families)
        families.insert(f.name);
    CHECK(families == tested);
}

TEST_CASE("adversarial: keys", "[adversarial]") {
    SECTION("distinct_unknown_keys") {
        auto const l = parse_largest("distinct_unknown_keys");
        std::vector<std::string> names(count(l.query, "&"));
        for (std::size_t i = 0; i < names.size(); ++i)
            names[i] = "k" + std::to_string(i);
        check_one_error(l, error::unknown_parameter, "k0", 0, unknown_message(names));
    }
    SECTION("repeated_unknown_key") {
        check_one_error(parse_largest("repeated_unknown_key"), error::unknown_parameter, "colour", 0,
                        unknown_message({"colour"}));
    }
    SECTION("repeated_known_key") {
        CHECK(values(check_valid(parse_largest("repeated_known_key")), "states") ==
              std::vector<std::string_view>{"STAGED"});
    }
    SECTION("every_known_key") {
        auto const l = parse_largest("every_known_key");
        auto const& q = check_valid(l);
        CHECK(q.page == 2);
        CHECK(q.per_page == 3);
        CHECK(q.order == listquery::order_by{"created_at", listquery::direction::desc});
        CHECK(values(q, "guids") == std::vector<std::string_view>{"g"});
        CHECK(values(q, "app_guids") == std::vector<std::string_view>{"a"});
        CHECK(values(q, "states") == std::vector<std::string_view>{"S"});
        REQUIRE(q.timestamp("created_ats"));
        CHECK(listquery_test::as_vector(q.timestamp("created_ats")->any_of) == std::vector{at});
        CHECK(q.selector_text == "env=prod");
    }
    SECTION("bare_keys") {
        auto const l = parse_largest("bare_keys");
        auto const& q = check_valid(l);
        CHECK(q.page == 1);
        CHECK(q.per_page == 50);
        CHECK_FALSE(q.order);
        for (auto name : {"guids", "app_guids", "states"})
            CHECK(values(q, name) == std::vector<std::string_view>{""});
    }
    SECTION("empty_segments") {
        auto const l = parse_largest("empty_segments");
        CHECK(check_valid(l).per_page == 2);
    }
    SECTION("empty_keys") {
        auto const l = parse_largest("empty_keys");
        CHECK(check_valid(l) == listquery::list_query{});
    }
    SECTION("plus_keys") {
        std::vector<std::string> names;
        for (std::size_t i = 1; i <= 64; ++i)
            names.push_back(std::string(i, ' '));
        check_one_error(parse_largest("plus_keys"), error::unknown_parameter, " ", 0, unknown_message(names));
    }
    SECTION("long_unknown_key") {
        auto const l = parse_largest("long_unknown_key");
        std::string const name = l.query.substr(0, l.query.size() - 2);
        check_one_error(l, error::unknown_parameter, name, 0, unknown_message({name}));
    }
}

TEST_CASE("adversarial: bracket forms", "[adversarial]") {
    SECTION("timestamp_operators_distinct") { // the quadratic path of issue 12
        auto const l = parse_largest("timestamp_operators_distinct");
        std::vector<query_error> expected;
        for (std::size_t i = 0, n = count(l.query, "&"); i < n; ++i) {
            std::string const op = "a" + std::to_string(i), key = "created_ats[" + op + "]";
            expected.push_back({error::invalid_relational_operator, key, 0, "Created ats Invalid relational operator: '" + op + "'"});
            expected.push_back({error::invalid_timestamp, key, 0, "Created ats" + std::string(bad_format)});
        }
        check_errors(l, expected);
    }
    SECTION("timestamp_operators_repeated") {
        auto const l = parse_largest("timestamp_operators_repeated");
        auto const& q = check_valid(l);
        REQUIRE(q.timestamps.size() == 1);
        CHECK(listquery_test::as_vector(q.timestamps[0].all_of) ==
              std::vector<listquery::timestamp_condition>{{listquery::timestamp_op::lt, at}});
    }
    SECTION("timestamp_operators_valid") {
        using listquery::timestamp_op;
        auto const l = parse_largest("timestamp_operators_valid");
        auto const& q = check_valid(l);
        REQUIRE(q.timestamp("created_ats"));
        REQUIRE(q.timestamp("updated_ats"));
        CHECK(listquery_test::as_vector(q.timestamp("created_ats")->all_of) ==
              std::vector<listquery::timestamp_condition>{{timestamp_op::lt, at}, {timestamp_op::gte, at}});
        CHECK(listquery_test::as_vector(q.timestamp("updated_ats")->all_of) ==
              std::vector<listquery::timestamp_condition>{{timestamp_op::lte, at}, {timestamp_op::gt, at}});
    }
    SECTION("timestamp_operators_mixed") {
        check_one_error(parse_largest("timestamp_operators_mixed"), error::mixed_timestamp_operators, "created_ats", 0,
                        "Created ats cannot mix equality and relational operators");
    }
    SECTION("bracket_filters") {
        check_errors(parse_largest("bracket_filters"), {{error::not_an_array, "guids[a2]", 0, "Guids must be an array"},
                                                        {error::not_an_array, "app_guids[a1]", 0, "App guids must be an array"},
                                                        {error::not_an_array, "states[a0]", 0, "States must be an array"}});
    }
    SECTION("bracket_paging") {
        check_errors(parse_largest("bracket_paging"),
                     {{error::invalid_page, "page[a0]", 0, "Page must be a positive integer"},
                      {error::invalid_per_page, "per_page[a1]", 0, "Per page must be a positive integer"},
                      {error::invalid_order_by, "order_by[a2]", 0, "Order by can only be: 'created_at', 'updated_at'"},
                      {error::invalid_label_selector, "label_selector", 0, "Invalid label_selector value"}});
    }
    SECTION("bracket_unknown") {
        auto const l = parse_largest("bracket_unknown");
        std::vector<std::string> names{"foo"};
        for (std::size_t i = 1, n = count(l.query, "&"); i < n; i += 2)
            names.push_back("[a" + std::to_string(i) + "]");
        check_one_error(l, error::unknown_parameter, "foo", 0, unknown_message(names));
    }
    SECTION("nested_brackets") {
        auto const l = parse_largest("nested_brackets");
        std::string const states = l.query.substr(0, l.query.find('=')), created = l.query.substr(l.query.find("&") + 1);
        std::string const op = created.substr(12, created.size() - 14), created_key = "created_ats[" + op + "]";
        check_errors(l, {{error::invalid_relational_operator, created_key, 0, "Created ats Invalid relational operator: '" + op + "'"},
                         {error::invalid_timestamp, created_key, 0, "Created ats" + std::string(bad_format)},
                         {error::not_an_array, states, 0, "States must be an array"}});
    }
}

TEST_CASE("adversarial: one long value for each parameter", "[adversarial]") {
    SECTION("page_digits") {
        check_one_error(parse_largest("page_digits"), error::maximum_result_exceeded, "page", 0,
                        "Maximum result (page * per_page) must be less than 9223372036854775807");
    }
    SECTION("per_page_garbage") {
        check_one_error(parse_largest("per_page_garbage"), error::invalid_per_page, "per_page", 1,
                        "Per page must be a positive integer");
    }
    SECTION("order_by_long") {
        check_one_error(parse_largest("order_by_long"), error::invalid_order_by, "order_by", 11,
                        "Order by can only be: 'created_at', 'updated_at'");
    }
    SECTION("order_by_blank") { CHECK_FALSE(check_valid(parse_largest("order_by_blank")).order); }
    SECTION("timestamp_long_value") {
        check_one_error(parse_largest("timestamp_long_value"), error::invalid_timestamp, "created_ats[lt]", 20,
                        "Created ats" + std::string(bad_format));
    }
    SECTION("timestamp_operator_commas") {
        check_one_error(parse_largest("timestamp_operator_commas"), error::relational_operator_takes_one_value,
                        "created_ats[gt]", 0, "Created ats only accepts one value when using a relational operator");
    }
}

TEST_CASE("adversarial: list elements", "[adversarial]") {
    SECTION("list_elements") {
        auto const l = parse_largest("list_elements");
        auto const v = values(check_valid(l), "states");
        CHECK(v.size() == count(l.query, ",") + 1);
        CHECK(std::ranges::count(v, "a") == static_cast<std::ptrdiff_t>(v.size()));
    }
    SECTION("list_empty_elements") {
        auto const l = parse_largest("list_empty_elements");
        auto const v = values(check_valid(l), "states");
        CHECK(v.size() == count(l.query, ",") + 1);
        CHECK(std::ranges::count(v, "") == static_cast<std::ptrdiff_t>(v.size()));
    }
    SECTION("list_white_space") {
        auto const l = parse_largest("list_white_space");
        auto const v = values(check_valid(l), "states");
        CHECK(v.size() == count(l.query, ",") + 1);
        CHECK(std::ranges::count(v, "a") == static_cast<std::ptrdiff_t>(v.size()));
    }
    SECTION("list_escaped_elements") { // %2541%252C%2C: "A," and then a split
        auto const l = parse_largest("list_escaped_elements");
        auto const v = values(check_valid(l), "states");
        std::vector<std::string_view> expected(count(l.query, "%2541"), "A,");
        expected.push_back("a");
        CHECK(v == expected);
    }
    SECTION("list_malformed_escapes") { // a literal '%' before each G, kept by the second decoding
        auto const l = parse_largest("list_malformed_escapes");
        std::string expected;
        for (std::size_t i = 0, n = count(l.query, "%25G"); i < n; ++i)
            expected += "%G";
        CHECK(values(check_valid(l), "states") == std::vector<std::string_view>{expected + "a"});
    }
    SECTION("timestamp_list_valid") {
        auto const l = parse_largest("timestamp_list_valid");
        auto const& q = check_valid(l);
        REQUIRE(q.timestamps.size() == 1);
        CHECK(listquery_test::as_vector(q.timestamps[0].any_of) == std::vector(count(l.query, ",") + 1, at));
    }
    SECTION("timestamp_list_invalid") {
        auto const l = parse_largest("timestamp_list_invalid");
        std::vector<query_error> expected;
        for (std::size_t i = 0, n = count(l.query, ",") + 1; i < n; ++i)
            expected.push_back({error::invalid_timestamp, "created_ats", 20 * i, "Created ats" + std::string(bad_format)});
        check_errors(l, expected);
    }
    SECTION("too_many_elements") {
        check_one_error(parse_largest("too_many_elements"), error::too_many_list_elements, "states", 0,
                        "States has too many values (maximum is 5000)");
    }
}

TEST_CASE("adversarial: label_selector", "[adversarial]") {
    SECTION("more than 50 requirements") {
        for (auto name : {"selector_requirements", "selector_invalid_requirements", "selector_parens_commas",
                          "selector_closed_groups", "selector_newlines"}) {
            CAPTURE(name);
            check_one_error(parse_largest(name), error::too_many_label_requirements, "label_selector", 0,
                            "Too many label_selector requirements (maximum is 50)");
        }
    }
    SECTION("selector_values") {
        auto const l = parse_largest("selector_values");
        auto const& q = check_valid(l);
        REQUIRE(q.selector);
        REQUIRE(q.selector->requirements.size() == 1);
        CHECK(q.selector->requirements[0].op == listquery::selector_op::in);
        CHECK(q.selector->requirements[0].values.size() == count(l.query, ",") + 1);
    }
    SECTION("selector_open_parens") {
        check_one_error(parse_largest("selector_open_parens"), error::invalid_label_selector, "label_selector", 0,
                        "Invalid label_selector value");
    }
    SECTION("selector_in_words") { // key "a", and one value holding every " in ("
        auto const l = parse_largest("selector_in_words");
        std::string selector = l.query.substr(15, l.query.size() - 16);
        std::ranges::replace(selector, '+', ' ');
        check_one_error(l, error::label_value_invalid_characters, "label_selector", 6,
                        "'" + selector.substr(6) + "' contains invalid characters");
    }
    SECTION("selector_spaces") { // the name runs up to the last space, which starts " in ("
        auto const l = parse_largest("selector_spaces");
        std::string const name = "a" + std::string(l.query.size() - 15 - 1 - 7, ' ');
        check_one_error(l, error::label_name_invalid_characters, "label_selector", 0,
                        "'" + name + "' contains invalid characters");
    }
    SECTION("selector_long_key") {
        check_one_error(parse_largest("selector_long_key"), error::label_name_too_long, "label_selector", 0,
                        "'aaaaaaaa...' is greater than 63 characters");
    }
    SECTION("selector_long_prefix") {
        check_one_error(parse_largest("selector_long_prefix"), error::label_prefix_too_long, "label_selector", 0,
                        "prefix 'a.a.a.a....' is greater than 253 characters");
    }
    SECTION("selector_long_value") {
        check_one_error(parse_largest("selector_long_value"), error::label_value_too_long, "label_selector", 2,
                        "'vvvvvvvv...' is greater than 63 characters");
    }
}

TEST_CASE("adversarial: percent-encoding", "[adversarial]") {
    SECTION("percent_values") {
        auto const l = parse_largest("percent_values");
        CHECK(values(check_valid(l), "states") == std::vector<std::string_view>{std::string(count(l.query, "%41"), 'A')});
    }
    SECTION("percent_keys") {
        CHECK(values(check_valid(parse_largest("percent_keys")), "states") == std::vector<std::string_view>{"x"});
    }
    SECTION("percent_malformed_last") {
        auto const l = parse_largest("percent_malformed_last");
        check_one_error(l, error::invalid_percent_encoding, "states", l.query.size() - 2 - 7,
                        "Invalid percent-encoding in query parameter 'states'");
    }
    SECTION("percent_malformed_many") {
        check_one_error(parse_largest("percent_malformed_many"), error::invalid_percent_encoding, "a%G", 1,
                        "Invalid percent-encoding in query parameter 'a%G'");
    }
    SECTION("plus_values") {
        auto const l = parse_largest("plus_values");
        CHECK(values(check_valid(l), "states") == std::vector<std::string_view>{std::string(l.query.size() - 7, ' ')});
    }
}

TEST_CASE("adversarial: mixtures", "[adversarial]") {
    SECTION("mixture") { // shape i % 16 of tests/support/adversarial_queries.hpp, with i in every name
        auto const l = parse_largest("mixture");
        std::size_t const n = count(l.query, "&") - count(l.query, "&&"); // "&10]" adds an empty segment
        std::vector<query_error> created, updated;
        std::vector<std::string> unknown;
        auto relation = [&](std::vector<query_error>& out, std::string_view attr, std::string_view name, std::size_t i) {
            std::string const op = "a" + std::to_string(i), key = std::string(name) + "[" + op + "]";
            out.push_back({error::invalid_relational_operator, key, 0, std::string(attr) + " Invalid relational operator: '" + op + "'"});
            out.push_back({error::invalid_timestamp, key, 1, std::string(attr) + std::string(bad_format)});
        };
        for (std::size_t i = 0; i < n; ++i) {
            std::string const number = std::to_string(i);
            switch (i % 16) {
            case 0: unknown.push_back("k" + number); break;
            case 1: relation(created, "Created ats", "created_ats", i); break;
            case 3: unknown.push_back("[a" + number + "]"); break;
            case 4: unknown.push_back(" " + number); break;
            case 5: relation(updated, "Updated ats", "updated_ats", i); break;
            case 8: unknown.push_back("x" + number); break;
            case 10: unknown.push_back(number + "]"); break;
            case 11: if (i == 11) unknown.push_back("foo"); break;
            case 12: unknown.push_back("k" + number); break;
            default: break; // 2, 7, 9, 13, 14, 15: the first decides; 6: an empty key
            }
        }
        std::vector<query_error> expected{
            {error::invalid_page, "page[a15]", 0, "Page must be a positive integer"},
            {error::invalid_per_page, "per_page[a7]", 0, "Per page must be a positive integer"},
            {error::invalid_order_by, "order_by[a9]", 0, "Order by can only be: 'created_at', 'updated_at'"}};
        expected.insert(expected.end(), created.begin(), created.end());
        expected.insert(expected.end(), updated.begin(), updated.end());
        expected.push_back({error::not_an_array, "guids[a14]", 0, "Guids must be an array"});
        expected.push_back({error::invalid_label_selector, "label_selector", 0, "Invalid label_selector value"});
        expected.push_back({error::unknown_parameter, "k0", 0, unknown_message(unknown)});
        expected.push_back({error::not_an_array, "states[a2]", 0, "States must be an array"});
        check_errors(l, expected);
    }
    SECTION("mixture_valid") {
        auto const l = parse_largest("mixture_valid");
        auto const& q = check_valid(l);
        CHECK(q.page == 3);
        CHECK(q.per_page == 2);
        CHECK(values(q, "states") == std::vector<std::string_view>{"STAGED", "FAILED"});
        CHECK(values(q, "app_guids") == std::vector<std::string_view>{"a1", "a2"});
        CHECK(q.selector_text == "env=prod,tier in (web,api)");
        REQUIRE(q.timestamp("created_ats"));
        CHECK(q.timestamp("created_ats")->all_of.size() == 1);
    }
}
