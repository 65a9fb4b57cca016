// SPDX-License-Identifier: BSL-1.0
// The example's resources in SQL: their table mappings, loading a dataset into the reference
// schema (schema/*.sql), and answering the list routes from a database (docs/sql.md#cli).
#pragma once

#include "data.hpp"
#include "handler.hpp"
#include "schema.hpp"

#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/sqlite.hpp>

#include <boost/json/serialize.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cf_api {

namespace sql = listquery::sql;

/// Where each kind is stored: the reference schema's tables.
inline constexpr sql::table_mapping packages_table{
    .table = "packages",
    .document = "resource",
    .labels = "package_labels",
    .columns = {{{"guids", "guid"},
                 {"created_ats", "created_at"},
                 {"updated_ats", "updated_at"},
                 {"states", "state"},
                 {"types", "type"},
                 {"app_guids", "app_guid"}}},
};
inline constexpr sql::table_mapping droplets_table{
    .table = "droplets",
    .document = "resource",
    .labels = "droplet_labels",
    .columns = {{{"guids", "guid"},
                 {"created_ats", "created_at"},
                 {"updated_ats", "updated_at"},
                 {"states", "state"},
                 {"app_guids", "app_guid"},
                 {"package_guids", "package_guid"}}},
};
inline constexpr sql::table_mapping builds_table{
    .table = "builds",
    .document = "resource",
    .labels = "build_labels",
    .columns = droplets_table.columns,
};

/// The reference schema in `d`; with `temporary`, as tables that only this session sees.
inline std::string schema_sql(sql::dialect d, bool temporary) {
    std::string text(d == sql::dialect::sqlite ? sqlite_schema : postgresql_schema);
    if (temporary)
        for (std::size_t at = 0; (at = text.find("CREATE TABLE ", at)) != std::string::npos; at += 23)
            text.replace(at, 13, "CREATE TEMPORARY TABLE ");
    return text;
}

/// The reference schema's statements: the tables, and the indexes to build once they are filled.
struct schema_statements {
    std::string tables, indexes;
};

inline schema_statements schema_parts(sql::dialect d, bool temporary) {
    schema_statements out;
    std::string const text = schema_sql(d, temporary);
    for (std::size_t at = 0; at < text.size();) {
        std::size_t const end = std::min(text.find(";\n", at), text.size());
        std::string statement = text.substr(at, end - at);
        at = end + 2;
        for (;;) { // white space and comment lines before the statement
            statement.erase(0, std::min(statement.find_first_not_of(" \n"), statement.size()));
            if (!statement.starts_with("--"))
                break;
            statement.erase(0, std::min(statement.find('\n'), statement.size()));
        }
        if (!statement.empty())
            ((statement.starts_with("CREATE INDEX") ? out.indexes : out.tables) += statement) += ";\n";
    }
    return out;
}

