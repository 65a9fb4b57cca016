// SPDX-License-Identifier: BSL-1.0
// How a resource_index answers a query: checks of its columns, then the page.
#pragma once

#include <listquery/pipeline/resource_index.hpp>

namespace listquery {

LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
namespace detail {

/// A resource_index's internals, for the page strategies below and for tests.
struct index_access {
    template <class T>
    static std::vector<T const*> const& items(resource_index<T> const& index) noexcept { return index.items(); }
    template <class T>
    static bool has_holes(resource_index<T> const& index) noexcept { return index.has_holes(); }
    template <class T>
    static index_column const& column(resource_index<T> const& index, std::size_t i) noexcept { return index.column(i); }
};

/// The parts of a query a resource_index keeps, turned into checks of code columns by id.
template <class T>
class index_checks {
public:
    index_checks(resource_index<T> const& index, list_query const& q, std::optional<scope> const& within) {
        bool scoped = false;
        for_each_field<T>([&](auto const& f, auto i) {
            auto const& c = index_access::column(index, i);
            using F = std::remove_cvref_t<decltype(f)>;
            if constexpr (F::kind == field_kind::list || F::kind == field_kind::guid) {
                if (within && f.filter_name == within->field) { // the scope: one more list of one value
                    std::string_view const value[] = {within->value};
                    c.kept ? add_list(c, value) : void(unchecked_ = true);
                    scoped = true;
                }
                if (auto const* filter = q.filter(f.filter_name))
                    c.kept ? add_list(c, filter->values) : void(unchecked_ = true);
            } else if constexpr (F::kind == field_kind::timestamp) {
                if (auto const* filter = q.timestamp(f.filter_name))
                    c.kept ? void(times_.push_back({&c.seconds, filter})) : void(unchecked_ = true);
            } else if constexpr (F::kind == field_kind::labels) {
                if (q.selector)
                    for (auto const& r : q.selector->requirements)
                        c.kept ? add_requirement(c, r) : void(unchecked_ = true);
            }
        });
        none_ = none_ || (within && !scoped); // a scope of no field matches nothing
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
            // The one fact the operator tests, and whether it must be absent (notin, !=, !key).
            auto const meaning = meaning_of(r.op);
            unsigned const fact = meaning.tests_value ? has_value_bit : has_key_bit;
            bool const absent = meaning.negated;
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

    template <class Values>
    void add_list(index_column const& c, Values const& values) {
        lists_.push_back({&c, code_set(c.values.size()), {}, 0});
        auto& check = lists_.back();
        for (std::string_view v : values)
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
        // A requirement that is not negated and that no resource can meet (a key or values no
        // resource has).
        auto const meaning = meaning_of(r.op);
        none_ = none_ || (!meaning.negated && (seen & (meaning.tests_value ? has_value_bit : has_key_bit)) == 0);
    }

    boost::container::small_vector<list_check, 4> lists_;
    boost::container::small_vector<time_check, 2> times_;
    boost::container::small_vector<requirement_check, 8> requirements_;
    bool none_ = false, unchecked_ = false;
};

/// A query within an optional scope over a resource_index: which ids pass it, and how many do,
/// read from the columns (each part the index keeps) and the resources (each part it does not).
template <class T>
class index_query {
public:
    index_query(resource_index<T> const& index, list_query const& q, std::optional<scope> const& within)
        : index_(index), match_(q, within), checks_(index, q, within), filtered_(has_filters(q) || within) {}

    /// Whether resource `r`, of id `id`, passes (a hole never does).
    bool passes(std::size_t id, T const* r) const {
        return r && (!filtered_ || (checks_(id) && (!checks_.unchecked() || match_(*r))));
    }

    /// The exact number of resources that pass, calling `found(id)` for each when `each`.
    template <class Found>
    std::uint64_t count(bool each, Found&& found) const {
        auto const& items = index_access::items(index_);
        if (!filtered_) {
            if (each)
                for (std::size_t id = 0; id < items.size(); ++id)
                    if (items[id])
                        found(id);
            return index_.size();
        }
        std::uint64_t total = 0;
        if (checks_.none() || checks_.for_each_candidate(items.size(), [&](std::size_t id) {
                if (passes(id, items[id])) {
                    ++total;
                    if (each)
                        found(id);
                }
            }))
            return total;
        // The columns, a block of ids at a time.
        bool const holes = index_access::has_holes(index_);
        constexpr std::size_t block = 256;
        bool keep[block]; // not a character type, which would alias every load in the loops
        for (std::size_t first = 0; first < items.size(); first += block) {
            std::size_t const count = std::min(block, items.size() - first);
            for (std::size_t j = 0; j < count; ++j)
                keep[j] = !holes || items[first + j] != nullptr; // items are read only if needed
            checks_.mark(first, count, keep);
            if (checks_.unchecked())
                for (std::size_t j = 0; j < count; ++j)
                    keep[j] = keep[j] && match_(*items[first + j]);
            for (std::size_t j = 0; j < count; ++j)
                total += keep[j];
            if (each)
                for (std::size_t j = 0; j < count; ++j)
                    if (keep[j])
                        found(first + j);
        }
        return total;
    }

    /// The exact number of resources that pass.
    std::uint64_t count() const {
        return count(false, [](std::size_t) {});
    }

    /// Whether `r` passes the whole query, read from the resource alone.
    bool matches(T const& r) const { return match_(r); }

private:
    resource_index<T> const& index_;
    matcher<T> const match_;
    index_checks<T> const checks_;
    bool const filtered_;
};

/// The page of `q` within `within` over `base`, which `index` describes: the count from the
/// columns, the page from the kept order of `q.order`'s field (or, without `order_by`, from
/// `base` in its order).
template <class T, class Base>
page_result<T> page_with_index(Base const& base, list_query const& q, std::optional<scope> const& within,
                               resource_index<T> const& index) {
    index_query<T> const query(index, q, within);
    auto const& items = index_access::items(index);
    // A query ordered by a field the index does not keep orders its matches, collected as they
    // are counted.
    sort_index<T> const* const order = q.order ? index.order(q.order->field) : nullptr;
    bool const collect = q.order && !order;
    sort_buffer<T> matches;
    std::uint64_t const total = query.count(collect, [&](std::size_t id) { matches.push_back({items[id], id}); });

    page_frame<T> page = frame_page<T>(total, q);
    auto& out = page.result;
    page_window const w = page.window;
    if (w.begin == w.end)
        return std::move(page.result);
    if (order) { // walk the kept order until the page is full
        walk_window(*order, q.order->dir, w, [&](detail::ranked<T> const& e) { return query.passes(e.index, e.item); },
                    out.resources);
    } else if (collect) { // as unindexed, over the matches
        order_window(matches, w, *q.order);
        for (auto i = w.begin; i < w.end; ++i)
            out.resources.push_back(matches[static_cast<std::size_t>(i)].item);
    } else { // the container's order: the range itself, until the page is full
        std::uint64_t position = 0;
        for (auto const& e : base) {
            auto const* r = element_traits<decltype(e)>::address(e);
            if (!r || !query.matches(*r))
                continue;
            if (position++ >= w.begin)
                out.resources.push_back(r);
            if (position == w.end)
                break;
        }
    }
    return std::move(page.result);
}

} // namespace detail
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

} // namespace listquery
