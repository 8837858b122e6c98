// Builds a Schema from the footer's flat, depth-first list of SchemaElements (each group says how many
// children follow it), checking that the list is a well-formed tree within the depth cap.
#pragma once

#include <vector>

#include "core/result.hpp"
#include "ingest/parquet/limits.hpp"
#include "ingest/parquet/schema.hpp"
#include "parquet_types.h"

namespace fg::ingest::parquet::internal {

//! invalid_argument when the list is empty, a group's children run past the end, elements are left
//! over, the tree is deeper than max_schema_depth, or a leaf lacks its type (or its length, for
//! FIXED_LEN_BYTE_ARRAY). Unsupported types are not errors here: ColumnDescriptor::unsupported.
Result<Schema> build_schema(const std::vector<::parquet::SchemaElement>& elements, const ReaderLimits& limits);

//! The LogicalType of an element (logicalType, else converted_type).
LogicalType logical_type_of(const ::parquet::SchemaElement& e);

}  // namespace fg::ingest::parquet::internal
