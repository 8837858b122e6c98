// SessionService: a signed-in user's own sessions: list, revoke one, log out. Everything runs in the
// principal's OrgScope, so another org's session is invisible (not_found, like an absent one).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "identity/identity_context.hpp"

namespace fg::identity {

struct SessionInfo {
  std::string id;
  Timestamp created_at;
  Timestamp last_seen_at;
  Timestamp expires_at;
  std::string ip;
  std::string user_agent;
  bool current = false;
};

class SessionService {
 public:
  explicit SessionService(IdentityContext ctx) : ctx_(ctx) {}

  //! The live sessions of the scope's user in the scope's org, newest first.
  Result<std::vector<SessionInfo>> list(const OrgScope& scope, const std::string& current_session_id) const;
  //! Revokes one of the scope user's sessions; not_found for any other id. Audited (auth.session.revoked).
  Status revoke(const OrgScope& scope, const std::string& session_id, const audit::Origin& meta) const;
  //! The id of the scope user's live session with this token; not_found otherwise.
  Result<std::string> id_of_token(const OrgScope& scope, std::string_view token) const;
  //! Revokes the current session. Audited (auth.logout).
  Status logout(const OrgScope& scope, const std::string& session_id, const audit::Origin& meta) const;

 private:
  IdentityContext ctx_;
};

}  // namespace fg::identity
