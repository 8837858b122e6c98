// CostStore: the embedded column store of FOCUS line items under DATA_DIR/costdb/, the first
// implementation of ICostStore (cost_store_interface.hpp).
//
// Every method takes the OrgScope first and touches only that org's directory, whose name is the
// scope's org id: there is no way to name another org's data. Writes go through a Delivery; reads
// see the last committed manifest (a snapshot), never a delivery in progress.
//
// Notes on the commit protocol (see Delivery::commit):
//   1. A delivery writes its segments into fresh directories and fsyncs them; nothing refers to them.
//   2. Under the org lock it reads the manifest, drops the partitions (same source, a period the
//      delivery carries), adds its own, and replaces manifest.json atomically.
//   3. Only then are the replaced partitions' files removed. A crash before 2 leaves the old manifest
//      and orphans that the next commit collects; a crash after 2 leaves the new manifest and
//      orphans. In every case a reader sees the old or the new partitions, never a mix.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/org_scope.hpp"
#include "core/result.hpp"
#include "costdb/cost_store_interface.hpp"
#include "costdb/manifest.hpp"
#include "costdb/query/query.hpp"

namespace fg::costdb {

class Segment;  // segment/segment.hpp, kept out of this header: it pulls in the store's internals

struct StoreOptions {
  std::uint64_t max_segment_rows = std::uint64_t{1} << 20;  //!< bounds a delivery's memory per period
  unsigned query_threads = 2;                               //!< the machine has 2 cores
  std::size_t segment_cache = 64;                           //!< opened segments kept for later queries
};

class CostStore final : public ICostStore {
 public:
  //! Opens (creating if needed) DATA_DIR/costdb. Thread-safe once opened; several processes may use
  //! the same directory (commits serialize on a per-org file lock).
  static Result<std::shared_ptr<CostStore>> open(const std::filesystem::path& data_dir, StoreOptions options = {});

  //! Starts a delivery for `source` (non-empty, at most 200 bytes): see Delivery.
  Result<std::unique_ptr<IDelivery>> begin_delivery(const OrgScope& scope, std::string_view source) const override;

  //! Runs `q` over the org's committed partitions, on up to query_threads threads.
  //! invalid_argument for a bad query (too many group-by dimensions, a non-string column as a
  //! dimension); internal on a corrupt segment.
  Result<QueryResult> query(const OrgScope& scope, const Query& q) const override;

  //! Distinct values of `dim` among rows matching `q`'s filters and time range, sorted; nulls ("")
  //! excluded. Time grains are not accepted (invalid_argument).
  Result<std::vector<std::string>> distinct_values(const OrgScope& scope, const Dimension& dim,
                                                   const Query& q) const override;

  //! The org's committed partitions (empty for an org that never ingested).
  Result<std::vector<Partition>> partitions(const OrgScope& scope) const override;

  //! Under the org's commit lock, renames the org's directory aside (atomic: a reader sees all of
  //! it or none), then removes it; a failed removal leaves only an unreferenced ".dropped-*"
  //! directory, which the next drop of any org retries (internal_error then, though the org's data is
  //! already out of sight).
  Status drop_org(const OrgScope& scope) const override;

  const StoreOptions& options() const { return options_; }

  struct Private {};
  CostStore(Private, std::filesystem::path root, StoreOptions options) : root_(std::move(root)), options_(options) {}

 private:
  std::filesystem::path org_dir(const OrgScope& scope) const;
  Result<Manifest> load_manifest(const std::filesystem::path& org_dir) const;
  //! Segments are immutable and their paths unique (delivery ids), so opened ones are cached.
  Result<std::shared_ptr<const Segment>> load_segment(const std::filesystem::path& path) const;

  std::filesystem::path root_;
  StoreOptions options_;
  mutable std::mutex cache_mu_;
  mutable std::map<std::string, std::shared_ptr<const Segment>> cache_;
};

}  // namespace fg::costdb
