// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/query_error.hpp>
#include <listquery/query_errors.hpp>

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>

namespace listquery {

//------------------------------------------------
/** The exception thrown by `parameter_result<T>::value()` when it holds an error.

    Parsing never throws on bad input; exceptions are opt-in through `value()`.
*/
class query_exception : public boost::system::system_error {
public:
    /// Wraps every problem of one query.
    explicit query_exception(query_errors errors)
        : system_error(errors.empty() ? make_error_code(error::success) : errors.errors.front().ec(),
                       errors.detail()),
          errors_(std::move(errors)) {}

    /// The problems that were found.
    query_errors const& errors() const noexcept { return errors_; }

private:
    query_errors errors_;
};

/// Throws `query_exception`; `boost::system::result<T, query_error>::value()` finds it by ADL.
[[noreturn]] inline void throw_exception_from_error(query_error const& e,
                                                    boost::source_location const& loc) {
    boost::throw_exception(query_exception(query_errors{{e}}), loc);
}

/// Throws `query_exception`; `boost::system::result<T, query_errors>::value()` finds it by ADL.
[[noreturn]] inline void throw_exception_from_error(query_errors const& e,
                                                    boost::source_location const& loc) {
    boost::throw_exception(query_exception(e), loc);
}

/// What a one-parameter parser returns: the value, or the one problem that prevents it. A whole
/// query reports every problem instead, in a `list_query_result`.
template <class T>
using parameter_result = boost::system::result<T, query_error>;

} // namespace listquery
