// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/query_error.hpp>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace listquery {

//------------------------------------------------
/** The Cloud Foundry error response a failure makes (docs/semantics.md#errors-envelope).

    A bad query is 400 `CF-BadQueryParameter` on most Cloud Foundry list endpoints, and 422
    `CF-UnprocessableEntity` (without the detail prefix) on a few. A failure of the database is
    Cloud Controller's 500 or 503, whose detail never shows the database's message.
*/
enum class error_response_kind {
    /// HTTP 400, title `CF-BadQueryParameter`, code 10005, detail prefixed with
    /// `The query parameter is invalid: `.
    bad_query_parameter,
    /// HTTP 422, title `CF-UnprocessableEntity`, code 10008, no detail prefix.
    unprocessable_entity,
    /// HTTP 500, title `UnknownError`, code 10001, detail `An unknown error occurred.`
    unknown_error,
    /// HTTP 503, title `CF-ServiceUnavailable`, code 10015, detail
    /// `The database cannot be reached; try again later.`
    service_unavailable,
};

//------------------------------------------------
/** Why a call failed, as every `listquery::result` says it: every problem found in one request's
    query, in Cloud Controller's order (or the one failure of the database or of a name), and the
    Cloud Foundry error response they make.

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
    /// The response they make.
    error_response_kind kind = error_response_kind::bad_query_parameter;

    query_errors() = default;
    /// One problem: a single parameter's, or a database's.
    query_errors(query_error e, error_response_kind k = error_response_kind::bad_query_parameter)
        : errors{std::move(e)}, kind(k) {}
    /// Every problem of a query.
    query_errors(std::vector<query_error> e, error_response_kind k = error_response_kind::bad_query_parameter)
        : errors(std::move(e)), kind(k) {}

    /// True when no problem was found.
    bool empty() const noexcept { return errors.empty(); }

    /// The first problem's code as a Boost.System error code (success when there is none).
    boost::system::error_code ec() const noexcept {
        return make_error_code(errors.empty() ? error::success : errors.front().code);
    }

    /// 400, 422, 500 or 503.
    unsigned http_status() const noexcept {
        switch (kind) {
        case error_response_kind::bad_query_parameter: return 400;
        case error_response_kind::unprocessable_entity: return 422;
        case error_response_kind::unknown_error: return 500;
        case error_response_kind::service_unavailable: return 503;
        }
        return 500;
    }

    /// `CF-BadQueryParameter`, `CF-UnprocessableEntity`, `UnknownError` or `CF-ServiceUnavailable`.
    std::string_view title() const noexcept {
        switch (kind) {
        case error_response_kind::bad_query_parameter: return "CF-BadQueryParameter";
        case error_response_kind::unprocessable_entity: return "CF-UnprocessableEntity";
        case error_response_kind::unknown_error: return "UnknownError";
        case error_response_kind::service_unavailable: return "CF-ServiceUnavailable";
        }
        return "UnknownError";
    }

    /// Cloud Foundry's numeric error code: 10005, 10008, 10001 or 10015 (each `errors[i].code`
    /// says what went wrong with one parameter).
    int cf_code() const noexcept {
        switch (kind) {
        case error_response_kind::bad_query_parameter: return 10005;
        case error_response_kind::unprocessable_entity: return 10008;
        case error_response_kind::unknown_error: return 10001;
        case error_response_kind::service_unavailable: return 10015;
        }
        return 10001;
    }

    /// The response's detail: the messages joined with `", "`, behind `The query parameter is
    /// invalid: ` for 400; for 500 and 503 Cloud Controller's fixed text, which never shows the
    /// database's message to a client.
    std::string detail() const {
        switch (kind) {
        case error_response_kind::bad_query_parameter: return "The query parameter is invalid: " + diagnostic();
        case error_response_kind::unprocessable_entity: return diagnostic();
        case error_response_kind::unknown_error: return "An unknown error occurred.";
        case error_response_kind::service_unavailable: return "The database cannot be reached; try again later.";
        }
        return diagnostic();
    }

    /// What went wrong, for a log: the messages joined with `", "` (a database's own message,
    /// which `detail` leaves out).
    std::string diagnostic() const {
        std::string out;
        for (std::size_t i = 0; i < errors.size(); ++i) {
            if (i != 0)
                out += ", ";
            out += errors[i].message;
        }
        return out;
    }

    friend bool operator==(query_errors const&, query_errors const&) = default;
    /// Writes `diagnostic()` (for a test's or a log's message).
    friend std::ostream& operator<<(std::ostream& os, query_errors const& e) { return os << e.diagnostic(); }
};

} // namespace listquery
