// The record scanner shared by CsvReader (serial) and CsvChunkReader (one chunk of a parallel
// read), so both read every byte the same way. Internal to src/ingest/csv.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/result.hpp"
#include "ingest/csv/csv_reader.hpp"

namespace fg::ingest::csv_detail {

//! Finds the '\n' ending the record that starts at `pos` (quote parity: a newline inside quotes is
//! data). False if [pos, len) holds no complete record. `newlines` counts the newlines inside it.
bool find_record_end(const char* base, std::size_t pos, std::size_t len, std::size_t& end, std::uint64_t& newlines);

//! Splits the record [pos, end) (`end` is its '\n', a preceding '\r' is dropped) into `out`,
//! unescaping quoted fields in place. invalid_argument names out.line.
Status split_record(char* base, std::size_t pos, std::size_t end, CsvRecord& out);

}  // namespace fg::ingest::csv_detail
