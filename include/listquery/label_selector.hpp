// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/small_vector.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

namespace listquery {

/// The operator of one `label_selector` requirement.
enum class selector_op {
    in,         ///< `key in (v1,v2)`: has the key with one of the values
    not_in,     ///< `key notin (v1,v2)`: lacks the key, or has another value
    equal,      ///< `key=v` or `key==v`
    not_equal,  ///< `key!=v`: lacks the key, or has another value
    exists,     ///< `key`: has the key
    not_exists, ///< `!key`: lacks the key
};

/** What an operator asks of a resource's labels (docs/semantics.md#selector-match), the one
    table that matching in memory, the indexes and the SQL compiler all read: the fact it tests
    (that the resource has the key, or has the key with one of the values), and whether that
    fact must be absent instead. The negated operators so also match a resource without the key.
*/
struct selector_op_meaning {
    /// The fact is "has the key with one of the values"; else "has the key".
    bool tests_value = false;
    /// The requirement holds when the fact does not.
    bool negated = false;
};

/// The meaning of `op`.
constexpr selector_op_meaning meaning_of(selector_op op) noexcept {
    switch (op) {
    case selector_op::in:
    case selector_op::equal: return {true, false};
    case selector_op::not_in:
    case selector_op::not_equal: return {true, true};
    case selector_op::exists: return {false, false};
    case selector_op::not_exists: return {false, true};
    }
    return {};
}

/// Whether a requirement with operator `op` holds for a resource that has the key or not, and
/// has it with one of the requirement's values or not.
constexpr bool requirement_holds(selector_op op, bool has_key, bool has_value) noexcept {
    auto const m = meaning_of(op);
    return (m.tests_value ? has_value : has_key) != m.negated;
}

/// A label key split as Cloud Controller splits it, `key.split('/')`'s first two fields.
struct label_key_parts {
    /// Whether the key has a prefix at all: it holds a `/` and is not `/` alone.
    bool has_prefix = false;
    /// The part before the first `/`; empty without one (Cloud Controller stores unprefixed
    /// labels with the prefix `""`, and `/b` has it too).
    std::string_view prefix;
    /// The part after the first `/` up to the next, or the whole key without one.
    std::string_view name;
};

/** Splits a label key as Cloud Controller does, for a requirement's key and a stored label's
    alike: `a/b` is (`a`, `b`), `b` and `/b` are (``, `b`), `a/b/c` is (`a`, `b`), `a/` is
    (`a`, ``), and `/` alone has no prefix and the name ``.
*/
constexpr label_key_parts split_label_key(std::string_view key) noexcept {
    auto const slash = key.find('/');
    if (slash == std::string_view::npos)
        return {false, {}, key};
    std::string_view const rest = key.substr(slash + 1);
    return {key != "/", key.substr(0, slash), rest.substr(0, rest.find('/'))};
}

//------------------------------------------------
/** The values of one requirement, split as Ruby's `String#split(',')` does: inner and leading
    empty values are kept, trailing ones dropped (`"a,,b"` → `a`, ``, `b`; `"a,"` → `a`;
    `","` → nothing). A lazy forward range of `std::string_view`; it allocates nothing.
*/
class label_values {
public:
    /// A forward iterator over the values.
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::string_view;

        iterator() = default;
        std::string_view operator*() const { return text_.substr(pos_, text_.find(',', pos_) - pos_); }
        iterator& operator++() {
            auto const comma = text_.find(',', pos_);
            pos_ = comma == std::string_view::npos ? std::string_view::npos : comma + 1;
            return *this;
        }
        iterator operator++(int) {
            auto copy = *this;
            ++*this;
            return copy;
        }
        friend bool operator==(iterator const& a, iterator const& b) { return a.pos_ == b.pos_; }

    private:
        friend class label_values;
        iterator(std::string_view text, std::size_t pos) : text_(text), pos_(pos) {}
        std::string_view text_;
        std::size_t pos_ = std::string_view::npos;
    };

    label_values() = default;
    /// The values in `text`, e.g. `"web,api"`.
    explicit label_values(std::string_view text) : text_(text) {
        while (!text_.empty() && text_.back() == ',')
            text_.remove_suffix(1); // Ruby's split drops trailing empty fields
    }

    iterator begin() const { return {text_, text_.empty() ? std::string_view::npos : 0}; }
    iterator end() const { return {}; }
    bool empty() const noexcept { return text_.empty(); }
    /// How many values there are.
    std::size_t size() const noexcept {
        return text_.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(text_.begin(), text_.end(), ','));
    }
    /// The values joined by `,` (trailing empty values dropped).
    std::string_view text() const noexcept { return text_; }

    friend bool operator==(label_values const& a, label_values const& b) { return a.text_ == b.text_; }

private:
    std::string_view text_;
};

//------------------------------------------------
/** One requirement of a `label_selector`. Its views refer to the parsed text. */
struct label_requirement {
    /// The operator.
    selector_op op = selector_op::exists;
    /// The key as written, e.g. `example.com/env`.
    std::string_view key;
    /// The part of the key before `/`; empty when the key has none (Cloud Controller stores
    /// unprefixed labels with the prefix `""`, so they match it).
    std::string_view prefix;
    /// The part of the key after `/`, or the whole key.
    std::string_view name;
    /// The values; empty for `exists` and `not_exists`, and for `key=` or `key in ()`.
    label_values values;

    /// Same operator, key and values.
    friend bool operator==(label_requirement const& a, label_requirement const& b) {
        return a.op == b.op && a.key == b.key && a.values == b.values;
    }
};

//------------------------------------------------
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
/** A parsed `label_selector`: requirements that are ANDed. Views refer to the parsed text,
    which must outlive this object.
*/
struct label_selector {
    /// How many requirements a selector holds in place, without allocating.
    static constexpr std::size_t inline_requirements = 8;
    /// The requirements, in the order written. A `std::vector`-like container
    /// (Boost.Container's `small_vector`) that stores up to `inline_requirements` in place.
    boost::container::small_vector<label_requirement, inline_requirements> requirements;

    /// Same requirements in the same order.
    friend bool operator==(label_selector const&, label_selector const&) = default;
};
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

//------------------------------------------------
/** The canonical text of a selector: requirements joined by `,`, written `k in (a,b)`,
    `k notin (a,b)`, `k=v`, `k!=v`, `k`, `!k`. It parses back to an equal selector.
*/
inline std::string to_string(label_selector const& s) {
    std::string out;
    for (auto const& r : s.requirements) {
        if (!out.empty())
            out += ',';
        if (r.op == selector_op::not_exists)
            out += '!';
        out += r.key;
        switch (r.op) {
        case selector_op::in: (out += " in (").append(r.values.text()) += ')'; break;
        case selector_op::not_in: (out += " notin (").append(r.values.text()) += ')'; break;
        case selector_op::equal: (out += '=').append(r.values.text()); break;
        case selector_op::not_equal: (out += "!=").append(r.values.text()); break;
        case selector_op::exists:
        case selector_op::not_exists: break;
        }
    }
    return out;
}

} // namespace listquery
