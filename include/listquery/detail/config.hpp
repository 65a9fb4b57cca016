// SPDX-License-Identifier: BSL-1.0
#pragma once

// The parsers' functions are declared with LISTQUERY_DECL and defined in parse/impl/*.ipp.
// Header-only (the default) they are inline, and each parse header includes its .ipp. With
// LISTQUERY_SEPARATE_COMPILATION they are declared only, and compiled once, in the one
// translation unit that includes <listquery/src.hpp>: the others compile no parser internals
// (and no Spirit X3). See docs/building.md.
#if defined(LISTQUERY_SEPARATE_COMPILATION)
#define LISTQUERY_DECL
#else
#define LISTQUERY_DECL inline
#endif
