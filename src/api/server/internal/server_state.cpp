#include "api/server/internal/server_state.hpp"

namespace fg::api::internal {

std::shared_ptr<ISession> ServerState::add(ISession* key, std::weak_ptr<ISession> session) {
  std::lock_guard lock(mu_);
  std::shared_ptr<ISession> evicted = sessions_.size() >= limits_.max_connections ? take_oldest_locked() : nullptr;
  sessions_.emplace(key, Entry{std::move(session), next_seq_++});
  return evicted;
}

std::shared_ptr<ISession> ServerState::take_oldest() {
  std::lock_guard lock(mu_);
  return take_oldest_locked();
}

std::size_t ServerState::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

std::shared_ptr<ISession> ServerState::take_oldest_locked() {
  // O(n), only at the limit or out of descriptors; n is bounded by max_connections.
  Entry* best = nullptr;
  for (auto& [key, e] : sessions_) {
    if (!e.asked && (best == nullptr || e.seq < best->seq) && !e.session.expired()) best = &e;
  }
  if (best == nullptr) return nullptr;
  best->asked = true;
  return best->session.lock();
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
  for (const auto& [key, e] : sessions_) {
    if (auto s = e.session.lock()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace fg::api::internal
