// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/sql/page.hpp>
#include <listquery/sql/statement.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>

namespace listquery::sql {

/// How `reconnecting` reopens its connection.
struct reconnect_options {
    /// The wait after a failed attempt to open, doubled after each further failure, up to
    /// `longest_wait`; requests meanwhile fail at once (503), without waiting for the database.
    std::chrono::milliseconds first_wait{50}, longest_wait{1000};
    /// Called when the database becomes unavailable (`false`, with the failure) and when it
    /// answers again (`true`): once per change, never per request.
    std::function<void(bool available, query_errors const& why)> on_change;
};

//------------------------------------------------
/** A connection that reopens itself (docs/sql.md#reconnecting): the executor interface of
    `Database` (`sqlite::database`, `postgresql::database`, or any with `usable()`), over a
    connection opened by `open` when needed.

    Before each call, a connection that is no longer usable (broken, closed after a timeout, a
    SQLite file replaced) is dropped and opened again; its statements are prepared again as they
    are used. A read (`run`, `scalar`, `text_rows`: what a store calls) that fails because the
    connection broke is retried once on a fresh connection, so a database restart costs a client
    nothing once the database answers again. After a failed attempt to open, or a timeout,
    further attempts wait `reconnect_options` (capped exponential backoff). Not thread-safe, as
    the connection: one per thread.

    @par Example
    @code
    listquery::sql::reconnecting<listquery::sql::postgresql::database> db(
        [] { return listquery::sql::postgresql::database::connect("postgresql:///cf"); });
    listquery::sql::table_store<my::droplet, decltype(db)> store(db);
    @endcode
*/
template <class Database>
class reconnecting {
public:
    /// The SQL the connection runs.
    static constexpr auto sql_dialect = Database::sql_dialect;
    /// Opens a connection (and whatever it needs, such as a private copy of data).
    using open_function = std::function<result<Database>()>;

    /// Opens with `open` at the first call.
    explicit reconnecting(open_function open, reconnect_options o = {}) : open_(std::move(open)), options_(std::move(o)) {}

    /// Starts from `db`, already open.
    reconnecting(Database db, open_function open, reconnect_options o = {})
        : open_(std::move(open)), options_(std::move(o)), db_(std::move(db)) {}

    /// `Database::run`, retried once on a fresh connection if the connection broke.
    result<page> run(compiled_query const& c) {
        return read([&](Database& db) { return db.run(c); });
    }

    /// `Database::scalar`, retried as `run`.
    result<std::int64_t> scalar(std::string const& text, std::span<parameter const> parameters) {
        return read([&](Database& db) { return db.scalar(text, parameters); });
    }

    /// `Database::text_rows`, retried as `run`.
    result<text_table> text_rows(std::string const& text, std::span<parameter const> parameters) {
        return read([&](Database& db) { return db.text_rows(text, parameters); });
    }

    /// `Database::execute`, on a connection opened again if needed, never retried (it may write).
    result<void> execute(std::string const& sql) {
        if (auto opened = ensure_open(); !opened)
            return opened;
        return observe(db_->execute(sql));
    }

    /// Whether the database answered the last call (or the connection has not been tried yet).
    bool available() const noexcept { return available_; }

    /// The open connection, if any.
    Database* connection() noexcept { return db_ ? &*db_ : nullptr; }

private:
    using clock = std::chrono::steady_clock;

    static bool unavailable(query_errors const& e) {
        return e.ec() == error::database_unavailable || e.ec() == error::database_timeout;
    }

    template <class F>
    auto read(F&& call) -> decltype(call(std::declval<Database&>())) {
        if (auto opened = ensure_open(); !opened)
            return opened.error();
        auto r = call(*db_);
        if (!r && r.error().ec() == error::database_unavailable && !db_->usable()) {
            db_.reset(); // broke, not timed out: once more, on a fresh connection, now
            if (auto opened = ensure_open(true); !opened)
                return opened.error();
            r = call(*db_);
        }
        return observe(std::move(r));
    }

    /// Notes what a call's outcome says of the database, and drops a connection it broke.
    template <class R>
    R observe(R r) {
        if (r) {
            became(true, nullptr);
            return r;
        }
        if (auto const why = r.error(); unavailable(why)) {
            if (!db_->usable())
                db_.reset();
            if (why.ec() == error::database_timeout)
                back_off(); // a hung database: the next calls fail at once, for a while
            became(false, &why);
        }
        return r;
    }

    /// A usable connection: the one open, or a new one (unless still backing off, or `now`).
    result<void> ensure_open(bool now = false) {
        if (db_ && db_->usable())
            return {};
        db_.reset();
        if (!now && clock::now() < next_attempt_ && last_failure_)
            return *last_failure_;
        auto opened = open_();
        if (!opened) {
            auto const why = opened.error();
            back_off();
            became(false, &why);
            return why;
        }
        db_.emplace(std::move(*opened));
        wait_ = {};
        return {};
    }

    void back_off() {
        wait_ = wait_.count() == 0 ? options_.first_wait : std::min(wait_ * 2, options_.longest_wait);
        next_attempt_ = clock::now() + wait_;
    }

    void became(bool available, query_errors const* why) {
        if (why)
            last_failure_ = *why;
        if (available == available_)
            return;
        available_ = available;
        if (available)
            wait_ = {};
        if (options_.on_change)
            options_.on_change(available, why ? *why : query_errors{});
    }

    open_function open_;
    reconnect_options options_;
    std::optional<Database> db_;
    bool available_ = true;
    std::optional<query_errors> last_failure_;
    std::chrono::milliseconds wait_{0};
    clock::time_point next_attempt_{};
};

} // namespace listquery::sql
