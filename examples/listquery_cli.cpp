// SPDX-License-Identifier: BSL-1.0
// listquery: answers one Cloud Foundry V3 list request over a data file (or the embedded demo
// dataset), in memory or through SQL, and prints the response body; `listquery import` stores a
// data file in a database. See docs/cli.md.
#include "cf_api/engines.hpp"
#include "cf_api/keyset_keys.hpp"
#include "cf_api/load_file.hpp"

#include <boost/url/parse.hpp>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr char const* usage =
    "usage: listquery [--engine ENGINE] [--db URL] [--data FILE] [--base-url URL] [--pretty] REQUEST_TARGET\n"
    "       listquery import [--engine citus] [--data FILE] --db URL\n"
    "       listquery schema --engine sqlite|postgresql|mariadb|citus\n"
    "  REQUEST_TARGET  an origin-form target, e.g. '/v3/droplets?states=STAGED&per_page=2'\n"
    "  --engine ENGINE memory (the default), sqlite, postgresql, mariadb or citus (PostgreSQL's\n"
    "                  engine on a Citus coordinator; import distributes the tables)\n"
    "  --db URL        sqlite:PATH, postgresql://... (with --engine postgresql, any libpq\n"
    "                  connection string) or mariadb://[user[:password]@][host][:port]/database\n"
    "                  [?socket=PATH]; without --data, answers from that database\n"
    "  --data FILE     a JSON object with arrays packages, droplets, builds (and apps);\n"
    "                  without it, the embedded demo dataset. With --engine sqlite it is loaded\n"
    "                  into a private in-memory database, with postgresql or mariadb into\n"
    "                  temporary tables\n"
    "  --base-url URL  the base of every link (default http://127.0.0.1:8080, the server's default)\n"
    "  --pretty        indent the JSON\n"
    "  --keyset-key FILE  page by token as well (docs/keyset.md), tokens signed with the key in\n"
    "                  FILE (or in the file LISTQUERY_KEYSET_KEY_FILE names)\n"
    "  --keyset-previous-key FILE  also accept tokens signed with this key (repeatable)\n"
    "exit status: 0 for a 200 response, 1 for an error response, 2 for a usage, data or database error\n";

int usage_error(std::string const& message) {
    std::cerr << "listquery: " << message << "\n" << usage;
    return 2;
}

int database_error(std::string const& message) {
    std::cerr << "listquery: " << message << "\n";
    return 2;
}

using cf_api::engine;

struct options {
    std::string engine_name, db, data_file, base_url, target, keyset_key;
    std::vector<std::string> previous_keys;
    bool has_data = false, pretty = false, have_target = false, import = false, schema = false;
};

int print(listquery::response const& r, bool pretty) {
    if (r.status >= 500 && r.failure) // a database's failure: its own words, for the operator
        return database_error(r.failure->diagnostic());
    std::cout << cf_api::to_text(r, pretty) << "\n";
    return r.status == 200 ? 0 : 1;
}

int run(options const& o, engine e, boost::urls::url_view base) {
    std::unique_ptr<cf_api::keyset_keys> keyset;
    if (!o.keyset_key.empty()) {
        std::string error;
        if (!(keyset = cf_api::read_keyset_keys(o.keyset_key, o.previous_keys, error)))
            return usage_error(error);
    }
    cf_api::settings const s{.base_url = base, .keys = keyset ? &keyset->keys : nullptr};
    // The data, unless it is read from the database: the file, or the embedded dataset.
    std::unique_ptr<cf_api::dataset> data;
    if (e == engine::memory || o.has_data || (e == engine::sqlite && o.db.empty()))
        if (!(data = cf_api::load_file(o.data_file, "listquery", std::cerr)))
            return 2;
    if (e == engine::memory)
        return print(cf_api::memory_backend(*data).answer(o.target, s), o.pretty);
    auto backend = cf_api::open_backend(e, o.db, data.get());
    if (!backend)
        return database_error(backend.error().diagnostic());
    return print((*backend)->answer(o.target, s), o.pretty);
}

