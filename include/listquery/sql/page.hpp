// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <boost/throw_exception.hpp>

#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace listquery::sql {

/// One resource of a page read from SQL.
struct row {
    /// Its id (the mapping's insertion-order column).
    std::int64_t id = 0;
    /// The mapping's document column as stored (its JSON text); empty without one.
    std::string document;

    friend bool operator==(row const&, row const&) = default;
};

/// One page read from SQL, with the counts the pagination links need, as `page_result` has.
struct page {
    /// The page's resources, in order.
    std::vector<row> rows;
    /// How many resources match, over all pages (exact, also past the last page).
    std::uint64_t total_results = 0;
    /// `max(1, ceil(total_results / per_page))`.
    std::uint64_t total_pages = 1;
    /// The page shown, as requested, and its size.
    std::uint64_t page_number = 1, per_page = 50;

    friend bool operator==(page const&, page const&) = default;
};

/// A database's refusal: what was attempted and the engine's own message, on one line.
struct error {
    std::string message;

    friend bool operator==(error const&, error const&) = default;
    /// Writes the message.
    friend std::ostream& operator<<(std::ostream& os, error const& e) { return os << e.message; }
};

/// Throws `std::runtime_error`; `boost::system::result<T, error>::value()` finds it by ADL.
[[noreturn]] inline void throw_exception_from_error(error const& e, boost::source_location const& loc) {
    boost::throw_exception(std::runtime_error(e.message), loc);
}

/// A value, or the database's error.
template <class T>
using db_result = boost::system::result<T, error>;

} // namespace listquery::sql
