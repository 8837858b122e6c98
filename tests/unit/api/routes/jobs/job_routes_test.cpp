#include "api/routes/jobs/job_routes.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/application/application.hpp"
#include "jobs/job_queue.hpp"
#include "support/store_fixture.hpp"
#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

using nlohmann::json;

class JobRoutesTest : public store::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    org_ = create_org("alpha");
    other_ = create_org("beta");
  }

  //! The application with one fixed principal (or none: 401), permissions as identity grants them.
  std::unique_ptr<Application> app(std::optional<std::string> role, const OrgId* org = nullptr) {
    Router r;
    EXPECT_TRUE(install_jobs(r, *db_, audit_).ok());
    ApplicationOptions o;
    if (role) {
      Actor actor{Actor::Kind::kUser, "user-1", *role};
      o.chain.authentication.authenticator = std::make_shared<test::FakeAuthenticator>(
          Principal{testing::ScopeForTest::org(org ? *org : org_, actor), AuthMethod::kApiKey, false, false});
    }
    o.chain.authorization.check = [](std::string_view r, std::string_view perm) {
      return (r == "owner" || r == "administrator") && perm.rfind("jobs.", 0) == 0;
    };
    Result<std::unique_ptr<Application>> a = Application::create(std::move(r), std::move(o));
    EXPECT_TRUE(a.ok());
    return std::move(*a);
  }

  HttpResponse call(Application& a, HttpMethod m, std::string path) {
    return a.handle(test::request(m, std::move(path)), ConnectionInfo{"127.0.0.1", false});
  }

  Uuid dead_job(const OrgId& org) {
    jobs::JobQueue q(*db_);
    Result<jobs::EnqueueResult> e = q.enqueue(scope_for(org), {{"once", false, 1}, "ref-1", {}, {}});
    Result<std::optional<jobs::Job>> j = q.claim({"once"}, "w", std::chrono::seconds(30));
    EXPECT_TRUE(j.ok() && *j);
    OrgScope ws = testing::ScopeForTest::org(org, {Actor::Kind::kWorker, "worker:w", ""});
    EXPECT_TRUE(q.fail(ws, **j, internal_error("boom"), false).ok());
    return e->job_id;
  }

  audit::AuditLog audit_;
  OrgId org_, other_;
};

TEST_P(JobRoutesTest, UnauthenticatedIs401ForEveryRoute) {
  auto a = app(std::nullopt);
  const std::string id = Uuid::random().to_string();
  EXPECT_EQ(call(*a, HttpMethod::kGet, "/api/v1/jobs").status, 401);
  EXPECT_EQ(call(*a, HttpMethod::kGet, "/api/v1/jobs/" + id).status, 401);
  EXPECT_EQ(call(*a, HttpMethod::kPost, "/api/v1/jobs/" + id + "/retry").status, 401);
}

TEST_P(JobRoutesTest, ViewerIs403) {
  auto a = app("viewer");
  const std::string id = dead_job(org_).to_string();
  EXPECT_EQ(call(*a, HttpMethod::kGet, "/api/v1/jobs").status, 403);
  EXPECT_EQ(call(*a, HttpMethod::kPost, "/api/v1/jobs/" + id + "/retry").status, 403);
}

TEST_P(JobRoutesTest, ListsAndGetsOwnJobsWithFilters) {
  const Uuid id = dead_job(org_);
  dead_job(other_);
  auto a = app("administrator");
  HttpResponse list = call(*a, HttpMethod::kGet, "/api/v1/jobs?status=dead&kind=once");
  ASSERT_EQ(list.status, 200) << list.body;
  json j = json::parse(list.body);
  ASSERT_EQ(j["jobs"].size(), 1u);  // the other org's job is not there
  EXPECT_EQ(j["jobs"][0]["id"], id.to_string());
  EXPECT_EQ(j["jobs"][0]["status"], "dead");
  EXPECT_EQ(json::parse(call(*a, HttpMethod::kGet, "/api/v1/jobs?status=queued").body)["jobs"].size(), 0u);
  HttpResponse one = call(*a, HttpMethod::kGet, "/api/v1/jobs/" + id.to_string());
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(json::parse(one.body)["ref_id"], "ref-1");
}

TEST_P(JobRoutesTest, OtherOrgsJobIs404LikeAMissingOne) {
  const Uuid theirs = dead_job(other_);
  auto a = app("owner");
  HttpResponse get = call(*a, HttpMethod::kGet, "/api/v1/jobs/" + theirs.to_string());
  HttpResponse missing = call(*a, HttpMethod::kGet, "/api/v1/jobs/" + Uuid::random().to_string());
  EXPECT_EQ(get.status, 404);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json::parse(get.body)["error"]["message"], json::parse(missing.body)["error"]["message"]);
  EXPECT_EQ(call(*a, HttpMethod::kPost, "/api/v1/jobs/" + theirs.to_string() + "/retry").status, 404);
}

TEST_P(JobRoutesTest, BadInputIs400NamingTheField) {
  auto a = app("administrator");
  HttpResponse bad_status = call(*a, HttpMethod::kGet, "/api/v1/jobs?status=paused");
  EXPECT_EQ(bad_status.status, 400);
  EXPECT_EQ(json::parse(bad_status.body)["error"]["field"], "status");
  EXPECT_EQ(call(*a, HttpMethod::kGet, "/api/v1/jobs?limit=0").status, 400);
  EXPECT_EQ(call(*a, HttpMethod::kGet, "/api/v1/jobs?limit=x").status, 400);
  HttpResponse bad_id = call(*a, HttpMethod::kGet, "/api/v1/jobs/not-a-uuid");
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(json::parse(bad_id.body)["error"]["field"], "id");
}

TEST_P(JobRoutesTest, AdministratorRetriesADeadJobOnce) {
  const Uuid id = dead_job(org_);
  auto a = app("administrator");
  HttpResponse r = call(*a, HttpMethod::kPost, "/api/v1/jobs/" + id.to_string() + "/retry");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["status"], "queued");
  EXPECT_EQ(call(*a, HttpMethod::kPost, "/api/v1/jobs/" + id.to_string() + "/retry").status, 409);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobRoutesTest, ::testing::Values(store::Dialect::kSqlite), store::backend_name);

}  // namespace
}  // namespace fg::api
