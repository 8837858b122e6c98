#include "jobs/job_metrics.hpp"

#include <gtest/gtest.h>

#include "unit/jobs/jobs_fixture.hpp"

namespace fg::jobs {
namespace {

TEST(JobMetricsTest, RendersCountersAndHistogramsInPrometheusText) {
  JobMetrics m;
  m.count_claim();
  m.count_claim();
  m.count_outcome("ingest.upload", "succeeded");
  m.count_lease_expiry("dead");
  m.observe_duration("ingest.upload", 0.2);
  const std::string text = m.render();
  EXPECT_NE(text.find("fg_job_claims_total 2\n"), std::string::npos);
  EXPECT_NE(text.find("fg_job_outcomes_total{kind=\"ingest.upload\",status=\"succeeded\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("fg_job_lease_expiries_total{status=\"dead\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("fg_job_duration_seconds_bucket{kind=\"ingest.upload\",le=\"0.5\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("fg_job_duration_seconds_bucket{kind=\"ingest.upload\",le=\"0.1\"} 0\n"), std::string::npos);
  EXPECT_NE(text.find("fg_job_duration_seconds_count{kind=\"ingest.upload\"} 1\n"), std::string::npos);
}

TEST_P(JobsTest, QueueDepthCountsEveryOrgByStatusAndKind) {
  enqueue({"a", true, 1});
  enqueue({"a", true, 1}, "r", &other_);
  enqueue({"b", true, 1});
  ASSERT_TRUE(claim("b"));
  Result<std::string> text = render_queue_depth(*db_);
  ASSERT_TRUE(text.ok()) << text.status().to_string();
  EXPECT_NE(text->find("fg_job_queue_jobs{status=\"queued\",kind=\"a\"} 2\n"), std::string::npos) << *text;
  EXPECT_NE(text->find("fg_job_queue_jobs{status=\"running\",kind=\"b\"} 1\n"), std::string::npos);
  EXPECT_EQ(*pending_job_count(*db_), 2);
}

}  // namespace
}  // namespace fg::jobs
