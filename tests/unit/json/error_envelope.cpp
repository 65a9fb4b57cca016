// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/json/error_envelope.hpp>

#include "test_helpers.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

using listquery::error;

namespace {
std::string envelope(listquery::query_errors const& e) {
    return boost::json::serialize(boost::json::value_from(e));
}
} // namespace

TEST_CASE("error envelope: Cloud Foundry's shape and key order", "[json][error_envelope]") {
    listquery::query_errors errs{{{error::invalid_page, "page", 0, "Page must be a positive integer"}}};
    CHECK(envelope(errs) == R"({"errors":[{"detail":"The query parameter is invalid: Page must be )"
                            R"(a positive integer","title":"CF-BadQueryParameter","code":10005}]})");
    errs.kind = listquery::error_response_kind::unprocessable_entity;
    CHECK(envelope(errs) == R"({"errors":[{"detail":"Page must be a positive integer",)"
                            R"("title":"CF-UnprocessableEntity","code":10008}]})");
}

TEST_CASE("error envelope: always valid UTF-8 and escaped", "[json][error_envelope]") {
    // The message quotes request bytes: a stray continuation byte, a truncated sequence, an
    // overlong encoding, a surrogate, a quote and a control character.
    std::string const raw = std::string("'a\x80" "b\xE2\x82" "c\xC0\xAF" "d\xED\xA0\x80" "e") +
                            "\"\x01\xC3\xA9\xF0\x9F\x98\x80'";
    listquery::query_errors const errs{
        {{error::label_value_invalid_characters, "label_selector", 0, raw + " contains invalid characters"}},
        listquery::error_response_kind::unprocessable_entity};
    std::string const body = envelope(errs);
    boost::system::error_code ec;
    auto const parsed = boost::json::parse(body, ec); // Boost.JSON rejects invalid UTF-8
    REQUIRE_FALSE(ec);
    CHECK(parsed.at("errors").at(0).at("detail").as_string() ==
          "'a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD"
          "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "e\"\x01\xC3\xA9\xF0\x9F\x98\x80' contains invalid characters");
    CHECK(body.find("\\\"\\u0001") != std::string::npos);
}

TEST_CASE("error envelope: any Cloud Foundry error, from the public builder", "[json][error_envelope]") {
    CHECK(boost::json::serialize(listquery::error_envelope("App not found", "CF-ResourceNotFound", 10010)) ==
          R"({"errors":[{"detail":"App not found","title":"CF-ResourceNotFound","code":10010}]})");
    CHECK(boost::json::serialize(listquery::error_envelope("bad \xFF byte", "CF-NotFound", 10000)) ==
          "{\"errors\":[{\"detail\":\"bad \xEF\xBF\xBD byte\",\"title\":\"CF-NotFound\",\"code\":10000}]}");
}
