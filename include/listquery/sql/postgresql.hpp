// SPDX-License-Identifier: BSL-1.0
// The PostgreSQL executor: link the CMake target listquery::postgresql (libpq).
#pragma once

#include <listquery/sql.hpp>
#include <listquery/sql/timeouts.hpp>
#include <listquery/detail/utf8.hpp>

#include <boost/unordered/unordered_flat_map.hpp>

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace listquery::sql::postgresql {


namespace detail {

struct finish {
    void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct clear {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, clear>;

/// A time as a `timestamp` literal: `YYYY-MM-DD hh:mm:ss.ffffff`, with ` BC` before year 1
/// (PostgreSQL has no year 0: ISO year 0 is 1 BC).
inline std::string timestamp_text(time_point t) {
    using namespace std::chrono;
    auto const day = floor<days>(t);
    year_month_day const ymd{day};
    hh_mm_ss<microseconds> const time{t - day};
    int const y = static_cast<int>(ymd.year());
    char buf[48];
    (void)std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d.%06lld%s", y > 0 ? y : 1 - y,
                        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                        static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                        static_cast<int>(time.seconds().count()), static_cast<long long>(time.subseconds().count()),
                        y > 0 ? "" : " BC");
    return buf;
}

/// Whether PostgreSQL can hold `s` as text: UTF-8, without NUL. Text it cannot hold equals
/// nothing stored, so a list drops it (docs/sql.md#postgresql).
inline bool storable(std::string_view s) {
    return s.find('\0') == std::string_view::npos && listquery::detail::is_valid_utf8(s);
}

/// An array literal, `{"a","b\"c"}`: each element quoted, `"` and `\` escaped.
inline std::string array_literal(std::vector<std::string_view> const& values) {
    std::string out = "{";
    for (auto v : values) {
        if (!storable(v))
            continue;
        out += out.size() == 1 ? "\"" : ",\"";
        for (char c : v)
            (c == '"' || c == '\\' ? out += '\\' : out) += c;
        out += '"';
    }
    return out += "}";
}

inline std::string array_literal(std::vector<time_point> const& values) {
    std::string out = "{";
    for (auto v : values)
        ((out += out.size() == 1 ? "\"" : ",\"") += timestamp_text(v)) += '"';
    return out += "}";
}

/// Waits until `socket` can be read (or written, with `write`) or `deadline` passes: false then.
inline bool await_socket(int socket, bool write, std::chrono::steady_clock::time_point deadline) {
    using namespace std::chrono;
    for (;;) {
        int wait = -1; // no deadline
        if (deadline != steady_clock::time_point::max()) {
            auto const left = ceil<milliseconds>(deadline - steady_clock::now()).count();
            if (left <= 0)
                return false;
            wait = static_cast<int>(std::min<long long>(left, 1 << 30));
        }
        pollfd p{socket, static_cast<short>(write ? POLLOUT : POLLIN), 0};
        int const n = ::poll(&p, 1, wait);
        if (n > 0)
            return true; // readable, writable, or an error libpq reads next
        if (n == 0)
            return false;
        if (errno != EINTR)
            return true; // let libpq find what is wrong with the socket
    }
}

/// SQLSTATEs that mean the server, not the statement, failed: a connection exception (08),
/// too many connections (53300), a shutdown or a restart (57P01..57P05).
inline bool server_gone(std::string_view state) {
    return state.starts_with("08") || state == "53300" || (state.starts_with("57P") && state != "57P04");
}

} // namespace detail

//------------------------------------------------
/** One PostgreSQL connection and its prepared statements (docs/sql.md#postgresql).

    Each statement text is prepared once per connection and run with text parameters. Every
    wait for the server is bounded by the connection's `timeouts` (docs/sql.md#timeouts): a
    connection that misses its deadline is closed (`usable()` is then false) and the call fails
    with `error::database_timeout`; a lost server fails a call with `error::database_unavailable`.
    A connection is not thread-safe: use one per thread; `sql::reconnecting` reopens it.

    @par Example
    @code
    auto db = listquery::sql::postgresql::database::connect("host=/tmp/pg port=5432 dbname=cf");
    auto c = listquery::sql::compile<listquery::cf::droplets, my::droplet>(q, listquery::sql::dialect::postgresql);
    listquery::result<listquery::sql::page> page = db->run(c);
    @endcode
*/
class database {
public:
    /// The SQL this connection runs.
    static constexpr dialect sql_dialect = dialect::postgresql;

    /** Connects with a libpq connection string or URI (`postgresql://…`) within
        `t.connect`, and has the server cancel any statement past `t.statement`. The connection
        calls itself `listquery` in `pg_stat_activity` unless `application_name` says otherwise.
        The server's notices are ignored (libpq would print them on stderr).
    */
    static result<database> connect(std::string const& conninfo, timeouts t = {}) {
        auto const deadline = sql::detail::deadline_after(t.connect);
        char const* const keys[] = {"dbname", "fallback_application_name", nullptr};
        char const* const values[] = {conninfo.c_str(), "listquery", nullptr};
        std::unique_ptr<PGconn, detail::finish> conn(PQconnectStartParams(keys, values, 1));
        if (!conn)
            return database_failure(error::database_unavailable, "PostgreSQL: out of memory");
        for (auto state = PGRES_POLLING_WRITING; state != PGRES_POLLING_OK; state = PQconnectPoll(conn.get())) {
            if (state == PGRES_POLLING_FAILED || PQstatus(conn.get()) == CONNECTION_BAD)
                return database_failure(error::database_unavailable,
                                        "cannot connect to PostgreSQL: " + one_line(PQerrorMessage(conn.get())));
            if (!detail::await_socket(PQsocket(conn.get()), state == PGRES_POLLING_WRITING, deadline))
                return database_failure(error::database_timeout, "cannot connect to PostgreSQL: no answer within " +
                                                                     std::to_string(t.connect.count()) + " ms");
        }
        // A server's notices (Citus' progress, say) are not a library's to print on stderr.
        PQsetNoticeProcessor(conn.get(), [](void*, char const*) {}, nullptr);
        database db(std::move(conn), t);
        if (t.statement.count() > 0)
            if (auto set = db.limit_statements(t.statement); !set)
                return set.error();
        return db;
    }

    /// Bounds each statement from now on by `limit` (zero: no limit), here and on the server.
    result<void> limit_statements(std::chrono::milliseconds limit) {
        // The server cancels a little before the client gives up, so that an overloaded server's
        // slow statement ends with its answer, on a connection that stays open.
        auto const cancel = limit - std::min(limit / 10, std::chrono::milliseconds(250));
        if (auto set = execute("SET statement_timeout = " + std::to_string(cancel.count())); !set)
            return set;
        timeouts_.statement = limit;
        return {};
    }

    /// Whether the connection can still be used: open, and not broken or closed after a timeout.
    bool usable() const noexcept { return conn_ && PQstatus(conn_.get()) == CONNECTION_OK; }

    /// Runs `sql`, one or more statements without parameters (a schema, say).
    result<void> execute(std::string const& sql) {
        if (!usable())
            return closed(sql);
        if (PQsendQuery(conn_.get(), sql.c_str()) != 1)
            return fail("cannot run", sql);
        auto r = answer("cannot run", sql);
        if (!r)
            return r.error();
        return {};
    }

    /// Runs a compiled query: the page's rows and the exact total.
    result<page> run(compiled_query const& c) {
        return sql::detail::run_compiled(*this, c, [&](page& out) -> result<bool> {
            bool counted = false;
            std::optional<query_errors> bad; // a column that is not the integer it should be
            auto const read = query(c.page.text, c.page.parameters, [&](PGresult* r) {
                int const n = PQntuples(r);
                out.rows.reserve(static_cast<std::size_t>(n));
                for (int i = 0; i < n && !bad; ++i) {
                    auto const id = sql::detail::read_integer(PQgetvalue(r, i, 0));
                    if (!id) {
                        bad = sql::detail::not_an_integer(c.page.text, PQgetvalue(r, i, 0));
                        break;
                    }
                    row x{*id, {}};
                    if (c.has_document)
                        x.document.assign(PQgetvalue(r, i, 1), static_cast<std::size_t>(PQgetlength(r, i, 1)));
                    if (c.page_counts) {
                        char const* const text = PQgetvalue(r, i, c.has_document ? 2 : 1);
                        auto const total = sql::detail::read_integer(text);
                        if (!total || *total < 0)
                            bad = sql::detail::not_an_integer(c.page.text, text);
                        out.total_results = total ? static_cast<std::uint64_t>(*total) : 0;
                        counted = true;
                    }
                    out.rows.push_back(std::move(x));
                }
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
        std::optional<std::int64_t> value = 0;
        std::string cell;
        auto r = query(text, parameters, [&](PGresult* res) {
            if (PQntuples(res) > 0)
                value = sql::detail::read_integer(cell = PQgetvalue(res, 0, 0));
        });
        if (!r)
            return r.error();
        if (!value)
            return sql::detail::not_an_integer(text, cell);
        return *value;
    }

    /// Every row `text` yields, each column as text (SQL NULL as none): for statements whose
    /// columns the caller reads itself, as keyset pages do (sql/keyset.hpp).
    result<text_table> text_rows(std::string const& text, std::span<parameter const> parameters) {
        text_table out;
        auto r = query(text, parameters, [&](PGresult* res) {
            for (int row = 0, rows = PQntuples(res); row < rows; ++row) {
                auto& cells = out.emplace_back();
                for (int col = 0, cols = PQnfields(res); col < cols; ++col)
                    cells.push_back(PQgetisnull(res, row, col)
                                        ? std::nullopt
                                        : std::optional<std::string>(std::in_place, PQgetvalue(res, row, col),
                                                                     static_cast<std::size_t>(PQgetlength(res, row, col))));
            }
        });
        if (!r)
            return r.error();
        return out;
    }

    /// Runs `text` with `parameters`, then calls `on_rows(result)` once with all its rows.
    template <class OnRows>
    result<void> query(std::string const& text, std::span<parameter const> parameters, OnRows&& on_rows) {
        auto name = prepare(text);
        if (!name)
            return name.error();
        text_parameters const p(parameters);
        if (!p.sendable)
            return nul_in_text(text);
        if (PQsendQueryPrepared(conn_.get(), (*name)->c_str(), static_cast<int>(p.values.size()), p.values.data(),
                                nullptr, nullptr, 0) != 1)
            return fail("cannot run", text);
        auto r = answer("cannot run", text);
        if (!r)
            return r.error();
        on_rows(r->get());
        return {};
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
        document `describe(resource)` gives as a `stored_as`, a batch of round trips at a time
        (libpq's pipeline mode), in one transaction (a savepoint of the caller's when one is
        open): all of them, or, on a failure, none.
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
        static insert_statements const inserts = insert_statements_for<T, M>(dialect::postgresql);
        auto resource = prepare(inserts.resource);
        if (!resource)
            return resource.error();
        std::string const resource_name = **resource; // the map may move its strings
        std::string label_name;
        if (!inserts.label.empty()) {
            auto label = prepare(inserts.label);
            if (!label)
                return label.error();
            label_name = **label;
        }
        return sql::detail::atomically(*this, PQtransactionStatus(conn_.get()) != PQTRANS_IDLE, [&]() -> result<void> {
            constexpr std::size_t batch = 1000; // resources per sync: bounds what the server buffers
            std::size_t pending = 0;
            result<void> done;
            if (PQenterPipelineMode(conn_.get()) != 1)
                return fail("cannot enter pipeline mode for", inserts.resource);
            for (auto const& item : resources) {
                T const& r = sql::detail::deref(item);
                stored_as const how = describe(r);
                bool sent = send(resource_name, resource_parameters<M>(r, how.id, how.document));
                if (!M.labels.empty())
                    for_each_label(r, [&](std::string_view guid, stored_label const& l) {
                        sent = send(label_name, label_parameters(guid, l)) && sent;
                    });
                if (!sent)
                    done = nul_in_text(inserts.resource);
                if (++pending == batch || !done) {
                    auto synced = sync(inserts.resource); // reads every result sent
                    if (done)
                        done = std::move(synced);
                    pending = 0;
                }
                if (!done)
                    break; // the transaction is lost: nothing more to send
            }
            if (pending != 0)
                done = sync(inserts.resource);
            PQexitPipelineMode(conn_.get());
            return done;
        });
    }

    /// The connection, for anything else.
    PGconn* handle() const noexcept { return conn_.get(); }

private:
    database(std::unique_ptr<PGconn, detail::finish> conn, timeouts t) : conn_(std::move(conn)), timeouts_(t) {}

    /** Waits, within the statement timeout, for every result of what was just sent: the last
        one, or the first failure. Past the deadline the connection is closed: its answer may
        still come, and nothing else could be read before it.
    */
    result<detail::result_ptr> answer(char const* doing, std::string const& what) {
        auto const deadline = sql::detail::deadline_after(timeouts_.statement);
        detail::result_ptr last;
        for (;;) {
            while (PQisBusy(conn_.get())) {
                if (!detail::await_socket(PQsocket(conn_.get()), false, deadline)) {
                    conn_.reset();
                    return database_failure(error::database_timeout, "PostgreSQL: no answer to `" + what + "` within " +
                                                                         std::to_string(timeouts_.statement.count()) + " ms");
                }
                if (PQconsumeInput(conn_.get()) != 1)
                    return fail(doing, what);
            }
            detail::result_ptr r(PQgetResult(conn_.get()));
            if (!r)
                break;
            if (!last || ok(last.get()))
                last = std::move(r); // the first failure stays
        }
        if (!last || !ok(last.get()))
            return failure(std::string("PostgreSQL: ") + doing + " `" + what + "`: " +
                               one_line(last ? PQresultErrorMessage(last.get()) : PQerrorMessage(conn_.get())),
                           last.get());
        return last;
    }

    query_errors closed(std::string const& what) const {
        return database_failure(error::database_unavailable,
                                "PostgreSQL: cannot run `" + what + "`: the connection is closed");
    }


    /// Queues a prepared statement in the pipeline; false, sending nothing, when a text holds a
    /// NUL byte.
    bool send(std::string const& name, std::span<parameter const> parameters) {
        text_parameters const p(parameters);
        if (p.sendable) // copied into libpq's buffer; a failure shows as the pipeline's result
            PQsendQueryPrepared(conn_.get(), name.c_str(), static_cast<int>(p.values.size()), p.values.data(), nullptr,
                                nullptr, 0);
        return p.sendable;
    }

    /// Parameters as libpq's text values, which end at a NUL byte: a text holding one cannot be
    /// sent (it would be cut short), and is not (`sendable` is false).
    struct text_parameters {
        std::vector<std::string> texts;
        std::vector<char const*> values;
        bool sendable = true;

        explicit text_parameters(std::span<parameter const> parameters)
            : texts(parameters.size()), values(parameters.size()) {
            for (std::size_t i = 0; i < parameters.size(); ++i) {
                values[i] = encode(parameters[i], texts[i]);
                sendable = sendable && (!values[i] || texts[i].find('\0') == std::string::npos);
            }
        }
    };

    static query_errors nul_in_text(std::string const& sql) {
        return database_failure(error::database_error, "PostgreSQL: cannot send `" + sql +
                                                           "`: a text parameter holds a NUL byte, which PostgreSQL text cannot hold");
    }

    /// Ends a batch of the pipeline and reads every result: the first failure, or success.
    result<void> sync(std::string const& what) {
        result<void> done;
        if (PQpipelineSync(conn_.get()) != 1)
            return fail("cannot sync the pipeline of", what);
        for (;;) {
            detail::result_ptr r(PQgetResult(conn_.get()));
            if (!r && PQstatus(conn_.get()) == CONNECTION_BAD)
                return fail("cannot run the pipeline of", what);
            if (!r)
                continue; // the end of one statement's results
            auto const status = PQresultStatus(r.get());
            if (status == PGRES_PIPELINE_SYNC)
                return done;
            if (done && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
                done = failure("PostgreSQL: cannot run `" + what + "`: " + one_line(PQresultErrorMessage(r.get())));
        }
    }

    static std::string one_line(char const* message) {
        std::string s;
        for (char const* p = message ? message : ""; *p; ++p) // "\n\t" and "\n" become one space
            if (*p != '\t' || p == message || p[-1] != '\n')
                s += *p == '\n' ? ' ' : *p;
        while (!s.empty() && s.back() == ' ')
            s.pop_back();
        return s;
    }

    static bool ok(PGresult const* r) {
        auto const status = PQresultStatus(r);
        return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    }

    /// The failure of the last call (`r` its result, if any): unavailable when the connection
    /// is gone (the server closed it, or it broke) or the server is going away, a timeout when
    /// the server cancelled the statement for its time (57014), else a refused statement.
    query_errors failure(std::string message, PGresult const* r = nullptr) const {
        char const* const sqlstate = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        std::string_view const state = sqlstate ? sqlstate : "";
        error const code = !usable() || detail::server_gone(state) ? error::database_unavailable
                           : state == "57014"                     ? error::database_timeout
                                                                  : error::database_error;
        return database_failure(code, std::move(message));
    }

    query_errors fail(char const* what, std::string const& sql) const {
        return failure(std::string("PostgreSQL: ") + what + " `" + sql + "`: " + one_line(PQerrorMessage(conn_.get())));
    }

    /// The name `text` is prepared under (valid until the next prepare).
    result<std::string const*> prepare(std::string const& text) {
        if (auto it = statements_.find(text); it != statements_.end())
            return &it->second;
        if (!usable())
            return closed(text);
        std::string name = "listquery_" + std::to_string(statements_.size() + 1);
        if (PQsendPrepare(conn_.get(), name.c_str(), text.c_str(), 0, nullptr) != 1)
            return fail("cannot prepare", text);
        if (auto r = answer("cannot prepare", text); !r)
            return r.error();
        return &statements_.emplace(text, std::move(name)).first->second;
    }

    /// `p` as a text parameter (null for NULL); `buffer` holds the text.
    static char const* encode(parameter const& p, std::string& buffer) {
        return std::visit(
            [&](auto const& v) -> char const* {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, std::monostate>)
                    return nullptr;
                else if constexpr (std::is_same_v<V, std::int64_t>)
                    buffer = std::to_string(v);
                else if constexpr (std::is_same_v<V, std::string_view>)
                    buffer.assign(v.data(), v.size()); // NUL-terminated for libpq
                else if constexpr (std::is_same_v<V, time_point>)
                    buffer = detail::timestamp_text(v);
                else
                    buffer = detail::array_literal(v);
                return buffer.c_str();
            },
            p);
    }

    std::unique_ptr<PGconn, detail::finish> conn_;
    timeouts timeouts_;
    boost::unordered_flat_map<std::string, std::string> statements_;
};

} // namespace listquery::sql::postgresql
