// SPDX-License-Identifier: BSL-1.0
// What answers the CLI's and the server's requests: the memory stores of a dataset, or the stores
// of one database connection (sql.hpp), behind one interface.
#pragma once

#include "handler.hpp"

#include <listquery/sql/reconnecting.hpp>
#include <listquery/sql/timeouts.hpp>

#include <memory>
#include <string_view>

namespace cf_api {

class backend {
public:
    virtual ~backend() = default;
    /// Answers `GET target`. The memory backend keeps no state per request: any number of
    /// threads may call it at once. A database backend is one connection: one thread at a time.
    virtual listquery::response answer(std::string_view target, settings const& s) = 0;
    /// Whether the data can be read now (a database answers `SELECT 1`): readiness.
    virtual bool ready() = 0;
};

/// How a database backend waits for its database and reopens its connection (the server's
/// options; the CLI keeps the defaults: no statement timeout).
struct connection_settings {
    listquery::sql::timeouts timeouts;
    listquery::sql::reconnect_options reconnect;
};

/// The dataset's memory stores (through its indexes, once `prepare_to_serve` made them).
class memory_backend final : public backend {
public:
    explicit memory_backend(dataset const& data) : stores_(memory_stores(data)) {}
    listquery::response answer(std::string_view target, settings const& s) override { return handle(target, stores_, s); }
    bool ready() override { return true; }

private:
    stores_for<memory_store_of>::type const stores_;
};

} // namespace cf_api
