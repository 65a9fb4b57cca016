// SPDX-License-Identifier: BSL-1.0
// BASELINE, not used by the library: Cloud Controller's label_selector rules as a plain
// std::regex port of the selector rules of docs/semantics.md#selector-split — what one writes without listquery.
// It is the same port the differential fuzzer checks listquery against (fuzz/), so the two
// agree on every input; here it is timed.
#pragma once

#include "../../fuzz/regex_selector.hpp"
