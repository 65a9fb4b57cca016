// SPDX-License-Identifier: BSL-1.0
// Opening the SQL engines for the CLI and the server. SQLite is linked in; PostgreSQL and MariaDB
// live in plugins (liblistquery-postgresql-engine.so, liblistquery-mariadb-engine.so, beside the
// executable) loaded only when asked for: libpq brings about twenty libraries (TLS, Kerberos,
// LDAP) whose loading alone costs a process about 5 ms, which every CLI run would otherwise pay
// (docs/sql.md#cli).
#pragma once

#include "sql.hpp"

#include <listquery/sql/sqlite.hpp>

#include <dlfcn.h>
#include <unistd.h>

#include <array>
#include <climits>
#include <filesystem>
#include <system_error>
#include <functional>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cf_api {

/// The engines of the CLI and the server: Citus is PostgreSQL's plugin over a distributed
/// database (docs/scaling.md), which `import` distributes.
enum class engine { memory, sqlite, postgresql, mariadb, citus };

/// Each engine's name, as `--engine` takes it, by enumerator.
inline constexpr std::array<std::string_view, 5> engine_names{"memory", "sqlite", "postgresql", "mariadb", "citus"};

/// The engine `--engine NAME` names, if any.
inline std::optional<engine> engine_named(std::string_view name) {
    for (std::size_t i = 0; i < engine_names.size(); ++i)
        if (name == engine_names[i])
            return static_cast<engine>(i);
    return std::nullopt;
}

/// The engine a `--db` URL names by its scheme (`sqlite:`, `postgresql://`, `mariadb://`), if any.
inline std::optional<engine> engine_of(std::string_view url) {
    if (url.starts_with("sqlite:"))
        return engine::sqlite;
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        return engine::postgresql;
    if (url.starts_with("mariadb://") || url.starts_with("mysql://"))
        return engine::mariadb;
    return std::nullopt;
}

/** The engine `--engine NAME` and `--db URL` ask for together (no `name`: the one `url` names,
    else memory), with `has_data` for `--data`; none, with `error` set, when they do not fit.
*/
inline std::optional<engine> choose_engine(std::string_view name, std::string_view url, bool has_data, std::string& error) {
    auto const e = name.empty() ? std::optional(engine_of(url).value_or(engine::memory)) : engine_named(name);
    auto const fail = [&](std::string message) {
        error = std::move(message);
        return std::optional<engine>();
    };
    if (!e)
        return fail("--engine must be memory, sqlite, postgresql, mariadb or citus: " + std::string(name));
    if (*e == engine::memory && !url.empty())
        return fail("--db needs --engine sqlite, postgresql, mariadb or citus, or a sqlite:, postgresql:// or mariadb:// URL: " +
                    std::string(url));
    if (*e == engine::sqlite && !url.empty() && engine_of(url) != engine::sqlite)
        return fail("--engine sqlite takes --db sqlite:PATH: " + std::string(url));
    if (*e == engine::sqlite && !url.empty() && has_data)
        return fail("--data loads into a private database: give --db or --data, not both (listquery import fills a database "
                    "file)");
    if (*e == engine::postgresql && url.empty())
        return fail("--engine postgresql needs --db with a connection string or postgresql:// URL");
    if (*e == engine::mariadb && engine_of(url) != engine::mariadb)
        return fail("--engine mariadb needs --db mariadb://...: " + std::string(url));
    if (*e == engine::citus && (url.empty() || engine_of(url).value_or(engine::postgresql) != engine::postgresql))
        return fail("--engine citus needs --db with the coordinator's connection string or postgresql:// URL");
    if (*e == engine::citus && has_data)
        return fail("--engine citus answers from a distributed database: Citus cannot distribute temporary tables, so "
                    "--data does not apply (listquery import --engine citus fills one)");
    return e;
}

/// A plugin's entry points (examples/cf_api/postgresql_engine.cpp, mariadb_engine.cpp):
/// `listquery_<engine>_open` and `listquery_<engine>_import`.
using open_plugin_fn = backend* (*)(char const* url, dataset const* data, connection_settings const* settings,
                                    std::string* error);
using import_plugin_fn = bool (*)(char const* url, dataset const* data, progress_fn const* progress, std::string* error);

