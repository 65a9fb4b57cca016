// SPDX-License-Identifier: BSL-1.0
// listquery: answers one Cloud Foundry V3 list request over a data file (or the embedded demo
// dataset) and prints the response body. See docs/cli.md.
#include "cf_api/handler.hpp"
#include "cf_api/load_file.hpp"

#include <boost/url/parse.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr char const* usage =
    "usage: listquery [--data FILE] [--base-url URL] [--pretty] REQUEST_TARGET\n"
    "  REQUEST_TARGET  an origin-form target, e.g. '/v3/droplets?states=STAGED&per_page=2'\n"
    "  --data FILE     a JSON object with arrays packages, droplets, builds (and apps);\n"
    "                  without it, the embedded demo dataset\n"
    "  --base-url URL  make pagination links absolute, e.g. https://api.example.org\n"
    "  --pretty        indent the JSON\n"
    "exit status: 0 for a 200 response, 1 for an error response, 2 for a usage or data error\n";

int usage_error(std::string const& message) {
    std::cerr << "listquery: " << message << "\n" << usage;
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> const args(argv + 1, argv + argc);
    std::string data_file, base_url, target;
    bool pretty = false, have_target = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view const a = args[i];
        if (a == "--help" || a == "-h") {
            std::cout << usage;
            return 0;
        } else if (a == "--pretty") {
            pretty = true;
        } else if (a == "--data" || a == "--base-url") {
            if (i + 1 == args.size())
                return usage_error(std::string(a) + " needs a value");
            (a == "--data" ? data_file : base_url) = args[++i];
        } else if (a.starts_with("--")) {
            return usage_error("unknown option " + std::string(a));
        } else if (have_target) {
            return usage_error("one REQUEST_TARGET only");
        } else {
            target = a;
            have_target = true;
        }
    }
    if (!have_target)
        return usage_error("missing REQUEST_TARGET");
    if (target.empty() || target.front() != '/')
        return usage_error("REQUEST_TARGET must be an origin-form target starting with '/': " + target);
    boost::urls::url_view base;
    if (!base_url.empty()) {
        auto const parsed = boost::urls::parse_uri(base_url);
        if (!parsed || !parsed->has_authority())
            return usage_error("--base-url must be an absolute URL such as https://api.example.org: " + base_url);
        base = *parsed;
    }

    auto const data = cf_api::load_file(data_file, "listquery", std::cerr);
    if (!data)
        return 2;
    auto const r = cf_api::handle(target, *data, base);
    std::cout << cf_api::to_text(r.body, pretty) << "\n";
    return r.status == 200 ? 0 : 1;
}