/// Stores `data` in a database with the reference schema: each resource's compact JSON as its
/// document, ids in file order. Calls `progress(done, total)` every 10,000 resources.
template <class Database>
sql::db_result<void> import(Database& db, sql::dialect d, dataset const& data,
                            std::function<void(std::size_t, std::size_t)> const& progress = {}) {
    std::size_t const total = data.packages.all.size() + data.droplets.all.size() + data.builds.all.size();
    std::size_t done = 0;
    if (auto r = db.execute("BEGIN"); !r)
        return r;
    std::string const insert_app =
        d == sql::dialect::sqlite ? "INSERT INTO apps (id, guid) VALUES (?1, ?2)" : "INSERT INTO apps (id, guid) VALUES ($1, $2)";
    for (std::size_t i = 0; i < data.apps.size(); ++i) {
        sql::parameter const app[] = {static_cast<std::int64_t>(i + 1), data.apps[i]};
        if (auto r = db.query(insert_app, app, [](auto&&...) {}); !r)
            return r;
    }
    auto const store = [&]<sql::table_mapping const& M>(collection const& c) -> sql::db_result<void> {
        constexpr std::size_t chunk = 10000;
        for (std::size_t first = 0; first < c.all.size(); first += chunk) {
            std::size_t const last = std::min(c.all.size(), first + chunk);
            std::vector<std::string> documents;
            documents.reserve(last - first);
            for (std::size_t i = first; i < last; ++i)
                documents.push_back(boost::json::serialize(*c.all[i].json));
            auto const how = [&](resource const& r) {
                auto const i = static_cast<std::size_t>(&r - c.all.data());
                return std::pair<std::int64_t, std::string_view>(static_cast<std::int64_t>(i + 1), documents[i - first]);
            };
            if constexpr (std::is_same_v<Database, sql::postgresql::database>) {
                std::vector<resource const*> batch;
                for (std::size_t i = first; i < last; ++i)
                    batch.push_back(&c.all[i]);
                if (auto r = db.template store_all<M>(batch, [&](resource const& r) {
                        auto const [id, doc] = how(r);
                        return sql::postgresql::stored_as{id, doc};
                    });
                    !r)
                    return r;
            } else {
                for (std::size_t i = first; i < last; ++i) {
                    auto const [id, doc] = how(c.all[i]);
                    if (auto r = db.template store<M>(c.all[i], id, doc); !r)
                        return r;
                }
            }
            done += last - first;
            if (progress)
                progress(done, total);
        }
        return {};
    };
    if (auto r = store.template operator()<packages_table>(data.packages); !r)
        return r;
    if (auto r = store.template operator()<droplets_table>(data.droplets); !r)
        return r;
    if (auto r = store.template operator()<builds_table>(data.builds); !r)
        return r;
    return db.execute("COMMIT");
}

//------------------------------------------------
/** The list routes' data in a database: `Database` is `sql::sqlite::database` or
    `sql::postgresql::database`.
*/
template <class Database>
struct sql_source {
    Database& db;
    sql::dialect dialect;

    /// Whether the app exists; a database error is returned as is.
    sql::db_result<bool> has_app(std::string_view guid) {
        std::string const text = dialect == sql::dialect::sqlite ? "SELECT count(*) FROM apps WHERE guid = ?1"
                                                                 : "SELECT count(*) FROM apps WHERE guid = $1";
        sql::parameter const p[] = {guid};
        bool found = false;
        auto r = db.query(text, p, [&](auto* result) { found = count_of(result) > 0; });
        if (!r)
            return r.error();
        return found;
    }

    /// The page of `q` (for `Top`, or the nested route of `app`) from the table `M`.
    template <listquery::endpoint const& Top, sql::table_mapping const& M>
    sql::db_result<sql::page> list(listquery::list_query q, std::optional<std::string> const& app) {
        if (app) // the nested route: the top-level list, within the app
            q.filters.push_back({"app_guids", {std::string_view(*app)}});
        return db.run(sql::compile<Top, resource, M>(q, dialect));
    }

private:
    static std::int64_t count_of(sqlite3_stmt* s) { return sqlite3_column_int64(s, 0); }
    static std::int64_t count_of(PGresult* r) { return std::strtoll(PQgetvalue(r, 0, 0), nullptr, 10); }
};

namespace detail {

inline response failure(sql::error const& e) { return {500, {}, {}, e.message}; }

template <listquery::endpoint const& Top, listquery::endpoint const& Nested, sql::table_mapping const& M, class Database>
response sql_route(sql_source<Database>& source, route_target const& t, boost::urls::url_view base_url) {
    auto const q = parse_for<Top, Nested>(t);
    if (!q)
        return bad_query(q.error());
    if (t.app) {
        auto const exists = source.has_app(*t.app);
        if (!exists)
            return failure(exists.error());
        if (!*exists)
            return app_not_found();
    }
    auto const page = source.template list<Top, M>(*q, t.app);
    if (!page)
        return failure(page.error());
    auto const pagination = listquery::make_pagination(t.path, *q, page->total_results, base_url);
    boost::json::array items;
    items.reserve(page->rows.size());
    for (auto const& row : page->rows) { // each stored as the compact JSON the file held
        boost::system::error_code ec;
        items.push_back(boost::json::parse(row.document, ec));
        if (ec)
            return failure({"the stored resource " + std::to_string(row.id) + " is not JSON: " + ec.message()});
    }
    return {200, listquery::list_response(pagination, std::move(items)), listquery::link_header(pagination.links), {}};
}

} // namespace detail

