// The prefetching wrapper declared in byte_source.hpp: one producer thread fills a bounded queue
// of chunks; the consumer drains it. Memory is bounded by depth × chunk.
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

#include "ingest/source/byte_source.hpp"

namespace fg::ingest {
namespace {

class PrefetchSource final : public ByteSource {
 public:
  PrefetchSource(std::unique_ptr<ByteSource> inner, std::size_t chunk, std::size_t depth)
      : inner_(std::move(inner)), chunk_(chunk), depth_(depth), thread_([this] { produce(); }) {}

  ~PrefetchSource() override {
    {
      std::lock_guard<std::mutex> g(mu_);
      cancelled_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  Result<std::size_t> read(char* out, std::size_t n) override {
    if (pos_ == current_.size()) {
      std::unique_lock<std::mutex> g(mu_);
      cv_.wait(g, [this] { return !queue_.empty() || finished_; });
      if (queue_.empty()) {
        if (!error_.ok()) return error_;
        return std::size_t{0};
      }
      current_ = std::move(queue_.front());
      queue_.pop_front();
      pos_ = 0;
      cv_.notify_all();
    }
    const std::size_t k = std::min(n, current_.size() - pos_);
    std::memcpy(out, current_.data() + pos_, k);
    pos_ += k;
    return k;
  }

  std::uint64_t raw_bytes() const override {
    std::lock_guard<std::mutex> g(mu_);
    return raw_bytes_;
  }
  std::string raw_sha256() const override {
    std::lock_guard<std::mutex> g(mu_);
    return sha_;
  }

 private:
  void produce() {
    for (;;) {
      std::string buf(chunk_, '\0');
      std::size_t have = 0;
      Status err;
      // Fill whole chunks so the consumer sees few, large pieces.
      while (have < chunk_) {
        auto r = inner_->read(buf.data() + have, chunk_ - have);
        if (!r.ok()) {
          err = r.status();
          break;
        }
        if (*r == 0) break;
        have += *r;
      }
      buf.resize(have);
      std::unique_lock<std::mutex> g(mu_);
      raw_bytes_ = inner_->raw_bytes();
      if (have) {
        cv_.wait(g, [this] { return queue_.size() < depth_ || cancelled_; });
        if (cancelled_) return;
        queue_.push_back(std::move(buf));
      }
      if (!err.ok() || have < chunk_) {
        error_ = err;
        if (err.ok()) sha_ = inner_->raw_sha256();
        finished_ = true;
        cv_.notify_all();
        return;
      }
      cv_.notify_all();
    }
  }

  std::unique_ptr<ByteSource> inner_;
  std::size_t chunk_, depth_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  bool finished_ = false, cancelled_ = false;
  Status error_;
  std::uint64_t raw_bytes_ = 0;
  std::string sha_;
  std::string current_;
  std::size_t pos_ = 0;
  std::thread thread_;  // last: starts after every other member is constructed
};

}  // namespace

std::unique_ptr<ByteSource> prefetch(std::unique_ptr<ByteSource> inner, std::size_t chunk, std::size_t depth) {
  return std::make_unique<PrefetchSource>(std::move(inner), chunk, depth);
}

}  // namespace fg::ingest
