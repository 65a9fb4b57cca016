// SPDX-License-Identifier: BSL-1.0
// The SQLite executor: link the CMake target listquery::sqlite (libsqlite3).
#pragma once

#include <listquery/sql.hpp>
#include <listquery/sql/json_list.hpp>
#include <listquery/sql/timeouts.hpp>

#include <boost/unordered/unordered_flat_map.hpp>

#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace listquery::sql::sqlite {

namespace detail {

struct close_db {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct finalize {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using statement_ptr = std::unique_ptr<sqlite3_stmt, finalize>;

/// Resets a statement when a run ends, however it ends.
struct reset_on_exit {
    sqlite3_stmt* s;
    ~reset_on_exit() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
};

/// A list as SQLite reads it with `json_each`, which ends a text at `\u0000`, so "a\0b" would
/// match "a": a value holding a NUL byte is left out and matches nothing (docs/sql.md#list-filters).
inline std::string json_array(std::vector<std::string_view> const& values) {
    return sql::detail::json_array(values, [](std::string_view v) { return v.find('\0') == std::string_view::npos; });
}
using sql::detail::json_array;

/// Which file a path names now (its device and inode), if any.
inline std::optional<std::pair<dev_t, ino_t>> file_identity(std::string const& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return std::nullopt;
    return std::pair(st.st_dev, st.st_ino);
}

} // namespace detail

//------------------------------------------------
/** One SQLite connection and its prepared statements (docs/sql.md#sqlite).

    Each statement text is prepared once and kept. A statement runs for `timeouts::statement`
    at most (then `error::database_timeout`), waiting that long at most for another
    connection's lock. A connection to a file stays `usable()` while its path names the file it
    opened: moved away, or replaced (by `rename`, as an import does), it is not, and
    `sql::reconnecting` opens the path again. Not thread-safe: use one `database` per thread
    (SQLite's own locking then serializes writers across them).

    @par Example
    @code
    auto db = listquery::sql::sqlite::database::open(":memory:");
    auto c = listquery::sql::compile<listquery::cf::droplets, my::droplet>(q, listquery::sql::dialect::sqlite);
    listquery::result<listquery::sql::page> page = db->run(c);
    @endcode
*/
class database {
public:
    /// The SQL this connection runs.
    static constexpr dialect sql_dialect = dialect::sqlite;

