#include "ingest/parquet/internal/thrift_decode.hpp"

#include <algorithm>
#include <memory>
#include <new>

#include <thrift/TConfiguration.h>
#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/protocol/TProtocolException.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TTransportException.h>

namespace fg::ingest::parquet::internal {
namespace {

using apache::thrift::TConfiguration;
using apache::thrift::protocol::TCompactProtocolT;
using apache::thrift::protocol::TType;
using apache::thrift::transport::TMemoryBuffer;
using Protocol = TCompactProtocolT<TMemoryBuffer>;

// Deeper than any real footer (FileMetaData > RowGroup > ColumnChunk > ColumnMetaData > Statistics
// is 5); libthrift's own default is 64.
constexpr int kMaxThriftDepth = 32;

struct Decoder {
  std::shared_ptr<TMemoryBuffer> buffer;
  std::unique_ptr<Protocol> protocol;
};

// A protocol over `bytes` that cannot read, allocate a string or declare a container beyond them.
Decoder make_decoder(std::string_view bytes) {
  const int size = static_cast<int>(std::min<std::size_t>(bytes.size(), 0x7fffffff));
  auto config = std::make_shared<TConfiguration>(size, size, kMaxThriftDepth);
  // OBSERVE never writes to the buffer; the const_cast is libthrift's signature, not a mutation.
  auto buffer = std::make_shared<TMemoryBuffer>(reinterpret_cast<std::uint8_t*>(const_cast<char*>(bytes.data())),
                                                static_cast<std::uint32_t>(size), TMemoryBuffer::OBSERVE, config);
  auto protocol = std::make_unique<Protocol>(buffer, size, size);
  return Decoder{std::move(buffer), std::move(protocol)};
}

// The structs that lists of the footer hold, by where they sit: only these three are large and
// numerous; everything else nested in a list is a small struct or a scalar.
enum class Where { kFileMetaData, kRowGroup, kOther };

constexpr std::uint64_t kSmallStruct = std::max({sizeof(::parquet::KeyValue), sizeof(::parquet::PageEncodingStats),
                                                 sizeof(::parquet::SortingColumn), sizeof(::parquet::ColumnOrder)});

struct Estimate {
  std::uint64_t bytes = 0;
  std::uint64_t cap = 0;
  bool over() const { return bytes > cap; }
};

std::uint64_t element_weight(TType type, Where where, std::int16_t field) {
  if (type == apache::thrift::protocol::T_STRUCT) {
    if (where == Where::kFileMetaData && field == 2) return sizeof(::parquet::SchemaElement);
    if (where == Where::kFileMetaData && field == 4) return sizeof(::parquet::RowGroup);
    if (where == Where::kRowGroup && field == 1) return sizeof(::parquet::ColumnChunk);
    return kSmallStruct;
  }
  if (type == apache::thrift::protocol::T_STRING) return sizeof(std::string);
  return 8;
}

void walk_value(Protocol& p, TType type, Where where, std::int16_t field, int depth, Estimate& e);

void walk_struct(Protocol& p, Where where, int depth, Estimate& e) {
  if (depth > kMaxThriftDepth)
    throw apache::thrift::protocol::TProtocolException(apache::thrift::protocol::TProtocolException::DEPTH_LIMIT);
  std::string name;
  p.readStructBegin(name);
  for (;;) {
    TType type;
    std::int16_t id = 0;
    p.readFieldBegin(name, type, id);
    if (type == apache::thrift::protocol::T_STOP) break;
    walk_value(p, type, where, id, depth, e);
    p.readFieldEnd();
    if (e.over()) return;
  }
  p.readStructEnd();
}

void walk_value(Protocol& p, TType type, Where where, std::int16_t field, int depth, Estimate& e) {
  using namespace apache::thrift::protocol;
  switch (type) {
    case T_STRUCT: walk_struct(p, Where::kOther, depth + 1, e); return;
    case T_STRING: {
      std::string s;
      p.readBinary(s);
      e.bytes += s.size();
      return;
    }
    case T_LIST:
    case T_SET: {
      TType elem;
      std::uint32_t n = 0;
      if (type == T_LIST)
        p.readListBegin(elem, n);
      else
        p.readSetBegin(elem, n);
      e.bytes += static_cast<std::uint64_t>(n) * element_weight(elem, where, field);
      // Elements of FileMetaData.row_groups are RowGroups, whose field 1 is the big list of columns.
      const bool row_groups = where == Where::kFileMetaData && field == 4 && elem == T_STRUCT;
      for (std::uint32_t i = 0; i < n && !e.over(); ++i) {
        if (row_groups)
          walk_struct(p, Where::kRowGroup, depth + 1, e);
        else
          walk_value(p, elem, Where::kOther, 0, depth + 1, e);
      }
      if (type == T_LIST)
        p.readListEnd();
      else
        p.readSetEnd();
      return;
    }
    case T_MAP: {
      TType k, v;
      std::uint32_t n = 0;
      p.readMapBegin(k, v, n);
      e.bytes += static_cast<std::uint64_t>(n) * 2 * kSmallStruct;
      for (std::uint32_t i = 0; i < n && !e.over(); ++i) {
        walk_value(p, k, Where::kOther, 0, depth + 1, e);
        walk_value(p, v, Where::kOther, 0, depth + 1, e);
      }
      p.readMapEnd();
      return;
    }
    default: apache::thrift::protocol::skip(p, type); return;
  }
}

Status thrift_error(const char* what) {
  return invalid_argument_error(std::string("malformed ") + what);
}

}  // namespace

Result<::parquet::FileMetaData> decode_file_metadata(std::string_view bytes, const ReaderLimits& limits) {
  try {
    {
      Decoder walk = make_decoder(bytes);
      Estimate e{0, limits.max_footer_memory};
      walk_struct(*walk.protocol, Where::kFileMetaData, 0, e);
      if (e.over()) {
        return invalid_argument_error("footer would take more than " + std::to_string(limits.max_footer_memory >> 20) +
                                      " MiB in memory (the max_footer_memory cap)");
      }
    }
    Decoder d = make_decoder(bytes);
    ::parquet::FileMetaData md;
    md.read(d.protocol.get());
    return md;
  } catch (const apache::thrift::transport::TTransportException&) {
    return thrift_error("footer: it ends early");
  } catch (const apache::thrift::protocol::TProtocolException& e) {
    if (e.getType() == apache::thrift::protocol::TProtocolException::DEPTH_LIMIT) {
      return thrift_error("footer: nested too deeply");
    }
    return thrift_error("footer: invalid Thrift or a required field is missing");
  } catch (const std::bad_alloc&) {
    return resource_exhausted_error("out of memory decoding the footer");
  } catch (...) {
    return thrift_error("footer");
  }
}

Result<DecodedPageHeader> decode_page_header(std::string_view bytes, bool& truncated) {
  truncated = false;
  try {
    Decoder d = make_decoder(bytes);
    DecodedPageHeader out;
    out.header.read(d.protocol.get());
    out.size = bytes.size() - d.buffer->available_read();
    return out;
  } catch (const apache::thrift::transport::TTransportException&) {
    truncated = true;
    return thrift_error("page header: it ends early");
  } catch (const apache::thrift::protocol::TProtocolException&) {
    return thrift_error("page header: invalid Thrift or a required field is missing");
  } catch (const std::bad_alloc&) {
    return resource_exhausted_error("out of memory decoding a page header");
  } catch (...) {
    return thrift_error("page header");
  }
}

}  // namespace fg::ingest::parquet::internal
