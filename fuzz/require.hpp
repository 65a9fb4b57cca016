// SPDX-License-Identifier: BSL-1.0
// A property that must hold: a failed one aborts, which libFuzzer reports with the input.
#pragma once

#include <cstdlib>

inline void require(bool condition) {
    if (!condition)
        std::abort();
}
