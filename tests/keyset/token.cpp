// SPDX-License-Identifier: BSL-1.0
// Page tokens: base64url, the round trip, and every way a token can be wrong (tampered,
// truncated, another key, another query, another version), each a 400 with one message; the
// parse of page_token on a keyset endpoint.
#include <listquery/keyset.hpp>
#include <listquery/keyset/hmac_sha256.hpp>

#include "keyset/endpoints.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace keyset_token_test {

using listquery::keyset_cursor;

listquery::list_query parse(std::string_view text) {
    auto q = listquery::parse_list_query<keyset_test::droplets>(text);
    REQUIRE(q.has_value());
    return *q;
}

/// `q` with its page_token replaced (as a client would send another token).
listquery::list_query with_token(listquery::list_query q, std::string const& token) {
    static std::vector<std::string> kept; // the views of the queries must stay valid
    kept.push_back(token);
    q.page_token = kept.back();
    return q;
}

std::string const message = "Page token is invalid: it is damaged, expired, or was issued for another query";

void check_refused(listquery::list_query const& q, listquery::token_keys const& keys,
                   std::optional<listquery::scope> const& within = {}) {
    auto const r = listquery::decode_page_token(q, keys, within);
    REQUIRE(!r.has_value());
    REQUIRE(r.error().errors.size() == 1);
    CHECK(r.error().errors[0].code == listquery::error::invalid_page_token);
    CHECK(r.error().errors[0].message == message);
    CHECK(r.error().http_status() == 400);
    CHECK(r.error().detail() == "The query parameter is invalid: " + message);
}

} // namespace keyset_token_test

using namespace keyset_token_test;

TEST_CASE("keyset: base64url without padding, RFC 4648 vectors", "[keyset][token]") {
    using listquery::detail::base64url_decode;
    using listquery::detail::base64url_encode;
    for (auto [raw, text] : std::vector<std::pair<std::string, std::string>>{
             {"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"},
             {"foobar", "Zm9vYmFy"}, {"\xfb\xff", "-_8"}}) {
        CHECK(base64url_encode(raw) == text);
        CHECK(base64url_decode(text) == raw);
    }
    for (auto bad : {"Z", "Zh", "Zm9=", "Zm9v=", "a+bc", "a/bc", "Zm 9", "Zm9vY"})
        CHECK(!base64url_decode(bad));
}

TEST_CASE("keyset: a token decodes to its cursor under its query and key", "[keyset][token]") {
    listquery::hmac_sha256_signer const signer("0123456789abcdef0123456789abcdef");
    auto const q = parse("states=STAGED&order_by=-created_at&per_page=2");
    for (keyset_cursor const& c : {keyset_cursor{false, false, std::int64_t{1577836800000}, "g1"},
                                   keyset_cursor{true, false, {}, "g2"}, keyset_cursor{true, true, {}, {}},
                                   keyset_cursor{false, false, std::string("text\0with nul", 13), std::string(300, 'x')}}) {
        auto const token = listquery::encode_page_token(c, q, {&signer, {}});
        CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
        auto const back = listquery::decode_page_token(with_token(q, token), {&signer, {}});
        REQUIRE(back.has_value());
        CHECK(*back == c);
    }
}

TEST_CASE("keyset: a tampered or truncated token is refused with one message", "[keyset][token]") {
    listquery::hmac_sha256_signer const signer("0123456789abcdef0123456789abcdef");
    auto const q = parse("order_by=created_at&per_page=3");
    auto const token = listquery::encode_page_token({false, false, std::int64_t{42}, "guid-7"}, q, {&signer, {}});
    for (std::size_t i = 0; i < token.size(); ++i) {
        std::string changed = token;
        changed[i] = changed[i] == 'A' ? 'B' : 'A';
        check_refused(with_token(q, changed), {&signer, {}});
        check_refused(with_token(q, token.substr(0, i)), {&signer, {}});
    }
    check_refused(with_token(q, token + "A"), {&signer, {}});
    check_refused(with_token(q, token + "AAAA"), {&signer, {}});
    check_refused(with_token(q, "!!!!"), {&signer, {}});
}

