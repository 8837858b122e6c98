// Org resolution middleware: the request acts for the org bound to its credential, and for no other.
//
// The OrgScope in the Principal is the only source of the org (DESIGN.md: "never the body"). A request
// that tries to name an org itself (an `org_id` or `org` query parameter, an X-Org-Id header) is refused
// rather than silently ignored, so a client bug surfaces instead of reading the wrong tenant.
#pragma once

#include "api/middleware/middleware.hpp"

namespace fg::api {

class OrgResolutionMiddleware final : public IMiddleware {
 public:
  std::string_view name() const override { return "org_resolution"; }
  //! Protected routes: 401 if no principal reached here (fail closed), 400 naming `org_id` if the
  //! request names an org. Public routes pass.
  Verdict on_request(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) override;
};

}  // namespace fg::api
