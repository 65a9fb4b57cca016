// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/keyset/token.hpp>
#include <listquery/sql/compile.hpp>
#include <listquery/sql/page.hpp>

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
