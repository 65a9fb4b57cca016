// SPDX-License-Identifier: BSL-1.0
#pragma once

/// listquery's version; CMake reads these three lines.
#define LISTQUERY_VERSION_MAJOR 0
#define LISTQUERY_VERSION_MINOR 1
#define LISTQUERY_VERSION_PATCH 0

/// The version as one number: MAJOR * 10000 + MINOR * 100 + PATCH.
#define LISTQUERY_VERSION                                                                          \
    (LISTQUERY_VERSION_MAJOR * 10000 + LISTQUERY_VERSION_MINOR * 100 + LISTQUERY_VERSION_PATCH)
