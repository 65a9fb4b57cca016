// SPDX-License-Identifier: BSL-1.0
// The MariaDB engine of the CLI and the server, as a plugin that engines.hpp loads with dlopen
// only when --engine mariadb (or a mariadb:// URL) asks for it.
#include "sql.hpp"

#include <listquery/sql/mariadb.hpp>

#include <functional>
#include <string>

namespace sql = listquery::sql;

namespace {

/// `name` as a MariaDB identifier: in backticks, each backtick doubled.
std::string quoted(std::string_view name) {
    std::string out = "`";
    for (char c : name)
        (out += c) += c == '`' ? "`" : "";
    return out += '`';
}

/// Loads `data` into a database of its own beside the connection's, then moves its tables into
/// the connection's database with one RENAME TABLE, which MariaDB runs atomically (crash-safe
/// since 10.6): a failure or a killed process leaves the target as it was. The staging database
/// of an import that was killed before is dropped first.
listquery::result<void> import(sql::mariadb::database& db, cf_api::dataset const& data, cf_api::progress_fn const& progress) {
    auto target = db.text_rows("SELECT DATABASE()", {});
    if (!target)
        return target.error();
    std::string const name = target->at(0).at(0).value_or("");
    if (auto free = cf_api::check_no_tables(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                                                "DATABASE() AND table_name = ?");
        !free)
        return free;
    std::string const into = quoted(name), staging = quoted(name + "_listquery_import");
    if (auto r = db.execute("DROP DATABASE IF EXISTS " + staging + "; CREATE DATABASE " + staging + "; USE " + staging); !r)
        return r;
    auto const loaded = cf_api::load(db, data, cf_api::tables::ordinary, progress);
    std::string moves;
    for (auto const& table : cf_api::table_names())
        (moves += moves.empty() ? "RENAME TABLE " : ", ") += staging + "." + table + " TO " + into + "." + table;
    auto const moved = loaded ? db.execute(moves) : loaded;
    auto const dropped = db.execute("USE " + into + "; DROP DATABASE " + staging);
    return !moved ? moved : dropped;
}

} // namespace

/// A connection that answers the routes, opened again whenever it breaks (with `data`: loaded
/// into temporary tables, with each new connection), or null with `error` set. libmariadb bounds
/// the client's own wait only as it connects: with `data`, the requests' statements are then
/// bounded on the server alone (docs/sql.md#mariadb).
extern "C" cf_api::backend* listquery_mariadb_open(char const* url, cf_api::dataset const* data,
                                                   cf_api::connection_settings const* settings, std::string* error) {
    return cf_api::open_plugin_backend<sql::mariadb::database>(
        [url = std::string(url)](sql::timeouts t) { return sql::mariadb::database::connect(url, t); }, data, *settings, *error);
}

/// Stores `data` in the database at `url` with the reference schema, all or nothing; false with
/// `error` set.
extern "C" bool listquery_mariadb_import(char const* url, cf_api::dataset const* data, cf_api::progress_fn const* progress,
                                         std::string* error) {
    auto db = sql::mariadb::database::connect(url); // no statement timeout: as long as it takes
    return cf_api::report(db ? import(*db, *data, *progress) : listquery::result<void>(db.error()), *error);
}
