// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/sql/compile.hpp>
#include <listquery/sql/keyset.hpp>
#include <listquery/sql/page.hpp>
#include <listquery/store.hpp>

#include <memory>
#include <utility>

namespace listquery::sql {

//------------------------------------------------
/** The store over a table (docs/stores.md): `T`'s resources stored as `M` maps them, each with
    its JSON text in the mapping's document column, read through one connection (a
    `sqlite::database` or a `postgresql::database`, whose dialect it writes). Each page is the
    compiled query's (`compile`, or `compile_keyset` for a keyset query), with exactly the
    resources, order and total `apply` gives for the same data.

    Not thread-safe, as its connection: use one store per connection, and one connection per
    thread.

    @par Example
    @code
    auto db = listquery::sql::sqlite::database::open("cf.db", true).value();
    listquery::sql::table_store<my::droplet, listquery::sql::sqlite::database> store(db);
    auto r = listquery::respond<listquery::cf::droplets>("/v3/droplets?per_page=2", store);
    @endcode
*/
template <class T, class Database, table_mapping const& M = table_v<T>>
class table_store {
public:
    /// Reads through `db`, which must outlive the store; `o` chooses how totals are counted.
    explicit table_store(Database& db, options const& o = {}) : db_(db), options_(o) {}

    /// The compile-time checks of `T` and `M` against endpoint `E` (`respond<E>` makes them).
    template <endpoint const& E>
    static constexpr bool serves() {
        static_assert(!M.document.empty(), "listquery: a table_store answers with each resource's JSON text: the "
                                           "table mapping needs a document column");
        return detail::check_table<E, T, M>();
    }

    /// The page `r` asks for.
    result<store_page> read(endpoint const&, page_request const& r) {
        static constexpr auto sorts = detail::sort_columns<T, M>();
        options o = options_;
        o.scope = r.scope;
        store_page out;
        if (r.query.keyset_paging) {
            auto page = run_keyset(db_, detail::compile_keyset(r.query, M, sorts, Database::sql_dialect, r.cursor, o));
            if (!page)
                return page.error();
            out.next = std::move(page->next);
            out.previous = std::move(page->previous);
            return texts_of(std::move(page->rows), std::move(out));
        }
        auto page = db_.run(detail::compile_query(r.query, M, sorts, Database::sql_dialect, o));
        if (!page)
            return page.error();
        return texts_of(std::move(*page), std::move(out));
    }

private:
    /// The rows' documents, each echoed as stored; the rows are the page's owner.
    static store_page texts_of(page rows, store_page out) {
        auto const held = std::make_shared<page const>(std::move(rows));
        out.total_results = held->total_results;
        out.resources.reserve(held->rows.size());
        for (auto const& row : held->rows)
            out.resources.push_back(row.document);
        out.owner = held;
        return out;
    }

    Database& db_;
    options options_;
};

} // namespace listquery::sql
