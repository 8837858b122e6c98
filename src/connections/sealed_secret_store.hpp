// SealedSecretStore: the owner of the sealed_secrets table (issue 21). A sealed secret is a cloud
// credential sealed to the worker's public key (crypto/sealed_secret.hpp): the API tier seals, only
// the worker's vault opens. Every read and write of the table goes through here, inside the caller's
// org transaction (RLS on PostgreSQL, an explicit org_id filter on both backends); the cloud
// connections of the next issue and the key re-wrap job use it, and no job handler writes SQL on it.
//
// The cross-org reads the operator's `keys` commands need (how many secrets a key still seals, which
// orgs need a re-wrap) are privileged calls of src/store (kSecretKeyUsage, kOrgsNeedingRewrap).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "core/uuid.hpp"
#include "store/transaction.hpp"

namespace fg::connections {

struct SealedSecret {
  Uuid id;
  std::string key_id;         //!< the worker key it is sealed to
  std::string blob;           //!< the sealed bytes (never plaintext)
  std::string purpose;        //!< what it is for, e.g. "connection:<id>"
  std::uint32_t version = 1;  //!< bound into the seal's associated data with the org and the id
};

struct NewSealedSecret {
  Uuid id;  //!< chosen by the caller: the seal binds it, so it is known before the row exists
  std::string key_id;
  std::string blob;
  std::string purpose;
  std::uint32_t version = 1;
};

class SealedSecretStore {
 public:
  //! Adds a secret to the transaction's org. conflict when the id exists.
  static Status insert(store::OrgTransaction& tx, const NewSealedSecret& secret, Timestamp now);

  //! Up to `limit` of the org's secrets not sealed to `key_id`, in id order, after `after_id` ("" for
  //! the first batch): the keyset cursor of a resumable re-wrap.
  static Result<std::vector<SealedSecret>> not_sealed_to(store::OrgTransaction& tx, std::string_view key_id,
                                                         std::string_view after_id, int limit);

  //! Replaces a secret's blob with one sealed to `to_key`, only if it is still sealed to `from_key`
  //! (a concurrent credential change wins). True when the row was replaced.
  static Result<bool> reseal(store::OrgTransaction& tx, const Uuid& id, std::string_view from_key,
                             std::string_view to_key, const std::string& blob, Timestamp now);
};

}  // namespace fg::connections
