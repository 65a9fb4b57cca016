// SPDX-License-Identifier: BSL-1.0
// listquery 0.1.0: GENERATED from include/ by tools/amalgamate.py. Do not edit.
#ifndef LISTQUERY_SINGLE_INCLUDE_SQL_HPP
#define LISTQUERY_SINGLE_INCLUDE_SQL_HPP
// begin file listquery/sql.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_HPP

// The SQL compiler (docs/sql.md): a table mapping per resource type, a validated query compiled
// to parameterized SQL for SQLite or PostgreSQL, and what storing resources takes. It depends on
// no database; the executors are separate: <listquery/sql/sqlite.hpp> (target
// listquery::sqlite) and <listquery/sql/postgresql.hpp> (target listquery::postgresql).
#include <listquery/listquery.hpp>

// begin file listquery/sql/compile.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_COMPILE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_COMPILE_HPP

// #include <listquery/endpoint.hpp> (already inlined)
// #include <listquery/pipeline/page.hpp> (already inlined)
// #include <listquery/query.hpp> (already inlined)
// begin file listquery/sql/statement.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_STATEMENT_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_STATEMENT_HPP

// #include <listquery/limits.hpp> (already inlined)
// begin file listquery/sql/dialect.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECT_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECT_HPP
// Every dialect's rules, and the one place a run-time dialect is looked at (docs/sql.md#dialects).

// begin file listquery/sql/dialect_rules.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECT_RULES_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECT_RULES_HPP

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
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECT_RULES_HPP
// end file listquery/sql/dialect_rules.hpp
// begin file listquery/sql/dialects/mariadb.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECTS_MARIADB_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECTS_MARIADB_HPP
// MariaDB's rules (docs/sql.md#mariadb).

// #include <listquery/sql/dialect_rules.hpp> (already inlined)

#include <bit>
#include <string>
#include <string_view>

namespace listquery::sql {

template <>
struct dialect_rules<dialect::mariadb> {
    static constexpr std::string_view name = "MariaDB";

    static void placeholder(std::string& out, std::size_t, parameter_kind) { out += '?'; }

    /// Every text column is `utf8mb4_nopad_bin`, which compares and sorts by bytes and counts
    /// trailing spaces; a parameter takes its column's collation.
    static constexpr std::string_view bytewise = "";

    /// NULLs sort first ascending and last descending natively; MariaDB has no `NULLS FIRST`.
    static std::string_view nulls(bool) { return ""; }

    static constexpr std::string_view index_nulls = ""; // first, as the order needs

    /// Up to 64 values are as many placeholders (rounded up to a power of two), which MariaDB
    /// reads as index ranges: it plans an `IN (SELECT …)` over a JSON_TABLE as a semi-join and
    /// sorts every match, ten times slower on 10^6 rows (docs/sql.md#mariadb). A longer list is a
    /// JSON array read by `JSON_TABLE` (MariaDB 10.6), as long texts so that no value is cut
    /// short, which keeps far below MariaDB's 65,535 parameters per statement.
    static list_form list(std::size_t n) {
        if (n == 1)
            return {" = ", "", 1};
        if (n >= 2 && n <= 64)
            return {" IN (", ")", std::bit_ceil(n)};
        return {" IN (SELECT j.v FROM JSON_TABLE(",
                ", '$[*]' COLUMNS (v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin PATH '$')) AS j)"};
    }

    /// Times are integer microseconds, as on SQLite: no time zone, and every year memory holds.
    static constexpr second_form within_a_second{"EXISTS (SELECT 1 FROM JSON_TABLE(",
                                                 ", '$[*]' COLUMNS (v BIGINT PATH '$')) AS s WHERE ", "s.v",
                                                 " + 1000000"};

    /// MariaDB reads a row-value comparison by scanning the whole index.
    static constexpr bool row_values = false;

    static std::string microseconds_of(std::string const& column) { return column; }

    static constexpr std::string_view analyze = "ANALYZE TABLE ";

    static std::string_view column_type(column_kind c) {
        switch (c) {
        case column_kind::text: return "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
        case column_kind::label_prefix: return "VARCHAR(253) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
        case column_kind::label_name: return "VARCHAR(63) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
        case column_kind::document: return "LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        case column_kind::id:
        case column_kind::time:
        case column_kind::integer: return "BIGINT";
        }
        return "BIGINT";
    }
};

static_assert(dialect_description<dialect_rules<dialect::mariadb>>);

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECTS_MARIADB_HPP
// end file listquery/sql/dialects/mariadb.hpp
// begin file listquery/sql/dialects/postgresql.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECTS_POSTGRESQL_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECTS_POSTGRESQL_HPP
// PostgreSQL's rules (docs/sql.md#postgresql), Citus's too.

// #include <listquery/sql/dialect_rules.hpp> (already inlined)

#include <string>
#include <string_view>

namespace listquery::sql {

template <>
struct dialect_rules<dialect::postgresql> {
    static constexpr std::string_view name = "PostgreSQL";

    /// Text parameters with a cast where the type is not the column's own: a list is an array.
    static void placeholder(std::string& out, std::size_t n, parameter_kind p) {
        (out += '$') += std::to_string(n);
        out += p == parameter_kind::time        ? "::timestamp"
               : p == parameter_kind::text_list ? "::text[]"
               : p == parameter_kind::time_list ? "::timestamp[]"
                                                : "";
    }

    static constexpr std::string_view bytewise = " COLLATE \"C\"";

    static std::string_view nulls(bool ascending) { return ascending ? " NULLS FIRST" : " NULLS LAST"; }

    /// One index then serves both directions (docs/sql.md#schema).
    static constexpr std::string_view index_nulls = " NULLS FIRST";

    static list_form list(std::size_t) { return {" = ANY(", ")"}; }

    static constexpr second_form within_a_second{"EXISTS (SELECT 1 FROM unnest(", ") AS s(v) WHERE ", "s.v",
                                                 " + interval '1 second'"};

    static constexpr bool row_values = true;

    static std::string microseconds_of(std::string const& column) {
        return "(extract(epoch from " + column + ") * 1000000)::bigint";
    }

    static constexpr std::string_view analyze = "ANALYZE ";

    static std::string_view column_type(column_kind c) {
        switch (c) {
        case column_kind::text:
        case column_kind::label_prefix:
        case column_kind::label_name: return "text COLLATE \"C\"";
        case column_kind::document: return "text";
        case column_kind::time: return "timestamp(6)";
        case column_kind::id:
        case column_kind::integer: return "bigint";
        }
        return "bigint";
    }
};

static_assert(dialect_description<dialect_rules<dialect::postgresql>>);

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECTS_POSTGRESQL_HPP
// end file listquery/sql/dialects/postgresql.hpp
// begin file listquery/sql/dialects/sqlite.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECTS_SQLITE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECTS_SQLITE_HPP
// SQLite's rules (docs/sql.md#sqlite).

// #include <listquery/sql/dialect_rules.hpp> (already inlined)

#include <string>
#include <string_view>

namespace listquery::sql {

template <>
struct dialect_rules<dialect::sqlite> {
    static constexpr std::string_view name = "SQLite";

    static void placeholder(std::string& out, std::size_t n, parameter_kind) { (out += '?') += std::to_string(n); }

    static constexpr std::string_view bytewise = ""; // BINARY, the default collation

    static std::string_view nulls(bool ascending) { return ascending ? " NULLS FIRST" : " NULLS LAST"; }

    static constexpr std::string_view index_nulls = ""; // first, SQLite's only order

    /// A list is a JSON array read by `json_each`. The planner assumes every `IN (SELECT …)`
    /// yields 25 rows, so a one-value list is `x = ?`, or it walks the order's index instead of
    /// a selective column's (docs/sql.md#list-filters).
    static list_form list(std::size_t n) {
        if (n == 1)
            return {" = ", "", 1};
        return {" IN (SELECT value FROM json_each(", "))"};
    }

