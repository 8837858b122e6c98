#include "worker/job_context.hpp"

namespace fg::worker {

Status JobContext::interrupted() {
  interrupted_ = true;
  return unavailable_error("interrupted at a safe point");
}

}  // namespace fg::worker
