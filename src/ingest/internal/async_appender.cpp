#include "ingest/internal/async_appender.hpp"

namespace fg::ingest::internal {

AsyncAppender::AsyncAppender(costdb::Delivery& delivery) : delivery_(delivery), thread_([this] { run(); }) {}

AsyncAppender::~AsyncAppender() {
  {
    // Destroyed without finish(): the ingest failed and its delivery will be discarded anyway.
    std::lock_guard<std::mutex> g(mu_);
    queue_.clear();
    closing_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status AsyncAppender::append(const costdb::LineItem& row) {
  if (!current_) {
    current_ = std::make_unique<Batch>();
    // Reserved once: rows are built in place and never move, so their views stay valid.
    current_->reserve(kBatchRows);
  }
  OwnedRow& r = current_->emplace_back();
  r.item = row;
  std::size_t total = 0;
  for (const std::string_view t : row.text) total += t.size();
  r.text.reserve(total);
  for (std::size_t c = 0; c < costdb::kColumnCount; ++c) {
    if (row.text[c].empty()) continue;
    const std::size_t at = r.text.size();
    r.text.append(row.text[c]);
    r.item.text[c] = std::string_view(r.text.data() + at, row.text[c].size());
  }
  if (current_->size() == kBatchRows) return push(std::move(current_));
  return ok_status();
}

Status AsyncAppender::push(std::unique_ptr<Batch> batch) {
  std::unique_lock<std::mutex> g(mu_);
  cv_.wait(g, [this] { return queue_.size() < kQueueDepth || !error_.ok(); });
  if (!error_.ok()) return error_;
  queue_.push_back(std::move(batch));
  cv_.notify_all();
  return ok_status();
}

Status AsyncAppender::finish() {
  if (current_ && !current_->empty()) FG_TRY(push(std::move(current_)));
  {
    std::lock_guard<std::mutex> g(mu_);
    closing_ = true;
  }
  cv_.notify_all();
  thread_.join();
  return error_;
}

void AsyncAppender::run() {
  for (;;) {
    std::unique_ptr<Batch> batch;
    {
      std::unique_lock<std::mutex> g(mu_);
      cv_.wait(g, [this] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;
      batch = std::move(queue_.front());
      queue_.pop_front();
      cv_.notify_all();
    }
    Status s;
    try {
      for (const OwnedRow& r : *batch) {
        s = delivery_.append(r.item);
        if (!s.ok()) break;
      }
    } catch (const std::bad_alloc&) {
      s = resource_exhausted_error("ingest: out of memory");
    }
    if (!s.ok()) {
      std::lock_guard<std::mutex> g(mu_);
      error_ = s;
      queue_.clear();
      cv_.notify_all();
      return;
    }
  }
}

}  // namespace fg::ingest::internal
