// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace listquery {

/// Names a resource type for `listquery_fields`, which ADL finds in the type's namespace.
template <class T>
struct tag {};

/// What a declared field does.
enum class field_kind {
    guid,      ///< the resource's guid: answers `guids` and breaks ties when sorting
    list,      ///< answers a comma-delimited list filter (`states`)
    timestamp, ///< answers a timestamp filter (`created_ats`)
    sort_only, ///< only sortable (`order_by=name`)
    labels,    ///< the resource's labels, for `label_selector`
};

//------------------------------------------------
/** One field of a resource declaration: which filter it answers, how to read it from a
    resource (a member pointer or any callable taking the resource), and under which `order_by`
    value it sorts. Made by `guid_field`, `list_field`, `timestamp_field`, `sort_field`,
    `labels_field`.
*/
template <field_kind Kind, class Access>
struct field {
    static constexpr field_kind kind = Kind;
    /// The filter it answers (`guids`, `states`, `created_ats`), or empty.
    std::string_view filter_name;
    /// Member pointer or projection, called with `std::invoke(access, resource)`.
    Access access;
    /// The `order_by` value it sorts under, or empty.
    std::string_view sort_name;

    /// The same field, also sortable as `order_by=name`.
    constexpr field sortable(std::string_view name) const {
        field copy = *this;
        copy.sort_name = name;
        return copy;
    }
};

/// The guid: answers `guids`, is echoed nowhere, and breaks ties in every ordering.
template <class Access>
constexpr auto guid_field(Access access) {
    return field<field_kind::guid, Access>{"guids", access, {}};
}
/// A string field that answers the list filter `filter` (`states` → `&droplet::state`).
template <class Access>
constexpr auto list_field(std::string_view filter, Access access) {
    return field<field_kind::list, Access>{filter, access, {}};
}
/// A `std::chrono::sys_time` field that answers the timestamp filter `filter`.
template <class Access>
constexpr auto timestamp_field(std::string_view filter, Access access) {
    return field<field_kind::timestamp, Access>{filter, access, {}};
}
/// A field that only sorts, as `order_by=name`.
template <class Access>
constexpr auto sort_field(std::string_view name, Access access) {
    return field<field_kind::sort_only, Access>{{}, access, name};
}
/// The labels: an associative container or a range of pairs of strings.
template <class Access>
constexpr auto labels_field(Access access) {
    return field<field_kind::labels, Access>{{}, access, {}};
}

//------------------------------------------------
/** A resource's fields, declared once.

    @par Example
    @code
    namespace my {
    struct droplet { std::string guid, state, app_guid; listquery::timestamp created_at;
                     std::map<std::string, std::string> labels; };
    constexpr auto listquery_fields(listquery::tag<droplet>) {   // found by ADL
        return listquery::fields(
            listquery::guid_field(&droplet::guid),
            listquery::timestamp_field("created_ats", &droplet::created_at).sortable("created_at"),
            listquery::list_field("states", &droplet::state),
            listquery::list_field("app_guids", [](droplet const& d) { return std::string_view(d.app_guid); }),
            listquery::labels_field(&droplet::labels));
    }
    }
    @endcode
*/
template <class... Fields>
struct resource_fields {
    std::tuple<Fields...> fields;
    static constexpr std::size_t size = sizeof...(Fields);
};

/// Collects field declarations into a `resource_fields`.
template <class... Fields>
constexpr resource_fields<Fields...> fields(Fields... f) {
    return {{f...}};
}

/// For a type whose namespace you cannot add to: specialise with `static constexpr auto fields`.
template <class T>
struct resource_traits;

namespace detail {
template <class T>
concept has_adl_fields = requires { listquery_fields(tag<T>{}); };
template <class T>
concept has_traits_fields = requires { resource_traits<T>::fields; };

template <class T>
constexpr auto find_fields() {
    if constexpr (has_adl_fields<T>)
        return listquery_fields(tag<T>{});
    else
        return resource_traits<T>::fields;
}
} // namespace detail

/// Whether `T` has a declaration: `listquery_fields(tag<T>)` or `resource_traits<T>::fields`.
template <class T>
concept declared_resource = detail::has_adl_fields<T> || detail::has_traits_fields<T>;

/// The declaration of `T`'s fields.
template <declared_resource T>
inline constexpr auto fields_v = detail::find_fields<T>();

} // namespace listquery
