// SPDX-License-Identifier: BSL-1.0
// The PostgreSQL engine of the CLI and the server, as a plugin that engines.hpp loads with
// dlopen only when --engine postgresql (or a postgresql:// URL) asks for it.
#include "sql.hpp"

#include <listquery/sql/postgresql.hpp>

#include <functional>
#include <string>

namespace sql = listquery::sql;

/// A connection that answers the routes (with `data`: loaded into temporary tables), or null
/// with `error` set.
extern "C" cf_api::backend* listquery_postgresql_open(char const* url, cf_api::dataset const* data, std::string* error) {
    auto db = sql::postgresql::database::connect(url);
    if (!db) {
        *error = db.error().diagnostic();
        return nullptr;
    }
    auto a = cf_api::database_backend<sql::postgresql::database>::make(std::move(*db), data, true);
    if (!a) {
        *error = a.error().diagnostic();
        return nullptr;
    }
    return a->release();
}

/// Stores `data` in the database at `url` with the reference schema; false with `error` set.
extern "C" bool listquery_postgresql_import(char const* url, cf_api::dataset const* data, cf_api::progress_fn const* progress,
                                            std::string* error) {
    auto db = sql::postgresql::database::connect(url);
    if (!db) {
        *error = db.error().diagnostic();
        return false;
    }
    auto const done = cf_api::load(*db, *data, false, *progress);
    if (!done)
        *error = done.error().diagnostic();
    return done.has_value();
}
