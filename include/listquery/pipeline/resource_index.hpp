// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/small_vector.hpp>
#include <listquery/pipeline/filter.hpp>
#include <listquery/pipeline/match.hpp>
#include <listquery/pipeline/order.hpp>
#include <listquery/pipeline/page.hpp>
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
#include <unordered_map>
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

namespace detail {

/// Distinct strings, each with a code from 1 (0 is "none"), so a column holds 4-byte codes.
class string_codes {
public:
    std::uint32_t intern(std::string_view s) {
        if (auto const code = find(s))
            return code;
        auto const [it, added] = codes_.emplace(std::string(s), static_cast<std::uint32_t>(texts_.size() + 1));
        texts_.push_back(it->first); // a node's key stays where it is
        return it->second;
    }
    /// The code of `s`, or 0 if no resource holds it.
    std::uint32_t find(std::string_view s) const {
        auto const it = codes_.find(s);
        return it == codes_.end() ? 0 : it->second;
    }
    /// Every string, by code - 1.
    std::vector<std::string_view> const& texts() const noexcept { return texts_; }
    /// How many strings there are: the largest code.
    std::size_t size() const noexcept { return texts_.size(); }
    void clear() {
        codes_.clear();
        texts_.clear();
    }

private:
    struct hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::uint32_t, hash, std::equal_to<>> codes_;
    std::vector<std::string_view> texts_;
};

/// One field's column: a value per resource id, compact and contiguous, so that a query reads
/// 4 or 8 bytes per resource instead of the resource itself.
struct index_column {
    bool kept = false;
    /// List fields: the values; labels: the label values.
    string_codes values;
    /// Labels: the label keys.
    string_codes keys;
    /// List fields: each id's value code, 0 for a null field.
    std::vector<std::uint32_t> codes;
    /// List fields: the ids holding each value, ascending, by code (what a database index on
    /// the column holds): a selective filter visits only these.
    std::vector<std::vector<std::uint32_t>> postings;
    /// Timestamp fields: each id's time in whole seconds, `null_seconds` for a null field.
    std::vector<std::int64_t> seconds;
    static constexpr std::int64_t null_seconds = std::numeric_limits<std::int64_t>::min();
    /// Labels: id `i` has the labels `[label_begin[i], label_begin[i + 1])` of `labels`, each a
    /// code of its distinct (key code, value code or 0 when not a string) pair in `pairs`.
    std::vector<std::uint32_t> label_begin;
    std::vector<std::uint32_t> labels;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs; // by pair code - 1
    std::unordered_map<std::uint64_t, std::uint32_t> pair_codes;

    std::uint32_t intern_pair(std::uint32_t key, std::uint32_t value) {
        auto const [it, added] = pair_codes.emplace(std::uint64_t{key} << 32 | value, static_cast<std::uint32_t>(pairs.size() + 1));
        if (added)
            pairs.push_back({key, value});
        return it->second;
    }

    void clear() {
        values.clear();
        keys.clear();
        codes.clear();
        postings.clear();
        seconds.clear();
        label_begin.clear();
        labels.clear();
        pairs.clear();
        pair_codes.clear();
    }
};

/// A set of codes of one dictionary, tested for every resource: a bitmap when the dictionary is
/// small (one load, no branch to mispredict on varied data), else a sorted list.
LISTQUERY_SMALL_VECTOR_HOLDERS_BEGIN
class code_set {
public:
    /// For codes of a dictionary of `size` strings (codes 1 to `size`).
    explicit code_set(std::size_t size) : bitmap_(size < 64 * inline_words) {
        if (bitmap_)
            bits_.resize(size / 64 + 1);
    }

