// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/keyset/token.hpp>
#include <listquery/links.hpp>
#include <listquery/pipeline/apply.hpp>
#include <listquery/scope.hpp>

#include <boost/assert.hpp>

#include <algorithm>
#include <chrono>
#include <concepts>
#include <limits>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace listquery {

/// A keyset page: the page's resources and totals, and the cursors of the pages around it.
template <class T>
struct keyset_page {
    /// The resources in the query's order, `total_results` and `total_pages` exact;
    /// `page.page` is 0 for a page read by token (its number is not known), else the `page`.
    page_result<T> page;
    /// Forward from the last resource, when some match after it.
    std::optional<keyset_cursor> next;
    /// Backward from the first resource, when some match before it.
    std::optional<keyset_cursor> previous;
};

namespace detail {

/// A field's value as a token holds it, viewed (a string) or converted (a time in microseconds, as
/// SQL stores times, or an integer); empty for null.
template <class X>
auto sort_key_of(X const& x) {
    if constexpr (string_field<X>) {
        return string_value(x);
    } else {
        auto const* p = present(x);
        using V = std::remove_cvref_t<decltype(*p)>;
        static_assert(is_sys_time_v<V> || std::integral<V>, "listquery: keyset paging orders by text, time or integer fields");
        if (!p)
            return std::optional<std::int64_t>();
        if constexpr (is_sys_time_v<V>)
            return std::optional<std::int64_t>(std::chrono::floor<std::chrono::microseconds>(p->time_since_epoch()).count());
        else
            return std::optional<std::int64_t>(static_cast<std::int64_t>(*p));
    }
}

/// The sort value of a field's value, as a token holds it.
template <class X>
sort_value to_sort_value(X const& x) {
    auto const key = sort_key_of(x);
    if (!key)
        return {};
    if constexpr (string_field<X>)
        return sort_value(std::string(*key));
    else
        return sort_value(*key);
}

/// Three-way comparison of a field's value with a token's, nulls first (as the order has them),
/// without a copy of the value: it runs once per resource. A value of another kind than the
/// field's compares as null: such a token was never issued for this field, and the MAC stops it
/// before this.
template <class X>
int compare_to_sort_value(X const& x, sort_value const& v) {
    auto const key = sort_key_of(x);
    using K = typename decltype(key)::value_type;
    using Held = std::conditional_t<std::is_same_v<K, std::int64_t>, std::int64_t, std::string>;
    if (!key || v.index() == 0)
        return key.has_value() - (v.index() != 0);
    auto const* held = std::get_if<Held>(&v);
    if (!held)
        return 1;
    K const theirs(*held); // text compares bytewise (char_traits<char> compares unsigned)
    return *key < theirs ? -1 : theirs < *key ? 1 : 0;
}

/// Where resource `r` is, in `q`'s order, relative to the cursor: < 0 before, > 0 after.
template <class T, class Field>
int position_of(T const& r, Field const& field, keyset_cursor const& c, direction dir) {
    int cmp = compare_to_sort_value(std::invoke(field.access, r), c.value);
    if (cmp == 0)
        cmp = compare_field(guid_of(r), std::optional<std::string_view>(c.guid));
    return dir == direction::asc ? cmp : -cmp;
}

template <class T, class Field>
keyset_cursor cursor_at(T const& r, Field const& field, bool backward) {
    return {backward, false, to_sort_value(std::invoke(field.access, r)), std::string(guid_of(r).value_or(""))};
}

/// The cursors around `out`'s page (neighbour_cursors), from its edge resources.
template <class T, class Field>
void link_page(keyset_page<T>& out, Field const& field, bool after, bool before, std::uint64_t total,
               std::optional<keyset_cursor> const& cursor) {
    auto const& rs = out.page.resources;
    neighbour_cursors(rs.empty(), after, before, total, cursor,
                      [&](bool last) { return cursor_at(*(last ? rs.back() : rs.front()), field, !last); }, out.next,
                      out.previous);
}

/// The keyset page without an index: one pass over `range` (apply_keyset).
template <class T, class R>
keyset_page<T> keyset_in_one_pass(R const& range, list_query const& q, std::optional<keyset_cursor> const& cursor,
                                  std::optional<scope> const& within) {
    keyset_page<T> out;
    if (!q.order)
        return out; // never for a parsed keyset query
    detail::with_sort_field<T>(q.order->field, [&](auto const& field) {
        using Field = std::remove_cvref_t<decltype(field)>;
        detail::matcher<T> const match(q, within);
        detail::ascending<T, Field> const asc{field};
        auto const less = [&](detail::ranked<T> const& a, detail::ranked<T> const& b) {
            return q.order->dir == direction::asc ? asc(a, b) : asc(b, a);
        };
        std::uint64_t const k = q.per_page;
        bool const backward = cursor && (cursor->backward || cursor->from_end);
        // The read order: from the cursor outward (the query's order reversed, reading backward).
        auto const nearer = [&](detail::ranked<T> const& a, detail::ranked<T> const& b) {
            return backward ? less(b, a) : less(a, b);
        };
        sort_buffer<T> kept;
        detail::least_entries<T, decltype(nearer)> first(kept, cursor ? k : detail::results_through(q.page, k), nearer,
                                                         detail::size_hint(range));
        std::uint64_t total = 0, side = 0; // the matches, and those on the cursor's side
        std::size_t index = 0;
        for (auto const& e : range) {
            auto const* r = detail::element_traits<decltype(e)>::address(e);
            ++index;
            if (!r || !match(*r))
                continue;
            ++total;
            if (cursor && !cursor->from_end) {
                int const at = detail::position_of(*r, field, *cursor, q.order->dir);
                if (cursor->backward ? at >= 0 : at <= 0)
                    continue;
            }
            ++side;
            first.offer({r, index});
        }
        // The page in read order: the first k from a cursor, page N's without one.
        auto const w = detail::window_of(side, cursor ? 1 : q.page, k);
        detail::order_window(kept, w, nearer);
        for (auto i = w.begin; i < w.end; ++i)
            out.page.resources.push_back(kept[static_cast<std::size_t>(i)].item);
        if (backward)
            std::reverse(out.page.resources.begin(), out.page.resources.end());
        out.page.page = cursor ? 0 : q.page;
        out.page.per_page = k;
        // Matches beyond the page on the cursor's side, and before the window or on the other side.
        std::uint64_t const beyond = side - w.end, behind = w.begin + (total - side);
        std::uint64_t const after = backward ? behind : beyond, before = backward ? beyond : behind;
        out.page.total_results = total;
        out.page.total_pages = detail::total_pages(total, k);
        detail::link_page(out, field, after > 0, before > 0, total, cursor);
    });
    return out;
}

/** The keyset page of `q` read from `index`, a `sort_index` of `q`'s order field: the cursor is
    found by binary search, and the index walked from it while `passes(entry)` skips the
    resources that do not match, until the page is full. `total` is the number that match.
*/
template <class T, class Passes>
keyset_page<T> walk_keyset(list_query const& q, std::optional<keyset_cursor> const& cursor, sort_index<T> const& index,
                           std::uint64_t total, Passes const& passes) {
    keyset_page<T> out;
    with_sort_field<T>(q.order->field, [&](auto const& field) {
        auto const& entries = index.entries();
        auto const n = static_cast<std::ptrdiff_t>(entries.size());
        bool const asc = q.order->dir == direction::asc;
        // Where to start reading, in which direction, and where the other side starts.
        std::ptrdiff_t start = asc ? 0 : n - 1, other = -1;
        bool up = asc;
        std::uint64_t skip = 0;
        if (!cursor) {
            skip = first_of_page(q.page, q.per_page);
        } else if (cursor->from_end) {
            start = asc ? n - 1 : 0;
            up = !asc;
        } else {
            // [0, lo) before the cursor in ascending order, [lo, hi) the cursor's own, [hi, n) after.
            auto const [low, high] = std::equal_range(entries.begin(), entries.end(), *cursor, [&](auto const& a, auto const& b) {
                if constexpr (std::is_same_v<std::remove_cvref_t<decltype(a)>, keyset_cursor>)
                    return position_of(*b.item, field, a, direction::asc) > 0;
                else
                    return position_of(*a.item, field, b, direction::asc) < 0;
            });
            auto const lo = low - entries.begin(), hi = high - entries.begin();
            up = asc != cursor->backward; // reading toward higher entries
            start = up ? hi : lo - 1;
            other = up ? hi - 1 : lo; // the other side includes the cursor's own entry
        }
        auto const step = [](std::ptrdiff_t i, bool increasing) { return increasing ? i + 1 : i - 1; };
        std::vector<T const*> read;
        std::uint64_t skipped = 0;
        bool more = false;
        for (std::ptrdiff_t i = start; i >= 0 && i < n; i = step(i, up)) {
            auto const& e = entries[static_cast<std::size_t>(i)];
            if (!passes(e))
                continue;
            if (skipped < skip) {
                ++skipped;
                continue;
            }
            if (read.size() == q.per_page) {
                more = true;
                break;
            }
            read.push_back(e.item);
        }
        bool other_side = false;
        if (cursor && !cursor->from_end)
            for (std::ptrdiff_t i = other; i >= 0 && i < n && !other_side; i = step(i, !up))
                other_side = passes(entries[static_cast<std::size_t>(i)]);
        bool const backward = cursor && (cursor->backward || cursor->from_end);
        if (backward)
            std::reverse(read.begin(), read.end());
        out.page = {std::move(read), total, total_pages(total, q.per_page), cursor ? 0 : q.page, q.per_page};
        bool const after = backward ? other_side : more;
        bool const before = backward ? more : (cursor ? other_side : skipped > 0);
        link_page(out, field, after, before, total, cursor);
    });
    return out;
}

} // namespace detail