    /// Opens (or creates) the database at `path` (`:memory:` for a private in-memory one); with
    /// `read_only`, opens an existing one for reading.
    static result<database> open(std::string const& path, bool read_only = false, timeouts t = {}) {
        sqlite3* raw = nullptr;
        int const flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        int const rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
        std::unique_ptr<sqlite3, detail::close_db> db(raw);
        if (rc != SQLITE_OK)
            return database_failure(error::database_unavailable, "cannot open SQLite database " + path + ": " +
                                                                     (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
        database out(std::move(db), t);
        if (path != ":memory:" && !path.empty()) {
            out.path_ = path;
            out.identity_ = detail::file_identity(path);
        }
        out.limit_statements(t.statement);
        return out;
    }

    /// Bounds each statement from now on by `limit` (zero: no limit), a wait for a lock included.
    void limit_statements(std::chrono::milliseconds limit) {
        timeouts_.statement = limit;
        sqlite3_busy_timeout(db_.get(), static_cast<int>(std::min<std::int64_t>(limit.count(), 1 << 30)));
        // Every 1000 virtual machine steps: a clock read per 10 µs or so.
        sqlite3_progress_handler(db_.get(), limit.count() > 0 ? 1000 : 0, &deadline_clock::passed, clock_.get());
    }

    /// Whether the connection can still be used: its path still names the file it opened.
    bool usable() const { return path_.empty() || detail::file_identity(path_) == identity_; }

    /// Runs `sql`, one or more statements without parameters (a schema, say).
    result<void> execute(std::string const& sql) {
        clock_->deadline = sql::detail::deadline_after(timeouts_.statement);
        char* message = nullptr;
        if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            auto e = failure(std::string("SQLite: ") + (message ? message : sqlite3_errmsg(db_.get())));
            sqlite3_free(message);
            return e;
        }
        return {};
    }

    /// Runs a compiled query: the page's rows and the exact total.
    result<page> run(compiled_query const& c) {
        return sql::detail::run_compiled(*this, c, [&](page& out) -> result<bool> {
            bool counted = false;
            std::optional<query_errors> bad; // a column that is not the integer it should be
            auto const read = query(c.page, [&](sqlite3_stmt* s) {
                for (int i : {0, c.has_document ? 2 : 1})
                    if ((i == 0 || c.page_counts) && !bad && sqlite3_column_type(s, i) != SQLITE_INTEGER)
                        bad = not_an_integer(c.page.text, s, i);
                row r{sqlite3_column_int64(s, 0), {}};
                if (c.has_document)
                    if (auto const* text = sqlite3_column_text(s, 1))
                        r.document.assign(reinterpret_cast<char const*>(text), static_cast<std::size_t>(sqlite3_column_bytes(s, 1)));
                if (c.page_counts) {
                    out.total_results = static_cast<std::uint64_t>(sqlite3_column_int64(s, c.has_document ? 2 : 1));
                    counted = true;
                }
                out.rows.push_back(std::move(r));
            });
            if (!read)
                return read.error();
            if (bad)
                return std::move(*bad);
            return counted;
        });
    }

    /// The first column of the first row `text` yields, as an integer (a count, say).
    result<std::int64_t> scalar(std::string const& text, std::span<parameter const> parameters) {
        std::int64_t value = 0;
        bool first = true;
        std::optional<query_errors> bad;
        auto r = query(text, parameters, [&](sqlite3_stmt* s) {
            if (!std::exchange(first, false))
                return;
            if (sqlite3_column_type(s, 0) != SQLITE_INTEGER)
                bad = not_an_integer(text, s, 0);
            value = sqlite3_column_int64(s, 0);
        });
        if (!r)
            return r.error();
        if (bad)
            return std::move(*bad);
        return value;
    }

    /// Every row `text` yields, each column as text (SQL NULL as none): for statements whose
    /// columns the caller reads itself, as keyset pages do (sql/keyset.hpp).
    result<text_table> text_rows(std::string const& text, std::span<parameter const> parameters) {
        text_table out;
        auto r = query(text, parameters, [&](sqlite3_stmt* s) {
            auto& cells = out.emplace_back();
            for (int i = 0, n = sqlite3_column_count(s); i < n; ++i) {
                auto const* t = reinterpret_cast<char const*>(sqlite3_column_text(s, i));
                cells.push_back(t ? std::optional<std::string>(std::in_place, t, static_cast<std::size_t>(sqlite3_column_bytes(s, i)))
                                  : std::nullopt);
            }
        });
        if (!r)
            return r.error();
        return out;
    }

    /// Runs `s`, calling `on_row(stmt)` for each row it yields.
    template <class OnRow>
    result<void> query(statement const& s, OnRow&& on_row) {
        return query(s.text, s.parameters, on_row);
    }

    /// Runs `text` with `parameters`, calling `on_row(stmt)` for each row it yields.
    template <class OnRow>
    result<void> query(std::string const& text, std::span<parameter const> parameters, OnRow&& on_row) {
        clock_->deadline = sql::detail::deadline_after(timeouts_.statement);
        auto prepared = prepare(text);
        if (!prepared)
            return prepared.error();
        sqlite3_stmt* stmt = *prepared;
        detail::reset_on_exit const reset{stmt};
        std::vector<std::string> lists; // the JSON texts bound, alive until the statement is reset
        lists.reserve(parameters.size()); // never reallocated: the bound texts stay put
        for (std::size_t i = 0; i < parameters.size(); ++i)
            if (bind(stmt, static_cast<int>(i + 1), parameters[i], lists) != SQLITE_OK)
                return fail("cannot bind a parameter of", text);
        for (;;) {
            int const rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE)
                return {};
            if (rc != SQLITE_ROW)
                return fail("cannot run", text);
            on_row(stmt);
        }
    }

    /// Stores `r` (its row and its labels) with id `id` and document `document`.
    template <mapped_resource T>
    result<void> store(T const& r, std::int64_t id, std::string_view document = {}) {
        return store<table_v<T>>(r, id, document);
    }

    /// Stores `r` as `M` maps it (its row, and its labels if `M` has a labels table), at once:
    /// all of it, or nothing.
    template <table_mapping const& M, class T>
    result<void> store(T const& r, std::int64_t id, std::string_view document = {}) {
        T const* one[] = {&r};
        return store_all<M>(one, [&](T const&) { return stored_as{id, document}; });
    }

