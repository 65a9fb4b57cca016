// SPDX-License-Identifier: BSL-1.0
// The PostgreSQL engine of the CLI and the server, as a plugin that engines.hpp loads with
// dlopen only when --engine postgresql (or a postgresql:// URL) asks for it.
#include "sql.hpp"

#include <listquery/sql/postgresql.hpp>

#include <functional>
#include <string>

namespace sql = listquery::sql;

/// A connection that answers the routes, opened again whenever it breaks (with `data`: loaded
/// into temporary tables, with each new connection), or null with `error` set.
extern "C" cf_api::backend* listquery_postgresql_open(char const* url, cf_api::dataset const* data,
                                                      cf_api::connection_settings const* settings, std::string* error) {
    auto const open = [url = std::string(url), data, t = settings->timeouts]() -> listquery::result<sql::postgresql::database> {
        auto db = sql::postgresql::database::connect(url, {.connect = t.connect});
        if (db && data)
            if (auto loaded = cf_api::load(*db, *data, true); !loaded)
                return loaded.error();
        if (db) // the requests', not the load's
            if (auto limited = db->limit_statements(t.statement); !limited)
                return limited.error();
        return db;
    };
    auto a = cf_api::database_backend<sql::postgresql::database>::make(open, settings->reconnect);
    if (!a) {
        *error = a.error().diagnostic();
        return nullptr;
    }
    return a->release();
}

/// Stores `data` in the database at `url` with the reference schema, in one transaction; false
/// with `error` set.
extern "C" bool listquery_postgresql_import(char const* url, cf_api::dataset const* data, cf_api::progress_fn const* progress,
                                            std::string* error) {
    auto db = sql::postgresql::database::connect(url); // no statement timeout: as long as it takes
    if (!db) {
        *error = db.error().diagnostic();
        return false;
    }
    auto done = cf_api::check_no_tables(*db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                                             "current_schema() AND table_name = $1");
    if (done)
        done = cf_api::load(*db, *data, false, *progress);
    if (!done)
        *error = done.error().diagnostic();
    return done.has_value();
}
