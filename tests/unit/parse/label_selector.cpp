// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/parse/label_selector.hpp>

#include "test_helpers.hpp"

#include <string>
#include <vector>

using listquery::error;
using listquery::selector_op;
using listquery_test::check_error;

namespace {

struct expected_requirement {
    selector_op op;
    std::string_view key, prefix, name;
    std::vector<std::string_view> values;
};

void check_requirements(std::string_view input, std::vector<expected_requirement> const& want) {
    CAPTURE(input);
    auto const got = listquery::parse_label_selector(input);
    REQUIRE(got.has_value());
    REQUIRE(got->requirements.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        auto const& r = got->requirements[i];
        CAPTURE(i);
        CHECK(r.op == want[i].op);
        CHECK(r.key == want[i].key);
        CHECK(r.prefix == want[i].prefix);
        CHECK(r.name == want[i].name);
        CHECK(std::vector<std::string_view>(r.values.begin(), r.values.end()) == want[i].values);
        CHECK(r.values.size() == want[i].values.size());
    }
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

constexpr std::string_view invalid = "Invalid label_selector value";

} // namespace

TEST_CASE("label_selector: the six requirement forms", "[parse][label_selector]") {
    check_requirements("env=prod", {{selector_op::equal, "env", "", "env", {"prod"}}});
    check_requirements("env==prod", {{selector_op::equal, "env", "", "env", {"prod"}}});
    check_requirements("env!=prod", {{selector_op::not_equal, "env", "", "env", {"prod"}}});
    check_requirements("env", {{selector_op::exists, "env", "", "env", {}}});
    check_requirements("!env", {{selector_op::not_exists, "env", "", "env", {}}});
    check_requirements("env in (web,api)", {{selector_op::in, "env", "", "env", {"web", "api"}}});
    check_requirements("env notin (web,api)", {{selector_op::not_in, "env", "", "env", {"web", "api"}}});
    check_requirements("example.com/env=prod",
                       {{selector_op::equal, "example.com/env", "example.com", "env", {"prod"}}});
    check_requirements("env=prod,tier in (web,api),!deprecated",
                       {{selector_op::equal, "env", "", "env", {"prod"}},
                        {selector_op::in, "tier", "", "tier", {"web", "api"}},
                        {selector_op::not_exists, "deprecated", "", "deprecated", {}}});
}

TEST_CASE("label_selector: values split as Ruby's split(',')", "[parse][label_selector]") {
    check_requirements("foo=", {{selector_op::equal, "foo", "", "foo", {}}});
    check_requirements("foo==", {{selector_op::equal, "foo", "", "foo", {}}});
    check_requirements("foo!=", {{selector_op::not_equal, "foo", "", "foo", {}}});
    check_requirements("foo in ()", {{selector_op::in, "foo", "", "foo", {}}});
    check_requirements("foo in (,)", {{selector_op::in, "foo", "", "foo", {}}});
    check_requirements("foo in (,x)", {{selector_op::in, "foo", "", "foo", {"", "x"}}});
    check_requirements("foo in (a,,b)", {{selector_op::in, "foo", "", "foo", {"a", "", "b"}}});
    check_requirements("foo in (a,)", {{selector_op::in, "foo", "", "foo", {"a"}}});
    check_requirements("foo notin (a,,)", {{selector_op::not_in, "foo", "", "foo", {"a"}}});
}

TEST_CASE("label_selector: splitting keeps (...) together and drops empty segments",
          "[parse][label_selector]") {
    check_requirements("a,,b", {{selector_op::exists, "a", "", "a", {}},
                                {selector_op::exists, "b", "", "b", {}}});
    check_requirements(",a,", {{selector_op::exists, "a", "", "a", {}}});
    check_requirements("x in (a,b),y notin (c,d),z",
                       {{selector_op::in, "x", "", "x", {"a", "b"}},
                        {selector_op::not_in, "y", "", "y", {"c", "d"}},
                        {selector_op::exists, "z", "", "z", {}}});
    // The group ends at the first ')': "x in (a,b)" then "c)", which matches no pattern.
    check_error(listquery::parse_label_selector("x in (a,b),c)"), error::invalid_label_selector,
                "label_selector", 11, invalid);
    // An unbalanced '(' does not group: "x in (a" and "b".
    std::vector<listquery::query_error> errors;
    listquery::detail::error_sink sink{errors, false};
    listquery::label_selector out;
    CHECK_FALSE(listquery::detail::parse_label_selector("x in (a,b", out, sink));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message == invalid);
    REQUIRE(out.requirements.size() == 1);
    CHECK(out.requirements[0].key == "b");
}

