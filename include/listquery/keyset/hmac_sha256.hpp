// SPDX-License-Identifier: BSL-1.0
#pragma once

// HMAC-SHA256 page-token signer by OpenSSL's libcrypto (CMake target listquery::keyset_openssl).
#include <listquery/keyset/token.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

namespace listquery {

/** Signs page tokens with HMAC-SHA256 under a server's secret key, computed by OpenSSL's
    libcrypto (docs/keyset.md#the-token). Thread-safe: `mac` keeps no state between calls.

    @par Example
    @code
    listquery::hmac_sha256_signer const signer(secret_key_bytes); // 32 random bytes, say
    listquery::token_keys const keys{&signer, {}};
    @endcode
*/
class hmac_sha256_signer final : public token_signer {
public:
    /// @throws std::invalid_argument for a key shorter than 16 bytes, which would be guessable.
    explicit hmac_sha256_signer(std::string key) : key_(std::move(key)) {
        if (key_.size() < 16)
            throw std::invalid_argument("listquery: a page-token key needs at least 16 bytes");
    }

    std::array<unsigned char, 32> mac(std::string_view data) const override {
        std::array<unsigned char, 32> out{};
        unsigned int length = 0;
        if (!HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
                  reinterpret_cast<unsigned char const*>(data.data()), data.size(), out.data(), &length) ||
            length != out.size())
            out.fill(0); // never happens with SHA-256; an all-zero MAC then matches no token issued
        return out;
    }

private:
    std::string key_;
};

} // namespace listquery
