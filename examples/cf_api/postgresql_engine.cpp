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
    return cf_api::open_plugin_backend<sql::postgresql::database>(
        [url = std::string(url)](sql::timeouts t) { return sql::postgresql::database::connect(url, t); }, data, *settings,
        *error);
}

namespace {

/// Stores `data` at `url` with the reference schema in tables `where` says, in one transaction.
bool import(char const* url, cf_api::dataset const* data, cf_api::progress_fn const* progress, cf_api::tables where,
            std::string* error) {
    auto db = sql::postgresql::database::connect(url); // no statement timeout: as long as it takes
    listquery::result<void> done = db ? cf_api::check_no_tables(*db, "SELECT count(*) FROM information_schema.tables WHERE "
                                                                      "table_schema = current_schema() AND table_name = $1")
                                      : db.error();
    if (done)
        done = cf_api::load(*db, *data, where, *progress);
    return cf_api::report(done, *error);
}

} // namespace

/// Stores `data` in the database at `url` with the reference schema, in one transaction; false
/// with `error` set.
extern "C" bool listquery_postgresql_import(char const* url, cf_api::dataset const* data, cf_api::progress_fn const* progress,
                                            std::string* error) {
    return import(url, data, progress, cf_api::tables::ordinary, error);
}

/// A connection to the coordinator of a Citus cluster at `url` (a distributed database, never
/// temporary tables: `data` is null), opened again whenever it breaks; null with `error` set.
extern "C" cf_api::backend* listquery_citus_open(char const* url, cf_api::dataset const* data,
                                                 cf_api::connection_settings const* settings, std::string* error) {
    return listquery_postgresql_open(url, data, settings, error);
}

/// `listquery_postgresql_import` on the coordinator of a Citus cluster at `url`, with each
/// resource table distributed by guid and its labels co-located (docs/scaling.md).
extern "C" bool listquery_citus_import(char const* url, cf_api::dataset const* data, cf_api::progress_fn const* progress,
                                       std::string* error) {
    return import(url, data, progress, cf_api::tables::distributed, error);
}
