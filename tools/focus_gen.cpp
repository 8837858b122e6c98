// focus_gen: a deterministic generator of realistic, conformant FOCUS 1.2 CSV, to stdout.
//
//   focus_gen --rows 1000000 [--seed 42] [--month 2024-09] [--days N]
//
// --days N keeps the charges in the month's first N days (a month to date, for demo data).
//
// Three providers, 200 services, 50,000 resources, 20 billing accounts (two bill in EUR), tags on
// most resources, hourly charges over one month; Usage with some commitment-covered rows, Tax and
// Credit rows. Costs are exact decimal products (unit price × quantity), so strict ingest accepts
// the output. The same arguments always produce the same bytes. Standalone: only the C++ library.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

struct Rng {
  std::uint64_t s;
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }
};

constexpr int kServices = 200;
constexpr int kResources = 50000;
constexpr int kAccounts = 20;

const char* kProviders[3] = {"AWS", "Microsoft", "Google Cloud"};
const char* kCategories[] = {"Compute",        "Storage",     "Databases",
                             "Networking",     "Analytics",   "AI and Machine Learning",
                             "Security",       "Integration", "Management and Governance",
                             "Developer Tools"};
const char* kRegions[][2] = {{"us-east-1", "US East (N. Virginia)"},
                             {"us-west-2", "US West (Oregon)"},
                             {"eu-west-1", "Europe (Ireland)"},
                             {"eu-central-1", "Europe (Frankfurt)"},
                             {"ap-southeast-1", "Asia Pacific (Singapore)"},
                             {"westeurope", "West Europe"}};
const char* kUnits[] = {"Hours", "GB-Hours", "Requests", "GB", "Units"};
const char* kTeams[] = {"data", "web", "platform", "ml", "payments", "search"};
const char* kEnvs[] = {"prod", "staging", "dev"};

// Prints v (in units of 10^-scale) as a decimal with exactly `scale` fractional digits.
void put_fixed(std::string& out, std::int64_t v, int scale) {
  char buf[48];
  const bool neg = v < 0;
  std::uint64_t u = neg ? static_cast<std::uint64_t>(-v) : static_cast<std::uint64_t>(v);
  std::uint64_t p = 1;
  for (int i = 0; i < scale; ++i) p *= 10;
  const int n = std::snprintf(buf, sizeof buf, "%s%" PRIu64 ".%0*" PRIu64, neg ? "-" : "", u / p, scale, u % p);
  out.append(buf, static_cast<std::size_t>(n));
}

void put_time(std::string& out, int y, int m, int d, int h) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:00:00Z", y, m, d, h);
  out.append(buf, static_cast<std::size_t>(n));
}

