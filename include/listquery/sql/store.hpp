// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/field_value.hpp>
#include <listquery/sql/statement.hpp>
#include <listquery/sql/table.hpp>

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
