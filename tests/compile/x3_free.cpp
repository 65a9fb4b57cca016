// SPDX-License-Identifier: BSL-1.0
// The model, the pipeline, the links and the JSON helpers depend on nothing that parses: a
// translation unit that runs queries it did not parse compiles no Spirit X3 header. The build
// fails here if one of these headers starts to include a parser.
#include <listquery/cf_endpoints.hpp>
#include <listquery/endpoint.hpp>
#include <listquery/json/error_envelope.hpp>
#include <listquery/json/pagination.hpp>
#include <listquery/links.hpp>
#include <listquery/pipeline/apply.hpp>
#include <listquery/pipeline/filter.hpp>
#include <listquery/pipeline/paginate.hpp>
#include <listquery/pipeline/resource_index.hpp>
#include <listquery/pipeline/sort_index.hpp>
#include <listquery/query.hpp>
#include <listquery/resource.hpp>

#if defined(BOOST_SPIRIT_X3_UNUSED_APRIL_16_2006_0616PM) || defined(BOOST_SPIRIT_X3_PARSER_OCTOBER_16_2008_0254PM)
#error "a header of the model, pipeline, links or JSON includes Spirit X3"
#endif
