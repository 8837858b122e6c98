// Origin: where a state change was asked from, as the audit log records it. The API builds one per
// request (RequestContext::origin); a CLI command or a job handler passes an empty one. Who asked is
// not here: the actor comes from the transaction's OrgScope, so an origin cannot name someone else.
#pragma once

#include <string>

namespace fg::audit {

struct Origin {
  std::string request_id;  //!< X-Request-Id, echoed in the response and in error bodies
  std::string source_ip;   //!< the peer, or the client a trusted proxy names
  std::string user_agent;  //!< at most 256 bytes; on sessions, not in audit entries
};

}  // namespace fg::audit
