// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/endpoint.hpp>
#include <listquery/pipeline/page.hpp>
#include <listquery/query.hpp>
#include <listquery/sql/statement.hpp>
#include <listquery/sql/table.hpp>

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
