// IRequestBodySink: where the server pours the body of a request it streams (IRequestHandler::
// begin_streamed), piece by piece as it arrives, so that no body is ever held whole in memory.
//
// Life of a sink, all on the connection's strand (one thread at a time, never concurrently):
//   write(piece)* -> finish()             the whole body arrived: finish() is the answer
//   write(piece)* -> abandon(status, why) the server stops reading (a write() error, the body limit,
//                                         a malformed chunk): undo, and abandon() is the answer
//   write(piece)* -> destroyed            the client left, timed out, or the server stopped: undo
// Exactly one of finish() or abandon() is called at most once; nothing is called after it.
#pragma once

#include <string_view>

#include "api/http/http_response.hpp"
#include "core/status.hpp"

namespace fg::api {

class IRequestBodySink {
 public:
  //! Destroyed without finish() or abandon(): the body never arrived whole. The sink undoes whatever
  //! it did (files, rows). Must not throw.
  virtual ~IRequestBodySink() = default;

  //! The next piece of the body, in order, never empty. An error means the sink takes no more: the
  //! server stops reading and answers with abandon(http_status_for(error), error).
  virtual Status write(std::string_view piece) noexcept = 0;

  //! The body is complete: the answer to the request.
  virtual HttpResponse finish() noexcept = 0;

  //! The rest of the body will not be read: undo, and answer `http_status` with `why`. The server
  //! closes the connection after it (the unread rest makes the connection unusable).
  virtual HttpResponse abandon(int http_status, const Status& why) noexcept = 0;
};

}  // namespace fg::api
