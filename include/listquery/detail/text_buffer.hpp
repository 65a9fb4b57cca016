// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <boost/url/grammar/string_token.hpp>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>

namespace listquery::detail {

/** Bytes appended to one buffer, allocated at the first append with room for all of them, so
    views into it stay valid (a `std::string` moves its bytes when it grows). The parsers size it
    by the input they decode, and decoding never lengthens; overflowing it would be a bug in the
    library, which stops the program rather than write past the end. */
class text_buffer {
public:
    explicit text_buffer(std::size_t capacity) noexcept : capacity_(capacity) {}

    std::size_t size() const noexcept { return size_; }

    /// The bytes appended since `size()` was `start`.
    std::string_view since(std::size_t start) const noexcept {
        return start == size_ ? std::string_view{} : std::string_view{bytes_.get() + start, size_ - start};
    }

    /// The bytes, for whoever keeps views into them; null if nothing was appended.
    std::shared_ptr<char[]> take() noexcept { return std::move(bytes_); }

    /// Makes room for `n` more bytes, which the caller writes; returns where they go.
    char* extend(std::size_t n) {
        if (n > capacity_ - size_)
            std::abort();
        if (!bytes_)
            bytes_ = std::make_shared_for_overwrite<char[]>(capacity_);
        char* const at = bytes_.get() + size_;
        size_ += n;
        return at;
    }

    /// Appends `s`; returns the copy.
    std::string_view append(std::string_view s) {
        std::size_t const start = size_;
        if (!s.empty())
            std::memcpy(extend(s.size()), s.data(), s.size());
        return since(start);
    }

    /// A Boost.URL string token that appends what a decode writes; its result is the decoded text.
    struct token : boost::urls::string_token::arg {
        using result_type = std::string_view;
        explicit token(text_buffer& b) noexcept : buffer(b), start(b.size()) {}
        char* prepare(std::size_t n) override { return buffer.extend(n); }
        result_type result() const noexcept { return buffer.since(start); }

        text_buffer& buffer;
        std::size_t start;
    };

private:
    std::shared_ptr<char[]> bytes_;
    std::size_t capacity_, size_ = 0;
};

} // namespace listquery::detail
