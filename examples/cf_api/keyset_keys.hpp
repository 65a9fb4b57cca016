// SPDX-License-Identifier: BSL-1.0
// The CLI's and the server's page-token keys (docs/keyset.md): --keyset-key FILE, or the file
// LISTQUERY_KEYSET_KEY_FILE names, signs; each --keyset-previous-key FILE is still accepted.
#pragma once

#include <listquery/keyset/hmac_sha256.hpp>

#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace cf_api {

/// The signers of the key files, and the keys a parse checks tokens with.
struct keyset_keys {
    std::vector<std::unique_ptr<listquery::hmac_sha256_signer>> signers;
    listquery::token_keys keys;
};

/** Reads the key files: `current` signs, `previous` are accepted for a key rotation. Each file
    holds the key's bytes (at least 16; `head -c 32 /dev/urandom > key` makes one). On a problem
    returns null and a one-line message in `error`.
*/
inline std::unique_ptr<keyset_keys> read_keyset_keys(std::string const& current, std::vector<std::string> const& previous,
                                                     std::string& error) {
    auto out = std::make_unique<keyset_keys>();
    std::vector<std::string> files{current};
    files.insert(files.end(), previous.begin(), previous.end());
    for (auto const& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            ((error = "keyset key ") += file) += ": cannot be read";
            return nullptr;
        }
        std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (key.size() < 16) {
            ((((error = "keyset key ") += file) += ": needs at least 16 bytes (head -c 32 /dev/urandom > ") += file) += ")";
            return nullptr;
        }
        out->signers.push_back(std::make_unique<listquery::hmac_sha256_signer>(std::move(key)));
    }
    out->keys.current = out->signers.front().get();
    for (std::size_t i = 1; i < out->signers.size(); ++i)
        out->keys.previous.push_back(out->signers[i].get());
    return out;
}

} // namespace cf_api
