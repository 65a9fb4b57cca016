// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <boost/container_hash/hash.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace listquery::detail {

/// A string hash seeded once per process, for sets of names taken from requests: a client
/// cannot pick keys that collide (which would make each look-up linear) without knowing the
/// seed. boost::hash_range mixes the seed into every step.
struct seeded_hash {
    static std::size_t seed() noexcept {
        static std::size_t const value = [] {
            static char const anchor = 0; // differs between runs under ASLR
            auto const now = static_cast<std::size_t>(std::chrono::steady_clock::now().time_since_epoch().count());
            return now ^ reinterpret_cast<std::uintptr_t>(&anchor);
        }();
        return value;
    }

    std::size_t operator()(std::string_view s) const noexcept {
        std::size_t h = seed();
        boost::hash_range(h, s.begin(), s.end());
        return h;
    }
};

} // namespace listquery::detail
