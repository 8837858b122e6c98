// ICostStore: what the rest of finguard asks of a cost store (ingest a delivery, query, list dimension
// values and partitions, drop an org's data), so the ClickHouse backend that comes later is a second
// implementation behind the same tests. CostStore (cost_store.hpp), the embedded column store, is the
// first. Every method takes the OrgScope first and touches only that org's data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/org_scope.hpp"
#include "core/result.hpp"
#include "costdb/line_item.hpp"
#include "costdb/manifest.hpp"
#include "costdb/query/query.hpp"

namespace fg::costdb {

struct CommitSummary {
  std::string delivery_id;
  std::uint64_t rows = 0;
  std::vector<std::int64_t> periods;      //!< billing periods written (and replaced for the source)
  std::uint64_t replaced_partitions = 0;  //!< earlier partitions of this source that were dropped
  std::uint64_t generation = 0;           //!< the store's new generation for the org
};

//! One ingest of one or more objects into one source of one org, committed atomically: commit()
//! replaces, for this source only, every billing period the delivery carries. Destroying an
//! uncommitted delivery leaves the store exactly as it was. Not thread-safe: one thread appends and
//! commits.
class IDelivery {
 public:
  virtual ~IDelivery() = default;
  //! Adds one row. invalid_argument when BillingPeriodStart is null; errors from storage are sticky.
  virtual Status append(const LineItem& row) = 0;
  //! Records an input object's provenance (listed on every partition of the delivery).
  virtual void add_object(SourceObject object) = 0;
  //! Makes the delivery live. Call at most once; after a failure nothing changed.
  virtual Result<CommitSummary> commit() = 0;
  virtual const std::string& id() const = 0;
  virtual std::uint64_t rows() const = 0;
};

class ICostStore {
 public:
  virtual ~ICostStore() = default;
  //! Starts a delivery for `source` (non-empty, at most 200 bytes; invalid_argument otherwise).
  virtual Result<std::unique_ptr<IDelivery>> begin_delivery(const OrgScope& scope, std::string_view source) const = 0;
  //! Runs `q` over the org's committed data. invalid_argument for a bad query; internal on corrupt data.
  virtual Result<QueryResult> query(const OrgScope& scope, const Query& q) const = 0;
  //! Distinct values of `dim` among rows matching `q`'s filters and time range, sorted; nulls ("")
  //! excluded. Time grains are not accepted (invalid_argument).
  virtual Result<std::vector<std::string>> distinct_values(const OrgScope& scope, const Dimension& dim,
                                                           const Query& q) const = 0;
  //! The org's committed partitions (source, billing period, rows, provenance); empty for an org
  //! that never ingested.
  virtual Result<std::vector<Partition>> partitions(const OrgScope& scope) const = 0;
  //! Removes every row of the org (when the org is deleted). Later queries see nothing; a delivery
  //! in flight for the org fails at commit. Other orgs are untouched.
  virtual Status drop_org(const OrgScope& scope) const = 0;
};

}  // namespace fg::costdb
