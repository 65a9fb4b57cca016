// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/query_errors.hpp>

#include "test_helpers.hpp"

using listquery::error;
using listquery::error_response_kind;

namespace {
listquery::query_errors two_errors(error_response_kind kind) {
    return {{{error::invalid_page, "page", 0, "Page must be a positive integer"},
             {error::per_page_out_of_range, "per_page", 0, "Per page must be between 1 and 5000"}},
            kind};
}
} // namespace

TEST_CASE("query_errors: 400 CF-BadQueryParameter joins messages behind the prefix",
          "[query_errors]") {
    auto const e = two_errors(error_response_kind::bad_query_parameter);
    CHECK(e.http_status() == 400);
    CHECK(e.title() == "CF-BadQueryParameter");
    CHECK(e.cf_code() == 10005);
    CHECK(e.detail() == "The query parameter is invalid: Page must be a positive integer, "
                        "Per page must be between 1 and 5000");
}

TEST_CASE("query_errors: 422 CF-UnprocessableEntity has no prefix", "[query_errors]") {
    auto const e = two_errors(error_response_kind::unprocessable_entity);
    CHECK(e.http_status() == 422);
    CHECK(e.title() == "CF-UnprocessableEntity");
    CHECK(e.cf_code() == 10008);
    CHECK(e.detail() ==
          "Page must be a positive integer, Per page must be between 1 and 5000");
}

TEST_CASE("query_errors: identical messages are not merged, as in Cloud Controller",
          "[query_errors]") {
    listquery::query_error const e{error::invalid_timestamp, "created_ats", 0,
                                   "Created ats has an invalid timestamp format. Timestamps "
                                   "should be formatted as 'YYYY-MM-DDThh:mm:ssZ'"};
    listquery::query_errors const errs{{e, e}};
    CHECK(errs.detail() == "The query parameter is invalid: " + e.message + ", " + e.message);
    CHECK(listquery::query_errors{}.empty());
    CHECK_FALSE(errs.empty());
}
