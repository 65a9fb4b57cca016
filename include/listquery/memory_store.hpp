// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/keyset/paginate.hpp>
#include <listquery/pipeline/apply.hpp>
#include <listquery/store.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace listquery {

//------------------------------------------------
/** The store over a container of declared resources (docs/stores.md): each page is `apply`'s
    (or `apply_keyset`'s), through a `resource_index` when one is given, and each resource's JSON
    text is the one `render` gives.

    `render(resource, buffer)` returns the resource's JSON text: a view of text that outlives the
    call (rendered once, at load: no copy per request), or `buffer` after writing the text into
    it (rendered now; the page keeps it). Reading is const and thread-safe: any number of threads
    may read one store at once. The store refers to the resources and the index, which must
    outlive it and not change while it reads.

    @par Example
    @code
    std::string_view droplet_json(my::droplet const& d, std::string& out) {
        out = boost::json::serialize(boost::json::value_from(d));
        return out;
    }
    listquery::memory_store<my::droplet> const store(droplets, droplet_json);
    auto r = listquery::respond<listquery::cf::droplets>("/v3/droplets?per_page=2", store);
    @endcode
*/
template <class T>
class memory_store {
public:
    /// How a resource becomes its JSON text.
    using render_fn = std::string_view (*)(T const& resource, std::string& buffer);

    /// Reads `resources` (a contiguous range: a `std::vector`, an array, a span), rendered by
    /// `render`, through `index` when it is not null (an index of these resources).
    memory_store(std::span<T const> resources, render_fn render, resource_index<T> const* index = nullptr)
        : resources_(resources), render_(render), index_(index) {}

    /// The compile-time checks of `T` against endpoint `E` (`respond<E>` makes them).
    template <endpoint const& E>
    static constexpr bool serves() {
        return detail::check_resource<E, T>();
    }

    /// The page `r` asks for (its `endpoint` is `r.query`'s, checked at compile time by `serves`).
    result<store_page> read(endpoint const&, page_request const& r) const {
        apply_options<T> const o{r.scope, index_, nullptr, nullptr};
        store_page out;
        page_result<T> page;
        if (r.query.keyset_paging) {
            auto keyed = resource_pipeline<T>::keyset(resources_, r.query, r.cursor, o);
            out.next = std::move(keyed.next);
            out.previous = std::move(keyed.previous);
            page = std::move(keyed.page);
        } else {
            page = resource_pipeline<T>::page(resources_, r.query, o);
        }
        out.total_results = page.total_results;
        out.resources.reserve(page.resources.size());
        std::shared_ptr<std::vector<std::string>> rendered; // only when some text is rendered now
        std::string buffer;
        for (T const* resource : page.resources) {
            std::string_view text = render_(*resource, buffer);
            if (text.data() == buffer.data()) { // rendered into the buffer: keep it
                if (!rendered) {
                    rendered = std::make_shared<std::vector<std::string>>();
                    rendered->reserve(page.resources.size()); // the texts never move
                }
                text = rendered->emplace_back(std::move(buffer));
                buffer.clear();
            }
            out.resources.push_back(text);
        }
        out.owner = std::move(rendered);
        return out;
    }

private:
    std::span<T const> resources_;
    render_fn render_;
    resource_index<T> const* index_;
};

} // namespace listquery
