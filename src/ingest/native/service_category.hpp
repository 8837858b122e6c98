// The FOCUS ServiceCategory of a native service name. The tables list common services of each
// provider, written from the providers' product catalogues; anything else is "Other" (FOCUS's
// catch-all), so an unknown service is never refused, only less well grouped.
#pragma once

#include <string_view>

namespace fg::ingest::native {

//! AWS lineItem/ProductCode (`AmazonEC2`, `AmazonS3`, ...).
std::string_view aws_service_category(std::string_view product_code);
//! Azure MeterCategory (`Virtual Machines`, `Storage`, ...), compared without case.
std::string_view azure_service_category(std::string_view meter_category);
//! GCP service.description (`Compute Engine`, `Cloud Storage`, ...).
std::string_view gcp_service_category(std::string_view service_description);

}  // namespace fg::ingest::native
