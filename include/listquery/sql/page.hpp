// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/pipeline/page.hpp>
#include <listquery/sql/statement.hpp>

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <boost/throw_exception.hpp>

#include <cstdint>
#include <optional>
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

/// Rows read as text, each column's value or none for SQL NULL (`text_rows`).
using text_table = std::vector<std::vector<std::optional<std::string>>>;

namespace detail {

/** Runs a compiled query on `db`, as every executor does: `read_page(out)` runs the page
    statement into `out.rows` and returns whether a row carried the total (the window count);
    the count statement runs when none did, so the total is exact past the last page too.
*/
template <class Database, class ReadPage>
db_result<page> run_compiled(Database& db, compiled_query const& c, ReadPage read_page) {
    page out{{}, 0, 1, c.page_number, c.per_page};
    db_result<bool> const counted = read_page(out);
    if (!counted)
        return counted.error();
    if (!*counted) {
        auto const total = db.scalar(c.count.text, c.count.parameters);
        if (!total)
            return total.error();
        out.total_results = static_cast<std::uint64_t>(*total);
    }
    out.total_pages = listquery::detail::total_pages(out.total_results, out.per_page);
    return out;
}

} // namespace detail

} // namespace listquery::sql
