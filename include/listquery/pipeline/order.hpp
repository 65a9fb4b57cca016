// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/field_value.hpp>
#include <listquery/order_by.hpp>
#include <listquery/pipeline/match.hpp>
#include <listquery/pipeline/page.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
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

/** Keeps in `buffer`, unordered, the `limit` least under `less` of the entries offered (all of
    them when fewer). When it holds 2 × limit it is cut back to the limit least, and an entry no
    less than the greatest kept is then refused with one comparison: O(1) amortized per entry
    whatever order they come in (a heap costs O(log limit) per entry on sorted input, which
    insertion order by `created_at` often is), and O(limit) memory instead of one entry per match.
*/
template <class T, class Less>
class least_entries {
public:
    least_entries(sort_buffer<T>& buffer, std::uint64_t limit, Less const& less, std::size_t size_hint)
        : buffer_(buffer), limit_(limit), less_(less) {
        buffer_.clear();
        buffer_.reserve(limit >= size_hint / 2 ? size_hint : static_cast<std::size_t>(2 * limit));
    }

    void offer(ranked<T> const& e) {
        if (limit_ == 0 || (cut_ && !less_(e, greatest_)))
            return;
        buffer_.push_back(e);
        if (buffer_.size() / 2 >= limit_)
            cut();
    }

private:
    void cut() {
        auto const kept = buffer_.begin() + static_cast<std::ptrdiff_t>(limit_);
        std::nth_element(buffer_.begin(), kept - 1, buffer_.end(), less_);
        buffer_.erase(kept, buffer_.end());
        greatest_ = buffer_.back();
        cut_ = true;
    }

    sort_buffer<T>& buffer_;
    std::uint64_t limit_;
    Less const& less_;
    ranked<T> greatest_;
    bool cut_ = false;
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

/// Calls `f(less)` with the strict order of `order` over ranked entries.
template <class T, class F>
void with_order_less(order_by const& order, F&& f) {
    with_sort_field<T>(order.field, [&](auto const& field) {
        ascending<T, std::remove_cvref_t<decltype(field)>> const asc{field};
        if (order.dir == direction::asc)
            f(asc);
        else
            f(descending<decltype(asc)>{asc});
    });
}

/// Puts the window of `buffer` in the final order of `order`.
template <class T>
void order_window(sort_buffer<T>& buffer, page_window w, order_by const& order) {
    with_order_less<T>(order, [&](auto const& less) { order_window(buffer, w, less); });
}

} // namespace listquery::detail
