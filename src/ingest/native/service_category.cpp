#include "ingest/native/service_category.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace fg::ingest::native {

namespace {

using Entry = std::pair<std::string_view, std::string_view>;

constexpr std::string_view kOther = "Other";

constexpr auto kAws = std::to_array<Entry>({
    {"AWSBackup", "Storage"},
    {"AWSCloudTrail", "Management and Governance"},
    {"AWSCodeBuild", "Developer Tools"},
    {"AWSCodePipeline", "Developer Tools"},
    {"AWSConfig", "Management and Governance"},
    {"AWSCostExplorer", "Management and Governance"},
    {"AWSDataTransfer", "Networking"},
    {"AWSELB", "Networking"},
    {"AWSGlue", "Analytics"},
    {"AWSLambda", "Compute"},
    {"AWSQueueService", "Integration"},
    {"AWSSecretsManager", "Security"},
    {"AWSSystemsManager", "Management and Governance"},
    {"AWSTransfer", "Storage"},
    {"AWSXRay", "Developer Tools"},
    {"AmazonAthena", "Analytics"},
    {"AmazonCloudFront", "Networking"},
    {"AmazonCloudWatch", "Management and Governance"},
    {"AmazonDocDB", "Databases"},
    {"AmazonDynamoDB", "Databases"},
    {"AmazonEC2", "Compute"},
    {"AmazonECR", "Compute"},
    {"AmazonECS", "Compute"},
    {"AmazonEFS", "Storage"},
    {"AmazonEKS", "Compute"},
    {"AmazonES", "Analytics"},
    {"AmazonElastiCache", "Databases"},
    {"AmazonFSx", "Storage"},
    {"AmazonGuardDuty", "Security"},
    {"AmazonKinesis", "Analytics"},
    {"AmazonMSK", "Analytics"},
    {"AmazonNeptune", "Databases"},
    {"AmazonRDS", "Databases"},
    {"AmazonRedshift", "Databases"},
    {"AmazonRoute53", "Networking"},
    {"AmazonS3", "Storage"},
    {"AmazonS3GlacierDeepArchive", "Storage"},
    {"AmazonSNS", "Integration"},
    {"AmazonSageMaker", "AI and Machine Learning"},
    {"AmazonVPC", "Networking"},
    {"AmazonWorkSpaces", "Business Applications"},
    {"awskms", "Security"},
    {"awswaf", "Security"},
});

constexpr auto kAzure = std::to_array<Entry>({
    {"advanced threat protection", "Security"},
    {"api management", "Integration"},
    {"application gateway", "Networking"},
    {"azure app service", "Web"},
    {"azure cosmos db", "Databases"},
    {"azure data factory v2", "Analytics"},
    {"azure database for mysql", "Databases"},
    {"azure database for postgresql", "Databases"},
    {"azure firewall", "Security"},
    {"azure monitor", "Management and Governance"},
    {"backup", "Storage"},
    {"bandwidth", "Networking"},
    {"cognitive services", "AI and Machine Learning"},
    {"container instances", "Compute"},
    {"container registry", "Compute"},
    {"content delivery network", "Networking"},
    {"event hubs", "Integration"},
    {"functions", "Compute"},
    {"key vault", "Security"},
    {"load balancer", "Networking"},
    {"log analytics", "Management and Governance"},
    {"logic apps", "Integration"},
    {"microsoft defender for cloud", "Security"},
    {"redis cache", "Databases"},
    {"service bus", "Integration"},
    {"sql database", "Databases"},
    {"storage", "Storage"},
    {"virtual machines", "Compute"},
    {"virtual machines licenses", "Compute"},
    {"virtual network", "Networking"},
    {"vpn gateway", "Networking"},
});

constexpr auto kGcp = std::to_array<Entry>({
    {"App Engine", "Web"},
    {"Artifact Registry", "Developer Tools"},
    {"BigQuery", "Analytics"},
    {"Cloud Build", "Developer Tools"},
    {"Cloud DNS", "Networking"},
    {"Cloud Functions", "Compute"},
    {"Cloud Key Management Service (KMS)", "Security"},
    {"Cloud Logging", "Management and Governance"},
    {"Cloud Memorystore for Redis", "Databases"},
    {"Cloud Monitoring", "Management and Governance"},
    {"Cloud Pub/Sub", "Integration"},
    {"Cloud Run", "Compute"},
    {"Cloud SQL", "Databases"},
    {"Cloud Spanner", "Databases"},
    {"Cloud Storage", "Storage"},
    {"Compute Engine", "Compute"},
    {"Dataflow", "Analytics"},
    {"Firestore", "Databases"},
    {"Kubernetes Engine", "Compute"},
    {"Networking", "Networking"},
    {"Secret Manager", "Security"},
    {"Vertex AI", "AI and Machine Learning"},
});

template <std::size_t N>
std::string_view lookup(const std::array<Entry, N>& table, std::string_view key) {
  for (const Entry& e : table) {
    if (e.first == key) return e.second;
  }
  return kOther;
}

}  // namespace

std::string_view aws_service_category(std::string_view product_code) {
  return lookup(kAws, product_code);
}

std::string_view azure_service_category(std::string_view meter_category) {
  std::string lower(meter_category);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lookup(kAzure, lower);
}

std::string_view gcp_service_category(std::string_view service_description) {
  return lookup(kGcp, service_description);
}

}  // namespace fg::ingest::native
