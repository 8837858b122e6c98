#include "worker/handler_table.hpp"

namespace fg::worker {

Status HandlerTable::add(const jobs::JobKind& kind, JobHandler handler) {
  if (kind.name.empty() || !handler) return invalid_argument_error("handler: kind and handler are required", "kind");
  auto [it, inserted] = handlers_.emplace(std::string(kind.name), std::move(handler));
  if (!inserted) return conflict_error("handler: kind already registered");
  return ok_status();
}

const JobHandler* HandlerTable::find(std::string_view kind) const {
  auto it = handlers_.find(kind);
  return it == handlers_.end() ? nullptr : &it->second;
}

std::vector<std::string> HandlerTable::kinds() const {
  std::vector<std::string> out;
  for (const auto& [k, h] : handlers_) out.push_back(k);
  return out;
}

bool is_permanent_failure(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kPermissionDenied: return true;
    default: return false;
  }
}

}  // namespace fg::worker
