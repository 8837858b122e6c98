#include "ingest/csv/csv_chunker.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "ingest/csv/csv_scan.hpp"

namespace fg::ingest {

namespace {

// memchr jumps; a plain std::count loop is not vectorized at -O2 and showed in the profile.
std::uint64_t count_newlines(const char* p, const char* end) {
  std::uint64_t n = 0;
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))))) {
    ++n;
    ++p;
  }
  return n;
}

}  // namespace

CsvChunker::CsvChunker(ByteSource& source, CsvLimits limits) : source_(source), limits_(limits) {}

Status CsvChunker::fill() {
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, len_ - pos_);
    len_ -= pos_;
    scan_ -= pos_;
    last_cut_ = last_cut_ > pos_ ? last_cut_ - pos_ : 0;
    pos_ = 0;
  }
  if (buf_.size() < len_ + limits_.read_chunk) buf_.resize(len_ + limits_.read_chunk);
  FG_ASSIGN_OR_RETURN(std::size_t got, source_.read(buf_.data() + len_, buf_.size() - len_));
  if (got == 0) eof_ = true;
  len_ += got;
  return ok_status();
}

bool CsvChunker::find_cut(std::size_t target_end, std::size_t& cut) {
  const char* b = buf_.data();
  auto at = [b](const void* p) { return static_cast<std::size_t>(static_cast<const char*>(p) - b); };
  while (scan_ < len_) {
    if (in_quotes_) {
      // Inside quotes only the closing quote matters; a "" escape re-enters on the next quote.
      const void* q = std::memchr(b + scan_, '"', len_ - scan_);
      if (!q) {
        scan_ = len_;
        break;
      }
      in_quotes_ = false;
      scan_ = at(q) + 1;
    } else {
      // Every newline in [scan_, seg_end) is outside quotes: a record end.
      const void* q = std::memchr(b + scan_, '"', len_ - scan_);
      const std::size_t seg_end = q ? at(q) : len_;
      if (seg_end <= target_end) {
        if (const void* nl = memrchr(b + scan_, '\n', seg_end - scan_)) last_cut_ = at(nl) + 1;
      } else {
        if (target_end > scan_) {
          if (const void* nl = memrchr(b + scan_, '\n', target_end - scan_)) last_cut_ = at(nl) + 1;
        }
        if (last_cut_ > pos_) {
          cut = last_cut_;
          return true;
        }
        // No record end before the target: cut after the first one past it (one long record).
        const std::size_t from = std::max(scan_, target_end);
        if (const void* nl = std::memchr(b + from, '\n', seg_end - from)) {
          cut = at(nl) + 1;
          scan_ = cut;  // outside quotes, like the whole segment
          return true;
        }
      }
      if (!q) {
        scan_ = len_;
        break;
      }
      in_quotes_ = true;
      scan_ = seg_end + 1;
    }
    if (scan_ > target_end && last_cut_ > pos_) {
      cut = last_cut_;
      return true;
    }
  }
  return false;
}

void CsvChunker::emit(CsvChunk& out, std::size_t cut) {
  out.bytes.assign(buf_.data() + pos_, cut - pos_);
  // A last record without a newline is terminated here, as CsvReader does at the end.
  if (out.bytes.back() != '\n') out.bytes.push_back('\n');
  out.first_line = line_;
  line_ += count_newlines(buf_.data() + pos_, buf_.data() + cut);
  pos_ = cut;
  last_cut_ = std::max(last_cut_, pos_);
  scan_ = std::max(scan_, pos_);
}

Result<bool> CsvChunker::next(CsvChunk& out, std::size_t target) {
  if (!started_) {
    while (!eof_ && len_ - pos_ < 3) FG_TRY(fill());
    if (len_ - pos_ >= 3 && std::memcmp(buf_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
    scan_ = last_cut_ = pos_;
    started_ = true;
  }
  const std::size_t want = std::max<std::size_t>(target, 1);
  for (;;) {
    std::size_t cut = 0;
    if (find_cut(pos_ + want, cut)) {
      emit(out, cut);
      return true;
    }
    // Everything after the last record end is one record still being read.
    const std::size_t open_record = std::max(last_cut_, pos_);
    if (len_ - open_record > limits_.max_record_bytes) {
      const std::uint64_t line = line_ + count_newlines(buf_.data() + pos_, buf_.data() + open_record);
      return invalid_argument_error(
          fmt::format("line {}: record longer than {} bytes", line, limits_.max_record_bytes));
    }
    if (eof_) {
      if (pos_ == len_) return false;
      emit(out, len_);  // the rest, whole; an unterminated quote is the reader's error
      return true;
    }
    FG_TRY(fill());
  }
}

Result<bool> CsvChunkReader::next(CsvRecord& out) {
  std::string& bytes = chunk_.bytes;
  while (pos_ < bytes.size()) {
    std::size_t end = 0;
    std::uint64_t newlines = 0;
    if (!csv_detail::find_record_end(bytes.data(), pos_, bytes.size(), end, newlines)) {
      return invalid_argument_error(fmt::format("line {}: unterminated quoted field", line_));
    }
    out.line = line_;
    line_ += newlines + 1;
    FG_TRY(csv_detail::split_record(bytes.data(), pos_, end, out));
    pos_ = end + 1;
    // A blank line between records carries no data.
    if (out.fields.size() == 1 && out.fields[0].empty() && !out.quoted[0]) continue;
    return true;
  }
  return false;
}

}  // namespace fg::ingest