    /** Stores each resource of `resources` (a range of `T` or of `T const*`) as `M` maps it, with
        the id and document `describe(resource)` gives as a `stored_as`, in one transaction (a
        savepoint of the caller's when one is open): all of them, or, on a failure, none.
    */
    template <table_mapping const& M, class Range, class Describe>
    result<void> store_all(Range const& resources, Describe&& describe) {
        using T = std::remove_cvref_t<decltype(sql::detail::deref(*std::begin(resources)))>;
        static insert_statements const inserts = insert_statements_for<T, M>(dialect::sqlite);
        return sql::detail::atomically(*this, sqlite3_get_autocommit(db_.get()) == 0, [&]() -> result<void> {
            auto const ignore = [](sqlite3_stmt*) {};
            for (auto const& item : resources) {
                auto const& r = sql::detail::deref(item);
                stored_as const how = describe(r);
                if (auto done = query(inserts.resource, resource_parameters<M>(r, how.id, how.document), ignore); !done)
                    return done;
                result<void> done;
                if (!M.labels.empty())
                    for_each_label(r, [&](std::string_view guid, stored_label const& l) {
                        if (done)
                            done = query(inserts.label, label_parameters(guid, l), ignore);
                    });
                if (!done)
                    return done;
            }
            return {};
        });
    }

    /// `store_all` with `T`'s own mapping.
    template <class Range, class Describe>
    result<void> store_all(Range const& resources, Describe&& describe) {
        using T = std::remove_cvref_t<decltype(sql::detail::deref(*std::begin(resources)))>;
        return store_all<table_v<T>>(resources, describe);
    }

    /// The connection, for anything else.
    sqlite3* handle() const noexcept { return db_.get(); }

private:
    database(std::unique_ptr<sqlite3, detail::close_db> db, timeouts t)
        : db_(std::move(db)), timeouts_(t), clock_(std::make_unique<deadline_clock>()) {}

    /// The current statement's deadline, where SQLite's progress handler reads it (it stays put
    /// when the database moves).
    struct deadline_clock {
        std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
        static int passed(void* self) { return std::chrono::steady_clock::now() > static_cast<deadline_clock*>(self)->deadline; }
    };

    /// The failure of the last call: unavailable when SQLite cannot read or write the file
    /// (`SQLITE_IOERR`, `SQLITE_CANTOPEN`, `SQLITE_BUSY` past its timeout, `SQLITE_FULL`, not a
    /// database or a damaged one), a timeout when the statement ran past its deadline, else a
    /// refused statement.
    query_errors failure(std::string message) const {
        switch (sqlite3_errcode(db_.get())) {
        case SQLITE_INTERRUPT: return database_failure(error::database_timeout, std::move(message));
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_BUSY:
        case SQLITE_FULL:
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT: return database_failure(error::database_unavailable, std::move(message));
        default: return database_failure(error::database_error, std::move(message));
        }
    }

    /// Column `i` of the row `s` holds, where an integer should be.
    static query_errors not_an_integer(std::string const& text, sqlite3_stmt* s, int i) {
        auto const* value = reinterpret_cast<char const*>(sqlite3_column_text(s, i));
        return sql::detail::not_an_integer(text, value ? value : "NULL");
    }

    query_errors fail(char const* what, std::string const& sql) const {
        return failure(std::string("SQLite: ") + what + " `" + sql + "`: " + sqlite3_errmsg(db_.get()));
    }

    result<sqlite3_stmt*> prepare(std::string const& text) {
        if (auto it = statements_.find(text); it != statements_.end())
            return it->second.get();
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v3(db_.get(), text.data(), static_cast<int>(text.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                               nullptr) != SQLITE_OK)
            return fail("cannot prepare", text);
        return statements_.emplace(text, detail::statement_ptr(raw)).first->second.get();
    }

    static int bind(sqlite3_stmt* s, int i, parameter const& p, std::vector<std::string>& lists) {
        return std::visit(
            [&](auto const& v) {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, std::monostate>)
                    return sqlite3_bind_null(s, i);
                else if constexpr (std::is_same_v<V, std::int64_t>)
                    return sqlite3_bind_int64(s, i, v);
                else if constexpr (std::is_same_v<V, std::string_view>)
                    return sqlite3_bind_text64(s, i, v.data() ? v.data() : "", v.size(), SQLITE_STATIC, SQLITE_UTF8); // a null pointer binds NULL
                else if constexpr (std::is_same_v<V, time_point>)
                    return sqlite3_bind_int64(s, i, v.time_since_epoch().count());
                else {
                    lists.push_back(detail::json_array(v));
                    return sqlite3_bind_text64(s, i, lists.back().data(), lists.back().size(), SQLITE_STATIC,
                                               SQLITE_UTF8);
                }
            },
            p);
    }

    std::unique_ptr<sqlite3, detail::close_db> db_;
    timeouts timeouts_;
    std::unique_ptr<deadline_clock> clock_;
    std::string path_; // a file's, empty for a database in memory
    std::optional<std::pair<dev_t, ino_t>> identity_;
    boost::unordered_flat_map<std::string, detail::statement_ptr> statements_;
};

} // namespace listquery::sql::sqlite
