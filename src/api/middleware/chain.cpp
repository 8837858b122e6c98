#include "api/middleware/chain.hpp"

#include "api/middleware/input_validation.hpp"
#include "api/middleware/org_resolution.hpp"
#include "api/middleware/request_id.hpp"
#include "api/middleware/security_headers.hpp"

namespace fg::api {

std::unique_ptr<MiddlewareChain> MiddlewareChain::standard(ChainConfig config) {
  std::vector<std::unique_ptr<IMiddleware>> s;
  s.push_back(std::make_unique<RequestIdMiddleware>());
  s.push_back(std::make_unique<SecurityHeadersMiddleware>());
  s.push_back(std::make_unique<CorsMiddleware>(std::move(config.cors)));
  s.push_back(std::make_unique<LimitsMiddleware>(config.limits));
  s.push_back(std::make_unique<RateLimitMiddleware>(RateLimitStage::kPerIp, config.rate_per_ip, config.metrics));
  s.push_back(std::make_unique<AuthenticationMiddleware>(std::move(config.authentication)));
  s.push_back(
      std::make_unique<RateLimitMiddleware>(RateLimitStage::kPerPrincipal, config.rate_per_principal, config.metrics));
  s.push_back(std::make_unique<OrgResolutionMiddleware>());
  s.push_back(std::make_unique<AuthorizationMiddleware>(std::move(config.authorization)));
  s.push_back(std::make_unique<InputValidationMiddleware>());
  return std::make_unique<MiddlewareChain>(std::move(s));
}

HttpResponse MiddlewareChain::run(RequestContext& ctx, const HttpRequest& req, const Terminal& terminal) const {
  HttpResponse res;
  const Entry entry = enter(ctx, req, res);
  if (!entry.responded) res = terminal(ctx, req);
  leave(ctx, req, entry, res);
  return res;
}

MiddlewareChain::Entry MiddlewareChain::enter(RequestContext& ctx, const HttpRequest& req, HttpResponse& out) const {
  Entry entry;
  while (entry.stages < stages_.size()) {
    const Verdict v = stages_[entry.stages]->on_request(ctx, req, out);
    ++entry.stages;
    if (v == Verdict::kRespond) {
      entry.responded = true;
      break;
    }
  }
  return entry;
}

void MiddlewareChain::leave(const RequestContext& ctx, const HttpRequest& req, const Entry& entry,
                            HttpResponse& res) const {
  for (std::size_t i = entry.stages; i-- > 0;) stages_[i]->on_response(ctx, req, res);
}

std::vector<std::string_view> MiddlewareChain::names() const {
  std::vector<std::string_view> out;
  for (const auto& s : stages_) out.push_back(s->name());
  return out;
}

}  // namespace fg::api
