// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <chrono>

namespace listquery::sql {

/** How long an executor waits for its database (docs/sql.md#timeouts), so that a database that
    hangs or is overloaded never holds a thread for ever. Past either, the call fails with
    `error::database_timeout` (a 503). Zero waits without a limit.
*/
struct timeouts {
    /// Opening a connection (PostgreSQL: the whole handshake).
    std::chrono::milliseconds connect{10000};
    /// One statement, from sending it to its last row (PostgreSQL also cancels it on the
    /// server; SQLite interrupts it, and waits this long at most for a lock). None by default:
    /// only the application knows how long its statements (a schema, an ANALYZE) may take; a
    /// server sets one for its requests (`limit_statements`), as the example server does (5 s).
    std::chrono::milliseconds statement{0};
};

namespace detail {

/// The moment `limit` from now, or none (the clock's end) for zero.
inline std::chrono::steady_clock::time_point deadline_after(std::chrono::milliseconds limit) {
    return limit.count() > 0 ? std::chrono::steady_clock::now() + limit : std::chrono::steady_clock::time_point::max();
}

} // namespace detail

} // namespace listquery::sql
