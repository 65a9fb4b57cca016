// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/pipeline/page.hpp>
#include <listquery/sql/statement.hpp>

#include <listquery/result.hpp>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
    std::uint64_t page_number = default_page, per_page = default_per_page;

    friend bool operator==(page const&, page const&) = default;
};

/** A database's failure as listquery's error (docs/sql.md#errors): `error::database_unavailable`
    (503) when the database cannot be reached, `error::database_timeout` (503) when it did not
    answer in time, `error::database_error` (500) when it refused a
    statement; `message` says what was attempted and the engine's own words, on one line. A
    client sees only Cloud Controller's fixed text (`query_errors::detail`); a log, the message
    (`diagnostic`).
*/
inline query_errors database_failure(error code, std::string message) {
    // A statement (a schema, say) or a server's detail may span lines: each line break, with the
    // blanks after it, becomes one space, and none is left at the end.
    for (std::size_t at; (at = message.find('\n')) != std::string::npos;) {
        std::size_t const next = message.find_first_not_of(" \n", at);
        message.replace(at, next == std::string::npos ? std::string::npos : next - at, next == std::string::npos ? "" : " ");
    }
    bool const unavailable = code == error::database_unavailable || code == error::database_timeout;
    return {query_error{code, {}, 0, std::move(message)},
            unavailable ? error_response_kind::service_unavailable : error_response_kind::unknown_error};
}

/// Rows read as text, each column's value or none for SQL NULL (`text_rows`).
using text_table = std::vector<std::vector<std::optional<std::string>>>;

namespace detail {

/// The integer a database wrote as text: all of `text`, a decimal that fits; none otherwise.
inline std::optional<std::int64_t> read_integer(std::string_view text) {
    std::int64_t v = 0;
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return v;
}

/// The failure of a column that should have held an integer.
inline query_errors not_an_integer(std::string_view what, std::string_view text) {
    return database_failure(error::database_error,
                            std::string(what) + " gave `" + std::string(text) + "` where an integer was expected");
}

/** Runs `body` (returning `result<void>`) as one transaction on `db`: its own (`BEGIN` …
    `COMMIT`) when `open` says none is open, else a savepoint of the caller's. When `body` or the
    commit fails, everything `body` did is undone and its failure returned.
*/
template <class Database, class Body>
result<void> atomically(Database& db, bool open, Body&& body) {
    if (auto begun = db.execute(open ? "SAVEPOINT listquery_store" : "BEGIN"); !begun)
        return begun;
    result<void> done = body();
    if (done) {
        done = db.execute(open ? "RELEASE SAVEPOINT listquery_store" : "COMMIT");
        if (done)
            return done;
    }
    (void)db.execute(open ? "ROLLBACK TO SAVEPOINT listquery_store; RELEASE SAVEPOINT listquery_store" : "ROLLBACK");
    return done;
}

/** Runs a compiled query on `db`, as every executor does: `read_page(out)` runs the page
    statement into `out.rows` and returns whether a row carried the total (the window count);
    the count statement runs when none did, so the total is exact past the last page too.
*/
template <class Database, class ReadPage>
result<page> run_compiled(Database& db, compiled_query const& c, ReadPage read_page) {
    page out{{}, 0, 1, c.page_number, c.per_page};
    result<bool> const counted = read_page(out);
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
