#include "costdb/manifest.hpp"

#include <nlohmann/json.hpp>

namespace fg::costdb {

using nlohmann::json;

namespace {
constexpr int kManifestFormat = 1;
}

Result<Manifest> Manifest::parse(std::string_view text) {
  try {
    const json j = json::parse(text);
    if (j.at("format").get<int>() != kManifestFormat) return internal_error("costdb: unknown manifest format");
    Manifest m;
    m.generation = j.at("generation").get<std::uint64_t>();
    for (const json& p : j.at("partitions")) {
      Partition part;
      part.source = p.at("source").get<std::string>();
      part.period_start = p.at("period_start").get<std::int64_t>();
      part.delivery_id = p.at("delivery").get<std::string>();
      part.rows = p.at("rows").get<std::uint64_t>();
      part.segments = p.at("segments").get<std::vector<std::string>>();
      part.committed_at = p.at("committed_at").get<std::int64_t>();
      for (const json& o : p.at("objects")) {
        part.objects.push_back({o.at("id").get<std::string>(), o.at("sha256").get<std::string>(),
                                o.at("bytes").get<std::uint64_t>(), o.at("rows").get<std::uint64_t>()});
      }
      m.partitions.push_back(std::move(part));
    }
    return m;
  } catch (const json::exception&) {
    return internal_error("costdb: corrupt manifest");
  }
}

std::string Manifest::to_json() const {
  json parts = json::array();
  for (const Partition& p : partitions) {
    json objects = json::array();
    for (const SourceObject& o : p.objects) {
      objects.push_back({{"id", o.id}, {"sha256", o.sha256}, {"bytes", o.bytes}, {"rows", o.rows}});
    }
    parts.push_back({{"source", p.source},
                     {"period_start", p.period_start},
                     {"delivery", p.delivery_id},
                     {"rows", p.rows},
                     {"segments", p.segments},
                     {"objects", objects},
                     {"committed_at", p.committed_at}});
  }
  json j = {{"format", kManifestFormat}, {"generation", generation}, {"partitions", parts}};
  // Invalid UTF-8 in a source name must not make the swap throw: replace it.
  return j.dump(1, ' ', false, json::error_handler_t::replace);
}

}  // namespace fg::costdb
