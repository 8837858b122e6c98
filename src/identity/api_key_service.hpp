// ApiKeyService: API keys of an org. A key is shown once at creation (`fgk_<id>_<secret>`), stored as
// the SHA-256 of its secret, acts with a role no higher than its creator's, may expire, and records
// when it was last used. Members see and revoke their own keys; holders of users.read see all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "identity/identity_context.hpp"
#include "identity/role.hpp"

namespace fg::identity {

struct NewApiKey {
  std::string name;
  std::string description;
  Role role = Role::kViewer;
  std::optional<Timestamp> expires_at;
};

struct ApiKeyInfo {
  std::string id;
  std::string name;
  std::string description;
  std::string role;
  std::string created_by;
  Timestamp created_at;
  std::optional<Timestamp> expires_at;
  std::optional<Timestamp> last_used_at;
};

struct CreatedApiKey {
  ApiKeyInfo info;
  std::string key;  //!< the full key: shown once, never stored or logged
};

class ApiKeyService {
 public:
  explicit ApiKeyService(IdentityContext ctx) : ctx_(ctx) {}

  //! Creates a key for the scope's user. permission_denied when `role` is above the creator's role or
  //! the actor is not a user; invalid_argument (field "expires_at") for an expiry in the past. Audited.
  Result<CreatedApiKey> create(const OrgScope& scope, const NewApiKey& request, const audit::Origin& meta) const;
  //! Unrevoked keys: all of the org's when `see_all`, else the actor's own.
  Result<std::vector<ApiKeyInfo>> list(const OrgScope& scope, bool see_all) const;
  //! Revokes a key; not_found when absent, revoked, in another org, or not the actor's (unless `any`).
  //! With `any`, permission_denied for the key of a member who ranks above the actor.
  Status revoke(const OrgScope& scope, const std::string& key_id, bool any, const audit::Origin& meta) const;

 private:
  IdentityContext ctx_;
};

}  // namespace fg::identity
