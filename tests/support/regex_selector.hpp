// SPDX-License-Identifier: BSL-1.0
// A deliberately simple second implementation of Cloud Controller's label_selector rules
// (docs/semantics.md#selector-split): a line-by-line port of Cloud Controller's regexes to
// std::regex. The differential fuzzer checks listquery against it; the benchmarks time it as the
// baseline of what one writes without listquery. Ruby's `.` is written [^\n] (ECMAScript's `.`
// also stops at \r); \A and \z are ^ and $ (no multiline). libstdc++'s std::regex recurses, so
// callers keep inputs short.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace regex_port {

struct requirement {
    std::string op, key;
    std::vector<std::string> values;
    friend bool operator==(requirement const&, requirement const&) = default;
};

struct outcome {
    std::vector<requirement> requirements;
    std::vector<std::string> errors; // every message, in Cloud Controller's order
};

// REQUIREMENT_SPLITTER = /(?:\(.*?\)|[^,])+/, with label_selector.scan
inline std::vector<std::string> scan(std::string const& s) {
    static std::regex const splitter(R"((?:\([^\n]*?\)|[^,])+)");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), splitter); it != std::sregex_iterator(); ++it)
        out.push_back(it->str());
    return out;
}

// String#split(sep) drops trailing empty fields
inline std::vector<std::string> ruby_split(std::string const& s, char sep = ',') {
    std::vector<std::string> out;
    std::string field;
    for (char c : s) {
        if (c == sep) {
            out.push_back(field);
            field.clear();
        } else {
            field += c;
        }
    }
    out.push_back(field);
    while (!out.empty() && out.back().empty())
        out.pop_back();
    return out;
}

inline std::optional<requirement> parse_requirement(std::string const& r) {
    static std::regex const in(R"(^([^\n]*?) in \(([^\n]*)\)$)");
    static std::regex const notin(R"(^([^\n]*?) notin \(([^\n]*)\)$)");
    static std::regex const equal(R"(^([\w\-._/]+)(==?)([^\n]*)$)");
    static std::regex const not_equal(R"(^([\w\-._/]+)(!=)([^\n]*)$)");
    static std::regex const exists(R"(^([\w\-._/]+)$)");
    static std::regex const not_exists(R"(^!([\w\-._/]+)$)");
    std::smatch m;
    if (std::regex_match(r, m, in))
        return requirement{"in", m[1], ruby_split(m[2])};
    if (std::regex_match(r, m, notin))
        return requirement{"notin", m[1], ruby_split(m[2])};
    if (std::regex_match(r, m, equal))
        return requirement{"equal", m[1], ruby_split(m[3])};
    if (std::regex_match(r, m, not_equal))
        return requirement{"not_equal", m[1], ruby_split(m[3])};
    if (std::regex_match(r, m, exists))
        return requirement{"exists", m[1], {}};
    if (std::regex_match(r, m, not_exists))
        return requirement{"not_exists", m[1], {}};
    return std::nullopt;
}

// ActiveSupport's present?: not /\A[[:space:]]*\z/ (Unicode white space, in UTF-8)
inline bool present(std::string const& s) {
    static std::regex const blank(
        "^(?:[ \\t\\n\\v\\f\\r]|\xC2\x85|\xC2\xA0|\xE1\x9A\x80|\xE2\x80[\x80-\x8A]|\xE2\x80\xA8|\xE2\x80\xA9|"
        "\xE2\x80\xAF|\xE2\x81\x9F|\xE3\x80\x80)*$");
    return !std::regex_match(s, blank);
}

inline std::optional<std::string> key_error(std::string const& key) {
    static std::regex const invalid_char(R"([^\w\-.])");
    static std::regex const start_end(R"(^(?=[a-zA-Z\d])[^\n]*[a-zA-Z\d]$)");
    static std::regex const domain(R"(^(([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])\.)+([a-z0-9]|[a-z0-9][a-z0-9\-]{0,61}[a-z0-9])$)",
                                   std::regex::icase);
    // extract_prefix: key.split('/')
    std::optional<std::string> prefix;
    std::string name = key;
    if (key.find('/') != std::string::npos) {
        auto const parts = ruby_split(key, '/');
        prefix = parts.size() > 0 ? std::optional<std::string>(parts[0]) : std::nullopt;
        name = parts.size() > 1 ? parts[1] : "";
        if (parts.empty())
            prefix.reset();
    }
    if (!present(key))
        return "key cannot be empty string";
    if (std::count(key.begin(), key.end(), '/') > 1)
        return "key has more than one '/'";
    if (prefix && !std::regex_match(*prefix, domain))
        return "prefix '" + *prefix + "' must be in valid dns format";
    if (prefix && prefix->size() > 253)
        return "prefix '" + prefix->substr(0, 8) + "...' is greater than 253 characters";
    if (prefix) {
        std::string lower = *prefix;
        for (char& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == "cloudfoundry.org")
            return "prefix 'cloudfoundry.org' is reserved";
    }
    if (!present(name))
        return "key cannot be empty string";
    if (std::regex_search(name, invalid_char))
        return "'" + name + "' contains invalid characters";
    if (!std::regex_match(name, start_end))
        return "'" + name + "' starts or ends with invalid characters";
    if (name.size() > 63)
        return "'" + name.substr(0, 8) + "...' is greater than 63 characters";
    return std::nullopt;
}

inline std::optional<std::string> value_error(std::string const& value) {
    static std::regex const invalid_char(R"([^\w\-.])");
    static std::regex const start_end(R"(^(?=[a-zA-Z\d])[^\n]*[a-zA-Z\d]$)");
    if (value.empty())
        return std::nullopt;
    if (std::regex_search(value, invalid_char))
        return "'" + value + "' contains invalid characters";
    if (!std::regex_match(value, start_end))
        return "'" + value + "' starts or ends with invalid characters";
    if (value.size() > 63)
        return "'" + value.substr(0, 8) + "...' is greater than 63 characters";
    return std::nullopt;
}

// LabelSelectorRequirementValidator#validate
inline outcome parse(std::string const& selector) {
    outcome out;
    auto const segments = scan(selector);
    if (segments.empty()) {
        out.errors.push_back("Missing label_selector value");
        return out;
    }
    if (segments.size() > 50) {
        out.errors.push_back("Too many label_selector requirements (maximum is 50)");
        return out;
    }
    for (auto const& s : segments) {
        auto r = parse_requirement(s);
        if (!r) {
            out.errors.push_back("Invalid label_selector value");
            continue;
        }
        if (auto e = key_error(r->key)) {
            out.errors.push_back(*e);
            continue;
        }
        bool ok = true;
        for (auto const& v : r->values)
            if (auto e = value_error(v)) {
                out.errors.push_back(*e);
                ok = false;
                break;
            }
        if (ok)
            out.requirements.push_back(*r);
    }
    return out;
}

} // namespace regex_port
