#include "api/openapi/openapi_document.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "unit/api/api_test_support.hpp"

namespace fg::api {
namespace {

using nlohmann::json;

Router table() {
  Router r;
  EXPECT_TRUE(r.add(test::route(HttpMethod::kGet, "/healthz")).ok());
  EXPECT_TRUE(r.add(test::route(HttpMethod::kGet, "/api/v1/me", Access::authenticated())).ok());
  Route create = test::route(HttpMethod::kPost, "/api/v1/orgs/{org_slug}/keys/{id}",
                             Access::permission(identity::Permission("keys.create")));
  create.rate_class = RateClass::kMutation;
  create.body = BodySchema{{FieldSpec::string("name").max(50), FieldSpec::timestamp("expires_at").optional(),
                            FieldSpec::enumeration("role", {"viewer", "member"})}};
  EXPECT_TRUE(r.add(create).ok());
  Route list = test::route(HttpMethod::kGet, "/api/v1/costs", Access::permission(identity::Permission("costs.read")));
  list.query = {{QueryParam::integer("top", 1000).describe("rows"), QueryParam::enumeration("metric", {"a", "b"}),
                 QueryParam::family("filter", 512).repeatable(), QueryParam::timestamp("from")}};
  EXPECT_TRUE(r.add(list).ok());
  return r;
}

TEST(OpenApiDocumentTest, IsOpenApi31WithEveryRoute) {
  Router r = table();
  json doc = json::parse(render_openapi(r, {"t", "1.2.3"}));
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_EQ(doc["info"]["version"], "1.2.3");
  for (const Route& route : r.routes()) {
    std::string m(method_name(route.method));
    for (char& c : m) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    EXPECT_TRUE(doc["paths"][route.pattern].contains(m)) << route.pattern;
  }
}

TEST(OpenApiDocumentTest, EveryOperationDeclaresSecurity) {
  json doc = json::parse(render_openapi(table(), {}));
  EXPECT_EQ(doc["paths"]["/healthz"]["get"]["security"], json::array());
  const json& me = doc["paths"]["/api/v1/me"]["get"]["security"];
  ASSERT_EQ(me.size(), 2u);
  EXPECT_TRUE(me[0].contains("session"));
  EXPECT_TRUE(me[1].contains("apiKey"));
  EXPECT_TRUE(doc["components"]["securitySchemes"].contains("session"));
  EXPECT_TRUE(doc["components"]["securitySchemes"].contains("apiKey"));
}

TEST(OpenApiDocumentTest, BodyAndParametersComeFromTheRoute) {
  json doc = json::parse(render_openapi(table(), {}));
  const json& op = doc["paths"]["/api/v1/orgs/{org_slug}/keys/{id}"]["post"];
  EXPECT_EQ(op["x-permission"], "keys.create");
  EXPECT_EQ(op["x-rate-class"], "mutation");
  ASSERT_EQ(op["parameters"].size(), 2u);
  EXPECT_EQ(op["parameters"][1]["name"], "id");
  EXPECT_EQ(op["parameters"][1]["schema"]["format"], "uuid");
  EXPECT_FALSE(op["parameters"][0]["schema"].contains("format"));
  const json& schema = op["requestBody"]["content"]["application/json"]["schema"];
  EXPECT_EQ(schema["additionalProperties"], false);
  EXPECT_EQ(schema["required"], json::array({"name", "role"}));
  EXPECT_EQ(schema["properties"]["expires_at"]["format"], "date-time");
  EXPECT_EQ(schema["properties"]["role"]["enum"], json::array({"viewer", "member"}));
  EXPECT_TRUE(op["responses"].contains("415"));
  EXPECT_TRUE(op["responses"].contains("401"));
}

TEST(OpenApiDocumentTest, EveryQueryParameterOfEveryRouteIsDocumented) {
  Router r = table();
  json doc = json::parse(render_openapi(r, {}));
  int checked = 0;
  for (const Route& route : r.routes()) {
    std::string m(method_name(route.method));
    for (char& c : m) c = static_cast<char>(std::tolower(c));
    const json& op = doc["paths"][route.pattern][m];
    EXPECT_TRUE(op["responses"].contains("400")) << route.pattern << ": every route validates its query";
    for (const QueryParam& p : route.query.params) {
      bool found = false;
      for (const json& param : op.value("parameters", json::array())) {
        found = found || (param["in"] == "query" && param["name"] == p.name);
      }
      EXPECT_TRUE(found) << route.pattern << " ?" << p.name;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 4);
  const json& params = doc["paths"]["/api/v1/costs"]["get"]["parameters"];
  EXPECT_EQ(params[0]["schema"], (json{{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}}));
  EXPECT_EQ(params[0]["description"], "rows");
  EXPECT_EQ(params[1]["schema"]["enum"], json::array({"a", "b"}));
  EXPECT_EQ(params[2]["style"], "deepObject");
  EXPECT_EQ(params[2]["schema"]["type"], "object");
  EXPECT_NE(params[3]["schema"]["description"].get<std::string>().find("1970-01-01"), std::string::npos);
}

TEST(OpenApiDocumentTest, DeclaredAnswersCarryTheirSchemaAndUndeclaredOnesAreMarked) {
  Router r;
  Route created = test::route(HttpMethod::kPost, "/api/v1/things");
  created.response =
      responds(201, schema::object({{"id", schema::uuid()}}, {{"note", schema::string()}}), "Made").or_status(200);
  ASSERT_TRUE(r.add(created).ok());
  Route gone = test::route(HttpMethod::kDelete, "/api/v1/things/{id}");
  gone.response = responds_empty("Removed");
  ASSERT_TRUE(r.add(gone).ok());
  ASSERT_TRUE(r.add(test::route(HttpMethod::kGet, "/api/v1/plain")).ok());
  const nlohmann::json doc = nlohmann::json::parse(render_openapi(r, {}));
  const nlohmann::json& made = doc["paths"]["/api/v1/things"]["post"]["responses"];
  ASSERT_TRUE(made.contains("201"));
  EXPECT_EQ(made["201"]["description"], "Made");
  const nlohmann::json& s = made["201"]["content"]["application/json"]["schema"];
  EXPECT_EQ(s["required"], nlohmann::json::array({"id"}));
  EXPECT_EQ(s["additionalProperties"], false);
  EXPECT_EQ(s["properties"]["id"]["format"], "uuid");
  EXPECT_EQ(made["200"], made["201"]);
  EXPECT_FALSE(made.contains("x-response-undeclared"));
  const nlohmann::json& removed = doc["paths"]["/api/v1/things/{id}"]["delete"]["responses"]["204"];
  EXPECT_EQ(removed["description"], "Removed");
  EXPECT_FALSE(removed.contains("content"));
  EXPECT_EQ(doc["paths"]["/api/v1/plain"]["get"]["x-response-undeclared"], true);
}

}  // namespace
}  // namespace fg::api
