// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/error.hpp>

#include <cstddef>
#include <string>

namespace listquery {

//------------------------------------------------
/** One problem found in one query parameter.

    @par Example
    @code
    listquery::query_error e{listquery::error::invalid_page, "page", 1,
                             "Page must be a positive integer"};   // from `page=2abc`
    @endcode
*/
struct query_error {
    /// What kind of problem this is.
    error code = error::success;
    /// The decoded key of the query parameter at fault, e.g. `per_page` or `created_ats[lt]`.
    std::string parameter;
    /// Byte offset inside that parameter's decoded value where the problem was found.
    std::size_t offset = 0;
    /// Cloud Foundry's full message, exactly as Cloud Controller words it.
    std::string message;

    /// `code` as a Boost.System error code.
    boost::system::error_code ec() const noexcept { return make_error_code(code); }

    friend bool operator==(query_error const&, query_error const&) = default;
};

namespace detail {
/// The one error of a page token that is not valid, whatever is wrong with it (docs/keyset.md).
inline query_error bad_page_token_error() {
    return {error::invalid_page_token, "page_token", 0,
            "Page token is invalid: it is damaged, expired, or was issued for another query"};
}
} // namespace detail

} // namespace listquery
