// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <chrono>
#include <compare>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>

namespace listquery::detail {

template <class X>
inline constexpr bool is_optional_v = false;
template <class Y>
inline constexpr bool is_optional_v<std::optional<Y>> = true;

template <class X>
concept char_pointer = std::is_pointer_v<X> && std::is_same_v<std::remove_cv_t<std::remove_pointer_t<X>>, char>;

template <class X>
concept smart_pointer = requires(X const& x) {
    x.get();
    static_cast<bool>(x);
    typename X::element_type;
};

/// A value that may be null: `std::optional`, a pointer (not `char const*`), a smart pointer.
template <class X>
concept nullable = is_optional_v<X> || (std::is_pointer_v<X> && !char_pointer<X>) || smart_pointer<X>;

/// What a nullable holds (or `X` itself).
template <class X>
struct held {
    using type = X;
};
template <nullable X>
struct held<X> {
    using type = std::remove_cvref_t<decltype(*std::declval<X const&>())>;
};
template <class X>
using held_t = typename held<X>::type;

/// Address of the value `x` holds; null when `x` is null. Plain values are never null.
template <class X>
auto const* present(X const& x) {
    if constexpr (is_optional_v<X>)
        return x ? &*x : nullptr;
    else if constexpr (std::is_pointer_v<X> && !char_pointer<X>)
        return static_cast<std::remove_pointer_t<X> const*>(x);
    else if constexpr (smart_pointer<X>)
        return static_cast<typename X::element_type const*>(x.get());
    else
        return &x;
}

/// A string field: anything convertible to `std::string_view`, or `char const*`.
template <class X>
concept string_like = std::convertible_to<X const&, std::string_view>;

/// A string field's value; empty when it is null (a null `char const*`, an empty optional).
template <class X>
std::optional<std::string_view> string_value(X const& x) {
    if constexpr (char_pointer<X>) {
        return x ? std::optional<std::string_view>(x) : std::nullopt;
    } else if constexpr (nullable<X>) {
        auto const* p = present(x);
        return p ? string_value(*p) : std::nullopt;
    } else {
        return std::string_view(x);
    }
}

template <class X>
concept string_field = string_like<X> || (nullable<X> && string_like<held_t<X>>);

template <class X>
inline constexpr bool is_sys_time_v = false;
template <class D>
inline constexpr bool is_sys_time_v<std::chrono::sys_time<D>> = true;

template <class X>
concept timestamp_field_type = is_sys_time_v<X> || (nullable<X> && is_sys_time_v<held_t<X>>);

/// A sortable field: totally ordered, or a string, possibly nullable.
template <class X>
concept sortable_field_type = std::totally_ordered<held_t<X>> || string_field<X>;

/// Three-way comparison for sorting: null first, strings bytewise, others by `<`.
template <class X>
int compare_field(X const& a, X const& b) {
    if constexpr (string_field<X>) {
        auto const x = string_value(a), y = string_value(b);
        if (!x || !y)
            return x ? 1 : y ? -1 : 0;
        int const c = x->compare(*y); // char_traits<char>: bytes as unsigned char
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    } else {
        auto const* x = present(a);
        auto const* y = present(b);
        if (!x || !y)
            return x ? 1 : y ? -1 : 0;
        return *x < *y ? -1 : *y < *x ? 1 : 0;
    }
}

} // namespace listquery::detail
