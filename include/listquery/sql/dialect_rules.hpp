// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>

namespace listquery::sql {

/// The SQL a query compiles to: each has its rules (`dialect_rules`, docs/sql.md#dialects).
enum class dialect {
    sqlite,     ///< SQLite 3.38 or later: `?N` parameters, `json_each` for lists
    postgresql, ///< PostgreSQL 12 or later (and Citus): `$N` parameters, arrays for lists
    mariadb,    ///< MariaDB 10.6 or later: `?` parameters, `JSON_TABLE` for lists
};

/// What a parameter holds, where a dialect must say so in the text (PostgreSQL's casts).
enum class parameter_kind { scalar, time, text_list, time_list };

/// A column's type in a schema: the id, a text compared by bytes, a resource's JSON document, a
/// time at microsecond precision, an integer; and the parts of a stored label, which a selector
/// bounds (`limits.hpp`): a key's prefix (253 characters at most), a key's name or a value (63).
enum class column_kind { id, text, document, time, integer, label_prefix, label_name };

/// `x` in a list of `n` values: `x` + `before` + the list's parameter + `after`; or, with
/// `scalars`, that many placeholders of one value each, separated by `, ` (`x = ?`,
/// `x IN (?, ?)`): the values in order, the last repeated to fill them, so that a few texts
/// serve every length.
struct list_form {
    std::string_view before, after;
    std::size_t scalars = 0;
};

/// `x` within a second of one of a list of times: `open` + the list's parameter + `alias`, then
/// `x >= <value> AND x < <value><plus_second>)`.
struct second_form {
    std::string_view open, alias, value, plus_second;
};

/** Every decision listquery's statements leave to a database (docs/sql.md#dialects), one
    specialization per `dialect`, each in its own file (`sql/dialects/`). A dialect without one
    does not compile, nor does one that misses a decision (`dialect_description`).
*/
template <dialect D>
struct dialect_rules;

/// The decisions a `dialect_rules` specialization makes.
template <class R>
concept dialect_description = requires(std::string& out, std::size_t n, parameter_kind p, column_kind c,
                                       std::string const& column, bool ascending) {
    { R::name } -> std::convertible_to<std::string_view>;
    /// The `n`-th parameter (from 1), holding a `p`.
    { R::placeholder(out, n, p) } -> std::same_as<void>;
    /// After a text column, or a parameter compared with one, so that it compares by bytes.
    { R::bytewise } -> std::convertible_to<std::string_view>;
    /// After an `ORDER BY` column: where its NULLs go (first ascending, last descending).
    { R::nulls(ascending) } -> std::convertible_to<std::string_view>;
    /// After an index's first column: where its NULLs are kept.
    { R::index_nulls } -> std::convertible_to<std::string_view>;
    { R::list(n) } -> std::same_as<list_form>;
    { R::within_a_second } -> std::convertible_to<second_form>;
    /// Whether a keyset range is a row value, `(c, guid) > (?, ?)`, which the planner reads as
    /// one range of the `(c, guid)` index; else it is written out, `(c > ? OR (c = ? AND guid > ?))`.
    { R::row_values } -> std::convertible_to<bool>;
    /// A time column as integer microseconds since the epoch.
    { R::microseconds_of(column) } -> std::same_as<std::string>;
    { R::column_type(c) } -> std::convertible_to<std::string_view>;
    /// Before a table's name: the statement that refreshes the planner's statistics of it.
    { R::analyze } -> std::convertible_to<std::string_view>;
};

} // namespace listquery::sql
