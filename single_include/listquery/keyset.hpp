// SPDX-License-Identifier: BSL-1.0
// listquery 0.1.0: GENERATED from include/ by tools/amalgamate.py. Do not edit.
#ifndef LISTQUERY_SINGLE_INCLUDE_KEYSET_HPP
#define LISTQUERY_SINGLE_INCLUDE_KEYSET_HPP
// begin file listquery/keyset.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_HPP

// Keyset paging with opaque, query-bound page tokens (docs/keyset.md); the core alone. The
// HMAC-SHA256 signer is <listquery/keyset/hmac_sha256.hpp> (target listquery::keyset_openssl).
#include <listquery/listquery.hpp>

// begin file listquery/keyset/paginate.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_PAGINATE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_PAGINATE_HPP

// begin file listquery/keyset/token.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_TOKEN_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_TOKEN_HPP

// #include <listquery/query.hpp> (already inlined)
// #include <listquery/query_errors.hpp> (already inlined)
// #include <listquery/result.hpp> (already inlined)
// #include <listquery/scope.hpp> (already inlined)

#include <boost/assert.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace listquery {

//------------------------------------------------
/** Computes the MAC that binds a page token to its query (docs/keyset.md#the-token).

    The core depends on no crypto library: give it an implementation, such as
    `listquery::hmac_sha256_signer` (`<listquery/keyset/hmac_sha256.hpp>`, target
    `listquery::keyset_openssl`, HMAC-SHA256 by OpenSSL's libcrypto).
*/
class token_signer {
public:
    virtual ~token_signer() = default;
    /// The 32-byte MAC of `data` under this signer's key.
    virtual std::array<unsigned char, 32> mac(std::string_view data) const = 0;
};

/** The keys a server signs and checks page tokens with: `current` signs; tokens signed by a key
    in `previous` are still accepted, so that a key can be rotated without breaking the walks in
    progress (docs/keyset.md#key-rotation). The signers must outlive this value.
*/
struct token_keys {
    token_signer const* current = nullptr;
    std::vector<token_signer const*> previous{};
};

/// A sort value in a token: none (a null field), an integer (a time's count, or an integral
/// field), or text.
using sort_value = std::variant<std::monostate, std::int64_t, std::string>;

/** Where a keyset page starts: after (or, reading backward, before) the resource with this sort
    value and guid, in the query's order. `from_end` reads the last page, backward from the end.
*/
struct keyset_cursor {
    bool backward = false;
    bool from_end = false;
    sort_value value{};
    std::string guid{};

    friend bool operator==(keyset_cursor const&, keyset_cursor const&) = default;
};