namespace detail {

/// `apply_keyset` without the endpoint's compile-time checks, which its callers make.
template <class T, class R>
keyset_page<T> apply_keyset_page(R const& range, list_query const& q, std::optional<keyset_cursor> const& cursor,
                                 apply_options<T> const& o) {
    if (o.index && q.order)
        if (sort_index<T> const* const order = o.index->order(q.order->field)) {
            index_query<T> const query(*o.index, q, o.scope);
            return walk_keyset(q, cursor, *order, query.count(),
                               [&](ranked<T> const& e) { return query.passes(e.index, e.item); });
        }
    if (!o.index && o.sort && q.order && q.order->field == o.sort->field()) {
        matcher<T> const match(q, o.scope);
        std::uint64_t total = o.sort->size();
        if (has_filters(q) || o.scope) {
            total = 0;
            for (auto const& e : range)
                if (auto const* r = element_traits<decltype(e)>::address(e); r && match(*r))
                    ++total;
        }
        return walk_keyset(q, cursor, *o.sort, total, [&](ranked<T> const& e) { return match(*e.item); });
    }
    return keyset_in_one_pass<T>(range, q, cursor, o.scope);
}

} // namespace detail

template <class T>
keyset_page<T> resource_pipeline<T>::keyset(std::span<T const> range, list_query const& q,
                                            std::optional<keyset_cursor> const& cursor, apply_options<T> const& o) {
    return detail::apply_keyset_page<T>(range, q, cursor, o);
}

