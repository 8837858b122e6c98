// The manifest of a legacy CUR delivery (`<report>-Manifest.json` in each billing-period folder):
// the report's name, its billing period and the keys of the files that together are the period's
// data. Each later delivery (another assemblyId) lists the whole period again and supersedes the one
// before, so finguard ingests a manifest's files as one delivery of the source named after the
// report: the store then replaces that period, and keeps the others (docs/FORMATS.md "AWS CUR").
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace fg::ingest::aws {

struct CurManifest {
  std::string assembly_id;
  std::string report_name;
  std::string period;  //!< the billing-period folder, "20231101-20231201"
  std::vector<std::string> report_keys;
};

//! Reads a manifest. invalid_argument (naming the field) when it is not one.
Result<CurManifest> parse_cur_manifest(std::string_view json);

//! True when `json` looks like a CUR manifest (an object with reportKeys and billingPeriod).
bool is_cur_manifest(std::string_view json);

//! The local files of `manifest`, for a delivery copied with its folders (`aws s3 sync`): each key's
//! part after its billing-period folder, under the manifest's own folder. A key that leaves that
//! folder (`..`, an absolute path) is invalid_argument; a missing file is not_found.
Result<std::vector<std::string>> local_report_files(const CurManifest& manifest,
                                                    const std::filesystem::path& manifest_path);

}  // namespace fg::ingest::aws
