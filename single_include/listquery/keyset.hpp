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

// #include <listquery/keyset/paginate.hpp> (already inlined)
// #include <listquery/keyset/token.hpp> (already inlined)
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_HPP
// end file listquery/keyset.hpp
#endif // LISTQUERY_SINGLE_INCLUDE_KEYSET_HPP