TEST_CASE("label_selector: keys, prefixes and names that are valid", "[parse][label_selector]") {
    std::string const name63 = "a" + repeat("b", 61) + "c";
    std::string const value63 = "1" + repeat("-", 61) + "2";
    std::string const prefix253 = repeat("a", 63) + "." + repeat("b", 63) + "." + repeat("c", 63) +
                                  "." + repeat("d", 61); // 253 bytes
    REQUIRE(prefix253.size() == 253);
    check_requirements(name63 + "=" + value63,
                       {{selector_op::equal, name63, "", name63, {value63}}});
    std::string const long_key = prefix253 + "/x";
    check_requirements(long_key, {{selector_op::exists, long_key, prefix253, "x", {}}});
    check_requirements("sub.cloudfoundry.org/x",
                       {{selector_op::exists, "sub.cloudfoundry.org/x", "sub.cloudfoundry.org", "x", {}}});
    check_requirements("EXAMPLE.Com/Env", {{selector_op::exists, "EXAMPLE.Com/Env", "EXAMPLE.Com", "Env", {}}});
    check_requirements("a-1.b/x_y-z.0=v_1-2.3",
                       {{selector_op::equal, "a-1.b/x_y-z.0", "a-1.b", "x_y-z.0", {"v_1-2.3"}}});
    check_requirements("a=b", {{selector_op::equal, "a", "", "a", {"b"}}});
    check_requirements("k in (v)", {{selector_op::in, "k", "", "k", {"v"}}});
}

TEST_CASE("label_selector: missing and too many", "[parse][label_selector]") {
    for (std::string_view input : {"", ",", ",,,"}) {
        CAPTURE(input);
        check_error(listquery::parse_label_selector(input), error::missing_label_selector,
                    "label_selector", 0, "Missing label_selector value");
    }
    std::string const fifty = repeat("a,", 49) + "a";
    auto const ok = listquery::parse_label_selector(fifty);
    REQUIRE(ok.has_value());
    CHECK(ok->requirements.size() == 50);
    // The count includes requirements that do not parse, and wins over their errors.
    for (std::string const& input : {repeat("a,", 50) + "a", repeat("!!,", 50) + "!!",
                                     repeat("a,", 500000)}) {
        check_error(listquery::parse_label_selector(input), error::too_many_label_requirements,
                    "label_selector", 0, "Too many label_selector requirements (maximum is 50)");
    }
}

TEST_CASE("label_selector: requirements that match no pattern", "[parse][label_selector]") {
    struct row {
        std::string_view input;
        std::size_t offset;
    };
    row const rows[] = {
        {"foo in(a)", 0},        {"foo IN (a)", 0},        {"foo in (a) ", 0},
        {"foo in (a", 0},        {"foo  notin(a)", 0},     {"! foo", 0},
        {"!", 0},                {"!!foo", 0},             {"foo = bar", 0},
        {"a b", 0},              {"a\nb", 0},              {"foo in (a\n)", 0},
        {"foo=a\nb", 0},         {"foo!", 0},              {"=foo", 0},
        {"a(b,c)d", 0},          {"env=prod,a b", 9},      {"(", 0},
        {"x in (a,b", 0},        {"$", 0},                 {"\xff", 0},
        {std::string_view("a\0b", 3), 0},
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        check_error(listquery::parse_label_selector(r.input), error::invalid_label_selector,
                    "label_selector", r.offset, invalid);
    }
}

