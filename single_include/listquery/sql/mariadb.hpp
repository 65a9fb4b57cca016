// SPDX-License-Identifier: BSL-1.0
// listquery 0.1.0: GENERATED from include/ by tools/amalgamate.py. Do not edit.
#ifndef LISTQUERY_SINGLE_INCLUDE_MARIADB_HPP
#define LISTQUERY_SINGLE_INCLUDE_MARIADB_HPP
// begin file listquery/sql/mariadb.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_MARIADB_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_MARIADB_HPP
// The MariaDB executor: link the CMake target listquery::mariadb (libmariadb).

#include <listquery/sql.hpp>
// begin file listquery/sql/json_list.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_JSON_LIST_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_JSON_LIST_HPP
// A list parameter as a JSON array, for the executors that bind a list as one JSON text
// (SQLite's json_each, MariaDB's JSON_TABLE); needs Boost.JSON's library.

// #include <listquery/sql/statement.hpp> (already inlined)

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace listquery::sql::detail {

/// The texts `keep` accepts as a JSON array (Boost.JSON escapes each string): a text the
/// database could not read back whole, or that equals nothing it stores, is left out.
template <class Keep>
std::string json_array(std::vector<std::string_view> const& values, Keep keep) {
    std::string out = "[";
    for (auto v : values)
        if (keep(v))
            (out += out.size() == 1 ? "" : ",") += boost::json::serialize(boost::json::string_view(v.data(), v.size()));
    return out += "]";
}

/// Times as a JSON array of integer microseconds since the epoch.
inline std::string json_array(std::vector<time_point> const& values) {
    std::string out = "[";
    for (auto v : values)
        (out += out.size() == 1 ? "" : ",") += std::to_string(v.time_since_epoch().count());
    return out += "]";
}

} // namespace listquery::sql::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_JSON_LIST_HPP
// end file listquery/sql/json_list.hpp
// #include <listquery/sql/timeouts.hpp> (already inlined)
// begin file listquery/detail/utf8.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_UTF8_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_UTF8_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace listquery::detail {

/// Length of the well-formed UTF-8 sequence (Unicode Table 3-7) at `s[i]`, or 0 if there is none.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    auto in = [&](std::size_t k, unsigned lo, unsigned hi) {
        return k < s.size() && byte(k) >= lo && byte(k) <= hi;
    };
    unsigned const b = byte(i);
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return in(i + 1, 0x80, 0xBF) ? 2 : 0;
    if (b >= 0xE0 && b <= 0xEF) {
        unsigned const lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
        return in(i + 1, lo, hi) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        unsigned const lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
        return in(i + 1, lo, hi) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
}

