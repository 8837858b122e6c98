// The ingest_max_* settings as the ingest library's caps (one place for the job and the CLI).
#pragma once

#include "core/config.hpp"
#include "ingest/focus/focus_ingest.hpp"

namespace fg::app {

ingest::IngestCaps ingest_caps(const Config& config);

}  // namespace fg::app
