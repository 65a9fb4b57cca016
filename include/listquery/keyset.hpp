// SPDX-License-Identifier: BSL-1.0
#pragma once

// Keyset paging with opaque, query-bound page tokens (docs/keyset.md); the core alone. The
// HMAC-SHA256 signer is <listquery/keyset/hmac_sha256.hpp> (target listquery::keyset_openssl).
#include <listquery/listquery.hpp>

#include <listquery/keyset/paginate.hpp>
#include <listquery/keyset/token.hpp>
