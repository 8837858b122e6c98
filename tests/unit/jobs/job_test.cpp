#include "jobs/job.hpp"

#include <gtest/gtest.h>

namespace fg::jobs {
namespace {

TEST(JobTest, StatusNamesRoundTrip) {
  for (JobStatus s :
       {JobStatus::kQueued, JobStatus::kRunning, JobStatus::kSucceeded, JobStatus::kFailed, JobStatus::kDead}) {
    EXPECT_EQ(parse_status(status_name(s)), s);
  }
  EXPECT_FALSE(parse_status("paused"));
}

TEST(JobTest, MalformedRowIsAnInternalError) {
  store::RowSet rs({"id"});
  rs.add_row({std::string("x")});
  EXPECT_EQ(job_from_row(rs, 0).status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace fg::jobs
