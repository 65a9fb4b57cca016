// SPDX-License-Identifier: BSL-1.0
// The columns of a resource_index: interned strings, code columns, code sets.
#pragma once

#include <listquery/detail/small_vector.hpp>

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace listquery {

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
    // Node-based on purpose: texts_ views the keys, which must not move when the table grows
    // (boost::unordered_flat_map moves them; Boost 1.81 has no unordered_node_map).
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
    /// Read only while the index is built; std::unordered_map, as boost::unordered_flat_map's
    /// header alone costs every unit that includes the pipeline 0.6 s of compile time.
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
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
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
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

} // namespace detail

} // namespace listquery
