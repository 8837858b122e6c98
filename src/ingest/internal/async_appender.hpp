// AsyncAppender: hands parsed rows to a costdb::Delivery on a second thread, so parsing and
// validation (this thread) overlap with dictionary encoding, compression and writing (that thread):
// the two halves of ingest, one per core (COSTDB-NOTES "Where the time goes").
//
// Rows are copied into batches that own their text; at most kQueueDepth batches wait, so memory
// stays bounded. A write error is sticky and surfaces on the next append() or on finish().
// Not thread-safe: one producer.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "costdb/delivery.hpp"
#include "costdb/line_item.hpp"

namespace fg::ingest::internal {

class AsyncAppender {
 public:
  static constexpr std::size_t kBatchRows = 4096;
  static constexpr std::size_t kQueueDepth = 3;

  explicit AsyncAppender(costdb::Delivery& delivery);
  ~AsyncAppender();
  AsyncAppender(const AsyncAppender&) = delete;
  AsyncAppender& operator=(const AsyncAppender&) = delete;

  //! Copies `row` into the current batch.
  Status append(const costdb::LineItem& row);
  //! Flushes and waits until every row is in the delivery. Call once, before commit.
  Status finish();

 private:
  struct OwnedRow {
    costdb::LineItem item;
    std::string text;  //!< every text cell, concatenated; item.text views point here
  };
  using Batch = std::vector<OwnedRow>;

  Status push(std::unique_ptr<Batch> batch);
  void run();

  costdb::Delivery& delivery_;
  std::unique_ptr<Batch> current_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> queue_;
  bool closing_ = false;
  Status error_;
  std::thread thread_;
};

}  // namespace fg::ingest::internal
