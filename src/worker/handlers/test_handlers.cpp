#include "worker/handlers/test_handlers.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <thread>

namespace fg::worker {
namespace {

Status append_run(const std::string& path, const jobs::Job& job) {
  const std::string line = job.id.to_string() + " " + job.ref_id + "\n";
  // O_APPEND with one short write: lines from several processes never interleave.
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return unavailable_error("test.count: cannot open the runs file");
  const ssize_t n = ::write(fd, line.data(), line.size());
  ::close(fd);
  return n == static_cast<ssize_t>(line.size()) ? ok_status() : unavailable_error("test.count: short write");
}

Result<int> millis_of(const std::string& ref) {
  int ms = 0;
  auto [p, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), ms);
  if (ec != std::errc() || p != ref.data() + ref.size() || ms < 0) {
    return invalid_argument_error("ref_id: milliseconds expected", "ref_id");
  }
  return ms;
}

Status sleep_for(JobContext& ctx, bool cooperative) {
  FG_ASSIGN_OR_RETURN(int ms, millis_of(ctx.job().ref_id));
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < end) {
    if (cooperative && ctx.stop_requested()) return ctx.interrupted();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return ok_status();
}

}  // namespace

Status add_test_handlers(HandlerTable& table, const std::string& runs_file) {
  FG_TRY(table.add(jobs::kTestCountKind, [runs_file](JobContext& ctx) { return append_run(runs_file, ctx.job()); }));
  FG_TRY(table.add(jobs::kTestSleepKind, [](JobContext& ctx) { return sleep_for(ctx, true); }));
  FG_TRY(table.add(jobs::kTestSleepUnsafeKind, [](JobContext& ctx) { return sleep_for(ctx, false); }));
  FG_TRY(
      table.add(jobs::kTestFailKind, [](JobContext&) { return unavailable_error("test.fail: failing on purpose"); }));
  return ok_status();
}

}  // namespace fg::worker
