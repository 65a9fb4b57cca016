// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/query_error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace listquery {

//------------------------------------------------
/** How an endpoint reports a bad query (docs/semantics.md#errors-envelope).

    Most Cloud Foundry list endpoints answer 400 `CF-BadQueryParameter`; a few answer 422
    `CF-UnprocessableEntity` and leave out the detail prefix.
*/
enum class error_response_kind {
    /// HTTP 400, title `CF-BadQueryParameter`, code 10005, detail prefixed with
    /// `The query parameter is invalid: `.
    bad_query_parameter,
    /// HTTP 422, title `CF-UnprocessableEntity`, code 10008, no detail prefix.
    unprocessable_entity,
};

//------------------------------------------------
/** Every problem found in one request's query, in Cloud Controller's order, and the Cloud Foundry
    error response they make.

    @par Example
    @code
    listquery::query_errors errs;
    errs.errors.push_back({listquery::error::invalid_page, "page", 0,
                           "Page must be a positive integer"});
    errs.errors.push_back({listquery::error::per_page_out_of_range, "per_page", 0,
                           "Per page must be between 1 and 5000"});
    // errs.http_status() == 400, errs.title() == "CF-BadQueryParameter", errs.cf_code() == 10005
    // errs.detail() == "The query parameter is invalid: Page must be a positive integer, "
    //                  "Per page must be between 1 and 5000"
    @endcode
*/
struct query_errors {
    /// The problems, in the order Cloud Controller reports them.
    std::vector<query_error> errors;
    /// 400 or 422.
    error_response_kind kind = error_response_kind::bad_query_parameter;

    /// True when no problem was found.
    bool empty() const noexcept { return errors.empty(); }

    /// 400 or 422.
    unsigned http_status() const noexcept {
        return kind == error_response_kind::bad_query_parameter ? 400 : 422;
    }

    /// `CF-BadQueryParameter` or `CF-UnprocessableEntity`.
    std::string_view title() const noexcept {
        return kind == error_response_kind::bad_query_parameter ? "CF-BadQueryParameter"
                                                                : "CF-UnprocessableEntity";
    }

    /// Cloud Foundry's numeric error code: 10005 or 10008 (each `errors[i].code` says what
    /// went wrong with one parameter).
    int cf_code() const noexcept { return kind == error_response_kind::bad_query_parameter ? 10005 : 10008; }

    /// The messages joined with `", "`, behind `The query parameter is invalid: ` for 400.
    std::string detail() const {
        std::string out = kind == error_response_kind::bad_query_parameter
                              ? "The query parameter is invalid: "
                              : "";
        for (std::size_t i = 0; i < errors.size(); ++i) {
            if (i != 0)
                out += ", ";
            out += errors[i].message;
        }
        return out;
    }

    friend bool operator==(query_errors const&, query_errors const&) = default;
};

} // namespace listquery