/// Whether all of `s` is well-formed UTF-8.
inline bool is_valid_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t const n = utf8_sequence_length(s, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

/// `s` with every byte that does not start a well-formed UTF-8 sequence replaced by U+FFFD.
inline std::string to_valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (std::size_t const n = utf8_sequence_length(s, i)) {
            out.append(s, i, n);
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_UTF8_HPP
// end file listquery/detail/utf8.hpp

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/url/parse.hpp>

#include <mysql.h>

#include <bit>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace listquery::sql::mariadb {

/// Where and as whom to connect (docs/sql.md#mariadb).
struct connection_options {
    std::string host, user, password, database;
    unsigned port = 0;
    /// A Unix socket path: used instead of `host` and `port` when not empty.
    std::string socket;
};

/** `mariadb://[user[:password]@][host][:port]/database[?socket=PATH]`, each part
    percent-decoded; none when `url` is not one.
*/
inline std::optional<connection_options> parse_url(std::string_view url) {
    auto const u = boost::urls::parse_uri(url);
    if (!u || (u->scheme() != "mariadb" && u->scheme() != "mysql"))
        return std::nullopt;
    connection_options o;
    o.host = u->host();
    o.user = u->user();
    o.password = u->password();
    if (u->has_port()) {
        if (u->port_number() == 0)
            return std::nullopt;
        o.port = u->port_number();
    }
    std::string path = u->path();
    if (!path.empty() && path.front() == '/')
        path.erase(0, 1);
    if (path.empty() || path.find('/') != std::string::npos)
        return std::nullopt;
    o.database = path;
    for (auto const& p : u->params()) {
        if (p.key != "socket" || !p.has_value)
            return std::nullopt;
        o.socket = p.value;
    }
    return o;
}

namespace detail {

struct close_connection {
    void operator()(MYSQL* m) const noexcept { mysql_close(m); }
};
struct close_statement {
    void operator()(MYSQL_STMT* s) const noexcept { mysql_stmt_close(s); }
};
using statement_ptr = std::unique_ptr<MYSQL_STMT, close_statement>;

/// A list as `JSON_TABLE` reads it. A text that is not UTF-8 equals nothing a `utf8mb4` column
/// holds, so the list leaves it out (as on PostgreSQL).
inline std::string json_array(std::vector<std::string_view> const& values) {
    return sql::detail::json_array(values, [](std::string_view v) { return listquery::detail::is_valid_utf8(v); });
}
using sql::detail::json_array;

/// Errors that mean the server, not the statement, failed: it cannot be reached or went away
/// (client errors 2002, 2003, 2005, 2006, 2013, 2055), too many connections (1040), shutting
/// down (1053), the connection killed (1927).
inline bool server_gone(unsigned code) {
    switch (code) {
    case 2002: case 2003: case 2005: case 2006: case 2013: case 2055: case 1040: case 1053: case 1927: return true;
    default: return false;
    }
}

/// Whole seconds, rounded up, as libmariadb's timeouts take them; at least 1.
inline unsigned whole_seconds(std::chrono::milliseconds t) {
    return static_cast<unsigned>(std::max<long long>(1, (t.count() + 999) / 1000));
}

} // namespace detail

//------------------------------------------------
/** One MariaDB connection and its server-side prepared statements (docs/sql.md#mariadb).

    Each statement text is prepared once per connection and run with binary parameters, so that
    no value is ever part of a statement's text. The session is fixed at connect: `utf8mb4`,
    strict mode, UTC. The connection's `timeouts` bound every wait: connecting, and each read or
    write of a statement (in whole seconds, libmariadb's unit, set when connecting), while the
    server cancels a statement a little earlier (`max_statement_time`). A lost server fails a
    call with `error::database_unavailable`, a cancelled statement with
    `error::database_timeout`. Not thread-safe: one per thread; `sql::reconnecting` reopens it.

    @par Example
    @code
    auto db = listquery::sql::mariadb::database::connect("mariadb://root@localhost/cf?socket=/run/mysqld/mysqld.sock");
    auto c = listquery::sql::compile<listquery::cf::droplets, my::droplet>(q, listquery::sql::dialect::mariadb);
    listquery::result<listquery::sql::page> page = db->run(c);
    @endcode
*/
class database {
public:
    /// The SQL this connection runs.
    static constexpr dialect sql_dialect = dialect::mariadb;

    /// Connects to the server and database a `mariadb://` URL names (`parse_url`).
    static result<database> connect(std::string_view url, timeouts t = {}) {
        auto const o = parse_url(url);
        if (!o)
            return database_failure(error::database_unavailable,
                                    "not a MariaDB URL: `" + std::string(url) +
                                        "` (mariadb://[user[:password]@][host][:port]/database[?socket=PATH])");
        return connect(*o, t);
    }

    /// Connects as `o` says, within `t.connect`; statements bounded by `t.statement`.
    static result<database> connect(connection_options const& o, timeouts t = {}) {
        std::unique_ptr<MYSQL, detail::close_connection> m(mysql_init(nullptr));
        if (!m)
            return database_failure(error::database_unavailable, "MariaDB: out of memory");
        unsigned const connect_seconds = detail::whole_seconds(t.connect);
        mysql_options(m.get(), MYSQL_SET_CHARSET_NAME, "utf8mb4");
        if (t.connect.count() > 0)
            mysql_options(m.get(), MYSQL_OPT_CONNECT_TIMEOUT, &connect_seconds);
        if (t.statement.count() > 0) {
            unsigned const seconds = detail::whole_seconds(t.statement);
            mysql_options(m.get(), MYSQL_OPT_READ_TIMEOUT, &seconds);
            mysql_options(m.get(), MYSQL_OPT_WRITE_TIMEOUT, &seconds);
        }
        auto const text = [](std::string const& s) { return s.empty() ? nullptr : s.c_str(); };
        if (!mysql_real_connect(m.get(), text(o.host), text(o.user), o.password.c_str(), text(o.database), o.port,
                                text(o.socket), CLIENT_MULTI_STATEMENTS)) {
            unsigned const code = mysql_errno(m.get());
            std::string const why = "cannot connect to MariaDB: " + std::string(mysql_error(m.get()));
            return database_failure(code == 1045 || code == 1049 || detail::server_gone(code) ? error::database_unavailable
                                                                                             : error::database_error,
                                    why);
        }
        database db(std::move(m), t);
        // Fixed whatever the server's defaults: refuse what does not fit rather than cut it, and
        // keep NOW() in UTC.
        if (auto set = db.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION', time_zone = '+00:00'"); !set)
            return set.error();
        if (auto set = db.limit_statements(t.statement); !set)
            return set.error();
        return db;
    }

    /** Bounds each statement from now on by `limit` (zero: no limit) on the server
        (`max_statement_time`). The client's own wait is bounded only by the `timeouts` given to
        `connect`: libmariadb sets it when it connects (docs/sql.md#mariadb).
    */
    result<void> limit_statements(std::chrono::milliseconds limit) {
        // The server cancels a little before the client gives up, so that a slow statement ends
        // with its answer, on a connection that stays open.
        auto const cancel = limit - std::min(limit / 10, std::chrono::milliseconds(250));
        if (!usable())
            return closed("SET SESSION max_statement_time");
        // MySQL names it max_execution_time, in milliseconds, and applies it to SELECT only.
        std::string const set_limit = mariadb_connection(conn_.get())
                                          ? "SET SESSION max_statement_time = " +
                                                std::to_string(static_cast<double>(cancel.count()) / 1000.0)
                                          : "SET SESSION max_execution_time = " + std::to_string(cancel.count());
        if (auto set = execute(set_limit); !set)
            return set;
        timeouts_.statement = limit;
        return {};
    }

    /// Whether the connection can still be used: open, and not lost or closed after a timeout.
    bool usable() const noexcept { return conn_ && !broken_; }

    /// Runs `sql`, one or more statements without parameters (a schema, say).
    result<void> execute(std::string const& sql) {
        if (!usable())
            return closed(sql);
        if (mysql_real_query(conn_.get(), sql.data(), sql.size()) != 0)
            return failure("cannot run", sql, mysql_errno(conn_.get()), mysql_error(conn_.get()));
        for (;;) { // every statement's result, each read and dropped
            if (MYSQL_RES* r = mysql_store_result(conn_.get()))
                mysql_free_result(r);
            int const next = mysql_next_result(conn_.get());
            if (next < 0)
                return {};
            if (next > 0)
                return failure("cannot run", sql, mysql_errno(conn_.get()), mysql_error(conn_.get()));
        }
    }

    /// Runs a compiled query: the page's rows and the exact total.
    result<page> run(compiled_query const& c) {
        return sql::detail::run_compiled(*this, c, [&](page& out) -> result<bool> {
            auto rows = text_rows(c.page.text, c.page.parameters);
            if (!rows)
                return rows.error();
            bool counted = false;
            for (auto& cells : *rows) {
                auto const id = cells[0] ? sql::detail::read_integer(*cells[0]) : std::nullopt;
                if (!id)
                    return sql::detail::not_an_integer(c.page.text, cells[0].value_or("NULL"));
                row x{*id, {}};
                if (c.has_document)
                    x.document = std::move(cells[1]).value_or("");
                if (c.page_counts) {
                    auto const& cell = cells[c.has_document ? 2 : 1];
                    auto const total = cell ? sql::detail::read_integer(*cell) : std::nullopt;
                    if (!total || *total < 0)
                        return sql::detail::not_an_integer(c.page.text, cell.value_or("NULL"));
                    out.total_results = static_cast<std::uint64_t>(*total);
                    counted = true;
                }
                out.rows.push_back(std::move(x));
            }
            return counted;
        });
    }

    /// The first column of the first row `text` yields, as an integer (a count, say).
    result<std::int64_t> scalar(std::string const& text, std::span<parameter const> parameters) {
        auto rows = text_rows(text, parameters);
        if (!rows)
            return rows.error();
        if (rows->empty() || rows->front().empty())
            return 0;
        auto const& cell = rows->front().front();
        auto const value = cell ? sql::detail::read_integer(*cell) : std::nullopt;
        if (!value)
            return sql::detail::not_an_integer(text, cell.value_or("NULL"));
        return *value;
    }

    /// Every row `text` yields, each column as text (SQL NULL as none).
    result<text_table> text_rows(std::string const& text, std::span<parameter const> parameters) {
        auto s = prepare(text);
        if (!s)
            return s.error();
        MYSQL_STMT* const stmt = *s;
        if (auto done = bind_and_execute(stmt, text, parameters); !done)
            return done.error();
        text_table out;
        MYSQL_RES* const meta = mysql_stmt_result_metadata(stmt);
        if (!meta)
            return out; // no result set (an INSERT, say)
        std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> held(meta, &mysql_free_result);
        auto const columns = mysql_num_fields(meta);
        std::vector<MYSQL_BIND> binds(columns);
        std::vector<std::string> buffers(columns, std::string(64, '\0'));
        std::vector<unsigned long> lengths(columns);
        std::vector<my_bool> nulls(columns), errors(columns);
        for (unsigned i = 0; i < columns; ++i) {
            binds[i].buffer_type = MYSQL_TYPE_STRING; // every value as text, as the other executors read it
            binds[i].buffer = buffers[i].data();
            binds[i].buffer_length = buffers[i].size();
            binds[i].length = &lengths[i];
            binds[i].is_null = &nulls[i];
            binds[i].error = &errors[i];
        }
        if (mysql_stmt_bind_result(stmt, binds.data()) != 0)
            return statement_failure("cannot read", text, stmt);
        for (;;) {
            int const rc = mysql_stmt_fetch(stmt);
            if (rc == MYSQL_NO_DATA)
                break;
            if (rc == 1)
                return statement_failure("cannot read", text, stmt);
            auto& cells = out.emplace_back();
            for (unsigned i = 0; i < columns; ++i) {
                if (nulls[i]) {
                    cells.emplace_back();
                    continue;
                }
                if (lengths[i] > buffers[i].size()) { // cut short: read the whole value
                    std::string whole(lengths[i], '\0');
                    MYSQL_BIND b{};
                    b.buffer_type = MYSQL_TYPE_STRING;
                    b.buffer = whole.data();
                    b.buffer_length = whole.size();
                    if (mysql_stmt_fetch_column(stmt, &b, i, 0) != 0)
                        return statement_failure("cannot read", text, stmt);
                    cells.emplace_back(std::move(whole));
                } else {
                    cells.emplace_back(std::in_place, buffers[i].data(), lengths[i]);
                }
            }
        }
        mysql_stmt_free_result(stmt);
        return out;
    }

    /// Stores `r` (its row and its labels) with id `id` and document `document`.
    template <mapped_resource T>
    result<void> store(T const& r, std::int64_t id, std::string_view document = {}) {
        return store<table_v<T>>(r, id, document);
    }

    /// Stores `r` as `M` maps it (its row, and its labels if `M` has a labels table).
    template <table_mapping const& M, class T>
    result<void> store(T const& r, std::int64_t id, std::string_view document = {}) {
        T const* one[] = {&r};
        return store_all<M>(one, [&](T const&) { return stored_as{id, document}; });
    }

    /** Stores each resource of `resources` (a range of `T` or of `T const*`), with the id and
        document `describe(resource)` gives, in one transaction (a savepoint of the caller's
        when one is open): all of them, or, on a failure, none.
    */
    template <class Range, class Describe>
    result<void> store_all(Range const& resources, Describe&& describe) {
        using T = std::remove_cvref_t<decltype(sql::detail::deref(*std::begin(resources)))>;
        return store_all<table_v<T>>(resources, describe);
    }

    /// `store_all` with the resources stored as `M` maps them.
    template <table_mapping const& M, class Range, class Describe>
    result<void> store_all(Range const& resources, Describe&& describe) {
        using T = std::remove_cvref_t<decltype(sql::detail::deref(*std::begin(resources)))>;
        static insert_statements const inserts = insert_statements_for<T, M>(dialect::mariadb);
        bool const open = usable() && (conn_->server_status & SERVER_STATUS_IN_TRANS) != 0;
        return sql::detail::atomically(*this, open, [&]() -> result<void> {
            std::vector<parameter> rows, labels; // flattened, each row's parameters in turn
            std::size_t width = 0;
            auto const flush = [&]() -> result<void> { // the rows first: their labels follow them
                if (auto done = insert_rows(inserts.resource, width, rows); !done)
                    return done;
                rows.clear();
                if (auto done = insert_rows(inserts.label, 4, labels); !done)
                    return done;
                labels.clear();
                return {};
            };
            for (auto const& item : resources) {
                T const& r = sql::detail::deref(item);
                stored_as const how = describe(r);
                auto const p = resource_parameters<M>(r, how.id, how.document);
                width = p.size();
                rows.insert(rows.end(), p.begin(), p.end());
                if (!M.labels.empty())
                    for_each_label(r, [&](std::string_view guid, stored_label const& l) {
                        auto const lp = label_parameters(guid, l);
                        labels.insert(labels.end(), lp.begin(), lp.end());
                    });
                if (rows.size() >= rows_per_insert * width || labels.size() >= rows_per_insert * 4)
                    if (auto done = flush(); !done)
                        return done;
            }
            return flush();
        });
    }

    /// The connection, for anything else.
    MYSQL* handle() const noexcept { return conn_.get(); }

private:
    database(std::unique_ptr<MYSQL, detail::close_connection> conn, timeouts t) : conn_(std::move(conn)), timeouts_(t) {}

    query_errors closed(std::string const& what) const {
        return database_failure(error::database_unavailable, "MariaDB: cannot run `" + what + "`: the connection is closed");
    }

    /// The failure of a call: unavailable when the server went away (the connection is then
    /// lost), a timeout when the statement was cancelled for its time (1969) or the read waited
    /// past it, else a refused statement.
    query_errors failure(char const* doing, std::string const& what, unsigned code, char const* message) {
        bool const timed_out = code == 1969 || (code == 2013 && timeouts_.statement.count() > 0 &&
                                                std::chrono::steady_clock::now() >= started_ + timeouts_.statement);
        if (detail::server_gone(code))
            broken_ = true;
        error const kind = timed_out ? error::database_timeout
                           : detail::server_gone(code) ? error::database_unavailable
                                                        : error::database_error;
        return database_failure(kind, std::string("MariaDB: ") + doing + " `" + what + "`: " + message + " (" +
                                          std::to_string(code) + ")");
    }

    query_errors statement_failure(char const* doing, std::string const& what, MYSQL_STMT* s) {
        return failure(doing, what, mysql_stmt_errno(s), mysql_stmt_error(s));
    }

    /// Rows stored by one INSERT: a round trip per row would dominate an import.
    static constexpr std::size_t rows_per_insert = 256;

    /// Runs `single` (an INSERT of one row of `width` parameters) for each row in `parameters`,
    /// many rows per statement: 256 at a time, then a power of two at a time, so that a few
    /// statement texts are prepared, whatever the count.
    result<void> insert_rows(std::string const& single, std::size_t width, std::span<parameter const> parameters) {
        if (parameters.empty())
            return {};
        std::string_view const tuple = std::string_view(single).substr(single.rfind(" VALUES ") + 8);
        for (std::size_t left = parameters.size() / width; left > 0;) {
            std::size_t n = std::min(left, rows_per_insert);
            n = std::size_t{1} << (std::bit_width(n) - 1);
            std::string text = single;
            for (std::size_t i = 1; i < n; ++i)
                (text += ", ") += tuple;
            std::string const shown = n == 1 ? single : single + ", … (" + std::to_string(n) + " rows)";
            auto s = prepare(text, shown);
            if (!s)
                return s.error();
            if (auto done = bind_and_execute(*s, shown, parameters.first(n * width)); !done)
                return done;
            parameters = parameters.subspan(n * width);
            left -= n;
        }
        return {};
    }

    /// The statement `text` is prepared as (prepared on first use); errors show it as `shown`.
    result<MYSQL_STMT*> prepare(std::string const& text, std::string_view shown = {}) {
        if (auto it = statements_.find(text); it != statements_.end())
            return it->second.get();
        std::string const what(shown.empty() ? std::string_view(text) : shown);
        if (!usable())
            return closed(what);
        started_ = std::chrono::steady_clock::now();
        detail::statement_ptr s(mysql_stmt_init(conn_.get()));
        if (!s)
            return failure("cannot prepare", what, mysql_errno(conn_.get()), mysql_error(conn_.get()));
        if (mysql_stmt_prepare(s.get(), text.data(), text.size()) != 0)
            return statement_failure("cannot prepare", what, s.get());
        return statements_.emplace(text, std::move(s)).first->second.get();
    }

    /// Binds `parameters` (each value in binary, a list as a JSON array), runs the statement
    /// and buffers its rows.
    result<void> bind_and_execute(MYSQL_STMT* s, std::string const& text, std::span<parameter const> parameters) {
        if (mysql_stmt_param_count(s) != parameters.size())
            return database_failure(error::database_error, "MariaDB: `" + text + "` takes " +
                                                               std::to_string(mysql_stmt_param_count(s)) + " parameters, not " +
                                                               std::to_string(parameters.size()));
        std::vector<MYSQL_BIND> binds(parameters.size());
        std::vector<long long> integers(parameters.size());
        std::vector<std::string> lists(parameters.size());
        for (std::size_t i = 0; i < parameters.size(); ++i) {
            MYSQL_BIND& b = binds[i];
            std::visit(
                [&](auto const& v) {
                    using V = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<V, std::monostate>) {
                        b.buffer_type = MYSQL_TYPE_NULL;
                    } else if constexpr (std::is_same_v<V, std::int64_t> || std::is_same_v<V, time_point>) {
                        if constexpr (std::is_same_v<V, time_point>)
                            integers[i] = v.time_since_epoch().count(); // stored as microseconds
                        else
                            integers[i] = v;
                        b.buffer_type = MYSQL_TYPE_LONGLONG;
                        b.buffer = &integers[i];
                    } else if constexpr (std::is_same_v<V, std::string_view>) {
                        b.buffer_type = MYSQL_TYPE_STRING;
                        static char empty[1] = {}; // a null buffer would send NULL
                        b.buffer = v.empty() ? empty : const_cast<char*>(v.data()); // only read
                        b.buffer_length = v.size();
                    } else {
                        lists[i] = detail::json_array(v);
                        b.buffer_type = MYSQL_TYPE_STRING;
                        b.buffer = lists[i].data();
                        b.buffer_length = lists[i].size();
                    }
                },
                parameters[i]);
        }
        started_ = std::chrono::steady_clock::now();
        if (!binds.empty() && mysql_stmt_bind_param(s, binds.data()) != 0)
            return statement_failure("cannot bind", text, s);
        if (mysql_stmt_execute(s) != 0 || mysql_stmt_store_result(s) != 0)
            return statement_failure("cannot run", text, s);
        return {};
    }

    std::unique_ptr<MYSQL, detail::close_connection> conn_;
    timeouts timeouts_;
    bool broken_ = false;
    std::chrono::steady_clock::time_point started_{};
    boost::unordered_flat_map<std::string, detail::statement_ptr> statements_;
};

} // namespace listquery::sql::mariadb
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SQL_MARIADB_HPP
// end file listquery/sql/mariadb.hpp
#endif // LISTQUERY_SINGLE_INCLUDE_MARIADB_HPP
