#include "api/http/request_context.hpp"

namespace fg::api {

std::string_view RequestContext::param(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace fg::api
