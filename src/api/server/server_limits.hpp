// ServerLimits: the abuse limits of the HTTP server, as named constants with their defaults (the Beast
// advanced server's habit). Tests shorten the timeouts; nothing may raise them past the ceilings.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace fg::api {

//! All header bytes of one request (request line included). 16 KiB holds a long cookie and a JWT.
inline constexpr std::uint32_t kMaxHeaderBytes = 16 * 1024;
//! Header fields per request.
inline constexpr std::size_t kMaxHeaderCount = 64;
//! The request target (path and query).
inline constexpr std::size_t kMaxTargetBytes = 4096;
//! Whole-body ceiling for any route, uploads included, before the route's own limit applies.
inline constexpr std::uint64_t kMaxAnyBodyBytes = 1ULL << 30;
//! A route that takes no body still reads up to this much, so that the chain answers 401 (or 400 "takes
//! no body") instead of a 413 that would tell an unauthenticated caller about the route's shape first.
inline constexpr std::size_t kNoBodyRouteAllowance = 1024;
//! A streamed body (IRequestHandler::streams_body) is read and handed on in pieces of at most this
//! size: the memory one upload costs, whatever its length.
inline constexpr std::size_t kBodyPieceBytes = 256 * 1024;
//! After answering a request whose body was left unread, how long and how much of the rest is read
//! and discarded before the socket is closed (so the answer is not lost to a TCP reset).
inline constexpr std::chrono::milliseconds kLingerTimeout{2000};
inline constexpr std::size_t kLingerMaxBytes = 1024 * 1024;
//! Requests a client may queue on one connection before reading our answers (Beast's queue_limit).
inline constexpr std::size_t kMaxPipelineDepth = 16;
//! Requests served on one keep-alive connection before we close it (spreads load, bounds state).
inline constexpr std::size_t kMaxRequestsPerConnection = 10000;
//! Concurrent connections; at it the oldest connection is asked to close for each new one. The server
//! also keeps it below RLIMIT_NOFILE minus max(kDescriptorReserve, an eighth of the limit).
inline constexpr std::size_t kMaxConnections = 4096;
inline constexpr std::size_t kDescriptorReserve = 64;

static_assert(kMaxPipelineDepth > 0 && kMaxPipelineDepth <= 64, "pipelining depth must stay small");
static_assert(kMaxHeaderBytes >= 8 * 1024, "browsers send ~8 KiB of cookies and headers");

struct ServerLimits {
  //! Time for a request's whole header to arrive, first byte to last: a slowloris client that dribbles
  //! bytes is cut off here, not at a per-byte timer it can keep resetting.
  std::chrono::milliseconds header_timeout{10'000};
  //! Idle time allowed between keep-alive requests.
  std::chrono::milliseconds idle_timeout{30'000};
  //! Time for a body to arrive (per request, after the header).
  std::chrono::milliseconds body_timeout{60'000};
  //! Time to write one response.
  std::chrono::milliseconds write_timeout{30'000};
  //! TLS handshake.
  std::chrono::milliseconds handshake_timeout{10'000};
  //! On shutdown: how long in-flight requests get to finish before connections are cut.
  std::chrono::milliseconds shutdown_budget{10'000};
  std::size_t max_connections = kMaxConnections;
  //! Threads that run offloaded work (IOffloadQueue: password hashes), apart from the I/O threads.
  //! 0: nothing can be offloaded (every try_post() is refused).
  std::size_t offload_threads = 2;
  //! Offloaded tasks that may wait for a thread; past it a request is refused at once (429).
  std::size_t offload_queue = 32;
};

}  // namespace fg::api