TEST_CASE("keyset: a token is bound to its query and its key", "[keyset][token]") {
    listquery::hmac_sha256_signer const a("0123456789abcdef0123456789abcdef"), b("fedcba9876543210fedcba9876543210");
    auto const q = parse("states=STAGED,FAILED&per_page=2&order_by=-created_at");
    auto const token = listquery::encode_page_token({false, false, std::int64_t{1}, "g"}, q, {&a, {}});
    // Another query: each bound parameter changed.
    for (auto other : {"states=STAGED&per_page=2&order_by=-created_at", "states=STAGED,FAILED&per_page=3&order_by=-created_at",
                       "states=STAGED,FAILED&per_page=2&order_by=created_at", "states=STAGED,FAILED&per_page=2",
                       "states=STAGED,FAILED&per_page=2&order_by=-created_at&label_selector=env",
                       "states=STAGED,FAILED&per_page=2&order_by=-created_at&created_ats[gt]=2020-01-01T00:00:00Z"})
        check_refused(with_token(parse(other), token), {&a, {}});
    // The same query spelled otherwise: the canonical form is bound, not the bytes.
    CHECK(listquery::decode_page_token(with_token(parse("order_by=-created_at&per_page=2&states=STAGED%2CFAILED"), token), {&a, {}})
              .has_value());
    // Another key refuses it; a previous key, kept for a rotation, accepts it.
    check_refused(with_token(q, token), {&b, {}});
    CHECK(listquery::decode_page_token(with_token(q, token), {&b, {&a}}).has_value());
    check_refused(with_token(q, token), {nullptr, {}});
    // A nested route's scope is bound too: the same scope accepts the token, another or none refuses it.
    listquery::scope const app_1{"app_guids", "app-1"}, app_2{"app_guids", "app-2"};
    auto const scoped = listquery::encode_page_token({false, false, std::int64_t{1}, "g"}, q, {&a, {}}, app_1);
    CHECK(listquery::decode_page_token(with_token(q, scoped), {&a, {}}, app_1).has_value());
    check_refused(with_token(q, scoped), {&a, {}}, app_2);
    check_refused(with_token(q, scoped), {&a, {}});
    check_refused(with_token(q, token), {&a, {}}, app_1);
}

TEST_CASE("keyset: a token of another version is refused, even with a valid MAC", "[keyset][token]") {
    listquery::hmac_sha256_signer const signer("0123456789abcdef0123456789abcdef");
    auto const q = parse("per_page=2");
    for (char version : {'\x01', '\x03'}) { // the version before this one, and the one after
        std::string payload = std::string(1, version) + std::string("\x00\x00", 2) + std::string(7, '\0') + "\x01g";
        auto const mac = signer.mac(payload + '\0' + listquery::detail::bound_query(q));
        payload.append(reinterpret_cast<char const*>(mac.data()), mac.size());
        check_refused(with_token(q, listquery::detail::base64url_encode(payload)), {&signer, {}});
    }
}

namespace keyset_token_test {
std::string be64(std::uint64_t v) {
    std::string out;
    for (int i = 7; i >= 0; --i)
        out += static_cast<char>((v >> (8 * i)) & 0xFF);
    return out;
}
std::string text(std::string_view s) { return be64(s.size()) + std::string(s); }
} // namespace keyset_token_test

