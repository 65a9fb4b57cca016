// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/query.hpp>
#include <listquery/query_errors.hpp>
#include <listquery/result.hpp>
#include <listquery/scope.hpp>

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
