// SPDX-License-Identifier: BSL-1.0
// The parsers' definitions, for separate compilation: with LISTQUERY_SEPARATE_COMPILATION
// defined in every translation unit of a program, exactly one of them includes this header
// (the CMake target listquery::separate does both). See docs/building.md.
#pragma once

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
#error "<listquery/src.hpp> is for LISTQUERY_SEPARATE_COMPILATION; header-only use needs no source file"
#endif

#include <listquery/impl/links.ipp>
#include <listquery/parse/impl/filter_list.ipp>
#include <listquery/parse/impl/label_selector.ipp>
#include <listquery/parse/impl/list_query.ipp>
#include <listquery/parse/impl/order_by.ipp>
#include <listquery/parse/impl/paging.ipp>
#include <listquery/parse/impl/timestamp.ipp>