TEST_CASE("keyset: the token's bytes are the documented format whatever the links escape", "[keyset][token]") {
    listquery::hmac_sha256_signer const signer("0123456789abcdef0123456789abcdef");
    // Values that links escape (space, '%', ',', '(', '!'): the canonical query holds them raw.
    auto const q = parse("states=A+B,%25x&order_by=-created_at&per_page=7&label_selector=env+in+(a,b),!tier"
                         "&created_ats[gte]=2020-01-01T00:00:00Z");
    std::string const bound = std::string("\x02") + be64(7) + '\x02' + text("created_at") + // version, per_page, order
                              be64(1) + text("states") + be64(2) + text("A B") + text("%x") + // the list filters
                              be64(1) + text("created_ats") + be64(0) + be64(1) + '\x03' + be64(1577836800) +
                              '\x01' + text("env in (a,b),!tier") + // the selector, canonical
                              '\x00';                                // no scope
    CHECK(listquery::detail::bound_query(q) == bound);
    // Within a nested route's scope, the scope too.
    CHECK(listquery::detail::bound_query(q, listquery::scope{"app_guids", "a/1"}) ==
          bound.substr(0, bound.size() - 1) + '\x01' + text("app_guids") + text("a/1"));
    keyset_cursor const c{false, false, std::int64_t{1577836800000000}, "guid-1"};
    std::string payload = std::string("\x02\x00\x01", 3) + be64(1577836800000000) + text("guid-1");
    auto const mac = signer.mac(payload + '\0' + bound);
    payload.append(reinterpret_cast<char const*>(mac.data()), mac.size());
    CHECK(listquery::encode_page_token(c, q, {&signer, {}}) == listquery::detail::base64url_encode(payload));
    // The same query spelled otherwise binds the same bytes.
    CHECK(listquery::detail::bound_query(parse("created_ats[gte]=2020-01-01T00:00:00Z&label_selector=env+in+(a,b),!tier"
                                               "&per_page=7&states=A%20B%2C%25x&order_by=-created_at")) == bound);
}

TEST_CASE("keyset: page_token at parse time", "[keyset][parse]") {
    auto const both = listquery::parse_list_query<keyset_test::droplets>("page=2&page_token=abc");
    REQUIRE(!both.has_value());
    CHECK(both.error().detail() == "The query parameter is invalid: Page and page_token cannot be used together");
    for (auto bad : {"page_token=", "page_token", "page_token[x]=abc"}) {
        auto const r = listquery::parse_list_query<keyset_test::droplets>(bad);
        REQUIRE(!r.has_value());
        CHECK(r.error().errors.at(0).message == message);
    }
    auto const ok = listquery::parse_list_query<keyset_test::droplets>("page_token=abc%2Dd&per_page=3");
    REQUIRE(ok.has_value());
    CHECK(ok->page_token == "abc-d");
    // Keyset endpoints order by their first order_by value by default; explicit orders stay.
    CHECK(ok->order == listquery::order_by{"created_at", listquery::direction::asc});
    CHECK(parse("order_by=-updated_at").order == listquery::order_by{"updated_at", listquery::direction::desc});
    // Elsewhere page_token is an unknown parameter, and the default order is the container's.
    auto const plain = listquery::parse_list_query<listquery::cf::droplets>("page_token=abc");
    REQUIRE(!plain.has_value());
    CHECK(plain.error().errors.at(0).code == listquery::error::unknown_parameter);
    // A run-time switch, as a server configured with a key uses.
    listquery::parse_options opts;
    opts.keyset_paging = true;
    auto const on = listquery::parse_list_query<listquery::cf::droplets>("page_token=abc", opts);
    REQUIRE(on.has_value());
    CHECK(on->page_token == "abc");
}

TEST_CASE("keyset: a bad token is a 400 even on an endpoint whose query errors are 422", "[keyset][token]") {
    static constexpr listquery::endpoint strict = [] {
        listquery::endpoint e = keyset_test::droplets;
        e.error_kind = listquery::error_response_kind::unprocessable_entity;
        return e;
    }();
    listquery::hmac_sha256_signer const signer("0123456789abcdef0123456789abcdef");
    auto const q = listquery::parse_list_query<strict>("page_token=AAAA");
    REQUIRE(q.has_value());
    check_refused(*q, {&signer, {}});
    auto const both = listquery::parse_list_query<strict>("page=1&page_token=AAAA");
    REQUIRE(!both.has_value());
    CHECK(both.error().http_status() == 422); // a parse error follows the endpoint's kind
}
