// OrgScope: proof that the current work acts for one organization, and on whose behalf.
//
// Every store and cost-store method that touches tenant data takes `const OrgScope&` first. An
// OrgScope cannot be default-constructed or built from an id: only three factories hold the passkey
// (CORRECTIONS.md) —
//   * identity::Authenticator, from a verified session or API key;
//   * worker::JobScopeFactory, from a claimed job row;
//   * app::OperatorScopeFactory, for server-side CLI commands, which audits the OS user.
// testing::ScopeForTest is defined only under tests/ (CI greps src/ for it).
//
// PlatformReadScope is the separate, read-only cross-tenant scope of platform administrators; write
// methods take an OrgScope and so cannot be given one.
#pragma once

#include <string>
#include <utility>

#include "core/uuid.hpp"

namespace fg {
namespace identity {
class Authenticator;
}
namespace worker {
class JobScopeFactory;
}
namespace app {
class OperatorScopeFactory;
}
namespace testing {
class ScopeForTest;
}

//! Who is acting. `id` is a user id, an API key id, "worker" or an OS user name.
struct Actor {
  enum class Kind { kUser, kApiKey, kWorker, kOperator, kSystem };
  Kind kind = Kind::kSystem;
  std::string id;
  std::string role;  //!< the role name the action runs with ("owner", ...); empty for system actors
};

class OrgScope {
 public:
  class Passkey {
    Passkey() = default;
    friend class identity::Authenticator;
    friend class worker::JobScopeFactory;
    friend class app::OperatorScopeFactory;
    friend class testing::ScopeForTest;
  };

  //! Only a passkey holder can call this.
  static OrgScope make(Passkey, OrgId org, Actor actor) { return OrgScope(org, std::move(actor)); }

  const OrgId& org_id() const { return org_; }
  const Actor& actor() const { return actor_; }

 private:
  OrgScope(OrgId org, Actor actor) : org_(org), actor_(std::move(actor)) {}
  OrgId org_;
  Actor actor_;
};

class PlatformReadScope {
 public:
  class Passkey {
    Passkey() = default;
    friend class identity::Authenticator;
    friend class app::OperatorScopeFactory;
    friend class testing::ScopeForTest;
  };
  static PlatformReadScope make(Passkey, Actor actor) { return PlatformReadScope(std::move(actor)); }
  const Actor& actor() const { return actor_; }

 private:
  explicit PlatformReadScope(Actor actor) : actor_(std::move(actor)) {}
  Actor actor_;
};

}  // namespace fg
