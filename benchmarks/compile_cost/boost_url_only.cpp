// SPDX-License-Identifier: BSL-1.0
// Compile cost, for comparison: a translation unit that includes only Boost.URL.
#include <boost/url.hpp>

bool parse(boost::core::string_view query) { return boost::urls::parse_query(query).has_value(); }