/// The engines of the CLI and the server.
enum class engine { memory, sqlite, postgresql };

/// The engine a `--db` URL names by its scheme (`sqlite:`, `postgresql://`), if any.
inline std::optional<engine> engine_of(std::string_view url) {
    if (url.starts_with("sqlite:"))
        return engine::sqlite;
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        return engine::postgresql;
    return std::nullopt;
}

/** Stores `data` with the reference schema in `db`: as tables that only this session sees with
    `temporary`. The indexes are built after the rows, which is faster than keeping them up to
    date row by row. Calls `progress(done, total)` every 10,000 resources.
*/
template <class Database>
sql::db_result<void> load(Database& db, sql::dialect d, dataset const& data, bool temporary,
                          std::function<void(std::size_t, std::size_t)> const& progress = {}) {
    auto const schema = schema_parts(d, temporary);
    if (auto r = db.execute(schema.tables); !r)
        return r;
    if (auto r = import(db, d, data, progress); !r)
        return r;
    if (auto r = db.execute(schema.indexes); !r)
        return r;
    return db.execute("ANALYZE");
}

/// Answers `GET target` from a database, exactly as `handle` does from memory.
template <class Database>
response handle(std::string_view target, sql_source<Database>& source, boost::urls::url_view base_url = {}) {
    auto const t = split_target(target);
    if (!t)
        return detail::unknown_request();
    namespace cf = listquery::cf;
    struct route_entry {
        std::string_view kind;
        decltype(&detail::sql_route<cf::packages, cf::app_packages, packages_table, Database>) answer;
    };
    static constexpr route_entry routes[] = {
        {"packages", &detail::sql_route<cf::packages, cf::app_packages, packages_table, Database>},
        {"droplets", &detail::sql_route<cf::droplets, cf::app_droplets, droplets_table, Database>},
        {"builds", &detail::sql_route<cf::builds, cf::app_builds, builds_table, Database>},
    };
    for (auto const& r : routes)
        if (t->kind == r.kind)
            return r.answer(source, *t, base_url);
    return detail::unknown_request();
}

//------------------------------------------------
/** One database connection that answers the list routes: the database at `url` (`sqlite:PATH`,
    or for PostgreSQL a URI or connection string), or with `data`, a private copy of the data (an
    in-memory SQLite database, or PostgreSQL temporary tables). One per thread.
*/
class database_answerer {
public:
    static sql::db_result<database_answerer> open(engine e, std::string const& url, dataset const* data) {
        database_answerer a;
        if (e == engine::sqlite) {
            bool const existing = data == nullptr;
            auto db = sql::sqlite::database::open(existing ? url.substr(url.find(':') + 1) : ":memory:", existing);
            if (!db)
                return db.error();
            a.sqlite_ = std::make_unique<sql::sqlite::database>(std::move(*db));
            if (data)
                if (auto r = load(*a.sqlite_, sql::dialect::sqlite, *data, false); !r)
                    return r.error();
        } else {
            auto db = sql::postgresql::database::connect(url);
            if (!db)
                return db.error();
            a.postgresql_ = std::make_unique<sql::postgresql::database>(std::move(*db));
            if (data) // temporary tables: nothing persists, and concurrent sessions do not collide
                if (auto r = load(*a.postgresql_, sql::dialect::postgresql, *data, true); !r)
                    return r.error();
        }
        return a;
    }

    /// Answers `GET target`, as `handle` does from memory.
    response operator()(std::string_view target, boost::urls::url_view base_url = {}) {
        if (sqlite_) {
            sql_source<sql::sqlite::database> source{*sqlite_, sql::dialect::sqlite};
            return handle(target, source, base_url);
        }
        sql_source<sql::postgresql::database> source{*postgresql_, sql::dialect::postgresql};
        return handle(target, source, base_url);
    }

private:
    database_answerer() = default;
    std::unique_ptr<sql::sqlite::database> sqlite_;
    std::unique_ptr<sql::postgresql::database> postgresql_;
};

} // namespace cf_api
