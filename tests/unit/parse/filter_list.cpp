// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/parse/filter_list.hpp>

#include "test_helpers.hpp"

#include <string>
#include <vector>

using strings = std::vector<std::string>;

TEST_CASE("filter list: split on ',' and the white space after it", "[parse][filter_list]") {
    struct row {
        std::string_view input; // already form-decoded once
        strings elements;
    };
    row const rows[] = {
        {"STAGED,FAILED", {"STAGED", "FAILED"}},
        {"a", {"a"}},
        {"", {""}},
        {"a,", {"a", ""}},
        {",a", {"", "a"}},
        {",", {"", ""}},
        {"a,,b", {"a", "", "b"}},
        {"a, b", {"a", "b"}},
        {"a,  \t\r\n\f\vb", {"a", "b"}},
        {"a ,b", {"a ", "b"}},
        {" a", {" a"}},
        {"a, ", {"a", ""}},
        {"a, ,b", {"a", "", "b"}},
        {"a b", {"a b"}},
        {"\xC2\xA0" "a,\xC2\xA0" "b", {"\xC2\xA0" "a", "\xC2\xA0" "b"}}, // only ASCII white space
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        CHECK(listquery::filter_list_elements(r.input) == r.elements);
    }
}

TEST_CASE("filter list: each element is percent-decoded once more (Addressable)",
          "[parse][filter_list]") {
    struct row {
        std::string_view input;
        strings elements;
    };
    row const rows[] = {
        {"a%2Cb", {"a,b"}},   // from the wire's a%252Cb: a literal comma
        {"a%2cb", {"a,b"}},   // lower-case hex
        {"a+b", {"a+b"}},     // '+' stays
        {"a%2Bb", {"a+b"}},
        {"100%", {"100%"}},   // malformed escapes stay as they are
        {"%zz%41", {"%zzA"}},
        {"%%41", {"%A"}},
        {"%4", {"%4"}},
        {"%2525", {"%25"}},
        {"a%00b", {std::string("a\0b", 3)}},
        {"%E2%9C%93,x", {"\xE2\x9C\x93", "x"}},
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        CHECK(listquery::filter_list_elements(r.input) == r.elements);
    }
}

TEST_CASE("filter list: a large list is split in one pass", "[parse][filter_list]") {
    std::string input;
    for (int i = 0; i < 100000; ++i)
        input += "guid-" + std::to_string(i) + ", ";
    auto const got = listquery::filter_list_elements(input);
    REQUIRE(got.size() == 100001);
    CHECK(got[99999] == "guid-99999");
    CHECK(got.back().empty());
}
