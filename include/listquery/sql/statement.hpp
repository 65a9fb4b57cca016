// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/limits.hpp>
#include <listquery/sql/dialect.hpp>
#include <listquery/scope.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace listquery::sql {

/// How the total is counted (docs/sql.md#counting).
enum class count_strategy {
    /// A `count(*)` statement beside the page statement: each can use its own index, and both
    /// push down to Citus shards.
    separate,
    /// `count(*) OVER ()` in the page statement, and the count statement only for an empty page.
    window,
};

/// How `compile` and `compile_keyset` write SQL.
struct options {
    count_strategy count = count_strategy::separate;
    /// A nested route's scope (`endpoint::within`): one more condition, `column = ?`, before
    /// the query's own filters.
    std::optional<listquery::scope> scope{};
};

/// Stored times: microseconds since the epoch, UTC.
using time_point = std::chrono::sys_time<std::chrono::microseconds>;

/** One typed bind parameter. Strings are views: of the compiled query's storage, or of the
    resource being stored. Executors bind a list as one value: a JSON array on SQLite, an array
    on PostgreSQL; a time as integer microseconds on SQLite, a `timestamp` on PostgreSQL.
*/
using parameter = std::variant<std::monostate,                ///< NULL
                               std::int64_t,                  ///< an integer
                               std::string_view,              ///< a text
                               time_point,                    ///< a time
                               std::vector<std::string_view>, ///< a list of texts
                               std::vector<time_point>>;      ///< a list of times

/// A statement: its text, which depends only on the query's shape, and its parameters, in order.
struct statement {
    std::string text;
    std::vector<parameter> parameters;
};

//------------------------------------------------
/** A list query compiled to SQL: the page statement and the count statement.

    The page statement selects the id and, when the mapping names one, the document column, in
    the page's order; with `count_strategy::window` a third column holds the total. It stays valid
    as long as it lives: it shares the query's storage, which its text parameters view.
*/
struct compiled_query {
    statement page;
    statement count;
    /// Whether the page statement's third column is the total (`count_strategy::window`).
    bool page_counts = false;
    /// Whether the page statement selects a document column.
    bool has_document = false;
    /// The page requested, from 1, and its size.
    std::uint64_t page_number = default_page, per_page = default_per_page;
    /// Keeps the query's decoded bytes alive.
    std::shared_ptr<void const> storage;
};

} // namespace listquery::sql
