// BillingFormat: which reader a cost file goes through. `auto` detects the format from the CSV
// header (the native exports' column names are distinctive; anything else is read as FOCUS), and a
// user overrides it with `finguard ingest --format` or the upload's `format`. Azure's actual and
// amortized datasets have the same columns, so detection reads Azure files as actual and says so in
// a warning (`mapping.azure_dataset`).
#pragma once

#include <optional>
#include <string_view>

#include "ingest/focus/record_interpreter.hpp"

namespace fg::ingest {

enum class BillingFormat { kAuto, kFocus, kAwsCur, kAzureActual, kAzureAmortized, kGcpBilling };

//! "auto", "focus", "aws-cur", "azure-actual", "azure-amortized", "gcp-billing".
std::string_view format_name(BillingFormat f);
//! The format named `name` (as format_name spells it), if any.
std::optional<BillingFormat> parse_format(std::string_view name);
//! Every name parse_format accepts, comma-separated (for help texts and errors).
std::string_view format_names();

//! The chooser for ParallelFocusReader: `requested`, or for kAuto the format the header shows.
InterpretationChooser choose_interpretation(BillingFormat requested);

}  // namespace fg::ingest
