// SPDX-License-Identifier: BSL-1.0
// The example's resources in SQL: their table mappings, loading a dataset into the reference
// schema (schema/*.sql), and answering the list routes from a database (docs/sql.md#cli).
#pragma once

#include "data.hpp"
#include "handler.hpp"
#include "schema.hpp"

#include <listquery/sql.hpp>

#include <boost/json/serialize.hpp>

#include <cstdint>
#include <functional>
#include <span>
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

namespace detail {

/// Stores one kind's resources as `M`, 10,000 at a time; `done` counts them for `progress`.
template <sql::table_mapping const& M, class Database>
listquery::result<void> store_collection(Database& db, collection const& c, std::size_t& done, std::size_t total,
                                      std::function<void(std::size_t, std::size_t)> const& progress) {
    constexpr std::size_t chunk = 10000;
    std::vector<std::string> documents; // each resource's compact JSON
    for (std::size_t first = 0; first < c.all.size(); first += chunk) {
        std::size_t const last = std::min(c.all.size(), first + chunk);
        documents.clear();
        for (std::size_t i = first; i < last; ++i)
            documents.push_back(boost::json::serialize(*c.all[i].json));
        auto const how = [&](resource const& r) {
            auto const i = static_cast<std::size_t>(&r - c.all.data());
            return sql::stored_as{static_cast<std::int64_t>(i + 1), documents[i - first]};
        };
        if (auto r = db.template store_all<M>(std::span<resource const>(c.all.data() + first, last - first), how); !r)
            return r;
        done += last - first;
        if (progress)
            progress(done, total);
    }
    return {};
}

} // namespace detail

/// Stores `data` in a database with the reference schema: each resource's compact JSON as its
/// document, ids in file order. Calls `progress(done, total)` every 10,000 resources.
template <class Database>
listquery::result<void> import(Database& db, sql::dialect d, dataset const& data,
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
    if (auto r = detail::store_collection<packages_table>(db, data.packages, done, total, progress); !r)
        return r;
    if (auto r = detail::store_collection<droplets_table>(db, data.droplets, done, total, progress); !r)
        return r;
    if (auto r = detail::store_collection<builds_table>(db, data.builds, done, total, progress); !r)
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
    listquery::result<bool> has_app(std::string_view guid) {
        static std::string const sqlite_text = "SELECT count(*) FROM apps WHERE guid = ?1";
        static std::string const postgresql_text = "SELECT count(*) FROM apps WHERE guid = $1";
        std::string const& text = dialect == sql::dialect::sqlite ? sqlite_text : postgresql_text; // once, not per request
        sql::parameter const p[] = {guid};
        auto const count = db.scalar(text, p);
        if (!count)
            return count.error();
        return *count > 0;
    }

    /// The page of `q` for endpoint `E` (within `within`, for a nested route) from the table `M`.
    template <listquery::endpoint const& E, sql::table_mapping const& M>
    listquery::result<sql::page> list(listquery::list_query const& q, std::optional<listquery::scope> const& within) {
        return db.run(sql::compile<E, resource, M>(q, dialect, {.scope = within}));
    }

    /// The keyset page of `q` after `cursor` (docs/keyset.md), as `list` pages by number.
    template <listquery::endpoint const& E, sql::table_mapping const& M>
    listquery::result<sql::keyset_rows> list_keyset(listquery::list_query const& q, std::optional<listquery::scope> const& within,
                                                    std::optional<listquery::keyset_cursor> const& cursor) {
        return sql::run_keyset(db, sql::compile_keyset<E, resource, M>(q, dialect, cursor, {.scope = within}));
    }
};

namespace detail {

inline response failure(listquery::query_errors const& e) { return {.status = 500, .failure = e.diagnostic()}; }

template <listquery::endpoint const& Top, listquery::endpoint const& Nested, sql::table_mapping const& M, class Database>
response sql_route(sql_source<Database>& source, route_target const& t, boost::urls::url_view base_url,
                   listquery::token_keys const* keyset) {
    auto const q = parse_for<Top, Nested>(t, keyset);
    if (!q)
        return bad_query(q.error());
    if (t.app) {
        auto const exists = source.has_app(*t.app);
        if (!exists)
            return failure(exists.error());
        if (!*exists)
            return app_not_found();
    }
    std::optional<sql::page> read;
    listquery::pagination pagination;
    auto const within = t.app ? std::optional(Nested.within(*t.app)) : std::nullopt;
    auto const read_page = [&] { return t.app ? source.template list<Nested, M>(*q, within) : source.template list<Top, M>(*q, within); };
    if (keyset) { // docs/keyset.md: pages by token
        std::optional<listquery::keyset_cursor> cursor;
        if (auto refused = read_cursor(*q, *keyset, within, cursor))
            return std::move(*refused);
        auto page = t.app ? source.template list_keyset<Nested, M>(*q, within, cursor)
                          : source.template list_keyset<Top, M>(*q, within, cursor);
        if (!page)
            return failure(page.error());
        pagination = listquery::make_keyset_pagination(t.path, *q, page->rows.total_results, page->next, page->previous,
                                                       *keyset, base_url, within);
        read = std::move(page->rows);
    } else {
        auto page = read_page();
        if (!page)
            return failure(page.error());
        pagination = listquery::make_pagination(t.path, *q, page->total_results, base_url);
        read = std::move(*page);
    }
    // Each row's text is echoed as stored: the compact JSON `import` wrote (docs/sql.md#schema).
    auto rows = std::make_shared<sql::page const>(std::move(*read));
    std::vector<std::string_view> texts;
    texts.reserve(rows->rows.size());
    for (auto const& row : rows->rows)
        texts.push_back(row.document);
    return {.list = listquery::list_body(pagination, texts),
            .link_header = listquery::link_header(pagination.links),
            .texts = std::move(rows)};
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
listquery::result<void> load(Database& db, sql::dialect d, dataset const& data, bool temporary,
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
response handle(std::string_view target, sql_source<Database>& source, boost::urls::url_view base_url = {},
                listquery::token_keys const* keyset = nullptr) {
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
            return r.answer(source, *t, base_url, keyset);
    return detail::unknown_request();
}

//------------------------------------------------
/// What answers the list routes from a database: one connection, one per thread.
class answerer {
public:
    virtual ~answerer() = default;
    /// Answers `GET target`, as `handle` does from memory.
    virtual response operator()(std::string_view target, boost::urls::url_view base_url,
                                listquery::token_keys const* keyset) = 0;
};

/** One connection of `Database` that answers the list routes: the database it is connected to,
    or with `data`, a private copy of the data (`temporary` tables on PostgreSQL, an in-memory
    database on SQLite).
*/
template <class Database>
class database_answerer final : public answerer {
public:
    static listquery::result<std::unique_ptr<answerer>> make(Database db, sql::dialect d, dataset const* data,
                                                         bool temporary) {
        auto a = std::unique_ptr<database_answerer>(new database_answerer(std::move(db), d));
        if (data)
            if (auto r = load(a->db_, d, *data, temporary); !r)
                return r.error();
        return std::unique_ptr<answerer>(std::move(a));
    }

    response operator()(std::string_view target, boost::urls::url_view base_url,
                        listquery::token_keys const* keyset) override {
        sql_source<Database> source{db_, dialect_};
        return handle(target, source, base_url, keyset);
    }

private:
    database_answerer(Database db, sql::dialect d) : db_(std::move(db)), dialect_(d) {}
    Database db_;
    sql::dialect dialect_;
};

} // namespace cf_api
