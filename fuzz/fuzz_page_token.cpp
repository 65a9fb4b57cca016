// SPDX-License-Identifier: BSL-1.0
// Page tokens: any bytes as a token are refused with the one error, never a crash; base64url
// decoding is total and each encoding has one spelling; and any payload, signed, decodes to a
// cursor that encodes back to the very same token, or is refused.
#include "require.hpp"

#include <listquery/keyset.hpp>
#include <listquery/keyset/hmac_sha256.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace {

listquery::hmac_sha256_signer const signer("fuzz page token key, 32 bytes!!");

listquery::list_query const& query() {
    static listquery::list_query const q = [] {
        listquery::parse_options opts;
        opts.keyset_paging = true;
        return listquery::parse_list_query<listquery::cf::droplets>("states=STAGED&order_by=-created_at&per_page=3", opts).value();
    }();
    return q;
}

void refused(listquery::list_query const& q) {
    auto const r = listquery::decode_page_token(q, {&signer, {}});
    require(!r && r.error().errors.size() == 1 && r.error().errors[0].code == listquery::error::invalid_page_token &&
            r.error().http_status() == 400);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0)
        return 0;
    std::string_view const bytes(reinterpret_cast<char const*>(data) + 1, size - 1);
    listquery::list_query q = query();
    if (data[0] % 2 == 0) { // the bytes as a token: no MAC can match
        q.page_token = bytes;
        refused(q);
        if (auto const raw = listquery::detail::base64url_decode(bytes))
            require(listquery::detail::base64url_encode(*raw) == bytes);
        return 0;
    }
    // The bytes as a payload, signed as the server signs.
    std::string token(bytes);
    auto const mac = signer.mac(token + '\0' + listquery::detail::bound_query(q));
    token.append(reinterpret_cast<char const*>(mac.data()), mac.size());
    std::string const text = listquery::detail::base64url_encode(token);
    require(listquery::detail::base64url_decode(text) == token);
    q.page_token = text;
    auto const cursor = listquery::decode_page_token(q, {&signer, {}});
    if (!cursor)
        return refused(q), 0;
    require(listquery::encode_page_token(*cursor, q, listquery::token_keys{&signer, {}}) == text);
    return 0;
}