template <class T>
keyset_page<T> resource_pipeline<T>::keyset(std::span<T const* const> range, list_query const& q,
                                            std::optional<keyset_cursor> const& cursor, apply_options<T> const& o) {
    return detail::apply_keyset_page<T>(range, q, cursor, o);
}

//------------------------------------------------
/** One keyset page of `range` for `q` (docs/keyset.md): `apply_keyset<E>(range, q, cursor)`,
    with the options `apply` takes (`{.scope = …, .index = …}`). Without a cursor, the `page` of
    `q` as `apply` pages it; with one, the `per_page` matches right after it (or, reading
    backward, right before it, or the last ones), in the query's order, whatever was inserted or
    removed since the cursor was issued. The query must have an order (keyset endpoints give a
    default one at parse time).

    Without an index, one pass over `range` that keeps, of the matches on the cursor's side, only
    the nearest `per_page` (page N's first N × per_page without a cursor), in a buffer of twice
    that cut back when full: O(n) at worst, about one comparison per resource; only the page is
    sorted. With a `sort_index` of the query's order field, or a `resource_index` that keeps it,
    the cursor is found by binary search and the index walked from it until the page is full:
    O(log n + per_page) at any depth (more when filters skip resources); the total is counted
    from the index's columns (a `resource_index`), or the index's size without filters, else in
    one pass.
*/
template <endpoint const& E>
struct apply_keyset_fn {
    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    keyset_page<T> operator()(R&& range, list_query const& q, std::optional<keyset_cursor> const& cursor,
                              std::type_identity_t<apply_options<T>> const& o = {}) const {
        static_assert(detail::check_lasting_range<R>());
        static_assert(detail::check_resource<E, T>());
        static_assert(detail::count_fields<T>(field_kind::guid) == 1,
                      "listquery: keyset paging needs a guid_field: the guid breaks ties, in the order and in the token");
        return detail::with_contiguous<T>(
            range, [&](auto span) { return resource_pipeline<T>::keyset(span, q, cursor, o); },
            [&](auto const& other) { return detail::apply_keyset_page<T>(other, q, cursor, o); });
    }
};

/// Keyset paging for endpoint `E`.
template <endpoint const& E>
inline constexpr apply_keyset_fn<E> apply_keyset{};

/** The `pagination` of a keyset page (docs/keyset.md#links): `first` is page 1, `last` a token
    that reads backward from the end, `next` and `previous` tokens from the given cursors, each
    signed by `keys.current` (which must be set) and bound to `q` and `within`; the totals are
    exact. For pages read from SQL (`sql::run_keyset`), whose rows give the cursors.
*/
inline pagination make_keyset_pagination(std::string_view path, list_query const& q, std::uint64_t total_results,
                                         std::optional<keyset_cursor> const& next,
                                         std::optional<keyset_cursor> const& previous, token_keys const& keys,
                                         boost::urls::url_view base_url = {}, std::optional<scope> const& within = {}) {
    BOOST_ASSERT(keys.current);
    link_builder const pages(path, q, base_url);
    std::string const bound = detail::bound_query(q, within); // once for the up to three tokens
    auto const token = [&](keyset_cursor const& c) {
        return pages.href_with("page_token", detail::encode_page_token(c, bound, *keys.current));
    };
    pagination p;
    p.total_results = total_results;
    p.total_pages = detail::total_pages(total_results, q.per_page);
    p.links.first = pages.href(1);
    p.links.last = p.total_pages <= 1 ? pages.href(1) : token({true, true, {}, {}});
    if (next)
        p.links.next = token(*next);
    if (previous)
        p.links.previous = token(*previous);
    return p;
}

/// The `pagination` of a keyset page that `apply_keyset` made.
template <class T>
pagination make_keyset_pagination(std::string_view path, list_query const& q, keyset_page<T> const& page,
                                  token_keys const& keys, boost::urls::url_view base_url = {},
                                  std::optional<scope> const& within = {}) {
    return make_keyset_pagination(path, q, page.page.total_results, page.next, page.previous, keys, base_url, within);
}

} // namespace listquery