namespace detail {

/// The token format's version: the payload's layout and the canonical query's (bound_query).
/// 2: the canonical query is keyset's own, no longer the links' escaped pairs.
inline constexpr unsigned char token_version = 2;

/// base64url without padding (RFC 4648 §5). Boost's only public base64 is Boost.Archive's
/// iterators, which throw on bad input and leave padding to the caller; this is total.
inline std::string base64url_encode(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    std::uint32_t bits = 0;
    int count = 0;
    for (unsigned char c : bytes) {
        bits = (bits << 8) | c;
        count += 8;
        while (count >= 6) {
            count -= 6;
            out += alphabet[(bits >> count) & 63];
        }
    }
    if (count > 0)
        out += alphabet[(bits << (6 - count)) & 63];
    return out;
}

/// The bytes of unpadded base64url text; nothing for any other text (a stray character, a
/// length no encoding has, or unused bits that are not zero, so each token has one spelling).
inline std::optional<std::string> base64url_decode(std::string_view text) {
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t bits = 0;
    int count = 0;
    for (char c : text) {
        int v = c >= 'A' && c <= 'Z' ? c - 'A'
                : c >= 'a' && c <= 'z' ? c - 'a' + 26
                : c >= '0' && c <= '9' ? c - '0' + 52
                : c == '-' ? 62
                : c == '_' ? 63
                           : -1;
        if (v < 0)
            return std::nullopt;
        bits = (bits << 6) | static_cast<std::uint32_t>(v);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    if ((bits & ((1u << count) - 1)) != 0)
        return std::nullopt;
    return out;
}

/// Compares two MACs in time that does not depend on where they differ.
inline bool same_mac(std::span<unsigned char const, 32> a, std::span<unsigned char const, 32> b) noexcept {
    unsigned char diff = 0;
    for (std::size_t i = 0; i < 32; ++i)
        diff = static_cast<unsigned char>(diff | (a[i] ^ b[i]));
    return diff == 0;
}

inline void put_u64(std::string& out, std::uint64_t v) {
    for (int i = 7; i >= 0; --i)
        out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

inline void put_text(std::string& out, std::string_view s) {
    put_u64(out, s.size());
    out += s;
}

/** What a token binds: every parameter of the validated query but `page` and `page_token`, in
    a canonical form that keyset owns and versions with the token (docs/keyset.md#the-token):
    fields in a fixed order, each text length-prefixed, times as seconds, the selector as
    `to_string` writes it; then the scope of a nested route, if any. The same query however
    spelled gives the same bytes, and nothing else (how links escape their values, say) changes
    them.
*/
inline std::string bound_query(list_query const& q, std::optional<scope> const& within = {}) {
    std::string out;
    out += static_cast<char>(token_version);
    put_u64(out, q.per_page);
    out += static_cast<char>(!q.order ? 0 : q.order->dir == direction::asc ? 1 : 2);
    if (q.order)
        put_text(out, q.order->field);
    put_u64(out, q.filters.size()); // in the endpoint's order, whatever the request's
    for (auto const& f : q.filters) {
        put_text(out, f.name);
        put_u64(out, f.values.size());
        for (auto v : f.values)
            put_text(out, v);
    }
    auto const put_time = [&out](timestamp t) { put_u64(out, static_cast<std::uint64_t>(t.time_since_epoch().count())); };
    put_u64(out, q.timestamps.size());
    for (auto const& t : q.timestamps) {
        put_text(out, t.name);
        put_u64(out, t.any_of.size());
        for (auto at : t.any_of)
            put_time(at);
        put_u64(out, t.all_of.size());
        for (auto const& c : t.all_of) {
            out += static_cast<char>(c.op);
            put_time(c.value);
        }
    }
    out += static_cast<char>(q.selector ? 1 : 0);
    if (q.selector)
        put_text(out, to_string(*q.selector));
    out += static_cast<char>(within ? 1 : 0);
    if (within) {
        put_text(out, within->field);
        put_text(out, within->value);
    }
    return out;
}

/// Reads the payload back; a reader that fails once stays failed.
struct payload_reader {
    std::string_view rest;
    bool ok = true;

    std::uint64_t u64() {
        if (rest.size() < 8)
            return ok = false, 0;
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v = (v << 8) | static_cast<unsigned char>(rest[static_cast<std::size_t>(i)]);
        rest.remove_prefix(8);
        return v;
    }
    unsigned char byte() {
        if (rest.empty())
            return ok = false, 0;
        auto const b = static_cast<unsigned char>(rest.front());
        rest.remove_prefix(1);
        return b;
    }
    std::string_view text() {
        std::uint64_t const n = u64();
        if (!ok || n > rest.size())
            return ok = false, std::string_view{};
        auto const s = rest.substr(0, static_cast<std::size_t>(n));
        rest.remove_prefix(static_cast<std::size_t>(n));
        return s;
    }
};

inline query_errors bad_page_token() { return query_errors{{bad_page_token_error()}}; }

/** The cursors of the pages around a page (docs/keyset.md#links): `edge(true)` forward from its
    last resource when matches lie `after` it, `edge(false)` backward from its first when some lie
    `before` it. A page without resources goes back to the last page when it was read by number
    (past the end), or back the other way from its cursor.
*/
template <class Edge>
void neighbour_cursors(bool empty, bool after, bool before, std::uint64_t total,
                       std::optional<keyset_cursor> const& cursor, Edge&& edge, std::optional<keyset_cursor>& next,
                       std::optional<keyset_cursor>& previous) {
    if (!empty) {
        if (after)
            next = edge(true);
        if (before)
            previous = edge(false);
    } else if (total > 0 && !cursor) {
        previous = keyset_cursor{true, true, {}, {}};
    } else if (total > 0 && !cursor->from_end) {
        keyset_cursor back = *cursor;
        back.backward = !cursor->backward;
        (cursor->backward ? next : previous) = std::move(back);
    }
}

} // namespace detail

namespace detail {

/// What the MAC covers: the payload, a 0 byte, and the query's canonical text.
inline std::string signed_text(std::string_view payload, std::string_view bound) {
    return (std::string(payload) += '\0') += bound;
}

/// `encode_page_token` with the query's canonical text (`bound_query`) computed once by the
/// caller, who may sign several tokens for one query.
inline std::string encode_page_token(keyset_cursor const& cursor, std::string_view bound, token_signer const& signer) {
    std::string payload;
    payload += static_cast<char>(token_version);
    payload += static_cast<char>((cursor.backward ? 1 : 0) | (cursor.from_end ? 2 : 0));
    payload += static_cast<char>(cursor.value.index());
    if (auto const* n = std::get_if<std::int64_t>(&cursor.value))
        put_u64(payload, static_cast<std::uint64_t>(*n));
    else if (auto const* s = std::get_if<std::string>(&cursor.value))
        put_text(payload, *s);
    put_text(payload, cursor.guid);
    auto const mac = signer.mac(signed_text(payload, bound));
    payload.append(reinterpret_cast<char const*>(mac.data()), mac.size());
    return base64url_encode(payload);
}

} // namespace detail

/** The page token for `cursor` under the query `q` (and a nested route's scope): base64url of a
    versioned payload (the version, the direction, the order, the sort value and the guid) and its
    MAC under `keys.current` (which must be set) over the payload and the canonical query
    (docs/keyset.md#the-token).
*/
inline std::string encode_page_token(keyset_cursor const& cursor, list_query const& q, token_keys const& keys,
                                     std::optional<scope> const& within = {}) {
    BOOST_ASSERT(keys.current);
    return detail::encode_page_token(cursor, detail::bound_query(q, within), *keys.current);
}

/** The cursor of `q.page_token`, checked: its MAC must be one of `keys` over its payload and
    `q`'s canonical query (with the scope it was issued in), and its version this library's.
    Anything else (tampered, truncated, signed by another key, issued for another query, scope or
    version) is 400 `CF-BadQueryParameter` with one message, `Page token is invalid: …`.
*/
inline result<keyset_cursor> decode_page_token(list_query const& q, token_keys const& keys,
                                               std::optional<scope> const& within = {}) {
    auto const bytes = detail::base64url_decode(q.page_token);
    if (!bytes || bytes->size() < 32 + 3)
        return detail::bad_page_token();
    std::string_view const payload = std::string_view(*bytes).substr(0, bytes->size() - 32);
    std::span<unsigned char const, 32> const mac(reinterpret_cast<unsigned char const*>(bytes->data() + payload.size()), 32);
    std::string const signed_text = detail::signed_text(payload, detail::bound_query(q, within));
    bool valid = false;
    auto check = [&](token_signer const* s) {
        if (s) {
            auto const want = s->mac(signed_text);
            valid = detail::same_mac(want, mac) || valid; // every key is tried: no early exit
        }
    };
    check(keys.current);
    for (auto const* s : keys.previous)
        check(s);
    if (!valid)
        return detail::bad_page_token();
    detail::payload_reader r{payload};
    keyset_cursor c;
    unsigned char const version = r.byte(), flags = r.byte(), kind = r.byte();
    if (version != detail::token_version || flags > 3 || kind > 2)
        return detail::bad_page_token();
    c.backward = flags & 1;
    c.from_end = flags & 2;
    if (kind == 1)
        c.value = static_cast<std::int64_t>(r.u64());
    else if (kind == 2)
        c.value = std::string(r.text());
    c.guid = std::string(r.text());
    if (!r.ok || !r.rest.empty())
        return detail::bad_page_token();
    return c;
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_TOKEN_HPP
// end file listquery/keyset/token.hpp
// #include <listquery/links.hpp> (already inlined)
// #include <listquery/pipeline/apply.hpp> (already inlined)
// #include <listquery/scope.hpp> (already inlined)

#include <boost/assert.hpp>

#include <algorithm>
#include <chrono>
#include <concepts>
#include <limits>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace listquery {

/// A keyset page: the page's resources and totals, and the cursors of the pages around it.
template <class T>
struct keyset_page {
    /// The resources in the query's order, `total_results` and `total_pages` exact;
    /// `page.page` is 0 for a page read by token (its number is not known), else the `page`.
    page_result<T> page;
    /// Forward from the last resource, when some match after it.
    std::optional<keyset_cursor> next;
    /// Backward from the first resource, when some match before it.
    std::optional<keyset_cursor> previous;
};

namespace detail {

/// A field's value as a token holds it, viewed (a string) or converted (a time in microseconds, as
/// SQL stores times, or an integer); empty for null.
template <class X>
auto sort_key_of(X const& x) {
    if constexpr (string_field<X>) {
        return string_value(x);
    } else {
        auto const* p = present(x);
        using V = std::remove_cvref_t<decltype(*p)>;
        static_assert(is_sys_time_v<V> || std::integral<V>, "listquery: keyset paging orders by text, time or integer fields");
        if (!p)
            return std::optional<std::int64_t>();
        if constexpr (is_sys_time_v<V>)
            return std::optional<std::int64_t>(std::chrono::floor<std::chrono::microseconds>(p->time_since_epoch()).count());
        else
            return std::optional<std::int64_t>(static_cast<std::int64_t>(*p));
    }
}

/// The sort value of a field's value, as a token holds it.
template <class X>
sort_value to_sort_value(X const& x) {
    auto const key = sort_key_of(x);
    if (!key)
        return {};
    if constexpr (string_field<X>)
        return sort_value(std::string(*key));
    else
        return sort_value(*key);
}

/// Three-way comparison of a field's value with a token's, nulls first (as the order has them),
/// without a copy of the value: it runs once per resource. A value of another kind than the
/// field's compares as null: such a token was never issued for this field, and the MAC stops it
/// before this.
template <class X>
int compare_to_sort_value(X const& x, sort_value const& v) {
    auto const key = sort_key_of(x);
    using K = typename decltype(key)::value_type;
    using Held = std::conditional_t<std::is_same_v<K, std::int64_t>, std::int64_t, std::string>;
    if (!key || v.index() == 0)
        return key.has_value() - (v.index() != 0);
    auto const* held = std::get_if<Held>(&v);
    if (!held)
        return 1;
    K const theirs(*held); // text compares bytewise (char_traits<char> compares unsigned)
    return *key < theirs ? -1 : theirs < *key ? 1 : 0;
}

/// Where resource `r` is, in `q`'s order, relative to the cursor: < 0 before, > 0 after.
template <class T, class Field>
int position_of(T const& r, Field const& field, keyset_cursor const& c, direction dir) {
    int cmp = compare_to_sort_value(std::invoke(field.access, r), c.value);
    if (cmp == 0)
        cmp = compare_field(guid_of(r), std::optional<std::string_view>(c.guid));
    return dir == direction::asc ? cmp : -cmp;
}

template <class T, class Field>
keyset_cursor cursor_at(T const& r, Field const& field, bool backward) {
    return {backward, false, to_sort_value(std::invoke(field.access, r)), std::string(guid_of(r).value_or(""))};
}

/// The cursors around `out`'s page (neighbour_cursors), from its edge resources.
template <class T, class Field>
void link_page(keyset_page<T>& out, Field const& field, bool after, bool before, std::uint64_t total,
               std::optional<keyset_cursor> const& cursor) {
    auto const& rs = out.page.resources;
    neighbour_cursors(rs.empty(), after, before, total, cursor,
                      [&](bool last) { return cursor_at(*(last ? rs.back() : rs.front()), field, !last); }, out.next,
                      out.previous);
}

/// The keyset page without an index: one pass over `range` (apply_keyset).
template <class T, class R>
keyset_page<T> keyset_in_one_pass(R const& range, list_query const& q, std::optional<keyset_cursor> const& cursor,
                                  std::optional<scope> const& within) {
    keyset_page<T> out;
    if (!q.order)
        return out; // never for a parsed keyset query
    detail::with_sort_field<T>(q.order->field, [&](auto const& field) {
        using Field = std::remove_cvref_t<decltype(field)>;
        detail::matcher<T> const match(q, within);
        detail::ascending<T, Field> const asc{field};
        auto const less = [&](detail::ranked<T> const& a, detail::ranked<T> const& b) {
            return q.order->dir == direction::asc ? asc(a, b) : asc(b, a);
        };
        std::uint64_t const k = q.per_page;
        bool const backward = cursor && (cursor->backward || cursor->from_end);
        // The read order: from the cursor outward (the query's order reversed, reading backward).
        auto const nearer = [&](detail::ranked<T> const& a, detail::ranked<T> const& b) {
            return backward ? less(b, a) : less(a, b);
        };
        sort_buffer<T> kept;
        detail::least_entries<T, decltype(nearer)> first(kept, cursor ? k : detail::results_through(q.page, k), nearer,
                                                         detail::size_hint(range));
        std::uint64_t total = 0, side = 0; // the matches, and those on the cursor's side
        std::size_t index = 0;
        for (auto const& e : range) {
            auto const* r = detail::element_traits<decltype(e)>::address(e);
            ++index;
            if (!r || !match(*r))
                continue;
            ++total;
            if (cursor && !cursor->from_end) {
                int const at = detail::position_of(*r, field, *cursor, q.order->dir);
                if (cursor->backward ? at >= 0 : at <= 0)
                    continue;
            }
            ++side;
            first.offer({r, index});
        }
        // The page in read order: the first k from a cursor, page N's without one.
        auto const w = detail::window_of(side, cursor ? 1 : q.page, k);
        detail::order_window(kept, w, nearer);
        for (auto i = w.begin; i < w.end; ++i)
            out.page.resources.push_back(kept[static_cast<std::size_t>(i)].item);
        if (backward)
            std::reverse(out.page.resources.begin(), out.page.resources.end());
        out.page.page = cursor ? 0 : q.page;
        out.page.per_page = k;
        // Matches beyond the page on the cursor's side, and before the window or on the other side.
        std::uint64_t const beyond = side - w.end, behind = w.begin + (total - side);
        std::uint64_t const after = backward ? behind : beyond, before = backward ? beyond : behind;
        out.page.total_results = total;
        out.page.total_pages = detail::total_pages(total, k);
        detail::link_page(out, field, after > 0, before > 0, total, cursor);
    });
    return out;
}

/** The keyset page of `q` read from `index`, a `sort_index` of `q`'s order field: the cursor is
    found by binary search, and the index walked from it while `passes(entry)` skips the
    resources that do not match, until the page is full. `total` is the number that match.
*/
template <class T, class Passes>
keyset_page<T> walk_keyset(list_query const& q, std::optional<keyset_cursor> const& cursor, sort_index<T> const& index,
                           std::uint64_t total, Passes const& passes) {
    keyset_page<T> out;
    with_sort_field<T>(q.order->field, [&](auto const& field) {
        auto const& entries = index.entries();
        auto const n = static_cast<std::ptrdiff_t>(entries.size());
        bool const asc = q.order->dir == direction::asc;
        // Where to start reading, in which direction, and where the other side starts.
        std::ptrdiff_t start = asc ? 0 : n - 1, other = -1;
        bool up = asc;
        std::uint64_t skip = 0;
        if (!cursor) {
            skip = first_of_page(q.page, q.per_page);
        } else if (cursor->from_end) {
            start = asc ? n - 1 : 0;
            up = !asc;
        } else {
            // [0, lo) before the cursor in ascending order, [lo, hi) the cursor's own, [hi, n) after.
            auto const [low, high] = std::equal_range(entries.begin(), entries.end(), *cursor, [&](auto const& a, auto const& b) {
                if constexpr (std::is_same_v<std::remove_cvref_t<decltype(a)>, keyset_cursor>)
                    return position_of(*b.item, field, a, direction::asc) > 0;
                else
                    return position_of(*a.item, field, b, direction::asc) < 0;
            });
            auto const lo = low - entries.begin(), hi = high - entries.begin();
            up = asc != cursor->backward; // reading toward higher entries
            start = up ? hi : lo - 1;
            other = up ? hi - 1 : lo; // the other side includes the cursor's own entry
        }
        auto const step = [](std::ptrdiff_t i, bool increasing) { return increasing ? i + 1 : i - 1; };
        std::vector<T const*> read;
        std::uint64_t skipped = 0;
        bool more = false;
        for (std::ptrdiff_t i = start; i >= 0 && i < n; i = step(i, up)) {
            auto const& e = entries[static_cast<std::size_t>(i)];
            if (!passes(e))
                continue;
            if (skipped < skip) {
                ++skipped;
                continue;
            }
            if (read.size() == q.per_page) {
                more = true;
                break;
            }
            read.push_back(e.item);
        }
        bool other_side = false;
        if (cursor && !cursor->from_end)
            for (std::ptrdiff_t i = other; i >= 0 && i < n && !other_side; i = step(i, !up))
                other_side = passes(entries[static_cast<std::size_t>(i)]);
        bool const backward = cursor && (cursor->backward || cursor->from_end);
        if (backward)
            std::reverse(read.begin(), read.end());
        out.page = {std::move(read), total, total_pages(total, q.per_page), cursor ? 0 : q.page, q.per_page};
        bool const after = backward ? other_side : more;
        bool const before = backward ? more : (cursor ? other_side : skipped > 0);
        link_page(out, field, after, before, total, cursor);
    });
    return out;
}

} // namespace detail

//------------------------------------------------
/** One keyset page of `range` for `q` (docs/keyset.md): `apply_keyset<E>(range, q, cursor)`,
    with the options `apply` takes (`{.scope = …, .index = …}`). Without a cursor, the `page` of
    `q` as `apply` pages it; with one, the `per_page` matches right after it (or, reading
    backward, right before it, or the last ones), in the query's order, whatever was inserted or
    removed since the cursor was issued. The query must have an order (keyset endpoints give a
    default one at parse time).

    Without an index, one pass over `range` that keeps, of the matches on the cursor's side, only
    the nearest `per_page` (page N's first N × per_page without a cursor), in a buffer of twice
    that cut back when full: O(n) at worst, about one comparison per resource; only the page is
    sorted. With a `sort_index` of the query's order field, or a `resource_index` that keeps it,
    the cursor is found by binary search and the index walked from it until the page is full:
    O(log n + per_page) at any depth (more when filters skip resources); the total is counted
    from the index's columns (a `resource_index`), or the index's size without filters, else in
    one pass.
*/
template <endpoint const& E>
struct apply_keyset_fn {
    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    keyset_page<T> operator()(R&& range, list_query const& q, std::optional<keyset_cursor> const& cursor,
                              std::type_identity_t<apply_options<T>> const& o = {}) const {
        static_assert(detail::check_lasting_range<R>());
        static_assert(detail::check_resource<E, T>());
        static_assert(detail::count_fields<T>(field_kind::guid) == 1,
                      "listquery: keyset paging needs a guid_field: the guid breaks ties, in the order and in the token");
        if (o.index && q.order)
            if (sort_index<T> const* const order = o.index->order(q.order->field)) {
                detail::index_query<T> const query(*o.index, q, o.scope);
                return detail::walk_keyset(q, cursor, *order, query.count(),
                                           [&](detail::ranked<T> const& e) { return query.passes(e.index, e.item); });
            }
        if (!o.index && o.sort && q.order && q.order->field == o.sort->field()) {
            detail::matcher<T> const match(q, o.scope);
            std::uint64_t total = o.sort->size();
            if (has_filters(q) || o.scope) {
                total = 0;
                for (auto const& e : range)
                    if (auto const* r = detail::element_traits<decltype(e)>::address(e); r && match(*r))
                        ++total;
            }
            return detail::walk_keyset(q, cursor, *o.sort, total, [&](detail::ranked<T> const& e) { return match(*e.item); });
        }
        return detail::keyset_in_one_pass<T>(range, q, cursor, o.scope);
    }
};

/// Keyset paging for endpoint `E`.
template <endpoint const& E>
inline constexpr apply_keyset_fn<E> apply_keyset{};

/** The `pagination` of a keyset page (docs/keyset.md#links): `first` is page 1, `last` a token
    that reads backward from the end, `next` and `previous` tokens from the given cursors, each
    signed by `keys.current` (which must be set) and bound to `q` and `within`; the totals are
    exact. For pages read from SQL (`sql::run_keyset`), whose rows give the cursors.
*/
inline pagination make_keyset_pagination(std::string_view path, list_query const& q, std::uint64_t total_results,
                                         std::optional<keyset_cursor> const& next,
                                         std::optional<keyset_cursor> const& previous, token_keys const& keys,
                                         boost::urls::url_view base_url = {}, std::optional<scope> const& within = {}) {
    BOOST_ASSERT(keys.current);
    link_builder const pages(path, q, base_url);
    std::string const bound = detail::bound_query(q, within); // once for the up to three tokens
    auto const token = [&](keyset_cursor const& c) {
        return pages.href_with("page_token", detail::encode_page_token(c, bound, *keys.current));
    };
    pagination p;
    p.total_results = total_results;
    p.total_pages = detail::total_pages(total_results, q.per_page);
    p.links.first = pages.href(1);
    p.links.last = p.total_pages <= 1 ? pages.href(1) : token({true, true, {}, {}});
    if (next)
        p.links.next = token(*next);
    if (previous)
        p.links.previous = token(*previous);
    return p;
}

/// The `pagination` of a keyset page that `apply_keyset` made.
template <class T>
pagination make_keyset_pagination(std::string_view path, list_query const& q, keyset_page<T> const& page,
                                  token_keys const& keys, boost::urls::url_view base_url = {},
                                  std::optional<scope> const& within = {}) {
    return make_keyset_pagination(path, q, page.page.total_results, page.next, page.previous, keys, base_url, within);
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_PAGINATE_HPP
// end file listquery/keyset/paginate.hpp
// #include <listquery/keyset/token.hpp> (already inlined)
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_HPP
// end file listquery/keyset.hpp
#endif // LISTQUERY_SINGLE_INCLUDE_KEYSET_HPP
