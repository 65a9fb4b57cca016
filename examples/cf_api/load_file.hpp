// SPDX-License-Identifier: BSL-1.0
// Loading the data of the CLI and the server: a file, or the embedded demo dataset.
#pragma once

#include "dataset.hpp"
#include "demo_data.hpp"

#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

namespace cf_api {

/// Loads `file` (the embedded dataset when empty). On a problem writes
/// `<program>: <file>: <JSON location>: <problem>` to `err` and returns null.
inline std::unique_ptr<dataset> load_file(std::string const& file, std::string_view program, std::ostream& err) {
    std::string text;
    if (file.empty()) {
        text = demo_dataset_json();
    } else {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            err << program << ": " << file << ": cannot be read\n";
            return nullptr;
        }
        std::ostringstream s;
        s << in.rdbuf();
        text = s.str();
    }
    load_error problem;
    auto data = load(text, problem);
    if (!data)
        err << program << ": " << (file.empty() ? "embedded dataset" : file) << ": "
            << (problem.location.empty() ? "" : problem.location + ": ") << problem.problem << "\n";
    return data;
}

} // namespace cf_api
