// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/parse/paging.hpp>

#include "test_helpers.hpp"

#include <cstdint>
#include <string>

using listquery::error;
using listquery_test::check_error;

namespace {
constexpr std::uint64_t u64_max = 18446744073709551615ULL;
constexpr std::string_view page_message = "Page must be a positive integer";
constexpr std::string_view per_page_message = "Per page must be a positive integer";
constexpr std::string_view per_page_range_message = "Per page must be between 1 and 5000";
} // namespace

TEST_CASE("page: ASCII digits with a positive value", "[parse][pagination]") {
    struct row {
        std::string_view input;
        std::uint64_t value;
    };
    row const rows[] = {
        {"1", 1},
        {"2", 2},
        {"007", 7},
        {"9223372036854775807", 9223372036854775807ULL},
        {"18446744073709551615", u64_max},
        {"18446744073709551616", u64_max},                     // saturates
        {"9999999999999999999999999999999999999999", u64_max}, // 40 digits
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        auto const got = listquery::parse_page(r.input);
        REQUIRE(got.has_value());
        CHECK(*got == r.value);
    }
}

TEST_CASE("page: anything else is 'Page must be a positive integer' at the first bad byte",
          "[parse][pagination]") {
    struct row {
        std::string_view input;
        std::size_t offset;
    };
    row const rows[] = {
        {"", 0},     {"0", 0},     {"000", 0},   {"2abc", 1},  {"+1", 0},     {"-1", 0},
        {" 1", 0},   {"1 ", 1},    {"1_000", 1}, {"1.9", 1},   {"0x10", 1},   {"%2B1", 0},
        {"\xD9\xA3", 0}, // Arabic-Indic digit three: not ASCII
        {std::string_view("1\0" "2", 3), 1},
        {std::string_view("\0", 1), 0},
        {"99999999999999999999999999999999999999999x", 41},
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        check_error(listquery::parse_page(r.input), error::invalid_page, "page", r.offset,
                    page_message);
    }
}

TEST_CASE("per_page: 1 to 5000", "[parse][pagination]") {
    struct row {
        std::string_view input;
        std::uint64_t value;
    };
    row const rows[] = {{"1", 1}, {"50", 50}, {"0050", 50}, {"4999", 4999}, {"5000", 5000}};
    for (auto const& r : rows) {
        CAPTURE(r.input);
        auto const got = listquery::parse_per_page(r.input);
        REQUIRE(got.has_value());
        CHECK(*got == r.value);
    }
}

TEST_CASE("per_page: zero or not digits is 'Per page must be a positive integer'",
          "[parse][pagination]") {
    struct row {
        std::string_view input;
        std::size_t offset;
    };
    row const rows[] = {{"", 0},  {"0", 0},   {"00", 0},   {"abc", 0}, {"5x", 1},
                        {"+5", 0}, {"5 ", 1}, {"1e3", 1}, {"6000abc", 4},
                        {std::string_view("\0", 1), 0}};
    for (auto const& r : rows) {
        CAPTURE(r.input);
        check_error(listquery::parse_per_page(r.input), error::invalid_per_page, "per_page",
                    r.offset, per_page_message);
    }
}

TEST_CASE("per_page: above 5000 is 'Per page must be between 1 and 5000'", "[parse][pagination]") {
    for (std::string_view input :
         {"5001", "10000", "18446744073709551615", "99999999999999999999", "0005001"}) {
        CAPTURE(input);
        check_error(listquery::parse_per_page(input), error::per_page_out_of_range, "per_page", 0,
                    per_page_range_message);
    }
}

TEST_CASE("maximum result: page * per_page above the maximum, computed without overflow",
          "[parse][pagination]") {
    struct row {
        std::uint64_t page, per_page, maximum;
        bool ok;
    };
    constexpr std::uint64_t big = listquery::default_maximum_result;
    row const rows[] = {
        {1, 50, big, true},
        {big, 1, big, true},             // equality is allowed
        {big, 2, big, false},            // page=9223372036854775807&per_page=2
        {big / 2, 2, big, true},         // 9223372036854775806
        {big / 2 + 1, 2, big, false},    // 9223372036854775808
        {u64_max, 1, big, false},        // saturated page
        {u64_max, u64_max, big, false},
        {4611686018427387904ULL, 4, big, false}, // 2^64 exactly: a naive product wraps to 0
        {0, 5000, big, true},            // a page that is not all digits counts as 0
        {5, 0, big, true},
        {2, 50, 100, true},
        {3, 50, 100, false},
        {101, 1, 100, false},
        {u64_max, 1, u64_max, false},    // a maximum of 2^64-1 still rejects saturated values
        {u64_max - 1, 1, u64_max, true},
    };
    for (auto const& r : rows) {
        CAPTURE(r.page, r.per_page, r.maximum);
        auto const got = listquery::check_maximum_result(r.page, r.per_page, r.maximum);
        CHECK(got.has_value() == r.ok);
    }
    check_error(listquery::check_maximum_result(big, 2), error::maximum_result_exceeded, "page", 0,
                "Maximum result (page * per_page) must be less than 9223372036854775807");
    check_error(listquery::check_maximum_result(3, 50, 100), error::maximum_result_exceeded,
                "page", 0, "Maximum result (page * per_page) must be less than 100");
    check_error(listquery::check_maximum_result(u64_max, 2, u64_max),
                error::maximum_result_exceeded, "page", 0,
                "Maximum result (page * per_page) must be less than 18446744073709551614");
}

TEST_CASE("pagination defaults", "[parse][pagination]") {
    CHECK(listquery::default_page == 1);
    CHECK(listquery::default_per_page == 50);
    CHECK(listquery::max_per_page == 5000);
    CHECK(listquery::default_maximum_result == 9223372036854775807ULL);
}