TEST_CASE("label_selector: key checks, in Cloud Controller's order", "[parse][label_selector]") {
    std::string const prefix254 = repeat("a", 63) + "." + repeat("b", 63) + "." + repeat("c", 63) +
                                  "." + repeat("d", 62);
    std::string const long_prefix_key = prefix254 + "/x";
    std::string const name64 = repeat("n", 64);
    struct row {
        std::string input;
        error code;
        std::size_t offset;
        std::string_view message;
    };
    row const rows[] = {
        // `in`/`notin` keys may hold anything, so key checks see it.
        {" in (a)", error::label_key_empty, 0, "key cannot be empty string"},
        {"   notin (a)", error::label_key_empty, 0, "key cannot be empty string"},
        {"\xC2\xA0 in (a)", error::label_key_empty, 0, "key cannot be empty string"},
        {"foo  in (a)", error::label_name_invalid_characters, 0, "'foo ' contains invalid characters"},
        {"a/b/c=x", error::label_key_too_many_slashes, 0, "key has more than one '/'"},
        {"x,a//b", error::label_key_too_many_slashes, 2, "key has more than one '/'"},
        // A '/' makes a prefix, even an empty one (key.split('/') gives ["", "foo"]).
        {"/foo=bar", error::label_prefix_invalid, 0, "prefix '' must be in valid dns format"},
        {"onlycom/x", error::label_prefix_invalid, 0, "prefix 'onlycom' must be in valid dns format"},
        {"-a.com/x", error::label_prefix_invalid, 0, "prefix '-a.com' must be in valid dns format"},
        {"a-.com/x", error::label_prefix_invalid, 0, "prefix 'a-.com' must be in valid dns format"},
        {"a..com/x", error::label_prefix_invalid, 0, "prefix 'a..com' must be in valid dns format"},
        {"a.com./x", error::label_prefix_invalid, 0, "prefix 'a.com.' must be in valid dns format"},
        {"a_b.com/x", error::label_prefix_invalid, 0, "prefix 'a_b.com' must be in valid dns format"},
        {long_prefix_key, error::label_prefix_too_long, 0,
         "prefix 'aaaaaaaa...' is greater than 253 characters"},
        {"cloudfoundry.org/x", error::label_prefix_reserved, 0, "prefix 'cloudfoundry.org' is reserved"},
        {"CloudFoundry.ORG/x=y", error::label_prefix_reserved, 0, "prefix 'cloudfoundry.org' is reserved"},
        {"x.com/", error::label_key_empty, 6, "key cannot be empty string"},
        {"x.com/=v", error::label_key_empty, 6, "key cannot be empty string"},
        {"/", error::label_key_empty, 1, "key cannot be empty string"},
        {"x.com/a b in (c)", error::label_name_invalid_characters, 6, "'a b' contains invalid characters"},
        {"a$b in (x)", error::label_name_invalid_characters, 0, "'a$b' contains invalid characters"},
        {"\xC3\xA9 in (x)", error::label_name_invalid_characters, 0, "'\xC3\xA9' contains invalid characters"},
        {"_a=x", error::label_name_invalid_ends, 0, "'_a' starts or ends with invalid characters"},
        {"a_", error::label_name_invalid_ends, 0, "'a_' starts or ends with invalid characters"},
        {"!.a", error::label_name_invalid_ends, 1, "'.a' starts or ends with invalid characters"},
        {"x.com/-", error::label_name_invalid_ends, 6, "'-' starts or ends with invalid characters"},
        {name64 + "=x", error::label_name_too_long, 0, "'nnnnnnnn...' is greater than 63 characters"},
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        check_error(listquery::parse_label_selector(r.input), r.code, "label_selector", r.offset,
                    r.message);
    }
}

TEST_CASE("label_selector: value checks; the first bad value is reported",
          "[parse][label_selector]") {
    std::string const value64 = "v" + repeat("w", 62) + "x";
    std::string const too_long = "k=" + value64;
    struct row {
        std::string_view input;
        error code;
        std::size_t offset;
        std::string_view message;
    };
    row const rows[] = {
        {"foo===bar", error::label_value_invalid_characters, 5, "'=bar' contains invalid characters"},
        {"foo=bar baz", error::label_value_invalid_characters, 4, "'bar baz' contains invalid characters"},
        {"foo in (a b)", error::label_value_invalid_characters, 8, "'a b' contains invalid characters"},
        {"foo in (a)b)", error::label_value_invalid_characters, 8, "'a)b' contains invalid characters"},
        {"foo in (ok,$,y$)", error::label_value_invalid_characters, 11, "'$' contains invalid characters"},
        {"foo=\xff", error::label_value_invalid_characters, 4, "'\xff' contains invalid characters"},
        {std::string_view("foo=a\0", 6), error::label_value_invalid_characters, 4,
         std::string_view("'a\0' contains invalid characters", 32)},
        {"a=-b", error::label_value_invalid_ends, 2, "'-b' starts or ends with invalid characters"},
        {"a!=b.", error::label_value_invalid_ends, 3, "'b.' starts or ends with invalid characters"},
        {"a notin (x,_)", error::label_value_invalid_ends, 11, "'_' starts or ends with invalid characters"},
        {too_long, error::label_value_too_long, 2, "'vwwwwwww...' is greater than 63 characters"},
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        check_error(listquery::parse_label_selector(r.input), r.code, "label_selector", r.offset,
                    r.message);
    }
}

