// ParallelFocusReader: FocusFileReader's work (CSV records → ParsedRow → validator findings) spread
// over worker threads, handed back in file order. What a record means is the file's
// FileInterpretation (record_interpreter.hpp): FOCUS by default, or a native format's mapping.
//
// Each worker takes the next chunk of whole records from one shared CsvChunker (under a lock; the
// cut is exact, see csv_chunker.hpp), then parses and validates it on its own with its own
// RowParser. The consumer receives the chunks' row batches strictly in file order, with physical
// line numbers exact (chunks carry their first line) and data-row numbers (provenance) made exact on
// hand-over. So ingest sees the same rows, lines, findings and errors as with the serial reader.
//
// Memory is bounded: at most kMaxBatches batches exist (in flight, done or being consumed), each
// about kChunkBytes of text plus its parsed rows. Row text points into the batch, so a batch is
// valid until the next call to next(). Not thread-safe: one consumer.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "ingest/csv/csv_chunker.hpp"
#include "ingest/focus/conformance_report.hpp"
#include "ingest/focus/record_interpreter.hpp"
#include "ingest/focus/row_parser.hpp"
#include "ingest/source/byte_source.hpp"
#include "ingest/source/expansion_limit.hpp"

namespace fg::ingest::internal {

struct RowBatch {
  CsvChunk chunk;
  std::deque<ParsedRow> rows;  //!< rows[0, count) are this batch's; a deque: rows never move
  std::size_t count = 0;
  std::vector<std::uint64_t> lines;      //!< physical line of each row
  std::vector<std::uint8_t> error_rows;  //!< 1: the validator found an error in the row
  ConformanceReport findings;            //!< of these rows, in order
  std::uint64_t lenient_timestamps = 0;  //!< cells read with the lenient timestamp syntax
  std::uint64_t lenient_nulls = 0;       //!< NULL / null tokens read as null
  std::uint64_t lenient_utf8 = 0;        //!< text cells whose invalid UTF-8 was replaced
  Status status;                         //!< a structural error after the rows (stops the read)
  bool end = false;                      //!< no more data
};

class ParallelFocusReader {
 public:
  static constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

  //! Opens `input` and reads its header; header findings go to `findings`. Errors as
  //! FocusFileReader::open. `threads` parse workers (at least 1). Past an `expansion` cap the read
  //! fails (expansion_limit.hpp). `choose` picks the interpretation from the header (default: FOCUS).
  static Result<std::unique_ptr<ParallelFocusReader>> open(std::unique_ptr<RawInput> input, const CsvLimits& limits,
                                                           ConformanceReport& findings, int threads,
                                                           const ExpansionLimits& expansion = {},
                                                           const InterpretationChooser& choose = {});
  ~ParallelFocusReader();
  ParallelFocusReader(const ParallelFocusReader&) = delete;
  ParallelFocusReader& operator=(const ParallelFocusReader&) = delete;

  //! The next batch in file order, nullptr at the end; valid until the next call. A structural
  //! error (its line named) is returned as the error.
  Result<const RowBatch*> next();

  std::uint64_t rows() const { return rows_; }
  const InputInfo& info() const { return info_; }
  //! The format the file is read as ("focus", "aws-cur", ...).
  std::string format() const { return interpretation_->format(); }
  std::uint64_t raw_bytes() const { return source_->raw_bytes(); }
  //! SHA-256 of the raw object; valid after next() returned nullptr.
  std::string sha256() const { return source_->raw_sha256(); }

  struct Private {};
  ParallelFocusReader(Private, std::unique_ptr<ByteSource> source, InputInfo info, const CsvLimits& limits);

 private:
  void work(std::size_t worker);
  void parse(RowBatch& b, RecordInterpreter& interpreter) const;

  std::unique_ptr<ByteSource> source_;
  InputInfo info_;
  CsvChunker chunker_;  // guarded by mu_
  std::unique_ptr<FileInterpretation> interpretation_;
  std::vector<std::unique_ptr<RecordInterpreter>> interpreters_;  // one per worker (caches)
  std::size_t max_batches_ = 0;

  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t next_seq_ = 0;                               //!< the next chunk to cut
  std::uint64_t want_seq_ = 0;                               //!< the next batch the consumer takes
  std::size_t live_ = 0;                                     //!< batches allocated and not in free_
  std::vector<std::unique_ptr<RowBatch>> free_;              //!< recycled
  std::map<std::uint64_t, std::unique_ptr<RowBatch>> done_;  //!< parsed, waiting for the consumer
  bool cutting_done_ = false;                                //!< the chunker hit the end or an error
  bool stop_ = false;
  std::unique_ptr<RowBatch> current_;  //!< the batch the consumer holds
  std::uint64_t rows_ = 0;
  std::vector<std::thread> threads_;  // last: joined before the members above go
};

}  // namespace fg::ingest::internal
