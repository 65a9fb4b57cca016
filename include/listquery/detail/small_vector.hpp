// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <boost/container/small_vector.hpp>

// g++ 12 at -O3 reports a false -Wstringop-overread in the implicit move constructor of a
// struct that holds a small_vector of trivially copyable elements: it cannot see that elements
// held in place fit in place. Such structs are defined between these two macros, which silences
// it for their implicit members wherever they are used.
#if defined(__GNUC__) && !defined(__clang__)
#define LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN                                                      \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wstringop-overread\"")
#define LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END _Pragma("GCC diagnostic pop")
#else
#define LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
#define LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END
#endif
