// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <boost/unordered/unordered_flat_set.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace listquery::detail {

/** Items with distinct keys, in order of first appearance; finding an item's key costs the
    same however many came before (a request may bring hundreds of thousands of names).

    The hash table holds 4-byte positions in `items()`, not the keys, so that it stays small
    enough for the cache at that size (a table of the keys themselves made the largest queries
    2.5x slower per byte). `KeyOf` projects an item to its key; `Hash` hashes keys. */
template <class Item, class KeyOf, class Hash>
class first_seen {
public:
    first_seen() = default;
    first_seen(first_seen const&) = delete; // the table refers to items_
    first_seen& operator=(first_seen const&) = delete;

    /// The item whose key is `item`'s, now `item` if there was none; whether it was added.
    std::pair<Item*, bool> insert(Item const& item) {
        if (auto const at = positions_.find(lookup{KeyOf{}(item)}); at != positions_.end())
            return {&items_[*at], false};
        items_.push_back(item);
        positions_.insert(static_cast<std::uint32_t>(items_.size() - 1));
        return {&items_.back(), true};
    }

    /// Makes room for `n` items, so that no insert moves the others or rehashes the table
    /// (rehashing reads every item again, in random order).
    void reserve(std::size_t n) {
        items_.reserve(n);
        positions_.reserve(n);
    }

    std::span<Item const> items() const noexcept { return items_; }
    bool empty() const noexcept { return items_.empty(); }

private:
    using key_type = std::remove_cvref_t<decltype(KeyOf{}(std::declval<Item const&>()))>;
    struct lookup { // a key not (yet) in items_
        key_type key;
    };
    struct position_hash {
        using is_transparent = void;
        std::vector<Item> const* items;
        std::size_t operator()(std::uint32_t i) const noexcept { return Hash{}(KeyOf{}((*items)[i])); }
        std::size_t operator()(lookup const& k) const noexcept { return Hash{}(k.key); }
    };
    struct position_equal {
        using is_transparent = void;
        std::vector<Item> const* items;
        key_type key(std::uint32_t i) const noexcept { return KeyOf{}((*items)[i]); }
        key_type key(lookup const& k) const noexcept { return k.key; }
        bool operator()(auto const& a, auto const& b) const noexcept { return key(a) == key(b); }
    };

    std::vector<Item> items_;
    boost::unordered_flat_set<std::uint32_t, position_hash, position_equal> positions_{
        0, position_hash{&items_}, position_equal{&items_}};
};

} // namespace listquery::detail