TEST_CASE("label_selector: every invalid requirement is reported in the collecting form",
          "[parse][label_selector]") {
    std::vector<listquery::query_error> errors;
    listquery::detail::error_sink sink{errors, false};
    listquery::label_selector out;
    CHECK_FALSE(listquery::detail::parse_label_selector("a b,ok,c d,x=$,cloudfoundry.org/k", out, sink));
    REQUIRE(errors.size() == 4);
    CHECK(errors[0].message == invalid);
    CHECK(errors[0].offset == 0);
    CHECK(errors[1].message == invalid); // Cloud Controller does not remove duplicates
    CHECK(errors[1].offset == 7);
    CHECK(errors[2].message == "'$' contains invalid characters");
    CHECK(errors[3].message == "prefix 'cloudfoundry.org' is reserved");
}

TEST_CASE("label_selector: canonical text parses back to equal requirements",
          "[parse][label_selector]") {
    struct row {
        std::string_view input, canonical;
    };
    row const rows[] = {
        {"env==prod", "env=prod"},
        {"env=prod", "env=prod"},
        {"a,,b,", "a,b"},
        {"foo in (a,,b,,)", "foo in (a,,b)"},
        {"foo notin (,)", "foo notin ()"},
        {"foo in (,x)", "foo in (,x)"},
        {"foo=", "foo="},
        {"!x.com/y,x.com/y!=z", "!x.com/y,x.com/y!=z"},
        {"env=prod,tier in (web,api),!deprecated", "env=prod,tier in (web,api),!deprecated"},
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        auto const first = listquery::parse_label_selector(r.input);
        REQUIRE(first.has_value());
        std::string const text = to_string(*first);
        CHECK(text == r.canonical);
        auto const second = listquery::parse_label_selector(text);
        REQUIRE(second.has_value());
        CHECK(*second == *first);
    }
}

TEST_CASE("label_selector: hostile input is handled in linear time without recursion",
          "[parse][label_selector]") {
    std::string const mb(1 << 20, '(');
    check_error(listquery::parse_label_selector(mb), error::invalid_label_selector, "label_selector", 0, invalid);
    check_error(listquery::parse_label_selector("k in " + mb), error::invalid_label_selector,
                "label_selector", 0, invalid);
    std::string const values = "k in (" + repeat("v,", 1 << 19) + "v)";
    auto const big = listquery::parse_label_selector(values);
    REQUIRE(big.has_value());
    CHECK(big->requirements.front().values.size() == (1u << 19) + 1);
    std::string const unbalanced = repeat("a(", 1 << 19);
    check_error(listquery::parse_label_selector(unbalanced), error::invalid_label_selector,
                "label_selector", 0, invalid);
    std::string const newline_groups = repeat("(\n,", 1 << 18) + ")";
    check_error(listquery::parse_label_selector(newline_groups), error::too_many_label_requirements,
                "label_selector", 0, "Too many label_selector requirements (maximum is 50)");
}

TEST_CASE("label_values: a lazy range with Ruby's split semantics", "[label_selector]") {
    listquery::label_values const v("a,,b,,");
    CHECK(v.size() == 3);
    CHECK(v.text() == "a,,b");
    CHECK(std::vector<std::string_view>(v.begin(), v.end()) == std::vector<std::string_view>{"a", "", "b"});
    CHECK(listquery::label_values(",").empty());
    CHECK(listquery::label_values("").size() == 0);
    CHECK(listquery::label_values(",a").size() == 2);
    auto it = v.begin();
    auto const old = it++;
    CHECK(*old == "a");
    CHECK(*it == "");
}