int days_in(int y, int m) {
  static const int k[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : k[m - 1];
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t rows = 1000, seed = 42;
  int year = 2024, month = 9, days = 31;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--rows"))
      rows = std::strtoull(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--seed"))
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--month"))
      std::sscanf(argv[i + 1], "%d-%d", &year, &month);
    else if (!std::strcmp(argv[i], "--days"))
      days = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: focus_gen --rows N [--seed S] [--month YYYY-MM] [--days N]\n");
      return 2;
    }
  }
  if (month < 1 || month > 12 || days < 1) return 2;
  const int ny = month == 12 ? year + 1 : year, nm = month == 12 ? 1 : month + 1;
  const int hours = (days < days_in(year, month) ? days : days_in(year, month)) * 24;
  Rng rng{seed};
  std::string out;
  out.reserve(1 << 22);
  out +=
      "AvailabilityZone,BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,"
      "BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,ChargePeriodEnd,"
      "ChargePeriodStart,CommitmentDiscountCategory,CommitmentDiscountId,CommitmentDiscountName,"
      "CommitmentDiscountStatus,CommitmentDiscountType,ConsumedQuantity,ConsumedUnit,ContractedCost,"
      "ContractedUnitPrice,EffectiveCost,InvoiceIssuerName,ListCost,ListUnitPrice,PricingCategory,"
      "PricingQuantity,PricingUnit,ProviderName,PublisherName,RegionId,RegionName,ResourceId,ResourceName,"
      "ResourceType,ServiceCategory,ServiceName,ServiceSubcategory,SkuId,SkuPriceId,SubAccountId,SubAccountName,"
      "Tags,x_Generator\n";
  char buf[512];
  for (std::uint64_t i = 0; i < rows; ++i) {
    const int r = static_cast<int>(rng.below(kResources));
    const int svc = r % kServices;
    const int prov = svc % 3;
    const int account = r % kAccounts;
    const bool eur = account % 10 == 7;
    const int sub = r % 400;
    const int region = (r / 7) % 6;
    const int h = static_cast<int>(rng.below(static_cast<std::uint64_t>(hours)));
    const int day = h / 24 + 1, hour = h % 24;
    const std::uint64_t roll = rng.below(1000);
    const char* category = roll < 10 ? "Tax" : roll < 20 ? "Credit" : "Usage";
    const bool usage = roll >= 20;
    const bool committed = usage && roll >= 950;
    // Prices in 10^-6, quantities in 10^-4: every cost is an exact 10^-10 product.
    const std::int64_t qty = 1 + static_cast<std::int64_t>(rng.below(200000));
    const std::int64_t list_price = 1 + static_cast<std::int64_t>((svc * 7919 + r % 13) % 900000);
    const std::int64_t contracted_price = list_price * (100 - (account % 5) * 5) / 100;
    std::int64_t list_cost = list_price * qty, contracted_cost = contracted_price * qty;
    std::int64_t billed = contracted_cost, effective = contracted_cost;
    if (committed) billed = 0;
    if (!usage) {
      const std::int64_t amount = static_cast<std::int64_t>(rng.below(5000000000ULL)) * (roll < 10 ? 1 : -1);
      list_cost = contracted_cost = billed = effective = amount;
    }

    if (usage && region < 5) out += kRegions[region][0], out += 'a';
    out += ',';
    put_fixed(out, billed, 10);
    std::snprintf(buf, sizeof buf, ",%012d,Account %d,%s,", 100000 + account, account, eur ? "EUR" : "USD");
    out += buf;
    put_time(out, ny, nm, 1, 0);
    out += ',';
    put_time(out, year, month, 1, 0);
    out += ',';
    out += category;
    out += ",,";
    std::snprintf(buf, sizeof buf, "%s charge for service %d", category, svc);
    out += buf;
    out += usage ? ",Usage-Based," : ",One-Time,";
    put_time(out, year, month, day, hour);  // end is patched below for hour 23
    if (hour == 23) {
      out.resize(out.size() - 20);
      if (day == days_in(year, month))
        put_time(out, ny, nm, 1, 0);
      else
        put_time(out, year, month, day + 1, 0);
    } else {
      out.resize(out.size() - 20);
      put_time(out, year, month, day, hour + 1);
    }
    out += ',';
    put_time(out, year, month, day, hour);
    if (committed) {
      std::snprintf(buf, sizeof buf, ",Usage,cd-%d-%d,Commitment %d,Used,Reserved Instance,", prov, svc % 10, svc % 10);
      out += buf;
    } else {
      out += ",,,,,,";
    }
    if (usage) put_fixed(out, qty, 4);
    out += ',';
    if (usage) out += kUnits[svc % 5];
    out += ',';
    put_fixed(out, contracted_cost, 10);
    out += ',';
    if (usage) put_fixed(out, contracted_price, 6);
    out += ',';
    put_fixed(out, effective, 10);
    out += ',';
    out += kProviders[prov];
    out += ',';
    put_fixed(out, list_cost, 10);
    out += ',';
    if (usage) put_fixed(out, list_price, 6);
    out += ',';
    if (usage) out += committed ? "Committed" : "Standard";
    out += ',';
    if (usage) put_fixed(out, qty, 4);
    out += ',';
    if (usage) out += kUnits[svc % 5];
    std::snprintf(buf, sizeof buf, ",%s,%s,%s,%s", kProviders[prov], kProviders[prov], usage ? kRegions[region][0] : "",
                  usage ? kRegions[region][1] : "");
    out += buf;
    if (usage) {
      std::snprintf(buf, sizeof buf, ",arn:%s:svc%03d:%s:%012d:resource/r-%06d,res-%06d,Type %d",
                    prov == 0   ? "aws"
                    : prov == 1 ? "azure"
                                : "gcp",
                    svc, kRegions[region][0], 100000 + account, r, r, svc % 9);
      out += buf;
    } else {
      out += ",,,";
    }
    const char* cat = kCategories[svc % 10];
    std::snprintf(buf, sizeof buf, ",%s,Service %03d %s,Other (%s)", cat, svc, kProviders[prov], cat);
    out += buf;
    if (usage) {
      std::snprintf(buf, sizeof buf, ",SKU%05d,SKU%05d-P%d", svc * 10 + r % 10, svc * 10 + r % 10, account % 5);
      out += buf;
    } else {
      out += ",,";
    }
    std::snprintf(buf, sizeof buf, ",sub-%04d,Subscription %d,", sub, sub);
    out += buf;
    if (usage && r % 5 != 0) {
      std::snprintf(buf, sizeof buf,
                    "\"{\"\"env\"\": \"\"%s\"\", \"\"team\"\": \"\"%s\"\", \"\"app\"\": \"\"app-%d\"\"}\"",
                    kEnvs[r % 3], kTeams[r % 6], r % 500);
      out += buf;
    }
    out += ",focus_gen\n";
    if (out.size() > (1 << 22) - 4096) {
      if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) return 1;
      out.clear();
    }
  }
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) return 1;
  return std::fflush(stdout) == 0 ? 0 : 1;
}
