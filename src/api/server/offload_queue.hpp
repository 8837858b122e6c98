// IOffloadQueue: where a request handler sends work that must not run on an I/O thread (a password
// hash: tens of milliseconds of a core each). The server owns a few threads of its own behind a
// bounded queue; a full queue refuses at once instead of waiting, so the handler can answer 429 and
// the I/O thread moves on to the next request (issue 20: 300 bad logins made /healthz take 2.6 s).
#pragma once

#include <functional>

namespace fg::api {

class IOffloadQueue {
 public:
  virtual ~IOffloadQueue() = default;

  //! Queues `task` to run on an offload thread. False when the queue is full or the server is
  //! stopping; `task` is then destroyed unrun. A queued task may still be dropped unrun if the server
  //! stops before a thread takes it. `task` must not throw. Thread-safe; never blocks.
  [[nodiscard]] virtual bool try_post(std::function<void()> task) = 0;
};

}  // namespace fg::api