int import(options const& o) {
    std::string error;
    auto const e = o.db.empty() ? std::nullopt : cf_api::choose_engine(o.engine_name, o.db, false, error);
    if (!e || *e == engine::memory)
        return usage_error(!error.empty() ? error
                                          : "import needs --db sqlite:PATH, --db postgresql://... or --db mariadb://... "
                                            "(with --engine citus, the coordinator's)");
    auto const data = cf_api::load_file(o.data_file, "listquery", std::cerr);
    if (!data)
        return 2;
    std::size_t const total = data->size();
    cf_api::progress_fn progress;
    if (total > 10000)
        progress = [](std::size_t done, std::size_t all) {
            std::cerr << "\rlistquery: imported " << done << " of " << all << " resources" << (done == all ? "\n" : "")
                      << std::flush;
        };
    if (auto r = cf_api::import_into(*e, o.db, *data, progress); !r)
        return database_error(r.error().diagnostic());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    options o;
    if (!args.empty() && (args.front() == "import" || args.front() == "schema")) {
        (args.front() == "import" ? o.import : o.schema) = true;
        args.erase(args.begin());
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view const a = args[i];
        if (a == "--help" || a == "-h") {
            std::cout << usage;
            return 0;
        } else if (a == "--pretty") {
            o.pretty = true;
        } else if (a == "--data" || a == "--base-url" || a == "--db" || a == "--engine" || a == "--keyset-key" ||
                   a == "--keyset-previous-key") {
            if (i + 1 == args.size())
                return usage_error(std::string(a) + " needs a value");
            std::string const value(args[++i]);
            if (a == "--data")
                o.data_file = value, o.has_data = true;
            else if (a == "--base-url")
                o.base_url = value;
            else if (a == "--db")
                o.db = value;
            else if (a == "--keyset-key")
                o.keyset_key = value;
            else if (a == "--keyset-previous-key")
                o.previous_keys.push_back(value);
            else
                o.engine_name = value;
        } else if (a.starts_with("--")) {
            return usage_error("unknown option " + std::string(a));
        } else if (o.have_target || o.import || o.schema) {
            return usage_error(o.import ? "import takes no REQUEST_TARGET"
                               : o.schema ? "schema takes no REQUEST_TARGET"
                                          : "one REQUEST_TARGET only");
        } else {
            o.target = a;
            o.have_target = true;
        }
    }
    if (o.import)
        return import(o);
    if (o.schema) { // the reference schema, derived from the kinds' declarations (docs/sql.md#schema)
        auto const e = cf_api::engine_named(o.engine_name);
        auto const d = e == engine::sqlite                             ? cf_api::sql::dialect::sqlite
                       : e == engine::postgresql || e == engine::citus ? cf_api::sql::dialect::postgresql
                       : e == engine::mariadb                          ? cf_api::sql::dialect::mariadb
                                                                       : std::optional<cf_api::sql::dialect>();
        if (!d)
            return usage_error("schema needs --engine sqlite, postgresql, mariadb or citus");
        auto const s = cf_api::schema(*d, e == engine::citus ? cf_api::tables::distributed : cf_api::tables::ordinary);
        std::cout << s.tables << s.distribution << s.indexes;
        return 0;
    }
    // Read once at start, before any other thread exists.
    if (char const* file = std::getenv("LISTQUERY_KEYSET_KEY_FILE"); file && o.keyset_key.empty()) // NOLINT(concurrency-mt-unsafe)
        o.keyset_key = file;
    if (!o.previous_keys.empty() && o.keyset_key.empty())
        return usage_error("--keyset-previous-key needs --keyset-key");
    if (!o.have_target)
        return usage_error("missing REQUEST_TARGET");
    if (o.target.empty() || o.target.front() != '/')
        return usage_error("REQUEST_TARGET must be an origin-form target starting with '/': " + o.target);

    std::string error;
    auto const e = cf_api::choose_engine(o.engine_name, o.db, o.has_data, error);
    if (!e)
        return usage_error(error);

    if (o.base_url.empty())
        o.base_url = "http://127.0.0.1:8080"; // the server's default address
    auto const base = boost::urls::parse_uri(o.base_url); // views o.base_url
    if (!base || !base->has_authority())
        return usage_error("--base-url must be an absolute URL such as https://api.example.org: " + o.base_url);
    return run(o, *e, *base);
}