    void insert(std::uint32_t code) {
        if (bitmap_)
            bits_[code / 64] |= std::uint64_t{1} << (code % 64);
        else
            sorted_.insert(std::upper_bound(sorted_.begin(), sorted_.end(), code), code);
    }
    bool empty() const noexcept {
        return bitmap_ ? std::all_of(bits_.begin(), bits_.end(), [](std::uint64_t w) { return w == 0; }) : sorted_.empty();
    }
    /// `keep[j] &= contains(codes[j])` for each of `count` codes (each a code of the dictionary,
    /// or 0): one tight loop per column.
    void mark(std::uint32_t const* codes, std::size_t count, bool* keep) const {
        if (bitmap_) { // the test inline, so that the loop has no branch
            std::uint64_t const* const words = bits_.data();
            for (std::size_t j = 0; j < count; ++j)
                keep[j] &= static_cast<bool>((words[codes[j] / 64] >> (codes[j] % 64)) & 1);
        } else {
            for (std::size_t j = 0; j < count; ++j)
                keep[j] &= contains(codes[j]);
        }
    }
    /// Whether `code` (a code of the dictionary, or 0) is in the set.
    bool contains(std::uint32_t code) const {
        if (bitmap_)
            return (bits_[code / 64] >> (code % 64)) & 1;
        return std::binary_search(sorted_.begin(), sorted_.end(), code);
    }

private:
    static constexpr std::size_t inline_words = 8;
    bool bitmap_;
    boost::container::small_vector<std::uint64_t, inline_words> bits_;
    boost::container::small_vector<std::uint32_t, 8> sorted_;
};
LISTQUERY_SMALL_VECTOR_HOLDERS_END

} // namespace detail

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
    listquery::resource_index<my::droplet> index(droplets,
        {.order_by = {"created_at"}, .filters = {"states", "app_guids", "label_selector"}});
    auto page = listquery::apply<listquery::cf::droplets>(*q, droplets, index);
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
LISTQUERY_SMALL_VECTOR_HOLDERS_BEGIN
template <class T>
class resource_index {
    static constexpr std::size_t field_count = fields_v<T>.size;

public:
    /** Indexes `range` for `fields`.
        @throws std::invalid_argument when `T` has no sortable field or filter of a given name. */
    template <class R>
        requires detail::stable_range<R>
    resource_index(R const& range, index_fields const& fields) {
        for (auto const& name : fields.order_by)
            orders_.emplace_back(range, name); // throws for an unknown field
        for (auto const& name : fields.filters) {
            bool found = false;
            detail::for_each_field<T>([&](auto const& f, auto i) {
                bool const filters = f.kind == field_kind::labels ? name == "label_selector"
                                                                  : !f.filter_name.empty() && f.filter_name == name;
                if (filters)
                    found = columns_[i].kept = true;
            });
            if (!found)
                throw std::invalid_argument("listquery::resource_index: no filter '" + name + "'");
        }
        fill(range);
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

    /// Each id's resource (null for a hole); ids are the positions of the order entries.
    std::vector<T const*> const& items() const noexcept { return items_; }
    /// Whether some id is a hole (an erased resource, or a null element).
    bool has_holes() const noexcept { return ids_.size() != items_.size(); }
    /// The column of field `i` of `T`'s declaration (`kept` says whether it is indexed).
    detail::index_column const& column(std::size_t i) const noexcept { return columns_[i]; }

private:
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

namespace detail {

/// The parts of a query a resource_index keeps, turned into checks of code columns by id.
template <class T>
class index_checks {
public:
    index_checks(resource_index<T> const& index, list_query const& q) {
        for_each_field<T>([&](auto const& f, auto i) {
            auto const& c = index.column(i);
            using F = std::remove_cvref_t<decltype(f)>;
            if constexpr (F::kind == field_kind::list || F::kind == field_kind::guid) {
                if (auto const* filter = q.filter(f.filter_name))
                    c.kept ? add_list(c, *filter) : void(unchecked_ = true);
            } else if constexpr (F::kind == field_kind::timestamp) {
                if (auto const* filter = q.timestamp(f.filter_name))
                    c.kept ? void(times_.push_back({&c.seconds, filter})) : void(unchecked_ = true);
            } else if constexpr (F::kind == field_kind::labels) {
                if (q.selector)
                    for (auto const& r : q.selector->requirements)
                        c.kept ? add_requirement(c, r) : void(unchecked_ = true);
            }
        });
    }

    /// No resource can match: an indexed filter names only values no resource has.
    bool none() const noexcept { return none_; }
    /// Some part of the query is not indexed: resources that pass must be checked whole.
    bool unchecked() const noexcept { return unchecked_; }

    /// `keep[j] &= ` whether resource `first + j` passes the indexed parts, for `count` ids:
    /// column by column, each a tight loop without branches on the data (on varied data, a
    /// branch per check is mispredicted half the time, which costs more than the check).
    void mark(std::size_t first, std::size_t count, bool* keep) const {
        for (auto const& l : lists_)
            l.wanted.mark(l.column->codes.data() + first, count, keep);
        for (auto const& t : times_) {
            std::int64_t const* const seconds = t.seconds->data() + first;
            for (std::size_t j = 0; j < count; ++j)
                keep[j] &= seconds[j] != index_column::null_seconds &&
                           matches_timestamp(timestamp(std::chrono::seconds(seconds[j])), *t.filter);
        }
        for (auto const& r : requirements_) {
            auto const* const begin = r.column->label_begin.data() + first;
            auto const* const labels = r.column->labels.data();
            std::uint8_t const* const classes = r.classes.data();
            // The one fact the operator needs, and whether it must be absent (notin, !=, !key).
            unsigned const fact = wants_value(r.op) ? has_value_bit : has_key_bit;
            bool const absent = !requirement_holds(r.op, true, true);
            for (std::size_t j = 0; j < count; ++j) {
                unsigned facts = 0;
                for (auto k = begin[j]; k < begin[j + 1]; ++k) // a resource's few labels
                    facts |= classes[labels[k]];
                keep[j] &= ((facts & fact) != 0) != absent;
            }
        }
    }

    /// Calls `f(id)` for the ids that may pass, when a list filter's postings make a set much
    /// smaller than the index (with holes and duplicates of none); returns false, calling
    /// nothing, when every id must be looked at.
    template <class F>
    bool for_each_candidate(std::size_t ids, F&& f) const {
        list_check const* fewest = nullptr;
        for (auto const& l : lists_)
            if (!fewest || l.matches < fewest->matches)
                fewest = &l;
        if (!fewest || fewest->matches > ids / 8) // a scan of the columns is cheaper
            return false;
        for (auto code : fewest->wanted_codes)
            for (auto id : fewest->column->postings[code])
                f(id);
        return true;
    }

    /// Whether resource `id` passes the indexed parts.
    bool operator()(std::size_t id) const {
        bool keep = true;
        mark(id, 1, &keep);
        return keep;
    }

private:
    struct list_check {
        index_column const* column;
        code_set wanted;
        boost::container::small_vector<std::uint32_t, 8> wanted_codes;
        std::size_t matches = 0; // ids with one of them: the sum of their postings
    };
    struct time_check {
        std::vector<std::int64_t> const* seconds;
        timestamp_filter const* filter;
    };
    // What a label, by its pair code, tells one requirement: its key is the requirement's, and
    // its value one of the requirement's values.
    static constexpr std::uint8_t has_key_bit = 1, has_value_bit = 2;
    struct requirement_check {
        index_column const* column;
        selector_op op;
        boost::container::small_vector<std::uint8_t, 512> classes; // by pair code
    };

    void add_list(index_column const& c, list_filter const& f) {
        lists_.push_back({&c, code_set(c.values.size()), {}, 0});
        auto& check = lists_.back();
        for (auto v : f.values)
            if (auto const code = c.values.find(v); code != 0 && !check.wanted.contains(code)) {
                check.wanted.insert(code);
                check.wanted_codes.push_back(code);
                check.matches += c.postings[code].size();
            }
        none_ = none_ || check.wanted_codes.empty();
    }

    void add_requirement(index_column const& c, label_requirement const& r) {
        code_set keys(c.keys.size()), values(c.values.size());
        auto const& key_texts = c.keys.texts();
        for (std::size_t k = 0; k < key_texts.size(); ++k) // the distinct keys: few, in practice
            if (same_label_key(key_texts[k], r))
                keys.insert(static_cast<std::uint32_t>(k + 1));
        for (auto v : r.values)
            if (auto const code = c.values.find(v))
                values.insert(code);
        requirements_.push_back({&c, r.op, {}});
        auto& classes = requirements_.back().classes;
        classes.resize(c.pairs.size() + 1);
        std::uint8_t seen = 0;
        for (std::size_t p = 0; p < c.pairs.size(); ++p) {
            bool const same_key = keys.contains(c.pairs[p].first);
            classes[p + 1] = static_cast<std::uint8_t>((same_key ? has_key_bit : 0) |
                                                       (same_key && values.contains(c.pairs[p].second) ? has_value_bit : 0));
            seen |= classes[p + 1];
        }
        // A positive requirement no resource can meet (a key or values no resource has).
        bool const positive = r.op == selector_op::in || r.op == selector_op::equal || r.op == selector_op::exists;
        none_ = none_ || (positive && (seen & (wants_value(r.op) ? has_value_bit : has_key_bit)) == 0);
    }

    boost::container::small_vector<list_check, 4> lists_;
    boost::container::small_vector<time_check, 2> times_;
    boost::container::small_vector<requirement_check, 8> requirements_;
    bool none_ = false, unchecked_ = false;
};

/// The page of `q` over `base`, which `index` describes: the count from the columns, the page
/// from the kept order of `q.order`'s field (or, without `order_by`, from `base` in its order).
template <endpoint const& E, class T, class Base>
page_result<T> page_with_index(Base const& base, list_query const& q, resource_index<T> const& index) {
    matcher<E, T> const match(q);
    index_checks<T> const checks(index, q);
    auto const& items = index.items();
    auto const passes = [&](std::size_t id, T const* r) {
        return r && checks(id) && (!checks.unchecked() || match(*r));
    };
    bool const filtered = has_filters(q);
    // A query ordered by a field the index does not keep orders its matches, collected as they
    // are counted.
    sort_index<T> const* const order = q.order ? index.order(q.order->field) : nullptr;
    bool const collect = q.order && !order;
    sort_buffer<T> matches;
    auto const found = [&](std::size_t id) {
        if (collect)
            matches.push_back({items[id], id});
    };
    std::uint64_t total = 0;
    if (!filtered) {
        total = index.size();
        if (collect)
            for (std::size_t id = 0; id < items.size(); ++id)
                if (items[id])
                    found(id);
    } else if (!checks.none() && !checks.for_each_candidate(items.size(), [&](std::size_t id) {
                   if (passes(id, items[id])) {
                       ++total;
                       found(id);
                   }
               })) {
        // The columns, a block of ids at a time.
        bool const holes = index.has_holes();
        constexpr std::size_t block = 256;
        bool keep[block]; // not a character type, which would alias every load in the loops
        for (std::size_t first = 0; first < items.size(); first += block) {
            std::size_t const count = std::min(block, items.size() - first);
            for (std::size_t j = 0; j < count; ++j)
                keep[j] = !holes || items[first + j] != nullptr; // items are read only if needed
            checks.mark(first, count, keep);
            if (checks.unchecked())
                for (std::size_t j = 0; j < count; ++j)
                    keep[j] = keep[j] && match(*items[first + j]);
            for (std::size_t j = 0; j < count; ++j)
                total += keep[j];
            if (collect)
                for (std::size_t j = 0; j < count; ++j)
                    if (keep[j])
                        found(first + j);
        }
    }

    page_result<T> out{{}, total, total_pages(total, q.per_page), q.page, q.per_page};
    page_window const w = window_of(total, q.page, q.per_page);
    if (w.begin == w.end)
        return out;
    out.resources.reserve(static_cast<std::size_t>(w.end - w.begin));
    if (order) { // walk the kept order until the page is full
        walk_window(*order, q.order->dir, w,
                    [&](ranked<T> const& e) { return !filtered || passes(e.index, e.item); }, out.resources);
    } else if (collect) { // as unindexed, over the matches
        order_window(matches, w, *q.order);
        for (auto i = w.begin; i < w.end; ++i)
            out.resources.push_back(matches[static_cast<std::size_t>(i)].item);
    } else { // the container's order: the range itself, until the page is full
        std::uint64_t position = 0;
        for (auto const& e : base) {
            auto const* r = element_traits<decltype(e)>::address(e);
            if (!r || !match(*r))
                continue;
            if (position++ >= w.begin)
                out.resources.push_back(r);
            if (position == w.end)
                break;
        }
    }
    return out;
}

} // namespace detail
LISTQUERY_SMALL_VECTOR_HOLDERS_END

} // namespace listquery
