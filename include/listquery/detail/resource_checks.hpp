// SPDX-License-Identifier: BSL-1.0
// A resource declaration checked against an endpoint, at compile time: the fields it must have,
// of the types they must be.
#pragma once

#include <listquery/detail/field_value.hpp>
#include <listquery/endpoint.hpp>
#include <listquery/resource.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace listquery::detail {

/// Calls `f(field, index)` for each declared field of `T`.
template <class T, class F>
constexpr void for_each_field(F&& f) {
    constexpr auto const& decl = fields_v<T>;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (f(std::get<I>(decl.fields), std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<std::remove_cvref_t<decltype(decl)>::size>{});
}

template <class T>
constexpr bool has_field(std::string_view filter, bool timestamp) {
    bool found = false;
    for_each_field<T>([&](auto const& f, auto) {
        bool const kind_fits = timestamp ? f.kind == field_kind::timestamp
                                         : f.kind == field_kind::list || f.kind == field_kind::guid;
        found = found || (kind_fits && f.filter_name == filter);
    });
    return found;
}

template <class T>
constexpr bool has_sort_field(std::string_view name) {
    bool found = false;
    for_each_field<T>([&](auto const& f, auto) { found = found || f.sort_name == name; });
    return found;
}

template <class T>
constexpr std::size_t count_fields(field_kind kind) {
    std::size_t n = 0;
    for_each_field<T>([&](auto const& f, auto) { n += f.kind == kind; });
    return n;
}

template <class T>
constexpr bool names_unique() {
    std::array<std::string_view, 2 * fields_v<T>.size> names{};
    std::size_t n = 0;
    for_each_field<T>([&](auto const& f, auto) {
        if (!f.filter_name.empty())
            names[n++] = f.filter_name;
    });
    std::size_t const filters = n;
    for_each_field<T>([&](auto const& f, auto) {
        if (!f.sort_name.empty())
            names[n++] = f.sort_name;
    });
    return unique({names.data(), filters}) && unique({names.data() + filters, n - filters});
}

template <endpoint const& E, class T>
constexpr bool every_list_filter_declared() {
    for (auto list : {declared(E.common_filters), declared(E.filters)})
        for (auto name : list)
            if (!has_field<T>(name, false))
                return false;
    return true;
}

template <endpoint const& E, class T>
constexpr bool every_timestamp_filter_declared() {
    for (auto name : declared(E.timestamp_filters))
        if (!has_field<T>(name, true))
            return false;
    return true;
}

template <endpoint const& E, class T>
constexpr bool every_order_by_sortable() {
    for (auto name : declared(E.order_by))
        if (!has_sort_field<T>(name))
            return false;
    return true;
}

/// The value type a field's access gives for a `T`.
template <class T, class Field>
using field_value_t = std::remove_cvref_t<std::invoke_result_t<decltype(Field::access) const&, T const&>>;

/// A string that owns its bytes: a view of one returned by value would dangle.
template <class X>
inline constexpr bool owns_string_v = false;
template <class C, class Traits, class A>
inline constexpr bool owns_string_v<std::basic_string<C, Traits, A>> = true;
template <class Y>
inline constexpr bool owns_string_v<std::optional<Y>> = owns_string_v<Y>;

template <class T, class Field>
constexpr bool check_field_type() {
    static_assert(std::is_invocable_v<decltype(Field::access) const&, T const&>,
                  "listquery: a field's access must be a member pointer of the resource or a "
                  "callable taking the resource");
    using X = field_value_t<T, Field>;
    static_assert(std::is_reference_v<std::invoke_result_t<decltype(Field::access) const&, T const&>> ||
                      !owns_string_v<X>,
                  "listquery: a field's projection must not return a std::string by value (the "
                  "pipeline keeps views of it): return a reference, a std::string_view or a pointer");
    if constexpr (Field::kind == field_kind::guid || Field::kind == field_kind::list)
        static_assert(string_field<X>, "listquery: a guid_field or list_field must give a string "
                                       "(std::string, std::string_view, char const*), or an "
                                       "optional or pointer to one");
    if constexpr (Field::kind == field_kind::timestamp)
        static_assert(timestamp_field_type<X>, "listquery: a timestamp_field must give a "
                                               "std::chrono::sys_time<D>, or an optional or pointer to one");
    static_assert(sortable_field_type<X> || Field::kind == field_kind::labels,
                  "listquery: a sortable field must give a totally ordered value");
    return true;
}

/// The compile-time checks of a resource declaration against an endpoint.
template <endpoint const& E, class T>
constexpr bool check_resource() {
    static_assert(declared_resource<T>,
                  "listquery: the resource type has no declaration: define "
                  "listquery_fields(listquery::tag<T>) in its namespace or specialise "
                  "listquery::resource_traits<T>");
    static_assert(names_unique<T>(), "listquery: the resource declares one filter or order_by name twice");
    static_assert(every_list_filter_declared<E, T>(),
                  "listquery: the resource declares no field for one of the endpoint's list filters");
    static_assert(every_timestamp_filter_declared<E, T>(),
                  "listquery: the resource declares no timestamp_field for one of the endpoint's "
                  "timestamp filters");
    static_assert(every_order_by_sortable<E, T>(),
                  "listquery: one of the endpoint's order_by values is sortable by no field of the resource");
    static_assert(!E.accepts_label_selector || count_fields<T>(field_kind::labels) == 1,
                  "listquery: the endpoint accepts label_selector, so the resource must declare "
                  "one labels_field");
    static_assert(count_fields<T>(field_kind::guid) <= 1, "listquery: the resource declares two guid_fields");
    static_assert(E.scoped_by.empty() || has_field<T>(E.scoped_by, false),
                  "listquery: the resource declares no list_field (or guid_field) for the field the endpoint is scoped by");
    for_each_field<T>([](auto const& f, auto) { check_field_type<T, std::remove_cvref_t<decltype(f)>>(); });
    return true;
}

} // namespace listquery::detail
