// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/field_value.hpp>
#include <listquery/detail/resource_checks.hpp>
#include <listquery/detail/small_vector.hpp>
#include <listquery/endpoint.hpp>
#include <listquery/query.hpp>
#include <listquery/resource.hpp>
#include <listquery/scope.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

namespace listquery {

namespace detail {

// Byte equality by an inline loop after a size check: matching runs for every resource, on short
// strings, where a call to memcmp costs more than the comparison.
inline bool same_bytes(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

// Whether `v` is one of `values`.
template <class Values>
bool contains(Values const& values, std::string_view v) {
    return std::ranges::any_of(values, [v](std::string_view x) { return same_bytes(x, v); });
}

/// Whether a stored label's key, split by `split_label_key`, gives `r`'s prefix and name; without
/// splitting it, as this runs for every label of every resource (a test requires the two to agree
/// on every shape of key).
inline bool same_label_key(std::string_view key, label_requirement const& r) {
    // Whether `key` starts with `part`, followed by its end or a '/'.
    auto const starts_with_field = [&key](std::string_view part) {
        return key.size() >= part.size() && (key.size() == part.size() || key[part.size()] == '/') &&
               same_bytes(key.substr(0, part.size()), part);
    };
    if (!r.prefix.empty()) { // "<prefix>/<name>[/…]"
        if (key.size() == r.prefix.size() || !starts_with_field(r.prefix))
            return false;
        key.remove_prefix(r.prefix.size() + 1);
    } else if (key.starts_with('/')) { // "/<name>[/…]" has the prefix ""
        key.remove_prefix(1);
    } else { // any other '/' would make a prefix: the key is the name, or no match
        return same_bytes(key, r.name);
    }
    return starts_with_field(r.name);
}

/// Whether a resource's labels satisfy one requirement (docs/semantics.md#selector-match), whose
/// values are `values` (`r.values`, split once per query) and whose operator means `meaning`
/// (`meaning_of(r.op)`, read once per query).
template <class Labels>
bool matches_requirement(Labels const* labels, label_requirement const& r, std::span<std::string_view const> values,
                         selector_op_meaning meaning) {
    bool const need_value = meaning.tests_value;
    bool has_key = false, has_value = false;
    if (labels) {
        for (auto const& label : *labels) {
            auto const key = string_value(label.first);
            if (!key || !same_label_key(*key, r))
                continue;
            has_key = true;
            if (auto const value = string_value(label.second); value && need_value)
                has_value = contains(values, *value);
            if (has_value || !need_value)
                break; // the answer is known
        }
    }
    return (need_value ? has_value : has_key) != meaning.negated; // requirement_holds, with the meaning read once
}

template <class Time>
bool matches_timestamp(Time const& value, timestamp_filter const& f) {
    auto const* t = present(value);
    if (!t)
        return false; // docs/semantics.md#timestamp-seconds: null never matches
    auto const s = std::chrono::floor<std::chrono::seconds>(*t); // docs/semantics.md#timestamp-seconds
    if (!f.any_of.empty() && std::find(f.any_of.begin(), f.any_of.end(), s) == f.any_of.end())
        return false;
    return std::all_of(f.all_of.begin(), f.all_of.end(), [s](timestamp_condition const& c) {
        switch (c.op) {
        case timestamp_op::lt: return s < c.value;
        case timestamp_op::lte: return s <= c.value;
        case timestamp_op::gt: return s > c.value;
        case timestamp_op::gte: return s >= c.value;
        }
        return false;
    });
}


//------------------------------------------------
/** Whether a resource matches a scope, and a query's filters, selector and timestamps (not its
    paging).

    Built once per query; calling it is reentrant. The scope is checked first: the field named by
    its filter name equals its value, byte for byte (a scope naming no field of `T` matches
    nothing). List filters match when the field, byte for byte, equals one of the values (a null
    field never matches, not even `""`); timestamps compare at whole seconds; label requirements
    are ANDed, and `!=`, `notin`, `!key` also match resources without the key. The endpoint's
    checks of `T` are the callers' (`check_resource`), so that one matcher serves every endpoint
    of a type.
*/
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
template <class T>
class matcher {
    static constexpr std::size_t size = fields_v<T>.size;

public:
    explicit matcher(list_query const& q, std::optional<scope> const& within = {}) {
        detail::for_each_field<T>([&](auto const& f, auto i) {
            if (f.kind == field_kind::list || f.kind == field_kind::guid) {
                lists_[i] = q.filter(f.filter_name);
                if (within && f.filter_name == within->field)
                    scope_field_ = i;
            } else if (f.kind == field_kind::timestamp) {
                timestamps_[i] = q.timestamp(f.filter_name);
            }
        });
        if (within)
            scope_ = within->value;
        if (q.selector)
            for (auto const& r : q.selector->requirements) { // values split once, not per resource
                requirements_.push_back({&r, values_.size(), r.values.size(), meaning_of(r.op)});
                values_.insert(values_.end(), r.values.begin(), r.values.end());
            }
    }

    bool operator()(T const& r) const {
        if (scope_ && !in_scope(r))
            return false;
        bool ok = true;
        detail::for_each_field<T>([&](auto const& f, auto i) {
            if (!ok)
                return;
            using F = std::remove_cvref_t<decltype(f)>;
            if constexpr (F::kind == field_kind::list || F::kind == field_kind::guid) {
                if (auto const* filter = lists_[i]) {
                    auto const v = detail::string_value(std::invoke(f.access, r));
                    ok = v && detail::contains(filter->values, *v);
                }
            } else if constexpr (F::kind == field_kind::timestamp) {
                if (auto const* filter = timestamps_[i])
                    ok = detail::matches_timestamp(std::invoke(f.access, r), *filter);
            } else if constexpr (F::kind == field_kind::labels) {
                if (!requirements_.empty()) {
                    auto const& labels = std::invoke(f.access, r);
                    auto const* held = detail::present(labels);
                    for (auto const& req : requirements_)
                        if (!(ok = detail::matches_requirement(held, *req.requirement,
                                                               {values_.data() + req.first, req.count}, req.meaning)))
                            break;
                }
            }
        });
        return ok;
    }

private:
    bool in_scope(T const& r) const {
        bool ok = false;
        detail::for_each_field<T>([&](auto const& f, auto i) {
            using F = std::remove_cvref_t<decltype(f)>;
            if constexpr (F::kind == field_kind::list || F::kind == field_kind::guid)
                if (i == scope_field_) {
                    auto const v = detail::string_value(std::invoke(f.access, r));
                    ok = v && detail::same_bytes(*v, *scope_);
                }
        });
        return ok;
    }

    struct requirement {
        label_requirement const* requirement;
        std::size_t first, count; // its values in values_
        selector_op_meaning meaning;
    };

    std::array<list_filter const*, size> lists_{};
    std::array<timestamp_filter const*, size> timestamps_{};
    std::optional<std::string_view> scope_;
    std::size_t scope_field_ = size; // none: a scope of no field matches nothing
    boost::container::small_vector<requirement, label_selector::inline_requirements> requirements_;
    boost::container::small_vector<std::string_view, 2 * label_selector::inline_requirements> values_;
};
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

} // namespace detail

} // namespace listquery
