// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/parse/order_by.hpp>

#include "test_helpers.hpp"

#include <optional>
#include <string>

using listquery::direction;
using listquery::error;
using listquery_test::check_error;

namespace {
constexpr std::string_view default_order_fields[] = {"created_at", "updated_at"};
constexpr std::string_view app_order_fields[] = {"created_at", "updated_at", "name", "state"};
} // namespace

TEST_CASE("order_by: optional sign gives the direction", "[parse][order_by]") {
    struct row {
        std::string_view input;
        std::string_view field;
        direction dir;
    };
    row const rows[] = {
        {"created_at", "created_at", direction::asc},
        {"+created_at", "created_at", direction::asc},
        {"-created_at", "created_at", direction::desc},
        {"updated_at", "updated_at", direction::asc},
        {"-updated_at", "updated_at", direction::desc},
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        std::string const input(r.input); // owned, so the result cannot point into a literal
        auto const got = listquery::parse_order_by(input, default_order_fields);
        REQUIRE(got.has_value());
        REQUIRE(got->has_value());
        CHECK(**got == listquery::order_by{r.field, r.dir});
        // The field refers to the caller's allowed value, so it outlives the request.
        bool const refers_to_allowed = (**got).field.data() == default_order_fields[0].data() ||
                                       (**got).field.data() == default_order_fields[1].data();
        CHECK(refers_to_allowed);
    }
}

TEST_CASE("order_by: blank is ignored", "[parse][order_by]") {
    // "order_by=" and "order_by=+" (a '+' decodes to a space) and "order_by=%20" are ignored.
    for (std::string_view input : {"", " ", "   ", "\t", "\n\r\v\f", "\xC2\xA0", "\xE3\x80\x80",
                                   "\xE2\x80\x80\xE2\x80\x8A", " \xE2\x80\xA8 "}) {
        CAPTURE(input);
        auto const got = listquery::parse_order_by(input, default_order_fields);
        REQUIRE(got.has_value());
        CHECK_FALSE(got->has_value());
    }
}

TEST_CASE("order_by: anything else is 'Order by can only be: …' at the first byte no value fits",
          "[parse][order_by]") {
    constexpr std::string_view message = "Order by can only be: 'created_at', 'updated_at'";
    struct row {
        std::string_view input;
        std::size_t offset;
    };
    row const rows[] = {
        {"name", 0},           {"--created_at", 1}, {"+-created_at", 1}, {" created_at", 0},
        {"created_at ", 10},   {"Created_at", 0},   {"created_atx", 10}, {"created", 7},
        {"-", 1},              {"+", 1},            {"id", 0},           {"-updated_x", 9},
        {"created_at,updated_at", 10},              {"\xE2\x80\x8B", 0}, // zero-width space
        {"\xC2", 0},                                {std::string_view("created_at\0", 11), 10},
        {"\xE2\x80\x8B" "created_at", 0},
    };
    for (auto const& r : rows) {
        CAPTURE(r.input);
        check_error(listquery::parse_order_by(r.input, default_order_fields),
                    error::invalid_order_by, "order_by", r.offset, message);
    }
}

TEST_CASE("order_by: the message lists the endpoint's values in its order", "[parse][order_by]") {
    CHECK(listquery::parse_order_by("position", app_order_fields).error().errors[0].message ==
          "Order by can only be: 'created_at', 'updated_at', 'name', 'state'");
    auto const got = listquery::parse_order_by("-state", app_order_fields);
    REQUIRE(got.has_value());
    CHECK(**got == listquery::order_by{"state", direction::desc});
    constexpr std::string_view only_name[] = {"name"};
    CHECK(listquery::parse_order_by("created_at", only_name).error().errors[0].message ==
          "Order by can only be: 'name'");
    CHECK(listquery::parse_order_by("name", std::span<std::string_view const>{}).error().errors[0].message ==
          "Order by can only be: ");
}
