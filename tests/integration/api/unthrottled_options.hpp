// ApiServiceOptions for tests that start a real server and send it many requests: two threads and
// rate limits no test reaches, so a test checks what it is about and not the limiter (the limits
// have their own tests).
#pragma once

#include "api/application/api_service.hpp"

namespace fg::api::test {

inline ApiServiceOptions unthrottled_service_options() {
  ApiServiceOptions options;
  options.threads = 2;
  options.rate_per_ip.auth = {100000, 100000};
  options.rate_per_ip.mutation = {100000, 100000};
  options.rate_per_ip.read = {100000, 100000};
  options.rate_per_principal = options.rate_per_ip;
  return options;
}

}  // namespace fg::api::test
