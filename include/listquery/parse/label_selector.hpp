// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/config.hpp>
#include <listquery/label_selector.hpp>
#include <listquery/limits.hpp>
#include <listquery/result.hpp>

#include <cstddef>
#include <string_view>

namespace listquery {

//------------------------------------------------
/** Parse and validate the value of the `label_selector` query parameter.

    Cloud Controller's rules exactly (docs/semantics.md#selector-split): the selector splits at commas
    outside `(…)`; empty segments vanish; each requirement matches the first of six patterns;
    keys and values are then validated in Cloud Controller's order and wording.

    @par BNF (informal; the exact rules: docs/semantics.md#selector-forms)
    @code
    selector    = requirement *( "," requirement )                 ; at most 50
    requirement = key " in (" values ")" / key " notin (" values ")"
                / key ( "=" / "==" / "!=" ) value / key / "!" key
    key         = [ prefix "/" ] name        ; prefix: DNS subdomain <= 253, not cloudfoundry.org
    name, value = [A-Za-z0-9] [ *61[A-Za-z0-9_.-] [A-Za-z0-9] ]   ; 1 to 63; a value may be empty
    @endcode

    @par Example
    @code
    auto s = listquery::parse_label_selector("env=prod,tier in (web,api),!deprecated");
    assert(s && s->requirements.size() == 3);
    @endcode
    @param text The decoded value. The result's views refer to it.
    @return The requirements, or the first problem: its code, Cloud Foundry's message and the
    offset in `text` of the requirement, key, name or value at fault.
    @par Complexity
    Linear in `text.size()`; no recursion. No allocation for up to
    `label_selector::inline_requirements` (8) requirements, one beyond.
*/
LISTQUERY_DECL result<label_selector> parse_label_selector(std::string_view text);

/** As above, into `out`, reusing its storage: once `out` has held as many requirements, a
    parse allocates nothing. For servers that parse many selectors on one thread.

    @par Example
    @code
    listquery::label_selector s; // kept, e.g. one per worker thread
    for (std::string_view text : {"env=prod", "tier in (web,api)"})
        if (auto r = listquery::parse_label_selector(text, s); r)
            assert(s.requirements.size() == 1);
    @endcode
    @return Nothing, or the first problem; on a problem `out` holds the valid requirements
    before it, which the caller should ignore.
*/
LISTQUERY_DECL result<void> parse_label_selector(std::string_view text, label_selector& out);

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
#include <listquery/parse/impl/label_selector.ipp>
#endif
