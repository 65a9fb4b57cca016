// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/endpoint.hpp>
#include <listquery/pipeline/match.hpp>
#include <listquery/query.hpp>

#include <functional>
#include <memory>
#include <ranges>
#include <type_traits>
#include <utility>

namespace listquery {

namespace detail {

template <class E>
inline constexpr bool is_reference_wrapper_v = false;
template <class U>
inline constexpr bool is_reference_wrapper_v<std::reference_wrapper<U>> = true;

/// The resource an element refers to: the element, `*p` for a pointer, `.get()` for a
/// `std::reference_wrapper`.
template <class Element>
struct element_traits {
    using resource = std::remove_cvref_t<Element>;
    static resource const* address(resource const& e) { return std::addressof(e); }
};
template <class Element>
    requires std::is_pointer_v<std::remove_cvref_t<Element>>
struct element_traits<Element> {
    using resource = std::remove_cv_t<std::remove_pointer_t<std::remove_cvref_t<Element>>>;
    static resource const* address(resource const* p) { return p; } // a null element is skipped
};
template <class Element>
    requires is_reference_wrapper_v<std::remove_cvref_t<Element>>
struct element_traits<Element> {
    using resource = std::remove_cv_t<typename std::remove_cvref_t<Element>::type>;
    static resource const* address(std::remove_cvref_t<Element> const& e) { return std::addressof(e.get()); }
};

template <class R>
using resource_t = typename element_traits<std::ranges::range_reference_t<R>>::resource;

/// A forward range whose elements stay where they are, so results may point at them.
template <class R>
concept stable_range =
    std::ranges::forward_range<R> &&
    (std::is_lvalue_reference_v<std::ranges::range_reference_t<R>> ||
     std::is_pointer_v<std::remove_cvref_t<std::ranges::range_reference_t<R>>> ||
     is_reference_wrapper_v<std::remove_cvref_t<std::ranges::range_reference_t<R>>>);

/// The filter stage's predicate: the element refers to a resource that matches.
template <endpoint const& E, class T>
struct keep_matching {
    matcher<E, T> match;
    template <class Element>
    bool operator()(Element const& e) const {
        auto const* r = element_traits<Element const&>::address(e);
        return r && match(*r);
    }
};

/// A stage waiting for its range: `range | stage`.
template <class F>
struct stage_closure {
    F apply;
    template <class R>
    friend auto operator|(R&& r, stage_closure const& s) -> decltype(s.apply(std::forward<R>(r))) {
        return s.apply(std::forward<R>(r));
    }
};

} // namespace detail

//------------------------------------------------
/** The filter stage: a lazy view of the resources of `range` that match the query.

    `listquery::filter<E>(range, q)` or `range | listquery::filter<E>(q)`. The range is not
    copied; pass containers as lvalues, since results point at their elements.
*/
template <endpoint const& E>
struct filter_fn {
    template <std::ranges::viewable_range R>
        requires detail::stable_range<R>
    auto operator()(R&& range, list_query const& q) const {
        static_assert(std::is_lvalue_reference_v<R> || std::ranges::borrowed_range<R>,
                      "listquery: pass the container as an lvalue: results point at its elements");
        using T = detail::resource_t<R>;
        return std::views::filter(std::forward<R>(range), detail::keep_matching<E, T>{matcher<E, T>(q)});
    }

    /// The stage, for `range | listquery::filter<E>(q)`; `q` must outlive the view.
    auto operator()(list_query const& q) const {
        auto apply = [&q](auto&& range) -> decltype(filter_fn{}(std::forward<decltype(range)>(range), q)) {
            return filter_fn{}(std::forward<decltype(range)>(range), q);
        };
        return detail::stage_closure<decltype(apply)>{apply};
    }
};

/// The filter stage for endpoint `E`.
template <endpoint const& E>
inline constexpr filter_fn<E> filter{};

} // namespace listquery
