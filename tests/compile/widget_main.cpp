// SPDX-License-Identifier: BSL-1.0
// The compile-cost unit (benchmarks/compile_cost/parse_apply_links.cpp) in a real program: its
// parsers and links from listquery::separate, the pipeline for widgets instantiated here, once
// (widget.hpp declares it extern everywhere else): the program links and answers.
#include <listquery/listquery.hpp>

#include "compile_cost/widget.hpp"

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

template struct listquery::resource_pipeline<widget>;

std::string first_link(std::string_view query, std::vector<widget> const& all);

int main() {
    std::vector<widget> const all{{"w1", "STAGED", "a1", {}, {}, {}}, {"w2", "FAILED", "a1", {}, {}, {}}};
    std::string const link = first_link("states=STAGED&per_page=1", all);
    std::cout << link << '\n';
    return link == "/v3/widgets?page=1&per_page=1&states=STAGED" && first_link("page=0", all).ends_with("positive integer")
               ? 0
               : 1;
}
