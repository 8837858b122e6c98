#include "ingest/csv/csv_reader.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "ingest/csv/csv_scan.hpp"

namespace fg::ingest {

namespace csv_detail {

bool find_record_end(const char* base, std::size_t pos, std::size_t len, std::size_t& end, std::uint64_t& newlines) {
  std::size_t p = pos;
  newlines = 0;
  bool in_quotes = false;
  // Jump between quotes and newlines with memchr: outside quotes only the next newline or quote
  // matters, inside quotes only the next quote (newlines there are counted for line numbers).
  // The next newline is searched for again only once the scan has passed it (a quoted newline):
  // a row with several quoted fields would otherwise rescan the rest of its line per field.
  std::size_t nl_at = 0;
  bool nl_known = false;
  while (p < len) {
    if (!in_quotes) {
      if (!nl_known || nl_at < p) {
        const char* nl = static_cast<const char*>(std::memchr(base + p, '\n', len - p));
        nl_at = nl ? static_cast<std::size_t>(nl - base) : len;
        nl_known = true;
      }
      const char* q = static_cast<const char*>(std::memchr(base + p, '"', nl_at - p));
      if (!q) {
        if (nl_at == len) return false;
        end = nl_at;
        return true;
      }
      in_quotes = true;
      p = static_cast<std::size_t>(q - base) + 1;
    } else {
      const char* q = static_cast<const char*>(std::memchr(base + p, '"', len - p));
      const std::size_t q_at = q ? static_cast<std::size_t>(q - base) : len;
      for (const char* s = base + p; (s = static_cast<const char*>(std::memchr(s, '\n', base + q_at - s)));) {
        ++newlines;
        ++s;
      }
      if (!q) return false;
      in_quotes = false;  // a doubled "" re-enters quotes on the next iteration
      p = q_at + 1;
    }
  }
  return false;
}

Status split_record(char* base, std::size_t pos, std::size_t end, CsvRecord& out) {
  out.fields.clear();
  out.quoted.clear();
  std::size_t stop = end;
  if (stop > pos && base[stop - 1] == '\r') --stop;  // CRLF
  std::size_t p = pos;
  for (;;) {
    if (p < stop && base[p] == '"') {
      // Unescape in place: the write cursor never passes the read cursor.
      std::size_t r = p + 1, w = p + 1;
      for (;;) {
        if (r >= end) return invalid_argument_error(fmt::format("line {}: unterminated quoted field", out.line));
        if (base[r] == '"') {
          if (r + 1 < end && base[r + 1] == '"') {
            base[w++] = '"';
            r += 2;
            continue;
          }
          ++r;
          break;
        }
        base[w++] = base[r++];
      }
      out.fields.emplace_back(base + p + 1, w - p - 1);
      out.quoted.push_back(true);
      if (r == stop || (r == end)) break;
      if (base[r] != ',') return invalid_argument_error(fmt::format("line {}: text after a closing quote", out.line));
      p = r + 1;
      if (p == stop) {
        out.fields.emplace_back();
        out.quoted.push_back(false);
        break;
      }
      continue;
    }
    // Most fields are short: a byte loop finds their comma sooner than a memchr call would.
    const char* comma = nullptr;
    const std::size_t near = std::min(stop, p + 24);
    std::size_t q = p;
    while (q < near && base[q] != ',') ++q;
    if (q < near) {
      comma = base + q;
    } else if (near < stop) {
      comma = static_cast<const char*>(std::memchr(base + near, ',', stop - near));
    }
    const std::size_t f_end = comma ? static_cast<std::size_t>(comma - base) : stop;
    out.fields.emplace_back(base + p, f_end - p);
    out.quoted.push_back(false);
    if (!comma) break;
    p = f_end + 1;
    if (p == stop) {
      out.fields.emplace_back();
      out.quoted.push_back(false);
      break;
    }
  }
  return ok_status();
}

}  // namespace csv_detail

CsvReader::CsvReader(ByteSource& source, CsvLimits limits) : source_(source), limits_(limits) {}

Status CsvReader::fill() {
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, len_ - pos_);
    len_ -= pos_;
    pos_ = 0;
  }
  if (buf_.size() < len_ + limits_.read_chunk) buf_.resize(len_ + limits_.read_chunk);
  FG_ASSIGN_OR_RETURN(std::size_t got, source_.read(buf_.data() + len_, buf_.size() - len_));
  if (got == 0) eof_ = true;
  len_ += got;
  return ok_status();
}

bool CsvReader::find_record_end(std::size_t& end, std::uint64_t& newlines) {
  return csv_detail::find_record_end(buf_.data(), pos_, len_, end, newlines);
}

Status CsvReader::split(std::size_t end, CsvRecord& out) {
  return csv_detail::split_record(buf_.data(), pos_, end, out);
}

Result<bool> CsvReader::next(CsvRecord& out) {
  for (;;) {
    if (!bom_checked_) {
      while (!eof_ && len_ - pos_ < 3) FG_TRY(fill());
      if (len_ - pos_ >= 3 && std::memcmp(buf_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
      bom_checked_ = true;
    }
    std::size_t end = 0;
    std::uint64_t newlines = 0;
    if (find_record_end(end, newlines)) {
      out.line = line_;
      line_ += newlines + 1;
      FG_TRY(split(end, out));
      pos_ = end + 1;
      // A blank line between records carries no data.
      if (out.fields.size() == 1 && out.fields[0].empty() && !out.quoted[0]) continue;
      return true;
    }
    if (len_ - pos_ > limits_.max_record_bytes) {
      return invalid_argument_error(
          fmt::format("line {}: record longer than {} bytes", line_, limits_.max_record_bytes));
    }
    if (eof_) {
      if (pos_ == len_) return false;
      if (terminated_) return invalid_argument_error(fmt::format("line {}: unterminated quoted field", line_));
      terminated_ = true;
      // The last record has no newline: terminate it virtually.
      if (buf_.size() == len_) buf_.push_back('\n');
      buf_[len_] = '\n';
      ++len_;
      continue;
    }
    FG_TRY(fill());
  }
}

}  // namespace fg::ingest
