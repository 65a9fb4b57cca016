// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/small_vector.hpp>
#include <listquery/pipeline/filter.hpp>
#include <listquery/pipeline/match.hpp>
#include <listquery/pipeline/order.hpp>
#include <listquery/pipeline/page.hpp>
#include <listquery/pipeline/impl/index_columns.hpp>
#include <listquery/pipeline/sort_index.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace listquery {

/// What a `resource_index` keeps: by name, as queries spell them.
struct index_fields {
    /// Sortable fields to keep in order, by `order_by` value (`created_at`).
    std::vector<std::string> order_by;
    /// Filters to answer from the index: list filters (`states`, `guids`), timestamp filters
    /// (`created_ats`), and `label_selector` for the labels.
    std::vector<std::string> filters;
};

//------------------------------------------------
/** An index of a container, built once and kept up to date, that answers queries without
    reading every resource: like the indexes of a database, for the fields you name.

    It keeps, for each resource, the named filters' fields as compact columns (a 4-byte code per
    string, the whole seconds of a timestamp, a code per label), the ids holding each string
    value, and the named sortable fields in order (each a `sort_index`). A query then counts its
    matches over the columns, which are a few bytes per resource (or over the ids of a selective
    filter's values only), walks the order of its `order_by` field and stops once the page is
    full, and reads only the resources it returns. Parts of a query the index does
    not keep (a filter not named) are checked on the resources that pass the others. Results
    are exactly those of the unindexed pipeline.

    @par Example
    @code
    auto index = listquery::resource_index<my::droplet>::make(droplets,
        {.order_by = {"created_at"}, .filters = {"states", "app_guids", "label_selector"}}).value();
    auto page = listquery::apply<listquery::cf::droplets>(droplets, *q, {.index = &index});
    @endcode

    The index points at the container's elements and must describe the same resources as the
    range queried with it. Keep it up to date as a `sort_index`: `insert` a new resource,
    `erase` one before it is removed or moved, and around a change to an indexed field `erase`
    then `insert`; or `rebuild` after bulk changes (and after a `std::vector` reallocates).
    Ties, and queries ordered by a field the index does not keep, follow the container's order
    at the last rebuild, then insertion order (a query without `order_by` keeps the container's
    own order). `insert` and `erase` cost O(log n) plus O(n) pointer shifts per kept order; an
    erased resource leaves a hole in the columns until `rebuild`. At most 2^32 - 1 resources,
    holes included (`std::length_error` beyond). Reading is const and thread-safe; updates need
    the same exclusion as the container's.
*/
namespace detail {
struct index_access;
} // namespace detail

LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
template <class T>
class resource_index {
    static constexpr std::size_t field_count = fields_v<T>.size;

public:
    /** Indexes `range` for `fields`; `error::unknown_field` when `T` has no sortable field or
        filter of a given name. */
    template <class R>
        requires detail::stable_range<R>
    static result<resource_index> make(R const& range, index_fields const& fields) {
        resource_index out;
        for (auto const& name : fields.order_by) {
            auto order = sort_index<T>::make(range, name);
            if (!order)
                return detail::unknown_field("listquery::resource_index: no sortable field '", name);
            out.orders_.push_back(std::move(*order));
        }
        for (auto const& name : fields.filters) {
            bool found = false;
            detail::for_each_field<T>([&](auto const& f, auto i) {
                bool const filters = f.kind == field_kind::labels ? name == "label_selector"
                                                                  : !f.filter_name.empty() && f.filter_name == name;
                if (filters)
                    found = out.columns_[i].kept = true;
            });
            if (!found)
                return detail::unknown_field("listquery::resource_index: no filter '", name);
        }
        out.fill(range);
        return out;
    }

    /// How many resources are indexed.
    std::size_t size() const noexcept { return ids_.size(); }

    /// Indexes every resource of `range` anew (null elements are skipped).
    template <class R>
        requires detail::stable_range<R>
    void rebuild(R const& range) {
        for (auto& order : orders_)
            order.rebuild(range);
        fill(range);
    }

    /// Adds `r`, which ties after every resource already indexed; returns false, and changes
    /// nothing, if `r` is indexed already.
    bool insert(T const& r) {
        auto const at = std::lower_bound(ids_.begin(), ids_.end(), &r, by_address{});
        if (at != ids_.end() && at->first == &r)
            return false;
        auto const id = static_cast<std::uint32_t>(items_.size());
        add(&r); // first, as it may throw
        ids_.insert(at, {&r, id});
        for (auto& order : orders_)
            order.insert(r); // its next position is this id
        return true;
    }

