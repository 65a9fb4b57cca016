// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/query_error.hpp>
#include <listquery/query_errors.hpp>

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>

namespace listquery {

//------------------------------------------------
/** The exception thrown by `result<T>::value()` when it holds an error.

    Nothing in listquery throws on bad input or a database's failure; exceptions are opt-in through
    `value()`.
*/
class query_exception : public boost::system::system_error {
public:
    /// Wraps every problem of one call; `what()` includes their messages (`diagnostic()`).
    explicit query_exception(query_errors errors) : system_error(errors.ec(), errors.diagnostic()), errors_(std::move(errors)) {}

    /// The problems that were found.
    query_errors const& errors() const noexcept { return errors_; }

private:
    query_errors errors_;
};

/// Throws `query_exception`; `result<T>::value()` finds it by ADL.
[[noreturn]] inline void throw_exception_from_error(query_errors const& e,
                                                    boost::source_location const& loc) {
    boost::throw_exception(query_exception(e), loc);
}

/** What every fallible call of listquery returns: the value, or why there is none (the parsers,
    the page-token checks, the indexes' factories, the SQL executors, the stores). A parser of one
    parameter reports its one problem; a whole query every problem, in Cloud Controller's order.
*/
template <class T>
using result = boost::system::result<T, query_errors>;

} // namespace listquery
