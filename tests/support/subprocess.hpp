// Subprocess: runs the finguard binary (or any program) for integration tests, with extra environment
// variables, capturing its output; or starts it in the background to signal it later.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace fg::testing {

struct ProcessResult {
  int exit_code = -1;  //!< -1 when killed by a signal
  int signal = 0;
  std::string output;  //!< stdout and stderr, interleaved
};

//! Runs `argv` to completion with the parent's environment plus `env` (overriding), and no stdin.
ProcessResult run_process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});

//! A process running in the background; killed (SIGKILL) and reaped on destruction if still running.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int sig);
  //! Waits for exit and returns the result with the output so far.
  ProcessResult wait();
  std::string output() const;

 private:
  pid_t pid_ = -1;
  std::string log_path_;
  bool reaped_ = false;
  ProcessResult result_;
};

}  // namespace fg::testing