    /// Removes `r` (found by address); returns whether it was indexed.
    bool erase(T const& r) {
        auto const at = std::lower_bound(ids_.begin(), ids_.end(), &r, by_address{});
        if (at == ids_.end() || at->first != &r)
            return false;
        items_[at->second] = nullptr; // a hole in the columns, which never matches
        ids_.erase(at);
        for (auto& order : orders_)
            order.erase(r);
        return true;
    }

    /// The kept order of the field that sorts as `field`, or null.
    sort_index<T> const* order(std::string_view field) const noexcept {
        for (auto const& o : orders_)
            if (o.field() == field)
                return &o;
        return nullptr;
    }

private:
    resource_index() = default;

    friend struct detail::index_access;
    /// Each id's resource (null for a hole); ids are the positions of the order entries.
    std::vector<T const*> const& items() const noexcept { return items_; }
    /// Whether some id is a hole (an erased resource, or a null element).
    bool has_holes() const noexcept { return ids_.size() != items_.size(); }
    /// The column of field `i` of `T`'s declaration (`kept` says whether it is indexed).
    detail::index_column const& column(std::size_t i) const noexcept { return columns_[i]; }

    struct by_address {
        bool operator()(std::pair<T const*, std::uint32_t> const& a, T const* b) const {
            return std::less<T const*>{}(a.first, b);
        }
    };

    template <class R>
    void fill(R const& range) {
        items_.clear();
        ids_.clear();
        for (auto& c : columns_)
            c.clear();
        // Ids are container positions, as the orders number them; null elements keep theirs.
        for (auto const& e : range) {
            auto const* r = detail::element_traits<decltype(e)>::address(e);
            if (r)
                ids_.push_back({r, static_cast<std::uint32_t>(items_.size())});
            add(r);
        }
        std::sort(ids_.begin(), ids_.end(), [](auto const& a, auto const& b) { return std::less<T const*>{}(a.first, b.first); });
    }

    // Appends resource `r` (or a hole, for null) as the next id.
    void add(T const* r) {
        if (items_.size() == std::numeric_limits<std::uint32_t>::max())
            throw std::length_error("listquery::resource_index: more than 2^32 - 1 resources");
        items_.push_back(r);
        detail::for_each_field<T>([&](auto const& f, auto i) {
            auto& c = columns_[i];
            if (c.kept)
                add_field(c, f, r, static_cast<std::uint32_t>(items_.size() - 1));
        });
    }

    // Each value is read and stored at once: what a projection returns lives as long as that.
    template <class Field>
    static void add_field(detail::index_column& c, Field const& f, T const* r, std::uint32_t id) {
        if constexpr (Field::kind == field_kind::list || Field::kind == field_kind::guid) {
            std::uint32_t code = 0;
            if (r) {
                auto&& value = std::invoke(f.access, *r);
                if (auto const v = detail::string_value(value))
                    code = c.values.intern(*v);
            }
            c.codes.push_back(code);
            if (code != 0) {
                c.postings.resize(std::max<std::size_t>(c.postings.size(), code + 1));
                c.postings[code].push_back(id);
            }
        } else if constexpr (Field::kind == field_kind::timestamp) {
            std::int64_t seconds = detail::index_column::null_seconds;
            if (r) {
                auto&& value = std::invoke(f.access, *r);
                if (auto const* t = detail::present(value))
                    seconds = std::chrono::floor<std::chrono::seconds>(*t).time_since_epoch().count();
            }
            c.seconds.push_back(seconds);
        } else if constexpr (Field::kind == field_kind::labels) {
            if (c.label_begin.empty())
                c.label_begin.push_back(0);
            if (r) {
                auto&& labels = std::invoke(f.access, *r);
                if (auto const* held = detail::present(labels))
                    for (auto const& label : *held)
                        if (auto const key = detail::string_value(label.first)) {
                            auto const value = detail::string_value(label.second);
                            c.labels.push_back(c.intern_pair(c.keys.intern(*key), value ? c.values.intern(*value) : 0));
                        }
            }
            c.label_begin.push_back(static_cast<std::uint32_t>(c.labels.size()));
        }
    }

    std::vector<sort_index<T>> orders_;
    std::array<detail::index_column, field_count> columns_;
    std::vector<T const*> items_;                          // by id
    std::vector<std::pair<T const*, std::uint32_t>> ids_; // by address: each indexed resource's id
};
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

} // namespace listquery

#include <listquery/pipeline/impl/index_page.hpp>
