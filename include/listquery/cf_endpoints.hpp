// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/endpoint.hpp>

/// The list endpoints of the seed documents, declared with the parameters Cloud Controller
/// accepts there (order_by `created_at`, `updated_at`; 400 errors). The nested routes list
/// within one app: `cf::app_droplets.within(guid)`.
namespace listquery::cf {

/// `GET /v3/packages`
inline constexpr endpoint packages{.filters = {"states", "types", "app_guids"}};
/// `GET /v3/apps/:guid/packages`
inline constexpr endpoint app_packages{.filters = {"states", "types"}, .rejected = {"app_guids"}, .scoped_by = "app_guids"};
/// `GET /v3/droplets`
inline constexpr endpoint droplets{.filters = {"app_guids", "states"}};
/// `GET /v3/apps/:guid/droplets`
inline constexpr endpoint app_droplets{.filters = {"states"}, .rejected = {"app_guids"}, .scoped_by = "app_guids"};
/// `GET /v3/builds`
inline constexpr endpoint builds{.filters = {"app_guids", "package_guids", "states"}};
/// `GET /v3/apps/:guid/builds`
inline constexpr endpoint app_builds{.filters = {"package_guids", "states"}, .rejected = {"app_guids"},
                                     .scoped_by = "app_guids"};

} // namespace listquery::cf
