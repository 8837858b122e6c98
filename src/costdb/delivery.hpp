// Delivery: one ingest of one or more objects into one source of one org, committed atomically.
//
// Rows are routed by BillingPeriodStart to one partition writer each. commit() makes the delivery's
// partitions live and replaces, for this source only, every billing period it carries; partitions of
// other sources and other periods are untouched. Destroying an uncommitted delivery removes its
// files, so a rejected (strict) ingest leaves the store exactly as it was.
// Not thread-safe: one thread appends and commits.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "costdb/cost_store_interface.hpp"
#include "costdb/internal/file_io.hpp"
#include "costdb/line_item.hpp"
#include "costdb/manifest.hpp"
#include "costdb/segment/segment_writer.hpp"

namespace fg::costdb {

//! The column store's delivery (IDelivery): segments written under the org's directory, made live by
//! replacing its manifest.
class Delivery final : public IDelivery {
 public:
  ~Delivery() override;
  Delivery(const Delivery&) = delete;
  Delivery& operator=(const Delivery&) = delete;

  //! Adds one row. invalid_argument when BillingPeriodStart is null; errors from disk are sticky.
  Status append(const LineItem& row) override;
  //! Records an input object's provenance (listed on every partition of the delivery).
  void add_object(SourceObject object) override { objects_.push_back(std::move(object)); }
  //! Makes the delivery live (see the notes in cost_store.hpp). Call at most once; after a failure
  //! the delivery is aborted and nothing changed.
  Result<CommitSummary> commit() override;
  const std::string& id() const override { return id_; }
  std::uint64_t rows() const override { return rows_; }

  struct Private {};
  Delivery(Private, std::filesystem::path org_dir, std::string source, std::uint64_t max_segment_rows, std::string id,
           internal::FileLock inflight);

 private:
  struct PartitionWriter {
    std::filesystem::path dir;  //!< this delivery's directory for the period
    std::unique_ptr<SegmentWriter> writer;
    std::vector<std::string> segments;  //!< finished, relative to the org dir
    std::uint64_t rows = 0;
  };
  Result<PartitionWriter*> writer_for(std::int64_t period_start);
  Status roll_segment(PartitionWriter& p, std::int64_t period_start);
  void abort_files();

  std::filesystem::path org_dir_;
  std::string source_;
  std::uint64_t max_segment_rows_;
  std::string id_;
  internal::FileLock inflight_;
  std::map<std::int64_t, PartitionWriter> partitions_;
  PartitionWriter* last_ = nullptr;
  std::int64_t last_period_ = 0;
  std::vector<SourceObject> objects_;
  std::uint64_t rows_ = 0;
  Status error_;
  bool done_ = false;
};

}  // namespace fg::costdb