    /// Times are integer microseconds.
    static constexpr second_form within_a_second{"EXISTS (SELECT 1 FROM json_each(", ") AS s WHERE ", "s.value",
                                                 " + 1000000"};

    static constexpr bool row_values = true;

    static std::string microseconds_of(std::string const& column) { return column; }

    static constexpr std::string_view analyze = "ANALYZE ";

    static std::string_view column_type(column_kind c) {
        return c == column_kind::time || c == column_kind::id || c == column_kind::integer ? "INTEGER" : "TEXT";
    }
};

static_assert(dialect_description<dialect_rules<dialect::sqlite>>);

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECTS_SQLITE_HPP
// end file listquery/sql/dialects/sqlite.hpp

namespace listquery::sql {

/// `f(dialect_rules<d>{})`: the one place a run-time dialect is looked at.
template <class F>
decltype(auto) with_rules(dialect d, F&& f) {
    switch (d) { // -Wswitch names a dialect without its case
    case dialect::sqlite: return f(dialect_rules<dialect::sqlite>{});
    case dialect::postgresql: return f(dialect_rules<dialect::postgresql>{});
    case dialect::mariadb: return f(dialect_rules<dialect::mariadb>{});
    }
    return f(dialect_rules<dialect::sqlite>{}); // not a dialect: never reached from valid code
}

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_DIALECT_HPP
// end file listquery/sql/dialect.hpp
// #include <listquery/scope.hpp> (already inlined)

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
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_STATEMENT_HPP
// end file listquery/sql/statement.hpp
// begin file listquery/sql/table.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_TABLE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_TABLE_HPP

// #include <listquery/detail/resource_checks.hpp> (already inlined)
// #include <listquery/endpoint.hpp> (already inlined)
// #include <listquery/resource.hpp> (already inlined)

#include <array>
#include <cstddef>
#include <string_view>

namespace listquery::sql {

/// A declared field stored in a column: `{"states", "state"}`.
struct column {
    /// The field's name in the resource declaration: its filter name (`states`, `guids`,
    /// `created_ats`), or for a `sort_field` its `order_by` name.
    std::string_view field;
    /// The column.
    std::string_view name;
};

//------------------------------------------------
/** Where a resource type is stored in SQL, declared once next to its fields
    (docs/sql.md#mapping).

    The guid and every field an endpoint filters or orders by has a column; the labels live in their own table with Cloud
    Controller's columns `resource_guid`, `key_prefix`, `key_name` and `value` (a key without a
    prefix is stored with `key_prefix = ''`). Names are SQL identifiers `[a-z_][a-z0-9_]*`, checked
    at compile time; they are the only names that ever reach SQL text.

    @par Example
    @code
    constexpr auto listquery_table(listquery::tag<my::droplet>) {   // found by ADL
        return listquery::sql::table_mapping{
            .table = "droplets",
            .labels = "droplet_labels",
            .columns = {{{"guids", "guid"}, {"states", "state"}, {"created_ats", "created_at"}}},
        };
    }
    @endcode
*/
struct table_mapping {
    /// The resources' table.
    std::string_view table{};
    /// The insertion-order column: an integer key, ascending in the order resources were
    /// stored. Without `order_by`, pages follow it, as the in-memory pipeline follows its container.
    std::string_view id = "id";
    /// The column holding each resource as stored (its JSON text), returned with each row; empty
    /// if there is none.
    std::string_view document{};
    /// The labels' table; empty when the resource has no labels.
    std::string_view labels{};
    /// The stored fields' columns: at least the guid and every filter and `order_by` value of
    /// the endpoints that query the table; never the labels. Unused slots stay empty.
    std::array<column, 24> columns{};

