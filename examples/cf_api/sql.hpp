// SPDX-License-Identifier: BSL-1.0
// The example's kinds in SQL: the schema derived from their declarations, loading a dataset,
// and the stores of one connection (docs/sql.md#cli).
#pragma once

#include "backend.hpp"

#include <listquery/sql.hpp>

#include <boost/json/serialize.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace cf_api {

namespace sql = listquery::sql;

/// Where the tables of a load go.
enum class tables { ordinary, temporary, distributed };

/// The schema of every kind in `d` (temporary: tables only this session sees; distributed:
/// PostgreSQL's on Citus).
inline sql::schema_statements schema(sql::dialect d, tables where) {
    sql::schema_statements out;
    [&]<class... Kinds>(kind_list<Kinds...>) {
        auto const add = [&](auto kind) {
            using T = typename decltype(kind)::type;
            auto const index = decltype(kind)::index();
            auto const s = (where == tables::distributed ? sql::distributed_schema_for<T>(index)
                                                         : sql::schema_for<T>(d, index, where == tables::temporary))
                               .value(); // declared names
            out.tables += s.tables;
            out.distribution += s.distribution;
            out.indexes += s.indexes;
            out.statistics += s.statistics;
        };
        (add(Kinds{}), ...);
    }(kinds{});
    return out;
}

/// The progress of a long import: resources stored so far, of all.
using progress_fn = std::function<void(std::size_t, std::size_t)>;

/// Stores `data` (each resource's compact JSON as its document, ids in file order), calling
/// `progress(done, total)` every 10,000 resources.
template <class Database>
listquery::result<void> insert_all(Database& db, dataset const& data, progress_fn const& progress) {
    constexpr std::size_t chunk = 10000;
    std::size_t const total = data.size();
    std::size_t done = 0;
    listquery::result<void> stored;
    data.for_each([&](auto const& c, auto) {
        std::vector<std::string> documents;
        for (std::size_t first = 0; stored && first < c.all.size(); first += chunk) {
            std::size_t const last = std::min(c.all.size(), first + chunk);
            documents.clear();
            for (std::size_t i = first; i < last; ++i)
                documents.push_back(boost::json::serialize(*c.all[i].json));
            auto const how = [&](auto const& r) {
                auto const i = static_cast<std::size_t>(&r - c.all.data());
                return sql::stored_as{static_cast<std::int64_t>(i + 1), documents[i - first]};
            };
            stored = db.store_all(std::span(c.all.data() + first, last - first), how);
            done += last - first;
            if (stored && progress)
                progress(done, total);
        }
    });
    return stored;
}

/// Runs each statement of `text` alone (Citus refuses some that share a query string).
template <class Database>
listquery::result<void> execute_each(Database& db, std::string const& text) {
    for (auto const statement : sql::statements_of(text))
        if (auto r = db.execute(std::string(statement)); !r)
            return r;
    return {};
}

/** Creates the schema in `db` and stores `data` (in tables `where` says), in one transaction: a
    failure, or a process killed at any moment, leaves none of it, so that the load can simply
    run again (docs/cli.md#import). The indexes are built after the rows, which is faster than
    keeping them up to date row by row; on Citus the rows are distributed first, in one copy to
    the shards instead of a routed insert each.
*/
template <class Database>
listquery::result<void> load(Database& db, dataset const& data, tables where, progress_fn const& progress = {}) {
    auto const s = schema(Database::sql_dialect, where);
    auto loaded = sql::detail::atomically(db, false, [&]() -> listquery::result<void> {
        if (auto r = db.execute(s.tables); !r)
            return r;
        if (auto r = insert_all(db, data, progress); !r)
            return r;
        if (auto r = execute_each(db, s.distribution); !r)
            return r;
        return execute_each(db, s.indexes);
    });
    if (!loaded)
        return loaded;
    return execute_each(db, s.statistics);
}

