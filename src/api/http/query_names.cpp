#include "api/http/query_names.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

namespace fg::api {

Status check_query_names(const HttpRequest& req, std::initializer_list<std::string_view> known) {
  std::set<std::string, std::less<>> seen;
  std::string_view rest = req.query;
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const std::optional<std::string> name = percent_decode(pair.substr(0, pair.find('=')), true);
    if (!name) return invalid_argument_error("query: malformed percent-encoding", "query");
    // The message names known parameters only: an unknown name is not echoed (it may be anything).
    if (std::find(known.begin(), known.end(), *name) == known.end()) {
      std::string accepted;
      for (std::string_view k : known) accepted += (accepted.empty() ? "" : ", ") + std::string(k);
      return invalid_argument_error("query: unknown parameter (accepted: " + accepted + ")", "query");
    }
    if (!seen.insert(*name).second) return invalid_argument_error(*name + ": given more than once", *name);
  }
  return ok_status();
}

}  // namespace fg::api
