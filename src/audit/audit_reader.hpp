// Reading the audit log: filtered pages for the API (keyset pagination, newest first) and a full
// in-order walk for export and verification.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/audit_event.hpp"
#include "store/transaction.hpp"

namespace fg::audit {

inline constexpr int kMaxPageSize = 500;

struct AuditQuery {
  std::optional<std::int64_t> from_micros;  //!< ts >= from
  std::optional<std::int64_t> to_micros;    //!< ts < to
  std::optional<std::string> actor_id;
  std::optional<std::string> action;       //!< a wire name from audit_action.hpp
  std::optional<std::string> result;       //!< success, denied, failed
  std::optional<std::int64_t> before_seq;  //!< the cursor: entries with seq < before_seq
  int limit = 100;                         //!< 1..kMaxPageSize
};

struct AuditPage {
  std::vector<AuditRecord> records;         //!< newest first
  std::optional<std::int64_t> next_cursor;  //!< pass as before_seq for the next page; none at the end
};

//! One page of tx's org chain. invalid_argument for a bad limit, action or result.
Result<AuditPage> list_events(store::OrgTransaction& tx, const AuditQuery& query);

using RecordSink = std::function<Status(const AuditRecord&)>;
//! Every entry of tx's org chain in seq order, read in batches; stops at the sink's first error.
Status for_each_event(store::OrgTransaction& tx, const RecordSink& sink);
//! Up to `limit` (1..1000) entries of tx's org chain with seq > after_seq, in seq order: the pieces of a
//! streamed export, each read in a short transaction of its own.
Result<std::vector<AuditRecord>> read_events_after(store::OrgTransaction& tx, std::int64_t after_seq, int limit);
//! The seq of the chain's last entry (0 for an empty chain).
Result<std::int64_t> last_seq(store::OrgTransaction& tx);
//! Every entry of the platform chain in seq order.
Status for_each_platform_event(store::SystemTransaction& tx, const RecordSink& sink);

//! Export encodings. to_json is the object every JSON form of an entry starts from.
nlohmann::json to_json(const AuditRecord& r);
std::string to_json_line(const AuditRecord& r);  //!< one JSON object, no newline
std::string csv_header();
std::string to_csv_line(const AuditRecord& r);  //!< RFC 4180 quoting; cells starting with = + - @ are prefixed with '

}  // namespace fg::audit
