// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/utf8.hpp>
#include <listquery/links.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>

#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

namespace listquery {

/** A list response body, `{"pagination":…,"resources":[…]}`, around resources the caller has
    already serialized: no DOM is built and no resource is copied.

    The body is a sequence of pieces: a head that this object owns (`{"pagination":{…},
    "resources":[`), then each resource with a `,` between, then `]}`. Write them in order with
    one gathered write (`buffers`), or append them to a string (`append_to`, `str`). The bytes
    are exactly those of `boost::json::serialize(list_response(p, resources))` when each text is
    the compact serialization of its resource
    (docs/pagination-links.md#responses-from-pre-rendered-resources).

    The library writes the pagination with Boost.JSON's escaping, and bytes of an href that are
    not UTF-8 as U+FFFD, so that part is always valid JSON in UTF-8; each resource text is
    written as given and must be one JSON value.

    The resource texts are not copied: they must outlive the body, and the pieces point into
    this object, so take `buffers()` after its last move.

    @par Example
    @code
    std::vector<std::string> rendered = {R"({"guid":"a"})", R"({"guid":"b"})"}; // once, at load
    listquery::list_body body(pagination, rendered);
    std::string text = body.str(); // or body.buffers<boost::asio::const_buffer>() for a gathered write
    @endcode
*/
class list_body {
public:
    /// `resources`: a range of JSON texts (anything convertible to `std::string_view`).
    template <std::ranges::input_range Range>
        requires std::convertible_to<std::ranges::range_reference_t<Range>, std::string_view>
    list_body(pagination const& p, Range const& resources) : head_(pagination_head(p)) {
        if constexpr (std::ranges::sized_range<Range>)
            resources_.reserve(std::ranges::size(resources));
        for (auto&& r : resources) {
            resources_.emplace_back(r);
            size_ += resources_.back().size();
        }
        size_ += head_.size() + tail.size() + (resources_.empty() ? 0 : resources_.size() - 1);
    }

    /// The whole body's length in bytes (the `Content-Length`).
    std::size_t size() const noexcept { return size_; }

    /// Calls `f(std::string_view)` for each piece, in order.
    template <class F>
    void for_each_piece(F&& f) const {
        f(std::string_view(head_));
        for (std::size_t i = 0; i < resources_.size(); ++i) {
            if (i != 0)
                f(separator);
            f(resources_[i]);
        }
        f(tail);
    }

    /** The pieces as a buffer sequence for a gathered write: `Buffer` is constructed from a
        pointer and a size, as `boost::asio::const_buffer` is. Valid while this body (unmoved)
        and the resource texts live.
    */
    template <class Buffer = std::string_view>
    std::vector<Buffer> buffers() const {
        std::vector<Buffer> out;
        out.reserve(2 * resources_.size() + 2);
        for_each_piece([&](std::string_view s) { out.push_back(Buffer{s.data(), s.size()}); });
        return out;
    }

    /// Appends the whole body to `out`.
    void append_to(std::string& out) const {
        out.reserve(out.size() + size_);
        for_each_piece([&](std::string_view s) { out += s; });
    }

    /// The whole body as one string.
    std::string str() const {
        std::string out;
        append_to(out);
        return out;
    }

private:
    static constexpr std::string_view separator = ",";
    static constexpr std::string_view tail = "]}";

    /// `{"pagination":{…},"resources":[`, keys in Cloud Foundry's order.
    static std::string pagination_head(pagination const& p) {
        std::string out = R"({"pagination":{"total_results":)";
        auto number = [&out](std::uint64_t n) {
            char digits[20];
            out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
        };
        auto link = [&out](std::string_view key, std::string const* href) { // null: no link
            ((out += ",\"") += key) += "\":";
            if (!href) {
                out += "null";
                return;
            }
            out += R"({"href":)";
            // Quoted and escaped as the DOM way writes it (json/pagination.hpp): not UTF-8 as U+FFFD.
            out += detail::is_valid_utf8(*href) ? boost::json::serialize(boost::json::string_view(*href))
                                                : boost::json::serialize(boost::json::string_view(detail::to_valid_utf8(*href)));
            out += '}';
        };
        number(p.total_results);
        out += R"(,"total_pages":)";
        number(p.total_pages);
        link("first", &p.links.first);
        link("last", &p.links.last);
        link("next", p.links.next ? &*p.links.next : nullptr);
        link("previous", p.links.previous ? &*p.links.previous : nullptr);
        out += R"(},"resources":[)";
        return out;
    }

    std::string head_;
    std::vector<std::string_view> resources_;
    std::size_t size_ = 0;
};

} // namespace listquery
