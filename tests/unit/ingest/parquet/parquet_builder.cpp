#include "parquet_builder.hpp"

#include <cstring>
#include <memory>

#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/transport/TBufferTransports.h>

namespace fg::ingest::parquet::test {

template <typename T>
std::string serialize(const T& value) {
  auto buffer = std::make_shared<apache::thrift::transport::TMemoryBuffer>();
  apache::thrift::protocol::TCompactProtocolT<apache::thrift::transport::TMemoryBuffer> proto(buffer);
  value.write(&proto);
  return buffer->getBufferAsString();
}
template std::string serialize(const ::parquet::FileMetaData&);
template std::string serialize(const ::parquet::PageHeader&);

::parquet::SchemaElement leaf(const std::string& name, ::parquet::Type::type type,
                              ::parquet::FieldRepetitionType::type rep) {
  ::parquet::SchemaElement e;
  e.__set_name(name);
  e.__set_type(type);
  e.__set_repetition_type(rep);
  return e;
}

namespace {
template <typename T>
std::string plain(const std::vector<T>& v) {
  std::string out(v.size() * sizeof(T), '\0');
  if (!v.empty()) std::memcpy(out.data(), v.data(), out.size());
  return out;
}
void put_u32(std::string& out, std::uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out.append(b, 4);
}
void put_uleb(std::string& out, std::uint64_t v) {
  do {
    std::uint8_t b = v & 0x7f;
    v >>= 7;
    if (v) b |= 0x80;
    out.push_back(static_cast<char>(b));
  } while (v);
}
}  // namespace

std::string plain_int32(const std::vector<std::int32_t>& v) {
  return plain(v);
}
std::string plain_int64(const std::vector<std::int64_t>& v) {
  return plain(v);
}
std::string plain_double(const std::vector<double>& v) {
  return plain(v);
}
std::string plain_byte_array(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    put_u32(out, static_cast<std::uint32_t>(s.size()));
    out += s;
  }
  return out;
}

std::string rle_runs(const std::vector<std::uint32_t>& v, int width) {
  std::string out;
  for (std::uint32_t x : v) {
    put_uleb(out, 1 << 1);  // a run of one
    for (int b = 0; b < (width + 7) / 8; ++b) out.push_back(static_cast<char>((x >> (8 * b)) & 0xff));
  }
  return out;
}

std::string v1_levels(const std::vector<std::uint32_t>& levels, int width) {
  const std::string runs = rle_runs(levels, width);
  std::string out;
  put_u32(out, static_cast<std::uint32_t>(runs.size()));
  return out + runs;
}

PageSpec data_page_v1(std::int32_t num_values, std::string body, ::parquet::Encoding::type encoding) {
  PageSpec p;
  p.header.__set_type(::parquet::PageType::DATA_PAGE);
  p.header.__set_uncompressed_page_size(static_cast<std::int32_t>(body.size()));
  p.header.__set_compressed_page_size(static_cast<std::int32_t>(body.size()));
  ::parquet::DataPageHeader d;
  d.__set_num_values(num_values);
  d.__set_encoding(encoding);
  d.__set_definition_level_encoding(::parquet::Encoding::RLE);
  d.__set_repetition_level_encoding(::parquet::Encoding::RLE);
  p.header.__set_data_page_header(d);
  p.body = std::move(body);
  return p;
}

PageSpec dictionary_page(std::int32_t num_values, std::string body) {
  PageSpec p;
  p.header.__set_type(::parquet::PageType::DICTIONARY_PAGE);
  p.header.__set_uncompressed_page_size(static_cast<std::int32_t>(body.size()));
  p.header.__set_compressed_page_size(static_cast<std::int32_t>(body.size()));
  ::parquet::DictionaryPageHeader d;
  d.__set_num_values(num_values);
  d.__set_encoding(::parquet::Encoding::PLAIN);
  p.header.__set_dictionary_page_header(d);
  p.body = std::move(body);
  return p;
}

std::string build_file(std::vector<ColumnSpec> columns, std::int64_t num_rows,
                       const std::function<void(::parquet::FileMetaData&)>& tamper) {
  std::string file = "PAR1";
  ::parquet::FileMetaData md;
  md.__set_version(1);
  md.__set_num_rows(num_rows);
  ::parquet::SchemaElement root;
  root.__set_name("schema");
  root.__set_num_children(static_cast<std::int32_t>(columns.size()));
  std::vector<::parquet::SchemaElement> schema{root};
  ::parquet::RowGroup rg;
  rg.__set_num_rows(num_rows);
  std::int64_t total = 0;
  for (ColumnSpec& c : columns) {
    schema.push_back(c.element);
    const auto start = static_cast<std::int64_t>(file.size());
    std::int64_t dict_offset = -1, data_offset = -1;
    for (PageSpec& p : c.pages) {
      if (p.header.type == ::parquet::PageType::DICTIONARY_PAGE && dict_offset < 0)
        dict_offset = static_cast<std::int64_t>(file.size());
      if (p.header.type != ::parquet::PageType::DICTIONARY_PAGE && data_offset < 0)
        data_offset = static_cast<std::int64_t>(file.size());
      file += serialize(p.header);
      file += p.body;
    }
    ::parquet::ColumnMetaData m;
    m.__set_type(c.element.type);
    m.__set_encodings({::parquet::Encoding::PLAIN, ::parquet::Encoding::RLE});
    m.__set_path_in_schema({c.element.name});
    m.__set_codec(c.codec);
    m.__set_num_values(c.num_values);
    const auto size = static_cast<std::int64_t>(file.size()) - start;
    m.__set_total_uncompressed_size(size);
    m.__set_total_compressed_size(size);
    m.__set_data_page_offset(data_offset < 0 ? start : data_offset);
    if (dict_offset >= 0) m.__set_dictionary_page_offset(dict_offset);
    ::parquet::ColumnChunk cc;
    cc.__set_file_offset(start);
    cc.__set_meta_data(m);
    rg.columns.push_back(cc);
    total += size;
  }
  rg.__set_total_byte_size(total);
  md.__set_schema(schema);
  md.__set_row_groups({rg});
  if (tamper) tamper(md);
  const std::string footer = serialize(md);
  file += footer;
  put_u32(file, static_cast<std::uint32_t>(footer.size()));
  file += "PAR1";
  return file;
}

std::string int64_file(const std::vector<std::int64_t>& values) {
  ColumnSpec c;
  c.element = leaf("x", ::parquet::Type::INT64);
  c.num_values = static_cast<std::int64_t>(values.size());
  c.pages.push_back(data_page_v1(static_cast<std::int32_t>(values.size()), plain_int64(values)));
  return build_file({c}, static_cast<std::int64_t>(values.size()));
}

}  // namespace fg::ingest::parquet::test
