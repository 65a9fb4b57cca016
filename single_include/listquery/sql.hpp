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
// #include <listquery/query.hpp> (already inlined)
// begin file listquery/sql/statement.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_STATEMENT_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_STATEMENT_HPP

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace listquery::sql {

/// The SQL a query compiles to.
enum class dialect {
    sqlite,     ///< SQLite 3.38 or later: `?N` parameters, `json_each` for lists
    postgresql, ///< PostgreSQL 12 or later (and Citus): `$N` parameters, arrays for lists
};

/// How the total is counted (docs/sql.md#counting).
enum class count_strategy {
    /// A `count(*)` statement beside the page statement: each can use its own index, and both
    /// push down to Citus shards.
    separate,
    /// `count(*) OVER ()` in the page statement, and the count statement only for an empty page.
    window,
};

/// How `compile` writes SQL.
struct options {
    count_strategy count = count_strategy::separate;
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
    std::uint64_t page_number = 1, per_page = 50;
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

    /// A placeholder for `p`; `postgresql_type` is its cast there (`text[]`), if it needs one.
    writer& param(parameter p, std::string_view postgresql_type = {}) {
        parameters_.push_back(std::move(p));
        text_ += dialect_ == dialect::sqlite ? '?' : '$';
        text_ += std::to_string(parameters_.size());
        if (dialect_ == dialect::postgresql && !postgresql_type.empty())
            (text_ += "::") += postgresql_type;
        return *this;
    }

    /// `x IN (list)`, in the dialect's fixed-text form for a list of any length. SQLite's planner
    /// assumes every `IN (SELECT …)` yields 25 rows, so a one-value list is `x = ?` there, or it
    /// walks the order's index instead of a selective column's (docs/sql.md#list-filters).
    writer& in_list(std::string_view x, std::vector<std::string_view> values) {
        if (dialect_ == dialect::sqlite && values.size() == 1)
            return (*this << x << " = ").param(values.front());
        if (dialect_ == dialect::sqlite)
            return (*this << x << " IN (SELECT value FROM json_each(").param(std::move(values)) << "))";
        return (*this << x << " = ANY(").param(std::move(values), "text[]") << ")";
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
    bool const sqlite = w.sql_dialect() == dialect::sqlite;
    for (auto const& f : q.timestamps) {
        std::string const col = std::string("t.") += m.column_of(f.name);
        if (!f.any_of.empty()) {
            std::vector<time_point> starts(f.any_of.begin(), f.any_of.end());
            w.condition();
            if (sqlite)
                (w << "EXISTS (SELECT 1 FROM json_each(").param(std::move(starts))
                    << ") AS s WHERE " << col << " >= s.value AND " << col << " < s.value + 1000000)";
            else
                (w << "EXISTS (SELECT 1 FROM unnest(").param(std::move(starts), "timestamp[]")
                    << ") AS s(v) WHERE " << col << " >= s.v AND " << col << " < s.v + interval '1 second')";
        }
        for (auto const& c : f.all_of) {
            bool const less = c.op == timestamp_op::lt || c.op == timestamp_op::lte;
            bool const next_second = c.op == timestamp_op::lte || c.op == timestamp_op::gt;
            w.condition();
            (w << col << (less ? " < " : " >= ")).param(time_point(c.value + seconds(next_second ? 1 : 0)), "timestamp");
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
        bool const negated =
            r.op == selector_op::not_in || r.op == selector_op::not_equal || r.op == selector_op::not_exists;
        bool const wants_value = r.op != selector_op::exists && r.op != selector_op::not_exists;
        w.condition();
        if (negated)
            w << "NOT EXISTS (SELECT 1 FROM " << m.labels << " AS l WHERE l.resource_guid = t."
              << m.column_of("guids") << " AND l.key_prefix = ";
        else
            w << "t." << m.column_of("guids") << " IN (SELECT l.resource_guid FROM " << m.labels
              << " AS l WHERE l.key_prefix = ";
        (w.param(r.prefix) << " AND l.key_name = ").param(r.name);
        if (wants_value)
            w.in_list(" AND l.value", {r.values.begin(), r.values.end()});
        w << ")";
    }
}

/// `ORDER BY` as in memory (docs/sql.md#order): the field, then the guid, both in the query's
/// direction, nulls first ascending; text bytewise. Without `order_by`, the id.
inline void write_order(writer& w, list_query const& q, table_mapping const& m, std::span<sort_column const> sorts) {
    if (!q.order) {
        w << " ORDER BY t." << m.id;
        return;
    }
    auto const it = std::find_if(sorts.begin(), sorts.end(), [&](sort_column const& s) { return s.order_by == q.order->field; });
    bool const asc = q.order->dir == direction::asc;
    std::string_view const dir = asc ? " ASC" : " DESC";
    std::string_view const bytewise = w.sql_dialect() == dialect::postgresql ? " COLLATE \"C\"" : "";
    w << " ORDER BY t." << it->column << (it->text ? bytewise : "") << dir << (asc ? " NULLS FIRST" : " NULLS LAST");
    w << ", t." << m.column_of("guids") << bytewise << dir; // guids are unique: the order is total
}

inline compiled_query compile_query(list_query const& q, table_mapping const& m, std::span<sort_column const> sorts,
                                    dialect d, options const& o) {
    compiled_query out;
    out.page_counts = o.count == count_strategy::window;
    out.has_document = !m.document.empty();
    out.page_number = q.page;
    out.per_page = q.per_page;
    out.storage = q.storage;

    writer body(d); // FROM and WHERE, which both statements share
    body << " FROM " << m.table << " AS t";
    write_list_filters(body, q, m);
    write_timestamps(body, q, m);
    write_selector(body, q, m);
    out.count = {"SELECT count(*)" + body.text(), body.parameters()};

    write_order(body, q, m, sorts);
    constexpr auto biggest = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    std::uint64_t const offset = q.page == 0 || q.page - 1 > biggest / std::max<std::uint64_t>(q.per_page, 1)
                                     ? biggest // past every row: an empty page
                                     : (q.page - 1) * q.per_page;
    (body << " LIMIT ").param(static_cast<std::int64_t>(std::min(q.per_page, biggest)));
    (body << " OFFSET ").param(static_cast<std::int64_t>(offset));
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
    requirements, the order), never on its values or on how many there are, so executors
    prepare each text once. No byte of the request is written into the text.

    @par Example
    @code
    auto q = listquery::parse_list_query<listquery::cf::droplets>("states=STAGED&order_by=-created_at");
    auto c = listquery::sql::compile<listquery::cf::droplets, my::droplet>(*q, listquery::sql::dialect::sqlite);
    // c.page.text: SELECT t.id FROM droplets AS t WHERE t.state IN (SELECT value FROM json_each(?1))
    //              ORDER BY t.created_at DESC NULLS LAST, t.guid DESC, t.id DESC LIMIT ?2 OFFSET ?3
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
// begin file listquery/sql/page.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_PAGE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_PAGE_HPP

// #include <listquery/pipeline/page.hpp> (already inlined)
// #include <listquery/sql/statement.hpp> (already inlined)

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
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_PAGE_HPP
// end file listquery/sql/page.hpp
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

/** The key's prefix and name as stored: the first two fields of `key.split('/')`, so `a/b`
    is (`a`, `b`), `b` and `/b` are (``, `b`), and `a/b/c` is (`a`, `b`) (docs/sql.md#labels).
*/
inline stored_label split_label_key(std::string_view key) {
    auto const slash = key.find('/');
    if (slash == std::string_view::npos)
        return {{}, key, {}};
    std::string_view rest = key.substr(slash + 1);
    return {key.substr(0, slash), rest.substr(0, rest.find('/')), {}};
}

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
        ((out += i == 1 ? "" : ", ") += d == dialect::sqlite ? '?' : '$') += std::to_string(i);
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
                    stored_label l = split_label_key(*k);
                    l.value = listquery::detail::string_value(value);
                    f(guid.value_or(std::string_view{}), l);
                }
        }
    });
}

} // namespace listquery::sql
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_STORE_HPP
// end file listquery/sql/store.hpp
// #include <listquery/sql/table.hpp> (already inlined)
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_HPP
// end file listquery/sql.hpp
#endif // LISTQUERY_SINGLE_INCLUDE_SQL_HPP
