#include "audit/checkpoint.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "crypto/encoding.hpp"
#include "crypto/mac.hpp"

namespace fg::audit {
namespace {

std::string signed_text(const Checkpoint& cp) {
  return nlohmann::json::array({"fg-audit-checkpoint-v1", cp.org_id, cp.seq, cp.hash, cp.ts_micros}).dump();
}

}  // namespace

Result<Checkpoint> make_checkpoint(store::OrgTransaction& tx, std::span<const std::uint8_t> key,
                                   std::int64_t now_micros) {
  Result<store::RowSet> head =
      tx.query("SELECT seq, hash FROM audit_events WHERE org_id = $1 ORDER BY seq DESC LIMIT 1", {tx.org_id()});
  if (!head.ok()) return head.status();
  if (head->empty()) return not_found_error("the audit chain is empty");
  Checkpoint cp;
  cp.org_id = tx.org_id().to_string();
  cp.seq = head->int64(0, 0);
  cp.hash = head->text(0, 1);
  cp.ts_micros = now_micros;
  cp.signature = crypto::hex_encode(crypto::hmac_sha256(key, crypto::as_bytes(signed_text(cp))));
  return cp;
}

std::string checkpoint_to_json(const Checkpoint& cp) {
  return nlohmann::json{
      {"org_id", cp.org_id}, {"seq", cp.seq}, {"hash", cp.hash}, {"ts", cp.ts_micros}, {"signature", cp.signature}}
      .dump();
}

Result<Checkpoint> parse_checkpoint(const std::string& line, std::span<const std::uint8_t> key) {
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return invalid_argument_error("checkpoint is not a JSON object", "checkpoint");
  Checkpoint cp;
  try {
    cp.org_id = j.at("org_id").get<std::string>();
    cp.seq = j.at("seq").get<std::int64_t>();
    cp.hash = j.at("hash").get<std::string>();
    cp.ts_micros = j.at("ts").get<std::int64_t>();
    cp.signature = j.at("signature").get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return invalid_argument_error("checkpoint lacks a field or has the wrong type", "checkpoint");
  }
  Result<crypto::Bytes> sig = crypto::hex_decode(cp.signature);
  if (!sig.ok() || !crypto::verify_hmac_sha256(key, crypto::as_bytes(signed_text(cp)), *sig)) {
    return permission_denied_error("checkpoint signature does not verify");
  }
  return cp;
}

Result<Checkpoint> record_checkpoint(store::OrgTransaction& tx, const AuditLog& log, std::span<const std::uint8_t> key,
                                     std::int64_t now_micros) {
  FG_TRY(log.append(
      tx, {.action = AuditAction::kAuditCheckpoint, .target_type = "org", .target_id = tx.org_id().to_string()}));
  return make_checkpoint(tx, key, now_micros);
}

std::string checkpoint_file_path(const std::string& data_dir, const std::string& org_id) {
  return data_dir + "/audit/checkpoints/" + org_id + ".jsonl";
}

Status append_checkpoint_line(const std::string& path, const Checkpoint& cp) {
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return internal_error("cannot create the checkpoint directory");
  ::chmod(dir.c_str(), 0700);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return internal_error("cannot open the checkpoint file");
  const std::string line = checkpoint_to_json(cp) + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  return ok ? ok_status() : internal_error("cannot write the checkpoint file");
}

}  // namespace fg::audit