namespace detail {

/// The symbol `listquery_<engine>_<entry>` of the plugin of `e` (postgresql, mariadb, or citus,
/// which PostgreSQL's plugin holds), loaded on first use; null with `error` set.
inline void* plugin_symbol(engine e, std::string_view entry, std::string& error) {
    static std::mutex loading;
    static std::array<std::optional<void*>, engine_names.size()> plugins; // by plugin, once tried
    engine const holder = e == engine::citus ? engine::postgresql : e;
    std::string const name(engine_names[static_cast<std::size_t>(e)]),
        file = "liblistquery-" + std::string(engine_names[static_cast<std::size_t>(holder)]) + "-engine.so";
    void* plugin = nullptr;
    {
        std::lock_guard const lock(loading);
        auto& loaded = plugins[static_cast<std::size_t>(holder)];
        if (!loaded) {
            char exe[PATH_MAX];
            ssize_t const n = readlink("/proc/self/exe", exe, sizeof exe - 1);
            std::string dir = n > 0 ? std::string(exe, static_cast<std::size_t>(n)) : std::string();
            dir.resize(dir.rfind('/') + 1); // npos + 1 is 0: no directory
            loaded.emplace(nullptr);
            for (std::string const& path : {dir + file, (dir + "../lib/").append(file), file})
                if ((*loaded = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)))
                    break;
        }
        plugin = *loaded;
    }
    void* symbol = plugin ? dlsym(plugin, ("listquery_" + name + "_" + std::string(entry)).c_str()) : nullptr;
    if (!symbol)
        error = "cannot load the " + name + " engine (" + file + ")";
    return symbol;
}

} // namespace detail

/** One connection that answers every route through `e` (not `engine::memory`), opened again
    whenever it breaks: the database at `url` (`sqlite:PATH`; for PostgreSQL a URI or connection
    string; `mariadb://…`), or with `data` a private copy of the data (an in-memory SQLite
    database, temporary tables on the servers; loaded again with each new connection). The first
    connection is opened now: its failure is the result.
*/
inline listquery::result<std::unique_ptr<backend>> open_backend(engine e, std::string const& url, dataset const* data,
                                                                 connection_settings const& settings = {}) {
    if (e == engine::sqlite) {
        auto const open = [path = url.substr(url.find(':') + 1), data, t = settings.timeouts]() -> listquery::result<sql::sqlite::database> {
            auto db = sql::sqlite::database::open(data ? ":memory:" : path, !data);
            if (!db)
                return db;
            // Reading a file through mmap instead of read(2) halves an exact count over 10^6 rows
            // (no copy of each page out of the page cache).
            auto const ready = data ? load(*db, *data, tables::ordinary) : db->execute("PRAGMA mmap_size = 4294967296");
            if (!ready)
                return ready.error();
            db->limit_statements(t.statement); // the requests', not the load's
            return db;
        };
        return database_backend<sql::sqlite::database>::make(open, settings.reconnect);
    }
    std::string error;
    auto const open = reinterpret_cast<open_plugin_fn>(detail::plugin_symbol(e, "open", error));
    if (!open)
        return sql::database_failure(listquery::error::database_error, error);
    std::unique_ptr<backend> b(open(url.c_str(), data, &settings, &error));
    if (!b)
        return sql::database_failure(listquery::error::database_error, error);
    return b;
}

/** Stores `data` in a new database with the reference schema at `url` (`sqlite:PATH`,
    `postgresql://…` or `mariadb://…`; Citus: the coordinator's): all of it, or nothing, even when
    the process is killed. SQLite's file is built beside the target (`PATH.importing`) and renamed
    into place, so that a reader never sees it half made; PostgreSQL's import is one transaction,
    and so is Citus' (the rows are distributed before the indexes are built); MariaDB's tables are
    built in a database of their own and renamed into place by one statement (DDL there commits
    a transaction).
*/
inline listquery::result<void> import_into(engine e, std::string const& url, dataset const& data, progress_fn const& progress) {
    if (e == engine::sqlite) {
        std::string const path = url.substr(url.find(':') + 1), building = path + ".importing";
        if (auto existing = sql::sqlite::database::open(path, true, {}); existing) {
            auto const tables = existing->scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table'", {});
            if (!tables || *tables != 0)
                return sql::database_failure(listquery::error::database_error,
                                             "SQLite: cannot import into " + path + ": it already exists and is not an empty database");
        }
        std::error_code ignored; // what an import killed before left, if anything
        std::filesystem::remove(building, ignored);
        std::filesystem::remove(building + "-journal", ignored);
        auto db = sql::sqlite::database::open(building); // no statement timeout: as long as it takes
        if (!db)
            return db.error();
        if (auto r = load(*db, data, tables::ordinary, progress); !r) {
            std::filesystem::remove(building, ignored);
            return r;
        }
        db = sql::sqlite::database::open(":memory:"); // closes the file: all of it is written
        std::error_code renamed;
        std::filesystem::rename(building, path, renamed);
        if (renamed)
            return sql::database_failure(listquery::error::database_error,
                                         "SQLite: cannot rename " + building + " to " + path + ": " + renamed.message());
        return {};
    }
    std::string error;
    auto const import = reinterpret_cast<import_plugin_fn>(detail::plugin_symbol(e, "import", error));
    if (!import || !import(url.c_str(), &data, &progress, &error))
        return sql::database_failure(listquery::error::database_error, error);
    return {};
}

} // namespace cf_api
