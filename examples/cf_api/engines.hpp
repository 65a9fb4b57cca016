// SPDX-License-Identifier: BSL-1.0
// Opening the SQL engines for the CLI and the server. SQLite is linked in; PostgreSQL lives in a
// plugin (liblistquery-postgresql-engine.so, beside the executable) loaded only when asked for:
// libpq brings about twenty libraries (TLS, Kerberos, LDAP) whose loading alone costs a process
// about 5 ms, which every CLI run would otherwise pay (docs/sql.md#cli).
#pragma once

#include "sql.hpp"

#include <listquery/sql/sqlite.hpp>

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <filesystem>
#include <system_error>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cf_api {

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

/// The plugin's entry points (examples/cf_api/postgresql_engine.cpp).
using open_postgresql_fn = backend* (*)(char const* url, dataset const* data, connection_settings const* settings,
                                        std::string* error);
using import_postgresql_fn = bool (*)(char const* url, dataset const* data, progress_fn const* progress, std::string* error);

namespace detail {

/// The PostgreSQL plugin's symbol `name`, or null with `error` set.
inline void* postgresql_symbol(char const* name, std::string& error) {
    static void* const plugin = [] {
        char exe[PATH_MAX];
        ssize_t const n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        std::string dir = n > 0 ? std::string(exe, static_cast<std::size_t>(n)) : std::string();
        dir.resize(dir.rfind('/') + 1); // npos + 1 is 0: no directory
        for (std::string const& path : {dir + "liblistquery-postgresql-engine.so",
                                         dir + "../lib/liblistquery-postgresql-engine.so",
                                         std::string("liblistquery-postgresql-engine.so")})
            if (void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL))
                return h;
        return static_cast<void*>(nullptr);
    }();
    void* symbol = plugin ? dlsym(plugin, name) : nullptr;
    if (!symbol)
        error = "cannot load the PostgreSQL engine (liblistquery-postgresql-engine.so)";
    return symbol;
}

} // namespace detail

/** One connection that answers every route through `e` (not `engine::memory`), opened again
    whenever it breaks: the database at `url` (`sqlite:PATH`, or for PostgreSQL a URI or
    connection string), or with `data` a private copy of the data (an in-memory SQLite database,
    PostgreSQL temporary tables; loaded again with each new connection). The first connection is
    opened now: its failure is the result.
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
            auto const ready = data ? load(*db, *data, false) : db->execute("PRAGMA mmap_size = 4294967296");
            if (!ready)
                return ready.error();
            db->limit_statements(t.statement); // the requests', not the load's
            return db;
        };
        return database_backend<sql::sqlite::database>::make(open, settings.reconnect);
    }
    std::string error;
    auto const open = reinterpret_cast<open_postgresql_fn>(detail::postgresql_symbol("listquery_postgresql_open", error));
    if (!open)
        return sql::database_failure(listquery::error::database_error, error);
    std::unique_ptr<backend> b(open(url.c_str(), data, &settings, &error));
    if (!b)
        return sql::database_failure(listquery::error::database_error, error);
    return b;
}

/** Stores `data` in a new database with the reference schema at `url` (`sqlite:PATH` or
    `postgresql://…`): all of it, or nothing, even when the process is killed. SQLite's file is
    built beside the target (`PATH.importing`) and renamed into place, so that a reader never
    sees it half made; PostgreSQL's import is one transaction.
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
        if (auto r = load(*db, data, false, progress); !r) {
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
    auto const import = reinterpret_cast<import_postgresql_fn>(detail::postgresql_symbol("listquery_postgresql_import", error));
    if (!import || !import(url.c_str(), &data, &progress, &error))
        return sql::database_failure(listquery::error::database_error, error);
    return {};
}

} // namespace cf_api