TEST_CASE("label_selector: parsing into a reused selector", "[parse][label_selector]") {
    listquery::label_selector s;
    REQUIRE(listquery::parse_label_selector("env=prod,tier in (web,api),!deprecated", s).has_value());
    REQUIRE(s.requirements.size() == 3);
    auto const* const storage = s.requirements.data();
    REQUIRE(listquery::parse_label_selector("example.com/team notin (a,b)", s).has_value());
    REQUIRE(s.requirements.size() == 1);
    CHECK(s.requirements.data() == storage); // the storage was reused
    CHECK(s.requirements[0].op == selector_op::not_in);
    CHECK(s.requirements[0].prefix == "example.com");
    CHECK(s.requirements[0].name == "team");
    check_error(listquery::parse_label_selector("ok,a_", s), error::label_name_invalid_ends, "label_selector", 3,
                "'a_' starts or ends with invalid characters");
    // Too many requirements: none of them counts, as Cloud Controller checks the count first.
    std::string fifty_one = "k";
    for (int i = 0; i < 50; ++i)
        fifty_one += ",k";
    check_error(listquery::parse_label_selector(fifty_one, s), error::too_many_label_requirements, "label_selector", 0,
                "Too many label_selector requirements (maximum is 50)");
    CHECK(s.requirements.empty());
}

TEST_CASE("label_selector: up to 8 requirements are held in place", "[parse][label_selector]") {
    static_assert(listquery::label_selector::inline_requirements == 8);
    auto const eight = listquery::parse_label_selector("a,b,c,d,e,f,g,h");
    REQUIRE(eight.has_value());
    CHECK(eight->requirements.size() == 8);
    CHECK(listquery_test::held_in_place(*eight, eight->requirements));
    auto const nine = listquery::parse_label_selector("a,b,c,d,e,f,g,h,i");
    REQUIRE(nine.has_value());
    CHECK(nine->requirements.size() == 9);
    CHECK_FALSE(listquery_test::held_in_place(*nine, nine->requirements));
    CHECK(to_string(*nine) == "a,b,c,d,e,f,g,h,i");
    listquery::label_selector copy = *nine; // copies and moves keep every requirement
    listquery::label_selector moved = std::move(copy);
    CHECK(moved == *nine);
}

TEST_CASE("label_selector: the one-pass path and the checked path agree at their edges",
          "[parse][label_selector]") {
    // Each valid input is taken by the one-pass grammar; each invalid one falls back to the
    // pattern match and the ordered checks, which name the problem.
    std::string const prefix253 = repeat("a", 63) + "." + repeat("b", 63) + "." + repeat("c", 63) +
                                  "." + repeat("d", 61);
    check_requirements(prefix253 + "/n", {{selector_op::exists, prefix253 + "/n", prefix253, "n", {}}});
    check_requirements("a.b", {{selector_op::exists, "a.b", "", "a.b", {}}});
    check_requirements("A-1.b/C_2.d==E.f", {{selector_op::equal, "A-1.b/C_2.d", "A-1.b", "C_2.d", {"E.f"}}});
    check_requirements("cloudfoundry.orgx.com/a", {{selector_op::exists, "cloudfoundry.orgx.com/a",
                                                    "cloudfoundry.orgx.com", "a", {}}});
    check_requirements("k in (a,,b,)", {{selector_op::in, "k", "", "k", {"a", "", "b"}}});
    check_error(listquery::parse_label_selector("k===v"), error::label_value_invalid_characters, "label_selector",
                3, "'=v' contains invalid characters");
    check_error(listquery::parse_label_selector("k in (a-)"), error::label_value_invalid_ends, "label_selector",
                6, "'a-' starts or ends with invalid characters");
    check_error(listquery::parse_label_selector("a=b in (c)"), error::label_name_invalid_characters,
                "label_selector", 0, "'a=b' contains invalid characters");
    check_error(listquery::parse_label_selector("k in (a)x"), error::invalid_label_selector, "label_selector", 0,
                invalid);
    check_error(listquery::parse_label_selector("!k=v"), error::invalid_label_selector, "label_selector", 0,
                invalid);
}
