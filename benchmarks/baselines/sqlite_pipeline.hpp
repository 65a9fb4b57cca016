// SPDX-License-Identifier: BSL-1.0
// BASELINE, not used by the library: SQLite in memory, the tool a C++ user would reach for to
// filter, sort and page in-process. The benchmark droplets go into two tables (droplets, and
// labels one row per label) with the indexes a user would create for these queries: one per sort
// column (with guid, for the tie-break), one per filter column, and (key, value) on labels.
// A list_query becomes one SELECT for the page and one COUNT(*) for total_results; label
// requirements are EXISTS / NOT EXISTS subqueries. Statements are prepared once per SQL text.
#pragma once

#include "support/droplet_dataset.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace bench::baseline {

using namespace droplet_dataset;

class sqlite_droplets {
public:
    explicit sqlite_droplets(std::vector<droplet> const& data) {
        check(sqlite3_open(":memory:", &db_));
        exec("CREATE TABLE droplets (id INTEGER PRIMARY KEY, guid TEXT NOT NULL, state TEXT NOT NULL,"
             " app_guid TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
             "CREATE TABLE labels (droplet_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL);");
        exec("BEGIN");
        sqlite3_stmt* row = prepare("INSERT INTO droplets VALUES (?, ?, ?, ?, ?, ?)");
        sqlite3_stmt* label = prepare("INSERT INTO labels VALUES (?, ?, ?)");
        for (std::size_t i = 0; i < data.size(); ++i) {
            auto const& d = data[i];
            sqlite3_bind_int64(row, 1, static_cast<sqlite3_int64>(i));
            sqlite3_bind_text(row, 2, d.guid.data(), static_cast<int>(d.guid.size()), SQLITE_STATIC);
            sqlite3_bind_text(row, 3, d.state.data(), static_cast<int>(d.state.size()), SQLITE_STATIC);
            sqlite3_bind_text(row, 4, d.app_guid.data(), static_cast<int>(d.app_guid.size()), SQLITE_STATIC);
            sqlite3_bind_int64(row, 5, d.created_at.time_since_epoch().count());
            sqlite3_bind_int64(row, 6, d.updated_at.time_since_epoch().count());
            step_done(row);
            for (auto const& [k, v] : d.labels) {
                sqlite3_bind_int64(label, 1, static_cast<sqlite3_int64>(i));
                sqlite3_bind_text(label, 2, k.data(), static_cast<int>(k.size()), SQLITE_STATIC);
                sqlite3_bind_text(label, 3, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
                step_done(label);
            }
        }
        sqlite3_finalize(row);
        sqlite3_finalize(label);
        exec("COMMIT");
        exec("CREATE INDEX droplets_created ON droplets (created_at, guid);"
             "CREATE INDEX droplets_updated ON droplets (updated_at, guid);"
             "CREATE INDEX droplets_state ON droplets (state);"
             "CREATE INDEX droplets_app ON droplets (app_guid);"
             "CREATE INDEX labels_key_value ON labels (key, value, droplet_id);"
             "CREATE INDEX labels_droplet ON labels (droplet_id);"
             "ANALYZE;");
    }
    ~sqlite_droplets() {
        for (auto& [sql, stmt] : statements_)
            sqlite3_finalize(stmt);
        sqlite3_close(db_);
    }
    sqlite_droplets(sqlite_droplets const&) = delete;
    sqlite_droplets& operator=(sqlite_droplets const&) = delete;

    struct page {
        std::vector<std::string> guids;
        std::uint64_t total = 0;
    };

    /// The page of `q` and its total, as two statements.
    page query(listquery::list_query const& q) {
        std::vector<std::string> args;
        std::string const where = where_clause(q, args);
        page out;
        sqlite3_stmt* count = statement("SELECT COUNT(*) FROM droplets d" + where);
        bind(count, args);
        if (sqlite3_step(count) == SQLITE_ROW)
            out.total = static_cast<std::uint64_t>(sqlite3_column_int64(count, 0));
        sqlite3_reset(count);

        std::string order = " ORDER BY d.id";
        if (q.order) {
            char const* dir = q.order->dir == listquery::direction::desc ? " DESC" : " ASC";
            std::string const column = q.order->field == "created_at" ? "d.created_at" : "d.updated_at";
            order = " ORDER BY " + column + dir + ", d.guid" + dir + ", d.id" + dir;
        }
        sqlite3_stmt* select = statement("SELECT d.guid FROM droplets d" + where + order + " LIMIT ? OFFSET ?");
        bind(select, args);
        int const n = static_cast<int>(args.size());
        sqlite3_bind_int64(select, n + 1, static_cast<sqlite3_int64>(q.per_page));
        sqlite3_bind_int64(select, n + 2, static_cast<sqlite3_int64>((q.page - 1) * q.per_page));
        while (sqlite3_step(select) == SQLITE_ROW)
            out.guids.emplace_back(reinterpret_cast<char const*>(sqlite3_column_text(select, 0)));
        sqlite3_reset(select);
        return out;
    }

private:
    static std::string placeholders(std::size_t n) {
        std::string s = "(";
        for (std::size_t i = 0; i < n; ++i)
            s += i ? ",?" : "?";
        return s + ")";
    }

    static std::string where_clause(listquery::list_query const& q, std::vector<std::string>& args) {
        std::vector<std::string> terms;
        for (auto const& f : q.filters) {
            terms.push_back(std::string(f.name == "states" ? "d.state" : "d.app_guid") + " IN " +
                            placeholders(f.values.size()));
            args.insert(args.end(), f.values.begin(), f.values.end());
        }
        if (q.selector)
            for (auto const& r : q.selector->requirements) {
                using op = listquery::selector_op;
                bool const negated = r.op == op::not_in || r.op == op::not_equal || r.op == op::not_exists;
                std::string term = negated ? "NOT EXISTS" : "EXISTS";
                term += " (SELECT 1 FROM labels l WHERE l.droplet_id = d.id AND l.key = ?";
                args.emplace_back(r.key);
                if (r.op != op::exists && r.op != op::not_exists) {
                    term += " AND l.value IN " + placeholders(r.values.size());
                    for (auto v : r.values)
                        args.emplace_back(v);
                }
                terms.push_back(term + ")");
            }
        std::string where;
        for (auto const& t : terms)
            where += (where.empty() ? " WHERE " : " AND ") + t;
        return where;
    }

    static void bind(sqlite3_stmt* s, std::vector<std::string> const& args) {
        for (std::size_t i = 0; i < args.size(); ++i)
            sqlite3_bind_text(s, static_cast<int>(i + 1), args[i].data(), static_cast<int>(args[i].size()),
                              SQLITE_TRANSIENT);
    }

    sqlite3_stmt* statement(std::string const& sql) {
        auto& s = statements_[sql];
        if (!s)
            s = prepare(sql.c_str());
        return s;
    }

    sqlite3_stmt* prepare(char const* sql) {
        sqlite3_stmt* s = nullptr;
        check(sqlite3_prepare_v2(db_, sql, -1, &s, nullptr));
        return s;
    }

    void exec(char const* sql) { check(sqlite3_exec(db_, sql, nullptr, nullptr, nullptr)); }

    void step_done(sqlite3_stmt* s) {
        if (sqlite3_step(s) != SQLITE_DONE)
            check(SQLITE_ERROR);
        sqlite3_reset(s);
    }

    void check(int rc) {
        if (rc != SQLITE_OK) {
            std::fprintf(stderr, "sqlite: %s\n", db_ ? sqlite3_errmsg(db_) : "cannot open");
            std::abort();
        }
    }

    sqlite3* db_ = nullptr;
    std::map<std::string, sqlite3_stmt*> statements_;
};

} // namespace bench::baseline