    /// The column of the field named `field`, or empty.
    constexpr std::string_view column_of(std::string_view field) const noexcept {
        for (auto const& c : columns)
            if (!c.field.empty() && c.field == field)
                return c.name;
        return {};
    }
};

/// For a type whose namespace you cannot add to: specialise with `static constexpr auto table`.
template <class T>
struct table_traits;

namespace detail {

template <class T>
concept has_adl_table = requires { listquery_table(tag<T>{}); };
template <class T>
concept has_traits_table = requires { table_traits<T>::table; };

template <class T>
constexpr table_mapping find_table() {
    if constexpr (has_adl_table<T>)
        return listquery_table(tag<T>{});
    else
        return table_traits<T>::table;
}

constexpr bool is_identifier(std::string_view s) {
    if (s.empty() || (s.front() >= '0' && s.front() <= '9'))
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

/// The name a field is mapped under: its filter name, or its `order_by` name.
template <class Field>
constexpr std::string_view mapped_name(Field const& f) {
    return f.filter_name.empty() ? f.sort_name : f.filter_name;
}

/// Every mapped column names a declared field (not the labels), once.
template <class T>
constexpr bool every_column_is_a_field(table_mapping const& m) {
    for (std::size_t i = 0; i < m.columns.size(); ++i) {
        auto const& c = m.columns[i];
        if (c.field.empty() != c.name.empty())
            return false;
        if (c.field.empty())
            continue;
        bool declared = false;
        listquery::detail::for_each_field<T>([&](auto const& f, auto) {
            declared = declared || (f.kind != field_kind::labels && mapped_name(f) == c.field);
        });
        for (std::size_t j = 0; j < i; ++j)
            declared = declared && m.columns[j].field != c.field;
        if (!declared || !is_identifier(c.name))
            return false;
    }
    return true;
}

/// Every filter and `order_by` value of the endpoint has a column.
template <endpoint const& E, class T>
constexpr bool endpoint_mapped(table_mapping const& m) {
    using listquery::detail::declared;
    for (auto list : {declared(E.common_filters), declared(E.filters), declared(E.timestamp_filters)})
        for (auto name : list)
            if (m.column_of(name).empty())
                return false;
    bool ok = true;
    listquery::detail::for_each_field<T>([&](auto const& f, auto) {
        for (auto name : declared(E.order_by))
            ok = ok && (f.sort_name != name || !m.column_of(mapped_name(f)).empty());
    });
    return ok;
}

/// The compile-time checks of a table mapping against its resource: what storing needs.
template <class T, table_mapping const& M>
constexpr bool check_mapping() {
    static_assert(is_identifier(M.table) && is_identifier(M.id),
                  "listquery: a table mapping needs a table and an id column, each [a-z_][a-z0-9_]*");
    static_assert(M.document.empty() || is_identifier(M.document),
                  "listquery: the document column must be [a-z_][a-z0-9_]*");
    static_assert(every_column_is_a_field<T>(M),
                  "listquery: a mapped column names no declared field (other than the labels), or one field "
                  "twice, or is not [a-z_][a-z0-9_]*");
    static_assert(listquery::detail::count_fields<T>(field_kind::guid) == 1 && !M.column_of("guids").empty(),
                  "listquery: a resource stored in SQL needs a guid_field and its column (ties and labels use it)");
    static_assert(M.labels.empty() || is_identifier(M.labels), "listquery: the labels table must be [a-z_][a-z0-9_]*");
    static_assert(M.labels.empty() || listquery::detail::count_fields<T>(field_kind::labels) == 1,
                  "listquery: a labels table needs a labels_field");
    return true;
}

/// The compile-time checks of a table mapping against its resource and an endpoint: what
/// compiling the endpoint's queries needs.
template <endpoint const& E, class T, table_mapping const& M>
constexpr bool check_table() {
    static_assert(listquery::detail::check_resource<E, T>());
    static_assert(check_mapping<T, M>());
    static_assert(endpoint_mapped<E, T>(M),
                  "listquery: one of the endpoint's filters or order_by values has no column in the table mapping");
    static_assert(E.scoped_by.empty() || !M.column_of(E.scoped_by).empty(),
                  "listquery: the field the endpoint is scoped by has no column in the table mapping");
    static_assert(!E.accepts_label_selector || !M.labels.empty(),
                  "listquery: the endpoint accepts label_selector, so the table mapping needs a labels table");
    return true;
}

} // namespace detail

/// Whether `T` has a table mapping: `listquery_table(tag<T>)` or `table_traits<T>::table`.
template <class T>
concept mapped_resource = detail::has_adl_table<T> || detail::has_traits_table<T>;

/// The table mapping of `T`.
template <mapped_resource T>
inline constexpr table_mapping table_v = detail::find_table<T>();

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_TABLE_HPP
// end file listquery/sql/table.hpp

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace listquery::sql {

namespace detail {

/// A sortable field's column, and whether it orders as text (bytewise).
struct sort_column {
    std::string_view order_by, column;
    bool text = false;
};

/// Appends SQL text and numbered placeholders. Only the mapping's identifiers and the fixed
/// words below are ever written as text; every value becomes a parameter.
class writer {
public:
    explicit writer(dialect d) : dialect_(d) {}

    writer& operator<<(std::string_view s) {
        text_ += s;
        return *this;
    }

    /// A placeholder for `p`.
    writer& param(parameter p) {
        static constexpr parameter_kind kinds[] = {parameter_kind::scalar, parameter_kind::scalar, parameter_kind::scalar,
                                                   parameter_kind::time, parameter_kind::text_list, parameter_kind::time_list};
        static_assert(std::variant_size_v<parameter> == std::size(kinds));
        parameter_kind const kind = kinds[p.index()];
        parameters_.push_back(std::move(p));
        with_rules(dialect_, [&](auto rules) { rules.placeholder(text_, parameters_.size(), kind); });
        return *this;
    }

    /// `x IN (list)`, in the dialect's fixed-text form for a list of any length.
    writer& in_list(std::string_view x, std::vector<std::string_view> values) {
        list_form const form = with_rules(dialect_, [&](auto rules) { return rules.list(values.size()); });
        *this << x << form.before;
        if (form.scalars == 0) {
            param(std::move(values));
        } else {
            for (std::size_t i = 0; i < form.scalars; ++i)
                (i ? *this << ", " : *this).param(values[std::min(i, values.size() - 1)]);
        }
        return *this << form.after;
    }

    /// Starts the next condition of a WHERE clause.
    writer& condition() { return *this << (conditions_++ == 0 ? " WHERE " : " AND "); }

    dialect sql_dialect() const noexcept { return dialect_; }
    statement take() && { return {std::move(text_), std::move(parameters_)}; }
    std::string const& text() const noexcept { return text_; }
    std::vector<parameter> const& parameters() const noexcept { return parameters_; }

private:
    dialect dialect_;
    std::string text_;
    std::vector<parameter> parameters_;
    int conditions_ = 0;
};

inline void write_list_filters(writer& w, list_query const& q, table_mapping const& m) {
    for (auto const& f : q.filters) { // docs/sql.md#list-filters: a null column is in no list
        w.condition();
        w.in_list(std::string("t.") += m.column_of(f.name), {f.values.begin(), f.values.end()});
    }
}

/// Half-open ranges at microsecond precision (docs/sql.md#timestamps): equality with a second
/// is `[T, T+1 s)`, `lte T` is `< T+1 s`, `gt T` is `>= T+1 s`.
inline void write_timestamps(writer& w, list_query const& q, table_mapping const& m) {
    using std::chrono::seconds;
    second_form const second = with_rules(w.sql_dialect(), [](auto rules) -> second_form { return rules.within_a_second; });
    for (auto const& f : q.timestamps) {
        std::string const col = std::string("t.") += m.column_of(f.name);
        if (!f.any_of.empty()) {
            std::vector<time_point> starts(f.any_of.begin(), f.any_of.end());
            w.condition();
            (w << second.open).param(std::move(starts)) << second.alias << col << " >= " << second.value << " AND "
                                                        << col << " < " << second.value << second.plus_second << ")";
        }
        for (auto const& c : f.all_of) {
            bool const less = c.op == timestamp_op::lt || c.op == timestamp_op::lte;
            bool const next_second = c.op == timestamp_op::lte || c.op == timestamp_op::gt;
            w.condition();
            (w << col << (less ? " < " : " >= ")).param(time_point(c.value + seconds(next_second ? 1 : 0)));
        }
        if (f.any_of.empty() && f.all_of.empty()) // a null time matches no timestamp filter
            w.condition() << col << " IS NOT NULL";
    }
}

/// One predicate per requirement over the labels table (docs/sql.md#labels); the negated
/// operators use NOT EXISTS, so a resource without the key matches them.
inline void write_selector(writer& w, list_query const& q, table_mapping const& m) {
    if (!q.selector)
        return;
    for (auto const& r : q.selector->requirements) {
        auto const [tests_value, negated] = meaning_of(r.op);
        w.condition();
        if (negated)
            w << "NOT EXISTS (SELECT 1 FROM " << m.labels << " AS l WHERE l.resource_guid = t."
              << m.column_of("guids") << " AND l.key_prefix = ";
        else
            w << "t." << m.column_of("guids") << " IN (SELECT l.resource_guid FROM " << m.labels
              << " AS l WHERE l.key_prefix = ";
        (w.param(r.prefix) << " AND l.key_name = ").param(r.name);
        if (tests_value)
            w.in_list(" AND l.value", {r.values.begin(), r.values.end()});
        w << ")";
    }
}

/// ` ORDER BY` column `s`, then the guid, both ascending or both descending, nulls first
/// ascending; text bytewise (docs/sql.md#order). A keyset page reads in either direction.
inline void write_order_by(writer& w, table_mapping const& m, sort_column const& s, bool ascending) {
    std::string_view const dir = ascending ? " ASC" : " DESC";
    auto const [bytewise, nulls] = with_rules(w.sql_dialect(), [&](auto rules) {
        return std::pair<std::string_view, std::string_view>(rules.bytewise, rules.nulls(ascending));
    });
    w << " ORDER BY t." << s.column << (s.text ? bytewise : "") << dir << nulls;
    w << ", t." << m.column_of("guids") << bytewise << dir; // guids are unique: the order is total
}

/// `ORDER BY` as in memory: the query's field and direction (write_order_by). Without
/// `order_by`, the id.
inline void write_order(writer& w, list_query const& q, table_mapping const& m, std::span<sort_column const> sorts) {
    if (!q.order) {
        w << " ORDER BY t." << m.id;
        return;
    }
    auto const it = std::find_if(sorts.begin(), sorts.end(), [&](sort_column const& s) { return s.order_by == q.order->field; });
    write_order_by(w, m, *it, q.order->dir == direction::asc);
}

/// `FROM table AS t WHERE …`: the scope, filters, timestamps and selector that every statement
/// of a query shares (the page, the count, keyset ranges).
inline writer from_where(list_query const& q, table_mapping const& m, dialect d, std::optional<scope> const& within) {
    writer body(d);
    body << " FROM " << m.table << " AS t";
    if (within && m.column_of(within->field).empty())
        body.condition() << "1 = 0"; // a scope of no column matches nothing, as in memory
    else if (within)
        (body.condition() << "t." << m.column_of(within->field) << " = ").param(within->value);
    write_list_filters(body, q, m);
    write_timestamps(body, q, m);
    write_selector(body, q, m);
    return body;
}

/// The largest value an SQL bigint parameter holds.
inline constexpr auto biggest_parameter = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

/// The OFFSET of `q`'s page: past every row when it cannot be held (an empty page, as in memory).
inline std::uint64_t offset_of(list_query const& q) {
    return std::min(listquery::detail::first_of_page(q.page, q.per_page), biggest_parameter);
}

inline compiled_query compile_query(list_query const& q, table_mapping const& m, std::span<sort_column const> sorts,
                                    dialect d, options const& o) {
    compiled_query out;
    out.page_counts = o.count == count_strategy::window;
    out.has_document = !m.document.empty();
    out.page_number = q.page;
    out.per_page = q.per_page;
    out.storage = q.storage;

    writer body = from_where(q, m, d, o.scope); // shared by both statements
    out.count = {"SELECT count(*)" + body.text(), body.parameters()};

    write_order(body, q, m, sorts);
    (body << " LIMIT ").param(static_cast<std::int64_t>(std::min(q.per_page, biggest_parameter)));
    (body << " OFFSET ").param(static_cast<std::int64_t>(offset_of(q)));
    out.page = std::move(body).take();
    std::string select = std::string("SELECT t.").append(m.id);
    if (out.has_document)
        select.append(", t.").append(m.document);
    if (out.page_counts)
        select += ", count(*) OVER ()";
    out.page.text.insert(0, select);
    return out;
}

/// The columns `T` sorts by, from its declaration and mapping.
template <class T, table_mapping const& M>
constexpr auto sort_columns() {
    std::array<sort_column, fields_v<T>.size> out{};
    std::size_t n = 0;
    listquery::detail::for_each_field<T>([&](auto const& f, auto) {
        using Field = std::remove_cvref_t<decltype(f)>;
        if constexpr (Field::kind != field_kind::labels)
            if (!f.sort_name.empty())
                out[n++] = {f.sort_name, M.column_of(mapped_name(f)),
                            listquery::detail::string_field<listquery::detail::field_value_t<T, Field>>};
    });
    return out;
}

} // namespace detail

//------------------------------------------------
/** Compiles a validated query for endpoint `E` over resources `T` stored as `M` (by default
    `T`'s own mapping) to SQL: the page statement and the count statement, each text plus typed
    parameters (docs/sql.md#compile).

    The text depends only on the query's shape (which filters, which operators, which
    requirements, the order), never on its values, so executors prepare each text once. On
    SQLite a list of one value is written `= ?` and a longer one as a JSON list (its planner
    misjudges a list: docs/sql.md#list-filters), so there the text also says whether a list
    holds one value or more; never how many more. No byte of the request is written into the
    text.

    @par Example
    @code
    auto q = listquery::parse_list_query<listquery::cf::droplets>("states=STAGED,FAILED&order_by=-created_at");
    auto c = listquery::sql::compile<listquery::cf::droplets, my::droplet>(*q, listquery::sql::dialect::sqlite);
    // c.page.text: SELECT t.id FROM droplets AS t WHERE t.state IN (SELECT value FROM json_each(?1))
    //              ORDER BY t.created_at DESC NULLS LAST, t.guid DESC LIMIT ?2 OFFSET ?3
    @endcode
*/
template <endpoint const& E, class T, table_mapping const& M>
compiled_query compile(list_query const& q, dialect d, options const& o = {}) {
    static_assert(detail::check_table<E, T, M>());
    static constexpr auto sorts = detail::sort_columns<T, M>();
    return detail::compile_query(q, M, sorts, d, o);
}

/// `compile` for resources stored as their own mapping, `table_v<T>`.
template <endpoint const& E, class T>
compiled_query compile(list_query const& q, dialect d, options const& o = {}) {
    static_assert(mapped_resource<T>, "listquery: the resource type has no table mapping: define "
                                      "listquery_table(listquery::tag<T>) in its namespace or specialise "
                                      "listquery::sql::table_traits<T>, or pass one: compile<E, T, mapping>");
    if constexpr (mapped_resource<T>)
        return compile<E, T, table_v<T>>(q, d, o);
    else
        return {};
}

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_COMPILE_HPP
// end file listquery/sql/compile.hpp
// begin file listquery/sql/keyset.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_KEYSET_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_KEYSET_HPP

// #include <listquery/keyset/token.hpp> (already inlined)
// #include <listquery/sql/compile.hpp> (already inlined)
// begin file listquery/sql/page.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_PAGE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_PAGE_HPP

// #include <listquery/pipeline/page.hpp> (already inlined)
// #include <listquery/sql/statement.hpp> (already inlined)

// #include <listquery/result.hpp> (already inlined)

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
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_PAGE_HPP
// end file listquery/sql/page.hpp

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace listquery::sql {

/** A keyset page compiled to SQL (docs/keyset.md#sql): the page is a range of the
    `(column, guid)` index from the cursor (a row-value comparison, or its expansion where the
    dialect says so), with no OFFSET; without a cursor, `page` as `compile` pages it.
*/
struct compiled_keyset {
    /// `SELECT id[, document], key, guid … ORDER BY … LIMIT per_page + 1`, read in order until
    /// per_page + 1 rows (the one more tells whether more follow): one statement, or two when the
    /// cursor's side also holds the rows whose column is null, so that each is one range of the
    /// `(column, guid)` index (an `OR` would make the engine scan). Read backward (in the reverse
    /// order) when `backward`.
    std::vector<statement> page;
    /// The exact total, as `compile`'s count.
    statement count;
    /// `SELECT 1 … LIMIT 1` each: whether a match lies on the cursor's other side; none without a
    /// cursor.
    std::vector<statement> other_side;
    bool backward = false, has_cursor = false, from_end = false, has_document = false;
    /// The order field is text (else a time, read as integer microseconds).
    bool text_key = false;
    std::uint64_t page_number = default_page, per_page = default_per_page;
    /// Owns the bytes the parameters view (the query's and the cursor's).
    std::shared_ptr<void const> storage, cursor_storage;
};

/// A keyset page read from SQL: the rows and totals, and the cursors of the pages around it.
struct keyset_rows {
    page rows;
    std::optional<keyset_cursor> next, previous;
};

namespace detail {

/** Writes, into a copy of `body` each, the index ranges of the rows after the cursor in
    ascending order with nulls first (`greater`) or before it (`!greater`), `or_equal` with the
    cursor's own row, in the order they are read: a null `v` sorts before every value.
*/
inline std::vector<writer> cursor_ranges(writer const& body, std::string const& col, std::string const& guid,
                                         keyset_cursor const& c, bool greater, bool or_equal, bool text, dialect d) {
    std::string_view const op = greater ? (or_equal ? " >= " : " > ") : (or_equal ? " <= " : " < ");
    std::string_view const bytewise = with_rules(d, [](auto rules) -> std::string_view { return rules.bytewise; });
    std::vector<writer> out(1, body);
    if (c.value.index() == 0) { // null: among the nulls by guid; every value is after them
        (out[0].condition() << col << " IS NULL AND " << guid << bytewise << op).param(std::string_view(c.guid));
        if (greater)
            out.emplace_back(body).condition() << col << " IS NOT NULL";
        return out;
    }
    auto const value = [&]() -> parameter {
        if (text)
            return std::string_view(std::get<std::string>(c.value));
        return time_point(std::chrono::microseconds(std::get<std::int64_t>(c.value)));
    };
    std::string_view const key_bytewise = text ? bytewise : "";
    writer& w = out[0].condition();
    if (with_rules(d, [](auto rules) -> bool { return rules.row_values; })) {
        (w << "(" << col << key_bytewise << ", " << guid << bytewise << ")" << op << "(").param(value());
        (w << ", ").param(std::string_view(c.guid)) << ")";
    } else { // written out: the planner reads it as one range of the (column, guid) index
        (w << "(" << col << key_bytewise << (greater ? " > " : " < ")).param(value());
        (w << " OR (" << col << key_bytewise << " = ").param(value());
        (w << " AND " << guid << bytewise << op).param(std::string_view(c.guid)) << "))";
    }
    if (!greater) // the nulls, read after every value going down
        out.emplace_back(body).condition() << col << " IS NULL";
    return out;
}

inline compiled_keyset compile_keyset(list_query const& q, table_mapping const& m, std::span<sort_column const> sorts,
                                      dialect d, std::optional<keyset_cursor> const& cursor, options const& o) {
    compiled_keyset out;
    out.storage = q.storage;
    out.has_document = !m.document.empty();
    out.page_number = q.page;
    out.per_page = q.per_page;
    auto const order = q.order.value_or(order_by{sorts.empty() ? std::string_view{} : sorts.front().order_by});
    auto const it = std::find_if(sorts.begin(), sorts.end(), [&](sort_column const& s) { return s.order_by == order.field; });
    if (it == sorts.end())
        return out; // no sortable field: never for a keyset endpoint's query
    out.text_key = it->text;
    std::string const col = "t." + std::string(it->column), guid = "t." + std::string(m.column_of("guids"));
    auto const held = cursor ? std::make_shared<keyset_cursor const>(*cursor) : nullptr; // the views' bytes
    out.cursor_storage = held;
    out.has_cursor = held && !held->from_end;
    out.from_end = held && held->from_end;
    out.backward = held && (held->backward || held->from_end);
    bool const asc = order.dir == direction::asc;

    writer const body = from_where(q, m, d, o.scope);
    out.count = {"SELECT count(*)" + body.text(), body.parameters()};
    bool const up = asc != out.backward; // the direction rows are read in: after the cursor going up
    // The cursor's side: after it reading forward, before it backward.
    std::vector<writer> parts = out.has_cursor ? cursor_ranges(body, col, guid, *held, up, false, it->text, d)
                                               : std::vector<writer>(1, body);
    if (out.has_cursor)
        // Read away from the cursor too, so that the engine walks the index from it (unordered,
        // PostgreSQL may scan the table from its start instead).
        for (auto& other : cursor_ranges(body, col, guid, *held, !up, true, it->text, d)) { // with the cursor's own row
            write_order_by(other, m, *it, !up);
            out.other_side.push_back(std::move(other).take());
            out.other_side.back().text = "SELECT 1" + out.other_side.back().text + " LIMIT 1";
        }
    std::uint64_t const offset = held ? 0 : offset_of(q); // a cursor replaces the offset
    std::string select = "SELECT t." + std::string(m.id);
    if (out.has_document)
        select.append(", t.").append(m.document);
    select += ", " + (it->text ? col : with_rules(d, [&](auto rules) { return rules.microseconds_of(col); }));
    select += ", " + guid;
    for (auto& part : parts) {
        write_order_by(part, m, *it, up);
        (part << " LIMIT ").param(static_cast<std::int64_t>(std::min(q.per_page, biggest_parameter - 1) + 1));
        (part << " OFFSET ").param(static_cast<std::int64_t>(offset));
        out.page.push_back(std::move(part).take());
        out.page.back().text.insert(0, select);
    }
    return out;
}


} // namespace detail

/** Compiles a keyset page of `q` for endpoint `E` over `T` stored as `M` (docs/keyset.md#sql):
    after (or before) `cursor`, or `q`'s page without one; within `o.scope` if given (the count
    strategy does not apply: a keyset page always counts apart). The text depends on the query's
    shape and on the cursor's kind (none, a null value, a value), never on their values.
*/
template <endpoint const& E, class T, table_mapping const& M>
compiled_keyset compile_keyset(list_query const& q, dialect d, std::optional<keyset_cursor> const& cursor,
                               options const& o = {}) {
    static_assert(detail::check_table<E, T, M>());
    static constexpr auto sorts = detail::sort_columns<T, M>();
    return detail::compile_keyset(q, M, sorts, d, cursor, o);
}

/// `compile_keyset` for resources stored as their own mapping.
template <endpoint const& E, class T>
    requires mapped_resource<T>
compiled_keyset compile_keyset(list_query const& q, dialect d, std::optional<keyset_cursor> const& cursor,
                               options const& o = {}) {
    return compile_keyset<E, T, table_v<T>>(q, d, cursor, o);
}

/** Runs a compiled keyset page on `db` (a `sqlite::database` or `postgresql::database`): the
    rows in the query's order, the exact total, and the cursors of the next and previous pages
    (those of `apply_keyset` in memory, for the same data).
*/
template <class Database>
result<keyset_rows> run_keyset(Database& db, compiled_keyset const& c) {
    text_table rows; // the parts in order, until one row more than the page
    for (auto const& part : c.page) {
        if (rows.size() > c.per_page)
            break;
        auto read = db.text_rows(part.text, part.parameters);
        if (!read)
            return read.error();
        rows.insert(rows.end(), std::make_move_iterator(read->begin()), std::make_move_iterator(read->end()));
    }
    rows.resize(std::min<std::size_t>(rows.size(), c.per_page + 1));
    auto const total = db.scalar(c.count.text, c.count.parameters);
    if (!total)
        return total.error();
    keyset_rows out;
    out.rows.total_results = static_cast<std::uint64_t>(*total);
    out.rows.total_pages = listquery::detail::total_pages(out.rows.total_results, c.per_page);
    out.rows.page_number = c.has_cursor || c.from_end ? 0 : c.page_number;
    out.rows.per_page = c.per_page;
    bool const more = rows.size() > c.per_page; // on the side read
    if (more)
        rows.pop_back();
    if (c.backward)
        std::reverse(rows.begin(), rows.end());
    std::size_t const key = c.has_document ? 2 : 1;
    // Every id, and every key of a time, is an integer: checked once, here.
    for (auto const& cells : rows)
        for (std::size_t i : {std::size_t{0}, key})
            if ((i == 0 || (!c.text_key && cells[i])) && !(cells[i] && detail::read_integer(*cells[i])))
                return detail::not_an_integer(c.page.front().text, cells[i].value_or("NULL"));
    auto const integer = [](std::optional<std::string> const& cell) { return *detail::read_integer(*cell); };
    auto cursor_at = [&](std::vector<std::optional<std::string>> const& cells, bool backward) {
        keyset_cursor k{backward, false, {}, cells[key + 1].value_or("")};
        if (cells[key])
            k.value = c.text_key ? sort_value(*cells[key]) : sort_value(integer(cells[key]));
        return k;
    };
    bool other = false; // a match on the cursor's other side
    for (auto const& part : c.other_side) {
        if (other)
            break;
        auto const found = db.text_rows(part.text, part.parameters);
        if (!found)
            return found.error();
        other = !found->empty();
    }
    for (auto const& cells : rows)
        out.rows.rows.push_back({integer(cells[0]), c.has_document ? cells[1].value_or("") : std::string()});
    std::optional<keyset_cursor> cursor;
    if (auto const* held = static_cast<keyset_cursor const*>(c.cursor_storage.get()))
        cursor = *held;
    bool const after = c.backward ? other : more;
    bool const before = c.backward ? more : (c.has_cursor ? other : c.page_number > 1 && out.rows.total_results > 0);
    listquery::detail::neighbour_cursors(
        rows.empty(), after, before, out.rows.total_results, cursor,
        [&](bool last) { return cursor_at(last ? rows.back() : rows.front(), !last); }, out.next, out.previous);
    return out;
}

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_KEYSET_HPP
// end file listquery/sql/keyset.hpp
// #include <listquery/sql/page.hpp> (already inlined)
// begin file listquery/sql/reconnecting.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_RECONNECTING_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_RECONNECTING_HPP

// #include <listquery/sql/page.hpp> (already inlined)
// #include <listquery/sql/statement.hpp> (already inlined)

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>

namespace listquery::sql {

/// How `reconnecting` reopens its connection.
struct reconnect_options {
    /// The wait after a failed attempt to open, doubled after each further failure, up to
    /// `longest_wait`; requests meanwhile fail at once (503), without waiting for the database.
    std::chrono::milliseconds first_wait{50}, longest_wait{1000};
    /// Called when the database becomes unavailable (`false`, with the failure) and when it
    /// answers again (`true`): once per change, never per request.
    std::function<void(bool available, query_errors const& why)> on_change;
};

//------------------------------------------------
/** A connection that reopens itself (docs/sql.md#reconnecting): the executor interface of
    `Database` (`sqlite::database`, `postgresql::database`, or any with `usable()`), over a
    connection opened by `open` when needed.

    Before each call, a connection that is no longer usable (broken, closed after a timeout, a
    SQLite file replaced) is dropped and opened again; its statements are prepared again as they
    are used. A read (`run`, `scalar`, `text_rows`: what a store calls) that fails because the
    connection broke is retried once on a fresh connection, so a database restart costs a client
    nothing once the database answers again. After a failed attempt to open, or a timeout,
    further attempts wait `reconnect_options` (capped exponential backoff). Not thread-safe, as
    the connection: one per thread.

    @par Example
    @code
    listquery::sql::reconnecting<listquery::sql::postgresql::database> db(
        [] { return listquery::sql::postgresql::database::connect("postgresql:///cf"); });
    listquery::sql::table_store<my::droplet, decltype(db)> store(db);
    @endcode
*/
template <class Database>
class reconnecting {
public:
    /// The SQL the connection runs.
    static constexpr auto sql_dialect = Database::sql_dialect;
    /// Opens a connection (and whatever it needs, such as a private copy of data).
    using open_function = std::function<result<Database>()>;

    /// Opens with `open` at the first call.
    explicit reconnecting(open_function open, reconnect_options o = {}) : open_(std::move(open)), options_(std::move(o)) {}

    /// Starts from `db`, already open.
    reconnecting(Database db, open_function open, reconnect_options o = {})
        : open_(std::move(open)), options_(std::move(o)), db_(std::move(db)) {}

    /// `Database::run`, retried once on a fresh connection if the connection broke.
    result<page> run(compiled_query const& c) {
        return read([&](Database& db) { return db.run(c); });
    }

    /// `Database::scalar`, retried as `run`.
    result<std::int64_t> scalar(std::string const& text, std::span<parameter const> parameters) {
        return read([&](Database& db) { return db.scalar(text, parameters); });
    }

    /// `Database::text_rows`, retried as `run`.
    result<text_table> text_rows(std::string const& text, std::span<parameter const> parameters) {
        return read([&](Database& db) { return db.text_rows(text, parameters); });
    }

    /// `Database::execute`, on a connection opened again if needed, never retried (it may write).
    result<void> execute(std::string const& sql) {
        if (auto opened = ensure_open(); !opened)
            return opened;
        return observe(db_->execute(sql));
    }

    /// Whether the database answered the last call (or the connection has not been tried yet).
    bool available() const noexcept { return available_; }

    /// The open connection, if any.
    Database* connection() noexcept { return db_ ? &*db_ : nullptr; }

private:
    using clock = std::chrono::steady_clock;

    static bool unavailable(query_errors const& e) {
        return e.ec() == error::database_unavailable || e.ec() == error::database_timeout;
    }

    template <class F>
    auto read(F&& call) -> decltype(call(std::declval<Database&>())) {
        if (auto opened = ensure_open(); !opened)
            return opened.error();
        auto r = call(*db_);
        if (!r && r.error().ec() == error::database_unavailable && !db_->usable()) {
            db_.reset(); // broke, not timed out: once more, on a fresh connection, now
            if (auto opened = ensure_open(true); !opened)
                return opened.error();
            r = call(*db_);
        }
        return observe(std::move(r));
    }

    /// Notes what a call's outcome says of the database, and drops a connection it broke.
    template <class R>
    R observe(R r) {
        if (r) {
            became(true, nullptr);
            return r;
        }
        if (auto const why = r.error(); unavailable(why)) {
            if (!db_->usable())
                db_.reset();
            if (why.ec() == error::database_timeout)
                back_off(); // a hung database: the next calls fail at once, for a while
            became(false, &why);
        }
        return r;
    }

    /// A usable connection: the one open, or a new one (unless still backing off, or `now`).
    result<void> ensure_open(bool now = false) {
        if (db_ && db_->usable())
            return {};
        db_.reset();
        if (!now && clock::now() < next_attempt_ && last_failure_)
            return *last_failure_;
        auto opened = open_();
        if (!opened) {
            auto const why = opened.error();
            back_off();
            became(false, &why);
            return why;
        }
        db_.emplace(std::move(*opened));
        wait_ = {};
        return {};
    }

    void back_off() {
        wait_ = wait_.count() == 0 ? options_.first_wait : std::min(wait_ * 2, options_.longest_wait);
        next_attempt_ = clock::now() + wait_;
    }

    void became(bool available, query_errors const* why) {
        if (why)
            last_failure_ = *why;
        if (available == available_)
            return;
        available_ = available;
        if (available)
            wait_ = {};
        if (options_.on_change)
            options_.on_change(available, why ? *why : query_errors{});
    }

    open_function open_;
    reconnect_options options_;
    std::optional<Database> db_;
    bool available_ = true;
    std::optional<query_errors> last_failure_;
    std::chrono::milliseconds wait_{0};
    clock::time_point next_attempt_{};
};

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_RECONNECTING_HPP
// end file listquery/sql/reconnecting.hpp
// begin file listquery/sql/schema.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_SCHEMA_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_SCHEMA_HPP

// #include <listquery/pipeline/resource_index.hpp> (already inlined)
// #include <listquery/result.hpp> (already inlined)
// #include <listquery/sql/statement.hpp> (already inlined)
// #include <listquery/sql/table.hpp> (already inlined)

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace listquery::sql {

/// The DDL of one resource type: its tables, and the indexes to build once they are filled
/// (which is faster than keeping them up to date row by row).
struct schema_statements {
    /// `CREATE TABLE` of the resources and of their labels, each ended by `;` and a newline.
    std::string tables;
    /// Citus only (`distributed_schema_for`): the statements that distribute the tables, to run
    /// before the indexes: on empty tables, or on filled ones, whose rows they move to the shards.
    std::string distribution;
    /// `CREATE INDEX` of each order and filter asked for, and of the labels.
    std::string indexes;
    /// The statements that refresh the planner's statistics of the tables, to run once they are
    /// filled (`ANALYZE`).
    std::string statistics;
};

namespace detail {

/// The column type of a field's values in `d`: text compared bytewise, a time at microsecond
/// precision (integer microseconds since the epoch on SQLite), or an integer.
template <class X>
std::string_view column_type(dialect d) {
    column_kind const kind = listquery::detail::string_field<X>           ? column_kind::text
                             : listquery::detail::timestamp_field_type<X> ? column_kind::time
                                                                          : column_kind::integer;
    return with_rules(d, [&](auto rules) -> std::string_view { return rules.column_type(kind); });
}

} // namespace detail

/// The statements of a `schema_statements` text one by one, each with its `;`, for a database
/// that runs one statement per query string (Citus' `CREATE INDEX` and `ANALYZE`).
inline std::vector<std::string_view> statements_of(std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
        std::size_t const end = std::min(text.find(";\n"), text.size() - 1) + 1; // past the `;`
        out.push_back(text.substr(0, end));
        text.remove_prefix(std::min(text.size(), end + 1)); // and its newline
    }
    return out;
}

namespace detail {

/// `schema_for`, and with `distributed` Citus' (`distributed_schema_for`).
template <class T, table_mapping const& M>
result<schema_statements> schema(dialect d, index_fields const& index, bool temporary, bool distributed) {
    static_assert(detail::check_mapping<T, M>());
    constexpr table_mapping const& m = M;
    auto const type = [d](column_kind c) { return with_rules(d, [&](auto rules) -> std::string_view { return rules.column_type(c); }); };
    std::string_view const index_nulls = with_rules(d, [](auto rules) -> std::string_view { return rules.index_nulls; });
    std::string const table(m.table), guid(m.column_of("guids"));
    std::string const create = temporary ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ";
    schema_statements out;
    std::string& t = out.tables;
    ((t += create) += table) += " (\n    ";
    // Citus keeps a unique key only with the distribution column in it (the guid is unique).
    (((t += m.id) += ' ') += type(column_kind::id)) += distributed ? " NOT NULL" : " PRIMARY KEY";
    for (auto const& c : m.columns) {
        if (c.name.empty())
            continue;
        listquery::detail::for_each_field<T>([&](auto const& f, auto) {
            using Field = std::remove_cvref_t<decltype(f)>;
            if constexpr (Field::kind != field_kind::labels)
                if (detail::mapped_name(f) == c.field) {
                    ((t += ",\n    ") += c.name) += ' ';
                    t += detail::column_type<listquery::detail::field_value_t<T, Field>>(d);
                    if (Field::kind == field_kind::guid)
                        t += " NOT NULL UNIQUE";
                }
        });
    }
    if (!m.document.empty())
        ((((t += ",\n    ") += m.document) += ' ') += type(column_kind::document)) += " NOT NULL";
    t += "\n);\n";
    std::string_view const analyze = with_rules(d, [](auto rules) -> std::string_view { return rules.analyze; });
    (((out.statistics += analyze) += table) += ";\n");
    if (!m.labels.empty()) {
        (((out.statistics += analyze) += m.labels) += ";\n");
        ((t += create) += m.labels) += " (\n";
        auto const column = [&](std::string_view name, column_kind c, std::string_view end) {
            ((((t += "    ") += name) += ' ') += type(c)) += end;
        };
        column("resource_guid", column_kind::text, " NOT NULL,\n");
        column("key_prefix", column_kind::label_prefix, " NOT NULL,\n");
        column("key_name", column_kind::label_name, " NOT NULL,\n");
        column("value", column_kind::label_name, "\n);\n");
    }
    // The indexes.
    // CREATE INDEX <name parts> ON <table> (<column parts>);
    auto const index_on = [&](std::initializer_list<std::string_view> name, std::string_view on,
                              std::initializer_list<std::string_view> columns) {
        std::string& s = out.indexes;
        s += "CREATE INDEX ";
        for (auto part : name)
            s += part;
        ((s += " ON ") += on) += " (";
        for (auto part : columns)
            s += part;
        s += ");\n";
    };
    if (distributed) {
        auto const distribute = [&](std::string_view name, std::string_view column, std::string_view with) {
            (((out.distribution += "SELECT create_distributed_table('") += name) += "', '") += column;
            if (!with.empty())
                ((out.distribution += "', colocate_with => '") += with);
            // A filled table's rows are copied to the shards; the local copy would stay on disk.
            (((out.distribution += "');\nSELECT truncate_local_data_after_distributing_table('") += name) += "');\n");
        };
        distribute(table, guid, {});
        if (!m.labels.empty())
            distribute(m.labels, "resource_guid", table);
        index_on({table, "_", m.id}, table, {m.id}); // the default order, which the key served
    }
    std::vector<std::string> ordered; // the columns an order index starts with
    for (auto const& name : index.order_by) {
        std::string column;
        listquery::detail::for_each_field<T>([&](auto const& f, auto) {
            if (f.kind != field_kind::labels && !f.sort_name.empty() && f.sort_name == name)
                column = m.column_of(detail::mapped_name(f));
        });
        if (column.empty())
            return listquery::detail::unknown_field("listquery::sql::schema_for: no sortable, mapped field '", name);
        index_on({table, "_", column, "_", guid}, table, {column, index_nulls, ", ", guid});
        ordered.push_back(column);
    }
    for (auto const& name : index.filters) {
        if (name == "label_selector" && !m.labels.empty()) {
            index_on({m.labels, "_key"}, m.labels, {"key_prefix, key_name, value, resource_guid"});
            index_on({m.labels, "_resource_guid"}, m.labels, {"resource_guid"});
            continue;
        }
        std::string const column(m.column_of(name));
        if (column.empty())
            return listquery::detail::unknown_field("listquery::sql::schema_for: no mapped filter '", name);
        if (column != guid && std::find(ordered.begin(), ordered.end(), column) == ordered.end())
            index_on({table, "_", column}, table, {column});
    }
    return out;
}

} // namespace detail

/** The DDL of `T` stored as `M` in dialect `d` (docs/sql.md#schema), derived from the resource's
    declaration and its mapping, so that they are written once: the table (the id, each mapped
    column with its field's type, the guid `NOT NULL UNIQUE`, the document), the labels table, and
    the indexes `index` asks for, as a `resource_index` would keep them: `(column, guid)` for each
    order (NULLs first on PostgreSQL, so that one index serves both directions), `(column)` for
    each filter an order index does not already serve, and for `label_selector` the labels'
    `(key_prefix, key_name, value, resource_guid)` and `(resource_guid)`. With `temporary`, tables
    that only the session sees. `error::unknown_field` for a name `T` does not declare or `M` does
    not map.
*/
template <class T, table_mapping const& M = table_v<T>>
result<schema_statements> schema_for(dialect d, index_fields const& index, bool temporary = false) {
    return detail::schema<T, M>(d, index, temporary, false);
}

/** The DDL of `T` stored as `M` on Citus (docs/scaling.md#the-schema): PostgreSQL's `schema_for`,
    with each resource table distributed by its guid and its labels table by `resource_guid`,
    co-located with it, so that a resource's labels live on its shard and every statement runs on
    the shards; the id is `NOT NULL` instead of the primary key (Citus keeps a unique key only
    with the distribution column in it) and has an index of its own. Run `tables`, store the rows
    (or not yet), then `distribution`, `indexes` and `statistics`, each statement alone
    (`statements_of`): Citus refuses a `CREATE INDEX` or an `ANALYZE` of a distributed table
    that shares its query string with another statement.
*/
template <class T, table_mapping const& M = table_v<T>>
result<schema_statements> distributed_schema_for(index_fields const& index) {
    return detail::schema<T, M>(dialect::postgresql, index, false, true);
}

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_SCHEMA_HPP
// end file listquery/sql/schema.hpp
// #include <listquery/sql/statement.hpp> (already inlined)
// begin file listquery/sql/store.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_STORE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_STORE_HPP

// #include <listquery/detail/field_value.hpp> (already inlined)
// #include <listquery/sql/statement.hpp> (already inlined)
// #include <listquery/sql/table.hpp> (already inlined)

#include <array>
#include <chrono>
#include <concepts>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace listquery::sql {

/// The two INSERT statements that store a resource: its row, and one label.
struct insert_statements {
    /// Parameters: the id, the document (if mapped), then each mapped column in mapping order.
    std::string resource;
    /// Parameters: the resource's guid, the key's prefix, its name, the value.
    std::string label;
};

/// How one resource is stored: its id (insertion order) and its document.
struct stored_as {
    std::int64_t id = 0;
    std::string_view document;
};

/// A label as stored: its key split as Cloud Controller splits it, and its value.
struct stored_label {
    std::string_view key_prefix, key_name;
    std::optional<std::string_view> value;
};


/// The parameters of `insert_statements::label` for a label of the resource `guid`.
inline std::array<parameter, 4> label_parameters(std::string_view guid, stored_label const& l) {
    return {guid, l.key_prefix, l.key_name, l.value ? parameter(*l.value) : parameter()};
}

namespace detail {

/// An element of a range of resources, or of pointers to them.
template <class X>
X const& deref(X const& x) {
    return x;
}
template <class X>
X const& deref(X const* x) {
    return *x;
}

template <class X>
parameter column_value(X const& x) {
    using listquery::detail::present;
    if constexpr (listquery::detail::string_field<X>) {
        auto const v = listquery::detail::string_value(x);
        return v ? parameter(*v) : parameter();
    } else if constexpr (listquery::detail::timestamp_field_type<X>) {
        auto const* t = present(x);
        return t ? parameter(std::chrono::floor<std::chrono::microseconds>(*t)) : parameter();
    } else {
        auto const* v = present(x);
        static_assert(std::integral<std::remove_cvref_t<decltype(*v)>>,
                      "listquery: a field stored in SQL must give a string, a time or an integer");
        return v ? parameter(static_cast<std::int64_t>(*v)) : parameter();
    }
}

inline void placeholders(std::string& out, dialect d, std::size_t n) {
    for (std::size_t i = 1; i <= n; ++i)
        with_rules(d, [&](auto rules) { rules.placeholder(out += i == 1 ? "" : ", ", i, parameter_kind::scalar); });
}

} // namespace detail

/// The INSERT statements for `T` stored as `M` (docs/sql.md#store).
template <class T, table_mapping const& M = table_v<T>>
insert_statements insert_statements_for(dialect d) {
    static_assert(detail::check_mapping<T, M>());
    constexpr table_mapping const& m = M;
    insert_statements out;
    std::string& r = out.resource;
    ((r += "INSERT INTO ") += m.table) += " (";
    r += m.id;
    std::size_t n = 1;
    if (!m.document.empty())
        (r += ", ") += m.document, ++n;
    for (auto const& c : m.columns)
        if (!c.name.empty())
            (r += ", ") += c.name, ++n;
    r += ") VALUES (";
    detail::placeholders(r, d, n);
    r += ")";
    if (!m.labels.empty()) {
        ((out.label += "INSERT INTO ") += m.labels) += " (resource_guid, key_prefix, key_name, value) VALUES (";
        detail::placeholders(out.label, d, 4);
        out.label += ")";
    }
    return out;
}

/// The parameters of `insert_statements::resource` for `r` stored as `M`, under `id` with
/// `document`.
template <table_mapping const& M, class T>
std::vector<parameter> resource_parameters(T const& r, std::int64_t id, std::string_view document = {}) {
    constexpr table_mapping const& m = M;
    std::vector<parameter> out{id};
    if (!m.document.empty())
        out.emplace_back(document);
    for (auto const& c : m.columns) {
        if (c.name.empty())
            continue;
        listquery::detail::for_each_field<T>([&](auto const& f, auto) {
            if constexpr (std::remove_cvref_t<decltype(f)>::kind != field_kind::labels)
                if (detail::mapped_name(f) == c.field)
                    out.push_back(detail::column_value(std::invoke(f.access, r)));
        });
    }
    return out;
}

/// The parameters of `insert_statements::resource` for `r`, stored under `id` with `document`.
template <mapped_resource T>
std::vector<parameter> resource_parameters(T const& r, std::int64_t id, std::string_view document = {}) {
    return resource_parameters<table_v<T>>(r, id, document);
}

/// Calls `f(guid, label)` for each label of `r` whose key is not null, in order.
template <class T, class F>
void for_each_label(T const& r, F&& f) {
    std::optional<std::string_view> guid;
    listquery::detail::for_each_field<T>([&](auto const& field, auto) {
        if constexpr (std::remove_cvref_t<decltype(field)>::kind == field_kind::guid)
            guid = listquery::detail::string_value(std::invoke(field.access, r));
    });
    listquery::detail::for_each_field<T>([&](auto const& field, auto) {
        if constexpr (std::remove_cvref_t<decltype(field)>::kind == field_kind::labels) {
            auto const* labels = listquery::detail::present(std::invoke(field.access, r));
            if (!labels)
                return;
            for (auto const& [key, value] : *labels)
                if (auto const k = listquery::detail::string_value(key)) {
                    auto const parts = split_label_key(*k); // docs/sql.md#labels
                    f(guid.value_or(std::string_view{}),
                      stored_label{parts.prefix, parts.name, listquery::detail::string_value(value)});
                }
        }
    });
}

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_STORE_HPP
// end file listquery/sql/store.hpp
// #include <listquery/sql/table.hpp> (already inlined)
// begin file listquery/sql/table_store.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_TABLE_STORE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_TABLE_STORE_HPP

// #include <listquery/sql/compile.hpp> (already inlined)
// #include <listquery/sql/keyset.hpp> (already inlined)
// #include <listquery/sql/page.hpp> (already inlined)
// #include <listquery/store.hpp> (already inlined)

#include <memory>
#include <utility>

namespace listquery::sql {

//------------------------------------------------
/** The store over a table (docs/stores.md): `T`'s resources stored as `M` maps them, each with
    its JSON text in the mapping's document column, read through one connection (a
    `sqlite::database` or a `postgresql::database`, whose dialect it writes). Each page is the
    compiled query's (`compile`, or `compile_keyset` for a keyset query), with exactly the
    resources, order and total `apply` gives for the same data.

    Not thread-safe, as its connection: use one store per connection, and one connection per
    thread.

    @par Example
    @code
    auto db = listquery::sql::sqlite::database::open("cf.db", true).value();
    listquery::sql::table_store<my::droplet, listquery::sql::sqlite::database> store(db);
    auto r = listquery::respond<listquery::cf::droplets>("/v3/droplets?per_page=2", store);
    @endcode
*/
template <class T, class Database, table_mapping const& M = table_v<T>>
class table_store {
public:
    /// Reads through `db`, which must outlive the store; `o` chooses how totals are counted.
    explicit table_store(Database& db, options const& o = {}) : db_(db), options_(o) {}

    /// The compile-time checks of `T` and `M` against endpoint `E` (`respond<E>` makes them).
    template <endpoint const& E>
    static constexpr bool serves() {
        static_assert(!M.document.empty(), "listquery: a table_store answers with each resource's JSON text: the "
                                           "table mapping needs a document column");
        return detail::check_table<E, T, M>();
    }

    /// The page `r` asks for.
    result<store_page> read(endpoint const&, page_request const& r) {
        static constexpr auto sorts = detail::sort_columns<T, M>();
        options o = options_;
        o.scope = r.scope;
        store_page out;
        if (r.query.keyset_paging) {
            auto page = run_keyset(db_, detail::compile_keyset(r.query, M, sorts, Database::sql_dialect, r.cursor, o));
            if (!page)
                return page.error();
            out.next = std::move(page->next);
            out.previous = std::move(page->previous);
            return texts_of(std::move(page->rows), std::move(out));
        }
        auto page = db_.run(detail::compile_query(r.query, M, sorts, Database::sql_dialect, o));
        if (!page)
            return page.error();
        return texts_of(std::move(*page), std::move(out));
    }

private:
    /// The rows' documents, each echoed as stored; the rows are the page's owner.
    static store_page texts_of(page rows, store_page out) {
        auto const held = std::make_shared<page const>(std::move(rows));
        out.total_results = held->total_results;
        out.resources.reserve(held->rows.size());
        for (auto const& row : held->rows)
            out.resources.push_back(row.document);
        out.owner = held;
        return out;
    }

    Database& db_;
    options options_;
};

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_TABLE_STORE_HPP
// end file listquery/sql/table_store.hpp
// begin file listquery/sql/timeouts.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_TIMEOUTS_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_TIMEOUTS_HPP

#include <chrono>

namespace listquery::sql {

/** How long an executor waits for its database (docs/sql.md#timeouts), so that a database that
    hangs or is overloaded never holds a thread for ever. Past either, the call fails with
    `error::database_timeout` (a 503). Zero waits without a limit.
*/
struct timeouts {
    /// Opening a connection (PostgreSQL: the whole handshake).
    std::chrono::milliseconds connect{10000};
    /// One statement, from sending it to its last row (PostgreSQL also cancels it on the
    /// server; SQLite interrupts it, and waits this long at most for a lock). None by default:
    /// only the application knows how long its statements (a schema, an ANALYZE) may take; a
    /// server sets one for its requests (`limit_statements`), as the example server does (5 s).
    std::chrono::milliseconds statement{0};
};

namespace detail {

/// The moment `limit` from now, or none (the clock's end) for zero.
inline std::chrono::steady_clock::time_point deadline_after(std::chrono::milliseconds limit) {
    return limit.count() > 0 ? std::chrono::steady_clock::now() + limit : std::chrono::steady_clock::time_point::max();
}

} // namespace detail

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_TIMEOUTS_HPP
// end file listquery/sql/timeouts.hpp
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_HPP
// end file listquery/sql.hpp
#endif // LISTQUERY_SINGLE_INCLUDE_SQL_HPP
