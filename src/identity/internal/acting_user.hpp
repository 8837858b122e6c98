// The user behind a scope's actor: the user itself, or an API key's creator.
#pragma once

#include <string>

#include "core/org_scope.hpp"
#include "store/transaction.hpp"

namespace fg::identity::internal {

//! The user id acting in `tx`'s scope. permission_denied for worker/operator/system actors;
//! unauthenticated for an API key that no longer exists.
inline Result<std::string> acting_user(store::OrgTransaction& tx) {
  const Actor& a = tx.scope().actor();
  if (a.kind == Actor::Kind::kUser) return a.id;
  if (a.kind != Actor::Kind::kApiKey) return permission_denied_error("not a user");
  FG_ASSIGN_OR_RETURN(store::RowSet rs, tx.query("SELECT created_by FROM api_keys WHERE id = $1", {a.id}));
  if (rs.size() != 1) return unauthenticated_error("invalid or expired credentials");
  return rs.text(0, 0);
}

}  // namespace fg::identity::internal
