// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/parse/timestamp.hpp>

#include "test_helpers.hpp"

#include <chrono>

using listquery::error;
using listquery_test::check_error;
using namespace std::chrono;

namespace {
constexpr std::string_view created_message =
    "Created ats has an invalid timestamp format. Timestamps should be formatted as "
    "'YYYY-MM-DDThh:mm:ssZ'";
} // namespace

TEST_CASE("timestamp: strict YYYY-MM-DDThh:mm:ssZ at whole seconds", "[parse][timestamp]") {
    struct row {
        std::string_view input;
        listquery::timestamp value;
    };
    row const rows[] = {
        {"2020-05-26T18:47:03Z", sys_days(2020y / May / 26) + 18h + 47min + 3s},
        {"1970-01-01T00:00:00Z", sys_seconds{}},
        {"2020-02-29T23:59:59Z", sys_days(2020y / February / 29) + 23h + 59min + 59s},
        {"2000-02-29T00:00:00Z", sys_days(2000y / February / 29)},
        {"0000-01-01T00:00:00Z", sys_days(year(0) / January / 1)},
        {"9999-12-31T23:59:59Z", sys_days(9999y / December / 31) + 23h + 59min + 59s},
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        auto const got = listquery::parse_timestamp(r.input);
        REQUIRE(got.has_value());
        CHECK(*got == r.value);
        CHECK(listquery::to_string(*got) == r.input);
    }
}

TEST_CASE("timestamp: the shape is exact, at the first byte that does not fit",
          "[parse][timestamp]") {
    struct row {
        std::string_view input;
        std::size_t offset;
    };
    row const rows[] = {
        {"", 0},
        {"2020", 4},
        {"2020-05-26", 10},
        {"2020-05-26 18:47:03Z", 10},
        {"2020-05-26t18:47:03Z", 10},
        {"2020-05-26T18:47:03z", 19},
        {"2020-05-26T18:47:03", 19},
        {"2020-05-26T18:47:03.5Z", 19},
        {"2020-05-26T18:47:03+00:00", 19},
        {"2020-05-26T18:47:03Z\n", 20}, // Ruby's \Z would take a trailing newline; we do not
        {"2020-05-26T18:47:03ZZ", 20},
        {"20200-05-26T18:47:03Z", 4},
        {"+020-05-26T18:47:03Z", 0},
        {" 2020-05-26T18:47:03Z", 0},
        {"2020-5-26T18:47:03Z", 6},
        {"2020-05-26T8:47:03Z", 12},
        {"\xD9\xA2" "020-05-26T18:47:03Z", 0},
        {std::string_view("2020-05-26T18:47:03\0", 20), 19},
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        check_error(listquery::parse_timestamp(r.input), error::invalid_timestamp, "created_ats",
                    r.offset, created_message);
    }
}

TEST_CASE("timestamp: a real calendar instant (docs/semantics.md#timestamp-format)", "[parse][timestamp]") {
    struct row {
        std::string_view input;
        std::size_t offset;
    };
    row const rows[] = {
        {"2020-13-01T00:00:00Z", 5}, {"2020-00-01T00:00:00Z", 5}, {"2021-02-29T00:00:00Z", 8},
        {"1900-02-29T00:00:00Z", 8}, {"2020-04-31T00:00:00Z", 8}, {"2020-01-00T00:00:00Z", 8},
        {"2020-01-32T00:00:00Z", 8}, {"2020-01-01T24:00:00Z", 11}, {"2020-01-01T00:60:00Z", 14},
        {"2020-01-01T00:00:60Z", 17}, {"2020-01-01T99:99:99Z", 11},
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        check_error(listquery::parse_timestamp(r.input), error::invalid_timestamp, "created_ats",
                    r.offset, created_message);
    }
}

TEST_CASE("timestamp: the message names the filter", "[parse][timestamp]") {
    check_error(listquery::parse_timestamp("x", "updated_ats"), error::invalid_timestamp,
                "updated_ats", 0,
                "Updated ats has an invalid timestamp format. Timestamps should be formatted as "
                "'YYYY-MM-DDThh:mm:ssZ'");
    CHECK(listquery::to_string(listquery::timestamp_op::lt) == "lt");
    CHECK(listquery::to_string(listquery::timestamp_op::lte) == "lte");
    CHECK(listquery::to_string(listquery::timestamp_op::gt) == "gt");
    CHECK(listquery::to_string(listquery::timestamp_op::gte) == "gte");
}
