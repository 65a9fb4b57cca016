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

/// The schema of every kind in `d` (temporary: tables only this session sees).
inline sql::schema_statements schema(sql::dialect d, bool temporary) {
    sql::schema_statements out;
    [&]<class... Kinds>(kind_list<Kinds...>) {
        auto const add = [&](auto kind) {
            using Kind = decltype(kind);
            auto const s = sql::schema_for<typename Kind::type>(d, Kind::index(), temporary).value(); // declared names
            out.tables += s.tables;
            out.indexes += s.indexes;
        };
        (add(Kinds{}), ...);
    }(kinds{});
    return out;
}

/// The progress of a long import: resources stored so far, of all.
using progress_fn = std::function<void(std::size_t, std::size_t)>;

/// Stores `data` (each resource's compact JSON as its document, ids in file order) in one
/// transaction: all of it, or nothing. Calls `progress(done, total)` every 10,000 resources.
template <class Database>
listquery::result<void> import(Database& db, dataset const& data, progress_fn const& progress = {}) {
    constexpr std::size_t chunk = 10000;
    std::size_t const total = data.size();
    std::size_t done = 0;
    return sql::detail::atomically(db, false, [&]() -> listquery::result<void> {
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
    });
}

/** Creates the schema in `db` and stores `data` (as tables only this session sees, with
    `temporary`); the indexes are built after the rows, which is faster than keeping them up to
    date row by row.
*/
template <class Database>
listquery::result<void> load(Database& db, dataset const& data, bool temporary, progress_fn const& progress = {}) {
    auto const s = schema(Database::sql_dialect, temporary);
    if (auto r = db.execute(s.tables); !r)
        return r;
    if (auto r = import(db, data, progress); !r)
        return r;
    if (auto r = db.execute(s.indexes); !r)
        return r;
    return db.execute("ANALYZE");
}

/// One connection's stores, as `handle` takes them.
template <class Database>
struct table_stores {
    template <class Kind>
    using of = sql::table_store<typename Kind::type, Database>;
};

/// One connection that answers every route; not movable (its stores refer to it).
template <class Database>
class database_backend final : public backend {
public:
    /// Answers from `db` as it is, or with `data`, from a private copy of it (loaded here).
    static listquery::result<std::unique_ptr<backend>> make(Database db, dataset const* data, bool temporary) {
        std::unique_ptr<database_backend> b(new database_backend(std::move(db)));
        if (data)
            if (auto r = load(b->db_, *data, temporary); !r)
                return r.error();
        return std::unique_ptr<backend>(std::move(b));
    }

    listquery::response answer(std::string_view target, settings const& s) override { return handle(target, stores_, s); }

private:
    explicit database_backend(Database db)
        : db_(std::move(db)), stores_([this]<class... Kinds>(kind_list<Kinds...>) {
              return typename stores_for<table_stores<Database>::template of>::type{
                  typename table_stores<Database>::template of<Kinds>(db_)...};
          }(kinds{})) {}

    Database db_;
    typename stores_for<table_stores<Database>::template of>::type stores_;
};

} // namespace cf_api