/// The tables of every kind (each resource table, then its labels table), as the schema names them.
inline std::vector<std::string> table_names() {
    std::vector<std::string> out;
    [&]<class... Kinds>(kind_list<Kinds...>) {
        auto const add = [&](auto kind) {
            constexpr sql::table_mapping const& m = sql::table_v<typename decltype(kind)::type>;
            out.emplace_back(m.table);
            if (!m.labels.empty())
                out.emplace_back(m.labels);
        };
        (add(Kinds{}), ...);
    }(kinds{});
    return out;
}

/// Refuses an import into `db` when it already has one of `table_names()` (`count` counts the
/// tables its one parameter names), before anything is written.
template <class Database>
listquery::result<void> check_no_tables(Database& db, std::string const& count) {
    for (auto const& table : table_names()) {
        sql::parameter const name[] = {std::string_view(table)};
        auto const n = db.scalar(count, name);
        if (!n)
            return n.error();
        if (*n != 0)
            return sql::database_failure(listquery::error::database_error,
                                         std::string(sql::with_rules(Database::sql_dialect, [](auto r) { return r.name; })) +
                                             ": cannot import: the database already has a table " + table);
    }
    return {};
}

/// One connection's stores, as `handle` takes them.
template <class Database>
struct table_stores {
    template <class Kind>
    using of = sql::table_store<typename Kind::type, Database>;
};

/// One connection that answers every route, opened again whenever it breaks (docs/server.md#operating-it);
/// not movable (its stores refer to it).
template <class Database>
class database_backend final : public backend {
public:
    using open_function = typename sql::reconnecting<Database>::open_function;

    /// Answers from the connections `open` makes; the first is opened now (its failure is the result).
    static listquery::result<std::unique_ptr<backend>> make(open_function open, sql::reconnect_options o) {
        auto first = open();
        if (!first)
            return first.error();
        return std::unique_ptr<backend>(
            new database_backend(sql::reconnecting<Database>(std::move(*first), std::move(open), std::move(o))));
    }

    listquery::response answer(std::string_view target, settings const& s) override { return handle(target, stores_, s); }

    bool ready() override { return db_.scalar("SELECT 1", {}).has_value(); }

private:
    explicit database_backend(sql::reconnecting<Database> db)
        : db_(std::move(db)), stores_([this]<class... Kinds>(kind_list<Kinds...>) {
              return typename stores_for<table_stores<sql::reconnecting<Database>>::template of>::type{
                  typename table_stores<sql::reconnecting<Database>>::template of<Kinds>(db_)...};
          }(kinds{})) {}

    sql::reconnecting<Database> db_;
    typename stores_for<table_stores<sql::reconnecting<Database>>::template of>::type stores_;
};

/** A plugin's `open` (docs/sql.md#cli): a backend over the connections `connect(timeouts)`
    makes, each loading `data` into temporary tables when given (before the requests' statement
    timeout applies, which then bounds the requests alone), opened again whenever it breaks;
    null with `error` set.
*/
template <class Database, class Connect>
backend* open_plugin_backend(Connect connect, dataset const* data, connection_settings const& settings, std::string& error) {
    auto const open = [connect, data, t = settings.timeouts]() -> listquery::result<Database> {
        auto db = connect(data ? sql::timeouts{.connect = t.connect} : t);
        if (db && data) {
            if (auto loaded = load(*db, *data, tables::temporary); !loaded)
                return loaded.error();
            if (auto limited = db->limit_statements(t.statement); !limited)
                return limited.error();
        }
        return db;
    };
    auto made = database_backend<Database>::make(open, settings.reconnect);
    if (!made) {
        error = made.error().diagnostic();
        return nullptr;
    }
    return made->release();
}

/// A plugin's `import`'s answer: whether `done` succeeded, with `error` set if not.
inline bool report(listquery::result<void> const& done, std::string& error) {
    if (!done)
        error = done.error().diagnostic();
    return done.has_value();
}

} // namespace cf_api
