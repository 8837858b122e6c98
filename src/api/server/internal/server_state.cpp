#include "api/server/internal/server_state.hpp"

namespace fg::api::internal {

bool ServerState::add(ISession* key, std::weak_ptr<ISession> session) {
  std::lock_guard lock(mu_);
  if (sessions_.size() >= limits_.max_connections) return false;
  sessions_.emplace(key, std::move(session));
  return true;
}

void ServerState::remove(ISession* key) {
  {
    std::lock_guard lock(mu_);
    sessions_.erase(key);
  }
  idle_.notify_all();
}

std::vector<std::shared_ptr<ISession>> ServerState::live() const {
  std::vector<std::shared_ptr<ISession>> out;
  std::lock_guard lock(mu_);
  for (const auto& [key, weak] : sessions_) {
    if (auto s = weak.lock()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace fg::api::internal
