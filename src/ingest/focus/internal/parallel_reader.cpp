#include "ingest/focus/internal/parallel_reader.hpp"

#include <algorithm>
#include <new>

namespace fg::ingest::internal {

ParallelFocusReader::ParallelFocusReader(Private, std::unique_ptr<ByteSource> source, InputInfo info,
                                         const CsvLimits& limits)
    : source_(std::move(source)), info_(std::move(info)), chunker_(*source_, limits) {}

Result<std::unique_ptr<ParallelFocusReader>> ParallelFocusReader::open(std::unique_ptr<RawInput> input,
                                                                       const CsvLimits& limits,
                                                                       ConformanceReport& findings, int threads,
                                                                       const ExpansionLimits& expansion,
                                                                       const InterpretationChooser& choose) {
  InputInfo info;
  FG_ASSIGN_OR_RETURN(std::unique_ptr<ByteSource> raw, open_input(std::move(input), &info));
  auto r = std::make_unique<ParallelFocusReader>(Private{}, prefetch(limit_expansion(std::move(raw), expansion)), info,
                                                 limits);
  // The header is the first record that is not a blank line: cut one record at a time.
  CsvChunk chunk;
  CsvRecord header;
  for (bool found = false; !found;) {
    FG_ASSIGN_OR_RETURN(bool more, r->chunker_.next(chunk, 1));
    if (!more) return invalid_argument_error("the file is empty: a FOCUS header is required");
    CsvChunkReader records(chunk);
    FG_ASSIGN_OR_RETURN(found, records.next(header));
  }
  if (choose) {
    FG_ASSIGN_OR_RETURN(r->interpretation_, choose(header, findings));
  } else {
    r->interpretation_ = focus_interpretation(header, findings);
  }
  const std::size_t n = static_cast<std::size_t>(std::max(threads, 1));
  // Enough batches for every worker to have one in hand and one done, plus the consumer's.
  r->max_batches_ = 2 * n + 1;
  for (std::size_t i = 0; i < n; ++i) r->interpreters_.push_back(r->interpretation_->make_interpreter(info.name));
  for (std::size_t i = 0; i < n; ++i) r->threads_.emplace_back([p = r.get(), i] { p->work(i); });
  return r;
}

ParallelFocusReader::~ParallelFocusReader() {
  {
    std::lock_guard<std::mutex> g(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void ParallelFocusReader::parse(RowBatch& b, RecordInterpreter& interpreter) const {
  b.count = 0;
  b.lines.clear();
  b.error_rows.clear();
  b.findings = ConformanceReport();
  b.lenient_timestamps = b.lenient_nulls = b.lenient_utf8 = 0;
  CsvChunkReader records(b.chunk);
  CsvRecord rec;
  for (;;) {
    auto more = records.next(rec);
    if (!more.ok()) {
      b.status = more.status();
      return;
    }
    if (!*more) return;
    if (b.count == b.rows.size()) b.rows.emplace_back();
    ParsedRow& row = b.rows[b.count];
    // Row numbers are local to the batch here; next() adds the rows of the batches before it.
    const std::uint64_t before = b.findings.errors();
    interpreter.interpret(rec, b.count + 1, row, b.findings);
    row.item.hash_text();  // here, in parallel, rather than on the thread that interns
    for (CellState s : row.state) {
      b.lenient_timestamps += s == CellState::kLenientTime;
      b.lenient_nulls += s == CellState::kNullToken;
      b.lenient_utf8 += s == CellState::kBadUtf8;
    }
    b.lines.push_back(rec.line);
    b.error_rows.push_back(b.findings.errors() != before ? 1 : 0);
    ++b.count;
  }
}

void ParallelFocusReader::work(std::size_t worker) {
  for (;;) {
    std::unique_ptr<RowBatch> b;
    std::uint64_t seq = 0;
    {
      std::unique_lock<std::mutex> g(mu_);
      cv_.wait(g, [this] { return stop_ || cutting_done_ || live_ < max_batches_; });
      if (stop_ || cutting_done_) return;
      if (!free_.empty()) {
        b = std::move(free_.back());
        free_.pop_back();
      } else {
        b = std::make_unique<RowBatch>();
      }
      ++live_;
      seq = next_seq_++;
      b->status = ok_status();
      b->end = false;
      b->count = 0;
      // Cutting is sequential (it carries the quote state); reading the prefetched stream is a copy.
      try {
        auto more = chunker_.next(b->chunk, kChunkBytes);
        if (!more.ok()) {
          b->status = more.status();
          cutting_done_ = true;
        } else if (!*more) {
          b->end = true;
          cutting_done_ = true;
        }
      } catch (const std::bad_alloc&) {
        b->status = resource_exhausted_error("ingest: out of memory");
        cutting_done_ = true;
      }
    }
    // An exception must not escape a worker (std::terminate): it becomes the batch's error.
    try {
      if (b->status.ok() && !b->end) parse(*b, *interpreters_[worker]);
    } catch (const std::bad_alloc&) {
      b->status = resource_exhausted_error("ingest: out of memory");
    }
    {
      std::lock_guard<std::mutex> g(mu_);
      done_.emplace(seq, std::move(b));
    }
    cv_.notify_all();
  }
}

Result<const RowBatch*> ParallelFocusReader::next() {
  std::unique_lock<std::mutex> g(mu_);
  if (current_) {
    const bool end = current_->end;
    free_.push_back(std::move(current_));
    --live_;
    cv_.notify_all();
    if (end) return nullptr;
  }
  cv_.wait(g, [this] { return done_.count(want_seq_) != 0; });
  auto it = done_.find(want_seq_);
  current_ = std::move(it->second);
  done_.erase(it);
  ++want_seq_;
  g.unlock();
  if (!current_->status.ok()) return current_->status;
  if (current_->end) return nullptr;
  for (std::size_t i = 0; i < current_->count; ++i) {
    current_->rows[i].item.seconds[costdb::index_of(costdb::Column::kRowNumber)] += static_cast<std::int64_t>(rows_);
  }
  rows_ += current_->count;
  return current_.get();
}

}  // namespace fg::ingest::internal
