// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/field_value.hpp>
#include <listquery/order_by.hpp>
#include <listquery/pipeline/match.hpp>
#include <listquery/pipeline/page.hpp>

#include <functional>
#include <string_view>

namespace listquery::detail {

/// Calls `f(field)` with the field that sorts as `name`; returns whether there is one.
template <class T, class F>
bool with_sort_field(std::string_view name, F&& f) {
    bool found = false;
    for_each_field<T>([&](auto const& field, auto) {
        // Only fields whose values can be ordered get a comparator (not labels, say).
        using Field = std::remove_cvref_t<decltype(field)>;
        if constexpr (Field::kind != field_kind::labels && sortable_field_type<field_value_t<T, Field>>) {
            if (!found && !field.sort_name.empty() && field.sort_name == name) {
                found = true;
                f(field);
            }
        }
    });
    return found;
}

/// The guid of `r`, for ties; empty when the resource declares no guid_field.
template <class T>
std::optional<std::string_view> guid_of(T const& r) {
    std::optional<std::string_view> guid;
    for_each_field<T>([&](auto const& field, auto) {
        if constexpr (std::remove_cvref_t<decltype(field)>::kind == field_kind::guid)
            guid = string_value(std::invoke(field.access, r));
    });
    return guid;
}

/// Ascending order by `field`: nulls first, then by guid (bytewise), then container order.
/// Descending is this with its arguments swapped: the exact reverse (docs/semantics.md#order-ties).
template <class T, class Field>
struct ascending {
    Field const& field;

    bool operator()(detail::ranked<T> const& a, detail::ranked<T> const& b) const {
        if (int const c = compare_field(std::invoke(field.access, *a.item), std::invoke(field.access, *b.item)))
            return c < 0;
        if (int const c = compare_field(guid_of(*a.item), guid_of(*b.item)))
            return c < 0;
        return a.index < b.index;
    }
};

template <class Less>
struct descending {
    Less less;
    template <class A>
    bool operator()(A const& a, A const& b) const {
        return less(b, a);
    }
};

/// Puts the window of `buffer` in its final order, touching the rest only to select it:
/// O(n) selection plus O(k log k) for the k entries of the window.
template <class T, class Less>
void order_window(sort_buffer<T>& buffer, page_window w, Less less) {
    auto const first = buffer.begin();
    auto const begin = first + static_cast<std::ptrdiff_t>(w.begin);
    auto const end = first + static_cast<std::ptrdiff_t>(w.end);
    if (end != buffer.end())
        std::nth_element(first, end, buffer.end(), less);
    if (begin != first)
        std::nth_element(first, begin, end, less);
    std::sort(begin, end, less);
}

/// Puts the window of `buffer` in the final order of `order`.
template <class T>
void order_window(sort_buffer<T>& buffer, page_window w, order_by const& order) {
    with_sort_field<T>(order.field, [&](auto const& field) {
        ascending<T, std::remove_cvref_t<decltype(field)>> const asc{field};
        if (order.dir == direction::asc)
            order_window(buffer, w, asc);
        else
            order_window(buffer, w, descending<decltype(asc)>{asc});
    });
}

} // namespace listquery::detail
